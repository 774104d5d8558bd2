"""playground.positional against the formula, the source text's class, transformers and BLOOM's ALiBi."""

import math

import pytest
import torch

from playground import positional
from tests.coded import raises_key


def reference_pe(n: int, d: int, base: float = 10000.0) -> torch.Tensor:
    """The formula written out entry by entry, in float64."""
    pe = torch.zeros(n, d, dtype=torch.float64)
    for pos in range(n):
        for i in range(d // 2):
            pe[pos, 2 * i] = math.sin(pos / base ** (2 * i / d))
            pe[pos, 2 * i + 1] = math.cos(pos / base ** (2 * i / d))
    return pe


@pytest.mark.parametrize("n, d, base", [(1, 2, 10000.0), (17, 8, 10000.0), (50, 64, 500.0), (8, 6, 1e6)])
def test_sinusoidal_matches_formula(n, d, base):
    pe = positional.sinusoidal(n, d, base)
    assert pe.shape == (n, d)
    torch.testing.assert_close(pe.double(), reference_pe(n, d, base), atol=1e-6, rtol=0)


@pytest.mark.parametrize("n, d", [(64, 128), (100, 32)])
def test_seed_positional_encoding_equals_ours(n, d):
    check = positional.seed_check(n, d)
    assert check.max_abs_diff < 1e-5
    # batch-first input (B, T, d) gives every token of sample 0 the encoding of position 0
    assert check.batch_first_positions == [0] * n
    assert check.batch_first_error > 0.5


def test_sinusoidal_rows_have_norm_sqrt_half_d_and_dot_depends_on_distance_only():
    pe = positional.sinusoidal(64, 32)
    torch.testing.assert_close(pe.norm(dim=1), torch.full((64,), 4.0), atol=1e-5, rtol=0)
    profile = positional.similarity_by_distance(positional.similarity(pe, "dot"))
    assert float((profile.high - profile.low).max()) < 1e-4
    assert float(profile.mean[0]) == pytest.approx(16.0, abs=1e-4)  # d/2


def test_distance_profile_summarises_each_diagonal():
    sim = torch.randn(7, 7, generator=torch.Generator().manual_seed(0))
    profile = positional.similarity_by_distance(sim)
    diagonals = [torch.diagonal(sim, offset=k) for k in range(7)]  # the reference: one diagonal at a time
    torch.testing.assert_close(profile.mean, torch.stack([d.mean() for d in diagonals]))
    torch.testing.assert_close(profile.low, torch.stack([d.min() for d in diagonals]))
    torch.testing.assert_close(profile.high, torch.stack([d.max() for d in diagonals]))
    assert profile.distance.tolist() == list(range(7))


def test_cosine_similarity_is_dot_over_half_d():
    pe = positional.sinusoidal(20, 16)
    torch.testing.assert_close(
        positional.similarity(pe, "cosine"), positional.similarity(pe, "dot") / 8, atol=1e-5, rtol=0
    )


def test_sinusoidal_value_matches_the_matrix():
    pe = positional.sinusoidal(30, 16, 10000.0)
    v = positional.sinusoidal_value(25, 3, 16, 10000.0)
    assert v.sin == pytest.approx(float(pe[25, 6]), abs=1e-6)
    assert v.cos == pytest.approx(float(pe[25, 7]), abs=1e-6)
    assert v.wavelength == pytest.approx(2 * math.pi * 10000 ** (6 / 16))


@pytest.mark.parametrize(
    "n, d, base, key, params",
    [
        (10, 7, 10000.0, "positional.err.odd_d_model", dict(d_model=7)),
        (10, 0, 10000.0, "positional.err.d_model", {}),
        (10**7, 64, 10000.0, "positional.err.too_many_positions", dict(limit=positional.MAX_POSITIONS, n=10**7)),
        (10, 64, -1.0, "positional.err.base", dict(limit=positional.MAX_BASE)),
        (10, 64, float("nan"), "positional.err.base", dict(limit=positional.MAX_BASE)),
        (None, 64, 10000.0, "positional.err.positions", {}),
        (0, 64, 10000.0, "positional.err.positions", {}),
        (10, None, 10000.0, "positional.err.d_model", {}),
        (10, 64, None, "positional.err.base", dict(limit=positional.MAX_BASE)),
        (10.5, 64, 10000.0, "positional.err.positions", {}),
        (10, 4096, 10000.0, "positional.err.d_model_too_big", dict(limit=positional.MAX_D_MODEL, n=4096)),
    ],
)
def test_bad_arguments_get_a_sentence(n, d, base, key, params):
    with raises_key(key, **params):
        positional.sinusoidal(n, d, base)


def test_rope_matches_transformers_llama_rotation():
    from transformers.models.llama.modeling_llama import apply_rotary_pos_emb

    torch.manual_seed(0)
    T, d, theta = 12, 64, 100000.0
    q, k = torch.randn(1, 3, T, d, dtype=torch.float64), torch.randn(1, 3, T, d, dtype=torch.float64)
    inv = positional.inverse_frequencies(d, theta)
    freqs = torch.arange(T, dtype=torch.float64).unsqueeze(1) * inv
    emb = torch.cat((freqs, freqs), dim=-1)[None]  # (1, T, d), as LlamaRotaryEmbedding builds it
    q_ref, k_ref = apply_rotary_pos_emb(q, k, emb.cos(), emb.sin())
    positions = torch.arange(T)
    torch.testing.assert_close(positional.apply_rope(q, positions, theta), q_ref)
    torch.testing.assert_close(positional.apply_rope(k, positions, theta), k_ref)


def test_rope_inverse_frequencies_match_llama_rotary_embedding():
    from transformers import LlamaConfig
    from transformers.models.llama.modeling_llama import LlamaRotaryEmbedding

    config = LlamaConfig(hidden_size=576, num_attention_heads=9, rope_theta=100000.0)
    rotary = LlamaRotaryEmbedding(config)
    torch.testing.assert_close(positional.inverse_frequencies(64, 100000.0).float(), rotary.inv_freq.float())


def test_rope_score_depends_only_on_distance():
    torch.manual_seed(1)
    q, k = torch.randn(2, 64, dtype=torch.float64)
    scores = positional.rope_scores(q, k, 40, 10000.0)
    assert positional.toeplitz_deviation(scores) < 1e-9
    assert float(scores[0, 0]) == pytest.approx(float(q @ k))  # no rotation at distance 0
    assert float(scores.std()) > 0.1  # and yet the scores do change with distance


def test_toeplitz_deviation_detects_position_dependence():
    scores = torch.arange(16.0).view(4, 4)  # row-dependent, not Toeplitz
    assert positional.toeplitz_deviation(scores) > 0


@pytest.mark.parametrize("n_heads", [1, 2, 8, 12, 16, 6])
def test_alibi_matches_bloom(n_heads):
    from transformers.models.bloom.modeling_bloom import build_alibi_tensor

    T = 10
    ours = positional.alibi_bias(n_heads, T)  # (H, T, T): -m (i - j), NaN above the diagonal
    bloom = build_alibi_tensor(torch.ones(1, T), n_heads, torch.float64).view(n_heads, 1, T)  # m * j
    torch.testing.assert_close(positional.alibi_slopes(n_heads), bloom[:, 0, 1], atol=1e-7, rtol=0)
    # the two differ by a per-row constant (-m i), which the softmax removes
    causal = torch.tril(torch.ones(T, T, dtype=torch.bool))
    scores = torch.randn(n_heads, T, T, dtype=torch.float64)
    ours_p = torch.softmax((scores + ours.nan_to_num(0)).masked_fill(~causal, -math.inf), dim=-1)
    bloom_p = torch.softmax((scores + bloom).masked_fill(~causal, -math.inf), dim=-1)
    torch.testing.assert_close(ours_p, bloom_p)


def test_alibi_masks_the_future_and_is_zero_on_the_diagonal():
    bias = positional.alibi_bias(4, 6)
    assert torch.isnan(bias[:, 0, 1:]).all()
    assert (torch.diagonal(bias, dim1=1, dim2=2) == 0).all()
    assert positional.alibi_slopes(8).tolist() == [2 ** -(h + 1) for h in range(8)]


@pytest.mark.parametrize("heads", [0, -1, 65, 2.5, None])
def test_alibi_bad_heads(heads):
    with raises_key("positional.err.heads", limit=positional.MAX_HEADS):
        positional.alibi_slopes(heads)


def test_learned_positions_from_a_tiny_bert_and_gpt2():
    from transformers import BertConfig, BertModel, GPT2Config, GPT2Model, LlamaConfig, LlamaModel

    bert = BertModel(
        BertConfig(
            hidden_size=32,
            num_hidden_layers=1,
            num_attention_heads=2,
            intermediate_size=64,
            max_position_embeddings=40,
            vocab_size=100,
        )
    )
    assert positional.learned_positions(bert).shape == (40, 32)
    torch.testing.assert_close(positional.learned_positions(bert), bert.embeddings.position_embeddings.weight)
    gpt2 = GPT2Model(GPT2Config(n_embd=16, n_layer=1, n_head=2, n_positions=24, vocab_size=100))
    torch.testing.assert_close(positional.learned_positions(gpt2), gpt2.wpe.weight)
    llama = LlamaModel(
        LlamaConfig(hidden_size=16, num_hidden_layers=1, num_attention_heads=2, intermediate_size=32, vocab_size=100)
    )
    with raises_key("positional.err.no_table", model="LlamaModel"):
        positional.learned_positions(llama)


@pytest.mark.slow
def test_learned_positions_of_real_minilm():
    from playground import models

    table = positional.learned_positions(models.load("all-MiniLM-L6-v2").model)
    assert table.shape == (512, 384)
    sim = positional.similarity(table[:64], "cosine")
    # trained neighbours are more alike than far-apart positions
    assert float(torch.diagonal(sim, 1).mean()) > float(torch.diagonal(sim, 40).mean())


@pytest.mark.slow
def test_rope_settings_of_real_smollm2():
    from playground import models

    assert positional.rope_settings(models.load_config("SmolLM2-135M-Instruct")) == (100000.0, 64)
