r"""Continuous batching: the generation requests of a class share one forward pass per token.

On 2 CPU cores a 135M model reads its weights once per forward whether the batch holds 1 row or 30, so one padded
forward for 30 requests costs little more than one for a single request (STACK.md: 30 prompts x 32 tokens, 83.5 s one
by one, 8.5 s as one padded `generate`). One background thread (the engine) owns the running batch:

    each iteration:  drop the rows whose reader left (Stop, client gone)
                     decode: one forward of (B, 1) new tokens for every running row -> each row's next Step
                     join:   prefill the newcomers (left-padded, n rows) -> their first Step; merge their cache
                             into the running batch (left-padding the shorter one); drop the finished rows

Rows are left-padded: row $b$ holds $m_{b,s} \in \{0, 1\}$ (1 = a real token) over the cache's columns $s$, and a real
token's position is the count of real tokens before it, $p_{b,t} = \sum_{s \le t} m_{b,s} - 1$, so RoPE sees the
same positions as in a lone run; the attention mask hides the padding ($-\infty$ before the softmax, exactly 0
after). Each row's logits go through the same `generation.Decoder` as a lone request (penalty, temperature,
top-k, top-p, its own seeded `torch.Generator`), so the Steps are a lone run's up to float rounding: a padded
batch sums in another order (measured max |diff| of top probabilities in tests/test_batching.py).

Join or waves (bench/batching.py: 30 different prompts pressed within 5 s, 32 new greedy tokens, SmolLM2-135M-Instruct
fp32, 2 cores shared with another job): a lone request 2.60 s (12.3 tokens/s); newcomers joining at the next step
13.4 s wall, 5.8x the lone rate, slowest wait 10.0 s (3.9x a lone request); waves (newcomers wait until the batch
is empty) 21.9 s, 3.6x, slowest 18.6 s (7.2x). Joining is the default (`JOIN`). For comparison (STACK.md) one padded
`generate` of all 30 at the same instant is 9.9x, and transformers' `generate_batch` (paged) 1.8x on this CPU.

The engine speaks codes: a request that waits longer than `WAIT_S` for its next token fails with
`batching.err.timeout`, one whose forward failed with `batching.err.failed`; the thread itself never dies of it.

    stream(model, tokenizer, ids, GenerationConfig(max_new_tokens=4))  # as generation.stream: " Paris." ...
"""

from __future__ import annotations

import importlib.util
import os
import queue
import threading
import weakref
from collections.abc import Iterator

from playground import generation
from playground.errors import Coded
from playground.generation import GenerationConfig, Step
from playground.lazy import lazy

torch = lazy("torch")

MAX_BATCH = int(os.environ.get("PLAYGROUND_MAX_BATCH", "32"))  # rows in one forward; a class is ~30
WAIT_S = 120.0  # longest wait for one token: a full batch of 256-token requests stays far below it on 2 cores
# rows x columns of the padded cache at most: one 4,000-token prompt beside 31 short ones would pad every row to 4,000
# (SmolLM2-135M keeps 30 layers x 2 x 3 kv-heads x 64 x 4 bytes = 46 KB a cell: 5.9 GB); 16,384 cells is ~0.75 GB.
# A prompt that does not fit waits until rows leave; alone, any prompt runs (as without batching).
MAX_CELLS = 16_384
IDLE_S = 30.0  # an engine's thread ends after this long with nothing to do; the next request starts another
JOIN = True  # newcomers join the running batch at the next step (False: they wait until it is empty, in waves)
DONE = object()  # put in a request's outbox after its last Step


class EngineError(Coded, RuntimeError):
    """The engine could not answer a request: `batching.err.timeout` (seconds=) or `batching.err.failed` (reason=)."""

    def __init__(self, key: str, **params):
        Coded.__init__(self, key, **params)
        RuntimeError.__init__(self, self.describe())


class Request:
    """One generation inside the engine: its prompt, its decoder (state between steps) and its outbox."""

    def __init__(self, ids: torch.Tensor, decoder: generation.Decoder):
        self.prompt = ids[0]  # (T,)
        self.decoder = decoder
        self.outbox: queue.Queue = queue.Queue()  # Steps, then DONE, or an EngineError
        self.closed = threading.Event()  # set by the reader when it leaves; the engine drops the row
        self.shared = False  # it has run in a batch with other requests (then its reader may take Steps in bursts)

    def steps(self, wait_s: float) -> Iterator[Step]:
        """The Steps as the engine makes them; an EngineError when none comes within wait_s seconds."""
        while True:
            try:
                item = self.outbox.get(timeout=wait_s)
            except queue.Empty:
                raise EngineError("batching.err.timeout", seconds=wait_s) from None
            if item is DONE:
                return
            if isinstance(item, BaseException):
                raise item
            yield item


