"""ui/tabs/tokens.py handlers and /tokens_* endpoints: chips whose ids are the tokenizers' own, a Chinese character
split into bytes shown as the character, typed text escaped, a sentence (English or Chinese) for bad input; and every
key the engine raises has a sentence in both tables."""

import json
import re
import string
from pathlib import Path

import gradio as gr
import pytest

from ui.i18n.en import EN
from ui.i18n.zh import ZH

ROOT = Path(__file__).resolve().parents[1]
ENGINE = ["corpus", "tokenization", "bpe", "ngram", "lm_compare"]
SAMPLE = {"limit": 20000, "length": 20001, "position": 3, "code": "U+0007", "low": 1, "high": 4, "value": "5"}
SAMPLE |= {"name": "x", "known": "a, b", "hub_id": "google-bert/bert-base-chinese"}
HOSTILE = "<img src=x onerror=\"window.__pwned=1\"><script>alert('x')</script> 大模型"


# ---- the engine's keys (fast: no tokenizer, no model) -----------------------------------------------


def engine_keys() -> set[str]:
    """Every `tokens.err.*` / `tokens.note.*` key the engine can raise (literal, or built by whole()/positive())."""
    source = "\n".join((ROOT / "playground" / f"{m}.py").read_text("utf-8") for m in ENGINE)
    literal = set(re.findall(r'"(tokens\.(?:err|note)\.[a-z_]+)"', source))
    ranges = {f"tokens.err.{n}_range" for n in re.findall(r'whole\([^)]*?"(\w+)"', source)}
    positives = {f"tokens.err.{n}_positive" for n in re.findall(r'positive\([^)]*?"(\w+)"', source)}
    return literal | ranges | positives


def test_every_key_the_engine_raises_has_an_english_and_a_chinese_sentence():
    used = engine_keys()
    assert len(used) >= 14
    assert used - EN.keys() == set() and used - ZH.keys() == set()
    ours = {key for key in EN if key.startswith(("tokens.err.", "tokens.note."))}
    assert ours - used == set()  # and no sentence for a key nobody raises
    for key in used:
        EN[key].format(**SAMPLE), ZH[key].format(**SAMPLE)
        assert re.search("[\u4e00-\u9fff]", ZH[key]), key
        fields = [{f for _, f, _, _ in string.Formatter().parse(table[key]) if f} for table in (EN, ZH)]
        assert fields[0] == fields[1], key


# ---- the handlers ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def tab():
    from ui.tabs import tokens

    return tokens


def chip_titles(html_text: str) -> list[str]:
    return re.findall(r'class="tok-chip[^"]*" title="([^"]*)"', html_text)


@pytest.mark.slow
def test_chips_carry_the_tokenizers_own_ids_and_show_chinese_bytes_as_characters(tab):
    from playground import tokenization

    text = "大模型读的是词元。🙂 tokens"
    chips, table, note = tab.compare_tokenizers(text)
    assert "\ufffd" not in chips and "�" not in json.dumps(table)
    rows = re.findall(r'<div class="tok-row".*?</div></div>', chips, re.S)
    assert len(rows) == len(table["data"]) == 3
    for row, (name, *_rest) in zip(rows, table["data"], strict=True):
        library = tokenization.load_tokenizer(name).library
        want = library(text, add_special_tokens=False)["input_ids"]
        got = [int(re.match(r"id (\d+)", title).group(1)) for title in chip_titles(row)]
        assert got == want, name
    gpt2 = rows[0]
    shown = re.findall(r'white-space:pre">([^<]*)<', gpt2)
    assert shown[:3] == ["大", "模", "模"] or {"大", "模", "型"} <= set(shown)  # byte pieces show their character
    assert "tok-partial" in gpt2 and shown.count("模") == 3  # 模 is 3 one-byte tokens in GPT-2, each marked
    assert "tok-unk" in rows[2]  # MiniLM's [UNK]
    assert table["headers"][3] == "tokens" and "bert-base-chinese is not shown" in note


@pytest.mark.slow
def test_typed_text_is_escaped_everywhere(tab):
    chips, table, note = tab.compare_tokenizers(HOSTILE)
    assert "<script" not in chips and "<img" not in chips and 'onerror="' not in chips
    assert "&lt;" in chips
    bpe_out = tab.show_bpe("en", 512, "<b>x")
    assert "<b>" not in bpe_out[1] and "&lt;" in bpe_out[1]


@pytest.mark.slow
@pytest.mark.parametrize(
    "text, message",
    [
        ("", "The text is empty"),
        ("   \n", "The text is empty"),
        pytest.param("x" * 1_000_000, "limited to 20,000 characters", id="1 MB"),
        ("a\x07b", "invisible control character (U+0007, at position 1)"),
        ("ok \ud83d", "lone UTF-16 surrogate"),
    ],
)
def test_bad_text_is_a_sentence(tab, text, message):
    with pytest.raises(gr.Error, match=re.escape(message)) as info:
        tab.compare_tokenizers(text)
    assert "Traceback" not in info.value.message and "tokens.err" not in info.value.message


