r"""Losses tab: five training objectives (source text §4.2-4.3) computed on real models, side by side.

Plain functions first (UI values -> playground.losses -> figures/text), layout next, wiring last.
Every objective's numbers are also served as JSON through a named API endpoint (`/loss_*`).
"""

from __future__ import annotations

import functools
import html
import math

import gradio as gr

from playground import exercises, losses, models
from playground.errors import InputError
from playground.lazy import lazy
from ui import header, plots
from ui.i18n import headed, t
from ui.i18n.en import EN
from ui.sharing import notebooks, snippets
from ui.tab import Draw, Param, Scene, Sentence, Share, SubView, Tab
from ui.view import on, view

torch = lazy("torch")  # imported on first use: the page is served without it (playground/lazy.py)


# ---- each loss once per input: its view and its notebook share it -------------------------------------------------
# A notebook exported after its view was drawn reads the numbers the view computed (bench/notebooks.py: <= 0.5 s an
# export) instead of running the model again. The engine's results are only read.


@functools.lru_cache(maxsize=4)
def causal_of(text: str, model: str) -> losses.CausalLMLoss:
    return losses.causal_lm_loss(text, model)


@functools.lru_cache(maxsize=4)
def masked_of(text: str, rate: float, seed: int, model: str) -> losses.MaskedLMLoss:
    return losses.masked_lm_loss(text, rate, seed, model)


@functools.lru_cache(maxsize=4)
def contrastive_of(anchors: tuple, positives: tuple, tau: float, model: str) -> losses.ContrastiveLoss:
    return losses.contrastive_loss(list(anchors), list(positives), tau, model)


@functools.lru_cache(maxsize=4)
def fine_tuning_of(text_a: str, text_b: str, gold: int, model: str, seed: int) -> losses.FineTuningLoss:
    return losses.fine_tuning_loss(text_a, text_b, gold, model=model, seed=seed)


@functools.lru_cache(maxsize=4)
def prompt_of(text: str, template: str, words: tuple, gold: int) -> losses.PromptLoss:
    return losses.prompt_loss(text, template, list(words), gold)


DEFAULT_TEXT = "I loved this film, the music was wonderful."
DEFAULT_PARAPHRASE = "The movie was great and its soundtrack was beautiful."
DEFAULT_PAIRS = "\n".join(
    [
        "A man is playing a guitar. | Someone is playing an acoustic guitar.",
        "A man is playing a piano. | A pianist performs on stage.",
        "The bank raised interest rates. | The central bank increased its rates.",
        "We sat on the river bank. | They rested by the side of the river.",
        "今天天气很好。 | 今天是晴天。",
        "我喜欢喝咖啡。 | I love drinking coffee.",
    ]
)
DEFAULT_TEMPLATE = "Review: {x}\nSentiment:"
DEFAULT_WORDS = "positive, negative"
LATEX = [{"left": "$$", "right": "$$", "display": True}, {"left": "$", "right": "$", "display": False}]
DECIMALS = 5
COLOURS = {"seen": "#e8e8e8", "predict": "#ffb199", "mask": "#333333", "random": "#b39ddb", "keep": "#ffd54f"}
# Column headers of the tables, by key: the handlers send them in the page's language with the rows; the layout
# starts with the English ones (gradio translates no table header), replaced at the first draw.
LM_COLUMNS = tuple(f"loss.lm.col_{name}" for name in ("i", "context", "target", "p", "surprisal", "guess"))
MLM_COLUMNS = tuple(f"loss.mlm.col_{name}" for name in ("position", "original", "reads", "action", "loss", "guesses"))
INFILL_COLUMNS = tuple(
    f"loss.mlm.infill_col_{name}" for name in ("position", "original", "both", "both_guesses", "left", "left_guesses")
)
PL_COLUMNS = tuple(f"loss.pl.col_{name}" for name in ("word", "tokens", "n", "token_log_p", "log_p", "p"))
PAIR_LABEL_KEYS = {"paraphrase": "ft.same", "not a paraphrase": "ft.different"}


# ---- helpers ---------------------------------------------------------------------------------


def model_choices(role: str) -> list[tuple[str, str]]:
    """Catalogue models of a role; unavailable ones stay listed, labelled, with the reason on use."""
    return header.model_choices(models.names(role))


def mlm_choices() -> list[tuple[str, str]]:
    labelled = []
    for label, name in model_choices(models.ENCODER):
        if name == "bert-base-chinese":
            continue
        head = t("loss.mlm.real_head") if name in losses.PRETRAINED_MLM_HEADS else t("loss.mlm.untrained_head")
        labelled.append((f"{label} — {head}", name))
    return labelled


def pair_label(label: str) -> str:
    """A sentence-pair label ('paraphrase', 'not a paraphrase') in the page's language; another label unchanged."""
    return t(PAIR_LABEL_KEYS[label]) if label in PAIR_LABEL_KEYS else label


def num(x: float, digits: int = 4) -> str:
    return f"{x:.{digits}f}"


def chip(token: str, colour: str, title: str = "", border: str = "#999", text_colour: str = "#111") -> str:
    """A token (or a whole input: a pair, a prompt) as a coloured box; its spaces kept, a text longer than the line
    wraps inside its box (white-space:pre pushed a long sentence's pair past the page's right edge)."""
    shown = html.escape(token.replace("\n", "⏎")) or "␣"
    return (
        f'<span title="{html.escape(title)}" style="display:inline-block;margin:2px;padding:2px 5px;'
        f"border:1px solid {border};border-radius:4px;background:{colour};color:{text_colour};"
        f'font-family:monospace;white-space:pre-wrap;overflow-wrap:anywhere">{shown}</span>'
    )


def heat_colour(value: float, top: float) -> str:
    """White (0 nats) to red (top nats)."""
    share = max(0.0, min(1.0, value / top)) if top > 0 else 0.0
    g = int(255 - 170 * share)
    return f"rgb(255,{g},{g})"


def rounded(values, decimals: int = DECIMALS):
    return torch.round(torch.as_tensor(values).double(), decimals=decimals).tolist()


# ---- causal LM -------------------------------------------------------------------------------


def causal_text_html(r: losses.CausalLMLoss) -> str:
    top = max(float(r.surprisal.max()), 1.0)
    parts = [chip(r.tokens[0], "#ffffff", t("loss.lm.first"), border="#ccc")]
    for tok, s, guess in zip(r.tokens[1:], r.surprisal.tolist(), r.top, strict=True):
        parts.append(chip(tok, heat_colour(s, top), t("loss.lm.chip", s=s, guess=repr(guess[0][0]))))
    return f'<div class="loss-tokens">{"".join(parts)}</div><p>{html.escape(t("loss.lm.colour_note"))}</p>'


