"""The one plugin manager: built-in and third-party plugins, loaded the same way.

Built-in plugins are listed in :data:`DEFAULT_PLUGINS` and always load.
Third-party plugins come from the ``frontnews`` entry-point group; set
``FRONTNEWS_LOAD_PLUGINS`` to a comma-separated list of distribution names to
load only those (an empty value loads none).

Loading is all or nothing: the plugins are imported, checked against the hook
specifications (a misspelled hook is an error) and asked for their exporters
(two exporters with one name is an error) before anything is used, and every
problem is a :class:`~frontnews.PluginError` that names the plugin at fault.
"""

from __future__ import annotations

import importlib
import os
import re
import threading
import warnings
from collections.abc import Mapping
from importlib import metadata
from types import MappingProxyType
from typing import TypeVar

import attrs
import pluggy

from . import hookspecs
from ._version import __version__
from .contract import Exporter, Importer
from .errors import PluginError, UnknownFormatError

_Registered = TypeVar("_Registered", Exporter, Importer)

__all__ = [
    "DEFAULT_PLUGINS",
    "ENTRY_POINT_GROUP",
    "LOAD_PLUGINS_ENV",
    "PluginInfo",
    "get_exporter",
    "get_exporters",
    "get_importer",
    "get_importers",
    "get_plugin_manager",
    "list_plugins",
    "register_plugin",
    "reset",
    "unregister_plugin",
]

#: The modules of the built-in plugins, which always load, in this order.
DEFAULT_PLUGINS: tuple[str, ...] = (
    "frontnews.exporters.rss",
    "frontnews.exporters.atom",
    "frontnews.exporters.jsonfeed",
    "frontnews.exporters.csv",
    "frontnews.exporters.parquet",
)
#: The entry-point group that installed distributions declare their plugins in.
ENTRY_POINT_GROUP = "frontnews"
#: The environment variable that limits which third-party distributions load.
LOAD_PLUGINS_ENV = "FRONTNEWS_LOAD_PLUGINS"


@attrs.frozen
class PluginInfo:
    """One loaded plugin: its name, where it comes from, the hooks and exporters it provides.

    ``distribution`` and ``version`` name the installed package the plugin
    came from (``"frontnews"`` for the built-ins); both are ``None`` for a
    plugin registered at run time with :func:`register_plugin`.
    """

    name: str
    distribution: str | None
    version: str | None
    hooks: tuple[str, ...]
    exporters: tuple[str, ...]
    builtin: bool
    importers: tuple[str, ...] = ()


@attrs.frozen
class _Loaded:
    """Everything known about the loaded plugins, replaced as a whole on every change."""

    manager: pluggy.PluginManager
    distributions: Mapping[str, tuple[str, str | None]]
    exporters: Mapping[str, Exporter]
    owners: Mapping[str, str]
    importers: Mapping[str, Importer]
    importer_owners: Mapping[str, str]


@attrs.define
class _State:
    """The loaded plugins, or ``None`` before first use and after :func:`reset`."""

    loaded: _Loaded | None = None
    lock: threading.RLock = attrs.Factory(threading.RLock)


_state = _State()


def _normalize(name: str) -> str:
    """Return a distribution name in its canonical form (PEP 503): ``Foo_Bar`` is ``foo-bar``."""
    return re.sub(r"[-_.]+", "-", name).lower()


def _allowed_distributions() -> set[str] | None:
    """Return the distributions ``FRONTNEWS_LOAD_PLUGINS`` allows, or ``None`` when it is unset."""
    env = os.environ.get(LOAD_PLUGINS_ENV)
    if env is None:
        return None
    return {_normalize(name.strip()) for name in env.split(",") if name.strip()}


def _register(pm: pluggy.PluginManager, plugin: object, name: str | None) -> str:
    """Register ``plugin`` with ``pm``, turning pluggy's complaints into :class:`PluginError`."""
    label = name or pm.get_canonical_name(plugin)
    try:
        registered = pm.register(plugin, name=label)
    except (ValueError, pluggy.PluginValidationError) as exc:
        raise PluginError(f"plugin {label!r} cannot be registered: {exc}") from exc
    if registered is None:
        raise PluginError(f"plugin {label!r} is blocked and cannot be registered")
    return registered


def _check(pm: pluggy.PluginManager) -> None:
    """Fail if a plugin implements a hook that no specification declares (a misspelling)."""
    try:
        pm.check_pending()
    except pluggy.PluginValidationError as exc:
        name = pm.get_name(exc.plugin) or repr(exc.plugin)
        known = ", ".join(sorted(_hook_names()))
        raise PluginError(f"plugin {name!r}: {exc}; the frontnews hooks are: {known}") from exc


