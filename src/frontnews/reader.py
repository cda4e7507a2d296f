"""Reading records: bytes to text, text to front matter and body, front matter to a :class:`Record`.

Every failure is a :class:`~frontnews.RecordError` subclass naming the file,
the line and, where there is one, the field path.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, Any

import yaml
from cattrs.errors import ClassValidationError, IterableValidationError

from .converter import BODY_KEY, LAYOUT_KEY, MismatchError, converter, file_key
from .errors import (
    EncodingError,
    FrontMatterError,
    LimitError,
    RecordError,
    SchemaError,
    UnsafeYAMLError,
    YAMLSyntaxError,
)
from .fastpath import read_record
from .limits import DEFAULT_LIMITS, Limits
from .model import Layout, Record

__all__ = ["iter_records", "load", "loads", "read_bytes", "record_paths"]

PathLike = str | os.PathLike[str]

_Loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_OPEN = re.compile(r"---[ \t]*(\r?\n)")
_CLOSE = re.compile(r"(?:---|\.\.\.)[ \t]*(?=\r?\n|\r?\Z)")
_YAML = "tag:yaml.org,2002:"
_SAFE_TAGS = frozenset(
    _YAML + name
    for name in ("str", "int", "float", "bool", "null", "timestamp", "seq", "map", "binary", "set")
) | {_YAML + "merge"}
_BOM = "\ufeff"


def loads(
    data: str | bytes, *, limits: Limits = DEFAULT_LIMITS, source: str | None = None
) -> Record:
    """Read a record from its text (``str``) or its file contents (``bytes``, UTF-8).

    ``source`` names the input in error messages.
    """
    if isinstance(data, bytes | bytearray | memoryview):
        data = bytes(data)
        if len(data) > limits.max_bytes:
            raise _too_big(len(data), limits, source)
        text = _decode(data, source)
    else:
        text = data
        # A character takes at least one byte: more characters is certainly too big.
        if len(text) > limits.max_bytes:
            raise _too_big(len(text), limits, source)
    return _parse(text, limits, source)


def load(file: PathLike | IO[bytes], *, limits: Limits = DEFAULT_LIMITS) -> Record:
    """Read a record from a path or from a binary file object."""
    if isinstance(file, str | os.PathLike):
        return loads(read_bytes(file, limits=limits), limits=limits, source=os.fspath(file))
    name = getattr(file, "name", None)
    data = file.read(limits.max_bytes + 1)
    if not isinstance(data, bytes):
        raise TypeError("load() needs a path or a file opened in binary mode ('rb')")
    return loads(data, limits=limits, source=name if isinstance(name, str) else None)


def read_bytes(path: PathLike, *, limits: Limits = DEFAULT_LIMITS) -> bytes:
    """Return a record file's bytes, refusing a file over ``limits.max_bytes`` before reading it."""
    source = os.fspath(path)
    try:
        with open(path, "rb") as handle:
            size = os.fstat(handle.fileno()).st_size
            if size > limits.max_bytes:
                raise _too_big(size, limits, source)
            # Ask for the size fstat gave, plus one byte to notice a file that
            # grew since: read(n) allocates n bytes first, so asking for the
            # limit would cost 8 MiB for every file.
            data = handle.read(size + 1)
            if len(data) > size:
                data += handle.read(limits.max_bytes + 1 - len(data))
            if len(data) > limits.max_bytes:
                raise _too_big(len(data), limits, source)
            return data
    except OSError as exc:
        raise RecordError(exc.strerror or str(exc), file=source) from exc


def record_paths(paths: PathLike | Iterable[PathLike]) -> Iterator[Path]:
    """Yield the record files in ``paths``: files as given, folders searched for ``*.md``.

    A folder's files come in sorted path order, so that runs repeat.
    """
    for name in _record_files(paths):
        yield Path(name)


def _record_files(paths: PathLike | Iterable[PathLike]) -> Iterator[str]:
    if isinstance(paths, str | os.PathLike):
        paths = (paths,)
    for entry in paths:
        name = os.fspath(entry)
        if os.path.isdir(name):
            yield from _walk(name)
        else:
            yield name


