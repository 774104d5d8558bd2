"""Byte-level BPE: our merge-by-merge application against the `tokenizers` library that trained it."""

import json
from collections import Counter

import pytest

from playground import bpe
from playground.corpus import held_out_lines
from playground.errors import InputError

WORDS = ["tokenization", " the", "Debian", "语言模型", "👍🏽", "x**2", "ünïcödé", "aaaaaaaa", "安装软件包"]


@pytest.fixture(scope="module")
def model():
    return bpe.train_bpe("both", 1024)


def test_merges_are_the_ones_tokenizers_stores_in_rank_order(model):
    stored = json.loads(model.tokenizer.to_str())["model"]["merges"]
    assert [list(pair) for pair in model.merges] == stored
    assert model.vocab_size == 1024 == bpe.ALPHABET + len(model.merges)
    assert [model.vocab[a + b] for a, b in model.merges] == list(range(256, 1024))  # merge r has id 256 + r


@pytest.mark.parametrize("word", WORDS)
def test_full_vocabulary_split_equals_the_tokenizers_encoding(model, word):
    ours = bpe.split_word(model, word, model.vocab_size)
    assert list(ours.ids) == model.tokenizer.encode(word).ids


def test_full_vocabulary_split_equals_tokenizers_on_held_out_text(model):
    words = {w for line in held_out_lines("both")[::40] for w in line.split()[:20]}
    for word in sorted(words):
        assert list(bpe.split_word(model, word, model.vocab_size).ids) == model.tokenizer.encode(word).ids, word


@pytest.mark.parametrize("size", [256, 257, 300, 512, 800])
@pytest.mark.parametrize("word", WORDS)
def test_first_k_merges_equal_a_tokenizers_model_truncated_to_that_size(model, word, size):
    assert list(bpe.split_word(model, word, size).ids) == bpe.truncated(model, size).encode(word).ids


def test_a_smaller_training_is_the_prefix_of_a_larger_one(model):
    assert bpe.train_bpe("both", 400).merges == model.merges[:144]


def test_no_merges_means_one_token_per_byte(model):
    split = bpe.split_word(model, "猫a", 256)
    assert split.ids == tuple(model.vocab[c] for c in ("ç", "Į", "«", "a"))
    assert split.pieces == ("猫", "猫", "猫", "a") and split.partial == (True, True, True, False)


def test_first_merge_is_the_most_frequent_pair_with_its_count(model):
    words = bpe._words("both")
    pairs = Counter()
    for word, n in words.items():
        for pair in zip(word, word[1:], strict=False):
            pairs[pair] += n
    (best, count), merges = pairs.most_common(1)[0], bpe.first_merges(model, 3)
    assert best == model.merges[0] and merges[0].count == count
    assert [m.rank for m in merges] == [0, 1, 2] and merges[0].count >= merges[1].count >= merges[2].count


def test_compression_grows_with_the_vocabulary(model):
    curve = [bpe.compression(model, size) for size in (256, 512, 1024)]
    assert curve[0].bytes_per_token == 1.0
    assert curve[0].bytes_per_token < curve[1].bytes_per_token < curve[2].bytes_per_token


def test_explain_returns_one_result_for_the_view():
    lesson = bpe.explain("en", 512, "tokenization")
    assert [s.vocab_size for s in lesson.splits] == [256, 300, 384, 512] == [p.vocab_size for p in lesson.curve]
    assert len(lesson.first_merges) == bpe.FIRST_MERGES
    assert len(lesson.splits[0].pieces) == len("tokenization") > len(lesson.splits[-1].pieces)


@pytest.mark.parametrize(
    ("call", "key"),
    [
        (lambda: bpe.train_bpe("en", 255), "tokens.err.vocab_range"),
        (lambda: bpe.train_bpe("en", 8193), "tokens.err.vocab_range"),
        (lambda: bpe.train_bpe("en", float("nan")), "tokens.err.vocab_range"),
        (lambda: bpe.train_bpe("en", 300.5), "tokens.err.vocab_range"),
        (lambda: bpe.train_bpe("klingon", 300), "tokens.err.corpus"),
        (lambda: bpe.explain("en", 300, ""), "tokens.err.empty"),
        (lambda: bpe.explain("en", 300, "x" * 65), "tokens.err.too_long"),
    ],
)
def test_bad_input_raises_a_key(call, key):
    with pytest.raises(InputError) as err:
        call()
    assert err.value.key == key


def test_a_split_beyond_the_trained_size_raises_a_key(model):
    with pytest.raises(InputError) as err:
        bpe.split_word(model, "word", 1025)
    assert err.value.key == "tokens.err.vocab_range"
