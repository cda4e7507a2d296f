"""Running an export: :func:`export` picks the exporter and hands it the chosen records.

The contract every exporter implements is in :mod:`frontnews.contract`; its
names are also importable from here, as in frontnews 0.1.
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from typing import IO, Any

from .contract import Exporter, ExportOptions, Feed, WriteFunction
from .errors import FeedRequiredError, OptionValueError, TextStreamError, UnknownOptionError
from .filters import published_only
from .model import Record
from .plugins import get_exporter

__all__ = ["ExportOptions", "Exporter", "Feed", "WriteFunction", "export", "exports"]


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

    Raises :class:`~frontnews.errors.UnknownFormatError`,
    :class:`~frontnews.errors.UnknownOptionError`,
    :class:`~frontnews.errors.OptionValueError` (an option that is a switch
    given something else than ``True`` or ``False``),
    :class:`~frontnews.errors.FeedRequiredError` or, for a text stream
    such as :class:`io.StringIO`, :class:`~frontnews.TextStreamError` (each
    an :class:`~frontnews.ExportError`) before anything is written when the
    call cannot work; :func:`exports` returns the bytes instead. Records
    are consumed one at a time and written in the order given.
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
    frontnews.errors.UnknownOptionError: jsonfeed: unknown option(s) colour; this format takes: ...
    >>> frontnews.export([record], "csv", io.StringIO())  # doctest: +ELLIPSIS
    Traceback (most recent call last):
      ...
    frontnews.errors.TextStreamError: export() writes bytes, and was given a text stream ...
    """
    if _is_text(stream):
        raise TextStreamError(stream)
    exporter = get_exporter(format)
    unknown = sorted(set(params) - set(exporter.options))
    if unknown:
        raise UnknownOptionError(format, unknown, sorted(exporter.options))
    for name, value in params.items():
        # A switch takes True or False, whatever the format: 1 or "yes" is a mistake.
        if exporter.options[name].type is bool and not isinstance(value, bool):
            raise OptionValueError(format, name, value, "true or false")
    if exporter.needs_feed and feed is None:
        raise FeedRequiredError(format)
    options = ExportOptions(include_secured=include_secured, params={**exporter.defaults, **params})
    chosen = records if include_unpublished else published_only(records)
    exporter.write(chosen, stream, feed, options)


def exports(
    records: Iterable[Record],
    format: str,
    *,
    feed: Feed | None = None,
    include_secured: bool = False,
    include_unpublished: bool = False,
    **params: Any,
) -> bytes:
    """Return ``records`` exported in ``format``, as bytes: :func:`export` without a stream.

    It takes the same arguments as :func:`export`, and raises the same errors.

    >>> import datetime as dt
    >>> import frontnews
    >>> from frontnews import Provider, Record, Secured
    >>> record = Record(
    ...     category="news", title="Ban the scan", excerpt="", type="article",
    ...     published_date_time=dt.datetime(2021, 1, 26, 18, 47, tzinfo=dt.timezone.utc),
    ...     provider=Provider(name="Amnesty UK", domain="amnesty.org.uk"), topics=("AI",),
    ...     secured=Secured("41wbFnSignedTokenText=="),
    ... )
    >>> data = frontnews.exports([record], "csv")
    >>> type(data).__name__, data.splitlines()[1][:40]
    ('bytes', b'news,Ban the scan,,2021-01-26T18:47:00Z,')
    """
    stream = io.BytesIO()
    export(
        records,
        format,
        stream,
        feed=feed,
        include_secured=include_secured,
        include_unpublished=include_unpublished,
        **params,
    )
    return stream.getvalue()


def _is_text(stream: object) -> bool:
    """Whether ``stream`` is plainly a text stream (``StringIO``, ``sys.stdout``, mode ``"w"``)."""
    if isinstance(stream, io.TextIOBase):
        return True
    mode = getattr(stream, "mode", None)
    return isinstance(mode, str) and "b" not in mode
