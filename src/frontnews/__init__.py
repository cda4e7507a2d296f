"""frontnews: read, write and publish news-article records without losing a byte."""

from __future__ import annotations

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
from .export import ExportOptions, Exporter, Feed, export
from .extra import Extra
from .hookspecs import hookimpl
from .model import Image, Layout, Provider, Record, RelatedArticle, Secured

__version__ = "0.1.0"

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
    "export",
    "hookimpl",
]
