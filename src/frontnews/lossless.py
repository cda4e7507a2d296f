"""The lossless reformat: a record file's text in the canonical style, or why it cannot be.

:func:`reformat` is what ``frontnews fmt`` runs on each file. It writes the
record back in the canonical style and, when that changes the bytes, reads
the new text back and compares every value with the original, so that no
value, body or layout is ever changed or dropped by formatting.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from typing import Any

import attrs

from .converter import to_dict
from .errors import FrontnewsError, RecordError, ReformatError
from .limits import DEFAULT_LIMITS, Limits
from .model import Record
from .reader import loads
from .writer import dumps

__all__ = ["reformat"]

_NAME = re.compile(r"[A-Za-z_][\w-]*")


def reformat(
    data: bytes | str,
    *,
    source: str | None = None,
    limits: Limits = DEFAULT_LIMITS,
    drop_comments: bool = False,
) -> bytes:
    """Return the record file ``data`` in the canonical style, as UTF-8 bytes.

    A file already in the canonical style comes back unchanged, after one
    read and one write and no further check. Otherwise the new text is read
    back and every front-matter value, the body and the layout are compared
    with the original's; if anything would change, :class:`~frontnews.ReformatError`
    says what (``change``) and nothing is returned. A record that does not
    read raises its :class:`~frontnews.RecordError`. ``source`` names the
    input in errors.

    The keys come out in the canonical order, whatever the file's own. YAML
    comments cannot be kept: a file with comments is refused with a
    :class:`~frontnews.ReformatError` naming their lines, unless
    ``drop_comments`` is true.

    >>> import frontnews
    >>> text = frontnews.dumps(frontnews.load("samples/amnesty-ban-the-scan.md"))
    >>> frontnews.reformat(text) == text.encode("utf-8")
    True
    >>> untidy = text.replace('category: news', 'category: "news"')
    >>> frontnews.reformat(untidy) == text.encode("utf-8")
    True
    """
    original = data.encode("utf-8", "surrogatepass") if isinstance(data, str) else bytes(data)
    record = loads(data, limits=limits, source=source)
    if record.layout.comments and not drop_comments:
        lines = ", ".join(map(str, record.layout.comments))
        raise ReformatError(
            f"YAML comments on line {lines} would be dropped (drop_comments=True, or "
            "fmt --drop-comments, drops them)",
            file=source,
            change="comments",
        )
    if record.layout.canonical is not record.layout:
        record = attrs.evolve(record, layout=record.layout.canonical)
    try:
        new = dumps(record).encode("utf-8")
    except (FrontnewsError, UnicodeEncodeError) as exc:
        raise ReformatError(
            f"cannot be written in the canonical style: {exc}", file=source
        ) from None
    if new != original:
        _verify(record, new, source, limits)
    return new


def _verify(record: Record, new: bytes, source: str | None, limits: Limits) -> None:
    """Raise :class:`ReformatError` unless ``new`` reads back as ``record``, value for value."""
    try:
        again = loads(new, limits=limits, source=source)
    except RecordError as exc:
        raise ReformatError(
            f"the reformatted text does not read back: {exc.reason}", file=source
        ) from None
    changed = _difference(to_dict(record), to_dict(again))
    if changed is not None:
        raise ReformatError(f"reformatting would change {changed}", file=source, change=changed)
    if again.body != record.body:
        raise ReformatError("reformatting would change the body", file=source, change="the body")
    if (again.layout.newline, again.layout.bom) != (record.layout.newline, record.layout.bom):
        raise ReformatError(
            "reformatting would change the line endings or the byte order mark",
            file=source,
            change="the layout",
        )


def _key(where: str, key: object) -> str:
    if isinstance(key, str) and _NAME.fullmatch(key):
        return f"{where}.{key}" if where else key
    return f"{where}[{key!r}]"


def _difference(old: Any, new: Any, where: str = "") -> str | None:
    """Return the path of the first value that differs, or ``None`` when nothing does.

    Stricter than ``==``: ``1`` is not ``True``, a time keeps its UTC offset,
    ``-0.0`` is not ``0.0`` and NaN is NaN.
    """
    if type(old) is not type(new):
        return where or "the front matter"
    if isinstance(old, dict):
        for key in (*old, *new):
            if key not in old or key not in new:
                return _key(where, key)
        for key, value in old.items():
            found = _difference(value, new[key], _key(where, key))
            if found is not None:
                return found
        return None
    if isinstance(old, list | tuple):
        if len(old) != len(new):
            return where
        for index, (a, b) in enumerate(zip(old, new, strict=True)):
            found = _difference(a, b, f"{where}[{index}]")
            if found is not None:
                return found
        return None
    if isinstance(old, float):
        same = (math.isnan(old) and math.isnan(new)) or (
            old == new and math.copysign(1.0, old) == math.copysign(1.0, new)
        )
        return None if same else where
    if isinstance(old, dt.datetime):
        same = old == new and old.utcoffset() == new.utcoffset()
        return None if same else where
    return None if old == new else where
