"""playground.templates: variables, rendering (checked against str.format), brace errors, the library."""

import pytest

from playground import templates
from tests.coded import raises_key


@pytest.mark.parametrize(
    "template, values",
    [
        ("Review: {text}\nSentiment:", {"text": "Great film!"}),
        ("{a}{b}{a}", {"a": "x", "b": "y"}),
        ('JSON: {{"k": {v}}}', {"v": "1"}),
        ("{{{name}}}", {"name": "braced"}),
        ("评论：{评论}\n情感：", {"评论": "这部电影太好看了！"}),
        ("emoji {e} 🎉", {"e": "🙂"}),
        ("no variables at all", {}),
        ("{text}", {"text": "value with {braces} inside"}),
    ],
)
def test_render_matches_str_format(template, values):
    assert templates.render(template, values) == template.format(**values)


def test_variables_in_order_each_once():
    assert templates.variables("{b} {a} {b} {{c}}") == ["b", "a"]
    assert templates.variables("Q: {question} A: {{answer}}") == ["question"]


@pytest.mark.parametrize(
    "template, key, params",
    [
        ("", "templates.err.empty", {}),
        ("   \n", "templates.err.empty", {}),
        ("Review: {text\nSentiment:", "templates.err.unclosed", dict(at=9)),
        ("a { b", "templates.err.unclosed", dict(at=3)),
        ("{a{b}", "templates.err.unclosed", dict(at=1)),
        ("stray } brace", "templates.err.unopened", dict(at=7)),
        ("{}", "templates.err.not_a_name", dict(name="", at=1)),
        ("{two words}", "templates.err.not_a_name", dict(name="two words", at=1)),
        ("{1abc}", "templates.err.not_a_name", dict(name="1abc", at=1)),
        (
            "x" * (templates.MAX_TEMPLATE_CHARS + 1),
            "templates.err.too_long",
            dict(limit=templates.MAX_TEMPLATE_CHARS, n=templates.MAX_TEMPLATE_CHARS + 1),
        ),
    ],
    ids=["empty", "blank", "unclosed", "lone-open", "nested", "stray-close", "empty-name", "space", "digit", "long"],
)
def test_bad_templates_say_what_is_wrong(template, key, params):
    with raises_key(key, **params):
        templates.render(template, {})


def test_missing_and_unknown_values():
    with raises_key("templates.err.missing_value", names="{text}"):
        templates.render("Review: {text}", {})
    with raises_key("templates.err.unknown_variable", names="{txet}", known="{text}"):
        templates.render("Review: {text}", {"text": "a", "txet": "b"})


def test_every_library_template_renders_with_its_values():
    names = templates.library_names()
    assert len(names) == len(set(names))
    assert {e.task for e in templates.LIBRARY} == {"sentiment", "paraphrase", "topic", "qa"}
    assert {e.style for e in templates.LIBRARY} == {"zero-shot", "few-shot", "instruction", "cloze", "chat"}
    for entry in templates.LIBRARY:
        text = templates.render(entry.text, entry.values)
        assert "{" not in text and text.strip()
    assert templates.render(templates.library("qa · cloze").text, {"country": "France"}) == "The capital of France is"
    with raises_key("templates.err.not_in_library", name="nope"):
        templates.library("nope")


def test_chat_template_needs_one():
    class NoChat:
        chat_template = None

    with raises_key("templates.err.no_chat_template"):
        templates.apply_chat(NoChat(), "hi")
