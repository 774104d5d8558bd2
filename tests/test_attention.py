"""playground.attention: readable tokens, input checks, rollout, GQA, and the numbers against transformers."""

import numpy as np
import pytest
import torch

from playground import attention
from playground.errors import Term
from tests.coded import raises_key
from tests.tiny_models import tiny, use_tiny

# ---- tokens as people read them --------------------------------------------------------------


def test_byte_alphabet_is_the_tokenizers_library_one():
    from tokenizers.pre_tokenizers import ByteLevel

    table = attention._byte_decoder()
    assert set(table) == set(ByteLevel.alphabet()) and sorted(table.values()) == list(range(256))
    assert table["Ġ"] == ord(" ") and table["Ċ"] == ord("\n")


@pytest.mark.parametrize("text", ["Hello world", "你好，世界", "emoji 😀 and 🇫🇷 flags", "tab\tand\nnewline", "é ü ß"])
def test_readable_byte_pieces_give_back_the_text(text):
    """Pieces cut by tokenizers' own byte-level pre-tokenizer, split again inside characters like BPE does."""
    from tokenizers.pre_tokenizers import ByteLevel

    words = [w for w, _ in ByteLevel(add_prefix_space=False, use_regex=True).pre_tokenize_str(text)]
    pieces = [part for w in words for part in (w[:2], w[2:]) if part]  # cut inside multi-byte characters too
    readable = attention.readable_byte_pieces(pieces, set())
    rebuilt = ""
    for shown in readable:  # a piece starting with '…' repeats the character the previous piece started
        shown = shown[2:] if shown.startswith("…") else shown
        rebuilt += shown.removesuffix("…")
    expected = text.replace(" ", attention.SPACE).replace("\n", attention.NEWLINE).replace("\t", attention.TAB)
    assert rebuilt == expected


def test_a_character_split_over_pieces_is_marked_on_both_sides():
    # "你" is E4 BD A0: 'ä½' holds two bytes, 'ł' the third; '好' is whole in 'å¥½'
    assert attention.readable_byte_pieces(["Hello", "Ġ", "ä½", "ł", "å¥½"], set()) == ["Hello", "␣", "你…", "…你", "好"]
    assert attention.readable_byte_pieces(["<|im_start|>", "Ġhi"], {"<|im_start|>"}) == ["<|im_start|>", "␣hi"]


def test_invalid_bytes_show_a_replacement_character():
    assert attention.readable_byte_pieces(["ł"], set()) == ["\ufffd"]  # a lone continuation byte 0xA0


# ---- input checks ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, key, params",
    [
        ("", "attention.err.empty", {}),
        ("   \n\t ", "attention.err.empty", {}),
        (None, "attention.err.empty", {}),
        ("x" * 20_000, "attention.err.too_long", dict(limit=4_000, n=20_000)),
        ("bell \x07 here", "attention.err.control_character", dict(code="0007", position=5)),
        ("nul\x00", "attention.err.control_character", dict(code="0000", position=3)),
    ],
    ids=["empty", "blank", "none", "too-long", "bell", "nul"],
)
def test_bad_text_is_refused_with_a_sentence(text, key, params):
    with raises_key(key, what=Term("text"), **params):
        attention.check_text(text)


@pytest.mark.parametrize("text", ["😀🎉", "中文句子。", "line one\nline two\ttab", "<img src=x onerror=alert(1)>"])
def test_good_text_passes_unchanged(text):
    assert attention.check_text(text) == text


@pytest.mark.parametrize("value", [-1, 6, 2.5, None, 10**9])
def test_layer_out_of_range(value):
    with raises_key("attention.err.bad_index", what=Term("layer"), top=5, value=value):
        attention.check_index(value, 6, Term("layer"))


# ---- views of the weights --------------------------------------------------------------------


def random_attention(layers=3, heads=4, t=7, causal=False, seed=0):
    g = torch.Generator().manual_seed(seed)
    scores = torch.randn(layers, heads, t, t, generator=g)
    if causal:
        scores = scores.masked_fill(torch.ones(t, t, dtype=torch.bool).triu(1), float("-inf"))
    return scores.softmax(-1)


def test_rollout_matches_the_paper_written_out_in_numpy():
    att = random_attention()
    expected, r = [], np.eye(7)
    for layer in att.double().numpy():
        a = 0.5 * layer.mean(axis=0) + 0.5 * np.eye(7)
        a = a / a.sum(axis=1, keepdims=True)
        r = a @ r
        expected.append(r)
    got = attention.rollout(att)
    np.testing.assert_allclose(got.numpy(), np.stack(expected), atol=1e-6)
    torch.testing.assert_close(got.sum(-1), torch.ones(3, 7))


