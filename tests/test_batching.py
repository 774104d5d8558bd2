"""playground.batching: batched rows give a lone `generation.stream`'s tokens and distributions (greedy and seeded
sampling, prompts of different lengths, a request joining mid-batch, a reader leaving), and the engine's failures
reach the waiting request as coded errors without killing its thread.

Most tests drive the engine's step boundary (`Engine.iterate`) by hand, so which requests share a forward is
decided by the test, never by thread timing; one test goes through the thread the app uses."""

import gc
import queue
import time
import weakref

import pytest
import torch

from playground import batching, generation
from playground.generation import GenerationConfig
from tests.coded import raises_key

MODEL = "SmolLM2-135M-Instruct"
PROMPTS = ["The capital of France is", "Hi", "Once upon a time, in a land far away, there lived", "北京是中国的"]
GREEDY = GenerationConfig(max_new_tokens=5, stop_at_eos=False)
# float32: a padded batch sums the attention and the matmuls in another order than a lone row (other shapes, other
# kernels), so probabilities differ by rounding. Measured here: max |diff| of the top-20 probabilities 1.7e-6 over
# these prompts; 1e-4 leaves a 60x margin and is still far below any probability the charts show (5 decimals).
TOL = 1e-4


@pytest.fixture(scope="module")
def lm():
    from playground import models

    loaded = models.load(MODEL)
    return loaded.model, loaded.tokenizer


@pytest.fixture(scope="module")
def lone(lm):
    """Each prompt's lone run (generation.stream), per config: computed once per module."""
    net, tok = lm
    runs = {}

    def run(prompt: str, config: GenerationConfig) -> list[generation.Step]:
        if (prompt, config) not in runs:
            runs[prompt, config] = list(generation.stream(net, tok, ids_of(tok, prompt), config))
        return runs[prompt, config]

    return run


def ids_of(tok, prompt: str) -> torch.Tensor:
    return generation.encode(tok, prompt, 8192)


def drain(request: batching.Request) -> list[generation.Step]:
    """The Steps already in a request's outbox (the engine was driven by hand: nothing more is coming)."""
    steps = []
    while True:
        try:
            item = request.outbox.get_nowait()
        except queue.Empty:
            return steps
        if item is not batching.DONE:
            steps.append(item)


def run_to_end(engine: batching.Engine, limit: int = 100) -> None:
    for _ in range(limit):
        if not engine.rows:
            return
        engine.iterate([])
    raise AssertionError(f"the batch still had {len(engine.rows)} rows after {limit} steps")


def compared_steps(lone_steps, batched_steps) -> int:
    """Assert the batched Steps equal the lone ones: same token, top probabilities within TOL.

    Tie rule: where the lone run's two most probable tokens are closer than 2 * TOL, rounding may pick either, and
    every later step depends on that pick: the comparison stops after that step. Returns how many were compared."""
    for n, (a, b) in enumerate(zip(lone_steps, batched_steps, strict=True), start=1):
        torch.testing.assert_close(
            torch.tensor(b.distribution.model_probs), torch.tensor(a.distribution.model_probs), atol=TOL, rtol=0
        )
        margin = a.distribution.model_probs[0] - a.distribution.model_probs[1]
        if margin < 2 * TOL:
            return n
        assert b.token_id == a.token_id and b.token == a.token and b.index == a.index
    return len(lone_steps)


@pytest.mark.slow
def test_a_batch_of_different_lengths_gives_each_prompts_lone_steps(lm, lone):
    net, tok = lm
    engine = batching.Engine(net, tok)
    requests = [engine.request(ids_of(tok, p), GREEDY) for p in PROMPTS]
    engine.iterate(requests)  # one left-padded prefill for all four
    run_to_end(engine)
    assert engine.largest_batch == len(PROMPTS) and engine.forwards == GREEDY.max_new_tokens
    compared = [compared_steps(lone(p, GREEDY), drain(r)) for p, r in zip(PROMPTS, requests, strict=True)]
    assert sum(compared) >= len(PROMPTS) * GREEDY.max_new_tokens - 2  # the tie rule did not skip the test


