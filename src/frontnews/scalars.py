"""How one value is written in the canonical style: quoted, plain, or as a date.

Every function here returns text that PyYAML's safe loader (and libyaml)
reads back as exactly the value given.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

import yaml

from .errors import WriteError

__all__ = ["format_datetime", "is_plain_safe", "needs_escape", "plain", "quoted"]

# Characters a double-quoted scalar cannot hold raw: the quote and the escape
# character, line breaks (YAML would fold them), and everything YAML 1.1 does
# not allow in a stream (C0 and C1 controls, DEL, U+FFFE, U+FFFF, surrogates),
# plus tab and the BOM, which are legal but easy to lose.
_NEEDS_ESCAPE = re.compile('[\\\\"\x00-\x1f\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff\ud800-\udfff]')
_ESCAPES = {
    "\\": "\\\\",
    '"': '\\"',
    "\x00": "\\0",
    "\t": "\\t",
    "\n": "\\n",
    "\r": "\\r",
    "\x85": "\\N",
    "\u2028": "\\L",
    "\u2029": "\\P",
}


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    known = _ESCAPES.get(char)
    if known is not None:
        return known
    code = ord(char)
    if 0xD800 <= code <= 0xDFFF:
        raise WriteError(f"text holds a lone surrogate U+{code:04X}, which no UTF-8 file can store")
    if code < 0x100:
        return f"\\x{code:02X}"
    return f"\\u{code:04X}"


def needs_escape(text: str) -> bool:
    """Tell whether ``text`` holds a character that must be escaped in a double-quoted scalar."""
    return _NEEDS_ESCAPE.search(text) is not None


def quoted(text: str) -> str:
    r"""Return ``text`` as a one-line double-quoted YAML scalar.

    >>> print(quoted('Say "hi"\tthen go'))
    "Say \"hi\"\tthen go"
    """
    if text.isprintable() and '"' not in text and "\\" not in text:
        # The common case: every character that needs an escape is unprintable,
        # but for the quote and the backslash.
        return '"' + text + '"'
    return '"' + _NEEDS_ESCAPE.sub(_escape, text) + '"'


# A plain scalar may not start with an indicator or a space, nor hold ": ",
# " #", a tab or anything that needs escaping, nor end with a space or ":".
_PLAIN_BAD_FIRST = frozenset("-?:,[]{}#&*!|>'\"%@` \t")
_IMPLICIT = yaml.SafeLoader.yaml_implicit_resolvers


@lru_cache(maxsize=4096)
def is_plain_safe(text: str) -> bool:
    """Tell whether ``text`` can be written unquoted and still load as this very string."""
    if not text or text[0] in _PLAIN_BAD_FIRST or text[-1] in " :":
        return False
    if ": " in text or " #" in text or "\t" in text or _NEEDS_ESCAPE.search(text):
        return False
    # Words the safe loader would turn into another type: yes, null, 1e3, ...
    return not any(regexp.match(text) for _tag, regexp in _IMPLICIT.get(text[0], ()))


def plain(text: str) -> str:
    """Return ``text`` unquoted when that is safe, double-quoted otherwise.

    >>> plain("Computer Vision")
    'Computer Vision'
    >>> plain("yes"), plain("12"), plain("- not a list"), plain("")
    ('"yes"', '"12"', '"- not a list"', '""')
    """
    return text if is_plain_safe(text) else quoted(text)


def format_datetime(value: dt.datetime) -> str:
    """Write a timestamp as ``YYYY-MM-DDTHH:MM:SS[.ffffff]`` plus ``Z``, ``+HH:MM`` or nothing.

    UTC is ``Z``; other offsets keep their sign, hours and minutes; a naive
    value stays naive. Fractions drop trailing zeros.

    >>> import datetime as dt
    >>> format_datetime(dt.datetime(2021, 1, 26, 18, 47, tzinfo=dt.timezone.utc))
    '2021-01-26T18:47:00Z'
    >>> new_york = dt.timezone(dt.timedelta(hours=-5))
    >>> format_datetime(dt.datetime(2021, 1, 26, 13, 47, 5, 250000, tzinfo=new_york))
    '2021-01-26T13:47:05.25-05:00'
    >>> format_datetime(dt.datetime(2021, 1, 26, 18, 47))
    '2021-01-26T18:47:00'
    """
    text = value.isoformat(timespec="seconds")[:19]  # YYYY-MM-DDTHH:MM:SS, zero-padded
    if value.microsecond:
        text += f".{value.microsecond:06d}".rstrip("0")
    offset = value.utcoffset()
    if offset is None:
        return text
    seconds = int(offset.total_seconds())
    if seconds == 0:
        return text + "Z"
    if seconds % 60 or offset.microseconds:
        raise WriteError(f"time zone offset {offset} is not a whole number of minutes")
    sign = "+" if seconds > 0 else "-"
    hours, minutes = divmod(abs(seconds) // 60, 60)
    return f"{text}{sign}{hours:02d}:{minutes:02d}"
