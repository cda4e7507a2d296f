"""The plugin platform from the command line: broken plugins contained, commands, options, traces.

Throw-away distributions are written to a temporary folder (a module and a
real ``.dist-info`` with an entry point) and put on ``PYTHONPATH`` of a real
``python -m frontnews`` process, so they are found the way installed packages are.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import IO, Any

import click
import pytest
from click.testing import CliRunner

import frontnews
from frontnews import Exporter, ExportOptions, Feed, Record, hookimpl, plugins
from frontnews.cli import cli

from .conftest import REFERENCE_SAMPLE, SAMPLES

Install = Callable[[str, str, str], None]

COLLIDING = """
from frontnews import Exporter, hookimpl

@hookimpl
def register_exporters(register):
    register(Exporter(name="rss", media_type="text/plain", suffix=".txt", write=print))
"""
RAISING = """
from frontnews import Exporter, hookimpl

def write(records, stream, feed, options):
    stream.write(b"half a file")
    raise RuntimeError("the plugin broke")

@hookimpl
def register_exporters(register):
    register(Exporter(name="fragile", media_type="text/plain", suffix=".frag", write=write))
"""
COMMANDS = """
import click
from frontnews import hookimpl

@hookimpl
def register_commands(cli):
    @cli.command()
    def hello():
        "Say hello."
        click.echo("hello from a plugin")

    @cli.command(name="export")
    def not_export():
        "A command named like a built-in one."
        click.echo("hijacked")
"""


@pytest.fixture
def site(tmp_path: Path) -> tuple[Path, Install]:
    """A folder for throw-away distributions, and ``install(name, entry point, source)``."""
    folder = tmp_path / "site"
    folder.mkdir()

    def install(name: str, entry_point: str, source: str) -> None:
        module = name.replace("-", "_") + "_plugin"
        (folder / f"{module}.py").write_text(textwrap.dedent(source), encoding="utf-8")
        info = folder / f"{name.replace('-', '_')}-1.2.dist-info"
        info.mkdir()
        (info / "METADATA").write_text(
            f"Metadata-Version: 2.1\nName: {name}\nVersion: 1.2\n", encoding="utf-8"
        )
        (info / "entry_points.txt").write_text(
            f"[frontnews]\n{entry_point} = {module}\n", encoding="utf-8"
        )

    return folder, install


def run(folder: Path, *args: str | Path, **env: str) -> subprocess.CompletedProcess[str]:
    """``python -m frontnews ARGS`` with the throw-away distributions of ``folder`` installed."""
    path = os.pathsep.join(filter(None, [str(folder), os.environ.get("PYTHONPATH")]))
    environ = {**os.environ, "PYTHONPATH": path, **env}
    for name in ("FRONTNEWS_LOAD_PLUGINS", "FRONTNEWS_TRACEBACK", "FRONTNEWS_TRACE_PLUGINS"):
        if name not in env:
            environ.pop(name, None)
    return subprocess.run(
        [sys.executable, "-m", "frontnews", *map(str, args)],
        capture_output=True,
        text=True,
        check=False,
        env=environ,
    )


# -- containment ------------------------------------------------------------------------------


def test_colliding_plugin_is_left_out_and_every_command_still_works(
    site: tuple[Path, Install],
) -> None:
    """A plugin registering 'rss' gives one warning line; formats, plugins and exports work."""
    folder, install = site
    install("fn-rival", "rival", COLLIDING)
    formats = run(folder, "formats")
    assert formats.returncode == 0
    assert formats.stderr.splitlines() == [
        "frontnews: warning: plugin 'rival' (fn-rival 1.2): exporter 'rss' is taken by plugin "
        f"'frontnews.exporters.rss' (frontnews {frontnews.__version__})"
    ]
    assert "application/rss+xml" in formats.stdout
    listed = run(folder, "plugins", "--json")
    (rival,) = [p for p in json.loads(listed.stdout) if p["name"] == "rival"]
    assert rival["error"].startswith("exporter 'rss' is taken by plugin")
    assert (rival["distribution"], rival["version"], rival["exporters"]) == ("fn-rival", "1.2", [])
    table = run(folder, "plugins")
    assert "rival" in table.stdout
    assert "(left out: exporter 'rss' is taken" in table.stdout
    export = run(folder, "export", SAMPLES, "--format", "csv", "-q")
    assert export.returncode == 0
    assert export.stdout.startswith("category,title,")


def test_plugin_that_fails_to_import_is_one_warning_line(site: tuple[Path, Install]) -> None:
    """An import error is a warning naming plugin, distribution and reason; no traceback."""
    folder, install = site
    install("fn-broken", "broken", "import no_such_module_for_frontnews\n")
    done = run(folder, "formats")
    assert done.returncode == 0
    assert done.stderr == (
        "frontnews: warning: plugin 'broken' (fn-broken 1.2): failed to import: "
        "ModuleNotFoundError: No module named 'no_such_module_for_frontnews'\n"
    )


def test_plugin_that_is_not_valid_is_one_warning_line(site: tuple[Path, Install]) -> None:
    """A hook asking for an argument the spec lacks: left out, pluggy's message on one line."""
    folder, install = site
    install(
        "fn-wrong",
        "wrong",
        """
        from frontnews import hookimpl

        @hookimpl
        def register_exporters(add):
            pass
        """,
    )
    done = run(folder, "formats")
    assert done.returncode == 0
    (line,) = done.stderr.splitlines()
    assert line.startswith("frontnews: warning: plugin 'wrong' (fn-wrong 1.2): is not a valid")
    assert "{'add'}" in line
    assert "\\n" not in line


