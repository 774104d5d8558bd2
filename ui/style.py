"""The page's look for everyone: a theme whose colours pass WCAG 2.1 AA contrast, a phone layout, and the charts'
text alternatives. app.py passes `THEME`, `CSS` and `page_js(...)` to `launch()` (tests/test_browser_a11y.py audits
the result with axe-core, tests/test_browser_phone.py walks it at 390 x 844).

Gradio's default theme writes hints, placeholders and the footer in neutral-400 (#bbbbc2: 1.9:1 on white) and white
on orange-500 buttons (2.8:1); AA asks 4.5:1 for text. The theme below keeps gradio's look one shade darker.
"""

from __future__ import annotations

import json

import gradio as gr

PHONE_MAX_PX = 640  # below this width the page is laid out for a phone (360-430 px wide, touch)
TOUCH_PX = 44  # WCAG 2.5.5: a finger needs 44 x 44 px

THEME = gr.themes.Default().set(
    body_text_color_subdued="*neutral_600",  # hints (info=), the footer: 7.7:1 on white
    block_label_text_color="*neutral_600",
    block_title_text_color="*neutral_600",
    input_placeholder_color="*neutral_500",  # 4.8:1
    button_primary_background_fill="*primary_700",  # white on orange-700: 5.2:1
    button_primary_background_fill_hover="*primary_800",
    button_primary_border_color="*primary_700",
    color_accent="*primary_700",
    button_cancel_background_fill="#b91c1c",  # white on red-700: 6.5:1 (red-500, gradio's stop button: 3.8:1)
    button_cancel_background_fill_hover="#991b1b",
    button_cancel_border_color="#b91c1c",
    link_text_color="*secondary_700",
)

# gradio prefixes every selector of launch(css=...) with `.gradio-container .contain`: the rules name what lies inside.
CSS = f"""
.phone-only {{ display: none !important; }}
@media (max-width: {PHONE_MAX_PX}px) {{
  #app-header .prose h1 {{ font-size: 21px; white-space: nowrap; overflow: hidden; text-overflow: ellipsis;
                          margin: 0 0 2px 0; }}
  #app-header .prose p {{ font-size: 13px; line-height: 1.35; margin: 0; }}
  #app-header {{ gap: 4px; flex-wrap: wrap; }}
  #app-header > * {{ min-width: 100% !important; }}
  .phone-fold, #share-panel {{ padding: 0 10px !important; }}
  .phone-fold > .label-wrap, #share-panel > .label-wrap {{ margin: 0 !important; align-items: center; }}
  /* the guided walk: its narration on one row, then its two buttons side by side */
  #scene-bar {{ flex-wrap: wrap; gap: 6px; }}
  #scene-narration {{ order: -1; min-width: 100% !important; min-height: 0; }}
  #scene-previous, #scene-next {{ flex: 1 1 40% !important; min-width: 0 !important; max-height: 48px; }}
  /* touch: every control a finger can hit */
  button, [role=tab], summary,
  .label-wrap {{ min-height: {TOUCH_PX}px; }}
  input[type=range] {{ height: {TOUCH_PX}px; }}
  label:has(input[type=checkbox]), label:has(input[type=radio]) {{
    min-height: {TOUCH_PX}px; align-items: center; }}
  .tab-container.wrap {{ background: none !important; gap: 0 4px; }}
  .tab-container.wrap button {{ height: {TOUCH_PX}px !important; padding: 0 8px; font-size: 14px; }}
  .tab-wrapper.wrap {{ height: auto; }}
  .modebar-container {{ display: none !important; }}
  /* a wide table or formula scrolls in its own box (gradio's container clips what would overflow the page) */
  .prose table, .katex-display {{ display: block; max-width: 100%; overflow-x: auto; overflow-y: hidden; }}
  /* the Losses mask diagram's long inputs stay on one line there (wrapped, 390 px wide, they pushed the summary
     chart past three screens): the diagram scrolls sideways in its own box, as a wide table does */
  #loss-mask-diagram span {{ white-space: pre !important; overflow-wrap: normal !important; }}
  /* plots: token labels thinned when there are many (every 2nd from 13, every 4th from 25, every 8th from 49) */
  .js-plotly-plot .xtick:first-child:nth-last-child(n+13) ~ .xtick:nth-child(2n) text,
  .js-plotly-plot .ytick:first-child:nth-last-child(n+13) ~ .ytick:nth-child(2n) text,
  .js-plotly-plot .xtick:first-child:nth-last-child(n+25) ~ .xtick:not(:nth-child(4n+1)) text,
  .js-plotly-plot .ytick:first-child:nth-last-child(n+25) ~ .ytick:not(:nth-child(4n+1)) text,
  .js-plotly-plot .xtick:first-child:nth-last-child(n+49) ~ .xtick:not(:nth-child(8n+1)) text,
  .js-plotly-plot .ytick:first-child:nth-last-child(n+49) ~ .ytick:not(:nth-child(8n+1)) text {{ display: none; }}
  /* bertviz's views need a mouse and a wide screen: on a phone the heatmaps show the same weights */
  .phone-wide-only iframe {{ display: none !important; }}
  .phone-only {{ display: block !important; }}
  /* a tab's view on its first two screens: its advanced controls wait for the header's "all settings" box (HEAD),
     what it marks phone-after (a note, a secondary input) moves below its column's view, and a row marked
     phone-unwrap lets its columns be ordered among the row's siblings */
  .phone-after {{ order: 1; }}
  .phone-unwrap {{ display: contents !important; }}
}}
/* a Markdown block never scrolls down (none has a height): inline formulas overflow it by a rounding pixel, which
   made it a scrolling box that a keyboard could not reach */
.block:has(> [data-testid="markdown-wrapper"]) {{ overflow-y: hidden !important; }}
/* code: CodeMirror's light highlight colours are 1.6-4.0:1 on white; the code reads in the body's colour */
.cm-content span {{ color: var(--body-text-color) !important; }}
.cm-gutterElement {{ color: var(--body-text-color-subdued) !important; }}
/* the header's presenter toggle and device line fold away on a phone; a desktop shows them unfolded */
@media (min-width: {PHONE_MAX_PX + 1}px) {{
  .phone-fold > .label-wrap {{ display: none !important; }}
  .phone-fold > .label-wrap + div {{ display: block !important; }}
  .phone-fold {{ border: none !important; padding: 0 !important; box-shadow: none !important;
                  background: none !important; }}
}}
"""

