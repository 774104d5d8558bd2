"""playground.patching: the batched sweep against a one-patch-at-a-time loop, its invariants and its errors."""

import pytest
import torch

from playground import patching, residual
from playground.errors import InputError
from tests.tiny_models import tiny, use_tiny

CLEAN, CORRUPT = "The cat sat on the mat", "The dog sat on the rug"
ANSWERS = (" and", " then")


@pytest.fixture(autouse=True)
def tiny_models(monkeypatch):
    use_tiny(monkeypatch)


def encode(kind, text):
    return tiny(kind).tokenizer(text, return_tensors="pt", add_special_tokens=False).input_ids


def answer_ids(kind):
    tok = tiny(kind).tokenizer
    return tuple(tok(a, add_special_tokens=False).input_ids[0] for a in ANSWERS)


def naive_patch(net, corrupt_ids, clean_stream, layer, position):
    """One forward per patch, with a forward hook on the decoder layer that WRITES h_layer (its output) or, for
    the embeddings (layer 0), a pre-hook on the first layer: an independent reference for the batched sweep."""
    blocks = residual.decoder_layers(net)

    def replace(hidden):
        hidden = hidden.clone()
        hidden[:, position] = clean_stream[layer, position]
        return hidden

    if layer == 0:
        handle = blocks[0].register_forward_pre_hook(lambda m, args: (replace(args[0]), *args[1:]))
    else:

        def after(module, args, output):
            if isinstance(output, tuple):
                return (replace(output[0]), *output[1:])
            return replace(output)

        handle = blocks[layer - 1].register_forward_hook(after)
    try:
        with torch.inference_mode():
            return net(corrupt_ids, use_cache=False).logits
    finally:
        handle.remove()


@pytest.mark.parametrize("kind", ["llama", "gpt2"])
def test_the_batched_sweep_equals_one_patch_at_a_time(kind):
    net = tiny(kind).model
    clean_ids, corrupt_ids = encode(kind, CLEAN), encode(kind, CORRUPT)
    assert clean_ids.shape == corrupt_ids.shape
    answers = answer_ids(kind)
    clean_diff, corrupt_diff, diffs = patching.sweep(net, clean_ids, corrupt_ids, answers, batch=7)
    _, stream = residual.record(net, clean_ids)
    stream = stream[:, 0]
    layers, t = stream.shape[:2]
    assert diffs.shape == (layers, t) == (residual.n_layers(net) + 1, clean_ids.shape[1])
    naive = torch.tensor(
        [
            [
                float(patching.logit_difference(naive_patch(net, corrupt_ids, stream, layer, p), answers))
                for p in range(t)
            ]
            for layer in range(layers)
        ]
    )
    torch.testing.assert_close(diffs, naive, atol=1e-5, rtol=0)


@pytest.mark.parametrize("kind", ["llama", "gpt2"])
def test_patching_everything_at_a_layer_gives_the_clean_run_and_nothing_the_corrupt_one(kind):
    net = tiny(kind).model
    clean_ids, corrupt_ids = encode(kind, CLEAN), encode(kind, CORRUPT)
    clean_logits, stream = residual.record(net, clean_ids)
    with torch.inference_mode():
        corrupt_logits = net(corrupt_ids).logits
    stream = stream[:, 0]
    layers, t = stream.shape[:2]
    every = torch.zeros(layers + 1, layers, t, dtype=torch.bool)
    for layer in range(layers):
        every[layer, layer] = True  # copy `layer`: all positions at that layer; the last copy: nothing
    logits = patching.patched_logits(net, corrupt_ids, stream, every)[:, -1]  # (layers + 1, V)
    for layer in range(layers):
        torch.testing.assert_close(logits[layer], clean_logits[0, -1], atol=1e-5, rtol=0)
    torch.testing.assert_close(logits[-1], corrupt_logits[0, -1], atol=1e-5, rtol=0)


def test_the_result_is_normalised_to_the_recovered_fraction():
    result = patching.patch("tiny-llama", CLEAN, CORRUPT, ANSWERS)
    expected = (result.diffs - result.corrupt_diff) / (result.clean_diff - result.corrupt_diff)
    torch.testing.assert_close(result.recovered, expected)
    assert result.shape == (3, 6) and result.clean_tokens[1] == " cat" and result.corrupt_tokens[1] == " dog"
    # the last position patched after the last layer IS the clean run: everything recovered
    assert abs(result.recovered[-1, -1] - 1) < 1e-4 and abs(result.recovered[-1, 0]) < 1e-4


