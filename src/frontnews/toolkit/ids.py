"""Item ids: the article's URL when it has one, else a stable name-based id.

:func:`item_id` is the rule every format follows: the record's ``webUrl``,
else its ``originalUrl``, each as :func:`~frontnews.toolkit.http_url` reads
it, else :func:`stable_id`. :class:`UsedIds` keeps a feed's ids unique in
constant memory.
"""

from __future__ import annotations

import hashlib
import json
import uuid

from ..model import Record
from .dates import rfc3339
from .urls import http_url

__all__ = ["ID_NAMESPACE", "UsedIds", "item_id", "stable_id"]

#: The namespace of :func:`stable_id`'s name-based (version 5) UUIDs.
ID_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://frontnews.dev/ns/item-id")


def stable_id(record: Record) -> str:
    """Return a ``urn:uuid:`` id for ``record`` that depends only on what the story is.

    The id is the version 5 (name-based) UUID, in :data:`ID_NAMESPACE`, of the
    JSON array ``[provider domain, date as RFC 3339, title]``
    (``json.dumps``, ASCII). The same story gives the same id in every export
    and every format; editing its excerpt, body, flags or secured token does not
    change it, and a ``urn:uuid:`` is a valid id in RSS, JSON Feed and Atom.

    >>> import datetime as dt
    >>> from frontnews import Provider, Record, Secured
    >>> record = Record(category="news", title="Ban the scan", excerpt="",
    ...                 published_date_time=dt.datetime(2021, 1, 26, 18, 47),
    ...                 original_url=None, web_url=None, type="article",
    ...                 provider=Provider(name="Amnesty UK", domain="amnesty.org.uk"),
    ...                 topics=(), secured=Secured(""))
    >>> stable_id(record)
    'urn:uuid:c2060f28-09d1-555a-81c9-fc36b1254a95'
    """
    name = json.dumps([record.provider.domain, rfc3339(record.published_date_time), record.title])
    return uuid.uuid5(ID_NAMESPACE, name).urn


def item_id(record: Record) -> str:
    """Return the id of ``record``'s item: its http(s) URL, else :func:`stable_id`.

    The URL is ``webUrl``, else ``originalUrl``, as :func:`~frontnews.toolkit.http_url`
    writes it; text in those fields that is not an absolute http(s) URL is not
    used.

    >>> import datetime as dt
    >>> from frontnews import Provider, Record, Secured
    >>> record = Record(category="news", title="Ban the scan", excerpt="",
    ...                 published_date_time=dt.datetime(2021, 1, 26, 18, 47),
    ...                 original_url="https://publisher.example/a b", web_url="see print",
    ...                 type="article", provider=Provider(name="P", domain="p.example"),
    ...                 topics=(), secured=Secured(""))
    >>> item_id(record)
    'https://publisher.example/a%20b'
    """
    url = http_url(record.web_url) or http_url(record.original_url)
    return url if url is not None else stable_id(record)


class UsedIds:
    """The ids written so far in one feed, in constant memory: a Bloom filter.

    :meth:`add` says whether an id is certainly new. An id that was used is
    never taken for new, so relying on it keeps the ids unique; a new id is
    taken for used only by chance, which grows with the number of items (with
    2**23 bits (1 MiB) and 4 probes: about 1 in 200,000 items at 100,000 items,
    2% at a million). The hash is BLAKE2b, so the same ids always give the same
    answers, and an export the same bytes.

    >>> used = UsedIds()
    >>> used.add("https://example.org/1"), used.add("https://example.org/1")
    (True, False)
    """

    _MASK = (1 << 23) - 1  # 2**23 bits, 1 MiB

    def __init__(self) -> None:
        self._bits = bytearray((self._MASK + 1) // 8)

    def add(self, item_id: str) -> bool:
        """Record ``item_id``; return ``True`` when it was certainly not recorded before."""
        data = item_id.encode("utf-8", "surrogatepass")
        number = int.from_bytes(hashlib.blake2b(data, digest_size=12).digest(), "little")
        mask = self._MASK
        # Four probes of 23 bits each from the 96-bit digest, unrolled for speed.
        a, b = number & mask, (number >> 23) & mask
        c, d = (number >> 46) & mask, (number >> 69) & mask
        bit_a, bit_b, bit_c, bit_d = 1 << (a & 7), 1 << (b & 7), 1 << (c & 7), 1 << (d & 7)
        a, b, c, d = a >> 3, b >> 3, c >> 3, d >> 3
        bits = self._bits
        if bits[a] & bit_a and bits[b] & bit_b and bits[c] & bit_c and bits[d] & bit_d:
            return False
        bits[a] |= bit_a
        bits[b] |= bit_b
        bits[c] |= bit_c
        bits[d] |= bit_d
        return True
