"""frontnews.export(): choosing the exporter, checking options, filtering, passing flags through."""

from __future__ import annotations

import io
import itertools
import sys
from collections.abc import Callable, Iterable, Iterator
from typing import IO, Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import frontnews
from frontnews import (
    Exporter,
    ExportError,
    ExportOptions,
    Feed,
    Record,
    hookimpl,
    plugins,
)

from .conftest import SAMPLES, make_record, token_of
from .strategies import records


@attrs.define
class Call:
    """What one run of the probe exporter received."""

    records: list[Record]
    feed: Feed | None
    options: ExportOptions
    received: object


class Probe:
    """A run-time plugin whose exporters record what :func:`frontnews.export` hands them."""

    def __init__(self) -> None:
        self.calls: list[Call] = []

    def write(
        self,
        items: Iterable[Record],
        stream: IO[bytes],
        feed: Feed | None,
        options: ExportOptions,
        *,
        limit: int | None = None,
    ) -> None:
        taken = list(itertools.islice(items, limit))
        self.calls.append(Call(taken, feed, options, items))
        for item in taken:
            stream.write(item.title.encode("utf-8", "surrogatepass") + b"\n")

    @hookimpl
    def register_exporters(self, register: Any) -> None:
        register(
            Exporter(
                name="probe",
                media_type="text/plain",
                suffix=".txt",
                write=self.write,
                options={"width": 80, "style": "plain"},
            )
        )
        register(
            Exporter(
                name="first-three",
                media_type="text/plain",
                suffix=".txt",
                write=lambda i, s, f, o: self.write(i, s, f, o, limit=3),
            )
        )


@pytest.fixture
def probe(fresh_plugins: None, monkeypatch: pytest.MonkeyPatch) -> Probe:
    """Only the probe plugin is loaded: no built-in and no installed plugin."""
    monkeypatch.setattr(plugins, "DEFAULT_PLUGINS", ())
    monkeypatch.setenv(plugins.LOAD_PLUGINS_ENV, "")
    plugin = Probe()
    plugins.register_plugin(plugin, name="probe")
    return plugin


def withheld(item: Record) -> Record:
    """``item`` as an exporter receives it when the caller did not ask for the token."""
    return attrs.evolve(item, secured=None)


def record(title: str, published: bool | None = None) -> Record:
    """A record called ``title`` with the given ``published`` flag."""
    return make_record(title=title, published=published)


class Untouchable:
    """An iterator that fails the test if anything reads from it."""

    def __iter__(self) -> Iterator[Record]:
        return self

    def __next__(self) -> Record:
        raise AssertionError("the records were read")


def test_unknown_format_raises_export_error_listing_known_formats(probe: Probe) -> None:
    """An unknown format is an ExportError naming the known ones; nothing is read or written."""
    stream = io.BytesIO()
    with pytest.raises(ExportError, match="'nope'") as info:
        frontnews.export(Untouchable(), "nope", stream)
    assert "first-three" in str(info.value)
    assert "probe" in str(info.value)
    assert stream.getvalue() == b""
    assert probe.calls == []


def test_unknown_option_raises_export_error_naming_it_and_the_known_ones(probe: Probe) -> None:
    """An option the format does not take is an ExportError; nothing is read or written."""
    stream = io.BytesIO()
    with pytest.raises(ExportError, match="colour") as info:
        frontnews.export(Untouchable(), "probe", stream, colour="red", width=10)
    message = str(info.value)
    assert "style" in message
    assert "width" in message
    assert stream.getvalue() == b""
    assert probe.calls == []


def test_option_for_a_format_without_options_says_it_takes_none(probe: Probe) -> None:
    """A format with no options of its own refuses every option."""
    with pytest.raises(ExportError, match="none"):
        frontnews.export([], "first-three", io.BytesIO(), width=1)


def test_options_are_completed_with_their_defaults(probe: Probe) -> None:
    """The exporter gets every option: the caller's values over the declared defaults."""
    frontnews.export([], "probe", io.BytesIO(), width=120)
    assert dict(probe.calls[0].options.params) == {"width": 120, "style": "plain"}
    frontnews.export([], "probe", io.BytesIO())
    assert dict(probe.calls[1].options.params) == {"width": 80, "style": "plain"}


def test_options_reach_the_exporter_read_only(probe: Probe) -> None:
    """An exporter cannot change the options it is given."""
    frontnews.export([], "probe", io.BytesIO())
    params: Any = probe.calls[0].options.params
    with pytest.raises(TypeError):
        params["width"] = 1


def test_unpublished_records_are_left_out_by_default(probe: Probe) -> None:
    """published: false records are dropped; no key and published: true are kept, in order."""
    items = [record("a"), record("b", False), record("c", True), record("d", False), record("e")]
    stream = io.BytesIO()
    frontnews.export(items, "probe", stream)
    assert [r.title for r in probe.calls[0].records] == ["a", "c", "e"]
    assert stream.getvalue() == b"a\nc\ne\n"


