"""Tests for the ``rss`` exporter, checked with feedparser and strict XML parsers."""

from __future__ import annotations

import calendar
import contextlib
import datetime as dt
import email.utils
import html
import io
import locale
import re
import subprocess
import time
import tracemalloc
import xml.dom.minidom
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Iterable, Iterator
from collections.abc import Set as AbstractSet
from typing import IO, Any, cast
from urllib.parse import unquote

import attrs
import feedparser
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import frontnews
from frontnews import (
    ExportError,
    ExportOptions,
    Feed,
    Image,
    Provider,
    Record,
    RelatedArticle,
    Secured,
)
from frontnews.exporters.rss import EXPORTER
from frontnews.plugins import get_exporters

from .conftest import REFERENCE_SAMPLE, SAMPLES, SHARED_SAMPLES, make_record
from .strategies import records, text

REAL = SHARED_SAMPLES / "real"

FEED = Feed(
    title="Facial recognition news",
    link="https://news.example.org/",
    description="What the press says about facial recognition",
    feed_url="https://news.example.org/feed.xml",
)

_UNDEFINED_1252 = {0x81, 0x8D, 0x8F, 0x90, 0x9D}
ATOM = "http://www.w3.org/2005/Atom"
CONTENT = "http://purl.org/rss/1.0/modules/content/"
DC = "http://purl.org/dc/elements/1.1/"
MEDIA = "http://search.yahoo.com/mrss/"
FRONTNEWS = "https://frontnews.dev/ns/1.0"

# XML 1.0 section 2.2 (production [2] Char): the characters a document may not contain.
XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
# feedparser's text repairs: C1 controls (legal in XML) are read as Windows-1252.
WINDOWS_1252 = {
    code: bytes([code]).decode("cp1252")
    for code in range(0x80, 0xA0)
    if code not in _UNDEFINED_1252
}
# WHATWG URL Standard: what its parser strips from the ends of a URL.
C0_OR_SPACE = "".join(map(chr, range(0x21)))


# --- helpers ----------------------------------------------------------------


def write_rss(
    items: Iterable[Record], feed: Feed | None = FEED, include_secured: bool = False, **params: Any
) -> bytes:
    """Run the exporter directly (no published filter) and return the bytes."""
    out = io.BytesIO()
    options = ExportOptions(include_secured=include_secured, params={**EXPORTER.defaults, **params})
    EXPORTER.write(items, out, feed, options)
    return out.getvalue()


def export_rss(items: Iterable[Record], **kwargs: Any) -> bytes:
    """Run ``frontnews.export(..., "rss", ...)`` and return the bytes."""
    out = io.BytesIO()
    kwargs.setdefault("feed", FEED)
    frontnews.export(items, "rss", out, **kwargs)
    return out.getvalue()


def parse(data: bytes) -> Any:
    """Parse with feedparser and insist that it found nothing wrong."""
    result = feedparser.parse(data)
    assert not result.bozo, result.get("bozo_exception")
    return result


def items_of(data: bytes) -> list[ET.Element]:
    """The ``item`` elements, read by ElementTree (expat: strict XML 1.0 and namespaces)."""
    root = ET.fromstring(data)
    return root.findall("./channel/item")


def whatwg_url(value: str) -> str:
    """``value`` with what the WHATWG URL parser ignores taken out (ends trimmed, tabs/newlines)."""
    return re.sub("[\t\n\r]", "", value.strip(C0_OR_SPACE))


def usable_url(value: str | None) -> bool:
    """Whether ``value`` is an absolute http(s) URL with a host and a numeric port, if any.

    The port follows the last ":" after the last "]" of the authority, after
    any user info (up to the last "@"), as a browser reads it.
    """
    if value is None:
        return False
    authority = re.match(r"(?i)https?://([^/?#]*)", whatwg_url(value))
    if authority is None:
        return False
    host = authority[1].rpartition("@")[2]
    port = ""
    if ":" in host[host.rfind("]") + 1 :]:
        host, _, port = host.rpartition(":")
    return bool(host) and re.fullmatch("[0-9]*", port) is not None


def joined_surrogates(value: str) -> str:
    """``value`` with surrogate pairs joined into their character and lone ones U+FFFD."""
    return value.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")


def same_url(written: str, original: str) -> bool:
    """Whether the URL written is ``original`` once percent-encoding is undone.

    The scheme is compared in lower case: URLs are written with it lower case.
    """
    scheme, colon, rest = joined_surrogates(whatwg_url(original)).partition(":")
    original = scheme.lower() + colon + rest
    return unquote(written, errors="replace") == unquote(original, errors="replace")


def expected_link(record: Record) -> str | None:
    """The URL the item's link must come from: webUrl, else originalUrl, if usable."""
    for url in (record.web_url, record.original_url):
        if usable_url(url):
            return url
    return None


def as_feedparser_reads(value: str) -> str:
    """``value`` (already stripped, as feedparser does first) after feedparser's repairs.

    Text that is all Latin-1 and whose Latin-1 bytes are valid UTF-8 is taken to
    be UTF-8 read as Latin-1 and decoded again ("Ã©" becomes "é"); then C1
    controls become the Windows-1252 characters they stand for there.
    """
    with contextlib.suppress(UnicodeEncodeError, UnicodeDecodeError):
        value = value.encode("iso-8859-1").decode("utf-8")
    return value.translate(WINDOWS_1252)


def xml_text(value: str) -> str:
    """What a strict XML parser must read back for text ``value``."""
    return XML_ILLEGAL.sub("\ufffd", value)


def utc_seconds(value: dt.datetime) -> dt.datetime:
    """``value`` as an aware UTC datetime without sub-second digits (naive means UTC)."""
    if value.utcoffset() is None:
        value = value.replace(tzinfo=dt.timezone.utc)
    return value.astimezone(dt.timezone.utc).replace(microsecond=0)


def html_newlines(value: str) -> str:
    """``value`` with CR LF and CR turned into LF, as every HTML parser reads them."""
    return value.replace("\r\n", "\n").replace("\r", "\n")


def child_texts(element: ET.Element, tag: str) -> list[str]:
    return [child.text or "" for child in element.findall(tag)]


