r"""Generation on a serving engine: any OpenAI-compatible server (vLLM, TGI, llama.cpp's server, `transformers serve`).

A hall of 300 students asking a 2-core machine for text waits in one queue; a GPU serving engine batches them.
The host names the server with environment variables, and the Prompts tab sends its generation there:

    PLAYGROUND_GENERATION_URL=http://127.0.0.1:8000/v1   # the OpenAI-compatible base URL
    PLAYGROUND_GENERATION_MODEL=HuggingFaceTB/SmolLM2-135M-Instruct   # optional: else the server's first model
    PLAYGROUND_GENERATION_API_KEY=...                     # optional

The request is a legacy text completion (`/v1/completions`): the app has already rendered the prompt (with the
chat template when asked), so the server continues exactly the text the in-process model would. Each streamed
token comes with the server's `top_logprobs`, $\log P(x \mid x_{<t})$ of its N most probable next tokens; the
step's distribution is rebuilt from them:

    model probabilities:  $p_i = e^{\ell_i}$ for the N tokens the server returned (the rest of the vocabulary
                          holds $1 - \sum_i p_i$, unseen)
    entropy:              $-\sum_{i \le N} p_i \log p_i$, a lower bound of the whole distribution's entropy
    after the filters:    greedy keeps the argmax; sampling applies temperature, top-k and top-p to those N
                          tokens (the server applied them to the whole vocabulary)

A server that gives no log-probabilities (`transformers serve` 5.24 ignores the field) still streams its text:
its steps carry no probability and no distribution. When the server cannot be reached or answers with an error,
`answer` hands over to the in-process model, continuing from the text received so far, and says why.
Importing this module imports no client: `openai` is imported on the first request.
"""

from __future__ import annotations

import functools
import math
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from pathlib import PurePosixPath

from playground.errors import Coded, Note
from playground.generation import TOP_N, Distribution, GenerationConfig, Step, check

URL_VARIABLE, MODEL_VARIABLE, KEY_VARIABLE = (
    "PLAYGROUND_GENERATION_URL",
    "PLAYGROUND_GENERATION_MODEL",
    "PLAYGROUND_GENERATION_API_KEY",
)
CONNECT_TIMEOUT_S = 3.0  # a dead host is told within seconds; the fallback then answers
READ_TIMEOUT_S = 60.0  # a busy GPU server may queue a request: patience between two tokens
ENGINES = {"vllm": "vLLM", "llamacpp": "llama.cpp", "tgi": "TGI"}  # what /v1/models says in `owned_by`
LOCAL = Note.of("remote.note.local")


@dataclass(frozen=True)
class Endpoint:
    url: str  # the OpenAI-compatible base URL, e.g. http://127.0.0.1:8000/v1
    model: str | None  # the model name the server expects; None: the first it lists
    api_key: str


@dataclass(frozen=True)
class Server:
    endpoint: Endpoint
    model: str  # the served model's id
    engine: str | None  # "vLLM", "llama.cpp", ... when the server says; None: an OpenAI-compatible server


class RemoteFailed(Coded, RuntimeError):
    """The server did not answer: `remote.err.unreachable`, `remote.err.status` (status, detail) or
    `remote.err.no_model`."""

    def __init__(self, key: str, **params):
        Coded.__init__(self, key, **params)
        RuntimeError.__init__(self, self.describe())


def configured(environ=None) -> Endpoint | None:
    """The endpoint the host named in the environment; None when generation stays in this process."""
    environ = os.environ if environ is None else environ
    url = environ.get(URL_VARIABLE, "").strip()
    if not url:
        return None
    return Endpoint(url.rstrip("/"), environ.get(MODEL_VARIABLE, "").strip() or None, environ.get(KEY_VARIABLE, ""))


@functools.lru_cache(maxsize=4)
def client(endpoint: Endpoint):
    """One client per endpoint, shared by every request (its connection pool too); no retries: a failure is
    told at once and the in-process model answers."""
    import openai

    timeout = openai.Timeout(READ_TIMEOUT_S, connect=CONNECT_TIMEOUT_S)
    return openai.OpenAI(base_url=endpoint.url, api_key=endpoint.api_key or "none", timeout=timeout, max_retries=0)