# launch(head=...): gradio's footer lies outside what launch(css=...) reaches; its buttons get a finger's height too.
# On a phone the gaps between blocks shrink (gradio's --layout-gap, 16 px, is set on the page's root, which
# launch(css=...) cannot name; a nearer ancestor's value wins), and the advanced controls wait for the header's "all
# settings" box (ui/lecture/presenter.py; gradio's prefix breaks a `body:not(...)` selector in launch(css=...)).
HEAD = f"""<style>
@media (max-width: {PHONE_MAX_PX}px) {{ footer button, footer a {{ min-height: {TOUCH_PX}px; }}
  .gradio-container .contain {{ --layout-gap: 8px; }}
  body:not(.all-settings) .gradio-container .advanced {{ display: none !important; }} }}
</style>"""

# In the page (launch(js=...)), after every change, debounced: each plotly chart gets role=figure and a label (its
# title, then a summary: the kind of chart, its size, its axes), each scrolling box that holds nothing focusable gets
# tabindex=0 and a label (a keyboard can then scroll it; a code view always: presenter mode's larger font or a rotated
# phone can make it scroll with no change in the page for this script to see), and gradio's empty-output placeholder,
# a role-less div with an aria-label, gets role=img. WORDS: the sentences, in the page's language (<html lang>).
A11Y_JS = """
() => {
  const WORDS = %s;
  const say = (key, values) => {
    const lang = (document.documentElement.lang || 'en').toLowerCase().startsWith('zh') ? 'zh' : 'en';
    return WORDS[lang][key].replace(/\\{(\\w+)\\}/g, (_, name) => values[name]);
  };
  const plain = (text) => { const el = document.createElement('div');  // a broken title's lines: one sentence
    el.innerHTML = String(text || '').replace(/<br\\s*\\/?>/gi, ' ');
    return el.textContent.trim(); };
  const titleOf = (t) => plain(t && typeof t === 'object' ? t.text : t);
  const describe = (gd) => {
    const layout = gd.layout || {}, data = gd.data || [];
    const parts = [titleOf(layout.title) || say('a11y.chart', {})];
    const heat = (gd._fullData || data).find(d => d.type === 'heatmap');
    const z = heat && heat.z;
    const shape = z && (z.shape ? String(z.shape).split(',') : [z.length, (z[0] || []).length]);
    if (shape) parts.push(say('a11y.heatmap', {rows: shape[0], cols: shape[1]}));
    else if (data.length) parts.push(say('a11y.series', {n: data.length, kind: data[0].type || 'scatter'}));
    const x = titleOf(layout.xaxis && layout.xaxis.title), y = titleOf(layout.yaxis && layout.yaxis.title);
    if (x || y) parts.push(say('a11y.axes', {x: x || '-', y: y || '-'}));
    return parts.join('. ');
  };
  const focusable = 'a[href], button, input, select, textarea, iframe, [tabindex]';
  const scrolls = (el) => {
    const s = getComputedStyle(el);
    return (/(auto|scroll)/.test(s.overflowY) && el.scrollHeight > el.clientHeight + 1)
        || (/(auto|scroll)/.test(s.overflowX) && el.scrollWidth > el.clientWidth + 1);
  };
  const label = (el) => {
    const block = el.closest('.block');
    const named = block && block.querySelector('[data-testid="block-info"], label span, .label-wrap span');
    return (named && named.textContent.trim()) || say('a11y.scroll', {});
  };
  const mend = () => {
    for (const gd of document.querySelectorAll('.js-plotly-plot')) {
      if (!gd.layout) continue;
      const text = describe(gd);
      if (gd.getAttribute('aria-label') === text) continue;
      gd.setAttribute('role', 'figure');
      gd.setAttribute('aria-label', text);
    }
    for (const el of document.querySelectorAll(
      '.block, [style*="overflow"], .prose table, .katex-display, .cm-scroller')) {  // CodeMirror's: tabindex -1
      const reached = el.hasAttribute('tabindex') && el.getAttribute('tabindex') !== '-1';
      const code = el.classList.contains('cm-scroller');  // may scroll as soon as its font or width changes
      if (reached || !el.offsetParent || !(code || scrolls(el)) || el.querySelector(focusable)) continue;
      el.setAttribute('tabindex', '0');
      if (!el.getAttribute('role')) el.setAttribute('role', 'region');
      el.setAttribute('aria-label', label(el));
    }
    for (const el of document.querySelectorAll('.empty[aria-label]:not([role])')) el.setAttribute('role', 'img');
  };
  let timer = null;  // at most one pass per 250 ms, however busy the page (gradio's spinners change it all the time)
  const soon = () => { if (!timer) timer = setTimeout(() => { timer = null; mend(); }, 250); };
  new MutationObserver(soon)
    .observe(document.body, {childList: true, subtree: true, attributes: true, attributeFilter: ['class', 'style']});
  window.addEventListener('resize', soon);
  mend();
}
"""


