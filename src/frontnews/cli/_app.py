"""The ``frontnews`` group, its global options, and :func:`main`, which runs it."""

from __future__ import annotations

import signal
import threading
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import click

from .._version import __version__
from ..errors import (
    FrontnewsError,
)
from ..plugins import list_plugins

if TYPE_CHECKING:
    pass
from . import _export, _fmt, _import, _plugins, _validate
from ._common import (
    _CONTEXT,
    PROG,
    _Group,
)


def _print_version(ctx: click.Context, param: click.Parameter, value: bool) -> None:
    """Print frontnews's version and build (compiled or not), then each plugin's, and exit."""
    if not value or ctx.resilient_parsing:
        return
    from .._build import compiled

    build = "compiled reader" if compiled() else "pure Python"
    click.echo(f"{PROG} {__version__} ({build})", color=ctx.color)
    try:
        infos = [info for info in list_plugins() if not info.builtin and info.error is None]
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
@click.option(
    "--traceback",
    is_flag=True,
    help="On an error, show the full Python traceback too (for plugin authors); "
    "FRONTNEWS_TRACEBACK=1 does the same.",
)
def cli(quiet: bool, traceback: bool) -> None:
    """Validate, format and export news records (YAML front matter and a Markdown body).

    PATHS are record files, folders and '-' (standard input). Folders are
    searched recursively for *.md files, in sorted order (--include and
    --exclude choose others); a file found there that does not start with a
    '---' line is not a record and is skipped. Exit status: 0 on success, 1
    when a record is invalid, a check fails or the work cannot be done, 2 on
    a usage error.

    Plugins may add formats and commands (see 'frontnews plugins'); a broken
    plugin is left out with a warning, and the rest keeps working.
    """


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
    return 0  # not reached: in standalone mode, click always ends with SystemExit


def _terminate_cleanly() -> Any:
    """Make SIGTERM raise SystemExit(143) in the main thread; return the handler it replaces."""
    if threading.current_thread() is not threading.main_thread():
        return None

    def terminated(signum: int, frame: object) -> None:
        raise SystemExit(128 + signum)

    return signal.signal(signal.SIGTERM, terminated)


for _command in (
    _validate.validate,
    _fmt.fmt,
    _export.export_command,
    _import.import_command,
    _plugins.formats,
    _plugins.plugins,
):
    cli.add_command(_command)
