"""Records as Arrow data: a table schema generated from the record schema, and both conversions.

Every column comes from :func:`frontnews.schema.schema_of`: a field's key is
its column name, its kind says its Arrow type, a nested class is a struct and
a list of nested classes a list of structs. Nothing here names a field of the
record. The rules, the same at every depth:

- text is ``string``, integers ``int64``, booleans ``bool``, lists of text
  ``list<string>`` (an item may be null); an optional field that is absent is
  null. An empty list and an absent list stay apart (``[]`` and null).
- A timestamp is two columns: the key itself, a ``timestamp[us, tz=UTC]``
  holding the instant, and the key plus ``Offset``, an ``int32`` holding the
  record's UTC offset in seconds (null for a time written without one). A
  time without an offset is stored as its wall-clock reading, as though it
  were UTC, with a null offset: every record comes back as written, and
  sorting and grouping on the first column work as with
  :func:`frontnews.filters.instant` (naive means UTC).
- Unknown keys of each mapping are one ``string`` column or struct field,
  ``extra``: a JSON object in file order, or null when there are none. A value
  JSON has no type for (a date or time, binary data, a set, a mapping with
  keys that are not text, a non-finite number) is written as
  ``{"$yaml": "<the value in YAML>"}``, and so is a mapping whose only key is
  ``$yaml``: :func:`from_arrow` gives back exactly what PyYAML read.
- ``secured`` is a ``string`` column only when ``include_secured=True``.
- ``body`` is a ``string`` column and ``layout`` a struct of ``newline`` and
  ``bom``, so that :func:`from_arrow` gives records that write back byte for
  byte.

:func:`from_arrow` needs the ``secured`` column: a record cannot exist without
its token, so a table written without it (the default) is for analysis, and
:func:`from_arrow` refuses it with a :class:`~frontnews.SchemaError`.

``import frontnews`` does not import pyarrow; ``frontnews.to_arrow`` and
``frontnews.from_arrow`` import this module on first use. Without pyarrow,
importing it raises :class:`~frontnews.MissingExtraError`, which names the
``frontnews[arrow]`` extra.

>>> import frontnews
>>> record = frontnews.load("samples/amnesty-ban-the-scan.md")
>>> table = frontnews.to_arrow([record], include_secured=True)
>>> table.num_rows, table.schema.field("publishedDateTime").type
(1, TimestampType(timestamp[us, tz=UTC]))
>>> table.column("provider").to_pylist()
[{'name': 'Amnesty UK', 'domain': 'amnesty.org.uk', 'images': None, 'extra': None}]
>>> list(frontnews.from_arrow(table)) == [record]
True
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
import math
import typing
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Any

import attrs
import yaml

from .converter import from_dict
from .errors import ExportError, MissingExtraError, SchemaError
from .extra import Extra, thaw
from .model import Layout, Record
from .schema import Field, Kind, per_class, schema_of

try:
    import pyarrow as pa
except ImportError as exc:  # pragma: no cover - exercised in a subprocess by the tests
    raise MissingExtraError("pyarrow", "arrow", "frontnews.arrow") from exc

__all__ = [
    "DEFAULT_BATCH_SIZE",
    "OFFSET_SUFFIX",
    "arrow_schema",
    "from_arrow",
    "iter_batches",
    "record_row",
    "rows_to_batch",
    "to_arrow",
]

#: Records per :class:`pyarrow.RecordBatch` unless told otherwise.
DEFAULT_BATCH_SIZE = 4096
#: A timestamp column ``K`` has its UTC offset, in seconds, in column ``K + OFFSET_SUFFIX``.
OFFSET_SUFFIX = "Offset"
#: The key that marks a value JSON cannot hold, written as YAML in the unknown-keys column.
YAML_TAG = "$yaml"

_EPOCH = dt.datetime(1970, 1, 1)
_MICROSECOND = dt.timedelta(microseconds=1)

try:
    _YamlLoader: type[Any] = yaml.CSafeLoader
    _YamlDumper: type[Any] = yaml.CSafeDumper
except AttributeError:  # pragma: no cover - PyYAML without libyaml
    _YamlLoader, _YamlDumper = yaml.SafeLoader, yaml.SafeDumper


# -- the Arrow schema, from the record schema ------------------------------------------------


_SCALAR_TYPES: Mapping[Kind, pa.DataType] = {
    Kind.TEXT: pa.string(),
    Kind.TOKEN: pa.string(),
    Kind.INTEGER: pa.int64(),
    Kind.BOOLEAN: pa.bool_(),
    Kind.TEXTS: pa.list_(pa.string()),
}


def _timestamp(storage: bool) -> pa.DataType:
    return pa.int64() if storage else pa.timestamp("us", tz="UTC")


def _fields_of(cls: type[Any], *, storage: bool, secured: bool) -> list[pa.Field]:
    """The Arrow fields of one model class: its schema's fields, ``extra`` in its place."""
    schema = schema_of(cls)
    out: list[pa.Field] = []
    for position, f in enumerate(schema.fields):
        if position == schema.extra_at and schema.extra is not None:
            out.append(pa.field(schema.extra, pa.string()))
        if f.kind is Kind.TOKEN and not secured:
            continue
        out.extend(_arrow_fields(f, storage=storage))
    if schema.extra_at == len(schema.fields) and schema.extra is not None:
        out.append(pa.field(schema.extra, pa.string()))
    return out


