"""gradio's walk over an answer (looking for files) skips arrays of numbers and still finds every file."""

import asyncio
from concurrent.futures import ThreadPoolExecutor

import pytest
from gradio_client import utils as client_utils

from ui.serving import number_arrays
from ui.serving.number_arrays import numbers_only

FILE = {"path": "/tmp/a.png", "meta": {"_type": "gradio.FileData"}}


def test_numbers_only_recognises_vectors_and_matrices_and_nothing_else():
    assert numbers_only([1, 2.5, True, None])
    assert numbers_only([[0.1, 0.2], [0.3, 0.4]]) and numbers_only(((1, 2), (3, 4)))
    assert not numbers_only([]) and not numbers_only("123") and not numbers_only({"a": [1]})
    assert not numbers_only([1, "2"]) and not numbers_only([[1, 2], [3, FILE]]) and not numbers_only([[1], 2])


def walked(value, is_async: bool):
    """The files gradio's walk hands to its function (the function returns them marked)."""
    seen = []

    def mark(file):
        seen.append(file["path"])
        return {**file, "url": "marked"}

    async def amark(file):
        return mark(file)

    if is_async:
        walk = client_utils.async_traverse(value, amark, client_utils.is_file_obj_with_meta)
        with ThreadPoolExecutor(1) as thread:  # a loop of its own: a browser's sync Playwright may run in this thread
            out = thread.submit(asyncio.run, walk).result()
    else:
        out = client_utils.traverse(value, mark, client_utils.is_file_obj_with_meta)
    return out, seen


def test_the_walk_still_finds_every_file_and_returns_numbers_unchanged():
    number_arrays.skip_number_arrays()
    number_arrays.skip_number_arrays()  # twice: still one wrapper
    assert client_utils.traverse.__wrapped__.__name__ == "traverse"
    answer = {
        "matrix": [[0.5, 1.0], [2.0, 3.0]],
        "files": [1, FILE, [2, 3]],
        "deep": {"rows": [[{"x": 1}, FILE]]},
        "tokens": ["a", "b"],
    }
    for is_async in (False, True):
        out, seen = walked(answer, is_async)
        assert seen == ["/tmp/a.png", "/tmp/a.png"]
        assert out["files"][1]["url"] == "marked" and out["deep"]["rows"][0][1]["url"] == "marked"
        assert out["matrix"] == answer["matrix"] and out["tokens"] == ["a", "b"]


def test_a_matrix_is_not_walked_value_by_value():
    number_arrays.skip_number_arrays()
    visited = []

    def is_root(value):
        visited.append(value)
        return False

    matrix = [[float(i * j) for j in range(50)] for i in range(50)]
    assert client_utils.traverse({"pe": matrix}, lambda f: f, is_root) == {"pe": matrix}
    assert len(visited) == 1  # the dict only, not the matrix, its 50 rows and 2,500 numbers


@pytest.mark.slow
def test_the_app_skips_number_arrays_and_summarises_its_events_rarely():
    import app

    assert hasattr(client_utils.traverse, "__wrapped__") and hasattr(client_utils.async_traverse, "__wrapped__")
    assert app.demo._queue.ANAYLTICS_CACHE_FREQUENCY >= 100  # gradio's spelling; 1 (every event) by default
