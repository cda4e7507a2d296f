"""Reading front matter in the canonical style without a YAML parser.

Nearly every record on disk is in the canonical style (``docs/format.md``).
This module reads exactly that subset of YAML and builds the typed record
straight away, giving what :func:`frontnews.reader.loads` would give through
PyYAML and the converter: the differential tests in ``tests/test_fastpath.py``
hold the two paths equal. Any line it does not fully understand (a comment,
an unknown key, another quoting or indentation, an escape it does not know, a
key out of order, a missing required field) makes it decline by returning
``None``, and the caller falls back to the YAML parser, which also gives the
precise error. It never guesses: declining is always safe.

Why it is fast: the canonical style fixes every line's indentation, so the
text before a line's first ``": "`` names the field completely. Each mapping
level has a table from that text to the field, built once from the schema
below, and a line costs one :meth:`str.partition`, one dictionary lookup and
one conversion, with no regular expression on the common path.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any, Final

from .model import Image, Layout, Provider, Record, RelatedArticle, Secured
from .scalars import is_plain_safe

__all__ = ["read_record"]


class _DeclineError(Exception):
    """The text is outside the subset this module reads."""


# Scalar kinds.
_STR: Final = 0
_INT: Final = 1
_BOOL: Final = 2
_DATE: Final = 3
_SECURED: Final = 4
# What a table entry does with its line.
_SCALAR: Final = 0  # "key: value"
_EMPTY: Final = 1  # "key: []", an empty sequence
_MAP: Final = 2  # "key:", a mapping below
_SEQ: Final = 3  # "key:", a sequence of scalars below
_SEQMAP: Final = 4  # "key:", a sequence of mappings below
_TEXT: Final = 5  # "key: value", a string: the most common line, tested first

# One quoted scalar that holds an escape: only the escapes the canonical
# style writes. The unrolled loop keeps the match linear on any input.
_Q = '[^"\\\\\x00-\x1f\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]*'
_QUOTED = re.compile(f'"({_Q}(?:\\\\(?:[0tnrNLP"\\\\]|x[0-9A-Fa-f]{{2}}|u[0-9A-Fa-f]{{4}}){_Q})*)"')
_RAW_FORBIDDEN = re.compile('["\\\\\x00-\x1f\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]')
_ESCAPE = re.compile(r"\\(x[0-9A-Fa-f]{2}|u[0-9A-Fa-f]{4}|.)")
_SIMPLE_ESCAPES = {
    "0": "\x00",
    "t": "\t",
    "n": "\n",
    "r": "\r",
    "N": "\x85",
    "L": "\u2028",
    "P": "\u2029",
    '"': '"',
    "\\": "\\",
}
_TIMESTAMP = re.compile(
    r"([0-9]{4})-([0-9]{2})-([0-9]{2})T([0-9]{2}):([0-9]{2}):([0-9]{2})"
    r"(?:\.([0-9]{1,6}))?(?:(Z)|([-+])([0-9]{2}):([0-9]{2}))?"
)
_UTC = dt.timezone.utc
_fromisoformat = dt.datetime.fromisoformat


def _unescape(match: re.Match[str]) -> str:
    code = match.group(1)
    if len(code) == 1:
        return _SIMPLE_ESCAPES[code]
    value = int(code[1:], 16)
    if 0xD800 <= value <= 0xDFFF:
        raise _DeclineError  # libyaml refuses surrogate escapes; let it say so
    return chr(value)


def _text(raw: str) -> str:
    if raw[:1] == '"':
        body = raw[1:-1]
        if len(raw) > 1 and raw[-1] == '"' and '"' not in body and "\\" not in body:
            # Printable text needs no check; the rare rest (NBSP, ZWJ, ...)
            # is checked for the characters YAML does not allow raw.
            if body.isprintable() or _RAW_FORBIDDEN.search(body) is None:
                return body
            raise _DeclineError
        match = _QUOTED.fullmatch(raw)
        if match is None:
            raise _DeclineError
        return _ESCAPE.sub(_unescape, match.group(1))
    if is_plain_safe(raw):
        if len(_PLAIN) < _PLAIN_MAX:
            _PLAIN.add(raw)
        return raw
    raise _DeclineError


# Plain values repeat (type: article, provider names): the ones already found
# safe are remembered, so that a repeat costs one set lookup.
_PLAIN: set[str] = set()
_PLAIN_MAX: Final = 4096


def _int(raw: str) -> int:
    digits = raw[1:] if raw[:1] == "-" else raw
    if digits.isascii() and digits.isdigit() and (digits[0] != "0" or digits == "0"):
        return int(raw)
    raise _DeclineError


def _timestamp(raw: str) -> dt.datetime:
    if (
        len(raw) == 20
        and raw[19] == "Z"
        and raw[10] == "T"
        and raw[4] == raw[7] == "-"
        and raw[13] == raw[16] == ":"
    ):
        # The canonical shape, YYYY-MM-DDTHH:MM:SSZ: with every separator in
        # place, fromisoformat accepts exactly ASCII digits in the other places,
        # as YAML's timestamp does, and gives the same timezone.utc.
        try:
            return _fromisoformat(raw[:19] + "+00:00")
        except ValueError:
            raise _DeclineError from None
    match = _TIMESTAMP.fullmatch(raw)
    if match is None:
        raise _DeclineError
    year, month, day, hour, minute, second, fraction, utc, sign, tz_h, tz_m = match.groups()
    tzinfo: dt.tzinfo | None = None
    if utc:
        tzinfo = _UTC
    elif sign:
        delta = dt.timedelta(hours=int(tz_h), minutes=int(tz_m))
        tzinfo = dt.timezone(-delta if sign == "-" else delta)
    micro = int(fraction.ljust(6, "0")) if fraction else 0
    try:
        return dt.datetime(
            int(year), int(month), int(day), int(hour), int(minute), int(second), micro, tzinfo
        )
    except ValueError:
        raise _DeclineError from None


def _scalar(kind: int, raw: str) -> Any:
    if kind == _STR:
        return _text(raw)
    if kind == _INT:
        return _int(raw)
    if kind == _BOOL:
        if raw == "true":
            return True
        if raw == "false":
            return False
        raise _DeclineError
    if kind == _DATE:
        return _timestamp(raw)
    return Secured(_text(raw))


# The schema, in canonical key order: (file key, attribute, kind). A kind is
# a scalar kind, ("map", fields, class), ("seq", scalar kind) or
# ("seqmap", fields, class).
_Fields = tuple[tuple[str, str, Any], ...]

_IMAGE: _Fields = (
    ("url", "url", _STR),
    ("width", "width", _INT),
    ("height", "height", _INT),
    ("isCached", "is_cached", _BOOL),
    ("title", "title", _STR),
)
_PROVIDER: _Fields = (
    ("name", "name", _STR),
    ("domain", "domain", _STR),
    ("images", "images", ("seqmap", _IMAGE, Image)),
)
_RELATED: _Fields = (
    ("title", "title", _STR),
    ("excerpt", "excerpt", _STR),
    ("publishedDateTime", "published_date_time", _DATE),
    ("webUrl", "web_url", _STR),
    ("ampWebUrl", "amp_web_url", _STR),
    ("cdnAmpWebUrl", "cdn_amp_web_url", _STR),
    ("type", "type", _STR),
    ("provider", "provider", ("map", _PROVIDER, Provider)),
    ("quality", "quality", _INT),
    ("images", "images", ("seqmap", _IMAGE, Image)),
)
_RECORD: _Fields = (
    ("category", "category", _STR),
    ("title", "title", _STR),
    ("excerpt", "excerpt", _STR),
    ("publishedDateTime", "published_date_time", _DATE),
    ("originalUrl", "original_url", _STR),
    ("webUrl", "web_url", _STR),
    ("ampWebUrl", "amp_web_url", _STR),
    ("cdnAmpWebUrl", "cdn_amp_web_url", _STR),
    ("type", "type", _STR),
    ("quality", "quality", _INT),
    ("heat", "heat", _INT),
    ("removed", "removed", _BOOL),
    ("published", "published", _BOOL),
    ("featuredContent", "featured_content", _STR),
    ("provider", "provider", ("map", _PROVIDER, Provider)),
    ("topics", "topics", ("seq", _STR)),
    ("images", "images", ("seqmap", _IMAGE, Image)),
    ("related", "related", ("seqmap", _RELATED, RelatedArticle)),
    ("secured", "secured", _SECURED),
)

# A table maps the text before a line's first ": " (or the whole line, for a
# key with nothing after its colon) to (position, attribute, action, what).
_Table = dict[str, tuple[int, str, int, Any]]


def _tables(fields: _Fields, indent: int, lead: str) -> _Table:
    """Return the table of a mapping whose keys sit at ``indent``, each written after ``lead``."""
    table: _Table = {}
    for position, (key, attribute, kind) in enumerate(fields):
        if isinstance(kind, int):
            action = _TEXT if kind == _STR else _SCALAR
            table[lead + key] = (position, attribute, action, kind)
            continue
        shape = kind[0]
        if shape == "map":
            child = _tables(kind[1], indent + 2, " " * (indent + 2))
            table[lead + key + ":"] = (position, attribute, _MAP, (child, kind[2], indent + 2))
        elif shape == "seq":
            table[lead + key] = (position, attribute, _EMPTY, None)
            table[lead + key + ":"] = (position, attribute, _SEQ, (kind[1], indent + 2))
        else:
            item = indent + 4
            rest = _tables(kind[1], item, " " * item)
            table[lead + key] = (position, attribute, _EMPTY, None)
            table[lead + key + ":"] = (position, attribute, _SEQMAP, (rest, kind[2], item))
    return table


_RECORD_TABLE: Final = _tables(_RECORD, 0, "")


_INDENTS: Final = tuple(" " * n for n in range(16))


def _depth(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


class _Reader:
    __slots__ = ("lines", "pos")

    def __init__(self, lines: list[str]) -> None:
        self.lines = lines
        self.pos = 0

    def mapping(self, table: _Table, indent: int) -> dict[str, Any]:
        """Read the keys of one mapping at ``indent``, up to the first shallower line."""
        lines = self.lines
        end = len(lines)
        pos = self.pos
        prefix = _INDENTS[indent]
        values: dict[str, Any] = {}
        at = -1
        while pos < end:
            line = lines[pos]
            head, sep, raw = line.partition(": ")
            entry = table.get(head)
            if entry is None:
                if not line:
                    pos += 1
                    continue
                if not line.startswith(prefix):
                    break  # the mapping ends: a shallower key or the next item
                raise _DeclineError
            position, attribute, action, what = entry
            # Keys come in canonical order, each at most once.
            if position <= at:
                raise _DeclineError
            at = position
            pos += 1
            # The action and kind codes are literals here: this loop runs once
            # per line, and a global lookup per comparison shows in profiles.
            if action == 5:  # _TEXT, inline for the common cases:
                if raw[:1] == '"':  # quoted, with nothing to unescape,
                    body = raw[1:-1]
                    if (
                        raw[-1] == '"'
                        and '"' not in body
                        and "\\" not in body
                        and body.isprintable()
                        and len(raw) > 1
                    ):
                        values[attribute] = body
                        continue
                elif raw in _PLAIN:  # or plain and seen before
                    values[attribute] = raw
                    continue
                values[attribute] = _text(raw)
            elif action == 0:  # _SCALAR
                if what == 1 and raw.isdigit() and raw.isascii() and raw[0] != "0":  # _INT
                    values[attribute] = int(raw)
                else:
                    values[attribute] = _scalar(what, raw)
            elif sep:
                if action != 1 or raw != "[]":  # _EMPTY
                    raise _DeclineError
                values[attribute] = ()
            elif action == 2:  # _MAP
                child, cls, child_indent = what
                self.pos = pos
                values[attribute] = cls(**self.mapping(child, child_indent))
                pos = self.pos
            elif action == 3:  # _SEQ
                self.pos = pos
                values[attribute] = self.scalars(*what)
                pos = self.pos
            elif action == 4:  # _SEQMAP
                self.pos = pos
                values[attribute] = self.items(*what)
                pos = self.pos
            else:
                raise _DeclineError  # "key:" with no value below is null: the YAML path says so
        self.pos = pos
        return values

    def scalars(self, kind: int, indent: int) -> tuple[Any, ...]:
        lines = self.lines
        dash = " " * indent + "- "
        bare = dash[:-1]
        items: list[Any] = []
        pos = self.pos
        while pos < len(lines):
            line = lines[pos]
            if line.startswith(dash):
                raw = line[len(dash) :]
                items.append(_scalar(kind, raw) if raw else None)
            elif line == bare:
                items.append(None)
            elif not line:
                pass
            elif _depth(line) < indent:
                break
            else:
                raise _DeclineError
            pos += 1
        if not items:
            raise _DeclineError
        self.pos = pos
        return tuple(items)

    def items(self, table: _Table, cls: type[Any], indent: int) -> tuple[Any, ...]:
        """Read a sequence of mappings whose keys sit at ``indent``, each item led by a dash."""
        lines = self.lines
        lead = indent - 2
        dash = " " * lead + "- "
        items: list[Any] = []
        while self.pos < len(lines):
            line = lines[self.pos]
            if line.startswith(dash):
                # "- key: value" is "key: value" two columns further in: read
                # the dash line as the item's first key at the item's indentation.
                lines[self.pos] = dash[:-2] + "  " + line[indent:]
                start = self.pos
                items.append(cls(**self.mapping(table, indent)))
                if self.pos == start:
                    raise _DeclineError
            elif not line:
                self.pos += 1
            elif _depth(line) < lead:
                break
            else:
                raise _DeclineError
        if not items:
            raise _DeclineError
        return tuple(items)


#: The deepest a canonical value sits: record, related, item, provider, images, image, value.
_DEPTH = 7


def read_record(
    front: str,
    *,
    body: str = "",
    layout: Layout | None = None,
    max_nodes: int | None = None,
    max_depth: int | None = None,
) -> Record | None:
    """Return the record for canonical-style front matter, or None to ask for the YAML parser.

    ``body`` and ``layout`` are the record's; they come from around the front
    matter. With ``max_nodes`` or ``max_depth``, it also declines front matter
    that could exceed them, so that the YAML parser's exact checks apply.
    """
    if "\r" in front:
        front = front.replace("\r\n", "\n")
        if "\r" in front:
            return None
    lines = front.split("\n")
    if lines[-1] == "":
        lines.pop()
    # Each line holds at most a key and a value node, plus the root mapping.
    if max_nodes is not None and 2 * len(lines) + 1 > max_nodes:
        return None
    if max_depth is not None and max_depth < _DEPTH:
        return None
    reader = _Reader(lines)
    try:
        values = reader.mapping(_RECORD_TABLE, 0)
        if reader.pos != len(lines) or not values:
            return None
        return Record(**values, body=body, layout=layout or _LF)
    except (_DeclineError, TypeError):
        # TypeError: a required field is missing; the YAML path names it.
        return None


_LF: Final = Layout()
