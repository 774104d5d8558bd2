r"""Prompts tab: templates with variables, streamed generation with its probabilities, side-by-side runs,
label-word scoring with calibration and the few-shot order effect.

Plain functions first (UI values -> playground call -> figures/text), layout next, wiring last.
Named JSON endpoints: /render_template, /generate, /next_token_distribution, /label_word_scoring.
"""

from __future__ import annotations

import functools
import html
import math
from collections.abc import Iterator
from dataclasses import asdict, replace

import gradio as gr

from playground import batching, exercises, generation, models, remote, scoring, templates
from playground.errors import InputError, Term
from playground.generation import GenerationConfig
from playground.inputs import whole_number
from ui import header, i18n, plots
from ui.i18n import t
from ui.sharing import notebooks, snippets
from ui.tab import Draw, Param, Scene, Share, SubView, Tab
from ui.view import on, view

DEFAULT_MODEL = "SmolLM2-135M-Instruct"
DEFAULT = GenerationConfig()
DEFAULT_LIBRARY = "qa · cloze"
PARIS = "The capital of France is"
SCORE_DEFAULT_TEMPLATE = "Review: {text}\nSentiment:"
SCORE_DEFAULT_WORDS = "positive: positive\nnegative: negative"
MAX_COLUMNS = 4
DECIMALS = 5


# ---- helpers -------------------------------------------------------------------------------


def mode_choices() -> list[tuple[str, str]]:
    """The decoding radio: (label in the page's language, the value handlers read)."""
    return [(t("prompts.greedy"), "greedy"), (t("prompts.sample"), "sample")]


def model_choices() -> list[tuple[str, str]]:
    """Causal LMs of the catalogue; unavailable ones are listed and labelled (loading them says why)."""
    return header.model_choices(models.names(models.CAUSAL_LM))


def parse_values(text: str) -> dict[str, str]:
    """'text = Great film!\ncountry = France' -> {"text": "Great film!", "country": "France"}."""
    values = {}
    for line in str(text or "").splitlines():
        if not line.strip():
            continue
        name, sep, value = line.partition("=")
        if not sep or not name.strip():
            raise InputError("prompts.err.values_line", line=line.strip()[:40])
        values[name.strip()] = value.strip().replace("\\n", "\n")
    return values


def format_values(values: dict[str, str]) -> str:
    return "\n".join(f"{k} = {v}".replace("\n", "\\n") for k, v in values.items())


def build_prompt(model_name: str, template: str, values: dict[str, str], chat: bool) -> tuple[object, str]:
    """(the loaded model, the prompt exactly as the model receives it)."""
    text = templates.render(template, values)
    loaded = generation.load_causal(model_name)
    return loaded, templates.apply_chat(loaded.tokenizer, text) if chat else text


def config_from(mode, temperature, top_k, top_p, repetition, max_new, seed) -> GenerationConfig:
    return GenerationConfig(
        max_new_tokens=max_new,
        do_sample=mode == "sample",
        temperature=temperature,
        top_k=top_k,
        top_p=top_p,
        repetition_penalty=repetition,
        seed=seed,
    )


def colour(prob: float | None) -> str:
    """Green for likely, red for unlikely tokens (hue 0..120 on a log scale of p); none when p is unknown."""
    if prob is None:
        return "transparent"
    hue = 120 * max(0.0, min(1.0, 1 + math.log10(max(prob, 1e-6)) / 3))  # p=1 -> 120, p=0.001 -> 0
    return f"hsl({hue:.0f},70%,80%)"


def token_html(steps: list, prompt: str = "") -> str:
    """The prompt in grey then each new token on its probability's colour; all text escaped."""
    spans = [f"<span style='color:#64748b'>{html.escape(prompt)}</span>"] if prompt else []
    for step in steps:
        if step.prob is None:  # a serving engine that sends no log-probabilities
            title = t("prompts.token_title_text", step=step.index)
        else:
            title = t("prompts.token_title", step=step.index, p=step.prob, final=step.final_prob, id=step.token_id)
        spans.append(
            f"<span title='{html.escape(title)}' style='background:{colour(step.prob)};"
            f"border-radius:3px'>{html.escape(step.token)}</span>"
        )
    return f"<div class='prompts-output' style='white-space:pre-wrap;line-height:1.8'>{''.join(spans)}</div>"


def tokens_view(tokenizer, prompt: str) -> str:
    ids = tokenizer(prompt, add_special_tokens=False).input_ids
    chips = "".join(
        f"<span title='id {i}' style='border:1px solid #94a3b8;border-radius:3px;margin:1px;padding:0 2px;"
        f"display:inline-block;white-space:pre'>{html.escape(repr(piece)[1:-1]) if piece else '·'}</span>"
        for i, piece in zip(ids[:2000], generation.pieces(tokenizer, ids[:2000]), strict=True)
    )
    return f"<div>{t('prompts.tokens_count', n=len(ids))}<br>{chips}</div>"


def distribution_figure(step, title: str | None = None):
    d = step.distribution
    if d is None:  # a serving engine that sends no log-probabilities
        return None
    return plots.next_token_bars(
        d.tokens,
        d.model_probs,
        d.final_probs,
        d.kept,
        title or t("prompts.step_title", step=step.index, top=len(d.tokens), kept=d.n_kept),
    )


# ---- template and generation ------------------------------------------------------------------


@view(cache=False)
def pick_library(name: str):
    entry = templates.library(name)
    return entry.text, format_values(entry.values), entry.chat


