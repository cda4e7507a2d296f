"""The example third-party plugin (examples/frontnews-atom), installed, checked with feedparser."""

from __future__ import annotations

import ast
import datetime as dt
import inspect
import io
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from importlib import metadata
from pathlib import Path
from typing import Any

import attrs
import feedparser
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import frontnews
from frontnews import (
    ExportError,
    Feed,
    Provider,
    Record,
    RelatedArticle,
    hookspecs,
    plugins,
    toolkit,
)

from .conftest import REFERENCE_SAMPLE, make_record, token_of
from .strategies import records

DISTRIBUTION = "frontnews-atom"
INSTALL_HINT = (
    f"{DISTRIBUTION} is not installed in this environment: run "
    "`pip install ./examples/frontnews-atom` (the nox test session installs it)"
)
A = "{http://www.w3.org/2005/Atom}"
FEED = Feed(
    title="Facial recognition news",
    link="https://news.example.org/",
    feed_url="https://news.example.org/feed.atom",
)
# XML 1.0's Char production: anything else cannot appear in a document.
NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
SECRET = token_of(make_record())


def xml_text(text: str) -> str:
    """What an XML parser can give back for ``text``: forbidden characters become U+FFFD."""
    return NOT_XML.sub("\ufffd", text)


def aware(value: dt.datetime) -> dt.datetime:
    """``value`` with a naive time read as UTC."""
    return value if value.utcoffset() is not None else value.replace(tzinfo=dt.timezone.utc)


def parse_rfc3339(text: str) -> dt.datetime:
    """Read an RFC 3339 date-time with the standard library."""
    return dt.datetime.fromisoformat(text.replace("Z", "+00:00"))


pytestmark = pytest.mark.usefixtures("fresh_plugins")


@pytest.fixture(autouse=True)
def installed_example() -> None:
    """Fail (never skip) when the example is not installed."""
    try:
        metadata.distribution(DISTRIBUTION)
    except metadata.PackageNotFoundError:
        pytest.fail(INSTALL_HINT)


def atom(items: Any, **kwargs: Any) -> bytes:
    """Export ``items`` with the ``atom`` exporter and return the bytes."""
    buffer = io.BytesIO()
    frontnews.export(items, "atom", buffer, **{"feed": FEED, **kwargs})
    return buffer.getvalue()


def test_example_distribution_is_installed_with_its_entry_point() -> None:
    """The distribution is installed, version 0.1.0, with an entry point in the frontnews group."""
    dist = metadata.distribution(DISTRIBUTION)
    assert dist.version == "0.1.0"
    points = [ep for ep in dist.entry_points if ep.group == plugins.ENTRY_POINT_GROUP]
    assert [(ep.name, ep.value) for ep in points] == [("atom", "frontnews_atom")]


def test_list_plugins_shows_the_example_with_its_distribution_and_version() -> None:
    """list_plugins names the distribution frontnews-atom, version 0.1.0, and its exporter."""
    (info,) = [i for i in plugins.list_plugins() if i.distribution == DISTRIBUTION]
    assert info.version == "0.1.0"
    assert info.exporters == ("atom",)
    assert info.hooks == ("register_exporters",)
    assert not info.builtin


def test_atom_exporter_describes_its_format() -> None:
    """The exporter is called atom, writes application/atom+xml and suggests .atom."""
    exporter = plugins.get_exporter("atom")
    assert (exporter.media_type, exporter.suffix) == ("application/atom+xml", ".atom")
    assert set(exporter.options) == {"feed_id", "updated"}