def _walk(folder: str) -> Iterator[str]:
    """Yield the ``*.md`` files below ``folder`` in sorted path order, as ``rglob`` would.

    Only one folder's listing is held at a time, as names: memory follows the
    largest folder's file names, never the number of records read. Symbolic
    links to folders are not followed; to files, they are.
    """
    folders: set[str] = set()
    names: list[str] = []
    with os.scandir(folder) as entries:
        for entry in entries:
            if entry.is_dir(follow_symlinks=False):
                folders.add(entry.name)
                names.append(entry.name)
            elif entry.name.endswith(".md") and entry.is_file():
                names.append(entry.name)
    names.sort()
    for name in names:
        path = os.path.join(folder, name)
        if name in folders:
            yield from _walk(path)
        else:
            yield path


def iter_records(
    paths: PathLike | Iterable[PathLike], *, limits: Limits = DEFAULT_LIMITS
) -> Iterator[Record]:
    """Yield the records in ``paths`` one at a time, never holding more than one.

    ``paths`` is a file, a folder (searched recursively for ``*.md``, in
    sorted path order so that runs repeat) or an iterable of files and folders.
    """
    for path in _record_files(paths):
        yield load(path, limits=limits)


def _too_big(size: int, limits: Limits, source: str | None) -> LimitError:
    return LimitError(
        f"input is {size:,} bytes, more than the limit of {limits.max_bytes:,} "
        "(raise Limits.max_bytes to read it)",
        file=source,
    )


def _line_of(text: str | bytes, index: int) -> int:
    newline = b"\n" if isinstance(text, bytes) else "\n"
    return text.count(newline, 0, index) + 1  # type: ignore[arg-type]


def _decode(data: bytes, source: str | None) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise EncodingError(
            f"not UTF-8: byte 0x{data[exc.start]:02X} at offset {exc.start} cannot be decoded",
            file=source,
            line=_line_of(data, exc.start),
        ) from None


def _closing(text: str, start: int) -> re.Match[str] | None:
    """Find the line that closes front matter opened just before ``start``.

    ``str.find`` jumps to the candidate lines; a regular expression scanning
    the whole front matter would take longer than reading it.
    """
    found: re.Match[str] | None = None
    end = len(text)
    for needle in ("\n---", "\n..."):
        at = text.find(needle, start - 1, end)
        while at >= 0:
            match = _CLOSE.match(text, at + 1)
            if match is not None:
                found, end = match, at
                break
            at = text.find(needle, at + 1, end)
    return found


def _parse(text: str, limits: Limits, source: str | None) -> Record:
    nul = text.find("\x00")
    if nul >= 0:
        raise EncodingError("the text holds a NUL character", file=source, line=_line_of(text, nul))
    start = 1 if text.startswith(_BOM) else 0
    opening = _OPEN.match(text, start)
    if opening is None:
        raise FrontMatterError(
            "no front matter: a record starts with a line '---'", file=source, line=1
        )
    crlf = opening.group(1) == "\r\n"
    fm_start = opening.end()
    closing = _closing(text, fm_start)
    if closing is None:
        raise FrontMatterError(
            "unclosed front matter: no line '---' ends the block opened on line 1",
            file=source,
            line=1,
        )
    front = text[fm_start : closing.start()]
    # The closing line's own line break, then one empty line, separate the
    # front matter from the body: they are layout, not body.
    body_start = closing.end()
    for separator in ("\r\n", "\n"):
        if text.startswith(separator, body_start):
            body_start += len(separator)
            break
    newline = "\r\n" if crlf else "\n"
    if text.startswith(newline, body_start):
        body_start += len(newline)
    body = text[body_start:]

    layout = Layout(newline="\r\n" if crlf else "\n", bom=bool(start)) if crlf or start else None
    fast = read_record(
        front, body=body, layout=layout, max_nodes=limits.max_nodes, max_depth=limits.max_depth
    )
    if fast is not None:
        return fast
    root, data = _load_yaml(front, limits, source)
    if not isinstance(data, dict):
        empty = data is None
        reason = "the front matter is empty" if empty else "the front matter is not a mapping"
        raise SchemaError(reason, file=source, line=2)
    return structure_record(data, body=body, layout=layout, root=root, source=source)


