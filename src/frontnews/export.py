"""Running an export: :func:`export` picks the exporter and hands it the chosen records.

The contract every exporter implements is in :mod:`frontnews.contract`; its
names are also importable from here, as in frontnews 0.1.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Iterator
from typing import IO, Any

import attrs

from .contract import Exporter, ExportOptions, Feed, WriteFunction
from .errors import FeedRequiredError, FrontnewsError, TextStreamError
from .filters import published_only
from .model import Record
from .options import check_params
from .plugins import get_exporter, plugin_failure

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
    :class:`~frontnews.errors.OptionValueError` (a value that is not of the
    type the option declares, see :func:`frontnews.options.check_params`),
    :class:`~frontnews.errors.FeedRequiredError` or, for a text stream
    such as :class:`io.StringIO`, :class:`~frontnews.TextStreamError` (each
    an :class:`~frontnews.ExportError`) before anything is written when the
    call cannot work; :func:`exports` returns the bytes instead. Records
    are consumed one at a time and written in the order given.
    Records that say ``published: false`` are left out unless
    ``include_unpublished`` is true. The ``secured`` token is never written
    unless ``include_secured`` is true: the exporter is then handed records
    whose ``secured`` is ``None``, so that no exporter can leak the token by
    mistake. Other keyword arguments are the format's own options (see
    :attr:`Exporter.options`). An exporter that fails with anything but an
    :class:`~frontnews.ExportError` or an :class:`OSError` raises a
    :class:`~frontnews.PluginError` naming the plugin and its distribution,
    with the original exception as its ``__cause__``.

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
    checked = check_params(format, exporter.options, params)
    if exporter.needs_feed and feed is None:
        raise FeedRequiredError(format)
    options = ExportOptions(include_secured=include_secured, params=checked)
    chosen = records if include_unpublished else published_only(records)
    source = _Source(chosen, withhold=not include_secured)
    try:
        exporter.write(source, stream, feed, options)
    except (FrontnewsError, OSError):
        raise
    except Exception as exc:
        if exc is source.raised:
            raise  # the caller's records failed, not the exporter
        raise plugin_failure(exporter, exc) from exc


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


class _Source:
    """The records an exporter is handed: without their token unless asked, and watched.

    A record with a ``secured`` token is copied without it when ``withhold``
    is true; records without one are handed over as they are. ``raised``
    keeps what the caller's iterable raised, so that it is not blamed on the
    exporter.
    """

    __slots__ = ("_records", "_withhold", "raised")

    def __init__(self, records: Iterable[Record], *, withhold: bool) -> None:
        self._records = iter(records)
        self._withhold = withhold
        self.raised: BaseException | None = None

    def __iter__(self) -> Iterator[Record]:
        return self

    def __next__(self) -> Record:
        try:
            record = next(self._records)
        except StopIteration:
            raise
        except BaseException as exc:
            self.raised = exc
            raise
        if self._withhold and record.secured is not None:
            copy = _new_record(Record)
            for put, get in _SLOTS:
                put(copy, get(record))
            _SECURED.__set__(copy, None)
            return copy
        return record


# A record's token is withheld by copying its other slots through their descriptors,
# which a frozen class leaves writable: no field is converted or checked again, and
# it costs about a third of attrs.evolve() (see the CHANGELOG for the numbers).
_new_record = object.__new__
_SLOTS = tuple(
    (vars(Record)[field.name].__set__, vars(Record)[field.name].__get__)
    for field in attrs.fields(Record)
    if field.name != "secured"
)
_SECURED = vars(Record)["secured"]


def _is_text(stream: object) -> bool:
    """Whether ``stream`` is plainly a text stream (``StringIO``, ``sys.stdout``, mode ``"w"``)."""
    if isinstance(stream, io.TextIOBase):
        return True
    mode = getattr(stream, "mode", None)
    return isinstance(mode, str) and "b" not in mode
