"""The command line: options, and the whole run, printed as Markdown to stdout.

``python benchmarks/bench.py [options]`` runs :func:`main`; so does
``python -m frontnews_bench`` with ``benchmarks/`` on the path.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable, Sequence
from typing import Any

import attrs

from . import arrow
from . import corpus as synthetic
from .attacks import bench_attacks
from .commands import bench_commands
from .dump import bench_dump
from .exporters import bench_exporters, bench_memory, missing_exporters
from .iter_records import bench_iter_records
from .load import bench_load
from .machine import machine_table
from .report import DUMP_GOALS, LOAD_GOALS, add_targets, markdown_table, target_rows
from .report import throughput_table as throughput
from .samples import (
    SHARED_REAL,
    Corpus,
    corpus_table,
    find_sample_files,
    read_corpus,
    records_of,
    synthetic_corpus,
)
from .startup import bench_startup
from .timing import QUICK, SIZE_OPTIONS, Settings, progress

__all__ = ["Report", "main", "parse"]

_FULL = Settings()


def _sizes(text: str) -> tuple[int, ...]:
    try:
        sizes = sorted({int(part.replace("_", "")) for part in text.split(",") if part.strip()})
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"not a comma-separated list of counts: {text!r}"
        ) from None
    if not sizes or sizes[0] < 1:
        raise argparse.ArgumentTypeError("folder sizes must be at least 1")
    return tuple(sizes)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python benchmarks/bench.py",
        description="Benchmark frontnews against its peers; prints Markdown tables to stdout.",
    )

    def option(name: str, kind: Callable[[str], Any], text: str) -> None:
        field = name.removeprefix("--").replace("-", "_")
        default, quick = getattr(_FULL, field), getattr(QUICK, field)
        shown = ",".join(map(str, default)) if isinstance(default, tuple) else default
        quick = ",".join(map(str, quick)) if isinstance(quick, tuple) else quick
        parser.add_argument(name, type=kind, help=f"{text} (default {shown}, {quick} with --quick)")

    parser.add_argument("--quick", action="store_true", help="small sizes and few rounds")
    option(
        "--records",
        int,
        "synthetic records for load/dump, and records per exporter run; exporter peak "
        "memory is measured at this size and five times it",
    )
    option("--iter-sizes", _sizes, "comma-separated folder sizes for iter_records")
    parser.add_argument(
        "--seed",
        type=int,
        default=synthetic.DEFAULT_SEED,
        help=f"seed of the synthetic corpus (default {synthetic.DEFAULT_SEED})",
    )
    option("--rounds", int, "timed rounds per load/dump case on the samples")
    option(
        "--corpus-rounds",
        int,
        "timed rounds per case on the synthetic corpus, and most passes per iter_records folder",
    )
    option("--export-rounds", int, "timed rounds per exporter case")
    option("--min-time", float, "least seconds per round")
    option("--startup-runs", int, "runs of each startup command")
    option(
        "--command-records",
        int,
        "records in the folder that validate, fmt --check and export run on as commands",
    )
    option("--command-runs", int, "runs of each command")
    parser.add_argument(
        "--arrow-sizes",
        type=_sizes,
        default=(),
        help="also measure to_arrow, Parquet and Dask read_records at these corpus sizes "
        "(needs the arrow and dask extras; default: skipped)",
    )
    parser.add_argument(
        "--attacks",
        action="store_true",
        help="also time the known hostile inputs, each in a fresh process (about a second)",
    )
    parser.add_argument(
        "--no-memory",
        action="store_true",
        help="skip the peak-memory measurements (their subprocesses take the longest)",
    )
    return parser


def parse(argv: Sequence[str] | None = None) -> Settings:
    """The settings the command line asks for: ``--quick`` or full defaults, then each option."""
    parser = _parser()
    args = parser.parse_args(argv)
    chosen = {name: value for name in SIZE_OPTIONS if (value := getattr(args, name)) is not None}
    settings = attrs.evolve(
        QUICK if args.quick else _FULL,
        **chosen,
        seed=args.seed,
        memory=not args.no_memory,
        arrow_sizes=args.arrow_sizes,
        attacks=args.attacks,
        argv=tuple(sys.argv[1:] if argv is None else argv),
    )
    s = settings
    if min(s.records, s.rounds, s.corpus_rounds, s.export_rounds, s.startup_runs) < 1:
        parser.error("--records, the rounds and the runs must be at least 1")
    if min(s.command_records, s.command_runs) < 1:
        parser.error("--records, the rounds and the runs must be at least 1")
    if s.min_time < 0:
        parser.error("--min-time must be at least 0")
    return settings


@attrs.define
class Report:
    """The Markdown report as it is built, and the rows of its closing Targets table."""

    lines: list[str] = attrs.Factory(list)
    targets: list[list[str]] = attrs.Factory(list)

    def section(self, title: str, *blocks: str) -> None:
        """Add a ``###`` section: its title, then each block followed by a blank line."""
        self.lines += [f"### {title}", ""]
        for block in blocks:
            self.lines += [block, ""]

    def text(self) -> str:
        """The report so far, with the Targets table at the end."""
        targets = markdown_table(["table", "row", "target"], self.targets, left=3)
        return "\n".join([*self.lines, "### Targets", "", targets, ""])


