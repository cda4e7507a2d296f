"""Which records to publish: lazy filters over any iterable of records.

Each filter takes any iterable of records (a list, or :func:`frontnews.iter_records`
over thousands of files) and keeps the input order, except :func:`newest`. They
chain: ``newest(with_topic(records, "AI"), 10)``. Times without an offset are
taken to be UTC, so naive and aware times compare.

>>> import datetime as dt
>>> import attrs
>>> from frontnews import Provider, Record, Secured
>>> from frontnews import filters
>>> first = Record(
...     category="news",
...     title="First",
...     excerpt="",
...     published_date_time=dt.datetime(2021, 1, 1, 9, 0),
...     type="article",
...     quality=30,
...     provider=Provider(name="Example", domain="example.org"),
...     topics=("AI",),
...     secured=Secured("token"),
... )
>>> second = attrs.evolve(
...     first, title="Second", published_date_time=dt.datetime(2021, 1, 2, 9, 0),
...     topics=("Robotics",), quality=60,
... )
>>> third = attrs.evolve(
...     first, title="Third", published=False,
...     published_date_time=dt.datetime(2021, 1, 3, 9, 0, tzinfo=dt.timezone.utc),
... )
>>> records = [first, second, third]
>>> [r.title for r in filters.newest(records, 2)]
['Third', 'Second']
>>> [r.title for r in filters.with_topic(records, "AI")]
['First', 'Third']
>>> [r.title for r in filters.published_only(records)]
['First', 'Second']
>>> [r.title for r in filters.with_min_quality(records, 50)]
['Second']
>>> start = dt.datetime(2021, 1, 2)
>>> [r.title for r in filters.published_between(records, start=start)]
['Second', 'Third']
>>> [r.title for r in filters.newest(filters.with_topic(records, "AI"), 1)]
['Third']
>>> [r.title for r in filters.select(records, topics=["AI"], newest=1)]
['First']
>>> [r.title for r in filters.select(records, topics=["AI"], include_unpublished=True, newest=1)]
['Third']
"""

from __future__ import annotations

import datetime as dt
import heapq
from collections.abc import Iterable, Iterator

from .model import Record

__all__ = [
    "Selection",
    "instant",
    "newest",
    "published_between",
    "published_only",
    "select",
    "with_min_quality",
    "with_topic",
]


def instant(value: dt.datetime) -> dt.datetime:
    """Return ``value`` as an aware datetime; a naive one is taken to be UTC.

    Records may mix naive and aware times; this makes them comparable. A
    ``tzinfo`` whose ``utcoffset()`` is ``None`` leaves the time naive (that
    is Python's definition of naive), so it is taken to be UTC too.

    >>> import datetime as dt
    >>> instant(dt.datetime(2021, 1, 26, 18, 47))
    datetime.datetime(2021, 1, 26, 18, 47, tzinfo=datetime.timezone.utc)
    >>> paris = dt.timezone(dt.timedelta(hours=1))
    >>> instant(dt.datetime(2021, 1, 26, 19, 47, tzinfo=paris)) == instant(
    ...     dt.datetime(2021, 1, 26, 18, 47)
    ... )
    True
    """
    if value.utcoffset() is not None:
        return value
    return value.replace(tzinfo=dt.timezone.utc)


def published_only(records: Iterable[Record]) -> Iterator[Record]:
    """Yield the records that do not say ``published: false`` (no key counts as published)."""
    return (r for r in records if r.published is not False)


def newest(records: Iterable[Record], n: int) -> list[Record]:
    """Return the ``n`` newest records, newest first, holding at most ``n`` at a time.

    Records with the same time keep their input order. ``n`` must not be
    negative:

    >>> newest([], -1)
    Traceback (most recent call last):
      ...
    ValueError: n must be 0 or more, not -1
    """
    return _newest(records, n)


def _newest(records: Iterable[Record], n: int) -> list[Record]:
    if n < 0:
        raise ValueError(f"n must be 0 or more, not {n}")
    return heapq.nlargest(n, records, key=lambda r: instant(r.published_date_time))


def with_topic(records: Iterable[Record], *topics: str) -> Iterator[Record]:
    """Yield the records that carry at least one of ``topics`` (exact match, case-sensitive)."""
    wanted = frozenset(topics)
    return (r for r in records if not wanted.isdisjoint(r.topics))


