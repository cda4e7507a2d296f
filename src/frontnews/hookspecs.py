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
    from .export import Exporter

__all__ = ["hookimpl", "hookspec", "register_exporters"]

hookspec = pluggy.HookspecMarker("frontnews")
hookimpl = pluggy.HookimplMarker("frontnews")


@hookspec
def register_exporters(register: Callable[[Exporter], None]) -> None:
    """Register exporters by calling ``register(exporter)`` once for each.

    ``register`` takes a :class:`frontnews.Exporter`. A plugin may register
    any number of exporters. Registering a name that another plugin (or this
    one) already registered raises :class:`frontnews.PluginError` naming both
    plugins: nothing is ever silently overridden.

    The return value is ignored; return ``None``.
    """
