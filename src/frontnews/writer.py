"""Writing records in the canonical style, and writing files atomically.

The canonical style is the one every published record uses; ``docs/format.md``
specifies it. A record read from a canonical file is written back byte for
byte.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import tempfile
from collections.abc import Callable, Iterator
from typing import IO, Any

import yaml

from .errors import WriteError
from .extra import Extra, thaw
from .model import Image, Provider, Record, RelatedArticle
from .scalars import format_datetime, needs_escape, plain, quoted

__all__ = ["atomic_open", "atomic_write", "dump", "dumps"]

PathLike = str | os.PathLike[str]


def _bool(value: bool) -> str:
    return "true" if value else "false"


class _ExtraDumper(yaml.SafeDumper):
    """PyYAML's safe dumper, with sequences indented under their key and canonical timestamps."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)


def _represent_datetime(dumper: yaml.SafeDumper, value: dt.datetime) -> yaml.ScalarNode:
    return dumper.represent_scalar("tag:yaml.org,2002:timestamp", format_datetime(value))


def _represent_str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    # Text with line breaks or control characters is double-quoted, where
    # PyYAML escapes them; its other styles mangle some (U+0085 in single quotes).
    style = '"' if needs_escape(value) else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_ExtraDumper.add_representer(dt.datetime, _represent_datetime)
_ExtraDumper.add_representer(str, _represent_str)


def _extra_lines(extra: Extra, indent: str, out: list[str]) -> None:
    """Append unknown keys, written by PyYAML's safe dumper, at ``indent``."""
    text = yaml.dump(
        thaw(extra),
        Dumper=_ExtraDumper,
        allow_unicode=True,
        sort_keys=False,
        default_flow_style=False,
        width=1 << 30,
    )
    # Split on "\n" only: a literal block may hold U+2028 and other breaks raw.
    out.extend(indent + line if line else line for line in text[:-1].split("\n"))


def _images(key: str, images: tuple[Image, ...], indent: str, out: list[str]) -> None:
    if not images:
        out.append(f"{indent}{key}: []")
        return
    out.append(f"{indent}{key}:")
    inner = indent + "    "
    for image in images:
        out.append(f"{indent}  - url: {quoted(image.url)}")
        out.append(f"{inner}width: {image.width}")
        out.append(f"{inner}height: {image.height}")
        if image.is_cached is not None:
            out.append(f"{inner}isCached: {_bool(image.is_cached)}")
        if image.title is not None:
            out.append(f"{inner}title: {quoted(image.title)}")
        if image.extra:
            _extra_lines(image.extra, inner, out)


def _provider(provider: Provider, indent: str, out: list[str]) -> None:
    out.append(f"{indent}name: {plain(provider.name)}")
    out.append(f"{indent}domain: {plain(provider.domain)}")
    if provider.images is not None:
        _images("images", provider.images, indent, out)
    if provider.extra:
        _extra_lines(provider.extra, indent, out)


def _related(item: RelatedArticle, out: list[str]) -> None:
    out.append(f"  - title: {quoted(item.title)}")
    out.append(f"    excerpt: {quoted(item.excerpt)}")
    out.append(f"    publishedDateTime: {format_datetime(item.published_date_time)}")
    out.append(f"    webUrl: {quoted(item.web_url)}")
    if item.amp_web_url is not None:
        out.append(f"    ampWebUrl: {quoted(item.amp_web_url)}")
    if item.cdn_amp_web_url is not None:
        out.append(f"    cdnAmpWebUrl: {quoted(item.cdn_amp_web_url)}")
    out.append(f"    type: {plain(item.type)}")
    out.append("    provider:")
    _provider(item.provider, "      ", out)
    out.append(f"    quality: {item.quality}")
    if item.images is not None:
        _images("images", item.images, "    ", out)
    if item.extra:
        _extra_lines(item.extra, "    ", out)


def _optional(out: list[str], key: str, value: Any, render: Callable[[Any], str]) -> None:
    if value is not None:
        out.append(f"{key}: {render(value)}")


