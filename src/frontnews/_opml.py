"""An OPML 2.0 subscription list: the index of the feeds a split export wrote.

Feed readers import OPML to subscribe to many feeds at once. The document
has a ``head`` with the title (and the owner, when the feed names an author)
and one ``outline`` per feed, of ``type="rss"`` (what OPML 2.0 calls every
feed, whatever its format) with ``text``, ``title``, ``xmlUrl`` and, when
known, ``htmlUrl``, ``description`` and ``language``. Nothing in it depends on
the time of the run, so writing the same feeds twice gives the same bytes.
"""

from __future__ import annotations

from collections.abc import Iterable

import attrs

from .toolkit.xml import encode_xml, escape_attr, escape_text

__all__ = ["Outline", "opml"]

#: Where the OPML 2.0 specification is, for the ``docs`` element.
SPEC = "http://opml.org/spec2.opml"


@attrs.frozen(kw_only=True)
class Outline:
    """One feed of the list."""

    text: str
    xml_url: str
    html_url: str | None = None
    description: str | None = None
    language: str | None = None


def _outline(outline: Outline) -> str:
    attributes = [
        ("type", "rss"),
        ("text", outline.text),
        ("title", outline.text),
        ("xmlUrl", outline.xml_url),
        ("htmlUrl", outline.html_url),
        ("description", outline.description),
        ("language", outline.language),
    ]
    shown = " ".join(f'{key}="{escape_attr(value)}"' for key, value in attributes if value)
    return f"    <outline {shown}/>\n"


def opml(title: str, outlines: Iterable[Outline], *, owner: str | None = None) -> bytes:
    """The OPML 2.0 document listing ``outlines``, as UTF-8 bytes (always well-formed).

    >>> print(opml("News", [Outline(text="News: AI", xml_url="https://e.org/ai.xml")]).decode())
    <?xml version="1.0" encoding="UTF-8"?>
    <opml version="2.0">
      <head>
        <title>News</title>
        <docs>http://opml.org/spec2.opml</docs>
      </head>
      <body>
        <outline type="rss" text="News: AI" title="News: AI" xmlUrl="https://e.org/ai.xml"/>
      </body>
    </opml>
    <BLANKLINE>
    """
    head = [f"    <title>{escape_text(title)}</title>\n"]
    if owner:
        head.append(f"    <ownerName>{escape_text(owner)}</ownerName>\n")
    head.append(f"    <docs>{SPEC}</docs>\n")
    text = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<opml version="2.0">\n'
        "  <head>\n" + "".join(head) + "  </head>\n"
        "  <body>\n" + "".join(_outline(o) for o in outlines) + "  </body>\n"
        "</opml>\n"
    )
    return encode_xml(text)
