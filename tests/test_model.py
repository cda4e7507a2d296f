"""The model classes: immutable, hashable, and discreet about the secured token."""

from __future__ import annotations

import attrs
import pytest

import frontnews
from frontnews import Secured

from .conftest import REFERENCE_SAMPLE, token_of

REFERENCE = frontnews.load(REFERENCE_SAMPLE)


def test_secured_repr_shows_only_prefix_and_length() -> None:
    """repr and str of the token show six characters and the length, never the whole."""
    token = REFERENCE.secured
    assert token is not None
    assert repr(token) == f"Secured('41wbFn'..., {len(token.text)} chars)"
    assert str(token) == repr(token)
    assert token.text[6:30] not in repr(token)


def test_record_repr_does_not_leak_the_token() -> None:
    """repr and str of a whole record carry the redacted token only."""
    for text in (repr(REFERENCE), str(REFERENCE)):
        assert token_of(REFERENCE) not in text
        assert token_of(REFERENCE)[10:40] not in text
        assert "Secured('41wbFn'..." in text


def test_records_are_frozen() -> None:
    """Assigning to a field raises; change a record with attrs.evolve."""
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        REFERENCE.title = "x"  # type: ignore[misc]
    assert attrs.evolve(REFERENCE, title="x").title == "x"


def test_records_are_hashable_and_compare_by_value() -> None:
    """Equal records hash equal, so they can live in sets and dict keys."""
    again = frontnews.load(REFERENCE_SAMPLE)
    assert again == REFERENCE
    assert again is not REFERENCE
    assert hash(again) == hash(REFERENCE)
    assert len({again, REFERENCE, attrs.evolve(REFERENCE, heat=1)}) == 2


def test_is_published() -> None:
    """Only published: false means unpublished; no key counts as published."""
    assert REFERENCE.is_published is False
    assert attrs.evolve(REFERENCE, published=None).is_published is True
    assert attrs.evolve(REFERENCE, published=True).is_published is True


def test_lists_are_tuples() -> None:
    """Every list in a record is a tuple."""
    assert isinstance(REFERENCE.topics, tuple)
    assert isinstance(REFERENCE.images, tuple)
    assert isinstance(REFERENCE.related, tuple)


def test_secured_equality_is_by_text() -> None:
    """Two tokens are equal when their text is."""
    assert Secured("a;b") == Secured("a;b")
    assert Secured("a;b") != Secured("a;c")
