"""Exporters: RSS 2.0, JSON Feed 1.1 and CSV against their peers, speed and peak memory.

The records are the sample records cycled (:func:`.samples.synthesise`). The
peak memory of one export is measured in a fresh interpreter
(``python -m frontnews_bench.exporters KIND COUNT``, through
:func:`peak_memory_in_subprocess`).
"""

from __future__ import annotations

import functools
import gc
import json
import os
import sys
import tracemalloc
from collections.abc import Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import attrs

import frontnews
from frontnews import Record
from frontnews.errors import ExportError, PluginError
from frontnews.plugins import get_exporter

from . import peers
from .peers import FEED, NullSink, Writer
from .report import Goal, markdown_table, megabytes, reference, verdict
from .samples import find_sample_files, read_corpus, records_of, synthesise
from .timing import Measurement, best_time, in_subprocess, progress

__all__ = [
    "EXPORTERS",
    "PEAK_KINDS",
    "bench_exporters",
    "bench_memory",
    "exporter_cases",
    "frontnews_writer",
    "missing_exporters",
    "peak_memory",
    "peak_memory_in_subprocess",
]

#: The built-in exporters the exporter benchmarks need.
EXPORTERS = ("rss", "jsonfeed", "csv")
#: What peak memory is measured for: a frontnews exporter, or feedgen for contrast.
PEAK_KINDS = (*EXPORTERS, "feedgen")


def missing_exporters() -> list[str]:
    """The built-in exporters the benchmark needs that frontnews does not have (yet)."""
    missing = []
    for name in EXPORTERS:
        try:
            get_exporter(name)
        except (ExportError, PluginError):
            missing.append(name)
    return missing


def frontnews_writer(format_name: str, **params: Any) -> Writer:
    """A writer that runs :func:`frontnews.export` with the benchmark's feed."""

    def write(records: Iterable[Record], sink: NullSink) -> None:
        frontnews.export(
            records, format_name, sink.stream(), feed=FEED, include_unpublished=True, **params
        )

    return write


@attrs.frozen
class Case:
    """One row of an exporter table."""

    name: str
    write: Writer
    reference: bool = False
    #: The least ``time ÷ frontnews`` the project aims for, if any.
    target: Goal | None = None


def exporter_cases() -> dict[str, list[Case]]:
    """The cases of each exporter table, the frontnews reference first, with their targets."""
    rss = [
        Case(
            "frontnews `export(…, 'rss')`, comparable fields",
            frontnews_writer("rss", frontnews_elements=False, related_links=False),
            reference=True,
        ),
        Case("frontnews `export(…, 'rss')`, default (all fields)", frontnews_writer("rss")),
    ]
    if peers.optional("feedgen") is not None:
        rss.append(Case("feedgen `FeedGenerator.rss_str()`", peers.feedgen_rss, target=Goal(3.0)))
    if peers.optional("feedgenerator") is not None:
        name = "feedgenerator `Rss201rev2Feed.writeString()`"
        rss.append(Case(name, peers.feedgenerator_rss, target=Goal(2.0)))
    jsonfeed = [
        Case("frontnews `export(…, 'jsonfeed')`", frontnews_writer("jsonfeed"), reference=True),
        Case("dicts by hand + `json.dumps`", peers.hand_jsonfeed, target=Goal(1.0)),
        Case(
            "frontnews `export(…, 'jsonfeed', extension=False)`",
            frontnews_writer("jsonfeed", extension=False),
        ),
        Case(
            "dicts by hand + `json.dumps`, no `_frontnews`",
            functools.partial(peers.hand_jsonfeed, extension=False),
        ),
    ]
    csv_cases = [
        Case("frontnews `export(…, 'csv')`", frontnews_writer("csv"), reference=True),
        Case("dicts by hand + `csv.DictWriter`", peers.hand_csv),
    ]
    return {"RSS 2.0": rss, "JSON Feed 1.1": jsonfeed, "CSV": csv_cases}