@view()
def show_prompt(model_name, template, values_text, chat):
    loaded, prompt = build_prompt(model_name, template, parse_values(values_text), chat)
    return prompt, tokens_view(loaded.tokenizer, prompt)


def fill_missing_values(template, values_text):
    """Add a 'name = ' line for each variable of the template (runs while typing: a half-typed template or
    value line changes nothing and says nothing)."""
    try:
        names, values = templates.variables(template), parse_values(values_text)
    except ValueError:
        return gr.update()
    return format_values({name: values.get(name, "") for name in names})


def generation_source(loaded, prompt: str, ids, config: GenerationConfig) -> tuple[remote.Answered, Iterator]:
    """(who answers, its Steps): the serving engine named by PLAYGROUND_GENERATION_URL when it serves this model,
    else this process; a failing server hands over to this process, which goes on from the text received."""
    net, tokenizer = loaded.model, loaded.tokenizer

    def in_process(text: str, done: int) -> Iterator[generation.Step]:
        more = generation.encode(tokenizer, prompt + text, generation.context_length(net)) if text else ids
        rest = replace(config, max_new_tokens=config.max_new_tokens - done)
        return batching.stream(net, tokenizer, more, rest)  # batched with the class's requests

    return remote.answer(remote.configured(), loaded.spec.name, prompt, config, in_process)


def engine_line(answered: remote.Answered) -> str:
    """'answered by vLLM at http://... (model ...)' or 'answered in this app's process', and why it fell back."""
    return " ".join(i18n.say(note) for note in answered.notes())


@view(cache=False, gpu=60, batched=True)
def stream_generation(model_name, template, values_text, chat, mode, temperature, top_k, top_p, rep, max_new, seed):
    """A generator handler: yields the coloured text after every token; Stop cancels it (closing the stream)."""
    config = config_from(mode, temperature, top_k, top_p, rep, max_new, seed)
    checked = generation.check(config)
    loaded, prompt = build_prompt(model_name, template, parse_values(values_text), chat)
    net, tokenizer = loaded.model, loaded.tokenizer
    ids = generation.encode(tokenizer, prompt, generation.context_length(net), checked.config.max_new_tokens)
    notes = [i18n.say(n) for n in checked.notes] + ([] if checked.config.do_sample else [t("prompts.greedy_note")])
    steps = []
    yield token_html(steps, prompt), " ".join(notes), steps, gr.update(), gr.update()
    answered, source = generation_source(loaded, prompt, ids, checked.config)
    for burst in batching.bursts(source):  # a token at a time; in a busy class, the tokens waiting together
        steps.extend(burst)
        yield token_html(steps, prompt), gr.update(), steps, gr.update(), gr.update()
    last = len(steps) - 1
    yield (
        token_html(steps, prompt),
        " ".join([*notes, engine_line(answered)]),
        steps,
        gr.update(maximum=max(last, 1), value=0, interactive=last > 0),
        distribution_figure(steps[0]) if steps else None,
    )


@view(cache=False)
def show_step(steps, index):
    if not steps:
        return None
    index = min(max(int(index or 0), 0), len(steps) - 1)
    return distribution_figure(steps[index])


def paris_example():
    return PARIS, "", False, "greedy"


# ---- side by side -----------------------------------------------------------------------------


def column_stream(model_name, values, template, mode, temperature, top_k, top_p, max_new, seed):
    """One side-by-side column: its checked settings, its prompt (the values its template names) and its steps."""
    checked = generation.check(config_from(mode, temperature, top_k, top_p, 1.0, max_new, seed))
    used = {k: v for k, v in values.items() if k in templates.variables(template)}
    loaded, prompt = build_prompt(model_name, template, used, False)
    ids = generation.encode(
        loaded.tokenizer, prompt, generation.context_length(loaded.model), checked.config.max_new_tokens
    )
    return checked, prompt, batching.stream(loaded.model, loaded.tokenizer, ids, checked.config)


def mean_log_prob(steps) -> float:
    r"""$\frac{1}{n}\sum_t \log P(x_t \mid x_{<t})$ of a continuation's own tokens (0 for none)."""
    return sum(math.log(max(s.prob, 1e-30)) for s in steps) / max(len(steps), 1)


COLUMNS_DRAWN = notebooks.Drawn()  # (model, prompt, checked config) -> a column's steps: its notebook reuses them


@view(cache=False, gpu=60, batched=True)
def run_columns(model_name, values_text, max_new, seed, n_columns, *column_values):
    """Generate with each column's template and settings in turn, streaming every column's output."""
    values = parse_values(values_text)
    columns = [column_values[i * 5 : i * 5 + 5] for i in range(MAX_COLUMNS)][: int(n_columns)]
    outputs = ["" for _ in range(MAX_COLUMNS)]
    stats = ["" for _ in range(MAX_COLUMNS)]
    charts = [None for _ in range(MAX_COLUMNS)]
    for index, (template, mode, temperature, top_k, top_p) in enumerate(columns):
        checked, prompt, stream = column_stream(
            model_name, values, template, mode, temperature, top_k, top_p, max_new, seed
        )
        steps = []
        for burst in batching.bursts(stream):
            steps.extend(burst)
            outputs[index] = token_html(steps, prompt)
            yield *outputs, *stats, *charts
        COLUMNS_DRAWN.put((model_name, prompt, checked.config), steps)
        mean = mean_log_prob(steps)
        notes = " ".join(i18n.say(n) for n in checked.notes)
        stats[index] = t("prompts.side.stats", n=len(steps), mean=mean, ppl=math.exp(-mean)) + (
            f" · {notes}" if notes else ""
        )
        charts[index] = distribution_figure(steps[0], t("prompts.side.chart_title", n=index + 1)) if steps else None
        yield *outputs, *stats, *charts


