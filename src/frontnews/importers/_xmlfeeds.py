"""RSS and Atom (and RSS 1.0) feeds, read with feedparser, as :class:`FeedEntry` values.

feedparser is an optional dependency (the ``feeds`` extra); it is imported on
first use, and :class:`~frontnews.MissingExtraError` says how to install it.
It reads every flavour of RSS and Atom, sanitizes the HTML it hands over and
normalises the elements; this module only picks what records need.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import xml.sax
from collections.abc import Iterator, Mapping
from typing import Any

from ..contract import ImportOptions
from ..errors import MissingExtraError, SourceError
from ..model import Image
from ..toolkit import html_text, http_url
from ._entries import FeedEntry, FeedInfo, parse_date

__all__ = ["feedparser_module", "read_xml_feed"]

#: The start of an RSS item or an Atom entry, to say which entry a syntax error is in.
_ENTRY_START = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?(?:item|entry)[\s>]")
_ENTRY_END = re.compile(rb"</(?:[A-Za-z_][\w.-]*:)?(?:item|entry)\s*>")


def feedparser_module() -> Any:
    try:
        import feedparser
    except ImportError:
        raise MissingExtraError("feedparser", "feeds", "the feed importer") from None
    return feedparser


def _entry_at(data: bytes, line: int | None) -> int | None:
    """The 1-based number of the entry that line ``line`` of ``data`` is in, if any."""
    if not line:
        return None
    end = -1
    for _ in range(line):
        end = data.find(b"\n", end + 1)
        if end < 0:
            end = len(data)
            break
    started = len(_ENTRY_START.findall(data, 0, end))
    inside = started > len(_ENTRY_END.findall(data, 0, end))
    return started if inside else None


def _check(parsed: Any, data: bytes, options: ImportOptions) -> None:
    """Refuse a document that is not well-formed XML (unless lenient) or not a feed at all."""
    problem = parsed.get("bozo_exception") if parsed.get("bozo") else None
    if isinstance(problem, xml.sax.SAXParseException) and not options.params.get("lenient"):
        line = problem.getLineNumber()
        raise SourceError(
            f"not well-formed XML (line {line}, column {problem.getColumnNumber()}): "
            f"{problem.getMessage()}; -O lenient=true reads what feedparser can",
            source=options.source,
            entry=_entry_at(data, line),
        )
    if not parsed.get("version") and not parsed.entries:
        raise SourceError("not an RSS, Atom or JSON feed", source=options.source)


def _size(value: Any) -> int:
    try:
        return max(0, int(str(value).strip()))
    except ValueError:
        return 0


def _media(entry: Mapping[str, Any]) -> tuple[tuple[Image, ...], bool, list[dict[str, Any]]]:
    """The entry's images, whether it has video, and its other enclosures (for ``extra``)."""
    images: dict[str, Image] = {}
    video = False
    others: list[dict[str, Any]] = []

    def add(url: str | None, width: Any = 0, height: Any = 0) -> None:
        absolute = http_url(url)  # a picture nobody can fetch is no use in a record
        if absolute and absolute not in images:
            images[absolute] = Image(url=absolute, width=_size(width), height=_size(height))

    for media in entry.get("media_content", ()):
        kind = media.get("medium") or (media.get("type") or "").partition("/")[0]
        if kind == "image":
            add(media.get("url"), media.get("width", 0), media.get("height", 0))
        elif kind == "video":
            video = True
    for thumbnail in entry.get("media_thumbnail", ()):
        add(thumbnail.get("url"), thumbnail.get("width", 0), thumbnail.get("height", 0))
    for enclosure in entry.get("enclosures", ()):
        kind = (enclosure.get("type") or "").partition("/")[0]
        if kind == "image":
            add(enclosure.get("href"))
            continue
        video = video or kind == "video"
        others.append({k: enclosure[k] for k in ("href", "type", "length") if enclosure.get(k)})
    return tuple(images.values()), video, others


def _date(
    entry: Mapping[str, Any], key: str, options: ImportOptions, position: int | None
) -> dt.datetime | None:
    # The mapping itself, not feedparser's get(): that maps a missing "updated" to
    # "published", with a DeprecationWarning.
    text = dict.get(entry, key) if isinstance(entry, dict) else entry.get(key)
    if not text:
        return None
    return parse_date(text, source=options.source, entry=position, field=key)


def _entry(entry: Mapping[str, Any], position: int, options: ImportOptions) -> FeedEntry:
    title = entry.get("title_detail") or {}
    summary = entry.get("summary_detail") or {}
    content = next((c for c in entry.get("content", ()) if "html" in (c.get("type") or "")), None)
    images, video, enclosures = _media(entry)
    return FeedEntry(
        position=position,
        title=entry.get("title"),
        title_is_html="html" in (title.get("type") or ""),
        summary=entry.get("summary"),
        summary_is_html="html" in (summary.get("type") or "text/html"),
        content_html=content.get("value") if content else None,
        published=_date(entry, "published", options, position),
        updated=_date(entry, "updated", options, position),
        link=entry.get("link"),
        id=entry.get("id"),
        author=entry.get("author"),
        tags=tuple(tag.get("term") or "" for tag in entry.get("tags", ())),
        images=images,
        video=video,
        enclosures=tuple(enclosures),
    )


def read_xml_feed(data: bytes, options: ImportOptions) -> tuple[FeedInfo, Iterator[FeedEntry]]:
    """Parse an RSS or Atom document; return the feed and its entries, in document order."""
    feedparser = feedparser_module()
    parsed = feedparser.parse(io.BytesIO(data), resolve_relative_uris=True, sanitize_html=True)
    _check(parsed, data, options)
    head = parsed.feed
    date = _date(head, "published", options, None) or _date(head, "updated", options, None)
    title = head.get("title") or ""
    if "html" in ((head.get("title_detail") or {}).get("type") or ""):
        title = html_text(title)
    info = FeedInfo(title=title, link=head.get("link"), date=date)
    entries = (_entry(entry, n, options) for n, entry in enumerate(parsed.entries, 1))
    return info, entries
