"""A real Chromium in Chinese and in English: the Chinese UI, switching the language, presenter mode, the walk."""

import pytest

from tests.browser import open_app_page
from ui.i18n.en import EN
from ui.i18n.zh import ZH
from ui.lecture import scenes
from ui.tabs import BY_ID, TABS

pytestmark = [pytest.mark.slow, pytest.mark.browser]
TAB_KEYS = tuple(tab.label for tab in TABS)  # the text keys of the app's tabs, in the page's order


def top_tabs(page) -> list[str]:
    page.wait_for_selector("#scene-next")
    return [button.inner_text().strip() for button in page.query_selector_all("button[role=tab]")][: len(TAB_KEYS)]


def attention_note(page, contains: str) -> str:
    page.wait_for_function(
        "(s) => (document.querySelector('#attention-note')?.innerText || '').includes(s)", arg=contains, timeout=90_000
    )
    return page.inner_text("#attention-note")


def test_the_chinese_ui_renders(app_url):
    with open_app_page(app_url, locale="zh-CN") as page:
        assert top_tabs(page) == [ZH[key] for key in TAB_KEYS]
        page.wait_for_function("document.body.innerText.includes('设备')", timeout=30_000)  # the header (a handler)
        page.get_by_role("tab", name=ZH["att.tab"], exact=True).click()
        assert page.get_by_role("button", name=ZH["att.run"]).is_visible()
        assert page.locator("#attention-text textarea").input_value() == ZH["att.text_default"]  # 文本 twice now
        note = attention_note(page, "个词元")  # the handler's sentence with numbers, in Chinese
        assert "6 层 × 12 个头" in note
        assert not page.locator("#i18n-relabel").is_visible()
        body = page.inner_text("body")
        assert "__i18n__" not in body and "translation_metadata" not in body
        assert EN["att.intro"][:40] not in body and ZH["app.tagline"][:20] in body
        page.wait_for_function(  # plotly draws the chart after the note is written
            "document.querySelectorAll('#attention-head-plot .ytick text').length > 2", timeout=60_000
        )
        labels = page.evaluate(
            "Array.from(document.querySelectorAll('#attention-head-plot .ytick text'), t => t.textContent)"
        )
        assert {"小", "它", "太"} <= {label.split()[-1] for label in labels}  # one CJK character a row, readable
        chart = page.evaluate(  # the chart's title and axes are written for the page too (ui/plots.py)
            "['.gtitle', '.xtitle', '.ytitle'].map(s => document.querySelector('#attention-head-plot ' + s)"
            "?.textContent)"
        )
        assert chart == ["第 2 层，第 0 个头", ZH["plot.axis.key"], ZH["plot.axis.query"]]


def test_switching_the_language_in_settings(app_url):
    with open_app_page(app_url, locale="en-US") as page:
        assert top_tabs(page) == [EN[key] for key in TAB_KEYS]
        assert "playground_lang=en" in page.evaluate("document.cookie")
        page.locator("footer").get_by_text("Settings").click()  # gradio's settings (the header has "All settings")
        page.get_by_role("combobox", name="Language").click()
        page.get_by_role("option", name="简体中文").click()
        page.wait_for_function("document.documentElement.lang === 'zh-CN'", timeout=10_000)
        page.mouse.click(50, 900)  # outside the settings panel: it closes
        assert "playground_lang=zh-CN" in page.evaluate("document.cookie")
        page.wait_for_function(  # every tab label, also of the tabs not shown (gradio leaves those: relabelled)
            "(names) => names.every(name => Array.from(document.querySelectorAll('button[role=tab]'))"
            ".some(b => b.innerText.trim() === name))",
            arg=[ZH[key] for key in TAB_KEYS] + [ZH["tokens.bpe.tab"], ZH["tokens.ngram.tab"]],
            timeout=30_000,
        )
        page.get_by_role("tab", name=ZH["att.tab"], exact=True).click()
        page.get_by_role("button", name=ZH["att.run"]).click()
        attention_note(page, "个词元")  # the server now writes Chinese too


def test_presenter_mode_enlarges_and_hides_advanced_controls(app_url):
    with open_app_page(app_url, tab="Attention") as page:
        pair = page.get_by_label(EN["att.pair"])
        sizes = (
            "['.prose p', 'button[role=tab]', 'textarea']"
            ".map(s => parseFloat(getComputedStyle(document.querySelector(s)).fontSize))"
        )
        before = page.evaluate(sizes)
        assert pair.is_visible()
        page.locator("#presenter-toggle input").check()
        page.wait_for_function("document.body.classList.contains('presenter')")
        assert not pair.is_visible()
        after = page.evaluate(sizes)
        assert all(large >= 18 and large > small for small, large in zip(before, after, strict=True))
        page.locator("#presenter-toggle input").uncheck()
        assert pair.is_visible()


def test_the_walk_opens_each_scene_sets_its_inputs_and_draws_it(app_url):
    with open_app_page(app_url) as page:
        page.wait_for_selector("#scene-next")
        assert page.inner_text("#scene-narration").startswith("Guided walk")
        page.click("#scene-next")
        page.wait_for_function("document.querySelector('#scene-narration').innerText.startsWith('Scene 1/')")
        assert page.get_by_role("tab", name=EN["tokens.tab"], exact=True).get_attribute("aria-selected") == "true"
        assert page.locator("#tokens-text textarea").input_value() == EN["tokens.text_default"]  # §2.1 first

        page.click("#scene-next")
        page.wait_for_function("document.querySelector('#scene-narration').innerText.startsWith('Scene 2/')")
        assert page.get_by_role("tab", name="Attention", exact=True).get_attribute("aria-selected") == "true"
        assert page.get_by_role("tab", name="Heatmaps", exact=True).get_attribute("aria-selected") == "true"
        assert page.locator("#attention-text textarea").input_value() == EN["att.text_default"]

        page.click("#scene-next")  # multi-head attention: layer 4, head 11, drawn by pressing the tab's button
        page.wait_for_function("document.querySelector('#scene-narration').innerText.startsWith('Scene 3/')")
        page.wait_for_function(
            "Array.from(document.querySelectorAll('#attention-head-plot .gtitle')).some(t => "
            "t.textContent.includes('Layer 4') && t.textContent.includes('head 11'))",
            timeout=90_000,
        )
        page.click("#scene-next")  # the formula, recomputed: its own sub-tab opens and draws
        page.wait_for_function(
            "document.querySelector('#attention-formula-note')?.innerText.includes('Layer 0, head 0')", timeout=90_000
        )
        assert page.get_by_role("tab", name="From the formula").get_attribute("aria-selected") == "true"

        page.click("#scene-previous")
        page.click("#scene-previous")
        page.wait_for_function("document.querySelector('#scene-narration').innerText.startsWith('Scene 2/')")

        for number, scene in enumerate(scenes.SCENES[2:], start=3):  # to the end, each scene on its own tab
            page.click("#scene-next")
            page.wait_for_function(
                "(n) => document.querySelector('#scene-narration').innerText.startsWith(`Scene ${n}/`)", arg=number
            )
            tab = page.get_by_role("tab", name=EN[BY_ID[scene.tab].label], exact=True)
            assert tab.get_attribute("aria-selected") == "true"
        page.click("#scene-next")
        page.wait_for_function("document.querySelector('#scene-narration').innerText.startsWith('End of the walk')")
