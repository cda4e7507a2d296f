"""Format options: each value checked against the :class:`~frontnews.Option` its format declares.

:func:`check_params` is the one check every export (and any importer) runs
on the options a caller passes from Python; :func:`params_from_text`
converts the text of ``-O KEY=VALUE`` on the command line to the declared
types first. Both raise :class:`~frontnews.UnknownOptionError` or
:class:`~frontnews.OptionValueError`, naming the format, the option and
what it takes.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Mapping
from typing import Any

from .contract import Option
from .errors import OptionValueError, UnknownOptionError

__all__ = ["check_params", "describe_type", "params_from_text"]

_TRUE = frozenset({"true", "yes", "on", "1"})
_FALSE = frozenset({"false", "no", "off", "0"})
_NONE = frozenset({"none", "null"})


def _bool(text: str) -> bool:
    word = text.strip().lower()
    if word in _TRUE:
        return True
    if word in _FALSE:
        return False
    raise ValueError(text)


def _float(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise ValueError(text)
    return value


def _datetime(text: str) -> dt.datetime:
    stripped = text.strip()
    if stripped[-1:] in ("Z", "z"):
        stripped = stripped[:-1] + "+00:00"
    return dt.datetime.fromisoformat(stripped)


#: How the text of ``-O KEY=VALUE`` becomes each declared type.
_FROM_TEXT: Mapping[type, Callable[[str], Any]] = {
    bool: _bool,
    int: lambda text: int(text.strip()),
    float: _float,
    str: str,
    object: str,
    dt.datetime: _datetime,
}
#: How each declared type is named in messages and by ``frontnews formats``.
_TYPE_NAMES: Mapping[type, str] = {
    bool: "true or false",
    int: "a whole number",
    float: "a number",
    str: "text",
    object: "any value",
    dt.datetime: "an ISO 8601 date-time",
}


def describe_type(option: Option) -> str:
    """Say in a few words what ``option`` takes: ``"true or false"``, ``"one of zstd, snappy"``.

    >>> from frontnews import Option
    >>> describe_type(Option(default=10, help="Rows per batch."))
    'a whole number'
    >>> describe_type(Option(default="zstd", choices=("zstd", "none")))
    "one of 'zstd', 'none'"
    >>> describe_type(Option(default=None, type=int))
    'a whole number or none'
    >>> describe_type(Option(default=None, type=str))
    'text'
    """
    if option.choices:
        return "one of " + ", ".join(repr(choice) for choice in option.choices)
    name = _TYPE_NAMES.get(option.type, option.type.__name__)
    nullable = option.default is None and option.type not in (str, object)
    return f"{name} or none" if nullable else name


def _accepts(option: Option, value: Any) -> bool:
    """Whether ``value`` is of the declared type (a bool is no number; an int is a float)."""
    kind = option.type
    if kind is object:
        return True
    if value is None:
        return option.default is None
    if isinstance(value, bool) and kind is not bool:
        return False
    if kind is float and isinstance(value, int):
        return True
    return isinstance(value, kind)


def _check_one(format: str, name: str, option: Option, value: Any) -> None:
    if not _accepts(option, value) or (option.choices and value not in option.choices):
        raise OptionValueError(format, name, value, describe_type(option))


def _check_names(format: str, options: Mapping[str, Option], params: Mapping[str, Any]) -> None:
    unknown = sorted(set(params) - set(options))
    if unknown:
        raise UnknownOptionError(format, unknown, sorted(options))


def check_params(
    format: str, options: Mapping[str, Option], params: Mapping[str, Any]
) -> dict[str, Any]:
    """Check ``params`` against the declared ``options``; return them completed with defaults.

    ``format`` names the exporter or importer in the errors: an unknown name
    raises :class:`~frontnews.UnknownOptionError`, a value that is not of the
    option's ``type`` (``None`` is allowed where the default is ``None``) or
    not among its ``choices`` raises :class:`~frontnews.OptionValueError`.

    >>> from frontnews import Option
    >>> options = {"bom": Option(default=False, help="Write a byte order mark.")}
    >>> check_params("csv", options, {})
    {'bom': False}
    >>> check_params("csv", options, {"bom": "yes"})
    Traceback (most recent call last):
      ...
    frontnews.errors.OptionValueError: csv: option bom must be true or false, not 'yes'
    """
    _check_names(format, options, params)
    for name, value in params.items():
        _check_one(format, name, options[name], value)
    return {**{name: option.default for name, option in options.items()}, **params}


def params_from_text(
    format: str, options: Mapping[str, Option], texts: Mapping[str, str]
) -> dict[str, Any]:
    """Convert option values given as text (``-O KEY=VALUE``) to their types, and check them.

    ``true``/``false`` (also ``yes``/``no``, ``on``/``off``, ``1``/``0``) for a
    switch, digits for a whole number, ISO 8601 for a date-time; text stays
    text, so ``publication_name=2024`` is the string ``"2024"``. ``none`` (or
    ``null``) gives ``None`` to a non-text option whose default is ``None``,
    and to an unchecked (``object``) option, which otherwise gets the text.
    Returns only the options given; raises like :func:`check_params`.

    >>> from frontnews import Option
    >>> options = {"batch_size": Option(default=10_000), "name": Option(default="")}
    >>> params_from_text("parquet", options, {"batch_size": "500", "name": "2024"})
    {'batch_size': 500, 'name': '2024'}
    >>> params_from_text("parquet", options, {"batch_size": "many"})
    Traceback (most recent call last):
      ...
    frontnews.errors.OptionValueError: parquet: option batch_size must be a whole number, not 'many'
    """
    _check_names(format, options, texts)
    params: dict[str, Any] = {}
    for name, text in texts.items():
        option = options[name]
        value = _from_text(option, text)
        if value is _INVALID:
            raise OptionValueError(format, name, text, describe_type(option))
        _check_one(format, name, option, value)
        params[name] = value
    return params


_INVALID = object()


def _from_text(option: Option, text: str) -> Any:
    """``text`` as a value of the option's type, or :data:`_INVALID`."""
    nullable = option.type is object or (option.default is None and option.type is not str)
    if nullable and text.strip().lower() in _NONE:
        return None
    if option.choices and text in option.choices:
        return text
    convert = _FROM_TEXT.get(option.type)
    if convert is None:
        return _INVALID  # a type the command line cannot spell: only Python callers can pass it
    try:
        return convert(text)
    except ValueError:
        return _INVALID
