"""The toolkit for exporter authors: the helpers every built-in exporter uses.

Each helper has one behaviour, documented in its module and in
``docs/toolkit.md``; a plugin that uses them writes URLs, dates, ids, language
tags, XML and unknown keys exactly as the built-in formats do.

- :mod:`frontnews.toolkit.xml`: escaping and encoding XML text;
- :mod:`frontnews.toolkit.urls`: absolute http(s) URLs, site URLs;
- :mod:`frontnews.toolkit.dates`: RFC 3339 and RFC 822 dates (naive = UTC);
- :mod:`frontnews.toolkit.language`: BCP 47 language tags;
- :mod:`frontnews.toolkit.ids`: item ids and uniqueness within a feed;
- :mod:`frontnews.toolkit.feeds`: RFC 5005 page links of a feed;
- :mod:`frontnews.toolkit.data`: records and unknown keys as plain JSON data;
- :mod:`frontnews.toolkit.render`: item content as clean HTML (Markdown, embeds);
- :mod:`frontnews.toolkit.text`: UTF-8 that survives surrogates, HTML reduced to text;
- :mod:`frontnews.toolkit.cells`: the spreadsheet formula guard, and undoing it.
"""

from __future__ import annotations

from .cells import FORMULA_TRIGGERS, QUOTE_PREFIX, guard_formula, unguard_formula
from .data import plain_data, plain_data_at, record_data, record_data_function
from .dates import datetime_or_keyword, rfc822, rfc3339
from .feeds import PAGE_RELATIONS, is_archive, page_links
from .ids import ID_NAMESPACE, UsedIds, item_id, stable_id
from .language import check_language, is_language_tag
from .render import (
    ALLOWED_URL_SCHEMES,
    RENDER_EXTRA,
    RENDER_OPTION,
    Embed,
    clean_html,
    find_embeds,
    item_html,
    plain_html,
    render_markdown,
    rendering_available,
)
from .text import html_text, utf8
from .urls import http_url, site_url
from .xml import (
    REPLACEMENT,
    clean_xml,
    encode_xml,
    escape_attr,
    escape_html_text,
    escape_text,
    stylesheet_instruction,
)

__all__ = [
    "ALLOWED_URL_SCHEMES",
    "FORMULA_TRIGGERS",
    "ID_NAMESPACE",
    "PAGE_RELATIONS",
    "QUOTE_PREFIX",
    "RENDER_EXTRA",
    "RENDER_OPTION",
    "REPLACEMENT",
    "Embed",
    "UsedIds",
    "check_language",
    "clean_html",
    "clean_xml",
    "datetime_or_keyword",
    "encode_xml",
    "escape_attr",
    "escape_html_text",
    "escape_text",
    "find_embeds",
    "guard_formula",
    "html_text",
    "http_url",
    "is_archive",
    "is_language_tag",
    "item_html",
    "item_id",
    "page_links",
    "plain_data",
    "plain_data_at",
    "plain_html",
    "record_data",
    "record_data_function",
    "render_markdown",
    "rendering_available",
    "rfc822",
    "rfc3339",
    "site_url",
    "stable_id",
    "stylesheet_instruction",
    "unguard_formula",
    "utf8",
]
