"""The peers: what people would use or write instead of frontnews.

Readers and writers of records: python-frontmatter and PyYAML (libyaml's
``CSafeLoader``/``CSafeDumper`` and the pure-Python ``SafeLoader``/``SafeDumper``).
Feeds: feedgen, feedgenerator, and the JSON Feed and CSV a user writes by
hand. Each peer is the obvious user code, built on frontnews's public API
(attributes of the record, :func:`frontnews.to_dict`), not a copy of
frontnews's own field mapping. A peer library that is not installed is left
out of the tables (:func:`optional`).
"""

from __future__ import annotations

import csv
import functools
import importlib
import json
from collections.abc import Callable, Iterable
from types import ModuleType
from typing import IO, Any, cast

import yaml

import frontnews
from frontnews import Feed, Record
from frontnews.filters import instant

__all__ = [
    "CSAFE_DUMPER",
    "CSAFE_LOADER",
    "FEED",
    "HAND_CSV_COLUMNS",
    "NullSink",
    "Writer",
    "feedgen_rss",
    "feedgenerator_rss",
    "hand_csv",
    "hand_jsonfeed",
    "libyaml_load",
    "optional",
    "pure_load",
    "yaml_dump",
]

#: The channel every feed in the benchmark describes.
FEED = Feed(
    title="frontnews benchmark",
    link="https://bench.example.org/",
    description="Synthetic records cycled from the sample corpus",
    feed_url="https://bench.example.org/feed.xml",
    language="en",
)

CSAFE_LOADER: Any = getattr(yaml, "CSafeLoader", None)
CSAFE_DUMPER: Any = getattr(yaml, "CSafeDumper", None)
_MEDIA_NS = "http://search.yahoo.com/mrss/"


def optional(name: str) -> ModuleType | None:
    """Import a peer library, or return ``None`` when it is not installed."""
    try:
        return importlib.import_module(name)
    except ImportError:
        return None


# -- YAML ----------------------------------------------------------------------------------


def libyaml_load(front: str) -> Any:
    """The front matter's data, as libyaml's safe loader reads it: the expected data."""
    return yaml.load(front, Loader=CSAFE_LOADER or yaml.SafeLoader)


def pure_load(front: str) -> Any:
    """The front matter's data, as PyYAML's pure-Python safe loader reads it."""
    return yaml.load(front, Loader=yaml.SafeLoader)


def yaml_dump(dumper: Any) -> Callable[[Any], str]:
    """A function writing a mapping as YAML with ``dumper``, keys in their order, UTF-8 kept."""

    def dump(mapping: Any) -> str:
        text: str = yaml.dump(mapping, Dumper=dumper, sort_keys=False, allow_unicode=True)
        return text

    return dump


# -- where the feeds go --------------------------------------------------------------------


class NullSink:
    """A binary stream that counts the bytes written to it and keeps none."""

    def __init__(self) -> None:
        self.size = 0

    def write(self, data: bytes) -> int:
        """Count ``data`` and drop it."""
        self.size += len(data)
        return len(data)

    def stream(self) -> IO[bytes]:
        """Return the sink, typed as the binary stream :func:`frontnews.export` takes."""
        return cast("IO[bytes]", self)


class _TextSink:
    """A text stream that encodes what is written to UTF-8 and passes it to a :class:`NullSink`."""

    def __init__(self, sink: NullSink) -> None:
        self._sink = sink

    def write(self, text: str) -> int:
        return self._sink.write(text.encode("utf-8"))


#: Something that writes a feed of records to a sink: frontnews or a peer.
Writer = Callable[[Iterable[Record], NullSink], None]


# -- RSS 2.0 -------------------------------------------------------------------------------


def _link(record: Record) -> str | None:
    return record.web_url or record.original_url or None


def _guid(record: Record) -> tuple[str, bool]:
    """The item's link as a permalink guid; without one, the provider and the time."""
    link = _link(record)
    if link:
        return link, True
    return f"{record.provider.domain}/{record.published_date_time.isoformat()}", False


def _topics(record: Record) -> list[str]:
    return [topic for topic in record.topics if topic]


def feedgen_rss(records: Iterable[Record], sink: NullSink) -> None:
    """RSS 2.0 with feedgen.

    Each item has a title, link, description, guid, pubDate, categories,
    ``dc:creator`` and a ``media:content`` image: what frontnews writes with
    ``frontnews_elements=False, related_links=False``.
    """
    from feedgen.feed import FeedGenerator

    generator = FeedGenerator()
    generator.load_extension("dc")
    generator.load_extension("media")
    generator.title(FEED.title)
    generator.link(href=FEED.link, rel="alternate")
    generator.link(href=FEED.feed_url, rel="self")
    generator.description(FEED.description)
    generator.language(FEED.language)
    for record in records:
        entry = generator.add_entry(order="append")
        entry.title(record.title)
        link = _link(record)
        if link:
            entry.link(href=link)
        entry.description(record.excerpt)
        guid, permalink = _guid(record)
        entry.guid(guid, permalink=permalink)
        entry.pubDate(instant(record.published_date_time))
        for topic in _topics(record):
            entry.category(term=topic)
        entry.dc.dc_creator(record.provider.name)
        if record.images:
            image = record.images[0]
            entry.media.content(
                url=image.url, medium="image", width=str(image.width), height=str(image.height)
            )
    sink.write(generator.rss_str())


