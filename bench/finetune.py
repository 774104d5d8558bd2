"""Fine-tuning throughput: our recipe (dynamic padding + length grouping) over the source text's
(`padding="max_length", max_length=128`, §5.2.2), same model, data, steps and seed, in one run; and the
time from Start to the first live loss point.

    HF_HUB_OFFLINE=1 .venv/bin/python bench/finetune.py [--steps 200]
"""

from __future__ import annotations

import argparse
import dataclasses
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.harness import save  # noqa: E402
from playground import finetune  # noqa: E402
from playground.runs import RunStore  # noqa: E402

RECIPES = {"source text: max_length 128": "max_length", "ours: dynamic + length grouping": "dynamic"}


def train_once(store: RunStore, padding: str, steps: int) -> dict:
    """Run the worker on one recipe; throughput from the loss rows' timestamps (evaluations excluded)."""
    config = finetune.make_config(padding=padding, max_steps=steps, eval_steps=steps, logging_steps=5)
    run = store.create({"finetune": dataclasses.asdict(config)})
    cmd = [sys.executable, "-m", "playground.finetune", "--run-dir", str(run.path)]
    subprocess.run(cmd, env=finetune.worker_env(), cwd=finetune.ROOT, check=True, capture_output=True)
    rows = store.get(run.run_id).metrics()
    losses = [r for r in rows if "loss" in r]
    evals = [r for r in rows if "eval_accuracy" in r]
    first, last = losses[0], losses[-1]
    trained = (last["step"] - first["step"]) * config.batch_size
    # the evaluation between them (if any) is not training time
    eval_s = sum(r.get("eval_runtime", 0.0) for r in evals if first["step"] < r["step"] < last["step"])
    return {
        "samples_per_s": trained / (last["time"] - first["time"] - eval_s),
        "accuracy_before": evals[0]["eval_accuracy"],
        "accuracy_after": evals[-1]["eval_accuracy"],
        "f1_after": evals[-1]["eval_f1"],
        "wall_s": store.get(run.run_id).status.get("elapsed", 0.0),
    }


def first_loss_s(store: RunStore) -> dict:
    """Seconds from `finetune.start` (the Start button) to the first eval point and first train loss."""
    start = time.perf_counter()
    run = finetune.start(finetune.make_config(), store)
    seen: dict[str, float] = {}
    try:
        while "loss" not in seen and time.perf_counter() - start < 600:
            rows = store.get(run.run_id).metrics()
            if rows and "first point" not in seen:
                seen["first point"] = time.perf_counter() - start
            if any("loss" in r for r in rows):
                seen["loss"] = time.perf_counter() - start
            time.sleep(0.1)
    finally:
        finetune.stop(run.run_id, store, wait_s=120)
    return seen


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--steps", type=int, default=200)
    opts = parser.parse_args()
    store = RunStore(tempfile.mkdtemp(prefix="bench-finetune-"))
    results = {label: train_once(store, padding, opts.steps) for label, padding in RECIPES.items()}
    base, ours = results.values()
    latency = first_loss_s(store)
    print(f"\n== fine-tune, all-MiniLM-L6-v2, paraphrase pairs, {opts.steps} steps x batch 16 ==")
    for label, r in results.items():
        print(
            f"{label:<34} {r['samples_per_s']:6.1f} samples/s   accuracy {r['accuracy_before']:.3f} -> "
            f"{r['accuracy_after']:.3f} (F1 {r['f1_after']:.3f})   run {r['wall_s']:.0f} s"
        )
    ratio = ours["samples_per_s"] / base["samples_per_s"]
    print(f"{'throughput ratio (ours / source)':<34} {ratio:6.2f}x")
    for what, seconds in latency.items():
        print(f"{'Start -> ' + what:<34} {seconds:6.1f} s")
    save("finetune", {"steps": opts.steps, "recipes": results, "ratio": ratio, "start_to": latency})


if __name__ == "__main__":
    main()
