"""The docs' screenshots, taken from the real app by the browser tests' own helpers: `make screenshot` (Debian
chromium, offline, a few minutes: one shot starts a real fine-tune and stops it).

    scripts/screenshot.py                 # every shot of SHOTS into docs/
    scripts/screenshot.py finetune-tab    # only these
    scripts/screenshot.py --out /tmp/x    # elsewhere

Each shot opens the tab (and sub-tab) the way tests/walk.py does, waits for the view's key output to
be drawn with real content (a generation done, a fine-tune running with its pinned pairs evaluated), checks that
it is seen (tests/visibility.py), then photographs the page from its top to below that output.
"""

import argparse
import os
import sys
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

WIDTH = 1280
MARGIN = 24  # px below the last thing shown


def view_shot(tab_id: str, output: str | None = None, words=None):
    """A view: open its tab and sub-tab, do its main action with realistic content (tests/walk.py's ACTIONS:
    a long sentence, the walk's new tokens), wait for its key output (its elem_id; default the tab's first), check
    that it is seen."""

    def shoot(page):
        from tests.visibility import assert_seen
        from tests.walk import draw, is_plot, target
        from ui.i18n.en import EN
        from ui.tabs import BY_ID

        tab = BY_ID[tab_id]
        component = next(c for c in tab.key_outputs if output in (None, c.elem_id))
        draw(page, tab, component, words or EN, "en" if words in (None, EN) else "zh")
        page.set_viewport_size({"width": WIDTH, "height": 1500})
        if tab_id == "prompts":  # a generation done: the text, then the chart drawn after its last step
            page.wait_for_function(
                "document.querySelectorAll('#prompts-distribution .js-plotly-plot .main-svg .trace').length >= 1",
                timeout=240_000,
            )
        if is_plot(component):  # a chart that draws on opening first shows its empty placeholder figure
            page.wait_for_function(
                "(s) => !!document.querySelector(s).querySelector("
                "'.scatterlayer path.js-line, .hm image, .heatmaplayer image, .barlayer path')",
                arg=target(component),
                timeout=240_000,
            )
        assert_seen(page, target(component), chart=is_plot(component))
        return "#prompts-distribution" if tab_id == "prompts" else f"#{component.elem_id}"  # and its last step's chart

    return shoot


def finetune_running(page):
    """A run in progress: its curves growing and its pinned pairs evaluated (stopped once photographed)."""
    from tests.test_browser_finetune import POINTS, set_number
    from tests.visibility import assert_seen
    from ui.i18n.en import EN

    page.get_by_role("tab", name=EN["ft.tab"], exact=True).click()
    set_number(page, EN["ft.train_size"], "64")
    set_number(page, EN["ft.max_steps"], "400")
    set_number(page, EN["ft.eval_steps"], "3")
    page.get_by_role("button", name=EN["ft.start"]).click()
    page.wait_for_function(f"({POINTS})() >= 6", timeout=600_000)
    page.wait_for_function("document.querySelectorAll('#ft-pinned tbody tr').length >= 3", timeout=120_000)
    assert_seen(page, "#ft-pinned th >> nth=3", streaming=True)
    page.wait_for_timeout(1500)
    return "#ft-pinned"


def stop_finetune(page):
    from ui.i18n.en import EN

    page.get_by_role("button", name=EN["ft.stop"]).click()
    page.wait_for_function("document.querySelector('#ft-runs').innerText.includes('stopped')", timeout=120_000)


def share_panel(page):
    from ui.i18n.en import EN

    view_shot("attention")(page)
    page.get_by_text(EN["share.title"]).click()
    page.locator("#share-button").click()
    page.wait_for_function("document.querySelector('#share-qr svg') !== null", timeout=60_000)
    return "#share-panel"


def presenter(page):
    view_shot("attention")(page)
    page.locator("#presenter-toggle input").check()
    page.wait_for_timeout(1500)
    return "#attention-head-plot"


def zh_attention(page):
    from ui.i18n.zh import ZH

    return view_shot("attention", words=ZH)(page)


# name -> (browser locale, what to do; returns the selector whose bottom ends the picture (None: the page's top
# 1500 px), element=True: photograph that element alone)
SHOTS = {
    "positional-tab": ("en-US", view_shot("positional"), False),
    "positional-learned": ("en-US", view_shot("positional", "pos-learned-sim-plot"), False),
    "attention-tab": ("en-US", view_shot("attention"), False),
    "chinese-ui": ("zh-CN", zh_attention, False),
    "tokens-tab": ("en-US", view_shot("tokens"), False),
    "inside-tab": ("en-US", view_shot("inside"), False),
    "losses-tab": ("en-US", view_shot("losses"), False),
    "prompts-tab": ("en-US", view_shot("prompts"), False),
    "finetune-tab": ("en-US", finetune_running, False),
    "share-panel": ("en-US", share_panel, True),
    "presenter-mode": ("en-US", presenter, False),
}
AFTER = {"finetune-tab": stop_finetune}


def photograph(page, selector: str, path: Path, element: bool) -> None:
    if element:
        page.wait_for_timeout(5000)  # plotly paints a heatmap's image after its axes
        page.locator(selector).first.screenshot(path=str(path))
        return
    box = page.evaluate(
        "(s) => { const r = document.querySelector(s).getBoundingClientRect(); return r.bottom + window.scrollY; }",
        selector,
    )
    height = int(min(max(box + MARGIN, 900), 3000))
    # the window made as tall as the picture first: a full-page capture resizes it while it shoots, and plotly's
    # charts, which follow the window's size, were caught redrawing (blank)
    page.set_viewport_size({"width": WIDTH, "height": height})
    page.evaluate("window.scrollTo(0, 0)")
    page.wait_for_timeout(5000)  # plotly redraws at the new size, then paints a heatmap's image after its axes
    page.screenshot(path=str(path), clip={"x": 0, "y": 0, "width": WIDTH, "height": height})


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("names", nargs="*", help=f"shots to take (default all): {', '.join(SHOTS)}")
    parser.add_argument("--out", default=str(ROOT / "docs"))
    args = parser.parse_args()
    unknown = set(args.names) - set(SHOTS)
    if unknown:
        parser.error(f"no such shot: {', '.join(sorted(unknown))}")

    import app
    from tests.browser import close_browser, open_app_page
    from tests.conftest import free_port

    port = free_port()
    app.demo.launch(
        server_name="127.0.0.1", server_port=port, prevent_thread_lock=True, quiet=True, ssr_mode=False, **app.LAUNCH
    )
    try:
        for name in args.names or SHOTS:
            locale, act, element = SHOTS[name]
            with open_app_page(f"http://127.0.0.1:{port}/", height=1500, locale=locale) as page:
                page.set_viewport_size({"width": WIDTH, "height": 1500})
                page.wait_for_selector("#scene-next", timeout=120_000)
                selector = act(page)
                path = Path(args.out) / f"{name}.png"
                photograph(page, selector, path, element)
                if name in AFTER:
                    AFTER[name](page)
                print(f"saved {path}")
    finally:
        close_browser()
        app.demo.close()


if __name__ == "__main__":
    main()
