"""An Atom 1.0 (RFC 4287) exporter for frontnews, written as a third-party plugin.

Install the distribution and ``frontnews.export(records, "atom", stream,
feed=...)`` writes an Atom feed. It uses only frontnews's public API, the way
any plugin published on its own should.

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
import uuid
from collections.abc import Callable, Iterable, Iterator
from importlib import metadata
from itertools import chain
from typing import IO

from frontnews import Exporter, ExportError, ExportOptions, Feed, Record, hookimpl

__all__ = ["ATOM", "ATOM_NAMESPACE", "EXTENSION_NAMESPACE", "register_exporters", "write_atom"]

__version__ = metadata.version("frontnews-atom")

ATOM_NAMESPACE = "http://www.w3.org/2005/Atom"
#: The namespace of the one element Atom has no place for: ``<frontnews:secured>``.
EXTENSION_NAMESPACE = "https://github.com/frontnews/frontnews/tree/main/examples/frontnews-atom"

_UTC = dt.timezone.utc
_EPOCH = dt.datetime(1970, 1, 1, tzinfo=_UTC)
# Entry ids for records without a usable URL: name-based (version 5) UUIDs.
_ID_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, EXTENSION_NAMESPACE)

# Characters XML 1.0 does not allow at all, not even as a character reference.
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_TEXT_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", "\r": "&#13;"})
# In attributes a parser turns raw tabs and line breaks into spaces; references survive.
_ATTRIBUTE_ESCAPES = str.maketrans(
    {
        "&": "&amp;",
        "<": "&lt;",
        ">": "&gt;",
        '"': "&quot;",
        "\r": "&#13;",
        "\n": "&#10;",
        "\t": "&#9;",
    }
)

# The ASCII characters that may stand in an IRI (RFC 3987) as they are.
_IRI_ASCII = frozenset(
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~:/?#[]@!$&'()*+,;="
)
_HEX = frozenset("0123456789ABCDEFabcdef")
_HTTP_URL = re.compile(r"https?://[^/?#\s]", re.IGNORECASE)
_LANGUAGE_TAG = re.compile(r"[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*")


def _text(value: str) -> str:
    """Return ``value`` as XML character data: illegal characters become U+FFFD."""
    return _NOT_XML.sub("\ufffd", value).translate(_TEXT_ESCAPES)


def _attribute(value: str) -> str:
    """Return ``value`` for a double-quoted XML attribute."""
    return _NOT_XML.sub("\ufffd", value).translate(_ATTRIBUTE_ESCAPES)


def _allowed_in_iri(char: str) -> bool:
    """Say whether ``char`` may stand unescaped in an IRI (RFC 3987)."""
    code = ord(char)
    if code < 0x80:
        return char in _IRI_ASCII
    if code < 0x10000:
        return 0xA0 <= code <= 0xD7FF or 0xF900 <= code <= 0xFDCF or 0xFDF0 <= code <= 0xFFEF
    if code & 0xFFFF >= 0xFFFE:
        return False
    return code <= 0xDFFFD or 0xE1000 <= code <= 0xEFFFD


def _iri(value: str) -> str:
    """Percent-encode (as UTF-8) every character that may not stand in an IRI.

    A ``%`` that already starts an escape is kept; any other becomes ``%25``.
    """
    out = []
    for pos, char in enumerate(value):
        if char == "%":
            keep = len(value) > pos + 2 and value[pos + 1] in _HEX and value[pos + 2] in _HEX
            out.append("%" if keep else "%25")
        elif _allowed_in_iri(char):
            out.append(char)
        else:
            raw = char.encode("utf-8", "surrogatepass")
            out.append("".join(f"%{byte:02X}" for byte in raw))
    return "".join(out)


def _web_iri(value: str | None) -> str | None:
    """Return ``value`` as an IRI if it is an absolute http(s) URL, else ``None``."""
    if value is None or not _HTTP_URL.match(value.strip()):
        return None
    return _iri(value.strip())


def _rfc3339(value: dt.datetime) -> str:
    """Format ``value`` as an RFC 3339 date-time; a naive one is taken to be UTC."""
    offset = value.utcoffset()
    if offset is None:
        offset = dt.timedelta(0)
    elif offset % dt.timedelta(minutes=1):
        # RFC 3339 offsets are whole minutes: say the same instant in UTC.
        try:
            value, offset = value.astimezone(_UTC), dt.timedelta(0)
        except OverflowError:
            raise ExportError(f"atom: {value.isoformat()} cannot be written in UTC") from None
    text = (
        f"{value.year:04d}-{value.month:02d}-{value.day:02d}"
        f"T{value.hour:02d}:{value.minute:02d}:{value.second:02d}"
    )
    if value.microsecond:
        text += f".{value.microsecond:06d}"
    if not offset:
        return text + "Z"
    sign = "-" if offset < dt.timedelta(0) else "+"
    minutes = abs(offset) // dt.timedelta(minutes=1)
    return f"{text}{sign}{minutes // 60:02d}:{minutes % 60:02d}"


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
    value = (option or feed.feed_url or feed.link).strip()
    if _web_iri(value) is None and not value.lower().startswith(("urn:", "tag:")):
        raise ExportError(
            f"atom: the feed id {value!r} is not an absolute http(s) URL nor a urn: or tag: URI; "
            "give the feed a feed_url, or pass the feed_id option"
        )
    return _iri(value)


def _head(feed: Feed, feed_id: str, updated: dt.datetime) -> Iterator[str]:
    """Yield the lines of the feed's opening tag and metadata."""
    lang = ""
    if feed.language:
        if not _LANGUAGE_TAG.fullmatch(feed.language):
            raise ExportError(f"atom: {feed.language!r} is not a language tag such as 'en-GB'")
        lang = f' xml:lang="{feed.language}"'
    yield '<?xml version="1.0" encoding="utf-8"?>'
    yield f'<feed xmlns="{ATOM_NAMESPACE}"{lang}>'
    yield f"  <id>{_text(feed_id)}</id>"
    yield f'  <title type="text">{_text(feed.title)}</title>'
    if feed.description:
        yield f'  <subtitle type="text">{_text(feed.description)}</subtitle>'
    yield f"  <updated>{_rfc3339(updated)}</updated>"
    if feed.link:
        yield f'  <link rel="alternate" href="{_attribute(_iri(feed.link))}"/>'
    if feed.feed_url:
        yield f'  <link rel="self" href="{_attribute(_iri(feed.feed_url))}"/>'
    if feed.author_name:
        yield f"  <author><name>{_text(feed.author_name)}</name></author>"
    if feed.icon:
        yield f"  <icon>{_text(_iri(feed.icon))}</icon>"
    yield (
        f'  <generator uri="{EXTENSION_NAMESPACE}" version="{__version__}">'
        "frontnews-atom</generator>"
    )