def structure_record(
    data: dict[Any, Any],
    *,
    body: str = "",
    layout: Layout | None = None,
    root: yaml.Node | None = None,
    source: str | None = None,
) -> Record:
    """Build a record from front-matter data with the converter, or raise :class:`SchemaError`.

    ``data`` is changed (the body and layout are added under their keys).
    With ``root``, the YAML tree ``data`` came from, errors give lines.
    """
    if body:
        data[BODY_KEY] = body
    if layout is not None:
        data[LAYOUT_KEY] = layout
    try:
        record: Record = converter.structure(data, Record)
    except (ClassValidationError, IterableValidationError, MismatchError) as exc:
        raise schema_error(exc, root, source) from None
    return record


def _load_yaml(front: str, limits: Limits, source: str | None) -> tuple[Any, Any]:
    loader = _Loader(front)
    try:
        root = loader.get_single_node()
        if root is None:
            return None, None
        _check_tree(root, limits, source)
        try:
            return root, loader.construct_document(root)
        except (ValueError, TypeError, AttributeError, OverflowError) as exc:
            # An explicit tag on a value that does not fit it: !!int abc, ...
            line = _failing_scalar_line(loader, root)
            raise YAMLSyntaxError(
                f"a value does not fit its YAML tag ({type(exc).__name__}: {exc})",
                file=source,
                line=line,
            ) from None
    except RecordError:
        raise
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 2 if mark is not None else None
        column = mark.column + 1 if mark is not None else None
        problem = exc.problem or str(exc)
        if isinstance(exc, yaml.constructor.ConstructorError):
            raise UnsafeYAMLError(problem, file=source, line=line, column=column) from None
        context = f" ({exc.context})" if exc.context else ""
        raise YAMLSyntaxError(
            f"invalid YAML: {problem}{context}", file=source, line=line, column=column
        ) from None
    except yaml.YAMLError as exc:
        # ReaderError: a character YAML does not allow in a stream.
        position = getattr(exc, "position", None)
        line = _line_of(front, position) + 1 if isinstance(position, int) else None
        raise YAMLSyntaxError(f"invalid YAML: {exc}", file=source, line=line) from None
    except RecursionError:
        raise LimitError("the front matter nests too deeply", file=source) from None
    finally:
        loader.dispose()


def _failing_scalar_line(loader: Any, root: yaml.Node) -> int | None:
    """Find the line of the first scalar PyYAML cannot construct (only on the error path)."""
    stack = [root]
    while stack:
        node = stack.pop()
        if isinstance(node, yaml.ScalarNode):
            try:
                loader.construct_object(node)
            except Exception:
                return int(node.start_mark.line) + 2
        elif isinstance(node, yaml.MappingNode):
            stack.extend(v for pair in reversed(node.value) for v in reversed(pair))
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(reversed(node.value))
    return None


