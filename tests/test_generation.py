"""playground.generation: the filters against transformers' logits processors, and real generations against
`model.generate` (greedy, same tokens), seeded sampling, streaming that can be stopped."""

import pytest
import torch
from transformers import RepetitionPenaltyLogitsProcessor, TopKLogitsWarper, TopPLogitsWarper

from playground import generation
from playground.errors import Note
from playground.generation import GenerationConfig
from tests.coded import raises_key

MODEL = "SmolLM2-135M-Instruct"


def kept_by(warper, z: torch.Tensor) -> torch.Tensor:
    return torch.isfinite(warper(torch.zeros(1, 1, dtype=torch.long), z[None].clone())[0])


@pytest.mark.parametrize("seed", range(5))
@pytest.mark.parametrize("k", [1, 5, 40])
def test_top_k_keeps_what_transformers_keeps(seed, k):
    z = torch.randn(500, generator=torch.Generator().manual_seed(seed)) * 3
    ours = generation.keep_top_k(torch.softmax(z, -1), k)
    assert torch.equal(ours, kept_by(TopKLogitsWarper(k), z)) and int(ours.sum()) == k


@pytest.mark.parametrize("seed", range(5))
@pytest.mark.parametrize("p", [0.05, 0.5, 0.9, 0.99])
def test_top_p_keeps_what_transformers_keeps(seed, p):
    z = torch.randn(500, generator=torch.Generator().manual_seed(seed)) * 3
    ours = generation.keep_top_p(torch.softmax(z, -1), p)
    assert torch.equal(ours, kept_by(TopPLogitsWarper(p), z))


@pytest.mark.parametrize("seed", range(3))
def test_whole_filter_chain_matches_transformers(seed):
    """penalty -> temperature -> top-k -> top-p, then softmax over what is left."""
    g = torch.Generator().manual_seed(seed)
    z, seen = torch.randn(300, generator=g) * 2, torch.randint(0, 300, (20,), generator=g)
    config = GenerationConfig(do_sample=True, temperature=0.7, top_k=50, top_p=0.8, repetition_penalty=1.3)
    final, kept = generation.filter_logits(z, seen, config)
    scores = RepetitionPenaltyLogitsProcessor(1.3)(seen[None], z[None].clone())
    scores = TopPLogitsWarper(0.8)(seen[None], TopKLogitsWarper(50)(seen[None], scores / 0.7))
    torch.testing.assert_close(final, torch.softmax(scores[0], -1))
    assert torch.equal(kept, torch.isfinite(scores[0]))


def test_greedy_keeps_the_argmax_only():
    z = torch.tensor([0.1, 3.0, 2.9, -1.0])
    final, kept = generation.filter_logits(z, torch.tensor([], dtype=torch.long), GenerationConfig())
    assert kept.tolist() == [False, True, False, False] and final.tolist() == [0, 1, 0, 0]


@pytest.mark.parametrize(
    "changes, key, params",
    [
        (dict(max_new_tokens=10**6), "generation.err.too_many_new_tokens", dict(limit=256, n=10**6)),
        (dict(max_new_tokens=0), "generation.err.max_new_tokens", {}),
        (dict(temperature=-0.5), "generation.err.negative_temperature", {}),
        (dict(temperature=float("nan")), "generation.err.negative_temperature", {}),
        (dict(temperature=101), "generation.err.temperature_too_high", {}),
        (dict(top_p=0.0), "generation.err.top_p", {}),
        (dict(top_p=1.5), "generation.err.top_p", {}),
        (dict(top_k=-1), "generation.err.top_k", dict(limit=generation.MAX_TOP_K)),
        (dict(repetition_penalty=0.5), "generation.err.repetition_penalty", {}),
        (dict(seed=-1), "generation.err.seed", {}),
    ],
)
def test_bad_settings_say_what_to_change(changes, key, params):
    with raises_key(key, **params):
        generation.check(GenerationConfig(**changes))


