"""Arrow, Parquet and Dask: records as data, on one core and on a LocalCluster.

For each size, a synthetic corpus (:mod:`.corpus`) is written to a temporary
folder, then:

- in memory (records already read): ``frontnews.to_arrow(records)``,
  ``frontnews.export(records, "parquet", sink)``, and the obvious user code,
  ``pandas.DataFrame([to_dict(r) ...]).to_parquet(buffer)``;
- from the files: the serial path, ``to_arrow(iter_records(folder))`` and a
  Parquet export from ``iter_records``; then ``frontnews.dask.read_records``
  on a two-process ``LocalCluster`` (counting the records and problems, so
  that only the reading is measured, and writing a Parquet dataset with
  ``to_parquet``).

Each case runs ``rounds`` times and the best is kept. Run it alone with
``PYTHONPATH=benchmarks python -m frontnews_bench.arrow --sizes 1000,10000``.
"""

from __future__ import annotations

import argparse
import io
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import frontnews

from .corpus import DEFAULT_SEED, write_corpus
from .peers import NullSink
from .report import markdown_table, megabytes
from .timing import progress

__all__ = ["available", "bench_arrow", "main"]

#: Files per Dask partition in the cluster rows.
FILES_PER_PARTITION = 500


def available() -> bool:
    """Whether pyarrow, pandas and Dask are installed (the ``arrow`` and ``dask`` extras)."""
    try:
        import dask.dataframe  # noqa: F401
        import distributed  # noqa: F401
        import pyarrow  # noqa: F401
    except ImportError:
        return False
    return True


def _best(fn: Callable[[], Any], rounds: int) -> tuple[float, Any]:
    """The least wall time of ``rounds`` calls, and the last call's result."""
    best, result = float("inf"), None
    for _ in range(rounds):
        started = time.perf_counter()
        result = fn()
        best = min(best, time.perf_counter() - started)
    return best, result


def _row(case: str, count: int, seconds: float, note: str = "") -> list[str]:
    rate = count / seconds if seconds else float("inf")
    per = seconds / count * 1e6
    return [case, f"{seconds:.3f} s", f"{rate:,.0f}", f"{per:,.1f} µs", note]


def _pandas_parquet(records: Sequence[frontnews.Record]) -> int:
    """The obvious user code: a DataFrame of to_dict() rows, written by pandas."""
    import pandas as pd

    frame = pd.DataFrame([{**frontnews.to_dict(r), "body": r.body} for r in records])
    buffer = io.BytesIO()
    frame.to_parquet(buffer)
    return len(buffer.getvalue())


def _in_memory(records: list[frontnews.Record], rounds: int) -> list[list[str]]:
    count = len(records)
    seconds, _ = _best(lambda: frontnews.to_arrow(records), rounds)
    rows = [_row("`to_arrow(records)`", count, seconds)]

    def export() -> int:
        sink = NullSink()
        frontnews.export(records, "parquet", sink.stream(), include_unpublished=True)
        return sink.size

    seconds, size = _best(export, rounds)
    rows.append(_row("`export(records, 'parquet')`", count, seconds, megabytes(size)))
    seconds, size = _best(lambda: _pandas_parquet(records), rounds)
    rows.append(_row("`pd.DataFrame([to_dict(r)…]).to_parquet()`", count, seconds, megabytes(size)))
    return rows


def _serial_files(folder: Path, count: int, rounds: int) -> list[list[str]]:
    seconds, _ = _best(lambda: frontnews.to_arrow(frontnews.iter_records(folder)), rounds)
    rows = [_row("serial: `to_arrow(iter_records(folder))`", count, seconds)]

    def export() -> int:
        sink = NullSink()
        records = frontnews.iter_records(folder)
        frontnews.export(records, "parquet", sink.stream(), include_unpublished=True)
        return sink.size

    seconds, size = _best(export, rounds)
    case = "serial: `export(iter_records(folder), 'parquet')`"
    rows.append(_row(case, count, seconds, megabytes(size)))
    return rows


def _cluster_files(client: Any, folder: Path, count: int, rounds: int) -> list[list[str]]:
    import dask

    from frontnews.dask import read_records

    def read() -> Any:
        records, problems = read_records(str(folder), files_per_partition=FILES_PER_PARTITION)
        counts = records.map_partitions(len).sum(), problems.map_partitions(len).sum()
        return dask.compute(*counts), records.npartitions

    seconds, ((found, bad), partitions) = _best(read, rounds)
    assert (int(found), int(bad)) == (count, 0), "the cluster read every record"
    per_partition = seconds * len(client.scheduler_info()["workers"]) / partitions
    note = f"{partitions} partitions, {per_partition:.3f} s worker time per partition"
    rows = [_row("LocalCluster(2): `read_records(folder)`, count", count, seconds, note)]

    def write() -> None:
        target = Path(tempfile.mkdtemp(prefix="frontnews-bench-"))
        try:
            records, _ = read_records(str(folder), files_per_partition=FILES_PER_PARTITION)
            records.to_parquet(target / "out", write_index=False)
        finally:
            shutil.rmtree(target, ignore_errors=True)

    seconds, _ = _best(write, rounds)
    rows.append(_row("LocalCluster(2): `read_records(folder).to_parquet(dir)`", count, seconds))
    return rows


def bench_arrow(
    sizes: Sequence[int], *, seed: int = DEFAULT_SEED, rounds: int = 2, cluster: bool = True
) -> str:
    """The Arrow, Parquet and Dask table for each size, as Markdown."""
    headers = ["case", "time", "records/s", "time per record", "notes"]
    blocks = []
    client = _start_cluster() if cluster else None
    try:
        for size in sizes:
            folder = Path(tempfile.mkdtemp(prefix="frontnews-bench-arrow-"))
            try:
                progress(f"arrow: writing {size:,} records")
                write_corpus(folder, size, seed)
                records = list(frontnews.iter_records(folder))
                progress(f"arrow: {size:,} records in memory")
                rows = _in_memory(records, rounds)
                del records
                progress(f"arrow: {size:,} records from files")
                rows += _serial_files(folder, size, rounds)
                if client is not None:
                    rows += _cluster_files(client, folder, size, rounds)
            finally:
                shutil.rmtree(folder, ignore_errors=True)
            blocks.append(f"**{size:,} records**\n\n" + markdown_table(headers, rows, left=1))
    finally:
        if client is not None:
            client.close()
            client.cluster.close()
    return "\n\n".join(blocks)


def _start_cluster() -> Any:
    import distributed

    cluster = distributed.LocalCluster(
        n_workers=2,
        threads_per_worker=1,
        processes=True,
        dashboard_address=None,
        host="127.0.0.1",
        silence_logs=40,
    )
    return distributed.Client(cluster)


def main(argv: Sequence[str] | None = None) -> int:
    """Print the tables for ``--sizes``."""
    parser = argparse.ArgumentParser(prog="python -m frontnews_bench.arrow")
    parser.add_argument("--sizes", default="1000,10000")
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--no-cluster", action="store_true")
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    print(f"cores: {os.cpu_count()}, Python {sys.version.split()[0]}\n")
    print(bench_arrow(sizes, seed=args.seed, rounds=args.rounds, cluster=not args.no_cluster))
    return 0


if __name__ == "__main__":
    sys.exit(main())
