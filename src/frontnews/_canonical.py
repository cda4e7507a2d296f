"""The canonical reader: front matter in the canonical style, read without a YAML parser.

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
indentation, so a reader generated from the schema (:mod:`frontnews.schema`,
on first use, as attrs and cattrs generate their methods) tests each field's
line in order with one string comparison and converts its value inline. A record costs a
few string operations per line, with no regular expression and no per-line
dispatch on the common path.
"""

from __future__ import annotations

import datetime as dt
import re
import typing
from collections.abc import Callable
from typing import Any, Final

import attrs

from . import _build
from ._codegen import Source
from .model import Layout, Record
from .scalars import is_plain_safe
from .schema import Field, Kind, per_class, schema_of

__all__ = ["is_canonical", "locate_canonical", "read_canonical"]


class _DeclineError(Exception):
    """The text is outside the subset this module reads."""


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


def _plain_text(raw: str) -> str:
    """``_text`` for a field written plain when it can be: quoted text that need not be declines.

    The slow path then keeps the file's quotes (``Layout.scalar_styles``).
    """
    text = _text(raw)
    if raw[:1] == '"' and is_plain_safe(text):
        raise _DeclineError
    return text


# Plain values repeat (type: article, provider names): the ones already found
# safe are remembered, so that a repeat costs one set lookup.
_PLAIN: set[str] = set()
_PLAIN_MAX: Final = 4096


def _int(raw: str) -> int:
    digits = raw[1:] if raw[:1] == "-" else raw
    # Long numbers go to the YAML parser, whose limits refuse them before int() is asked.
    plain = digits.isascii() and digits.isdigit() and (digits[0] != "0" or digits == "0")
    if plain and len(digits) <= _INT_DIGITS:
        return int(raw)
    raise _DeclineError


#: The most digits the canonical reader converts itself (all 64-bit integers).
_INT_DIGITS: Final = 18


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
    micro = int(fraction.ljust(6, "0")) if fraction else 0
    try:
        tzinfo: dt.tzinfo | None = None
        if utc:
            tzinfo = _UTC
        elif sign:
            delta = dt.timedelta(hours=int(tz_h), minutes=int(tz_m))
            tzinfo = dt.timezone(-delta if sign == "-" else delta)  # refuses +24:00
        return dt.datetime(
            int(year), int(month), int(day), int(hour), int(minute), int(second), micro, tzinfo
        )
    except ValueError:
        raise _DeclineError from None


# The readers below are generated from the schema, once, on first use, in the
# way attrs and cattrs generate their methods: one function per mapping, with
# each field's line tested in canonical order by a plain string comparison
# and its value converted inline. A canonical record costs a handful of
# string operations per line, and no per-line dispatch. Anything else (a line
# in another place, another indentation, a blank line inside a nested
# mapping) is left unread, and the caller then sees that not every line was
# read and declines.


def _annotation(f: Field) -> str:
    """The type of a field's value, as Python source (for the static, typed readers and writers)."""
    if f.kind is Kind.MAPPINGS:
        assert f.cls is not None
        text = f"tuple[{f.cls.__name__}, ...]"
    elif f.kind is Kind.TEXTS:
        text = "tuple[str | None, ...]" if f.nullable_items else "tuple[str, ...]"
    elif f.cls is not None:
        text = f.cls.__name__
    else:
        text = {Kind.TEXT: "str", Kind.INTEGER: "int", Kind.BOOLEAN: "bool"}.get(f.kind, "datetime")
    return f"{text} | None" if f.optional else text


