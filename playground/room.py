"""A lecturer's room: a short code students join, one question at a time, answers counted exactly.

Rooms live in this process's memory only (a restart forgets them), each one until it has been idle for `IDLE_S`,
and at most `MAX_ROOMS` at once. A room has two secrets:

- its **code** (`CODE_LENGTH` characters of `ALPHABET`, drawn with `secrets`: 32^8 = 2^40 codes, 40 bits) that the
  lecturer shows and students type or scan; it lets a student read the question and answer it;
- its **lecturer secret** (`secrets.token_urlsafe(24)`, 192 bits) that never leaves the lecturer's page; it alone
  sends the class to a view, starts a question, reads the live counts and reveals.

A question is `Question(text, choices, correct=None)`: 2 to 6 choices, `correct` the index of the right one (or
None: a poll). Each student (an identity the browser keeps) has at most one answer per question; answering again
before the reveal replaces it, after the reveal is refused.

    >>> rooms = Rooms(clock=lambda: 0.0)
    >>> code, secret = rooms.open()
    >>> rooms.ask(code, secret, Question.checked("2 + 2 = ?", ["3", "4"], correct=1))
    1
    >>> rooms.answer(code, "student-a", "4"); rooms.answer(code, "student-b", "3")
    >>> rooms.counts(code, secret)
    [1, 1]
    >>> rooms.reveal(code, secret).correct
    1

**Posing an exercise** (playground/exercises.py) is one adapter, `Question.checked(text, labels, correct)`: the
exercise's prompt in the page's language, its choice labels, and no `correct` when the question starts. At the
reveal, `reveal(code, secret, correct=i)` takes the right answer computed live at that moment (an exercise's
`check()` against the model), which overrides the one given at the start.

Nothing here formats text: the UI escapes every string (question, choices, answers) wherever it shows them.
"""

from __future__ import annotations

import re
import secrets
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace

from playground.errors import InputError

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # Crockford's base 32: no I, L, O (typed, they read as 1, 1, 0), no U
CODE_LENGTH = 8  # 32**8 = 2**40 codes
CODE_BITS = 40
READ_AS = str.maketrans("ILO", "110")
IDLE_S = 3 * 3600  # a room forgotten after 3 hours without any request
MAX_ROOMS = 200
MAX_QUESTION = 300  # characters
MAX_CHOICE = 80
MIN_CHOICES, MAX_CHOICES = 2, 6
MAX_VIEW = 2000  # a view's link (its query string); links.MAX_URL is 1,200
STUDENT = re.compile(r"[A-Za-z0-9_-]{8,64}")  # the identity a browser keeps (a random id)


@dataclass(frozen=True)
class Question:
    """What the lecturer asks: its text, 2-6 choices, and the index of the right one (None: no right answer)."""

    text: str
    choices: tuple[str, ...]
    correct: int | None = None

    @classmethod
    def checked(cls, text: str, choices: Sequence[str], correct: int | None = None) -> Question:
        """A question from what a lecturer typed (or an exercise): stripped, bounded, or an InputError saying why."""
        text = (text or "").strip()
        if not text:
            raise InputError("room.err.no_text")
        if len(text) > MAX_QUESTION:
            raise InputError("room.err.text_too_long", n=len(text), limit=MAX_QUESTION)
        labels = tuple(c.strip() for c in choices if c and c.strip())
        if not MIN_CHOICES <= len(labels) <= MAX_CHOICES:
            raise InputError("room.err.choice_count", n=len(labels), low=MIN_CHOICES, high=MAX_CHOICES)
        for label in labels:
            if len(label) > MAX_CHOICE:
                raise InputError("room.err.choice_too_long", n=len(label), limit=MAX_CHOICE)
        if len(set(labels)) < len(labels):
            raise InputError("room.err.choice_twice")
        if correct is not None and not (isinstance(correct, int) and 0 <= correct < len(labels)):
            raise InputError("room.err.bad_correct", value=correct, high=len(labels))
        return cls(text, labels, correct)


@dataclass(frozen=True)
class Snapshot:
    """What a student may see of a room: never the secret, never another student's answer, counts after the reveal.

    `view` is the query string of the view the lecturer sent ('' when none), `view_number` increases with each
    send; `number` is the question's (0: none yet); `mine` the index this student chose (None: no answer)."""

    view: str
    view_number: int
    number: int
    question: Question | None
    revealed: bool
    mine: int | None
    counts: tuple[int, ...] | None  # only once revealed
    correct: int | None  # only once revealed


@dataclass
class Room:
    code: str
    secret: str
    touched: float
    view: str = ""
    view_number: int = 0
    number: int = 0
    question: Question | None = None
    revealed: bool = False
    answers: dict[str, int] = field(default_factory=dict)  # student -> choice index, for the current question

    def counts(self) -> list[int]:
        counts = [0] * (len(self.question.choices) if self.question else 0)
        for choice in self.answers.values():
            counts[choice] += 1
        return counts


