"""playground.device: CPU here, the app's malloc policy, and the ZeroGPU decorator is a no-op without `spaces`."""

import importlib.util
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from playground import device

ROOT = Path(__file__).resolve().parents[1]


def test_best_device_on_this_machine_is_cpu_float32():
    import torch

    chosen = device.best_device()
    if not torch.cuda.is_available():
        assert chosen.name in ("cpu", "mps") and chosen.dtype == torch.float32
    assert chosen.description


def test_gpu_task_is_identity_without_spaces():
    if importlib.util.find_spec("spaces") is None:
        fn = lambda x: x + 1
        assert device.gpu_task(30)(fn) is fn and fn.runs_model


def test_omp_policy_is_passive_unless_overridden(monkeypatch):
    monkeypatch.delenv("OMP_WAIT_POLICY", raising=False)
    device.configure_cpu_threads()
    import os

    assert os.environ["OMP_WAIT_POLICY"] == "PASSIVE"
    monkeypatch.setenv("OMP_WAIT_POLICY", "ACTIVE")
    device.configure_cpu_threads()
    assert os.environ["OMP_WAIT_POLICY"] == "ACTIVE"


MALLOC_PROBE = """
import json
from playground import device
print(json.dumps(device.configure_cpu_memory()))
"""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc's mallopt")
@pytest.mark.parametrize(
    "env, expected",
    [({}, True), ({"PLAYGROUND_MALLOC": "0"}, False), ({"MALLOC_ARENA_MAX": "4"}, False)],
)
def test_the_app_sets_its_malloc_unless_the_host_did(env, expected):
    """glibc accepts every APP_MALLOC value (mallopt returns 1 each); a host's MALLOC_* or PLAYGROUND_MALLOC=0
    leaves glibc's defaults."""
    clean = {k: v for k, v in os.environ.items() if not k.startswith("MALLOC_") and k != "PLAYGROUND_MALLOC"}
    done = subprocess.run(
        [sys.executable, "-c", MALLOC_PROBE], env={**clean, **env}, cwd=ROOT, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) is expected


def test_gpu_task_uses_spaces_gpu_on_zerogpu(monkeypatch):
    import sys
    import types

    calls = []
    fake = types.ModuleType("spaces")

    def gpu(duration):
        calls.append(duration)
        return lambda fn: lambda: ("on-gpu", fn())

    fake.GPU = gpu
    monkeypatch.setitem(sys.modules, "spaces", fake)
    task = device.gpu_task(90)(lambda: 7)
    assert task() == ("on-gpu", 7) and calls == [90] and task.runs_model
