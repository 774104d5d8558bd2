r"""Fine-tune tab: start a training job, watch its curves live, stop it, keep it, try and download it.

Training runs in a worker process (`playground.finetune`); the handlers only start it, read its run
folder and draw. The streaming handler is a generator that polls the folder once a second, so closing
the tab leaves the run going and listed; Stop writes the run's STOP file and the worker ends within a step.
A run belongs to the visitor who started it (a token the browser keeps, `playground.owners`): only they, or the
host, may stop, delete or download it; others see it read-only when the host shares runs.
Named JSON API endpoints: `/finetune_start` (returns the owner token), `/finetune_status`, `/finetune_stop`,
`/finetune_delete`, `/finetune_list_runs`.
"""

from __future__ import annotations

import html
import shutil
import tempfile
import time
from pathlib import Path

import gradio as gr

from playground import exercises, finetune, models, owners, pairs
from playground.errors import InputError, Note
from playground.finetune import FinetuneConfig
from playground.owners import Who
from playground.runs import ACTIVE, Run, RunStore
from ui import header, i18n, plots
from ui.i18n import headed, t
from ui.i18n.en import EN
from ui.sharing import notebooks
from ui.tab import Scene, Share, SubView, Tab
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


def who(visitor, host) -> Who:
    """The page's visitor token (from the browser) and the host token typed in the page; anything else is nobody."""
    return Who(visitor if isinstance(visitor, str) else "", host if isinstance(host, str) else "")


def visible_runs(asking: Who) -> list[Run]:
    """The runs this visitor may see, newest first: their own, all of them for the host or when runs are shared."""
    return [run for run in store().list("finetune") if asking.can_see(run.owner)]


def managed(run_id, asking: Who) -> Run:
    """The run, if this visitor may stop, delete or download it (its owner, or the host)."""
    if not run_id:
        raise InputError("ft.no_run")
    return owners.check_manage(asking, store().get(run_id))


def seen(run_id, asking: Who) -> Run:
    """The run, if this visitor may see it (curves, results, trying its model)."""
    if not run_id:
        raise InputError("ft.no_run")
    return owners.check_see(asking, store().get(run_id))


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


def runs_table(asking: Who) -> list[list]:
    """One row per run this visitor may see, newest first, runs that never started last and marked (its cells in
    the page's language; `RUN_COLUMNS` heads them)."""
    table, idle = [], []
    for run in visible_runs(asking):
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
    """Start a run owned by this page's visitor, then stream its status, curves and pinned pairs until it ends
    (one poll a second)."""
    *hyper, file, col1, col2, col_label, visitor = values
    owner = owners.owner_of(visitor)
    config = config_from_ui(*hyper)
    rows = read_upload(file, col1, col2, col_label) if config.dataset == "upload" else None
    run = finetune.start(config, store(), rows, owner=owner)
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


def active_run_of(asking: Who) -> str:
    """The visitor's queued or running run ("" for none): a visitor has at most one."""
    mine = [run for run in store().list("finetune") if run.state in ACTIVE and asking.owns(run.owner)]
    return mine[0].run_id if mine else ""


@view(cache=False)
def ensure_visitor(visitor) -> str:
    """The page's visitor token, as the browser keeps it (VISITOR_JS); a page that sent none gets one for its
    session."""
    return visitor if owners.valid(visitor) else owners.new_token()


@view(cache=False)
def stop_run(run_id, visitor, host):
    """Stop the page's run (after a reload: the visitor's active run)."""
    asking = who(visitor, host)
    run = managed(run_id or active_run_of(asking), asking)
    finetune.stop(run.run_id, store())
    return status_markdown(run.run_id)


@view(cache=False)
def run_actions(run_id, visitor, host):
    """Stop, Download and Delete of the chosen run: shown only to its owner and the host (Stop while it is active,
    Delete once it is done)."""
    asking = who(visitor, host)
    try:
        run = store().get(run_id) if run_id else None
    except InputError:
        run = None
    mine = run is not None and asking.can_manage(run.owner)
    active = mine and run.state in ACTIVE
    return gr.update(visible=active), gr.update(visible=mine), gr.update(visible=mine and not active)


