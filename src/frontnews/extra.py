"""Unknown keys: an immutable, order-keeping mapping, and the deep freeze/thaw it relies on."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

__all__ = ["Extra", "freeze", "thaw"]


class Extra(Mapping[Any, Any]):
    """Keys frontnews does not know, with their values, in file order.

    Values are frozen deeply (lists become tuples, mappings become
    :class:`Extra`, sets become frozensets) so that a record stays immutable
    and hashable. :func:`~frontnews.extra.thaw` gives back exactly what
    PyYAML's safe loader produced.
    """

    __slots__ = ("_data", "_hash")

    def __init__(self, items: Mapping[Any, Any] | None = None) -> None:
        self._data: dict[Any, Any] = {k: freeze(v) for k, v in (items or {}).items()}
        self._hash: int | None = None

    def __getitem__(self, key: Any) -> Any:
        return self._data[key]

    def __iter__(self) -> Iterator[Any]:
        return iter(self._data)

    def __len__(self) -> int:
        return len(self._data)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Extra):
            return self._data == other._data
        if isinstance(other, Mapping):
            return self._data == dict(other)
        return NotImplemented

    def __hash__(self) -> int:
        if self._hash is None:
            self._hash = hash(frozenset(self._data.items()))
        return self._hash

    def __repr__(self) -> str:
        return f"Extra({self._data!r})"


def freeze(value: Any) -> Any:
    """Return ``value`` with lists, dicts and sets replaced by immutable twins.

    >>> frozen = freeze({"tags": ["a", "b"], "meta": {"n": 1}, "ids": {3}})
    >>> frozen
    Extra({'tags': ('a', 'b'), 'meta': Extra({'n': 1}), 'ids': frozenset({3})})
    >>> hash(frozen) == hash(freeze({"tags": ["a", "b"], "meta": {"n": 1}, "ids": {3}}))
    True
    """
    if isinstance(value, Extra):
        return value
    if isinstance(value, dict):
        return Extra(value)
    if isinstance(value, list | tuple):
        return tuple(freeze(v) for v in value)
    if isinstance(value, set):
        return frozenset(value)
    return value


def thaw(value: Any) -> Any:
    """Undo :func:`freeze`: give the plain values PyYAML's safe loader builds.

    >>> thaw(Extra({"tags": ["a", "b"], "meta": {"n": 1}}))
    {'tags': ['a', 'b'], 'meta': {'n': 1}}
    """
    if isinstance(value, Extra):
        return {k: thaw(v) for k, v in value.items()}
    if isinstance(value, tuple):
        return [thaw(v) for v in value]
    if isinstance(value, frozenset):
        return set(value)
    return value
