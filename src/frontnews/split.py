"""One feed per group in one pass: :func:`export_groups`, and the file names it gives them.

A *group* is a topic, a provider (by name) or a category: what ``by`` says.
:func:`export_groups` reads the records once, in the order given; a record
goes to every group it belongs to (a record with topics ``AI`` and
``Robotics`` is in both topics' feeds; a blank or null topic is no group).
Each record is pickled once and appended to its groups' temporary spool
files, in a private temporary folder that is removed at the end; then each
group's feed is written from its spool, in the order the records came, and
replaced atomically. With ``page_size``, each group's feed is written as
paged archives (see :mod:`frontnews.archive`).

Bounds: at most ``max_open`` spool files are open at once (the least
recently used one is closed when another is needed, and opened again to
append), plus the feed being written; memory holds one record, the open
spools' write buffers (8 KiB each) and, per group, its name, slug and count.
With ``page_size``, add about 200 bytes per record of the largest group
(see :mod:`frontnews.archive`); with ``sort``, about as much per record and
group (a record's date, position and place in the spool).

File names come from :func:`slugs`; each group feed's address is the folder
of ``feed.feed_url`` plus its file name, and its title is
``"<feed title>: <group>"``. When a feed is given, an OPML 2.0 index of the
feeds written, ``index.opml``, is written last.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import pickle
import re
import tempfile
import unicodedata
from collections import Counter, OrderedDict
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import IO, Any, Literal
from urllib.parse import urljoin

import attrs

from ._opml import Outline, opml
from .archive import PathLike, WrittenFeed, check_export, export_archive
from .contract import Feed
from .export import export
from .files import atomic_open, atomic_write
from .filters import ORDERS, Order, instant, published_only
from .model import Record

__all__ = ["GROUPINGS", "INDEX", "SplitResult", "export_groups", "group_names", "slugs"]

#: What records can be grouped by.
GROUPINGS = ("topic", "provider", "category")
Grouping = Literal["topic", "provider", "category"]
#: The file name of the OPML index.
INDEX = "index.opml"
#: The longest slug before its ``-`` and hash digits, if any.
MAX_SLUG = 60
#: The default bound on the spool files open at once.
MAX_OPEN = 64
_NOT_SLUG = re.compile(r"[^a-z0-9]+")
# Names Windows keeps for devices, whatever the suffix: never a plain slug.
_RESERVED = frozenset(
    {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(10)), *(f"lpt{i}" for i in range(10))}
)


@attrs.frozen(kw_only=True)
class SplitResult:
    """What :func:`export_groups` wrote.

    ``feeds`` are the documents written, group by group in file name order
    (with ``page_size``, each group's archives before its subscription
    document); ``index`` is the OPML file (``None`` without a feed, or when no
    feed was written); ``records`` counts the records read and ``ungrouped``
    those in no group (a record without topics, for ``by="topic"``).
    """

    feeds: tuple[WrittenFeed, ...]
    index: Path | None
    records: int
    ungrouped: int


def group_names(record: Record, by: Grouping) -> tuple[str, ...]:
    """The groups ``record`` belongs to, each once, in the record's order.

    >>> import datetime as dt
    >>> from frontnews import Provider, Record
    >>> record = Record(
    ...     category="news", title="A", excerpt="", type="article",
    ...     topics=("AI", None, "Robotics", "AI", " "),
    ...     published_date_time=dt.datetime(2021, 1, 1),
    ...     provider=Provider(name="Example", domain="example.org"),
    ... )
    >>> group_names(record, "topic"), group_names(record, "provider")
    (('AI', 'Robotics'), ('Example',))
    """
    if by == "topic":
        names: Iterable[str | None] = record.topics
    elif by == "provider":
        names = (record.provider.name,)
    elif by == "category":
        names = (record.category,)
    else:
        raise ValueError(f"records are grouped by {', '.join(GROUPINGS)}, not {by!r}")
    return tuple(dict.fromkeys(n for n in names if n is not None and n.strip()))


def _digest(name: str, digits: int = 8) -> str:
    return hashlib.sha256(name.encode("utf-8", "surrogatepass")).hexdigest()[:digits]


def _base(name: str) -> str:
    """``name`` in lower-case ASCII letters and digits joined by ``-`` (accents dropped)."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    return _NOT_SLUG.sub("-", text)[:MAX_SLUG].strip("-")


