"""The canonical-style fast path: it reads what PyYAML reads, or declines."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import frontnews
from frontnews.fastpath import parse_front_matter

from .conftest import DATA, canonical_records, front_matter
from .strategies import records


def _same_as_yaml(front: str) -> None:
    """If the fast path accepts ``front``, PyYAML must read exactly the same values."""
    fast = parse_front_matter(front)
    if fast is None:
        return
    slow = yaml.load(front, Loader=yaml.CSafeLoader)
    assert fast == slow
    assert repr(fast) == repr(slow)  # same types, same tzinfo objects, same key order


@pytest.mark.parametrize("path", canonical_records(), ids=lambda p: p.name)
def test_canonical_records_take_the_fast_path(path: Path) -> None:
    """Every canonical record is read by the fast path, with PyYAML's exact values."""
    front = front_matter(path.read_text("utf-8"))
    assert parse_front_matter(front) is not None
    _same_as_yaml(front)


@pytest.mark.parametrize("path", sorted((DATA / "other").glob("*.md")), ids=lambda p: p.name)
def test_hand_edited_records_are_declined(path: Path) -> None:
    """Comments, flow lists, other quoting and unknown keys go to the YAML parser."""
    assert parse_front_matter(front_matter(path.read_text("utf-8"))) is None


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(records())
def test_generated_records_read_the_same_fast_or_slow(record: frontnews.Record) -> None:
    """For any written record the fast path declines or agrees with PyYAML."""
    front = front_matter(frontnews.dumps(record))
    _same_as_yaml(front)
    if not record.extra and not _has_nested_extra(record):
        assert parse_front_matter(front) is not None


def _has_nested_extra(record: frontnews.Record) -> bool:
    images = list(record.images or ()) + list(record.provider.images or ())
    for item in record.related or ():
        if item.extra or item.provider.extra:
            return True
        images += list(item.images or ()) + list(item.provider.images or ())
    return bool(record.provider.extra) or any(image.extra for image in images)


SEEDS = [front_matter(p.read_text("utf-8")) for p in sorted((DATA / "canonical").glob("*.md"))]
NOISE = st.sampled_from(
    [
        " ",
        "  ",
        "\t",
        "-",
        "- ",
        ":",
        ": ",
        "#",
        " #",
        '"',
        "'",
        "\\",
        "\\e",
        "\\u00",
        "[",
        "]",
        "{",
        "}",
        "&a ",
        "*a",
        "!!str ",
        "!x ",
        "|",
        ">",
        "?",
        "%",
        "@",
        "`",
        ",",
        "\n",
        "\r",
        "\r\n",
        "\n  ",
        "\n    ",
        "~",
        "null",
        "yes",
        "1e3",
        "0x1",
        "2021-13-01",
        "x",
        "é",
        "\u2028",
        "\x85",
        "\ufeff",
        "\x00",
        "---",
        "...",
        "title: x\n",
        "\\x4",
        '\\"',
        "\\\\",
    ]
)


@settings(max_examples=1500, deadline=None)
@given(
    seed=st.sampled_from(SEEDS),
    edits=st.lists(st.tuples(st.floats(0, 1), st.integers(0, 3), NOISE), min_size=1, max_size=4),
)
def test_mutated_records_never_fool_the_fast_path(
    seed: str, edits: list[tuple[float, int, str]]
) -> None:
    """Random edits to canonical front matter are declined or read exactly as PyYAML reads them."""
    text = seed
    for where, cut, noise in edits:
        at = int(where * len(text))
        text = text[:at] + noise + text[at + cut :]
    fast = parse_front_matter(text)
    if fast is None:
        return
    try:
        slow = yaml.load(text, Loader=yaml.CSafeLoader)
    except yaml.YAMLError:
        pytest.fail(f"fast path accepted text PyYAML rejects:\n{text}")
    assert fast == slow
    assert repr(fast) == repr(slow)


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("type: article", "type: article # comment"),
        ("type: article", "type: 'article'"),
        ("quality: 38", "quality: 038"),
        ("quality: 38", "quality: 0x26"),
        ("published: false", "published: no"),
        ("category: news\n", "category: news\ncategory: news\n"),
        ("category: news\ntitle:", 'title: "x"\ncategory: news\ntitle:'),
        ("  - AI\n", "  - AI\n  -   x\n"),
        ("topics:\n  - Computer Vision\n  - AI\n", "topics: [Computer Vision, AI]\n"),
        ("  name: Amnesty UK\n", "  name: Amnesty UK\n   extra: 1\n"),
        ("  name: Amnesty UK\n", "  name: Amnesty\n    UK\n"),
        ("2021-01-26T18:47:00Z", "2021-01-26 18:47:00Z"),
        ("2021-01-26T18:47:00Z", "2021-02-30T18:47:00Z"),
        ('excerpt: "We', 'excerpt: "\\e We'),
        ('excerpt: "We', 'excerpt: "\\uD800 We'),
        ("heat: -1\n", "heat: -1\nmystery: 1\n"),
    ],
)
def test_edge_cases_are_declined(old: str, new: str) -> None:
    """Text outside the canonical subset is left to the YAML parser."""
    text = (Path(__file__).parents[1] / "samples" / "amnesty-ban-the-scan.md").read_text(
        encoding="utf-8"
    )
    assert old in text
    front = front_matter(text.replace(old, new, 1))
    assert parse_front_matter(front) is None


def test_tight_limits_send_records_to_the_exact_checks() -> None:
    """Front matter that might exceed max_nodes or max_depth is declined, so YAML checks it."""
    front = front_matter((DATA / "canonical" / "full-featured.md").read_text(encoding="utf-8"))
    assert parse_front_matter(front, max_nodes=100_000, max_depth=64) is not None
    assert parse_front_matter(front, max_nodes=2 * front.count("\n")) is None
    assert parse_front_matter(front, max_depth=6) is None


def test_fast_and_slow_paths_give_equal_records() -> None:
    """loads gives the same record whether the fast path or YAML read it."""
    path = DATA / "canonical" / "full-featured.md"
    text = path.read_text(encoding="utf-8")
    commented = text.replace("type: article\n", "type: article  # forces the YAML parser\n", 1)
    assert parse_front_matter(front_matter(commented)) is None
    assert frontnews.loads(commented) == frontnews.loads(text)
