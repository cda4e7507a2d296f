"""frontnews: read, write and publish news-article records without losing a byte."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from cattrs.errors import ClassValidationError, IterableValidationError

from .converter import BODY_KEY, LAYOUT_KEY, MismatchError, converter
from .errors import (
    EncodingError,
    ExportError,
    FrontMatterError,
    FrontnewsError,
    LimitError,
    PluginError,
    RecordError,
    SchemaError,
    UnsafeYAMLError,
    WriteError,
    YAMLSyntaxError,
)
from .export import Exporter, ExportOptions, Feed, export
from .extra import Extra
from .hookspecs import hookimpl
from .limits import Limits
from .model import Image, Layout, Provider, Record, RelatedArticle, Secured
from .reader import iter_records, load, loads, schema_error
from .writer import dump, dumps

__version__ = "0.1.0"


def to_dict(record: Record) -> dict[str, Any]:
    """Return the front matter as the mapping PyYAML's safe loader gives, in canonical order."""
    result: dict[str, Any] = converter.unstructure(record)
    return result


def from_dict(
    mapping: Mapping[str, Any], *, body: str = "", layout: Layout | None = None
) -> Record:
    """Build a record from a front-matter mapping, checking every field.

    Raises :class:`SchemaError` naming the field path of the first problem.
    """
    data = dict(mapping)
    if body:
        data[BODY_KEY] = body
    if layout is not None:
        data[LAYOUT_KEY] = layout
    try:
        record: Record = converter.structure(data, Record)
    except (ClassValidationError, IterableValidationError, MismatchError) as exc:
        raise schema_error(exc, None, None) from None
    return record


__all__ = [
    "EncodingError",
    "ExportError",
    "ExportOptions",
    "Exporter",
    "Extra",
    "Feed",
    "FrontMatterError",
    "FrontnewsError",
    "Image",
    "Layout",
    "LimitError",
    "Limits",
    "PluginError",
    "Provider",
    "Record",
    "RecordError",
    "RelatedArticle",
    "SchemaError",
    "Secured",
    "UnsafeYAMLError",
    "WriteError",
    "YAMLSyntaxError",
    "__version__",
    "dump",
    "dumps",
    "export",
    "from_dict",
    "hookimpl",
    "iter_records",
    "load",
    "loads",
    "to_dict",
]
