"""The frontnews command: exit statuses, stdout and stderr, atomic output, formatting.

Every command runs both in-process through click's CliRunner and as a real
``python -m frontnews`` subprocess, on real files in a temporary folder.
"""

from __future__ import annotations

import csv
import importlib.metadata
import importlib.util
import io
import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

import feedparser
import pytest
from click.testing import CliRunner, Result

import frontnews
import frontnews.cli._export as export_command_module
from frontnews import _build, lossless, plugins
from frontnews.cli import PROGRESS_MIN_FILES, cli, main

from .conftest import DATA, ROOT, token_of

SAMPLES = ROOT / "samples"
REFERENCE = SAMPLES / "amnesty-ban-the-scan.md"
HAND_EDITED = DATA / "other" / "hand-edited.md"
FEED = ("--title", "T", "--link", "https://e.org/")


@pytest.fixture(autouse=True)
def _fresh_plugins() -> Iterator[None]:
    plugins.reset()
    yield
    plugins.reset()


def invoke(*args: str | Path) -> Result:
    """Run the command in-process; an exception other than SystemExit fails the test."""
    return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)


def frontnews_process(
    *args: str | Path, cwd: Path | None = None, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """Run ``python -m frontnews`` as a real process, with text output."""
    return subprocess.run(
        [sys.executable, "-m", "frontnews", *map(str, args)],
        capture_output=True,
        text=True,
        check=False,
        cwd=cwd,
        env=env,
    )


def frontnews_bytes(*args: str | Path) -> subprocess.CompletedProcess[bytes]:
    """Run ``python -m frontnews`` as a real process, with binary output."""
    return subprocess.run(
        [sys.executable, "-m", "frontnews", *map(str, args)], capture_output=True, check=False
    )


def invalid_copy(folder: Path, name: str = "bad.md") -> Path:
    """Write the reference record with ``quality: x`` (line 9, column 10) into ``folder``."""
    path = folder / name
    text = REFERENCE.read_text(encoding="utf-8").replace("quality: 38", "quality: x")
    path.write_bytes(text.encode("utf-8"))
    return path


def snapshot(folder: Path) -> dict[str, tuple[bytes, int]]:
    """Every file below ``folder`` with its bytes and modification time."""
    return {
        str(p.relative_to(folder)): (p.read_bytes(), p.stat().st_mtime_ns)
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def canonical_text(path: Path) -> str:
    return frontnews.reformat(path.read_bytes(), drop_comments=True).decode("utf-8")


# -- validate ---------------------------------------------------------------------------------


def test_validate_reports_file_line_column_and_field(tmp_path: Path) -> None:
    """A schema problem is one stdout line path:line:column: field: message, and exit 1."""
    bad = invalid_copy(tmp_path)
    result = invoke("validate", bad, REFERENCE)
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        f"{bad}:9:10: quality: expected an integer, got str 'x'",
        "2 records checked: 1 valid, 1 invalid",
    ]
    assert result.stderr == ""


def test_validate_prints_one_line_per_problem(tmp_path: Path) -> None:
    """A record with several bad fields gives one line for each, and a count of problems."""
    bad = tmp_path / "bad.md"
    bad.write_text('---\ntitle: x\nquality: "high"\n---\n', encoding="utf-8")
    result = invoke("validate", bad)
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert f"{bad}:3:10: quality: expected an integer, got str 'high'" in lines
    assert f"{bad}:2:1: category: missing required field" in lines
    assert len(lines) == 8  # six missing fields, the bad quality, the summary
    assert lines[-1] == "1 record checked: 0 valid, 1 invalid (7 problems)"
    as_json = json.loads(invoke("validate", "--format", "json", bad).stdout)
    assert [(p["line"], p["field"]) for p in as_json].count((3, "quality")) == 1
    assert len(as_json) == 7


def test_validate_leaves_out_a_column_it_does_not_know(tmp_path: Path) -> None:
    """A problem found without the YAML parser prints path:line only."""
    bad = tmp_path / "plain.md"
    bad.write_text("just text\n", encoding="utf-8")
    result = invoke("validate", bad)
    assert result.exit_code == 1
    assert result.stdout.splitlines()[0] == (
        f"{bad}:1: no front matter: a record starts with a line '---'"
    )


def test_validate_gives_the_column_of_a_yaml_problem(tmp_path: Path) -> None:
    """A duplicate key is reported at its own line and column."""
    bad = tmp_path / "dup.md"
    text = REFERENCE.read_text(encoding="utf-8").replace("type: ", "title: again\ntype: ", 1)
    bad.write_text(text, encoding="utf-8")
    line = text.splitlines().index("title: again") + 1
    result = invoke("validate", bad)
    assert result.exit_code == 1
    assert result.stdout.startswith(f"{bad}:{line}:1: duplicate key 'title' (first on line 3)\n")


def test_validate_json_lists_every_problem(tmp_path: Path) -> None:
    """--format json prints an array of {file, line, column, field, message, severity}."""
    bad = invalid_copy(tmp_path)
    plain = tmp_path / "plain.md"
    plain.write_text("just text\n", encoding="utf-8")
    # The folder walk skips plain.md (not a record); named, it is an error.
    result = invoke("validate", "--format", "json", tmp_path, plain, SAMPLES)
    assert result.exit_code == 1
    assert json.loads(result.stdout) == [
        {
            "file": str(bad),
            "line": 9,
            "column": 10,
            "field": "quality",
            "message": "expected an integer, got str 'x'",
            "severity": "error",
        },
        {
            "file": str(plain),
            "line": 1,
            "column": None,
            "field": None,
            "message": "no front matter: a record starts with a line '---'",
            "severity": "error",
        },
    ]


def test_validate_process_passes_valid_records(tmp_path: Path) -> None:
    """Valid records: exit 0, only the summary on stdout, nothing on stderr."""
    done = frontnews_process("validate", SAMPLES, DATA / "canonical" / "crlf.md")
    assert (done.returncode, done.stderr) == (0, "")
    assert done.stdout == "5 records checked: 5 valid, 0 invalid\n"


def test_validate_process_reports_problems_on_stdout(tmp_path: Path) -> None:
    """As a process, problems go to stdout, the status is 1 and stderr stays empty."""
    bad = invalid_copy(tmp_path)
    done = frontnews_process("validate", "--format", "json", tmp_path)
    assert (done.returncode, done.stderr) == (1, "")
    assert [p["field"] for p in json.loads(done.stdout)] == ["quality"]
    assert json.loads(done.stdout)[0]["file"] == str(bad)


def test_validate_quiet_drops_the_summary(tmp_path: Path) -> None:
    """-q (on the group or the command) keeps the problems and drops the summary line."""
    bad = invalid_copy(tmp_path)
    runs: list[list[str | Path]] = [["-q", "validate", bad], ["validate", "-q", bad]]
    for args in runs:
        result = invoke(*args)
        assert result.exit_code == 1
        assert result.stdout == f"{bad}:9:10: quality: expected an integer, got str 'x'\n"


def test_check_is_a_hidden_alias_of_validate(tmp_path: Path) -> None:
    """The old 'check' command still validates, but the help no longer lists it."""
    bad = invalid_copy(tmp_path)
    result = invoke("check", bad)
    assert result.exit_code == 1
    assert f"{bad}:9:10: quality:" in result.stdout
    listed = invoke("--help").stdout.split("Commands:")[1]
    names = [line.split()[0] for line in listed.strip().splitlines()]
    assert "check" not in names
    assert {"export", "fmt", "formats", "import", "plugins", "validate"} <= set(names)


@pytest.mark.parametrize("command", ["validate", "fmt", "export"])
def test_missing_path_is_a_usage_error(command: str, tmp_path: Path) -> None:
    """A path that does not exist is a usage error naming it, with exit status 2."""
    missing = tmp_path / "nope"
    extra: list[str] = ["--format", "csv"] if command == "export" else []
    result = invoke(command, missing, *extra)
    assert result.exit_code == 2
    assert f"Path '{missing}' does not exist" in result.stderr
    assert result.stdout == ""


def test_missing_path_process_exits_2_without_traceback(tmp_path: Path) -> None:
    """As a process too: a usage message on stderr, status 2, no traceback."""
    done = frontnews_process("validate", tmp_path / "nope")
    assert done.returncode == 2
    assert "does not exist" in done.stderr
    assert "Traceback" not in done.stderr


# -- export -----------------------------------------------------------------------------------


def test_export_rss_process_writes_a_feed(tmp_path: Path) -> None:
    """export --format rss -o FILE writes a feed feedparser accepts, and says so on stderr."""
    out = tmp_path / "feed.xml"
    done = frontnews_process("export", SAMPLES, "--format", "rss", *FEED, "-o", out)
    assert (done.returncode, done.stdout) == (0, "")
    assert done.stderr == (
        f"exported 3 records (rss) to {out}; left out 1 unpublished, 0 filtered out, "
        "0 duplicates; skipped 0 invalid files, 0 files without front matter\n"
    )
    parsed = feedparser.parse(out.read_bytes())
    assert parsed.bozo == 0
    assert len(parsed.entries) == 3  # the reference record is published: false


def test_export_infers_the_format_from_the_output_suffix(tmp_path: Path) -> None:
    """Without --format, -o feed.json picks the one format whose suffix is .json."""
    out = tmp_path / "feed.json"
    result = invoke("export", SAMPLES, *FEED, "-o", out)
    assert result.exit_code == 0, result.stderr
    assert json.loads(out.read_bytes())["version"] == "https://jsonfeed.org/version/1.1"


def test_export_refuses_a_suffix_no_format_owns(tmp_path: Path) -> None:
    """Without --format, a suffix no format writes is a usage error listing the formats."""
    result = invoke("export", SAMPLES, "-o", tmp_path / "feed.txt")
    assert result.exit_code == 2
    assert "cannot tell the format from 'feed.txt'" in result.stderr
    assert "rss" in result.stderr
    assert not (tmp_path / "feed.txt").exists()


def test_export_to_stdout_needs_a_format() -> None:
    """Without --format and without -o there is nothing to infer from: usage error."""
    result = invoke("export", SAMPLES)
    assert result.exit_code == 2
    assert "--format is needed when writing to standard output" in result.stderr


@pytest.mark.parametrize(("wrong", "meant"), [("rs", "rss"), ("jsonfed", "jsonfeed")])
def test_unknown_format_suggests_close_names(wrong: str, meant: str) -> None:
    """A misspelt format is a usage error that suggests the close names."""
    result = invoke("export", SAMPLES, "--format", wrong)
    assert result.exit_code == 2
    assert f"no format called {wrong!r}; did you mean {meant!r}?" in result.stderr


def test_unknown_format_process_lists_the_formats() -> None:
    """A format unlike any other lists them all, exit 2, no traceback."""
    done = frontnews_process("export", SAMPLES, "--format", "zzzz")
    assert done.returncode == 2
    assert "no format called 'zzzz'; the formats are: " in done.stderr
    listed = done.stderr.split("the formats are: ")[1].strip().split(", ")
    assert {"csv", "jsonfeed", "rss"} <= set(listed)
    assert listed == sorted(listed)
    assert "Traceback" not in done.stderr


def test_export_csv_process_to_stdout_with_options() -> None:
    """export to stdout honours -O options and --include-unpublished; -q: stderr stays empty."""
    done = frontnews_bytes(
        "export", SAMPLES, "--format", "csv", "--include-unpublished", "-O", "bom=true", "-q"
    )
    assert (done.returncode, done.stderr) == (0, b"")
    assert done.stdout.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(done.stdout.decode("utf-8-sig"), newline="")))
    assert len(rows) == 4


