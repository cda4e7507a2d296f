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
import re
from typing import Any
from urllib.parse import urlsplit

import attrs

from . import _safeyaml
from ._canonical import is_canonical, locate_canonical
from ._frontmatter import decode, split
from .errors import FrontnewsError, _format_path
from .filters import instant
from .model import Record
from .schema import Kind, per_class, schema_of

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
    found: list[RecordWarning] = []
    _check(record, (), latest, found, source)
    if found and text is not None:
        found = _placed(found, text, source)
    return found


@attrs.frozen
class _Plan:
    """What to look at in one model class: its text and date fields, and what nests."""

    texts: tuple[tuple[str, str, bool, bool], ...]  # name, key, required, a URL
    dates: tuple[tuple[str, str], ...]
    nested: tuple[tuple[str, str, bool], ...]  # name, key, a list of them


@per_class
def _plan(cls: type[Any]) -> _Plan:
    """Only the fields a rule applies to, found once per class from the schema."""
    texts, dates, nested = [], [], []
    for f in schema_of(cls).fields:
        url = f.key == "url" or f.key.endswith("Url")
        if f.kind is Kind.TEXT and (f.required or url):
            texts.append((f.name, f.key, f.required, url))
        elif f.kind is Kind.DATETIME:
            dates.append((f.name, f.key))
        elif f.kind in (Kind.MAPPING, Kind.MAPPINGS):
            nested.append((f.name, f.key, f.kind is Kind.MAPPINGS))
    return _Plan(tuple(texts), tuple(dates), tuple(nested))


def _check(
    obj: Any, path: FieldPath, latest: dt.datetime, found: list[RecordWarning], source: str | None
) -> None:
    """Add a warning to ``found`` for each suspicious value below ``obj``, in field order."""
    plan = _plan(type(obj))
    problems: list[tuple[FieldPath, str]] = []
    for name, key, required, url in plan.texts:
        value = getattr(obj, name)
        if type(value) is not str:
            continue
        if required and (not value or value.isspace()):
            problems.append(((*path, key), "blank: a required text should say something"))
        elif url and not _is_web_url(value):
            problems.append(((*path, key), f"not an absolute http(s) URL: {value!r}"))
    for name, key in plan.dates:
        value = getattr(obj, name)
        if (
            isinstance(value, dt.datetime)
            and (value if value.tzinfo is dt.UTC else instant(value)) > latest
        ):
            reason = f"in the future: {value.isoformat()} is more than a day ahead"
            problems.append(((*path, key), reason))
    if problems:
        problems.sort(key=lambda p: _ORDER[type(obj)][p[0][-1]])
        for where, reason in problems:
            field = _format_path(where)
            found.append(RecordWarning(reason=reason, path=where, field=field, file=source))
    for name, key, many in plan.nested:
        value = getattr(obj, name)
        if value is None:
            continue
        if many:
            for index, item in enumerate(value):
                _check(item, (*path, key, index), latest, found, source)
        else:
            _check(value, (*path, key), latest, found, source)


class _FieldOrder(dict[type[Any], dict[str | int, int]]):
    """Each class's keys by their position, so warnings come in field order."""

    def __missing__(self, cls: type[Any]) -> dict[str | int, int]:
        order: dict[str | int, int] = {f.key: i for i, f in enumerate(schema_of(cls).fields)}
        self[cls] = order
        return order


_ORDER = _FieldOrder()
# An absolute http(s) URL with a plain host: the common case, told without urlsplit.
_PLAIN_WEB_URL = re.compile(
    r"\s*[Hh][Tt][Tt][Pp][Ss]?://[^\s/?#@:\[\]]+(?:[/?#]|:[0-9]*(?:[/?#]|$)|$)"
)


def _is_web_url(value: str) -> bool:
    if _PLAIN_WEB_URL.match(value):
        return True
    try:
        parts = urlsplit(value.strip())
    except ValueError:
        return False
    return parts.scheme.lower() in _SCHEMES and bool(parts.hostname)


def _placed(
    found: list[RecordWarning], text: str | bytes, source: str | None
) -> list[RecordWarning]:
    """The warnings with the line and column of their values in ``text``, where it reads.

    Canonical front matter (nearly every record) is searched line by line;
    anything else is parsed again, only to find the lines.
    """
    try:
        decoded = decode(text, source) if isinstance(text, bytes) else text
        front = split(decoded, source).front
    except FrontnewsError:
        return found
    places: list[tuple[int, int]] | list[tuple[int | None, int | None]] | None
    places = locate_canonical(front, [w.path for w in found])
    if places is None or not is_canonical(front):
        root = _safeyaml.tree(front)
        places = [_safeyaml.locate(root, w.path) for w in found]
    return [
        attrs.evolve(warning, line=line, column=column)
        for warning, (line, column) in zip(found, places, strict=True)
    ]
