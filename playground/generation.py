r"""Text generation with a causal LM, one token at a time, keeping the distribution of every step.

Source text, section 4.2.1 and 5.2.3: a causal LM gives $P(x_t \mid x_{<t};\theta)$ and generation picks the
next token from it, appends it and repeats (`model.generate(input_ids, ...)` on "The capital of France is").
From the logits $z$ of the last position, in the same order as transformers' logits processors:

    repetition penalty:  $z_i \leftarrow z_i / r$ if $z_i > 0$ else $z_i \cdot r$, for every token $i$ already seen
    temperature:         $p_i = \mathrm{softmax}(z / T)_i$          (T -> 0: greedy, T > 1: flatter)
    top-k:               keep the $k$ most probable tokens
    top-p (nucleus):     keep the smallest set of most probable tokens whose probabilities sum to $\geq p$
    then                 greedy: $x_t = \arg\max_i z_i$;  sampling: $x_t \sim$ the kept $p$, renormalised

`stream` is a generator: it yields a `Step` per token and stops (freeing nothing but its cache) when closed.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Iterator
from dataclasses import dataclass, replace

from playground import models
from playground.errors import InputError, Note
from playground.lazy import lazy

torch = lazy("torch")  # imported on first use: the page is served without it (playground/lazy.py)

MAX_NEW_TOKENS = 256  # a request is bounded: a shared 2-core machine makes ~15 tokens/s
TOP_N = 20  # tokens of each step's distribution kept for the charts and the API
MAX_TOP_K = 1000
MAX_PROMPT_CHARS = 64_000  # refused before tokenizing (SmolLM2 reads 8,192 tokens, ~4 characters each)


@dataclass(frozen=True)
class GenerationConfig:
    max_new_tokens: int = 24  # at most MAX_NEW_TOKENS
    do_sample: bool = False  # False: greedy (argmax), True: sample from the kept tokens
    temperature: float = 1.0  # > 0; 0 means greedy
    top_k: int = 0  # 0: off; else keep the k most probable tokens
    top_p: float = 1.0  # in (0, 1]; 1: off
    repetition_penalty: float = 1.0  # >= 1 discourages repeating a token already in the text; 1: off
    seed: int = 0  # same seed, same sampled text
    stop_at_eos: bool = True


@dataclass(frozen=True)
class Checked:
    config: GenerationConfig
    notes: tuple[Note, ...]  # what was changed and why (e.g. temperature 0 -> greedy)


def check(config: GenerationConfig) -> Checked:
    """Validate a config; an InputError says what to change, notes say what was adjusted."""
    notes = []
    n = config.max_new_tokens
    if n is None or not float(n).is_integer() or n < 1:
        raise InputError("generation.err.max_new_tokens")
    if n > MAX_NEW_TOKENS:
        raise InputError("generation.err.too_many_new_tokens", limit=MAX_NEW_TOKENS, n=int(n))
    temperature = config.temperature
    if temperature is None or not math.isfinite(temperature) or temperature < 0:
        raise InputError("generation.err.negative_temperature")
    if temperature > 100:
        raise InputError("generation.err.temperature_too_high")
    if config.top_k is None or not float(config.top_k).is_integer() or not 0 <= config.top_k <= MAX_TOP_K:
        raise InputError("generation.err.top_k", limit=MAX_TOP_K)
    top_p = config.top_p
    if top_p is None or not math.isfinite(top_p) or not 0 < top_p <= 1:
        raise InputError("generation.err.top_p")
    penalty = config.repetition_penalty
    if penalty is None or not math.isfinite(penalty) or not 1 <= penalty <= 10:
        raise InputError("generation.err.repetition_penalty")
    if config.seed is None or not float(config.seed).is_integer() or not 0 <= config.seed < 2**63:
        raise InputError("generation.err.seed")
    if config.do_sample and temperature == 0:
        notes.append(Note.of("generation.note.greedy"))
        config = replace(config, do_sample=False)
    config = replace(config, max_new_tokens=int(n), top_k=int(config.top_k), seed=int(config.seed))
    return Checked(config, tuple(notes))


def load_causal(name: str) -> models.LoadedModel:
    """The named model, when it can continue a text (a causal LM); an encoder is refused with a sentence."""
    if models.spec(name).role != models.CAUSAL_LM:
        raise InputError("generation.err.encoder", model=name, known=", ".join(models.names(models.CAUSAL_LM)))
    return models.load(name)


def encode(tokenizer, prompt: str, max_context: int, max_new_tokens: int = 0) -> torch.Tensor:
    """The prompt's token ids (1, T); an InputError when empty or when prompt + new tokens overflow the context."""
    if prompt is None or not str(prompt).strip():
        raise InputError("generation.err.empty_prompt")
    prompt = str(prompt)
    if len(prompt) > MAX_PROMPT_CHARS:
        raise InputError("generation.err.prompt_too_long", limit=MAX_PROMPT_CHARS, n=len(prompt))
    ids = tokenizer(prompt, return_tensors="pt", add_special_tokens=False).input_ids  # (1, T)
    if ids.shape[1] + max_new_tokens > max_context:
        raise InputError("generation.err.context", n=ids.shape[1], new=max_new_tokens, limit=max_context)
    return ids


