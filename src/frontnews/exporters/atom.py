"""The ``atom`` exporter: an Atom 1.0 (RFC 4287) feed, written one entry at a time.

Like :mod:`frontnews.exporters.rss`, the document is built from strings with
:mod:`frontnews.toolkit.xml` and written as UTF-8, one entry per ``write``;
nothing is kept from entry to entry but a fixed-size filter of the ids used.
Ids, URLs, dates and content follow the same toolkit rules as the other feed
formats. The feed's ``updated`` is, by default, the first entry's date,
written before the entries (the newest when they come newest first, as
``frontnews export`` writes them). See ``docs/formats/atom.md`` for the field
mapping and the options.
"""

from __future__ import annotations

import datetime as dt
import itertools
import uuid
from collections.abc import Callable, Iterable, Mapping
from typing import IO, TypeGuard

import attrs

from ..contract import Option
from ..errors import ExportError
from ..export import Exporter, ExportOptions, Feed
from ..hookspecs import hookimpl
from ..model import Image, Record
from ..toolkit import (
    ID_NAMESPACE,
    RENDER_OPTION,
    UsedIds,
    check_language,
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
    rfc3339,
    site_url,
    stable_id,
    stylesheet_instruction,
)

__all__ = ["ATOM_NS", "EXPORTER", "NAMESPACES", "register_exporters"]

#: The Atom namespace, the document's default namespace.
ATOM_NS = "http://www.w3.org/2005/Atom"
#: Prefix -> namespace URI of the other elements the exporter may write.
NAMESPACES: Mapping[str, str] = {
    "media": "http://search.yahoo.com/mrss/",
    "fh": "http://purl.org/syndication/history/1.0",
    "frontnews": "https://frontnews.dev/ns/1.0",
}
#: What the feed's ``updated`` is when it has no entry and no date was given.
EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.timezone.utc)

_FIRST = "first"
_OPTIONS: Mapping[str, Option] = {
    "updated": Option(
        default=_FIRST,
        type=object,
        help="The feed's updated date: 'first' (the first entry's date: the newest when "
        "entries come newest first), a datetime or ISO 8601 text",
    ),
    "related_links": Option(default=True, help="Write related articles as link rel=related"),
    "render": RENDER_OPTION,
}


@attrs.frozen
class _Settings:
    updated: dt.datetime | str
    related_links: bool
    render: bool
    include_secured: bool

    @classmethod
    def of(cls, options: ExportOptions) -> _Settings:
        params = {name: option.default for name, option in _OPTIONS.items()}
        params.update(options.params)
        updated = datetime_or_keyword(params["updated"], (_FIRST,))
        if not (updated == _FIRST or isinstance(updated, dt.datetime)):
            raise ExportError(
                f"atom: updated must be {_FIRST!r} (the first entry's date) or a datetime, "
                f"not {updated!r}"
            )
        for name in ("related_links", "render"):
            if not isinstance(params[name], bool):
                raise ExportError(f"atom: {name} must be True or False, not {params[name]!r}")
        return cls(
            updated=updated,
            related_links=params["related_links"],
            render=params["render"],
            include_secured=options.include_secured,
        )


def _text(tag: str, value: str, indent: str = "  ") -> str:
    """A text construct: plain text, or, when it looks like markup, the text escaped as HTML.

    The W3C validator warns about text that looks like HTML (``<b>``, ``&amp;``)
    in a ``type="text"`` element; as ``type="html"`` escaped once more, readers
    show exactly the same text and the validator has nothing to say.
    """
    if "<" in value or "&" in value:
        return f'{indent}<{tag} type="html">{escape_html_text(value)}</{tag}>\n'
    return f"{indent}<{tag}>{escape_text(value)}</{tag}>\n"


def _filled(value: str | None) -> TypeGuard[str]:
    return value is not None and value != "" and not value.isspace()


def _url(value: str | None) -> str | None:
    """``value`` as an absolute http(s) URL escaped for XML, or ``None``."""
    url = http_url(value)
    if url is None or "&" not in url:
        return url
    return url.replace("&", "&amp;")


