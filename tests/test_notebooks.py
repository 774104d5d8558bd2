"""Every view's notebook: built with nbformat, run top to bottom in a fresh kernel (offline), and its numbers equal
the app's (the last cell asserts it and prints "match"). A student's text stays data: it cannot inject code."""

import ast
import json
import re
import sys
from pathlib import Path

import nbclient
import nbformat
import pytest
from jupyter_client.manager import KernelManager

from ui.sharing import links, notebooks

ROOT = str(Path(__file__).resolve().parents[1])
HOSTILE = [
    '"); import os; os.system("touch PWNED") #',
    "line one\nimport os\n'''",
    '"""; __import__("os").system("touch PWNED"); """',
    "\\'; raise SystemExit #\r\x0b",
    "😀 我爱北京 {TEXT} %s {0}",
]
WITH_NOTEBOOK = [tab for tab, view in links.VIEWS.items() if view.notebook is not None]


def execute(nb: nbformat.NotebookNode, timeout: int = 600) -> nbformat.NotebookNode:
    """Run it in a fresh kernel of this interpreter, from the project folder (as a student opens it)."""
    client = nbclient.NotebookClient(nb, timeout=timeout, kernel_name="python3", resources={"metadata": {"path": ROOT}})
    return client.execute()


def output_text(cell) -> str:
    return "".join(out.get("text", "") for out in cell.get("outputs", []) if out.get("output_type") == "stream")


def assigned(source: str) -> dict:
    """The names the cell assigns, each to a literal; AssertionError if the cell holds anything else."""
    values = {}
    for node in ast.parse(source).body:
        assert isinstance(node, ast.Assign) and len(node.targets) == 1, ast.dump(node)
        values[node.targets[0].id] = ast.literal_eval(node.value)
    return values


def test_every_tab_but_training_has_a_notebook():
    assert set(WITH_NOTEBOOK) == set(links.VIEWS) - {"finetune"}
    with pytest.raises(ValueError, match="trains"):
        links.notebook_for(links.VIEWS["finetune"], {}, "en")


@pytest.mark.parametrize("text", HOSTILE)
def test_a_students_text_is_data(text):
    source = notebooks.inputs_code({"TEXT": text, "VALUES": {"text": text, "x": "1"}, "LAYER": 2})
    assert assigned(source) == {"TEXT": text, "VALUES": {"text": text, "x": "1"}, "LAYER": 2}
    assert "import" not in source.replace(repr(text), "")


@pytest.mark.parametrize("value", [object(), b"bytes", {1, 2}])
def test_only_plain_values_become_literals(value):
    with pytest.raises(TypeError):
        notebooks.literal(value)


def test_input_names_are_identifiers():
    with pytest.raises(ValueError):
        notebooks.inputs_code({"X = 1; import os #": 1})


def test_positional_notebook_valid_and_in_the_pages_language():
    view = links.VIEWS["positional"]
    values = {"n": 12, "d": 8, "base": 500.0, "similarity": "cosine", "dims": "0, 1"}
    en, zh = (nbformat.reads(links.notebook_for(view, values, lang), as_version=4) for lang in ("en", "zh"))
    nbformat.validate(zh)
    zh_text = "".join(cell.source for cell in zh.cells if cell.cell_type == "markdown")
    en_text = "".join(cell.source for cell in en.cells if cell.cell_type == "markdown")
    assert re.search(r"[\u4e00-\u9fff]{4}", zh_text) and not re.search(r"[\u4e00-\u9fff]{4}", en_text)
    assert "PE_{(pos,\\,2i)}" in zh_text  # the formula
    inputs = assigned(en.cells[4].source)
    assert inputs == {"N_POSITIONS": 12, "D_MODEL": 8, "BASE": 500.0, "SIMILARITY": "cosine"}
    assert f"PROJECT = {ROOT!r}" in en.cells[2].source


def test_api_function_checks_values_like_a_link():
    text = links.notebook("positional", json.dumps({"n": 5, "d": 4}), "en")
    assert assigned(nbformat.reads(text, as_version=4).cells[4].source)["N_POSITIONS"] == 5
    with pytest.raises(Exception, match="outside"):
        links.notebook("positional", json.dumps({"n": 10**6}), "en")
    with pytest.raises(Exception, match="does not exist"):
        links.notebook("nope", "{}", "en")


def test_kernel_is_this_interpreter():
    assert KernelManager(kernel_name="python3").format_kernel_cmd()[0] == sys.executable


@pytest.mark.slow
def test_a_wrong_number_fails_the_comparison():
    recipe = links.VIEWS["positional"].notebook({"n": 4, "d": 4, "base": 10000.0, "similarity": "dot"})
    recipe.numbers["pe"][1][0] += 0.01
    with pytest.raises(nbclient.exceptions.CellExecutionError, match="Not equal to tolerance"):
        execute(notebooks.build(recipe, "en", title="tampered"))


# ---- every view's notebook, run for its default values (real models: slow) -----------------------


@pytest.fixture(scope="module")
def executed():
    """Each view's notebook for its defaults (Chinese for one, to run the Chinese text too), executed once."""
    runs = {}
    for tab in WITH_NOTEBOOK:
        lang = "zh" if tab == "attention" else "en"
        runs[tab] = execute(nbformat.reads(links.notebook(tab, "{}", lang), as_version=4))
    return runs


@pytest.mark.slow
@pytest.mark.parametrize("tab", WITH_NOTEBOOK)
def test_notebook_runs_and_matches_the_app(executed, tab):
    nb = executed[tab]
    assert all(
        not any(o.output_type == "error" for o in c.get("outputs", [])) for c in nb.cells if c.cell_type == "code"
    )
    assert output_text(nb.cells[-1]).strip().endswith("match")
    assert any("plotly" in json.dumps(o.get("data", {})) for o in nb.cells[-3].outputs)  # the figure was drawn


@pytest.mark.slow
def test_hostile_text_runs_as_data(tmp_path):
    text = HOSTILE[0].replace("PWNED", str(tmp_path / "PWNED")) + "\n" + HOSTILE[1] + HOSTILE[2]
    nb = nbformat.reads(links.notebook("attention", json.dumps({"text": text, "layer": 1}), "en"), as_version=4)
    nb.cells.insert(5, nbformat.v4.new_code_cell("print(repr(TEXT))"))
    out = execute(nb)
    assert output_text(out.cells[5]).strip() == repr(text)
    assert output_text(out.cells[-1]).strip().endswith("match")
    assert not (tmp_path / "PWNED").exists() and not (Path(ROOT) / "PWNED").exists()


@pytest.mark.slow
def test_notebook_api(client):
    text = client.predict("prompts", json.dumps({"chat": False}), "zh", api_name="/notebook")
    nb = nbformat.reads(text, as_version=4)
    assert assigned(nb.cells[4].source)["CHAT"] is False
    assert re.search(r"[\u4e00-\u9fff]{4}", nb.cells[0].source)


def test_download_writes_the_shown_views_notebook():
    """The share panel's handler: the view shown, with the values its link would carry, as a .ipynb file."""
    current = [c.value for c in links.shared_components()]
    path = Path(links.download_notebook("", "positional", "", *current))
    assert path.name == "llm-playground-positional.ipynb"
    nbformat.validate(nbformat.read(path, as_version=4))
