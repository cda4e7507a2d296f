"""Writing records: byte-for-byte round trips, the canonical style, and atomic files."""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import Any, cast

import attrs
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import frontnews
from frontnews import Provider, Record, WriteError
from frontnews.schema import wire_key
from frontnews.writer import atomic_write

from .conftest import DATA, canonical_records, front_matter, make_record
from .strategies import TRICKY, records

PROPERTY = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])

#: Every test here runs against both builds of the generated reader and writer.
pytestmark = pytest.mark.usefixtures("both_builds")


@pytest.mark.parametrize("path", canonical_records(), ids=lambda p: p.name)
def test_canonical_file_comes_back_byte_for_byte(path: Path, tmp_path: Path) -> None:
    """A canonical record, loaded and dumped (as text and file to file), is unchanged."""
    data = path.read_bytes()
    assert frontnews.dumps(frontnews.loads(data)).encode("utf-8") == data
    target = tmp_path / path.name
    frontnews.dump(frontnews.load(path), target)
    assert target.read_bytes() == data


@pytest.mark.parametrize("path", sorted((DATA / "other").glob("*.md")), ids=lambda p: p.name)
def test_other_styles_are_rewritten_canonically_without_loss(path: Path) -> None:
    """A hand-edited record is rewritten with every value kept (comments only when asked)."""
    record = frontnews.load(path)
    text = frontnews.dumps(record, drop_comments=True)
    assert text != path.read_text(encoding="utf-8")
    again = frontnews.loads(text)
    assert again == attrs.evolve(record, layout=attrs.evolve(record.layout, comments=()))
    assert frontnews.dumps(again) == text
    assert frontnews.to_dict(again) == yaml.safe_load(front_matter(path.read_text("utf-8")))


@PROPERTY
@given(records())
def test_any_record_survives_a_round_trip(record: Record) -> None:
    """loads(dumps(r)) == r for any record, whatever its text."""
    assert frontnews.loads(frontnews.dumps(record)) == record


@PROPERTY
@given(records())
def test_dumps_is_idempotent(record: Record) -> None:
    """Writing what was read from our own output gives the same text."""
    text = frontnews.dumps(record)
    assert frontnews.dumps(frontnews.loads(text)) == text


@PROPERTY
@given(records())
def test_to_dict_matches_what_pyyaml_reads_from_the_output(record: Record) -> None:
    """to_dict of the re-read record equals yaml.safe_load of the written front matter."""
    text = frontnews.dumps(record)
    front = front_matter(text)
    expected = yaml.safe_load(front)
    got = frontnews.to_dict(frontnews.loads(text))
    assert got == expected
    assert list(got) == list(expected)
    assert yaml.load(front, Loader=yaml.CSafeLoader) == expected


@pytest.mark.parametrize("name", TRICKY)
def test_awkward_plain_values_are_quoted_when_needed(name: str) -> None:
    """A provider name or topic that would change type or break YAML is quoted."""
    base = frontnews.load(DATA / "canonical" / "minimal.md")
    record = attrs.evolve(
        base, provider=Provider(name=name, domain=name), topics=(name,), category=name, type=name
    )
    text = frontnews.dumps(record)
    front = yaml.safe_load(front_matter(text))
    assert front["provider"] == {"name": name, "domain": name}
    assert front["topics"] == [name]
    assert front["category"] == name
    assert frontnews.loads(text) == record


def test_sample_style_plain_values_stay_plain() -> None:
    """Names like the corpus's ones are written plain, as the corpus writes them."""
    base = frontnews.load(DATA / "canonical" / "minimal.md")
    record = attrs.evolve(base, provider=Provider(name="Fox 9", domain="fox9.com"))
    assert "\n  name: Fox 9\n  domain: fox9.com\n" in frontnews.dumps(record)


def test_evolve_changes_one_field() -> None:
    """attrs.evolve gives a new record that writes the new title and nothing else new."""
    path = DATA / "canonical" / "full-featured.md"
    record = frontnews.load(path)
    changed = attrs.evolve(record, title="New title")
    old = path.read_text(encoding="utf-8").splitlines()
    new = frontnews.dumps(changed).splitlines()
    assert [i for i, (a, b) in enumerate(zip(old, new, strict=True)) if a != b] == [2]
    assert new[2] == 'title: "New title"'


def test_empty_lists_are_written_not_dropped() -> None:
    """An empty topics, images or related list is written as [] and read back as ()."""
    base = frontnews.load(DATA / "canonical" / "minimal.md")
    record = attrs.evolve(base, topics=(), images=(), related=())
    text = frontnews.dumps(record)
    assert "topics: []\n" in text
    assert "images: []\n" in text
    assert "related: []\n" in text
    assert frontnews.loads(text) == record


