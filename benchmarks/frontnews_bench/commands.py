"""Commands end to end: `fmt --check` against `validate`, `export` to RSS against a script.

Each case is a real process run on a folder of synthetic records written
beforehand (so the files are in the operating system's cache), timed by its
wall time and its CPU time (user + system), the best of several runs, the
commands taking turns; the targets compare CPU times:

- ``frontnews -q validate FOLDER`` and ``frontnews -q fmt --check FOLDER``: the
  target is that checking the formatting costs little more than validating
  (fmt --check speed ≥ 0.7 of validate's);
- ``frontnews -q export FOLDER --format rss --include-unpublished ...``
  against :func:`plain_script`, the script a user would write with
  python-frontmatter and feedgen (read every ``*.md``, one feed entry per
  file with the same fields as the Export table's feedgen row, ``rss_file``).
  frontnews does more: it checks every record against the schema and writes
  its own ``frontnews:`` elements and related links (the defaults).

``python -m frontnews_bench.commands plain FOLDER OUT`` runs the plain script.
"""

from __future__ import annotations

import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import attrs

from .corpus import write_corpus
from .peers import FEED, optional
from .report import markdown_table
from .timing import progress

__all__ = ["bench_commands", "plain_script"]

#: fmt --check must be at least this fast relative to validate.
FMT_GOAL = 0.7
#: frontnews export must be at least this many times as fast as the plain script.
EXPORT_GOAL = 8.0


def plain_script(folder: Path, out: Path) -> int:
    """RSS from a folder with python-frontmatter and feedgen, as a user would write it."""
    import frontmatter
    from feedgen.feed import FeedGenerator

    generator = FeedGenerator()
    generator.load_extension("dc")
    generator.load_extension("media")
    generator.title(FEED.title)
    generator.link(href=FEED.link, rel="alternate")
    generator.description(FEED.description)
    count = 0
    for path in sorted(folder.rglob("*.md")):
        meta: dict[str, Any] = frontmatter.load(path).metadata
        entry = generator.add_entry(order="append")
        entry.title(meta["title"])
        link = meta.get("webUrl") or meta.get("originalUrl")
        if link:
            entry.link(href=link)
            entry.guid(link, permalink=True)
        else:
            entry.guid(f"{path.name}", permalink=False)
        entry.description(meta["excerpt"])
        entry.pubDate(meta["publishedDateTime"])
        for topic in meta.get("topics") or ():
            if topic:
                entry.category(term=topic)
        entry.dc.dc_creator(meta["provider"]["name"])
        images = meta.get("images")
        if images:
            image = images[0]
            entry.media.content(
                url=image["url"],
                medium="image",
                width=str(image["width"]),
                height=str(image["height"]),
            )
        count += 1
    generator.rss_file(str(out))
    return count


def _frontnews() -> list[str]:
    found = shutil.which("frontnews", path=str(Path(sys.executable).parent))
    return [found] if found else [sys.executable, "-m", "frontnews"]


@attrs.frozen
class _Times:
    """The best wall time and the best CPU time (user + system) of a command's runs."""

    wall: float
    cpu: float


def _run(command: Sequence[str]) -> tuple[float, float]:
    """Run ``command`` once (it must succeed); its wall time and its CPU time."""
    benchmarks = str(Path(__file__).resolve().parent.parent)
    path = os.pathsep.join(filter(None, [benchmarks, os.environ.get("PYTHONPATH")]))
    env = {**os.environ, "PYTHONPATH": path}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, env=env)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def _best(commands: Sequence[tuple[Sequence[str], int]]) -> list[_Times]:
    """The best times of each command, run the number of times given, taking turns.

    Run ``r`` of every command comes before run ``r + 1`` of any, so that a
    busy moment of the machine hits them alike.
    """
    walls = [float("inf")] * len(commands)
    cpus = [float("inf")] * len(commands)
    for turn in range(max(runs for _, runs in commands)):
        for index, (command, runs) in enumerate(commands):
            if turn < runs:
                wall, cpu = _run(command)
                walls[index] = min(walls[index], wall)
                cpus[index] = min(cpus[index], cpu)
    return [_Times(wall, cpu) for wall, cpu in zip(walls, cpus, strict=True)]


def bench_commands(count: int, *, seed: int, runs: int) -> tuple[str, list[list[str]]]:
    """Time the commands on ``count`` synthetic records; return the table and the target rows.

    The targets compare CPU times (user + system of each process): on a
    machine shared with other work, wall time also measures the waits for a
    CPU, which differ from run to run; on a quiet machine the two agree.
    """
    with tempfile.TemporaryDirectory(prefix="frontnews-bench-") as scratch:
        folder = Path(scratch) / "records"
        progress(f"commands: writing {count:,} records")
        write_corpus(folder, count, seed)
        out = Path(scratch) / "feed.xml"
        fn = _frontnews()
        feed = ["--title", FEED.title, "--link", FEED.link, "--description", FEED.description]
        export = [*fn, "-q", "export", str(folder), "--format", "rss", "--include-unpublished"]
        cases: list[tuple[str, Sequence[str], int]] = [
            ("`frontnews validate`", [*fn, "-q", "validate", str(folder)], runs),
            ("`frontnews fmt --check`", [*fn, "-q", "fmt", "--check", str(folder)], runs),
            ("`frontnews export --format rss`", [*export, *feed, "-o", str(out)], runs),
        ]
        if optional("frontmatter") is not None and optional("feedgen") is not None:
            script = [sys.executable, "-m", f"{__package__}.commands", "plain", str(folder)]
            name = "python-frontmatter + feedgen script → RSS"
            cases.append((name, [*script, str(out)], max(1, runs // 2)))
        progress(f"commands: {', '.join(name for name, _, _ in cases)}, taking turns")
        times = _best([(command, n) for _, command, n in cases])
    rows = [
        [name, f"{t.wall:.2f} s", f"{t.cpu:.2f} s", f"{count / t.cpu:,.0f}"]
        for (name, _, _), t in zip(cases, times, strict=True)
    ]
    headers = ["command (one process)", "wall time", "CPU time", "records per CPU second"]
    return markdown_table(headers, rows), _targets(count, times)


def _targets(count: int, times: Sequence[_Times]) -> list[list[str]]:
    """The target rows: fmt --check against validate, export against the plain script."""
    validate, check, exported = times[:3]
    ratio = validate.cpu / check.cpu
    verdict = "met" if ratio >= FMT_GOAL else f"**missed** ({FMT_GOAL / ratio:.2f}x short)"
    where = f"Commands: {count:,} records"
    targets = [
        [where, "`fmt --check` ÷ `validate` speed (CPU)", f"≥ {FMT_GOAL}: {ratio:.2f}, {verdict}"]
    ]
    if len(times) > 3:
        ratio = times[3].cpu / exported.cpu
        short = f"**missed** ({EXPORT_GOAL / ratio:.2f}x short)"
        verdict = "met" if ratio >= EXPORT_GOAL else short
        row = [
            where,
            "export RSS vs frontmatter+feedgen (CPU)",
            f"≥ {EXPORT_GOAL:g}x: {ratio:.1f}x, {verdict}",
        ]
        targets.append(row)
    return targets


def main(argv: Sequence[str]) -> int:
    """``plain FOLDER OUT``: run the plain script."""
    if len(argv) != 3 or argv[0] != "plain":
        print("usage: python -m frontnews_bench.commands plain FOLDER OUT", file=sys.stderr)
        return 2
    plain_script(Path(argv[1]), Path(argv[2]))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
