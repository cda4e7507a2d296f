"""The canonical reader of Record, generated from frontnews.schema: do not edit.

Written by ``python -m frontnews._generate``; frontnews._canonical generates the code.
Compiled by mypyc when a wheel is built with a C compiler; run as plain
Python otherwise (``frontnews._build``).
"""

# The type tests narrow values of declared types: their failing branches are
# unreachable for mypy, but not for a caller who ignores the annotations.
# mypy: disable-error-code="unreachable"
from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

import attrs

from ._canonical import (
    _PLAIN,
    _DeclineError,
    _int,
    _plain_text,
    _text,
    _timestamp,
)
from .model import Image, Layout, Provider, Record, RelatedArticle, Secured
from .scalars import is_plain_safe

_fromisoformat = datetime.fromisoformat
QUOTE = '"'
BACKSLASH = '\\'
_DEFAULT_Image_extra = attrs.fields(Image).extra.default
_DEFAULT_Provider_extra = attrs.fields(Provider).extra.default
_DEFAULT_Record_extra = attrs.fields(Record).extra.default
_DEFAULT_RelatedArticle_extra = attrs.fields(RelatedArticle).extra.default


def read_Record_provider_images(next_line: Callable[[], str], line: str) -> tuple[
    Image, str
]:
    """Read a Image whose keys sit at column 6."""
    v_url: str
    v_width: int
    v_height: int
    v_is_cached: bool | None
    v_title: str | None
    if line.startswith('    - url: "') and line[-1] == QUOTE and len(line) > 12:
        v_url = line[12:-1]
        if QUOTE in v_url or BACKSLASH in v_url or not v_url.isprintable():
            v_url = _text(line[11:])
        line = next_line()
    elif line.startswith('    - url: '):
        raise _DeclineError
    else:
        raise _DeclineError
    if line.startswith('      width: '):
        raw = line[13:]
        if raw.isdigit() and raw.isascii() and raw[0] != '0' and len(raw) <= 18:
            v_width = int(raw)
        else:
            v_width = _int(raw)
        line = next_line()
    else:
        raise _DeclineError
    if line.startswith('      height: '):
        raw = line[14:]
        if raw.isdigit() and raw.isascii() and raw[0] != '0' and len(raw) <= 18:
            v_height = int(raw)
        else:
            v_height = _int(raw)
        line = next_line()
    else:
        raise _DeclineError
    if line.startswith('      isCached: '):
        raw = line[16:]
        if raw == 'true':
            v_is_cached = True
        elif raw == 'false':
            v_is_cached = False
        else:
            raise _DeclineError
        line = next_line()
    else:
        v_is_cached = None
    if line.startswith('      title: "') and line[-1] == QUOTE and len(line) > 14:
        v_title = line[14:-1]
        if QUOTE in v_title or BACKSLASH in v_title or not v_title.isprintable():
            v_title = _text(line[13:])
        line = next_line()
    elif line.startswith('      title: '):
        raise _DeclineError
    else:
        v_title = None
    obj = object.__new__(Image)
    object.__setattr__(obj, 'url', v_url)
    object.__setattr__(obj, 'width', v_width)
    object.__setattr__(obj, 'height', v_height)
    object.__setattr__(obj, 'is_cached', v_is_cached)
    object.__setattr__(obj, 'title', v_title)
    object.__setattr__(obj, 'extra', _DEFAULT_Image_extra)
    return obj, line


