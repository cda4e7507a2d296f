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
"""

from __future__ import annotations

import base64
import datetime as dt
import json
import math
from collections.abc import Mapping
from typing import Any

from ..errors import ExportError
from .dates import rfc3339

__all__ = ["plain_data"]

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
            out[name] = plain_data(item)
        return out
    raise ExportError(f"cannot write a value of type {type(value).__name__} as JSON data")


def _key(key: Any) -> str:
    if isinstance(key, str):
        return key
    plain = plain_data(key)
    return plain if isinstance(plain, str) else _compact(plain)
