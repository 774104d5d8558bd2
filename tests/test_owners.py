"""Runs belong to their owner (playground/owners.py): a second visitor cannot stop, delete, download or (unless the
host shares runs) see the first's run, through the tab's handlers, the JSON API or a forged page request; the host
can. One active run per visitor; the ninth start of a full queue hears when to try again, in the page's language.

Workers are stand-ins (this process, alive): the rules are checked without training anything."""

import json
import os
import re
import subprocess
import uuid
from types import SimpleNamespace

import gradio as gr
import httpx
import pytest
from gradio_client.exceptions import AppError

from playground import finetune, owners
from playground.runs import RunStore
from tests.coded import raises_key
from tests.test_i18n import serving  # noqa: F401 (a fixture)
from ui.tabs import finetune as finetune_tab

NOT_YOURS = "belongs to another visitor: only the visitor who started it, or the host"
NOT_SHARED = "the host does not share the class's runs"
ONE_ACTIVE = "You already have a run waiting or training"
HOST = owners.host_token()
SMALL = dict(train_size=32, eval_size=16, eval_steps=2, batch_size=8, max_steps=200)


class StandInWorker:
    """What subprocess.Popen returns to finetune.start: alive (this process), so the run stays active."""

    def __init__(self, *args, **kwargs):
        self.pid = os.getpid()

    def poll(self):
        return None


@pytest.fixture
def workers(monkeypatch):
    """finetune.start creates real run folders but starts no process (and never renices this one)."""
    stand_in = SimpleNamespace(Popen=StandInWorker, STDOUT=subprocess.STDOUT)  # only finetune's: playwright's stays
    monkeypatch.setattr(finetune, "subprocess", stand_in)
    monkeypatch.setattr(finetune, "lower_priority", lambda pid: None)
    monkeypatch.setattr(finetune, "reap", lambda: None)
    yield
    finetune._children[:] = [p for p in finetune._children if not isinstance(p, StandInWorker)]


@pytest.fixture
def runs(tmp_path, monkeypatch, workers):
    monkeypatch.setenv("PLAYGROUND_RUNS", str(tmp_path / "runs"))
    monkeypatch.delenv("PLAYGROUND_SHARE_RUNS", raising=False)
    monkeypatch.delenv("PLAYGROUND_MAX_QUEUE", raising=False)
    return RunStore(tmp_path / "runs")


def ended(store: RunStore, run_id: str, with_model: bool = True):
    """The run as a stopped one leaves it (with a saved model to download)."""
    run = store.get(run_id)
    store.set_status(run, state="stopped", step=10, max_steps=200)
    if with_model:
        run.model_dir.mkdir(exist_ok=True)
        (run.model_dir / "config.json").write_text("{}")
    return store.get(run_id)


# ---- tokens and digests ------------------------------------------------------------------------------------


def test_a_token_has_256_random_bits_and_a_run_keeps_only_its_digest(runs):
    tokens = {owners.new_token() for _ in range(1000)}
    assert len(tokens) == 1000 and all(owners.valid(token) and len(token) == 43 for token in tokens)
    token = next(iter(tokens))
    run = runs.create({"finetune": {}}, owner=owners.digest(token))
    stored = (run.path / "config.json").read_text()
    assert token not in stored and json.loads(stored)["owner"] == owners.digest(token)
    assert owners.Who(token).owns(run.owner) and not owners.Who(owners.new_token()).owns(run.owner)


@pytest.mark.parametrize("bad", ["", "short", "x" * 21, "a b" * 20, None, 42, {"token": "x" * 43}, "é" * 30])
def test_a_missing_or_malformed_token_owns_nothing_and_starts_nothing(runs, bad):
    assert owners.Who(bad).owner is None and not owners.Who(bad).owns(None)
    with raises_key("owners.err.bad_token", low=22):
        owners.owner_of(bad)


def test_the_host_token_comes_from_the_environment_else_it_is_drawn_once(monkeypatch):
    monkeypatch.delenv("PLAYGROUND_HOST_TOKEN", raising=False)
    drawn = owners.host_token()
    assert owners.host_token_drawn() and owners.valid(drawn) and owners.host_token() == drawn
    assert owners.Who(host=drawn).is_host and not owners.Who(host=drawn[:-1]).is_host
    monkeypatch.setenv("PLAYGROUND_HOST_TOKEN", "the-lecturer-chose-this-one")
    assert not owners.host_token_drawn() and not owners.Who(host=drawn).is_host
    assert owners.Who(host="the-lecturer-chose-this-one").is_host and not owners.Who(host="").is_host