def test_temperature_zero_means_greedy_and_says_so():
    checked = generation.check(GenerationConfig(do_sample=True, temperature=0))
    assert checked.config.do_sample is False and checked.notes == (Note.of("generation.note.greedy"),)


# ---- the real model -------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def lm():
    from playground import models

    loaded = models.load(MODEL)
    return loaded.model, loaded.tokenizer


@pytest.mark.slow
@pytest.mark.parametrize("prompt", ["The capital of France is", "北京是中国的"])
def test_greedy_equals_model_generate(lm, prompt):
    net, tok = lm
    result = generation.generate(net, tok, prompt, GenerationConfig(max_new_tokens=6, stop_at_eos=False), 8192)
    ids = torch.tensor([result.prompt_ids])
    reference = net.generate(ids, attention_mask=torch.ones_like(ids), max_new_tokens=6, do_sample=False)
    assert result.token_ids == reference[0, ids.shape[1] :].tolist()
    assert result.text == tok.decode(result.token_ids)  # streamed pieces join to the decoded text


@pytest.mark.slow
@pytest.mark.parametrize("text", ["北京是中国的首都。", "emoji 🎉 and ü", "plain text", "鼎鼐"])
def test_token_pieces_join_to_the_text(lm, text):
    _, tok = lm
    pieces = generation.pieces(tok, tok(text, add_special_tokens=False).input_ids)
    assert "".join(pieces) == text and "\ufffd" not in "".join(pieces)


@pytest.mark.slow
def test_a_token_with_part_of_a_character_is_labelled_by_its_bytes(lm):
    _, tok = lm
    ids = tok("鼎", add_special_tokens=False).input_ids
    assert len(ids) > 1  # a rare character: several byte tokens
    labels = [generation.token_label(tok, i) for i in ids]
    hex_bytes = " ".join(label.removeprefix("bytes ") for label in labels)
    assert labels[0].startswith("bytes ") and hex_bytes == " ".join(f"{b:02X}" for b in "鼎".encode())
    assert generation.token_label(tok, tok(" Paris", add_special_tokens=False).input_ids[0]) == " Paris"


@pytest.mark.slow
def test_the_source_texts_example_says_paris(lm):
    net, tok = lm
    dist = generation.next_token_distribution(net, tok, "The capital of France is", GenerationConfig(), 8192)
    assert dist.tokens[0] == " Paris" and 0.6 < dist.model_probs[0] < 0.9
    assert dist.kept[0] and dist.n_kept == 1  # greedy
    reference = torch.softmax(net(tok("The capital of France is", return_tensors="pt").input_ids).logits[0, -1], -1)
    torch.testing.assert_close(
        torch.tensor(dist.model_probs), reference.topk(generation.TOP_N).values, atol=1e-5, rtol=0
    )


@pytest.mark.slow
def test_seeded_sampling_is_reproducible(lm):
    net, tok = lm
    config = GenerationConfig(max_new_tokens=5, do_sample=True, temperature=1.2, top_k=100, top_p=0.95, seed=7)
    first = generation.generate(net, tok, "Once upon a time", config, 8192)
    again = generation.generate(net, tok, "Once upon a time", config, 8192)
    assert first.token_ids == again.token_ids
    for step in first.steps:  # every sampled token was one the filters kept
        assert step.final_prob > 0 and step.distribution.n_kept <= 100


@pytest.mark.slow
def test_the_stream_can_be_stopped(lm):
    net, tok = lm
    ids = generation.encode(tok, "Once upon a time", 8192, 50)
    stream = generation.stream(net, tok, ids, GenerationConfig(max_new_tokens=50))
    steps = [next(stream), next(stream)]
    stream.close()
    assert [s.index for s in steps] == [0, 1]
    with pytest.raises(StopIteration):
        next(stream)


@pytest.mark.slow
def test_prompt_errors(lm):
    net, tok = lm
    with raises_key("generation.err.empty_prompt"):
        generation.encode(tok, "  ", 8192)
    with raises_key("generation.err.context", new=10, limit=256):
        generation.encode(tok, "word " * 300, 256, 10)
