"""The run store: atomic status, tolerant metrics, reconciliation of dead workers, a restart sees the runs."""

import json
import subprocess
import sys

import pytest

from playground.runs import RunStore, append_jsonl, read_jsonl
from tests.coded import raises_key


@pytest.fixture
def store(tmp_path):
    return RunStore(tmp_path / "runs")


def dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def test_a_new_run_is_queued_with_its_config(store):
    run = store.create({"finetune": {"max_steps": 3}})
    assert run.state == "queued"
    assert run.config == {"finetune": {"max_steps": 3}}
    assert [r.run_id for r in store.list()] == [run.run_id]


def test_a_broken_last_metrics_line_is_skipped(store):
    run = store.create({})
    append_jsonl(run.metrics_path, {"step": 1, "loss": 0.7})
    with open(run.metrics_path, "a") as f:
        f.write('{"step": 2, "lo')  # a crash mid-write
    assert run.metrics() == [{"step": 1, "loss": 0.7}]


def test_status_writes_leave_no_temp_files_and_merge_fields(store):
    run = store.create({})
    store.set_status(run, state="running", step=3)
    store.set_status(run, step=4)
    status = json.loads((run.path / "status.json").read_text())
    assert status["state"] == "running" and status["step"] == 4
    assert sorted(p.name for p in run.path.iterdir()) == ["config.json", "status.json"]


def test_a_run_whose_worker_died_is_failed_after_a_restart_and_keeps_its_metrics(store):
    run = store.create({})
    store.set_status(run, state="running", pid=dead_pid())
    append_jsonl(run.metrics_path, {"step": 5, "loss": 0.6})
    (run.path / "worker.log").write_text("line 1\nRuntimeError: out of memory\n")
    restarted = RunStore(store.root)  # a new app process over the same folder
    again = restarted.get(run.run_id)
    assert again.state == "failed"
    assert "out of memory" in again.status["log_tail"]
    assert again.metrics() == [{"step": 5, "loss": 0.6}]


def test_a_live_worker_is_left_running(store):
    run = store.create({})
    store.set_status(run, state="running", pid=subprocess.os.getpid())
    assert RunStore(store.root).get(run.run_id).state == "running"


def test_jobs_ahead_counts_earlier_active_runs(store):
    first, second, third = (store.create({}) for _ in range(3))
    me = subprocess.os.getpid()
    store.set_status(first, state="running", pid=me)
    store.set_status(second, pid=me)
    store.set_status(third, pid=me)
    assert [store.jobs_ahead(r.run_id) for r in (first, second, third)] == [0, 1, 2]


def test_stop_writes_a_stop_file_and_delete_refuses_an_active_run(store):
    run = store.create({})
    store.request_stop(run.run_id)
    assert (run.path / "STOP").exists()
    with raises_key("runs.err.still_active"):
        store.delete(run.run_id)
    store.set_status(run, state="stopped")
    store.delete(run.run_id)
    assert store.list() == []


def test_the_runs_folder_stays_bounded(store):
    for _ in range(5):
        store.set_status(store.create({}), state="finished")
    store.prune(keep=2)
    assert len(store.list()) == 2


@pytest.mark.parametrize("bad", ["", "../etc", "nope", "a/b"])
def test_unknown_or_unsafe_run_ids_are_refused(store, bad):
    with raises_key("runs.err.no_such_run", name=bad):
        store.get(bad)


def test_read_jsonl_of_a_missing_file_is_empty(tmp_path):
    assert read_jsonl(tmp_path / "missing.jsonl") == []


def test_each_kind_lists_its_own_runs_and_all_share_one_queue(store):
    classifier = store.create({"finetune": {"max_steps": 5}})
    pretrain = store.create({"pretrain": {"steps": 5}})
    old = store.create({"created": 1.0})  # a run from before kinds existed is a classifier run
    assert [r.run_id for r in store.list("pretrain")] == [pretrain.run_id]
    assert [r.run_id for r in store.list("finetune")] == [old.run_id, classifier.run_id]
    assert store.jobs_ahead(old.run_id) == 2  # the queue counts every kind: one training per machine
