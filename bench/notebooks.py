"""The "Download as notebook" action: export time per view (each tab's main view and each sub-tab's), for the
view's default values, once its model is loaded (the view was drawn before its share panel is used). Target:
<= 0.5 s per view. Each export recomputes the app's numbers (one forward pass for the model views) and writes the
notebook with nbformat; `build+write` is the part that is not the engine's.

    HF_HUB_OFFLINE=1 .venv/bin/python bench/notebooks.py [--repeats 5]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from playground.device import configure_cpu_threads  # noqa: E402

configure_cpu_threads()

import psutil  # noqa: E402

from ui import i18n  # noqa: E402
from ui.sharing import links, notebooks  # noqa: E402

TARGET = 0.5


def defaults(view: links.View) -> dict:
    return {name: i18n.resolve(view.components(name)[0].value) for name in view.params}


def timed(fn) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def row(name: str, build_write: float, size: int, first: float, exports: list[float]) -> None:
    median = statistics.median(exports)
    verdict = "ok" if median <= TARGET else "SLOW"
    print(f"{name:<20}{first:>13.3f}s{median:>14.3f}s{build_write:>12.3f}s{size / 1024:>8.0f} KB  {verdict}")


def measure(name: str, export, recipe, repeats: int) -> None:
    """`export()` -> the notebook's text; `recipe()` -> its Recipe (for build+write alone)."""
    first = timed(export)
    exports = [timed(export) for _ in range(repeats)]
    made = recipe()
    build = statistics.median(timed(lambda r=made: notebooks.dumps(notebooks.build(r, "en"))) for _ in range(repeats))
    row(name, build, len(export()), first, exports)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    print(f"load average {os.getloadavg()[0]:.1f} on {psutil.cpu_count()} cores")
    print(f"{'view':<20}{'first (loads)':>14}{'export median':>15}{'build+write':>13}{'size':>10}  <= {TARGET} s")
    for tab, view in links.VIEWS.items():
        if view.notebook is not None:
            values = defaults(view)
            measure(
                tab,
                lambda v=view, x=values: links.notebook_for(v, x, "en"),
                lambda v=view, x=values: v.notebook(x),
                args.repeats,
            )
        for sub in view.source.share.subviews:
            if sub.subtab is None:
                print(f"{tab:<20}{'a finished run: tests/test_notebooks.py (needs a trained model)':>60}")
                continue
            values = {name: i18n.resolve(component.value) for name, component in sub.inputs.items()}
            measure(
                sub.subtab,
                lambda v=view, x=values, s=sub.subtab: links.notebook_for(v, x, "en", s),
                lambda s=sub, x=values: s.notebook(x),
                args.repeats,
            )


if __name__ == "__main__":
    main()