def test_unknown_format_option_is_a_usage_error() -> None:
    """-O with a key the format does not take is a usage error with a suggestion."""
    result = invoke("export", SAMPLES, "--format", "csv", "-O", "bmo=true")
    assert result.exit_code == 2
    assert "csv has no option 'bmo'; did you mean 'bom'?" in result.stderr


def _item_dates(result: Result) -> list[str]:
    assert result.exit_code == 0, result.stderr
    return [i["date_published"] for i in json.loads(result.stdout)["items"]]


@pytest.mark.parametrize(
    ("since", "dates"),
    [
        ("2026-11-22", ["2026-11-25T18:45:00Z", "2026-11-22T14:00:00+01:00"]),
        ("2026-11-22T13:00:00Z", ["2026-11-25T18:45:00Z", "2026-11-22T14:00:00+01:00"]),
        ("2026-11-22T13:00:01+00:00", ["2026-11-25T18:45:00Z"]),
        ("2026-11-26", []),
    ],
)
def test_export_since_keeps_records_at_or_after(since: str, dates: list[str]) -> None:
    """--since keeps records published at or after the instant (a bare date is UTC midnight)."""
    result = invoke("export", SAMPLES, "--format", "jsonfeed", *FEED, "--since", since)
    assert _item_dates(result) == dates