def causal_pairs_table(r: losses.CausalLMLoss) -> dict:
    """The shift by one: which context predicts which token."""
    rows = []
    for i, (context, tok, s, guess) in enumerate(
        zip(r.contexts, r.tokens[1:], r.surprisal.tolist(), r.top, strict=True)
    ):
        rows.append([i + 1, context, tok, f"{math.exp(-s):.3g}", round(s, 4), guess[0][0]])
    return headed(rows, LM_COLUMNS)


def causal_formula(r: losses.CausalLMLoss) -> str:
    n = len(r.surprisal)
    return t(
        "loss.lm.live",
        n=n,
        total=num(r.total),
        mean=num(r.mean),
        ppl=f"{r.perplexity:.2f}",
        ref=num(r.reference, 6),
        diff=f"{abs(r.mean - r.reference):.1e}",
        first=html.escape(r.tokens[0]),
    )


@view(gpu=True)
def run_causal(text, model):
    r = causal_of(text, model)
    return (
        plots.token_bars(
            r.tokens[1:],
            r.surprisal,
            t("loss.lm.bars_title", model=r.model),
            t("loss.lm.bars_axis"),
            r.mean,
            t("loss.lm.mean_level", mean=r.mean),
        ),
        causal_text_html(r),
        causal_pairs_table(r),
        causal_formula(r),
    )


# ---- masked LM -------------------------------------------------------------------------------


def masked_html(r: losses.MaskedLMLoss) -> str:
    original, shown = [], []
    for tok, seen, action in zip(r.tokens, r.shown, r.masking.action, strict=True):
        colour = COLOURS.get(action, COLOURS["seen"]) if action else COLOURS["seen"]
        original.append(
            chip(tok, COLOURS["predict"] if action else COLOURS["seen"], t("loss.mlm.chip_target") if action else "")
        )
        text_colour = "#fff" if action == "mask" else "#111"
        shown.append(chip(seen, colour, t(f"loss.mlm.action_{action}") if action else "", text_colour=text_colour))
    legend = " ".join(
        chip(t(f"loss.mlm.action_{a}"), COLOURS[a], text_colour="#fff" if a == "mask" else "#111")
        for a in ("mask", "random", "keep")
    )
    return (
        f"<p><b>{t('loss.mlm.row_original')}</b></p><div>{''.join(original)}</div>"
        f"<p><b>{t('loss.mlm.row_shown')}</b></p><div>{''.join(shown)}</div><p>{legend}</p>"
    )


def masked_table(r: losses.MaskedLMLoss) -> dict:
    rows = []
    for pos, loss, guesses in zip(r.positions, r.losses.tolist(), r.top, strict=True):
        top = ", ".join(f"{tok!r} {p:.3f}" for tok, p in guesses)
        action = t(f"loss.mlm.cell_{r.masking.action[pos]}")  # mask / random / keep
        rows.append([pos, r.tokens[pos], r.shown[pos], action, round(loss, 4), top])
    return headed(rows, MLM_COLUMNS)


@view(gpu=True)
def run_masked(text, rate, seed, model):
    r = masked_of(text, float(rate), int(seed), model)
    head = t("loss.mlm.head_real") if r.pretrained_head else t("loss.mlm.head_untrained", model=r.model)
    live = t(
        "loss.mlm.live",
        m=len(r.positions),
        n=len(r.tokens),
        total=num(r.total),
        mean=num(r.mean),
        uniform=num(r.uniform),
        vocab=f"{round(torch.tensor(r.uniform).exp().item()):,}",
        ref=num(r.reference, 6),
    )
    return (
        f"{head}\n\n{live}",
        masked_html(r),
        masked_table(r),
        plots.token_bars(
            [r.tokens[p] for p in r.positions],
            r.losses,
            t("loss.mlm.bars_title"),
            t("loss.mlm.bars_axis"),
            r.uniform,
            t("loss.mlm.uniform_level"),
        ),
    )


def infill_table(r: losses.CausalInfill) -> dict:
    fmt = lambda guesses: ", ".join(f"{tok!r} {p:.3f}" for tok, p in guesses)
    rows = [
        [it.position, it.token, round(it.loss, 4), fmt(it.guesses), round(it.left_loss, 4), fmt(it.left_guesses)]
        for it in r.items
    ]
    return headed(rows, INFILL_COLUMNS)


@view(gpu=True)
def run_infill(text, rate, seed):
    r = losses.causal_infill(text, float(rate), int(seed))
    live = t(
        "loss.mlm.infill_live",
        m=len(r.items),
        mean=num(r.mean),
        left=num(r.left_mean),
        k=r.n_candidates,
        model=r.model,
    )
    return live, infill_table(r)


# ---- contrastive -----------------------------------------------------------------------------


def short(texts: list[str], width: int = 22) -> list[str]:
    return [f"{i + 1}: {s[:width]}{'…' if len(s) > width else ''}" for i, s in enumerate(texts)]


@view(gpu=True)
def run_contrastive(pairs_text, tau, model):
    anchors, positives = losses.parse_pairs(pairs_text)
    r = contrastive_of(tuple(anchors), tuple(positives), float(tau), model)
    rows, cols = short(r.anchors), short(r.positives)
    hover = t("loss.cl.hover")
    positive, anchor = t("loss.cl.axis_positive"), t("loss.cl.axis_anchor")
    live = t(
        "loss.cl.live",
        b=len(anchors),
        tau=f"{r.tau:g}",
        s11=num(float(r.sim[0, 0])),
        p11=num(float(r.probs[0, 0])),
        l1=num(float(r.losses[0])),
        total=num(r.total),
        mean=num(r.mean),
        chance=num(r.chance),
        acc=f"{100 * r.accuracy:.0f}",
        scale=f"{1 / r.tau:g}",
    )
    return (
        plots.heatmap(r.sim, t("loss.cl.sim_title"), positive, anchor, x=cols, y=rows, hover=hover),
        plots.heatmap(
            r.probs,
            t("loss.cl.prob_title", tau=f"{r.tau:g}"),
            positive,
            anchor,
            diverging=False,
            x=cols,
            y=rows,
            hover=hover,
        ),
        plots.token_bars(
            rows, r.losses, t("loss.cl.rows_title"), t("loss.cl.rows_axis"), r.chance, t("loss.cl.chance_level")
        ),
        plots.loss_curve(
            r.taus,
            r.curve,
            r.chance,
            "ln B",
            r.tau,
            t("loss.cl.curve_title"),
            t("loss.cl.curve_x"),
            t("loss.cl.curve_y"),
        ),
        live,
    )


