"""A real Chromium types script payloads into every text box of every tab (and uploads a file whose name and
contents are payloads), presses every button that computes a view, and checks that nothing ran: no dialog
opened, and the flag each payload would set is unset in the page and in every frame (bertviz's iframes too)."""

import pytest

from tests.browser import open_app_page
from ui.i18n.en import EN
from ui.tabs import TABS as APP_TABS

pytestmark = [pytest.mark.slow, pytest.mark.browser]

PAYLOADS = [
    "<script>window.__pwned='script';alert('script')</script>",
    "<img src=x onerror=\"window.__pwned='img';alert('img')\">",
    "javascript:window.__pwned='js-url';alert('js-url')",
    "<svg onload=\"window.__pwned='svg';alert('svg')\"></svg>",
    "[link](javascript:alert('md-link')) <a href=\"javascript:alert('a')\">a</a>",
    "\"'><iframe srcdoc=\"<script>parent.__pwned='iframe';alert('iframe')</script>\"></iframe>",
    "</script><script>window.__pwned='break-out';alert('break-out')</script>",
    "{x}<img src=x onerror=alert('template')> 你好 😀",
]
TABS = [EN[tab.label] for tab in APP_TABS]  # every tab of the app, by its English name
SKIP_BUTTONS = {"Start training", "Stop", "Delete this run", "Download the model (.zip)", "Refresh the list"}
SKIP_BUTTONS |= {'Example: "The capital of France is"'}
# the payloads are what is tested, not how long a view computes: the fewest new tokens and scored examples
SHORTER = {EN["prompts.max_new"]: "2", EN["inside.kv.tokens"]: "2", EN["prompts.score.n"]: "4"}


def pwned(page) -> list:
    """The flag in the page and in every frame (a sandboxed iframe is a window of its own)."""
    flags = []
    for frame in page.frames:
        try:
            flags.append(frame.evaluate("() => window.__pwned || null"))
        except Exception:  # a frame that navigated away meanwhile
            continue
    return [f for f in flags if f]


def wait_until_idle(page, timeout_ms: int = 120_000) -> None:
    """Until no view is pending or generating (gradio's status trackers)."""
    page.wait_for_timeout(500)
    page.wait_for_function(
        "!document.querySelector('.pending, .generating, .eta-bar, .progress-text')", timeout=timeout_ms
    )


def visible_sub_tabs(page, outer: str) -> list[str]:
    names = page.locator("[role=tab]:visible").all_inner_texts()
    return [n.strip() for n in names if n.strip() and n.strip() not in TABS and n.strip() != outer]


def shorten(page) -> None:
    """The shown generation lengths and example counts set to SHORTER."""
    for label, value in SHORTER.items():
        boxes = page.get_by_label(f"number input for {label}", exact=True).locator("visible=true")
        for i in range(boxes.count()):
            boxes.nth(i).fill(value)
            boxes.nth(i).press("Tab")


def fill_every_text_box(page) -> int:
    boxes = page.locator("textarea:visible, input[type=text]:visible:not([role=listbox]):not([aria-expanded])")
    filled = 0
    for i in range(boxes.count()):
        box = boxes.nth(i)
        if box.is_editable():
            box.fill(PAYLOADS[(filled + i) % len(PAYLOADS)])
            filled += 1
    return filled


def press_every_button(page) -> int:
    """The tab's own buttons (the walk's Previous/Next above the tabs would leave the tab)."""
    buttons = page.locator("#app-tabs").locator("button.lg:visible, button.primary:visible, button.secondary:visible")
    names = [n.strip() for n in buttons.all_inner_texts()]
    pressed = 0
    for name in dict.fromkeys(names):
        if not name or name in SKIP_BUTTONS or name in TABS:
            continue
        button = page.locator("#app-tabs").get_by_role("button", name=name, exact=True).first
        if button.is_visible() and button.is_enabled():
            button.click()
            wait_until_idle(page)
            pressed += 1
    return pressed


