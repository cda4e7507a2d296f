"""The canonical writer of Record, generated from frontnews.schema: do not edit.

Written by ``python -m frontnews._generate``; frontnews.writer generates the code.
Compiled by mypyc when a wheel is built with a C compiler; run as plain
Python otherwise (``frontnews._build``).
"""

# The type tests narrow values of declared types: their failing branches are
# unreachable for mypy, but not for a caller who ignores the annotations.
# mypy: disable-error-code="unreachable"
from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timezone
from typing import Any

from .errors import SchemaError, WriteError
from .model import Image, Layout, Provider, Record, RelatedArticle, Secured
from .scalars import format_datetime, plain, quoted
from .writer import _extra_lines as extra_lines
from .writer import _mismatch as mismatch
from .writer import _mismatch_unshown as mismatch_unshown
from .writer import _unwritable as unwritable

QUOTE = '"'
BACKSLASH = '\\'
UTC = timezone.utc


def write_Image_6_item(obj: Any, out: list[str]) -> None:
    """Write a Image with keys at column 6. (``obj`` is a Image)"""
    value: object
    append = out.append
    value = obj.url
    if not (type(value) is str):
        raise mismatch(('url',), 'a string', value)
    try:
        append('    - url: ' + (QUOTE + value + QUOTE if value.isprintable() and QUOTE not in value and BACKSLASH not in value else quoted(value)))
    except SchemaError as exc:
        raise SchemaError.of(exc.within('url')) from None
    except WriteError as exc:
        raise unwritable(('url',), exc) from None
    value = obj.width
    if not (type(value) is int and value.bit_length() <= 3321):
        raise mismatch(('width',), 'an integer of at most 1000 digits', value)
    try:
        append('      width: ' + str(value))
    except SchemaError as exc:
        raise SchemaError.of(exc.within('width')) from None
    except WriteError as exc:
        raise unwritable(('width',), exc) from None
    value = obj.height
    if not (type(value) is int and value.bit_length() <= 3321):
        raise mismatch(('height',), 'an integer of at most 1000 digits', value)
    try:
        append('      height: ' + str(value))
    except SchemaError as exc:
        raise SchemaError.of(exc.within('height')) from None
    except WriteError as exc:
        raise unwritable(('height',), exc) from None
    value = obj.is_cached
    if value is not None:
        if not (type(value) is bool):
            raise mismatch(('isCached',), 'True or False', value)
        try:
            append('      isCached: ' + ('true' if value else 'false'))
        except SchemaError as exc:
            raise SchemaError.of(exc.within('isCached')) from None
        except WriteError as exc:
            raise unwritable(('isCached',), exc) from None
    value = obj.title
    if value is not None:
        if not (type(value) is str):
            raise mismatch(('title',), 'a string', value)
        try:
            append('      title: ' + (QUOTE + value + QUOTE if value.isprintable() and QUOTE not in value and BACKSLASH not in value else quoted(value)))
        except SchemaError as exc:
            raise SchemaError.of(exc.within('title')) from None
        except WriteError as exc:
            raise unwritable(('title',), exc) from None
    if obj.extra:
        extra_lines(obj.extra, '      ', out)
    return None


def write_Provider_2(obj: Any, out: list[str]) -> None:
    """Write a Provider with keys at column 2. (``obj`` is a Provider)"""
    value: object
    item: object
    append = out.append
    value = obj.name
    if not (type(value) is str):
        raise mismatch(('name',), 'a string', value)
    try:
        append('  name: ' + plain(value))
    except SchemaError as exc:
        raise SchemaError.of(exc.within('name')) from None
    except WriteError as exc:
        raise unwritable(('name',), exc) from None
    value = obj.domain
    if not (type(value) is str):
        raise mismatch(('domain',), 'a string', value)
    try:
        append('  domain: ' + plain(value))
    except SchemaError as exc:
        raise SchemaError.of(exc.within('domain')) from None
    except WriteError as exc:
        raise unwritable(('domain',), exc) from None
    value = obj.images
    if value is not None:
        if not (type(value) is tuple):
            raise mismatch(('images',), 'a tuple', value)
        append('  images: []' if not value else '  images:')
        for item in value:
            if not (type(item) is Image):
                raise mismatch(('images', value.index(item)), 'Image', item)
            try:
                write_Image_6_item(item, out)
            except SchemaError as exc:
                raise SchemaError.of(exc.within('images', value.index(item))) from None
            except WriteError as exc:
                raise unwritable(('images', value.index(item),), exc) from None
    if obj.extra:
        extra_lines(obj.extra, '  ', out)
    return None


