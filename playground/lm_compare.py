r"""The same text scored by a statistical and by a neural language model (section 2.1.1 against 2.1.2/2.1.3).

Both factor the probability of the text by the chain rule, but over different units:

    n-gram:  $P(\text{text}) = \prod_{t=1}^{C} P(c_t \mid c_{t-n+1} \dots c_{t-1})$ over the C characters,
    SmolLM2: $P(\text{text}) = \prod_{j=1}^{T} P(x_j \mid x_{<j})$ over its T BPE tokens.

Each token sequence spells exactly the text, so $-\log_2 P(\text{text})$ is, for both, the number of bits
needed to write that exact string: totals and bits per character compare fairly, perplexities do not (a
perplexity per character and one per token are different quantities; each is reported in its own unit).
To put the two side by side character by character, a token's bits are shared equally among the characters
it spells (byte pieces of one character add up on that character), so each row of `aligned_bits` sums to
its model's total. SmolLM2 reads the text after its document separator <|endoftext|>, as the n-gram reads it
after a line break: the first character costs bits in both.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from playground import generation, models, ngram
from playground.corpus import check_text, language_of, whole
from playground.lazy import lazy
from playground.tokenization import display_pieces, piece_bytes

torch = lazy("torch")  # imported on first use: the page is served without it (playground/lazy.py)

NEURAL = "SmolLM2-135M-Instruct"
SEPARATOR = "<|endoftext|>"  # id 0 in SmolLM2: what precedes every document in its training data
MAX_CHARS = 1000  # one forward pass of SmolLM2 on 2 cores: ~0.3 s per 300 tokens
SAMPLE_TOKENS = 24


@dataclass(frozen=True)
class NeuralToken:
    id: int
    display: str
    start: int  # characters text[start:end]
    end: int
    bits: float  # -log2 P(x_j | x_<j)


@dataclass(frozen=True)
class Comparison:
    text: str
    corpus: str  # the n-gram's training corpus ("en", "zh" or "both", from the text's script)
    ngram: ngram.NGramScore  # per character, with the factors of the product
    tokens: tuple[NeuralToken, ...]  # SmolLM2's tokens with their surprisal
    aligned_bits: np.ndarray  # (2, C): bits per character, row 0 n-gram, row 1 SmolLM2
    total_bits: tuple[float, float]  # -log2 P(text): n-gram, SmolLM2
    bits_per_char: tuple[float, float]
    perplexity: tuple[float, float]  # per character (n-gram), per token (SmolLM2)
    ngram_sample: ngram.NGramSample
    neural_sample: str


def neural_surprisal(text: str, model: str = NEURAL) -> tuple[NeuralToken, ...]:
    """Each of SmolLM2's tokens of the text with its surprisal in bits, after the document separator."""
    lm = models.load(model)
    encoding = lm.tokenizer(text, add_special_tokens=False, return_offsets_mapping=True)
    ids = [lm.tokenizer.convert_tokens_to_ids(SEPARATOR), *encoding["input_ids"]]
    with torch.inference_mode():
        logits = lm.model(input_ids=torch.tensor([ids], device=next(lm.model.parameters()).device)).logits
    log_probs = logits[0, :-1].float().cpu().log_softmax(-1)  # (T, V): position j predicts token j+1
    targets = torch.tensor(ids[1:])  # (T,)
    bits = (-log_probs.gather(-1, targets[:, None])[:, 0] / math.log(2)).tolist()  # $-\log_2 P(x_j \mid x_{<j})$
    tokens = lm.tokenizer.convert_ids_to_tokens(ids[1:])
    shown = display_pieces([piece_bytes(t, byte_level=True) for t in tokens])
    return tuple(
        NeuralToken(i, d, s, e, b)
        for i, (d, _), (s, e), b in zip(ids[1:], shown, encoding["offset_mapping"], bits, strict=True)
    )


def align(tokens: tuple[NeuralToken, ...], chars: int) -> np.ndarray:
    """(C,) bits per character: each token's bits shared equally by the characters it spells."""
    out = np.zeros(chars)
    for token in tokens:
        start, end = min(token.start, chars - 1), max(token.end, token.start + 1)
        out[start:end] += token.bits / (min(end, chars) - start)
    return out


def compare(
    text: str, config: ngram.NGramConfig = ngram.DEFAULT, prompt: str | None = None, seed: int = 0
) -> Comparison:
    """Score the text with the n-gram (trained on the corpus of its script) and SmolLM2; sample from each."""
    text = check_text(text, MAX_CHARS)
    prompt = check_text(prompt, MAX_CHARS) if prompt is not None else text[:12]
    seed = whole(seed, "seed", 0, 2**32 - 1)
    corpus = language_of(text)
    counts = ngram.train_ngram(corpus)
    scored = ngram.score(counts, text, config)
    tokens = neural_surprisal(text)
    aligned = np.stack([[f.surprisal for f in scored.factors], align(tokens, len(text))])  # (2, C)
    neural_bits = sum(t.bits for t in tokens)
    nats_per_token = neural_bits * math.log(2) / len(tokens)
    return Comparison(
        text,
        corpus,
        scored,
        tokens,
        aligned,
        (scored.total_bits, neural_bits),
        (scored.bits_per_char, neural_bits / len(text)),
        (scored.perplexity, math.exp(nats_per_token)),
        ngram.generate(counts, prompt, 2 * SAMPLE_TOKENS, config, seed=seed),
        neural_sample(prompt, seed),
    )


def neural_sample(prompt: str, seed: int, new_tokens: int = SAMPLE_TOKENS) -> str:
    """SmolLM2's sampled continuation of the prompt (temperature 1, seeded)."""
    lm = models.load(NEURAL)
    config = generation.GenerationConfig(max_new_tokens=new_tokens, do_sample=True, seed=seed)
    out = generation.generate(lm.model, lm.tokenizer, prompt, config, generation.context_length(lm.model))
    return out.decoded(lm.tokenizer)
