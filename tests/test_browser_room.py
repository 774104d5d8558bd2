"""A real Chromium with three pages (three browser contexts, as three devices): a lecturer opens a room, two
students join it by its link (one in English, one in Chinese); they follow the view the lecturer sends, answer the
lecturer's question, the lecturer's chart counts both answers, and the reveal reaches both students' pages.
The question and a choice carry script payloads: nothing runs on any page."""

import contextlib
from urllib.parse import parse_qs, urlsplit

import pytest

from tests.browser import new_page

pytestmark = [pytest.mark.slow, pytest.mark.browser]
HOSTILE = "<img src=x onerror=\"window.__pwned='room';alert('room')\">"
QUESTION = f"Which word does 'it' attend to most? {HOSTILE}"
CHOICES = ["animal", "*street", HOSTILE]  # the second one is right
TEXT = "The trophy didn't fit in the suitcase because it was too big."  # not the default: the link carries it
WAIT = 120_000


@contextlib.contextmanager
def three_pages(locales: list[str]):
    """Three devices: a context each, in the run's browser."""
    pages = [new_page(locale=locale) for locale in locales]
    try:
        yield pages
    finally:
        for page in pages:
            page.context.close()


def counts(page) -> list[str]:
    return [c.strip() for c in page.locator("#room-result .room-count").all_inner_texts()]


def test_two_students_follow_the_lecturer_answer_and_see_the_reveal(app_url):
    with three_pages(["en-US", "en-US", "zh-CN"]) as (lecturer, alice, bo):
        lecturer.goto(f"{app_url}?tab=attention&text=The%20cat%20sat.")
        lecturer.locator("#attention-text textarea").wait_for(timeout=WAIT)
        lecturer.get_by_text("Classroom room: send the class to a view").click()
        lecturer.locator("#room-open").click()
        code = lecturer.locator("#room-code").inner_text(timeout=WAIT).replace(" ", "")
        assert len(code) == 8
        link = lecturer.locator("#room-link").inner_text()
        assert link.endswith(f"?room={code}") and lecturer.locator("#room-qr svg").count() == 1

        for student in (alice, bo):
            student.goto(f"{app_url}?room={code}")
            student.locator("#room-bar-title").get_by_text(code).wait_for(timeout=WAIT)
            assert not student.locator("#room-panel").is_visible()  # the lecturer's controls are not theirs
        assert "已加入" in bo.locator("#room-bar-title").inner_text()

        # the lecturer shows another text on the Attention tab and sends the class there
        lecturer.locator("#attention-text textarea").fill(TEXT)
        lecturer.locator("#room-send").click()
        lecturer.locator("#room-status").get_by_text("The class now follows this view").wait_for(timeout=WAIT)
        for student in (alice, bo):
            try:
                student.wait_for_function(
                    "(t) => document.querySelector('#attention-text textarea')?.value === t", arg=TEXT, timeout=WAIT
                )
            except Exception:
                pytest.fail(f"{'Alice' if student is alice else 'Bo'} did not follow the view: at {student.url}")
            assert parse_qs(urlsplit(student.url).query)["text"] == [TEXT]
            assert student.locator("#attention-text textarea").is_visible()  # the Attention tab is the one shown
            student.locator("#room-bar-title").get_by_text(code).wait_for(timeout=WAIT)  # still in the room

        lecturer.locator("#room-question textarea").fill(QUESTION)
        lecturer.locator("#room-choices textarea").fill("\n".join(CHOICES))
        lecturer.locator("#room-start").click()
        lecturer.locator("#room-status").get_by_text("Question 1 started").wait_for(timeout=WAIT)
        for student, choice in ((alice, "street"), (bo, "animal")):
            student.locator("#room-bar-title").get_by_text("Which word does").wait_for(timeout=WAIT)
            student.locator("#room-choice").get_by_label(choice, exact=True).check()
            student.locator("#room-submit").click()
        alice.locator("#room-result").get_by_text("Your answer: street").wait_for(timeout=WAIT)
        bo.locator("#room-result").get_by_text("你的回答：animal").wait_for(timeout=WAIT)

        lecturer.wait_for_function(
            "() => Array.from(document.querySelectorAll('#room-chart .room-count')).map(c => c.textContent.trim())"
            ".join(',') === '1,1,0'",
            timeout=WAIT,
        )  # the live chart, updated by its timer
        assert "2 answers" in lecturer.locator("#room-chart").inner_text()
        lecturer.locator("#room-reveal").click()
        alice.locator("#room-verdict").get_by_text("Your answer (street) is right.").wait_for(timeout=WAIT)
        bo.locator("#room-verdict").get_by_text("你的回答是 animal；正确答案是 street。").wait_for(timeout=WAIT)
        assert counts(alice) == ["1", "1", "0"] and "street ✓" in alice.locator("#room-result").inner_text()
        assert HOSTILE in alice.locator("#room-result").inner_text()  # shown as text
        alice.locator("#room-submit").click()  # too late: the answers are closed
        alice.get_by_text("The answers are closed").first.wait_for(timeout=WAIT)

        for page in (lecturer, alice, bo):
            assert page.dialogs == [] and page.evaluate("() => window.__pwned || null") is None
