"""The n-gram and SmolLM2 on the same text: bits per character compare, totals are the same bits re-cut."""

import math

import pytest
import torch

from playground import lm_compare, models, ngram
from playground.errors import InputError

T = lm_compare.NeuralToken


def test_align_shares_a_tokens_bits_among_its_characters():
    tokens = (T(1, "ab", 0, 2, 4.0), T(2, "猫", 2, 3, 1.0), T(3, "猫", 2, 3, 2.0), T(4, "", 3, 3, 0.5))
    aligned = lm_compare.align(tokens, 4)
    assert aligned.tolist() == [2.0, 2.0, 3.0, 0.5] and aligned.sum() == sum(t.bits for t in tokens)


@pytest.mark.parametrize(
    ("text", "key"),
    [("", "tokens.err.empty"), ("x" * 1001, "tokens.err.too_long"), ("a\x1b[31m", "tokens.err.control")],
)
def test_bad_text_raises_a_key_before_any_model_loads(text, key):
    with pytest.raises(InputError) as err:
        lm_compare.compare(text)
    assert err.value.key == key


@pytest.mark.slow
@pytest.mark.parametrize(
    "text", ["The package manager installs the software you need.", "语言模型给每个句子一个概率。", "I ❤️ 北京 🙂"]
)
def test_both_models_score_the_whole_text(text):
    result = lm_compare.compare(text, ngram.NGramConfig(3), seed=0)
    assert result.aligned_bits.shape == (2, len(text))
    assert result.aligned_bits.sum(1) == pytest.approx(result.total_bits)
    assert result.bits_per_char == pytest.approx([b / len(text) for b in result.total_bits])
    covered = {i for t in result.tokens for i in range(t.start, t.end)}
    assert covered | {i for i, c in enumerate(text) if c.isspace()} == set(range(len(text)))
    assert result.ngram_sample.text and result.neural_sample


@pytest.mark.slow
def test_the_neural_sample_is_seeded():
    assert lm_compare.neural_sample("The", 3, 8) == lm_compare.neural_sample("The", 3, 8)


@pytest.mark.slow
def test_neural_surprisal_equals_the_models_own_loss():
    text = "The capital of France is Paris."
    tokens = lm_compare.neural_surprisal(text)
    lm = models.load(lm_compare.NEURAL)
    ids = torch.tensor([[lm.tokenizer.convert_tokens_to_ids(lm_compare.SEPARATOR), *[t.id for t in tokens]]])
    with torch.inference_mode():
        loss = float(lm.model(input_ids=ids, labels=ids).loss)  # mean nats over the T predicted tokens
    assert sum(t.bits for t in tokens) * math.log(2) / len(tokens) == pytest.approx(loss, rel=1e-4)
    assert [t.id for t in tokens] == lm.tokenizer(text, add_special_tokens=False)["input_ids"]