def read_Record_provider(next_line: Callable[[], str], line: str) -> tuple[
    Provider, str
]:
    """Read a Provider whose keys sit at column 2."""
    v_name: str
    v_domain: str
    v_images: tuple[Image, ...] | None
    if line.startswith('  name: "') and line[-1] == QUOTE and len(line) > 9:
        v_name = line[9:-1]
        if QUOTE in v_name or BACKSLASH in v_name or not v_name.isprintable():
            v_name = _text(line[8:])
        if v_name in _PLAIN or is_plain_safe(v_name):
            raise _DeclineError
        line = next_line()
    elif line.startswith('  name: '):
        raw = line[8:]
        v_name = raw if raw in _PLAIN else _plain_text(raw)
        line = next_line()
    else:
        raise _DeclineError
    if line.startswith('  domain: "') and line[-1] == QUOTE and len(line) > 11:
        v_domain = line[11:-1]
        if QUOTE in v_domain or BACKSLASH in v_domain or not v_domain.isprintable():
            v_domain = _text(line[10:])
        if v_domain in _PLAIN or is_plain_safe(v_domain):
            raise _DeclineError
        line = next_line()
    elif line.startswith('  domain: '):
        raw = line[10:]
        v_domain = raw if raw in _PLAIN else _plain_text(raw)
        line = next_line()
    else:
        raise _DeclineError
    if line == '  images: []':
        v_images = ()
        line = next_line()
    elif line == '  images:':
        items_images: list[Image] = []
        line = next_line()
        while line.startswith('    - '):
            item_images, line = read_Record_provider_images(next_line, line)
            items_images.append(item_images)
        if not items_images:
            raise _DeclineError  # 'key:' and nothing below is null
        v_images = tuple(items_images)
    else:
        v_images = None
    obj = object.__new__(Provider)
    object.__setattr__(obj, 'name', v_name)
    object.__setattr__(obj, 'domain', v_domain)
    object.__setattr__(obj, 'images', v_images)
    object.__setattr__(obj, 'extra', _DEFAULT_Provider_extra)
    return obj, line


def read_Record_images(next_line: Callable[[], str], line: str) -> tuple[
    Image, str
]:
    """Read a Image whose keys sit at column 4."""
    v_url: str
    v_width: int
    v_height: int
    v_is_cached: bool | None
    v_title: str | None
    if line.startswith('  - url: "') and line[-1] == QUOTE and len(line) > 10:
        v_url = line[10:-1]
        if QUOTE in v_url or BACKSLASH in v_url or not v_url.isprintable():
            v_url = _text(line[9:])
        line = next_line()
    elif line.startswith('  - url: '):
        raise _DeclineError
    else:
        raise _DeclineError
    if line.startswith('    width: '):
        raw = line[11:]
        if raw.isdigit() and raw.isascii() and raw[0] != '0' and len(raw) <= 18:
            v_width = int(raw)
        else:
            v_width = _int(raw)
        line = next_line()
    else:
        raise _DeclineError
    if line.startswith('    height: '):
        raw = line[12:]
        if raw.isdigit() and raw.isascii() and raw[0] != '0' and len(raw) <= 18:
            v_height = int(raw)
        else:
            v_height = _int(raw)
        line = next_line()
    else:
        raise _DeclineError
    if line.startswith('    isCached: '):
        raw = line[14:]
        if raw == 'true':
            v_is_cached = True
        elif raw == 'false':
            v_is_cached = False
        else:
            raise _DeclineError
        line = next_line()
    else:
        v_is_cached = None
    if line.startswith('    title: "') and line[-1] == QUOTE and len(line) > 12:
        v_title = line[12:-1]
        if QUOTE in v_title or BACKSLASH in v_title or not v_title.isprintable():
            v_title = _text(line[11:])
        line = next_line()
    elif line.startswith('    title: '):
        raise _DeclineError
    else:
        v_title = None
    obj = object.__new__(Image)
    object.__setattr__(obj, 'url', v_url)
    object.__setattr__(obj, 'width', v_width)
    object.__setattr__(obj, 'height', v_height)
    object.__setattr__(obj, 'is_cached', v_is_cached)
    object.__setattr__(obj, 'title', v_title)
    object.__setattr__(obj, 'extra', _DEFAULT_Image_extra)
    return obj, line


