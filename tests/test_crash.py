"""Crash safety, for real: ``fmt`` and ``export -o`` killed by signals, and run concurrently.

Each test starts ``python -m frontnews`` as a subprocess and sends it a real
signal (SIGKILL or SIGTERM) at a seeded random moment; then every file is
checked byte for byte: the old text or the new one, never part of either.
No assertion depends on timing: a kill that lands late only makes a check
hold more easily, never fail.

The big folders live on ``/dev/shm`` when it exists: a SIGKILL cannot lose
what a process already wrote (the page cache outlives it), so a memory file
system tests the same thing as a disk, without paying a disk's fsync per file.
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

import frontnews
from frontnews._atomic import SUFFIX, stale_temporary_files

from .conftest import make_record

#: Placeholder for the varying title in the record template.
_TITLE = "TITLE-PLACEHOLDER"
#: A canonical record's text, and the same record in a style ``fmt`` rewrites.
_NEW = frontnews.dumps(make_record(title=_TITLE))
_OLD = _NEW.replace("category: news\n", 'category: "news"\n')
#: An export's output file before the run: complete, and unlike any new one.
_OLD_OUTPUT = b"an,old,complete,export\n"


def _frontnews(*args: str | Path) -> list[str]:
    return [sys.executable, "-m", "frontnews", *map(str, args)]


@pytest.fixture
def fast(tmp_path: Path) -> Iterator[Path]:
    """A fresh folder on a memory file system when there is one, else in ``tmp_path``."""
    if not os.path.isdir("/dev/shm") or not os.access("/dev/shm", os.W_OK):
        yield tmp_path
        return
    folder = Path(tempfile.mkdtemp(prefix="frontnews-crash-", dir="/dev/shm"))
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _write_records(folder: Path, count: int, *, canonical: bool) -> dict[str, tuple[bytes, bytes]]:
    """Write ``count`` records; return each file name's (old, new canonical) bytes."""
    folder.mkdir(parents=True, exist_ok=True)
    texts = {}
    for i in range(count):
        name = f"r{i:05d}.md"
        new = _NEW.replace(_TITLE, f"Record number {i}").encode()
        old = new if canonical else _OLD.replace(_TITLE, f"Record number {i}").encode()
        (folder / name).write_bytes(old)
        texts[name] = (old, new)
    return texts


def _temporary_files(folder: Path) -> set[str]:
    return {str(folder / name) for name in os.listdir(folder) if name.endswith(SUFFIX)}


def _check_old_or_new(folder: Path, texts: dict[str, tuple[bytes, bytes]]) -> int:
    """Every file is exactly its old or its new text, nothing else is there; count the new."""
    rewritten = 0
    for name, (old, new) in texts.items():
        data = (folder / name).read_bytes()
        assert data in (old, new), f"{name} is neither the old nor the new text: {data[:80]!r}"
        rewritten += data == new and data != old
    names = set(os.listdir(folder))
    leftovers = {n for n in names - texts.keys() if not n.endswith(SUFFIX)}
    assert not leftovers, f"unexpected files: {sorted(leftovers)}"
    return rewritten


def test_the_template_is_what_reformat_makes_of_the_old_text() -> None:
    """The crash tests compare with dumps(); that is byte for byte what reformat() writes."""
    for title in ("Record number 0", "Record number 9999"):
        old = _OLD.replace(_TITLE, title).encode()
        assert old != _NEW.replace(_TITLE, title).encode()
        assert frontnews.reformat(old) == _NEW.replace(_TITLE, title).encode()


def _kill_after_lines(folder: Path, lines: int) -> None:
    """Run ``fmt FOLDER``; SIGKILL it once it has reported ``lines`` rewritten files."""
    process = subprocess.Popen(
        _frontnews("fmt", folder), stdout=subprocess.PIPE, stderr=subprocess.DEVNULL
    )
    assert process.stdout is not None
    seen = 0
    for line in process.stdout:
        seen += line.endswith(b": reformatted\n")
        if seen >= lines:
            break
    process.kill()  # SIGKILL: no handler, no clean-up, the process just stops
    process.stdout.close()
    process.wait()  # reaped: its PID no longer runs, so its temporary files are stale


