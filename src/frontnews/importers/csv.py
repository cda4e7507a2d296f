"""The ``csv`` importer: read back the CSV that the ``csv`` exporter writes.

It is the exporter's mirror, column for column (:data:`frontnews.exporters.csv.COLUMNS`
and ``secured``): text cells lose the formula guard's ``'``
(:func:`frontnews.toolkit.unguard_formula`, unless ``guard_formulas=False``),
JSON cells are parsed and their nested ``"extra"`` objects become unknown keys
again, and the record is built by :func:`frontnews.from_dict`, which checks
every field. A byte order mark, CRLF or LF line ends, and cells quoted or not
are all read. Rows edited in a spreadsheet come back as long as the cells keep
the exporter's forms (see ``docs/importing.md``).
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import IO, Any

from ..contract import Importer, ImportOptions, Option
from ..converter import from_dict
from ..errors import SchemaError, SourceError
from ..exporters.csv import COLUMNS, SECURED_COLUMN
from ..hookspecs import hookimpl
from ..model import Record
from ..schema import Kind, schema_of
from ..toolkit import unguard_formula

__all__ = ["IMPORTER", "read_csv", "register_importers"]

#: The most bytes a CSV file may have.
MAX_CSV_BYTES = 1024 * 1024 * 1024
#: The largest cell (a body, a list of related articles) the csv module is allowed to read.
_MAX_CELL = 64 * 1024 * 1024

_OPTIONS: Mapping[str, Option] = {
    "guard_formulas": Option(
        default=True,
        help="The file was written with the formula guard: take its ' off text cells.",
    ),
}

#: Columns every file must have: the record's required fields.
REQUIRED_COLUMNS = (
    "category",
    "title",
    "excerpt",
    "publishedDateTime",
    "type",
    "provider.name",
    "provider.domain",
)


def _column_kinds() -> dict[str, tuple[Kind | str, bool]]:
    """Each column's kind (or ``"extra"``, ``"body"``) and whether its field is optional."""
    kinds: dict[str, tuple[Kind | str, bool]] = {}
    for f in schema_of(Record).fields:
        if f.kind is Kind.MAPPING:
            assert f.cls is not None
            for inner in schema_of(f.cls).fields:
                kinds[f"{f.key}.{inner.key}"] = (inner.kind, inner.optional)
            kinds[f"{f.key}.extra"] = ("extra", True)
        else:
            kinds[f.key] = (f.kind, f.optional)
    kinds["extra"] = ("extra", True)
    kinds["body"] = ("body", False)
    return kinds


_KINDS = _column_kinds()
_KNOWN = (*COLUMNS, SECURED_COLUMN)


def _unnest(value: Any) -> Any:
    """JSON data as the exporter wrote it, back in front-matter shape: ``"extra"`` merged in."""
    if isinstance(value, list):
        return [_unnest(item) for item in value]
    if not isinstance(value, dict):
        return value
    extra = value.get("extra")
    out = {key: _unnest(item) for key, item in value.items() if key != "extra"}
    if isinstance(extra, dict):
        out.update(extra)
    elif "extra" in value:
        out["extra"] = extra  # not an object: the converter says what is wrong
    return out


