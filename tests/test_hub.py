"""playground.hub: the Hub decision is taken once, quickly, and never probes when told offline."""

import socket
import time

import pytest

from playground import hub
from playground.errors import Note


@pytest.fixture(autouse=True)
def fresh_decision():
    hub.hub_status.cache_clear()
    yield
    hub.hub_status.cache_clear()


def test_offline_env_decides_without_probing(monkeypatch):
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setattr(hub, "probe", lambda *a, **k: pytest.fail("probed although HF_HUB_OFFLINE is set"))
    status = hub.hub_status()
    assert not status.reachable and status.reason == Note.of("hub.note.offline")


def test_unreachable_hub_switches_huggingface_hub_offline(monkeypatch):
    import huggingface_hub.constants as constants

    monkeypatch.delenv("HF_HUB_OFFLINE", raising=False)
    monkeypatch.setattr(hub, "probe", lambda *a, **k: False)
    monkeypatch.setattr(constants, "HF_HUB_OFFLINE", False)
    status = hub.hub_status()
    assert not status.reachable and status.reason == Note.of("hub.note.unreachable", host=hub._endpoint()[0])
    assert constants.HF_HUB_OFFLINE is True
    hub.hub_status()  # decided once: cached
    assert hub.hub_status.cache_info().hits >= 1


def test_probe_connects_to_a_listening_local_port():
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen()
        assert hub.probe("127.0.0.1", server.getsockname()[1], timeout_s=2)


def test_probe_of_a_closed_port_is_false():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    assert not hub.probe("127.0.0.1", port, timeout_s=2)


def test_probe_gives_up_when_the_connection_hangs(monkeypatch):
    def hang(*args, **kwargs):
        time.sleep(2)  # longer than the probe waits
        raise OSError("timed out")

    monkeypatch.setattr(socket, "create_connection", hang)
    assert hub.probe("hangs.invalid", 443, timeout_s=0.2) is False
