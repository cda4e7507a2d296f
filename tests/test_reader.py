"""Reading records: the corpus, the layouts, and every kind of bad input."""

from __future__ import annotations

import io
import os
import tracemalloc
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

import frontnews
from frontnews import (
    EncodingError,
    FrontMatterError,
    FrontnewsError,
    LimitError,
    Limits,
    SchemaError,
    UnsafeYAMLError,
    YAMLSyntaxError,
)
from frontnews.files import PathLike, atomic_open, read_bytes, record_paths

from .conftest import DATA, REFERENCE_SAMPLE, SKIP_NO_SHARED, front_matter, shared_records, token_of

REFERENCE = (REFERENCE_SAMPLE).read_text(encoding="utf-8")


def _replace(old: str, new: str) -> str:
    assert old in REFERENCE
    return REFERENCE.replace(old, new, 1)


@SKIP_NO_SHARED
@pytest.mark.parametrize("path", shared_records("real"), ids=lambda p: p.name)
def test_every_real_record_loads_with_the_values_pyyaml_gives(path: Path) -> None:
    """Each real record loads, and its fields are what yaml.safe_load reads."""
    record = frontnews.load(path)
    expected = yaml.safe_load(front_matter(path.read_text("utf-8")))
    assert frontnews.to_dict(record) == expected
    assert list(frontnews.to_dict(record)) == list(expected)


@SKIP_NO_SHARED
@pytest.mark.parametrize("path", shared_records("transcribed"), ids=lambda p: p.name)
def test_every_transcribed_record_loads(path: Path) -> None:
    """The oldest generation of the format (unquoted URLs, no originalUrl) loads too."""
    record = frontnews.load(path)
    assert frontnews.to_dict(record) == yaml.safe_load(front_matter(path.read_text("utf-8")))


@pytest.mark.parametrize("path", sorted(DATA.glob("*/*.md")), ids=lambda p: p.name)
def test_own_records_load_with_the_values_pyyaml_gives(path: Path) -> None:
    """Our own test records, canonical or not, load as yaml.safe_load reads them."""
    record = frontnews.load(path)
    assert frontnews.to_dict(record) == yaml.safe_load(front_matter(path.read_text("utf-8")))


def test_reference_record_fields() -> None:
    """The reference record's fields land in the right attributes with the right types."""
    record = frontnews.loads(REFERENCE)
    assert (
        record.title == "Call to Ban Facial Recognition Technology that amplifies racist policing"
    )
    assert record.published_date_time.isoformat() == "2021-01-26T18:47:00+00:00"
    assert record.provider.name == "Amnesty UK"
    assert record.topics == ("Computer Vision", "AI")
    assert record.images is not None
    assert record.images[0].is_cached is True
    assert record.related is not None
    assert len(record.related) == 5
    assert record.related[1].images is not None
    assert record.related[0].amp_web_url is not None
    assert record.related[1].amp_web_url is None
    assert record.published is False
    assert record.heat == -1
    assert token_of(record).endswith(";0uCkNlNHzFj+MD78LkRqvg==")
    assert record.body == ""


def test_bytes_and_text_give_the_same_record() -> None:
    """loads accepts the text or the file's bytes."""
    assert frontnews.loads(REFERENCE) == frontnews.loads(REFERENCE.encode())


def test_load_accepts_a_binary_file_object() -> None:
    """load reads from an open binary file as well as from a path."""
    assert frontnews.load(io.BytesIO(REFERENCE.encode())) == frontnews.loads(REFERENCE)


def test_load_refuses_a_text_file_object(tmp_path: Path) -> None:
    """A file opened in text mode is a usage error, said plainly."""
    path = tmp_path / "r.md"
    path.write_text(REFERENCE, encoding="utf-8")
    with path.open(encoding="utf-8") as handle, pytest.raises(TypeError, match="binary"):
        frontnews.load(handle)  # type: ignore[arg-type]