# A plotly title is one line of SVG text, and plotly never breaks it: at a phone's width 26 of the app's views (English
# and Chinese) had a title running past the chart's edges. In the page, after every change, debounced: a chart whose
# title is wider than the chart gets it broken into lines that fit (between words; in Chinese, between characters,
# measured in the title's own font) and the top margin those lines need. A chart drawn again is measured again; a
# title its author broke or marked up (<br>, <b>...) is left as it is. At 1,400 px one title is broken (RoPE's).
TITLE_FIT_JS = r"""
() => {
  const ctx = document.createElement('canvas').getContext('2d');
  const CJK = '\u2e80-\u9fff\u3000-\u303f\uf900-\ufaff\uff00-\uffef';  // a line may break after any of these
  const PIECE = new RegExp('[' + CJK + ']|\\s+|[^\\s' + CJK + ']+', 'g');  // a character, a space or a word
  const pieces = (text) => text.match(PIECE) || [];
  const lines = (text, font, width) => {
    ctx.font = font;
    const out = [];
    let line = '';
    for (const piece of pieces(text)) {
      const next = line + piece;
      if (line.trim() && !/^\s+$/.test(piece) && ctx.measureText(next).width > width) {
        out.push(line.trim());
        line = piece;
      } else line = next;
    }
    if (line.trim()) out.push(line.trim());
    return out;
  };
  const overflows = (gd) => {
    const svg = gd.querySelector('.main-svg'), title = gd.querySelector('.gtitle');
    if (!svg || !title) return false;
    const s = svg.getBoundingClientRect(), r = title.getBoundingClientRect();
    return r.width > 0 && (r.left < s.left - 1 || r.right > s.right + 1);
  };
  const fit = () => {
    if (!window.Plotly) return;
    for (const gd of document.querySelectorAll('.js-plotly-plot')) {
      if (!gd.layout || !gd.offsetParent || !overflows(gd)) continue;
      const title = gd.layout.title, text = String((title && typeof title === 'object' ? title.text : title) || '');
      const original = gd.__titleFit && gd.__titleFit.to === text ? gd.__titleFit.from : text;
      if (!original || original.includes('<')) continue;
      const el = gd.querySelector('.gtitle'), style = getComputedStyle(el);
      const size = parseFloat(style.fontSize) || 14;
      const svg = gd.querySelector('.main-svg').getBoundingClientRect(), at = el.getBoundingClientRect();
      const width = Math.min(svg.width - 24, svg.right - at.left - 12);  // a centred title, or one set from the left
      const broken = lines(original, `${style.fontWeight} ${size}px ${style.fontFamily}`, width).join('<br>');
      if (broken === text) continue;  // as broken as it gets (a word wider than the chart)
      gd.__titleFit = {from: original, to: broken};
      const n = broken.split('<br>').length, top = (gd._fullLayout && gd._fullLayout.margin.t) || 50;
      window.Plotly.relayout(gd, {'title.text': broken, 'margin.t': Math.max(top, Math.ceil(20 + n * size * 1.3))});
    }
  };
  let timer = null;
  const soon = () => { if (!timer) timer = setTimeout(() => { timer = null; fit(); }, 250); };
  new MutationObserver(soon).observe(document.body, {childList: true, subtree: true});
  window.addEventListener('resize', soon);
}
"""