# ---- two visitors through the tab's handlers ---------------------------------------------------------------


def test_the_second_visitor_cannot_stop_delete_download_or_see_the_firsts_run_and_the_host_can(runs):
    first, second = owners.new_token(), owners.new_token()
    gen = finetune_tab.start_and_watch(*hyper(), None, "sentence1", "sentence2", "label", first)
    run_id = next(gen)[0]
    gen.close()
    assert runs.get(run_id).owner == owners.digest(first) and runs.get(run_id).state == "queued"
    calls = {
        "stop": lambda v, h: finetune_tab.stop_run(run_id, v, h),
        "stop chosen": lambda v, h: finetune_tab.stop_selected(run_id, [], v, h),
        "download": lambda v, h: finetune_tab.download_model(run_id, v, h),
        "delete": lambda v, h: finetune_tab.delete_run(run_id, [], v, h),
    }
    for name, call in calls.items():
        for visitor, host in ((second, ""), ("", ""), (second, HOST[:-1]), (second, second)):
            with pytest.raises(gr.Error, match=NOT_YOURS):
                call(visitor, host)
        assert runs.get(run_id).state == "queued" and not (runs.get(run_id).path / "STOP").exists(), name
    assert finetune_tab.runs_table(owners.Who(second)) == []  # not shared: the second sees nothing of it
    with pytest.raises(gr.Error, match=NOT_SHARED):
        finetune_tab.overlay([run_id], second, "")
    with pytest.raises(gr.Error, match=NOT_SHARED):
        finetune_tab.try_model(run_id, "a", "b", second, "")

    assert finetune_tab.stop_run("", first, "")  # the owner, after a reload (no run in the page): their active run
    assert (runs.get(run_id).path / "STOP").exists()
    ended(runs, run_id)
    assert finetune_tab.download_model(run_id, first, "").endswith(".zip")
    assert finetune_tab.download_model(run_id, second, HOST).endswith(".zip")  # the host, from any page
    finetune_tab.delete_run(run_id, [], second, HOST)
    assert runs.list() == []


def test_a_run_without_an_owner_is_the_hosts(runs):
    run = ended(runs, runs.create({"finetune": {}}).run_id)  # made before runs had owners, or by the command line
    visitor = owners.new_token()
    for call in (finetune_tab.download_model, lambda r, v, h: finetune_tab.delete_run(r, [], v, h)):
        with pytest.raises(gr.Error, match=NOT_YOURS):
            call(run.run_id, visitor, "")
    assert finetune_tab.runs_table(owners.Who(visitor)) == []
    assert [row[0] for row in finetune_tab.runs_table(owners.Who(host=HOST))] == [run.run_id]


def test_shared_runs_are_seen_read_only_by_the_class(runs, monkeypatch):
    first, second = owners.new_token(), owners.new_token()
    run_id = finetune_tab.finetune_start(**SMALL, token=first)["run_id"]
    visible = lambda update: update["visible"]  # noqa: E731
    monkeypatch.setenv("PLAYGROUND_SHARE_RUNS", "1")
    assert [row[0] for row in finetune_tab.runs_table(owners.Who(second))] == [run_id]
    finetune_tab.overlay([run_id], second, "")  # its curves
    assert finetune_tab.finetune_status(run_id, -1, second)["run_id"] == run_id
    assert list(map(visible, finetune_tab.run_actions(run_id, second, ""))) == [False, False, False]
    assert list(map(visible, finetune_tab.run_actions(run_id, first, ""))) == [True, True, False]  # Stop, Download
    assert list(map(visible, finetune_tab.run_actions(run_id, second, HOST))) == [True, True, False]
    table, *_, stop, download, delete = finetune_tab.refresh_runs([], second, "")
    assert [row[0] for row in table["data"]] == [run_id] and not any(map(visible, (stop, download, delete)))
    with pytest.raises(gr.Error, match=NOT_YOURS):
        finetune_tab.finetune_stop(run_id, 0, second)
    monkeypatch.setenv("PLAYGROUND_SHARE_RUNS", "0")  # the control: the same calls, not shared
    assert finetune_tab.runs_table(owners.Who(second)) == []
    with pytest.raises(gr.Error, match=NOT_SHARED):
        finetune_tab.finetune_status(run_id, -1, second)


