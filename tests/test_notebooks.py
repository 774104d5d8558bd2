"""Every view's notebook: built with nbformat, run top to bottom (offline), and its numbers equal the app's (the last
cell asserts it and prints "match"). A student's text stays data: it cannot inject code.

Kernels (tests/kernels.py): each tab's main notebook starts the tab's kernel, a fresh one (what a student opens); the
tab's other notebooks (sub-views, hostile inputs, the control) run in it after a reset of the namespace. The finished
run's notebook, the Fine-tune tab's only one, has a fresh kernel of its own."""

import ast
import json
import re
import sys
from pathlib import Path

import nbclient
import nbformat
import pytest
from jupyter_client.manager import KernelManager

from tests.kernels import ROOT, TabKernels, execute
from ui.sharing import links, notebooks

HOSTILE = [
    '"); import os; os.system("touch PWNED") #',
    "line one\nimport os\n'''",
    '"""; __import__("os").system("touch PWNED"); """',
    "\\'; raise SystemExit #\r\x0b",
    "😀 我爱北京 {TEXT} %s {0}",
]
WITH_NOTEBOOK = [tab for tab, view in links.VIEWS.items() if view.notebook is not None]
SUBVIEWS = [(tab, s.subtab) for tab, view in links.VIEWS.items() for s in view.source.share.subviews if s.subtab]
ZH_SUBVIEWS = {"pos-rope", "loss-contrastive", "att-formula", "inside-sinks"}  # exported from the Chinese page
SUB_VALUES = {  # shorter runs than the defaults (bench/notebooks.py exports the defaults)
    "inside-kv": {"new_tokens": 4},
    "prompts-side": {"max_new": 4},
    "prompts-score": {"n": 8},
}
HOSTILE_SUB = "arch-seed"  # its notebook is exported with a hostile text (no notebook of its own)


def main_notebook(tab: str) -> nbformat.NotebookNode:
    """The tab's main view's notebook for its defaults (Chinese for one, to run the Chinese text too)."""
    lang = "zh" if tab == "attention" else "en"
    return nbformat.reads(links.notebook(tab, "{}", lang), as_version=4)


@pytest.fixture(scope="module")
def kernels():
    """One kernel per tab, started by the tab's main notebook; all shut down after this module."""
    started = TabKernels(main_notebook)
    yield started
    started.shutdown()


def output_text(cell) -> str:
    return "".join(out.get("text", "") for out in cell.get("outputs", []) if out.get("output_type") == "stream")


def assigned(source: str) -> dict:
    """The names the cell assigns, each to a literal; AssertionError if the cell holds anything else."""
    values = {}
    for node in ast.parse(source).body:
        assert isinstance(node, ast.Assign) and len(node.targets) == 1, ast.dump(node)
        values[node.targets[0].id] = ast.literal_eval(node.value)
    return values


def test_every_tab_has_a_notebook_the_training_tab_for_a_finished_run():
    assert set(WITH_NOTEBOOK) == set(links.VIEWS) - {"finetune"}
    assert [s.subtab for s in links.VIEWS["finetune"].source.share.subviews] == [None]
    with pytest.raises(Exception, match="Pick a run first"):
        links.notebook("finetune", "{}", "en")
    for tab, sub in SUBVIEWS:  # each sub-view names a sub-tab of its own tab
        assert sub in links.VIEWS[tab].source.subtabs()


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
def test_a_wrong_number_fails_the_comparison(kernels):
    """In a kernel that ran a notebook before (Positional's main): its reset hides no wrong number."""
    recipe = links.VIEWS["positional"].notebook({"n": 4, "d": 4, "base": 10000.0, "similarity": "dot"})
    recipe.numbers["pe"][1][0] += 0.01
    with pytest.raises(nbclient.exceptions.CellExecutionError, match="Not equal to tolerance"):
        kernels.execute("positional", notebooks.build(recipe, "en", title="tampered"))


# ---- every view's notebook, run for its default values (real models: slow) -----------------------


@pytest.fixture(scope="module")
def executed(kernels):
    """Each view's notebook for its defaults, executed once: the first in its tab's kernel (a fresh kernel)."""
    return {tab: kernels.main(tab) for tab in WITH_NOTEBOOK}


@pytest.mark.slow
@pytest.mark.parametrize("tab", WITH_NOTEBOOK)
def test_notebook_runs_and_matches_the_app(executed, tab):
    nb = executed[tab]
    assert all(
        not any(o.output_type == "error" for o in c.get("outputs", [])) for c in nb.cells if c.cell_type == "code"
    )
    assert output_text(nb.cells[-1]).strip().endswith("match")
    assert any("plotly" in json.dumps(o.get("data", {})) for o in nb.cells[-3].outputs)  # the figure was drawn