def _time_case(case: Case, records: Sequence[Record], rounds: int, min_time: float) -> Measurement:
    written = NullSink()

    def run() -> None:
        sink = NullSink()
        case.write(records, sink)
        written.size = sink.size

    seconds = best_time(run, rounds=rounds, min_time=min_time)
    return Measurement(case.name, seconds, len(records), written.size, reference=case.reference)


def bench_exporters(
    base: Sequence[Record], count: int, *, rounds: int, min_time: float
) -> dict[str, list[Measurement]]:
    """Time each exporter and its peers on ``count`` records cycled from ``base``, made up front.

    The notes are the size written and the verdict on the case's target.
    """
    records = list(synthesise(base, count))
    results: dict[str, list[Measurement]] = {}
    for section, cases in exporter_cases().items():
        rows = []
        for case in cases:
            progress(f"export {count:,} records: {case.name}")
            rows.append(_time_case(case, records, rounds, min_time))
        ref = reference(rows)
        results[section] = [
            attrs.evolve(
                row,
                notes=(
                    megabytes(row.nbytes),
                    "" if case.target is None else verdict(row.seconds / ref.seconds, case.target),
                ),
            )
            for row, case in zip(rows, cases, strict=True)
        ]
    return results


# -- peak memory ---------------------------------------------------------------------------


def peak_memory(kind: str, count: int, base: Sequence[Record]) -> tuple[int, int]:
    """Export ``count`` records made one at a time; return (peak traced bytes, bytes written).

    ``kind`` is a frontnews exporter name, or ``"feedgen"``. The records come
    from a generator, never a list, and the output goes to a :class:`.peers.NullSink`,
    so the peak is what the exporter itself holds on to.
    """
    if kind not in PEAK_KINDS:
        raise ValueError(f"kind must be one of {', '.join(PEAK_KINDS)}, not {kind!r}")
    write: Writer = peers.feedgen_rss if kind == "feedgen" else frontnews_writer(kind)
    # One record first, untraced: imports, plugin loading and caches are not what is measured.
    write(synthesise(base, 1), NullSink())
    sink = NullSink()
    gc.collect()
    tracemalloc.start()
    try:
        write(synthesise(base, count), sink)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    return peak, sink.size


def peak_memory_in_subprocess(kind: str, count: int) -> tuple[int, int]:
    """:func:`peak_memory` on the sample records, in a fresh interpreter: nothing here skews it."""
    result = in_subprocess("exporters", kind, str(count))
    return int(result["peak"]), int(result["bytes"])


def bench_memory(sizes: tuple[int, int], kinds: Sequence[str] = PEAK_KINDS) -> str:
    """A table of each exporter's peak memory at two sizes, and their ratio.

    The measurements run in subprocesses, as many at once as there are CPUs:
    a traced peak does not depend on what else the machine is doing.
    """
    small, large = sizes
    cases = [(kind, size) for size in (large, small) for kind in kinds]
    progress(f"peak memory: {', '.join(kinds)} at {small:,} and {large:,} records")
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
        measured = pool.map(lambda case: peak_memory_in_subprocess(*case), cases)
        peaks = dict(zip(cases, measured, strict=True))
    body = []
    for kind in kinds:
        peak_small, _ = peaks[kind, small]
        peak_large, written = peaks[kind, large]
        name = "feedgen (for contrast)" if kind == "feedgen" else f"frontnews `{kind}`"
        ratio = f"{peak_large / peak_small:.2f}"
        body.append([name, megabytes(peak_small), megabytes(peak_large), ratio, megabytes(written)])
    headers = [
        "exporter",
        f"peak @ {small:,}",
        f"peak @ {large:,}",
        "ratio",
        f"written @ {large:,}",
    ]
    return markdown_table(headers, body)


def main(argv: Sequence[str] | None = None) -> int:
    """``KIND COUNT``: one :func:`peak_memory` on the sample records, printed as JSON."""
    kind, count = sys.argv[1:] if argv is None else argv
    base = records_of(read_corpus(find_sample_files()))
    peak, written = peak_memory(kind, int(count), base)
    print(json.dumps({"peak": peak, "bytes": written}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
