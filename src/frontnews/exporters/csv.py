"""The ``csv`` exporter: one RFC 4180 row per record, under a fixed header.

Every record gives one row with the same columns in the same order
(:data:`COLUMNS`), whatever the data holds. Nested data is flattened the same
way every time: ``provider.name`` and ``provider.domain`` get their own
columns; lists and unknown keys become compact JSON cells. Text cells that a
spreadsheet would run as a formula are defused with a leading ``'`` unless the
caller passes ``guard_formulas=False``. Dates and JSON cells follow
:mod:`frontnews.toolkit` (:func:`~frontnews.toolkit.rfc3339`,
:func:`~frontnews.toolkit.plain_data`). See ``docs/formats/csv.md``.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import IO, Any

from ..errors import ExportError
from ..export import Exporter, ExportOptions, Feed
from ..hookspecs import hookimpl
from ..model import Image, Provider, Record, RelatedArticle
from ..toolkit import plain_data, rfc3339, utf8

__all__ = ["COLUMNS", "EXPORTER", "FORMULA_TRIGGERS", "SECURED_COLUMN", "register_exporters"]

#: The header, in order. ``secured`` is added after these, and only on request.
COLUMNS: tuple[str, ...] = (
    "category",
    "title",
    "excerpt",
    "publishedDateTime",
    "originalUrl",
    "webUrl",
    "ampWebUrl",
    "cdnAmpWebUrl",
    "type",
    "quality",
    "heat",
    "published",
    "removed",
    "featuredContent",
    "provider.name",
    "provider.domain",
    "provider.images",
    "provider.extra",
    "topics",
    "images",
    "related",
    "extra",
    "body",
)
SECURED_COLUMN = "secured"

#: A text cell starting with one of these is prefixed with ``'`` (the formula guard).
FORMULA_TRIGGERS: tuple[str, ...] = ("=", "+", "-", "@", "\t", "\r")

_BOM = b"\xef\xbb\xbf"
_OPTIONS: Mapping[str, bool] = {"bom": False, "guard_formulas": True}


# -- scalars -----------------------------------------------------------------


def _flag(value: bool | None) -> str:
    if value is None:
        return ""
    return "true" if value else "false"


def _number(value: int | None) -> str:
    return "" if value is None else str(value)


# -- JSON cells --------------------------------------------------------------


# One compact encoder for every cell: json.dumps() with options builds a new one per call.
_json_text = json.JSONEncoder(
    ensure_ascii=False, separators=(",", ":"), allow_nan=False, check_circular=False
).encode


def _json_value(value: Any) -> str:
    """Compact JSON for a YAML value, as :func:`frontnews.toolkit.plain_data` gives it."""
    return _json_text(plain_data(value))


def _json_object(pairs: Iterable[tuple[str, str]]) -> str:
    """``{...}`` from (key, already encoded value) pairs, in the order given."""
    return "{" + ",".join(f"{_json_text(k)}:{v}" for k, v in pairs) + "}"


def _with_extra(pairs: list[tuple[str, str]], extra: Mapping[Any, Any]) -> str:
    if not extra:
        return _json_object(pairs)
    tail = [(k, _json_text(v)) for k, v in plain_data(extra).items()]
    return _json_object([*pairs, *tail])


def _image_json(image: Image) -> str:
    pairs = [
        ("url", _json_text(image.url)),
        ("width", str(image.width)),
        ("height", str(image.height)),
    ]
    if image.is_cached is not None:
        pairs.append(("isCached", _json_value(image.is_cached)))
    if image.title is not None:
        pairs.append(("title", _json_text(image.title)))
    return _with_extra(pairs, image.extra)


def _images_json(images: Sequence[Image]) -> str:
    return "[" + ",".join(_image_json(i) for i in images) + "]"


def _provider_json(provider: Provider) -> str:
    pairs = [("name", _json_text(provider.name)), ("domain", _json_text(provider.domain))]
    if provider.images is not None:
        pairs.append(("images", _images_json(provider.images)))
    return _with_extra(pairs, provider.extra)


def _related_json(item: RelatedArticle) -> str:
    pairs = [
        ("title", _json_text(item.title)),
        ("excerpt", _json_text(item.excerpt)),
        ("publishedDateTime", _json_text(rfc3339(item.published_date_time))),
        ("webUrl", _json_text(item.web_url)),
    ]
    if item.amp_web_url is not None:
        pairs.append(("ampWebUrl", _json_text(item.amp_web_url)))
    if item.cdn_amp_web_url is not None:
        pairs.append(("cdnAmpWebUrl", _json_text(item.cdn_amp_web_url)))
    pairs.append(("type", _json_text(item.type)))
    pairs.append(("provider", _provider_json(item.provider)))
    pairs.append(("quality", str(item.quality)))
    if item.images is not None:
        pairs.append(("images", _images_json(item.images)))
    return _with_extra(pairs, item.extra)


def _extra_cell(extra: Mapping[Any, Any]) -> str:
    return _with_extra([], extra) if extra else ""


# -- rows --------------------------------------------------------------------


def _guard(value: str) -> str:
    return "'" + value if value.startswith(FORMULA_TRIGGERS) else value


def _row(record: Record, guard: bool, secured: bool) -> list[str]:
    """The cells of one record, in :data:`COLUMNS` order (plus ``secured`` if asked)."""

    def text(value: str | None) -> str:
        if value is None:
            return ""
        return _guard(value) if guard else value

    provider = record.provider
    row = [
        text(record.category),
        text(record.title),
        text(record.excerpt),
        rfc3339(record.published_date_time),
        text(record.original_url),
        text(record.web_url),
        text(record.amp_web_url),
        text(record.cdn_amp_web_url),
        text(record.type),
        _number(record.quality),
        _number(record.heat),
        _flag(record.published),
        _flag(record.removed),
        text(record.featured_content),
        text(provider.name),
        text(provider.domain),
        "" if provider.images is None else _images_json(provider.images),
        _extra_cell(provider.extra),
        "[" + ",".join(_json_value(t) for t in record.topics) + "]",
        "" if record.images is None else _images_json(record.images),
        "" if record.related is None else "[" + ",".join(map(_related_json, record.related)) + "]",
        _extra_cell(record.extra),
        text(record.body),
    ]
    if secured:
        row.append(text(record.secured.text))
    return row


def _flag_option(options: ExportOptions, name: str) -> bool:
    value = options.params.get(name, _OPTIONS[name])
    if not isinstance(value, bool):
        raise ExportError(f"csv: option {name} must be True or False, not {value!r}")
    return value


def write_csv(
    records: Iterable[Record], stream: IO[bytes], feed: Feed | None, options: ExportOptions
) -> None:
    """Write the header, then one row per record as it comes, to the binary ``stream``.

    ``feed`` is not used: a CSV file has no place for it.
    """
    del feed
    bom = _flag_option(options, "bom")
    guard = _flag_option(options, "guard_formulas")
    secured = options.include_secured
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, dialect="excel", lineterminator="\r\n")

    def emit(cells: Sequence[str]) -> None:
        writer.writerow(cells)
        stream.write(utf8(buffer.getvalue()))
        buffer.seek(0)
        buffer.truncate()

    if bom:
        stream.write(_BOM)
    emit([*COLUMNS, SECURED_COLUMN] if secured else COLUMNS)
    for record in records:
        try:
            cells = _row(record, guard, secured)
        except ExportError as exc:
            raise ExportError(f"csv: record {record.title!r}: {exc}") from None
        emit(cells)


EXPORTER = Exporter(
    name="csv",
    media_type="text/csv; charset=utf-8",
    suffix=".csv",
    write=write_csv,
    description="RFC 4180 CSV, one row per record, fixed header, formula guard on by default",
    options=_OPTIONS,
)


@hookimpl
def register_exporters(register: Callable[[Exporter], None]) -> None:
    """Register the ``csv`` exporter."""
    register(EXPORTER)
