r"""Architecture tab: parameters per part, one block step by step, the seed's TransformerBlock on real weights,
and a size calculator (parameters, memory, FLOPs).

Plain functions first (UI values -> playground call -> figures/text), layout next, wiring last.
The block tensors and the calculator are also served as JSON (`/architecture_block`, `/architecture_size`).
"""

from __future__ import annotations

import inspect

import gradio as gr

from playground import architecture, exercises, models
from playground.errors import InputError
from playground.lazy import lazy, source_of
from ui import header, i18n, plots
from ui.i18n import t
from ui.sharing import notebooks, snippets
from ui.tab import Draw, Param, Scene, Sentence, Share, SubView, Tab
from ui.view import on, view

torch = lazy("torch")  # imported on first use: the page is served without it (playground/lazy.py)

DEFAULT_MODEL = "all-MiniLM-L6-v2"
SEED_MODEL = "all-MiniLM-L6-v2"
DEFAULT_TEXT = "The animal didn't cross the street because it was too tired. 我爱北京"
STEP_TOKENS = 32  # the block heatmaps stay readable
SEED_TOKENS = 64  # the seed block runs on the first tokens
JSON_DECIMALS = 5
LATEX = [{"left": "$", "right": "$", "display": False}]
SIZE_DEFAULTS = dict(layers=12, d_model=768, heads=12, d_ff=3072, vocab=50257, seq_len=1024, batch=8)  # GPT-2 small


def model_choices() -> list[tuple[str, str]]:
    return header.model_choices(models.names(models.ENCODER) + models.names(models.CAUSAL_LM))


def human(n: float, unit: str = "") -> str:
    """1234567 -> '1.23 M' (k, M, G, T, P)."""
    for factor, prefix in ((1e15, "P"), (1e12, "T"), (1e9, "G"), (1e6, "M"), (1e3, "k")):
        if abs(n) >= factor:
            return f"{n / factor:.3g} {prefix}{unit}"
    return f"{n:.3g} {unit}".strip()


def shown(name: str, keys: dict[str, str]) -> str:
    """An engine name (a part, a step, a config entry) in the request's language; an unknown one unchanged."""
    return t(keys[name]) if name in keys else name


PART_KEYS = {part: f"arch.part.{part.replace('/', '_')}" for part in architecture.PARTS}
STEP_KEYS = {  # the steps of architecture.block_steps; "LayerNorm 1", "FFN (gelu)" … are names: they stay
    "input x": "arch.step.input",
    "attention Attn(x)": "arch.step.attn",
    "residual x + Attn(x)": "arch.step.residual_attn",
    "residual + FFN": "arch.step.residual_ffn",
    "LayerNorm 2 (layer output)": "arch.step.norm2_output",
    "attention Attn(RMSNorm(x))": "arch.step.attn_rms",
    "residual x + Attn": "arch.step.residual_attn_llama",
    "residual + FFN (layer output)": "arch.step.residual_ffn_output",
    "query Q (c_attn, first third)": "arch.step.gpt2_q",
    "key K (c_attn, second third)": "arch.step.gpt2_k",
    "value V (c_attn, last third)": "arch.step.gpt2_v",
    "attention heads, concatenated": "arch.step.gpt2_heads",
    "attention output c_proj": "arch.step.gpt2_c_proj",
    "LayerNorm output_layer_norm (layer output)": "arch.step.distilbert_norm2_output",
}
CONFIG_KEYS = {
    "model type": "arch.config.model_type",
    "layers": "arch.config.layers",
    "d_model (hidden_size)": "arch.config.d_model",
    "heads": "arch.config.heads",
    "key/value heads": "arch.config.kv_heads",
    "d_ff (intermediate_size)": "arch.config.d_ff",
    "vocabulary": "arch.config.vocab",
    "max positions": "arch.config.max_positions",
    "activation": "arch.config.activation",
    "norm eps": "arch.config.eps",
    "tied input/output embeddings": "arch.config.tied",
}


def config_table(config) -> str:
    """The config values that set the parameter count, as a Markdown table."""
    rows = architecture.config_summary(config).items()
    value = lambda v: t(f"arch.config.{v}") if isinstance(v, bool) else v  # True/False in the page's language
    return (
        t("arch.config.header")
        + "\n|---|---|\n"
        + "\n".join(f"| {shown(key, CONFIG_KEYS)} | {value(v)} |" for key, v in rows)
    )


