"""Reading front matter in the canonical style without a YAML parser.

Nearly every record on disk is in the canonical style (``docs/format.md``).
This module reads exactly that subset of YAML, line by line, knowing each
field's type, and returns the same mapping PyYAML's safe loader would. Any
line it does not fully understand (a comment, an unknown key, another
quoting, an escape it does not know, a key out of order) makes it decline by
returning ``None``, and the caller falls back to the YAML parser. It never
guesses: declining is always safe.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any, Final

from .scalars import is_plain_safe

__all__ = ["parse_front_matter"]


class _DeclineError(Exception):
    """The text is outside the subset this module reads."""


_STR: Final = "str"
_INT: Final = "int"
_BOOL: Final = "bool"
_DATE: Final = "date"

# One quoted scalar: raw text without anything that needs escaping, and only
# the escapes the canonical style writes.
_QUOTED = re.compile(
    '"((?:[^"\\\\\x00-\x1f\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]'
    '|\\\\[0tnrNLP"\\\\]|\\\\x[0-9A-Fa-f]{2}|\\\\u[0-9A-Fa-f]{4})*)"'
)
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
_INTEGER = re.compile(r"-?(?:0|[1-9][0-9]*)")
_TIMESTAMP = re.compile(
    r"([0-9]{4})-([0-9]{2})-([0-9]{2})T([0-9]{2}):([0-9]{2}):([0-9]{2})"
    r"(?:\.([0-9]{1,6}))?(?:(Z)|([-+])([0-9]{2}):([0-9]{2}))?"
)
_KEY = re.compile(r"([A-Za-z]+):(?: (.*))?")


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
        if raw[-1:] == '"' and len(raw) > 1 and _RAW_FORBIDDEN.search(body) is None:
            # No quote, backslash or control character inside: the common case.
            return body
        match = _QUOTED.fullmatch(raw)
        if match is None:
            raise _DeclineError
        body = match.group(1)
        return _ESCAPE.sub(_unescape, body) if "\\" in body else body
    if is_plain_safe(raw):
        return raw
    raise _DeclineError


def _timestamp(raw: str) -> dt.datetime:
    match = _TIMESTAMP.fullmatch(raw)
    if match is None:
        raise _DeclineError
    year, month, day, hour, minute, second, fraction, utc, sign, tz_h, tz_m = match.groups()
    tzinfo: dt.tzinfo | None = None
    if utc:
        tzinfo = dt.timezone.utc
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


def _scalar(kind: str, raw: str) -> Any:
    if kind is _STR:
        return _text(raw)
    if kind is _INT:
        if _INTEGER.fullmatch(raw):
            return int(raw)
        raise _DeclineError
    if kind is _BOOL:
        if raw == "true":
            return True
        if raw == "false":
            return False
        raise _DeclineError
    return _timestamp(raw)


# Field specs, in canonical order. A spec maps each key to its position and
# kind: a scalar kind, ("map", spec), ("seq", scalar kind) or ("seqmap", spec).
_Spec = dict[str, tuple[int, Any]]


def _spec(*fields: tuple[str, Any]) -> _Spec:
    return {key: (position, kind) for position, (key, kind) in enumerate(fields)}


_IMAGE = _spec(
    ("url", _STR), ("width", _INT), ("height", _INT), ("isCached", _BOOL), ("title", _STR)
)
_PROVIDER = _spec(("name", _STR), ("domain", _STR), ("images", ("seqmap", _IMAGE)))
_RELATED = _spec(
    ("title", _STR),
    ("excerpt", _STR),
    ("publishedDateTime", _DATE),
    ("webUrl", _STR),
    ("ampWebUrl", _STR),
    ("cdnAmpWebUrl", _STR),
    ("type", _STR),
    ("provider", ("map", _PROVIDER)),
    ("quality", _INT),
    ("images", ("seqmap", _IMAGE)),
)
_RECORD = _spec(
    ("category", _STR),
    ("title", _STR),
    ("excerpt", _STR),
    ("publishedDateTime", _DATE),
    ("originalUrl", _STR),
    ("webUrl", _STR),
    ("ampWebUrl", _STR),
    ("cdnAmpWebUrl", _STR),
    ("type", _STR),
    ("quality", _INT),
    ("heat", _INT),
    ("removed", _BOOL),
    ("published", _BOOL),
    ("featuredContent", _STR),
    ("provider", ("map", _PROVIDER)),
    ("topics", ("seq", _STR)),
    ("images", ("seqmap", _IMAGE)),
    ("related", ("seqmap", _RELATED)),
    ("secured", _STR),
)


class _Reader:
    __slots__ = ("lines", "pos")

    def __init__(self, lines: list[str]) -> None:
        self.lines = lines
        self.pos = 0

    def next_line(self, indent: int) -> str | None:
        """Return the next non-empty line's content at ``indent``; None if it is shallower."""
        lines = self.lines
        while self.pos < len(lines) and not lines[self.pos]:
            self.pos += 1
        if self.pos == len(lines):
            return None
        line = lines[self.pos]
        depth = len(line) - len(line.lstrip(" "))
        if depth < indent:
            return None
        if depth > indent:
            raise _DeclineError
        return line[indent:]

    def mapping(self, spec: _Spec, indent: int, first: str | None = None) -> dict[str, Any]:
        result: dict[str, Any] = {}
        at = 0
        while True:
            if first is not None:
                content, first = first, None
            else:
                line = self.next_line(indent)
                if line is None or line[:1] == "-":
                    return result
                content = line
                self.pos += 1
            match = _KEY.fullmatch(content)
            if match is None:
                raise _DeclineError
            key, raw = match.groups()
            entry = spec.get(key)
            # Keys come in canonical order, each at most once.
            if entry is None or entry[0] < at:
                raise _DeclineError
            at = entry[0] + 1
            kind = entry[1]
            if isinstance(kind, str):
                if raw is None:
                    raise _DeclineError
                result[key] = _scalar(kind, raw)
            elif raw == "[]" and kind[0] != "map":
                result[key] = []
            elif raw is not None:
                raise _DeclineError
            elif kind[0] == "map":
                result[key] = self.mapping(kind[1], indent + 2)
            else:
                result[key] = self.sequence(kind, indent + 2)

    def sequence(self, kind: tuple[str, Any], indent: int) -> list[Any]:
        items: list[Any] = []
        while True:
            line = self.next_line(indent)
            if line is None or line[:1] != "-":
                if not items:
                    raise _DeclineError
                return items
            self.pos += 1
            if kind[0] == "seq":
                if line in ("-", "- "):
                    items.append(None)
                elif line[:2] == "- ":
                    items.append(_scalar(kind[1], line[2:]))
                else:
                    raise _DeclineError
            elif line[:2] == "- ":
                items.append(self.mapping(kind[1], indent + 2, first=line[2:]))
            else:
                raise _DeclineError


#: The deepest a canonical value sits: record, related, item, provider, images, image, value.
_DEPTH = 7


def parse_front_matter(
    front: str, *, max_nodes: int | None = None, max_depth: int | None = None
) -> dict[str, Any] | None:
    """Return the mapping for canonical-style front matter, or None to ask for the YAML parser.

    With ``max_nodes`` or ``max_depth``, it also declines front matter that
    could exceed them, so that the YAML parser's exact checks apply.
    """
    lines = front.split("\n")
    if lines[-1] == "":
        lines.pop()
    # Each line holds at most a key and a value node, plus the root mapping.
    if max_nodes is not None and 2 * len(lines) + 1 > max_nodes:
        return None
    if max_depth is not None and max_depth < _DEPTH:
        return None
    lines = [line[:-1] if line[-1:] == "\r" else line for line in lines]
    reader = _Reader(lines)
    try:
        result = reader.mapping(_RECORD, 0)
        if reader.next_line(0) is not None or reader.pos != len(lines):
            raise _DeclineError
    except _DeclineError:
        return None
    return result or None
