"""Start-up benchmark: how soon `python app.py` answers, serves the app, and has every default view ready,
with its peak RSS, against bare `python` and `python -c "import gradio"` measured in the same run.

    make bench            # or: .venv/bin/python bench/startup.py --repeats 3

Rows: the starting page (ui/serving/starting_page.py, before any heavy import), the app page itself, and the
warm-up done (every tab's default views computed, so every default model loaded: the memory target
of issue 8 is <= 2.5 GB there).
Targets (issue 19): the app page <= 1.3x the time of `import gradio`, the default views warm <= 2.5x.
"""

from __future__ import annotations

import argparse
import sys

from harness import RESULTS, free_port, log_says, measure, median, page_served, report

OFFLINE = {"HF_HUB_OFFLINE": "1", "GRADIO_ANALYTICS_ENABLED": "False"}


def app_env(port: int) -> dict:
    return {**OFFLINE, "GRADIO_SERVER_PORT": str(port)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    rows: dict[str, list] = {
        "python (bare interpreter)": [],
        "import gradio (baseline)": [],
        "python app.py -> starting page served": [],
        "python app.py -> app page served": [],
        "python app.py -> default views ready (warm)": [],
    }
    RESULTS.mkdir(parents=True, exist_ok=True)
    log = RESULTS / "startup-app.log"
    for _ in range(args.repeats):
        rows["python (bare interpreter)"].append(measure([sys.executable, "-c", "pass"], env=OFFLINE))
        rows["import gradio (baseline)"].append(measure([sys.executable, "-c", "import gradio"], env=OFFLINE))
        for label, app_only in (("starting page served", False), ("app page served", True)):
            port = free_port()
            ready = page_served(f"http://127.0.0.1:{port}/", app_only=app_only)
            rows[f"python app.py -> {label}"].append(measure([sys.executable, "app.py"], ready, app_env(port)))
        rows["python app.py -> default views ready (warm)"].append(
            measure([sys.executable, "app.py"], log_says(log, "warm-up done"), app_env(free_port()), 300, log=log)
        )
    rows = {label: median(samples) for label, samples in rows.items()}
    base = rows["import gradio (baseline)"]
    starting, served = rows["python app.py -> starting page served"], rows["python app.py -> app page served"]
    warm = rows["python app.py -> default views ready (warm)"]
    ratios = {
        "starting page time / import gradio time": starting.seconds / base.seconds,
        "app page time / import gradio time": served.seconds / base.seconds,
        "default views warm time / import gradio time": warm.seconds / base.seconds,
        "app page peak RSS / import gradio RSS": served.peak_rss_mb / base.peak_rss_mb,
        "warm peak RSS / 2.5 GB target": warm.peak_rss_mb / 2560,
    }
    report("startup", rows, ratios)


if __name__ == "__main__":
    main()
