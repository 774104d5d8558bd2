"""The docs' generated pages match the app: docs/api-endpoints.md is what scripts/docs_pages.py reads from the app's
own endpoints now (in a fresh process, so building the app adapts no gradio internals in this one)."""

import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
spec = importlib.util.spec_from_file_location("docs_pages", ROOT / "scripts" / "docs_pages.py")
docs_pages = importlib.util.module_from_spec(spec)
spec.loader.exec_module(docs_pages)  # its functions only: the app is built by page(), which these tests do not call


@pytest.mark.slow
def test_the_endpoint_page_is_the_apps_own_list():
    done = subprocess.run(
        [sys.executable, "scripts/docs_pages.py", "--check"], cwd=ROOT, capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stderr[-2000:]


def test_the_endpoint_page_cells_stay_cells():
    """A | inside a docstring or a default would split a table cell: both are escaped."""
    assert docs_pages.first_sentence("L = -log P(y | x). More.") == "L = -log P(y \\| x)."
    assert docs_pages.shown("a | b") == "'a \\| b'"
    assert docs_pages.shown("x" * 100).endswith("…") and len(docs_pages.shown("x" * 100)) == docs_pages.DEFAULT_CHARS
