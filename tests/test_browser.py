"""A real Chromium opens the app, draws the Positional-encoding views, and talks only to 127.0.0.1."""

import shutil
from urllib.parse import urlparse

import pytest

pytestmark = [pytest.mark.slow, pytest.mark.browser]
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="module")
def page(app_url):
    from playwright.sync_api import sync_playwright

    binary = shutil.which("chromium") or shutil.which("chromium-browser")
    if binary is None:
        pytest.fail("Debian's chromium is not installed: run `make test` (it installs it)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=binary, headless=True, args=CHROMIUM_FLAGS)
        page = browser.new_page(viewport={"width": 1400, "height": 1800})
        page.requests = []
        page.on("request", lambda request: page.requests.append(request.url))
        page.dialogs = []
        page.on("dialog", lambda dialog: (page.dialogs.append(dialog.message), dialog.dismiss()))
        page.goto(app_url)
        yield page
        browser.close()


def drawn_plots(page) -> int:
    """Plotly figures that really drew: an SVG with at least one trace inside."""
    return page.locator(".js-plotly-plot .main-svg .trace, .js-plotly-plot .main-svg .hm").count()


def test_positional_tab_draws_its_plots(page):
    page.get_by_role("tab", name="Positional encoding").click()
    page.get_by_role("tab", name="Sinusoidal").click()
    page.wait_for_function("document.querySelectorAll('.js-plotly-plot .main-svg').length >= 4", timeout=60_000)
    page.wait_for_function(
        "document.querySelectorAll('.js-plotly-plot .heatmaplayer image, .js-plotly-plot .hm image').length >= 2",
        timeout=60_000,
    )
    assert drawn_plots(page) >= 4
    page.get_by_text("This pair completes a full turn").wait_for(timeout=30_000)


def test_learned_positions_of_a_real_model_draw(page):
    page.get_by_role("tab", name="Learned (real models)").click()
    page.get_by_text("learned a table of 512 positions").wait_for(timeout=60_000)
    visible = page.locator(".js-plotly-plot:visible .main-svg")
    assert visible.count() >= 5


def test_a_bad_value_shows_a_message_not_a_traceback(page):
    page.get_by_role("tab", name="Sinusoidal").click()
    box = page.get_by_label("dimensions to plot as curves (comma-separated)")
    box.fill("0, banana")
    box.press("Enter")
    toast = page.get_by_text("Write the dimensions as whole numbers")
    toast.first.wait_for(timeout=30_000)
    assert page.get_by_text("Traceback").count() == 0


def test_no_request_left_the_machine_and_no_dialog_opened(page):
    hosts = {urlparse(url).hostname for url in page.requests if not url.startswith(("data:", "blob:"))}
    assert hosts == {"127.0.0.1"}
    assert page.dialogs == []
