r"""Label-word scoring (a verbalizer): classify by asking the LM how likely each class's word is next.

Source text, sections 3.3 and 4.3.2: prompt learning predicts $y$ from $P(y \mid x, p; \theta)$. With a causal LM
and a template $p$ that ends where the answer goes ("Review: {text}\nSentiment:"), each class $c$ gets a label
word $w_c$ (" positive"), and for a word of several tokens $w_c = (t_1 .. t_m)$

    $\log P(w_c \mid x, p) = \sum_{j=1}^{m} \log P(t_j \mid x, p, t_{<j})$,
    $\hat y = \arg\max_c P(w_c \mid x, p)$  (the probabilities renormalised over the classes).

Calibration (Zhao et al. 2021, "Calibrate before use"): content-free inputs ("N/A", "", "[MASK]", averaged)
in the same template measure the prior $\hat p_{cf}$ the template puts on each label; dividing it out,
$q \propto p / \hat p_{cf}$, removes the template's bias towards one word.
"""

from __future__ import annotations

import json
import math
import random
from dataclasses import dataclass
from pathlib import Path

from playground.errors import InputError, Term
from playground.lazy import lazy
from playground.templates import render, variables

torch = lazy("torch")  # imported on first use: the page is served without it (playground/lazy.py)

DATA = Path(__file__).resolve().parents[1] / "assets" / "data"
DATASETS = {  # name -> (file, the template's variable holds the text)
    "multiemo sentiment (BIG-bench)": "multiemo_en_posneg.jsonl",
    "BBC News headlines (topics)": "bbc_headlines.jsonl",
}
CONTENT_FREE = ("N/A", "", "[MASK]")  # Zhao et al. 2021 average these three
MAX_EXAMPLES = 200
MAX_PROMPT_TOKENS = 1024  # per example: bounds a batch's memory
BATCH = {"cpu": 16, "mps": 32, "cuda": 64}  # prompts per forward pass: a GPU takes bigger batches
MAX_SHOTS = 8
MAX_ORDERS = 6


@dataclass(frozen=True)
class Example:
    text: str
    label: str


def load_dataset(name: str, n: int | None = None) -> list[Example]:
    """A committed labelled set (assets/data/*.jsonl), first n rows (they are shuffled, classes mixed)."""
    if name not in DATASETS:
        raise InputError("scoring.err.unknown_set", name=name, known=", ".join(DATASETS))
    rows = [json.loads(line) for line in (DATA / DATASETS[name]).read_text("utf-8").splitlines() if line.strip()]
    return [Example(r["text"], r["label"]) for r in rows[: n or len(rows)]]


def examples_from(records: list) -> list[Example]:
    """Your own labelled examples, [{"text": ..., "label": ...}, ...] (as JSON sends them), checked."""
    if not isinstance(records, list) or len(records) > MAX_EXAMPLES:
        raise InputError("scoring.err.not_a_list", limit=MAX_EXAMPLES)
    examples = []
    for n, record in enumerate(records, start=1):
        if not isinstance(record, dict) or not str(record.get("text") or "").strip() or record.get("label") is None:
            raise InputError("scoring.err.bad_example", n=n)
        examples.append(Example(str(record["text"]), str(record["label"])))
    return examples


def parse_label_words(text: str) -> dict[str, str]:
    """'positive: good\nnegative: bad' -> {"positive": "good", "negative": "bad"} (one class a line)."""
    words = {}
    for line in str(text or "").splitlines():
        if not line.strip():
            continue
        label, sep, word = line.partition(":")
        if not sep or not label.strip() or not word.strip():
            raise InputError("scoring.err.bad_label_line", line=line.strip())
        words[label.strip()] = word.strip()
    return words


def check(examples: list[Example], label_words: dict[str, str]) -> None:
    if not examples:
        raise InputError("scoring.err.empty_set")
    if len(examples) > MAX_EXAMPLES:
        raise InputError("scoring.err.too_many_examples", limit=MAX_EXAMPLES, n=len(examples))
    classes = sorted({e.label for e in examples})
    if len(classes) < 2:
        raise InputError("scoring.err.one_class", label=classes[0])
    missing = [c for c in classes if not str(label_words.get(c, "")).strip()]
    if missing:
        raise InputError("scoring.err.missing_words", classes=", ".join(missing), first=missing[0])


def word_ids(tokenizer, prompt: str, word: str) -> list[int]:
    """The label word's tokens as they follow the prompt: a space is put before it unless the prompt ends in one."""
    spaced = word if prompt[-1:].isspace() or word[:1].isspace() else " " + word
    return tokenizer(spaced, add_special_tokens=False).input_ids


# ---- the log-probabilities -------------------------------------------------------------------------


