"""Batched generation in-process: join at a step boundary against waves, and against one request at a time.

N students press Generate at random moments within a window (each a different prompt, greedy); each is a thread
that submits to playground/batching.py's engine and reads its Steps. For each policy it prints the wall time, the
aggregate tokens/s over the lone request's rate, p50/max wait (press -> last token) and whether every text equals
the lone run's. The lone request's rate is measured in the same run.

    HF_HUB_OFFLINE=1 .venv/bin/python bench/batching.py [--students 30] [--tokens 32] [--window 5]
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import threading
import time

from harness import ROOT, save

sys.path.insert(0, str(ROOT))

from playground import batching, generation, models  # noqa: E402
from playground.generation import GenerationConfig  # noqa: E402

SUBJECTS = "the cat|my teacher|a student|the river|this model|every token|the lecture|a small robot".split("|")
VERBS = "sees|likes|explains|remembers|writes about|dreams of".split("|")


def prompts(n: int) -> list[str]:
    """n different prompts of different lengths."""
    rng = random.Random(0)
    return [
        f"{rng.choice(SUBJECTS).capitalize()} {rng.choice(VERBS)} {' and '.join(rng.sample(SUBJECTS, 1 + i % 3))} "
        f"on day {i}, and then"
        for i in range(n)
    ]


def lone(loaded, ids, config) -> tuple[list[int], float]:
    start = time.perf_counter()
    tokens = [s.token_id for s in generation.stream(loaded.model, loaded.tokenizer, ids, config)]
    return tokens, time.perf_counter() - start


def classroom(loaded, all_ids, config, window: float, join: bool) -> dict:
    """Every prompt submitted at a random moment within `window` seconds; waits and tokens per student."""
    engine = batching.Engine(loaded.model, loaded.tokenizer, join=join)
    rng = random.Random(1)
    offsets = sorted(rng.uniform(0, window) for _ in all_ids)
    waits, tokens = [0.0] * len(all_ids), [[] for _ in all_ids]
    start = time.perf_counter()

    def student(i: int) -> None:
        time.sleep(max(0.0, start + offsets[i] - time.perf_counter()))
        pressed = time.perf_counter()
        tokens[i] = [s.token_id for s in engine.submit(all_ids[i], config).steps(batching.WAIT_S)]
        waits[i] = time.perf_counter() - pressed

    threads = [threading.Thread(target=student, args=(i,)) for i in range(len(all_ids))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall = time.perf_counter() - start
    return {"wall_s": wall, "waits": waits, "tokens": tokens, "forwards": engine.forwards}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--students", type=int, default=30)
    parser.add_argument("--tokens", type=int, default=32)
    parser.add_argument("--window", type=float, default=5.0)
    args = parser.parse_args()
    loaded = models.load("SmolLM2-135M-Instruct")
    config = GenerationConfig(max_new_tokens=args.tokens, stop_at_eos=False)
    all_ids = [generation.encode(loaded.tokenizer, p, 8192) for p in prompts(args.students)]
    lone(loaded, all_ids[0], config)  # warm-up
    lone_tokens, lone_s = lone(loaded, all_ids[0], config)
    lone_rate = args.tokens / lone_s
    print(f"lone request: {args.tokens} tokens in {lone_s:.2f} s ({lone_rate:.1f} tok/s)", flush=True)
    rows = {"lone_s": lone_s, "lone_tok_s": lone_rate}
    for join in (True, False):
        name = "join at step" if join else "waves"
        result = classroom(loaded, all_ids, config, args.window, join)
        rate = sum(map(len, result["tokens"])) / result["wall_s"]
        same_first = result["tokens"][0] == lone_tokens
        print(
            f"{name:<13} {args.students} students: wall {result['wall_s']:5.1f} s, aggregate {rate:5.1f} tok/s "
            f"({rate / lone_rate:4.1f}x lone), wait p50 {statistics.median(result['waits']):5.1f} s, "
            f"max {max(result['waits']):5.1f} s ({max(result['waits']) / lone_s:4.1f}x lone), "
            f"{result['forwards']} forwards, first text = lone: {same_first}",
            flush=True,
        )
        rows[name] = {k: v for k, v in result.items() if k != "tokens"} | {"tok_s": rate}
    save("batching", rows)


if __name__ == "__main__":
    main()
