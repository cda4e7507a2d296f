"""HTML for a feed item's content: Markdown rendered, HTML cleaned, video embeds found.

Feed readers show an item's HTML content after their own sanitiser, which
drops ``<iframe>``, ``<script>`` and event handlers (feedparser's does). So the
exporters write content that survives it:

- :func:`render_markdown` turns a Markdown body into HTML with markdown-it-py
  (the CommonMark preset), then cleans it;
- :func:`clean_html` cleans HTML with nh3 (the Ammonia sanitiser) on an
  allow-list: no ``<script>``, ``<style>``, ``<iframe>``, no event handler
  attributes, and only ``http``, ``https`` and ``mailto`` URLs;
- :func:`find_embeds` finds the videos a piece of HTML embeds (``<iframe>``,
  ``<video>``, ``<source>``, ``<embed>``), which the exporters write as
  ``media:content`` and as a link with the item's image in the content;
- :func:`item_html` puts these together for one record.

markdown-it-py and nh3 come with the ``render`` extra
(``pip install 'frontnews[render]'``). Without them the documented plain
fallback applies: a body becomes escaped paragraphs of text, and HTML is
reduced to its text (no markup at all), which is always safe.
:func:`rendering_available` says which one runs.
"""

from __future__ import annotations

import html
import importlib.util
import mimetypes
import re
from collections.abc import Callable
from functools import cache, partial
from html.parser import HTMLParser
from typing import Any
from urllib.parse import urljoin

import attrs

from ..contract import Option
from ..model import Record
from .urls import http_url

__all__ = [
    "ALLOWED_URL_SCHEMES",
    "RENDER_EXTRA",
    "RENDER_OPTION",
    "Embed",
    "clean_html",
    "find_embeds",
    "item_html",
    "plain_html",
    "render_markdown",
    "rendering_available",
]

#: The ``render`` option every feed exporter declares: whether :func:`item_html`
#: renders a Markdown body (``True``) or writes it as plain paragraphs.
RENDER_OPTION = Option(
    default=True,
    help="Render a Markdown body to HTML (the 'render' extra); false writes it as text",
)

#: The URL schemes :func:`clean_html` keeps in links and images.
ALLOWED_URL_SCHEMES = frozenset({"http", "https", "mailto"})
#: How to install what rendering needs.
RENDER_EXTRA = "pip install 'frontnews[render]'"


def rendering_available() -> bool:
    """Whether markdown-it-py and nh3 are installed (else the plain fallback runs).

    >>> rendering_available()  # the render extra is installed here
    True
    """
    return _modules() is not None


@cache
def _modules() -> tuple[Any, Any] | None:
    if importlib.util.find_spec("nh3") is None or importlib.util.find_spec("markdown_it") is None:
        return None
    import markdown_it
    import nh3

    return markdown_it.MarkdownIt("commonmark"), nh3


@cache
def _cleaner() -> Callable[[str], str] | None:
    modules = _modules()
    if modules is None:
        return None
    nh3 = modules[1]
    tags = set(nh3.ALLOWED_TAGS)
    attributes = {tag: set(names) for tag, names in nh3.ALLOWED_ATTRIBUTES.items()}
    # Images keep their size; nothing else beyond Ammonia's allow-list.
    attributes.setdefault("img", set()).update({"width", "height"})
    cleaner = nh3.Cleaner(
        tags=tags,
        attributes=attributes,
        url_schemes=set(ALLOWED_URL_SCHEMES),
        link_rel="noopener noreferrer",
    )
    clean: Callable[[str], str] = cleaner.clean
    return clean


# In Ammonia's output every attribute is double-quoted, with "&<> escaped.
_RELATIVE = re.compile(r'( (?:href|src)=")(?![a-zA-Z][a-zA-Z0-9+.-]*:)([^"]*)"')