@pytest.mark.slow
@pytest.mark.parametrize(
    "args, message",
    [
        (("klingon", 512, "word"), "There is no corpus called 'klingon'"),
        (("en", 100, "word"), "from 256 to 8,192"),
        (("en", 512, ""), "The text is empty"),
        (("en", 512, "x" * 65), "limited to 64 characters"),
    ],
)
def test_bad_bpe_settings_are_a_sentence(tab, args, message):
    with pytest.raises(gr.Error, match=re.escape(message)):
        tab.train_and_show_bpe(*args)


@pytest.mark.slow
def test_an_error_is_written_in_chinese_for_a_chinese_page(tab):
    from gradio.context import LocalContext

    from tests.test_i18n import request

    token = LocalContext.request.set(request(cookie="zh-CN"))
    try:
        with pytest.raises(gr.Error, match="文本为空"):
            tab.compare_tokenizers("")
        with pytest.raises(gr.Error, match="没有名为“klingon”的语料"):
            tab.train_and_show_bpe("klingon", 512, "猫")
    finally:
        LocalContext.request.reset(token)


@pytest.mark.slow
def test_bpe_view_lists_merges_splits_the_word_and_draws_the_curve(tab):
    merges, splits, figure, summary = tab.train_and_show_bpe("en", 1024, "tokenization")
    assert merges["headers"] == ["rank", "left + right", "merged", "count"] and len(merges["data"]) == 20
    assert merges["data"][0][0] == 1 and merges["data"][0][3] >= merges["data"][1][3]  # the most frequent first
    assert splits.count("<tr>") == len(figure.data[0].x) == 6  # 256, 300, 384, 512, 768, 1024
    sizes, bpt = list(figure.data[0].x), list(figure.data[0].y)
    assert sizes[0] == 256 and bpt[0] == pytest.approx(1.0) and bpt[-1] > 2  # merges compress
    assert "768 merges" in summary and figure.layout.xaxis.title.text == "vocabulary size V"
    data = tab.tokens_bpe("en", 1024, "tokenization")
    assert json.loads(json.dumps(data))["compression"][-1]["bytes_per_token"] == pytest.approx(bpt[-1], abs=1e-4)


@pytest.mark.slow
def test_compare_endpoint_is_json_with_the_tokenizers_ids(tab):
    from playground import tokenization

    data = json.loads(json.dumps(tab.tokens_compare("猫 👍 [UNK]")))
    for row in data["tokenizers"]:
        library = tokenization.load_tokenizer(row["name"]).library
        assert [p["id"] for p in row["pieces"]] == library("猫 👍 [UNK]", add_special_tokens=False)["input_ids"]
    assert all("\ufffd" not in p["display"] for row in data["tokenizers"] for p in row["pieces"])
    assert len(data["unavailable"]) == 2


@pytest.mark.slow
def test_ngram_against_smollm2_shows_the_zero_count_problem(tab):
    """Without smoothing an unseen trigram makes the product 0: the view says where, the chart marks ∞."""
    formula, factors, figure, models_table, ngram_sample, neural_sample = tab.compare_models(
        "the qzx model", 3, "mle", 1.0, 0
    )
    assert "zero-count problem" in formula and "$= 0$" in formula and "\\prod_{t=1}^{T}" in formula
    assert factors["data"][0][0] == 1 and len(factors["data"]) == 12
    assert [trace.name for trace in figure.data] == ["3-gram", "SmolLM2", "p = 0 (never seen)"]
    assert len(figure.data[0].x) == len("the qzx model") and list(figure.layout.xaxis.ticktext)[3] == "␣"
    assert models_table["data"][0][4] == "∞" and models_table["data"][1][4] != "∞"
    assert ngram_sample.startswith("the qzx mode") and neural_sample.startswith("the qzx mode")
    data = tab.tokens_ngram("the qzx model", 3, "mle", 1.0, 0)
    text = json.dumps(data, allow_nan=False)  # no inf/NaN in the JSON: null instead
    assert data["zero_count"] >= 1 and data["perplexity"]["ngram_per_char"] is None
    assert len(data["bits_per_char_aligned"]["neural"]) == len(data["characters"]) and len(text) > 100


@pytest.mark.slow
def test_the_shared_code_gives_the_same_ids(tab):
    import subprocess
    import sys

    from playground import tokenization

    text = "大模型 reads 🙂"
    code = tab.TAB.share.code({"text": text}) + "\nimport json\nprint('@@' + json.dumps(ids))\n"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300, cwd="/")
    assert out.returncode == 0, out.stderr[-2000:]
    ids = json.loads([line for line in out.stdout.splitlines() if line.startswith("@@")][-1][2:])
    for name, got in ids.items():
        assert got == tokenization.load_tokenizer(name).library(text, add_special_tokens=False)["input_ids"]
