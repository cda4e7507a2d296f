"""The ``jsonfeed`` exporter, checked with programs someone else wrote.

Every document is decoded as strict UTF-8, parsed by the json module with
NaN, Infinity and duplicate keys refused, validated against a JSON Schema of
JSON Feed 1.1 written from the spec (``tests/schemas/jsonfeed-1.1.schema.json``)
with real ``uri`` (rfc3986-validator) and ``date-time`` (rfc3339-validator)
format checks, and read back with fastfeedparser.
"""

from __future__ import annotations

import base64
import datetime as dt
import html
import io
import json
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote

import attrs
import fastfeedparser
import feedparser
import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rfc3339_validator import validate_rfc3339
from rfc3986_validator import validate_rfc3986

import frontnews
from frontnews import ExportError, Extra, Feed, Image, Provider, Record, RelatedArticle, Secured
from frontnews.filters import instant
from frontnews.plugins import get_exporters
from frontnews.toolkit import stable_id

from .conftest import make_record, token_of
from .strategies import records, text

if TYPE_CHECKING:
    from _typeshed import ReadableBuffer

SCHEMA_PATH = Path(__file__).parent / "schemas" / "jsonfeed-1.1.schema.json"
SCHEMA = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
VERSION_URL = "https://jsonfeed.org/version/1.1"
SURROGATE = re.compile("[\ud800-\udfff]")


def _is_uri(value: object) -> bool:
    return not isinstance(value, str) or validate_rfc3986(value, rule="URI") is not None


def _is_date_time(value: object) -> bool:
    return not isinstance(value, str) or bool(validate_rfc3339(value))


# Built by hand so that a missing validator package fails loudly instead of
# silently turning the format checks off (jsonschema's default).
FORMATS = jsonschema.FormatChecker(formats=())
FORMATS.checks("uri")(_is_uri)
FORMATS.checks("date-time")(_is_date_time)
VALIDATOR = jsonschema.Draft202012Validator(SCHEMA, format_checker=FORMATS)

FEED = Feed(title="Tech news", link="https://news.example/")
TOKEN = token_of(make_record())
UTC = dt.timezone.utc


def export(records: Any, *, feed: Feed | None = FEED, **options: Any) -> bytes:
    """Run the exporter through frontnews.export (unpublished records included)."""
    buffer = io.BytesIO()
    frontnews.export(records, "jsonfeed", buffer, feed=feed, include_unpublished=True, **options)
    return buffer.getvalue()


def _refuse_constant(name: str) -> Any:
    raise ValueError(f"{name} is not JSON")


def _refuse_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    keys = [k for k, _ in pairs]
    duplicates = {k for k in keys if keys.count(k) > 1}
    assert not duplicates, f"duplicate keys {duplicates}"
    return dict(pairs)


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, list):
        for v in value:
            yield from _strings(v)
    elif isinstance(value, dict):
        for k, v in value.items():
            yield k
            yield from _strings(v)


def read(data: bytes) -> dict[str, Any]:
    """Strict UTF-8, strict JSON, schema-valid, no surrogate anywhere: the document."""
    document = json.loads(
        data.decode("utf-8"),
        parse_constant=_refuse_constant,
        object_pairs_hook=_refuse_duplicates,
    )
    VALIDATOR.validate(document)
    assert not any(SURROGATE.search(s) for s in _strings(document))
    assert isinstance(document, dict)
    return document


def as_written(value: str) -> str:
    """What a reader gets back: surrogate pairs joined (as ``\\u`` escapes are), lone ones FFFD."""
    joined = json.loads(json.dumps(value))
    assert isinstance(joined, str)
    return SURROGATE.sub("\ufffd", joined)


# WHATWG URL Standard: what its parser strips from the ends of a URL.
C0_OR_SPACE = "".join(map(chr, range(0x21)))


def same_url(written: str, source: str) -> bool:
    """Whether ``written`` is ``source`` up to percent-encoding and scheme case.

    ``source`` is first read as the WHATWG URL parser reads it: C0 controls and
    spaces at the ends dropped, ASCII tab and newline removed anywhere.
    """
    scheme, _, rest = re.sub("[\t\n\r]", "", source.strip(C0_OR_SPACE)).partition(":")
    return unquote(written) == unquote(scheme.lower() + ":" + rest)


def items_of(data: bytes) -> list[dict[str, Any]]:
    items = read(data)["items"]
    assert isinstance(items, list)
    return items


