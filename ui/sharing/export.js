() => {
  // Export and accessibility for every plotly chart of the app (run once when the page opens).
  // Every chart's toolbar: PNG at 1920 x 1080 and SVG for a slide (named after the chart), the numbers as
  // CSV, and the numbers as an HTML table under the chart (for screen readers, and for reading values off).
  // The toolbar is always shown and its buttons are reached with Tab and pressed with Enter or Space.
  if (window.__playgroundExport) return;
  window.__playgroundExport = true;
  const SLIDE = { width: 960, height: 540, scale: 2 }; // 960 x 540 layout drawn at 2x: 1920 x 1080 pixels
  const MAX_TABLE_ROWS = 200;
  const MAX_TABLE_COLUMNS = 130;

  const plainText = (label) => {
    const box = document.createElement("textarea");
    box.innerHTML = String(label ?? ""); // plotly labels are escaped HTML ("&lt;"); a textarea never runs it
    return box.value.replace(/\u200b/g, "").replace(/<br>/g, " ");
  };
  const titleOf = (gd) => plainText(gd.layout?.title?.text || gd.layout?.title || "chart");
  const fileName = (gd) =>
    titleOf(gd).replace(/[^\p{L}\p{N}]+/gu, "-").replace(/^-+|-+$/g, "").slice(0, 80) || "chart";

  const listOf = (values) => (values == null ? [] : Array.from(values));
  const rowsOf = (z) => listOf(z).map((row) => (row != null && typeof row === "object" ? listOf(row) : [row]));

  // One block per trace: a heatmap as a matrix (its x labels across, y labels down), a line or bar as x, y.
  function blocks(gd) {
    const traces = gd._fullData || gd.data || [];
    return traces.map((trace, index) => {
      const given = gd.data?.[index]?.name; // plotly names an unnamed trace "trace 0"
      const name = plainText(given || (traces.length === 1 ? titleOf(gd) : `${trace.type} ${index + 1}`));
      if (trace.type === "heatmap") {
        const z = rowsOf(trace.z);
        const width = z.length ? Math.max(...z.map((row) => row.length)) : 0;
        const x = trace.x ? listOf(trace.x).map(plainText) : [...Array(width).keys()].map(String);
        const y = trace.y ? listOf(trace.y).map(plainText) : [...Array(z.length).keys()].map(String);
        return { name, header: [name, ...x], rows: z.map((row, i) => [y[i] ?? String(i), ...row]) };
      }
      const x = listOf(trace.x), y = listOf(trace.y);
      const n = Math.max(x.length, y.length);
      const rows = [...Array(n).keys()].map((i) => [plainText(x[i] ?? i), y[i]]);
      return { name, header: [`${name}: x`, "y"], rows };
    });
  }

  const cell = (value) => {
    if (value === null || value === undefined || (typeof value === "number" && Number.isNaN(value))) return "";
    if (typeof value === "number") return String(value);
    let text = String(value);
    if (/^[=+\-@\t\r]/.test(text) && Number.isNaN(Number(text))) text = "'" + text; // no formula in Excel
    return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  const csvOf = (gd) =>
    blocks(gd).map((b) => [b.header, ...b.rows].map((row) => row.map(cell).join(",")).join("\n")).join("\n\n") + "\n";

  function download(text, name, type) {
    const link = document.createElement("a");
    link.href = URL.createObjectURL(new Blob(["\ufeff" + text], { type })); // BOM: Excel reads UTF-8 (Chinese)
    link.download = name;
    document.body.appendChild(link);
    link.click();
    setTimeout(() => { URL.revokeObjectURL(link.href); link.remove(); }, 1000);
  }

  function numbers(value) {
    if (typeof value !== "number") return value ?? "";
    return Number.isInteger(value) ? String(value) : value.toPrecision(4);
  }

  function tableOf(gd) {
    const box = document.createElement("div");
    box.className = "plot-numbers";
    box.tabIndex = 0; // a scrollable region is reachable with the keyboard
    box.setAttribute("role", "region");
    box.setAttribute("aria-label", `numbers of ${titleOf(gd)}`);
    box.style.cssText = "max-height:420px;overflow:auto;font-size:12px;margin-top:4px";
    const css = "border-collapse:collapse;margin-bottom:8px";
    const cellCss = "padding:1px 6px;text-align:right;border-bottom:1px solid #e5e7eb;white-space:nowrap";
    for (const block of blocks(gd)) {
      const table = document.createElement("table");
      table.style.cssText = css;
      const caption = table.createCaption();
      caption.style.cssText = "caption-side:top;text-align:left;font-weight:600;padding:4px 0";
      const rows = block.rows.slice(0, MAX_TABLE_ROWS);
      const columns = block.header.length > MAX_TABLE_COLUMNS + 1;
      caption.textContent = (block.name === titleOf(gd) ? block.name : `${titleOf(gd)} · ${block.name}`) +
        (rows.length < block.rows.length || columns ? " (first rows and columns; the CSV has all)" : "");
      const head = table.createTHead().insertRow();
      for (const label of block.header.slice(0, MAX_TABLE_COLUMNS + 1)) {
        const th = document.createElement("th");
        th.scope = "col";
        th.style.cssText = cellCss;
        th.textContent = label;
        head.appendChild(th);
      }
      const body = table.createTBody();
      for (const row of rows) {
        const tr = body.insertRow();
        row.slice(0, MAX_TABLE_COLUMNS + 1).forEach((value, i) => {
          const td = document.createElement(i === 0 ? "th" : "td");
          if (i === 0) td.scope = "row";
          td.style.cssText = cellCss;
          td.textContent = i === 0 ? value : numbers(value);
          tr.appendChild(td);
        });
      }
      box.appendChild(table);
    }
    return box;
  }

  function toggleTable(gd) {
    const open = gd.parentElement.querySelector(":scope > .plot-numbers");
    if (open) { open.remove(); return; }
    gd.after(tableOf(gd));
    if (!gd.__numbersHooked && gd.on) {
      gd.__numbersHooked = true; // a redrawn chart redraws its open table
      gd.on("plotly_afterplot", () => {
        const stale = gd.parentElement?.querySelector(":scope > .plot-numbers");
        if (stale) stale.replaceWith(tableOf(gd));
      });
    }
  }

  function configure(Plotly) {
    const icon = (name) => Plotly.Icons?.[name] || Plotly.Icons?.disk;
    Plotly.setPlotConfig({
      displaylogo: false,
      displayModeBar: true,
      modeBarButtonsToRemove: ["toImage"], // replaced below: the same PNG, named after the chart
      modeBarButtonsToAdd: [
        {
          name: "Download as PNG (1920 × 1080)",
          icon: icon("camera"),
          click: (gd) => Plotly.downloadImage(gd, { format: "png", filename: fileName(gd), ...SLIDE }),
        },
        {
          name: "Download as SVG (slide, 16:9)",
          icon: icon("camera-retro"),
          click: (gd) => Plotly.downloadImage(gd, { format: "svg", filename: fileName(gd), ...SLIDE }),
        },
        {
          name: "Download the numbers as CSV",
          icon: icon("disk"),
          click: (gd) => download(csvOf(gd), fileName(gd) + ".csv", "text/csv;charset=utf-8"),
        },
        { name: "Show or hide the numbers as a table", icon: icon("tooltip_basic"), click: toggleTable },
      ],
    });
  }

  if (window.Plotly) configure(window.Plotly);
  else {
    // gradio loads plotly.js with the first chart and sets window.Plotly: configure it before it draws
    let plotly;
    Object.defineProperty(window, "Plotly", {
      configurable: true,
      get: () => plotly,
      set: (value) => { plotly = value; configure(value); },
    });
  }

  // The toolbar's buttons are links without href: make them buttons that Tab reaches and Enter presses.
  const reachable = (root) => {
    for (const button of root.querySelectorAll?.(".modebar-btn:not([tabindex])") || []) {
      button.tabIndex = 0;
      button.setAttribute("role", "button");
      button.setAttribute("aria-label", button.getAttribute("data-title") || "chart tool");
      button.addEventListener("keydown", (event) => {
        if (event.key === "Enter" || event.key === " ") { event.preventDefault(); button.dispatchEvent(new MouseEvent("click", { bubbles: true })); }
      });
    }
  };
  new MutationObserver(() => reachable(document)).observe(document.body, { childList: true, subtree: true });
  window.playgroundCsv = csvOf; // for tests and the curious: window.playgroundCsv(chartDiv)
}
