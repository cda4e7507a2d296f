"""The one plugin manager: built-in and third-party plugins, loaded the same way.

Built-in plugins are listed in :data:`DEFAULT_PLUGINS` and always load.
Third-party plugins come from the ``frontnews`` entry-point group; set
``FRONTNEWS_LOAD_PLUGINS`` to a comma-separated list of distribution or
entry-point names to load only those (an empty value loads none), and
``FRONTNEWS_TRACE_PLUGINS=1`` to see every hook call on standard error.

An installed plugin that is broken is left out, and everything else keeps
working: one that fails to import, is not a valid plugin (a misspelled hook),
raises in a hook or registers a name that is taken (built-in names always
win) gives a :class:`~frontnews.PluginWarning` naming the plugin, its
distribution and the reason, and :func:`list_plugins` lists it with that
reason. A plugin registered at run time with :func:`register_plugin` is
checked the same way, but strictly: a problem raises
:class:`~frontnews.PluginError` and nothing changes.
"""

from __future__ import annotations

import importlib
import json
import os
import re
import sys
import threading
import time
import warnings
from collections.abc import Callable, Mapping
from importlib import metadata
from types import MappingProxyType
from typing import Any, TypeVar

import attrs
import pluggy

from . import hookspecs
from ._version import __version__
from .contract import Exporter, Importer
from .errors import PluginError, PluginWarning, UnknownFormatError

_Registered = TypeVar("_Registered", Exporter, Importer)

__all__ = [
    "DEFAULT_PLUGINS",
    "ENTRY_POINT_GROUP",
    "LOAD_PLUGINS_ENV",
    "TRACE_PLUGINS_ENV",
    "PluginInfo",
    "PluginProblem",
    "call_hook",
    "get_exporter",
    "get_exporters",
    "get_importer",
    "get_importers",
    "get_plugin_manager",
    "list_plugins",
    "plugin_failure",
    "problems",
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
    "frontnews.importers.feeds",
    "frontnews.importers.csv",
)
#: The entry-point group that installed distributions declare their plugins in.
ENTRY_POINT_GROUP = "frontnews"
#: The environment variable that limits which third-party plugins load.
LOAD_PLUGINS_ENV = "FRONTNEWS_LOAD_PLUGINS"
#: The environment variable that, set to ``1``, traces every hook call to standard error.
TRACE_PLUGINS_ENV = "FRONTNEWS_TRACE_PLUGINS"


@attrs.frozen
class PluginInfo:
    """One plugin: its name, where it comes from, the hooks and exporters it provides.

    ``distribution`` and ``version`` name the installed package the plugin
    came from (``"frontnews"`` for the built-ins); both are ``None`` for a
    plugin registered at run time with :func:`register_plugin`. ``error``
    says why a plugin was left out (it then provides nothing), and is
    ``None`` for a plugin that loaded.
    """

    name: str
    distribution: str | None
    version: str | None
    hooks: tuple[str, ...]
    exporters: tuple[str, ...]
    builtin: bool
    importers: tuple[str, ...] = ()
    error: str | None = None


def _one_line(text: str) -> str:
    """``text`` on one line: a message of several lines has its lines joined by ``; ``."""
    return "; ".join(line.strip() for line in str(text).splitlines() if line.strip())


@attrs.frozen
class PluginProblem:
    """Why the installed plugin ``name`` (of ``distribution``) was left out: ``reason``.

    >>> print(PluginProblem("sitemap", "frontnews-sitemap", "1.2", "failed to import: x"))
    plugin 'sitemap' (frontnews-sitemap 1.2): failed to import: x
    """

    name: str
    distribution: str | None
    version: str | None
    reason: str = attrs.field(converter=_one_line)

    def __str__(self) -> str:
        return f"plugin {_label(self.name, self.distribution, self.version)}: {self.reason}"


def _label(name: str, distribution: str | None, version: str | None) -> str:
    """``'name' (distribution version)``, with what is known of where the plugin comes from."""
    source = " ".join(part for part in (distribution, version) if part)
    return f"{name!r} ({source})" if source else repr(name)


class _FaultError(Exception):
    """A plugin at fault while the plugins are put together: ``plugin`` and ``reason``."""

    def __init__(self, plugin: str, reason: str) -> None:
        self.plugin = plugin
        self.reason = reason
        super().__init__(reason)