@view(cache=False)
def refresh_runs(selected, visitor, host):
    asking = who(visitor, host)
    ids = [r.run_id for r in visible_runs(asking)]
    keep = [r for r in (selected or []) if r in ids]
    picked = ids[0] if ids else None
    table = headed(runs_table(asking), RUN_COLUMNS)
    return (
        table,
        gr.update(choices=ids, value=keep),
        gr.update(choices=ids, value=picked),
        overlay(keep, visitor, host),
        *run_actions(picked, visitor, host),
    )


@view(cache=False)
def overlay(run_ids, visitor, host):
    asking = who(visitor, host)
    runs = {run_id: finetune.series(seen(run_id, asking).metrics()) for run_id in (run_ids or [])[:5]}
    return plots.finetune_curves(runs, t("ft.curves"))


@view(cache=False)
def try_model(run_id, sentence1, sentence2, visitor, host) -> str:
    result = finetune.try_pair(seen(run_id, who(visitor, host)), sentence1, sentence2)
    verdict = t("ft.same") if result["predicted"] else t("ft.different")
    return t("ft.try_result", p=result["p_paraphrase"], verdict=verdict)


@view(cache=False)
def download_model(run_id, visitor, host) -> str:
    run = managed(run_id, who(visitor, host))
    if not run.has_model():
        raise InputError("finetune.err.no_model")
    target = Path(tempfile.mkdtemp(prefix="finetune-")) / run.run_id
    return shutil.make_archive(str(target), "zip", run.model_dir)


@view(cache=False)
def stop_selected(run_id, selected, visitor, host):
    """Stop the chosen run (its owner or the host), then list the runs again."""
    finetune.stop(managed(run_id, who(visitor, host)).run_id, store())
    return refresh_runs(selected, visitor, host)


@view(cache=False)
def delete_run(run_id, selected, visitor, host):
    store().delete(managed(run_id, who(visitor, host)).run_id)
    return refresh_runs([r for r in (selected or []) if r != run_id], visitor, host)


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
    token: str = "",
) -> dict:
    """Start a fine-tuning run on a built-in dataset; returns its id, its state ("queued" at first) and its
    `owner_token`, the secret that stops, deletes or reads it (pass it back as `token`). Give the token of your
    earlier runs as `token` to start under the same owner; leave it empty to get a new one."""
    token = token or owners.new_token()
    owner = owners.owner_of(token)
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
    run = finetune.start(config, store(), owner=owner)
    ahead = store().jobs_ahead(run.run_id)
    return {"run_id": run.run_id, "state": run.state, "jobs_ahead": ahead, "owner_token": token}


def said(summary: dict) -> dict:
    """A run's summary for an API client: its message as a sentence in the request's language ("" for none)."""
    return {**summary, "message": i18n.say(summary["message"]) if summary["message"] else ""}


def api_who(token) -> Who:
    """An API client shows one token: its owner token, or the host token."""
    return who(token, token)


@view(cache=False)
def finetune_status(run_id: str, since_step: int = -1, token: str = "") -> dict:
    """A run's state, progress and the metrics rows logged after `since_step` (your run: give its owner token)."""
    finetune.reap()
    run = owners.check_see(api_who(token), store().get(run_id))
    rows = [r for r in run.metrics() if r.get("step", 0) > since_step]
    return {**said(finetune.summary(run)), "jobs_ahead": store().jobs_ahead(run_id), "metrics": rows}


@view(cache=False)
def finetune_stop(run_id: str, wait_s: float = 0.0, token: str = "") -> dict:
    """Ask a run to stop (and wait up to wait_s seconds, at most 60, for it to end): its owner token or the host's."""
    run = owners.check_manage(api_who(token), store().get(run_id))
    return said(finetune.summary(finetune.stop(run.run_id, store(), min(max(0.0, float(wait_s)), 60.0))))


@view(cache=False)
def finetune_delete(run_id: str, token: str = "") -> dict:
    """Delete a run that has ended, with its model: its owner token or the host's."""
    run = owners.check_manage(api_who(token), store().get(run_id))
    store().delete(run.run_id)
    return {"run_id": run.run_id, "deleted": True}


@view(cache=False)
def finetune_list_runs(token: str = "") -> list:
    """The runs you may see, newest first, with their state and accuracy before/after: yours (give your owner
    token), every run for the host token, and the class's when the host shares runs."""
    finetune.reap()
    return [said(finetune.summary(run)) for run in visible_runs(api_who(token))]