def _absolute(base: str, match: re.Match[str]) -> str:
    """The attribute of ``match`` with its relative URL joined to ``base``."""
    try:
        joined = urljoin(base, html.unescape(match.group(2)))
    except ValueError:  # a base or URL urllib cannot split (a bad IPv6 host)
        return match.group(0)
    return f'{match.group(1)}{html.escape(joined)}"'


def plain_html(text: str) -> str:
    r"""Return plain ``text`` as HTML paragraphs (split at blank lines), escaped.

    >>> plain_html("One & two\n\nThree <b>")
    '<p>One &amp; two</p>\n<p>Three &lt;b&gt;</p>\n'
    """
    blocks = re.split(r"\n[ \t]*\n", text.replace("\r\n", "\n").replace("\r", "\n"))
    return "".join(f"<p>{html.escape(b.strip(), quote=False)}</p>\n" for b in blocks if b.strip())


class _Text(HTMLParser):
    """The text of a piece of HTML, without any markup (the fallback cleaner)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style", "template"):
            self._skip += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style", "template") and self._skip:
            self._skip -= 1

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


def clean_html(value: str, *, base: str | None = None) -> str:
    """Return ``value`` with everything but the allow-listed HTML taken out.

    With nh3: Ammonia's allow-list of tags and attributes (``img`` also keeps
    ``width`` and ``height``), ``script``/``style`` dropped with their text, no
    event handlers, URLs only of :data:`ALLOWED_URL_SCHEMES`, and links get
    ``rel="noopener noreferrer"``. A relative ``href`` or ``src`` is made
    absolute against ``base`` (the article's address) when it is given: a
    feed reader shows the item away from the article, where ``img/chart.png``
    would lead nowhere. Without nh3 (the plain fallback): the text of
    ``value`` as escaped paragraphs, with no markup at all.

    >>> clean_html('<p onclick="x()">Hi<script>alert(1)</script></p>')
    '<p>Hi</p>'
    >>> clean_html('<img src="chart.png">', base="https://example.org/news/a.html")
    '<img src="https://example.org/news/chart.png">'
    """
    clean = _cleaner()
    if clean is not None:
        cleaned = clean(value)
        return _RELATIVE.sub(partial(_absolute, base), cleaned) if base else cleaned
    parser = _Text()
    parser.feed(value)
    parser.close()
    return plain_html("".join(parser.parts))


def render_markdown(text: str, *, base: str | None = None) -> str:
    r"""Return Markdown ``text`` as clean HTML: CommonMark (markdown-it-py), then cleaned.

    Raw HTML in the Markdown is allowed by CommonMark and then cleaned (:func:`clean_html`, with
    relative URLs made absolute against ``base``) like any other. Without the ``render`` extra,
    :func:`plain_html` of the text.

    >>> render_markdown('A *fine* <a href="javascript:alert(1)" onclick="x()">link</a>')
    '<p>A <em>fine</em> <a rel="noopener noreferrer">link</a></p>\n'
    """
    modules = _modules()
    if modules is None:
        return plain_html(text)
    rendered: str = modules[0].render(text)
    return clean_html(rendered, base=base)


@attrs.frozen
class Embed:
    """A video (or audio) a piece of HTML embeds.

    ``src`` is the embedded address (an absolute http(s) URL); ``page`` the
    address to watch it at (the YouTube or Vimeo page for their players, else
    ``src``); ``media_type`` the media type when the address names a file
    (``video/mp4``), else ``None``.

    >>> (clip,) = find_embeds('<video src="https://v.example/clip.mp4"></video>')
    >>> clip.page, clip.media_type
    ('https://v.example/clip.mp4', 'video/mp4')
    """

    src: str
    page: str
    media_type: str | None


_PLAYERS = (
    (
        re.compile(r"https?://(?:www\.)?youtube(?:-nocookie)?\.com/embed/([\w-]+)"),
        "https://www.youtube.com/watch?v={}",
    ),
    (re.compile(r"https?://player\.vimeo\.com/video/(\d+)"), "https://vimeo.com/{}"),
)


def _embed(src: str) -> Embed:
    for pattern, page in _PLAYERS:
        match = pattern.match(src)
        if match is not None:
            return Embed(src=src, page=page.format(match.group(1)), media_type=None)
    path = src.split("?", 1)[0].split("#", 1)[0]
    guessed = mimetypes.guess_type(path, strict=False)[0]
    media_type = guessed if guessed and guessed.startswith(("video/", "audio/")) else None
    return Embed(src=src, page=src, media_type=media_type)


class _Embeds(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[Embed] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in ("iframe", "video", "source", "embed"):
            return
        src = http_url(dict(attrs).get("src"))
        if src is not None and all(e.src != src for e in self.found):
            self.found.append(_embed(src))


def find_embeds(value: str) -> tuple[Embed, ...]:
    """Return the videos ``value`` embeds, in order, each once.

    >>> (embed,) = find_embeds('<iframe src="https://www.youtube.com/embed/abc"></iframe>')
    >>> embed.page, embed.media_type
    ('https://www.youtube.com/watch?v=abc', None)
    """
    if "<" not in value:
        return ()
    parser = _Embeds()
    parser.feed(value)
    parser.close()
    return tuple(parser.found)


def _image_url(record: Record) -> str | None:
    for image in record.images or ():
        url = http_url(image.url)
        if url is not None:
            return url
    return None


def _embed_html(embed: Embed, record: Record) -> str:
    """A link to the video, with the record's image as its picture when it has one."""
    href = html.escape(embed.page)
    title = html.escape(record.title.strip() or embed.page)
    image = _image_url(record)
    picture = ""
    if image is not None:
        picture = f'<p><a href="{href}"><img src="{html.escape(image)}" alt="{title}"></a></p>'
    return f'{picture}<p><a href="{href}">{title}</a></p>\n'


_VISIBLE = re.compile(r"<img\b|>[^<]*\S[^<]*<|^[^<]*\S", re.IGNORECASE)


def item_html(record: Record, *, render: bool = True, link: str | None = None) -> str | None:
    """Return the HTML content of ``record``'s item, or ``None`` when it has none.

    The content is ``featuredContent``, cleaned (:func:`clean_html`), with each
    video it embeds (:func:`find_embeds`) written as a link to it, with the
    record's first image; then the body, rendered (:func:`render_markdown`), or
    as plain paragraphs (:func:`plain_html`) when ``render`` is false. When
    nothing visible is left (an embed with no address, only a script), the
    content is a link to the article (``link``) titled with the record's
    title, or its excerpt: a record with content always has some. Relative
    URLs in the content are made absolute against ``link``.

    >>> import datetime as dt
    >>> from frontnews import Provider, Record
    >>> record = Record(category="news", title="Rain", excerpt="", type="video",
    ...                 published_date_time=dt.datetime(2026, 11, 25, 18, 45),
    ...                 provider=Provider(name="P", domain="p.example"), topics=(),
    ...                 featured_content='<iframe src="https://www.youtube.com/embed/wx"></iframe>',
    ...                 body="More *soon*.")
    >>> print(item_html(record))
    <p><a href="https://www.youtube.com/watch?v=wx">Rain</a></p>
    <p>More <em>soon</em>.</p>
    <BLANKLINE>
    """
    featured = record.featured_content
    has_body = bool(record.body) and not record.body.isspace()
    if not featured and not has_body:
        return None
    parts: list[str] = []
    if featured:
        parts.append(clean_html(featured, base=link))
        parts.extend(_embed_html(embed, record) for embed in find_embeds(featured))
    if has_body:
        body = render_markdown(record.body, base=link) if render else plain_html(record.body)
        parts.append(body)
    content = "".join(parts)
    if _VISIBLE.search(content) is None:
        text = html.escape(record.title.strip() or record.excerpt.strip() or "(no title)")
        content = f'<p><a href="{html.escape(link)}">{text}</a></p>' if link else f"<p>{text}</p>"
    return content
