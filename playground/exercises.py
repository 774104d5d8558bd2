r"""Predict, then reveal: short questions whose answers the live model computes, never a stored key.

An `Exercise` belongs to a tab and to a section of the source text. A student commits an answer (one of a few
`choices`, a number, or a token); `live()` runs the model (or the formula) on the exercise's `inputs` and returns the
real answer with the numbers behind it; `check(answer, live)` compares them, a number within `tolerance`.
Everything is a code: the question is the text key `exercise.<id>`, the explanation `exercise.<id>.explain` (filled
with `Live.values`), a choice `exercise.choice.<code>` when the tables have one, else the code itself is its label.

    >>> ex = BY_ID["positional_sin"]
    >>> live = ex.live()
    >>> live.answer, ex.check("0.91", live), ex.check("0.5", live)
    ('0.9093', True, False)

Changing the inputs changes the answer (`ex.live(pos=0).answer == '0.0000'`): the key follows the model.
"""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field

from playground import (
    architecture,
    attention,
    generation,
    kv_cache,
    logit_lens,
    losses,
    models,
    ngram,
    positional,
    tokenization,
)
from playground.errors import InputError
from playground.lazy import lazy

torch = lazy("torch")  # imported on first use: the page is served without it (playground/lazy.py)

CHOICE, NUMBER, TOKEN = "choice", "number", "token"
MAX_ANSWER_CHARS = 100


@dataclass(frozen=True)
class Live:
    """The model's real answer (as a string `check` compares with) and the numbers its explanation shows."""

    answer: str
    values: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Exercise:
    id: str  # text keys exercise.<id> (question) and exercise.<id>.explain
    tab: str  # the id of the tab that shows it (ui.tabs.TABS)
    section: str  # the source text's section
    kind: str  # CHOICE, NUMBER or TOKEN
    compute: Callable[..., Live]  # inputs -> the live answer
    inputs: dict = field(default_factory=dict, hash=False)  # what the question is about (compute's arguments)
    choices: tuple[str, ...] = ()  # codes or values (CHOICE only)
    tolerance: float = 0.0  # NUMBER: |answer - live| <= tolerance + rel * |live|
    rel: float = 0.0

    def live(self, **changes) -> Live:
        """The answer on the live model for the exercise's inputs (some replaced by `changes`)."""
        return self.compute(**{**self.inputs, **changes})

    def parse(self, answer) -> str | float:
        """A student's answer as text -> the value compared; InputError with a sentence key when it cannot be."""
        text = unicodedata.normalize("NFKC", "" if answer is None else str(answer)).strip()
        if not text:
            raise InputError("exercise.err.empty")
        if len(text) > MAX_ANSWER_CHARS:
            raise InputError("exercise.err.too_long", limit=MAX_ANSWER_CHARS)
        if self.kind == CHOICE:
            if text not in self.choices:
                raise InputError("exercise.err.not_choice", known=", ".join(self.choices))
            return text
        if self.kind == NUMBER:
            return number(text)
        return token(text)

    def check(self, answer, live: Live) -> bool:
        """Right or wrong: the parsed answer against the live one."""
        value = self.parse(answer)
        if self.kind == NUMBER:
            truth = float(live.answer)
            return abs(value - truth) <= self.tolerance + self.rel * abs(truth)
        if self.kind == TOKEN:
            return value == token(live.answer)
        return value == live.answer


def number(text: str) -> float:
    """'1,234.5', '1e8', '½' -> float; InputError for anything else (nan and inf included)."""
    cleaned = text.replace(",", "").replace("_", "").replace(" ", "")
    try:
        value = float(cleaned)
    except ValueError:
        value = math.nan
    if not math.isfinite(value):
        raise InputError("exercise.err.not_number", value=text[:20])
    return value


def token(text: str) -> str:
    """A token as compared: no surrounding space, no tokenizer marks (Ġ, ▁, ##), case folded."""
    text = unicodedata.normalize("NFKC", text).strip()
    for mark in ("Ġ", "▁", "##", "␣"):
        text = text.removeprefix(mark)
    return text.strip().casefold()


def exercise(exercise_id: str) -> Exercise:
    """The exercise with this id; InputError when there is none."""
    if exercise_id not in BY_ID:
        raise InputError("exercise.err.unknown", id=str(exercise_id)[:40])
    return BY_ID[exercise_id]


def _round(x: float, digits: int = 4) -> str:
    return f"{x:.{digits}f}"


