"""ui/tabs/architecture.py handlers and API: views for good input, gr.Error with a sentence for bad input."""

import gradio as gr
import pytest

from playground import architecture, models
from tests.tiny_models import use_tiny
from ui import plots
from ui.tabs import architecture as tab

SIZES = dict(layers=2, d_model=64, heads=4, d_ff=256, vocab=1000, seq_len=16, batch=2)


def test_size_view_marks_known_models_and_yours():
    text, fig = tab.show_size(*SIZES.values())
    estimate = architecture.size_estimate(**SIZES)
    assert f"{estimate.params:,} parameters" in text and "training total" in text
    names = list(fig.data[0].text)
    assert {"GPT-2 small", "GPT-2 XL", "GPT-3"} <= set(names)
    assert fig.data[1].x[0] == estimate.params and fig.layout.xaxis.type == "log"


@pytest.mark.parametrize(
    "sizes, message",
    [
        (dict(heads=5), "divisible"),
        (dict(layers=0), "above 0"),
        (dict(d_model=None), "Fill in every size"),
        (dict(layers=10**7, d_model=10**6, heads=1), "above the limit"),
    ],
)
def test_bad_sizes_become_gr_error(sizes, message):
    with pytest.raises(gr.Error, match=message):
        tab.show_size(*(SIZES | sizes).values())
    with pytest.raises(gr.Error, match=message):
        tab.architecture_size(**(SIZES | sizes))


def test_api_size_returns_the_engine_numbers():
    out = tab.architecture_size(**SIZES)
    estimate = architecture.size_estimate(**SIZES)
    assert out["params"] == estimate.params and out["memory_bytes"]["bf16"]["total"] == 8 * estimate.params
    assert out["training_flops"] == 6 * estimate.params * 32


def test_block_view_and_api_on_tiny_models(monkeypatch):
    use_tiny(monkeypatch)
    monkeypatch.setattr(models, "load_config", lambda name: models.load(name).model.config)
    note, fig = tab.show_block("tiny-llama", "我爱北京 <b>x</b>", 1, 2)
    assert "pre-RMSNorm" in note and "SwiGLU" in note and "FFN for token" in note
    assert len(fig.data) == 7 and "&lt;b&gt;" in "".join(fig.data[0].y)
    out = tab.architecture_block("tiny-bert", "The cat sat.", 0)
    assert list(out["steps"])[-1] == "LayerNorm 2 (layer output)" and out["output_diff"] < 1e-5
    assert len(out["steps"]["input x"]) == len(out["tokens"])
    for args, message in [
        (("tiny-bert", "cat", 2, 0), "layer must be between 0 and 1"),
        (("tiny-bert", "   ", 0, 0), "."),
        (("tiny-bert", "cat", 0, -1), "token index must be between"),
    ]:
        with pytest.raises(gr.Error, match=message):
            tab.show_block(*args)


def test_parameter_view_on_a_tiny_model(monkeypatch):
    use_tiny(monkeypatch)
    note, fig = tab.show_parameters("tiny-gpt2")
    total = sum(p.numel() for p in models.load("tiny-gpt2").model.parameters())
    assert f"{total:,} parameters" in note and "exactly equal" in note
    assert sum(fig.data[0].y) == total


def test_gpt2_block_view_lists_what_differs_from_the_seed(monkeypatch):
    use_tiny(monkeypatch)
    monkeypatch.setattr(models, "load_config", lambda name: models.load(name).model.config)
    note, fig = tab.show_block("tiny-gpt2", "The cat sat on the mat.", 1, 2)
    assert "pre-LN (GPT-2)" in note and "Conv1D" in note and "gelu_new" in note and "FFN for token" in note
    assert len(fig.data) == 11
    out = tab.architecture_block("tiny-gpt2", "The cat sat.", 0)
    assert list(out["steps"])[2] == "query Q (c_attn, first third)" and out["output_diff"] < 1e-5
    assert any("transpose" in d for d in out["differences"])


def test_distilbert_block_and_parameter_views(monkeypatch):
    use_tiny(monkeypatch)
    monkeypatch.setattr(models, "load_config", lambda name: models.load(name).model.config)
    note, fig = tab.show_block("tiny-distilbert", "The cat sat on the mat.", 1, 2)
    assert "post-LN (DistilBERT, like BERT and the seed)" in note and "`sa_layer_norm`" in note
    assert "FFN for token" in note and "GELU" in note and len(fig.data) == 7
    out = tab.architecture_block("tiny-distilbert", "The cat sat.", 0)
    assert list(out["steps"])[-1] == "LayerNorm output_layer_norm (layer output)" and out["output_diff"] < 1e-5
    note, fig = tab.show_parameters("tiny-distilbert")
    assert "exactly equal" in note and "| 96 |" in note  # d_ff is DistilBERT's hidden_dim, not 4 d


def test_unavailable_model_says_why():
    unavailable = [n for n in models.names() if not models.availability(n).available]
    if not unavailable:
        pytest.skip("every catalogue model is available here")
    with pytest.raises(gr.Error, match="not available"):
        tab.show_parameters(unavailable[0])


def test_step_heatmaps_keep_tokens_as_rows():
    import numpy as np

    fig = plots.step_heatmaps({"a": np.ones((3, 4)), "b": -np.ones((3, 4))}, ["the", "the", "猫"], "t")
    assert len(fig.data) == 2 and len(set(fig.data[0].y)) == 3


@pytest.mark.slow
def test_seed_block_view_and_api_through_the_app(client):
    text = tab.run_seed_block("The cat sat on the mat. 我爱北京", 2)
    assert "gelu, eps 1e-12" in text and "post-LN" not in text  # the post-LN note is in the intro
    out = client.predict(model="all-MiniLM-L6-v2", text="我爱北京", layer=1, api_name="/architecture_block")
    assert out["layout"].startswith("post-LN") and out["tokens"][0] == "[CLS]"
    size = client.predict(api_name="/architecture_size", **SIZES)
    assert size["params"] == architecture.size_estimate(**SIZES).params
