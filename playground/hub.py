"""Is the Hugging Face Hub reachable? Decided once per process, in at most a few seconds.

Without this, every `from_pretrained("gpt2")` on a machine with no network spends ~49 s in retries
before failing. We ask once (a TCP connect to the Hub, bounded by a timeout), and from then on load
Hub models with `local_files_only=True` when the answer was no.
"""

from __future__ import annotations

import functools
import os
import socket
import threading
from dataclasses import dataclass
from urllib.parse import urlparse

from playground.errors import Note

PROBE_TIMEOUT_S = 3.0  # the whole decision, DNS included, never takes longer than this
_TRUE = {"1", "true", "yes", "on"}


@dataclass(frozen=True)
class HubStatus:
    reachable: bool
    reason: Note  # one sentence for the header, e.g. "HF_HUB_OFFLINE is set"


def _endpoint() -> tuple[str, int]:
    url = urlparse(os.environ.get("HF_ENDPOINT", "https://huggingface.co"))
    return url.hostname or "huggingface.co", url.port or (443 if url.scheme != "http" else 80)


def probe(host: str, port: int, timeout_s: float = PROBE_TIMEOUT_S) -> bool:
    """True if a TCP connection to host:port opens within timeout_s (DNS lookup included)."""
    result: list[bool] = []

    def connect() -> None:
        try:
            with socket.create_connection((host, port), timeout=timeout_s):
                result.append(True)
        except OSError:
            result.append(False)

    worker = threading.Thread(target=connect, daemon=True)  # getaddrinfo itself has no timeout
    worker.start()
    worker.join(timeout_s)
    return bool(result and result[0])


@functools.cache
def hub_status() -> HubStatus:
    """Decide once whether the Hub can be used; when it cannot, switch huggingface_hub offline."""
    if os.environ.get("HF_HUB_OFFLINE", "").lower() in _TRUE:
        return HubStatus(False, Note.of("hub.note.offline"))
    host, port = _endpoint()
    if probe(host, port):
        return HubStatus(True, Note.of("hub.note.reachable", host=host))
    os.environ["HF_HUB_OFFLINE"] = "1"  # later imports of huggingface_hub read this
    _set_hub_offline()
    return HubStatus(False, Note.of("hub.note.unreachable", host=host))


def _set_hub_offline() -> None:
    """huggingface_hub reads HF_HUB_OFFLINE once at import: update it if it was imported already."""
    import sys

    constants = sys.modules.get("huggingface_hub.constants")
    if constants is not None:
        constants.HF_HUB_OFFLINE = True


def is_cached(repo_id: str) -> bool:
    """True if the model's config is in the local Hugging Face cache (usable without the Hub)."""
    from huggingface_hub import try_to_load_from_cache

    path = try_to_load_from_cache(repo_id, "config.json")
    return isinstance(path, str)