def test_include_unpublished_keeps_every_record_in_order(probe: Probe) -> None:
    """include_unpublished=True hands every record over, in the order given."""
    items = [record("a", False), record("b"), record("c", False)]
    frontnews.export(items, "probe", io.BytesIO(), include_unpublished=True)
    assert probe.calls[0].records == [withheld(r) for r in items]


@settings(max_examples=40, deadline=None)
@given(items=st.lists(records(), max_size=5), include_unpublished=st.booleans())
def test_exporter_gets_exactly_the_records_to_publish(
    items: list[Record], include_unpublished: bool
) -> None:
    """For any records, the exporter sees those to publish, in the caller's order."""
    plugin = Probe()
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(plugins, "DEFAULT_PLUGINS", ())
        patch.setenv(plugins.LOAD_PLUGINS_ENV, "")
        plugins.reset()
        try:
            plugins.register_plugin(plugin, name="probe")
            frontnews.export(items, "probe", io.BytesIO(), include_unpublished=include_unpublished)
        finally:
            plugins.reset()
    expected = [withheld(r) for r in items if include_unpublished or r.published is not False]
    assert plugin.calls[0].records == expected


def test_include_secured_is_false_unless_asked_for(probe: Probe) -> None:
    """The exporter is told not to write the secured token unless the caller opts in."""
    frontnews.export([record("a")], "probe", io.BytesIO())
    frontnews.export([record("a")], "probe", io.BytesIO(), include_secured=True)
    assert [call.options.include_secured for call in probe.calls] == [False, True]


def test_feed_is_passed_through(probe: Probe) -> None:
    """The feed reaches the exporter unchanged; no feed means None."""
    feed = Feed(title="News", link="https://example.org/")
    frontnews.export([], "probe", io.BytesIO(), feed=feed)
    frontnews.export([], "probe", io.BytesIO())
    assert [call.feed for call in probe.calls] == [feed, None]


def test_records_reach_the_exporter_lazily(probe: Probe) -> None:
    """export() never lists the records first: an endless iterator works with a partial exporter."""
    endless = (record(f"r{i}") for i in itertools.count())
    stream = io.BytesIO()
    frontnews.export(endless, "first-three", stream)
    assert stream.getvalue() == b"r0\nr1\nr2\n"
    assert not isinstance(probe.calls[0].received, list | tuple)


def test_errors_from_the_exporter_reach_the_caller(probe: Probe) -> None:
    """An ExportError raised by an exporter is not swallowed."""

    class Refuses:
        @hookimpl
        def register_exporters(self, register: Any) -> None:
            def write(*args: Any) -> None:
                raise ExportError("refused")

            register(Exporter(name="refuses", media_type="x/y", suffix=".y", write=write))

    plugins.register_plugin(Refuses(), name="refuses")
    with pytest.raises(ExportError, match="refused"):
        frontnews.export([record("a")], "refuses", io.BytesIO())


def _every_format() -> list[str]:
    plugins.reset()
    try:
        return list(plugins.get_exporters())
    finally:
        plugins.reset()


#: Formats that have no place for the token at all (the example's Google News sitemap).
NO_PLACE_FOR_SECURED = frozenset({"news-sitemap"})


def _readable(name: str, output: bytes) -> bytes:
    """What a reader of the format sees: a binary (compressed) format is decoded first."""
    if name != "parquet":
        return output
    import pyarrow.parquet as pq

    return repr(pq.read_table(io.BytesIO(output)).to_pylist()).encode()


@pytest.mark.usefixtures("fresh_plugins")
@pytest.mark.parametrize("name", _every_format())
def test_secured_never_leaves_through_any_exporter_unless_asked(name: str) -> None:
    """Every registered format's output holds no part of any token, until the caller opts in."""
    items = list(frontnews.iter_records(SAMPLES))
    feed = frontnews.Feed(title="T", link="https://example.org/", feed_url="https://example.org/f")
    pieces = [part for r in items for part in token_of(r).split(";")]
    assert len(pieces) == 2 * len(items)
    without, opted = io.BytesIO(), io.BytesIO()
    frontnews.export(items, name, without, feed=feed, include_unpublished=True)
    frontnews.export(items, name, opted, feed=feed, include_unpublished=True, include_secured=True)
    assert not [p for p in pieces if p.encode() in _readable(name, without.getvalue())]
    if name in NO_PLACE_FOR_SECURED:
        return
    assert [p for p in pieces if p.encode() in _readable(name, opted.getvalue())] == pieces


def test_exporter_receives_no_token_unless_the_caller_asks() -> None:
    """A plugin that writes record.secured cannot leak it: export() withholds the token."""
    item = make_record()
    secret = token_of(item)

    def leak(
        items: Iterable[Record], stream: IO[bytes], feed: Feed | None, options: ExportOptions
    ) -> None:
        for each in items:
            stream.write(repr(each.secured.text if each.secured else None).encode())

    class Leaky:
        @hookimpl
        def register_exporters(self, register: Any) -> None:
            register(Exporter(name="leaky", media_type="text/plain", suffix=".txt", write=leak))

    plugins.register_plugin(Leaky(), name="leaky")
    try:
        assert frontnews.exports([item], "leaky") == b"None"
        assert frontnews.exports([item], "leaky", include_secured=True) == repr(secret).encode()
    finally:
        plugins.unregister_plugin("leaky")


