r"""Fine-tune tab: start a training job, watch its curves live, stop it, keep it, try and download it.

Training runs in a worker process (`playground.finetune`); the handlers only start it, read its run
folder and draw. The streaming handler is a generator that polls the folder once a second, so closing
the tab leaves the run going and listed; Stop writes the run's STOP file and the worker ends within a step.
Named JSON API endpoints: `/finetune_start`, `/finetune_status`, `/finetune_stop`, `/finetune_list_runs`.
"""

from __future__ import annotations

import html
import shutil
import tempfile
import time
from pathlib import Path

import gradio as gr

from playground import exercises, finetune, models, pairs
from playground.errors import InputError, Note
from playground.finetune import FinetuneConfig
from playground.runs import ACTIVE, RunStore
from ui import header, i18n, plots
from ui.i18n import headed, t
from ui.i18n.en import EN
from ui.tab import Scene, Tab
from ui.view import view

DEFAULT = FinetuneConfig()
POLL_S = 1.0
MAX_WATCH_S = 3 * 3600  # a streaming view never outlives this, whatever the run does
# Column headers by key: the handlers send them in the page's language with the rows (the layout starts in English)
PINNED_COLUMNS = tuple(f"ft.pinned_col_{name}" for name in ("s1", "s2", "label", "p", "predicted"))
RUN_COLUMNS = tuple(
    f"ft.runs_col_{name}" for name in ("run", "state", "method", "steps", "before", "after", "f1", "time")
)
STATES = ("queued", "running", "finished", "stopped", "failed")


def store() -> RunStore:
    return RunStore()  # reads PLAYGROUND_RUNS at each call: tests point it at a temp folder


def model_choices() -> list[tuple[str, str]]:
    return header.model_choices(models.names(models.ENCODER))


# ---- helpers: run folder -> views ----------------------------------------------------------------


def bar(fraction: float, width: int = 24) -> str:
    full = int(round(max(0.0, min(1.0, fraction)) * width))
    return "█" * full + "░" * (width - full)