# gradio renders an accordion's children only once it has been open: the header's folds are built open (a desktop
# shows them unfolded, labels hidden) and a phone folds them at load, rendered, so presenter mode works on both. A
# window narrowed to a phone's width folds them then.
FOLD_JS = """
() => {
  const phone = window.matchMedia('(max-width: PHONE_MAX_PXpx)');
  let tries = 0;
  const fold = () => {
    if (!phone.matches) return;
    const labels = document.querySelectorAll('.phone-fold > .label-wrap');
    if (!labels.length) { if (++tries < 100) setTimeout(fold, 100); return; }
    labels.forEach((label) => { if (label.classList.contains('open')) label.click(); });
  };
  phone.addEventListener('change', () => { tries = 0; fold(); });
  fold();
}
""".replace("PHONE_MAX_PX", str(PHONE_MAX_PX))


def page_js(*scripts: str) -> str:
    """One function for launch(js=...) that runs each script (a JS function's source) in turn, and the page's own."""
    from ui.i18n.en import EN
    from ui.i18n.zh import ZH

    words = {
        lang: {k: v for k, v in table.items() if k.startswith("a11y.")} for lang, table in (("en", EN), ("zh", ZH))
    }
    own = A11Y_JS % json.dumps(words, ensure_ascii=False)
    return (
        "() => {\n" + "".join(f"  ({script.strip()})();\n" for script in (*scripts, FOLD_JS, TITLE_FIT_JS, own)) + "}"
    )


def wrap_tabs(demo: gr.Blocks) -> None:
    """Every gr.Tabs of the page wraps its tabs onto a second row rather than hiding them in a "more" menu (on a
    phone only 1 or 2 of 8 tabs showed): every tab is one tap away."""
    for block in demo.blocks.values():
        if isinstance(block, gr.Tabs):
            block.overflow_behavior = "wrap"
