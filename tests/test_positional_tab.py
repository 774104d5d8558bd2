"""ui/tabs/positional.py handlers: figures for good input, gr.Error with a sentence for bad input."""

import gradio as gr
import pytest

from ui.tabs import positional as tab


def test_sinusoidal_views_draw_four_figures():
    figures = tab.draw_sinusoidal(32, 16, 10000.0, "dot", "0, 1, 15")
    assert len(figures) == 4
    pe = figures[0].data[0].z
    assert len(pe) == 32 and len(pe[0]) == 16
    assert [trace.name for trace in figures[1].data] == ["dim 0", "dim 1", "dim 15"]


@pytest.mark.parametrize(
    "args, message",
    [
        ((32, 7, 10000.0, "dot", "0"), "even"),
        ((32, 16, 10000.0, "dot", "0, x"), "whole numbers"),
        ((32, 16, 10000.0, "dot", "99"), "between 0 and 15"),
        ((32, 16, 10000.0, "dot", ""), "at least one"),
        ((32, 16, 10000.0, "angle", "0"), "similarity must be"),
    ],
)
def test_sinusoidal_bad_input_is_a_gradio_error(args, message):
    with pytest.raises(gr.Error, match=message):
        tab.draw_sinusoidal(*args)


def test_formula_shows_live_numbers():
    text = tab.sinusoidal_formula(10, 0, 128, 10000.0)
    assert "\\sin(10)" in text and "-0.544021" in text
    with pytest.raises(gr.Error, match="pair"):
        tab.sinusoidal_formula(10, 64, 128, 10000.0)


def test_rope_and_alibi_views():
    *figures, note = tab.draw_rope(10000.0, 16, 12, "0, 3", 0)
    assert len(figures) == 4 and "e-" in note
    figures = tab.draw_alibi(6, 8)
    assert len(figures) == 3 and len(figures[0].data[0].y) == 6
    with pytest.raises(gr.Error, match="pairs"):
        tab.draw_rope(10000.0, 16, 12, "8", 0)


def test_seed_check_explains_the_layout():
    text = tab.run_seed_check(16, 32)
    assert "(seq, batch, d)" in text and "transpose" in text


def test_unexpected_failures_are_logged_not_shown(monkeypatch):
    def boom(*args):
        raise RuntimeError("secret internal detail")

    monkeypatch.setattr(tab.positional, "alibi_bias", boom)
    with pytest.raises(gr.Error) as info:
        tab.draw_alibi(4, 4)
    assert "secret" not in str(info.value) and "went wrong" in str(info.value)


@pytest.mark.slow
def test_learned_view_of_real_minilm():
    *figures, note = tab.draw_learned("all-MiniLM-L6-v2", 40, "cosine")
    assert len(figures) == 5 and "512 positions × 384 dimensions" in note
    with pytest.raises(gr.Error, match="not in the model catalogue"):
        tab.draw_learned("someone/else", 40, "cosine")
