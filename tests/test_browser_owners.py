"""Two visitors in a real Chromium (two browser contexts: two localStorages): a run shows its Stop, Download and
Delete only on its owner's page, also after a reload (the visitor token is kept in the browser), never on another
visitor's page, which sees the run only when the host shares runs; the host token shows them anywhere."""

import pytest

from playground import owners
from tests.browser import open_app_pages
from tests.test_owners import app_runs, workers  # noqa: F401 (fixtures)

pytestmark = [pytest.mark.slow, pytest.mark.browser]
CONTROLS = ("#ft-stop-selected", "#ft-download", "#ft-delete")


def runs_listed(page) -> str:
    return page.locator("#ft-runs").inner_text()


def refresh(page) -> None:
    page.get_by_role("button", name="Refresh the list").click()


def shown(page) -> list[bool]:
    return [page.locator(selector).is_visible() for selector in CONTROLS]


def test_a_run_shows_its_controls_only_to_its_owner_even_after_a_reload(app_url, app_runs, monkeypatch):  # noqa: F811
    before = {run.run_id for run in app_runs.list()}
    with open_app_pages(app_url, 2, tab="Fine-tune", height=2200) as (mine, theirs):
        mine.get_by_role("button", name="Start training").click()
        mine.locator("#ft-status").get_by_text("queued").first.wait_for(timeout=60_000)
        (run_id,) = {run.run_id for run in app_runs.list()} - before
        assert isinstance(app_runs.get(run_id).owner, str)
        mine.reload()  # the page forgets its run; the browser keeps the visitor
        mine.get_by_role("tab", name="Fine-tune", exact=True).click(timeout=120_000)
        mine.wait_for_function(f"document.querySelector('#ft-runs').innerText.includes('{run_id}')", timeout=60_000)
        mine.locator("#ft-stop-selected").wait_for(state="visible", timeout=30_000)
        assert shown(mine) == [True, True, False]  # queued: Stop and Download, Delete once it has ended

        refresh(theirs)  # not shared: the other visitor does not see it at all
        theirs.wait_for_timeout(3000)  # an absence has no sign to wait for: a refresh answers within 1 s here
        assert run_id not in runs_listed(theirs) and shown(theirs) == [False, False, False]
        monkeypatch.setenv("PLAYGROUND_SHARE_RUNS", "1")
        refresh(theirs)  # shared: listed and chosen, read-only
        theirs.wait_for_function(f"document.querySelector('#ft-runs').innerText.includes('{run_id}')", timeout=30_000)
        theirs.wait_for_timeout(1000)
        assert shown(theirs) == [False, False, False]

        theirs.get_by_text("For the host").click()
        host_box = theirs.locator("#ft-host input, #ft-host textarea").first
        host_box.fill(owners.host_token())
        host_box.press("Enter")  # the control: the same page with the host token
        theirs.locator("#ft-stop-selected").wait_for(state="visible", timeout=30_000)
        theirs.locator("#ft-stop-selected").click()
        stop_file = app_runs.get(run_id).path / "STOP"
        for _ in range(300):  # the click reaches the server, which writes the file: polled, 30 s at most
            if stop_file.exists():
                break
            mine.wait_for_timeout(100)
        assert stop_file.exists()
        assert mine.get_by_text("Traceback").count() == 0 and theirs.get_by_text("Traceback").count() == 0
