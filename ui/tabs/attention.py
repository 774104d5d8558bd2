r"""Attention tab: real attention maps (heatmaps, rollout, bertviz views drawn offline) and the formula recomputed.

Plain functions first (UI values -> playground call -> figures/HTML/text), layout next, wiring last.
The numbers are also served as JSON through named API endpoints (`/attention`, `/attention_formula`).
"""

from __future__ import annotations

import functools

import gradio as gr

from playground import attention, attention_formula, exercises, models
from playground.errors import Term
from playground.lazy import lazy, source_of
from ui import bertviz_offline, header, i18n, plots
from ui.i18n import t
from ui.sharing import notebooks, snippets
from ui.tab import Draw, Param, Scene, Sentence, Share, SubView, Tab
from ui.view import index_slider, on, view

torch = lazy("torch")  # imported on first use: the page is served without it (playground/lazy.py)

DEFAULT_MODEL = "all-MiniLM-L6-v2"
VIEW_TOKENS = 64  # the head view carries at most this many tokens (it draws one layer: H x T x T lines)
MODEL_VIEW_TOKENS = 32  # the model view draws every head of 6 layers at once: 6 x 12 x 32² = 74k SVG lines
FORMULA_TOKENS = 48  # the from-the-formula matrices are shown in full: keep them readable
JSON_DECIMALS = 5
LATEX = [{"left": "$", "right": "$", "display": False}]


# ---- helpers -------------------------------------------------------------------------------


def model_choices() -> list[tuple[str, str]]:
    """Encoders and causal LMs of the catalogue; unavailable ones labelled (choosing one says why)."""
    return header.model_choices(models.names(models.ENCODER) + models.names(models.CAUSAL_LM))


@functools.lru_cache(maxsize=4)
def attend(model: str, text: str, text_pair: str) -> attention.AttentionResult:
    """One forward pass per (model, text, pair): moving the layer/head sliders reuses it."""
    return attention.attend(model, text, text_pair or None)


def sentence_b_start(result: attention.AttentionResult) -> int | None:
    return result.segments.index(1) if 1 in result.segments else None


def rounded(tensor: torch.Tensor, decimals: int = JSON_DECIMALS) -> list:
    return torch.round(tensor.double(), decimals=decimals).tolist()


def summary(
    result: attention.AttentionResult,
    layer: int,
    head: int,
    view_layers: list[int],
    view_tokens: int,
    model_tokens: int,
) -> str:
    n_layers, n_heads, n, _ = result.shape
    lines = [t("att.tokens", n=n, model=result.model, layers=n_layers, heads=n_heads)]
    if result.cut:
        lines.append(t("att.cut", total=result.total_tokens, n=n))
    if result.unknown:
        lines.append(t("att.unknown", n=result.unknown))
    b = sentence_b_start(result)
    if b is not None:
        lines.append(t("att.pair_note", last_a=b - 1, start_b=b))
    if result.causal:
        lines.append(t("att.causal", leak=attention.causal_leak(result.attentions)))
    if result.n_kv_heads < n_heads:
        kv = attention.kv_head_of(head, n_heads, result.n_kv_heads)
        group = n_heads // result.n_kv_heads
        lines.append(
            t(
                "att.gqa",
                heads=n_heads,
                kv=result.n_kv_heads,
                group=group,
                head=head,
                kv_head=kv,
                group_heads=", ".join(str(h) for h in range(kv * group, (kv + 1) * group)),
            )
        )
    cut = t("att.views_cut", total=n) if model_tokens < n else ""
    first, last = view_layers[0], view_layers[-1]
    lines.append(
        t("att.views_layers", first=first, last=last, layer=layer, n=view_tokens, n_model=model_tokens, cut=cut)
    )
    lines.append(t("att.tokens_legend"))
    return "\n\n".join(lines)


# ---- the views -----------------------------------------------------------------------------


@view(cache=False)
def choose_model(model: str):
    """Slider ranges from the model's config; the pair box only for encoders. Unavailable -> the reason."""
    config = models.load_config(model)
    causal = models.spec(model).role == models.CAUSAL_LM
    return (
        index_slider(config.num_hidden_layers),
        index_slider(config.num_attention_heads),
        gr.update(interactive=False, value="") if causal else gr.update(interactive=True),
    )


