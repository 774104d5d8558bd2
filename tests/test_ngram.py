"""Character n-grams against brute-force counting on a tiny corpus; every smoothing sums to 1."""

import math

import numpy as np
import pytest

from playground import ngram
from playground.corpus import held_out_text
from playground.errors import InputError

TINY = "abracadabra\nabra cadabra\ncab\n"
TEXT = ngram.START + TINY  # what build() counts: a corpus starts after a line break
CONFIGS = [ngram.NGramConfig(n, s) for s in ngram.SMOOTHINGS for n in range(1, 5)]


@pytest.fixture(scope="module")
def tiny():
    return ngram.build(TINY)


def count(s: str) -> int:
    """c(s): occurrences of s in the corpus, overlapping, by brute force."""
    return sum(TEXT.startswith(s, i) for i in range(len(TEXT)))


def continuations(s: str) -> int:
    """N1+(• s): distinct characters just before an occurrence of s."""
    return len({TEXT[i - 1] for i in range(1, len(TEXT)) if TEXT.startswith(s, i)})


def kneser_ney_reference(vocab, h, w, D, highest=True):
    c = count if highest else continuations
    denominator = sum(c(h + x) for x in vocab)
    lower = kneser_ney_reference(vocab, h[1:], w, D, False) if h else 1 / len(vocab)
    if denominator == 0:
        return lower
    types = sum(c(h + x) > 0 for x in vocab)
    return max(c(h + w) - D, 0) / denominator + D * types / denominator * lower


CONTEXTS = ["", "a", "ab", "abr", "\nab", "ra", "a c", "ca", "zz", "bb", "xyz", "cab"]


@pytest.mark.parametrize("h", CONTEXTS)
def test_counts_and_maximum_likelihood_equal_brute_force(tiny, h):
    n = len(h) + 1
    config = ngram.NGramConfig(n, "mle")
    denominator = sum(count(h + x) for x in tiny.vocab)
    for w in tiny.vocab:
        expected = count(h + w) / denominator if denominator else 0.0
        assert ngram.prob(tiny, h, w, config) == pytest.approx(expected)


@pytest.mark.parametrize("h", CONTEXTS)
def test_kneser_ney_equals_a_brute_force_reference(tiny, h):
    config = ngram.NGramConfig(len(h) + 1, "kneser-ney", discount=0.75)
    for w in tiny.vocab:
        expected = kneser_ney_reference(tiny.vocab, h, w, 0.75)
        assert ngram.prob(tiny, h, w, config) == pytest.approx(expected)


@pytest.mark.parametrize("h", CONTEXTS)
def test_add_k_equals_the_formula(tiny, h):
    config = ngram.NGramConfig(len(h) + 1, "add-k", k=0.5)
    denominator = sum(count(h + x) for x in tiny.vocab)
    for w in tiny.vocab:
        expected = (count(h + w) + 0.5) / (denominator + 0.5 * len(tiny.vocab))
        assert ngram.prob(tiny, h, w, config) == pytest.approx(expected)


@pytest.mark.parametrize("config", CONFIGS, ids=lambda c: f"{c.smoothing}-{c.n}")
@pytest.mark.parametrize("h", CONTEXTS)
def test_every_row_sums_to_one_and_matches_prob(tiny, config, h):
    p = ngram.distribution(tiny, h, config)
    last = h[len(h) - (config.n - 1) :] if config.n > 1 else ""
    if config.smoothing == "mle" and not tiny.total[len(last)].get(last):
        assert p.sum() == 0  # maximum likelihood has nothing to say after an unseen context
        return
    assert p.sum() == pytest.approx(1.0) and (p >= 0).all()
    assert p == pytest.approx([ngram.prob(tiny, h, w, config) for w in tiny.vocab])


def test_the_score_is_the_product_of_its_factors(tiny):
    result = ngram.score(tiny, "abracadabra", ngram.NGramConfig(2, "mle"))
    ps = [f.p for f in result.factors]
    assert [f.context for f in result.factors] == ["\n", *"abracadabr"]
    assert ps[0] == pytest.approx(count("\na") / sum(count("\n" + x) for x in tiny.vocab))
    assert result.total_bits == pytest.approx(-math.log2(math.prod(ps)))
    assert result.perplexity == pytest.approx(math.exp(np.mean([-math.log(p) for p in ps])))
    assert result.zero_count == 0 and result.first_zero is None


