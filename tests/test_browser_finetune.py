"""A real Chromium starts a short fine-tune in the Fine-tune tab, sees its curve grow, then stops it."""

import pytest

from tests.browser import open_app_page

pytestmark = [pytest.mark.slow, pytest.mark.browser]
POINTS = """() => {
  const plot = document.querySelector('#ft-curves .js-plotly-plot');
  return plot && plot.data ? plot.data.reduce((n, trace) => n + (trace.x ? trace.x.length : 0), 0) : 0;
}"""


@pytest.fixture(scope="module")
def page(app_url):
    with open_app_page(app_url, height=2200) as page:
        yield page


def set_number(page, label: str, value: str) -> None:
    box = page.get_by_label(label, exact=True)
    box.fill(value)
    box.press("Tab")


def test_start_watch_the_curve_grow_then_stop(page):
    page.get_by_role("tab", name="Fine-tune").click()
    set_number(page, "training pairs (0: all)", "32")
    set_number(page, "max steps (0: use epochs)", "400")
    set_number(page, "evaluate every N steps", "3")
    page.get_by_role("button", name="Start training").click()
    page.wait_for_function(f"({POINTS})() >= 2", timeout=300_000)
    first = page.evaluate(POINTS)
    page.wait_for_function(f"({POINTS})() > {first}", timeout=300_000)  # the curve grows live
    page.get_by_text("running").first.wait_for(timeout=10_000)
    page.get_by_role("button", name="Stop").click()
    page.locator("#ft-status").get_by_text("Stopped by request").wait_for(timeout=120_000)
    page.wait_for_function("document.querySelector('#ft-runs').innerText.includes('stopped')", timeout=60_000)
    assert page.get_by_text("Traceback").count() == 0