@attrs.frozen
class _Loaded:
    """Everything known about the loaded plugins, replaced as a whole on every change."""

    manager: pluggy.PluginManager
    distributions: Mapping[str, tuple[str, str | None]]
    exporters: Mapping[str, Exporter]
    owners: Mapping[str, str]
    importers: Mapping[str, Importer]
    importer_owners: Mapping[str, str]
    problems: tuple[PluginProblem, ...] = ()


@attrs.define
class _State:
    """The loaded plugins, or ``None`` before first use and after :func:`reset`."""

    loaded: _Loaded | None = None
    lock: threading.RLock = attrs.Factory(threading.RLock)


_state = _State()


def _normalize(name: str) -> str:
    """Return a distribution name in its canonical form (PEP 503): ``Foo_Bar`` is ``foo-bar``."""
    return re.sub(r"[-_.]+", "-", name).lower()


def _allowed_names() -> set[str] | None:
    """Return the names ``FRONTNEWS_LOAD_PLUGINS`` allows, or ``None`` when it is unset."""
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
        raise PluginError(f"plugin {label!r} cannot be registered: {exc}", plugin=label) from exc
    if registered is None:
        raise PluginError(f"plugin {label!r} is blocked and cannot be registered", plugin=label)
    return registered


def _check(pm: pluggy.PluginManager) -> None:
    """Fail if a plugin implements a hook that no specification declares (a misspelling)."""
    try:
        pm.check_pending()
    except pluggy.PluginValidationError as exc:
        name = pm.get_name(exc.plugin) or repr(exc.plugin)
        known = ", ".join(sorted(_hook_names()))
        hook = re.search(r"unknown hook '([^']*)'", str(exc))
        what = f"implements {hook[1]!r}, which is not a frontnews hook" if hook else str(exc)
        raise _FaultError(name, f"{what} (the hooks are: {known})") from exc


def _hook_names() -> list[str]:
    """Return the names of the hooks :mod:`frontnews.hookspecs` declares."""
    return [name for name in dir(hookspecs) if hasattr(getattr(hookspecs, name), "frontnews_spec")]


_Distributions = Mapping[str, tuple[str, str | None]]


def _load_entry_points(
    pm: pluggy.PluginManager,
) -> tuple[dict[str, tuple[str, str | None]], list[PluginProblem]]:
    """Register the third-party plugins; return where each comes from, and those left out."""
    allowed = _allowed_names()
    distributions: dict[str, tuple[str, str | None]] = {}
    problems: list[PluginProblem] = []
    found: set[str] = set()
    for ep in metadata.entry_points(group=ENTRY_POINT_GROUP):
        dist = ep.dist
        dist_name = dist.name if dist is not None else ep.name
        version = dist.version if dist is not None else None
        names = {_normalize(dist_name), _normalize(ep.name)}
        if allowed is not None and not names & allowed:
            continue
        found |= names
        reason = _load_one(pm, ep, distributions)
        if reason is None:
            distributions[ep.name] = (dist_name, version)
        elif reason:
            problems.append(PluginProblem(ep.name, dist_name, version, reason))
    if allowed is not None and allowed - found:
        missing = ", ".join(sorted(allowed - found))
        warnings.warn(
            f"{LOAD_PLUGINS_ENV} names plugins that are not installed: {missing}",
            PluginWarning,
            stacklevel=2,
        )
    return distributions, problems


def _load_one(
    pm: pluggy.PluginManager, ep: metadata.EntryPoint, known: _Distributions
) -> str | None:
    """Import and register one entry point; return why it was left out, or ``None``.

    ``""`` means that there was nothing to register: the module is a plugin already.
    """
    try:
        plugin = ep.load()
    except Exception as exc:
        return f"failed to import: {type(exc).__name__}: {exc}"
    if pm.is_registered(plugin):
        return ""  # the same module, offered twice (for instance a built-in): nothing new
    if pm.get_plugin(ep.name) is not None:
        other, version = known.get(ep.name, ("frontnews", __version__))
        return f"the plugin name {ep.name!r} is taken by {other} {version or ''}".rstrip()
    try:
        _register(pm, plugin, ep.name)
    except PluginError as exc:
        return f"is not a valid plugin: {exc.__cause__ or exc}"
    return None


