"""Everyday use of the command (issue 12): it says what it did, reads Jekyll folders, takes '-'.

Each behaviour runs in-process through click's CliRunner, and the ones about
streams and exit statuses also as a real ``python -m frontnews`` process.
"""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

import frontnews
from frontnews.cli import cli
from frontnews.toolkit import item_id

from .conftest import DATA, ROOT
from .test_cli import FEED, REFERENCE, SAMPLES, frontnews_process

HAND_EDITED = DATA / "other" / "hand-edited.md"


def frontnews_bytes(
    *args: str | Path, stdin: bytes = b"", cwd: Path | None = None
) -> subprocess.CompletedProcess[bytes]:
    """Run ``python -m frontnews`` as a real process, with binary input and output."""
    argv = [sys.executable, "-m", "frontnews", *map(str, args)]
    return subprocess.run(argv, input=stdin, capture_output=True, check=False, cwd=cwd)


def invoke(*args: str | Path, stdin: bytes | None = None) -> Result:
    """Run the command in-process, stdout and stderr apart."""
    return CliRunner().invoke(cli, [str(a) for a in args], input=stdin, catch_exceptions=False)


def summary(
    written: int,
    fmt: str,
    where: str | Path,
    *,
    unpublished: int = 0,
    filtered: int = 0,
    duplicates: int = 0,
    invalid: int = 0,
    not_records: int = 0,
) -> str:
    """The export's summary line, as the CLI words it."""
    files = "file" if not_records == 1 else "files"
    return (
        f"exported {written} record{'' if written == 1 else 's'} ({fmt}) to {where}; "
        f"left out {unpublished} unpublished, {filtered} filtered out, "
        f"{duplicates} duplicate{'' if duplicates == 1 else 's'}; "
        f"skipped {invalid} invalid file{'' if invalid == 1 else 's'}, "
        f"{not_records} {files} without front matter"
    )


@pytest.fixture
def jekyll(tmp_path: Path) -> Path:
    """A Jekyll site: posts that are records, a README and a static page without front matter."""
    site = tmp_path / "site"
    (site / "_posts").mkdir(parents=True)
    for sample in sorted(SAMPLES.glob("*.md")):
        shutil.copy(sample, site / "_posts" / sample.name)
    (site / "README.md").write_text("# My news site\n\nBuilt with Jekyll.\n", encoding="utf-8")
    (site / "_includes").mkdir()
    (site / "_includes" / "footer.md").write_text("Made with care.\n", encoding="utf-8")
    return site


# -- every command says what it did ----------------------------------------------------------


def test_export_summary_counts_what_was_written_and_left_out(tmp_path: Path) -> None:
    """The summary names the count written, the unpublished left out, and the destination."""
    out = tmp_path / "feed.xml"
    result = invoke("export", SAMPLES, "-f", "rss", *FEED, "-o", out)
    assert result.exit_code == 0
    assert result.stderr == summary(3, "rss", out, unpublished=1) + "\n"


def test_export_summary_counts_filtered_records_and_names_standard_output() -> None:
    result = invoke("export", SAMPLES, "-f", "csv", "--topic", "AI", "--include-unpublished")
    assert result.exit_code == 0
    rows = list(csv.DictReader(io.StringIO(result.stdout, newline="")))
    assert summary(len(rows), "csv", "standard output", filtered=4 - len(rows)) in result.stderr


def test_quiet_silences_the_export_summary(tmp_path: Path) -> None:
    result = invoke("export", SAMPLES, "-f", "csv", "-q", "-o", tmp_path / "x.csv")
    assert (result.exit_code, result.stderr) == (0, "")


def test_an_empty_export_warns_and_exits_0(tmp_path: Path) -> None:
    """--topic that matches nothing: the (empty) export is written, with a warning."""
    out = tmp_path / "x.csv"
    result = invoke("export", SAMPLES, "-f", "csv", "--topic", "Nope", "-o", out)
    assert result.exit_code == 0
    assert result.stderr.splitlines() == [
        "frontnews: warning: nothing exported: none of the 4 records read was chosen "
        "(0 unpublished, 4 filtered out)",
        summary(0, "csv", out, filtered=4),
    ]
    assert out.read_text(encoding="utf-8").count("\n") == 1  # the header alone


def test_an_empty_folder_warns_even_with_quiet(tmp_path: Path) -> None:
    result = invoke("export", tmp_path, "-f", "csv", "-q")
    assert result.exit_code == 0
    assert result.stderr == "frontnews: warning: nothing exported: no records found\n"