def write_Image_4_item(obj: Any, out: list[str]) -> None:
    """Write a Image with keys at column 4. (``obj`` is a Image)"""
    value: object
    append = out.append
    value = obj.url
    if not (type(value) is str):
        raise mismatch(('url',), 'a string', value)
    try:
        append('  - url: ' + (QUOTE + value + QUOTE if value.isprintable() and QUOTE not in value and BACKSLASH not in value else quoted(value)))
    except SchemaError as exc:
        raise SchemaError.of(exc.within('url')) from None
    except WriteError as exc:
        raise unwritable(('url',), exc) from None
    value = obj.width
    if not (type(value) is int and value.bit_length() <= 3321):
        raise mismatch(('width',), 'an integer of at most 1000 digits', value)
    try:
        append('    width: ' + str(value))
    except SchemaError as exc:
        raise SchemaError.of(exc.within('width')) from None
    except WriteError as exc:
        raise unwritable(('width',), exc) from None
    value = obj.height
    if not (type(value) is int and value.bit_length() <= 3321):
        raise mismatch(('height',), 'an integer of at most 1000 digits', value)
    try:
        append('    height: ' + str(value))
    except SchemaError as exc:
        raise SchemaError.of(exc.within('height')) from None
    except WriteError as exc:
        raise unwritable(('height',), exc) from None
    value = obj.is_cached
    if value is not None:
        if not (type(value) is bool):
            raise mismatch(('isCached',), 'True or False', value)
        try:
            append('    isCached: ' + ('true' if value else 'false'))
        except SchemaError as exc:
            raise SchemaError.of(exc.within('isCached')) from None
        except WriteError as exc:
            raise unwritable(('isCached',), exc) from None
    value = obj.title
    if value is not None:
        if not (type(value) is str):
            raise mismatch(('title',), 'a string', value)
        try:
            append('    title: ' + (QUOTE + value + QUOTE if value.isprintable() and QUOTE not in value and BACKSLASH not in value else quoted(value)))
        except SchemaError as exc:
            raise SchemaError.of(exc.within('title')) from None
        except WriteError as exc:
            raise unwritable(('title',), exc) from None
    if obj.extra:
        extra_lines(obj.extra, '    ', out)
    return None


def write_Image_10_item(obj: Any, out: list[str]) -> None:
    """Write a Image with keys at column 10. (``obj`` is a Image)"""
    value: object
    append = out.append
    value = obj.url
    if not (type(value) is str):
        raise mismatch(('url',), 'a string', value)
    try:
        append('        - url: ' + (QUOTE + value + QUOTE if value.isprintable() and QUOTE not in value and BACKSLASH not in value else quoted(value)))
    except SchemaError as exc:
        raise SchemaError.of(exc.within('url')) from None
    except WriteError as exc:
        raise unwritable(('url',), exc) from None
    value = obj.width
    if not (type(value) is int and value.bit_length() <= 3321):
        raise mismatch(('width',), 'an integer of at most 1000 digits', value)
    try:
        append('          width: ' + str(value))
    except SchemaError as exc:
        raise SchemaError.of(exc.within('width')) from None
    except WriteError as exc:
        raise unwritable(('width',), exc) from None
    value = obj.height
    if not (type(value) is int and value.bit_length() <= 3321):
        raise mismatch(('height',), 'an integer of at most 1000 digits', value)
    try:
        append('          height: ' + str(value))
    except SchemaError as exc:
        raise SchemaError.of(exc.within('height')) from None
    except WriteError as exc:
        raise unwritable(('height',), exc) from None
    value = obj.is_cached
    if value is not None:
        if not (type(value) is bool):
            raise mismatch(('isCached',), 'True or False', value)
        try:
            append('          isCached: ' + ('true' if value else 'false'))
        except SchemaError as exc:
            raise SchemaError.of(exc.within('isCached')) from None
        except WriteError as exc:
            raise unwritable(('isCached',), exc) from None
    value = obj.title
    if value is not None:
        if not (type(value) is str):
            raise mismatch(('title',), 'a string', value)
        try:
            append('          title: ' + (QUOTE + value + QUOTE if value.isprintable() and QUOTE not in value and BACKSLASH not in value else quoted(value)))
        except SchemaError as exc:
            raise SchemaError.of(exc.within('title')) from None
        except WriteError as exc:
            raise unwritable(('title',), exc) from None
    if obj.extra:
        extra_lines(obj.extra, '          ', out)
    return None


def write_Provider_6(obj: Any, out: list[str]) -> None:
    """Write a Provider with keys at column 6. (``obj`` is a Provider)"""
    value: object
    item: object
    append = out.append
    value = obj.name
    if not (type(value) is str):
        raise mismatch(('name',), 'a string', value)
    try:
        append('      name: ' + plain(value))
    except SchemaError as exc:
        raise SchemaError.of(exc.within('name')) from None
    except WriteError as exc:
        raise unwritable(('name',), exc) from None
    value = obj.domain
    if not (type(value) is str):
        raise mismatch(('domain',), 'a string', value)
    try:
        append('      domain: ' + plain(value))
    except SchemaError as exc:
        raise SchemaError.of(exc.within('domain')) from None
    except WriteError as exc:
        raise unwritable(('domain',), exc) from None
    value = obj.images
    if value is not None:
        if not (type(value) is tuple):
            raise mismatch(('images',), 'a tuple', value)
        append('      images: []' if not value else '      images:')
        for item in value:
            if not (type(item) is Image):
                raise mismatch(('images', value.index(item)), 'Image', item)
            try:
                write_Image_10_item(item, out)
            except SchemaError as exc:
                raise SchemaError.of(exc.within('images', value.index(item))) from None
            except WriteError as exc:
                raise unwritable(('images', value.index(item),), exc) from None
    if obj.extra:
        extra_lines(obj.extra, '      ', out)
    return None