def test_example_uses_only_the_public_api() -> None:
    """The plugin imports nothing from frontnews beyond its public names and the toolkit's."""
    import frontnews_atom

    source = Path(inspect.getsourcefile(frontnews_atom) or "")
    tree = ast.parse(source.read_text(encoding="utf-8"))
    public = {
        "frontnews": set(frontnews.__all__),
        "frontnews.hookspecs": set(hookspecs.__all__),
        "frontnews.toolkit": set(toolkit.__all__),
    }
    imported: dict[str, set[str]] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            assert not any(a.name.startswith("frontnews.") for a in node.names), ast.dump(node)
        elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("frontnews"):
            assert node.module in public, node.module
            imported.setdefault(node.module, set()).update(alias.name for alias in node.names)
    assert imported.get("frontnews"), "the plugin is expected to import frontnews"
    assert imported.get("frontnews.toolkit"), "the plugin is expected to use the toolkit"
    for module, names in imported.items():
        assert names <= public[module], (module, names - public[module])


def test_sample_record_exports_as_valid_atom() -> None:
    """The reference sample becomes an Atom 1.0 entry that feedparser reads without complaint."""
    sample = frontnews.load(REFERENCE_SAMPLE)
    data = atom([sample], include_unpublished=True)
    parsed = feedparser.parse(data)
    assert parsed.bozo == 0, parsed.get("bozo_exception")
    assert parsed.version == "atom10"
    assert parsed.feed.title == FEED.title
    assert parsed.feed.id == FEED.feed_url
    assert parsed.feed.link == FEED.link
    assert [link.href for link in parsed.feed.links if link.rel == "self"] == [FEED.feed_url]
    (entry,) = parsed.entries
    assert entry.title == sample.title
    assert entry.id == sample.original_url
    assert entry.link == sample.web_url
    assert entry.summary == sample.excerpt
    assert entry.author == sample.provider.name
    assert [tag.term for tag in entry.tags] == list(sample.topics)
    when = aware(sample.published_date_time).astimezone(dt.timezone.utc).timetuple()[:6]
    assert tuple(entry.updated_parsed)[:6] == when
    assert tuple(parsed.feed.updated_parsed)[:6] == when
    related = [(link.href, link.title) for link in entry.links if link.rel == "related"]
    assert related == [(r.web_url, r.title) for r in sample.related or ()]


def test_entries_keep_the_callers_order_and_feed_date_is_the_first_records() -> None:
    """Entries come in input order; without the option the feed date is the first record's."""
    dates = [dt.datetime(2021, 3, 1, 12, 0), dt.datetime(2021, 1, 1, 8, 30)]
    items = [
        make_record(
            title=f"Story {i}",
            web_url=f"https://a.example/{i}",
            original_url=None,
            published_date_time=when,
        )
        for i, when in enumerate(dates)
    ]
    parsed = feedparser.parse(atom(items))
    assert parsed.bozo == 0
    assert [e.title for e in parsed.entries] == ["Story 0", "Story 1"]
    assert [e.link for e in parsed.entries] == ["https://a.example/0", "https://a.example/1"]
    assert [e.id for e in parsed.entries] == ["https://a.example/0", "https://a.example/1"]
    assert parsed.feed.updated == "2021-03-01T12:00:00Z"


@pytest.mark.parametrize(
    "updated",
    [dt.datetime(2024, 5, 6, 7, 8, 9), "2024-05-06T07:08:09Z", "2024-05-06T09:08:09+02:00"],
)
def test_updated_option_sets_the_feed_date(updated: dt.datetime | str) -> None:
    """The updated option (a datetime or an RFC 3339 string) becomes the feed-level date."""
    parsed = feedparser.parse(atom([make_record()], updated=updated))
    assert parsed.bozo == 0
    assert tuple(parsed.feed.updated_parsed)[:6] == (2024, 5, 6, 7, 8, 9)


def test_empty_feed_is_valid_atom() -> None:
    """With no records the feed is still complete, with a fixed date (never "now")."""
    data = atom([])
    parsed = feedparser.parse(data)
    assert parsed.bozo == 0
    assert parsed.version == "atom10"
    assert parsed.entries == []
    assert parsed.feed.updated == "1970-01-01T00:00:00Z"
    assert atom([]) == data


