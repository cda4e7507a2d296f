"""Timing: the best of several rounds, as :mod:`timeit` does, and what one timed case gives."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
import timeit
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import attrs

__all__ = [
    "MB",
    "QUICK",
    "SIZE_OPTIONS",
    "Measurement",
    "Settings",
    "best_time",
    "best_times",
    "each",
    "in_subprocess",
    "progress",
    "timed",
]

#: A megabyte: 10^6 bytes.
MB = 1_000_000

_STARTED = time.perf_counter()


def progress(message: str) -> None:
    """Say what is running on stderr, so that stdout holds only the tables."""
    print(f"[bench {time.perf_counter() - _STARTED:5.0f} s] {message}", file=sys.stderr, flush=True)


def best_time(fn: Callable[[], object], *, rounds: int, min_time: float) -> float:
    """Seconds for one call of ``fn``: the best of ``rounds`` rounds.

    A round repeats ``fn`` until it has run for at least ``min_time`` seconds;
    a first, untimed round finds that count and warms caches up. As in
    :mod:`timeit`, the garbage collector is off while a round runs.
    """
    return best_times([fn], rounds=rounds, min_time=min_time)[0]


def best_times(fns: Sequence[Callable[[], object]], *, rounds: int, min_time: float) -> list[float]:
    """Seconds for one call of each of ``fns``, as :func:`best_time`, their rounds interleaved.

    Round ``r`` of every function runs before round ``r + 1`` of any: on a
    machine other work loads unevenly, the cases of one table (frontnews and
    its peers) then share the quiet and the busy moments, and their ratios
    move less than their absolute times.
    """
    timers = [timeit.Timer(fn) for fn in fns]
    numbers = [_calibrate(timer, min_time) for timer in timers]
    best = [float("inf")] * len(timers)
    for _ in range(rounds):
        for index, (timer, number) in enumerate(zip(timers, numbers, strict=True)):
            best[index] = min(best[index], timer.timeit(number) / number)
    return best


def _calibrate(timer: timeit.Timer, min_time: float) -> int:
    """How many calls make a round of at least ``min_time`` seconds (an untimed warm-up)."""
    number = 1
    while True:
        elapsed = timer.timeit(number)
        if elapsed >= min_time:
            return number
        grow = 10 if elapsed <= 0 else round(1.2 * min_time / elapsed)
        number *= max(2, min(10, grow))


def each(fn: Callable[[Any], object], inputs: Sequence[Any]) -> Callable[[], None]:
    """A function that calls ``fn`` once on every input: one pass, the unit that is timed."""

    def run() -> None:
        for value in inputs:
            fn(value)

    return run


@attrs.frozen
class Measurement:
    """One timed case: ``seconds`` for a full pass over ``items`` items (``nbytes`` bytes).

    ``notes`` fill the table's last columns; the ``reference`` row is the
    frontnews case every other row of its table is compared with.
    """

    name: str
    seconds: float
    items: int
    nbytes: int
    notes: tuple[str, ...] = ()
    reference: bool = False

    @property
    def per_second(self) -> float:
        """Items handled per second."""
        return self.items / self.seconds

    @property
    def mb_per_second(self) -> float:
        """Megabytes (10^6 bytes) handled per second."""
        return self.nbytes / MB / self.seconds


def timed(
    pending: Sequence[tuple[Callable[[], object], Measurement]], *, rounds: int, min_time: float
) -> list[Measurement]:
    """The measurements of one table, each with the best time of its pass (:func:`best_times`)."""
    progress(f"timing {len(pending)} cases, {rounds} interleaved rounds")
    seconds = best_times([run for run, _ in pending], rounds=rounds, min_time=min_time)
    return [attrs.evolve(row, seconds=s) for (_, row), s in zip(pending, seconds, strict=True)]


@attrs.frozen
class Settings:
    """How much the run measures: sizes, rounds and runs (see ``benchmarks/README.md``)."""

    #: Synthetic records for load and dump; records per exporter run.
    records: int = 10_000
    #: Folder sizes for iter_records, ascending.
    iter_sizes: tuple[int, ...] = (1_000, 10_000, 50_000)
    seed: int = 4
    #: Timed rounds per load/dump case on the sample records.
    rounds: int = 5
    #: Timed rounds per case on the synthetic corpus; most passes per iter_records folder.
    corpus_rounds: int = 3
    export_rounds: int = 3
    #: Least seconds per round.
    min_time: float = 0.2
    startup_runs: int = 20
    #: Records in the folder the commands (validate, fmt --check, export) run on.
    command_records: int = 50_000
    #: Runs of each command (the plain python-frontmatter script: half as many).
    command_runs: int = 3
    #: Whether to measure peak memory (in subprocesses, the slowest part).
    memory: bool = True
    #: Corpus sizes for the optional Arrow/Parquet/Dask section; none skips it.
    arrow_sizes: tuple[int, ...] = ()
    attacks: bool = False
    #: The command-line options the run was given, for the report.
    argv: tuple[str, ...] = ()


#: The sizes and rounds of ``--quick``: a check that everything runs, not numbers to quote.
QUICK = Settings(
    records=500,
    iter_sizes=(100, 500, 2_000),
    rounds=2,
    corpus_rounds=1,
    export_rounds=1,
    min_time=0.05,
    startup_runs=5,
    command_records=500,
    command_runs=1,
)
#: The fields of :class:`Settings` that ``--quick`` changes, which are also options.
SIZE_OPTIONS = (
    "records",
    "iter_sizes",
    "rounds",
    "corpus_rounds",
    "export_rounds",
    "min_time",
    "startup_runs",
    "command_records",
    "command_runs",
)


def in_subprocess(module: str, *args: str) -> Any:
    """Run ``python -m frontnews_bench.<module> ARGS...`` in a fresh interpreter.

    The measuring modules do this so that what this process holds (and has
    held) is not counted in their memory. The module prints one JSON value,
    which is returned.
    """
    package = Path(__file__).resolve().parent
    path = os.pathsep.join(filter(None, [str(package.parent), os.environ.get("PYTHONPATH")]))
    command = [sys.executable, "-m", f"{package.name}.{module}", *args]
    done = subprocess.run(
        command,
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "PYTHONPATH": path},
    )
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(command[1:])} failed:\n{done.stderr}")
    return json.loads(done.stdout)
