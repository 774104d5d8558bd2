"""A new visitor costs the server nothing up front: gradio's per-session configs, computed when read.

Measured (py-spy, bench/load.py): gradio 6.31 builds, for every new session, the config of every block
of the app (`SessionState.config_values`, ~400 blocks here) inside the request that joins the queue, on
the event loop. That is ~0.3 s of a busy 2-core machine per visitor, during which nobody else is
served: 30 students opening the page at once stalled the server for 10-15 s and gradio_client's 5 s
timeouts fired. Those configs only serve gradio's deep links (`gr.DeepLinkButton`, not used here) and
the components an event updates, so they are built on first read instead.

Fenced by ui/serving/adaptations.py (gradio 6.31 only). Upstream fix: gradio building `config_values` lazily itself.
"""

from __future__ import annotations

import os
from copy import copy

from gradio import state_holder


class LazyConfigs(dict):
    """block id -> its config, computed when first read; iterating computes the rest (a deep link)."""

    def __init__(self, blocks_config, ids):
        super().__init__()
        self._blocks_config, self._pending = blocks_config, list(ids)

    def _fill(self) -> None:
        for key in self._pending:
            if not dict.__contains__(self, key):
                block = self._blocks_config.blocks[key]
                dict.__setitem__(self, key, self._blocks_config.config_for_block(key, [], block))
        self._pending = []

    def __missing__(self, key):
        if key not in self._pending:
            raise KeyError(key)
        value = self._blocks_config.config_for_block(key, [], self._blocks_config.blocks[key])
        dict.__setitem__(self, key, value)
        return value

    def items(self):
        self._fill()
        return super().items()

    def values(self):
        self._fill()
        return super().values()

    def __iter__(self):
        self._fill()
        return super().__iter__()

    def __len__(self):
        self._fill()
        return super().__len__()


def _session_init(self, blocks) -> None:
    """gradio's SessionState.__init__, with `config_values` lazy (same attributes otherwise)."""
    self.blocks_config = copy(blocks.default_config)
    self.config_values = LazyConfigs(self.blocks_config, [k for k in self.blocks_config.blocks if k in blocks.blocks])
    self.state_data = {}
    self._state_ttl = {}
    self.is_closed = False
    self.STATE_TTL_WHEN_CLOSED = 1 if os.getenv("GRADIO_IS_E2E_TEST", None) else 3600


EAGER_INIT = state_holder.SessionState.__init__  # gradio's own, kept for the tests' comparison


def make_sessions_lazy() -> None:
    """Install the lazy per-session configs (idempotent)."""
    state_holder.SessionState.__init__ = _session_init