# ---- label-word scoring -----------------------------------------------------------------------


def examples_table(scores: scoring.Scores, examples: list[scoring.Example], calibrated: bool) -> list[list]:
    probs = scores.calibrated if calibrated else scores.probs
    pred = scores.predictions(calibrated)
    return [
        [e.label, scores.classes[p], *[round(float(v), 3) for v in row], e.text[:300]]
        for e, p, row in zip(examples, pred, probs, strict=True)
    ]


SCORING_DEFAULTS = {  # labelled set -> (template, label words) from the library's zero-shot templates
    name: (entry.text, "\n".join(f"{c}: {w}" for c, w in entry.label_words.items()))
    for name, entry in zip(
        scoring.DATASETS,
        [templates.library("sentiment · zero-shot"), templates.library("topic · zero-shot")],
        strict=True,
    )
}


def pick_dataset(name: str):
    return SCORING_DEFAULTS.get(name, (gr.update(), gr.update()))


@view(gpu=60)
def run_scoring(model_name, dataset, template, words_text, n_examples, calibrated):
    scores, examples = scored(model_name, dataset, template, words_text, n_examples)
    multi = [
        html.escape(f"'{w}' = {'+'.join(repr(x) for x in toks)}")
        for w, toks in zip(scores.words, scores.word_tokens, strict=True)
        if len(toks) > 1
    ]
    prior = ", ".join(f"{html.escape(c)} {p:.3f}" for c, p in zip(scores.classes, scores.prior.tolist(), strict=True))
    summary = t(
        "prompts.score.summary",
        raw=scores.accuracy(),
        calibrated=scores.accuracy(calibrated=True),
        n=len(examples),
        chance=1 / len(scores.classes),
        prior=prior,
    ) + (t("prompts.score.multi", words="; ".join(multi)) if multi else "")
    which = t("prompts.score.calibrated") if calibrated else t("prompts.score.uncalibrated")
    return (
        summary,
        plots.confusion_matrix(
            scores.confusion(calibrated), scores.classes, t("prompts.score.confusion_title", which=which)
        ),
        plots.grouped_bars(
            scores.classes,
            {
                t("prompts.score.prior"): scores.prior.tolist(),
                t("prompts.score.mean_p"): scores.probs.mean(dim=0).tolist(),
                t("prompts.score.mean_p_calibrated"): scores.calibrated.mean(dim=0).tolist(),
            },
            t("prompts.score.prior_title"),
            t("prompts.score.class"),
            t("plot.axis.probability"),
        ),
        gr.update(
            value=examples_table(scores, examples, calibrated),
            headers=[
                t("prompts.score.col_true"),
                t("prompts.score.col_predicted"),
                *[f"P({c})" for c in scores.classes],
                t("prompts.score.col_text"),
            ],
        ),
    )


@view(gpu=60)
def run_order_effect(model_name, dataset, template, words_text, n_examples, shots, n_orders):
    examples = scoring.load_dataset(dataset, int(n_examples))
    loaded = generation.load_causal(model_name)
    effect = scoring.order_effect(
        loaded.model,
        loaded.tokenizer,
        template,
        examples,
        scoring.parse_label_words(words_text),
        int(shots),
        int(n_orders),
    )
    names = [f"{i + 1}: {' → '.join(o)}" for i, o in enumerate(effect.orders)]
    return plots.grouped_bars(
        names,
        {t("prompts.order.accuracy"): effect.accuracy, t("prompts.order.calibrated"): effect.calibrated_accuracy},
        t("prompts.order.title", shots=int(shots), n=len(examples) - int(shots)),
        t("prompts.order.x"),
        t("prompts.order.accuracy"),
    )


# ---- named API endpoints (JSON) --------------------------------------------------------------


def _distribution_json(d: generation.Distribution) -> dict:
    out = asdict(d)
    for key in ("model_probs", "final_probs"):
        out[key] = [round(p, DECIMALS) for p in out[key]]
    return out


@view(cache=False)
def render_template(template: str, values: dict | None = None, chat: bool = False, model: str = DEFAULT_MODEL) -> dict:
    """The prompt exactly as the model receives it, its variables and its tokens."""
    loaded, prompt = build_prompt(model, template, values or {}, chat)
    ids = loaded.tokenizer(prompt, add_special_tokens=False).input_ids
    return {
        "prompt": prompt,
        "variables": templates.variables(template),
        "token_ids": ids,
        "tokens": generation.pieces(loaded.tokenizer, ids),  # "".join(tokens) == prompt
        "n_tokens": len(ids),
        "context_length": generation.context_length(loaded.model),
    }


@view(gpu=60, batched=True)
def generate(
    template: str = PARIS,
    values: dict | None = None,
    chat: bool = False,
    model: str = DEFAULT_MODEL,
    do_sample: bool = False,
    temperature: float = 1.0,
    top_k: int = 0,
    top_p: float = 1.0,
    repetition_penalty: float = 1.0,
    max_new_tokens: int = 12,
    seed: int = 0,
    with_distributions: bool = False,
) -> dict:
    """Generate from a template (same seed, same text); each token with its probability under the model."""
    config = GenerationConfig(max_new_tokens, do_sample, temperature, top_k, top_p, repetition_penalty, seed)
    (answer,) = generation_answers(template, values, chat, model, config, with_distributions, partial=False)
    return {key: value for key, value in answer.items() if key != "done"}


