"""The source text's code in playground/seed_code.py still reads exactly as in the text, and runs."""

import inspect
import re
from pathlib import Path

import pytest
import torch

from playground import seed_code

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "assets" / "seed" / "llm-theory-to-practice.zh.md"
SHARED_SEED = ROOT.parent / "shared" / "seed" / "llm-theory-to-practice.zh.md"


def normalise(code: str) -> str:
    return "\n".join(line.rstrip() for line in code.strip("\n").splitlines())


def seed_blocks() -> str:
    return "\n".join(normalise(b) for b in re.findall(r"```python\n(.*?)```", SEED.read_text("utf-8"), re.S))


@pytest.mark.parametrize(
    "cls", [seed_code.SelfAttention, seed_code.PositionalEncoding, seed_code.TransformerBlock, seed_code.Transformer]
)
def test_class_is_verbatim_from_the_source_text(cls):
    assert normalise(inspect.getsource(cls)) in seed_blocks()


@pytest.mark.skipif(not SHARED_SEED.exists(), reason="no ../shared beside this checkout")
def test_vendored_text_equals_the_shared_one():
    assert SEED.read_bytes() == SHARED_SEED.read_bytes()


def test_seed_classes_run_with_batch_first_input():
    torch.manual_seed(0)
    x = torch.randn(2, 5, 16)
    assert seed_code.SelfAttention(16, 4)(x).shape == (2, 5, 16)
    assert seed_code.Transformer(2, 16, 4, 32).eval()(x).shape == (2, 5, 16)
