"""The commands plugins add through the ``register_commands`` hook, each checked and contained."""

from __future__ import annotations

import warnings
from collections.abc import Collection, Mapping
from typing import Any

import click

from ..errors import FrontnewsError, PluginWarning
from ..plugins import PluginProblem, call_hook, list_plugins

_META_KEY = "frontnews.plugin_commands"


def plugin_commands(ctx: click.Context, builtin: Collection[str]) -> Mapping[str, click.Command]:
    """The commands the plugins add, by name, collected once per run of the command line.

    Each plugin's implementation gets a group of its own; its commands are
    then taken in, except a name that a built-in command (in ``builtin``) or
    an earlier plugin has, which is left out with a
    :class:`~frontnews.PluginWarning`. A plugin whose hook raises adds nothing.
    """
    meta = ctx.find_root().meta
    if _META_KEY not in meta:
        meta[_META_KEY] = _collect(builtin)
    commands: Mapping[str, click.Command] = meta[_META_KEY]
    return commands


def _collect(builtin: Collection[str]) -> dict[str, click.Command]:
    groups: dict[str, click.Group] = {}

    def arguments(plugin: str) -> dict[str, Any]:
        groups[plugin] = click.Group(plugin)
        return {"cli": groups[plugin]}

    try:
        failed = {problem.name for problem in call_hook("register_commands", arguments)}
        sources = {info.name: (info.distribution, info.version) for info in list_plugins()}
    except FrontnewsError:
        return {}  # the plugins cannot load at all: the command that needs them says why
    commands: dict[str, click.Command] = {}
    owners: dict[str, str] = {}
    for plugin, group in groups.items():
        if plugin in failed:
            continue
        for name, command in group.commands.items():
            if name in builtin or name in owners:
                holder = "a built-in command" if name in builtin else f"plugin {owners[name]!r}"
                dist, version = sources.get(plugin, (None, None))
                reason = f"command {name!r} is taken by {holder}"
                warnings.warn(
                    str(PluginProblem(plugin, dist, version, reason)), PluginWarning, stacklevel=2
                )
                continue
            commands[name] = command
            owners[name] = plugin
    return commands
