r"""Positional-encoding tab: sinusoidal, learned (real weights), RoPE, ALiBi and the source text's code.

Plain functions first (UI values -> playground call -> figures/text), layout next, wiring last.
Every view's numbers are also served as JSON through a named API endpoint (`/positional_*`).
"""

from __future__ import annotations

import gradio as gr

from playground import exercises, models, positional
from playground.errors import InputError, Term
from playground.lazy import lazy, source_of
from playground.positional import SinusoidalConfig
from ui import header, plots
from ui.i18n import t
from ui.sharing import notebooks, snippets
from ui.tab import Draw, Param, Scene, Share, SubView, Tab
from ui.view import on, view

torch = lazy("torch")  # imported on first use: the page is served without it (playground/lazy.py)

DEFAULT = SinusoidalConfig()
DEFAULT_DIMS = "0, 1, 20, 21, 100, 101"
LEARNED_DEFAULT = "all-MiniLM-L6-v2"
ROPE_DEFAULT = "SmolLM2-135M-Instruct"
ROPE_CUSTOM = "custom values"
JSON_DECIMALS = 5


# ---- helpers -------------------------------------------------------------------------------


def parse_indices(text: str, upper: int, what: str, limit: int = 12) -> list[int]:
    """'0, 1, 8' -> [0, 1, 8], each in [0, upper); an InputError for anything else.

    `what` is "dimensions" or "pairs" (words of the tables: `term.dimensions`, `term.dimension`)."""
    try:
        values = [int(part) for part in str(text).replace(";", ",").split(",") if part.strip()]
    except ValueError:
        raise InputError("pos.err.not_numbers", what=Term(what)) from None
    if not values:
        raise InputError("pos.err.none_given", one=Term(what[:-1]))
    if any(not 0 <= v < upper for v in values):
        raise InputError("pos.err.out_of_range", what=Term(what), top=upper - 1)
    return list(dict.fromkeys(values))[:limit]


def rounded(tensor: torch.Tensor, decimals: int = JSON_DECIMALS) -> list:
    """A tensor as nested lists, rounded so the JSON stays small; NaN (masked) becomes null."""
    values = torch.round(tensor.double(), decimals=decimals)
    return (
        [[None if v != v else v for v in row] for row in values.tolist()]
        if values.dim() == 2
        else [rounded(part, decimals) for part in values]
        if values.dim() > 2
        else [None if v != v else v for v in values.tolist()]
    )


def learned_choices() -> list[tuple[str, str]]:
    """Models with a learned position table; unavailable ones are labelled as such."""
    return header.model_choices(spec.name for spec in models.catalogue() if spec.positions == "learned")


def rope_choices() -> list[str]:
    return [s.name for s in models.catalogue() if s.positions == "rope"] + [ROPE_CUSTOM]


# ---- sinusoidal ----------------------------------------------------------------------------


@view()
def draw_sinusoidal(n_positions, d_model, base, kind, dims_text):
    pe = positional.sinusoidal(n_positions, d_model, base)  # (n, d)
    dims = parse_indices(dims_text, int(d_model), "dimensions")
    sim = positional.similarity(pe, kind)  # (n, n)
    profile = positional.similarity_by_distance(sim)
    name = "PE·PEᵀ" if kind == "dot" else t("pos.sin.cosine_name")
    dimension, position = t("pos.axis.dimension"), t("pos.axis.position")
    return (
        plots.heatmap(pe, t("pos.sin.pe_title", n=int(n_positions), d=int(d_model)), dimension, position),
        plots.curves(
            range(int(n_positions)),
            {t("pos.sin.dim", d=d): pe[:, d] for d in dims},
            t("pos.sin.curves_title"),
            position,
            t("pos.sin.pe_value"),
        ),
        plots.heatmap(sim, t("pos.sin.sim_title", name=name), t("pos.axis.position_q"), t("pos.axis.position_p")),
        plots.band(
            profile.distance,
            profile.mean,
            profile.low,
            profile.high,
            t("pos.sinusoidal"),
            t("pos.sin.distance_title", name=name),
            t("pos.axis.distance"),
            t("pos.axis.similarity"),
        ),
    )


