"""A real Chromium starts a short fine-tune in the Fine-tune tab, sees its curve grow and the pinned pairs' columns
on a desktop and a phone while it runs, then stops it."""

import pytest

from tests.browser import open_app_page
from tests.visibility import measure, problems

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
    assert_pinned_columns_seen(page)
    page.get_by_role("button", name="Stop").click()
    page.locator("#ft-status").get_by_text("Stopped by request").wait_for(timeout=120_000)
    page.wait_for_function("document.querySelector('#ft-runs').innerText.includes('stopped')", timeout=60_000)
    assert page.get_by_text("Traceback").count() == 0


def assert_pinned_columns_seen(page):
    """During the run: `p(same)` and `predicted` are seen on a desktop and on a phone (tests/visibility.py)."""
    page.wait_for_function("document.querySelectorAll('#ft-pinned tbody tr').length >= 3", timeout=120_000)
    found = []
    for width, height in ((1400, 900), (390, 844)):
        page.set_viewport_size({"width": width, "height": height})
        page.wait_for_timeout(300)
        for column in ("p(same)", "predicted"):
            cell = page.locator("#ft-pinned th", has_text=column).first
            m = measure(cell)
            print(f"{column} at {width}: left {m['left']:.0f} right {m['right']:.0f}")
            found += [f"{column!r} at {width}x{height}: {p}" for p in problems(m)]
    page.set_viewport_size({"width": 1400, "height": 2200})
    assert not found, "\n".join(found)