def catalogue_marks() -> dict[str, float]:
    """Well-known published sizes plus the real counts of the catalogue models available here (no weights loaded:
    the count comes from the config through the calculator, which equals sum(p.numel()) for these layouts)."""
    marks = dict(architecture.WELL_KNOWN)
    for name in models.names(only_available=True):
        try:
            marks[name] = architecture.estimate_for_config(models.load_config(name)).params
        except (ValueError, models.ModelUnavailable, OSError):
            continue
    return marks


# ---- the views -----------------------------------------------------------------------------


@view(gpu=True)
def show_parameters(model: str):
    """Breakdown chart and config table of one model."""
    loaded = models.load(model)
    breakdown = architecture.parameter_breakdown(loaded.model)
    config = loaded.model.config
    try:
        estimate = architecture.estimate_for_config(config).params
        diff = estimate - breakdown.total
        match = t("arch.tree.match") if diff == 0 else t("arch.tree.differs", diff=diff)
        estimate_text = f"{estimate:,}"
    except ValueError:
        estimate_text, match = "–", t("arch.tree.no_estimate")
    note = t("arch.tree.note", model=model, total=breakdown.total, estimate=estimate_text, match=match)
    counts = {shown(part, PART_KEYS): n for part, n in breakdown.counts.items()}
    fig = plots.parameter_bars(counts, breakdown.total, t("arch.tree.title", model=model, total=breakdown.total))
    return note + "\n\n" + config_table(config), fig


@view(cache=False)
def run_seed_block(text: str, layer):
    check = architecture.seed_block_check(SEED_MODEL, text, int(layer), max_tokens=SEED_TOKENS)
    return t(
        "arch.seed.result",
        layer=check.layer,
        n=len(check.tokens),
        as_written=check.diff_as_written,
        relu_only=check.diff_relu_only,
        eps_only=check.diff_eps_only,
        matched=check.diff_matched,
        eps=check.eps,
        act=check.activation,
    )


def ffn_line(result: architecture.BlockSteps, token: int) -> str:
    n = len(result.tokens)
    if not 0 <= int(token) < n:
        raise InputError("arch.err.token_index", top=n - 1, n=n)
    token = int(token)
    h = result.ffn_hidden[token]
    names = list(result.steps)
    ffn_name = next(k for k in names if k.startswith("FFN"))
    ffn = result.steps[ffn_name][token]
    ffn_input = result.steps[names[names.index(ffn_name) - 1]][token]  # the step before the FFN: its input
    key = "arch.steps.ffn_llama" if result.layout.key == "architecture.note.pre_rmsnorm" else "arch.steps.ffn"
    return t(
        key,
        token=plots.token_labels(result.tokens)[token].replace("\u200b", ""),
        act=result.activation.upper() if key == "arch.steps.ffn" else "",
        d_ff=h.numel(),
        zero=float((h.abs() < 0.01).float().mean()),
        neg=float((h < 0).float().mean()),
        out=float(ffn.norm()),
        inp=float(ffn_input.norm()),
    )


@view(gpu=True)
def show_block(model: str, text: str, layer, token):
    config = models.load_config(model)
    if not 0 <= int(layer) < config.num_hidden_layers:
        raise InputError("arch.err.layer", top=config.num_hidden_layers - 1, model=model)
    result = architecture.block_steps(model, text, int(layer), max_tokens=STEP_TOKENS)
    note = t(
        "arch.steps.note",
        model=model,
        layer=result.layer,
        layout=i18n.say(result.layout),
        n=len(result.tokens),
        diff=result.output_diff,
    )
    if result.differences:
        note += "\n\n" + "\n".join(f"- {i18n.say(d)}" for d in result.differences)
    note += "\n\n" + ffn_line(result, min(int(token), len(result.tokens) - 1))
    fig = plots.step_heatmaps(
        {shown(k, STEP_KEYS): v.numpy() for k, v in result.steps.items()},
        result.tokens,
        t("arch.steps.title", layer=result.layer),
    )
    return note, fig


def _estimate(layers, d_model, heads, d_ff, vocab, seq_len, batch) -> architecture.SizeEstimate:
    values = (layers, d_model, heads, d_ff, vocab, seq_len, batch)
    if any(v is None for v in values):
        raise InputError("arch.err.fill_sizes")
    return architecture.size_estimate(*values)


