"""The plugin manager: loading, the environment switch, checks, listing, run-time registration."""

from __future__ import annotations

import importlib
import io
import sys
import textwrap
from collections.abc import Callable, Iterable, Iterator
from importlib import metadata
from pathlib import Path
from typing import IO, Any

import pytest

import frontnews
from frontnews import (
    Exporter,
    ExportError,
    ExportOptions,
    Feed,
    PluginError,
    PluginWarning,
    Record,
    hookimpl,
    plugins,
)
from frontnews.exporters import parquet, rss
from frontnews.plugins import LOAD_PLUGINS_ENV

from .conftest import REFERENCE_SAMPLE

EXAMPLE = "frontnews-sitemap"
EXAMPLE_ENTRY_POINT = "sitemap"
EXAMPLE_FORMAT = "news-sitemap"
INSTALL_HINT = "install it with `pip install ./examples/frontnews-sitemap` (the nox session does)"


def _write_nothing(
    records: Iterable[Record], stream: IO[bytes], feed: Feed | None, options: ExportOptions
) -> None:
    """An exporter body that is never meant to run."""


def exporter(name: str) -> Exporter:
    """A minimal exporter called ``name``."""
    return Exporter(name=name, media_type="text/plain", suffix=".txt", write=_write_nothing)


class Registers:
    """A run-time plugin that registers whatever it is given."""

    def __init__(self, *items: Any) -> None:
        self.items = items

    @hookimpl
    def register_exporters(self, register: Callable[[Any], None]) -> None:
        for item in self.items:
            register(item)


class Misspelled:
    """A plugin whose hook name lacks its final "s"."""

    @hookimpl
    def register_exporter(self, register: Callable[[Exporter], None]) -> None:
        register(exporter("never"))


# Every test starts and ends with no plugin loaded and the environment variable unset.
pytestmark = pytest.mark.usefixtures("fresh_plugins")


@pytest.fixture
def distribution(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Callable[[str, str, str], None]]:
    """Install throw-away distributions: ``distribution(name, entry point name, module source)``.

    Each gets a real ``.dist-info`` folder on ``sys.path``, so it is found the
    way an installed package is.
    """
    monkeypatch.syspath_prepend(str(tmp_path))
    modules: list[str] = []

    def install(name: str, entry_point: str, source: str) -> None:
        module = name.replace("-", "_") + "_plugin"
        (tmp_path / f"{module}.py").write_text(textwrap.dedent(source), encoding="utf-8")
        info = tmp_path / f"{name.replace('-', '_')}-1.2.3.dist-info"
        info.mkdir()
        (info / "METADATA").write_text(
            f"Metadata-Version: 2.1\nName: {name}\nVersion: 1.2.3\n", encoding="utf-8"
        )
        (info / "entry_points.txt").write_text(
            f"[frontnews]\n{entry_point} = {module}\n", encoding="utf-8"
        )
        modules.append(module)
        importlib.invalidate_caches()

    yield install
    for module in modules:
        sys.modules.pop(module, None)
    importlib.invalidate_caches()


def by_name() -> dict[str, plugins.PluginInfo]:
    """The loaded plugins, by plugin name."""
    return {info.name: info for info in plugins.list_plugins()}


def by_distribution() -> dict[str | None, plugins.PluginInfo]:
    """The loaded plugins, by distribution name."""
    return {info.distribution: info for info in plugins.list_plugins()}


def test_example_plugin_is_installed_for_these_tests() -> None:
    """The example distribution is installed in the test environment (other tests rely on it)."""
    try:
        metadata.distribution(EXAMPLE)
    except metadata.PackageNotFoundError:
        pytest.fail(f"{EXAMPLE} is not installed: {INSTALL_HINT}")


def test_unset_environment_variable_loads_every_installed_plugin() -> None:
    """With FRONTNEWS_LOAD_PLUGINS unset, the installed example plugin loads."""
    assert EXAMPLE in by_distribution()
    assert EXAMPLE_FORMAT in plugins.get_exporters()


