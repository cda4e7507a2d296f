"""The one cattrs converter between front-matter data and the model (as ``cattrs.preconf``).

Its hooks are built from the schema (:mod:`frontnews.schema`). Structuring is
strict: a string is never turned into a number, a number into a string, or a
string into a list of characters. Keys a class does not know go to its
``extra`` mapping, in order. Every failure is a :class:`~frontnews.SchemaError`
whose ``problems`` name each bad field by its path (``related[2].quality``);
the reader adds the file and the lines. Unstructuring gives the mapping
PyYAML's safe loader builds for the canonical file, in canonical key order.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Callable, Mapping
from typing import Any, TypeVar, get_args

import attrs
import cattrs

from .errors import SchemaError
from .extra import Extra, thaw
from .model import Layout, Record
from .schema import schema_of

__all__ = [
    "MismatchError",
    "configure_converter",
    "converter",
    "from_dict",
    "make_converter",
    "to_dict",
]

T = TypeVar("T")


class MismatchError(TypeError):
    """A value has the wrong type for its field."""


def _describe(value: object) -> str:
    text = repr(value)
    if len(text) > 40:
        text = text[:37] + "..."
    return f"{type(value).__name__} {text}"


def _mismatch(expected: str, value: object) -> MismatchError:
    return MismatchError(f"expected {expected}, got {_describe(value)}")


def _structure_str(value: object, _: object) -> str:
    if type(value) is str:
        return value
    raise _mismatch("a string", value)


def _structure_int(value: object, _: object) -> int:
    if type(value) is int:
        return value
    raise _mismatch("an integer", value)


def _structure_bool(value: object, _: object) -> bool:
    if type(value) is bool:
        return value
    raise _mismatch("true or false", value)


def _structure_datetime(value: object, _: object) -> dt.datetime:
    """A timestamp as YAML reads it: a ``datetime``, never text (that would be a conversion)."""
    if isinstance(value, dt.datetime):
        return value
    if isinstance(value, dt.date):
        raise MismatchError(
            f"expected a date and time such as 2021-01-26T18:47:00Z, got the date {value} "
            "with no time"
        )
    raise _mismatch("a date and time such as 2021-01-26T18:47:00Z", value)


# An ISO 8601 date and time as YAML's timestamp writes it: "T", "t" or spaces between
# date and time (datetime.fromisoformat alone would take any character there).
_ISO_TIMESTAMP = re.compile(
    r"([0-9]{4}-[0-9]{2}-[0-9]{2})(?:[Tt]| +)([0-9]{2}:[0-9]{2}:[0-9]{2}(?:\.[0-9]{1,6})?)"
    r" *([Zz]|[-+][0-9]{2}:[0-9]{2})?"
)


def _structure_datetime_or_iso(value: object, tp: object) -> dt.datetime:
    """For plain data (``from_dict``): a ``datetime``, or ISO 8601 text in YAML's shape."""
    match = _ISO_TIMESTAMP.fullmatch(value) if isinstance(value, str) else None
    if match is None:
        return _structure_datetime(value, tp)
    date, time, zone = match.groups()
    if zone in ("Z", "z"):
        zone = "+00:00"
    try:
        return dt.datetime.fromisoformat(f"{date}T{time}{zone or ''}")
    except ValueError:
        raise _mismatch("a date and time such as 2021-01-26T18:47:00Z", value) from None


def _is_token(tp: Any) -> bool:
    return isinstance(tp, type) and bool(getattr(tp, "__frontnews_token__", False))


def _token_hook(tp: Any, _conv: cattrs.Converter) -> Callable[[object, object], Any]:
    def structure_token(value: object, _: object) -> Any:
        if type(value) is str:
            return tp(value)
        if isinstance(value, tp):
            return value
        # The value is not shown: it may hold the token, which no message repeats.
        raise MismatchError(
            f"expected the {tp.__name__.lower()} token as a string, got {type(value).__name__}"
        )

    return structure_token


def _structure_extra(value: object, _: object) -> Extra:
    if isinstance(value, Mapping):
        return value if isinstance(value, Extra) else Extra(value)
    raise _mismatch("a mapping", value)


def _structure_layout(value: object, _: object) -> Layout:
    if isinstance(value, Layout):
        return value
    raise _mismatch("a Layout", value)


def _is_homogeneous_tuple(tp: Any) -> bool:
    args = get_args(tp)
    return getattr(tp, "__origin__", None) is tuple and len(args) == 2 and args[1] is Ellipsis


