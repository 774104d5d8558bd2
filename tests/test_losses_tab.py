"""ui/tabs/losses.py handlers and the /loss_* endpoints of the launched app: figures and live formulas for good
input, a sentence (never a traceback) for bad input."""

import math

import gradio as gr
import pytest
import torch

from playground import losses
from ui.tabs import losses as tab

pytestmark = pytest.mark.slow


def test_causal_view_shows_the_shift_by_one_and_the_models_loss():
    figure, html, table, formula = tab.run_causal("The capital of France is Paris", losses.CAUSAL_DEFAULT)
    rows = table["data"]
    assert len(figure.data[0].y) == len(rows) == 5  # 6 tokens, 5 pairs
    assert rows[-1][1].endswith("France is") and rows[-1][2] == " Paris" and rows[-1][5] == " Paris"
    assert table["headers"][5] == "model's top guess"
    assert "labels=input_ids" in formula and "PPL" in formula and "not scored" in formula
    assert html.count("<span") == 6


def test_masked_view_labels_the_untrained_head():
    note, html, table, figure = tab.run_masked(tab.DEFAULT_TEXT, 0.3, 0, losses.ENCODER_DEFAULT)
    assert "Untrained head" in note and "ln 30,522" in note
    assert len(table["data"]) == len(figure.data[0].y) >= 1
    assert all(row[3] in ("mask", "random", "keep") for row in table["data"])
    assert "[MASK]" in html and "What the model reads" in html
    assert any("UNTRAINED" in label for label, value in tab.mlm_choices() if value == losses.ENCODER_DEFAULT)
    assert any("bert-base-uncased (not available)" in label for label, _ in tab.mlm_choices())


def test_infill_view_shows_both_sides_against_the_left_side():
    formula, table = tab.run_infill("The cat sat on the mat because it was tired.", 0.3, 0)
    assert "both sides" in formula and "left side only" in formula and "17 candidates" in formula
    assert len(table["data"]) >= 1 and all(row[2] >= 0 for row in table["data"])


def test_contrastive_view_with_the_default_batch():
    sim, probs, rows, curve, formula = tab.run_contrastive(tab.DEFAULT_PAIRS, 0.05, losses.ENCODER_DEFAULT)
    b = len(tab.DEFAULT_PAIRS.splitlines())
    assert len(sim.data[0].z) == b and len(rows.data[0].y) == b
    torch.testing.assert_close(torch.tensor(probs.data[0].z).sum(-1), torch.ones(b, dtype=torch.float64))
    assert f"\\ln {b} = {math.log(b):.4f}" in formula and "MultipleNegativesRankingLoss(scale=20)" in formula
    assert curve.layout.xaxis.type == "log"


def test_fine_tuning_and_prompt_views():
    figure, text = tab.run_fine_tuning("A man plays.", "Someone plays.", "paraphrase", 0)
    assert "Untrained head" in text and list(figure.data[0].x) == list(losses.PAIR_LABELS)
    figure, table, text = tab.run_prompt(tab.DEFAULT_TEXT, tab.DEFAULT_TEMPLATE, "positive, lukewarm", "positive")
    assert table["data"][1][2] > 1 and "Several tokens" in text and "lukewarm" in text
    assert sum(figure.data[0].y) == pytest.approx(1.0)


def test_summary_draws_the_mask_diagram_and_the_levels():
    diagram, figure, formulas = tab.run_summary(
        "我喜欢这部电影。", tab.DEFAULT_PARAPHRASE, "positive", losses.ENCODER_DEFAULT, 0.05
    )
    assert "loss-mask-diagram" in diagram and diagram.count("<tr>") == 6
    assert len(figure.data) == 2 and len(figure.data[0].y) == 5
    assert figure.data[1].y[0] == pytest.approx(math.log(49152)) and figure.data[1].y[3] == pytest.approx(math.log(2))
    for name in ("L_{LM}", "L_{MLM}", "\\ell_{CL,1}", "L_{FT}", "L_{PL}", "UNTRAINED head"):
        assert name in formulas


