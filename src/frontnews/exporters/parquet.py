"""The ``parquet`` exporter: the records' Arrow table (:mod:`frontnews.arrow`) as Apache Parquet.

The file is written one row group at a time: ``batch_size`` records are
turned into an Arrow batch and written, then dropped, so memory follows the
batch size, not the number of records. The columns are those of
:func:`frontnews.arrow.arrow_schema`; ``secured`` only with
``include_secured``. See ``docs/formats/parquet.md``.

The exporter is a built-in plugin like the others, but it needs pyarrow (the
``frontnews[arrow]`` extra): without it, :func:`register_exporters` registers
nothing and ``parquet`` is not a format. This module does not import pyarrow
itself, so loading the plugins stays fast; writing does.
"""

from __future__ import annotations

import importlib.util
import io
from collections.abc import Callable, Iterable, Mapping
from typing import IO, Any

from ..contract import Exporter, ExportOptions, Feed, Option
from ..errors import ExportError
from ..hookspecs import hookimpl
from ..model import Record

__all__ = ["COMPRESSIONS", "EXPORTER", "available", "register_exporters", "write_parquet"]

#: The compression codecs the ``compression`` option takes (all in every pyarrow wheel).
COMPRESSIONS = ("zstd", "snappy", "gzip", "none")
_OPTIONS: Mapping[str, Option] = {
    "batch_size": Option(default=10_000, help="Records per row group (and held in memory)."),
    "compression": Option(default="zstd", help="The column codec.", choices=COMPRESSIONS),
}


def available() -> bool:
    """Tell whether pyarrow is installed, without importing it."""
    return importlib.util.find_spec("pyarrow") is not None


class _Sink(io.RawIOBase):
    """A write-only stream that counts what it writes: Parquet asks where it is (``tell``).

    The stream given to an exporter may be a pipe, which cannot tell.
    """

    def __init__(self, stream: IO[bytes]) -> None:
        super().__init__()
        self._stream = stream
        self._written = 0

    def writable(self) -> bool:
        return True

    def write(self, data: Any) -> int:
        view = memoryview(data).cast("B")
        self._stream.write(view)
        self._written += len(view)
        return len(view)

    def tell(self) -> int:
        return self._written


def _options(options: ExportOptions) -> tuple[int, str]:
    batch_size = options.params.get("batch_size", _OPTIONS["batch_size"].default)
    if type(batch_size) is not int or batch_size < 1:
        raise ExportError(f"parquet: batch_size must be a whole number >= 1, not {batch_size!r}")
    compression = options.params.get("compression", _OPTIONS["compression"].default)
    if compression not in COMPRESSIONS:
        raise ExportError(
            f"parquet: compression must be one of {', '.join(COMPRESSIONS)}, not {compression!r}"
        )
    return batch_size, compression


def write_parquet(
    records: Iterable[Record], stream: IO[bytes], feed: Feed | None, options: ExportOptions
) -> None:
    """Write the records to the binary ``stream`` as one Parquet file, a row group per batch.

    ``feed`` is not used: a table has no place for it. No records give a
    valid file with the columns and no rows.
    """
    del feed
    batch_size, compression = _options(options)
    import pyarrow as pa
    import pyarrow.parquet as pq

    from .. import arrow

    secured = options.include_secured
    schema = arrow.arrow_schema(include_secured=secured)
    sink = _Sink(stream)
    with pq.ParquetWriter(sink, schema, compression=compression) as writer:
        for batch in arrow.iter_batches(records, batch_size=batch_size, include_secured=secured):
            writer.write_table(pa.Table.from_batches([batch], schema=schema))


EXPORTER = Exporter(
    name="parquet",
    media_type="application/vnd.apache.parquet",
    suffix=".parquet",
    write=write_parquet,
    description="Apache Parquet, typed nested columns, one row group per batch of records",
    options=_OPTIONS,
    binary=True,
)


@hookimpl
def register_exporters(register: Callable[[Exporter], None]) -> None:
    """Register the ``parquet`` exporter when pyarrow is installed; otherwise nothing."""
    if available():
        register(EXPORTER)