def generation_answers(template, values, chat, model, config, with_distributions, partial=True) -> Iterator[dict]:
    """/generate's answer so far after every new token, or burst of tokens ("done": false; only when `partial`),
    then the whole answer ("done": true)."""
    checked = generation.check(config)
    loaded, prompt = build_prompt(model, template, values or {}, chat)
    net, tokenizer = loaded.model, loaded.tokenizer
    ids = generation.encode(tokenizer, prompt, generation.context_length(net), checked.config.max_new_tokens)
    answered, source = generation_source(loaded, prompt, ids, checked.config)
    so_far = generation.Generation(ids[0].tolist(), [], checked.notes)
    for burst in batching.bursts(source):
        so_far.steps.extend(burst)
        if partial:
            yield {**generation_json(prompt, so_far, tokenizer, with_distributions), "done": False}
    yield {
        **generation_json(prompt, so_far, tokenizer, with_distributions),
        "engine": engine_line(answered),
        "done": True,
    }


def generation_json(prompt: str, result: generation.Generation, tokenizer, with_distributions: bool) -> dict:
    known_ids = None not in result.token_ids  # a serving engine sends its tokens as text only
    answer = {
        "prompt": prompt,
        "text": result.decoded(tokenizer) if known_ids else result.text,
        "tokens": [s.token for s in result.steps],
        "token_ids": result.token_ids,
        "probs": [None if s.prob is None else round(s.prob, DECIMALS) for s in result.steps],
        "notes": [i18n.say(n) for n in result.notes],
    }
    if with_distributions:
        answer["distributions"] = [s.distribution and _distribution_json(s.distribution) for s in result.steps]
    return answer


@view(cache=False, gpu=60, batched=True)
def generate_stream(
    template: str = PARIS,
    values: dict | None = None,
    chat: bool = False,
    model: str = DEFAULT_MODEL,
    do_sample: bool = False,
    temperature: float = 1.0,
    top_k: int = 0,
    top_p: float = 1.0,
    repetition_penalty: float = 1.0,
    max_new_tokens: int = 12,
    seed: int = 0,
    with_distributions: bool = False,
) -> Iterator[dict]:
    """/generate, streamed: /generate's answer so far after every new token ("done": false), then the whole
    answer once more with "done": true (equal to /generate's). In a class generating at once, the tokens made while
    the server was still sending the last update come in one update (batching.bursts)."""
    config = GenerationConfig(max_new_tokens, do_sample, temperature, top_k, top_p, repetition_penalty, seed)
    yield from generation_answers(template, values, chat, model, config, with_distributions)


@view(gpu=True)
def next_token_distribution(
    prompt: str = PARIS,
    model: str = DEFAULT_MODEL,
    do_sample: bool = True,
    temperature: float = 1.0,
    top_k: int = 0,
    top_p: float = 1.0,
    repetition_penalty: float = 1.0,
) -> dict:
    """The top tokens after the prompt, with what temperature, top-k and top-p keep."""
    config = GenerationConfig(1, do_sample, temperature, top_k, top_p, repetition_penalty)
    notes = generation.check(config).notes
    loaded = generation.load_causal(model)
    dist = generation.next_token_distribution(
        loaded.model, loaded.tokenizer, prompt, config, generation.context_length(loaded.model)
    )
    return {**_distribution_json(dist), "notes": [i18n.say(n) for n in notes]}


@view(gpu=60)
def label_word_scoring(
    template: str = SCORE_DEFAULT_TEMPLATE,
    label_words: dict | None = None,
    dataset: str = next(iter(scoring.DATASETS)),
    n_examples: int = 20,
    examples: list | None = None,
    model: str = DEFAULT_MODEL,
) -> dict:
    """Accuracy, confusion matrices and per-example probabilities of label-word classification."""
    if examples:
        rows = scoring.examples_from(examples)
    else:
        rows = scoring.load_dataset(dataset, whole_number(n_examples, Term("n_examples"), 1, scoring.MAX_EXAMPLES))
    words = label_words or scoring.parse_label_words(SCORE_DEFAULT_WORDS)
    loaded = generation.load_causal(model)
    scores = scoring.score(loaded.model, loaded.tokenizer, template, rows, {str(k): str(v) for k, v in words.items()})
    return {
        "classes": scores.classes,
        "label_words": scores.words,
        "label_word_tokens": scores.word_tokens,
        "accuracy": scores.accuracy(),
        "calibrated_accuracy": scores.accuracy(calibrated=True),
        "confusion": scores.confusion().tolist(),
        "calibrated_confusion": scores.confusion(calibrated=True).tolist(),
        "prior": [round(p, DECIMALS) for p in scores.prior.tolist()],
        "log_probs": [[round(v, DECIMALS) for v in row] for row in scores.log_probs.tolist()],
        "probs": [[round(v, DECIMALS) for v in row] for row in scores.probs.tolist()],
        "true": scores.true,
    }


API = (render_template, generate, generate_stream, next_token_distribution, label_word_scoring)


# ---- layout ---------------------------------------------------------------------------------

