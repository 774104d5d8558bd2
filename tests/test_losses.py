"""playground.losses against independent references: the models' own `labels=` losses, torch's cross_entropy,
transformers' BertForMaskedLM / BertForSequenceClassification, and sentence-transformers' MNRL loss."""

import math

import pytest
import torch

from playground import losses, models
from playground.errors import Term
from tests.coded import raises_key

SMOL, MINILM = losses.CAUSAL_DEFAULT, losses.ENCODER_DEFAULT


def tiny_bert_config(**extra):
    from transformers import BertConfig

    return BertConfig(
        vocab_size=50, hidden_size=16, num_hidden_layers=1, num_attention_heads=2, intermediate_size=32, **extra
    )


# ---- fast: pure functions --------------------------------------------------------------------


def test_masking_follows_80_10_10_and_ignores_unchosen_positions():
    ids = torch.arange(20_000) % 1000 + 5
    special = torch.zeros_like(ids, dtype=torch.bool)
    special[0] = special[-1] = True
    m = losses.mask_tokens(ids, special, rate=0.15, seed=0, mask_id=3, vocab_size=1000)
    chosen = m.chosen
    assert not chosen[0] and not chosen[-1]
    assert 0.14 < chosen.float().mean() < 0.16
    actions = [a for a in m.action if a]
    assert len(actions) == int(chosen.sum())
    share = {a: actions.count(a) / len(actions) for a in ("mask", "random", "keep")}
    assert 0.78 < share["mask"] < 0.82 and 0.08 < share["random"] < 0.12 and 0.08 < share["keep"] < 0.12
    masked = torch.tensor([a == "mask" for a in m.action])
    kept = torch.tensor([a == "keep" for a in m.action])
    assert (m.input_ids[masked] == 3).all() and (m.input_ids[kept] == ids[kept]).all()
    assert (m.input_ids[~chosen] == ids[~chosen]).all()
    assert (m.labels[~chosen] == -100).all() and (m.labels[chosen] == ids[chosen]).all()


def test_masking_is_seeded_and_always_chooses_one_token():
    ids, special = torch.arange(6) + 5, torch.tensor([True, False, False, False, False, True])
    a = losses.mask_tokens(ids, special, 0.01, 7, 3, 100)
    b = losses.mask_tokens(ids, special, 0.01, 7, 3, 100)
    assert a.action == b.action and torch.equal(a.input_ids, b.input_ids)
    assert int(a.chosen.sum()) == 1 and not a.chosen[0] and not a.chosen[-1]


@pytest.mark.parametrize(
    "rate, key",
    [
        (0, "losses.err.rate_zero"),
        (-0.2, "losses.err.rate_zero"),
        (1, "losses.err.rate_one"),
        (1.5, "losses.err.rate_one"),
    ],
)
def test_bad_masking_rate(rate, key):
    with raises_key(key):
        losses.check_rate(rate)


def test_info_nce_is_cross_entropy_with_the_diagonal_as_targets():
    sim = torch.nn.functional.normalize(torch.randn(5, 8, generator=torch.Generator().manual_seed(0)), dim=-1)
    sim = sim @ sim.T
    for tau in (0.01, 0.05, 1.0, 10.0):
        ref = torch.nn.functional.cross_entropy(sim / tau, torch.arange(5), reduction="none")
        torch.testing.assert_close(losses.info_nce(sim, tau), ref)
    equal = torch.zeros(4, 4)  # a model that knows nothing: every row's loss is ln B
    torch.testing.assert_close(losses.info_nce(equal, 0.1), torch.full((4,), math.log(4)))


@pytest.mark.parametrize("tau", [0, -1.0, float("nan"), float("inf"), None])
def test_a_temperature_that_divides_nothing_is_refused(tau):
    with raises_key("losses.err.tau_zero"):
        losses.check_tau(tau)


@pytest.mark.parametrize("tau", [1e-6, 1e4])
def test_bad_temperature(tau):
    with raises_key("losses.err.tau_range", low=losses.MIN_TAU, high=losses.MAX_TAU):
        losses.check_tau(tau)


def test_pairs_are_parsed_and_a_batch_of_one_is_refused():
    anchors, positives = losses.parse_pairs("a b | c d\n\n我喜欢猫 | 我很喜欢猫咪\n")
    assert anchors == ["a b", "我喜欢猫"] and positives == ["c d", "我很喜欢猫咪"]
    with raises_key("losses.err.one_pair"):
        losses.parse_pairs("only | one")
    with raises_key("losses.err.not_a_pair", line=2):
        losses.parse_pairs("a | b\nno separator")
    with raises_key("losses.err.too_many_pairs", limit=losses.MAX_PAIRS, n=losses.MAX_PAIRS + 1):
        losses.parse_pairs("\n".join(["a | b"] * (losses.MAX_PAIRS + 1)))


