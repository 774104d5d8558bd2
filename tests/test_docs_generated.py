"""The docs' generated pages match the app: docs/api-endpoints.md is what scripts/api_docs.py reads from the app's
own endpoints now (in a fresh process, so building the app adapts no gradio internals in this one)."""

import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
spec = importlib.util.spec_from_file_location("api_docs", ROOT / "scripts" / "api_docs.py")
api_docs = importlib.util.module_from_spec(spec)
spec.loader.exec_module(api_docs)  # its functions only: the app is built by page(), which these tests do not call


@pytest.mark.slow
def test_the_endpoint_page_is_the_apps_own_list():
    done = subprocess.run(
        [sys.executable, "scripts/api_docs.py", "--check"], cwd=ROOT, capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stderr[-2000:]


def test_the_endpoint_page_cells_stay_cells():
    """A | inside a docstring or a default would split a table cell: both are escaped."""
    assert api_docs.first_sentence("L = -log P(y | x). More.") == "L = -log P(y \\| x)."
    assert api_docs.shown("a | b") == "'a \\| b'"
    assert api_docs.shown("x" * 100).endswith("…") and len(api_docs.shown("x" * 100)) == api_docs.DEFAULT_CHARS
