"""Jupyter kernels for tests/test_notebooks.py: a fresh one per notebook, or one per tab that its notebooks share.

A shared kernel is started by its first notebook exactly as `execute` starts one (nbclient starts it, in the project
folder), so that notebook proves a student's fresh kernel. Each later notebook runs after a reset: the namespace is
emptied (`%reset -f`, then checked empty: no variable leaks from one notebook to the next), and the working folder and
`sys.path` are put back as a fresh kernel has them, so the notebook's set-up cell must add the project itself. What
stays is what a reset is for: the imported modules (torch, transformers) and `playground`'s loaded models.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import nbclient
import nbformat
from jupyter_client import AsyncKernelManager
from nbclient.util import run_sync

ROOT = str(Path(__file__).resolve().parents[1])
KERNEL = "python3"  # the venv's kernelspec (`make setup`: `python -m ipykernel install --sys-prefix`)
RESET = [  # cells run between two notebooks in a shared kernel; a fresh kernel's sys.path lacks the project
    f"import os, sys\n\nos.chdir({ROOT!r})\nsys.path[:] = [p for p in sys.path if p != {ROOT!r}]",
    "%reset -f",
    "assert not [n for n in get_ipython().user_ns if n not in get_ipython().user_ns_hidden and not n.startswith('__')]",
]


def client(nb: nbformat.NotebookNode, km: AsyncKernelManager | None = None, timeout: int = 600):
    """An nbclient for the notebook, run from the project folder (as a student opens it); its own kernel if no km."""
    return nbclient.NotebookClient(
        nb, km=km, timeout=timeout, kernel_name=KERNEL, resources={"metadata": {"path": ROOT}}
    )


def execute(nb: nbformat.NotebookNode, timeout: int = 600) -> nbformat.NotebookNode:
    """Run it in a fresh kernel of this interpreter, shut down after it."""
    return client(nb, timeout=timeout).execute()


class SharedKernel:
    """One kernel for several notebooks in turn: the first runs fresh, each later one after `RESET`."""

    def __init__(self):
        self.km = AsyncKernelManager(kernel_name=KERNEL)  # no kernel yet: the first notebook's client starts it
        self.notebooks = 0

    def execute(self, nb: nbformat.NotebookNode, timeout: int = 600) -> nbformat.NotebookNode:
        if self.notebooks:
            reset = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(code) for code in RESET])
            self._run(reset, timeout=60)  # per cell: a reset takes about 1 s; a hung kernel fails in 1 min, not 10
        self.notebooks += 1
        return self._run(nb, timeout)

    def _run(self, nb: nbformat.NotebookNode, timeout: int) -> nbformat.NotebookNode:
        run = client(nb, self.km, timeout)
        try:
            return run.execute()  # a km of ours: nbclient leaves the kernel running
        finally:
            if run.kc is not None:
                run.kc.stop_channels()

    def shutdown(self) -> None:
        if self.km.has_kernel:
            run_sync(self.km.shutdown_kernel)(now=True)


class TabKernels:
    """A shared kernel per tab, started by the tab's main notebook (`main(tab)` builds it): its fresh kernel."""

    def __init__(self, main: Callable[[str], nbformat.NotebookNode]):
        self.build_main = main
        self.kernels: dict[str, SharedKernel] = {}
        self.mains: dict[str, nbformat.NotebookNode] = {}

    def main(self, tab: str) -> nbformat.NotebookNode:
        """The tab's main notebook, executed as the first notebook of the tab's kernel."""
        if tab not in self.kernels:
            self.kernels[tab] = SharedKernel()
            self.mains[tab] = self.kernels[tab].execute(self.build_main(tab))
        if tab not in self.mains:
            raise RuntimeError(f"{tab}'s main notebook failed in its fresh kernel")
        return self.mains[tab]

    def execute(self, tab: str, nb: nbformat.NotebookNode, timeout: int = 600) -> nbformat.NotebookNode:
        """Another notebook of the tab, in its kernel after a reset (the main notebook first if not run yet)."""
        self.main(tab)
        return self.kernels[tab].execute(nb, timeout)

    def shutdown(self) -> None:
        for kernel in self.kernels.values():
            kernel.shutdown()
