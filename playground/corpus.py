r"""The texts of the Tokens tab: the corpus a tokenizer or an n-gram model is trained on, and the checks every
text typed by a visitor passes before any tokenizer sees it.

Corpus (assets/corpus/README.md): the Debian Reference manual in English and in its Chinese translation, plus
classical Chinese (Tang poems, Song lyrics, the Analects...). Each language is split by lines: the last
`HELD_OUT_FRACTION` of its lines are held out (compression and perplexity are measured on text not trained on).

    >>> len(training_text("en")) > 200_000
    True
    >>> check_text("猫 ok")
    '猫 ok'
"""

from __future__ import annotations

import functools
import math
import unicodedata
from pathlib import Path

from playground.errors import InputError

ROOT = Path(__file__).resolve().parents[1]
CORPUS_DIR = ROOT / "assets" / "corpus"
SEED_TEXT = ROOT / "assets" / "seed" / "llm-theory-to-practice.zh.md"
CORPORA = ("en", "zh", "both")
HELD_OUT_FRACTION = 0.1  # the last 10 % of each language's lines
MAX_CHARS = 20_000  # any text typed into the tab: ~10 pages, tokenized by 3-7 tokenizers in < 0.5 s
ALLOWED_CONTROLS = "\n\t\r"


def check_text(text, max_chars: int = MAX_CHARS) -> str:
    """The text unchanged, or InputError: empty, longer than max_chars, a control character, a lone surrogate."""
    if not isinstance(text, str) or not text.strip():
        raise InputError("tokens.err.empty")
    if len(text) > max_chars:
        raise InputError("tokens.err.too_long", limit=max_chars, length=len(text))
    for position, char in enumerate(text):
        if "\ud800" <= char <= "\udfff":
            raise InputError("tokens.err.surrogate", position=position, code=f"U+{ord(char):04X}")
        if unicodedata.category(char) == "Cc" and char not in ALLOWED_CONTROLS:
            raise InputError("tokens.err.control", position=position, code=f"U+{ord(char):04X}")
    return text


def whole(value, name: str, low: int, high: int) -> int:
    """int(value) for a whole number in [low, high] (3.0 counts), else InputError `tokens.err.<name>_range`."""
    try:
        number = float(value)
    except (TypeError, ValueError):
        number = math.nan
    if not math.isfinite(number) or not number.is_integer() or not low <= number <= high:
        raise InputError(f"tokens.err.{name}_range", low=low, high=high, value=str(value))
    return int(number)


def positive(value, name: str, high: float = math.inf) -> float:
    """float(value) for a finite number in (0, high], else InputError `tokens.err.<name>_positive`."""
    try:
        number = float(value)
    except (TypeError, ValueError):
        number = math.nan
    if not math.isfinite(number) or not 0 < number <= high:
        bound = {"high": high} if math.isfinite(high) else {}  # an upper bound only where there is one
        raise InputError(f"tokens.err.{name}_positive", value=str(value), **bound)
    return number


def check_corpus(name: str) -> str:
    if name not in CORPORA:
        raise InputError("tokens.err.corpus", name=str(name), known=", ".join(CORPORA))
    return name


@functools.cache
def _lines(language: str) -> tuple[str, ...]:
    return tuple((CORPUS_DIR / f"{language}.txt").read_text("utf-8").splitlines())


def _split(language: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    lines = _lines(language)
    cut = round(len(lines) * (1 - HELD_OUT_FRACTION))
    return lines[:cut], lines[cut:]


def training_lines(corpus: str = "both") -> tuple[str, ...]:
    """The training lines of one language, or of both (English first)."""
    languages = ("en", "zh") if check_corpus(corpus) == "both" else (corpus,)
    return tuple(line for language in languages for line in _split(language)[0])


def held_out_lines(corpus: str = "both") -> tuple[str, ...]:
    languages = ("en", "zh") if check_corpus(corpus) == "both" else (corpus,)
    return tuple(line for language in languages for line in _split(language)[1])


def training_text(corpus: str = "both") -> str:
    return "\n".join(training_lines(corpus)) + "\n"


def held_out_text(corpus: str = "both") -> str:
    return "\n".join(held_out_lines(corpus)) + "\n"


def seed_text() -> str:
    """The Chinese source text of the course (a third, small text: ~3,800 characters)."""
    return SEED_TEXT.read_text("utf-8")


def language_of(text: str) -> str:
    """ "zh" when CJK characters are at least a third of the letters, "en" when there are none, else "both"."""
    letters = [c for c in text if c.isalpha()]
    cjk = sum("\u3400" <= c <= "\u9fff" or "\uf900" <= c <= "\ufaff" for c in letters)
    if not cjk:
        return "en"
    return "zh" if cjk * 3 >= len(letters) else "both"