def _arrow_fields(f: Field, *, storage: bool) -> list[pa.Field]:
    if f.kind is Kind.DATETIME:
        return [pa.field(f.key, _timestamp(storage)), pa.field(f.key + OFFSET_SUFFIX, pa.int32())]
    if f.kind in (Kind.MAPPING, Kind.MAPPINGS):
        assert f.cls is not None
        struct = pa.struct(_fields_of(f.cls, storage=storage, secured=True))
        return [pa.field(f.key, struct if f.kind is Kind.MAPPING else pa.list_(struct))]
    return [pa.field(f.key, _SCALAR_TYPES[f.kind])]


def _layout_type() -> pa.DataType:
    return pa.struct(
        [
            ("newline", pa.string()),
            ("bom", pa.bool_()),
            ("key_order", pa.string()),
            ("comments", pa.list_(pa.int32())),
            ("nested_key_orders", pa.string()),
            ("scalar_styles", pa.string()),
        ]
    )


def _store_layout(layout: Layout) -> dict[str, Any]:
    """A layout as a struct row: the key orders as YAML text (keys may be any YAML scalar)."""
    order = layout.key_order
    nested = [[path, list(keys)] for path, keys in layout.nested_key_orders]
    return {
        "newline": layout.newline,
        "bom": layout.bom,
        "key_order": None if order is None else yaml.safe_dump(list(order), width=1 << 30),
        "comments": list(layout.comments),
        "nested_key_orders": yaml.safe_dump(nested, width=1 << 30) if nested else None,
        "scalar_styles": _json(dict(layout.scalar_styles)) if layout.scalar_styles else None,
    }


def _load_layout(row: dict[str, Any] | None) -> Layout | None:
    if not row:
        return None
    order = row.get("key_order")
    nested = row.get("nested_key_orders")
    styles = row.get("scalar_styles")
    return Layout(
        newline=row["newline"],
        bom=row["bom"],
        key_order=None if order is None else tuple(yaml.safe_load(order)),
        comments=tuple(row.get("comments") or ()),
        nested_key_orders=tuple(
            (path, tuple(keys)) for path, keys in (yaml.safe_load(nested) if nested else ())
        ),
        scalar_styles=tuple(json.loads(styles).items()) if styles else (),
    )


@attrs.frozen
class _Context:
    """How one attribute that is not front matter (the body, the layout) is stored."""

    name: str
    type: pa.DataType
    store: Callable[[Any], Any]
    load: Callable[[Any], Any]


def _contexts() -> tuple[_Context, ...]:
    """The columns for what surrounds the front matter, from the record's own annotations."""
    hints = typing.get_type_hints(Record)
    kinds = {
        str: (pa.string(), lambda v: v, lambda v: v or ""),
        Layout: (_layout_type(), _store_layout, _load_layout),
    }
    return tuple(_Context(name, *kinds[hints[name]]) for name in schema_of(Record).context)


