"""The hooks a frontnews plugin can implement.

A plugin is any module or object with functions marked ``@frontnews.hookimpl``
whose names match the specs below. The built-in exporters are plugins too and
use exactly these hooks.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import pluggy

if TYPE_CHECKING:
    import click

    from .contract import Exporter, Importer

__all__ = ["hookimpl", "hookspec", "register_commands", "register_exporters", "register_importers"]

hookspec = pluggy.HookspecMarker("frontnews")
hookimpl = pluggy.HookimplMarker("frontnews")


@hookspec
def register_exporters(register: Callable[[Exporter], None]) -> None:
    """Register the exporters a plugin provides, by calling ``register(exporter)`` for each.

    frontnews calls every plugin's implementation whenever the set of plugins
    changes: when the plugins load (on the first :func:`frontnews.export`,
    :func:`frontnews.plugins.get_exporters`, ...), and again each time a
    plugin is registered or unregistered at run time. An implementation should
    therefore do nothing but call ``register``, the same way every time.

    :param register: Adds one :class:`frontnews.Exporter`. Call it once for
        each exporter the plugin provides: any number of times, or not at all.
        Anything but an ``Exporter``, or a name that another plugin (or this
        one) already registered, is a fault of this plugin: nothing is ever
        silently overridden, and built-in names always win. An
        implementation may leave this argument out.
    :returns: Nothing: the return value is ignored; return ``None``.

    A plugin at fault (it registers a taken name or something else than an
    ``Exporter``, or its implementation raises) is left out as a whole: an
    installed plugin with a :class:`frontnews.PluginWarning` naming it, its
    distribution and the reason, while everything else keeps working; a
    plugin registered at run time with :func:`frontnews.plugins.register_plugin`
    with a :class:`frontnews.PluginError` (the original exception as its
    ``__cause__``), and nothing changes. An implementation cannot be a
    wrapper (``wrapper=True`` or ``hookwrapper=True``).
    """


@hookspec
def register_importers(register: Callable[[Importer], None]) -> None:
    """Register the importers a plugin provides, by calling ``register(importer)`` for each.

    The mirror of :func:`register_exporters`, called at the same moments and
    under the same rules: an implementation should do nothing but call
    ``register``, the same way every time.

    :param register: Adds one :class:`frontnews.Importer`. Anything but an
        ``Importer``, or a name another importer already has, is a fault of
        this plugin, handled as for :func:`register_exporters`. An
        implementation may leave this argument out.
    :returns: Nothing: the return value is ignored; return ``None``.
    """


@hookspec
def register_commands(cli: click.Group) -> None:
    """Add commands to the ``frontnews`` command line, by decorating them with ``@cli.command()``.

    frontnews calls every plugin's implementation when the command line
    needs commands beyond its own: to run a command that is not built in, or
    to list the commands (``frontnews --help``). Running a built-in command
    never calls it.

    :param cli: A :class:`click.Group` for this plugin alone: add commands with
        ``@cli.command()``, ``@cli.group()`` or ``cli.add_command(...)``.
        frontnews then adds them to its own group. A command named like a
        built-in command (``export``) or like a command another plugin added
        first is left out with a ``frontnews: warning:`` naming the plugin;
        the others are kept. An implementation may leave this argument out.
    :returns: Nothing: the return value is ignored; return ``None``.

    An exception raised inside an implementation leaves out every command of
    that plugin, with a ``frontnews: warning:`` naming it; the other commands
    keep working. The library itself never calls this hook (it does not
    import click): only the ``frontnews`` command does.
    """
