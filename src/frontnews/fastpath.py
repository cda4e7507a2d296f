"""Reading front matter in the canonical style without a YAML parser.

Nearly every record on disk is in the canonical style (``docs/format.md``).
This module reads exactly that subset of YAML and builds the typed record
straight away, giving what :func:`frontnews.reader.loads` would give through
PyYAML and the converter: the differential tests in ``tests/test_fastpath.py``
hold the two paths equal. Any line it does not fully understand (a comment,
an unknown key, another quoting or indentation, an escape it does not know, a
key out of order, a missing required field) makes it decline by returning
``None``, and the caller falls back to the YAML parser, which also gives the
precise error. It never guesses: declining is always safe.

Why it is fast: the canonical style fixes every line's place and
indentation, so a reader generated from the schema (below, at import, as
attrs and cattrs generate their methods) tests each field's line in order
with one string comparison and converts its value inline. A record costs a
few string operations per line, with no regular expression and no per-line
dispatch on the common path.
"""

from __future__ import annotations

import datetime as dt
import functools
import linecache
import re
from collections.abc import Callable
from typing import Any, Final

import attrs

from .model import Image, Layout, Provider, Record, RelatedArticle, Secured
from .scalars import is_plain_safe

__all__ = ["read_record"]


class _DeclineError(Exception):
    """The text is outside the subset this module reads."""


# Scalar kinds.
_STR: Final = 0
_INT: Final = 1
_BOOL: Final = 2
_DATE: Final = 3
_SECURED: Final = 4

# One quoted scalar that holds an escape: only the escapes the canonical
# style writes. The unrolled loop keeps the match linear on any input.
_Q = '[^"\\\\\x00-\x1f\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]*'
_QUOTED = re.compile(f'"({_Q}(?:\\\\(?:[0tnrNLP"\\\\]|x[0-9A-Fa-f]{{2}}|u[0-9A-Fa-f]{{4}}){_Q})*)"')
_RAW_FORBIDDEN = re.compile('["\\\\\x00-\x1f\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]')
_ESCAPE = re.compile(r"\\(x[0-9A-Fa-f]{2}|u[0-9A-Fa-f]{4}|.)")
_SIMPLE_ESCAPES = {
    "0": "\x00",
    "t": "\t",
    "n": "\n",
    "r": "\r",
    "N": "\x85",
    "L": "\u2028",
    "P": "\u2029",
    '"': '"',
    "\\": "\\",
}
_TIMESTAMP = re.compile(
    r"([0-9]{4})-([0-9]{2})-([0-9]{2})T([0-9]{2}):([0-9]{2}):([0-9]{2})"
    r"(?:\.([0-9]{1,6}))?(?:(Z)|([-+])([0-9]{2}):([0-9]{2}))?"
)
_UTC = dt.timezone.utc
_fromisoformat = dt.datetime.fromisoformat


def _unescape(match: re.Match[str]) -> str:
    code = match.group(1)
    if len(code) == 1:
        return _SIMPLE_ESCAPES[code]
    value = int(code[1:], 16)
    if 0xD800 <= value <= 0xDFFF:
        raise _DeclineError  # libyaml refuses surrogate escapes; let it say so
    return chr(value)


def _text(raw: str) -> str:
    if raw[:1] == '"':
        body = raw[1:-1]
        if len(raw) > 1 and raw[-1] == '"' and '"' not in body and "\\" not in body:
            # Printable text needs no check; the rare rest (NBSP, ZWJ, ...)
            # is checked for the characters YAML does not allow raw.
            if body.isprintable() or _RAW_FORBIDDEN.search(body) is None:
                return body
            raise _DeclineError
        match = _QUOTED.fullmatch(raw)
        if match is None:
            raise _DeclineError
        return _ESCAPE.sub(_unescape, match.group(1))
    if is_plain_safe(raw):
        if len(_PLAIN) < _PLAIN_MAX:
            _PLAIN.add(raw)
        return raw
    raise _DeclineError


# Plain values repeat (type: article, provider names): the ones already found
# safe are remembered, so that a repeat costs one set lookup.
_PLAIN: set[str] = set()
_PLAIN_MAX: Final = 4096