def _convert(out: Source, f: Field, target: str) -> None:
    """Emit code that sets ``target`` from the raw value text ``raw``, or declines."""
    if f.kind in (Kind.TEXT, Kind.TEXTS):
        # Only sequence items (topics) come here, a few per record: _text
        # checks quoted text itself; a plain value seen before skips the call.
        text = "_text" if f.quoted else "_plain_text"
        out(f"{target} = raw if raw in _PLAIN else {text}(raw)")
    elif f.kind is Kind.INTEGER:
        out(f"if raw.isdigit() and raw.isascii() and raw[0] != '0' and len(raw) <= {_INT_DIGITS}:")
        with out.indented():
            out(f"{target} = int(raw)")
        out("else:")
        with out.indented():
            out(f"{target} = _int(raw)")
    elif f.kind is Kind.BOOLEAN:
        out("if raw == 'true':")
        with out.indented():
            out(f"{target} = True")
        out("elif raw == 'false':")
        with out.indented():
            out(f"{target} = False")
        out("else:")
        with out.indented():
            out("raise _DeclineError")
    elif f.kind is Kind.DATETIME:
        # The canonical shape, YYYY-MM-DDTHH:MM:SSZ, inline (see _timestamp); the rest calls it.
        out("if (")
        out("    len(raw) == 20 and raw[19] == 'Z' and raw[10] == 'T'")
        out("    and raw[4] == raw[7] == '-' and raw[13] == raw[16] == ':'")
        out("):")
        with out.indented():
            out("try:")
            with out.indented():
                out(f"{target} = _fromisoformat(raw[:19] + '+00:00')")
            out("except ValueError:")
            with out.indented():
                out("raise _DeclineError from None")
        out("else:")
        with out.indented():
            out(f"{target} = _timestamp(raw)")
    else:  # Kind.TOKEN
        assert f.cls is not None
        out(f"{target} = {f.cls.__name__}(_text(raw))")


def _next(out: Source) -> None:
    out("line = next_line()")


def _depth(cls: type[Any]) -> int:
    """How deep the deepest value of ``cls`` sits in its YAML tree (the mapping is 1)."""
    deepest = 1
    for f in schema_of(cls).fields:
        if f.kind is Kind.MAPPING and f.cls is not None:
            deepest = max(deepest, _depth(f.cls))
        elif f.kind is Kind.MAPPINGS and f.cls is not None:
            deepest = max(deepest, 1 + _depth(f.cls))
        elif f.kind is Kind.TEXTS:
            deepest = max(deepest, 2)
    return 1 + deepest


