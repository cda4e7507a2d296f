"""What a file's layout holds beyond the canonical style: its key orders and its comments.

Read from the YAML tree of front matter that the canonical reader declined,
so that writing the record back keeps the file's own key order, and so that
no YAML comment is dropped without the caller saying so.
"""

from __future__ import annotations

import bisect
from typing import Any

import attrs
import yaml

from ._frontmatter import line_of
from .model import Layout, Record
from .scalars import is_plain_safe
from .schema import Kind, schema_of

__all__ = ["file_layout"]


def file_layout(front: str, root: yaml.Node, data: dict[Any, Any], layout: Layout) -> Layout:
    """Return ``layout`` with the key order (when not canonical) and comment lines of ``front``.

    ``root`` and ``data`` are the YAML tree and data of ``front``; the
    record schema says what the canonical order is.
    """
    key_order = None if schema_of(Record).is_canonical_order(data) else tuple(data)
    nested: list[tuple[str, tuple[Any, ...]]] = []
    _nested_orders(Record, data, "", nested)
    styles: list[tuple[str, str]] = []
    if isinstance(root, yaml.MappingNode):
        _scalar_styles(Record, root, "", styles)
    comments = comment_lines(front, root)
    if key_order is None and not comments and not nested and not styles:
        return layout
    return attrs.evolve(
        layout,
        key_order=key_order,
        comments=comments,
        nested_key_orders=tuple(nested),
        scalar_styles=tuple(styles),
    )


def _nested_orders(
    cls: type[Any], data: dict[Any, Any], path: str, found: list[tuple[str, tuple[Any, ...]]]
) -> None:
    """Add the path and key order of each mapping inside ``data`` whose order is not canonical.

    The schema of ``cls`` says which keys hold mappings (``provider``) or
    sequences of mappings (``images``); ``data`` is the YAML data the record
    was converted from, so its shape is already checked.
    """
    for f in schema_of(cls).fields:
        if f.cls is None or f.kind not in (Kind.MAPPING, Kind.MAPPINGS):
            continue
        value = data.get(f.key)
        here = f"{path}.{f.key}" if path else f.key
        items = (
            [(here, value)]
            if f.kind is Kind.MAPPING
            else [(f"{here}[{i}]", item) for i, item in enumerate(value or ())]
        )
        for item_path, item in items:
            if not isinstance(item, dict):
                continue
            if not schema_of(f.cls).is_canonical_order(item):
                found.append((item_path, tuple(item)))
            _nested_orders(f.cls, item, item_path, found)


def _scalar_styles(
    cls: type[Any], node: yaml.MappingNode, path: str, found: list[tuple[str, str]]
) -> None:
    """Add the path and style of each text scalar under ``node`` not in the canonical style.

    Only the styles the writer can reproduce count: plain, double- and
    single-quoted (a block scalar is written the canonical way).
    """
    fields = {f.key: f for f in schema_of(cls).fields}
    for key_node, value in node.value:
        f = fields.get(key_node.value) if isinstance(key_node, yaml.ScalarNode) else None
        if f is None:
            continue
        here = f"{path}.{f.key}" if path else f.key
        if f.kind is Kind.TEXT:
            _style_of(value, here, f.quoted, found)
        elif f.kind is Kind.TEXTS and isinstance(value, yaml.SequenceNode):
            for index, item in enumerate(value.value):
                _style_of(item, f"{here}[{index}]", f.quoted, found)
        elif f.cls is None:
            continue
        elif f.kind is Kind.MAPPING and isinstance(value, yaml.MappingNode):
            _scalar_styles(f.cls, value, here, found)
        elif f.kind is Kind.MAPPINGS and isinstance(value, yaml.SequenceNode):
            for index, item in enumerate(value.value):
                if isinstance(item, yaml.MappingNode):
                    _scalar_styles(f.cls, item, f"{here}[{index}]", found)


def _style_of(node: yaml.Node, here: str, quoted: bool, found: list[tuple[str, str]]) -> None:
    """Add ``(here, style)`` when the text scalar ``node`` is not written the canonical way."""
    if not isinstance(node, yaml.ScalarNode) or node.tag != "tag:yaml.org,2002:str":
        return
    style, text = node.style or "", node.value
    plain_safe = is_plain_safe(text)
    # Only a style the writer gives back: plain where that reads back the same
    # text, single quotes for one printable line.
    writable = {"": plain_safe, "'": text.isprintable(), '"': True}
    canonical = '"' if quoted or not plain_safe else ""
    if style != canonical and writable.get(style, False):
        found.append((here, style))


def comment_lines(front: str, root: yaml.Node) -> tuple[int, ...]:
    """The file lines (front matter starts on line 2) on which a YAML comment stands.

    A ``#`` starts a comment at the start of a line or after white space,
    unless it is inside a scalar (a quoted string, a block scalar, a URL
    fragment in a plain value): the scalars' spans come from the tree.
    """
    if "#" not in front:
        return ()
    starts, ends = _scalar_spans(root)
    lines: set[int] = set()
    at = front.find("#")
    while at >= 0:
        if at == 0 or front[at - 1] in " \t\r\n":
            inside = bisect.bisect_right(starts, at) - 1
            if inside < 0 or at >= ends[inside]:
                lines.add(line_of(front, at) + 1)
        at = front.find("#", at + 1)
    return tuple(sorted(lines))


def _scalar_spans(root: yaml.Node) -> tuple[list[int], list[int]]:
    """The start and end offsets of every scalar in the tree, sorted by start."""
    spans: list[tuple[int, int]] = []
    stack = [root]
    seen: set[int] = set()
    while stack:
        node = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, yaml.ScalarNode):
            spans.append((node.start_mark.index, node.end_mark.index))
        elif isinstance(node, yaml.MappingNode):
            stack.extend(part for pair in node.value for part in pair)
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)
    spans.sort()
    return [s for s, _ in spans], [e for _, e in spans]
