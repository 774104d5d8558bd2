"""ui/tabs/inside.py: each view's figures and JSON for good input, one sentence (English or Chinese) for bad input."""

import json
import math

import gradio as gr
import pytest
import torch

from tests.tiny_models import tiny, use_tiny
from ui.tabs import inside as tab

TINY = "tiny-llama"


@pytest.fixture(autouse=True)
def tiny_models(monkeypatch):
    use_tiny(monkeypatch)
    tab.lens_of.cache_clear()


def test_the_default_cell_is_the_last_token_of_the_default_text_at_the_last_layer():
    from transformers import AutoConfig, AutoTokenizer

    from playground import embedded

    tokenizer = AutoTokenizer.from_pretrained(embedded.smollm2_dir(), local_files_only=True)
    ids = tokenizer(tab.DEFAULT_TEXT, add_special_tokens=False).input_ids
    assert tab.DEFAULT_POSITION == len(ids) - 1
    assert tab.DEFAULT_LAYER == AutoConfig.from_pretrained(embedded.smollm2_dir()).num_hidden_layers
    assert len(tokenizer(tab.DEFAULT_TARGET, add_special_tokens=False).input_ids) == 1


def test_the_lens_view_draws_layers_by_positions_and_the_cell_it_reads():
    note, heat, target_fig, bars = tab.show_lens(TINY, "The capital of France is", " the", 2, 3)
    n = len(tiny("llama").tokenizer("The capital of France is", add_special_tokens=False).input_ids)
    assert len(heat.data[0].z) == 3 and len(heat.data[0].z[0]) == n  # L+1 = 3 layers of the tiny model
    assert heat.data[0].texttemplate == "%{text}" and len(heat.data[0].customdata[0]) == n
    assert "W_U" in note and "layer ℓ = 2, position 3" in note and "Target ` the` here" in note
    assert [len(trace.y) for trace in target_fig.data] == [3, 3] and target_fig.layout.yaxis2.type == "log"
    assert len(bars.data[0].x) == tab.TOP_K and math.isclose(sum(bars.data[0].x), sum(bars.data[0].x))


def test_the_sliders_fit_the_model_and_the_text():
    layer, position = tab.fit_sliders(TINY, "one two three", "")
    assert (layer["maximum"], layer["value"]) == (2, 2)
    assert (
        position["maximum"]
        == position["value"]
        == len(tiny("llama").tokenizer("one two three", add_special_tokens=False).input_ids) - 1
    )


def test_no_target_draws_the_lens_without_it():
    note, heat, target_fig, _ = tab.show_lens(TINY, "one two three", "", 0, 0)
    assert "Target" not in note and target_fig.data[0].y == () and "No target" in target_fig.layout.title.text


def test_the_sinks_view_compares_the_text_with_both_controls():
    note, heat, bars = tab.show_sinks(TINY, "The cat sat on the mat.")
    assert len(heat.data) == 4 and all(len(trace.z) == 2 and len(trace.z[0]) == 6 for trace in heat.data)
    assert len(bars.data[0].y) == 4 and "uniform" in note and "Hello" in note


def test_the_patching_view_is_a_recovered_fraction_per_layer_and_position():
    note, fig = tab.show_patching(TINY, "The cat sat on the mat", "The dog sat on the mat", " yes", " no")
    n = len(tiny("llama").tokenizer("The cat sat on the mat", add_special_tokens=False).input_ids)
    assert len(fig.data[0].z) == 3 and len(fig.data[0].z[0]) == n
    assert any(" / " in label for label in fig.data[0].x)  # the position where the prompts differ
    assert "patched runs" in note and f"{3 * n} patched runs" in note


def test_the_kv_view_streams_one_redraw_per_token():
    steps = list(tab.stream_kv(TINY, "Once upon a time", 4, True))
    assert len(steps) == 4
    text, bytes_fig, time_fig, note = steps[-1]
    assert text.startswith("Once upon a time<mark>") and text.endswith("</mark>")
    measured, formula, multi_head = (trace.y for trace in bytes_fig.data)
    assert measured == formula and multi_head[-1] == 3 * formula[-1]  # 6 query heads read 2 KV heads
    assert len(time_fig.data) == 2 and len(time_fig.data[0].y) == 3
    assert "2 \\times 2 \\times 2 \\times 8" in note and "same tokens" in note