class _Row:
    """One data row being turned into a front-matter mapping."""

    def __init__(self, number: int, options: ImportOptions) -> None:
        self.number = number
        self.source = options.source
        self.unguard: Callable[[str], str] = (
            unguard_formula if options.params.get("guard_formulas", True) else str
        )

    def error(self, message: str, column: str | None) -> SourceError:
        return SourceError(message, source=self.source, entry=self.number, field=column)

    def value(self, column: str, cell: str) -> Any:
        """The front-matter value of one cell; ``None`` for an absent optional field."""
        kind, optional = _KINDS[column]
        if kind in (Kind.TEXT, Kind.TOKEN, "body"):
            text = self.unguard(cell)
            return None if optional and not text else text
        if not cell.strip():
            return [] if kind is Kind.TEXTS else None
        if kind is Kind.INTEGER:
            try:
                return int(cell.strip())
            except ValueError:
                raise self.error(f"expected an integer, got {cell!r}", column) from None
        if kind is Kind.BOOLEAN:
            flag = cell.strip().lower()
            if flag not in ("true", "false"):
                raise self.error(f"expected true or false, got {cell!r}", column)
            return flag == "true"
        if kind is Kind.DATETIME:
            return cell.strip()
        try:
            return _unnest(json.loads(cell))
        except ValueError as exc:
            raise self.error(f"not valid JSON: {exc}", column) from None
        except RecursionError:
            raise self.error("not valid JSON: nested too deeply", column) from None

    def record(self, header: Sequence[str], cells: Sequence[str]) -> Record:
        data: dict[str, Any] = {}
        provider: dict[str, Any] = {}
        unknown: dict[str, Any] = {}
        for column, cell in zip(header, cells, strict=True):
            value = self.value(column, cell)
            if _KINDS[column][0] == "extra":
                if value is not None and not isinstance(value, dict):
                    raise self.error("expected a JSON object", column)
                (provider if column.startswith("provider.") else unknown).update(value or {})
            elif column.startswith("provider."):
                provider[column.removeprefix("provider.")] = value
            elif column != "body":
                data[column] = value
        data["provider"] = provider
        data.setdefault("topics", [])  # a hand-made file may leave the column out
        try:
            return from_dict({**data, **unknown}, body=self.value("body", _body(header, cells)))
        except SchemaError as exc:
            raise self.error(exc.reason, exc.field) from None
        except RecursionError:
            raise self.error("nested too deeply", None) from None


def _body(header: Sequence[str], cells: Sequence[str]) -> str:
    return cells[header.index("body")] if "body" in header else ""


def _header(row: list[str], source: str) -> list[str]:
    header = [name.strip() for name in row]
    unknown = [name for name in header if name not in _KNOWN]
    if unknown:
        raise SourceError(
            f"unknown column(s) {', '.join(map(repr, unknown))}: the csv importer reads the "
            "columns the csv exporter writes (unknown keys belong in the extra column, as JSON)",
            source=source,
        )
    missing = [name for name in REQUIRED_COLUMNS if name not in header]
    twice = sorted({name for name in header if header.count(name) > 1})
    if missing or twice:
        what = f"missing column(s) {', '.join(missing)}" if missing else ""
        what += ("; " if what else "") + (f"column(s) twice: {', '.join(twice)}" if twice else "")
        raise SourceError(what, source=source)
    return header


def _text(stream: IO[bytes], source: str) -> str:
    data = stream.read(MAX_CSV_BYTES + 1)
    if len(data) > MAX_CSV_BYTES:
        raise SourceError(f"larger than {MAX_CSV_BYTES} bytes", source=source)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise SourceError(f"not UTF-8 text (byte {exc.start})", source=source) from None


def read_csv(stream: IO[bytes], options: ImportOptions) -> Iterator[Record]:
    """Yield one record per data row of the CSV in ``stream``, in file order.

    Rows whose cells are all empty are skipped (spreadsheets leave them).
    Entry numbers in errors count data rows: the row after the header is
    entry 1.
    """
    if csv.field_size_limit() < _MAX_CELL:
        csv.field_size_limit(_MAX_CELL)  # only ever raised: the default is 128 KiB
    reader = csv.reader(io.StringIO(_text(stream, options.source), newline=""), strict=True)
    try:
        first = next(reader, None)
        if first is None:
            raise SourceError("is empty: no header row", source=options.source)
        header = _header(first, options.source)
        for number, cells in enumerate(reader, 1):
            if not any(cells):
                continue
            row = _Row(number, options)
            if len(cells) > len(header):
                raise row.error(f"{len(cells)} cells under a header of {len(header)}", None)
            yield row.record(header, [*cells, *[""] * (len(header) - len(cells))])
    except csv.Error as exc:
        raise SourceError(
            f"not valid CSV (line {reader.line_num}): {exc}", source=options.source
        ) from None


IMPORTER = Importer(
    name="csv",
    read=read_csv,
    suffixes=(".csv",),
    media_types=("text/csv",),
    description="CSV as the csv exporter writes it, edited or not; the formula guard undone",
    options=_OPTIONS,
)


@hookimpl
def register_importers(register: Callable[[Importer], None]) -> None:
    """Register the ``csv`` importer."""
    register(IMPORTER)
