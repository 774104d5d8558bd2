"""Modules imported on first use, so that the app's page is built and served before torch is imported.

`import torch` costs ~2.4 s of a 2-core machine's start-up; the page needs none of it. A module that uses torch
only inside its functions names it with `lazy` instead, and a tab names the engine modules that import torch
the same way:

    >>> torch = lazy("torch")           # nothing imported yet
    >>> torch.zeros(2).tolist()         # torch is imported here, once (thread-safe: Python's import locks)
    [0.0, 0.0]

`source_of` reads a function's or class's source without importing its module (the page shows the seed's code).
"""

from __future__ import annotations

import ast
import importlib
import importlib.util
import types
from pathlib import Path


class LazyModule(types.ModuleType):
    """Stands for the module `name`: every attribute read imports it (the first time) and reads it there."""

    def __getattr__(self, attr: str):
        return getattr(importlib.import_module(self.__name__), attr)

    def __repr__(self) -> str:
        return f"<lazy module {self.__name__!r}>"


def lazy(name: str) -> types.ModuleType:
    """The module `name`, imported when one of its attributes is first read."""
    return LazyModule(name)


def source_of(module: str, name: str) -> str:
    """The source of the top-level function or class `name` of `module`, as `inspect.getsource` gives it, read
    from the file without importing the module."""
    path = Path(importlib.util.find_spec(module).origin)
    text = path.read_text("utf-8")
    for node in ast.parse(text).body:
        if isinstance(node, ast.FunctionDef | ast.ClassDef) and node.name == name:
            first = min([node.lineno, *(d.lineno for d in node.decorator_list)])
            return "".join(text.splitlines(keepends=True)[first - 1 : node.end_lineno])
    raise LookupError(f"{name} is not defined at the top of {module}")
