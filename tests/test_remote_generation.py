"""Generation on a serving engine (playground/remote.py) against a real OpenAI-compatible server: `transformers serve`
(pinned transformers, extra `openai`) serving the embedded SmolLM2 from its local folder, offline, on 127.0.0.1.

transformers serve 5.24 accepts `logprobs` and ignores it (it lists the field among those "not yet supported"), so
the server's text and streaming are checked here against the in-process model, and the rebuilding of a step's
distribution from `top_logprobs` is checked on the in-process model's own log-probabilities, sent as a server
sends them.
"""

from __future__ import annotations

import math
import os
import subprocess
import sys
import time
import urllib.request

import pytest

from playground import embedded, generation, models, remote
from playground.generation import GenerationConfig
from tests.conftest import free_port

pytestmark = pytest.mark.slow

MODEL = "SmolLM2-135M-Instruct"
PARIS = "The capital of France is"
GREEDY = GenerationConfig(max_new_tokens=6)
START_TIMEOUT_S = 120  # measured ~8 s on an idle 2-core machine; a busy one is slower


def healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{url}/health", timeout=2) as answer:
            return answer.status == 200
    except OSError:
        return False


def wait_until_healthy(process: subprocess.Popen, url: str, log) -> None:
    """Poll /health until it answers; fail loudly with the server's log if it exits or takes too long."""
    deadline = time.monotonic() + START_TIMEOUT_S
    while not healthy(url):
        if process.poll() is not None or time.monotonic() > deadline:
            log.seek(0)
            pytest.fail(f"transformers serve did not come up (exit {process.poll()}):\n{log.read()[-3000:]}")
        time.sleep(0.5)


@pytest.fixture(scope="module")
def server_url(tmp_path_factory):
    """`transformers serve <the embedded SmolLM2 folder>` on a free port, one thread, stopped at the end."""
    port = free_port()
    command = [sys.executable, "-c", "from transformers.cli.transformers import main; main()", "serve"]
    command += [str(embedded.smollm2_dir()), "--host", "127.0.0.1", "--port", str(port), "--device", "cpu"]
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "OMP_NUM_THREADS": "1"}
    log = open(tmp_path_factory.mktemp("serve") / "serve.log", "w+")  # noqa: SIM115 (closed at teardown)
    process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, env=env)
    url = f"http://127.0.0.1:{port}"
    try:
        wait_until_healthy(process, url, log)
        yield f"{url}/v1"
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()


@pytest.fixture(scope="module")
def local():
    return models.load(MODEL)


def in_process(loaded, prompt: str, config: GenerationConfig) -> generation.Generation:
    return generation.generate(loaded.model, loaded.tokenizer, prompt, config, generation.context_length(loaded.model))


def local_stream(loaded, prompt: str, config: GenerationConfig):
    """The `local` callable of remote.answer: the in-process model, from the prompt and the text so far."""

    def stream(text: str, done: int):
        ids = generation.encode(loaded.tokenizer, prompt + text, generation.context_length(loaded.model))
        rest = GenerationConfig(max_new_tokens=config.max_new_tokens - done, do_sample=config.do_sample)
        return generation.stream(loaded.model, loaded.tokenizer, ids, rest)

    return stream


def closed_port_url() -> str:
    """A 127.0.0.1 URL where nothing listens (the port was free a moment ago): connecting is refused at once."""
    return f"http://127.0.0.1:{free_port()}/v1"


def test_the_server_names_the_model_it_serves(server_url):
    server = remote.connect(remote.Endpoint(server_url, None, ""))
    assert remote.serves(server, MODEL) and not remote.serves(server, "gpt2")
    assert server.engine is None  # transformers serve says owned_by "local": the page says "an OpenAI-compatible ..."


