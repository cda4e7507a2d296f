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
import signal
import sys
import tempfile
import threading
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from types import TracebackType
from typing import IO, TYPE_CHECKING, Any, Generic, TypeVar

import attrs
import click
from click.shell_completion import CompletionItem

from . import cli_dask
from ._version import __version__
from .checks import RecordWarning
from .checks import check as check_record
from .contract import Feed
from .errors import (
    FeedRequiredError,
    FrontnewsError,
    OptionValueError,
    RecordError,
    ReformatError,
    SchemaError,
    UnknownFormatError,
    UnknownOptionError,
)
from .export import export
from .files import DEFAULT_INCLUDE, RecordFile, atomic_open, atomic_write, record_files
from .filters import Selection, select
from .limits import DEFAULT_LIMITS
from .lossless import reformat
from .model import Record
from .plugins import PluginInfo, get_exporter, get_exporters, list_plugins
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
_T = TypeVar("_T")
_CONTEXT: dict[str, Any] = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


class CommandError(click.ClickException):
    """A failure that is not a usage error: ``frontnews: error: ...`` and exit status 1."""

    exit_code = 1

    def show(self, file: IO[Any] | None = None) -> None:
        """Print the message in the ``frontnews: error: ...`` form, to standard error."""
        message = _shown(self.format_message())
        click.echo(f"{PROG}: error: {message}", file=file, err=file is None)


def _describe(exc: BaseException) -> str:
    """Say what went wrong in one line, without a traceback."""
    if isinstance(exc, OSError) and exc.strerror:
        return _shown(f"{exc.filename}: {exc.strerror}" if exc.filename else exc.strerror)
    return _shown(str(exc))


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


class _Progress(Generic[_T]):
    """Iterate over files, with a progress bar on standard error when that helps.

    The bar is shown only when ``show`` is true, there are at least
    :data:`PROGRESS_MIN_FILES` files and standard error is a terminal.
    :meth:`echo` prints a line without leaving half a bar in front of it.
    """

    def __init__(self, paths: list[_T], label: str, *, show: bool) -> None:
        self._paths = paths
        self._label = label
        self._stream = sys.stderr
        self._show = show and len(paths) >= PROGRESS_MIN_FILES and _is_terminal(self._stream)
        self._bar: ProgressBar[_T] | None = None

    def __enter__(self) -> _Progress[_T]:
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

    def __iter__(self) -> Iterator[_T]:
        return iter(self._bar) if self._bar is not None else iter(self._paths)

    def echo(self, message: str, *, err: bool = False, nl: bool = True) -> None:
        """Print ``message``, first clearing the bar's line (drawn again on its next step)."""
        if self._bar is not None:
            # Clear the bar's line; its next step draws it again (the count has moved).
            self._stream.write("\r\x1b[2K")
            self._stream.flush()
        click.echo(message, err=err, nl=nl)


#: The one path that stands for standard input (``validate -``) or output (``-o -``).
DASH = Path("-")
#: How standard input is named in messages.
STDIN_NAME = "<stdin>"

_Found = RecordError | RecordWarning | cli_dask.Problem


# Characters a terminal would act on rather than show: C0 and C1 controls, DEL, the
# bidirectional overrides, and the lone surrogates a file name that is not UTF-8 holds.
_UNSHOWABLE = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def _shown(text: str) -> str:
    r"""``text`` safe to print to a terminal: what a terminal would act on, escaped.

    >>> _shown("a\x1b]0;title\x07b\udcff.md")
    'a\\x1b]0;title\\x07b\\udcff.md'
    """
    if _UNSHOWABLE.search(text) is None:
        return text
    return _UNSHOWABLE.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)


def _where(found: _Found, path: Path) -> str:
    """``path:line:column``, ``path:line`` or ``path``: as much of the place as is known."""
    where = _shown(found.file if found.file is not None else str(path))
    if found.line is not None:
        where += f":{found.line}"
        if found.column is not None:
            where += f":{found.column}"
    return where


def _problem_line(found: _Found, path: Path, *, warning: bool = False) -> str:
    """One problem as ``path:line:column: field: message`` (parts that are not known left out).

    A warning says so after the field: ``path:line:column: field: warning: message``.
    """
    field = f" {found.field}:" if found.field else ""
    reason = _shown(found.reason)  # it may name a file too (a link's target)
    return f"{_where(found, path)}:{field}{' warning:' if warning else ''} {reason}"


def _problem_json(found: _Found, path: Path, *, warning: bool = False) -> dict[str, Any]:
    return {
        "file": found.file if found.file is not None else str(path),
        "line": found.line,
        "column": found.column,
        "field": found.field,
        "message": found.reason,
        "severity": "warning" if warning else "error",
    }


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