def dumps(record: Record) -> str:
    """Return the record as text in the canonical style, BOM and line endings as its layout says.

    Optional fields that are ``None`` are left out; :func:`dump` writes the
    same text as UTF-8 bytes. Reading the text back gives an equal record.

    >>> import datetime as dt
    >>> import frontnews
    >>> from frontnews import Provider, Record, Secured
    >>> record = Record(
    ...     category="news",
    ...     title="Ban the scan",
    ...     excerpt="",
    ...     published_date_time=dt.datetime(2021, 1, 26, 18, 47, tzinfo=dt.timezone.utc),
    ...     type="article",
    ...     provider=Provider(name="Amnesty UK", domain="amnesty.org.uk"),
    ...     topics=("AI",),
    ...     secured=Secured("41wbFnSignedTokenText=="),
    ... )
    >>> text = frontnews.dumps(record)
    >>> print(text, end="")
    ---
    category: news
    title: "Ban the scan"
    excerpt: ""
    publishedDateTime: 2021-01-26T18:47:00Z
    type: article
    <BLANKLINE>
    provider:
      name: Amnesty UK
      domain: amnesty.org.uk
    <BLANKLINE>
    topics:
      - AI
    <BLANKLINE>
    secured: "41wbFnSignedTokenText=="
    ---
    <BLANKLINE>
    >>> frontnews.loads(text) == record
    True
    >>> import io
    >>> stream = io.BytesIO()
    >>> frontnews.dump(record, stream)
    >>> stream.getvalue() == text.encode("utf-8")
    True
    """
    r = record
    if "\x00" in r.body:
        raise WriteError("the body holds a NUL character, which a record file may not contain")
    out = [
        "---",
        f"category: {plain(r.category)}",
        f"title: {quoted(r.title)}",
        f"excerpt: {quoted(r.excerpt)}",
        f"publishedDateTime: {format_datetime(r.published_date_time)}",
    ]
    _optional(out, "originalUrl", r.original_url, quoted)
    _optional(out, "webUrl", r.web_url, quoted)
    _optional(out, "ampWebUrl", r.amp_web_url, quoted)
    _optional(out, "cdnAmpWebUrl", r.cdn_amp_web_url, quoted)
    out.append(f"type: {plain(r.type)}")
    _optional(out, "quality", r.quality, str)
    _optional(out, "heat", r.heat, str)
    _optional(out, "removed", r.removed, _bool)
    _optional(out, "published", r.published, _bool)
    out.append("")
    if r.featured_content is not None:
        out.append(f"featuredContent: {quoted(r.featured_content)}")
        out.append("")
    out.append("provider:")
    _provider(r.provider, "  ", out)
    out.append("")
    if r.topics:
        out.append("topics:")
        out.extend("  - " if t is None else f"  - {plain(t)}" for t in r.topics)
    else:
        out.append("topics: []")
    out.append("")
    if r.images is not None:
        _images("images", r.images, "", out)
        out.append("")
    if r.related is not None:
        if r.related:
            out.append("related:")
            for item in r.related:
                _related(item, out)
        else:
            out.append("related: []")
        out.append("")
    if r.extra:
        _extra_lines(r.extra, "", out)
        out.append("")
    out.append(f"secured: {quoted(r.secured.text)}")
    out.append("---")
    out.append("")
    newline = r.layout.newline
    text = newline.join(out) + newline + r.body
    return "\ufeff" + text if r.layout.bom else text


def _encode(record: Record) -> bytes:
    try:
        return dumps(record).encode("utf-8")
    except UnicodeEncodeError as exc:
        raise WriteError(
            f"the body holds a character UTF-8 cannot encode ({exc.object[exc.start]!r})"
        ) from None


def dump(record: Record, file: PathLike | IO[bytes]) -> None:
    """Write the record to a path or a binary file object.

    Writing to a path is atomic: the text goes to a temporary file in the same
    folder, which then replaces the target, so a crash leaves the old file
    intact. An existing file keeps its permissions.
    """
    data = _encode(record)
    if not isinstance(file, str | os.PathLike):
        file.write(data)
        return
    atomic_write(file, data)


@contextlib.contextmanager
def atomic_open(path: PathLike) -> Iterator[IO[bytes]]:
    """Open a binary file that replaces ``path`` when the block ends without an error.

    The data goes to a temporary file in the same folder, is flushed to disk,
    then renamed over ``path``: readers see the old file or the new one,
    never half of one. On any error the temporary file is removed and
    ``path`` is left as it was. An existing file keeps its permissions.
    """
    target = os.fspath(path)
    folder = os.path.dirname(os.path.abspath(target))
    try:
        mode = os.stat(target).st_mode & 0o7777
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    fd, temporary = tempfile.mkstemp(dir=folder, prefix=".", suffix=".frontnews-tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temporary, mode)
        os.replace(temporary, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
        raise


def atomic_write(path: PathLike, data: bytes) -> None:
    """Replace the file at ``path`` with ``data`` all at once, or not at all."""
    with atomic_open(path) as handle:
        handle.write(data)
