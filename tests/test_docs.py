"""Every example in docs/ and README.md runs as written.

Python blocks of one page run in order, in one namespace, in a temporary
folder holding a copy of ``samples/``. Console blocks run each ``$ `` command
with the installed ``frontnews``; lines after a command that are not
``...`` must appear in its output.
"""

from __future__ import annotations

import contextlib
import io
import os
import re
import shlex
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from frontnews import plugins

from .conftest import ROOT

PAGES = [*sorted((ROOT / "docs").rglob("*.md")), ROOT / "README.md"]
FENCE = re.compile(r"^```(\w*)[^\n]*\n(.*?)^```", re.MULTILINE | re.DOTALL)


def _blocks(page: Path, language: str) -> list[str]:
    text = page.read_text(encoding="utf-8")
    return [body for lang, body in FENCE.findall(text) if lang == language]


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A temporary working folder with the sample records, and a fresh plugin state."""
    shutil.copytree(ROOT / "samples", tmp_path / "samples")
    monkeypatch.chdir(tmp_path)
    plugins.reset()
    yield tmp_path
    plugins.reset()


@pytest.mark.parametrize("page", PAGES, ids=lambda p: str(p.relative_to(ROOT)))
def test_python_examples_run(page: Path, workdir: Path) -> None:
    """Each page's Python examples run without an error."""
    blocks = _blocks(page, "python")
    if not blocks:
        pytest.skip("no Python examples on this page")
    namespace: dict[str, object] = {"__name__": "__docs__"}
    for number, block in enumerate(blocks, 1):
        code = compile(block, f"{page.name}[block {number}]", "exec")
        with contextlib.redirect_stdout(io.StringIO()):
            exec(code, namespace)


@pytest.mark.parametrize("page", PAGES, ids=lambda p: str(p.relative_to(ROOT)))
def test_console_examples_run(page: Path, workdir: Path) -> None:
    """Each '$ frontnews ...' command in console blocks succeeds and prints what the page shows."""
    commands = []
    for block in _blocks(page, "console"):
        current: list[str] | None = None
        for line in block.splitlines():
            if line.startswith("$ "):
                current = []
                commands.append((line[2:], current))
            elif current is not None and line.strip() and line.strip() != "...":
                current.append(line)
    commands = [(c, out) for c, out in commands if c.startswith("frontnews ")]
    if not commands:
        pytest.skip("no frontnews commands on this page")
    executable = shutil.which("frontnews", path=os.path.dirname(sys.executable))
    assert executable, "the frontnews command is not installed next to this Python"
    for command, expected in commands:
        argv = [executable, *shlex.split(command)[1:]]
        done = subprocess.run(argv, capture_output=True, text=True, check=False, cwd=workdir)
        assert done.returncode == 0, f"{command!r} failed:\n{done.stderr}"
        for line in expected:
            assert line in done.stdout, f"{command!r} did not print {line!r}:\n{done.stdout}"


def test_every_public_name_has_an_api_section() -> None:
    """docs/api.md has a '### `name`' section for every name in frontnews.__all__."""
    import frontnews

    text = (ROOT / "docs" / "api.md").read_text(encoding="utf-8")
    missing = [name for name in frontnews.__all__ if f"### `{name}`" not in text]
    assert not missing, f"docs/api.md lacks sections for {missing}"


def test_public_names_are_sorted() -> None:
    """frontnews.__all__ is sorted, so additions are easy to review."""
    import frontnews

    assert list(frontnews.__all__) == sorted(frontnews.__all__)


def test_every_docs_page_is_linked_from_the_index() -> None:
    """A page nobody links to is a page nobody reads."""
    index = (ROOT / "docs" / "index.md").read_text(encoding="utf-8")
    pages = [p.relative_to(ROOT / "docs").as_posix() for p in (ROOT / "docs").rglob("*.md")]
    assert [p for p in pages if p != "index.md" and f"({p})" not in index] == []


def test_readme_main_job_runs(workdir: Path) -> None:
    """The README's first command (after its install steps) writes a feed feedparser accepts."""
    import feedparser

    first = _blocks(ROOT / "README.md", "console")[0].splitlines()[0]
    job = next(part for part in first.split(" && ") if part.startswith(".venv/bin/frontnews "))
    executable = shutil.which("frontnews", path=os.path.dirname(sys.executable))
    assert executable, "the frontnews command is not installed next to this Python"
    argv = [executable, *shlex.split(job)[1:]]
    done = subprocess.run(argv, capture_output=True, text=True, check=False, cwd=workdir)
    assert done.returncode == 0, done.stderr
    parsed = feedparser.parse((workdir / "feed.xml").read_bytes())
    assert parsed.bozo == 0
    assert parsed.feed.title == "Sample news"
    assert len(parsed.entries) == 3  # the fourth sample says published: false
