"""axe-core (the engine behind Lighthouse's accessibility score) finds no serious or critical violation on any tab or
sub-tab of ui.tabs.TABS, in English and Chinese, in the default and the presenter modes, with the default views
drawn. axe-core is the pinned PyPI package axe-playwright-python's bundled copy (tests/axe.py), never downloaded.

One page per language: every tab and sub-tab is opened (its default view draws), then every panel is shown at once
(`SHOW_ALL`) and audited in one axe run per mode: axe's cost grows with the page, not with what is shown, so one
run of the whole app costs about what one run of a single tab does. docs/accessibility.md has the counts per rule.
"""

import pytest

from tests.axe import SERIOUS, audit
from tests.browser import open_app_page
from tests.walk import LANGUAGES, open_tab, settle, views

pytestmark = [pytest.mark.slow, pytest.mark.browser]

# Violations gradio itself makes and the app cannot fix: (rule, a piece of the node's selector) -> why. Nothing else
# is excluded.
GRADIO_OWN: dict[tuple[str, str], str] = {}
SHOW_ALL = ".tabitem { display: block !important; }"  # every tab's and sub-tab's panel, one below the other


def excused(rule: str, target: str) -> bool:
    return any(rule == own_rule and piece in target for own_rule, piece in GRADIO_OWN)


def findings(violations: list[dict]) -> list[str]:
    """Serious and critical violations not excused by GRADIO_OWN, one line per node."""
    return [
        f"{v['id']} ({v['impact']}) at {n['target']}: {n['summary'][-160:]}"
        for v in violations
        if v["impact"] in SERIOUS
        for n in v["nodes"]
        if not excused(v["id"], n["target"])
    ]


@pytest.fixture(scope="module", params=list(LANGUAGES))
def walked(request, app_url):
    """A page in the language with every view opened once (default views drawn), then every panel shown."""
    locale, words = LANGUAGES[request.param]
    with open_app_page(app_url, locale=locale, height=900) as page:
        page.wait_for_selector("#scene-next")
        for tab, sub in views():
            open_tab(page, tab, words, sub, tap=False)
        page.add_style_tag(content=SHOW_ALL)
        settle(page)
        yield page


@pytest.mark.parametrize("presenter", [False, True], ids=["default", "presenter"])
def test_no_serious_violation_on_any_view(walked, presenter):
    walked.evaluate(  # by script: a locator waited 30 s for the folded toggle once every panel was shown
        "(on) => { const box = document.querySelector('#presenter-toggle input');"
        " if (box.checked !== on) box.click(); }",
        presenter,
    )
    walked.wait_for_timeout(300)
    found = findings(audit(walked))
    assert not found, f"{len(found)} serious or critical axe-core violations:\n" + "\n".join(found[:40])


def test_every_code_view_is_a_keyboard_stop(walked):
    """A read-only code view (CodeMirror's scroller, tabindex -1, nothing focusable inside) gets a tab stop and a
    label whether or not it scrolls now: presenter mode's larger font made one scroll after the audit's wait, once."""
    walked.wait_for_timeout(600)  # the page's script runs at most every 250 ms
    missing = walked.evaluate("""() => [...document.querySelectorAll('.cm-scroller')]
      .filter(el => el.offsetParent && !el.querySelector('a[href], button, input, select, textarea, [tabindex]'))
      .filter(el => el.getAttribute('tabindex') !== '0' || !el.getAttribute('aria-label'))
      .map(el => (el.closest('[id]') || {}).id || '?')""")
    shown = walked.evaluate("() => [...document.querySelectorAll('.cm-scroller')].filter(el => el.offsetParent).length")
    assert shown, "no code view is shown: the check would pass with nothing to check"
    assert not missing, f"code views a keyboard cannot reach: {missing}"


def test_the_audit_finds_what_it_is_for(walked):
    """The audit can fail: a grey hint on white, an aria-label on an empty role-less div (axe excuses one that holds
    text), a box of text a keyboard cannot scroll (axe passes one whose hidden part holds no text; styled by a
    class: the page's script mends a scrolling box that says `overflow` in its style attribute)."""
    walked.evaluate("""() => {
      const box = document.createElement('div'); box.id = 'a11y-bad';
      box.innerHTML = '<style>.a11y-bad-scroll { overflow: auto; height: 40px; }</style>'
        + '<p style="color:#ccc;background:#fff">faint hint</p><div aria-label="x"></div>'
        + '<div class="a11y-bad-scroll"><p>one</p><p>two</p><p>three</p><p>four</p></div>';
      document.querySelector('#app-tabs').prepend(box);
    }""")
    try:
        rules = {v["id"] for v in audit(walked, "#a11y-bad") if v["impact"] in SERIOUS}
    finally:
        walked.evaluate("() => document.getElementById('a11y-bad').remove()")
    assert {"color-contrast", "aria-prohibited-attr", "scrollable-region-focusable"} <= rules