def test_crlf_and_bom_are_recorded_in_the_layout() -> None:
    """Line endings and the byte order mark are kept as the record's layout."""
    crlf = frontnews.load(DATA / "canonical" / "crlf.md")
    assert crlf.layout == frontnews.Layout(newline="\r\n", bom=False)
    bom = frontnews.load(DATA / "canonical" / "bom.md")
    assert bom.layout == frontnews.Layout(newline="\n", bom=True)
    assert bom.title == "Saved with a byte order mark"


def test_body_may_hold_delimiter_lines() -> None:
    """The first closing line ends the front matter; later '---' lines are body."""
    record = frontnews.load(DATA / "canonical" / "body.md")
    assert record.body.startswith("# Heading\n")
    assert "\n---\n\nA horizontal rule" in record.body
    assert record.provider.name == "yes"
    assert record.topics == ("null", "2021")


def test_a_dots_line_closes_canonical_front_matter_before_a_later_dashes_line() -> None:
    """A '...' line ends canonical front matter even when a '---' line follows in the body."""
    text = REFERENCE_SAMPLE.read_text(encoding="utf-8")
    front = text.removeprefix("---\n").partition("\n---\n")[0]
    record = frontnews.loads(f"---\n{front}\n...\nThe body.\n---\nafter a rule\n")
    assert frontnews.to_dict(record) == yaml.safe_load(front)
    assert record.body == "The body.\n---\nafter a rule\n"


def test_unknown_keys_are_kept_in_order() -> None:
    """Keys frontnews does not know survive, at every level, in file order."""
    record = frontnews.load(DATA / "other" / "unknown-keys.md")
    assert list(record.extra) == ["zeta", "alpha", "middle"]
    assert record.provider.extra == {"country": "NZ"}
    assert record.related is not None
    assert record.related[0].extra == {"score": 0.5}


def test_offsets_and_fractions_are_kept() -> None:
    """A +05:30 offset and fractional seconds are kept, not normalised to UTC."""
    record = frontnews.load(DATA / "other" / "hand-edited.md")
    when = record.published_date_time
    assert when.utcoffset() is not None
    assert when.utcoffset().total_seconds() == 5.5 * 3600  # type: ignore[union-attr]
    assert when.microsecond == 250_000


def test_iter_records_streams_one_record_at_a_time(tmp_path: Path) -> None:
    """iter_records yields the good records before it reaches a bad one."""
    for name in ("a.md", "b.md"):
        (tmp_path / name).write_text(REFERENCE, encoding="utf-8")
    (tmp_path / "c.md").write_text("---\ntitle: [unclosed\n", encoding="utf-8")
    records: Iterator[frontnews.Record] = frontnews.iter_records(tmp_path)
    assert next(records).title == next(frontnews.iter_records(tmp_path / "a.md")).title
    assert next(records) is not None
    with pytest.raises(FrontMatterError, match=r"c\.md"):
        next(records)


def test_iter_records_takes_files_and_folders(tmp_path: Path) -> None:
    """A list may mix files and folders; folders are read recursively in sorted order."""
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "z.md").write_text(REFERENCE, encoding="utf-8")
    (tmp_path / "sub" / "notes.txt").write_text("not a record", encoding="utf-8")
    single = DATA / "canonical" / "minimal.md"
    paths: list[PathLike] = [single, tmp_path]
    titles = [r.title for r in frontnews.iter_records(paths)]
    assert titles == [frontnews.load(single).title, frontnews.loads(REFERENCE).title]


