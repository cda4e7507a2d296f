"""frontnews.checks: values that read fine but are probably mistakes, with their places."""

from __future__ import annotations

import datetime as dt

import attrs
import pytest

import frontnews
from frontnews import Image, RelatedArticle
from frontnews.checks import FUTURE_TOLERANCE, check

from .conftest import ROOT, make_record

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