def new_code() -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(CODE_LENGTH))


def normal_code(code: str) -> str:
    """What a student typed -> the code's form: upper case, no spaces or dashes, I and L read as 1, O as 0.

    >>> normal_code(" abcd-efgh "), normal_code("lo1O")
    ('ABCDEFGH', '1010')
    """
    return re.sub(r"[\s-]", "", str(code or ""))[:64].upper().translate(READ_AS)


class Rooms:
    """Every open room of this process, behind one lock (the web server answers on many threads)."""

    def __init__(self, idle_s: float = IDLE_S, limit: int = MAX_ROOMS, clock: Callable[[], float] = time.monotonic):
        self.idle_s, self.limit, self.clock = idle_s, limit, clock
        self._rooms: dict[str, Room] = {}
        self._lock = threading.Lock()

    def __len__(self) -> int:
        with self._lock:
            self._expire()
            return len(self._rooms)

    def open(self) -> tuple[str, str]:
        """A new room: (its code, the lecturer's secret)."""
        with self._lock:
            self._expire()
            if len(self._rooms) >= self.limit:
                raise InputError("room.err.full", limit=self.limit, hours=self.idle_s / 3600)
            code = new_code()
            while code in self._rooms:
                code = new_code()
            room = Room(code, secrets.token_urlsafe(24), self.clock())
            self._rooms[code] = room
            return code, room.secret

    def close(self, code: str, secret: str) -> None:
        with self._lock:
            room = self._lecturer(code, secret)
            del self._rooms[room.code]

    def send_view(self, code: str, secret: str, view: str) -> int:
        """The class follows this view (a share link's query string); returns its number."""
        view = str(view or "").lstrip("?")
        if len(view) > MAX_VIEW:
            raise InputError("room.err.view_too_long", n=len(view), limit=MAX_VIEW)
        with self._lock:
            room = self._lecturer(code, secret)
            room.view, room.view_number = view, room.view_number + 1
            return room.view_number

    def ask(self, code: str, secret: str, question: Question) -> int:
        """Start a question (the previous one and its answers are dropped); returns its number."""
        with self._lock:
            room = self._lecturer(code, secret)
            room.question, room.revealed, room.answers = question, False, {}
            room.number += 1
            return room.number

    def answer(self, code: str, student: str, choice: str) -> None:
        """A student's answer: one of the choices' labels, exactly. Again before the reveal replaces it."""
        student = str(student or "")
        if not STUDENT.fullmatch(student):
            raise InputError("room.err.no_identity")
        choice = str(choice or "").strip()
        if not choice:
            raise InputError("room.err.no_answer")
        with self._lock:
            room = self._student(code)
            if room.question is None:
                raise InputError("room.err.no_question")
            if room.revealed:
                raise InputError("room.err.revealed")
            if choice not in room.question.choices:
                raise InputError("room.err.not_a_choice", choices=" / ".join(room.question.choices))
            room.answers[student] = room.question.choices.index(choice)

    def counts(self, code: str, secret: str) -> list[int]:
        """The live counts per choice (the lecturer's chart)."""
        with self._lock:
            return self._lecturer(code, secret).counts()

    def reveal(self, code: str, secret: str, correct: int | None = None) -> Question:
        """End the question: students see the counts and the right answer (`correct` overrides the question's:
        the right answer computed now). Returns the question as revealed."""
        with self._lock:
            room = self._lecturer(code, secret)
            if room.question is None:
                raise InputError("room.err.no_question")
            if correct is not None:
                room.question = Question.checked(room.question.text, room.question.choices, correct)
            room.revealed = True
            return replace(room.question)

    def snapshot(self, code: str, student: str = "") -> Snapshot:
        """The room as this student sees it."""
        with self._lock:
            room = self._student(code)
            shown = room.revealed
            return Snapshot(
                room.view,
                room.view_number,
                room.number,
                room.question,
                shown,
                room.answers.get(str(student or "")),
                tuple(room.counts()) if shown else None,
                room.question.correct if shown and room.question else None,
            )

    # ---- under the lock ----

    def _expire(self) -> None:
        now = self.clock()
        for code in [code for code, room in self._rooms.items() if now - room.touched > self.idle_s]:
            del self._rooms[code]

    def _student(self, code: str) -> Room:
        self._expire()
        room = self._rooms.get(normal_code(code))
        if room is None:
            raise InputError("room.err.unknown", code=normal_code(code)[: CODE_LENGTH + 4])
        room.touched = self.clock()
        return room

    def _lecturer(self, code: str, secret: str) -> Room:
        room = self._student(code)
        if not secrets.compare_digest(str(secret or "").encode(), room.secret.encode()):
            raise InputError("room.err.not_lecturer")
        return room