class Engine:
    """One model's running batch and the thread that steps it. `submit` is thread-safe; everything else runs on
    the engine's thread."""

    def __init__(
        self, model, tokenizer, max_batch: int = MAX_BATCH, join: bool = JOIN, max_cells: int = MAX_CELLS,
        idle_s: float = IDLE_S,
    ):  # fmt: skip
        # a weak reference: the model cache may evict the model, and then the engine must not keep it alive (a
        # request in flight holds the model itself)
        self._model = weakref.ref(model)
        self.tokenizer, self.max_batch, self.join = tokenizer, max_batch, join
        self.max_cells, self.idle_s = max_cells, idle_s
        self.waiting: list[Request] = []  # taken from the inbox, not yet in the batch (engine's thread only)
        self.eos = generation.eos_ids(model, tokenizer)
        self.pad_id = self.eos[0] if self.eos else 0  # any id: padded columns are masked out
        self.device = next(model.parameters()).device
        self.inbox: queue.Queue[Request] = queue.Queue()
        self.forwards, self.largest_batch = 0, 0  # counters for tests and the bench
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None
        self._reset()

    @property
    def model(self):
        return self._model()

    def _reset(self) -> None:
        self.rows: list[Request] = []  # row b of the batch is rows[b]
        self.cache = None  # DynamicCache, per layer keys/values (B, H, L, D)
        self.mask = None  # (B, L) 1 where the column holds a real token of the row
        self.last = None  # (B, 1) each row's latest token: the next decode's input

    def request(self, ids: torch.Tensor, config: GenerationConfig) -> Request:
        """A request for a checked config's generation from ids (1, T), not yet queued."""
        return Request(ids, generation.Decoder(self.tokenizer, ids[0], config, self.eos))

    def submit(self, ids: torch.Tensor, config: GenerationConfig) -> Request:
        """Queue a generation (thread-safe); its Steps arrive in the request's outbox."""
        request = self.request(ids, config)
        with self._lock:  # the thread decides to end under the same lock (take_newcomers): no request is left behind
            self.inbox.put(request)
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(target=self._run, name="batching-engine", daemon=True)
                self._thread.start()
        return request

    # ---- the engine's thread -------------------------------------------------------------------

    def _run(self) -> None:
        while True:
            newcomers = self.take_newcomers()
            if newcomers is None:  # idle for IDLE_S: the thread ends
                return
            try:
                self.iterate(newcomers)
            except Exception as err:  # never kill the thread: every waiting request hears of it
                self._fail([*self.rows, *newcomers], err)

    def iterate(self, newcomers: list[Request]) -> None:
        """One step boundary: drop the rows whose reader left, one token for every running row, then the
        newcomers' prefill (their first token) and their joining. Tests call it directly, without the thread."""
        self._drop(lambda r: r.closed.is_set())
        if self.rows:
            self._decode()
        if newcomers:
            self._prefill(newcomers)

    def take_newcomers(self) -> list[Request] | None:
        """The waiting requests that join now, first come first served: while rows are free (none while a wave
        runs) and the padded batch stays within `max_cells`; blocks while the batch is empty and nobody waits,
        and returns None (the thread ends) when nothing came for `idle_s` seconds."""
        if not self.rows and not self.waiting:
            try:
                self.waiting.append(self.inbox.get(timeout=self.idle_s))
            except queue.Empty:
                with self._lock:
                    if self.inbox.empty():
                        self._thread = None
                        return None
        while True:
            try:
                self.waiting.append(self.inbox.get_nowait())
            except queue.Empty:
                break
        self.waiting = [r for r in self.waiting if not r.closed.is_set()]
        if self.rows and not self.join:
            return []
        taken = []
        for request in self.waiting:
            if self.rows or taken:
                if not self._fits(len(taken) + 1, max(len(r.prompt) for r in [*taken, request])):
                    break
            taken.append(request)
        self.waiting = self.waiting[len(taken) :]
        return taken

    def _fits(self, n: int, T: int) -> bool:
        """Whether n newcomers with prompts up to T tokens fit beside the running rows: B <= max_batch and
        B x L <= max_cells, the padded cache's cells (a lone request always runs, whatever its length)."""
        B, L = len(self.rows) + n, max(T, 0 if self.mask is None else self.mask.shape[1])
        return B <= self.max_batch and B * L <= self.max_cells

    def _fail(self, requests: list[Request], err: Exception) -> None:
        failure = EngineError("batching.err.failed", reason=f"{type(err).__name__}: {err}"[:300])
        failure.__cause__ = err
        for request in requests:
            request.outbox.put(failure)
        self._reset()

    def _forward(self, ids: torch.Tensor, mask: torch.Tensor, cache):
        """ids (n, t), mask (n, L + t) -> (last position's logits (n, V) in float32 on the CPU, the cache)."""
        positions = mask.cumsum(-1)[:, -ids.shape[1] :] - 1  # $p_{b,t} = \sum_{s \le t} m_{b,s} - 1$
        with torch.inference_mode():
            out = self.model(
                input_ids=ids.to(self.device),
                attention_mask=mask.to(self.device),
                position_ids=positions.clamp_min(0).to(self.device),
                cache=cache,
                use_cache=True,
                logits_to_keep=1,
            )
        self.forwards += 1
        self.largest_batch = max(self.largest_batch, ids.shape[0])
        return out.logits[:, -1].float().cpu(), out.cache

    def _decode(self) -> None:
        """One new token for every running row."""
        mask = torch.cat([self.mask, torch.ones(len(self.rows), 1, dtype=self.mask.dtype)], dim=1)  # (B, L + 1)
        z, self.cache = self._forward(self.last, mask, self.cache)  # (B, V)
        self.mask = mask
        self.last = self._advance(self.rows, z)
        self._drop(lambda r: r.decoder.finished)

    def _prefill(self, newcomers: list[Request]) -> None:
        """The newcomers' prompts in one left-padded forward: their first token, then they join the batch."""
        T = max(len(r.prompt) for r in newcomers)
        ids = torch.full((len(newcomers), T), self.pad_id, dtype=torch.long)  # (n, T)
        mask = torch.zeros(len(newcomers), T, dtype=torch.long)  # (n, T)
        for b, request in enumerate(newcomers):
            ids[b, T - len(request.prompt) :] = request.prompt
            mask[b, T - len(request.prompt) :] = 1
        z, cache = self._forward(ids, mask, None)  # (n, V)
        last = self._advance(newcomers, z)
        self._merge(newcomers, cache, mask, last)
        self._drop(lambda r: r.decoder.finished)

    def _advance(self, rows: list[Request], z: torch.Tensor) -> torch.Tensor:
        """Each row's Step from its logits z[b] (V,), sent to its reader; returns the picked tokens (n, 1)."""
        picked = []
        for request, z_b in zip(rows, z, strict=True):
            step = request.decoder.advance(z_b)
            request.outbox.put(step)
            if request.decoder.finished:
                request.outbox.put(DONE)
            picked.append(step.token_id)
        return torch.tensor(picked, dtype=torch.long)[:, None]

    def _merge(self, newcomers: list[Request], cache, mask: torch.Tensor, last: torch.Tensor) -> None:
        """Append the newcomers' rows below the running ones, left-padding the shorter cache to the longer."""
        if not self.rows:
            self.rows, self.cache, self.mask, self.last = list(newcomers), cache, mask, last
            self._mark_shared()
            return
        L = max(self.mask.shape[1], mask.shape[1])
        layers = [
            (_cat_left_padded(old.keys, new.keys, L), _cat_left_padded(old.values, new.values, L))
            for old, new in zip(self.cache.layers, cache.layers, strict=True)
        ]
        self.cache = _dynamic_cache(layers)
        self.mask = _cat_left_padded(self.mask, mask, L)
        self.rows, self.last = [*self.rows, *newcomers], torch.cat([self.last, last])
        self._mark_shared()

    def _mark_shared(self) -> None:
        if len(self.rows) > 1:
            for request in self.rows:
                request.shared = True

    def _drop(self, leaving) -> None:
        """Remove the rows for which leaving(request) holds, and the columns no remaining row uses."""
        keep = [b for b, r in enumerate(self.rows) if not leaving(r)]
        if len(keep) == len(self.rows):
            return
        if not keep:
            self._reset()
            return
        index = torch.tensor(keep)
        first = int(self.mask[index].any(0).nonzero()[0])  # columns before it are padding in every kept row
        self.cache = _dynamic_cache(
            [(layer.keys[index, :, first:], layer.values[index, :, first:]) for layer in self.cache.layers]
        )
        self.mask, self.last = self.mask[index, first:], self.last[index]
        self.rows = [self.rows[b] for b in keep]


