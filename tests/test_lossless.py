"""frontnews.reformat: the canonical bytes of a record file, or why they would lose something."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest
import yaml

import frontnews
from frontnews import ReformatError, lossless

from .conftest import DATA, canonical_records, front_matter, make_record


@pytest.mark.parametrize("path", canonical_records(), ids=lambda p: p.name)
def test_a_canonical_file_comes_back_unchanged(path: Path) -> None:
    """Canonical bytes are returned as they are."""
    data = path.read_bytes()
    assert frontnews.reformat(data, source=str(path)) == data


@pytest.mark.parametrize("path", sorted((DATA / "other").glob("*.md")), ids=lambda p: p.name)
def test_other_files_become_canonical_with_the_same_values(path: Path) -> None:
    """A hand-edited file is rewritten canonically; PyYAML reads the same values from both."""
    data = path.read_bytes()
    new = frontnews.reformat(data, drop_comments=True)
    assert new != data
    assert frontnews.reformat(new) == new  # idempotent
    old_values = yaml.safe_load(front_matter(data.decode("utf-8")))
    new_values = yaml.safe_load(front_matter(new.decode("utf-8")))
    assert new_values == old_values


def test_text_and_bytes_give_the_same_result() -> None:
    """A str is read as the file's text; the result is always UTF-8 bytes."""
    text = frontnews.dumps(make_record()).replace("category: news", 'category: "news"')
    assert frontnews.reformat(text) == frontnews.reformat(text.encode("utf-8"))
    assert frontnews.reformat(text) == frontnews.dumps(make_record()).encode("utf-8")


@pytest.mark.parametrize(
    ("old", "new", "change"),
    [
        ("quality: 38\n", "quality: 39\n", "quality"),
        ("name: Amnesty UK\n", "name: Amnesty\n", "provider.name"),
        ("  - AI\n", "  - ML\n", "topics[1]"),
        ("Body text.", "Body text!", "the body"),
    ],
)
def test_a_rewrite_that_would_change_a_value_is_refused(
    monkeypatch: pytest.MonkeyPatch, old: str, new: str, change: str
) -> None:
    """If the canonical text would read back different, ReformatError names what changes."""
    record = make_record(body="Body text.")
    untidy = frontnews.dumps(record).replace("category: news", 'category: "news"')
    real_dumps = frontnews.dumps

    def lossy(record: frontnews.Record) -> str:
        text = real_dumps(record)
        assert old in text
        return text.replace(old, new, 1)

    monkeypatch.setattr(lossless, "dumps", lossy)
    with pytest.raises(ReformatError) as caught:
        frontnews.reformat(untidy, source="a.md")
    assert caught.value.change == change
    assert caught.value.file == "a.md"
    assert str(caught.value).startswith("a.md: reformatting would change ")


def test_a_record_that_does_not_read_raises_its_record_error() -> None:
    """Invalid input is a RecordError naming the line, not a ReformatError."""
    text = frontnews.dumps(make_record()).replace("quality: 38", "quality: high")
    with pytest.raises(frontnews.SchemaError, match=r"^a\.md:\d+: quality: expected an integer"):
        frontnews.reformat(text, source="a.md")


def test_reformat_errors_survive_pickling() -> None:
    """A ReformatError crosses process boundaries with its attributes."""
    error = ReformatError("reformatting would change quality", file="a.md", change="quality")
    again = pickle.loads(pickle.dumps(error))
    assert (again.reason, again.file, again.change) == (error.reason, "a.md", "quality")
