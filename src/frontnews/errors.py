"""Exceptions: everything frontnews raises on purpose inherits :class:`FrontnewsError`."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

__all__ = [
    "EncodingError",
    "ExportError",
    "FeedRequiredError",
    "FrontMatterError",
    "FrontnewsError",
    "FrontnewsWarning",
    "LimitError",
    "MissingExtraError",
    "OptionValueError",
    "PluginError",
    "PluginWarning",
    "RecordError",
    "ReformatError",
    "SchemaError",
    "SourceError",
    "TextStreamError",
    "UnknownFormatError",
    "UnknownOptionError",
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


def _format_path(path: Sequence[str | int]) -> str:
    """Write a field path as the messages do: ``related[2].provider.name``.

    >>> _format_path(("related", 2, "provider", "name"))
    'related[2].provider.name'
    """
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text


class SchemaError(RecordError):
    """A field is missing or has the wrong type.

    The message names the first bad field and counts the others; ``problems``
    holds every one of them, each as its own :class:`SchemaError` with its
    line, column and field, the first being this error's. ``path`` is the
    field's path as keys and list indexes (``("related", 2, "quality")``);
    ``field`` is the same path written out.

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
    path: tuple[str | int, ...]

    def __init__(
        self,
        reason: str,
        *,
        file: str | None = None,
        line: int | None = None,
        field: str | None = None,
        column: int | None = None,
        problems: tuple[SchemaError, ...] = (),
        path: tuple[str | int, ...] = (),
    ) -> None:
        self.path = path
        if field is None and path:
            field = _format_path(path)
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
            path=first.path,
        )

    def within(self, *prefix: str | int) -> list[SchemaError]:
        """Return each problem with ``prefix`` before its path, as the enclosing value sees it."""
        return [
            SchemaError(
                p.reason, path=(*prefix, *p.path), file=p.file, line=p.line, column=p.column
            )
            for p in self.problems
        ]

    def placed(
        self,
        file: str | None,
        where: Callable[[tuple[str | int, ...]], tuple[int | None, int | None]],
    ) -> SchemaError:
        """Return a copy naming ``file``, each problem with the line and column ``where`` gives."""
        problems = []
        for problem in self.problems:
            line, column = where(problem.path)
            problems.append(
                SchemaError(problem.reason, file=file, line=line, column=column, path=problem.path)
            )
        return SchemaError.of(problems)

    def __reduce__(self) -> tuple[object, ...]:
        parts: dict[str, object] = {
            "file": self.file,
            "line": self.line,
            "field": self.field,
            "column": self.column,
            "path": self.path,
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
            path=self.path,
        )


class ReformatError(FrontnewsError):
    """Writing a record in the canonical style would change or lose something.

    Raised by :func:`frontnews.reformat`; nothing is written. ``file`` names
    the input (when known), ``change`` what would change (a field path such as
    ``related[0].provider``, ``the body``, ...), ``reason`` the whole sentence.
    """

    def __init__(self, reason: str, *, file: str | None = None, change: str | None = None) -> None:
        self.reason = reason
        self.file = file
        self.change = change
        super().__init__(f"{file if file is not None else '<string>'}: {reason}")

    def __reduce__(self) -> tuple[object, ...]:
        return (_rebuild_reformat, (self.reason, self.file, self.change))


def _rebuild_reformat(reason: str, file: str | None, change: str | None) -> ReformatError:
    return ReformatError(reason, file=file, change=change)


class WriteError(FrontnewsError):
    """A record could not be written (the target file is left as it was).

    ``field`` names the field whose value cannot be written, when there is one.
    """

    def __init__(self, message: str, *, field: str | None = None) -> None:
        self.field = field
        super().__init__(message)


class ExportError(FrontnewsError):
    """An export could not be carried out (unknown format, bad option, ...)."""


class UnknownFormatError(ExportError):
    """No exporter has the name asked for; ``name`` and ``known`` (the names there are) say so."""

    def __init__(self, name: str, known: Sequence[str], *, kind: str = "exporter") -> None:
        self.name = name
        self.known = tuple(known)
        self.kind = kind
        super().__init__(f"no {kind} called {name!r}; known: {', '.join(known) or 'none'}")


