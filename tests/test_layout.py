"""The file's own layout: key order kept byte for byte, comments never dropped silently."""

from __future__ import annotations

from pathlib import Path

import attrs
import pytest

import frontnews
from frontnews import ReformatError, WriteError

from .conftest import ROOT, canonical_records, make_record

REFERENCE = ROOT / "samples" / "amnesty-ban-the-scan.md"


def swap_lines(text: str, first: str, second: str) -> str:
    """``text`` with the lines starting with ``first`` and ``second`` swapped."""
    lines = text.split("\n")
    i = next(n for n, line in enumerate(lines) if line.startswith(first))
    j = next(n for n, line in enumerate(lines) if line.startswith(second))
    lines[i], lines[j] = lines[j], lines[i]
    return "\n".join(lines)


@pytest.mark.parametrize("path", canonical_records(), ids=lambda p: p.name)
def test_a_file_in_another_key_order_comes_back_byte_for_byte(path: Path) -> None:
    """Swapping two keys of the head keeps the file byte-exact; reformat restores the order."""
    text = path.read_bytes().decode("utf-8")
    swapped = swap_lines(text, "title:", "category:")
    record = frontnews.loads(swapped)
    assert record.layout.key_order is not None
    assert record.layout.key_order[:2] == ("title", "category")
    assert frontnews.dumps(record) == swapped
    assert frontnews.reformat(swapped) == text.encode("utf-8")


def reorder_reference(text: str) -> str:
    """The reference sample with keys swapped inside the provider, an image and related articles."""
    edits = [
        (
            "provider:\n  name: Amnesty UK\n  domain: amnesty.org.uk\n",
            "provider:\n  domain: amnesty.org.uk\n  name: Amnesty UK\n",
        ),
        ("    width: 1200\n    height: 627\n", "    height: 627\n    width: 1200\n"),
        (
            "    provider:\n      name: CBS Local\n      domain: cbslocal.com\n",
            "    provider:\n      domain: cbslocal.com\n      name: CBS Local\n",
        ),
        ("        width: 980\n        height: 574\n", "        height: 574\n        width: 980\n"),
    ]
    for old, new in edits:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    return text


def test_keys_inside_nested_mappings_keep_the_files_order() -> None:
    """Provider, image and related-article keys in another order come back byte for byte."""
    text = REFERENCE.read_text(encoding="utf-8")
    reordered = reorder_reference(text)
    record = frontnews.loads(reordered)
    assert record.layout.key_order is None
    assert dict(record.layout.nested_key_orders) == {
        "provider": ("domain", "name"),
        "images[0]": ("url", "height", "width", "isCached"),
        "related[0].provider": ("domain", "name"),
        "related[1].images[0]": ("url", "height", "width", "isCached"),
    }
    assert frontnews.dumps(record) == reordered
    assert frontnews.loads(frontnews.dumps(record)) == record
    assert frontnews.reformat(reordered) == text.encode("utf-8")


def test_evolve_inside_a_reordered_mapping_keeps_its_order() -> None:
    """A changed provider keeps the file's order; a new image key goes where canonical puts it."""
    reordered = reorder_reference(REFERENCE.read_text(encoding="utf-8"))
    record = frontnews.loads(reordered)
    provider = attrs.evolve(record.provider, name="Amnesty")
    changed = frontnews.dumps(attrs.evolve(record, provider=provider))
    assert changed == reordered.replace("  name: Amnesty UK\n", "  name: Amnesty\n", 1)
    assert record.images is not None
    titled = attrs.evolve(record.images[0], title="Logo")
    with_title = frontnews.dumps(attrs.evolve(record, images=(titled,)))
    assert with_title == reordered.replace(
        "    isCached: true\n", '    isCached: true\n    title: "Logo"\n', 1
    )
    assert frontnews.loads(with_title).images == (titled,)


def test_published_before_removed_is_kept_as_the_file_has_it() -> None:
    """The real-world order seen in the corpus (published, then removed) round-trips."""
    text = frontnews.dumps(make_record(removed=True, published=False))
    swapped = swap_lines(text, "removed:", "published:")
    assert swapped.index("published:") < swapped.index("removed:")
    assert frontnews.dumps(frontnews.loads(swapped)) == swapped


def test_evolve_keeps_the_order_and_places_a_new_key_canonically() -> None:
    """A changed value stays in place; a key the file lacked goes where canonical order puts it."""
    text = swap_lines(frontnews.dumps(make_record(heat=None)), "title:", "category:")
    record = frontnews.loads(text)
    changed = frontnews.dumps(attrs.evolve(record, title="Changed"))
    assert changed == text.replace('title: "Ban the scan"', 'title: "Changed"')
    with_heat = frontnews.dumps(attrs.evolve(record, heat=7))
    assert with_heat == text.replace("quality: 38\n", "quality: 38\nheat: 7\n")
    without = frontnews.dumps(attrs.evolve(record, quality=None))
    assert "quality" not in without
    assert frontnews.loads(without).title == record.title


