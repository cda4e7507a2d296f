"""The ``feed`` importer: RSS 2.0, Atom 1.0 and JSON Feed entries become valid records."""

from __future__ import annotations

import datetime as dt
import io
import sys
from pathlib import Path
from typing import Any

import attrs
import feedparser
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import frontnews
import frontnews.imports
from frontnews import Feed, MissingExtraError, Record, SourceError
from frontnews.checks import check
from frontnews.plugins import get_importer

from .conftest import DATA, SAMPLES

FEEDS = DATA / "feeds"
UTC = dt.timezone.utc
GOOD_FEEDS = ["rss2.xml", "atom.xml", "jsonfeed.json", "jsonfeed-1.0.json"]


def read(name: str | Path, **params: Any) -> list[Record]:
    return list(frontnews.import_records(FEEDS / name, "feed", **params))


def test_rss_items_become_records() -> None:
    """Each RSS item's title, link, date, categories, media and creator land in their fields."""
    star, eclipse, countdown = read("rss2.xml")
    assert star.title == "Star City"
    assert star.web_url == "https://www.launchpad.example/news/2003/news-starcity.asp"
    assert star.published_date_time == dt.datetime(2003, 6, 3, 9, 39, 21, tzinfo=UTC)
    assert star.excerpt.startswith("How do astronauts get ready")
    assert star.excerpt.endswith("protocol at Star City.")  # the link's markup is gone
    assert star.provider == frontnews.Provider(name="Launch Pad News", domain="launchpad.example")
    assert star.topics == ("Space", "Training")
    assert [(i.url, i.width, i.height) for i in star.images or ()] == [
        ("https://cdn.launchpad.example/img/starcity.jpg", 640, 360)
    ]
    assert (star.category, star.type, star.secured) == ("news", "article", None)
    assert star.extra == {"id": "https://www.launchpad.example/2003/06/03.html#item573"}
    assert eclipse.title == "Sky watchers in Europe & Africa"
    assert eclipse.published_date_time.utcoffset() == dt.timedelta(hours=2)  # its own offset
    assert eclipse.excerpt == "Sky watchers will be in for a treat: a total lunar eclipse."
    assert eclipse.extra["author"] == "Jane Reporter"
    assert [i.url for i in eclipse.images or ()] == [
        "https://cdn.launchpad.example/img/eclipse.png"
    ]
    assert countdown.type == "video"
    assert countdown.provider.domain == "video.launchpad.example"
    assert (
        countdown.extra["enclosures"][0]["href"] == "https://video.launchpad.example/countdown.mp4"
    )


def test_atom_entries_become_records() -> None:
    """Atom: updated when there is no published date, HTML titles as text, xhtml content kept."""
    robots, draft = read("atom.xml")
    assert robots.title == "Atom-Powered Robots Run Amok"
    assert robots.published_date_time == dt.datetime(2003, 12, 13, 18, 30, 2, tzinfo=UTC)
    assert robots.excerpt == "Some text."
    assert robots.topics == ("Robots",)
    assert robots.provider == frontnews.Provider(name="dive into news", domain="news.example.org")
    assert draft.title == "Atom draft-07 snapshot"
    assert draft.published_date_time == dt.datetime(
        2003, 12, 13, 8, 29, 29, tzinfo=dt.timezone(dt.timedelta(hours=-4))
    )
    assert draft.extra["updated"] == dt.datetime(2005, 7, 31, 12, 29, 29, tzinfo=UTC)
    assert draft.extra["author"] == "Mark Pilgrim"
    assert draft.excerpt == "[Update: The Atom draft is finished.]"
    assert "<i>[Update: The Atom draft is finished.]</i>" in (draft.featured_content or "")
    assert draft.extra["enclosures"][0]["type"] == "audio/mpeg"


def test_json_feed_items_become_records() -> None:
    """JSON Feed 1.1: summary, content_text as body, tags once each, attachments sorted out."""
    second, hello = read("jsonfeed.json")
    assert second.title == "A second item"
    assert second.excerpt == "The second item, in short."
    assert second.body == "This is a second item."
    assert second.topics == ("AI", "Education")
    assert second.published_date_time == dt.datetime(
        2026, 11, 20, 9, 30, tzinfo=dt.timezone(dt.timedelta(hours=1))
    )
    assert [i.url for i in second.images or ()] == ["https://example.org/images/second.png"]
    assert second.extra == {"id": "2", "author": "Ann Writer"}
    assert hello.original_url == "https://elsewhere.example.net/story"
    assert hello.type == "video"
    assert hello.excerpt == "Hello, world!"
    assert [i.url for i in hello.images or ()] == ["https://example.org/images/hello.jpg"]