def write_Image_8_item(obj: Any, out: list[str]) -> None:
    """Write a Image with keys at column 8. (``obj`` is a Image)"""
    value: object
    append = out.append
    value = obj.url
    if not (type(value) is str):
        raise mismatch(('url',), 'a string', value)
    try:
        append('      - url: ' + (QUOTE + value + QUOTE if value.isprintable() and QUOTE not in value and BACKSLASH not in value else quoted(value)))
    except SchemaError as exc:
        raise SchemaError.of(exc.within('url')) from None
    except WriteError as exc:
        raise unwritable(('url',), exc) from None
    value = obj.width
    if not (type(value) is int and value.bit_length() <= 3321):
        raise mismatch(('width',), 'an integer of at most 1000 digits', value)
    try:
        append('        width: ' + str(value))
    except SchemaError as exc:
        raise SchemaError.of(exc.within('width')) from None
    except WriteError as exc:
        raise unwritable(('width',), exc) from None
    value = obj.height
    if not (type(value) is int and value.bit_length() <= 3321):
        raise mismatch(('height',), 'an integer of at most 1000 digits', value)
    try:
        append('        height: ' + str(value))
    except SchemaError as exc:
        raise SchemaError.of(exc.within('height')) from None
    except WriteError as exc:
        raise unwritable(('height',), exc) from None
    value = obj.is_cached
    if value is not None:
        if not (type(value) is bool):
            raise mismatch(('isCached',), 'True or False', value)
        try:
            append('        isCached: ' + ('true' if value else 'false'))
        except SchemaError as exc:
            raise SchemaError.of(exc.within('isCached')) from None
        except WriteError as exc:
            raise unwritable(('isCached',), exc) from None
    value = obj.title
    if value is not None:
        if not (type(value) is str):
            raise mismatch(('title',), 'a string', value)
        try:
            append('        title: ' + (QUOTE + value + QUOTE if value.isprintable() and QUOTE not in value and BACKSLASH not in value else quoted(value)))
        except SchemaError as exc:
            raise SchemaError.of(exc.within('title')) from None
        except WriteError as exc:
            raise unwritable(('title',), exc) from None
    if obj.extra:
        extra_lines(obj.extra, '        ', out)
    return None