def _batch(tokenizer, sequences: list[list[int]], device) -> tuple[torch.Tensor, torch.Tensor]:
    """Right-padded ids (B, T) and attention mask (B, T)."""
    width = max(len(s) for s in sequences)
    pad = tokenizer.pad_token_id if tokenizer.pad_token_id is not None else 0
    ids = torch.full((len(sequences), width), pad, dtype=torch.long)
    mask = torch.zeros((len(sequences), width), dtype=torch.long)
    for row, seq in enumerate(sequences):
        ids[row, : len(seq)], mask[row, : len(seq)] = torch.tensor(seq), 1
    return ids.to(device), mask.to(device)


def word_log_probs(model, tokenizer, prompts: list[str], words: list[str]) -> torch.Tensor:
    r"""(N, C): $\log P(w_c \mid prompt_n) = \sum_j \log P(t_j \mid prompt_n, t_{<j})$.

    Single-token words need one forward pass per prompt (all classes read off the same next-token logits);
    multi-token words one pass per (prompt, class) with the word's tokens appended.
    """
    device = next(model.parameters()).device
    prompt_ids = [tokenizer(p, add_special_tokens=False).input_ids for p in prompts]
    if min(len(ids) for ids in prompt_ids) == 0:
        raise InputError("scoring.err.empty_prompt")
    too_long = max(len(ids) for ids in prompt_ids)
    if too_long > MAX_PROMPT_TOKENS:
        raise InputError("scoring.err.prompt_too_long", n=too_long, limit=MAX_PROMPT_TOKENS)
    targets = [[word_ids(tokenizer, p, w) for w in words] for p in prompts]  # (N, C, m)
    single = all(len(t) == 1 for row in targets for t in row)
    jobs = (
        [(n, None, prompt_ids[n]) for n in range(len(prompts))]
        if single
        else [(n, c, prompt_ids[n] + targets[n][c][:-1]) for n in range(len(prompts)) for c in range(len(words))]
    )
    out = torch.zeros(len(prompts), len(words), dtype=torch.float64)
    jobs.sort(key=lambda job: len(job[2]))  # similar lengths share a batch: less padding
    with torch.inference_mode():
        batch = BATCH.get(device.type, 16)
        for start in range(0, len(jobs), batch):
            chunk = jobs[start : start + batch]
            ids, mask = _batch(tokenizer, [seq for _, _, seq in chunk], device)
            h = model.base_model(input_ids=ids, attention_mask=mask).last_hidden_state  # (B, T, d)
            rows, positions = [], []  # only the positions that predict a label-word token go through the head
            for row, (n, c, _) in enumerate(chunk):
                first = len(prompt_ids[n]) - 1  # the position that predicts the word's first token
                width = 1 if c is None else len(targets[n][c])
                rows += [row] * width
                positions += range(first, first + width)
            logits = model.get_output_embeddings()(h[rows, positions])  # (P, V)
            log_p = torch.log_softmax(logits.float(), dim=-1).cpu()  # (P, V)
            at = 0
            for n, c, _ in chunk:
                if c is None:
                    out[n] = log_p[at, [t[0] for t in targets[n]]].double()
                    at += 1
                else:
                    t = targets[n][c]
                    out[n, c] = log_p[torch.arange(at, at + len(t)), t].sum().double()
                    at += len(t)
    return out


# ---- classification, calibration, metrics ----------------------------------------------------------


def normalise(log_probs: torch.Tensor) -> torch.Tensor:
    """(N, C) log P(w_c | x) -> (N, C) probabilities renormalised over the classes."""
    return torch.softmax(log_probs, dim=-1)


def calibrate(probs: torch.Tensor, prior: torch.Tensor) -> torch.Tensor:
    r"""$q \propto p / \hat p_{cf}$ (Zhao et al. 2021 with $W = diag(\hat p_{cf})^{-1}$, $b = 0$), rows sum to 1."""
    q = probs / prior
    return q / q.sum(dim=-1, keepdim=True)


def confusion(true: list[int], pred: list[int], n_classes: int) -> torch.Tensor:
    """(C, C) counts: row = true class, column = predicted class."""
    matrix = torch.zeros(n_classes, n_classes, dtype=torch.long)
    for t, p in zip(true, pred, strict=True):
        matrix[t, p] += 1
    return matrix