API = (finetune_start, finetune_status, finetune_stop, finetune_delete, finetune_list_runs)

# ---- layout ------------------------------------------------------------------------------------

LATEX = [{"left": "$", "right": "$", "display": False}]
# The visitor's token, kept in the browser's localStorage across reloads and restarts of the app: drawn there once
# from the browser's CSPRNG (32 bytes, URL-safe base64, as secrets.token_urlsafe(32) writes them). It is read when
# the page loads, so it works in a tab not opened yet (gr.BrowserState reads localStorage only once its tab is
# shown: a load before that saw no token and drew a new one).
VISITOR_JS = """() => {
  const key = "llm-playground-visitor";
  let token = localStorage.getItem(key);
  if (!/^[A-Za-z0-9_-]{43}$/.test(token || "")) {
    const bytes = crypto.getRandomValues(new Uint8Array(32));
    token = btoa(String.fromCharCode(...bytes)).replace(/[+]/g, "-").replace(/[/]/g, "_").replace(/=+$/, "");
    localStorage.setItem(key, token);
  }
  return token;
}"""

with gr.Blocks() as demo:
    visitor_box = gr.Textbox(visible=False)  # carries the browser's token to ensure_visitor (VISITOR_JS)
    visitor_state = gr.State("")  # the page's visitor token, held by the server for the page's session
    gr.Markdown(t("ft.intro"), latex_delimiters=LATEX)
    with gr.Row():
        model_dropdown = gr.Dropdown(model_choices(), value=DEFAULT.model, label=t("ft.model"), elem_id="ft-model")
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
        start_button = gr.Button(t("ft.start"), variant="primary", elem_id="ft-start")
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
    with gr.Row():  # the chosen run's controls: shown only to its owner and the host (run_actions)
        run_dropdown = gr.Dropdown([], label=t("ft.run"))
        stop_selected_button = gr.Button(t("ft.stop"), variant="stop", visible=False, elem_id="ft-stop-selected")
        download_button = gr.Button(t("ft.download"), visible=False, elem_id="ft-download")
        delete_button = gr.Button(t("ft.delete"), visible=False, elem_id="ft-delete")
    download_file = gr.File(label=t("ft.download"), interactive=False, height=90)
    gr.Markdown(f"#### {t('ft.try')}")
    with gr.Row():
        s1_box = gr.Textbox("The vertebral column is also known as the backbone.", label=t("ft.s1"))
        s2_box = gr.Textbox("Another name for the vertebral column is the backbone.", label=t("ft.s2"))
        try_button = gr.Button(t("ft.try_button"))
    try_md = gr.Markdown()
    gr.Markdown(t("ft.cli"))
    with gr.Accordion(t("ft.host"), open=False, elem_classes="advanced"):  # hidden in presenter mode
        host_box = gr.Textbox(label=t("ft.host_token"), info=t("ft.host_info"), type="password", elem_id="ft-host")

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
    asking = [visitor_state, host_box]  # who asks: every handler that reads or changes a run receives them
    runs_outputs = [runs_df, overlay_dropdown, run_dropdown, overlay_plot]
    actions = [stop_selected_button, download_button, delete_button]
    start_button.click(
        start_and_watch,
        hyper + upload_inputs + [visitor_state],
        [run_state, status_md, curves_plot, pinned_table],
        api_visibility="private",
        concurrency_limit=16,
    ).then(refresh_runs, [overlay_dropdown, *asking], runs_outputs + actions, api_visibility="private")
    stop_button.click(stop_run, [run_state, *asking], status_md, api_visibility="private", concurrency_limit=None)
    gr.on(
        [refresh_button.click, host_box.submit, host_box.blur],
        refresh_runs,
        [overlay_dropdown, *asking],
        runs_outputs + actions,
        api_visibility="private",
    )
    run_dropdown.change(run_actions, [run_dropdown, *asking], actions, api_visibility="private", queue=False)
    overlay_dropdown.change(overlay, [overlay_dropdown, *asking], overlay_plot, api_visibility="private")
    overlay_dropdown.change(
        lambda ids: gr.update(visible=bool(ids)), overlay_dropdown, overlay_plot, api_visibility="private", queue=False
    )
    try_button.click(try_model, [run_dropdown, s1_box, s2_box, *asking], try_md, api_visibility="private")
    download_button.click(download_model, [run_dropdown, *asking], download_file, api_visibility="private")
    stop_selected_button.click(
        stop_selected, [run_dropdown, overlay_dropdown, *asking], runs_outputs + actions, api_visibility="private"
    )
    delete_button.click(
        delete_run, [run_dropdown, overlay_dropdown, *asking], runs_outputs + actions, api_visibility="private"
    )
    demo.load(ensure_visitor, visitor_box, visitor_state, js=VISITOR_JS, api_visibility="private").then(
        refresh_runs, [overlay_dropdown, *asking], runs_outputs + actions, api_visibility="private"
    )

    for endpoint in API:
        gr.api(endpoint, api_name=endpoint.__name__)