def write_RelatedArticle_4_item(obj: Any, out: list[str]) -> None:
    """Write a RelatedArticle with keys at column 4. (``obj`` is a RelatedArticle)"""
    value: object
    item: object
    append = out.append
    value = obj.title
    if not (type(value) is str):
        raise mismatch(('title',), 'a string', value)
    try:
        append('  - title: ' + (QUOTE + value + QUOTE if value.isprintable() and QUOTE not in value and BACKSLASH not in value else quoted(value)))
    except SchemaError as exc:
        raise SchemaError.of(exc.within('title')) from None
    except WriteError as exc:
        raise unwritable(('title',), exc) from None
    value = obj.excerpt
    if not (type(value) is str):
        raise mismatch(('excerpt',), 'a string', value)
    try:
        append('    excerpt: ' + (QUOTE + value + QUOTE if value.isprintable() and QUOTE not in value and BACKSLASH not in value else quoted(value)))
    except SchemaError as exc:
        raise SchemaError.of(exc.within('excerpt')) from None
    except WriteError as exc:
        raise unwritable(('excerpt',), exc) from None
    value = obj.published_date_time
    if not (isinstance(value, datetime)):
        raise mismatch(('publishedDateTime',), 'a datetime', value)
    try:
        append('    publishedDateTime: ' + (value.isoformat()[:19] + 'Z' if value.tzinfo is UTC and not value.microsecond else format_datetime(value)))
    except SchemaError as exc:
        raise SchemaError.of(exc.within('publishedDateTime')) from None
    except WriteError as exc:
        raise unwritable(('publishedDateTime',), exc) from None
    value = obj.web_url
    if not (type(value) is str):
        raise mismatch(('webUrl',), 'a string', value)
    try:
        append('    webUrl: ' + (QUOTE + value + QUOTE if value.isprintable() and QUOTE not in value and BACKSLASH not in value else quoted(value)))
    except SchemaError as exc:
        raise SchemaError.of(exc.within('webUrl')) from None
    except WriteError as exc:
        raise unwritable(('webUrl',), exc) from None
    value = obj.amp_web_url
    if value is not None:
        if not (type(value) is str):
            raise mismatch(('ampWebUrl',), 'a string', value)
        try:
            append('    ampWebUrl: ' + (QUOTE + value + QUOTE if value.isprintable() and QUOTE not in value and BACKSLASH not in value else quoted(value)))
        except SchemaError as exc:
            raise SchemaError.of(exc.within('ampWebUrl')) from None
        except WriteError as exc:
            raise unwritable(('ampWebUrl',), exc) from None
    value = obj.cdn_amp_web_url
    if value is not None:
        if not (type(value) is str):
            raise mismatch(('cdnAmpWebUrl',), 'a string', value)
        try:
            append('    cdnAmpWebUrl: ' + (QUOTE + value + QUOTE if value.isprintable() and QUOTE not in value and BACKSLASH not in value else quoted(value)))
        except SchemaError as exc:
            raise SchemaError.of(exc.within('cdnAmpWebUrl')) from None
        except WriteError as exc:
            raise unwritable(('cdnAmpWebUrl',), exc) from None
    value = obj.type
    if not (type(value) is str):
        raise mismatch(('type',), 'a string', value)
    try:
        append('    type: ' + plain(value))
    except SchemaError as exc:
        raise SchemaError.of(exc.within('type')) from None
    except WriteError as exc:
        raise unwritable(('type',), exc) from None
    value = obj.provider
    if not (isinstance(value, Provider)):
        raise mismatch(('provider',), 'a Provider', value)
    append('    provider:')
    try:
        write_Provider_6(value, out)
    except SchemaError as exc:
        raise SchemaError.of(exc.within('provider')) from None
    except WriteError as exc:
        raise unwritable(('provider',), exc) from None
    value = obj.quality
    if not (type(value) is int and value.bit_length() <= 3321):
        raise mismatch(('quality',), 'an integer of at most 1000 digits', value)
    try:
        append('    quality: ' + str(value))
    except SchemaError as exc:
        raise SchemaError.of(exc.within('quality')) from None
    except WriteError as exc:
        raise unwritable(('quality',), exc) from None
    value = obj.images
    if value is not None:
        if not (type(value) is tuple):
            raise mismatch(('images',), 'a tuple', value)
        append('    images: []' if not value else '    images:')
        for item in value:
            if not (type(item) is Image):
                raise mismatch(('images', value.index(item)), 'Image', item)
            try:
                write_Image_8_item(item, out)
            except SchemaError as exc:
                raise SchemaError.of(exc.within('images', value.index(item))) from None
            except WriteError as exc:
                raise unwritable(('images', value.index(item),), exc) from None
    if obj.extra:
        extra_lines(obj.extra, '    ', out)
    return None


