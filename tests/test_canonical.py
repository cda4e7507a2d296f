"""The canonical reader (the fast path): it reads what PyYAML reads, or declines."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import attrs
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import frontnews
from frontnews._canonical import read_canonical
from frontnews.converter import converter

from .conftest import DATA, REFERENCE_SAMPLE, canonical_records, front_matter
from .strategies import records

#: Every test here runs against both builds of the generated reader and writer.
pytestmark = pytest.mark.usefixtures("both_builds")


def _slow(front: str) -> frontnews.Record:
    """The record PyYAML's loader and the converter make of ``front``: the reference path."""
    return converter.structure(yaml.load(front, Loader=yaml.CSafeLoader), frontnews.Record)


def _same_as_yaml(front: str) -> None:
    """If the fast path accepts ``front``, PyYAML and the converter must make the same record."""
    fast = read_canonical(front)
    if fast is None:
        return
    try:
        slow = _slow(front)
    except Exception as exc:  # any failure of the reference path is the finding
        pytest.fail(f"fast path accepted text the YAML path rejects ({exc!r}):\n{front}")
    assert fast == slow
    assert hash(fast) == hash(slow)  # built without __init__, hashed all the same
    assert repr(fast) == repr(slow)  # same types, same tzinfo objects
    assert frontnews.to_dict(fast) == frontnews.to_dict(slow)


@pytest.mark.parametrize("path", canonical_records(), ids=lambda p: p.name)
def test_canonical_records_take_the_fast_path(path: Path) -> None:
    """Every canonical record is read by the fast path, with PyYAML's exact values."""
    front = front_matter(path.read_text("utf-8"))
    assert read_canonical(front) is not None
    _same_as_yaml(front)


@pytest.mark.parametrize("path", sorted((DATA / "other").glob("*.md")), ids=lambda p: p.name)
def test_hand_edited_records_are_declined(path: Path) -> None:
    """Comments, flow lists, other quoting and unknown keys go to the YAML parser."""
    assert read_canonical(front_matter(path.read_text("utf-8"))) is None


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(records())
def test_generated_records_read_the_same_fast_or_slow(record: frontnews.Record) -> None:
    """For any written record the fast path declines or agrees with PyYAML."""
    front = front_matter(frontnews.dumps(record))
    _same_as_yaml(front)
    if not record.extra and not _has_nested_extra(record):
        assert read_canonical(front) is not None


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
    _same_as_yaml(text)


# Line-level edits a person or another tool makes to a record, applied to real
# records (the shared corpus when it is beside the checkout, our own otherwise).
LINE_SEEDS = [front_matter(p.read_text("utf-8")) for p in canonical_records()]


def _delete(lines: list[str], at: int) -> None:
    del lines[at]


def _duplicate(lines: list[str], at: int) -> None:
    lines.insert(at, lines[at])


def _indent(lines: list[str], at: int) -> None:
    lines[at] = " " + lines[at]


def _dedent(lines: list[str], at: int) -> None:
    lines[at] = lines[at][1:] if lines[at][:1] == " " else lines[at]


def _deeper(lines: list[str], at: int) -> None:
    lines[at] = "  " + lines[at]


def _unquote(lines: list[str], at: int) -> None:
    lines[at] = lines[at].replace('"', "", 2)


def _comment_line(lines: list[str], at: int) -> None:
    lines.insert(at, "# a comment")


def _trailing_comment(lines: list[str], at: int) -> None:
    lines[at] += "  # a comment"


def _crlf(lines: list[str], at: int) -> None:
    lines[at] += "\r"


def _blank(lines: list[str], at: int) -> None:
    lines.insert(at, "")


def _swap(lines: list[str], at: int) -> None:
    if at + 1 < len(lines):
        lines[at], lines[at + 1] = lines[at + 1], lines[at]


LINE_EDITS = [
    _delete,
    _duplicate,
    _indent,
    _dedent,
    _deeper,
    _unquote,
    _comment_line,
    _trailing_comment,
    _crlf,
    _blank,
    _swap,
]


@settings(max_examples=1500, deadline=None)
@given(
    seed=st.sampled_from(LINE_SEEDS),
    edits=st.lists(
        st.tuples(st.sampled_from(LINE_EDITS), st.floats(0, 1, exclude_max=True)),
        min_size=1,
        max_size=3,
    ),
)
def test_line_edits_to_real_records_never_fool_the_fast_path(
    seed: str, edits: list[tuple[Callable[[list[str], int], None], float]]
) -> None:
    """Deleted, repeated, re-indented, unquoted, commented or CRLF lines: declined or equal."""
    lines = seed.split("\n")
    for edit, where in edits:
        if lines:
            edit(lines, int(where * len(lines)))
    _same_as_yaml("\n".join(lines))


def test_line_edits_are_not_all_declined() -> None:
    """The line-edit test is not vacuous: some edits keep the record readable by the fast path."""
    assert read_canonical(LINE_SEEDS[0]) is not None
    seed = LINE_SEEDS[0].split("\n")
    blank_before_provider = seed.index("provider:")
    kept = [*seed[:blank_before_provider], "", *seed[blank_before_provider:]]
    assert read_canonical("\n".join(kept)) == read_canonical(LINE_SEEDS[0])
    crlf = "\n".join(line + "\r" for line in seed[:-1]) + "\n"
    assert read_canonical(crlf) == read_canonical(LINE_SEEDS[0])


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
        ("2021-01-26T18:47:00Z", "2021-01-26T18:47:0\u0660Z"),  # an Arabic-Indic zero
        ("2021-01-26T18:47:00Z", "2021-01-26t18:47:00Z"),
        ("quality: 38", "quality: \u0663\u0668"),
        ('excerpt: "We', 'excerpt: "\\e We'),
        ('excerpt: "We', 'excerpt: "\\uD800 We'),
        ("heat: -1\n", "heat: -1\nmystery: 1\n"),
    ],
)
def test_edge_cases_are_declined(old: str, new: str) -> None:
    """Text outside the canonical subset is left to the YAML parser."""
    text = REFERENCE_SAMPLE.read_text(encoding="utf-8")
    assert old in text
    front = front_matter(text.replace(old, new, 1))
    assert read_canonical(front) is None


def test_tight_limits_send_records_to_the_exact_checks() -> None:
    """Front matter that might exceed max_nodes or max_depth is declined, so YAML checks it."""
    front = front_matter((DATA / "canonical" / "full-featured.md").read_text(encoding="utf-8"))
    assert read_canonical(front, max_nodes=100_000, max_depth=64) is not None
    assert read_canonical(front, max_nodes=2 * front.count("\n")) is None
    assert read_canonical(front, max_depth=6) is None


def test_fast_and_slow_paths_give_equal_records() -> None:
    """loads gives the same record whether the fast path or YAML read it."""
    path = DATA / "canonical" / "full-featured.md"
    text = path.read_text(encoding="utf-8")
    commented = text.replace("type: article\n", "type: article  # forces the YAML parser\n", 1)
    assert read_canonical(front_matter(text)) is not None
    assert read_canonical(front_matter(commented)) is None
    slow = frontnews.loads(commented)
    assert slow.layout.comments == (text[: text.index("type: article")].count("\n") + 1,)
    assert attrs.evolve(slow, layout=slow.layout.canonical) == frontnews.loads(text)
