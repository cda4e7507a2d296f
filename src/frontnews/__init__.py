"""frontnews: read, write and publish news-article records without losing a byte."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .converter import converter
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
from .reader import iter_records, load, loads, structure_record
from .writer import dump, dumps

#: The version of frontnews, as a string.
__version__ = "0.1.0"


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

    Raises :class:`SchemaError` naming the field path of the first problem.
    Nothing is converted: ``"38"`` is not an integer. A timestamp may be a
    ``datetime`` or an ISO 8601 string.

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
    return structure_record(dict(mapping), body=body, layout=layout)


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
