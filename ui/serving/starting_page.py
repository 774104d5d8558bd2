"""The page a visitor sees while the app starts: served within a second of `python app.py`.

Importing gradio alone takes about 6 s on 2 cores, torch and the tabs another 4 s; a lecture's
projector showing "connection refused" for 10 s looks broken. So before any heavy import, app.py
opens this tiny standard-library server on the app's port. It answers every request with a page
that says what is being done and for how long, and polls until the real app answers in its place
(then reloads itself). `close()` frees the port just before gradio binds it.

Standard library only: it must not import gradio, torch or anything slow.
"""

from __future__ import annotations

import html
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

MARKER = "X-Playground-Starting"

PAGE = """<!doctype html>
<html lang="{lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<title>{title}</title>
<style>body{{font-family:system-ui,"Noto Sans CJK SC",sans-serif;max-width:40em;margin:12vh auto;padding:0 1em;
color:#1f2937}}h1{{font-size:1.6em}}li{{margin:.3em 0}}.now{{font-weight:600}}.done{{color:#6b7280}}</style>
</head><body><h1>{title}</h1><p>{intro}</p><ol>{stages}</ol><p class="done">{elapsed}</p>
<script>
setInterval(async () => {{
  try {{
    const r = await fetch(location.href, {{cache: "no-store"}});
    if (r.ok && !r.headers.get("{marker}")) location.reload();
  }} catch (e) {{}}  // the moment the port changes hands: try again
}}, 1000);
</script></body></html>"""

TEXT = {
    "en": {
        "title": "LLM Playground is starting…",
        "intro": "The app is loading its libraries; this page reloads itself as soon as it is ready "
        "(usually within 10-20 seconds).",
        "elapsed": "{seconds:.0f} s since start",
    },
    "zh": {
        "title": "LLM Playground 正在启动…",
        "intro": "应用正在加载所需的库；准备就绪后本页会自动刷新（通常需要 10-20 秒）。",
        "elapsed": "已启动 {seconds:.0f} 秒",
    },
}


class StartingPage:
    """A status page on (host, port) until `close()`; `stage(en, zh)` sets what is being done now."""

    def __init__(self, host: str, port: int):
        self.started = time.monotonic()
        self.stages: list[tuple[str, str]] = []
        page = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802 (http.server's naming)
                lang = "zh" if "zh" in self.headers.get("Accept-Language", "")[:5].lower() else "en"
                body = page.render(lang).encode()
                self.send_response(200)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(body)))
                self.send_header("Cache-Control", "no-store")
                self.send_header(MARKER, "1")
                self.end_headers()
                if self.command != "HEAD":
                    self.wfile.write(body)

            do_HEAD = do_GET

            def log_message(self, *args):  # quiet: the app's own log says what happens
                pass

        self.server = ThreadingHTTPServer((host, port), Handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, name="starting-page", daemon=True)
        self.thread.start()

    def stage(self, en: str, zh: str) -> None:
        self.stages.append((en, zh))

    def render(self, lang: str) -> str:
        text = TEXT[lang]
        index = 0 if lang == "en" else 1
        items = [
            f'<li class="{"now" if i == len(self.stages) - 1 else "done"}">{html.escape(s[index])}</li>'
            for i, s in enumerate(self.stages)
        ]
        return PAGE.format(
            lang=lang,
            title=text["title"],
            intro=text["intro"],
            stages="".join(items),
            elapsed=text["elapsed"].format(seconds=time.monotonic() - self.started),
            marker=MARKER,
        )

    def close(self) -> None:
        """Stop answering and free the port (gradio binds it next)."""
        self.server.shutdown()
        self.server.server_close()
