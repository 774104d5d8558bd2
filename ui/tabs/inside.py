r"""Inside the model tab: the logit lens, attention sinks, activation patching and the key/value cache, each on a real
causal LM (SmolLM2 offline).

Plain functions first (UI values -> one playground call -> figures/text), layout next, wiring last. The numbers are
also served as JSON through named API endpoints (`/inside_lens`, `/inside_sinks`, `/inside_patching`,
`/inside_kv_cache`).
"""

from __future__ import annotations

import functools
import html
import math

import gradio as gr

from playground import attention_sinks, exercises, kv_cache, logit_lens, models, patching
from playground.lazy import lazy
from ui import header, plots
from ui.i18n import t
from ui.sharing import notebooks, snippets
from ui.tab import Draw, Param, Scene, Share, SubView, Tab
from ui.view import index_slider, on, view

torch = lazy("torch")  # imported on first use: the page is served without it (playground/lazy.py)

DEFAULT_MODEL = "SmolLM2-135M-Instruct"
DEFAULT_TEXT = "The capital of France is"
DEFAULT_TARGET = " Paris"
DEFAULT_LAYER = 30  # SmolLM2's last snapshot h_30: the model's own output
DEFAULT_POSITION = 4  # the default text's last token, " is" (tests/test_inside_tab.py checks both)
SINK_TEXT = "The cat sat on the mat because it was warm and soft."
KV_PROMPT = "Once upon a time, in a small village by the sea,"
KV_NEW_TOKENS = 24
TOP_K = 10
JSON_DECIMALS = 4
LATEX = [{"left": "$$", "right": "$$", "display": True}, {"left": "$", "right": "$", "display": False}]


def model_choices() -> list[tuple[str, str]]:
    """The causal LMs of the catalogue (an encoder has no next-token head: the intro says so)."""
    return header.model_choices(models.names(models.CAUSAL_LM))


def rounded(tensor: torch.Tensor, decimals: int = JSON_DECIMALS) -> list:
    """Numbers for JSON: rounded, NaN written null."""
    values = torch.round(tensor.double(), decimals=decimals).tolist()
    return json_safe(values)


def json_safe(value):
    if isinstance(value, list):
        return [json_safe(v) for v in value]
    return None if isinstance(value, float) and not math.isfinite(value) else value


@functools.lru_cache(maxsize=4)
def lens_of(model: str, text: str, target: str) -> logit_lens.LogitLens:
    """One lens per (model, text, target): moving the layer/position sliders reuses it."""
    return logit_lens.logit_lens(model, text, target or None)


# ---- logit lens --------------------------------------------------------------------------------------------------


@view(cache=False)
def fit_sliders(model: str, text: str, target: str):
    """The layer slider to 0..L and the position slider to the text's tokens, both at the last (the output)."""
    lens = lens_of(model, text, target)
    layers, n = lens.shape
    return index_slider(layers, layers - 1), index_slider(n, n - 1)


def lens_note(lens: logit_lens.LogitLens, cell: logit_lens.CellTopK) -> str:
    layer, position = cell.layer, cell.position
    lines = [
        t("inside.lens.formula"),
        t(
            "inside.lens.numbers",
            layer=layer,
            position=position,
            token=lens.tokens[position],
            norm=float(lens.stream[layer, position].norm()),
            top=lens.top_tokens[layer][position],
            p=float(lens.top_probs[layer, position]),
        ),
    ]
    if lens.target is not None:
        first = first_top_layer(lens, position)
        lines.append(
            t(
                "inside.lens.target_numbers" if first is not None else "inside.lens.target_never",
                target=lens.target,
                p=float(lens.target_probs[layer, position]),
                rank=int(lens.target_ranks[layer, position]),
                first=first,
            )
        )
    layers = lens.shape[0]
    lines.append(t("inside.lens.last_layer", last=layers - 1))
    return "\n\n".join(lines)


def first_top_layer(lens: logit_lens.LogitLens, position: int) -> int | None:
    """The first layer from which the target stays the top token at this position (None if it is not at the end)."""
    ranks = lens.target_ranks[:, position].tolist()
    for layer in range(len(ranks)):
        if all(rank == 1 for rank in ranks[layer:]):
            return layer
    return None


