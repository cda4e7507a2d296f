"""Paged archives: one feed written as RFC 5005 archive documents linked to each other.

:func:`export_archive` writes the records of one feed into a folder as a
*subscription document*, ``NAME.SUFFIX`` (``feed.xml``), and *archive
documents*, ``NAME.archive-K.SUFFIX`` (``feed.archive-1.xml`` ...). Archive 1
holds the oldest ``page_size`` records by ``publishedDateTime``, archive 2 the
next ``page_size``, and so on; the subscription document holds the newest
records that do not fill an archive (1 to ``page_size`` of them). So an
archive's contents and address do not change when newer records are added,
which is what RFC 5005 asks of archive documents; every record is in exactly
one document, and each document lists its records newest first.

Each document's :attr:`Feed.pages <frontnews.Feed.pages>` links it to the
others, by absolute URL: the folder of ``feed.feed_url`` plus the file name.
RFC 5005 section 4 (archived feeds): ``prev-archive`` (the next older
archive), ``next-archive`` (the next newer archive) and, in archives,
``current`` (the subscription document). Section 3 (paged feeds), for readers
that page instead: ``first`` (the subscription document), ``next`` (older),
``previous`` (newer) and ``last`` (the oldest archive); JSON Feed's
``next_url`` is ``next``. The exporter renders these links.

Memory: one record at a time, plus about 200 bytes per record for its date
and place in a temporary spool file (the records are sorted by date without
being held); open files: the spool and the document being written.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import pickle
import tempfile
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path
from typing import IO, Any
from urllib.parse import urljoin

import attrs

from .contract import Feed
from .errors import ExportError
from .export import export
from .files import atomic_open
from .filters import instant, published_only
from .model import Record
from .plugins import get_exporter

__all__ = ["WrittenFeed", "archive_name", "export_archive"]

PathLike = str | os.PathLike[str]


@attrs.frozen(kw_only=True)
class WrittenFeed:
    """One feed document written to disk, as the functions that write several report it.

    ``url`` is its own address (``None`` without a ``feed_url``), ``records``
    how many records it holds, ``group`` the group it is the feed of (with
    :func:`~frontnews.split.export_groups`), ``archive`` its archive number
    (``None`` for a subscription document, the feed to subscribe to).
    """

    path: Path
    url: str | None
    title: str | None
    records: int
    group: str | None = None
    archive: int | None = None


def archive_name(name: str, number: int, suffix: str) -> str:
    """The file name of archive ``number`` of the feed ``name``: ``feed.archive-3.xml``.

    >>> archive_name("feed", 3, ".xml")
    'feed.archive-3.xml'
    """
    return f"{name}.archive-{number}{suffix}"


def check_export(
    format: str, feed: Feed | None, *, include_secured: bool, params: Mapping[str, Any]
) -> str:
    """Raise now what :func:`~frontnews.export` would raise later; return the format's suffix.

    An empty export to memory checks the format, its options and the feed
    (its URLs, its language) before any record is read or file written.
    """
    export([], format, io.BytesIO(), feed=feed, include_secured=include_secured, **params)
    return get_exporter(format).suffix


def _pickled(records: Iterable[Record], spool: IO[bytes]) -> list[tuple[dt.datetime, int, int]]:
    """Write each record to ``spool``; return ``(time, input position, offset)`` for each."""
    keys = []
    for position, record in enumerate(records):
        keys.append((instant(record.published_date_time), position, spool.tell()))
        pickle.dump(record, spool, protocol=pickle.HIGHEST_PROTOCOL)
    return keys


def _unpickled(spool: IO[bytes], offsets: Iterable[int]) -> Iterator[Record]:
    """The records at ``offsets`` of a spool :func:`_pickled` wrote (this process's own file)."""
    for offset in offsets:
        spool.seek(offset)
        record: Record = pickle.load(spool)
        yield record


def _links(url: Callable[[int], str], number: int, archives: int) -> dict[str, str]:
    """The RFC 5005 links of document ``number`` (0: the subscription document)."""
    if not archives:
        return {}
    links = {"first": url(0), "last": url(1)}
    older = archives if number == 0 else number - 1
    if older:
        links["prev-archive"] = links["next"] = url(older)
    if number:
        links["current"] = url(0)
        links["previous"] = url(number + 1) if number < archives else url(0)
        if number < archives:
            links["next-archive"] = url(number + 1)
    return links


@attrs.frozen(kw_only=True)
class _Pages:
    """The documents of one paged feed, and how to write each."""

    format: str
    folder: Path
    name: str
    suffix: str
    page_size: int
    feed: Feed | None
    count: int
    include_secured: bool
    params: Mapping[str, Any]

    @property
    def archives(self) -> int:
        """How many archive documents: every full page but the newest records'."""
        return (self.count - 1) // self.page_size if self.count else 0

    def file(self, number: int) -> str:
        """The file name of document ``number`` (0: the subscription document)."""
        return archive_name(self.name, number, self.suffix) if number else self.name + self.suffix

    def url(self, number: int) -> str | None:
        """The address of document ``number``: the feed URL's folder and the file name."""
        if self.feed is None or self.feed.feed_url is None:
            return None
        return urljoin(self.feed.feed_url, self.file(number))

    def span(self, number: int) -> tuple[int, int]:
        """Which of the records, oldest first, document ``number`` holds."""
        if number:
            return (number - 1) * self.page_size, number * self.page_size
        return self.archives * self.page_size, self.count

    def document(self, number: int) -> Feed | None:
        """The feed of document ``number``: its own address and its links to the others."""
        if self.feed is None:
            return None
        base = self.feed.feed_url
        links: dict[str, str] = {}
        if base is not None:
            links = _links(lambda n: urljoin(base, self.file(n)), number, self.archives)
        return attrs.evolve(self.feed, feed_url=self.url(number), pages=links)

    @property
    def feed_url(self) -> str | None:
        """The address the feed was given, whose folder every document is served from."""
        return None if self.feed is None else self.feed.feed_url

    def write(self, number: int, records: Iterable[Record]) -> None:
        """Write document ``number`` with ``records``, replacing its file atomically."""
        with atomic_open(self.folder / self.file(number)) as handle:
            export(
                records,
                self.format,
                handle,
                feed=self.document(number),
                include_secured=self.include_secured,
                include_unpublished=True,
                **self.params,
            )


def export_archive(
    records: Iterable[Record],
    format: str,
    directory: PathLike,
    *,
    page_size: int,
    name: str = "feed",
    feed: Feed | None = None,
    include_secured: bool = False,
    include_unpublished: bool = False,
    **params: Any,
) -> list[WrittenFeed]:
    """Write ``records`` into ``directory`` as a subscription document and its archives.

    See the module's description for the file names, the links and what
    goes where. ``directory`` is made if missing. Each file is replaced
    atomically; the archives are written before the subscription document.
    The feed's ``feed_url`` is needed when there is more than one document
    of a feed format (the links are absolute URLs): without it,
    :class:`~frontnews.ExportError`. Other arguments are
    :func:`~frontnews.export`'s. Returns the documents written, oldest archive
    first, the subscription document last.

    >>> import datetime as dt, tempfile
    >>> from frontnews import Feed, Provider, Record
    >>> record = Record(
    ...     category="news", title="A", excerpt="", type="article", topics=("AI",),
    ...     published_date_time=dt.datetime(2021, 1, 1, tzinfo=dt.timezone.utc),
    ...     provider=Provider(name="Example", domain="example.org"),
    ... )
    >>> feed = Feed(title="News", link="https://example.org/",
    ...             feed_url="https://example.org/feeds/feed.xml")
    >>> written = export_archive([record] * 5, "rss", tempfile.mkdtemp(), page_size=2, feed=feed)
    >>> [(w.path.name, w.records, w.archive) for w in written]
    [('feed.archive-1.xml', 2, 1), ('feed.archive-2.xml', 2, 2), ('feed.xml', 1, None)]
    >>> written[-1].url
    'https://example.org/feeds/feed.xml'
    """
    if page_size < 1:
        raise ValueError(f"page_size must be 1 or more, not {page_size}")
    suffix = check_export(format, feed, include_secured=include_secured, params=params)
    chosen = records if include_unpublished else published_only(records)
    with tempfile.TemporaryFile(prefix="frontnews-archive-") as spool:
        keys = sorted(_pickled(chosen, spool))
        pages = _Pages(
            format=format,
            folder=Path(directory),
            name=name,
            suffix=suffix,
            page_size=page_size,
            feed=feed,
            count=len(keys),
            include_secured=include_secured,
            params=params,
        )
        if pages.archives and pages.feed_url is None and get_exporter(format).needs_feed:
            raise ExportError(
                f"{format}: paged archives link to each other by absolute URL, "
                "so the feed needs a feed_url"
            )
        pages.folder.mkdir(parents=True, exist_ok=True)
        written = []
        for number in [*range(1, pages.archives + 1), 0]:
            start, end = pages.span(number)
            offsets = [offset for _, _, offset in reversed(keys[start:end])]
            pages.write(number, _unpickled(spool, offsets))
            written.append(
                WrittenFeed(
                    path=pages.folder / pages.file(number),
                    url=pages.url(number),
                    title=None if feed is None else feed.title,
                    records=len(offsets),
                    archive=number or None,
                )
            )
    return written