@view()
def show_size(layers, d_model, heads, d_ff, vocab, seq_len, batch):
    e = _estimate(layers, d_model, heads, d_ff, vocab, seq_len, batch)
    m32, m16 = e.memory_bytes["fp32"], e.memory_bytes["bf16"]
    text = t(
        "arch.size.result",
        params=e.params,
        params_h=human(e.params),
        emb=e.parts["embeddings"],
        att=e.parts["attention"],
        ffn=e.parts["FFN"],
        norms=e.parts["norms"],
        w32=human(m32["weights"], "B"),
        w16=human(m16["weights"], "B"),
        g32=human(m32["gradients"], "B"),
        g16=human(m16["gradients"], "B"),
        a32=human(m32["Adam states"], "B"),
        a16=human(m16["Adam states"], "B"),
        t32=human(m32["total"], "B"),
        t16=human(m16["total"], "B"),
        tokens=e.tokens,
        fwd=e.forward_flops,
        train=e.training_flops,
    )
    fig = plots.size_chart(catalogue_marks(), (t("arch.size.yours"), e.params), t("arch.size.title"))
    return text, fig


# ---- JSON API ----------------------------------------------------------------------------


def rounded(tensor: torch.Tensor) -> list:
    return torch.round(tensor.double(), decimals=JSON_DECIMALS).tolist()


@view(gpu=True)
def architecture_block(model: str = DEFAULT_MODEL, text: str = DEFAULT_TEXT, layer: int = 0) -> dict:
    """The (T, d) hidden states after each step of one real block, its tokens and the FFN activations."""
    config = models.load_config(model)
    if not 0 <= int(layer) < config.num_hidden_layers:
        raise InputError("arch.err.layer", top=config.num_hidden_layers - 1, model=model)
    result = architecture.block_steps(model, text, int(layer), max_tokens=STEP_TOKENS)
    return {
        "model": model,
        "layer": result.layer,
        "layout": i18n.say(result.layout),
        "activation": result.activation,
        "tokens": result.tokens,
        "steps": {name: rounded(value) for name, value in result.steps.items()},
        "ffn_hidden": rounded(result.ffn_hidden),
        "output_diff": result.output_diff,
        "differences": [i18n.say(d) for d in result.differences],
    }


@view(cache=False)
def architecture_size(
    layers: int = 12,
    d_model: int = 768,
    heads: int = 12,
    d_ff: int = 3072,
    vocab: int = 50257,
    seq_len: int = 1024,
    batch: int = 8,
) -> dict:
    """Parameters per part, memory (bytes) for weights / gradients / Adam in fp32 and bf16, and FLOPs."""
    e = _estimate(layers, d_model, heads, d_ff, vocab, seq_len, batch)
    return {
        "params": e.params,
        "parts": e.parts,
        "memory_bytes": e.memory_bytes,
        "tokens": e.tokens,
        "forward_flops": e.forward_flops,
        "training_flops": e.training_flops,
    }


API = (architecture_block, architecture_size)


# ---- layout ------------------------------------------------------------------------------

