"""The ``csv`` importer: what the ``csv`` exporter writes comes back, also after a spreadsheet."""

from __future__ import annotations

import csv
import datetime as dt
import io
from typing import Any

import attrs
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import frontnews
from frontnews import Extra, Image, Record, Secured, SourceError
from frontnews.extra import freeze
from frontnews.schema import Kind, schema_of
from frontnews.toolkit import FORMULA_TRIGGERS, guard_formula, plain_data, unguard_formula

from .conftest import SAMPLES, make_record, token_of
from .strategies import records, text

UTC = dt.timezone.utc
REQUIRED_HEADER = b"category,title,excerpt,publishedDateTime,type,provider.name,provider.domain"
#: Examples the round-trip property runs (each is a record exported, edited and imported).
ROUND_TRIP_EXAMPLES = 500


def imported(data: bytes, **params: Any) -> list[Record]:
    return list(frontnews.import_records(data, "csv", name="edited.csv", **params))


def exported(records: list[Record], **params: Any) -> bytes:
    return frontnews.exports(
        records, "csv", include_secured=True, include_unpublished=True, **params
    )


# -- what the round trip keeps, as docs/importing.md says ------------------------------------


def _utc_if_naive(value: dt.datetime) -> dt.datetime:
    if value.utcoffset() is None:
        return value.replace(tzinfo=UTC)
    if value.utcoffset() % dt.timedelta(minutes=1):  # type: ignore[operator]
        return value.astimezone(UTC)
    return value


def expected_back(obj: Any, *, top: bool = True) -> Any:
    """``obj`` as it comes back from CSV: the documented differences applied, nothing else.

    Naive times come back in UTC, unknown keys come back as JSON data
    (``frontnews.toolkit.plain_data``), and at the top level an optional text
    field that is present but empty comes back absent, as does the layout.
    """
    changes: dict[str, Any] = {}
    for f in schema_of(type(obj)).fields:
        value = getattr(obj, f.name)
        if value is None:
            continue
        if f.kind is Kind.DATETIME:
            changes[f.name] = _utc_if_naive(value)
        elif f.kind is Kind.MAPPING:
            changes[f.name] = expected_back(value, top=False)
        elif f.kind is Kind.MAPPINGS:
            changes[f.name] = tuple(expected_back(item, top=False) for item in value)
        elif top and f.kind is Kind.TEXT and f.optional and value == "":
            changes[f.name] = None
    if schema_of(type(obj)).extra is not None:
        changes["extra"] = freeze(plain_data(obj.extra))
    if isinstance(obj, Record):
        changes["layout"] = frontnews.Layout()
    return attrs.evolve(obj, **changes)


# -- a spreadsheet's habits -------------------------------------------------------------------


def spreadsheet(data: bytes, *, bom: bool, newline: str, quote_all: bool) -> bytes:
    """Open the CSV and save it again, as a spreadsheet program does.

    Every cell is read with the csv module and written back, with the byte
    order mark Excel's "CSV UTF-8" puts first (or not), CRLF or LF line ends,
    and every cell quoted or only those that need it.
    """
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    lines = [",".join(_saved_cell(cell, quote_all) for cell in row) + newline for row in rows]
    return (b"\xef\xbb\xbf" if bom else b"") + "".join(lines).encode("utf-8")


def _saved_cell(cell: str, quote_all: bool) -> str:
    """A cell as spreadsheets save it: quoted when asked, or when it holds , " CR or LF."""
    if quote_all or any(c in cell for c in ',"\r\n'):
        return '"' + cell.replace('"', '""') + '"'
    return cell


tokens = st.none() | text.filter(bool).map(Secured)


