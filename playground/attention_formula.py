r"""Attention from the formula: the source text's `SelfAttention` (section 5.1.1) run on a real layer's weights.

Section 4.1.1: $Attention(Q,K,V) = softmax(QK^T/\sqrt{d_k})V$. For one layer of a real model we take the
hidden state that really enters that layer, compute $Q = xW^Q + b^Q$, $K$, $V$, the scores
$QK^T/\sqrt{d_k}$, the mask, the softmax and the output step by step, and compare with the model's own
attention probabilities and attention output. In float32 they agree to about 1e-6.

- BERT (all-MiniLM-L6-v2, bert-base): query/key/value/output dense layers map one to one onto the seed's
  `query`, `key`, `value`, `out`; the seed module itself is loaded with them and run.
- Llama (SmolLM2): RMSNorm before attention, no biases, RoPE rotates q and k, 9 query heads share 3
  key/value heads (grouped-query attention), and a causal mask. The seed has none of these: we recompute by
  hand with them, and also run the seed module with the same weights (k/v repeated per group) to show the gap.
- GPT-2: one fused `c_attn` (Conv1D, weight (d, 3d)) produces q, k, v together; split it into three.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from playground import attention, models, positional
from playground.errors import InputError, Note, Term
from playground.lazy import lazy

torch = lazy("torch")  # imported on first use: the page is served without it (playground/lazy.py)
seed_code = lazy("playground.seed_code")  # its classes are torch modules


@dataclass(frozen=True)
class FormulaCheck:
    model: str
    layer: int
    head: int
    kv_head: int  # the key/value head this query head reads (== head without GQA)
    tokens: list[str]
    d_k: int
    q: torch.Tensor  # (T, d_k) this head's queries
    k: torch.Tensor  # (T, d_k) its keys (after RoPE for Llama)
    v: torch.Tensor  # (T, d_k)
    scores: torch.Tensor  # (T, T) QK^T / sqrt(d_k), before the mask
    masked: torch.Tensor  # (T, T) the scores after the mask (-inf where a query may not look)
    weights: torch.Tensor  # (T, T) softmax of the masked scores: recomputed
    model_weights: torch.Tensor  # (T, T) the model's own attention probabilities
    head_output: torch.Tensor  # (T, d_k) weights @ V
    weights_diff: float  # max |recomputed - model| over the probabilities of this head
    output_diff: float  # max |recomputed attention output - the model's| over the whole layer (T, d)
    seed_diff: float  # max |seed SelfAttention(x) - the model's attention output|
    seed_exact: bool  # True when the seed module alone reproduces the model (BERT)
    differences: list[Note] = field(default_factory=list)  # where the real model differs from the seed code
    dtype: str = "float32"


def seed_from_linears(d_model: int, n_heads: int, query, key, value, out) -> seed_code.SelfAttention:
    """The source text's SelfAttention with its four nn.Linear layers set to real weights (W, b)."""
    seed = seed_code.SelfAttention(d_model, n_heads)
    for linear, (weight, bias) in zip(
        (seed.query, seed.key, seed.value, seed.out), (query, key, value, out), strict=True
    ):
        with torch.no_grad():
            linear.weight.copy_(weight)
            linear.bias.copy_(bias if bias is not None else torch.zeros(d_model))
    return seed.eval()


def split_heads(x: torch.Tensor, n_heads: int) -> torch.Tensor:
    """(T, n_heads * d_k) -> (n_heads, T, d_k), as the seed's `.view(...).transpose(1, 2)`."""
    t = x.shape[0]
    return x.view(t, n_heads, -1).transpose(0, 1)


def causal_mask(t: int) -> torch.Tensor:
    """(T, T): 0 where key j <= query i, -inf above the diagonal (a causal model never looks ahead)."""
    return torch.full((t, t), float("-inf")).triu(1)


def rotate_half(x: torch.Tensor) -> torch.Tensor:
    r"""RoPE pairs dimension i with i + d/2: $(x_1, x_2) \mapsto (-x_2, x_1)$."""
    x1, x2 = x.chunk(2, dim=-1)
    return torch.cat((-x2, x1), dim=-1)


def rope(x: torch.Tensor, cos: torch.Tensor, sin: torch.Tensor) -> torch.Tensor:
    r"""Rotate each pair by $m\theta_j$: $x\cos + \mathrm{rotate\_half}(x)\sin$; x (H, T, d_k), cos/sin (T, d_k)."""
    return x * cos + rotate_half(x) * sin


def rms_norm(x: torch.Tensor, weight: torch.Tensor, eps: float) -> torch.Tensor:
    r"""$x / \sqrt{\mathrm{mean}(x^2) + \epsilon} \cdot w$ (Llama's pre-attention norm; no mean, no bias)."""
    return x * torch.rsqrt(x.pow(2).mean(-1, keepdim=True) + eps) * weight


