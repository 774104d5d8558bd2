r"""Attention maps of real models: tokens as people read them, every layer's and head's weights, rollout.

Source text, section 3.1.1-3.1.2 (自注意力, 多头注意力) and 4.1.1-4.1.2:

    $Attention(Q, K, V) = softmax(QK^T / \sqrt{d_k})\,V$,   $head_i = Attention(QW_i^Q, KW_i^K, VW_i^V)$

`attend(model, text)` runs the model once with `output_attentions=True` and returns the weights
$softmax(QK^T/\sqrt{d_k})$ of every layer and head, shape (L, H, T, T): row i is how query token i
spreads its attention over the key tokens j, and each row sums to 1. Causal models (SmolLM2, GPT-2)
mask j > i, so their upper triangle is 0. Nothing here draws.
"""

from __future__ import annotations

import functools
import unicodedata
from dataclasses import dataclass

from playground import models
from playground.errors import InputError, Term
from playground.lazy import lazy

torch = lazy("torch")  # imported on first use: the page is served without it (playground/lazy.py)

MAX_TOKENS = 128  # attention is (L, H, T, T): bounded so a view stays small and quick
TEXT = Term("text")  # which input a sentence is about, unless told
MAX_CHARS = 4000  # longer text is refused before tokenizing (only MAX_TOKENS tokens are shown anyway)
ALLOWED_CONTROL = "\n\t"
SPACE, NEWLINE, TAB = "␣", "↵", "⇥"  # how a space/newline/tab inside a token is shown


@dataclass(frozen=True)
class AttentionResult:
    model: str
    causal: bool  # True for decoder-only models: query i sees keys j <= i only
    tokens: list[str]  # readable: "␣world", "你…" for a piece holding part of a character, "##ing"
    pieces: list[str]  # the tokenizer's own strings: "Ġworld", "ä½", "##ing"
    ids: list[int]
    segments: list[int]  # 0 = first sentence, 1 = second (token_type_ids); all 0 without a pair
    attentions: torch.Tensor  # (L, H, T, T) float32 on the CPU
    n_kv_heads: int  # key/value heads: H for classic attention, fewer with grouped-query attention
    total_tokens: int  # before cutting to max_tokens
    unknown: int  # pieces the vocabulary does not know ([UNK])

    @property
    def cut(self) -> int:
        """How many tokens were cut off the end (0 when everything fits)."""
        return self.total_tokens - len(self.tokens)

    @property
    def shape(self) -> tuple[int, int, int, int]:
        return tuple(self.attentions.shape)


# ---- input checks ------------------------------------------------------------------------------


def check_text(text: str | None, what: Term = TEXT) -> str:
    """The text unchanged, or InputError saying what to change."""
    if text is None or not str(text).strip():
        raise InputError("attention.err.empty", what=what)
    text = str(text)
    if len(text) > MAX_CHARS:
        raise InputError("attention.err.too_long", what=what, limit=MAX_CHARS, n=len(text), tokens=MAX_TOKENS)
    for index, char in enumerate(text):
        if unicodedata.category(char) == "Cc" and char not in ALLOWED_CONTROL:
            raise InputError("attention.err.control_character", what=what, code=f"{ord(char):04X}", position=index)
    return text


def check_index(value, upper: int, what: Term) -> int:
    """A layer or head number in [0, upper), or InputError."""
    if value is None or not float(value).is_integer() or not 0 <= int(value) < upper:
        raise InputError("attention.err.bad_index", what=what, top=upper - 1, value=value)
    return int(value)


# ---- tokens as people read them ----------------------------------------------------------------


@functools.cache
def _byte_decoder() -> dict[str, int]:
    """GPT-2's byte-level alphabet, reversed: each of the 256 bytes is written as one printable character
    (printable bytes as themselves, the others shifted to U+0100 and up: the space 0x20 becomes 'Ġ')."""
    printable = [*range(ord("!"), ord("~") + 1), *range(ord("¡"), ord("¬") + 1), *range(ord("®"), ord("ÿ") + 1)]
    shifted = [b for b in range(256) if b not in printable]
    table = {chr(b): b for b in printable} | {chr(256 + n): b for n, b in enumerate(shifted)}
    return table


