"""``frontnews import``: read feeds or CSV into record files, one per entry."""

from __future__ import annotations

import difflib
import os
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import attrs
import click

from ..contract import Importer
from ..errors import (
    OptionValueError,
    RecordError,
    SourceError,
    UnknownFormatError,
    UnknownOptionError,
    WriteError,
)
from ..files import atomic_write
from ..imports import import_records, importer_for, record_file_name
from ..model import Record
from ..options import params_from_text
from ..plugins import get_importer, get_importers
from ..reader import loads
from ..writer import dumps
from ._common import DASH, PROG, STDIN_NAME, _plural, _quiet, _quiet_option, _shown, key_values


def _option_values(importer: Importer, raw: Mapping[str, str]) -> dict[str, Any]:
    """Convert ``-O`` values by the types the importer declares; a bad one is a usage error."""
    try:
        return params_from_text(importer.name, importer.options, raw)
    except UnknownOptionError as exc:
        close = difflib.get_close_matches(exc.options[0], list(importer.options), n=1)
        hint = f"did you mean {close[0]!r}? " if close else ""
        takes = ", ".join(importer.options) or "no options"
        raise click.BadParameter(
            f"the {importer.name} importer has no option {exc.options[0]!r}; "
            f"{hint}it takes: {takes}",
            param_hint="'-O'",
        ) from None
    except OptionValueError as exc:
        raise click.BadParameter(
            f"{exc.format}'s option {exc.option!r} takes {exc.expected}, not {exc.value!r} "
            "(see 'frontnews formats')",
            param_hint="'-O'",
        ) from None


def _choose(format_name: str | None, source: Path) -> Importer:
    """The importer named, or the one the source's suffix implies (usage error otherwise)."""
    known = ", ".join(get_importers()) or "none"
    if format_name is not None:
        try:
            return get_importer(format_name)
        except UnknownFormatError:
            raise click.BadParameter(
                f"no importer called {format_name!r}; the importers are: {known}",
                param_hint="'--format'",
            ) from None
    if source == DASH:
        raise click.UsageError(f"--format is needed to read standard input (importers: {known})")
    try:
        return importer_for(source)
    except SourceError as exc:
        raise click.UsageError(f"{_shown(str(source))}: {exc.reason}; use --format") from None


def _checked_text(record: Record, source: str, number: int) -> bytes:
    """The record's file text, read back to make sure it is a valid record equal to it.

    A record that cannot be written, or read back (nested deeper than the
    reader's limits, say), is a :class:`SourceError` naming it by its place
    among the source's records and its title.
    """
    try:
        text = dumps(record)
        if loads(text) != record:  # pragma: no cover - a writer bug
            raise WriteError("it does not read back equal")
    except (RecordError, WriteError) as exc:
        reason = exc.reason if isinstance(exc, RecordError) else str(exc)
        field = f"{exc.field}: " if exc.field else ""
        raise SourceError(
            f"record {number} ({record.title!r}) cannot be written as a record file: "
            f"{field}{reason}",
            source=source,
        ) from None
    return text.encode("utf-8")


def _create(path: Path, data: bytes) -> bool:
    """Write ``data`` to a new file at ``path``, all at once; ``False`` when one is there already.

    The text is written atomically under a temporary name beside it, then
    hard-linked to ``path``, which fails if a file appeared there meanwhile:
    nothing is ever replaced.
    """
    if os.path.lexists(path):
        return False
    staging = path.with_name(f".{path.name}.{os.getpid()}.import")
    atomic_write(staging, data)
    try:
        os.link(staging, path)
    except FileExistsError:
        return False
    except OSError:  # no hard links on this file system: the check above has to do
        if os.path.lexists(path):
            return False
        os.replace(staging, path)
    finally:
        staging.unlink(missing_ok=True)
    return True


