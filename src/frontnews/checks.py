"""Checks beyond the schema: values that read fine but are probably mistakes.

A record can be valid and still say ``webUrl: "not a url"`` (an RSS item then
has no link), be dated next year, or have a blank title. :func:`check`
returns one :class:`RecordWarning` for each such value; ``frontnews validate``
prints them as warnings, and as problems with ``--strict``.

The rules:

- a URL field (``url``, or a key ending in ``Url``) holds an absolute
  ``http`` or ``https`` URL with a host;
- a date is not more than :data:`FUTURE_TOLERANCE` (a day) in the future;
- a required text field is not blank (empty or only white space).

>>> import datetime as dt
>>> from frontnews import Provider, Record, Secured
>>> record = Record(
...     category="news", title=" ", excerpt="", type="article", web_url="not a url",
...     published_date_time=dt.datetime(2021, 1, 26, 18, 47, tzinfo=dt.timezone.utc),
...     provider=Provider(name="Amnesty UK", domain="amnesty.org.uk"), topics=("AI",),
...     secured=Secured("41wbFnSignedTokenText=="),
... )
>>> for warning in check(record):
...     print(warning)
<string>: title: blank: a required text should say something
<string>: excerpt: blank: a required text should say something
<string>: webUrl: not an absolute http(s) URL: 'not a url'
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit

import attrs

from . import _safeyaml
from ._frontmatter import decode, split
from .errors import FrontnewsError
from .filters import instant
from .limits import DEFAULT_LIMITS
from .model import Record
from .schema import Field, Kind, schema_of

__all__ = ["FUTURE_TOLERANCE", "RecordWarning", "check"]

#: How far in the future a date may be before it is suspicious (time zones, clocks).
FUTURE_TOLERANCE = dt.timedelta(days=1)

_SCHEMES = frozenset({"http", "https"})

FieldPath = tuple[str | int, ...]


@attrs.frozen(kw_only=True)
class RecordWarning:
    """One suspicious value: where it is (``file``, ``line``, ``column``, ``field``) and why.

    ``path`` is the field's path as keys and list indexes, ``field`` the same
    written out (``related[0].webUrl``); ``line`` and ``column`` are ``None``
    unless :func:`check` was given the record's text. ``str()`` gives the
    ``file:line: field: reason`` form of :class:`~frontnews.RecordError`.
    """

    reason: str
    path: FieldPath
    field: str
    file: str | None = None
    line: int | None = None
    column: int | None = None

    def __str__(self) -> str:
        where = self.file if self.file is not None else "<string>"
        if self.line is not None:
            where = f"{where}:{self.line}"
        return f"{where}: {self.field}: {self.reason}"


def check(
    record: Record,
    *,
    text: str | bytes | None = None,
    source: str | None = None,
    now: dt.datetime | None = None,
) -> list[RecordWarning]:
    """Return a warning for each suspicious value of ``record``, in field order.

    Give the record's ``text`` (what it was read from) to have each warning's
    line and column, and ``source`` to name the file. ``now`` is the time
    future dates are measured from (default: the current time; naive means UTC).
    """
    latest = instant(now or dt.datetime.now(dt.UTC)) + FUTURE_TOLERANCE
    found = [
        RecordWarning(reason=reason, path=path, field=_format(path), file=source)
        for path, field, value in _values(record, ())
        for reason in _problems(field, value, latest)
    ]
    if found and text is not None:
        found = _placed(found, text, source)
    return found


def _values(value: Any, path: FieldPath) -> Iterator[tuple[FieldPath, Field, Any]]:
    """Every front-matter value below ``value`` with its path and field, depth first."""
    for field in schema_of(type(value)).fields:
        item = getattr(value, field.name)
        here = (*path, field.key)
        yield here, field, item
        if field.kind is Kind.MAPPING and item is not None:
            yield from _values(item, here)
        elif field.kind is Kind.MAPPINGS and item:
            for index, nested in enumerate(item):
                yield from _values(nested, (*here, index))


def _problems(field: Field, value: Any, latest: dt.datetime) -> Iterator[str]:
    if isinstance(value, str):
        if field.required and not value.strip():
            yield "blank: a required text should say something"
        elif (field.key == "url" or field.key.endswith("Url")) and not _is_web_url(value):
            yield f"not an absolute http(s) URL: {value!r}"
    elif isinstance(value, dt.datetime) and instant(value) > latest:
        yield f"in the future: {value.isoformat()} is more than a day ahead"


def _is_web_url(value: str) -> bool:
    try:
        parts = urlsplit(value.strip())
    except ValueError:
        return False
    return parts.scheme.lower() in _SCHEMES and bool(parts.hostname)


def _format(path: FieldPath) -> str:
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text


def _placed(
    found: list[RecordWarning], text: str | bytes, source: str | None
) -> list[RecordWarning]:
    """The warnings with the line and column of their values in ``text``, where it reads."""
    try:
        decoded = decode(text, source) if isinstance(text, bytes) else text
        root, _ = _safeyaml.load(split(decoded, source).front, DEFAULT_LIMITS, source)
    except FrontnewsError:
        return found
    placed = []
    for warning in found:
        line, column = _safeyaml.locate(root, warning.path)
        placed.append(attrs.evolve(warning, line=line, column=column))
    return placed
