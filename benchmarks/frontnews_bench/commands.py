"""Commands end to end: `fmt --check` against `validate`, `export` to RSS against a script.

Each case is a real process run on a folder of synthetic records written
beforehand (so the files are in the operating system's cache), timed by its
wall time, the best of several runs:

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
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

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


def _best(command: Sequence[str], runs: int) -> float:
    """The best wall time of ``runs`` runs of ``command`` (which must succeed)."""
    benchmarks = str(Path(__file__).resolve().parent.parent)
    path = os.pathsep.join(filter(None, [benchmarks, os.environ.get("PYTHONPATH")]))
    env = {**os.environ, "PYTHONPATH": path}
    best = float("inf")
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL, env=env)
        best = min(best, time.perf_counter() - started)
    return best


def bench_commands(count: int, *, seed: int, runs: int) -> tuple[str, list[list[str]]]:
    """Time the commands on ``count`` synthetic records; return the table and the target rows."""
    with tempfile.TemporaryDirectory(prefix="frontnews-bench-") as scratch:
        folder = Path(scratch) / "records"
        progress(f"commands: writing {count:,} records")
        write_corpus(folder, count, seed)
        out = Path(scratch) / "feed.xml"
        fn = _frontnews()
        cases: list[tuple[str, float]] = []
        progress("commands: validate, fmt --check")
        validate = _best([*fn, "-q", "validate", str(folder)], runs)
        check = _best([*fn, "-q", "fmt", "--check", str(folder)], runs)
        cases += [("`frontnews validate`", validate), ("`frontnews fmt --check`", check)]
        feed = ["--title", FEED.title, "--link", FEED.link, "--description", FEED.description]
        export = [*fn, "-q", "export", str(folder), "--format", "rss", "--include-unpublished"]
        progress("commands: export rss")
        exported = _best([*export, *feed, "-o", str(out)], runs)
        cases.append(("`frontnews export --format rss`", exported))
        plain = None
        if optional("frontmatter") is not None and optional("feedgen") is not None:
            progress("commands: python-frontmatter + feedgen script")
            script = [sys.executable, "-m", f"{__package__}.commands", "plain", str(folder)]
            plain = _best([*script, str(out)], max(1, runs // 2))
            cases.append(("python-frontmatter + feedgen script → RSS", plain))
    rows = [[name, f"{seconds:.2f} s", f"{count / seconds:,.0f}"] for name, seconds in cases]
    table = markdown_table(["command (one process)", "wall time", "records/s"], rows)
    ratio = validate / check
    verdict = "met" if ratio >= FMT_GOAL else f"**missed** ({FMT_GOAL / ratio:.2f}x short)"
    targets = [
        [
            f"Commands: {count:,} records",
            "`fmt --check` ÷ `validate` speed",
            f"≥ {FMT_GOAL}: {ratio:.2f}, {verdict}",
        ]
    ]
    if plain is not None:
        ratio = plain / exported
        verdict = (
            "met" if ratio >= EXPORT_GOAL else f"**missed** ({EXPORT_GOAL / ratio:.2f}x short)"
        )
        targets.append(
            [
                f"Commands: {count:,} records",
                "export RSS vs frontmatter+feedgen",
                f"≥ {EXPORT_GOAL:g}x: {ratio:.1f}x, {verdict}",
            ]
        )
    return table, targets


def main(argv: Sequence[str]) -> int:
    """``plain FOLDER OUT``: run the plain script."""
    if len(argv) != 3 or argv[0] != "plain":
        print("usage: python -m frontnews_bench.commands plain FOLDER OUT", file=sys.stderr)
        return 2
    plain_script(Path(argv[1]), Path(argv[2]))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
