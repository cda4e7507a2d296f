"""Safe YAML: PyYAML's safe loader (libyaml where present), with limits checked before building.

Only the tags of the YAML 1.1 safe schema are allowed, duplicate keys are
refused, and the tree is measured (nodes once aliases are expanded, alias
uses, depth) before any Python object is built from it. Line numbers are the
file's: the front matter starts on line 2.
"""

from __future__ import annotations

from typing import Any

import yaml

from ._frontmatter import line_of
from .errors import LimitError, RecordError, UnsafeYAMLError, YAMLSyntaxError, _format_path
from .limits import Limits

__all__ = ["load", "locate", "node_at", "tree"]

_Loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_YAML = "tag:yaml.org,2002:"
_SAFE_TAGS = frozenset(
    _YAML + name
    for name in ("str", "int", "float", "bool", "null", "timestamp", "seq", "map", "binary", "set")
) | {_YAML + "merge"}


def load(front: str, limits: Limits, source: str | None) -> tuple[yaml.Node | None, Any]:
    """Return the YAML tree of ``front`` and the data it stands for, checked against ``limits``.

    Every failure is a :class:`~frontnews.RecordError` naming the line:
    invalid YAML, a tag safe loading does not allow, a duplicate key (also
    keys equal once typed, ``1`` and ``0x1``), a value its tag cannot hold,
    or a tree too large, deep, aliased or long once aliases are expanded.
    Each limit is checked before the work it guards.
    """
    if len(front) > limits.max_nodes:
        _count_events(front, limits, source)
    loader = _Loader(front)
    try:
        root = loader.get_single_node()
        if root is None:
            return None, None
        _TreeCheck(loader, limits, source).run(root)
        return root, _construct(loader, root, source)
    except RecordError:
        raise
    except yaml.MarkedYAMLError as exc:
        raise _marked_error(exc, source) from None
    except yaml.YAMLError as exc:
        # ReaderError: a character YAML does not allow in a stream.
        position = getattr(exc, "position", None)
        line = line_of(front, position) + 1 if isinstance(position, int) else None
        raise YAMLSyntaxError(f"invalid YAML: {exc}", file=source, line=line) from None
    except RecursionError:
        raise LimitError("the front matter nests too deeply", file=source) from None
    finally:
        loader.dispose()


def _marked_error(exc: yaml.MarkedYAMLError, source: str | None) -> RecordError:
    mark = exc.problem_mark or exc.context_mark
    line = mark.line + 2 if mark is not None else None
    column = mark.column + 1 if mark is not None else None
    problem = exc.problem or str(exc)
    if isinstance(exc, yaml.constructor.ConstructorError):
        return UnsafeYAMLError(problem, file=source, line=line, column=column)
    context = f" ({exc.context})" if exc.context else ""
    return YAMLSyntaxError(
        f"invalid YAML: {problem}{context}", file=source, line=line, column=column
    )


def _count_events(front: str, limits: Limits, source: str | None) -> None:
    """Refuse front matter with more parse events than ``limits.max_nodes`` allows.

    Building the tree of a long flow list costs memory for every node before
    any check could run on the tree; counting the parser's events first,
    one at a time, bounds that work by the limit. Syntax errors are left to
    the real parse, which reports them.
    """
    budget = 2 * limits.max_nodes + 4  # a node is at most two events, plus the stream's four
    loader = _Loader(front)
    try:
        while loader.check_event():
            event = loader.get_event()
            budget -= 1
            if budget < 0:
                raise LimitError(
                    f"more than {limits.max_nodes:,} YAML nodes (Limits.max_nodes)",
                    file=source,
                    line=event.start_mark.line + 2,
                )
            if isinstance(event, yaml.ScalarEvent) and len(event.value) > limits.max_int_digits:
                _long_number(event, limits, source)
    except yaml.YAMLError:
        return
    finally:
        loader.dispose()


