"""Every view's live text follows the page's language: chart titles, axis titles, subplot titles, legend names,
hover texts, the notes with numbers and the table headers that the handlers write for one request.

Under a Chinese request no English word is left (names, symbols, formulas and code aside); under an English
request every text is exactly what the views wrote before they were translated: `i18n_views_en.json`, recorded
from the code of commit 22d52fd with `python tests/test_i18n_views.py HEAD_CHECKOUT`.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import pytest

GOLDEN = Path(__file__).with_name("i18n_views_en.json")
RUN_ID = re.compile(r"\b\d{8}-\d{6}-\d{6}\b")  # a run's id (time and random): not part of the text
SIZES = dict(layers=2, d_model=64, heads=4, d_ff=256, vocab=1000, seq_len=16, batch=2)
TEXT = "我很喜欢这部电影，音乐太美了。"
PAIRS = "一个人在弹吉他。 | 有人在弹木吉他。\n银行提高了利率。 | 央行上调了利率。\n我们坐在河岸上。 | 他们在河边休息。"
SENTIMENT = ("Review: {text}\nSentiment:", "positive: positive\nnegative: negative")


# ---- the views, each called with fixed inputs --------------------------------------------------------------


def positional_views(mp):
    from ui.tabs import positional as tab

    return {
        "sinusoidal dot": tab.draw_sinusoidal(32, 16, 10000.0, "dot", "0, 1, 15"),
        "sinusoidal cosine": tab.draw_sinusoidal(24, 8, 100.0, "cosine", "0, 7"),
        "formula": tab.sinusoidal_formula(10, 0, 128, 10000.0),
        "learned": tab.draw_learned("all-MiniLM-L6-v2", 40, "cosine"),
        "learned dot": tab.draw_learned("all-MiniLM-L6-v2", 16, "dot"),
        "rope config": tab.rope_from_model("SmolLM2-135M-Instruct")[2],
        "rope custom": tab.rope_from_model(tab.ROPE_CUSTOM)[2],
        "rope": tab.draw_rope(10000.0, 16, 12, "0, 3", 0),
        "alibi": tab.draw_alibi(6, 8),
        "seed check": tab.run_seed_check(16, 32),
        "seed check long": tab.run_seed_check(20, 8),
    }


def attention_views(mp):
    from tests.tiny_models import use_tiny
    from ui.tabs import attention as tab

    use_tiny(mp)
    tab.attend.cache_clear()
    return {
        "gqa": tab.show_attention("tiny-llama", "我爱北京，猫坐着。", "", 1, 4),
        "pair": tab.show_attention("tiny-bert", "猫坐着。", "狗跑了。", 0, 1),
        "formula llama": tab.show_formula("tiny-llama", "我爱北京", "", 1, 2),
        "formula bert": tab.show_formula("tiny-bert", "我爱北京", "", 1, 2),
        "formula gpt2": tab.show_formula("tiny-gpt2", "我爱北京", "", 0, 1),
    }


def architecture_views(mp):
    from playground import models
    from tests.tiny_models import use_tiny
    from ui.tabs import architecture as tab

    use_tiny(mp)
    mp.setattr(models, "load_config", lambda name: models.load(name).model.config)
    return {
        "parameters bert": tab.show_parameters("tiny-bert"),
        "parameters llama": tab.show_parameters("tiny-llama"),
        "block bert": tab.show_block("tiny-bert", "我爱北京", 1, 2),
        "block llama": tab.show_block("tiny-llama", "我爱北京", 1, 2),
        "size": tab.show_size(*SIZES.values()),
    }


def inside_views(mp):
    from tests.tiny_models import use_tiny
    from ui.tabs import inside as tab

    use_tiny(mp)
    tab.lens_of.cache_clear()
    kv = list(tab.stream_kv("tiny-llama", "Once upon a time", 3, True))[-1]
    return {  # the texts are English words (data): SmolLM2's tokenizer cuts a Chinese character into bytes
        "lens": tab.show_lens("tiny-llama", "The cat sat on the mat", " the", 1, 2),
        "lens without target": tab.show_lens("tiny-llama", "The cat sat", "", 0, 0),
        "sinks": tab.show_sinks("tiny-llama", "The cat sat on the mat"),
        "patching": tab.show_patching("tiny-llama", "The cat sat on the mat", "The dog sat on the mat", " yes", " no"),
        "kv cache": kv[1:],  # the generated text itself is data
    }


def losses_views(mp):
    from playground import losses
    from ui.tabs import losses as tab

    return {
        "causal": tab.run_causal(TEXT, losses.CAUSAL_DEFAULT),
        "masked": tab.run_masked(TEXT, 0.3, 0, losses.ENCODER_DEFAULT),
        "infill": tab.run_infill(TEXT, 0.3, 0),
        "contrastive": tab.run_contrastive(PAIRS, 0.05, losses.ENCODER_DEFAULT),
        "fine-tuning": tab.run_fine_tuning("一个人在弹吉他。", "有人在弹吉他。", "paraphrase", 0),
        "prompt": tab.run_prompt(TEXT, "评论：{x}\n情感：", "喜欢, 讨厌, 还行吧", "喜欢"),
        "summary": tab.run_summary("我喜欢这部电影。", "这部片子很棒。", "positive", losses.ENCODER_DEFAULT, 0.05),
    }


def finetune_views(mp, tmp_path):
    import os

    from playground import owners
    from playground.errors import Note
    from playground.runs import RunStore
    from tests.test_finetune_tab import OWNER, finished_run
    from ui.tabs import finetune as tab

    mp.setenv("PLAYGROUND_RUNS", str(tmp_path / "runs"))
    store = RunStore(tmp_path / "runs")
    first, second = finished_run(store), finished_run(store, (0.4, 0.6))
    queued = store.create({}, owner=owners.digest(OWNER))
    store.set_status(
        queued,
        state="running",
        pid=os.getpid(),
        step=3,
        max_steps=10,
        elapsed=30.0,
        message=Note.of("finetune.note.training"),
    )
    return {
        "run": tab.run_views(first.run_id),
        "running": tab.status_markdown(queued.run_id),
        "overlay": tab.overlay([first.run_id, second.run_id], OWNER, ""),
        "runs": tab.refresh_runs([first.run_id], OWNER, "")[0],
        "times": [tab.minutes(75), tab.minutes(42)],
    }


def prompts_views(mp):
    from ui.tabs import prompts as tab

    model = "SmolLM2-135M-Instruct"
    paris = [model, "The capital of {country} is", "country = France", False]
    greedy = list(tab.stream_generation(*paris, "greedy", 1.0, 0, 1.0, 1.0, 3, 0))
    zero = next(tab.stream_generation(*paris, "sample", 0.0, 0, 1.0, 1.0, 1, 0))
    columns = [
        ("The capital of {country} is", "greedy", 1.0, 0, 1.0),
        ("{country}'s capital is", "sample", 0.0, 0, 1.0),
    ]
    flat = [value for column in columns * 2 for value in column]
    side = list(tab.run_columns(model, "country = France", 2, 0, 2, *flat))[-1]
    return {
        "prompt": tab.show_prompt(*paris),
        "generation": (greedy[-1][0], greedy[-1][4]),  # the coloured text and the first step's chart
        "greedy note": zero[1],
        "step": tab.show_step(greedy[-1][2], 1),
        "side by side": side[:2] + side[4:6] + side[8:10],
        "scoring": tab.run_scoring(model, "multiemo sentiment (BIG-bench)", *SENTIMENT, 6, True),
        "scoring raw": tab.run_scoring(model, "multiemo sentiment (BIG-bench)", *SENTIMENT, 6, False),
        "order": tab.run_order_effect(model, "multiemo sentiment (BIG-bench)", *SENTIMENT, 6, 2, 2),
    }


def tokens_views(mp):
    from ui.tabs import tokens as tab

    return {
        "compare": tab.compare_tokenizers("大模型读的是词元。Tokens 🙂"),
        "bpe": tab.show_bpe("zh", 512, "语言模型"),
        "ngram": tab.compare_models("猫坐在垫子上。", 2, "mle", 1.0, 0),
    }


VIEWS = {  # a tab's id -> its views (the tests walk the tabs of ui.tabs.TABS: pytest_generate_tests below)
    "tokens": tokens_views,
    "positional": positional_views,
    "attention": attention_views,
    "architecture": architecture_views,
    "inside": inside_views,
    "losses": losses_views,
    "finetune": finetune_views,
    "prompts": prompts_views,
}


def call(tab: str, mp, tmp_path) -> dict:
    return VIEWS[tab](mp, tmp_path) if tab == "finetune" else VIEWS[tab](mp)


def pytest_generate_tests(metafunc):
    """`tab`: every tab id of ui.tabs.TABS, in order (imported here, not at the module's import: `record` runs this
    file against an older checkout)."""
    if "tab" in metafunc.fixturenames:
        from ui.tabs import TABS

        metafunc.parametrize("tab", [tab.id for tab in TABS])


def test_every_tab_has_its_views_and_data_words():
    from ui.tabs import TABS

    assert list(VIEWS) == [tab.id for tab in TABS]  # a new or renamed tab: write its views above
    assert set(DATA) <= set(VIEWS)


# ---- the texts of a view's outputs -----------------------------------------------------------------------------


def figure_texts(fig) -> dict:
    layout = fig.layout.to_plotly_json()
    axes = {name: (axis.get("title") or {}).get("text") for name, axis in sorted(layout.items()) if "axis" in name}
    return {
        "title": fig.layout.title.text,
        "axes": {name: text for name, text in axes.items() if text},
        "annotations": [a.text for a in fig.layout.annotations],
        "names": [trace.name for trace in fig.data],
        "hovers": [trace.hovertemplate for trace in fig.data],
        "categories": [list(trace.x) for trace in fig.data if trace.type == "bar" and isinstance(trace.x[0], str)],
    }


def table_texts(value, layout_headers=None) -> dict:
    if isinstance(value, dict) and value.get("__type__") == "update":
        return {"headers": value.get("headers"), "data": value.get("value")}
    if isinstance(value, dict):
        return {"headers": value["headers"], "data": value["data"]}
    return {"headers": layout_headers, "data": value}


def texts(value):
    """The texts of an output (a figure, a note, a table, or a tuple of them), run ids written <run>; bertviz's
    own pages are left out."""
    return json.loads(RUN_ID.sub("<run>", json.dumps(raw_texts(value), ensure_ascii=False)))


def raw_texts(value):
    if hasattr(value, "layout") and hasattr(value, "data"):
        return {"figure": figure_texts(value)}
    if isinstance(value, tuple):
        return [raw_texts(part) for part in value]
    if isinstance(value, str):
        return None if value.startswith("<iframe") else value
    if isinstance(value, dict) or (isinstance(value, list) and value and isinstance(value[0], list)):
        return {"table": table_texts(value)}
    if isinstance(value, list):
        return [raw_texts(part) for part in value]
    return value


# ---- what counts as English left over -------------------------------------------------------------------------

NAMES = {  # names, symbols, units and identifiers that stay as they are in the Chinese page
    "PE", "PEᵀ", "QKᵀ", "cos", "softmax", "mod", "log", "ln", "exp", "RoPE", "ALiBi", "nats", "rad", "id",
    "FFN", "LayerNorm", "RMSNorm", "SwiGLU", "SiLU", "GELU", "gelu", "silu", "Attn", "CLS", "SEP", "UNK", "MASK",
    "post", "LN", "pre", "BERT", "Llama", "GPT", "bert", "llama", "gpt2", "PyTorch", "Hugging", "Face", "float32",
    "seq", "batch", "inf", "Conv1D", "theta", "vocab", "PPL", "F1", "lr", "QR", "Adam", "fp32", "bf16", "FLOPs",
    "MiniLM", "SmolLM2", "Abnar", "Zuidema", "True", "False", "None", "eps", "tiny", "kv", "UNTRAINED",
    "KV", "logit", "logits", "pos", "base", "bertviz", "GQA", "max", "W1", "W2", "b1", "b2", "kB", "MB", "GB", "MLM",
    "torch", "sim", "DistilBERT",
}  # fmt: skip
SKIP = [
    re.compile(r"`[^`]*`"),  # code
    re.compile(r"\$\$.*?\$\$|\$[^$]*\$", re.S),  # LaTeX
    re.compile(r"%\{[^}]*\}|<[^>]*>|&\w+;"),  # plotly's fields, markup
    re.compile(
        r"\b(?:all-MiniLM-L6-v2|SmolLM2-135M-Instruct|tiny-\w+|top-[kp]|sentence-transformers)\b"
    ),  # model names, top-k
    re.compile(r"\bquery/key/value/out(?:put)?\b|\bnn\.Linear\b"),  # module names
]


def english_words(text: str, data: set[str] = frozenset()) -> list[str]:
    """English words of a text, leaving out names, symbols, formulas (x_i, h'_j), code and the given data."""
    for pattern in SKIP:
        text = pattern.sub(" ", text)
    words = re.findall(r"[A-Za-z][A-Za-z0-9_'ᵀ]*", text)
    return [w for w in words if len(w) > 1 and "_" not in w and w not in NAMES and w not in data]


def shown_texts(found, skip_html=True):
    """Every title, axis, annotation, legend name, hover text, note and table header in `texts()`'s output."""
    if isinstance(found, list):
        for part in found:
            yield from shown_texts(part, skip_html)
    elif isinstance(found, str) and not (skip_html and found.lstrip().startswith("<")):
        yield found
    elif isinstance(found, dict) and "figure" in found:
        figure = found["figure"]
        yield from filter(None, [figure["title"], *figure["axes"].values(), *figure["annotations"]])
        yield from filter(None, [*figure["names"], *figure["hovers"]])
    elif isinstance(found, dict) and "table" in found:
        yield from found["table"]["headers"] or []


def html_titles(found):
    """The hover titles of the HTML views (token chips), their quoted token text left out."""
    if isinstance(found, list):
        for part in found:
            yield from html_titles(part)
    elif isinstance(found, str) and found.lstrip().startswith("<"):
        for _, title in re.findall(r"title=(['\"])(.*?)\1", found):
            yield re.sub(r"&#x27;.*?&#x27;|'.*?'", " ", title)


@pytest.fixture
def page(monkeypatch):
    """Serve the handlers as if for a page in this language (its cookie)."""
    from gradio.context import LocalContext

    from tests.test_i18n import request

    tokens = []

    def open_page(language: str):
        tokens.append(LocalContext.request.set(request(cookie=language)))

    yield open_page
    for token in reversed(tokens):
        LocalContext.request.reset(token)


NUMBER = re.compile(r"[-−]?\d+(?:[.,]\d+)*(?:e[-+]?\d+)?")


def wording(found):
    """The words of `texts()`'s output with every number written # (the last digits of a model's float may
    differ from one CPU to another; the numbers themselves are checked by each tab's own tests)."""
    if isinstance(found, str):
        return NUMBER.sub("#", found)
    if isinstance(found, float | int) and not isinstance(found, bool):
        return "#"
    if isinstance(found, list):
        return [wording(part) for part in found]
    if isinstance(found, dict):
        return {key: wording(value) for key, value in found.items()}
    return found


@pytest.mark.slow
def test_the_english_views_are_unchanged(tab, page, monkeypatch, tmp_path):
    page("en")
    found = {name: texts(value) for name, value in call(tab, monkeypatch, tmp_path).items()}
    assert wording(found) == wording(json.loads(GOLDEN.read_text("utf-8"))[tab])


def test_wording_masks_numbers_only():
    assert wording({"title": "Layer 3, head 0", "data": [[0.25, "1.5e-15"]]}) == {
        "title": "Layer #, head #",
        "data": [["#", "#"]],
    }
    assert wording("Layer 3") != wording("layer 3")


DATA = {  # words the views show as data: class labels, label words, the input text of a template
    "prompts": {"positive", "negative", "pos", "neg", "Paris", "France", "capital", "The", "of", "is", "country"},
    "losses": {"positive"},
    "inside": {"Hello", "The", "the", "cat", "sat", "on", "mat", "yes", "no"},  # inputs, the control's first word
    "tokens": {
        "byte",
        "level",
        "uncased",
        "chinese",
        "google",
        "Hub",
        "mle",
        "zh",
        "UTF",
        "API",
        "BPE",
        "Kneser",
        "Ney",
    }  # names
    | {f"{byte:02x}" for byte in range(256)},  # a token's bytes in hex (its chip's hover)
}


@pytest.mark.slow
def test_the_chinese_views_have_no_english_left(tab, page, monkeypatch, tmp_path):
    page("zh-CN")
    views = call(tab, monkeypatch, tmp_path)
    left = {}
    for name, value in views.items():
        found = texts(value)
        for text in [*shown_texts(found), *html_titles(found)]:
            if words := english_words(text, DATA.get(tab, set())):
                left.setdefault(name, []).append((words, text[:160]))
    assert left == {}
    chinese = json.dumps([texts(value) for value in views.values()], ensure_ascii=False)
    assert len(re.findall(r"[\u4e00-\u9fff]", chinese)) > 20


def test_english_words_leaves_names_formulas_and_code():
    assert english_words("PE：128 个位置 × 128 个维度") == []
    assert english_words("softmax(QKᵀ/√d_k)：重新计算 `x.transpose(0, 1)` $L_{LM}$ all-MiniLM-L6-v2") == []
    assert english_words("Layer 2, head 0") == ["Layer", "head"]
    assert english_words("查询 %{y}<br>键 %{x}") == []


def test_a_chinese_chart_title_gives_a_file_name():
    """The chart export names a download after the title (export.js: letters and digits of any script kept)."""
    import shutil
    import subprocess

    node = shutil.which("node")
    if node is None:
        pytest.skip("node is not installed")
    source = (Path(__file__).parents[1] / "ui" / "sharing" / "export.js").read_text("utf-8")
    rule = re.search(r"titleOf\(gd\)(\.replace\(.*?\|\| \"chart\")", source, re.S).group(1)
    script = "const name = (title) => title" + rule + ";\n"
    script += (
        'console.log(JSON.stringify(["第 3 层，第 0 个头", "Layer 3, head 0", "（）：", "PE：128 个位置"].map(name)));'
    )
    names = json.loads(subprocess.run([node, "-e", script], capture_output=True, text=True, check=True).stdout)
    assert names == ["第-3-层-第-0-个头", "Layer-3-head-0", "chart", "PE-128-个位置"]


def record(head_checkout: str) -> None:
    """Write the English golden texts from an older checkout of the app (its ui/ and playground/)."""
    import os
    import tempfile

    sys.path.insert(0, head_checkout)
    os.environ.update(HF_HUB_OFFLINE="1", GRADIO_ANALYTICS_ENABLED="False", PLAYGROUND_RUNS=tempfile.mkdtemp())

    from ui.tabs import finetune as finetune_tab
    from ui.tabs import losses as losses_tab

    layout_headers = {  # before the translation, tables were bare rows under the layout's English headers
        ("losses", "causal", 2): losses_tab.lm_table.headers,
        ("losses", "masked", 2): losses_tab.mlm_table.headers,
        ("losses", "infill", 1): losses_tab.infill_table_df.headers,
        ("losses", "prompt", 1): losses_tab.pl_table.headers,
        ("finetune", "runs", None): finetune_tab.runs_df.headers,
    }
    golden = {}
    for tab in VIEWS:
        mp = pytest.MonkeyPatch()
        try:
            views = call(tab, mp, Path(tempfile.mkdtemp()))
        finally:
            mp.undo()
        golden[tab] = {}
        for name, value in views.items():
            found = texts(value)
            for (where, view, index), headers in layout_headers.items():
                if (where, view) == (tab, name):
                    table = found[index] if index is not None else found
                    table["table"]["headers"] = list(headers)
            golden[tab][name] = found
    GOLDEN.write_text(json.dumps(golden, ensure_ascii=False, indent=1) + "\n", "utf-8")


if __name__ == "__main__":
    record(sys.argv[1])
