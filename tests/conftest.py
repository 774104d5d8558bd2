"""Shared fixtures. Tests never touch the network: the Hub is switched off before anything imports it."""

import os
import socket
import sys
import tempfile
from pathlib import Path

os.environ["HF_HUB_OFFLINE"] = "1"
os.environ["GRADIO_ANALYTICS_ENABLED"] = "False"
os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
os.environ.setdefault("PLAYGROUND_RUNS", tempfile.mkdtemp(prefix="playground-runs-"))  # never ~/.cache
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import pytest  # noqa: E402


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="session")
def app_url():
    """The whole app, launched on 127.0.0.1 for the API and browser tests."""
    import app

    port = free_port()
    app.demo.launch(
        server_name="127.0.0.1", server_port=port, prevent_thread_lock=True, quiet=True, ssr_mode=False, **app.LAUNCH
    )
    yield f"http://127.0.0.1:{port}/"
    app.demo.close()


@pytest.fixture(scope="session")
def client(app_url):
    from gradio_client import Client

    return Client(app_url, verbose=False)


def pytest_collection_modifyitems(items):
    """Each test's `slow` and `browser` markers go into the JUnit XML report (`make test` writes it) as its
    `markers` property: scripts/suite_times.py groups the suite's time by them."""
    for item in items:
        names = sorted({mark.name for mark in item.iter_markers()} & {"slow", "browser"})
        item.user_properties.append(("markers", " ".join(names)))
