"""Dates for feeds: RFC 3339 (JSON Feed, Atom, CSV, JSON data) and RFC 822 (RSS).

One rule for naive datetimes everywhere: **a naive datetime is taken to be
UTC**. A feed date must name an instant, and records written without an
offset are, by the format's convention, in UTC. So ``2021-01-26T18:47:00``
and ``2021-01-26T18:47:00Z`` are written the same way by every format.

Neither RFC can write an offset with seconds (Python allows them; YAML never
makes one): such a time is written in UTC instead. When that UTC time falls
outside the years 1-9999 there is no way to write it, and
:class:`~frontnews.ExportError` says so.
"""

from __future__ import annotations

import datetime as dt

from ..errors import ExportError

__all__ = ["datetime_or_keyword", "rfc822", "rfc3339"]

_UTC = dt.timezone.utc
_MINUTE = dt.timedelta(minutes=1)
_DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_MONTHS = ("", "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def _naive_utc(value: dt.datetime) -> dt.datetime:
    """``value`` (aware) as a naive UTC datetime, or ExportError when UTC is out of range."""
    try:
        return value.astimezone(_UTC).replace(tzinfo=None)
    except OverflowError:
        raise ExportError(
            f"the time {value.isoformat()} has a UTC offset with seconds, which RFC 3339 and "
            "RFC 822 cannot write, and it is outside the years 1-9999 in UTC"
        ) from None


def rfc3339(value: dt.datetime) -> str:
    """Return ``value`` as an RFC 3339 date-time: ``Z`` for UTC and for naive, else its offset.

    Sub-second digits are kept (six of them, as :meth:`~datetime.datetime.isoformat`
    writes them); the year always has four digits. A time whose offset has
    seconds is written as the same instant in UTC.

    >>> import datetime as dt
    >>> rfc3339(dt.datetime(2021, 1, 26, 18, 47))
    '2021-01-26T18:47:00Z'
    >>> rfc3339(dt.datetime(2021, 1, 26, 18, 47, 5, 250000, dt.timezone(dt.timedelta(hours=5))))
    '2021-01-26T18:47:05.250000+05:00'
    >>> rfc3339(dt.datetime(2021, 1, 26, 18, 47, tzinfo=dt.timezone(dt.timedelta(seconds=30))))
    '2021-01-26T18:46:30Z'
    """
    offset = value.utcoffset()
    if not offset:  # naive, or UTC
        return value.replace(tzinfo=None).isoformat() + "Z"
    if offset % _MINUTE:
        return _naive_utc(value).isoformat() + "Z"
    return value.isoformat()


def rfc822(value: dt.datetime) -> str:
    """Return ``value`` as an RFC 822 date in UTC, such as ``Tue, 26 Jan 2021 18:47:00 +0000``.

    A naive ``value`` is UTC. Day and month names are always English, whatever
    the locale. Sub-second digits are dropped. The year has four digits. Only
    a time whose UTC equivalent falls outside the years 1-9999 keeps its own
    offset instead (an offset with seconds cannot be kept: ExportError).

    >>> import datetime as dt
    >>> rfc822(dt.datetime(2021, 1, 26, 18, 47))
    'Tue, 26 Jan 2021 18:47:00 +0000'
    >>> rfc822(dt.datetime(2021, 1, 1, 1, 30, tzinfo=dt.timezone(dt.timedelta(hours=5))))
    'Thu, 31 Dec 2020 20:30:00 +0000'
    >>> rfc822(dt.datetime(9999, 12, 31, 23, 0, tzinfo=dt.timezone(dt.timedelta(hours=-5))))
    'Fri, 31 Dec 9999 23:00:00 -0500'
    """
    offset = value.utcoffset()
    zone = "+0000"
    if offset:
        try:
            value = value - offset
        except OverflowError:
            if offset % _MINUTE:
                value = _naive_utc(value)  # raises: out of range in UTC
            minutes = offset // _MINUTE
            sign = "+" if minutes >= 0 else "-"
            zone = f"{sign}{abs(minutes) // 60:02d}{abs(minutes) % 60:02d}"
    return (
        f"{_DAYS[value.weekday()]}, {value.day:02d} {_MONTHS[value.month]} {value.year:04d} "
        f"{value.hour:02d}:{value.minute:02d}:{value.second:02d} {zone}"
    )


def datetime_or_keyword(value: object, keywords: tuple[str, ...]) -> object:
    """An option's value, with ISO 8601 text (``-O updated=2026-11-26T08:00:00Z``) as a datetime.

    An option that takes a date or a keyword (``"first"``) is declared with
    ``type=object``, so its text arrives as given: the keywords and anything
    that is not ISO 8601 come back unchanged, for the exporter to refuse.

    >>> datetime_or_keyword("2026-11-26T08:00:00Z", ("first",))
    datetime.datetime(2026, 11, 26, 8, 0, tzinfo=datetime.timezone.utc)
    >>> datetime_or_keyword("first", ("first",))
    'first'
    """
    if isinstance(value, str) and value not in keywords:
        try:
            return dt.datetime.fromisoformat(value.replace("z", "Z"))
        except ValueError:
            return value
    return value
