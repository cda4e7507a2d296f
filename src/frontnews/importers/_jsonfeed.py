"""JSON Feed 1.0 and 1.1 documents, read with :mod:`json`, as :class:`FeedEntry` values.

feedparser 6.0 does not read JSON Feed, so this module does, after the spec
(https://www.jsonfeed.org/version/1.1/): ``version``, ``title`` and
``home_page_url`` of the feed; each item's ``id``, ``url``, ``external_url``,
``title``, ``summary``, ``content_html``, ``content_text``, ``image``,
``banner_image``, ``date_published``, ``date_modified``, ``authors`` (1.1) or
``author`` (1.0), ``tags`` and ``attachments``. HTML is sanitized with
feedparser's sanitizer, as for RSS and Atom. A value of the wrong JSON type
is a :class:`~frontnews.SourceError` naming the item and the key.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from ..contract import ImportOptions
from ..errors import SourceError
from ..model import Image
from ..toolkit import http_url
from ._entries import FeedEntry, FeedInfo, parse_date
from ._xmlfeeds import feedparser_module

__all__ = ["read_json_feed"]

_VERSION_PREFIXES = ("https://jsonfeed.org/version/", "https://www.jsonfeed.org/version/")


class _Item:
    """An item's mapping, read key by key with its type checked."""

    def __init__(self, data: Any, position: int | None, options: ImportOptions) -> None:
        self.position = position
        self.source = options.source
        if not isinstance(data, dict):
            raise self.error(f"must be a JSON object, not {_json_type(data)}")
        self.data: dict[str, Any] = data

    def error(self, message: str, key: str | None = None) -> SourceError:
        return SourceError(message, source=self.source, entry=self.position, field=key)

    def text(self, key: str) -> str | None:
        value = self.data.get(key)
        if value is None or isinstance(value, str):
            return value
        raise self.error(f"must be a string, not {_json_type(value)}", key)

    def items(self, key: str) -> list[Any]:
        value = self.data.get(key)
        if value is None:
            return []
        if isinstance(value, list):
            return value
        raise self.error(f"must be an array, not {_json_type(value)}", key)


def _json_type(value: Any) -> str:
    names = {dict: "an object", list: "an array", str: "a string", bool: "true or false"}
    if value is None:
        return "null"
    return names.get(type(value), "a number")


def _sanitized(html: str | None) -> str | None:
    if not html:
        return html
    feedparser_module()  # the feeds extra, or MissingExtraError
    from feedparser.sanitizer import _sanitize_html

    text: str = _sanitize_html(html, "utf-8", "text/html")
    return text


def _author(item: _Item) -> str | None:
    authors = item.items("authors") or ([item.data["author"]] if "author" in item.data else [])
    names = [a["name"] for a in authors if isinstance(a, dict) and isinstance(a.get("name"), str)]
    return ", ".join(names) or None


def _attachments(item: _Item) -> tuple[list[Image], bool, list[dict[str, Any]]]:
    images: list[Image] = []
    video = False
    others: list[dict[str, Any]] = []
    for key in ("image", "banner_image"):
        url = http_url(item.text(key))
        if url and all(image.url != url for image in images):
            images.append(Image(url=url, width=0, height=0))
    for number, attachment in enumerate(item.items("attachments")):
        part = _Item(attachment, item.position, ImportOptions(source=item.source))
        url, kind = part.text("url"), part.text("mime_type") or ""
        if not url:
            raise item.error("has no url", f"attachments[{number}]")
        if kind.startswith("image/"):
            absolute = http_url(url)
            if absolute and all(image.url != absolute for image in images):
                images.append(Image(url=absolute, width=0, height=0))
            continue
        video = video or kind.startswith("video/")
        others.append({"href": url, "type": kind} if kind else {"href": url})
    return images, video, others


def _date(item: _Item, key: str) -> Any:
    text = item.text(key)
    if not text:
        return None
    return parse_date(text, source=item.source, entry=item.position, field=key)


def _entry(data: Any, position: int, options: ImportOptions) -> FeedEntry:
    item = _Item(data, position, options)
    images, video, enclosures = _attachments(item)
    tags = item.items("tags")
    if not all(isinstance(tag, str) for tag in tags):
        raise item.error("must be an array of strings", "tags")
    identifier = item.data.get("id")
    return FeedEntry(
        position=position,
        title=item.text("title"),
        title_is_html=False,
        summary=item.text("summary"),
        summary_is_html=False,
        content_html=_sanitized(item.text("content_html")),
        content_text=item.text("content_text"),
        published=_date(item, "date_published"),
        updated=_date(item, "date_modified"),
        link=item.text("url"),
        external_url=item.text("external_url"),
        id=None if identifier is None else str(identifier),
        author=_author(item),
        tags=tuple(tags),
        images=tuple(images),
        video=video,
        enclosures=tuple(enclosures),
    )


def read_json_feed(data: bytes, options: ImportOptions) -> tuple[FeedInfo, Iterator[FeedEntry]]:
    """Parse a JSON Feed document; return the feed and its items, in order."""
    try:
        document = json.loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        raise SourceError(f"not UTF-8 (byte {exc.start})", source=options.source) from None
    except json.JSONDecodeError as exc:
        raise SourceError(
            f"not valid JSON (line {exc.lineno}, column {exc.colno}): {exc.msg}",
            source=options.source,
        ) from None
    except RecursionError:
        raise SourceError("not valid JSON: nested too deeply", source=options.source) from None
    feed = _Item(document, None, options)
    version = feed.text("version") or ""
    if not version.startswith(_VERSION_PREFIXES):
        expected = _VERSION_PREFIXES[0]
        raise feed.error(f"not a JSON Feed: version must start with {expected}", "version")
    items = feed.items("items")
    info = FeedInfo(title=feed.text("title"), link=feed.text("home_page_url"))
    return info, (_entry(item, n, options) for n, item in enumerate(items, 1))
