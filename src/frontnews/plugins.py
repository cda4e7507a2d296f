"""The one plugin manager: built-in and third-party plugins, loaded the same way.

Built-in plugins are listed in :data:`DEFAULT_PLUGINS` and always load.
Third-party plugins come from the ``frontnews`` entry-point group; set
``FRONTNEWS_LOAD_PLUGINS`` to a comma-separated list of distribution names to
load only those (an empty value loads none).
"""

from __future__ import annotations

import importlib
import os
import warnings
from collections.abc import Mapping
from importlib import metadata
from types import MappingProxyType

import attrs
import pluggy

from . import hookspecs
from .errors import ExportError, PluginError
from .export import Exporter

__all__ = [
    "DEFAULT_PLUGINS",
    "ENTRY_POINT_GROUP",
    "LOAD_PLUGINS_ENV",
    "PluginInfo",
    "get_exporter",
    "get_exporters",
    "get_plugin_manager",
    "list_plugins",
    "register_plugin",
    "reset",
]

DEFAULT_PLUGINS: tuple[str, ...] = (
    "frontnews.exporters.rss",
    "frontnews.exporters.jsonfeed",
    "frontnews.exporters.csv",
)
ENTRY_POINT_GROUP = "frontnews"
LOAD_PLUGINS_ENV = "FRONTNEWS_LOAD_PLUGINS"


@attrs.frozen
class PluginInfo:
    """One loaded plugin: its name, where it comes from, the hooks and exporters it provides."""

    name: str
    distribution: str | None
    version: str | None
    hooks: tuple[str, ...]
    exporters: tuple[str, ...]
    builtin: bool


@attrs.define
class _State:
    manager: pluggy.PluginManager | None = None
    distributions: dict[str, tuple[str, str]] = attrs.Factory(dict)
    exporters: dict[str, Exporter] | None = None
    owners: dict[str, str] = attrs.Factory(dict)


_state = _State()


def _new_manager() -> pluggy.PluginManager:
    pm = pluggy.PluginManager("frontnews")
    pm.add_hookspecs(hookspecs)
    for module_name in DEFAULT_PLUGINS:
        pm.register(importlib.import_module(module_name), name=module_name)
    allowed: set[str] | None = None
    env = os.environ.get(LOAD_PLUGINS_ENV)
    if env is not None:
        allowed = {name.strip() for name in env.split(",") if name.strip()}
    found: set[str] = set()
    for ep in metadata.entry_points(group=ENTRY_POINT_GROUP):
        dist = ep.dist
        dist_name = dist.name if dist is not None else ep.name
        if allowed is not None and dist_name not in allowed:
            continue
        found.add(dist_name)
        try:
            plugin = ep.load()
        except Exception as exc:
            raise PluginError(
                f"plugin {ep.name!r} from {dist_name!r} failed to import: {exc}"
            ) from exc
        if pm.is_registered(plugin) or pm.get_plugin(ep.name) is not None:
            continue
        pm.register(plugin, name=ep.name)
        _state.distributions[ep.name] = (dist_name, dist.version if dist is not None else "")
    if allowed is not None and allowed - found:
        missing = ", ".join(sorted(allowed - found))
        warnings.warn(
            f"{LOAD_PLUGINS_ENV} names plugins that are not installed: {missing}",
            stacklevel=3,
        )
    _check(pm)
    return pm


def _check(pm: pluggy.PluginManager) -> None:
    try:
        pm.check_pending()
    except pluggy.PluginValidationError as exc:
        raise PluginError(f"plugin {exc.plugin!r}: {exc}") from exc


def get_plugin_manager() -> pluggy.PluginManager:
    """Return the plugin manager, loading the plugins on first use."""
    if _state.manager is None:
        _state.manager = _new_manager()
    return _state.manager


def register_plugin(plugin: object, name: str | None = None) -> None:
    """Register ``plugin`` (a module or object with hook implementations) at run time."""
    pm = get_plugin_manager()
    try:
        pm.register(plugin, name=name)
    except ValueError as exc:
        raise PluginError(str(exc)) from exc
    _check(pm)
    _state.exporters = None


def reset() -> None:
    """Forget every loaded plugin; the next use loads them again (honouring the environment)."""
    _state.manager = None
    _state.distributions.clear()
    _state.exporters = None
    _state.owners.clear()


def _collect() -> dict[str, Exporter]:
    pm = get_plugin_manager()
    exporters: dict[str, Exporter] = {}
    owners: dict[str, str] = {}
    # Called one implementation at a time, in registration order, so that a
    # clash names both plugins instead of letting the later one win.
    for impl in pm.hook.register_exporters.get_hookimpls():

        def register(exporter: Exporter, _owner: str = impl.plugin_name) -> None:
            if not isinstance(exporter, Exporter):
                raise PluginError(
                    f"plugin {_owner!r} registered {exporter!r}, not a frontnews.Exporter"
                )
            if exporter.name in exporters:
                raise PluginError(
                    f"exporter {exporter.name!r} is registered twice: by plugin "
                    f"{owners[exporter.name]!r} and by plugin {_owner!r}"
                )
            exporters[exporter.name] = exporter
            owners[exporter.name] = _owner

        impl.function(register=register)
    _state.owners = owners
    return exporters


def get_exporters() -> Mapping[str, Exporter]:
    """Return every registered exporter by name, sorted by name."""
    if _state.exporters is None:
        _state.exporters = _collect()
    return MappingProxyType(dict(sorted(_state.exporters.items())))


def get_exporter(name: str) -> Exporter:
    """Return the exporter called ``name``, or raise :class:`ExportError` listing the known ones."""
    exporters = get_exporters()
    try:
        return exporters[name]
    except KeyError:
        known = ", ".join(exporters) or "none"
        raise ExportError(f"no exporter called {name!r}; known: {known}") from None


def list_plugins() -> list[PluginInfo]:
    """Describe every loaded plugin, built-ins first, then in load order."""
    pm = get_plugin_manager()
    get_exporters()
    infos = []
    for name, plugin in pm.list_name_plugin():
        hooks = tuple(sorted(h.name for h in pm.get_hookcallers(plugin) or ()))
        dist, version = _state.distributions.get(name, (None, None))
        builtin = name in DEFAULT_PLUGINS
        if builtin:
            dist, version = "frontnews", _own_version()
        infos.append(
            PluginInfo(
                name=name,
                distribution=dist,
                version=version,
                hooks=hooks,
                exporters=tuple(sorted(e for e, o in _state.owners.items() if o == name)),
                builtin=builtin,
            )
        )
    return infos


def _own_version() -> str:
    from . import __version__

    return __version__
