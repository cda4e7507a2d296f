"""Startup: the wall time of ``import frontnews`` and ``frontnews --help`` against bare Python."""

from __future__ import annotations

import importlib.util
import statistics
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from .report import duration, markdown_table
from .timing import progress

__all__ = ["bench_startup", "import_breakdown", "startup_commands"]


def startup_commands() -> list[tuple[str, list[str]]]:
    """The commands whose wall time is measured: the baseline first, then frontnews's."""
    python = sys.executable
    commands = [
        ("`python -c pass` (baseline)", [python, "-c", "pass"]),
        ('`python -c "import frontnews"`', [python, "-c", "import frontnews"]),
    ]
    folder = Path(python).parent
    script = next(
        (folder / name for name in ("frontnews", "frontnews.exe") if (folder / name).is_file()),
        None,
    )
    if script is not None:
        commands.append(("`frontnews --help`", [str(script), "--help"]))
    elif importlib.util.find_spec("frontnews.__main__") is not None:
        commands.append(("`python -m frontnews --help`", [python, "-m", "frontnews", "--help"]))
    else:
        progress("startup: no frontnews command next to this Python, and no frontnews.__main__")
    return commands


def _wall_time(argv: Sequence[str]) -> float:
    started = time.perf_counter()
    subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    return time.perf_counter() - started


def import_breakdown(limit: int = 6) -> list[tuple[str, float]]:
    """The modules ``import frontnews`` imports directly that take longest, from ``-X importtime``.

    Returns ``(module, cumulative seconds)`` pairs, largest first; one run, so noisy.
    """
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", "import frontnews"],
        capture_output=True,
        text=True,
        check=True,
    )
    found = []
    for line in done.stderr.splitlines():
        parts = line.split("|")
        if len(parts) != 3 or not parts[1].strip().isdigit():
            continue
        name = parts[2]
        depth = (len(name) - len(name.lstrip(" ")) - 1) // 2
        if depth == 1:
            found.append((name.strip(), int(parts[1]) / 1e6))
    return sorted(found, key=lambda item: -item[1])[:limit]


def bench_startup(runs: int) -> str:
    """Best wall time of each startup command over ``runs`` runs, against ``python -c pass``.

    One untimed run of each warms the disk cache; then the commands take turns,
    so that a slow moment of the machine hits all of them alike.
    """
    commands = startup_commands()
    progress(f"startup: {len(commands)} commands, best of {runs} runs each")
    times: dict[str, list[float]] = {label: [] for label, _ in commands}
    for _, argv in commands:
        _wall_time(argv)
    for _ in range(runs):
        for label, argv in commands:
            times[label].append(_wall_time(argv))
    baseline = min(times[commands[0][0]])
    body = []
    for label, _ in commands:
        best = min(times[label])
        body.append(
            [
                label,
                duration(best),
                duration(statistics.median(times[label])),
                "-" if best == baseline else duration(best - baseline),
                f"{best / baseline:.2f}",
            ]
        )
    headers = ["command", f"best of {runs}", "median", "minus baseline", "time ÷ baseline"]
    table = markdown_table(headers, body)
    largest = import_breakdown()
    if largest:
        names = ", ".join(f"`{name}` {duration(seconds)}" for name, seconds in largest)
        table += (
            "\n\nLargest direct imports of `import frontnews` (cumulative, one run of "
            f"`python -X importtime`): {names}."
        )
    return table
