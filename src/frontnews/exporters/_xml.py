"""Text helpers for writing XML by hand: escaping, encoding, URL clean-up and RFC 822 dates.

The exporters build XML as strings, one fragment (an item) at a time, in two
steps:

1. Every value goes through :func:`escape_text` (element content),
   :func:`escape_html_text` (plain text inside an element that holds HTML) or
   :func:`escape_attr` (a double-quoted attribute). ``&``, ``<`` and ``>`` are
   always escaped, so ``]]>`` can never appear; ``"`` too in attributes; a
   carriage return is written as ``&#13;`` because XML parsers turn a raw one
   into a line feed, and in attributes tab and line feed become ``&#9;`` and
   ``&#10;`` so that attribute-value normalisation keeps them.
2. The whole fragment goes through :func:`encode`, which replaces the
   characters that XML 1.0 forbids (C0 controls other than tab, line feed and
   carriage return; U+FFFE and U+FFFF; lone surrogates) with U+FFFD, the
   Unicode replacement character, and encodes UTF-8. Markup never contains
   those characters, so doing it once per fragment is the same as doing it
   per value, and much faster.

URLs are cleaned the way the WHATWG URL Standard's parser reads them, then
every character outside RFC 3986's unreserved and reserved ASCII sets is
percent-encoded as UTF-8, so that strict validators accept them.

Text is only searched with substring tests (``in``, which CPython runs at
memory speed) and one ``bytes.translate`` per fragment; regular expressions run
on URLs, and on text only once it is known to need them.
"""

from __future__ import annotations

import datetime as dt
import ipaddress
import re

__all__ = [
    "REPLACEMENT",
    "clean",
    "encode",
    "escape_attr",
    "escape_html_text",
    "escape_text",
    "http_url",
    "rfc822",
]

#: What a character that XML 1.0 forbids becomes.
REPLACEMENT = "\ufffd"

# XML 1.0, production [2] Char: everything else is illegal.
_ILLEGAL_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_C0_ILLEGAL = bytes(b for b in range(0x20) if b not in (0x09, 0x0A, 0x0D))


def clean(value: str) -> str:
    """Return ``value`` with every character that XML 1.0 forbids replaced by U+FFFD."""
    if _ILLEGAL_RE.search(value) is None:
        return value
    return _ILLEGAL_RE.sub(REPLACEMENT, value)


def encode(fragment: str) -> bytes:
    """Return ``fragment`` as UTF-8, with the characters XML 1.0 forbids replaced by U+FFFD."""
    if "\ufffe" not in fragment and "\uffff" not in fragment:
        try:
            data = fragment.encode("utf-8")
        except UnicodeEncodeError:  # a lone surrogate
            pass
        else:
            if len(data.translate(None, _C0_ILLEGAL)) == len(data):
                return data
    return clean(fragment).encode("utf-8")


def escape_text(value: str) -> str:
    """Return ``value`` escaped for use as element content (see :func:`encode` for the rest)."""
    if "&" in value:
        value = value.replace("&", "&amp;")
    if "<" in value:
        value = value.replace("<", "&lt;")
    if ">" in value:
        value = value.replace(">", "&gt;")
    if "\r" in value:
        value = value.replace("\r", "&#13;")
    return value


def escape_html_text(value: str) -> str:
    """Return plain-text ``value`` as HTML, escaped for use as element content.

    For elements that hold HTML (RSS ``description``): ``a < b`` becomes the
    HTML ``a &lt; b``, written in XML as ``a &amp;lt; b``, so that a feed reader
    shows the text exactly instead of interpreting it as markup.
    """
    if "&" in value:
        value = value.replace("&", "&amp;amp;")
    if "<" in value:
        value = value.replace("<", "&amp;lt;")
    if ">" in value:
        value = value.replace(">", "&amp;gt;")
    if "\r" in value:
        value = value.replace("\r", "&#13;")
    return value


def escape_attr(value: str) -> str:
    """Return ``value`` escaped for use inside a double-quoted attribute.

    Tab, line feed and carriage return are written as character references,
    which survive the attribute-value normalisation every XML parser applies.
    """
    value = escape_text(value)
    if '"' in value:
        value = value.replace('"', "&quot;")
    if "\t" in value:
        value = value.replace("\t", "&#9;")
    if "\n" in value:
        value = value.replace("\n", "&#10;")
    return value


