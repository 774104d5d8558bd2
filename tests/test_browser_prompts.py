"""A real Chromium opens the Prompts tab, streams a generation (the source text's example, one click) and sees
the next-token probability chart; HTML in a template is shown as text, never run."""

import pytest

from tests.browser import open_app_page

pytestmark = [pytest.mark.slow, pytest.mark.browser]


@pytest.fixture(scope="module")
def page(app_url):
    with open_app_page(app_url, tab="Prompts", height=2200) as page:
        yield page


def test_one_click_streams_paris_and_draws_the_probability_chart(page):
    page.locator("#prompts-paris-button").click()
    page.wait_for_function(
        "document.querySelector('#prompts-output') && "
        "document.querySelector('#prompts-output').innerText.includes('The capital of France is Paris')",
        timeout=120_000,
    )
    page.wait_for_function(
        "document.querySelectorAll('#prompts-distribution .js-plotly-plot .main-svg .trace').length >= 1",
        timeout=120_000,
    )
    assert page.locator("#prompts-distribution .xtick").first.text_content().startswith("1. ' Paris'")
    assert page.locator("#prompts-output span[title^='step 0: p=0.77']").count() == 1


def test_html_in_a_template_is_text_and_a_bad_template_is_a_message(page):
    box = page.locator("#prompts-template textarea")
    box.fill("<img src=x onerror=alert(1)> {oops")
    page.locator("#prompts-generate-button").click()
    page.get_by_text("is never closed").first.wait_for(timeout=60_000)
    box.fill("<b>bold?</b> Hello")
    page.locator("#prompts-generate-button").click()
    page.wait_for_function(
        "document.querySelector('#prompts-output').innerText.includes('<b>bold?</b> Hello')", timeout=120_000
    )
    assert page.locator("#prompts-output b").count() == 0
    assert page.dialogs == [] and page.get_by_text("Traceback").count() == 0


def test_stop_cancels_a_running_generation(page):
    page.locator("#prompts-template textarea").fill("Once upon a time")
    max_new = page.locator("#prompts-max-new input[type=number]")
    max_new.fill("200")
    max_new.press("Enter")
    page.locator("#prompts-generate-button").click()
    page.wait_for_function(  # this generation's (the earlier test's output has a step 2 too)
        "document.querySelector('#prompts-output').innerText.includes('Once upon a time') && "
        "document.querySelectorAll('#prompts-output span[title^=\"step 2:\"]').length == 1",
        timeout=120_000,
    )
    page.locator("#prompts-stop-button").dispatch_event("click")  # the earlier test's error toast may cover it
    steps, count, still = page.locator("#prompts-output span[title^='step']"), -1, 0
    for _ in range(60):  # the cancel reaches the server (later on a busy machine), then no step arrives any more
        page.wait_for_timeout(1000)
        now = steps.count()
        count, still = now, (still + 1 if now == count else 0)
        if still == 3:
            break
    assert still == 3 and count < 200, (still, count)