def test_an_unseen_ngram_without_smoothing_gives_zero_and_infinite_perplexity(tiny):
    mle = ngram.score(tiny, "abba", ngram.NGramConfig(2, "mle"))  # neither "bb" nor "ba" occurs
    assert mle.factors[2].p == 0 and mle.factors[2].unseen and mle.factors[2].surprisal == math.inf
    assert (mle.zero_count, mle.first_zero, mle.perplexity, mle.total_bits) == (2, 2, math.inf, math.inf)
    for smoothing in ("add-k", "kneser-ney"):
        smoothed = ngram.score(tiny, "abba", ngram.NGramConfig(2, smoothing))
        assert smoothed.zero_count == 0 and math.isfinite(smoothed.perplexity) and smoothed.factors[2].unseen


def test_unknown_characters_become_unk(tiny):
    result = ngram.score(tiny, "abz猫", ngram.NGramConfig(3))
    assert result.unknown == 2 and [f.char for f in result.factors][2:] == [ngram.UNK, ngram.UNK]


def test_longer_contexts_predict_held_out_text_better():
    model = ngram.train_ngram("en")
    text = held_out_text("en")[:2000]
    perplexities = [ngram.score(model, text, ngram.NGramConfig(n)).perplexity for n in range(1, 5)]
    assert perplexities == sorted(perplexities, reverse=True)
    assert ngram.score(model, text, ngram.NGramConfig(4, "mle")).perplexity == math.inf  # held-out has new 4-grams


def test_generation_is_seeded_and_greedy_is_deterministic(tiny):
    config = ngram.NGramConfig(3)
    a, b = (ngram.generate(tiny, "ab", 30, config, seed=7) for _ in range(2))
    assert a.text == b.text and len(a.text) == 30
    assert ngram.generate(tiny, "ab", 30, config, seed=8).text != a.text
    greedy = [ngram.generate(tiny, "ab", 10, config, greedy=True, seed=s).text for s in (1, 2)]
    assert greedy[0] == greedy[1] and ngram.UNK not in a.text


def test_maximum_likelihood_generation_stops_after_an_unseen_context(tiny):
    sample = ngram.generate(tiny, "zz", 10, ngram.NGramConfig(3, "mle"))
    assert sample.stuck and sample.text == ""


@pytest.mark.parametrize(
    ("config", "key"),
    [
        (ngram.NGramConfig(n=0), "tokens.err.n_range"),
        (ngram.NGramConfig(n=5), "tokens.err.n_range"),
        (ngram.NGramConfig(n=2.5), "tokens.err.n_range"),
        (ngram.NGramConfig(n=float("nan")), "tokens.err.n_range"),
        (ngram.NGramConfig(smoothing="add-k", k=0), "tokens.err.k_positive"),
        (ngram.NGramConfig(smoothing="add-k", k=-1), "tokens.err.k_positive"),
        (ngram.NGramConfig(smoothing="add-k", k=float("nan")), "tokens.err.k_positive"),
        (ngram.NGramConfig(smoothing="add-k", k=float("inf")), "tokens.err.k_positive"),
        (ngram.NGramConfig(discount=0), "tokens.err.discount_positive"),
        (ngram.NGramConfig(discount=1.5), "tokens.err.discount_positive"),
        (ngram.NGramConfig(smoothing="witten-bell"), "tokens.err.smoothing"),
    ],
)
def test_bad_configs_raise_a_key(tiny, config, key):
    for call in (lambda: ngram.score(tiny, "ab", config), lambda: ngram.generate(tiny, "ab", 5, config)):
        with pytest.raises(InputError) as err:
            call()
        assert err.value.key == key


@pytest.mark.parametrize(
    ("call", "key"),
    [
        (lambda m: ngram.generate(m, "ab", 0), "tokens.err.length_range"),
        (lambda m: ngram.generate(m, "ab", 401), "tokens.err.length_range"),
        (lambda m: ngram.generate(m, "ab", 5, seed=-1), "tokens.err.seed_range"),
        (lambda m: ngram.score(m, ""), "tokens.err.empty"),
        (lambda m: ngram.score(m, "a\x07"), "tokens.err.control"),
        (lambda m: ngram.score(m, "a" * 5001), "tokens.err.too_long"),
        (lambda m: ngram.train_ngram("fr"), "tokens.err.corpus"),
    ],
)
def test_bad_inputs_raise_a_key(tiny, call, key):
    with pytest.raises(InputError) as err:
        call(tiny)
    assert err.value.key == key
