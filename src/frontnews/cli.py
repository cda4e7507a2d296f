"""The ``frontnews`` command: check, format and export records, and list plugins."""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import IO, Any

import attrs

from . import __version__
from .errors import FrontnewsError
from .export import Feed, export
from .filters import newest, with_topic
from .model import Record
from .plugins import get_exporters, list_plugins
from .reader import iter_records, loads, read_bytes, record_paths
from .writer import atomic_open, atomic_write, dumps

__all__ = ["main"]


def _read(path: Path) -> tuple[Record, bytes] | None:
    """Read one record and its bytes; print the error and return None if it is invalid."""
    try:
        data = read_bytes(path)
        return loads(data, source=str(path)), data
    except FrontnewsError as exc:
        print(exc, file=sys.stderr)
        return None


def _check(args: argparse.Namespace) -> int:
    failed = changed = total = 0
    for path in record_paths(args.paths):
        total += 1
        read = _read(path)
        if read is None:
            failed += 1
        elif dumps(read[0]).encode("utf-8") != read[1]:
            changed += 1
            if args.verbose:
                print(f"{path}: valid, not in canonical style")
    canonical = total - failed - changed
    print(f"{total} records: {total - failed} valid, {canonical} canonical, {failed} invalid")
    return 1 if failed else 0


def _fmt(args: argparse.Namespace) -> int:
    status = 0
    for path in record_paths(args.paths):
        read = _read(path)
        if read is None:
            status = 1
            continue
        data = dumps(read[0]).encode("utf-8")
        if data == read[1]:
            continue
        if args.check:
            print(f"{path}: would be rewritten")
            status = 1
        else:
            atomic_write(path, data)
            print(f"{path}: rewritten")
    return status


def _parse_option(text: str) -> tuple[str, Any]:
    key, sep, value = text.partition("=")
    if not sep:
        raise argparse.ArgumentTypeError(f"expected KEY=VALUE, got {text!r}")
    try:
        parsed: Any = json.loads(value)
    except ValueError:
        parsed = value
    return key, parsed


def _export(args: argparse.Namespace) -> int:
    records: Any = iter_records(args.paths)
    if args.topic:
        records = with_topic(records, *args.topic)
    if args.newest is not None:
        records = newest(
            (r for r in records if args.include_unpublished or r.is_published), args.newest
        )
    feed = None
    if args.title is not None or args.link is not None:
        if args.title is None or args.link is None:
            print("frontnews export: --title and --link go together", file=sys.stderr)
            return 2
        feed = Feed(
            title=args.title,
            link=args.link,
            description=args.description or "",
            feed_url=args.feed_url,
            language=args.language,
        )
    options = dict(args.option or ())

    def run(stream: IO[bytes]) -> None:
        export(
            records,
            args.format,
            stream,
            feed=feed,
            include_secured=args.include_secured,
            include_unpublished=args.include_unpublished,
            **options,
        )

    if args.output is None:
        run(sys.stdout.buffer)
        sys.stdout.buffer.flush()
    else:
        with atomic_open(args.output) as handle:
            run(handle)
    return 0


def _plugins(args: argparse.Namespace) -> int:
    infos = [attrs.asdict(p) for p in list_plugins() if args.all or not p.builtin]
    if args.json:
        print(json.dumps(infos, indent=2))
        return 0
    for info in infos:
        origin = f"{info['distribution']} {info['version']}" if info["distribution"] else "local"
        exporters = ", ".join(info["exporters"]) or "-"
        print(f"{info['name']} ({origin}): hooks {', '.join(info['hooks'])}; exporters {exporters}")
    if not infos:
        print("no third-party plugins installed (use --all to list the built-in ones)")
    return 0


def _formats(args: argparse.Namespace) -> int:
    for exporter in get_exporters().values():
        print(f"{exporter.name}\t{exporter.media_type}\t{exporter.suffix}\t{exporter.description}")
    return 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="frontnews", description="Read, check, format and export news records."
    )
    parser.add_argument("--version", action="version", version=f"frontnews {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    check = commands.add_parser("check", help="validate records and report which are canonical")
    check.add_argument("paths", nargs="+", metavar="PATH", help="record files or folders")
    check.add_argument("-v", "--verbose", action="store_true", help="name non-canonical files")
    check.set_defaults(run=_check)

    fmt = commands.add_parser("fmt", help="rewrite records in the canonical style, atomically")
    fmt.add_argument("paths", nargs="+", metavar="PATH", help="record files or folders")
    fmt.add_argument("--check", action="store_true", help="only report files that would change")
    fmt.set_defaults(run=_fmt)

    exp = commands.add_parser("export", help="export records as a feed or table")
    exp.add_argument("format", help="exporter name, see 'frontnews formats'")
    exp.add_argument("paths", nargs="+", metavar="PATH", help="record files or folders")
    exp.add_argument("-o", "--output", help="write here (atomically) instead of to stdout")
    exp.add_argument("--title", help="feed title")
    exp.add_argument("--link", help="feed home page URL")
    exp.add_argument("--description", help="feed description")
    exp.add_argument("--feed-url", help="absolute URL the feed is served from")
    exp.add_argument("--language", help="feed language, such as en")
    exp.add_argument("--newest", type=int, metavar="N", help="keep only the N newest records")
    exp.add_argument("--topic", action="append", help="keep records with this topic (repeatable)")
    exp.add_argument(
        "--include-unpublished", action="store_true", help="also export published: false records"
    )
    exp.add_argument(
        "--include-secured", action="store_true", help="write the secured token (off by default)"
    )
    exp.add_argument(
        "-O",
        "--option",
        action="append",
        type=_parse_option,
        metavar="KEY=VALUE",
        help="a format option; VALUE is read as JSON when it parses (true, 3, ...)",
    )
    exp.set_defaults(run=_export)

    plugins = commands.add_parser("plugins", help="list installed plugins")
    plugins.add_argument("--all", action="store_true", help="include the built-in plugins")
    plugins.add_argument("--json", action="store_true", help="print JSON")
    plugins.set_defaults(run=_plugins)

    formats = commands.add_parser("formats", help="list the export formats")
    formats.set_defaults(run=_formats)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    args = _parser().parse_args(argv)
    try:
        status: int = args.run(args)
    except FrontnewsError as exc:
        print(f"frontnews: {exc}", file=sys.stderr)
        return 1
    except BrokenPipeError:
        # Output piped into `head` and the like: not an error.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0
    return status


if __name__ == "__main__":
    raise SystemExit(main())
