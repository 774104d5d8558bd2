"""playground.logit_lens (and playground.residual): the lens against the model's own logits and a naive loop."""

import math

import pytest
import torch

from playground import inside_inputs, logit_lens, residual
from playground.errors import InputError
from tests.tiny_models import tiny, use_tiny

TEXT = "The capital of France is"


@pytest.fixture(autouse=True)
def tiny_models(monkeypatch):
    use_tiny(monkeypatch)


def ids_of(kind, text=TEXT):
    return tiny(kind).tokenizer(text, return_tensors="pt", add_special_tokens=False).input_ids


@pytest.mark.parametrize("kind", ["llama", "gpt2"])
def test_the_stream_is_output_hidden_states_except_the_last_which_hf_already_normed(kind):
    net = tiny(kind).model
    ids = ids_of(kind)
    _, stream = residual.record(net, ids)  # (L+1, 1, T, d)
    with torch.inference_mode():
        hidden = net(ids, output_hidden_states=True).hidden_states
    assert stream.shape[0] == len(hidden) == residual.n_layers(net) + 1
    for raw, theirs in zip(stream[:-1], hidden[:-1], strict=True):
        torch.testing.assert_close(raw, theirs)
    torch.testing.assert_close(residual.final_norm(net)(stream[-1]), hidden[-1])  # HF's last entry is normed
    assert not torch.allclose(stream[-1], hidden[-1])


@pytest.mark.parametrize("kind", ["llama", "gpt2"])
def test_the_last_layer_lens_is_the_models_own_logits(kind):
    net = tiny(kind).model
    ids = ids_of(kind)
    lens = logit_lens.logit_lens(f"tiny-{kind}", TEXT)
    with torch.inference_mode():
        logits = net(ids).logits[0]  # (T, V)
    torch.testing.assert_close(logit_lens.lens_logits(net, lens.stream[-1]), logits, atol=1e-4, rtol=0)
    assert lens.top_ids[-1].tolist() == logits.argmax(-1).tolist()
    torch.testing.assert_close(lens.top_probs[-1], torch.softmax(logits, -1).max(-1).values, atol=1e-5, rtol=0)


@pytest.mark.parametrize("kind", ["llama", "gpt2"])
def test_every_cell_matches_a_naive_softmax(kind):
    net, tok = tiny(kind).model, tiny(kind).tokenizer
    target = " Paris" if len(tok(" Paris", add_special_tokens=False).input_ids) == 1 else " the"
    lens = logit_lens.logit_lens(f"tiny-{kind}", TEXT, target=target)
    target_id = lens.target_id
    layers, t = lens.shape
    assert (layers, t) == (residual.n_layers(net) + 1, len(lens.ids))
    for layer in range(layers):
        for position in range(t):
            z = logit_lens.lens_logits(net, lens.stream[layer, position])  # (V,)
            p = torch.softmax(z.double(), -1)
            assert lens.top_ids[layer, position] == int(z.argmax())
            assert math.isclose(lens.top_probs[layer, position], float(p.max()), abs_tol=1e-6)
            assert math.isclose(lens.target_probs[layer, position], float(p[target_id]), abs_tol=1e-6)
            assert lens.target_ranks[layer, position] == int((z > z[target_id]).sum()) + 1
    assert lens.top_tokens[0][0] == tok.decode([int(lens.top_ids[0, 0])])


def test_rows_larger_than_one_chunk_give_the_same_numbers(monkeypatch):
    one = logit_lens.logit_lens("tiny-llama", TEXT, target=" the")
    monkeypatch.setattr(logit_lens, "CHUNK_ROWS", 3)
    chunked = logit_lens.logit_lens("tiny-llama", TEXT, target=" the")
    assert torch.equal(one.top_ids, chunked.top_ids) and torch.equal(one.target_ranks, chunked.target_ranks)
    torch.testing.assert_close(one.top_probs, chunked.top_probs)


def test_cell_top_k_is_sorted_and_starts_with_the_cells_top_token():
    lens = logit_lens.logit_lens("tiny-gpt2", TEXT)
    cell = logit_lens.cell_top_k(lens, 1, 2, k=5)
    assert cell.ids[0] == lens.top_ids[1, 2] and len(cell.tokens) == 5
    assert cell.probs == sorted(cell.probs, reverse=True) and math.isclose(
        cell.probs[0], lens.top_probs[1, 2], rel_tol=1e-5
    )
    assert logit_lens.logit_lens("tiny-gpt2", TEXT, target="").target_probs is None


@pytest.mark.parametrize(
    "text, target, key",
    [
        ("", None, "inside.err.empty"),
        ("   \n", None, "inside.err.empty"),
        (None, None, "inside.err.empty"),
        ("word " * 200, None, "inside.err.too_long"),
        ("x" * 5000, None, "inside.err.too_many_chars"),
        ("broken \ud800 text", None, "inside.err.broken_char"),
        (TEXT, " Parisian capital", "inside.err.not_one_token"),
    ],
)
def test_bad_inputs_raise_coded_errors(text, target, key):
    with pytest.raises(InputError) as caught:
        logit_lens.logit_lens("tiny-llama", text, target=target)
    assert caught.value.key == key


def test_an_encoder_is_refused():
    with pytest.raises(InputError) as caught:
        logit_lens.logit_lens("tiny-bert", TEXT)
    assert caught.value.key == "inside.err.not_causal" and caught.value.params["model"] == "tiny-bert"


@pytest.mark.parametrize(
    "layer, position, k, key",
    [
        (3, 0, 5, "inside.err.layer_range"),
        (-1, 0, 5, "inside.err.layer_range"),
        (float("nan"), 0, 5, "inside.err.layer_range"),
        (0, 99, 5, "inside.err.position_range"),
        (0, float("inf"), 5, "inside.err.position_range"),
        (0, 1.5, 5, "inside.err.position_range"),
        (0, 0, 0, "inside.err.top_k_range"),
        (0, 0, 51, "inside.err.top_k_range"),
    ],
)
def test_cells_out_of_range_raise_coded_errors(layer, position, k, key):
    lens = logit_lens.logit_lens("tiny-llama", TEXT)
    with pytest.raises(InputError) as caught:
        logit_lens.cell_top_k(lens, layer, position, k)
    assert caught.value.key == key


def test_check_index_accepts_whole_floats():
    assert inside_inputs.check_index(3.0, 31, "inside.err.layer_range") == 3


# ---- the real model ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def smol():
    from playground import models

    return models.load("SmolLM2-135M-Instruct")


@pytest.mark.slow
def test_smollm2_says_paris_at_the_last_layer_and_not_at_the_first(smol):
    lens = logit_lens.logit_lens("SmolLM2-135M-Instruct", TEXT, target=" Paris")
    ids = torch.tensor([lens.ids])
    with torch.inference_mode():
        logits = smol.model(ids).logits[0]
    torch.testing.assert_close(logit_lens.lens_logits(smol.model, lens.stream[-1]), logits, atol=1e-4, rtol=0)
    assert lens.shape == (31, 5)
    assert lens.top_tokens[-1][-1] == " Paris" and lens.target_ranks[-1, -1] == 1
    assert 0.6 < lens.top_probs[-1, -1] < 0.9  # 0.77, as generation's next-token view says
    assert lens.target_ranks[0, -1] > 100  # the embeddings alone do not know it
