"""The record schema: one table of fields, derived from the model's ``attrs`` fields.

Every part of frontnews that needs to know the record's fields reads them
here: the canonical reader and the writer generate their code from this
table, the converter builds its hooks from it, and the exporters take their
field mappings from it. The table comes from :func:`attrs.fields` of a model
class plus the metadata that :func:`field` attaches, so adding a field to the
model is one edit: its annotation says its kind, its metadata how it is
written.

>>> from frontnews.model import Image
>>> [(f.name, f.key, f.kind.name, f.optional) for f in schema_of(Image).fields]
... # doctest: +NORMALIZE_WHITESPACE
[('url', 'url', 'TEXT', False), ('width', 'width', 'INTEGER', False),
 ('height', 'height', 'INTEGER', False), ('is_cached', 'isCached', 'BOOLEAN', True),
 ('title', 'title', 'TEXT', True)]
"""

from __future__ import annotations

import datetime as dt
import enum
import functools
import itertools
import types
import typing
from collections.abc import Callable, Iterable
from typing import Any, TypeVar

import attrs

from .extra import Extra

__all__ = [
    "METADATA_KEY",
    "Field",
    "FieldMeta",
    "Kind",
    "Schema",
    "field",
    "per_class",
    "schema_of",
    "wire_key",
]

R = TypeVar("R")

#: The key under which :func:`field` stores its :class:`FieldMeta` in ``attrs`` metadata.
METADATA_KEY = "frontnews"


class Kind(enum.Enum):
    """What a field holds, as the file writes it."""

    TEXT = "text"
    """A string: double-quoted, or plain where that reads back as the same string."""
    INTEGER = "integer"
    BOOLEAN = "boolean"
    DATETIME = "datetime"
    """A timestamp, written as ``YYYY-MM-DDTHH:MM:SSZ`` (see :mod:`frontnews.scalars`)."""
    TOKEN = "token"
    """A string wrapped in a class of its own (``secured``): always double-quoted."""
    MAPPING = "mapping"
    """A nested record class, written as an indented mapping."""
    MAPPINGS = "mappings"
    """A tuple of nested record classes, written as a block sequence of mappings."""
    TEXTS = "texts"
    """A tuple of strings, written as a block sequence; an item may be null."""


@attrs.frozen(kw_only=True)
class FieldMeta:
    """How one model attribute appears in a file, beside what its annotation says.

    - ``key``: the file's key; by default the attribute's name in camelCase.
    - ``quoted``: text is always double-quoted (otherwise plain when safe).
    - ``section``: at the top level, the field stands in a paragraph of its
      own, with a blank line before it.
    - ``wire``: ``False`` for attributes that are not front matter (the body,
      the layout).
    """

    key: str | None = None
    quoted: bool = False
    section: bool = False
    wire: bool = True


def field(
    *,
    key: str | None = None,
    quoted: bool = False,
    section: bool = False,
    wire: bool = True,
    default: Any = attrs.NOTHING,
    factory: Any = None,
    repr: bool = True,
) -> Any:
    """Declare a model attribute: :func:`attrs.field` with a :class:`FieldMeta` as its metadata.

    >>> import attrs
    >>> @attrs.frozen(kw_only=True)
    ... class Note:
    ...     text: str = field(quoted=True)
    ...     seen_at: str | None = field(key="seen", default=None)
    >>> [(f.key, f.quoted, f.optional) for f in schema_of(Note).fields]
    [('text', True, False), ('seen', False, True)]
    """
    meta = {METADATA_KEY: FieldMeta(key=key, quoted=quoted, section=section, wire=wire)}
    if factory is not None:
        return attrs.field(factory=factory, metadata=meta, repr=repr)
    return attrs.field(default=default, metadata=meta, repr=repr)


def wire_key(name: str) -> str:
    """Return the camelCase file key for a snake_case attribute name.

    >>> wire_key("cdn_amp_web_url")
    'cdnAmpWebUrl'
    """
    head, *rest = name.split("_")
    return head + "".join(part[:1].upper() + part[1:] for part in rest)


@attrs.frozen(kw_only=True)
class Field:
    """One front-matter field of a model class, as every reader and writer sees it."""

    name: str
    """The attribute's name."""
    key: str
    """The key in the file."""
    kind: Kind
    required: bool
    """The attribute has no default: a file must have the key."""
    optional: bool
    """``None`` means the key is absent (and ``None`` is never written)."""
    quoted: bool
    """Text (or each text item) is always double-quoted."""
    section: bool
    cls: type[Any] | None = None
    """The nested class, for :attr:`Kind.MAPPING` and :attr:`Kind.MAPPINGS` (and the
    wrapper class for :attr:`Kind.TOKEN`)."""
    nullable_items: bool = False
    """For :attr:`Kind.TEXTS`: an item may be null."""
    type: Any = None
    """The attribute's resolved annotation."""


