"""The two languages: same keys and fields in both tables, how a request's language is read, and what `t()` writes
while a layout is built (gradio's marker) or a request is served (the sentence)."""

import json
import re
import string

import gradio as gr
import pytest
from gradio.context import LocalContext
from starlette.requests import Request as StarletteRequest

from ui import i18n
from ui.i18n import t
from ui.i18n.en import EN
from ui.i18n.zh import ZH


def fields(text: str):
    """The {fields} of a format string, or 'raw' for a sentence that is never formatted (LaTeX braces)."""
    try:
        return sorted({name for _, name, _, _ in string.Formatter().parse(text) if name is not None})
    except ValueError:
        return "raw"


def request(cookie: str | None = None, accept: str | None = None) -> gr.Request:
    headers = [(b"cookie", f"{i18n.COOKIE}={cookie}".encode())] if cookie else []
    headers += [(b"accept-language", accept.encode())] if accept else []
    return gr.Request(request=StarletteRequest({"type": "http", "headers": headers}))


@pytest.fixture
def serving():
    """Serve t() as if gradio were answering a request with these headers."""
    tokens = []

    def set_request(**headers):
        tokens.append(LocalContext.request.set(request(**headers)))

    yield set_request
    for token in reversed(tokens):
        LocalContext.request.reset(token)


def test_both_tables_have_exactly_the_same_keys():
    assert set(EN) - set(ZH) == set(), "keys without a Chinese sentence"
    assert set(ZH) - set(EN) == set(), "Chinese sentences for keys that do not exist"


@pytest.mark.parametrize("key", sorted(EN))
def test_each_sentence_has_the_same_format_fields(key):
    assert fields(ZH[key]) == fields(EN[key])


def test_chinese_sentences_are_chinese():
    """A key left in English in the Chinese table is a missed translation (names and formulas may stay)."""
    words = lambda text: re.sub(r"\{[^{}]*\}", "", text)  # noqa: E731 (a format field is no word)
    same = [key for key in EN if ZH[key] == EN[key] and any(ch.isalpha() and ch.isascii() for ch in words(EN[key]))]
    allowed = {"pos.sin.formula", "pos.pos", "pos.rope.tab", "pos.alibi.tab", "header.hub", "arch.size.d_model"}
    names = {"term.n_examples", "term.d_model", "term.d_ff"}  # the engine's names of inputs, as the API spells them
    assert set(same) <= allowed | names | {"arch.size.d_ff"}


@pytest.mark.parametrize(
    ("cookie", "accept", "expected"),
    [
        ("zh-CN", "en-US,en;q=0.9", "zh"),  # the page's choice wins over the browser's
        ("en", "zh-CN,zh;q=0.9", "en"),
        (None, "zh-CN,zh;q=0.9,en;q=0.8", "zh"),
        (None, "zh-Hans-CN", "zh"),
        (None, "fr-FR,fr;q=0.9,en;q=0.8", "en"),
        (None, "fr-FR", "en"),
        ("", "", "en"),
        (None, None, "en"),
        ("xx-garbage", "zh-TW", "zh"),
        ("zhx", None, "en"),  # not a zh tag
    ],
)
def test_language_of_a_request(cookie, accept, expected):
    assert i18n.language_of(cookie, accept) == expected


def test_t_outside_any_request_is_english():
    assert t("att.run") == EN["att.run"]
    assert t("att.tokens", n=3, model="m", layers=1, heads=2) == EN["att.tokens"].format(
        n=3, model="m", layers=1, heads=2
    )


def test_t_in_a_chinese_request_writes_chinese_with_the_numbers(serving):
    serving(cookie="zh-CN")
    assert t("att.run") == "显示注意力"
    assert t("ft.upload_ok", n=12, pos=5, neg=7) == "读取了 12 对：5 对标签为 1，7 对标签为 0。"


def test_accept_language_decides_without_the_cookie(serving):
    serving(accept="zh-CN,zh;q=0.9")
    assert t("ft.stop") == "停止"
    serving(accept="de-DE")
    assert t("ft.stop") == "Stop"