def test_iter_records_skips_found_files_without_front_matter(tmp_path: Path) -> None:
    """A folder walk skips a README (no '---' line), and tells on_skip; a BOM is allowed."""
    (tmp_path / "a.md").write_text(REFERENCE, encoding="utf-8")
    (tmp_path / "README.md").write_text("# Notes\n\n---\n", encoding="utf-8")
    (tmp_path / "empty.md").write_bytes(b"")
    (tmp_path / "bom.md").write_bytes(b"\xef\xbb\xbf" + REFERENCE.encode("utf-8"))
    skipped: list[Path] = []
    records = list(frontnews.iter_records(tmp_path, on_skip=skipped.append))
    assert len(records) == 2
    assert skipped == [tmp_path / "README.md", tmp_path / "empty.md"]
    assert len(list(frontnews.iter_records(tmp_path))) == 2  # on_skip is optional


def test_iter_records_a_named_file_without_front_matter_is_an_error(tmp_path: Path) -> None:
    """A file the caller names is read as a record whatever it holds."""
    readme = tmp_path / "README.md"
    readme.write_text("# Notes\n", encoding="utf-8")
    with pytest.raises(FrontMatterError, match=r"README\.md:1: no front matter"):
        list(frontnews.iter_records([readme]))


def test_iter_records_include_and_exclude_choose_the_files(tmp_path: Path) -> None:
    """Globs match from the right of the path below the folder; exclude prunes folders."""
    for name in ("_posts/a.md", "_posts/b.markdown", "_drafts/c.md", "index.md", "x/_posts/d.md"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(REFERENCE, encoding="utf-8")

    def names(**globs: Any) -> list[str]:
        return [p.relative_to(tmp_path).as_posix() for p in record_paths(tmp_path, **globs)]

    assert names() == ["_drafts/c.md", "_posts/a.md", "index.md", "x/_posts/d.md"]
    assert names(include=["_posts/*"]) == ["_posts/a.md", "_posts/b.markdown", "x/_posts/d.md"]
    assert names(exclude=["_drafts", "index.md"]) == ["_posts/a.md", "x/_posts/d.md"]
    assert names(include="*.markdown") == ["_posts/b.markdown"]  # one pattern as a string
    records = frontnews.iter_records(tmp_path, include=["*.md", "*.markdown"], exclude=["x"])
    assert len(list(records)) == 4
    # A file named explicitly is read even if the globs would leave it out.
    assert names_of(record_paths(tmp_path / "index.md", exclude=["index.md"])) == ["index.md"]


def names_of(paths: Iterable[Path]) -> list[str]:
    return [p.name for p in paths]


def test_record_paths_walk_folders_in_sorted_path_order(tmp_path: Path) -> None:
    """Folders give their *.md files in the order sorted(rglob) gives, without a full listing."""
    for name in ("a/b/y.md", "a/x.md", "a b.md", "a.md", "B.md", "d.md/e.md", "a/b/z.txt"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x", encoding="utf-8")
    (tmp_path / "link.md").symlink_to(tmp_path / "a.md")
    (tmp_path / "linked-folder").symlink_to(tmp_path / "a", target_is_directory=True)
    expected = [p for p in sorted(tmp_path.rglob("*.md")) if p.is_file()]
    found = list(record_paths(tmp_path))
    assert found == expected
    assert tmp_path / "linked-folder" / "x.md" not in found  # folder links are not followed
    assert tmp_path / "link.md" in found  # file links are


# --- bad input: each raises a FrontnewsError subclass naming file, line and field ---


def _error(text: str | bytes, tmp_path: Path, limits: Limits | None = None) -> FrontnewsError:
    path = tmp_path / "bad.md"
    path.write_bytes(text.encode() if isinstance(text, str) else text)
    with pytest.raises(FrontnewsError) as info:
        frontnews.load(path, limits=limits or Limits())
    assert str(path) in str(info.value)
    return info.value


def test_no_front_matter(tmp_path: Path) -> None:
    """A file that does not start with '---' is refused at line 1."""
    error = _error("title: x\n", tmp_path)
    assert isinstance(error, FrontMatterError)
    assert ":1: no front matter" in str(error)


def test_unclosed_front_matter(tmp_path: Path) -> None:
    """A front matter block with no closing line is refused."""
    error = _error("---\ntitle: x\n", tmp_path)
    assert isinstance(error, FrontMatterError)
    assert "unclosed" in str(error)


def test_invalid_yaml_names_the_line(tmp_path: Path) -> None:
    """A YAML syntax error reports the file line, counting the opening '---'."""
    error = _error(_replace("type: article\n", "type: [article\n"), tmp_path)
    assert isinstance(error, YAMLSyntaxError)
    assert error.line is not None
    assert 8 <= error.line <= 12


def test_invalid_utf8_names_the_line(tmp_path: Path) -> None:
    """Bytes that are not UTF-8 are refused with their line and offset."""
    data = _replace("Amnesty UK", "Amnesty \xff").encode().replace(b"\xc3\xbf", b"\xff")
    error = _error(data, tmp_path)
    assert isinstance(error, EncodingError)
    assert error.line == 14
    assert "0xFF" in str(error)


def test_nul_byte_is_refused(tmp_path: Path) -> None:
    """A NUL character is refused with its line."""
    error = _error(_replace("type: article", "type: art\x00icle"), tmp_path)
    assert isinstance(error, EncodingError)
    assert error.line == 8


def test_control_character_in_front_matter_is_refused(tmp_path: Path) -> None:
    """A raw control character YAML forbids gives a YAML error, not a crash."""
    error = _error(_replace("type: article", "type: art\x01icle"), tmp_path)
    assert isinstance(error, YAMLSyntaxError)


def test_wrong_type_quality(tmp_path: Path) -> None:
    """quality: "high" names the field and its line."""
    error = _error(_replace("quality: 38", 'quality: "high"'), tmp_path)
    assert isinstance(error, SchemaError)
    assert error.field == "quality"
    assert error.line == 9
    assert f"{error.file}:9: quality: expected an integer, got str 'high'" == str(error)


def test_wrong_type_topics(tmp_path: Path) -> None:
    """topics: 3 is not silently turned into a list."""
    text = _replace("topics:\n  - Computer Vision\n  - AI\n", "topics: 3\n")
    error = _error(text, tmp_path)
    assert isinstance(error, SchemaError)
    assert error.field == "topics"
    assert "expected a list, got int 3" in str(error)


def test_string_is_not_split_into_topics(tmp_path: Path) -> None:
    """topics: "AI" is refused rather than read as ('A', 'I')."""
    error = _error(_replace("topics:\n  - Computer Vision\n  - AI\n", 'topics: "AI"\n'), tmp_path)
    assert isinstance(error, SchemaError)
    assert error.field == "topics"


def test_nested_field_path_and_line(tmp_path: Path) -> None:
    """A bad value deep inside related articles is named by its full path."""
    error = _error(_replace("quality: 37", "quality: high"), tmp_path)
    assert isinstance(error, SchemaError)
    assert error.field == "related[2].quality"
    lines = REFERENCE.splitlines()
    assert lines[error.line - 1].strip() == "quality: 37"  # type: ignore[operator]


def test_missing_required_field(tmp_path: Path) -> None:
    """A missing title is reported as missing, with the line of its mapping."""
    error = _error(_replace('title: "Call to Ban', 'headline: "Call to Ban'), tmp_path)
    assert isinstance(error, SchemaError)
    assert error.field == "title"
    assert "missing required field" in str(error)
    assert error.line == 2


def test_missing_nested_field(tmp_path: Path) -> None:
    """A related article without its provider's domain names related[0].provider.domain."""
    error = _error(_replace("      domain: cbslocal.com\n", ""), tmp_path)
    assert isinstance(error, SchemaError)
    assert error.field == "related[0].provider.domain"


def test_date_without_time_is_refused(tmp_path: Path) -> None:
    """publishedDateTime must carry a time, and the error says so."""
    error = _error(_replace("2021-01-26T18:47:00Z", "2021-01-26"), tmp_path)
    assert isinstance(error, SchemaError)
    assert "with no time" in str(error)


def test_python_tags_are_refused(tmp_path: Path) -> None:
    """A Python object tag never runs: it is an UnsafeYAMLError naming the line."""
    text = _replace("type: article", 'type: !!python/object/apply:os.system ["echo pwned"]')
    error = _error(text, tmp_path)
    assert isinstance(error, UnsafeYAMLError)
    assert error.line == 8
    assert "python/object/apply:os.system" in str(error)


def test_custom_tags_are_refused(tmp_path: Path) -> None:
    """Any tag outside YAML's standard safe set is refused."""
    error = _error(_replace("type: article", "type: !custom article"), tmp_path)
    assert isinstance(error, UnsafeYAMLError)


def test_duplicate_keys_are_refused(tmp_path: Path) -> None:
    """A key given twice would lose a value silently, so it is an error."""
    error = _error(_replace("type: article\n", "type: article\ntype: video\n"), tmp_path)
    assert isinstance(error, YAMLSyntaxError)
    assert "duplicate key 'type' (first on line 8)" in str(error)
    assert error.line == 9


BOMB = "\n".join(
    ["---", 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    + [
        f"{chr(98 + i)}: &{chr(98 + i)} [" + ",".join([f"*{chr(97 + i)}"] * 9) + "]"
        for i in range(8)
    ]
    + ["---", ""]
)


def test_alias_bomb_is_refused_with_bounded_memory(tmp_path: Path) -> None:
    """A billion-laughs document is refused by the node budget, without growing memory."""
    tracemalloc.start()
    try:
        error = _error(BOMB, tmp_path)
    finally:
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    assert isinstance(error, LimitError)
    assert "max_nodes" in str(error)  # stopped by counting, whatever the machine's speed
    assert peak < 20 * 1024 * 1024


def test_many_aliases_are_refused(tmp_path: Path) -> None:
    """More alias uses than Limits.max_aliases is an error even when the tree is small."""
    text = "---\nx: &x 1\ny: [" + ", ".join(["*x"] * 5) + "]\n---\n"
    error = _error(text, tmp_path, Limits(max_aliases=4))
    assert isinstance(error, LimitError)
    assert "max_aliases" in str(error)


def test_alias_limit_names_the_line_of_the_alias(tmp_path: Path) -> None:
    """The error points at the alias over the limit, and names the anchor's line."""
    text = "---\nbase: &b [1, 2]\na: *b\nb: *b\nc: *b\n---\n"
    error = _error(text, tmp_path, Limits(max_aliases=2))
    assert isinstance(error, LimitError)
    assert (error.line, error.column) == (5, 1)
    assert "repeats the node on line 2" in str(error)


def test_nodes_inside_a_repeated_node_are_not_alias_uses(tmp_path: Path) -> None:
    """Repeating a list of two items is one alias use, not three."""
    text = "---\nbase: &b [1, 2]\na: *b\nb: *b\n---\n"
    error = _error(text, tmp_path, Limits(max_aliases=2))
    assert not isinstance(error, LimitError)
    assert isinstance(error, SchemaError)  # it fails later, on the missing fields


def test_deep_nesting_is_refused(tmp_path: Path) -> None:
    """Front matter nested deeper than Limits.max_depth is refused, not recursed into."""
    text = "---\nx: " + "[" * 200 + "]" * 200 + "\n---\n"
    assert isinstance(_error(text, tmp_path), LimitError)


def test_fifty_megabyte_file_is_refused_without_reading_it(tmp_path: Path) -> None:
    """A 50 MB file fails on its size before a byte of it is read."""
    path = tmp_path / "huge.md"
    with path.open("wb") as handle:
        handle.write(REFERENCE.encode())
        handle.truncate(50 * 1024 * 1024)
    tracemalloc.start()
    try:
        with pytest.raises(LimitError, match=r"52,428,800 bytes, more than the limit") as info:
            frontnews.load(path)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 1024 * 1024  # the 50 MB were never read into memory
    assert str(path) in str(info.value)


def test_load_allocates_about_the_file_not_the_limit(tmp_path: Path) -> None:
    """Reading a small record allocates about its size, not Limits.max_bytes (8 MiB)."""
    path = tmp_path / "a.md"
    path.write_text(REFERENCE, encoding="utf-8")
    tracemalloc.start()
    try:
        frontnews.load(path)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 1024 * 1024


def test_a_file_that_grew_after_its_size_was_taken_is_read_whole_or_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """If fstat reports less than the file holds, the rest is read, up to the limit."""
    path = tmp_path / "a.md"
    path.write_text(REFERENCE, encoding="utf-8")
    real_fstat = os.fstat

    def stale_fstat(fd: int) -> os.stat_result:
        result = real_fstat(fd)
        return os.stat_result((*result[:6], 10, *result[7:]))  # st_size = 10

    monkeypatch.setattr(os, "fstat", stale_fstat)
    assert read_bytes(path) == REFERENCE.encode()
    with pytest.raises(LimitError, match="more than the limit"):
        read_bytes(path, limits=Limits(max_bytes=100))


def test_oversized_bytes_and_text_are_refused() -> None:
    """loads checks the size of bytes and text alike."""
    big = REFERENCE + "x" * 2000
    with pytest.raises(LimitError):
        frontnews.loads(big, limits=Limits(max_bytes=1000))
    with pytest.raises(LimitError):
        frontnews.loads(big.encode(), limits=Limits(max_bytes=1000))
    assert frontnews.loads(big, limits=Limits(max_bytes=10_000)).body == "x" * 2000


def test_empty_front_matter(tmp_path: Path) -> None:
    """Delimiters with nothing between them are a schema error, not a crash."""
    error = _error("---\n---\n", tmp_path)
    assert isinstance(error, SchemaError)
    assert "the front matter is empty" in str(error)


def test_front_matter_must_be_a_mapping(tmp_path: Path) -> None:
    """A list at the top of the front matter is refused."""
    error = _error("---\n- a\n- b\n---\n", tmp_path)
    assert isinstance(error, SchemaError)
    assert "not a mapping" in str(error)


def test_missing_file_is_a_frontnews_error(tmp_path: Path) -> None:
    """A path that does not exist raises a FrontnewsError naming it."""
    with pytest.raises(FrontnewsError, match=r"nope\.md"):
        frontnews.load(tmp_path / "nope.md")


def test_errors_are_never_bare_library_errors() -> None:
    """Garbage of many shapes raises only FrontnewsError subclasses."""
    samples = [
        b"",
        b"---",
        b"---\n",
        b"---\n:\n---\n",
        b"---\n[\n---\n",
        b"---\n{a: b}: c\n---\n",
        b"---\n? [a, b]\n: c\n---\n",
        b"---\ntitle: !!binary notbase64@@\n---\n",
        b"---\ntitle: !!timestamp nope\n---\n",
        b"---\r---\r",
        "---\ncategory: n\u2028x\n---\n".encode(),
    ]
    for data in samples:
        with pytest.raises(FrontnewsError):
            frontnews.loads(data)


def test_atomic_open_names_the_missing_folder_not_a_temporary_file(tmp_path: Path) -> None:
    """Every caller of atomic_open (dump, fmt, export -o) hears about the folder it gave."""
    target = tmp_path / "out" / "nodir" / "x.csv"
    with pytest.raises(FileNotFoundError) as caught, atomic_open(target):
        pass
    assert caught.value.filename == str(tmp_path / "out" / "nodir")
    assert "frontnews-tmp" not in str(caught.value)
    with pytest.raises(IsADirectoryError) as over_a_folder, atomic_open(tmp_path):
        pass
    assert over_a_folder.value.filename == str(tmp_path)
    assert list(tmp_path.iterdir()) == []  # no temporary file left behind
