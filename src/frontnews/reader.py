"""Reading records: bytes to text, text to front matter and body, front matter to a :class:`Record`.

This module only composes the steps, each in a module of its own: the file
system (:mod:`frontnews.files`), cutting the front matter
(:mod:`frontnews._frontmatter`), the canonical reader
(:mod:`frontnews._canonical`) and, for anything else, safe YAML
(:mod:`frontnews._safeyaml`) and the converter (:mod:`frontnews.converter`).
Every failure is a :class:`~frontnews.RecordError` subclass naming the file,
the line and, where there is one, the field path.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import IO, Any, Literal

import attrs

from . import _safeyaml
from ._canonical import read_canonical
from ._frontmatter import Parts, decode, line_of, split, split_at_dashes
from ._layout import file_layout
from .converter import converter
from .errors import EncodingError, RecordError, SchemaError
from .files import DEFAULT_INCLUDE, PathLike, read_bytes, record_files, record_paths, too_big
from .limits import DEFAULT_LIMITS, Limits
from .model import Layout, Record

# read_bytes and record_paths lived here in frontnews 0.1; they stay importable.
__all__ = ["iter_records", "load", "loads", "read_bytes", "record_paths"]


def loads(
    data: str | bytes, *, limits: Limits = DEFAULT_LIMITS, source: str | None = None
) -> Record:
    """Read a record from its text (``str``) or its file contents (``bytes``, UTF-8).

    ``source`` names the input in error messages.
    """
    if isinstance(data, bytes | bytearray | memoryview):
        data = bytes(data)
        if len(data) > limits.max_bytes:
            raise too_big(len(data), limits, source)
        text = decode(data, source)
    elif isinstance(data, str):
        text = data
        # A character takes at least one byte: more characters is certainly too big.
        if len(text) > limits.max_bytes:
            raise too_big(len(text), limits, source)
        _check_encodable(text, source)
    else:
        raise TypeError(f"loads() takes str or bytes, not {type(data).__name__}")
    return _parse(text, limits, source)


def _check_encodable(text: str, source: str | None) -> None:
    """Refuse text no UTF-8 file could hold (a lone surrogate), naming its line."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise EncodingError(
            f"the text holds a lone surrogate U+{ord(text[exc.start]):04X}, "
            "which no UTF-8 file can hold",
            file=source,
            line=line_of(text, exc.start),
        ) from None


def load(file: PathLike | IO[bytes], *, limits: Limits = DEFAULT_LIMITS) -> Record:
    """Read a record from a path or from a binary file object."""
    if isinstance(file, str | os.PathLike):
        return loads(read_bytes(file, limits=limits), limits=limits, source=os.fspath(file))
    name = getattr(file, "name", None)
    data = file.read(limits.max_bytes + 1)
    if not isinstance(data, bytes):
        raise TypeError("load() needs a path or a file opened in binary mode ('rb')")
    return loads(data, limits=limits, source=name if isinstance(name, str) else None)


def iter_records(
    paths: PathLike | Iterable[PathLike],
    *,
    limits: Limits = DEFAULT_LIMITS,
    include: Iterable[str] = DEFAULT_INCLUDE,
    exclude: Iterable[str] = (),
    on_skip: Callable[[Path], object] | None = None,
    on_error: Literal["raise", "skip"] | Callable[[RecordError], object] = "raise",
    follow_links: bool = False,
) -> Iterator[Record]:
    r"""Yield the records in ``paths`` one at a time, never holding more than one.

    ``paths`` is a file, a folder (searched recursively for ``*.md``, in
    sorted path order so that runs repeat) or an iterable of files and folders.
    ``include`` and ``exclude`` are globs that choose a folder's files (see
    :func:`frontnews.files.record_files`).

    A file a folder walk finds that does not start with a ``---`` line is not
    a record (a README, a page without front matter, as Jekyll sees it): it is
    skipped, and passed to ``on_skip`` when that is given. A file named in
    ``paths`` is always read as a record, and is an error if it is not one.

    ``on_error`` says what a problem does: an invalid record, a file that
    cannot be read, a folder that cannot be listed, a link leaving the folder
    (followed only with ``follow_links``). ``"raise"`` (the default) raises
    its :class:`~frontnews.RecordError`; ``"skip"`` goes on to the next file;
    a callable is given each error and the walk goes on (``problems.append``
    collects them).

    >>> import pathlib, tempfile
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "README.md").write_text("# About these records\n")
    >>> skipped = []
    >>> list(iter_records(folder, on_skip=skipped.append))
    []
    >>> [path.name for path in skipped]
    ['README.md']
    """
    files = record_files(paths, include=include, exclude=exclude, follow_links=follow_links)
    for file in files:
        try:
            data = file.read(limits=limits)
            if data is None:
                if on_skip is not None:
                    on_skip(file.path)
                continue
            record = loads(data, limits=limits, source=os.fspath(file.path))
        except RecordError as exc:
            if on_error == "raise":
                raise
            if on_error != "skip":
                on_error(exc)
            continue
        yield record


def _parse(text: str, limits: Limits, source: str | None) -> Record:
    quick = split_at_dashes(text)
    if quick is not None:
        record = _canonical(quick, limits)
        if record is not None:
            return record
    parts = split(text, source)
    if quick is None or parts.front != quick.front:
        record = _canonical(parts, limits)
        if record is not None:
            return record
    root, data = _safeyaml.load(parts.front, limits, source)
    if not isinstance(data, dict):
        empty = data is None
        reason = "the front matter is empty" if empty else "the front matter is not a mapping"
        raise SchemaError(reason, file=source, line=2)
    try:
        record = converter.structure(data, Record)
    except SchemaError as exc:
        raise exc.placed(source, functools.partial(_safeyaml.locate, root)) from None
    assert root is not None  # the data is a mapping, so there was a tree
    return _with_context(record, parts.body, file_layout(parts.front, root, data, parts.layout))


def _canonical(parts: Parts, limits: Limits) -> Record | None:
    """The record, if its front matter is in the canonical style (:mod:`frontnews._canonical`)."""
    record: Record | None = read_canonical(
        parts.front,
        body=parts.body,
        layout=parts.layout,
        max_nodes=limits.max_nodes,
        max_depth=limits.max_depth,
    )
    return record


def _with_context(record: Record, body: str, layout: Layout) -> Record:
    """The record with the body and layout that surround its front matter."""
    if body or layout != record.layout:
        return attrs.evolve(record, body=body, layout=layout)
    return record


def structure_record(
    data: dict[Any, Any], *, body: str = "", layout: Layout | None = None
) -> Record:
    """Build a record from front-matter data, or raise :class:`~frontnews.SchemaError`.

    Kept for callers of frontnews 0.1; :func:`frontnews.from_dict` is the same.
    """
    from .converter import from_dict

    return from_dict(data, body=body, layout=layout)