def lens_figures(lens: logit_lens.LogitLens, cell: logit_lens.CellTopK):
    layers, _ = lens.shape
    heat = plots.lens_heatmap(
        lens.top_probs,
        lens.top_tokens,
        lens.tokens,
        t("inside.lens.heat_title", model=lens.model, layers=layers - 1),
        (t("inside.lens.axis_position"), t("inside.lens.axis_layer")),
        t("inside.lens.hover_target" if lens.target is not None else "inside.lens.hover"),
        lens.target_probs,
    )
    position = cell.position
    if lens.target is not None:
        target_fig = plots.lens_target(
            lens.target_probs[:, position].tolist(),
            lens.target_ranks[:, position].tolist(),
            t("inside.lens.target_title", target=lens.target, token=lens.tokens[position], position=position),
            (t("inside.lens.probability"), t("inside.lens.rank")),
            (t("inside.lens.axis_layer"), t("inside.lens.probability"), t("inside.lens.rank_axis")),
        )
    else:
        target_fig = plots.lens_target(
            [], [], t("inside.lens.no_target"), (t("inside.lens.probability"), t("inside.lens.rank")),
            (t("inside.lens.axis_layer"), t("inside.lens.probability"), t("inside.lens.rank_axis")),
        )  # fmt: skip
    bars = plots.top_k_bars(
        cell.tokens,
        cell.probs,
        t("inside.lens.top_k_title", k=len(cell.tokens), layer=cell.layer, position=position),
        t("inside.lens.probability"),
    )
    return heat, target_fig, bars


@view(gpu=True)
def show_lens(model: str, text: str, target: str, layer, position):
    """The lens of a prompt: the note with the formula's numbers at the chosen cell, the heatmap, the target's
    probability and rank across layers, and the cell's top tokens."""
    lens = lens_of(model, text, target)
    cell = logit_lens.cell_top_k(lens, layer, position, TOP_K)
    return lens_note(lens, cell), *lens_figures(lens, cell)


# ---- attention sinks ---------------------------------------------------------------------------------------------


@view(gpu=True)
def show_sinks(model: str, text: str):
    sinks = sinks_of(model, text)
    layers, heads = sinks.sink.shape
    word, other = sinks.tokens[0], sinks.replaced_tokens[0]
    note = t(
        "inside.sinks.numbers",
        mean=sinks.mean,
        uniform=sinks.uniform,
        heads=sinks.sink_heads,
        total=layers * heads,
        word=word,
        other=other,
        replaced=sinks.replaced_mean,
        shifted=sinks.shifted_mean,
        moved=sinks.shifted_word_mean,
    )
    heat = plots.sink_heatmaps(
        [sinks.sink, sinks.replaced_sink, sinks.shifted_sink, sinks.shifted_word],
        [
            t("inside.sinks.as_written", word=word, mean=sinks.mean),
            t("inside.sinks.replaced", word=other, mean=sinks.replaced_mean),
            t("inside.sinks.shifted", word=other, mean=sinks.shifted_mean),
            t("inside.sinks.moved", word=word, mean=sinks.shifted_word_mean),
        ],
        t("inside.sinks.heat_title", model=model, n=len(sinks.tokens)),
        (t("inside.sinks.axis_head"), t("inside.sinks.axis_layer")),
        t("inside.sinks.hover"),
    )
    bars = plots.share_bars(
        [
            t("inside.sinks.bar_written", word=word),
            t("inside.sinks.bar_replaced", word=other),
            t("inside.sinks.bar_shifted", word=other),
            t("inside.sinks.bar_moved", word=word),
        ],
        [sinks.mean, sinks.replaced_mean, sinks.shifted_mean, sinks.shifted_word_mean],
        sinks.uniform,
        t("inside.sinks.uniform", uniform=sinks.uniform),
        t("inside.sinks.bars_title"),
        t("inside.sinks.axis_share"),
    )
    return note, heat, bars


# ---- activation patching -----------------------------------------------------------------------------------------


def position_labels(clean: list[str], corrupt: list[str]) -> list[str]:
    """A position's clean token, and the corrupted one after a slash where they differ."""
    return [a if a == b else f"{a} / {b}" for a, b in zip(clean, corrupt, strict=True)]


@view(gpu=True)
def show_patching(model: str, clean: str, corrupt: str, clean_answer: str, corrupt_answer: str):
    result = patched(model, clean, corrupt, clean_answer, corrupt_answer)
    layers, n = result.shape
    best_layer, best_position = patching.best_patch(result.recovered)
    note = t(
        "inside.patch.numbers",
        clean_answer=result.answers[0],
        corrupt_answer=result.answers[1],
        clean_diff=result.clean_diff,
        corrupt_diff=result.corrupt_diff,
        runs=layers * n,
        layer=best_layer,
        position=best_position,
        token=result.clean_tokens[best_position],
        best=float(result.recovered[best_layer, best_position]),
    )
    fig = plots.patching_heatmap(
        result.recovered,
        position_labels(result.clean_tokens, result.corrupt_tokens),
        t("inside.patch.heat_title", clean=result.answers[0], corrupt=result.answers[1]),
        (t("inside.patch.axis_position"), t("inside.lens.axis_layer")),
        t("inside.patch.hover"),
    )
    return note, fig


# ---- key/value cache ---------------------------------------------------------------------------------------------