def build_views(result: attention.AttentionResult, layer: int, head: int):
    """Everything the tab shows for one forward pass: text, 4 figures and the 2 bertviz views."""
    n_layers, n_heads, n, _ = result.shape
    layer = attention.check_index(layer, n_layers, Term("layer"))
    head = attention.check_index(head, n_heads, Term("head"))
    att, tokens = result.attentions, result.tokens
    kv = attention.kv_head_of(head, n_heads, result.n_kv_heads)
    kv_note = t("att.kv_note", kv=kv) if result.n_kv_heads < n_heads else ""
    b = sentence_b_start(result)
    head_fig = plots.attention_heatmap(
        att[layer, head], tokens, t("att.head_title", layer=layer, head=head, kv_note=kv_note), result.causal,
        zmax=1.0, boundary=b,
    )  # fmt: skip
    grid_fig = plots.attention_grid(
        att[layer],
        tokens,
        [
            t("att.grid_head", head=h)
            + (t("att.grid_kv", kv=attention.kv_head_of(h, n_heads, result.n_kv_heads)) if kv_note else "")
            for h in range(n_heads)
        ],  # fmt: skip
        t("att.grid_title", heads=n_heads, layer=layer),
        result.causal,
    )
    mean_fig = plots.attention_heatmap(
        attention.head_mean(att[layer : layer + 1])[0],
        tokens,
        t("att.mean_title", layer=layer),
        result.causal,
        boundary=b,
    )
    rollout_fig = plots.attention_heatmap(
        attention.rollout(att[: layer + 1])[-1], tokens, t("att.rollout_title", layer=layer), result.causal, boundary=b
    )
    m, mm = min(n, VIEW_TOKENS), min(n, MODEL_VIEW_TOKENS)
    view_layers = bertviz_offline.layers_that_fit(layer, n_layers, n_heads, m)
    group = att[view_layers[0] : view_layers[-1] + 1]  # (≤6, H, T, T)
    head_html = bertviz_offline.head_view_html(
        group[:, :, :m, :m], tokens[:m], view_layers, layer, b if b is not None and b < m else None
    )
    model_html = bertviz_offline.model_view_html(
        group[:, :, :mm, :mm], tokens[:mm], view_layers, b if b is not None and b < mm else None
    )
    note = summary(result, layer, head, view_layers, m, mm)
    return note, head_fig, grid_fig, mean_fig, rollout_fig, head_html, model_html


@view(gpu=True)
def show_attention(model: str, text: str, text_pair: str, layer, head):
    return build_views(attend(model, attention.check_text(text), (text_pair or "").strip()), layer, head)


@view(gpu=True)
def show_formula(model: str, text: str, text_pair: str, layer, head):
    check = attention_formula.formula_check(model, text, layer, head, text_pair, max_tokens=FORMULA_TOKENS)
    return formula_markdown(check), *formula_figures(check)


def formula_markdown(check: attention_formula.FormulaCheck) -> str:
    good = check.weights_diff < 1e-4
    lines = [
        t(
            "att.formula.shapes",
            n=len(check.tokens),
            d_k=check.d_k,
            sqrt=check.d_k**0.5,
            layer=check.layer,
            head=check.head,
        ),  # fmt: skip
        t("att.formula.weights_diff", diff=check.weights_diff),
        t("att.formula.output_diff", diff=check.output_diff),
    ]
    if check.seed_exact:
        lines.append(t("att.formula.seed_exact", diff=check.seed_diff))
    else:
        lines.append(t("att.formula.seed_differs", diff=check.seed_diff))
    if not good:
        lines.append(t("att.formula.why_not", dtype=check.dtype))
    if check.differences:
        differences = (i18n.say(d) for d in check.differences)
        lines.append(t("att.formula.differences") + "\n" + "\n".join(f"- {d}" for d in differences))
    return "\n\n".join(lines)


