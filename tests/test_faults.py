"""Faults injected on purpose: a killed training worker, a restart, a pid reused, a crash in the middle of a
write, a runs folder that cannot be written, the Hub gone. No run is lost and the app keeps answering."""

import json
import os
import signal

import gradio as gr
import pytest

from playground import finetune, hub, models, owners
from playground.errors import Note
from playground.runs import RunStore, append_jsonl, process_start, write_json_atomic
from tests.coded import raises_key
from tests.test_finetune import wait_for
from ui import header
from ui.tabs import finetune as finetune_tab

SECRET = "hf_TestSecretThatMustNeverBeLogged0123"
VANISHED = Note.of("runs.note.vanished").as_json()  # how status.json keeps "ended without saying why"
HOST = owners.Who(host=owners.host_token())  # runs made without an owner (here: by the store itself) are the host's


@pytest.fixture
def runs(tmp_path, monkeypatch):
    monkeypatch.setenv("PLAYGROUND_RUNS", str(tmp_path / "runs"))
    return RunStore(tmp_path / "runs")


# ---- a worker killed with SIGKILL, then the app restarted --------------------------------------------------


@pytest.mark.slow
def test_a_sigkilled_worker_fails_with_its_log_tail_keeps_its_metrics_and_the_app_keeps_serving(client, monkeypatch):
    monkeypatch.setenv("HF_TOKEN", SECRET)  # the worker inherits it: it must not end up in any file of the run
    started = client.predict(
        train_size=32, eval_size=16, eval_steps=2, batch_size=8, max_steps=400, api_name="/finetune_start"
    )
    store = RunStore()
    run_id = started["run_id"]
    wait_for(lambda: sum("loss" in row for row in store.get(run_id).metrics()) >= 2)
    run = store.get(run_id)
    before = run.metrics()
    os.kill(run.status["pid"], signal.SIGKILL)
    wait_for(lambda: (finetune.reap(), store.get(run_id).state)[1] == "failed", timeout_s=60)

    restarted = RunStore(store.root).get(run_id)  # a new app process over the same folder
    assert restarted.state == "failed" and restarted.status["message"] == VANISHED
    assert restarted.status["log_tail"].strip()
    assert restarted.metrics()[: len(before)] == before  # nothing written before the kill is lost

    status = client.predict(run_id, -1, started["owner_token"], api_name="/finetune_status")
    assert status["state"] == "failed" and status["log_tail"] and len(status["metrics"]) >= len(before)
    assert run_id in [r["run_id"] for r in client.predict(started["owner_token"], api_name="/finetune_list_runs")]
    assert client.predict(n_heads=2, n_positions=2, api_name="/positional_alibi")["slopes"] == [0.0625, 0.00391]
    for path in restarted.path.rglob("*"):
        if path.is_file():
            assert SECRET not in path.read_text("utf-8", errors="replace"), path.name


def test_a_pid_reused_by_another_process_after_a_restart_is_not_the_worker(runs):
    run = runs.create({})
    me = os.getpid()
    runs.set_status(run, state="running", pid=me, pid_start=process_start(me))
    assert RunStore(runs.root).get(run.run_id).state == "running"  # the same process: still running
    runs.set_status(run, pid_start=process_start(me) + 1)  # same pid, another process's start time
    again = RunStore(runs.root).get(run.run_id)
    assert again.state == "failed" and again.status["message"] == VANISHED


# ---- a crash in the middle of a write -----------------------------------------------------------------------


def test_a_crash_while_replacing_the_status_leaves_the_old_status_readable(runs, monkeypatch):
    run = runs.create({})
    runs.set_status(run, state="running", step=3, pid=os.getpid())

    def crash(*args):
        raise OSError("the machine lost power here")

    with monkeypatch.context() as patched, pytest.raises(OSError):
        patched.setattr(os, "replace", crash)
        runs.set_status(run, step=4)
    status = json.loads((run.path / "status.json").read_text())
    assert status["state"] == "running" and status["step"] == 3