def kv_figures(steps: list[kv_cache.CacheStep], shape: kv_cache.CacheShape):
    tokens = [step.cached_tokens for step in steps]
    bytes_fig = plots.curves(
        tokens,
        {
            t("inside.kv.measured"): [step.measured_bytes / 1024 for step in steps],
            t("inside.kv.formula_line"): [step.formula_bytes / 1024 for step in steps],
            t("inside.kv.mha_line", heads=shape.query_heads): [
                shape.multi_head_bytes_per_token * n / 1024 for n in tokens
            ],
        },
        t("inside.kv.bytes_title"),
        t("inside.kv.axis_tokens"),
        t("inside.kv.axis_kb"),
        mode="lines+markers",
        dash={t("inside.kv.formula_line"): "dash", t("inside.kv.mha_line", heads=shape.query_heads): "dot"},
    )
    later = steps[1:]  # step 0 reads the whole prompt either way
    series = {t("inside.kv.with_cache"): [1000 * step.seconds_with_cache for step in later]}
    if later and later[0].seconds_without_cache is not None:
        series[t("inside.kv.without_cache")] = [1000 * (step.seconds_without_cache or 0) for step in later]
    time_fig = plots.curves(
        [step.cached_tokens for step in later],
        series,
        t("inside.kv.time_title"),
        t("inside.kv.axis_tokens"),
        t("inside.kv.axis_ms"),
        mode="lines+markers",
    )
    return bytes_fig, time_fig


def kv_note(steps: list[kv_cache.CacheStep], shape: kv_cache.CacheShape, model: str) -> str:
    last = steps[-1]
    lines = [
        t(
            "inside.kv.formula",
            layers=shape.layers,
            kv=shape.kv_heads,
            head_dim=shape.head_dim,
            tokens=last.cached_tokens,
            bytes=shape.bytes_per_number,
            total=last.formula_bytes,
            measured=last.measured_bytes,
        ),
        t(
            "inside.kv.gqa",
            model=model,
            heads=shape.query_heads,
            kv=shape.kv_heads,
            group=shape.sharing,
            mha=shape.multi_head_bytes_per_token,
            per_token=shape.bytes_per_token,
        ),
    ]
    timed = [step for step in steps[1:] if step.seconds_without_cache is not None]
    if timed:
        with_ms = 1000 * sum(step.seconds_with_cache for step in timed)
        without_ms = 1000 * sum(step.seconds_without_cache for step in timed)
        same = all(step.same_token for step in timed)
        lines.append(
            t(
                "inside.kv.totals",
                n=len(timed),
                with_ms=with_ms,
                without_ms=without_ms,
                same=t(f"inside.kv.same_{same}"),
            )
        )
    return "\n\n".join(lines)


KV_DRAWN = notebooks.Drawn()  # (model, prompt, new tokens) -> the steps stream_kv drew: its notebook reuses them


@view(cache=False, gpu=60)
def stream_kv(model: str, prompt: str, new_tokens, rerun: bool = True):
    """Greedy generation with the cache, redrawn at every new token: the text, the cache's bytes, the step times."""
    steps: list[kv_cache.CacheStep] = []
    key = (model, prompt, kv_cache.check_new_tokens(new_tokens))
    for step in kv_cache.stream(model, prompt, new_tokens, without_cache=bool(rerun)):
        steps.append(step)
        shape = kv_cache.cache_shape(models.load(model).model)  # the stream has checked it is a causal LM
        generated = "".join(s.token for s in steps)
        text = html.escape(prompt, quote=False) + "<mark>" + html.escape(generated, quote=False) + "</mark>"
        yield text, *kv_figures(steps, shape), kv_note(steps, shape, model)
    KV_DRAWN.put(key, steps)


# ---- named API endpoints (JSON) ----------------------------------------------------------------------------------


@view(gpu=True)
def inside_lens(
    text: str = DEFAULT_TEXT,
    model: str = DEFAULT_MODEL,
    target: str = DEFAULT_TARGET,
    layer: int = DEFAULT_LAYER,
    position: int = DEFAULT_POSITION,
) -> dict:
    """The logit lens: top token and its probability at every (layer, position), the target's probability and rank,
    and the top tokens of one cell. Layer 0 is the embeddings, the last layer the model's own output."""
    lens = lens_of(model, text, target)
    cell = logit_lens.cell_top_k(lens, layer, position, TOP_K)
    found = {
        "model": model,
        "tokens": lens.tokens,
        "layers": lens.shape[0],
        "top_tokens": lens.top_tokens,
        "top_probs": rounded(lens.top_probs),
        "target": lens.target,
        "target_probs": rounded(lens.target_probs) if lens.target is not None else None,
        "target_ranks": lens.target_ranks.tolist() if lens.target is not None else None,
        "cell": {
            "layer": cell.layer,
            "position": cell.position,
            "tokens": cell.tokens,
            "probs": json_safe([round(p, JSON_DECIMALS) for p in cell.probs]),
        },
    }
    return found