# ---- one step: logits -> what is kept -> the next token ----------------------------------------


def penalise_repetition(z: torch.Tensor, seen: torch.Tensor, penalty: float) -> torch.Tensor:
    """z: (V,) logits, seen: (n,) token ids; as transformers' RepetitionPenaltyLogitsProcessor."""
    if penalty == 1.0 or seen.numel() == 0:
        return z
    z = z.clone()
    picked = z[seen]
    z[seen] = torch.where(picked < 0, picked * penalty, picked / penalty)
    return z


def keep_top_k(probs: torch.Tensor, k: int) -> torch.Tensor:
    """(V,) bool: the k most probable tokens (all when k is 0 or >= V)."""
    if k <= 0 or k >= probs.numel():
        return torch.ones_like(probs, dtype=torch.bool)
    threshold = torch.topk(probs, k).values[-1]
    return probs >= threshold


def keep_top_p(probs: torch.Tensor, p: float) -> torch.Tensor:
    """(V,) bool: the smallest most-probable set with total >= p; a token is kept when the mass before it < p."""
    if p >= 1.0:
        return torch.ones_like(probs, dtype=torch.bool)
    sorted_probs, order = torch.sort(probs, descending=True)
    before = torch.cumsum(sorted_probs, dim=0) - sorted_probs  # mass of the tokens ranked above each one
    keep_sorted = before < p
    keep_sorted[0] = True  # at least one token
    keep = torch.zeros_like(keep_sorted)
    keep[order] = keep_sorted
    return keep


@dataclass(frozen=True)
class Distribution:
    """One step's next-token distribution, the TOP_N most probable tokens of the model."""

    token_ids: list[int | None]  # TOP_N most probable under the model (T = 1, no filter), best first; None: a
    # serving engine's token, sent as text only (playground/remote.py)
    tokens: list[str]  # their text
    model_probs: list[float]  # P(token | prefix), the model's own distribution
    final_probs: list[float]  # after penalty, temperature, top-k, top-p and renormalising (0 if dropped)
    kept: list[bool]  # whether the filters keep it
    n_kept: int  # how many of the whole vocabulary are kept
    entropy: float  # of the model's distribution, in nats


def filter_logits(z: torch.Tensor, seen: torch.Tensor, config: GenerationConfig) -> tuple[torch.Tensor, torch.Tensor]:
    """z: (V,) raw logits -> (final probabilities (V,), kept mask (V,)). Greedy keeps the argmax only."""
    z = penalise_repetition(z.float(), seen, config.repetition_penalty)
    if not config.do_sample:
        kept = torch.zeros_like(z, dtype=torch.bool)
        kept[torch.argmax(z)] = True
        return kept.float(), kept
    probs = torch.softmax(z / config.temperature, dim=-1)  # $p = softmax(z / T)$
    kept = keep_top_k(probs, config.top_k)
    kept &= keep_top_p(torch.where(kept, probs, 0.0) / probs[kept].sum(), config.top_p)
    final = torch.where(kept, probs, 0.0)
    return final / final.sum(), kept


