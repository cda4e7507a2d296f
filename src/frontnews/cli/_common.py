"""What every command shares: one-line errors, progress, the inputs and their options."""

from __future__ import annotations

import os
import re
import sys
import traceback
import warnings
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from types import TracebackType
from typing import IO, TYPE_CHECKING, Any, Generic, TypeVar

import click

from ..checks import RecordWarning
from ..errors import (
    FrontnewsError,
    FrontnewsWarning,
    RecordError,
)
from ..files import DEFAULT_INCLUDE, RecordFile, record_files
from ..limits import DEFAULT_LIMITS
from . import _dask as cli_dask
from ._extend import plugin_commands

if TYPE_CHECKING:
    from click._termui_impl import ProgressBar


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


#: The environment variable that, set to 1, shows the full traceback of an error.
TRACEBACK_ENV = "FRONTNEWS_TRACEBACK"


class _Group(click.Group):
    """The ``frontnews`` group: hidden aliases, plugins' commands, frontnews errors as one line.

    Warnings frontnews gives (a plugin left out, ...) are printed as
    ``frontnews: warning: ...``, without a source line.
    """

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        name = _ALIASES.get(cmd_name, cmd_name)
        command = super().get_command(ctx, name)
        if command is None:
            command = plugin_commands(ctx, self.commands).get(name)
        return command

    def list_commands(self, ctx: click.Context) -> list[str]:
        added = plugin_commands(ctx, self.commands)
        return sorted({*super().list_commands(ctx), *added})

    def main(self, *args: Any, **kwargs: Any) -> Any:
        with warnings.catch_warnings():
            warnings.simplefilter("always", FrontnewsWarning)
            shown = warnings.showwarning

            def show(message: Any, category: type[Warning], *rest: Any, **more: Any) -> None:
                if issubclass(category, FrontnewsWarning):
                    click.echo(f"{PROG}: warning: {_shown(str(message))}", err=True)
                else:
                    shown(message, category, *rest, **more)

            warnings.showwarning = show
            return super().main(*args, **kwargs)

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except BrokenPipeError:
            raise  # click handles it: the reader went away, nothing to report
        except (FrontnewsError, OSError) as exc:
            if ctx.params.get("traceback") or os.environ.get(TRACEBACK_ENV, "") not in ("", "0"):
                traceback.print_exception(exc, file=sys.stderr)
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


def key_values(
    ctx: click.Context, param: click.Parameter, values: tuple[str, ...]
) -> dict[str, str]:
    """Read ``-O KEY=VALUE`` options as text; the format's declared types convert them later."""
    options: dict[str, str] = {}
    for value in values:
        key, sep, text = value.partition("=")
        if not sep or not key.strip():
            raise click.BadParameter(f"expected KEY=VALUE, got {value!r}", ctx, param)
        options[key.strip()] = text
    return options