def hostile_text(pwned: Path) -> str:
    return HOSTILE[0].replace("PWNED", str(pwned)) + "\n" + HOSTILE[1] + HOSTILE[2]


@pytest.mark.slow
def test_hostile_text_runs_as_data(kernels, tmp_path):
    text = hostile_text(tmp_path / "PWNED")
    nb = nbformat.reads(links.notebook("attention", json.dumps({"text": text, "layer": 1}), "en"), as_version=4)
    nb.cells.insert(5, nbformat.v4.new_code_cell("print(repr(TEXT))"))
    out = kernels.execute("attention", nb)
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
    current = [c.value for c in [*links.shared_components(), *links.notebook_components()]]
    path = Path(links.download_notebook("", "positional", "", *current))
    assert path.name == "llm-playground-positional.ipynb"
    nbformat.validate(nbformat.read(path, as_version=4))


# ---- the sub-tabs' own views, and a finished fine-tune run -----------------------------------------


def test_download_follows_the_open_sub_tab():
    """The share panel's handler with a sub-tab open: that sub-tab's values, its notebook, its file name."""
    current = [c.value for c in [*links.shared_components(), *links.notebook_components()]]
    path = Path(links.download_notebook("", "positional", "pos-rope", *current))
    assert path.name == "llm-playground-pos-rope.ipynb"
    nb = nbformat.read(path, as_version=4)
    assert set(assigned(nb.cells[4].source)) == {"THETA", "HEAD_DIM", "N_POSITIONS", "SEED"}
    assert "RoPE" in nb.cells[0].source.splitlines()[0]  # the title names the sub-tab
    main = Path(links.download_notebook("", "positional", "pos-sinusoidal", *current))  # its first sub-tab: the link's
    assert main.name == "llm-playground-positional.ipynb"


def test_api_checks_a_sub_views_values():
    text = links.notebook("positional", json.dumps({"heads": 6, "n": 9}), "en", "pos-alibi")
    assert assigned(nbformat.reads(text, as_version=4).cells[4].source) == {"N_HEADS": 6, "N_POSITIONS": 9}
    with pytest.raises(Exception, match="outside"):
        links.notebook("positional", json.dumps({"heads": 6, "n": 10**6}), "en", "pos-alibi")


@pytest.fixture(scope="module")
def pwned(tmp_path_factory) -> Path:
    """Where the hostile text's command would write, if it ran."""
    return tmp_path_factory.mktemp("hostile") / "PWNED"


def sub_values(sub: str, pwned: Path) -> dict:
    return {**SUB_VALUES.get(sub, {}), **({"text": hostile_text(pwned)} if sub == HOSTILE_SUB else {})}


@pytest.fixture(scope="module")
def executed_subviews(kernels, pwned):
    """Each sub-view's notebook (its defaults, shorter where SUB_VALUES says), in its tab's kernel after a reset."""
    runs = {}
    for tab, sub in SUBVIEWS:
        lang = "zh" if sub in ZH_SUBVIEWS else "en"
        text = links.notebook(tab, json.dumps(sub_values(sub, pwned)), lang, sub)
        runs[sub] = kernels.execute(tab, nbformat.reads(text, as_version=4))
    return runs


@pytest.mark.slow
@pytest.mark.parametrize("sub", [sub for _, sub in SUBVIEWS])
def test_sub_view_notebook_runs_and_matches_the_app(executed_subviews, sub):
    nb = executed_subviews[sub]
    assert output_text(nb.cells[-1]).strip().endswith("match")
    assert any("plotly" in json.dumps(o.get("data", {})) for o in nb.cells[-3].outputs)
    lang, other = ("zh", "en") if sub in ZH_SUBVIEWS else ("en", "zh")
    head = nb.cells[0].source  # (an English intro may name a Chinese term: Prompts' 提示学习)
    assert notebooks.say("nb.how", lang) in head and notebooks.say("nb.how", other) not in head
    assert lang == "en" or re.search(r"[\u4e00-\u9fff]{4}", head)


@pytest.mark.slow
def test_hostile_text_in_a_sub_view_runs_as_data(executed_subviews, pwned):
    nb = executed_subviews[HOSTILE_SUB]
    assert assigned(nb.cells[4].source)["TEXT"] == hostile_text(pwned)
    assert output_text(nb.cells[-1]).strip().endswith("match")
    assert not pwned.exists() and not (Path(ROOT) / "PWNED").exists()