def _is_byte_level(tokenizer) -> bool:
    backend = getattr(tokenizer, "backend_tokenizer", None)
    return backend is not None and type(backend.decoder).__name__ == "ByteLevel"


def _visible(text: str) -> str:
    return text.replace(" ", SPACE).replace("\n", NEWLINE).replace("\t", TAB)


def readable_byte_pieces(pieces: list[str], special: set[str]) -> list[str]:
    """Byte-level BPE pieces as text: 'Ġworld' -> '␣world'; a piece holding only some of the UTF-8 bytes
    of a character shows that character with '…' on the side that continues in the next/previous piece.

    >>> readable_byte_pieces(['Hello', 'Ġ', 'ä½', 'ł', 'å¥½'], set())
    ['Hello', '␣', '你…', '…你', '好']
    """
    decoder = _byte_decoder()
    spans, stream = [], bytearray()
    for piece in pieces:
        start = len(stream)
        if piece not in special and all(c in decoder for c in piece):
            stream.extend(decoder[c] for c in piece)
        spans.append((start, len(stream)))
    chars = _utf8_chars(bytes(stream))  # [(start, end, char)]
    readable = []
    for piece, (start, end) in zip(pieces, spans, strict=True):
        if piece in special or start == end:
            readable.append(piece)
            continue
        touched = [(s, e, c) for s, e, c in chars if s < end and e > start]
        text = _visible("".join(c for _, _, c in touched))
        readable.append(("…" if touched[0][0] < start else "") + text + ("…" if touched[-1][1] > end else ""))
    return readable


def _utf8_chars(data: bytes) -> list[tuple[int, int, str]]:
    """Each character with its byte span; a byte that starts no valid character becomes '�'."""
    chars, i = [], 0
    while i < len(data):
        lead = data[i]
        size = 1 if lead < 0x80 else 2 if lead >> 5 == 6 else 3 if lead >> 4 == 14 else 4 if lead >> 3 == 30 else 1
        try:
            chars.append((i, i + size, data[i : i + size].decode("utf-8")))
        except UnicodeDecodeError:
            size = 1
            chars.append((i, i + 1, "\ufffd"))
        i += size
    return chars


def readable_tokens(tokenizer, pieces: list[str], text_of) -> list[str]:
    """What a student should read for each piece: byte-level BPE decoded, WordPiece kept ('##' marks a
    piece that continues a word), [UNK] followed by the text it stands for."""
    special = set(tokenizer.all_special_tokens)
    if _is_byte_level(tokenizer):
        return readable_byte_pieces(pieces, special)
    unk = tokenizer.unk_token
    return [
        f"{piece} {text_of(index)}" if piece == unk and text_of(index) else _visible(piece)
        for index, piece in enumerate(pieces)
    ]


# ---- the model's own attention -----------------------------------------------------------------


def _encode(tokenizer, text: str, text_pair: str | None, max_tokens: int):
    kwargs = dict(text_pair=text_pair) if text_pair else {}
    full = tokenizer(text, **kwargs)
    batch = tokenizer(
        text,
        truncation="longest_first" if text_pair else True,
        max_length=max_tokens,
        return_offsets_mapping=True,
        return_tensors="pt",
        **kwargs,
    )
    return batch, len(full["input_ids"])


def kv_heads(model) -> int:
    """Key/value heads of the model (fewer than the query heads with grouped-query attention)."""
    config = model.config
    return int(getattr(config, "num_key_value_heads", None) or config.num_attention_heads)