def test_template_and_label_words():
    assert losses.fill_template("Review: {x}\nSentiment:", "好") == "Review: 好\nSentiment:"
    with raises_key("losses.err.no_slot", slot="{x}"):
        losses.fill_template("Review:\nSentiment:", "text")
    with raises_key("losses.err.empty", what=Term("the_text")):
        losses.fill_template("{x}", "   ")
    assert losses.parse_label_words(" positive, negative ,neutral") == ["positive", "negative", "neutral"]
    for bad, key in [
        ("positive", "losses.err.two_label_words"),
        ("a, a", "losses.err.same_label_words"),
        (",".join("abcdefghi"), "losses.err.too_many_label_words"),
    ]:
        with raises_key(key):
            losses.parse_label_words(bad)
    assert losses.completion("Sentiment:", "positive") == " positive"
    assert losses.completion("Sentiment: ", "positive") == "positive"


def test_classification_head_is_seeded_like_bert():
    a, b, c = (losses.classification_head(384, 2, seed) for seed in (0, 0, 1))
    assert torch.equal(a.weight, b.weight) and not torch.equal(a.weight, c.weight)
    assert a.bias.abs().sum() == 0 and 0.015 < float(a.weight.std()) < 0.025


def test_untrained_mlm_head_equals_transformers_bert_for_masked_lm():
    """Our head on an encoder == BertForMaskedLM(labels=) with the same weights (tiny random BERT)."""
    from transformers import BertForMaskedLM, BertModel

    torch.manual_seed(0)
    config = tiny_bert_config()
    encoder = BertModel(config, add_pooling_layer=False).eval()
    head = losses.untrained_mlm_head(encoder, seed=3)
    reference = BertForMaskedLM(config).eval()
    reference.bert.load_state_dict(encoder.state_dict())
    reference.cls.predictions.load_state_dict(head.state_dict(), strict=False)
    reference.cls.predictions.decoder.weight = reference.bert.embeddings.word_embeddings.weight
    ids = torch.tensor([[2, 10, 11, 12, 13, 3]])
    labels = torch.tensor([[-100, 10, -100, -100, 13, -100]])
    with torch.no_grad():
        ours = head(encoder(ids).last_hidden_state)
        ref = reference(input_ids=ids, labels=labels)
    torch.testing.assert_close(ours, ref.logits)
    ce = torch.nn.functional.cross_entropy(ours[0], labels[0], ignore_index=-100)
    torch.testing.assert_close(ce, ref.loss)


# ---- slow: the real embedded models ----------------------------------------------------------


@pytest.mark.slow
@pytest.mark.parametrize("text", ["The capital of France is Paris.", "猫坐在垫子上。🐈 The cat sat.", "a b"])
def test_causal_lm_loss_equals_the_models_own_loss(text):
    r = losses.causal_lm_loss(text, SMOL)
    lm = models.load(SMOL)
    ids = torch.tensor([lm.tokenizer(text, add_special_tokens=False)["input_ids"]])
    with torch.no_grad():
        out = lm.model(input_ids=ids, labels=ids)
    assert r.mean == pytest.approx(float(out.loss), abs=1e-4)
    ce = torch.nn.functional.cross_entropy(out.logits[0, :-1].float(), ids[0, 1:], reduction="none")
    torch.testing.assert_close(r.surprisal, ce, atol=1e-4, rtol=1e-4)
    assert len(r.tokens) == ids.shape[1] and len(r.surprisal) == ids.shape[1] - 1
    assert r.total == pytest.approx(r.mean * len(r.surprisal), rel=1e-5)
    assert r.perplexity == pytest.approx(math.exp(r.mean))


@pytest.mark.slow
def test_causal_lm_expects_paris():
    r = losses.causal_lm_loss("The capital of France is Paris", SMOL)
    assert r.tokens[-1] == " Paris" and r.top[-1][0][0] == " Paris"
    assert r.surprisal[-1] < 1.0 < r.surprisal[0]


@pytest.mark.slow
@pytest.mark.parametrize(
    "text, key", [("", "losses.err.empty"), ("   ", "losses.err.empty"), ("Hello", "losses.err.single_token")]
)
def test_causal_lm_bad_text(text, key):
    with raises_key(key):
        losses.causal_lm_loss(text, SMOL)


