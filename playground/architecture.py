r"""The whole Transformer: where the parameters sit, one block step by step, and what a model size costs.

Section 4.1.3: the feed-forward network $FFN(x) = \max(0, xW_1 + b_1)W_2 + b_2$.
Section 5.1.3: `TransformerBlock` = attention, residual add, LayerNorm, FFN, residual add, LayerNorm
(post-LN: the norm comes AFTER each residual add), with dropout (off in eval mode).
Section 2.2.1: model scale. Per layer, attention has $4d^2 + 4d$ parameters ($W^Q, W^K, W^V, W^O$ and
their biases), the FFN $2 d\,d_{ff} + d_{ff} + d$, each LayerNorm $2d$. A forward pass costs about
$2N$ FLOPs per token (plus the attention scores), training about $6ND$ for $D$ tokens.

- BERT (all-MiniLM-L6-v2) is post-LN like the seed, but uses GELU (not ReLU) and LayerNorm eps 1e-12
  (not PyTorch's default 1e-5). With those two swapped in, the seed's block reproduces a real layer.
- DistilBERT is BERT's post-LN block under other names (`q_lin`, `k_lin`, `v_lin`, `out_lin`, `sa_layer_norm`,
  `ffn.lin1`/`ffn.lin2`, `output_layer_norm`), with no token-type embeddings and no pooler.
- Llama (SmolLM2) is pre-norm with RMSNorm, a gated SwiGLU FFN $(\mathrm{SiLU}(xW_g) \odot xW_u)W_d$,
  no biases, RoPE and grouped-query attention: a different block.
- GPT-2 is pre-LN with LayerNorm: $a = x + \mathrm{Attn}(\mathrm{LN}_1(x))$, $y = a + FFN(\mathrm{LN}_2(a))$,
  GELU (tanh approximation, `gelu_new`), one fused `c_attn` for Q, K, V, `Conv1D` weights stored (d_in, d_out)
  and used as $xW$ (nn.Linear stores (d_out, d_in)), a causal mask, learned positions `wpe`, a final `ln_f`
  and an output layer tied to `wte`.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field

from playground import attention, attention_formula, models
from playground.errors import InputError, Note, Term
from playground.lazy import lazy

torch = lazy("torch")  # imported on first use: the page is served without it (playground/lazy.py)
nn = lazy("torch.nn")
seed_code = lazy("playground.seed_code")  # its classes are torch modules

MAX_PARAMS = 10**13  # beyond this the calculator refuses: no such model exists
MAX_TOKENS = 10**15  # sequence length x batch
PARTS = ("embeddings", "attention", "FFN", "norms", "head/other")
ACTIVATIONS = {
    "relu": lambda: nn.ReLU(),
    "gelu": lambda: nn.GELU(),
    "gelu_new": lambda: nn.GELU(approximate="tanh"),
    "gelu_pytorch_tanh": lambda: nn.GELU(approximate="tanh"),
    "silu": lambda: nn.SiLU(),
}


# ---- where the parameters sit ---------------------------------------------------------------


@dataclass(frozen=True)
class Breakdown:
    counts: dict[str, int]  # part -> parameters (each shared tensor counted once)
    total: int  # sum(p.numel() for p in model.parameters())

    def share(self, part: str) -> float:
        return self.counts[part] / self.total if self.total else 0.0


def part_of(name: str) -> str:
    """The part a parameter belongs to, from its name (BERT, DistilBERT, Llama and GPT-2 naming)."""
    low = name.lower()
    if "norm" in low or ".ln_" in low or low.startswith("ln_"):
        return "norms"
    if "embed" in low or ".wte." in low or ".wpe." in low or low.startswith(("wte.", "wpe.")):
        return "embeddings"
    if "attention" in low or "attn" in low:
        return "attention"
    if "intermediate" in low or "mlp" in low or ".output.dense" in low or ".ffn." in low:
        return "FFN"
    return "head/other"  # pooler, lm_head (when not tied), classifier


def parameter_breakdown(model: nn.Module) -> Breakdown:
    """Parameters per part; the parts sum to `sum(p.numel())` (tied weights such as lm_head counted once)."""
    counts = dict.fromkeys(PARTS, 0)
    for name, p in model.named_parameters():  # named_parameters() skips tied duplicates, as parameters() does
        counts[part_of(name)] += p.numel()
    return Breakdown(counts, sum(p.numel() for p in model.parameters()))


DISTILBERT_EPS = 1e-12  # DistilBERT's LayerNorms: fixed in its code, not in its config


def activation_of(config) -> str | None:
    """The FFN activation's name: hidden_act (BERT, Llama), activation_function (GPT-2), activation (DistilBERT)."""
    for attr in ("hidden_act", "activation_function", "activation"):
        if isinstance(getattr(config, attr, None), str):
            return getattr(config, attr)
    return None


