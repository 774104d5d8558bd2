"""ui/tabs/attention.py handlers and the attention figure builders: views for good input, gr.Error for bad."""

import math

import gradio as gr
import pytest

from tests.tiny_models import use_tiny
from ui import plots
from ui.tabs import attention as tab


def test_token_labels_are_unique_and_escaped():
    labels = plots.token_labels(["the", "<b>x</b>", "the", "the"])
    assert len(set(labels)) == 4 and labels[1] == "&lt;b&gt;x&lt;/b&gt;"
    assert [label.replace("\u200b", "") for label in labels] == ["the", "&lt;b&gt;x&lt;/b&gt;", "the", "the"]


def test_causal_heatmap_masks_the_upper_triangle():
    att = [[1.0, 0.0, 0.0], [0.4, 0.6, 0.0], [0.2, 0.3, 0.5]]
    z = plots.attention_heatmap(att, ["a", "b", "c"], "t", causal=True).data[0].z
    assert math.isnan(z[0][1]) and math.isnan(z[1][2]) and z[2][1] == 0.3
    assert not any(math.isnan(v) for row in plots.attention_heatmap(att, ["a", "b", "c"], "t").data[0].z for v in row)


def test_sentence_boundary_is_drawn():
    fig = plots.attention_heatmap([[0.5, 0.5], [0.5, 0.5]], ["a", "b"], "t", boundary=1)
    assert [(s.x0, s.y0) for s in fig.layout.shapes] == [(0.5, 0), (0, 0.5)]
    assert not plots.attention_heatmap([[1.0]], ["a"], "t").layout.shapes


def test_grid_has_one_heatmap_per_head_on_its_own_axes():
    fig = plots.attention_grid([[[1.0]]] * 9, ["a"], [f"h{h}" for h in range(9)], "grid", causal=False)
    assert len(fig.data) == 9 and {trace.xaxis for trace in fig.data} == {"x", *(f"x{i}" for i in range(2, 10))}
    assert [a.text for a in fig.layout.annotations] == [f"h{h}" for h in range(9)]


def test_show_attention_builds_every_view(monkeypatch):
    use_tiny(monkeypatch)
    tab.attend.cache_clear()
    note, head_fig, grid_fig, mean_fig, rollout_fig, head_html, model_html = tab.show_attention(
        "tiny-llama", "我爱北京 <img src=x onerror=alert(1)>", "", 1, 4
    )
    assert "Grouped-query attention" in note and "Query head 4 uses key/value head 1" in note
    assert "Causal model" in note
    n = len(head_fig.data[0].z)
    assert len(grid_fig.data) == 6 and len(mean_fig.data[0].z) == n and len(rollout_fig.data[0].z) == n
    assert "&lt;img" in "".join(head_fig.data[0].x)
    assert head_html.startswith("<iframe") and model_html.startswith("<iframe")


def test_pair_and_cut_are_announced(monkeypatch):
    use_tiny(monkeypatch)
    note = tab.show_attention("tiny-bert", "word " * 200, "second sentence", 0, 0)[0]
    assert "Cut:" in note and "sentence B starts at token" in note
    assert "the head view the first 64 tokens, the model view the first 32" in note and "(of 128: the rest" in note


@pytest.mark.parametrize(
    "args, message",
    [
        (("tiny-bert", "", "", 0, 0), "empty"),
        (("tiny-bert", "   ", "", 0, 0), "empty"),
        (("tiny-bert", "x" * 20_000, "", 0, 0), "limited to 4,000"),
        (("tiny-bert", "ring \x07", "", 0, 0), "control character"),
        (("tiny-bert", "fine", "", 2, 0), "layer must be a whole number from 0 to 1"),
        (("tiny-bert", "fine", "", 0, 4), "head must be a whole number from 0 to 3"),
        (("tiny-llama", "fine", "a pair", 0, 0), "sentence pairs are for encoder"),
        (("../../etc/passwd", "fine", "", 0, 0), "not in the model catalogue"),
    ],
)
def test_bad_input_is_a_gradio_error(monkeypatch, args, message):
    use_tiny(monkeypatch)
    with pytest.raises(gr.Error, match=message):
        tab.show_attention(*args)


def test_emoji_only_text_works(monkeypatch):
    use_tiny(monkeypatch)
    assert "tokens" in tab.show_attention("tiny-llama", "😀🎉", "", 0, 0)[0]


def test_unavailable_model_says_why():
    from playground import models

    if models.availability("gpt2").available:
        pytest.skip("gpt2 is in this machine's Hugging Face cache")
    with pytest.raises(gr.Error, match="not available here"):
        tab.choose_model("gpt2")
    with pytest.raises(gr.Error, match="not available here"):
        tab.show_attention("gpt2", "hello", "", 0, 0)
    assert ("gpt2 (not available)", "gpt2") in tab.model_choices()


def test_formula_view(monkeypatch):
    use_tiny(monkeypatch)
    text, *figures = tab.show_formula("tiny-bert", "the cat sat", "", 1, 2)
    assert "largest difference" in text and "reproduces the model's attention output" in text
    assert len(figures) == 6
    text = tab.show_formula("tiny-llama", "the cat sat", "", 1, 2)[0]
    assert "RoPE" in text and "misses the model's attention output" in text


@pytest.mark.slow
def test_real_models_through_the_handlers():
    note = tab.show_attention("all-MiniLM-L6-v2", "The cat sat.", "猫坐着。", 5, 11)[0]
    assert "6 layers × 12 heads" in note
    assert tab.choose_model("SmolLM2-135M-Instruct")[0]["maximum"] == 29


def test_a_one_layer_model_locks_the_layer_slider_instead_of_breaking_it(monkeypatch):
    """A distilled model of one layer (the tests' distilgpt2): a slider from 0 to 0 is refused by gradio."""
    from types import SimpleNamespace

    from playground import models

    monkeypatch.setattr(models, "load_config", lambda name: SimpleNamespace(num_hidden_layers=1, num_attention_heads=4))
    layer, head, _ = tab.choose_model("distilgpt2")
    assert (layer["maximum"], layer["value"], layer["interactive"]) == (1, 0, False)
    assert (head["maximum"], head["interactive"]) == (3, True)
    gr.Slider(0, layer["maximum"], value=layer["value"])  # a slider gradio accepts
