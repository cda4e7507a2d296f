"""The one cattrs converter between YAML data and the model, in the manner of ``cattrs.preconf``.

Structuring is strict: a string is never turned into a number, a number into
a string, or a string into a list of characters. Keys a class does not know
go to its ``extra`` mapping, in order. Unstructuring gives the mapping PyYAML's
safe loader builds for the canonical file, in canonical key order.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from typing import Any, TypeVar, get_args

import attrs
import cattrs
from cattrs.errors import IterableValidationError, IterableValidationNote
from cattrs.gen import make_dict_structure_fn, override

from .extra import Extra, thaw
from .model import Image, Layout, Provider, Record, RelatedArticle, Secured

__all__ = [
    "BODY_KEY",
    "LAYOUT_KEY",
    "MismatchError",
    "configure_converter",
    "converter",
    "file_key",
    "make_converter",
]

T = TypeVar("T")

#: Keys that carry the body and the layout into structuring. They hold a NUL,
#: which no YAML key read by frontnews can contain, so a file cannot forge them.
BODY_KEY = "\x00body"
LAYOUT_KEY = "\x00layout"
_EXTRA_KEY = "\x00extra"
_NOT_IN_FILE = ("extra", "body", "layout")


class MismatchError(TypeError):
    """A value has the wrong type for its field."""


def file_key(name: str) -> str:
    """Return the file's camelCase key for a snake_case attribute name."""
    head, *rest = name.split("_")
    return head + "".join(part[:1].upper() + part[1:] for part in rest)


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
    if isinstance(value, dt.datetime):
        return value
    if isinstance(value, str):
        text = value[:-1] + "+00:00" if value[-1:] in ("Z", "z") else value
        try:
            return dt.datetime.fromisoformat(text)
        except ValueError:
            pass
    elif isinstance(value, dt.date):
        raise MismatchError(
            f"expected a date and time such as 2021-01-26T18:47:00Z, got the date {value} "
            "with no time"
        )
    raise _mismatch("a date and time such as 2021-01-26T18:47:00Z", value)


def _structure_secured(value: object, _: object) -> Secured:
    if type(value) is str:
        return Secured(value)
    if isinstance(value, Secured):
        return value
    raise _mismatch("the secured token as a string", value)


def _structure_extra(value: object, _: object) -> Extra:
    if isinstance(value, Mapping):
        return value if isinstance(value, Extra) else Extra(value)
    raise _mismatch("a mapping", value)


def _structure_layout(value: object, _: object) -> Layout:
    if isinstance(value, Layout):
        return value
    raise _mismatch("a Layout", value)


def _tuple_hook_factory(
    tp: Any, conv: cattrs.Converter
) -> Callable[[object, object], tuple[Any, ...]]:
    (item_type, _ellipsis) = get_args(tp)
    item_hook = conv.get_structure_hook(item_type)

    def structure_tuple(value: object, _: object) -> tuple[Any, ...]:
        if type(value) is not list and type(value) is not tuple:
            raise _mismatch("a list", value)
        items = []
        errors: list[Exception] = []
        for index, item in enumerate(value):
            try:
                items.append(item_hook(item, item_type))
            except Exception as exc:
                exc.add_note(
                    IterableValidationNote(f"Structuring item @ index {index}", index, item_type)
                )
                errors.append(exc)
        if errors:
            raise IterableValidationError(f"While structuring {tp!r}", errors, tp)
        return tuple(items)

    return structure_tuple


def _is_homogeneous_tuple(tp: Any) -> bool:
    args = get_args(tp)
    return getattr(tp, "__origin__", None) is tuple and len(args) == 2 and args[1] is Ellipsis


def _class_structure_hook(cls: type[T], conv: cattrs.Converter) -> Callable[[object, object], T]:
    names = [f.name for f in attrs.fields(cls)]  # type: ignore[arg-type]
    overrides: dict[str, Any] = {
        n: override(rename=file_key(n)) for n in names if n not in _NOT_IN_FILE
    }
    overrides["extra"] = override(rename=_EXTRA_KEY)
    if cls is Record:
        overrides["body"] = override(rename=BODY_KEY)
        overrides["layout"] = override(rename=LAYOUT_KEY)
    known = frozenset(o.rename for o in overrides.values())
    inner = make_dict_structure_fn(cls, conv, _cattrs_detailed_validation=True, **overrides)

    def structure_class(value: object, _: object) -> T:
        if type(value) is not dict:
            if not isinstance(value, Mapping):
                raise _mismatch("a mapping", value)
            value = dict(value)
        if not known.issuperset(value):
            data = {k: v for k, v in value.items() if k in known}
            data[_EXTRA_KEY] = Extra({k: v for k, v in value.items() if k not in known})
            value = data
        return inner(value, cls)

    return structure_class


def _class_unstructure_hook(
    cls: type[Any], conv: cattrs.Converter
) -> Callable[[Any], dict[Any, Any]]:
    spec = [
        (f.name, file_key(f.name), f.default is None)
        for f in attrs.fields(cls)
        if f.name not in _NOT_IN_FILE
    ]
    extras_before = "secured" if cls is Record else None
    unstructure = conv.unstructure

    def unstructure_class(obj: Any) -> dict[Any, Any]:
        out: dict[Any, Any] = {}
        for name, key, optional in spec:
            value = getattr(obj, name)
            if value is None and optional:
                continue
            if key == extras_before and obj.extra:
                out.update(thaw(obj.extra))
            out[key] = unstructure(value)
        if extras_before is None and obj.extra:
            out.update(thaw(obj.extra))
        return out

    return unstructure_class


def configure_converter(conv: cattrs.Converter) -> None:
    """Teach ``conv`` the record format: strict scalars, camelCase keys, unknown keys kept."""
    conv.register_structure_hook(str, _structure_str)
    conv.register_structure_hook(int, _structure_int)
    conv.register_structure_hook(bool, _structure_bool)
    conv.register_structure_hook(dt.datetime, _structure_datetime)
    conv.register_structure_hook(Secured, _structure_secured)
    conv.register_structure_hook(Extra, _structure_extra)
    conv.register_structure_hook(Layout, _structure_layout)
    conv.register_structure_hook_factory(_is_homogeneous_tuple, _tuple_hook_factory)
    for cls in (Image, Provider, RelatedArticle, Record):
        conv.register_structure_hook(cls, _class_structure_hook(cls, conv))

    conv.register_unstructure_hook(Secured, lambda s: s.text)
    conv.register_unstructure_hook(Extra, thaw)
    conv.register_unstructure_hook(dt.datetime, lambda d: d)
    conv.register_unstructure_hook(tuple, lambda t: [conv.unstructure(x) for x in t])
    for cls in (Image, Provider, RelatedArticle, Record):
        conv.register_unstructure_hook(cls, _class_unstructure_hook(cls, conv))


def make_converter(**kwargs: Any) -> cattrs.Converter:
    """Return a new converter for the record format; ``kwargs`` go to :class:`cattrs.Converter`."""
    kwargs.setdefault("detailed_validation", True)
    conv = cattrs.Converter(**kwargs)
    configure_converter(conv)
    return conv


#: The default converter, used by :func:`frontnews.to_dict` and :func:`frontnews.from_dict`.
converter = make_converter()
