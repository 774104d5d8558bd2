r"""Five training objectives on real models: causal LM, masked LM, contrastive, fine-tuning, prompt learning.

Source text, section 4.2 (预训练目标) and 4.3 (微调与提示学习):

    $L_{LM}(\theta)  = -\sum_{i=1}^{n} \log P(x_i \mid x_{<i};\theta)$                          (4.2.1)
    $L_{MLM}(\theta) = -\sum_{i=1}^{n} m_i \log P(x_i \mid x_{\backslash i};\theta)$            (4.2.2)
    $L_{CL}(\theta)  = -\sum_{i=1}^{n} \log \frac{\exp(sim(h_i,h_i')/\tau)}{\sum_j \exp(sim(h_i,h_j')/\tau)}$  (4.2.3)
    $L_{FT}(\theta)  = -\sum_{i=1}^{n} \log P(y_i \mid x_i;\theta)$                              (4.3.1)
    $L_{PL}(\theta)  = -\sum_{i=1}^{n} \log P(y_i \mid x_i, p_i;\theta)$                         (4.3.2)

The source writes sums; libraries report the mean over the n terms (what `labels=` returns): every result
here carries both. Losses are in nats (natural log). Every function returns a small frozen dataclass;
nothing here draws. Inputs are validated here, with a sentence a student understands.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from playground import models
from playground.errors import InputError, Term
from playground.inputs import THE_TEXT, whole_number
from playground.lazy import lazy

torch = lazy("torch")  # imported on first use: the page is served without it (playground/lazy.py)

CAUSAL_DEFAULT = "SmolLM2-135M-Instruct"
ENCODER_DEFAULT = "all-MiniLM-L6-v2"
PRETRAINED_MLM_HEADS = ("bert-base-uncased", "distilbert-base-uncased", "bert-base-chinese")  # real heads (Hub)

# Bounds that keep every request small on a shared 2-core machine.
MAX_TOKENS = 256
MAX_CHARS = 2000
MAX_PAIRS = 16
MAX_LABEL_WORDS = 8
MAX_LABEL_TOKENS = 8
MIN_TAU, MAX_TAU = 1e-3, 100.0
TOP_K = 5
SLOT = "{x}"


# ---- helpers ---------------------------------------------------------------------------------


def check_text(text: str, what: Term = THE_TEXT) -> str:
    if text is None or not str(text).strip():
        raise InputError("losses.err.empty", what=what)
    if len(text) > MAX_CHARS:
        raise InputError("losses.err.too_long", what=what, limit=MAX_CHARS, n=len(text))
    return str(text)


def seed_of(seed) -> int:
    return whole_number(seed, Term("the_seed"), 0, 2**63 - 1)


def token_pieces(tokenizer, ids, text: str | None = None, offsets=None) -> list[str]:
    """Each id as readable text. A byte-level piece of a longer character (SmolLM2 splits 猫 into UTF-8
    bytes) shows as that character followed by '·' when the text and offsets are given, else as its hex bytes."""
    pieces = []
    for n, i in enumerate(ids):
        piece = tokenizer.decode([int(i)])
        if "\ufffd" in piece:
            if text is not None and offsets is not None:
                start, end = offsets[n]
                piece = text[start:end].strip() + "·"
            else:
                piece = "<" + " ".join(f"{b:02x}" for b in _token_bytes(tokenizer, int(i))) + ">"
        pieces.append(piece)
    return pieces


def _token_bytes(tokenizer, i: int) -> bytes:
    """The raw bytes of a byte-level BPE token (GPT-2's byte-to-unicode table inverted)."""
    with models._IMPORT_LOCK:  # (the catalogue's lock) transformers' lazy modules are not thread-safe on first import
        from transformers.convert_slow_tokenizer import bytes_to_unicode

    inverse = {c: b for b, c in bytes_to_unicode().items()}
    return bytes(inverse.get(c, 63) for c in tokenizer.convert_ids_to_tokens(i))


def _device(net) -> torch.device:
    return next(net.parameters()).device


def _top(log_probs: torch.Tensor, tokenizer, k: int = TOP_K) -> list[list[tuple[str, float]]]:
    """For each row of log-probabilities (T, V): the k most likely tokens with their probabilities."""
    values, indices = log_probs.topk(k, dim=-1)  # (T, k)
    return [
        list(zip(token_pieces(tokenizer, row_ids), row_p.exp().tolist(), strict=True))
        for row_ids, row_p in zip(indices.tolist(), values, strict=True)
    ]


# ---- 4.2.1 causal language modelling -----------------------------------------------------------


@dataclass(frozen=True)
class CausalLMLoss:
    """Token i is predicted from tokens 0..i-1: T tokens give T-1 (context, target) pairs."""

    model: str
    tokens: list[str]  # (T,) the text as the model's tokens
    contexts: list[str]  # (T-1,) the end of x_<i (up to 6 tokens) as text, for i = 1..T-1
    surprisal: torch.Tensor  # (T-1,) -log P(x_i | x_<i) for i = 1..T-1, in nats
    top: list[list[tuple[str, float]]]  # (T-1, k) what the model expected at each step
    total: float  # the source's sum
    mean: float  # what `labels=` returns
    perplexity: float  # exp(mean)
    reference: float  # the model's own loss with labels=input_ids


def causal_lm_loss(text: str, model: str = CAUSAL_DEFAULT) -> CausalLMLoss:
    r"""$L_{LM} = -\sum_{i} \log P(x_i \mid x_{<i})$: shift by one, then cross-entropy (section 4.2.1).

    >>> r = causal_lm_loss("The capital of France is Paris")  # doctest: +SKIP
    >>> r.tokens[1], r.surprisal.shape  # doctest: +SKIP
    (' capital', torch.Size([5]))
    """
    if models.spec(model).role != models.CAUSAL_LM:
        raise InputError("losses.err.not_causal_head", model=model, default=CAUSAL_DEFAULT)
    lm = models.load(model)
    ids, pieces = _causal_ids(lm.tokenizer, check_text(text))
    with torch.no_grad():
        out = lm.model(input_ids=ids[None].to(_device(lm.model)), labels=ids[None].to(_device(lm.model)))
    logits = out.logits[0, :-1].float().cpu()  # (T-1, V): position t predicts token t+1
    targets = ids[1:]  # (T-1,) the shift by one
    log_probs = logits.log_softmax(-1)  # (T-1, V)
    surprisal = -log_probs.gather(-1, targets[:, None])[:, 0]  # (T-1,)
    mean = float(surprisal.mean())
    contexts = [("…" if i > 6 else "") + lm.tokenizer.decode(ids[max(0, i - 6) : i]) for i in range(1, len(ids))]
    return CausalLMLoss(
        model,
        pieces,
        contexts,
        surprisal,
        _top(log_probs, lm.tokenizer),
        float(surprisal.sum()),
        mean,
        math.exp(mean),
        float(out.loss),
    )


def _causal_ids(tokenizer, text: str) -> tuple[torch.Tensor, list[str]]:
    enc = tokenizer(text, add_special_tokens=False, return_offsets_mapping=True)
    ids = torch.tensor(enc["input_ids"], dtype=torch.long)  # (T,)
    if len(ids) > MAX_TOKENS:
        raise InputError("losses.err.too_many_tokens", n=len(ids), limit=MAX_TOKENS)
    if len(ids) < 2:
        raise InputError("losses.err.single_token")
    return ids, token_pieces(tokenizer, ids, text, enc["offset_mapping"])


# ---- 4.2.2 masked language modelling -------------------------------------------------------------


@dataclass(frozen=True)
class Masking:
    """BERT's recipe: choose each token with probability `rate`; of the chosen, 80% become [MASK],
    10% a random token, 10% stay as they are. The loss is computed on the chosen ones only (m_i = 1)."""

    chosen: torch.Tensor  # (T,) bool: m_i
    action: list[str]  # (T,) "mask" | "random" | "keep" | "" (not chosen)
    input_ids: torch.Tensor  # (T,) what the model reads
    labels: torch.Tensor  # (T,) original id where chosen, -100 elsewhere (ignored by cross-entropy)


def mask_tokens(
    ids: torch.Tensor, special: torch.Tensor, rate: float, seed: int, mask_id: int, vocab_size: int
) -> Masking:
    r"""$m_i \sim \mathrm{Bernoulli}(rate)$ on ordinary tokens, then 80/10/10 (as transformers' collator).

    At least one token is chosen (the one with the smallest draw) so that a short text has a loss.
    """
    check_rate(rate)
    gen = torch.Generator().manual_seed(seed_of(seed))
    draw = torch.rand(ids.shape, generator=gen).masked_fill(special, 2.0)  # (T,) specials never chosen
    chosen = draw < rate
    if not chosen.any():
        chosen[draw.argmin()] = True
    split = torch.rand(ids.shape, generator=gen)  # (T,) 0..0.8 mask, 0.8..0.9 random, 0.9..1 keep
    random_ids = torch.randint(vocab_size, ids.shape, generator=gen)
    to_mask, to_random = chosen & (split < 0.8), chosen & (split >= 0.8) & (split < 0.9)
    input_ids = torch.where(to_mask, mask_id, torch.where(to_random, random_ids, ids))
    action = [
        "mask" if m else "random" if r else "keep" if c else ""
        for m, r, c in zip(to_mask.tolist(), to_random.tolist(), chosen.tolist(), strict=True)
    ]
    return Masking(chosen, action, input_ids, torch.where(chosen, ids, -100))


def check_rate(rate: float) -> None:
    if rate is None or not math.isfinite(rate) or rate <= 0:
        raise InputError("losses.err.rate_zero")
    if rate >= 1:
        raise InputError("losses.err.rate_one")


@dataclass(frozen=True)
class MaskedLMLoss:
    model: str
    pretrained_head: bool  # False: all-MiniLM-L6-v2 has no MLM head, a seeded untrained one is used
    tokens: list[str]  # (T,) original tokens, with [CLS]/[SEP]
    shown: list[str]  # (T,) what the model read
    masking: Masking
    positions: list[int]  # chosen positions i (m_i = 1)
    losses: torch.Tensor  # (M,) -log P(x_i | corrupted input) at the chosen positions
    top: list[list[tuple[str, float]]]  # (M, k) the head's guesses there
    total: float
    mean: float
    uniform: float  # ln(vocab): the loss of a head that knows nothing
    reference: float  # the same loss from torch's cross_entropy with ignore_index=-100 over all positions


def masked_lm_loss(text: str, rate: float = 0.15, seed: int = 0, model: str = ENCODER_DEFAULT) -> MaskedLMLoss:
    r"""$L_{MLM} = -\sum_i m_i \log P(x_i \mid x_{\backslash i})$: loss only where $m_i = 1$ (section 4.2.2)."""
    check_rate(rate)
    tokenizer, logits_of, pretrained = mlm_model(model, seed)
    enc = tokenizer(check_text(text), return_tensors="pt", return_special_tokens_mask=True)
    ids = enc["input_ids"][0]  # (T,)
    if len(ids) > MAX_TOKENS:
        raise InputError("losses.err.too_many_tokens", n=len(ids), limit=MAX_TOKENS)
    masking = mask_tokens(
        ids, enc["special_tokens_mask"][0].bool(), rate, seed, tokenizer.mask_token_id, tokenizer.vocab_size
    )
    logits = logits_of(masking.input_ids[None])[0].float()  # (T, V)
    reference = torch.nn.functional.cross_entropy(logits, masking.labels, ignore_index=-100)
    log_probs = logits.log_softmax(-1)  # (T, V)
    positions = masking.chosen.nonzero()[:, 0]  # (M,)
    losses = -log_probs[positions].gather(-1, ids[positions][:, None])[:, 0]  # (M,)
    return MaskedLMLoss(
        model,
        pretrained,
        token_pieces(tokenizer, ids),
        token_pieces(tokenizer, masking.input_ids),
        masking,
        positions.tolist(),
        losses,
        _top(log_probs[positions], tokenizer),
        float(losses.sum()),
        float(losses.mean()),
        math.log(logits.shape[-1]),
        float(reference),
    )


def mlm_model(name: str, seed: int = 0):
    """(tokenizer, input_ids -> logits (B, T, V), pretrained?). A real MLM head when the model has one
    (bert-base-uncased from the Hub); for all-MiniLM-L6-v2, which ships without one, the trained encoder
    under a freshly initialised (seeded, untrained) BERT head whose decoder is tied to the trained word
    embeddings."""
    if name in PRETRAINED_MLM_HEADS:
        mlm = models.load(name, "masked-lm")
        return mlm.tokenizer, _logits_fn(mlm.model), True
    encoder = models.load(name)
    if models.spec(name).role != models.ENCODER:
        raise InputError("losses.err.mlm_needs_encoder", model=name, default=ENCODER_DEFAULT)
    head = untrained_mlm_head(encoder.model, seed)

    def logits_of(input_ids):
        with torch.no_grad():
            h = encoder.model(input_ids=input_ids.to(_device(encoder.model))).last_hidden_state  # (B, T, d)
            return head(h.float().cpu())  # (B, T, V)

    return encoder.tokenizer, logits_of, False


def _logits_fn(net):
    def logits_of(input_ids):
        with torch.no_grad():
            return net(input_ids=input_ids.to(_device(net))).logits.cpu()

    return logits_of


def untrained_mlm_head(encoder, seed: int = 0) -> torch.nn.Module:
    r"""BERT's MLM head, $\mathrm{logits} = \mathrm{LN}(\mathrm{gelu}(hW + b))\,E^T + b_{out}$, initialised as BERT
    initialises it (W ~ N(0, 0.02), biases 0, LayerNorm 1/0) from `seed`, with E = the encoder's TRAINED word
    embeddings (tied weights, as in BERT). Untrained: its loss starts near ln(vocab)."""
    with models._IMPORT_LOCK:  # (the catalogue's lock) transformers' lazy modules are not thread-safe on first import
        from transformers.models.bert.modeling_bert import BertLMPredictionHead

    config = encoder.config
    with torch.random.fork_rng(devices=[]):
        torch.manual_seed(seed_of(seed))
        head = BertLMPredictionHead(config)
        torch.nn.init.normal_(head.transform.dense.weight, std=config.initializer_range)
    torch.nn.init.zeros_(head.transform.dense.bias)
    torch.nn.init.ones_(head.transform.LayerNorm.weight)
    torch.nn.init.zeros_(head.transform.LayerNorm.bias)
    head.decoder.weight = torch.nn.Parameter(encoder.get_input_embeddings().weight.detach().float().cpu())
    head.decoder.bias = head.bias
    torch.nn.init.zeros_(head.bias)
    return head.eval().requires_grad_(False)


# ---- 4.2.2 with a real pretrained model offline: a causal LM reading both sides (Bayes' rule) ----------

MAX_INFILL_TOKENS = 48
MAX_INFILL_POSITIONS = 4
INFILL_CANDIDATES = 16


@dataclass(frozen=True)
class InfilledToken:
    position: int
    token: str  # the original x_i
    guesses: list[tuple[str, float]]  # top candidates by P(v | x_\i), renormalised over the candidates
    left_guesses: list[tuple[str, float]]  # top candidates by P(v | x_<i) alone (the left context only)
    loss: float  # -log P(x_i | x_\i) over the candidates
    left_loss: float  # -log P(x_i | x_<i) over the whole vocabulary (what L_LM charges for it)


@dataclass(frozen=True)
class CausalInfill:
    model: str
    tokens: list[str]  # (T,)
    items: list[InfilledToken]  # one per chosen position
    mean: float  # mean of the two-sided losses
    left_mean: float  # mean of the left-only losses at the same positions
    n_candidates: int


def causal_infill(
    text: str, rate: float = 0.15, seed: int = 0, model: str = CAUSAL_DEFAULT, k: int = INFILL_CANDIDATES
) -> CausalInfill:
    r"""$P(x_i = v \mid x_{\backslash i}) \propto P(v \mid x_{<i}) \prod_{t>i} P(x_t \mid x_{<t}[x_i := v])$.

    Bayes' rule turns a pretrained causal LM into the formula's two-sided predictor for ONE hidden token, all
    the others visible (exactly $x_{\backslash i}$ of section 4.2.2; BERT hides 15 % at once instead). The
    normaliser runs over k candidates (the left context's top k, plus the true token), not the whole
    vocabulary, so the loss is a lower bound of the exact one. Positions are drawn like `mask_tokens`
    (Bernoulli(rate), seeded), never the first token (it has no left context) nor a byte piece of a character,
    at most MAX_INFILL_POSITIONS.
    """
    check_rate(rate)
    lm = models.load(model)
    if models.spec(model).role != models.CAUSAL_LM:
        raise InputError("losses.err.not_causal", model=model, default=CAUSAL_DEFAULT)
    ids, pieces = _causal_ids(lm.tokenizer, check_text(text))
    if len(ids) > MAX_INFILL_TOKENS:
        raise InputError("losses.err.infill_too_long", limit=MAX_INFILL_TOKENS, n=len(ids))
    special = torch.tensor(["·" in piece for piece in pieces])  # a byte of a character is not a word to guess
    special[0] = True  # no left context
    if special.all():
        raise InputError("losses.err.nothing_to_hide")
    chosen = mask_tokens(ids, special, rate, seed, 0, 1).chosen.nonzero()[:, 0][:MAX_INFILL_POSITIONS]
    with torch.no_grad():
        left = lm.model(input_ids=ids[None].to(_device(lm.model))).logits[0].float().cpu().log_softmax(-1)  # (T, V)
    items = [_infill_one(lm, ids, int(i), left[int(i) - 1], k) for i in chosen]
    return CausalInfill(
        model,
        pieces,
        items,
        sum(item.loss for item in items) / len(items),
        sum(item.left_loss for item in items) / len(items),
        k + 1,
    )


def _infill_one(lm, ids: torch.Tensor, i: int, left_log_probs: torch.Tensor, k: int) -> InfilledToken:
    """Score every candidate v at position i with the whole sequence: log P(v | x_<i) + log P(x_>i | ..., v)."""
    top = left_log_probs.topk(k).indices
    candidates = torch.cat([ids[i : i + 1], top[top != ids[i]]])[: k + 1]  # (K,) the true token first
    seqs = ids.repeat(len(candidates), 1)  # (K, T)
    seqs[:, i] = candidates
    keep = len(ids) - i  # only positions i..T-1 need logits
    with torch.no_grad():
        logits = (
            lm.model(input_ids=seqs.to(_device(lm.model)), logits_to_keep=keep).logits.float().cpu()
        )  # (K, keep, V)
    log_probs = logits[:, :-1].log_softmax(-1)  # (K, T-1-i, V): position t predicts t+1
    right = log_probs.gather(-1, seqs[:, i + 1 :, None])[..., 0].sum(-1)  # (K,) log P(x_>i | x_<i, v)
    score = left_log_probs[candidates] + right  # (K,) log P(v, x_>i | x_<i)
    posterior = score.log_softmax(-1)  # (K,) over the candidates
    order = posterior.argsort(descending=True)[:TOP_K]
    names = token_pieces(lm.tokenizer, candidates)
    left_top = left_log_probs.topk(TOP_K)
    return InfilledToken(
        i,
        names[0],
        [(names[j], float(posterior[j].exp())) for j in order],
        list(zip(token_pieces(lm.tokenizer, left_top.indices), left_top.values.exp().tolist(), strict=True)),
        float(-posterior[0]),
        float(-left_log_probs[ids[i]]),
    )


# ---- 4.2.3 contrastive learning (InfoNCE) -------------------------------------------------------


def embed(texts: list[str], model: str = ENCODER_DEFAULT) -> torch.Tensor:
    r"""Sentence embeddings as sentence-transformers makes them: mean of the token vectors (padding excluded),
    then L2-normalised: $h = \frac{\sum_t m_t e_t}{\sum_t m_t}$, $h \leftarrow h / \lVert h \rVert$. (B, d)."""
    enc_model = models.load(model)
    if models.spec(model).role != models.ENCODER:
        raise InputError("losses.err.not_sentence_encoder", model=model, default=ENCODER_DEFAULT)
    enc = enc_model.tokenizer(texts, padding=True, truncation=True, max_length=MAX_TOKENS, return_tensors="pt")
    enc = {k: v.to(_device(enc_model.model)) for k, v in enc.items()}
    with torch.no_grad():
        e = enc_model.model(**enc).last_hidden_state.float()  # (B, T, d)
    m = enc["attention_mask"][..., None].float()  # (B, T, 1)
    h = (e * m).sum(1) / m.sum(1).clamp(min=1e-9)  # (B, d)
    return torch.nn.functional.normalize(h, dim=-1).cpu()


def parse_pairs(text: str) -> tuple[list[str], list[str]]:
    """'anchor | positive' one pair per line -> (anchors, positives)."""
    lines = [line for line in str(text or "").splitlines() if line.strip()]
    anchors, positives = [], []
    for n, line in enumerate(lines, 1):
        a, sep, p = line.partition("|")
        if not sep or not a.strip() or not p.strip():
            raise InputError("losses.err.not_a_pair", line=n)
        anchors.append(a.strip())
        positives.append(p.strip())
    check_batch(anchors)
    return anchors, positives


def check_batch(anchors: list[str]) -> None:
    if len(anchors) < 2:
        raise InputError("losses.err.one_pair")
    if len(anchors) > MAX_PAIRS:
        raise InputError("losses.err.too_many_pairs", limit=MAX_PAIRS, n=len(anchors))


def check_tau(tau: float) -> None:
    if tau is None or not math.isfinite(tau) or tau <= 0:
        raise InputError("losses.err.tau_zero")
    if not MIN_TAU <= tau <= MAX_TAU:
        raise InputError("losses.err.tau_range", low=MIN_TAU, high=MAX_TAU)


def info_nce(sim: torch.Tensor, tau: float) -> torch.Tensor:
    r"""Per-row InfoNCE: $\ell_i = -\log \frac{\exp(s_{ii}/\tau)}{\sum_j \exp(s_{ij}/\tau)}$, positives on the
    diagonal. sim (B, B) -> (B,)."""
    check_tau(tau)
    logits = sim / tau  # (B, B)
    return -logits.log_softmax(-1).diagonal()  # (B,)


@dataclass(frozen=True)
class ContrastiveLoss:
    model: str
    anchors: list[str]
    positives: list[str]
    tau: float
    sim: torch.Tensor  # (B, B) cosine sim(h_i, h_j')
    probs: torch.Tensor  # (B, B) row softmax of sim / tau
    losses: torch.Tensor  # (B,) per row
    total: float
    mean: float  # = MultipleNegativesRankingLoss(scale=1/tau)
    chance: float  # ln B: a model whose similarities are all equal
    accuracy: float  # rows whose positive has the highest similarity
    taus: torch.Tensor  # (K,) temperatures of the curve
    curve: torch.Tensor  # (K,) mean loss at each


def contrastive_loss(
    anchors: list[str], positives: list[str], tau: float = 0.05, model: str = ENCODER_DEFAULT
) -> ContrastiveLoss:
    r"""$L_{CL} = -\sum_i \log \frac{\exp(sim(h_i,h_i')/\tau)}{\sum_j \exp(sim(h_i,h_j')/\tau)}$ (section 4.2.3).

    The other pairs' positives are the negatives of row i ("in-batch negatives").
    """
    check_batch(anchors)
    check_tau(tau)
    if len(anchors) != len(positives):
        raise InputError("losses.err.unpaired")
    for s in anchors + positives:
        check_text(s, Term("a_batch_sentence"))
    h = embed(list(anchors) + list(positives), model)  # (2B, d)
    b = len(anchors)
    sim = h[:b] @ h[b:].T  # (B, B) cosine: the rows are unit vectors
    losses = info_nce(sim, tau)
    taus = torch.logspace(math.log10(0.005), math.log10(2.0), 60)
    curve = torch.stack([info_nce(sim, float(x)).mean() for x in taus])
    return ContrastiveLoss(
        model,
        list(anchors),
        list(positives),
        float(tau),
        sim,
        (sim / tau).softmax(-1),
        losses,
        float(losses.sum()),
        float(losses.mean()),
        math.log(b),
        float((sim.argmax(-1) == torch.arange(b)).float().mean()),
        taus,
        curve,
    )


# ---- 4.3.1 fine-tuning: a classification head on the encoder --------------------------------------

PAIR_LABELS = ("not a paraphrase", "paraphrase")


@dataclass(frozen=True)
class FineTuningLoss:
    model: str
    trained: bool  # False: a freshly initialised (seeded) head on the base encoder
    labels: tuple[str, ...]
    gold: int
    logits: torch.Tensor  # (C,)
    probs: torch.Tensor  # (C,)
    loss: float  # -log P(y | x)
    chance: float  # ln C: a head that knows nothing


def classification_head(hidden: int, n_labels: int, seed: int = 0, std: float = 0.02) -> torch.nn.Linear:
    """BERT's classifier as BERT initialises it: W ~ N(0, std), b = 0, from `seed`."""
    gen = torch.Generator().manual_seed(seed_of(seed))
    head = torch.nn.Linear(hidden, n_labels)
    with torch.no_grad():
        head.weight.copy_(torch.randn(n_labels, hidden, generator=gen) * std)
        head.bias.zero_()
    return head.eval().requires_grad_(False)


def fine_tuning_loss(
    text_a: str,
    text_b: str,
    gold: int,
    model: str = ENCODER_DEFAULT,
    seed: int = 0,
    labels: tuple[str, ...] = PAIR_LABELS,
    classifier: models.LoadedModel | None = None,
) -> FineTuningLoss:
    r"""$L_{FT} = -\log P(y \mid x) = -\log \mathrm{softmax}(W\,\mathrm{pool}(x) + b)_y$ (section 4.3.1).

    x is the pair "[CLS] a [SEP] b [SEP]" (segment ids 0 then 1); pool is BERT's pooler (tanh of a dense layer
    on [CLS]). Without `classifier`, W, b are a fresh seeded head on the base encoder (untrained). Pass a
    `LoadedModel` holding an `AutoModelForSequenceClassification` (e.g. a folder the Fine-tune tab trained)
    to get the trained model's loss instead; its config's id2label gives the labels.
    """
    check_text(text_a, Term("the_first_sentence"))
    check_text(text_b, Term("the_second_sentence"))
    if classifier is None and models.is_fine_tuned(model):  # trained in the Fine-tune tab: use its own head
        classifier = models.load(model, models.SEQUENCE_CLASSIFICATION)
    if classifier is not None:
        labels = tuple(classifier.model.config.id2label[i] for i in range(classifier.model.config.num_labels))
    try:
        gold = whole_number(gold, Term("the_gold_label"), 0, len(labels) - 1)
    except ValueError:
        raise InputError("losses.err.gold_label", known=", ".join(labels)) from None
    loaded = classifier or models.load(model)
    enc = loaded.tokenizer(text_a, text_b, truncation=True, max_length=MAX_TOKENS, return_tensors="pt")
    enc = {k: v.to(_device(loaded.model)) for k, v in enc.items()}
    with torch.no_grad():
        if classifier is not None:
            logits = classifier.model(**enc).logits[0].float().cpu()  # (C,)
        else:
            pooled = loaded.model(**enc).pooler_output.float().cpu()  # (1, d)
            logits = classification_head(pooled.shape[-1], len(labels), seed)(pooled)[0]  # (C,)
    log_probs = logits.log_softmax(-1)
    return FineTuningLoss(
        classifier.spec.name if classifier else model,
        classifier is not None,
        tuple(labels),
        int(gold),
        logits,
        log_probs.exp(),
        float(-log_probs[int(gold)]),
        math.log(len(labels)),
    )


# ---- 4.3.2 prompt learning: template + verbalizer on the causal LM --------------------------------


@dataclass(frozen=True)
class LabelWordScore:
    word: str
    tokens: list[str]  # the label word as the model's tokens (several for a multi-token word)
    token_log_probs: list[float]  # log P(w_k | prompt, w_<k) for each token
    log_prob: float  # their sum: log P(word | prompt), chain rule


@dataclass(frozen=True)
class PromptLoss:
    model: str
    prompt: str  # the template with the input filled in
    words: list[LabelWordScore]
    gold: int
    probs: torch.Tensor  # (K,) P(y | x, p) over the label words only (softmax of the log_probs)
    loss: float  # -log P(gold | x, p)
    reference: float  # torch cross_entropy on the K scores
    chance: float  # ln K
    mass: float  # sum over label words of P(word | prompt) on the whole vocabulary: how much they cover


def fill_template(template: str, text: str) -> str:
    if not template or SLOT not in template:
        raise InputError("losses.err.no_slot", slot=SLOT)
    return template.replace(SLOT, check_text(text))


def parse_label_words(text: str) -> list[str]:
    words = [w.strip() for w in str(text or "").split(",") if w.strip()]
    if len(words) < 2:
        raise InputError("losses.err.two_label_words")
    if len(words) > MAX_LABEL_WORDS:
        raise InputError("losses.err.too_many_label_words", limit=MAX_LABEL_WORDS)
    if len(set(words)) != len(words):
        raise InputError("losses.err.same_label_words")
    return words


def prompt_loss(text: str, template: str, label_words: list[str], gold: int, model: str = CAUSAL_DEFAULT) -> PromptLoss:
    r"""$L_{PL} = -\log P(y \mid x, p)$ with $P(y \mid x, p) = \frac{P(v(y) \mid p(x))}{\sum_{y'} P(v(y') \mid p(x))}$.

    p(x) is the template with x in its slot; v(y) the label word (verbalizer). A label word of several tokens
    $w_1..w_m$ is scored by the chain rule, $\log P(v \mid p) = \sum_k \log P(w_k \mid p, w_{<k})$ (section 4.3.2).
    The cross-entropy runs over the label words only, not over the whole vocabulary.
    """
    prompt = fill_template(template, text)
    if len(label_words) < 2:
        raise InputError("losses.err.two_label_words_short")
    if gold is None or not 0 <= int(gold) < len(label_words):
        raise InputError("losses.err.gold_label_word", known=", ".join(label_words))
    lm = models.load(model)
    prompt_ids = lm.tokenizer(prompt, add_special_tokens=False)["input_ids"]
    if len(prompt_ids) + MAX_LABEL_TOKENS > MAX_TOKENS:
        raise InputError("losses.err.prompt_too_long", n=len(prompt_ids), limit=MAX_TOKENS - 16)
    words = [_score_word(lm, prompt, prompt_ids, w) for w in label_words]
    scores = torch.tensor([w.log_prob for w in words], dtype=torch.float64)  # (K,)
    log_probs = scores.log_softmax(-1)
    reference = torch.nn.functional.cross_entropy(scores[None], torch.tensor([int(gold)]))
    return PromptLoss(
        model,
        prompt,
        words,
        int(gold),
        log_probs.exp(),
        float(-log_probs[int(gold)]),
        float(reference),
        math.log(len(words)),
        float(scores.exp().sum()),
    )


def completion(prompt: str, word: str) -> str:
    """The label word as it follows the prompt: after a space unless the prompt ends with whitespace."""
    return word if prompt[-1:].isspace() else " " + word


def _score_word(lm, prompt: str, prompt_ids: list[int], word: str) -> LabelWordScore:
    word_ids = lm.tokenizer(completion(prompt, word), add_special_tokens=False)["input_ids"]
    if len(word_ids) > MAX_LABEL_TOKENS:
        raise InputError("losses.err.long_label_word", word=word, n=len(word_ids))
    ids = torch.tensor(prompt_ids + word_ids)[None]  # (1, P + m)
    with torch.no_grad():
        logits = lm.model(input_ids=ids.to(_device(lm.model))).logits[0].float().cpu()  # (P + m, V)
    p = len(prompt_ids)
    log_probs = logits[p - 1 : -1].log_softmax(-1)  # (m, V): position p-1+k predicts w_k
    token_lp = log_probs.gather(-1, torch.tensor(word_ids)[:, None])[:, 0]  # (m,)
    return LabelWordScore(word, token_pieces(lm.tokenizer, word_ids), token_lp.tolist(), float(token_lp.sum()))
