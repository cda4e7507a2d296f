"""Writes that respect what is on disk, and folder walks that go on past every problem.

Owner and permission tests need two users: run as root, they drop to
``nobody`` in a subprocess; run as another user, what needs root is skipped.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import pwd
import shutil
import stat
import subprocess
import sys
import tempfile
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

import frontnews
from frontnews import RecordError, WriteError
from frontnews._atomic import SUFFIX
from frontnews.files import atomic_write, record_files

from .conftest import make_record

ROOT_ONLY = pytest.mark.skipif(os.geteuid() != 0, reason="needs root, to own files as another user")
#: A record that validate reports with a warning (a date far in the future): named, exit 0.
_WARNED = frontnews.dumps(
    make_record(published_date_time=dt.datetime(2999, 1, 1, tzinfo=dt.timezone.utc))
).encode()


def _nobody() -> pwd.struct_passwd:
    try:
        return pwd.getpwnam("nobody")
    except KeyError:
        pytest.skip("there is no 'nobody' user to drop privileges to")


def _as_other_user(work: Callable[[], object]) -> dict[str, Any]:
    """Run ``work`` in a forked child without root's rights (nobody under root); its result.

    The child drops to ``nobody`` with :func:`os.setuid` (root's Python may
    not be one ``nobody`` can start), runs ``work`` and sends back what it
    returns, as JSON, or the name and message of what it raised.
    """
    nobody = _nobody() if os.geteuid() == 0 else None
    reading, writing = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child
        try:
            os.close(reading)
            if nobody is not None:
                os.setgroups([])
                os.setgid(nobody.pw_gid)
                os.setuid(nobody.pw_uid)
            try:
                result: object = {"returned": work()}
            except BaseException as exc:
                result = {"raised": type(exc).__name__, "message": str(exc)}
            os.write(writing, json.dumps(result).encode())
        finally:
            os._exit(0)
    os.close(writing)
    with os.fdopen(reading, "rb") as pipe:
        data = pipe.read()
    os.waitpid(pid, 0)
    found: dict[str, Any] = json.loads(data)
    return found


@pytest.fixture
def shared() -> Iterator[Path]:
    """A folder every user may enter and write (tmp_path's parents are root's alone)."""
    folder = Path(tempfile.mkdtemp(prefix="frontnews-safety-"))
    folder.chmod(0o777)
    try:
        yield folder
    finally:
        for below, folders, _ in os.walk(folder):
            for name in folders:
                os.chmod(os.path.join(below, name), 0o755)
        shutil.rmtree(folder)


def _temporaries(folder: Path) -> list[str]:
    return [name for name in os.listdir(folder) if name.endswith(SUFFIX)]


# -- writes respect the target ----------------------------------------------------------------


def test_dump_onto_a_symlink_keeps_the_link_and_writes_its_target(tmp_path: Path) -> None:
    (tmp_path / "real").mkdir()
    target = tmp_path / "real" / "a.md"
    target.write_text("old\n")
    link = tmp_path / "a.md"
    link.symlink_to(os.path.join("real", "a.md"))
    frontnews.dump(make_record(), link)
    assert link.is_symlink()
    assert os.readlink(link) == os.path.join("real", "a.md")
    assert target.read_text() == frontnews.dumps(make_record())
    assert not _temporaries(tmp_path)
    assert not _temporaries(tmp_path / "real")


def test_dump_onto_a_dangling_symlink_creates_its_target(tmp_path: Path) -> None:
    link = tmp_path / "a.md"
    link.symlink_to(tmp_path / "new.md")
    frontnews.dump(make_record(), link)
    assert link.is_symlink()
    assert (tmp_path / "new.md").read_text() == frontnews.dumps(make_record())


def test_atomic_write_onto_a_fifo_writes_it_directly_and_it_stays_a_fifo(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.md"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()))
    reader.start()
    atomic_write(fifo, b"through the pipe\n")
    reader.join()
    assert received == [b"through the pipe\n"]
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert os.listdir(tmp_path) == ["pipe.md"]


def test_atomic_write_onto_dev_null_leaves_it_a_character_device() -> None:
    before = os.stat("/dev/null")
    if not stat.S_ISCHR(before.st_mode):  # never make it worse: a regular file would be replaced
        pytest.skip("/dev/null is not a character device here: something replaced it")
    atomic_write("/dev/null", b"gone\n")
    frontnews.dump(make_record(), "/dev/null")
    after = os.stat("/dev/null")
    assert stat.S_ISCHR(after.st_mode)
    assert (after.st_ino, after.st_rdev) == (before.st_ino, before.st_rdev)


def test_a_file_with_two_hard_links_is_refused_and_left_unchanged(tmp_path: Path) -> None:
    first = tmp_path / "a.md"
    first.write_text("old\n")
    os.link(first, tmp_path / "b.md")
    with pytest.raises(WriteError, match="2 hard links"):
        frontnews.dump(make_record(), first)
    assert first.read_text() == "old\n"
    assert os.stat(first).st_nlink == 2
    assert os.path.samefile(first, tmp_path / "b.md")
    assert not _temporaries(tmp_path)


@ROOT_ONLY
def test_rewriting_as_root_keeps_the_owner_group_and_mode(tmp_path: Path) -> None:
    nobody = _nobody()
    target = tmp_path / "a.md"
    target.write_text("old\n")
    os.chown(target, nobody.pw_uid, nobody.pw_gid)
    target.chmod(0o640)
    frontnews.dump(make_record(), target)
    status = os.stat(target)
    assert (status.st_uid, status.st_gid) == (nobody.pw_uid, nobody.pw_gid)
    assert stat.S_IMODE(status.st_mode) == 0o640
    assert target.read_text() == frontnews.dumps(make_record())


@ROOT_ONLY
def test_a_user_who_cannot_keep_the_owner_gets_write_error_and_the_file_is_unchanged(
    shared: Path,
) -> None:
    """nobody may replace root's file in a folder open to all, but not keep its owner: refused."""
    target = shared / "a.md"
    target.write_text("old\n")
    target.chmod(0o644)
    found = _as_other_user(lambda: atomic_write(target, b"new"))
    assert found["raised"] == "WriteError"
    assert "owner" in found["message"]
    assert target.read_text() == "old\n"
    assert os.stat(target).st_uid == 0
    assert os.listdir(shared) == ["a.md"]