def read_Record_related_provider_images(next_line: Callable[[], str], line: str) -> tuple[
    Image, str
]:
    """Read a Image whose keys sit at column 10."""
    v_url: str
    v_width: int
    v_height: int
    v_is_cached: bool | None
    v_title: str | None
    if line.startswith('        - url: "') and line[-1] == QUOTE and len(line) > 16:
        v_url = line[16:-1]
        if QUOTE in v_url or BACKSLASH in v_url or not v_url.isprintable():
            v_url = _text(line[15:])
        line = next_line()
    elif line.startswith('        - url: '):
        raise _DeclineError
    else:
        raise _DeclineError
    if line.startswith('          width: '):
        raw = line[17:]
        if raw.isdigit() and raw.isascii() and raw[0] != '0' and len(raw) <= 18:
            v_width = int(raw)
        else:
            v_width = _int(raw)
        line = next_line()
    else:
        raise _DeclineError
    if line.startswith('          height: '):
        raw = line[18:]
        if raw.isdigit() and raw.isascii() and raw[0] != '0' and len(raw) <= 18:
            v_height = int(raw)
        else:
            v_height = _int(raw)
        line = next_line()
    else:
        raise _DeclineError
    if line.startswith('          isCached: '):
        raw = line[20:]
        if raw == 'true':
            v_is_cached = True
        elif raw == 'false':
            v_is_cached = False
        else:
            raise _DeclineError
        line = next_line()
    else:
        v_is_cached = None
    if line.startswith('          title: "') and line[-1] == QUOTE and len(line) > 18:
        v_title = line[18:-1]
        if QUOTE in v_title or BACKSLASH in v_title or not v_title.isprintable():
            v_title = _text(line[17:])
        line = next_line()
    elif line.startswith('          title: '):
        raise _DeclineError
    else:
        v_title = None
    obj = object.__new__(Image)
    object.__setattr__(obj, 'url', v_url)
    object.__setattr__(obj, 'width', v_width)
    object.__setattr__(obj, 'height', v_height)
    object.__setattr__(obj, 'is_cached', v_is_cached)
    object.__setattr__(obj, 'title', v_title)
    object.__setattr__(obj, 'extra', _DEFAULT_Image_extra)
    return obj, line


def read_Record_related_provider(next_line: Callable[[], str], line: str) -> tuple[
    Provider, str
]:
    """Read a Provider whose keys sit at column 6."""
    v_name: str
    v_domain: str
    v_images: tuple[Image, ...] | None
    if line.startswith('      name: "') and line[-1] == QUOTE and len(line) > 13:
        v_name = line[13:-1]
        if QUOTE in v_name or BACKSLASH in v_name or not v_name.isprintable():
            v_name = _text(line[12:])
        if v_name in _PLAIN or is_plain_safe(v_name):
            raise _DeclineError
        line = next_line()
    elif line.startswith('      name: '):
        raw = line[12:]
        v_name = raw if raw in _PLAIN else _plain_text(raw)
        line = next_line()
    else:
        raise _DeclineError
    if line.startswith('      domain: "') and line[-1] == QUOTE and len(line) > 15:
        v_domain = line[15:-1]
        if QUOTE in v_domain or BACKSLASH in v_domain or not v_domain.isprintable():
            v_domain = _text(line[14:])
        if v_domain in _PLAIN or is_plain_safe(v_domain):
            raise _DeclineError
        line = next_line()
    elif line.startswith('      domain: '):
        raw = line[14:]
        v_domain = raw if raw in _PLAIN else _plain_text(raw)
        line = next_line()
    else:
        raise _DeclineError
    if line == '      images: []':
        v_images = ()
        line = next_line()
    elif line == '      images:':
        items_images: list[Image] = []
        line = next_line()
        while line.startswith('        - '):
            item_images, line = read_Record_related_provider_images(next_line, line)
            items_images.append(item_images)
        if not items_images:
            raise _DeclineError  # 'key:' and nothing below is null
        v_images = tuple(items_images)
    else:
        v_images = None
    obj = object.__new__(Provider)
    object.__setattr__(obj, 'name', v_name)
    object.__setattr__(obj, 'domain', v_domain)
    object.__setattr__(obj, 'images', v_images)
    object.__setattr__(obj, 'extra', _DEFAULT_Provider_extra)
    return obj, line