def _int(raw: str) -> int:
    digits = raw[1:] if raw[:1] == "-" else raw
    if digits.isascii() and digits.isdigit() and (digits[0] != "0" or digits == "0"):
        return int(raw)
    raise _DeclineError


def _timestamp(raw: str) -> dt.datetime:
    if (
        len(raw) == 20
        and raw[19] == "Z"
        and raw[10] == "T"
        and raw[4] == raw[7] == "-"
        and raw[13] == raw[16] == ":"
    ):
        # The canonical shape, YYYY-MM-DDTHH:MM:SSZ: with every separator in
        # place, fromisoformat accepts exactly ASCII digits in the other places,
        # as YAML's timestamp does, and gives the same timezone.utc.
        try:
            return _fromisoformat(raw[:19] + "+00:00")
        except ValueError:
            raise _DeclineError from None
    match = _TIMESTAMP.fullmatch(raw)
    if match is None:
        raise _DeclineError
    year, month, day, hour, minute, second, fraction, utc, sign, tz_h, tz_m = match.groups()
    tzinfo: dt.tzinfo | None = None
    if utc:
        tzinfo = _UTC
    elif sign:
        delta = dt.timedelta(hours=int(tz_h), minutes=int(tz_m))
        tzinfo = dt.timezone(-delta if sign == "-" else delta)
    micro = int(fraction.ljust(6, "0")) if fraction else 0
    try:
        return dt.datetime(
            int(year), int(month), int(day), int(hour), int(minute), int(second), micro, tzinfo
        )
    except ValueError:
        raise _DeclineError from None


# The schema, in canonical key order: (file key, attribute, kind). A kind is
# a scalar kind, ("map", fields, class), ("seq", scalar kind) or
# ("seqmap", fields, class).
_Fields = tuple[tuple[str, str, Any], ...]

_IMAGE: _Fields = (
    ("url", "url", _STR),
    ("width", "width", _INT),
    ("height", "height", _INT),
    ("isCached", "is_cached", _BOOL),
    ("title", "title", _STR),
)
_PROVIDER: _Fields = (
    ("name", "name", _STR),
    ("domain", "domain", _STR),
    ("images", "images", ("seqmap", _IMAGE, Image)),
)
_RELATED: _Fields = (
    ("title", "title", _STR),
    ("excerpt", "excerpt", _STR),
    ("publishedDateTime", "published_date_time", _DATE),
    ("webUrl", "web_url", _STR),
    ("ampWebUrl", "amp_web_url", _STR),
    ("cdnAmpWebUrl", "cdn_amp_web_url", _STR),
    ("type", "type", _STR),
    ("provider", "provider", ("map", _PROVIDER, Provider)),
    ("quality", "quality", _INT),
    ("images", "images", ("seqmap", _IMAGE, Image)),
)
_RECORD: _Fields = (
    ("category", "category", _STR),
    ("title", "title", _STR),
    ("excerpt", "excerpt", _STR),
    ("publishedDateTime", "published_date_time", _DATE),
    ("originalUrl", "original_url", _STR),
    ("webUrl", "web_url", _STR),
    ("ampWebUrl", "amp_web_url", _STR),
    ("cdnAmpWebUrl", "cdn_amp_web_url", _STR),
    ("type", "type", _STR),
    ("quality", "quality", _INT),
    ("heat", "heat", _INT),
    ("removed", "removed", _BOOL),
    ("published", "published", _BOOL),
    ("featuredContent", "featured_content", _STR),
    ("provider", "provider", ("map", _PROVIDER, Provider)),
    ("topics", "topics", ("seq", _STR)),
    ("images", "images", ("seqmap", _IMAGE, Image)),
    ("related", "related", ("seqmap", _RELATED, RelatedArticle)),
    ("secured", "secured", _SECURED),
)

# The readers below are generated from the schema, once, at import, in the
# way attrs and cattrs generate their methods: one function per mapping, with
# each field's line tested in canonical order by a plain string comparison
# and its value converted inline. A canonical record costs a handful of
# string operations per line, and no per-line dispatch. Anything else (a line
# in another place, another indentation, a blank line inside a nested
# mapping) is left unread, and the caller then sees that not every line was
# read and declines.


