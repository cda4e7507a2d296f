"""Shared fixtures: where the sample records are, and a clean plugin state."""

from __future__ import annotations

import datetime as dt
import importlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import attrs
import pytest

from frontnews import Provider, Record, Secured, _build, _canonical, plugins, writer

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data"
SAMPLES = ROOT / "samples"
#: The reference record every format page quotes: samples/amnesty-ban-the-scan.md.
REFERENCE_SAMPLE = SAMPLES / "amnesty-ban-the-scan.md"
SHARED_SAMPLES = ROOT.parent / "shared" / "samples"
SKIP_NO_SHARED = pytest.mark.skipif(
    not (SHARED_SAMPLES / "real").is_dir(),
    reason=f"the shared sample corpus is not at {SHARED_SAMPLES} (it lives beside the checkout)",
)


def shared_records(kind: str) -> list[Path]:
    """The shared sample records of one kind ("real" or "transcribed"), or [] when absent."""
    folder = SHARED_SAMPLES / kind
    return sorted(folder.rglob("*.md")) if folder.is_dir() else []


def canonical_records() -> list[Path]:
    """Records in the canonical style: ours, the reference record and the real corpus."""
    ours = sorted((DATA / "canonical").glob("*.md"))
    return [*ours, REFERENCE_SAMPLE, *shared_records("real")]


def front_matter(text: str) -> str:
    """The YAML between a record's delimiters, cut by hand so that tests do not trust our reader."""
    lines = text.lstrip("\ufeff").split("\n")
    end = next(i for i, line in enumerate(lines[1:], 1) if line.rstrip("\r \t") in ("---", "..."))
    return "\n".join(lines[1:end]) + "\n"


#: The two builds of the generated reader and writer: the ``.py`` source, and mypyc's extension.
BUILDS = ("pure", "compiled")


def generated_modules(build: str) -> dict[str, Any] | None:
    """The generated modules of one build, by name; None when that build is not installed."""
    modules = {}
    for name in _build.GENERATED:
        if build == "pure":
            modules[name] = _build.source_module(name, alias=f"{name}_pure")
        else:
            module = importlib.import_module(f"frontnews.{name}")
            if not _build.is_compiled(module):
                return None
            modules[name] = module
    return modules


@pytest.fixture(scope="module", params=BUILDS)
def both_builds(request: pytest.FixtureRequest) -> Iterator[str]:
    """Run the module's tests once with each build of Record's generated reader and writer.

    The differential tests use it (``pytestmark = pytest.mark.usefixtures("both_builds")``):
    the compiled and the pure build must give the same records and bytes. The compiled
    build is skipped where frontnews was installed without it (an editable install).
    """
    modules = generated_modules(request.param)
    if modules is None:
        pytest.skip("frontnews is installed without its compiled build (pip install -e)")
    reader, writers = modules["_canonical_gen"], modules["_writer_gen"]
    fields = {
        key: (f, writers.FIELD_WRITERS[key])
        for key, (f, _) in writer._field_writers(Record).items()
    }
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(_canonical, "_record_reader", reader.read_Record)
        patch.setattr(writer, "_record_writers", (writers.write_Record_0, fields))
        yield request.param


def make_record(**changes: Any) -> Record:
    """A small valid record, with ``changes`` applied: the one record factory of the tests."""
    record = Record(
        category="news",
        title="Ban the scan",
        excerpt="Campaigners call for a ban.",
        published_date_time=dt.datetime(2021, 1, 26, 18, 47, tzinfo=dt.timezone.utc),
        web_url="https://example.org/news/ban-the-scan",
        type="article",
        quality=38,
        provider=Provider(name="Amnesty UK", domain="amnesty.org.uk"),
        topics=("Computer Vision", "AI"),
        secured=Secured("41wbFnSignedTokenText==;AAAAAAAAAAAAAAAAAAAAAA=="),
    )
    return attrs.evolve(record, **changes) if changes else record


def token_of(record: Record) -> str:
    """The text of a record's secured token; the record must have one."""
    assert record.secured is not None, "the record has no secured token"
    return record.secured.text


@pytest.fixture
def fresh_plugins(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Plugins load afresh for the test and are forgotten after it (whatever it registered).

    ``FRONTNEWS_LOAD_PLUGINS`` is unset for the test, so every installed plugin
    loads whatever the shell running the suite says; a test may set it again.
    """
    monkeypatch.delenv(plugins.LOAD_PLUGINS_ENV, raising=False)
    plugins.reset()
    yield
    plugins.reset()


@pytest.fixture
def shared_samples() -> Path:
    """The shared sample folder; skips the test when it is absent."""
    if not (SHARED_SAMPLES / "real").is_dir():
        pytest.skip(f"the shared sample corpus is not at {SHARED_SAMPLES}")
    return SHARED_SAMPLES
