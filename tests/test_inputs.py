"""playground.inputs: lone surrogates and unusable numbers become sentences before any model sees them."""

import math

import pytest

from playground.inputs import check_strings, check_unicode, whole_number


@pytest.mark.parametrize("text", ["plain", "你好，世界", "😀🎉", "\u202eRTL\u200b", "a\x00b", ""])
def test_readable_text_passes_unchanged(text):
    assert check_unicode(text) == text


@pytest.mark.parametrize(
    ("text", "where"), [("\ud800", "U\\+D800, at position 0"), ("ok \udfff", "U\\+DFFF, at position 3")]
)
def test_a_lone_surrogate_is_named_with_its_position(text, where):
    with pytest.raises(ValueError, match=where):
        check_unicode(text)


def test_surrogates_are_found_inside_lists_and_dicts_and_keys():
    check_strings([("fine", 3, None), {"k": ["v", 1.5]}])
    for nested in (
        ["a", ["\ud83d"]],
        {"x": {"y": "\ud83d"}},
        {"\udc00": "v"},
        ("a", {"examples": [{"text": "\ud800"}]}),
    ):
        with pytest.raises(ValueError, match="broken character"):
            check_strings(nested)


@pytest.mark.parametrize(("value", "expected"), [(3, 3), (3.0, 3), ("7", 7), (0, 0), (10, 10)])
def test_whole_numbers_in_range(value, expected):
    assert whole_number(value, "n", 0, 10) == expected


@pytest.mark.parametrize("value", [math.nan, math.inf, -math.inf, 1e30, 2**70, -1, 11, 2.5, "x", None, [1], {}])
def test_anything_else_is_a_sentence_naming_the_range(value):
    with pytest.raises(ValueError, match="The seed must be a whole number from 0 to 10"):
        whole_number(value, "The seed", 0, 10)
