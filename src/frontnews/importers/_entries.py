"""One feed entry, whatever the feed format, and the record made from it.

The RSS/Atom reader (feedparser) and the JSON Feed reader both turn each item
into a :class:`FeedEntry`, and the feed as a whole into a :class:`FeedInfo`;
:func:`entry_record` then makes the :class:`~frontnews.Record`, the same way
for every format. See ``docs/importing.md`` for the mapping.
"""

from __future__ import annotations

import datetime as dt
import email.utils
from collections.abc import Mapping
from typing import Any
from urllib.parse import urlsplit

import attrs

from ..contract import ImportOptions, Option
from ..errors import SourceError
from ..extra import Extra
from ..model import Image, Provider, Record
from ..toolkit import html_text, http_url

__all__ = ["OPTIONS", "FeedEntry", "FeedInfo", "entry_record", "parse_date"]

_UTC = dt.timezone.utc
#: An excerpt made from an entry's full content (it has no summary) is cut to this length.
EXCERPT_LENGTH = 300
#: A title made from an excerpt (``-O untitled=excerpt``) is cut to this length.
TITLE_LENGTH = 80

#: The options of the ``feed`` importer.
OPTIONS: Mapping[str, Option] = {
    "category": Option(default="news", help="The category of every record."),
    "provider": Option(
        default=None, type=str, help="The provider's name (default: the feed's title)."
    ),
    "domain": Option(
        default=None, type=str, help="The provider's domain (default: the host of each link)."
    ),
    "undated": Option(
        default="error",
        choices=("error", "skip", "feed"),
        help="An entry without a date: an error, skipped, or given the feed's own date.",
    ),
    "untitled": Option(
        default="error",
        choices=("error", "skip", "excerpt"),
        help="An entry without a title: an error, skipped, or titled with its excerpt's start.",
    ),
    "lenient": Option(
        default=False, help="Read XML that is not well-formed as far as feedparser can."
    ),
}


@attrs.frozen(kw_only=True)
class FeedInfo:
    """What the feed says about itself that records use; ``title`` is plain text."""

    title: str | None = None
    link: str | None = None
    date: dt.datetime | None = None


@attrs.frozen(kw_only=True)
class FeedEntry:
    """One item of a feed, as the readers find it; text fields are as the feed has them."""

    position: int
    title: str | None = None
    title_is_html: bool = False
    summary: str | None = None
    summary_is_html: bool = True
    content_html: str | None = None
    content_text: str | None = None
    published: dt.datetime | None = None
    updated: dt.datetime | None = None
    link: str | None = None
    external_url: str | None = None
    id: str | None = None
    author: str | None = None
    tags: tuple[str, ...] = ()
    images: tuple[Image, ...] = ()
    video: bool = False
    enclosures: tuple[Mapping[str, Any], ...] = ()


def parse_date(text: str, *, source: str, entry: int | None, field: str) -> dt.datetime:
    """Read an RFC 3339 (Atom, JSON Feed) or RFC 822 (RSS) date; naive means UTC.

    >>> print(parse_date("Tue, 26 Jan 2021 18:47:00 +0100", source="f", entry=1, field="pubDate"))
    2021-01-26 18:47:00+01:00
    >>> parse_date("2021-01-26T18:47:00Z", source="f.json", entry=2, field="date_published")
    datetime.datetime(2021, 1, 26, 18, 47, tzinfo=datetime.timezone.utc)
    """
    value = text.strip()
    try:
        when = dt.datetime.fromisoformat(value[:-1] + "+00:00" if value[-1:] in "zZ" else value)
    except ValueError:
        try:
            when = email.utils.parsedate_to_datetime(value)
        except (TypeError, ValueError, IndexError):
            raise SourceError(
                f"cannot read the date {text!r} (expected RFC 3339 or RFC 822)",
                source=source,
                entry=entry,
                field=field,
            ) from None
    return when if when.tzinfo is not None else when.replace(tzinfo=_UTC)


def _host(url: str | None) -> str | None:
    """The host of an http(s) URL, without ``www.``: the provider's domain."""
    absolute = http_url(url)
    if absolute is None:
        return None
    host = (urlsplit(absolute).hostname or "").rstrip(".")
    return host.removeprefix("www.") or None


