"""How many requests of each kind run at once: chosen per event from `bench/load.py`'s measurements.

Gradio's default is one queue per handler function, each running one request at a time, so a page
load (about 15 start-up events) runs up to 15 different handlers at once on 2 cores while a second
click on the same handler waits. Here the events are grouped by what they cost instead:

- **model**: handlers marked by `gpu_task` (a forward pass of a real model). They share one queue,
  `PLAYGROUND_MODEL_CONCURRENCY` at once (default 1: on 2 cores, with 30 students, p95 was 1.8 s at 1,
  2.9 s at 2 and 3.1 s at 4; a forward already uses both cores, so more at once only splits them).
- **batch**: handlers that generate through playground/batching.py (marked `@view(batched=True)`: the Prompts
  tab's Generate, side by side, /generate and /generate_stream). The engine runs one forward per token for all of
  them, so the queue lets `PLAYGROUND_BATCH_CONCURRENCY` in at once (default the engine's `MAX_BATCH`, 32: a class
  of 30 pressing Generate together shares one batch instead of waiting in line; issue 30; with batching off, the
  stream limit). They never take the model queue, so the forward-pass views keep answering while a class generates.
- **stream**: other model handlers that stream (the KV-cache walk): their own queue, so a long stream never
  holds up the other tabs' forwards.
- **view**: everything else (formulas, plots of closed forms, tokenisation, run listings): cheap,
  many at once.

A fine-tune runs in its own worker process and is never queued behind the views; events that set
their own `concurrency_limit` (the run watcher) keep it.
"""

from __future__ import annotations

import inspect
import os

from playground import batching

LIMITS = {
    "model": int(os.environ.get("PLAYGROUND_MODEL_CONCURRENCY", "1")),
    "stream": int(os.environ.get("PLAYGROUND_STREAM_CONCURRENCY", "2")),
    "view": int(os.environ.get("PLAYGROUND_VIEW_CONCURRENCY", "8")),
}
# batching off (ZeroGPU, PLAYGROUND_BATCHING=0): each generation runs alone again, as many at once as the streams
LIMITS["batch"] = int(
    os.environ.get("PLAYGROUND_BATCH_CONCURRENCY", batching.MAX_BATCH if batching.enabled() else LIMITS["stream"])
)


def group(fn) -> str:
    """The queue a handler belongs in: model, batch, stream or view."""
    if not getattr(fn, "runs_model", False):
        return "view"
    if getattr(fn, "batched", False):
        return "batch"
    return "stream" if inspect.isgeneratorfunction(fn) else "model"


def configure(demo) -> dict[str, int]:
    """Put every event of the app in its group's queue; returns how many events each group got."""
    counts = dict.fromkeys(LIMITS, 0)
    for block_fn in demo.fns.values():
        if block_fn.fn is None or block_fn.concurrency_limit != "default":
            continue
        name = group(block_fn.fn)
        block_fn.concurrency_id = name
        block_fn.concurrency_limit = LIMITS[name]
        counts[name] += 1
    return counts
