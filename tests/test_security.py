"""What the app promises about files: run ids and downloads never leave the runs folder, the web server serves
nothing it did not create, uploads are capped. (trust_remote_code: tests/test_layering.py; hostile input:
tests/test_hostile_inputs.py; scripts never run: tests/test_browser_hostile.py.)"""

import os
import zipfile

import gradio as gr
import httpx
import pytest

from playground import finetune, owners
from playground.runs import RunStore
from tests.coded import raises_key
from ui.tabs import finetune as finetune_tab


@pytest.fixture
def runs(tmp_path, monkeypatch):
    monkeypatch.setenv("PLAYGROUND_RUNS", str(tmp_path / "runs"))
    return RunStore(tmp_path / "runs")


OWNER = owners.new_token()  # the visitor who started these runs (tests/test_owners.py: nobody else may download them)


def finished(store: RunStore):
    run = store.create({"finetune": {"model": "all-MiniLM-L6-v2"}}, owner=owners.digest(OWNER))
    store.set_status(run, state="finished")
    return store.get(run.run_id)


def outside_run(tmp_path):
    """A folder that looks like a run (config, status, a model) but lies outside the runs folder."""
    outside = tmp_path / "outside"
    (outside / "model").mkdir(parents=True)
    (outside / "config.json").write_text("{}")
    (outside / "status.json").write_text('{"state": "finished"}')
    (outside / "model" / "config.json").write_text('{"secret": "outside the runs folder"}')
    return outside


@pytest.mark.parametrize(
    "run_id",
    ["", ".", "..", "../x", "../../etc/passwd", "/etc/passwd", "/", "a/b", "..\\..\\x", "x\x00y", "~root", "%2e%2e"],
)
def test_path_like_run_ids_are_refused(runs, run_id):
    with raises_key("runs.err.no_such_run", name=run_id.encode("unicode_escape").decode("ascii")):
        runs.get(run_id)


def test_an_absolute_path_to_a_real_run_is_refused_too(runs):
    run = finished(runs)
    assert runs.get(run.run_id).run_id == run.run_id  # the control: the plain id works
    for alias in (str(run.path), f"{run.run_id}/", f"{run.run_id}/../{run.run_id}", f"./{run.run_id}"):
        with raises_key("runs.err.no_such_run"):
            runs.get(alias)


def test_a_symlinked_run_folder_is_neither_listed_read_nor_deleted(runs, tmp_path):
    outside = outside_run(tmp_path)
    (runs.root / "20990101-000000-000000").symlink_to(outside, target_is_directory=True)
    assert runs.list() == []
    with raises_key("runs.err.no_such_run"):
        runs.get("20990101-000000-000000")
    with raises_key("runs.err.no_such_run"):
        runs.delete("20990101-000000-000000")
    assert (outside / "model" / "config.json").exists()


def test_a_symlinked_model_is_not_a_model_so_it_is_never_zipped_loaded_or_offered(runs, tmp_path):
    outside = outside_run(tmp_path)
    linked_dir, linked_file = finished(runs), finished(runs)
    linked_dir.model_dir.symlink_to(outside / "model", target_is_directory=True)
    linked_file.model_dir.mkdir()
    (linked_file.model_dir / "config.json").symlink_to(outside / "model" / "config.json")
    for run in (linked_dir, linked_file):
        assert not runs.get(run.run_id).has_model()
        with pytest.raises(gr.Error, match="no saved model"):
            finetune_tab.download_model(run.run_id, OWNER, "")
    assert finetune.kept_models(runs) == {}


def test_a_download_holds_the_model_files_and_nothing_else(runs):
    run = finished(runs)
    run.model_dir.mkdir()
    (run.model_dir / "config.json").write_text("{}")
    (run.model_dir / "model.safetensors").write_bytes(b"weights")
    (run.path / "worker.log").write_text("the log stays on the server")
    archive = finetune_tab.download_model(run.run_id, OWNER, "")
    assert sorted(zipfile.ZipFile(archive).namelist()) == ["config.json", "model.safetensors"]
    for bad in ("../" + run.run_id, str(run.path)):
        with pytest.raises(gr.Error, match="There is no run called"):
            finetune_tab.download_model(bad, OWNER, "")


# ---- the launched app: what its web server hands out ----------------------------------------------------


def file_url(app_url: str, path: str) -> str:
    return f"{app_url}gradio_api/file={path}"


@pytest.mark.slow
def test_the_server_serves_no_file_it_did_not_create(app_url, client):
    store = RunStore()  # the launched app's runs folder (PLAYGROUND_RUNS, set by conftest)
    run = finished(store)
    here = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    refused = [
        "/etc/passwd",
        "/etc/../etc/passwd",
        "../../../../../../etc/passwd",
        "..%2F..%2F..%2F..%2Fetc%2Fpasswd",
        "/proc/self/environ",
        str(run.path / "config.json"),
        str(run.path / "status.json"),
        os.path.join(here, "app.py"),
        os.path.join(here, "playground", "runs.py"),
        os.path.join(here, "assets", "vendor", "..", "..", "app.py"),  # out of the one static folder
        "app.py",
    ]
    for path in refused:
        response = httpx.get(file_url(app_url, path), timeout=30)
        assert response.status_code in (403, 404), (path, response.status_code)
        assert "root:" not in response.text and "finetune" not in response.text
    # the control: a file the server created itself (an upload) is served
    uploaded = httpx.post(f"{app_url}gradio_api/upload", files={"files": ("a.csv", b"s1,s2,label\n")}, timeout=30)
    assert uploaded.status_code == 200
    served = httpx.get(file_url(app_url, uploaded.json()[0]), timeout=30)
    assert served.status_code == 200 and served.text == "s1,s2,label\n"
    # and the bertviz views' vendored scripts, the one static folder (ui/bertviz_offline.py)
    d3 = httpx.get(file_url(app_url, os.path.join(here, "assets", "vendor", "d3-5.7.0", "d3.min.js")), timeout=30)
    assert d3.status_code == 200 and "d3js.org v5.7.0" in d3.text[:200]


@pytest.mark.slow
def test_the_upload_route_refuses_a_50_mb_file(app_url):
    big = b"s1,s2,label\n" + b"a,b,1\n" * (50 * 2**20 // 6)
    response = httpx.post(f"{app_url}gradio_api/upload", files={"files": ("big.csv", big)}, timeout=120)
    assert response.status_code == 413 and "maximum allowed size" in response.text
    small = httpx.post(f"{app_url}gradio_api/upload", files={"files": ("small.csv", big[:1000])}, timeout=30)
    assert small.status_code == 200
