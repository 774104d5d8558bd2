"""ui/errors.py: engine errors become one escaped sentence; broken text is refused before the handler runs."""

import gradio as gr
import pytest

from ui.errors import friendly


@friendly
def echo_error(text):
    raise ValueError(f"'{text}' is not a variable name.")


@friendly
def crash(text):
    return {}["missing"]


@friendly
def stream(text):
    yield text
    raise ValueError(f"bad <{text}>")


def test_a_student_error_is_escaped_because_gradio_renders_it_as_html():
    with pytest.raises(gr.Error) as info:
        echo_error("<img src=x onerror=alert(1)> & co")
    assert info.value.message == "'&lt;img src=x onerror=alert(1)&gt; &amp; co' is not a variable name."


def test_an_unexpected_error_is_one_sentence_without_its_class_or_traceback():
    with pytest.raises(gr.Error) as info:
        crash("x")
    assert info.value.message.startswith("Something went wrong") and "KeyError" not in info.value.message


def test_a_lone_surrogate_is_refused_before_the_handler_runs_also_for_streams():
    with pytest.raises(gr.Error, match="broken character"):
        echo_error("half an emoji \ud83d")
    with pytest.raises(gr.Error, match="broken character"):
        next(stream(["\udc00"]))
    chunks = stream("<b>")
    assert next(chunks) == "<b>"
    with pytest.raises(gr.Error, match="bad &lt;&lt;b&gt;&gt;"):
        next(chunks)


@friendly
def coded(word):
    from playground.errors import InputError, Term

    raise InputError("inside.err.not_one_token", field=Term("inside.target"), word=word, count=2)


def test_a_coded_error_is_written_from_the_text_tables_with_its_terms_translated():
    from gradio.context import LocalContext

    from tests.test_i18n import request

    with pytest.raises(gr.Error) as info:
        coded("<b>Parisian")
    assert info.value.message == (
        "“&lt;b&gt;Parisian” is 2 tokens for this model, but the target word must be exactly one token. "
        "Try a common word with its leading space, such as “ Paris”."
    )
    token = LocalContext.request.set(request(cookie="zh-CN"))
    try:
        with pytest.raises(gr.Error, match="但目标词必须恰好是一个词元"):
            coded(" Parisian")
    finally:
        LocalContext.request.reset(token)


def test_every_key_the_inside_engine_raises_has_a_sentence():
    import re
    from pathlib import Path

    from ui.i18n.en import EN

    engine = Path(__file__).resolve().parents[1] / "playground"
    modules = ["inside_inputs", "residual", "logit_lens", "attention_sinks", "patching", "kv_cache"]
    raised = {key for m in modules for key in re.findall(r'"(inside\.err\.[a-z_]+)"', (engine / f"{m}.py").read_text())}
    assert raised and raised <= EN.keys()
    fields = {"text", "target", "clean", "corrupt", "clean_answer", "corrupt_answer", "prompt"}
    assert {f"term.inside.{f}" for f in fields} <= EN.keys()