latex = [{"left": "$", "right": "$", "display": False}]
with gr.Blocks() as demo:
    gr.Markdown(t("prompts.intro"), latex_delimiters=latex)
    with gr.Row():
        model_dropdown = gr.Dropdown(
            model_choices(), value=DEFAULT_MODEL, label=t("prompts.model"), elem_id="prompts-model"
        )
        library_dropdown = gr.Dropdown(templates.library_names(), value=DEFAULT_LIBRARY, label=t("prompts.library"))

    with gr.Tab(t("prompts.gen.tab"), id="prompts-generate"):
        start = templates.library(DEFAULT_LIBRARY)
        # a phone (ui/style.py): the template, then Generate and the output; the rendered prompt and decoding below
        with gr.Row(elem_classes="phone-unwrap"):
            with gr.Column(scale=3):
                template_box = gr.Textbox(start.text, lines=5, label=t("prompts.template"), elem_id="prompts-template")
                values_box = gr.Textbox(format_values(start.values), lines=2, label=t("prompts.values"))
                chat_checkbox = gr.Checkbox(start.chat, label=t("prompts.chat"))
            with gr.Column(scale=3, elem_classes="phone-after"):
                rendered_box = gr.Textbox(label=t("prompts.rendered"), lines=5, interactive=False, buttons=["copy"])
                tokens_html = gr.HTML(label=t("prompts.tokens"))
        with gr.Row(elem_classes="phone-after"):
            mode_radio = gr.Radio(mode_choices(), value="greedy", label=t("prompts.mode"))
            temperature_slider = gr.Slider(0, 3, value=DEFAULT.temperature, step=0.05, label=t("prompts.temperature"))
            top_k_slider = gr.Slider(0, 200, value=DEFAULT.top_k, step=1, label=t("prompts.top_k"))
            top_p_slider = gr.Slider(0.01, 1, value=DEFAULT.top_p, step=0.01, label=t("prompts.top_p"))
        with gr.Row(elem_classes="phone-after"):
            repetition_slider = gr.Slider(
                1, 3, value=DEFAULT.repetition_penalty, step=0.05, label=t("prompts.repetition")
            )
            max_new_slider = gr.Slider(
                1,
                generation.MAX_NEW_TOKENS,
                value=DEFAULT.max_new_tokens,
                step=1,
                label=t("prompts.max_new"),
                elem_id="prompts-max-new",
            )
            seed_number = gr.Number(value=DEFAULT.seed, precision=0, label=t("prompts.seed"))
        with gr.Row():
            generate_button = gr.Button(t("prompts.generate"), variant="primary", elem_id="prompts-generate-button")
            stop_button = gr.Button(t("prompts.stop"), variant="stop", elem_id="prompts-stop-button")
            paris_button = gr.Button(t("prompts.paris"), elem_id="prompts-paris-button")
        notes_md = gr.Markdown(elem_classes="phone-after", elem_id="prompts-notes")
        gr.Markdown(t("prompts.legend"))
        output_html = gr.HTML(label=t("prompts.output"), elem_id="prompts-output")
        steps_state = gr.State([])
        step_slider = gr.Slider(0, 1, value=0, step=1, label=t("prompts.step"), interactive=False)
        gr.Markdown(t("prompts.formula"), latex_delimiters=latex)
        distribution_plot = gr.Plot(elem_id="prompts-distribution")

    with gr.Tab(t("prompts.side.tab"), id="prompts-side"):
        gr.Markdown(t("prompts.side.intro"))
        with gr.Row():
            side_values_box = gr.Textbox(format_values(start.values), lines=2, label=t("prompts.values"))
            side_max_new = gr.Slider(1, 64, value=12, step=1, label=t("prompts.max_new"))
            side_seed = gr.Number(value=0, precision=0, label=t("prompts.seed"))
            columns_slider = gr.Slider(2, MAX_COLUMNS, value=3, step=1, label=t("prompts.side.columns"))
        side_templates = [
            "The capital of {country} is",
            "Q: What is the capital of {country}?\nA:",
            "{country}'s capital city is",
            "The capital of {country} is",
        ]
        side_modes = ["greedy", "greedy", "greedy", "sample"]
        column_inputs, column_outputs, column_stats, column_plots, column_boxes = [], [], [], [], []
        with gr.Row():
            for index in range(MAX_COLUMNS):
                with gr.Column(visible=index < 3, min_width=220) as column:
                    column_inputs += [
                        gr.Textbox(side_templates[index], lines=3, label=f"template {index + 1}"),
                        gr.Radio(mode_choices(), value=side_modes[index], label=t("prompts.mode")),
                        gr.Slider(0, 3, value=1.0, step=0.05, label=t("prompts.temperature")),
                        gr.Slider(0, 200, value=0, step=1, label=t("prompts.top_k")),
                        gr.Slider(0.01, 1, value=0.9, step=0.01, label=t("prompts.top_p")),
                    ]
                    column_outputs.append(gr.HTML(elem_id=f"prompts-side-output-{index}"))
                    column_stats.append(gr.Markdown())
                    column_plots.append(gr.Plot())
                column_boxes.append(column)
        side_button = gr.Button(t("prompts.side.run"), variant="primary")

    with gr.Tab(t("prompts.score.tab"), id="prompts-score"):
        gr.Markdown(t("prompts.score.intro"), latex_delimiters=latex)
        with gr.Row():
            dataset_dropdown = gr.Dropdown(
                list(scoring.DATASETS), value=next(iter(scoring.DATASETS)), label=t("prompts.score.dataset")
            )
            n_examples_slider = gr.Slider(4, scoring.MAX_EXAMPLES, value=20, step=1, label=t("prompts.score.n"))
            calibrate_checkbox = gr.Checkbox(False, label=t("prompts.score.calibrate"))
        with gr.Row():
            score_template_box = gr.Textbox(SCORE_DEFAULT_TEMPLATE, lines=3, label=t("prompts.score.template"))
            words_box = gr.Textbox(SCORE_DEFAULT_WORDS, lines=3, label=t("prompts.score.words"))
        score_button = gr.Button(t("prompts.score.run"), variant="primary")
        score_md = gr.Markdown()
        with gr.Row():
            confusion_plot, prior_plot = gr.Plot(elem_id="prompts-score-confusion"), gr.Plot()
        score_table = gr.Dataframe(interactive=False, wrap=True, max_height=400)
        gr.Markdown(t("prompts.score.order_intro"))
        with gr.Row():
            shots_slider = gr.Slider(1, scoring.MAX_SHOTS, value=2, step=1, label=t("prompts.score.shots"))
            orders_slider = gr.Slider(1, scoring.MAX_ORDERS, value=2, step=1, label=t("prompts.score.orders"))
            order_button = gr.Button(t("prompts.score.order_run"))
        order_plot = gr.Plot()
        gr.Markdown(t("prompts.score.data_note"))

    # ---- wiring ------------------------------------------------------------------------------
    prompt_inputs = [model_dropdown, template_box, values_box, chat_checkbox]
    library_dropdown.change(
        pick_library, library_dropdown, [template_box, values_box, chat_checkbox], api_visibility="private"
    ).then(show_prompt, prompt_inputs, [rendered_box, tokens_html], api_visibility="private")
    template_box.change(fill_missing_values, [template_box, values_box], values_box, api_visibility="private")
    on(
        [
            template_box.submit,
            template_box.blur,
            values_box.blur,
            values_box.submit,
            chat_checkbox.change,
            model_dropdown.change,
        ],
        show_prompt,
        prompt_inputs,
        [rendered_box, tokens_html],
    )
    generation_inputs = [
        *prompt_inputs,
        mode_radio,
        temperature_slider,
        top_k_slider,
        top_p_slider,
        repetition_slider,
        max_new_slider,
        seed_number,
    ]
    generation_outputs = [output_html, notes_md, steps_state, step_slider, distribution_plot]
    # Stop cancels every step of both chains: pressed before the stream has started, the stream never starts.
    generate_steps = [
        generate_button.click(show_prompt, prompt_inputs, [rendered_box, tokens_html], api_visibility="private")
    ]
    generate_steps.append(
        generate_steps[-1].success(stream_generation, generation_inputs, generation_outputs, api_visibility="private")
    )
    paris_steps = [
        paris_button.click(
            paris_example, None, [template_box, values_box, chat_checkbox, mode_radio], api_visibility="private"
        )
    ]
    paris_steps.append(
        paris_steps[-1].then(show_prompt, prompt_inputs, [rendered_box, tokens_html], api_visibility="private")
    )
    paris_steps.append(
        paris_steps[-1].success(stream_generation, generation_inputs, generation_outputs, api_visibility="private")
    )
    stop_button.click(None, None, None, cancels=[*generate_steps, *paris_steps], api_visibility="private")
    step_slider.change(show_step, [steps_state, step_slider], distribution_plot, api_visibility="private")

    columns_slider.change(
        lambda n: [gr.update(visible=i < int(n)) for i in range(MAX_COLUMNS)],
        columns_slider,
        column_boxes,
        api_visibility="private",
    )
    side_button.click(
        run_columns,
        [model_dropdown, side_values_box, side_max_new, side_seed, columns_slider, *column_inputs],
        [*column_outputs, *column_stats, *column_plots],
        api_visibility="private",
    )

    score_inputs = [model_dropdown, dataset_dropdown, score_template_box, words_box, n_examples_slider]
    score_button.click(
        run_scoring,
        [*score_inputs, calibrate_checkbox],
        [score_md, confusion_plot, prior_plot, score_table],
        api_visibility="private",
    )
    dataset_dropdown.change(pick_dataset, dataset_dropdown, [score_template_box, words_box], api_visibility="private")
    order_button.click(
        run_order_effect, [*score_inputs, shots_slider, orders_slider], order_plot, api_visibility="private"
    )

    demo.load(show_prompt, prompt_inputs, [rendered_box, tokens_html], api_visibility="private")

    for endpoint in API:
        gr.api(endpoint, api_name=endpoint.__name__)