def failure(error: Exception) -> RemoteFailed:
    """An exception of the client (or of its HTTP transport) as a coded failure."""
    import httpx
    import openai

    if isinstance(error, openai.APIStatusError):
        return RemoteFailed("remote.err.status", status=error.status_code, detail=str(error.message)[:200])
    if isinstance(error, openai.APIConnectionError | httpx.TransportError):
        return RemoteFailed("remote.err.unreachable")
    return RemoteFailed("remote.err.answer", detail=str(error)[:200])


def _calling(call: Callable):
    """Run a client call; its exceptions become RemoteFailed."""
    import httpx
    import openai

    try:
        return call()
    except (openai.OpenAIError, httpx.HTTPError) as error:
        raise failure(error) from error


def connect(endpoint: Endpoint) -> Server:
    """Ask the server which model it serves (`GET /models`): the first request, and the check that it is up."""
    listed = _calling(lambda: list(client(endpoint).models.list()))
    chosen = [m for m in listed if endpoint.model in (None, m.id)]
    if endpoint.model is None and not chosen:
        raise RemoteFailed("remote.err.no_model")
    owner = str(getattr(chosen[0], "owned_by", "") or "").lower() if chosen else ""
    return Server(endpoint, endpoint.model or chosen[0].id, ENGINES.get(owner))


def serves(server: Server, model_name: str) -> bool:
    """Whether the server's model is the catalogue model: the last part of the id is its name
    ("HuggingFaceTB/SmolLM2-135M-Instruct" and "/cache/SmolLM2-135M-Instruct" serve "SmolLM2-135M-Instruct")."""
    return PurePosixPath(server.model).name == PurePosixPath(model_name).name


def request(server: Server, prompt: str, config: GenerationConfig) -> dict:
    """The completion request for a checked config: greedy is temperature 0; top-k and the repetition penalty
    (not in OpenAI's schema; vLLM, TGI and llama.cpp read them) are sent only when they are on."""
    extra = {}
    if config.do_sample and config.top_k:
        extra["top_k"] = config.top_k
    if config.repetition_penalty != 1.0:
        extra["repetition_penalty"] = config.repetition_penalty
    return {
        "model": server.model,
        "prompt": prompt,
        "max_tokens": config.max_new_tokens,
        "temperature": config.temperature if config.do_sample else 0.0,
        "top_p": config.top_p if config.do_sample else 1.0,
        "seed": config.seed,
        "logprobs": TOP_N,
        "stream": True,
        **({"extra_body": extra} if extra else {}),
    }


def filtered(probs: list[float], config: GenerationConfig) -> tuple[list[float], list[bool]]:
    """probs: the top tokens' model probabilities, best first -> (after the filters, renormalised; kept)."""
    if not config.do_sample:
        kept = [i == 0 for i in range(len(probs))]
        return [float(k) for k in kept], kept
    z = [math.log(max(p, 1e-30)) / config.temperature for p in probs]  # $\log p / T$
    scaled = [math.exp(v - z[0]) for v in z]  # $\propto p^{1/T}$
    whole, before, kept = sum(scaled), 0.0, []
    for rank, p in enumerate(scaled):  # top-k: the k first; top-p: the mass ranked above it is < p
        kept.append((not config.top_k or rank < config.top_k) and (rank == 0 or before / whole < config.top_p))
        before += p
    total = sum(p for p, k in zip(scaled, kept, strict=True) if k)
    return [p / total if k else 0.0 for p, k in zip(scaled, kept, strict=True)], kept


def distribution(top_logprobs: dict[str, float], config: GenerationConfig) -> Distribution:
    """One step's distribution from the server's {token text: log-probability}; token ids are not sent (None)."""
    ranked = sorted(top_logprobs.items(), key=lambda item: -item[1])[:TOP_N]
    probs = [math.exp(lp) for _, lp in ranked]  # $p_i = e^{\ell_i}$
    final, kept = filtered(probs, config)
    entropy = -sum(p * math.log(p) for p in probs if p > 0)  # over the N returned: a lower bound
    return Distribution([None] * len(ranked), [tok for tok, _ in ranked], probs, final, kept, sum(kept), entropy)


def shares(tokens: list[str], text: str) -> list[str]:
    """Each token's share of the chunk's text: the tokens themselves when they spell it, else (a character split
    over tokens, which vLLM labels 'bytes:\\xe5') the whole text on the last token and "" before, as `pieces`."""
    if "".join(tokens) == text:
        return tokens
    return [""] * (len(tokens) - 1) + [text]