def _required_url(value: str | None, what: str) -> str:
    url = _url(value)
    if url is None:
        raise ExportError(f"atom: {what} must be an absolute http(s) URL, not {value!r}")
    return url


def _links(feed: Feed, link: str) -> list[str]:
    """The feed's ``link`` elements: its site, itself, its hubs and its other pages."""
    parts = [f'  <link rel="alternate" type="text/html" href="{link}"/>\n']
    if feed.feed_url is not None:
        self_url = _required_url(feed.feed_url, "feed.feed_url (the feed's own address)")
        parts.append(f'  <link rel="self" type="application/atom+xml" href="{self_url}"/>\n')
    for hub in feed.hubs:
        parts.append(
            f'  <link rel="hub" href="{_required_url(hub, "feed.hubs (each WebSub hub)")}"/>\n'
        )
    for rel, target in page_links(feed.pages, "atom"):
        href = _required_url(target, f"feed.pages[{rel!r}]")
        parts.append(f'  <link rel="{rel}" type="application/atom+xml" href="{href}"/>\n')
    return parts


def _head(feed: Feed, settings: _Settings, updated: dt.datetime) -> str:
    link = _required_url(feed.link, "feed.link (the web site the feed belongs to)")
    archive = is_archive(feed.pages, feed.feed_url)
    declare = ["media", *(["fh"] if archive else []), *(["frontnews"] * settings.include_secured)]
    xmlns = "".join(f' xmlns:{prefix}="{NAMESPACES[prefix]}"' for prefix in declare)
    if feed.language is not None:
        xmlns += f' xml:lang="{check_language(feed.language, "atom")}"'
    parts = ['<?xml version="1.0" encoding="UTF-8"?>\n']
    if feed.stylesheet is not None:
        parts.append(stylesheet_instruction(_required_url(feed.stylesheet, "feed.stylesheet")))
    parts.append(f'<feed xmlns="{ATOM_NS}"{xmlns}>\n')
    parts.append(_text("title", feed.title))
    if _filled(feed.description):
        parts.append(_text("subtitle", feed.description))
    parts += _links(feed, link)
    feed_id = link if feed.feed_url is None else _required_url(feed.feed_url, "feed.feed_url")
    parts.append(f"  <id>{feed_id}</id>\n")
    parts.append(f"  <updated>{rfc3339(updated)}</updated>\n")
    if _filled(feed.author_name):
        parts.append(f"  <author>\n    <name>{escape_text(feed.author_name)}</name>\n  </author>\n")
    parts.append(
        '  <generator uri="https://github.com/frontnews/frontnews">frontnews</generator>\n'
    )
    if feed.icon is not None:
        parts.append(f"  <icon>{_required_url(feed.icon, 'feed.icon')}</icon>\n")
    if feed.image is not None:
        parts.append(f"  <logo>{_required_url(feed.image, 'feed.image')}</logo>\n")
    if _filled(feed.copyright):
        parts.append(_text("rights", feed.copyright))
    if archive:
        parts.append("  <fh:archive/>\n")
    return "".join(parts)


def _entry_id(link: str | None, record: Record, used: UsedIds, position: int) -> str:
    """The URL, else the stable id, else a name-based UUID of the stable id and the position."""
    if link is not None and used.add(link):
        return link
    entry_id = stable_id(record)
    if not used.add(entry_id):
        entry_id = uuid.uuid5(ID_NAMESPACE, f"{entry_id}#{position}").urn
    return entry_id


def _media(images: Iterable[Image], record: Record) -> str:
    """``media:content`` for the embedded videos and the first image, ``media:thumbnail`` too."""
    parts = []
    for embed in find_embeds(record.featured_content or ""):
        url = _url(embed.src)
        if url is not None:
            kind = f' type="{escape_attr(embed.media_type)}"' if embed.media_type else ""
            parts.append(f'    <media:content url="{url}" medium="video"{kind}/>\n')
    for image in images:
        url = _url(image.url)
        if url is None:
            continue
        size = f' width="{image.width}"' if image.width > 0 else ""
        size += f' height="{image.height}"' if image.height > 0 else ""
        parts.append(f'    <media:content url="{url}" medium="image"{size}/>\n')
        parts.append(f'    <media:thumbnail url="{url}"{size}/>\n')
        break
    return "".join(parts)