# ---- fine-tuning -----------------------------------------------------------------------------


def ft_choices() -> list[tuple[str, str]]:
    """The base encoder under an untrained head, then every model trained in the Fine-tune tab."""
    kept = [name for name in models.names(models.ENCODER) if models.is_fine_tuned(name)]
    return [(f"{losses.ENCODER_DEFAULT} — {t('loss.mlm.untrained_head')}", losses.ENCODER_DEFAULT)] + [
        (name, name) for name in kept
    ]


@view(gpu=True)
def run_fine_tuning(text_a, text_b, gold, seed, model=losses.ENCODER_DEFAULT):
    gold_index = losses.PAIR_LABELS.index(gold) if gold in losses.PAIR_LABELS else gold
    r = fine_tuning_of(text_a, text_b, gold_index, model or losses.ENCODER_DEFAULT, int(seed))
    live = t(
        "loss.ft.live",
        z0=num(float(r.logits[0])),
        z1=num(float(r.logits[1])),
        gold=pair_label(r.labels[r.gold]),
        p=num(float(r.probs[r.gold])),
        loss=num(r.loss),
        chance=num(r.chance),
    )
    note = t("loss.ft.untrained", seed=int(seed)) if not r.trained else ""
    labels = [pair_label(label) for label in r.labels]
    figure = plots.bars(labels, r.probs, t("loss.ft.bars_title"), t("loss.ft.axis_label"), "P(y | x)")
    return figure, f"{note}\n\n{live}"


# ---- prompt learning -------------------------------------------------------------------------


def prompt_table(r: losses.PromptLoss) -> dict:
    rows = [
        [
            w.word,
            " | ".join(w.tokens),
            len(w.tokens),
            ", ".join(f"{lp:.3f}" for lp in w.token_log_probs),
            round(w.log_prob, 4),
            round(float(p), 4),
        ]
        for w, p in zip(r.words, r.probs, strict=True)
    ]
    return headed(rows, PL_COLUMNS)


@view(gpu=True)
def run_prompt(text, template, words_text, gold):
    words = losses.parse_label_words(words_text)
    gold_index = words.index(gold.strip()) if gold and gold.strip() in words else None
    if gold_index is None:
        raise InputError("losses.err.gold_label_word", known=", ".join(words))
    r = prompt_of(text, template, tuple(words), gold_index)
    multi = [w.word for w in r.words if len(w.tokens) > 1]
    live = t(
        "loss.pl.live",
        prompt=html.escape(r.prompt).replace("\n", "⏎"),
        gold=html.escape(words[r.gold]),
        lp=num(r.words[r.gold].log_prob),
        p=num(float(r.probs[r.gold])),
        loss=num(r.loss),
        chance=num(r.chance),
        mass=f"{100 * r.mass:.2f}",
    )
    note = t("loss.pl.multi", words=", ".join(multi)) if multi else ""
    return (
        plots.bars(words, r.probs, t("loss.pl.bars_title"), t("loss.pl.axis_word"), "P(y | x, p)"),
        prompt_table(r),
        f"{live}\n\n{note}",
    )


# ---- side by side ----------------------------------------------------------------------------


def diagram_row(name: str, chips: list[str], target: str) -> str:
    return (
        f"<tr><td style='padding:6px;vertical-align:top'><b>{name}</b></td>"
        f"<td style='padding:6px'>{''.join(chips)}</td><td style='padding:6px;vertical-align:top'>{target}</td></tr>"
    )


def mask_diagram(lm, mlm, cl, ft, pl) -> str:
    """What each objective lets the model see (grey) and what it must predict (orange), for the same text."""
    lm_chips = [chip(lm.tokens[0], COLOURS["seen"], t("loss.sum.first"))] + [
        chip(tok, COLOURS["predict"], t("loss.sum.lm_chip")) for tok in lm.tokens[1:]
    ]
    mlm_chips = [
        chip(
            seen,
            COLOURS[a] if a else COLOURS["seen"],
            t(f"loss.mlm.action_{a}") if a else "",
            text_colour="#fff" if a == "mask" else "#111",
        )
        for seen, a in zip(mlm.shown, mlm.masking.action, strict=True)
    ]
    n = len(cl.anchors)
    cl_chips = [chip(cl.anchors[0], COLOURS["seen"]), " → ", chip(t("loss.sum.cl_chip", n=n), COLOURS["predict"])]
    ft_chips = [
        chip(f"[CLS] {cl.anchors[0]} [SEP] {cl.positives[0]} [SEP]", COLOURS["seen"]),
        " → ",
        chip(pair_label(ft.labels[ft.gold]), COLOURS["predict"]),
    ]
    pl_chips = [chip(pl.prompt, COLOURS["seen"]), " → ", chip(" / ".join(w.word for w in pl.words), COLOURS["predict"])]
    rows = [
        diagram_row("L<sub>LM</sub>", lm_chips, t("loss.sum.lm_target", n=len(lm.surprisal))),
        diagram_row("L<sub>MLM</sub>", mlm_chips, t("loss.sum.mlm_target", m=len(mlm.positions))),
        diagram_row("L<sub>CL</sub>", cl_chips, t("loss.sum.cl_target", n=n)),
        diagram_row("L<sub>FT</sub>", ft_chips, t("loss.sum.ft_target", c=len(ft.labels))),
        diagram_row("L<sub>PL</sub>", pl_chips, t("loss.sum.pl_target", k=len(pl.words))),
    ]
    head = f"<tr><th></th><th>{t('loss.sum.sees')}</th><th>{t('loss.sum.predicts')}</th></tr>"
    return f"<table id='loss-mask-diagram' style='border-collapse:collapse'>{head}{''.join(rows)}</table>"


def summary_formulas(lm, mlm, cl, ft, pl) -> str:
    return t(
        "loss.sum.live",
        lm_n=len(lm.surprisal), lm=num(lm.mean), lm_total=num(lm.total), ppl=f"{lm.perplexity:.2f}",
        mlm_m=len(mlm.positions), mlm=num(mlm.mean), mlm_u=num(mlm.uniform),
        mlm_head=t("loss.sum.real") if mlm.pretrained_head else t("loss.sum.untrained"),
        cl_b=len(cl.anchors), tau=f"{cl.tau:g}", cl=num(float(cl.losses[0])), cl_mean=num(cl.mean), cl_u=num(cl.chance),
        ft=num(ft.loss), ft_u=num(ft.chance), ft_gold=pair_label(ft.labels[ft.gold]),
        pl=num(pl.loss), pl_u=num(pl.chance), pl_gold=pl.words[pl.gold].word,
    )  # fmt: skip