# --- the W3C Feed Validation Service's rules --------------------------------
#
# The rules below are the ones the W3C Feed Validation Service
# (validator.w3.org/feed) reports as errors for RSS 2.0, plus the warnings this
# exporter promises to avoid; each check names the validator's message. The
# syntax rules come from the specifications the validator applies: RFC 2822
# section 3.3 for dates, RFC 2396 for full URIs.

RFC2822_DATE = re.compile(
    r"(?:(Mon|Tue|Wed|Thu|Fri|Sat|Sun), )?(\d\d?) "
    r"(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) (\d{4}) "
    r"\d\d:\d\d(?::\d\d)? (?:[+-]\d\d[03]0|UT|GMT|EST|EDT|CST|CDT|MST|MDT|PST|PDT|Z)\Z"
)
MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
DAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
# RFC 2396: scheme ":" then reserved, unreserved, escaped and "#" characters only.
FULL_URI = re.compile(r"[A-Za-z][0-9A-Za-z+.\-]*:(?://)?[0-9A-Za-z;/?:@&=+$,\-_.!~*'()%#]+\Z")
EMAIL = re.compile(r"[A-Za-z0-9_.+'\-]+@(?:[A-Za-z0-9\-]+\.)+[A-Za-z0-9][A-Za-z0-9\-]*")
MEDIUMS = {"image", "audio", "video", "document", "executable"}
# The RSS 2.0 elements of a channel and of an item; anything else must be in a namespace.
RSS_CHANNEL = frozenset(
    [
        "title",
        "link",
        "description",
        "language",
        "copyright",
        "managingEditor",
        "webMaster",
        "pubDate",
        "lastBuildDate",
        "category",
        "generator",
        "docs",
        "cloud",
        "ttl",
        "image",
        "rating",
        "textInput",
        "skipHours",
        "skipDays",
        "item",
    ]
)
RSS_ITEM = frozenset(
    [
        "title",
        "link",
        "description",
        "author",
        "category",
        "comments",
        "enclosure",
        "guid",
        "pubDate",
        "source",
    ]
)
ONCE_IN_CHANNEL = RSS_CHANNEL - {"category", "item"}
ONCE_IN_ITEM = {"title", "link", "description", "author", "comments", "enclosure", "guid"}
ONCE_IN_ITEM |= {"pubDate", "source", f"{{{CONTENT}}}encoded"}
# The namespaces the validator knows, by the prefix it expects for them (those we use).
FH = "http://purl.org/syndication/history/1.0"
KNOWN_NAMESPACES = {"atom": ATOM, "content": CONTENT, "dc": DC, "media": MEDIA, "fh": FH}
# HTML the validator warns about in content:encoded and description ("should not contain
# iframe tag", SecurityRisk): tags and attributes readers' sanitisers drop.
UNSAFE_HTML = re.compile(
    r"<(?:script|iframe|object|embed|style|frame|frameset|applet|meta|link)\b|\son\w+\s*=|"
    r"(?:href|src)\s*=\s*[\"']?\s*(?:javascript|vbscript|data):",
    re.IGNORECASE,
)


def _date_errors(where: str, value: str) -> list[str]:
    match = RFC2822_DATE.match(value)
    if match is None:
        return [f"InvalidRFC2822Date: {where} {value!r}"]
    day, number, month, year = match.groups()
    stated = dt.date(int(year), MONTHS.index(month) + 1, int(number))
    if day is not None and int(year) > 1900 and DAYS[stated.weekday()] != day:
        return [f"IncorrectDOW: {where} {value!r}"]
    return []


def _uri_errors(where: str, value: str | None) -> list[str]:
    if value is None:
        return [f"MissingAttribute: {where}"]
    if FULL_URI.match(value) is None:
        return [f"InvalidFullLink: {where} {value!r}"]
    if value.lower().startswith(("http:", "https:")) and re.match(r"\w+://[^/]", value) is None:
        return [f"InvalidFullLink: {where} {value!r}"]
    return []


def _once(where: str, element: ET.Element, tags: AbstractSet[str]) -> list[str]:
    counts = Counter(child.tag for child in element)
    return [f"DuplicateElement: {where} {tag}" for tag in tags if counts[tag] > 1]


def _blank(where: str, value: str | None) -> list[str]:
    return [f"NotBlank (warning): {where}"] if not (value or "").strip() else []