def test_json_feed_1_0_is_read() -> None:
    """JSON Feed 1.0's single author and version URL are read too."""
    [item] = read("jsonfeed-1.0.json")
    assert item.title == "Version one item"
    assert item.provider == frontnews.Provider(name="JSON Feed 1.0 news", domain="old.example.com")
    assert item.extra == {"author": "Old Writer"}


def test_html_from_feeds_is_sanitized() -> None:
    """Scripts and event handlers never reach featuredContent, from XML or from JSON."""
    contents = [r.featured_content or "" for name in GOOD_FEEDS for r in read(name)]
    assert any("Full story" in c for c in contents)
    assert not any("<script" in c or "onerror" in c or "alert(" in c for c in contents)


@pytest.mark.parametrize("name", GOOD_FEEDS)
def test_imported_records_pass_validate_and_round_trip(name: str) -> None:
    """Every imported record reads back equal from its file and has no --strict warning."""
    for record in read(name):
        text = frontnews.dumps(record)
        again = frontnews.loads(text)
        assert again == record
        assert frontnews.dumps(again) == text
        assert check(again, text=text) == []


# -- malformed feeds ------------------------------------------------------------------------


def test_malformed_xml_names_the_source_line_and_entry() -> None:
    """XML that is not well-formed is refused, naming the file, the entry and the line."""
    with pytest.raises(SourceError) as caught:
        read("broken-rss.xml")
    error = caught.value
    assert (error.source, error.entry) == (str(FEEDS / "broken-rss.xml"), 2)
    assert "not well-formed XML (line 13" in error.reason
    assert "mismatched tag" in error.reason


def test_lenient_reads_what_feedparser_can() -> None:
    """-O lenient=true takes feedparser's best effort at XML that is not well-formed."""
    records = read("broken-rss.xml", lenient=True, untitled="skip")
    assert records[0].title == "Fine"


def test_an_unreadable_date_names_the_entry_and_field() -> None:
    """An entry whose date cannot be read stops the import there, naming it."""
    reader = frontnews.import_records(FEEDS / "broken-date.atom", "feed", name="d.atom")
    assert next(reader).title == "Good date"
    with pytest.raises(SourceError) as caught:
        next(reader)
    assert str(caught.value) == (
        "d.atom: entry 2: updated: cannot read the date 'the thirteenth of December' "
        "(expected RFC 3339 or RFC 822)"
    )


def test_a_json_item_of_the_wrong_shape_names_entry_and_key() -> None:
    """A JSON Feed item whose tags are not an array is refused, naming it."""
    with pytest.raises(SourceError, match=r"entry 2: tags: must be an array, not a string"):
        read("broken-item.json")


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "is empty"),
        (b"<html><body>Not a feed</body></html>", "not an RSS, Atom or JSON feed"),
        (b'{"version": "1", "items": []}', "version: not a JSON Feed"),
        (b'{"version": "https://jsonfeed.org/version/1.1", "items": [', "not valid JSON (line 1"),
        (b'{"version": "https://jsonfeed.org/version/1.1", "items": [3]}', "entry 1: must be"),
        (b"\xef\xbb\xbf{\xff}", "not UTF-8"),
    ],
)
def test_what_is_no_feed_is_refused_naming_the_source(data: bytes, message: str) -> None:
    """Empty input, HTML, bad JSON: one SourceError that names the source."""
    with pytest.raises(SourceError) as caught:
        list(frontnews.import_records(data, "feed", name="in.feed"))
    assert str(caught.value).startswith("in.feed: ")
    assert message in str(caught.value)


def test_undated_entries_error_skip_or_take_the_feed_date() -> None:
    """An entry without a date: an error by default, or skipped, or given the feed's date."""
    with pytest.raises(SourceError, match="entry 2: published: has no date"):
        read("undated.xml")
    assert [r.title for r in read("undated.xml", undated="skip")] == ["Dated"]
    undated = read("undated.xml", undated="feed")[1]
    assert undated.published_date_time == dt.datetime(2026, 11, 30, 11, 0, tzinfo=UTC)


def test_untitled_entries_error_skip_or_take_their_text() -> None:
    """A JSON Feed item without a title (a microblog post): error, skipped or titled by its text."""
    data = (
        b'{"version": "https://jsonfeed.org/version/1.1", "title": "Micro", '
        b'"home_page_url": "https://micro.example/", "items": [{"id": "1", '
        b'"content_text": "Just a short post without a title.", '
        b'"date_published": "2026-11-20T09:30:00Z"}]}'
    )

    def titles(**params: Any) -> list[str]:
        return [r.title for r in frontnews.import_records(data, "feed", **params)]

    with pytest.raises(SourceError, match="entry 1: title: has no title"):
        titles()
    assert titles(untitled="skip") == []
    assert titles(untitled="excerpt") == ["Just a short post without a title."]


