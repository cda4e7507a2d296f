"""The ``jsonfeed`` exporter: a JSON Feed 1.1 document, one item per record.

The document is written as it goes: the top-level object up to ``"items":[``,
then each item as soon as its record arrives (one item per line), then the
closing ``]}``. Fields JSON Feed has no place for go in a ``_frontnews``
extension object on each item. Text is raw UTF-8 (escaped only where JSON
requires it); a surrogate that does not pair up becomes U+FFFD. URL fields
carry only absolute ``http``/``https`` URLs, percent-encoded where RFC 3986
asks for it. URLs, dates, ids, the language check and unknown keys come from
:mod:`frontnews.toolkit`. See ``docs/formats/jsonfeed.md`` for the whole
mapping.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable, Iterable, Mapping
from typing import IO, Any

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
    http_url,
    item_html,
    page_links,
    record_data,
    rfc3339,
    site_url,
    stable_id,
    utf8,
)

__all__ = ["ABOUT", "EXPORTER", "VERSION", "register_exporters"]

#: The value of the top-level ``version`` key.
VERSION = "https://jsonfeed.org/version/1.1"
#: Where the ``_frontnews`` extension object is described (its ``about`` URL).
ABOUT = "https://github.com/frontnews/frontnews/blob/main/docs/formats/jsonfeed.md"

_OPTIONS: Mapping[str, Option] = {
    "extension": Option(
        default=True, help="Write the fields JSON Feed has no place for in a _frontnews object"
    ),
    "render": RENDER_OPTION,
}

# One encoder for every item: json.dumps() with options builds a new one per call.
_encode = json.JSONEncoder(
    ensure_ascii=False, separators=(",", ":"), allow_nan=False, check_circular=False
).encode

# -- the _frontnews object ------------------------------------------------------------------

# Record attributes that have a home among the item's own JSON Feed fields (title,
# summary, date_published, content_html, tags); every other field goes in _frontnews.
_HOMES = frozenset({"title", "excerpt", "published_date_time", "featured_content", "topics"})
# ... and the URL fields too, when they became the item's url or external_url.
_LEAVE_OUT = {
    (web, original): _HOMES
    | frozenset(name for name, used in (("web_url", web), ("original_url", original)) if used)
    for web in (False, True)
    for original in (False, True)
}


def _extension(
    record: Record, web_url: str | None, original_url: str | None, secured: bool
) -> dict[str, Any]:
    """The ``_frontnews`` object of one item: every field without a JSON Feed home.

    Its shape is :func:`frontnews.toolkit.record_data`'s, from the schema.
    """
    leave_out = _LEAVE_OUT[web_url is not None, original_url is not None]
    return record_data(record, include_secured=secured, exclude=leave_out)


# -- items and the document -----------------------------------------------------------------


def _images(images: Iterable[Image]) -> dict[str, str]:
    """``image``: the first http(s) image; ``banner_image``: the first wider than tall."""
    found: dict[str, str] = {}
    for image in images:
        url = http_url(image.url)
        if url is None:
            continue
        found.setdefault("image", url)
        if image.width > image.height > 0:
            found.setdefault("banner_image", url)
            break
    return found


def _unique_id(url: str | None, record: Record, used: _Used) -> str:
    """The item's URL, else its stable id, else a name-based UUID of the stable id and position.

    The same rule as the RSS guids and the Atom ids: no two items of a feed
    share an id, even when the caller keeps the copies of an article.
    """
    used.position += 1
    if url is not None and used.ids.add(url):
        return url
    item_id = stable_id(record)
    if not used.ids.add(item_id):
        item_id = uuid.uuid5(ID_NAMESPACE, f"{item_id}#{used.position}").urn
    return item_id


@attrs.define
class _Used:
    """The ids used so far in one feed, and the position of the item being written."""

    ids: UsedIds = attrs.field(factory=UsedIds)
    position: int = 0


def _item(
    record: Record, extension: bool, secured: bool, render: bool, used: _Used
) -> dict[str, Any]:
    """The JSON Feed item of one record, keys in the order they are written."""
    web_url = http_url(record.web_url)
    original_url = http_url(record.original_url)
    url = web_url or original_url
    # frontnews.toolkit.item_id, without reading the URLs twice; unique within the feed.
    item: dict[str, Any] = {"id": _unique_id(url, record, used)}
    if url is not None:
        item["url"] = url
        if original_url is not None and original_url != url:
            item["external_url"] = original_url
    item["title"] = record.title
    item["summary"] = record.excerpt
    content = item_html(record, render=render, link=url)
    if content is not None:
        item["content_html"] = content
    if record.body and not record.body.isspace():
        item["content_text"] = record.body
    elif content is None:
        item["content_text"] = record.excerpt
    if record.images:
        item.update(_images(record.images))
    item["date_published"] = rfc3339(record.published_date_time)
    provider = record.provider
    author: dict[str, str] = {}
    if provider.name and not provider.name.isspace():
        author["name"] = provider.name
    site = site_url(provider.domain)
    if site is not None:
        author["url"] = site
    if author:
        item["authors"] = [author]
    tags = [t for t in record.topics if t is not None]
    if tags:
        item["tags"] = tags
    if extension:
        item["_frontnews"] = _extension(record, web_url, original_url, secured)
    return item


def _feed_url(value: str, field: str) -> str:
    url = http_url(value)
    if url is None:
        raise ExportError(f"jsonfeed: feed.{field} must be an absolute http(s) URL, not {value!r}")
    return url


def _head(feed: Feed, extension: bool) -> dict[str, Any]:
    """The top-level object, with an empty ``items`` list last."""
    head: dict[str, Any] = {
        "version": VERSION,
        "title": feed.title,
        "home_page_url": _feed_url(feed.link, "link"),
    }
    if feed.feed_url is not None:
        head["feed_url"] = _feed_url(feed.feed_url, "feed_url")
    if feed.description:
        head["description"] = feed.description
    if feed.language is not None:
        head["language"] = check_language(feed.language, "jsonfeed")
    icon = feed.icon if feed.icon is not None else feed.image
    if icon is not None:
        head["icon"] = _feed_url(icon, "icon" if feed.icon is not None else "image")
    if feed.icon is not None:
        head["favicon"] = head["icon"]
    next_url = dict(page_links(feed.pages, "jsonfeed")).get("next")
    if next_url is not None:
        head["next_url"] = _feed_url(next_url, "pages['next']")
    if feed.hubs:
        head["hubs"] = [{"type": "WebSub", "url": _feed_url(hub, "hubs")} for hub in feed.hubs]
    if feed.author_name is not None and feed.author_name.strip():
        head["authors"] = [{"name": feed.author_name}]
    if extension:
        head["_frontnews"] = {"about": ABOUT}
    head["items"] = []
    return head


def _write(
    records: Iterable[Record], stream: IO[bytes], feed: Feed | None, options: ExportOptions
) -> None:
    """Write ``records`` to ``stream`` as a JSON Feed 1.1 document, one item at a time."""
    if feed is None:
        raise ExportError(
            "jsonfeed: a JSON Feed needs a feed (title and link): pass feed=Feed(...)"
        )
    extension = options.params.get("extension", True)
    render = options.params.get("render", True)
    for name, value in (("extension", extension), ("render", render)):
        if not isinstance(value, bool):
            raise ExportError(f"jsonfeed: {name} must be True or False, not {value!r}")
    secured = options.include_secured
    if secured and not extension:
        raise ExportError(
            "jsonfeed: include_secured=True needs extension=True "
            "(the token is written only inside the _frontnews object)"
        )
    head = _encode(_head(feed, extension))
    write = stream.write
    write(utf8(head[: -len("]}")]))
    separator = "\n"
    used = _Used()
    for record in records:
        try:
            text = _encode(_item(record, extension, secured, render, used))
        except ExportError as exc:
            raise ExportError(f"jsonfeed: record {record.title!r}: {exc}") from None
        write(utf8(separator + text))
        separator = ",\n"
    write(b"\n]}\n")


#: The exporter this plugin registers.
EXPORTER = Exporter(
    name="jsonfeed",
    media_type="application/feed+json",
    suffix=".json",
    write=_write,
    description="JSON Feed 1.1: one item per record, the rest in a _frontnews object",
    options=_OPTIONS,
    needs_feed=True,
)


@hookimpl
def register_exporters(register: Callable[[Exporter], None]) -> None:
    """Register the ``jsonfeed`` exporter."""
    register(EXPORTER)