# ---- Tokens (§2.1) -----------------------------------------------------------------------------------------------


def more_tokens(en: str, zh: str, tokenizer: str) -> Live:
    """Which of a sentence and its translation takes more tokens."""
    loaded = tokenization.load_tokenizer(tokenizer)
    n_en, n_zh = (len(tokenization.encode(loaded, text).ids) for text in (en, zh))
    answer = "zh" if n_zh > n_en else "en" if n_en > n_zh else "same"
    return Live(answer, {"en_tokens": n_en, "zh_tokens": n_zh, "en_chars": len(en), "zh_chars": len(zh)})


def unseen_trigram(text: str, n: int) -> Live:
    """Whether an unsmoothed (MLE) n-gram model gives the text a finite perplexity."""
    scored = ngram.score(ngram.train_ngram("both"), text, ngram.NGramConfig(n=n, smoothing="mle"))
    smoothed = ngram.score(ngram.train_ngram("both"), text, ngram.NGramConfig(n=n))
    answer = "finite" if math.isfinite(scored.perplexity) else "infinite"
    first = scored.first_zero
    return Live(
        answer,
        {
            "zeros": scored.zero_count,
            "char": text[first] if first is not None else "",
            "kn": _round(smoothed.perplexity, 1),
        },
    )


# ---- Positions (§3.1.3, §5.1.2) ---------------------------------------------------------------------------------


def sinusoid(pos: int, i: int, d_model: int) -> Live:
    """$PE_{(pos, 2i)} = \\sin(pos / 10000^{2i/d})$."""
    value = positional.sinusoidal_value(pos, i, d_model)
    return Live(
        _round(value.sin), {"angle": _round(value.angle), "omega": _round(value.omega), "cos": _round(value.cos)}
    )


def rope_relative(head_dim: int, n_positions: int, theta: float, seed: int) -> Live:
    """Whether RoPE's scores q_m . k_n depend on m - n only (a Toeplitz matrix)."""
    q, k = positional.random_query_key(head_dim, seed)
    deviation = positional.toeplitz_deviation(positional.rope_scores(q, k, n_positions, theta))
    return Live("yes" if deviation < 1e-4 else "no", {"deviation": f"{deviation:.1e}"})


# ---- Attention (§3.1.1, §3.1.2, §4.1.1) --------------------------------------------------------------------------


def attended_word(model: str, text: str, word: str, candidates: tuple[str, ...], layer: int, head: int) -> Live:
    """Of the candidate words, the one `word` attends to most in one head (first token of each word)."""
    result = attention.attend(model, text)
    tokens = [tok.strip("␣ ").removeprefix("##").lower() for tok in result.tokens]
    query = tokens.index(word)
    row = result.attentions[layer, head, query]  # (T,) attention of `word` to every token
    weights = {c: float(row[tokens.index(c)]) for c in candidates}
    answer = max(weights, key=weights.get)
    return Live(answer, {c: _round(w, 3) for c, w in weights.items()} | {"top": _round(float(row.max()), 3)})


