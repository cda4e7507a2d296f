"""The record filters: which records to publish, chosen lazily and in order."""

from __future__ import annotations

import datetime as dt
import itertools
import weakref
from collections.abc import Iterable, Iterator
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from frontnews import Record
from frontnews.filters import (
    instant,
    newest,
    published_between,
    published_only,
    select,
    sort_records,
    unique,
    with_min_quality,
    with_topic,
)

from .conftest import make_record
from .strategies import datetimes, records

UTC = dt.timezone.utc
PLUS_TWO = dt.timezone(dt.timedelta(hours=2))


class NoOffset(dt.tzinfo):
    """A time zone that does not know its offset: Python calls such times naive."""

    def utcoffset(self, value: dt.datetime | None) -> dt.timedelta | None:
        return None

    def dst(self, value: dt.datetime | None) -> dt.timedelta | None:
        return None

    def tzname(self, value: dt.datetime | None) -> str | None:
        return None


def record(title: str = "t", **changes: Any) -> Record:
    """A record called ``title``; keyword arguments replace fields."""
    return make_record(title=title, **changes)


def at(when: dt.datetime, title: str = "t") -> Record:
    """A record called ``title`` published at ``when``."""
    return record(title, published_date_time=when)


def as_utc_naive(value: dt.datetime) -> dt.datetime:
    """The UTC wall-clock time of ``value`` (naive read as UTC), worked out without instant()."""
    offset = value.utcoffset()
    return value.replace(tzinfo=None) - (offset or dt.timedelta(0))


def endless() -> Iterator[Record]:
    """Records without end, alternating a few traits, to show that a filter is lazy."""
    for i in itertools.count():
        yield record(
            f"r{i}",
            published=None if i % 2 else True,
            topics=("AI",),
            quality=50,
            published_date_time=dt.datetime(2021, 1, 1) + dt.timedelta(minutes=i),
        )


def titles(items: Iterable[Record]) -> list[str]:
    """The titles of an iterable of records."""
    return [r.title for r in items]


def test_instant_reads_a_naive_time_as_utc() -> None:
    """instant() gives a naive time the UTC zone and changes nothing else."""
    assert instant(dt.datetime(2021, 1, 26, 18, 47)) == dt.datetime(2021, 1, 26, 18, 47, tzinfo=UTC)


def test_instant_keeps_an_aware_time() -> None:
    """instant() returns an aware time as it is, offset included."""
    when = dt.datetime(2021, 1, 26, 18, 47, tzinfo=PLUS_TWO)
    assert instant(when) is when


def test_instant_reads_a_time_zone_without_offset_as_utc() -> None:
    """A tzinfo whose utcoffset() is None makes a naive time, so it is read as UTC too."""
    result = instant(dt.datetime(2021, 1, 26, 18, 47, tzinfo=NoOffset()))
    assert result.utcoffset() == dt.timedelta(0)
    assert result == dt.datetime(2021, 1, 26, 18, 47, tzinfo=UTC)


def test_published_only_drops_only_published_false() -> None:
    """No key and published: true pass; published: false does not; order is kept."""
    items = [record("a"), record("b", published=False), record("c", published=True)]
    assert titles(published_only(items)) == ["a", "c"]


def test_published_only_is_lazy() -> None:
    """published_only reads one record at a time, so it works on an endless iterator."""
    assert titles(itertools.islice(published_only(endless()), 3)) == ["r0", "r1", "r2"]


def test_newest_returns_the_n_newest_newest_first() -> None:
    """newest() compares instants, mixing naive (UTC) and aware times."""
    items = [
        at(dt.datetime(2021, 1, 1, 10, 0), "ten utc"),
        at(dt.datetime(2021, 1, 1, 11, 0, tzinfo=PLUS_TWO), "nine utc"),
        at(dt.datetime(2021, 1, 1, 12, 0, tzinfo=UTC), "noon utc"),
        at(dt.datetime(2020, 12, 31), "last year"),
    ]
    assert titles(newest(items, 3)) == ["noon utc", "ten utc", "nine utc"]


def test_newest_keeps_input_order_among_equal_times() -> None:
    """Records published at the same instant keep the order they came in."""
    same = dt.datetime(2021, 1, 1, 12, 0, tzinfo=UTC)
    items = [at(same, "first"), at(same.astimezone(PLUS_TWO), "second"), at(same, "third")]
    assert titles(newest(items, 3)) == ["first", "second", "third"]
    assert titles(newest(items, 2)) == ["first", "second"]


def test_newest_with_zero_or_more_than_available() -> None:
    """n=0 gives nothing; n larger than the input gives everything, newest first."""
    items = [at(dt.datetime(2021, 1, d), str(d)) for d in (3, 1, 2)]
    assert newest(items, 0) == []
    assert titles(newest(iter(items), 10)) == ["3", "2", "1"]