@pytest.mark.slow
def test_seeded_sampling_gives_the_lone_tokens(lm, lone):
    net, tok = lm
    configs = [
        GenerationConfig(max_new_tokens=5, do_sample=True, temperature=1.3, top_k=50, seed=seed, stop_at_eos=False)
        for seed in (3, 4)
    ]
    engine = batching.Engine(net, tok)
    requests = [engine.request(ids_of(tok, PROMPTS[0]), c) for c in configs]  # same prompt, seeds differ
    engine.iterate(requests)
    run_to_end(engine)
    batched = [[s.token_id for s in drain(r)] for r in requests]
    assert batched == [[s.token_id for s in lone(PROMPTS[0], c)] for c in configs]
    assert batched[0] != batched[1]  # each row drew from its own generator


@pytest.mark.slow
def test_a_request_joining_mid_batch_gets_its_lone_tokens(lm, lone):
    net, tok = lm
    first_config = GenerationConfig(max_new_tokens=7, stop_at_eos=False)
    engine = batching.Engine(net, tok)
    first = engine.request(ids_of(tok, PROMPTS[2]), first_config)
    engine.iterate([first])
    engine.iterate([])  # two tokens in
    late = engine.request(ids_of(tok, PROMPTS[1]), GREEDY)  # shorter prompt, its cache is left-padded on merge
    engine.iterate([late])
    assert engine.rows == [first, late]
    run_to_end(engine)
    assert compared_steps(lone(PROMPTS[2], first_config), drain(first)) >= 5
    assert compared_steps(lone(PROMPTS[1], GREEDY), drain(late)) >= 4


@pytest.mark.slow
def test_a_reader_leaving_does_not_disturb_the_others(lm, lone):
    net, tok = lm
    engine = batching.Engine(net, tok)
    leaving, staying = [engine.request(ids_of(tok, p), GREEDY) for p in PROMPTS[2:4]]
    engine.iterate([leaving, staying])
    leaving.closed.set()  # what closing the stream (Stop, a client gone) does
    engine.iterate([])
    assert engine.rows == [staying]
    assert engine.mask.shape[1] == len(staying.prompt) + 1  # the leaving row's extra padding columns went too
    run_to_end(engine)
    assert len(drain(leaving)) == 1
    assert compared_steps(lone(PROMPTS[3], GREEDY), drain(staying)) >= 4


@pytest.mark.slow
def test_the_thread_streams_and_closing_a_stream_leaves_the_batch(lm, lone):
    net, tok = lm
    long = GenerationConfig(max_new_tokens=200, stop_at_eos=False)
    engine = batching.engine_for(net, tok)  # the process's engine: the app's requests may have used it before
    forwards, engine.largest_batch = engine.forwards, 0
    stream = batching.stream(net, tok, ids_of(tok, PROMPTS[0]), long)
    assert next(stream).index == 0
    stream.close()
    got = list(batching.stream(net, tok, ids_of(tok, PROMPTS[1]), GREEDY))
    assert [s.token_id for s in got] == [s.token_id for s in lone(PROMPTS[1], GREEDY)]
    assert engine.largest_batch <= 2 and engine.forwards - forwards < 200  # the closed one left before 200 tokens


@pytest.mark.slow
def test_a_failed_forward_reaches_the_request_and_the_thread_goes_on(lm, lone, monkeypatch):
    net, tok = lm
    engine = batching.Engine(net, tok)
    forward = engine._forward
    monkeypatch.setattr(engine, "_forward", lambda *a: (_ for _ in ()).throw(RuntimeError("out of memory")))
    with raises_key("batching.err.failed", batching.EngineError, reason="RuntimeError: out of memory"):
        list(engine.submit(ids_of(tok, PROMPTS[1]), GREEDY).steps(batching.WAIT_S))
    monkeypatch.setattr(engine, "_forward", forward)
    after = list(engine.submit(ids_of(tok, PROMPTS[1]), GREEDY).steps(batching.WAIT_S))
    assert [s.token_id for s in after] == [s.token_id for s in lone(PROMPTS[1], GREEDY)]


