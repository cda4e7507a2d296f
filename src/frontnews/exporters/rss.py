"""The ``rss`` exporter: an RSS 2.0 feed, written one item at a time.

The document is built by hand from strings (see :mod:`frontnews.toolkit.xml`
for the escaping rules) and written to the binary stream as UTF-8, one item per
``write``; no record or item is kept after it is written, and memory stays
the same for any number of items (the guids already used are remembered in a
fixed-size Bloom filter, so that no two items share one). The channel's
``lastBuildDate`` is, by default, the newest item's date and comes after the
items, since it is only known once they are written. See
``docs/formats/rss.md`` for the field mapping and the options.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Callable, Iterable, Mapping
from typing import IO, TypeGuard

import attrs

from ..contract import Option
from ..errors import ExportError
from ..export import Exporter, ExportOptions, Feed
from ..filters import instant
from ..hookspecs import hookimpl
from ..model import Image, Record
from ..toolkit import (
    RENDER_OPTION,
    Embed,
    UsedIds,
    check_language,
    clean_html,
    datetime_or_keyword,
    encode_xml,
    escape_attr,
    escape_html_text,
    escape_text,
    find_embeds,
    http_url,
    is_archive,
    item_html,
    page_links,
    rfc822,
    stable_id,
    stylesheet_instruction,
)

__all__ = ["EXPORTER", "FRONTNEWS_NS", "NAMESPACES", "register_exporters"]

#: The namespace of the ``frontnews:`` elements (record fields RSS has no place for).
FRONTNEWS_NS = "https://frontnews.dev/ns/1.0"

#: Prefix -> namespace URI of every non-RSS element the exporter may write.
NAMESPACES: Mapping[str, str] = {
    "atom": "http://www.w3.org/2005/Atom",
    "content": "http://purl.org/rss/1.0/modules/content/",
    "dc": "http://purl.org/dc/elements/1.1/",
    "media": "http://search.yahoo.com/mrss/",
    "fh": "http://purl.org/syndication/history/1.0",
    "frontnews": FRONTNEWS_NS,
}

_NEWEST = "newest"
_FIRST = "first"
_OPTIONS: Mapping[str, Option] = {
    "last_build_date": Option(
        default=_FIRST,
        type=object,
        help="'first': the first item's date, before the items (the newest when items come "
        "newest first); 'newest': the newest item's date, after the items (a validator "
        "warning); a datetime or ISO 8601 text, before the items; or None (left out)",
    ),
    "frontnews_elements": Option(
        default=False,
        help="Write the record fields RSS has no element for as frontnews: elements",
    ),
    "related_links": Option(default=True, help="Write related articles as atom:link elements"),
    "excerpt_html": Option(default=False, help="Take the excerpt as HTML instead of plain text"),
    "render": RENDER_OPTION,
}


@attrs.frozen
class _Settings:
    """The checked options of one export."""

    last_build_date: dt.datetime | str | None
    frontnews_elements: bool
    related_links: bool
    excerpt_html: bool
    render: bool
    include_secured: bool

    @classmethod
    def of(cls, options: ExportOptions) -> _Settings:
        params = {name: option.default for name, option in _OPTIONS.items()}
        params.update(options.params)
        last = datetime_or_keyword(params["last_build_date"], (_NEWEST, _FIRST))
        if not (last is None or last in (_NEWEST, _FIRST) or isinstance(last, dt.datetime)):
            raise ExportError(
                f"rss: last_build_date must be {_FIRST!r} (the first item's date, written "
                f"before the items), {_NEWEST!r} (the newest item's date, written after the "
                f"items), a datetime (written before them) or None (left out), not {last!r}"
            )
        for name in ("frontnews_elements", "related_links", "excerpt_html", "render"):
            if not isinstance(params[name], bool):
                raise ExportError(f"rss: {name} must be True or False, not {params[name]!r}")
        return cls(
            last_build_date=last,
            frontnews_elements=params["frontnews_elements"],
            related_links=params["related_links"],
            excerpt_html=params["excerpt_html"],
            render=params["render"],
            include_secured=options.include_secured,
        )


def _url(value: str | None) -> str | None:
    """``value`` as an absolute http(s) URL, escaped for XML text and attributes, or ``None``."""
    url = http_url(value)
    if url is None or "&" not in url:
        return url
    return url.replace("&", "&amp;")


def _required_url(value: str | None, what: str) -> str:
    url = _url(value)
    if url is None:
        raise ExportError(f"rss: {what} must be an absolute http(s) URL, not {value!r}")
    return url


def _channel_head(feed: Feed, settings: _Settings, built: dt.datetime | None) -> str:
    link = _required_url(feed.link, "feed.link (the web site the feed belongs to)")
    declare = ["atom", "content", "dc", "media"]
    archive = is_archive(feed.pages, feed.feed_url)
    if archive:
        declare.append("fh")
    if settings.frontnews_elements or settings.include_secured:
        declare.append("frontnews")
    xmlns = "".join(f' xmlns:{prefix}="{NAMESPACES[prefix]}"' for prefix in declare)
    parts = ['<?xml version="1.0" encoding="UTF-8"?>\n']
    if feed.stylesheet is not None:
        parts.append(stylesheet_instruction(_required_url(feed.stylesheet, "feed.stylesheet")))
    parts += [
        f'<rss version="2.0"{xmlns}>\n',
        "<channel>\n",
        f"  <title>{escape_text(feed.title)}</title>\n",
        f"  <link>{link}</link>\n",
        f"  <description>{escape_text(feed.description)}</description>\n",
    ]
    if feed.feed_url is not None:
        self_url = _required_url(feed.feed_url, "feed.feed_url (the feed's own address)")
        parts.append(f'  <atom:link href="{self_url}" rel="self" type="application/rss+xml"/>\n')
    parts += _channel_links(feed)
    if archive:
        parts.append("  <fh:archive/>\n")
    if feed.language is not None:
        parts.append(f"  <language>{check_language(feed.language, 'rss')}</language>\n")
    if _filled(feed.copyright):
        parts.append(f"  <copyright>{escape_text(feed.copyright)}</copyright>\n")
    if _filled(feed.author_name):
        parts.append(f"  <dc:creator>{escape_text(feed.author_name)}</dc:creator>\n")
    image = feed.image if feed.image is not None else feed.icon
    if image is not None:
        image_url = _required_url(image, "feed.image" if feed.image is not None else "feed.icon")
        parts.append(
            f"  <image>\n    <url>{image_url}</url>\n"
            f"    <title>{escape_text(feed.title)}</title>\n"
            f"    <link>{link}</link>\n  </image>\n"
        )
    parts.append("  <generator>frontnews</generator>\n")
    parts.append("  <docs>https://www.rssboard.org/rss-specification</docs>\n")
    if feed.ttl is not None:
        parts.append(f"  <ttl>{_ttl(feed.ttl)}</ttl>\n")
    if built is not None:
        parts.append(f"  <lastBuildDate>{rfc822(built)}</lastBuildDate>\n")
    return "".join(parts)


def _ttl(value: object) -> int:
    """``feed.ttl`` checked: a whole number of minutes, 0 or more."""
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ExportError(
            f"rss: feed.ttl must be a whole number of minutes (0 or more), not {value!r}"
        )
    return value


def _channel_links(feed: Feed) -> list[str]:
    """``atom:link`` elements for the WebSub hubs and the RFC 5005 pages of the feed."""
    parts = []
    for hub in feed.hubs:
        href = _required_url(hub, "feed.hubs (each WebSub hub)")
        parts.append(f'  <atom:link rel="hub" href="{href}"/>\n')
    for rel, target in page_links(feed.pages, "rss"):
        href = _required_url(target, f"feed.pages[{rel!r}]")
        parts.append(f'  <atom:link rel="{rel}" href="{href}" type="application/rss+xml"/>\n')
    return parts


def _guid(link: str | None, record: Record, used: UsedIds, position: int) -> str:
    """The item's ``guid`` element: its URL, else a digest, never one used before in the feed.

    The URL is the guid unless an earlier item used it; then, or without a URL,
    the record's stable id (:func:`frontnews.toolkit.stable_id`) is, unless an
    earlier item used that too (the same story twice); then the stable id with
    the item's position in the feed appended, which no other item can have.
    """
    if link is not None and used.add(link):
        return f'    <guid isPermaLink="true">{link}</guid>\n'
    guid = stable_id(record)
    if not used.add(guid):
        guid = f"{guid}-{position}"
    return f'    <guid isPermaLink="false">{guid}</guid>\n'


def _filled(value: str | None) -> TypeGuard[str]:
    """Whether ``value`` has something other than whitespace (blank elements draw warnings)."""
    return value is not None and value != "" and not value.isspace()


def _media(images: Iterable[Image]) -> str:
    """``media:content`` and ``media:thumbnail`` for the first http(s) image, or ``""``."""
    for image in images:
        url = _url(image.url)
        if url is None:
            continue
        size = ""
        if image.width > 0:
            size += f' width="{image.width}"'
        if image.height > 0:
            size += f' height="{image.height}"'
        head = f'    <media:content url="{url}" medium="image"{size}'
        thumbnail = f'    <media:thumbnail url="{url}"{size}/>\n'
        if _filled(image.title):
            return (
                f'{head}>\n      <media:title type="plain">{escape_text(image.title)}'
                f"</media:title>\n    </media:content>\n{thumbnail}"
            )
        return f"{head}/>\n{thumbnail}"
    return ""


_TRUE_FALSE = {True: "true", False: "false"}


def _videos(embeds: Iterable[Embed]) -> str:
    """``media:content medium="video"`` per embedded video, and an enclosure for the first file.

    An enclosure needs a media type, known only when the address names a file
    (``.mp4``); its length is unknown, which RSS writes as ``0``.
    """
    parts = []
    enclosure = ""
    for embed in embeds:
        url = _url(embed.src)
        if url is None:
            continue
        if embed.media_type is None:
            parts.append(f'    <media:content url="{url}" medium="video"/>\n')
            continue
        kind = escape_attr(embed.media_type)
        parts.append(f'    <media:content url="{url}" medium="video" type="{kind}"/>\n')
        if not enclosure:
            enclosure = f'    <enclosure url="{url}" length="0" type="{kind}"/>\n'
    return enclosure + "".join(parts)


def _frontnews_elements(record: Record) -> str:
    """The ``frontnews:`` elements of one item: the fields RSS has no element for."""
    provider = record.provider
    parts = [
        f"    <frontnews:category>{escape_text(record.category)}</frontnews:category>\n"
        f"    <frontnews:type>{escape_text(record.type)}</frontnews:type>\n"
        f'    <frontnews:provider domain="{escape_attr(provider.domain)}">'
        f"{escape_text(provider.name)}</frontnews:provider>\n"
    ]
    if record.quality is not None:
        parts.append(f"    <frontnews:quality>{record.quality}</frontnews:quality>\n")
    if record.heat is not None:
        parts.append(f"    <frontnews:heat>{record.heat}</frontnews:heat>\n")
    if record.published is not None:
        value = _TRUE_FALSE[record.published]
        parts.append(f"    <frontnews:published>{value}</frontnews:published>\n")
    if record.removed is not None:
        value = _TRUE_FALSE[record.removed]
        parts.append(f"    <frontnews:removed>{value}</frontnews:removed>\n")
    return "".join(parts)


def _cleaned_html(value: str) -> str:
    """An excerpt taken as HTML (``excerpt_html=True``): cleaned like all content, then escaped."""
    return escape_text(clean_html(value))


def _item_writer(settings: _Settings) -> Callable[[Record], str]:
    """Return the function that turns one record into its ``<item>`` text.

    It is a closure over the settings, the guids used so far and the item's
    position, so that the per-item work is local-variable access and string
    building only.
    """
    used = UsedIds()
    position = 0
    related_links = settings.related_links
    frontnews_elements = settings.frontnews_elements
    include_secured = settings.include_secured
    describe = _cleaned_html if settings.excerpt_html else escape_html_text
    render = settings.render

    def item(record: Record) -> str:
        nonlocal position
        position += 1
        link = _url(record.web_url) or _url(record.original_url)
        provider = record.provider
        name = provider.name
        parts = ["  <item>\n"]
        append = parts.append
        if _filled(record.title):
            append(f"    <title>{escape_text(record.title)}</title>\n")
        if link is not None:
            append(f"    <link>{link}</link>\n")
        append(f"    <description>{describe(record.excerpt)}</description>\n")
        content = item_html(record, render=render, link=link)
        if content is not None:
            append(f"    <content:encoded>{escape_text(content)}</content:encoded>\n")
        append(_guid(link, record, used, position))
        append(f"    <pubDate>{rfc822(record.published_date_time)}</pubDate>\n")
        if _filled(name):
            append(f"    <dc:creator>{escape_text(name)}</dc:creator>\n")
        for topic in record.topics:
            if _filled(topic):
                append(f"    <category>{escape_text(topic)}</category>\n")
        if record.featured_content:
            append(_videos(find_embeds(record.featured_content)))
        if record.images:
            append(_media(record.images))
        if related_links and record.related:
            for related in record.related:
                href = _url(related.web_url)
                if href is None:
                    continue
                if _filled(related.title):
                    title = escape_attr(related.title)
                    append(f'    <atom:link rel="related" href="{href}" title="{title}"/>\n')
                else:
                    append(f'    <atom:link rel="related" href="{href}"/>\n')
        if frontnews_elements:
            append(_frontnews_elements(record))
        if include_secured and record.secured is not None:
            secured = escape_text(record.secured.text)
            append(f"    <frontnews:secured>{secured}</frontnews:secured>\n")
        append("  </item>\n")
        return "".join(parts)

    return item


def _write(
    records: Iterable[Record], stream: IO[bytes], feed: Feed | None, options: ExportOptions
) -> None:
    if feed is None:
        raise ExportError(
            "rss: a feed is needed for its channel: pass "
            "feed=Feed(title=..., link='https://your.site/', description=...)"
        )
    settings = _Settings.of(options)
    records = iter(records)
    first = next(records, None)
    built = settings.last_build_date
    if built == _FIRST:
        built = None if first is None else first.published_date_time
    write = stream.write
    write(
        encode_xml(_channel_head(feed, settings, built if isinstance(built, dt.datetime) else None))
    )
    if first is None:
        write(b"</channel>\n</rss>\n")
        return
    item = _item_writer(settings)
    newest: dt.datetime | None = None
    for record in itertools.chain((first,), records):
        write(encode_xml(item(record)))
        when = instant(record.published_date_time)
        if newest is None or when > newest:
            newest = when
    tail = "</channel>\n</rss>\n"
    if settings.last_build_date == _NEWEST and newest is not None:
        tail = f"  <lastBuildDate>{rfc822(newest)}</lastBuildDate>\n{tail}"
    write(encode_xml(tail))


EXPORTER = Exporter(
    name="rss",
    media_type="application/rss+xml",
    suffix=".xml",
    write=_write,
    description="RSS 2.0 feed (needs feed=Feed(...)); Media RSS, Dublin Core and Atom links",
    options=_OPTIONS,
    needs_feed=True,
)


@hookimpl
def register_exporters(register: Callable[[Exporter], None]) -> None:
    """Register the ``rss`` exporter."""
    register(EXPORTER)
