"""An Atom 1.0 (RFC 4287) exporter for frontnews, written as a third-party plugin.

Install the distribution and ``frontnews.export(records, "atom", stream,
feed=...)`` writes an Atom feed. It uses only frontnews's public API, the way
any plugin published on its own should: :mod:`frontnews` for the model and the
hook, :mod:`frontnews.toolkit` for escaping XML, URLs, dates, ids and the
language check, so that it writes them exactly as the built-in formats do.

The writer streams: it writes the feed's head, then one ``<entry>`` per record
as it arrives, and holds one record at a time. Atom puts the feed-level
``<updated>`` before the entries, so the writer cannot know the newest entry
date in advance; it takes the ``updated`` option when given, and otherwise the
date of the first record (the newest one when records come newest first, as
``frontnews.filters.newest`` gives them). See the README for every choice made.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable, Iterator
from importlib import metadata
from itertools import chain
from typing import IO

from frontnews import Exporter, ExportError, ExportOptions, Feed, Record, hookimpl
from frontnews.toolkit import (
    check_language,
    encode_xml,
    escape_attr,
    escape_text,
    http_url,
    item_id,
    rfc3339,
)

__all__ = ["ATOM", "ATOM_NAMESPACE", "EXTENSION_NAMESPACE", "register_exporters", "write_atom"]

__version__ = metadata.version("frontnews-atom")

ATOM_NAMESPACE = "http://www.w3.org/2005/Atom"
#: The namespace of the one element Atom has no place for: ``<frontnews:secured>``.
EXTENSION_NAMESPACE = "https://github.com/frontnews/frontnews/tree/main/examples/frontnews-atom"

_UTC = dt.timezone.utc
_EPOCH = dt.datetime(1970, 1, 1, tzinfo=_UTC)
# A urn: or tag: feed id, as an RFC 3986 URI: only characters a URI may hold.
_OTHER_ID = re.compile(r"(?i:urn|tag):[0-9A-Za-z\-._~:/?#\[\]@!$&'()*+,;=%]+\Z")


def _required_url(value: str | None, what: str) -> str:
    url = http_url(value)
    if url is None:
        raise ExportError(f"atom: {what} must be an absolute http(s) URL, not {value!r}")
    return url


def _feed_updated(option: object, first: Record | None) -> dt.datetime:
    """Return the feed-level ``<updated>``: the option, the first record's date, or 1970."""
    if option is None:
        return first.published_date_time if first is not None else _EPOCH
    if isinstance(option, dt.datetime):
        return option
    if isinstance(option, str):
        try:
            return dt.datetime.fromisoformat(option.strip().replace("Z", "+00:00"))
        except ValueError:
            pass
    raise ExportError(f"atom: updated must be a datetime or an RFC 3339 string, not {option!r}")


def _feed_id(option: object, feed: Feed) -> str:
    """Return the feed's permanent id: the ``feed_id`` option, else ``feed_url``, else ``link``."""
    if option is not None and not isinstance(option, str):
        raise ExportError(f"atom: feed_id must be a string, not {option!r}")
    value = option or feed.feed_url or feed.link
    url = http_url(value)
    if url is not None:
        return url
    if _OTHER_ID.match(value.strip()) is None:
        raise ExportError(
            f"atom: the feed id {value!r} is not an absolute http(s) URL nor a urn: or tag: URI; "
            "give the feed a feed_url, or pass the feed_id option"
        )
    return value.strip()


def _head(feed: Feed, feed_id: str, updated: dt.datetime) -> Iterator[str]:
    """Yield the lines of the feed's opening tag and metadata."""
    lang = ""
    if feed.language:
        lang = f' xml:lang="{check_language(feed.language, "atom")}"'
    link = _required_url(feed.link, "feed.link")
    yield '<?xml version="1.0" encoding="utf-8"?>'
    yield f'<feed xmlns="{ATOM_NAMESPACE}"{lang}>'
    yield f"  <id>{escape_text(feed_id)}</id>"
    yield f'  <title type="text">{escape_text(feed.title)}</title>'
    if feed.description:
        yield f'  <subtitle type="text">{escape_text(feed.description)}</subtitle>'
    yield f"  <updated>{rfc3339(updated)}</updated>"
    yield f'  <link rel="alternate" href="{escape_attr(link)}"/>'
    if feed.feed_url:
        self_url = _required_url(feed.feed_url, "feed.feed_url")
        yield f'  <link rel="self" href="{escape_attr(self_url)}"/>'
    if feed.author_name:
        yield f"  <author><name>{escape_text(feed.author_name)}</name></author>"
    if feed.icon:
        yield f"  <icon>{escape_text(_required_url(feed.icon, 'feed.icon'))}</icon>"
    yield (
        f'  <generator uri="{EXTENSION_NAMESPACE}" version="{__version__}">'
        "frontnews-atom</generator>"
    )


def _entry(record: Record, options: ExportOptions) -> Iterator[str]:
    """Yield the lines of one ``<entry>``."""
    when = rfc3339(record.published_date_time)
    yield "  <entry>"
    yield f"    <id>{escape_text(item_id(record))}</id>"
    yield f'    <title type="text">{escape_text(record.title)}</title>'
    yield f"    <updated>{when}</updated>"
    yield f"    <published>{when}</published>"
    yield f"    <author><name>{escape_text(record.provider.name)}</name></author>"
    link = http_url(record.web_url) or http_url(record.original_url)
    if link is not None:
        yield f'    <link rel="alternate" href="{escape_attr(link)}"/>'
    for related in record.related or ():
        href = http_url(related.web_url)
        if href is not None:
            yield (
                f'    <link rel="related" href="{escape_attr(href)}"'
                f' title="{escape_attr(related.title)}"/>'
            )
    if record.excerpt:
        yield f'    <summary type="text">{escape_text(record.excerpt)}</summary>'
    for topic in record.topics:
        if topic:
            yield f'    <category term="{escape_attr(topic)}"/>'
    # An entry without an alternate link must carry content (RFC 4287, 4.1.2).
    if record.body or link is None:
        yield f'    <content type="text">{escape_text(record.body)}</content>'
    if options.include_secured and record.secured is not None:
        yield (
            f'    <frontnews:secured xmlns:frontnews="{EXTENSION_NAMESPACE}">'
            f"{escape_text(record.secured.text)}</frontnews:secured>"
        )
    yield "  </entry>"


def _lines(lines: Iterable[str]) -> bytes:
    return encode_xml("".join(line + "\n" for line in lines))


def write_atom(
    records: Iterable[Record], stream: IO[bytes], feed: Feed | None, options: ExportOptions
) -> None:
    """Write ``records`` to ``stream`` as an Atom 1.0 feed, one entry at a time."""
    if feed is None:
        raise ExportError("atom: an Atom feed needs a feed (title and link): pass feed=Feed(...)")
    feed_id = _feed_id(options.params["feed_id"], feed)
    # One record of look-ahead: the default feed date is the first record's.
    remaining = iter(records)
    first = next(remaining, None)
    updated = _feed_updated(options.params["updated"], first)
    stream.write(_lines(_head(feed, feed_id, updated)))
    if first is not None:
        for record in chain((first,), remaining):
            stream.write(_lines(_entry(record, options)))
    stream.write(b"</feed>\n")


ATOM = Exporter(
    name="atom",
    media_type="application/atom+xml",
    suffix=".atom",
    write=write_atom,
    description="Atom 1.0 feed (RFC 4287)",
    options={"feed_id": None, "updated": None},
)


@hookimpl
def register_exporters(register: Callable[[Exporter], None]) -> None:
    """Register the ``atom`` exporter."""
    register(ATOM)
