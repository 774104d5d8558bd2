"""On a phone (390 x 844, touch), in English and Chinese, every tab of ui.tabs.TABS: the title holds on one line,
every tab is tapped in one tap (none hidden in a menu or off the screen), the tab's first view starts within the
first two screens, nothing scrolls sideways, no chart's title runs past the chart's edges (a title that would is
broken into lines), and every button, tab, slider and check box is at least 44 px tall. A
phone hides a tab's advanced controls until the header's "all settings" box is ticked.

The Fine-tune tab's key output fills during a run (tests/test_browser_finetune.py): its first view is not placed.
"""

import pytest

from tests.browser import open_app_page
from tests.phone import MIN_TARGET_PX, PHONE, first_view, phone_metrics
from tests.walk import LANGUAGES, key, open_tab, subtab_of
from ui.tabs import BY_ID, TABS

pytestmark = [pytest.mark.slow, pytest.mark.browser]
SCREENS = 2  # a tab's inputs, then its first view, within this many screens (before the phone layout, measured in
# English at 390 x 844: Attention 1,908 px, Inside 2,051, Losses 2,370, Prompts 2,764; the screen is 844 px tall)
DURING_A_RUN = {"finetune"}
assert DURING_A_RUN <= set(BY_ID), f"not tabs of ui.tabs.TABS: {DURING_A_RUN}"
DRAWN_JS = """(selector) => { const el = document.querySelector(selector);
  return !!el && (!el.classList.contains('js-plotly-plot') || !!el.querySelector('.main-svg .trace, .hm')); }"""


@pytest.fixture(scope="module", params=list(LANGUAGES))
def phone(request, app_url):
    locale, words = LANGUAGES[request.param]
    with open_app_page(app_url, locale=locale, height=PHONE["height"]) as page:
        page.set_viewport_size(PHONE)
        page.reload()  # loaded at a phone's width, as on a phone (open_app_page opens it at 1,400 px)
        page.wait_for_selector("#scene-next")
        yield page, words


def problems(m: dict, tab, placed: bool) -> list[str]:
    found = []
    if m["title_lines"] != 1:
        found.append(f"the title takes {m['title_lines']} lines")
    if m["tabs_shown"] != len(TABS):
        found.append(f"{m['tabs_shown']} of {len(TABS)} tabs can be tapped ({m['tabs']} in the tab bar)")
    if m["page_width"] > m["vw"]:
        found.append(f"the page is {m['page_width']} px wide on a {m['vw']} px screen (it scrolls sideways)")
    if placed and (m["first_view_y"] is None or m["first_view_y"] > SCREENS * m["vh"]):
        found.append(f"its first view starts at y = {m['first_view_y']} px, below {SCREENS} screens")
    found += [f"a control under {MIN_TARGET_PX} px: {small}" for small in m["small_targets"]]
    found += [f"a chart's title runs past its edges: {cut}" for cut in m["cut_titles"]]
    return [f"{tab.id}: {p}" for p in found]


def test_every_tab_fits_a_phone(phone):
    page, words = phone
    found = []
    for tab in TABS:
        open_tab(page, tab, words)  # a tap on the tab's own button: get_by_role fails if it is hidden
        selector, placed = first_view(tab), tab.id not in DURING_A_RUN
        if placed:
            sub = subtab_of(tab.key_outputs[0])
            if sub is not None:
                page.get_by_role("tab", name=words[key(sub.label)], exact=True).click()
            page.wait_for_function(DRAWN_JS, arg=selector, timeout=180_000)
        m = phone_metrics(page, selector)
        if m["cut_titles"]:  # the page breaks a long title within a second of the chart's drawing (style.TITLE_FIT_JS)
            page.wait_for_timeout(1_500)
            m = phone_metrics(page, selector)
        found += problems(m, tab, placed)
    assert not found, "\n".join(found)