def slugs(names: Iterable[str], prefix: str = "group") -> dict[str, str]:
    """A file name stem for each name: distinct, ASCII, stable from run to run.

    A name becomes lower-case ASCII letters and digits joined by ``-``
    (``Künstliche Intelligenz`` is ``kunstliche-intelligenz``), at most 60
    characters. When several names give the same slug (``AI`` and ``ai``),
    the first in code point order keeps it and each other one gets ``-`` and
    the first 8 hex digits of the SHA-256 of its UTF-8 name, which never
    change. A name with no ASCII letter or digit (``人工知能``) is ``prefix``,
    ``-`` and those digits; so is a name Windows keeps for a device (``con``).
    Slugs never hold a ``.``, so they never clash with archive file names.

    >>> for name, slug in slugs(["AI", "ai", "Künstliche KI", "人工知能", "C++"], "topic").items():
    ...     print(name, slug)
    AI ai
    ai ai-32e83e92
    Künstliche KI kunstliche-ki
    人工知能 topic-d6bc0a3e
    C++ c
    """
    unique = sorted(set(names))
    taken: dict[str, str] = {}
    result: dict[str, str] = {}
    for name in unique:
        base = _base(name)
        if not base or base in _RESERVED:
            slug = f"{base or prefix}-{_digest(name)}"
        elif base in taken:
            slug = f"{base}-{_digest(name)}"
        else:
            slug = base
        if slug in taken:  # a name that reads like another's slug and hash: the whole hash
            slug = f"{base or prefix}-{_digest(name, 64)}"
        taken[slug] = name
        result[name] = slug
    return {name: result[name] for name in dict.fromkeys(names)}


class _Spools:
    """Each group's records, pickled one after another into its own temporary file.

    At most ``max_open`` files are open at once: the least recently written
    one is closed to open another, and opened again to append when needed.
    """

    def __init__(self, folder: str, max_open: int, order: Order | None = None) -> None:
        self._folder = folder
        self._max_open = max_open
        self._open: OrderedDict[str, IO[bytes]] = OrderedDict()
        self._paths: dict[str, str] = {}
        #: How many records each group holds.
        self.counts: Counter[str] = Counter()
        #: With an order, each group's records by rank: (instant, position, offset, size).
        self._order = None if order == "path" else order
        self._sizes: Counter[str] = Counter()
        self._ranks: dict[str, list[tuple[dt.datetime, int, int, int]]] = {}

    def add(self, name: str, data: bytes, rank: tuple[dt.datetime, int] | None = None) -> None:
        """Append one pickled record to the spool of group ``name``; remember its rank."""
        if rank is not None:
            where = (*rank, self._sizes[name], len(data))
            self._ranks.setdefault(name, []).append(where)
            self._sizes[name] += len(data)
        handle = self._open.get(name)
        if handle is None:
            if len(self._open) >= self._max_open:
                self._open.popitem(last=False)[1].close()
            path = self._paths.setdefault(
                name, os.path.join(self._folder, f"{len(self._paths)}.spool")
            )
            handle = self._open[name] = open(path, "ab")  # noqa: SIM115 (closed by LRU or close)
        else:
            self._open.move_to_end(name)
        handle.write(data)
        self.counts[name] += 1

    def fill(self, records: Iterable[Record], by: Grouping) -> tuple[int, int]:
        """Spool each record into its groups; return how many were read and in no group."""
        read = ungrouped = 0
        try:
            for record in records:
                read += 1
                names = group_names(record, by)
                ungrouped += not names
                data = pickle.dumps(record, protocol=pickle.HIGHEST_PROTOCOL) if names else b""
                rank = None
                if self._order is not None:
                    rank = (instant(record.published_date_time), read)
                for name in names:
                    self.add(name, data, rank)
        finally:
            self.close()
        return read, ungrouped

    def close(self) -> None:
        """Close every spool file still open (they stay on disk to be read)."""
        while self._open:
            self._open.popitem()[1].close()

    def records(self, name: str) -> Iterator[Record]:
        """The records of group ``name``: in the order they were added, or by date if asked.

        Newest first (``"newest"``) or oldest first (``"oldest"``); records
        of one instant keep the order they came in.
        """
        with open(self._paths[name], "rb") as spool:
            if self._order is None:
                for _ in range(self.counts[name]):
                    # Our own file, in a folder only this process can write: no foreign pickle.
                    record: Record = pickle.load(spool)
                    yield record
                return
            ranks = self._ranks[name]
            if self._order == "newest":
                ranks.sort(key=lambda r: (r[0], -r[1]), reverse=True)
            else:
                ranks.sort()
            for _, _, offset, size in ranks:
                spool.seek(offset)
                yield pickle.loads(spool.read(size))


def _group_feed(feed: Feed, group: str, file: str) -> Feed:
    """The feed of one group: its own title and address, no page links."""
    url = None if feed.feed_url is None else urljoin(feed.feed_url, file)
    return attrs.evolve(feed, title=f"{feed.title}: {group}", feed_url=url, pages={})


