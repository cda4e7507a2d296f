"""Single values in the canonical style: quoted, plain and dates load back as themselves."""

from __future__ import annotations

import datetime as dt

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from frontnews.errors import WriteError
from frontnews.scalars import format_datetime, is_plain_safe, plain, quoted

from .strategies import TRICKY, datetimes

LOADERS = [yaml.SafeLoader, yaml.CSafeLoader]
any_text = st.one_of(st.sampled_from(TRICKY), st.text())


def _read(scalar: str, loader: type) -> object:
    return yaml.load(f"key: {scalar}\n", Loader=loader)["key"]


@pytest.mark.parametrize("loader", LOADERS, ids=["pure", "libyaml"])
@settings(max_examples=500, deadline=None)
@given(text=any_text)
def test_quoted_text_loads_back_unchanged(loader: type, text: str) -> None:
    """Any text, double-quoted, loads back as the same string with both PyYAML loaders."""
    assert _read(quoted(text), loader) == text


@pytest.mark.parametrize("loader", LOADERS, ids=["pure", "libyaml"])
@settings(max_examples=500, deadline=None)
@given(text=any_text)
def test_plain_or_quoted_text_loads_back_unchanged(loader: type, text: str) -> None:
    """Text written by plain() is a string again on reading, never a number, bool or null."""
    assert _read(plain(text), loader) == text


@pytest.mark.parametrize("loader", LOADERS, ids=["pure", "libyaml"])
@settings(max_examples=300, deadline=None)
@given(value=datetimes)
def test_datetimes_load_back_equal_with_their_offset(loader: type, value: dt.datetime) -> None:
    """A written timestamp reads back equal, with the same UTC offset (or none)."""
    back = _read(format_datetime(value), loader)
    assert isinstance(back, dt.datetime)
    assert back == value
    assert back.utcoffset() == value.utcoffset()


@pytest.mark.parametrize(
    "text",
    [
        "yes",
        "No",
        "null",
        "~",
        "1.0e+3",
        ".inf",
        "12",
        "-1",
        "0x1F",
        "1:30",
        "2021-01-01",
        "=",
        "<<",
    ],
)
def test_words_that_change_type_are_not_plain(text: str) -> None:
    """Values the safe loader would read as another type are quoted."""
    assert not is_plain_safe(text)
    assert plain(text) == quoted(text)


@pytest.mark.parametrize(
    "text",
    ["'x", "!x", "&x", "*x", "a: b", "a #b", "- x", "x:", " x", "x ", "", "a\tb", "%x", "@x"],
)
def test_indicators_and_separators_are_not_plain(text: str) -> None:
    """A leading indicator, ': ', ' #', a tab or edge spaces force quotes."""
    assert not is_plain_safe(text)


@pytest.mark.parametrize("text", ["Amnesty UK", "Fox 9", "C#", "a:b", "Tom's", "1e3", "news", "AI"])
def test_ordinary_names_are_plain(text: str) -> None:
    """Names like the corpus's are written without quotes."""
    assert plain(text) == text


def test_quoted_uses_only_the_corpus_escapes_for_common_text() -> None:
    """Quotes, newlines and CRs use the short escapes the corpus uses; other text stays raw."""
    assert quoted('a "b"\nc\rd é\u00a0🚢') == '"a \\"b\\"\\nc\\rd é\u00a0🚢"'


def test_format_datetime_styles() -> None:
    """UTC is Z, offsets are +HH:MM, naive stays naive, fractions drop trailing zeros."""
    utc = dt.datetime(2021, 1, 26, 18, 47, tzinfo=dt.timezone.utc)
    assert format_datetime(utc) == "2021-01-26T18:47:00Z"
    india = dt.timezone(dt.timedelta(hours=5, minutes=30))
    assert format_datetime(utc.replace(tzinfo=india, microsecond=250000)) == (
        "2021-01-26T18:47:00.25+05:30"
    )
    west = dt.timezone(-dt.timedelta(hours=8))
    assert format_datetime(utc.replace(tzinfo=west)) == "2021-01-26T18:47:00-08:00"
    assert format_datetime(utc.replace(tzinfo=None)) == "2021-01-26T18:47:00"


def test_offset_with_seconds_cannot_be_written() -> None:
    """YAML cannot express an offset with seconds, so writing one is an error, not a rounding."""
    odd = dt.timezone(dt.timedelta(seconds=30))
    with pytest.raises(WriteError, match="whole number of minutes"):
        format_datetime(dt.datetime(2021, 1, 1, tzinfo=odd))
