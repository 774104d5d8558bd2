r"""A statistical language model: character n-grams counted on the corpus (section 2.1.1, 统计语言模型).

The chain rule with an (n-1)-character memory:

    $P(w_1 \dots w_T) = \prod_{t=1}^{T} P(w_t \mid w_{t-n+1} \dots w_{t-1})$

Three ways to turn counts $c(\cdot)$ into $P(w \mid h)$, $h$ the n-1 previous characters, $V$ the vocabulary:

    maximum likelihood  $P(w \mid h) = c(h\,w) / c(h)$ — an n-gram never seen gets 0, and one 0 makes the
                        whole product 0 and the perplexity infinite (the zero-count problem);
    add-k               $P(w \mid h) = (c(h\,w) + k) / (c(h) + kV)$;
    interpolated Kneser-Ney  $P(w \mid h) = \frac{\max(c(h\,w) - D, 0)}{c(h)} + \frac{D\,N_{1+}(h\,\bullet)}{c(h)}
                        P_{cont}(w \mid h')$, $h'$ = h without its first character; the lower orders count
                        continuations $N_{1+}(\bullet\,h'\,w)$ (in how many contexts w followed h') instead of
                        occurrences, and the last one is uniform $1/V$. Every row sums to 1.

Surprisal is $-\log_2 P$ bits; perplexity $= \exp(\frac{1}{T}\sum_t -\ln P(w_t \mid h_t))$.

Why characters: the same unit for English and Chinese (Chinese has no spaces to cut words on), a small
vocabulary (~4,000 symbols), and a text's total bits are a code length of the exact string, so they compare
fairly with SmolLM2's bits over its own tokens (lm_compare). A text starts after a line break, as every
corpus line does; the first characters use the shorter contexts they have. Characters never seen in training
become UNK (their probability is the model's mass for an unknown character).

    >>> m = train_ngram("en")  # doctest: +SKIP
    >>> round(score(m, "the system", n=3).perplexity, 1)  # doctest: +SKIP
    4.8
"""

from __future__ import annotations

import functools
import math
from collections import Counter, defaultdict
from dataclasses import dataclass

import numpy as np

from playground.corpus import check_corpus, check_text, positive, training_text, whole
from playground.errors import InputError

MAX_N = 4
UNK = "\x1a"  # a control character: never in a checked text, so never confused with a real one
START = "\n"  # every text is scored as if it began a new line
SMOOTHINGS = ("mle", "add-k", "kneser-ney")
MAX_SCORE_CHARS = 5000
MAX_GENERATE = 400


@dataclass(frozen=True)
class NGramConfig:
    n: int = 3  # 1-4: the model reads n-1 previous characters
    smoothing: str = "kneser-ney"  # "mle", "add-k" or "kneser-ney"
    k: float = 1.0  # add-k's pseudo-count (add-one = Laplace)
    discount: float = 0.75  # Kneser-Ney's D, in (0, 1]


DEFAULT = NGramConfig()


@dataclass(frozen=True, eq=False)
class NGramCounts:
    """Counts of every order 1..MAX_N: follow[m][h][w] = c(h w) for contexts h of m characters, and the
    Kneser-Ney continuation counts cont[m][h][w] = N1+(• h w) for m < MAX_N - 1."""

    corpus: str
    vocab: tuple[str, ...]  # sorted characters, then UNK
    index: dict[str, int]
    follow: tuple[dict[str, dict[str, int]], ...]
    total: tuple[dict[str, int], ...]  # c(h) = sum over w of c(h w)
    cont: tuple[dict[str, dict[str, int]], ...]
    cont_total: tuple[dict[str, int], ...]


@dataclass(frozen=True)
class Factor:
    """One factor of the product: P(w_t | h_t)."""

    context: str  # h_t (the characters the model read; START shows as "\n")
    char: str  # w_t
    p: float
    surprisal: float  # -log2 p (inf when p = 0)
    unseen: bool  # c(h w) = 0: the n-gram never occurred in training


@dataclass(frozen=True)
class NGramScore:
    config: NGramConfig
    factors: tuple[Factor, ...]  # one per character
    total_bits: float  # sum of surprisals: -log2 P(w_1..w_T)
    bits_per_char: float
    perplexity: float  # exp(mean NLL); inf when some p = 0
    zero_count: int  # factors with p = 0 (only without smoothing)
    first_zero: int | None  # the first character whose n-gram was never seen (None if none)
    unknown: int  # characters never seen in training (UNK)


