"""The ``csv`` exporter, checked with readers someone else wrote: the csv module, pandas, duckdb."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import math
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import attrs
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rfc3339_validator import validate_rfc3339

import frontnews
from frontnews import ExportError, Extra, Image, Provider, Record, RelatedArticle, Secured
from frontnews.filters import instant
from frontnews.plugins import get_exporters

from .conftest import make_record, token_of
from .strategies import records

HEADER = [
    "category",
    "title",
    "excerpt",
    "publishedDateTime",
    "originalUrl",
    "webUrl",
    "ampWebUrl",
    "cdnAmpWebUrl",
    "type",
    "quality",
    "heat",
    "removed",
    "published",
    "featuredContent",
    "provider.name",
    "provider.domain",
    "provider.images",
    "provider.extra",
    "topics",
    "images",
    "related",
    "extra",
    "body",
]
TEXT_COLUMNS = [
    "category",
    "title",
    "excerpt",
    "originalUrl",
    "webUrl",
    "ampWebUrl",
    "cdnAmpWebUrl",
    "type",
    "featuredContent",
    "provider.name",
    "provider.domain",
    "body",
]
JSON_COLUMNS = ["provider.images", "provider.extra", "topics", "images", "related", "extra"]
TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
BOM = b"\xef\xbb\xbf"
UTC = dt.timezone.utc


def full_record() -> Record:
    """A record with every optional field present."""
    logo = Image(url="https://example.org/logo.png", width=10, height=20, title="Logo")
    related = RelatedArticle(
        title="Other",
        excerpt="Other excerpt",
        published_date_time=dt.datetime(2021, 1, 25, 9, 0, tzinfo=UTC),
        web_url="https://other.example/a",
        amp_web_url="https://other.example/a/amp",
        cdn_amp_web_url="https://cdn.example/a/amp",
        type="article",
        provider=Provider(name="Other", domain="other.example", images=(logo,)),
        quality=54,
    )
    return make_record(
        original_url="https://example.org/orig",
        web_url="https://example.org/web",
        amp_web_url="https://example.org/amp",
        cdn_amp_web_url="https://cdn.example/amp",
        quality=38,
        heat=-1,
        removed=False,
        published=True,
        featured_content="Featured",
        provider=Provider(name="Example", domain="example.org", images=(logo,)),
        images=(Image(url="https://example.org/a.jpg", width=1200, height=627, is_cached=True),),
        related=(related,),
        extra=Extra({"newKey": "value"}),
        body="Body text\n",
    )


def export_bytes(items: Any, **kwargs: Any) -> bytes:
    """Export with the public API and return the bytes written."""
    out = io.BytesIO()
    frontnews.export(items, "csv", out, **kwargs)
    return out.getvalue()


def read_rows(data: bytes) -> list[list[str]]:
    """Every row, header included, as the csv module reads it."""
    text = data.decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text, newline="")))


def read_dicts(data: bytes) -> list[dict[str, str]]:
    """The records' rows as dictionaries, read by the csv module."""
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def read_pandas(data: bytes) -> pd.DataFrame:
    """The file as pandas reads it, every cell kept as exact text."""
    return pd.read_csv(io.BytesIO(data), dtype=str, keep_default_na=False, encoding="utf-8")


def guarded(text: str) -> str:
    """The documented guard: a leading ``'`` before a formula trigger."""
    return "'" + text if text.startswith(TRIGGERS) else text


def clean(text: str) -> str:
    """The documented surrogate rule: a high+low pair joins, any other surrogate is U+FFFD."""

    def join(pair: re.Match[str]) -> str:
        high, low = (ord(c) for c in pair.group())
        return chr(0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00))

    joined = re.sub("[\ud800-\udbff][\udc00-\udfff]", join, text)
    return re.sub("[\ud800-\udfff]", "\ufffd", joined)


def test_exporter_is_registered_as_csv_with_media_type_suffix_and_options() -> None:
    """The plugin registers ``csv`` with its media type, suffix and option defaults."""
    exporter = get_exporters()["csv"]
    assert exporter.media_type == "text/csv; charset=utf-8"
    assert exporter.suffix == ".csv"
    assert dict(exporter.defaults) == {"bom": False, "guard_formulas": True}