def _cat_left_padded(old: torch.Tensor, new: torch.Tensor, L: int) -> torch.Tensor:
    """Stack two batches along dim 0 after left-padding their dim 2 (cache: (B, H, L, D)) or dim 1 (mask: (B, L))
    with zeros to L columns."""
    dim = 2 if old.dim() == 4 else 1
    return torch.cat([_left_pad(old, L, dim), _left_pad(new, L, dim)], dim=0)


def _left_pad(x: torch.Tensor, L: int, dim: int) -> torch.Tensor:
    missing = L - x.shape[dim]
    if missing == 0:
        return x
    shape = list(x.shape)
    shape[dim] = missing
    return torch.cat([x.new_zeros(shape), x], dim=dim)


def _dynamic_cache(layers: list[tuple[torch.Tensor, torch.Tensor]]):
    from transformers import DynamicCache

    return DynamicCache(ddp_cache_data=layers)


# ---- one engine per model -------------------------------------------------------------------------

_engines: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()  # model -> its Engine, gone with the model
_engines_lock = threading.Lock()


def engine_for(model, tokenizer) -> Engine:
    """The model's engine (one per loaded model, made on first use)."""
    with _engines_lock:
        engine = _engines.get(model)
        if engine is None:
            engine = _engines[model] = Engine(model, tokenizer)
        return engine


