"""The ``frontnews`` command line, built on click.

``frontnews.cli:cli`` is the click group; ``frontnews.cli:main`` runs it and
returns the exit status (it is the console-script entry point, and
``python -m frontnews`` calls it). Only this module imports click, and
``import frontnews`` does not import this module.
"""

from __future__ import annotations

import datetime as dt
import difflib
import json
import re
import shutil
import sys
import tempfile
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from types import TracebackType
from typing import IO, TYPE_CHECKING, Any, TypeVar

import attrs
import click
from click.shell_completion import CompletionItem

from . import cli_dask
from ._version import __version__
from .contract import Feed
from .errors import (
    FeedRequiredError,
    FrontnewsError,
    RecordError,
    ReformatError,
    SchemaError,
    UnknownFormatError,
    UnknownOptionError,
)
from .export import export
from .files import atomic_open, atomic_write, read_bytes, record_paths
from .filters import select
from .lossless import reformat
from .model import Record
from .plugins import get_exporter, get_exporters, list_plugins
from .reader import loads

if TYPE_CHECKING:
    from click._termui_impl import ProgressBar

__all__ = ["PROGRESS_MIN_FILES", "cli", "main"]

PROG = "frontnews"

#: A command shows a progress bar when it goes over at least this many files,
#: standard error is a terminal and ``--quiet`` is not given.
PROGRESS_MIN_FILES = 20

#: Standard output is kept in memory up to this size, then in a temporary file,
#: so that a failed export prints nothing at all.
_STDOUT_BUFFER = 16 * 1024 * 1024

_ALIASES = {"check": "validate"}
_F = TypeVar("_F", bound=Callable[..., Any])
_CONTEXT: dict[str, Any] = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


class CommandError(click.ClickException):
    """A failure that is not a usage error: ``frontnews: error: ...`` and exit status 1."""

    exit_code = 1

    def show(self, file: IO[Any] | None = None) -> None:
        """Print the message in the ``frontnews: error: ...`` form, to standard error."""
        click.echo(f"{PROG}: error: {self.format_message()}", file=file, err=file is None)


def _describe(exc: BaseException) -> str:
    """Say what went wrong in one line, without a traceback."""
    if isinstance(exc, OSError) and exc.strerror:
        return f"{exc.filename}: {exc.strerror}" if exc.filename else exc.strerror
    return str(exc)


class _Group(click.Group):
    """The ``frontnews`` group: hidden aliases, and frontnews errors as one-line messages."""

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        return super().get_command(ctx, _ALIASES.get(cmd_name, cmd_name))

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except BrokenPipeError:
            raise  # click handles it: the reader went away, nothing to report
        except (FrontnewsError, OSError) as exc:
            raise CommandError(_describe(exc)) from None


def _quiet(ctx: click.Context, quiet: bool) -> bool:
    """Whether ``-q`` was given, to the command or to the group before it."""
    return quiet or bool(ctx.find_root().params.get("quiet"))


def _is_terminal(stream: IO[Any]) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


class _Progress:
    """Iterate over files, with a progress bar on standard error when that helps.

    The bar is shown only when ``show`` is true, there are at least
    :data:`PROGRESS_MIN_FILES` files and standard error is a terminal.
    :meth:`echo` prints a line without leaving half a bar in front of it.
    """

    def __init__(self, paths: list[Path], label: str, *, show: bool) -> None:
        self._paths = paths
        self._label = label
        self._stream = sys.stderr
        self._show = show and len(paths) >= PROGRESS_MIN_FILES and _is_terminal(self._stream)
        self._bar: ProgressBar[Path] | None = None

    def __enter__(self) -> _Progress:
        if self._show:
            bar = click.progressbar(
                self._paths, label=self._label, file=self._stream, show_pos=True
            )
            self._bar = bar.__enter__()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if self._bar is not None:
            self._bar.__exit__(exc_type, exc, tb)
            self._bar = None

    def __iter__(self) -> Iterator[Path]:
        return iter(self._bar) if self._bar is not None else iter(self._paths)

    def echo(self, message: str, *, err: bool = False, nl: bool = True) -> None:
        """Print ``message``, first clearing the bar's line (drawn again on its next step)."""
        if self._bar is not None:
            # Clear the bar's line; its next step draws it again (the count has moved).
            self._stream.write("\r\x1b[2K")
            self._stream.flush()
        click.echo(message, err=err, nl=nl)


def _where(exc: RecordError, path: Path) -> str:
    """``path:line:column``, ``path:line`` or ``path``: as much of the place as is known."""
    where = exc.file if exc.file is not None else str(path)
    if exc.line is not None:
        where += f":{exc.line}"
        if exc.column is not None:
            where += f":{exc.column}"
    return where


