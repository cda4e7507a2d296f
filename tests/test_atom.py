"""Tests for the built-in ``atom`` exporter, checked with feedparser, fastfeedparser and expat."""

from __future__ import annotations

import calendar
import datetime as dt
import html
import io
import math
import re
import xml.dom.minidom
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Iterable, Iterator
from typing import Any

import attrs
import fastfeedparser
import feedparser
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import frontnews
from frontnews import ExportError, ExportOptions, Feed, Record, Secured
from frontnews.exporters.atom import EXPORTER
from frontnews.plugins import DEFAULT_PLUGINS

from .conftest import REFERENCE_SAMPLE, SAMPLES, SHARED_SAMPLES, make_record
from .strategies import records

ATOM = "http://www.w3.org/2005/Atom"
A = "{" + ATOM + "}"
MEDIA = "{http://search.yahoo.com/mrss/}"
FH = "{http://purl.org/syndication/history/1.0}"

FEED = Feed(
    title="Facial recognition news",
    link="https://news.example.org/",
    description="What the press says about facial recognition",
    feed_url="https://news.example.org/feed.atom",
    language="en",
)

# RFC 3339 date-time, as the W3C validator checks atom:updated and atom:published.
RFC3339 = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?(?:Z|[+-]\d\d:\d\d)\Z")
# RFC 3987 IRIs as the validator takes them for atom:id (a scheme, then no spaces).
IRI = re.compile(r"[A-Za-z][0-9A-Za-z+.\-]*:\S+\Z")
UUID_URN = re.compile(r"urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\Z")
# The link relations the validator knows (feedvalidator's link.validRelations).
RELATIONS = {"alternate", "current", "enclosure", "first", "hub", "last", "next"}
RELATIONS |= {"next-archive", "prev-archive", "previous", "related", "self", "via"}
# Markup the validator warns about in text constructs (ContainsHTML, ContainsUndeclaredHTML).
HTML_IN_TEXT = re.compile(r"<[a-zA-Z/!]|&[a-zA-Z]+;|&#\d+;")
# What readers drop from HTML content (SecurityRisk / "should not contain ... tag").
UNSAFE = re.compile(r"<(?:script|iframe|object|embed|style)\b|\son\w+=|javascript:", re.I)


def write_atom(items: Iterable[Record], feed: Feed | None = FEED, **params: Any) -> bytes:
    """Run the exporter directly (no published filter) and return the bytes."""
    out = io.BytesIO()
    options = ExportOptions(params={**EXPORTER.defaults, **params})
    EXPORTER.write(items, out, feed, options)
    return out.getvalue()


def parse(data: bytes) -> Any:
    result = feedparser.parse(data)
    assert not result.bozo, result.get("bozo_exception")
    return result


def atom_problems(data: bytes) -> list[str]:
    """The W3C validator's Atom 1.0 errors, and the warnings we avoid, found in ``data``.

    Each names the validator's message: RFC 4287's required elements (one
    title, id and updated per feed and entry; an author for each entry, from
    the entry or the feed; content or an alternate link), valid ids and dates,
    ids unique, known link relations, no HTML in text constructs
    (ContainsUndeclaredHTML), no unsafe HTML in html content, no two entries
    with the same updated (DuplicateUpdated), a self link (MissingSelf).
    """
    problems: list[str] = []
    if not data.startswith(b'<?xml version="1.0" encoding="UTF-8"?>'):
        problems.append("MissingEncoding")
    root = ET.fromstring(data)
    if root.tag != A + "feed":
        return ["UndefinedElement: root"]
    for tag in ("title", "id", "updated"):
        count = len(root.findall(A + tag))
        if count != 1:
            problems.append(f"{'Missing' if count == 0 else 'Duplicate'}Element: feed {tag}")
    rels = [link.get("rel", "alternate") for link in root.findall(A + "link")]
    if "self" not in rels:
        problems.append("MissingSelf (warning)")
    problems += [f"UnregisteredAtomLinkRel: feed {r}" for r in rels if r not in RELATIONS]
    problems += _common("feed", root)
    feed_author = root.find(A + "author") is not None
    ids: Counter[str] = Counter()
    updated: Counter[str] = Counter()
    for number, entry in enumerate(root.findall(A + "entry")):
        where = f"entry {number}"
        for tag in ("title", "id", "updated"):
            if len(entry.findall(A + tag)) != 1:
                problems.append(f"MissingElement/DuplicateElement: {where} {tag}")
        ids[entry.findtext(A + "id") or ""] += 1
        updated[entry.findtext(A + "updated") or ""] += 1
        if entry.find(A + "author") is None and not feed_author:
            problems.append(f"MissingAuthor: {where}")
        entry_rels = [link.get("rel", "alternate") for link in entry.findall(A + "link")]
        if entry.find(A + "content") is None and "alternate" not in entry_rels:
            problems.append(f"MissingContentOrAlternate: {where}")
        problems += [
            f"UnregisteredAtomLinkRel: {where} {r}" for r in entry_rels if r not in RELATIONS
        ]
        problems += _common(where, entry)
    problems += [f"DuplicateEntries: id {i!r}" for i, n in ids.items() if n > 1]
    problems += [f"DuplicateUpdated (warning): {u}" for u, n in updated.items() if n > 1]
    return problems