def _tuple_hook(tp: Any, conv: cattrs.Converter) -> Callable[[object, object], tuple[Any, ...]]:
    (item_type, _ellipsis) = get_args(tp)
    item_hook = conv.get_structure_hook(item_type)

    def structure_tuple(value: object, _: object) -> tuple[Any, ...]:
        if type(value) is not list and type(value) is not tuple:
            raise _mismatch("a list", value)
        items = []
        problems: list[SchemaError] = []
        for index, item in enumerate(value):
            try:
                items.append(item_hook(item, item_type))
            except SchemaError as exc:
                problems.extend(exc.within(index))
            except MismatchError as exc:
                problems.append(SchemaError(str(exc), path=(index,)))
        if problems:
            raise SchemaError.of(problems)
        return tuple(items)

    return structure_tuple


def _class_structure_hook(
    cls: type[T], conv: cattrs.Converter, *, null_is_absent: bool = False
) -> Callable[[object, object], T]:
    """Build the structure hook of a model class from its schema.

    An optional field's key with a null value is refused (a file leaves the
    key out, and writing the record back would drop it), unless
    ``null_is_absent``, for data that came through JSON.
    """
    schema = schema_of(cls)
    entries = [(f.key, f.name, f.required, f.optional) for f in schema.fields]
    hooks = [(conv.get_structure_hook(f.type), f.type) for f in schema.fields]
    known = schema.keys
    extra = schema.extra

    def structure_class(value: object, _: object) -> T:
        if type(value) is not dict:
            if not isinstance(value, Mapping):
                raise SchemaError(f"expected a mapping, got {_describe(value)}")
            value = dict(value)
        kwargs: dict[str, Any] = {}
        problems: list[SchemaError] = []
        for (key, name, required, optional), (hook, tp) in zip(entries, hooks, strict=True):
            if key in value and value[key] is None and optional:
                if not null_is_absent:
                    problems.append(SchemaError(_NULL, path=(key,)))
            elif key in value:
                try:
                    kwargs[name] = hook(value[key], tp)
                except SchemaError as exc:
                    problems.extend(exc.within(key))
                except MismatchError as exc:
                    problems.append(SchemaError(str(exc), path=(key,)))
            elif required:
                problems.append(SchemaError("missing required field", path=(key,)))
        if not known.issuperset(value):
            unknown = {k: v for k, v in value.items() if k not in known}
            if extra is not None:
                kwargs[extra] = Extra(unknown)
            else:
                problems.extend(SchemaError("unknown key", path=(k,)) for k in unknown)
        if problems:
            raise SchemaError.of(problems)
        return cls(**kwargs)

    return structure_class


_NULL = "null: an optional key with no value is left out of the file, not written as null"


def _class_unstructure_hook(cls: type[Any], conv: cattrs.Converter) -> Callable[[Any], Any]:
    """Build the unstructure hook of a model class: file keys, in file order, extras in place."""
    schema = schema_of(cls)
    spec = [(f.name, f.key, f.optional) for f in schema.fields]
    extra, extra_at = schema.extra, schema.extra_at
    unstructure = conv.unstructure

    def unstructure_class(obj: Any) -> dict[Any, Any]:
        out: dict[Any, Any] = {}
        for position, (name, key, optional) in enumerate(spec):
            if position == extra_at and extra is not None:
                out.update(thaw(getattr(obj, extra)))
            value = getattr(obj, name)
            if value is None and optional:
                continue
            out[key] = unstructure(value)
        if extra_at == len(spec) and extra is not None:
            out.update(thaw(getattr(obj, extra)))
        return out

    return unstructure_class


def _is_model(tp: Any) -> bool:
    """A record class: any ``attrs`` class but the tokens and the layout (hooks of their own)."""
    return isinstance(tp, type) and attrs.has(tp) and tp is not Layout and not _is_token(tp)


