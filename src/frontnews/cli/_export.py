"""``frontnews export``: export records as a feed or a table."""

from __future__ import annotations

import datetime as dt
import difflib
import shutil
import sys
import tempfile
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

import attrs
import click
from click.shell_completion import CompletionItem

from ..contract import Feed
from ..errors import (
    FeedRequiredError,
    FrontnewsError,
    OptionValueError,
    RecordError,
    UnknownFormatError,
    UnknownOptionError,
)
from ..export import export
from ..files import RecordFile, atomic_open
from ..filters import ORDERS, Order, Selection, select
from ..model import Record
from ..options import params_from_text
from ..plugins import get_exporter, get_exporters
from ..reader import loads
from . import _dask as cli_dask
from . import _split as cli_split

if TYPE_CHECKING:
    pass
from ._common import (
    _STDOUT_BUFFER,
    DASH,
    PROG,
    CommandError,
    _inputs,
    _is_terminal,
    _name,
    _paths_argument,
    _plural,
    _problem_line,
    _Progress,
    _quiet,
    _quiet_option,
    _read_input,
    _walk_options,
    key_values,
)
from ._feed_options import feed_from, feed_options

# -- export -----------------------------------------------------------------------------------


def _since(ctx: click.Context, param: click.Parameter, value: str | None) -> dt.datetime | None:
    """Read --since: an ISO 8601 date or date-time (without an offset it means UTC)."""
    if value is None:
        return None
    text = value.strip()
    if text[-1:] in ("Z", "z"):
        text = text[:-1] + "+00:00"  # fromisoformat reads "Z", but not "z"
    try:
        return dt.datetime.fromisoformat(text)
    except ValueError:
        raise click.BadParameter(
            f"{value!r} is not an ISO date or date-time "
            "(such as 2026-11-22 or 2026-11-22T08:00:00+01:00)",
            ctx,
            param,
        ) from None


def _typed(format_name: str, texts: dict[str, str]) -> dict[str, Any]:
    """The -O values converted to the types the format declares, or a usage error."""
    try:
        return params_from_text(format_name, get_exporter(format_name).options, texts)
    except (UnknownOptionError, OptionValueError) as exc:
        raise _export_usage(exc) from None


def _refuse_binary_to_terminal(format_name: str, target: Path | None) -> None:
    """A binary format is not written to a terminal: it would garble it."""
    if target is None and get_exporter(format_name).binary and _is_terminal(sys.stdout):
        raise click.UsageError(
            f"{format_name} output is binary and standard output is a terminal: "
            "give -o FILE, or redirect standard output"
        )


def _complete_formats(ctx: click.Context, param: click.Parameter, incomplete: str) -> list[Any]:
    """Offer the export formats' names to shell completion."""
    try:
        exporters = get_exporters()
    except FrontnewsError:
        return []
    return [
        CompletionItem(name, help=exporter.description)
        for name, exporter in exporters.items()
        if name.startswith(incomplete)
    ]


def _close(name: str, known: Sequence[str], what: str) -> str:
    """A hint for a misspelled name: the close ones, or every known one (``what`` they are)."""
    close = difflib.get_close_matches(name, list(known), n=3, cutoff=0.5)
    if close:
        return "did you mean " + " or ".join(repr(c) for c in close) + "?"
    return f"the {what} are: {', '.join(known) or 'none'}"


def _choose_format(name: str | None, output: Path | None) -> str:
    """Return the format to export in: the one named, or the one ``output``'s suffix implies.

    A binary format is refused when the output is a terminal.
    """
    chosen = _format_for(name, output)
    _refuse_binary_to_terminal(chosen, output)
    return chosen


