"""Absolute http(s) URLs in the one form every feed format accepts.

:func:`http_url` reads a URL the way the WHATWG URL Standard's parser starts
(leading and trailing C0 controls and spaces dropped, ASCII tab and newline
removed anywhere), takes it only if it is an absolute ``http``/``https`` URL
with a host and a numeric port (if any), writes the scheme in lower case and
percent-encodes, as UTF-8, every character RFC 3986 does not allow where it
stands. The result is a valid RFC 3986 URI (what JSON Feed's ``uri`` format
asks for) and passes the W3C Feed Validation Service's full-URL check (what
RSS and Atom need); percent-decoding it gives the original text back.
"""

from __future__ import annotations

import ipaddress
import re

from .text import utf8

__all__ = ["http_url", "site_url"]

# RFC 3986 character classes.
_SUB = r"0-9A-Za-z\-._~!$&'()*+,;="  # unreserved and sub-delims
_PCHAR = _SUB + ":@"
_HEX2 = "[0-9A-Fa-f]{2}"

# A URL that is already as http_url writes it (no user info, no IP literal),
# once every "%" is known to start an escape: returned as it is.
_CLEAN = re.compile(
    rf"https?://[{_SUB}%]+(?::[0-9]*)?(?:[/?][{_PCHAR}/?%]*)?(?:#[{_PCHAR}/?%]*)?\Z"
)
_LONE_PERCENT = re.compile(rf"%(?!{_HEX2})")
_SCHEME = re.compile(r"https?://", re.IGNORECASE)
_AUTHORITY_END = re.compile(r"[/?#]")
_PORT = re.compile(r"[0-9]*\Z")
_IP_LITERAL = re.compile(r"\[([0-9A-Fa-f:.]+)\]\Z")
# What to percent-encode: a lone "%", or a run of characters not allowed there.
_QUOTE_USER = re.compile(rf"%(?!{_HEX2})|[^{_SUB}:%]+")
_QUOTE_HOST = re.compile(rf"%(?!{_HEX2})|[^{_SUB}%]+")
_QUOTE_REST = re.compile(rf"%(?!{_HEX2})|[^{_PCHAR}/?%]+")
# WHATWG URL Standard: leading and trailing "C0 control or space" are stripped,
# ASCII tab and newline are removed anywhere.
_C0_OR_SPACE = "".join(map(chr, range(0x21)))
_TAB_OR_NEWLINE = str.maketrans("", "", "\t\n\r")
_HOST_NAME = re.compile(
    r"(?=.{1,253}\Z)(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+"
    r"[A-Za-z](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\Z"
)


def _percent_encode(match: re.Match[str]) -> str:
    return "".join(f"%{byte:02X}" for byte in utf8(match.group()))


def _host(host: str) -> str:
    """``host`` for a URL: a valid IPv6 literal as it is, anything else percent-encoded."""
    literal = _IP_LITERAL.match(host)
    if literal is not None:
        try:
            ipaddress.IPv6Address(literal.group(1))
        except ValueError:
            pass
        else:
            return host
    return _QUOTE_HOST.sub(_percent_encode, host)


def http_url(value: str | None) -> str | None:
    r"""Return ``value`` as an absolute ``http``/``https`` URL in plain ASCII, or ``None``.

    ``None`` means the value is not an absolute http(s) URL with a host (it is
    missing, empty, relative, of another scheme, or its port is not a number),
    so it must not be used where a feed needs a full URL. The port is whatever
    follows the last ``:`` after the last ``]`` of the authority; ``[`` and ``]``
    stay only around a valid IPv6 address; a ``%`` stays only where it starts
    an escape; a second ``#`` and every ``@`` of the user info but the last are
    escaped. The result is not XML-escaped yet.

    >>> http_url("https://example.org/a?b=c#d")
    'https://example.org/a?b=c#d'
    >>> http_url(" HTTPS://例え.jp/ダウン ロード?q=\"x\"#1#2 ")
    'https://%E4%BE%8B%E3%81%88.jp/%E3%83%80%E3%82%A6%E3%83%B3%20%E3%83%AD%E3%83%BC%E3%83%89?q=%22x%22#1%232'
    >>> http_url("100%-sure.example/") is None, http_url("ftp://example.org/") is None
    (True, True)
    >>> http_url("https://example.org:http/") is None
    True
    """
    if not value:
        return None
    if _CLEAN.match(value) is not None and (
        "%" not in value or _LONE_PERCENT.search(value) is None
    ):
        return value
    url = value.strip(_C0_OR_SPACE)
    if "\t" in url or "\n" in url or "\r" in url:  # str.translate is slow: only if needed
        url = url.translate(_TAB_OR_NEWLINE)
    scheme = _SCHEME.match(url)
    if scheme is None:
        return None
    start = scheme.end()
    end = _AUTHORITY_END.search(url, start)
    split = len(url) if end is None else end.start()
    user, at, host = url[start:split].rpartition("@")
    colon = ""
    port = ""
    if ":" in host[host.rfind("]") + 1 :]:
        host, colon, port = host.rpartition(":")
        if _PORT.match(port) is None:
            return None
    if not host:
        return None
    authority = _host(host) + colon + port
    if at:
        authority = _QUOTE_USER.sub(_percent_encode, user) + "@" + authority
    rest, hash_, fragment = url[split:].partition("#")
    rest = _QUOTE_REST.sub(_percent_encode, rest)
    if hash_:
        rest += "#" + _QUOTE_REST.sub(_percent_encode, fragment)
    return url[:start].lower() + authority + rest


def site_url(domain: str) -> str | None:
    """Return ``https://`` + ``domain`` when ``domain`` is a host name, else ``None``.

    Surrounding white space is dropped; a non-ASCII name is written in its
    IDNA (punycode) form. A host name has at least two dot-separated labels
    of letters, digits and inner hyphens, and ends with a label that starts
    with a letter.

    >>> site_url("news.example.co.uk")
    'https://news.example.co.uk'
    >>> site_url("bücher.example")
    'https://xn--bcher-kva.example'
    >>> site_url("not a host") is None
    True
    """
    host = domain.strip()
    if not host.isascii():
        try:
            host = host.encode("idna").decode("ascii")
        except UnicodeError:
            return None
    return "https://" + host if _HOST_NAME.match(host) else None
