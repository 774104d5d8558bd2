"""playground.templates: variables, rendering (checked against str.format), brace errors, the library."""

import pytest

from playground import templates


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
    "template, message",
    [
        ("", "empty"),
        ("   \n", "empty"),
        ("Review: {text\nSentiment:", "never closed"),
        ("a { b", "never closed"),
        ("{a{b}", "never closed"),
        ("stray } brace", "no opening"),
        ("{}", "not a variable name"),
        ("{two words}", "not a variable name"),
        ("{1abc}", "not a variable name"),
        ("x" * (templates.MAX_TEMPLATE_CHARS + 1), "limited to"),
    ],
)
def test_bad_templates_say_what_is_wrong(template, message):
    with pytest.raises(ValueError, match=message):
        templates.render(template, {})


def test_missing_and_unknown_values():
    with pytest.raises(ValueError, match=r"Give a value for \{text\}"):
        templates.render("Review: {text}", {})
    with pytest.raises(ValueError, match=r"no variable \{txet\}"):
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
    with pytest.raises(ValueError, match="not in the template library"):
        templates.library("nope")


def test_chat_template_needs_one():
    class NoChat:
        chat_template = None

    with pytest.raises(ValueError, match="no chat template"):
        templates.apply_chat(NoChat(), "hi")
