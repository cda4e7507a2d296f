"""frontnews: read, write and publish news-article records without losing a byte."""

from __future__ import annotations

from ._version import __version__
from .contract import Exporter, ExportOptions, Feed
from .converter import from_dict, to_dict
from .errors import (
    EncodingError,
    ExportError,
    FeedRequiredError,
    FrontMatterError,
    FrontnewsError,
    LimitError,
    OptionValueError,
    PluginError,
    RecordError,
    ReformatError,
    SchemaError,
    TextStreamError,
    UnknownFormatError,
    UnknownOptionError,
    UnsafeYAMLError,
    WriteError,
    YAMLSyntaxError,
)
from .export import export, exports
from .extra import Extra
from .hookspecs import hookimpl
from .limits import Limits
from .lossless import reformat
from .model import Image, Layout, Provider, Record, RelatedArticle, Secured
from .reader import iter_records, load, loads
from .writer import dump, dumps

__all__ = [
    "EncodingError",
    "ExportError",
    "ExportOptions",
    "Exporter",
    "Extra",
    "Feed",
    "FeedRequiredError",
    "FrontMatterError",
    "FrontnewsError",
    "Image",
    "Layout",
    "LimitError",
    "Limits",
    "OptionValueError",
    "PluginError",
    "Provider",
    "Record",
    "RecordError",
    "ReformatError",
    "RelatedArticle",
    "SchemaError",
    "Secured",
    "TextStreamError",
    "UnknownFormatError",
    "UnknownOptionError",
    "UnsafeYAMLError",
    "WriteError",
    "YAMLSyntaxError",
    "__version__",
    "dump",
    "dumps",
    "export",
    "exports",
    "from_dict",
    "hookimpl",
    "iter_records",
    "load",
    "loads",
    "reformat",
    "to_dict",
]
