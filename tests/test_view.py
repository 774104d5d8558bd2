"""ui/view.py: the one decorator stacks the cache above the GPU scheduling above the friendly errors; `on` wires."""

import functools
import sys
import types

import gradio as gr
import pytest

from ui import view as view_module


@pytest.fixture
def fake_spaces(monkeypatch):
    """A stand-in for Hugging Face's `spaces` package: counts the calls that would ask ZeroGPU for a GPU."""
    calls = []

    def GPU(duration=60):  # noqa: N802 (spaces' own name)
        def decorate(fn):
            @functools.wraps(fn)
            def on_gpu(*args, **kwargs):
                calls.append(duration)
                return fn(*args, **kwargs)

            return on_gpu

        return decorate

    monkeypatch.setitem(sys.modules, "spaces", types.SimpleNamespace(GPU=GPU))
    return calls


def test_a_cached_answer_never_asks_for_a_gpu(fake_spaces):
    @view_module.view(gpu=45)
    def double(x):
        return 2 * x

    assert double(21) == 42 and double(21) == 42
    assert fake_spaces == [45]  # the second answer came from the cache, above the GPU layer
    assert double(1) == 2 and fake_spaces == [45, 45]


def test_errors_become_sentences_and_are_never_cached(fake_spaces):
    calls = []

    @view_module.view(gpu=True)
    def refuse(x):
        calls.append(x)
        raise ValueError("bad input")

    for _ in range(2):
        with pytest.raises(gr.Error) as err:
            refuse(1)
        assert err.value.message == "bad input"
    assert calls == [1, 1] and fake_spaces == [view_module.GPU_SECONDS] * 2


def test_without_cache_or_gpu_only_the_friendly_layer_is_left():
    @view_module.view(cache=False)
    def plain(x):
        raise ValueError("no")

    assert not hasattr(plain, "cache") and not getattr(plain, "runs_model", False)
    with pytest.raises(gr.Error):
        plain(1)


def test_on_wires_a_private_event_where_the_latest_input_wins():
    with gr.Blocks() as demo:
        box, out = gr.Textbox(), gr.Textbox()
        view_module.on(box.submit, lambda text: text, box, out)
        view_module.on([box.change], lambda text: text, box, out, trigger_mode="once")
    first, second = list(demo.fns.values())
    assert first.api_visibility == "private" and first.trigger_mode == "always_last"
    assert second.trigger_mode == "once"  # an explicit choice is kept
