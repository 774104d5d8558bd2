"""Two costs of gradio's start-up that scale with the page and buy nothing: the page is served sooner.

- **argspec_cache**: every component's `__init__` is wrapped by gradio (`component_meta.updateable`), and the
  wrapper reads `inspect.getfullargspec` of that `__init__` on every call, although a class's signature never
  changes. This app builds 938 blocks (1,628 wrapped calls, one per class in each component's hierarchy), so the
  same ~30 signatures are parsed 1,628 times. Measured, `import app` after `import gradio`, 2 idle cores, 3 runs
  each: 0.92 s -> 0.72 s. The wrapper reads `inspect` from its module's globals at each call, so that name is
  given a stand-in whose `getfullargspec` is memoised per function; everything else is `inspect` itself.
  Upstream fix: `updateable` computing the argspec once, when it wraps `__init__`.
- **head_probe**: `launch()` checks the server is up with `HEAD /` (`networking.url_ok`) before it returns, and
  gradio answers a HEAD by building the whole page (a deep copy of the config, a walk of its 42,000 nodes for
  file URLs, the API info), then drops the body: ~0.15 s on the start-up path, and again for every uptime monitor's
  probe. A HEAD of `/` is answered 200 text/html without building the page (a HEAD has no body; a GET is
  unchanged). Upstream fix: gradio probing a route that builds nothing.

Fenced by ui/serving/adaptations.py (gradio 6.31 only).
"""

from __future__ import annotations

import functools
import inspect
import types

from gradio import component_meta
from starlette.responses import Response
from starlette.routing import Route


class _InspectOnce(types.ModuleType):
    """`inspect`, except that `getfullargspec` is computed once per function."""

    getfullargspec = staticmethod(functools.cache(inspect.getfullargspec))

    def __getattr__(self, name: str):
        return getattr(inspect, name)


def cache_argspecs() -> None:
    """gradio's component wrapper reads each `__init__`'s argspec once. Idempotent."""
    if not isinstance(component_meta.inspect, _InspectOnce):
        component_meta.inspect = _InspectOnce("inspect")


async def _head(request) -> Response:
    """`HEAD /`: the page's status and type, without building the page."""
    response = Response(media_type="text/html; charset=utf-8")
    del response.headers["content-length"]  # not 0: the page has a body, a HEAD just does not carry it
    return response


def answer_head_cheaply(app) -> None:
    """Put a HEAD-only route for `/` before gradio's page route (starlette takes the first that matches)."""
    if not any(getattr(r, "endpoint", None) is _head for r in app.router.routes):
        app.router.routes.insert(0, Route("/", _head, methods=["HEAD"], include_in_schema=False))