# -- inputs -----------------------------------------------------------------------------------


def _inputs(
    paths: Sequence[Path], include: Sequence[str], exclude: Sequence[str]
) -> list[RecordFile]:
    """The files to read: ``-`` (standard input), named files, and what folder walks find."""
    if sum(path == DASH for path in paths) > 1:
        raise click.UsageError("'-' (standard input) can be given only once")
    files: list[RecordFile] = []
    for path in paths:
        if path == DASH:
            files.append(RecordFile(DASH, named=True))
        else:
            follow = bool(click.get_current_context().meta.get("frontnews.follow_links"))
            found = record_files(
                path, include=include or DEFAULT_INCLUDE, exclude=exclude, follow_links=follow
            )
            files.extend(found)
    return files


def _name(file: RecordFile) -> str:
    return STDIN_NAME if file.path == DASH else str(file.path)


def _read_input(file: RecordFile) -> bytes | None:
    """The bytes of ``file`` (``-`` is standard input), or ``None`` when it is not a record."""
    if file.path == DASH:
        return sys.stdin.buffer.read(DEFAULT_LIMITS.max_bytes + 1)
    return file.read()


def _paths_argument(function: _F) -> _F:
    return click.argument(
        "paths",
        nargs=-1,
        required=True,
        type=click.Path(exists=True, allow_dash=True, path_type=Path),
    )(function)


def _walk_options(function: _F) -> _F:
    include = click.option(
        "--include",
        multiple=True,
        metavar="GLOB",
        help="In folders, read the files that match GLOB (default: *.md); repeatable. "
        "A GLOB without '/' matches file names, with '/' the end of the path in the folder.",
    )
    exclude = click.option(
        "--exclude",
        multiple=True,
        metavar="GLOB",
        help="In folders, leave out the files and folders that match GLOB; repeatable.",
    )
    follow = click.option(
        "--follow-links",
        is_flag=True,
        expose_value=False,
        callback=_remember,
        help="In folders, also read files that symbolic links lead to outside the folder "
        "(reported and skipped otherwise).",
    )
    return include(exclude(follow(function)))


def _remember(ctx: click.Context, param: click.Parameter, value: Any) -> None:
    """Keep an option that no command takes as an argument in the context's ``meta``."""
    assert param.name is not None
    ctx.meta[f"frontnews.{param.name}"] = value


def _quiet_option(function: _F) -> _F:
    return click.option(
        "-q",
        "--quiet",
        is_flag=True,
        help="No progress bar and no summary or per-file notes; problems are still reported.",
    )(function)


def _print_version(ctx: click.Context, param: click.Parameter, value: bool) -> None:
    """Print frontnews's version and build (compiled or not), then each plugin's, and exit."""
    if not value or ctx.resilient_parsing:
        return
    from ._build import compiled

    build = "compiled reader" if compiled() else "pure Python"
    click.echo(f"{PROG} {__version__} ({build})", color=ctx.color)
    try:
        infos = [info for info in list_plugins() if not info.builtin]
    except FrontnewsError as exc:
        click.echo(f"plugins: cannot be loaded: {exc}")
        ctx.exit()
    exporters: dict[tuple[str, str], list[str]] = {}
    for info in infos:
        key = (info.distribution or info.name, info.version or "(no version)")
        exporters.setdefault(key, []).extend(info.exporters)
    for (distribution, version), names in exporters.items():
        click.echo(f"{distribution} {version} (plugin: {', '.join(names) or 'no exporters'})")
    ctx.exit()


@click.group(name=PROG, cls=_Group, context_settings=_CONTEXT)
@click.option(
    "--version",
    is_flag=True,
    expose_value=False,
    is_eager=True,
    callback=_print_version,
    help="Show the version, whether the reader is compiled, and the plugins' versions.",
)
@click.option(
    "-q",
    "--quiet",
    is_flag=True,
    help="Quiet every command: no progress bar, no summary or per-file notes.",
)
def cli(quiet: bool) -> None:
    """Validate, format and export news records (YAML front matter and a Markdown body).

    PATHS are record files, folders and '-' (standard input). Folders are
    searched recursively for *.md files, in sorted order (--include and
    --exclude choose others); a file found there that does not start with a
    '---' line is not a record and is skipped. Exit status: 0 on success, 1
    when a record is invalid, a check fails or the work cannot be done, 2 on
    a usage error.
    """


# -- validate ---------------------------------------------------------------------------------