with gr.Blocks() as demo:
    gr.Markdown(t("arch.intro"))
    with gr.Tab(t("arch.tree.tab"), id="arch-tree"):
        with gr.Row():
            model_dropdown = gr.Dropdown(
                model_choices(), value=DEFAULT_MODEL, label=t("arch.model"), elem_id="architecture-tree-model"
            )
            tree_button = gr.Button(t("arch.show"), variant="primary")
        tree_md = gr.Markdown(elem_id="architecture-tree-note")
        tree_plot = gr.Plot(elem_id="architecture-tree-plot")
    with gr.Tab(t("arch.steps.tab"), id="arch-steps"):
        with gr.Row():
            steps_model = gr.Dropdown(
                model_choices(), value=DEFAULT_MODEL, label=t("arch.model"), elem_id="architecture-steps-model"
            )
            steps_layer = gr.Number(value=0, precision=0, minimum=0, label=t("arch.layer"))
            steps_token = gr.Number(value=1, precision=0, minimum=0, label=t("arch.steps.token"))
        steps_text = gr.Textbox(t("arch.text_default"), label=t("arch.text"), max_length=2000)
        steps_button = gr.Button(t("arch.show"), variant="primary", elem_id="architecture-steps-show")
        steps_md = gr.Markdown(elem_id="architecture-steps-note", latex_delimiters=LATEX)
        steps_plot = gr.Plot(elem_id="architecture-steps-plot")
    with gr.Tab(t("arch.seed.tab"), id="arch-seed"):
        gr.Markdown(t("arch.seed.intro"))
        gr.Code(source_of("playground.seed_code", "TransformerBlock"), language="python", interactive=False)
        with gr.Row():
            seed_text = gr.Textbox(t("arch.text_default"), label=t("arch.text"), max_length=2000)
            seed_layer = gr.Slider(0, 5, value=0, step=1, label=t("arch.layer"))
        seed_button = gr.Button(t("arch.seed.run"), variant="primary")
        seed_md = gr.Markdown(elem_id="architecture-seed-note", latex_delimiters=LATEX)
        gr.Markdown(t("arch.seed.llama"), latex_delimiters=LATEX)
        gr.Markdown(t("arch.seed.gpt2"), latex_delimiters=LATEX, elem_id="architecture-seed-gpt2")
    with gr.Tab(t("arch.size.tab"), id="arch-size"):
        gr.Markdown(t("arch.size.intro"), latex_delimiters=LATEX)
        with gr.Row():
            size_inputs = [
                gr.Number(value=SIZE_DEFAULTS[key], precision=0, label=t(f"arch.size.{key}"))
                for key in ("layers", "d_model", "heads", "d_ff", "vocab", "seq_len", "batch")
            ]
        size_button = gr.Button(t("arch.size.run"), variant="primary")
        size_md = gr.Markdown(elem_id="architecture-size-note")
        size_plot = gr.Plot(elem_id="architecture-size-plot")

    # ---- wiring ------------------------------------------------------------------------------
    on([tree_button.click, model_dropdown.change], show_parameters, model_dropdown, [tree_md, tree_plot])
    steps_inputs = [steps_model, steps_text, steps_layer, steps_token]
    on([steps_button.click, steps_text.submit], show_block, steps_inputs, [steps_md, steps_plot])
    seed_button.click(run_seed_block, [seed_text, seed_layer], seed_md, api_visibility="private")
    size_button.click(show_size, size_inputs, [size_md, size_plot], api_visibility="private")
    demo.load(show_parameters, model_dropdown, [tree_md, tree_plot], api_visibility="private")
    demo.load(show_block, steps_inputs, [steps_md, steps_plot], api_visibility="private")
    demo.load(show_size, size_inputs, [size_md, size_plot], api_visibility="private")
    for endpoint in API:
        gr.api(endpoint, api_name=endpoint.__name__)

NOTEBOOK_COMPUTE = f"""
# Parameters per part (source text §4.1.3): the app's own rule, by parameter name
from collections import Counter

PARTS = {architecture.PARTS!r}


{inspect.getsource(architecture.part_of)}

parts = Counter()
for name, p in model.named_parameters():  # a weight tied to another (lm_head = embeddings) is listed once
    parts[part_of(name)] += p.numel()
total = sum(p.numel() for p in model.parameters())
computed = {{"parts": [parts[part] for part in PARTS], "total": total}}
print(dict(parts), "total", f"{{total:,}}")
"""
NOTEBOOK_FIGURE = """
import plotly.graph_objects as go

fig = go.Figure(go.Bar(x=list(PARTS), y=computed["parts"], text=[f"{n:,}" for n in computed["parts"]]))
fig.update_layout(title=f"{MODEL}: {computed['total']:,} parameters by part", yaxis_title="parameters")
fig.show()
"""


def notebook(v: dict) -> notebooks.Recipe:
    """The parameter counts per part as a notebook, counted again on the loaded model."""
    breakdown = architecture.parameter_breakdown(models.load(v["model"]).model)
    return notebooks.Recipe(
        explain=("arch.intro",),
        inputs={},
        compute=NOTEBOOK_COMPUTE,
        figure=NOTEBOOK_FIGURE,
        numbers={"parts": [breakdown.counts[part] for part in architecture.PARTS], "total": breakdown.total},
        atol=0.0,
        model=v["model"],
        causal=models.spec(v["model"]).role == models.CAUSAL_LM,
    )