_CONTEXTS = _contexts()


def _context_fields() -> list[pa.Field]:
    return [pa.field(c.name, c.type) for c in _CONTEXTS]


_SCHEMAS: dict[tuple[bool, bool], pa.Schema] = {}
#: The token's column, present only with ``include_secured``.
_SECURED = next(f.key for f in schema_of(Record).fields if f.kind is Kind.TOKEN)


def _schema(*, storage: bool, secured: bool) -> pa.Schema:
    key = (storage, secured)
    if key not in _SCHEMAS:
        fields = _fields_of(Record, storage=storage, secured=secured) + _context_fields()
        _SCHEMAS[key] = pa.schema(fields)
    return _SCHEMAS[key]


def arrow_schema(*, include_secured: bool = False) -> pa.Schema:
    """Return the Arrow schema of a table of records (with a ``secured`` column if asked).

    >>> from frontnews.arrow import arrow_schema
    >>> schema = arrow_schema()
    >>> schema.names[:4], schema.names[-3:]
    (['category', 'title', 'excerpt', 'publishedDateTime'], ['extra', 'body', 'layout'])
    >>> "secured" in schema.names, "secured" in arrow_schema(include_secured=True).names
    (False, True)
    """
    return _schema(storage=False, secured=include_secured)


# -- unknown keys as JSON --------------------------------------------------------------------


def _plain(value: Any) -> Any:
    """``value`` as JSON can hold it; what JSON cannot hold is tagged YAML."""
    if value is None or isinstance(value, bool | str | int):
        return value
    if isinstance(value, float) and math.isfinite(value):
        return value
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, dict) and all(type(k) is str for k in value) and list(value) != [YAML_TAG]:
        return {k: _plain(v) for k, v in value.items()}
    try:
        text = yaml.dump(value, Dumper=_YamlDumper, allow_unicode=True)
    except yaml.YAMLError as exc:
        raise ExportError(f"arrow: an unknown key holds {type(value).__name__}: {exc}") from None
    return {YAML_TAG: text}


def _unplain(value: Any) -> Any:
    if isinstance(value, list):
        return [_unplain(v) for v in value]
    if isinstance(value, dict):
        if list(value) == [YAML_TAG] and isinstance(value[YAML_TAG], str):
            return yaml.load(value[YAML_TAG], Loader=_YamlLoader)  # a safe loader
        return {k: _unplain(v) for k, v in value.items()}
    return value


_json = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), allow_nan=False).encode


def _extra_json(extra: Extra) -> str | None:
    return _json(_plain(thaw(extra))) if extra else None


def _extra_items(text: str | None) -> dict[Any, Any]:
    if text is None:
        return {}
    value = _unplain(json.loads(text))
    if not isinstance(value, dict):
        raise SchemaError("expected a JSON object of unknown keys", field="extra")
    return value


# -- timestamps ------------------------------------------------------------------------------


def _instant(value: dt.datetime) -> tuple[int, int | None]:
    """Microseconds since the epoch (of the UTC instant; of the wall clock when naive), offset."""
    offset = value.utcoffset()
    wall = (value.replace(tzinfo=None) - _EPOCH) // _MICROSECOND
    if offset is None:
        return wall, None
    if offset % dt.timedelta(seconds=1):
        raise ExportError(f"arrow: the UTC offset {offset} of {value} has a fraction of a second")
    return wall - offset // _MICROSECOND, offset // dt.timedelta(seconds=1)


def _datetime(micros: int, offset: int | None) -> dt.datetime:
    if offset is None:
        return _EPOCH + micros * _MICROSECOND
    wall = _EPOCH + (micros + offset * 1_000_000) * _MICROSECOND
    return wall.replace(tzinfo=dt.timezone(dt.timedelta(seconds=offset)))


# -- records to rows -------------------------------------------------------------------------

Row = dict[str, Any]