PARTIAL = "\ufffd"  # what decoding shows for the bytes of a character that another token completes


def pieces(tokenizer, ids: list[int]) -> list[str]:
    """Each token's share of the decoded text: "".join(pieces) == decode(ids).

    Byte-level BPE splits a CJK character or an emoji over several tokens; its text goes to the token that
    completes it, and the tokens before get "" (decoding them alone gives the replacement character).
    """
    out, start = [], 0
    for end in range(1, len(ids) + 1):
        text = tokenizer.decode(ids[start:end])
        if text.endswith(PARTIAL) and end - start < 4:  # a UTF-8 character has at most 4 bytes
            out.append("")
        else:
            out.append(text)
            start = end
    return out


@functools.cache
def _byte_of_char() -> dict[str, int]:
    """Byte-level BPE (GPT-2, SmolLM2) writes each byte as a printable character: this is the inverse map."""
    printable = [*range(ord("!"), ord("~") + 1), *range(ord("¡"), ord("¬") + 1), *range(ord("®"), ord("ÿ") + 1)]
    chars, extra = {}, 0
    for byte in range(256):
        if byte in printable:
            chars[chr(byte)] = byte
        else:
            chars[chr(256 + extra)] = byte
            extra += 1
    return chars


@functools.lru_cache(maxsize=1 << 16)
def token_label(tokenizer, token_id: int) -> str:
    """A token's text; a token holding only part of a character is shown as its bytes, e.g. 'bytes E5 8C'.
    Kept per (tokenizer, id): every step labels its TOP_N tokens, and a class's steps share most of them."""
    text = tokenizer.decode([token_id])
    if PARTIAL not in text:
        return text
    raw, table = tokenizer.convert_ids_to_tokens(token_id), _byte_of_char()
    if raw and all(char in table for char in raw):
        return "bytes " + " ".join(f"{table[char]:02X}" for char in raw)
    return text


def describe(tokenizer, model_probs: torch.Tensor, final: torch.Tensor, kept: torch.Tensor) -> Distribution:
    """model_probs: (V,) softmax of the raw logits; final, kept: from `filter_logits`."""
    top = torch.topk(model_probs, TOP_N)
    ids = top.indices.tolist()
    entropy = -(model_probs * torch.log(model_probs.clamp_min(1e-30))).sum()
    return Distribution(
        ids,
        [token_label(tokenizer, i) for i in ids],
        top.values.tolist(),
        final[top.indices].tolist(),
        kept[top.indices].tolist(),
        int(kept.sum()),
        float(entropy),
    )


@dataclass(frozen=True)
class Step:
    index: int  # 0 for the first new token
    token_id: int | None  # None: a serving engine's token, sent as text only
    token: str  # its share of the text: "" when it holds the first bytes of a character the next token completes
    prob: float | None  # P(token | prefix) under the model (T = 1, no filter): what the colours show
    final_prob: float | None  # its probability after the filters
    distribution: Distribution | None  # None (and no probabilities): a serving engine that sends no logprobs


