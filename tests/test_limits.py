"""Limits: configurable bounds on size, nodes, aliases and depth."""

from __future__ import annotations

import pytest

import frontnews
from frontnews import LimitError, Limits

from .conftest import REFERENCE_SAMPLE

TEXT = (REFERENCE_SAMPLE).read_text(encoding="utf-8")


def test_defaults_are_documented_values() -> None:
    """The defaults are the ones docs/format.md states."""
    assert Limits() == Limits(
        max_bytes=8 * 1024 * 1024, max_nodes=100_000, max_aliases=100, max_depth=64
    )


def test_limits_can_be_tightened() -> None:
    """A lower node budget refuses a record the default accepts."""
    frontnews.loads(TEXT)
    with pytest.raises(LimitError, match="max_nodes"):
        frontnews.loads(TEXT, limits=Limits(max_nodes=50))


def test_depth_limit_can_be_raised() -> None:
    """A record nested deeper than the default loads once max_depth allows it."""
    deep = TEXT.replace("secured:", "deep: " + "[" * 70 + "]" * 70 + "\nsecured:")
    with pytest.raises(LimitError, match="max_depth"):
        frontnews.loads(deep)
    assert frontnews.loads(deep, limits=Limits(max_depth=100)).extra["deep"] is not None
