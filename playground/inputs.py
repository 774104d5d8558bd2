r"""What every value from a visitor must be before the engine uses it: readable text, ordinary whole numbers.

The browser and the JSON API can send things no keyboard types: a lone UTF-16 surrogate ("\ud800", which
`JSON.stringify` happily escapes, and which no tokenizer can encode), NaN, infinity, or a seed of 10^30.
These checks turn each into an InputError that says what to change (a key and its values: the UI writes the
sentence), before any model or tensor sees it.

    >>> whole_number(3.0, Term("the_seed"), 0, 10)
    3
    >>> check_strings({"text": "ok \ud800"})
    Traceback (most recent call last):
    playground.errors.InputError: inputs.err.broken_character(what=Term(name='the_text'), code='D800', position=3)
"""

from __future__ import annotations

import math
import re

from playground.errors import InputError, Term

SURROGATE = re.compile("[\ud800-\udfff]")
THE_TEXT = Term("the_text")  # which input a sentence is about, unless told
MAX_DEPTH = 4  # nested lists/dicts of an API call are checked this deep
MAX_ITEMS = 10_000  # and this many items at each level (larger lists are refused by the engine anyway)


def check_unicode(text: str, what: Term = THE_TEXT) -> str:
    """The text unchanged, or InputError when it holds a character no UTF-8 encoder can write."""
    found = SURROGATE.search(text)
    if found:
        code = f"{ord(found.group()):04X}"
        raise InputError("inputs.err.broken_character", what=what, code=code, position=found.start())
    return text


def check_strings(value, depth: int = 0) -> None:
    """check_unicode on every string inside a handler's arguments (lists and dicts included)."""
    if isinstance(value, str):
        check_unicode(value)
    elif depth < MAX_DEPTH and isinstance(value, list | tuple):
        for item in value[:MAX_ITEMS]:
            check_strings(item, depth + 1)
    elif depth < MAX_DEPTH and isinstance(value, dict):
        for key, item in list(value.items())[:MAX_ITEMS]:
            check_strings(key, depth + 1)
            check_strings(item, depth + 1)


def whole_number(value, what: Term, low: int, high: int) -> int:
    """int(value) when it is a whole number in [low, high] (3.0 counts); an InputError otherwise (NaN, 1e30, "x")."""
    try:
        number = float(value)
    except (TypeError, ValueError):
        number = math.nan
    if not math.isfinite(number) or not number.is_integer() or not low <= number <= high:
        raise InputError("inputs.err.not_whole", what=what, low=low, high=high, value=repr(value))
    return int(number)