def w3c_problems(data: bytes) -> list[str]:
    """The W3C validator's RSS 2.0 errors, and the warnings we avoid, found in ``data``."""
    problems: list[str] = []
    if not data.startswith(b'<?xml version="1.0" encoding="UTF-8"?>'):
        problems.append("MissingEncoding: no XML declaration naming UTF-8")
    declared = dict(re.findall(rb'xmlns:(\w+)="([^"]*)"', data.split(b">", 2)[1]))
    for prefix, uri in declared.items():
        expected = KNOWN_NAMESPACES.get(prefix.decode())
        if expected is not None and uri.decode() != expected:
            problems.append(f"ReservedPrefix/MediaRssNamespace: {prefix!r} bound to {uri!r}")
        if uri.decode() not in KNOWN_NAMESPACES.values():
            problems.append(f"UnknownNamespace (warning): {uri.decode()!r}")
    root = ET.fromstring(data)  # raises on anything not well-formed or on an unbound prefix
    if root.tag != "rss" or root.get("version") != "2.0":
        problems.append("InvalidRSSVersion")
    channel = root.find("channel")
    assert channel is not None
    problems += _once("channel", channel, ONCE_IN_CHANNEL)
    for tag in ("title", "link", "description"):
        if channel.find(tag) is None:
            problems.append(f"Missing{tag.capitalize()}: channel")
    problems += _blank("channel title", channel.findtext("title"))
    problems += _uri_errors("channel link", channel.findtext("link"))
    for child in channel:
        if not child.tag.startswith("{") and child.tag not in RSS_CHANNEL:
            problems.append(f"UndefinedElement: channel {child.tag}")
    tags = [child.tag for child in channel]
    if "item" in tags:
        after = [tag for tag in tags[tags.index("item") :] if tag != "item"]
        problems += [f"MisplacedItem (warning): channel {tag} after the items" for tag in after]
    for tag in ("pubDate", "lastBuildDate"):
        for value in child_texts(channel, tag):
            problems += _date_errors(f"channel {tag}", value)
    for atom_link in channel.findall(f"{{{ATOM}}}link"):
        problems += _uri_errors("channel atom:link href", atom_link.get("href"))
    guids: set[str] = set()
    for number, item in enumerate(channel.findall("item")):
        where = f"item {number}"
        problems += _once(where, item, ONCE_IN_ITEM)
        for child in item:
            if not child.tag.startswith("{") and child.tag not in RSS_ITEM:
                problems.append(f"UndefinedElement: {where} {child.tag}")
        tags = [child.tag for child in item]
        if "title" not in tags and "description" not in tags:
            problems.append(f"ItemMustContainTitleOrDescription: {where}")
        if f"{{{CONTENT}}}encoded" in tags and (
            "description" not in tags
            or tags.index("description") > tags.index(f"{{{CONTENT}}}encoded")
        ):
            problems.append(f"NeedDescriptionBeforeContent (warning): {where}")
        if item.find("title") is not None:
            problems += _blank(f"{where} title", item.findtext("title"))
        for link in child_texts(item, "link"):
            problems += _uri_errors(f"{where} link", link)
        for guid in item.findall("guid"):
            permalink = guid.get("isPermaLink", "true")
            if permalink not in ("true", "false"):
                problems.append(f"InvalidBooleanAttribute: {where} guid isPermaLink")
            value = (guid.text or "").strip()
            if permalink == "true":
                problems += [
                    e.replace("InvalidFullLink", "InvalidHttpGUID")
                    for e in _uri_errors(f"{where} guid", value)
                ]
                if value.lower().startswith(("tag:", "urn:uuid:")):
                    problems.append(f"InvalidPermalink: {where} guid")
            if value in guids:
                problems.append(f"DuplicateValue: {where} guid {value!r}")
            guids.add(value)
        for value in child_texts(item, "pubDate"):
            problems += _date_errors(f"{where} pubDate", value)
        for value in child_texts(item, "author"):
            if EMAIL.search(value) is None:
                problems.append(f"InvalidContact: {where} author {value!r}")
        for category in item.findall("category"):
            problems += _blank(f"{where} category", category.text)
        for source in item.findall("source"):
            problems += _uri_errors(f"{where} source url", source.get("url"))
        for enclosure in item.findall("enclosure"):
            for attribute in ("url", "length", "type"):
                if enclosure.get(attribute) is None:
                    problems.append(f"MissingAttribute: {where} enclosure {attribute}")
        for html_element in (item.find("description"), item.find(f"{{{CONTENT}}}encoded")):
            if html_element is not None and UNSAFE_HTML.search(html_element.text or ""):
                problems.append(f"SecurityRisk (warning): {where} {html_element.tag}")
        for thumbnail in item.iter(f"{{{MEDIA}}}thumbnail"):
            problems += _uri_errors(f"{where} media:thumbnail url", thumbnail.get("url"))
        for media in item.iter(f"{{{MEDIA}}}content"):
            problems += _uri_errors(f"{where} media:content url", media.get("url"))
            for attribute in ("width", "height"):
                size = media.get(attribute)
                if size is not None and not (size.isdigit() and int(size) > 0):
                    problems.append(f"InvalidInteger: {where} media:content {attribute}")
            if media.get("medium") not in (None, *MEDIUMS):
                problems.append(f"InvalidMediaMedium: {where}")
        for atom_link in item.findall(f"{{{ATOM}}}link"):
            if atom_link.get("href") is None:
                problems.append(f"MissingHref: {where} atom:link")
            if atom_link.get("title") is not None and not atom_link.get("title", "").strip():
                problems.append(f"AttrNotBlank (warning): {where} atom:link title")
        if item.find("author") is not None and item.find(f"{{{DC}}}creator") is not None:
            problems.append(f"DuplicateItemSemantics (warning): {where} author and dc:creator")
    return problems


# --- registration and the feed ----------------------------------------------


def test_exporter_is_registered_as_rss() -> None:
    """The plugin registers "rss" with the RSS media type and the .xml suffix."""
    exporter = get_exporters()["rss"]
    assert exporter.media_type == "application/rss+xml"
    assert exporter.suffix == ".xml"
    assert set(exporter.options) == {
        "last_build_date",
        "frontnews_elements",
        "related_links",
        "excerpt_html",
        "render",
    }


def test_export_without_feed_is_an_export_error() -> None:
    """Without a Feed there is no channel to write, and the error says what to pass."""
    out = io.BytesIO()
    with pytest.raises(ExportError, match=r"feed=Feed\("):
        frontnews.export([make_record()], "rss", out)
    assert out.getvalue() == b""


@pytest.mark.parametrize(
    "feed",
    [
        Feed(title="t", link="/relative"),
        Feed(title="t", link="ftp://example.org/"),
        Feed(title="t", link="https://example.org/", feed_url="feed.xml"),
        Feed(title="t", link="https://example.org/", icon="icon.png"),
        Feed(title="t", link="https://example.org/", language="English"),
    ],
)
def test_feed_with_unusable_fields_is_an_export_error(feed: Feed) -> None:
    """A feed link, self URL or icon that is not absolute http(s), or a bad language, fails."""
    with pytest.raises(ExportError, match=r"^rss: feed"):
        write_rss([make_record()], feed=feed)


def test_channel_reads_back_with_feedparser() -> None:
    """Title, site link, description, self link, language and icon reach the reader."""
    feed = attrs.evolve(
        FEED, language="en-GB", icon="https://news.example.org/icon.png", author_name="Desk"
    )
    result = parse(write_rss([make_record()], feed=feed))
    assert result.version == "rss20"
    assert result.feed.title == feed.title
    assert result.feed.link == feed.link
    assert result.feed.subtitle == feed.description
    assert result.feed.language == "en-GB"
    assert result.feed.image.href == feed.icon
    assert result.feed.author == "Desk"
    selves = [link for link in result.feed.links if link.rel == "self"]
    assert [(s.href, s.type) for s in selves] == [(feed.feed_url, "application/rss+xml")]


def test_no_self_link_without_feed_url() -> None:
    """Without feed.feed_url there is no atom:link rel="self"."""
    data = write_rss([make_record()], feed=attrs.evolve(FEED, feed_url=None))
    channel = ET.fromstring(data).find("channel")
    assert channel is not None
    assert channel.findall(f"{{{ATOM}}}link") == []


# --- one item, field by field -----------------------------------------------