def test_plugin_raising_during_export_is_one_error_line_and_keeps_the_file(
    site: tuple[Path, Install], tmp_path: Path
) -> None:
    """A RuntimeError in a plugin's writer: one error line, exit 1, the -o file as it was."""
    folder, install = site
    install("fn-fragile", "fragile", RAISING)
    output = tmp_path / "out.frag"
    output.write_bytes(b"the old contents")
    done = run(folder, "export", SAMPLES, "--format", "fragile", "-o", output)
    assert done.returncode == 1
    assert done.stderr.splitlines()[-1] == (
        "frontnews: error: plugin 'fragile' (fn-fragile 1.2): RuntimeError: the plugin broke"
    )
    assert "Traceback" not in done.stderr
    assert output.read_bytes() == b"the old contents"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.frag", "site"], "no temporary left"


@pytest.mark.parametrize("how", ["--traceback", "FRONTNEWS_TRACEBACK=1"])
def test_traceback_option_or_variable_shows_the_plugins_traceback(
    site: tuple[Path, Install], how: str
) -> None:
    """--traceback (or FRONTNEWS_TRACEBACK=1) prints the full traceback, down to the plugin."""
    folder, install = site
    install("fn-fragile", "fragile", RAISING)
    args = ["export", str(SAMPLES), "--format", "fragile"]
    if how.startswith("--"):
        done = run(folder, how, *args)
    else:
        name, value = how.split("=")
        done = run(folder, *args, **{name: value})
    assert done.returncode == 1
    assert "Traceback (most recent call last)" in done.stderr
    assert 'fn_fragile_plugin.py", line 6, in write' in done.stderr
    assert done.stderr.endswith("RuntimeError: the plugin broke\n")


def test_unknown_name_in_load_plugins_is_a_frontnews_warning(site: tuple[Path, Install]) -> None:
    """FRONTNEWS_LOAD_PLUGINS naming nothing installed warns in one frontnews line."""
    folder, _ = site
    done = run(folder, "formats", FRONTNEWS_LOAD_PLUGINS="frontnews-nothing-here")
    assert done.returncode == 0
    assert done.stderr == (
        "frontnews: warning: FRONTNEWS_LOAD_PLUGINS names plugins that are not installed: "
        "frontnews-nothing-here\n"
    )