def published_between(
    records: Iterable[Record],
    start: dt.datetime | None = None,
    end: dt.datetime | None = None,
) -> Iterator[Record]:
    """Yield the records published at or after ``start`` and before ``end`` (naive means UTC)."""
    lo = instant(start) if start is not None else None
    hi = instant(end) if end is not None else None
    for r in records:
        t = instant(r.published_date_time)
        if (lo is None or t >= lo) and (hi is None or t < hi):
            yield r


def with_min_quality(records: Iterable[Record], minimum: int) -> Iterator[Record]:
    """Yield the records whose ``quality`` is at least ``minimum`` (no quality never passes)."""
    return (r for r in records if r.quality is not None and r.quality >= minimum)


def select(
    records: Iterable[Record],
    *,
    topics: Iterable[str] = (),
    since: dt.datetime | None = None,
    min_quality: int | None = None,
    include_unpublished: bool = False,
    newest: int | None = None,
) -> Selection:
    """Apply the usual filters in their documented order, lazily where it can.

    The order is: ``topics`` (any of them), ``since``, ``min_quality``, the
    records that say ``published: false`` (left out unless
    ``include_unpublished``), then the ``newest`` N, newest first. This is
    what ``frontnews export`` runs; pass the result to
    :func:`frontnews.export` with ``include_unpublished=True``, since the
    choice is made here.

    The result is a :class:`Selection`: iterate over it for the records; it
    counts, as it goes, the records it saw and why it left each one out.
    See the module's examples, and :class:`Selection`'s.
    """
    return Selection(
        records,
        topics=tuple(topics),
        since=since,
        min_quality=min_quality,
        include_unpublished=include_unpublished,
        newest=newest,
    )


class Selection:
    """The records :func:`select` chooses, with counts of what it left out and why.

    Iterate over it for the chosen records. The counts grow while it is
    iterated, and are complete once the iteration ends: ``seen`` records came
    in, ``chosen`` came out, ``unpublished`` were left out because they say
    ``published: false``, ``duplicates`` because they repeat an earlier one
    (always 0 for now: nothing is deduplicated yet), and ``filtered`` by the
    other filters (topics, since, min_quality, newest). Iterating again
    starts the counts again (and needs input that can be iterated again).

    >>> import datetime as dt
    >>> import attrs
    >>> from frontnews import Provider, Record, Secured
    >>> record = Record(
    ...     category="news", title="A", excerpt="", type="article",
    ...     published_date_time=dt.datetime(2021, 1, 1, 9, 0), topics=("AI",),
    ...     provider=Provider(name="Example", domain="example.org"), secured=Secured("t"),
    ... )
    >>> records = [record, attrs.evolve(record, published=False), attrs.evolve(record, topics=())]
    >>> chosen = select(records, topics=["AI"])
    >>> [r.title for r in chosen]
    ['A']
    >>> chosen.seen, chosen.chosen, chosen.unpublished, chosen.filtered, chosen.duplicates
    (3, 1, 1, 1, 0)
    """

    def __init__(
        self,
        records: Iterable[Record],
        *,
        topics: tuple[str, ...],
        since: dt.datetime | None,
        min_quality: int | None,
        include_unpublished: bool,
        newest: int | None,
    ) -> None:
        self._records = records
        self._topics = topics
        self._since = since
        self._min_quality = min_quality
        self._include_unpublished = include_unpublished
        self._newest = newest
        #: The records that came in.
        self.seen = 0
        #: The records that came out.
        self.chosen = 0
        #: The records left out because they say ``published: false``.
        self.unpublished = 0
        #: The records left out because they repeat an earlier one (none yet).
        self.duplicates = 0

    @property
    def filtered(self) -> int:
        """The records the other filters left out: topics, since, min_quality, newest."""
        return self.seen - self.chosen - self.unpublished - self.duplicates

    def __iter__(self) -> Iterator[Record]:
        self.seen = self.chosen = self.unpublished = self.duplicates = 0
        chosen: Iterable[Record] = self._counted(self._records)
        if self._topics:
            chosen = with_topic(chosen, *self._topics)
        if self._since is not None:
            chosen = published_between(chosen, start=self._since)
        if self._min_quality is not None:
            chosen = with_min_quality(chosen, self._min_quality)
        if not self._include_unpublished:
            chosen = self._published(chosen)
        if self._newest is not None:
            chosen = _newest(chosen, self._newest)
        for record in chosen:
            self.chosen += 1
            yield record

    def _counted(self, records: Iterable[Record]) -> Iterator[Record]:
        for record in records:
            self.seen += 1
            yield record

    def _published(self, records: Iterable[Record]) -> Iterator[Record]:
        for record in records:
            if record.published is False:
                self.unpublished += 1
            else:
                yield record
