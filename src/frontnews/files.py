"""The file system: finding record files, reading their bytes, replacing files atomically."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO

from .errors import LimitError, RecordError
from .limits import DEFAULT_LIMITS, Limits

__all__ = ["PathLike", "atomic_open", "atomic_write", "read_bytes", "record_paths", "too_big"]

#: A path as the public functions take it.
PathLike = str | os.PathLike[str]


def read_bytes(path: PathLike, *, limits: Limits = DEFAULT_LIMITS) -> bytes:
    """Return a record file's bytes, refusing a file over ``limits.max_bytes`` before reading it."""
    source = os.fspath(path)
    try:
        with open(path, "rb") as handle:
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


def record_paths(paths: PathLike | Iterable[PathLike]) -> Iterator[Path]:
    """Yield the record files in ``paths``: files as given, folders searched for ``*.md``.

    A folder's files come in sorted path order, so that runs repeat.
    """
    for name in _record_files(paths):
        yield Path(name)


def _record_files(paths: PathLike | Iterable[PathLike]) -> Iterator[str]:
    if isinstance(paths, str | os.PathLike):
        paths = (paths,)
    for entry in paths:
        name = os.fspath(entry)
        if os.path.isdir(name):
            yield from _walk(name)
        else:
            yield name


def _walk(folder: str) -> Iterator[str]:
    """Yield the ``*.md`` files below ``folder`` in sorted path order, as ``rglob`` would.

    Only one folder's listing is held at a time, as names: memory follows the
    largest folder's file names, never the number of records read. Symbolic
    links to folders are not followed; to files, they are.
    """
    folders: set[str] = set()
    names: list[str] = []
    with os.scandir(folder) as entries:
        for entry in entries:
            if entry.is_dir(follow_symlinks=False):
                folders.add(entry.name)
                names.append(entry.name)
            elif entry.name.endswith(".md") and entry.is_file():
                names.append(entry.name)
    names.sort()
    for name in names:
        path = os.path.join(folder, name)
        if name in folders:
            yield from _walk(path)
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
    """
    target = os.fspath(path)
    folder = os.path.dirname(os.path.abspath(target))
    try:
        mode = os.stat(target).st_mode & 0o7777
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    fd, temporary = tempfile.mkstemp(dir=folder, prefix=".", suffix=".frontnews-tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temporary, mode)
        os.replace(temporary, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
        raise


def atomic_write(path: PathLike, data: bytes) -> None:
    """Replace the file at ``path`` with ``data`` all at once, or not at all."""
    with atomic_open(path) as handle:
        handle.write(data)
