"""Colour-blind-safe charts: line and bar colours stay apart under simulated colour-vision deficiencies
(Machado, Oliveira & Fernandes 2009, severity 1), and every chart builder uses the safe palettes."""

import itertools

import numpy as np
import pytest

from ui import plots

# Machado et al. 2009, severity 1.0, on linear RGB
DEFICIENCIES = {
    "protanopia": [[0.152286, 1.052583, -0.204868], [0.114503, 0.786281, 0.099216], [-0.003882, -0.048116, 1.051998]],
    "deuteranopia": [[0.367322, 0.860646, -0.227968], [0.280085, 0.672501, 0.047413], [-0.011820, 0.042940, 0.968881]],
    "tritanopia": [[1.255528, -0.076749, -0.178779], [-0.078411, 0.930809, 0.147602], [0.004733, 0.691367, 0.303900]],
}
D3 = ("#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e")  # plotly's and matplotlib's old default lines
APART = 15.0  # CIELAB ΔE76: clearly different colours (2.3 is "just noticeable")


def lab(colour: str, deficiency: str) -> np.ndarray:
    """The colour as a person with the deficiency sees it, in CIELAB (D65)."""
    srgb = np.array([int(colour[i : i + 2], 16) for i in (1, 3, 5)]) / 255
    linear = np.where(srgb <= 0.04045, srgb / 12.92, ((srgb + 0.055) / 1.055) ** 2.4)
    seen = np.clip(np.array(DEFICIENCIES[deficiency]) @ linear, 0, 1)
    xyz = np.array([[0.4124, 0.3576, 0.1805], [0.2126, 0.7152, 0.0722], [0.0193, 0.1192, 0.9505]]) @ seen
    xyz = xyz / np.array([0.95047, 1.0, 1.08883])
    f = np.where(xyz > 0.008856, np.cbrt(xyz), 7.787 * xyz + 16 / 116)
    return np.array([116 * f[1] - 16, 500 * (f[0] - f[1]), 200 * (f[1] - f[2])])


def closest_pair(palette, deficiency: str) -> float:
    return min(np.linalg.norm(lab(a, deficiency) - lab(b, deficiency)) for a, b in itertools.combinations(palette, 2))


@pytest.mark.parametrize("deficiency", DEFICIENCIES)
def test_the_line_palette_stays_apart_for_colour_blind_eyes(deficiency):
    assert closest_pair(plots.OKABE_ITO[:7], deficiency) > APART  # the yellow, last, is for an 8th line only


def test_the_check_catches_a_palette_that_is_not_safe():
    assert closest_pair(D3, "protanopia") < APART / 2  # its red and green merge


def _colours(fig) -> list[str]:
    return [t.line.color or t.marker.color for t in fig.data]


def test_every_chart_builder_uses_the_safe_palettes():
    curves = plots.curves(range(3), {f"s{i}": [i, i, i] for i in range(5)}, "t", "x", "y")
    assert list(curves.layout.colorway) == list(plots.OKABE_ITO)  # plotly colours unnamed lines from it
    grouped = plots.grouped_bars(["a", "b"], {"one": [1, 2], "two": [2, 1]}, "t", "x", "y")
    assert list(grouped.layout.colorway) == list(plots.OKABE_ITO)
    attention = plots.attention_heatmap(np.eye(3), ["a", "b", "c"], "t")
    assert list(attention.layout.template.layout.colorway) == list(plots.OKABE_ITO)
    assert plots.heatmap(np.eye(3), "t", "x", "y").data[0].colorscale[0][1] == "rgb(5,48,97)"  # RdBu_r: blue
    assert plots.heatmap(np.eye(3), "t", "x", "y", diverging=False).data[0].colorscale[0][1] == "#440154"  # viridis
    runs = {"a": {"loss train": ([0, 1], [2, 1])}, "b": {"loss train": ([0, 1], [3, 2])}}
    assert set(_colours(plots.finetune_curves(runs, "t"))) <= set(plots.OKABE_ITO)
    bars = plots.next_token_bars(["a", "b"], [0.6, 0.4], [1.0, 0.0], [True, False], "t")
    assert bars.data[1].marker.color == plots.VERMILLION