def _format_for(name: str | None, output: Path | None) -> str:
    if name is not None:
        try:
            return get_exporter(name).name
        except UnknownFormatError as exc:
            hint = _close(name, exc.known, "formats")
            raise click.BadParameter(
                f"no format called {name!r}; {hint}", param_hint="'--format'"
            ) from None
    exporters = get_exporters()
    known = ", ".join(exporters) or "none"
    if output is None:
        raise click.UsageError(
            f"--format is needed when writing to standard output (the formats are: {known})"
        )
    suffix = output.suffix.lower()
    matches = [
        n
        for n, exporter in exporters.items()
        if exporter.suffix and "." + exporter.suffix.lstrip(".").lower() == suffix
    ]
    if len(matches) == 1:
        return matches[0]
    if matches:
        reason = f"{suffix!r} files are written by {', '.join(matches)}"
    elif suffix:
        reason = f"no format writes {suffix!r} files"
    else:
        reason = "the file name has no suffix"
    raise click.UsageError(
        f"cannot tell the format from {output.name!r}: {reason}; "
        f"choose one with --format (the formats are: {known})"
    )


_Refusal = UnknownOptionError | OptionValueError | FeedRequiredError


def _export_usage(exc: _Refusal) -> click.UsageError:
    """Say, in the command line's words, why :func:`frontnews.export` would not run."""
    if isinstance(exc, FeedRequiredError):
        return click.UsageError(
            f"the {exc.format} format writes a feed: give --title and --link "
            "(and --description, --feed-url, --language as you like)"
        )
    if isinstance(exc, OptionValueError):
        return click.BadParameter(
            f"{exc.format}'s option {exc.option!r} takes {exc.expected}, not {exc.value!r} "
            f"(see 'frontnews formats')",
            param_hint="'-O'",
        )
    option = exc.options[0]
    close = difflib.get_close_matches(option, list(exc.known), n=1)
    hint = f"did you mean {close[0]!r}? " if close else ""
    takes = ", ".join(exc.known) or "no options"
    return click.BadParameter(
        f"{exc.format} has no option {option!r}; {hint}it takes: {takes}", param_hint="'-O'"
    )


@attrs.define
class _Reading:
    """An export's input: the records of its files, one at a time, counting what was skipped.

    An invalid record is reported on standard error, above the progress bar.
    """

    progress: _Progress[RecordFile]
    records: int = 0
    invalid: int = 0
    not_records: int = 0

    def __iter__(self) -> Iterator[Record]:
        for file in self.progress:
            try:
                data = _read_input(file)
                if data is None:
                    self.not_records += 1
                    continue
                record = loads(data, source=_name(file))
            except RecordError as exc:
                self.invalid += 1
                self.progress.echo(_problem_line(exc, file.path), err=True)
                continue
            self.records += 1
            yield record


@attrs.frozen(kw_only=True)
class _Job:
    """One export, as the options describe it."""

    format: str
    feed: Feed | None
    include_secured: bool
    options: dict[str, Any]
    skip_invalid: bool
    fail_empty: bool
    output: Path | None

    @property
    def destination(self) -> str:
        return "standard output" if self.output is None else str(self.output)

    def write(self, reading: _Reading, chosen: Selection, stream: IO[bytes]) -> None:
        """Export ``chosen`` to ``stream``; raise, so that nothing is kept, if it must fail."""
        try:
            # The selection already left out what it should.
            export(
                chosen,
                self.format,
                stream,
                feed=self.feed,
                include_secured=self.include_secured,
                include_unpublished=True,
                **self.options,
            )
        except (UnknownOptionError, OptionValueError, FeedRequiredError) as exc:
            raise _export_usage(exc) from None
        self.check(reading, chosen)

    def check(self, reading: _Reading, chosen: Selection) -> None:
        """Raise, so that nothing is kept, if records were invalid or none was chosen."""
        if reading.invalid and not self.skip_invalid:
            raise CommandError(
                f"{_plural(reading.invalid, 'invalid record')}, so nothing was written "
                "(--skip-invalid exports the others)"
            )
        if not chosen.chosen and self.fail_empty:
            raise CommandError(f"{_emptiness(reading, chosen)}, so nothing was written")

    def run(self, reading: _Reading, chosen: Selection) -> None:
        """Write to the output file atomically, or to standard output once all went well."""
        if self.output is not None:
            with atomic_open(self.output) as handle:
                self.write(reading, chosen, handle)
            return
        with tempfile.SpooledTemporaryFile(max_size=_STDOUT_BUFFER) as buffer:
            self.write(reading, chosen, buffer)
            buffer.seek(0)
            sys.stdout.flush()
            stdout = sys.stdout.buffer
            shutil.copyfileobj(buffer, stdout)
            stdout.flush()

    def summary(self, reading: _Reading, chosen: Selection) -> str:
        """One line: what was written where, what was left out and what was skipped."""
        return (
            f"exported {_plural(chosen.chosen, 'record')} ({self.format}) to {self.destination}; "
            f"left out {chosen.unpublished} unpublished, {chosen.filtered} filtered out, "
            f"{_plural(chosen.duplicates, 'duplicate')}; "
            f"skipped {_plural(reading.invalid, 'invalid file')}, "
            f"{_plural(reading.not_records, 'file')} without front matter"
        )


