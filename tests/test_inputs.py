"""playground.inputs: lone surrogates and unusable numbers become sentences before any model sees them."""

import math

import pytest

from playground.errors import Term
from playground.inputs import check_strings, check_unicode, whole_number
from tests.coded import raises_key


@pytest.mark.parametrize("text", ["plain", "你好，世界", "😀🎉", "\u202eRTL\u200b", "a\x00b", ""])
def test_readable_text_passes_unchanged(text):
    assert check_unicode(text) == text


@pytest.mark.parametrize(("text", "code", "position"), [("\ud800", "D800", 0), ("ok \udfff", "DFFF", 3)])
def test_a_lone_surrogate_is_named_with_its_position(text, code, position):
    with raises_key("inputs.err.broken_character", what=Term("the_text"), code=code, position=position):
        check_unicode(text)


def test_surrogates_are_found_inside_lists_and_dicts_and_keys():
    check_strings([("fine", 3, None), {"k": ["v", 1.5]}])
    for nested, code in (
        (["a", ["\ud83d"]], "D83D"),
        ({"x": {"y": "\ud83d"}}, "D83D"),
        ({"\udc00": "v"}, "DC00"),
        (("a", {"examples": [{"text": "\ud800"}]}), "D800"),
    ):
        with raises_key("inputs.err.broken_character", code=code, position=0):
            check_strings(nested)


@pytest.mark.parametrize(("value", "expected"), [(3, 3), (3.0, 3), ("7", 7), (0, 0), (10, 10)])
def test_whole_numbers_in_range(value, expected):
    assert whole_number(value, Term("the_seed"), 0, 10) == expected


@pytest.mark.parametrize("value", [math.nan, math.inf, -math.inf, 1e30, 2**70, -1, 11, 2.5, "x", None, [1], {}])
def test_anything_else_is_a_sentence_naming_the_range(value):
    with raises_key("inputs.err.not_whole", what=Term("the_seed"), low=0, high=10, value=repr(value)):
        whole_number(value, Term("the_seed"), 0, 10)
