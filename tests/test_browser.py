"""A real Chromium opens the app, draws the Positional-encoding views, and talks only to 127.0.0.1."""

from urllib.parse import urlparse

import pytest

from tests.browser import open_app_page

pytestmark = [pytest.mark.slow, pytest.mark.browser]


@pytest.fixture(scope="module")
def page(app_url):
    with open_app_page(app_url) as page:
        yield page


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