def _forward_with_hook(loaded, module, text, text_pair, max_tokens):
    """Tokens, the hidden states entering each layer, attentions, and the output of `module`."""
    tokenizer, net = loaded.tokenizer, loaded.model
    kwargs = dict(text_pair=text_pair) if text_pair else {}
    batch = tokenizer(text, truncation=True, max_length=max_tokens, return_tensors="pt", **kwargs)
    seen = {}
    handle = module.register_forward_hook(lambda mod, args, out: seen.setdefault("out", out))
    device = next(net.parameters()).device
    try:
        with torch.no_grad():
            out = net(**{k: v.to(device) for k, v in batch.items()}, output_attentions=True, output_hidden_states=True)
    finally:
        handle.remove()
    captured = seen["out"][0] if isinstance(seen["out"], tuple) else seen["out"]
    return batch, out, captured[0].float().cpu()


def _recompute(q, k, v, mask, scale):
    """q (H, T, d_k), k/v (H, T, d_k): the seed's three lines, per head. Returns scores, masked, weights, output."""
    scores = q @ k.transpose(-2, -1) * scale  # (H, T, T)  $QK^T/\sqrt{d_k}$
    masked = scores + mask if mask is not None else scores
    weights = torch.softmax(masked, dim=-1)  # (H, T, T)
    return scores, masked, weights, weights @ v  # (H, T, d_k)


def _bert(loaded, layer, x):
    """BERT: the seed module loaded with query/key/value/output.dense; no mask for one unpadded input."""
    block = loaded.model.encoder.layer[layer].attention
    lin = lambda m: (m.weight.float().cpu(), None if m.bias is None else m.bias.float().cpu())  # noqa: E731
    d, h = loaded.model.config.hidden_size, loaded.model.config.num_attention_heads
    seed = seed_from_linears(d, h, lin(block.self.query), lin(block.self.key), lin(block.self.value),
                             lin(block.output.dense))  # fmt: skip
    with torch.no_grad():
        q, k, v = (split_heads(m(x), h) for m in (seed.query, seed.key, seed.value))  # (H, T, d_k)
        seed_out = seed(x.unsqueeze(0))[0]
    return seed, q, k, v, None, seed_out, block.output.dense, []


def _llama(loaded, layer, x, position_ids):
    cfg, block = loaded.model.config, loaded.model.model.layers[layer]
    h, kvh = cfg.num_attention_heads, attention.kv_heads(loaded.model)
    d_k = getattr(cfg, "head_dim", None) or cfg.hidden_size // h
    w = lambda m: m.weight.float().cpu()  # noqa: E731
    xn = rms_norm(x, block.input_layernorm.weight.float().cpu(), cfg.rms_norm_eps)  # (T, d)
    with torch.no_grad():
        q = split_heads(xn @ w(block.self_attn.q_proj).T, h)  # (H, T, d_k)
        k = split_heads(xn @ w(block.self_attn.k_proj).T, kvh)  # (KV, T, d_k): fewer key/value heads
        v = split_heads(xn @ w(block.self_attn.v_proj).T, kvh)
        cos, sin = loaded.model.model.rotary_emb(x.unsqueeze(0).to(loaded.model.device), position_ids)
        cos, sin = cos[0].float().cpu(), sin[0].float().cpu()  # (T, d_k)
        q, k = rope(q, cos, sin), rope(k, cos, sin)
        group = h // kvh
        k, v = k.repeat_interleave(group, dim=0), v.repeat_interleave(group, dim=0)  # (H, T, d_k)  GQA
        wk = w(block.self_attn.k_proj).view(kvh, d_k, -1).repeat_interleave(group, dim=0).reshape(h * d_k, -1)
        wv = w(block.self_attn.v_proj).view(kvh, d_k, -1).repeat_interleave(group, dim=0).reshape(h * d_k, -1)
        seed = seed_from_linears(cfg.hidden_size, h, (w(block.self_attn.q_proj), None), (wk, None), (wv, None),
                                 (w(block.self_attn.o_proj), None))  # fmt: skip
        seed_out = seed(xn.unsqueeze(0))[0]
    differences = [
        Note.of("attention_formula.note.rmsnorm_before"),
        Note.of("attention_formula.note.no_bias"),
        Note.of("attention_formula.note.rope", theta=positional.rope_settings(cfg)[0]),
        Note.of("attention_formula.note.gqa", h=h, kvh=kvh, kv_numbers=kvh * d_k, numbers=h * d_k),  # + the head
        Note.of("attention_formula.note.causal_mask"),
    ]
    return seed, q, k, v, causal_mask(x.shape[0]), seed_out, block.self_attn.o_proj, differences


