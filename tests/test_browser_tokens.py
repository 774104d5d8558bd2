"""A real Chromium opens the Tokens tab in English and in Chinese: each sub-tab draws, the chips of 大模型 show the
characters (never "\ufffd"), a bad text gets a sentence, and the chips stay within the page at 1400 and 390 px."""

import pytest

from tests.browser import open_app_page

pytestmark = [pytest.mark.slow, pytest.mark.browser]
TABS = {  # language: (tab, BPE sub-tab, n-gram sub-tab)
    "en-US": ("Tokens and language models", "BPE from scratch", "Statistical vs neural LM"),
    "zh-CN": ("词元与语言模型", "从零训练 BPE", "统计与神经语言模型"),
}
PLOT = "document.querySelector('{} .js-plotly-plot .main-svg .trace') !== null"


def chips_of(page, text: str) -> list[str]:
    page.locator("#tokens-text textarea").fill(text)
    page.locator("#tokens-compare-run").click()
    page.wait_for_function(
        "(t) => document.querySelector('#tokens-chips')?.innerText.includes('tokens') && "
        "document.querySelector('#tokens-stats')?.innerText.includes(t)",
        arg="GPT-2",
        timeout=60_000,
    )
    page.wait_for_timeout(500)
    return page.locator("#tokens-chips .tok-row").first.locator(".tok-chip").all_inner_texts()


@pytest.mark.parametrize("locale", ["en-US", "zh-CN"])
def test_each_sub_tab_draws(app_url, locale):
    tab, bpe_tab, ngram_tab = TABS[locale]
    with open_app_page(app_url, tab=tab, locale=locale) as page:
        page.locator("#tokens-chips .tok-chip").first.wait_for(timeout=60_000)  # drawn when the page opens
        page.get_by_role("tab", name=bpe_tab, exact=True).click()
        page.wait_for_function(PLOT.format("#tokens-bpe-plot"), timeout=120_000)
        assert page.locator("#tokens-bpe-words .tok-chip").count() >= 3
        page.get_by_role("tab", name=ngram_tab, exact=True).click()  # SmolLM2 runs: drawn on select
        page.wait_for_function(PLOT.format("#tokens-ngram-plot"), timeout=240_000)
        page.locator("#tokens-ngram-formula .katex").first.wait_for(timeout=30_000)
        title = page.locator("#tokens-ngram-plot .gtitle").text_content()
        assert ("SmolLM2" in title) and (("字符" in title) == (locale == "zh-CN"))
        assert page.get_by_text("Traceback").count() == 0


def test_chips_show_chinese_characters_a_bad_text_gets_a_sentence_and_rows_wrap(app_url):
    with open_app_page(app_url, tab=TABS["en-US"][0]) as page:
        shown = chips_of(page, "大模型")
        assert {"大", "模", "型"} <= {chip[0] for chip in shown} and not any("\ufffd" in chip for chip in shown)
        assert page.locator("#tokens-chips .tok-partial").count() >= 2  # the byte pieces are marked

        row = page.locator("#tokens-chips .tok-chips").first
        chips_of(page, "Transformers read tokens, not words. " * 6 + "大模型读的是词元。🙂" * 4)
        box = row.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 1400
        page.set_viewport_size({"width": 390, "height": 1800})
        page.wait_for_timeout(800)
        box = row.bounding_box()
        last = row.locator(".tok-chip").last.bounding_box()
        assert box["x"] + box["width"] <= 390 and last["x"] + last["width"] <= 390
        assert box["height"] > 4 * last["height"]  # wrapped onto several lines

        page.set_viewport_size({"width": 1400, "height": 1800})
        page.locator("#tokens-text textarea").fill("  ")
        page.locator("#tokens-compare-run").click()
        page.get_by_text("The text is empty").first.wait_for(timeout=30_000)
        assert page.get_by_text("Traceback").count() == 0 and page.dialogs == []
