"""The plugin contract: what an exporter or an importer is given and what it promises.

Every exporter, built in or third-party, is an :class:`Exporter`; its
``write`` function receives the records, a binary stream, the :class:`Feed`
and the :class:`ExportOptions`. Every importer is an :class:`Importer`; its
``read`` function receives a binary stream and the :class:`ImportOptions`
and yields records. Both declare their format-specific options as
:class:`Option` values. This module imports nothing of the plugin
machinery, so that plugins and :mod:`frontnews.plugins` both build on it;
:func:`frontnews.export` runs an exporter on top of it.
"""

from __future__ import annotations

import builtins
from collections.abc import Callable, Iterable, Mapping
from types import MappingProxyType
from typing import IO, Any

import attrs

from .model import Record

__all__ = [
    "ExportOptions",
    "Exporter",
    "Feed",
    "ImportOptions",
    "Importer",
    "Option",
    "ReadFunction",
    "WriteFunction",
]


def _tuple(value: Iterable[Any]) -> tuple[Any, ...]:
    """A converter mypy can type (``converter=tuple`` makes every argument an error)."""
    return tuple(value)


def _frozen_mapping(value: Mapping[str, Any]) -> Mapping[str, Any]:
    return MappingProxyType(dict(value))


@attrs.frozen(kw_only=True)
class Option:
    """One format-specific option of an exporter or importer, as it declares it.

    ``type`` is what the value must be (``bool``, ``int``, ``float`` or
    ``str``); a value given as text (``-O name=value`` on the command line)
    is converted to it, and a value of another type is refused with
    :class:`~frontnews.errors.OptionValueError`. ``choices``, when given,
    lists the only values allowed. ``help`` is one line for
    ``frontnews formats``.

    >>> Option(default=True, help="Write a byte order mark.").type
    <class 'bool'>
    """

    default: Any
    help: str = ""
    type: builtins.type[Any] = attrs.field()
    choices: tuple[Any, ...] = attrs.field(default=(), converter=_tuple)

    @type.default
    def _type_of_default(self) -> builtins.type[Any]:
        return builtins.type(self.default) if self.default is not None else str


def _options(value: Mapping[str, Any]) -> Mapping[str, Option]:
    """Accept ``{name: Option}`` or, as in frontnews 0.1, ``{name: default}``."""
    return MappingProxyType(
        {
            name: option if isinstance(option, Option) else Option(default=option)
            for name, option in value.items()
        }
    )


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
    #: The image of the channel (RSS ``image``, Atom ``logo``, JSON Feed ``icon``
    #: when ``icon`` is not given); ``icon`` is a small square one (a favicon).
    image: str | None = None
    copyright: str | None = None
    #: Minutes a reader may cache the feed (RSS ``ttl``).
    ttl: int | None = None
    #: WebSub hubs the feed is announced to.
    hubs: tuple[str, ...] = attrs.field(default=(), converter=_tuple)
    #: The address of an XSLT stylesheet, written as an ``xml-stylesheet``
    #: processing instruction by the XML formats.
    stylesheet: str | None = None
    #: RFC 5005 links to other pages of the same feed, by relation
    #: (``first``, ``last``, ``next``, ``previous``, ``prev-archive``,
    #: ``next-archive``, ``current``): ``{"next": "https://.../feed-2.xml"}``.
    pages: Mapping[str, str] = attrs.field(factory=dict, converter=_frozen_mapping)


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

    ``options`` maps each format-specific option name to its :class:`Option`
    (a plain default, as in frontnews 0.1, is taken as an ``Option`` of that
    default's type); callers may pass only those names to
    :func:`frontnews.export`. ``needs_feed`` says that the format cannot be
    written without a :class:`Feed` (a feed's title and link):
    :func:`frontnews.export` then refuses to run it without one, with
    :class:`~frontnews.errors.FeedRequiredError`. ``binary`` says that the
    output is not text (Parquet): the command line refuses to write it to a
    terminal.
    """

    name: str
    media_type: str
    suffix: str
    write: WriteFunction = attrs.field(repr=False)
    description: str = ""
    options: Mapping[str, Option] = attrs.field(factory=dict, converter=_options)
    needs_feed: bool = False
    binary: bool = False

    @property
    def defaults(self) -> Mapping[str, Any]:
        """Each option's default value, by name."""
        return {name: option.default for name, option in self.options.items()}


@attrs.frozen(kw_only=True)
class ImportOptions:
    """What the caller asked of one import.

    ``source`` names what is read (a path or a URL), for error messages and
    for formats that resolve relative links. ``params`` holds the
    format-specific options, checked against :attr:`Importer.options` and
    completed with their defaults.
    """

    source: str = "<stream>"
    params: Mapping[str, Any] = attrs.field(factory=dict, converter=_frozen_mapping)


#: ``read(stream, options)``: yield the records found in the binary ``stream``,
#: in the order they come. An entry that cannot become a record raises
#: :class:`~frontnews.errors.SourceError` naming the source and the entry.
ReadFunction = Callable[[IO[bytes], ImportOptions], Iterable[Record]]


@attrs.frozen(kw_only=True)
class Importer:
    """An input format, as a plugin registers it: the mirror of :class:`Exporter`.

    ``suffixes`` are the file name endings the format is guessed from
    (``(".xml", ".rss")``); ``media_types`` the media types it reads.
    """

    name: str
    read: ReadFunction = attrs.field(repr=False)
    suffixes: tuple[str, ...] = attrs.field(default=(), converter=_tuple)
    media_types: tuple[str, ...] = attrs.field(default=(), converter=_tuple)
    description: str = ""
    options: Mapping[str, Option] = attrs.field(factory=dict, converter=_options)

    @property
    def defaults(self) -> Mapping[str, Any]:
        """Each option's default value, by name."""
        return {name: option.default for name, option in self.options.items()}