def only_item(record: Record, **options: Any) -> dict[str, Any]:
    (item,) = items_of(export([record], **options))
    return item


# -- the schema and its format checks --------------------------------------------------------

SPEC_EXAMPLE: dict[str, Any] = {
    "version": VERSION_URL,
    "title": "My Example Feed",
    "home_page_url": "https://example.org/",
    "feed_url": "https://example.org/feed.json",
    "items": [
        {"id": "2", "content_text": "This is a second item.", "url": "https://example.org/2"},
        {"id": "1", "content_html": "<p>Hello, world!</p>", "url": "https://example.org/1"},
    ],
}


def test_schema_is_a_valid_draft_2020_12_schema_and_accepts_the_spec_example() -> None:
    """The hand-written schema is itself valid and accepts the spec's own example feed."""
    jsonschema.Draft202012Validator.check_schema(SCHEMA)
    VALIDATOR.validate(SPEC_EXAMPLE)


def _broken(path: tuple[str | int, ...], value: Any) -> dict[str, Any]:
    document = json.loads(json.dumps(SPEC_EXAMPLE))
    target = document
    for step in path[:-1]:
        target = target[step]
    if value is KeyError:
        del target[path[-1]]
    else:
        target[path[-1]] = value
    assert isinstance(document, dict)
    return document


@pytest.mark.parametrize(
    ("path", "value"),
    [
        (("items", 0, "content_text"), KeyError),
        (("items", 0, "id"), 2),
        (("items", 0, "id"), " "),
        (("items", 0, "id"), KeyError),
        (("items", 0, "url"), "not a url"),
        (("items", 0, "url"), "https://example.org/a b"),
        (("items", 0, "date_published"), "2021-01-26 18:47:00"),
        (("items", 0, "date_published"), "2021-02-30T10:00:00Z"),
        (("items", 0, "authors"), [{}]),
        (("items", 0, "authors"), []),
        (("items", 0, "tags"), ["a", None]),
        (("items", 0, "_1x"), {}),
        (("items", 0, "_ext"), {"a.b": 1}),
        (("items", 0, "unknown"), 1),
        (("home_page_url",), "/relative"),
        (("version",), "https://jsonfeed.org/version/2"),
        (("title",), KeyError),
    ],
)
def test_schema_rejects_broken_feeds(path: tuple[str | int, ...], value: Any) -> None:
    """Each rule the schema encodes (with its format checks) rejects a feed that breaks it."""
    with pytest.raises(jsonschema.ValidationError):
        VALIDATOR.validate(_broken(path, value))


# -- the plugin --------------------------------------------------------------------------------


def test_exporter_is_registered_with_its_name_media_type_and_suffix() -> None:
    """The built-in plugin registers ``jsonfeed`` as application/feed+json with ``.json``."""
    exporter = get_exporters()["jsonfeed"]
    assert (exporter.name, exporter.media_type, exporter.suffix) == (
        "jsonfeed",
        "application/feed+json",
        ".json",
    )
    assert dict(exporter.defaults) == {"extension": True, "render": True}


def test_export_without_a_feed_raises_and_writes_nothing() -> None:
    """A JSON Feed needs a title and a link, so no ``feed`` is an ExportError before any byte."""
    buffer = io.BytesIO()
    with pytest.raises(ExportError, match="feed"):
        frontnews.export([make_record()], "jsonfeed", buffer)
    assert buffer.getvalue() == b""


@pytest.mark.parametrize(
    "feed",
    [
        Feed(title="T", link="news.example"),
        Feed(title="T", link="https://news.example/", feed_url="ftp://news.example/feed.json"),
        Feed(title="T", link="https://news.example/", icon="javascript:alert(1)"),
        Feed(title="T", link="https://news.example/", language="English please"),
    ],
)
def test_unusable_feed_fields_raise(feed: Feed) -> None:
    """Feed URLs that are not absolute http(s) URLs, or a malformed language tag, are refused."""
    with pytest.raises(ExportError, match="feed"):
        export([make_record()], feed=feed)


def test_a_non_boolean_extension_option_raises() -> None:
    """``extension`` takes True or False only."""
    with pytest.raises(ExportError, match="extension"):
        export([make_record()], extension="no")


# -- the document ------------------------------------------------------------------------------


