"""The record and its parts: frozen attrs classes, one per thing the format describes.

This module is the record format's one schema: :mod:`frontnews.schema` reads
these classes' fields and metadata, and the reader, the writer, the converter
and the exporters are built from that. Python names are snake_case; the file
keeps camelCase (``published_date_time`` is ``publishedDateTime``). A field
whose key the format may leave out is ``None`` when absent; ``None`` never
reaches a file. Lists are tuples, so a record is immutable and hashable:
change one with :func:`attrs.evolve`.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, ClassVar, Literal

import attrs

from .extra import Extra
from .schema import field

__all__ = ["Image", "Layout", "Provider", "Record", "RelatedArticle", "Secured"]

_NO_EXTRA = Extra()


@attrs.frozen(repr=False)
class Secured:
    """The opaque, signed token at the end of a published record.

    frontnews never decodes, checks or normalises it: ``text`` is exactly the
    string in the file. Only the publisher's server can make one, so a record
    made elsewhere has none (``Record.secured`` is ``None``, and the file has
    no ``secured`` key). ``repr`` and ``str`` show only a short prefix and the
    length, so the token does not end up whole in logs.

    >>> token = Secured("41wbFnSignedTokenText==")
    >>> token
    Secured('41wbFn'..., 23 chars)
    >>> print(f"token: {token}")
    token: Secured('41wbFn'..., 23 chars)
    >>> token.text
    '41wbFnSignedTokenText=='
    """

    #: Tells :mod:`frontnews.schema` that this class is a token: text of its own kind.
    __frontnews_token__: ClassVar[bool] = True

    text: str

    def __repr__(self) -> str:
        return f"Secured({self.text[:6]!r}..., {len(self.text)} chars)"

    __str__ = __repr__


@attrs.frozen(kw_only=True)
class Image:
    """A picture: of the article (``images``) or a provider's logo (``provider.images``)."""

    url: str = field(quoted=True)
    width: int
    height: int
    is_cached: bool | None = None
    title: str | None = field(quoted=True, default=None)
    extra: Extra = _NO_EXTRA


@attrs.frozen(kw_only=True)
class Provider:
    """Who published the article."""

    name: str
    domain: str
    images: tuple[Image, ...] | None = None
    extra: Extra = _NO_EXTRA


@attrs.frozen(kw_only=True)
class RelatedArticle:
    """Another article on the same story, listed under ``related``."""

    title: str = field(quoted=True)
    excerpt: str = field(quoted=True)
    published_date_time: dt.datetime
    web_url: str = field(quoted=True)
    amp_web_url: str | None = field(quoted=True, default=None)
    cdn_amp_web_url: str | None = field(quoted=True, default=None)
    type: str
    provider: Provider
    quality: int
    images: tuple[Image, ...] | None = None
    extra: Extra = _NO_EXTRA


