"""Hostile input: every attack found so far is refused with a FrontnewsError, within bounds.

Each case is small to generate and checks memory (tracemalloc's peak of Python
allocations), never time: a bound on the work shows as a bound on what is built.
"""

from __future__ import annotations

import tracemalloc
from collections.abc import Callable

import pytest

import frontnews
from frontnews import EncodingError, LimitError, Limits, YAMLSyntaxError

from .conftest import make_record

MB = 1_000_000
BASE = frontnews.dumps(make_record())


def with_line(line: str) -> str:
    """The base record with ``line`` added just before ``secured``."""
    return BASE.replace("secured:", f"{line}\nsecured:", 1)


def replacing(old: str, new: str) -> str:
    assert old in BASE
    return BASE.replace(old, new, 1)


def peak_of(action: Callable[[], object]) -> int:
    """Peak traced memory, in bytes, while ``action`` runs."""
    tracemalloc.start()
    try:
        action()
    except frontnews.FrontnewsError:
        pass
    finally:
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    return peak


@pytest.mark.parametrize("count", [10_000, 200_000, 4_000_000])
def test_a_huge_sexagesimal_integer_is_refused_before_it_is_built(count: int) -> None:
    """quality: 1:1:1:... used to take quadratic time (8 MB: about an hour); now a LimitError."""
    text = replacing("quality: 38", "quality: " + ":".join(["1"] * count))
    with pytest.raises(LimitError, match=r"max_int_digits") as caught:
        frontnews.loads(text)
    assert caught.value.line == BASE[: BASE.index("quality")].count("\n") + 1
    assert peak_of(lambda: frontnews.loads(text)) < 10 * MB + 4 * len(text)


def test_an_integer_over_the_conversion_limit_is_a_limit_error() -> None:
    """5,000 digits used to escape as ValueError from int(); now LimitError."""
    with pytest.raises(LimitError, match="max_int_digits"):
        frontnews.loads(replacing("quality: 38", "quality: " + "7" * 5000))
    with pytest.raises(LimitError, match="max_int_digits"):
        frontnews.loads(with_line("big: " + "7" * 5000))


def test_a_long_flow_list_is_refused_before_its_nodes_are_built() -> None:
    """A 4 MB flow list of 2 million scalars is counted as events, not built as nodes."""
    text = with_line("items: [" + "1," * 2_000_000 + "1]")
    with pytest.raises(LimitError, match="max_nodes"):
        frontnews.loads(text)
    assert peak_of(lambda: frontnews.loads(text)) < 40 * MB


def test_an_anchored_string_repeated_through_aliases_is_refused() -> None:
    """1 MB behind an anchor used 50 times is 50 MB once expanded: over max_expanded_bytes."""
    text = with_line("a: &big " + "x" * MB + "\nb: [" + ", ".join(["*big"] * 50) + "]")
    with pytest.raises(LimitError, match="max_expanded_bytes"):
        frontnews.loads(text)
    assert peak_of(lambda: frontnews.loads(text)) < 30 * MB
    # The same document loads when the caller raises the limit.
    loose = Limits(max_expanded_bytes=100 * MB)
    assert len(frontnews.loads(text, limits=loose).extra["b"]) == 50


@pytest.mark.parametrize(
    ("first", "second"),
    [("1", "0x1"), ("1", "1.0"), ("yes", "true"), ("~", "null"), ("0.5", "0.50")],
)
def test_keys_equal_once_typed_are_duplicates(first: str, second: str) -> None:
    """Two keys PyYAML would merge into one are refused, naming both lines."""
    text = with_line(f"{first}: a\n{second}: b")
    line = text[: text.index(f"{second}: b")].count("\n") + 1
    with pytest.raises(YAMLSyntaxError, match=rf"duplicate key .*first on line {line - 1}"):
        frontnews.loads(text)


@pytest.mark.parametrize(
    ("text", "field"),
    [
        (with_line('n: !!int ""'), "n"),
        (with_line('b: !!bool ""'), "b"),
        (replacing("2021-01-26T18:47:00Z", "2021-13-26T18:47:00Z"), "publishedDateTime"),
        (replacing("2021-01-26T18:47:00Z", "2021-01-26T18:47:00+24:00"), "publishedDateTime"),
    ],
)
def test_a_value_its_type_cannot_hold_names_the_field(text: str, field: str) -> None:
    """Out-of-range dates and empty tagged values are YAMLSyntaxErrors naming field and line."""
    with pytest.raises(YAMLSyntaxError) as caught:
        frontnews.loads(text)
    assert caught.value.field == field
    assert caught.value.line == text[: text.index(f"\n{field}:")].count("\n") + 2


def test_a_lone_surrogate_in_text_input_is_an_encoding_error() -> None:
    """loads(str) with a lone surrogate (in an unknown key) used to raise UnicodeEncodeError."""
    text = with_line("note\ud800: x")
    with pytest.raises(EncodingError, match="surrogate") as caught:
        frontnews.loads(text)
    assert caught.value.line == text[: text.index("note")].count("\n") + 1


def test_loads_refuses_what_is_neither_text_nor_bytes() -> None:
    """A wrong argument type is a TypeError that says what loads takes."""
    with pytest.raises(TypeError, match="str or bytes"):
        frontnews.loads(123)  # type: ignore[arg-type]
