"""Automation: `nox` runs every session; `nox -s tests` runs only the test suite."""

from __future__ import annotations

import nox

nox.options.sessions = ["tests", "lint", "typing", "docs"]
nox.options.error_on_missing_interpreters = True

EXAMPLE_PLUGIN = "./examples/frontnews-atom"
#: Every Python that frontnews supports and nox tests: pyproject's requires-python says
#: ">=3.11", and 3.11 is the one interpreter these machines have.
PYTHONS = ["3.11"]


@nox.session(python=PYTHONS)
def tests(session: nox.Session) -> None:
    """Run the whole test suite (with the Arrow and Dask extras, and the -m dask cluster tests).

    The example plugin is installed like a third party would install it.
    """
    session.install("-e", ".[tests,bench,arrow,dask]", EXAMPLE_PLUGIN)
    session.run("pytest", *session.posargs)


@nox.session
def lint(session: nox.Session) -> None:
    """Check style and formatting with ruff."""
    session.install("ruff>=0.6")
    session.run("ruff", "check", "src", "tests", "benchmarks", "examples", "noxfile.py")
    session.run("ruff", "format", "--check", "src", "tests", "benchmarks", "examples", "noxfile.py")


@nox.session
def typing(session: nox.Session) -> None:
    """Type-check the library and its tests with mypy --strict."""
    session.install("-e", ".[tests,typing,arrow,dask]", EXAMPLE_PLUGIN)
    session.run("mypy")


@nox.session
def docs(session: nox.Session) -> None:
    """Build the documentation site with warnings as errors, and run every example in it."""
    session.install("-e", ".[tests,docs,arrow,dask]", EXAMPLE_PLUGIN)
    session.run("sphinx-build", "-W", "--keep-going", "-b", "html", "docs", "docs/_build/html")
    session.run("pytest", "tests/test_docs.py", *session.posargs)


@nox.session
def fuzz(session: nox.Session) -> None:
    """Run the mutation fuzzer (not part of the default sessions): nox -s fuzz -- --count N.

    Findings (inputs and tracebacks) are saved in fuzz-findings/.
    """
    session.install("-e", ".[tests]")
    session.run("python", "-m", "tests.fuzzing", *session.posargs)


@nox.session
def build(session: nox.Session) -> None:
    """Build the sdist and the wheel into dist/, the files to install without a checkout."""
    session.install("build")
    session.run("python", "-m", "build", "--outdir", "dist", *session.posargs)


@nox.session
def bench(session: nox.Session) -> None:
    """Measure speed against peers in the same run (not part of the default sessions)."""
    session.install("-e", ".[tests,bench,arrow,dask]")
    session.run("python", "benchmarks/bench.py", *session.posargs)