STEPS_COMPUTE = r"""
# One real block, step by step: the project's `block_steps` captures each step's hidden states (T, d) from the
# model's own modules (hooks on them, nothing recomputed). Each row below is one step, each column one token:
# $\lVert h \rVert$, the length of the token's vector after that step. The last step is checked against the layer's
# own output.
import torch

from playground import architecture

result = architecture.block_steps(MODEL, TEXT, LAYER, max_tokens=MAX_TOKENS)
for name, h in result.steps.items():
    print(f"{name:<34} {tuple(h.shape)}  |h| of the first tokens: {h.norm(dim=-1)[:5].numpy().round(2)}")
print(f"max |last step - the layer's own output| = {result.output_diff:.2e}")
norms = torch.stack([h.norm(dim=-1) for h in result.steps.values()])  # (steps, T)
computed = {"norms": norms.numpy(), "output_diff": result.output_diff}
"""
STEPS_FIGURE = """
import plotly.graph_objects as go

fig = go.Figure(go.Heatmap(z=computed["norms"], x=[f"{i}:{t}" for i, t in enumerate(result.tokens)],
                           y=list(result.steps), colorscale="Viridis", colorbar_title="|h|"))
fig.update_layout(title=f"{MODEL}: layer {LAYER}, each token's |h| after each step", height=450)
fig.show()
"""


def notebook_steps(v: dict) -> notebooks.Recipe:
    """One block step by step: each step's per-token norms and the last step's difference from the real layer."""
    result = architecture.block_steps(v["model"], v["text"], int(v["layer"]), max_tokens=STEP_TOKENS)
    norms = [[float(n) for n in h.norm(dim=-1)] for h in result.steps.values()]
    return notebooks.Recipe(
        explain=("arch.intro", "arch.steps.intro"),
        inputs={"TEXT": v["text"], "LAYER": result.layer, "MAX_TOKENS": STEP_TOKENS},
        compute=STEPS_COMPUTE,
        figure=STEPS_FIGURE,
        numbers={"norms": notebooks.numbers(norms), "output_diff": result.output_diff},
        atol=1e-4,
        model=v["model"],
        causal=models.spec(v["model"]).role == models.CAUSAL_LM,
    )


SEED_COMPUTE = r"""
# The source text's TransformerBlock (§5.1.3, playground/seed_code.py) loaded with this BERT layer's weights, run on
# the hidden state entering the layer: $x_1 = \mathrm{LN}(x + \mathrm{Attn}(x))$, $x_2 = \mathrm{LN}(x_1 + FFN(x_1))$.
# As written it uses ReLU and eps = 1e-5; the model uses its own activation (GELU) and eps: the four combinations.
import torch

from playground.architecture import seed_block

batch = tokenizer(TEXT, truncation=True, max_length=MAX_TOKENS, return_tensors="pt").to(model.device)
with torch.no_grad():
    hidden = model(**batch, output_hidden_states=True).hidden_states  # L + 1 tensors (1, T, d)
x, real = hidden[LAYER][0].float().cpu(), hidden[LAYER + 1][0].float().cpu()  # entering and leaving the layer
layer, cfg = getattr(model, "bert", model).encoder.layer[LAYER], model.config
VARIANTS = {
    "as written (ReLU, eps 1e-5)": ("relu", 1e-5),
    "ReLU, the model's eps": ("relu", cfg.layer_norm_eps),
    "the model's activation, eps 1e-5": (cfg.hidden_act, 1e-5),
    "both matched": (cfg.hidden_act, cfg.layer_norm_eps),
}
diffs = {}
for name, (activation, eps) in VARIANTS.items():
    block = seed_block(layer, cfg.hidden_size, cfg.num_attention_heads, activation, eps)
    with torch.no_grad():
        x2 = block(x[None])[0]  # (T, d)
    diffs[name] = float((x2 - real).abs().max())
    print(f"{name}: max |seed block - the real layer| = {diffs[name]:.2e}")
computed = {"diffs": list(diffs.values())}
"""
SEED_FIGURE = """
import plotly.graph_objects as go

fig = go.Figure(go.Bar(x=list(diffs), y=computed["diffs"], text=[f"{d:.1e}" for d in computed["diffs"]]))
fig.update_yaxes(type="log", title="max |seed block − real layer|")
fig.update_layout(title=f"{MODEL}: layer {LAYER} rebuilt from the source text's TransformerBlock", height=450)
fig.show()
"""


def notebook_seed(v: dict) -> notebooks.Recipe:
    """The seed block on real weights: its four differences from the real layer."""
    check = architecture.seed_block_check(SEED_MODEL, v["text"], int(v["layer"]), max_tokens=SEED_TOKENS)
    return notebooks.Recipe(
        explain=("arch.intro", "arch.seed.intro"),
        inputs={"TEXT": v["text"], "LAYER": check.layer, "MAX_TOKENS": SEED_TOKENS},
        compute=SEED_COMPUTE,
        figure=SEED_FIGURE,
        numbers={
            "diffs": [check.diff_as_written, check.diff_relu_only, check.diff_eps_only, check.diff_matched],
        },
        atol=1e-5,
        model=SEED_MODEL,
    )