def _prompt_code(v: dict) -> str:
    _, prompt = build_prompt(v["model"], v["template"], parse_values(v["values"]), v["chat"])
    return snippets.prompts(v["model"], prompt)


NOTEBOOK_COMPUTE = r"""
# The distribution of the next token $P(x_t \mid x_{<t})$ (source text §4.2.1) after the rendered prompt
import torch
from playground import templates  # the app's template rendering (needs the project folder: see the set-up cell)

prompt = templates.render(TEMPLATE, VALUES)
if CHAT:
    prompt = templates.apply_chat(tokenizer, prompt)  # the model's chat template around it
print(prompt)
ids = tokenizer(prompt, add_special_tokens=False, return_tensors="pt").input_ids.to(model.device)  # (1, T)
with torch.no_grad():
    probs = model(input_ids=ids).logits[0, -1].float().softmax(dim=-1).cpu()  # (V,) P(next token | prompt)
top = probs.topk(TOP_N)
top_tokens = [tokenizer.decode([int(i)]) for i in top.indices]
for p, token in zip(top.values, top_tokens):
    print(f"{p:.4f}  {token!r}")
computed = {"prompt": prompt, "top_ids": top.indices.numpy(), "top_probs": top.values.numpy()}
"""
NOTEBOOK_FIGURE = """
import plotly.graph_objects as go

fig = go.Figure(go.Bar(x=[repr(token) for token in top_tokens], y=computed["top_probs"]))
fig.update_layout(title=f"{MODEL}: P(next token | prompt), the {TOP_N} likeliest", yaxis_title="probability")
fig.show()
"""


