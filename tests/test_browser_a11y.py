"""axe-core (the engine behind Lighthouse's accessibility score) finds no serious or critical violation on any tab or
sub-tab of ui.tabs.TABS, in English and Chinese, in the default and the presenter modes, with every view drawn.
axe-core is the pinned PyPI package axe-playwright-python's bundled copy (tests/axe.py), never downloaded.

One page per language, the one walk's (tests/walk.py: every tab and sub-tab opened, each view drawn by its main
action), then every panel is shown at once (`SHOW_ALL`) and audited in one axe run per mode: axe's cost grows with
the page, not with what is shown, so one run of the whole app costs about what one run of a single tab does.
docs/accessibility.md has the counts per rule.
"""

import pytest

from tests.axe import SERIOUS, audit
from tests.walk import DESKTOP, LANGUAGES, settle

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
def walked_page(request, walked):
    """The language's walked page (tests/walk.py: every view drawn by its action), every panel shown."""
    page = walked(request.param).page
    page.set_viewport_size(DESKTOP)
    page.add_style_tag(content=SHOW_ALL)
    settle(page)
    yield page
    page.evaluate(
        f"() => document.querySelectorAll('style').forEach(s => s.textContent === {SHOW_ALL!r} && s.remove())"
    )


@pytest.mark.parametrize("presenter", [False, True], ids=["default", "presenter"])
def test_no_serious_violation_on_any_view(walked_page, presenter):
    walked_page.evaluate(  # by script: a locator waited 30 s for the folded toggle once every panel was shown
        "(on) => { const box = document.querySelector('#presenter-toggle input');"
        " if (box.checked !== on) box.click(); }",
        presenter,
    )
    walked_page.wait_for_timeout(300)
    found = findings(audit(walked_page))
    assert not found, f"{len(found)} serious or critical axe-core violations:\n" + "\n".join(found[:40])


def test_every_code_view_is_a_keyboard_stop(walked_page):
    """A read-only code view (CodeMirror's scroller, tabindex -1, nothing focusable inside) gets a tab stop and a
    label whether or not it scrolls now: presenter mode's larger font made one scroll after the audit's wait, once."""
    walked_page.wait_for_timeout(600)  # the page's script runs at most every 250 ms
    missing = walked_page.evaluate("""() => [...document.querySelectorAll('.cm-scroller')]
      .filter(el => el.offsetParent && !el.querySelector('a[href], button, input, select, textarea, [tabindex]'))
      .filter(el => el.getAttribute('tabindex') !== '0' || !el.getAttribute('aria-label'))
      .map(el => (el.closest('[id]') || {}).id || '?')""")
    shown = walked_page.evaluate(
        "() => [...document.querySelectorAll('.cm-scroller')].filter(el => el.offsetParent).length"
    )
    assert shown, "no code view is shown: the check would pass with nothing to check"
    assert not missing, f"code views a keyboard cannot reach: {missing}"


def test_the_audit_finds_what_it_is_for(walked_page):
    """The audit can fail: a grey hint on white, an aria-label on an empty role-less div (axe excuses one that holds
    text), a box of text a keyboard cannot scroll (axe passes one whose hidden part holds no text; styled by a
    class: the page's script mends a scrolling box that says `overflow` in its style attribute)."""
    walked_page.evaluate("""() => {
      const box = document.createElement('div'); box.id = 'a11y-bad';
      box.innerHTML = '<style>.a11y-bad-scroll { overflow: auto; height: 40px; }</style>'
        + '<p style="color:#ccc;background:#fff">faint hint</p><div aria-label="x"></div>'
        + '<div class="a11y-bad-scroll"><p>one</p><p>two</p><p>three</p><p>four</p></div>';
      document.querySelector('#app-tabs').prepend(box);
    }""")
    try:
        rules = {v["id"] for v in audit(walked_page, "#a11y-bad") if v["impact"] in SERIOUS}
    finally:
        walked_page.evaluate("() => document.getElementById('a11y-bad').remove()")
    assert {"color-contrast", "aria-prohibited-attr", "scrollable-region-focusable"} <= rules
