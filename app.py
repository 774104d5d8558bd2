"""LLM Playground: builds the app from its tabs, queues it and launches it. `demo` is the app."""

import os
import threading

from playground.device import configure_cpu_threads

configure_cpu_threads()  # before torch is imported
os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")

import gradio as gr  # noqa: E402

from playground.hub import hub_status  # noqa: E402
from ui import (  # noqa: E402  # noqa: E402
    architecture_tab,
    attention_tab,
    export,
    finetune_tab,
    header,
    losses_tab,
    positional_tab,
    prompts_tab,
    share,
)
from ui.text import t  # noqa: E402

threading.Thread(target=hub_status, daemon=True).start()  # decide Hub or offline while the page loads

with gr.Blocks(title=t("app.title")) as demo:
    gr.Markdown(f"# {t('app.title')}\n{t('app.tagline')}")
    summary_md = gr.Markdown(t("header.checking"), elem_id="status-summary")
    with gr.Accordion(t("header.details"), open=False):
        details_md = gr.Markdown()
    share_panel = share.panel()
    with gr.Tabs(elem_id="app-tabs") as tabs:
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
    share.wire(demo, share_panel, tabs)
    export.wire(demo)
    demo.load(
        lambda: (header.summary_markdown(), header.status_markdown()),
        None,
        [summary_md, details_md],
        api_visibility="private",
    )

demo.queue(default_concurrency_limit=2, max_size=256)

if __name__ == "__main__":
    demo.launch(server_port=int(os.environ.get("GRADIO_SERVER_PORT", 7860)), ssr_mode=False)