@view(gpu=True)
def run_summary(text, paraphrase, sentiment, mlm_model, tau):
    lm = causal_of(text, losses.CAUSAL_DEFAULT)
    mlm = losses.masked_lm_loss(text, 0.15, 0, mlm_model)
    anchors, positives = losses.parse_pairs(DEFAULT_PAIRS)
    cl = losses.contrastive_loss([text] + anchors[:4], [paraphrase] + positives[:4], float(tau))
    ft = losses.fine_tuning_loss(text, paraphrase, 1)
    words = losses.parse_label_words(DEFAULT_WORDS)
    pl = losses.prompt_loss(text, DEFAULT_TEMPLATE, words, words.index(sentiment) if sentiment in words else 0)
    names = [t("loss.sum.name_lm"), t("loss.sum.name_mlm"), t("loss.sum.name_cl"), "L_FT", "L_PL"]
    values = [lm.mean, mlm.mean, float(cl.losses[0]), ft.loss, pl.loss]
    chance = [lm.surprisal.new_tensor(49152).log().item(), mlm.uniform, cl.chance, ft.chance, pl.chance]
    return (
        mask_diagram(lm, mlm, cl, ft, pl),
        plots.loss_levels(names, values, chance, t("loss.sum.levels_title")),
        summary_formulas(lm, mlm, cl, ft, pl),
    )


# ---- named API endpoints (JSON) --------------------------------------------------------------


@view(gpu=True)
def loss_causal_lm(text: str = DEFAULT_TEXT, model: str = losses.CAUSAL_DEFAULT) -> dict:
    """L_LM: per-token surprisal -log P(x_i | x_<i) (nats), sum, mean, perplexity, the model's own loss."""
    r = losses.causal_lm_loss(text, model)
    return {
        "model": r.model,
        "tokens": r.tokens,
        "targets": r.tokens[1:],
        "surprisal": rounded(r.surprisal),
        "total": r.total,
        "mean": r.mean,
        "perplexity": r.perplexity,
        "model_loss": r.reference,
    }


@view(gpu=True)
def loss_masked_lm(
    text: str = DEFAULT_TEXT, rate: float = 0.15, seed: int = 0, model: str = losses.ENCODER_DEFAULT
) -> dict:
    """L_MLM: the 80/10/10 corruption, the loss at the masked positions only, the head's top guesses."""
    r = losses.masked_lm_loss(text, rate, seed, model)
    return {
        "model": r.model,
        "pretrained_head": r.pretrained_head,
        "tokens": r.tokens,
        "shown": r.shown,
        "action": r.masking.action,
        "positions": r.positions,
        "losses": rounded(r.losses),
        "top": [[[tok, round(p, DECIMALS)] for tok, p in row] for row in r.top],
        "total": r.total,
        "mean": r.mean,
        "uniform": r.uniform,
        "cross_entropy_reference": r.reference,
    }


@view(gpu=True)
def loss_masked_lm_causal(text: str = DEFAULT_TEXT, rate: float = 0.15, seed: int = 0) -> dict:
    """P(x_i | x_\\i) from the pretrained causal LM by Bayes' rule (one hidden token at a time, k candidates)."""
    r = losses.causal_infill(text, rate, seed)
    return {
        "model": r.model,
        "tokens": r.tokens,
        "positions": [it.position for it in r.items],
        "losses": [it.loss for it in r.items],
        "left_only_losses": [it.left_loss for it in r.items],
        "guesses": [[[tok, round(p, DECIMALS)] for tok, p in it.guesses] for it in r.items],
        "mean": r.mean,
        "left_only_mean": r.left_mean,
        "n_candidates": r.n_candidates,
    }


@view(gpu=True)
def loss_contrastive(pairs: str = DEFAULT_PAIRS, tau: float = 0.05, model: str = losses.ENCODER_DEFAULT) -> dict:
    """L_CL (InfoNCE) over a batch of 'anchor | positive' lines: similarities, row softmax, row losses."""
    anchors, positives = losses.parse_pairs(pairs)
    r = losses.contrastive_loss(anchors, positives, tau, model)
    return {
        "model": r.model,
        "tau": r.tau,
        "similarity": rounded(r.sim),
        "probabilities": rounded(r.probs),
        "row_losses": rounded(r.losses),
        "total": r.total,
        "mean": r.mean,
        "log_batch": r.chance,
        "accuracy": r.accuracy,
    }


@view(gpu=True)
def loss_fine_tuning(
    text_a: str = DEFAULT_TEXT,
    text_b: str = DEFAULT_PARAPHRASE,
    gold: int = 1,
    seed: int = 0,
    model: str = losses.ENCODER_DEFAULT,
) -> dict:
    """L_FT = -log P(y | x) for a sentence pair: all-MiniLM-L6-v2 with a fresh (untrained, seeded) head, or a
    model trained in the Fine-tune tab ("fine-tuned <run id>", see /finetune_list_runs) with its own head."""
    r = losses.fine_tuning_loss(text_a, text_b, gold, model=model, seed=seed)
    return {
        "model": r.model,
        "trained_head": r.trained,
        "labels": list(r.labels),
        "gold": r.gold,
        "logits": rounded(r.logits),
        "probabilities": rounded(r.probs),
        "loss": r.loss,
        "log_classes": r.chance,
    }


@view(gpu=True)
def loss_prompt(
    text: str = DEFAULT_TEXT, template: str = DEFAULT_TEMPLATE, label_words: str = DEFAULT_WORDS, gold: str = "positive"
) -> dict:
    """L_PL = -log P(y | x, p) over the label words only, each word scored by the chain rule over its tokens."""
    words = losses.parse_label_words(label_words)
    if gold not in words:
        raise InputError("losses.err.gold_label_word", known=", ".join(words))
    r = losses.prompt_loss(text, template, words, words.index(gold))
    return {
        "model": r.model,
        "prompt": r.prompt,
        "label_words": [
            {"word": w.word, "tokens": w.tokens, "token_log_probs": rounded(w.token_log_probs), "log_prob": w.log_prob}
            for w in r.words
        ],
        "probabilities": rounded(r.probs),
        "loss": r.loss,
        "log_words": r.chance,
        "vocabulary_mass": r.mass,
    }


API = (loss_causal_lm, loss_masked_lm, loss_masked_lm_causal, loss_contrastive, loss_fine_tuning, loss_prompt)

