"""playground.kv_cache: the formula against the real cache tensors, grouped-query numbers, timing, errors."""

import pytest

from playground import kv_cache
from playground.errors import InputError
from tests.tiny_models import tiny, use_tiny


@pytest.fixture(autouse=True)
def tiny_models(monkeypatch):
    use_tiny(monkeypatch)


@pytest.mark.parametrize("kind", ["llama", "gpt2"])
def test_the_formula_equals_the_bytes_of_the_real_key_and_value_tensors(kind):
    run = kv_cache.kv_cache(f"tiny-{kind}", "The capital of France is", 6)
    assert len(run.steps) == 6
    for index, step in enumerate(run.steps):
        assert step.cached_tokens == run.prompt_tokens + index
        assert step.measured_bytes == step.formula_bytes > 0
        assert step.same_token and step.seconds_with_cache > 0 and step.seconds_without_cache > 0
    assert run.text == "".join(s.token for s in run.steps)


def test_grouped_query_numbers():
    shape = kv_cache.cache_shape(tiny("llama").model)  # 6 query heads share 2 key/value heads, head dim 8
    assert (shape.layers, shape.query_heads, shape.kv_heads, shape.head_dim) == (2, 6, 2, 8)
    assert shape.bytes_per_token == 2 * 2 * 2 * 8 * 4 and shape.sharing == 3
    assert shape.multi_head_bytes_per_token == 3 * shape.bytes_per_token
    gpt2 = kv_cache.cache_shape(tiny("gpt2").model)
    assert gpt2.kv_heads == gpt2.query_heads and gpt2.sharing == 1


def test_greedy_tokens_equal_model_generate():
    loaded = tiny("llama")
    run = kv_cache.kv_cache("tiny-llama", "Once upon a time", 5, without_cache=False)
    ids = loaded.tokenizer("Once upon a time", return_tensors="pt", add_special_tokens=False).input_ids
    reference = loaded.model.generate(ids, max_new_tokens=5, do_sample=False, min_new_tokens=5)
    assert [s.token_id for s in run.steps] == reference[0, ids.shape[1] :].tolist()
    assert all(s.seconds_without_cache is None and s.same_token is None for s in run.steps)


@pytest.mark.parametrize(
    "prompt, new_tokens, key",
    [
        ("", 4, "inside.err.empty"),
        ("word " * 100, 4, "inside.err.too_long"),
        ("ok", 0, "inside.err.new_tokens_range"),
        ("ok", 65, "inside.err.new_tokens_range"),
        ("ok", float("nan"), "inside.err.new_tokens_range"),
        ("ok", 2.5, "inside.err.new_tokens_range"),
        ("ok", "many", "inside.err.new_tokens_range"),
    ],
)
def test_bad_inputs_raise_coded_errors(prompt, new_tokens, key):
    with pytest.raises(InputError) as caught:
        kv_cache.kv_cache("tiny-llama", prompt, new_tokens)
    assert caught.value.key == key


def test_an_encoder_is_refused():
    with pytest.raises(InputError) as caught:
        kv_cache.kv_cache("tiny-bert", "Hello", 3)
    assert caught.value.key == "inside.err.not_causal"


@pytest.mark.slow
def test_smollm2_cache_is_46080_bytes_a_token_three_times_smaller_than_multi_head():
    run = kv_cache.kv_cache("SmolLM2-135M-Instruct", "The capital of France is", 3)
    assert run.shape.bytes_per_token == 2 * 30 * 3 * 64 * 4 == 46_080
    assert run.shape.multi_head_bytes_per_token == 3 * 46_080 and run.shape.sharing == 3
    assert run.steps[0].token == " Paris" and run.prompt_tokens == 5
    assert [s.measured_bytes for s in run.steps] == [46_080 * n for n in (5, 6, 7)]
