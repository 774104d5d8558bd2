r"""Byte-level BPE trained on the tab's corpus: where a vocabulary like GPT-2's comes from (section 2.1.3).

Start from the 256 bytes. Count every adjacent pair of symbols in the corpus (inside pre-tokenized words) and
merge the most frequent pair into a new symbol; repeat until the vocabulary has $V$ symbols:

    $(a, b)^{*} = \arg\max_{(a,b)} \mathrm{count}(a\,b)$, vocabulary $\leftarrow$ vocabulary $\cup \{ab\}$,
    $V = 256 + \text{number of merges}$.

Training is greedy, so the first $k$ merges of a large vocabulary are the merges of a vocabulary of $256 + k$:
one training at `vocab_size` serves every smaller size. A word is split by applying the merges in rank order
(lowest rank first) until no learned pair is left. Compression is measured on held-out text:

    $\text{bytes per token} = B_{\text{held-out}} / T_{\text{held-out}}$  (1.0 with no merges: one token a byte).

Training uses the `tokenizers` library (Rust): on 2 cores the English corpus (280 KB) trains to 4,096 in
~0.2 s and both languages (820 KB) in ~1 s; MAX_VOCAB caps the size so that it stays in seconds.

    >>> m = train_bpe("en", 4096)  # doctest: +SKIP
    >>> m.merges[0], split_word(m, "tokenization", 4096).pieces  # doctest: +SKIP
    (('Ġ', 't'), ('to', 'ken', 'ization'))
    >>> split_word(m, "tokenization", 512).pieces  # doctest: +SKIP
    ('t', 'o', 'k', 'en', 'iz', 'ation')
"""

from __future__ import annotations

import functools
import json
from collections import Counter
from dataclasses import dataclass

from playground.corpus import check_corpus, check_text, held_out_lines, training_lines, whole
from playground.tokenization import display_pieces, piece_bytes

ALPHABET = 256  # every byte is a symbol before the first merge
MIN_VOCAB, MAX_VOCAB = ALPHABET, 8192
DEFAULT_VOCAB = 4096
MAX_WORD_CHARS = 64
FIRST_MERGES = 20  # merges listed one by one (with their counts)
CURVE = (256, 300, 384, 512, 768, 1024, 1536, 2048, 3072, 4096, 6144, 8192)


@dataclass(frozen=True, eq=False)  # compared (and hashed) by identity: one per training
class BPEModel:
    corpus: str
    vocab_size: int
    merges: tuple[tuple[str, str], ...]  # in rank order, as `tokenizers` stores them (byte-alphabet strings)
    vocab: dict[str, int]  # symbol -> id; the merge of rank r has id 256 + r
    tokenizer: object  # the trained `tokenizers.Tokenizer` (the reference)


@dataclass(frozen=True)
class Merge:
    rank: int  # 0 = first merge
    left: str  # displayed symbols: "t", "h" -> "th" (a space shows as " ")
    right: str
    merged: str
    count: int  # how often the pair occurred in the corpus when it was merged (the argmax)


@dataclass(frozen=True)
class WordSplit:
    vocab_size: int  # 256 + merges applied
    pieces: tuple[str, ...]  # displayed pieces
    partial: tuple[bool, ...]  # the piece holds only some bytes of its character(s)
    ids: tuple[int, ...]


@dataclass(frozen=True)
class CompressionPoint:
    vocab_size: int
    tokens: int  # T on the held-out text
    bytes: int  # B of the held-out text
    bytes_per_token: float  # B / T


@dataclass(frozen=True)
class BPELesson:
    corpus: str
    vocab_size: int
    first_merges: tuple[Merge, ...]
    word: str
    splits: tuple[WordSplit, ...]  # the word at each size of CURVE up to vocab_size
    curve: tuple[CompressionPoint, ...]


# ---- training ----------------------------------------------------------------------------------


def _new_tokenizer():
    from tokenizers import Tokenizer, decoders, models, pre_tokenizers

    tokenizer = Tokenizer(models.BPE())
    tokenizer.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False)  # GPT-2's split, then bytes
    tokenizer.decoder = decoders.ByteLevel()
    return tokenizer


@functools.lru_cache(maxsize=8)
def train_bpe(corpus: str = "en", vocab_size: int = DEFAULT_VOCAB) -> BPEModel:
    """Train byte-level BPE to vocab_size symbols on the corpus' training lines (cached)."""
    from tokenizers import pre_tokenizers, trainers

    vocab_size = whole(vocab_size, "vocab", MIN_VOCAB, MAX_VOCAB)
    tokenizer = _new_tokenizer()
    trainer = trainers.BpeTrainer(
        vocab_size=vocab_size, initial_alphabet=pre_tokenizers.ByteLevel.alphabet(), show_progress=False
    )
    tokenizer.train_from_iterator(training_lines(check_corpus(corpus)), trainer)
    stored = json.loads(tokenizer.to_str())["model"]
    merges = tuple((a, b) for a, b in stored["merges"])
    return BPEModel(corpus, tokenizer.get_vocab_size(), merges, stored["vocab"], tokenizer)