def test_sample_record_fields_reach_feedparser() -> None:
    """The reference record's title, link, guid, date, topics, provider, image and related links."""
    record = frontnews.load(REFERENCE_SAMPLE)
    entry = parse(write_rss([record])).entries[0]
    assert entry.title == record.title
    assert entry.link == record.web_url
    assert entry.id == record.web_url
    assert calendar.timegm(entry.published_parsed) == int(
        utc_seconds(record.published_date_time).timestamp()
    )
    assert [tag.term for tag in entry.tags] == list(record.topics)
    assert entry.author == record.provider.name
    assert record.images is not None
    image = record.images[0]
    assert entry.media_content == [
        {
            "url": image.url,
            "medium": "image",
            "width": str(image.width),
            "height": str(image.height),
        }
    ]
    assert record.related is not None
    related = [(link.href, link.title) for link in entry.links if link.rel == "related"]
    assert related == [(r.web_url, r.title) for r in record.related]
    assert html.unescape(entry.summary) == record.excerpt


def test_guid_is_the_article_url_as_permalink() -> None:
    """An item with an absolute http(s) URL has that URL as guid, with isPermaLink="true"."""
    (item,) = items_of(write_rss([make_record()]))
    guid = item.find("guid")
    assert guid is not None
    assert (guid.text, guid.get("isPermaLink")) == ("https://example.org/news/ban-the-scan", "true")


def test_link_falls_back_to_original_url() -> None:
    """Without a usable webUrl, the item's link and guid are the originalUrl."""
    original = "https://example.com/original"
    for web_url in (None, "", "/relative/path", "mailto:desk@example.com"):
        entry = parse(write_rss([make_record(web_url=web_url, original_url=original)])).entries[0]
        assert entry.link == original
        assert entry.id == original


def test_record_without_url_gets_stable_non_url_guid() -> None:
    """No usable URL: no link, and a guid with isPermaLink="false" that depends only on identity."""
    record = make_record(web_url=None, original_url="not a url")
    (item,) = items_of(write_rss([record]))
    assert item.find("link") is None
    guid = item.find("guid")
    assert guid is not None
    assert guid.get("isPermaLink") == "false"
    assert not usable_url(guid.text)

    def guid_of(changed: Record) -> str | None:
        (other,) = items_of(write_rss([changed]))
        return other.findtext("guid")

    assert guid_of(attrs.evolve(record, secured=Secured("other"), quality=99)) == guid.text
    assert guid_of(attrs.evolve(record, title="Another title")) != guid.text
    assert guid_of(attrs.evolve(record, published_date_time=dt.datetime(2020, 1, 1))) != guid.text


def test_guids_are_unique_even_for_repeated_records() -> None:
    """Items that share a URL, or that are identical, still get distinct guids."""
    first = make_record()
    # Another story: the same story without a URL would share the first's stable id.
    no_url = make_record(web_url=None, original_url=None, title="No URL")
    data = write_rss([first, first, attrs.evolve(first, title="Same URL"), no_url, no_url])
    guids = [entry.id for entry in parse(data).entries]
    assert len(set(guids)) == 5
    assert guids[0] == first.web_url
    assert guids[4] == f"{guids[3]}-5"  # the same record again: its position is appended
    assert [item.findtext("link") for item in items_of(data)][:3] == [first.web_url] * 3


def test_guids_stay_unique_over_many_items() -> None:
    """Thousands of URLs, each exported twice: every guid differs, first copies keep their URL."""
    count = 3000
    items = [make_record(web_url=f"https://example.com/a/{n}") for n in range(count)]
    guids = [item.find("guid") for item in items_of(write_rss(items + items))]
    values = [guid.text for guid in guids if guid is not None]
    assert len(values) == len(set(values)) == 2 * count
    assert values[:count] == [record.web_url for record in items]
    assert {guid.get("isPermaLink") for guid in guids[count:] if guid is not None} == {"false"}


class CountingSink:
    """A binary stream that keeps nothing but the number of bytes written."""

    def __init__(self) -> None:
        self.size = 0

    def write(self, data: bytes) -> int:
        self.size += len(data)
        return len(data)


def peak_memory(count: int) -> int:
    """The peak memory traced while exporting ``count`` generated records."""
    base = frontnews.load(REFERENCE_SAMPLE)

    def produce() -> Iterator[Record]:
        for n in range(count):
            yield attrs.evolve(base, web_url=f"https://example.com/{n}", title=f"Item {n}")

    sink = CountingSink()
    tracemalloc.start()
    try:
        stream = cast("IO[bytes]", sink)
        EXPORTER.write(produce(), stream, FEED, ExportOptions(params=EXPORTER.defaults))
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_memory_does_not_grow_with_the_number_of_items() -> None:
    """Five times the items take about the same peak memory: nothing is kept per item."""
    peak_memory(10)  # imports and caches first
    small, large = peak_memory(1000), peak_memory(5000)
    assert large < small * 1.2


def test_urls_are_percent_encoded_for_validators() -> None:
    """Spaces and non-ASCII in URLs are percent-encoded; decoding gives the original back."""
    url = ' https://例え.jp/ダウン ロード?q=a b&x="y"#frag '
    (item,) = items_of(write_rss([make_record(web_url=url)]))
    link = item.findtext("link")
    assert link is not None
    assert link.isascii()
    assert FULL_URI.match(link) is not None
    assert same_url(link, url)


def test_description_is_the_excerpt_shown_as_text() -> None:
    """The excerpt is plain text: markup-like characters in it show as text, not HTML."""
    excerpt = "5 < 6 & <b>not bold</b> ]]> &amp;"
    data = write_rss([make_record(excerpt=excerpt)])
    (item,) = items_of(data)
    assert html.unescape(item.findtext("description") or "") == excerpt
    assert html.unescape(parse(data).entries[0].summary) == excerpt


def test_excerpt_html_option_takes_the_excerpt_as_html() -> None:
    """With excerpt_html=True the excerpt is the description's HTML, cleaned (tags count)."""
    excerpt = "Topics &#8220;You&#8221; asked for: <b>ALM</b><script>x()</script>"
    data = write_rss([make_record(excerpt=excerpt)], excerpt_html=True)
    (item,) = items_of(data)
    assert html.unescape(item.findtext("description") or "") == (
        "Topics \u201cYou\u201d asked for: <b>ALM</b>"
    )
    summary = parse(data).entries[0].summary
    assert html.unescape(summary) == "Topics \u201cYou\u201d asked for: <b>ALM</b>"