@attrs.define
class _Importing:
    """One ``import`` run: the files written, and the counts for the summary."""

    output_dir: Path
    overwrite: bool
    quiet: bool
    written: int = 0
    replaced: int = 0
    kept: int = 0
    records: int = 0
    failed: int = 0
    names: set[str] = attrs.Factory(set)

    def name(self, record: Record) -> str:
        """The record's file name, ``-2``, ``-3``... added when this run used it already."""
        base = record_file_name(record)
        name, number = base, 1
        while name in self.names:
            number += 1
            name = f"{base[: -len('.md')]}-{number}.md"
        self.names.add(name)
        return name

    def read(
        self, source: Path, importer: Importer, params: dict[str, Any]
    ) -> list[tuple[Record, bytes]] | None:
        """Every record of ``source`` with its file text, or ``None`` (reported) if one fails."""
        name = STDIN_NAME if source == DASH else str(source)
        found: list[tuple[Record, bytes]] = []
        try:
            stream = sys.stdin.buffer if source == DASH else source
            for record in import_records(stream, importer.name, name=name, **params):
                found.append((record, _checked_text(record, name, len(found) + 1)))
        except SourceError as exc:
            self.failed += 1
            message = _shown(str(exc))
            click.echo(f"{PROG}: error: {message}; nothing was written from it", err=True)
            return None
        return found

    def write(self, record: Record, text: bytes) -> None:
        """Write one record's file: new, replaced (``--overwrite``) or left as it is."""
        path = self.output_dir / self.name(record)
        if self.overwrite:
            existed = os.path.lexists(path)
            atomic_write(path, text)
            self.replaced += existed
            self.written += not existed
            note = "replaced" if existed else "written"
        elif _create(path, text):
            self.written += 1
            note = "written"
        else:
            self.kept += 1
            note = "already there, left as it is (--overwrite replaces it)"
        if not self.quiet:
            click.echo(f"{_shown(str(path))}: {note}")

    def run(self, source: Path, importer: Importer, params: dict[str, Any]) -> None:
        """Import one source: all its records are written, or none (its error is reported)."""
        found = self.read(source, importer, params)
        if found is None:
            return
        self.records += len(found)
        for record, text in found:
            self.write(record, text)

    def summary(self, sources: int) -> str:
        line = (
            f"imported {_plural(self.records, 'record')} from {_plural(sources, 'source')} "
            f"into {_shown(str(self.output_dir))}: {self.written} written, "
            f"{self.replaced} replaced, {self.kept} already there"
        )
        if self.failed:
            line += f"; {_plural(self.failed, 'source')} failed (nothing written from it)"
        return line


@click.command("import", short_help="Read feeds or CSV into record files.")
@click.argument(
    "sources",
    nargs=-1,
    required=True,
    type=click.Path(exists=True, dir_okay=False, allow_dash=True, path_type=Path),
)
@click.option(
    "-f",
    "--format",
    "format_name",
    metavar="NAME",
    help="The importer: feed (RSS, Atom, JSON Feed), csv, or one a plugin adds. "
    "May be left out when each SOURCE's suffix belongs to exactly one importer.",
)
@click.option(
    "-d",
    "--output-dir",
    required=True,
    type=click.Path(file_okay=False, path_type=Path),
    metavar="DIR",
    help="Write the record files into DIR (made if missing).",
)
@click.option(
    "--overwrite",
    is_flag=True,
    help="Replace a record file that is already there (left as it is otherwise).",
)
@click.option(
    "-O",
    "--option",
    "options",
    multiple=True,
    callback=key_values,
    metavar="KEY=VALUE",
    help="An importer option, such as -O category=tech; VALUE is converted to the option's "
    "type (true/false, a number, text). Repeatable.",
)
@_quiet_option
@click.pass_context
def import_command(
    ctx: click.Context,
    *,
    sources: tuple[Path, ...],
    format_name: str | None,
    output_dir: Path,
    overwrite: bool,
    options: dict[str, str],
    quiet: bool,
) -> None:
    """Read feeds (RSS, Atom, JSON Feed) or CSV into record files, one per entry.

    Each record is written to DIR as DATE-SLUG.md (2021-01-26-ban-the-scan.md,
    from its date and title; -2, -3... when two records of one run would
    share a name), in the canonical style, atomically. A file that is
    already there is left as it is unless --overwrite is given, so importing
    the same feed again adds only the new entries. '-' reads standard input
    (with --format).

    Each file written is named on standard output ('path: written'), then a
    summary line follows (neither with --quiet). A source with an entry or
    row that cannot become a record is reported on standard error
    ('frontnews: error: SOURCE: entry N: field: message') and nothing is
    written from it; the other sources are still imported, and the exit
    status is 1.
    """
    quiet = _quiet(ctx, quiet)
    if sum(source == DASH for source in sources) > 1:
        raise click.UsageError("'-' (standard input) can be given only once")
    chosen = [(source, _choose(format_name, source)) for source in sources]
    params = {importer.name: _option_values(importer, options) for _, importer in chosen}
    output_dir.mkdir(parents=True, exist_ok=True)
    run = _Importing(output_dir, overwrite=overwrite, quiet=quiet)
    for source, importer in chosen:
        run.run(source, importer, params[importer.name])
    if not quiet:
        click.echo(run.summary(len(sources)))
    ctx.exit(1 if run.failed else 0)
