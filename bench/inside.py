"""Inside-the-model benchmark on SmolLM2, each cost against a baseline measured in the same process and run:

- the logit lens of a 32-token prompt over all 31 residual snapshots / one bare forward with output_hidden_states;
- the batched patching sweep of a 12-token prompt pair (31 x 12 = 372 patches) / one forward per patch. The
  one-by-one side is timed on a sample of patches and extrapolated to all 372 (the output says so);
- the JSON size of each view's numbers at 64 tokens (must stay well under 1 MB).

    HF_HUB_OFFLINE=1 .venv/bin/python bench/inside.py --repeats 3
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("HF_HUB_OFFLINE", "1")

from playground.device import configure_cpu_threads  # noqa: E402

configure_cpu_threads()  # the app's OpenMP policy, before torch is imported

import torch  # noqa: E402
from harness import Sample, save, timed  # noqa: E402

from playground import logit_lens, models, patching, residual  # noqa: E402

MODEL = "SmolLM2-135M-Instruct"
LENS_TEXT = (
    "The quick brown fox jumps over the lazy dog and then runs far away into the deep dark forest, "
    "where nobody has ever been before, and where the tall old trees whisper stories to the wind at night"
)
CLEAN = "The Eiffel Tower stands in the center of the city of"  # 12 SmolLM2 tokens
CORRUPT = "The Colosseum stands in the center of the city of"  # 12 too
SAMPLE = 40  # one-by-one patches actually timed


def first_tokens(tokenizer, text: str, n: int) -> str:
    ids = tokenizer(text, add_special_tokens=False).input_ids[:n]
    text = tokenizer.decode(ids)
    assert len(tokenizer(text, add_special_tokens=False).input_ids) == n
    return text


def lens_ratio(loaded, repeats: int) -> dict:
    text = first_tokens(loaded.tokenizer, LENS_TEXT, 32)
    ids = loaded.tokenizer(text, return_tensors="pt", add_special_tokens=False).input_ids

    def bare():
        with torch.inference_mode():
            loaded.model(ids, output_hidden_states=True)

    lens = lambda: logit_lens.logit_lens(MODEL, text, target=" the")  # noqa: E731
    bare(), lens()
    base, cost = timed(bare, repeats), timed(lens, repeats)
    return {"bare forward, 32 tokens, hidden states": base, "logit lens, 32 tokens x 31 snapshots": cost}


def patching_ratio(loaded, repeats: int) -> tuple[dict, int]:
    tok, net = loaded.tokenizer, loaded.model
    clean_ids = tok(CLEAN, return_tensors="pt", add_special_tokens=False).input_ids
    corrupt_ids = tok(CORRUPT, return_tensors="pt", add_special_tokens=False).input_ids
    assert clean_ids.shape == corrupt_ids.shape == (1, 12), (clean_ids.shape, corrupt_ids.shape)
    answers = (tok(" Paris").input_ids[0], tok(" Rome").input_ids[0])
    _, stream = residual.record(net, clean_ids)
    stream = stream[:, 0]
    layers, t = stream.shape[:2]
    cells = [(layer, p) for layer in range(layers) for p in range(t)]
    sample = random.Random(0).sample(cells, SAMPLE)

    def one_by_one():
        for cell in sample:
            patching.patched_logits(net, corrupt_ids, stream, patching.one_cell_masks([cell], layers, t))

    batched = lambda: patching.sweep(net, clean_ids, corrupt_ids, answers)  # noqa: E731
    batched()
    sampled = timed(one_by_one, repeats)
    return {
        f"one forward per patch ({SAMPLE} timed, x{len(cells) / SAMPLE:.2f} extrapolated)": sampled
        * len(cells)
        / SAMPLE,
        f"batched sweep, all {len(cells)} patches": timed(batched, repeats),
    }, len(cells)


def payload_sizes(loaded) -> dict[str, int]:
    """Bytes of the JSON each view would send at 64 tokens (numbers rounded to 4 decimals, as a view would)."""
    layers, t, heads = residual.n_layers(loaded.model) + 1, 64, loaded.model.config.num_attention_heads
    grid = lambda: [[round(random.random(), 4) for _ in range(t)] for _ in range(layers)]  # noqa: E731
    words = [[" token"] * t for _ in range(layers)]
    lens = {"top_tokens": words, "top_probs": grid(), "target_probs": grid(), "target_ranks": grid()}
    sinks = {"sink": [[round(random.random(), 4) for _ in range(heads)] for _ in range(layers - 1)]}
    patch = {"recovered": [row[: patching.MAX_TOKENS] for row in grid()]}
    return {name: len(json.dumps(data)) for name, data in {"lens": lens, "sinks": sinks, "patching": patch}.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    loaded = models.load(MODEL)
    lens_rows = lens_ratio(loaded, args.repeats)
    patch_rows, cells = patching_ratio(loaded, args.repeats)
    sizes = payload_sizes(loaded)
    rows = {**lens_rows, **patch_rows}
    (lens_base, lens_cost), (naive, batched) = lens_rows.values(), patch_rows.values()
    ratios = {"logit lens / bare forward (target <= 1.3)": lens_cost / lens_base,
              "batched sweep / one by one (target <= 0.3)": batched / naive}  # fmt: skip
    print(f"\n== inside ({sys.platform}, {os.cpu_count()} CPUs, {MODEL}) ==")
    for label, seconds in rows.items():
        print(f"{label:<62} {seconds:7.3f} s")
    for label, ratio in ratios.items():
        print(f"{label:<62} {ratio:7.2f}x")
    for name, size in sizes.items():
        print(f"JSON payload at 64 tokens, {name:<34} {size / 1024:7.1f} KB")
    print(f"(the one-by-one time is {SAMPLE} timed patches extrapolated to {cells})")
    save("inside", {"rows": {k: Sample(v, 0).__dict__ for k, v in rows.items()}, "ratios": ratios, "json": sizes})


if __name__ == "__main__":
    main()
