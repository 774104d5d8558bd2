"""Figure builders: tensors/arrays in, plotly figures out. No model is run here."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import plotly.graph_objects as go

from ui.i18n import t

DIVERGING = "RdBu_r"  # blue = negative, red = positive; colour-blind safe
SEQUENTIAL = "Viridis"  # perceptually uniform, readable with every colour-vision deficiency and in grey
# Okabe & Ito (2008), "Color Universal Design": lines and bars stay apart for red-green colour blindness
OKABE_ITO = ("#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#000000", "#F0E442")
VERMILLION = OKABE_ITO[3]
HEIGHT = 380


def _layout(fig: go.Figure, title: str, x_title: str, y_title: str, height: int = HEIGHT) -> go.Figure:
    fig.update_layout(
        title=dict(text=title, font=dict(size=14)),
        height=height,
        margin=dict(l=60, r=20, t=50, b=50),
        xaxis_title=x_title,
        yaxis_title=y_title,
        template="plotly_white",
        colorway=list(OKABE_ITO),
    )
    return fig


def heatmap(
    z,
    title: str,
    x_title: str,
    y_title: str,
    diverging: bool = True,
    x: Sequence | None = None,
    y: Sequence | None = None,
    robust: bool = False,
    hover: str | None = None,
) -> go.Figure:
    """A matrix as a heatmap with row 0 at the top (like a table of positions).

    robust: the colour scale ends at the 99th percentile of |z|, so a few outliers do not wash out the rest.
    """
    z = np.asarray(z, dtype=float)
    finite = np.abs(z[np.isfinite(z)])
    limit = (float(np.quantile(finite, 0.99)) if robust else float(finite.max())) if finite.size else 1.0
    limit = limit or 1.0
    trace = go.Heatmap(
        z=z,
        x=x,
        y=y,
        colorscale=DIVERGING if diverging else SEQUENTIAL,
        hovertemplate=hover or t("plot.hover.value"),
        zmid=0 if diverging else None,
        zmin=-limit if diverging else None,
        zmax=limit if diverging else None,
    )
    fig = _layout(go.Figure(trace), title, x_title, y_title)
    fig.update_yaxes(autorange="reversed")
    return fig


def curves(
    x,
    series: dict[str, Sequence[float]],
    title: str,
    x_title: str,
    y_title: str,
    mode: str = "lines",
    dash: dict[str, str] | None = None,
) -> go.Figure:
    """Several named curves over the same x."""
    fig = go.Figure()
    for name, y in series.items():
        fig.add_trace(
            go.Scatter(x=list(x), y=list(y), mode=mode, name=name, line=dict(dash=(dash or {}).get(name, "solid")))
        )
    return _layout(fig, title, x_title, y_title)


def band(
    x, mean, low, high, name: str, title: str, x_title: str, y_title: str, fig: go.Figure | None = None
) -> go.Figure:
    """A mean curve with its min..max band (the band collapses when the value depends on x only)."""
    fig = fig or _layout(go.Figure(), title, x_title, y_title)
    x = list(x)
    fig.add_trace(
        go.Scatter(
            x=x + x[::-1],
            y=list(high) + list(low)[::-1],
            fill="toself",
            opacity=0.25,
            line=dict(width=0),
            name=t("plot.band.range", name=name),
            hoverinfo="skip",
        )
    )
    fig.add_trace(go.Scatter(x=x, y=list(mean), mode="lines", name=t("plot.band.mean", name=name)))
    return fig


def circles(points: dict[str, tuple[Sequence[float], Sequence[float], Sequence[int]]], title: str) -> go.Figure:
    """2-D trajectories (one per name) with the position number in the hover: RoPE pairs rotating."""
    fig = go.Figure()
    for name, (xs, ys, positions) in points.items():
        fig.add_trace(
            go.Scatter(
                x=list(xs),
                y=list(ys),
                mode="lines+markers",
                name=name,
                customdata=list(positions),
                marker=dict(size=5),
                hovertemplate=t("plot.hover.circle"),
            )
        )
    fig = _layout(fig, title, t("plot.axis.pair_first"), t("plot.axis.pair_second"))
    fig.update_yaxes(scaleanchor="x", scaleratio=1)
    return fig


def bars(x, y, title: str, x_title: str, y_title: str) -> go.Figure:
    return _layout(go.Figure(go.Bar(x=list(x), y=list(y))), title, x_title, y_title)


def heatmap_grid(mats: Sequence, titles: Sequence[str], title: str, cols: int = 4) -> go.Figure:
    """Several small heatmaps sharing one colour scale (e.g. one per attention head)."""
    from plotly.subplots import make_subplots

    rows = -(-len(mats) // cols)
    fig = make_subplots(
        rows=rows, cols=cols, subplot_titles=list(titles), horizontal_spacing=0.04, vertical_spacing=0.14
    )
    limit = max(float(np.nanmax(np.abs(np.asarray(m, dtype=float)))) for m in mats) or 1.0
    for index, mat in enumerate(mats):
        fig.add_trace(
            go.Heatmap(
                z=np.asarray(mat, dtype=float),
                colorscale=DIVERGING,
                zmid=0,
                zmin=-limit,
                zmax=limit,
                showscale=index == 0,
                hovertemplate=t("plot.hover.bias"),
            ),
            row=index // cols + 1,
            col=index % cols + 1,
        )
    fig.update_yaxes(autorange="reversed")
    return _layout(fig, title, "", "", height=max(HEIGHT, 260 * rows))


# ---- attention (the Attention tab) -------------------------------------------------------------------

MASKED_GREY = "#d0d0d0"  # the background seen through NaN cells: a causal model's masked upper triangle


def token_labels(tokens: Sequence[str]) -> list[str]:
    """Tokens as unique, escaped category labels: plotly reads <...> in labels as markup, so '<' is written
    '&lt;' (shown as '<'), and a repeated token gets zero-width spaces so that two 'the' stay two columns."""
    import html

    seen: dict[str, int] = {}
    labels = []
    for token in tokens:
        escaped = html.escape(str(token), quote=False)
        seen[escaped] = seen.get(escaped, -1) + 1
        labels.append(escaped + "\u200b" * seen[escaped])
    return labels


def _template() -> dict:
    """plotly_white as a plain dict, read once (figures below are built as dicts: plotly's validation of a
    64 x 64 heatmap grid costs ~0.15 s, the dict ~1 ms, and the browser receives the same JSON)."""
    global _TEMPLATE
    if _TEMPLATE is None:
        import plotly.io as pio

        _TEMPLATE = pio.templates["plotly_white"].to_plotly_json()
        _TEMPLATE["layout"]["colorway"] = list(OKABE_ITO)
    return _TEMPLATE


_TEMPLATE = None


def _figure(data: list[dict], layout: dict) -> go.Figure:
    return go.Figure({"data": data, "layout": {"template": _template(), **layout}}, _validate=False)


def _blues() -> list:
    """plotly's sequential Blues (white = 0, dark blue = 1) as explicit stops: plotly.js' own 'Blues' runs the
    other way, and these figures skip the Python-side conversion."""
    from plotly.colors import sequential

    steps = sequential.Blues
    return [[i / (len(steps) - 1), colour] for i, colour in enumerate(steps)]


AXIS_LABELS = 64  # token labels an axis shows at most: beyond, every k-th, never a font under 9 px (unreadable)


def _axis(n_tokens: int, labels: bool = True, reverse: bool = False, **extra) -> dict:
    size = 11 if n_tokens <= 32 else 9
    every = -(-n_tokens // AXIS_LABELS)  # ceil(n / AXIS_LABELS): 1 up to 64 tokens, 2 up to 128
    axis = dict(type="category", tickfont=dict(size=size), showticklabels=labels, tickmode="linear", dtick=every)
    axis |= extra
    return axis | (dict(autorange="reversed") if reverse else dict(tickangle=-60))


def _masked(att, causal: bool) -> np.ndarray:
    """A float32 copy with a causal model's future keys (j > i) as NaN: drawn as the grey background."""
    z = np.array(att, dtype=np.float32)
    if causal:
        rows, cols = np.triu_indices(z.shape[-1], k=1)
        z[..., rows, cols] = np.nan
    return z