def test_newest_refuses_a_negative_count() -> None:
    """A negative n is a ValueError naming it."""
    with pytest.raises(ValueError, match="-1"):
        newest([], -1)


@settings(max_examples=100, deadline=None)
@given(items=st.lists(st.builds(at, datetimes), max_size=8), n=st.integers(0, 10))
def test_newest_matches_a_stable_sort(items: list[Record], n: int) -> None:
    """newest(items, n) is the first n of a stable newest-first sort."""
    expected = sorted(items, key=lambda r: as_utc_naive(r.published_date_time), reverse=True)
    assert newest(iter(items), n) == expected[:n]


def test_with_topic_matches_any_topic_exactly() -> None:
    """A record passes if it carries any of the topics, compared exactly and case-sensitively."""
    items = [
        record("ai", topics=("AI",)),
        record("lower", topics=("ai",)),
        record("vision", topics=(None, "Computer Vision")),
        record("none", topics=()),
    ]
    assert titles(with_topic(items, "AI", "Computer Vision")) == ["ai", "vision"]
    assert titles(with_topic(items)) == []


def test_with_topic_is_lazy() -> None:
    """with_topic works on an endless iterator."""
    assert titles(itertools.islice(with_topic(endless(), "AI"), 2)) == ["r0", "r1"]


def test_published_between_includes_start_and_excludes_end() -> None:
    """The window is [start, end): a record at start passes, one at end does not."""
    start, end = dt.datetime(2021, 1, 2), dt.datetime(2021, 1, 3)
    items = [at(start, "start"), at(end, "end"), at(start - dt.timedelta(seconds=1), "before")]
    assert titles(published_between(items, start, end)) == ["start"]


def test_published_between_reads_naive_bounds_as_utc() -> None:
    """Naive bounds are UTC, compared with aware record times by instant."""
    aware = at(dt.datetime(2021, 1, 2, 1, 0, tzinfo=PLUS_TWO), "23:00 utc the day before")
    start = dt.datetime(2021, 1, 2)
    assert titles(published_between([aware], start=start)) == []
    assert titles(published_between([aware], end=start)) == ["23:00 utc the day before"]


def test_published_between_without_bounds_keeps_everything() -> None:
    """No start and no end: every record passes, in order."""
    items = [at(dt.datetime(1999, 1, 1), "old"), at(dt.datetime(2099, 1, 1), "future")]
    assert titles(published_between(items)) == ["old", "future"]


@settings(max_examples=100, deadline=None)
@given(
    items=st.lists(st.builds(at, datetimes), max_size=6),
    start=st.none() | datetimes,
    end=st.none() | datetimes,
)
def test_published_between_matches_its_definition(
    items: list[Record], start: dt.datetime | None, end: dt.datetime | None
) -> None:
    """published_between keeps exactly the records with start <= time < end, in order."""

    def inside(r: Record) -> bool:
        t = as_utc_naive(r.published_date_time)
        return (start is None or t >= as_utc_naive(start)) and (
            end is None or t < as_utc_naive(end)
        )

    assert list(published_between(iter(items), start, end)) == [r for r in items if inside(r)]


def test_with_min_quality_keeps_records_at_or_above_the_minimum() -> None:
    """quality >= minimum passes; a record without quality never does."""
    items = [
        record("low", quality=9),
        record("edge", quality=10),
        record("none", quality=None),
        record("high", quality=99),
    ]
    assert titles(with_min_quality(items, 10)) == ["edge", "high"]
    assert titles(with_min_quality(items, -(2**40))) == ["low", "edge", "high"]


def test_with_min_quality_is_lazy() -> None:
    """with_min_quality works on an endless iterator."""
    assert titles(itertools.islice(with_min_quality(endless(), 50), 2)) == ["r0", "r1"]


@settings(max_examples=50, deadline=None)
@given(items=st.lists(records(), max_size=5))
def test_published_only_keeps_what_is_published(items: list[Record]) -> None:
    """For any records, published_only keeps those whose is_published is true, in order."""
    assert list(published_only(items)) == [r for r in items if r.published is not False]


def test_select_counts_what_it_left_out_and_why() -> None:
    """A Selection counts the records seen, chosen, unpublished and filtered out."""
    draft = make_record(title="draft", published=False)
    other = make_record(title="other", topics=("Robotics",))
    old = make_record(title="old", published_date_time=dt.datetime(2000, 1, 1, tzinfo=UTC))
    given = [make_record(), draft, other, old, make_record(title="again")]
    chosen = select(given, topics=["AI"], newest=1, keep_duplicates=True)
    assert chosen.seen == 0  # nothing counted before it is iterated
    assert [r.title for r in chosen] == ["Ban the scan"]
    assert (chosen.seen, chosen.chosen, chosen.unpublished, chosen.duplicates) == (5, 1, 1, 0)
    assert chosen.filtered == 3  # other (topic), and two that --newest 1 left out
    assert [r.title for r in chosen] == ["Ban the scan"]  # again, counting afresh
    assert chosen.seen == 5
    everything = select(given, include_unpublished=True, keep_duplicates=True)
    assert len(list(everything)) == 5
    assert (everything.unpublished, everything.filtered) == (0, 0)