def config_summary(config) -> dict[str, object]:
    """The config values that set the parameter count."""
    d, h = config.hidden_size, config.num_attention_heads
    return {
        "model type": config.model_type,
        "layers": config.num_hidden_layers,
        "d_model (hidden_size)": d,
        "heads": h,
        "key/value heads": getattr(config, "num_key_value_heads", None) or h,
        "d_ff (intermediate_size)": getattr(config, "intermediate_size", None)
        or getattr(config, "n_inner", None)
        or getattr(config, "hidden_dim", None)  # DistilBERT
        or 4 * d,
        "vocabulary": config.vocab_size,
        "max positions": getattr(config, "max_position_embeddings", None),
        "activation": activation_of(config),
        "norm eps": getattr(config, "layer_norm_eps", None)
        or getattr(config, "layer_norm_epsilon", None)
        or getattr(config, "rms_norm_eps", None)
        or (DISTILBERT_EPS if config.model_type == "distilbert" else None),
        "tied input/output embeddings": bool(getattr(config, "tie_word_embeddings", False)),
    }


# ---- the seed's TransformerBlock on a real layer ----------------------------------------------


@dataclass(frozen=True)
class BlockCheck:
    model: str
    layer: int
    tokens: list[str]
    activation: str  # the model's activation (BERT: "gelu")
    eps: float  # the model's LayerNorm epsilon
    diff_as_written: float  # max |seed block (ReLU, eps 1e-5) - real layer output|
    diff_relu_only: float  # seed block with the model's eps but ReLU: how much the activation alone costs
    diff_eps_only: float  # seed block with GELU but eps 1e-5: how much the epsilon alone costs
    diff_matched: float  # seed block with the model's activation and eps
    norm: str = "post-LN"  # both BERT and the seed normalise AFTER each residual add


def seed_block(
    layer, d_model: int, n_heads: int, activation: str = "relu", eps: float = 1e-5
) -> seed_code.TransformerBlock:
    """The source text's TransformerBlock with a BERT layer's weights; optionally another activation/eps."""
    if activation not in ACTIVATIONS:
        raise InputError("architecture.err.unknown_activation", activation=activation, known=", ".join(ACTIVATIONS))
    att = layer.attention
    lin = lambda m: (m.weight.float().cpu(), m.bias.float().cpu())  # noqa: E731
    d_ff = layer.intermediate.dense.out_features
    block = seed_code.TransformerBlock(d_model, n_heads, d_ff)
    block.attn = attention_formula.seed_from_linears(
        d_model, n_heads, lin(att.self.query), lin(att.self.key), lin(att.self.value), lin(att.output.dense)
    )
    block.ff[1] = ACTIVATIONS[activation]()
    pairs = [
        (block.norm1, att.output.LayerNorm),
        (block.ff[0], layer.intermediate.dense),
        (block.ff[2], layer.output.dense),
        (block.norm2, layer.output.LayerNorm),
    ]
    with torch.no_grad():
        for mine, theirs in pairs:
            mine.weight.copy_(theirs.weight.float().cpu())
            mine.bias.copy_(theirs.bias.float().cpu())
    block.norm1.eps = block.norm2.eps = eps
    return block.eval()  # eval: dropout off