def formula_figures(check: attention_formula.FormulaCheck):
    labels = plots.token_labels(check.tokens)
    dims = list(range(check.d_k))
    dimension, token, key, query = (t(f"att.formula.axis_{name}") for name in ("dimension", "token", "key", "query"))
    q_fig, k_fig, v_fig = (
        plots.heatmap(
            m, t("att.formula.qkv_title", name=name, head=check.head, d_k=check.d_k), dimension, token, x=dims, y=labels
        )  # fmt: skip
        for name, m in (("Q", check.q), ("K", check.k), ("V", check.v))
    )
    masked = check.masked.clone()
    masked[torch.isinf(masked)] = float("nan")
    scores_fig = plots.heatmap(masked, t("att.formula.scores_title"), key, query, x=labels, y=labels)
    scores_fig.update_layout(plot_bgcolor=plots.MASKED_GREY)
    weights_fig = plots.attention_heatmap(check.weights, check.tokens, t("att.formula.weights_title"), zmax=1.0)
    diff_fig = plots.heatmap(
        (check.weights - check.model_weights).abs(),
        t("att.formula.diff_title", diff=check.weights_diff),
        key,
        query,
        diverging=False,
        x=labels,
        y=labels,
    )
    return q_fig, k_fig, v_fig, scores_fig, weights_fig, diff_fig


# ---- named API endpoints (JSON) --------------------------------------------------------------


@view(gpu=True)
def attention_api(text: str, model: str = DEFAULT_MODEL, layer: int = 0, head: int = 0, text_pair: str = "") -> dict:
    """Tokens and the attention probabilities (T x T, rows sum to 1) of one layer and head."""
    result = attend(model, attention.check_text(text), (text_pair or "").strip())
    n_layers, n_heads, _, _ = result.shape
    layer = attention.check_index(layer, n_layers, Term("layer"))
    head = attention.check_index(head, n_heads, Term("head"))
    return {
        "model": model,
        "tokens": result.tokens,
        "pieces": result.pieces,
        "segments": result.segments,
        "causal": result.causal,
        "n_layers": n_layers,
        "n_heads": n_heads,
        "n_kv_heads": result.n_kv_heads,
        "kv_head": attention.kv_head_of(head, n_heads, result.n_kv_heads),
        "total_tokens": result.total_tokens,
        "cut": result.cut,
        "layer": layer,
        "head": head,
        "attention": rounded(result.attentions[layer, head]),
    }


@view(gpu=True)
def attention_formula_api(
    text: str, model: str = DEFAULT_MODEL, layer: int = 0, head: int = 0, text_pair: str = ""
) -> dict:
    """The source text's SelfAttention on the layer's real weights: max differences from the model."""
    check = attention_formula.formula_check(model, text, layer, head, text_pair, max_tokens=FORMULA_TOKENS)
    return {
        "model": model,
        "tokens": check.tokens,
        "layer": check.layer,
        "head": check.head,
        "kv_head": check.kv_head,
        "d_k": check.d_k,
        "weights_max_abs_diff": check.weights_diff,
        "output_max_abs_diff": check.output_diff,
        "seed_module_max_abs_diff": check.seed_diff,
        "differences": [i18n.say(d) for d in check.differences],
        "weights": rounded(check.weights),
    }


API = (attention_api, attention_formula_api)

# ---- layout ------------------------------------------------------------------------------------