def _author(record: Record, feed_author: bool) -> str:
    """The entry's author: the provider (Atom needs one when the feed has none)."""
    provider = record.provider
    name = provider.name if _filled(provider.name) else provider.domain
    if not _filled(name):
        if feed_author:
            return ""
        name = "unknown"
    site = site_url(provider.domain)
    uri = f"      <uri>{site}</uri>\n" if site is not None else ""
    return f"    <author>\n      <name>{escape_text(name)}</name>\n{uri}    </author>\n"


def _entry_writer(settings: _Settings, feed: Feed) -> Callable[[Record], str]:
    """Return the function that turns one record into its ``<entry>`` text."""
    used = UsedIds()
    position = 0
    feed_author = _filled(feed.author_name)

    def entry(record: Record) -> str:
        nonlocal position
        position += 1
        link = _url(record.web_url) or _url(record.original_url)
        title = record.title if _filled(record.title) else record.excerpt.strip()[:80]
        parts = ["  <entry>\n", _text("title", title or "Untitled", "    ")]
        if link is not None:
            parts.append(f'    <link rel="alternate" type="text/html" href="{link}"/>\n')
        parts.append(f"    <id>{_entry_id(link, record, used, position)}</id>\n")
        date = rfc3339(record.published_date_time)
        parts.append(f"    <published>{date}</published>\n    <updated>{date}</updated>\n")
        parts.append(_author(record, feed_author))
        if _filled(record.excerpt):
            parts.append(f'    <summary type="html">{escape_html_text(record.excerpt)}</summary>\n')
        content = item_html(record, render=settings.render, link=link)
        if content is not None:
            parts.append(f'    <content type="html">{escape_text(content)}</content>\n')
        elif link is None:
            parts.append(f'    <content type="text">{escape_text(record.excerpt)}</content>\n')
        for topic in record.topics:
            if _filled(topic):
                parts.append(f'    <category term="{escape_attr(topic)}"/>\n')
        if settings.related_links:
            for related in record.related or ():
                href = _url(related.web_url)
                if href is not None:
                    named = (
                        f' title="{escape_attr(related.title)}"' if _filled(related.title) else ""
                    )
                    parts.append(f'    <link rel="related" href="{href}"{named}/>\n')
        parts.append(_media(record.images or (), record))
        if settings.include_secured and record.secured is not None:
            secured = escape_text(record.secured.text)
            parts.append(f"    <frontnews:secured>{secured}</frontnews:secured>\n")
        parts.append("  </entry>\n")
        return "".join(parts)

    return entry


def _write(
    records: Iterable[Record], stream: IO[bytes], feed: Feed | None, options: ExportOptions
) -> None:
    if feed is None:
        raise ExportError(
            "atom: a feed is needed for its title, id and link: pass "
            "feed=Feed(title=..., link='https://your.site/', feed_url=...)"
        )
    settings = _Settings.of(options)
    records = iter(records)
    first = next(records, None)
    if isinstance(settings.updated, dt.datetime):
        updated = settings.updated
    else:
        updated = EPOCH if first is None else first.published_date_time
    write = stream.write
    write(encode_xml(_head(feed, settings, updated)))
    if first is not None:
        entry = _entry_writer(settings, feed)
        for record in itertools.chain((first,), records):
            write(encode_xml(entry(record)))
    write(b"</feed>\n")


#: The exporter this plugin registers.
EXPORTER = Exporter(
    name="atom",
    media_type="application/atom+xml",
    suffix=".atom",
    write=_write,
    description="Atom 1.0 feed (needs feed=Feed(...)); full content, Media RSS images",
    options=_OPTIONS,
    needs_feed=True,
)


@hookimpl
def register_exporters(register: Callable[[Exporter], None]) -> None:
    """Register the ``atom`` exporter."""
    register(EXPORTER)