def _gpt2(loaded, layer, x):
    cfg, block = loaded.model.config, loaded.model.transformer.h[layer]
    d, h = cfg.n_embd, cfg.n_head
    with torch.no_grad():
        xn = block.ln_1(x.to(loaded.model.device)).float().cpu()
    w, b = block.attn.c_attn.weight.float().cpu(), block.attn.c_attn.bias.float().cpu()  # (d, 3d): Conv1D is x @ W
    parts = [(w[:, i * d : (i + 1) * d].T, b[i * d : (i + 1) * d]) for i in range(3)]
    out = (block.attn.c_proj.weight.float().cpu().T, block.attn.c_proj.bias.float().cpu())
    seed = seed_from_linears(d, h, *parts, out)
    with torch.no_grad():
        q, k, v = (split_heads(m(xn), h) for m in (seed.query, seed.key, seed.value))
        seed_out = seed(xn.unsqueeze(0))[0]
    differences = [
        Note.of("attention_formula.note.fused_c_attn"),
        Note.of("attention_formula.note.ln_1_before"),
        Note.of("attention_formula.note.causal_mask"),
    ]
    return seed, q, k, v, causal_mask(x.shape[0]), seed_out, block.attn.c_proj, differences


def with_head(note: Note, head: int, kv_head: int) -> Note:
    """The grouped-query note names the head on view and the key/value head it reads; the other notes pass."""
    if note.key != "attention_formula.note.gqa":
        return note
    return Note.of(note.key, **dict(note.params), head=head, kv_head=kv_head)


def formula_check(
    model_name: str, text: str, layer: int, head: int, text_pair: str | None = None, max_tokens: int = 64
) -> FormulaCheck:
    r"""Recompute $softmax(QK^T/\sqrt{d_k})V$ of one head from the layer's weights and compare with the model."""
    text = attention.check_text(text)
    text_pair = (
        attention.check_text(text_pair, Term("second_sentence")) if text_pair and str(text_pair).strip() else None
    )
    loaded = models.load(model_name)
    cfg = loaded.model.config
    kind = cfg.model_type
    if kind not in ("bert", "llama", "gpt2"):
        raise InputError("attention_formula.err.unknown_layout", model=model_name, kind=kind)
    n_layers, n_heads = cfg.num_hidden_layers, cfg.num_attention_heads
    layer = attention.check_index(layer, n_layers, Term("layer"))
    head = attention.check_index(head, n_heads, Term("head"))
    module = {
        "bert": lambda: loaded.model.encoder.layer[layer].attention.output.dense,
        "llama": lambda: loaded.model.model.layers[layer].self_attn.o_proj,
        "gpt2": lambda: loaded.model.transformer.h[layer].attn.c_proj,
    }[kind]()
    batch, out, model_out = _forward_with_hook(loaded, module, text, text_pair, max_tokens)
    x = out.hidden_states[layer][0].float().cpu()  # (T, d): what really enters this layer
    t = x.shape[0]
    if kind == "bert":
        seed, q, k, v, mask, seed_out, _, differences = _bert(loaded, layer, x)
    elif kind == "llama":
        pos = torch.arange(t, device=loaded.model.device).unsqueeze(0)
        seed, q, k, v, mask, seed_out, _, differences = _llama(loaded, layer, x, pos)
    else:
        seed, q, k, v, mask, seed_out, _, differences = _gpt2(loaded, layer, x)
    d_k = q.shape[-1]
    scores, masked, weights, heads_out = _recompute(q, k, v, mask, 1 / math.sqrt(d_k))
    with torch.no_grad():
        recomputed_out = seed.out(heads_out.transpose(0, 1).reshape(t, -1))  # (T, d)  concat heads, then W^O
    model_weights = out.attentions[layer][0, head].float().cpu()
    kv_head = attention.kv_head_of(head, n_heads, attention.kv_heads(loaded.model))
    tokens = attention.readable_tokens(
        loaded.tokenizer, loaded.tokenizer.convert_ids_to_tokens(batch["input_ids"][0].tolist()), lambda i: ""
    )
    return FormulaCheck(
        model=model_name,
        layer=layer,
        head=head,
        kv_head=kv_head,
        tokens=tokens,
        d_k=d_k,
        q=q[head],
        k=k[head],
        v=v[head],
        scores=scores[head],
        masked=masked[head],
        weights=weights[head],
        model_weights=model_weights,
        head_output=heads_out[head],
        weights_diff=float((weights[head] - model_weights).abs().max()),
        output_diff=float((recomputed_out - model_out).abs().max()),
        seed_diff=float((seed_out - model_out).abs().max()),
        seed_exact=kind == "bert",
        differences=[with_head(d, head, kv_head) for d in differences],
        dtype=str(next(loaded.model.parameters()).dtype).removeprefix("torch."),
    )