# ---- layout ------------------------------------------------------------------------------------

with gr.Blocks() as demo:
    gr.Markdown(t("loss.intro"), latex_delimiters=LATEX)
    with gr.Tabs():  # explicit: the guided walk selects these sub-tabs by their parent
        with gr.Tab(t("loss.sum.tab"), id="loss-summary"):
            gr.Markdown(t("loss.sum.intro"))
            with gr.Row():
                sum_text = gr.Textbox(t("loss.text_default"), label=t("loss.text"), scale=3)
                sum_paraphrase = gr.Textbox(t("loss.paraphrase_default"), label=t("loss.sum.paraphrase"), scale=3)
            with gr.Row():
                sum_sentiment = gr.Radio(["positive", "negative"], value="positive", label=t("loss.sum.sentiment"))
                sum_mlm = gr.Dropdown(mlm_choices(), value=losses.ENCODER_DEFAULT, label=t("loss.mlm.model"))
                sum_tau = gr.Slider(0.01, 1.0, value=0.05, step=0.01, label=t("loss.cl.tau"))
            sum_button = gr.Button(t("loss.sum.run"), variant="primary")
            sum_diagram = gr.HTML(elem_id="loss-summary-diagram", elem_classes="phone-after")  # phone: below the chart
            sum_plot = gr.Plot(elem_id="loss-summary-plot")
            sum_md = gr.Markdown(latex_delimiters=LATEX)

        with gr.Tab(t("loss.lm.tab"), id="loss-causal") as lm_tab:
            gr.Markdown(t("loss.lm.intro"), latex_delimiters=LATEX)
            with gr.Row():
                lm_text = gr.Textbox(t("loss.text_default"), label=t("loss.text"), scale=4)
                lm_model = gr.Dropdown(
                    model_choices(models.CAUSAL_LM),
                    value=losses.CAUSAL_DEFAULT,
                    label=t("loss.model"),
                    elem_id="loss-causal-model",
                )
            lm_button = gr.Button(t("loss.run"), variant="primary", elem_id="loss-causal-run")
            lm_md = gr.Markdown(latex_delimiters=LATEX)
            lm_plot = gr.Plot(elem_id="loss-causal-plot")
            lm_html = gr.HTML()
            lm_table = gr.Dataframe(
                headers=[EN[key] for key in LM_COLUMNS],
                label=t("loss.lm.table"),
                wrap=True,
            )

        with gr.Tab(t("loss.mlm.tab"), id="loss-masked") as mlm_tab:
            gr.Markdown(t("loss.mlm.intro"), latex_delimiters=LATEX)
            with gr.Row():
                mlm_text = gr.Textbox(t("loss.text_default"), label=t("loss.text"), scale=3)
                mlm_model = gr.Dropdown(
                    mlm_choices(),
                    value=losses.ENCODER_DEFAULT,
                    label=t("loss.mlm.model"),
                    scale=2,
                    elem_id="loss-masked-model",
                )
            with gr.Row():
                mlm_rate = gr.Slider(0.05, 0.9, value=0.15, step=0.05, label=t("loss.mlm.rate"))
                mlm_seed = gr.Number(0, precision=0, label=t("loss.seed"))
            mlm_button = gr.Button(t("loss.run"), variant="primary", elem_id="loss-masked-run")
            mlm_md = gr.Markdown(latex_delimiters=LATEX)
            mlm_html = gr.HTML()
            mlm_table = gr.Dataframe(
                headers=[EN[key] for key in MLM_COLUMNS],
                label=t("loss.mlm.table"),
                wrap=True,
            )
            mlm_plot = gr.Plot(elem_id="loss-masked-plot")
            with gr.Accordion(t("loss.mlm.infill_title"), open=False):
                gr.Markdown(t("loss.mlm.infill_intro"), latex_delimiters=LATEX)
                infill_button = gr.Button(t("loss.mlm.infill_run"), elem_id="loss-infill-run")
                infill_md = gr.Markdown(latex_delimiters=LATEX, elem_id="loss-infill-md")
                infill_table_df = gr.Dataframe(headers=[EN[key] for key in INFILL_COLUMNS], wrap=True)

        with gr.Tab(t("loss.cl.tab"), id="loss-contrastive") as cl_tab:
            gr.Markdown(t("loss.cl.intro"), latex_delimiters=LATEX)
            with gr.Row():
                cl_pairs = gr.Textbox(DEFAULT_PAIRS, lines=6, label=t("loss.cl.pairs"), scale=4)
                with gr.Column(scale=1):
                    cl_tau = gr.Slider(0.01, 1.0, value=0.05, step=0.01, label=t("loss.cl.tau"))
                    cl_model = gr.Dropdown(
                        model_choices(models.ENCODER),
                        value=losses.ENCODER_DEFAULT,
                        label=t("loss.model"),
                        elem_id="loss-contrastive-model",
                    )
                    cl_button = gr.Button(t("loss.run"), variant="primary", elem_id="loss-cl-run")
            cl_md = gr.Markdown(latex_delimiters=LATEX)
            with gr.Column(elem_id="loss-contrastive-plots"):
                with gr.Row():
                    cl_sim_plot, cl_prob_plot = gr.Plot(elem_id="loss-contrastive-sim-plot"), gr.Plot()
                with gr.Row():
                    cl_rows_plot, cl_curve_plot = gr.Plot(), gr.Plot()

        with gr.Tab(t("loss.ft.tab"), id="loss-fine-tuning") as ft_tab:
            gr.Markdown(t("loss.ft.intro"), latex_delimiters=LATEX)
            with gr.Row():
                ft_a = gr.Textbox(DEFAULT_TEXT, label=t("loss.ft.a"))
                ft_b = gr.Textbox(DEFAULT_PARAPHRASE, label=t("loss.ft.b"))
            with gr.Row():
                ft_gold = gr.Radio(list(losses.PAIR_LABELS), value=losses.PAIR_LABELS[1], label=t("loss.ft.gold"))
                ft_seed = gr.Number(0, precision=0, label=t("loss.ft.seed"))
                ft_model = gr.Dropdown(ft_choices(), value=losses.ENCODER_DEFAULT, label=t("loss.ft.model"))
                ft_button = gr.Button(t("loss.run"), variant="primary")
            ft_md = gr.Markdown(latex_delimiters=LATEX)
            ft_plot = gr.Plot(elem_id="loss-fine-tuning-plot")

        with gr.Tab(t("loss.pl.tab"), id="loss-prompt") as pl_tab:
            gr.Markdown(t("loss.pl.intro"), latex_delimiters=LATEX)
            with gr.Row():
                pl_text = gr.Textbox(t("loss.text_default"), label=t("loss.text"), scale=3)
                pl_template = gr.Textbox(DEFAULT_TEMPLATE, lines=2, label=t("loss.pl.template"), scale=2)
            with gr.Row():
                pl_words = gr.Textbox(DEFAULT_WORDS, label=t("loss.pl.words"))
                pl_gold = gr.Textbox("positive", label=t("loss.pl.gold"))
                pl_button = gr.Button(t("loss.run"), variant="primary")
            pl_md = gr.Markdown(latex_delimiters=LATEX)
            with gr.Row():
                pl_plot = gr.Plot(elem_id="loss-prompt-plot")
                pl_table = gr.Dataframe(
                    headers=[EN[key] for key in PL_COLUMNS],
                    label=t("loss.pl.table"),
                    wrap=True,
                )

    # ---- wiring ------------------------------------------------------------------------------
    sum_inputs = [sum_text, sum_paraphrase, sum_sentiment, sum_mlm, sum_tau]
    sum_outputs = [sum_diagram, sum_plot, sum_md]
    on(
        [sum_button.click, sum_text.submit],
        run_summary,
        sum_inputs,
        sum_outputs,
    )

    lm_inputs, lm_outputs = [lm_text, lm_model], [lm_plot, lm_html, lm_table, lm_md]
    on(
        [lm_tab.select, lm_button.click, lm_text.submit],
        run_causal,
        lm_inputs,
        lm_outputs,
    )

    mlm_inputs = [mlm_text, mlm_rate, mlm_seed, mlm_model]
    mlm_outputs = [mlm_md, mlm_html, mlm_table, mlm_plot]
    on(
        [mlm_tab.select, mlm_button.click, mlm_text.submit, mlm_rate.release, mlm_seed.submit],
        run_masked,
        mlm_inputs,
        mlm_outputs,
    )

    infill_button.click(
        run_infill,
        [mlm_text, mlm_rate, mlm_seed],
        [infill_md, infill_table_df],
        api_visibility="private",
        trigger_mode="always_last",
    )

    cl_inputs = [cl_pairs, cl_tau, cl_model]
    cl_outputs = [cl_sim_plot, cl_prob_plot, cl_rows_plot, cl_curve_plot, cl_md]
    on(
        [cl_tab.select, cl_button.click, cl_tau.release],
        run_contrastive,
        cl_inputs,
        cl_outputs,
    )

    ft_inputs = [ft_a, ft_b, ft_gold, ft_seed, ft_model]
    ft_tab.select(lambda: gr.update(choices=ft_choices()), None, ft_model, api_visibility="private")
    on(
        [ft_tab.select, ft_button.click, ft_gold.change, ft_model.change],
        run_fine_tuning,
        ft_inputs,
        [ft_plot, ft_md],
    )

    pl_inputs = [pl_text, pl_template, pl_words, pl_gold]
    pl_outputs = [pl_plot, pl_table, pl_md]
    on(
        [pl_tab.select, pl_button.click, pl_text.submit, pl_gold.submit],
        run_prompt,
        pl_inputs,
        pl_outputs,
    )

    # Nothing runs when the page opens (the views load both models): each sub-tab draws when selected, and
    # app.py draws the summary when the Losses tab itself is selected (TAB.first_draw), or this tab runs alone.
    FIRST_DRAW = Draw(run_summary, sum_inputs, sum_outputs)

    for endpoint in API:
        gr.api(endpoint, api_name=endpoint.__name__)

    if __name__ == "__main__":  # running this tab alone: draw the summary when the page opens
        demo.load(**FIRST_DRAW.event())