def _hidden_states(loaded, text: str, max_tokens: int):
    tokenizer, net = loaded.tokenizer, loaded.model
    batch = tokenizer(text, truncation=True, max_length=max_tokens, return_tensors="pt")
    device = next(net.parameters()).device
    with torch.no_grad():
        out = net(**{k: v.to(device) for k, v in batch.items()}, output_hidden_states=True)
    ids = batch["input_ids"][0].tolist()
    tokens = attention.readable_tokens(tokenizer, tokenizer.convert_ids_to_tokens(ids), lambda i: "")
    return tokens, [h[0].float().cpu() for h in out.hidden_states]


def _bert_layers(loaded):
    net = loaded.model
    if net.config.model_type != "bert":
        raise InputError("architecture.err.not_bert", model=loaded.spec.name, kind=net.config.model_type)
    base = getattr(net, "bert", net)
    return base.encoder.layer


def seed_block_check(model_name: str, text: str, layer: int, max_tokens: int = 64) -> BlockCheck:
    r"""Run the seed's TransformerBlock, loaded with layer `layer`'s weights, on the hidden state entering it.

    $x_1 = \mathrm{LN}(x + \mathrm{Attn}(x))$, $x_2 = \mathrm{LN}(x_1 + FFN(x_1))$ (section 5.1.3)."""
    text = attention.check_text(text)
    loaded = models.load(model_name)
    layers = _bert_layers(loaded)
    cfg = loaded.model.config
    layer = attention.check_index(layer, len(layers), Term("layer"))
    tokens, hidden = _hidden_states(loaded, text, max_tokens)
    x, real = hidden[layer], hidden[layer + 1]  # (T, d) entering and leaving the layer
    act, eps = cfg.hidden_act, cfg.layer_norm_eps
    d, h = cfg.hidden_size, cfg.num_attention_heads

    def diff(activation: str, e: float) -> float:
        block = seed_block(layers[layer], d, h, activation, e)
        with torch.no_grad():
            return float((block(x.unsqueeze(0))[0] - real).abs().max())

    return BlockCheck(
        model=model_name,
        layer=layer,
        tokens=tokens,
        activation=act,
        eps=eps,
        diff_as_written=diff("relu", 1e-5),
        diff_relu_only=diff("relu", eps),
        diff_eps_only=diff(act, 1e-5),
        diff_matched=diff(act, eps),
    )


# ---- one block, step by step ------------------------------------------------------------------


@dataclass(frozen=True)
class BlockSteps:
    model: str
    layer: int
    layout: Note  # post-LN (BERT) or pre-RMSNorm (Llama)
    activation: str
    tokens: list[str]
    steps: dict[str, torch.Tensor]  # step name -> (T, d), in the order the block applies them
    ffn_hidden: torch.Tensor  # (T, d_ff) after the activation (SwiGLU: SiLU(gate) * up)
    output_diff: float  # max |last step - the real layer output|
    differences: list[Note] = field(default_factory=list)


def _capture(modules: dict[str, nn.Module], run, inputs: tuple[str, ...] = ()):
    """Outputs (or, for names in `inputs`, first inputs) of the given modules during `run()`."""
    seen, handles, me = {}, [], threading.get_ident()

    def keep(name: str, value) -> None:  # a hook must return None, or it replaces the module's output
        if threading.get_ident() == me:  # the model is shared: another user's forward pass runs the hooks too
            seen.setdefault(name, value[0] if isinstance(value, tuple) else value)

    for name, module in modules.items():
        if name in inputs:
            handles.append(module.register_forward_hook(lambda m, a, o, n=name: keep(n, a[0])))
        else:
            handles.append(module.register_forward_hook(lambda m, a, o, n=name: keep(n, o)))
    try:
        result = run()
    finally:
        for handle in handles:
            handle.remove()
    return result, {k: v[0].float().cpu() for k, v in seen.items()}


# The post-LN blocks (BERT, DistilBERT): their modules under one set of roles, and their step names
POST_LN_STEPS = {  # kind -> (first LayerNorm, FFN, second LayerNorm = the layer output)
    "bert": ("LayerNorm 1", "FFN ({act})", "LayerNorm 2 (layer output)"),
    "distilbert": (
        "LayerNorm sa_layer_norm",
        "FFN lin1 -> {act} -> lin2",
        "LayerNorm output_layer_norm (layer output)",
    ),
}
DISTILBERT_DIFFERENCES = [
    Note.of("architecture.note.distilbert_names"),
    Note.of("architecture.note.distilbert_embeddings"),
]


