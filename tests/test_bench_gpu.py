"""bench/gpu.py, the script a GPU session runs, must not rot between GPU sessions: it runs here on the CPU."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.slow
def test_every_tab_path_runs_and_reports():
    done = subprocess.run(
        [sys.executable, "bench/gpu.py", "--quick", "--repeats", "1"],
        cwd=ROOT, capture_output=True, text=True, timeout=900,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    assert "FAILED" not in done.stdout
    report = json.loads((ROOT / "bench" / "results" / "gpu.json").read_text())
    assert len(report["paths"]) == 13 and report["paths"]["fine-tune worker"]["ok"]
    for model in ("encoder", "causal LM"):  # the formula recomputed by hand matches the model on this device
        assert float(report["paths"][f"attention formula: {model}"]["result"].split()[-1]) < 1e-4
