"""Shared fixtures. Tests never touch the network: the Hub is switched off before anything imports it."""

import os
import socket
import sys
import tempfile
from pathlib import Path

os.environ["HF_HUB_OFFLINE"] = "1"
os.environ["GRADIO_ANALYTICS_ENABLED"] = "False"
os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
os.environ.setdefault("PLAYGROUND_RUNS", tempfile.mkdtemp(prefix="playground-runs-"))  # never ~/.cache
WORKER = os.environ.get("PYTEST_XDIST_WORKER")  # `make test` runs two workers (pytest-xdist): gw0, gw1
if WORKER:  # each its own runs, as each has its own app: a listing of runs never shows the other worker's
    os.environ["PLAYGROUND_RUNS"] = os.path.join(os.environ["PLAYGROUND_RUNS"], WORKER)
    os.makedirs(os.environ["PLAYGROUND_RUNS"], exist_ok=True)
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import pytest  # noqa: E402


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="session")
def app_url():
    """The whole app, launched on 127.0.0.1 for the API and browser tests."""
    import app

    port = free_port()
    app.demo.launch(
        server_name="127.0.0.1", server_port=port, prevent_thread_lock=True, quiet=True, ssr_mode=False, **app.LAUNCH
    )
    yield f"http://127.0.0.1:{port}/"
    app.demo.close()


WALKS: dict = {}  # language -> the walk's tests.walk.Walked (or the exception it ended in), while its readers run
WALK_MODULES: set = set()  # the test modules that read it (the `walked` fixture), found at collection


@pytest.fixture(scope="session")
def walked(app_url):
    """The one walk of every view (tests/walk.py), per language, done once on first use and shared by every check
    that reads a walked page: `walked("zh")` is a tests.walk.Walked. Its page stays open until the last of the tests
    that read it (they run one after another: `pytest_collection_modifyitems`), then closes
    (`pytest_runtest_teardown`): an open page keeps drawing, and its scripts cost the rest of the run CPU."""
    from tests.browser import new_page
    from tests.walk import DESKTOP, LANGUAGES, walk_views

    def get(language: str):
        if language not in WALKS:
            locale, words = LANGUAGES[language]
            page = new_page(DESKTOP["height"], locale)
            try:
                page.goto(app_url)
                page.wait_for_selector("#scene-next")
                WALKS[language] = walk_views(page, words, language)
            except Exception as error:  # every test of this language fails with the walk's own error, once paid
                WALKS[language] = error
        if isinstance(WALKS[language], Exception):
            raise WALKS[language]
        return WALKS[language]

    yield get
    close_walks()


def close_walks() -> None:
    for walk in WALKS.values():
        if not isinstance(walk, Exception):
            walk.page.context.close()
    WALKS.clear()


@pytest.hookimpl(trylast=True)  # after the fixtures' own teardown (a module's fixture may still use the page)
def pytest_runtest_teardown(item, nextitem):
    """After the last test of the modules that read the walk, its pages close."""
    if getattr(item, "module", None) in WALK_MODULES and getattr(nextitem, "module", None) not in WALK_MODULES:
        close_walks()


@pytest.fixture(scope="session")
def client(app_url):
    from gradio_client import Client

    return Client(app_url, verbose=False)


@pytest.hookimpl(tryfirst=True)  # before pytest-xdist's own, which reads the `xdist_group` marks added here
def pytest_collection_modifyitems(items):
    """The order of the run and its units of work.

    The modules that drive a browser run after all the others, the walk's readers first (the `walked` fixture,
    tests/walk.py: one after another, so that the walk's pages close after the last of them), then the other browser
    modules, each module's tests in their own order: a sync Playwright marks an asyncio loop as running in this thread
    once it starts.

    Under pytest-xdist (`make test`: `-n 2 --dist loadgroup --no-loadscope-reorder`) the browser modules are one unit
    of work (an `xdist_group`), handed out first: one worker drives the run's one Chromium from the start while the
    other runs every other module, a module at a time (each its own unit: a module keeps its module-scoped fixtures).
    Two workers each driving a browser were measured: the 2 cores saturated (load 9), no time was won (1,643 s of
    tests against 1,676-1,774 s in one process) and clicks timed out.

    Each test's `slow` and `browser` markers go into the JUnit XML report (`make test` writes it) as its `markers`
    property: scripts/suite_times.py groups the suite's time by them."""
    browser = {item.module for item in items if item.get_closest_marker("browser")}
    walk = {item.module for item in items if "walked" in getattr(item, "fixturenames", ())}
    WALK_MODULES.update(walk)
    first = (lambda item: item.module not in browser) if WORKER else (lambda item: item.module in browser)
    items.sort(key=lambda item: (first(item), item.module not in walk))  # stable: the order within each part stays
    for item in items:
        names = sorted({mark.name for mark in item.iter_markers()} & {"slow", "browser"})
        item.user_properties.append(("markers", " ".join(names)))
        item.add_marker(pytest.mark.xdist_group("browser" if item.module in browser else item.module.__name__))


@pytest.fixture(scope="session", autouse=True)
def _one_browser():
    """The run's Chromium (tests/browser.py), closed at the end if a test opened it."""
    yield
    from tests.browser import close_browser

    close_browser()