def test_featured_content_is_content_encoded_after_description() -> None:
    """featuredContent (HTML) goes to content:encoded after description, its iframe a link."""
    featured = '<p>Watch: <iframe src="https://www.youtube.com/embed/x"></iframe> ]]></p>'
    data = write_rss([make_record(featured_content=featured)])
    (item,) = items_of(data)
    tags = [child.tag for child in item]
    assert tags.index("description") < tags.index(f"{{{CONTENT}}}encoded")
    content = item.findtext(f"{{{CONTENT}}}encoded") or ""
    assert "<iframe" not in content
    assert "]]&gt;" in content
    value = parse(data).entries[0].content[0].value
    assert "Watch:" in value
    assert 'href="https://www.youtube.com/watch?v=x"' in value


def test_provider_is_dc_creator_never_author() -> None:
    """The provider name is dc:creator; RSS author (an e-mail address) is never written."""
    (item,) = items_of(write_rss([make_record()]))
    assert item.findtext(f"{{{DC}}}creator") == "Amnesty UK"
    assert item.find("author") is None


def test_topics_become_categories_skipping_none_and_blank() -> None:
    """Each topic is a category, in order; None and blank topics are left out."""
    record = make_record(topics=("AI", None, "", "  ", "Power Apps", "C#"))
    (item,) = items_of(write_rss([record]))
    assert child_texts(item, "category") == ["AI", "Power Apps", "C#"]


def test_first_usable_image_is_media_content() -> None:
    """The first image with an http(s) URL is media:content; non-positive sizes are left out."""
    images = (
        Image(url="data:image/png;base64,AAAA", width=10, height=10),
        Image(url="https://img.example.com/a.jpg", width=0, height=-3, title="A photo"),
        Image(url="https://img.example.com/b.jpg", width=5, height=5),
    )
    data = write_rss([make_record(images=images)])
    (item,) = items_of(data)
    contents = item.findall(f"{{{MEDIA}}}content")
    assert [c.attrib for c in contents] == [
        {"url": "https://img.example.com/a.jpg", "medium": "image"}
    ]
    assert contents[0].findtext(f"{{{MEDIA}}}title") == "A photo"
    assert item.find("enclosure") is None
    assert parse(data).entries[0].media_content[0]["url"] == "https://img.example.com/a.jpg"


def test_related_links_skip_empty_urls_and_can_be_turned_off() -> None:
    """Related articles are atom:link rel="related" with their title; empty URLs are skipped."""
    provider = Provider(name="Other", domain="other.example")
    related = tuple(
        RelatedArticle(
            title=title,
            excerpt="",
            published_date_time=dt.datetime(2021, 1, 1),
            web_url=url,
            type="article",
            provider=provider,
            quality=1,
        )
        for title, url in [
            ("One", "https://a.example/1"),
            ("Empty", ""),
            ("", "https://a.example/3"),
        ]
    )
    record = make_record(related=related)
    (item,) = items_of(write_rss([record]))
    links = [link.attrib for link in item.findall(f"{{{ATOM}}}link")]
    assert links == [
        {"rel": "related", "href": "https://a.example/1", "title": "One"},
        {"rel": "related", "href": "https://a.example/3"},
    ]
    (item,) = items_of(write_rss([record], related_links=False))
    assert item.findall(f"{{{ATOM}}}link") == []


def test_frontnews_elements_carry_the_other_fields() -> None:
    """category, type, provider domain, quality, heat, published and removed use frontnews:."""
    record = make_record(quality=38, heat=-1, published=True, removed=False)
    (item,) = items_of(write_rss([record], frontnews_elements=True))
    prefix = "{" + FRONTNEWS + "}"
    found = {
        child.tag.removeprefix(prefix): child for child in item if child.tag.startswith(prefix)
    }
    assert {tag: element.text for tag, element in found.items()} == {
        "category": "news",
        "type": "article",
        "provider": "Amnesty UK",
        "quality": "38",
        "heat": "-1",
        "published": "true",
        "removed": "false",
    }
    assert found["provider"].get("domain") == "amnesty.org.uk"
    data = write_rss([record], frontnews_elements=False)
    assert FRONTNEWS.encode() not in data


# --- secured and published --------------------------------------------------


def test_secured_is_absent_by_default() -> None:
    """The secured token appears nowhere unless the caller opts in."""
    record = make_record(secured=Secured("VERY-SECRET-TOKEN;abc="))
    assert b"VERY-SECRET-TOKEN" not in export_rss([record])
    assert b"VERY-SECRET-TOKEN" not in export_rss([record], frontnews_elements=False)


def test_secured_is_written_when_opted_in() -> None:
    """With include_secured, each item carries frontnews:secured, even without other extensions."""
    record = make_record(secured=Secured("VERY-SECRET-TOKEN;abc="))
    for params in ({}, {"frontnews_elements": False}):
        data = export_rss([record], include_secured=True, **params)
        (item,) = items_of(data)
        assert item.findtext(f"{{{FRONTNEWS}}}secured") == "VERY-SECRET-TOKEN;abc="


def test_unpublished_records_are_left_out_by_export() -> None:
    """export() drops published: false records unless include_unpublished is given."""
    kept = make_record(title="Kept", published=None)
    dropped = make_record(title="Dropped", web_url="https://example.com/2", published=False)
    titles = [e.title for e in parse(export_rss([kept, dropped])).entries]
    assert titles == ["Kept"]
    everything = export_rss([kept, dropped], include_unpublished=True)
    assert [e.title for e in parse(everything).entries] == ["Kept", "Dropped"]


# --- order, dates, determinism and streaming --------------------------------


def dated(titles_and_days: list[tuple[str, int]]) -> list[Record]:
    return [
        make_record(
            title=title,
            web_url=f"https://example.com/{n}",
            published_date_time=dt.datetime(2021, 3, day, 12, 0),
        )
        for n, (title, day) in enumerate(titles_and_days)
    ]


def test_items_keep_the_callers_order() -> None:
    """Items come out in input order, not sorted by date."""
    items = dated([("b", 3), ("a", 9), ("c", 1)])
    assert [e.title for e in parse(write_rss(items)).entries] == ["b", "a", "c"]


