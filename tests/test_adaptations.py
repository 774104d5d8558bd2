"""ui/serving/adaptations.py: gradio's internals are adapted only on the gradio they were written for."""

import inspect
import logging
import os
import re
import subprocess
import sys
from pathlib import Path

import gradio as gr
import pytest
from gradio import blocks, component_meta, state_holder
from gradio_client import utils as client_utils

from ui.serving import adaptations, one_app, quick_start, sessions

ROOT = Path(__file__).resolve().parents[1]


def test_the_pins_are_the_version_the_adaptations_were_written_for():
    """Moving gradio's pin means re-checking every adaptation (and then changing GRADIO): this fails until then."""
    pin = re.search(r"^gradio==(\S+)", (ROOT / "requirements.txt").read_text("utf-8"), re.M).group(1)
    front = re.search(r"^sdk_version:\s*(\S+)", (ROOT / "README.md").read_text("utf-8"), re.M).group(1)
    assert pin == front == adaptations.GRADIO
    assert adaptations.fits() and adaptations.fits(adaptations.GRADIO) and not adaptations.fits("6.32.0")


def test_another_version_installs_nothing_and_warns_once(monkeypatch, caplog):
    monkeypatch.setattr(adaptations, "ACTIVE", set())
    monkeypatch.setattr(state_holder.SessionState, "__init__", sessions.EAGER_INIT)
    walk = getattr(client_utils.traverse, "__wrapped__", client_utils.traverse)
    monkeypatch.setattr(client_utils, "traverse", walk)
    monkeypatch.setattr(component_meta, "inspect", inspect)
    monkeypatch.setattr(one_app, "ON_APP", [])
    with caplog.at_level(logging.WARNING, logger="playground.ui"):
        assert adaptations.apply("7.0.0") == set()
    assert [r.levelname for r in caplog.records] == ["WARNING"] and "7.0.0" in caplog.text
    assert state_holder.SessionState.__init__ is sessions.EAGER_INIT
    assert client_utils.traverse is walk and component_meta.inspect is inspect and one_app.ON_APP == []
    assert not any(adaptations.active(name) for name in adaptations.NAMES)


def test_the_expected_version_installs_every_adaptation(monkeypatch):
    monkeypatch.setattr(adaptations, "ACTIVE", set())
    monkeypatch.setattr(state_holder.SessionState, "__init__", sessions.EAGER_INIT)
    for owner, name in one_app.PATCHED:
        monkeypatch.setattr(owner, name, one_app.EAGER[name])  # undone after the test
    monkeypatch.setattr(component_meta, "inspect", inspect)
    monkeypatch.setattr(one_app, "ON_APP", [])
    assert adaptations.apply(adaptations.GRADIO) == set(adaptations.NAMES)
    assert isinstance(component_meta.inspect, quick_start._InspectOnce)
    assert one_app.ON_APP == [quick_start.answer_head_cheaply]
    assert blocks.Blocks.queue.__wrapped__ is one_app.EAGER["queue"]
    assert state_holder.SessionState.__init__ is sessions._session_init
    assert hasattr(client_utils.traverse, "__wrapped__")
    assert adaptations.check_marker()


SERVE_ON_ANOTHER_GRADIO = """
import gradio, sys
gradio.__version__ = "7.0.0"  # what a Space gets if its gradio moves
import httpx
from gradio import blocks, state_holder
import app
from ui.serving import adaptations, view_cache
app.demo.launch(server_name="127.0.0.1", server_port=int(sys.argv[1]), prevent_thread_lock=True, quiet=True,
                ssr_mode=False, **app.LAUNCH)
page = httpx.get(f"http://127.0.0.1:{sys.argv[1]}/", timeout=30)
config = httpx.get(f"http://127.0.0.1:{sys.argv[1]}/config", timeout=30).json()
print("page", page.status_code, "tabs", sum(1 for c in config["components"] if c.get("type") == "tabitem"))
print("lazy", state_holder.SessionState.__init__.__name__ == "_session_init")
print("active", sorted(n for n in adaptations.NAMES if adaptations.active(n)))
print("warm", view_cache.warm_up(app.demo))
app.demo.close()
"""


@pytest.mark.slow
def test_the_app_still_serves_on_another_gradio():
    from conftest import free_port

    out = subprocess.run(
        [sys.executable, "-c", SERVE_ON_ANOTHER_GRADIO, str(free_port())],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "HF_HUB_OFFLINE": "1"},
    )
    assert out.returncode == 0, out.stderr[-3000:]
    lines = dict(line.split(" ", 1) for line in out.stdout.splitlines() if " " in line)
    assert lines["page"].startswith("200") and int(lines["page"].split()[-1]) >= 6
    assert lines["lazy"] == "False" and lines["active"] == "[]" and lines["warm"] == "{}"
    assert "adaptations of gradio's internals were written for 6.31.0 and are off" in out.stderr
    assert gr.__version__ == adaptations.GRADIO  # this process was left alone