def test_feed_id_option_and_feed_metadata() -> None:
    """feed_id, description, author, icon and language end up where Atom puts them."""
    feed = attrs.evolve(
        FEED,
        description="What the campaign says",
        author_name="Newsroom",
        icon="https://news.example.org/icon.png",
        language="en-GB",
    )
    buffer = io.BytesIO()
    frontnews.export(
        [make_record()], "atom", buffer, feed=feed, feed_id="tag:example.org,2021:news"
    )
    parsed = feedparser.parse(buffer.getvalue())
    assert parsed.bozo == 0
    assert parsed.feed.id == "tag:example.org,2021:news"
    assert parsed.feed.subtitle == "What the campaign says"
    assert parsed.feed.author == "Newsroom"
    assert parsed.feed.icon == "https://news.example.org/icon.png"
    assert parsed.feed.language == "en-GB"


def test_offset_times_are_written_as_rfc3339_with_their_offset() -> None:
    """A time with a UTC offset keeps it; feedparser reads the same instant."""
    when = dt.datetime(
        2021, 1, 26, 18, 47, 5, 250000, tzinfo=dt.timezone(dt.timedelta(hours=5, minutes=30))
    )
    data = atom([make_record(published_date_time=when)])
    root = ET.fromstring(data)
    text = root.findtext(f"{A}entry/{A}updated")
    assert text == "2021-01-26T18:47:05.250000+05:30"
    parsed = feedparser.parse(data)
    assert tuple(parsed.entries[0].updated_parsed)[:6] == (2021, 1, 26, 13, 17, 5)


def test_record_without_url_gets_a_stable_urn_id_and_content() -> None:
    """No usable URL: the id is a stable urn:uuid: and the entry has content instead of a link."""
    bare = make_record(web_url=None, original_url="not a url", body="")
    first = feedparser.parse(atom([bare]))
    second = feedparser.parse(atom([bare]))
    other = feedparser.parse(atom([attrs.evolve(bare, title="Another title")]))
    assert first.bozo == 0
    (entry,) = first.entries
    assert entry.id.startswith("urn:uuid:")
    assert entry.id == second.entries[0].id
    assert entry.id != other.entries[0].id
    assert not [link for link in entry.get("links", []) if link.rel == "alternate"]
    assert "content" in entry


def test_markdown_body_is_written_as_text_content() -> None:
    """A record's body is the entry's content, as plain text."""
    body = "# Heading\n\nSome *Markdown* & <tags>.\r\n"
    root = ET.fromstring(atom([make_record(body=body)]))
    content = root.find(f"{A}entry/{A}content")
    assert content is not None
    assert content.get("type") == "text"
    assert content.text == body


def test_unusual_urls_are_escaped_into_valid_iris() -> None:
    """Spaces and quotes in a URL are percent-encoded; the link stays well-formed."""
    data = atom([make_record(web_url='https://a.example/a b"c', original_url=None)])
    parsed = feedparser.parse(data)
    assert parsed.bozo == 0
    assert parsed.entries[0].link == "https://a.example/a%20b%22c"


def test_secured_is_left_out_unless_asked_for() -> None:
    """The secured token appears only with include_secured=True, in its own namespace."""
    assert SECRET.encode() not in atom([make_record()])
    root = ET.fromstring(atom([make_record()], include_secured=True))
    found = [el.text for el in root.iter() if el.tag.endswith("}secured")]
    assert found == [SECRET]


def test_without_a_feed_raises_export_error_and_writes_nothing() -> None:
    """Atom needs feed-level metadata: no feed is an ExportError before any byte."""
    buffer = io.BytesIO()
    with pytest.raises(ExportError, match="atom"):
        frontnews.export([make_record()], "atom", buffer)
    assert buffer.getvalue() == b""


