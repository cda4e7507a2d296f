"""What the numbers were measured on: the machine, the versions, the corpora and the method."""

from __future__ import annotations

import datetime as dt
import importlib.metadata
import os
import platform
import subprocess
import sys

import yaml

from .report import markdown_table, megabytes
from .samples import Corpus
from .timing import Settings

__all__ = ["PEER_DISTRIBUTIONS", "cpu_model", "machine_table", "version"]

#: The peers' distributions whose versions the report gives (lxml: feedgen writes with it).
PEER_DISTRIBUTIONS = ("python-frontmatter", "feedgen", "feedgenerator", "lxml")


def version(distribution: str) -> str:
    """The installed version of ``distribution``, or ``"not installed"``."""
    try:
        return importlib.metadata.version(distribution)
    except importlib.metadata.PackageNotFoundError:
        return "not installed"


def cpu_model() -> str:
    """The CPU's model name from ``/proc/cpuinfo``, or what :mod:`platform` says elsewhere."""
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as info:
            for line in info:
                key, _, value = line.partition(":")
                if key.strip() in ("model name", "Hardware", "cpu model"):
                    return value.strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def frontnews_build() -> str:
    """What ``frontnews --version`` says: the version and the build (compiled or pure Python)."""
    done = subprocess.run(
        [sys.executable, "-m", "frontnews", "--version"],
        capture_output=True,
        text=True,
        check=False,
    )
    # The first line is frontnews's own; plugins' versions follow on their own lines.
    first = done.stdout.strip().splitlines()[:1]
    said = first[0].removeprefix("frontnews ") if first else ""
    return said or version("frontnews")


def machine_table(settings: Settings, corpus: Corpus, shared: int) -> str:
    """What the numbers were measured on, how, and when.

    ``corpus`` is the sample corpus, ``shared`` how many of its files come
    from ``../shared/samples/real``.
    """
    libyaml = "yes" if getattr(yaml, "__with_libyaml__", False) else "no"
    affinity = getattr(os, "sched_getaffinity", None)
    usable = f", {len(affinity(0))} usable" if affinity is not None else ""
    peers = ", ".join(f"{name} {version(name)}" for name in PEER_DISTRIBUTIONS)
    when = dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    command = " ".join(["python benchmarks/bench.py", *settings.argv])
    s = settings
    rows = [
        ["run", f"{when}: `{command}`"],
        ["Python", f"{platform.python_implementation()} {platform.python_version()}"],
        ["platform", f"{platform.platform()} ({platform.machine()})"],
        ["CPU", cpu_model()],
        ["CPUs", f"{os.cpu_count()}{usable}"],
        ["PyYAML", f"{yaml.__version__}, libyaml: {libyaml}"],
        ["frontnews", frontnews_build()],
        ["peers", peers],
        [
            "corpus",
            f"{len(corpus.data)} files ({len(corpus.data) - shared} in samples/, "
            f"{shared} in ../shared/samples/real), {megabytes(corpus.size)}",
        ],
        [
            "synthetic corpus",
            f"`benchmarks/frontnews_bench/corpus.py`, seed {s.seed}: {s.records:,} records in "
            f"memory; folders of {', '.join(f'{n:,}' for n in s.iter_sizes)} for `iter_records`",
        ],
        [
            "method",
            f"best of {s.rounds} rounds on the samples, {s.corpus_rounds} on the "
            "synthetic corpus (load and dump: the cases' rounds interleaved), "
            f"{s.export_rounds} for exporters; each ≥ {s.min_time:g} s; "
            "gc off while timing (on for `iter_records`)",
        ],
    ]
    return markdown_table(["", ""], rows)
