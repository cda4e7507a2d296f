"""The file system: finding record files, reading their bytes, replacing files atomically."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path, PurePosixPath
from typing import IO

import attrs

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
    """Read a file; ``None`` when ``walked`` and it does not start with front matter."""
    try:
        with open(source, "rb") as handle:
            if walked and not opens_front_matter(handle.peek(_HEAD)[:_HEAD]):
                return None
            size = os.fstat(handle.fileno()).st_size
            if size > limits.max_bytes:
                raise too_big(size, limits, source)
            # Ask for the size fstat gave, plus one byte to notice a file that
            # grew since: read(n) allocates n bytes first, so asking for the
            # limit would cost 8 MiB for every file.
            data = handle.read(size + 1)
            if len(data) > size:
                data += handle.read(limits.max_bytes + 1 - len(data))
            if len(data) > limits.max_bytes:
                raise too_big(len(data), limits, source)
            return data
    except OSError as exc:
        raise RecordError(exc.strerror or str(exc), file=source) from exc


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

    def read(self, *, limits: Limits = DEFAULT_LIMITS) -> bytes | None:
        """Return the file's bytes, or ``None`` when a folder walk found it and it is no record.

        Raises :class:`~frontnews.RecordError` (naming the file) when it cannot
        be read or is over ``limits.max_bytes``.
        """
        return _read(os.fspath(self.path), limits, walked=not self.named)


#: The files a folder walk reads when no ``include`` patterns are given.
DEFAULT_INCLUDE: tuple[str, ...] = ("*.md",)


def record_paths(
    paths: PathLike | Iterable[PathLike],
    *,
    include: Iterable[str] = DEFAULT_INCLUDE,
    exclude: Iterable[str] = (),
) -> Iterator[Path]:
    """Yield the record files in ``paths``: files as given, folders searched for ``*.md``.

    A folder's files come in sorted path order, so that runs repeat.
    ``include`` and ``exclude`` choose the files of a folder walk, as for
    :func:`record_files`.
    """
    for file in record_files(paths, include=include, exclude=exclude):
        yield file.path


def record_files(
    paths: PathLike | Iterable[PathLike],
    *,
    include: Iterable[str] = DEFAULT_INCLUDE,
    exclude: Iterable[str] = (),
) -> Iterator[RecordFile]:
    """Yield a :class:`RecordFile` for each file in ``paths``, folders walked in sorted order.

    Files named in ``paths`` are always yielded (``named=True``). Folders are
    searched recursively for the files that match an ``include`` pattern (by
    default ``*.md``) and no ``exclude`` pattern. A pattern is a glob
    matched against the path relative to the folder, from the right as
    :meth:`pathlib.PurePath.match` does: ``README.md`` matches that name in
    any folder, ``_posts/*.md`` the files of any ``_posts`` folder. An
    ``exclude`` pattern that matches a folder leaves the whole folder out.
    """
    choose = _Choice.of(include, exclude)
    if isinstance(paths, str | os.PathLike):
        paths = (paths,)
    for entry in paths:
        name = os.fspath(entry)
        if os.path.isdir(name):
            for found in _walk(name, "", choose):
                yield RecordFile(Path(found), named=False)
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


def _walk(folder: str, relative: str, choose: _Choice) -> Iterator[str]:
    """Yield the chosen files below ``folder`` in sorted path order, as ``rglob`` would.

    Only one folder's listing is held at a time, as names: memory follows the
    largest folder's file names, never the number of records read. Symbolic
    links to folders are not followed; to files, they are. ``relative`` is
    ``folder``'s path below the folder the walk started from.
    """
    folders: set[str] = set()
    names: list[str] = []
    with os.scandir(folder) as entries:
        for entry in entries:
            inner = f"{relative}/{entry.name}" if relative else entry.name
            if entry.is_dir(follow_symlinks=False):
                if choose.folder(inner):
                    folders.add(entry.name)
                    names.append(entry.name)
            elif choose.file(inner) and entry.is_file():
                names.append(entry.name)
    names.sort()
    for name in names:
        path = os.path.join(folder, name)
        if name in folders:
            yield from _walk(path, f"{relative}/{name}" if relative else name, choose)
        else:
            yield path


def too_big(size: int, limits: Limits, source: str | None) -> LimitError:
    """The error for an input of ``size`` bytes, over ``limits.max_bytes``."""
    return LimitError(
        f"input is {size:,} bytes, more than the limit of {limits.max_bytes:,} "
        "(raise Limits.max_bytes to read it)",
        file=source,
    )


@contextlib.contextmanager
def atomic_open(path: PathLike) -> Iterator[IO[bytes]]:
    """Open a binary file that replaces ``path`` when the block ends without an error.

    The data goes to a temporary file in the same folder, is flushed to disk,
    then renamed over ``path``: readers see the old file or the new one,
    never half of one. On any error the temporary file is removed and
    ``path`` is left as it was. An existing file keeps its permissions.

    An :class:`OSError` names what the caller gave, never the temporary file:
    the folder when it is missing or cannot be written to, else ``path``.

    >>> import tempfile
    >>> with atomic_open(f"{tempfile.mkdtemp()}/no/such/folder/x.csv"):  # doctest: +ELLIPSIS
    ...     pass
    Traceback (most recent call last):
      ...
    FileNotFoundError: [Errno 2] No such file or directory: '.../no/such/folder'
    """
    target = os.fspath(path)
    folder = os.path.dirname(target) or os.curdir
    try:
        mode = os.stat(target).st_mode & 0o7777
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    try:
        fd, temporary = tempfile.mkstemp(dir=folder, prefix=".", suffix=".frontnews-tmp")
    except OSError as exc:
        raise _naming(exc, folder) from exc
    try:
        with os.fdopen(fd, "wb") as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temporary, mode)
        try:
            os.replace(temporary, target)
        except OSError as exc:
            raise _naming(exc, target) from exc
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
        raise


def _naming(exc: OSError, name: str) -> OSError:
    """The same error, naming ``name`` instead of the temporary file."""
    if exc.errno is None:
        return exc
    return OSError(exc.errno, exc.strerror, name)


def atomic_write(path: PathLike, data: bytes) -> None:
    """Replace the file at ``path`` with ``data`` all at once, or not at all."""
    with atomic_open(path) as handle:
        handle.write(data)
