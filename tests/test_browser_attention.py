"""A real Chromium draws the Attention tab offline: heatmaps and bertviz's head view, English and Chinese."""

from urllib.parse import urlparse

import pytest

from tests.browser import open_app_page
from ui.bertviz_offline import SCRIPTS, VENDOR

pytestmark = [pytest.mark.slow, pytest.mark.browser]
HOSTILE = "<img src=x onerror=alert(1)>"


@pytest.fixture(scope="module")
def page(app_url):
    with open_app_page(app_url, tab="Attention") as page:
        yield page


def heatmap_drawn(page) -> None:
    page.wait_for_function(
        "document.querySelectorAll('#attention-head-plot .heatmaplayer image, #attention-head-plot .hm image')"
        ".length >= 1",
        timeout=90_000,
    )


def head_view_frame(page):
    page.get_by_role("tab", name="bertviz head view").click()
    handle = page.locator("#attention-head-view iframe.bertviz-frame").element_handle(timeout=60_000)
    frame = handle.content_frame()
    # a locator, not wait_for_function: the frame's CSP forbids eval, which a polled string needs
    frame.locator("#vis svg text").nth(4).wait_for(state="attached", timeout=60_000)
    return frame


def frame_tokens(frame) -> list[str]:
    return frame.evaluate("Array.from(document.querySelectorAll('#vis svg text')).map(t => t.textContent)")


def show(page, text: str) -> None:
    page.get_by_role("tab", name="Heatmaps").click()
    page.get_by_label("text", exact=True).fill(text)
    page.get_by_role("button", name="Show attention").click()


def test_english_heatmap_and_head_view_draw_offline(page, client):
    page.get_by_text("tokens** in", exact=False)  # the first view is drawn when the page opens
    page.locator("#attention-note").get_by_text("all-MiniLM-L6-v2").wait_for(timeout=90_000)
    heatmap_drawn(page)
    frame = head_view_frame(page)
    assert {"animal", "street", "tired"} <= set(frame_tokens(frame))
    drawn = frame.evaluate("window.bertvizAttention[2][0]")  # layers 0-5 carried: layer 2, head 0
    api = client.predict(
        text="The animal didn't cross the street because it was too tired.",
        model="all-MiniLM-L6-v2",
        layer=2,
        head=0,
        api_name="/attention",
    )["attention"]
    page.get_by_role("tab", name="bertviz model view").click()
    model = page.locator("#attention-model-view iframe.bertviz-frame").element_handle(timeout=60_000).content_frame()
    model.wait_for_function("document.querySelectorAll('#vis svg line').length >= 6 * 12 * 16 * 16", timeout=60_000)
    pairs = [(a, b) for row_d, row_a in zip(drawn, api, strict=True) for a, b in zip(row_d, row_a, strict=True)]
    assert max(abs(a - b) for a, b in pairs) <= 6e-4  # 3 decimals drawn, 5 in the API


def test_chinese_and_a_hostile_token_draw_as_text(page):
    show(page, f"我爱北京天安门。{HOSTILE}")
    page.locator("#attention-note").get_by_text("tokens", exact=False).first.wait_for()
    page.wait_for_function(
        "Array.from(document.querySelectorAll('#attention-head-plot .ytick text')).some(t => t.textContent === '北')",
        timeout=90_000,
    )
    heatmap_drawn(page)
    labels = page.evaluate(
        "Array.from(document.querySelectorAll('#attention-head-plot .xtick text')).map(t => t.textContent)"
    )
    assert "<" in labels and "alert" in labels  # shown as text, not parsed
    frame = head_view_frame(page)
    tokens = frame_tokens(frame)
    assert "我" in tokens and "北" in tokens and "alert" in tokens


def test_a_whole_hostile_token_is_displayed_never_run(page):
    page.get_by_role("combobox", name="model").click()
    page.get_by_role("option", name="SmolLM2-135M-Instruct").click()
    page.locator("#attention-note").get_by_text("SmolLM2-135M-Instruct").wait_for(timeout=90_000)
    show(page, f"我爱北京。{HOSTILE}")
    page.locator("#attention-note").get_by_text("Grouped-query attention").wait_for(timeout=90_000)
    frame = head_view_frame(page)
    tokens = frame_tokens(frame)
    assert "我…" in tokens and "…我" in tokens  # a character split over two byte-level pieces
    assert frame.evaluate("document.querySelectorAll('img').length") == 0


def test_the_scripts_are_sent_once_per_page_and_a_view_sends_only_its_numbers(page):
    """After several views (the tests above drew head views four times), each vendored script was fetched once;
    the frames carry none of them (ui/bertviz_offline.py: the page hands them over)."""
    page.get_by_role("tab", name="bertviz model view").click()
    model = page.locator("#attention-model-view iframe.bertviz-frame").element_handle(timeout=60_000).content_frame()
    model.wait_for_function("document.querySelectorAll('#vis svg line').length > 0", timeout=60_000)
    fetched = [url for url in page.requests if "assets/vendor" in url]
    assert sorted(url.rsplit("/", 1)[-1] for url in fetched) == sorted(n.rsplit("/", 1)[-1] for n in SCRIPTS.values())
    frames = page.evaluate("Array.from(document.querySelectorAll('iframe.bertviz-frame')).map(f => f.srcdoc)")
    scripts = sum(len((VENDOR / name).read_bytes()) for name in SCRIPTS.values())
    assert len(frames) == 2 and all(len(doc.encode()) < scripts / 4 for doc in frames)  # 64 tokens: numbers
    assert not any(mark in doc for doc in frames for mark in ("d3js.org", "jQuery v", "function render"))


def test_no_request_left_the_machine_and_no_dialog_opened(page):
    hosts = {urlparse(url).hostname for url in page.requests if not url.startswith(("data:", "blob:", "about:"))}
    assert hosts == {"127.0.0.1"}
    assert page.dialogs == []
