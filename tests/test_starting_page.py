"""ui.serving.starting_page and app.py: a page within a second of start, then the real app on the same port."""

import os
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from tests.conftest import free_port
from ui.serving.starting_page import MARKER, StartingPage

ROOT = Path(__file__).resolve().parents[1]


def get(url: str, lang: str = "en"):
    request = urllib.request.Request(url, headers={"Accept-Language": lang})
    with urllib.request.urlopen(request, timeout=5) as response:
        return response.headers, response.read().decode()


def test_it_says_what_is_happening_in_the_visitors_language_and_frees_the_port():
    port = free_port()
    page = StartingPage("127.0.0.1", port)
    page.stage("Importing gradio and torch", "导入 gradio 和 torch")
    page.stage("Building the <tabs>", "构建各个标签页")
    headers, body = get(f"http://127.0.0.1:{port}/any/path")
    assert headers[MARKER] == "1" and "is starting" in body and "Building the &lt;tabs&gt;" in body
    assert 'class="now">Building' in body and 'class="done">Importing' in body
    _, body = get(f"http://127.0.0.1:{port}/", lang="zh-CN,zh;q=0.9")
    assert "正在启动" in body and "构建各个标签页" in body
    page.close()
    import socket

    with socket.socket() as sock:  # the port is free for gradio at once
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(("127.0.0.1", port))


@pytest.mark.slow
def test_python_app_py_answers_at_once_then_serves_the_app_on_the_same_port():
    port = free_port()
    env = {**os.environ, "GRADIO_SERVER_PORT": str(port), "PLAYGROUND_VIEW_CACHE": "0"}
    child = subprocess.Popen(
        [sys.executable, "app.py"], cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    seen = []
    try:
        deadline = time.monotonic() + 240
        while time.monotonic() < deadline:
            try:
                headers, body = get(f"http://127.0.0.1:{port}/")
                seen.append(headers.get(MARKER) == "1")
                if not seen[-1]:
                    break
            except OSError:
                seen.append(None)  # nothing answered (before the starting page, or at the hand-over)
            time.sleep(0.2)
        assert seen and seen[-1] is False, "the app never replaced the starting page"
        assert True in seen, "no starting page was served while the app loaded"
        assert "gradio" in body.lower()
    finally:
        child.terminate()
        child.wait(30)
