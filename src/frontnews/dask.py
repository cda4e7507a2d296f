"""Reading records on many cores or machines: a Dask DataFrame of records, and one of problems.

:func:`read_records` finds the record files (through fsspec: local paths
and globs, ``memory://``, and object stores once their fsspec package is
installed), cuts them into batches of ``files_per_partition`` files, and
builds two :class:`dask.dataframe.DataFrame` s with :func:`dask.dataframe.from_map`:
one partition per batch, each batch read and turned into Arrow
(:mod:`frontnews.arrow`) on the worker that runs it.

- ``records`` has the columns of :func:`frontnews.arrow.arrow_schema`, as
  pandas :class:`~pandas.ArrowDtype` columns (nested types kept), in file
  order within each partition, partitions in path order.
- ``problems`` has one row per problem of an invalid file: ``path``,
  ``line``, ``column``, ``field`` (each null when not known) and ``message``,
  as ``frontnews validate`` reports them. A file that cannot be opened or
  read is a problem too. Nothing is raised from inside a worker, and no
  invalid record disappears without a row here.

Both frames come from the same partitions: compute them together
(``dask.compute(records, problems)``, or ``dask.persist``) and every file is
read once. Writing a Parquet dataset is Dask's own
``records.to_parquet(folder)``.

>>> import dask
>>> from frontnews.dask import read_records
>>> records, problems = read_records("samples/*.md", files_per_partition=2)
>>> records.npartitions
2
>>> frame, found = dask.compute(records, problems, scheduler="sync")
>>> len(frame), len(found)
(4, 0)
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, NamedTuple

from .checks import check
from .errors import ExportError, MissingExtraError, RecordError, SchemaError
from .limits import DEFAULT_LIMITS, Limits
from .reader import loads

try:
    import dask.dataframe as dd
    import fsspec
    import pandas as pd
    import pyarrow as pa
except ImportError as exc:  # pragma: no cover - depends on what is installed
    raise MissingExtraError(exc.name or "dask", "dask", "frontnews.dask") from exc

from .arrow import arrow_schema, record_row, rows_to_batch

__all__ = [
    "DEFAULT_FILES_PER_PARTITION",
    "PROBLEM_COLUMNS",
    "RecordFrames",
    "find_files",
    "read_partition",
    "read_records",
]

#: Files read by one task unless told otherwise.
DEFAULT_FILES_PER_PARTITION = 500
#: The columns of the problems frame, in order.
#: ``severity`` is ``"error"`` for an invalid file, ``"warning"`` for what
#: :func:`frontnews.checks.check` finds in a valid one (with ``checks=True``).
PROBLEM_COLUMNS = ("path", "line", "column", "field", "message", "severity")
_PROBLEM_TYPES = (pa.string(), pa.int64(), pa.int64(), pa.string(), pa.string(), pa.string())
#: In the frame both views are cut from, the problem columns carry this prefix.
_PREFIX = "\x00problem."


class RecordFrames(NamedTuple):
    """What :func:`read_records` returns: the records, and the problems of the invalid files."""

    records: dd.DataFrame
    problems: dd.DataFrame


def find_files(
    urlpath: str | Sequence[str], *, storage_options: dict[str, Any] | None = None
) -> tuple[Any, list[str]]:
    """Return the fsspec file system and the record files ``urlpath`` names, in path order.

    ``urlpath`` is a path, a glob or a list of them; a folder stands for every
    ``*.md`` file below it. The order is that of :func:`frontnews.iter_records`
    (folder by folder, names sorted).
    """
    fs, _token, paths = fsspec.core.get_fs_token_paths(
        urlpath, storage_options=storage_options or {}
    )
    found: set[str] = set()
    for path in paths:
        if fs.isdir(path):
            found.update(p for p in fs.find(path) if p.endswith(".md"))
        else:
            found.add(path)
    return fs, sorted(found, key=lambda p: p.split("/"))


def _problem_rows(exc: RecordError, path: str) -> list[tuple[Any, ...]]:
    problems = exc.problems if isinstance(exc, SchemaError) else (exc,)
    return [
        (
            p.file if p.file is not None else path,
            p.line,
            p.column,
            p.field or None,
            p.reason,
            "error",
        )
        for p in problems
    ]


def _read_batch(
    fs: Any, paths: Sequence[str], include_secured: bool, limits: Limits, checks: bool
) -> tuple[list[dict[str, Any]], list[tuple[Any, ...]]]:
    rows: list[dict[str, Any]] = []
    problems: list[tuple[Any, ...]] = []
    for path in paths:
        try:
            with fs.open(path, "rb") as handle:
                data = handle.read(limits.max_bytes + 1)
            record = loads(data, limits=limits, source=path)
            rows.append(record_row(record, include_secured=include_secured))
            if checks:
                problems.extend(
                    (w.file or path, w.line, w.column, w.field, w.reason, "warning")
                    for w in check(record, text=data, source=path)
                )
        except RecordError as exc:
            problems.extend(_problem_rows(exc, path))
        except ExportError as exc:
            problems.append((path, None, None, None, str(exc), "error"))
        except OSError as exc:
            problems.append((path, None, None, None, exc.strerror or str(exc), "error"))
    return rows, problems


def _combined_schema(include_secured: bool) -> pa.Schema:
    schema = arrow_schema(include_secured=include_secured)
    extra = [pa.field(_PREFIX + n, t) for n, t in zip(PROBLEM_COLUMNS, _PROBLEM_TYPES, strict=True)]
    return pa.schema([*schema, *extra])


def _nulls(schema: pa.Schema, count: int) -> list[pa.Array]:
    return [pa.nulls(count, field.type) for field in schema]


def read_partition(
    paths: Sequence[str],
    *,
    fs: Any,
    include_secured: bool = False,
    limits: Limits = DEFAULT_LIMITS,
    checks: bool = False,
) -> pd.DataFrame:
    """Read one batch of files into one frame of records and problems (a row for each).

    The work of one task of :func:`read_records`; it never raises for a bad
    file. Problem rows have null record columns, and record rows null problem
    columns.
    """
    rows, problems = _read_batch(fs, paths, include_secured, limits, checks)
    records = rows_to_batch(rows, include_secured=include_secured)
    schema = _combined_schema(include_secured)
    problem_schema = pa.schema(list(schema)[records.num_columns :])
    record_part = pa.RecordBatch.from_arrays(
        [*records.columns, *_nulls(problem_schema, records.num_rows)], schema=schema
    )
    columns = list(zip(*problems, strict=True)) or [()] * len(PROBLEM_COLUMNS)
    problem_arrays = [
        pa.array(list(values), type=t) for values, t in zip(columns, _PROBLEM_TYPES, strict=True)
    ]
    problem_part = pa.RecordBatch.from_arrays(
        [*_nulls(records.schema, len(problems)), *problem_arrays], schema=schema
    )
    table = pa.Table.from_batches([record_part, problem_part], schema=schema)
    return table.to_pandas(types_mapper=pd.ArrowDtype)


def _meta(include_secured: bool) -> pd.DataFrame:
    return _combined_schema(include_secured).empty_table().to_pandas(types_mapper=pd.ArrowDtype)


def read_records(
    urlpath: str | Sequence[str],
    *,
    files_per_partition: int = DEFAULT_FILES_PER_PARTITION,
    include_secured: bool = False,
    storage_options: dict[str, Any] | None = None,
    limits: Limits = DEFAULT_LIMITS,
    checks: bool = False,
) -> RecordFrames:
    """Return the records under ``urlpath`` and the problems of the invalid files, as Dask frames.

    See :mod:`frontnews.dask`. Nothing is read until a frame is computed, but
    the files are listed now (an empty list gives frames with no partitions'
    rows). ``storage_options`` go to fsspec (credentials, endpoints...).
    ``secured`` is a column only with ``include_secured``. With ``checks``,
    the problems frame also holds, as ``"warning"`` rows, what
    :func:`frontnews.checks.check` finds in the valid records.
    """
    if files_per_partition < 1:
        raise ValueError(f"files_per_partition must be at least 1, not {files_per_partition}")
    fs, paths = find_files(urlpath, storage_options=storage_options)
    step = files_per_partition
    batches = [tuple(paths[i : i + step]) for i in range(0, len(paths), step)] or [()]
    both = dd.from_map(
        read_partition,
        batches,
        fs=fs,
        include_secured=include_secured,
        limits=limits,
        checks=checks,
        meta=_meta(include_secured),
        label="frontnews-read",
        enforce_metadata=False,
    )
    names = arrow_schema(include_secured=include_secured).names
    is_problem = both[_PREFIX + "message"].notnull()
    records = both[~is_problem][names]
    problems = both[is_problem][[_PREFIX + n for n in PROBLEM_COLUMNS]]
    problems = problems.rename(columns={_PREFIX + n: n for n in PROBLEM_COLUMNS})
    return RecordFrames(records, problems)