def _hook_names() -> list[str]:
    """Return the names of the hooks :mod:`frontnews.hookspecs` declares."""
    return [name for name in dir(hookspecs) if hasattr(getattr(hookspecs, name), "frontnews_spec")]


def _load_entry_points(pm: pluggy.PluginManager) -> dict[str, tuple[str, str | None]]:
    """Register the third-party plugins; return ``{plugin name: (distribution, version)}``."""
    allowed = _allowed_distributions()
    distributions: dict[str, tuple[str, str | None]] = {}
    found: set[str] = set()
    for ep in metadata.entry_points(group=ENTRY_POINT_GROUP):
        dist = ep.dist
        dist_name = dist.name if dist is not None else ep.name
        version = dist.version if dist is not None else None
        if allowed is not None and _normalize(dist_name) not in allowed:
            continue
        found.add(_normalize(dist_name))
        try:
            plugin = ep.load()
        except Exception as exc:
            raise PluginError(
                f"plugin {ep.name!r} from {dist_name!r} failed to import: {exc}"
            ) from exc
        if pm.is_registered(plugin):
            # The same module, offered twice (for instance a built-in): nothing new.
            continue
        if pm.get_plugin(ep.name) is not None:
            other, _ = distributions.get(ep.name, ("frontnews", None))
            raise PluginError(
                f"two plugins are called {ep.name!r}: one from {other!r} and one from "
                f"{dist_name!r}; uninstall one, or leave it out with {LOAD_PLUGINS_ENV}"
            )
        _register(pm, plugin, ep.name)
        distributions[ep.name] = (dist_name, version)
    if allowed is not None and allowed - found:
        missing = ", ".join(sorted(allowed - found))
        warnings.warn(
            f"{LOAD_PLUGINS_ENV} names plugins that are not installed: {missing}",
            stacklevel=4,
        )
    return distributions


def _describe(name: str, distributions: Mapping[str, tuple[str, str | None]]) -> str:
    """Name a plugin for an error message, with the distribution it comes from when known."""
    if name in distributions:
        dist, version = distributions[name]
        return f"{name!r} (from {dist} {version})" if version else f"{name!r} (from {dist})"
    return repr(name)


def _collect(
    pm: pluggy.PluginManager,
    distributions: Mapping[str, tuple[str, str | None]],
    hook: str,
    kind: type[_Registered],
) -> tuple[dict[str, _Registered], dict[str, str]]:
    """Call ``hook`` of every plugin; return what they registered by name, and the owner of each."""
    found: dict[str, _Registered] = {}
    owners: dict[str, str] = {}
    what = kind.__name__.lower()
    # Called one implementation at a time, in registration order, so that a
    # clash names both plugins instead of letting the later one win.
    for impl in getattr(pm.hook, hook).get_hookimpls():
        owner: str = impl.plugin_name
        if impl.wrapper or impl.hookwrapper:
            raise PluginError(
                f"plugin {_describe(owner, distributions)}: {hook} cannot be a wrapper"
            )

        def register(item: _Registered, _owner: str = owner) -> None:
            if not isinstance(item, kind):
                raise PluginError(
                    f"plugin {_describe(_owner, distributions)} registered {item!r}, "
                    f"which is not a frontnews.{kind.__name__}"
                )
            if item.name in found:
                first = _describe(owners[item.name], distributions)
                raise PluginError(
                    f"{what} {item.name!r} is registered twice: by plugin {first} "
                    f"and by plugin {_describe(_owner, distributions)}"
                )
            found[item.name] = item
            owners[item.name] = _owner

        # An implementation may take fewer arguments than the spec offers.
        kwargs = {"register": register}
        try:
            impl.function(*(kwargs[arg] for arg in impl.argnames))
        except PluginError:
            raise
        except Exception as exc:
            raise PluginError(
                f"plugin {_describe(owner, distributions)} failed in {hook}: {exc!r}"
            ) from exc
    return found, owners


def _build(
    pm: pluggy.PluginManager, distributions: Mapping[str, tuple[str, str | None]]
) -> _Loaded:
    """Check ``pm`` and collect its exporters, or raise :class:`PluginError`."""
    _check(pm)
    exporters, owners = _collect(pm, distributions, "register_exporters", Exporter)
    importers, importer_owners = _collect(pm, distributions, "register_importers", Importer)
    return _Loaded(
        manager=pm,
        distributions=MappingProxyType(dict(distributions)),
        exporters=MappingProxyType(dict(sorted(exporters.items()))),
        owners=MappingProxyType(owners),
        importers=MappingProxyType(dict(sorted(importers.items()))),
        importer_owners=MappingProxyType(importer_owners),
    )