def test_same_input_gives_the_same_bytes() -> None:
    """Exporting the same records twice gives identical bytes (no clock, no randomness)."""
    items = [frontnews.load(REFERENCE_SAMPLE), *dated([("b", 3), ("a", 9)])]
    assert write_rss(items) == write_rss(list(items))
    assert export_rss(items) == export_rss(iter(items))


def test_last_build_date_newest_is_the_newest_item_date_after_the_items() -> None:
    """With "newest", lastBuildDate is the newest item's date, after the items."""
    items = dated([("b", 3), ("a", 9), ("c", 1)])
    items[1] = attrs.evolve(
        items[1],
        published_date_time=dt.datetime(
            2021, 3, 9, 14, 0, tzinfo=dt.timezone(dt.timedelta(hours=2))
        ),
    )
    data = write_rss(items, last_build_date="newest")
    result = parse(data)
    assert result.feed.updated_parsed[:6] == (2021, 3, 9, 12, 0, 0)
    channel = ET.fromstring(data).find("channel")
    assert channel is not None
    assert [child.tag for child in channel][-1] == "lastBuildDate"


def test_last_build_date_option() -> None:
    """A datetime puts lastBuildDate before the items; None leaves it out; junk is an error."""
    when = dt.datetime(2022, 5, 1, 8, 30)
    data = write_rss(dated([("a", 1)]), last_build_date=when)
    channel = ET.fromstring(data).find("channel")
    assert channel is not None
    tags = [child.tag for child in channel]
    assert tags.index("lastBuildDate") < tags.index("item")
    assert channel.findtext("lastBuildDate") == "Sun, 01 May 2022 08:30:00 +0000"
    assert b"lastBuildDate" not in write_rss(dated([("a", 1)]), last_build_date=None)
    assert b"lastBuildDate" not in write_rss([])
    with pytest.raises(ExportError, match="last_build_date"):
        write_rss([], last_build_date="yesterday")
    with pytest.raises(ExportError, match="related_links"):
        write_rss([], related_links="no")


def test_pub_date_is_rfc822_in_utc() -> None:
    """pubDate is the record's instant in UTC, naive times being UTC."""
    cases = [
        (dt.datetime(2021, 1, 26, 18, 47), "Tue, 26 Jan 2021 18:47:00 +0000"),
        (
            dt.datetime(2021, 1, 1, 1, 30, 59, 999, tzinfo=dt.timezone(dt.timedelta(hours=5))),
            "Thu, 31 Dec 2020 20:30:59 +0000",
        ),
        (
            dt.datetime(9999, 12, 31, 23, 0, tzinfo=dt.timezone(dt.timedelta(hours=-5))),
            "Fri, 31 Dec 9999 23:00:00 -0500",
        ),
    ]
    for when, expected in cases:
        (item,) = items_of(write_rss([make_record(published_date_time=when)]))
        assert item.findtext("pubDate") == expected


def non_english_locale() -> str | None:
    """A locale installed here whose day names are not English, or None."""
    try:
        names = subprocess.run(
            ["locale", "-a"], capture_output=True, text=True, check=True
        ).stdout.split()
    except (OSError, subprocess.CalledProcessError):
        return None
    saved = locale.setlocale(locale.LC_TIME)
    try:
        for name in names:
            if name.split("_")[0].split(".")[0] in ("C", "POSIX", "en"):
                continue
            try:
                locale.setlocale(locale.LC_TIME, name)
            except locale.Error:
                continue
            if time.strftime("%a %b", (2021, 1, 26, 0, 0, 0, 1, 26, 0)) != "Tue Jan":
                return name
        return None
    finally:
        locale.setlocale(locale.LC_TIME, saved)


def test_pub_date_is_english_under_any_locale() -> None:
    """Day and month names stay English when the process runs under another locale."""
    name = non_english_locale()
    if name is None:
        pytest.skip("no non-English locale is installed (see `locale -a`)")
    saved = locale.setlocale(locale.LC_ALL)
    try:
        locale.setlocale(locale.LC_ALL, name)
        data = write_rss(dated([("a", 2), ("b", 6)]))
    finally:
        locale.setlocale(locale.LC_ALL, saved)
    dates = [item.findtext("pubDate") for item in items_of(data)]
    assert dates == ["Tue, 02 Mar 2021 12:00:00 +0000", "Sat, 06 Mar 2021 12:00:00 +0000"]
    assert [e.published_parsed[:3] for e in parse(data).entries] == [(2021, 3, 2), (2021, 3, 6)]


def test_items_are_written_one_at_a_time() -> None:
    """Each item is on the stream before the next record is taken from the iterable."""
    out = io.BytesIO()
    items = dated([("a", 1), ("b", 2), ("c", 3)])

    def produce() -> Iterator[Record]:
        for number, record in enumerate(items):
            yield record
            assert out.getvalue().count(b"<item>") == number + 1

    EXPORTER.write(produce(), out, FEED, ExportOptions(params=EXPORTER.defaults))
    assert out.getvalue().count(b"<item>") == 3


# --- awkward text -----------------------------------------------------------


def test_illegal_characters_become_replacement_characters() -> None:
    """Characters XML 1.0 forbids become U+FFFD; the rest of the text is kept exactly."""
    title = "a\x00b\x01c\x1fd\ufffee\uffff\ud800f\tg\r\nh ]]> & < > \" '"
    record = make_record(title=title, excerpt=title, topics=(title,))
    data = write_rss([record])
    for parser in (xml.dom.minidom.parseString, ET.fromstring):
        parser(data)
    (item,) = items_of(data)
    expected = "a\ufffdb\ufffdc\ufffdd\ufffde\ufffd\ufffdf\tg\r\nh ]]> & < > \" '"
    assert item.findtext("title") == expected
    assert item.findtext("category") == expected
    assert html.unescape(item.findtext("description") or "") == expected
    assert parse(data).entries[0].title == expected


def test_blank_title_is_left_out() -> None:
    """An empty or all-whitespace title is not written; the item still has a description."""
    (item,) = items_of(write_rss([make_record(title=" \t ")]))
    assert item.find("title") is None
    assert item.find("description") is not None


# --- other people's readers over many records --------------------------------

