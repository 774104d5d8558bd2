"""playground.device: CPU here, and the ZeroGPU decorator is a no-op without `spaces`."""

import importlib.util

from playground import device


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