@attrs.frozen(kw_only=True, repr=False)
class Layout:
    r"""How the file was laid out on disk, kept so that writing it back changes no byte.

    ``newline`` is ``"\n"`` or ``"\r\n"``; ``bom`` says whether the file
    started with a UTF-8 byte order mark. ``key_order`` is the front
    matter's top-level keys in the file's order, when that is not the
    canonical order (``None`` when it is): :func:`frontnews.dumps` keeps it,
    :func:`frontnews.reformat` makes it canonical. ``nested_key_orders``
    does the same for the mappings inside (the provider, each image, each
    related article): pairs of a path (``"provider"``, ``"images[0]"``,
    ``"related[1].provider"``) and that mapping's keys in the file's order,
    only for the mappings whose order is not canonical. ``scalar_styles``
    pairs the path of each text value the file wrote in another style than
    the canonical one (a URL left plain, a name in quotes) with that style:
    ``""`` (plain), ``'"'`` or ``"'"``; it is kept while the value can be
    written that way and still read back the same. ``comments`` lists the
    lines that held a YAML comment, which the canonical style cannot keep:
    writing such a record needs ``drop_comments=True``.

    >>> Layout()
    Layout(newline='\n', bom=False)
    >>> Layout(newline="\r\n", bom=True)
    Layout(newline='\r\n', bom=True)
    >>> Layout(key_order=("title", "category"), comments=(4,))
    Layout(newline='\n', bom=False, key_order=('title', 'category'), comments=(4,))
    """

    newline: Literal["\n", "\r\n"] = "\n"
    bom: bool = False
    key_order: tuple[Any, ...] | None = None
    comments: tuple[int, ...] = ()
    nested_key_orders: tuple[tuple[str, tuple[Any, ...]], ...] = ()
    scalar_styles: tuple[tuple[str, str], ...] = ()

    def __repr__(self) -> str:
        parts = [f"newline={self.newline!r}", f"bom={self.bom!r}"]
        if self.key_order is not None:
            parts.append(f"key_order={self.key_order!r}")
        if self.nested_key_orders:
            parts.append(f"nested_key_orders={self.nested_key_orders!r}")
        if self.scalar_styles:
            parts.append(f"scalar_styles={self.scalar_styles!r}")
        if self.comments:
            parts.append(f"comments={self.comments!r}")
        return f"Layout({', '.join(parts)})"

    @property
    def canonical(self) -> Layout:
        """The layout without the file's own key orders, styles and comments (``fmt``)."""
        if self == Layout(newline=self.newline, bom=self.bom):
            return self
        return Layout(newline=self.newline, bom=self.bom)


@attrs.frozen(kw_only=True)
class Record:
    """One news record: the front matter's fields, the body after it, and the file layout.

    The attribute order is the canonical key order of the file (unknown keys,
    ``extra``, are written just before ``secured``), and each attribute's
    metadata says how it is written (see :mod:`frontnews.schema`). Optional
    fields default to ``None``; change a record with :func:`attrs.evolve`.

    >>> import datetime as dt
    >>> import attrs
    >>> from frontnews import Provider, Record, Secured
    >>> record = Record(
    ...     category="news",
    ...     title="Ban the scan",
    ...     excerpt="Campaigners call for a ban.",
    ...     published_date_time=dt.datetime(2021, 1, 26, 18, 47, tzinfo=dt.timezone.utc),
    ...     type="article",
    ...     provider=Provider(name="Amnesty UK", domain="amnesty.org.uk"),
    ...     topics=("Computer Vision", "AI"),
    ...     secured=Secured("41wbFnSignedTokenText=="),
    ... )
    >>> record.web_url is None
    True
    >>> record.is_published
    True
    >>> hidden = attrs.evolve(record, published=False, topics=("AI",))
    >>> hidden.is_published, hidden.topics, hidden.title
    (False, ('AI',), 'Ban the scan')
    >>> record.is_published  # the original is unchanged
    True
    """

    category: str
    title: str = field(quoted=True)
    excerpt: str = field(quoted=True)
    published_date_time: dt.datetime
    original_url: str | None = field(quoted=True, default=None)
    web_url: str | None = field(quoted=True, default=None)
    amp_web_url: str | None = field(quoted=True, default=None)
    cdn_amp_web_url: str | None = field(quoted=True, default=None)
    type: str
    quality: int | None = None
    heat: int | None = None
    removed: bool | None = None
    published: bool | None = None
    featured_content: str | None = field(quoted=True, section=True, default=None)
    provider: Provider = field(section=True)
    topics: tuple[str | None, ...] = field(section=True)
    images: tuple[Image, ...] | None = field(section=True, default=None)
    related: tuple[RelatedArticle, ...] | None = field(section=True, default=None)
    extra: Extra = field(section=True, default=_NO_EXTRA)
    secured: Secured | None = field(section=True, default=None)
    body: str = field(wire=False, default="")
    layout: Layout = field(wire=False, default=Layout())

    @property
    def is_published(self) -> bool:
        """``False`` only when the record says ``published: false``; no key counts as published."""
        return self.published is not False
