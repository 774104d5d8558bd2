"""app -> ui -> playground, never back: the engine imports no gradio and loads nothing at import."""

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_engine_source_never_imports_gradio():
    offenders = [
        p.name
        for p in (ROOT / "playground").glob("*.py")
        if "import gradio" in p.read_text("utf-8") or "from gradio" in p.read_text("utf-8")
    ]
    assert offenders == []


def test_importing_every_engine_module_loads_no_model_no_transformers_and_no_gradio():
    code = (
        "import sys, importlib, pkgutil, playground;"
        "[importlib.import_module('playground.' + m.name) for m in pkgutil.iter_modules(playground.__path__)];"
        "from playground.models import MODELS;"
        "print('gradio' in sys.modules, 'transformers' in sys.modules, MODELS.holds())"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "False", "[]"]


def test_trust_remote_code_is_never_enabled():
    enabled = re.compile("trust_remote_code" + r"\s*=\s*True")  # built here, so this file does not match itself
    hits = [p for p in ROOT.glob("**/*.py") if ".venv" not in p.parts and enabled.search(p.read_text("utf-8"))]
    assert hits == []