NOTEBOOK_COMPUTE = r"""
# $L_{LM} = -\sum_i \log P(x_i \mid x_{<i})$ (source text §4.2.1): shift by one, then cross-entropy
import torch

ids = tokenizer(TEXT, add_special_tokens=False, return_tensors="pt").input_ids.to(model.device)  # (1, T)
with torch.no_grad():
    out = model(input_ids=ids, labels=ids)
log_probs = out.logits[0, :-1].float().log_softmax(dim=-1)  # (T-1, V): position t predicts token t+1
surprisal = -log_probs.gather(-1, ids[0, 1:, None])[:, 0].cpu()  # (T-1,) nats
targets = tokenizer.convert_ids_to_tokens(ids[0, 1:])
print("mean", surprisal.mean().item(), "= the model's own loss", out.loss.item())
print("perplexity", surprisal.mean().exp().item())
computed = {"surprisal": surprisal.numpy(), "mean": surprisal.mean().item()}
"""
NOTEBOOK_FIGURE = """
import plotly.graph_objects as go

fig = go.Figure(go.Bar(x=list(range(1, len(targets) + 1)), y=computed["surprisal"], hovertext=targets))
fig.update_layout(title=f"Surprisal of each token given the ones before it (mean {computed['mean']:.3f} nats)",
                  xaxis=dict(title="token", tickmode="array", tickvals=list(range(1, len(targets) + 1)),
                             ticktext=targets), yaxis_title="-log P (nats)")
fig.show()
"""


def notebook(v: dict) -> notebooks.Recipe:
    """The summary's causal LM loss per token as a notebook (the other objectives need other models and data)."""
    result = causal_of(v["text"], losses.CAUSAL_DEFAULT)
    return notebooks.Recipe(
        explain=("loss.intro", "loss.lm.intro"),
        inputs={"TEXT": v["text"]},
        compute=NOTEBOOK_COMPUTE,
        figure=NOTEBOOK_FIGURE,
        numbers={"surprisal": notebooks.numbers(result.surprisal), "mean": result.mean},
        atol=1e-4,
        model=result.model,
        causal=True,
        notes=("nb.losses_note",),
    )


def notebook_causal(v: dict) -> notebooks.Recipe:
    """The causal LM sub-tab: the same loss per token, for its text and its model."""
    result = causal_of(v["text"], v["model"])
    return notebooks.Recipe(
        explain=("loss.intro", "loss.lm.intro"),
        inputs={"TEXT": v["text"]},
        compute=NOTEBOOK_COMPUTE,
        figure=NOTEBOOK_FIGURE,
        numbers={"surprisal": notebooks.numbers(result.surprisal), "mean": result.mean},
        atol=1e-4,
        model=v["model"],
        causal=True,
    )