def test_greedy_text_from_the_server_equals_the_in_process_text_and_streams(server_url, local):
    """The server continues the same raw text (/v1/completions: no chat template, no special token added: the
    usage reports 5 prompt tokens, as `encode` gives) greedily; its weights are the same float32 safetensors, its
    attention sdpa where ours is eager: the argmax of each step is the same (" Paris" has p = 0.77)."""
    server = remote.connect(remote.Endpoint(server_url, None, ""))
    steps = list(remote.stream(server, PARIS, GREEDY))
    expected = in_process(local, PARIS, GREEDY)
    assert "".join(s.token for s in steps) == expected.text == " Paris.\n\nThe answer"
    assert len(steps) >= 3  # several partial updates: one chunk per token here
    assert [s.index for s in steps] == list(range(len(steps)))


def test_transformers_serve_sends_no_logprobs_and_the_page_says_so(server_url, local):
    answered, steps = remote.answer(
        remote.Endpoint(server_url, None, ""), MODEL, PARIS, GREEDY, local_stream(local, PARIS, GREEDY)
    )
    steps = list(steps)
    assert steps and all(s.prob is None and s.distribution is None and s.token_id is None for s in steps)
    assert [note.key for note in answered.notes()] == ["remote.note.server_unnamed", "remote.note.no_logprobs"]
    assert dict(answered.engine.params)["url"] == server_url


def test_a_request_the_server_refuses_falls_back_to_this_process(server_url, local):
    """top-k is not in OpenAI's schema: transformers serve answers 422 (vLLM reads it); this process answers."""
    sampled = GenerationConfig(max_new_tokens=3, do_sample=True, top_k=5, seed=1)
    answered, steps = remote.answer(
        remote.Endpoint(server_url, None, ""), MODEL, PARIS, sampled, local_stream(local, PARIS, sampled)
    )
    steps = list(steps)
    assert len(steps) == 3 and all(s.distribution is not None for s in steps)
    assert answered.engine == remote.LOCAL and answered.fallback.key == "remote.note.fallback"
    reason = dict(answered.fallback.params)["reason"]
    assert reason.key == "remote.err.status" and dict(reason.params)["status"] == 422


def test_a_server_of_another_model_leaves_the_generation_here(server_url, local):
    answered, steps = remote.answer(
        remote.Endpoint(server_url, None, ""), "gpt2", PARIS, GREEDY, local_stream(local, PARIS, GREEDY)
    )
    assert "".join(s.token for s in steps) == in_process(local, PARIS, GREEDY).text
    assert answered.engine == remote.LOCAL and answered.fallback.key == "remote.note.other_model"


def test_an_unreachable_server_falls_back_with_its_reason(local):
    answered, steps = remote.answer(
        remote.Endpoint(closed_port_url(), None, ""), MODEL, PARIS, GREEDY, local_stream(local, PARIS, GREEDY)
    )
    assert "".join(s.token for s in steps) == in_process(local, PARIS, GREEDY).text
    assert answered.engine == remote.LOCAL and answered.fallback.key == "remote.note.fallback"
    assert dict(answered.fallback.params)["reason"].key == "remote.err.unreachable"


def test_top_logprobs_rebuild_the_in_process_distribution(local):
    """A server's `top_logprobs` for a step, {token text: log p}, made from the in-process step's own top 20:
    the rebuilt probabilities are those of the model to float precision (exp(log p) in float64 of a float32 p:
    relative 1e-6); the entropy over the top 20 is a lower bound of the whole vocabulary's; greedy keeps the
    argmax; with temperature 2 and top-k 3, the kept three are renormalised ($p^{1/T}$, summing to 1)."""
    step = in_process(local, PARIS, GenerationConfig(max_new_tokens=1)).steps[0]
    d = step.distribution
    top_logprobs = {token: math.log(p) for token, p in zip(d.tokens, d.model_probs, strict=True)}
    rebuilt = remote.distribution(top_logprobs, GREEDY)
    assert rebuilt.tokens == d.tokens and rebuilt.tokens[0] == " Paris"
    assert rebuilt.model_probs == pytest.approx(d.model_probs, rel=1e-6)
    assert rebuilt.kept == d.kept and rebuilt.final_probs == d.final_probs  # greedy: the argmax alone
    assert 0 < rebuilt.entropy <= d.entropy
    hot = remote.distribution(top_logprobs, GenerationConfig(do_sample=True, temperature=2.0, top_k=3))
    assert hot.kept == [True] * 3 + [False] * 17 and sum(hot.final_probs) == pytest.approx(1)
    flattened = [p**0.5 for p in d.model_probs[:3]]
    assert hot.final_probs[:3] == pytest.approx([p / sum(flattened) for p in flattened], rel=1e-6)


