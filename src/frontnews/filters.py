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
import hashlib
import heapq
from collections.abc import Callable, Iterable, Iterator
from typing import Literal

from .model import Record
from .toolkit.ids import item_id

__all__ = [
    "ORDERS",
    "Order",
    "Selection",
    "instant",
    "newest",
    "published_between",
    "published_only",
    "select",
    "sort_records",
    "unique",
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
    sort: Order = "newest",
    keep_duplicates: bool = False,
) -> Selection:
    """Apply the usual filters in their documented order, lazily where it can.

    The order is: ``topics`` (any of them), ``since``, ``min_quality``, the
    records that say ``published: false`` (left out unless
    ``include_unpublished``), the copies of one article (left out unless
    ``keep_duplicates``, see :func:`sort_records` for which copy is kept), then
    the ``newest`` N. The records come out in the ``sort`` order (see
    :data:`ORDERS`). This is what ``frontnews export`` runs; pass the result
    to :func:`frontnews.export` with ``include_unpublished=True``, since the
    choice is made here.

    Memory: ``sort="path"`` streams (one record at a time, plus 16 bytes per
    article id to find the copies); ``"newest"`` and ``"oldest"`` hold every
    chosen record until the first is written, unless ``newest`` is given,
    which holds at most N records.

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
        sort=sort,
        keep_duplicates=keep_duplicates,
    )


class Selection:
    """The records :func:`select` chooses, with counts of what it left out and why.

    Iterate over it for the chosen records. The counts grow while it is
    iterated, and are complete once the iteration ends: ``seen`` records came
    in, ``chosen`` came out, ``unpublished`` were left out because they say
    ``published: false``, ``duplicates`` because they are another copy of
    an article that was kept (same item id), and ``filtered`` by the
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
    >>> again = select([record, attrs.evolve(record, excerpt="Edited")])
    >>> [r.excerpt for r in again], again.duplicates
    ([''], 1)
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
        sort: Order = "newest",
        keep_duplicates: bool = False,
    ) -> None:
        if sort not in ORDERS:
            raise ValueError(f"sort must be one of {', '.join(ORDERS)}, not {sort!r}")
        self._records = records
        self._topics = topics
        self._since = since
        self._min_quality = min_quality
        self._include_unpublished = include_unpublished
        self._newest = newest
        self._sort: Order = sort
        self._keep_duplicates = keep_duplicates
        #: The records that came in.
        self.seen = 0
        #: The records that came out.
        self.chosen = 0
        #: The records left out because they say ``published: false``.
        self.unpublished = 0
        #: The records left out because they are another copy of an article that was kept.
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
        chosen = self._ordered(chosen)
        for record in chosen:
            self.chosen += 1
            yield record

    def _duplicate(self) -> None:
        self.duplicates += 1

    def _ordered(self, records: Iterable[Record]) -> Iterable[Record]:
        """The records in the chosen order, the copies left out, the newest N kept."""
        if self._newest is not None:
            if self._keep_duplicates:
                best = _newest(records, self._newest)
            else:
                best = _newest_unique(records, self._newest, self._duplicate)
            return best[::-1] if self._sort == "oldest" else best
        on_duplicate = None if self._keep_duplicates else self._duplicate
        return sort_records(records, self._sort, on_duplicate=on_duplicate)

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


#: The orders :func:`sort_records` and :func:`select` know: ``"newest"`` first
#: (the default of feeds), ``"oldest"`` first, or ``"path"`` (the input order).
ORDERS: tuple[str, ...] = ("newest", "oldest", "path")
Order = Literal["newest", "oldest", "path"]

_Rank = tuple[dt.datetime, int]


def _rank(record: Record, position: int) -> _Rank:
    """Newer ranks higher; at the same time, the earlier in the input ranks higher."""
    return instant(record.published_date_time), -position


def _key(record: Record) -> bytes:
    """A 16-byte digest of the record's item id (:func:`frontnews.toolkit.item_id`)."""
    text = item_id(record).encode("utf-8", "surrogatepass")
    return hashlib.blake2b(text, digest_size=16).digest()