def _text(value: str | None, is_html: bool) -> str:
    if not value:
        return ""
    return html_text(value) if is_html else " ".join(value.split())


def _shortened(text: str, length: int = EXCERPT_LENGTH) -> str:
    """``text`` cut at a word boundary to at most ``length`` characters."""
    if len(text) <= length:
        return text
    cut = text[: length - 1].rsplit(" ", 1)[0]
    return cut.rstrip(" ,.;:") + "…"


def _excerpt(entry: FeedEntry) -> str:
    """The summary's text; without a summary (or when it is the content), the content's, cut."""
    from_content = not entry.summary or entry.summary == entry.content_html
    if not from_content:
        return _text(entry.summary, entry.summary_is_html)
    if entry.content_html:
        return _shortened(html_text(entry.content_html))
    return _shortened(_text(entry.content_text, False))


def _date(entry: FeedEntry, feed: FeedInfo, options: ImportOptions) -> dt.datetime | None:
    """The entry's date: published, else updated, else as the ``undated`` option says."""
    when = entry.published or entry.updated
    if when is not None:
        return when
    undated = options.params.get("undated", "error")
    if undated == "skip":
        return None
    if undated == "feed" and feed.date is not None:
        return feed.date
    raise SourceError(
        "has no date (published or updated); -O undated=skip leaves such entries out, "
        "-O undated=feed gives them the feed's date",
        source=options.source,
        entry=entry.position,
        field="published",
    )


def _provider(entry: FeedEntry, feed: FeedInfo, options: ImportOptions) -> Provider:
    domain = options.params.get("domain") or _host(entry.link) or _host(feed.link)
    if not domain:
        raise SourceError(
            "has no link to take the provider's domain from; give one with -O domain=...",
            source=options.source,
            entry=entry.position,
            field="link",
        )
    name = options.params.get("provider") or _text(feed.title, False) or domain
    return Provider(name=name, domain=domain)


def _extra(entry: FeedEntry, used_updated: bool) -> Extra:
    """What the entry has that no record field holds."""
    extra: dict[str, Any] = {}
    if entry.id and entry.id != entry.link:
        extra["id"] = entry.id
    if entry.author:
        extra["author"] = entry.author
    if entry.updated is not None and not used_updated and entry.updated != entry.published:
        extra["updated"] = entry.updated
    if entry.enclosures:
        extra["enclosures"] = [dict(item) for item in entry.enclosures]
    return Extra(extra)


def _topics(tags: tuple[str, ...]) -> tuple[str, ...]:
    """The entry's categories, stripped, without empty ones or repeats, in order."""
    return tuple(dict.fromkeys(tag.strip() for tag in tags if tag.strip()))


def entry_record(entry: FeedEntry, feed: FeedInfo, options: ImportOptions) -> Record | None:
    """Make the record of one entry (``None``: left out by ``-O undated=skip``).

    Raises :class:`~frontnews.SourceError` naming the source, the entry and
    the field when the entry has no title, no date or no domain to name
    (unless the ``untitled`` and ``undated`` options say otherwise).
    """
    excerpt = _excerpt(entry)
    title = _text(entry.title, entry.title_is_html)
    untitled = options.params.get("untitled", "error")
    if not title and untitled == "excerpt":
        title = _shortened(excerpt, TITLE_LENGTH)
    if not title and untitled == "skip":
        return None
    if not title:
        raise SourceError(
            "has no title; -O untitled=skip leaves such entries out, "
            "-O untitled=excerpt titles them with the start of their text",
            source=options.source,
            entry=entry.position,
            field="title",
        )
    published = _date(entry, feed, options)
    if published is None:
        return None
    body = entry.content_text if entry.content_text != entry.summary else None
    return Record(
        category=str(options.params.get("category", "news")),
        title=title,
        excerpt=excerpt,
        published_date_time=published,
        original_url=http_url(entry.external_url),
        web_url=http_url(entry.link),
        type="video" if entry.video else "article",
        featured_content=entry.content_html or None,
        provider=_provider(entry, feed, options),
        topics=_topics(entry.tags),
        images=entry.images or None,
        extra=_extra(entry, used_updated=entry.published is None),
        body=body or "",
    )
