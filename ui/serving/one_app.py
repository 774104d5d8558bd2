"""One web app, built at launch: the page is served sooner because gradio stops building apps nobody serves.

Measured (cProfile of `import app`, 2 cores): gradio 6.31 builds a whole FastAPI app (its ~80 routes, each
parsed by FastAPI and pydantic, and the config of every block, twice) each time a `with gr.Blocks()` closes and
again in `Blocks.__init__`'s and our `queue()`: 19 apps for the eight tabs and the page, then `launch()` builds the
one it serves. They cost ~3 s of the page's start-up. A Blocks' app and config are only read by `launch()` (which
builds both again) and by a running server, so closing a Blocks and queueing skip them.

`launch()` itself builds the config twice: once before `App.create_app` and again inside it (`setup_mcp_server`),
and nothing reads the first (it even lacks the `i18n` that launch sets between the two), so launch skips it:
`launch()` of this app (938 blocks) took 1.14 s before and 0.95 s after (median of 3 each, 2 idle cores).

Fenced by ui/serving/adaptations.py (gradio 6.31 only). Upstream fix: gradio building the app when it launches.
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Callable

from gradio import blocks

_SKIPPING = threading.local()
EAGER = {
    "create_app": blocks.App.create_app,
    "__exit__": blocks.Blocks.__exit__,
    "queue": blocks.Blocks.queue,
    "launch": blocks.Blocks.launch,
}
ON_APP: list[Callable] = []  # called with the app `launch()` serves (adaptations.apply: quick_start's HEAD route)
PATCHED = ((blocks.App, "create_app"), (blocks.Blocks, "__exit__"), (blocks.Blocks, "queue"), (blocks.Blocks, "launch"))


def _create_app(demo, *args, **kwargs):
    """gradio's App.create_app, except inside a Blocks' `__exit__` or `queue()` (nothing serves that app). In
    `launch()`, it builds the served config again with gradio's own `get_config_file`."""
    if getattr(_SKIPPING, "on", False):
        return None
    if getattr(demo, "_config_deferred", False):
        del demo.get_config_file, demo._config_deferred
    app = EAGER["create_app"](demo, *args, **kwargs)
    for adapt in ON_APP:
        adapt(app)
    return app


def _config_once(launch):
    """Blocks.launch, whose first config build (before `App.create_app` builds the one it serves) is skipped."""

    @functools.wraps(launch)
    def wrapper(self, *args, **kwargs):
        self.get_config_file, self._config_deferred = dict, True
        try:
            return launch(self, *args, **kwargs)
        finally:
            if getattr(self, "_config_deferred", False):  # launch stopped before create_app
                del self.get_config_file, self._config_deferred

    return wrapper


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


def build_apps_at_launch(on_app: tuple[Callable, ...] = ()) -> None:
    """Install (idempotent): Blocks build their web app and config in `launch()` only, and once there; each of
    `on_app` is then called with the app `launch()` serves."""
    ON_APP[:] = on_app
    blocks.App.create_app = staticmethod(_create_app)
    blocks.Blocks.__exit__ = _without_app(EAGER["__exit__"])
    blocks.Blocks.queue = _without_app(EAGER["queue"])
    blocks.Blocks.launch = _config_once(EAGER["launch"])