def _check_tree(root: yaml.Node, limits: Limits, source: str | None) -> None:
    """Refuse unsafe tags, duplicate keys, and trees too large once aliases are expanded."""
    # Each node comes with the mark of the place that holds it (for an alias,
    # where it is used; the node's own mark is the anchor's) and whether it
    # sits inside a repeated node, whose own nodes are not alias uses again.
    stack: list[tuple[yaml.Node, int, yaml.Mark, bool]] = [(root, 1, root.start_mark, False)]
    seen: set[int] = set()
    budget = limits.max_nodes
    aliases = 0
    while stack:
        node, depth, held, repeated = stack.pop()
        line = node.start_mark.line + 2
        column = node.start_mark.column + 1
        budget -= 1
        if budget < 0:
            raise LimitError(
                f"more than {limits.max_nodes:,} YAML nodes once aliases are expanded "
                "(Limits.max_nodes)",
                file=source,
                line=line,
                column=column,
            )
        if depth > limits.max_depth:
            raise LimitError(
                f"nested more than {limits.max_depth} levels deep (Limits.max_depth)",
                file=source,
                line=line,
                column=column,
            )
        if repeated:
            pass
        elif id(node) in seen:
            repeated = True
            aliases += 1
            if aliases > limits.max_aliases:
                raise LimitError(
                    f"more than {limits.max_aliases} alias uses (Limits.max_aliases); "
                    f"this one repeats the node on line {line}",
                    file=source,
                    line=held.line + 2,
                    column=held.column + 1,
                )
        else:
            seen.add(id(node))
        if node.tag not in _SAFE_TAGS:
            raise UnsafeYAMLError(
                f"the YAML tag {node.tag!r} is not allowed: records are read with safe YAML only",
                file=source,
                line=line,
                column=column,
            )
        if isinstance(node, yaml.MappingNode):
            keys: dict[tuple[str, str], int] = {}
            pairs: list[tuple[yaml.Node, int, yaml.Mark, bool]] = []
            for key, value in node.value:
                if isinstance(key, yaml.ScalarNode) and key.tag != _YAML + "merge":
                    ident = (key.tag, key.value)
                    key_line = key.start_mark.line + 2
                    if ident in keys:
                        raise YAMLSyntaxError(
                            f"duplicate key {key.value!r} (first on line {keys[ident]})",
                            file=source,
                            line=key_line,
                            column=key.start_mark.column + 1,
                        )
                    keys[ident] = key_line
                pairs.append((key, depth + 1, key.start_mark, repeated))
                pairs.append((value, depth + 1, key.start_mark, repeated))
            # Reversed, so that nodes pop in document order: an anchor is met
            # before the aliases that repeat it.
            stack.extend(reversed(pairs))
        elif isinstance(node, yaml.SequenceNode):
            items = reversed(node.value)
            stack.extend((item, depth + 1, node.start_mark, repeated) for item in items)


def _leaves(
    exc: BaseException, path: tuple[str | int, ...]
) -> Iterator[tuple[tuple[str | int, ...], BaseException]]:
    if isinstance(exc, ClassValidationError):
        with_notes, without = exc.group_exceptions()
        for sub, note in with_notes:
            yield from _leaves(sub, (*path, file_key(note.name)))
        for sub in without:
            yield from _leaves(sub, path)
    elif isinstance(exc, IterableValidationError):
        with_index, rest = exc.group_exceptions()
        for sub, inote in with_index:
            yield from _leaves(sub, (*path, inote.index))
        for sub in rest:
            yield from _leaves(sub, path)
    else:
        yield path, exc


def _format_path(path: tuple[str | int, ...]) -> str:
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text


def _node_at(root: yaml.Node, path: tuple[str | int, ...]) -> yaml.Node:
    """Return the node at ``path``, or the deepest one that exists on the way."""
    node = root
    for part in path:
        child = None
        if isinstance(node, yaml.MappingNode) and isinstance(part, str):
            child = next((v for k, v in node.value if k.value == part), None)
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int):
            child = node.value[part] if part < len(node.value) else None
        if child is None:
            return node
        node = child
    return node


def schema_error(exc: BaseException, root: yaml.Node | None, source: str | None) -> SchemaError:
    """Turn a cattrs validation error into a :class:`SchemaError` with every bad field.

    The error's message names the first; its ``problems`` list them all.
    """
    problems = []
    for path, leaf in _leaves(exc, ()):
        if isinstance(leaf, KeyError):
            reason = "missing required field"
        elif isinstance(leaf, MismatchError):
            reason = str(leaf)
        else:
            reason = f"{type(leaf).__name__}: {leaf}"
        mark = _node_at(root, path).start_mark if root is not None else None
        problems.append(
            SchemaError(
                reason,
                file=source,
                line=mark.line + 2 if mark is not None else None,
                column=mark.column + 1 if mark is not None else None,
                field=_format_path(path) or None,
            )
        )
    return SchemaError.of(problems)