def _describe(name: str, distributions: _Distributions) -> str:
    """Name a plugin for a message: ``'sitemap' (frontnews-sitemap 0.1.0)``."""
    if name in DEFAULT_PLUGINS:
        return _label(name, "frontnews", __version__)
    dist, version = distributions.get(name, (None, None))
    return _label(name, dist, version)


def _ordered(pm: pluggy.PluginManager, hook: str) -> list[Any]:
    """The implementations of ``hook``, built-ins first, then in the order the plugins loaded."""
    order = {name: index for index, (name, _) in enumerate(pm.list_name_plugin())}
    impls = getattr(pm.hook, hook).get_hookimpls()
    return sorted(
        impls, key=lambda impl: (impl.plugin_name not in DEFAULT_PLUGINS, order[impl.plugin_name])
    )


def _call(impl: Any, hook: str, kwargs: Mapping[str, Any]) -> Any:
    """Call one implementation with the arguments it asks for; trace it when asked to."""
    arguments = [kwargs[arg] for arg in impl.argnames]
    if os.environ.get(TRACE_PLUGINS_ENV, "") in ("", "0"):
        return impl.function(*arguments)
    start = time.perf_counter()
    try:
        return impl.function(*arguments)
    finally:
        elapsed = (time.perf_counter() - start) * 1000
        line = {
            "hook": hook,
            "plugin": impl.plugin_name,
            "args": {name: _short_repr(kwargs[name]) for name in impl.argnames},
            "duration_ms": round(elapsed, 3),
        }
        print(f"frontnews: trace: {json.dumps(line)}", file=sys.stderr, flush=True)


def _short_repr(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 80 else text[:77] + "..."


def _collect(
    pm: pluggy.PluginManager, distributions: _Distributions, hook: str, kind: type[_Registered]
) -> tuple[dict[str, _Registered], dict[str, str]]:
    """Call ``hook`` of every plugin; return what they registered by name, and the owner of each.

    A plugin at fault raises :class:`_FaultError` naming it; built-ins are called
    first, so that a name a built-in has is never lost to a plugin.
    """
    found: dict[str, _Registered] = {}
    owners: dict[str, str] = {}
    what = kind.__name__.lower()
    for impl in _ordered(pm, hook):
        owner: str = impl.plugin_name
        if impl.wrapper or impl.hookwrapper:
            raise _FaultError(owner, f"{hook} cannot be a wrapper")
        mine: dict[str, _Registered] = {}

        def register(item: _Registered, _owner: str = owner, _mine: dict[str, Any] = mine) -> None:
            if not isinstance(item, kind):
                raise _FaultError(
                    _owner, f"registered {item!r}, which is not a frontnews.{kind.__name__}"
                )
            if item.name in _mine:
                raise _FaultError(_owner, f"registers {what} {item.name!r} twice")
            if item.name in found:
                first = _describe(owners[item.name], distributions)
                raise _FaultError(_owner, f"{what} {item.name!r} is taken by plugin {first}")
            _mine[item.name] = item

        try:
            _call(impl, hook, {"register": register})
        except _FaultError:
            raise
        except Exception as exc:
            raise _FaultError(owner, f"failed in {hook}: {type(exc).__name__}: {exc}") from exc
        found.update(mine)
        owners.update(dict.fromkeys(mine, owner))
    return found, owners


def _assemble(
    pm: pluggy.PluginManager, distributions: _Distributions, problems: list[PluginProblem]
) -> _Loaded:
    """Check ``pm`` and collect its exporters and importers, or raise :class:`_FaultError`."""
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
        problems=tuple(problems),
    )


def _build(
    pm: pluggy.PluginManager,
    distributions: _Distributions,
    problems: list[PluginProblem],
    *,
    strict: bool,
) -> _Loaded:
    """Put the plugins together, leaving out each one at fault (or, when ``strict``, raising).

    A built-in at fault always raises :class:`PluginError`: frontnews itself is broken.
    """
    problems = list(problems)
    while True:
        try:
            return _assemble(pm, distributions, problems)
        except _FaultError as fault:
            message = f"plugin {_describe(fault.plugin, distributions)}: {fault.reason}"
            if strict or fault.plugin in DEFAULT_PLUGINS:
                raise PluginError(message, plugin=fault.plugin) from fault.__cause__
            dist, version = distributions.get(fault.plugin, (None, None))
            problems.append(PluginProblem(fault.plugin, dist, version, fault.reason))
            pm.unregister(name=fault.plugin)


