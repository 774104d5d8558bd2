"""A real Chromium opens the Losses tab: the side-by-side summary draws (mask diagram, loss levels, LaTeX),
a sub-tab draws on selection, a bad batch gets a message, and nothing leaves 127.0.0.1."""

from urllib.parse import urlparse

import pytest

from tests.browser import open_app_page
from tests.visibility import assert_seen

pytestmark = [pytest.mark.slow, pytest.mark.browser]


@pytest.fixture(scope="module")
def page(app_url):
    with open_app_page(app_url, tab="Losses") as page:
        yield page


def test_summary_draws_the_mask_diagram_the_levels_and_the_formulas(page):
    page.locator("#loss-mask-diagram").wait_for(timeout=120_000)
    assert page.locator("#loss-mask-diagram tr").count() == 6
    assert page.locator("#loss-mask-diagram span", has_text="[MASK]").count() >= 1
    page.wait_for_function(
        "document.querySelectorAll('#loss-summary-plot .main-svg .bars .point').length >= 10", timeout=60_000
    )
    page.locator(".katex", has_text="LM").first.wait_for(timeout=30_000)  # the LaTeX rendered
    assert page.get_by_text("UNTRAINED head on MiniLM").count() >= 1


LONG = (
    "After three long weeks of rain the old fishermen finally rowed out past the harbour wall at dawn, hoping the "
    "storm had driven the mackerel close to the shore, while their children watched from the cliffs above the town."
)


def test_a_long_sentence_wraps_inside_the_mask_diagram(page):
    """The pair (fine-tuning) and the prompt (prompt learning) rows hold the whole sentence: it wraps inside their
    boxes and the diagram stays within the page (with white-space:pre its right edge was past 1,900 px)."""
    page.locator("#loss-mask-diagram").wait_for(timeout=120_000)
    page.get_by_label("text", exact=True).first.fill(LONG)
    page.get_by_role("button", name="Compute all five").click()
    page.wait_for_function(
        "(s) => (document.querySelector('#loss-mask-diagram') || {}).textContent?.includes(s)",
        arg="mackerel",
        timeout=120_000,
    )
    for row, name in ((5, "the fine-tuning pair"), (6, "the prompt")):  # after the header row and 3 objectives
        assert_seen(page, f"#loss-mask-diagram tr:nth-child({row}) td:nth-child(2)", name=f"{name}, a long sentence")


def test_contrastive_sub_tab_draws_and_a_batch_of_one_gets_a_message(page):
    page.get_by_role("tab", name="Contrastive (InfoNCE)").click()
    page.get_by_text("rank their own positive first").wait_for(timeout=120_000)
    panel = page.locator("#loss-contrastive-plots")
    panel.locator(".js-plotly-plot .hm image, .js-plotly-plot .heatmaplayer image").first.wait_for(timeout=30_000)
    assert panel.locator(".js-plotly-plot").count() == 4
    box = page.get_by_label("batch: one 'anchor | positive' pair per line")
    box.fill("only one | pair here")
    page.locator("#loss-cl-run").click()
    page.get_by_text("A batch of one pair has no negatives").first.wait_for(timeout=30_000)
    assert page.get_by_text("Traceback").count() == 0


def test_masked_lm_shows_the_untrained_label_and_real_two_sided_guesses(page):
    page.get_by_role("tab", name="Masked LM").click()
    page.get_by_text("Untrained head.").first.wait_for(timeout=120_000)
    page.get_by_text("Real guesses offline").click()
    page.locator("#loss-infill-run").click()
    page.locator("#loss-infill-md .katex").first.wait_for(timeout=120_000)
    assert "17 candidates" in page.locator("#loss-infill-md").inner_text()


def test_no_request_left_the_machine(page):
    hosts = {urlparse(url).hostname for url in page.requests if not url.startswith(("data:", "blob:"))}
    assert hosts == {"127.0.0.1"}
