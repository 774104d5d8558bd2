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