def write_Record_0(obj: Any, out: list[str]) -> None:
    """Write a Record with keys at column 0. (``obj`` is a Record)"""
    value: object
    item: object
    append = out.append
    value = obj.category
    if not (type(value) is str):
        raise mismatch(('category',), 'a string', value)
    try:
        append('category: ' + plain(value))
    except SchemaError as exc:
        raise SchemaError.of(exc.within('category')) from None
    except WriteError as exc:
        raise unwritable(('category',), exc) from None
    value = obj.title
    if not (type(value) is str):
        raise mismatch(('title',), 'a string', value)
    try:
        append('title: ' + (QUOTE + value + QUOTE if value.isprintable() and QUOTE not in value and BACKSLASH not in value else quoted(value)))
    except SchemaError as exc:
        raise SchemaError.of(exc.within('title')) from None
    except WriteError as exc:
        raise unwritable(('title',), exc) from None
    value = obj.excerpt
    if not (type(value) is str):
        raise mismatch(('excerpt',), 'a string', value)
    try:
        append('excerpt: ' + (QUOTE + value + QUOTE if value.isprintable() and QUOTE not in value and BACKSLASH not in value else quoted(value)))
    except SchemaError as exc:
        raise SchemaError.of(exc.within('excerpt')) from None
    except WriteError as exc:
        raise unwritable(('excerpt',), exc) from None
    value = obj.published_date_time
    if not (isinstance(value, datetime)):
        raise mismatch(('publishedDateTime',), 'a datetime', value)
    try:
        append('publishedDateTime: ' + (value.isoformat()[:19] + 'Z' if value.tzinfo is UTC and not value.microsecond else format_datetime(value)))
    except SchemaError as exc:
        raise SchemaError.of(exc.within('publishedDateTime')) from None
    except WriteError as exc:
        raise unwritable(('publishedDateTime',), exc) from None
    value = obj.original_url
    if value is not None:
        if not (type(value) is str):
            raise mismatch(('originalUrl',), 'a string', value)
        try:
            append('originalUrl: ' + (QUOTE + value + QUOTE if value.isprintable() and QUOTE not in value and BACKSLASH not in value else quoted(value)))
        except SchemaError as exc:
            raise SchemaError.of(exc.within('originalUrl')) from None
        except WriteError as exc:
            raise unwritable(('originalUrl',), exc) from None
    value = obj.web_url
    if value is not None:
        if not (type(value) is str):
            raise mismatch(('webUrl',), 'a string', value)
        try:
            append('webUrl: ' + (QUOTE + value + QUOTE if value.isprintable() and QUOTE not in value and BACKSLASH not in value else quoted(value)))
        except SchemaError as exc:
            raise SchemaError.of(exc.within('webUrl')) from None
        except WriteError as exc:
            raise unwritable(('webUrl',), exc) from None
    value = obj.amp_web_url
    if value is not None:
        if not (type(value) is str):
            raise mismatch(('ampWebUrl',), 'a string', value)
        try:
            append('ampWebUrl: ' + (QUOTE + value + QUOTE if value.isprintable() and QUOTE not in value and BACKSLASH not in value else quoted(value)))
        except SchemaError as exc:
            raise SchemaError.of(exc.within('ampWebUrl')) from None
        except WriteError as exc:
            raise unwritable(('ampWebUrl',), exc) from None
    value = obj.cdn_amp_web_url
    if value is not None:
        if not (type(value) is str):
            raise mismatch(('cdnAmpWebUrl',), 'a string', value)
        try:
            append('cdnAmpWebUrl: ' + (QUOTE + value + QUOTE if value.isprintable() and QUOTE not in value and BACKSLASH not in value else quoted(value)))
        except SchemaError as exc:
            raise SchemaError.of(exc.within('cdnAmpWebUrl')) from None
        except WriteError as exc:
            raise unwritable(('cdnAmpWebUrl',), exc) from None
    value = obj.type
    if not (type(value) is str):
        raise mismatch(('type',), 'a string', value)
    try:
        append('type: ' + plain(value))
    except SchemaError as exc:
        raise SchemaError.of(exc.within('type')) from None
    except WriteError as exc:
        raise unwritable(('type',), exc) from None
    value = obj.quality
    if value is not None:
        if not (type(value) is int and value.bit_length() <= 3321):
            raise mismatch(('quality',), 'an integer of at most 1000 digits', value)
        try:
            append('quality: ' + str(value))
        except SchemaError as exc:
            raise SchemaError.of(exc.within('quality')) from None
        except WriteError as exc:
            raise unwritable(('quality',), exc) from None
    value = obj.heat
    if value is not None:
        if not (type(value) is int and value.bit_length() <= 3321):
            raise mismatch(('heat',), 'an integer of at most 1000 digits', value)
        try:
            append('heat: ' + str(value))
        except SchemaError as exc:
            raise SchemaError.of(exc.within('heat')) from None
        except WriteError as exc:
            raise unwritable(('heat',), exc) from None
    value = obj.removed
    if value is not None:
        if not (type(value) is bool):
            raise mismatch(('removed',), 'True or False', value)
        try:
            append('removed: ' + ('true' if value else 'false'))
        except SchemaError as exc:
            raise SchemaError.of(exc.within('removed')) from None
        except WriteError as exc:
            raise unwritable(('removed',), exc) from None
    value = obj.published
    if value is not None:
        if not (type(value) is bool):
            raise mismatch(('published',), 'True or False', value)
        try:
            append('published: ' + ('true' if value else 'false'))
        except SchemaError as exc:
            raise SchemaError.of(exc.within('published')) from None
        except WriteError as exc:
            raise unwritable(('published',), exc) from None
    value = obj.featured_content
    if value is not None:
        if not (type(value) is str):
            raise mismatch(('featuredContent',), 'a string', value)
        append('')
        try:
            append('featuredContent: ' + (QUOTE + value + QUOTE if value.isprintable() and QUOTE not in value and BACKSLASH not in value else quoted(value)))
        except SchemaError as exc:
            raise SchemaError.of(exc.within('featuredContent')) from None
        except WriteError as exc:
            raise unwritable(('featuredContent',), exc) from None
    value = obj.provider
    if not (isinstance(value, Provider)):
        raise mismatch(('provider',), 'a Provider', value)
    append('')
    append('provider:')
    try:
        write_Provider_2(value, out)
    except SchemaError as exc:
        raise SchemaError.of(exc.within('provider')) from None
    except WriteError as exc:
        raise unwritable(('provider',), exc) from None
    value = obj.topics
    if not (type(value) is tuple):
        raise mismatch(('topics',), 'a tuple', value)
    append('')
    append('topics: []' if not value else 'topics:')
    for item in value:
        if not (item is None or type(item) is str):
            raise mismatch(('topics', value.index(item)), 'a string', item)
        try:
            append('  - ' if item is None else '  - ' + plain(item))
        except SchemaError as exc:
            raise SchemaError.of(exc.within('topics', value.index(item))) from None
        except WriteError as exc:
            raise unwritable(('topics', value.index(item),), exc) from None
    value = obj.images
    if value is not None:
        if not (type(value) is tuple):
            raise mismatch(('images',), 'a tuple', value)
        append('')
        append('images: []' if not value else 'images:')
        for item in value:
            if not (type(item) is Image):
                raise mismatch(('images', value.index(item)), 'Image', item)
            try:
                write_Image_4_item(item, out)
            except SchemaError as exc:
                raise SchemaError.of(exc.within('images', value.index(item))) from None
            except WriteError as exc:
                raise unwritable(('images', value.index(item),), exc) from None
    value = obj.related
    if value is not None:
        if not (type(value) is tuple):
            raise mismatch(('related',), 'a tuple', value)
        append('')
        append('related: []' if not value else 'related:')
        for item in value:
            if not (type(item) is RelatedArticle):
                raise mismatch(('related', value.index(item)), 'RelatedArticle', item)
            try:
                write_RelatedArticle_4_item(item, out)
            except SchemaError as exc:
                raise SchemaError.of(exc.within('related', value.index(item))) from None
            except WriteError as exc:
                raise unwritable(('related', value.index(item),), exc) from None
    if obj.extra:
        append('')
        extra_lines(obj.extra, '', out)
    value = obj.secured
    if value is not None:
        if not (isinstance(value, Secured) and type(value.text) is str):
            raise mismatch_unshown(('secured',), 'a Secured', value)
        append('')
        try:
            append('secured: ' + (QUOTE + value.text + QUOTE if value.text.isprintable() and QUOTE not in value.text and BACKSLASH not in value.text else quoted(value.text)))
        except SchemaError as exc:
            raise SchemaError.of(exc.within('secured')) from None
        except WriteError as exc:
            raise unwritable(('secured',), exc) from None
    return None