def _post_ln_modules(loaded, layer: int) -> dict[str, nn.Module]:
    """One BERT or DistilBERT layer's modules by role: attention output, norm1, FFN hidden, FFN output, norm2."""
    net, n_layers = loaded.model, loaded.model.config.num_hidden_layers
    if net.config.model_type == "bert":
        block = _bert_layers(loaded)[attention.check_index(layer, n_layers, Term("layer"))]
        return {
            "attn": block.attention.output.dense,
            "norm1": block.attention.output.LayerNorm,
            "act": block.intermediate,
            "ffn": block.output.dense,
            "norm2": block.output.LayerNorm,
            "block": block,
        }
    block = getattr(net, "distilbert", net).transformer.layer[attention.check_index(layer, n_layers, Term("layer"))]
    return {
        "attn": block.attention.out_lin,  # after q_lin, k_lin, v_lin and the heads
        "norm1": block.sa_layer_norm,
        "act": block.ffn.activation,  # lin1 -> activation: the FFN hidden (T, d_ff)
        "ffn": block.ffn.lin2,
        "norm2": block.output_layer_norm,
        "block": block,
    }


def block_steps(model_name: str, text: str, layer: int, max_tokens: int = 32) -> BlockSteps:
    """The hidden states through one real block (captured from the model's own modules), each (T, d)."""
    text = attention.check_text(text)
    loaded = models.load(model_name)
    cfg = loaded.model.config
    kind = cfg.model_type
    if kind in POST_LN_STEPS:
        modules = _post_ln_modules(loaded, layer)
    elif kind == "llama":
        block = loaded.model.model.layers[attention.check_index(layer, cfg.num_hidden_layers, Term("layer"))]
        modules = {
            "norm1": block.input_layernorm,
            "attn": block.self_attn,
            "norm2": block.post_attention_layernorm,
            "act": block.mlp.down_proj,
            "ffn": block.mlp,
            "block": block,
        }
    elif kind == "gpt2":
        return gpt2_block_steps(loaded, text, layer, max_tokens)
    else:
        raise InputError("architecture.err.block_layout", model=model_name, kind=kind)
    layer = int(layer)
    (tokens, hidden), seen = _capture(
        modules,
        lambda: _hidden_states(loaded, text, max_tokens),
        inputs=("act",) if kind == "llama" else (),
    )
    x, real = hidden[layer], seen["block"]  # (T, d) entering and leaving the real layer
    act = activation_of(cfg)
    if kind in POST_LN_STEPS:
        norm1, ffn, norm2 = POST_LN_STEPS[kind]
        steps = {
            "input x": x,
            "attention Attn(x)": seen["attn"],
            "residual x + Attn(x)": x + seen["attn"],
            norm1: seen["norm1"],
            ffn.format(act=act): seen["ffn"],
            "residual + FFN": seen["norm1"] + seen["ffn"],
            norm2: seen["norm2"],
        }
        if kind == "bert":
            layout, differences = Note.of("architecture.note.post_ln"), []
        else:
            layout, differences = Note.of("architecture.note.post_ln_distilbert"), list(DISTILBERT_DIFFERENCES)
    else:
        res1 = x + seen["attn"]
        steps = {
            "input x": x,
            "RMSNorm 1": seen["norm1"],
            "attention Attn(RMSNorm(x))": seen["attn"],
            "residual x + Attn": res1,
            "RMSNorm 2": seen["norm2"],
            f"FFN (SwiGLU, {cfg.hidden_act})": seen["ffn"],
            "residual + FFN (layer output)": res1 + seen["ffn"],
        }
        layout = Note.of("architecture.note.pre_rmsnorm")
        differences = [
            Note.of("architecture.note.pre_norm"),
            Note.of("architecture.note.rmsnorm"),
            Note.of("architecture.note.swiglu"),
            Note.of("architecture.note.attention_parts"),
        ]
    return BlockSteps(
        model=model_name,
        layer=layer,
        layout=layout,
        activation=act,
        tokens=tokens,
        steps=steps,
        ffn_hidden=seen["act"],
        output_diff=float((list(steps.values())[-1] - real).abs().max()),
        differences=differences,
    )


