"""LLM Playground: builds the app from its tabs, queues it and launches it. `demo` is the app."""

import os
import threading

from playground.device import configure_cpu_threads

configure_cpu_threads()  # before torch is imported
os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")

import gradio as gr  # noqa: E402

from playground.hub import hub_status  # noqa: E402
from ui import (  # noqa: E402
    architecture_tab,
    attention_tab,
    finetune_tab,
    header,
    i18n,
    losses_tab,
    positional_tab,
    presenter,
    prompts_tab,
    scenes,
)
from ui.text import t  # noqa: E402

threading.Thread(target=hub_status, daemon=True).start()  # decide Hub or offline while the page loads

with gr.Blocks(title=t("app.title")) as demo:
    with gr.Row(equal_height=True):
        gr.Markdown(t("app.header"))
        presenter.build_toggle()
    summary_md = gr.Markdown(t("header.checking"), elem_id="status-summary")
    with gr.Accordion(t("header.details"), open=False, elem_classes="advanced"):
        details_md = gr.Markdown()
    scene_bar = scenes.build_bar()
    with gr.Tabs() as tabs:
        with gr.Tab(t("pos.tab"), id="positional"):
            positional_tab.demo.render()
        with gr.Tab(t("att.tab"), id="attention"):
            attention_tab.demo.render()
        with gr.Tab(t("arch.tab"), id="architecture"):
            architecture_tab.demo.render()
        with gr.Tab(t("loss.tab"), id="losses") as losses_outer:
            losses_tab.demo.render()
        losses_outer.select(**losses_tab.FIRST_DRAW)
        with gr.Tab(t("ft.tab"), id="finetune"):
            finetune_tab.demo.render()
        with gr.Tab(t("prompts.tab"), id="prompts"):
            prompts_tab.demo.render()
    scenes.wire(scene_bar, tabs)
    presenter.mark_advanced()
    i18n.relabel_tabs(demo)
    demo.load(
        lambda: (header.summary_markdown(), header.status_markdown()),
        None,
        [summary_md, details_md],
        api_visibility="private",
    )

demo.queue(default_concurrency_limit=2, max_size=256)
LAUNCH = dict(i18n=i18n.translations(), css=presenter.CSS + i18n.CSS, js=i18n.SYNC_JS)  # every launch passes these

if __name__ == "__main__":
    demo.launch(server_port=int(os.environ.get("GRADIO_SERVER_PORT", 7860)), ssr_mode=False, **LAUNCH)
