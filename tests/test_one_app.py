"""ui/serving/one_app.py: a Blocks builds its web app at launch only, and serves the same page as gradio's own."""

import gradio as gr
import httpx
import pytest
from conftest import free_port

from ui.serving import one_app


def small_app() -> gr.Blocks:
    with gr.Blocks() as inner:
        name = gr.Textbox(label="name")
        gr.Button("go").click(str.upper, name, name)
    with gr.Blocks() as demo:
        gr.Markdown("# title")
        inner.render()
    demo.queue()
    return demo


def served_config(demo: gr.Blocks) -> tuple:
    port = free_port()
    demo.launch(
        server_name="127.0.0.1",
        server_port=port,
        prevent_thread_lock=True,
        quiet=True,
        ssr_mode=False,
        i18n=gr.I18n(en={"go": "go"}, zh={"go": "去"}),
    )
    try:
        config = httpx.get(f"http://127.0.0.1:{port}/config", timeout=30).json()
        answer = httpx.post(f"http://127.0.0.1:{port}/gradio_api/run/predict", json={"data": ["abc"]}, timeout=30)
    finally:
        demo.close()
    components = [(c["type"], c.get("props", {}).get("label")) for c in config["components"]]
    return components, sorted(config), config.get("i18n_translations"), answer.status_code


@pytest.fixture
def apps_at_launch(monkeypatch):
    for owner, name in one_app.PATCHED:
        monkeypatch.setattr(owner, name, one_app.EAGER[name])  # undone after the test
    monkeypatch.setattr(one_app, "ON_APP", [])
    one_app.build_apps_at_launch()


@pytest.mark.slow
def test_blocks_build_no_app_until_launch_and_serve_the_same_page(apps_at_launch, monkeypatch):
    builds = []
    config_file = gr.Blocks.get_config_file
    monkeypatch.setattr(gr.Blocks, "get_config_file", lambda self: builds.append(self) or config_file(self))
    demo = small_app()
    assert demo.app is None and demo.config == {}  # nothing built while the tabs were assembled
    lazy = served_config(demo)
    assert len(builds) == 1  # launch built the config once (gradio builds it twice)
    assert demo.app is not None
    for owner, name in one_app.PATCHED:
        setattr(owner, name, one_app.EAGER[name])
    eager_demo = small_app()
    assert eager_demo.app is not None
    builds.clear()
    eager = served_config(eager_demo)
    assert len(builds) == 2
    assert lazy == eager
    assert lazy[2] == {"en": {"go": "go"}, "zh": {"go": "去"}}  # the config built inside create_app, after i18n
