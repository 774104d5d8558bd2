"""Seen, not just present: every tab's key outputs (`TAB.key_outputs`) lie inside the viewport, unclipped,
uncovered and readable, on a desktop (1400 x 900) and a phone (390 x 844), in English and in Chinese.

One page load per language: each tab is opened at desktop width, checked, narrowed to a phone and checked again
(a phone's tab bar folds tabs into a menu, so tabs are chosen wide). The Fine-tune tab's key output, the pinned
validation pairs, only fills during a run: tests/test_browser_finetune.py checks it while its run goes.
"""

import json

import pytest

from tests.browser import open_app_page
from tests.visibility import assert_seen, measure, problems
from ui.i18n.en import EN
from ui.i18n.zh import ZH
from ui.tabs import TABS

pytestmark = [pytest.mark.slow, pytest.mark.browser]
DESKTOP, PHONE = {"width": 1400, "height": 900}, {"width": 390, "height": 844}
RUN = {"prompts": "#prompts-paris-button"}  # outputs drawn only on a click (the others draw on opening)
DURING_A_RUN = {"finetune"}  # checked by tests/test_browser_finetune.py
DRAWN_JS = """(id) => {
  const el = document.getElementById(id);
  if (!el) return false;
  if (el.querySelector('.js-plotly-plot')) return !!el.querySelector('.js-plotly-plot .main-svg .trace, .hm');
  return el.innerText.trim().length > 20;
}"""


def key(label) -> str:
    """The text key of a layout label (gradio keeps an I18nData as '__i18n__{"key": ...}')."""
    text = str(label)
    return json.loads(text.removeprefix("__i18n__"))["key"] if text.startswith("__i18n__") else text


def subtab_of(component):
    """The gr.Tab (with an id) the component sits in, if any."""
    block = component.parent
    while block is not None and not (block.__class__.__name__ == "Tab" and getattr(block, "id", None)):
        block = block.parent
    return block


def target(component) -> str:
    plot = component.__class__.__name__ == "Plot"
    return f"#{component.elem_id} .js-plotly-plot" if plot else f"#{component.elem_id}"


def open_and_check(page, words: dict) -> list[str]:
    found = []
    for tab in TABS:
        if tab.id in DURING_A_RUN:
            continue
        page.set_viewport_size(DESKTOP)
        page.get_by_role("tab", name=words[tab.label], exact=True).click()
        for component in tab.key_outputs:
            sub = subtab_of(component)
            if sub is not None:
                page.get_by_role("tab", name=words[key(sub.label)], exact=True).click()
            if tab.id in RUN:
                page.locator(RUN[tab.id]).click()
            page.wait_for_function(DRAWN_JS, arg=component.elem_id, timeout=180_000)
            chart = component.__class__.__name__ == "Plot"
            for size in (DESKTOP, PHONE):
                page.set_viewport_size(size)
                page.wait_for_timeout(400)  # plotly redraws at the new width
                where = f"{tab.id} {target(component)} at {size['width']}x{size['height']}"
                found += [f"{where}: {p}" for p in problems(measure(page.locator(target(component)).first), chart)]
    return found


@pytest.mark.parametrize("locale,words", [("en-US", EN), ("zh-CN", ZH)], ids=["en", "zh"])
def test_key_outputs_are_seen_on_a_desktop_and_a_phone(app_url, locale, words):
    with open_app_page(app_url, locale=locale, height=DESKTOP["height"]) as page:
        page.wait_for_selector("#scene-next")
        found = open_and_check(page, words)
    assert not found, "\n".join(found)


def test_the_check_fails_when_an_output_is_pushed_off_screen(app_url):
    with open_app_page(app_url, tab="Attention", height=DESKTOP["height"]) as page:
        chart = "#attention-head-plot .js-plotly-plot"
        page.wait_for_function(DRAWN_JS, arg="attention-head-plot", timeout=180_000)
        assert_seen(page, chart, chart=True)
        page.add_style_tag(content="#attention-head-plot { min-width: 3000px !important; }")
        with pytest.raises(AssertionError, match=r"right edge \d+ px > viewport width 1400 px"):
            assert_seen(page, chart, chart=True)
        page.add_style_tag(
            content="#attention-head-plot { min-width: 0 !important; } #attention-note "
            "{ position: fixed !important; inset: 0 !important; z-index: 99 !important; }"
        )
        with pytest.raises(AssertionError, match="covered at its centre"):
            assert_seen(page, chart, chart=True)
        page.add_style_tag(
            content="#attention-note { display: none !important; } #attention-head-plot "
            "{ max-height: 60px !important; overflow: hidden !important; }"
        )
        with pytest.raises(AssertionError, match="clipped by #attention-head-plot"):
            assert_seen(page, chart, chart=True)
