"""The command line's Dask options: ``validate --scheduler`` and ``export --output-dir``.

Kept apart from :mod:`frontnews.cli`, which only adds the options and hands
over to :func:`validate` or :func:`export` when they are given. Dask is
imported only then (the ``frontnews[dask]`` extra).
"""

from __future__ import annotations

import contextlib
import json
import shutil
import tempfile
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any, TypeVar

import click

from .errors import FrontnewsError
from .model import Record
from .schema import schema_of

__all__ = ["SCHEDULERS", "export", "output_dir_option", "scheduler_option", "validate"]

_F = TypeVar("_F", bound=Callable[..., Any])
#: The ``--scheduler`` values besides the ``tcp://`` address of a dask.distributed scheduler.
SCHEDULERS = ("processes", "threads")


def _scheduler(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    if value is None or value in SCHEDULERS or value.startswith("tcp://"):
        return value
    raise click.BadParameter(
        f"{value!r} is not processes, threads or a tcp:// scheduler address", ctx, param
    )


def scheduler_option(function: _F) -> _F:
    """The ``--scheduler`` option: read the files with Dask, here or on a cluster."""
    return click.option(
        "--scheduler",
        callback=_scheduler,
        metavar="SCHEDULER",
        help="Read the files with Dask: 'processes' or 'threads' on this machine, or the "
        "tcp:// address of a running dask.distributed scheduler (needs frontnews[dask]).",
    )(function)


def output_dir_option(function: _F) -> _F:
    """The ``--output-dir`` option of ``export``: a Parquet dataset written by Dask."""
    return click.option(
        "--output-dir",
        type=click.Path(file_okay=False, path_type=Path),
        metavar="DIR",
        help="With --format parquet: write a Parquet dataset (one file per partition) into "
        "DIR, which must not exist or be empty, reading the files with Dask.",
    )(function)


@contextlib.contextmanager
def _dask_scheduler(scheduler: str | None) -> Iterator[None]:
    """Run the block's computations on ``scheduler`` (default: Dask's own choice)."""
    import dask

    if scheduler is None or scheduler in SCHEDULERS:
        with dask.config.set(scheduler=scheduler or "threads"):
            yield
        return
    import distributed

    try:
        client = distributed.Client(scheduler, timeout=30)
    except OSError as exc:
        raise FrontnewsError(f"cannot reach the Dask scheduler at {scheduler}: {exc}") from None
    with client:
        yield


def _frames(paths: Sequence[Path], include_secured: bool = False) -> Any:
    from .dask import read_records

    return read_records([str(p) for p in paths], include_secured=include_secured)


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def _problem_line(row: dict[str, Any]) -> str:
    where = row["path"]
    if row["line"] is not None:
        where += f":{row['line']}" + (f":{row['column']}" if row["column"] is not None else "")
    field = f" {row['field']}:" if row["field"] else ""
    return f"{where}:{field} {row['message']}"


def _problem_rows(problems: Any) -> list[dict[str, Any]]:
    import pyarrow as pa

    rows: list[dict[str, Any]] = pa.Table.from_pandas(problems, preserve_index=False).to_pylist()
    return rows


def validate(paths: Sequence[Path], output_format: str, quiet: bool, scheduler: str) -> int:
    """``frontnews validate --scheduler``: the same report, the files read by Dask."""
    import dask

    records, problems = _frames(paths)
    with _dask_scheduler(scheduler):
        count, found = dask.compute(records.map_partitions(len).sum(), problems)
    rows = _problem_rows(found)
    if output_format == "json":
        keys = {"path": "file", "line": "line", "column": "column", "field": "field"}
        report = [{**{k: r[c] for c, k in keys.items()}, "message": r["message"]} for r in rows]
        click.echo(json.dumps(report, indent=2))
    else:
        for row in rows:
            click.echo(_problem_line(row))
    invalid = len({r["path"] for r in rows})
    if output_format == "text" and not quiet:
        total = int(count) + invalid
        summary = f"{_plural(total, 'record')} checked: {int(count)} valid, {invalid} invalid"
        more = f" ({_plural(len(rows), 'problem')})" if len(rows) > invalid else ""
        click.echo(summary + more)
    return 1 if rows else 0


def _published_key() -> str:
    """The column of the ``published`` flag, from the schema."""
    return next(f.key for f in schema_of(Record).fields if f.name == "published")


#: The export options --output-dir uses; any other that is given is refused.
_DASK_EXPORT_PARAMS = frozenset(
    {
        "paths",
        "format_name",
        "output_dir",
        "scheduler",
        "include_unpublished",
        "include_secured",
        "skip_invalid",
        "quiet",
    }
)


def export(paths: Sequence[Path], params: dict[str, Any]) -> None:
    """``frontnews export --output-dir DIR``: a Parquet dataset, written by Dask's to_parquet.

    The dataset is written to a temporary folder beside DIR and moved into
    place only when every file was read (or ``--skip-invalid`` is given).
    """
    output_dir: Path | None = params["output_dir"]
    if output_dir is None or params["format_name"] != "parquet":
        raise click.UsageError("export --scheduler needs --format parquet --output-dir DIR")
    given = sorted(k for k, v in params.items() if k not in _DASK_EXPORT_PARAMS and v)
    if given:
        names = ", ".join("--" + k.replace("_", "-") for k in given)
        raise click.UsageError(f"--output-dir does not take {names} (yet)")
    if output_dir.exists() and any(output_dir.iterdir()):
        raise click.UsageError(f"--output-dir {output_dir} exists and is not empty")
    import dask

    records, problems = _frames(paths, include_secured=params["include_secured"])
    if not params["include_unpublished"]:
        flag = records[_published_key()]
        records = records[flag.isnull() | flag]
    output_dir.parent.mkdir(parents=True, exist_ok=True)
    scratch = Path(tempfile.mkdtemp(prefix=f".{output_dir.name}.", dir=output_dir.parent))
    try:
        write = records.to_parquet(
            scratch,
            write_index=False,
            compute=False,
            name_function=lambda i: f"part-{i:05d}.parquet",
        )
        with _dask_scheduler(params["scheduler"]):
            _written, found = dask.compute(write, problems)
        rows = _problem_rows(found)
        for row in rows:
            click.echo(_problem_line(row), err=True)
        invalid = len({r["path"] for r in rows})
        if invalid and not params["skip_invalid"]:
            raise FrontnewsError(
                f"{invalid} invalid record{'s' if invalid != 1 else ''}, so nothing was written "
                "(--skip-invalid exports the others)"
            )
        if output_dir.exists():
            output_dir.rmdir()
        scratch.rename(output_dir)
        if invalid:
            click.echo(f"frontnews: warning: skipped {invalid} invalid record(s)", err=True)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