def test_trace_plugins_prints_each_hook_call(site: tuple[Path, Install]) -> None:
    """FRONTNEWS_TRACE_PLUGINS=1 prints hook, plugin, arguments and duration as JSON lines."""
    folder, install = site
    install("fn-commands", "commands", COMMANDS)
    done = run(folder, "hello", FRONTNEWS_TRACE_PLUGINS="1", FRONTNEWS_LOAD_PLUGINS="fn-commands")
    traces = [
        json.loads(line.removeprefix("frontnews: trace: "))
        for line in done.stderr.splitlines()
        if line.startswith("frontnews: trace: ")
    ]
    called = {(t["hook"], t["plugin"]) for t in traces}
    assert ("register_exporters", "frontnews.exporters.csv") in called
    assert ("register_commands", "commands") in called
    assert all(t["duration_ms"] >= 0 for t in traces)
    (commands,) = [t for t in traces if t["hook"] == "register_commands"]
    assert commands["args"]["cli"].startswith("<Group commands>")
    assert "trace" not in run(folder, "formats").stderr


# -- register_commands ------------------------------------------------------------------------


def test_hook_register_commands(site: tuple[Path, Install]) -> None:
    """A plugin's command runs and is listed; a command named like a built-in is left out."""
    folder, install = site
    install("fn-commands", "commands", COMMANDS)
    hello = run(folder, "hello")
    assert (hello.returncode, hello.stdout) == (0, "hello from a plugin\n")
    warning = (
        "frontnews: warning: plugin 'commands' (fn-commands 1.2): "
        "command 'export' is taken by a built-in command\n"
    )
    assert hello.stderr == warning
    listed = run(folder, "--help")
    assert "hello" in listed.stdout
    assert "Say hello." in listed.stdout
    export = run(folder, "export", SAMPLES, "--format", "csv", "-q")
    assert export.returncode == 0
    assert "hijacked" not in export.stdout
    assert export.stderr == "", "a built-in command never calls register_commands"


def test_register_commands_that_raises_is_contained() -> None:
    """At run time too: a raising register_commands adds nothing and warns; the rest works."""

    class Raises:
        @hookimpl
        def register_commands(self, cli: click.Group) -> None:
            @cli.command()
            def never() -> None:
                """Never added."""

            raise RuntimeError("no commands today")

    class Adds:
        @hookimpl
        def register_commands(self, cli: click.Group) -> None:
            @cli.command()
            def shout() -> None:
                """Shout."""
                click.echo("HEY")

    plugins.reset()
    try:
        plugins.register_plugin(Raises(), name="raises")
        plugins.register_plugin(Adds(), name="adds")
        result = CliRunner().invoke(cli, ["shout"], catch_exceptions=False)
        assert (result.exit_code, result.stdout) == (0, "HEY\n")
        assert result.stderr == (
            "frontnews: warning: plugin 'raises': failed in register_commands: "
            "RuntimeError: no commands today\n"
        )
        assert CliRunner().invoke(cli, ["never"]).exit_code == 2
    finally:
        plugins.reset()


# -- described options ------------------------------------------------------------------------


def test_formats_prints_each_option_with_type_default_and_help() -> None:
    """formats shows csv's bom as 'true or false', default false, with its help line."""
    result = CliRunner().invoke(cli, ["formats"], catch_exceptions=False)
    lines = result.stdout.splitlines()
    csv_at = next(i for i, line in enumerate(lines) if line.startswith("csv "))
    bom = lines[csv_at + 1].split(None, 1)
    assert bom[0] == "bom"
    assert "true or false" in bom[1]
    assert "(default false)" in bom[1]
    assert bom[1].endswith(frontnews.plugins.get_exporter("csv").options["bom"].help)