def unique(
    records: Iterable[Record], on_duplicate: Callable[[], None] | None = None
) -> Iterator[Record]:
    """Yield each article once: the first record of each item id, in the input order.

    Two records are copies of one article when they have the same item id
    (:func:`frontnews.toolkit.item_id`: the ``webUrl``, else the
    ``originalUrl``, as :func:`frontnews.toolkit.http_url` normalises it, else
    the stable id of provider, date and title). ``on_duplicate`` is called for
    each copy left out. Memory: 16 bytes (and a set entry) per article.
    """
    seen: set[bytes] = set()
    for record in records:
        key = _key(record)
        if key in seen:
            if on_duplicate is not None:
                on_duplicate()
            continue
        seen.add(key)
        yield record


def sort_records(
    records: Iterable[Record],
    order: Order = "newest",
    *,
    on_duplicate: Callable[[], None] | None = None,
) -> Iterable[Record]:
    """Return ``records`` in ``order``; with ``on_duplicate``, each article once.

    ``"path"`` streams the records as they come (the first copy of an article
    is kept, as :func:`unique` does: a stream cannot wait for later copies).
    ``"newest"`` and ``"oldest"`` read every record first (all of them are held
    in memory), sort by ``publishedDateTime`` (naive means UTC; the same time
    keeps the input order) and keep, of the copies of one article, **the
    newest** (at the same time, the first in the input order): a republished
    article's latest version is the one readers should get, whatever the
    order they see the feed in. ``on_duplicate`` (``None``: every copy is
    kept) is called for each copy left out.
    """
    if order not in ORDERS:
        raise ValueError(f"order must be one of {', '.join(ORDERS)}, not {order!r}")
    if order == "path":
        return records if on_duplicate is None else unique(records, on_duplicate)
    ranked: list[tuple[_Rank, Record]]
    if on_duplicate is None:
        ranked = [(_rank(r, n), r) for n, r in enumerate(records)]
    else:
        best: dict[bytes, tuple[_Rank, Record]] = {}
        for position, record in enumerate(records):
            key, rank = _key(record), _rank(record, position)
            held = best.get(key)
            if held is not None:
                on_duplicate()
                if rank <= held[0]:
                    continue
            best[key] = (rank, record)
        ranked = list(best.values())
    if order == "newest":
        ranked.sort(key=lambda entry: entry[0], reverse=True)
    else:
        ranked.sort(key=lambda entry: (entry[0][0], -entry[0][1]))
    return [record for _, record in ranked]


def _newest_unique(
    records: Iterable[Record], n: int, on_duplicate: Callable[[], None]
) -> list[Record]:
    """The ``n`` newest articles, newest first, each once (its newest copy), holding at most ``n``.

    A min-heap of the ranks held, and a map from each article's key to its
    rank and record; a copy that replaces a held one leaves a stale heap entry
    (a rank and a key, no record) that is skipped, and the heap is rebuilt
    when stale entries outnumber the live ones.
    """
    if n < 0:
        raise ValueError(f"n must be 0 or more, not {n}")
    heap: list[tuple[_Rank, bytes]] = []
    best: dict[bytes, tuple[_Rank, Record]] = {}
    for position, record in enumerate(records):
        key, rank = _key(record), _rank(record, position)
        held = best.get(key)
        if held is not None:
            on_duplicate()
            if rank > held[0]:
                best[key] = (rank, record)
                heapq.heappush(heap, (rank, key))
            continue
        if len(best) >= n:
            while heap and (heap[0][1] not in best or best[heap[0][1]][0] != heap[0][0]):
                heapq.heappop(heap)  # stale: its article has a newer copy held
            if not heap or rank <= heap[0][0]:
                continue
            del best[heapq.heappop(heap)[1]]
        best[key] = (rank, record)
        heapq.heappush(heap, (rank, key))
        if len(heap) > 2 * len(best) + 16:
            heap = [(held_rank, held_key) for held_key, (held_rank, _) in best.items()]
            heapq.heapify(heap)
    return [record for _, record in sorted(best.values(), key=lambda e: e[0], reverse=True)]
