"""Attention-tab benchmark: three ratios against baselines measured in the same run, same input.

1. the engine's call (`attention.attend`, 64 tokens, all-MiniLM-L6-v2, tokens + all attentions returned)
   over the bare forward pass `model(**batch, output_attentions=True)`: target <= 1.3x;
2. building everything the tab shows from those attentions (4 figures serialised to the JSON gradio sends,
   the head view and the model view) over bertviz's own `model_view(..., html_action="return")`: <= 0.5x;
3. bytes of our model view over bertviz's model-view HTML (which loads its scripts from CDNs, so they are not
   even counted): target <= 0.05x. A view sends only its numbers: the vendored scripts go to the page once
   (ui/bertviz_offline.py), and are listed apart.

    .venv/bin/python bench/attention.py [--repeats 21]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("HF_HUB_OFFLINE", "1")

from playground.device import configure_cpu_threads  # noqa: E402

configure_cpu_threads()  # the app's OpenMP policy, before torch

import torch  # noqa: E402

from playground import attention, models  # noqa: E402

MODEL = "all-MiniLM-L6-v2"
TEXT = (
    "Attention lets every token look at every other token: the query of one word is compared with the keys "
    "of all the words, the scores are turned into weights by a softmax, and the values are mixed by them. "
    "Several heads do this side by side, each with its own projections, and the layers stack it many times."
)  # cut to 64 tokens


def paired_medians(baseline, candidate, repeats: int) -> tuple[float, float]:
    """Median seconds of each, calls interleaved so that a busy neighbour slows both alike."""
    baseline(), candidate()  # warm up
    times: tuple[list[float], list[float]] = ([], [])
    for _ in range(repeats):
        for fn, out in ((baseline, times[0]), (candidate, times[1])):
            start = time.perf_counter()
            fn()
            out.append(time.perf_counter() - start)
    return statistics.median(times[0]), statistics.median(times[1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeats", type=int, default=21)
    args = parser.parse_args()

    from bertviz import model_view  # ~2 s of imports (IPython): outside every timing

    from ui import bertviz_offline
    from ui.tabs import attention as attention_tab

    loaded = models.load(MODEL)
    batch = loaded.tokenizer(TEXT, truncation=True, max_length=64, return_tensors="pt")
    n = batch["input_ids"].shape[1]
    assert n == 64, f"the benchmark text must give 64 tokens, got {n}"

    def bare_forward():
        with torch.inference_mode():
            return loaded.model(**batch, output_attentions=True).attentions

    def engine():
        return attention.attend(MODEL, TEXT, max_tokens=64)

    result = engine()

    def ours():
        note, *figures, head_html, model_html = attention_tab.build_views(result, 2, 0)
        return [figure.to_json() for figure in figures], head_html, model_html

    per_layer = [layer[None] for layer in result.attentions]  # bertviz takes a tuple of (1, H, T, T)

    def theirs():
        return model_view(per_layer, result.tokens, html_action="return").data

    forward_s, engine_s = paired_medians(bare_forward, engine, args.repeats)
    bertviz_s, ours_s = paired_medians(theirs, ours, args.repeats)
    rows = {
        "bare forward, output_attentions=True": forward_s,
        "engine: attention.attend": engine_s,
        "bertviz model_view(html_action='return')": bertviz_s,
        "ours: 4 figures (JSON) + head view + model view": ours_s,
    }
    figures, head_html, model_html = ours()
    same_input = bertviz_offline.model_view_html(result.attentions, result.tokens, list(range(6)))  # all 64 tokens
    sizes = {
        "bertviz model view HTML (bytes)": len(theirs().encode()),
        "our model view iframe (bytes, its numbers)": len(same_input.encode()),
        "vendored scripts, sent once per page (bytes)": sum(
            (bertviz_offline.VENDOR / name).stat().st_size for name in bertviz_offline.SCRIPTS.values()
        ),
        "our head view iframe as the tab sends it (bytes)": len(head_html.encode()),
        "our model view as the tab sends it (32 tokens, bytes)": len(model_html.encode()),
        "our 4 figures as JSON (bytes)": sum(len(f.encode()) for f in figures),
    }
    ratios = {
        "engine / bare forward (target <= 1.3)": rows["engine: attention.attend"]
        / rows["bare forward, output_attentions=True"],
        "everything the tab builds / bertviz model_view build (target <= 0.5)": rows[
            "ours: 4 figures (JSON) + head view + model view"
        ]
        / rows["bertviz model_view(html_action='return')"],
        "our model view bytes / bertviz's (target <= 0.05)": sizes["our model view iframe (bytes, its numbers)"]
        / sizes["bertviz model view HTML (bytes)"],
    }
    print(f"\n== attention, {MODEL}, {n} tokens ({sys.platform}, {os.cpu_count()} CPUs, median of {args.repeats}) ==")
    for label, seconds in rows.items():
        print(f"{label:<58} {seconds * 1000:8.1f} ms")
    for label, size in sizes.items():
        print(f"{label:<58} {size / 1e6:8.3f} MB")
    for label, ratio in ratios.items():
        print(f"{label:<72} {ratio:6.3f}x")
    out = ROOT / "bench" / "results"
    out.mkdir(parents=True, exist_ok=True)
    payload = {"seconds": rows, "bytes": sizes, "ratios": ratios, "tokens": n, "cpus": os.cpu_count()}
    (out / "attention.json").write_text(json.dumps(payload, indent=2))


if __name__ == "__main__":
    main()