class UnknownOptionError(ExportError):
    """An option the format does not take: ``format``, ``options`` (the unknown ones), ``known``."""

    def __init__(self, format: str, options: Sequence[str], known: Sequence[str]) -> None:
        self.format = format
        self.options = tuple(options)
        self.known = tuple(known)
        super().__init__(
            f"{format}: unknown option(s) {', '.join(options)}; "
            f"this format takes: {', '.join(known) or 'none'}"
        )


class OptionValueError(ExportError):
    """A format option was given a value of the wrong kind.

    ``format`` and ``option`` name it, ``value`` is what was given and
    ``expected`` says what it takes (``"true or false"``).
    """

    def __init__(self, format: str, option: str, value: object, expected: str) -> None:
        self.format = format
        self.option = option
        self.value = value
        self.expected = expected
        super().__init__(f"{format}: option {option} must be {expected}, not {value!r}")


class FeedRequiredError(ExportError):
    """The ``format`` writes a feed and was given no :class:`~frontnews.Feed` to describe it."""

    def __init__(self, format: str) -> None:
        self.format = format
        super().__init__(
            f"{format}: a feed is needed for this format: pass "
            "feed=Feed(title=..., link='https://your.site/', description=...)"
        )


class TextStreamError(ExportError, TypeError):
    """:func:`frontnews.export` was given a text stream: exports are bytes.

    Open the file in binary mode (``"wb"``), pass ``sys.stdout.buffer`` or an
    :class:`io.BytesIO`, or call :func:`frontnews.exports`, which returns the
    bytes. It is a :class:`TypeError` too, as passing the wrong type is.
    """

    def __init__(self, stream: object) -> None:
        self.stream = stream
        super().__init__(
            f"export() writes bytes, and was given a text stream ({type(stream).__name__}): "
            "open the file in binary mode ('wb'), pass sys.stdout.buffer or io.BytesIO(), "
            "or call frontnews.exports() to get the bytes"
        )


class SourceError(FrontnewsError):
    """An importer could not read a source, or one entry of it.

    ``source`` names what was read (a path or URL), ``entry`` the item or row
    (1-based, ``None`` for the source as a whole) and ``field`` the field at
    fault, when known. Nothing of an entry that fails is written.
    """

    def __init__(
        self,
        message: str,
        *,
        source: str,
        entry: int | None = None,
        field: str | None = None,
    ) -> None:
        self.source = source
        self.entry = entry
        self.field = field
        self.reason = message
        where = source if entry is None else f"{source}: entry {entry}"
        if field is not None:
            where += f": {field}"
        super().__init__(f"{where}: {message}")


class PluginError(FrontnewsError):
    """A plugin is broken (a misspelled hook, a name that is taken) or failed while it ran.

    ``plugin`` names the plugin at fault, when one is known.
    """

    def __init__(self, message: str, *, plugin: str | None = None) -> None:
        self.plugin = plugin
        super().__init__(message)


class FrontnewsWarning(UserWarning):
    """Base class of every warning frontnews gives; the command line prints it as one line."""


class PluginWarning(FrontnewsWarning):
    """A plugin was left out, or ``FRONTNEWS_LOAD_PLUGINS`` names nothing installed.

    A plugin is left out when it fails to import, is not a valid plugin (a
    misspelled hook), raises in a hook, or registers a name that is taken.

    >>> import warnings
    >>> from frontnews import PluginWarning
    >>> with warnings.catch_warnings():
    ...     warnings.simplefilter("ignore", PluginWarning)  # silence every such warning
    """


class MissingExtraError(FrontnewsError, ImportError):
    """A feature needs a package that is not installed; the message names the extra to install.

    ``package`` is the missing import, ``extra`` the ``frontnews[...]`` extra
    that installs it, ``feature`` what needed it.

    >>> print(MissingExtraError("pyarrow", "arrow", "frontnews.to_arrow"))
    frontnews.to_arrow needs pyarrow, which is not installed: pip install 'frontnews[arrow]'
    """

    def __init__(self, package: str, extra: str, feature: str) -> None:
        self.package = package
        self.extra = extra
        self.feature = feature
        super().__init__(
            f"{feature} needs {package}, which is not installed: pip install 'frontnews[{extra}]'"
        )

    def __reduce__(self) -> tuple[object, ...]:
        return (type(self), (self.package, self.extra, self.feature))