@attrs.frozen(kw_only=True)
class Schema:
    """The front-matter fields of one model class, in canonical key order.

    ``extra`` names the attribute that keeps unknown keys (an
    :class:`~frontnews.extra.Extra`), if the class has one; ``extra_at`` is
    the index in ``fields`` before which unknown keys are written.
    ``extra_section`` says whether unknown keys stand in a paragraph of their
    own. ``context`` names the attributes that are not front matter (body,
    layout): readers pass them in from around the front matter.
    """

    cls: type[Any]
    fields: tuple[Field, ...]
    extra: str | None
    extra_at: int
    extra_section: bool
    context: tuple[str, ...]

    @property
    def keys(self) -> frozenset[str]:
        """Every key the class knows."""
        return frozenset(f.key for f in self.fields)

    def rank(self, key: object) -> int:
        """Where ``key`` goes in the canonical order (a smaller rank comes first).

        Known keys go by their position; unknown ones just before the field
        at ``extra_at`` (among themselves, in file order).

        >>> from frontnews import Record
        >>> schema = schema_of(Record)
        >>> schema.rank("category") < schema.rank("someUnknownKey") < schema.rank("secured")
        True
        """
        for position, f in enumerate(self.fields):
            if f.key == key and type(key) is str:
                return 2 * position
        return 2 * self.extra_at - 1

    def is_canonical_order(self, keys: Iterable[object]) -> bool:
        """Whether ``keys`` (a mapping's keys, in order) come in the canonical order."""
        ranks = [self.rank(key) for key in keys]
        return all(a <= b for a, b in itertools.pairwise(ranks))

    @property
    def nested(self) -> tuple[type[Any], ...]:
        """The nested record classes, depth first, each once, this class last."""
        found: list[type[Any]] = []
        for f in self.fields:
            if f.kind in (Kind.MAPPING, Kind.MAPPINGS) and f.cls is not None:
                for cls in schema_of(f.cls).nested:
                    if cls not in found:
                        found.append(cls)
        return (*found, self.cls)


def _strip_none(tp: Any) -> tuple[Any, bool]:
    """``X | None`` gives ``(X, True)``; anything else ``(tp, False)``."""
    if typing.get_origin(tp) in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(tp) if a is not type(None)]
        if len(args) == 1 and len(typing.get_args(tp)) == 2:
            return args[0], True
    return tp, False


_SCALARS = {str: Kind.TEXT, int: Kind.INTEGER, bool: Kind.BOOLEAN, dt.datetime: Kind.DATETIME}


def _kind(tp: Any, where: str) -> tuple[Kind, type[Any] | None, bool]:
    """Return the kind of a (non-optional) annotation, its class, and whether items may be null."""
    if tp in _SCALARS:
        return _SCALARS[tp], None, False
    if isinstance(tp, type) and getattr(tp, "__frontnews_token__", False):
        return Kind.TOKEN, tp, False
    if isinstance(tp, type) and attrs.has(tp):
        return Kind.MAPPING, tp, False
    args = typing.get_args(tp)
    if typing.get_origin(tp) is tuple and len(args) == 2 and args[1] is Ellipsis:
        item, nullable = _strip_none(args[0])
        if item is str:
            return Kind.TEXTS, None, nullable
        if isinstance(item, type) and attrs.has(item) and not nullable:
            return Kind.MAPPINGS, item, False
    raise TypeError(f"{where}: frontnews cannot read or write a field of type {tp!r}")


def _meta(attribute: attrs.Attribute[Any]) -> FieldMeta:
    meta = attribute.metadata.get(METADATA_KEY)
    return meta if isinstance(meta, FieldMeta) else FieldMeta()


def per_class(function: Callable[[type[Any]], R]) -> Callable[[type[Any]], R]:
    """Cache ``function``'s result for each class it is called with (as :func:`functools.cache`).

    Used for everything generated from a class's schema: it is made once, on
    first use.
    """
    cache: dict[type[Any], R] = {}

    @functools.wraps(function)
    def cached(cls: type[Any]) -> R:
        try:
            return cache[cls]
        except KeyError:
            result = cache[cls] = function(cls)
            return result

    return cached


@per_class
def schema_of(cls: type[Any]) -> Schema:
    """Return the schema of an ``attrs`` model class (computed once per class).

    Raises :class:`TypeError` for an annotation the record format has no
    kind for.
    """
    hints = typing.get_type_hints(cls)
    fields: list[Field] = []
    extra: str | None = None
    extra_at = -1
    extra_section = False
    context: list[str] = []
    for attribute in attrs.fields(cls):
        meta = _meta(attribute)
        tp = hints[attribute.name]
        if not meta.wire:
            context.append(attribute.name)
            continue
        if tp is Extra:
            extra, extra_at, extra_section = attribute.name, len(fields), meta.section
            continue
        inner, nullable = _strip_none(tp)
        kind, nested, nullable_items = _kind(inner, f"{cls.__name__}.{attribute.name}")
        fields.append(
            Field(
                name=attribute.name,
                key=meta.key or wire_key(attribute.name),
                kind=kind,
                required=attribute.default is attrs.NOTHING,
                optional=nullable and attribute.default is None,
                quoted=meta.quoted or kind is Kind.TOKEN,
                section=meta.section,
                cls=nested,
                nullable_items=nullable_items,
                type=tp,
            )
        )
    return Schema(
        cls=cls,
        fields=tuple(fields),
        extra=extra,
        extra_at=extra_at if extra is not None else len(fields),
        extra_section=extra_section,
        context=tuple(context),
    )