# -- issue 14: order and copies of one article --------------------------------------------------


def story(title: str, day: int, url: str | None = None) -> Record:
    """A record called ``title`` on day ``day`` of March 2021, at ``url`` (else its own)."""
    return make_record(
        title=title,
        web_url=url or f"https://e.org/{title}",
        published_date_time=dt.datetime(2021, 3, day, 12, 0, tzinfo=UTC),
    )


def test_sort_orders() -> None:
    """newest first, oldest first, or the input order; ties keep the input order."""
    given = [story("b", 3), story("a", 9), story("c", 1), story("d", 3)]
    assert [r.title for r in sort_records(given, "newest")] == ["a", "b", "d", "c"]
    assert [r.title for r in sort_records(given, "oldest")] == ["c", "b", "d", "a"]
    assert [r.title for r in sort_records(given, "path")] == ["b", "a", "c", "d"]
    with pytest.raises(ValueError, match="order must be one of"):
        sort_records(given, "random")  # type: ignore[arg-type]


def test_select_is_newest_first_by_default() -> None:
    """select() sorts newest first unless told otherwise."""
    given = [story("b", 3), story("a", 9), story("c", 1)]
    assert [r.title for r in select(given)] == ["a", "b", "c"]
    assert [r.title for r in select(given, sort="path")] == ["b", "a", "c"]
    assert [r.title for r in select(given, sort="oldest")] == ["c", "b", "a"]


def test_the_newest_copy_of_an_article_wins_when_sorting() -> None:
    """Copies share a URL (normalised): the newest is kept, in any sorted order, and counted."""
    url = "https://e.org/story"
    given = [
        story("old copy", 2, url),
        story("other", 5),
        story("new copy", 7, "HTTPS://e.org/story"),
        story("same day copy", 7, url),
    ]
    for order in ("newest", "oldest"):
        chosen = select(given, sort=order)
        assert {r.title for r in chosen} == {"new copy", "other"}
        assert (chosen.seen, chosen.chosen, chosen.duplicates, chosen.filtered) == (4, 2, 2, 0)
    kept = select(given, keep_duplicates=True)
    assert len(list(kept)) == 4
    assert kept.duplicates == 0


def test_streaming_keeps_the_first_copy() -> None:
    """In path order the first copy is kept: a stream cannot wait for later ones."""
    url = "https://e.org/story"
    given = [story("first", 2, url), story("second", 7, url), story("other", 5)]
    chosen = select(given, sort="path")
    assert [r.title for r in chosen] == ["first", "other"]
    assert chosen.duplicates == 1
    assert [r.title for r in unique(given)] == ["first", "other"]


def test_records_without_urls_are_copies_when_they_are_the_same_story() -> None:
    """Without a URL, the stable id (provider, date, title) tells copies apart."""
    one = make_record(web_url=None, original_url=None)
    edited = attrs.evolve(one, excerpt="Edited excerpt")
    other = attrs.evolve(one, title="Another story")
    assert [r.title for r in unique([one, edited, other])] == [one.title, other.title]


@settings(max_examples=100, deadline=None)
@given(
    st.lists(st.tuples(st.integers(1, 28), st.integers(0, 5)), max_size=30),
    st.integers(0, 8),
)
def test_newest_n_without_copies_matches_sorting_everything(
    stories: list[tuple[int, int]], n: int
) -> None:
    """--newest N with copies left out gives the first N of the full newest-first sort."""
    given = [story(f"s{i}", day, f"https://e.org/{url}") for i, (day, url) in enumerate(stories)]
    everything = list(select(given))
    chosen = select(given, newest=n)
    assert list(chosen) == everything[:n]
    full = select(given)
    list(full)
    assert chosen.duplicates <= full.duplicates
    assert chosen.seen - chosen.chosen - chosen.duplicates == chosen.filtered


def test_newest_n_holds_at_most_n_records() -> None:
    """--newest N keeps at most N records (and no copy) alive, whatever the input's size."""
    alive: set[int] = set()
    most = 0

    def produce() -> Iterator[Record]:
        nonlocal most
        for number in range(2000):
            # every fifth record is a newer copy of an earlier article
            url = f"https://e.org/{number - 3 if number % 5 == 0 else number}"
            record = story(f"s{number}", 1 + number % 28, url)
            alive.add(id(record))
            weakref.finalize(record, alive.discard, id(record))
            most = max(most, len(alive))
            yield record

    chosen = list(select(produce(), newest=10))
    assert len(chosen) == 10
    assert most <= 10 + 2  # the N held, the one being looked at, and the one just replaced
