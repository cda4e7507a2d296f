"""The exporter contract: what a plugin's exporter is given and what it promises.

Every exporter, built in or third-party, is an :class:`Exporter`; its
``write`` function receives the records, a binary stream, the :class:`Feed`
and the :class:`ExportOptions`. This module imports nothing of the plugin
machinery, so that plugins and :mod:`frontnews.plugins` both build on it;
:func:`frontnews.export` runs an exporter on top of it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from types import MappingProxyType
from typing import IO, Any

import attrs

from .model import Record

__all__ = ["ExportOptions", "Exporter", "Feed", "WriteFunction"]


@attrs.frozen(kw_only=True)
class Feed:
    """What a feed says about itself, beside its items.

    ``title``, ``link`` (the web site the feed belongs to, not the feed's own
    address) and ``description`` are what RSS 2.0 requires of a channel.
    ``feed_url`` is the absolute address the feed itself will be served from.
    """

    title: str
    link: str
    description: str = ""
    feed_url: str | None = None
    language: str | None = None
    icon: str | None = None
    author_name: str | None = None


def _frozen_mapping(value: Mapping[str, Any]) -> Mapping[str, Any]:
    return MappingProxyType(dict(value))


@attrs.frozen(kw_only=True)
class ExportOptions:
    """What the caller asked of one export.

    ``include_secured`` is ``False`` unless the caller opts in: only then may
    an exporter write the ``secured`` token. ``params`` holds the
    format-specific options, already checked against :attr:`Exporter.options`
    and completed with their defaults.
    """

    include_secured: bool = False
    params: Mapping[str, Any] = attrs.field(factory=dict, converter=_frozen_mapping)


#: ``write(records, stream, feed, options)``: write every record of the
#: iterable to the binary ``stream``, one at a time, in the order given.
WriteFunction = Callable[[Iterable[Record], IO[bytes], "Feed | None", ExportOptions], None]


@attrs.frozen(kw_only=True)
class Exporter:
    """An output format, as a plugin registers it.

    ``options`` maps each format-specific option name to its default; callers
    may pass only those names to :func:`frontnews.export`. ``needs_feed``
    says that the format cannot be written without a :class:`Feed` (a feed's
    title and link): :func:`frontnews.export` then refuses to run it without
    one, with :class:`~frontnews.errors.FeedRequiredError`.
    """

    name: str
    media_type: str
    suffix: str
    write: WriteFunction = attrs.field(repr=False)
    description: str = ""
    options: Mapping[str, Any] = attrs.field(factory=dict, converter=_frozen_mapping)
    needs_feed: bool = False