def test_the_api_answers_json_numbers():
    lens = tab.inside_lens("The capital of France is", TINY, " the", 2, 0)
    assert lens["layers"] == 3 and len(lens["top_probs"][0]) == len(lens["tokens"]) and len(lens["cell"]["probs"]) == 10
    sinks = tab.inside_sinks("The cat sat on the mat.", TINY)
    assert len(sinks["sink"]) == 2 and len(sinks["sink"][0]) == 6
    patch = tab.inside_patching("The cat sat on the mat", "The dog sat on the mat", " yes", " no", TINY)
    assert len(patch["recovered"]) == 3
    kv = tab.inside_kv_cache("Once upon a time", TINY, 3)
    assert [s["measured_bytes"] == s["formula_bytes"] for s in kv["steps"]] == [True] * 3
    for answer in (lens, sinks, patch, kv):
        json.dumps(answer, allow_nan=False)


def test_a_recovered_fraction_of_nan_is_null_in_json():
    assert tab.rounded(torch.tensor([1.23456, float("nan")])) == [1.2346, None]


@pytest.mark.parametrize(
    "call, message",
    [
        (lambda: tab.show_lens(TINY, "", " the", 0, 0), "The text is empty"),
        (lambda: tab.show_lens(TINY, "word " * 80, " the", 0, 0), "this view reads at most 64"),
        (lambda: tab.show_lens(TINY, "The capital", " Parisian", 0, 0), "the target word must be exactly one token"),
        (lambda: tab.show_lens(TINY, "The capital", " the", float("nan"), 0), "from 0 to 2 (got nan)"),
        (lambda: tab.show_lens(TINY, "The capital", " the", 0, 9), "The position must be a whole number from 0 to 1"),
        (lambda: tab.show_lens("tiny-bert", "The capital", " the", 0, 0), "tiny-bert is an encoder"),
        (lambda: tab.show_sinks(TINY, "cat"), "needs at least 2"),
        (lambda: tab.show_patching(TINY, "The cat sat", "The big dog sat", " a", " b"), "the same number of tokens"),
        (lambda: tab.show_patching(TINY, "The cat sat", "The dog sat", " a", " a"), "the same token"),
        (lambda: next(tab.stream_kv(TINY, "Once", 0, True)), "from 1 to 64 (got 0)"),
        (lambda: next(tab.stream_kv(TINY, "   ", 3, True)), "The prompt is empty"),
    ],
)
def test_bad_input_is_one_sentence(call, message):
    with pytest.raises(gr.Error, match=message.replace("(", r"\(").replace(")", r"\)")):
        call()


def test_an_error_is_written_in_chinese_for_a_chinese_page():
    from gradio.context import LocalContext

    from tests.test_i18n import request

    token = LocalContext.request.set(request(cookie="zh-CN"))
    try:
        with pytest.raises(gr.Error, match="但目标词必须恰好是一个词元"):
            tab.show_lens(TINY, "The capital", " Parisian", 0, 0)
        with pytest.raises(gr.Error, match="干净提示词有 3 个，被破坏的提示词有 4 个"):
            tab.show_patching(TINY, "The cat sat", "The big dog sat", " a", " b")
    finally:
        LocalContext.request.reset(token)


@pytest.mark.slow
def test_the_lens_last_layer_is_smollm2s_own_top_token():
    from playground import models

    answer = tab.inside_lens()  # the defaults: "The capital of France is" -> " Paris"
    loaded = models.load(tab.DEFAULT_MODEL)
    ids = loaded.tokenizer(tab.DEFAULT_TEXT, return_tensors="pt", add_special_tokens=False).input_ids
    with torch.inference_mode():
        top = loaded.model(ids).logits[0].argmax(-1).tolist()
    assert answer["layers"] == 31 and len(answer["tokens"]) == 5
    assert answer["top_tokens"][-1] == [loaded.tokenizer.decode([i]) for i in top]
    assert answer["top_tokens"][-1][-1] == " Paris" and answer["target_ranks"][-1][-1] == 1
    assert answer["target_ranks"][0][-1] > 1  # the embeddings alone do not know it


def test_a_one_token_text_locks_the_position_slider_instead_of_breaking_it():
    """gradio refuses a slider from 0 to 0 ("Slider minimum must be less than maximum"): seen with one token."""
    layer, position = tab.fit_sliders(TINY, "one", "")
    assert len(tiny("llama").tokenizer("one", add_special_tokens=False).input_ids) == 1
    assert (position["maximum"], position["value"], position["interactive"]) == (1, 0, False)
    assert layer["interactive"] is True and layer["maximum"] == layer["value"] == 2
    gr.Slider(0, position["maximum"], value=position["value"])  # a slider gradio accepts
