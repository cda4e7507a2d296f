"""Text for formats: UTF-8 that must be valid, and the text of an HTML fragment."""

from __future__ import annotations

from html.parser import HTMLParser

__all__ = ["html_text", "utf8"]

#: Elements whose content a browser does not show.
_HIDDEN = frozenset({"script", "style", "template", "noscript", "head", "title"})
#: Elements that separate the words before and after them.
_BREAKS = frozenset(
    {
        *("address", "article", "aside", "blockquote", "br", "dd", "div", "dl", "dt"),
        *("figcaption", "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header"),
        *("hr", "li", "main", "nav", "ol", "p", "pre", "section", "table", "td", "th", "tr"),
        "ul",
    }
)


def utf8(text: str) -> bytes:
    r"""Encode ``text`` as UTF-8, even when it holds surrogate code points.

    A high surrogate directly followed by a low one becomes the character the
    pair stands for; every other surrogate becomes U+FFFD. Text without
    surrogates costs one ``str.encode``.

    >>> utf8("café")
    b'caf\xc3\xa9'
    >>> utf8("pair \ud83d\ude00, lone \ud800").decode("utf-8")
    'pair 😀, lone �'
    """
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError:
        # Through UTF-16 a well-formed pair decodes to its character and any
        # other surrogate to U+FFFD.
        units = text.encode("utf-16-le", "surrogatepass")
        return units.decode("utf-16-le", "replace").encode("utf-8")


class _TextOf(HTMLParser):
    """Collects the text of an HTML fragment, leaving out what a browser does not show."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _HIDDEN:
            self._hidden += 1
        elif tag in _BREAKS:
            self.parts.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag in _HIDDEN:
            self._hidden = max(0, self._hidden - 1)
        elif tag in _BREAKS:
            self.parts.append(" ")

    def handle_data(self, data: str) -> None:
        if not self._hidden:
            self.parts.append(data)


def html_text(html: str) -> str:
    r"""Return the text of an HTML fragment as one line: tags dropped, entities decoded.

    What a browser does not show (``script``, ``style``, ``template``, comments)
    is left out; block elements and ``<br>`` separate words; every run of
    white space becomes one space, and the ends are stripped. Text that is not
    HTML comes back with only its white space changed. For feed summaries,
    which are HTML more often than not.

    >>> html_text("<p>Campaigners call for a <b>ban</b>&nbsp;&amp; more.</p><p>Second</p>")
    'Campaigners call for a ban & more. Second'
    >>> html_text("<script>alert(1)</script>Plain  text\n here")
    'Plain text here'
    """
    parser = _TextOf()
    parser.feed(html)
    parser.close()
    return " ".join("".join(parser.parts).split())
