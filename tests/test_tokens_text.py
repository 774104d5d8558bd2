"""Every key the Tokens engine raises has an English and a Chinese sentence with the same placeholders."""

import re
import string
from pathlib import Path

import pytest

import playground_tokens_text as text

ROOT = Path(__file__).resolve().parents[1]
MODULES = ["corpus", "tokenization", "bpe", "ngram", "lm_compare"]
SAMPLE = {"limit": 20000, "length": 20001, "position": 3, "code": "U+0007", "low": 1, "high": 4, "value": "5"}
SAMPLE |= {"name": "x", "known": "a, b", "hub_id": "google-bert/bert-base-chinese"}


def placeholders(sentence: str) -> set[str]:
    return {field for _, field, _, _ in string.Formatter().parse(sentence) if field}


def test_both_languages_have_the_same_keys_and_placeholders():
    assert text.EN.keys() == text.ZH.keys()
    for key in text.EN:
        assert placeholders(text.EN[key]) == placeholders(text.ZH[key]), key
        text.EN[key].format(**SAMPLE), text.ZH[key].format(**SAMPLE)


def test_every_key_in_the_engine_has_sentences():
    source = "\n".join((ROOT / "playground" / f"{m}.py").read_text("utf-8") for m in MODULES)
    literal = set(re.findall(r'"(tokens\.(?:err|note)\.[a-z_]+)"', source))
    ranges = {f"tokens.err.{n}_range" for n in re.findall(r'whole\([^)]*?"(\w+)"', source)}
    positives = {f"tokens.err.{n}_positive" for n in re.findall(r'positive\([^)]*?"(\w+)"', source)}
    used = literal | ranges | positives
    assert used - text.EN.keys() == set()
    assert text.EN.keys() - used == set()  # and no sentence for a key nobody raises


@pytest.mark.parametrize("key", sorted(text.EN))
def test_chinese_sentences_are_chinese(key):
    assert re.search("[\u4e00-\u9fff]", text.ZH[key])