def minutes(seconds: float) -> str:
    if seconds >= 60:
        return t("ft.minutes", m=int(seconds // 60), s=int(seconds % 60))
    return t("ft.seconds", s=int(seconds))


def state_name(state: str) -> str:
    """A run's state ('running', 'finished', …) in the page's language."""
    return t(f"ft.state.{state}") if state in STATES else state


def status_markdown(run_id: str) -> str:
    s = store()
    run = s.get(run_id)
    if run.state == "queued" and s.jobs_ahead(run_id):
        return t("ft.queued", run=run_id, ahead=s.jobs_ahead(run_id))
    status = run.status
    step, total = status.get("step", 0), status.get("max_steps", 0) or 1
    eta = finetune.eta_s(status)
    text = t(
        "ft.progress",
        run=run_id,
        state=state_name(run.state),
        bar=bar(step / total),
        step=step,
        total=total,
        eta=t("ft.eta", eta=minutes(eta)) if eta and run.state == "running" else "",
    )
    if note := Note.from_json(status.get("message")):
        text += f"\n\n{i18n.say(note)}"
    if run.state == "failed" and status.get("log_tail"):
        text += f"\n\n```\n{status['log_tail'][-1500:].replace('`', 'ˋ')}\n```"  # the log cannot close the block
    return text


PINNED_WIDTHS = ("27%", "27%", "15%", "16%", "15%")  # the sentences wrap in two lines: p and predicted stay seen
PINNED_CELL = "padding:3px 5px;border-bottom:1px solid #ddd;vertical-align:top;overflow-wrap:anywhere"
CLAMP = "display:-webkit-box;-webkit-line-clamp:2;-webkit-box-orient:vertical;overflow:hidden"


def probability_cell(p: float, right: bool) -> str:
    """p(same) as a bar filling the cell (green when the prediction is right, red when wrong): it moves visibly at
    each evaluation."""
    colour = "#9fd89f" if right else "#f4a6a6"
    fill = f"background:linear-gradient(90deg,{colour} {p:.0%},transparent {p:.0%})"
    return f'<td class="ft-p" style="{PINNED_CELL};{fill}">{p:.2f}</td>'


def pinned_rows(rows: list[dict]) -> str:
    """The pinned pairs as an HTML table that fits any width: each sentence in two lines (all of it on hover)."""
    if not rows:
        return f"<p>{html.escape(t('ft.pinned_wait'))}</p>"
    word = lambda label: t("ft.same") if label else t("ft.different")  # noqa: E731
    head = "".join(
        f'<th style="{PINNED_CELL};width:{width};text-align:left">{html.escape(t(key))}</th>'
        for key, width in zip(PINNED_COLUMNS, PINNED_WIDTHS, strict=True)
    )
    body = []
    for r in rows:
        sentences = "".join(
            f'<td style="{PINNED_CELL}" title="{html.escape(s)}"><div style="{CLAMP}">{html.escape(s)}</div></td>'
            for s in (r["sentence1"], r["sentence2"])
        )
        right = bool(r["predicted"]) == bool(r["label"])
        mark = "✓" if right else "✗"
        body.append(
            f"<tr>{sentences}<td style='{PINNED_CELL}'>{word(r['label'])}</td>"
            f"{probability_cell(r['p_paraphrase'], right)}<td style='{PINNED_CELL}'>{mark} {word(r['predicted'])}</td>"
            "</tr>"
        )
    return (
        '<table style="table-layout:fixed;width:100%;border-collapse:collapse;font-size:14px">'
        f"<thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"
    )


def run_views(run_id: str):
    """(status markdown, curves figure, pinned table) of one run, from its folder."""
    rows = store().get(run_id).metrics()
    fig = plots.finetune_curves({run_id: finetune.series(rows)}, t("ft.curves"))
    return status_markdown(run_id), fig, pinned_rows(finetune.last_pinned(rows))


def never_started(s: dict) -> bool:
    """A run stopped before its first step (0/0): nothing to compare or try."""
    return s["state"] == "stopped" and not s["step"]


def runs_table() -> list[list]:
    """One row per kept run, newest first, runs that never started last and marked (its cells in the page's
    language; `RUN_COLUMNS` heads them)."""
    table, idle = [], []
    for run in store().list():
        s = finetune.summary(run)
        fmt = lambda v: None if v is None else round(v, 3)  # noqa: E731
        (idle if never_started(s) else table).append(
            [
                run.run_id,
                t("ft.never_started") if never_started(s) else state_name(s["state"]),
                s["config"].get("method", ""),
                f"{s['step']}/{s['max_steps']}",
                fmt(s["accuracy_before"]),
                fmt(s["accuracy_after"]),
                fmt(s["f1_after"]),
                s["elapsed_s"],
            ]
        )
    return table + idle


def config_from_ui(
    model, dataset, method, lr, max_steps, epochs, batch, max_length, warmup, decay, seed, size, eval_steps
) -> FinetuneConfig:
    return finetune.make_config(
        model=model,
        dataset=dataset,
        method=method,
        learning_rate=lr,
        max_steps=max_steps,
        epochs=epochs,
        batch_size=batch,
        max_length=max_length,
        warmup_ratio=warmup,
        weight_decay=decay,
        seed=seed,
        train_size=size,
        eval_steps=eval_steps,
    )


def read_upload(file, col1, col2, col_label) -> list[dict]:
    if file is None:
        raise InputError("ft.err.no_file")
    path = Path(file if isinstance(file, str) else file.name)
    if path.stat().st_size > pairs.MAX_UPLOAD_BYTES:
        raise InputError("ft.err.file_too_big", limit=pairs.MAX_UPLOAD_BYTES // 2**20)
    return pairs.parse_upload(path.read_bytes(), path.name, col1.strip(), col2.strip(), col_label.strip())


# ---- handlers ------------------------------------------------------------------------------------


@view(cache=False)
def check_upload(file, col1, col2, col_label) -> str:
    rows = read_upload(file, col1, col2, col_label)
    pos = sum(r["label"] for r in rows)
    return t("ft.upload_ok", n=len(rows), pos=pos, neg=len(rows) - pos)


@view(cache=False)
def start_and_watch(*values):
    """Start a run, then stream its status, curves and pinned pairs until it ends (one poll a second)."""
    *hyper, file, col1, col2, col_label = values
    config = config_from_ui(*hyper)
    rows = read_upload(file, col1, col2, col_label) if config.dataset == "upload" else None
    run = finetune.start(config, store(), rows)
    yield (run.run_id, *run_views(run.run_id))
    yield from watch(run.run_id)


def watch(run_id: str):
    deadline = time.time() + MAX_WATCH_S
    while time.time() < deadline:
        time.sleep(POLL_S)
        finetune.reap()
        state = store().get(run_id).state
        yield (run_id, *run_views(run_id))
        if state not in ACTIVE:
            return


@view(cache=False)
def stop_run(run_id):
    if not run_id:
        raise InputError("ft.no_run")
    finetune.stop(run_id, store())
    return status_markdown(run_id)


@view(cache=False)
def refresh_runs(selected):
    ids = [r.run_id for r in store().list()]
    keep = [r for r in (selected or []) if r in ids]
    picked = ids[0] if ids else None
    table = headed(runs_table(), RUN_COLUMNS)
    return table, gr.update(choices=ids, value=keep), gr.update(choices=ids, value=picked), overlay(keep)


@view(cache=False)
def overlay(run_ids):
    s = store()
    runs = {run_id: finetune.series(s.get(run_id).metrics()) for run_id in (run_ids or [])[:5]}
    return plots.finetune_curves(runs, t("ft.curves"))


@view(cache=False)
def try_model(run_id, sentence1, sentence2) -> str:
    if not run_id:
        raise InputError("ft.no_run")
    result = finetune.try_pair(store().get(run_id), sentence1, sentence2)
    verdict = t("ft.same") if result["predicted"] else t("ft.different")
    return t("ft.try_result", p=result["p_paraphrase"], verdict=verdict)


@view(cache=False)
def download_model(run_id) -> str:
    if not run_id:
        raise InputError("ft.no_run")
    run = store().get(run_id)
    if not run.has_model():
        raise InputError("finetune.err.no_model")
    target = Path(tempfile.mkdtemp(prefix="finetune-")) / run_id
    return shutil.make_archive(str(target), "zip", run.model_dir)


@view(cache=False)
def delete_run(run_id, selected):
    if not run_id:
        raise InputError("ft.no_run")
    store().delete(run_id)
    return refresh_runs([r for r in (selected or []) if r != run_id])


# ---- named API endpoints (JSON) --------------------------------------------------------------


@view(cache=False)
def finetune_start(
    model: str = DEFAULT.model,
    dataset: str = DEFAULT.dataset,
    method: str = DEFAULT.method,
    learning_rate: float = DEFAULT.learning_rate,
    max_steps: int = DEFAULT.max_steps,
    batch_size: int = DEFAULT.batch_size,
    train_size: int = DEFAULT.train_size,
    eval_size: int = DEFAULT.eval_size,
    eval_steps: int = DEFAULT.eval_steps,
    seed: int = DEFAULT.seed,
) -> dict:
    """Start a fine-tuning run on a built-in dataset; returns its id and state ("queued" at first)."""
    config = finetune.make_config(
        model=model,
        dataset=dataset,
        method=method,
        learning_rate=learning_rate,
        max_steps=max_steps,
        batch_size=batch_size,
        train_size=train_size,
        eval_size=eval_size,
        eval_steps=eval_steps,
        seed=seed,
    )
    if config.dataset == "upload":
        raise InputError("ft.err.api_upload")
    run = finetune.start(config, store())
    return {"run_id": run.run_id, "state": run.state, "jobs_ahead": store().jobs_ahead(run.run_id)}


def said(summary: dict) -> dict:
    """A run's summary for an API client: its message as a sentence in the request's language ("" for none)."""
    return {**summary, "message": i18n.say(summary["message"]) if summary["message"] else ""}


@view(cache=False)
def finetune_status(run_id: str, since_step: int = -1) -> dict:
    """A run's state, progress and the metrics rows logged after `since_step`."""
    finetune.reap()
    run = store().get(run_id)
    rows = [r for r in run.metrics() if r.get("step", 0) > since_step]
    return {**said(finetune.summary(run)), "jobs_ahead": store().jobs_ahead(run_id), "metrics": rows}


@view(cache=False)
def finetune_stop(run_id: str, wait_s: float = 0.0) -> dict:
    """Ask a run to stop (and wait up to wait_s seconds, at most 60, for it to end)."""
    return said(finetune.summary(finetune.stop(run_id, store(), min(max(0.0, float(wait_s)), 60.0))))


@view(cache=False)
def finetune_list_runs() -> list:
    """Every kept run, newest first, with its state and accuracy before/after."""
    finetune.reap()
    return [said(finetune.summary(run)) for run in store().list()]


API = (finetune_start, finetune_status, finetune_stop, finetune_list_runs)

# ---- layout ------------------------------------------------------------------------------------

LATEX = [{"left": "$", "right": "$", "display": False}]

with gr.Blocks() as demo:
    gr.Markdown(t("ft.intro"), latex_delimiters=LATEX)
    with gr.Row():
        model_dropdown = gr.Dropdown(model_choices(), value=DEFAULT.model, label=t("ft.model"))
        dataset_radio = gr.Radio(["paraphrase", "mrpc", "upload"], value=DEFAULT.dataset, label=t("ft.dataset"))
        method_radio = gr.Radio(
            list(finetune.METHODS), value=DEFAULT.method, label=t("ft.method"), info=t("ft.method_info")
        )
    gr.Markdown(t("ft.data_note"))
    with gr.Accordion(t("ft.upload"), open=False):
        with gr.Row():
            upload_file = gr.File(file_types=[".csv", ".jsonl"], label=t("ft.upload"), elem_id="ft-upload")
            with gr.Column():
                col1_box = gr.Textbox("sentence1", label=t("ft.col1"))
                col2_box = gr.Textbox("sentence2", label=t("ft.col2"))
                label_box = gr.Textbox("label", label=t("ft.col_label"))
                check_button = gr.Button(t("ft.check_upload"))
        upload_md = gr.Markdown()
    with gr.Accordion(t("ft.hyper"), open=True):
        with gr.Row():
            lr_number = gr.Number(DEFAULT.learning_rate, label=t("ft.lr"))
            steps_number = gr.Number(DEFAULT.max_steps, precision=0, label=t("ft.max_steps"), minimum=0)
            epochs_number = gr.Number(DEFAULT.epochs, label=t("ft.epochs"))
            batch_slider = gr.Slider(1, 64, value=DEFAULT.batch_size, step=1, label=t("ft.batch"))
            length_slider = gr.Slider(16, 512, value=DEFAULT.max_length, step=8, label=t("ft.max_length"))
        with gr.Row():
            warmup_slider = gr.Slider(0.0, 0.5, value=DEFAULT.warmup_ratio, step=0.05, label=t("ft.warmup"))
            decay_number = gr.Number(DEFAULT.weight_decay, label=t("ft.weight_decay"))
            seed_number = gr.Number(DEFAULT.seed, precision=0, label=t("ft.seed"))
            size_number = gr.Number(DEFAULT.train_size, precision=0, label=t("ft.train_size"), minimum=0)
            eval_number = gr.Number(DEFAULT.eval_steps, precision=0, label=t("ft.eval_steps"), minimum=1)
    with gr.Row():
        start_button = gr.Button(t("ft.start"), variant="primary")
        stop_button = gr.Button(t("ft.stop"), variant="stop")
    run_state = gr.State("")
    status_md = gr.Markdown(t("ft.idle"), elem_id="ft-status")
    curves_plot = gr.Plot(label=t("ft.curves"), elem_id="ft-curves", visible=False)  # shown when a run starts
    with gr.Group(visible=False) as pinned_group:
        gr.Markdown(f"**{t('ft.pinned')}**")
        pinned_table = gr.HTML(elem_id="ft-pinned")

    gr.Markdown(f"### {t('ft.runs')}")
    with gr.Row():
        refresh_button = gr.Button(t("ft.refresh"))
    runs_df = gr.Dataframe(headers=[EN[key] for key in RUN_COLUMNS], interactive=False, elem_id="ft-runs")
    overlay_dropdown = gr.Dropdown([], multiselect=True, label=t("ft.overlay"))
    overlay_plot = gr.Plot(visible=False)  # shown once runs are chosen
    with gr.Row():
        run_dropdown = gr.Dropdown([], label=t("ft.run"))
        download_button = gr.Button(t("ft.download"))
        delete_button = gr.Button(t("ft.delete"))
    download_file = gr.File(label=t("ft.download"), interactive=False, height=90)
    gr.Markdown(f"#### {t('ft.try')}")
    with gr.Row():
        s1_box = gr.Textbox("The vertebral column is also known as the backbone.", label=t("ft.s1"))
        s2_box = gr.Textbox("Another name for the vertebral column is the backbone.", label=t("ft.s2"))
        try_button = gr.Button(t("ft.try_button"))
    try_md = gr.Markdown()
    gr.Markdown(t("ft.cli"))

    # ---- wiring ------------------------------------------------------------------------------
    hyper = [
        model_dropdown,
        dataset_radio,
        method_radio,
        lr_number,
        steps_number,
        epochs_number,
        batch_slider,
        length_slider,
        warmup_slider,
        decay_number,
        seed_number,
        size_number,
        eval_number,
    ]
    upload_inputs = [upload_file, col1_box, col2_box, label_box]
    check_button.click(check_upload, upload_inputs, upload_md, api_visibility="private")
    start_button.click(
        lambda: (gr.update(visible=True), gr.update(visible=True)),
        None,
        [curves_plot, pinned_group],
        api_visibility="private",
        queue=False,
    )
    start_button.click(
        start_and_watch,
        hyper + upload_inputs,
        [run_state, status_md, curves_plot, pinned_table],
        api_visibility="private",
        concurrency_limit=16,
    ).then(
        refresh_runs,
        overlay_dropdown,
        [runs_df, overlay_dropdown, run_dropdown, overlay_plot],
        api_visibility="private",
    )
    stop_button.click(stop_run, run_state, status_md, api_visibility="private", concurrency_limit=None)
    refresh_button.click(
        refresh_runs,
        overlay_dropdown,
        [runs_df, overlay_dropdown, run_dropdown, overlay_plot],
        api_visibility="private",
    )
    overlay_dropdown.change(overlay, overlay_dropdown, overlay_plot, api_visibility="private")
    overlay_dropdown.change(
        lambda ids: gr.update(visible=bool(ids)), overlay_dropdown, overlay_plot, api_visibility="private", queue=False
    )
    try_button.click(try_model, [run_dropdown, s1_box, s2_box], try_md, api_visibility="private")
    download_button.click(download_model, run_dropdown, download_file, api_visibility="private")
    delete_button.click(
        delete_run,
        [run_dropdown, overlay_dropdown],
        [runs_df, overlay_dropdown, run_dropdown, overlay_plot],
        api_visibility="private",
    )
    demo.load(
        refresh_runs,
        overlay_dropdown,
        [runs_df, overlay_dropdown, run_dropdown, overlay_plot],
        api_visibility="private",
    )

    for endpoint in API:
        gr.api(endpoint, api_name=endpoint.__name__)

TAB = Tab(
    "finetune",
    "ft.tab",
    demo,
    advanced=(
        upload_file,
        col1_box,
        col2_box,
        label_box,
        check_button,
        lr_number,
        steps_number,
        epochs_number,
        warmup_slider,
        decay_number,
        seed_number,
        size_number,
        eval_number,
        length_slider,
    ),
    scenes=(Scene("finetune", "5.2.2", 12, exercise="finetune_step0"),),
    key_outputs=(pinned_table,),
    exercises=exercises.of_tab("finetune"),  # "Predict, then reveal" (ui/exercises.py)
)

if __name__ == "__main__":
    demo.launch()
