"""Tokenizers side by side: ids equal the libraries' own, bytes spell the text, no piece shows U+FFFD."""

import pytest

from playground import tokenization as tk
from playground.errors import InputError, Note

TEXTS = {
    "english": "The quick brown fox jumps over the lazy dog.",
    "chinese": "语言模型是一种概率模型，它给每个句子一个概率。",
    "emoji": "👍🏽 family: 👨\u200d👩\u200d👧 🇨🇳!",
    "code": "def f(x):\n\treturn x**2  # square\n",
    "mixed": "Привет мир, 日本語, ελληνικά, العربية and cafe\u0301 café",
    "spaces": "   two  spaces\n\nnew line",
}


@pytest.fixture(scope="module")
def offline():
    loaded, missing = tk.available(tk.OFFLINE)
    assert missing == []
    return loaded


@pytest.mark.parametrize("text", TEXTS.values(), ids=TEXTS.keys())
def test_ids_equal_the_library_encoding(offline, text):
    for loaded in offline:
        row = tk.row(loaded, text)
        reference = loaded.library(text, add_special_tokens=False)["input_ids"]
        assert [p.id for p in row.pieces] == reference == loaded.library.encode(text, add_special_tokens=False)
        assert row.tokens == len(reference)


@pytest.mark.parametrize("text", TEXTS.values(), ids=TEXTS.keys())
def test_byte_level_pieces_spell_the_text_and_never_show_a_replacement_character(offline, text):
    for loaded in offline:
        row = tk.row(loaded, text)
        assert all("\ufffd" not in p.display for p in row.pieces)
        if loaded.byte_level:
            joined = b"".join(bytes.fromhex(p.hex) for p in row.pieces)
            assert joined == text.encode("utf-8")
            assert loaded.library.decode([p.id for p in row.pieces]) == text


def test_a_chinese_character_cut_into_bytes_shows_as_that_character(offline):
    gpt2 = tk.row(offline[0], "猫")
    shown = [(p.display, p.partial, p.hex) for p in gpt2.pieces]
    assert shown == [("猫", True, "e7"), ("猫", True, "8c"), ("猫", True, "ab")]
    assert all((p.start, p.end) == (0, 1) for p in gpt2.pieces)


def test_display_groups_byte_chunks_that_straddle_characters():
    chunks = [b"\xe7\x8c", b"\xab\xe7", b"\x8b\x97", b"a"]  # 猫 = e7 8c ab, 狗 = e7 8b 97
    assert tk.display_pieces(chunks) == [("猫", True), ("猫狗", True), ("狗", True), ("a", False)]
    assert tk.display_pieces([b"\xe7\x8c"]) == [("<e7 8c>", True)]  # the text ended inside a character


def test_byte_alphabet_is_gpt2s_table():
    from transformers.convert_slow_tokenizer import bytes_to_unicode

    assert tk.byte_alphabet() == {c: b for b, c in bytes_to_unicode().items()}


def test_wordpiece_counts_unknown_pieces_and_keeps_their_text(offline):
    minilm = next(t for t in offline if t.name == "all-MiniLM-L6-v2")
    row = tk.row(minilm, "hello 👍 world")
    unknown = [p for p in row.pieces if p.unknown]
    assert row.unknown == len(unknown) == 1 and unknown[0].hex == "👍".encode().hex(" ")
    assert row.kind == "WordPiece"


def test_ratios_and_context_fit(offline):
    text = TEXTS["english"]
    result = tk.tokenize(text, tk.OFFLINE)
    assert (result.chars, result.bytes) == (len(text), len(text.encode()))
    for row in result.rows:
        assert row.tokens_per_char == pytest.approx(row.tokens / len(text))
        assert row.tokens_per_byte == pytest.approx(row.tokens / len(text.encode()))
        assert row.chars_in_context == pytest.approx(row.context * len(text) / row.tokens)
    assert [r.context for r in result.rows] == [1024, 8192, 512]


def test_chinese_costs_gpt2_more_tokens_per_character_than_english(offline):
    english, chinese = tk.row(offline[0], TEXTS["english"]), tk.row(offline[0], TEXTS["chinese"])
    assert chinese.tokens_per_char > 1 > english.tokens_per_char


def test_hub_only_tokenizers_are_reported_not_raised():
    result = tk.tokenize("hi", tk.OFFLINE + tk.HUB_ONLY)  # tests run with HF_HUB_OFFLINE=1
    names = [n.params[0][1] for n in result.unavailable]
    assert len(result.rows) + len(names) == 5
    assert all(isinstance(n, Note) and n.key == "tokens.note.unavailable" for n in result.unavailable)


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("", "tokens.err.empty"),
        ("   \n", "tokens.err.empty"),
        (None, "tokens.err.empty"),
        ("x" * 20_001, "tokens.err.too_long"),
        ("a\x00b", "tokens.err.control"),
        ("ok \ud800", "tokens.err.surrogate"),
    ],
)
def test_bad_text_raises_a_key(text, key):
    with pytest.raises(InputError) as err:
        tk.tokenize(text, tk.OFFLINE)
    assert err.value.key == key


def test_unknown_tokenizer_raises_a_key():
    with pytest.raises(InputError) as err:
        tk.load_tokenizer("my-tokenizer")
    assert err.value.key == "tokens.err.tokenizer"