def test_fail_empty_fails_and_writes_nothing(tmp_path: Path) -> None:
    """With --fail-empty an empty export is an error (exit 1), and -o keeps its old contents."""
    out = tmp_path / "x.csv"
    out.write_text("old\n", encoding="utf-8")
    done = frontnews_process("export", SAMPLES, "-f", "csv", "--topic", "Nope", "--fail-empty")
    assert (done.returncode, done.stdout) == (1, "")
    assert done.stderr == (
        "frontnews: error: none of the 4 records read was chosen "
        "(0 unpublished, 4 filtered out), so nothing was written\n"
    )
    result = invoke("export", SAMPLES, "-f", "csv", "--topic", "Nope", "--fail-empty", "-o", out)
    assert result.exit_code == 1
    assert out.read_text(encoding="utf-8") == "old\n"
    assert invoke("export", SAMPLES, "-f", "csv", "--fail-empty", "-o", out).exit_code == 0


def test_export_on_the_real_corpus_counts_the_unpublished(shared_samples: Path) -> None:
    """The issue's run: 181 real records, of which 75 say published: false."""
    real = shared_samples / "real"
    done = frontnews_process("export", real, "-f", "rss", *FEED, "-o", os.devnull)
    assert done.returncode == 0
    read = list(frontnews.iter_records(real))
    unpublished = sum(not r.is_published for r in read)
    # The same article in two site folders: the URL repeats (4 times on the samples).
    urls = [item_id(r) for r in read if r.is_published]
    duplicates = len(urls) - len(set(urls))
    total = len(list(real.rglob("*.md")))
    written = total - unpublished - duplicates
    assert (
        done.stderr
        == summary(written, "rss", os.devnull, unpublished=unpublished, duplicates=duplicates)
        + "\n"
    )
    assert (total, unpublished, duplicates) == (181, 75, 4)


# -- Jekyll folders: records, not every file --------------------------------------------------


def test_jekyll_folder_export_skips_files_without_front_matter(jekyll: Path) -> None:
    """A README and an include without front matter are not records: skipped and counted."""
    out = jekyll / "feed.xml"
    done = frontnews_process("export", jekyll, "-f", "rss", *FEED, "-o", out)
    assert done.returncode == 0
    assert done.stderr == summary(3, "rss", out, unpublished=1, not_records=2) + "\n"


def test_jekyll_folder_validate_and_fmt_count_the_skipped_files(jekyll: Path) -> None:
    result = invoke("validate", jekyll)
    assert result.exit_code == 0
    assert result.stdout == (
        "4 records checked: 4 valid, 0 invalid; 2 files skipped (not a record)\n"
    )
    result = invoke("fmt", "--check", jekyll)
    assert result.exit_code == 0
    assert result.stdout == (
        "0 files would be reformatted, 4 already canonical; 2 files skipped (not a record)\n"
    )


def test_a_named_file_without_front_matter_is_still_an_error(jekyll: Path) -> None:
    readme = jekyll / "README.md"
    result = invoke("validate", readme)
    assert result.exit_code == 1
    assert result.stdout.splitlines()[0] == (
        f"{readme}:1: no front matter: a record starts with a line '---'"
    )


def test_include_and_exclude_choose_the_files_of_a_folder(jekyll: Path) -> None:
    """--include replaces *.md; --exclude leaves out files and whole folders."""
    page = jekyll / "about.md"
    page.write_text("---\nlayout: page\ntitle: About\n---\nWho we are.\n", encoding="utf-8")
    assert invoke("validate", jekyll).exit_code == 1  # a page with front matter, not a record
    result = invoke("validate", jekyll, "--exclude", "about.md", "--exclude", "_includes")
    assert result.stdout.splitlines()[-1] == (
        "4 records checked: 4 valid, 0 invalid; 1 file skipped (not a record)"
    )
    result = invoke("validate", jekyll, "--include", "_posts/*.md")
    assert result.stdout == "4 records checked: 4 valid, 0 invalid\n"


# -- '-' is standard input and output ---------------------------------------------------------


def test_validate_dash_reads_standard_input() -> None:
    result = invoke("validate", "-", stdin=REFERENCE.read_bytes())
    assert (result.exit_code, result.stdout) == (0, "1 record checked: 1 valid, 0 invalid\n")
    bad = REFERENCE.read_bytes().replace(b"quality: 38", b"quality: x")
    result = invoke("validate", "-", stdin=bad)
    assert result.exit_code == 1
    assert result.stdout.startswith("<stdin>:9:10: quality: expected an integer, got str 'x'\n")


def test_fmt_dash_prints_the_canonical_text() -> None:
    """fmt - writes the canonical text to stdout; its summary goes to stderr."""
    done = frontnews_bytes("fmt", "--drop-comments", "-", stdin=HAND_EDITED.read_bytes())
    assert done.returncode == 0
    assert done.stdout == frontnews.reformat(HAND_EDITED.read_bytes(), drop_comments=True)
    assert done.stderr == b"1 file reformatted, 0 already canonical\n"
    result = invoke("fmt", "--drop-comments", "--check", "-", stdin=HAND_EDITED.read_bytes())
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr.startswith("<stdin>: would be reformatted\n")


