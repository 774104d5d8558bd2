"""Start-up benchmark: `python app.py` until the first page is served, and its peak RSS,
against bare `python` and `python -c "import gradio"` measured in the same run.

    make bench            # or: .venv/bin/python bench/startup.py --repeats 3
"""

from __future__ import annotations

import argparse
import sys
import urllib.request

from harness import free_port, measure, median, page_served, report

OFFLINE = {"HF_HUB_OFFLINE": "1", "GRADIO_ANALYTICS_ENABLED": "False"}


def first_model_request(port: int):
    """After the page: what a first visitor's Learned-positions view costs (loads all-MiniLM-L6-v2)."""

    def run() -> None:
        from gradio_client import Client

        Client(f"http://127.0.0.1:{port}/", verbose=False).predict(
            model="all-MiniLM-L6-v2", n_positions=8, similarity="cosine", api_name="/positional_learned"
        )

    return run


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    python, gradio, app, app_model = [], [], [], []
    for _ in range(args.repeats):
        python.append(measure([sys.executable, "-c", "pass"], env=OFFLINE))
        gradio.append(measure([sys.executable, "-c", "import gradio"], env=OFFLINE))
        port = free_port()
        url = f"http://127.0.0.1:{port}/"
        app.append(
            measure(
                [sys.executable, "app.py"], ready=page_served(url), env={**OFFLINE, "GRADIO_SERVER_PORT": str(port)}
            )
        )
        port = free_port()
        url = f"http://127.0.0.1:{port}/"
        app_model.append(
            measure(
                [sys.executable, "app.py"],
                ready=page_served(url),
                env={**OFFLINE, "GRADIO_SERVER_PORT": str(port)},
                after_ready=first_model_request(port),
            )
        )
    rows = {
        "python (bare interpreter)": median(python),
        "import gradio (baseline)": median(gradio),
        "python app.py -> first page served": median(app),
        "same, peak RSS after a first model view": median(app_model),
    }
    base, served = rows["import gradio (baseline)"], rows["python app.py -> first page served"]
    ratios = {
        "page served time / import gradio time": served.seconds / base.seconds,
        "page served peak RSS / import gradio RSS": served.peak_rss_mb / base.peak_rss_mb,
    }
    report("startup", rows, ratios)
    urllib.request.urlcleanup()


if __name__ == "__main__":
    main()