def test_header_is_the_documented_order_for_sparse_and_full_records() -> None:
    """The header never depends on which optional fields the records hold."""
    sparse = read_rows(export_bytes([make_record()]))
    full = read_rows(export_bytes([full_record()]))
    none = read_rows(export_bytes([]))
    assert sparse[0] == full[0] == none[0] == HEADER
    assert all(len(row) == len(HEADER) for row in sparse + full)
    assert len(none) == 1


def test_records_end_with_crlf() -> None:
    """Every row, the last one included, ends with CRLF and no bare LF appears."""
    data = export_bytes(
        [make_record(), attrs.evolve(full_record(), body="flat"), make_record(title="Third")]
    )
    assert data.endswith(b"\r\n")
    assert data.count(b"\n") == data.count(b"\r\n") == 4


def test_commas_quotes_and_line_breaks_are_quoted_and_read_back() -> None:
    """Fields with a comma, a quote, CR or LF are quoted, quotes doubled, and read back exactly."""
    title = 'Say "hi", then\nleave\r\nnow\rplease'
    data = export_bytes([make_record(title=title, excerpt="a,b")])
    assert b'"Say ""hi"", then\nleave\r\nnow\rplease"' in data
    assert b',"a,b",' in data
    assert read_dicts(data)[0]["title"] == title
    frame = read_pandas(data)
    assert frame["title"].tolist() == [title]
    assert frame["excerpt"].tolist() == ["a,b"]


def test_bom_is_written_only_when_asked() -> None:
    """Without ``bom`` the file starts with the header; with it, with EF BB BF and the header."""
    plain = export_bytes([make_record()])
    marked = export_bytes([make_record()], bom=True)
    assert plain.startswith(b"category,")
    assert marked.startswith(BOM + b"category,")
    assert marked[len(BOM) :] == plain
    assert read_pandas(marked).columns.tolist() == HEADER


def test_formula_guard_prefixes_every_trigger_in_text_cells_by_default() -> None:
    """A text cell starting with = + - @ tab or CR gets a leading quote; other cells do not."""
    for trigger in TRIGGERS:
        value = trigger + "SUM(A1)"
        record = make_record(
            title=value,
            category=value,
            web_url=value,
            provider=Provider(name=value, domain=value),
            body=value,
            heat=-1,
            quality=-5,
            topics=(value,),
        )
        row = read_dicts(export_bytes([record]))[0]
        for column in ("title", "category", "webUrl", "provider.name", "provider.domain", "body"):
            assert row[column] == "'" + value, (trigger, column)
        assert row["heat"] == "-1"
        assert row["quality"] == "-5"
        assert json.loads(row["topics"]) == [value]


def test_formula_guard_leaves_harmless_text_alone() -> None:
    """Text that does not start with a trigger, or has one further in, is not changed."""
    for value in ("a=b", "'Tis", "'", " =space", "x-1", ""):
        assert read_dicts(export_bytes([make_record(title=value)]))[0]["title"] == value


def test_formula_guard_quotes_text_that_looks_guarded() -> None:
    """Text starting with ' and a trigger (or two ') gets a ' too, so the guard can be undone."""
    for value in ("'=quoted", "''", "'+1"):
        assert read_dicts(export_bytes([make_record(title=value)]))[0]["title"] == "'" + value


def test_formula_guard_can_be_turned_off() -> None:
    """With ``guard_formulas=False`` text cells are written exactly as given."""
    record = make_record(title="=HYPERLINK(1)", excerpt="+1", category="@x", type="-t")
    row = read_dicts(export_bytes([record], guard_formulas=False))[0]
    assert [row["title"], row["excerpt"], row["category"], row["type"]] == [
        "=HYPERLINK(1)",
        "+1",
        "@x",
        "-t",
    ]


def test_secured_column_is_absent_by_default() -> None:
    """No ``secured`` column and no token bytes unless the caller opts in."""
    record = make_record()
    data = export_bytes([record])
    assert "secured" not in read_rows(data)[0]
    assert token_of(record).encode() not in data


