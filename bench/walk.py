"""gradio's walk over an answer, looking for files: with and without the skip of number arrays
(ui/serving/number_arrays.py).

The answers are the app's real JSON endpoints (positional at its default and at 256 x 256, the architecture block);
each is walked as gradio walks it on the event loop: once synchronously (add_root_url), once with a coroutine per
element (async_move_files_to_cache). Ratio: time with the skip over time without, in the same process.

    .venv/bin/python bench/walk.py
"""

from __future__ import annotations

import asyncio
import sys
import time

from harness import ROOT, save

sys.path.insert(0, str(ROOT))


def walk_seconds(value, repeats: int = 5) -> float:
    from gradio_client import utils as client_utils

    async def keep(file):
        return file

    best = float("inf")
    for _ in range(repeats):
        start = time.perf_counter()
        client_utils.traverse(value, lambda f: f, client_utils.is_file_obj_with_url)
        asyncio.run(client_utils.async_traverse(value, keep, client_utils.is_file_obj_with_meta))
        best = min(best, time.perf_counter() - start)
    return best


def main() -> None:
    from ui.serving import number_arrays
    from ui.tabs import architecture as architecture_tab
    from ui.tabs import positional as positional_tab

    answers = {
        "/positional_sinusoidal (default)": positional_tab.positional_sinusoidal(),
        "/positional_sinusoidal 256 x 256": positional_tab.positional_sinusoidal(n_positions=256, d_model=256),
        "/architecture_block (default)": architecture_tab.architecture_block(),
    }
    before = {name: walk_seconds(value) for name, value in answers.items()}
    number_arrays.skip_number_arrays()
    rows = []
    for name, value in answers.items():
        after = walk_seconds(value)
        rows.append({"answer": name, "walk_s": before[name], "skip_s": after, "ratio": after / before[name]})
        ratio = after / before[name]
        print(f"{name:<36} walk {before[name] * 1000:7.1f} ms   with the skip {after * 1000:6.2f} ms   {ratio:.3f}x")
    save("walk", {"answers": rows})


if __name__ == "__main__":
    main()
