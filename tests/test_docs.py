"""Every example in docs/ and README.md runs as written, and the site documents everything.

Python blocks of one page run in order, in one namespace, in a temporary
folder holding a copy of ``samples/`` and ``examples/jekyll-site/``. Console
blocks run each ``$ `` command with the installed ``frontnews``; lines after
a command that are not ``...`` must appear in its output (stdout or stderr),
``(exit status N)`` gives its exit status, and ``< FILE`` its input.
MyST directives (```` ```{eval-rst} ````, ```` ```{literalinclude} ````,
...) are not code, except ``{code-block}`` and ``{code}``, whose argument
is the language. Every ``>>>`` example in the package's docstrings runs
too.
"""

from __future__ import annotations

import contextlib
import doctest
import importlib
import inspect
import io
import os
import pkgutil
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import frontnews

from .conftest import ROOT, SAMPLES

DOCS = ROOT / "docs"
BUILD = DOCS / "_build"
PAGES = [
    *sorted(p for p in DOCS.rglob("*.md") if BUILD not in p.parents),
    ROOT / "README.md",
]
# An opening code fence: three or more backticks or tildes, then the info string.
FENCE = re.compile(r"^ {0,3}(?P<fence>`{3,}|~{3,})(?P<info>.*)$")
# MyST directives whose content is code in the language given as their argument.
CODE_DIRECTIVES = frozenset({"code-block", "code", "sourcecode"})
# A directive option line (``:key: value``) at the top of a directive's content.
DIRECTIVE_OPTION = re.compile(r"^:[\w-]+:")
# An example Jekyll site the command-line page reads, copied beside samples/.
JEKYLL_SITE = Path("examples", "jekyll-site")
# Fewer docstring examples than this means the doctest collection broke.
MIN_DOCSTRING_EXAMPLES = 80
# The modules of the main public API, whose docstrings must show examples.
MODULES_WITH_EXAMPLES = (
    "frontnews.converter",
    "frontnews.errors",
    "frontnews.export",
    "frontnews.filters",
    "frontnews.lossless",
    "frontnews.model",
    "frontnews.plugins",
    "frontnews.schema",
    "frontnews.toolkit.data",
    "frontnews.toolkit.dates",
    "frontnews.toolkit.feeds",
    "frontnews.toolkit.ids",
    "frontnews.toolkit.language",
    "frontnews.toolkit.render",
    "frontnews.toolkit.text",
    "frontnews.toolkit.urls",
    "frontnews.toolkit.xml",
    "frontnews.writer",
)


def fenced_blocks(text: str) -> list[tuple[str, str]]:
    """Return ``(language, content)`` for each top-level fenced block of a Markdown page.

    The language is the info string's first word; for a MyST directive it is
    the directive in braces (``{eval-rst}``), so that it is never taken for
    code, except that ``{code-block} python`` is ``python``. Fences nest as in
    CommonMark: a block ends at a fence of the same character, at least as long.
    """
    blocks: list[tuple[str, str]] = []
    lines = text.splitlines(keepends=True)
    index = 0
    while index < len(lines):
        opening = FENCE.match(lines[index].rstrip("\r\n"))
        index += 1
        if opening is None:
            continue
        fence, info = opening["fence"], opening["info"].strip()
        if fence[0] == "`" and "`" in info:
            continue  # not a fence: inline code that starts a line
        closing = re.compile(rf"^ {{0,3}}{re.escape(fence[0])}{{{len(fence)},}}[ \t]*$")
        content: list[str] = []
        while index < len(lines) and not closing.match(lines[index].rstrip("\r\n")):
            content.append(lines[index])
            index += 1
        index += 1
        words = info.split()
        language = words[0] if words else ""
        if language.startswith("{") and language.endswith("}"):
            # A directive: drop its options, and run it only if it holds code.
            while content and DIRECTIVE_OPTION.match(content[0]):
                content.pop(0)
            is_code = language[1:-1] in CODE_DIRECTIVES and len(words) > 1
            language = words[1] if is_code else language
        blocks.append((language, "".join(content)))
    return blocks


def _blocks(page: Path, language: str) -> list[str]:
    return [
        body for lang, body in fenced_blocks(page.read_text(encoding="utf-8")) if lang == language
    ]