def key_value_heads(model: str) -> Live:
    """How many key/value heads a grouped-query-attention model keeps per layer."""
    net = models.load(model).model
    kv, heads = attention.kv_heads(net), net.config.num_attention_heads
    return Live(str(kv), {"heads": heads, "kv": kv, "group": heads // kv})


# ---- Architecture (§2.2.1, §4.1.3, §5.1.3) -----------------------------------------------------------------------


def gpt2_config(**sizes):
    from transformers import GPT2Config

    return GPT2Config(**sizes)


def parameters_millions(n_layer: int, n_embd: int, n_head: int, vocab_size: int, n_positions: int) -> Live:
    """Parameters of a GPT-2 configuration, in millions (from the sizes alone)."""
    config = gpt2_config(n_layer=n_layer, n_embd=n_embd, n_head=n_head, vocab_size=vocab_size, n_positions=n_positions)
    estimate = architecture.estimate_for_config(config)
    parts = {name.split("/")[0].lower(): round(n / 1e6, 1) for name, n in estimate.parts.items()}
    return Live(f"{estimate.params / 1e6:.1f}", parts)


def bigger_part(d_model: int, heads: int, d_ff: int) -> Live:
    """Whether one block's attention or its feed-forward network holds more parameters."""
    estimate = architecture.size_estimate(1, d_model, heads, d_ff, vocab=1, seq_len=1)
    attn, ffn = estimate.parts["attention"], estimate.parts["FFN"]
    return Live("ffn" if ffn > attn else "attention", {"attention": f"{attn:,}", "ffn": f"{ffn:,}"})


# ---- Inside the model (logit lens, KV cache) ---------------------------------------------------------------------


def next_token(model: str, text: str) -> Live:
    """The model's most likely next token (the lens at the last layer) and the first layer where it is on top."""
    lens = logit_lens.logit_lens(model, text)
    top = lens.top_tokens[-1][-1]
    first = next(layer for layer in range(len(lens.top_tokens)) if lens.top_tokens[layer][-1] == top)
    return Live(
        top, {"p": _round(float(lens.top_probs[-1, -1]), 3), "layer": first, "layers": len(lens.top_tokens) - 1}
    )


def cache_megabytes(model: str, tokens: int, bytes_per_number: int) -> Live:
    """The KV cache's size for `tokens` tokens: 2 x layers x kv heads x head dim x bytes, per token."""
    shape = kv_cache.cache_shape(models.load(model).model)
    per_token = 2 * shape.layers * shape.kv_heads * shape.head_dim * bytes_per_number
    values = {"layers": shape.layers, "kv": shape.kv_heads, "head_dim": shape.head_dim, "per_token": f"{per_token:,}"}
    return Live(f"{per_token * tokens / 1e6:.2f}", values)


# ---- Losses (§3.2, §4.2) -----------------------------------------------------------------------------------------


def higher_loss(en: str, zh: str, model: str) -> Live:
    """Which of a sentence and its translation has the higher mean causal LM loss (nats per token)."""
    loss_en, loss_zh = losses.causal_lm_loss(en, model), losses.causal_lm_loss(zh, model)
    answer = "zh" if loss_zh.mean > loss_en.mean else "en"
    return Live(answer, {"en": _round(loss_en.mean, 2), "zh": _round(loss_zh.mean, 2)})


def uniform_mlm_loss(text: str, model: str) -> Live:
    """The masked LM loss of a head that knows nothing: ln(vocabulary size)."""
    result = losses.masked_lm_loss(text, model=model)
    return Live(
        _round(result.uniform, 2), {"vocab": f"{round(math.exp(result.uniform)):,}", "mean": _round(result.mean, 2)}
    )


# ---- Fine-tuning (§3.3.1, §4.3.1) --------------------------------------------------------------------------------


def fresh_head_loss(text_a: str, text_b: str, gold: int, model: str) -> Live:
    """The fine-tuning loss before the first step: a fresh head knows nothing, so about ln(classes)."""
    result = losses.fine_tuning_loss(text_a, text_b, gold, model=model)
    values = {"chance": _round(result.chance, 3), "p": _round(float(result.probs[gold]), 3), "n": len(result.labels)}
    return Live(_round(result.loss, 3), values)


def head_parameters(model: str, classes: int) -> Live:
    """Parameters the classification head adds: W (classes x d) and b (classes)."""
    d = models.load(model).model.config.hidden_size
    return Live(str(d * classes + classes), {"d": d, "classes": classes})


# ---- Prompts (§3.3.2, §4.3.2, §5.2.3) ----------------------------------------------------------------------------


def sharpest_temperature(model: str, prompt: str, temperatures: tuple[float, ...]) -> Live:
    """At which temperature the most likely next token gets the largest probability ($p = softmax(z/T)$)."""
    loaded = generation.load_causal(model)
    ids = generation.encode(loaded.tokenizer, prompt, 10**6)
    with torch.no_grad():
        z = loaded.model(ids.to(loaded.model.device)).logits[0, -1].float().cpu()  # (V,)
    seen = torch.zeros_like(z, dtype=torch.bool)
    tops = {}
    for temperature in temperatures:
        config = generation.GenerationConfig(do_sample=True, temperature=temperature)
        final, _ = generation.filter_logits(z, seen, config)
        tops[temperature] = float(final.max())
    answer = max(tops, key=tops.get)
    values = {f"p{i}": _round(tops[temperature], 3) for i, temperature in enumerate(temperatures)}
    return Live(f"{answer:g}", values | {"token": generation.token_label(loaded.tokenizer, int(z.argmax()))})


def preferred_label_word(text: str, template: str, words: tuple[str, ...], model: str) -> Live:
    """Which label word the causal LM prefers after the filled template (the verbalizer's prediction)."""
    result = losses.prompt_loss(text, template, list(words), 0, model)
    best = int(result.probs.argmax())
    values = {f"p{i}": _round(float(p), 3) for i, p in enumerate(result.probs)}
    return Live(words[best], values)


# ---- the list ----------------------------------------------------------------------------------------------------

SMOL, MINILM = losses.CAUSAL_DEFAULT, losses.ENCODER_DEFAULT
EXERCISES: tuple[Exercise, ...] = (
    Exercise(
        "tokens_more", "tokens", "2.1", CHOICE, more_tokens,
        {"en": "Language models read tokens.", "zh": "语言模型读取词元。", "tokenizer": tokenization.GPT2},
        ("en", "zh", "same"),
    ),
    Exercise(
        "tokens_unseen", "tokens", "2.1.1", CHOICE, unseen_trigram, {"text": "qzx quiz", "n": 3},
        ("finite", "infinite"),
    ),
    Exercise(
        "positional_sin", "positional", "3.1.3", NUMBER, sinusoid, {"pos": 2, "i": 0, "d_model": 128}, tolerance=0.01
    ),
    Exercise(
        "positional_rope", "positional", "3.1.3", CHOICE, rope_relative,
        {"head_dim": 64, "n_positions": 32, "theta": 10000.0, "seed": 0}, ("yes", "no"),
    ),
    Exercise(
        "attention_it", "attention", "3.1.1", CHOICE, attended_word,
        {
            "model": MINILM, "text": "The animal didn't cross the street because it was too tired.", "word": "it",
            "candidates": ("animal", "street", "tired"), "layer": 3, "head": 1,
        },
        ("animal", "street", "tired"),
    ),
    Exercise("attention_kv", "attention", "3.1.2", NUMBER, key_value_heads, {"model": SMOL}),
    Exercise(
        "architecture_params", "architecture", "2.2.1", NUMBER, parameters_millions,
        {"n_layer": 12, "n_embd": 768, "n_head": 12, "vocab_size": 50257, "n_positions": 1024}, rel=0.05,
    ),
    Exercise(
        "architecture_part", "architecture", "4.1.3", CHOICE, bigger_part,
        {"d_model": 512, "heads": 8, "d_ff": 2048}, ("attention", "ffn"),
    ),
    Exercise("inside_next", "inside", "2.1.2", TOKEN, next_token, {"model": SMOL, "text": "The capital of France is"}),
    Exercise(
        "inside_cache", "inside", "4.1.2", NUMBER, cache_megabytes,
        {"model": SMOL, "tokens": 1000, "bytes_per_number": 2}, rel=0.1,
    ),
    Exercise(
        "losses_zh", "losses", "4.2.1", CHOICE, higher_loss,
        {"en": "The cat sat on the mat.", "zh": "猫坐在垫子上。", "model": SMOL}, ("en", "zh"),
    ),
    Exercise(
        "losses_uniform", "losses", "4.2.2", NUMBER, uniform_mlm_loss,
        {"text": "The cat sat on the mat.", "model": MINILM}, tolerance=0.1,
    ),
    Exercise(
        "finetune_step0", "finetune", "4.3.1", NUMBER, fresh_head_loss,
        {"text_a": "The cat sat on the mat.", "text_b": "A cat was sitting on the mat.", "gold": 1, "model": MINILM},
        tolerance=0.05,
    ),
    Exercise("finetune_head", "finetune", "5.2.2", NUMBER, head_parameters, {"model": MINILM, "classes": 2}),
    Exercise(
        "prompts_temperature", "prompts", "3.3.3", CHOICE, sharpest_temperature,
        {"model": SMOL, "prompt": "The capital of France is", "temperatures": (0.5, 1.0, 2.0)}, ("0.5", "1", "2"),
    ),
    Exercise(
        "prompts_label", "prompts", "4.3.2", CHOICE, preferred_label_word,
        {
            "text": "I loved every minute of this film.", "template": "Review: {x}\nSentiment:",
            "words": ("positive", "negative"), "model": SMOL,
        },
        ("positive", "negative"),
    ),
)  # fmt: skip
BY_ID: dict[str, Exercise] = {ex.id: ex for ex in EXERCISES}


def of_tab(tab_id: str) -> tuple[Exercise, ...]:
    """The exercises a tab shows, in the list's order."""
    return tuple(ex for ex in EXERCISES if ex.tab == tab_id)