@pytest.mark.parametrize(
    "recovered, best",
    [
        ([[0.0, 0.2], [0.9, 0.1]], (1, 0)),  # the largest r
        ([[0.0, 0.9999996], [0.1, 1.0000005]], (0, 1)),  # a float32 tie: the earliest layer
        ([[0.0, 0.5], [0.5004, 0.1]], (0, 1)),  # within 1e-3: the earliest
        ([[0.0, 0.5], [0.502, 0.1]], (1, 0)),  # beyond it: the larger
        ([[float("nan"), 0.3], [float("nan"), 0.2]], (0, 1)),  # NaN never best
        ([[float("nan")] * 2] * 2, (0, 0)),
    ],
)
def test_the_best_patch_is_the_largest_and_the_earliest_among_ties(recovered, best):
    assert patching.best_patch(torch.tensor(recovered)) == best


def test_the_tiny_models_two_full_recoveries_tie_at_the_differing_token():
    """The clean and corrupt prompts differ in one token: patching it at the embeddings and patching the last position
    at the top both recover r = 1 (up to float32); the view names the first."""
    result = patching.patch("tiny-llama", "The cat sat on the mat", "The dog sat on the mat", (" yes", " no"))
    top = len(result.recovered) - 1
    assert result.recovered[0, 1] == pytest.approx(1.0, abs=1e-5)
    assert result.recovered[top, -1] == pytest.approx(1.0, abs=1e-5)
    assert patching.best_patch(result.recovered) == (0, 1)


def test_identical_runs_give_nan_not_a_division_by_zero():
    assert torch.isnan(patching.recovered_fraction(torch.zeros(2, 3), 1.5, 1.5)).all()


@pytest.mark.parametrize(
    "clean, corrupt, answers, key",
    [
        (CLEAN, "The dog sat on the big red rug", ANSWERS, "inside.err.lengths_differ"),
        ("", CORRUPT, ANSWERS, "inside.err.empty"),
        (CLEAN, "  ", ANSWERS, "inside.err.empty"),
        ("word " * 40, "word " * 40, ANSWERS, "inside.err.too_long"),
        (CLEAN, CORRUPT, (" Parisian capital", " then"), "inside.err.not_one_token"),
        (CLEAN, CORRUPT, (" and", ""), "inside.err.empty"),
        (CLEAN, CORRUPT, (" and", " and"), "inside.err.same_answers"),
        (CLEAN, "bad \udc00 text", ANSWERS, "inside.err.broken_char"),
    ],
)
def test_bad_inputs_raise_coded_errors(clean, corrupt, answers, key):
    with pytest.raises(InputError) as caught:
        patching.patch("tiny-llama", clean, corrupt, answers)
    assert caught.value.key == key


def test_the_lengths_error_says_both_lengths():
    with pytest.raises(InputError) as caught:
        patching.patch("tiny-llama", CLEAN, "The dog sat on the big red rug", ANSWERS)
    assert caught.value.params == {"clean": 6, "corrupt": 8}


def test_an_encoder_is_refused():
    with pytest.raises(InputError) as caught:
        patching.patch("tiny-bert", CLEAN, CORRUPT, ANSWERS)
    assert caught.value.key == "inside.err.not_causal"


# ---- the real model ---------------------------------------------------------------------------------


@pytest.mark.slow
def test_the_default_prompts_have_the_same_length_and_the_answer_lives_at_the_subject_then_the_end():
    result = patching.patch("SmolLM2-135M-Instruct")
    assert result.shape == (31, 9) and len(result.clean_tokens) == len(result.corrupt_tokens) == 9
    assert result.clean_diff > 0 > result.corrupt_diff  # Paris wins the clean run, Rome the corrupt one
    assert result.recovered[2:8, 2].min() > 0.5  # "iffel" in the early layers carries it
    assert result.recovered[-1, -1] == pytest.approx(1, abs=1e-4)
    assert result.recovered[-7:, -1].min() > 0.5  # late layers: it has moved to the last position
