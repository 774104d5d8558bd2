"""ui.serving.concurrency: every event of the app is in the queue of what it costs."""

import inspect

import pytest

from ui.serving import concurrency


def test_groups_follow_the_gpu_task_mark_and_streaming():
    from playground.device import gpu_task

    @gpu_task()
    def forward(text):
        return text

    @gpu_task()
    def stream(text):
        yield text

    @gpu_task()
    def batched_stream(text):
        yield text

    batched_stream.batched = True  # what @view(batched=True) marks: it generates through playground/batching.py

    def formula(x):
        return x

    groups = [concurrency.group(f) for f in (forward, stream, batched_stream, formula)]
    assert groups == ["model", "stream", "batch", "view"]


@pytest.mark.slow
def test_every_event_of_the_app_is_assigned():
    import app

    by_group = {}
    for block_fn in app.demo.fns.values():
        if block_fn.fn is None:
            continue
        by_group.setdefault(block_fn.concurrency_id, set()).add(block_fn.fn.__name__)
        if block_fn.concurrency_id in concurrency.LIMITS:
            assert block_fn.concurrency_limit == concurrency.LIMITS[block_fn.concurrency_id]
    assert {"show_attention", "run_causal", "attention_api", "next_token_distribution"} <= by_group["model"]
    assert {"stream_generation", "run_columns", "generate", "generate_stream"} <= by_group["batch"]
    assert concurrency.LIMITS["batch"] >= 30  # a class's Generate presses share the engine's batch
    assert {"draw_sinusoidal", "render_template", "finetune_list_runs"} <= by_group["view"]
    watcher = next(f for f in app.demo.fns.values() if f.fn is not None and f.fn.__name__ == "start_and_watch")
    assert watcher.concurrency_limit == 16  # its own limit, kept
    assert all(
        inspect.isgeneratorfunction(app.demo.fns[i].fn)
        for i in range(len(app.demo.fns))
        if app.demo.fns[i].concurrency_id == "stream"
    )