def test_fenced_blocks_reads_myst_directives_and_nested_fences() -> None:
    """The block finder knows directives from code, and does not stop at a shorter fence."""
    page = (
        "```python\nprint(1)\n```\n"
        "```{eval-rst}\n.. autofunction:: frontnews.load\n```\n"
        "```{literalinclude} ../x.py\n:language: python\n```\n"
        "```{code-block} python\n:caption: two\nprint(2)\n```\n"
        "````markdown\n```python\nprint(3)\n```\n````\n"
        "~~~console\n$ frontnews formats\n~~~\n"
        "```inline``` code, not a fence\n"
    )
    assert fenced_blocks(page) == [
        ("python", "print(1)\n"),
        ("{eval-rst}", ".. autofunction:: frontnews.load\n"),
        ("{literalinclude}", ""),
        ("python", "print(2)\n"),
        ("markdown", "```python\nprint(3)\n```\n"),
        ("console", "$ frontnews formats\n"),
    ]


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fresh_plugins: None) -> Path:
    """A temporary working folder with the samples and the example site, and fresh plugins."""
    shutil.copytree(SAMPLES, tmp_path / "samples")
    shutil.copytree(ROOT / JEKYLL_SITE, tmp_path / JEKYLL_SITE)
    monkeypatch.chdir(tmp_path)
    return tmp_path


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


# An expected-output line that gives the command's exit status instead: "(exit status 1)".
EXIT_STATUS = re.compile(r"^\(exit status (\d+)\)$")


def console_commands(page: Path) -> list[tuple[str, list[str]]]:
    """Each ``$ frontnews ...`` command of the page's console blocks, with the lines after it."""
    commands: list[tuple[str, list[str]]] = []
    for block in _blocks(page, "console"):
        current: list[str] | None = None
        for line in block.splitlines():
            if line.startswith("$ "):
                current = []
                commands.append((line[2:], current))
            elif current is not None and line.strip() and line.strip() != "...":
                current.append(line)
    return [(c, out) for c, out in commands if c.startswith("frontnews ")]


def run_console_command(
    command: str, expected: list[str], cwd: Path
) -> subprocess.CompletedProcess[str]:
    """Run one documented command as the page shows it, and check what it prints.

    ``< FILE`` at the end feeds FILE to standard input. The lines shown after
    the command must each appear in its output (standard output, then
    standard error: a terminal shows both); a line ``(exit status N)`` gives
    the exit status the command must end with, which is 0 otherwise.
    """
    executable = shutil.which("frontnews", path=os.path.dirname(sys.executable))
    assert executable, "the frontnews command is not installed next to this Python"
    words = shlex.split(command)
    stdin = None
    if len(words) > 2 and words[-2] == "<":
        stdin = (cwd / words[-1]).read_bytes().decode("utf-8")
        words = words[:-2]
    status = 0
    lines = []
    for line in expected:
        if match := EXIT_STATUS.match(line.strip()):
            status = int(match[1])
        else:
            lines.append(line)
    done = subprocess.run(
        [executable, *words[1:]], input=stdin, capture_output=True, text=True, check=False, cwd=cwd
    )
    assert done.returncode == status, f"{command!r} exited with {done.returncode}:\n{done.stderr}"
    output = done.stdout + done.stderr
    for line in lines:
        assert line in output, f"{command!r} did not print {line!r}:\n{output}"
    return done


@pytest.mark.parametrize("page", PAGES, ids=lambda p: str(p.relative_to(ROOT)))
def test_console_examples_run(page: Path, workdir: Path) -> None:
    """Each '$ frontnews ...' command in console blocks prints what the page shows."""
    commands = console_commands(page)
    if not commands:
        pytest.skip("no frontnews commands on this page")
    for command, expected in commands:
        run_console_command(command, expected, workdir)


def test_console_harness_checks_status_stderr_and_stdin(workdir: Path) -> None:
    """The harness feeds '< FILE', reads stderr too, and holds a command to its exit status."""
    sample = "samples/amnesty-ban-the-scan.md"
    done = run_console_command(f"frontnews validate - < {sample}", ["1 valid"], workdir)
    assert done.stderr == ""
    run_console_command("frontnews validate nothing-here", ["(exit status 2)"], workdir)
    with pytest.raises(AssertionError, match="exited with 2"):
        run_console_command("frontnews validate nothing-here", [], workdir)
    with pytest.raises(AssertionError, match="did not print"):
        run_console_command("frontnews validate samples", ["no such line"], workdir)


# An autodoc directive and the name it documents.
AUTODOC = re.compile(r"^\.\. (auto(?:function|class|exception|data|module))::\s*(\S+)\s*$")
# A directive that sets the module the names after it belong to.
MODULE = re.compile(r"^\.\. (?:py:)?(?:current)?module::\s*(\S+)\s*$")


