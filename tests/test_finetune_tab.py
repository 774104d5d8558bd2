"""Fine-tune tab handlers (run folders -> views) and its JSON API against the launched app."""

import html
import time

import gradio as gr
import pytest
from gradio_client.exceptions import AppError

from playground import owners
from playground.errors import Note
from playground.runs import RunStore, append_jsonl
from ui.tabs import finetune as finetune_tab

FINISHED = Note.of("finetune.note.done", done=Note.of("finetune.note.finished"), accuracy="")  # as the worker ends
OWNER = owners.new_token()  # the visitor these tests' runs belong to (tests/test_owners.py: who else may see them)
ME = owners.Who(OWNER)


@pytest.fixture
def runs(tmp_path, monkeypatch):
    monkeypatch.setenv("PLAYGROUND_RUNS", str(tmp_path / "runs"))
    return RunStore(tmp_path / "runs")


def finished_run(store, accuracies=(0.5, 0.8)):
    run = store.create({"finetune": {"method": "full", "max_length": 64}}, owner=owners.digest(OWNER))
    for step, acc in zip((0, 10), accuracies, strict=True):
        append_jsonl(run.metrics_path, {"step": step, "loss": 0.7 - step / 100, "learning_rate": 1e-5})
        append_jsonl(run.metrics_path, {"step": step, "eval_loss": 0.69, "eval_accuracy": acc, "eval_f1": acc})
    append_jsonl(
        run.metrics_path,
        {"step": 10, "pinned": [{"sentence1": "a", "sentence2": "b", "label": 1, "p_paraphrase": 0.9, "predicted": 1}]},
    )
    store.set_status(run, state="finished", step=10, max_steps=10, elapsed=12.0, message=FINISHED)
    return store.get(run.run_id)


def test_views_of_a_kept_run(runs):
    run = finished_run(runs)
    status, fig, pinned = finetune_tab.run_views(run.run_id)
    assert "finished" in status and "10/10" in status
    assert {trace.name for trace in fig.data} == {"train", "eval", "accuracy", "F1", "lr"}
    assert all(f">{header}</th>" in pinned for header in ("sentence 1", "sentence 2", "label", "p(same)", "predicted"))
    assert 'title="a"' in pinned and ">0.90</td>" in pinned and "#9fd89f 90%" in pinned  # a green bar, 90% full
    assert finetune_tab.runs_table(ME)[0][:2] == [run.run_id, "finished"]
    assert finetune_tab.runs_table(ME)[0][4:7] == [0.5, 0.8, 0.8]


def test_two_runs_overlay_in_one_figure(runs):
    first, second = finished_run(runs), finished_run(runs, (0.4, 0.6))
    fig = finetune_tab.overlay([first.run_id, second.run_id], OWNER, "")
    assert {trace.name.split(" · ")[0] for trace in fig.data} == {first.run_id, second.run_id}


def test_a_queued_run_shows_how_many_runs_are_ahead(runs):
    import os

    first, second = runs.create({}), runs.create({})
    runs.set_status(first, state="running", pid=os.getpid())
    runs.set_status(second, pid=os.getpid())
    assert "1 run(s) ahead" in finetune_tab.status_markdown(second.run_id)


def test_progress_bar_and_times():
    assert finetune_tab.bar(0.5, width=4) == "██░░"
    assert finetune_tab.minutes(75) == "1 min 15 s"


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: finetune_tab.check_upload(None, "a", "b", "c"), "Choose a .csv"),
        (lambda: finetune_tab.try_model("", "a", "b", OWNER, ""), "Pick a run"),
        (lambda: finetune_tab.stop_run("", OWNER, ""), "Pick a run"),
        (lambda: finetune_tab.finetune_status("no-such-run"), "no run called"),
        (lambda: finetune_tab.finetune_start(learning_rate=-1), "between"),
        (lambda: finetune_tab.finetune_start(model="bert-base-uncased"), "not available here"),
        (lambda: finetune_tab.finetune_start(model="SmolLM2-135M-Instruct"), "not an encoder"),
        (lambda: finetune_tab.finetune_start(model="my/private-model"), "not in the model catalogue"),
    ],
)
def test_bad_input_becomes_a_gradio_error(runs, call, message):
    with pytest.raises(gr.Error, match=message):
        call()