class Decoder:
    """One request's state between forward passes: its seen tokens, its sampling generator, its half-decoded
    character. `advance(z)` turns the last position's logits (V,) into the next Step; a lone `stream` and the
    batching engine (playground/batching.py) share it, so a batched row is filtered and sampled exactly as alone."""

    def __init__(self, tokenizer, prompt_ids: torch.Tensor, config: GenerationConfig, eos: list[int]):
        self.tokenizer, self.config, self.eos = tokenizer, config, set(eos)
        self.generator = torch.Generator(device="cpu").manual_seed(config.seed)
        self.seen = prompt_ids.clone()  # (n,) prompt ids, then every new token (the repetition penalty reads them)
        self.pending: list[int] = []  # tokens holding the first bytes of a character not yet complete
        self.index, self.finished = 0, False

    def advance(self, z: torch.Tensor) -> Step:
        """z: (V,) raw logits of the last position -> the Step of the token picked from them."""
        final, kept = filter_logits(z, self.seen, self.config)
        if self.config.do_sample:
            token_id = int(torch.multinomial(final, 1, generator=self.generator))
        else:
            token_id = int(torch.argmax(final))
        model_probs = torch.softmax(z, dim=-1)  # (V,) the model's own distribution, T = 1
        step = Step(
            self.index,
            token_id,
            self._text_of(token_id),
            float(model_probs[token_id]),
            float(final[token_id]),
            describe(self.tokenizer, model_probs, final, kept),
        )
        self.index += 1
        self.seen = torch.cat([self.seen, torch.tensor([token_id])])
        stopped = self.config.stop_at_eos and token_id in self.eos
        self.finished = stopped or self.index >= self.config.max_new_tokens
        return step

    def _text_of(self, token_id: int) -> str:
        """The token's share of the text: "" while it holds part of a character (at most 4 bytes wait)."""
        self.pending.append(token_id)
        text = self.tokenizer.decode(self.pending)
        if not text.endswith(PARTIAL) or len(self.pending) >= 4:
            self.pending = []
            return text
        return ""


def stream(model, tokenizer, ids: torch.Tensor, config: GenerationConfig) -> Iterator[Step]:
    """Yield a Step per new token. ids: (1, T) prompt ids. Uses the KV cache, like `model.generate`."""
    checked = check(config).config
    device = next(model.parameters()).device
    decoder = Decoder(tokenizer, ids[0], checked, eos_ids(model, tokenizer))
    past, step_input = None, ids.to(device)
    while not decoder.finished:
        z, past = _next_logits(model, step_input, past)  # (V,)
        step = decoder.advance(z)
        yield step
        step_input = torch.tensor([[step.token_id]], device=device)


def _next_logits(model, step_input: torch.Tensor, past):
    """One forward pass over the new ids with the KV cache: (last position's logits (V,), the cache).

    inference_mode is entered per call, never across a `yield`: a web server may resume the generator on
    another thread, and that mode is thread-local.
    """
    with torch.inference_mode():
        out = model(input_ids=step_input, cache=past, use_cache=True, logits_to_keep=1)
        return out.logits[0, -1].float().cpu(), out.cache


def eos_ids(model, tokenizer) -> list[int]:
    """The ids that end a text: the model's generation config's and the tokenizer's."""
    eos = model.generation_config.eos_token_id
    eos = eos if isinstance(eos, list) else [eos]
    return [i for i in [*eos, tokenizer.eos_token_id] if i is not None]


@dataclass(frozen=True)
class Generation:
    prompt_ids: list[int]
    steps: list[Step]
    notes: tuple[Note, ...]

    @property
    def text(self) -> str:
        return "".join(s.token for s in self.steps)

    @property
    def token_ids(self) -> list[int]:
        return [s.token_id for s in self.steps]

    def decoded(self, tokenizer) -> str:
        """The new text decoded at once, special tokens (end of text) left out."""
        return tokenizer.decode(self.token_ids, skip_special_tokens=True)


def generate(model, tokenizer, prompt: str, config: GenerationConfig, max_context: int) -> Generation:
    """The whole generation (the stream, consumed)."""
    checked = check(config)
    ids = encode(tokenizer, prompt, max_context, checked.config.max_new_tokens)
    return Generation(ids[0].tolist(), list(stream(model, tokenizer, ids, checked.config)), checked.notes)


def next_token_distribution(model, tokenizer, prompt: str, config: GenerationConfig, max_context: int) -> Distribution:
    """The distribution of the token that follows the prompt, with what the filters keep."""
    config = check(config).config
    ids = encode(tokenizer, prompt, max_context)
    device = next(model.parameters()).device
    with torch.inference_mode():
        z = model(input_ids=ids.to(device)).logits[0, -1].float().cpu()  # (V,)
    final, kept = filter_logits(z, ids[0], config)
    return describe(tokenizer, torch.softmax(z, dim=-1), final, kept)


def context_length(model) -> int:
    """How many tokens the model reads at most."""
    return int(getattr(model.config, "max_position_embeddings", None) or getattr(model.config, "n_positions", 1024))