def _entry_id(record: Record) -> str:
    """Return the entry's permanent id: the article's URL, or a name-based ``urn:uuid:``."""
    for url in (record.original_url, record.web_url):
        iri = _web_iri(url)
        if iri is not None:
            return iri
    name = "\n".join((record.provider.domain, _rfc3339(record.published_date_time), record.title))
    return uuid.uuid5(_ID_NAMESPACE, name).urn


def _entry(record: Record, options: ExportOptions) -> Iterator[str]:
    """Yield the lines of one ``<entry>``."""
    when = _rfc3339(record.published_date_time)
    yield "  <entry>"
    yield f"    <id>{_text(_entry_id(record))}</id>"
    yield f'    <title type="text">{_text(record.title)}</title>'
    yield f"    <updated>{when}</updated>"
    yield f"    <published>{when}</published>"
    yield f"    <author><name>{_text(record.provider.name)}</name></author>"
    link = _web_iri(record.web_url) or _web_iri(record.original_url)
    if link is not None:
        yield f'    <link rel="alternate" href="{_attribute(link)}"/>'
    for related in record.related or ():
        href = _web_iri(related.web_url)
        if href is not None:
            yield (
                f'    <link rel="related" href="{_attribute(href)}"'
                f' title="{_attribute(related.title)}"/>'
            )
    if record.excerpt:
        yield f'    <summary type="text">{_text(record.excerpt)}</summary>'
    for topic in record.topics:
        if topic:
            yield f'    <category term="{_attribute(topic)}"/>'
    # An entry without an alternate link must carry content (RFC 4287, 4.1.2).
    if record.body or link is None:
        yield f'    <content type="text">{_text(record.body)}</content>'
    if options.include_secured:
        yield (
            f'    <frontnews:secured xmlns:frontnews="{EXTENSION_NAMESPACE}">'
            f"{_text(record.secured.text)}</frontnews:secured>"
        )
    yield "  </entry>"


def _lines(lines: Iterable[str]) -> bytes:
    return "".join(line + "\n" for line in lines).encode("utf-8")


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
