"""What every "Inside the model" view checks before it runs a model: the text, the target word, the numbers.

Each bad value raises `InputError("inside.err.<what>", ...)`; the UI writes the sentence (ui/i18n/en.py, zh.py).
`field` names the input as a `Term` (term.inside.text, .target, .clean, .corrupt, .clean_answer, .corrupt_answer,
.prompt) so the sentence can say which box to fix.

    >>> check_index(3.0, 31, "inside.err.layer_range")
    3
"""

from __future__ import annotations

import math
import re

from playground import generation, models
from playground.errors import InputError, Term
from playground.lazy import lazy

torch = lazy("torch")  # imported on first use: the page is served without it (playground/lazy.py)

MAX_CHARS = 2000  # refused before tokenizing: every view here reads at most a few dozen tokens
SURROGATE = re.compile("[\ud800-\udfff]")


def _term(field: str) -> Term:
    """Which input was wrong, as a word the UI translates (its key: term.inside.<field>)."""
    return Term(f"inside.{field}")


def load_causal(name: str) -> models.LoadedModel:
    """The named model when it predicts the next token (a causal LM); an encoder is refused."""
    loaded = models.load(name)
    if loaded.spec.role != models.CAUSAL_LM:
        raise InputError("inside.err.not_causal", model=name)
    return loaded


def check_text(text, field: str = "text") -> str:
    """The text unchanged, or InputError: empty, too many characters, a broken character."""
    if text is None or not str(text).strip():
        raise InputError("inside.err.empty", field=_term(field))
    text = str(text)
    if len(text) > MAX_CHARS:
        raise InputError("inside.err.too_many_chars", field=_term(field), limit=MAX_CHARS, chars=len(text))
    broken = SURROGATE.search(text)
    if broken:
        raise InputError("inside.err.broken_char", field=_term(field), position=broken.start())
    return text


def encode(tokenizer, text, max_tokens: int, min_tokens: int = 1, field: str = "text") -> torch.Tensor:
    """The text's token ids (1, T), no special tokens added, with min_tokens <= T <= max_tokens."""
    text = check_text(text, field)
    ids = tokenizer(text, return_tensors="pt", add_special_tokens=False).input_ids  # (1, T)
    if ids.shape[1] > max_tokens:
        raise InputError("inside.err.too_long", field=_term(field), limit=max_tokens, tokens=ids.shape[1])
    if ids.shape[1] < min_tokens:
        raise InputError("inside.err.too_short", field=_term(field), least=min_tokens, tokens=ids.shape[1])
    return ids


def one_token(tokenizer, word, field: str = "target") -> int:
    """The id of a word that is exactly one token (" Paris"), or InputError saying how many it is."""
    if word is None or str(word) == "":
        raise InputError("inside.err.empty", field=_term(field))
    word = check_text(word, field) if str(word).strip() else str(word)
    ids = tokenizer(word, add_special_tokens=False).input_ids
    if len(ids) != 1:
        raise InputError("inside.err.not_one_token", field=_term(field), word=word, count=len(ids))
    return int(ids[0])


def check_index(value, upper: int, key: str) -> int:
    """A whole number in [0, upper): a layer or a position (3.0 counts; NaN, inf, 2.5, -1 do not)."""
    try:
        number = float(value)
    except (TypeError, ValueError):
        number = math.nan
    if not math.isfinite(number) or not number.is_integer() or not 0 <= number < upper:
        raise InputError(key, value=str(value), high=upper - 1)
    return int(number)


def labels(tokenizer, ids: list[int]) -> list[str]:
    """Each token's text as a student reads it (a piece of a character shows its bytes)."""
    known = {i: generation.token_label(tokenizer, i) for i in set(ids)}
    return [known[i] for i in ids]