def test_export_since_rejects_what_is_not_a_date() -> None:
    """--since with something other than an ISO date is a usage error."""
    result = invoke("export", SAMPLES, "--format", "csv", "--since", "yesterday")
    assert result.exit_code == 2
    assert "'yesterday' is not an ISO date or date-time" in result.stderr


def test_export_min_quality_keeps_records_at_or_above() -> None:
    """--min-quality N keeps quality >= N; records without a quality are left out."""
    result = invoke("export", SAMPLES, "--format", "jsonfeed", *FEED, "--min-quality", "61")
    assert _item_dates(result) == ["2026-11-22T14:00:00+01:00", "2026-11-20T09:30:00Z"]
    result = invoke("export", SAMPLES, "--format", "jsonfeed", *FEED, "--min-quality", "62")
    assert _item_dates(result) == ["2026-11-22T14:00:00+01:00"]


def test_export_topic_is_repeatable() -> None:
    """--topic keeps records with any of the topics given."""
    base = ("export", SAMPLES, "--format", "jsonfeed", *FEED)
    assert _item_dates(invoke(*base, "--topic", "Climate")) == ["2026-11-25T18:45:00Z"]
    both = _item_dates(invoke(*base, "--topic", "Climate", "--topic", "Privacy"))
    assert both == ["2026-11-25T18:45:00Z", "2026-11-22T14:00:00+01:00"]


