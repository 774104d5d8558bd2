"""playground/lazy.py: a lazy module imports on first use; `source_of` reads what `inspect.getsource` gives."""

import inspect
import subprocess
import sys
from pathlib import Path

import pytest

from playground import architecture, lazy, seed_code

ROOT = Path(__file__).resolve().parents[1]


def test_a_lazy_module_is_imported_when_an_attribute_is_first_read():
    code = (
        "import sys; from playground.lazy import lazy; colorsys = lazy('colorsys');"
        "before = 'colorsys' in sys.modules; value = colorsys.rgb_to_hsv(1, 0, 0);"
        "print(before, 'colorsys' in sys.modules, value)"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "True", "(0.0,", "1.0,", "1)"]


def test_a_lazy_module_reads_the_module_as_it_is_now(monkeypatch):
    lazy_seed = lazy.lazy("playground.seed_code")
    assert lazy_seed.TransformerBlock is seed_code.TransformerBlock
    monkeypatch.setattr(seed_code, "SelfAttention", "replaced")  # a test's monkeypatch is seen through it
    assert lazy_seed.SelfAttention == "replaced"
    with pytest.raises(AttributeError):
        getattr(lazy_seed, "no_such_name")  # noqa: B009 (the attribute read is the test)


@pytest.mark.parametrize(
    ("module", "obj"),
    [
        (seed_code, seed_code.SelfAttention),
        (seed_code, seed_code.TransformerBlock),
        (architecture, architecture.part_of),
    ],
)
def test_source_of_is_inspect_getsource(module, obj):
    assert lazy.source_of(module.__name__, obj.__name__) == inspect.getsource(obj)


def test_source_of_an_unknown_name_says_so():
    with pytest.raises(LookupError, match="NoSuchClass"):
        lazy.source_of("playground.seed_code", "NoSuchClass")