@view(gpu=True)
def inside_sinks(text: str = SINK_TEXT, model: str = DEFAULT_MODEL) -> dict:
    """The share of attention on the first token per (layer, head), on the text and on the two controls."""
    sinks = attention_sinks.attention_sinks(model, text)
    return {
        "model": model,
        "tokens": sinks.tokens,
        "sink": rounded(sinks.sink),
        "replaced_tokens": sinks.replaced_tokens,
        "replaced_sink": rounded(sinks.replaced_sink),
        "shifted_tokens": sinks.shifted_tokens,
        "shifted_sink": rounded(sinks.shifted_sink),
        "shifted_word": rounded(sinks.shifted_word),
        "mean": round(sinks.mean, JSON_DECIMALS),
        "uniform": round(sinks.uniform, JSON_DECIMALS),
        "sink_heads": sinks.sink_heads,
    }


@view(gpu=True)
def inside_patching(
    clean: str = patching.DEFAULT_CLEAN,
    corrupt: str = patching.DEFAULT_CORRUPT,
    clean_answer: str = patching.DEFAULT_ANSWERS[0],
    corrupt_answer: str = patching.DEFAULT_ANSWERS[1],
    model: str = DEFAULT_MODEL,
) -> dict:
    """Activation patching: the logit differences and the recovered fraction (L+1, T) of every single patch."""
    result = patching.patch(model, clean, corrupt, (clean_answer, corrupt_answer))
    return {
        "model": model,
        "clean_tokens": result.clean_tokens,
        "corrupt_tokens": result.corrupt_tokens,
        "answers": list(result.answers),
        "clean_diff": round(result.clean_diff, JSON_DECIMALS),
        "corrupt_diff": round(result.corrupt_diff, JSON_DECIMALS),
        "diffs": rounded(result.diffs),
        "recovered": rounded(result.recovered),
    }


@view(cache=False, gpu=60)
def inside_kv_cache(prompt: str = KV_PROMPT, model: str = DEFAULT_MODEL, new_tokens: int = 16) -> dict:
    """Greedy generation with the cache: per new token the cache's bytes (measured and by the formula) and the
    seconds of the step with the cache and of a full rerun without it."""
    run = kv_cache.kv_cache(model, prompt, new_tokens)
    shape = run.shape
    return {
        "model": model,
        "shape": {
            "layers": shape.layers,
            "query_heads": shape.query_heads,
            "kv_heads": shape.kv_heads,
            "head_dim": shape.head_dim,
            "bytes_per_number": shape.bytes_per_number,
        },
        "bytes_per_token": shape.bytes_per_token,
        "prompt_tokens": run.prompt_tokens,
        "text": run.text,
        "steps": [
            {
                "token": step.token,
                "cached_tokens": step.cached_tokens,
                "measured_bytes": step.measured_bytes,
                "formula_bytes": step.formula_bytes,
                "seconds_with_cache": round(step.seconds_with_cache, 6),
                "seconds_without_cache": None
                if step.seconds_without_cache is None
                else round(step.seconds_without_cache, 6),
                "same_token": step.same_token,
            }
            for step in run.steps
        ],
    }


API = (inside_lens, inside_sinks, inside_patching, inside_kv_cache)

# ---- layout ------------------------------------------------------------------------------------------------------