MASKED_COMPUTE = r"""
# $L_{MLM} = -\sum_i m_i \log P(x_i \mid x_{\backslash i})$ (source text §4.2.2): the loss counts only where m_i = 1.
# The seeded 80/10/10 corruption and the model's MLM head (a seeded untrained one for all-MiniLM-L6-v2, which ships
# without one) come from the project's `playground.losses`; the loss itself is computed here.
import torch

from playground import losses

tokenizer, logits_of, pretrained_head = losses.mlm_model(MODEL, SEED)
enc = tokenizer(TEXT, return_tensors="pt", return_special_tokens_mask=True)
ids = enc["input_ids"][0]  # (T,)
masking = losses.mask_tokens(
    ids, enc["special_tokens_mask"][0].bool(), RATE, SEED, tokenizer.mask_token_id, tokenizer.vocab_size
)
logits = logits_of(masking.input_ids[None])[0].float()  # (T, V)
positions = masking.chosen.nonzero()[:, 0]  # (M,) where m_i = 1
loss_i = -logits.log_softmax(-1)[positions].gather(-1, ids[positions][:, None])[:, 0]  # (M,)
print("read:", tokenizer.convert_ids_to_tokens(masking.input_ids))
print("mean", loss_i.mean().item(), "= torch's cross_entropy(ignore_index=-100)",
      torch.nn.functional.cross_entropy(logits, masking.labels, ignore_index=-100).item())
computed = {"positions": positions.numpy(), "losses": loss_i.numpy()}
"""
MASKED_FIGURE = """
import plotly.graph_objects as go

hidden = tokenizer.convert_ids_to_tokens(ids[positions])
fig = go.Figure(go.Bar(x=[f"{i}: {tok}" for i, tok in zip(computed["positions"], hidden)], y=computed["losses"]))
fig.update_layout(title="-log P(x_i | the corrupted text) at the chosen positions", yaxis_title="nats")
fig.show()
"""


def notebook_masked(v: dict) -> notebooks.Recipe:
    """The masked LM sub-tab: the loss at the chosen positions."""
    result = masked_of(v["text"], float(v["rate"]), int(v["seed"]), v["model"])
    return notebooks.Recipe(
        explain=("loss.intro", "loss.mlm.intro"),
        inputs={"TEXT": v["text"], "RATE": float(v["rate"]), "SEED": int(v["seed"]), "MODEL": v["model"]},
        compute=MASKED_COMPUTE,
        figure=MASKED_FIGURE,
        numbers={"positions": result.positions, "losses": notebooks.numbers(result.losses)},
        atol=1e-4,
    )


CONTRASTIVE_COMPUTE = r"""
# InfoNCE (source text §4.2.3): $\ell_i = -\log \frac{\exp(s_{ii}/\tau)}{\sum_j \exp(s_{ij}/\tau)}$, s = cosine of the
# sentence embeddings (mean of the token vectors, padding excluded), the positives on the diagonal
import torch

anchors = [line.partition("|")[0].strip() for line in PAIRS.splitlines() if line.strip()]
positives = [line.partition("|")[2].strip() for line in PAIRS.splitlines() if line.strip()]


def embed(texts):
    enc = tokenizer(texts, padding=True, truncation=True, max_length=512, return_tensors="pt").to(model.device)
    with torch.no_grad():
        e = model(**enc).last_hidden_state.float()  # (B, T, d)
    m = enc["attention_mask"][..., None].float()  # (B, T, 1)
    return torch.nn.functional.normalize((e * m).sum(1) / m.sum(1).clamp(min=1e-9), dim=-1).cpu()  # (B, d)


sim = embed(anchors) @ embed(positives).T  # (B, B)
row_losses = -(sim / TAU).log_softmax(-1).diagonal()  # (B,)
print("mean", row_losses.mean().item(), "; chance ln B =", torch.log(torch.tensor(float(len(anchors)))).item())
computed = {"similarity": sim.numpy(), "row_losses": row_losses.numpy()}
"""
CONTRASTIVE_FIGURE = """
import plotly.graph_objects as go

fig = go.Figure(go.Heatmap(z=computed["similarity"], x=positives, y=anchors, colorscale="Viridis"))
fig.update_layout(title=f"cos(h_i, h_j') (τ = {TAU}): the diagonal should win each row")
fig.update_yaxes(autorange="reversed")
fig.show()
"""


def notebook_contrastive(v: dict) -> notebooks.Recipe:
    """The InfoNCE sub-tab: similarities of the batch and each row's loss."""
    anchors, positives = losses.parse_pairs(v["pairs"])
    result = contrastive_of(tuple(anchors), tuple(positives), float(v["tau"]), v["model"])
    return notebooks.Recipe(
        explain=("loss.intro", "loss.cl.intro"),
        inputs={"PAIRS": v["pairs"], "TAU": float(v["tau"])},
        compute=CONTRASTIVE_COMPUTE,
        figure=CONTRASTIVE_FIGURE,
        numbers={"similarity": notebooks.numbers(result.sim), "row_losses": notebooks.numbers(result.losses)},
        atol=1e-4,
        model=v["model"],
    )


FINE_TUNING_COMPUTE = r"""
# $L_{FT} = -\log \mathrm{softmax}(W\,\mathrm{pool}(x) + b)_y$ (source text §4.3.1), x = "[CLS] a [SEP] b [SEP]".
# The base encoder gets a fresh head W, b drawn from SEED (`playground.losses.classification_head`: untrained);
# a model trained in the Fine-tune tab brings its own trained head.
import torch

from playground import losses, models

if models.is_fine_tuned(MODEL):
    loaded = models.load(MODEL, models.SEQUENCE_CLASSIFICATION)
    labels = [loaded.model.config.id2label[i] for i in range(loaded.model.config.num_labels)]
else:
    loaded, labels = models.load(MODEL), list(losses.PAIR_LABELS)
enc = loaded.tokenizer(TEXT_A, TEXT_B, truncation=True, max_length=512, return_tensors="pt").to(loaded.model.device)
with torch.no_grad():
    if models.is_fine_tuned(MODEL):
        logits = loaded.model(**enc).logits[0].float().cpu()  # (C,)
    else:
        pooled = loaded.model(**enc).pooler_output.float().cpu()  # (1, d)
        logits = losses.classification_head(pooled.shape[-1], len(labels), SEED)(pooled)[0]  # (C,)
probs = logits.softmax(-1)
loss = -logits.log_softmax(-1)[GOLD].item()
print(dict(zip(labels, probs.tolist())), "loss", loss)
computed = {"logits": logits.numpy(), "probabilities": probs.numpy(), "loss": loss}
"""
FINE_TUNING_FIGURE = """
import plotly.graph_objects as go

fig = go.Figure(go.Bar(x=labels, y=computed["probabilities"]))
fig.update_layout(title=f"P(y | x): L_FT = -log P({labels[GOLD]}) = {computed['loss']:.4f}", yaxis_range=[0, 1])
fig.show()
"""