def enabled() -> bool:
    """Batching runs in-process; on ZeroGPU (`spaces`) each call gets its GPU inside the call, so it is off there,
    and PLAYGROUND_BATCHING=0 turns it off."""
    return os.environ.get("PLAYGROUND_BATCHING", "1") != "0" and importlib.util.find_spec("spaces") is None


class Stream:
    """A request's Steps as the engine makes them (an iterator); closing it (or dropping it) leaves the batch."""

    def __init__(self, request: Request, wait_s: float = WAIT_S):
        self.request, self._steps = request, request.steps(wait_s)

    def __iter__(self):
        return self

    def __next__(self) -> Step:
        try:
            return next(self._steps)
        except BaseException:
            self.close()
            raise

    def ready(self) -> int:
        """How many Steps (or the end) are already made and waiting for the reader: 0 while the request runs
        alone, so a lone request is read a Step at a time whatever the reader's speed."""
        return self.request.outbox.qsize() if self.request.shared else 0

    def close(self) -> None:
        self.request.closed.set()
        self._steps.close()

    def __del__(self):
        self.request.closed.set()


def stream(model, tokenizer, ids: torch.Tensor, config: GenerationConfig, wait_s: float = WAIT_S) -> Iterator[Step]:
    """`generation.stream`, batched with the other requests for the same model (queued at once): a `Stream`."""
    checked = generation.check(config).config
    if not enabled():
        return generation.stream(model, tokenizer, ids, checked)
    return Stream(engine_for(model, tokenizer).submit(ids, checked), wait_s)


def bursts(steps: Iterator[Step]) -> Iterator[list[Step]]:
    """The Steps grouped as a reader should send them: each Step alone, except that a batched request's Steps that
    are already made while the reader was busy (sending the last update to a page) come together. With 30 students
    generating at once, a web server that sends one update per token falls behind the batch, and each update costs
    the server and the page; a lone request, or any other iterator (a serving engine's), gives one Step a burst."""
    ready = getattr(steps, "ready", lambda: 0)
    burst = []
    for step in steps:
        burst.append(step)
        if not ready():
            yield burst
            burst = []
    if burst:
        yield burst


def generate(model, tokenizer, prompt: str, config: GenerationConfig, max_context: int) -> generation.Generation:
    """`generation.generate` through the engine."""
    checked = generation.check(config)
    ids = generation.encode(tokenizer, prompt, max_context, checked.config.max_new_tokens)
    steps = list(stream(model, tokenizer, ids, checked.config))
    return generation.Generation(ids[0].tolist(), steps, checked.notes)