# ---- counting ----------------------------------------------------------------------------------


def count_ngrams(text: str, max_n: int = MAX_N) -> tuple[tuple[dict, ...], tuple[dict, ...]]:
    """follow[m][h][w] = c(h w) for |h| = m, and totals c(h); plain counting of every substring."""
    follow, total = [], []
    for n in range(1, max_n + 1):
        grams = Counter(text[i : i + n] for i in range(len(text) - n + 1))
        table: dict[str, dict[str, int]] = defaultdict(dict)
        for gram, c in grams.items():
            table[gram[:-1]][gram[-1]] = c
        follow.append(dict(table))
        total.append({h: sum(ws.values()) for h, ws in table.items()})
    return tuple(follow), tuple(total)


def continuation_counts(follow: tuple[dict, ...]) -> tuple[tuple[dict, ...], tuple[dict, ...]]:
    """cont[m][h][w] = N1+(• h w): how many distinct characters x precede h w (from the (m+2)-grams)."""
    cont, cont_total = [], []
    for m in range(len(follow) - 1):
        table: dict[str, dict[str, int]] = defaultdict(dict)
        for longer, ws in follow[m + 1].items():  # longer = x h, |h| = m
            h = longer[1:]
            for w in ws:
                table[h][w] = table[h].get(w, 0) + 1
        cont.append(dict(table))
        cont_total.append({h: sum(ws.values()) for h, ws in table.items()})
    return tuple(cont), tuple(cont_total)


def build(text: str, corpus: str = "custom", max_n: int = MAX_N) -> NGramCounts:
    """Counts of a training text (any text: the tests use a tiny one)."""
    text = START + text
    vocab = tuple(sorted(set(text))) + (UNK,)
    follow, total = count_ngrams(text, max_n)
    cont, cont_total = continuation_counts(follow)
    return NGramCounts(corpus, vocab, {c: i for i, c in enumerate(vocab)}, follow, total, cont, cont_total)


@functools.lru_cache(maxsize=4)
def train_ngram(corpus: str = "both") -> NGramCounts:
    """Counts of orders 1..4 on the corpus' training lines (cached; ~2-4 s for both languages)."""
    return build(training_text(check_corpus(corpus)), corpus)


# ---- probabilities -----------------------------------------------------------------------------


def check_config(config: NGramConfig) -> NGramConfig:
    if config.smoothing not in SMOOTHINGS:
        raise InputError("tokens.err.smoothing", name=str(config.smoothing), known=", ".join(SMOOTHINGS))
    return NGramConfig(
        whole(config.n, "n", 1, MAX_N),
        config.smoothing,
        positive(config.k, "k"),
        positive(config.discount, "discount", 1.0),
    )


def known(model: NGramCounts, char: str) -> str:
    return char if char in model.index and char != UNK else UNK


def prob(model: NGramCounts, h: str, w: str, config: NGramConfig) -> float:
    """P(w | h) with the last n-1 characters of h."""
    h = h[len(h) - (config.n - 1) :] if config.n > 1 else ""
    c_hw, c_h = model.follow[len(h)].get(h, {}).get(w, 0), model.total[len(h)].get(h, 0)
    if config.smoothing == "mle":
        return c_hw / c_h if c_h else 0.0  # $c(h\,w) / c(h)$; an unseen context predicts nothing
    if config.smoothing == "add-k":
        return (c_hw + config.k) / (c_h + config.k * len(model.vocab))  # $(c(h\,w)+k) / (c(h)+kV)$
    return kneser_ney(model, h, w, config.discount, highest=True)


def kneser_ney(model: NGramCounts, h: str, w: str, D: float, highest: bool) -> float:
    """Interpolated Kneser-Ney, recursively down to the uniform distribution."""
    follow, total = (model.follow, model.total) if highest else (model.cont, model.cont_total)
    ws = follow[len(h)].get(h) if len(h) < len(follow) else None
    lower = (lambda: kneser_ney(model, h[1:], w, D, False)) if h else (lambda: 1 / len(model.vocab))
    if not ws:
        return lower()  # context never seen: all its mass goes to the shorter context
    c_h = total[len(h)][h]
    # $\max(c(h\,w) - D, 0)/c(h) + D\,N_{1+}(h\,\bullet)/c(h) \cdot P(w \mid h')$
    return max(ws.get(w, 0) - D, 0) / c_h + D * len(ws) / c_h * lower()


