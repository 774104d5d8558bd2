"""playground_inside_text: every inside.err key the engine raises has an English and a Chinese sentence."""

import re
import string
from pathlib import Path

import playground_inside_text as text

ROOT = Path(__file__).resolve().parents[1]
MODULES = ["inside_inputs", "residual", "logit_lens", "attention_sinks", "patching", "kv_cache"]


def placeholders(sentence: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(sentence) if name}


def test_english_and_chinese_have_the_same_keys_and_placeholders():
    assert text.EN.keys() == text.ZH.keys()
    for key in text.EN:
        assert placeholders(text.EN[key]) == placeholders(text.ZH[key]), key


def test_every_key_the_engine_raises_has_a_sentence():
    raised = set()
    for module in MODULES:
        raised |= set(re.findall(r'"(inside\.err\.[a-z_]+)"', (ROOT / "playground" / f"{module}.py").read_text()))
    assert raised and raised <= text.EN.keys()
    fields = {"text", "target", "clean", "corrupt", "clean_answer", "corrupt_answer", "prompt"}
    assert {f"term.inside.{f}" for f in fields} <= text.EN.keys()


def test_sentences_format_with_their_values():
    values = dict(field="text", limit=64, chars=5000, tokens=80, least=2, position=3, word=" Parisian", count=2,
                  model="MiniLM", architecture="T5", high=30, value="nan", clean=9, corrupt=10)  # fmt: skip
    for table in (text.EN, text.ZH):
        for sentence in table.values():
            assert "{" not in sentence.format(**values)
