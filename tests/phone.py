"""What a student sees on a phone (390 x 844, touch): is the title on one line, can every tab be tapped, where does
the tab's first view start, does the page scroll sideways, which controls are smaller than a finger, and which
charts' titles run past the chart's edges.

    m = phone_metrics(page, "#pos-plot")
    m == {'title_lines': 1, 'tabs': 8, 'tabs_shown': 8, 'first_view_y': 912, 'page_width': 390, 'vw': 390,
          'small_targets': [], 'cut_titles': []}
"""

from __future__ import annotations

PHONE = {"width": 390, "height": 844}
MIN_TARGET_PX = 44  # WCAG 2.5.5 and Apple's and Google's guidelines: a finger needs 44 px

METRICS_JS = """([first, minTarget]) => {
  const vw = document.documentElement.clientWidth, vh = window.innerHeight;
  const shown = el => { const r = el.getBoundingClientRect(); const s = getComputedStyle(el);
    return r.width > 0 && r.height > 0 && s.visibility !== 'hidden' && !!el.offsetParent; };
  const name = el => el.id ? '#' + el.id : el.tagName.toLowerCase()
    + (el.getAttribute('aria-label') ? `[aria-label="${el.getAttribute('aria-label')}"]` : '')
    + (el.innerText ? ` '${el.innerText.trim().slice(0, 24)}'` : '')
    + (el.closest('[id]') ? ' in #' + el.closest('[id]').id : '');
  // gradio's container clips what overflows it (overflow: hidden): its own scroll width is the content's width
  const container = document.querySelector('.gradio-container');
  const clipped = container ? container.scrollWidth : 0;
  const h1 = document.querySelector('h1');
  let titleLines = 0;
  if (h1) { const range = document.createRange(); range.selectNodeContents(h1);
    titleLines = new Set([...range.getClientRects()].map(r => Math.round(r.top))).size; }
  const bar = document.querySelector('#app-tabs [role=tablist]');
  const tabs = bar ? [...bar.querySelectorAll('[role=tab]')] : [];
  const tabsShown = tabs.filter(el => { const r = el.getBoundingClientRect();
    return shown(el) && r.left >= -1 && r.right <= vw + 1; }).length;
  const el = first && document.querySelector(first);
  const firstY = el ? el.getBoundingClientRect().top + window.scrollY : null;
  const targets = [...document.querySelectorAll(
    'button, [role=tab], input[type=range], select, summary, input[role=listbox], label:has(input[type=checkbox]), '
    + 'label:has(input[type=radio])')];
  const small = targets.filter(el => shown(el) && !el.closest('.modebar, .js-plotly-plot, [aria-hidden=true]')
      && el.getBoundingClientRect().height < minTarget - 0.5)
    .map(el => `${name(el)}: ${el.getBoundingClientRect().height.toFixed(0)} px tall`);
  // a plotly title is one line of SVG text: past the chart's edges it is cut off
  const cut = [...document.querySelectorAll('.js-plotly-plot')].filter(shown).flatMap(gd => {
    const svg = gd.querySelector('.main-svg'), title = gd.querySelector('.gtitle');
    if (!svg || !title) return [];
    const s = svg.getBoundingClientRect(), r = title.getBoundingClientRect();
    return r.width > 0 && (r.left < s.left - 1 || r.right > s.right + 1)
      ? [`#${(gd.closest('[id]') || {}).id}: '${title.textContent.slice(0, 40)}' ${r.width.toFixed(0)} px in `
         + `${s.width.toFixed(0)} px`] : [];
  });
  return {title_lines: titleLines, tabs: tabs.length, tabs_shown: tabsShown, first_view_y: firstY,
          page_width: Math.max(document.documentElement.scrollWidth, clipped), vw, vh, small_targets: small,
          cut_titles: cut};
}"""


def phone_metrics(page, first_view: str | None) -> dict:
    """The measures above, with the page scrolled to its top (`first_view`: a CSS selector)."""
    page.evaluate("window.scrollTo(0, 0)")
    return page.evaluate(METRICS_JS, [first_view, MIN_TARGET_PX])


def first_view(tab) -> str | None:
    """The selector of the tab's first key output (a chart's plotly element)."""
    if not tab.key_outputs:
        return None
    component = tab.key_outputs[0]
    plot = component.__class__.__name__ == "Plot"
    return f"#{component.elem_id} .js-plotly-plot" if plot else f"#{component.elem_id}"
