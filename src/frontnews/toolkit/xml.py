"""Writing XML by hand: escaping text and attributes, and encoding a fragment safely.

Exporters build XML as strings, one fragment (an item) at a time, in two
steps:

1. Every value goes through :func:`escape_text` (element content),
   :func:`escape_html_text` (plain text inside an element that holds HTML) or
   :func:`escape_attr` (a double-quoted attribute). ``&``, ``<`` and ``>`` are
   always escaped, so ``]]>`` can never appear; ``"`` too in attributes; a
   carriage return is written as ``&#13;`` because XML parsers turn a raw one
   into a line feed, and in attributes tab and line feed become ``&#9;`` and
   ``&#10;`` so that attribute-value normalisation keeps them.
2. The whole fragment goes through :func:`encode_xml`, which repairs the
   characters XML 1.0 forbids (see :func:`clean_xml`) and encodes UTF-8.
   Markup never contains those characters, so doing it once per fragment is
   the same as doing it per value, and much faster.

Text is only searched with substring tests (``in``, which CPython runs at
memory speed) and one ``bytes.translate`` per fragment; a regular expression
runs only on text known to need a repair. Whatever the text, the result is
well-formed XML 1.0.
"""

from __future__ import annotations

import re

__all__ = [
    "REPLACEMENT",
    "clean_xml",
    "encode_xml",
    "escape_attr",
    "escape_html_text",
    "escape_text",
    "stylesheet_instruction",
]

#: What a character that XML 1.0 forbids becomes: U+FFFD, the replacement character.
REPLACEMENT = "\ufffd"

# XML 1.0, production [2] Char: everything else is illegal.
_ILLEGAL_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_SURROGATE_RE = re.compile("[\ud800-\udfff]")
_C0_ILLEGAL = bytes(b for b in range(0x20) if b not in (0x09, 0x0A, 0x0D))


def clean_xml(value: str) -> str:
    r"""Return ``value`` with every character that XML 1.0 forbids repaired.

    A surrogate pair (a high surrogate directly followed by a low one) becomes
    the character it stands for, as :func:`~frontnews.toolkit.utf8` does; every
    other forbidden character (C0 controls but tab, line feed and carriage
    return; U+FFFE and U+FFFF; a lone surrogate) becomes U+FFFD.

    >>> clean_xml("bell\x07 and \ud83d\ude00 and \udc00")
    'bell� and 😀 and �'
    """
    if _ILLEGAL_RE.search(value) is None:
        return value
    if _SURROGATE_RE.search(value) is not None:
        units = value.encode("utf-16-le", "surrogatepass")
        value = units.decode("utf-16-le", "replace")
    return _ILLEGAL_RE.sub(REPLACEMENT, value)


def encode_xml(fragment: str) -> bytes:
    r"""Return ``fragment`` as UTF-8 after :func:`clean_xml`: always well-formed XML text.

    The common case, a fragment with nothing to repair, costs one
    ``str.encode`` and one ``bytes.translate``.

    >>> encode_xml("<title>" + escape_text("Tom & Jerry\x00") + "</title>")
    b'<title>Tom &amp; Jerry\xef\xbf\xbd</title>'
    """
    if "\ufffe" not in fragment and "\uffff" not in fragment:
        try:
            data = fragment.encode("utf-8")
        except UnicodeEncodeError:  # a surrogate
            pass
        else:
            if len(data.translate(None, _C0_ILLEGAL)) == len(data):
                return data
    return clean_xml(fragment).encode("utf-8")


def escape_text(value: str) -> str:
    r"""Return ``value`` escaped for use as element content (:func:`encode_xml` does the rest).

    >>> escape_text("5 < 6 & ]]> \r")
    '5 &lt; 6 &amp; ]]&gt; &#13;'
    """
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

    >>> escape_html_text("<b>not bold</b> & co")
    '&amp;lt;b&amp;gt;not bold&amp;lt;/b&amp;gt; &amp;amp; co'
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
    r"""Return ``value`` escaped for use inside a double-quoted attribute.

    Tab, line feed and carriage return are written as character references,
    which survive the attribute-value normalisation every XML parser applies.

    >>> escape_attr('say "hi"\tand\nbye & <go>')
    'say &quot;hi&quot;&#9;and&#10;bye &amp; &lt;go&gt;'
    """
    value = escape_text(value)
    if '"' in value:
        value = value.replace('"', "&quot;")
    if "\t" in value:
        value = value.replace("\t", "&#9;")
    if "\n" in value:
        value = value.replace("\n", "&#10;")
    return value


def stylesheet_instruction(href: str) -> str:
    r"""Return the ``xml-stylesheet`` processing instruction for the stylesheet at ``href``.

    The type is ``text/css`` when the address ends in ``.css`` (before any query),
    else ``text/xsl``; ``href`` should already be a checked URL. The result ends
    with a line feed and goes right after the XML declaration.

    >>> stylesheet_instruction("https://example.org/feed.xsl")
    '<?xml-stylesheet type="text/xsl" href="https://example.org/feed.xsl"?>\n'
    """
    path = href.split("?", 1)[0].split("#", 1)[0]
    kind = "text/css" if path.lower().endswith(".css") else "text/xsl"
    return f'<?xml-stylesheet type="{kind}" href="{escape_attr(href)}"?>\n'