def write_Record_category(obj: Any, out: list[str]) -> None:
    """Write Record.category alone, at the top level. (``obj`` is a Record)"""
    value: object
    append = out.append
    value = obj.category
    if not (type(value) is str):
        raise mismatch(('category',), 'a string', value)
    try:
        append('category: ' + plain(value))
    except SchemaError as exc:
        raise SchemaError.of(exc.within('category')) from None
    except WriteError as exc:
        raise unwritable(('category',), exc) from None


def write_Record_title(obj: Any, out: list[str]) -> None:
    """Write Record.title alone, at the top level. (``obj`` is a Record)"""
    value: object
    append = out.append
    value = obj.title
    if not (type(value) is str):
        raise mismatch(('title',), 'a string', value)
    try:
        append('title: ' + (QUOTE + value + QUOTE if value.isprintable() and QUOTE not in value and BACKSLASH not in value else quoted(value)))
    except SchemaError as exc:
        raise SchemaError.of(exc.within('title')) from None
    except WriteError as exc:
        raise unwritable(('title',), exc) from None


def write_Record_excerpt(obj: Any, out: list[str]) -> None:
    """Write Record.excerpt alone, at the top level. (``obj`` is a Record)"""
    value: object
    append = out.append
    value = obj.excerpt
    if not (type(value) is str):
        raise mismatch(('excerpt',), 'a string', value)
    try:
        append('excerpt: ' + (QUOTE + value + QUOTE if value.isprintable() and QUOTE not in value and BACKSLASH not in value else quoted(value)))
    except SchemaError as exc:
        raise SchemaError.of(exc.within('excerpt')) from None
    except WriteError as exc:
        raise unwritable(('excerpt',), exc) from None


def write_Record_published_date_time(obj: Any, out: list[str]) -> None:
    """Write Record.published_date_time alone, at the top level. (``obj`` is a Record)"""
    value: object
    append = out.append
    value = obj.published_date_time
    if not (isinstance(value, datetime)):
        raise mismatch(('publishedDateTime',), 'a datetime', value)
    try:
        append('publishedDateTime: ' + (value.isoformat()[:19] + 'Z' if value.tzinfo is UTC and not value.microsecond else format_datetime(value)))
    except SchemaError as exc:
        raise SchemaError.of(exc.within('publishedDateTime')) from None
    except WriteError as exc:
        raise unwritable(('publishedDateTime',), exc) from None


def write_Record_original_url(obj: Any, out: list[str]) -> None:
    """Write Record.original_url alone, at the top level. (``obj`` is a Record)"""
    value: object
    append = out.append
    value = obj.original_url
    if value is not None:
        if not (type(value) is str):
            raise mismatch(('originalUrl',), 'a string', value)
        try:
            append('originalUrl: ' + (QUOTE + value + QUOTE if value.isprintable() and QUOTE not in value and BACKSLASH not in value else quoted(value)))
        except SchemaError as exc:
            raise SchemaError.of(exc.within('originalUrl')) from None
        except WriteError as exc:
            raise unwritable(('originalUrl',), exc) from None


