"""The ``jsonfeed`` exporter: a JSON Feed 1.1 document, one item per record.

The document is written as it goes: the top-level object up to ``"items":[``,
then each item as soon as its record arrives (one item per line), then the
closing ``]}``. Fields JSON Feed has no place for go in a ``_frontnews``
extension object on each item. Text is raw UTF-8 (escaped only where JSON
requires it); a surrogate that does not pair up becomes U+FFFD. URL fields
carry only absolute ``http``/``https`` URLs, percent-encoded where RFC 3986
asks for it. See ``docs/formats/jsonfeed.md`` for the whole mapping.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import json
import math
import re
from collections.abc import Callable, Iterable, Mapping
from typing import IO, Any
from urllib.parse import quote

from ..errors import ExportError
from ..export import Exporter, ExportOptions, Feed
from ..extra import thaw
from ..hookspecs import hookimpl
from ..model import Image, Provider, Record, RelatedArticle
from ._unicode import utf8

__all__ = ["ABOUT", "EXPORTER", "VERSION", "register_exporters"]

#: The value of the top-level ``version`` key.
VERSION = "https://jsonfeed.org/version/1.1"
#: Where the ``_frontnews`` extension object is described (its ``about`` URL).
ABOUT = "https://github.com/frontnews/frontnews/blob/main/docs/formats/jsonfeed.md"

_OPTIONS: Mapping[str, bool] = {"extension": True}

# One encoder for every item: json.dumps() with options builds a new one per call.
_encode = json.JSONEncoder(
    ensure_ascii=False, separators=(",", ":"), allow_nan=False, check_circular=False
).encode

# -- text and URLs -------------------------------------------------------------------------

_UTC = dt.timezone.utc
_MINUTE = dt.timedelta(minutes=1)


def _rfc3339(value: dt.datetime) -> str:
    """Format ``value`` as RFC 3339: naive means UTC (``Z``); any other offset is kept.

    RFC 3339 offsets have no seconds, so a time whose offset has them is
    written in UTC instead.
    """
    offset = value.utcoffset()
    if offset is None or not offset:
        return value.replace(tzinfo=None).isoformat() + "Z"
    if offset % _MINUTE:
        try:
            return value.astimezone(_UTC).replace(tzinfo=None).isoformat() + "Z"
        except OverflowError:
            raise ExportError(f"the time {value.isoformat()} is out of range in UTC") from None
    return value.isoformat()


_U = r"A-Za-z0-9\-._~!$&'()*+,;=%"  # RFC 3986 unreserved, sub-delims and "%"
#: An absolute http(s) URL that is a valid RFC 3986 URI (no user info, no IP literal)
#: once every "%" is known to start an escape (see _LONE_PERCENT).
_WEB_URL = re.compile(
    rf"https?://[{_U}]+(?::[0-9]*)?(?:/[{_U}:@/]*)?(?:\?[{_U}:@/?]*)?(?:#[{_U}:@/?]*)?"
)
# RFC 3986, appendix B.
_URI_PARTS = re.compile(
    r"([A-Za-z][A-Za-z0-9+.\-]*)://([^/?#]*)([^?#]*)(?:\?([^#]*))?(?:#(.*))?", re.S
)
_PORT = re.compile(r"[0-9]*")
_LONE_PERCENT = re.compile(r"%(?![0-9A-Fa-f]{2})")
_LANGUAGE = re.compile(r"[A-Za-z]{1,8}(?:-[A-Za-z0-9]{1,8})*")
_HOST = re.compile(
    r"(?=.{1,253}\Z)(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+"
    r"[A-Za-z](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
)


def _web_url(text: str | None) -> str | None:
    """Return ``text`` as an absolute http(s) URI, or ``None`` when it is not one.

    Surrounding white space is dropped and the characters a URI cannot hold
    (non-ASCII, spaces, quotes, braces and the like, a ``%`` not starting an
    escape) are percent-encoded as UTF-8, as RFC 3987 maps an IRI to a URI.
    """
    if text is None:
        return None
    if _is_web_url(text):
        return text
    parts = _URI_PARTS.fullmatch(text.strip())
    if parts is None or parts[1].lower() not in ("http", "https"):
        return None
    scheme, authority, path, query, fragment = parts.groups()
    host, colon, port = authority.partition(":")
    if not host or "@" in authority or "[" in authority or not _PORT.fullmatch(port):
        return None
    try:
        url = f"{scheme.lower()}://{_quote(host, '')}{colon}{port}{_quote(path, ':@/')}"
        if query is not None:
            url += "?" + _quote(query, ":@/?")
        if fragment is not None:
            url += "#" + _quote(fragment, ":@/?")
    except UnicodeEncodeError:  # a lone surrogate: no URL holds one
        return None
    return url if _is_web_url(url) else None


def _is_web_url(text: str) -> bool:
    return _WEB_URL.fullmatch(text) is not None and (
        "%" not in text or _LONE_PERCENT.search(text) is None
    )


def _quote(part: str, safe: str) -> str:
    return quote(_LONE_PERCENT.sub("%25", part), safe="-._~!$&'()*+,;=%" + safe)


def _site(domain: str) -> str | None:
    """Return ``https://domain`` when ``domain`` looks like a host name (IDNA for non-ASCII)."""
    host = domain.strip()
    if not host.isascii():
        try:
            host = host.encode("idna").decode("ascii")
        except UnicodeError:
            return None
    return "https://" + host if _HOST.fullmatch(host) else None