def test_a_streamed_chunk_with_logprobs_becomes_one_step_per_token():
    """A chunk in the shape vLLM streams it (the client's own CompletionChoice), a CJK character split over two
    tokens as vLLM labels them: the character's text goes to the token that completes it, as `generation.pieces`."""
    from openai.types.completion_choice import CompletionChoice, Logprobs

    tokens, logprobs = ["bytes:\\xe5\\x8c", "bytes:\\x97"], [-0.5, -0.01]
    tops = [{tokens[0]: -0.5, "x": -1.5}, {tokens[1]: -0.01, "y": -5.0}]
    choice = CompletionChoice(
        index=0,
        text="北",
        finish_reason="length",
        logprobs=Logprobs(tokens=tokens, token_logprobs=logprobs, top_logprobs=tops),
    )
    steps = remote.steps_of(choice, GREEDY, index=4)
    assert [(s.index, s.token) for s in steps] == [(4, ""), (5, "北")]
    assert [s.prob for s in steps] == pytest.approx([math.exp(-0.5), math.exp(-0.01)])
    assert [s.final_prob for s in steps] == [1.0, 1.0] and steps[0].distribution.tokens == [tokens[0], "x"]


def test_the_prompts_tab_says_which_engine_answered(server_url, monkeypatch):
    """The Generate button's handler with PLAYGROUND_GENERATION_URL set: the server's tokens stream into the page,
    and the notes say who answered and that this server sends no probabilities (no chart)."""
    from ui.tabs import prompts as prompts_tab

    monkeypatch.setenv(remote.URL_VARIABLE, server_url)
    args = [MODEL, "The capital of {country} is", "country = France", False, "greedy", 1.0, 0, 1.0, 1.0, 4, 0]
    updates = list(prompts_tab.stream_generation(*args))
    html_text, notes, steps, _, figure = updates[-1]
    assert len(updates) == 1 + 4 + 1 and "".join(s.token for s in steps) == " Paris.\n\n"
    assert f"Answered by the OpenAI-compatible server at {server_url}" in notes
    assert "without log-probabilities" in notes and figure is None and "Paris" in html_text


@pytest.mark.browser
@pytest.mark.parametrize("language", ["en", "zh"])
def test_the_page_says_which_engine_answered_on_a_desktop_and_a_phone(server_url, app_url, monkeypatch, language):
    """A real Chromium, the app pointed at the server: the example's tokens stream in from the server, and the note
    that names the server is seen (in the viewport, not clipped or covered) at 1400 px and at a phone's 390 px."""
    from tests.browser import open_app_page
    from tests.visibility import assert_seen
    from tests.walk import DESKTOP, LANGUAGES, PHONE

    locale, words = LANGUAGES[language]
    said = words["remote.note.server_unnamed"].format(url=server_url, model="")[:20]
    monkeypatch.setenv(remote.URL_VARIABLE, server_url)  # the app runs in this process: read at each request
    with open_app_page(app_url, tab=words["prompts.tab"], height=DESKTOP["height"], locale=locale) as page:
        page.locator("#prompts-paris-button").click()
        page.locator("#prompts-notes").get_by_text(said).first.wait_for(timeout=120_000)
        assert "Paris" in page.locator("#prompts-output").inner_text()
        for size in (DESKTOP, PHONE):
            page.set_viewport_size(size)
            assert_seen(page, page.locator("#prompts-notes").get_by_text(said).first, name=f"the note at {size}")