def test_every_kind_of_half_written_folder_leaves_the_listing_and_the_views_working(runs):
    good = runs.create({"finetune": {"method": "full"}})
    append_jsonl(good.metrics_path, {"step": 1, "loss": 0.7})
    append_jsonl(good.metrics_path, {"step": 2, "eval_accuracy": 0.5, "eval_loss": 0.69})
    with open(good.metrics_path, "a") as f:
        f.write('{"step": 3, "lo')  # killed mid-line
    (good.path / ".status.json.999.tmp").write_text('{"state": "fini')  # killed before os.replace
    runs.set_status(good, state="finished", step=2, max_steps=2)
    garbage = runs.create({})
    (garbage.path / "status.json").write_text("[1, 2")  # not JSON at all
    not_object = runs.create({})
    (not_object.path / "status.json").write_text("[]")  # JSON, but not an object
    (runs.root / "20000101-000000-000000").mkdir()  # killed between mkdir and config.json

    listed = {run.run_id: run.state for run in runs.list()}
    assert listed == {good.run_id: "finished", garbage.run_id: "failed", not_object.run_id: "failed"}
    assert [row["step"] for row in runs.get(good.run_id).metrics()] == [1, 2]
    assert finetune.summary(runs.get(good.run_id))["accuracy_after"] == 0.5
    assert {row[0] for row in finetune_tab.runs_table(HOST)} == set(listed)
    status_text, figure, _ = finetune_tab.run_views(good.run_id)
    assert "finished" in status_text and len(figure.data) >= 2


def test_an_interrupted_atomic_write_leaves_no_half_file_under_the_real_name(tmp_path, monkeypatch):
    target = tmp_path / "status.json"
    write_json_atomic(target, {"state": "running"})
    with monkeypatch.context() as patched, pytest.raises(KeyboardInterrupt):
        patched.setattr(os, "replace", lambda *a: (_ for _ in ()).throw(KeyboardInterrupt()))
        write_json_atomic(target, {"state": "finished", "big": "x" * 100_000})
    assert json.loads(target.read_text()) == {"state": "running"}


# ---- a runs folder that cannot be written -----------------------------------------------------------------


def test_an_unwritable_runs_folder_is_said_at_start_and_no_run_starts(tmp_path, monkeypatch):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("PLAYGROUND_RUNS", str(blocker / "runs"))  # cannot be created, even by root
    workers = len(finetune._children)
    store = RunStore()  # constructing it does not crash the tab
    problem = store.problem()
    assert problem.key == "runs.err.not_writable" and problem.params["folder"] == str(blocker / "runs")
    assert store.list() == [] and finetune_tab.runs_table(HOST) == []
    assert "cannot be written" in header.summary_markdown()
    with pytest.raises(gr.Error, match="cannot be written"):
        finetune_tab.finetune_start(max_steps=2)
    with raises_key("runs.err.not_writable", folder=str(blocker / "runs")):
        finetune.start(finetune.make_config(max_steps=2), store)
    assert len(finetune._children) == workers  # no worker was started


def test_a_writable_runs_folder_says_nothing(runs):
    assert runs.problem() is None
    assert "Fine-tune runs" not in header.summary_markdown()


# ---- the Hub goes away ------------------------------------------------------------------------------------


def test_when_the_hub_is_unreachable_the_embedded_models_serve_and_hub_models_say_why(monkeypatch):
    monkeypatch.delenv("HF_HUB_OFFLINE", raising=False)
    monkeypatch.setattr(hub, "probe", lambda *a, **k: False)  # the network is gone
    hub.hub_status.cache_clear()
    try:
        assert not hub.hub_status().reachable
        assert models.availability("all-MiniLM-L6-v2").available
        assert models.availability("SmolLM2-135M-Instruct").available
        gpt2 = models.availability("gpt2")
        if not gpt2.available:  # unless this machine has it in its HF cache
            hub_id = models.spec("gpt2").hub_id
            assert dict(gpt2.reason.params) == dict(
                hub=Note.of("hub.note.unreachable", host=hub._endpoint()[0]),
                download=Note.of("models.note.or_download", hub_id=hub_id),
                install="",
            )
            with raises_key("models.err.unavailable", models.ModelUnavailable, model="gpt2", reason=gpt2.reason):
                models.load("gpt2")
    finally:
        hub.hub_status.cache_clear()
        monkeypatch.setenv("HF_HUB_OFFLINE", "1")