SIZE_COMPUTE = r"""
# The seed's block (§5.1.3) from its sizes alone: attention $4d^2 + 4d$ (W^Q, W^K, W^V, W^O and biases),
# FFN $2\,d\,d_{ff} + d_{ff} + d$, two LayerNorms of $2d$ per layer, token embeddings $Vd$ shared with the output layer.
d, L = D_MODEL, LAYERS
assert d % HEADS == 0, "d_model must be a multiple of the heads"
parts = {
    "embeddings": VOCAB * d,
    "attention": L * (4 * d * d + 4 * d),
    "FFN": L * (2 * d * D_FF + D_FF + d),
    "norms": L * 2 * 2 * d,
    "head/other": 0,  # tied to the embeddings
}
params = sum(parts.values())
tokens = SEQ_LEN * BATCH
# training memory: weights + gradients + Adam's two moments, 4 bytes a number in fp32, 2 in bf16
memory = {dtype: 4 * params * size for dtype, size in (("fp32", 4), ("bf16", 2))}
# FLOPs: 2 per parameter per token forward (a multiply and an add), plus QK^T and (weights)V: 2·2·L·s²·d per sequence;
# training (forward + backward) ≈ 6 per parameter per token
forward = 2.0 * params * tokens + 2 * 2 * L * SEQ_LEN * SEQ_LEN * d * BATCH
training = 6.0 * params * tokens
print(f"{params:,} parameters; training memory {memory['fp32'] / 1e9:.2f} GB (fp32); forward {forward:.3e} FLOPs")
computed = {"parts": list(parts.values()), "params": params, "memory": [memory["fp32"], memory["bf16"]],
            "flops": [forward, training]}
"""
SIZE_FIGURE = """
import plotly.graph_objects as go

fig = go.Figure(go.Bar(x=list(parts), y=computed["parts"], text=[f"{n:,}" for n in computed["parts"]]))
fig.update_layout(title=f"{params:,} parameters by part", yaxis_title="parameters", height=420)
fig.show()
"""
SIZE_NAMES = {key: key.upper() for key in SIZE_DEFAULTS}


def notebook_size(v: dict) -> notebooks.Recipe:
    """The size calculator: parameters per part, training memory and FLOPs from the sizes alone."""
    e = _estimate(*(v[key] for key in SIZE_DEFAULTS))
    return notebooks.Recipe(
        explain=("arch.intro", "arch.size.intro"),
        inputs={SIZE_NAMES[key]: int(v[key]) for key in SIZE_DEFAULTS},
        compute=SIZE_COMPUTE,
        figure=SIZE_FIGURE,
        numbers={
            "parts": list(e.parts.values()),
            "params": e.params,
            "memory": [e.memory_bytes["fp32"]["total"], e.memory_bytes["bf16"]["total"]],
            "flops": [e.forward_flops, e.training_flops],
        },
        atol=0.0,
    )


TAB = Tab(
    "architecture",
    "arch.tab",
    demo,
    share=Share(
        {
            "model": Param(model_dropdown, steps_model),
            "text": Param(steps_text),
            "layer": Param(steps_layer, by_view=True),
            "token": Param(steps_token, by_view=True),
        },
        (
            Draw(show_parameters, model_dropdown, [tree_md, tree_plot]),
            Draw(show_block, steps_inputs, [steps_md, steps_plot]),
        ),
        lambda v: snippets.architecture(v["model"]),
        notebook,
        (
            SubView("arch-steps", {"model": steps_model, "text": steps_text, "layer": steps_layer}, notebook_steps),
            SubView("arch-seed", {"text": seed_text, "layer": seed_layer}, notebook_seed),
            SubView("arch-size", dict(zip(SIZE_DEFAULTS, size_inputs, strict=True)), notebook_size),
        ),
    ),
    advanced=(steps_token,),
    key_outputs=(steps_plot, tree_plot, seed_md, size_plot),
    exercises=exercises.of_tab("architecture"),  # "Predict, then reveal" (ui/exercises.py)
    scenes=(
        Scene(
            "block", "4.1.3", 7, "arch-steps", {steps_text: Sentence("arch.text_default"), steps_layer: 0}, steps_button
        ),
        Scene("seed_block", "5.1.3", 8, "arch-seed", {seed_text: Sentence("arch.text_default")}, seed_button),
    ),
)

if __name__ == "__main__":
    demo.launch()
