"""Writing records in the canonical style.

The canonical style is the one every published record uses; ``docs/format.md``
specifies it. The code that writes each field is generated from the schema
(:mod:`frontnews.schema`). A record read from a canonical file is written back
byte for byte. Files are replaced atomically (:mod:`frontnews.files`).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import math
import os
from collections.abc import Callable
from typing import IO, Any

import attrs
import yaml

from . import _build
from ._codegen import Source
from .errors import SchemaError, WriteError, _format_path
from .extra import Extra, thaw
from .files import PathLike, atomic_open, atomic_write
from .limits import DEFAULT_LIMITS
from .model import Record
from .scalars import format_datetime, is_plain_safe, needs_escape, plain, quoted
from .schema import Field, Kind, per_class, schema_of

# atomic_open and atomic_write lived here in frontnews 0.1; they stay importable.
__all__ = ["atomic_open", "atomic_write", "dump", "dumps"]


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


# -- the generated writers --------------------------------------------------------------------
#
# One function per (class, indentation) is generated from the schema, once, on
# first use: each field's line is built from constants and the value's text,
# in canonical order, with no per-field dispatch at run time.


def _value(f: Field, value: str) -> str:
    """Python source that renders the scalar ``value`` of field ``f`` as YAML text.

    The common cases are written inline, so that the compiled writer calls no
    Python function for them: quoted text with nothing to escape, and a UTC
    time in whole seconds. The rest goes to :mod:`frontnews.scalars`.
    """
    if f.kind is Kind.TEXT:
        return _quoted(value) if f.quoted else f"plain({value})"
    if f.kind is Kind.INTEGER:
        return f"str({value})"
    if f.kind is Kind.BOOLEAN:
        return f"('true' if {value} else 'false')"
    if f.kind is Kind.DATETIME:
        return (
            f"({value}.isoformat()[:19] + 'Z' if {value}.tzinfo is UTC "
            f"and not {value}.microsecond else format_datetime({value}))"
        )
    return _quoted(f"{value}.text")  # Kind.TOKEN


def _quoted(value: str) -> str:
    """Python source for ``quoted(value)``, with its common case inline (see ``quoted``)."""
    plain_case = f"{value}.isprintable() and QUOTE not in {value} and BACKSLASH not in {value}"
    return f"(QUOTE + {value} + QUOTE if {plain_case} else quoted({value}))"


#: The largest integer written: one the reader's default limits read back (Limits.max_int_digits).
_MAX_INT_BITS = int(DEFAULT_LIMITS.max_int_digits * math.log2(10))

# For each kind, the test (on ``value``) that a value of the right type passes, and
# what the error says was expected.
_TYPE_TESTS = {
    Kind.TEXT: ("type(value) is str", "a string"),
    Kind.INTEGER: (
        f"type(value) is int and value.bit_length() <= {_MAX_INT_BITS}",
        f"an integer of at most {DEFAULT_LIMITS.max_int_digits} digits",
    ),
    Kind.BOOLEAN: ("type(value) is bool", "True or False"),
    Kind.DATETIME: ("isinstance(value, datetime)", "a datetime"),
    Kind.MAPPINGS: ("type(value) is tuple", "a tuple"),
    Kind.TEXTS: ("type(value) is tuple", "a tuple"),
}


def _mismatch(path: tuple[str | int, ...], expected: str, value: object) -> SchemaError:
    try:
        text = repr(value)
    except ValueError:  # an integer too long for str()
        text = "(too long to show)"
    shown = text if len(text) <= 40 else text[:37] + "..."
    return SchemaError(
        f"cannot be written: expected {expected}, got {type(value).__name__} {shown}", path=path
    )


def _mismatch_unshown(path: tuple[str | int, ...], expected: str, value: object) -> SchemaError:
    return SchemaError(
        f"cannot be written: expected {expected}, got {type(value).__name__} (not shown)",
        path=path,
    )


def _unwritable(path: tuple[str | int, ...], exc: WriteError) -> WriteError:
    return WriteError(f"{_format_path(path)}: {exc}", field=_format_path(path))


class _Writers:
    """Generates the writer functions of a model class and the classes nested in it.

    Every value is checked against its field's kind before it is written: a
    record that could not be read back equal is refused with a
    :class:`~frontnews.SchemaError` naming the field, never written.
    """

    def __init__(self, *, static: bool = False) -> None:
        #: Keep typed source (``sources``) for :mod:`frontnews._generate` instead of compiling.
        self.static = static
        self.sources: list[Source] = []
        self.namespace: dict[str, Any] = {
            "quoted": quoted,
            "plain": plain,
            "QUOTE": '"',
            "BACKSLASH": "\\",
            "UTC": dt.timezone.utc,
            "format_datetime": format_datetime,
            "extra_lines": _extra_lines,
            "datetime": dt.datetime,
            "mismatch": _mismatch,
            "mismatch_unshown": _mismatch_unshown,
            "unwritable": _unwritable,
            "SchemaError": SchemaError,
            "WriteError": WriteError,
        }
        self.names: dict[tuple[type[Any], int, bool], str] = {}

    def mapping(self, cls: type[Any], indent: int, item: bool = False) -> str:
        """Generate the writer of ``cls`` with keys at ``indent``; return its name.

        An ``item`` mapping is a sequence item: its first key follows the
        dash, two columns to the left. At the top level (indent 0), a
        ``section`` field has a blank line before it.
        """
        known = self.names.get((cls, indent, item))
        if known is not None:
            return known
        name = f"write_{cls.__name__}_{indent}{'_item' if item else ''}"
        self.names[(cls, indent, item)] = name
        self.namespace[cls.__name__] = cls
        schema = schema_of(cls)
        if item and not (schema.fields and schema.fields[0].required and schema.extra_at):
            raise TypeError(f"{cls.__name__}: a sequence item must start with a required field")
        out = Source()
        self._header(out, name, cls, f"Write a {cls.__name__} with keys at column {indent}.")
        with out.indented():
            self._locals(out, schema.fields)
            for position, f in enumerate(schema.fields):
                if position == schema.extra_at:
                    self._extra(out, schema.extra, schema.extra_section, indent)
                lead = " " * (indent - 2) + "- " if item and position == 0 else " " * indent
                self._field(out, f, lead, indent, top=indent == 0 and position > 0)
            if schema.extra_at == len(schema.fields):
                self._extra(out, schema.extra, schema.extra_section, indent)
            out("return None")
        if self.static:
            self.sources.append(out)
            return name
        return str(out.define(name, self.namespace, f"writer {name}").__name__)

    def _header(self, out: Source, name: str, cls: type[Any], doc: str) -> None:
        if self.static:
            # ``obj`` is typed Any, not the model class: a caller may have put any value
            # in any attribute (attrs does not check), and each value's own test below
            # must see it (compiled code would reject a mistyped value with a TypeError).
            out(f"def {name}(obj: Any, out: list[str]) -> None:")
            out(f'    """{doc} (``obj`` is a {cls.__name__})"""')
        else:
            out(f"def {name}(obj, out):")

    def _locals(self, out: Source, fields: tuple[Field, ...]) -> None:
        if self.static:
            # One name holds every field's value in turn: typed ``object``, it is
            # narrowed by each field's type test.
            out("value: object")
            if any(f.kind in (Kind.MAPPINGS, Kind.TEXTS) for f in fields):
                out("item: object")
        out("append = out.append")

    def field_function(self, cls: type[Any], f: Field) -> Callable[[Any, list[str]], None]:
        """Generate the writer of one top-level field alone (for a file's own key order)."""
        self.namespace[cls.__name__] = cls
        name = f"write_{cls.__name__}_{f.name}"
        out = Source()
        self._header(out, name, cls, f"Write {cls.__name__}.{f.name} alone, at the top level.")
        with out.indented():
            self._locals(out, (f,))
            self._field(out, f, "", 0, top=False)
        if self.static:
            self.sources.append(out)
            return lambda obj, out: None
        function: Callable[[Any, list[str]], None] = out.define(
            name, self.namespace, f"writer {name}"
        )
        return function

    def _extra(self, out: Source, attribute: str | None, section: bool, indent: int) -> None:
        if attribute is None:
            return
        out(f"if obj.{attribute}:")
        with out.indented():
            if section and indent == 0:
                out("append('')")
            out(f"extra_lines(obj.{attribute}, {' ' * indent!r}, out)")

    def _field(self, out: Source, f: Field, lead: str, indent: int, *, top: bool) -> None:
        out(f"value = obj.{f.name}")
        if f.optional:
            out("if value is not None:")
        with out.indented() if f.optional else contextlib.nullcontext():
            self._check(out, f)
            if top and f.section:
                out("append('')")
            head = f"{lead}{f.key}:"
            if f.kind is Kind.MAPPING:
                assert f.cls is not None
                out(f"append({head!r})")
                self._nested(out, f"{self.mapping(f.cls, indent + 2)}(value, out)", repr(f.key))
            elif f.kind is Kind.MAPPINGS:
                assert f.cls is not None
                child = self.mapping(f.cls, indent + 4, item=True)
                out(f"append({head + ' []'!r} if not value else {head!r})")
                out("for item in value:")
                with out.indented():
                    self._item_check(out, f, f"type(item) is {f.cls.__name__}", f.cls.__name__)
                    self._nested(out, f"{child}(item, out)", f"{f.key!r}, value.index(item)")
            elif f.kind is Kind.TEXTS:
                self._texts(out, f, head, indent)
            else:
                self._nested(out, f"append({head + ' '!r} + {_value(f, 'value')})", repr(f.key))

    def _check(self, out: Source, f: Field) -> None:
        """Emit the type test of the field's value."""
        if f.kind in (Kind.MAPPING, Kind.TOKEN):
            assert f.cls is not None
            self.namespace[f.cls.__name__] = f.cls
            test, expected = f"isinstance(value, {f.cls.__name__})", f"a {f.cls.__name__}"
        else:
            test, expected = _TYPE_TESTS[f.kind]
        if f.kind is Kind.TOKEN:
            test += " and type(value.text) is str"
        out(f"if not ({test}):")
        with out.indented():
            # A token's value is never shown: it may hold the token itself.
            refuse = "mismatch_unshown" if f.kind is Kind.TOKEN else "mismatch"
            out(f"raise {refuse}(({f.key!r},), {expected!r}, value)")

    def _item_check(self, out: Source, f: Field, test: str, expected: str) -> None:
        out(f"if not ({test}):")
        with out.indented():
            out(f"raise mismatch(({f.key!r}, value.index(item)), {expected!r}, item)")

    def _nested(self, out: Source, statement: str, path: str) -> None:
        """Emit ``statement``, naming the field (``path``) in any error it raises."""
        out("try:")
        with out.indented():
            out(statement)
        out("except SchemaError as exc:")
        with out.indented():
            out(f"raise SchemaError.of(exc.within({path})) from None")
        out("except WriteError as exc:")
        with out.indented():
            out(f"raise unwritable(({path},), exc) from None")

    def _texts(self, out: Source, f: Field, head: str, indent: int) -> None:
        dash = " " * (indent + 2) + "- "
        render = "quoted(item)" if f.quoted else "plain(item)"
        out(f"append({head + ' []'!r} if not value else {head!r})")
        out("for item in value:")
        with out.indented():
            nullable = "item is None or " if f.nullable_items else ""
            self._item_check(out, f, f"{nullable}type(item) is str", "a string")
            line = f"append({dash!r} if item is None else {dash!r} + {render})"
            self._nested(out, line, f"{f.key!r}, value.index(item)")


def writer_source(cls: type[Any] = Record) -> str:
    """The static, typed writer functions of ``cls``, as source (see :mod:`frontnews._generate`).

    The whole front matter's writer is ``write_<class>_0``; the writer of each
    top-level field alone is in ``FIELD_WRITERS``, by key.
    """
    writers = _Writers(static=True)
    writers.mapping(cls, 0)
    fields = schema_of(cls).fields
    for f in fields:
        writers.field_function(cls, f)
    entries = "".join(f"    {f.key!r}: write_{cls.__name__}_{f.name},\n" for f in fields)
    table = "FIELD_WRITERS: dict[str, Callable[[Any, list[str]], None]] = {\n"
    texts = ["\n".join(source.lines) + "\n" for source in writers.sources]
    return "\n\n".join([*texts, table + entries + "}\n"])


_Writer = Callable[[Any, list[str]], None]
#: The static writers of Record (``_writer_gen``), loaded on first use.
_record_writers: tuple[_Writer, dict[str, tuple[Field, _Writer]]] | None = None


def _record_static() -> tuple[_Writer, dict[str, tuple[Field, _Writer]]]:
    global _record_writers  # noqa: PLW0603 - loaded once, on first use (the tests swap it)
    if _record_writers is None:
        module = _build.generated("_writer_gen")
        fields = {f.key: (f, module.FIELD_WRITERS[f.key]) for f in schema_of(Record).fields}
        _record_writers = module.write_Record_0, fields
    return _record_writers


@per_class
def _generated_field_writers(cls: type[Any]) -> dict[str, tuple[Field, _Writer]]:
    writers = _Writers()
    return {f.key: (f, writers.field_function(cls, f)) for f in schema_of(cls).fields}


def _field_writers(cls: type[Any]) -> dict[str, tuple[Field, _Writer]]:
    """The writer of each top-level field of ``cls`` alone, by file key (made on first use)."""
    return _record_static()[1] if cls is Record else _generated_field_writers(cls)


def _ordered_keys(obj: Any, order: tuple[Any, ...] | None) -> list[Any]:
    """The keys of ``obj`` to write, in ``order`` (the file's own) or else the canonical one.

    Keys the object has but ``order`` lacks (set since it was read) go where
    the canonical order puts them among the others; keys it no longer has
    are skipped.
    """
    schema = schema_of(type(obj))
    extra = getattr(obj, schema.extra) if schema.extra is not None else Extra()
    present: list[Any] = []
    for index, f in enumerate(schema.fields):
        if index == schema.extra_at:
            present.extend(extra)
        if getattr(obj, f.name) is not None:
            present.append(f.key)
    if schema.extra_at >= len(schema.fields):
        present.extend(extra)
    if order is None:
        return present
    keys = [key for key in order if key in present]
    for key in present:
        if key not in keys:
            rank = schema.rank(key)
            at = next((i for i, k in enumerate(keys) if schema.rank(k) > rank), len(keys))
            keys.insert(at, key)
    return keys


@attrs.frozen
class _Kept:
    """What a layout keeps of the file inside the front matter: key orders, scalar styles."""

    orders: dict[str, tuple[Any, ...]]
    styles: dict[str, str]

    def under(self, here: str) -> bool:
        """Whether anything is kept for the value at path ``here`` or inside it."""
        inner = (here + ".", here + "[")
        return any(p == here or p.startswith(inner) for p in (*self.orders, *self.styles))


def _write_in_order(
    obj: Any, order: tuple[Any, ...] | None, kept: _Kept, out: list[str], path: str = ""
) -> None:
    """Write a mapping with its keys in ``order``, and what ``kept`` says inside it.

    ``order`` is the file's own key order of this mapping (``None``:
    canonical); ``kept`` holds the orders of the mappings inside, and the
    scalars the file wrote in another style, by path. Blank lines go where
    the canonical style puts them, at the top level only: before a section
    field, and before a run of unknown keys.
    """
    schema = schema_of(type(obj))
    writers = _field_writers(type(obj))
    extra = getattr(obj, schema.extra) if schema.extra is not None else Extra()
    after_extra = False
    for position, key in enumerate(_ordered_keys(obj, order)):
        known = writers.get(key) if type(key) is str else None
        if known is not None:
            if position and known[0].section and not path:
                out.append("")
            here = f"{path}.{key}" if path else key
            if not (kept.under(here) and _write_kept(obj, known[0], here, kept, out)):
                known[1](obj, out)
            after_extra = False
        else:
            if position and not after_extra and schema.extra_section and not path:
                out.append("")
            _extra_lines(Extra({key: extra[key]}), "", out)
            after_extra = True


def _styled(text: str, style: str | None, f: Field) -> str:
    """``text`` in the file's ``style`` (plain, ``"`` or ``'``) when it reads back the same."""
    if style == "" and is_plain_safe(text):
        return text
    if style == "'" and text.isprintable():
        return "'" + text.replace("'", "''") + "'"
    if style == '"':
        return quoted(text)
    return quoted(text) if f.quoted else plain(text)


def _write_kept(obj: Any, f: Field, here: str, kept: _Kept, out: list[str]) -> bool:
    """Write field ``f`` as the file had it inside; ``False`` to leave it to the plain writer.

    The plain writer also checks the value: anything but the expected type
    goes to it, so that it is refused there, naming the field.
    """
    value = getattr(obj, f.name)
    if f.kind is Kind.TEXT and type(value) is str:
        out.append(f"{f.key}: {_styled(value, kept.styles.get(here), f)}")
        return True
    if f.kind is Kind.TEXTS and type(value) is tuple and value:
        if not all(item is None or type(item) is str for item in value):
            return False
        out.append(f"{f.key}:")
        for index, item in enumerate(value):
            style = kept.styles.get(f"{here}[{index}]")
            out.append("  - " if item is None else "  - " + _styled(item, style, f))
        return True
    if f.cls is None:
        return False
    if f.kind is Kind.MAPPING and isinstance(value, f.cls):
        lines = _kept_mapping(value, here, kept, (f.key,))
        out.append(f"{f.key}:")
        out.extend("  " + line if line else line for line in lines)
        return True
    if f.kind is not Kind.MAPPINGS or type(value) is not tuple or not value:
        return False
    if not all(isinstance(item, f.cls) for item in value):
        return False
    out.append(f"{f.key}:")
    for index, item in enumerate(value):
        lines = _kept_mapping(item, f"{here}[{index}]", kept, (f.key, index))
        out.append("  - " + lines[0])
        out.extend("    " + line if line else line for line in lines[1:])
    return True


def _kept_mapping(obj: Any, here: str, kept: _Kept, where: tuple[str | int, ...]) -> list[str]:
    """The lines of an inner mapping at column 0, a refused value named from the top."""
    lines: list[str] = []
    try:
        _write_in_order(obj, kept.orders.get(here), kept, lines, here)
    except SchemaError as exc:
        raise SchemaError.of(exc.within(*where)) from None
    except WriteError as exc:
        raise _unwritable(where, exc) from None
    return lines


def _writer(cls: type[Any]) -> _Writer:
    """The writer of a model class's front matter: Record's static one, or one generated now."""
    return _record_static()[0] if cls is Record else _generated_writer(cls)


@per_class
def _generated_writer(cls: type[Any]) -> _Writer:
    writers = _Writers()
    function: Callable[[Any, list[str]], None] = writers.namespace[writers.mapping(cls, 0)]
    return function


def dumps(record: Record, *, drop_comments: bool = False) -> str:
    """Return the record as text in the canonical style, BOM and line endings as its layout says.

    Optional fields that are ``None`` are left out; :func:`dump` writes the
    same text as UTF-8 bytes. Reading the text back gives an equal record.
    The keys keep the file's own order when the record was read from a file
    whose order was not canonical (``layout.key_order`` for the top level,
    ``layout.nested_key_orders`` for the provider, images and related
    articles).

    Every value is checked against the schema first: a value that would not
    read back equal is refused with :class:`~frontnews.SchemaError` naming
    its field, and nothing is written. A record read from a file with YAML
    comments, which the canonical style cannot keep, is refused with
    :class:`~frontnews.WriteError` naming their lines, unless
    ``drop_comments`` is true.

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
    if type(record.body) is not str:
        raise _mismatch(("body",), "a string", record.body)
    if "\x00" in record.body:
        raise WriteError("the body holds a NUL character, which a record file may not contain")
    try:
        record.body.encode("utf-8")
    except UnicodeEncodeError as exc:
        code = ord(record.body[exc.start])
        raise WriteError(
            f"body: text holds a lone surrogate U+{code:04X}, which no UTF-8 file can store",
            field="body",
        ) from None
    if record.layout.newline not in ("\n", "\r\n"):
        raise WriteError(f"layout.newline must be '\\n' or '\\r\\n', not {record.layout.newline!r}")
    layout = record.layout
    if layout.comments and not drop_comments:
        lines = ", ".join(map(str, layout.comments))
        raise WriteError(
            f"the record was read with YAML comments (line {lines}), which the canonical "
            "style cannot keep; pass drop_comments=True to write it without them"
        )
    out = ["---"]
    if layout.key_order is None and not layout.nested_key_orders and not layout.scalar_styles:
        _writer(type(record))(record, out)
    else:
        kept = _Kept(dict(layout.nested_key_orders), dict(layout.scalar_styles))
        _write_in_order(record, layout.key_order, kept, out)
    out.append("---")
    out.append("")
    newline = record.layout.newline
    text = newline.join(out) + newline + record.body
    return "\ufeff" + text if record.layout.bom else text


def _encode(record: Record, drop_comments: bool) -> bytes:
    try:
        return dumps(record, drop_comments=drop_comments).encode("utf-8")
    except UnicodeEncodeError as exc:
        raise WriteError(
            f"the body holds a character UTF-8 cannot encode ({exc.object[exc.start]!r})"
        ) from None


def dump(record: Record, file: PathLike | IO[bytes], *, drop_comments: bool = False) -> None:
    """Write the record to a path or a binary file object, as :func:`dumps` writes it.

    Writing to a path is atomic: the text goes to a temporary file in the same
    folder, which then replaces the target, so a crash leaves the old file
    intact. An existing file keeps its permissions.
    """
    data = _encode(record, drop_comments)
    if not isinstance(file, str | os.PathLike):
        file.write(data)
        return
    atomic_write(file, data)
