"""Sentence-pair data: the offline BIG-bench extract, and uploads validated with clear messages."""

import json

import pytest

from playground import pairs
from tests.coded import raises_key


def test_the_offline_set_is_split_by_sentence_and_balanced():
    train, validation = pairs.load("paraphrase", "train"), pairs.load("paraphrase", "validation")
    assert 500 <= len(train) <= 1000 and 150 <= len(validation) <= 300
    assert not {r["sentence1"] for r in train} & {r["sentence1"] for r in validation}
    for rows in (train, validation):
        assert abs(sum(r["label"] for r in rows) / len(rows) - 0.5) < 0.05


def test_negatives_are_near_misses_not_random_sentences():
    raw = pairs.read_rows(pairs.PARAPHRASE_DIR / "train.jsonl")
    kinds = {r["kind"] for r in raw if r["label"] == 0}
    assert kinds == {"entity", "negation", "neighbour"}
    negated = next(r for r in raw if r["kind"] == "negation")
    assert " not " in negated["sentence2"] or "cannot" in negated["sentence2"]


def test_mrpc_says_why_when_the_hub_is_unreachable():
    from playground.hub import hub_status

    with raises_key("pairs.err.mrpc_offline", reason=hub_status().reason):
        pairs.load("mrpc", "train")


def test_pinned_pairs_cover_both_labels():
    picks = pairs.pinned(pairs.read_rows(pairs.PARAPHRASE_DIR / "validation.jsonl"))
    assert len(picks) == 4 and {p["label"] for p in picks} == {0, 1}


def csv_bytes(rows, header="s1,s2,y"):
    return (header + "\n" + "\n".join(rows) + "\n").encode("utf-8")


GOOD = [f"sentence {i},other {i},{i % 2}" for i in range(30)]


def test_a_good_csv_with_mapped_columns():
    rows = pairs.parse_upload(csv_bytes(GOOD), "pairs.csv", "s1", "s2", "y")
    assert len(rows) == 30 and rows[1] == {"sentence1": "sentence 1", "sentence2": "other 1", "label": 1}


def test_jsonl_with_chinese_text_and_word_labels():
    lines = [
        json.dumps({"a": f"我爱北京{i}", "b": f"北京{i}", "y": "yes" if i % 2 else "no"}, ensure_ascii=False)
        for i in range(25)
    ]
    rows = pairs.parse_upload("\n".join(lines).encode("utf-8"), "pairs.jsonl", "a", "b", "y")
    assert rows[1] == {"sentence1": "我爱北京1", "sentence2": "北京1", "label": 1}


@pytest.mark.parametrize(
    ("data", "name", "key", "params"),
    [
        (csv_bytes(GOOD, "x,s2,y"), "p.csv", "pairs.err.missing_columns", dict(missing="s1", found="x, s2, y")),
        (csv_bytes(GOOD + [",empty,1"]), "p.csv", "pairs.err.empty_sentences", dict(n=1, lines="32")),
        (csv_bytes(GOOD + ["a,b,maybe"]), "p.csv", "pairs.err.unknown_labels", dict(labels="'maybe'", column="y")),
        ("s1,s2,y\nétait,café,1\n".encode("latin-1"), "p.csv", "pairs.err.not_utf8", dict(byte=8)),
        (
            b"s1,s2,y\n" + b"a,b,1\n" * (pairs.MAX_UPLOAD_BYTES // 6 + 1),
            "p.csv",
            "pairs.err.file_too_big",
            dict(limit=5),
        ),
        (csv_bytes(GOOD[:5]), "p.csv", "pairs.err.too_few", dict(n=5, limit=20)),
        (csv_bytes([f"a{i},b{i},1" for i in range(30)]), "p.csv", "pairs.err.one_label", {}),
        (b"{not json}\n", "p.jsonl", "pairs.err.not_json_object", dict(line=1)),
        (b"s1,s2,y\n", "p.csv", "pairs.err.no_rows", {}),
        (csv_bytes(GOOD), "p.xlsx", "pairs.err.file_type", {}),
    ],
)
def test_bad_uploads_get_a_sentence_that_says_what_to_fix(data, name, key, params):
    with raises_key(key, **params):
        pairs.parse_upload(data, name, "s1", "s2", "y")
