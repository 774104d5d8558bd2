"""A real Chromium draws the Inside the model tab on the embedded SmolLM2: every sub-tab, English and Chinese; a bad
target is a sentence; the lens heatmap fits a 1400-pixel window."""

import pytest

from tests.browser import open_app_page
from ui.i18n.en import EN
from ui.i18n.zh import ZH

pytestmark = [pytest.mark.slow, pytest.mark.browser]
DRAW = 180_000  # ms: SmolLM2 on a busy 2-core machine


def drawn(page, plot: str) -> None:
    page.wait_for_function(
        "(id) => document.querySelectorAll(`#${id} .js-plotly-plot .main-svg .trace, #${id} .hm image, "
        "#${id} .heatmaplayer image`).length >= 1",
        arg=plot,
        timeout=DRAW,
    )


def note(page, element: str, contains: str) -> str:
    page.wait_for_function(
        "([id, s]) => (document.querySelector('#' + id)?.innerText || '').includes(s)",
        arg=[element, contains],
        timeout=DRAW,
    )
    return page.inner_text(f"#{element}")


# first: the English page below stays open for the rest of the module (one Playwright at a time)
def test_the_chinese_tab_draws_in_chinese(app_url):
    with open_app_page(app_url, tab=ZH["inside.tab"], locale="zh-CN") as page:
        assert "最可能的下一个词元是" in note(page, "inside-lens-note", "Paris")
        drawn(page, "inside-lens-plot")
        title = page.evaluate("document.querySelector('#inside-lens-plot .gtitle')?.textContent")
        assert title.startswith("SmolLM2-135M-Instruct 的逐层解读")
        page.get_by_role("tab", name=ZH["inside.sinks.tab"]).click()
        assert "汇聚点仍在位置 0" in note(page, "inside-sinks-note", "均匀注意力")
        drawn(page, "inside-sinks-plot")


@pytest.fixture(scope="module")
def page(app_url):
    with open_app_page(app_url, tab=EN["inside.tab"]) as page:
        yield page


def test_the_lens_draws_when_the_tab_opens_and_fits_the_window(page):
    text = note(page, "inside-lens-note", "Paris")  # drawn on selecting the tab (its first draw)
    assert "p = 0.7" in text and "layer ℓ = 30, position 4" in text
    drawn(page, "inside-lens-plot")
    box = page.locator("#inside-lens-plot .main-svg").first.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 1400 and box["height"] > 500
    cells = page.evaluate("document.querySelectorAll('#inside-lens-plot .textpoint, #inside-lens-plot text').length")
    assert cells > 31 * 5  # a token written in every cell
    ticks = page.evaluate("Array.from(document.querySelectorAll('#inside-lens-plot .xtick text'), t => t.textContent)")
    assert ticks == ["The", " capital", " of", " France", " is"]
    drawn(page, "inside-target-plot")
    drawn(page, "inside-top-k-plot")


def test_a_target_of_two_tokens_is_a_sentence(page):
    page.locator("#inside-target textarea").fill(" Parisian")
    page.get_by_role("button", name=EN["inside.lens.run"]).click()
    page.get_by_text("must be exactly one token").first.wait_for(timeout=DRAW)
    assert page.get_by_text("Traceback").count() == 0
    page.locator("#inside-target textarea").fill(" Paris")


def test_the_other_sub_tabs_draw(page):
    page.get_by_role("tab", name=EN["inside.sinks.tab"]).click()
    assert "the sink stays at position 0" in note(page, "inside-sinks-note", "uniform attention")
    drawn(page, "inside-sinks-plot")
    page.get_by_role("tab", name=EN["inside.patch.tab"]).click()
    assert "recovering" in note(page, "inside-patching-note", "patched runs")
    drawn(page, "inside-patching-plot")
    page.get_by_role("tab", name=EN["inside.kv.tab"]).click()
    page.get_by_role("button", name=EN["inside.kv.run"]).click()
    assert "46,080 bytes per token" in note(page, "inside-kv-note", "bytes per token")
    drawn(page, "inside-kv-bytes-plot")
    drawn(page, "inside-kv-time-plot")
    assert page.locator("#inside-kv-text mark").count() == 1