def test_feed_fields_are_written_and_read_back_by_fastfeedparser() -> None:
    """Title, home page, feed URL, description, language, icon and author reach a reader."""
    feed = Feed(
        title="Tech news",
        link="https://news.example/",
        description="What happened in tech",
        feed_url="https://news.example/feed.json",
        language="en-GB",
        icon="https://news.example/icon.png",
        author_name="The desk",
    )
    data = export([make_record()], feed=feed)
    document = read(data)
    assert document["feed_url"] == feed.feed_url
    assert document["authors"] == [{"name": "The desk"}]
    parsed = fastfeedparser.parse(data)["feed"]
    assert parsed["title"] == feed.title
    assert parsed["link"] == feed.link
    assert parsed["subtitle"] == feed.description
    assert parsed["language"] == feed.language
    assert parsed["icon"] == feed.icon
    assert parsed["author"] == feed.author_name


def test_version_comes_first_and_items_last() -> None:
    """``version`` is the first key of the document, as the spec asks, and ``items`` the last."""
    pairs = json.loads(export([make_record()]), object_pairs_hook=lambda p: p)
    keys = [k for k, _ in pairs]
    assert keys[0] == "version"
    assert dict(pairs)["version"] == VERSION_URL
    assert keys[-1] == "items"


def test_an_empty_input_is_a_valid_feed_with_no_items() -> None:
    """No records still gives a complete, valid document."""
    assert read(export([]))["items"] == []


def test_fastfeedparser_reads_back_titles_urls_dates_and_tags() -> None:
    """An independent reader gets each record's title, link, date, tags and author."""
    sources = [
        make_record(),
        make_record(
            title="Second «story»",
            web_url="https://publisher.example/second",
            published_date_time=dt.datetime(
                2020, 5, 1, 8, 0, tzinfo=dt.timezone(-dt.timedelta(hours=5))
            ),
            topics=("Cloud",),
        ),
        make_record(
            title="Third",
            web_url=None,
            original_url="https://other.example/third",
            published_date_time=dt.datetime(2019, 12, 31, 23, 59, 59),
            topics=(),
        ),
    ]
    entries = fastfeedparser.parse(export(sources))["entries"]
    assert [e["title"] for e in entries] == [r.title for r in sources]
    assert [e["link"] for e in entries] == [r.web_url or r.original_url for r in sources]
    assert [dt.datetime.fromisoformat(e["published"]) for e in entries] == [
        instant(r.published_date_time) for r in sources
    ]
    assert [[t["term"] for t in e.get("tags", [])] for e in entries] == [
        list(r.topics) for r in sources
    ]
    assert [e["author"] for e in entries] == [r.provider.name for r in sources]


def test_items_keep_the_input_order() -> None:
    """Items come out in the order the records came in, whatever their dates."""
    sources = [
        make_record(
            title=f"story {n}",
            web_url=f"https://publisher.example/{n}",
            published_date_time=dt.datetime(2021, 1, 1 + (n * 7) % 28, tzinfo=UTC),
        )
        for n in range(12)
    ]
    assert [i["title"] for i in items_of(export(sources))] == [r.title for r in sources]


_DETERMINISM_SCRIPT = """
import io, sys, frontnews
record = frontnews.loads(sys.stdin.read())
out = io.BytesIO()
frontnews.export([record, record], "jsonfeed", out,
                 feed=frontnews.Feed(title="T", link="https://news.example/"))
sys.stdout.buffer.write(out.getvalue())
"""

_RECORD_WITH_SETS = """---
category: news
title: "Sets and maps"
excerpt: "e"
publishedDateTime: 2021-01-26T18:47:00Z
type: article
provider:
  name: P
  domain: p.example
topics:
  - a
labels: !!set {kiwi, apple, mango, banana, cherry, fig}
scores: {b: 1, a: 2, 3: c}
secured: "x"
---
"""


