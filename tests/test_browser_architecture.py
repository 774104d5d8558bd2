"""A real Chromium draws the Architecture tab offline: the parameter chart, the block heatmaps with Chinese
tokens, the seed's block check and the size calculator."""

from urllib.parse import urlparse

import pytest

from tests.browser import open_app_page

pytestmark = [pytest.mark.slow, pytest.mark.browser]


@pytest.fixture(scope="module")
def page(app_url):
    with open_app_page(app_url, tab="Architecture") as page:
        yield page


def test_parameter_chart_draws(page):
    page.locator("#architecture-tree-note").get_by_text("exactly equal").wait_for(timeout=90_000)
    page.wait_for_function(
        "document.querySelectorAll('#architecture-tree-plot .bars .point').length === 5", timeout=60_000
    )


def test_block_view_draws_seven_heatmaps_with_chinese_tokens(page):
    page.get_by_role("tab", name="One block, step by step").click()
    page.locator("#architecture-steps-note").get_by_text("FFN for token").wait_for(timeout=90_000)
    page.wait_for_function(
        "document.querySelectorAll('#architecture-steps-plot .heatmaplayer image, #architecture-steps-plot .hm image')"
        ".length >= 7",
        timeout=90_000,
    )
    labels = page.evaluate(
        "Array.from(document.querySelectorAll('#architecture-steps-plot .ytick text')).map(t => t.textContent)"
    )
    assert "我" in labels and "[CLS]" in labels


def test_seed_block_check_and_calculator(page):
    page.get_by_role("tab", name="The seed's block on real weights").click()
    page.get_by_role("button", name="Run the seed's block").click()
    page.locator("#architecture-seed-note").get_by_text("as written in the text").wait_for(timeout=90_000)
    page.get_by_role("tab", name="What size costs").click()
    page.locator("#architecture-size-note").get_by_text("training total").wait_for(timeout=60_000)
    page.wait_for_function(
        "Array.from(document.querySelectorAll('#architecture-size-plot text')).some(t => t.textContent === 'GPT-3')",
        timeout=60_000,
    )
    page.get_by_label("heads").fill("7")
    page.get_by_role("button", name="Estimate").click()
    page.get_by_text("divisible by the number of heads").first.wait_for(timeout=30_000)


def test_no_request_left_the_machine(page):
    hosts = {urlparse(url).hostname for url in page.requests if not url.startswith(("data:", "blob:", "about:"))}
    assert hosts == {"127.0.0.1"}