class _Readers:
    """Generates the reader functions of a model class and of the classes nested in it.

    By default each function is compiled at once (``exec``). With ``static``,
    the functions are typed and kept as source (``sources``), for
    :mod:`frontnews._generate` to write out as a module that mypyc compiles;
    a static reader also builds each object without its ``__init__``
    (``object.__new__`` and one ``object.__setattr__`` per attribute), since
    every value is already checked: :func:`static_safe` says when that gives
    the very object ``__init__`` would.
    """

    def __init__(self, cls: type[Any], *, static: bool = False) -> None:
        self.static = static
        self.sources: list[Source] = []
        self.namespace: dict[str, Any] = {
            "_DeclineError": _DeclineError,
            "_PLAIN": _PLAIN,
            "_text": _text,
            "_plain_text": _plain_text,
            "is_plain_safe": is_plain_safe,
            "_int": _int,
            "_timestamp": _timestamp,
            "_fromisoformat": _fromisoformat,
            "QUOTE": '"',
            "BACKSLASH": "\\",
        }
        for nested in schema_of(cls).nested:
            self.namespace[nested.__name__] = nested
            for f in schema_of(nested).fields:
                if f.kind is Kind.TOKEN and f.cls is not None:
                    self.namespace[f.cls.__name__] = f.cls

    def mapping(
        self, name: str, cls: type[Any], indent: int, *, item: bool = False, top: bool = False
    ) -> str:
        """Generate the reader of one mapping whose keys sit at ``indent``; return its name.

        An ``item`` mapping is a sequence item: its first key comes after the
        dash, two columns to the left. At the ``top``, blank lines may come
        before any key, and the reader takes the values that are not front
        matter (body, layout). The reader takes the function that gives the
        next line and its own first line, and returns the object and the
        first line it did not read.
        """
        schema = schema_of(cls)
        context = schema.context if top else ()
        out = Source()
        if self.static:
            hints = typing.get_type_hints(cls)
            parameters = "".join(f", {c}: {hints[c].__name__}" for c in context)
            out(f"def {name}(next_line: Callable[[], str], line: str{parameters}) -> tuple[")
            out(f"    {cls.__name__}, str")
            out("]:")
        else:
            out(f"def {name}(next_line, line{''.join(', ' + c for c in context)}):")
        with out.indented():
            if self.static:
                out(f'"""Read a {cls.__name__} whose keys sit at column {indent}."""')
                for f in schema.fields:
                    out(f"v_{f.name}: {_annotation(f)}")
            for position, f in enumerate(schema.fields):
                here = " " * (indent - 2) + "- " if item and position == 0 else " " * indent
                if top:
                    out("while not line:")
                    with out.indented():
                        _next(out)
                self._field(out, name, f, here, indent)
            arguments = [f"{f.name}=v_{f.name}" for f in schema.fields]
            if top:
                out("while not line:")
                with out.indented():
                    _next(out)
            arguments += [f"{c}={c}" for c in context]
            if self.static:
                self._construct(out, cls, context)
            else:
                out(f"return {cls.__name__}({', '.join(arguments)}), line")
        if self.static:
            self.sources.append(out)
        else:
            out.define(name, self.namespace, f"canonical reader {name}")
        return name

    def _construct(self, out: Source, cls: type[Any], context: tuple[str, ...]) -> None:
        """Emit the building of ``cls`` from the values read, without its ``__init__``."""
        schema = schema_of(cls)
        read = {f.name for f in schema.fields} | set(context)
        out(f"obj = object.__new__({cls.__name__})")
        for attribute in attrs.fields(cls):
            if attribute.name in read:
                value = f"v_{attribute.name}" if attribute.name not in context else attribute.name
            else:
                value = f"_DEFAULT_{cls.__name__}_{attribute.name}"
            out(f"object.__setattr__(obj, {attribute.name!r}, {value})")
        out("return obj, line")

    def _field(self, out: Source, name: str, f: Field, here: str, indent: int) -> None:
        target = f"v_{f.name}"
        if f.kind is Kind.TEXT:
            _text_field(out, f, here, target)
        elif f.kind in (Kind.INTEGER, Kind.BOOLEAN, Kind.DATETIME, Kind.TOKEN):
            head = f"{here}{f.key}: "
            out(f"if line.startswith({head!r}):")
            with out.indented():
                out(f"raw = line[{len(head)}:]")
                _convert(out, f, target)
                _next(out)
        elif f.kind is Kind.MAPPING:
            assert f.cls is not None
            child = self.mapping(f"{name}_{f.name}", f.cls, indent + 2)
            out(f"if line == {here + f.key + ':'!r}:")
            with out.indented():
                out(f"{target}, line = {child}(next_line, next_line())")
        else:
            self._sequence(out, name, f, here, indent)
        out("else:")
        with out.indented():
            out(f"{target} = None" if f.optional else "raise _DeclineError")

    def _sequence(self, out: Source, name: str, f: Field, here: str, indent: int) -> None:
        target = f"v_{f.name}"
        dash = " " * (indent + 2) + "- "
        out(f"if line == {here + f.key + ': []'!r}:")
        with out.indented():
            out(f"{target} = ()")
            _next(out)
        items = f"items_{f.name}"
        out(f"elif line == {here + f.key + ':'!r}:")
        with out.indented():
            if self.static:
                item_type = _annotation(attrs.evolve(f, optional=False))[6:-6]  # tuple[X, ...]
                out(f"{items}: list[{item_type}] = []")
            else:
                out(f"{items} = []")
            _next(out)
            if f.kind is Kind.TEXTS:
                out(f"while line.startswith({dash!r}) or line == {dash[:-1]!r}:")
                with out.indented():
                    out(f"raw = line[{len(dash)}:]")
                    out("if raw:")
                    with out.indented():
                        _convert(out, f, f"item_{f.name}")
                        out(f"{items}.append(item_{f.name})")
                    out("else:")
                    with out.indented():
                        out(f"{items}.append(None)" if f.nullable_items else "raise _DeclineError")
                    _next(out)
            else:
                assert f.cls is not None
                child = self.mapping(f"{name}_{f.name}", f.cls, indent + 4, item=True)
                out(f"while line.startswith({dash!r}):")
                with out.indented():
                    out(f"item_{f.name}, line = {child}(next_line, line)")
                    out(f"{items}.append(item_{f.name})")
            out(f"if not {items}:")
            with out.indented():
                out("raise _DeclineError  # 'key:' and nothing below is null")
            out(f"{target} = tuple({items})")


