"""One way to open the launched app in Debian's Chromium (never a downloaded browser), for every browser test.

The page records every request it made (`page.requests`) and every dialog a script opened (`page.dialogs`,
dismissed at once), so tests can assert that nothing left 127.0.0.1 and that no typed text ran.
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


@contextlib.contextmanager
def open_app_pages(app_url: str, count: int, tab: str | None = None, height: int = 1800):
    """`count` pages of the app, each in its own browser context (its own localStorage and cookies): so many
    visitors."""
    from playwright.sync_api import sync_playwright

    binary = shutil.which("chromium") or shutil.which("chromium-browser")
    if binary is None:
        pytest.fail("Debian's chromium is not installed: run `make test` (it installs it)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=binary, headless=True, args=CHROMIUM_FLAGS)
        pages = [browser.new_context(viewport={"width": 1400, "height": height}).new_page() for _ in range(count)]
        for page in pages:
            page.goto(app_url)
            if tab:  # several pages at once on 2 shared cores: a first click may wait for the page to settle
                page.get_by_role("tab", name=tab, exact=True).click(timeout=120_000)
        try:
            yield pages
        finally:
            browser.close()


@contextlib.contextmanager
def open_app_page(app_url: str, tab: str | None = None, height: int = 1800, locale: str | None = None):
    from playwright.sync_api import sync_playwright

    binary = shutil.which("chromium") or shutil.which("chromium-browser")
    if binary is None:
        pytest.fail("Debian's chromium is not installed: run `make test` (it installs it)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=binary, headless=True, args=CHROMIUM_FLAGS)
        page = browser.new_page(viewport={"width": 1400, "height": height}, locale=locale)
        page.requests, page.dialogs = [], []
        page.on("request", lambda request: page.requests.append(request.url))
        page.on("dialog", lambda dialog: (page.dialogs.append(dialog.message), dialog.dismiss()))
        page.goto(app_url)
        if tab:
            page.get_by_role("tab", name=tab, exact=True).click()
        try:
            yield page
        finally:
            browser.close()


@contextlib.contextmanager
def another_page(page, app_url: str, height: int = 1800, locale: str | None = None):
    """A second visitor in the browser `page` lives in (its own context: language, storage), never a second
    Playwright (a sync Playwright cannot start inside another's event loop)."""
    other = page.context.browser.new_page(viewport={"width": 1400, "height": height}, locale=locale)
    other.goto(app_url)
    try:
        yield other
    finally:
        other.context.close()