def read_Record_related_images(next_line: Callable[[], str], line: str) -> tuple[
    Image, str
]:
    """Read a Image whose keys sit at column 8."""
    v_url: str
    v_width: int
    v_height: int
    v_is_cached: bool | None
    v_title: str | None
    if line.startswith('      - url: "') and line[-1] == QUOTE and len(line) > 14:
        v_url = line[14:-1]
        if QUOTE in v_url or BACKSLASH in v_url or not v_url.isprintable():
            v_url = _text(line[13:])
        line = next_line()
    elif line.startswith('      - url: '):
        raise _DeclineError
    else:
        raise _DeclineError
    if line.startswith('        width: '):
        raw = line[15:]
        if raw.isdigit() and raw.isascii() and raw[0] != '0' and len(raw) <= 18:
            v_width = int(raw)
        else:
            v_width = _int(raw)
        line = next_line()
    else:
        raise _DeclineError
    if line.startswith('        height: '):
        raw = line[16:]
        if raw.isdigit() and raw.isascii() and raw[0] != '0' and len(raw) <= 18:
            v_height = int(raw)
        else:
            v_height = _int(raw)
        line = next_line()
    else:
        raise _DeclineError
    if line.startswith('        isCached: '):
        raw = line[18:]
        if raw == 'true':
            v_is_cached = True
        elif raw == 'false':
            v_is_cached = False
        else:
            raise _DeclineError
        line = next_line()
    else:
        v_is_cached = None
    if line.startswith('        title: "') and line[-1] == QUOTE and len(line) > 16:
        v_title = line[16:-1]
        if QUOTE in v_title or BACKSLASH in v_title or not v_title.isprintable():
            v_title = _text(line[15:])
        line = next_line()
    elif line.startswith('        title: '):
        raise _DeclineError
    else:
        v_title = None
    obj = object.__new__(Image)
    object.__setattr__(obj, 'url', v_url)
    object.__setattr__(obj, 'width', v_width)
    object.__setattr__(obj, 'height', v_height)
    object.__setattr__(obj, 'is_cached', v_is_cached)
    object.__setattr__(obj, 'title', v_title)
    object.__setattr__(obj, 'extra', _DEFAULT_Image_extra)
    return obj, line


def read_Record_related(next_line: Callable[[], str], line: str) -> tuple[
    RelatedArticle, str
]:
    """Read a RelatedArticle whose keys sit at column 4."""
    v_title: str
    v_excerpt: str
    v_published_date_time: datetime
    v_web_url: str
    v_amp_web_url: str | None
    v_cdn_amp_web_url: str | None
    v_type: str
    v_provider: Provider
    v_quality: int
    v_images: tuple[Image, ...] | None
    if line.startswith('  - title: "') and line[-1] == QUOTE and len(line) > 12:
        v_title = line[12:-1]
        if QUOTE in v_title or BACKSLASH in v_title or not v_title.isprintable():
            v_title = _text(line[11:])
        line = next_line()
    elif line.startswith('  - title: '):
        raise _DeclineError
    else:
        raise _DeclineError
    if line.startswith('    excerpt: "') and line[-1] == QUOTE and len(line) > 14:
        v_excerpt = line[14:-1]
        if QUOTE in v_excerpt or BACKSLASH in v_excerpt or not v_excerpt.isprintable():
            v_excerpt = _text(line[13:])
        line = next_line()
    elif line.startswith('    excerpt: '):
        raise _DeclineError
    else:
        raise _DeclineError
    if line.startswith('    publishedDateTime: '):
        raw = line[23:]
        if (
            len(raw) == 20 and raw[19] == 'Z' and raw[10] == 'T'
            and raw[4] == raw[7] == '-' and raw[13] == raw[16] == ':'
        ):
            try:
                v_published_date_time = _fromisoformat(raw[:19] + '+00:00')
            except ValueError:
                raise _DeclineError from None
        else:
            v_published_date_time = _timestamp(raw)
        line = next_line()
    else:
        raise _DeclineError
    if line.startswith('    webUrl: "') and line[-1] == QUOTE and len(line) > 13:
        v_web_url = line[13:-1]
        if QUOTE in v_web_url or BACKSLASH in v_web_url or not v_web_url.isprintable():
            v_web_url = _text(line[12:])
        line = next_line()
    elif line.startswith('    webUrl: '):
        raise _DeclineError
    else:
        raise _DeclineError
    if line.startswith('    ampWebUrl: "') and line[-1] == QUOTE and len(line) > 16:
        v_amp_web_url = line[16:-1]
        if QUOTE in v_amp_web_url or BACKSLASH in v_amp_web_url or not v_amp_web_url.isprintable():
            v_amp_web_url = _text(line[15:])
        line = next_line()
    elif line.startswith('    ampWebUrl: '):
        raise _DeclineError
    else:
        v_amp_web_url = None
    if line.startswith('    cdnAmpWebUrl: "') and line[-1] == QUOTE and len(line) > 19:
        v_cdn_amp_web_url = line[19:-1]
        if QUOTE in v_cdn_amp_web_url or BACKSLASH in v_cdn_amp_web_url or not v_cdn_amp_web_url.isprintable():
            v_cdn_amp_web_url = _text(line[18:])
        line = next_line()
    elif line.startswith('    cdnAmpWebUrl: '):
        raise _DeclineError
    else:
        v_cdn_amp_web_url = None
    if line.startswith('    type: "') and line[-1] == QUOTE and len(line) > 11:
        v_type = line[11:-1]
        if QUOTE in v_type or BACKSLASH in v_type or not v_type.isprintable():
            v_type = _text(line[10:])
        if v_type in _PLAIN or is_plain_safe(v_type):
            raise _DeclineError
        line = next_line()
    elif line.startswith('    type: '):
        raw = line[10:]
        v_type = raw if raw in _PLAIN else _plain_text(raw)
        line = next_line()
    else:
        raise _DeclineError
    if line == '    provider:':
        v_provider, line = read_Record_related_provider(next_line, next_line())
    else:
        raise _DeclineError
    if line.startswith('    quality: '):
        raw = line[13:]
        if raw.isdigit() and raw.isascii() and raw[0] != '0' and len(raw) <= 18:
            v_quality = int(raw)
        else:
            v_quality = _int(raw)
        line = next_line()
    else:
        raise _DeclineError
    if line == '    images: []':
        v_images = ()
        line = next_line()
    elif line == '    images:':
        items_images: list[Image] = []
        line = next_line()
        while line.startswith('      - '):
            item_images, line = read_Record_related_images(next_line, line)
            items_images.append(item_images)
        if not items_images:
            raise _DeclineError  # 'key:' and nothing below is null
        v_images = tuple(items_images)
    else:
        v_images = None
    obj = object.__new__(RelatedArticle)
    object.__setattr__(obj, 'title', v_title)
    object.__setattr__(obj, 'excerpt', v_excerpt)
    object.__setattr__(obj, 'published_date_time', v_published_date_time)
    object.__setattr__(obj, 'web_url', v_web_url)
    object.__setattr__(obj, 'amp_web_url', v_amp_web_url)
    object.__setattr__(obj, 'cdn_amp_web_url', v_cdn_amp_web_url)
    object.__setattr__(obj, 'type', v_type)
    object.__setattr__(obj, 'provider', v_provider)
    object.__setattr__(obj, 'quality', v_quality)
    object.__setattr__(obj, 'images', v_images)
    object.__setattr__(obj, 'extra', _DEFAULT_RelatedArticle_extra)
    return obj, line