@attrs.define
class _Validation:
    """What ``validate`` found: problems (and warnings) as JSON objects, and counts."""

    strict: bool
    problems: list[dict[str, Any]] = attrs.Factory(list)
    records: int = 0
    invalid: int = 0
    warnings: int = 0
    not_records: int = 0

    def check(self, file: RecordFile) -> list[tuple[_Found, bool]]:
        """Read and check one file; return what to report, each with whether it is a warning."""
        try:
            data = _read_input(file)
            if data is None:
                self.not_records += 1
                return []
            record = loads(data, source=_name(file))
        except RecordError as exc:
            self.records += 1
            self.invalid += 1
            return [(p, False) for p in (exc.problems if isinstance(exc, SchemaError) else (exc,))]
        self.records += 1
        warnings = check_record(record, text=data, source=_name(file))
        if warnings and self.strict:
            self.invalid += 1
        else:
            self.warnings += len(warnings)
        return [(w, not self.strict) for w in warnings]

    def add(self, records: int, problems: Sequence[cli_dask.Problem]) -> list[tuple[_Found, bool]]:
        """Count what Dask found (``records`` read, then each file's problems), as :meth:`check`."""
        self.records += records
        by_file: dict[str, list[cli_dask.Problem]] = {}
        for problem in problems:
            by_file.setdefault(problem.file, []).append(problem)
        report: list[tuple[_Found, bool]] = []
        for found in by_file.values():
            errors = [p for p in found if not p.warning]
            if errors:  # an invalid file is not among the records read
                self.records += 1
                self.invalid += 1
                report.extend((p, False) for p in errors)
            elif self.strict:
                self.invalid += 1
                report.extend((p, False) for p in found)
            else:
                self.warnings += len(found)
                report.extend((p, True) for p in found)
        return report

    def summary(self) -> str:
        errors = sum(p["severity"] == "error" for p in self.problems)
        line = (
            f"{_plural(self.records, 'record')} checked: "
            f"{self.records - self.invalid} valid, {self.invalid} invalid"
        )
        if errors > self.invalid:
            line += f" ({_plural(errors, 'problem')})"
        if self.warnings:
            line += f", {_plural(self.warnings, 'warning')}"
        if self.not_records:
            line += f"; {_plural(self.not_records, 'file')} skipped (not a record)"
        return line


@cli.command(short_help="Check records; report each problem with its place.")
@_paths_argument
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="text: one 'path:line:column: field: message' line per problem, then a summary; "
    "json: one JSON array of {file, line, column, field, message, severity} objects.",
)
@click.option(
    "--strict",
    is_flag=True,
    help="Fail on what is otherwise a warning: a URL that is not an absolute http(s) URL, "
    "a date more than a day in the future, a blank required text.",
)
@_walk_options
@_quiet_option
@cli_dask.scheduler_option
@click.pass_context
def validate(
    ctx: click.Context,
    *,
    paths: tuple[Path, ...],
    output_format: str,
    strict: bool,
    include: tuple[str, ...],
    exclude: tuple[str, ...],
    quiet: bool,
    scheduler: str | None = None,
) -> None:
    """Check that every record reads, and report each problem with its place.

    Each problem is printed on standard output as 'path:line:column: field:
    message'. The column is left out when it is not known, the line too when
    that is not known, and the field when the problem is not about one field.
    Suspicious values (see --strict) are printed the same way, with
    'warning:' before the message. A summary line follows (not with --quiet).
    The exit status is 1 if any record is invalid.
    """
    quiet = _quiet(ctx, quiet)
    found = _Validation(strict=strict)
    if scheduler is not None:
        records, problems = cli_dask.validate(paths, scheduler)
        for problem, warning in found.add(records, problems):
            path = Path(problem.file or "")
            found.problems.append(_problem_json(problem, path, warning=warning))
            if output_format == "text":
                click.echo(_problem_line(problem, path, warning=warning))
    else:
        with _Progress(_inputs(paths, include, exclude), "validate", show=not quiet) as progress:
            for file in progress:
                for problem, warning in found.check(file):
                    found.problems.append(_problem_json(problem, file.path, warning=warning))
                    if output_format == "text":
                        progress.echo(_problem_line(problem, file.path, warning=warning))
    if output_format == "json":
        click.echo(json.dumps(found.problems, indent=2))
    elif not quiet:
        click.echo(found.summary())
    ctx.exit(1 if found.invalid else 0)


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
            f"{exc.format}'s option {exc.option!r} takes {exc.expected}, not {exc.value!r}",
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