def _common(where: str, element: ET.Element) -> list[str]:
    """The checks feed and entry share: id, dates, text constructs, links, content."""
    problems = []
    for tag in ("id",):
        value = element.findtext(A + tag) or ""
        if IRI.match(value) is None:
            problems.append(f"InvalidIRI: {where} id {value!r}")
        if value.startswith("urn:uuid:") and UUID_URN.match(value) is None:
            problems.append(f"InvalidUUID: {where} id {value!r}")
    for tag in ("updated", "published"):
        for date in element.findall(A + tag):
            if RFC3339.match(date.text or "") is None:
                problems.append(f"InvalidRFC3339Date: {where} {tag} {date.text!r}")
    for tag in ("title", "subtitle", "summary", "rights"):
        for text in element.findall(A + tag):
            kind = text.get("type", "text")
            if kind == "text" and HTML_IN_TEXT.search(text.text or ""):
                problems.append(f"ContainsUndeclaredHTML (warning): {where} {tag}")
            if not (text.text or "").strip() and tag == "title":
                problems.append(f"NotBlank (warning): {where} title")
    for link in element.findall(A + "link"):
        if not link.get("href"):
            problems.append(f"MissingHref: {where} link")
    for content in element.findall(A + "content"):
        if content.get("type") == "html" and UNSAFE.search(content.text or ""):
            problems.append(f"SecurityRisk (warning): {where} content")
    return problems


# -- registration and the feed ----------------------------------------------------------------


def test_atom_is_a_built_in_exporter() -> None:
    """atom is among the built-in plugins, with the Atom media type and the .atom suffix."""
    assert "frontnews.exporters.atom" in DEFAULT_PLUGINS
    assert (EXPORTER.name, EXPORTER.media_type, EXPORTER.suffix) == (
        "atom",
        "application/atom+xml",
        ".atom",
    )
    assert EXPORTER.needs_feed
    assert set(EXPORTER.options) == {"updated", "related_links", "render"}


def test_export_without_feed_is_an_export_error() -> None:
    """Without a Feed there is no title, id or link, and the error says what to pass."""
    with pytest.raises(ExportError, match=r"feed=Feed\("):
        write_atom([make_record()], feed=None)


def test_feed_fields_reach_feedparser_and_fastfeedparser() -> None:
    """Title, subtitle, links, language, author, icon, logo, rights, hubs, pages: read back."""
    feed = attrs.evolve(
        FEED,
        author_name="The desk",
        icon="https://news.example.org/favicon.png",
        image="https://news.example.org/logo.png",
        copyright="CC BY 4.0",
        hubs=("https://hub.example.org/",),
        pages={"next": "https://news.example.org/feed-2.atom"},
    )
    data = write_atom([make_record()], feed=feed)
    result = parse(data).feed
    assert (result.title, result.subtitle, result.link) == (feed.title, feed.description, feed.link)
    assert result.language == "en"
    assert result.author == "The desk"
    assert (result.icon, result.logo, result.rights) == (feed.icon, feed.image, "CC BY 4.0")
    links = {link.rel: link.href for link in result.links}
    assert links == {
        "alternate": feed.link,
        "self": feed.feed_url,
        "hub": "https://hub.example.org/",
        "next": "https://news.example.org/feed-2.atom",
    }
    assert result.id == feed.feed_url
    fast = fastfeedparser.parse(data)["feed"]
    assert (fast["title"], fast["link"]) == (feed.title, feed.link)
    assert atom_problems(data) == []