@pytest.mark.slow
@pytest.mark.parametrize(
    "text, rate, seed", [("The cat sat on the mat because it was tired.", 0.3, 0), ("我喜欢猫", 0.5, 2)]
)
def test_masked_lm_loss_equals_bert_for_masked_lm(text, rate, seed):
    """MiniLM encoder + our untrained head == transformers' BertForMaskedLM holding the same weights."""
    from transformers import BertForMaskedLM

    r = losses.masked_lm_loss(text, rate, seed, MINILM)
    assert r.pretrained_head is False
    encoder = models.load(MINILM).model
    head = losses.untrained_mlm_head(encoder, seed)
    reference = BertForMaskedLM(encoder.config).eval()
    reference.bert.load_state_dict(encoder.state_dict(), strict=False)
    reference.cls.predictions.load_state_dict(head.state_dict(), strict=False)
    reference.cls.predictions.decoder.weight = reference.bert.embeddings.word_embeddings.weight
    with torch.no_grad():
        out = reference(input_ids=r.masking.input_ids[None], labels=r.masking.labels[None])
    assert r.mean == pytest.approx(float(out.loss), abs=1e-4)
    assert r.reference == pytest.approx(r.mean, abs=1e-5)
    assert r.positions == r.masking.chosen.nonzero()[:, 0].tolist() and len(r.positions) >= 1
    assert r.tokens[0] == "[CLS]" and 0 not in r.positions
    # an untrained head is near the uniform guess ln V, far from a trained BERT's 1-3 nats
    assert r.uniform == pytest.approx(math.log(30522))
    assert r.uniform - 1 < r.mean < r.uniform + 4


@pytest.mark.slow
def test_contrastive_loss_equals_sentence_transformers_mnrl():
    from sentence_transformers import SentenceTransformer
    from sentence_transformers.sentence_transformer.losses import MultipleNegativesRankingLoss

    from playground import embedded

    anchors = ["A man is playing a guitar.", "The bank raised interest rates.", "今天天气很好。"]
    positives = ["Someone plays the guitar.", "The central bank increased its rates.", "今天是晴天。"]
    st = SentenceTransformer(str(embedded.minilm_dir()), device="cpu")
    st_emb = st.encode(anchors, convert_to_tensor=True, normalize_embeddings=True)
    torch.testing.assert_close(losses.embed(anchors, MINILM), st_emb.cpu(), atol=1e-5, rtol=1e-4)
    for tau in (0.05, 0.5):
        r = losses.contrastive_loss(anchors, positives, tau, MINILM)
        loss = MultipleNegativesRankingLoss(st, scale=1 / tau)
        with torch.no_grad():
            ref = loss([st.tokenize(anchors), st.tokenize(positives)], None)
        assert r.mean == pytest.approx(float(ref), abs=1e-4)
        assert r.total == pytest.approx(3 * r.mean, rel=1e-5)
        torch.testing.assert_close(r.probs.sum(-1), torch.ones(3))
    assert r.chance == pytest.approx(math.log(3))
    assert r.curve[-1] > r.curve[0] and r.curve[-1] < r.chance  # warmer: towards ln B


@pytest.mark.slow
def test_fine_tuning_loss_equals_bert_for_sequence_classification():
    """The fresh head on MiniLM == BertForSequenceClassification(labels=) with the same weights; the same
    model passed as `classifier` (as a trained Fine-tune folder would be) gives the same loss."""
    from transformers import BertForSequenceClassification

    base = models.load(MINILM)
    r = losses.fine_tuning_loss("A man plays guitar.", "Someone plays the guitar.", 1, MINILM, seed=5)
    config = base.model.config.__class__.from_dict({**base.model.config.to_dict(), "num_labels": 2})
    reference = BertForSequenceClassification(config).eval()
    reference.bert.load_state_dict(base.model.state_dict())
    reference.classifier.load_state_dict(losses.classification_head(384, 2, seed=5).state_dict())
    enc = base.tokenizer("A man plays guitar.", "Someone plays the guitar.", return_tensors="pt")
    assert enc["token_type_ids"][0].tolist().count(1) > 0  # the second sentence is segment 1
    with torch.no_grad():
        out = reference(**enc, labels=torch.tensor([1]))
    assert r.loss == pytest.approx(float(out.loss), abs=1e-5)
    assert r.trained is False and r.chance == pytest.approx(math.log(2))
    assert abs(r.loss - math.log(2)) < 0.1  # untrained: close to a coin toss
    reference.config.id2label = {0: "different", 1: "same"}
    wrapped = models.LoadedModel(models.spec(MINILM), "test", base.tokenizer, reference)
    trained = losses.fine_tuning_loss("A man plays guitar.", "Someone plays the guitar.", 1, classifier=wrapped)
    assert trained.loss == pytest.approx(r.loss, abs=1e-5) and trained.labels == ("different", "same")
    assert losses.fine_tuning_loss("A man plays guitar.", "x", 0, MINILM, seed=6).loss != r.loss


