"""frontnews.options: option values checked and converted by the type each format declares."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from frontnews import Option, OptionValueError, UnknownOptionError
from frontnews.options import check_params, describe_type, params_from_text

OPTIONS = {
    "flag": Option(default=False, help="A switch."),
    "count": Option(default=10, help="A whole number."),
    "ratio": Option(default=0.5, help="A number."),
    "name": Option(default=None, type=str, help="Text, unset by default."),
    "limit": Option(default=None, type=int, help="A whole number or none."),
    "codec": Option(default="zstd", choices=("zstd", "gzip"), help="One of two."),
    "since": Option(default=None, type=dt.datetime, help="A date-time."),
    "anything": Option(default="newest", type=object, help="Not checked."),
}


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"flag": True}, True),
        ({"count": 3}, 3),
        ({"ratio": 2}, 2),
        ({"name": None}, None),
        ({"limit": None}, None),
        ({"anything": dt.datetime(2024, 1, 1)}, dt.datetime(2024, 1, 1)),
    ],
)
def test_check_params_accepts_values_of_the_declared_type(
    params: dict[str, Any], expected: Any
) -> None:
    """A value of the declared type (an int for a float, None where the default is None) passes."""
    checked = check_params("fmt", OPTIONS, params)
    assert checked[next(iter(params))] == expected
    assert set(checked) == set(OPTIONS), "the others are completed with their defaults"


@pytest.mark.parametrize(
    ("name", "value", "expected"),
    [
        ("flag", 1, "true or false"),
        ("flag", "yes", "true or false"),
        ("count", True, "a whole number"),
        ("count", "3", "a whole number"),
        ("count", None, "a whole number"),
        ("name", 2024, "text"),
        ("codec", "lz4", "one of 'zstd', 'gzip'"),
    ],
)
def test_check_params_refuses_another_type_naming_format_option_and_type(
    name: str, value: Any, expected: str
) -> None:
    """A value of another type is an OptionValueError naming the format, option and type."""
    with pytest.raises(OptionValueError) as info:
        check_params("fmt", OPTIONS, {name: value})
    error = info.value
    assert (error.format, error.option, error.value, error.expected) == (
        "fmt",
        name,
        value,
        expected,
    )
    assert str(error) == f"fmt: option {name} must be {expected}, not {value!r}"


def test_unknown_option_names_the_known_ones() -> None:
    """An option the format does not declare is an UnknownOptionError listing the known ones."""
    with pytest.raises(UnknownOptionError) as info:
        check_params("fmt", OPTIONS, {"colour": "red"})
    assert info.value.known == tuple(sorted(OPTIONS))


@pytest.mark.parametrize(
    ("name", "text", "expected"),
    [
        ("flag", "true", True),
        ("flag", "No", False),
        ("flag", "1", True),
        ("count", " 42 ", 42),
        ("ratio", "1e-3", 0.001),
        ("name", "2024", "2024"),
        ("name", "none", "none"),
        ("limit", "none", None),
        ("codec", "gzip", "gzip"),
        ("since", "2024-05-06T07:08:09Z", dt.datetime(2024, 5, 6, 7, 8, 9, tzinfo=dt.UTC)),
        ("anything", "42", "42"),
        ("anything", "null", None),
    ],
)
def test_params_from_text_converts_by_the_declared_type(
    name: str, text: str, expected: Any
) -> None:
    """-O text becomes the declared type: "2024" stays text for a str option."""
    value = params_from_text("fmt", OPTIONS, {name: text})[name]
    assert value == expected
    assert type(value) is type(expected)


@pytest.mark.parametrize(
    ("name", "text"),
    [("flag", "maybe"), ("count", "1.5"), ("ratio", "nan"), ("codec", "lz4"), ("since", "soon")],
)
def test_params_from_text_refuses_text_the_type_cannot_read(name: str, text: str) -> None:
    """Text that is not of the type is an OptionValueError with the text as the value."""
    with pytest.raises(OptionValueError) as info:
        params_from_text("fmt", OPTIONS, {name: text})
    assert (info.value.option, info.value.value) == (name, text)
    assert info.value.expected == describe_type(OPTIONS[name])


@given(st.integers())
def test_any_whole_number_round_trips_through_text(number: int) -> None:
    """What str() writes of an int, -O reads back as the same int."""
    assert params_from_text("fmt", OPTIONS, {"count": str(number)}) == {"count": number}


@given(st.text())
def test_any_text_reaches_a_str_option_unchanged(text: str) -> None:
    """A str option is handed exactly the text given, whatever it looks like."""
    assert params_from_text("fmt", OPTIONS, {"name": text}) == {"name": text}
