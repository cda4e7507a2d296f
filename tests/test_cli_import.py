"""``frontnews import``: feeds and CSV into record files, atomically, never clobbering."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import attrs
import pytest
from click.testing import CliRunner, Result

import frontnews
from frontnews import plugins
from frontnews.cli import cli

from .conftest import DATA, SAMPLES
from .test_cli import frontnews_process

FEEDS = DATA / "feeds"
RSS = FEEDS / "rss2.xml"
RSS_FILES = [
    "2003-06-03-star-city.md",
    "2003-05-30-sky-watchers-in-europe-africa.md",
    "2003-05-20-countdown-the-launch-live.md",
]


@pytest.fixture(autouse=True)
def _fresh_plugins() -> Iterator[None]:
    plugins.reset()
    yield
    plugins.reset()


def invoke(*args: str | Path, stdin: bytes | None = None) -> Result:
    """Run the command in-process; an exception other than SystemExit fails the test."""
    return CliRunner().invoke(cli, [str(a) for a in args], input=stdin, catch_exceptions=False)


def test_import_writes_one_valid_file_per_entry(tmp_path: Path) -> None:
    """Each entry becomes DATE-SLUG.md, named on stdout, then a summary; validate accepts them."""
    result = invoke("import", RSS, "--output-dir", tmp_path / "news")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[:-1] == [f"{tmp_path / 'news' / name}: written" for name in RSS_FILES]
    assert lines[-1] == (
        f"imported 3 records from 1 source into {tmp_path / 'news'}: "
        "3 written, 0 replaced, 0 already there"
    )
    assert sorted(p.name for p in (tmp_path / "news").iterdir()) == sorted(RSS_FILES)
    check = frontnews_process("validate", "--strict", tmp_path / "news")
    assert check.returncode == 0, check.stdout + check.stderr
    assert "3 records checked: 3 valid" in check.stdout
    record = frontnews.load(tmp_path / "news" / RSS_FILES[0])
    assert record.title == "Star City"
    assert record.secured is None
    assert "secured" not in (tmp_path / "news" / RSS_FILES[0]).read_text()


def test_existing_files_are_left_alone_unless_overwrite(tmp_path: Path) -> None:
    """A second import keeps files that are there (even edited); --overwrite replaces them."""
    invoke("import", RSS, "-d", tmp_path)
    edited = tmp_path / RSS_FILES[0]
    edited.write_text(edited.read_text().replace("Star City", "Edited by hand"))
    again = invoke("import", RSS, "-d", tmp_path)
    assert again.exit_code == 0
    assert f"{edited}: already there, left as it is (--overwrite replaces it)" in again.stdout
    assert "0 written, 0 replaced, 3 already there" in again.stdout
    assert "Edited by hand" in edited.read_text()
    replaced = invoke("import", RSS, "-d", tmp_path, "--overwrite")
    assert f"{edited}: replaced" in replaced.stdout
    assert "Edited by hand" not in edited.read_text()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]  # no staging files


def test_a_file_that_appears_is_never_replaced(tmp_path: Path) -> None:
    """Without --overwrite even a link at the target name is left as it is."""
    target = tmp_path / "elsewhere.md"
    target.write_text("mine\n")
    os.symlink(target, tmp_path / RSS_FILES[0])
    result = invoke("import", RSS, "-d", tmp_path)
    assert result.exit_code == 0
    assert target.read_text() == "mine\n"


def test_same_date_and_title_get_numbered_names(tmp_path: Path) -> None:
    """Two entries of one run with one date and title: -2 for the second, in feed order."""
    result = invoke("import", RSS, RSS, "-d", tmp_path)
    assert result.exit_code == 0
    assert (tmp_path / "2003-06-03-star-city-2.md").exists()
    assert len(list(tmp_path.iterdir())) == 6


def test_a_malformed_source_writes_nothing_and_others_go_on(tmp_path: Path) -> None:
    """A bad entry: one error line naming source and entry, nothing from it, exit status 1."""
    bad = FEEDS / "broken-date.atom"
    result = invoke("import", bad, RSS, "-d", tmp_path)
    assert result.exit_code == 1
    assert result.stderr == (
        f"frontnews: error: {bad}: entry 2: updated: cannot read the date "
        "'the thirteenth of December' (expected RFC 3339 or RFC 822); nothing was written from it\n"
    )
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(RSS_FILES)  # no "Good date"
    assert "; 1 source failed (nothing written from it)" in result.stdout


def test_a_bad_csv_row_is_named(tmp_path: Path) -> None:
    """A CSV row that cannot be read is named by its number and column."""
    data = frontnews.exports(frontnews.iter_records(SAMPLES), "csv")
    lines = data.split(b"\r\n")
    lines[2] = lines[2].replace(b"2026-", b"26/", 1)
    source = tmp_path / "edited.csv"
    source.write_bytes(b"\r\n".join(lines))
    result = invoke("import", source, "-d", tmp_path / "out")
    assert result.exit_code == 1
    assert f"frontnews: error: {source}: entry 2: publishedDateTime: expected a date" in (
        result.stderr
    )
    assert not list((tmp_path / "out").iterdir())


def test_csv_export_imports_back_to_equal_records(tmp_path: Path) -> None:
    """export --format csv --include-secured --include-unpublished, then import: equal records."""
    table = tmp_path / "all.csv"
    exported = frontnews_process(
        "export",
        SAMPLES,
        "-o",
        table,
        "--include-secured",
        "--include-unpublished",
        "-O",
        "bom=true",
    )
    assert exported.returncode == 0, exported.stderr
    result = invoke("import", table, "-d", tmp_path / "back")
    assert result.exit_code == 0, result.output
    originals = sorted(frontnews.iter_records(SAMPLES), key=lambda r: r.title)
    back = sorted(frontnews.iter_records(tmp_path / "back"), key=lambda r: r.title)
    assert back == originals


def test_standard_input_needs_a_format(tmp_path: Path) -> None:
    """'-' reads standard input with --format; without one it is a usage error."""
    usage = invoke("import", "-", "-d", tmp_path, stdin=RSS.read_bytes())
    assert usage.exit_code == 2
    assert "--format is needed to read standard input" in usage.stderr
    result = invoke("import", "-", "-f", "feed", "-d", tmp_path, stdin=RSS.read_bytes())
    assert result.exit_code == 0
    assert len(list(tmp_path.iterdir())) == 3


def test_format_from_suffix_or_a_usage_error(tmp_path: Path) -> None:
    """A suffix no importer reads, or an unknown --format, is a usage error (exit 2)."""
    notes = tmp_path / "notes.txt"
    notes.write_text("x")
    result = invoke("import", notes, "-d", tmp_path)
    assert result.exit_code == 2
    assert "no importer reads '.txt' files" in result.stderr
    unknown = invoke("import", RSS, "-f", "rss", "-d", tmp_path)
    assert unknown.exit_code == 2
    assert "no importer called 'rss'; the importers are: csv, feed" in unknown.stderr


@pytest.mark.parametrize(
    ("option", "message"),
    [
        ("lenient=perhaps", "feed's option 'lenient' takes true or false, not 'perhaps'"),
        (
            "undated=never",
            "feed's option 'undated' takes one of 'error', 'skip', 'feed', not 'never'",
        ),
        ("colour=red", "the feed importer has no option 'colour'"),
        ("novalue", "expected KEY=VALUE"),
    ],
)
def test_bad_options_are_usage_errors(tmp_path: Path, option: str, message: str) -> None:
    """-O values are converted by the option's declared type; a bad one exits with status 2."""
    result = invoke("import", RSS, "-d", tmp_path, "-O", option)
    assert result.exit_code == 2
    assert message in result.stderr
    assert not list(tmp_path.iterdir())