def _load_and_dump(
    report: Report, label: str, corpus: Corpus, rounds: int, min_time: float, *, pure: bool
) -> None:
    """The Load and Dump sections for one corpus; ``pure``: with PyYAML's pure-Python rows."""
    rows = bench_load(corpus, rounds=rounds, min_time=min_time, pure=pure)
    rows = add_targets(rows, LOAD_GOALS)
    notes = ["same data as libyaml", "target"]
    report.section(f"Load: {label}", throughput(rows, "record", notes))
    report.targets += target_rows(f"Load: {label}", rows)
    rows = bench_dump(corpus, rounds=rounds, min_time=min_time, pure=pure)
    rows = add_targets(rows, DUMP_GOALS)
    notes = ["front matter round-trips", "file round-trips byte for byte", "target"]
    report.section(f"Dump: {label}", throughput(rows, "record", notes, mb="MB/s written"))
    report.targets += target_rows(f"Dump: {label}", rows)


def _iter_records(report: Report, s: Settings) -> None:
    result = bench_iter_records(s.iter_sizes, seed=s.seed, rounds=s.corpus_rounds, memory=s.memory)
    sizes = ", ".join(f"{n:,}" for n in s.iter_sizes)
    report.section(f"`iter_records(folder)`: folders of {sizes} synthetic records", result.table)
    if result.memory_verdict:
        smallest, largest = s.iter_sizes[0], s.iter_sizes[-1]
        what = f"peak traced memory, {largest:,} vs {smallest:,} records"
        report.targets.append(["`iter_records(folder)`", what, result.memory_verdict])


def _exporters(report: Report, samples: Corpus, s: Settings) -> None:
    missing = missing_exporters()
    if missing:
        message = f"exporters skipped: frontnews has no {', '.join(missing)} exporter yet"
        progress(message)
        report.section(f"Exporters: {message}")
        return
    base = records_of(samples)
    results = bench_exporters(base, s.records, rounds=s.export_rounds, min_time=s.min_time)
    for section, rows in results.items():
        table = throughput(rows, "record", ["output", "target"], mb="MB/s written")
        report.section(f"Export {section}: {s.records:,} records", table)
        report.targets += target_rows(f"Export {section}", rows)
    if s.memory:
        counts = (s.records, 5 * s.records)
        title = f"Peak traced memory: {counts[0]:,} vs {counts[1]:,} records, streamed"
        report.section(title, bench_memory(counts))


def _commands(report: Report, s: Settings) -> None:
    """The Commands section: fmt --check against validate, export against a plain script."""
    table, targets = bench_commands(s.command_records, seed=s.seed, runs=s.command_runs)
    report.section(f"Commands: {s.command_records:,} synthetic records, one process each", table)
    report.targets += targets


def _arrow(report: Report, s: Settings) -> None:
    """The optional Arrow, Parquet and Dask section (``--arrow-sizes``)."""
    if not s.arrow_sizes:
        return
    if not arrow.available():
        progress("arrow section skipped: install the arrow and dask extras")
        report.section("Arrow, Parquet and Dask: skipped (pyarrow or dask is not installed)")
        return
    sizes = ", ".join(f"{n:,}" for n in s.arrow_sizes)
    table = arrow.bench_arrow(s.arrow_sizes, seed=s.seed, rounds=s.corpus_rounds)
    report.section(f"Arrow, Parquet and Dask: {sizes} synthetic records", table)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the benchmark and print the report; return the exit status."""
    s = parse(argv)
    started = time.perf_counter()
    samples = read_corpus(find_sample_files())
    shared = sum(1 for path in samples.paths if SHARED_REAL in path.parents)
    progress(f"generating {s.records:,} synthetic records (seed {s.seed})")
    made = synthetic_corpus(s.records, s.seed)
    report = Report(["## frontnews benchmark", "", machine_table(s, samples, shared), ""])
    corpora = {"sample records": samples, f"synthetic ({s.records:,})": made}
    report.section("Corpora: the real sample records and the synthetic ones", corpus_table(corpora))
    label = f"{s.records:,} synthetic records"
    _load_and_dump(report, label, made, s.corpus_rounds, s.min_time, pure=False)
    label = f"{len(samples.data)} sample records"
    _load_and_dump(report, label, samples, s.rounds, s.min_time, pure=True)
    _iter_records(report, s)
    report.section("Startup", bench_startup(s.startup_runs))
    _exporters(report, samples, s)
    _commands(report, s)
    _arrow(report, s)
    if s.attacks:
        report.section("Hostile input: read or refused, in a fresh process", bench_attacks())
    print(report.text() + f"\nTotal run time: {time.perf_counter() - started:.0f} s.")
    return 0