@functools.cache
def _feedgenerator_class() -> Any:
    """The RSS 2.0 feed class of feedgenerator, taught to write ``media:content`` too."""
    from feedgenerator import Rss201rev2Feed

    class MediaRssFeed(Rss201rev2Feed):  # type: ignore[misc]  # the library is untyped
        def rss_attributes(self) -> dict[str, str]:
            attributes: dict[str, str] = super().rss_attributes()
            return {**attributes, "xmlns:media": _MEDIA_NS}

        def add_item_elements(self, handler: Any, item: dict[str, Any]) -> None:
            super().add_item_elements(handler, item)
            image = item.get("image")
            if image is not None:
                handler.addQuickElement(
                    "media:content",
                    None,
                    {
                        "url": image.url,
                        "medium": "image",
                        "width": str(image.width),
                        "height": str(image.height),
                    },
                )

    return MediaRssFeed


def feedgenerator_rss(records: Iterable[Record], sink: NullSink) -> None:
    """RSS 2.0 with feedgenerator: the same item fields as :func:`feedgen_rss`."""
    feed = _feedgenerator_class()(
        title=FEED.title,
        link=FEED.link,
        description=FEED.description,
        language=FEED.language,
        feed_url=FEED.feed_url,
    )
    for record in records:
        guid, permalink = _guid(record)
        feed.add_item(
            title=record.title,
            link=_link(record) or "",
            description=record.excerpt,
            unique_id=guid,
            unique_id_is_permalink=permalink,
            pubdate=instant(record.published_date_time),
            categories=_topics(record),
            author_name=record.provider.name,
            image=record.images[0] if record.images else None,
        )
    sink.write(feed.writeString("utf-8").encode("utf-8"))


# -- JSON Feed and CSV by hand -------------------------------------------------------------

#: The front matter keys the hand-built JSON Feed item has keys of its own for.
_IN_JSONFEED_ITEM = ("title", "excerpt", "publishedDateTime", "topics")


def _jsonfeed_item(record: Record, extension: bool) -> dict[str, Any]:
    """A JSON Feed item from the record's attributes; the rest of ``to_dict`` as an extension."""
    link = _link(record)
    item: dict[str, Any] = {
        "id": _guid(record)[0],
        "url": link,
        "title": record.title,
        "summary": record.excerpt,
        "date_published": record.published_date_time.isoformat(),
        "authors": [{"name": record.provider.name}],
        "tags": _topics(record),
    }
    if record.featured_content:
        item["content_html"] = record.featured_content
    else:
        item["content_text"] = record.body or record.excerpt
    if record.images:
        item["image"] = record.images[0].url
    if extension:
        data = frontnews.to_dict(record)
        for key in (*_IN_JSONFEED_ITEM, "secured"):
            data.pop(key, None)
        item["_frontnews"] = data
    return item


def hand_jsonfeed(records: Iterable[Record], sink: NullSink, *, extension: bool = True) -> None:
    """JSON Feed 1.1 by hand: a dict per item, then one ``json.dumps(..., default=str)``.

    With ``extension``, each item carries the rest of the record's front
    matter (:func:`frontnews.to_dict`, without ``secured``) as ``_frontnews``.
    """
    feed: dict[str, Any] = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": FEED.title,
        "home_page_url": FEED.link,
        "feed_url": FEED.feed_url,
        "description": FEED.description,
        "language": FEED.language,
        "items": [_jsonfeed_item(record, extension) for record in records],
    }
    text = json.dumps(feed, ensure_ascii=False, default=str)
    sink.write(text.encode("utf-8"))


#: The hand-built CSV's header: the record's top-level front matter keys, then the body.
HAND_CSV_COLUMNS = (
    "category",
    "title",
    "excerpt",
    "publishedDateTime",
    "originalUrl",
    "webUrl",
    "ampWebUrl",
    "cdnAmpWebUrl",
    "type",
    "quality",
    "heat",
    "published",
    "removed",
    "featuredContent",
    "provider",
    "topics",
    "images",
    "related",
    "body",
)


def _csv_row(record: Record) -> dict[str, Any]:
    """:func:`frontnews.to_dict` and the body; nested values as JSON cells."""
    row: dict[str, Any] = {**frontnews.to_dict(record), "body": record.body}
    for key, value in row.items():
        if isinstance(value, dict | list):
            row[key] = json.dumps(value, ensure_ascii=False, default=str)
    return row


def hand_csv(records: Iterable[Record], sink: NullSink) -> None:
    """CSV by hand: :class:`csv.DictWriter` over :func:`frontnews.to_dict` rows.

    Keys outside :data:`HAND_CSV_COLUMNS` (``secured``, unknown keys) are left out.
    """
    writer = csv.DictWriter(_TextSink(sink), fieldnames=HAND_CSV_COLUMNS, extrasaction="ignore")
    writer.writeheader()
    for record in records:
        writer.writerow(_csv_row(record))