# Every character a YAML 1.1 integer or float can hold: 0x1F, 0o17, 0b101, 1_000, 1:30, -.5e3.
_NUMERIC = str.maketrans("", "", "0123456789abcdefABCDEFxXoObB_:+-.")
_NUMBER_START = frozenset("+-.0123456789")


def _long_number(event: yaml.ScalarEvent, limits: Limits, source: str | None) -> None:
    """Refuse a long plain scalar that could be a number, before the resolver's regex runs.

    Matching a long sexagesimal integer (``1:1:1:...``) against YAML's
    number patterns takes memory in proportion to its length.
    """
    value = event.value
    numeric = value[:1] in _NUMBER_START and not value.translate(_NUMERIC)
    if event.implicit[0] and numeric:
        raise LimitError(
            f"a number of {len(event.value):,} characters, more than "
            f"{limits.max_int_digits:,} digits (Limits.max_int_digits)",
            file=source,
            line=event.start_mark.line + 2 if event.start_mark is not None else None,
        )


def _construct(loader: Any, root: yaml.Node, source: str | None) -> Any:
    """Build the Python data of a checked tree; a value its tag cannot hold names its field."""
    try:
        return loader.construct_document(root)
    except (yaml.YAMLError, RecursionError):
        raise
    except Exception as exc:
        # An explicit tag on a value that does not fit it (!!int abc, !!bool ""),
        # or an implicit one out of range (a date with month 13, an offset of +24:00).
        path, line = _failing_scalar(loader, root)
        raise YAMLSyntaxError(
            f"a value does not fit its YAML type ({type(exc).__name__}: {exc})",
            file=source,
            line=line,
            field=_format_path(path) or None,
        ) from None


def _failing_scalar(loader: Any, root: yaml.Node) -> tuple[tuple[str | int, ...], int | None]:
    """Find the path and line of the first scalar PyYAML cannot construct (error path only)."""
    stack: list[tuple[yaml.Node, tuple[str | int, ...]]] = [(root, ())]
    while stack:
        node, path = stack.pop()
        if isinstance(node, yaml.ScalarNode):
            try:
                loader.construct_object(node)
            except Exception:
                return path, int(node.start_mark.line) + 2
        elif isinstance(node, yaml.MappingNode):
            for key, value in reversed(node.value):
                stack.append((value, (*path, str(key.value))))
                stack.append((key, path))
        elif isinstance(node, yaml.SequenceNode):
            stack.extend((item, (*path, i)) for i, item in reversed(list(enumerate(node.value))))
    return (), None


_INT = _YAML + "int"
_MERGE = _YAML + "merge"


