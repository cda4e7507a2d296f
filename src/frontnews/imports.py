"""Running an import: :func:`import_records` picks the importer and yields its records.

The contract every importer implements is in :mod:`frontnews.contract`
(:class:`~frontnews.Importer`); the built-in ones are ``feed`` (RSS, Atom,
JSON Feed) and ``csv`` (what the ``csv`` exporter writes). This is the mirror
of :func:`frontnews.export`.
"""

from __future__ import annotations

import io
import os
import re
import unicodedata
from collections.abc import Iterator, Mapping
from pathlib import PurePath
from typing import IO, Any

from .contract import Importer, ImportOptions, Option
from .errors import OptionValueError, SourceError, UnknownOptionError
from .model import Record
from .plugins import get_importer, get_importers

__all__ = ["import_records", "importer_for", "record_file_name", "slug"]

#: What :func:`import_records` reads: a path, the bytes themselves, or a binary stream.
Source = str | os.PathLike[str] | bytes | IO[bytes]


def importer_for(path: str | os.PathLike[str]) -> Importer:
    """Return the one importer that reads files with ``path``'s suffix.

    Raises :class:`~frontnews.SourceError` when no importer, or more than
    one, declares the suffix (then name the format).

    >>> importer_for("news/feed.xml").name, importer_for("edited.CSV").name
    ('feed', 'csv')
    """
    name = os.fspath(path)
    suffix = PurePath(name).suffix.lower()
    matches = [
        importer
        for importer in get_importers().values()
        if suffix and suffix in (s.lower() for s in importer.suffixes)
    ]
    if len(matches) == 1:
        return matches[0]
    known = ", ".join(get_importers()) or "none"
    if matches:
        why = f"{suffix!r} files are read by {', '.join(i.name for i in matches)}"
    else:
        why = f"no importer reads {suffix!r} files" if suffix else "the name has no suffix"
    raise SourceError(f"cannot tell the format: {why}; name one ({known})", source=name)


def _expected(option: Option) -> str:
    if option.choices:
        return "one of " + ", ".join(map(str, option.choices))
    return {bool: "true or false", int: "an integer", float: "a number"}.get(
        option.type, f"a {option.type.__name__}"
    )


def _checked(importer: Importer, params: Mapping[str, Any]) -> dict[str, Any]:
    """``params`` checked against the importer's options, completed with their defaults."""
    unknown = sorted(set(params) - set(importer.options))
    if unknown:
        raise UnknownOptionError(importer.name, unknown, sorted(importer.options))
    for name, value in params.items():
        option = importer.options[name]
        if value is None and option.default is None:
            continue
        kind = option.type
        right = isinstance(value, kind) and not (kind is not bool and isinstance(value, bool))
        if kind is float and isinstance(value, int) and not isinstance(value, bool):
            right = True
        if not right or (option.choices and value not in option.choices):
            raise OptionValueError(importer.name, name, value, _expected(option))
    return {**importer.defaults, **params}


def _read(importer: Importer, source: Source, options: ImportOptions) -> Iterator[Record]:
    if isinstance(source, bytes):
        yield from importer.read(io.BytesIO(source), options)
    elif isinstance(source, str | os.PathLike):
        with open(source, "rb") as stream:
            yield from importer.read(stream, options)
    else:
        yield from importer.read(source, options)


def import_records(
    source: Source, format: str | None = None, *, name: str | None = None, **params: Any
) -> Iterator[Record]:
    """Yield the records that the importer ``format`` reads from ``source``.

    ``source`` is a path, the bytes themselves or a binary stream. Without
    ``format`` the importer is chosen by the path's suffix
    (:func:`importer_for`). ``name`` is how errors name the source (default:
    the path, or ``<stream>``). Other keyword arguments are the importer's
    options (:attr:`Importer.options`). The format and the options are checked
    at once (:class:`~frontnews.UnknownFormatError`,
    :class:`~frontnews.UnknownOptionError`, :class:`~frontnews.OptionValueError`);
    records then come one at a time, and an entry that cannot become a
    record raises :class:`~frontnews.SourceError` naming the source and the
    entry when it is reached.

    >>> import frontnews
    >>> record = frontnews.load("samples/amnesty-ban-the-scan.md")
    >>> data = frontnews.exports([record], "csv", include_secured=True, include_unpublished=True)
    >>> [back] = frontnews.import_records(data, "csv")
    >>> back.title
    'Call to Ban Facial Recognition Technology that amplifies racist policing'
    >>> back.secured == record.secured, back == record
    (True, True)
    """
    if format is None:
        if not isinstance(source, str | os.PathLike):
            where = name or "<stream>"
            raise SourceError("cannot tell the format of a stream: name one", source=where)
        importer = importer_for(source)
    else:
        importer = get_importer(format)
    if name is None:
        name = os.fspath(source) if isinstance(source, str | os.PathLike) else "<stream>"
    options = ImportOptions(source=name, params=_checked(importer, params))
    return _read(importer, source, options)


#: A slug is cut (at a hyphen) to at most this many characters.
SLUG_LENGTH = 80
_NOT_WORD = re.compile(r"[\W_]+")


def slug(title: str) -> str:
    """Return ``title`` as a file-name slug: lower case, words joined by ``-``.

    Accents are dropped (``é`` is ``e``), letters of other scripts are kept,
    and the slug is cut at a hyphen to at most :data:`SLUG_LENGTH`
    characters; a title with no letters or digits gives ``untitled``.

    >>> slug("Ban the scan!"), slug("Café — déjà vu"), slug("«»")
    ('ban-the-scan', 'cafe-deja-vu', 'untitled')
    """
    decomposed = unicodedata.normalize("NFKD", title)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    text = _NOT_WORD.sub("-", plain.lower()).strip("-")
    if len(text) > SLUG_LENGTH:
        cut = text[: SLUG_LENGTH + 1]
        text = cut.rsplit("-", 1)[0] if "-" in cut else text[:SLUG_LENGTH]
    return text or "untitled"


def record_file_name(record: Record) -> str:
    """The file name ``frontnews import`` gives a record: its date, then its title's slug.

    The date is the one the record's time states (in its own offset).

    >>> import frontnews
    >>> record_file_name(frontnews.load("samples/amnesty-ban-the-scan.md"))
    '2021-01-26-call-to-ban-facial-recognition-technology-that-amplifies-racist-policing.md'
    """
    when = record.published_date_time
    return f"{when.year:04d}-{when.month:02d}-{when.day:02d}-{slug(record.title)}.md"