def test_identical_input_gives_identical_bytes_in_any_process() -> None:
    """Two runs, in processes with different hash seeds, write the same bytes (sets are sorted)."""
    outputs = []
    for seed in ("1", "2", "3"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        result = subprocess.run(
            [sys.executable, "-c", _DETERMINISM_SCRIPT],
            input=_RECORD_WITH_SETS.encode(),
            capture_output=True,
            env=env,
            check=True,
        )
        outputs.append(result.stdout)
    assert outputs[0] == outputs[1] == outputs[2]
    (first, _) = items_of(outputs[0])
    labels = first["_frontnews"]["extra"]["labels"]
    assert labels == sorted(labels)
    assert first["_frontnews"]["extra"]["scores"] == {"b": 1, "a": 2, "3": "c"}


# -- streaming ---------------------------------------------------------------------------------


class RecordingStream(io.BytesIO):
    """A binary stream that notes, for each write, how many records had been pulled."""

    def __init__(self, pulled: list[int]) -> None:
        super().__init__()
        self.pulled = pulled
        self.writes: list[tuple[int, bytes]] = []

    def write(self, data: ReadableBuffer, /) -> int:
        chunk = bytes(data)
        self.writes.append((self.pulled[0], chunk))
        return super().write(chunk)


def counting(sources: list[Record], pulled: list[int]) -> Iterator[Record]:
    for record in sources:
        pulled[0] += 1
        yield record


def test_each_item_is_written_before_the_next_record_is_pulled() -> None:
    """The head goes out before any record is read, then one item per record as it arrives."""
    sources = [make_record(title=f"story {n}", web_url=f"https://p.example/{n}") for n in range(5)]
    pulled = [0]
    stream = RecordingStream(pulled)
    frontnews.export(counting(sources, pulled), "jsonfeed", stream, feed=FEED)
    assert stream.writes[0][0] == 0
    item_writes = [(n, chunk) for n, chunk in stream.writes if b'"id":' in chunk]
    assert [n for n, _ in item_writes] == [1, 2, 3, 4, 5]
    for (_, chunk), record in zip(item_writes, sources, strict=True):
        assert record.title.encode() in chunk
    read(stream.getvalue())


def test_items_before_a_failing_record_are_already_written() -> None:
    """When the input fails midway, the items before the failure have reached the stream."""

    def failing() -> Iterator[Record]:
        yield make_record(title="first")
        yield make_record(title="second")
        raise RuntimeError("disk gone")

    stream = io.BytesIO()
    with pytest.raises(RuntimeError, match="disk gone"):
        frontnews.export(failing(), "jsonfeed", stream, feed=FEED)
    assert b'"first"' in stream.getvalue()
    assert b'"second"' in stream.getvalue()


# -- secured -----------------------------------------------------------------------------------


def test_secured_is_never_written_by_default() -> None:
    """Without the opt-in, the token appears nowhere in the bytes."""
    data = export([make_record(), make_record(related=(), extra=Extra({"x": 1}))])
    assert TOKEN.encode() not in data
    assert b"secured" not in data


def test_secured_is_in_the_extension_with_the_opt_in() -> None:
    """With ``include_secured=True`` the token is ``_frontnews.secured``, exactly."""
    item = only_item(make_record(), include_secured=True)
    assert item["_frontnews"]["secured"] == TOKEN


def test_include_secured_without_the_extension_raises() -> None:
    """The token lives only in ``_frontnews``, so asking for it with extension=False is an error."""
    with pytest.raises(ExportError, match="include_secured"):
        export([make_record()], include_secured=True, extension=False)


def test_extension_false_writes_no_extension_object() -> None:
    """``extension=False`` gives a plain JSON Feed: no key starting with ``_`` anywhere."""
    pairs = json.loads(export([make_record()], extension=False), object_pairs_hook=lambda p: p)
    keys = list(_keys(pairs))
    assert keys
    assert not any(k.startswith("_") for k in keys)


def _keys(value: Any) -> Iterator[str]:
    if isinstance(value, list):
        for entry in value:
            if isinstance(entry, tuple) and len(entry) == 2 and isinstance(entry[0], str):
                yield entry[0]
                yield from _keys(entry[1])
            else:
                yield from _keys(entry)


# -- dates -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "when",
    [
        dt.datetime(2021, 1, 26, 18, 47),
        dt.datetime(2021, 1, 26, 18, 47, tzinfo=UTC),
        dt.datetime(
            2021, 1, 26, 18, 47, 5, 250000, tzinfo=dt.timezone(dt.timedelta(hours=5, minutes=30))
        ),
        dt.datetime(1999, 12, 31, 23, 0, tzinfo=dt.timezone(-dt.timedelta(hours=11))),
    ],
)
def test_dates_are_rfc_3339_naive_as_utc_and_offsets_kept(when: dt.datetime) -> None:
    """``date_published`` is the same instant; naive means UTC; an aware time keeps its offset."""
    written = only_item(make_record(published_date_time=when))["date_published"]
    parsed = dt.datetime.fromisoformat(written)
    assert parsed == instant(when)
    assert parsed.utcoffset() == instant(when).utcoffset()


