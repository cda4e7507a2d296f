"""The cattrs converter: strict structuring, camelCase keys, unknown keys, canonical order."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

import frontnews
from frontnews import Record, SchemaError, Secured
from frontnews.converter import converter, make_converter
from frontnews.schema import wire_key as file_key

from .conftest import REFERENCE_SAMPLE, make_record

REFERENCE = frontnews.load(REFERENCE_SAMPLE)


def _mapping(**changes: Any) -> dict[str, Any]:
    data = frontnews.to_dict(REFERENCE)
    data.update(changes)
    return data


def test_file_key_is_camel_case() -> None:
    """Attribute names map to the file's camelCase keys."""
    assert file_key("published_date_time") == "publishedDateTime"
    assert file_key("cdn_amp_web_url") == "cdnAmpWebUrl"
    assert file_key("is_cached") == "isCached"
    assert file_key("title") == "title"


def test_from_dict_and_to_dict_are_inverse() -> None:
    """from_dict(to_dict(r)) == r, and to_dict keeps the canonical key order."""
    data = frontnews.to_dict(REFERENCE)
    assert list(data)[:4] == ["category", "title", "excerpt", "publishedDateTime"]
    assert list(data)[-1] == "secured"
    assert frontnews.from_dict(data) == REFERENCE


def test_to_dict_gives_plain_values() -> None:
    """to_dict gives lists, dicts, str and datetime: what yaml.safe_load gives."""
    data = frontnews.to_dict(REFERENCE)
    assert isinstance(data["topics"], list)
    assert isinstance(data["related"][0]["provider"], dict)
    assert isinstance(data["secured"], str)
    assert isinstance(data["publishedDateTime"], dt.datetime)


def test_absent_optional_fields_are_left_out() -> None:
    """None means absent: to_dict never holds a None for an optional key."""
    data = frontnews.to_dict(REFERENCE)
    assert "featuredContent" not in data
    assert "ampWebUrl" not in data["related"][1]


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"quality": "38"}, "quality", "expected an integer, got str '38'"),
        ({"quality": 38.0}, "quality", "expected an integer, got float 38.0"),
        ({"heat": True}, "heat", "expected an integer, got bool True"),
        ({"title": 3}, "title", "expected a string, got int 3"),
        ({"published": "false"}, "published", "expected true or false"),
        ({"topics": "AI"}, "topics", "expected a list"),
        ({"topics": [1]}, "topics[0]", "expected a string, got int 1"),
        ({"provider": "Amnesty"}, "provider", "expected a mapping"),
        ({"secured": 5}, "secured", "expected the secured token as a string"),
        ({"publishedDateTime": "last tuesday"}, "publishedDateTime", "expected a date and time"),
    ],
)
def test_structuring_is_strict(changes: dict[str, Any], field: str, message: str) -> None:
    """Values of the wrong type are refused, never coerced, and the field is named."""
    with pytest.raises(SchemaError) as info:
        frontnews.from_dict(_mapping(**changes))
    assert info.value.field == field
    assert message in str(info.value)


def test_several_problems_are_counted() -> None:
    """The first problem is reported and the others are counted."""
    with pytest.raises(SchemaError, match=r"and 1 more problem\)"):
        frontnews.from_dict(_mapping(quality="x", heat="y"))


def test_iso_string_dates_are_accepted() -> None:
    """A quoted ISO 8601 date and time is read as that datetime."""
    record = frontnews.from_dict(_mapping(publishedDateTime="2021-01-26T18:47:00Z"))
    assert record.published_date_time == REFERENCE.published_date_time


def test_unknown_keys_go_to_extra_in_order() -> None:
    """Unknown keys are kept in extra, in order, and come back out of to_dict."""
    data = _mapping(zzz=1, aaa=[1, {"b": 2}])
    record = frontnews.from_dict(data)
    assert list(record.extra) == ["zzz", "aaa"]
    assert record.extra["aaa"] == (1, frontnews.Extra({"b": 2}))
    out = frontnews.to_dict(record)
    assert out == data
    assert list(out)[-3:] == ["zzz", "aaa", "secured"]


def test_from_dict_takes_body_and_layout() -> None:
    """from_dict can set the body and layout that the front matter does not hold."""
    layout = frontnews.Layout(newline="\r\n", bom=True)
    record = frontnews.from_dict(frontnews.to_dict(REFERENCE), body="Hi\n", layout=layout)
    assert record.body == "Hi\n"
    assert record.layout == layout


def test_make_converter_builds_an_independent_converter() -> None:
    """make_converter gives a fresh converter configured like the default one."""
    mine = make_converter()
    assert mine is not converter
    assert mine.structure(frontnews.to_dict(REFERENCE), Record) == REFERENCE
    assert mine.unstructure(Secured("abc")) == "abc"


def test_a_quoted_date_in_a_file_is_text_not_a_timestamp() -> None:
    """Reading a file converts nothing: a quoted date is a string, refused for a timestamp."""
    text = frontnews.dumps(make_record()).replace(
        "publishedDateTime: 2021-01-26T18:47:00Z", 'publishedDateTime: "2021-01-26T18:47:00Z"'
    )
    with pytest.raises(frontnews.SchemaError, match="publishedDateTime: expected a date and time"):
        frontnews.loads(text)


@pytest.mark.parametrize(
    ("text", "accepted"),
    [
        ("2021-01-26T18:47:00Z", True),
        ("2021-01-26 18:47:00.5 +05:30", True),
        ("2021-01-26t18:47:00", True),
        ("2021-01-26-18:47:00Z", False),  # fromisoformat alone takes any separator
        ('2021-01-26T18:47:00"Z', False),
        ("2021-13-26T18:47:00Z", False),
    ],
)
def test_from_dict_takes_iso_text_in_the_shape_yaml_writes(text: str, accepted: bool) -> None:
    """from_dict's data may come through JSON: ISO 8601 text is a timestamp, in YAML's shape."""
    data = {**frontnews.to_dict(make_record()), "publishedDateTime": text}
    if accepted:
        assert frontnews.from_dict(data).published_date_time.year == 2021
    else:
        with pytest.raises(frontnews.SchemaError, match="publishedDateTime"):
            frontnews.from_dict(data)


@pytest.mark.parametrize("line", ["heat: ~", "heat: null", "heat: &anchor", "heat:"])
def test_a_null_optional_field_in_a_file_is_refused(line: str) -> None:
    """An optional key with no value would vanish on writing: reading refuses it, by name."""
    text = frontnews.dumps(make_record(heat=5)).replace("heat: 5", line)
    with pytest.raises(frontnews.SchemaError, match="heat: null: an optional key"):
        frontnews.loads(text)


def test_from_dict_takes_null_as_absent() -> None:
    """Data that came through JSON has nulls for absent fields: from_dict takes them so."""
    data = {**frontnews.to_dict(make_record()), "heat": None, "webUrl": None}
    record = frontnews.from_dict(data)
    assert (record.heat, record.web_url) == (None, None)