def test_t_while_building_a_layout_is_gradios_marker_and_resolves_back(serving):
    with gr.Blocks():
        label = t("att.run")
        formatted = t("att.cut", total=9, n=4)  # a sentence with numbers cannot wait for the browser: English now
    assert label == str(gr.I18n()("att.run"))
    assert formatted == EN["att.cut"].format(total=9, n=4)
    assert i18n.resolve(label) == EN["att.run"]
    serving(cookie="zh-CN")
    assert i18n.resolve(label) == "显示注意力"
    assert i18n.resolve(f"({label})") == "(显示注意力)"
    assert i18n.resolve("plain text 中文") == "plain text 中文" and i18n.resolve(3) == 3


def test_gradio_gets_both_tables_under_its_locale_codes():
    tables = i18n.translations(EN).translations_dict
    assert set(tables) == {"en", "zh-CN", "zh"}
    assert tables["en"] == EN and tables["zh-CN"]["att.tab"] == "注意力" and tables["zh"] == tables["zh-CN"]
    assert set(tables["zh"]) == set(EN)  # a key not yet translated shows in English


def test_the_tables_hold_the_keys_marked_while_building():
    with gr.Blocks():
        gr.Button(t("att.run"))
        gr.Markdown(t("att.cut", total=9, n=4))  # written now, in English: no marker, nothing for the browser
    tables = i18n.translations().translations_dict
    assert "att.run" in i18n.MARKED and tables["en"]["att.run"] == EN["att.run"]
    assert tables["zh-CN"]["att.run"] == tables["zh"]["att.run"] == "显示注意力"
    assert "att.cut" not in tables["en"] and "att.cut" not in tables["zh"]  # a sentence with numbers is never marked


def test_the_page_carries_a_sentence_for_every_marker_it_holds_and_no_other():
    """The app's served config: each marker in it has its sentence in both languages, and live text's keys (written
    on the server) are not sent, so the page is lighter."""
    import app

    config = app.demo.get_config_file()
    tables = i18n.translations().translations_dict
    served = {
        key for _, key in i18n.MARKER.findall(json.dumps(config, default=str, ensure_ascii=False).replace('\\"', '"'))
    }
    assert len(served) > 200  # the intros, labels and buttons of every tab
    for locale in ("en", "zh-CN", "zh"):
        assert served <= set(tables[locale])
        assert set(tables[locale]) <= set(EN)
    assert tables["zh"]["att.tab"] == "注意力"
    assert len(tables["en"]) < len(EN) / 2  # the sentences of errors and live notes stay on the server


def test_a_handler_error_is_written_in_the_request_language(serving):
    from ui.errors import friendly

    @friendly
    def broken():
        raise RuntimeError("boom")

    serving(cookie="zh-CN")
    with pytest.raises(gr.Error, match="服务器在计算这个视图时出错了"):
        broken()


def test_friendly_handlers_receive_sentences_not_markers(serving):
    from ui.errors import friendly

    seen = []

    @friendly
    def handler(text, other=""):
        seen.append((text, other))

    serving(cookie="zh-CN")
    handler(i18n.marker("att.text_default"), other=i18n.marker("loss.text_default"))
    assert seen == [(ZH["att.text_default"], ZH["loss.text_default"])]


@pytest.mark.parametrize("table", [EN, ZH], ids=["en", "zh"])
def test_no_sub_tab_shares_its_name_with_a_tab_of_the_app(table):
    """A sub-tab named like a tab of the app (微调 / 微调) is ambiguous on screen and for the browser tests."""
    from ui.tabs import TABS

    tabs = {table[tab.label] for tab in TABS}
    sub_tabs = {table[key] for key in table if key.endswith(".tab") and key.count(".") == 2}
    assert len(tabs) == len(TABS) and not tabs & sub_tabs  # no two tabs share a name either


def engine_errors() -> list:
    """Real coded errors of the engine: a Term inside, numbers, a Note inside a Note, a model that is missing."""
    from playground import attention, generation, losses, models
    from playground.errors import InputError, Term

    calls = [
        lambda: attention.check_text("   "),
        lambda: losses.check_text(""),
        lambda: attention.check_index(9, 6, Term("layer")),
        lambda: attention.check_text("x" * (attention.MAX_CHARS + 1), Term("second_sentence")),
        lambda: losses.check_text("x" * (losses.MAX_CHARS + 1)),
        lambda: losses.check_rate(0.0),
        lambda: losses.check_tau(0.0),
        lambda: models.load_config("gpt2"),  # in the catalogue, not available offline
        lambda: generation.check(generation.GenerationConfig(temperature=-1.0, do_sample=True)),
        lambda: generation.check(generation.GenerationConfig(top_p=0.0, do_sample=True)),
    ]
    errors = []
    for call in calls:
        with pytest.raises((InputError, models.ModelUnavailable)) as info:
            call()
        errors.append(info.value)
    return errors