@pytest.mark.parametrize(
    ("feed", "options"),
    [
        (Feed(title="t", link="/relative/"), {}),
        (FEED, {"feed_id": "just words"}),
        (FEED, {"feed_id": 42}),
        (FEED, {"updated": "yesterday"}),
        (FEED, {"updated": 1611686820}),
        (attrs.evolve(FEED, language="English please"), {}),
    ],
)
def test_unusable_settings_raise_export_error_before_writing(
    feed: Feed, options: dict[str, Any]
) -> None:
    """A feed id that is not absolute, a bad date or language: ExportError, nothing written."""
    buffer = io.BytesIO()
    with pytest.raises(ExportError, match="atom"):
        frontnews.export([make_record()], "atom", buffer, feed=feed, **options)
    assert buffer.getvalue() == b""


def test_writes_each_entry_before_reading_the_next_record() -> None:
    """The exporter streams: when it asks for record n+1, entries 1..n are already written."""
    buffer = io.BytesIO()
    seen: list[int] = []

    def produce() -> Iterator[Record]:
        for i in range(5):
            if i:
                seen.append(buffer.getvalue().count(b"<entry>"))
            yield make_record(title=f"Story {i}")

    frontnews.export(produce(), "atom", buffer, feed=FEED)
    assert seen == [1, 2, 3, 4]
    assert buffer.getvalue().count(b"<entry>") == 5


@settings(max_examples=60, deadline=None)
@given(items=st.lists(records(), max_size=4))
def test_any_records_make_well_formed_atom_that_keeps_their_text(items: list[Record]) -> None:
    """Whatever the text, the output parses, and titles, dates, authors and topics survive."""
    data = atom(items, include_unpublished=True)
    assert atom(items, include_unpublished=True) == data, "same input, same bytes"
    parsed = feedparser.parse(data)
    assert parsed.bozo == 0, parsed.get("bozo_exception")
    assert parsed.version == "atom10"
    root = ET.fromstring(data)
    entries = root.findall(f"{A}entry")
    assert len(entries) == len(items)
    for entry, item in zip(entries, items, strict=True):
        assert entry.findtext(f"{A}title") == xml_text(item.title)
        assert entry.findtext(f"{A}author/{A}name") == xml_text(item.provider.name)
        updated = entry.findtext(f"{A}updated")
        assert updated is not None
        assert parse_rfc3339(updated) == aware(item.published_date_time)
        assert entry.findtext(f"{A}summary") == (xml_text(item.excerpt) if item.excerpt else None)
        terms = [c.get("term") for c in entry.findall(f"{A}category")]
        assert terms == [xml_text(t) for t in item.topics if t]
        entry_id = entry.findtext(f"{A}id") or ""
        assert re.match(r"(https?://|urn:uuid:)", entry_id), entry_id
        assert not re.search(r"[\s<>\"{}|\\^`]", entry_id), entry_id
        assert entry.find("{*}secured") is None
        links = [link for link in entry.findall(f"{A}link") if link.get("rel") == "alternate"]
        assert links or entry.find(f"{A}content") is not None, "RFC 4287 4.1.2"


@settings(max_examples=25, deadline=None)
@given(item=records(related=st.none()))
def test_any_secured_token_round_trips_when_included(item: Record) -> None:
    """With include_secured the token comes back as written (forbidden characters aside)."""
    root = ET.fromstring(atom([item], include_unpublished=True, include_secured=True))
    (secured,) = [el for el in root.iter() if el.tag.endswith("}secured")]
    assert (secured.text or "") == xml_text(token_of(item))


def test_related_article_without_url_is_left_out() -> None:
    """A related article with an empty webUrl gives no link; the others do."""
    provider = Provider(name="CBS", domain="cbslocal.com")
    related = tuple(
        RelatedArticle(
            title=f"Related {i}",
            excerpt="",
            published_date_time=dt.datetime(2021, 1, 26),
            web_url=url,
            type="article",
            provider=provider,
            quality=1,
        )
        for i, url in enumerate(["", "https://cbslocal.example/story"])
    )
    parsed = feedparser.parse(atom([make_record(related=related)]))
    links = parsed.entries[0].links
    assert [(link.href, link.title) for link in links if link.rel == "related"] == [
        ("https://cbslocal.example/story", "Related 1")
    ]
