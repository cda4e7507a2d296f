"""``frontnews formats`` and ``frontnews plugins``: what is installed."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

import attrs
import click

from ..contract import Exporter, Importer, Option
from ..options import describe_type
from ..plugins import PluginInfo, get_exporters, get_importers, list_plugins
from ._common import _shown

if TYPE_CHECKING:
    pass

# -- formats, plugins -------------------------------------------------------------------------


def _table(rows: Sequence[Sequence[str]], indent: str = "") -> list[str]:
    """``rows`` as lines of columns padded to one width each; the last column is not padded."""
    count = max((len(row) for row in rows), default=0)
    widths = [max((len(row[i]) for row in rows), default=0) for i in range(count - 1)]
    return [
        (
            indent + "  ".join([*(c.ljust(w) for c, w in zip(row, widths, strict=False)), row[-1]])
        ).rstrip()
        for row in rows
    ]


def _shown_default(value: Any) -> str:
    """An option's default, the way it is typed after -O (``true``, ``10000``, ``zstd``)."""
    if value is None:
        return "not set"
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _option_rows(options: Mapping[str, Option]) -> list[tuple[str, str, str, str]]:
    return [
        (name, describe_type(option), f"(default {_shown_default(option.default)})", option.help)
        for name, option in options.items()
    ]


def _format_lines(formats: Sequence[Exporter | Importer]) -> list[str]:
    """One line per format, each followed by its options, indented."""
    heads: list[tuple[str, ...]] = []
    for item in formats:
        if isinstance(item, Exporter):
            extra = " (binary)" if item.binary else ""
            heads.append((item.name, item.media_type, item.suffix, item.description + extra))
        else:
            heads.append((item.name, " ".join(item.suffixes) or "-", item.description))
    options = _table([row for item in formats for row in _option_rows(item.options)], "    ")
    lines: list[str] = []
    for head, item in zip(_table(heads), formats, strict=True):
        lines.append(head)
        lines.extend(options[: len(item.options)])
        del options[: len(item.options)]
    return lines


def _format_json(item: Exporter | Importer) -> dict[str, Any]:
    data: dict[str, Any] = {"name": item.name, "description": item.description}
    if isinstance(item, Exporter):
        data.update(
            media_type=item.media_type,
            suffix=item.suffix,
            binary=item.binary,
            needs_feed=item.needs_feed,
        )
    else:
        data.update(suffixes=list(item.suffixes), media_types=list(item.media_types))
    data["options"] = {
        name: {
            "type": option.type.__name__,
            "default": option.default,
            "choices": list(option.choices),
            "help": option.help,
        }
        for name, option in item.options.items()
    }
    return data


@click.command(short_help="List the export and import formats, with their options.")
@click.option("--json", "as_json", is_flag=True, help="Print a JSON object, for programs.")
def formats(as_json: bool) -> None:
    """List the export formats, then the import formats, each with its options.

    A format's line has its name, media type, file suffix and description
    ('(binary)' when it is not text). Each option follows on an indented
    line: its name, the values it takes, its default and what it does; give
    it to 'frontnews export' as -O NAME=VALUE. --json prints
    {"exporters": [...], "importers": [...]} instead, each format with its
    options' type, default, choices and help.
    """
    exporters = list(get_exporters().values())
    importers = list(get_importers().values())
    if as_json:
        data = {
            "exporters": [_format_json(e) for e in exporters],
            "importers": [_format_json(i) for i in importers],
        }
        click.echo(json.dumps(data, indent=2, default=str))
        return
    for line in _format_lines(exporters):
        click.echo(line)
    if importers:
        click.echo("\nimport formats (frontnews import --format NAME):")
        for line in _format_lines(importers):
            click.echo(line)


def _plugin_rows(infos: list[PluginInfo]) -> list[tuple[str, ...]]:
    rows: list[tuple[str, ...]] = [("PLUGIN", "VERSION", "FORMATS", "FROM")]
    for info in infos:
        source = info.distribution or "registered at run time"
        if info.builtin:
            source += " (built-in)"
        if info.error is not None:
            source += f" (left out: {info.error})"
        rows.append(
            (
                info.name,
                info.version or "-",
                ", ".join([*info.exporters, *info.importers]) or "-",
                source,
            )
        )
    return rows


@click.command(short_help="List the plugins, built-in ones too.")
@click.option("--json", "as_json", is_flag=True, help="Print a JSON array, for programs.")
@click.option("--all", "show_all", is_flag=True, hidden=True, help="Built-ins are always listed.")
def plugins(as_json: bool, show_all: bool) -> None:
    """List the loaded plugins, the built-in ones marked '(built-in)', as a table.

    Each row has the plugin's name, the version and distribution it comes
    from, and the formats it registers (exporters, then importers). A plugin
    that was left out (it failed to import, raised in a hook, or took a name
    another has) is listed last with the reason. --json prints a JSON array
    instead, one object per plugin with its name, distribution, version,
    hooks, exporters, importers, whether it is built in and its error (null
    when it loaded). Set FRONTNEWS_LOAD_PLUGINS to a comma-separated list of
    distribution or plugin names to load only those third-party plugins (an
    empty value loads none).
    """
    infos = list_plugins()
    if as_json:
        click.echo(json.dumps([attrs.asdict(p) for p in infos], indent=2))
        return
    for line in _table(_plugin_rows(infos)):
        click.echo(_shown(line))
