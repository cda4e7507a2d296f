"""The file system: finding record files, reading their bytes, replacing files atomically."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterable, Iterator
from pathlib import Path, PurePosixPath
from typing import IO

import attrs

from . import _atomic
from ._frontmatter import opens_front_matter
from .errors import LimitError, RecordError
from .limits import DEFAULT_LIMITS, Limits

__all__ = [
    "DEFAULT_INCLUDE",
    "PathLike",
    "RecordFile",
    "atomic_open",
    "atomic_write",
    "read_bytes",
    "record_files",
    "record_paths",
    "too_big",
]

#: How many bytes of a found file are looked at to tell whether it starts with front matter.
_HEAD = 64

#: A path as the public functions take it.
PathLike = str | os.PathLike[str]


def read_bytes(path: PathLike, *, limits: Limits = DEFAULT_LIMITS) -> bytes:
    """Return a record file's bytes, refusing a file over ``limits.max_bytes`` before reading it."""
    data = _read(os.fspath(path), limits, walked=False)
    assert data is not None  # only a walked file can turn out not to be a record
    return data


def _read(source: str, limits: Limits, *, walked: bool) -> bytes | None:
    """Read a file; ``None`` when ``walked`` and it does not start with front matter.

    A file descriptor, not a buffered file object: one ``fstat`` and, for a
    file that fits, one ``read`` of its size plus a byte (to notice a file
    that grew since), which is about half the cost of ``open()`` per file.
    """
    try:
        fd = os.open(source, os.O_RDONLY | getattr(os, "O_CLOEXEC", 0))
        try:
            size = os.fstat(fd).st_size
            if size > limits.max_bytes:
                if walked and not opens_front_matter(_read_fd(fd, _HEAD)):
                    return None
                raise too_big(size, limits, source)
            data = _read_fd(fd, size + 1)
            if walked and not opens_front_matter(data[:_HEAD]):
                return None
            if len(data) > size:  # it grew (or fstat does not know: a pipe)
                data += _read_fd(fd, limits.max_bytes + 1 - len(data))
            if len(data) > limits.max_bytes:
                raise too_big(len(data), limits, source)
            return data
        finally:
            os.close(fd)
    except OSError as exc:
        raise RecordError(exc.strerror or str(exc), file=source) from exc


def _read_fd(fd: int, count: int) -> bytes:
    """Up to ``count`` bytes from ``fd``: fewer only at its end."""
    data = os.read(fd, count)
    if len(data) in (0, count):
        return data
    chunks = [data]
    count -= len(data)
    while count > 0:
        chunk = os.read(fd, min(count, 1 << 20))
        if not chunk:
            break
        chunks.append(chunk)
        count -= len(chunk)
    return b"".join(chunks)


@attrs.frozen
class RecordFile:
    r"""A file to read records from, and how it was found.

    ``named`` is true for a file the caller named, false for one a folder walk
    found. A named file is always read as a record, so one without front matter
    is an error; a found one that does not start with a ``---`` line is not a
    record (a README, a static page) and :meth:`read` returns ``None`` for it.

    >>> import pathlib, tempfile
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "README.md").write_text("# Notes\n")
    >>> [(f.path.name, f.named, f.read()) for f in record_files(folder)]
    [('README.md', False, None)]
    >>> [f.named for f in record_files(folder / "README.md")]
    [True]
    """

    path: Path
    named: bool
    #: What went wrong finding it (an unreadable folder, a link leaving the folder...):
    #: :meth:`read` raises it, so a walk goes on and the caller decides.
    problem: RecordError | None = None

    def read(self, *, limits: Limits = DEFAULT_LIMITS) -> bytes | None:
        """Return the file's bytes, or ``None`` when a folder walk found it and it is no record.

        Raises :class:`~frontnews.RecordError` (naming the file) when it cannot
        be read, is over ``limits.max_bytes``, or the walk could not reach it.
        """
        if self.problem is not None:
            raise self.problem
        return _read(os.fspath(self.path), limits, walked=not self.named)


#: The files a folder walk reads when no ``include`` patterns are given.
DEFAULT_INCLUDE: tuple[str, ...] = ("*.md",)


def record_paths(
    paths: PathLike | Iterable[PathLike],
    *,
    include: Iterable[str] = DEFAULT_INCLUDE,
    exclude: Iterable[str] = (),
    follow_links: bool = False,
) -> Iterator[Path]:
    """Yield the record files in ``paths``: files as given, folders searched for ``*.md``.

    A folder's files come in sorted path order, so that runs repeat.
    ``include`` and ``exclude`` choose the files of a folder walk, as for
    :func:`record_files`.
    """
    for file in record_files(paths, include=include, exclude=exclude, follow_links=follow_links):
        yield file.path


def record_files(
    paths: PathLike | Iterable[PathLike],
    *,
    include: Iterable[str] = DEFAULT_INCLUDE,
    exclude: Iterable[str] = (),
    follow_links: bool = False,
) -> Iterator[RecordFile]:
    """Yield a :class:`RecordFile` for each file in ``paths``, folders walked in sorted order.

    Files named in ``paths`` are always yielded (``named=True``). Folders are
    searched recursively for the files that match an ``include`` pattern (by
    default ``*.md``) and no ``exclude`` pattern. A pattern is a glob
    matched against the path relative to the folder, from the right as
    :meth:`pathlib.PurePath.match` does: ``README.md`` matches that name in
    any folder, ``_posts/*.md`` the files of any ``_posts`` folder. An
    ``exclude`` pattern that matches a folder leaves the whole folder out.

    A walk never stops at a problem: a folder it cannot list (unreadable,
    removed meanwhile), or a symbolic link to a file outside the folder
    walked (followed only with ``follow_links``), is yielded as a
    :class:`RecordFile` whose :meth:`~RecordFile.read` raises the problem.
    Links to folders are never followed, so a link loop cannot trap a walk.
    """
    choose = _Choice.of(include, exclude)
    if isinstance(paths, str | os.PathLike):
        paths = (paths,)
    for entry in paths:
        name = os.fspath(entry)
        if os.path.isdir(name):
            walk = _Walk(choose, os.path.realpath(name), follow_links)
            yield from walk.folder(name, "")
        else:
            yield RecordFile(Path(name), named=True)