def truncated(model: BPEModel, vocab_size: int):
    """A `tokenizers` BPE with only the first vocab_size - 256 merges: the model trained to that size."""
    from tokenizers import models

    k = vocab_size - ALPHABET
    tokenizer = _new_tokenizer()
    vocab = {symbol: i for symbol, i in model.vocab.items() if i < vocab_size}
    tokenizer.model = models.BPE(vocab, list(model.merges[:k]))
    return tokenizer


# ---- the merges one by one -----------------------------------------------------------------------


def show(symbol: str) -> str:
    """A byte-alphabet symbol as text ('Ġthe' -> ' the'); a symbol that cuts a character shows it in hex."""
    return display_pieces([piece_bytes(symbol, byte_level=True)])[0][0]


def _words(corpus: str) -> Counter:
    """Pre-tokenized words (in the byte alphabet) and how often each occurs."""
    from tokenizers import pre_tokenizers

    split = pre_tokenizers.ByteLevel(add_prefix_space=False).pre_tokenize_str
    return Counter(word for line in training_lines(corpus) for word, _ in split(line))


def first_merges(model: BPEModel, first: int = FIRST_MERGES) -> tuple[Merge, ...]:
    """The first merges in order, each with the count of its pair at the moment it was merged."""
    table = {word: (list(word), n) for word, n in _words(model.corpus).items()}
    out = []
    for rank, (a, b) in enumerate(model.merges[:first]):
        count = 0
        for word, (symbols, n) in table.items():
            if a + b in word:  # a quick filter: the pair can only occur where its text does
                count += n * _merge_in_place(symbols, a, b)
        out.append(Merge(rank, show(a), show(b), show(a + b), count))
    return tuple(out)


def _merge_in_place(symbols: list[str], a: str, b: str) -> int:
    """Replace each (a, b) by ab, left to right; return how many."""
    i, merged = 0, 0
    while i < len(symbols) - 1:
        if symbols[i] == a and symbols[i + 1] == b:
            symbols[i : i + 2] = [a + b]
            merged += 1
        i += 1
    return merged


# ---- applying the first k merges -------------------------------------------------------------------


def apply_merges(symbols: list[str], ranks: dict[tuple[str, str], int], k: int) -> list[str]:
    """BPE on one pre-tokenized word: merge the lowest-rank pair (rank < k) until none is left."""
    symbols = list(symbols)
    while len(symbols) > 1:
        pairs = [(ranks.get(pair, k), i) for i, pair in enumerate(zip(symbols, symbols[1:], strict=False))]
        rank, i = min(pairs)
        if rank >= k:
            break
        _merge_in_place(symbols, *[symbols[i], symbols[i + 1]])  # every occurrence of that pair
    return symbols


@functools.lru_cache(maxsize=8)
def _ranks(model: BPEModel) -> dict[tuple[str, str], int]:
    return {pair: rank for rank, pair in enumerate(model.merges)}


def split_word(model: BPEModel, word: str, vocab_size: int) -> WordSplit:
    """The word as the vocabulary of vocab_size (<= the model's) cuts it."""
    from tokenizers import pre_tokenizers

    vocab_size = whole(vocab_size, "vocab", MIN_VOCAB, model.vocab_size)
    split = pre_tokenizers.ByteLevel(add_prefix_space=False).pre_tokenize_str
    symbols = [
        s
        for chunk, _ in split(check_text(word, MAX_WORD_CHARS))
        for s in apply_merges(list(chunk), _ranks(model), vocab_size - ALPHABET)
    ]
    shown = display_pieces([piece_bytes(s, byte_level=True) for s in symbols])
    pieces, partial = tuple(d for d, _ in shown), tuple(p for _, p in shown)
    return WordSplit(vocab_size, pieces, partial, tuple(model.vocab[s] for s in symbols))


# ---- compression against vocabulary size -------------------------------------------------------------


def compression(model: BPEModel, vocab_size: int) -> CompressionPoint:
    """UTF-8 bytes per token on the held-out lines, with the first vocab_size - 256 merges."""
    lines = held_out_lines(model.corpus)
    tokens = sum(len(e.ids) for e in truncated(model, vocab_size).encode_batch(list(lines)))
    size = sum(len(line.encode("utf-8")) for line in lines)
    return CompressionPoint(vocab_size, tokens, size, size / tokens)  # $B / T$


def explain(corpus: str = "en", vocab_size: int = DEFAULT_VOCAB, word: str = "tokenization") -> BPELesson:
    """Everything the view shows: the first merges, the word at growing sizes, the compression curve."""
    model = train_bpe(check_corpus(corpus), whole(vocab_size, "vocab", MIN_VOCAB, MAX_VOCAB))
    sizes = [size for size in CURVE if size < model.vocab_size] + [model.vocab_size]
    return BPELesson(
        corpus,
        model.vocab_size,
        first_merges(model),
        check_text(word, MAX_WORD_CHARS),
        tuple(split_word(model, word, size) for size in sizes),
        tuple(compression(model, size) for size in sizes),
    )