def attend(model_name: str, text: str, text_pair: str | None = None, max_tokens: int = MAX_TOKENS) -> AttentionResult:
    r"""Run the model once and return the attention weights $softmax(QK^T/\sqrt{d_k})$ of every layer and head.

    The model loads with eager attention (the fused kernels return no weights). text_pair is the second
    sentence of an encoder's sentence pair ([SEP] between them, token_type_ids 1 after it).
    """
    text = check_text(text)
    loaded = models.load(model_name)
    causal = loaded.spec.role == models.CAUSAL_LM
    if text_pair is not None and not str(text_pair).strip():
        text_pair = None
    if text_pair is not None:
        if causal:
            raise InputError("attention.err.pair_for_causal", model=model_name)
        text_pair = check_text(text_pair, Term("second_sentence"))
    tokenizer, net = loaded.tokenizer, loaded.model
    batch, total = _encode(tokenizer, text, text_pair, max_tokens)
    offsets = batch.pop("offset_mapping")[0].tolist()
    ids = batch["input_ids"][0].tolist()
    segments = batch.get("token_type_ids", torch.zeros_like(batch["input_ids"]))[0].tolist()
    device = next(net.parameters()).device
    with torch.inference_mode():
        out = net(**{k: v.to(device) for k, v in batch.items()}, output_attentions=True)
    if not out.attentions:
        raise RuntimeError("the model returned no attention weights: it must be loaded with eager attention")
    att = torch.stack(out.attentions)[:, 0].float().cpu()  # (L, H, T, T)
    pieces = tokenizer.convert_ids_to_tokens(ids)
    sources = [text, text_pair or ""]
    text_of = lambda i: sources[segments[i]][offsets[i][0] : offsets[i][1]]  # noqa: E731
    return AttentionResult(
        model=model_name,
        causal=causal,
        tokens=readable_tokens(tokenizer, pieces, text_of),
        pieces=pieces,
        ids=ids,
        segments=segments,
        attentions=att,
        n_kv_heads=kv_heads(net),
        total_tokens=total,
        unknown=sum(1 for i in ids if i == tokenizer.unk_token_id),
    )


# ---- views of the weights ----------------------------------------------------------------------


def head_mean(att: torch.Tensor) -> torch.Tensor:
    """(L, H, T, T) -> (L, T, T): the mean over heads, what the layer attends to on average."""
    return att.mean(dim=1)


def rollout(att: torch.Tensor, residual: float = 0.5) -> torch.Tensor:
    r"""Attention rollout (Abnar & Zuidema 2020): how much each input token flows into each position
    after every layer, following attention through the residual connections.

    $\hat A_l = \mathrm{rownorm}(0.5\,\bar A_l + 0.5\,I)$ with $\bar A_l$ the head mean of layer l, then
    $R_l = \hat A_l \hat A_{l-1} \cdots \hat A_0$. Returns (L, T, T): R after each layer; rows sum to 1.
    """
    mean = head_mean(att).double()  # (L, T, T)
    eye = torch.eye(mean.shape[-1], dtype=mean.dtype)
    a = residual * mean + (1 - residual) * eye
    a = a / a.sum(dim=-1, keepdim=True)
    out, r = [], eye
    for layer in a:
        r = layer @ r  # (T, T)
        out.append(r)
    return torch.stack(out).float()


def kv_head_of(head: int, n_heads: int, n_kv_heads: int) -> int:
    """Grouped-query attention: query head h reads key/value head h // (n_heads / n_kv_heads).

    >>> [kv_head_of(h, 9, 3) for h in range(9)]
    [0, 0, 0, 1, 1, 1, 2, 2, 2]
    """
    return head // (n_heads // n_kv_heads)


def causal_leak(att: torch.Tensor) -> float:
    """Largest weight above the diagonal (a causal model must give exactly 0 there)."""
    t = att.shape[-1]
    upper = torch.triu(torch.ones(t, t, dtype=torch.bool), diagonal=1)
    return float(att[..., upper].abs().max()) if t > 1 else 0.0
