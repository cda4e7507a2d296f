"""The command line's Dask options: ``validate --scheduler`` and ``export --output-dir``.

Kept apart from :mod:`frontnews.cli`, which only adds the options and hands
over to :func:`validate` or :func:`export` when they are given. Dask is
imported only then (the ``frontnews[dask]`` extra).
"""

from __future__ import annotations

import contextlib
import shutil
import tempfile
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any, TypeVar

import attrs
import click

from ..errors import FrontnewsError
from ..model import Record
from ..schema import schema_of

__all__ = [
    "SCHEDULERS",
    "Problem",
    "export",
    "output_dir_option",
    "scheduler_option",
    "validate",
]

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
        "DIR, which must not exist or be empty, reading the files with Dask. With --split-by "
        "or --page-size: the folder the feeds are written into (made if missing).",
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
    from ..dask import read_records

    return read_records([str(p) for p in paths], include_secured=include_secured)


@attrs.frozen
class Problem:
    """One row of the problems frame, shaped as the command line reports problems."""

    file: str
    line: int | None
    column: int | None
    field: str | None
    reason: str
    warning: bool

    def line_text(self) -> str:
        """``path:line:column: field: message``, as much of the place as is known."""
        where = self.file
        if self.line is not None:
            where += f":{self.line}" + (f":{self.column}" if self.column is not None else "")
        field = f" {self.field}:" if self.field else ""
        return f"{where}:{field} {self.reason}"


def validate(paths: Sequence[Path], scheduler: str) -> tuple[int, list[Problem]]:
    """Read and check the files with Dask; return how many read as records, and the problems.

    The problems (errors of invalid files, warnings of valid ones) come in
    path order, as ``frontnews validate`` finds them without Dask.
    """
    import dask

    from ..dask import read_records

    records, problems = read_records([str(p) for p in paths], checks=True)
    with _dask_scheduler(scheduler):
        count, found = dask.compute(records.map_partitions(len).sum(), problems)
    return int(count), _problems(found)


def _problems(frame: Any) -> list[Problem]:
    """The rows of a computed problems frame."""
    import pyarrow as pa

    rows = pa.Table.from_pandas(frame, preserve_index=False).to_pylist()
    return [
        Problem(
            file=row["path"],
            line=row["line"],
            column=row["column"],
            field=row["field"],
            reason=row["message"],
            warning=row["severity"] == "warning",
        )
        for row in rows
    ]


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
        rows = _problems(found)
        for row in rows:
            click.echo(row.line_text(), err=True)
        invalid = len({r.file for r in rows})
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
