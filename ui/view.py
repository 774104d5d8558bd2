"""The one way to write a view handler and to wire it.

`@view(...)` stacks, in the only order that works:
1. `friendly` (innermost): a bad input becomes a sentence in the page's language, never a traceback;
2. `gpu_task`: on ZeroGPU the call is scheduled on a GPU (only a model view asks for one);
3. `cached_view` (outermost): a view computed once is answered from memory, without a GPU or the queue, so it must
   wrap the GPU scheduling, and an error (raised by `friendly` below it) is never cached.

`on(triggers, fn, inputs, outputs)` wires an event the way every view is wired: not part of the public API (each
tab exposes its numbers through named `gr.api` endpoints instead), and with the latest input winning (a slider
dragged twice draws once more, with its last value).
"""

from __future__ import annotations

from collections.abc import Callable

import gradio as gr

from playground.device import gpu_task
from ui.errors import friendly
from ui.serving.view_cache import cached_view

GPU_SECONDS = 20  # one forward of the default models, with room to spare (playground/device.py)


def view(*, cache: bool = True, gpu: bool | int = False, batched: bool = False) -> Callable[[Callable], Callable]:
    """A view handler: `cache` memoises it on its inputs (deterministic views only); `gpu` (True or the seconds it
    may need) schedules it on a GPU where the app runs on ZeroGPU; `batched`: it generates through
    playground/batching.py, so many of its requests run at once (ui/serving/concurrency.py's "batch" queue)."""

    def decorate(fn: Callable) -> Callable:
        handler = friendly(fn)
        if gpu:
            handler = gpu_task(GPU_SECONDS if gpu is True else int(gpu))(handler)
        if batched:
            handler.batched = True
        return cached_view(handler) if cache else handler

    return decorate


def on(triggers, fn: Callable | None, inputs=None, outputs=None, **options):
    """gr.on with the views' wiring: a private event, the latest input winning. Returns the event (chain `.then`)."""
    options = {"api_visibility": "private", "trigger_mode": "always_last", **options}
    return gr.on(triggers if isinstance(triggers, list) else [triggers], fn, inputs, outputs, **options)


def index_slider(count: int, value: int = 0) -> dict:
    """A slider over indexes 0..count-1 fitted to a model or a text. gradio refuses a slider whose minimum equals
    its maximum ("Slider minimum must be less than maximum"): with one index (a one-layer model, a one-token
    text) the range stays 0..1 and the slider is locked at 0."""
    return gr.update(maximum=max(count - 1, 1), value=value, interactive=count > 1)