@pytest.mark.parametrize(
    "handler, args, message",
    [
        (tab.run_causal, ("", losses.CAUSAL_DEFAULT), "empty"),
        (tab.run_causal, ("Hello", losses.CAUSAL_DEFAULT), "single token"),
        (tab.run_causal, ("Hi there", "gpt2"), "not available"),
        (tab.run_masked, ("text", 0, 0, losses.ENCODER_DEFAULT), "above 0"),
        (tab.run_masked, ("text", 1, 0, losses.ENCODER_DEFAULT), "below 1"),
        (tab.run_masked, ("text", 0.2, 0, "bert-base-uncased"), "not available"),
        (tab.run_contrastive, ("a | b", 0.05, losses.ENCODER_DEFAULT), "no negatives"),
        (tab.run_contrastive, ("a | b\nc | d", 0, losses.ENCODER_DEFAULT), "above 0"),
        (tab.run_contrastive, ("a | b\nc | d", -0.5, losses.ENCODER_DEFAULT), "above 0"),
        (tab.run_prompt, ("text", "Review:", "positive, negative", "positive"), "slot"),
        (tab.run_prompt, ("text", "{x}", "positive, negative", "neutral"), "gold"),
        (tab.run_fine_tuning, ("", "b", "paraphrase", 0), "empty"),
    ],
)
def test_bad_input_is_a_gradio_error_with_a_sentence(handler, args, message):
    with pytest.raises(gr.Error, match=message):
        handler(*args)


# ---- the launched app ------------------------------------------------------------------------


def test_api_lists_the_loss_endpoints(client):
    endpoints = client.view_api(print_info=False, return_format="dict")["named_endpoints"]
    names = ("/loss_causal_lm", "/loss_masked_lm", "/loss_masked_lm_causal", "/loss_contrastive")
    for name in names + ("/loss_fine_tuning", "/loss_prompt"):
        assert name in endpoints


def test_loss_endpoints_return_the_engine_numbers(client):
    lm = client.predict(text="The capital of France is Paris", api_name="/loss_causal_lm")
    assert lm["mean"] == pytest.approx(lm["model_loss"], abs=1e-4) and lm["targets"][-1] == " Paris"
    mlm = client.predict(text="我喜欢这部电影", rate=0.4, seed=1, api_name="/loss_masked_lm")
    assert mlm["pretrained_head"] is False and len(mlm["losses"]) == len(mlm["positions"]) == len(mlm["top"])
    assert mlm["mean"] == pytest.approx(mlm["cross_entropy_reference"], abs=1e-5)
    infill = client.predict(text="The cat sat on the mat.", rate=0.3, seed=0, api_name="/loss_masked_lm_causal")
    assert infill["n_candidates"] == 17 and len(infill["losses"]) == len(infill["positions"]) >= 1
    cl = client.predict(pairs="a cat | a kitten\nthe stock market | shares fell", tau=0.1, api_name="/loss_contrastive")
    assert cl["log_batch"] == pytest.approx(math.log(2)) and len(cl["similarity"]) == 2
    ft = client.predict(text_a="a", text_b="b", gold=0, seed=1, api_name="/loss_fine_tuning")
    assert ft["trained_head"] is False and ft["labels"] == list(losses.PAIR_LABELS)
    pl = client.predict(label_words="positive, negative, so-so", gold="negative", api_name="/loss_prompt")
    assert [len(w["tokens"]) > 1 for w in pl["label_words"]] == [False, False, True]
    assert pl["loss"] == pytest.approx(-math.log(pl["probabilities"][1]), abs=1e-3)


@pytest.mark.parametrize(
    "endpoint, kwargs, message",
    [
        ("/loss_causal_lm", dict(text=""), "empty"),
        ("/loss_causal_lm", dict(text="Hi"), "single token"),
        ("/loss_causal_lm", dict(model="../../etc/passwd"), "not in the model catalogue"),
        ("/loss_masked_lm", dict(rate=0.0), "above 0"),
        ("/loss_masked_lm", dict(rate=1.0), "below 1"),
        ("/loss_masked_lm_causal", dict(text="A"), "single token"),
        ("/loss_contrastive", dict(pairs="one | pair"), "no negatives"),
        ("/loss_contrastive", dict(tau=0.0), "above 0"),
        ("/loss_fine_tuning", dict(gold=5), "gold label"),
        ("/loss_prompt", dict(template="no slot here"), "slot"),
        ("/loss_prompt", dict(label_words="positive"), "at least two"),
    ],
)
def test_bad_api_input_gets_a_message_and_the_server_keeps_serving(client, endpoint, kwargs, message):
    from gradio_client.exceptions import AppError

    with pytest.raises(AppError, match=message) as info:
        client.predict(api_name=endpoint, **kwargs)
    assert "Traceback" not in str(info.value)
    assert client.predict(text="a b", api_name="/loss_causal_lm")["tokens"] == ["a", " b"]
