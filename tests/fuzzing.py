"""A mutation fuzzer over real-shaped records, and the invariants every input must keep.

Each mutant is a seed record (the bundled samples, the test data and, when it
is there, the shared real corpus) changed by a few line or character edits:
delete, duplicate, swap, re-indent, unquote, and insert the characters that
trip YAML readers (U+2028, U+0085, U+FEFF, tab, CR, NUL, quotes). For each one:

1. ``loads`` gives a record or raises a ``FrontnewsError``, nothing else;
2. a record round-trips: ``loads(dumps(r)) == r`` and ``dumps`` is idempotent
   (comments aside, which need ``drop_comments``);
3. its ``to_dict`` is what PyYAML's safe loader reads from the front matter;
4. every built-in text format exports it to output that other people's
   parsers read (XML, JSON, CSV), or says why in an ``ExportError`` naming
   the record.

``python -m tests.fuzzing --count N`` (``nox -s fuzz -- --count N``) runs it
from the command line and saves every failing input with its traceback in
``--save DIR``; ``tests/test_fuzzing.py`` runs a bounded number on every
test run.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import multiprocessing
import random
import sys
import time
import traceback
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

import attrs
import yaml

import frontnews
from frontnews.lossless import _difference

from .conftest import DATA, SAMPLES, SHARED_SAMPLES, front_matter

FEED = frontnews.Feed(title="Fuzz", link="https://example.org/")
TRICKY = ("\u2028", "\x85", "\ufeff", "\t", "\r", "\x00", '"', "'", "#", ": ", "- ", "&a", "*a")


def seeds() -> list[str]:
    """The texts mutants are made from: every record file the project can read."""
    paths = [*SAMPLES.glob("*.md"), *DATA.rglob("*.md"), *(SHARED_SAMPLES / "real").rglob("*.md")]
    return [p.read_bytes().decode("utf-8") for p in sorted(paths)]


# -- mutations --------------------------------------------------------------------------------

Mutation = Callable[[random.Random, list[str]], None]


def _delete(rng: random.Random, lines: list[str]) -> None:
    if lines:
        del lines[rng.randrange(len(lines))]


def _duplicate(rng: random.Random, lines: list[str]) -> None:
    if lines:
        at = rng.randrange(len(lines))
        lines.insert(at, lines[at])


def _swap(rng: random.Random, lines: list[str]) -> None:
    if len(lines) > 1:
        at = rng.randrange(len(lines) - 1)
        lines[at], lines[at + 1] = lines[at + 1], lines[at]


def _indent(rng: random.Random, lines: list[str]) -> None:
    if lines:
        at = rng.randrange(len(lines))
        line = lines[at]
        lines[at] = line[2:] if line.startswith("  ") and rng.random() < 0.5 else "  " + line


def _unquote(rng: random.Random, lines: list[str]) -> None:
    quoted = [i for i, line in enumerate(lines) if line.endswith('"') and ': "' in line]
    if quoted:
        at = rng.choice(quoted)
        head, _, rest = lines[at].partition(': "')
        lines[at] = f"{head}: {rest[:-1]}"


def _insert(rng: random.Random, lines: list[str]) -> None:
    if lines:
        at = rng.randrange(len(lines))
        line = lines[at]
        where = rng.randrange(len(line) + 1)
        lines[at] = line[:where] + rng.choice(TRICKY) + line[where:]


def _flip(rng: random.Random, lines: list[str]) -> None:
    if lines:
        at = rng.randrange(len(lines))
        line = lines[at]
        if line:
            where = rng.randrange(len(line))
            lines[at] = line[:where] + chr(rng.randrange(0x20, 0x7F)) + line[where + 1 :]


MUTATIONS: tuple[Mutation, ...] = (
    _delete,
    _duplicate,
    _swap,
    _indent,
    _unquote,
    _insert,
    _flip,
)


def mutants(texts: Sequence[str], seed: int) -> Iterator[str]:
    """An endless stream of mutants of ``texts``, the same for the same seed."""
    rng = random.Random(seed)
    while True:
        lines = rng.choice(texts).split("\n")
        for _ in range(rng.randint(1, 3)):
            rng.choice(MUTATIONS)(rng, lines)
        yield "\n".join(lines)


# -- invariants ---------------------------------------------------------------------------------


class InvariantError(AssertionError):
    """An input broke one of the invariants: a finding."""


def check(text: str) -> frontnews.Record | None:
    """Run every invariant on one input; raise InvariantError (or anything else) on a finding."""
    try:
        record = frontnews.loads(text)
    except frontnews.FrontnewsError:
        return None
    _round_trip(record)
    _same_as_pyyaml(record, text)
    _exports(record)
    return record


def _round_trip(record: frontnews.Record) -> None:
    written = frontnews.dumps(record, drop_comments=True)
    again = frontnews.loads(written)
    expected = attrs.evolve(record, layout=attrs.evolve(record.layout, comments=()))
    if again != expected:
        raise InvariantError(f"loads(dumps(r)) != r:\n{written}")
    if frontnews.dumps(again) != written:
        raise InvariantError("dumps is not idempotent")


def _same_as_pyyaml(record: frontnews.Record, text: str) -> None:
    data = yaml.load(front_matter(text.lstrip("\ufeff")), Loader=yaml.CSafeLoader)
    changed = _difference(frontnews.to_dict(record), data)
    if changed is not None:
        raise InvariantError(f"to_dict differs from PyYAML's safe loader at {changed}")


def _exports(record: frontnews.Record) -> None:
    for name, parse in (("rss", ET.fromstring), ("jsonfeed", json.loads), ("csv", _csv_rows)):
        out = io.BytesIO()
        try:
            frontnews.export(
                [record], name, out, feed=FEED, include_unpublished=True, include_secured=True
            )
        except frontnews.ExportError as exc:
            if repr(record.title)[:20] not in str(exc) and record.title[:10] not in str(exc):
                raise InvariantError(f"{name}: ExportError without the record: {exc}") from exc
            continue
        parse(out.getvalue())


def _csv_rows(data: bytes) -> None:
    rows = list(csv.reader(io.StringIO(data.decode("utf-8"), newline="")))
    if len(rows) != 2 or len(rows[0]) != len(rows[1]):
        raise InvariantError(f"CSV has {len(rows)} rows of lengths {[len(r) for r in rows]}")


# -- running ------------------------------------------------------------------------------------


def run(count: int, seed: int, save: Path | None) -> tuple[int, int, int]:
    """Check ``count`` mutants; return (checked, loaded as records, failures)."""
    texts = seeds()
    loaded = failures = 0
    for index, text in enumerate(mutants(texts, seed)):
        if index >= count:
            break
        try:
            if check(text) is not None:
                loaded += 1
        except Exception:
            failures += 1
            if save is not None:
                save.mkdir(parents=True, exist_ok=True)
                name = f"seed{seed}-{index}"
                (save / f"{name}.md").write_bytes(text.encode("utf-8", "surrogatepass"))
                (save / f"{name}.txt").write_text(traceback.format_exc(), encoding="utf-8")
    return count, loaded, failures


def _run_job(job: tuple[int, int, Path | None]) -> tuple[int, int, int]:
    return run(*job)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.fuzzing", description=__doc__)
    parser.add_argument("--count", type=int, default=10_000, help="mutants in all (10000)")
    parser.add_argument("--seed", type=int, default=1, help="first seed; job i uses seed+i")
    parser.add_argument("--jobs", type=int, default=1, help="processes (1)")
    parser.add_argument("--save", type=Path, default=Path("fuzz-findings"), help="findings dir")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    share = -(-args.count // args.jobs)
    jobs = [(share, args.seed + i, args.save) for i in range(args.jobs)]
    with multiprocessing.Pool(args.jobs) as pool:
        results = pool.map(_run_job, jobs)
    checked, loaded, failures = (sum(r[i] for r in results) for i in range(3))
    seconds = time.perf_counter() - started
    print(
        f"fuzz: {checked:,} mutants ({loaded:,} loaded as records), {failures} failures, "
        f"{seconds:.0f} s, seeds {args.seed}..{args.seed + args.jobs - 1}"
        + (f"; findings in {args.save}" if failures else "")
    )
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