# RFC 3986 unreserved and reserved characters less "[" and "]": the set the W3C
# Feed Validation Service accepts in a full URL. "[" and "]" are kept only
# around a valid IPv6 host, the one place they belong; "%" only as the start of
# a percent-encoded octet.
_URL_CHARS = r"0-9A-Za-z\-._~:/?#@!$&'()*+,;="
_CLEAN_URL = re.compile(rf"[Hh][Tt][Tt][Pp][Ss]?://(?![/?#])[{_URL_CHARS}%]+\Z")
_BAD_PERCENT = re.compile(r"%(?![0-9A-Fa-f]{2})")
_SCHEME = re.compile(r"https?://", re.IGNORECASE)
_NEEDS_QUOTING = re.compile(rf"%(?![0-9A-Fa-f]{{2}})|[^{_URL_CHARS}%]")
_NEEDS_QUOTING_IPV6 = re.compile(rf"%(?![0-9A-Fa-f]{{2}})|[^{_URL_CHARS}%\[\]]")
_IPV6_AUTHORITY = re.compile(r"(?:[^@]*@)?\[([0-9A-Fa-f:.]+)\](?::[0-9]*)?\Z")
_AUTHORITY_END = re.compile(r"[/?#]")
# WHATWG URL Standard: leading and trailing "C0 control or space" are stripped,
# ASCII tab and newline are removed anywhere.
_C0_OR_SPACE = "".join(map(chr, range(0x21)))
_TAB_OR_NEWLINE = str.maketrans("", "", "\t\n\r")


def _percent_encode(match: re.Match[str]) -> str:
    char = match.group()
    if "\ud800" <= char <= "\udfff":
        char = REPLACEMENT
    return "".join(f"%{byte:02X}" for byte in char.encode("utf-8"))


def _is_ipv6_authority(authority: str) -> bool:
    """Whether ``authority`` names an IPv6 host, the one place "[" and "]" belong in a URL."""
    match = _IPV6_AUTHORITY.match(authority)
    if match is None:
        return False
    try:
        ipaddress.IPv6Address(match.group(1))
    except ValueError:
        return False
    return True


def http_url(value: str | None) -> str | None:
    """Return ``value`` as an absolute ``http``/``https`` URL in plain ASCII, or ``None``.

    ``None`` means the value is not an absolute http(s) URL with a host (it is
    missing, empty, relative or of another scheme), so it must not be used
    where a feed needs a full URL. The result is not XML-escaped yet.
    """
    if not value:
        return None
    if _CLEAN_URL.match(value) is not None and (
        "%" not in value or _BAD_PERCENT.search(value) is None
    ):
        return value
    url = value.strip(_C0_OR_SPACE).translate(_TAB_OR_NEWLINE)
    scheme = _SCHEME.match(url)
    if scheme is None:
        return None
    start = scheme.end()
    end = _AUTHORITY_END.search(url, start)
    split = len(url) if end is None else end.start()
    if split == start:
        return None
    authority = url[start:split]
    quoting = _NEEDS_QUOTING_IPV6 if _is_ipv6_authority(authority) else _NEEDS_QUOTING
    authority = quoting.sub(_percent_encode, authority)
    rest = _NEEDS_QUOTING.sub(_percent_encode, url[split:])
    return url[:start] + authority + rest


_DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_MONTHS = ("", "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def rfc822(value: dt.datetime) -> str:
    """Return ``value`` as an RFC 822 date in UTC, such as ``Tue, 26 Jan 2021 18:47:00 +0000``.

    A naive ``value`` is taken to be UTC. Day and month names are always
    English, whatever the locale. Sub-second digits are dropped. The year has
    four digits. Only a time whose UTC equivalent falls outside the years
    1-9999 keeps its own offset instead (rounded down to the minute).
    """
    offset = value.utcoffset()
    zone = "+0000"
    if offset:
        try:
            value = value - offset
        except OverflowError:
            minutes = int(offset.total_seconds()) // 60
            sign = "+" if minutes >= 0 else "-"
            zone = f"{sign}{abs(minutes) // 60:02d}{abs(minutes) % 60:02d}"
    return (
        f"{_DAYS[value.weekday()]}, {value.day:02d} {_MONTHS[value.month]} {value.year:04d} "
        f"{value.hour:02d}:{value.minute:02d}:{value.second:02d} {zone}"
    )