urls = st.one_of(
    text,
    st.builds(
        lambda start, rest: start + rest,
        st.sampled_from(["https://", "http://", "HTTPS://example.org/", " https://a.example/?q="]),
        text,
    ),
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(records(web_url=st.none() | urls, original_url=st.none() | urls), max_size=4))
def test_any_records_give_a_feed_readers_accept(items: list[Record]) -> None:
    """Any records: strict parsers accept the XML, feedparser reads it cleanly, fields match."""
    data = write_rss(items)
    xml.dom.minidom.parseString(data)
    elements = items_of(data)
    result = parse(data)
    assert len(elements) == len(result.entries) == len(items)
    assert w3c_problems(data) == []
    for record, item, entry in zip(items, elements, result.entries, strict=True):
        title = xml_text(record.title)
        if record.title.strip():
            assert item.findtext("title") == title
            # feedparser takes a title that looks like HTML (tags, entities) as HTML
            # and rewrites it; ElementTree has checked those exactly above.
            if entry.title_detail.type == "text/plain":
                assert entry.title == as_feedparser_reads(title.strip())
        else:
            assert item.find("title") is None
        source = expected_link(record)
        if source is None:
            assert item.find("link") is None
        else:
            link = item.findtext("link") or ""
            assert same_url(link, source)
            assert same_url(html.unescape(entry.link), html.unescape(source))
            guid = item.find("guid")
            assert guid is not None
            assert guid.text == link or guid.get("isPermaLink") == "false"
        written = utc_seconds(email.utils.parsedate_to_datetime(item.findtext("pubDate", "")))
        assert written == utc_seconds(record.published_date_time)
        topics = [xml_text(t) for t in record.topics if t is not None and t.strip()]
        assert child_texts(item, "category") == topics


markup = st.lists(
    st.sampled_from(
        [
            *("&amp;", "&#39;", "&nbsp;", "&bogus;", "<b>", "</b>", "<script>alert(1)</script>"),
            *("<!--", "-->", "<![CDATA[", "]]>", "]]", ">", "<", "&", '"', "'", "\r\n", "x"),
        ]
    ),
    max_size=8,
).map("".join)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(markup, markup, markup, markup)
def test_markup_in_text_is_kept_as_text(
    title: str, excerpt: str, featured: str, related_title: str
) -> None:
    """Tags, entities, comments and CDATA markers in any field come back as the same text."""
    provider = Provider(name=related_title, domain="x.example")
    related = RelatedArticle(
        title=related_title,
        excerpt="",
        published_date_time=dt.datetime(2021, 1, 1),
        web_url="https://x.example/?a=1&b=2",
        type="article",
        provider=provider,
        quality=1,
    )
    record = make_record(
        title=title, excerpt=excerpt, featured_content=featured, related=(related,)
    )
    data = write_rss([record])
    parse(data)
    assert w3c_problems(data) == []
    (item,) = items_of(data)
    assert item.findtext("title") == (title if title.strip() else None)
    assert html.unescape(item.findtext("description") or "") == excerpt
    content = item.findtext(f"{{{CONTENT}}}encoded")
    assert (content is not None) == bool(featured)
    assert "<script" not in (content or "")
    links = item.findall(f"{{{ATOM}}}link")
    assert [link.get("href") for link in links] == ["https://x.example/?a=1&b=2"]
    assert links[0].get("title") == (related_title if related_title.strip() else None)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(records(), max_size=5), st.booleans())
def test_any_records_give_the_same_bytes_twice(items: list[Record], secured: bool) -> None:
    """Determinism holds for any records, and secured appears only when asked for."""
    first = write_rss(items, include_secured=secured)
    assert first == write_rss(items, include_secured=secured)
    has_secured = b"<frontnews:secured>" in first
    assert has_secured == (secured and bool(items))


# --- the real sample corpus -------------------------------------------------


@pytest.fixture(scope="module")
def real_records() -> list[Record]:
    if not REAL.is_dir():
        pytest.skip(f"the shared sample corpus is not at {REAL}")
    return list(frontnews.iter_records(REAL))


@pytest.fixture(scope="module")
def real_feed(real_records: list[Record]) -> bytes:
    return export_rss(real_records, include_unpublished=True)


def test_real_samples_read_back_with_feedparser(
    real_records: list[Record], real_feed: bytes
) -> None:
    """All 181 real records: feedparser reads them cleanly and every field matches."""
    assert len(real_records) == 181
    result = parse(real_feed)
    assert len(result.entries) == len(real_records)
    links: set[str] = set()
    for record, entry in zip(real_records, result.entries, strict=True):
        assert entry.title == record.title.strip()
        assert entry.link == (record.web_url or record.original_url)
        assert (entry.id == entry.link) == (entry.link not in links)
        links.add(entry.link)
        assert calendar.timegm(entry.published_parsed) == int(
            utc_seconds(record.published_date_time).timestamp()
        )
        assert [t.term for t in entry.get("tags", [])] == [t for t in record.topics if t]
        assert entry.author == record.provider.name
        assert html.unescape(entry.get("summary", "")) == html_newlines(record.excerpt.strip())
        related = [link.href for link in entry.links if link.rel == "related"]
        assert related == [r.web_url for r in record.related or () if r.web_url]
        if record.featured_content is not None:
            assert entry.content[0].type == "text/html"


def test_real_samples_follow_the_w3c_rules(real_feed: bytes) -> None:
    """The real corpus' feed breaks none of the W3C validator's RSS 2.0 rules checked here."""
    assert w3c_problems(real_feed) == []


def test_real_samples_skip_unpublished_by_default(real_records: list[Record]) -> None:
    """export() leaves out the corpus records that say published: false."""
    result = parse(export_rss(real_records))
    assert len(result.entries) == sum(1 for r in real_records if r.published is not False)


def test_w3c_rule_check_finds_known_errors() -> None:
    """The rule check reports a bad date, a relative link, a duplicate guid, a blank category."""
    bad = (
        b'<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel>'
        b"<title>t</title><link>https://e.org/</link><description>d</description>"
        b"<item><title>a</title><link>/rel</link><guid>https://e.org/1</guid>"
        b"<pubDate>Mon, 26 Jan 2021 18:47:00 +0000</pubDate><category> </category></item>"
        b"<item><title>b</title><guid>https://e.org/1</guid><pubDate>26/01/2021</pubDate></item>"
        b"</channel></rss>"
    )
    found = {problem.split(":")[0] for problem in w3c_problems(bad)}
    assert found == {
        "InvalidFullLink",
        "IncorrectDOW",
        "DuplicateValue",
        "InvalidRFC2822Date",
        "NotBlank (warning)",
    }