# ---- one active run per visitor, a bounded queue -----------------------------------------------------------


def hyper() -> list:
    d = finetune_tab.DEFAULT
    return [d.model, "paraphrase", "full", d.learning_rate, 200, 1, 8, 64, 0.1, 0.0, 0, 32, 5]


def test_one_visitor_has_one_active_run(runs):
    visitor = owners.new_token()
    first = finetune_tab.finetune_start(**SMALL, token=visitor)
    with pytest.raises(gr.Error, match=f"{ONE_ACTIVE} \\({first['run_id']}\\)"):
        finetune_tab.finetune_start(**SMALL, token=visitor)
    with pytest.raises(gr.Error, match=ONE_ACTIVE):
        next(finetune_tab.start_and_watch(*hyper(), None, "sentence1", "sentence2", "label", visitor))
    assert len(runs.list()) == 1
    assert finetune_tab.finetune_start(**SMALL)["owner_token"] != visitor  # another visitor may start
    ended(runs, first["run_id"])
    assert finetune_tab.finetune_start(**SMALL, token=visitor)["state"] == "queued"  # once it ended, again


def test_the_ninth_start_is_refused_with_when_to_try_again(runs, serving):  # noqa: F811
    started = [finetune_tab.finetune_start(**SMALL) for _ in range(8)]
    assert len({run["owner_token"] for run in started}) == 8
    training = runs.get(started[0]["run_id"])  # 50 of 200 steps in 100 s: 300 s left, so 5 min
    runs.set_status(training, state="running", step=50, max_steps=200, elapsed=100.0)
    with pytest.raises(gr.Error) as refused:
        finetune_tab.finetune_start(**SMALL)
    assert str(refused.value.message) == (
        "The training queue is full (8 runs waiting or training). Try again in about 5 min, when the run training "
        "now ends."
    )
    serving(accept="zh-CN,zh;q=0.9")
    with pytest.raises(gr.Error, match=re.escape("训练队列已满（8 次训练在排队或进行中）。请大约 5 分钟后再试")):
        next(finetune_tab.start_and_watch(*hyper(), None, "sentence1", "sentence2", "label", owners.new_token()))
    assert len(runs.list()) == 8
    ended(runs, started[3]["run_id"])  # a place frees: the next start is taken
    assert finetune_tab.finetune_start(**SMALL)["state"] == "queued"


def test_the_wait_is_estimated_from_the_queue(runs, monkeypatch):
    monkeypatch.setenv("PLAYGROUND_MAX_QUEUE", "2")
    earlier = ended(runs, finetune_tab.finetune_start(**SMALL)["run_id"])
    runs.set_status(earlier, step=100, elapsed=300.0)  # its pace: 3 s a step
    first = finetune_tab.finetune_start(**{**SMALL, "max_steps": 400})["run_id"]
    finetune_tab.finetune_start(**SMALL)
    with raises_key("finetune.err.queue_full", size=2, minutes=20):  # not trained yet: 400 steps at 3 s = 20 min
        finetune.admit(runs, None)
    runs.set_status(runs.get(first), state="running", step=390, max_steps=400, elapsed=40.0)
    with raises_key("finetune.err.queue_full", size=2, minutes=1):  # its own pace now: 1 s left, said as 1 min
        finetune.admit(runs, None)


# ---- two clients against the launched app ------------------------------------------------------------------


@pytest.fixture
def app_runs(app_url, workers, monkeypatch):
    """The launched app's runs folder, shared with the other tests: the runs made here end at teardown."""
    monkeypatch.delenv("PLAYGROUND_SHARE_RUNS", raising=False)
    store, before = RunStore(), {run.run_id for run in RunStore().list()}
    yield store
    for run in store.list():
        if run.run_id not in before and run.state in ("queued", "running"):
            store.set_status(run, state="stopped")