with gr.Blocks() as demo:
    gr.Markdown(t("inside.intro"))
    model_dropdown = gr.Dropdown(model_choices(), value=DEFAULT_MODEL, label=t("inside.model"), elem_id="inside-model")
    with gr.Tab(t("inside.lens.tab"), id="inside-lens"):
        gr.Markdown(t("inside.lens.intro"), latex_delimiters=LATEX)
        with gr.Row():
            text_box = gr.Textbox(DEFAULT_TEXT, label=t("inside.text"), max_length=2000, scale=3)
            target_box = gr.Textbox(
                DEFAULT_TARGET, label=t("inside.target"), info=t("inside.target_info"), scale=1, elem_id="inside-target"
            )
            lens_button = gr.Button(t("inside.lens.run"), variant="primary", scale=0, elem_id="inside-lens-button")
        with gr.Row():
            layer_slider = gr.Slider(0, DEFAULT_LAYER, value=DEFAULT_LAYER, step=1, label=t("inside.layer"))
            position_slider = gr.Slider(0, DEFAULT_POSITION, value=DEFAULT_POSITION, step=1, label=t("inside.position"))
        # on a phone (ui/style.py) this note is the charts' caption, below them
        lens_md = gr.Markdown(elem_id="inside-lens-note", elem_classes="phone-after", latex_delimiters=LATEX)
        lens_plot = gr.Plot(elem_id="inside-lens-plot")
        with gr.Row():
            target_plot = gr.Plot(elem_id="inside-target-plot")
            top_k_plot = gr.Plot(elem_id="inside-top-k-plot")
    with gr.Tab(t("inside.sinks.tab"), id="inside-sinks") as sinks_tab:
        gr.Markdown(t("inside.sinks.intro"), latex_delimiters=LATEX)
        with gr.Row():
            sink_text = gr.Textbox(SINK_TEXT, label=t("inside.text"), max_length=2000, scale=4)
            sinks_button = gr.Button(t("inside.sinks.run"), variant="primary", scale=0)
        sinks_md = gr.Markdown(elem_id="inside-sinks-note")
        sinks_plot = gr.Plot(elem_id="inside-sinks-plot")
        share_plot = gr.Plot(elem_id="inside-share-plot")
    with gr.Tab(t("inside.patch.tab"), id="inside-patching") as patching_tab:
        gr.Markdown(t("inside.patch.intro"), latex_delimiters=LATEX)
        with gr.Row():
            clean_box = gr.Textbox(patching.DEFAULT_CLEAN, label=t("inside.patch.clean"), max_length=2000)
            corrupt_box = gr.Textbox(patching.DEFAULT_CORRUPT, label=t("inside.patch.corrupt"), max_length=2000)
        with gr.Row():
            clean_answer_box = gr.Textbox(patching.DEFAULT_ANSWERS[0], label=t("inside.patch.clean_answer"))
            corrupt_answer_box = gr.Textbox(patching.DEFAULT_ANSWERS[1], label=t("inside.patch.corrupt_answer"))
            patch_button = gr.Button(t("inside.patch.run"), variant="primary")
        patch_md = gr.Markdown(elem_id="inside-patching-note", latex_delimiters=LATEX)
        patch_plot = gr.Plot(elem_id="inside-patching-plot")
    with gr.Tab(t("inside.kv.tab"), id="inside-kv"):
        gr.Markdown(t("inside.kv.intro"), latex_delimiters=LATEX)
        with gr.Row():
            kv_prompt = gr.Textbox(KV_PROMPT, label=t("inside.kv.prompt"), max_length=2000, scale=3)
            kv_tokens = gr.Slider(1, kv_cache.MAX_NEW_TOKENS, value=KV_NEW_TOKENS, step=1, label=t("inside.kv.tokens"))
            rerun_checkbox = gr.Checkbox(True, label=t("inside.kv.rerun"))
            kv_button = gr.Button(t("inside.kv.run"), variant="primary", scale=0)
        kv_text = gr.Markdown(elem_id="inside-kv-text")
        with gr.Row():
            kv_bytes_plot = gr.Plot(elem_id="inside-kv-bytes-plot")
            kv_time_plot = gr.Plot(elem_id="inside-kv-time-plot")
        kv_md = gr.Markdown(elem_id="inside-kv-note", latex_delimiters=LATEX)

    # ---- wiring --------------------------------------------------------------------------------------------------
    lens_inputs = [model_dropdown, text_box, target_box, layer_slider, position_slider]
    lens_outputs = [lens_md, lens_plot, target_plot, top_k_plot]
    on(
        [lens_button.click, text_box.submit, target_box.submit, model_dropdown.change],
        fit_sliders,
        [model_dropdown, text_box, target_box],
        [layer_slider, position_slider],
    ).success(show_lens, lens_inputs, lens_outputs, api_visibility="private")
    on([layer_slider.release, position_slider.release], show_lens, lens_inputs, lens_outputs)

    sinks_inputs, sinks_outputs = [model_dropdown, sink_text], [sinks_md, sinks_plot, share_plot]
    on([sinks_tab.select, sinks_button.click, sink_text.submit], show_sinks, sinks_inputs, sinks_outputs)

    patch_inputs = [model_dropdown, clean_box, corrupt_box, clean_answer_box, corrupt_answer_box]
    on([patching_tab.select, patch_button.click], show_patching, patch_inputs, [patch_md, patch_plot])

    kv_outputs = [kv_text, kv_bytes_plot, kv_time_plot, kv_md]
    on(
        [kv_button.click, kv_prompt.submit],
        stream_kv,
        [model_dropdown, kv_prompt, kv_tokens, rerun_checkbox],
        kv_outputs,
    )

    # The lens is drawn when this tab is selected (TAB.first_draw), not when the page opens; alone, on load.
    FIRST_DRAW = Draw(show_lens, lens_inputs, lens_outputs)
    if __name__ == "__main__":
        demo.load(**FIRST_DRAW.event())

    for endpoint in API:
        gr.api(endpoint, api_name=endpoint.__name__)


# ---- the lens as a notebook (ui/sharing/notebooks.py) ----------------------------------------------------------