def notebook(v: dict) -> notebooks.Recipe:
    """The rendered prompt and its next-token distribution as a notebook."""
    values = parse_values(v["values"])
    loaded, prompt = build_prompt(v["model"], v["template"], values, v["chat"])
    dist = generation.next_token_distribution(
        loaded.model, loaded.tokenizer, prompt, GenerationConfig(), generation.context_length(loaded.model)
    )
    top = 10
    return notebooks.Recipe(
        explain=("prompts.intro",),
        inputs={"TEMPLATE": v["template"], "VALUES": values, "CHAT": bool(v["chat"]), "TOP_N": top},
        compute=NOTEBOOK_COMPUTE,
        figure=NOTEBOOK_FIGURE,
        numbers={
            "prompt": prompt,
            "top_ids": dist.token_ids[:top],
            "top_probs": notebooks.numbers(dist.model_probs[:top]),
        },
        atol=1e-5,
        model=v["model"],
        causal=True,
    )


SIDE_COMPUTE = r"""
# The same question asked in several ways, one column each: the template rendered with the values, then a
# continuation token by token, $x_t \sim P(x_t \mid x_{<t})$ (greedy: the argmax). The app's generation loop
# (`playground.generation`: KV cache, temperature, top-k, top-p, seeded sampling) makes the tokens; the mean
# log-probability of a column's own tokens and its perplexity $\exp(-\frac{1}{n}\sum_t \log P(x_t \mid x_{<t}))$
# are computed here.
import math

from playground import generation, templates

columns = []
for number, column in enumerate(COLUMNS, start=1):
    config = generation.GenerationConfig(
        max_new_tokens=MAX_NEW, do_sample=column["mode"] == "sample", temperature=column["temperature"],
        top_k=column["top_k"], top_p=column["top_p"], repetition_penalty=1.0, seed=SEED,
    )
    used = {k: v for k, v in VALUES.items() if k in templates.variables(column["template"])}
    prompt = templates.render(column["template"], used)
    ids = generation.encode(tokenizer, prompt, generation.context_length(model), config.max_new_tokens)
    steps = list(generation.stream(model, tokenizer, ids, config))
    mean = sum(math.log(max(s.prob, 1e-30)) for s in steps) / max(len(steps), 1)
    columns.append({"prompt": prompt, "ids": [s.token_id for s in steps], "probs": [s.prob for s in steps],
                    "perplexity": math.exp(-mean)})
    print(f"{number}. {prompt!r} -> {''.join(s.token for s in steps)!r}  (perplexity {math.exp(-mean):.2f})")
computed = {"token_ids": [c["ids"] for c in columns], "probs": [c["probs"] for c in columns],
            "perplexity": [c["perplexity"] for c in columns]}
"""
SIDE_FIGURE = """
import plotly.graph_objects as go

fig = go.Figure([go.Scatter(y=c["probs"], mode="lines+markers", name=f"{i + 1}: {c['prompt'][:30]!r}")
                 for i, c in enumerate(columns)])
fig.update_layout(title=f"{MODEL}: P(x_t | x_<t) of each column's own tokens", xaxis_title="new token",
                  yaxis_title="probability", height=450)
fig.show()
"""
COLUMN_FIELDS = ("template", "mode", "temperature", "top_k", "top_p")


def notebook_side(v: dict) -> notebooks.Recipe:
    """Side by side: each shown column's tokens, their probabilities and its perplexity."""
    values = parse_values(v["values"])
    columns = [{field: v[f"{field}_{i + 1}"] for field in COLUMN_FIELDS} for i in range(int(v["columns"]))]
    for column in columns:
        column["temperature"], column["top_p"] = float(column["temperature"]), float(column["top_p"])
        column["top_k"] = int(column["top_k"])
    ids, probs, perplexity = [], [], []
    for column in columns:
        checked, prompt, stream = column_stream(
            v["model"], values, column["template"], *(column[f] for f in COLUMN_FIELDS[1:]), v["max_new"], v["seed"]
        )
        steps = COLUMNS_DRAWN.get((v["model"], prompt, checked.config), lambda s=stream: list(s))
        ids.append([s.token_id for s in steps])
        probs.append([s.prob for s in steps])
        perplexity.append(math.exp(-mean_log_prob(steps)))
    return notebooks.Recipe(
        explain=("prompts.intro", "prompts.side.intro"),
        inputs={"VALUES": values, "MAX_NEW": int(v["max_new"]), "SEED": int(v["seed"]), "COLUMNS": columns},
        compute=SIDE_COMPUTE,
        figure=SIDE_FIGURE,
        numbers={"token_ids": ids, "probs": notebooks.numbers(probs), "perplexity": perplexity},
        atol=1e-4,
        model=v["model"],
        causal=True,
    )


