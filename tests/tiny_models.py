"""Tiny randomly initialised BERT, DistilBERT, Llama (GQA) and GPT-2 models with real tokenizers, for fast engine tests.

They have the same layouts as the real models (all-MiniLM-L6-v2, SmolLM2, GPT-2), so every code path of
the attention engine runs in well under a second without loading the pretrained weights.
"""

from __future__ import annotations

import functools

import torch

from playground import embedded, models


@functools.cache
def tiny(kind: str) -> models.LoadedModel:
    """A LoadedModel of layout "bert", "distilbert", "llama" or "gpt2" (eager attention, eval mode, seed 0)."""
    from transformers import (
        AutoTokenizer,
        BertConfig,
        BertModel,
        DistilBertConfig,
        DistilBertModel,
        GPT2Config,
        GPT2LMHeadModel,
        GPT2Tokenizer,
        LlamaConfig,
        LlamaForCausalLM,
    )

    torch.manual_seed(0)
    if kind == "bert":
        tokenizer = AutoTokenizer.from_pretrained(embedded.minilm_dir(), local_files_only=True)
        config = BertConfig(
            vocab_size=tokenizer.vocab_size, hidden_size=48, num_hidden_layers=2, num_attention_heads=4,
            intermediate_size=96, max_position_embeddings=160,
        )  # fmt: skip
        net, role = BertModel(config), models.ENCODER
    elif kind == "distilbert":  # BERT's tokenizer, as distilbert-base-uncased has
        tokenizer = AutoTokenizer.from_pretrained(embedded.minilm_dir(), local_files_only=True)
        config = DistilBertConfig(
            vocab_size=tokenizer.vocab_size, dim=48, n_layers=2, n_heads=4, hidden_dim=96, max_position_embeddings=160
        )
        net, role = DistilBertModel(config), models.ENCODER
    else:
        if kind == "llama":
            tokenizer = AutoTokenizer.from_pretrained(embedded.smollm2_dir(), local_files_only=True)
            config = LlamaConfig(
                vocab_size=50257, hidden_size=48, num_hidden_layers=2, num_attention_heads=6, num_key_value_heads=2,
                intermediate_size=96, max_position_embeddings=256, rope_theta=10000.0,
            )  # fmt: skip
            net = LlamaForCausalLM(config)
        else:
            tokenizer = GPT2Tokenizer.from_pretrained(embedded.gpt2_tokenizer_dir())
            config = GPT2Config(vocab_size=50257, n_embd=48, n_layer=2, n_head=4, n_positions=256)
            net = GPT2LMHeadModel(config)
        role = models.CAUSAL_LM
    net.set_attn_implementation("eager")
    spec = models.ModelSpec(f"tiny-{kind}", role, None)
    return models.LoadedModel(spec, "random weights (test)", tokenizer, net.eval())


def use_tiny(monkeypatch) -> None:
    """models.load("tiny-<kind>") (bert, distilbert, llama, gpt2) returns the tiny models; other names load for real."""
    real = models.load

    def load(name, head=None):
        return tiny(name.removeprefix("tiny-")) if name.startswith("tiny-") else real(name, head)

    monkeypatch.setattr(models, "load", load)