def _load() -> _Loaded:
    """Return the loaded plugins, loading them on first use."""
    with _state.lock:
        if _state.loaded is None:
            pm = pluggy.PluginManager("frontnews")
            pm.add_hookspecs(hookspecs)
            for module_name in DEFAULT_PLUGINS:
                _register(pm, importlib.import_module(module_name), module_name)
            _state.loaded = _build(pm, _load_entry_points(pm))
        return _state.loaded


def get_plugin_manager() -> pluggy.PluginManager:
    """Return the plugin manager, loading the plugins on first use.

    Raises :class:`~frontnews.PluginError` if a plugin is broken; nothing is
    kept, so the next call tries again. Add plugins with
    :func:`register_plugin`, not on the manager itself, so that they are
    checked and their exporters are seen.
    """
    return _load().manager


def register_plugin(plugin: object, name: str | None = None) -> str:
    """Register ``plugin`` (a module or object with hook implementations) at run time.

    Returns the name it is registered under. The plugin is checked like an
    installed one; if it is broken (a misspelled hook, an exporter name that is
    taken, ...) it raises :class:`~frontnews.PluginError` and nothing changes.
    """
    with _state.lock:
        loaded = _load()
        pm = loaded.manager
        registered = _register(pm, plugin, name)
        try:
            _state.loaded = _build(pm, loaded.distributions)
        except BaseException:
            pm.unregister(plugin, name=registered)
            raise
        return registered


def unregister_plugin(plugin: object) -> None:
    """Remove a registered plugin, given as the object or the name it is registered under.

    Raises :class:`~frontnews.PluginError` if no such plugin is registered.
    """
    with _state.lock:
        loaded = _load()
        pm = loaded.manager
        name = plugin if isinstance(plugin, str) else pm.get_name(plugin)
        if name is None or pm.get_plugin(name) is None:
            raise PluginError(f"no plugin {plugin!r} is registered")
        pm.unregister(name=name)
        distributions = {k: v for k, v in loaded.distributions.items() if k != name}
        _state.loaded = _build(pm, distributions)


def reset() -> None:
    """Forget every loaded plugin; the next use loads them again (honouring the environment)."""
    with _state.lock:
        _state.loaded = None


def get_exporters() -> Mapping[str, Exporter]:
    """Return every registered exporter by name, sorted by name."""
    return _load().exporters


def get_exporter(name: str) -> Exporter:
    """Return the exporter called ``name``, or raise :class:`~frontnews.errors.UnknownFormatError`.

    The error lists the known names.

    >>> rss = get_exporter("rss")
    >>> rss.media_type, rss.suffix
    ('application/rss+xml', '.xml')
    >>> get_exporter("rss2")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
      ...
    frontnews.errors.UnknownFormatError: no exporter called 'rss2'; known: ...csv, jsonfeed, ...rss
    """
    exporters = get_exporters()
    try:
        return exporters[name]
    except KeyError:
        raise UnknownFormatError(name, list(exporters)) from None


def get_importers() -> Mapping[str, Importer]:
    """Return every registered importer by name, sorted by name."""
    return _load().importers


def get_importer(name: str) -> Importer:
    """Return the importer called ``name``, or raise :class:`~frontnews.UnknownFormatError`."""
    importers = get_importers()
    try:
        return importers[name]
    except KeyError:
        raise UnknownFormatError(name, list(importers), kind="importer") from None


def list_plugins() -> list[PluginInfo]:
    """Describe every loaded plugin, built-ins first, then in load order.

    >>> rss = list_plugins()[0]
    >>> rss.name, rss.distribution, rss.builtin, rss.hooks, rss.exporters
    ('frontnews.exporters.rss', 'frontnews', True, ('register_exporters',), ('rss',))
    """
    loaded = _load()
    pm = loaded.manager
    infos = []
    for name, plugin in pm.list_name_plugin():
        hooks = tuple(sorted(h.name for h in pm.get_hookcallers(plugin) or ()))
        dist, version = loaded.distributions.get(name, (None, None))
        builtin = name in DEFAULT_PLUGINS
        if builtin:
            dist, version = "frontnews", _own_version()
        infos.append(
            PluginInfo(
                name=name,
                distribution=dist,
                version=version,
                hooks=hooks,
                exporters=tuple(sorted(e for e, o in loaded.owners.items() if o == name)),
                builtin=builtin,
                importers=tuple(sorted(i for i, o in loaded.importer_owners.items() if o == name)),
            )
        )
    return infos


def _own_version() -> str:
    return __version__
