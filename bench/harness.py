"""A tiny benchmark harness: run a command as a child process, time it and sample its memory.

Every benchmark reports ratios against a baseline measured in the same run, so numbers from
different machines (a laptop, CI, a Space) stay comparable.
"""

from __future__ import annotations

import json
import os
import resource
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "results"


@dataclass
class Sample:
    seconds: float  # until the process exited or `ready()` said yes
    peak_rss_mb: float  # largest resident set seen, the process and its children


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _rss_mb(process: psutil.Process) -> float:
    try:
        procs = [process, *process.children(recursive=True)]
        return sum(p.memory_info().rss for p in procs) / 2**20
    except psutil.Error:
        return 0.0


def measure(
    argv: list[str],
    ready: Callable[[], bool] | None = None,
    env: dict | None = None,
    timeout_s: float = 180,
    after_ready: Callable[[], None] | None = None,
    log: Path | None = None,
) -> Sample:
    """Start argv; stop the clock when it exits (or when ready() is true), sampling RSS every 20 ms.

    log: a file for the child's output (else it is discarded)."""
    start = time.perf_counter()
    out = log.open("w") if log else subprocess.DEVNULL
    child = subprocess.Popen(argv, cwd=ROOT, env={**os.environ, **(env or {})}, stdout=out, stderr=subprocess.STDOUT)
    process, peak, elapsed = psutil.Process(child.pid), 0.0, None
    try:
        while time.perf_counter() - start < timeout_s:
            peak = max(peak, _rss_mb(process))
            if ready is None and child.poll() is not None:
                elapsed = time.perf_counter() - start
                break
            if ready is not None and ready():
                elapsed = time.perf_counter() - start
                if after_ready:
                    after_ready()
                    peak = max(peak, _rss_mb(process))
                break
            time.sleep(0.02)
        if elapsed is None:
            raise TimeoutError(f"{argv} did not finish within {timeout_s} s")
        return Sample(elapsed, peak)
    finally:
        if child.poll() is None:
            child.terminate()
            child.wait(10)


STARTING_MARKER = "X-Playground-Starting"  # the header of ui/serving/starting_page.py's answers


def page_served(url: str, app_only: bool = False) -> Callable[[], bool]:
    """True once url answers 200; with app_only, once the app itself answers (not its starting page)."""

    def ready() -> bool:
        try:
            with urllib.request.urlopen(url, timeout=1) as response:
                return response.status == 200 and not (app_only and response.headers.get(STARTING_MARKER))
        except OSError:
            return False

    return ready


def log_says(log: Path, text: str) -> Callable[[], bool]:
    """True once the child's log file contains text (e.g. "warm-up done")."""
    return lambda: log.exists() and text in log.read_text(errors="replace")


def median(samples: list[Sample]) -> Sample:
    return Sample(statistics.median(s.seconds for s in samples), statistics.median(s.peak_rss_mb for s in samples))


def report(name: str, rows: dict[str, Sample], ratios: dict[str, float]) -> None:
    """Print a small table and keep the numbers in bench/results/<name>.json."""
    print(f"\n== {name} ({sys.platform}, {os.cpu_count()} CPUs) ==")
    for label, sample in rows.items():
        print(f"{label:<44} {sample.seconds:7.2f} s   peak RSS {sample.peak_rss_mb:7.0f} MB")
    for label, ratio in ratios.items():
        print(f"{label:<44} {ratio:7.2f}x")
    save(name, {"rows": {k: asdict(v) for k, v in rows.items()}, "ratios": ratios})


def save(name: str, payload: dict) -> None:
    """Keep a benchmark's numbers in bench/results/<name>.json (ignored by git)."""
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / f"{name}.json").write_text(json.dumps({**payload, "cpus": os.cpu_count()}, indent=2))


def timed(fn, repeats: int) -> float:
    """The median of `repeats` wall-clock timings of fn(), in seconds (in this process)."""
    seconds = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        seconds.append(time.perf_counter() - start)
    return sorted(seconds)[len(seconds) // 2]


def peak_rss_mb() -> float:
    """This process's peak resident memory so far, in MB."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
