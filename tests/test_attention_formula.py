"""playground.attention_formula: the source text's SelfAttention on real weights reproduces the model's attention."""

import pytest
import torch

from playground import attention_formula as formula
from playground.errors import Term
from tests.coded import raises_key
from tests.tiny_models import use_tiny


def test_rope_and_rms_norm_are_transformers_llama_ones():
    from transformers.models.llama.modeling_llama import LlamaRMSNorm, apply_rotary_pos_emb

    g = torch.Generator().manual_seed(0)
    q, k = torch.randn(2, 3, 5, 8, generator=g)  # (H, T, d_k)
    angles = torch.arange(5.0)[:, None] * 10000 ** (-torch.arange(0, 8, 2) / 8)  # (T, d/2)
    cos, sin = torch.cat([angles.cos()] * 2, -1), torch.cat([angles.sin()] * 2, -1)  # (T, d_k)
    ref_q, ref_k = apply_rotary_pos_emb(q[None], k[None], cos[None], sin[None])
    torch.testing.assert_close(formula.rope(q, cos, sin), ref_q[0])
    torch.testing.assert_close(formula.rope(k, cos, sin), ref_k[0])
    norm = LlamaRMSNorm(8, eps=1e-5)
    with torch.no_grad():
        norm.weight.copy_(torch.randn(8, generator=g))
        x = torch.randn(5, 8, generator=g)
        torch.testing.assert_close(formula.rms_norm(x, norm.weight, 1e-5), norm(x))


def test_causal_mask_and_split_heads():
    mask = formula.causal_mask(3)
    assert mask[0, 1] == float("-inf") and mask[1, 0] == 0 and mask.diagonal().eq(0).all()
    x = torch.arange(12.0).view(2, 6)  # (T=2, 3 heads x 2)
    assert formula.split_heads(x, 3)[1].tolist() == [[2.0, 3.0], [8.0, 9.0]]


@pytest.mark.parametrize("kind, heads", [("bert", 4), ("llama", 6), ("gpt2", 4)])
def test_every_layout_is_recomputed_exactly(monkeypatch, kind, heads):
    use_tiny(monkeypatch)
    for head in (0, heads - 1):
        check = formula.formula_check(f"tiny-{kind}", "The cat sat on the mat. 猫", 1, head)
        assert check.weights_diff < 1e-5 and check.output_diff < 1e-5
        torch.testing.assert_close(check.weights.sum(-1), torch.ones(len(check.tokens)))
        if kind != "bert":
            assert check.masked[0, 1] == float("-inf") and check.weights.triu(1).abs().max() == 0
    if kind == "bert":
        assert check.seed_exact and check.seed_diff < 1e-5 and check.differences == []
    else:
        assert not check.seed_exact and check.seed_diff > 1e-3  # no mask (and no RoPE) in the seed code


def test_gqa_head_reads_its_group(monkeypatch):
    use_tiny(monkeypatch)
    check = formula.formula_check("tiny-llama", "one two three", 0, 5)
    said = {d.key: dict(d.params) for d in check.differences}
    gqa = said["attention_formula.note.gqa"]  # 6 query heads share 2 key/value heads; head 5 reads kv head 1
    assert check.kv_head == 1 and (gqa["h"], gqa["kvh"], gqa["head"], gqa["kv_head"]) == (6, 2, 5, 1)
    assert "attention_formula.note.rope" in said


def test_gpt2_fused_c_attn_is_explained(monkeypatch):
    use_tiny(monkeypatch)
    check = formula.formula_check("tiny-gpt2", "one two three", 0, 0)
    assert "attention_formula.note.fused_c_attn" in {d.key for d in check.differences}


@pytest.mark.parametrize(
    "kwargs, key, params",
    [
        (dict(layer=6), "attention.err.bad_index", dict(what=Term("layer"), top=1, value=6)),
        (dict(head=-1), "attention.err.bad_index", dict(what=Term("head"), top=3, value=-1)),
        (dict(text="  "), "attention.err.empty", dict(what=Term("text"))),
    ],
)
def test_bad_arguments(monkeypatch, kwargs, key, params):
    use_tiny(monkeypatch)
    args = dict(model_name="tiny-bert", text="hello", layer=0, head=0) | kwargs
    with raises_key(key, **params):
        formula.formula_check(**args)


@pytest.mark.slow
def test_minilm_layer_from_the_seed_code_matches_to_1e6():
    check = formula.formula_check("all-MiniLM-L6-v2", "The animal didn't cross the street.", 3, 7, "它太累了。")
    assert check.weights_diff < 1e-5 and check.output_diff < 1e-5 and check.seed_diff < 1e-5
    assert check.d_k == 32 and check.q.shape == (len(check.tokens), 32)


@pytest.mark.slow
def test_smollm2_layer_recomputed_by_hand_with_rope_and_gqa():
    check = formula.formula_check("SmolLM2-135M-Instruct", "The capital of France is Paris. 你好", 10, 4)
    assert check.weights_diff < 1e-5 and check.output_diff < 1e-4
    assert check.kv_head == 1 and check.d_k == 64
    assert check.seed_diff > 1e-2  # the seed module alone: no RoPE, no causal mask
