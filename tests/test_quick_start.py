"""ui/serving/quick_start.py: components are built with each signature parsed once, and launch's `HEAD /` probe
builds no page, while every component and every GET are as gradio makes them."""

import inspect

import gradio as gr
import httpx
import pytest
from conftest import free_port
from gradio import component_meta, route_utils

from ui.serving import adaptations, one_app, quick_start


def test_the_wrapper_parses_each_signature_once_and_keeps_positional_arguments(monkeypatch):
    monkeypatch.setattr(component_meta, "inspect", inspect)
    quick_start.cache_argspecs()
    quick_start.cache_argspecs()  # idempotent
    assert isinstance(component_meta.inspect, quick_start._InspectOnce)
    assert component_meta.inspect.getfile is inspect.getfile and component_meta.inspect.signature is inspect.signature
    cached = quick_start._InspectOnce.getfullargspec
    with gr.Blocks():
        gr.Slider(0, 10, 3), gr.Textbox("hi")
        misses, hits = cached.cache_info().misses, cached.cache_info().hits
        slider = gr.Slider(1, 20, 5, step=1)  # positional: minimum, maximum, value
        box = gr.Textbox("hello", label="x")
        assert cached.cache_info().misses == misses and cached.cache_info().hits > hits  # parsed once per class
    assert (slider.minimum, slider.maximum, slider.value, slider.step) == (1, 20, 5, 1)
    assert (box.value, box.label) == ("hello", "x")
    assert cached(gr.Slider.__init__.__wrapped__) == inspect.getfullargspec(gr.Slider.__init__.__wrapped__)


def pages_built_by_launch(monkeypatch) -> tuple[list, int, gr.Blocks]:
    """Launch a small app: (a list with one item per page gradio builds, its port, the app)."""
    built = []
    update = route_utils.update_root_in_config
    monkeypatch.setattr(route_utils, "update_root_in_config", lambda *a: built.append(1) or update(*a))
    with gr.Blocks() as demo:
        gr.Markdown("# a page")
    port = free_port()
    demo.launch(server_name="127.0.0.1", server_port=port, prevent_thread_lock=True, quiet=True, ssr_mode=False)
    return built, port, demo


@pytest.mark.slow
def test_launch_probes_without_building_the_page_and_a_get_still_builds_it(monkeypatch):
    for owner, name in one_app.PATCHED:
        monkeypatch.setattr(owner, name, one_app.EAGER[name])  # gradio's own, undone after the test
    built, port, demo = pages_built_by_launch(monkeypatch)
    demo.close()
    assert built == [1]  # gradio's launch built the whole page for its HEAD probe

    monkeypatch.setattr(one_app, "ON_APP", [])
    one_app.build_apps_at_launch(on_app=(quick_start.answer_head_cheaply,))
    assert adaptations.active("head_probe") and one_app.ON_APP == [quick_start.answer_head_cheaply]
    built, port, demo = pages_built_by_launch(monkeypatch)
    try:
        assert built == []  # launch() returned after its HEAD probe: no page was built for it
        head = httpx.head(f"http://127.0.0.1:{port}/", timeout=30)
        assert head.status_code == 200 and head.headers["content-type"].startswith("text/html")
        assert head.content == b"" and built == []
        page = httpx.get(f"http://127.0.0.1:{port}/", timeout=30)
        assert page.status_code == 200 and "a page" in page.text and built == [1]
        assert httpx.get(f"http://127.0.0.1:{port}/config", timeout=30).status_code == 200
    finally:
        demo.close()