def _text_field(out: Source, f: Field, here: str, target: str) -> None:
    """Emit the test and conversion of one text field's line.

    Inline for the common cases: quoted with nothing to unescape (the head
    takes the opening quote, one slice takes the text), or a plain value
    already found safe; all else goes to ``_text``.
    """
    head = f"{here}{f.key}: "
    opened = head + '"'
    size = len(opened)
    out(f"if line.startswith({opened!r}) and line[-1] == QUOTE and len(line) > {size}:")
    with out.indented():
        out(f"{target} = line[{size}:-1]")
        unusual = f"QUOTE in {target} or BACKSLASH in {target}"
        out(f"if {unusual} or not {target}.isprintable():")
        with out.indented():
            out(f"{target} = _text(line[{len(head)}:])")
        if not f.quoted:
            # Quotes the canonical style would not write: the slow path keeps them.
            out(f"if {target} in _PLAIN or is_plain_safe({target}):")
            with out.indented():
                out("raise _DeclineError")
        _next(out)
    out(f"elif line.startswith({head!r}):")
    with out.indented():
        if f.quoted:
            # A plain value where the canonical style quotes: the slow path keeps it plain.
            out("raise _DeclineError")
        else:
            out(f"raw = line[{len(head)}:]")
            out(f"{target} = raw if raw in _PLAIN else _plain_text(raw)")
            _next(out)


_depth_of = per_class(_depth)


@per_class
def _reader_for(cls: type[Any]) -> tuple[Callable[..., tuple[Any, str]], int]:
    """Generate the reader of ``cls`` on its first record; return it and the deepest depth."""
    for f in schema_of(cls).fields:
        if not (f.required or f.optional):
            raise TypeError(f"{cls.__name__}.{f.name}: a field with a default must default to None")
    readers = _Readers(cls)
    name = readers.mapping(f"read_{cls.__name__}", cls, 0, top=True)
    return readers.namespace[name], _depth(cls)


def static_safe(cls: type[Any]) -> None:
    """Check that objects of ``cls`` (and its nested classes) may be built without ``__init__``.

    The static reader sets each attribute with ``object.__setattr__``: that
    builds the very object ``__init__`` builds only when the class has no
    validators, converters, factories or ``__attrs_pre_init__``/``__attrs_post_init__``
    to skip. Raises :class:`TypeError` naming what would be skipped.
    """
    for nested in schema_of(cls).nested:
        for hook in ("__attrs_pre_init__", "__attrs_post_init__"):
            if hasattr(nested, hook):
                raise TypeError(f"{nested.__name__} has {hook}, which the static reader skips")
        for attribute in attrs.fields(nested):
            where = f"{nested.__name__}.{attribute.name}"
            if attribute.validator is not None or attribute.converter is not None:
                raise TypeError(f"{where} has a validator or converter, which would be skipped")
            if isinstance(attribute.default, attrs.Factory):  # type: ignore[arg-type]
                raise TypeError(f"{where} has a default factory, which would be skipped")


def reader_source(cls: type[Any] = Record) -> tuple[str, list[str]]:
    """The static, typed reader functions of ``cls``, as source; and the reader's name.

    :mod:`frontnews._generate` writes them out as ``_canonical_gen.py``.
    Returns the functions' source text and the names of the defaults the
    construction needs (``_DEFAULT_<class>_<attribute>``).
    """
    static_safe(cls)
    readers = _Readers(cls, static=True)
    readers.mapping(f"read_{cls.__name__}", cls, 0, top=True)
    text = "\n\n".join("\n".join(source.lines) + "\n" for source in readers.sources)
    defaults = sorted(set(re.findall(r"_DEFAULT_\w+", text)))
    return text, defaults


#: The static reader of Record (``_canonical_gen.read_Record``), loaded on first use.
_record_reader: Callable[..., tuple[Any, str]] | None = None


