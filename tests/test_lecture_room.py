"""The room on the page (ui/lecture/room.py): every typed string escaped, the lecturer's lines parsed, a student's
poll changing nothing when nothing changed, and sentences in the page's language."""

import contextlib
import html
from types import SimpleNamespace

import pytest
from gradio.context import LocalContext

from playground.room import Question, Rooms, Snapshot
from tests import test_i18n
from ui.lecture import room as ui_room

PAYLOAD = "<img src=x onerror=alert(1)>"


@contextlib.contextmanager
def request(cookie: str):
    """t() answers as if serving a page in this language."""
    token = LocalContext.request.set(test_i18n.request(cookie=cookie))
    try:
        yield
    finally:
        LocalContext.request.reset(token)


@pytest.fixture
def rooms(monkeypatch):
    fresh = Rooms()
    monkeypatch.setattr(ui_room, "ROOMS", fresh)
    return fresh


def test_the_chart_escapes_the_question_and_the_choices_and_marks_the_right_one():
    question = Question.checked(f"Why? {PAYLOAD}", [PAYLOAD, "a & b", "</div><script>x</script>"], correct=1)
    page = ui_room.chart_html(question, [3, 1, 0], revealed=True)
    assert "<img" not in page and "<script" not in page and "</div><script>" not in page
    assert html.escape(PAYLOAD) in page and "a &amp; b ✓" in page
    assert page.count('class="room-count"') == 3 and ">3</span>" in page and "4 answers" in page
    assert "✓" not in ui_room.chart_html(question, [3, 1, 0], revealed=False)  # not before the reveal


def test_a_students_result_says_right_or_wrong_in_their_language():
    question = Question.checked("q", ["animal", PAYLOAD], correct=1)
    wrong = Snapshot("", 0, 1, question, True, 0, (1, 1), 1)
    with request("en"):
        assert f"Your answer was animal; the right one is {html.escape(PAYLOAD)}." in ui_room.result_html(wrong)
    with request("zh-CN"):
        assert "你的回答是 animal；正确答案是" in ui_room.result_html(wrong)
        assert "你没有回答这道题" in ui_room.result_html(Snapshot("", 0, 1, question, True, None, (1, 1), 1))
    assert "<img" not in ui_room.result_html(wrong)


def test_the_lecturers_lines_become_choices_and_a_star_marks_the_right_one():
    assert ui_room.parse_choices(" animal \n\n*street\ntired ") == (["animal", "street", "tired"], 1)
    assert ui_room.parse_choices("a\nb") == (["a", "b"], None)
    with pytest.raises(ValueError, match="at most one"):
        ui_room.parse_choices("*a\n*b")


def test_a_students_poll_changes_nothing_when_nothing_changed(rooms):
    code, secret = rooms.open()
    first = ui_room.poll(code, "student-0001", None)
    assert first[3] == f"{code}|0|" and first[4] == (0, 0, False, None)  # joined, no view, no question
    again = ui_room.poll(code, "student-0001", first[4])
    assert all(isinstance(out, dict) and out.get("__type__") == "update" and len(out) == 1 for out in again)
    rooms.send_view(code, secret, "?tab=attention&text=x")
    rooms.ask(code, secret, Question.checked(PAYLOAD, ["a", "b"]))
    asked = ui_room.poll(code, "student-0001", again[4] if isinstance(again[4], tuple) else first[4])
    assert asked[3] == f"{code}|1|tab=attention&text=x" and html.escape(PAYLOAD) in asked[0] and "<img" not in asked[0]


def test_an_unknown_room_says_so_and_stops_polling(rooms):
    with request("zh-CN"):
        out = ui_room.poll("NOSUCHRM", "student-0001", None)
    assert "没有房间" in out[0] and out[-1].active is False


def test_a_page_without_a_room_shows_no_bar_and_one_with_a_bad_code_says_why(rooms):
    plain = ui_room.join("student-0001", SimpleNamespace(query_params={}))
    assert plain[3].active is False  # no timer: nothing polls
    with request("en"):
        bad = ui_room.join("student-0001", SimpleNamespace(query_params={"room": PAYLOAD}))
    assert "There is no room" in bad[1] and "<img" not in bad[1] and bad[0].visible is True
