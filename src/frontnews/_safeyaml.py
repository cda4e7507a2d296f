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
from .errors import LimitError, RecordError, UnsafeYAMLError, YAMLSyntaxError
from .limits import Limits

__all__ = ["load", "locate", "node_at"]

_Loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_YAML = "tag:yaml.org,2002:"
_SAFE_TAGS = frozenset(
    _YAML + name
    for name in ("str", "int", "float", "bool", "null", "timestamp", "seq", "map", "binary", "set")
) | {_YAML + "merge"}


def load(front: str, limits: Limits, source: str | None) -> tuple[yaml.Node | None, Any]:
    """Return the YAML tree of ``front`` and the data it stands for, checked against ``limits``.

    Every failure is a :class:`~frontnews.RecordError` naming the line:
    invalid YAML, a tag safe loading does not allow, a duplicate key, or a
    tree too large, deep or aliased.
    """
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
        line = line_of(front, position) + 1 if isinstance(position, int) else None
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