def test_rollout_of_a_causal_model_stays_causal():
    assert attention.causal_leak(attention.rollout(random_attention(causal=True))) == 0.0
    assert attention.causal_leak(random_attention()) > 0.1


def test_head_mean_and_gqa_groups():
    att = random_attention()
    torch.testing.assert_close(attention.head_mean(att)[1], att[1].mean(0))
    assert [attention.kv_head_of(h, 9, 3) for h in range(9)] == [0, 0, 0, 1, 1, 1, 2, 2, 2]
    assert [attention.kv_head_of(h, 12, 12) for h in (0, 5, 11)] == [0, 5, 11]


# ---- the engine on tiny models of each layout (fast) ------------------------------------------


@pytest.mark.parametrize("kind", ["bert", "llama", "gpt2"])
def test_attend_returns_what_transformers_returns(monkeypatch, kind):
    use_tiny(monkeypatch)
    result = attention.attend(f"tiny-{kind}", "The cat sat on the mat. 猫")
    loaded = tiny(kind)
    batch = loaded.tokenizer("The cat sat on the mat. 猫", return_tensors="pt")
    with torch.no_grad():
        expected = loaded.model(**batch, output_attentions=True).attentions
    torch.testing.assert_close(result.attentions, torch.stack(expected)[:, 0])
    torch.testing.assert_close(result.attentions.sum(-1), torch.ones(result.shape[:3]))
    assert result.ids == batch["input_ids"][0].tolist() and len(result.tokens) == len(result.ids)
    assert result.causal == (kind != "bert")
    if result.causal:
        assert attention.causal_leak(result.attentions) == 0.0


def test_gqa_model_reports_its_key_value_heads(monkeypatch):
    use_tiny(monkeypatch)
    assert attention.attend("tiny-llama", "hi there").n_kv_heads == 2  # 6 query heads share 2
    assert attention.attend("tiny-bert", "hi there").n_kv_heads == 4


def test_sentence_pair_segments_and_cut(monkeypatch):
    use_tiny(monkeypatch)
    result = attention.attend("tiny-bert", "first sentence", "second one")
    assert result.tokens == ["[CLS]", "first", "sentence", "[SEP]", "second", "one", "[SEP]"]
    assert result.segments == [0, 0, 0, 0, 1, 1, 1]
    long = attention.attend("tiny-bert", "word " * 300, max_tokens=20)
    assert len(long.tokens) == 20 and long.total_tokens == 302 and long.cut == 282
    with raises_key("attention.err.pair_for_causal", model="tiny-llama"):
        attention.attend("tiny-llama", "a", "b")


def test_unknown_pieces_show_the_text_they_replace(monkeypatch):
    use_tiny(monkeypatch)
    result = attention.attend("tiny-bert", "hello 😀")
    assert result.tokens[2] == "[UNK] 😀" and result.unknown == 1


# ---- the real embedded models (slow) ---------------------------------------------------------


@pytest.mark.slow
def test_minilm_attention_is_transformers_attention():
    from transformers import AutoModel, AutoTokenizer

    from playground import embedded

    result = attention.attend("all-MiniLM-L6-v2", "The animal was tired.", "它很累。")
    path = embedded.minilm_dir()
    tok = AutoTokenizer.from_pretrained(path)
    net = AutoModel.from_pretrained(path, attn_implementation="eager").eval()
    batch = tok("The animal was tired.", "它很累。", return_tensors="pt")
    with torch.no_grad():
        expected = torch.stack(net(**batch, output_attentions=True).attentions)[:, 0]
    assert result.shape == (6, 12, batch["input_ids"].shape[1], batch["input_ids"].shape[1])
    torch.testing.assert_close(result.attentions, expected)
    assert result.segments == batch["token_type_ids"][0].tolist()


@pytest.mark.slow
def test_smollm2_chinese_is_causal_gqa_and_readable():
    result = attention.attend("SmolLM2-135M-Instruct", "我爱北京。The end")
    assert result.shape[:2] == (30, 9) and result.n_kv_heads == 3
    assert attention.causal_leak(result.attentions) == 0.0
    torch.testing.assert_close(result.attentions.sum(-1), torch.ones(result.shape[:3]))
    joined = "".join(t.replace("…", "") for t in result.tokens)
    for char in "我爱北京。":
        assert char in joined
    assert "␣The" in result.tokens or "␣end" in result.tokens