RUN_COMPUTE = r"""
# The kept model of the finished run, in eval mode, on the run's pinned validation pairs:
# $p(\text{same}) = \mathrm{softmax}(\mathrm{logits})_1$, predicted = 1 when p >= 0.5 (as the app evaluates them)
import torch
from transformers import AutoModelForSequenceClassification, AutoTokenizer

tokenizer = AutoTokenizer.from_pretrained(MODEL_DIR)
model = AutoModelForSequenceClassification.from_pretrained(MODEL_DIR).eval()
enc = tokenizer([p["sentence1"] for p in PAIRS], [p["sentence2"] for p in PAIRS], truncation=True,
                max_length=MAX_LENGTH, padding=True, return_tensors="pt")
with torch.no_grad():
    p_same = model(**enc).logits.float().softmax(-1)[:, 1]  # (pairs,)
for pair, p in zip(PAIRS, p_same.tolist()):
    print(f"p(same) {p:.4f}  predicted {int(p >= 0.5)}  label {pair['label']}  {pair['sentence1'][:40]!r}")
computed = {"p_same": p_same.numpy()}
"""
RUN_FIGURE = """
import plotly.graph_objects as go

names = [f"{i + 1}: {p['sentence1'][:24]}…" for i, p in enumerate(PAIRS)]
colours = ["#2a9d8f" if (p >= 0.5) == bool(pair["label"]) else "#e76f51" for p, pair in zip(computed["p_same"], PAIRS)]
fig = go.Figure(go.Bar(x=names, y=computed["p_same"], marker_color=colours))
fig.add_hline(y=0.5, line_dash="dot")
fig.update_layout(title=RUN_ID + ": p(same) of the pinned pairs (green: predicted right)", yaxis_range=[0, 1])
fig.show()
"""
RUN_ATOL = 1e-3  # the app keeps p rounded to 4 decimals; a LoRA run's saved model is merged (W + BA) after its eval


def notebook_run(v: dict) -> notebooks.Recipe:
    """A finished run as a notebook: its kept model evaluated again on the pinned pairs of its last evaluation."""
    if not v.get("run"):
        raise InputError("ft.no_run")
    run = store().get(v["run"])
    pinned = finetune.last_pinned(run.metrics())
    if run.state != "finished" or not run.has_model() or not pinned:
        raise ValueError(t("share.no_notebook", reason=t("nb.finetune_unfinished", run=run.run_id)))
    return notebooks.Recipe(
        explain=("ft.intro",),
        inputs={
            "RUN_ID": run.run_id,
            "MODEL_DIR": str(run.model_dir),
            "MAX_LENGTH": int(run.config.get("finetune", {}).get("max_length", DEFAULT.max_length)),
            "PAIRS": [{k: r[k] for k in ("sentence1", "sentence2", "label")} for r in pinned],
        },
        compute=RUN_COMPUTE,
        figure=RUN_FIGURE,
        numbers={"p_same": [r["p_paraphrase"] for r in pinned]},
        atol=RUN_ATOL,
        notes=("nb.finetune_note",),
    )


TAB = Tab(
    "finetune",
    "ft.tab",
    demo,
    share=Share(subviews=(SubView(None, {"run": run_dropdown}, notebook_run),)),
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
        host_box,
    ),
    scenes=(Scene("finetune", "5.2.2", 12, exercise="finetune_step0"),),
    key_outputs=(pinned_table,),
    exercises=exercises.of_tab("finetune"),  # "Predict, then reveal" (ui/exercises.py)
)

if __name__ == "__main__":
    demo.launch()