@view()
def sinusoidal_formula(pos, i, d_model, base) -> str:
    v = positional.sinusoidal_value(int(pos), int(i), d_model, base)
    return (
        t("pos.sin.with", pos=v.pos, i=v.i, d_model=v.d_model, base=v.base) + "\n\n"
        f"$$\\omega_{{{v.i}}} = {v.base:g}^{{-2\\cdot{v.i}/{v.d_model}}} = {v.omega:.6g},\\qquad "
        f"pos\\cdot\\omega = {v.pos}\\times{v.omega:.6g} = {v.angle:.6g}\\ \\text{{rad}}$$\n\n"
        f"$$PE_{{({v.pos},\\,{2 * v.i})}} = \\sin({v.angle:.6g}) = {v.sin:.6f},\\qquad "
        f"PE_{{({v.pos},\\,{2 * v.i + 1})}} = \\cos({v.angle:.6g}) = {v.cos:.6f}$$\n\n"
        + t("pos.sin.turn", wavelength=v.wavelength)
    )


# ---- learned -------------------------------------------------------------------------------


@view(gpu=True)
def draw_learned(model_name, n_positions, kind):
    table = positional.learned_positions(models.load(model_name).model)  # (max_pos, d)
    positional.check_positions(n_positions)
    n = min(int(n_positions), table.shape[0])
    learned = table[:n]
    d_model = table.shape[1] - table.shape[1] % 2
    sinus = positional.sinusoidal(n, d_model)
    sim_learned, sim_sinus = positional.similarity(learned, kind), positional.similarity(sinus, kind)
    distance, similarity = t("pos.axis.distance"), t("pos.axis.similarity")
    fig = plots.band(*_profile(sim_learned), model_name, t("pos.learned.distance_title"), distance, similarity)
    plots.band(*_profile(sim_sinus), t("pos.sinusoidal"), "", "", "", fig=fig)
    note = t(
        "pos.learned.note",
        model=model_name,
        rows=table.shape[0],
        d=table.shape[1],
        numbers=table.numel(),
        n=n,
        norm=float(learned.norm(dim=1).mean()),
        sinusoidal_norm=(d_model / 2) ** 0.5,
    )
    dimension, position = t("pos.axis.dimension"), t("pos.axis.position")
    q, p = t("pos.axis.position_q"), t("pos.axis.position_p")
    kind_name = t(f"pos.kind.{kind}")
    return (
        plots.heatmap(learned, t("pos.learned.title", model=model_name), dimension, position, robust=True),
        plots.heatmap(sinus, t("pos.learned.formula_title", d_model=d_model), dimension, position),
        plots.heatmap(sim_learned, t("pos.learned.sim_title", model=model_name, kind=kind_name), q, p),
        plots.heatmap(sim_sinus, t("pos.learned.sin_sim_title", kind=kind_name), q, p),
        fig,
        note,
    )


def _profile(sim: torch.Tensor):
    p = positional.similarity_by_distance(sim)
    return p.distance, p.mean, p.low, p.high


# ---- RoPE ----------------------------------------------------------------------------------


@view()
def rope_from_model(model_name):
    """Fill θ and the head dimension from the chosen model's config."""
    if model_name == ROPE_CUSTOM:
        return gr.update(interactive=True), gr.update(interactive=True), t("pos.rope.custom")
    theta, head_dim = positional.rope_settings(models.load_config(model_name))
    return (
        gr.update(value=theta, interactive=False),
        gr.update(value=head_dim, interactive=False),
        t("pos.rope.from_config", model=model_name, theta=theta, head_dim=head_dim),
    )