def test_stylesheet_and_archive_page() -> None:
    """A stylesheet is a processing instruction; a page whose current is elsewhere is fh:archive."""
    feed = attrs.evolve(
        FEED,
        stylesheet="https://news.example.org/feed.xsl",
        feed_url="https://news.example.org/feed-1.atom",
        pages={"current": FEED.feed_url or "", "next-archive": "https://news.example.org/f2"},
    )
    data = write_atom([make_record()], feed=feed)
    assert data.splitlines()[1] == (
        b'<?xml-stylesheet type="text/xsl" href="https://news.example.org/feed.xsl"?>'
    )
    root = ET.fromstring(data)
    assert root.find(FH + "archive") is not None
    rels = [link.get("rel") for link in root.findall(A + "link")]
    assert rels == ["alternate", "self", "current", "next-archive"]
    assert ET.fromstring(write_atom([make_record()])).find(FH + "archive") is None
    with pytest.raises(ExportError, match="'older'"):
        write_atom([], feed=attrs.evolve(FEED, pages={"older": "https://e.org/"}))


def test_updated_is_the_first_entry_date_before_the_entries() -> None:
    """The feed's updated is the first entry's date, written before any entry; or as given."""
    records = [
        make_record(published_date_time=dt.datetime(2021, 3, day, tzinfo=dt.UTC), title=str(day))
        for day in (9, 3)
    ]
    root = ET.fromstring(write_atom(records))
    tags = [child.tag for child in root]
    assert tags.index(A + "updated") < tags.index(A + "entry")
    assert root.findtext(A + "updated") == "2021-03-09T00:00:00Z"
    when = dt.datetime(2022, 5, 1, 8, 30, tzinfo=dt.UTC)
    assert ET.fromstring(write_atom(records, updated=when)).findtext(A + "updated") == (
        "2022-05-01T08:30:00Z"
    )
    empty = ET.fromstring(write_atom([]))
    assert empty.findtext(A + "updated") == "1970-01-01T00:00:00Z"
    with pytest.raises(ExportError, match="updated"):
        write_atom([], updated="yesterday")


# -- entries ----------------------------------------------------------------------------------


def test_reference_record_reads_back() -> None:
    """Title, link, id, dates, author, categories, summary, image and related links."""
    record = frontnews.load(REFERENCE_SAMPLE)
    data = write_atom([record])
    entry = parse(data).entries[0]
    assert entry.title == record.title
    assert entry.link == record.web_url
    assert entry.id == record.web_url
    stamp = int(record.published_date_time.timestamp())
    assert calendar.timegm(entry.published_parsed) == stamp
    assert calendar.timegm(entry.updated_parsed) == stamp
    assert entry.author == record.provider.name
    assert [tag.term for tag in entry.tags] == [t for t in record.topics if t]
    assert html.unescape(entry.summary) == record.excerpt
    assert record.images is not None
    assert entry.media_thumbnail[0]["url"] == record.images[0].url
    related = [link.href for link in entry.links if link.rel == "related"]
    assert related == [r.web_url for r in record.related or ()]
    assert atom_problems(data) == []


def test_ids_are_unique_and_stable() -> None:
    """Repeated records get distinct valid ids; the same input gives the same bytes."""
    first = make_record()
    no_url = make_record(web_url=None, original_url=None, title="No URL")
    items = [first, first, no_url, no_url]
    data = write_atom(items)
    ids = [entry.findtext(A + "id") for entry in ET.fromstring(data).iter(A + "entry")]
    assert len(set(ids)) == 4
    assert ids[0] == first.web_url
    assert all(UUID_URN.match(i or "") for i in ids[1:])
    assert data == write_atom(list(items))


def test_blank_title_and_no_author_still_valid() -> None:
    """An entry with a blank title, no provider name and no URL still has what Atom requires."""
    record = make_record(
        title=" ", web_url=None, original_url=None, provider=frontnews.Provider(name="", domain="")
    )
    data = write_atom([record])
    assert atom_problems(data) == []
    entry = parse(data).entries[0]
    assert entry.title == record.excerpt