@pytest.mark.slow
def test_two_api_clients_the_second_cannot_stop_delete_or_read_the_firsts_run(app_url, client, app_runs):
    from gradio_client import Client

    other = Client(app_url, verbose=False)
    started = client.predict(**SMALL, api_name="/finetune_start")
    run_id, token = started["run_id"], started["owner_token"]
    assert owners.valid(token) and app_runs.get(run_id).owner == owners.digest(token)
    theirs = other.predict(**SMALL, api_name="/finetune_start")["owner_token"]
    for endpoint, args in (("/finetune_stop", (run_id, 0)), ("/finetune_delete", (run_id,))):
        for bad in (theirs, "", "x" * 43):
            with pytest.raises(AppError, match=NOT_YOURS):
                other.predict(*args, bad, api_name=endpoint)
    with pytest.raises(AppError, match=NOT_SHARED):
        other.predict(run_id, -1, theirs, api_name="/finetune_status")
    assert run_id not in [run["run_id"] for run in other.predict(theirs, api_name="/finetune_list_runs")]
    assert not (app_runs.get(run_id).path / "STOP").exists()
    with pytest.raises(AppError, match=ONE_ACTIVE):
        client.predict(**SMALL, token=token, api_name="/finetune_start")

    assert client.predict(run_id, -1, token, api_name="/finetune_status")["state"] == "queued"  # the owner reads
    assert run_id in [run["run_id"] for run in client.predict(token, api_name="/finetune_list_runs")]
    other.predict(run_id, 0, HOST, api_name="/finetune_stop")  # the host stops it from any client
    assert (app_runs.get(run_id).path / "STOP").exists()
    ended(app_runs, run_id)
    assert other.predict(run_id, HOST, api_name="/finetune_delete") == {"run_id": run_id, "deleted": True}
    assert run_id not in [run.run_id for run in app_runs.list()]


def page_event(app_url: str, session: str, fn_name: str, data: list) -> dict:
    """What a forged page request gets: the tab's own (private) event called over HTTP, as the browser calls it."""
    import app

    fn_index = next(i for i, f in app.demo.fns.items() if f.fn is not None and f.fn.__name__ == fn_name)
    body = {"data": data, "fn_index": fn_index, "session_hash": session, "event_data": None, "trigger_id": None}
    joined = httpx.post(f"{app_url}gradio_api/queue/join", json=body, timeout=30)
    assert joined.status_code == 200, joined.text
    with httpx.stream("GET", f"{app_url}gradio_api/queue/data", params={"session_hash": session}, timeout=60) as r:
        for line in r.iter_lines():
            message = json.loads(line[len("data: ") :]) if line.startswith("data: ") else {}
            if message.get("msg") == "process_completed":
                return message["output"]
    raise AssertionError("the event never completed")


def visit(app_url: str, token: str) -> str:
    """A page's session as its load leaves it: its visitor token (the browser's) held by the server."""
    session = uuid.uuid4().hex
    assert "error" not in page_event(app_url, session, "ensure_visitor", [token])  # a State is not sent back
    return session


@pytest.mark.slow
def test_a_forged_page_request_cannot_download_or_delete_anothers_run(app_url, client, app_runs, monkeypatch):
    """Runs shared: the stranger's page lists the run (its buttons hidden) and forges the clicks anyway. The page
    cannot claim another visitor's token in a request: the server holds it for the session (gr.State), and the
    value a request sends in its place is ignored."""
    monkeypatch.setenv("PLAYGROUND_SHARE_RUNS", "1")
    started = client.predict(**SMALL, api_name="/finetune_start")
    run_id, token = ended(app_runs, started["run_id"]).run_id, started["owner_token"]
    page = visit(app_url, owners.new_token())
    listed = page_event(app_url, page, "refresh_runs", [[], None, ""])  # the page as it loads
    assert run_id in [row[0] for row in listed["data"][0]["data"]]  # (with the other tests' runs: all shared)
    for fn_name, data in (("download_model", [run_id, token, ""]), ("delete_run", [run_id, [], token, ""])):
        refused = page_event(app_url, page, fn_name, data)  # the owner's token sent in the visitor's place
        assert NOT_YOURS in refused["error"], refused
    assert app_runs.get(run_id).has_model()
    owners_page = visit(app_url, token)  # the control: the owner's own page
    page_event(app_url, owners_page, "refresh_runs", [[], None, ""])
    served = page_event(app_url, owners_page, "download_model", [run_id, None, ""])
    assert served["data"][0]["path"].endswith(".zip"), served
    page_event(app_url, page, "delete_run", [run_id, [], None, HOST])  # the host token, typed in the stranger's page
    assert run_id not in [run.run_id for run in app_runs.list()]
