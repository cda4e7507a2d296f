"""Channel-level helpers: the RFC 5005 page links and WebSub hubs of a feed.

:attr:`frontnews.Feed.pages` maps a link relation to the address of another
page of the same feed. :func:`page_links` checks the relations and gives them
in one fixed order, so that every format writes them the same way;
:func:`is_archive` says whether a page is an RFC 5005 archived page.
"""

from __future__ import annotations

from collections.abc import Mapping

from ..errors import ExportError

__all__ = ["PAGE_RELATIONS", "is_archive", "page_links"]

#: The RFC 5005 relations a feed page may link with, in the order they are written.
PAGE_RELATIONS: tuple[str, ...] = (
    "current",
    "first",
    "previous",
    "next",
    "last",
    "prev-archive",
    "next-archive",
)


def page_links(pages: Mapping[str, str], format: str) -> list[tuple[str, str]]:
    """Return ``pages`` as ``(relation, address)`` pairs in :data:`PAGE_RELATIONS` order.

    A relation RFC 5005 does not define is an :class:`~frontnews.ExportError`
    naming the ``format``; the addresses are returned as given (check them with
    :func:`~frontnews.toolkit.http_url`).

    >>> page_links({"next": "https://e.org/2", "current": "https://e.org/"}, "rss")
    [('current', 'https://e.org/'), ('next', 'https://e.org/2')]
    >>> page_links({"older": "https://e.org/2"}, "rss")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
      ...
    frontnews.errors.ExportError: rss: feed.pages has the relation 'older'; ...
    """
    unknown = sorted(set(pages) - set(PAGE_RELATIONS))
    if unknown:
        raise ExportError(
            f"{format}: feed.pages has the relation {unknown[0]!r}; "
            f"RFC 5005 relations are {', '.join(PAGE_RELATIONS)}"
        )
    return [(rel, pages[rel]) for rel in PAGE_RELATIONS if rel in pages]


def is_archive(pages: Mapping[str, str], feed_url: str | None) -> bool:
    """Whether the page is an RFC 5005 archived page: it links to a ``current`` page not itself.

    Archived pages are marked with ``fh:archive`` in RSS and Atom.

    >>> is_archive({"current": "https://e.org/feed.xml"}, "https://e.org/feed-1.xml")
    True
    >>> is_archive({"current": "https://e.org/feed.xml"}, "https://e.org/feed.xml")
    False
    """
    current = pages.get("current")
    return current is not None and current != feed_url