def test_an_offset_with_seconds_is_written_in_utc() -> None:
    """RFC 3339 offsets have no seconds, so such a time is written as the same instant in UTC."""
    odd = dt.timezone(dt.timedelta(hours=1, seconds=30))
    when = dt.datetime(2021, 1, 26, 18, 47, tzinfo=odd)
    written = only_item(make_record(published_date_time=when))["date_published"]
    assert written.endswith("Z")
    assert dt.datetime.fromisoformat(written) == when


# -- item fields -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("featured", "body", "html", "plain"),
    [
        (None, "", None, "excerpt"),
        (
            "<iframe src='https://www.youtube.com/embed/v1'></iframe>",
            "",
            ['<a href="https://www.youtube.com/watch?v=v1"'],
            None,
        ),
        (None, "Body *text*.", ["<p>Body <em>text</em>.</p>"], "body"),
        ("<p>x</p>", "Body.", ["<p>x</p>", "<p>Body.</p>"], "body"),
        ("", "  \n", None, "excerpt"),
    ],
)
def test_content_comes_from_featured_content_body_or_excerpt(
    featured: str | None, body: str, html: list[str] | None, plain: str | None
) -> None:
    """HTML from featuredContent and the rendered body, raw text from the body, else the excerpt."""
    record = make_record(featured_content=featured, body=body)
    item = only_item(record)
    sources = {"featured": featured, "body": body, "excerpt": record.excerpt}
    if html is None:
        assert "content_html" not in item
    else:
        content = item["content_html"]
        assert [part in content for part in html] == [True] * len(html)
        assert "<iframe" not in content
    assert item.get("content_text") == (sources[plain] if plain else None)
    assert item["summary"] == record.excerpt


def test_id_and_url_are_the_web_url_and_external_url_the_original() -> None:
    """``id`` and ``url`` are webUrl; a different originalUrl is ``external_url``."""
    record = make_record(
        web_url="https://aggregator.example/a", original_url="https://publisher.example/a"
    )
    item = only_item(record)
    assert item["id"] == item["url"] == record.web_url
    assert item["external_url"] == record.original_url


def test_url_falls_back_to_the_original_url() -> None:
    """Without a webUrl, the originalUrl is ``id`` and ``url``; no ``external_url`` repeats it."""
    record = make_record(web_url=None, original_url="https://publisher.example/a")
    item = only_item(record)
    assert item["id"] == item["url"] == record.original_url
    assert "external_url" not in item


def test_an_id_without_any_url_is_stable_and_ignores_secured() -> None:
    """With no URL the id is the same across exports and tokens, and differs between stories."""
    one = make_record(web_url=None, original_url=None)
    same_story_other_token = attrs.evolve(one, secured=Secured("other;token"), excerpt="edited")
    other_story = attrs.evolve(one, title="Another story")
    ids = [i["id"] for i in items_of(export([one, other_story]))]
    assert ids[0] != ids[1]
    assert ids[0] == items_of(export([same_story_other_token]))[0]["id"]
    assert ids[0] == items_of(export([one]))[0]["id"]
    assert TOKEN not in ids[0]
    assert "other" not in ids[0]


def test_iri_urls_are_percent_encoded_into_valid_uris() -> None:
    """Non-ASCII and spaces in a URL are percent-encoded; decoding gives the original back."""
    source = "https://news.example/café/ä b?q=ü x#frag ment"
    item = only_item(make_record(web_url=source, original_url=None))
    assert validate_rfc3986(item["url"], rule="URI")
    assert unquote(item["url"]) == source
    assert (
        fastfeedparser.parse(export([make_record(web_url=source)]))["entries"][0]["link"]
        == item["url"]
    )


@pytest.mark.parametrize(
    "source",
    [
        "https://news.example/100%zz",
        "https://news.example/a%2",
        "https://news.example/a#b#c",
        "https://news.example/[x]?q=[y]",
        'https://news.example/"quoted" <tag> {x}|^`\\',
        "https://news.example:8080/a\tb\nc",
        "https://café.example/",
        "  https://news.example/padded  ",
        "HTTPS://news.example/upper-case-scheme",
    ],
)
def test_urls_with_characters_a_uri_cannot_hold_are_encoded(source: str) -> None:
    """Stray ``%``, a second ``#``, brackets, quotes and non-ASCII are percent-encoded.

    Tabs and line breaks are dropped, as a browser drops them.
    """
    item = only_item(make_record(web_url=source, original_url=None))
    assert validate_rfc3986(item["url"], rule="URI")
    assert same_url(item["url"], source)