def test_export_newest_keeps_the_n_newest_published() -> None:
    """--newest keeps the N newest published records, newest first."""
    result = invoke("export", SAMPLES, "--format", "jsonfeed", *FEED, "--newest", "2")
    assert _item_dates(result) == ["2026-11-25T18:45:00Z", "2026-11-22T14:00:00+01:00"]


def test_export_sort_orders_the_records() -> None:
    """--sort newest (the default), oldest or path."""
    base = ("export", SAMPLES, "--format", "jsonfeed", *FEED)
    newest = ["2026-11-25T18:45:00Z", "2026-11-22T14:00:00+01:00", "2026-11-20T09:30:00Z"]
    assert _item_dates(invoke(*base)) == newest
    assert _item_dates(invoke(*base, "--sort", "newest")) == newest
    assert _item_dates(invoke(*base, "--sort", "oldest")) == newest[::-1]
    assert _item_dates(invoke(*base, "--sort", "path")) == newest[::-1]  # file names sort by date
    assert invoke(*base, "--sort", "random").exit_code == 2


def test_export_leaves_out_copies_and_counts_them(tmp_path: Path) -> None:
    """The same article twice is exported once and counted; --keep-duplicates keeps both."""
    for name in ("a.md", "b.md"):
        shutil.copy(REFERENCE, tmp_path / name)
    base = ("export", tmp_path, "--format", "rss", *FEED, "--include-unpublished")
    done = invoke(*base)
    assert done.exit_code == 0
    assert done.stdout.count("<item>") == 1
    assert "1 duplicate;" in done.stderr
    kept = invoke(*base, "--keep-duplicates")
    assert kept.stdout.count("<item>") == 2
    assert "0 duplicates;" in kept.stderr


def test_feed_dates_can_be_given_as_iso_text() -> None:
    """-O last_build_date=... (rss) and -O updated=... (atom) take ISO 8601 text."""
    when = "2026-11-26T08:00:00Z"
    rss = invoke("export", SAMPLES, "-f", "rss", *FEED, "-O", f"last_build_date={when}")
    assert "<lastBuildDate>Thu, 26 Nov 2026 08:00:00 +0000</lastBuildDate>" in rss.stdout
    atom = invoke("export", SAMPLES, "-f", "atom", *FEED, "-O", f"updated={when}")
    assert f"<updated>{when}</updated>" in atom.stdout
    assert invoke("export", SAMPLES, "-f", "atom", *FEED, "-O", "updated=soon").exit_code == 1


def test_export_include_secured_writes_the_token() -> None:
    """The secured token is exported only with --include-secured."""
    token = frontnews.load(SAMPLES / "2026-11-22-port-authority-publishes-camera-audit.md")
    base = ("export", SAMPLES, "--format", "jsonfeed", *FEED)
    assert token_of(token) not in invoke(*base).stdout
    assert token_of(token) in invoke(*base, "--include-secured").stdout


def test_title_without_link_is_a_usage_error() -> None:
    """--title without --link exits 2 and says why."""
    result = invoke("export", REFERENCE, "--format", "rss", "--title", "T")
    assert result.exit_code == 2
    assert "--title and --link go together" in result.stderr


def test_a_feed_format_without_feed_metadata_is_a_usage_error() -> None:
    """rss without --title/--link is a usage error in the command line's words: status 2."""
    done = frontnews_process("export", SAMPLES, "--format", "rss")
    assert (done.returncode, done.stdout) == (2, "")
    assert "Error: the rss format writes a feed: give --title and --link" in done.stderr
    assert "Feed(" not in done.stderr
    assert "Traceback" not in done.stderr


def test_unwritable_output_is_an_error_without_traceback(tmp_path: Path) -> None:
    """An OSError (the output's folder is missing) is 'frontnews: error: ...' and status 1."""
    done = frontnews_process("export", SAMPLES, "-o", tmp_path / "missing" / "feed.csv")
    assert done.returncode == 1
    assert done.stderr.startswith("frontnews: error: ")
    assert "No such file or directory" in done.stderr
    assert "Traceback" not in done.stderr


def test_failed_export_process_keeps_the_old_output(tmp_path: Path) -> None:
    """One invalid record: reported as file:line, status 1, old output intact, no temp file."""
    records = tmp_path / "records"
    shutil.copytree(SAMPLES, records)
    bad = invalid_copy(records)
    out = tmp_path / "feed.xml"
    out.write_bytes(b"old feed")
    before = sorted(p.name for p in tmp_path.iterdir())
    done = frontnews_process("export", records, "--format", "rss", *FEED, "-o", out)
    assert (done.returncode, done.stdout) == (1, "")
    assert done.stderr.splitlines() == [
        f"{bad}:9:10: quality: expected an integer, got str 'x'",
        "frontnews: error: 1 invalid record, so nothing was written "
        "(--skip-invalid exports the others)",
    ]
    assert out.read_bytes() == b"old feed"
    assert sorted(p.name for p in tmp_path.iterdir()) == before