NOTEBOOK_COMPUTE = r"""
# The logit lens: each layer's residual stream read through the final norm and the unembedding,
# $\mathrm{logits}_\ell = W_U\,\mathrm{norm}(h_\ell)$ (h_0: the embeddings; h_L: the last layer's output).
import torch

ids = tokenizer(TEXT, return_tensors="pt", add_special_tokens=False).input_ids.to(model.device)  # (1, T)
norm = model.get_decoder().norm if hasattr(model.get_decoder(), "norm") else model.get_decoder().ln_f
seen = {}
hook = norm.register_forward_pre_hook(lambda module, args: seen.update(last=args[0]))  # h_L, before the norm
with torch.no_grad():
    out = model(ids, output_hidden_states=True)
hook.remove()
# hidden_states[:-1]: the inputs of layers 0..L-1 (transformers applies the final norm to the last entry)
stream = torch.stack([*out.hidden_states[:-1], seen["last"]])[:, 0]  # (L+1, T, d)
with torch.no_grad():
    probs = model.get_output_embeddings()(norm(stream)).float().softmax(dim=-1)  # (L+1, T, V)
top_probs, top_ids = probs.max(dim=-1)  # (L+1, T): the guess at each depth and its probability
target_id = tokenizer(TARGET, add_special_tokens=False).input_ids[0]
tokens = tokenizer.convert_ids_to_tokens(ids[0])
print("last layer, last position:", repr(tokenizer.decode(int(top_ids[-1, -1]))), float(top_probs[-1, -1]))
computed = {"top_probs": top_probs.cpu().numpy(), "target_probs": probs[..., target_id].cpu().numpy()}
"""
NOTEBOOK_FIGURE = """
import plotly.graph_objects as go

fig = go.Figure(go.Heatmap(z=computed["top_probs"], zmin=0, zmax=1, colorscale="Blues",
                           x=[f"{i}: {tok}" for i, tok in enumerate(tokens)]))
fig.update_layout(title=f"{MODEL}: probability of each layer's top guess", xaxis_title="position",
                  yaxis_title="layer (0 = embeddings)", width=800, height=700)
fig.show()
"""


def notebook(v: dict) -> notebooks.Recipe:
    """The logit lens of the view's text as a notebook: the same forward pass, read layer by layer."""
    target = v["target"] or DEFAULT_TARGET  # the notebook always follows one target word
    lens = lens_of(v["model"], v["text"], target)
    return notebooks.Recipe(
        explain=("inside.lens.intro", "inside.lens.formula"),
        inputs={"TEXT": v["text"], "TARGET": target},
        compute=NOTEBOOK_COMPUTE,
        figure=NOTEBOOK_FIGURE,
        numbers={
            "top_probs": notebooks.numbers(lens.top_probs),
            "target_probs": notebooks.numbers(lens.target_probs),
        },
        atol=1e-4,
        model=v["model"],
        causal=True,
    )


SINKS_COMPUTE = r"""
# Sink share of layer l, head h: the mean weight that queries i >= 1 give to key 0 (Xiao et al. 2023),
# $s_{l,h} = \frac{1}{T-1}\sum_{i=1}^{T-1} a^{(l,h)}_{i0}$, on the text and on two controls: its first token
# replaced by another word (the sink stays at position 0), and another word prepended (the sink moves with it).
import torch

ids = tokenizer(TEXT, return_tensors="pt", add_special_tokens=False).input_ids  # (1, T)
other = next(w for w in (tokenizer(x, add_special_tokens=False).input_ids[0] for x in OTHER_WORDS) if w != ids[0, 0])
replaced = torch.cat([torch.tensor([[other]]), ids[:, 1:]], dim=1)  # (1, T)
shifted = torch.cat([torch.tensor([[other]]), ids], dim=1)  # (1, T+1)


def weights(x):  # (L, H, T, T): every layer's and head's softmax weights
    with torch.no_grad():
        out = model(input_ids=x.to(model.device), output_attentions=True, use_cache=False)
    return torch.stack(out.attentions)[:, 0].float().cpu()


def share(att, key, first_query):  # (L, H): mean weight of queries i >= first_query on `key`
    return att[:, :, first_query:, key].mean(dim=-1)


T = ids.shape[1]
shifted_att = weights(shifted)
computed = {
    "sink": share(weights(ids), 0, 1).numpy(),
    "replaced_sink": share(weights(replaced), 0, 1).numpy(),
    "shifted_sink": share(shifted_att, 0, 2).numpy(),
    "shifted_word": share(shifted_att, 1, 2).numpy(),
    "uniform": sum(1 / (i + 1) for i in range(1, T)) / (T - 1),  # key 0's share if every query spread evenly
}
for name in ("sink", "replaced_sink", "shifted_sink", "shifted_word"):
    print(f"{name}: mean {computed[name].mean():.3f}")
print(f"uniform attention would give key 0: {computed['uniform']:.3f}")
"""
SINKS_FIGURE = """
import plotly.graph_objects as go
from plotly.subplots import make_subplots

names = ("sink", "replaced_sink", "shifted_sink", "shifted_word")
fig = make_subplots(rows=1, cols=4, subplot_titles=names)
for c, name in enumerate(names):
    fig.add_trace(go.Heatmap(z=computed[name], zmin=0, zmax=1, colorscale="Blues", showscale=c == 3), row=1, col=c + 1)
fig.update_xaxes(title="head")
fig.update_yaxes(title="layer", row=1, col=1)
fig.update_layout(title=f"{MODEL}: the share of attention on a key, per layer and head", width=1100, height=450)
fig.show()
"""