# ---- GPT-2: the block computed by hand from its weights ---------------------------------------

GPT2_DIFFERENCES = [
    Note.of("architecture.note.gpt2_ln1_first"),
    Note.of("architecture.note.gpt2_pre_ln"),
    Note.of("architecture.note.gpt2_fused_qkv"),
    Note.of("architecture.note.gpt2_conv1d"),
    Note.of("architecture.note.gpt2_gelu"),
    Note.of("architecture.note.gpt2_causal_mask"),
    Note.of("architecture.note.gpt2_tied_positions"),
]


def _layer_norm(x: torch.Tensor, ln: nn.LayerNorm) -> torch.Tensor:
    r"""$\mathrm{LN}(x) = \gamma \odot (x - \mu) / \sqrt{\sigma^2 + \epsilon} + \beta$ over the last dimension."""
    mu = x.mean(-1, keepdim=True)
    var = x.var(-1, keepdim=True, unbiased=False)
    return (x - mu) / torch.sqrt(var + ln.eps) * ln.weight.float().cpu() + ln.bias.float().cpu()


def _conv1d(x: torch.Tensor, conv) -> torch.Tensor:
    """GPT-2's Conv1D: weight (d_in, d_out), so y = x @ W + b (no transpose, unlike nn.Linear)."""
    return x @ conv.weight.float().cpu() + conv.bias.float().cpu()


def gpt2_steps(block, x: torch.Tensor, n_head: int) -> tuple[dict[str, torch.Tensor], torch.Tensor]:
    r"""One GPT-2 block, step by step, from its weights: (steps, FFN hidden (T, d_ff)). x is (T, C).

    $a = x + \mathrm{Attn}(\mathrm{LN}_1(x))$, $y = a + W_2\,\mathrm{GELU}(W_1 \mathrm{LN}_2(a))$ (pre-LN)."""
    T, C = x.shape
    hs = C // n_head
    h = _layer_norm(x, block.ln_1)  # (T, C)
    q, k, v = _conv1d(h, block.attn.c_attn).split(C, dim=-1)  # c_attn: (T, 3C) -> three (T, C)
    qh, kh, vh = (m.view(T, n_head, hs).transpose(0, 1) for m in (q, k, v))  # (nh, T, hs)
    # $\mathrm{softmax}(QK^T/\sqrt{d_k} + M)V$ with the causal mask M (-inf above the diagonal)
    att = qh @ kh.transpose(-2, -1) / hs**0.5  # (nh, T, T)
    att = att.masked_fill(torch.ones(T, T, dtype=torch.bool).triu(1), float("-inf")).softmax(-1)
    heads = (att @ vh).transpose(0, 1).reshape(T, C)  # (T, C): the heads side by side
    attn = _conv1d(heads, block.attn.c_proj)
    res1 = x + attn
    h2 = _layer_norm(res1, block.ln_2)
    ffn_hidden = ACTIVATIONS["gelu_new"]()(_conv1d(h2, block.mlp.c_fc))  # (T, 4C)
    ffn = _conv1d(ffn_hidden, block.mlp.c_proj)
    steps = {
        "input x": x,
        "LayerNorm ln_1": h,
        "query Q (c_attn, first third)": q,
        "key K (c_attn, second third)": k,
        "value V (c_attn, last third)": v,
        "attention heads, concatenated": heads,
        "attention output c_proj": attn,
        "residual x + Attn": res1,
        "LayerNorm ln_2": h2,
        "FFN c_fc -> GELU -> c_proj": ffn,
        "residual + FFN (layer output)": res1 + ffn,
    }
    return steps, ffn_hidden


