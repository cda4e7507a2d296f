"""The ``feed`` importer: RSS 2.0, Atom 1.0 and JSON Feed 1.0/1.1 entries as records.

One importer reads all three: a document whose first character (after white
space and a byte order mark) is ``{`` is JSON Feed, read by
:mod:`frontnews.importers._jsonfeed`; anything else goes to feedparser
(:mod:`frontnews.importers._xmlfeeds`), which reads every RSS and Atom
flavour. Each entry becomes a record (:mod:`frontnews.importers._entries`).
Needs the ``feeds`` extra (feedparser). See ``docs/importing.md``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import IO

from ..contract import Importer, ImportOptions
from ..errors import SourceError
from ..hookspecs import hookimpl
from ..model import Record
from ._entries import OPTIONS, entry_record
from ._jsonfeed import read_json_feed
from ._xmlfeeds import read_xml_feed

__all__ = ["IMPORTER", "read_feed", "register_importers"]

_BOM = b"\xef\xbb\xbf"
#: The most bytes a feed may have (the record reader's limit is 8 MiB a file; a feed holds many).
MAX_FEED_BYTES = 256 * 1024 * 1024


def _first(data: bytes) -> bytes:
    """The document's first byte after a byte order mark and white space."""
    return data.removeprefix(_BOM).lstrip()[:1]


def read_feed(stream: IO[bytes], options: ImportOptions) -> Iterator[Record]:
    """Yield one record per entry of the RSS, Atom or JSON Feed document in ``stream``.

    The whole document is read first (feedparser needs all of it); then the
    records come one at a time, so that an entry that cannot be read
    (:class:`~frontnews.SourceError` naming it) stops the iteration after the
    records before it.
    """
    data = stream.read(MAX_FEED_BYTES + 1)
    if len(data) > MAX_FEED_BYTES:
        raise SourceError(f"larger than {MAX_FEED_BYTES} bytes", source=options.source)
    if not data.strip():
        raise SourceError("is empty", source=options.source)
    first = _first(data)
    if first not in (b"{", b"<"):
        raise SourceError(
            "not an RSS, Atom or JSON feed: it starts with neither '<' nor '{'",
            source=options.source,
        )
    reader = read_json_feed if first == b"{" else read_xml_feed
    feed, entries = reader(data, options)
    for entry in entries:
        record = entry_record(entry, feed, options)
        if record is not None:
            yield record


IMPORTER = Importer(
    name="feed",
    read=read_feed,
    suffixes=(".xml", ".rss", ".atom", ".rdf", ".json"),
    media_types=(
        "application/rss+xml",
        "application/atom+xml",
        "application/feed+json",
        "application/json",
        "application/xml",
        "text/xml",
    ),
    description="RSS 2.0, Atom 1.0 and JSON Feed 1.0/1.1 entries (needs frontnews[feeds])",
    options=OPTIONS,
)


@hookimpl
def register_importers(register: Callable[[Importer], None]) -> None:
    """Register the ``feed`` importer."""
    register(IMPORTER)
