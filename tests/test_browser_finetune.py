"""A real Chromium starts a short fine-tune in the Fine-tune tab, sees its curve grow and the pinned pairs' columns
on a desktop and a phone while it runs, then stops it; the Chinese page's run too, its pinned pairs' p(same) and
predicted (headers and values) seen while it runs."""

import pytest

from tests.browser import open_app_page
from tests.visibility import measure, problems
from ui.i18n.en import EN
from ui.i18n.zh import ZH
from ui.tabs.finetune import PINNED_COLUMNS

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


def start_a_short_run(page, words: dict) -> None:
    """32 training pairs, evaluated every 3 steps, up to 400 steps (stopped long before)."""
    page.get_by_role("tab", name=words["ft.tab"], exact=True).click()
    set_number(page, words["ft.train_size"], "32")
    set_number(page, words["ft.max_steps"], "400")
    set_number(page, words["ft.eval_steps"], "3")
    page.get_by_role("button", name=words["ft.start"]).click()
    page.wait_for_function(f"({POINTS})() >= 2", timeout=300_000)


def stop_the_run(page, words: dict) -> None:
    page.get_by_role("button", name=words["ft.stop"], exact=True).click()
    stopped = words["finetune.note.stopped"].split("{step}")[0]
    page.locator("#ft-status").get_by_text(stopped).wait_for(timeout=120_000)
    page.wait_for_function(
        f"document.querySelector('#ft-runs').innerText.includes({words['ft.state.stopped']!r})", timeout=60_000
    )
    assert page.get_by_text("Traceback").count() == 0


def test_start_watch_the_curve_grow_then_stop(page):
    start_a_short_run(page, EN)
    first = page.evaluate(POINTS)
    page.wait_for_function(f"({POINTS})() > {first}", timeout=300_000)  # the curve grows live
    page.get_by_text(EN["ft.state.running"]).first.wait_for(timeout=10_000)
    assert_pinned_columns_seen(page, EN)
    stop_the_run(page, EN)


def test_the_chinese_run_shows_its_pinned_pairs_while_it_runs(app_url):
    with open_app_page(app_url, height=2200, locale="zh-CN") as chinese:
        start_a_short_run(chinese, ZH)
        chinese.get_by_text(ZH["ft.state.running"]).first.wait_for(timeout=30_000)
        assert_pinned_columns_seen(chinese, ZH)
        assert chinese.locator("#ft-pinned th", has_text=ZH["ft.pinned_col_p"]).count() == 1  # headers in Chinese
        stop_the_run(chinese, ZH)


def assert_pinned_columns_seen(page, words: dict) -> None:
    """During the run: `p(same)` and `predicted`, their headers and their first row's values, are seen on a desktop
    and on a phone (tests/visibility.py)."""
    page.wait_for_function("document.querySelectorAll('#ft-pinned tbody tr').length >= 3", timeout=120_000)
    found = []
    for width, height in ((1400, 900), (390, 844)):
        page.set_viewport_size({"width": width, "height": height})
        page.wait_for_timeout(300)
        for column in ("p", "predicted"):
            name = words[f"ft.pinned_col_{column}"]
            nth = 1 + PINNED_COLUMNS.index(f"ft.pinned_col_{column}")
            header = page.locator("#ft-pinned th", has_text=name).first
            value = page.locator(f"#ft-pinned tbody tr:first-child td:nth-child({nth})")
            for what, cell in ((name, header), (f"{name} (value)", value)):
                m = measure(cell, streaming=True)  # the table streams while the run goes
                print(f"{what} at {width}: left {m['left']:.0f} right {m['right']:.0f}")
                found += [f"{what!r} at {width}x{height}: {p}" for p in problems(m)]
    page.set_viewport_size({"width": 1400, "height": 2200})
    assert not found, "\n".join(found)
