"""``frontnews fmt``: rewrite records in the canonical style, or check or show the changes."""

from __future__ import annotations

import difflib
import re
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import attrs
import click

from ..errors import (
    FrontnewsError,
    RecordError,
    ReformatError,
)
from ..files import RecordFile, atomic_write
from ..lossless import reformat

if TYPE_CHECKING:
    pass
from ._common import (
    DASH,
    PROG,
    _describe,
    _inputs,
    _name,
    _paths_argument,
    _plural,
    _problem_line,
    _Progress,
    _quiet,
    _quiet_option,
    _read_input,
    _shown,
    _walk_options,
)

# -- fmt --------------------------------------------------------------------------------------


def _lines(text: str) -> list[str]:
    """Split on line feeds only, keeping them (a record may hold U+2028 and the like raw)."""
    return re.findall(r"[^\n]*\n|[^\n]+\Z", text)


def _unified_diff(path: Path, old: bytes, new: bytes) -> str:
    name = str(path)
    diff = difflib.unified_diff(
        _lines(old.decode("utf-8")), _lines(new.decode("utf-8")), fromfile=name, tofile=name
    )
    out = []
    for line in diff:
        out.append(line)
        if not line.endswith("\n"):
            out.append("\n\\ No newline at end of file\n")
    return "".join(out)


@attrs.define
class _Formatting:
    """One ``fmt`` run: what to do with each file, and the counts for the summary."""

    progress: _Progress[RecordFile]
    check: bool
    diff: bool
    quiet: bool
    drop_comments: bool = False
    changed: int = 0
    canonical: int = 0
    failed: int = 0
    not_records: int = 0

    def canonical_bytes(self, file: RecordFile) -> tuple[bytes, bytes] | None:
        """The file's bytes and their canonical form; ``None`` (counted) when it cannot be."""
        try:
            data = _read_input(file)
            if data is None:
                self.not_records += 1
                return None
            return data, reformat(data, source=_name(file), drop_comments=self.drop_comments)
        except RecordError as exc:
            self.progress.echo(_problem_line(exc, file.path), err=True)
        except ReformatError as exc:
            name = _shown(_name(file))
            self.progress.echo(
                f"{name}: refused: {_shown(exc.reason)}; the file is left as it is", err=True
            )
        self.failed += 1
        return None

    def run(self, file: RecordFile) -> None:
        """Format one file: rewrite it, list it, print its diff, or print it (standard input)."""
        found = self.canonical_bytes(file)
        if found is None:
            return
        old, new = found
        stdin = file.path == DASH
        if stdin and not (self.check or self.diff):
            sys.stdout.buffer.write(new)
        if new == old:
            self.canonical += 1
            return
        self.changed += 1
        if self.diff:
            self.progress.echo(_unified_diff(Path(_name(file)), old, new), nl=False)
        elif self.check:
            self.progress.echo(f"{_shown(_name(file))}: would be reformatted", err=stdin)
        elif not stdin:
            self.rewrite(file.path, new)

    def rewrite(self, path: Path, new: bytes) -> None:
        try:
            atomic_write(path, new)
        except (FrontnewsError, OSError) as exc:
            self.changed -= 1
            self.failed += 1
            self.progress.echo(f"{PROG}: error: {_shown(str(path))}: {_describe(exc)}", err=True)
            return
        if not self.quiet:
            self.progress.echo(f"{_shown(str(path))}: reformatted")

    def summary(self) -> str:
        verb = "would be reformatted" if self.check or self.diff else "reformatted"
        line = f"{_plural(self.changed, 'file')} {verb}, {self.canonical} already canonical"
        if self.failed:
            line += f", {self.failed} failed"
        if self.not_records:
            line += f"; {_plural(self.not_records, 'file')} skipped (not a record)"
        return line


@click.command(short_help="Rewrite records in the canonical style.")
@_paths_argument
@click.option(
    "--check",
    is_flag=True,
    help="Change nothing: list the files that would be reformatted, and exit with status 1 "
    "if there are any.",
)
@click.option(
    "--diff",
    is_flag=True,
    help="Change nothing: print a unified diff of what would change.",
)
@click.option(
    "--drop-comments",
    is_flag=True,
    help="Rewrite files that hold YAML comments too, without them (refused otherwise).",
)
@_walk_options
@_quiet_option
@click.pass_context
def fmt(
    ctx: click.Context,
    *,
    paths: tuple[Path, ...],
    check: bool,
    diff: bool,
    drop_comments: bool,
    include: tuple[str, ...],
    exclude: tuple[str, ...],
    quiet: bool,
) -> None:
    """Rewrite records in the canonical style, each file atomically.

    Files already in the canonical style are not touched. CRLF line endings
    and a byte order mark are kept; keys are put in the canonical order. A
    file with YAML comments is refused (they cannot be kept) unless
    --drop-comments is given. Before a file is written, the new text is
    read back and compared with the record (every front-matter value, the
    body, the line endings): if anything would change, the file is refused,
    left alone and named on standard error, and the exit status is 1. Invalid
    records are reported the same way.

    Rewritten files are named on standard output ('path: reformatted'), then
    a summary line follows (neither with --quiet). --check lists the files
    that would change ('path: would be reformatted') and exits with status 1
    if there are any; --diff prints a unified diff instead, with exit status 0
    unless --check is given too.

    'fmt -' reads one record from standard input and prints its canonical
    text on standard output (nothing when it is refused); its summary goes
    to standard error.
    """
    quiet = _quiet(ctx, quiet)
    if DASH in paths and len(paths) > 1:
        raise click.UsageError("'fmt -' formats standard input alone: give no other PATHS")
    files = _inputs(paths, include, exclude)
    with _Progress(files, "fmt", show=not quiet) as progress:
        run = _Formatting(
            progress, check=check, diff=diff, quiet=quiet, drop_comments=drop_comments
        )
        for file in progress:
            run.run(file)
    if not quiet and not diff:
        click.echo(run.summary(), err=DASH in paths)
    ctx.exit(1 if run.failed or (check and run.changed) else 0)