def test_new_files_written_from_8_threads_get_the_umask_mode(tmp_path: Path) -> None:
    """Regression: reading the umask by setting it raced; some files came out 0o666."""
    umask = os.umask(0o027)
    interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)  # switch threads as often as possible
    try:

        def write(n: int) -> None:
            for i in range(300):
                atomic_write(tmp_path / f"{n}-{i}.md", b"x")

        threads = [threading.Thread(target=write, args=(n,)) for n in range(8)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    finally:
        sys.setswitchinterval(interval)
        assert os.umask(umask) == 0o027
    modes = {stat.S_IMODE(os.stat(tmp_path / name).st_mode) for name in os.listdir(tmp_path)}
    assert modes == {0o640}


# -- walks go on ------------------------------------------------------------------------------


def _records(folder: Path, *titles: str) -> None:
    for title in titles:
        path = folder / f"{title}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        frontnews.dump(make_record(title=path.stem), path)


def test_a_folder_link_to_its_parent_does_not_loop_and_each_file_comes_once(
    tmp_path: Path,
) -> None:
    _records(tmp_path, "a", "sub/b")
    (tmp_path / "sub" / "loop").symlink_to("..", target_is_directory=True)
    (tmp_path / "sub" / "loop.md").symlink_to(tmp_path, target_is_directory=True)
    found = list(record_files(tmp_path))
    assert [f.path for f in found] == [tmp_path / "a.md", tmp_path / "sub" / "b.md"]
    assert [r.title for r in frontnews.iter_records(tmp_path)] == ["a", "b"]


def test_a_file_link_loop_is_a_problem_and_the_rest_of_its_folder_still_comes(
    tmp_path: Path,
) -> None:
    """Regression: the loop made the folder's listing fail, and every record in it vanished."""
    _records(tmp_path, "a", "z")
    (tmp_path / "loop.md").symlink_to("loop.md")
    problems: list[RecordError] = []
    titles = [r.title for r in frontnews.iter_records(tmp_path, on_error=problems.append)]
    assert titles == ["a", "z"]
    assert [p.file for p in problems] == [str(tmp_path / "loop.md")]


def test_an_unreadable_folder_is_a_problem_naming_it_and_the_other_records_come(
    shared: Path,
) -> None:
    _records(shared, "a", "locked/b", "open/c")
    for folder in (shared, shared / "open"):
        folder.chmod(0o755)
    (shared / "locked").chmod(0o000)

    def walk() -> object:
        problems: list[RecordError] = []
        records = frontnews.iter_records(shared, on_error=problems.append)
        return [[r.title for r in records], [[p.file, p.reason] for p in problems]]

    found = _as_other_user(walk)
    titles, problems = found["returned"]
    assert titles == ["a", "c"]
    assert len(problems) == 1
    assert problems[0][0] == str(shared / "locked")
    assert "cannot list the folder" in problems[0][1]


def test_a_folder_removed_mid_walk_is_a_problem_or_nothing_never_an_exception(
    tmp_path: Path,
) -> None:
    _records(tmp_path, "a/1", "a/2", "b/3", "b/4", "c/5")
    walk = record_files(tmp_path)
    assert next(walk).path == tmp_path / "a" / "1.md"
    shutil.rmtree(tmp_path / "b")
    (tmp_path / "a" / "2.md").unlink()  # listed already: its read reports it
    rest = list(walk)
    assert rest[0].path == tmp_path / "a" / "2.md"
    with pytest.raises(RecordError) as gone:
        rest[0].read()
    assert gone.value.file == str(tmp_path / "a" / "2.md")
    assert rest[-1].path == tmp_path / "c" / "5.md"
    for file in rest[1:-1]:  # b: a problem naming it, or nothing at all
        assert file.path == tmp_path / "b"
        with pytest.raises(RecordError, match="cannot list the folder"):
            file.read()

    records = frontnews.iter_records(tmp_path, on_error="skip")
    assert next(records).title == "1"
    shutil.rmtree(tmp_path / "c")
    assert list(records) == []


def test_a_file_link_leading_outside_is_an_error_naming_the_link_unless_followed(
    tmp_path: Path,
) -> None:
    _records(tmp_path / "outside", "far")
    walked = tmp_path / "walked"
    _records(walked, "near")
    (walked / "far.md").symlink_to(tmp_path / "outside" / "far.md")
    (walked / "again.md").symlink_to("near.md")  # inside: an ordinary file
    problems: list[RecordError] = []
    titles = [r.title for r in frontnews.iter_records(walked, on_error=problems.append)]
    assert titles == ["near", "near"]
    assert [p.file for p in problems] == [str(walked / "far.md")]
    assert "outside the folder walked" in problems[0].reason
    with pytest.raises(RecordError, match="outside the folder walked") as raised:
        list(frontnews.iter_records(walked))
    assert raised.value.file == str(walked / "far.md")
    followed = [r.title for r in frontnews.iter_records(walked, follow_links=True)]
    assert followed == ["near", "far", "near"]


def test_iter_records_on_error_collects_skips_or_raises(tmp_path: Path) -> None:
    _records(tmp_path, "a", "c")
    (tmp_path / "b.md").write_text("---\ntitle: [unclosed\n---\n")
    problems: list[RecordError] = []
    collected = [r.title for r in frontnews.iter_records(tmp_path, on_error=problems.append)]
    assert collected == ["a", "c"]
    assert [p.file for p in problems] == [str(tmp_path / "b.md")]
    assert [r.title for r in frontnews.iter_records(tmp_path, on_error="skip")] == ["a", "c"]
    records = frontnews.iter_records(tmp_path)
    assert next(records).title == "a"
    with pytest.raises(RecordError) as raised:
        next(records)
    assert raised.value.file == str(tmp_path / "b.md")


# -- names are shown escaped ------------------------------------------------------------------


def _validate(folder: Path | bytes) -> subprocess.CompletedProcess[bytes]:
    """``frontnews validate FOLDER``, its output strict UTF-8 (a raw surrogate would raise)."""
    env = {**os.environ, "PYTHONIOENCODING": "utf-8:strict"}
    env.pop("PYTHONUTF8", None)
    return subprocess.run(
        [os.fsencode(sys.executable), b"-m", b"frontnews", b"validate", os.fsencode(folder)],
        capture_output=True,
        check=False,
        env=env,
    )


def test_a_file_name_that_is_not_utf8_is_read_and_printed_escaped(tmp_path: Path) -> None:
    with open(os.path.join(os.fsencode(tmp_path), b"bad\xff.md"), "wb") as handle:
        handle.write(_WARNED)
    done = _validate(tmp_path)
    assert done.returncode == 0, done.stderr
    assert b"Traceback" not in done.stderr
    assert b"bad\\udcff.md:" in done.stdout
    assert b"\xff" not in done.stdout
    assert b"1 record checked: 1 valid, 0 invalid, 1 warning" in done.stdout


def test_an_escape_sequence_in_a_file_name_is_shown_escaped_never_raw(tmp_path: Path) -> None:
    (tmp_path / "a\x1b]0;pwned\x07.md").write_bytes(_WARNED)
    done = _validate(tmp_path)
    assert done.returncode == 0, done.stderr
    assert b"a\\x1b]0;pwned\\x07.md:" in done.stdout
    assert b"\x1b" not in done.stdout + done.stderr
    assert b"\x07" not in done.stdout + done.stderr


def test_an_escape_sequence_in_a_link_target_is_shown_escaped_never_raw(tmp_path: Path) -> None:
    """Regression: the message about a link leading out printed its target raw."""
    outside = tmp_path / "out" / "t\x1b]0;pwned\x07.md"
    outside.parent.mkdir()
    outside.write_bytes(_WARNED)
    (tmp_path / "walked").mkdir()
    (tmp_path / "walked" / "link.md").symlink_to(outside)
    done = _validate(tmp_path / "walked")
    assert done.returncode == 1
    assert b"t\\x1b]0;pwned\\x07.md, outside the folder walked" in done.stdout
    assert b"\x1b" not in done.stdout + done.stderr
    assert b"\x07" not in done.stdout + done.stderr
