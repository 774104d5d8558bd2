"""The rooms (playground/room.py): codes, the lecturer's secret, expiry, no mix-up, exact counts under threads."""

import math
import threading

import pytest

from playground import room
from playground.errors import InputError
from playground.room import Question, Rooms

QUESTION = Question.checked("Which word does 'it' attend to most?", ["animal", "street", "tired"], correct=0)


def keys(call) -> str:
    with pytest.raises(InputError) as caught:
        call()
    return caught.value.key


class Clock:
    def __init__(self):
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_a_code_is_8_unambiguous_characters_worth_40_bits():
    codes = {room.new_code() for _ in range(2000)}
    assert len(codes) == 2000  # 2,000 draws from 2^40: a collision would be a broken generator
    assert all(len(c) == 8 and set(c) <= set(room.ALPHABET) for c in codes)
    assert not set("ILOU") & set(room.ALPHABET) and len(set(room.ALPHABET)) == 32
    assert room.CODE_BITS == math.log2(len(room.ALPHABET) ** room.CODE_LENGTH) == 40
    assert {c for code in codes for c in code} == set(room.ALPHABET)  # every character is used


def test_a_student_types_the_code_loosely():
    rooms = Rooms()
    code, _ = rooms.open()
    assert rooms.snapshot(f" {code[:4].lower()}-{code[4:]} ").number == 0
    misread = code.replace("1", "l").replace("0", "O")  # read off a slide: l for 1, O for 0
    assert rooms.snapshot(misread).number == 0


def test_only_the_lecturers_secret_controls_the_room():
    rooms = Rooms()
    code, secret = rooms.open()
    other_code, other_secret = rooms.open()
    for call in (
        lambda: rooms.ask(code, "", QUESTION),
        lambda: rooms.ask(code, other_secret, QUESTION),  # another room's secret
        lambda: rooms.ask(code, secret[:-1], QUESTION),
        lambda: rooms.counts(code, code),
        lambda: rooms.send_view(code, None, "tab=attention"),
        lambda: rooms.reveal(code, "x" * 10_000),
        lambda: rooms.close(code, other_secret),
    ):
        assert keys(call) == "room.err.not_lecturer"
    assert rooms.ask(code, secret, QUESTION) == 1


def test_rooms_are_never_mixed_up():
    rooms = Rooms()
    (a, sa), (b, sb) = rooms.open(), rooms.open()
    rooms.ask(a, sa, QUESTION)
    rooms.ask(b, sb, Question.checked("Higher loss?", ["English", "Chinese"]))
    rooms.send_view(b, sb, "?tab=losses")
    rooms.answer(a, "student-1", "street")
    rooms.answer(b, "student-1", "Chinese")
    assert rooms.counts(a, sa) == [0, 1, 0] and rooms.counts(b, sb) == [0, 1]
    assert rooms.snapshot(a).view == "" and rooms.snapshot(b).view == "tab=losses"
    assert keys(lambda: rooms.answer(a, "student-1", "Chinese")) == "room.err.not_a_choice"


def test_one_answer_per_student_per_question():
    rooms = Rooms()
    code, secret = rooms.open()
    rooms.ask(code, secret, QUESTION)
    rooms.answer(code, "student-1", "street")
    rooms.answer(code, "student-1", "animal")  # changed their mind before the reveal
    rooms.answer(code, "student-2", "animal")
    assert rooms.counts(code, secret) == [2, 0, 0]
    assert rooms.snapshot(code, "student-1").mine == 0 and rooms.snapshot(code, "nobody-here").mine is None
    rooms.ask(code, secret, QUESTION)  # a new question starts empty
    assert rooms.counts(code, secret) == [0, 0, 0]


def test_students_see_the_counts_and_the_right_answer_only_after_the_reveal():
    rooms = Rooms()
    code, secret = rooms.open()
    rooms.ask(code, secret, QUESTION)
    rooms.answer(code, "student-1", "tired")
    before = rooms.snapshot(code, "student-1")
    assert before.counts is None and before.correct is None and not before.revealed
    assert rooms.reveal(code, secret, correct=2).correct == 2  # the right answer computed at the reveal wins
    after = rooms.snapshot(code, "student-1")
    assert after.revealed and after.counts == (0, 0, 1) and after.correct == 2 and after.mine == 2
    assert keys(lambda: rooms.answer(code, "student-2", "animal")) == "room.err.revealed"
    assert rooms.counts(code, secret) == [0, 0, 1]