def test_text_that_is_not_a_url_stays_in_the_extension() -> None:
    """A webUrl that is no http(s) URL is not ``url`` nor the id; it is kept in ``_frontnews``."""
    record = make_record(web_url="see the print edition", original_url="javascript:alert(1)")
    item = only_item(record)
    assert "url" not in item
    assert "external_url" not in item
    assert item["id"] == stable_id(record)
    assert item["id"].startswith("urn:uuid:")
    assert item["_frontnews"]["webUrl"] == record.web_url
    assert item["_frontnews"]["originalUrl"] == record.original_url


@pytest.mark.parametrize(
    ("name", "domain", "expected"),
    [
        (
            "Publisher",
            "publisher.example",
            [{"name": "Publisher", "url": "https://publisher.example"}],
        ),
        ("Publisher", "not a host", [{"name": "Publisher"}]),
        ("", "news.example.co.uk", [{"url": "https://news.example.co.uk"}]),
        ("  ", "", None),
    ],
)
def test_authors_come_from_the_provider(
    name: str, domain: str, expected: list[dict[str, str]] | None
) -> None:
    """The provider is the author: its name, and https://domain when the domain is a host name."""
    item = only_item(make_record(provider=Provider(name=name, domain=domain)))
    assert item.get("authors") == expected
    assert item["_frontnews"]["provider"] == {"name": name, "domain": domain}


def test_tags_are_the_topics_without_nulls() -> None:
    """Null topics are skipped; the others keep their order; no topics means no ``tags``."""
    assert only_item(make_record(topics=("AI", None, "", "AI")))["tags"] == ["AI", "", "AI"]
    assert "tags" not in only_item(make_record(topics=(None,)))


def test_image_is_the_first_usable_image_url() -> None:
    """``image`` is the first image whose URL is an http(s) URL; all images keep their sizes."""
    images = (
        Image(url="data:image/png;base64,AAAA", width=1, height=1),
        Image(url="https://img.example/a.jpg", width=800, height=600, is_cached=True),
        Image(url="https://img.example/b.jpg", width=10, height=10, title="B"),
    )
    item = only_item(make_record(images=images))
    assert item["image"] == images[1].url
    assert item["_frontnews"]["images"] == [
        {"url": images[0].url, "width": 1, "height": 1},
        {"url": images[1].url, "width": 800, "height": 600, "isCached": True},
        {"url": images[2].url, "width": 10, "height": 10, "title": "B"},
    ]


def test_extension_holds_every_field_without_a_json_feed_home() -> None:
    """Quality, heat, flags, AMP URLs, provider images, related and extras go in ``_frontnews``."""
    logo = Image(url="https://p.example/logo.png", width=64, height=64, extra=Extra({"alt": "P"}))
    related = RelatedArticle(
        title="Related",
        excerpt="Also",
        published_date_time=dt.datetime(2021, 1, 25, 7, 0),
        web_url="",
        type="video",
        provider=Provider(name="Other", domain="other.example", images=(logo,)),
        quality=12,
        extra=Extra({"rank": 1}),
    )
    record = make_record(
        quality=38,
        heat=-1,
        published=False,
        removed=True,
        amp_web_url="https://publisher.example/chips/amp",
        cdn_amp_web_url="https://publisher-example.cdn.example/chips/amp",
        provider=Provider(name="Publisher", domain="publisher.example", images=(logo,)),
        related=(related,),
        extra=Extra({"readingTime": 4}),
    )
    ext = only_item(record)["_frontnews"]
    assert ext["category"] == record.category
    assert ext["type"] == record.type
    assert (ext["quality"], ext["heat"], ext["published"], ext["removed"]) == (38, -1, False, True)
    assert ext["ampWebUrl"] == record.amp_web_url
    assert ext["cdnAmpWebUrl"] == record.cdn_amp_web_url
    assert ext["provider"]["images"] == [
        {"url": logo.url, "width": 64, "height": 64, "extra": {"alt": "P"}}
    ]
    (rel,) = ext["related"]
    assert rel["title"] == related.title
    assert rel["webUrl"] == ""
    assert rel["type"] == "video"
    assert rel["quality"] == 12
    assert rel["extra"] == {"rank": 1}
    assert dt.datetime.fromisoformat(rel["publishedDateTime"]) == instant(
        related.published_date_time
    )
    assert ext["extra"] == {"readingTime": 4}
    assert "webUrl" not in ext
    assert "originalUrl" not in ext