def _emptiness(reading: _Reading, chosen: Selection) -> str:
    """Why an export is empty, in a few words."""
    if not reading.records:
        skipped = f" ({_plural(reading.not_records, 'file')} without front matter)"
        return "no records found" + (skipped if reading.not_records else "")
    return (
        f"none of the {_plural(reading.records, 'record')} read was chosen "
        f"({chosen.unpublished} unpublished, {chosen.filtered} filtered out)"
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
@click.option(
    "--fail-empty",
    is_flag=True,
    help="Fail (exit status 1, nothing written) when no record is exported, instead of a warning.",
)
@_walk_options
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
    fail_empty: bool,
    include: tuple[str, ...],
    exclude: tuple[str, ...],
    quiet: bool,
    output_dir: Path | None = None,
    scheduler: str | None = None,
) -> None:
    """Export records as a feed or a table, to standard output or to a file.

    Filters apply in this order: --topic, --since, --min-quality, the
    'published: false' records (left out unless --include-unpublished), then
    --newest. Records are otherwise written in path order. 'export -' reads
    one record from standard input.

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
    filters other than 'published: false' are not available there.
    """
    if output_dir is not None or scheduler is not None:
        cli_dask.export(paths, ctx.params)
        return
    quiet = _quiet(ctx, quiet)
    target = None if output == DASH else output
    job = _Job(
        format=_choose_format(format_name, target),
        feed=_feed(title, link, description, feed_url, language),
        include_secured=include_secured,
        options=options,
        skip_invalid=skip_invalid,
        fail_empty=fail_empty,
        output=target,
    )
    files = _inputs(paths, include, exclude)
    # A bar would garble a feed printed on the same terminal.
    show = not quiet and (target is not None or not _is_terminal(sys.stdout))
    with _Progress(files, "export", show=show) as progress:
        reading = _Reading(progress)
        chosen = select(
            reading,
            topics=topics,
            since=since,
            min_quality=min_quality,
            include_unpublished=include_unpublished,
            newest=newest,
        )
        job.run(reading, chosen)
    if reading.invalid:
        warning = f"skipped {_plural(reading.invalid, 'invalid record')}"
        click.echo(f"{PROG}: warning: {warning}", err=True)
    if not chosen.chosen:
        empty = _emptiness(reading, chosen)
        click.echo(f"{PROG}: warning: nothing exported: {empty}", err=True)
    if not quiet:
        click.echo(job.summary(reading, chosen), err=True)


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


def _plugin_rows(infos: list[PluginInfo]) -> list[tuple[str, str, str, str]]:
    rows = [("PLUGIN", "VERSION", "EXPORTERS", "FROM")]
    for info in infos:
        source = info.distribution or "registered at run time"
        rows.append(
            (
                info.name,
                info.version or "-",
                ", ".join(info.exporters) or "-",
                f"{source} (built-in)" if info.builtin else source,
            )
        )
    return rows


@cli.command(short_help="List the plugins, built-in ones too.")
@click.option("--json", "as_json", is_flag=True, help="Print a JSON array, for programs.")
@click.option("--all", "show_all", is_flag=True, hidden=True, help="Built-ins are always listed.")
def plugins(as_json: bool, show_all: bool) -> None:
    """List the loaded plugins, the built-in ones marked '(built-in)', as a table.

    Each row has the plugin's name, the version and distribution it comes
    from, and the exporters it registers. --json prints a JSON array instead,
    one object per plugin with its name, distribution, version, hooks,
    exporters and whether it is built in. Set FRONTNEWS_LOAD_PLUGINS to a
    comma-separated list of distribution names to load only those
    third-party plugins (an empty value loads none).
    """
    infos = list_plugins()
    if as_json:
        click.echo(json.dumps([attrs.asdict(p) for p in infos], indent=2))
        return
    rows = _plugin_rows(infos)
    widths = [max(len(row[i]) for row in rows) for i in range(3)]
    for row in rows:
        cells = [cell.ljust(width) for cell, width in zip(row, widths, strict=False)]
        click.echo("  ".join([*cells, row[3]]).rstrip())


def main(argv: Sequence[str] | None = None) -> int:
    """Run the ``frontnews`` command on ``argv`` (default ``sys.argv[1:]``); return the exit status.

    Errors are printed, never raised: ``frontnews: error: ...`` (status 1),
    or click's usage message (status 2). SIGTERM ends the command as Ctrl-C
    does, by an exception (status 143), so that a file being written is left
    as it was and its temporary file removed.
    """
    previous = _terminate_cleanly()
    try:
        cli.main(
            args=list(argv) if argv is not None else None,
            prog_name=PROG,
            standalone_mode=True,
        )
    except SystemExit as exc:  # in standalone mode, click always ends with SystemExit
        return exc.code if isinstance(exc.code, int) else int(exc.code is not None)
    finally:
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)


def _terminate_cleanly() -> Any:
    """Make SIGTERM raise SystemExit(143) in the main thread; return the handler it replaces."""
    if threading.current_thread() is not threading.main_thread():
        return None

    def terminated(signum: int, frame: object) -> None:
        raise SystemExit(128 + signum)

    return signal.signal(signal.SIGTERM, terminated)