def test_a_room_expires_after_idle_time_and_activity_keeps_it():
    clock = Clock()
    rooms = Rooms(idle_s=100, clock=clock)
    code, secret = rooms.open()
    for _ in range(5):  # a student polling every 90 s keeps it open
        clock.now += 90
        rooms.snapshot(code)
    clock.now += 101
    assert keys(lambda: rooms.snapshot(code)) == "room.err.unknown"
    assert keys(lambda: rooms.counts(code, secret)) == "room.err.unknown"
    assert len(rooms) == 0


def test_the_number_of_rooms_is_bounded_and_expired_ones_make_space():
    clock = Clock()
    rooms = Rooms(idle_s=100, limit=3, clock=clock)
    for _ in range(3):
        rooms.open()
    assert keys(rooms.open) == "room.err.full"
    clock.now += 101
    rooms.open()
    assert len(rooms) == 1


@pytest.mark.parametrize(
    ("text", "choices", "correct", "key"),
    [
        ("", ["a", "b"], None, "room.err.no_text"),
        ("   ", ["a", "b"], None, "room.err.no_text"),
        ("q" * 301, ["a", "b"], None, "room.err.text_too_long"),
        ("q", ["a"], None, "room.err.choice_count"),
        ("q", ["a", " ", ""], None, "room.err.choice_count"),
        ("q", list("abcdefg"), None, "room.err.choice_count"),
        ("q", ["a", "b" * 81], None, "room.err.choice_too_long"),
        ("q", ["a", " a "], None, "room.err.choice_twice"),
        ("q", ["a", "b"], 2, "room.err.bad_correct"),
        ("q", ["a", "b"], -1, "room.err.bad_correct"),
    ],
)
def test_a_bad_question_says_why(text, choices, correct, key):
    assert keys(lambda: Question.checked(text, choices, correct)) == key


def test_bad_answers_say_why():
    rooms = Rooms()
    code, secret = rooms.open()
    assert keys(lambda: rooms.answer(code, "student-1", "animal")) == "room.err.no_question"
    rooms.ask(code, secret, QUESTION)
    assert keys(lambda: rooms.answer(code, "student-1", "  ")) == "room.err.no_answer"
    assert keys(lambda: rooms.answer(code, "<script>", "animal")) == "room.err.no_identity"
    assert keys(lambda: rooms.answer(code, "short", "animal")) == "room.err.no_identity"
    assert keys(lambda: rooms.answer(code, "student-1", "<img src=x onerror=alert(1)>")) == "room.err.not_a_choice"
    assert keys(lambda: rooms.answer("ZZZZZZZZ", "student-1", "animal")) == "room.err.unknown"
    assert keys(lambda: rooms.send_view(code, secret, "x" * 2001)) == "room.err.view_too_long"
    assert rooms.counts(code, secret) == [0, 0, 0]


def test_answers_are_counted_exactly_under_concurrent_threads():
    rooms = Rooms()
    code, secret = rooms.open()
    other, other_secret = rooms.open()
    rooms.ask(code, secret, QUESTION)
    rooms.ask(other, other_secret, QUESTION)
    start = threading.Barrier(60)

    def student(i: int) -> None:
        start.wait()
        for attempt in range(20):  # each student answers 20 times: only the last one counts
            rooms.answer(code, f"student-{i:03d}", QUESTION.choices[(i + attempt) % 3])
            rooms.snapshot(code, f"student-{i:03d}")
        rooms.answer(other, f"student-{i:03d}", "tired")

    threads = [threading.Thread(target=student, args=(i,)) for i in range(60)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    expected = [0, 0, 0]
    for i in range(60):
        expected[(i + 19) % 3] += 1
    assert rooms.counts(code, secret) == expected == [20, 20, 20]
    assert rooms.counts(other, other_secret) == [0, 0, 60]
