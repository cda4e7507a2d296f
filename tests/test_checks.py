"""frontnews.checks: values that read fine but are probably mistakes, with their places."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import attrs
import pytest
import yaml
from hypothesis import HealthCheck, given, settings

import frontnews
from frontnews import Image, RelatedArticle, _safeyaml
from frontnews._canonical import locate_canonical, read_canonical
from frontnews.checks import FUTURE_TOLERANCE, check

from .conftest import ROOT, canonical_records, front_matter, make_record
from .strategies import records

NOW = dt.datetime(2026, 12, 1, 12, 0, tzinfo=dt.UTC)


def test_a_clean_record_has_no_warnings() -> None:
    assert check(make_record(), now=NOW) == []


@pytest.mark.parametrize(
    "url", ["not a url", "/relative/path", "ftp://example.org/x", "https://", "mailto:a@b.org", ""]
)
def test_a_url_field_must_be_an_absolute_http_url(url: str) -> None:
    (warning,) = check(make_record(web_url=url), now=NOW)
    assert (warning.field, warning.path) == ("webUrl", ("webUrl",))
    assert warning.reason == f"not an absolute http(s) URL: {url!r}"


def test_nested_urls_are_checked_with_their_paths() -> None:
    related = RelatedArticle(
        title="t",
        excerpt="e",
        published_date_time=NOW,
        web_url="https://example.org/a",
        type="article",
        provider=make_record().provider,
        quality=1,
        images=(Image(url="img.png", width=1, height=1),),
    )
    (warning,) = check(make_record(related=(related,)), now=NOW)
    assert warning.field == "related[0].images[0].url"


def test_a_date_more_than_a_day_ahead_is_suspicious() -> None:
    soon = make_record(published_date_time=NOW + FUTURE_TOLERANCE)
    assert check(soon, now=NOW) == []
    late = make_record(published_date_time=(NOW + FUTURE_TOLERANCE).replace(tzinfo=None))
    assert check(late, now=NOW) == []  # naive means UTC
    (warning,) = check(make_record(published_date_time=NOW + dt.timedelta(days=2)), now=NOW)
    assert warning.field == "publishedDateTime"
    assert warning.reason.startswith("in the future")


def test_blank_required_text_is_one_warning() -> None:
    warnings = check(make_record(title="  ", category=""), now=NOW)
    assert [w.field for w in warnings] == ["category", "title"]
    assert all(w.reason.startswith("blank") for w in warnings)


def test_given_the_text_a_warning_has_its_line_and_column() -> None:
    text = (ROOT / "samples" / "amnesty-ban-the-scan.md").read_text(encoding="utf-8")
    bad = text.replace("webUrl: ", 'webUrl: "not a url"\nx: ', 1)
    record = frontnews.loads(bad)
    (warning,) = check(record, text=bad.encode("utf-8"), source="a.md", now=NOW)
    line = bad.splitlines().index('webUrl: "not a url"') + 1
    assert (warning.file, warning.line, warning.column) == ("a.md", line, 9)
    assert str(warning) == f"a.md:{line}: webUrl: not an absolute http(s) URL: 'not a url'"


def test_warnings_are_frozen_values() -> None:
    (warning,) = check(make_record(web_url="x"), now=NOW)
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        warning.line = 3  # type: ignore[misc]


def _paths(node: yaml.Node, path: tuple[str | int, ...] = ()) -> list[tuple[str | int, ...]]:
    """Every path to a value in a YAML tree, found by PyYAML's composer."""
    found = [path] if path else []
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            found += _paths(value, (*path, key.value))
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            found += _paths(item, (*path, index))
    return found


def _same_places(front: str) -> None:
    root = _safeyaml.tree(front)
    assert root is not None
    paths = _paths(root)
    expected = [_safeyaml.locate(root, path) for path in paths]
    assert locate_canonical(front, paths) == expected


@pytest.mark.parametrize("path", canonical_records(), ids=lambda p: p.name)
def test_canonical_lines_are_where_libyaml_puts_every_value(path: Path) -> None:
    """Every value of a canonical record is found on libyaml's line and column without it."""
    front = front_matter(path.read_text(encoding="utf-8"))
    assert read_canonical(front) is not None
    _same_places(front)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(records())
def test_canonical_lines_match_libyaml_on_any_written_record(record: frontnews.Record) -> None:
    """The line scan and libyaml agree on every value of any record frontnews writes."""
    front = front_matter(frontnews.dumps(record))
    if read_canonical(front) is not None:  # what check() scans by lines
        _same_places(front)


def test_a_path_that_is_not_there_is_not_located() -> None:
    """A key or an index missing from canonical front matter gives no place at all."""
    front = "title: x\ntopics:\n  - AI\n"
    assert locate_canonical(front, [("topics", 0)]) == [(4, 5)]
    assert locate_canonical(front, [("topics", 1)]) is None
    assert locate_canonical(front, [("excerpt",)]) is None


def test_a_warning_in_a_related_item_has_its_line_in_a_canonical_record() -> None:
    """A blank excerpt deep in a canonical record is placed on its own line."""
    text = (ROOT / "samples" / "amnesty-ban-the-scan.md").read_text(encoding="utf-8")
    lines = text.split("\n")
    at = [i for i, line in enumerate(lines) if line.startswith("    excerpt: ")][1]
    lines[at] = '    excerpt: " "'
    bad = "\n".join(lines)
    record = frontnews.loads(bad)
    assert read_canonical(front_matter(bad)) is not None
    (warning,) = check(record, text=bad, now=NOW)
    assert (warning.field, warning.line, warning.column) == ("related[1].excerpt", at + 1, 14)