with gr.Blocks() as demo:
    gr.Markdown(t("att.intro"), latex_delimiters=LATEX)
    with gr.Row():
        with gr.Column(scale=3):
            text_box = gr.Textbox(
                t("att.text_default"),
                label=t("att.text"),
                lines=2,
                max_length=attention.MAX_CHARS,
                elem_id="attention-text",
            )
            pair_box = gr.Textbox(
                "",
                label=t("att.pair"),
                info=t("att.pair_info"),
                elem_id="attention-pair",
                max_length=attention.MAX_CHARS,
            )
        with gr.Column(scale=2):
            model_dropdown = gr.Dropdown(
                model_choices(), value=DEFAULT_MODEL, label=t("att.model"), elem_id="attention-model"
            )
            layer_slider = gr.Slider(0, 5, value=2, step=1, label=t("att.layer"))
            head_slider = gr.Slider(0, 11, value=0, step=1, label=t("att.head"))
            run_button = gr.Button(t("att.run"), variant="primary", elem_id="attention-run")
    note_md = gr.Markdown(elem_id="attention-note")
    with gr.Tab(t("att.heatmaps.tab"), id="att-heatmaps"):
        with gr.Row():
            head_plot, mean_plot = gr.Plot(elem_id="attention-head-plot"), gr.Plot()
        rollout_plot = gr.Plot()
        grid_plot = gr.Plot()
    with gr.Tab(t("att.head_view.tab"), id="att-head-view"):
        gr.Markdown(t("att.head_view.intro"))
        gr.Markdown(t("att.phone_note"), elem_classes="phone-only")  # bertviz needs a mouse and width (ui/style.py)
        head_view = gr.HTML(elem_id="attention-head-view", elem_classes="phone-wide-only")
    with gr.Tab(t("att.model_view.tab"), id="att-model-view"):
        gr.Markdown(t("att.model_view.intro"))
        gr.Markdown(t("att.phone_note"), elem_classes="phone-only")
        model_view = gr.HTML(elem_id="attention-model-view", elem_classes="phone-wide-only")
    with gr.Tab(t("att.formula.tab"), id="att-formula"):
        gr.Markdown(t("att.formula.intro"))
        gr.Code(source_of("playground.seed_code", "SelfAttention"), language="python", interactive=False)
        formula_button = gr.Button(t("att.formula.run"), variant="primary")
        formula_md = gr.Markdown(elem_id="attention-formula-note", latex_delimiters=LATEX)
        with gr.Row():
            q_plot, k_plot, v_plot = gr.Plot(), gr.Plot(), gr.Plot()
        with gr.Row():
            scores_plot, weights_plot, diff_plot = gr.Plot(), gr.Plot(elem_id="attention-formula-weights"), gr.Plot()

    # ---- wiring ------------------------------------------------------------------------------
    inputs = [model_dropdown, text_box, pair_box, layer_slider, head_slider]
    outputs = [note_md, head_plot, grid_plot, mean_plot, rollout_plot, head_view, model_view]
    formula_outputs = [formula_md, q_plot, k_plot, v_plot, scores_plot, weights_plot, diff_plot]
    model_dropdown.change(
        choose_model, model_dropdown, [layer_slider, head_slider, pair_box], api_visibility="private"
    ).success(show_attention, inputs, outputs, api_visibility="private")
    on(
        [run_button.click, text_box.submit, pair_box.submit, layer_slider.release, head_slider.release],
        show_attention,
        inputs,
        outputs,
    )
    formula_button.click(show_formula, inputs, formula_outputs, api_visibility="private")
    demo.load(show_attention, inputs, outputs, api_visibility="private")

    # models trained in the Fine-tune tab since the app started appear without a restart
    demo.load(lambda: gr.update(choices=model_choices()), None, model_dropdown, api_visibility="private")
    for endpoint, name in zip(API, ("attention", "attention_formula"), strict=True):
        gr.api(endpoint, api_name=name)

FORWARD = r"""
import torch

batch = tokenizer(
    TEXT,
    PAIR or None,  # a sentence pair: [CLS] A [SEP] B [SEP], token_type_ids mark B
    truncation="longest_first" if PAIR else True,
    max_length=MAX_TOKENS,
    return_tensors="pt",
).to(model.device)
with torch.no_grad():
    out = model(**batch, output_attentions=True)  # out.attentions: L tensors (1, H, T, T)
tokens = tokenizer.convert_ids_to_tokens(batch["input_ids"][0])
"""
NOTEBOOK_COMPUTE = (
    "# $softmax(QK^T/\\sqrt{d_k})$ of one head (source text §3.1.1). Eager attention: fused kernels return no weights."
    + FORWARD
    + """attention = out.attentions[LAYER][0, HEAD].float().cpu()  # (T, T): row i = how token i spreads its attention
print("rows sum to", attention.sum(dim=-1))
computed = {"attention": attention.numpy()}
"""
)
NOTEBOOK_FIGURE = """
import plotly.graph_objects as go

ticks = dict(tickmode="array", tickvals=list(range(len(tokens))), ticktext=tokens)
fig = go.Figure(go.Heatmap(z=computed["attention"], zmin=0, zmax=1, colorscale="Blues"))
fig.update_layout(title=f"{MODEL}: layer {LAYER}, head {HEAD}", xaxis=dict(title="key j", **ticks),
                  yaxis=dict(title="query i", autorange="reversed", **ticks), width=700, height=650)
fig.show()
"""