@pytest.mark.slow
def test_a_request_nobody_serves_fails_loudly(lm):
    net, tok = lm
    request = batching.Engine(net, tok).request(ids_of(tok, PROMPTS[1]), GREEDY)  # never queued
    with raises_key("batching.err.timeout", batching.EngineError, seconds=0.05):
        next(request.steps(wait_s=0.05))


@pytest.mark.slow
def test_a_prompt_that_would_pad_the_batch_past_its_cells_waits_for_the_rows_to_leave(lm, lone):
    net, tok = lm
    engine = batching.Engine(net, tok, max_cells=2 * 8)  # room for two rows of 8 columns
    first, late = engine.request(ids_of(tok, PROMPTS[1]), GREEDY), engine.request(ids_of(tok, PROMPTS[2]), GREEDY)
    assert len(first.prompt) + 1 <= 8 < len(late.prompt)
    engine.inbox.put(first)
    assert engine.take_newcomers() == [first]
    engine.iterate([first])
    engine.inbox.put(late)
    assert engine.take_newcomers() == [] and engine.waiting == [late]  # 2 rows x its length > 16 cells
    run_to_end(engine)
    assert engine.take_newcomers() == [late]  # alone, it runs whatever its length
    engine.iterate([late])
    run_to_end(engine)
    assert compared_steps(lone(PROMPTS[2], GREEDY), drain(late)) >= 4


@pytest.mark.slow
def test_an_idle_engine_ends_its_thread_and_the_next_request_starts_another(lm, lone):
    net, tok = lm
    engine = batching.Engine(net, tok, idle_s=0.1)
    for _ in range(2):
        steps = list(engine.submit(ids_of(tok, PROMPTS[1]), GREEDY).steps(batching.WAIT_S))
        assert [s.token_id for s in steps] == [s.token_id for s in lone(PROMPTS[1], GREEDY)]
        deadline = time.monotonic() + 30
        while engine._thread is not None:  # it ends 0.1 s after its last request
            assert time.monotonic() < deadline, "the idle engine's thread did not end within 30 s"
            time.sleep(0.05)


@pytest.mark.slow
def test_an_engine_keeps_no_model_alive(lm):
    """The model cache evicts models (PLAYGROUND_MAX_MODELS): their engines must not hold them."""
    from transformers import LlamaConfig, LlamaForCausalLM

    _, tok = lm
    config = LlamaConfig(
        vocab_size=len(tok), hidden_size=8, intermediate_size=16, num_hidden_layers=1, num_attention_heads=2,
        num_key_value_heads=1,
    )  # fmt: skip
    tiny = LlamaForCausalLM(config).eval()
    assert len(list(batching.stream(tiny, tok, ids_of(tok, PROMPTS[1]), GREEDY))) == GREEDY.max_new_tokens
    held = weakref.ref(tiny)
    del tiny
    gc.collect()
    assert held() is None


@pytest.mark.slow
def test_a_batched_reader_that_fell_behind_gets_the_waiting_steps_in_one_burst(lm):
    """bursts: a batched request's Steps made while its reader was busy come together; a lone request's come one
    at a time however many wait (the engine is driven by hand: what waits is decided by the test)."""
    net, tok = lm
    engine = batching.Engine(net, tok)
    shared, other = [engine.request(ids_of(tok, p), GREEDY) for p in PROMPTS[:2]]
    engine.iterate([shared, other])
    engine.iterate([])  # two Steps each, nobody has read them
    stream = batching.Stream(shared)
    assert [s.index for s in next(batching.bursts(stream))] == [0, 1]
    run_to_end(engine)  # the other three, and the end
    assert [[s.index for s in burst] for burst in batching.bursts(stream)] == [[2, 3, 4]]
    alone = batching.Engine(net, tok)
    request = alone.request(ids_of(tok, PROMPTS[0]), GREEDY)
    alone.iterate([request])
    run_to_end(alone)
    one_by_one = [[s.index for s in burst] for burst in batching.bursts(batching.Stream(request))]
    assert one_by_one == [[0], [1], [2], [3], [4]]