def test_the_walk_sees_a_page_that_does_not_fit(phone):
    """The checks can fail: a too-wide header, a squashed button, a title forced onto two lines, a chart's title
    spaced wider than the lines the page breaks it into."""
    page, words = phone
    tab = BY_ID["positional"]  # a chart drawn when the tab opens
    open_tab(page, tab, words)
    page.wait_for_function(DRAWN_JS, arg=first_view(tab), timeout=180_000)
    page.add_style_tag(
        content="/* phone-walk-check */ #app-header { min-width: 700px !important; } "
        "#scene-next { max-height: 20px !important; "
        "min-height: 0 !important; } #app-header .prose h1 { white-space: normal !important; width: 60px; } "
        ".js-plotly-plot .gtitle { letter-spacing: 40px !important; }"
    )
    try:
        page.wait_for_timeout(500)  # gradio's buttons ease every change of size over 0.2 s (its button transition)
        found = problems(phone_metrics(page, None), tab, placed=False)
    finally:
        page.evaluate(
            "() => document.querySelectorAll('style')"
            ".forEach(s => s.textContent.includes('phone-walk-check') && s.remove())"
        )
    assert any("scrolls sideways" in p for p in found), found
    assert any("#scene-next" in p for p in found), found
    assert any("the title takes" in p for p in found), found
    assert any("a chart's title runs past its edges" in p for p in found), found


SHOWN_JS = "(selector) => { const el = document.querySelector(selector); return !!el && !!el.offsetParent; }"


def test_all_settings_shows_the_advanced_controls(phone):
    """A phone hides a tab's advanced controls (the Attention tab's second sentence) until the header's box is
    ticked; unticked, they hide again."""
    page, words = phone
    open_tab(page, BY_ID["attention"], words)
    pair = "#attention-pair"
    assert not page.evaluate(SHOWN_JS, pair), "an advanced control is shown on a phone by default"
    page.locator("#header-more > .label-wrap").click()
    box = page.locator("#all-settings-toggle input")
    try:
        box.check()
        page.wait_for_function(SHOWN_JS, arg=pair, timeout=5_000)
    finally:
        box.uncheck()
        page.locator("#header-more > .label-wrap").click()
    page.wait_for_function(f"() => !({SHOWN_JS})('{pair}')", timeout=5_000)


FOLDED_JS = """() => { const labels = [...document.querySelectorAll('.phone-fold > .label-wrap')];
  return labels.length > 0 && labels.every(label => !label.classList.contains('open')); }"""


def test_a_window_narrowed_to_a_phone_folds_the_header(phone):
    """Loaded wide, the header's folds are open (a desktop shows them unfolded); narrowed to a phone's width, they
    fold, as on a phone that loaded the page."""
    page, _ = phone
    try:
        page.set_viewport_size({"width": 1400, "height": PHONE["height"]})
        page.reload()
        page.wait_for_selector("#scene-next")
        page.wait_for_timeout(1_000)
        assert not page.evaluate(FOLDED_JS), "the header's folds are folded on a desktop"
        page.set_viewport_size(PHONE)
        page.wait_for_function(FOLDED_JS, timeout=10_000)
    finally:
        page.set_viewport_size(PHONE)
        page.reload()
        page.wait_for_selector("#scene-next")


TITLE_JS = """(selector) => { const gd = document.querySelector(selector).closest('.js-plotly-plot');
  const title = gd.querySelector('.gtitle');
  return {lines: [...title.querySelectorAll('.line')].map(l => l.textContent), label: gd.getAttribute('aria-label')};
}"""


def test_a_long_title_is_broken_into_lines(phone):
    """The Losses summary's title (wider than a phone) is broken into lines: every word kept in order, the chart's
    label for a screen reader still the whole sentence."""
    page, words = phone
    tab = BY_ID["losses"]
    open_tab(page, tab, words)
    selector = first_view(tab)
    page.wait_for_function(DRAWN_JS, arg=selector, timeout=180_000)
    page.wait_for_function(f"() => !!document.querySelector('{selector}').__titleFit", timeout=10_000)
    title = page.evaluate(TITLE_JS, selector)
    original = words["loss.sum.levels_title"]  # the sentence the server sent
    assert len(title["lines"]) >= 2, title
    assert "".join(title["lines"]).replace(" ", "") == original.replace(" ", ""), title
    assert title["label"].startswith(original), title
    assert not phone_metrics(page, selector)["cut_titles"]