@attrs.frozen
class _Choice:
    """Which files and folders a walk takes, from the include and exclude globs."""

    include: tuple[str, ...]
    exclude: tuple[str, ...]
    #: Only "*.md" and nothing excluded: a suffix test does (the usual case, and the fastest).
    plain: bool

    @classmethod
    def of(cls, include: Iterable[str], exclude: Iterable[str]) -> _Choice:
        inc = (include,) if isinstance(include, str) else tuple(include)
        exc = (exclude,) if isinstance(exclude, str) else tuple(exclude)
        return cls(inc, exc, plain=inc == DEFAULT_INCLUDE and not exc)

    def file(self, relative: str) -> bool:
        if self.plain:
            return relative.endswith(".md")
        path = PurePosixPath(relative)
        return any(path.match(p) for p in self.include) and not any(
            path.match(p) for p in self.exclude
        )

    def folder(self, relative: str) -> bool:
        if not self.exclude:
            return True
        path = PurePosixPath(relative)
        return not any(path.match(p) for p in self.exclude)


@attrs.frozen
class _Walk:
    """One folder walk: what it takes, where it started, whether it follows links out."""

    choose: _Choice
    root: str
    follow_links: bool

    def folder(self, folder: str, relative: str) -> Iterator[RecordFile]:
        """Yield the chosen files below ``folder`` in sorted path order, as ``rglob`` would.

        Only one folder's listing is held at a time, as names: memory follows
        the largest folder's file names, never the number of records read.
        ``relative`` is ``folder``'s path below the folder the walk started from.
        """
        try:
            folders, names, links = self.listing(folder, relative)
        except OSError as exc:
            problem = RecordError(f"cannot list the folder: {exc.strerror or exc}", file=folder)
            yield RecordFile(Path(folder), named=False, problem=problem)
            return
        for name in names:
            path = os.path.join(folder, name)
            if name in folders:
                yield from self.folder(path, f"{relative}/{name}" if relative else name)
            else:
                out = self.outside(path) if name in links else None
                yield RecordFile(Path(path), named=False, problem=out)

    def listing(self, folder: str, relative: str) -> tuple[set[str], list[str], set[str]]:
        """The folder's sorted chosen names; which of them are folders, which are links."""
        folders: set[str] = set()
        links: set[str] = set()
        names: list[str] = []
        with os.scandir(folder) as entries:
            for entry in entries:
                inner = f"{relative}/{entry.name}" if relative else entry.name
                if entry.is_dir(follow_symlinks=False):
                    if self.choose.folder(inner):
                        folders.add(entry.name)
                        names.append(entry.name)
                elif self.choose.file(inner) and _is_file(entry):
                    names.append(entry.name)
                    if entry.is_symlink():
                        links.add(entry.name)
        names.sort()
        return folders, names, links

    def outside(self, path: str) -> RecordError | None:
        """The problem of a link leading out of the walked folder, unless links are followed."""
        if self.follow_links:
            return None
        target = os.path.realpath(path)
        if os.path.commonpath([self.root, target]) == self.root:
            return None
        return RecordError(
            f"a symbolic link to {target}, outside the folder walked: not followed "
            "(follow_links=True, or --follow-links, follows it)",
            file=path,
        )


def _is_file(entry: os.DirEntry[str]) -> bool:
    """Whether a folder entry is a file, or a link that may lead to one.

    A link that cannot be followed (a loop, a folder the user may not enter)
    counts as a file, so that reading it reports the problem; letting
    :meth:`os.DirEntry.is_file` raise would lose the whole folder's listing.
    A dangling link is not a file (``is_file`` says so without raising).
    """
    try:
        return entry.is_file()
    except OSError:
        return True


def too_big(size: int, limits: Limits, source: str | None) -> LimitError:
    """The error for an input of ``size`` bytes, over ``limits.max_bytes``."""
    return LimitError(
        f"input is {size:,} bytes, more than the limit of {limits.max_bytes:,} "
        "(raise Limits.max_bytes to read it)",
        file=source,
    )


def atomic_open(path: PathLike) -> contextlib.AbstractContextManager[IO[bytes]]:
    """Open a binary file that replaces ``path`` when the ``with`` block ends without an error.

    The data goes to a temporary file in the same folder, is flushed to disk,
    then renamed over ``path``: readers see the old file or the new one,
    never half of one. On any error, or an interruption, the temporary file is
    removed and ``path`` is left as it was. The file keeps its permissions and
    owner; a symbolic link is written through (it stays a link); a FIFO or a
    device is written directly; a file with other hard links is refused with
    :class:`~frontnews.WriteError`. Temporary files a killed process left are
    removed by the next write into their folder. See :mod:`frontnews._atomic`.
    """
    return _atomic.atomic_open(os.fspath(path))


def atomic_write(path: PathLike, data: bytes) -> None:
    """Replace the file at ``path`` with ``data`` all at once, or not at all."""
    with atomic_open(path) as handle:
        handle.write(data)
