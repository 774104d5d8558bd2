"""One web app, built at launch: the page is served sooner because gradio stops building apps nobody serves.

Measured (cProfile of `import app`, 2 cores): gradio 6.31 builds a whole FastAPI app (its ~80 routes, each
parsed by FastAPI and pydantic, and the config of every block, twice) each time a `with gr.Blocks()` closes and
again in `Blocks.__init__`'s and our `queue()`: 19 apps for the eight tabs and the page, then `launch()` builds the
one it serves. They cost ~3 s of the page's start-up. A Blocks' app and config are only read by `launch()` (which
builds both again) and by a running server, so closing a Blocks and queueing skip them; `launch()` is unchanged.

Fenced by ui/serving/adaptations.py (gradio 6.31 only). Upstream fix: gradio building the app when it launches.
"""

from __future__ import annotations

import functools
import threading

from gradio import blocks

_SKIPPING = threading.local()
EAGER = {"create_app": blocks.App.create_app, "__exit__": blocks.Blocks.__exit__, "queue": blocks.Blocks.queue}


def _create_app(*args, **kwargs):
    """gradio's App.create_app, except inside a Blocks' `__exit__` or `queue()` (nothing serves that app)."""
    if getattr(_SKIPPING, "on", False):
        return None
    return EAGER["create_app"](*args, **kwargs)


def _without_app(method):
    """`method` of Blocks, building neither an app nor (for `__exit__`) the config that `launch()` rebuilds."""

    @functools.wraps(method)
    def wrapper(self, *args, **kwargs):
        if getattr(self, "is_running", False):  # a running server's app: gradio's own way
            return method(self, *args, **kwargs)
        _SKIPPING.on, self.get_config_file = True, dict
        try:
            return method(self, *args, **kwargs)
        finally:
            _SKIPPING.on = False
            del self.get_config_file

    return wrapper


def build_apps_at_launch() -> None:
    """Install (idempotent): Blocks build their web app and config in `launch()` only."""
    blocks.App.create_app = staticmethod(_create_app)
    blocks.Blocks.__exit__ = _without_app(EAGER["__exit__"])
    blocks.Blocks.queue = _without_app(EAGER["queue"])