def _heat(z: np.ndarray, labels: list[str], zmax: float, **extra) -> dict:
    return dict(
        type="heatmap",
        z=z,  # float32: plotly sends numpy arrays as base64 (4 bytes a weight instead of 8)
        x=labels,
        y=labels,
        colorscale=_blues(),
        zmin=0,
        zmax=zmax,
        hovertemplate=t("plot.hover.attention"),
        hoverongaps=False,
        **extra,
    )


def attention_heatmap(
    att, tokens: Sequence[str], title: str, causal: bool = False, zmax: float | None = None, boundary: int | None = None
):
    """One (T, T) attention matrix, queries down, keys across; a causal model's future keys drawn grey;
    boundary: the first token of sentence B, marked by a line across and down."""
    z = _masked(att, causal)
    labels = token_labels(tokens)
    n = len(labels)
    top = zmax if zmax is not None else (float(np.nanmax(z)) if np.isfinite(z).any() else 1.0)
    layout = dict(
        title=dict(text=title, font=dict(size=14)),
        height=min(900, max(420, 10 * n + 160)),
        margin=dict(l=90, r=20, t=50, b=90),
        xaxis=_axis(n, title=dict(text=t("plot.axis.key"))),
        yaxis=_axis(n, reverse=True, title=dict(text=t("plot.axis.query"))),
        plot_bgcolor=MASKED_GREY,
    )
    if boundary is not None:
        edge = dict(type="line", line=dict(color=VERMILLION, width=2, dash="dot"))
        layout["shapes"] = [
            edge | dict(x0=boundary - 0.5, x1=boundary - 0.5, y0=0, y1=1, xref="x", yref="paper"),
            edge | dict(y0=boundary - 0.5, y1=boundary - 0.5, x0=0, x1=1, yref="y", xref="paper"),
        ]
    return _figure([_heat(z, labels, top or 1.0)], layout)