def _problem_line(exc: RecordError, path: Path) -> str:
    """One problem as ``path:line:column: field: message`` (parts that are not known left out)."""
    field = f" {exc.field}:" if exc.field else ""
    return f"{_where(exc, path)}:{field} {exc.reason}"


def _problem_json(exc: RecordError, path: Path) -> dict[str, Any]:
    return {
        "file": exc.file if exc.file is not None else str(path),
        "line": exc.line,
        "column": exc.column,
        "field": exc.field,
        "message": exc.reason,
    }


def _read(path: Path) -> tuple[Record, bytes]:
    """Read one record file; raise :class:`RecordError` naming the file if it is invalid."""
    data = read_bytes(path)
    return loads(data, source=str(path)), data


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def _paths_argument(function: _F) -> _F:
    return click.argument(
        "paths",
        nargs=-1,
        required=True,
        type=click.Path(exists=True, path_type=Path),
    )(function)


def _quiet_option(function: _F) -> _F:
    return click.option(
        "-q",
        "--quiet",
        is_flag=True,
        help="No progress bar and no summary or per-file notes; problems are still reported.",
    )(function)


def _print_version(ctx: click.Context, _param: click.Parameter, value: bool) -> None:
    """Print the version and which build of the reader and writer runs (compiled or not)."""
    if not value or ctx.resilient_parsing:
        return
    from ._build import compiled

    build = "compiled reader" if compiled() else "pure Python"
    click.echo(f"{PROG} {__version__} ({build})", color=ctx.color)
    ctx.exit()


@click.group(name=PROG, cls=_Group, context_settings=_CONTEXT)
@click.option(
    "--version",
    is_flag=True,
    expose_value=False,
    is_eager=True,
    callback=_print_version,
    help="Show the version, and whether the reader is compiled, and exit.",
)
@click.option(
    "-q",
    "--quiet",
    is_flag=True,
    help="Quiet every command: no progress bar, no summary or per-file notes.",
)
def cli(quiet: bool) -> None:
    """Validate, format and export news records (YAML front matter and a Markdown body).

    PATHS are record files and folders; folders are searched recursively for
    *.md files, in sorted order. Exit status: 0 on success, 1 when a record is
    invalid, a check fails or the work cannot be done, 2 on a usage error.
    """


# -- validate ---------------------------------------------------------------------------------


@cli.command(short_help="Check records; report each problem with its place.")
@_paths_argument
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="text: one 'path:line:column: field: message' line per problem, then a summary; "
    "json: one JSON array of {file, line, column, field, message} objects.",
)
@_quiet_option
@cli_dask.scheduler_option
@click.pass_context
def validate(
    ctx: click.Context,
    paths: tuple[Path, ...],
    output_format: str,
    quiet: bool,
    scheduler: str | None = None,
) -> None:
    """Check that every record reads, and report each problem with its place.

    Each problem is printed on standard output as 'path:line:column: field:
    message'. The column is left out when it is not known, the line too when
    that is not known, and the field when the problem is not about one field.
    A summary line follows (not with --quiet). The exit status is 1 if any
    record is invalid.
    """
    quiet = _quiet(ctx, quiet)
    if scheduler is not None:
        ctx.exit(cli_dask.validate(paths, output_format, quiet, scheduler))
    files = list(record_paths(paths))
    problems: list[dict[str, Any]] = []
    invalid = 0
    with _Progress(files, "validate", show=not quiet) as progress:
        for path in progress:
            try:
                _read(path)
            except RecordError as exc:
                invalid += 1
                for problem in exc.problems if isinstance(exc, SchemaError) else (exc,):
                    problems.append(_problem_json(problem, path))
                    if output_format == "text":
                        progress.echo(_problem_line(problem, path))
    if output_format == "json":
        click.echo(json.dumps(problems, indent=2))
    elif not quiet:
        valid = len(files) - invalid
        click.echo(
            f"{_plural(len(files), 'record')} checked: {valid} valid, {invalid} invalid"
            + (f" ({_plural(len(problems), 'problem')})" if len(problems) > invalid else "")
        )
    ctx.exit(1 if problems else 0)


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