def test_formats_json_describes_every_option() -> None:
    """formats --json gives each exporter's options with type, default, choices and help."""
    result = CliRunner().invoke(cli, ["formats", "--json"], catch_exceptions=False)
    data = json.loads(result.stdout)
    by_name = {e["name"]: e for e in data["exporters"]}
    assert set(by_name) == set(plugins.get_exporters())
    assert by_name["csv"]["options"]["bom"] == {
        "type": "bool",
        "default": False,
        "choices": [],
        "help": plugins.get_exporter("csv").options["bom"].help,
    }
    assert by_name["rss"]["needs_feed"] is True
    assert isinstance(data["importers"], list)
    for exporter in data["exporters"]:
        for name, option in exporter["options"].items():
            assert option["help"], f"{exporter['name']}'s option {name} has no help"


def test_every_builtin_option_has_a_help_line_and_a_type() -> None:
    """Each built-in exporter's option says what it does, and its type is one -O can spell."""
    for name in ("csv", "jsonfeed", "rss"):
        for option in plugins.get_exporter(name).options.values():
            assert option.help
            assert option.type in (bool, int, float, str, object)


@pytest.mark.parametrize(
    ("option", "message"),
    [
        ("bom=maybe", "csv's option 'bom' takes true or false, not 'maybe'"),
        ("colour=red", "csv has no option 'colour'"),
    ],
)
def test_bad_option_value_is_a_usage_error_naming_format_option_and_type(
    option: str, message: str
) -> None:
    """-O with a value the declared type refuses: exit 2, naming format, option and type."""
    result = CliRunner().invoke(cli, ["export", str(SAMPLES), "-f", "csv", "-O", option])
    assert result.exit_code == 2
    assert message in result.stderr


def test_option_text_is_converted_by_the_declared_type() -> None:
    """-O publication_name=2024 reaches a str option as "2024"; -O bom=yes as True."""
    seen: list[dict[str, Any]] = []

    def write(
        records: Iterable[Record], stream: IO[bytes], feed: Feed | None, options: ExportOptions
    ) -> None:
        seen.append(dict(options.params))

    class Typed:
        @hookimpl
        def register_exporters(self, register: Callable[[Exporter], None]) -> None:
            register(
                Exporter(
                    name="typed",
                    media_type="text/plain",
                    suffix=".txt",
                    write=write,
                    options={
                        "publication_name": frontnews.Option(default=None, type=str),
                        "bom": frontnews.Option(default=False),
                        "limit": frontnews.Option(default=10),
                    },
                )
            )

    plugins.reset()
    try:
        plugins.register_plugin(Typed(), name="typed")
        args = ["export", str(REFERENCE_SAMPLE), "-f", "typed", "-q"]
        options = ["-O", "publication_name=2024", "-O", "bom=yes", "-O", "limit=3"]
        result = CliRunner().invoke(cli, [*args, *options], catch_exceptions=False)
        assert result.exit_code == 0, result.stderr
    finally:
        plugins.reset()
    assert seen == [{"publication_name": "2024", "bom": True, "limit": 3}]


def test_binary_format_is_not_written_to_a_terminal(tmp_path: Path) -> None:
    """parquet to a terminal (a pseudo-terminal here) is refused, exit 2, unless -o is given."""
    pytest.importorskip("pyarrow")
    import pty

    args = [sys.executable, "-m", "frontnews", "export", str(SAMPLES), "-f", "parquet"]
    leader, terminal = pty.openpty()
    try:
        done = subprocess.run(args, stdout=terminal, stderr=subprocess.PIPE, text=True, check=False)
    finally:
        os.close(terminal)
        os.close(leader)
    assert done.returncode == 2
    assert "parquet output is binary and standard output is a terminal" in done.stderr
    output = tmp_path / "out.parquet"
    written = subprocess.run([*args, "-o", str(output), "-q"], capture_output=True, check=False)
    assert written.returncode == 0
    assert output.read_bytes().startswith(b"PAR1")