def test_fmt_killed_at_random_moments_leaves_each_file_old_or_new_and_a_rerun_finishes(
    fast: Path,
) -> None:
    """SIGKILL fmt three times in 10,000 files: never a partial file; stale temporaries go.

    A kill lands at a random point after the n-th "reformatted" line (seeded
    n; the process is further on, as its output is buffered). Temporary files
    left are exactly those stale_temporary_files lists, and the next run,
    which writes into the folder, removes them. A last run rewrites the rest.
    """
    folder = fast / "records"
    texts = _write_records(folder, 10_000, canonical=False)
    rng = random.Random(20261201)
    stale_before: set[str] = set()
    for _ in range(3):
        remaining = len(texts) - _check_old_or_new(folder, texts)
        assert remaining > 100, "an earlier kill came too late to leave work for this one"
        _kill_after_lines(folder, rng.randrange(1, remaining // 2))
        rewritten = _check_old_or_new(folder, texts)
        assert 0 < rewritten < len(texts)
        temporary = _temporary_files(folder)
        assert temporary == set(stale_temporary_files(str(folder)))
        # This run wrote into the folder, so it removed what the previous kill left.
        assert not stale_before & temporary
        stale_before = temporary
    done = subprocess.run(_frontnews("fmt", "-q", folder), capture_output=True, check=False)
    assert done.returncode == 0, done.stderr
    assert _check_old_or_new(folder, texts) == len(texts)
    assert not _temporary_files(folder)


def test_a_temporary_file_of_a_killed_writer_is_stale_and_the_next_fmt_removes_it(
    tmp_path: Path,
) -> None:
    """A process SIGKILLed inside atomic_open leaves its temporary; fmt's next write removes it."""
    target = tmp_path / "a.md"
    target.write_text(_OLD.replace(_TITLE, "A"))
    writer = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys\n"
            "from frontnews.files import atomic_open\n"
            f"with atomic_open({str(target)!r}) as handle:\n"
            "    handle.write(b'---\\ncategory: half a rec')\n"
            "    handle.flush()\n"
            "    print('writing', flush=True)\n"
            "    sys.stdin.read()\n",
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
    )
    assert writer.stdout is not None
    assert writer.stdout.readline() == b"writing\n"
    assert stale_temporary_files(str(tmp_path)) == []  # its writer still runs
    writer.kill()
    writer.wait()
    for stream in (writer.stdin, writer.stdout):
        assert stream is not None
        stream.close()
    stale = stale_temporary_files(str(tmp_path))
    assert len(stale) == 1
    assert _temporary_files(tmp_path) == set(stale)
    assert Path(stale[0]).read_bytes() == b"---\ncategory: half a rec"
    assert target.read_text() == _OLD.replace(_TITLE, "A")  # untouched by the killed writer
    done = subprocess.run(_frontnews("fmt", tmp_path), capture_output=True, check=False)
    assert done.returncode == 0, done.stderr
    assert target.read_text() == _NEW.replace(_TITLE, "A")
    assert not _temporary_files(tmp_path)


def _start_export(records: Path, output: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        _frontnews("export", "-q", "-f", "csv", "-o", output, records),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


def _until_writing(process: subprocess.Popen[bytes], folder: Path) -> bool:
    """Wait until ``process`` has a temporary file in ``folder``; false if it ended first."""
    mine = f".{process.pid}."
    while not any(mine in os.path.basename(name) for name in _temporary_files(folder)):
        if process.poll() is not None:
            return False
        time.sleep(0.002)
    return True


def test_export_killed_at_random_moments_leaves_the_output_absent_or_whole(fast: Path) -> None:
    """SIGKILL export -o while it writes: the output is absent, the old file or the new one.

    Temporary files left are exactly the stale ones, and the next export into
    the folder removes them; a last run writes the complete output.
    """
    records = fast / "records"
    _write_records(records, 10_000, canonical=True)
    out = fast / "out"
    out.mkdir()
    reference = out / "reference.csv"
    first = _start_export(records, reference)
    assert _until_writing(first, out)
    started = time.monotonic()
    _, stderr = first.communicate()
    writing_time = time.monotonic() - started  # to choose when to kill, never checked
    assert first.returncode == 0, stderr
    new = reference.read_bytes()
    reference.unlink()
    output = out / "out.csv"
    rng = random.Random(143)
    stale_before: set[str] = set()
    for run in range(3):
        old = None if run == 0 else _OLD_OUTPUT
        if old is not None:
            output.write_bytes(old)
        process = _start_export(records, output)
        writing = _until_writing(process, out)
        # When to kill, never checked: the first run at once, so that it surely
        # leaves a temporary file for the next run to remove; the others at random.
        time.sleep(0 if run == 0 else rng.uniform(0, writing_time * 0.8))
        process.kill()
        process.wait()
        assert process.stderr is not None
        process.stderr.close()
        if old is None:
            assert not output.exists() or output.read_bytes() == new
        else:
            assert output.read_bytes() in (old, new)
        temporary = _temporary_files(out)
        assert temporary == set(stale_temporary_files(str(out)))
        if run == 0:
            assert writing
            assert temporary, "killed while writing, yet no temporary file was left"
        if writing:
            assert not stale_before & temporary  # it wrote into out/: the old stale ones went
        stale_before = temporary
        assert set(os.listdir(out)) - {os.path.basename(t) for t in temporary} <= {"out.csv"}
    done = subprocess.run(
        _frontnews("export", "-q", "-o", output, records), capture_output=True, check=False
    )
    assert done.returncode == 0, done.stderr
    assert output.read_bytes() == new
    assert not _temporary_files(out)


def test_sigterm_during_export_exits_143_keeps_the_old_output_and_leaves_no_temporary(
    fast: Path,
) -> None:
    """SIGTERM turns into SystemExit(143): the temporary file is removed, the old output kept."""
    records = fast / "records"
    _write_records(records, 10_000, canonical=True)
    out = fast / "out"
    out.mkdir()
    output = out / "feed.csv"
    output.write_bytes(_OLD_OUTPUT)
    process = _start_export(records, output)
    assert _until_writing(process, out), "the export ended before it was writing"
    process.send_signal(signal.SIGTERM)
    _, stderr = process.communicate()
    assert process.returncode == 128 + signal.SIGTERM == 143
    assert b"Traceback" not in stderr
    assert output.read_bytes() == _OLD_OUTPUT
    assert os.listdir(out) == ["feed.csv"]


def test_two_fmt_runs_on_one_folder_at_once_leave_every_file_canonical(fast: Path) -> None:
    """Two fmt processes race over 2,000 files: both succeed, all canonical, no temporaries."""
    folder = fast / "records"
    texts = _write_records(folder, 2_000, canonical=False)
    runs = [
        subprocess.Popen(_frontnews("fmt", "-q", folder), stderr=subprocess.PIPE) for _ in range(2)
    ]
    for run in runs:
        _, stderr = run.communicate()
        assert run.returncode == 0, stderr
    for name, (_, new) in texts.items():
        assert (folder / name).read_bytes() == new
    assert sorted(os.listdir(folder)) == sorted(texts)


def test_dump_to_one_path_from_8_threads_leaves_exactly_one_whole_record(fast: Path) -> None:
    """8 threads dump 8 different records to one path 100 times each, while a reader reads it.

    Every read, and the final file, is exactly one record's text, never a mix;
    no temporary file is left.
    """
    target = fast / "record.md"
    records = [make_record(title=f"Thread {n} " + "x" * (500 * n)) for n in range(8)]
    texts = {frontnews.dumps(record).encode() for record in records}
    done = threading.Event()
    seen: list[bytes] = []
    errors: list[BaseException] = []

    def write(n: int) -> None:
        try:
            for _ in range(100):
                frontnews.dump(records[n], target)
        except BaseException as exc:  # pragma: no cover - reported by the assertion below
            errors.append(exc)

    def read() -> None:
        while not done.is_set():
            with open(target, "rb") as handle:
                seen.append(handle.read())

    writers = [threading.Thread(target=write, args=(n,)) for n in range(8)]
    for writer in writers:
        writer.start()
    while not target.exists():
        time.sleep(0.001)
    reader = threading.Thread(target=read)
    reader.start()
    for writer in writers:
        writer.join()
    done.set()
    reader.join()
    assert not errors
    assert seen
    assert all(data in texts for data in seen)
    assert target.read_bytes() in texts
    assert os.listdir(fast) == ["record.md"]
