r"""Take it home: the view shown, with its current inputs, as a Jupyter notebook that computes the same numbers.

A tab says what its notebook holds with a `Recipe` (its descriptor's `Share(notebook=...)`, ui/tab.py): the text
keys of its explanation, the model to load, its inputs, the code that computes the numbers, the plotly figure and
the app's own numbers. `build(recipe, lang)` assembles the cells with `nbformat` (v4):

    title + explanation (the page's language) | set-up (pip line, sys.path, the model) | inputs | compute | figure
    | the app's numbers at export == the numbers just computed -> "match"

Safety: a value from the view (a student's text) only ever enters a cell through `literal()` (repr of str, int,
float, bool, None, and lists/dicts of them), alone on the right of an assignment. The code cells themselves are
constants of the tabs: no value is ever formatted into code, so a quote, a newline or `"); import os; #` stays
data. tests/test_notebooks.py runs every notebook (each tab's first in a fresh kernel) and checks this.
"""

from __future__ import annotations

import math
import threading
from collections import OrderedDict
from dataclasses import dataclass, field
from pathlib import Path

from playground import models
from playground.lazy import lazy
from ui.i18n.en import EN
from ui.i18n.zh import ZH

nbformat = lazy("nbformat")  # with jsonschema: imported on the first export, not while the page starts (75 ms)
v4 = lazy("nbformat.v4")

ROOT = str(Path(__file__).resolve().parents[2])  # the project folder: the notebook's set-up cell adds it to sys.path
MAX_VALUES = 4096  # an array the notebook carries keeps at most this many values (its leading rows)
DECIMALS = 8
PIP = "torch==2.13.0 transformers==5.24.0 plotly numpy"


@dataclass(frozen=True)
class Recipe:
    """What a view's notebook holds. Code strings are constants of the tab; values go in `inputs` and `numbers`."""

    explain: tuple  # text keys (or (key, {values})) of the explanation: the tab's intro, its formula
    inputs: dict  # variable name -> the view's value (written as a literal)
    compute: str  # code that reads the inputs and leaves `computed` = {name: numbers}
    figure: str  # plotly code drawing from `computed`
    numbers: dict  # name -> the app's numbers for the same inputs (nested lists, or a string)
    atol: float = 1e-5  # numbers differ by at most this (floats are carried with DECIMALS decimals)
    model: str | None = None  # catalogue name: the set-up cell loads it
    causal: bool = False  # the model's head: AutoModelForCausalLM (True) or AutoModel
    imports: str = ""  # extra imports of the set-up cell
    notes: tuple = field(default=())  # text keys of sentences added below the explanation


class Drawn:
    """The last few results a streamed view finished, by its inputs: the view puts what it drew, its notebook reuses
    it (a generator that yields while it computes cannot be an lru_cache). `get` computes what is missing."""

    def __init__(self, size: int = 8):
        self.items: OrderedDict = OrderedDict()
        self.size = size
        self.lock = threading.Lock()

    def put(self, key, value) -> None:
        with self.lock:
            self.items[key] = value
            self.items.move_to_end(key)
            while len(self.items) > self.size:
                self.items.popitem(last=False)

    def get(self, key, compute):
        with self.lock:
            if key in self.items:
                return self.items[key]
        value = compute()
        self.put(key, value)
        return value


# ---- values as Python literals -------------------------------------------------------------------


