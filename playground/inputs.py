r"""What every value from a visitor must be before the engine uses it: readable text, ordinary whole numbers.

The browser and the JSON API can send things no keyboard types: a lone UTF-16 surrogate ("\ud800", which
`JSON.stringify` happily escapes, and which no tokenizer can encode), NaN, infinity, or a seed of 10^30.
These checks turn each into a sentence that says what to change, before any model or tensor sees it.

    >>> whole_number(3.0, "The seed", 0, 10)
    3
    >>> check_strings({"text": "ok \ud800"})
    Traceback (most recent call last):
    ValueError: The text contains a broken character (a lone UTF-16 surrogate, U+D800, at position 3): ...
"""

from __future__ import annotations

import math
import re

SURROGATE = re.compile("[\ud800-\udfff]")
MAX_DEPTH = 4  # nested lists/dicts of an API call are checked this deep
MAX_ITEMS = 10_000  # and this many items at each level (larger lists are refused by the engine anyway)


def check_unicode(text: str, what: str = "The text") -> str:
    """The text unchanged, or ValueError when it holds a character no UTF-8 encoder can write."""
    found = SURROGATE.search(text)
    if found:
        raise ValueError(
            f"{what} contains a broken character (a lone UTF-16 surrogate, U+{ord(found.group()):04X}, at position "
            f"{found.start()}): it was probably cut out of an emoji. Delete it or paste the text again."
        )
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


def whole_number(value, what: str, low: int, high: int) -> int:
    """int(value) when it is a whole number in [low, high] (3.0 counts); a ValueError otherwise (NaN, 1e30, "x")."""
    try:
        number = float(value)
    except (TypeError, ValueError):
        number = math.nan
    if not math.isfinite(number) or not number.is_integer() or not low <= number <= high:
        raise ValueError(f"{what} must be a whole number from {low:,} to {high:,} (got {value!r}).")
    return int(number)
