"""Unknown keys (``extra``) as plain JSON data, the same way in every format.

:func:`plain_data` turns what PyYAML's safe loader can build (and frontnews's
frozen twins of it) into values :mod:`json` writes as they are:

- ``None``, booleans, integers, finite floats and text stay as they are;
- NaN and the infinities become their YAML spellings ``".nan"``, ``".inf"``
  and ``"-.inf"`` (JSON has no such numbers; YAML is where they came from);
- a datetime becomes RFC 3339 text (:func:`~frontnews.toolkit.rfc3339`, naive
  meaning UTC), a date ``YYYY-MM-DD``;
- bytes (YAML ``!!binary``) become base64 text;
- lists and tuples become lists; sets and frozensets become lists sorted by
  their items' compact JSON text, so that the same data gives the same bytes;
- mappings (``dict``, :class:`~frontnews.Extra`) become dicts with text keys:
  a key that is not text becomes its JSON text (``1`` -> ``"1"``, ``None`` ->
  ``"null"``), and two keys that become the same text raise
  :class:`~frontnews.ExportError` naming it, instead of one being dropped.

Anything else raises ExportError.

:func:`record_data` writes a whole record (or any part of one) as such data,
with the file's keys, from the schema (:mod:`frontnews.schema`): the shape
every JSON-carrying format uses.
"""

from __future__ import annotations

import base64
import contextlib
import datetime as dt
import json
import math
from collections.abc import Callable, Collection, Mapping
from typing import Any

from .._codegen import Source
from ..errors import ExportError
from ..schema import Field, Kind, schema_of
from .dates import rfc3339

__all__ = ["plain_data", "plain_data_at", "record_data", "record_data_function"]

_compact = json.JSONEncoder(
    ensure_ascii=False, separators=(",", ":"), sort_keys=True, allow_nan=False
).encode


def plain_data(value: Any) -> Any:
    """Return ``value`` (YAML data, thawed or frozen) as JSON-compatible plain data.

    >>> import datetime as dt, json
    >>> from frontnews import Extra
    >>> data = plain_data(Extra({"when": dt.datetime(2021, 1, 26, 18, 47), 1: b"hi",
    ...                          "tags": frozenset({"b", "a"}), "odd": float("nan")}))
    >>> data
    {'when': '2021-01-26T18:47:00Z', '1': 'aGk=', 'tags': ['a', 'b'], 'odd': '.nan'}
    >>> json.dumps(data)
    '{"when": "2021-01-26T18:47:00Z", "1": "aGk=", "tags": ["a", "b"], "odd": ".nan"}'
    """
    if value is None or isinstance(value, str | bool | int):
        return value
    if isinstance(value, float):
        if math.isfinite(value):
            return value
        return ".nan" if math.isnan(value) else (".inf" if value > 0 else "-.inf")
    if isinstance(value, dt.datetime):
        return rfc3339(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, bytes):
        return base64.b64encode(value).decode("ascii")
    if isinstance(value, list | tuple):
        return [plain_data(v) for v in value]
    if isinstance(value, set | frozenset):
        return sorted((plain_data(v) for v in value), key=_compact)
    if isinstance(value, Mapping):
        out: dict[str, Any] = {}
        for key, item in value.items():
            name = _key(key)
            if name in out:
                raise ExportError(f"two keys of one mapping both become {name!r} in JSON")
            try:
                out[name] = plain_data(item)
            except ExportError as exc:
                raise _within(name, exc) from None
        return out
    raise ExportError(f"cannot write a value of type {type(value).__name__} as JSON data")


def plain_data_at(value: Any, path: str) -> Any:
    """:func:`plain_data`, with an error's message naming the field ``path`` first.

    >>> plain_data_at({1: "a", "1": "b"}, "extra")
    Traceback (most recent call last):
      ...
    frontnews.errors.ExportError: extra: two keys of one mapping both become '1' in JSON
    """
    try:
        return plain_data(value)
    except ExportError as exc:
        raise _within(path, exc) from None


def _within(name: str, exc: ExportError) -> ExportError:
    """``exc`` as the enclosing mapping sees it: its message starts with the key path."""
    text = str(exc)
    head, sep, rest = text.partition(": ")
    if sep and not head.count(" "):  # already "path: reason"
        return ExportError(f"{name}.{head}: {rest}")
    return ExportError(f"{name}: {text}")