def test_options_are_converted_and_applied(tmp_path: Path) -> None:
    """-O category=space and -O undated=skip reach the importer as declared."""
    result = invoke(
        "import",
        FEEDS / "undated.xml",
        "-d",
        tmp_path,
        "-O",
        "category=space",
        "-O",
        "undated=skip",
    )
    assert result.exit_code == 0
    [file] = tmp_path.iterdir()
    assert frontnews.load(file).category == "space"


def test_quiet_prints_only_problems(tmp_path: Path) -> None:
    """-q (of the command or the group) prints nothing when all goes well."""
    for args in (("import", "-q"), ("-q", "import")):
        result = invoke(*args, RSS, "-d", tmp_path / args[0])
        assert (result.exit_code, result.stdout, result.stderr) == (0, "", "")


def test_import_runs_as_a_process(tmp_path: Path) -> None:
    """python -m frontnews import works end to end on an Atom feed and a JSON Feed."""
    process = frontnews_process(
        "import", FEEDS / "atom.xml", FEEDS / "jsonfeed.json", "-d", tmp_path
    )
    assert process.returncode == 0, process.stderr
    assert "imported 4 records from 2 sources" in process.stdout
    assert (tmp_path / "2003-12-13-atom-powered-robots-run-amok.md").exists()


def test_a_record_too_deep_to_read_back_is_not_written(tmp_path: Path) -> None:
    """A record the reader's limits would refuse is reported by title, and nothing is written."""
    source = tmp_path / "deep.csv"
    record = frontnews.load(SAMPLES / "amnesty-ban-the-scan.md")
    deep = attrs.evolve(record, extra=frontnews.Extra({"deep": [[[[]]]]}))
    table = frontnews.exports([deep], "csv", include_unpublished=True)
    source.write_bytes(table.replace(b"[[[[]]]]", b"[" * 100 + b"]" * 100))
    result = invoke("import", source, "-d", tmp_path / "out")
    assert result.exit_code == 1
    assert "record 1 ('Call to Ban Facial Recognition" in result.stderr
    assert "cannot be written as a record file: nested more than 64 levels deep" in result.stderr
    assert not list((tmp_path / "out").iterdir())
