"""Instant first clicks: a view computed once is answered from memory for everyone who asks again.

In a lecture, the whole class opens the same page (every tab draws its default view on load) and
clicks the lecturer's example. Each deterministic view is therefore memoised on its inputs with
gradio's own `gr.cache`: the queue probes the cache when a request arrives, and a hit is answered
at once without waiting in the queue behind the model forwards (and, on ZeroGPU, without asking
for a GPU, so it costs the class no quota: `cached_view` goes above `gpu_task`).
`warm_up(demo)` fills the cache with every tab's default views in the background at start-up.

Adaptations of gradio (fenced by ui/serving/adaptations.py): the queue's probe of `fn.cache` (measured: a hit is
answered in ~5 ms as it joins the queue, instead of waiting behind the model forwards; upstream fix: a public
"answer from cache before queueing" option of `gr.cache`), and the warm-up's stand-in request.

Bounded: at most `PLAYGROUND_VIEW_CACHE` (default 8) inputs per view, least recently used evicted;
0 turns caching off. Errors are never cached. Sampling views (streamed generation) are not cached.
"""

from __future__ import annotations

import functools
import inspect
import logging
import os
import threading
import time
from collections.abc import Callable

import gradio as gr

from ui.serving import adaptations

log = logging.getLogger("playground.ui")
SIZE = int(os.environ.get("PLAYGROUND_VIEW_CACHE", "8"))
CACHED: list[Callable] = []


def language() -> str:
    """The language the views are written in (part of the key: the same inputs in zh and en differ)."""
    from ui import i18n

    return i18n.language()


def canonical(value):
    """The same input however it travelled: the browser's JSON sends 10000.0 as 10000, and a default text
    as gradio's translation marker on the page's first events but as its sentence afterwards."""
    from ui import i18n

    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str):
        return i18n.resolve(value)
    if isinstance(value, list | tuple):
        return [canonical(v) for v in value]
    if isinstance(value, dict):
        return {k: canonical(v) for k, v in value.items()}
    return value


def _key(kwargs: dict) -> tuple:
    return canonical(kwargs), language()


def cached_view(fn: Callable) -> Callable:
    """Memoise a deterministic view on its inputs (see the module docstring); put it above `gpu_task`."""
    if SIZE <= 0:
        return fn
    memo = gr.cache(fn, key=_key, max_size=SIZE)

    @functools.wraps(fn)
    def view(*args, **kwargs):
        return fresh(memo(*args, **kwargs))

    view.memo = memo
    if adaptations.active("cache_probe"):
        view.cache = memo.cache  # gradio probes `fn.cache`: a hit is answered as the request joins the queue
    CACHED.append(view)
    return view


def fresh(result):
    """The cached result with new `gr.update` dicts: gradio pops "value" out of an update it applies, so a
    cached update shown twice would set nothing the second time."""
    if isinstance(result, dict):
        return dict(result)
    if isinstance(result, tuple | list):
        return type(result)(dict(r) if isinstance(r, dict) else r for r in result)
    return result


def entries() -> int:
    """How many views are held in memory now, over every cached view."""
    return sum(len(view.memo.cache) for view in CACHED)


def browser_value(component, value):
    """What the browser sends for a component showing `value`: its payload, preprocessed."""
    try:
        return component.preprocess(component.postprocess(value))
    except Exception:  # components whose payload is not their value: send the raw value
        return value


def startup_events(demo) -> list:
    """The events a fresh page triggers: its `load` listeners (their `.then` steps follow them), except those
    that read the visitor's own request (restoring a shared link's view): nothing of theirs can be shared."""
    return [
        fn
        for fn in demo.fns.values()
        if fn.fn is not None and any(e == "load" for _, e in fn.targets) and not reads_request(fn.fn)
    ]


def reads_request(fn) -> bool:
    """Whether gradio hands this function the visitor's request (a parameter annotated gr.Request)."""
    try:
        parameters = inspect.signature(fn).parameters.values()
    except (TypeError, ValueError):
        return False
    return any(p.annotation in (gr.Request, "gr.Request", "Request") for p in parameters)


def run_like_the_browser(fn, inputs, outputs, values: dict) -> None:
    """Call an event's function with the inputs' current values, and keep what it sets in `values`."""
    result = fn(*[browser_value(c, values.get(c._id, c.value)) for c in inputs])
    if hasattr(result, "__next__"):  # a streaming view: the page shows its last yield
        *_, result = result
    results = result if len(outputs) > 1 else (result,)
    for component, value in zip(outputs, results, strict=False):
        if isinstance(value, dict) and value.get("__type__") == "update":
            if "value" in value:
                values[component._id] = value["value"]
        else:
            values[component._id] = value


WARM = {"done": 0, "total": 0, "running": False}  # the start-up warm-up's progress, for the header


class _PageIn:
    """A stand-in for a visitor's request whose page shows `language` (what ui.i18n reads)."""

    def __init__(self, language: str):
        from ui import i18n

        self.cookies, self.headers = {i18n.COOKIE: language}, {}


def warm_up(demo, extra=()) -> dict[str, float]:
    """Run what a fresh page runs (each load event, then its `.then` steps), for an English and for a
    Chinese page, so that the first visitors get cached views.

    extra: more events, each a `ui.tab.Draw` (a tab's first draw, run when the tab is selected).
    Returns seconds per event and language, for the log and the benchmark."""
    from gradio.context import LocalContext

    from ui import i18n

    if not adaptations.active("warm_up"):
        log.info("warm-up skipped: gradio %s is not the version it was written for", gr.__version__)
        return {}
    seconds = {}
    page_events = [(e, e.fn, e.inputs, e.outputs) for e in startup_events(demo)]
    page_events += [(None, d.fn, list(d.inputs), list(d.outputs)) for d in extra]
    WARM.update(done=0, total=len(page_events) * len(i18n.LANGUAGES), running=True)
    for language in i18n.LANGUAGES:
        token = LocalContext.request.set(_PageIn(language))
        events, values = list(page_events), {}
        try:
            while events:
                event, fn, inputs, outputs = events.pop(0)
                start = time.perf_counter()
                try:
                    run_like_the_browser(fn, inputs, outputs, values)
                    if event is not None:
                        steps = [f for f in demo.fns.values() if f.trigger_after == event._id and f.fn is not None]
                        events[:0] = [(f, f.fn, f.inputs, f.outputs) for f in steps]
                        WARM["total"] += len(steps)
                except Exception as err:  # e.g. a model unavailable here: its view says so when asked
                    log.info("warm-up of %s skipped: %s", getattr(fn, "__name__", fn), err)
                seconds[f"{getattr(fn, '__name__', fn)} ({language})"] = time.perf_counter() - start
                WARM["done"] += 1
        finally:
            LocalContext.request.reset(token)
    WARM["running"] = False
    log.info("warm-up done in %.1f s: %d views cached", sum(seconds.values()), entries())
    return seconds


def warm_up_in_background(demo, extra=()) -> threading.Thread:
    thread = threading.Thread(target=warm_up, args=(demo, extra), name="warm-up", daemon=True)
    thread.start()
    return thread
