"""frontnews.arrow: the Arrow table is generated from the schema, typed, and loses nothing."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
import textwrap

import pytest
from hypothesis import HealthCheck, given, settings

pa = pytest.importorskip("pyarrow")

import frontnews  # noqa: E402
from frontnews import Extra, Record, SchemaError  # noqa: E402
from frontnews.arrow import (  # noqa: E402
    OFFSET_SUFFIX,
    arrow_schema,
    from_arrow,
    iter_batches,
    to_arrow,
)
from frontnews.schema import Kind, schema_of  # noqa: E402

from .conftest import ROOT, make_record, token_of  # noqa: E402
from .strategies import records  # noqa: E402

SAMPLES = ROOT / "samples"


def _round_trip(items: list[Record]) -> list[Record]:
    return list(from_arrow(to_arrow(items, include_secured=True)))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(records())
def test_any_record_comes_back_equal_from_arrow(record: Record) -> None:
    """Every field, unknown keys at every depth, the body and the layout survive Arrow."""
    (again,) = _round_trip([record])
    assert again == record
    # Equal is not enough for times: the offset (and naivety) must be the file's.
    assert again.published_date_time.utcoffset() == record.published_date_time.utcoffset()
    assert frontnews.dumps(again) == frontnews.dumps(record)


def test_the_samples_come_back_byte_for_byte_through_arrow() -> None:
    """Every sample record, written again after Arrow, is its file's exact bytes."""
    paths = sorted(SAMPLES.glob("*.md"))
    items = [frontnews.load(p) for p in paths]
    for path, again in zip(paths, _round_trip(items), strict=True):
        assert frontnews.dumps(again).encode() == path.read_bytes()


def test_the_columns_follow_the_schema_of_record() -> None:
    """Each front-matter field is a column named by its key; timestamps also get an offset."""
    schema = arrow_schema(include_secured=True)
    for f in schema_of(Record).fields:
        assert f.key in schema.names
        if f.kind is Kind.DATETIME:
            assert schema.field(f.key).type == pa.timestamp("us", tz="UTC")
            assert schema.field(f.key + OFFSET_SUFFIX).type == pa.int32()
    assert pa.types.is_struct(schema.field("provider").type)
    related = schema.field("related").type
    assert pa.types.is_list(related)
    assert pa.types.is_struct(related.value_type)
    assert related.value_type.field("publishedDateTime").type == pa.timestamp("us", tz="UTC")
    assert schema.field("topics").type == pa.list_(pa.string())
    assert schema.names[-3:] == ["secured", "body", "layout"]


def test_a_mix_of_offsets_and_naive_times_is_stored_as_instant_plus_offset() -> None:
    """UTC instants sort correctly; the offset column says how each time was written."""
    plus_two = dt.timezone(dt.timedelta(hours=2))
    times = [
        dt.datetime(2021, 1, 1, 12, 0, tzinfo=dt.UTC),
        dt.datetime(2021, 1, 1, 12, 0, tzinfo=plus_two),
        dt.datetime(2021, 1, 1, 12, 0),
    ]
    items = [make_record(published_date_time=t) for t in times]
    table = to_arrow(items)
    instants = table.column("publishedDateTime").to_pylist()
    assert [i.replace(tzinfo=None) for i in instants] == [
        dt.datetime(2021, 1, 1, 12, 0),
        dt.datetime(2021, 1, 1, 10, 0),
        dt.datetime(2021, 1, 1, 12, 0),  # naive: the wall clock, read as UTC
    ]
    assert table.column("publishedDateTimeOffset").to_pylist() == [0, 7200, None]
    back = [r.published_date_time for r in _round_trip(items)]
    assert [(b, b.utcoffset()) for b in back] == [(t, t.utcoffset()) for t in times]


def test_unknown_keys_are_a_json_column_and_what_json_lacks_is_tagged_yaml() -> None:
    """Text, numbers and lists stay plain JSON; dates, sets and odd keys come back exactly."""
    extra = Extra(
        {
            "tags": ["a", "b"],
            "score": 1.5,
            "when": dt.date(2021, 1, 2),
            "ids": {1, 2},
            "by_number": {1: "one"},
            "$yaml": "not a tag",
            "blob": b"\x00\x01",
        }
    )
    record = make_record(extra=extra, secured=frontnews.Secured("t"))
    table = to_arrow([record])
    text = table.column("extra")[0].as_py()
    assert text.startswith('{"tags":["a","b"],"score":1.5,"when":{"$yaml":')
    (again,) = _round_trip([record])
    assert again.extra == record.extra
    assert list(again.extra) == list(record.extra)