def test_engine_errors_are_written_in_the_request_language(serving):
    errors = engine_errors()
    english = [i18n.say(err) for err in errors]  # outside a request: English
    assert english[0] == "Type some text first: it is empty."
    assert english[2] == "The layer must be a whole number from 0 to 5 for this model (got 9)."
    assert english[3].startswith("The second sentence is limited to 4,000 characters here (you gave 4,001)")
    assert english[7].startswith("gpt2 is not available here: it needs the Hugging Face Hub (HF_HUB_OFFLINE is set)")
    assert english[7].endswith(", or download it once with `hf download openai-community/gpt2`.")
    serving(cookie="zh-CN")
    chinese = [i18n.say(err) for err in errors]
    for before, after in zip(english, chinese, strict=True):
        assert after != before and any("\u4e00" <= ch <= "\u9fff" for ch in after), before
    assert chinese[0] == "请先输入文本：现在是空的。"
    assert chinese[2] == "层必须是 0 到 5 之间的整数（对这个模型而言；收到的是 9）。"
    assert chinese[3].startswith("第二个句子在这里最多 4,000 个字符（你输入了 4,001 个）")
    assert chinese[7].startswith("gpt2 在这里不可用：它需要 Hugging Face Hub（设置了 HF_HUB_OFFLINE）")


def test_say_translates_terms_and_notes_inside_a_sentence(serving):
    from playground.errors import InputError, Note, Term

    done = Note.of(
        "finetune.note.done",
        done=Note.of("finetune.note.stopped", step=12),
        accuracy=Note.of("finetune.note.accuracy", acc=0.81234, at=10),
    )
    not_whole = InputError("inputs.err.not_whole", what=Term("the_seed"), low=0, high=10_000, value="2.5")
    stopped = "Stopped by request at step 12; the model so far is kept."
    assert i18n.say(done) == stopped + " Validation accuracy 0.812 (step 10)."
    assert i18n.say(not_whole) == "The seed must be a whole number from 0 to 10,000 (got 2.5)."
    assert i18n.say(Note.from_json(done.as_json())) == i18n.say(done)  # as a run's status.json keeps it
    serving(cookie="zh-CN")
    assert i18n.say(done) == "已按要求在第 12 步停止；保留了到此为止的模型。验证集准确率 0.812（第 10 步）。"
    assert i18n.say(not_whole) == "随机种子必须是 0 到 10,000 之间的整数（收到的是 2.5）。"


def test_a_coded_error_from_a_handler_is_a_sentence_in_the_page_language(serving):
    from playground.errors import InputError
    from ui.errors import friendly

    @friendly
    def handler():
        raise InputError("generation.err.top_k", limit=1000)

    with pytest.raises(gr.Error) as english:
        handler()
    serving(cookie="zh-CN")
    with pytest.raises(gr.Error) as chinese:
        handler()
    assert english.value.message == "top-k must be a whole number from 0 (off) to 1000."
    assert chinese.value.message == "top-k 必须是 0（关闭）到 1000 之间的整数。"


def test_the_english_example_inputs_are_the_api_defaults():
    """The English UI starts from the same inputs as the JSON endpoints (their defaults stay English)."""
    from ui.tabs import architecture as architecture_tab
    from ui.tabs import losses as losses_tab

    assert EN["loss.text_default"] == losses_tab.DEFAULT_TEXT
    assert EN["loss.paraphrase_default"] == losses_tab.DEFAULT_PARAPHRASE
    assert EN["arch.text_default"] == architecture_tab.DEFAULT_TEXT


@pytest.mark.parametrize("table", [EN, ZH], ids=["en", "zh"])
def test_sentences_set_inside_a_formula_carry_no_markdown(table):
    """`loss.sum.live` puts these inside `\\text{...}` of a formula, where `**` shows as two stars."""
    for key in ("loss.sum.real", "loss.sum.untrained"):
        assert "**" not in table[key] and "`" not in table[key], key