def test_secured_only_when_asked() -> None:
    """The secured token is never written unless the caller opts in."""
    record = make_record(secured=Secured("VERY-SECRET-TOKEN;abc="))
    assert b"VERY-SECRET" not in frontnews.exports([record], "atom", feed=FEED)
    assert b"VERY-SECRET" in frontnews.exports([record], "atom", feed=FEED, include_secured=True)


def test_entries_are_written_one_at_a_time() -> None:
    """Each entry is on the stream before the next record is taken from the iterable."""
    out = io.BytesIO()
    items = [make_record(web_url=f"https://e.org/{n}") for n in range(3)]

    def produce() -> Iterator[Record]:
        for number, record in enumerate(items):
            yield record
            assert out.getvalue().count(b"<entry>") == number + 1

    EXPORTER.write(produce(), out, FEED, ExportOptions(params=EXPORTER.defaults))
    assert out.getvalue().count(b"<entry>") == 3


# -- the shipped and the shared samples --------------------------------------------------------


def records_of(folder: Any) -> list[Record]:
    return list(frontnews.filters.select(frontnews.iter_records(folder)))


def test_shipped_samples_follow_the_w3c_rules_and_keep_their_content() -> None:
    """The shipped samples: no problem, and every record with content has some after sanitising."""
    records = records_of(SAMPLES)
    data = frontnews.exports(records, "atom", feed=FEED, include_unpublished=True)
    assert atom_problems(data) == []
    result = parse(data)
    for record, entry in zip(records, result.entries, strict=True):
        if record.featured_content or record.body.strip():
            assert entry.content[0].value.strip()
            assert "<iframe" not in entry.content[0].value


def test_shared_samples_follow_the_w3c_rules() -> None:
    """The 181 real records, newest first without copies: no problem, content survives readers."""
    if not (SHARED_SAMPLES / "real").is_dir():
        pytest.skip(f"the shared sample corpus is not at {SHARED_SAMPLES}")
    records = records_of(SHARED_SAMPLES)
    data = frontnews.exports(records, "atom", feed=FEED)
    assert atom_problems(data) == []
    result = parse(data)
    assert len(result.entries) == len(records)
    fast = fastfeedparser.parse(data)["entries"]
    assert [e["link"] for e in fast] == [e.link for e in result.entries]
    for record, entry in zip(records, result.entries, strict=True):
        if record.featured_content:
            assert entry.content[0].value.strip(), record.title


def test_atom_rule_check_finds_known_problems() -> None:
    """The rule check reports a missing author, a bad date, a repeated id and HTML in a title."""
    bad = (
        b'<?xml version="1.0" encoding="UTF-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom">'
        b"<title>t</title><id>https://e.org/</id><updated>2021-01-01T00:00:00Z</updated>"
        b"<entry><title>&lt;b&gt;x</title><id>https://e.org/1</id>"
        b"<updated>yesterday</updated></entry>"
        b"<entry><title>y</title><id>https://e.org/1</id><updated>2021-01-01T00:00:00Z</updated>"
        b'<link href="https://e.org/y"/><author><name>a</name></author></entry></feed>'
    )
    found = {problem.split(":")[0] for problem in atom_problems(bad)}
    assert found == {
        "MissingSelf (warning)",
        "MissingAuthor",
        "MissingContentOrAlternate",
        "InvalidRFC3339Date",
        "ContainsUndeclaredHTML (warning)",
        "DuplicateEntries",
    }


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(records(), max_size=4), st.booleans())
def test_any_records_give_a_feed_readers_accept(items: list[Record], render: bool) -> None:
    """Any records: expat and feedparser read the feed cleanly; no Atom rule is broken."""
    data = write_atom(items, render=render)
    xml.dom.minidom.parseString(data)
    problems = atom_problems(data)
    # Two stories published at the same second share an updated: the validator warns,
    # and only then (the date is the record's, never made up).
    dates = [frontnews.toolkit.rfc3339(r.published_date_time) for r in items]
    if len(set(dates)) < len(dates):
        problems = [p for p in problems if not p.startswith("DuplicateUpdated")]
    assert problems == []
    result = parse(data)
    assert len(result.entries) == len(items)
    for record, entry in zip(items, result.entries, strict=True):
        assert calendar.timegm(entry.published_parsed) == math.floor(
            frontnews.filters.instant(record.published_date_time).timestamp()
        )
        if record.featured_content or record.body.strip():
            assert entry.content[0].value.strip()