def test_secured_column_is_last_when_included() -> None:
    """With ``include_secured`` the token is the last column, guarded like any text."""
    records = [make_record(), make_record(secured=Secured("+abc;def="))]
    rows = read_rows(export_bytes(records, include_secured=True))
    assert rows[0] == [*HEADER, "secured"]
    assert [r[-1] for r in rows[1:]] == [token_of(records[0]), "'+abc;def="]
    raw = read_rows(export_bytes(records, include_secured=True, guard_formulas=False))
    assert raw[2][-1] == "+abc;def="


def test_rows_keep_the_callers_order() -> None:
    """Rows come out in the order the records were given."""
    titles = ["b", "a", "c", "a2"]
    rows = read_dicts(export_bytes([make_record(title=t) for t in titles]))
    assert [r["title"] for r in rows] == titles


def test_same_input_gives_same_bytes() -> None:
    """Exporting the same records twice gives identical bytes."""
    items = [full_record(), make_record()]
    assert export_bytes(items) == export_bytes(items)


def test_sets_in_extra_give_same_bytes_under_any_hash_seed() -> None:
    """A YAML set in ``extra`` is written in the same order whatever PYTHONHASHSEED is."""
    # The child process reads the record, so the set is built under the child's hash seed.
    text = frontnews.dumps(make_record(extra=Extra({"tags": frozenset("abcdefghij")})))
    program = (
        "import io, sys, frontnews\n"
        "from frontnews import ExportOptions\n"
        "from frontnews.exporters.csv import EXPORTER\n"
        "r = frontnews.loads(sys.stdin.buffer.read())\n"
        "assert type(r.extra['tags']) is frozenset\n"
        "out = io.BytesIO()\n"
        "EXPORTER.write([r], out, None, ExportOptions(params=EXPORTER.defaults))\n"
        "sys.stdout.buffer.write(out.getvalue())\n"
    )
    outputs = set()
    for seed in ("1", "2", "3"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        done = subprocess.run(
            [sys.executable, "-c", program],
            input=text.encode("utf-8"),
            env=env,
            capture_output=True,
            check=True,
        )
        outputs.add(done.stdout)
    assert len(outputs) == 1
    row = read_dicts(outputs.pop())[0]
    assert json.loads(row["extra"])["tags"] == list("abcdefghij")


def test_each_row_is_written_before_the_next_record_is_read() -> None:
    """The exporter streams: a record's row is in the stream before the next record is pulled."""
    out = io.BytesIO()
    titles = ["first", "second", "third"]

    def produce() -> Iterator[Record]:
        for i, title in enumerate(titles):
            if i:
                assert titles[i - 1].encode() in out.getvalue()
                assert title.encode() not in out.getvalue()
            else:
                assert out.getvalue().endswith(b"body\r\n")
            yield make_record(title=title)

    frontnews.export(produce(), "csv", out)
    assert [r["title"] for r in read_dicts(out.getvalue())] == titles


def test_dates_keep_their_offset_and_naive_means_utc() -> None:
    """RFC 3339 with the record's own offset, naive as UTC (``Z``), a seconds offset in UTC."""
    times = [
        dt.datetime(2021, 1, 26, 18, 47, tzinfo=UTC),
        dt.datetime(2021, 1, 26, 18, 47, 5, 123, tzinfo=dt.timezone(dt.timedelta(hours=-5))),
        dt.datetime(999, 12, 31, 23, 59, tzinfo=dt.timezone(dt.timedelta(hours=5, minutes=30))),
        dt.datetime(2021, 1, 26, 18, 47),
    ]
    odd = dt.datetime(2021, 1, 1, 12, 0, tzinfo=dt.timezone(dt.timedelta(hours=1, seconds=30)))
    rows = read_dicts(export_bytes([make_record(published_date_time=t) for t in [*times, odd]]))
    cells = [r["publishedDateTime"] for r in rows]
    assert cells.pop() == "2021-01-01T10:59:30Z"
    assert cells[0] == cells[-1] == "2021-01-26T18:47:00Z"
    for cell, expected in zip(cells, times, strict=True):
        assert validate_rfc3339(cell), cell
        parsed = dt.datetime.fromisoformat(cell)
        assert parsed == instant(expected)
        assert parsed.utcoffset() == instant(expected).utcoffset()


def test_booleans_are_true_false_and_absent_values_are_empty() -> None:
    """Flags read ``true``/``false``; every absent optional field is an empty cell."""
    rows = read_dicts(
        export_bytes(
            [make_record(published=True, removed=False), make_record(web_url=None, quality=None)],
            include_unpublished=True,
            guard_formulas=False,
        )
    )
    assert (rows[0]["published"], rows[0]["removed"]) == ("true", "false")
    optional = [
        "originalUrl",
        "webUrl",
        "ampWebUrl",
        "cdnAmpWebUrl",
        "quality",
        "heat",
        "published",
        "removed",
        "featuredContent",
        "provider.images",
        "provider.extra",
        "images",
        "related",
        "extra",
        "body",
    ]
    assert {c: rows[1][c] for c in optional} == dict.fromkeys(optional, "")


def test_nested_fields_are_json_cells_in_file_order() -> None:
    """Topics, images, related, provider images and extra are JSON that json.loads reads back."""
    record = full_record()
    row = read_dicts(export_bytes([record]))[0]
    assert row["provider.name"] == "Example"
    assert row["provider.domain"] == "example.org"
    logo = {"url": "https://example.org/logo.png", "width": 10, "height": 20, "title": "Logo"}
    assert json.loads(row["provider.images"]) == [logo]
    assert json.loads(row["topics"]) == ["Computer Vision", "AI"]
    images = json.loads(row["images"])
    assert images == [
        {"url": "https://example.org/a.jpg", "width": 1200, "height": 627, "isCached": True}
    ]
    assert list(images[0]) == ["url", "width", "height", "isCached"]
    related = json.loads(row["related"])
    assert related == [
        {
            "title": "Other",
            "excerpt": "Other excerpt",
            "publishedDateTime": "2021-01-25T09:00:00Z",
            "webUrl": "https://other.example/a",
            "ampWebUrl": "https://other.example/a/amp",
            "cdnAmpWebUrl": "https://cdn.example/a/amp",
            "type": "article",
            "provider": {"name": "Other", "domain": "other.example", "images": [logo]},
            "quality": 54,
        }
    ]
    assert list(related[0])[:4] == ["title", "excerpt", "publishedDateTime", "webUrl"]
    assert json.loads(row["extra"]) == {"newKey": "value"}
    assert row["body"] == "Body text\n"


def test_topics_keep_none_as_null_and_empty_lists_stay_lists() -> None:
    """A null topic is ``null`` in the JSON array; no topics is ``[]``, no images key is empty."""
    rows = read_dicts(
        export_bytes([make_record(topics=("a; b", None, "")), make_record(topics=(), images=())])
    )
    assert json.loads(rows[0]["topics"]) == ["a; b", None, ""]
    assert rows[1]["topics"] == "[]"
    assert rows[1]["images"] == "[]"
    assert rows[0]["images"] == ""


def test_json_cells_keep_non_ascii_text_unescaped() -> None:
    """JSON cells are UTF-8 text (``ensure_ascii=False``), not ``\\u`` escapes."""
    row = read_dicts(export_bytes([make_record(topics=("Café \U0001f600",))]))[0]
    assert row["topics"] == '["Café \U0001f600"]'


def test_extra_values_are_written_as_plain_json() -> None:
    """Dates become RFC 3339 text, sets sorted lists, non-finite floats YAML text, keys text."""
    extra = Extra(
        {
            "when": dt.datetime(2020, 5, 1, 12, 0, tzinfo=dt.timezone(dt.timedelta(hours=2))),
            "day": dt.date(2020, 5, 1),
            "tags": frozenset({"b", "a"}),
            "floats": [1.5, math.inf, -math.inf, math.nan],
            "blob": b"\x00\xff",
            7: None,
            True: {"nested": [1, "two"]},
        }
    )
    row = read_dicts(export_bytes([make_record(extra=extra)]))[0]
    assert json.loads(row["extra"]) == {
        "when": "2020-05-01T12:00:00+02:00",
        "day": "2020-05-01",
        "tags": ["a", "b"],
        "floats": [1.5, ".inf", "-.inf", ".nan"],
        "blob": "AP8=",
        "7": None,
        "true": {"nested": [1, "two"]},
    }


def test_unwritable_extra_value_raises_export_error() -> None:
    """A value no YAML loader makes (an arbitrary object) is refused with ExportError."""
    with pytest.raises(ExportError, match="object"):
        export_bytes([make_record(extra=Extra({"x": object()}))])


def test_lone_surrogates_become_replacement_characters() -> None:
    """Lone surrogates, which UTF-8 cannot hold, are written as U+FFFD in every cell."""
    record = make_record(title="a\ud800b\udfff", topics=("\udfff",), extra=Extra({"k\udc80": "v"}))
    row = read_dicts(export_bytes([record]))[0]
    assert row["title"] == "a\ufffdb\ufffd"
    assert json.loads(row["topics"]) == ["\ufffd"]
    assert json.loads(row["extra"]) == {"k\ufffd": "v"}


def test_surrogate_pairs_become_the_character_they_stand_for() -> None:
    """A high surrogate followed by a low one is written as one character, as in JSON."""
    title = "smile \ud83d\ude00, stray \ude00\ud83d"
    row = read_dicts(export_bytes([make_record(title=title)]))[0]
    assert row["title"] == "smile \U0001f600, stray \ufffd\ufffd" == clean(title)


@pytest.mark.parametrize("name", ["bom", "guard_formulas"])
def test_non_boolean_option_raises_export_error(name: str) -> None:
    """``bom`` and ``guard_formulas`` take only True or False."""
    with pytest.raises(ExportError, match=name):
        export_bytes([make_record()], **{name: "yes"})


def test_duckdb_reads_the_same_cells(tmp_path: Path) -> None:
    """DuckDB's CSV reader sees the same header and cells as the csv module."""
    duckdb = pytest.importorskip("duckdb")
    items = [full_record(), make_record(title='Multi\r\nline, "quoted"'), make_record()]
    data = export_bytes(items, bom=True)
    path = tmp_path / "records.csv"
    path.write_bytes(data)
    relation = duckdb.connect().read_csv(
        str(path), header=True, all_varchar=True, sep=",", quotechar='"', escapechar='"'
    )
    assert relation.columns == HEADER
    # DuckDB reads an empty cell as NULL.
    got = [["" if cell is None else cell for cell in row] for row in relation.fetchall()]
    assert got == read_rows(data)[1:]


@settings(max_examples=100, deadline=None)
@given(st.lists(records(), max_size=4), st.booleans())
def test_any_records_read_back_with_csv_and_pandas(items: list[Record], guard: bool) -> None:
    """Every record is one row; its text reads back per the documented guard and replacement."""
    data = export_bytes(items, include_unpublished=True, include_secured=True, guard_formulas=guard)
    rows = read_dicts(data)
    frame = read_pandas(data)
    assert len(rows) == len(frame) == len(items)
    assert frame.columns.tolist() == [*HEADER, "secured"]
    for record, row, (_, cells) in zip(items, rows, frame.iterrows(), strict=True):
        expected = {
            "title": record.title,
            "webUrl": record.web_url or "",
            "originalUrl": record.original_url or "",
            "provider.name": record.provider.name,
            "body": record.body,
            "secured": token_of(record),
        }
        for column, value in expected.items():
            want = clean(guarded(value) if guard else value)
            assert row[column] == want, column
            assert cells[column] == want, column
        assert json.loads(row["topics"]) == [t if t is None else clean(t) for t in record.topics]
        for column in JSON_COLUMNS:
            if row[column]:
                json.loads(row[column])


def test_real_samples_read_back_with_pandas_and_csv(shared_samples: Path) -> None:
    """pandas and the csv module read one row per published sample record, titles intact."""
    items = list(frontnews.iter_records(shared_samples / "real"))
    published = [r for r in items if r.is_published]
    data = export_bytes(items)
    frame = read_pandas(data)
    rows = read_dicts(data)
    assert len(frame) == len(rows) == len(published) > 0
    assert frame.columns.tolist() == HEADER
    assert frame["title"].tolist() == [guarded(r.title) for r in published]
    assert [r["webUrl"] for r in rows] == [guarded(r.web_url or "") for r in published]
    assert [json.loads(r["topics"]) for r in rows] == [list(r.topics) for r in published]
    for row in rows:
        for column in JSON_COLUMNS:
            if row[column]:
                json.loads(row[column])
