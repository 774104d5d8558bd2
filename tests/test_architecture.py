"""playground.architecture: parameter counts, the seed's TransformerBlock on a real layer, the size calculator."""

import pytest
import torch

from playground import architecture as arch
from playground import models
from playground.errors import Term
from tests.coded import raises_key
from tests.tiny_models import tiny, use_tiny

TEXT = "The cat sat on the mat. 我爱北京"


@pytest.mark.parametrize("kind", ["bert", "llama", "gpt2"])
def test_breakdown_sums_to_the_parameter_count(kind):
    net = tiny(kind).model
    breakdown = arch.parameter_breakdown(net)
    assert sum(breakdown.counts.values()) == breakdown.total == sum(p.numel() for p in net.parameters())
    assert all(breakdown.counts[part] > 0 for part in ("embeddings", "attention", "FFN", "norms"))
    assert sum(breakdown.share(p) for p in arch.PARTS) == pytest.approx(1.0)


@pytest.mark.parametrize("kind", ["bert", "llama", "gpt2"])
def test_calculator_equals_tiny_models_part_by_part(kind):
    net = tiny(kind).model
    estimate = arch.estimate_for_config(net.config)
    assert estimate.parts == arch.parameter_breakdown(net).counts
    assert estimate.params == sum(p.numel() for p in net.parameters())


def test_seed_defaults_count_the_seed_transformer_exactly():
    from playground.seed_code import Transformer

    net = Transformer(num_layers=3, d_model=32, num_heads=4, d_ff=80)
    estimate = arch.size_estimate(3, 32, 4, 80, vocab=1, seq_len=8)
    assert estimate.params - estimate.parts["embeddings"] == sum(p.numel() for p in net.parameters())
    assert estimate.parts["attention"] == 3 * (4 * 32 * 32 + 4 * 32)
    assert estimate.parts["FFN"] == 3 * (2 * 32 * 80 + 80 + 32)


def test_memory_and_flops_follow_the_rules():
    e = arch.size_estimate(2, 64, 4, 256, vocab=1000, seq_len=16, batch=4)
    n = e.params
    assert e.memory_bytes["fp32"] == {"weights": 4 * n, "gradients": 4 * n, "Adam states": 8 * n, "total": 16 * n}
    assert e.memory_bytes["bf16"]["total"] == 8 * n
    assert e.tokens == 64 and e.training_flops == 6 * n * 64
    assert e.forward_flops == 2 * n * 64 + 4 * 2 * 16 * 16 * 64 * 4


@pytest.mark.parametrize(
    "kwargs, key, params",
    [
        (dict(layers=0), "architecture.err.not_positive", dict(what=Term("layers"), value="0")),
        (dict(d_model=-8), "architecture.err.not_positive", dict(what=Term("d_model"), value="-8")),
        (dict(heads=5), "architecture.err.heads_divide", dict(d=64, heads=5)),
        (dict(d_ff=2.5), "architecture.err.not_positive", dict(what=Term("d_ff"), value="2.5")),
        (dict(vocab="many"), "architecture.err.not_whole", dict(what=Term("vocabulary"), value="'many'")),
        (dict(kv_heads=3), "architecture.err.kv_heads_divide", dict(heads=4, kv=3)),
        (dict(layers=10**6, d_model=10**6, heads=1), "architecture.err.too_many_params", dict(limit=arch.MAX_PARAMS)),
        (dict(seq_len=10**9, batch=10**9), "architecture.err.too_many_tokens", dict(tokens=10**18)),
    ],
)
def test_bad_sizes_are_refused_with_a_sentence(kwargs, key, params):
    args = dict(layers=2, d_model=64, heads=4, d_ff=256, vocab=1000, seq_len=16, batch=1) | kwargs
    with raises_key(key, **params):
        arch.size_estimate(**args)


def test_seed_block_reproduces_a_tiny_bert_layer(monkeypatch):
    use_tiny(monkeypatch)
    check = arch.seed_block_check("tiny-bert", TEXT, 1)
    assert check.diff_matched < 1e-5 and check.diff_as_written > 100 * check.diff_matched
    assert check.activation == "gelu" and check.norm == "post-LN"
    with raises_key("architecture.err.not_bert", model="tiny-llama", kind="llama"):
        arch.seed_block_check("tiny-llama", TEXT, 0)
    with raises_key("attention.err.bad_index", what=Term("layer"), top=1, value=2):
        arch.seed_block_check("tiny-bert", TEXT, 2)


@pytest.mark.parametrize("kind, n_steps, d_ff", [("bert", 7, 96), ("llama", 7, 96), ("gpt2", 11, 192)])
def test_block_steps_chain_to_the_real_layer_output(monkeypatch, kind, n_steps, d_ff):
    use_tiny(monkeypatch)
    steps = arch.block_steps(f"tiny-{kind}", TEXT, 1)
    t = len(steps.tokens)
    assert len(steps.steps) == n_steps and all(v.shape == (t, 48) for v in steps.steps.values())
    assert steps.ffn_hidden.shape == (t, d_ff) and steps.output_diff < 1e-5
    assert bool(steps.differences) == (kind != "bert")