def test_failed_export_prints_nothing_on_stdout(tmp_path: Path) -> None:
    """Without -o, an export that fails leaves standard output empty (no partial feed)."""
    bad = invalid_copy(tmp_path, "zz-last.md")
    result = invoke("export", SAMPLES, bad, "--format", "csv")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert f"{bad}:9:10: quality:" in result.stderr


def test_interrupted_export_keeps_the_old_output(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Ctrl-C in the middle of writing leaves -o's old file and no temporary file."""

    def interrupted(*args: Any, **kwargs: Any) -> None:
        stream: IO[bytes] = args[2]
        stream.write(b"half a feed")
        raise KeyboardInterrupt

    monkeypatch.setattr(export_command_module, "export", interrupted)
    out = tmp_path / "feed.csv"
    out.write_bytes(b"old")
    result = CliRunner().invoke(cli, ["export", str(SAMPLES), "-o", str(out)])
    assert result.exit_code == 1
    assert "Aborted!" in result.stderr
    assert out.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["feed.csv"]


def test_skip_invalid_exports_the_rest_and_reports_the_bad_ones(tmp_path: Path) -> None:
    """--skip-invalid exports the valid records, reports the invalid on stderr, exits 0."""
    bad = invalid_copy(tmp_path)
    out = tmp_path / "records.csv"
    done = frontnews_process(
        "export", SAMPLES, bad, "--include-unpublished", "--skip-invalid", "-o", out
    )
    assert done.returncode == 0
    assert done.stderr.splitlines() == [
        f"{bad}:9:10: quality: expected an integer, got str 'x'",
        "frontnews: warning: skipped 1 invalid record",
        f"exported 4 records (csv) to {out}; left out 0 unpublished, 0 filtered out, "
        "0 duplicates; skipped 1 invalid file, 0 files without front matter",
    ]
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"), newline="")))
    assert len(rows) == 4


# -- fmt --------------------------------------------------------------------------------------


def test_fmt_process_rewrites_only_non_canonical_files(tmp_path: Path) -> None:
    """fmt rewrites the non-canonical file canonically and leaves the canonical one alone."""
    shutil.copy(REFERENCE, tmp_path / "a.md")
    shutil.copy(HAND_EDITED, tmp_path / "b.md")
    before = (tmp_path / "a.md").stat().st_mtime_ns
    done = frontnews_process("fmt", "--drop-comments", tmp_path)
    assert (done.returncode, done.stderr) == (0, "")
    assert done.stdout.splitlines() == [
        f"{tmp_path / 'b.md'}: reformatted",
        "1 file reformatted, 1 already canonical",
    ]
    assert (tmp_path / "a.md").stat().st_mtime_ns == before
    assert (tmp_path / "b.md").read_text(encoding="utf-8") == canonical_text(HAND_EDITED)


def test_fmt_check_on_a_canonical_tree_changes_nothing(tmp_path: Path) -> None:
    """fmt --check on canonical files exits 0 and leaves every byte and mtime as it was."""
    shutil.copytree(SAMPLES, tmp_path / "samples")
    shutil.copytree(DATA / "canonical", tmp_path / "canonical")
    before = snapshot(tmp_path)
    result = invoke("fmt", "--drop-comments", "--check", tmp_path)
    assert result.exit_code == 0, result.stderr
    assert result.stdout == "0 files would be reformatted, 9 already canonical\n"
    assert snapshot(tmp_path) == before


def test_fmt_check_lists_files_and_changes_nothing(tmp_path: Path) -> None:
    """fmt --check names the files that would change, exits 1 and writes nothing."""
    target = tmp_path / "b.md"
    shutil.copy(HAND_EDITED, target)
    shutil.copy(REFERENCE, tmp_path / "a.md")
    before = snapshot(tmp_path)
    done = frontnews_process("fmt", "--drop-comments", "--check", tmp_path)
    assert done.returncode == 1
    assert done.stdout.splitlines()[0] == f"{target}: would be reformatted"
    assert snapshot(tmp_path) == before


def test_fmt_diff_prints_a_unified_diff_and_changes_nothing(tmp_path: Path) -> None:
    """fmt --diff prints a diff from the file to its canonical form, exits 0, writes nothing."""
    target = tmp_path / "b.md"
    shutil.copy(HAND_EDITED, target)
    before = snapshot(tmp_path)
    result = invoke("fmt", "--drop-comments", "--diff", target)
    assert result.exit_code == 0
    lines = result.stdout.splitlines(keepends=True)
    assert lines[:2] == [f"--- {target}\n", f"+++ {target}\n"]
    assert lines[2].startswith("@@ -1,")
    assert "-title: 'Single-quoted title with ''inner'' quotes'\n" in lines
    assert "+title: \"Single-quoted title with 'inner' quotes\"\n" in lines
    # The one hunk spans both files: each side rebuilds its file.
    old = "".join(line[1:] for line in lines[3:] if line[0] in " -")
    new = "".join(line[1:] for line in lines[3:] if line[0] in " +")
    assert old == HAND_EDITED.read_text(encoding="utf-8")
    assert new == canonical_text(HAND_EDITED)
    assert snapshot(tmp_path) == before


def test_fmt_diff_with_check_exits_1(tmp_path: Path) -> None:
    """fmt --check --diff prints the diff and fails when a file would change."""
    target = tmp_path / "b.md"
    shutil.copy(HAND_EDITED, target)
    done = frontnews_process("fmt", "--drop-comments", "--check", "--diff", target)
    assert done.returncode == 1
    assert done.stdout.startswith(f"--- {target}\n+++ {target}\n@@ ")
    assert "would be reformatted" not in done.stdout


@pytest.mark.parametrize(("crlf", "bom"), [(True, False), (False, True), (True, True)])
def test_fmt_keeps_crlf_and_bom(tmp_path: Path, crlf: bool, bom: bool) -> None:
    """A CRLF and/or BOM record comes back canonical, still CRLF and/or with its BOM."""
    text = HAND_EDITED.read_text(encoding="utf-8")
    prefix = "\ufeff" if bom else ""

    def layout(lf_text: str) -> str:
        return lf_text.replace("\n", "\r\n") if crlf else lf_text

    target = tmp_path / "r.md"
    target.write_bytes((prefix + layout(text)).encode("utf-8"))
    done = frontnews_process("fmt", "--drop-comments", target)
    assert (done.returncode, done.stderr) == (0, ""), done.stderr
    result = target.read_bytes()
    assert result == (prefix + layout(canonical_text(HAND_EDITED))).encode("utf-8")
    assert result.startswith(b"\xef\xbb\xbf") == bom
    assert (result.count(b"\r\n") == result.count(b"\n")) == crlf
    assert invoke("fmt", "--drop-comments", "--check", target).exit_code == 0


@pytest.mark.parametrize(
    ("old", "new", "reason"),
    [
        ("quality: 7\n", "quality: 8\n", "would change quality"),
        ("18:47:00.25+05:30", "13:17:00.25Z", "would change publishedDateTime"),
        ("founded: 1999\n", 'founded: "1999"\n', "would change provider.founded"),
        ('editorNote: "Kept as written,\\nline by line.\\n"\n', "", "would change editorNote"),
        ("More body.", "More bodies.", "would change the body"),
    ],
)
def test_fmt_refuses_a_lossy_rewrite(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, old: str, new: str, reason: str
) -> None:
    """A rewrite that would change a value is refused (through a lossy dumps: the real is not)."""
    real_dumps = frontnews.dumps

    def lossy(record: frontnews.Record) -> str:
        text = real_dumps(record)
        assert old in text, "the case no longer fits the canonical output"
        return text.replace(old, new, 1)

    monkeypatch.setattr(lossless, "dumps", lossy)
    target = tmp_path / "b.md"
    shutil.copy(HAND_EDITED, target)
    before = snapshot(tmp_path)
    result = invoke("fmt", "--drop-comments", target)
    assert result.exit_code == 1
    assert f"{target}: refused: reformatting {reason}" in result.stderr
    assert snapshot(tmp_path) == before


def test_fmt_refuses_to_drop_comments_unless_asked(tmp_path: Path) -> None:
    """A file with YAML comments is left alone, its comment lines named, exit 1."""
    target = tmp_path / "b.md"
    shutil.copy(HAND_EDITED, target)
    before = snapshot(tmp_path)
    result = invoke("fmt", target)
    assert result.exit_code == 1
    assert f"{target}: refused: YAML comments on line 2, 3, 10 would be dropped" in result.stderr
    assert snapshot(tmp_path) == before
    assert invoke("fmt", "--drop-comments", target).exit_code == 0
    assert target.read_text(encoding="utf-8") == canonical_text(HAND_EDITED)


def test_fmt_reports_an_invalid_record_and_formats_the_rest(tmp_path: Path) -> None:
    """An invalid record is reported with file:line on stderr; the others are still formatted."""
    bad = invalid_copy(tmp_path)
    shutil.copy(HAND_EDITED, tmp_path / "b.md")
    result = invoke("fmt", "--drop-comments", tmp_path)
    assert result.exit_code == 1
    assert result.stderr == f"{bad}:9:10: quality: expected an integer, got str 'x'\n"
    assert (tmp_path / "b.md").read_text(encoding="utf-8") == canonical_text(HAND_EDITED)


# -- formats, plugins -------------------------------------------------------------------------


def test_formats_lists_media_type_and_suffix() -> None:
    """formats prints one line per exporter: name, media type, suffix, description."""
    result = invoke("formats")
    assert result.exit_code == 0
    exporters = result.stdout.split("\n\n")[0].splitlines()
    rows = {line.split()[0]: line.split() for line in exporters if not line.startswith(" ")}
    assert rows["rss"][1:3] == ["application/rss+xml", ".xml"]
    assert rows["jsonfeed"][1:3] == ["application/feed+json", ".json"]


def test_formats_process_lists_the_builtins() -> None:
    """As a process, formats names csv, jsonfeed and rss and exits 0."""
    done = frontnews_process("formats")
    assert (done.returncode, done.stderr) == (0, "")
    exporters = done.stdout.split("\n\n")[0].splitlines()
    names = [line.split()[0] for line in exporters if not line.startswith(" ")]
    assert {"csv", "jsonfeed", "rss"} <= set(names)
    assert names == sorted(names)


def test_plugins_json_lists_builtins() -> None:
    """plugins --json prints JSON listing the built-in exporters with the frontnews version."""
    result = invoke("plugins", "--json")
    assert result.exit_code == 0
    by_name = {i["name"]: i for i in json.loads(result.stdout)}
    rss = by_name["frontnews.exporters.rss"]
    assert rss["exporters"] == ["rss"]
    assert rss["hooks"] == ["register_exporters"]
    assert rss["builtin"] is True
    assert (rss["distribution"], rss["version"]) == ("frontnews", frontnews.__version__)


def test_plugins_prints_a_table_with_the_builtins_marked() -> None:
    """Without options, plugins prints a table; built-ins are listed, and say so."""
    env = {**os.environ, "FRONTNEWS_LOAD_PLUGINS": ""}
    done = frontnews_process("plugins", env=env)
    assert (done.returncode, done.stderr) == (0, "")
    header, *rows = done.stdout.splitlines()
    assert header.split() == ["PLUGIN", "VERSION", "FORMATS", "FROM"]
    assert rows[0].split() == [
        "frontnews.exporters.rss",
        frontnews.__version__,
        "rss",
        "frontnews",
        "(built-in)",
    ]
    assert len(rows) == len(plugins.DEFAULT_PLUGINS)
    assert all(row.endswith("frontnews (built-in)") for row in rows)


def test_plugins_all_and_json_are_still_accepted() -> None:
    """--all (the built-ins are always listed now) still works, with and without --json."""
    env = {**os.environ, "FRONTNEWS_LOAD_PLUGINS": ""}
    done = frontnews_process("plugins", "--all", "--json", env=env)
    infos = json.loads(done.stdout)
    assert {"name", "version", "hooks", "exporters"} <= set(infos[0])
    assert all(i["builtin"] for i in infos)
    assert frontnews_process("plugins", "--all", env=env).stdout == done_table(env)


def done_table(env: dict[str, str]) -> str:
    return frontnews_process("plugins", env=env).stdout


# -- the program ------------------------------------------------------------------------------


def test_python_m_frontnews_version() -> None:
    """python -m frontnews --version prints the program, the version and the build, then plugins."""
    env = {**os.environ, "FRONTNEWS_LOAD_PLUGINS": ""}
    done = frontnews_process("--version", env=env)
    build = "compiled reader" if _build.compiled() else "pure Python"
    assert (done.returncode, done.stdout) == (0, f"frontnews {frontnews.__version__} ({build})\n")
    pure = frontnews_process("--version", env={**env, "FRONTNEWS_PURE_PYTHON": "1"})
    assert pure.stdout == f"frontnews {frontnews.__version__} (pure Python)\n"


def test_version_lists_the_installed_plugins_versions() -> None:
    """Each third-party plugin distribution is a line: name, version and its exporters."""
    plugin = "frontnews-sitemap"
    if importlib.util.find_spec("frontnews_sitemap") is None:
        pytest.skip("the example plugin is not installed")
    done = frontnews_process("--version", env={**os.environ, "FRONTNEWS_LOAD_PLUGINS": plugin})
    assert done.returncode == 0
    build = "compiled reader" if _build.compiled() else "pure Python"
    assert done.stdout.splitlines() == [
        f"frontnews {frontnews.__version__} ({build})",
        f"{plugin} {importlib.metadata.version(plugin)} (plugin: news-sitemap)",
    ]


def test_python_m_frontnews_calls_itself_frontnews() -> None:
    """python -m frontnews's usage line names the program 'frontnews'."""
    done = frontnews_process("--help")
    assert done.returncode == 0
    assert done.stdout.startswith("Usage: frontnews [OPTIONS] COMMAND [ARGS]...")


def test_main_returns_the_exit_status(capsys: pytest.CaptureFixture[str]) -> None:
    """main() returns the status instead of exiting: 0, 1 or 2."""
    assert main(["validate", str(SAMPLES)]) == 0
    feed = ["--title", "t", "--link", "https://e.org/", "--language", "en us"]
    assert main(["export", str(SAMPLES), "--format", "rss", *feed]) == 1
    assert "frontnews: error: rss: feed.language" in capsys.readouterr().err
    assert main(["export", str(SAMPLES)]) == 2


def test_import_frontnews_does_not_import_click() -> None:
    """The library never pays for the command line: import frontnews leaves click unloaded."""
    done = subprocess.run(
        [sys.executable, "-c", "import frontnews, sys; print('click' in sys.modules)"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert done.stdout == "False\n"


def test_bash_completion_script_is_built_in() -> None:
    """_FRONTNEWS_COMPLETE=bash_source prints a bash completion function."""
    env = {**os.environ, "_FRONTNEWS_COMPLETE": "bash_source"}
    done = frontnews_process(env=env)
    assert done.returncode == 0
    assert "_frontnews_completion()" in done.stdout
    assert "complete -o nosort -F _frontnews_completion frontnews" in done.stdout


def test_completion_offers_format_names() -> None:
    """Completing --format offers the exporters' names."""
    env = {
        **os.environ,
        "_FRONTNEWS_COMPLETE": "bash_complete",
        "COMP_WORDS": "frontnews export samples --format js",
        "COMP_CWORD": "4",
    }
    done = frontnews_process(env=env)
    assert done.returncode == 0
    assert done.stdout.splitlines() == ["plain,jsonfeed"]


# -- progress ---------------------------------------------------------------------------------


def many_records(folder: Path) -> Path:
    """A folder holding enough valid records for a progress bar."""
    folder.mkdir()
    for number in range(PROGRESS_MIN_FILES + 5):
        shutil.copy(REFERENCE, folder / f"r{number:03}.md")
    return folder


def stderr_on_a_terminal(*args: str | Path) -> tuple[int, bytes]:
    """Run frontnews with stderr on a pseudo-terminal; return the status and what it showed."""
    import pty

    master, slave = pty.openpty()
    try:
        process = subprocess.Popen(
            [sys.executable, "-m", "frontnews", *map(str, args)],
            stdout=subprocess.DEVNULL,
            stderr=slave,
        )
    finally:
        os.close(slave)
    shown = []
    while True:
        try:
            chunk = os.read(master, 65536)
        except OSError:  # EIO: the process has closed the terminal
            break
        if not chunk:
            break
        shown.append(chunk)
    os.close(master)
    return process.wait(timeout=60), b"".join(shown)


@pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pseudo-terminal")
@pytest.mark.parametrize("command", ["validate", "fmt"])
def test_progress_bar_on_a_terminal(tmp_path: Path, command: str) -> None:
    """Over many files with stderr on a terminal, a progress bar counts the files."""
    folder = many_records(tmp_path / "many")
    status, shown = stderr_on_a_terminal(command, folder)
    assert status == 0
    total = PROGRESS_MIN_FILES + 5
    assert f"0/{total}".encode() in shown
    assert f"{total}/{total}".encode() in shown


@pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pseudo-terminal")
def test_progress_bar_on_a_terminal_during_export(tmp_path: Path) -> None:
    """export -o shows the bar too when stderr is a terminal."""
    folder = many_records(tmp_path / "many")
    out = tmp_path / "out.csv"
    status, shown = stderr_on_a_terminal(
        "export", folder, "--include-unpublished", "--keep-duplicates", "-o", out
    )
    assert status == 0
    total = PROGRESS_MIN_FILES + 5
    assert f"{total}/{total}".encode() in shown
    assert len(out.read_text(encoding="utf-8").splitlines()) == total + 1


@pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pseudo-terminal")
def test_quiet_hides_the_progress_bar(tmp_path: Path) -> None:
    """-q shows nothing on the terminal, even over many files."""
    folder = many_records(tmp_path / "many")
    assert stderr_on_a_terminal("-q", "validate", folder) == (0, b"")
    assert stderr_on_a_terminal("validate", "--quiet", folder) == (0, b"")


def test_no_progress_bar_when_stderr_is_piped(tmp_path: Path) -> None:
    """With stderr piped, many files give no progress output at all."""
    folder = many_records(tmp_path / "many")
    done = frontnews_process("validate", folder)
    assert (done.returncode, done.stderr) == (0, "")
    done = frontnews_process("fmt", folder)
    assert (done.returncode, done.stderr) == (0, "")
