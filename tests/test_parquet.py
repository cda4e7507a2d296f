"""The parquet exporter: row groups of bounded size, read correctly by pandas, Polars and DuckDB."""

from __future__ import annotations

import datetime as dt
import io
import subprocess
import sys
from pathlib import Path
from typing import IO

import pytest

pq = pytest.importorskip("pyarrow.parquet")

import frontnews  # noqa: E402
from frontnews import Record  # noqa: E402
from frontnews.arrow import from_arrow  # noqa: E402

from .conftest import ROOT, make_record  # noqa: E402

SAMPLES = ROOT / "samples"


@pytest.fixture(scope="module")
def samples() -> list[Record]:
    return [frontnews.load(p) for p in sorted(SAMPLES.glob("*.md"))]


@pytest.fixture
def written(tmp_path: Path, samples: list[Record]) -> Path:
    """The samples exported to a Parquet file, unpublished ones too, two records per row group."""
    target = tmp_path / "records.parquet"
    with open(target, "wb") as handle:
        frontnews.export(samples, "parquet", handle, include_unpublished=True, batch_size=2)
    return target


def test_parquet_is_written_in_row_groups_of_batch_size(written: Path) -> None:
    """Four records, batches of two: two row groups; only a batch is held at a time."""
    meta = pq.ParquetFile(written).metadata
    assert (meta.num_rows, meta.num_row_groups) == (4, 2)
    assert [meta.row_group(i).num_rows for i in range(2)] == [2, 2]


def test_parquet_round_trips_records_when_secured_is_included(samples: list[Record]) -> None:
    """With the token, the Parquet file gives back the very records."""
    stream = io.BytesIO()
    frontnews.export(samples, "parquet", stream, include_unpublished=True, include_secured=True)
    table = pq.read_table(io.BytesIO(stream.getvalue()))
    assert list(from_arrow(table)) == samples


def test_pandas_reads_typed_columns(written: Path, samples: list[Record]) -> None:
    """pandas sees UTC timestamps, integers with nulls, nested providers and topic lists."""
    pd = pytest.importorskip("pandas")
    frame = pd.read_parquet(written)
    assert list(frame["title"]) == [r.title for r in samples]
    assert str(frame["publishedDateTime"].dt.tz) == "UTC"
    assert frame["publishedDateTime"].iloc[0] == pd.Timestamp(samples[0].published_date_time)
    assert [p["name"] for p in frame["provider"]] == [r.provider.name for r in samples]
    assert [list(t) for t in frame["topics"]] == [list(r.topics) for r in samples]
    assert "secured" not in frame.columns


def test_polars_reads_structs_and_lists(written: Path, samples: list[Record]) -> None:
    """Polars reads nested columns natively: provider.name and exploded topics."""
    pl = pytest.importorskip("polars")
    frame = pl.read_parquet(written)
    assert frame["provider"].struct.field("domain").to_list() == [
        r.provider.domain for r in samples
    ]
    topics = frame.select(pl.col("topics").explode())["topics"].to_list()
    assert topics == [t for r in samples for t in r.topics]
    assert frame.schema["publishedDateTime"] == pl.Datetime("us", "UTC")


def test_duckdb_queries_nested_columns(written: Path, samples: list[Record]) -> None:
    """DuckDB counts records per provider and unnests related articles."""
    duckdb = pytest.importorskip("duckdb")
    per_provider = duckdb.sql(
        f"select provider.name, count(*) from '{written}' group by all order by all"
    ).fetchall()
    expected = sorted((r.provider.name, 1) for r in samples)
    assert per_provider == expected
    related = duckdb.sql(f"select sum(len(related)) from '{written}'").fetchall()
    assert related == [(sum(len(r.related or ()) for r in samples),)]


class _Pipe(io.RawIOBase):
    """A stream that cannot seek or tell, like standard output into a pipe."""

    def __init__(self) -> None:
        self.data = bytearray()

    def writable(self) -> bool:
        return True

    def write(self, data: object) -> int:
        chunk = bytes(data)  # type: ignore[call-overload]
        self.data += chunk
        return len(chunk)

    def tell(self) -> int:
        raise OSError("not seekable")


def test_parquet_can_be_written_to_a_stream_that_cannot_tell() -> None:
    """A pipe is enough: the exporter counts the bytes itself."""
    pipe = _Pipe()
    stream: IO[bytes] = pipe  # type: ignore[assignment]
    frontnews.export([make_record()], "parquet", stream)
    assert pq.read_table(io.BytesIO(bytes(pipe.data))).num_rows == 1


def test_bad_parquet_options_are_export_errors() -> None:
    """Options are checked before anything is written."""
    with pytest.raises(frontnews.ExportError, match="batch_size"):
        frontnews.export([make_record()], "parquet", io.BytesIO(), batch_size=0)
    with pytest.raises(frontnews.ExportError, match="compression"):
        frontnews.export([make_record()], "parquet", io.BytesIO(), compression="lz9")


def test_no_records_give_a_valid_empty_file() -> None:
    """The columns are there, with no rows."""
    stream = io.BytesIO()
    frontnews.export([], "parquet", stream)
    table = pq.read_table(io.BytesIO(stream.getvalue()))
    assert table.num_rows == 0
    assert "publishedDateTime" in table.column_names


def test_cli_exports_parquet_chosen_by_the_output_suffix(tmp_path: Path) -> None:
    """`frontnews export samples -o x.parquet` needs no --format."""
    target = tmp_path / "x.parquet"
    done = subprocess.run(
        [sys.executable, "-m", "frontnews", "export", str(SAMPLES), "-o", str(target)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    table = pq.read_table(target)
    published = [r for r in map(frontnews.load, sorted(SAMPLES.glob("*.md"))) if r.is_published]
    assert table.column("title").to_pylist() == [r.title for r in published]
    since = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)
    assert all(t >= since for t in table.column("publishedDateTime").to_pylist())