def test_sub_tabs_have_notebooks_of_their_own():
    """The sub-tabs that used to export their tab's main view (a tab's first sub-tab is its main view)."""
    own = {sub for _, sub in SUBVIEWS}
    assert own >= {
        "att-head-view", "att-model-view", "att-formula", "arch-steps", "arch-seed", "arch-size", "inside-sinks",
        "inside-patching", "inside-kv", "tokens-bpe", "tokens-ngram", "prompts-side", "prompts-score",
    }  # fmt: skip
    for tab in ("attention", "architecture", "inside", "tokens", "prompts"):
        first = links.VIEWS[tab].source.subtabs()[0]
        assert first not in own  # the first sub-tab is the main view: `Share(notebook=...)`


@pytest.mark.slow
def test_hostile_template_runs_as_data(kernels, tmp_path):
    text = HOSTILE[0].replace("PWNED", str(tmp_path / "PWNED"))
    values = {"text": text, "template": HOSTILE[2].replace("PWNED", str(tmp_path / "PWNED")) + " {x} :"}
    nb = nbformat.reads(links.notebook("losses", json.dumps(values), "en", "loss-prompt"), as_version=4)
    assert assigned(nb.cells[4].source)["TEMPLATE"] == values["template"]
    out = kernels.execute("losses", nb)
    assert output_text(out.cells[-1]).strip().endswith("match")
    assert not (tmp_path / "PWNED").exists()


@pytest.fixture
def finished_run(tmp_path, monkeypatch):
    """A tiny real fine-tune (3 steps of all-MiniLM-L6-v2 on CPU), finished with its model kept."""
    import dataclasses

    from playground import finetune
    from playground.runs import RunStore

    monkeypatch.setenv("PLAYGROUND_RUNS", str(tmp_path / "runs"))
    config = finetune.make_config(
        train_size=32, eval_size=16, batch_size=8, max_steps=3, eval_steps=2, logging_steps=1, max_length=64
    )
    run = RunStore().create({"finetune": dataclasses.asdict(config)})
    assert finetune.train(run.path) == "finished"
    return RunStore().get(run.run_id)


@pytest.mark.slow
def test_a_finished_runs_notebook_evaluates_its_kept_model_again(finished_run):
    from playground import finetune

    text = links.notebook("finetune", json.dumps({"run": finished_run.run_id}), "zh")
    nb = nbformat.reads(text, as_version=4)
    inputs = assigned(nb.cells[4].source)
    assert inputs["MODEL_DIR"] == str(finished_run.model_dir) and len(inputs["PAIRS"]) == 4
    assert "不重新训练" in nb.cells[0].source
    out = execute(nb)  # a fresh kernel: the Fine-tune tab's only notebook
    assert output_text(out.cells[-1]).strip().endswith("match")
    app = [r["p_paraphrase"] for r in finetune.last_pinned(finished_run.metrics())]
    assert assigned(nb.cells[-1].source.split("\n\nimport")[0])["APP_NUMBERS"]["p_same"] == app


def test_a_run_without_a_kept_model_or_unknown_has_no_notebook(tmp_path, monkeypatch):
    import dataclasses

    from playground import finetune
    from playground.runs import RunStore

    monkeypatch.setenv("PLAYGROUND_RUNS", str(tmp_path / "runs"))
    run = RunStore().create({"finetune": dataclasses.asdict(finetune.make_config())})  # queued, never started
    with pytest.raises(Exception, match="has not finished"):
        links.notebook("finetune", json.dumps({"run": run.run_id}), "en")
    with pytest.raises(Exception, match="no run"):
        links.notebook("finetune", json.dumps({"run": "../../etc"}), "en")


def test_drawn_reuses_what_a_view_drew_and_forgets_the_oldest():
    drawn, calls = notebooks.Drawn(size=2), []
    drawn.put("a", 1)
    assert drawn.get("a", lambda: calls.append("a") or 9) == 1 and not calls  # what the view drew
    assert drawn.get("b", lambda: calls.append("b") or 2) == 2 and calls == ["b"]  # computed once, then kept
    assert drawn.get("b", lambda: calls.append("b") or 3) == 2 and calls == ["b"]
    drawn.put("c", 3)  # a third: the oldest ("a") goes
    assert drawn.get("a", lambda: 4) == 4