@per_class
def _row_maker(cls: type[Any]) -> Callable[[Any, bool], Row]:
    """Build the function that turns one object of ``cls`` into an Arrow row (a dict)."""
    schema = schema_of(cls)
    steps: list[Callable[[Any, Row, bool], None]] = []
    for position, f in enumerate(schema.fields):
        if position == schema.extra_at and schema.extra is not None:
            steps.append(_extra_step(schema.extra))
        steps.append(_field_step(f))
    if schema.extra_at == len(schema.fields) and schema.extra is not None:
        steps.append(_extra_step(schema.extra))

    def row(obj: Any, secured: bool) -> Row:
        out: Row = {}
        for step in steps:
            step(obj, out, secured)
        return out

    return row


def _extra_step(name: str) -> Callable[[Any, Row, bool], None]:
    def step(obj: Any, out: Row, secured: bool) -> None:
        out[name] = _extra_json(getattr(obj, name))

    return step


def _field_step(f: Field) -> Callable[[Any, Row, bool], None]:
    name, key, kind, cls = f.name, f.key, f.kind, f.cls

    def step(obj: Any, out: Row, secured: bool) -> None:
        value = getattr(obj, name)
        if kind is Kind.TOKEN:
            if secured:
                out[key] = None if value is None else value.text
        elif value is None:
            out[key] = None
            if kind is Kind.DATETIME:
                out[key + OFFSET_SUFFIX] = None
        elif kind is Kind.DATETIME:
            out[key], out[key + OFFSET_SUFFIX] = _instant(value)
        elif kind is Kind.MAPPING:
            out[key] = _row_maker(cls)(value, True)  # type: ignore[arg-type]
        elif kind is Kind.MAPPINGS:
            make = _row_maker(cls)  # type: ignore[arg-type]
            out[key] = [make(item, True) for item in value]
        elif kind is Kind.TEXTS:
            out[key] = list(value)
        else:
            out[key] = value

    return step


def record_row(record: Record, *, include_secured: bool = False) -> Row:
    """Return one record as a row of plain values for :func:`rows_to_batch`.

    Raises :class:`~frontnews.ExportError` for a value Arrow cannot hold as
    this module stores it (a UTC offset with a fraction of a second, an
    unknown key holding something YAML cannot write).
    """
    row = _row_maker(Record)(record, include_secured)
    for context in _CONTEXTS:
        row[context.name] = context.store(getattr(record, context.name))
    return row


def rows_to_batch(rows: list[Row], *, include_secured: bool = False) -> pa.RecordBatch:
    """Return rows made by :func:`record_row` as one :class:`pyarrow.RecordBatch`."""
    storage = _schema(storage=True, secured=include_secured)
    batch = pa.RecordBatch.from_pylist(rows, schema=storage)
    return batch.cast(_schema(storage=False, secured=include_secured))


def iter_batches(
    records: Iterable[Record],
    *,
    batch_size: int = DEFAULT_BATCH_SIZE,
    include_secured: bool = False,
) -> Iterator[pa.RecordBatch]:
    """Yield the records as :class:`pyarrow.RecordBatch` es of ``batch_size`` rows (the last fewer).

    Only one batch of records is held at a time: this is what the Parquet
    exporter writes row group by row group. No batch is yielded for no records.

    >>> import frontnews
    >>> from frontnews.arrow import iter_batches
    >>> records = frontnews.iter_records("samples")
    >>> [batch.num_rows for batch in iter_batches(records, batch_size=3)]
    [3, 1]
    """
    if batch_size < 1:
        raise ValueError(f"batch_size must be at least 1, not {batch_size}")
    iterator = iter(records)
    while chunk := list(itertools.islice(iterator, batch_size)):
        rows = [record_row(r, include_secured=include_secured) for r in chunk]
        yield rows_to_batch(rows, include_secured=include_secured)


def to_arrow(
    records: Iterable[Record],
    *,
    include_secured: bool = False,
    batch_size: int = DEFAULT_BATCH_SIZE,
) -> pa.Table:
    """Return the records as one :class:`pyarrow.Table` (the columns: :mod:`frontnews.arrow`).

    The ``secured`` token is left out unless ``include_secured`` is true.

    >>> import frontnews
    >>> table = frontnews.to_arrow(frontnews.iter_records("samples"))
    >>> table.num_rows, "secured" in table.column_names
    (4, False)
    >>> table.column("publishedDateTimeOffset").to_pylist()
    [0, 3600, 0, 0]
    """
    schema = arrow_schema(include_secured=include_secured)
    batches = iter_batches(records, batch_size=batch_size, include_secured=include_secured)
    return pa.Table.from_batches(list(batches), schema=schema)


