"""Seen, not just present: is a key output inside the viewport, unclipped, uncovered and readable?

`assert_seen(page, "#attention-head-plot .js-plotly-plot", chart=True)` scrolls the element into view
vertically (never sideways: a student does not find a column by scrolling the page right), then measures it
in the page and fails with the numbers:

    #ft-pinned th >> 'p(same)': right edge 2561 px > viewport width 1400 px
"""

from __future__ import annotations

MIN_FONT_PX = 12  # text a student reads from a laptop or a phone
MIN_CHART_PX = (240, 160)  # a chart smaller than this (width, height) cannot be read
MIN_CHART_FONT_PX = 9  # plotly's tick labels (its default is 12; the page may scale it down a little)

MEASURE_JS = """
(el) => {
  const box0 = el.getBoundingClientRect();
  window.scrollBy(0, box0.top - Math.max(0, (window.innerHeight - box0.height) / 2));
  const box = el.getBoundingClientRect();
  const vw = document.documentElement.clientWidth, vh = window.innerHeight;
  const clips = [];
  for (let a = el.parentElement; a && a !== document.body && a !== document.documentElement; a = a.parentElement) {
    const s = getComputedStyle(a);
    const x = s.overflowX !== 'visible', y = s.overflowY !== 'visible';
    if (!x && !y) continue;
    const r = a.getBoundingClientRect();
    const name = a.id ? '#' + a.id : a.tagName.toLowerCase() + '.' + [...a.classList].slice(0, 2).join('.');
    if (x && (box.left < r.left - 1 || box.right > r.right + 1))
      clips.push(`${name} (overflow-x ${s.overflowX}) shows x ${r.left.toFixed(0)}..${r.right.toFixed(0)}, `
                 + `the element spans ${box.left.toFixed(0)}..${box.right.toFixed(0)}`);
    if (y && (box.top < r.top - 1 || box.bottom > r.bottom + 1))
      clips.push(`${name} (overflow-y ${s.overflowY}) shows y ${r.top.toFixed(0)}..${r.bottom.toFixed(0)}, `
                 + `the element spans ${box.top.toFixed(0)}..${box.bottom.toFixed(0)}`);
  }
  const cx = (Math.max(box.left, 0) + Math.min(box.right, vw)) / 2;
  const cy = (Math.max(box.top, 0) + Math.min(box.bottom, vh)) / 2;
  const hit = document.elementFromPoint(cx, cy);
  const covered = hit && hit !== el && !el.contains(hit)
    ? (hit.id ? '#' + hit.id : hit.tagName.toLowerCase() + '.' + [...hit.classList].slice(0, 2).join('.')) : null;
  const fonts = [];
  for (const node of [el, ...el.querySelectorAll('*')]) {
    const own = [...node.childNodes].some(c => c.nodeType === 3 && c.textContent.trim());
    if (own && node.getClientRects().length) fonts.push(parseFloat(getComputedStyle(node).fontSize));
  }
  return {left: box.left, right: box.right, top: box.top, bottom: box.bottom, width: box.width,
          height: box.height, vw, vh, clips, covered, cx, cy, font: fonts.length ? Math.min(...fonts) : null};
}
"""


# gradio covers an output with its status tracker (a spinner) while the output is being computed again: a person
# sees the output once it is drawn, so the check waits for that first, and fails if the spinner stays. A streaming
# output (a fine-tune's table during its run) keeps its tracker up while it streams: it is measured as it is.
SETTLE_MS = 15_000
SETTLED_JS = """(el) => {
  const block = el.closest('.block') || el;
  const tracker = block.querySelector('[data-testid="status-tracker"]');
  return !tracker || tracker.classList.contains('hide') || !!tracker.querySelector('.error');
}"""


def measure(locator, streaming: bool = False) -> dict:
    """The element's box (after a vertical scroll), the viewport, clipping ancestors, what covers its centre;
    measured once its spinner is gone (`streaming`: at once, as it is)."""
    locator.wait_for(state="attached", timeout=30_000)
    if not streaming:
        locator.page.wait_for_function(SETTLED_JS, arg=locator.element_handle(), timeout=SETTLE_MS)
    return locator.evaluate(MEASURE_JS)


def problems(m: dict, chart: bool = False) -> list[str]:
    """What keeps a person from seeing the measured element (empty: seen)."""
    found = []
    if m["width"] < 1 or m["height"] < 1:
        return [f"it has no size ({m['width']:.0f} x {m['height']:.0f} px): hidden or not drawn"]
    if m["left"] < -1:
        found.append(f"left edge {m['left']:.0f} px < 0")
    if m["right"] > m["vw"] + 1:
        found.append(f"right edge {m['right']:.0f} px > viewport width {m['vw']} px")
    found += [f"clipped by {clip}" for clip in m["clips"]]
    if m["covered"]:
        found.append(f"covered at its centre ({m['cx']:.0f}, {m['cy']:.0f}) by {m['covered']}")
    smallest = MIN_CHART_FONT_PX if chart else MIN_FONT_PX
    if m["font"] is not None and m["font"] < smallest:
        found.append(f"font {m['font']:.1f} px < {smallest} px")
    if chart and (m["width"] < MIN_CHART_PX[0] or m["height"] < MIN_CHART_PX[1]):
        found.append(f"chart {m['width']:.0f} x {m['height']:.0f} px < {MIN_CHART_PX[0]} x {MIN_CHART_PX[1]} px")
    return found


def assert_seen(page, target, *, chart: bool = False, name: str | None = None, streaming: bool = False) -> dict:
    """Fail unless a person can see `target` (a selector or a Locator); returns the measurements."""
    locator = page.locator(target).first if isinstance(target, str) else target
    m = measure(locator, streaming)
    found = problems(m, chart)
    assert not found, f"{name or target} is not seen: " + "; ".join(found)
    return m