@cli.command(short_help="Rewrite records in the canonical style.")
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
@_quiet_option
@click.pass_context
def fmt(
    ctx: click.Context,
    *,
    paths: tuple[Path, ...],
    check: bool,
    diff: bool,
    drop_comments: bool,
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
    """
    quiet = _quiet(ctx, quiet)
    dry = check or diff
    files = list(record_paths(paths))
    changed = failed = 0
    with _Progress(files, "fmt", show=not quiet) as progress:
        for path in progress:
            try:
                data = read_bytes(path)
                new = reformat(data, source=str(path), drop_comments=drop_comments)
            except RecordError as exc:
                failed += 1
                progress.echo(_problem_line(exc, path), err=True)
                continue
            except ReformatError as exc:
                failed += 1
                progress.echo(f"{path}: refused: {exc.reason}; the file is left as it is", err=True)
                continue
            if new == data:
                continue
            changed += 1
            if diff:
                progress.echo(_unified_diff(path, data, new), nl=False)
            elif check:
                progress.echo(f"{path}: would be reformatted")
            else:
                try:
                    atomic_write(path, new)
                except (FrontnewsError, OSError) as exc:
                    changed -= 1
                    failed += 1
                    progress.echo(f"{PROG}: error: {path}: {_describe(exc)}", err=True)
                    continue
                if not quiet:
                    progress.echo(f"{path}: reformatted")
    if not quiet and not diff:
        verb = "would be reformatted" if dry else "reformatted"
        canonical = len(files) - changed - failed
        summary = f"{_plural(changed, 'file')} {verb}, {canonical} already canonical"
        click.echo(f"{summary}, {failed} failed" if failed else summary)
    ctx.exit(1 if failed or (check and changed) else 0)


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


def _key_values(
    ctx: click.Context, param: click.Parameter, values: tuple[str, ...]
) -> dict[str, Any]:
    """Read -O KEY=VALUE options; VALUE is read as JSON when it parses, else kept as text."""
    options: dict[str, Any] = {}
    for value in values:
        key, sep, text = value.partition("=")
        if not sep or not key:
            raise click.BadParameter(f"expected KEY=VALUE, got {value!r}", ctx, param)
        try:
            options[key] = json.loads(text)
        except ValueError:
            options[key] = text
    return options


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
    """Return the format to export in: the one named, or the one ``output``'s suffix implies."""
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


def _export_usage(exc: UnknownOptionError | FeedRequiredError) -> click.UsageError:
    """Say, in the command line's words, why :func:`frontnews.export` would not run."""
    if isinstance(exc, FeedRequiredError):
        return click.UsageError(
            f"the {exc.format} format writes a feed: give --title and --link "
            "(and --description, --feed-url, --language as you like)"
        )
    option = exc.options[0]
    close = difflib.get_close_matches(option, list(exc.known), n=1)
    hint = f"did you mean {close[0]!r}? " if close else ""
    takes = ", ".join(exc.known) or "no options"
    return click.BadParameter(
        f"{exc.format} has no option {option!r}; {hint}it takes: {takes}", param_hint="'-O'"
    )


@cli.command("export", short_help="Export records as a feed or a table.")
@_paths_argument
@click.option(
    "-f",
    "--format",
    "format_name",
    metavar="NAME",
    shell_complete=_complete_formats,
    help="The format: rss, jsonfeed, csv or one a plugin adds (see 'frontnews formats'). "
    "May be left out when the --output suffix belongs to exactly one format.",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    metavar="FILE",
    help="Write to FILE, replaced atomically once the export has succeeded, instead of "
    "standard output.",
)
@click.option("--title", help="The feed's title (feed formats need --title and --link).")
@click.option("--link", metavar="URL", help="The web site the feed belongs to.")
@click.option("--description", help="The feed's description.")
@click.option("--feed-url", metavar="URL", help="The absolute URL the feed is served from.")
@click.option("--language", metavar="TAG", help="The feed's language, such as en or de-CH.")
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
    help="Keep the N newest records, newest first (after the other filters).",
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
    callback=_key_values,
    metavar="KEY=VALUE",
    help="A format option, such as -O bom=true for csv; VALUE is read as JSON when it "
    'parses (true, 3, "text"), else as text. Repeatable.',
)
@click.option(
    "--skip-invalid",
    is_flag=True,
    help="Export the valid records even if some are invalid (those are still reported).",
)
@_quiet_option
@cli_dask.output_dir_option
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
    include_unpublished: bool,
    include_secured: bool,
    options: dict[str, Any],
    skip_invalid: bool,
    quiet: bool,
    output_dir: Path | None = None,
    scheduler: str | None = None,
) -> None:
    """Export records as a feed or a table, to standard output or to a file.

    Filters apply in this order: --topic, --since, --min-quality, the
    'published: false' records (left out unless --include-unpublished), then
    --newest. Records are otherwise written in path order.

    An invalid record is reported on standard error as
    'path:line:column: field: message'. Without --skip-invalid the export then
    fails with exit status 1 and writes nothing: standard output stays empty
    and an --output file keeps its old contents. With --skip-invalid the other
    records are exported, a warning counts the skipped ones, and the exit
    status is 0.

    With --output-dir DIR (and --format parquet) the records are read with
    Dask (see --scheduler) and written as a Parquet dataset into DIR; the
    filters other than 'published: false' are not available there.
    """
    if output_dir is not None or scheduler is not None:
        cli_dask.export(paths, ctx.params)
        return
    quiet = _quiet(ctx, quiet)
    name = _choose_format(format_name, output)
    feed = _feed(title, link, description, feed_url, language)
    files = list(record_paths(paths))
    problems = 0
    # A bar would garble a feed printed on the same terminal.
    show = not quiet and (output is not None or not _is_terminal(sys.stdout))

    with tempfile.SpooledTemporaryFile(max_size=_STDOUT_BUFFER) as buffer:
        with _Progress(files, "export", show=show) as progress:

            def valid_records() -> Iterator[Record]:
                nonlocal problems
                for path in progress:
                    try:
                        record, _ = _read(path)
                    except RecordError as exc:
                        problems += 1
                        progress.echo(_problem_line(exc, path), err=True)
                        continue
                    yield record

            chosen = select(
                valid_records(),
                topics=topics,
                since=since,
                min_quality=min_quality,
                include_unpublished=include_unpublished,
                newest=newest,
            )

            def write(stream: IO[bytes]) -> None:
                try:
                    # The selection above already left out what it should.
                    export(
                        chosen,
                        name,
                        stream,
                        feed=feed,
                        include_secured=include_secured,
                        include_unpublished=True,
                        **options,
                    )
                except (UnknownOptionError, FeedRequiredError) as exc:
                    raise _export_usage(exc) from None
                if problems and not skip_invalid:
                    raise CommandError(
                        f"{_plural(problems, 'invalid record')}, so nothing was written "
                        "(--skip-invalid exports the others)"
                    )

            if output is not None:
                with atomic_open(output) as handle:
                    write(handle)
            else:
                write(buffer)

        if output is None:
            buffer.seek(0)
            sys.stdout.flush()
            stdout = sys.stdout.buffer
            shutil.copyfileobj(buffer, stdout)
            stdout.flush()
    if problems:
        click.echo(f"{PROG}: warning: skipped {_plural(problems, 'invalid record')}", err=True)


