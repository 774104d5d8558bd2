"""Figure builders: tensors/arrays in, plotly figures out. No model is run here."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import plotly.graph_objects as go

DIVERGING = "RdBu_r"  # blue = negative, red = positive; colour-blind safe
SEQUENTIAL = "Viridis"
HEIGHT = 380


def _layout(fig: go.Figure, title: str, x_title: str, y_title: str, height: int = HEIGHT) -> go.Figure:
    fig.update_layout(
        title=dict(text=title, font=dict(size=14)),
        height=height,
        margin=dict(l=60, r=20, t=50, b=50),
        xaxis_title=x_title,
        yaxis_title=y_title,
        template="plotly_white",
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
    hover: str = "x=%{x}<br>y=%{y}<br>value=%{z:.4f}<extra></extra>",
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
        hovertemplate=hover,
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
            name=f"{name}: min..max",
            hoverinfo="skip",
        )
    )
    fig.add_trace(go.Scatter(x=x, y=list(mean), mode="lines", name=f"{name}: mean"))
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
                hovertemplate="position m=%{customdata}<br>(%{x:.3f}, %{y:.3f})<extra></extra>",
            )
        )
    fig = _layout(fig, title, "first coordinate of the pair", "second coordinate of the pair")
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
                hovertemplate="query i=%{y}<br>key j=%{x}<br>bias=%{z:.3f}<extra></extra>",
            ),
            row=index // cols + 1,
            col=index % cols + 1,
        )
    fig.update_yaxes(autorange="reversed")
    return _layout(fig, title, "", "", height=max(HEIGHT, 260 * rows))


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
    fig = go.Figure(go.Scatter(x=list(map(float, x)), y=list(map(float, y)), mode="lines", name="mean loss"))
    fig.add_hline(y=level, line_dash="dash", line_color="#555", annotation_text=level_name)
    fig.add_vline(x=marker, line_dash="dot", line_color="#e4572e", annotation_text=f"τ = {marker:g}")
    fig = _layout(fig, title, x_title, y_title)
    fig.update_xaxes(type="log")
    return fig


def loss_levels(names: Sequence[str], losses: Sequence[float], chance: Sequence[float], title: str) -> go.Figure:
    """Each objective's loss beside the loss of a model that knows nothing (its own chance level)."""
    fig = go.Figure(
        [
            go.Bar(name="loss now", x=list(names), y=list(losses), marker_color="#e4572e", texttemplate="%{y:.3f}"),
            go.Bar(
                name="knows nothing (uniform guess)",
                x=list(names),
                y=list(chance),
                marker_color="#bbbbbb",
                texttemplate="%{y:.2f}",
            ),
        ]
    )
    fig.update_layout(barmode="group")
    return _layout(fig, title, "", "nats")