def test_w3c_rule_check_finds_known_warnings() -> None:
    """The rule check reports an unknown namespace, a misplaced element and an iframe."""
    bad = (
        b'<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0" '
        b'xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:x="https://x.example/">'
        b"<channel><title>t</title><link>https://e.org/</link><description>d</description>"
        b"<item><title>a</title><description>a</description><content:encoded>"
        b"&lt;iframe src='https://v.example/'&gt;&lt;/iframe&gt;</content:encoded></item>"
        b"<lastBuildDate>Tue, 26 Jan 2021 18:47:00 +0000</lastBuildDate></channel></rss>"
    )
    found = {problem.split(":")[0] for problem in w3c_problems(bad)}
    assert found == {
        "UnknownNamespace (warning)",
        "MisplacedItem (warning)",
        "SecurityRisk (warning)",
    }


# --- issue 14: channel metadata, media, content that survives readers --------


def test_channel_metadata_fields_reach_feedparser() -> None:
    """ttl, copyright, image, WebSub hubs, RFC 5005 pages and a stylesheet are written and read."""
    feed = attrs.evolve(
        FEED,
        image="https://news.example.org/logo.png",
        icon="https://news.example.org/favicon.png",
        copyright="CC BY 4.0",
        ttl=60,
        hubs=("https://hub.example.org/", "https://pubsubhubbub.appspot.com/"),
        stylesheet="https://news.example.org/feed.xsl",
        pages={"next": "https://news.example.org/feed-2.xml", "first": FEED.feed_url or ""},
    )
    data = write_rss([make_record()], feed=feed)
    assert data.splitlines()[1] == (
        b'<?xml-stylesheet type="text/xsl" href="https://news.example.org/feed.xsl"?>'
    )
    result = parse(data).feed
    assert result.image.href == feed.image
    assert result.rights == "CC BY 4.0"
    assert result.ttl == "60"
    links = [(link.rel, link.href) for link in result.links if link.rel != "alternate"]
    assert links == [
        ("self", feed.feed_url),
        ("hub", "https://hub.example.org/"),
        ("hub", "https://pubsubhubbub.appspot.com/"),
        ("first", feed.feed_url),
        ("next", "https://news.example.org/feed-2.xml"),
    ]
    assert w3c_problems(data) == []


@pytest.mark.parametrize(
    "feed",
    [
        attrs.evolve(FEED, ttl=-1),
        attrs.evolve(FEED, hubs=("not a url",)),
        attrs.evolve(FEED, pages={"older": "https://e.org/"}),
        attrs.evolve(FEED, stylesheet="feed.xsl"),
    ],
)
def test_unusable_channel_metadata_is_an_export_error(feed: Feed) -> None:
    """A negative ttl, a relative hub or stylesheet, or an unknown page relation fail."""
    with pytest.raises(ExportError, match=r"^rss: feed"):
        write_rss([make_record()], feed=feed)


def test_an_archived_page_says_fh_archive() -> None:
    """A page whose "current" link is another feed is an RFC 5005 archive (fh:archive)."""
    feed = attrs.evolve(
        FEED,
        feed_url="https://news.example.org/feed-1.xml",
        pages={"current": "https://news.example.org/feed.xml"},
    )
    data = write_rss([make_record()], feed=feed)
    channel = ET.fromstring(data).find("channel")
    assert channel is not None
    assert channel.find(f"{{{FH}}}archive") is not None
    assert w3c_problems(data) == []


def test_image_has_a_thumbnail_beside_its_media_content() -> None:
    """The first image is media:content and media:thumbnail, which feedparser reads."""
    record = frontnews.load(REFERENCE_SAMPLE)
    assert record.images is not None
    entry = parse(write_rss([record])).entries[0]
    assert entry.media_thumbnail[0]["url"] == record.images[0].url


def test_a_video_embed_becomes_media_content_and_a_link() -> None:
    """An iframe is media:content medium="video" and, in the content, a linked thumbnail."""
    record = frontnews.load(SAMPLES / "2026-11-25-video-how-weather-models-learn.md")
    data = write_rss([record])
    assert w3c_problems(data) == []
    entry = parse(data).entries[0]
    media = [(m["url"], m.get("medium")) for m in entry.media_content]
    assert ("https://video.example.org/embed/wx50", "video") in media
    content = entry.content[0].value
    assert "<iframe" not in content
    assert 'href="https://video.example.org/embed/wx50"' in content
    assert 'src="https://video.example.org/thumbs/wx50.jpg"' in content


def test_a_video_file_gets_an_enclosure() -> None:
    """A <video> of an .mp4 file gets an enclosure with its media type (length 0: unknown)."""
    featured = '<video src="https://v.example.org/clip.mp4"></video>'
    data = write_rss([make_record(featured_content=featured)])
    assert w3c_problems(data) == []
    entry = parse(data).entries[0]
    assert [(e.href, e.type) for e in entry.enclosures] == [
        ("https://v.example.org/clip.mp4", "video/mp4")
    ]


def test_markdown_body_is_rendered_and_sanitised() -> None:
    """A Markdown body reaches content:encoded as HTML, without scripts or handlers."""
    body = "# Heading\n\nSome *emphasis* and [a link](https://e.org/).\n\n<script>x()</script>\n"
    data = write_rss([make_record(body=body)])
    content = parse(data).entries[0].content[0].value
    assert "<em>emphasis</em>" in content
    assert 'href="https://e.org/"' in content
    assert "<script" not in content
    assert w3c_problems(data) == []
    plain = parse(write_rss([make_record(body=body)], render=False)).entries[0].content[0].value
    assert "*emphasis*" in plain


@pytest.mark.parametrize(
    "featured",
    [
        "<iframe src='https://www.youtube.com/embed/x'></iframe>",
        "<script>alert(1)</script>",
        "<iframe></iframe>",
        "<p onclick='x()'></p>",
    ],
)
def test_content_survives_feedparsers_sanitiser(featured: str) -> None:
    """Whatever featuredContent holds, feedparser's sanitised content is not empty."""
    for record in (
        make_record(featured_content=featured),
        make_record(web_url=None, original_url=None, featured_content=featured),
    ):
        entry = parse(write_rss([record])).entries[0]
        assert entry.content[0].value.strip()