def notebook(v: dict) -> notebooks.Recipe:
    """One head's attention weights as a notebook: the same forward pass with the loaded model."""
    text, pair = attention.check_text(v["text"]), (v["pair"] or "").strip()
    result = attend(v["model"], text, pair)  # the view's own forward pass (cached)
    n_layers, n_heads, _, _ = result.shape
    layer = attention.check_index(v["layer"], n_layers, "layer")
    head = attention.check_index(v["head"], n_heads, "head")
    return notebooks.Recipe(
        explain=("att.intro",),
        inputs={"TEXT": text, "PAIR": pair, "LAYER": layer, "HEAD": head, "MAX_TOKENS": attention.MAX_TOKENS},
        compute=NOTEBOOK_COMPUTE,
        figure=NOTEBOOK_FIGURE,
        numbers={"attention": notebooks.numbers(result.attentions[layer, head])},
        atol=1e-4,
        model=v["model"],
        causal=models.spec(v["model"]).role == models.CAUSAL_LM,
    )


HEAD_VIEW_COMPUTE = (
    "# The head view (bertviz): every head of one layer, $softmax(QK^T/\\sqrt{d_k})$ per head, on the first tokens."
    + FORWARD
    + """n = min(len(tokens), N_TOKENS)  # the view draws at most N_TOKENS tokens
heads = out.attentions[LAYER][0, :, :n, :n].float().cpu()  # (H, n, n): head h, query i, key j
tokens = tokens[:n]
print(f"layer {LAYER}: {heads.shape[0]} heads over {n} tokens; each row sums to 1 over the whole text")
computed = {"heads": heads.numpy()}
"""
)
HEAD_VIEW_FIGURE = """
import plotly.graph_objects as go

ticks = dict(tickmode="array", tickvals=list(range(len(tokens))), ticktext=tokens)
heads = computed["heads"]
fig = go.Figure([go.Heatmap(z=w, zmin=0, zmax=1, colorscale="Blues", visible=h == HEAD) for h, w in enumerate(heads)])
fig.update_layout(
    title=f"{MODEL}: layer {LAYER}, one head at a time", xaxis=dict(title="key j", **ticks),
    yaxis=dict(title="query i", autorange="reversed", **ticks), width=720, height=680,
    updatemenus=[dict(x=1.02, y=1, buttons=[
        dict(label=f"head {h}", method="update", args=[{"visible": [g == h for g in range(len(heads))]}])
        for h in range(len(heads))
    ])],
)
fig.show()
"""


def view_tokens(v: dict, most: int) -> tuple[attention.AttentionResult, int, int, int]:
    """The view's forward pass (cached), its checked layer and head, and how many tokens a bertviz view draws."""
    text, pair = attention.check_text(v["text"]), (v["pair"] or "").strip()
    result = attend(v["model"], text, pair)
    n_layers, n_heads, n, _ = result.shape
    layer = attention.check_index(v["layer"], n_layers, Term("layer"))
    head = attention.check_index(v["head"], n_heads, Term("head"))
    return result, layer, head, min(n, most)


def view_inputs(v: dict, layer: int, head: int) -> dict:
    text, pair = attention.check_text(v["text"]), (v["pair"] or "").strip()
    return {"TEXT": text, "PAIR": pair, "LAYER": layer, "HEAD": head, "MAX_TOKENS": attention.MAX_TOKENS}


def notebook_head_view(v: dict) -> notebooks.Recipe:
    """The head view: every head of the chosen layer on the tokens it draws."""
    result, layer, head, m = view_tokens(v, VIEW_TOKENS)
    return notebooks.Recipe(
        explain=("att.intro", "att.head_view.intro"),
        inputs={**view_inputs(v, layer, head), "N_TOKENS": VIEW_TOKENS},
        compute=HEAD_VIEW_COMPUTE,
        figure=HEAD_VIEW_FIGURE,
        numbers={"heads": notebooks.numbers(result.attentions[layer, :, :m, :m])},
        atol=1e-4,
        model=v["model"],
        causal=result.causal,
    )


