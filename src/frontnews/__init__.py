"""frontnews: read, write and publish news-article records without losing a byte.

``to_arrow`` and ``from_arrow`` are here too, but importing frontnews does not
import pyarrow: they load :mod:`frontnews.arrow` on first use (and raise
:class:`MissingExtraError` without the ``frontnews[arrow]`` extra).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ._version import __version__
from .archive import WrittenFeed, export_archive
from .contract import Exporter, ExportOptions, Feed, Importer, ImportOptions, Option
from .converter import from_dict, to_dict
from .errors import (
    EncodingError,
    ExportError,
    FeedRequiredError,
    FrontMatterError,
    FrontnewsError,
    FrontnewsWarning,
    LimitError,
    MissingExtraError,
    OptionValueError,
    PluginError,
    PluginWarning,
    RecordError,
    ReformatError,
    SchemaError,
    SourceError,
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
from .imports import import_records
from .limits import Limits
from .lossless import reformat
from .model import Image, Layout, Provider, Record, RelatedArticle, Secured
from .reader import iter_records, load, loads
from .split import SplitResult, export_groups
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
    "FrontnewsWarning",
    "Image",
    "ImportOptions",
    "Importer",
    "Layout",
    "LimitError",
    "Limits",
    "MissingExtraError",
    "Option",
    "OptionValueError",
    "PluginError",
    "PluginWarning",
    "Provider",
    "Record",
    "RecordError",
    "ReformatError",
    "RelatedArticle",
    "SchemaError",
    "Secured",
    "SourceError",
    "SplitResult",
    "TextStreamError",
    "UnknownFormatError",
    "UnknownOptionError",
    "UnsafeYAMLError",
    "WriteError",
    "WrittenFeed",
    "YAMLSyntaxError",
    "__version__",
    "dump",
    "dumps",
    "export",
    "export_archive",
    "export_groups",
    "exports",
    "from_arrow",
    "from_dict",
    "hookimpl",
    "import_records",
    "iter_records",
    "load",
    "loads",
    "reformat",
    "to_arrow",
    "to_dict",
]

if TYPE_CHECKING:
    from .arrow import from_arrow, to_arrow

#: The names this package takes from a module it imports on first use only.
_LAZY = {"from_arrow": "arrow", "to_arrow": "arrow"}


def __getattr__(name: str) -> Any:
    """Import :mod:`frontnews.arrow` (and pyarrow) only when its functions are first used."""
    if name in _LAZY:
        import importlib

        module = importlib.import_module(f"{__name__}.{_LAZY[name]}")
        value = getattr(module, name)
        globals()[name] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