# -- rows to records -------------------------------------------------------------------------


@per_class
def _mapping_maker(cls: type[Any]) -> Callable[[Row], dict[str, Any]]:
    """Build the function that turns an Arrow row of ``cls`` back into its front-matter mapping."""
    schema = schema_of(cls)
    known = schema.keys
    fields = [(f.key, f.kind, f.cls) for f in schema.fields]
    extra = schema.extra

    def mapping(row: Row) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for key, kind, nested in fields:
            value = row.get(key)
            if value is None:
                continue
            if kind is Kind.DATETIME:
                value = _datetime(value, row.get(key + OFFSET_SUFFIX))
            elif kind is Kind.MAPPING:
                value = _mapping_maker(nested)(value)  # type: ignore[arg-type]
            elif kind is Kind.MAPPINGS:
                make = _mapping_maker(nested)  # type: ignore[arg-type]
                value = [make(item) for item in value]
            out[key] = value
        if extra is not None:
            unknown = _extra_items(row.get(extra))
            clash = known.intersection(unknown)
            if clash:
                raise SchemaError(f"unknown keys hold known keys: {sorted(clash)}", field=extra)
            out.update(unknown)
        return out

    return mapping


def _record(row: Row) -> Record:
    context = {c.name: c.load(row.get(c.name)) for c in _CONTEXTS}
    return from_dict(_mapping_maker(Record)(row), **context)


def _storage_batches(data: pa.Table | pa.RecordBatch) -> Iterator[pa.RecordBatch]:
    """The batches of ``data``, cast to the storage schema (timestamps as integers)."""
    if _SECURED not in data.schema.names:
        raise SchemaError(
            "the table has no secured column, and a record cannot be rebuilt without its "
            "token: write the table with include_secured=True",
            field=_SECURED,
        )
    storage = _schema(storage=True, secured=True)
    missing = [name for name in storage.names if name not in data.schema.names]
    if missing:
        raise SchemaError(f"the table has no column {', '.join(missing)}")
    batches = [data] if isinstance(data, pa.RecordBatch) else data.to_batches()
    for batch in batches:
        selected = pa.RecordBatch.from_arrays(
            [batch.column(name) for name in storage.names], names=storage.names
        )
        try:
            yield selected.cast(storage)
        except (pa.ArrowInvalid, pa.ArrowNotImplementedError) as exc:
            raise SchemaError(f"the table's columns do not have the record types: {exc}") from None


def from_arrow(data: pa.Table | pa.RecordBatch) -> Iterator[Record]:
    """Yield the records of a table or batch made by :func:`to_arrow` with ``include_secured=True``.

    Columns are found by name; columns that are not the record's are ignored,
    and compatible types are accepted (``large_string`` for ``string``, a
    timestamp in another unit or time zone), so a table that went through
    Parquet, pandas or Polars reads back. Raises
    :class:`~frontnews.SchemaError` for a table without the ``secured``
    column (see above), a missing column, or a row that is not a valid record
    (the error names the row as ``<arrow row N>``, from 0).

    >>> import frontnews
    >>> records = list(frontnews.iter_records("samples"))
    >>> table = frontnews.to_arrow(records, include_secured=True)
    >>> list(frontnews.from_arrow(table)) == records
    True
    >>> next(frontnews.from_arrow(frontnews.to_arrow(records)))
    Traceback (most recent call last):
      ...
    frontnews.errors.SchemaError: <string>: secured: the table has no secured column, and a record cannot be rebuilt without its token: write the table with include_secured=True
    """  # noqa: E501
    index = 0
    for batch in _storage_batches(data):
        for row in batch.to_pylist():
            try:
                yield _record(row)
            except SchemaError as exc:
                raise exc.located(f"<arrow row {index}>") from None
            index += 1