def test_secured_is_a_column_only_when_asked() -> None:
    """Analysis tables carry no token by default."""
    record = make_record()
    assert "secured" not in to_arrow([record]).column_names
    table = to_arrow([record], include_secured=True)
    assert table.column("secured").to_pylist() == [token_of(record)]


def test_from_arrow_refuses_a_table_without_secured_naming_the_way_out() -> None:
    """Records cannot exist without their token: the error says how to write the table."""
    with pytest.raises(SchemaError, match="include_secured=True") as caught:
        list(from_arrow(to_arrow([make_record()])))
    assert caught.value.field == "secured"


def test_from_arrow_names_the_bad_row_and_field() -> None:
    """A table edited into an invalid record gives a SchemaError for that row and field."""
    table = to_arrow([make_record(), make_record()], include_secured=True)
    titles = pa.array(["fine", None], pa.string())
    bad = table.set_column(table.schema.get_field_index("title"), "title", titles)
    with pytest.raises(SchemaError) as caught:
        list(from_arrow(bad))
    assert (caught.value.file, caught.value.field) == ("<arrow row 1>", "title")


def test_iter_batches_streams_batches_of_the_size_asked() -> None:
    """Batches hold batch_size rows, the last one the rest; one at a time from a generator."""
    items = (make_record(title=str(i)) for i in range(7))
    batches = list(iter_batches(items, batch_size=3))
    assert [b.num_rows for b in batches] == [3, 3, 1]
    assert all(b.schema == arrow_schema() for b in batches)
    assert to_arrow([]).num_rows == 0
    with pytest.raises(ValueError, match="batch_size"):
        next(iter_batches([], batch_size=0))


def test_an_offset_with_a_fraction_of_a_second_is_refused() -> None:
    """Nothing is rounded silently."""
    odd = dt.timezone(dt.timedelta(seconds=1, microseconds=5))
    record = make_record(published_date_time=dt.datetime(2021, 1, 1, tzinfo=odd))
    with pytest.raises(frontnews.ExportError, match="fraction of a second"):
        to_arrow([record])


def test_from_arrow_reads_a_table_that_went_through_pandas_and_polars() -> None:
    """Types other libraries give back (large strings, ns timestamps) still read."""
    pl = pytest.importorskip("polars")
    items = [frontnews.load(p) for p in sorted(SAMPLES.glob("*.md"))]
    table = to_arrow(items, include_secured=True)
    via_polars = pl.from_arrow(table).to_arrow()
    assert list(from_arrow(via_polars)) == items
    via_pandas = pa.Table.from_pandas(table.to_pandas(), preserve_index=False)
    assert list(from_arrow(via_pandas)) == items


def test_importing_frontnews_does_not_import_pyarrow() -> None:
    """The Arrow functions load on first use; a missing pyarrow is one clear error."""
    code = textwrap.dedent(
        """
        import sys
        import frontnews
        assert "pyarrow" not in sys.modules, "imported by frontnews"
        sys.modules["pyarrow"] = None  # as if it were not installed
        try:
            frontnews.to_arrow([])
        except frontnews.MissingExtraError as exc:
            print(exc)
        """
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == (
        "frontnews.arrow needs pyarrow, which is not installed: pip install 'frontnews[arrow]'"
    )


def test_the_files_own_key_order_and_comment_lines_survive_arrow() -> None:
    """A record read in another key order, with a comment and a non-text key, comes back."""
    text = frontnews.dumps(make_record()).replace(
        'category: news\ntitle: "Ban the scan"\n',
        'title: "Ban the scan"  # kept\ncategory: news\n1: one\n',
        1,
    )
    record = frontnews.loads(text)
    assert record.layout.key_order is not None
    assert record.layout.comments
    (again,) = from_arrow(to_arrow([record], include_secured=True))
    assert again == record
    assert frontnews.dumps(again, drop_comments=True) == frontnews.dumps(record, drop_comments=True)


def test_the_order_of_keys_inside_mappings_survives_arrow() -> None:
    """A provider whose keys come in another order keeps that order through Arrow."""
    text = frontnews.dumps(make_record()).replace(
        "  name: Amnesty UK\n  domain: amnesty.org.uk\n",
        "  domain: amnesty.org.uk\n  name: Amnesty UK\n",
        1,
    )
    record = frontnews.loads(text)
    assert record.layout.nested_key_orders == (("provider", ("domain", "name")),)
    (again,) = from_arrow(to_arrow([record], include_secured=True))
    assert again.layout == record.layout
    assert frontnews.dumps(again) == text
