"""Arrays of numbers in a response are not walked element by element looking for files.

Measured (py-spy, bench/load.py at 60 students): gradio walks every value it returns, twice, to find the
files in it (`gradio_client.utils.traverse` and `async_traverse`, one call or one coroutine per element),
on the server's event loop. The JSON endpoints return matrices: `/positional_sinusoidal` 33,543 values
(132,615 at 256 × 256), `/architecture_block` 84,677. Each such answer held the event loop, and every
other student, for a few hundred milliseconds. A file is a dict, so a list holding only numbers cannot
contain one: it is returned as it is, without the walk. gradio_client (the load test's students) walks
every answer the same way and is patched the same way there (bench/walk.py: 42.8 ms -> 4.4 ms on
/positional_sinusoidal).

Fenced by ui/serving/adaptations.py (gradio 6.31 only). Upstream fix: `traverse` skipping lists of numbers itself.
"""

from __future__ import annotations

from collections.abc import Callable

from gradio_client import utils as client_utils

NUMBER_TYPES = frozenset({int, float, bool, type(None)})  # None: a NaN or a masked value


def numbers_only(value) -> bool:
    """A list or tuple of numbers, or of such lists (a matrix), at any depth: nothing in it can be a file."""
    if not isinstance(value, list | tuple) or not value:
        return False
    first = value[0]
    if isinstance(first, list | tuple):
        return all(numbers_only(row) for row in value)
    return NUMBER_TYPES.issuperset(map(type, value))


def _skipping(walk: Callable, is_async: bool) -> Callable:
    if is_async:

        async def async_traverse(json_obj, func, is_root):
            if numbers_only(json_obj):
                return json_obj
            return await walk(json_obj, func, is_root)

        async_traverse.__wrapped__ = walk
        return async_traverse

    def traverse(json_obj, func, is_root):
        if numbers_only(json_obj):
            return json_obj
        return walk(json_obj, func, is_root)

    traverse.__wrapped__ = walk
    return traverse


def skip_number_arrays() -> None:
    """Make gradio's (and gradio_client's) walk over a response skip arrays of numbers. Idempotent.

    gradio's walk calls itself through the module's global name, so the check runs at every level."""
    for name, is_async in (("traverse", False), ("async_traverse", True)):
        walk = getattr(client_utils, name)
        if not hasattr(walk, "__wrapped__"):
            setattr(client_utils, name, _skipping(walk, is_async))
