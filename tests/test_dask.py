"""frontnews.dask on a real LocalCluster: the same records, problems and Parquet rows as serially.

The cluster tests are marked ``dask`` (``pytest -m dask`` runs only them;
they run by default). They start a two-process LocalCluster on 127.0.0.1,
with no dashboard, once for the module, and read small trees so that the
whole module stays within a few tens of seconds.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

dd = pytest.importorskip("dask.dataframe")
distributed = pytest.importorskip("distributed")

import dask  # noqa: E402
import fsspec  # noqa: E402
import pyarrow as pa  # noqa: E402
import pyarrow.parquet as pq  # noqa: E402

import frontnews  # noqa: E402
from frontnews import Record, RecordError, SchemaError  # noqa: E402
from frontnews.arrow import from_arrow  # noqa: E402
from frontnews.dask import PROBLEM_COLUMNS, find_files, read_records  # noqa: E402

from .conftest import ROOT  # noqa: E402

BENCHMARKS = ROOT / "benchmarks"
if str(BENCHMARKS) not in sys.path:
    sys.path.insert(0, str(BENCHMARKS))

from frontnews_bench.corpus import write_corpus  # noqa: E402

#: Seconds any one cluster operation may take before the test fails.
TIMEOUT = 60

BAD_FILES = {
    "bad-schema.md": b"---\ncategory: news\ntitle: 3\n---\n",
    "bad-yaml.md": b"---\ntitle: [unclosed\n---\n",
    "bad-encoding.md": b"---\ntitle: \xff\n---\n",
}


@pytest.fixture(scope="module")
def tree(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """240 generated records in three folders, and three invalid files among them."""
    root = tmp_path_factory.mktemp("records")
    write_corpus(root / "2019" / "a", 100)
    write_corpus(root / "2019" / "b", 100, start=100)
    write_corpus(root / "2020", 40, start=200)
    for name, data in BAD_FILES.items():
        (root / "2019" / "b" / name).write_bytes(data)
    return root


Problem = tuple[Any, ...]


def serial(paths: list[str]) -> tuple[list[Record], list[Problem]]:
    """What one process reading the files one by one gives: the reference."""
    records: list[Record] = []
    problems: list[Problem] = []
    for path in paths:
        try:
            records.append(frontnews.load(path))
        except RecordError as exc:
            for p in exc.problems if isinstance(exc, SchemaError) else (exc,):
                problems.append((p.file, p.line, p.column, p.field or None, p.reason, "error"))
    return records, problems


def as_records(frame: Any) -> list[Record]:
    return list(from_arrow(pa.Table.from_pandas(frame, preserve_index=False)))


def as_problems(frame: Any) -> list[Problem]:
    table = pa.Table.from_pandas(frame, preserve_index=False)
    return [tuple(row.values()) for row in table.to_pylist()]


@pytest.fixture(scope="module")
def client() -> Iterator[Any]:
    """A real two-process LocalCluster, started and stopped by this module."""
    cluster = distributed.LocalCluster(
        n_workers=2,
        threads_per_worker=1,
        processes=True,
        dashboard_address=None,
        host="127.0.0.1",
    )
    with cluster, distributed.Client(cluster, timeout=TIMEOUT) as connected:
        yield connected


def test_files_are_found_in_the_order_iter_records_reads_them(tree: Path) -> None:
    """Partitions follow the serial order: folder by folder, names sorted."""
    _fs, paths = find_files(str(tree))
    assert paths == [str(p) for p in frontnews.files.record_paths(tree)]
    assert len(paths) == 243


@pytest.mark.dask
def test_a_cluster_gives_the_serial_records_and_problems(tree: Path, client: Any) -> None:
    """Every valid record once, in order; every problem of every invalid file."""
    _fs, paths = find_files(str(tree))
    expected, expected_problems = serial(paths)
    records, problems = read_records(str(tree), files_per_partition=25, include_secured=True)
    assert records.npartitions == 10
    frame, found = client.compute([records, problems], sync=True)
    assert as_records(frame) == expected
    assert as_problems(found) == expected_problems
    assert {p[0] for p in as_problems(found)} == {str(tree / "2019" / "b" / n) for n in BAD_FILES}


@pytest.mark.dask
def test_a_cluster_writes_the_parquet_rows_the_serial_export_writes(
    tree: Path, client: Any, tmp_path: Path
) -> None:
    """Dask's to_parquet of the records frame holds the rows frontnews.export writes."""
    records, _problems = read_records(f"{tree}/2019/a/*.md", files_per_partition=30)
    target = tmp_path / "dataset"
    records.to_parquet(target, write_index=False, name_function=lambda i: f"part-{i:05d}.parquet")
    serial_file = tmp_path / "serial.parquet"
    with open(serial_file, "wb") as handle:
        items = frontnews.iter_records(tree / "2019" / "a")
        frontnews.export(items, "parquet", handle, include_unpublished=True)
    dataset = pq.read_table(target)
    exported = pq.read_table(serial_file)
    assert dataset.num_rows == exported.num_rows == 100
    assert dataset.to_pylist() == exported.to_pylist()


