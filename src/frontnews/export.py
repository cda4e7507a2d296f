"""The exporter contract, and :func:`export`, the one way to run any exporter."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from types import MappingProxyType
from typing import IO, Any

import attrs

from .errors import ExportError
from .filters import published_only
from .model import Record

__all__ = ["ExportOptions", "Exporter", "Feed", "export"]


@attrs.frozen(kw_only=True)
class Feed:
    """What a feed says about itself, beside its items.

    ``title``, ``link`` (the web site the feed belongs to, not the feed's own
    address) and ``description`` are what RSS 2.0 requires of a channel.
    ``feed_url`` is the absolute address the feed itself will be served from.
    """

    title: str
    link: str
    description: str = ""
    feed_url: str | None = None
    language: str | None = None
    icon: str | None = None
    author_name: str | None = None


def _frozen_mapping(value: Mapping[str, Any]) -> Mapping[str, Any]:
    return MappingProxyType(dict(value))


@attrs.frozen(kw_only=True)
class ExportOptions:
    """What the caller asked of one export.

    ``include_secured`` is ``False`` unless the caller opts in: only then may
    an exporter write the ``secured`` token. ``params`` holds the
    format-specific options, already checked against :attr:`Exporter.options`
    and completed with their defaults.
    """

    include_secured: bool = False
    params: Mapping[str, Any] = attrs.field(factory=dict, converter=_frozen_mapping)


#: ``write(records, stream, feed, options)``: write every record of the
#: iterable to the binary ``stream``, one at a time, in the order given.
WriteFunction = Callable[[Iterable[Record], IO[bytes], "Feed | None", ExportOptions], None]


@attrs.frozen(kw_only=True)
class Exporter:
    """An output format, as a plugin registers it.

    ``options`` maps each format-specific option name to its default; callers
    may pass only those names to :func:`export`.
    """

    name: str
    media_type: str
    suffix: str
    write: WriteFunction = attrs.field(repr=False)
    description: str = ""
    options: Mapping[str, Any] = attrs.field(factory=dict, converter=_frozen_mapping)


def export(
    records: Iterable[Record],
    format: str,
    stream: IO[bytes],
    *,
    feed: Feed | None = None,
    include_secured: bool = False,
    include_unpublished: bool = False,
    **params: Any,
) -> None:
    """Write ``records`` to the binary ``stream`` in ``format`` (``"rss"``, ``"csv"``, ...).

    Records are consumed one at a time and written in the order given.
    Records that say ``published: false`` are left out unless
    ``include_unpublished`` is true. The ``secured`` token is never written
    unless ``include_secured`` is true. Other keyword arguments are the
    format's own options (see :attr:`Exporter.options`).

    >>> import datetime as dt, io, json
    >>> import attrs
    >>> import frontnews
    >>> from frontnews import Feed, Provider, Record, Secured
    >>> record = Record(
    ...     category="news",
    ...     title="Ban the scan",
    ...     excerpt="Campaigners call for a ban.",
    ...     published_date_time=dt.datetime(2021, 1, 26, 18, 47, tzinfo=dt.timezone.utc),
    ...     type="article",
    ...     provider=Provider(name="Amnesty UK", domain="amnesty.org.uk"),
    ...     topics=("AI",),
    ...     secured=Secured("41wbFnSignedTokenText=="),
    ... )
    >>> draft = attrs.evolve(record, title="Not yet", published=False)
    >>> feed = Feed(title="News", link="https://example.org/")
    >>> stream = io.BytesIO()
    >>> frontnews.export([record, draft], "jsonfeed", stream, feed=feed)
    >>> [item["title"] for item in json.loads(stream.getvalue())["items"]]
    ['Ban the scan']
    >>> b"41wbFn" in stream.getvalue()
    False
    >>> frontnews.export([record], "jsonfeed", io.BytesIO(), colour="red")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
      ...
    frontnews.errors.ExportError: jsonfeed: unknown option(s) colour; this format takes: ...
    """
    from .plugins import get_exporter

    exporter = get_exporter(format)
    unknown = sorted(set(params) - set(exporter.options))
    if unknown:
        known = ", ".join(sorted(exporter.options)) or "none"
        raise ExportError(
            f"{format}: unknown option(s) {', '.join(unknown)}; this format takes: {known}"
        )
    options = ExportOptions(include_secured=include_secured, params={**exporter.options, **params})
    chosen = records if include_unpublished else published_only(records)
    exporter.write(chosen, stream, feed, options)