@attrs.frozen(kw_only=True)
class _Writer:
    """How each group's feed is written."""

    format: str
    folder: Path
    suffix: str
    feed: Feed | None
    page_size: int | None
    include_secured: bool
    params: Mapping[str, Any]

    def write(self, group: str, slug: str, records: Iterator[Record]) -> list[WrittenFeed]:
        """Write one group's feed (or its pages); return the documents written."""
        file = slug + self.suffix
        feed = None if self.feed is None else _group_feed(self.feed, group, file)
        options = {"feed": feed, "include_secured": self.include_secured, **self.params}
        if self.page_size is not None:
            written = export_archive(
                records,
                self.format,
                self.folder,
                page_size=self.page_size,
                name=slug,
                include_unpublished=True,
                **options,
            )
            return [attrs.evolve(w, group=group) for w in written]
        counted = _Counted(records)
        with atomic_open(self.folder / file) as handle:
            export(counted, self.format, handle, include_unpublished=True, **options)
        url = None if feed is None else feed.feed_url
        title = None if feed is None else feed.title
        return [
            WrittenFeed(
                path=self.folder / file, url=url, title=title, records=counted.count, group=group
            )
        ]

    def index(self, written: Iterable[WrittenFeed]) -> Path | None:
        """Write the OPML index of the subscription documents; return its path."""
        if self.feed is None:
            return None
        outlines = [
            Outline(
                text=w.title or str(w.group),
                xml_url=w.url or w.path.name,
                html_url=self.feed.link,
                description=self.feed.description or None,
                language=self.feed.language,
            )
            for w in written
            if w.archive is None
        ]
        if not outlines:
            return None
        path = self.folder / INDEX
        atomic_write(path, opml(self.feed.title, outlines, owner=self.feed.author_name))
        return path


class _Counted:
    """Iterate over records, counting them."""

    def __init__(self, records: Iterable[Record]) -> None:
        self._records = records
        self.count = 0

    def __iter__(self) -> Iterator[Record]:
        for record in self._records:
            self.count += 1
            yield record


def export_groups(
    records: Iterable[Record],
    format: str,
    directory: PathLike,
    *,
    by: Grouping = "topic",
    feed: Feed | None = None,
    page_size: int | None = None,
    max_open: int = MAX_OPEN,
    sort: Order | None = None,
    include_secured: bool = False,
    include_unpublished: bool = False,
    **params: Any,
) -> SplitResult:
    """Write one feed per group of ``records`` into ``directory``, reading them once.

    ``by`` is ``"topic"``, ``"provider"`` or ``"category"``. Feed ``g`` is
    ``directory/<slug of g><format's suffix>`` (see :func:`slugs`), with the
    records of ``g`` in the order given (``sort=None`` or ``"path"``), or
    newest or oldest first (``sort="newest"``, ``"oldest"``: each group is
    sorted when it is written, from its spool, so the records are never all
    held at once), the title ``"<feed.title>: g"`` and
    the address ``urljoin(feed.feed_url, file name)``; with a feed, an OPML
    index (:data:`INDEX`) lists them. ``directory`` is made if missing; files
    already there are replaced only when a feed of this run has their name.
    The format, its options and the feed are checked before a record is
    read; every record is read before a feed is written, so an iterable that
    raises leaves the folder as it was. Each feed is replaced atomically,
    the index last. See the module's description for the bounds on open files
    and memory. Other arguments are :func:`~frontnews.export`'s.

    >>> import datetime as dt, tempfile
    >>> from frontnews import Feed, Provider, Record
    >>> record = Record(
    ...     category="news", title="A", excerpt="", type="article", topics=("AI", "Robots"),
    ...     published_date_time=dt.datetime(2021, 1, 1, tzinfo=dt.timezone.utc),
    ...     provider=Provider(name="Example", domain="example.org"),
    ... )
    >>> feed = Feed(title="News", link="https://example.org/",
    ...             feed_url="https://example.org/feeds/all.xml")
    >>> result = export_groups([record], "rss", tempfile.mkdtemp(), feed=feed)
    >>> for written in result.feeds:
    ...     print(written.path.name, written.url, written.title, written.records)
    ai.xml https://example.org/feeds/ai.xml News: AI 1
    robots.xml https://example.org/feeds/robots.xml News: Robots 1
    >>> result.index.name
    'index.opml'
    """
    if by not in GROUPINGS:
        raise ValueError(f"records are grouped by {', '.join(GROUPINGS)}, not {by!r}")
    if max_open < 1:
        raise ValueError(f"max_open must be 1 or more, not {max_open}")
    if page_size is not None and page_size < 1:
        raise ValueError(f"page_size must be 1 or more, not {page_size}")
    folder = Path(directory)
    writer = _Writer(
        format=format,
        folder=folder,
        suffix=check_export(format, feed, include_secured=include_secured, params=params),
        feed=feed,
        page_size=page_size,
        include_secured=include_secured,
        params=params,
    )
    chosen = records if include_unpublished else published_only(records)
    with tempfile.TemporaryDirectory(prefix="frontnews-split-") as scratch:
        if sort is not None and sort not in ORDERS:
            raise ValueError(f"sort must be one of {', '.join(ORDERS)}, not {sort!r}")
        spools = _Spools(scratch, max_open, sort)
        read, ungrouped = spools.fill(chosen, by)
        folder.mkdir(parents=True, exist_ok=True)
        written: list[WrittenFeed] = []
        named = slugs(spools.counts, prefix=by)
        for name in sorted(named, key=named.__getitem__):
            written += writer.write(name, named[name], spools.records(name))
    index = writer.index(written)
    return SplitResult(feeds=tuple(written), index=index, records=read, ungrouped=ungrouped)