MODEL_VIEW_COMPUTE = (
    "# The model view (bertviz): every head of a group of layers, $softmax(QK^T/\\sqrt{d_k})$, on the first tokens."
    + FORWARD
    + """n = min(len(tokens), N_TOKENS)
layers = list(range(FIRST_LAYER, LAST_LAYER + 1))  # the group of layers the view draws (it holds LAYER)
grid = torch.stack([out.attentions[l][0, :, :n, :n] for l in layers]).float().cpu()  # (layers, H, n, n)
tokens = tokens[:n]
print(f"layers {layers}, {grid.shape[1]} heads each, {n} tokens")
computed = {"grid": grid.numpy()}
"""
)
MODEL_VIEW_FIGURE = """
import plotly.graph_objects as go
from plotly.subplots import make_subplots

grid = computed["grid"]
rows, cols = grid.shape[:2]
fig = make_subplots(rows=rows, cols=cols, row_titles=[f"L{l}" for l in layers],
                    column_titles=[f"H{h}" for h in range(cols)], horizontal_spacing=0.005, vertical_spacing=0.01)
for r in range(rows):
    for c in range(cols):
        heatmap = go.Heatmap(z=grid[r, c], zmin=0, zmax=1, colorscale="Blues", showscale=False)
        fig.add_trace(heatmap, row=r + 1, col=c + 1)
fig.update_xaxes(showticklabels=False)
fig.update_yaxes(showticklabels=False, autorange="reversed")
fig.update_layout(title=f"{MODEL}: layers × heads (query rows, key columns)", width=1100, height=110 * rows + 120)
fig.show()
"""


def notebook_model_view(v: dict) -> notebooks.Recipe:
    """The model view: every head of the layers it draws (the group that holds the chosen layer)."""
    result, layer, head, mm = view_tokens(v, MODEL_VIEW_TOKENS)
    n_layers, n_heads, n, _ = result.shape
    view_layers = bertviz_offline.layers_that_fit(layer, n_layers, n_heads, min(n, VIEW_TOKENS))
    first, last = view_layers[0], view_layers[-1]
    return notebooks.Recipe(
        explain=("att.intro", "att.model_view.intro"),
        inputs={**view_inputs(v, layer, head), "N_TOKENS": MODEL_VIEW_TOKENS, "FIRST_LAYER": first, "LAST_LAYER": last},
        compute=MODEL_VIEW_COMPUTE,
        figure=MODEL_VIEW_FIGURE,
        numbers={"grid": notebooks.numbers(result.attentions[first : last + 1, :, :mm, :mm])},
        atol=1e-4,
        model=v["model"],
        causal=result.causal,
    )


FORMULA_COMPUTE = r"""
# $\mathrm{Attention}(Q,K,V) = softmax(QK^T/\sqrt{d_k})\,V$ (source text §4.1.1), recomputed from the layer's own
# weights: `playground.attention_formula` takes the hidden state entering the layer and applies W^Q, W^K, W^V
# (and RoPE for Llama); the scores, the mask, the softmax and the product with V are computed here.
import math

import torch

from playground import attention_formula

check = attention_formula.formula_check(MODEL, TEXT, LAYER, HEAD, PAIR, max_tokens=MAX_TOKENS)
q, k, v = check.q, check.k, check.v  # (T, d_k) each: this head's queries, keys and values
T, d_k = q.shape
scores = q @ k.T / math.sqrt(d_k)  # (T, T)
if CAUSAL:  # a causal LM: query i may not look at keys j > i
    scores = scores.masked_fill(torch.ones(T, T, dtype=torch.bool).triu(1), -math.inf)
weights = scores.softmax(dim=-1)  # (T, T): each row sums to 1
head_output = weights @ v  # (T, d_k)
tokens = check.tokens
print(f"T = {T}, d_k = {d_k}, sqrt(d_k) = {math.sqrt(d_k):.3f}")
print(f"max |mine - the model's own weights| = {float((weights - check.model_weights).abs().max()):.2e}")
computed = {"weights": weights.numpy(), "model_weights": check.model_weights.numpy()}
computed["head_output"] = head_output.numpy()
"""
FORMULA_FIGURE = """
import plotly.graph_objects as go
from plotly.subplots import make_subplots

fig = make_subplots(rows=1, cols=3, subplot_titles=("QKᵀ/√d_k (masked)", "softmax: mine", "|mine − the model's|"))
fig.add_trace(go.Heatmap(z=scores.masked_fill(torch.isinf(scores), float("nan")).numpy(), colorscale="RdBu",
                         showscale=False), row=1, col=1)
fig.add_trace(go.Heatmap(z=computed["weights"], zmin=0, zmax=1, colorscale="Blues", showscale=False), row=1, col=2)
fig.add_trace(go.Heatmap(z=abs(computed["weights"] - computed["model_weights"]), colorscale="Greys"), row=1, col=3)
fig.update_yaxes(autorange="reversed")
fig.update_layout(title=f"{MODEL}: layer {LAYER}, head {HEAD}", width=1100, height=420)
fig.show()
"""


