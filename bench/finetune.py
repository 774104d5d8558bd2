"""Fine-tuning throughput: our recipe (dynamic padding + length grouping) over the source text's
(`padding="max_length", max_length=128`, §5.2.2), same model, data, steps and seed, in one run; the
time from Start to the first live loss point; and the worker's peak RSS now (fixed malloc thresholds,
micro-batches, a Trainer without datasets and peft) over before (glibc's default, whole batches, the Trainer's
imports as installed), same recipe, with the runs' samples/s.

    HF_HUB_OFFLINE=1 .venv/bin/python bench/finetune.py [--steps 200] [--memory-steps 60]
"""

from __future__ import annotations

import argparse
import dataclasses
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.harness import measure, save  # noqa: E402
from playground import finetune  # noqa: E402
from playground.runs import RunStore  # noqa: E402

RECIPES = {"source text: max_length 128": "max_length", "ours: dynamic + length grouping": "dynamic"}
WORKER = ["-m", "playground.finetune"]  # as the app starts it: main(worker=True), finetune.lighter_trainer
ALL_IMPORTS = ["-c", "import sys; from playground.finetune import main; main(sys.argv[1:])"]  # Trainer as installed


def train_once(store: RunStore, padding: str, steps: int, env: dict | None = None, launch: list = WORKER) -> dict:
    """Run the worker on one recipe; throughput from the loss rows' timestamps (evaluations excluded), and its
    peak RSS. env: the worker's environment (default `finetune.worker_env()`); launch: how python starts it."""
    config = finetune.make_config(padding=padding, max_steps=steps, eval_steps=steps, logging_steps=5)
    run = store.create({"finetune": dataclasses.asdict(config)})
    cmd = [sys.executable, *launch, "--run-dir", str(run.path)]
    sample = measure(cmd, env=env or finetune.worker_env(), timeout_s=3600)
    if store.get(run.run_id).state != "finished":
        raise SystemExit(f"the worker did not finish: {store.get(run.run_id).status}")
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
        "peak_rss_mb": sample.peak_rss_mb,
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
    parser.add_argument("--memory-steps", type=int, default=60, help="steps of the three runs that compare memory")
    opts = parser.parse_args()
    store = RunStore(tempfile.mkdtemp(prefix="bench-finetune-"))
    results = {label: train_once(store, padding, opts.steps) for label, padding in RECIPES.items()}
    base, ours = results.values()
    base_label, ours_label = results
    latency = first_loss_s(store)
    print(f"\n== fine-tune, all-MiniLM-L6-v2, paraphrase pairs, {opts.steps} steps x batch 16 ==")
    for label, r in results.items():
        print(
            f"{label:<34} {r['samples_per_s']:6.1f} samples/s   accuracy {r['accuracy_before']:.3f} -> "
            f"{r['accuracy_after']:.3f} (F1 {r['f1_after']:.3f})   run {r['wall_s']:.0f} s"
        )
    ratio = ours["samples_per_s"] / base["samples_per_s"]
    print(f"{'throughput ratio (ours / source)':<34} {ratio:6.2f}x")
    ceiling = padding_ceiling(finetune.make_config())
    print(
        f"{'padding ceiling':<34} {ceiling['ratio']:6.2f}x   ({ceiling['source_tokens']} tokens a pair / "
        f"{ceiling['mean_tokens']:.1f} on average, the longest {ceiling['longest']})"
    )
    for label, r, tokens in ((base_label, base, ceiling["source_tokens"]), (ours_label, ours, ceiling["mean_tokens"])):
        print(f"{label:<34} {r['samples_per_s'] * tokens:6.0f} tokens/s ({tokens:.1f} a pair)")
    for what, seconds in latency.items():
        print(f"{'Start -> ' + what:<34} {seconds:6.1f} s")
    memory = memory_compared(store, opts.memory_steps)
    save(
        "finetune",
        {
            "steps": opts.steps,
            "recipes": results,
            "ratio": ratio,
            "padding_ceiling": ceiling,
            "start_to": latency,
            "memory": memory,
        },
    )


def padding_ceiling(config: finetune.FinetuneConfig) -> dict:
    r"""What padding alone can gain: the tokens a step computes per pair in the source text's recipe (all padded to
    max_length) over ours (each pair's own length, which length grouping nearly reaches):
    $\text{ceiling} = \text{max\_length} / \overline{n}$. A step's time grows with its tokens (the linear layers;
    attention's $n^2$ part is under 6% at 128 tokens in MiniLM), so the throughput ratio stays near or under it."""
    from playground import models, pairs

    tokenizer = models.auto_classes()["tokenizer"].from_pretrained(models.location(config.model))
    rows = finetune.tokenized(pairs.load(config.dataset, "train"), tokenizer, config)
    lengths = [len(r["input_ids"]) for r in rows]
    mean = sum(lengths) / len(lengths)
    return {
        "source_tokens": config.max_length,
        "mean_tokens": mean,
        "longest": max(lengths),
        "ratio": config.max_length / mean,
    }


def memory_compared(store: RunStore, steps: int) -> dict:
    """The worker's peak RSS as it is (`finetune.FIXED_MALLOC`, micro-batches, `finetune.lighter_trainer`) over the
    worker before (glibc's default thresholds, whole batches, the Trainer importing datasets and peft), and now with
    only the Trainer's imports as installed; our recipe each time, with the runs' samples/s."""
    before = {k: v for k, v in finetune.worker_env().items() if k not in finetune.FIXED_MALLOC}
    before["PLAYGROUND_TRAIN_MICRO_BATCH"] = "0"
    runs = {
        "before": train_once(store, "dynamic", steps, before, ALL_IMPORTS),
        "now, all the Trainer's imports": train_once(store, "dynamic", steps, launch=ALL_IMPORTS),
        "now": train_once(store, "dynamic", steps),
    }
    print(f"\n== the worker's memory, {steps} steps (our recipe) ==")
    for label, r in runs.items():
        print(f"worker {label:<31} peak RSS {r['peak_rss_mb']:6.0f} MB   {r['samples_per_s']:6.1f} samples/s")
    ratios = {
        "peak_rss": runs["now"]["peak_rss_mb"] / runs["before"]["peak_rss_mb"],
        "samples_per_s": runs["now"]["samples_per_s"] / runs["before"]["samples_per_s"],
    }
    print(f"{'now / before':<38} peak RSS {ratios['peak_rss']:.2f}x   samples/s {ratios['samples_per_s']:.2f}x")
    return {"steps": steps, "runs": runs, "ratios": ratios}


if __name__ == "__main__":
    main()