@functools.lru_cache(maxsize=4)
def sinks_of(model: str, text: str) -> attention_sinks.AttentionSinks:
    """One measurement per (model, text): the view and its notebook share it."""
    return attention_sinks.attention_sinks(model, text)


def notebook_sinks(v: dict) -> notebooks.Recipe:
    """Attention sinks: the share on key 0 per layer and head, on the text and its two controls."""
    sinks = sinks_of(v["model"], v["text"])
    return notebooks.Recipe(
        explain=("inside.intro", "inside.sinks.intro"),
        inputs={"TEXT": v["text"], "OTHER_WORDS": list(attention_sinks.OTHER_FIRST_WORDS)},
        compute=SINKS_COMPUTE,
        figure=SINKS_FIGURE,
        numbers={
            "sink": notebooks.numbers(sinks.sink),
            "replaced_sink": notebooks.numbers(sinks.replaced_sink),
            "shifted_sink": notebooks.numbers(sinks.shifted_sink),
            "shifted_word": notebooks.numbers(sinks.shifted_word),
            "uniform": sinks.uniform,
        },
        atol=1e-4,
        model=v["model"],
        causal=True,
    )


PATCH_COMPUTE = r"""
# Activation patching (causal tracing, Meng et al. 2022). The score at the last position is the logit difference
# $D = z_{\text{clean answer}} - z_{\text{corrupt answer}}$; copying ONE residual vector $h_\ell[p]$ from the clean
# run into the corrupted one brings back
# $r_{\ell,p} = (D_{\text{patched}} - D_{\text{corrupt}})/(D_{\text{clean}} - D_{\text{corrupt}})$.
# D_clean and D_corrupt are computed here; the (L+1)·T patched runs by the project's batched sweep.
import torch

from playground import patching

encode = lambda x: tokenizer(x, return_tensors="pt", add_special_tokens=False).input_ids  # noqa: E731
clean_ids, corrupt_ids = encode(CLEAN), encode(CORRUPT)  # (1, T) each
assert clean_ids.shape == corrupt_ids.shape, "the two prompts must have the same number of tokens"
a, b = (tokenizer(w, add_special_tokens=False).input_ids[0] for w in ANSWERS)  # one token each
with torch.no_grad():
    z_clean = model(clean_ids.to(model.device)).logits[0, -1].float()
    z_corrupt = model(corrupt_ids.to(model.device)).logits[0, -1].float()
D_clean, D_corrupt = float(z_clean[a] - z_clean[b]), float(z_corrupt[a] - z_corrupt[b])
result = patching.patch(MODEL, CLEAN, CORRUPT, tuple(ANSWERS))  # result.diffs: (L+1, T) D_patched
recovered = (result.diffs - D_corrupt) / (D_clean - D_corrupt)  # (L+1, T)
best = patching.best_patch(recovered)  # the largest r; within 1e-3 of it (float32 ties), the earliest layer, position
print(f"D_clean = {D_clean:.3f}, D_corrupt = {D_corrupt:.3f}; best patch (layer, position) = {best}")
computed = {"clean_diff": D_clean, "corrupt_diff": D_corrupt, "diffs": result.diffs.numpy(),
            "recovered": recovered.numpy()}
"""
PATCH_FIGURE = """
import plotly.graph_objects as go

labels = [f"{p}: {tok}" for p, tok in enumerate(tokenizer.convert_ids_to_tokens(clean_ids[0]))]
fig = go.Figure(go.Heatmap(z=computed["recovered"], x=labels, colorscale="RdBu", zmid=0))
fig.update_layout(title=f"recovered fraction r: {ANSWERS[0]!r} vs {ANSWERS[1]!r}", xaxis_title="position",
                  yaxis_title="layer ℓ (0 = embeddings)", width=800, height=700)
fig.show()
"""


@functools.lru_cache(maxsize=4)
def patched(model: str, clean: str, corrupt: str, clean_answer: str, corrupt_answer: str) -> patching.Patching:
    """One sweep per inputs: the view and its notebook share it."""
    return patching.patch(model, clean, corrupt, (clean_answer, corrupt_answer))


def notebook_patching(v: dict) -> notebooks.Recipe:
    """Activation patching: D_clean, D_corrupt and every single patch's D and r."""
    result = patched(v["model"], v["clean"], v["corrupt"], v["clean_answer"], v["corrupt_answer"])
    return notebooks.Recipe(
        explain=("inside.intro", "inside.patch.intro"),
        inputs={"CLEAN": v["clean"], "CORRUPT": v["corrupt"], "ANSWERS": list(result.answers)},
        compute=PATCH_COMPUTE,
        figure=PATCH_FIGURE,
        numbers={
            "clean_diff": result.clean_diff,
            "corrupt_diff": result.corrupt_diff,
            "diffs": notebooks.numbers(result.diffs),
            "recovered": notebooks.numbers(result.recovered),
        },
        atol=1e-3,  # logits of a float32 model, batched in the app, one prompt at a time here
        model=v["model"],
        causal=True,
    )