def test_optional_extension_keys_are_left_out_when_the_record_has_no_value() -> None:
    """A record without quality, heat, flags, images or related has none of those keys."""
    ext = only_item(make_record(quality=None))["_frontnews"]
    assert set(ext) == {"category", "type", "provider"}


def test_the_extension_says_where_it_is_documented() -> None:
    """A top-level ``_frontnews`` object carries the ``about`` URL, before the items."""
    about = read(export([make_record()]))["_frontnews"]["about"]
    assert validate_rfc3986(about, rule="URI")
    assert about.endswith("docs/formats/jsonfeed.md")


def test_unknown_values_become_plain_json() -> None:
    """Times become RFC 3339, dates ISO, sets sorted lists, bytes base64, odd floats YAML text."""
    when = dt.datetime(2020, 2, 29, 12, 0)
    extra = Extra(
        {
            "when": when,
            "day": dt.date(2020, 2, 29),
            "labels": {"pear", "apple", "fig"},
            "blob": b"\x00\xffbinary",
            "floats": [float("inf"), float("-inf"), float("nan"), 1.5],
            "keys": {
                1: "int",
                None: "null",
                False: "bool",
                2.5: "float",
                dt.date(2020, 1, 1): "date",
            },
            "nested": [{"a": [when]}],
        }
    )
    got = only_item(make_record(extra=extra))["_frontnews"]["extra"]
    assert dt.datetime.fromisoformat(got["when"]) == instant(when)
    assert dt.date.fromisoformat(got["day"]) == dt.date(2020, 2, 29)
    assert got["labels"] == ["apple", "fig", "pear"]
    assert base64.b64decode(got["blob"]) == b"\x00\xffbinary"
    assert got["floats"] == [".inf", "-.inf", ".nan", 1.5]
    assert got["keys"] == {
        "1": "int",
        "null": "null",
        "false": "bool",
        "2.5": "float",
        "2020-01-01": "date",
    }
    assert dt.datetime.fromisoformat(got["nested"][0]["a"][0]) == instant(when)


def test_unknown_keys_that_collide_as_json_raise() -> None:
    """Two keys that JSON would write the same (1 and "1") are refused rather than one dropped."""
    with pytest.raises(ExportError, match="1"):
        export([make_record(extra=Extra({"m": {1: "a", "1": "b"}}))])


def test_surrogates_become_replacement_characters_and_pairs_join() -> None:
    """A lone surrogate is written as U+FFFD; a high+low pair as the character it encodes."""
    record = make_record(title="a\ud800b\ud83d\ude00c\udfff", excerpt="\udc00")
    data = export([record])
    item = items_of(data)[0]
    assert item["title"] == "a\ufffdb\U0001f600c\ufffd"
    assert item["summary"] == "\ufffd"
    assert fastfeedparser.parse(data)["entries"][0]["title"] == item["title"]


# -- any record --------------------------------------------------------------------------------

hosts = st.from_regex(r"[a-z0-9]{1,12}(\.[a-z0-9-]{1,8}){0,2}\.[a-z]{2,6}", fullmatch=True)
urlish = st.one_of(
    st.none(),
    text,
    st.builds(lambda h, p: f"https://{h}/{p}", hosts, text),
    st.builds(lambda h, p: f" HTTP://{h}/{p} ", hosts, st.text(max_size=8)),
    st.sampled_from(["https://a.example/%zz", "https://a.example/b#c#d", "http://h.example:x/"]),
)


@settings(max_examples=60, deadline=None)
@given(st.lists(records(web_url=urlish, original_url=urlish), max_size=4))
def test_any_records_give_valid_json_feed_that_reads_back(sources: list[Record]) -> None:
    """Any records: strict UTF-8 JSON, schema-valid, same titles, URLs and dates for two readers."""
    data = export(sources)
    items = items_of(data)
    assert [i["title"] for i in items] == [as_written(r.title) for r in sources]
    for item, record in zip(items, sources, strict=True):
        assert item["id"].strip()
        if "url" in item:
            first = record.web_url if "webUrl" not in item["_frontnews"] else None
            source = first if first is not None else record.original_url
            assert source is not None
            assert same_url(item["url"], as_written(source))
        else:
            assert not any(k in item for k in ("external_url",))
        assert dt.datetime.fromisoformat(item["date_published"]) == instant(
            record.published_date_time
        )
        assert "secured" not in item["_frontnews"]
    entries = fastfeedparser.parse(data)["entries"]
    assert [e["title"] for e in entries] == [i["title"] for i in items]
    assert [e["link"] for e in entries] == [i.get("url", "") for i in items]
    assert [e["published"] for e in entries] == [
        instant(dt.datetime.fromisoformat(i["date_published"])).astimezone(UTC).isoformat()
        for i in items
    ]


