"""Assert what the engine said by its key and values, never by an English sentence (the UI writes those)."""

import contextlib

import pytest

from playground.errors import InputError


@contextlib.contextmanager
def raises_key(key: str, error: type[Exception] = InputError, **params):
    """`with raises_key("inputs.err.not_whole", low=0): ...`: the block raises `error` with this key and values."""
    with pytest.raises(error) as caught:
        yield caught
    assert caught.value.key == key, caught.value.describe()
    for name, value in params.items():
        assert caught.value.params[name] == value, (name, caught.value.describe())