KV_COMPUTE = r"""
# Greedy generation with the key/value cache: each step feeds ONE new token and reads every earlier key and value
# from the cache. Its size: $2 \times \text{layers} \times \text{kv heads} \times d_{head} \times \text{bytes}$ per
# cached token (K and V; grouped-query attention keeps fewer kv heads than query heads).
import torch

cfg = model.config
kv_heads = getattr(cfg, "num_key_value_heads", None) or cfg.num_attention_heads
head_dim = getattr(cfg, "head_dim", None) or cfg.hidden_size // cfg.num_attention_heads
bytes_per_token = 2 * cfg.num_hidden_layers * kv_heads * head_dim * next(model.parameters()).element_size()

ids = tokenizer(PROMPT, return_tensors="pt", add_special_tokens=False).input_ids.to(model.device)  # (1, T)
step_input, cache = ids, None
token_ids, measured, formula = [], [], []
for step in range(NEW_TOKENS):
    with torch.no_grad():
        out = model(input_ids=step_input, cache=cache, use_cache=True, logits_to_keep=1)
    cache, token_id = out.cache, int(out.logits[0, -1].argmax())
    tensors = [t for layer in cache.layers for t in (layer.keys, layer.values)]
    measured.append(sum(t.numel() * t.element_size() for t in tensors))  # the bytes the cache really holds
    formula.append(bytes_per_token * cache.get_seq_length())
    token_ids.append(token_id)
    step_input = torch.tensor([[token_id]], device=model.device)
print(PROMPT + tokenizer.decode(token_ids))
print(f"{bytes_per_token:,} bytes per cached token")
computed = {"token_ids": token_ids, "measured_bytes": measured, "formula_bytes": formula}
"""
KV_FIGURE = """
import plotly.graph_objects as go

tokens_cached = [ids.shape[1] + i for i in range(len(measured))]
fig = go.Figure([go.Scatter(x=tokens_cached, y=measured, mode="markers", name="measured"),
                 go.Scatter(x=tokens_cached, y=formula, mode="lines", name="formula")])
fig.update_layout(title=f"{MODEL}: the cache's bytes", xaxis_title="cached tokens", yaxis_title="bytes")
fig.show()
"""


def notebook_kv(v: dict) -> notebooks.Recipe:
    """The key/value cache: the greedy tokens and the cache's bytes, measured and by the formula."""
    key = (v["model"], v["prompt"], kv_cache.check_new_tokens(v["new_tokens"]))
    steps = KV_DRAWN.get(key, lambda: list(kv_cache.stream(*key, without_cache=False)))
    return notebooks.Recipe(
        explain=("inside.intro", "inside.kv.intro"),
        inputs={"PROMPT": v["prompt"], "NEW_TOKENS": len(steps)},
        compute=KV_COMPUTE,
        figure=KV_FIGURE,
        numbers={
            "token_ids": [s.token_id for s in steps],
            "measured_bytes": [s.measured_bytes for s in steps],
            "formula_bytes": [s.formula_bytes for s in steps],
        },
        atol=0.0,
        model=v["model"],
        causal=True,
    )


TAB = Tab(
    "inside",
    "inside.tab",
    demo,
    share=Share(
        {
            "model": Param(model_dropdown),
            "text": Param(text_box),
            "target": Param(target_box),
            "layer": Param(layer_slider, by_view=True),
            "position": Param(position_slider, by_view=True),
        },
        (FIRST_DRAW,),
        lambda v: snippets.inside_lens(v["model"], v["text"], v["target"]),
        notebook,
        (
            SubView("inside-sinks", {"model": model_dropdown, "text": sink_text}, notebook_sinks),
            SubView(
                "inside-patching",
                {
                    "model": model_dropdown,
                    "clean": clean_box,
                    "corrupt": corrupt_box,
                    "clean_answer": clean_answer_box,
                    "corrupt_answer": corrupt_answer_box,
                },
                notebook_patching,
            ),
            SubView("inside-kv", {"model": model_dropdown, "prompt": kv_prompt, "new_tokens": kv_tokens}, notebook_kv),
        ),
    ),
    advanced=(rerun_checkbox,),
    key_outputs=(lens_plot, sinks_plot, patch_plot, kv_bytes_plot),
    exercises=exercises.of_tab("inside"),  # "Predict, then reveal" (ui/exercises.py)
    first_draw=FIRST_DRAW,
    scenes=(
        Scene(
            "logit_lens",
            "3.1",
            8.5,
            "inside-lens",
            {
                model_dropdown: DEFAULT_MODEL,
                text_box: DEFAULT_TEXT,
                target_box: DEFAULT_TARGET,
                layer_slider: DEFAULT_LAYER,
                position_slider: DEFAULT_POSITION,
            },
            lens_button,
        ),
    ),
)

if __name__ == "__main__":
    demo.launch()