def test_a_run_without_a_model_cannot_be_downloaded_or_tried(runs):
    run = finished_run(runs)
    with pytest.raises(gr.Error, match="no saved model"):
        finetune_tab.download_model(run.run_id, OWNER, "")
    with pytest.raises(gr.Error, match="no saved model"):
        finetune_tab.try_model(run.run_id, "a", "b", OWNER, "")


def test_an_uploaded_file_is_checked(tmp_path):
    path = tmp_path / "pairs.csv"
    path.write_text("q1,q2,same\n" + "".join(f"s{i},t{i},{i % 2}\n" for i in range(40)), encoding="utf-8")
    assert finetune_tab.check_upload(str(path), "q1", "q2", "same").startswith("40 pairs read: 20 labelled 1")
    with pytest.raises(gr.Error, match="not found"):
        finetune_tab.check_upload(str(path), "sentence1", "q2", "same")


@pytest.mark.slow
def test_api_start_status_stop_and_list(client):
    started = client.predict(
        train_size=32, eval_size=16, eval_steps=2, batch_size=8, max_steps=400, api_name="/finetune_start"
    )
    run_id, token = started["run_id"], started["owner_token"]
    deadline = time.time() + 300
    status = {}
    while time.time() < deadline:
        status = client.predict(run_id, -1, token, api_name="/finetune_status")
        if any("loss" in row for row in status["metrics"]):
            break
        time.sleep(1)
    assert status["state"] == "running"
    stopped = client.predict(run_id, 60, token, api_name="/finetune_stop")
    assert stopped["state"] == "stopped" and stopped["has_model"]
    listed = client.predict(token, api_name="/finetune_list_runs")
    assert run_id in [run["run_id"] for run in listed]
    with pytest.raises(AppError, match="between"):
        client.predict(learning_rate=1000, api_name="/finetune_start")


def test_the_streaming_handler_stays_a_generator_and_reports_bad_settings(runs):
    import inspect

    assert inspect.isgeneratorfunction(finetune_tab.start_and_watch)
    hyper = ["all-MiniLM-L6-v2", "paraphrase", "full", -1, 10, 1, 8, 64, 0.1, 0.0, 0, 32, 5]
    with pytest.raises(gr.Error, match="between"):
        next(finetune_tab.start_and_watch(*hyper, None, "sentence1", "sentence2", "label", OWNER))


def test_kept_models_are_offered_to_other_tabs(runs):
    from playground import finetune

    with_model, without = finished_run(runs), finished_run(runs)
    with_model.model_dir.mkdir()
    (with_model.model_dir / "config.json").write_text("{}")
    kept = finetune.kept_models(runs)
    assert list(kept.values()) == [with_model.model_dir]
    assert without.run_id not in next(iter(kept))


def test_pinned_pairs_wrap_show_the_whole_sentence_on_hover_and_colour_wrong_predictions():
    long = "a <very> long sentence " * 20
    rows = [
        {"sentence1": long, "sentence2": "b", "label": 1, "p_paraphrase": 0.25, "predicted": 0},
        {"sentence1": "c", "sentence2": "d", "label": 0, "p_paraphrase": 0.1, "predicted": 0},
    ]
    table = finetune_tab.pinned_rows(rows)
    assert "table-layout:fixed;width:100%" in table and "-webkit-line-clamp:2" in table
    assert f'title="{html.escape(long)}"' in table and "<very>" not in table  # escaped, all of it on hover
    assert "#f4a6a6 25%" in table and "✗ not a paraphrase" in table  # wrong: a red bar a quarter full
    assert "#9fd89f 10%" in table and "✓ not a paraphrase" in table
    assert finetune_tab.pinned_rows([]) == "<p>The pinned pairs appear at the first evaluation.</p>"


def test_runs_that_never_started_are_marked_and_listed_last(runs):
    finished = finished_run(runs)
    idle = runs.create({}, owner=owners.digest(OWNER))
    runs.set_status(idle, state="stopped", step=0, max_steps=0, elapsed=0.0, message="Stopped by request.")
    table = finetune_tab.runs_table(ME)
    assert [row[0] for row in table] == [finished.run_id, idle.run_id]
    assert table[0][1] == "finished" and table[1][1:2] == ["stopped before its first step"]