def distribution(model: NGramCounts, h: str, config: NGramConfig) -> np.ndarray:
    """P(· | h) over the whole vocabulary, (V,): what generation samples from and what sums to 1."""
    config = check_config(config)
    h = h[len(h) - (config.n - 1) :] if config.n > 1 else ""
    V = len(model.vocab)
    p = np.zeros(V)
    ws, c_h = model.follow[len(h)].get(h, {}), model.total[len(h)].get(h, 0)
    if config.smoothing == "kneser-ney":
        return _kneser_ney_vector(model, h, config.discount, True)
    for w, c in ws.items():
        p[model.index[w]] = c
    if config.smoothing == "add-k":
        return (p + config.k) / (c_h + config.k * V)
    return p / c_h if c_h else p  # all zeros: an unseen context under maximum likelihood


def _kneser_ney_vector(model: NGramCounts, h: str, D: float, highest: bool) -> np.ndarray:
    follow, total = (model.follow, model.total) if highest else (model.cont, model.cont_total)
    ws = follow[len(h)].get(h) if len(h) < len(follow) else None
    lower = _kneser_ney_vector(model, h[1:], D, False) if h else np.full(len(model.vocab), 1 / len(model.vocab))
    if not ws:
        return lower
    c_h = total[len(h)][h]
    p = D * len(ws) / c_h * lower
    for w, c in ws.items():
        p[model.index[w]] += max(c - D, 0) / c_h
    return p


# ---- scoring and generating ----------------------------------------------------------------------


def contexts(text: str, n: int) -> list[str]:
    """h_t for each character: up to n-1 previous characters, the text preceded by a line break."""
    padded = START + text
    return [padded[max(0, t + 1 - (n - 1)) : t + 1] if n > 1 else "" for t in range(len(text))]


def score(model: NGramCounts, text: str, config: NGramConfig = DEFAULT) -> NGramScore:
    """Every factor of $P(w_1..w_T)$, the surprisals, and the perplexity (inf when a factor is 0)."""
    config, text = check_config(config), check_text(text, MAX_SCORE_CHARS)
    chars = [known(model, c) for c in text]
    hs = contexts("".join(chars), config.n)
    factors = []
    for h, w in zip(hs, chars, strict=True):
        p = prob(model, h, w, config)
        unseen = model.follow[len(h)].get(h, {}).get(w, 0) == 0
        factors.append(Factor(h, w, p, -math.log2(p) if p > 0 else math.inf, unseen))
    zeros = [t for t, f in enumerate(factors) if f.p == 0]
    bits = sum(f.surprisal for f in factors)
    nll = bits * math.log(2) / len(factors)  # mean -ln p
    return NGramScore(
        config,
        tuple(factors),
        bits,
        bits / len(factors),
        math.exp(nll) if math.isfinite(nll) else math.inf,  # $\exp(\frac{1}{T}\sum -\ln p)$
        len(zeros),
        zeros[0] if zeros else None,
        chars.count(UNK),
    )


@dataclass(frozen=True)
class NGramSample:
    config: NGramConfig
    prompt: str
    text: str  # the generated continuation
    greedy: bool
    seed: int
    stuck: bool  # stopped early: the context was never seen (maximum likelihood has nothing to say)


def generate(
    model: NGramCounts, prompt: str, length: int = 120, config: NGramConfig = DEFAULT, greedy=False, seed=0
) -> NGramSample:
    """Continue the prompt one character at a time: argmax (greedy) or a draw from P(· | h) (seeded)."""
    config, prompt = check_config(config), check_text(prompt, MAX_SCORE_CHARS)
    length, seed = whole(length, "length", 1, MAX_GENERATE), whole(seed, "seed", 0, 2**32 - 1)
    rng, text, stuck = np.random.default_rng(seed), "", False
    for _ in range(length):
        p = distribution(model, START + prompt + text, config)
        p[model.index[UNK]] = 0.0  # never write an unknown character
        if p.sum() <= 0:
            stuck = True
            break
        i = int(p.argmax()) if greedy else int(rng.choice(len(p), p=p / p.sum()))
        text += model.vocab[i]
    return NGramSample(config, prompt, text, bool(greedy), seed, stuck)