def test_gpt2_small_count_equals_the_calculator_on_the_meta_device():
    """GPT-2 small's real sizes, built without memory (meta tensors have shapes, no data): 124,439,808."""
    from transformers import GPT2Config, GPT2LMHeadModel

    config = GPT2Config(n_layer=12, n_embd=768, n_head=12, vocab_size=50257, n_positions=1024)
    with torch.device("meta"):
        net = GPT2LMHeadModel(config)
    assert net.lm_head.weight is net.transformer.wte.weight  # tied: counted once
    total = sum(p.numel() for p in net.parameters())
    estimate = arch.estimate_for_config(config)
    assert total == estimate.params == 124_439_808
    assert estimate.parts == arch.parameter_breakdown(net).counts


def _random_gpt2(seed: int = 0):
    """A small GPT-2 with weights far from their init (std 0.3, LayerNorm gains and biases random too), so that a
    wrong step (a missing transpose, ReLU for GELU, no mask) shows in the numbers."""
    from transformers import GPT2Config, GPT2LMHeadModel

    torch.manual_seed(seed)
    net = GPT2LMHeadModel(
        GPT2Config(vocab_size=300, n_embd=48, n_layer=2, n_head=4, n_positions=64, bos_token_id=0, eos_token_id=0)
    )
    with torch.no_grad():
        for p in net.parameters():
            p.normal_(0.0, 0.3)
    net.set_attn_implementation("eager")
    return net.eval()


@pytest.mark.parametrize("layer", [0, 1])
def test_gpt2_steps_equal_the_real_layers_intermediate_values(layer):
    net = _random_gpt2()
    block = net.transformer.h[layer]
    seen = {}

    def keep(name, arg=False):  # a hook that returns something replaces the module's output: return None
        def hook(module, args, output):
            seen[name] = (args[0] if arg else output)[0]

        return hook

    hooks = [block.register_forward_pre_hook(lambda m, a: seen.update(x=a[0][0]))]
    for name, module, arg in [
        ("ln_1", block.ln_1, False),
        ("c_attn", block.attn.c_attn, False),
        ("heads", block.attn.c_proj, True),
        ("c_proj", block.attn.c_proj, False),
        ("ln_2", block.ln_2, False),
        ("act", block.mlp.act, False),
        ("mlp", block.mlp, False),
        ("block", block, False),
    ]:
        hooks.append(module.register_forward_hook(keep(name, arg)))
    with torch.no_grad():
        net(torch.tensor([[5, 17, 250, 3, 3, 99, 42, 7]]))
    for hook in hooks:
        hook.remove()
    with torch.no_grad():
        steps, ffn_hidden = arch.gpt2_steps(block, seen["x"], net.config.n_head)
    q, k, v = seen["c_attn"].split(48, dim=-1)
    expected = {
        "input x": seen["x"],
        "LayerNorm ln_1": seen["ln_1"],
        "query Q (c_attn, first third)": q,
        "key K (c_attn, second third)": k,
        "value V (c_attn, last third)": v,
        "attention heads, concatenated": seen["heads"],
        "attention output c_proj": seen["c_proj"],
        "residual x + Attn": seen["x"] + seen["c_proj"],
        "LayerNorm ln_2": seen["ln_2"],
        "FFN c_fc -> GELU -> c_proj": seen["mlp"],
        "residual + FFN (layer output)": seen["block"],
    }
    assert list(steps) == list(expected)
    for name, value in expected.items():
        torch.testing.assert_close(steps[name], value, rtol=1e-4, atol=1e-4, msg=name)
    torch.testing.assert_close(ffn_hidden, seen["act"], rtol=1e-4, atol=1e-4)
    assert float(seen["block"].abs().max()) > 1.0  # the weights are large enough for a wrong step to show


def test_gpt2_steps_notice_a_wrong_step():
    """The reference test has teeth: ReLU instead of GELU or a missing mask changes the layer output."""
    net = _random_gpt2()
    block, x = net.transformer.h[0], torch.randn(6, 48)
    with torch.no_grad():
        right = arch.gpt2_steps(block, x, 4)[0]["residual + FFN (layer output)"]
        block.mlp.act = torch.nn.ReLU()
        real_with_relu = block(x.unsqueeze(0))
    real_with_relu = (real_with_relu[0] if isinstance(real_with_relu, tuple) else real_with_relu)[0]
    assert float((right - real_with_relu).abs().max()) > 1e-2


def test_bert_norm_step_is_layernorm_of_the_residual(monkeypatch):
    use_tiny(monkeypatch)
    s = arch.block_steps("tiny-bert", TEXT, 0).steps
    eps = tiny("bert").model.config.layer_norm_eps
    normed = torch.nn.functional.layer_norm(s["residual x + Attn(x)"], (48,), eps=eps)
    ln = tiny("bert").model.encoder.layer[0].attention.output.LayerNorm
    torch.testing.assert_close(normed * ln.weight.detach() + ln.bias.detach(), s["LayerNorm 1"])


