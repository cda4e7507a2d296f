"""Unknown keys: an immutable mapping that keeps order and thaws back to plain data."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings

from frontnews.extra import Extra, freeze, thaw

from .strategies import extra_values


@settings(max_examples=200, deadline=None)
@given(extra_values)
def test_thaw_undoes_freeze(value: object) -> None:
    """thaw(freeze(v)) == v for any value PyYAML's safe loader can build."""
    assert thaw(freeze(value)) == value


def test_extra_keeps_order_and_freezes_deeply() -> None:
    """Keys keep their order; nested lists become tuples and mappings Extra."""
    extra = Extra({"b": [1, {"c": [2]}], "a": {1, 2}, "when": dt.date(2021, 1, 1)})
    assert list(extra) == ["b", "a", "when"]
    assert extra["b"] == (1, Extra({"c": (2,)}))
    assert extra["a"] == frozenset({1, 2})
    assert thaw(extra) == {"b": [1, {"c": [2]}], "a": {1, 2}, "when": dt.date(2021, 1, 1)}


def test_extra_is_immutable_and_hashable() -> None:
    """Extra has no way to change it, and equal ones hash equal."""
    extra = Extra({"a": [1]})
    with pytest.raises(TypeError):
        extra["a"] = 2  # type: ignore[index]
    assert hash(extra) == hash(Extra({"a": [1]}))


def test_extra_compares_with_plain_mappings() -> None:
    """An Extra equals the dict it was made from (frozen values compare equal to thawed ones)."""
    assert Extra({"a": 1}) == {"a": 1}
    assert Extra({"a": 1}) != {"a": 2}
    assert Extra() == {}
    assert len(Extra({"a": 1, "b": 2})) == 2
    assert repr(Extra({"a": 1})) == "Extra({'a': 1})"
