"""Language tags (BCP 47, RFC 5646): one check for every format's language field.

A tag is accepted when it is *well-formed* by RFC 5646 section 2.1 (the
``langtag``, ``privateuse`` and irregular ``grandfathered`` productions),
with one restriction: the primary language subtag has two or three letters,
the only lengths the IANA registry holds (four are reserved, five to eight
are for registrations that do not exist). So ``en``, ``en-GB``, ``zh-Hant-TW``,
``es-419``, ``sl-rozaj-biske``, ``de-CH-1996``, ``x-private`` and
``i-klingon`` pass; ``English``, ``e``, ``en_GB`` and ``en-`` do not. Case
does not matter. Whether each subtag is registered is not checked.
"""

from __future__ import annotations

import re

from ..errors import ExportError

__all__ = ["check_language", "is_language_tag"]

_LANGUAGE_TAG = re.compile(
    r"""
    (?:
        [a-z]{2,3}(?:-[a-z]{3}){0,3}               # language, extended language subtags
        (?:-[a-z]{4})?                             # script
        (?:-(?:[a-z]{2}|[0-9]{3}))?                # region
        (?:-(?:[a-z0-9]{5,8}|[0-9][a-z0-9]{3}))*   # variants
        (?:-[0-9a-wyz](?:-[a-z0-9]{2,8})+)*        # extensions
        (?:-x(?:-[a-z0-9]{1,8})+)?                 # private use
    |   x(?:-[a-z0-9]{1,8})+                       # private use only
    |   en-gb-oed | i-ami | i-bnn | i-default | i-enochian | i-hak | i-klingon
    |   i-lux | i-mingo | i-navajo | i-pwn | i-tao | i-tay | i-tsu
    |   sgn-be-fr | sgn-be-nl | sgn-ch-de          # grandfathered, irregular
    )\Z
    """,
    re.IGNORECASE | re.VERBOSE | re.ASCII,
)


def is_language_tag(text: str) -> bool:
    """Whether ``text`` is a well-formed language tag, such as ``en`` or ``en-GB``.

    >>> is_language_tag("en-GB"), is_language_tag("zh-Hant-TW"), is_language_tag("es-419")
    (True, True, True)
    >>> is_language_tag("English"), is_language_tag("en_GB"), is_language_tag("en-")
    (False, False, False)
    """
    return _LANGUAGE_TAG.match(text) is not None


def check_language(text: str, exporter: str) -> str:
    """Return ``text`` if it is a language tag, else raise ExportError naming ``exporter``.

    Use it for a feed's language: the message says which exporter and field
    refused what.

    >>> check_language("en-GB", "rss")
    'en-GB'
    >>> check_language("English please", "rss")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    frontnews.errors.ExportError: rss: feed.language must be a language tag (BCP 47) ...
    """
    if _LANGUAGE_TAG.match(text) is None:
        raise ExportError(
            f"{exporter}: feed.language must be a language tag (BCP 47) such as 'en' or "
            f"'en-GB', not {text!r}"
        )
    return text