def _feed(
    title: str | None,
    link: str | None,
    description: str | None,
    feed_url: str | None,
    language: str | None,
) -> Feed | None:
    """Build the feed from the options, or ``None`` when none are given."""
    if title is None and link is None:
        if description is not None or feed_url is not None or language is not None:
            raise click.UsageError(
                "--description, --feed-url and --language need --title and --link"
            )
        return None
    if title is None or link is None:
        raise click.UsageError("--title and --link go together")
    return Feed(
        title=title,
        link=link,
        description=description or "",
        feed_url=feed_url,
        language=language,
    )


# -- formats, plugins -------------------------------------------------------------------------


@cli.command(short_help="List the export formats.")
def formats() -> None:
    """List the export formats: name, media type, file suffix and description."""
    rows = [(e.name, e.media_type, e.suffix, e.description) for e in get_exporters().values()]
    widths = [max((len(row[i]) for row in rows), default=0) for i in range(3)]
    for row in rows:
        cells = [cell.ljust(width) for cell, width in zip(row, widths, strict=False)]
        click.echo("  ".join([*cells, row[3]]).rstrip())


@cli.command(short_help="List the installed plugins, as JSON.")
@click.option("--all", "show_all", is_flag=True, help="Include the built-in plugins.")
@click.option("--json", "as_json", is_flag=True, hidden=True, help="JSON is the only output.")
def plugins(show_all: bool, as_json: bool) -> None:
    """List the installed plugins as a JSON array, one object per plugin.

    Each object has the plugin's name, the distribution and version it comes
    from, the hooks it implements, the exporters it registers, and whether it
    is built in. Only third-party plugins are listed unless --all is given. Set
    FRONTNEWS_LOAD_PLUGINS to a comma-separated list of distribution names to
    load only those plugins (an empty value loads none).
    """
    infos = [attrs.asdict(p) for p in list_plugins() if show_all or not p.builtin]
    click.echo(json.dumps(infos, indent=2))


def main(argv: Sequence[str] | None = None) -> int:
    """Run the ``frontnews`` command on ``argv`` (default ``sys.argv[1:]``); return the exit status.

    Errors are printed, never raised: ``frontnews: error: ...`` (status 1),
    or click's usage message (status 2).
    """
    try:
        cli.main(
            args=list(argv) if argv is not None else None,
            prog_name=PROG,
            standalone_mode=True,
        )
    except SystemExit as exc:  # in standalone mode, click always ends with SystemExit
        return exc.code if isinstance(exc.code, int) else int(exc.code is not None)
