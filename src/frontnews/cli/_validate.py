"""``frontnews validate``: check records and report each problem with its place."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs
import click

from ..checks import check as check_record
from ..errors import (
    RecordError,
    SchemaError,
)
from ..files import RecordFile
from ..reader import loads
from . import _dask as cli_dask

if TYPE_CHECKING:
    pass
from ._common import (
    _Found,
    _inputs,
    _name,
    _paths_argument,
    _plural,
    _problem_json,
    _problem_line,
    _Progress,
    _quiet,
    _quiet_option,
    _read_input,
    _walk_options,
)

# -- validate ---------------------------------------------------------------------------------


@attrs.define
class _Validation:
    """What ``validate`` found: problems (and warnings) as JSON objects, and counts."""

    strict: bool
    problems: list[dict[str, Any]] = attrs.Factory(list)
    records: int = 0
    invalid: int = 0
    warnings: int = 0
    not_records: int = 0

    def check(self, file: RecordFile) -> list[tuple[_Found, bool]]:
        """Read and check one file; return what to report, each with whether it is a warning."""
        try:
            data = _read_input(file)
            if data is None:
                self.not_records += 1
                return []
            record = loads(data, source=_name(file))
        except RecordError as exc:
            self.records += 1
            self.invalid += 1
            return [(p, False) for p in (exc.problems if isinstance(exc, SchemaError) else (exc,))]
        self.records += 1
        warnings = check_record(record, text=data, source=_name(file))
        if warnings and self.strict:
            self.invalid += 1
        else:
            self.warnings += len(warnings)
        return [(w, not self.strict) for w in warnings]

    def add(self, records: int, problems: Sequence[cli_dask.Problem]) -> list[tuple[_Found, bool]]:
        """Count what Dask found (``records`` read, then each file's problems), as :meth:`check`."""
        self.records += records
        by_file: dict[str, list[cli_dask.Problem]] = {}
        for problem in problems:
            by_file.setdefault(problem.file, []).append(problem)
        report: list[tuple[_Found, bool]] = []
        for found in by_file.values():
            errors = [p for p in found if not p.warning]
            if errors:  # an invalid file is not among the records read
                self.records += 1
                self.invalid += 1
                report.extend((p, False) for p in errors)
            elif self.strict:
                self.invalid += 1
                report.extend((p, False) for p in found)
            else:
                self.warnings += len(found)
                report.extend((p, True) for p in found)
        return report

    def summary(self) -> str:
        errors = sum(p["severity"] == "error" for p in self.problems)
        line = (
            f"{_plural(self.records, 'record')} checked: "
            f"{self.records - self.invalid} valid, {self.invalid} invalid"
        )
        if errors > self.invalid:
            line += f" ({_plural(errors, 'problem')})"
        if self.warnings:
            line += f", {_plural(self.warnings, 'warning')}"
        if self.not_records:
            line += f"; {_plural(self.not_records, 'file')} skipped (not a record)"
        return line


@click.command(short_help="Check records; report each problem with its place.")
@_paths_argument
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="text: one 'path:line:column: field: message' line per problem, then a summary; "
    "json: one JSON array of {file, line, column, field, message, severity} objects.",
)
@click.option(
    "--strict",
    is_flag=True,
    help="Fail on what is otherwise a warning: a URL that is not an absolute http(s) URL, "
    "a date more than a day in the future, a blank required text.",
)
@_walk_options
@_quiet_option
@cli_dask.scheduler_option
@click.pass_context
def validate(
    ctx: click.Context,
    *,
    paths: tuple[Path, ...],
    output_format: str,
    strict: bool,
    include: tuple[str, ...],
    exclude: tuple[str, ...],
    quiet: bool,
    scheduler: str | None = None,
) -> None:
    """Check that every record reads, and report each problem with its place.

    Each problem is printed on standard output as 'path:line:column: field:
    message'. The column is left out when it is not known, the line too when
    that is not known, and the field when the problem is not about one field.
    Suspicious values (see --strict) are printed the same way, with
    'warning:' before the message. A summary line follows (not with --quiet).
    The exit status is 1 if any record is invalid.
    """
    quiet = _quiet(ctx, quiet)
    found = _Validation(strict=strict)
    if scheduler is not None:
        records, problems = cli_dask.validate(paths, scheduler)
        for problem, warning in found.add(records, problems):
            path = Path(problem.file or "")
            found.problems.append(_problem_json(problem, path, warning=warning))
            if output_format == "text":
                click.echo(_problem_line(problem, path, warning=warning))
    else:
        with _Progress(_inputs(paths, include, exclude), "validate", show=not quiet) as progress:
            for file in progress:
                for problem, warning in found.check(file):
                    found.problems.append(_problem_json(problem, file.path, warning=warning))
                    if output_format == "text":
                        progress.echo(_problem_line(problem, file.path, warning=warning))
    if output_format == "json":
        click.echo(json.dumps(found.problems, indent=2))
    elif not quiet:
        click.echo(found.summary())
    ctx.exit(1 if found.invalid else 0)
