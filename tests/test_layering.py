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


def test_building_the_app_imports_no_torch_no_transformers_and_loads_no_model():
    """The page is built and served in about the time of `import gradio` (bench/startup.py): torch,
    transformers and the models load on first use, in the background (playground/lazy.py); nbformat on the first
    notebook export."""
    code = (
        "import sys; import app; from playground.models import MODELS;"
        "print(sorted(m for m in ('torch', 'transformers', 'bertviz', 'safetensors', 'nbformat') if m in sys.modules),"
        " MODELS.holds(), len(app.TABS) > 0)"
    )
    env = {"HF_HUB_OFFLINE": "1", "GRADIO_ANALYTICS_ENABLED": "False", "PATH": "/usr/bin:/bin"}
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True, env=env)
    assert out.stdout.split("\n")[-2] == "[] [] True"


def test_trust_remote_code_is_never_enabled():
    enabled = re.compile("trust_remote_code" + r"\s*=\s*True")  # built here, so this file does not match itself
    hits = [p for p in ROOT.glob("**/*.py") if ".venv" not in p.parts and enabled.search(p.read_text("utf-8"))]
    assert hits == []


def _ui_imports() -> dict[str, set[str]]:
    """ui module -> the ui modules it imports (at the top or inside a function: a hidden circle is still one)."""
    import ast

    modules = {}
    for path in (ROOT / "ui").rglob("*.py"):
        name = ".".join(path.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")
        modules[name] = path
    graph = {}
    for name, path in modules.items():
        found = set()
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("ui"):
                for alias in node.names:  # `from ui import i18n` names a module, `from ui.i18n import t` does not
                    child = f"{node.module}.{alias.name}"
                    found.add(child if child in modules else node.module)
            elif isinstance(node, ast.Import):
                found |= {alias.name for alias in node.names if alias.name.startswith("ui")}
        graph[name] = {m for m in found if m in modules and m != name and not name.startswith(m + ".")}
    return graph


def test_ui_has_no_import_circle():
    graph, state, circles = _ui_imports(), {}, []

    def visit(module, path):
        state[module] = "open"
        for imported in sorted(graph[module]):
            if state.get(imported) == "open":
                circles.append(path[path.index(imported) :] + [imported])
            elif imported not in state:
                visit(imported, [*path, imported])
        state[module] = "done"

    for module in sorted(graph):
        if module not in state:
            visit(module, [module])
    assert len(graph) > 20 and circles == []