def write_Record_web_url(obj: Any, out: list[str]) -> None:
    """Write Record.web_url alone, at the top level. (``obj`` is a Record)"""
    value: object
    append = out.append
    value = obj.web_url
    if value is not None:
        if not (type(value) is str):
            raise mismatch(('webUrl',), 'a string', value)
        try:
            append('webUrl: ' + (QUOTE + value + QUOTE if value.isprintable() and QUOTE not in value and BACKSLASH not in value else quoted(value)))
        except SchemaError as exc:
            raise SchemaError.of(exc.within('webUrl')) from None
        except WriteError as exc:
            raise unwritable(('webUrl',), exc) from None


def write_Record_amp_web_url(obj: Any, out: list[str]) -> None:
    """Write Record.amp_web_url alone, at the top level. (``obj`` is a Record)"""
    value: object
    append = out.append
    value = obj.amp_web_url
    if value is not None:
        if not (type(value) is str):
            raise mismatch(('ampWebUrl',), 'a string', value)
        try:
            append('ampWebUrl: ' + (QUOTE + value + QUOTE if value.isprintable() and QUOTE not in value and BACKSLASH not in value else quoted(value)))
        except SchemaError as exc:
            raise SchemaError.of(exc.within('ampWebUrl')) from None
        except WriteError as exc:
            raise unwritable(('ampWebUrl',), exc) from None


def write_Record_cdn_amp_web_url(obj: Any, out: list[str]) -> None:
    """Write Record.cdn_amp_web_url alone, at the top level. (``obj`` is a Record)"""
    value: object
    append = out.append
    value = obj.cdn_amp_web_url
    if value is not None:
        if not (type(value) is str):
            raise mismatch(('cdnAmpWebUrl',), 'a string', value)
        try:
            append('cdnAmpWebUrl: ' + (QUOTE + value + QUOTE if value.isprintable() and QUOTE not in value and BACKSLASH not in value else quoted(value)))
        except SchemaError as exc:
            raise SchemaError.of(exc.within('cdnAmpWebUrl')) from None
        except WriteError as exc:
            raise unwritable(('cdnAmpWebUrl',), exc) from None


def write_Record_type(obj: Any, out: list[str]) -> None:
    """Write Record.type alone, at the top level. (``obj`` is a Record)"""
    value: object
    append = out.append
    value = obj.type
    if not (type(value) is str):
        raise mismatch(('type',), 'a string', value)
    try:
        append('type: ' + plain(value))
    except SchemaError as exc:
        raise SchemaError.of(exc.within('type')) from None
    except WriteError as exc:
        raise unwritable(('type',), exc) from None


def write_Record_quality(obj: Any, out: list[str]) -> None:
    """Write Record.quality alone, at the top level. (``obj`` is a Record)"""
    value: object
    append = out.append
    value = obj.quality
    if value is not None:
        if not (type(value) is int and value.bit_length() <= 3321):
            raise mismatch(('quality',), 'an integer of at most 1000 digits', value)
        try:
            append('quality: ' + str(value))
        except SchemaError as exc:
            raise SchemaError.of(exc.within('quality')) from None
        except WriteError as exc:
            raise unwritable(('quality',), exc) from None


def write_Record_heat(obj: Any, out: list[str]) -> None:
    """Write Record.heat alone, at the top level. (``obj`` is a Record)"""
    value: object
    append = out.append
    value = obj.heat
    if value is not None:
        if not (type(value) is int and value.bit_length() <= 3321):
            raise mismatch(('heat',), 'an integer of at most 1000 digits', value)
        try:
            append('heat: ' + str(value))
        except SchemaError as exc:
            raise SchemaError.of(exc.within('heat')) from None
        except WriteError as exc:
            raise unwritable(('heat',), exc) from None


def write_Record_removed(obj: Any, out: list[str]) -> None:
    """Write Record.removed alone, at the top level. (``obj`` is a Record)"""
    value: object
    append = out.append
    value = obj.removed
    if value is not None:
        if not (type(value) is bool):
            raise mismatch(('removed',), 'True or False', value)
        try:
            append('removed: ' + ('true' if value else 'false'))
        except SchemaError as exc:
            raise SchemaError.of(exc.within('removed')) from None
        except WriteError as exc:
            raise unwritable(('removed',), exc) from None


def write_Record_published(obj: Any, out: list[str]) -> None:
    """Write Record.published alone, at the top level. (``obj`` is a Record)"""
    value: object
    append = out.append
    value = obj.published
    if value is not None:
        if not (type(value) is bool):
            raise mismatch(('published',), 'True or False', value)
        try:
            append('published: ' + ('true' if value else 'false'))
        except SchemaError as exc:
            raise SchemaError.of(exc.within('published')) from None
        except WriteError as exc:
            raise unwritable(('published',), exc) from None