@dataclass(frozen=True)
class Scores:
    classes: list[str]
    words: list[str]
    word_tokens: list[list[str]]  # each label word's tokens (more than one: log-probs summed)
    prompts: list[str]
    true: list[int]
    log_probs: torch.Tensor  # (N, C) log P(w_c | x, p)
    probs: torch.Tensor  # (N, C) renormalised over the classes
    prior: torch.Tensor  # (C,) the content-free input's probabilities
    calibrated: torch.Tensor  # (N, C)

    def predictions(self, calibrated: bool = False) -> list[int]:
        return (self.calibrated if calibrated else self.probs).argmax(dim=-1).tolist()

    def accuracy(self, calibrated: bool = False) -> float:
        pred = self.predictions(calibrated)
        return sum(p == t for p, t in zip(pred, self.true, strict=True)) / len(self.true)

    def confusion(self, calibrated: bool = False) -> torch.Tensor:
        return confusion(self.true, self.predictions(calibrated), len(self.classes))


def text_variable(template: str) -> str:
    """The one variable that receives each example's text."""
    names = variables(template)
    if len(names) != 1:
        raise InputError("scoring.err.one_variable", n=len(names), names=", ".join(names) or Term("none"))
    return names[0]


def score(model, tokenizer, template: str, examples: list[Example], label_words: dict[str, str]) -> Scores:
    """Score every example's label words in the template, plus the content-free prior."""
    check(examples, label_words)
    name = text_variable(template)
    classes = sorted({e.label for e in examples})
    words = [label_words[c] for c in classes]
    prompts = [render(template, {name: e.text}) for e in examples]
    content_free = [p for p in (render(template, {name: text}) for text in CONTENT_FREE) if p.strip()]
    log_probs = word_log_probs(model, tokenizer, [*prompts, *content_free], words)  # (N + 3, C)
    probs = normalise(log_probs)
    prior = probs[len(prompts) :].mean(dim=0)  # (C,)
    word_tokens = [[tokenizer.decode([i]) for i in word_ids(tokenizer, prompts[0], w)] for w in words]
    return Scores(
        classes,
        words,
        word_tokens,
        prompts,
        [classes.index(e.label) for e in examples],
        log_probs[: len(prompts)],
        probs[: len(prompts)],
        prior,
        calibrate(probs[: len(prompts)], prior),
    )


# ---- few-shot demonstrations and their order -------------------------------------------------------


def few_shot_template(template: str, demos: list[Example], label_words: dict[str, str]) -> str:
    """k demonstrations, each the template filled with its text and followed by its label word, then the template.

    The result is a template again (braces in the demonstrations are escaped), with the same one variable.
    """
    name = text_variable(template)
    blocks = []
    for demo in demos:
        filled = render(template, {name: demo.text})
        sep = "" if filled[-1:].isspace() else " "
        blocks.append((filled + sep + label_words[demo.label]).replace("{", "{{").replace("}", "}}"))
    return "\n\n".join([*blocks, template])


@dataclass(frozen=True)
class OrderEffect:
    orders: list[list[str]]  # each order's demonstration labels, e.g. ["positive", "negative"]
    accuracy: list[float]
    calibrated_accuracy: list[float]


def order_effect(
    model,
    tokenizer,
    template: str,
    examples: list[Example],
    label_words: dict[str, str],
    shots: int,
    n_orders: int,
    seed: int = 0,
) -> OrderEffect:
    """The same `shots` demonstrations (one per class in turn, taken out of the scored set) in n_orders orders."""
    if not 1 <= shots <= MAX_SHOTS:
        raise InputError("scoring.err.shots", limit=MAX_SHOTS)
    if not 1 <= n_orders <= min(MAX_ORDERS, math.factorial(shots)):
        raise InputError("scoring.err.orders", limit=min(MAX_ORDERS, math.factorial(shots)))
    demos, rest = pick_demonstrations(examples, shots)
    rng = random.Random(seed)
    orders, seen = [], set()
    while len(orders) < n_orders:
        order = tuple(rng.sample(range(shots), shots)) if orders else tuple(range(shots))
        if order not in seen:
            seen.add(order)
            orders.append([demos[i] for i in order])
    results = [score(model, tokenizer, few_shot_template(template, o, label_words), rest, label_words) for o in orders]
    return OrderEffect(
        [[d.label for d in o] for o in orders],
        [r.accuracy() for r in results],
        [r.accuracy(calibrated=True) for r in results],
    )


def pick_demonstrations(examples: list[Example], shots: int) -> tuple[list[Example], list[Example]]:
    """`shots` demonstrations cycling through the classes, and the examples left to score."""
    by_class: dict[str, list[int]] = {}
    for index, example in enumerate(examples):
        by_class.setdefault(example.label, []).append(index)
    classes = sorted(by_class)
    picked = []
    for k in range(shots):
        pool = by_class[classes[k % len(classes)]]
        if k // len(classes) < len(pool) - 1:  # always leave one example of each class to score
            picked.append(pool[k // len(classes)])
    if len(picked) < shots:
        raise InputError("scoring.err.too_few_for_shots", shots=shots)
    rest = [e for i, e in enumerate(examples) if i not in set(picked)]
    return [examples[i] for i in picked], rest
