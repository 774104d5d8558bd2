"""One Chromium for the whole test run (Debian's, never a downloaded browser), and the ways to open the app in it.

The browser starts on the first page a test opens and closes when the run ends (`close_browser`, called by
tests/conftest.py): a launch costs a second or two, and ~40 tests used to pay it each. Every page still gets a
browser context of its own (its own localStorage, cookies and language), so a test starts from a fresh visitor.

The page records every request it made (`page.requests`) and every dialog a script opened (`page.dialogs`,
dismissed at once), so tests can assert that nothing left 127.0.0.1 and that no typed text ran.

A sync Playwright marks its event loop as running in the thread that started it, between its calls too: a test
that runs its own asyncio loop cannot run after it. tests/conftest.py therefore runs the modules that drive a
browser after all the others (`pytest_collection_modifyitems`).
"""

import contextlib
import shutil

import pytest

CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
_STARTED: dict = {}  # "playwright", "browser": the run's one Chromium, once started


def browser():
    """The run's Chromium, launched on first use."""
    if "browser" not in _STARTED:
        from playwright.sync_api import sync_playwright

        binary = shutil.which("chromium") or shutil.which("chromium-browser")
        if binary is None:
            pytest.fail("Debian's chromium is not installed: run `make test` (it installs it)")
        _STARTED["playwright"] = sync_playwright().start()
        _STARTED["browser"] = _STARTED["playwright"].chromium.launch(
            executable_path=binary, headless=True, args=CHROMIUM_FLAGS
        )
    return _STARTED["browser"]


def close_browser() -> None:
    """Close the run's Chromium, if it was started."""
    if "browser" in _STARTED:
        _STARTED.pop("browser").close()
        _STARTED.pop("playwright").stop()


def new_page(height: int = 1800, locale: str | None = None):
    """A fresh visitor: a page in a context of its own, recording its requests and dialogs."""
    page = browser().new_context(viewport={"width": 1400, "height": height}, locale=locale).new_page()
    page.requests, page.dialogs = [], []
    page.on("request", lambda request: page.requests.append(request.url))
    page.on("dialog", lambda dialog: (page.dialogs.append(dialog.message), dialog.dismiss()))
    return page


@contextlib.contextmanager
def open_app_pages(app_url: str, count: int, tab: str | None = None, height: int = 1800, locales=None):
    """`count` pages of the app, each in its own browser context (its own localStorage and cookies): so many
    visitors (`locales`: one per page, None: the browser's)."""
    pages = [new_page(height, (locales or [None] * count)[i]) for i in range(count)]
    try:
        for page in pages:
            page.goto(app_url)
            if tab:  # several pages at once on 2 shared cores: a first click may wait for the page to settle
                page.get_by_role("tab", name=tab, exact=True).click(timeout=120_000)
        yield pages
    finally:
        for page in pages:
            page.context.close()


@contextlib.contextmanager
def open_app_page(app_url: str, tab: str | None = None, height: int = 1800, locale: str | None = None):
    with open_app_pages(app_url, 1, tab=tab, height=height, locales=[locale]) as (page,):
        yield page