# -- unknown keys ---------------------------------------------------------------------------


def _plain(value: Any) -> Any:
    """Return a thawed YAML value as JSON values: dates as RFC 3339, sets as sorted lists.

    Non-finite floats become ``".nan"``, ``".inf"`` or ``"-.inf"`` (their
    YAML spelling), bytes become base64 text, and mapping keys that are not
    text become the text JSON would give them.
    """
    if value is None or isinstance(value, str | bool | int):
        return value
    if isinstance(value, float):
        if math.isfinite(value):
            return value
        return ".nan" if math.isnan(value) else (".inf" if value > 0 else "-.inf")
    if isinstance(value, dt.datetime):
        return _rfc3339(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, bytes):
        return base64.b64encode(value).decode("ascii")
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, set | frozenset):
        return sorted((_plain(v) for v in value), key=_sort_key)
    if isinstance(value, dict):
        out: dict[str, Any] = {}
        for key, item in value.items():
            name = _key(key)
            if name in out:
                raise ExportError(f"two keys of one mapping both become {name!r} in JSON")
            out[name] = _plain(item)
        return out
    raise ExportError(f"cannot write a value of type {type(value).__name__} to JSON")


def _key(key: Any) -> str:
    if isinstance(key, str):
        return key
    plain = _plain(key)
    return plain if isinstance(plain, str) else json.dumps(plain)


def _sort_key(value: Any) -> str:
    return json.dumps(value, sort_keys=True, allow_nan=False)


def _extra(owner: dict[str, Any], extra: Mapping[Any, Any]) -> None:
    if extra:
        owner["extra"] = _plain(thaw(extra))


# -- the _frontnews object ------------------------------------------------------------------


def _image(image: Image) -> dict[str, Any]:
    out: dict[str, Any] = {"url": image.url, "width": image.width, "height": image.height}
    if image.is_cached is not None:
        out["isCached"] = image.is_cached
    if image.title is not None:
        out["title"] = image.title
    _extra(out, image.extra)
    return out


def _provider(provider: Provider) -> dict[str, Any]:
    out: dict[str, Any] = {"name": provider.name, "domain": provider.domain}
    if provider.images is not None:
        out["images"] = [_image(i) for i in provider.images]
    _extra(out, provider.extra)
    return out


