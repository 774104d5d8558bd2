"""Predict, then reveal in a real Chromium, in English and in Chinese: for every tab a wrong answer, then the right
one (the live model's, computed here), each revealed and seen; the walk's first scene ends with its question."""

import pytest

from playground.exercises import CHOICE, NUMBER
from tests.browser import open_app_page
from tests.visibility import MEASURE_JS, problems
from ui.i18n.en import EN
from ui.i18n.zh import ZH
from ui.tabs import TABS

pytestmark = [pytest.mark.slow, pytest.mark.browser]
TABLES = {"en-US": EN, "zh-CN": ZH}


def assert_seen(page, selector: str) -> None:
    """Seen (tests/visibility.py's measure), once the verdict is written: gradio's tracker on a Markdown may linger,
    and the settle wait of `visibility.assert_seen` would then cost 15 s a reveal."""
    found = problems(page.locator(selector).evaluate(MEASURE_JS))
    assert not found, f"{selector} is not seen: " + "; ".join(found)


def plain(markdown: str) -> str:
    return markdown.replace("**", "").strip()


def label_of(table: dict, code: str) -> str:
    return table.get(f"exercise.choice.{code}", code)


def wrong_answer(ex, live) -> str:
    if ex.kind == CHOICE:
        return next(code for code in ex.choices if code != live.answer)
    return str(float(live.answer) * 3 + 7) if ex.kind == NUMBER else "Berlin"


def answer(page, table, ex, value: str) -> None:
    """Choose or type the answer, as a student does."""
    box = f"#exercise-{ex.id}-answer"
    if ex.kind == CHOICE:
        page.locator(box).get_by_text(label_of(table, value), exact=True).click()
    else:
        page.locator(f"{box} input, {box} textarea").first.fill(value)


def reveal(page, table, ex, value: str, verdict: str) -> str:
    """Answer, press Check, wait for the verdict; returns the reveal's text."""
    answer(page, table, ex, value)
    check = page.locator(f"#exercise-{ex.id}-check")
    page.wait_for_function("(b) => !b.disabled", arg=check.element_handle(), timeout=30_000)
    check.click()
    expected = plain(table[verdict])
    page.wait_for_function(
        "([sel, text]) => (document.querySelector(sel)?.innerText || '').includes(text)",
        arg=[f"#exercise-{ex.id}-reveal", expected],
        timeout=120_000,
    )
    assert_seen(page, f"#exercise-{ex.id}-reveal")
    return page.inner_text(f"#exercise-{ex.id}-reveal")


@pytest.mark.parametrize("locale", list(TABLES))
def test_every_tab_reveals_a_wrong_then_a_right_answer(app_url, locale):
    table = TABLES[locale]
    with open_app_page(app_url, locale=locale) as page:
        page.wait_for_selector("#scene-next")
        for tab in TABS:
            ex = tab.exercises[0]
            live = ex.live()
            page.get_by_role("tab", name=table[tab.label], exact=True).click()
            page.locator(f"#exercises-{tab.id}").get_by_text(plain(table["exercise.title"])).first.click()
            page.wait_for_selector(f"#exercise-{ex.id}-question", state="visible")
            assert plain(table[f"exercise.{ex.id}"])[:12] in page.inner_text(f"#exercise-{ex.id}-question")
            assert page.locator(f"#exercise-{ex.id}-check").is_disabled()  # nothing to check yet
            wrong = reveal(page, table, ex, wrong_answer(ex, live), "exercise.wrong")
            right = reveal(page, table, ex, live.answer, "exercise.right")
            assert plain(table["exercise.wrong"]) not in right
            for text in (wrong, right):  # the explanation, with the live numbers
                assert str(next(iter(live.values.values()))) in text
        assert not page.dialogs


def test_a_hostile_token_is_only_a_wrong_answer_and_a_scene_asks_its_question(app_url):
    with open_app_page(app_url, locale="zh-CN") as page:
        page.wait_for_selector("#scene-next")
        page.click("#presenter-toggle input")
        page.click("#scene-next")  # the first scene (Tokens) ends with a question; its block opens
        page.wait_for_function(
            "(q) => document.querySelector('#scene-narration').innerText.includes(q)",
            arg=ZH["exercise.tokens_more"][:10],
            timeout=30_000,
        )
        page.wait_for_selector("#exercise-tokens_more-question", state="visible", timeout=30_000)
        assert_seen(page, "#exercise-tokens_more-question")
        page.get_by_role("tab", name=ZH["inside.tab"], exact=True).click()
        page.locator("#exercises-inside").get_by_text(ZH["exercise.title"]).first.click()
        ex = next(tab for tab in TABS if tab.id == "inside").exercises[0]
        text = reveal(page, ZH, ex, "<img src=x onerror=alert(1)>", "exercise.wrong")
        assert "onerror" not in text and not page.dialogs