@pytest.mark.slow
def test_seed_block_reproduces_a_real_minilm_layer():
    for layer in (0, 5):
        check = arch.seed_block_check("all-MiniLM-L6-v2", TEXT, layer)
        assert check.diff_matched < 1e-5  # the model's GELU and eps 1e-12
        assert check.diff_as_written > 0.1  # ReLU and eps 1e-5 as printed in the text
        assert check.diff_eps_only < 1e-3 < check.diff_relu_only  # the activation matters, the eps barely


@pytest.mark.slow
@pytest.mark.parametrize("name", ["all-MiniLM-L6-v2", "SmolLM2-135M-Instruct"])
def test_calculator_equals_real_catalogue_counts(name):
    net = models.load(name).model
    total = sum(p.numel() for p in net.parameters())
    assert arch.estimate_for_config(net.config).params == total == arch.parameter_breakdown(net).total
    steps = arch.block_steps(name, TEXT, net.config.num_hidden_layers - 1)
    assert steps.output_diff < 1e-4


def test_block_steps_ignore_another_threads_forward_pass(monkeypatch):
    import threading

    use_tiny(monkeypatch)
    net, tok = tiny("bert").model, tiny("bert").tokenizer
    other = tok("a much longer sentence from another user of the app, 我爱北京天安门", return_tensors="pt")
    stop = threading.Event()

    def busy():
        while not stop.is_set():
            with torch.no_grad():
                net(**other)

    worker = threading.Thread(target=busy)
    worker.start()
    try:
        for _ in range(5):
            steps = arch.block_steps("tiny-bert", "cat", 0)
            assert steps.output_diff < 1e-5 and all(v.shape[0] == len(steps.tokens) for v in steps.steps.values())
    finally:
        stop.set()
        worker.join()


# ---- DistilBERT: BERT's post-LN block under other names, no token types, no pooler ------------------------------


def test_distilbert_breakdown_and_calculator_equal_a_tiny_model():
    net = tiny("distilbert").model
    breakdown = arch.parameter_breakdown(net)
    assert breakdown.counts["head/other"] == 0  # ffn.lin1/lin2 are the FFN, and there is no pooler
    estimate = arch.estimate_for_config(net.config)
    assert estimate.parts == breakdown.counts
    assert estimate.params == sum(p.numel() for p in net.parameters()) == breakdown.total


def test_distilbert_base_uncased_count_equals_the_calculator_with_random_weights():
    """distilbert-base-uncased's real config.json numbers, the model built from them with random weights: 66,362,880."""
    from transformers import DistilBertConfig, DistilBertModel

    config = DistilBertConfig(
        vocab_size=30522, dim=768, n_layers=6, n_heads=12, hidden_dim=3072, max_position_embeddings=512,
        activation="gelu", sinusoidal_pos_embds=False, pad_token_id=0,
    )  # fmt: skip
    net = DistilBertModel(config)
    total = sum(p.numel() for p in net.parameters())
    estimate = arch.estimate_for_config(config)
    assert total == estimate.params == 66_362_880
    assert estimate.parts == arch.parameter_breakdown(net).counts
    summary = arch.config_summary(config)
    assert summary["d_ff (intermediate_size)"] == 3072 and summary["activation"] == "gelu"
    assert summary["norm eps"] == net.transformer.layer[0].sa_layer_norm.eps == 1e-12


def test_distilbert_block_steps_are_its_own_modules_in_post_ln_order(monkeypatch):
    use_tiny(monkeypatch)
    result = arch.block_steps("tiny-distilbert", TEXT, 1)
    s, t = result.steps, len(result.tokens)
    assert list(s) == [
        "input x", "attention Attn(x)", "residual x + Attn(x)", "LayerNorm sa_layer_norm", "FFN lin1 -> gelu -> lin2",
        "residual + FFN", "LayerNorm output_layer_norm (layer output)",
    ]  # fmt: skip
    assert all(v.shape == (t, 48) for v in s.values()) and result.ffn_hidden.shape == (t, 96)
    assert result.output_diff < 1e-5 and result.layout.key == "architecture.note.post_ln_distilbert"
    assert [d.key for d in result.differences] == [
        "architecture.note.distilbert_names",
        "architecture.note.distilbert_embeddings",
    ]
    block = tiny("distilbert").model.transformer.layer[1]
    with torch.no_grad():  # each step from the one before, by the layer's own weights
        norm1 = torch.nn.functional.layer_norm(
            s["residual x + Attn(x)"], (48,), block.sa_layer_norm.weight, block.sa_layer_norm.bias, 1e-12
        )
        ffn = block.ffn.lin2(result.ffn_hidden)
        hidden = torch.nn.functional.gelu(block.ffn.lin1(s["LayerNorm sa_layer_norm"]))
    torch.testing.assert_close(norm1, s["LayerNorm sa_layer_norm"])
    torch.testing.assert_close(hidden, result.ffn_hidden)
    torch.testing.assert_close(ffn, s["FFN lin1 -> gelu -> lin2"])
