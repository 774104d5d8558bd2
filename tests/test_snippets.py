"""Show me the code: every view's snippet runs on its own (plain transformers/torch, a fresh Python) and gives
the numbers that the app's engine gives for the same inputs."""

import json
import subprocess
import sys
from pathlib import Path

import pytest
import torch

from playground import architecture, attention, generation, losses, models, positional
from ui.sharing import snippets

pytestmark = pytest.mark.slow
ROOT = Path(__file__).resolve().parents[1]
DUMP = "\nimport json as _json, torch as _torch\nprint('@@' + _json.dumps({{{names}}}))\n"


def run(code: str, *names: str) -> dict:
    """Run the snippet in a fresh interpreter (no app, no playground import) and read back the named values."""
    assert "import playground" not in code and "from playground" not in code and "gradio" not in code
    dump = DUMP.format(names=", ".join(f"{n!r}: _torch.as_tensor({n}).tolist()" for n in names))
    out = subprocess.run(
        [sys.executable, "-c", code + dump], cwd="/", capture_output=True, text=True, timeout=300, check=False
    )
    assert out.returncode == 0, out.stderr[-2000:]
    line = [line for line in out.stdout.splitlines() if line.startswith("@@")][-1]
    return {name: torch.tensor(value, dtype=torch.float64) for name, value in json.loads(line[2:]).items()}


@pytest.mark.parametrize("similarity", ["dot", "cosine"])
def test_positional_snippet(similarity):
    got = run(snippets.positional(12, 8, 500.0, similarity), "pe", "similarity")
    pe = positional.sinusoidal(12, 8, 500.0).double()
    torch.testing.assert_close(got["pe"], pe, atol=1e-6, rtol=0)
    torch.testing.assert_close(got["similarity"], positional.similarity(pe, similarity).double(), atol=1e-5, rtol=0)


@pytest.mark.parametrize(
    "model, text, pair, layer, head",
    [
        ("all-MiniLM-L6-v2", "The animal didn't cross the street because it was too tired.", "", 2, 5),
        ("all-MiniLM-L6-v2", "我爱北京天安门。", "It was sunny 😀", 4, 11),
        ("SmolLM2-135M-Instruct", "你好，世界! The cat sat.", "", 13, 7),
    ],
)
def test_attention_snippet(model, text, pair, layer, head):
    got = run(snippets.attention(model, text, layer, head, pair), "attention")["attention"]
    want = attention.attend(model, text, pair or None).attentions[layer, head].double()
    assert got.shape == want.shape
    torch.testing.assert_close(got, want, atol=2e-5, rtol=0)


@pytest.mark.parametrize("model", ["all-MiniLM-L6-v2", "SmolLM2-135M-Instruct"])
def test_architecture_snippet(model):
    code = snippets.architecture(model)
    code += "\nparts_list = [parts[k] for k in ('embeddings', 'attention', 'FFN', 'norms', 'head/other')]"
    got = run(code, "total", "parts_list")
    breakdown = architecture.parameter_breakdown(models.load(model).model)
    assert int(got["total"]) == breakdown.total
    want = [breakdown.counts[k] for k in ("embeddings", "attention", "FFN", "norms", "head/other")]
    assert got["parts_list"].long().tolist() == want


def test_losses_snippet():
    text = "The capital of France is Paris. 北京是中国的首都。"
    got = run(snippets.losses(text), "surprisal")["surprisal"]
    want = losses.causal_lm_loss(text).surprisal.double()
    torch.testing.assert_close(got, want, atol=1e-4, rtol=0)


def test_prompts_snippet():
    prompt = "Review: I loved every minute of it.\nSentiment:"
    got = run(snippets.prompts("SmolLM2-135M-Instruct", prompt), "probs")["probs"]
    lm = models.load("SmolLM2-135M-Instruct")
    dist = generation.next_token_distribution(
        lm.model, lm.tokenizer, prompt, generation.GenerationConfig(), generation.context_length(lm.model)
    )
    assert got.topk(len(dist.token_ids)).indices.tolist() == dist.token_ids
    want = torch.tensor(dist.model_probs, dtype=torch.float64)
    torch.testing.assert_close(got[dist.token_ids], want, atol=1e-5, rtol=0)


def test_inside_lens_snippet():
    from playground import logit_lens

    text, target = "The capital of France is", " Paris"
    got = run(snippets.inside_lens("SmolLM2-135M-Instruct", text, target), "top_probs", "target_ranks")
    lens = logit_lens.logit_lens("SmolLM2-135M-Instruct", text, target)
    torch.testing.assert_close(got["top_probs"], lens.top_probs.double(), atol=1e-4, rtol=0)
    assert got["target_ranks"][-1].tolist() == lens.target_ranks[-1].double().tolist()
