"""Exceptions: everything frontnews raises on purpose inherits :class:`FrontnewsError`."""

from __future__ import annotations

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
    """A field is missing or has the wrong type."""


class WriteError(FrontnewsError):
    """A record could not be written (the target file is left as it was)."""


class ExportError(FrontnewsError):
    """An export could not be carried out (unknown format, bad option, ...)."""


class PluginError(FrontnewsError):
    """A plugin is broken: a misspelled hook, or two exporters with one name."""