def literal(value) -> str:
    """A value from a view as Python source that evaluates to it, and nothing else.

    >>> literal('"); import os; os.system("x") #')
    '\'"); import os; os.system("x") #\''
    >>> literal([1, 2.5, None, True])
    '[1, 2.5, None, True]'
    """
    if value is None or isinstance(value, bool | int | str):
        return repr(value)
    if isinstance(value, float):
        return repr(value) if math.isfinite(value) else f"float({str(value)!r})"
    if isinstance(value, list | tuple):
        return "[" + ", ".join(literal(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{literal(str(k))}: {literal(v)}" for k, v in value.items()) + "}"
    raise TypeError(f"a notebook carries plain values only, not {type(value).__name__}")


def numbers(array, decimals: int = DECIMALS, limit: int = MAX_VALUES) -> list:
    """A tensor/array as nested lists of rounded floats; past `limit` values only its leading rows (the comparison
    checks the computed numbers' same leading part)."""
    import numpy as np

    a = np.asarray(array, dtype=np.float64)
    if a.ndim > 1 and a.size > limit:
        a = a[: max(1, limit // int(np.prod(a.shape[1:])))]
    return np.round(a, decimals).tolist()


# ---- the notebook --------------------------------------------------------------------------------


def say(key, lang: str) -> str:
    """A text key (or (key, values)) in the language asked for (English where Chinese is missing)."""
    key, values = key if isinstance(key, tuple) else (key, {})
    text = ZH.get(key, EN[key]) if lang == "zh" else EN[key]
    return text.format(**values) if values else text


def setup_code(recipe: Recipe, root: str) -> str:
    lines = [
        f"# pip install {PIP}   (in the project folder: `make setup` has installed everything)",
        "import sys",
        "",
        f"PROJECT = {literal(root)}  # the project folder at export: run this notebook there, or keep this line",
        "if PROJECT not in sys.path:",
        "    sys.path.insert(0, PROJECT)",
    ]
    if recipe.imports:
        lines += ["", recipe.imports]
    if recipe.model:
        auto = "AutoModelForCausalLM" if recipe.causal else "AutoModel"
        hub_id = models.spec(recipe.model).hub_id
        lines += [
            "",
            f"MODEL, HUB_ID = {literal(recipe.model)}, {literal(hub_id)}",
            "try:",
            "    from playground import models",
            "",
            "    bundle = models.load(MODEL)  # the app's own loader: its embedded copy offline, else the Hub",
            "    tokenizer, model = bundle.tokenizer, bundle.model",
            "except ImportError:  # no project here (e.g. Colab): the same model by its Hub name",
            f"    from transformers import {auto}, AutoTokenizer",
            "",
            "    tokenizer = AutoTokenizer.from_pretrained(HUB_ID)",
            f'    model = {auto}.from_pretrained(HUB_ID, attn_implementation="eager").eval()',
        ]
    return "\n".join(lines)


def inputs_code(inputs: dict) -> str:
    for name in inputs:
        if not name.isidentifier() or not name.isupper():
            raise ValueError(f"input names are upper-case identifiers: {name!r}")
    return "\n".join(f"{name} = {literal(value)}" for name, value in inputs.items())


COMPARE = """\
import numpy as np

for name, app in APP_NUMBERS.items():
    if isinstance(app, str):
        assert computed[name] == app, (name, computed[name], app)
        continue
    app = np.asarray(app, dtype=np.float64)
    mine = np.asarray(computed[name], dtype=np.float64)
    mine = mine[tuple(slice(0, n) for n in app.shape)]  # the app's numbers may be the leading rows only
    np.testing.assert_allclose(mine, app, atol=ATOL, rtol=0, err_msg=name)
    print(f"{name}: {app.size} numbers, largest difference {np.abs(mine - app).max():.2e} <= {ATOL:g}")
print("match")
"""


def compare_code(recipe: Recipe) -> str:
    data = ",\n".join(f"    {literal(name)}: {literal(value)}" for name, value in recipe.numbers.items())
    head = "APP_NUMBERS = {  # the app's numbers for the same inputs, at export"
    return f"{head}\n{data},\n}}\nATOL = {recipe.atol!r}\n\n{COMPARE}"


def build(recipe: Recipe, lang: str = "en", title: str = "", root: str = ROOT) -> nbformat.NotebookNode:
    """The notebook (nbformat v4) of one view; markdown in `lang` ('en' or 'zh')."""
    intro = "\n\n".join(say(key, lang) for key in (*recipe.explain, *recipe.notes))
    head = f"# {title}\n\n{intro}\n\n{say('nb.how', lang)}"
    cells = [
        v4.new_markdown_cell(head),
        v4.new_markdown_cell(say("nb.setup", lang)),
        v4.new_code_cell(setup_code(recipe, root)),
        v4.new_markdown_cell(say("nb.inputs", lang)),
        v4.new_code_cell(inputs_code(recipe.inputs)),
        v4.new_markdown_cell(say("nb.compute", lang)),
        v4.new_code_cell(recipe.compute.strip()),
        v4.new_markdown_cell(say("nb.figure", lang)),
        v4.new_code_cell(recipe.figure.strip()),
        v4.new_markdown_cell(say("nb.compare", lang)),
        v4.new_code_cell(compare_code(recipe)),
    ]
    nb = v4.new_notebook(cells=cells)
    nb.metadata.update(
        kernelspec={"name": "python3", "display_name": "Python 3", "language": "python"},
        language_info={"name": "python"},
    )
    return nb


def dumps(nb: nbformat.NotebookNode) -> str:
    nbformat.validate(nb)
    return nbformat.writes(nb)


def file_name(tab: str) -> str:
    return f"llm-playground-{tab}.ipynb"
