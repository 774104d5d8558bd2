"""playground.scoring: label-word log-probabilities against a direct one-prompt-at-a-time computation,
calibration, confusion matrix, few-shot demonstrations, the committed data sets."""

from collections import Counter

import pytest
import torch

from playground import scoring
from playground.scoring import Example
from tests.coded import raises_key

MODEL = "SmolLM2-135M-Instruct"
FEW = [
    Example("I loved it, a wonderful evening.", "positive"),
    Example("Dirty room and rude staff. Never again.", "negative"),
    Example("好极了！", "positive"),
    Example("Terrible {braces} food.", "negative"),
]


def test_committed_data_sets_are_balanced_and_labelled():
    sentiment = scoring.load_dataset("multiemo sentiment (BIG-bench)")
    assert Counter(e.label for e in sentiment) == {"positive": 100, "negative": 100}
    topics = scoring.load_dataset("BBC News headlines (topics)")
    assert Counter(e.label for e in topics) == {
        c: 40 for c in ["business", "entertainment", "politics", "sports", "tech"]
    }
    assert all(e.text.strip() for e in sentiment + topics)
    assert len({e.label for e in scoring.load_dataset("multiemo sentiment (BIG-bench)", 10)}) == 2  # rows mixed


def test_calibration_divides_out_the_prior():
    probs = torch.tensor([[0.7, 0.3], [0.6, 0.4]], dtype=torch.float64)
    q = scoring.calibrate(probs, torch.tensor([0.8, 0.2], dtype=torch.float64))
    expected = torch.tensor([[0.7 / 0.8, 0.3 / 0.2], [0.6 / 0.8, 0.4 / 0.2]], dtype=torch.float64)
    torch.testing.assert_close(q, expected / expected.sum(-1, keepdim=True))
    uniform = scoring.calibrate(probs, torch.tensor([0.5, 0.5], dtype=torch.float64))
    torch.testing.assert_close(uniform, probs)  # a uniform prior changes nothing


def test_confusion_matrix_counts():
    matrix = scoring.confusion([0, 0, 1, 2, 2], [0, 1, 1, 2, 0], 3)
    assert matrix.tolist() == [[1, 1, 0], [0, 1, 0], [1, 0, 1]] and int(matrix.sum()) == 5


def test_label_words_parse_and_bad_sets():
    assert scoring.parse_label_words("positive: good\n\nnegative:  bad ") == {"positive": "good", "negative": "bad"}
    with raises_key("scoring.err.bad_label_line", line="positive good"):
        scoring.parse_label_words("positive good")
    with raises_key("scoring.err.one_class", label="pos"):
        scoring.check([Example("a", "pos"), Example("b", "pos")], {"pos": "good"})
    with raises_key("scoring.err.missing_words", classes="negative", first="negative"):
        scoring.check(FEW, {"positive": "good"})
    with raises_key("scoring.err.one_variable", n=2, names="text, other"):
        scoring.text_variable("Review: {text} {other}")


def test_few_shot_template_and_demonstrations():
    demos, rest = scoring.pick_demonstrations(FEW, 2)
    assert [d.label for d in demos] == ["negative", "positive"] and len(rest) == 2
    template = scoring.few_shot_template("Review: {text}\nSentiment:", demos, {"positive": "good", "negative": "bad"})
    assert template.endswith("Review: {text}\nSentiment:")
    assert "Dirty room and rude staff. Never again.\nSentiment: bad\n\nReview: I loved it" in template
    with raises_key("scoring.err.too_few_for_shots", shots=6):
        scoring.pick_demonstrations(FEW, 6)


# ---- the real model -------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def lm():
    from playground import models

    loaded = models.load(MODEL)
    return loaded.model, loaded.tokenizer


def direct_log_prob(net, tok, prompt: str, word: str) -> float:
    """One prompt at a time, no padding, the whole vocabulary: log P(word | prompt) summed over its tokens."""
    p_ids = tok(prompt, add_special_tokens=False).input_ids
    w_ids = tok(" " + word, add_special_tokens=False).input_ids
    ids = torch.tensor([p_ids + w_ids])
    with torch.no_grad():
        log_p = torch.log_softmax(net(ids).logits[0].double(), -1)
    return sum(float(log_p[len(p_ids) - 1 + j, t]) for j, t in enumerate(w_ids))


@pytest.mark.slow
@pytest.mark.parametrize("words", [["good", "bad"], ["excellent indeed", "awful"]])  # single / multi-token
def test_label_word_log_probs_equal_a_direct_computation(lm, words):
    net, tok = lm
    prompts = [f"Review: {e.text}\nSentiment:" for e in FEW]
    ours = scoring.word_log_probs(net, tok, prompts, words)  # batched, padded, gathered
    direct = torch.tensor([[direct_log_prob(net, tok, p, w) for w in words] for p in prompts], dtype=torch.float64)
    torch.testing.assert_close(ours, direct, atol=2e-4, rtol=0)


@pytest.mark.slow
def test_score_reports_consistent_metrics(lm):
    net, tok = lm
    scores = scoring.score(net, tok, "Review: {text}\nSentiment:", FEW, {"positive": "good", "negative": "bad"})
    assert scores.classes == ["negative", "positive"] and scores.word_tokens == [[" bad"], [" good"]]
    for calibrated in (False, True):
        matrix = scores.confusion(calibrated)
        assert int(matrix.sum()) == len(FEW)
        assert scores.accuracy(calibrated) == pytest.approx(float(matrix.trace()) / len(FEW))
    torch.testing.assert_close(scores.probs.sum(-1), torch.ones(len(FEW), dtype=torch.float64))
    assert abs(float(scores.prior.sum()) - 1) < 1e-9