class _TreeCheck:
    """One pass over a YAML tree, aliases expanded, refusing what the limits do not allow.

    Each node comes with its depth, the mark of the place that holds it (for
    an alias, where it is used; the node's own mark is the anchor's) and
    whether it sits inside a repeated node, whose own nodes are not alias
    uses again.
    """

    def __init__(self, loader: Any, limits: Limits, source: str | None) -> None:
        self.loader = loader
        self.limits = limits
        self.source = source
        self.nodes = 0
        self.aliases = 0
        self.scalar_bytes = 0
        self.seen: set[int] = set()

    def fail(self, reason: str, mark: yaml.Mark, cls: type[RecordError] = LimitError) -> None:
        raise cls(reason, file=self.source, line=mark.line + 2, column=mark.column + 1)

    def run(self, root: yaml.Node) -> None:
        """Check every node of the tree, in document order."""
        stack: list[tuple[yaml.Node, int, yaml.Mark, bool]] = [(root, 1, root.start_mark, False)]
        while stack:
            node, depth, held, repeated = stack.pop()
            repeated = self.visit(node, depth, held, repeated)
            if isinstance(node, yaml.MappingNode):
                self.keys(node)
                pairs = []
                for key, value in node.value:
                    pairs.append((key, depth + 1, key.start_mark, repeated))
                    pairs.append((value, depth + 1, key.start_mark, repeated))
                # Reversed, so that nodes pop in document order: an anchor is
                # met before the aliases that repeat it.
                stack.extend(reversed(pairs))
            elif isinstance(node, yaml.SequenceNode):
                items = reversed(node.value)
                stack.extend((item, depth + 1, node.start_mark, repeated) for item in items)

    def visit(self, node: yaml.Node, depth: int, held: yaml.Mark, repeated: bool) -> bool:
        """Count one node against the limits; return whether it is inside a repeated node."""
        limits, mark = self.limits, node.start_mark
        self.nodes += 1
        if self.nodes > limits.max_nodes:
            self.fail(
                f"more than {limits.max_nodes:,} YAML nodes once aliases are expanded "
                "(Limits.max_nodes)",
                mark,
            )
        if depth > limits.max_depth:
            self.fail(f"nested more than {limits.max_depth} levels deep (Limits.max_depth)", mark)
        if not repeated and id(node) in self.seen:
            repeated = True
            self.aliases += 1
            if self.aliases > limits.max_aliases:
                self.fail(
                    f"more than {limits.max_aliases} alias uses (Limits.max_aliases); "
                    f"this one repeats the node on line {mark.line + 2}",
                    held,
                )
        elif not repeated:
            self.seen.add(id(node))
        if node.tag not in _SAFE_TAGS:
            self.fail(
                f"the YAML tag {node.tag!r} is not allowed: records are read with safe YAML only",
                mark,
                UnsafeYAMLError,
            )
        if isinstance(node, yaml.ScalarNode):
            self.scalar(node)
        return repeated

    def scalar(self, node: yaml.ScalarNode) -> None:
        """Bound a scalar's cost before it is built: integer digits, total text once expanded."""
        limits = self.limits
        if node.tag == _INT and len(node.value) > limits.max_int_digits:
            self.fail(
                f"an integer of {len(node.value):,} characters, more than "
                f"{limits.max_int_digits:,} digits (Limits.max_int_digits)",
                node.start_mark,
            )
        self.scalar_bytes += len(node.value)
        if self.scalar_bytes > limits.max_expanded_bytes:
            self.fail(
                f"more than {limits.max_expanded_bytes:,} characters of values once aliases "
                "are expanded (Limits.max_expanded_bytes)",
                node.start_mark,
            )

    def keys(self, node: yaml.MappingNode) -> None:
        """Refuse two keys of one mapping that are equal once typed (``1`` and ``0x1`` too)."""
        first: dict[Any, int] = {}
        for key, _value in node.value:
            if not isinstance(key, yaml.ScalarNode) or key.tag == _MERGE:
                continue
            self.scalar(key)
            line = key.start_mark.line + 2
            try:
                value = self.loader.construct_object(key)
                earlier = first.get(value)
            except Exception:
                continue  # built again later, where the failure is reported with its place
            if earlier is not None:
                same = "" if str(value) == key.value else f", the same as {value!r}"
                self.fail(
                    f"duplicate key {key.value!r} (first on line {earlier}{same})",
                    key.start_mark,
                    YAMLSyntaxError,
                )
            first[value] = line


def tree(front: str) -> yaml.Node | None:
    """The YAML tree of front matter that :func:`load` already read: only to find lines.

    Nothing is constructed and no limit is checked again; a failure (which
    :func:`load` would have reported) gives ``None``.
    """
    loader = _Loader(front)
    try:
        node: yaml.Node | None = loader.get_single_node()
        return node
    except yaml.YAMLError:
        return None
    finally:
        loader.dispose()


def node_at(root: yaml.Node, path: tuple[str | int, ...]) -> yaml.Node:
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


def locate(root: yaml.Node | None, path: tuple[str | int, ...]) -> tuple[int | None, int | None]:
    """Return the file line and column of the value at ``path`` (or of its deepest parent)."""
    if root is None:
        return None, None
    mark = node_at(root, path).start_mark
    return mark.line + 2, mark.column + 1