def configure_converter(conv: cattrs.Converter, *, lenient: bool = False) -> None:
    """Teach ``conv`` the record format: strict scalars, file keys, unknown keys kept.

    Any model class (:mod:`frontnews.schema`) gets hooks built from its schema
    on first use, not only :class:`~frontnews.Record` and its parts. With
    ``lenient``, for data that came through JSON, a timestamp may also be
    ISO 8601 text and a null optional field is absent; reading a file
    converts nothing, and refuses a null optional field.
    """
    conv.register_structure_hook(str, _structure_str)
    conv.register_structure_hook(int, _structure_int)
    conv.register_structure_hook(bool, _structure_bool)
    conv.register_structure_hook(
        dt.datetime, _structure_datetime_or_iso if lenient else _structure_datetime
    )
    conv.register_structure_hook(Extra, _structure_extra)
    conv.register_structure_hook(Layout, _structure_layout)
    conv.register_structure_hook_factory(
        _is_model, functools.partial(_class_structure_hook, null_is_absent=lenient)
    )
    conv.register_structure_hook_factory(_is_token, _token_hook)
    conv.register_structure_hook_factory(_is_homogeneous_tuple, _tuple_hook)
    conv.register_unstructure_hook_factory(_is_model, _class_unstructure_hook)
    conv.register_unstructure_hook_func(_is_token, lambda token: token.text)
    conv.register_unstructure_hook(Extra, thaw)
    conv.register_unstructure_hook(dt.datetime, lambda d: d)
    conv.register_unstructure_hook(tuple, lambda t: [conv.unstructure(x) for x in t])


def make_converter(*, lenient: bool = False, **kwargs: Any) -> cattrs.Converter:
    """Return a new converter for the record format; ``kwargs`` go to :class:`cattrs.Converter`."""
    conv = cattrs.Converter(**kwargs)
    configure_converter(conv, lenient=lenient)
    return conv


#: The default converter, used by :func:`to_dict` and :func:`from_dict`.
converter = make_converter()
#: The converter of :func:`from_dict`: ISO 8601 text for timestamps, null for absent.
_data_converter = make_converter(lenient=True)


def to_dict(record: Record) -> dict[str, Any]:
    """Return the front matter as the mapping PyYAML's safe loader gives, in canonical order.

    Keys are the file's camelCase keys; absent optional fields are left out,
    ``secured`` is its text, and unknown keys are included. The body and the
    layout are not front matter, so they are not in the mapping.

    >>> import datetime as dt
    >>> from frontnews import Provider, Record, Secured, to_dict
    >>> record = Record(
    ...     category="news",
    ...     title="Ban the scan",
    ...     excerpt="",
    ...     published_date_time=dt.datetime(2021, 1, 26, 18, 47),
    ...     type="article",
    ...     provider=Provider(name="Amnesty UK", domain="amnesty.org.uk"),
    ...     topics=("AI",),
    ...     secured=Secured("41wbFnSignedTokenText=="),
    ...     body="Text after the front matter.",
    ... )
    >>> data = to_dict(record)
    >>> list(data)
    ['category', 'title', 'excerpt', 'publishedDateTime', 'type', 'provider', 'topics', 'secured']
    >>> data["provider"], data["topics"], data["secured"]
    ({'name': 'Amnesty UK', 'domain': 'amnesty.org.uk'}, ['AI'], '41wbFnSignedTokenText==')
    """
    result: dict[str, Any] = converter.unstructure(record)
    return result


def from_dict(
    mapping: Mapping[str, Any], *, body: str = "", layout: Layout | None = None
) -> Record:
    """Build a record from a front-matter mapping, checking every field.

    Raises :class:`~frontnews.SchemaError` naming the field path of the first
    problem (its ``problems`` list them all). Nothing is converted: ``"38"``
    is not an integer. A timestamp may be a ``datetime`` or ISO 8601 text in
    the shape YAML writes (``2021-01-26T18:47:00Z``, ``2021-01-26 18:47:00``),
    and an optional field may be ``None`` (absent), as data that came through
    JSON has them; reading a file, a quoted date is text and a null optional
    field is refused.

    >>> from frontnews import from_dict
    >>> data = {
    ...     "category": "news",
    ...     "title": "Ban the scan",
    ...     "excerpt": "",
    ...     "publishedDateTime": "2021-01-26T18:47:00Z",
    ...     "type": "article",
    ...     "quality": 38,
    ...     "provider": {"name": "Amnesty UK", "domain": "amnesty.org.uk"},
    ...     "topics": ["AI"],
    ...     "secured": "41wbFnSignedTokenText==",
    ... }
    >>> record = from_dict(data, body="Text after the front matter.")
    >>> record.published_date_time
    datetime.datetime(2021, 1, 26, 18, 47, tzinfo=datetime.timezone.utc)
    >>> record.topics, record.body
    (('AI',), 'Text after the front matter.')
    >>> from_dict({**data, "quality": "38"})
    Traceback (most recent call last):
      ...
    frontnews.errors.SchemaError: <string>: quality: expected an integer, got str '38'
    """
    record: Record = _data_converter.structure(mapping, Record)
    if body or layout is not None:
        record = attrs.evolve(record, body=body, layout=layout or record.layout)
    return record