def test_empty_environment_variable_loads_no_third_party_plugin(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """FRONTNEWS_LOAD_PLUGINS="" loads the built-ins only."""
    monkeypatch.setenv(LOAD_PLUGINS_ENV, "")
    infos = plugins.list_plugins()
    assert infos, "the built-in plugins always load"
    assert all(info.builtin for info in infos)
    assert EXAMPLE_FORMAT not in plugins.get_exporters()


@pytest.mark.parametrize(
    "value", ["frontnews-sitemap", " Frontnews_Sitemap ", ",frontnews.sitemap,", "sitemap"]
)
def test_environment_variable_naming_a_distribution_loads_it(
    monkeypatch: pytest.MonkeyPatch, value: str
) -> None:
    """Naming the distribution (any spelling PEP 503 treats as equal) loads it."""
    monkeypatch.setenv(LOAD_PLUGINS_ENV, value)
    assert by_distribution()[EXAMPLE].exporters == (EXAMPLE_FORMAT,)


def test_environment_variable_leaves_out_distributions_it_does_not_name(
    monkeypatch: pytest.MonkeyPatch, distribution: Callable[[str, str, str], None]
) -> None:
    """Only the distributions named in FRONTNEWS_LOAD_PLUGINS load."""
    distribution("fn-extra", "extra", "")
    monkeypatch.setenv(LOAD_PLUGINS_ENV, "fn-extra")
    loaded = by_distribution()
    assert "fn-extra" in loaded
    assert EXAMPLE not in loaded


def test_environment_variable_naming_a_missing_distribution_warns(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A name in FRONTNEWS_LOAD_PLUGINS that is not installed gives a PluginWarning naming it."""
    monkeypatch.setenv(LOAD_PLUGINS_ENV, f"{EXAMPLE},no-such-frontnews-plugin")
    with pytest.warns(PluginWarning, match="no-such-frontnews-plugin") as caught:
        plugins.get_exporters()
    assert EXAMPLE not in str(caught[0].message)
    assert EXAMPLE_FORMAT in plugins.get_exporters()


def test_environment_variable_accepts_entry_point_names(
    monkeypatch: pytest.MonkeyPatch, distribution: Callable[[str, str, str], None]
) -> None:
    """FRONTNEWS_LOAD_PLUGINS may name the entry point that `frontnews plugins` shows."""
    distribution("fn-extra", "extra-entry", "")
    monkeypatch.setenv(LOAD_PLUGINS_ENV, "extra_entry")
    loaded = by_name()
    assert loaded["extra-entry"].distribution == "fn-extra"
    assert EXAMPLE not in by_distribution()


def test_hook_register_exporters() -> None:
    """register_exporters is called again on plugin changes; what it registers is used."""
    # What docs/hooks.md promises: ``register`` adds an exporter, any number
    # per plugin; the return value is ignored; every implementation is called
    # again whenever the set of plugins changes.
    calls: list[str] = []

    def write_names(
        records: Iterable[Record], stream: IO[bytes], feed: Feed | None, options: ExportOptions
    ) -> None:
        for record in records:
            stream.write(f"{record.title}{options.params['end']}".encode())

    class TwoFormats:
        @hookimpl
        def register_exporters(self, register: Callable[[Exporter], None]) -> object:
            calls.append("two-formats")
            register(
                Exporter(
                    name="names",
                    media_type="text/plain",
                    suffix=".txt",
                    write=write_names,
                    options={"end": "\n"},
                )
            )
            register(exporter("unused"))
            return "ignored"

    plugins.register_plugin(TwoFormats(), name="two-formats")
    assert calls == ["two-formats"], "registering a plugin calls its hook once"
    assert {"names", "unused"} <= set(plugins.get_exporters())
    assert by_name()["two-formats"].exporters == ("names", "unused")
    assert by_name()["two-formats"].hooks == ("register_exporters",)

    sample = frontnews.load(REFERENCE_SAMPLE)
    buffer = io.BytesIO()
    frontnews.export([sample], "names", buffer, include_unpublished=True, end=";")
    assert buffer.getvalue() == f"{sample.title};".encode()

    # Through pluggy itself: every implementation answers, built-ins and installed plugins too.
    registered: list[Exporter] = []
    results = plugins.get_plugin_manager().hook.register_exporters(register=registered.append)
    assert sorted(e.name for e in registered) == sorted(plugins.get_exporters())
    assert "ignored" in results, "pluggy collects the return value; frontnews ignores it"

    # Any change to the set of plugins calls every implementation again.
    calls.clear()
    plugins.register_plugin(Registers(exporter("another")), name="another")
    assert calls == ["two-formats"]
    plugins.unregister_plugin("two-formats")
    assert not {"names", "unused"} & set(plugins.get_exporters())
    assert "another" in plugins.get_exporters()


def test_register_exporters_duplicate_name_at_run_time_names_both_plugins() -> None:
    """Registering a taken exporter name raises PluginError naming both plugins."""
    with pytest.raises(PluginError) as info:
        plugins.register_plugin(Registers(exporter(EXAMPLE_FORMAT)), name="copycat")
    message = str(info.value)
    assert f"'{EXAMPLE_FORMAT}'" in message
    assert "copycat" in message
    assert EXAMPLE in message


def test_installed_plugin_taking_a_builtin_name_is_left_out_with_a_warning(
    distribution: Callable[[str, str, str], None],
) -> None:
    """A plugin registering 'rss' is left out, naming both plugins; the built-in rss still works."""
    distribution(
        "fn-rival",
        "rival",
        """
        from frontnews import Exporter, hookimpl

        @hookimpl
        def register_exporters(register):
            register(Exporter(name="csv", media_type="text/plain", suffix=".txt", write=print))
            register(Exporter(name="rss", media_type="text/plain", suffix=".txt", write=print))
        """,
    )
    with pytest.warns(PluginWarning) as caught:
        exporters = plugins.get_exporters()
    (message,) = [str(w.message) for w in caught]
    assert message.startswith("plugin 'rival' (fn-rival 1.2.3): exporter 'csv' is taken by")
    assert "frontnews.exporters.csv" in message
    assert exporters["rss"] is rss.EXPORTER, "built-in names win"
    assert "rival" not in plugins.get_plugin_manager().list_name_plugin().__repr__()
    info = by_name()["rival"]
    assert (info.distribution, info.version, info.exporters) == ("fn-rival", "1.2.3", ())
    assert info.error is not None
    assert "is taken by" in info.error
    assert EXAMPLE_FORMAT in exporters, "the other plugins keep working"
    assert frontnews.exports([frontnews.load(REFERENCE_SAMPLE)], "csv", include_unpublished=True)


def test_register_exporters_duplicate_name_within_one_plugin_is_an_error() -> None:
    """A plugin that registers one name twice is told so."""
    with pytest.raises(PluginError, match="twice"):
        plugins.register_plugin(Registers(exporter("x"), exporter("x")), name="stutter")


def test_misspelled_hook_in_installed_plugin_is_left_out_with_a_warning(
    distribution: Callable[[str, str, str], None],
) -> None:
    """An installed plugin with an unknown hook is left out, its reason listing the hooks."""
    distribution(
        "fn-typo",
        "typo",
        """
        from frontnews import hookimpl

        @hookimpl
        def register_exporter(register):
            pass
        """,
    )
    with pytest.warns(PluginWarning, match=r"plugin 'typo' \(fn-typo 1\.2\.3\): .*register_"):
        plugins.get_exporters()
    error = by_name()["typo"].error
    assert error is not None
    assert "register_exporters" in error, "the reason lists the real hooks"
    assert plugins.get_plugin_manager().get_plugin("typo") is None


def test_misspelled_hook_at_run_time_is_refused_and_changes_nothing() -> None:
    """register_plugin refuses a misspelled hook, and the manager stays usable."""
    before = dict(plugins.get_exporters())
    with pytest.raises(PluginError, match="register_exporter"):
        plugins.register_plugin(Misspelled(), name="misspelled")
    assert plugins.get_plugin_manager().get_plugin("misspelled") is None
    assert dict(plugins.get_exporters()) == before
    plugins.register_plugin(Registers(exporter("after")), name="after")
    assert "after" in plugins.get_exporters()


def test_hook_with_wrong_argument_name_is_refused() -> None:
    """A hook implementation asking for an argument the spec lacks raises PluginError."""

    class WrongArgument:
        @hookimpl
        def register_exporters(self, add: Callable[[Exporter], None]) -> None:
            add(exporter("never"))

    with pytest.raises(PluginError, match="'add'"):
        plugins.register_plugin(WrongArgument(), name="wrong-argument")


def test_register_exporters_with_non_exporter_raises_plugin_error() -> None:
    """Registering anything but a frontnews.Exporter raises PluginError naming the plugin."""
    with pytest.raises(PluginError, match=r"not a frontnews\.Exporter") as info:
        plugins.register_plugin(Registers({"name": "dict"}), name="sloppy")
    assert "sloppy" in str(info.value)
    assert plugins.get_plugin_manager().get_plugin("sloppy") is None


def test_register_exporters_may_take_no_arguments() -> None:
    """An implementation may leave out the ``register`` argument, as pluggy allows."""

    class Quiet:
        @hookimpl
        def register_exporters(self) -> None:
            pass

    plugins.register_plugin(Quiet(), name="quiet")
    assert by_name()["quiet"].exporters == ()


def test_register_exporters_wrapper_is_refused() -> None:
    """A wrapper implementation of register_exporters is refused."""

    class Wrapper:
        @hookimpl(wrapper=True)
        def register_exporters(self, register: Callable[[Exporter], None]) -> Iterator[None]:
            yield

    with pytest.raises(PluginError, match="wrapper"):
        plugins.register_plugin(Wrapper(), name="wrapper")


def test_register_exporters_failure_is_a_plugin_error_naming_the_plugin() -> None:
    """At run time, an exception inside a hook is a PluginError naming it, with the cause kept."""

    class Crashes:
        @hookimpl
        def register_exporters(self, register: Callable[[Exporter], None]) -> None:
            raise RuntimeError("boom")

    with pytest.raises(PluginError, match=r"crashes.*RuntimeError: boom") as info:
        plugins.register_plugin(Crashes(), name="crashes")
    assert isinstance(info.value.__cause__, RuntimeError)
    assert info.value.plugin == "crashes"


def test_installed_plugin_raising_in_its_hook_is_left_out_with_a_warning(
    distribution: Callable[[str, str, str], None],
) -> None:
    """An installed plugin whose hook raises is left out; what it registered first is dropped."""
    distribution(
        "fn-crash",
        "crash",
        """
        from frontnews import Exporter, hookimpl

        @hookimpl
        def register_exporters(register):
            register(Exporter(name="half", media_type="text/plain", suffix=".txt", write=print))
            raise RuntimeError("boom")
        """,
    )
    with pytest.warns(PluginWarning, match=r"^plugin 'crash' \(fn-crash 1\.2\.3\): failed in"):
        exporters = plugins.get_exporters()
    assert "half" not in exporters
    assert by_name()["crash"].error == "failed in register_exporters: RuntimeError: boom"


def test_plugin_that_fails_to_import_is_left_out_with_a_warning(
    distribution: Callable[[str, str, str], None],
) -> None:
    """An installed plugin whose module raises on import is left out; the others load."""
    distribution("fn-broken", "broken", "raise ImportError('missing dependency')\n")
    with pytest.warns(PluginWarning) as caught:
        exporters = plugins.get_exporters()
    assert [str(w.message) for w in caught] == [
        "plugin 'broken' (fn-broken 1.2.3): failed to import: ImportError: missing dependency"
    ]
    assert {"csv", "rss", EXAMPLE_FORMAT} <= set(exporters)
    assert by_name()["broken"].error == "failed to import: ImportError: missing dependency"
    assert plugins.problems()[0].distribution == "fn-broken"


def test_two_installed_plugins_with_one_name_leave_one_out(
    distribution: Callable[[str, str, str], None],
) -> None:
    """Two distributions whose entry points share a name: one is left out, naming both."""
    distribution("fn-twin", EXAMPLE_ENTRY_POINT, "")
    with pytest.warns(PluginWarning, match="is taken by") as caught:
        plugins.get_exporters()
    message = str(caught[0].message)
    assert "fn-twin" in message
    assert EXAMPLE in message


def test_fixing_a_broken_plugin_loads_cleanly_after_reset(
    monkeypatch: pytest.MonkeyPatch, distribution: Callable[[str, str, str], None]
) -> None:
    """A left-out plugin is reported again on each load, until it is left out on purpose."""
    distribution("fn-broken", "broken", "raise ImportError('nope')\n")
    with pytest.warns(PluginWarning):
        plugins.get_exporters()
    monkeypatch.setenv(LOAD_PLUGINS_ENV, EXAMPLE)
    plugins.reset()
    assert EXAMPLE_FORMAT in plugins.get_exporters()
    assert plugins.problems() == ()


def test_list_plugins_shows_builtins_then_the_example_plugin() -> None:
    """list_plugins gives each plugin's distribution, version, hooks and exporters."""
    infos = plugins.list_plugins()
    builtins = [info for info in infos if info.builtin]
    assert [info.name for info in builtins] == list(plugins.DEFAULT_PLUGINS)
    assert infos[: len(builtins)] == builtins, "built-ins come first"
    for info in builtins:
        assert info.distribution == "frontnews"
        assert info.version == frontnews.__version__
        assert info.hooks == (
            ("register_importers",) if info.importers else ("register_exporters",)
        )
    assert sorted(i for info in builtins for i in info.importers) == ["csv", "feed"]
    expected = (
        ["atom", "csv", "jsonfeed", "parquet", "rss"]
        if parquet.available()
        else ["atom", "csv", "jsonfeed", "rss"]
    )
    assert sorted(e for info in builtins for e in info.exporters) == expected
    example = by_distribution()[EXAMPLE]
    assert example.version == "0.1.0"
    assert example.name == EXAMPLE_ENTRY_POINT
    assert example.hooks == ("register_commands", "register_exporters")
    assert example.exporters == (EXAMPLE_FORMAT,)
    assert not example.builtin


def test_list_plugins_covers_every_exporter_once() -> None:
    """Every exporter belongs to exactly one listed plugin."""
    owned = [name for info in plugins.list_plugins() for name in info.exporters]
    assert sorted(owned) == sorted(plugins.get_exporters())


def test_register_plugin_at_run_time_adds_its_exporters() -> None:
    """A plugin registered at run time is listed and its exporter is usable."""
    name = plugins.register_plugin(Registers(exporter("runtime")), name="runtime-plugin")
    assert name == "runtime-plugin"
    assert plugins.get_exporter("runtime").media_type == "text/plain"
    info = by_name()["runtime-plugin"]
    assert (info.distribution, info.version, info.builtin) == (None, None, False)
    assert info.exporters == ("runtime",)


def test_register_plugin_twice_raises_plugin_error() -> None:
    """The same plugin object cannot be registered twice."""
    plugin = Registers(exporter("once"))
    plugins.register_plugin(plugin, name="once")
    with pytest.raises(PluginError):
        plugins.register_plugin(plugin, name="once-again")


def test_unregister_plugin_removes_its_exporters() -> None:
    """unregister_plugin, by object or by name, takes the plugin's exporters away."""
    plugin = Registers(exporter("temporary"))
    plugins.register_plugin(plugin, name="temporary")
    plugins.unregister_plugin(plugin)
    assert "temporary" not in plugins.get_exporters()
    plugins.register_plugin(plugin, name="temporary")
    plugins.unregister_plugin("temporary")
    assert "temporary" not in by_name()
    with pytest.raises(PluginError, match="temporary"):
        plugins.unregister_plugin("temporary")


def test_reset_forgets_run_time_plugins() -> None:
    """After reset(), plugins registered at run time are gone."""
    plugins.register_plugin(Registers(exporter("forgotten")), name="forgotten")
    assert "forgotten" in plugins.get_exporters()
    plugins.reset()
    assert "forgotten" not in plugins.get_exporters()


def test_get_exporter_unknown_name_lists_known_ones() -> None:
    """Asking for an unknown exporter raises ExportError listing the known names."""
    with pytest.raises(ExportError, match="no exporter called 'nope'") as info:
        plugins.get_exporter("nope")
    known = list(plugins.get_exporters())
    assert known, "the built-in exporters always load"
    for name in known:
        assert name in str(info.value)


def test_get_exporters_is_sorted_and_read_only() -> None:
    """get_exporters gives the exporters sorted by name, in a mapping that cannot be changed."""
    exporters = plugins.get_exporters()
    assert list(exporters) == sorted(exporters)
    with pytest.raises(TypeError):
        exporters["x"] = exporter("x")  # type: ignore[index]


def test_hook_register_importers() -> None:
    """register_importers adds importers by name; a taken name names both plugins."""
    from frontnews import Importer, ImportOptions, PluginError

    def read_nothing(stream: IO[bytes], options: ImportOptions) -> Iterable[Record]:
        return iter(())

    class Lines:
        @hookimpl
        def register_importers(self, register: Callable[[Importer], None]) -> None:
            register(Importer(name="lines", read=read_nothing, options={"limit": 3}))

    class Copy:
        @hookimpl
        def register_importers(self, register: Callable[[Importer], None]) -> None:
            register(Importer(name="lines", read=read_nothing))

    plugins.register_plugin(Lines(), name="lines-plugin")
    importer = plugins.get_importer("lines")
    assert importer.defaults == {"limit": 3}
    assert importer.options["limit"].type is int
    assert "lines" in plugins.get_importers()
    info = next(i for i in plugins.list_plugins() if i.name == "lines-plugin")
    assert info.importers == ("lines",)
    with pytest.raises(PluginError, match=r"importer .lines. is taken by plugin .lines-plugin."):
        plugins.register_plugin(Copy(), name="copy")
    plugins.unregister_plugin("lines-plugin")
    with pytest.raises(frontnews.UnknownFormatError, match="no importer called 'lines'"):
        plugins.get_importer("lines")