def _related(article: RelatedArticle) -> dict[str, Any]:
    out: dict[str, Any] = {
        "title": article.title,
        "excerpt": article.excerpt,
        "publishedDateTime": _rfc3339(article.published_date_time),
        "webUrl": article.web_url,
    }
    if article.amp_web_url is not None:
        out["ampWebUrl"] = article.amp_web_url
    if article.cdn_amp_web_url is not None:
        out["cdnAmpWebUrl"] = article.cdn_amp_web_url
    out["type"] = article.type
    out["provider"] = _provider(article.provider)
    out["quality"] = article.quality
    if article.images is not None:
        out["images"] = [_image(i) for i in article.images]
    _extra(out, article.extra)
    return out


def _extension(
    record: Record, web_url: str | None, original_url: str | None, secured: bool
) -> dict[str, Any]:
    """The ``_frontnews`` object of one item: every field without a JSON Feed home."""
    ext: dict[str, Any] = {"category": record.category, "type": record.type}
    if record.quality is not None:
        ext["quality"] = record.quality
    if record.heat is not None:
        ext["heat"] = record.heat
    if record.published is not None:
        ext["published"] = record.published
    if record.removed is not None:
        ext["removed"] = record.removed
    if web_url is None and record.web_url is not None:
        ext["webUrl"] = record.web_url
    if original_url is None and record.original_url is not None:
        ext["originalUrl"] = record.original_url
    if record.amp_web_url is not None:
        ext["ampWebUrl"] = record.amp_web_url
    if record.cdn_amp_web_url is not None:
        ext["cdnAmpWebUrl"] = record.cdn_amp_web_url
    ext["provider"] = _provider(record.provider)
    if record.images is not None:
        ext["images"] = [_image(i) for i in record.images]
    if record.related is not None:
        ext["related"] = [_related(a) for a in record.related]
    _extra(ext, record.extra)
    if secured:
        ext["secured"] = record.secured.text
    return ext


# -- items and the document -----------------------------------------------------------------


def _fallback_id(record: Record) -> str:
    """A stable id for a record with no URL: a digest of its provider, time and title."""
    key = json.dumps([record.provider.domain, _rfc3339(record.published_date_time), record.title])
    return "frontnews-" + hashlib.sha256(key.encode("ascii")).hexdigest()[:32]


def _item(record: Record, extension: bool, secured: bool) -> dict[str, Any]:
    """The JSON Feed item of one record, keys in the order they are written."""
    web_url = _web_url(record.web_url)
    original_url = _web_url(record.original_url)
    url = web_url or original_url
    if url is not None:
        item_id = url
    elif record.web_url and not record.web_url.isspace():
        item_id = record.web_url.strip()
    elif record.original_url and not record.original_url.isspace():
        item_id = record.original_url.strip()
    else:
        item_id = _fallback_id(record)
    item: dict[str, Any] = {"id": item_id}
    if url is not None:
        item["url"] = url
        if original_url is not None and original_url != url:
            item["external_url"] = original_url
    item["title"] = record.title
    item["summary"] = record.excerpt
    if record.featured_content:
        item["content_html"] = record.featured_content
    if record.body and not record.body.isspace():
        item["content_text"] = record.body
    elif not record.featured_content:
        item["content_text"] = record.excerpt
    if record.images:
        for image in record.images:
            image_url = _web_url(image.url)
            if image_url is not None:
                item["image"] = image_url
                break
    item["date_published"] = _rfc3339(record.published_date_time)
    provider = record.provider
    author: dict[str, str] = {}
    if provider.name and not provider.name.isspace():
        author["name"] = provider.name
    site = _site(provider.domain)
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
    url = _web_url(value)
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
        if not _LANGUAGE.fullmatch(feed.language):
            raise ExportError(
                f"jsonfeed: feed.language must be an RFC 5646 tag such as 'en' or 'en-US', "
                f"not {feed.language!r}"
            )
        head["language"] = feed.language
    if feed.icon is not None:
        head["icon"] = _feed_url(feed.icon, "icon")
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
    if not isinstance(extension, bool):
        raise ExportError(f"jsonfeed: extension must be True or False, not {extension!r}")
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
    for record in records:
        try:
            text = _encode(_item(record, extension, secured))
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
