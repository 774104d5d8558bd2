"""Prompts tab benchmarks, as ratios against a baseline measured in the same run (same model, same settings).

1. Streaming generation (`playground.generation.stream`, a Python generator with the KV cache, keeping each
   step's distribution) tokens/s over bare `model.generate` (greedy, same number of new tokens); and the
   time to the first streamed token beside the bare time to one token (`--first-repeats` alternated pairs: the
   two differ by ~1% of a forward pass, the first step's distribution, less than a few samples' noise).
   Targets (issue 19): tokens/s >= 1.0x, first token <= 1.0x.
2. Label-word scoring of 100 multiemo reviews (`playground.scoring.score`) examples/s over a plain batched
   forward pass of the same prompts (batch 16, right padding, every position's logits).  Target >= 0.8x.
   Also the default sentiment template's accuracy with and without calibration.

    HF_HUB_OFFLINE=1 .venv/bin/python bench/prompts.py [--tokens 32] [--repeats 5] [--scoring-repeats 2]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from playground.device import configure_cpu_threads  # noqa: E402

configure_cpu_threads()

import torch  # noqa: E402

from playground import generation, models, scoring  # noqa: E402

RESULTS = ROOT / "bench" / "results"
PROMPT = "The capital of France is"
TEMPLATE, WORDS = "Review: {text}\nSentiment:", {"positive": "positive", "negative": "negative"}


def bare_generate(net, ids, n: int) -> float:
    start = time.perf_counter()
    with torch.inference_mode():
        out = net.generate(
            ids, attention_mask=torch.ones_like(ids), max_new_tokens=n, min_new_tokens=n, do_sample=False
        )
    assert out.shape[1] == ids.shape[1] + n
    return time.perf_counter() - start


def streamed(net, tok, ids, n: int) -> tuple[float, float]:
    """(seconds for n tokens, seconds to the first token)"""
    config = generation.GenerationConfig(max_new_tokens=n, stop_at_eos=False)
    start, first, count = time.perf_counter(), None, 0
    for _ in generation.stream(net, tok, ids, config):
        first = first or time.perf_counter() - start
        count += 1
    assert count == n
    return time.perf_counter() - start, first


def plain_forward(net, tok, prompts: list[str]) -> float:
    start = time.perf_counter()
    with torch.inference_mode():
        size = scoring.BATCH["cpu"]
        for i in range(0, len(prompts), size):
            batch = tok(prompts[i : i + size], return_tensors="pt", padding=True, add_special_tokens=False)
            logits = net(**batch).logits  # (B, T, V): every position, as a plain forward gives
            assert logits.shape[:2] == batch.input_ids.shape
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--tokens", type=int, default=32)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--first-repeats", type=int, default=21)
    parser.add_argument("--scoring-repeats", type=int, default=2)
    parser.add_argument("--examples", type=int, default=100)
    args = parser.parse_args()
    loaded = models.load("SmolLM2-135M-Instruct")
    net, tok = loaded.model, loaded.tokenizer
    tok.padding_side = "right"
    ids = generation.encode(tok, PROMPT, generation.context_length(net))
    bare_generate(net, ids, 4), streamed(net, tok, ids, 4)  # warm-up
    bare, ours, bare_first, ours_first = [], [], [], []
    for _ in range(args.repeats):  # alternate, so both see the same machine load
        bare.append(bare_generate(net, ids, args.tokens))
        ours.append(streamed(net, tok, ids, args.tokens)[0])
    for _ in range(args.first_repeats):
        bare_first.append(bare_generate(net, ids, 1))
        ours_first.append(streamed(net, tok, ids, 1)[1])
    bare_tps, ours_tps = args.tokens / statistics.median(bare), args.tokens / statistics.median(ours)

    examples = scoring.load_dataset("multiemo sentiment (BIG-bench)", args.examples)
    prompts = [TEMPLATE.format(text=e.text) for e in examples]
    plain, ours_scoring = [], []
    for _ in range(args.scoring_repeats):  # alternate here too
        plain.append(plain_forward(net, tok, prompts))
        start = time.perf_counter()
        scores = scoring.score(net, tok, TEMPLATE, examples, WORDS)
        ours_scoring.append(time.perf_counter() - start)
    plain_s, score_s = statistics.median(plain), statistics.median(ours_scoring)

    result = {
        "cpus": os.cpu_count(),
        "threads": torch.get_num_threads(),
        "omp_wait_policy": os.environ.get("OMP_WAIT_POLICY"),
        "new_tokens": args.tokens,
        "bare_generate_tokens_per_s": round(bare_tps, 2),
        "stream_tokens_per_s": round(ours_tps, 2),
        "stream_over_bare": round(ours_tps / bare_tps, 3),
        "bare_time_to_one_token_s": round(statistics.median(bare_first), 3),
        "stream_time_to_first_token_s": round(statistics.median(ours_first), 3),
        "first_token_repeats": args.first_repeats,
        "stream_first_over_bare_one": round(statistics.median(ours_first) / statistics.median(bare_first), 3),
        "examples": len(examples),
        "scoring_repeats": args.scoring_repeats,
        "plain_forward_examples_per_s": round(len(examples) / plain_s, 2),
        "scoring_examples_per_s": round(len(examples) / score_s, 2),
        "scoring_over_plain_forward": round(plain_s / score_s, 3),
        "sentiment_accuracy": scores.accuracy(),
        "sentiment_accuracy_calibrated": scores.accuracy(calibrated=True),
        "content_free_prior": dict(zip(scores.classes, [round(p, 3) for p in scores.prior.tolist()], strict=True)),
    }
    print(json.dumps(result, indent=2))
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "prompts.json").write_text(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