def test_unknown_keys_keep_their_place_among_known_ones() -> None:
    """An unknown key between two known ones is written back there."""
    text = frontnews.dumps(make_record()).replace(
        "quality: 38\n", "quality: 38\n\nreadingTime: 4\n", 1
    )
    record = frontnews.loads(text)
    assert record.extra["readingTime"] == 4
    assert frontnews.dumps(record) == text


@pytest.mark.parametrize(
    ("edit", "lines"),
    [
        (("category: news\n", "# an editor's note\ncategory: news\n"), (2,)),
        (("type: article\n", "type: article  # checked\n"), (7,)),
        (('title: "Ban the scan"', 'title: "Ban the # scan"'), ()),
        (('webUrl: "https://example.org/news/ban-the-scan"', "webUrl: https://x.org/a#frag"), ()),
        (("type: article\n", "type: article\nnote: |\n  # not a comment\n"), ()),
    ],
)
def test_comments_are_found_and_hashes_inside_values_are_not(
    edit: tuple[str, str], lines: tuple[int, ...]
) -> None:
    """Comment lines and trailing comments are recorded by line; a '#' inside a value is not."""
    old, new = edit
    text = frontnews.dumps(make_record())
    assert old in text
    assert frontnews.loads(text.replace(old, new, 1)).layout.comments == lines


def test_writing_a_record_with_comments_needs_drop_comments() -> None:
    """dumps and reformat refuse to drop comments silently, naming the lines; asked, they do."""
    text = frontnews.dumps(make_record()).replace("type: article\n", "type: article  # x\n", 1)
    record = frontnews.loads(text)
    line = text[: text.index("# x")].count("\n") + 1
    with pytest.raises(WriteError, match=rf"YAML comments \(line {line}\)"):
        frontnews.dumps(record)
    with pytest.raises(ReformatError, match=f"comments on line {line}") as caught:
        frontnews.reformat(text)
    assert caught.value.change == "comments"
    clean = frontnews.dumps(make_record()).encode("utf-8")
    assert frontnews.reformat(text, drop_comments=True) == clean
    assert frontnews.dumps(record, drop_comments=True).encode("utf-8") == clean


def test_unknown_keys_stay_before_the_token_when_only_a_nested_order_is_kept() -> None:
    """A canonical top level with an unknown key and a reordered provider comes back as it was."""
    text = frontnews.dumps(make_record()).replace(
        "  name: Amnesty UK\n  domain: amnesty.org.uk\n",
        "  domain: amnesty.org.uk\n  name: Amnesty UK\n",
        1,
    )
    at = text.index("\nsecured:")
    text = text[:at] + "\nreadingTime: 4\n" + text[at:]
    record = frontnews.loads(text)
    assert record.layout.key_order is None
    assert record.layout.nested_key_orders
    assert frontnews.dumps(record) == text


@pytest.mark.parametrize(
    ("old", "new", "style"),
    [
        (
            'webUrl: "https://example.org/news/ban-the-scan"',
            "webUrl: https://example.org/news/ban-the-scan",
            ("webUrl", ""),
        ),
        ('title: "Ban the scan"', "title: 'Ban the scan'", ("title", "'")),
        ("category: news", 'category: "news"', ("category", '"')),
        ("  - AI\n", '  - "AI"\n', ("topics[1]", '"')),
        ("  name: Amnesty UK\n", "  name: 'Amnesty UK'\n", ("provider.name", "'")),
    ],
)
def test_a_value_in_another_quoting_style_comes_back_byte_for_byte(
    old: str, new: str, style: tuple[str, str]
) -> None:
    """A URL left plain or a name in quotes keeps its style; reformat makes it canonical."""
    text = frontnews.dumps(make_record())
    assert text.count(old) == 1
    styled = text.replace(old, new)
    record = frontnews.loads(styled)
    assert attrs.evolve(record, layout=frontnews.Layout()) == frontnews.loads(text)
    assert record.layout.scalar_styles == (style,)
    assert frontnews.dumps(record) == styled
    assert frontnews.reformat(styled) == text.encode("utf-8")


def test_a_kept_style_gives_way_when_the_new_value_cannot_be_written_in_it() -> None:
    """A plain URL changed to text that needs quotes is quoted, and reads back the same."""
    text = frontnews.dumps(make_record()).replace(
        'webUrl: "https://example.org/news/ban-the-scan"',
        "webUrl: https://example.org/news/ban-the-scan",
    )
    record = frontnews.loads(text)
    changed = attrs.evolve(record, web_url="https://example.org/a #b")
    written = frontnews.dumps(changed)
    assert 'webUrl: "https://example.org/a #b"' in written
    assert frontnews.loads(written).web_url == "https://example.org/a #b"
    assert frontnews.dumps(attrs.evolve(record, title="New")).count("webUrl: https://") == 1