def write_Record_featured_content(obj: Any, out: list[str]) -> None:
    """Write Record.featured_content alone, at the top level. (``obj`` is a Record)"""
    value: object
    append = out.append
    value = obj.featured_content
    if value is not None:
        if not (type(value) is str):
            raise mismatch(('featuredContent',), 'a string', value)
        try:
            append('featuredContent: ' + (QUOTE + value + QUOTE if value.isprintable() and QUOTE not in value and BACKSLASH not in value else quoted(value)))
        except SchemaError as exc:
            raise SchemaError.of(exc.within('featuredContent')) from None
        except WriteError as exc:
            raise unwritable(('featuredContent',), exc) from None


def write_Record_provider(obj: Any, out: list[str]) -> None:
    """Write Record.provider alone, at the top level. (``obj`` is a Record)"""
    value: object
    append = out.append
    value = obj.provider
    if not (isinstance(value, Provider)):
        raise mismatch(('provider',), 'a Provider', value)
    append('provider:')
    try:
        write_Provider_2(value, out)
    except SchemaError as exc:
        raise SchemaError.of(exc.within('provider')) from None
    except WriteError as exc:
        raise unwritable(('provider',), exc) from None


def write_Record_topics(obj: Any, out: list[str]) -> None:
    """Write Record.topics alone, at the top level. (``obj`` is a Record)"""
    value: object
    item: object
    append = out.append
    value = obj.topics
    if not (type(value) is tuple):
        raise mismatch(('topics',), 'a tuple', value)
    append('topics: []' if not value else 'topics:')
    for item in value:
        if not (item is None or type(item) is str):
            raise mismatch(('topics', value.index(item)), 'a string', item)
        try:
            append('  - ' if item is None else '  - ' + plain(item))
        except SchemaError as exc:
            raise SchemaError.of(exc.within('topics', value.index(item))) from None
        except WriteError as exc:
            raise unwritable(('topics', value.index(item),), exc) from None


def write_Record_images(obj: Any, out: list[str]) -> None:
    """Write Record.images alone, at the top level. (``obj`` is a Record)"""
    value: object
    item: object
    append = out.append
    value = obj.images
    if value is not None:
        if not (type(value) is tuple):
            raise mismatch(('images',), 'a tuple', value)
        append('images: []' if not value else 'images:')
        for item in value:
            if not (type(item) is Image):
                raise mismatch(('images', value.index(item)), 'Image', item)
            try:
                write_Image_4_item(item, out)
            except SchemaError as exc:
                raise SchemaError.of(exc.within('images', value.index(item))) from None
            except WriteError as exc:
                raise unwritable(('images', value.index(item),), exc) from None


def write_Record_related(obj: Any, out: list[str]) -> None:
    """Write Record.related alone, at the top level. (``obj`` is a Record)"""
    value: object
    item: object
    append = out.append
    value = obj.related
    if value is not None:
        if not (type(value) is tuple):
            raise mismatch(('related',), 'a tuple', value)
        append('related: []' if not value else 'related:')
        for item in value:
            if not (type(item) is RelatedArticle):
                raise mismatch(('related', value.index(item)), 'RelatedArticle', item)
            try:
                write_RelatedArticle_4_item(item, out)
            except SchemaError as exc:
                raise SchemaError.of(exc.within('related', value.index(item))) from None
            except WriteError as exc:
                raise unwritable(('related', value.index(item),), exc) from None


def write_Record_secured(obj: Any, out: list[str]) -> None:
    """Write Record.secured alone, at the top level. (``obj`` is a Record)"""
    value: object
    append = out.append
    value = obj.secured
    if value is not None:
        if not (isinstance(value, Secured) and type(value.text) is str):
            raise mismatch_unshown(('secured',), 'a Secured', value)
        try:
            append('secured: ' + (QUOTE + value.text + QUOTE if value.text.isprintable() and QUOTE not in value.text and BACKSLASH not in value.text else quoted(value.text)))
        except SchemaError as exc:
            raise SchemaError.of(exc.within('secured')) from None
        except WriteError as exc:
            raise unwritable(('secured',), exc) from None


FIELD_WRITERS: dict[str, Callable[[Any, list[str]], None]] = {
    'category': write_Record_category,
    'title': write_Record_title,
    'excerpt': write_Record_excerpt,
    'publishedDateTime': write_Record_published_date_time,
    'originalUrl': write_Record_original_url,
    'webUrl': write_Record_web_url,
    'ampWebUrl': write_Record_amp_web_url,
    'cdnAmpWebUrl': write_Record_cdn_amp_web_url,
    'type': write_Record_type,
    'quality': write_Record_quality,
    'heat': write_Record_heat,
    'removed': write_Record_removed,
    'published': write_Record_published,
    'featuredContent': write_Record_featured_content,
    'provider': write_Record_provider,
    'topics': write_Record_topics,
    'images': write_Record_images,
    'related': write_Record_related,
    'secured': write_Record_secured,
}
