"""``iter_records(folder)``: reading folders of 1,000 to 50,000 files, speed and memory.

Every pass runs in a fresh interpreter (``python -m frontnews_bench.iter_records
FOLDER ROUNDS time|trace``, through :func:`iter_pass_in_subprocess`), so that
its memory is its own.
"""

from __future__ import annotations

import gc
import json
import os
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import attrs

import frontnews

from . import corpus as synthetic
from .report import duration, markdown_table, megabytes, memory_verdict
from .timing import in_subprocess, progress

__all__ = [
    "IterResult",
    "bench_iter_records",
    "iter_pass",
    "iter_pass_in_subprocess",
    "walk",
    "write_nested_corpus",
]

#: About this many records are read per timed row: fewer passes for large folders.
RECORDS_PER_ROW = 20_000


def write_nested_corpus(
    root: Path, sizes: Sequence[int], seed: int = synthetic.DEFAULT_SEED
) -> dict[int, Path]:
    """Write one corpus of ``max(sizes)`` records, nested so that each size is one folder.

    The folder for the smallest size holds records ``0`` to ``n1 - 1``; the
    folder for the next size holds records ``n1`` to ``n2 - 1`` and the first
    folder; and so on up to ``root``. Each folder is read recursively, so
    folder ``k`` holds exactly ``sizes[k]`` records, and the largest corpus is
    written only once.
    """
    ordered = sorted(set(sizes))
    folders = {ordered[-1]: root}
    for larger, smaller in zip(ordered[:0:-1], ordered[-2::-1], strict=True):
        folders[smaller] = folders[larger] / f"first-{smaller}"
    done = 0
    for size in ordered:
        progress(f"iter_records: writing records {done:,} to {size - 1:,} ({size:,} in all)")
        synthetic.write_corpus(folders[size], size - done, seed, start=done)
        done = size
    return folders


def walk(folder: str | Path) -> Iterator[str]:
    """Yield the ``*.md`` files below ``folder`` in sorted path order, one folder's names at a time.

    The walk a reader that keeps no list of paths does: its memory follows
    the largest folder's file names, not the number of files.
    """
    names: list[str] = []
    folders: set[str] = set()
    with os.scandir(folder) as entries:
        for entry in entries:
            if entry.is_dir(follow_symlinks=False):
                folders.add(entry.name)
                names.append(entry.name)
            elif entry.name.endswith(".md") and entry.is_file():
                names.append(entry.name)
    for name in sorted(names):
        path = os.path.join(folder, name)
        if name in folders:
            yield from walk(path)
        else:
            yield path


# -- one pass, in its own process ----------------------------------------------------------


def _proc_status() -> dict[str, int]:
    """``VmRSS`` (resident now) and ``VmHWM`` (its peak) from ``/proc/self/status``, in bytes."""
    found = {}
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                key, _, value = line.partition(":")
                if key in ("VmRSS", "VmHWM"):
                    found[key] = int(value.split()[0]) * 1024
    except OSError:
        pass
    return found


def _reset_peak_rss() -> bool:
    """Start a new peak RSS from here (Linux 4.0 and later); ``False`` where that cannot be done."""
    try:
        with open("/proc/self/clear_refs", "w", encoding="ascii") as clear:
            clear.write("5")
    except OSError:
        return False
    return "VmHWM" in _proc_status()


def _max_rss() -> int:
    """The peak resident memory of this process so far, in bytes (0 where it cannot be known)."""
    try:
        import resource
    except ImportError:  # not on Unix
        return 0
    scale = 1 if sys.platform == "darwin" else 1024  # bytes on macOS, KiB elsewhere
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * scale


def _first_record(folder: Path) -> Path:
    """One ``*.md`` file in ``folder``'s tree, found without listing all of it."""
    with os.scandir(folder) as entries:
        folders = []
        for entry in entries:
            if entry.name.endswith(".md") and entry.is_file():
                return Path(entry.path)
            if entry.is_dir():
                folders.append(entry.path)
    for child in folders:
        try:
            return _first_record(Path(child))
        except FileNotFoundError:
            continue
    raise FileNotFoundError(f"no *.md file in {folder}")


def _traced_peak(fn: Callable[[], object]) -> tuple[object, int]:
    """Run ``fn`` under :mod:`tracemalloc`: (what it returned, the peak bytes allocated)."""
    gc.collect()
    tracemalloc.start()
    try:
        result = fn()
        return result, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def _count_records(folder: Path) -> int:
    return sum(1 for _ in frontnews.iter_records(folder))


def _walk_all(folder: Path) -> None:
    for _ in walk(folder):
        pass


def _list_sorted(folder: Path) -> int:
    return len(sorted(folder.rglob("*.md")))