def steps_of(chunk_choice, config: GenerationConfig, index: int) -> list[Step]:
    """The Steps of one streamed chunk: one per token when it has log-probabilities, else one for its text."""
    logprobs = chunk_choice.logprobs
    if not logprobs or not logprobs.tokens:
        return [Step(index, None, chunk_choice.text, None, None, None)] if chunk_choice.text else []
    tops = logprobs.top_logprobs or [None] * len(logprobs.tokens)
    out = []
    for offset, (token, lp, top, share) in enumerate(
        zip(logprobs.tokens, logprobs.token_logprobs, tops, shares(logprobs.tokens, chunk_choice.text), strict=True)
    ):
        dist = distribution(top or {token: lp}, config)
        final = dist.final_probs[dist.tokens.index(token)] if token in dist.tokens else 0.0
        out.append(Step(index + offset, None, share, math.exp(lp), final, dist))
    return out


def stream(server: Server, prompt: str, config: GenerationConfig) -> Iterator[Step]:
    """Yield a Step per token (or per chunk of text) as the server streams them; RemoteFailed if it fails.
    Closing the generator closes the connection (vLLM then aborts the request)."""
    config = check(config).config
    answer = _calling(lambda: client(server.endpoint).completions.create(**request(server, prompt, config)))
    index = 0
    with answer:  # closes the HTTP response, also when the generator is closed (Stop)
        chunks = iter(answer)
        while (chunk := _calling(lambda: next(chunks, None))) is not None:
            for choice in chunk.choices[:1]:
                for step in steps_of(choice, config, index):
                    index += 1
                    yield step


# ---- who answers: the server, or this process when it cannot ------------------------------------


@dataclass
class Answered:
    """Which engine answered, known once the steps have been read (a failing server hands over)."""

    engine: Note  # `remote.note.server` (engine, url, model) or `remote.note.local`
    fallback: Note | None = None  # why this process answered although a server is named
    without_logprobs: bool = False  # the server streamed text with no log-probabilities

    def notes(self) -> tuple[Note, ...]:
        lacking = Note.of("remote.note.no_logprobs") if self.without_logprobs else None
        return tuple(note for note in (self.engine, self.fallback, lacking) if note is not None)


def server_note(server: Server) -> Note:
    if server.engine is None:
        return Note.of("remote.note.server_unnamed", url=server.endpoint.url, model=server.model)
    return Note.of("remote.note.server", engine=server.engine, url=server.endpoint.url, model=server.model)


def other_model_note(server: Server) -> Note:
    return Note.of("remote.note.other_model", url=server.endpoint.url, served=server.model)


def fallback_note(endpoint: Endpoint, done: int, failed: RemoteFailed) -> Note:
    """Why this process answered: the server failed before the first token, or after `done` tokens."""
    reason = Note.of(failed.key, **failed.params)
    if done:
        return Note.of("remote.note.fallback_midway", url=endpoint.url, after=done, reason=reason)
    return Note.of("remote.note.fallback", url=endpoint.url, reason=reason)


def answer(
    endpoint: Endpoint | None,
    model_name: str,
    prompt: str,
    config: GenerationConfig,
    local: Callable[[str, int], Iterator[Step]],
) -> tuple[Answered, Iterator[Step]]:
    """(who answers, the steps): the server when one is named and serves `model_name`, else this process.

    local(text so far, tokens so far) streams the in-process model from the prompt followed by that text."""
    answered = Answered(LOCAL)
    if endpoint is None:
        return answered, local("", 0)
    return answered, _answering(answered, endpoint, model_name, prompt, check(config).config, local)


def _answering(answered: Answered, endpoint: Endpoint, model_name, prompt, config, local) -> Iterator[Step]:
    text, done = "", 0
    try:
        server = connect(endpoint)
        if not serves(server, model_name):
            answered.fallback = other_model_note(server)
        else:
            answered.engine = server_note(server)
            for step in stream(server, prompt, config):
                answered.without_logprobs |= step.prob is None
                yield step
                text, done = text + step.token, done + 1
            return
    except RemoteFailed as failed:
        answered.engine, answered.fallback = LOCAL, fallback_note(endpoint, done, failed)
    if done < config.max_new_tokens:
        for step in local(text, done):
            yield replace(step, index=step.index + done)
