"""Shared fixtures: where the sample records are, and a clean plugin state."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import attrs
import pytest

from frontnews import Provider, Record, Secured, plugins

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
