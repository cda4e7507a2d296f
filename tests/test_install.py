"""The install the README describes: build the wheel, install it in a fresh venv, run the job.

This is what a machine without the checkout gets, so it runs the built wheel,
not the editable install the rest of the suite uses. It takes about ten
seconds (pip finds the dependencies in its cache or the configured index),
and is marked ``slow`` so that ``-m "not slow"`` can leave it out.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

import feedparser
import pytest

import frontnews

from .conftest import ROOT

pytestmark = pytest.mark.slow


def run(*argv: str | Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "VIRTUAL_ENV"))}
    return subprocess.run(
        [str(a) for a in argv], capture_output=True, text=True, check=False, cwd=cwd, env=env
    )


def test_the_built_wheel_installs_in_a_fresh_venv_and_runs_the_main_job(tmp_path: Path) -> None:
    """python -m build's wheel installs with pip alone, and its frontnews writes the feed."""
    pytest.importorskip("build", reason="python -m build is not installed")
    built = run(
        sys.executable, "-m", "build", "--wheel", "--outdir", tmp_path / "dist", ROOT, cwd=tmp_path
    )
    assert built.returncode == 0, built.stderr
    (wheel,) = (tmp_path / "dist").glob("frontnews-*.whl")
    # Compiled for this platform where a C compiler is found, else pure Python (py3-none-any).
    assert wheel.name.startswith(f"frontnews-{frontnews.__version__}-")

    venv.create(tmp_path / "venv", with_pip=True, clear=True)
    bin_dir = tmp_path / "venv" / ("Scripts" if os.name == "nt" else "bin")
    installed = run(bin_dir / "python", "-m", "pip", "install", "-q", wheel, cwd=tmp_path)
    assert installed.returncode == 0, installed.stderr

    shutil.copytree(ROOT / "samples", tmp_path / "samples")
    command = bin_dir / "frontnews"
    version = run(command, "--version", cwd=tmp_path)
    (line,) = version.stdout.splitlines()  # no plugins in the fresh venv
    assert line in (
        f"frontnews {frontnews.__version__} (compiled reader)",
        f"frontnews {frontnews.__version__} (pure Python)",
    )
    job = run(
        command,
        "export",
        "samples",
        "--format",
        "rss",
        "--title",
        "Sample news",
        "--link",
        "https://example.org/",
        "--output",
        "feed.xml",
        cwd=tmp_path,
    )
    assert job.returncode == 0, job.stderr
    assert job.stderr.startswith("exported 3 records (rss) to feed.xml;")
    parsed = feedparser.parse((tmp_path / "feed.xml").read_bytes())
    assert (parsed.bozo, len(parsed.entries)) == (0, 3)