def _load() -> _Loaded:
    """Return the loaded plugins, loading them on first use (and warning about those left out)."""
    with _state.lock:
        if _state.loaded is None:
            pm = pluggy.PluginManager("frontnews")
            pm.add_hookspecs(hookspecs)
            for module_name in DEFAULT_PLUGINS:
                _register(pm, importlib.import_module(module_name), module_name)
            distributions, problems = _load_entry_points(pm)
            loaded = _build(pm, distributions, problems, strict=False)
            _state.loaded = loaded  # kept even if a warning below is made an error (-W error)
            for problem in loaded.problems:
                warnings.warn(str(problem), PluginWarning, stacklevel=3)
        return _state.loaded


def get_plugin_manager() -> pluggy.PluginManager:
    """Return the plugin manager, loading the plugins on first use.

    Add plugins with :func:`register_plugin`, not on the manager itself, so
    that they are checked and their exporters are seen. Raises
    :class:`~frontnews.PluginError` only if a built-in plugin is broken.
    """
    return _load().manager


def problems() -> tuple[PluginProblem, ...]:
    """Return the installed plugins that were left out, each with the reason, in load order."""
    return _load().problems


def register_plugin(plugin: object, name: str | None = None) -> str:
    """Register ``plugin`` (a module or object with hook implementations) at run time.

    Returns the name it is registered under. The plugin is checked like an
    installed one, but strictly: if it is broken (a misspelled hook, an
    exporter name that is taken, a hook that raises, ...) it raises
    :class:`~frontnews.PluginError` and nothing changes.
    """
    with _state.lock:
        loaded = _load()
        pm = loaded.manager
        registered = _register(pm, plugin, name)
        try:
            _state.loaded = _build(pm, loaded.distributions, list(loaded.problems), strict=True)
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
        _state.loaded = _build(pm, distributions, list(loaded.problems), strict=False)


def reset() -> None:
    """Forget every loaded plugin; the next use loads them again (honouring the environment)."""
    with _state.lock:
        _state.loaded = None


def call_hook(hook: str, arguments: Callable[[str], Mapping[str, Any]]) -> list[PluginProblem]:
    """Call each implementation of ``hook``, one plugin at a time, built-ins first.

    ``arguments(plugin name)`` gives the keyword arguments for that plugin's
    implementation (each may get its own). An implementation that raises is
    not let through: it is returned as a :class:`PluginProblem` (the caller
    decides what to leave out) and given as a :class:`~frontnews.PluginWarning`.
    This is how the command line calls ``register_commands``.
    """
    loaded = _load()
    found: list[PluginProblem] = []
    for impl in _ordered(loaded.manager, hook):
        name: str = impl.plugin_name
        try:
            _call(impl, hook, arguments(name))
        except Exception as exc:
            dist, version = loaded.distributions.get(name, (None, None))
            problem = PluginProblem(
                name, dist, version, f"failed in {hook}: {type(exc).__name__}: {exc}"
            )
            warnings.warn(str(problem), PluginWarning, stacklevel=2)
            found.append(problem)
    return found


def plugin_failure(exporter: Exporter | Importer, exc: BaseException) -> PluginError:
    """The :class:`~frontnews.PluginError` for an exporter or importer that raised ``exc``.

    It names the plugin that registered it and its distribution:
    ``plugin 'sitemap' (frontnews-sitemap 1.2): RuntimeError: ...``.
    """
    loaded = _load()
    owners = loaded.owners if isinstance(exporter, Exporter) else loaded.importer_owners
    owner = owners.get(exporter.name)
    what = f"plugin {_describe(owner, loaded.distributions)}" if owner else repr(exporter.name)
    return PluginError(f"{what}: {type(exc).__name__}: {exc}", plugin=owner)


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
    """Describe every plugin, built-ins first, then in load order, then those left out.

    A plugin left out (see :func:`problems`) has its reason in ``error`` and
    provides nothing.

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
    infos.extend(
        PluginInfo(
            name=problem.name,
            distribution=problem.distribution,
            version=problem.version,
            hooks=(),
            exporters=(),
            builtin=False,
            error=problem.reason,
        )
        for problem in loaded.problems
    )
    return infos


def _own_version() -> str:
    return __version__
