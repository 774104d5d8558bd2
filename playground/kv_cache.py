r"""The key/value cache: what generation keeps so that each new token costs O(T), not a rerun of the prefix.

A causal LM's keys and values at position $j$ never change once computed (query $i$ only reads $j \leq i$),
so generation keeps them: each step feeds ONE new token and attends to the stored $K, V$. The cache holds,
for every layer, a key and a value vector per key/value head per token:

    $\text{bytes} = 2 \times \text{layers} \times \text{kv heads} \times \text{head dim} \times \text{tokens}
    \times \text{bytes per number}$

SmolLM2-135M: $2 \times 30 \times 3 \times 64 \times 4 = 46{,}080$ bytes per token in float32. With
grouped-query attention its 9 query heads read 3 key/value heads (3 queries share each), so the cache is
9/3 = 3x smaller than the multi-head attention it would need with one K/V per query head.

Time per token: with the cache a step runs 1 token through the model against T stored ones, O(T) attention;
without it every step reruns the whole prefix, O(T^2) over a generation. `stream` measures both, live, per
token (greedy), and the cache size from the real tensors of transformers' DynamicCache (`cache.layers[i].keys`).
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import dataclass

from playground import generation, inside_inputs
from playground.errors import InputError
from playground.lazy import lazy

torch = lazy("torch")  # imported on first use: the page is served without it (playground/lazy.py)

MAX_PROMPT_TOKENS = 64
MAX_NEW_TOKENS = 64  # without the cache the prefix is rerun every step: bounded


@dataclass(frozen=True)
class CacheShape:
    layers: int
    query_heads: int
    kv_heads: int
    head_dim: int
    bytes_per_number: int  # 4 for float32, 2 for bfloat16

    @property
    def bytes_per_token(self) -> int:
        """$2 \\times$ layers $\\times$ kv heads $\\times$ head dim $\\times$ bytes per number."""
        return 2 * self.layers * self.kv_heads * self.head_dim * self.bytes_per_number

    @property
    def multi_head_bytes_per_token(self) -> int:
        """The same with one key/value head per query head (classic multi-head attention)."""
        return 2 * self.layers * self.query_heads * self.head_dim * self.bytes_per_number

    @property
    def sharing(self) -> float:
        """Query heads per key/value head: how many times smaller grouped-query attention makes the cache."""
        return self.query_heads / self.kv_heads

    def bytes_for(self, tokens: int) -> int:
        return self.bytes_per_token * tokens


@dataclass(frozen=True)
class CacheStep:
    index: int  # 0 for the first new token
    token_id: int
    token: str
    cached_tokens: int  # tokens whose keys/values the cache holds after this step
    measured_bytes: int  # sum of the cache's key and value tensors' bytes
    formula_bytes: int  # CacheShape.bytes_for(cached_tokens)
    seconds_with_cache: float  # this step's forward: 1 new token against the cache (step 0: the whole prompt)
    seconds_without_cache: float | None  # the whole prefix rerun from scratch (None when not measured)
    same_token: bool | None  # the rerun's argmax is the cached run's token (None when not measured)


def cache_shape(model) -> CacheShape:
    config = model.config
    query_heads = int(config.num_attention_heads)
    kv_heads = int(getattr(config, "num_key_value_heads", None) or query_heads)
    head_dim = int(getattr(config, "head_dim", None) or config.hidden_size // query_heads)
    layers = int(config.num_hidden_layers)
    return CacheShape(layers, query_heads, kv_heads, head_dim, next(model.parameters()).element_size())


def cache_bytes(cache) -> int:
    """The bytes of every key and value tensor a transformers Cache holds (its `layers[i].keys/values`)."""
    tensors = [t for layer in cache.layers for t in (layer.keys, layer.values) if t is not None]
    return sum(t.numel() * t.element_size() for t in tensors)


def cached_tokens(cache) -> int:
    return int(cache.get_seq_length())


def _timed_forward(model, **inputs):
    with torch.inference_mode():
        start = time.perf_counter()
        out = model(**inputs, logits_to_keep=1)
        return out, time.perf_counter() - start


def check_new_tokens(value) -> int:
    """A whole number of new tokens in 1..MAX_NEW_TOKENS."""
    count = inside_inputs.check_index(value, MAX_NEW_TOKENS + 1, "inside.err.new_tokens_range")
    if count == 0:
        raise InputError("inside.err.new_tokens_range", value=str(value), high=MAX_NEW_TOKENS)
    return count


def stream(model_name: str, prompt: str, max_new_tokens=32, without_cache: bool = True) -> Iterator[CacheStep]:
    """Greedy generation with the cache, a CacheStep per new token; without_cache also times a full rerun of
    the prefix at each step (the O(T^2) way) and checks it picks the same token."""
    loaded = inside_inputs.load_causal(model_name)
    tokenizer, net = loaded.tokenizer, loaded.model
    new_tokens = check_new_tokens(max_new_tokens)
    ids = inside_inputs.encode(tokenizer, prompt, MAX_PROMPT_TOKENS, field="prompt")  # (1, T)
    shape, device = cache_shape(net), next(net.parameters()).device
    seq, step_input, cache = ids.to(device), ids.to(device), None
    for index in range(new_tokens):
        out, seconds = _timed_forward(net, input_ids=step_input, cache=cache, use_cache=True)
        cache, token_id = out.cache, int(out.logits[0, -1].argmax())
        rerun_seconds, same = None, None
        if without_cache:
            rerun, rerun_seconds = _timed_forward(net, input_ids=seq, use_cache=False)
            same = int(rerun.logits[0, -1].argmax()) == token_id
        yield CacheStep(
            index=index,
            token_id=token_id,
            token=generation.token_label(tokenizer, token_id),
            cached_tokens=cached_tokens(cache),
            measured_bytes=cache_bytes(cache),
            formula_bytes=shape.bytes_for(cached_tokens(cache)),
            seconds_with_cache=seconds,
            seconds_without_cache=rerun_seconds,
            same_token=same,
        )
        step_input = torch.tensor([[token_id]], device=device)
        seq = torch.cat([seq, step_input], dim=1)


@dataclass(frozen=True)
class KVCacheRun:
    model: str
    shape: CacheShape
    prompt_tokens: int
    steps: list[CacheStep]

    @property
    def text(self) -> str:
        return "".join(step.token for step in self.steps)


def kv_cache(model_name: str, prompt: str, max_new_tokens=32, without_cache: bool = True) -> KVCacheRun:
    """The whole stream, consumed, with the model's cache shape."""
    steps = list(stream(model_name, prompt, max_new_tokens, without_cache))
    loaded = inside_inputs.load_causal(model_name)
    prompt_tokens = steps[0].cached_tokens  # after step 0 the cache holds the prompt; its token is fed next
    return KVCacheRun(model_name, cache_shape(loaded.model), prompt_tokens, steps)