@settings(
    max_examples=ROUND_TRIP_EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
@given(
    st.lists(records(secured=tokens), min_size=1, max_size=3),
    st.booleans(),
    st.booleans(),
    st.sampled_from(["\r\n", "\n"]),
    st.booleans(),
)
def test_records_survive_export_spreadsheet_and_import(
    originals: list[Record], export_bom: bool, save_bom: bool, newline: str, quote_all: bool
) -> None:
    """Export (secured and unpublished included), save in a spreadsheet, import: equal records."""
    data = spreadsheet(
        exported(originals, bom=export_bom), bom=save_bom, newline=newline, quote_all=quote_all
    )
    back = imported(data)
    assert back == [expected_back(record) for record in originals]
    for before, after in zip(originals, back, strict=True):
        assert after.secured == before.secured  # exact, the token untouched


def test_sample_records_come_back_exactly() -> None:
    """The repository's sample records come back equal, field for field, token included."""
    originals = list(frontnews.iter_records(SAMPLES))
    back = imported(exported(originals, bom=True))
    assert back == [attrs.evolve(r, layout=frontnews.Layout()) for r in originals]
    assert [token_of(r) for r in back] == [token_of(r) for r in originals]


def test_an_edit_made_with_pandas_comes_back() -> None:
    """A title changed with pandas (someone else's CSV writer) is imported; the rest is kept."""
    originals = list(frontnews.iter_records(SAMPLES))
    frame = pd.read_csv(io.BytesIO(exported(originals)), dtype=str, keep_default_na=False)
    frame.loc[0, "title"] = "=Edited in a spreadsheet"
    frame.loc[1, "quality"] = "99"
    back = imported(frame.to_csv(index=False, lineterminator="\r\n").encode("utf-8"))
    assert back[0].title == "=Edited in a spreadsheet"
    assert back[1].quality == 99
    assert back[2:] == [attrs.evolve(r, layout=frontnews.Layout()) for r in originals[2:]]


# -- the formula guard ------------------------------------------------------------------------


@given(text)
def test_guard_is_undone_exactly(value: str) -> None:
    """unguard_formula(guard_formula(t)) == t, and a guarded cell never starts a formula."""
    cell = guard_formula(value)
    assert unguard_formula(cell) == value
    assert not cell.startswith(FORMULA_TRIGGERS)


@pytest.mark.parametrize("title", ["=SUM(A1)", "+cmd", "-1", "@x", "\tx", "'=x", "''", "'Tis", "'"])
def test_formula_guard_prefix_is_removed_on_the_way_back(title: str) -> None:
    """Titles a spreadsheet would run come back without the guard's quote, others unchanged."""
    data = exported([make_record(title=title)])
    cell = next(csv.DictReader(io.StringIO(data.decode("utf-8"), newline="")))["title"]
    assert cell == guard_formula(title)
    assert imported(data)[0].title == title


def test_a_file_written_without_the_guard_is_read_without_it() -> None:
    """guard_formulas=False on both sides keeps a leading quote as text."""
    data = exported([make_record(title="'=x")], guard_formulas=False)
    assert imported(data, guard_formulas=False)[0].title == "'=x"
    assert imported(data)[0].title == "=x"  # read as if guarded: the quote goes


# -- spreadsheet edits that are still understood ------------------------------------------------


def _edited(column: str, value: str, record: Record | None = None) -> bytes:
    rows = list(
        csv.DictReader(io.StringIO(exported([record or make_record()]).decode(), newline=""))
    )
    rows[0][column] = value
    out = io.StringIO(newline="")
    writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue().encode("utf-8")


def test_spreadsheet_booleans_in_capitals_are_read() -> None:
    """Excel writes TRUE and FALSE: they are read as true and false."""
    assert imported(_edited("published", "FALSE"))[0].published is False
    assert imported(_edited("removed", "TRUE"))[0].removed is True


def test_empty_rows_are_skipped() -> None:
    """Rows whose cells are all empty (a spreadsheet's trailing rows) are not records."""
    data = exported([make_record()]) + b",,,\r\n\r\n"
    assert len(imported(data)) == 1


def test_a_file_with_only_the_required_columns_is_read() -> None:
    """Columns of optional fields may be left out of a hand-made file."""
    data = REQUIRED_HEADER + b"\r\nnews,Hand made,,2021-01-26T18:47:00Z,article,Me,example.org\r\n"
    [record] = imported(data)
    assert (record.title, record.topics, record.secured) == ("Hand made", (), None)


# -- errors ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("column", "value", "field", "reason"),
    [
        ("quality", "high", "quality", "expected an integer"),
        ("published", "maybe", "published", "expected true or false"),
        ("topics", "[AI", "topics", "not valid JSON"),
        ("images", '[{"url": "x"}]', "images[0].width", "missing"),
        ("publishedDateTime", "1/26/2021 18:47", "publishedDateTime", "expected a date and time"),
        ("extra", "[1]", "extra", "expected a JSON object"),
        ("extra", '{"a":' + "[" * 100_000 + "]" * 100_000 + "}", "extra", "nested too deeply"),
    ],
)
def test_a_bad_cell_names_the_source_row_and_column(
    column: str, value: str, field: str, reason: str
) -> None:
    """A cell that cannot be read raises SourceError naming the file, the row and the column."""
    with pytest.raises(SourceError) as caught:
        imported(_edited(column, value))
    error = caught.value
    assert (error.source, error.entry, error.field) == ("edited.csv", 1, field)
    assert reason in error.reason
    assert str(error).startswith(f"edited.csv: entry 1: {field}: ")