def notebook_fine_tuning(v: dict) -> notebooks.Recipe:
    """The fine-tuning loss sub-tab: one pair through the classifier."""
    gold = losses.PAIR_LABELS.index(v["gold"]) if v["gold"] in losses.PAIR_LABELS else v["gold"]
    result = fine_tuning_of(v["a"], v["b"], gold, v["model"], int(v["seed"]))
    return notebooks.Recipe(
        explain=("loss.intro", "loss.ft.intro"),
        inputs={"TEXT_A": v["a"], "TEXT_B": v["b"], "GOLD": result.gold, "SEED": int(v["seed"]), "MODEL": v["model"]},
        compute=FINE_TUNING_COMPUTE,
        figure=FINE_TUNING_FIGURE,
        numbers={
            "logits": notebooks.numbers(result.logits),
            "probabilities": notebooks.numbers(result.probs),
            "loss": result.loss,
        },
        atol=1e-4,
    )


PROMPT_COMPUTE = r"""
# $L_{PL} = -\log P(y \mid x, p)$, $P(y \mid x, p) = \frac{P(v(y) \mid p(x))}{\sum_{y'} P(v(y') \mid p(x))}$ (§4.3.2):
# the template p with the text in its slot, each label word v(y) scored by the chain rule over its tokens
import torch

prompt = TEMPLATE.replace("{x}", TEXT)
words = [w.strip() for w in LABEL_WORDS.split(",") if w.strip()]
prompt_ids = tokenizer(prompt, add_special_tokens=False)["input_ids"]


def log_p(word):  # log P(w_1..w_m | prompt) = sum_k log P(w_k | prompt, w_<k)
    word_ids = tokenizer(word if prompt[-1:].isspace() else " " + word, add_special_tokens=False)["input_ids"]
    ids = torch.tensor(prompt_ids + word_ids)[None].to(model.device)  # (1, P + m)
    with torch.no_grad():
        logits = model(input_ids=ids).logits[0].float().cpu()  # (P + m, V)
    log_probs = logits[len(prompt_ids) - 1 : -1].log_softmax(-1)  # (m, V)
    return float(log_probs.gather(-1, torch.tensor(word_ids)[:, None]).sum())


scores = torch.tensor([log_p(w) for w in words], dtype=torch.float64)  # (K,)
probs = scores.log_softmax(-1).exp()  # over the label words only
loss = -torch.log(probs[words.index(GOLD)]).item()
print(prompt, "→", dict(zip(words, probs.tolist())), "loss", loss)
computed = {"log_prob": scores.numpy(), "probabilities": probs.numpy(), "loss": loss}
"""
PROMPT_FIGURE = """
import plotly.graph_objects as go

fig = go.Figure(go.Bar(x=words, y=computed["probabilities"]))
fig.update_layout(title=f"P(y | x, p) over the label words: L_PL = {computed['loss']:.4f}", yaxis_range=[0, 1])
fig.show()
"""


# A float32 log P(word | prompt) of size L is known to about 1e-4 L: CI's notebook kernel once read -16.07934 where the
# app had -16.07835. The loss and the probabilities inherit that error (|d loss| <= max |d log P|), hence one atol.
PROMPT_RTOL = 2e-4


def notebook_prompt(v: dict) -> notebooks.Recipe:
    """The prompt-learning loss sub-tab: the label words' probabilities after the template."""
    words = losses.parse_label_words(v["words"])
    if v["gold"] not in words:
        raise InputError("losses.err.gold_label_word", known=", ".join(words))
    result = prompt_of(v["text"], v["template"], tuple(words), words.index(v["gold"]))
    return notebooks.Recipe(
        explain=("loss.intro", "loss.pl.intro"),
        inputs={"TEXT": v["text"], "TEMPLATE": v["template"], "LABEL_WORDS": v["words"], "GOLD": v["gold"]},
        compute=PROMPT_COMPUTE,
        figure=PROMPT_FIGURE,
        numbers={
            "log_prob": [w.log_prob for w in result.words],
            "probabilities": notebooks.numbers(result.probs),
            "loss": result.loss,
        },
        atol=PROMPT_RTOL * max(1.0, *(abs(w.log_prob) for w in result.words)),
        model=result.model,
        causal=True,
    )


TAB = Tab(
    "losses",
    "loss.tab",
    demo,
    share=Share(
        {
            "text": Param(sum_text),
            "paraphrase": Param(sum_paraphrase),
            "sentiment": Param(sum_sentiment),
            "tau": Param(sum_tau),
        },
        (FIRST_DRAW,),
        lambda v: snippets.losses(v["text"]),
        notebook,
        (
            SubView("loss-causal", {"text": lm_text, "model": lm_model}, notebook_causal),
            SubView(
                "loss-masked",
                {"text": mlm_text, "rate": mlm_rate, "seed": mlm_seed, "model": mlm_model},
                notebook_masked,
            ),
            SubView("loss-contrastive", {"pairs": cl_pairs, "tau": cl_tau, "model": cl_model}, notebook_contrastive),
            SubView(
                "loss-fine-tuning",
                {"a": ft_a, "b": ft_b, "gold": ft_gold, "seed": ft_seed, "model": ft_model},
                notebook_fine_tuning,
            ),
            SubView(
                "loss-prompt",
                {"text": pl_text, "template": pl_template, "words": pl_words, "gold": pl_gold},
                notebook_prompt,
            ),
        ),
    ),
    advanced=(mlm_seed, ft_seed, sum_mlm),
    first_draw=FIRST_DRAW,
    key_outputs=(sum_plot, lm_plot, mlm_plot, cl_sim_plot, ft_plot, pl_plot),
    exercises=exercises.of_tab("losses"),  # "Predict, then reveal" (ui/exercises.py)
    scenes=(
        Scene(
            "lm", "4.2.1", 9, "loss-causal", {lm_text: Sentence("loss.text_default")}, lm_button, exercise="losses_zh"
        ),
        Scene("mlm", "4.2.2", 10, "loss-masked", {mlm_text: Sentence("loss.text_default"), mlm_rate: 0.15}, mlm_button),
        Scene("contrastive", "4.2.3", 11, "loss-contrastive", {cl_tau: 0.05}, cl_button),
        Scene("prompt_loss", "4.3.2", 13, "loss-prompt", {pl_text: Sentence("loss.text_default")}, pl_button),
    ),
)

if __name__ == "__main__":
    demo.launch()
