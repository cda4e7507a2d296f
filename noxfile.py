"""Automation: `nox` runs every session; `nox -s tests` runs only the test suite."""

from __future__ import annotations

import shutil
from pathlib import Path

import nox

nox.options.sessions = ["tests", "compiled", "lint", "typing", "docs"]
nox.options.error_on_missing_interpreters = True

EXAMPLE_PLUGIN = "./examples/frontnews-sitemap"
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


#: The tests that compare the two builds of Record's generated reader and writer.
BUILD_TESTS = ["tests/test_canonical.py", "tests/test_writer.py", "tests/test_generate.py"]


def _compile_env() -> dict[str, str]:
    """Where a C compiler is found, compiling must succeed (FRONTNEWS_COMPILE=1)."""
    found = any(shutil.which(name) for name in ("cc", "gcc", "clang"))
    return {"FRONTNEWS_COMPILE": "1" if found else "auto"}


@nox.session(python=PYTHONS)
def compiled(session: nox.Session) -> None:
    """Run the differential tests against both builds of the reader and writer.

    frontnews is installed as a wheel (compiled by mypyc when a C compiler is found).

    The other sessions use an editable install, which is always pure Python.
    """
    session.install(".[tests]", env=_compile_env())
    session.run("frontnews", "--version")
    session.run("pytest", "-p", "no:cacheprovider", *BUILD_TESTS, *session.posargs)


@nox.session
def build(session: nox.Session) -> None:
    """Build the sdist and the wheel into dist/ (the wheel compiled where a C compiler is found)."""
    session.install("build")
    shutil.rmtree("dist", ignore_errors=True)
    session.run("python", "-m", "build", "--outdir", "dist", env=_compile_env())
    wheel = next(Path("dist").glob("*.whl"))
    session.install("--force-reinstall", str(wheel))
    session.run("frontnews", "--version")


@nox.session
def lint(session: nox.Session) -> None:
    """Check style and formatting with ruff."""
    session.install("ruff>=0.6")
    paths = ["src", "tests", "benchmarks", "examples", "noxfile.py", "hatch_build.py"]
    session.run("ruff", "check", *paths)
    session.run("ruff", "format", "--check", *paths)


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
def bench(session: nox.Session) -> None:
    """Measure speed against peers in the same run (not part of the default sessions)."""
    # Not editable: the wheel is compiled where a C compiler is found, as users get it.
    # FRONTNEWS_PURE_PYTHON=1 nox -s bench measures the pure-Python build instead.
    session.install(".[tests,bench,arrow,dask]")
    session.run("python", "benchmarks/bench.py", *session.posargs)
