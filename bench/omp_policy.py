"""OpenMP wait policy: a 64-token MiniLM forward under OMP_WAIT_POLICY=ACTIVE vs PASSIVE, on an idle
machine and with a busy process beside it (what a web server with a training worker sees).

    .venv/bin/python bench/omp_policy.py

The policy is read once when torch starts its thread pool, so each case runs in its own process.
The app defaults to PASSIVE (playground.device.configure_cpu_threads).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

from harness import ROOT, save

FORWARD = r"""
import json, time, torch
from playground import models
m = models.load("all-MiniLM-L6-v2")
batch = m.tokenizer(["word " * 62], return_tensors="pt")
assert batch["input_ids"].shape[1] == 64
with torch.no_grad():
    for _ in range(5): m.model(**batch)
    times = []
    for _ in range(40):
        t0 = time.perf_counter(); m.model(**batch); times.append(time.perf_counter() - t0)
times.sort()
print(json.dumps({"median_ms": 1000 * times[len(times) // 2]}))
"""
BUSY = "import time\nend = time.time() + 600\nwhile time.time() < end: pass\n"


def run(policy: str, busy: bool) -> float:
    env = {**os.environ, "OMP_WAIT_POLICY": policy, "HF_HUB_OFFLINE": "1"}
    sibling = subprocess.Popen([sys.executable, "-c", BUSY]) if busy else None
    try:
        out = subprocess.run(
            [sys.executable, "-c", FORWARD], cwd=ROOT, env=env, capture_output=True, text=True, check=True, timeout=600
        )
    finally:
        if sibling:
            sibling.kill()
    return json.loads(out.stdout.strip().splitlines()[-1])["median_ms"]


def main() -> None:
    ms = {(policy, busy): run(policy, busy) for busy in (False, True) for policy in ("ACTIVE", "PASSIVE")}
    print(f"\n== OpenMP wait policy: MiniLM forward, 64 tokens ({os.cpu_count()} CPUs), median ms ==")
    for (policy, busy), value in ms.items():
        print(f"{policy:<8} {'busy sibling' if busy else 'idle':<13} {value:8.1f} ms")
    ratios = {
        "idle: PASSIVE / ACTIVE": ms["PASSIVE", False] / ms["ACTIVE", False],
        "busy sibling: PASSIVE / ACTIVE": ms["PASSIVE", True] / ms["ACTIVE", True],
    }
    for label, ratio in ratios.items():
        print(f"{label:<32} {ratio:6.2f}x")
    save(
        "omp_policy", {"median_ms": {f"{p} {'busy' if b else 'idle'}": v for (p, b), v in ms.items()}, "ratios": ratios}
    )


if __name__ == "__main__":
    main()