def test_records_without_a_token_are_handed_over_as_they_are(probe: Probe) -> None:
    """Only a record with a token is copied; one without is the caller's own object."""
    bare, signed = attrs.evolve(record("a"), secured=None), record("b")
    frontnews.export([bare, signed], "probe", io.BytesIO())
    received = probe.calls[0].records
    assert received[0] is bare
    assert received[1] is not signed
    assert received[1].secured is None
    assert attrs.evolve(received[1], secured=signed.secured) == signed
    frontnews.export([signed], "probe", io.BytesIO(), include_secured=True)
    assert probe.calls[1].records[0] is signed


def test_exporter_that_raises_is_a_plugin_error_naming_the_plugin() -> None:
    """An exporter's RuntimeError becomes a PluginError naming the plugin, the cause kept."""

    def crash(
        items: Iterable[Record], stream: IO[bytes], feed: Feed | None, options: ExportOptions
    ) -> None:
        raise RuntimeError("disk on fire")

    class Crashing:
        @hookimpl
        def register_exporters(self, register: Any) -> None:
            register(Exporter(name="crash", media_type="text/plain", suffix=".txt", write=crash))

    plugins.register_plugin(Crashing(), name="crashing")
    try:
        with pytest.raises(frontnews.PluginError) as info:
            frontnews.exports([make_record()], "crash")
    finally:
        plugins.unregister_plugin("crashing")
    assert str(info.value) == "plugin 'crashing': RuntimeError: disk on fire"
    assert info.value.plugin == "crashing"
    assert isinstance(info.value.__cause__, RuntimeError)


def test_failure_of_the_callers_records_is_not_blamed_on_the_exporter(probe: Probe) -> None:
    """An exception from the caller's iterable reaches the caller as it is."""

    def failing() -> Iterator[Record]:
        yield record("a")
        raise KeyError("the caller's own bug")

    with pytest.raises(KeyError, match="the caller's own bug"):
        frontnews.export(failing(), "probe", io.BytesIO())


def test_exports_returns_the_bytes_export_writes() -> None:
    """frontnews.exports is export() into memory, with the same options and errors."""
    record = make_record()
    stream = io.BytesIO()
    frontnews.export([record], "csv", stream, bom=True)
    assert frontnews.exports([record], "csv", bom=True) == stream.getvalue()
    with pytest.raises(frontnews.FeedRequiredError):
        frontnews.exports([record], "rss")


@pytest.mark.parametrize(
    "make_stream", [io.StringIO, lambda: sys.stdout], ids=["StringIO", "stdout"]
)
def test_export_to_a_text_stream_says_to_use_bytes(make_stream: Callable[[], IO[str]]) -> None:
    """A text stream is refused before anything is read or written, with what to do instead."""
    consumed = []

    def records() -> Iterator[frontnews.Record]:
        consumed.append(1)
        yield make_record()

    stream = make_stream()
    with pytest.raises(frontnews.TextStreamError, match=r"binary mode.*exports\(\)") as caught:
        frontnews.export(records(), "csv", stream)  # type: ignore[arg-type]
    assert isinstance(caught.value, TypeError)
    assert isinstance(caught.value, frontnews.ExportError)
    assert consumed == []


@pytest.mark.usefixtures("fresh_plugins")
def test_a_record_a_format_cannot_hold_is_refused_naming_record_and_field() -> None:
    """Unknown keys 1 and "1" are one key in JSON: JSON Feed and CSV say so; RSS writes it."""
    record = make_record(extra=frontnews.Extra({"m": {1: "a", "1": "b"}}))
    feed = frontnews.Feed(title="t", link="https://example.org/")
    for name in ("jsonfeed", "csv"):
        with pytest.raises(frontnews.ExportError) as caught:
            frontnews.exports([record], name, feed=feed)
        assert str(caught.value) == (
            f"{name}: record 'Ban the scan': extra.m: two keys of one mapping both become "
            "'1' in JSON"
        )
    assert frontnews.exports([record], "rss", feed=feed).count(b"<item>") == 1


@pytest.mark.usefixtures("fresh_plugins")
def test_a_record_without_a_token_exports_in_every_format() -> None:
    """A record made from scratch has no secured token; every format writes it, token or not."""
    record = make_record(secured=None)
    feed = frontnews.Feed(title="t", link="https://example.org/")
    for name in _every_format():
        for include in (False, True):
            out = frontnews.exports([record], name, feed=feed, include_secured=include)
            assert out, name
    csv_rows = frontnews.exports([record], "csv", include_secured=True).decode().splitlines()
    assert csv_rows[0].endswith(",secured")
    assert csv_rows[1].endswith(",")
    assert frontnews.loads(frontnews.dumps(record)) == record