def attack_tab(page, tab: str) -> tuple[int, int]:
    page.get_by_role("tab", name=tab, exact=True).click()
    wait_until_idle(page)
    filled = pressed = 0
    for sub in [None, *visible_sub_tabs(page, tab)]:
        if sub is not None:
            page.get_by_role("tab", name=sub, exact=True).first.click()
            wait_until_idle(page)
        shorten(page)
        filled += fill_every_text_box(page)
        pressed += press_every_button(page)
    if not page.locator("#share-button").is_visible():  # the link, QR code and code of it all
        page.locator("#share-panel button.label-wrap").first.click()
    page.locator("#share-button").click()
    wait_until_idle(page)
    return filled, pressed + 1


@pytest.fixture(scope="module")
def page(app_url):
    with open_app_page(app_url, height=2400) as page:
        page.wait_for_selector("#status-summary", timeout=60_000)
        wait_until_idle(page)
        yield page


@pytest.mark.parametrize("tab", TABS)
def test_payloads_in_every_text_box_never_run(page, tab):
    filled, pressed = attack_tab(page, tab)
    assert filled >= 1 and pressed >= 1  # the tab really got the payloads and computed with them
    assert page.dialogs == [], page.dialogs
    assert pwned(page) == []
    assert page.get_by_text("Traceback").count() == 0


def test_an_uploaded_file_named_and_filled_with_payloads_never_runs(page, tmp_path):
    page.get_by_role("tab", name="Fine-tune", exact=True).click()
    page.locator("button.label-wrap", has_text="your pairs").first.click()  # open the upload accordion
    name = "<img src=x onerror=\"window.__pwned='upload';alert('upload')\">.csv"
    path = tmp_path / "pairs.csv"
    header = ",".join(p.replace(",", " ").replace("\n", " ") for p in PAYLOADS[:3])
    rows = "".join(f"{PAYLOADS[3]},{PAYLOADS[1]},1\n" for _ in range(25))
    path.write_text(f"{header}\n{rows}", encoding="utf-8")
    page.locator("#ft-upload input[type=file]").set_input_files(
        files=[{"name": name, "mimeType": "text/csv", "buffer": path.read_bytes()}]
    )
    wait_until_idle(page)
    for label, payload in zip(
        ("column: sentence 1", "column: sentence 2", "column: label"), PAYLOADS[4:], strict=False
    ):
        page.get_by_label(label, exact=False).first.fill(payload)
    page.get_by_role("button", name="Check the file", exact=True).click()
    page.get_by_text("not found").first.wait_for(timeout=120_000)  # the message that quotes the file's columns
    assert page.dialogs == [] and pwned(page) == []
    assert page.get_by_text("Traceback").count() == 0


def test_an_error_that_quotes_what_was_typed_shows_it_as_text(page):
    """gradio renders an error message as HTML: the handler escapes it, so typed tags stay text."""
    page.get_by_role("tab", name="Prompts", exact=True).click()
    page.get_by_role("tab", name="Template and generation", exact=True).click()
    page.locator("#prompts-template textarea").fill("{<b>bold</b><img src=x>} {x}")
    page.locator("#prompts-generate-button").click()
    toast = page.locator("[data-testid=toast-text]", has_text="is not a variable name").first
    toast.wait_for(timeout=60_000)
    assert "{<b>bold</b><img src=x>}" in toast.inner_text()
    assert toast.locator("b, img").count() == 0


def test_the_detector_sees_a_script_that_does_run(page):
    """The control: the same payload inserted as HTML by the page itself runs, and both signs catch it."""
    page.evaluate("html => document.body.insertAdjacentHTML('beforeend', html)", PAYLOADS[1])
    page.wait_for_function("window.__pwned === 'img'", timeout=10_000)
    assert page.dialogs == ["img"] and pwned(page) == ["img"]
