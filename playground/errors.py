"""The engine speaks codes, the UI speaks sentences.

An engine error or note is a key and its values, never an English sentence: the UI writes the sentence in the
page's language from its text tables (`ui/i18n`). A value that is itself a word to translate (which input was
wrong) is passed as a `Term` and the UI translates it too.

    >>> err = InputError("inputs.err.not_whole", what=Term("the_seed"), value=2.5)
    >>> err.key, err.params["value"]
    ('inputs.err.not_whole', 2.5)
    >>> isinstance(err, ValueError)  # a bad input: callers that catch ValueError still do
    True
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Term:
    """A word the UI translates (its key is `term.<name>`), used as a value inside an error or a note."""

    name: str

    def __str__(self) -> str:
        return self.name


class Coded:
    """Something the engine says: a text key and the values the sentence needs."""

    key: str
    params: dict

    def __init__(self, key: str, **params):
        self.key, self.params = key, params

    def describe(self) -> str:
        """`key(name=value, ...)`: for logs and tracebacks, never shown to a student."""
        values = ", ".join(f"{name}={value!r}" for name, value in self.params.items())
        return f"{self.key}({values})"


class InputError(Coded, ValueError):
    """A value a student (or an API client) gave that the engine cannot use."""

    def __init__(self, key: str, **params):
        Coded.__init__(self, key, **params)
        ValueError.__init__(self, self.describe())


@dataclass(frozen=True)
class Note:
    """A sentence the engine adds to a view (how a model differs from the seed code, a run's status)."""

    key: str
    params: tuple[tuple[str, object], ...] = ()

    @classmethod
    def of(cls, key: str, **params) -> Note:
        return cls(key, tuple(params.items()))

    def as_json(self) -> dict:
        """{"key": ..., "params": {...}} (a Note inside too): how a run's status file keeps it."""
        return {"key": self.key, "params": {n: v.as_json() if isinstance(v, Note) else v for n, v in self.params}}

    @classmethod
    def from_json(cls, value) -> Note | None:
        """The Note as_json wrote; None for anything else (an empty message)."""
        if not isinstance(value, dict) or not isinstance(value.get("key"), str):
            return None
        params = {n: cls.from_json(v) if isinstance(v, dict) else v for n, v in value.get("params", {}).items()}
        return cls.of(value["key"], **params)