def test_rows_before_a_bad_row_are_yielded_first() -> None:
    """Records come one at a time: the bad row's error comes after the good rows' records."""
    header, bad, _ = _edited("quality", "x").decode().split("\r\n")
    good = exported([make_record()]).decode().split("\r\n")[1]
    data = "\r\n".join([header, good, good, bad, ""]).encode()
    reader = frontnews.import_records(data, "csv", name="edited.csv")
    assert [next(reader).title, next(reader).title] == ["Ban the scan", "Ban the scan"]
    with pytest.raises(SourceError, match="entry 3: quality"):
        next(reader)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "no header row"),
        (b"title,colour\r\n", "unknown column(s) 'colour'"),
        (b"title,category\r\n", "missing column(s) excerpt, publishedDateTime"),
        (b"\xff\xfe,\r\n", "not UTF-8"),
        (REQUIRED_HEADER + b'\r\n"a', "not valid CSV"),
    ],
)
def test_a_bad_file_names_the_source(data: bytes, message: str) -> None:
    """A file that is not the exporter's CSV is refused as a whole, naming it."""
    with pytest.raises(SourceError) as caught:
        imported(data)
    assert caught.value.entry is None
    assert message in str(caught.value)
    assert str(caught.value).startswith("edited.csv: ")


def test_a_row_with_too_many_cells_is_refused() -> None:
    """A row longer than the header is an error for that row."""
    data = (
        exported([make_record()])
        .replace(b"\r\n", b",extra cell\r\n")
        .replace(b",extra cell\r\n", b"\r\n", 1)
    )
    with pytest.raises(SourceError, match=r"entry 1: \d+ cells under a header of \d+"):
        imported(data)


def test_imported_records_have_no_token_without_the_secured_column() -> None:
    """An export without include_secured imports as records without a token."""
    data = frontnews.exports([make_record()], "csv")
    assert imported(data)[0].secured is None


def test_images_with_unknown_keys_come_back() -> None:
    """Unknown keys nested in an image come back as that image's unknown keys."""
    image = Image(url="https://e.org/a.png", width=1, height=2, extra=Extra({"credit": "AP"}))
    [record] = imported(exported([make_record(images=(image,))]))
    assert record.images == (image,)


@settings(max_examples=150, deadline=None)
@given(
    st.lists(st.tuples(st.integers(0, 5000), st.integers(0, 20), st.text(max_size=6)), max_size=4)
)
def test_a_damaged_csv_gives_records_or_a_source_error(cuts: list[tuple[int, int, str]]) -> None:
    """Text cut or inserted anywhere in an export: records, or a SourceError, never a crash."""
    text = exported(list(frontnews.iter_records(SAMPLES))).decode("utf-8")
    for start, length, insert in cuts:
        at = start % (len(text) + 1)
        text = text[:at] + insert + text[at + length :]
    outcome: list[Record] | SourceError
    try:
        outcome = imported(text.encode("utf-8", "surrogatepass"))
    except SourceError as error:
        outcome = error
    if isinstance(outcome, SourceError):
        assert str(outcome).startswith("edited.csv")
    else:
        for record in outcome:
            assert frontnews.loads(frontnews.dumps(record)) == record
