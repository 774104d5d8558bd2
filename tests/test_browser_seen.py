"""Seen, not just present: every view's key outputs (`TAB.key_outputs`: each tab's main view, then one per sub-tab)
lie inside the viewport, unclipped, uncovered and readable, on a desktop (1400 x 900) and a phone (390 x 844), in
English and in Chinese, after the view's main action with realistic content (tests/walk.py ACTIONS: a long sentence
in the page's language, new tokens where a view generates); on the phone no chart's title runs past its edges; and
the page's console shows no error along the way.

The views are walked once per language (tests/walk.py `walk_views`, the session's `walked` fixture): each check here
reads its own findings of that walk, and the accessibility audit (tests/test_browser_a11y.py) runs on the same
walked page. The Fine-tune tab's key output, the pinned validation pairs, only fills during a run:
tests/test_browser_finetune.py checks it while its run goes, in both languages.
"""

import pytest

from tests.browser import open_app_page
from tests.visibility import assert_seen
from tests.walk import (
    ACTIONS,
    DESKTOP,
    DRAWN_JS,
    DURING_A_RUN,
    LANGUAGES,
    PHONE,
    key_outputs,
    record_console,
    resize,
    settle,
    subtab_of,
)
from ui.i18n.en import EN
from ui.tabs import TABS

pytestmark = [pytest.mark.slow, pytest.mark.browser]


def test_every_key_output_has_its_action():
    outputs = [c.elem_id for _, c in key_outputs()]
    assert sorted(outputs) == sorted(ACTIONS), "a key output without its action (or an action without its output)"
    assert all(subtab_of(c) is not None for tab in TABS for c in tab.key_outputs[1:] if tab.id not in DURING_A_RUN)


def test_the_check_fails_when_an_output_is_pushed_off_screen(app_url):
    with open_app_page(app_url, tab="Attention", height=DESKTOP["height"]) as page:
        chart = "#attention-head-plot .js-plotly-plot"
        page.wait_for_function(DRAWN_JS, arg=["attention-head-plot", True], timeout=180_000)
        settle(page)  # every view of the tab drawn: a later draw must not move the chart while it is measured
        assert_seen(page, chart, chart=True)
        page.add_style_tag(content="#attention-head-plot { min-width: 3000px !important; }")
        with pytest.raises(AssertionError, match=r"right edge \d+ px > viewport width 1400 px"):
            assert_seen(page, chart, chart=True)
        page.add_style_tag(
            content="#attention-head-plot { min-width: 0 !important; } #attention-note "
            "{ position: fixed !important; inset: 0 !important; z-index: 99 !important; }"
        )
        with pytest.raises(AssertionError, match="covered at its centre"):
            assert_seen(page, chart, chart=True)
        page.add_style_tag(
            content="#attention-note { display: none !important; } #attention-head-plot "
            "{ max-height: 60px !important; overflow: hidden !important; }"
        )
        with pytest.raises(AssertionError, match="clipped by #attention-head-plot"):
            assert_seen(page, chart, chart=True)


def test_the_check_fails_on_a_phone_when_an_output_is_pushed_off_screen(app_url):
    with open_app_page(app_url, tab=EN["tokens.tab"], height=PHONE["height"]) as page:
        page.wait_for_function(DRAWN_JS, arg=["tokens-chips", False], timeout=180_000)
        assert resize(page, PHONE) is None
        assert_seen(page, "#tokens-chips")
        page.add_style_tag(content="#tokens-chips { min-width: 1200px !important; }")
        with pytest.raises(AssertionError, match=r"right edge \d+ px > viewport width 390 px"):
            assert_seen(page, "#tokens-chips")


@pytest.mark.parametrize("language", list(LANGUAGES))
def test_key_outputs_are_seen_on_a_desktop_and_a_phone(walked, language):
    walk = walked(language)
    print(f"{language}: seconds to draw each view {walk.seconds}")
    found = walk.found["error"] + walk.found["seen"]
    assert not found, "\n".join(found)


@pytest.mark.parametrize("language", list(LANGUAGES))
def test_no_chart_title_runs_past_its_chart_on_a_phone(walked, language):
    """Every view's charts, drawn by its action (tests/test_browser_phone.py checks each tab's first view as a phone
    loads it, and that this check can fail)."""
    found = walked(language).found["titles"]
    assert not found, "\n".join(found)


@pytest.mark.parametrize("language", list(LANGUAGES))
def test_no_error_in_the_console_during_the_walk(walked, language):
    found = walked(language).found["console"]
    assert not found, "\n".join(found)


def test_the_console_check_sees_an_error(app_url):
    """The control: an error logged by a script and one thrown and never caught are both recorded."""
    found = []
    with open_app_page(app_url, height=DESKTOP["height"]) as page:
        record_console(page, found)
        page.wait_for_selector("#scene-next")
        page.evaluate(
            "() => { console.error('walk-check logged'); setTimeout(() => { throw new Error('walk-check thrown'); }); }"
        )
        page.wait_for_function("() => new Promise(done => setTimeout(() => done(true), 100))")
    assert any("walk-check logged" in f for f in found) and any("walk-check thrown" in f for f in found), found
