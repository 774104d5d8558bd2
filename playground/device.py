"""Where the tensors live: CUDA, then Apple MPS, then CPU, and the dtype used there.

Also the CPU thread policy (set before torch starts its OpenMP pool), the app's malloc policy, and the optional
Hugging Face ZeroGPU decorator (`spaces.GPU`), which is a no-op when `spaces` is absent.
"""

from __future__ import annotations

import ctypes
import functools
import os
from dataclasses import dataclass


def configure_cpu_threads() -> None:
    """Choose the OpenMP wait policy before torch is imported (it is read once, at start).

    On 2 shared cores, OpenMP threads that spin-wait collapse throughput (25x measured) as soon as
    another process or request is busy beside them; PASSIVE threads sleep instead. A web server with
    concurrent requests (and training workers beside it) is exactly that case, so PASSIVE is the
    default here; `bench/omp_policy.py` measures the trade-off. Set OMP_WAIT_POLICY to override.
    """
    os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")


# glibc's mallopt parameters (malloc.h) and the app's values. Each thread that allocates while another holds the
# lock gets an arena of its own (up to 8 per core), which keeps what it freed; glibc's mmap threshold grows to 32 MB
# after the first large block is freed, so later activations come from those heaps and stay. Two arenas and a fixed
# 4 MB threshold (a tensor of 4 MB or more gets its own mapping, unmapped when freed) keep the app's RSS near what
# it holds: bench/load.py measures it, PLAYGROUND_MALLOC=0 leaves glibc's defaults.
M_TRIM_THRESHOLD, M_MMAP_THRESHOLD, M_ARENA_MAX = -1, -3, -8
APP_MALLOC = {M_ARENA_MAX: 2, M_MMAP_THRESHOLD: 4 * 2**20, M_TRIM_THRESHOLD: 4 * 2**20}


def configure_cpu_memory() -> bool:
    """Set APP_MALLOC with glibc's `mallopt`, early in the app's start (before its threads); False where the C
    library has no mallopt (macOS), the host set MALLOC_* itself, or PLAYGROUND_MALLOC=0."""
    if os.environ.get("PLAYGROUND_MALLOC") == "0" or any(k.startswith("MALLOC_") for k in os.environ):
        return False
    try:
        mallopt = ctypes.CDLL(None).mallopt
    except (OSError, AttributeError):
        return False
    return all(mallopt(param, value) == 1 for param, value in APP_MALLOC.items())


@dataclass(frozen=True)
class Device:
    name: str  # "cuda", "mps" or "cpu"
    dtype_name: str  # "bfloat16", "float16" or "float32"
    description: str  # shown in the app's header, e.g. "CUDA (NVIDIA H200), bfloat16"

    @property
    def dtype(self):
        import torch

        return getattr(torch, self.dtype_name)


@functools.cache
def best_device() -> Device:
    """CUDA first (bf16 where supported, else fp16), then Apple MPS (fp32), then CPU (fp32)."""
    import torch

    forced = os.environ.get("PLAYGROUND_DEVICE")  # "cpu" to force, e.g. for tests on a GPU box
    if forced != "cpu" and torch.cuda.is_available():
        dtype = "bfloat16" if torch.cuda.is_bf16_supported() else "float16"
        return Device("cuda", dtype, f"CUDA ({torch.cuda.get_device_name(0)}), {dtype}")
    if forced != "cpu" and getattr(torch.backends, "mps", None) and torch.backends.mps.is_available():
        return Device("mps", "float32", "Apple MPS, float32")
    return Device("cpu", "float32", f"CPU ({torch.get_num_threads()} threads), float32")


def gpu_task(duration: int = 20):
    """Decorate a function that runs a model: `spaces.GPU(duration=...)` on ZeroGPU, else identity.

    ZeroGPU only schedules a call when the visitor's remaining quota covers `duration` (seconds), and a
    whole class behind one campus address shares one quota, so durations are as short as each event
    needs: 20 s covers one forward of the default models with room to spare; generation and scoring
    ask for more. The result is marked `runs_model`, which `ui.serving.concurrency` uses to queue model runs.
    """
    try:
        import spaces  # only present on Hugging Face Spaces
    except ImportError:
        spaces = None

    def decorate(fn):
        task = spaces.GPU(duration=duration)(fn) if spaces else fn
        task.runs_model = True
        return task

    return decorate