def gpt2_block_steps(loaded, text: str, layer: int, max_tokens: int = 32) -> BlockSteps:
    """The GPT-2 block computed by hand (`gpt2_steps`) on the hidden state that enters it, checked against the
    real layer's output (captured with a hook)."""
    net = loaded.model
    cfg = net.config
    if cfg.activation_function != "gelu_new":
        raise InputError("architecture.err.gpt2_activation", model=loaded.spec.name, act=cfg.activation_function)
    blocks = getattr(net, "transformer", net).h
    layer = attention.check_index(layer, len(blocks), "layer")
    block = blocks[layer]
    (tokens, hidden), seen = _capture({"block": block}, lambda: _hidden_states(loaded, text, max_tokens))
    x, real = hidden[layer], seen["block"]  # (T, d) entering and leaving the real layer
    with torch.no_grad():
        steps, ffn_hidden = gpt2_steps(block, x, cfg.n_head)
    return BlockSteps(
        model=loaded.spec.name,
        layer=layer,
        layout=Note.of("architecture.note.pre_ln_gpt2"),
        activation=cfg.activation_function,
        tokens=tokens,
        steps=steps,
        ffn_hidden=ffn_hidden,
        output_diff=float((steps["residual + FFN (layer output)"] - real).abs().max()),
        differences=list(GPT2_DIFFERENCES),
    )


# ---- what a size costs ------------------------------------------------------------------------


@dataclass(frozen=True)
class SizeEstimate:
    params: int
    parts: dict[str, int]  # embeddings, attention, FFN, norms, head/other
    memory_bytes: dict[str, dict[str, int]]  # dtype -> {weights, gradients, Adam states, total}
    forward_flops: float  # one forward pass over batch x seq_len tokens
    training_flops: float  # 6 N D for D = batch x seq_len tokens (one training step)
    tokens: int


def _positive(value, name: str) -> int:
    try:
        number = int(value)
    except (TypeError, ValueError, OverflowError):
        raise InputError("architecture.err.not_whole", what=Term(name), value=repr(value)) from None
    if number != value or number <= 0:
        raise InputError("architecture.err.not_positive", what=Term(name), value=repr(value))
    return number


