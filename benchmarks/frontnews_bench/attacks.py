"""Hostile input: how long each known attack takes, and how much memory, until read or refused.

Each attack is a record that the issue tracker reported as costly, built from
the bundled reference record; each runs in a fresh subprocess, which reads it
with ``frontnews.loads`` and, if that gives a record, writes it back and
exports it as CSV (where the expanded size of aliased text showed). The table
gives the wall time and the child's peak RSS, and what the read ended with.

Run it alone (``PYTHONPATH=benchmarks python -m frontnews_bench.attacks``) or
through the benchmark (``--attacks``). It is a measurement, not a test:
``tests/test_attacks.py`` holds each attack's refusal, by memory.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from .report import markdown_table

__all__ = ["ATTACKS", "bench_attacks", "main"]

_REFERENCE = Path(__file__).resolve().parents[2] / "samples" / "amnesty-ban-the-scan.md"


def _base() -> str:
    return _REFERENCE.read_text(encoding="utf-8")


def _sexagesimal(kilobytes: int) -> Callable[[], str]:
    def make() -> str:
        value = ":".join(["1"] * (kilobytes * 512))  # two characters per group
        return _base().replace("quality: 38", "quality: " + value, 1)

    return make


def _flow_list(megabytes: int) -> Callable[[], str]:
    def make() -> str:
        items = "1," * (megabytes * 500_000)
        return _base().replace("secured:", f"items: [{items}1]\nsecured:", 1)

    return make


def _aliased(megabytes: int, uses: int) -> Callable[[], str]:
    def make() -> str:
        text = "x" * (megabytes * 1_000_000)
        aliases = ", ".join(["*big"] * uses)
        return _base().replace("secured:", f"a: &big {text}\nb: [{aliases}]\nsecured:", 1)

    return make


#: name -> the text of the attack.
ATTACKS: dict[str, Callable[[], str]] = {
    "sexagesimal quality, 200 KB": _sexagesimal(200),
    "sexagesimal quality, 400 KB": _sexagesimal(400),
    "flow list of 4 million scalars, 8 MB": _flow_list(8),
    "1 MB anchored string used 100 times": _aliased(1, 100),
}

_CHILD = """
import io, json, resource, sys, time
import frontnews
text = sys.stdin.read()
started = time.perf_counter()
try:
    record = frontnews.loads(text)
except frontnews.FrontnewsError as exc:
    outcome = type(exc).__name__
else:
    out = io.BytesIO()
    try:
        frontnews.dumps(record)
        frontnews.export([record], "csv", out, include_unpublished=True)
        outcome = f"read; CSV of {len(out.getvalue()) / 1e6:.1f} MB"
    except frontnews.FrontnewsError as exc:
        outcome = f"read; then {type(exc).__name__}"
seconds = time.perf_counter() - started
rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
print(json.dumps({"seconds": seconds, "rss": rss, "outcome": outcome}))
"""


def run_attack(text: str, timeout: float) -> tuple[float, int, str]:
    """Seconds, peak RSS (bytes) and outcome of one attack in a fresh process."""
    started = time.perf_counter()
    try:
        done = subprocess.run(
            [sys.executable, "-c", _CHILD],
            input=text,
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )
    except subprocess.TimeoutExpired:
        return time.perf_counter() - started, 0, f"still running after {timeout:.0f} s"
    if done.returncode != 0:
        return time.perf_counter() - started, 0, f"crashed: {done.stderr[-200:]!r}"
    result = json.loads(done.stdout)
    return float(result["seconds"]), int(result["rss"]), str(result["outcome"])


def bench_attacks(names: Sequence[str] = tuple(ATTACKS), timeout: float = 120.0) -> str:
    """The table of the attacks: time to read or refuse, peak RSS, outcome."""
    rows = []
    for name in names:
        seconds, rss, outcome = run_attack(ATTACKS[name](), timeout)
        shown_rss = f"{rss / 1e6:,.0f} MB" if rss else "-"
        rows.append((name, f"{seconds:.3f} s", shown_rss, outcome))
    return markdown_table(["attack", "time in loads + dumps + CSV", "peak RSS", "outcome"], rows)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--timeout", type=float, default=120.0, help="seconds per attack")
    args = parser.parse_args(argv)
    print(bench_attacks(timeout=args.timeout))
    return 0


if __name__ == "__main__":
    sys.exit(main())