def iter_pass(folder: Path, *, rounds: int, trace: bool) -> dict[str, Any]:
    """Read every record in ``folder`` with :func:`frontnews.iter_records`, counting them.

    Untraced, it is timed: the best of ``rounds`` passes, with the garbage
    collector on as in a real program, and the peak RSS during the passes
    (``rss``; the process's whole-life peak where Linux's ``clear_refs`` is
    missing) and the RSS just before them (``rss_before``). Traced, one pass
    runs under :mod:`tracemalloc` for its peak (``peak``), then a sorted list
    of every path (``paths_peak``: what a reader that sorts every path before
    it starts holds), then :func:`walk` alone (``walk_peak``: the folder walk
    without reading a file). One record is read first, untraced, so that
    imports and caches are not counted (without listing the folder, which
    would raise the peak RSS before the pass starts).
    """
    frontnews.load(_first_record(folder))
    gc.collect()
    if trace:
        records, peak = _traced_peak(lambda: _count_records(folder))
        return {
            "records": records,
            "peak": peak,
            "paths_peak": _traced_peak(lambda: _list_sorted(folder))[1],
            "walk_peak": _traced_peak(lambda: _walk_all(folder))[1],
        }
    # The pass's own peak RSS where Linux can reset the high-water mark; else the process's.
    rss_before = _proc_status()["VmRSS"] if _reset_peak_rss() else _max_rss()
    best = float("inf")
    for _ in range(rounds):
        started = time.perf_counter()
        records = _count_records(folder)
        best = min(best, time.perf_counter() - started)
    rss = _proc_status().get("VmHWM", _max_rss())
    return {"records": records, "seconds": best, "rss": rss, "rss_before": rss_before}


def iter_pass_in_subprocess(
    folder: Path, *, rounds: int = 1, trace: bool = False
) -> dict[str, Any]:
    """:func:`iter_pass` in a fresh interpreter, so that its memory is its own."""
    result: dict[str, Any] = in_subprocess(
        "iter_records", str(folder), str(rounds), "trace" if trace else "time"
    )
    return result


# -- the table -----------------------------------------------------------------------------


@attrs.frozen
class IterResult:
    """The iter_records table, and the memory verdict (empty when memory was not measured)."""

    table: str
    memory_verdict: str


def _measure(
    folders: dict[int, Path], rounds: int, memory: bool
) -> tuple[dict[int, dict[str, Any]], dict[int, dict[str, Any]]]:
    """Timed passes, one at a time; traced ones (if ``memory``), as many at once as CPUs."""
    ordered = sorted(folders)
    timed = {}
    for size in ordered:
        passes = max(1, min(rounds, RECORDS_PER_ROW // size))
        progress(f"iter_records: {size:,} records, {passes} pass(es)")
        timed[size] = iter_pass_in_subprocess(folders[size], rounds=passes)
        if timed[size]["records"] != size:
            raise RuntimeError(f"iter_records read {timed[size]['records']} of {size} records")
    traced: dict[int, dict[str, Any]] = {}
    if memory:
        progress(f"iter_records: tracing memory at {', '.join(f'{n:,}' for n in ordered)}")
        with ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
            largest_first = ordered[::-1]
            measured = pool.map(
                lambda size: iter_pass_in_subprocess(folders[size], trace=True), largest_first
            )
            traced = dict(zip(largest_first, measured, strict=True))
    return timed, traced


def bench_iter_records(
    sizes: Sequence[int],
    *,
    seed: int = synthetic.DEFAULT_SEED,
    rounds: int,
    memory: bool = True,
    folder: Path | None = None,
) -> IterResult:
    """Time :func:`frontnews.iter_records` over folders of ``sizes`` records, and trace its memory.

    The records are written to a temporary folder (in ``folder`` if given)
    that is removed at the end.
    """
    ordered = sorted(set(sizes))
    with tempfile.TemporaryDirectory(prefix="frontnews-bench-", dir=folder) as scratch:
        folders = write_nested_corpus(Path(scratch) / "corpus", ordered, seed)
        timed, traced = _measure(folders, rounds, memory)
    headers = ["records", "reader", "records/s", "one pass", "max RSS", "RSS growth in pass"]
    if memory:
        headers += ["peak traced", "folder walk alone", "sorted(rglob) list, for contrast"]
    body = []
    for size in ordered:
        passed = timed[size]
        row = [
            f"{size:,}",
            "serial",
            f"{size / passed['seconds']:,.0f}",
            duration(passed["seconds"]),
            megabytes(passed["rss"]),
            megabytes(passed["rss"] - passed["rss_before"]),
        ]
        if memory:
            row += [megabytes(traced[size][key]) for key in ("peak", "walk_peak", "paths_peak")]
        body.append(row)
    text = ""
    small, large = ordered[0], ordered[-1]
    if memory and large > small:
        peaks = (traced[small]["peak"], traced[large]["peak"])
        walks = (traced[small]["walk_peak"], traced[large]["walk_peak"])
        text = memory_verdict(*peaks, (small, large), walks)
    return IterResult(markdown_table(headers, body), text)


def main(argv: Sequence[str] | None = None) -> int:
    """``FOLDER ROUNDS time|trace``: one :func:`iter_pass`, printed as JSON (for the subprocess)."""
    folder, rounds, mode = sys.argv[1:] if argv is None else argv
    print(json.dumps(iter_pass(Path(folder), rounds=int(rounds), trace=mode == "trace")))
    return 0


if __name__ == "__main__":
    sys.exit(main())
