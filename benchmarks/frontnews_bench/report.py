"""The report: Markdown tables, number formats, the targets and the verdicts on them.

Every target of the benchmark is here, except the exporters', which are
given with their cases in :mod:`.exporters`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

import attrs

from .timing import MB, Measurement

__all__ = [
    "DUMP_GOALS",
    "LOAD_GOALS",
    "MEMORY_GROWTH_LIMIT",
    "Goal",
    "add_targets",
    "duration",
    "markdown_table",
    "megabytes",
    "memory_verdict",
    "rate",
    "reference",
    "target_rows",
    "throughput_table",
    "verdict",
]


@attrs.frozen
class Goal:
    """A speed target: the least ``time ÷ frontnews`` a peer's row should show."""

    at_least: float
    #: A lower bar that must hold even when the target itself is missed.
    floor: float | None = None


#: Load: frontnews at least 10 times as fast as python-frontmatter (and never under 5 times).
LOAD_GOALS = {"python-frontmatter": Goal(10.0, floor=5.0)}
#: Dump: frontnews at least 10 times as fast as PyYAML's libyaml dumper.
DUMP_GOALS = {"PyYAML `dump(dict, CSafeDumper)`": Goal(10.0)}
#: iter_records: peak memory at the largest folder at most this many times the smallest's.
MEMORY_GROWTH_LIMIT = 1.25

# -- formats -------------------------------------------------------------------------------


def markdown_table(headers: Sequence[str], rows: Iterable[Sequence[str]], *, left: int = 1) -> str:
    """A Markdown table; the first ``left`` columns are left-aligned, the others right-aligned."""
    align = [":---" if number < left else "---:" for number in range(len(headers))]
    lines = ["| " + " | ".join(headers) + " |", "| " + " | ".join(align) + " |"]
    lines.extend("| " + " | ".join(row) + " |" for row in rows)
    return "\n".join(lines)


def rate(value: float) -> str:
    """A rate: no decimals from 100 up, one below."""
    return f"{value:,.0f}" if value >= 100 else f"{value:,.1f}"


def duration(seconds: float) -> str:
    """A duration in s, ms or µs, whichever reads best."""
    if seconds >= 1:
        return f"{seconds:.2f} s"
    if seconds >= 1e-3:
        return f"{seconds * 1e3:.1f} ms"
    return f"{seconds * 1e6:.1f} µs"


def megabytes(size: float) -> str:
    """A size in megabytes (10^6 bytes)."""
    return f"{size / MB:.2f} MB"


# -- speed tables --------------------------------------------------------------------------


def reference(rows: Sequence[Measurement]) -> Measurement:
    """The frontnews row the others are compared with."""
    return next(row for row in rows if row.reference)


def throughput_table(
    rows: Sequence[Measurement], unit: str, note_headers: Sequence[str], *, mb: str = "MB/s"
) -> str:
    """Rows with their rates and their time relative to the reference row."""
    ref = reference(rows)
    headers = ["case", f"{unit}s/s", mb, f"time per {unit}", "time ÷ frontnews", *note_headers]
    body = []
    for row in rows:
        ratio = "1.00 (ref.)" if row is ref else f"{row.seconds / ref.seconds:.2f}"
        body.append(
            [
                row.name,
                rate(row.per_second),
                f"{row.mb_per_second:.2f}",
                duration(row.seconds / row.items),
                ratio,
                *row.notes,
            ]
        )
    return markdown_table(headers, body)


# -- targets -------------------------------------------------------------------------------


def _bar(ratio: float, bar: float) -> str:
    if ratio >= bar:
        return "met"
    return f"**missed** ({bar / ratio:.1f}x short)"


def verdict(ratio: float, goal: Goal) -> str:
    """Say whether ``ratio`` (a peer's time ÷ frontnews's) meets ``goal``, and by how much not."""
    text = f"≥ {goal.at_least:g}x: {_bar(ratio, goal.at_least)}"
    if goal.floor is not None:
        text += f"; floor {goal.floor:g}x: {_bar(ratio, goal.floor)}"
    return text


def add_targets(rows: Sequence[Measurement], goals: Mapping[str, Goal]) -> list[Measurement]:
    """Append a target note to every row: the verdict for rows whose name starts with a key."""
    ref = reference(rows)
    out = []
    for row in rows:
        goal = next((g for prefix, g in goals.items() if row.name.startswith(prefix)), None)
        note = "" if goal is None else verdict(row.seconds / ref.seconds, goal)
        out.append(attrs.evolve(row, notes=(*row.notes, note)))
    return out


def target_rows(table: str, rows: Sequence[Measurement]) -> list[list[str]]:
    """Rows of the Targets table: every measurement whose last note is a verdict."""
    return [[table, row.name, row.notes[-1]] for row in rows if row.notes and row.notes[-1]]


def memory_verdict(
    small: int, large: int, count: tuple[int, int], walks: tuple[int, int] | None = None
) -> str:
    """Say whether the traced peak grew beyond :data:`MEMORY_GROWTH_LIMIT` from ``small``.

    ``count`` is the number of records at each size; ``walks`` are the folder
    walk's own peaks at the two sizes, set beside the growth when it misses.
    """
    if small <= 0:
        return "not measured (no traced allocation at the smallest size)"
    ratio = large / small
    if ratio <= MEMORY_GROWTH_LIMIT:
        return f"≤ {MEMORY_GROWTH_LIMIT:g}x: met"
    per_record = (large - small) / (count[1] - count[0])
    text = f"≤ {MEMORY_GROWTH_LIMIT:g}x: **missed** (grows {ratio:.2f}x, {per_record:,.0f} B/record"
    if walks is not None:
        # Measured apart, the two peaks cannot be subtracted; set side by side,
        # they show whether the walk's file names account for the growth.
        text += f"; the folder walk alone peaks at {megabytes(walks[1])}"
    return text + ")"