class _Source:
    """Python source being generated, with its indentation."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.depth = 0

    def __call__(self, line: str) -> None:
        self.lines.append("    " * self.depth + line)

    def indented(self) -> _Indented:
        return _Indented(self)


class _Indented:
    def __init__(self, source: _Source) -> None:
        self.source = source

    def __enter__(self) -> None:
        self.source.depth += 1

    def __exit__(self, *_: object) -> None:
        self.source.depth -= 1


def _convert(out: _Source, kind: int, target: str) -> None:
    """Emit code that sets ``target`` from the raw value text ``raw``, or declines."""
    if kind == _STR:
        # Only sequence items (topics) come here, a few per record: _text
        # checks quoted text itself; a plain value seen before skips the call.
        out(f"{target} = raw if raw in _PLAIN else _text(raw)")
    elif kind == _INT:
        out("if raw.isdigit() and raw.isascii() and raw[0] != '0':")
        with out.indented():
            out(f"{target} = int(raw)")
        out("else:")
        with out.indented():
            out(f"{target} = _int(raw)")
    elif kind == _BOOL:
        out("if raw == 'true':")
        with out.indented():
            out(f"{target} = True")
        out("elif raw == 'false':")
        with out.indented():
            out(f"{target} = False")
        out("else:")
        with out.indented():
            out("raise _DeclineError")
    elif kind == _DATE:
        out(f"{target} = _timestamp(raw)")
    else:
        out(f"{target} = Secured(_text(raw))")


def _next(out: _Source) -> None:
    out("line = next_line()")


def _reader(
    name: str,
    fields: _Fields,
    cls: type[Any],
    indent: int,
    namespace: dict[str, Any],
    *,
    item: bool = False,
    top: bool = False,
) -> str:
    """Generate the reader of one mapping whose keys sit at ``indent``; return its name.

    An ``item`` mapping is a sequence item: its first key comes after the
    dash, two columns to the left. At the ``top``, blank lines may come
    before any key. The reader takes the function that gives the next line
    and its own first line, and returns the object and the first line it did
    not read.
    """
    required = {f.name for f in attrs.fields(cls) if f.default is attrs.NOTHING}
    lead = " " * indent
    out = _Source()
    out(f"def {name}(next_line, line{', body, layout' if top else ''}):")
    with out.indented():
        for position, (key, attribute, kind) in enumerate(fields):
            target = f"v_{attribute}"
            here = " " * (indent - 2) + "- " if item and position == 0 else lead
            if top:
                out("while not line:")
                with out.indented():
                    _next(out)
            if kind == _STR:
                # Inline for the common cases: quoted with nothing to unescape
                # (the head takes the opening quote, one slice takes the text),
                # or a plain value already found safe; all else goes to _text.
                head = f"{here}{key}: "
                opened = head + '"'
                size = len(opened)
                out(f"if line.startswith({opened!r}) and line[-1] == QUOTE and len(line) > {size}:")
                with out.indented():
                    out(f"{target} = line[{size}:-1]")
                    unusual = f"QUOTE in {target} or BACKSLASH in {target}"
                    out(f"if {unusual} or not {target}.isprintable():")
                    with out.indented():
                        out(f"{target} = _text(line[{len(head)}:])")
                    _next(out)
                out(f"elif line.startswith({head!r}):")
                with out.indented():
                    out(f"raw = line[{len(head)}:]")
                    out(f"{target} = raw if raw in _PLAIN else _text(raw)")
                    _next(out)
            elif isinstance(kind, int):
                head = f"{here}{key}: "
                out(f"if line.startswith({head!r}):")
                with out.indented():
                    out(f"raw = line[{len(head)}:]")
                    _convert(out, kind, target)
                    _next(out)
            elif kind[0] == "map":
                child = _reader(f"{name}_{attribute}", kind[1], kind[2], indent + 2, namespace)
                out(f"if line == {here + key + ':'!r}:")
                with out.indented():
                    out(f"{target}, line = {child}(next_line, next_line())")
            else:
                dash = " " * (indent + 2) + "- "
                out(f"if line == {here + key + ': []'!r}:")
                with out.indented():
                    out(f"{target} = ()")
                    _next(out)
                out(f"elif line == {here + key + ':'!r}:")
                with out.indented():
                    out("items = []")
                    _next(out)
                    if kind[0] == "seq":
                        out(f"while line.startswith({dash!r}) or line == {dash[:-1]!r}:")
                        with out.indented():
                            out(f"raw = line[{len(dash)}:]")
                            out("if raw:")
                            with out.indented():
                                _convert(out, kind[1], "value")
                                out("items.append(value)")
                            out("else:")
                            with out.indented():
                                out("items.append(None)")
                            _next(out)
                    else:
                        child = _reader(
                            f"{name}_{attribute}",
                            kind[1],
                            kind[2],
                            indent + 4,
                            namespace,
                            item=True,
                        )
                        out(f"while line.startswith({dash!r}):")
                        with out.indented():
                            out(f"value, line = {child}(next_line, line)")
                            out("items.append(value)")
                    out("if not items:")
                    with out.indented():
                        out("raise _DeclineError  # 'key:' and nothing below is null")
                    out(f"{target} = tuple(items)")
            out("else:")
            with out.indented():
                out("raise _DeclineError" if attribute in required else f"{target} = None")
        arguments = ", ".join(f"{attribute}=v_{attribute}" for _, attribute, _ in fields)
        if top:
            out("while not line:")
            with out.indented():
                _next(out)
            arguments += ", body=body, layout=layout"
        out(f"return {cls.__name__}({arguments}), line")
    source = "\n".join(out.lines) + "\n"
    filename = f"<frontnews.fastpath {name}>"
    # Registered as attrs does, so that a traceback through it shows the lines.
    linecache.cache[filename] = (len(source), None, out.lines, filename)
    exec(compile(source, filename, "exec"), namespace)
    return name


@functools.cache
def _record_reader() -> Callable[..., tuple[Record, str]]:
    """Generate the readers, on the first record read rather than at import."""
    namespace: dict[str, Any] = {
        "_DeclineError": _DeclineError,
        "_PLAIN": _PLAIN,
        "_text": _text,
        "_int": _int,
        "_timestamp": _timestamp,
        "QUOTE": '"',
        "BACKSLASH": "\\",
        "Secured": Secured,
        **{cls.__name__: cls for cls in (Image, Provider, RelatedArticle, Record)},
    }
    reader: Callable[..., tuple[Record, str]] = namespace[
        _reader("_read_record", _RECORD, Record, 0, namespace, top=True)
    ]
    return reader


#: The end of every line list: it matches no key, so no reader reads past it.
_END: Final = "\x00end"


#: The deepest a canonical value sits: record, related, item, provider, images, image, value.
_DEPTH = 7


def read_record(
    front: str,
    *,
    body: str = "",
    layout: Layout | None = None,
    max_nodes: int | None = None,
    max_depth: int | None = None,
) -> Record | None:
    """Return the record for canonical-style front matter, or None to ask for the YAML parser.

    ``body`` and ``layout`` are the record's; they come from around the front
    matter. With ``max_nodes`` or ``max_depth``, it also declines front matter
    that could exceed them, so that the YAML parser's exact checks apply.
    """
    if "\r" in front:
        front = front.replace("\r\n", "\n")
        if "\r" in front:
            return None
    lines = front.split("\n")
    if lines[-1] == "":
        lines.pop()
    # Each line holds at most a key and a value node, plus the root mapping.
    if max_nodes is not None and 2 * len(lines) + 1 > max_nodes:
        return None
    if max_depth is not None and max_depth < _DEPTH:
        return None
    lines.append(_END)
    try:
        next_line = iter(lines).__next__
        record, line = _record_reader()(next_line, next_line(), body, layout or _LF)
    except _DeclineError:
        return None
    return record if line is _END else None  # every line was read


_LF: Final = Layout()
