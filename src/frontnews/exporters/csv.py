"""The ``csv`` exporter: one RFC 4180 row per record, under a fixed header.

Every record gives one row with the same columns in the same order
(:data:`COLUMNS`), whatever the data holds. Nested data is flattened the same
way every time: ``provider.name`` and ``provider.domain`` get their own
columns; lists and unknown keys become compact JSON cells. Text cells that a
spreadsheet would run as a formula are defused with a leading ``'`` unless the
caller passes ``guard_formulas=False`` (:func:`frontnews.toolkit.guard_formula`,
which the ``csv`` importer undoes). Dates and JSON cells follow
:mod:`frontnews.toolkit` (:func:`~frontnews.toolkit.rfc3339`,
:func:`~frontnews.toolkit.plain_data`). See ``docs/formats/csv.md``.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import IO, Any

from ..contract import Exporter, ExportOptions, Feed, Option
from ..errors import ExportError
from ..hookspecs import hookimpl
from ..model import Record
from ..schema import Field, Kind, schema_of
from ..toolkit import (
    FORMULA_TRIGGERS,
    guard_formula,
    plain_data_at,
    record_data_function,
    rfc3339,
    utf8,
)

__all__ = ["COLUMNS", "EXPORTER", "FORMULA_TRIGGERS", "SECURED_COLUMN", "register_exporters"]

SECURED_COLUMN = "secured"


_BOM = b"\xef\xbb\xbf"
_OPTIONS: Mapping[str, Option] = {
    "bom": Option(default=False, help="Start with a UTF-8 byte order mark (for Excel)."),
    "guard_formulas": Option(
        default=True, help="Prefix cells that start with = + - @ with ' (formula injection)."
    ),
}

# One compact encoder for every cell: json.dumps() with options builds a new one per call.
_json_text = json.JSONEncoder(
    ensure_ascii=False, separators=(",", ":"), allow_nan=False, check_circular=False
).encode

# -- the columns, from the schema ------------------------------------------------------------
#
# A column is (header, cell, is_text): ``cell`` takes the object that holds the
# field (the record, or its provider) and gives the cell's text; text cells get
# the formula guard. Scalars get a column each, a nested mapping (the provider)
# is flattened one level into "provider.name" and the like, lists and unknown
# keys are compact JSON cells (frontnews.toolkit.record_data's shape).

_Cell = Callable[[Any], str]


def _flag(value: bool | None) -> str:
    if value is None:
        return ""
    return "true" if value else "false"


def _cell(f: Field) -> _Cell:
    """The cell of one field (not a nested mapping), from the object holding it."""
    name = f.name
    if f.kind is Kind.TEXT:
        return lambda obj: getattr(obj, name) or ""
    if f.kind is Kind.INTEGER:
        return lambda obj: "" if (value := getattr(obj, name)) is None else str(value)
    if f.kind is Kind.BOOLEAN:
        return lambda obj: _flag(getattr(obj, name))
    if f.kind is Kind.DATETIME:
        return lambda obj: rfc3339(getattr(obj, name))
    if f.kind is Kind.TOKEN:
        return lambda obj: getattr(obj, name).text
    if f.kind is Kind.TEXTS:
        return lambda obj: _json_text(list(getattr(obj, name)))
    assert f.kind is Kind.MAPPINGS
    assert f.cls is not None
    each = record_data_function(f.cls)

    def items(obj: Any) -> str:
        value = getattr(obj, name)
        return "" if value is None else _json_text([each(item) for item in value])

    return items


def _extra_cell(name: str, header: str) -> _Cell:
    def cell(obj: Any) -> str:
        extra = getattr(obj, name)
        return _json_text(plain_data_at(extra, header)) if extra else ""

    return cell


def _within(name: str, cell: _Cell) -> _Cell:
    return lambda obj: cell(getattr(obj, name))


def _columns(cls: type[Any], prefix: str = "") -> list[tuple[str, _Cell, bool]]:
    """The columns of ``cls``'s fields, in schema order; a nested mapping is flattened."""
    schema = schema_of(cls)
    columns: list[tuple[str, _Cell, bool]] = []
    for position, f in enumerate([*schema.fields, None]):
        if position == schema.extra_at and schema.extra is not None:
            columns.append((prefix + "extra", _extra_cell(schema.extra, prefix + "extra"), False))
        if f is None or f.kind is Kind.TOKEN:  # secured: the last column, on request only
            continue
        if f.kind is Kind.MAPPING:
            assert f.cls is not None
            inner = _columns(f.cls, f"{prefix}{f.key}.")
            columns.extend((header, _within(f.name, cell), text) for header, cell, text in inner)
        else:
            columns.append((prefix + f.key, _cell(f), f.kind is Kind.TEXT))
    return columns


#: Every column but secured: the front matter's, then the body (which is not front matter).
_RECORD_COLUMNS = [*_columns(Record), ("body", lambda record: record.body, True)]
_SECURED = (
    SECURED_COLUMN,
    lambda record: "" if record.secured is None else record.secured.text,
    True,
)

#: The header, in order. ``secured`` is added after these, and only on request.
COLUMNS: tuple[str, ...] = tuple(header for header, _, _ in _RECORD_COLUMNS)


def _row_function(guard: bool, secured: bool) -> Callable[[Record], list[str]]:
    """The function that gives one record's cells, in :data:`COLUMNS` order."""
    columns = [*_RECORD_COLUMNS, _SECURED] if secured else _RECORD_COLUMNS
    cells = [
        (lambda obj, cell=cell: guard_formula(cell(obj))) if guard and text else cell
        for _, cell, text in columns
    ]

    def row(record: Record) -> list[str]:
        return [cell(record) for cell in cells]

    return row


def _flag_option(options: ExportOptions, name: str) -> bool:
    value = options.params.get(name, _OPTIONS[name].default)
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
    row = _row_function(guard, secured)
    for record in records:
        try:
            cells = row(record)
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
