"""Exceptions: everything frontnews raises on purpose inherits :class:`FrontnewsError`."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

__all__ = [
    "EncodingError",
    "ExportError",
    "FrontMatterError",
    "FrontnewsError",
    "LimitError",
    "PluginError",
    "RecordError",
    "SchemaError",
    "UnsafeYAMLError",
    "WriteError",
    "YAMLSyntaxError",
]


class FrontnewsError(Exception):
    """Base class of every error frontnews raises on purpose."""


class RecordError(FrontnewsError, ValueError):
    """A record could not be read.

    The message starts with ``file:line:`` (when known) and the field path
    (such as ``related[2].quality``), in the form compilers and linters use, so
    editors can jump to it. The parts are also available as attributes;
    ``column`` (1-based, counted in characters) is set where the YAML parser
    knows it, and is not part of the message, which stays ``file:line:``.

    >>> from frontnews import RecordError, SchemaError
    >>> error = SchemaError(
    ...     "expected an integer, got str 'high'", file="a.md", line=45, field="related[2].quality"
    ... )
    >>> print(error)
    a.md:45: related[2].quality: expected an integer, got str 'high'
    >>> error.file, error.line, error.field
    ('a.md', 45, 'related[2].quality')
    >>> isinstance(error, RecordError) and isinstance(error, ValueError)
    True
    >>> print(SchemaError("missing required field", field="title").located("b.md"))
    b.md: title: missing required field
    """

    def __init__(
        self,
        reason: str,
        *,
        file: str | None = None,
        line: int | None = None,
        field: str | None = None,
        column: int | None = None,
    ) -> None:
        self.reason = reason
        self.file = file
        self.line = line
        self.field = field
        self.column = column
        super().__init__(self._message())

    def _message(self) -> str:
        where = self.file if self.file is not None else "<string>"
        if self.line is not None:
            where = f"{where}:{self.line}"
        if self.field:
            return f"{where}: {self.field}: {self.reason}"
        return f"{where}: {self.reason}"

    def __reduce__(self) -> tuple[object, ...]:
        # Keyword-only arguments do not survive the default pickling.
        parts = {"file": self.file, "line": self.line, "field": self.field, "column": self.column}
        return (_rebuild, (type(self), self.reason, parts))

    def located(self, file: str | None) -> RecordError:
        """Return a copy of this error that names ``file``."""
        return type(self)(
            self.reason, file=file, line=self.line, field=self.field, column=self.column
        )


def _rebuild(cls: type[RecordError], reason: str, parts: dict[str, Any]) -> RecordError:
    return cls(reason, **parts)


class EncodingError(RecordError):
    """The file is not UTF-8 text, or holds a NUL byte."""


class FrontMatterError(RecordError):
    """The ``---`` lines around the front matter are missing or misplaced."""


class YAMLSyntaxError(RecordError):
    """The front matter is not valid YAML."""


class UnsafeYAMLError(RecordError):
    """The front matter uses a YAML tag that safe loading does not allow."""


class LimitError(RecordError):
    """The input is larger, deeper or more aliased than :class:`~frontnews.Limits` allow."""


class SchemaError(RecordError):
    """A field is missing or has the wrong type.

    The message names the first bad field and counts the others; ``problems``
    holds every one of them, each as its own :class:`SchemaError` with its
    line, column and field, the first being this error's.

    >>> from frontnews import SchemaError
    >>> first = SchemaError("missing required field", file="a.md", line=2, field="title")
    >>> second = SchemaError("expected an integer, got str 'high'", file="a.md", line=3,
    ...                      field="quality")
    >>> error = SchemaError.of([first, second])
    >>> print(error)
    a.md:2: title: missing required field (and 1 more problem)
    >>> for problem in error.problems:
    ...     print(problem)
    a.md:2: title: missing required field
    a.md:3: quality: expected an integer, got str 'high'
    """

    problems: tuple[SchemaError, ...]

    def __init__(
        self,
        reason: str,
        *,
        file: str | None = None,
        line: int | None = None,
        field: str | None = None,
        column: int | None = None,
        problems: tuple[SchemaError, ...] = (),
    ) -> None:
        super().__init__(reason, file=file, line=line, field=field, column=column)
        self.problems = problems or (self,)

    @classmethod
    def of(cls, problems: Sequence[SchemaError]) -> SchemaError:
        """Return one error for several problems: the first one's, counting the rest."""
        first, more = problems[0], len(problems) - 1
        if not more:
            return first
        reason = f"{first.reason} (and {more} more problem{'s' if more > 1 else ''})"
        return cls(
            reason,
            file=first.file,
            line=first.line,
            field=first.field,
            column=first.column,
            problems=tuple(problems),
        )

    def __reduce__(self) -> tuple[object, ...]:
        parts: dict[str, object] = {
            "file": self.file,
            "line": self.line,
            "field": self.field,
            "column": self.column,
        }
        if self.problems != (self,):
            parts["problems"] = self.problems
        return (_rebuild, (type(self), self.reason, parts))

    def located(self, file: str | None) -> SchemaError:
        """Return a copy of this error, and of each of its problems, that names ``file``."""
        alone = self.problems == (self,)  # then the copy is its own one problem
        return SchemaError(
            self.reason,
            file=file,
            line=self.line,
            field=self.field,
            column=self.column,
            problems=() if alone else tuple(problem.located(file) for problem in self.problems),
        )


class WriteError(FrontnewsError):
    """A record could not be written (the target file is left as it was)."""


class ExportError(FrontnewsError):
    """An export could not be carried out (unknown format, bad option, ...)."""


class PluginError(FrontnewsError):
    """A plugin is broken: a misspelled hook, or two exporters with one name."""