def autodoc_directives(text: str) -> dict[str, str]:
    """Map each fully qualified name an autodoc directive on a page documents to the directive.

    Only directives inside ```` ```{eval-rst} ```` blocks count: anywhere else,
    they would be shown as text, not run.
    """
    found: dict[str, str] = {}
    module = ""
    for language, content in fenced_blocks(text):
        if language != "{eval-rst}":
            continue
        for line in content.splitlines():
            if match := MODULE.match(line.strip()):
                module = match[1]
            elif match := AUTODOC.match(line.strip()):
                directive, name = match.groups()
                if directive == "automodule":
                    module = name
                elif "." not in name and module:
                    name = f"{module}.{name}"
                found[name] = directive
    return found


def expected_directive(value: object) -> str:
    """The autodoc directive that suits ``value``."""
    if inspect.isclass(value):
        return "autoexception" if issubclass(value, BaseException) else "autoclass"
    if inspect.isfunction(value):
        return "autofunction"
    return "autodata"


def test_every_public_name_is_documented_by_autodoc() -> None:
    """docs/api.md runs the right autodoc directive for every name in frontnews.__all__."""
    documented = autodoc_directives((DOCS / "api.md").read_text(encoding="utf-8"))
    missing = [name for name in frontnews.__all__ if f"frontnews.{name}" not in documented]
    assert not missing, f"docs/api.md has no autodoc directive for {missing}"
    wrong = {
        name: (documented[f"frontnews.{name}"], expected_directive(getattr(frontnews, name)))
        for name in frontnews.__all__
        if documented[f"frontnews.{name}"] != expected_directive(getattr(frontnews, name))
    }
    assert not wrong, f"docs/api.md uses the wrong directive (used, expected): {wrong}"


def test_autodoc_directive_finder_sees_a_missing_name() -> None:
    """The check above fails when a directive is left out, or written outside eval-rst."""
    text = (DOCS / "api.md").read_text(encoding="utf-8")
    assert "frontnews.load" in autodoc_directives(text)
    without = text.replace(".. autofunction:: load\n", "")
    assert without != text
    assert "frontnews.load" not in autodoc_directives(without)
    as_prose = "```{eval-rst}\n.. py:module:: frontnews\n```\n\n.. autofunction:: load\n"
    assert autodoc_directives(as_prose) == {}
    in_a_module = (
        "```{eval-rst}\n.. automodule:: frontnews.filters\n\n.. autofunction:: newest\n```\n"
    )
    assert autodoc_directives(in_a_module) == {
        "frontnews.filters": "automodule",
        "frontnews.filters.newest": "autofunction",
    }


def test_public_names_are_sorted() -> None:
    """frontnews.__all__ is sorted, so additions are easy to review."""
    assert list(frontnews.__all__) == sorted(frontnews.__all__)


def toctree_entries(page: Path) -> list[list[str]]:
    """The entries of each ```` ```{toctree} ```` on ``page``, one list per toctree."""
    return [
        [line.strip() for line in content.splitlines() if line.strip()]
        for language, content in fenced_blocks(page.read_text(encoding="utf-8"))
        if language == "{toctree}"
    ]


def test_every_docs_page_is_in_the_index_toctree() -> None:
    """docs/index.md has one toctree that lists every other page: nobody reads an orphan."""
    (entries,) = toctree_entries(DOCS / "index.md")
    pages = sorted(
        p.relative_to(DOCS).with_suffix("").as_posix()
        for p in PAGES
        if p.parent != ROOT and p != DOCS / "index.md"
    )
    assert sorted(entries) == pages


def _package_modules() -> list[str]:
    """The names of frontnews and of every module in it."""
    prefix = f"{frontnews.__name__}."
    found = pkgutil.walk_packages(frontnews.__path__, prefix)
    return [frontnews.__name__, *sorted(info.name for info in found)]


def test_docstring_examples_run(workdir: Path) -> None:
    """Every ``>>>`` example in the package's docstrings gives the output it shows."""
    finder = doctest.DocTestFinder(exclude_empty=True)
    # No option flags: examples that need one say so, and run the same under `python -m doctest`.
    runner = doctest.DocTestRunner(optionflags=0)
    report = io.StringIO()
    attempted: dict[str, int] = {}
    failed: dict[str, int] = {}
    for name in _package_modules():
        module = importlib.import_module(name)
        for test in finder.find(module):
            result = runner.run(test, out=report.write)
            attempted[name] = attempted.get(name, 0) + result.attempted
            if result.failed:
                failed[test.name] = result.failed
    assert not failed, f"docstring examples failed: {failed}\n{report.getvalue()}"
    total = sum(attempted.values())
    assert total >= MIN_DOCSTRING_EXAMPLES, (
        f"only {total} docstring examples ran ({attempted}); expected {MIN_DOCSTRING_EXAMPLES}"
    )
    without = [name for name in MODULES_WITH_EXAMPLES if not attempted.get(name)]
    assert not without, f"these modules have no docstring examples: {without}"


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
