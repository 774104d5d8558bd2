"""playground.attention_sinks: shares against the raw weights, the controls, the errors; the sink in SmolLM2."""

import pytest
import torch

from playground import attention_sinks
from playground.errors import InputError
from tests.tiny_models import tiny, use_tiny

TEXT = "The quick brown fox jumps over the lazy dog."


@pytest.fixture(autouse=True)
def tiny_models(monkeypatch):
    use_tiny(monkeypatch)


@pytest.mark.parametrize("kind", ["llama", "gpt2"])
def test_the_sink_share_is_the_mean_weight_on_key_zero(kind):
    loaded = tiny(kind)
    ids = loaded.tokenizer(TEXT, return_tensors="pt", add_special_tokens=False).input_ids
    with torch.inference_mode():
        att = torch.stack(loaded.model(ids, output_attentions=True).attentions)[:, 0]  # (L, H, T, T)
    sinks = attention_sinks.attention_sinks(f"tiny-{kind}", TEXT)
    t = ids.shape[1]
    expected = torch.stack([att[:, :, i, 0] for i in range(1, t)]).mean(0)  # (L, H)
    torch.testing.assert_close(sinks.sink, expected)
    assert sinks.sink.shape == (loaded.model.config.num_hidden_layers, loaded.model.config.num_attention_heads)
    assert ((sinks.sink >= 0) & (sinks.sink <= 1)).all() and sinks.mean == pytest.approx(float(expected.mean()))


def test_the_controls_change_only_the_first_word():
    sinks = attention_sinks.attention_sinks("tiny-llama", TEXT)
    assert sinks.replaced_tokens[1:] == sinks.tokens[1:] and sinks.replaced_tokens[0] != sinks.tokens[0]
    assert sinks.shifted_tokens[1:] == sinks.tokens and len(sinks.shifted_tokens) == len(sinks.tokens) + 1
    assert sinks.shifted_sink.shape == sinks.shifted_word.shape == sinks.sink.shape


def test_a_text_starting_with_the_replacement_word_gets_the_other_one():
    sinks = attention_sinks.attention_sinks("tiny-gpt2", "Hello there, friend")
    assert sinks.tokens[0] == "Hello" and sinks.replaced_tokens[0] == "Yesterday"


def test_uniform_share():
    assert attention_sinks.uniform_share(2) == pytest.approx(0.5)
    assert attention_sinks.uniform_share(3) == pytest.approx((1 / 2 + 1 / 3) / 2)


@pytest.mark.parametrize(
    "text, key",
    [
        ("", "inside.err.empty"),
        ("The", "inside.err.too_short"),
        ("word " * 100, "inside.err.too_long"),
        ("y" * 3000, "inside.err.too_many_chars"),
        ("\ud83d alone", "inside.err.broken_char"),
    ],
)
def test_bad_texts_raise_coded_errors(text, key):
    with pytest.raises(InputError) as caught:
        attention_sinks.attention_sinks("tiny-llama", text)
    assert caught.value.key == key


def test_an_encoder_is_refused():
    with pytest.raises(InputError) as caught:
        attention_sinks.attention_sinks("tiny-bert", TEXT)
    assert caught.value.key == "inside.err.not_causal"


@pytest.mark.slow
def test_smollm2_has_a_sink_that_follows_the_position_not_the_word():
    sinks = attention_sinks.attention_sinks("SmolLM2-135M-Instruct", TEXT + " It ran into the forest.")
    assert sinks.mean > 2 * sinks.uniform and sinks.sink_heads > 100  # of 30 x 9 heads
    assert sinks.replaced_mean > 2 * sinks.uniform  # another first word: still the sink
    assert sinks.shifted_mean > 2 * sinks.uniform  # a word in front takes the sink ...
    assert sinks.shifted_word_mean < sinks.shifted_mean / 4  # ... and the original first word loses it