def test_lone_surrogate_is_a_write_error() -> None:
    """Text no UTF-8 file can hold is refused with a FrontnewsError, not a UnicodeError."""
    base = frontnews.load(DATA / "canonical" / "minimal.md")
    with pytest.raises(WriteError, match="surrogate"):
        frontnews.dumps(attrs.evolve(base, title="bad \ud800"))
    with pytest.raises(WriteError, match="UTF-8"):
        frontnews.dump(attrs.evolve(base, body="bad \udc80"), Path(os.devnull))
    with pytest.raises(WriteError, match="surrogate") as caught:
        frontnews.dumps(attrs.evolve(base, body="bad \udc80"))
    assert caught.value.field == "body"


def test_nul_in_body_is_a_write_error() -> None:
    """A body with a NUL character is refused, since no reader would accept the file."""
    base = frontnews.load(DATA / "canonical" / "minimal.md")
    with pytest.raises(WriteError, match="NUL"):
        frontnews.dumps(attrs.evolve(base, body="a\x00b"))


def test_dump_to_binary_stream(tmp_path: Path) -> None:
    """dump writes UTF-8 bytes to an open binary file."""
    record = frontnews.load(DATA / "canonical" / "bom.md")
    with (tmp_path / "out.md").open("wb") as handle:
        frontnews.dump(record, handle)
    assert (tmp_path / "out.md").read_bytes() == (DATA / "canonical" / "bom.md").read_bytes()


def test_crash_mid_write_leaves_the_old_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """If the process dies before the replace, the old file is intact and no temp file is left."""
    target = tmp_path / "record.md"
    target.write_bytes(b"old contents")
    record = frontnews.load(DATA / "canonical" / "minimal.md")

    def crash(*args: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "fsync", crash)
    with pytest.raises(KeyboardInterrupt):
        frontnews.dump(record, target)
    assert target.read_bytes() == b"old contents"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["record.md"]


def test_atomic_write_keeps_permissions(tmp_path: Path) -> None:
    """Replacing a file keeps its mode bits."""
    target = tmp_path / "record.md"
    target.write_bytes(b"old")
    target.chmod(0o640)
    atomic_write(target, b"new")
    assert target.read_bytes() == b"new"
    assert stat.S_IMODE(target.stat().st_mode) == 0o640


@pytest.mark.parametrize(
    ("changes", "field", "expected"),
    [
        ({"quality": "high"}, "quality", "expected an integer"),
        ({"heat": True}, "heat", "expected an integer"),
        ({"quality": 10**5000}, "quality", "at most 1000 digits"),
        ({"title": 123}, "title", "expected a string"),
        ({"published_date_time": "2021"}, "publishedDateTime", "expected a datetime"),
        ({"provider": None}, "provider", "expected a Provider"),
        ({"topics": "AI"}, "topics", "expected a tuple"),
        ({"topics": ("AI", 3)}, "topics[1]", "expected a string"),
        ({"published": "yes"}, "published", "expected True or False"),
        ({"images": [frontnews.Image(url="u", width=1, height=1)]}, "images", "a tuple"),
        ({"provider": Provider(name=5, domain="x")}, "provider.name", "expected a string"),  # type: ignore[arg-type]
        ({"secured": "token"}, "secured", "expected a Secured"),
        ({"body": None}, "body", "expected a string"),
    ],
)
def test_a_record_that_would_not_read_back_is_refused_naming_the_field(
    changes: dict[str, object], field: str, expected: str
) -> None:
    """dumps checks every field against the schema: a wrong type is a SchemaError, not a file."""
    record = attrs.evolve(make_record(), **cast(dict[str, Any], changes))
    with pytest.raises(frontnews.SchemaError) as caught:
        frontnews.dumps(record)
    assert caught.value.field == field
    assert expected in caught.value.reason


def test_a_nested_item_error_names_its_index() -> None:
    """An error inside related[1].provider is reported with that whole path."""
    sample = frontnews.load(DATA / "canonical" / "full-featured.md")
    assert sample.related is not None
    assert len(sample.related) >= 2
    bad = attrs.evolve(
        sample.related[1],
        provider=attrs.evolve(sample.related[1].provider, domain=7),  # type: ignore[arg-type]
    )
    record = attrs.evolve(sample, related=(sample.related[0], bad, *sample.related[2:]))
    with pytest.raises(frontnews.SchemaError) as caught:
        frontnews.dumps(record)
    assert caught.value.field == "related[1].provider.domain"


_ANY_VALUE = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=False),
    st.text(max_size=20),
    st.datetimes(),
    st.tuples(st.text(max_size=5)),
    st.lists(st.integers(), max_size=2),
)


@PROPERTY
@given(
    st.sampled_from([a.name for a in attrs.fields(Record) if a.name not in ("extra", "layout")]),
    _ANY_VALUE,
)
def test_whatever_a_field_holds_dumps_writes_what_reads_back_or_refuses(
    name: str, value: object
) -> None:
    """Any value in any field: the text reads back as an equal record, or an error names it."""
    record = attrs.evolve(make_record(), **cast(dict[str, Any], {name: value}))
    try:
        text: str | None = frontnews.dumps(record)
        refusal = ""
    except frontnews.FrontnewsError as error:
        text, refusal = None, str(error)
    if text is None:
        assert wire_key(name) in refusal, refusal
    else:
        assert frontnews.loads(text) == record
