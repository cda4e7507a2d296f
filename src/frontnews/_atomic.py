"""Replacing a file all at once, in a way that respects what is on disk.

A regular file is replaced through a temporary file in the same folder,
flushed to disk and renamed over it, keeping its permissions and (where the
process may) its owner; a file with other hard links is refused, since a
rename would cut them. A symbolic link is written through: the file it
points to is replaced and the link stays a link. A FIFO, a device or a
socket is written directly: there is nothing to replace.

Temporary files are named ``.NAME.PID.RANDOM.frontnews-tmp``. They are removed
when the write fails or is interrupted (an exception, ``KeyboardInterrupt``,
or ``SystemExit`` from a signal handler such as the command line's SIGTERM
handler); one left by a process that was killed outright is removed by the
next write into that folder from any frontnews process, once that PID is
gone.
"""

from __future__ import annotations

import contextlib
import os
import re
import stat
import tempfile
import threading
from collections.abc import Iterator
from typing import IO

from .errors import WriteError

__all__ = ["SUFFIX", "atomic_open", "stale_temporary_files"]

#: The end of every temporary file's name.
SUFFIX = ".frontnews-tmp"
_STALE = re.compile(r"\..*\.([0-9]+)\.[^.]+" + re.escape(SUFFIX) + r"\Z")
# Folders whose stale temporary files this process has already removed.
_CLEANED: set[str] = set()
_UMASK_LOCK = threading.Lock()


def _naming(exc: OSError, name: str) -> OSError:
    """The same error, naming ``name`` instead of the temporary file."""
    if exc.errno is None:
        return exc
    return OSError(exc.errno, exc.strerror, name)


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's process: alive
    return True


def stale_temporary_files(folder: str) -> list[str]:
    """The temporary files in ``folder`` left by frontnews processes that no longer run."""
    found = []
    with contextlib.suppress(OSError), os.scandir(folder) as entries:
        for entry in entries:
            match = _STALE.match(entry.name)
            if match is not None and not _alive(int(match.group(1))):
                found.append(entry.path)
    return sorted(found)


def _clean(folder: str) -> None:
    """Remove, once per folder and process, the temporary files killed runs left there."""
    key = os.path.abspath(folder)
    if key in _CLEANED:
        return
    _CLEANED.add(key)
    for path in stale_temporary_files(folder):
        with contextlib.suppress(FileNotFoundError):
            os.unlink(path)


def _target(path: str) -> tuple[str, os.stat_result | None]:
    """The file a write to ``path`` replaces (a link's target), and its status if it exists."""
    target = os.path.realpath(path) if os.path.islink(path) else path
    try:
        return target, os.stat(target)
    except FileNotFoundError:
        return target, None


@contextlib.contextmanager
def atomic_open(path: str) -> Iterator[IO[bytes]]:
    """Open a binary file that replaces ``path`` when the block ends without an error.

    See the module's description for what happens with links, FIFOs,
    devices, hard links and owners. An :class:`OSError` names what the
    caller gave, never the temporary file: the folder when it is missing or
    cannot be written to, else ``path``.

    >>> import tempfile
    >>> with atomic_open(f"{tempfile.mkdtemp()}/no/such/folder/x.csv"):  # doctest: +ELLIPSIS
    ...     pass
    Traceback (most recent call last):
      ...
    FileNotFoundError: [Errno 2] No such file or directory: '.../no/such/folder'
    """
    target, status = _target(path)
    if status is not None and not stat.S_ISREG(status.st_mode):
        # A FIFO, a device, a socket: write to it; there is nothing to replace.
        with open(target, "wb") as handle:
            yield handle
        return
    if status is not None and status.st_nlink > 1:
        raise WriteError(
            f"{path}: the file has {status.st_nlink} hard links, which replacing it would "
            "cut; write to a copy, or remove the other links first"
        )
    folder = os.path.dirname(target) or os.curdir
    _clean(folder)
    name = os.path.basename(target)
    try:
        fd, temporary = tempfile.mkstemp(
            dir=folder, prefix=f".{name}.{os.getpid()}.", suffix=SUFFIX
        )
    except OSError as exc:
        raise _naming(exc, folder) from exc
    try:
        with os.fdopen(fd, "wb") as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        _keep_mode_and_owner(temporary, status, path)
        try:
            os.replace(temporary, target)
        except OSError as exc:
            raise _naming(exc, path) from exc
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
        raise


def _umask() -> int:
    """The process's umask, read without changing it where the system allows.

    Reading it with :func:`os.umask` sets it for a moment: another thread
    creating a file then (or reading the umask the same way, which would
    restore the wrong one) would get that mode. Linux shows the umask in
    ``/proc/self/status``; elsewhere the read is serialised, through 0o077
    so that a file created meanwhile is private rather than world-writable.
    """
    with contextlib.suppress(OSError, ValueError), open("/proc/self/status") as status:
        for line in status:
            if line.startswith("Umask:"):
                return int(line.split()[1], 8)
    with _UMASK_LOCK:
        umask = os.umask(0o077)
        os.umask(umask)
        return umask


def _keep_mode_and_owner(temporary: str, status: os.stat_result | None, path: str) -> None:
    """Give the new file the old one's permissions and owner (a new one: the umask's mode)."""
    if status is None:
        os.chmod(temporary, 0o666 & ~_umask())
        return
    mine = os.stat(temporary)
    if (mine.st_uid, mine.st_gid) != (status.st_uid, status.st_gid):
        try:
            os.chown(temporary, status.st_uid, status.st_gid)
        except PermissionError:
            raise WriteError(
                f"{path}: the file's owner or group ({status.st_uid}:{status.st_gid}) cannot "
                "be kept by this user, and replacing it would change them; run as its owner"
            ) from None
    os.chmod(temporary, stat.S_IMODE(status.st_mode))
