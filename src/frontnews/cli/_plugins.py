"""``frontnews formats`` and ``frontnews plugins``: what is installed."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

import attrs
import click

from ..plugins import PluginInfo, get_exporters, list_plugins

if TYPE_CHECKING:
    pass

# -- formats, plugins -------------------------------------------------------------------------


@click.command(short_help="List the export formats.")
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


@click.command(short_help="List the plugins, built-in ones too.")
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
