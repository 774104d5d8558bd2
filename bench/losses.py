"""Losses benchmark: the warm cost of each objective's view against ONE SmolLM2 forward over the same text
(the causal-LM loss itself), measured in the same process and run. Models are loaded before timing.

    .venv/bin/python bench/losses.py --repeats 3
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("HF_HUB_OFFLINE", "1")

from playground.device import configure_cpu_threads  # noqa: E402

configure_cpu_threads()  # the app's OpenMP policy, before torch is imported

from harness import Sample, peak_rss_mb, report, timed  # noqa: E402

from playground import losses  # noqa: E402

TEXT = "I loved this film, the music was wonderful."
PAIRS = [
    ("A man is playing a guitar.", "Someone is playing an acoustic guitar."),
    ("A man is playing a piano.", "A pianist performs on stage."),
    ("The bank raised interest rates.", "The central bank increased its rates."),
    ("We sat on the river bank.", "They rested by the side of the river."),
]
JOBS = {
    "causal LM loss (baseline: one SmolLM2 forward)": lambda: losses.causal_lm_loss(TEXT),
    "masked LM loss (MiniLM + untrained head)": lambda: losses.masked_lm_loss(TEXT, 0.15, 0),
    "masked LM by Bayes' rule (SmolLM2, 2 positions)": lambda: losses.causal_infill(TEXT, 0.15, 0),
    "contrastive loss (4 pairs + 60-point tau curve)": lambda: losses.contrastive_loss(
        [a for a, _ in PAIRS], [p for _, p in PAIRS], 0.05
    ),
    "fine-tuning loss (MiniLM pair + head)": lambda: losses.fine_tuning_loss(TEXT, PAIRS[0][1], 1),
    "prompt loss (2 label words)": lambda: losses.prompt_loss(
        TEXT, "Review: {x}\nSentiment:", ["positive", "negative"], 0
    ),
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    for fn in JOBS.values():  # load every model once, outside the clock
        fn()
    rows = {name: Sample(timed(fn, args.repeats), peak_rss_mb()) for name, fn in JOBS.items()}
    base = next(iter(rows.values())).seconds
    ratios = {f"{name} / baseline": sample.seconds / base for name, sample in list(rows.items())[1:]}
    report("losses", rows, ratios)


if __name__ == "__main__":
    main()