def _key(key: Any) -> str:
    if isinstance(key, str):
        return key
    plain = plain_data(key)
    return plain if isinstance(plain, str) else _compact(plain)


def record_data(
    obj: Any, *, include_secured: bool = False, exclude: Collection[str] = ()
) -> dict[str, Any]:
    """Return a record (or a provider, image, related article) as plain JSON data.

    Keys are the file's keys, in the file's order; optional fields that are
    ``None`` are left out; timestamps are RFC 3339 text
    (:func:`~frontnews.toolkit.rfc3339`); lists are lists; unknown keys are
    in an ``"extra"`` object (:func:`plain_data`) when there are any. The
    ``secured`` token is left out unless ``include_secured`` is true; the body
    and the layout are not front matter and never included. ``exclude``
    names top-level attributes to leave out.

    >>> from frontnews import Extra, Provider
    >>> record_data(Provider(name="Amnesty UK", domain="amnesty.org.uk", extra=Extra({"x": 1})))
    {'name': 'Amnesty UK', 'domain': 'amnesty.org.uk', 'extra': {'x': 1}}
    """
    function = _data_function(type(obj), frozenset(exclude), include_secured)
    return function(obj)


def record_data_function(
    cls: type[Any], *, include_secured: bool = False, exclude: Collection[str] = ()
) -> Callable[[Any], dict[str, Any]]:
    """Return the function :func:`record_data` runs for instances of ``cls``, to call in a loop.

    >>> from frontnews import Image
    >>> as_data = record_data_function(Image)
    >>> as_data(Image(url="https://example.org/a.png", width=4, height=3))
    {'url': 'https://example.org/a.png', 'width': 4, 'height': 3}
    """
    return _data_function(cls, frozenset(exclude), include_secured)


# The functions are generated from the schema, once per class, excluded names
# and secured choice, as the writer's are: one statement per field, no
# per-field dispatch at run time.
_FUNCTIONS: dict[tuple[type[Any], frozenset[str], bool], Callable[[Any], dict[str, Any]]] = {}
_NONE: frozenset[str] = frozenset()


def _data_function(
    cls: type[Any], exclude: frozenset[str], secured: bool
) -> Callable[[Any], dict[str, Any]]:
    key = (cls, exclude, secured)
    function = _FUNCTIONS.get(key)
    if function is None:
        function = _FUNCTIONS[key] = _generate(cls, exclude, secured)
    return function


def _expression(f: Field, secured: bool, namespace: dict[str, Any]) -> str:
    """Python source giving the plain data of ``value``, the (non-None) value of ``f``."""
    if f.kind is Kind.DATETIME:
        return "rfc3339(value)"
    if f.kind is Kind.TOKEN:
        return "value.text"
    if f.kind is Kind.TEXTS:
        return "list(value)"
    if f.kind in (Kind.MAPPING, Kind.MAPPINGS):
        assert f.cls is not None
        name = f"data_{f.cls.__name__}"
        namespace[name] = _data_function(f.cls, _NONE, secured)
        return f"{name}(value)" if f.kind is Kind.MAPPING else f"[{name}(i) for i in value]"
    return "value"


def _guarded(out: Source, statement: str, key: str) -> None:
    """Emit ``statement``; an ExportError it raises names the field (``key``) first."""
    out("try:")
    with out.indented():
        out(statement)
    out("except ExportError as exc:")
    with out.indented():
        out(f"raise within({key!r}, exc) from None")


def _generate(cls: type[Any], exclude: frozenset[str], secured: bool) -> Any:
    schema = schema_of(cls)
    namespace: dict[str, Any] = {
        "rfc3339": rfc3339,
        "plain_data": plain_data,
        "ExportError": ExportError,
        "within": _within,
    }
    out = Source()
    name = f"data_{cls.__name__}"
    out(f"def {name}(obj):")
    with out.indented():
        out("out = {}")
        for f in schema.fields:
            if f.name in exclude or (f.kind is Kind.TOKEN and not secured):
                continue
            out(f"value = obj.{f.name}")
            if f.optional:
                out("if value is not None:")
            with out.indented() if f.optional else contextlib.nullcontext():
                _guarded(out, f"out[{f.key!r}] = {_expression(f, secured, namespace)}", f.key)
        if schema.extra is not None:
            out(f"if obj.{schema.extra}:")
            with out.indented():
                _guarded(out, f"out['extra'] = plain_data(obj.{schema.extra})", "extra")
        out("return out")
    return out.define(name, namespace, f"record data {name}")
