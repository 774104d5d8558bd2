"""Every tab's core path on the best device, timed: the one script to run when a GPU machine is at hand.

It checks the CUDA path (models in bf16, or fp16 where bf16 is missing; batched scoring; a fine-tune
with mixed precision in its worker process) and prints, per path, the first call (with the model
load) and the warm median, in a few minutes on a GPU. On a CPU it runs the same paths, smaller with
`--quick` (the test suite runs it that way so that the script never rots between GPU sessions).

    .venv/bin/python bench/gpu.py [--quick] [--repeats 3]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from playground.device import configure_cpu_threads  # noqa: E402

configure_cpu_threads()

import torch  # noqa: E402

from playground import (  # noqa: E402
    architecture,
    attention,
    attention_formula,
    generation,
    losses,
    models,
    positional,
    scoring,
)
from playground.device import best_device  # noqa: E402
from playground.generation import GenerationConfig  # noqa: E402

ENCODER, CAUSAL = "all-MiniLM-L6-v2", "SmolLM2-135M-Instruct"
TEXT = "The animal didn't cross the street because it was too tired. 这只动物没有过马路，因为它太累了。"
PAIRS = [
    ("A man is playing a guitar.", "Someone is playing an acoustic guitar."),
    ("The bank raised interest rates.", "The central bank increased its rates."),
    ("今天天气很好。", "今天是晴天。"),
    ("We sat on the river bank.", "They rested by the side of the river."),
]


def paths(quick: bool) -> dict:
    """name -> a function running that tab's core computation once (returns a short result line)."""
    n_scored, n_new = (16, 8) if quick else (200, 64)

    def learned():
        table = positional.learned_positions(models.load(ENCODER).model)
        return f"table {tuple(table.shape)}"

    def attend(model):
        return lambda: f"{tuple(attention.attend(model, TEXT).attentions.shape)} (L, H, T, T)"

    def formula(model):
        def run():
            check = attention_formula.formula_check(model, TEXT, 1, 0)
            return f"max |Δweights| {check.weights_diff:.1e}"

        return run

    def block():
        steps = architecture.block_steps(ENCODER, TEXT, 0)
        return f"{len(steps.steps)} steps"

    def causal_loss():
        return f"perplexity {losses.causal_lm_loss(TEXT, CAUSAL).perplexity:.1f}"

    def masked_loss():
        return f"L_MLM {losses.masked_lm_loss(TEXT, 0.15, 0, ENCODER).mean:.3f}"

    def contrastive():
        a, p = zip(*PAIRS, strict=True)
        return f"L_CL {losses.contrastive_loss(list(a), list(p), 0.05, ENCODER).mean:.3f}"

    def fine_tuning():
        return f"L_FT {losses.fine_tuning_loss(PAIRS[0][0], PAIRS[0][1], 1, ENCODER).loss:.3f}"

    def generate():
        loaded = models.load(CAUSAL)
        config = GenerationConfig(max_new_tokens=n_new)
        start = time.perf_counter()
        result = generation.generate(loaded.model, loaded.tokenizer, "The capital of France is", config, 2048)
        return f"{len(result.steps) / (time.perf_counter() - start):.0f} tokens/s"

    def score():
        loaded = models.load(CAUSAL)
        examples = scoring.load_dataset("multiemo sentiment (BIG-bench)", n_scored)
        words = scoring.parse_label_words("positive: positive\nnegative: negative")
        start = time.perf_counter()
        scores = scoring.score(loaded.model, loaded.tokenizer, "Review: {text}\nSentiment:", examples, words)
        rate = len(examples) / (time.perf_counter() - start)
        return f"{rate:.0f} examples/s, accuracy {scores.accuracy():.2f}"

    return {
        "positional: learned table": learned,
        "attention: encoder": attend(ENCODER),
        "attention: causal LM (GQA)": attend(CAUSAL),
        "attention formula: encoder": formula(ENCODER),
        "attention formula: causal LM": formula(CAUSAL),
        "architecture: block steps": block,
        "losses: causal LM": causal_loss,
        "losses: masked LM": masked_loss,
        "losses: contrastive": contrastive,
        "losses: fine-tuning": fine_tuning,
        "prompts: generation": generate,
        "prompts: label-word scoring": score,
    }


def fine_tune(quick: bool) -> dict:
    """The Fine-tune tab's worker, as the app starts it: a separate process, timed end to end."""
    steps = 4 if quick else 200
    with tempfile.TemporaryDirectory() as runs:
        start = time.perf_counter()
        done = subprocess.run(
            [sys.executable, "-m", "playground.finetune", "--new", runs, "--set", f"max_steps={steps}",
             "train_size=64" if quick else "train_size=2000", "eval_size=32" if quick else "eval_size=0",
             f"eval_steps={steps}"],
            cwd=ROOT, capture_output=True, text=True, timeout=1800,
        )  # fmt: skip
        seconds = time.perf_counter() - start
        metrics = [line for path in Path(runs).glob("*/metrics.jsonl") for line in path.read_text().splitlines()]
        accuracy = [json.loads(line).get("eval_accuracy") for line in metrics if "eval_accuracy" in line]
        last = done.stdout.strip().splitlines()[-1:] or done.stderr.strip().splitlines()[-1:]
        return {"seconds": seconds, "steps": steps, "accuracy": accuracy, "ok": done.returncode == 0, "last": last}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="smaller sizes (for a CPU)")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--skip-finetune", action="store_true")
    args = parser.parse_args()
    device = best_device()
    print(f"== every tab's core path on {device.description} (torch {torch.__version__}) ==", flush=True)
    rows, failures = {}, []
    for name, run in paths(args.quick).items():
        try:
            start = time.perf_counter()
            result = run()
            first = time.perf_counter() - start
            warm = []
            for _ in range(args.repeats):
                start = time.perf_counter()
                run()
                warm.append(time.perf_counter() - start)
            rows[name] = {"first_s": first, "warm_s": statistics.median(warm), "result": result}
            print(f"{name:<32} first {first:7.3f} s   warm {statistics.median(warm):7.3f} s   {result}", flush=True)
        except Exception as err:
            failures.append(name)
            print(f"{name:<32} FAILED: {type(err).__name__}: {err}", flush=True)
    dtypes = {name: str(next(models.load(name).model.parameters()).dtype) for name in (ENCODER, CAUSAL)}
    print(f"model dtypes: {dtypes} (expected {device.dtype_name})")
    if any(d != f"torch.{device.dtype_name}" for d in dtypes.values()):
        failures.append("dtype")
    if torch.cuda.is_available():
        print(f"peak GPU memory: {torch.cuda.max_memory_allocated() / 2**20:.0f} MB")
    if not args.skip_finetune:
        ft = fine_tune(args.quick)
        rows["fine-tune worker"] = ft
        print(f"{'fine-tune worker':<32} {ft['seconds']:7.1f} s for {ft['steps']} steps, accuracy {ft['accuracy']}")
        if not ft["ok"]:
            failures.append("fine-tune")
            print(f"    {ft['last']}")
    out = ROOT / "bench" / "results"
    out.mkdir(parents=True, exist_ok=True)
    (out / "gpu.json").write_text(json.dumps({"device": device.description, "paths": rows}, indent=2, default=str))
    if failures:
        raise SystemExit(f"failed: {', '.join(failures)}")


if __name__ == "__main__":
    main()
