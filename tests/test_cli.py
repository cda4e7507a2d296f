"""The frontnews command: exit codes, messages, atomic output."""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import feedparser
import pytest

from frontnews.cli import main

from .conftest import DATA, ROOT

REFERENCE = ROOT / "samples" / "amnesty-ban-the-scan.md"


def test_check_counts_valid_and_canonical(capsys: pytest.CaptureFixture[str]) -> None:
    """check reports valid and canonical counts and exits 0 when all are valid."""
    assert main(["check", str(DATA)]) == 0
    assert capsys.readouterr().out == "7 records: 7 valid, 5 canonical, 0 invalid\n"


def test_check_reports_errors_with_file_and_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An invalid record makes check exit 1 and print file:line: field: reason."""
    bad = tmp_path / "bad.md"
    bad.write_text(REFERENCE.read_text(encoding="utf-8").replace("quality: 38", "quality: x"))
    assert main(["check", str(tmp_path)]) == 1
    assert f"{bad}:9: quality: expected an integer" in capsys.readouterr().err


def test_fmt_rewrites_only_non_canonical_files(tmp_path: Path) -> None:
    """fmt leaves canonical files alone and rewrites the others canonically."""
    shutil.copy(REFERENCE, tmp_path / "a.md")
    shutil.copy(DATA / "other" / "hand-edited.md", tmp_path / "b.md")
    before = (tmp_path / "a.md").stat().st_mtime_ns
    assert main(["fmt", "--check", str(tmp_path)]) == 1
    assert main(["fmt", str(tmp_path)]) == 0
    assert (tmp_path / "a.md").stat().st_mtime_ns == before
    assert main(["fmt", "--check", str(tmp_path)]) == 0


def test_export_rss_to_file(tmp_path: Path) -> None:
    """export writes a feed that feedparser reads without complaint."""
    out = tmp_path / "feed.xml"
    argv = ["export", "rss", str(ROOT / "samples"), "--title", "T", "--link", "https://e.org/"]
    assert main([*argv, "-o", str(out)]) == 0
    parsed = feedparser.parse(out.read_bytes())
    assert parsed.bozo == 0
    assert len(parsed.entries) == 3  # the reference record is published: false


def test_export_csv_to_stdout_with_options(capfdbinary: pytest.CaptureFixture[bytes]) -> None:
    """export to stdout honours -O options and --include-unpublished."""
    code = main(["export", "csv", str(ROOT / "samples"), "--include-unpublished", "-O", "bom=true"])
    assert code == 0
    out = capfdbinary.readouterr().out
    assert out.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(out.decode("utf-8-sig"), newline="")))
    assert len(rows) == 4


def test_export_newest(capfdbinary: pytest.CaptureFixture[bytes]) -> None:
    """--newest keeps the N newest published records, newest first."""
    argv = ["export", "jsonfeed", str(ROOT / "samples"), "--title", "T", "--link", "https://e.org/"]
    assert main([*argv, "--newest", "2"]) == 0
    feed = json.loads(capfdbinary.readouterr().out)
    assert [i["date_published"][:10] for i in feed["items"]] == ["2026-11-25", "2026-11-22"]


def test_export_unknown_format_fails_cleanly(capsys: pytest.CaptureFixture[str]) -> None:
    """An unknown format is a one-line error and exit status 1, not a traceback."""
    assert main(["export", "nope", str(REFERENCE)]) == 1
    assert "no exporter called 'nope'" in capsys.readouterr().err


def test_failed_export_leaves_the_old_output(tmp_path: Path) -> None:
    """If the export fails, the output file keeps its old contents."""
    out = tmp_path / "feed.xml"
    out.write_bytes(b"old feed")
    (tmp_path / "bad.md").write_text("not a record", encoding="utf-8")
    argv = ["export", "rss", str(ROOT / "samples"), str(tmp_path / "bad.md")]
    assert main([*argv, "--title", "T", "--link", "https://e.org/", "-o", str(out)]) == 1
    assert out.read_bytes() == b"old feed"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.md", "feed.xml"]


def test_plugins_json_lists_builtins(capsys: pytest.CaptureFixture[str]) -> None:
    """plugins --all --json lists the built-in exporters with the frontnews version."""
    assert main(["plugins", "--all", "--json"]) == 0
    infos = json.loads(capsys.readouterr().out)
    by_name = {i["name"]: i for i in infos}
    assert by_name["frontnews.exporters.rss"]["exporters"] == ["rss"]
    assert by_name["frontnews.exporters.rss"]["distribution"] == "frontnews"


def test_title_without_link_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    """--title without --link exits 2 and says why."""
    assert main(["export", "rss", str(REFERENCE), "--title", "T"]) == 2
    assert "--title and --link go together" in capsys.readouterr().err