@settings(max_examples=25, deadline=None)
@given(st.lists(records(), max_size=3))
def test_any_records_give_the_same_bytes_twice(sources: list[Record]) -> None:
    """Exporting the same records twice writes identical bytes, the token only on request."""
    first = export(sources, include_secured=True)
    assert export(sources, include_secured=True) == first
    items = items_of(first)
    assert [i["_frontnews"]["secured"] for i in items] == [as_written(token_of(r)) for r in sources]


# -- real records ------------------------------------------------------------------------------


def test_real_samples_export_valid_and_read_back(shared_samples: Path) -> None:
    """All 181 real records: schema-valid, and fastfeedparser reads each title, link and date."""
    sources = list(frontnews.iter_records(shared_samples / "real"))
    assert sources
    data = export(iter(sources))
    items = items_of(data)
    assert len(items) == len(sources)
    entries = fastfeedparser.parse(data)["entries"]
    assert [e["title"] for e in entries] == [r.title for r in sources]
    assert [e["link"] for e in entries] == [r.web_url or r.original_url for r in sources]
    assert [dt.datetime.fromisoformat(e["published"]) for e in entries] == [
        instant(r.published_date_time) for r in sources
    ]
    assert [[t["term"] for t in e.get("tags", [])] for e in entries] == [
        [t for t in r.topics if t is not None] for r in sources
    ]
    assert TOKEN.encode() not in data
    assert not any(token_of(r).encode() in data for r in sources)


# -- issue 14: channel metadata, images, ids, content ------------------------------------------


def test_icon_favicon_hubs_and_next_url() -> None:
    """icon (else image), favicon, WebSub hubs and the next page are written and valid."""
    feed = attrs.evolve(
        FEED,
        image="https://news.example/logo.png",
        hubs=("https://hub.example/",),
        pages={"next": "https://news.example/feed-2.json", "first": "https://news.example/"},
    )
    head = read(export([make_record()], feed=feed))
    assert head["icon"] == "https://news.example/logo.png"
    assert "favicon" not in head
    assert head["hubs"] == [{"type": "WebSub", "url": "https://hub.example/"}]
    assert head["next_url"] == "https://news.example/feed-2.json"
    with_icon = read(export([], feed=attrs.evolve(feed, icon="https://news.example/i.png")))
    assert (with_icon["icon"], with_icon["favicon"]) == ("https://news.example/i.png",) * 2


def test_image_and_banner_image_come_from_the_records_images() -> None:
    """image is the first http(s) image; banner_image the first one wider than tall."""
    images = (
        Image(url="not a url", width=10, height=10),
        Image(url="https://i.example/square.png", width=100, height=100),
        Image(url="https://i.example/wide.png", width=1600, height=900),
    )
    item = only_item(make_record(images=images))
    assert item["image"] == "https://i.example/square.png"
    assert item["banner_image"] == "https://i.example/wide.png"
    parsed = fastfeedparser.parse(export([make_record(images=images)]))["entries"][0]
    assert parsed["image"] == "https://i.example/square.png"


def test_ids_stay_unique_when_copies_are_kept() -> None:
    """Two copies of one article (same URL, or no URL) still get two ids."""
    one = make_record()
    no_url = make_record(web_url=None, original_url=None)
    ids = [item["id"] for item in items_of(export([one, one, no_url, no_url]))]
    assert len(set(ids)) == 4
    assert ids[0] == one.web_url


def test_the_real_samples_have_no_repeated_id_and_keep_their_content(
    shared_samples: Path,
) -> None:
    """The real corpus as the CLI selects it: unique ids, schema-valid, content not empty."""
    records = list(frontnews.filters.select(frontnews.iter_records(shared_samples)))
    data = export(records)
    document = read(data)
    ids = [item["id"] for item in document["items"]]
    assert len(ids) == len(set(ids)) == len(records)
    for record, item in zip(records, document["items"], strict=True):
        if record.featured_content:
            assert "<iframe" not in item["content_html"]
            parsed = feedparser.parse(
                f"<rss version='2.0'><channel><item><description>"
                f"{html.escape(item['content_html'])}</description></item></channel></rss>"
            )
            assert parsed.entries[0].summary.strip(), record.title
