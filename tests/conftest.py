"""Shared fixtures: where the sample records are, and a clean plugin state."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data"
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
    return [*ours, ROOT / "samples" / "amnesty-ban-the-scan.md", *shared_records("real")]


def front_matter(text: str) -> str:
    """The YAML between a record's delimiters, cut by hand so that tests do not trust our reader."""
    lines = text.lstrip("\ufeff").split("\n")
    end = next(i for i, line in enumerate(lines[1:], 1) if line.rstrip("\r \t") in ("---", "..."))
    return "\n".join(lines[1:end]) + "\n"


@pytest.fixture
def shared_samples() -> Path:
    """The shared sample folder; skips the test when it is absent."""
    if not (SHARED_SAMPLES / "real").is_dir():
        pytest.skip(f"the shared sample corpus is not at {SHARED_SAMPLES}")
    return SHARED_SAMPLES