def attention_grid(att, tokens: Sequence[str], titles: Sequence[str], title: str, causal: bool, cols: int = 4):
    """All heads of a layer, (H, T, T), as small heatmaps on one colour scale (0..1)."""
    mats = _masked(att, causal)
    labels = token_labels(tokens)
    rows = -(-len(mats) // cols)
    gap_x, gap_y = 0.03, 0.08 if rows > 1 else 0.0
    width, height = (1 - gap_x * (cols - 1)) / cols, (1 - gap_y * (rows - 1)) / rows
    data, layout = (
        [],
        dict(
            title=dict(text=title, font=dict(size=14)),
            height=max(HEIGHT, 250 * rows),
            margin=dict(l=20, r=20, t=60, b=20),
            plot_bgcolor=MASKED_GREY,
            annotations=[],
        ),
    )
    for index, mat in enumerate(mats):
        row, col, n = index // cols, index % cols, index + 1
        x0, y1 = col * (width + gap_x), 1 - row * (height + gap_y)
        suffix = "" if n == 1 else str(n)
        data.append(_heat(mat, labels, 1.0, xaxis=f"x{suffix}", yaxis=f"y{suffix}", showscale=index == 0))
        x_domain, y_domain = [max(0.0, x0), min(1.0, x0 + width)], [max(0.0, y1 - height), min(1.0, y1)]
        layout[f"xaxis{suffix}"] = _axis(len(labels), labels=False, domain=x_domain, anchor=f"y{suffix}")
        layout[f"yaxis{suffix}"] = _axis(len(labels), labels=False, reverse=True, domain=y_domain, anchor=f"x{suffix}")
        layout["annotations"].append(
            dict(
                text=titles[index],
                x=x0 + width / 2,
                y=y1,
                xref="paper",
                yref="paper",
                yanchor="bottom",
                showarrow=False,
                font=dict(size=12),
            )  # fmt: skip
        )
    return _figure(data, layout)


# ---- Prompts tab -------------------------------------------------------------------------------
KEPT, DROPPED = "#2563eb", "#cbd5e1"  # blue: the filters keep the token; grey: they drop it


def next_token_bars(tokens: Sequence[str], model_probs: Sequence[float], final_probs: Sequence[float], kept, title):
    """The top tokens of one step: the model's probability (bars, blue = kept by temperature/top-k/top-p) and
    the probability actually sampled from after the filters (diamonds)."""
    labels = [f"{i + 1}. {token!r}"[:40] for i, token in enumerate(tokens)]  # repr: spaces and newlines visible
    fig = go.Figure()
    fig.add_trace(
        go.Bar(
            x=labels,
            y=list(model_probs),
            marker_color=[KEPT if k else DROPPED for k in kept],
            name=t("plot.next.model"),
            hovertemplate=t("plot.hover.next_model"),
        )
    )
    fig.add_trace(
        go.Scatter(
            x=labels,
            y=[p if k else None for p, k in zip(final_probs, kept, strict=True)],  # dropped: no diamond
            mode="markers",
            marker=dict(symbol="diamond", size=9, color=VERMILLION),
            name=t("plot.next.filtered"),
            hovertemplate=t("plot.hover.next_filtered"),
        )
    )
    fig.update_layout(legend=dict(orientation="h", y=1.12, x=0), bargap=0.2)
    fig.update_xaxes(tickangle=-45)
    return _layout(fig, title, "", t("plot.axis.probability"), height=420)


def confusion_matrix(matrix, classes: Sequence[str], title: str) -> go.Figure:
    """Counts: rows = true class, columns = predicted class, the number written in each cell."""
    matrix = np.asarray(matrix)
    trace = go.Heatmap(
        z=matrix,
        x=list(classes),
        y=list(classes),
        colorscale="Blues",
        text=matrix,
        texttemplate="%{text}",
        hovertemplate=t("plot.hover.confusion"),
    )
    fig = _layout(go.Figure(trace), title, t("plot.axis.predicted"), t("plot.axis.true"))
    fig.update_yaxes(autorange="reversed")
    return fig


def grouped_bars(x: Sequence[str], series: dict[str, Sequence[float]], title: str, x_title: str, y_title: str):
    """Several named bar series side by side over the same categories."""
    fig = go.Figure([go.Bar(x=list(x), y=list(y), name=name) for name, y in series.items()])
    fig.update_layout(barmode="group")
    return _layout(fig, title, x_title, y_title)


# ---- fine-tuning curves (Fine-tune tab) ------------------------------------------------------------

FINETUNE_PANELS = ("loss", "score", "lr")  # the panels' keys, left to right; their titles: t("plot.ft.<key>")


def finetune_curves(runs: dict[str, dict[str, tuple[Sequence[float], Sequence[float]]]], title: str) -> go.Figure:
    """One row of three panels (loss, accuracy/F1, learning rate); each run a colour, each series a dash.

    `runs` maps a run label to {series name: (steps, values)}; series names start with the panel key
    ("loss", "score" or "lr"), e.g. "loss train", "loss eval", "score accuracy", "score F1", "lr".
    """
    from plotly.subplots import make_subplots

    titles = [t(f"plot.ft.{key}") for key in FINETUNE_PANELS]
    fig = make_subplots(rows=1, cols=3, subplot_titles=titles, horizontal_spacing=0.07)
    colours = OKABE_ITO
    dashes = {"train": "solid", "eval": "dash", "accuracy": "solid", "F1": "dot", "lr": "solid"}
    for i, (label, series) in enumerate(runs.items()):
        for name, (steps, values) in series.items():
            panel, _, kind = name.partition(" ")
            col = 1 + FINETUNE_PANELS.index(panel)
            shown = t(f"plot.ft.series_{kind or panel}")  # "train", "eval", "accuracy", "F1", "lr"
            fig.add_trace(
                go.Scatter(
                    x=list(steps),
                    y=list(values),
                    mode="lines+markers" if kind in ("eval", "accuracy", "F1") else "lines",
                    name=f"{label} · {shown}" if len(runs) > 1 else shown,
                    line=dict(color=colours[i % len(colours)], dash=dashes.get(kind or panel, "solid")),
                    marker=dict(size=5),
                ),
                row=1,
                col=col,
            )
    fig.update_xaxes(title_text=t("plot.axis.step"))
    fig.update_yaxes(range=[0, 1.02], row=1, col=2)
    fig = _layout(fig, title, t("plot.axis.step"), "", height=360)
    fig.update_layout(legend=dict(orientation="h", y=-0.25))
    return fig


# ---- Losses tab ------------------------------------------------------------------------------


def token_bars(
    tokens: Sequence[str], values, title: str, y_title: str, level: float | None = None, level_name: str = ""
) -> go.Figure:
    """One bar per token (x keeps the token order even when tokens repeat), an optional reference level."""
    x = list(range(len(tokens)))
    fig = go.Figure(
        go.Bar(
            x=x,
            y=[float(v) for v in values],
            customdata=list(tokens),
            hovertemplate="%{customdata}<br>%{y:.3f}<extra></extra>",
            marker_color="#e4572e",
        )
    )
    if level is not None:
        fig.add_hline(y=level, line_dash="dash", line_color="#555", annotation_text=level_name)
    fig = _layout(fig, title, "", y_title)
    fig.update_xaxes(
        tickmode="array", tickvals=x, ticktext=[repr(tok)[1:-1] for tok in tokens], tickangle=-45, automargin=True
    )
    return fig


def loss_curve(x, y, level: float, level_name: str, marker: float, title: str, x_title: str, y_title: str):
    """A loss against a hyper-parameter on a log x axis, with a reference level and the current value marked."""
    fig = go.Figure(go.Scatter(x=list(map(float, x)), y=list(map(float, y)), mode="lines", name=t("plot.mean_loss")))
    fig.add_hline(y=level, line_dash="dash", line_color="#555", annotation_text=level_name)
    fig.add_vline(x=marker, line_dash="dot", line_color="#e4572e", annotation_text=f"τ = {marker:g}")
    fig = _layout(fig, title, x_title, y_title)
    fig.update_xaxes(type="log")
    return fig


def loss_levels(names: Sequence[str], losses: Sequence[float], chance: Sequence[float], title: str) -> go.Figure:
    """Each objective's loss beside the loss of a model that knows nothing (its own chance level)."""
    fig = go.Figure(
        [
            go.Bar(
                name=t("plot.loss_now"), x=list(names), y=list(losses), marker_color="#e4572e", texttemplate="%{y:.3f}"
            ),
            go.Bar(
                name=t("plot.knows_nothing"),
                x=list(names),
                y=list(chance),
                marker_color="#bbbbbb",
                texttemplate="%{y:.2f}",
            ),
        ]
    )
    fig.update_layout(barmode="group")
    return _layout(fig, title, "", t("plot.axis.nats"))


# ---- architecture (the Architecture tab) -----------------------------------------------------------


def parameter_bars(counts: dict[str, int], total: int, title: str) -> go.Figure:
    """Parameters per part of the model, with each part's share of the total on the bar."""
    names, values = list(counts), list(counts.values())
    text = [f"{v / 1e6:.2f}M ({v / total:.1%})" if total else "0" for v in values]
    fig = go.Figure(go.Bar(x=names, y=values, text=text, textposition="auto", marker_color="#4c78a8"))
    return _layout(fig, title, t("plot.axis.part"), t("plot.axis.parameters"))


def step_heatmaps(steps: dict[str, np.ndarray], tokens: Sequence[str], title: str, cols: int = 2) -> go.Figure:
    """One (T, d) heatmap per step of a block, tokens as rows; each step has its own colour range."""
    from plotly.subplots import make_subplots

    names = list(steps)
    rows = -(-len(names) // cols)
    labels = token_labels(tokens)
    fig = make_subplots(rows=rows, cols=cols, subplot_titles=names, horizontal_spacing=0.08, vertical_spacing=0.06)
    for index, name in enumerate(names):
        z = np.asarray(steps[name], dtype=float)
        finite = np.abs(z[np.isfinite(z)])
        limit = float(np.quantile(finite, 0.99)) if finite.size else 1.0
        fig.add_trace(
            go.Heatmap(
                z=z,
                y=labels,
                colorscale=DIVERGING,
                zmid=0,
                zmin=-(limit or 1.0),
                zmax=limit or 1.0,
                showscale=False,
                hovertemplate=t("plot.hover.step", name=name),
            ),
            row=index // cols + 1,
            col=index % cols + 1,
        )
    fig.update_yaxes(autorange="reversed", type="category")
    per_row = max(220, 16 * len(labels) + 80)
    return _layout(fig, title, "", "", height=per_row * rows)


def size_chart(marks: dict[str, float], yours: tuple[str, float], title: str) -> go.Figure:
    """Models placed by parameter count on a log axis, the calculator's model as a star."""
    ordered = sorted(marks.items(), key=lambda item: item[1])
    names, values = [name for name, _ in ordered], [value for _, value in ordered]
    rows = (0.55, -0.55, 0.3, -0.3)  # neighbours on the log axis get different heights: labels never overlap
    fig = go.Figure(
        [
            go.Scatter(
                x=values,
                y=[rows[i % len(rows)] for i in range(len(values))],
                mode="markers+text",
                text=names,
                textposition="top center",
                marker=dict(size=10, color="#4c78a8"),
                name=t("plot.known_models"),
                hovertemplate=t("plot.hover.size"),
            ),
            go.Scatter(
                x=[yours[1]],
                y=[0],
                mode="markers+text",
                text=[yours[0]],
                textposition="top center",
                marker=dict(size=18, symbol="star", color="#e4572e"),
                name=yours[0],
                hovertemplate=t("plot.hover.size"),
            ),
        ]
    )
    fig = _layout(fig, title, t("plot.axis.parameters_log"), "", height=340)
    fig.update_xaxes(type="log")
    fig.update_yaxes(visible=False, range=[-1, 1])
    return fig


# ---- Inside the model tab ------------------------------------------------------------------------


def lens_heatmap(probs, top_tokens, tokens: Sequence[str], title: str, axes: tuple[str, str], hover: str, extra=None):
    """The logit lens: layers up (0 = the embeddings at the bottom), positions across; colour = the top token's
    probability, the token written in its cell while the grid is small enough to read. extra: (L+1, T) numbers
    shown in the hover as %{customdata[1]} (the target's probability), or None."""
    z = np.asarray(probs, dtype=np.float32)
    layers, n = z.shape
    words = [[html_label(str(word)[:8]) for word in row] for row in top_tokens]
    second = np.asarray(extra if extra is not None else z, dtype=np.float64).tolist()
    custom = [[[w, x] for w, x in zip(w_row, x_row, strict=True)] for w_row, x_row in zip(words, second, strict=True)]
    trace = dict(
        type="heatmap",
        z=z,
        x=token_labels(tokens),
        y=list(range(layers)),
        text=words,
        customdata=custom,
        texttemplate="%{text}" if n <= 16 else None,
        textfont=dict(size=9 if n > 8 else 10),
        colorscale=SEQUENTIAL,
        zmin=0,
        zmax=1,
        hovertemplate=hover,
        colorbar=dict(thickness=12),
    )
    layout = dict(
        title=dict(text=title, font=dict(size=14)),
        height=max(HEIGHT, 18 * layers + 170),
        margin=dict(l=60, r=20, t=50, b=90),
        xaxis=_axis(n, title=dict(text=axes[0])),
        yaxis=dict(title=dict(text=axes[1]), dtick=5 if layers > 12 else 1),
    )
    return _figure([trace], layout)


def html_label(token: str) -> str:
    """A token as plotly text: markup escaped, spaces shown as they are."""
    import html

    return html.escape(str(token), quote=False)


def lens_target(probs, ranks, title: str, names: tuple[str, str], axes: tuple[str, str, str]) -> go.Figure:
    """The target token across layers at one position: its probability (left, 0..1) and rank (right, log)."""
    layers = list(range(len(probs)))
    fig = go.Figure()
    fig.add_trace(go.Scatter(x=layers, y=list(probs), mode="lines+markers", name=names[0]))
    fig.add_trace(
        go.Scatter(x=layers, y=list(ranks), mode="lines+markers", name=names[1], yaxis="y2", line=dict(dash="dot"))
    )
    _layout(fig, title, axes[0], axes[1])
    fig.update_layout(
        yaxis=dict(range=[0, 1.02]),
        yaxis2=dict(title=axes[2], type="log", overlaying="y", side="right", autorange="reversed", showgrid=False),
        legend=dict(orientation="h", y=1.12, x=0),
        margin=dict(l=60, r=60, t=60, b=50),
    )
    return fig


def top_k_bars(tokens: Sequence[str], probs: Sequence[float], title: str, x_title: str) -> go.Figure:
    """The k most probable tokens of one cell, the top one first (at the top)."""
    labels = [f"{i + 1}. {token!r}"[:40] for i, token in enumerate(tokens)]
    fig = go.Figure(go.Bar(x=list(probs), y=labels, orientation="h", marker_color=OKABE_ITO[0]))
    fig.update_yaxes(autorange="reversed")
    return _layout(fig, title, x_title, "")


def sink_heatmaps(mats: Sequence, titles: Sequence[str], title: str, axes: tuple[str, str], hover: str):
    """Side by side, on one 0..1 scale: each (L, H) matrix of the share of attention on one key."""
    from plotly.subplots import make_subplots

    fig = make_subplots(rows=1, cols=len(mats), subplot_titles=list(titles), shared_yaxes=True, horizontal_spacing=0.04)
    for col, mat in enumerate(mats, start=1):
        z = np.asarray(mat, dtype=np.float32)
        fig.add_trace(
            go.Heatmap(
                z=z,
                x=list(range(z.shape[1])),
                y=list(range(z.shape[0])),
                zmin=0,
                zmax=1,
                colorscale=SEQUENTIAL,
                showscale=col == 1,
                hovertemplate=hover,
                colorbar=dict(thickness=12),
            ),
            row=1,
            col=col,
        )
        fig.update_xaxes(title_text=axes[0], dtick=1 if z.shape[1] <= 16 else 4, row=1, col=col)
    fig.update_yaxes(title_text=axes[1], row=1, col=1)
    fig.update_annotations(font=dict(size=12))
    fig.update_layout(
        title=dict(text=title, font=dict(size=14)),
        height=460,
        template="plotly_white",
        margin=dict(l=60, r=20, t=90, b=50),
    )
    return fig


def share_bars(
    names: Sequence[str], shares: Sequence[float], uniform: float, uniform_name: str, title: str, y_title: str
) -> go.Figure:
    """Mean share per condition, with the uniform level as a dashed line."""
    fig = go.Figure(go.Bar(x=list(names), y=list(shares), marker_color=list(OKABE_ITO[: len(names)])))
    fig.add_hline(y=uniform, line=dict(dash="dash", color=VERMILLION), annotation_text=uniform_name)
    fig.update_yaxes(range=[0, 1])
    return _layout(fig, title, "", y_title)


def patching_heatmap(recovered, labels: Sequence[str], title: str, axes: tuple[str, str], hover: str) -> go.Figure:
    """Recovered fraction per (layer, position): layers up, 1 = the patch restores the clean answer."""
    z = np.asarray(recovered, dtype=np.float32)
    layers, n = z.shape
    finite = np.abs(z[np.isfinite(z)])
    limit = max(1.0, float(finite.max())) if finite.size else 1.0
    trace = dict(
        type="heatmap",
        z=z,
        x=token_labels(labels),
        y=list(range(layers)),
        colorscale=DIVERGING,
        zmid=0,
        zmin=-limit,
        zmax=limit,
        hovertemplate=hover,
        hoverongaps=False,
        colorbar=dict(thickness=12),
    )
    layout = dict(
        title=dict(text=title, font=dict(size=14)),
        height=max(HEIGHT, 16 * layers + 170),
        margin=dict(l=60, r=20, t=50, b=110),
        xaxis=_axis(n, title=dict(text=axes[0])),
        yaxis=dict(title=dict(text=axes[1]), dtick=5 if layers > 12 else 1),
    )
    return _figure([trace], layout)