@pytest.mark.dask
def test_a_killed_worker_loses_nothing_and_doubles_nothing(tree: Path, client: Any) -> None:
    """Kill a worker holding partitions: Dask reads them again, and the result is unchanged."""
    _fs, paths = find_files(str(tree))
    expected, expected_problems = serial(paths)
    records, problems = read_records(str(tree), files_per_partition=5, include_secured=True)
    records, problems = client.persist([records, problems])
    futures = distributed.futures_of(records)
    distributed.wait(futures[:10], timeout=TIMEOUT)
    holders = {addr for keys in client.who_has(futures).values() for addr in keys}
    victim = sorted(holders)[0]
    pid = client.run(os.getpid, workers=[victim])[victim]
    os.kill(pid, signal.SIGKILL)
    deadline = time.monotonic() + TIMEOUT
    while victim in client.scheduler_info()["workers"] and time.monotonic() < deadline:
        time.sleep(0.05)
    assert victim not in client.scheduler_info()["workers"], "the worker was not killed"
    frame, found = client.compute([records, problems], sync=True)
    assert as_records(frame) == expected
    assert as_problems(found) == expected_problems
    client.wait_for_workers(2, timeout=TIMEOUT)


@pytest.mark.dask
def test_processes_and_threads_schedulers_agree(tree: Path) -> None:
    """Without a cluster, Dask's local schedulers give the same frames."""
    records, problems = read_records(f"{tree}/2020", files_per_partition=16)
    threads = dask.compute(records, problems, scheduler="threads")
    processes = dask.compute(records, problems, scheduler="processes", num_workers=2)
    assert threads[0].equals(processes[0])
    assert len(threads[0]) == 40
    assert len(threads[1]) == len(processes[1]) == 0


def test_memory_filesystem_urls_are_read() -> None:
    """Any fsspec URL works the same; memory:// lives in this process, so threads read it."""
    fs = fsspec.filesystem("memory")
    sample = (ROOT / "samples" / "amnesty-ban-the-scan.md").read_bytes()
    fs.pipe({"/frontnews-test/x/one.md": sample, "/frontnews-test/x/bad.md": b"no front matter"})
    try:
        records, problems = read_records("memory:///frontnews-test/x", include_secured=True)
        frame, found = dask.compute(records, problems, scheduler="threads")
    finally:
        fs.rm("/frontnews-test", recursive=True)
    assert as_records(frame) == [frontnews.loads(sample)]
    assert [row[0] for row in as_problems(found)] == ["/frontnews-test/x/bad.md"]


def test_problem_columns_are_typed_even_when_empty(tree: Path) -> None:
    """The problems frame has its columns whatever the data; secured only when asked."""
    records, problems = read_records(f"{tree}/2020/*.md", files_per_partition=100)
    assert tuple(problems.columns) == PROBLEM_COLUMNS
    assert str(problems.dtypes["line"]) == "int64[pyarrow]"
    assert "secured" not in records.columns
    with pytest.raises(ValueError, match="files_per_partition"):
        read_records(str(tree), files_per_partition=0)


def _frontnews(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "frontnews", *args],
        capture_output=True,
        text=True,
        check=False,
        cwd=cwd,
        timeout=TIMEOUT,
    )


@pytest.mark.dask
@pytest.mark.parametrize("output_format", ["text", "json"])
def test_validate_on_a_cluster_reports_what_serial_validate_reports(
    tree: Path, client: Any, output_format: str
) -> None:
    """`validate --scheduler tcp://...` prints the same problems and status as without it."""
    address = client.scheduler.address
    plain = _frontnews("validate", "--format", output_format, str(tree))
    spread = _frontnews("validate", "--format", output_format, "--scheduler", address, str(tree))
    assert (spread.returncode, plain.returncode) == (1, 1)
    if output_format == "json":
        assert json.loads(spread.stdout) == json.loads(plain.stdout)
    else:
        assert spread.stdout.splitlines() == plain.stdout.splitlines()
        assert "243 records checked: 240 valid, 3 invalid" in spread.stdout


@pytest.mark.dask
def test_export_output_dir_writes_a_dataset_or_nothing(tree: Path, tmp_path: Path) -> None:
    """A Parquet dataset of the published records; with invalid ones, nothing unless skipped."""
    good = tree / "2019" / "a"
    target = tmp_path / "out"
    done = _frontnews(
        "export",
        "--format",
        "parquet",
        "--output-dir",
        str(target),
        "--scheduler",
        "threads",
        str(good),
    )
    assert done.returncode == 0, done.stderr
    published = [r for r in frontnews.iter_records(good) if r.is_published]
    titles = pq.read_table(target).column("title").to_pylist()
    assert titles == [r.title for r in published]
    refused = tmp_path / "refused"
    bad = _frontnews("export", "--format", "parquet", "--output-dir", str(refused), str(tree))
    assert bad.returncode == 1
    assert "bad-schema.md" in bad.stderr
    assert not refused.exists()
    assert [p.name for p in tmp_path.iterdir()] == ["out"], "no scratch folder is left behind"
    skipped = _frontnews(
        "export", "--format", "parquet", "--output-dir", str(refused), "--skip-invalid", str(tree)
    )
    assert skipped.returncode == 0, skipped.stderr
    assert pq.read_table(refused).num_rows == sum(1 for _ in serial_published(tree))


def serial_published(tree: Path) -> Iterator[Record]:
    _fs, paths = find_files(str(tree))
    return (r for r in serial(paths)[0] if r.is_published)


def test_export_output_dir_refuses_options_it_does_not_apply(tree: Path, tmp_path: Path) -> None:
    """Filters that only the serial export applies are refused, not ignored."""
    done = _frontnews(
        "export",
        "--format",
        "parquet",
        "--output-dir",
        str(tmp_path / "x"),
        "--topic",
        "AI",
        str(tree),
    )
    assert done.returncode == 2
    assert "--output-dir does not take --topics" in done.stderr
    wrong = _frontnews("validate", "--scheduler", "somewhere", str(tree))
    assert wrong.returncode == 2
    assert "not processes, threads or a tcp:// scheduler address" in wrong.stderr