def _reader(model: type[Any]) -> Callable[..., tuple[Any, str]]:
    global _record_reader  # noqa: PLW0603 - loaded once, on first use (the tests swap it)
    if model is not Record:
        return _reader_for(model)[0]
    if _record_reader is None:
        _record_reader = _build.generated("_canonical_gen").read_Record
    return _record_reader


#: The end of every line list: it matches no key, so no reader reads past it.
_END: Final = "\x00end"


def read_canonical(
    front: str,
    *,
    body: str = "",
    layout: Layout | None = None,
    max_nodes: int | None = None,
    max_depth: int | None = None,
    model: type[Any] = Record,
) -> Any:
    """Return the record for canonical-style front matter, or None to ask for the YAML parser.

    ``body`` and ``layout`` are the record's; they come from around the front
    matter. With ``max_nodes`` or ``max_depth``, it also declines front matter
    that could exceed them, so that the YAML parser's exact checks apply.
    ``model`` is the record class (any class :mod:`frontnews.schema` can read).
    """
    given = front
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
    if max_depth is not None and max_depth < _depth_of(model):
        return None
    reader = _reader(model)
    lines.append(_END)
    try:
        next_line = iter(lines).__next__
        record, line = reader(next_line, next_line(), body, layout or _LF)
    except _DeclineError:
        return None
    if line is not _END:
        return None  # not every line was read
    _last_read[0] = given
    return record


#: The last front matter :func:`read_canonical` read (one per process: a later read replaces
#: it): :func:`is_canonical` knows it without reading it again.
_last_read: list[str] = [""]


def is_canonical(front: str) -> bool:
    """Whether :func:`read_canonical` reads ``front`` (at once, if it was the last it read)."""
    return (front == _last_read[0] and front != "") or read_canonical(front) is not None


_LF: Final = Layout()


def locate_canonical(
    front: str, paths: list[tuple[str | int, ...]]
) -> list[tuple[int, int]] | None:
    """The file line and column of the value at each of ``paths`` in canonical front matter.

    The canonical style puts every key at its level's indentation and every
    list item's dash two spaces under its key, so a value is found by
    scanning lines, without a YAML parser; the answer is where
    :func:`frontnews._safeyaml.locate` finds it (the differential tests hold
    the two equal). Only for front matter :func:`read_canonical` reads; a
    path that is not there gives None.
    """
    lines = front.replace("\r\n", "\n").split("\n")
    places = []
    for path in paths:
        row, column = -1, 0  # the node holding the path so far: the root mapping
        for part in path:
            found = _child(lines, row, column, part)
            if found is None:
                return None
            row, column = found
        if row < 0:
            return None
        places.append((row + 2, column + 1))
    return places


def _child(lines: list[str], row: int, column: int, part: str | int) -> tuple[int, int] | None:
    """The line and column of the value under key or index ``part`` of the node at ``row``.

    The node starts on line ``row`` (-1: the root) at ``column``, and goes on
    while lines are blank or indented at least as far.
    """
    indent = " " * column
    start = max(row, 0)
    if isinstance(part, int):
        dash, count = indent + "- ", -1
        for r in range(start, len(lines)):
            line = lines[r]
            if line.startswith(dash):
                count += 1
                if count == part:
                    # An empty item: libyaml puts it where the dash ends.
                    return (r, column + 2) if line[column + 2 :].strip(" \t") else (r, column + 1)
            elif line and not line.startswith(indent) and r > start:
                break
        return None
    head = indent + f"{part}:"
    for r in range(start, len(lines)):
        line = lines[r]
        if r == start and column >= 2 and line.startswith("- ", column - 2):
            line = indent + line[column:]  # the first key of a list item
        if line.startswith(head):
            after = len(head)
            if line[after : after + 1] == " " and line[after + 1 :].strip(" \t"):
                return r, after + 1
            below = lines[r + 1] if r + 1 < len(lines) else ""
            inner = len(below) - len(below.lstrip(" "))
            if below.strip(" \t") and inner > column:
                return r + 1, inner
            return r, after  # an empty value: libyaml puts it where the colon ends
        if line and not line.startswith(indent) and r > start:
            break
    return None