@pytest.mark.slow
def test_prompt_loss_scores_label_words_by_the_chain_rule():
    template, words = "Review: {x}\nSentiment:", ["positive", "negative", "lukewarm"]
    r = losses.prompt_loss("I loved this film.", template, words, 0, SMOL)
    lm = models.load(SMOL)
    prompt_ids = lm.tokenizer(r.prompt, add_special_tokens=False)["input_ids"]
    for w in r.words:
        word_ids = lm.tokenizer(" " + w.word, add_special_tokens=False)["input_ids"]
        ids = torch.tensor([prompt_ids + word_ids])
        labels = ids.clone()
        labels[0, : len(prompt_ids)] = -100  # the model's own loss over the label word's tokens only
        with torch.no_grad():
            mean = float(lm.model(input_ids=ids, labels=labels).loss)
        assert w.log_prob == pytest.approx(-mean * len(word_ids), abs=1e-3)
        assert len(w.tokens) == len(word_ids)
    assert len(r.words[2].tokens) > 1  # " lukewarm" is several tokens
    scores = torch.tensor([[w.log_prob for w in r.words]])
    assert r.loss == pytest.approx(float(torch.nn.functional.cross_entropy(scores, torch.tensor([0]))), abs=1e-5)
    assert r.probs.argmax() == 0 and r.loss < r.chance == pytest.approx(math.log(3))
    assert 0 < r.mass < 1


@pytest.mark.slow
def test_prompt_bad_input():
    with raises_key("losses.err.no_slot"):
        losses.prompt_loss("text", "Review: x", ["a", "b"], 0)
    with raises_key("losses.err.gold_label_word", known="a, b"):
        losses.prompt_loss("text", "{x}", ["a", "b"], 2)
    with raises_key("losses.err.long_label_word", word="antidisestablishmentarianism " * 3):
        losses.prompt_loss("text", "{x}", ["a", "antidisestablishmentarianism " * 3], 0)


@pytest.mark.slow
def test_causal_infill_equals_whole_sequence_probabilities():
    """Bayes' rule by brute force: each candidate's whole-sentence log-probability from the model's own loss,
    softmaxed over the same candidates, gives the same P(x_i | x_\\i)."""
    text = "The cat sat on the mat because it was tired."
    r = losses.causal_infill(text, 0.3, 0, SMOL)
    lm = models.load(SMOL)
    ids = torch.tensor(lm.tokenizer(text, add_special_tokens=False)["input_ids"])
    assert 1 <= len(r.items) <= losses.MAX_INFILL_POSITIONS and all(it.position > 0 for it in r.items)
    for it in r.items:
        assert it.token == r.tokens[it.position]
        with torch.no_grad():
            left = lm.model(input_ids=ids[None]).logits[0, it.position - 1].float().log_softmax(-1)
        candidates = [int(ids[it.position])] + [c for c in left.topk(16).indices.tolist() if c != ids[it.position]]
        totals = []
        for c in candidates[:17]:
            seq = ids.clone()
            seq[it.position] = c
            with torch.no_grad():
                totals.append(-float(lm.model(input_ids=seq[None], labels=seq[None]).loss) * (len(ids) - 1))
        posterior = torch.tensor(totals, dtype=torch.float64).log_softmax(-1)
        assert it.loss == pytest.approx(-float(posterior[0]), abs=2e-3)
        assert it.left_loss == pytest.approx(-float(left[ids[it.position]]), abs=1e-4)
        assert sum(p for _, p in it.guesses) <= 1 + 1e-6
    assert r.mean < r.left_mean  # the right side helps


@pytest.mark.slow
def test_causal_infill_never_hides_a_byte_piece():
    r = losses.causal_infill("我喜欢这部电影，音乐很美。", 0.9, 0, SMOL)
    assert all("·" not in it.token for it in r.items)
    with raises_key("losses.err.infill_too_long", limit=losses.MAX_INFILL_TOKENS):
        losses.causal_infill("word " * 60, 0.2, 0, SMOL)
    with raises_key("losses.err.rate_one"):
        losses.causal_infill("The cat sat.", 1.0, 0, SMOL)