def test_fmt_dash_goes_alone() -> None:
    result = invoke("fmt", "-", SAMPLES, stdin=b"")
    assert result.exit_code == 2
    assert "'fmt -' formats standard input alone" in result.stderr


def test_dash_may_be_given_once() -> None:
    result = invoke("validate", "-", "-", stdin=b"")
    assert result.exit_code == 2
    assert "'-' (standard input) can be given only once" in result.stderr


def test_export_dash_reads_one_record_and_dash_o_is_standard_output(tmp_path: Path) -> None:
    """export - reads standard input; -o - writes standard output, not a file named '-'."""
    done = frontnews_bytes(
        "export",
        "-",
        "-f",
        "jsonfeed",
        *FEED,
        "--include-unpublished",
        "-o",
        "-",
        cwd=tmp_path,
        stdin=REFERENCE.read_bytes(),
    )
    assert done.returncode == 0, done.stderr
    items = json.loads(done.stdout)["items"]
    assert [item["title"] for item in items] == [frontnews.load(REFERENCE).title]
    assert list(tmp_path.iterdir()) == []
    assert b"to standard output" in done.stderr


# -- errors name the user's path; usage errors exit 2 -----------------------------------------


def test_output_into_a_missing_folder_names_the_folder(tmp_path: Path) -> None:
    done = frontnews_process("export", SAMPLES, "-f", "csv", "-o", "out/nodir/x.csv", cwd=tmp_path)
    assert (done.returncode, done.stdout) == (1, "")
    assert done.stderr == "frontnews: error: out/nodir: No such file or directory\n"


def test_a_switch_option_given_a_word_is_a_usage_error() -> None:
    done = frontnews_process("export", SAMPLES, "-f", "csv", "-O", "bom=maybe")
    assert (done.returncode, done.stdout) == (2, "")
    assert "Error: Invalid value for '-O': csv's option 'bom' takes true or false, not 'maybe'" in (
        done.stderr
    )
    assert "Traceback" not in done.stderr


# -- validate --strict ------------------------------------------------------------------------


def test_validate_warns_about_a_url_that_is_not_one(tmp_path: Path) -> None:
    """Without --strict a suspicious value is a warning line, counted, and exit 0."""
    text = REFERENCE.read_text(encoding="utf-8")
    line = next(n for n, s in enumerate(text.splitlines(), 1) if s.startswith("webUrl:"))
    odd = tmp_path / "odd.md"
    odd.write_text(
        "\n".join(
            'webUrl: "not a url"' if n == line else s for n, s in enumerate(text.splitlines(), 1)
        )
        + "\n",
        encoding="utf-8",
    )
    result = invoke("validate", odd)
    assert result.exit_code == 0
    assert result.stdout.splitlines() == [
        f"{odd}:{line}:9: webUrl: warning: not an absolute http(s) URL: 'not a url'",
        "1 record checked: 1 valid, 0 invalid, 1 warning",
    ]
    result = invoke("validate", "--strict", odd)
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        f"{odd}:{line}:9: webUrl: not an absolute http(s) URL: 'not a url'",
        "1 record checked: 0 valid, 1 invalid",
    ]
    (problem,) = json.loads(invoke("validate", "--format", "json", odd).stdout)
    assert (problem["field"], problem["severity"]) == ("webUrl", "warning")


def test_validate_strict_passes_the_samples() -> None:
    result = invoke("validate", "--strict", SAMPLES)
    assert (result.exit_code, result.stdout) == (0, "4 records checked: 4 valid, 0 invalid\n")


# -- shell completion -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("shell", "marker"),
    [
        ("bash", "complete -o nosort -F _frontnews_completion frontnews"),
        ("zsh", "compdef _frontnews_completion frontnews"),
        ("fish", "complete --no-files --command frontnews"),
    ],
)
def test_completion_scripts_for_bash_zsh_and_fish(shell: str, marker: str) -> None:
    """The commands docs/cli.md gives for each shell print its completion script."""
    env = {**os.environ, "_FRONTNEWS_COMPLETE": f"{shell}_source"}
    done = frontnews_process(env=env)
    assert done.returncode == 0
    assert marker in done.stdout


def test_cli_docs_show_every_new_option() -> None:
    """docs/cli.md explains each option issue 12 added (its examples run in test_docs)."""
    page = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    for option in ("--fail-empty", "--include", "--exclude", "--strict", "--json", "-o -"):
        assert option in page
    for shell in ("bash", "zsh", "fish"):
        assert f"_FRONTNEWS_COMPLETE={shell}_source frontnews" in page