SCORE_COMPUTE = r"""
# Label-word scoring (source text §5.2): each example x in the template p, and the probability of each class's
# label word after it, $P(w_c \mid x, p)$ (a word of several tokens: the product of its tokens, the chain rule),
# renormalised over the classes. Calibration (Zhao et al. 2021) divides by the prior $\hat p_{cf}$ the model gives
# content-free inputs ("N/A", "", "[MASK]"): $q \propto p / \hat p_{cf}$. The labelled examples and the label words'
# log-probabilities come from `playground.scoring`; the rest is computed here.
import torch

from playground import scoring

examples = scoring.load_dataset(DATASET, N_EXAMPLES)
label_words = scoring.parse_label_words(WORDS)
name = scoring.text_variable(TEMPLATE)  # the template's one variable
classes = sorted({e.label for e in examples})
words = [label_words[c] for c in classes]
prompts = [scoring.render(TEMPLATE, {name: e.text}) for e in examples]
content_free = [p for p in (scoring.render(TEMPLATE, {name: x}) for x in scoring.CONTENT_FREE) if p.strip()]
log_probs = scoring.word_log_probs(model, tokenizer, [*prompts, *content_free], words)  # (N + cf, C)
p_all = log_probs.softmax(dim=-1)  # renormalised over the classes
probs, prior = p_all[: len(prompts)], p_all[len(prompts) :].mean(dim=0)  # (N, C), (C,)
calibrated = probs / prior
calibrated = calibrated / calibrated.sum(dim=-1, keepdim=True)
true = torch.tensor([classes.index(e.label) for e in examples])
accuracy = [float((probs.argmax(-1) == true).float().mean()), float((calibrated.argmax(-1) == true).float().mean())]
print(f"accuracy {accuracy[0]:.3f}, calibrated {accuracy[1]:.3f} (chance {1 / len(classes):.3f}); prior {prior}")
computed = {"probs": probs.numpy(), "prior": prior.numpy(), "calibrated": calibrated.numpy(), "accuracy": accuracy}
"""
SCORE_FIGURE = """
import plotly.graph_objects as go

which = computed["calibrated"] if CALIBRATED else computed["probs"]
confusion = [[int(((true == a) & (torch.tensor(which).argmax(-1) == b)).sum()) for b in range(len(classes))]
             for a in range(len(classes))]
fig = go.Figure(go.Heatmap(z=confusion, x=classes, y=classes, text=confusion, texttemplate="%{text}",
                           colorscale="Blues"))
fig.update_layout(title="confusion" + (" (calibrated)" if CALIBRATED else ""), xaxis_title="predicted",
                  yaxis=dict(title="true", autorange="reversed"), width=500, height=450)
fig.show()
"""


@functools.lru_cache(maxsize=4)
def scored(model_name, dataset, template, words_text, n_examples) -> tuple[scoring.Scores, list]:
    """One scoring per inputs: the view and its notebook share it."""
    examples = scoring.load_dataset(dataset, int(n_examples))
    loaded = generation.load_causal(model_name)
    words = scoring.parse_label_words(words_text)
    return scoring.score(loaded.model, loaded.tokenizer, template, examples, words), examples


def notebook_score(v: dict) -> notebooks.Recipe:
    """Label-word scoring: each example's class probabilities, the prior, calibration and the accuracies."""
    scores, _ = scored(v["model"], v["dataset"], v["template"], v["words"], v["n"])
    return notebooks.Recipe(
        explain=("prompts.intro", "prompts.score.intro"),
        inputs={
            "DATASET": v["dataset"],
            "N_EXAMPLES": int(v["n"]),
            "TEMPLATE": v["template"],
            "WORDS": v["words"],
            "CALIBRATED": bool(v["calibrated"]),
        },
        compute=SCORE_COMPUTE,
        figure=SCORE_FIGURE,
        numbers={
            "probs": notebooks.numbers(scores.probs),
            "prior": notebooks.numbers(scores.prior),
            "calibrated": notebooks.numbers(scores.calibrated),
            "accuracy": [scores.accuracy(), scores.accuracy(calibrated=True)],
        },
        atol=1e-4,
        model=v["model"],
        causal=True,
    )


TAB = Tab(
    "prompts",
    "prompts.tab",
    demo,
    share=Share(
        {
            "model": Param(model_dropdown),
            "template": Param(template_box),
            "values": Param(values_box),
            "chat": Param(chat_checkbox),
        },
        (Draw(show_prompt, prompt_inputs, [rendered_box, tokens_html]),),
        _prompt_code,
        notebook,
        (
            SubView(
                "prompts-side",
                {
                    "model": model_dropdown,
                    "values": side_values_box,
                    "max_new": side_max_new,
                    "seed": side_seed,
                    "columns": columns_slider,
                    **{
                        f"{field}_{i // len(COLUMN_FIELDS) + 1}": component
                        for i, (field, component) in enumerate(
                            zip(COLUMN_FIELDS * MAX_COLUMNS, column_inputs, strict=True)
                        )
                    },
                },
                notebook_side,
            ),
            SubView(
                "prompts-score",
                {
                    "model": model_dropdown,
                    "dataset": dataset_dropdown,
                    "template": score_template_box,
                    "words": words_box,
                    "n": n_examples_slider,
                    "calibrated": calibrate_checkbox,
                },
                notebook_score,
            ),
        ),
    ),
    advanced=(top_k_slider, top_p_slider, repetition_slider, seed_number, side_seed),
    scenes=(Scene("prompts", "5.2.3", 14, "prompts-generate", run=paris_button, exercise="prompts_temperature"),),
    key_outputs=(output_html, column_outputs[0], confusion_plot),
    exercises=exercises.of_tab("prompts"),  # "Predict, then reveal" (ui/exercises.py)
)

if __name__ == "__main__":
    demo.launch()