@view()
def draw_rope(theta, head_dim, n_positions, pairs_text, seed):
    angles = positional.rope_angles(n_positions, head_dim, theta)  # (n, d/2)
    pairs = parse_indices(pairs_text, int(head_dim) // 2, "pairs", limit=6)
    positions = list(range(int(n_positions)))
    radius = {j: 1 + 0.3 * index for index, j in enumerate(pairs)}  # concentric, so the circles do not overlap
    trajectories = {
        t("pos.rope.pair", j=j, theta_j=float(theta) ** (-2 * j / int(head_dim)), radius=radius[j]): (
            radius[j] * angles[:, j].cos(),
            radius[j] * angles[:, j].sin(),
            positions,
        )
        for j in pairs
    }
    q, k = positional.random_query_key(head_dim, seed)
    scores = positional.rope_scores(q, k, n_positions, theta)  # (n, n)
    deviation = positional.toeplitz_deviation(scores)
    by_distance = [float(torch.diagonal(scores, -d).mean()) for d in positions]
    note = t("pos.rope.note", deviation=deviation, qk=float(q @ k))
    position_m = t("pos.axis.position_m")
    return (
        plots.circles(trajectories, t("pos.rope.circles_title")),
        plots.heatmap(
            angles.remainder(2 * torch.pi), t("pos.rope.angle_title"), t("pos.axis.pair_j"), position_m, diverging=False
        ),
        plots.heatmap(scores, t("pos.rope.scores_title"), t("pos.axis.key_position_n"), t("pos.axis.query_position_m")),
        plots.curves(
            positions,
            {t("pos.rope.by_distance"): by_distance},
            t("pos.rope.distance_title"),
            t("pos.axis.distance_mn"),
            t("pos.axis.score"),
        ),
        note,
    )


# ---- ALiBi ---------------------------------------------------------------------------------


@view()
def draw_alibi(n_heads, n_positions):
    bias = positional.alibi_bias(n_heads, n_positions)  # (H, n, n)
    slopes = positional.alibi_slopes(n_heads)
    shown = list(range(min(int(n_heads), 8)))
    last = bias[:, -1, :]  # (H, n): the last query's bias on every key
    weights = torch.softmax(last, dim=-1)  # equal content scores: attention comes from the bias alone
    return (
        plots.bars(
            [f"h={h + 1}" for h in range(int(n_heads))],
            slopes,
            t("pos.alibi.slopes_title"),
            t("pos.axis.head"),
            t("pos.axis.slope"),
        ),
        plots.heatmap_grid(
            [bias[h] for h in shown],
            [t("pos.alibi.head_slope", h=h + 1, m=float(slopes[h])) for h in shown],
            t("pos.alibi.grid_title", shown=len(shown), heads=int(n_heads)),
        ),
        plots.curves(
            range(last.shape[1]),
            {t("pos.alibi.head", h=h + 1): weights[h] for h in shown},
            t("pos.alibi.weights_title"),
            t("pos.axis.key_position_j"),
            t("pos.axis.attention_weight"),
            mode="lines+markers",
        ),
    )


# ---- the source text's code ------------------------------------------------------------------


@view(cache=False)
def run_seed_check(n_positions, d_model) -> str:
    check = positional.seed_check(n_positions, d_model)
    return t(
        "pos.seed.result",
        n=int(n_positions),
        d=int(d_model),
        diff=check.max_abs_diff,
        last=int(n_positions) - 1,
        rows=check.batch_first_positions[:12],
        more="…" if int(n_positions) > 12 else "",
        error=check.batch_first_error,
    )


# ---- named API endpoints (JSON) --------------------------------------------------------------


@view(cache=False)
def positional_sinusoidal(
    n_positions: int = 128, d_model: int = 128, base: float = 10000.0, similarity: str = "dot"
) -> dict:
    """Sinusoidal PE (n_positions x d_model), its similarity matrix and its similarity-by-distance."""
    pe = positional.sinusoidal(n_positions, d_model, base)
    sim = positional.similarity(pe, similarity)
    profile = positional.similarity_by_distance(sim)
    return {
        "pe": rounded(pe),
        "similarity": rounded(sim),
        "distance": profile.distance.tolist(),
        "similarity_mean": rounded(profile.mean),
        "similarity_min": rounded(profile.low),
        "similarity_max": rounded(profile.high),
    }


@view(gpu=True)
def positional_learned(model: str = LEARNED_DEFAULT, n_positions: int = 64, similarity: str = "cosine") -> dict:
    """A real model's learned position table (first n_positions rows) and its similarity matrix."""
    positional.check_positions(n_positions)
    table = positional.learned_positions(models.load(model).model)
    learned = table[: int(n_positions)]
    return {
        "model": model,
        "shape": list(table.shape),
        "positions": rounded(learned),
        "similarity": rounded(positional.similarity(learned, similarity)),
    }


@view(cache=False)
def positional_rope(theta: float = 100000.0, head_dim: int = 64, n_positions: int = 32, seed: int = 0) -> dict:
    """RoPE rotation angles (n x d/2) and the scores of one random q, k at every pair of positions."""
    q, k = positional.random_query_key(head_dim, seed)
    scores = positional.rope_scores(q, k, n_positions, theta)
    return {
        "angles": rounded(positional.rope_angles(n_positions, head_dim, theta)),
        "scores": rounded(scores),
        "toeplitz_deviation": positional.toeplitz_deviation(scores),
    }


@view(cache=False)
def positional_alibi(n_heads: int = 8, n_positions: int = 16) -> dict:
    """ALiBi slopes (H,) and biases (H x n x n, null where masked)."""
    return {
        "slopes": rounded(positional.alibi_slopes(n_heads)),
        "bias": rounded(positional.alibi_bias(n_heads, n_positions)),
    }


@view(cache=False)
def positional_seed_check(n_positions: int = 16, d_model: int = 32) -> dict:
    """The source text's PositionalEncoding against the formula, and its batch-first pitfall."""
    check = positional.seed_check(n_positions, d_model)
    return {
        "max_abs_diff": check.max_abs_diff,
        "batch_first_error": check.batch_first_error,
        "batch_first_positions": check.batch_first_positions,
    }


API = (positional_sinusoidal, positional_learned, positional_rope, positional_alibi, positional_seed_check)

# ---- layout ------------------------------------------------------------------------------------

with gr.Blocks() as demo:
    gr.Markdown(t("pos.intro"))
    with gr.Tab(t("pos.sin.tab"), id="pos-sinusoidal"):
        gr.Markdown(t("pos.sin.formula"))
        with gr.Row():
            d_model_slider = gr.Slider(2, positional.MAX_D_MODEL, value=DEFAULT.d_model, step=2, label=t("pos.d_model"))
            positions_slider = gr.Slider(
                1, positional.MAX_POSITIONS, value=DEFAULT.n_positions, step=1, label=t("pos.n_positions")
            )
            base_number = gr.Number(value=DEFAULT.base, label=t("pos.base"))
            similarity_radio = gr.Radio(
                ["dot", "cosine"], value="dot", label=t("pos.similarity"), info=t("pos.similarity_info")
            )
        dims_box = gr.Textbox(DEFAULT_DIMS, label=t("pos.dims"))
        with gr.Row():
            pe_plot = gr.Plot(elem_classes="pos-plot", elem_id="pos-sinusoidal-plot")
            curves_plot = gr.Plot(elem_classes="pos-plot")
        with gr.Row():
            sim_plot, distance_plot = gr.Plot(elem_classes="pos-plot"), gr.Plot(elem_classes="pos-plot")
        with gr.Row():
            pos_number = gr.Number(value=10, precision=0, label=t("pos.pos"), minimum=0)
            i_number = gr.Number(value=0, precision=0, label=t("pos.i"), minimum=0)
        formula_md = gr.Markdown(latex_delimiters=[{"left": "$$", "right": "$$", "display": True}])

    with gr.Tab(t("pos.learned.tab"), id="pos-learned"):
        gr.Markdown(t("pos.learned.intro"))
        with gr.Row():
            learned_dropdown = gr.Dropdown(
                learned_choices(), value=LEARNED_DEFAULT, label=t("pos.model"), elem_id="pos-learned-model"
            )
            learned_positions_slider = gr.Slider(2, 512, value=128, step=1, label=t("pos.n_positions"))
            learned_similarity = gr.Radio(["cosine", "dot"], value="cosine", label=t("pos.similarity"))
        learned_note = gr.Markdown()
        with gr.Row():
            learned_pe_plot, learned_sin_plot = gr.Plot(elem_id="pos-learned-plot"), gr.Plot()
        with gr.Row():
            learned_sim_plot, learned_sin_sim_plot = gr.Plot(elem_id="pos-learned-sim-plot"), gr.Plot()
        learned_distance_plot = gr.Plot()

    with gr.Tab(t("pos.rope.tab"), id="pos-rope"):
        gr.Markdown(t("pos.rope.intro"), latex_delimiters=[{"left": "$", "right": "$", "display": False}])
        with gr.Row():
            rope_dropdown = gr.Dropdown(rope_choices(), value=ROPE_DEFAULT, label=t("pos.model"))
            theta_number = gr.Number(value=100000.0, label=t("pos.rope.theta"), interactive=False)
            head_dim_number = gr.Number(value=64, precision=0, label=t("pos.rope.head_dim"), interactive=False)
            rope_positions_slider = gr.Slider(2, 256, value=48, step=1, label=t("pos.n_positions"))
        with gr.Row():
            pairs_box = gr.Textbox("0, 4, 12, 31", label=t("pos.rope.pairs"))
            rope_seed = gr.Number(value=0, precision=0, label=t("pos.rope.seed"))
        rope_note = gr.Markdown()
        with gr.Row():
            rope_circle_plot, rope_angle_plot = gr.Plot(), gr.Plot()
        with gr.Row():
            rope_score_plot, rope_distance_plot = gr.Plot(elem_id="pos-rope-score-plot"), gr.Plot()

    with gr.Tab(t("pos.alibi.tab"), id="pos-alibi"):
        gr.Markdown(t("pos.alibi.intro"), latex_delimiters=[{"left": "$", "right": "$", "display": False}])
        with gr.Row():
            heads_slider = gr.Slider(1, positional.MAX_HEADS, value=8, step=1, label=t("pos.alibi.heads"))
            alibi_positions_slider = gr.Slider(2, 64, value=16, step=1, label=t("pos.n_positions"))
        with gr.Row():
            alibi_slope_plot, alibi_weight_plot = gr.Plot(), gr.Plot(elem_id="pos-alibi-weight-plot")
        alibi_grid_plot = gr.Plot()

    with gr.Tab(t("pos.seed.tab"), id="pos-seed"):
        gr.Markdown(t("pos.seed.intro"))
        gr.Code(source_of("playground.seed_code", "PositionalEncoding"), language="python", interactive=False)
        with gr.Row():
            seed_positions = gr.Slider(2, 512, value=16, step=1, label=t("pos.n_positions"))
            seed_d_model = gr.Slider(2, 512, value=32, step=2, label=t("pos.d_model"))
        seed_button = gr.Button(t("pos.seed.run"), variant="primary")
        seed_md = gr.Markdown(elem_id="pos-seed-result")

    # ---- wiring ------------------------------------------------------------------------------
    sin_inputs = [positions_slider, d_model_slider, base_number, similarity_radio, dims_box]
    sin_outputs = [pe_plot, curves_plot, sim_plot, distance_plot]
    on(
        [
            positions_slider.release,
            d_model_slider.release,
            base_number.submit,
            similarity_radio.change,
            dims_box.submit,
        ],
        draw_sinusoidal,
        sin_inputs,
        sin_outputs,
    )
    formula_inputs = [pos_number, i_number, d_model_slider, base_number]
    on(
        [pos_number.change, i_number.change, d_model_slider.release, base_number.submit],
        sinusoidal_formula,
        formula_inputs,
        formula_md,
    )

    learned_inputs = [learned_dropdown, learned_positions_slider, learned_similarity]
    learned_outputs = [
        learned_pe_plot,
        learned_sin_plot,
        learned_sim_plot,
        learned_sin_sim_plot,
        learned_distance_plot,
        learned_note,
    ]
    on(
        [learned_dropdown.change, learned_positions_slider.release, learned_similarity.change],
        draw_learned,
        learned_inputs,
        learned_outputs,
    )

    rope_inputs = [theta_number, head_dim_number, rope_positions_slider, pairs_box, rope_seed]
    rope_outputs = [rope_circle_plot, rope_angle_plot, rope_score_plot, rope_distance_plot, rope_note]
    rope_dropdown.change(
        rope_from_model, rope_dropdown, [theta_number, head_dim_number, rope_note], api_visibility="private"
    ).then(draw_rope, rope_inputs, rope_outputs, api_visibility="private")
    on(
        [
            theta_number.submit,
            head_dim_number.submit,
            rope_positions_slider.release,
            pairs_box.submit,
            rope_seed.submit,
        ],
        draw_rope,
        rope_inputs,
        rope_outputs,
    )

    alibi_inputs = [heads_slider, alibi_positions_slider]
    alibi_outputs = [alibi_slope_plot, alibi_grid_plot, alibi_weight_plot]
    on(
        [heads_slider.release, alibi_positions_slider.release],
        draw_alibi,
        alibi_inputs,
        alibi_outputs,
    )

    seed_button.click(run_seed_check, [seed_positions, seed_d_model], seed_md, api_visibility="private")

    # First draw when the page opens: cheap views at once, model views after.
    demo.load(draw_sinusoidal, sin_inputs, sin_outputs, api_visibility="private")
    demo.load(sinusoidal_formula, formula_inputs, formula_md, api_visibility="private")
    demo.load(draw_alibi, alibi_inputs, alibi_outputs, api_visibility="private")
    demo.load(
        rope_from_model, rope_dropdown, [theta_number, head_dim_number, rope_note], api_visibility="private"
    ).then(draw_rope, rope_inputs, rope_outputs, api_visibility="private")
    demo.load(draw_learned, learned_inputs, learned_outputs, api_visibility="private")

    for endpoint in API:
        gr.api(endpoint, api_name=endpoint.__name__)

NOTEBOOK_COMPUTE = r"""
# $PE_{(pos,2i)} = \sin(pos / base^{2i/d})$, $PE_{(pos,2i+1)} = \cos(pos / base^{2i/d})$ (source text §3.1.3)
import torch

position = torch.arange(N_POSITIONS, dtype=torch.float64)[:, None]  # (n, 1)
two_i = torch.arange(0, D_MODEL, 2, dtype=torch.float64)  # (d/2,)
angle = position / BASE ** (two_i / D_MODEL)  # (n, d/2)
pe = torch.zeros(N_POSITIONS, D_MODEL, dtype=torch.float64)  # (n, d)
pe[:, 0::2], pe[:, 1::2] = torch.sin(angle), torch.cos(angle)
pe = pe.float()  # float32, as the app (and a model) keeps it
unit = pe / pe.norm(dim=-1, keepdim=True)
similarity = pe @ pe.T if SIMILARITY == "dot" else unit @ unit.T  # (n, n): PE·PEᵀ, or its cosine
computed = {"pe": pe.numpy(), "similarity": similarity.numpy()}
print(pe[:4, :6])
"""
NOTEBOOK_FIGURE = """
import plotly.graph_objects as go
from plotly.subplots import make_subplots

fig = make_subplots(rows=1, cols=2, subplot_titles=("PE (position × dimension)", SIMILARITY + " similarity"))
fig.add_trace(go.Heatmap(z=computed["pe"], colorscale="RdBu", zmid=0, showscale=False), row=1, col=1)
fig.add_trace(go.Heatmap(z=computed["similarity"], colorscale="Viridis"), row=1, col=2)
fig.update_yaxes(autorange="reversed")
fig.show()
"""


def notebook(v: dict) -> notebooks.Recipe:
    """The sinusoidal view as a notebook: PE and the similarity matrix, recomputed with torch."""
    pe = positional.sinusoidal(v["n"], v["d"], v["base"])
    return notebooks.Recipe(
        explain=("pos.intro", "pos.sin.formula"),
        inputs={
            "N_POSITIONS": int(v["n"]),
            "D_MODEL": int(v["d"]),
            "BASE": float(v["base"]),
            "SIMILARITY": v["similarity"],
        },
        compute=NOTEBOOK_COMPUTE,
        figure=NOTEBOOK_FIGURE,
        numbers={
            "pe": notebooks.numbers(pe),
            "similarity": notebooks.numbers(positional.similarity(pe, v["similarity"])),
        },
        atol=1e-4,  # float32: the dot similarity reaches d/2
    )


LEARNED_COMPUTE = r"""
# A learned absolute position embedding is a trained table P (max_positions × d): row m is added to token m's input.
import torch

table = next(
    p for name, p in model.named_parameters() if name.endswith(("position_embeddings.weight", "wpe.weight"))
).detach().float()  # (max_positions, d)
learned = table[:N_POSITIONS]  # (n, d)
unit = learned / learned.norm(dim=-1, keepdim=True)
similarity = learned @ learned.T if SIMILARITY == "dot" else unit @ unit.T  # (n, n)
computed = {"learned": learned.numpy(), "similarity": similarity.numpy()}
print(tuple(table.shape), "rows × dimensions")
"""
LEARNED_FIGURE = """
import plotly.graph_objects as go
from plotly.subplots import make_subplots

fig = make_subplots(rows=1, cols=2, subplot_titles=(MODEL + ": P[:n]", SIMILARITY + " similarity"))
fig.add_trace(go.Heatmap(z=computed["learned"], colorscale="RdBu", zmid=0, showscale=False), row=1, col=1)
fig.add_trace(go.Heatmap(z=computed["similarity"], colorscale="Viridis"), row=1, col=2)
fig.update_yaxes(autorange="reversed")
fig.show()
"""


def notebook_learned(v: dict) -> notebooks.Recipe:
    """The learned view: a real model's position table and its similarity matrix."""
    positional.check_positions(v["n"])
    table = positional.learned_positions(models.load(v["model"]).model)
    learned = table[: int(v["n"])]
    return notebooks.Recipe(
        explain=("pos.intro", "pos.learned.intro"),
        inputs={"N_POSITIONS": int(v["n"]), "SIMILARITY": v["similarity"]},
        compute=LEARNED_COMPUTE,
        figure=LEARNED_FIGURE,
        numbers={
            "learned": notebooks.numbers(learned),
            "similarity": notebooks.numbers(positional.similarity(learned, v["similarity"])),
        },
        atol=1e-4,
        model=v["model"],
    )


ROPE_COMPUTE = r"""
# RoPE rotates pair j of q and k (dims j and j + d/2) by $m\,\theta_j$, $\theta_j = \theta^{-2j/d}$ (RoFormer):
# $s_{mn} = (R_m q)\cdot(R_n k) = q^T R_{n-m} k$ depends on m - n only.
import torch

inv_freq = THETA ** (-torch.arange(0, HEAD_DIM, 2, dtype=torch.float64) / HEAD_DIM)  # (d/2,)
angles = torch.arange(N_POSITIONS, dtype=torch.float64)[:, None] * inv_freq  # (n, d/2): m θ_j


def rotate(x, positions):  # x (n, d): Llama's layout, pair j = (x_j, x_{j+d/2})
    angle = positions[:, None] * inv_freq
    angle = torch.cat((angle, angle), dim=-1)  # (n, d)
    x1, x2 = x.chunk(2, dim=-1)
    return x * angle.cos() + torch.cat((-x2, x1), dim=-1) * angle.sin()


q, k = torch.randn(2, HEAD_DIM, generator=torch.Generator().manual_seed(SEED), dtype=torch.float64)
positions = torch.arange(N_POSITIONS, dtype=torch.float64)
scores = rotate(q.expand(N_POSITIONS, -1), positions) @ rotate(k.expand(N_POSITIONS, -1), positions).T  # (n, n)
diagonals = [torch.diagonal(scores, o) for o in range(-N_POSITIONS + 1, N_POSITIONS)]
spread = max(float(d.max() - d.min()) for d in diagonals)
print(f"largest spread along a diagonal: {spread:.2e} (0: the score depends on m - n only)")
computed = {"angles": angles.numpy(), "scores": scores.numpy()}
"""
ROPE_FIGURE = """
import plotly.graph_objects as go
from plotly.subplots import make_subplots

fig = make_subplots(rows=1, cols=2, subplot_titles=("m θ_j mod 2π", "(R_m q)·(R_n k)"))
fig.add_trace(go.Heatmap(z=computed["angles"] % (2 * 3.141592653589793), showscale=False), row=1, col=1)
fig.add_trace(go.Heatmap(z=computed["scores"], colorscale="RdBu", zmid=0), row=1, col=2)
fig.update_yaxes(autorange="reversed")
fig.show()
"""


def notebook_rope(v: dict) -> notebooks.Recipe:
    """The RoPE view: rotation angles and the scores of one seeded q, k at every pair of positions."""
    q, k = positional.random_query_key(v["head_dim"], v["seed"])
    return notebooks.Recipe(
        explain=("pos.intro", "pos.rope.intro"),
        inputs={
            "THETA": float(v["theta"]),
            "HEAD_DIM": int(v["head_dim"]),
            "N_POSITIONS": int(v["n"]),
            "SEED": int(v["seed"]),
        },
        compute=ROPE_COMPUTE,
        figure=ROPE_FIGURE,
        numbers={
            "angles": notebooks.numbers(positional.rope_angles(v["n"], v["head_dim"], v["theta"])),
            "scores": notebooks.numbers(positional.rope_scores(q, k, v["n"], v["theta"])),
        },
        atol=1e-6,  # float64 on both sides
    )


ALIBI_COMPUTE = r"""
# ALiBi (Press et al. 2022): head h adds $-m_h (i - j)$ to the score of query i on key j <= i, with slopes
# $m_h = 2^{-8h/H}$ for H a power of two (else those of the power below, then every other one of the next)
import math

import torch


def slopes_for(n):
    return [2 ** (-8 * h / n) for h in range(1, n + 1)]


closest = 2 ** math.floor(math.log2(N_HEADS))
slopes = slopes_for(closest) + slopes_for(2 * closest)[0::2][: N_HEADS - closest]
slopes = torch.tensor(slopes, dtype=torch.float64)  # (H,)
pos = torch.arange(N_POSITIONS, dtype=torch.float64)
j_minus_i = pos[None, :] - pos[:, None]  # (n, n)
bias = (slopes[:, None, None] * j_minus_i).masked_fill(j_minus_i > 0, float("nan"))  # (H, n, n): NaN = masked
weights = torch.softmax(torch.nan_to_num(bias[:, -1, :], nan=-float("inf")), dim=-1)  # (H, n): the last query
computed = {"slopes": slopes.numpy(), "last_query_bias": bias[:, -1, :].numpy(), "weights": weights.numpy()}
print("slopes:", [round(float(m), 5) for m in slopes])
"""
ALIBI_FIGURE = """
import plotly.graph_objects as go

fig = go.Figure([go.Scatter(y=w, mode="lines+markers", name=f"h={h + 1}") for h, w in enumerate(computed["weights"])])
fig.update_layout(title="the last query's attention from the bias alone", xaxis_title="key j", yaxis_title="weight")
fig.show()
"""


def notebook_alibi(v: dict) -> notebooks.Recipe:
    """The ALiBi view: slopes, the last query's biases and the attention they give alone."""
    bias = positional.alibi_bias(v["heads"], v["n"])
    return notebooks.Recipe(
        explain=("pos.intro", "pos.alibi.intro"),
        inputs={"N_HEADS": int(v["heads"]), "N_POSITIONS": int(v["n"])},
        compute=ALIBI_COMPUTE,
        figure=ALIBI_FIGURE,
        numbers={
            "slopes": notebooks.numbers(positional.alibi_slopes(v["heads"])),
            "last_query_bias": notebooks.numbers(bias[:, -1, :]),
            "weights": notebooks.numbers(torch.softmax(bias[:, -1, :], dim=-1)),
        },
        atol=1e-6,
    )


TAB = Tab(
    "positional",
    "pos.tab",
    demo,
    share=Share(
        {
            "n": Param(positions_slider),
            "d": Param(d_model_slider),
            "base": Param(base_number),
            "similarity": Param(similarity_radio),
            "dims": Param(dims_box),
        },
        (Draw(draw_sinusoidal, sin_inputs, sin_outputs),),
        lambda v: snippets.positional(v["n"], v["d"], v["base"], v["similarity"]),
        notebook,
        (
            SubView(
                "pos-learned",
                {"model": learned_dropdown, "n": learned_positions_slider, "similarity": learned_similarity},
                notebook_learned,
            ),
            SubView(
                "pos-rope",
                {"theta": theta_number, "head_dim": head_dim_number, "n": rope_positions_slider, "seed": rope_seed},
                notebook_rope,
            ),
            SubView("pos-alibi", {"heads": heads_slider, "n": alibi_positions_slider}, notebook_alibi),
        ),
    ),
    advanced=(base_number, dims_box, pos_number, i_number, rope_seed, pairs_box),
    scenes=(
        Scene("sinusoidal", "3.1.3", 5, "pos-sinusoidal", exercise="positional_sin"),
        Scene("rope", "3.1.3", 6, "pos-rope"),
    ),
    key_outputs=(pe_plot, learned_sim_plot, rope_score_plot, alibi_weight_plot, seed_md),
    exercises=exercises.of_tab("positional"),  # "Predict, then reveal" (ui/exercises.py)
)

if __name__ == "__main__":
    demo.launch()