def _default_order(format: str) -> Order:
    """Feeds newest first; tables (formats without a feed) in the files' order, streamed."""
    return "newest" if get_exporter(format).needs_feed else "path"


def _emptiness(reading: _Reading, chosen: Selection) -> str:
    """Why an export is empty, in a few words."""
    if not reading.records:
        skipped = f" ({_plural(reading.not_records, 'file')} without front matter)"
        return "no records found" + (skipped if reading.not_records else "")
    return (
        f"none of the {_plural(reading.records, 'record')} read was chosen "
        f"({chosen.unpublished} unpublished, {chosen.filtered} filtered out)"
    )


@click.command("export", short_help="Export records as a feed or a table.")
@_paths_argument
@click.option(
    "-f",
    "--format",
    "format_name",
    metavar="NAME",
    shell_complete=_complete_formats,
    help="The format: rss, atom, jsonfeed, csv or one a plugin adds (see 'frontnews formats'). "
    "May be left out when the --output suffix belongs to exactly one format.",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, allow_dash=True, path_type=Path),
    metavar="FILE",
    help="Write to FILE, replaced atomically once the export has succeeded, instead of "
    "standard output ('-' is standard output too).",
)
@click.option("--title", help="The feed's title (feed formats need --title and --link).")
@click.option("--link", metavar="URL", help="The web site the feed belongs to.")
@click.option("--description", help="The feed's description.")
@click.option("--feed-url", metavar="URL", help="The absolute URL the feed is served from.")
@click.option("--language", metavar="TAG", help="The feed's language, such as en or de-CH.")
@feed_options
@click.option(
    "--topic",
    "topics",
    multiple=True,
    metavar="TOPIC",
    help="Keep records with this topic (exact match); repeat to keep any of several.",
)
@click.option(
    "--since",
    callback=_since,
    metavar="DATE",
    help="Keep records published at or after DATE, an ISO date or date-time "
    "(without an offset it means UTC).",
)
@click.option(
    "--min-quality",
    type=int,
    metavar="N",
    help="Keep records whose quality is at least N (records without one are left out).",
)
@click.option(
    "--newest",
    type=click.IntRange(min=0),
    metavar="N",
    help="Keep the N newest records (after the other filters); holds at most N in memory.",
)
@click.option(
    "--sort",
    type=click.Choice(ORDERS),
    help="The order of the records: newest or oldest first (all records are held in memory "
    "to sort them, or N with --newest), or path (streamed in the order of the files). "
    "Default: newest for feeds, path for tables (csv, parquet).",
)
@click.option(
    "--keep-duplicates",
    is_flag=True,
    help="Export every copy of an article (records with the same URL); by default only one "
    "(the newest; with --sort path, the first).",
)
@click.option(
    "--include-unpublished",
    is_flag=True,
    help="Also export records that say 'published: false'.",
)
@click.option(
    "--include-secured",
    is_flag=True,
    help="Also write each record's secured token (never written otherwise).",
)
@click.option(
    "-O",
    "--option",
    "options",
    multiple=True,
    callback=key_values,
    metavar="KEY=VALUE",
    help="A format option, such as -O bom=true for csv; VALUE is converted to the type the "
    "format declares ('frontnews formats' lists each option). Repeatable.",
)
@click.option(
    "--skip-invalid",
    is_flag=True,
    help="Export the valid records even if some are invalid (those are still reported).",
)
@click.option(
    "--fail-empty",
    is_flag=True,
    help="Fail (exit status 1, nothing written) when no record is exported, instead of a warning.",
)
@_walk_options
@_quiet_option
@cli_dask.output_dir_option
@cli_split.split_options
@cli_dask.scheduler_option
@click.pass_context
def export_command(
    ctx: click.Context,
    *,
    paths: tuple[Path, ...],
    format_name: str | None,
    output: Path | None,
    title: str | None,
    link: str | None,
    description: str | None,
    feed_url: str | None,
    language: str | None,
    topics: tuple[str, ...],
    since: dt.datetime | None,
    min_quality: int | None,
    newest: int | None,
    sort: Order | None,
    keep_duplicates: bool,
    include_unpublished: bool,
    include_secured: bool,
    options: dict[str, str],
    skip_invalid: bool,
    fail_empty: bool,
    include: tuple[str, ...],
    exclude: tuple[str, ...],
    quiet: bool,
    output_dir: Path | None = None,
    scheduler: str | None = None,
) -> None:
    """Export records as a feed or a table, to standard output or to a file.

    Filters apply in this order: --topic, --since, --min-quality, the
    'published: false' records (left out unless --include-unpublished), the
    copies of an article (left out unless --keep-duplicates), then --newest.
    Feeds are written newest first, tables in path order, unless --sort says
    otherwise. 'export -'
    reads one record from standard input.

    An invalid record is reported on standard error as
    'path:line:column: field: message'. Without --skip-invalid the export then
    fails with exit status 1 and writes nothing: standard output stays empty
    and an --output file keeps its old contents. With --skip-invalid the other
    records are exported, a warning counts the skipped ones, and the exit
    status is 0.

    A summary line on standard error ends the export (not with --quiet): how
    many records were written and where, how many were left out as
    unpublished, by the filters or as duplicates, and how many files were
    skipped as invalid or as not records. An export of no records is a
    warning, or an error with --fail-empty.

    With --output-dir DIR (and --format parquet) the records are read with
    Dask (see --scheduler) and written as a Parquet dataset into DIR; the
    filters other than 'published: false' are not available there. With
    --split-by or --page-size, DIR is instead the folder the feeds are
    written into, each named on standard output.
    """
    folder = cli_split.folder_options(ctx)
    if folder is None and (output_dir is not None or scheduler is not None):
        cli_dask.export(paths, ctx.params)
        return
    quiet = _quiet(ctx, quiet)
    target = None if output == DASH else output
    chosen_format = _choose_format(format_name, target)
    job = _Job(
        format=chosen_format,
        feed=feed_from(ctx),
        include_secured=include_secured,
        options=_typed(chosen_format, options),
        skip_invalid=skip_invalid,
        fail_empty=fail_empty,
        output=target,
    )
    order = sort or _default_order(job.format)
    runner: _Job | cli_split.FolderJob = job
    if folder is not None:
        # A folder export sorts each feed as it writes it, from its spool: the
        # records are read in path order, never all held at once.
        runner = cli_split.FolderJob(job=job, options=folder, quiet=quiet, sort=order)
        order = order if newest is not None else "path"
    files = _inputs(paths, include, exclude)
    # A bar would garble a feed printed on the same terminal.
    show = not quiet and (target is not None or folder is not None or not _is_terminal(sys.stdout))
    with _Progress(files, "export", show=show) as progress:
        reading = _Reading(progress)
        chosen = select(
            reading,
            topics=topics,
            since=since,
            min_quality=min_quality,
            include_unpublished=include_unpublished,
            newest=newest,
            sort=order,
            keep_duplicates=keep_duplicates,
        )
        runner.run(reading, chosen)
    if reading.invalid:
        warning = f"skipped {_plural(reading.invalid, 'invalid record')}"
        click.echo(f"{PROG}: warning: {warning}", err=True)
    if not chosen.chosen:
        empty = _emptiness(reading, chosen)
        click.echo(f"{PROG}: warning: nothing exported: {empty}", err=True)
    if not quiet:
        click.echo(runner.summary(reading, chosen), err=True)
