"""LLM Playground: builds the app from its tabs, queues it and launches it. `demo` is the app.

`python app.py` answers within a second with a starting page (ui/serving/starting_page.py) while the heavy
imports run, then serves the app on the same port and fills the view cache in the background.
"""

import logging
import os
import threading

from playground.device import configure_cpu_memory, configure_cpu_threads

configure_cpu_memory()  # before any thread
configure_cpu_threads()  # before torch is imported
PORT = int(os.environ.get("GRADIO_SERVER_PORT", 7860))
HOST = os.environ.get("GRADIO_SERVER_NAME", "127.0.0.1")
starting = None
if __name__ == "__main__" and os.environ.get("PLAYGROUND_STARTING_PAGE", "1") != "0":
    from ui.serving.starting_page import StartingPage

    starting = StartingPage(HOST, PORT)
    starting.stage("Importing gradio and torch", "导入 gradio 和 torch")

os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
# gradio summarises its last 10,000 events with pandas after every event (for its API page's monitoring), on the
# server's threads. Every 1,000 events is enough for that page.
os.environ.setdefault("GRADIO_ANALYTICS_CACHE_FREQUENCY", "1000")

import gradio as gr  # noqa: E402

from playground import owners  # noqa: E402
from playground.hub import hub_status  # noqa: E402

threading.Thread(target=hub_status, daemon=True).start()  # decide Hub or offline while the page loads
if starting:
    starting.stage("Building the tabs", "构建各个标签页")

from ui.serving import adaptations, concurrency, view_cache  # noqa: E402

adaptations.apply()  # gradio's internals adapted for a classroom (before the tabs: their Blocks build no web app)

from ui import bertviz_offline, header, i18n, style  # noqa: E402
from ui.i18n import t  # noqa: E402
from ui.lecture import presenter, room, scenes  # noqa: E402
from ui.sharing import export, links  # noqa: E402
from ui.tabs import TABS  # noqa: E402

with gr.Blocks(title=t("app.title")) as demo:
    with gr.Row(equal_height=True, elem_id="app-header"):
        gr.Markdown(t("app.header"))
        with gr.Accordion(t("header.more"), open=True, elem_id="header-more", elem_classes="phone-fold"):
            presenter.build_toggle()  # open, so gradio renders it; a phone folds it at load (ui/style.py FOLD_JS)
            presenter.build_settings_toggle()  # a phone's advanced controls
    with gr.Accordion(t("header.more_models"), open=True, elem_id="status-fold", elem_classes="phone-fold"):
        summary_md = gr.Markdown(t("header.checking"), elem_id="status-summary")
        with gr.Accordion(t("header.details"), open=False, elem_classes="advanced"):
            details_md = gr.Markdown()
    room_bar = room.student_bar()  # shown on a page opened with ?room=CODE
    scene_bar = scenes.build_bar()
    share_panel = links.panel()
    room_panel = room.lecturer_panel()
    with gr.Tabs(elem_id="app-tabs") as tabs:  # every gr.Tabs wraps its tabs on a phone: style.wrap_tabs()
        for tab in TABS:
            with gr.Tab(t(tab.label), id=tab.id) as outer:
                tab.demo.render()
            if tab.first_draw:
                outer.select(**tab.first_draw.event())
    header_timer = gr.Timer(2)  # refreshes the header while the default views are prepared, then stops
    header_outputs = [summary_md, details_md, header_timer]
    scenes.wire(scene_bar, tabs)
    presenter.mark_advanced()
    i18n.relabel_tabs(demo)
    style.wrap_tabs(demo)
    links.wire(demo, share_panel, tabs)
    room.wire(demo, room_panel, room_bar, share_panel)
    export.wire(demo)
    demo.load(header.refresh, None, header_outputs, api_visibility="private")
    header_timer.tick(header.refresh, None, header_outputs, api_visibility="private")

concurrency.configure(demo)
demo.queue(max_size=256)
MAX_FILE_SIZE = 6 * 2**20  # gradio's upload route refuses bigger files (fine-tune data is at most 5 MB)
LAUNCH = dict(  # every launch passes these (tests, screenshots)
    i18n=i18n.translations(),
    theme=style.THEME,
    css=style.CSS + presenter.CSS + i18n.CSS,
    js=style.page_js(i18n.SYNC_JS),
    head=style.HEAD + bertviz_offline.parent_head(),  # the bertviz views' scripts, sent once per page
    max_file_size=MAX_FILE_SIZE,
)

if __name__ == "__main__":
    logging.basicConfig(format="%(asctime)s %(name)s: %(message)s")
    logging.getLogger("playground").setLevel(logging.INFO)  # model loads, warm-up, failed handlers
    if starting:
        starting.stage("Starting the web server", "启动网页服务")
        starting.close()
    demo.launch(server_name=HOST, server_port=PORT, ssr_mode=False, prevent_thread_lock=True, **LAUNCH)
    if owners.host_token_drawn():  # docs/classroom.md: the host token stops, deletes or downloads any run
        print(f"Host token for this start (set PLAYGROUND_HOST_TOKEN to choose one): {owners.host_token()}", flush=True)
    view_cache.warm_up_in_background(demo, extra=[tab.first_draw for tab in TABS if tab.first_draw])
    demo.block_thread()