def test_options_name_the_provider_domain_and_category() -> None:
    """category, provider and domain options replace what the feed says."""
    [record, *_] = read("rss2.xml", category="space", provider="NASA", domain="nasa.gov")
    assert (record.category, record.provider.name, record.provider.domain) == (
        "space",
        "NASA",
        "nasa.gov",
    )


def test_option_values_are_checked() -> None:
    """A value outside an option's choices, or of the wrong type, is refused before reading."""
    with pytest.raises(frontnews.OptionValueError, match="undated must be one of error, skip"):
        frontnews.import_records(b"", "feed", undated="never")
    with pytest.raises(frontnews.OptionValueError, match="lenient must be true or false"):
        frontnews.import_records(b"", "feed", lenient="yes")
    with pytest.raises(frontnews.UnknownOptionError, match="colour"):
        frontnews.import_records(b"", "feed", colour="red")


def test_without_feedparser_the_error_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    """Without feedparser installed, MissingExtraError says to install frontnews[feeds]."""
    monkeypatch.setitem(sys.modules, "feedparser", None)
    with pytest.raises(MissingExtraError, match=r"pip install 'frontnews\[feeds\]'"):
        read("rss2.xml")


def test_the_format_is_guessed_from_the_suffix() -> None:
    """Feed suffixes choose the feed importer; .csv the csv one; others need a name."""
    assert frontnews.imports.importer_for("news.atom") is get_importer("feed")
    assert frontnews.imports.importer_for("a/b.JSON") is get_importer("feed")
    with pytest.raises(SourceError, match=r"no importer reads '\.txt' files"):
        frontnews.imports.importer_for("notes.txt")
    assert next(frontnews.import_records(FEEDS / "atom.xml")).title.startswith("Atom")


# -- frontnews's own feeds, read back ----------------------------------------------------------


FEED = Feed(title="Samples", link="https://samples.example/", description="The samples.")


@pytest.mark.parametrize("format", ["rss", "jsonfeed"])
def test_a_feed_frontnews_exported_imports_back(format: str) -> None:
    """Exported as RSS or JSON Feed and imported: the same titles, links and instants."""
    originals = list(frontnews.iter_records(SAMPLES))
    data = frontnews.exports(originals, format, feed=FEED, include_unpublished=True)
    back = list(frontnews.import_records(data, "feed", name=f"samples.{format}"))
    assert [r.title for r in back] == [r.title for r in originals]
    assert [r.web_url for r in back] == [r.web_url or r.original_url for r in originals]
    assert [r.published_date_time for r in back] == [r.published_date_time for r in originals]
    assert [r.topics for r in back] == [tuple(t for t in r.topics if t) for r in originals]
    if format == "rss":  # feedparser, someone else's reader, sees what the importer saw
        parsed = feedparser.parse(io.BytesIO(data))
        assert [e.title for e in parsed.entries] == [r.title for r in back]


def test_imported_records_export_again() -> None:
    """Records imported from a feed are valid input for every exporter."""
    records = [r for name in GOOD_FEEDS for r in read(name)]
    for format in ("rss", "jsonfeed", "csv"):
        assert frontnews.exports(records, format, feed=FEED)
    assert list(frontnews.import_records(frontnews.exports(records, "csv"), "csv")) == [
        attrs.evolve(r, extra=frontnews.extra.freeze(frontnews.toolkit.plain_data(r.extra)))
        for r in records
    ]


# -- hostile input ------------------------------------------------------------------------------


def _mutated(data: bytes, cuts: list[tuple[int, int, bytes]]) -> bytes:
    for start, length, insert in cuts:
        at = start % (len(data) + 1)
        data = data[:at] + insert + data[at + length :]
    return data


@settings(max_examples=150, deadline=None)
@given(
    st.sampled_from(GOOD_FEEDS),
    st.lists(
        st.tuples(st.integers(0, 5000), st.integers(0, 40), st.binary(max_size=8)), max_size=4
    ),
)
def test_a_damaged_feed_gives_records_or_a_source_error(
    name: str, cuts: list[tuple[int, int, bytes]]
) -> None:
    """Bytes cut or inserted anywhere: records, or a SourceError naming the source, no crash."""
    data = _mutated((FEEDS / name).read_bytes(), cuts)
    outcome: list[Record] | SourceError
    try:
        outcome = list(frontnews.import_records(data, "feed", name="damaged"))
    except SourceError as error:
        outcome = error
    if isinstance(outcome, SourceError):
        assert str(outcome).startswith("damaged")
    else:
        for record in outcome:
            assert frontnews.loads(frontnews.dumps(record)) == record


def test_deeply_nested_json_is_a_source_error() -> None:
    """JSON nested deeper than the parser can go is refused, not a RecursionError."""
    data = b'{"a":' + b"[" * 100_000 + b"]" * 100_000 + b"}"
    with pytest.raises(SourceError, match=r"deep\.json: not valid JSON: nested too deeply"):
        list(frontnews.import_records(data, "feed", name="deep.json"))