def notebook_formula(v: dict) -> notebooks.Recipe:
    """The formula view: the scores, softmax and head output recomputed from the layer's weights."""
    check = attention_formula.formula_check(
        v["model"], v["text"], v["layer"], v["head"], v["pair"], max_tokens=FORMULA_TOKENS
    )
    return notebooks.Recipe(
        explain=("att.intro", "att.formula.intro"),
        inputs={
            "TEXT": attention.check_text(v["text"]),
            "PAIR": (v["pair"] or "").strip(),
            "LAYER": check.layer,
            "HEAD": check.head,
            "MAX_TOKENS": FORMULA_TOKENS,
            "CAUSAL": models.spec(v["model"]).role == models.CAUSAL_LM,
        },
        compute=FORMULA_COMPUTE,
        figure=FORMULA_FIGURE,
        numbers={
            "weights": notebooks.numbers(check.weights),
            "model_weights": notebooks.numbers(check.model_weights),
            "head_output": notebooks.numbers(check.head_output),
        },
        atol=1e-4,
        model=v["model"],
        causal=models.spec(v["model"]).role == models.CAUSAL_LM,
    )


MINILM = "all-MiniLM-L6-v2"
TAB = Tab(
    "attention",
    "att.tab",
    demo,
    share=Share(
        {
            "text": Param(text_box),
            "pair": Param(pair_box),
            "model": Param(model_dropdown),
            "layer": Param(layer_slider, by_view=True),
            "head": Param(head_slider, by_view=True),
        },
        (Draw(show_attention, inputs, outputs),),
        lambda v: snippets.attention(v["model"], v["text"], v["layer"], v["head"], v["pair"]),
        notebook,
        tuple(
            SubView(
                sub,
                {
                    "model": model_dropdown,
                    "text": text_box,
                    "pair": pair_box,
                    "layer": layer_slider,
                    "head": head_slider,
                },
                fn,
            )
            for sub, fn in (
                ("att-head-view", notebook_head_view),
                ("att-model-view", notebook_model_view),
                ("att-formula", notebook_formula),
            )
        ),
    ),
    advanced=(pair_box,),
    key_outputs=(head_plot, head_view, model_view, weights_plot),
    exercises=exercises.of_tab("attention"),  # "Predict, then reveal" (ui/exercises.py)
    scenes=(
        Scene(
            "attention",
            "3.1.1",
            1,
            "att-heatmaps",
            {
                model_dropdown: MINILM,
                text_box: Sentence("att.text_default"),
                pair_box: "",
                layer_slider: 2,
                head_slider: 0,
            },
            run_button,
            exercise="attention_it",
        ),
        Scene(
            "heads", "3.1.2", 2, "att-heatmaps", {model_dropdown: MINILM, layer_slider: 4, head_slider: 11}, run_button
        ),
        Scene(
            "formula",
            "4.1.1",
            3,
            "att-formula",
            {model_dropdown: MINILM, layer_slider: 0, head_slider: 0},
            formula_button,
        ),
        # a new model resets the layer and head sliders to 0 and redraws: nothing to press
        Scene("causal", "3.1.1", 4, "att-heatmaps", {model_dropdown: "SmolLM2-135M-Instruct"}),
    ),
)

if __name__ == "__main__":
    demo.launch(head=bertviz_offline.parent_head())