def read_Record(next_line: Callable[[], str], line: str, body: str, layout: Layout) -> tuple[
    Record, str
]:
    """Read a Record whose keys sit at column 0."""
    v_category: str
    v_title: str
    v_excerpt: str
    v_published_date_time: datetime
    v_original_url: str | None
    v_web_url: str | None
    v_amp_web_url: str | None
    v_cdn_amp_web_url: str | None
    v_type: str
    v_quality: int | None
    v_heat: int | None
    v_removed: bool | None
    v_published: bool | None
    v_featured_content: str | None
    v_provider: Provider
    v_topics: tuple[str | None, ...]
    v_images: tuple[Image, ...] | None
    v_related: tuple[RelatedArticle, ...] | None
    v_secured: Secured | None
    while not line:
        line = next_line()
    if line.startswith('category: "') and line[-1] == QUOTE and len(line) > 11:
        v_category = line[11:-1]
        if QUOTE in v_category or BACKSLASH in v_category or not v_category.isprintable():
            v_category = _text(line[10:])
        if v_category in _PLAIN or is_plain_safe(v_category):
            raise _DeclineError
        line = next_line()
    elif line.startswith('category: '):
        raw = line[10:]
        v_category = raw if raw in _PLAIN else _plain_text(raw)
        line = next_line()
    else:
        raise _DeclineError
    while not line:
        line = next_line()
    if line.startswith('title: "') and line[-1] == QUOTE and len(line) > 8:
        v_title = line[8:-1]
        if QUOTE in v_title or BACKSLASH in v_title or not v_title.isprintable():
            v_title = _text(line[7:])
        line = next_line()
    elif line.startswith('title: '):
        raise _DeclineError
    else:
        raise _DeclineError
    while not line:
        line = next_line()
    if line.startswith('excerpt: "') and line[-1] == QUOTE and len(line) > 10:
        v_excerpt = line[10:-1]
        if QUOTE in v_excerpt or BACKSLASH in v_excerpt or not v_excerpt.isprintable():
            v_excerpt = _text(line[9:])
        line = next_line()
    elif line.startswith('excerpt: '):
        raise _DeclineError
    else:
        raise _DeclineError
    while not line:
        line = next_line()
    if line.startswith('publishedDateTime: '):
        raw = line[19:]
        if (
            len(raw) == 20 and raw[19] == 'Z' and raw[10] == 'T'
            and raw[4] == raw[7] == '-' and raw[13] == raw[16] == ':'
        ):
            try:
                v_published_date_time = _fromisoformat(raw[:19] + '+00:00')
            except ValueError:
                raise _DeclineError from None
        else:
            v_published_date_time = _timestamp(raw)
        line = next_line()
    else:
        raise _DeclineError
    while not line:
        line = next_line()
    if line.startswith('originalUrl: "') and line[-1] == QUOTE and len(line) > 14:
        v_original_url = line[14:-1]
        if QUOTE in v_original_url or BACKSLASH in v_original_url or not v_original_url.isprintable():
            v_original_url = _text(line[13:])
        line = next_line()
    elif line.startswith('originalUrl: '):
        raise _DeclineError
    else:
        v_original_url = None
    while not line:
        line = next_line()
    if line.startswith('webUrl: "') and line[-1] == QUOTE and len(line) > 9:
        v_web_url = line[9:-1]
        if QUOTE in v_web_url or BACKSLASH in v_web_url or not v_web_url.isprintable():
            v_web_url = _text(line[8:])
        line = next_line()
    elif line.startswith('webUrl: '):
        raise _DeclineError
    else:
        v_web_url = None
    while not line:
        line = next_line()
    if line.startswith('ampWebUrl: "') and line[-1] == QUOTE and len(line) > 12:
        v_amp_web_url = line[12:-1]
        if QUOTE in v_amp_web_url or BACKSLASH in v_amp_web_url or not v_amp_web_url.isprintable():
            v_amp_web_url = _text(line[11:])
        line = next_line()
    elif line.startswith('ampWebUrl: '):
        raise _DeclineError
    else:
        v_amp_web_url = None
    while not line:
        line = next_line()
    if line.startswith('cdnAmpWebUrl: "') and line[-1] == QUOTE and len(line) > 15:
        v_cdn_amp_web_url = line[15:-1]
        if QUOTE in v_cdn_amp_web_url or BACKSLASH in v_cdn_amp_web_url or not v_cdn_amp_web_url.isprintable():
            v_cdn_amp_web_url = _text(line[14:])
        line = next_line()
    elif line.startswith('cdnAmpWebUrl: '):
        raise _DeclineError
    else:
        v_cdn_amp_web_url = None
    while not line:
        line = next_line()
    if line.startswith('type: "') and line[-1] == QUOTE and len(line) > 7:
        v_type = line[7:-1]
        if QUOTE in v_type or BACKSLASH in v_type or not v_type.isprintable():
            v_type = _text(line[6:])
        if v_type in _PLAIN or is_plain_safe(v_type):
            raise _DeclineError
        line = next_line()
    elif line.startswith('type: '):
        raw = line[6:]
        v_type = raw if raw in _PLAIN else _plain_text(raw)
        line = next_line()
    else:
        raise _DeclineError
    while not line:
        line = next_line()
    if line.startswith('quality: '):
        raw = line[9:]
        if raw.isdigit() and raw.isascii() and raw[0] != '0' and len(raw) <= 18:
            v_quality = int(raw)
        else:
            v_quality = _int(raw)
        line = next_line()
    else:
        v_quality = None
    while not line:
        line = next_line()
    if line.startswith('heat: '):
        raw = line[6:]
        if raw.isdigit() and raw.isascii() and raw[0] != '0' and len(raw) <= 18:
            v_heat = int(raw)
        else:
            v_heat = _int(raw)
        line = next_line()
    else:
        v_heat = None
    while not line:
        line = next_line()
    if line.startswith('removed: '):
        raw = line[9:]
        if raw == 'true':
            v_removed = True
        elif raw == 'false':
            v_removed = False
        else:
            raise _DeclineError
        line = next_line()
    else:
        v_removed = None
    while not line:
        line = next_line()
    if line.startswith('published: '):
        raw = line[11:]
        if raw == 'true':
            v_published = True
        elif raw == 'false':
            v_published = False
        else:
            raise _DeclineError
        line = next_line()
    else:
        v_published = None
    while not line:
        line = next_line()
    if line.startswith('featuredContent: "') and line[-1] == QUOTE and len(line) > 18:
        v_featured_content = line[18:-1]
        if QUOTE in v_featured_content or BACKSLASH in v_featured_content or not v_featured_content.isprintable():
            v_featured_content = _text(line[17:])
        line = next_line()
    elif line.startswith('featuredContent: '):
        raise _DeclineError
    else:
        v_featured_content = None
    while not line:
        line = next_line()
    if line == 'provider:':
        v_provider, line = read_Record_provider(next_line, next_line())
    else:
        raise _DeclineError
    while not line:
        line = next_line()
    if line == 'topics: []':
        v_topics = ()
        line = next_line()
    elif line == 'topics:':
        items_topics: list[str | None] = []
        line = next_line()
        while line.startswith('  - ') or line == '  -':
            raw = line[4:]
            if raw:
                item_topics = raw if raw in _PLAIN else _plain_text(raw)
                items_topics.append(item_topics)
            else:
                items_topics.append(None)
            line = next_line()
        if not items_topics:
            raise _DeclineError  # 'key:' and nothing below is null
        v_topics = tuple(items_topics)
    else:
        raise _DeclineError
    while not line:
        line = next_line()
    if line == 'images: []':
        v_images = ()
        line = next_line()
    elif line == 'images:':
        items_images: list[Image] = []
        line = next_line()
        while line.startswith('  - '):
            item_images, line = read_Record_images(next_line, line)
            items_images.append(item_images)
        if not items_images:
            raise _DeclineError  # 'key:' and nothing below is null
        v_images = tuple(items_images)
    else:
        v_images = None
    while not line:
        line = next_line()
    if line == 'related: []':
        v_related = ()
        line = next_line()
    elif line == 'related:':
        items_related: list[RelatedArticle] = []
        line = next_line()
        while line.startswith('  - '):
            item_related, line = read_Record_related(next_line, line)
            items_related.append(item_related)
        if not items_related:
            raise _DeclineError  # 'key:' and nothing below is null
        v_related = tuple(items_related)
    else:
        v_related = None
    while not line:
        line = next_line()
    if line.startswith('secured: '):
        raw = line[9:]
        v_secured = Secured(_text(raw))
        line = next_line()
    else:
        v_secured = None
    while not line:
        line = next_line()
    obj = object.__new__(Record)
    object.__setattr__(obj, 'category', v_category)
    object.__setattr__(obj, 'title', v_title)
    object.__setattr__(obj, 'excerpt', v_excerpt)
    object.__setattr__(obj, 'published_date_time', v_published_date_time)
    object.__setattr__(obj, 'original_url', v_original_url)
    object.__setattr__(obj, 'web_url', v_web_url)
    object.__setattr__(obj, 'amp_web_url', v_amp_web_url)
    object.__setattr__(obj, 'cdn_amp_web_url', v_cdn_amp_web_url)
    object.__setattr__(obj, 'type', v_type)
    object.__setattr__(obj, 'quality', v_quality)
    object.__setattr__(obj, 'heat', v_heat)
    object.__setattr__(obj, 'removed', v_removed)
    object.__setattr__(obj, 'published', v_published)
    object.__setattr__(obj, 'featured_content', v_featured_content)
    object.__setattr__(obj, 'provider', v_provider)
    object.__setattr__(obj, 'topics', v_topics)
    object.__setattr__(obj, 'images', v_images)
    object.__setattr__(obj, 'related', v_related)
    object.__setattr__(obj, 'extra', _DEFAULT_Record_extra)
    object.__setattr__(obj, 'secured', v_secured)
    object.__setattr__(obj, 'body', body)
    object.__setattr__(obj, 'layout', layout)
    return obj, line