def size_estimate(
    layers: int,
    d_model: int,
    heads: int,
    d_ff: int,
    vocab: int,
    seq_len: int,
    batch: int = 1,
    *,
    kv_heads: int | None = None,
    positions: int = 0,
    token_types: int = 0,
    pooler: bool = False,
    gated: bool = False,
    bias: bool = True,
    norm_params: int = 2,
    final_norm: bool = False,
    embedding_norm: bool = False,
    tied: bool = True,
) -> SizeEstimate:
    r"""Parameters, memory and FLOPs from the sizes alone (only integers: nothing is allocated).

    Defaults follow the seed's block (section 5.1.3): attention $4d^2 + 4d$, FFN $2 d\,d_{ff} + d_{ff} + d$,
    two LayerNorms of $2d$, plus token embeddings $Vd$ (shared with the output layer). Options describe BERT
    (learned positions, token types, embedding LayerNorm, pooler) and Llama (GQA, SwiGLU, no bias, RMSNorm)."""
    layers, d, heads, d_ff, vocab, seq_len, batch = (
        _positive(v, n)
        for v, n in (
            (layers, "layers"), (d_model, "d_model"), (heads, "heads"), (d_ff, "d_ff"), (vocab, "vocabulary"),
            (seq_len, "seq_len"), (batch, "batch"),
        )
    )  # fmt: skip
    if d % heads:
        raise InputError("architecture.err.heads_divide", d=d, heads=heads)
    kv = heads if kv_heads is None else _positive(kv_heads, "kv_heads")
    if heads % kv:
        raise InputError("architecture.err.kv_heads_divide", heads=heads, kv=kv)
    d_kv = kv * (d // heads)
    b = 1 if bias else 0
    attn = 2 * d * d + 2 * d * d_kv + b * (2 * d + 2 * d_kv)  # W^Q, W^O (d x d); W^K, W^V (d x d_kv)
    ffn = (3 * d * d_ff) if gated else (2 * d * d_ff)
    ffn += b * (d_ff * (2 if gated else 1) + d)
    norms_layer = 2 * norm_params * d
    embeddings = (vocab + positions + token_types) * d
    norms = layers * norms_layer + (norm_params * d if final_norm else 0) + (norm_params * d if embedding_norm else 0)
    head = (d * d + d if pooler else 0) + (0 if tied else vocab * d)
    parts = {
        "embeddings": embeddings,
        "attention": layers * attn,
        "FFN": layers * ffn,
        "norms": norms,
        "head/other": head,
    }
    n = sum(parts.values())
    if n > MAX_PARAMS:
        raise InputError("architecture.err.too_many_params", n=n, limit=MAX_PARAMS)
    tokens = seq_len * batch
    if tokens > MAX_TOKENS:
        raise InputError("architecture.err.too_many_tokens", tokens=tokens)
    memory = {}
    for dtype, size in (("fp32", 4), ("bf16", 2)):
        weights, grads, adam = n * size, n * size, 2 * n * size  # Adam keeps two moments per parameter
        memory[dtype] = {"weights": weights, "gradients": grads, "Adam states": adam, "total": weights + grads + adam}
    attention_scores = 2 * 2 * layers * seq_len * seq_len * d * batch  # QK^T and (weights)V, per layer
    forward = 2.0 * n * tokens + attention_scores
    return SizeEstimate(n, parts, memory, float(forward), 6.0 * n * tokens, tokens)


def estimate_for_config(config, seq_len: int = 128, batch: int = 1) -> SizeEstimate:
    """size_estimate with the layout options a BERT, DistilBERT, Llama or GPT-2 config implies (the checked
    catalogue layouts)."""
    kind = config.model_type
    if kind == "gpt2":
        return _gpt2_estimate(config, seq_len, batch)
    if kind == "distilbert":
        return _distilbert_estimate(config, seq_len, batch)
    if kind not in ("bert", "llama"):
        raise InputError("architecture.err.calculator_layout", kind=kind)
    common = dict(
        layers=config.num_hidden_layers,
        d_model=config.hidden_size,
        heads=config.num_attention_heads,
        d_ff=config.intermediate_size,
        vocab=config.vocab_size,
        seq_len=seq_len,
        batch=batch,
    )
    if kind == "bert":
        return size_estimate(
            **common,
            positions=config.max_position_embeddings,
            token_types=config.type_vocab_size,
            pooler=True,
            embedding_norm=True,
        )
    if kind == "llama":
        return size_estimate(
            **common,
            kv_heads=config.num_key_value_heads,
            gated=True,
            bias=False,
            norm_params=1,
            final_norm=True,
            tied=bool(config.tie_word_embeddings),
        )
    raise InputError("architecture.err.calculator_layout", kind=kind)


def _gpt2_estimate(config, seq_len: int, batch: int) -> SizeEstimate:
    r"""GPT-2: the seed's block sizes (biases everywhere, two LayerNorms), learned positions wpe, a final ln_f,
    $d_{ff}$ = n_inner or $4d$, lm_head tied to wte unless the config says otherwise."""
    d = config.n_embd
    return size_estimate(
        layers=config.n_layer,
        d_model=d,
        heads=config.n_head,
        d_ff=config.n_inner or 4 * d,
        vocab=config.vocab_size,
        seq_len=seq_len,
        batch=batch,
        positions=config.n_positions,
        final_norm=True,
        tied=bool(config.tie_word_embeddings),
    )


def _distilbert_estimate(config, seq_len: int, batch: int) -> SizeEstimate:
    r"""DistilBERT: BERT's block sizes (biases, two LayerNorms per layer), word and position embeddings with
    their LayerNorm, NO token-type table and NO pooler; $d_{ff}$ = hidden_dim."""
    return size_estimate(
        layers=config.n_layers,
        d_model=config.dim,
        heads=config.n_heads,
        d_ff=config.hidden_dim,
        vocab=config.vocab_size,
        seq_len=seq_len,
        batch=batch,
        positions=config.max_position_embeddings,
        embedding_norm=True,
    )


WELL_KNOWN = {  # parameters as published
    "GPT-2 small": 124_000_000,
    "BERT-base": 110_000_000,
    "GPT-2 XL": 1_500_000_000,
    "GPT-3": 175_000_000_000,
}
