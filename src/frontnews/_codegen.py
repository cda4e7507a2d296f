"""Generating Python functions from the schema, as attrs and cattrs generate theirs.

The canonical reader and the writer are generated once per model class: the
schema fixes every line's key and indentation, so the generated code tests
and writes each line with constants, with no per-field dispatch at run time.
Generated source is registered with :mod:`linecache`, so that tracebacks and
debuggers show its lines.
"""

from __future__ import annotations

import linecache
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

__all__ = ["Source"]


class Source:
    """Python source being generated, one line at a time, with its indentation."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self._depth = 0

    def __call__(self, line: str) -> None:
        """Add ``line`` at the current indentation."""
        self.lines.append("    " * self._depth + line)

    @contextmanager
    def indented(self) -> Iterator[None]:
        """Indent the lines added inside the ``with`` block by one level."""
        self._depth += 1
        try:
            yield
        finally:
            self._depth -= 1

    def define(self, name: str, namespace: dict[str, Any], label: str) -> Any:
        """Compile the source into ``namespace`` and return the function called ``name``.

        ``label`` names the generated file (``<frontnews label>``) in tracebacks.
        """
        text = "\n".join(self.lines) + "\n"
        filename = f"<frontnews {label}>"
        linecache.cache[filename] = (
            len(text),
            None,
            [line + "\n" for line in self.lines],
            filename,
        )
        exec(compile(text, filename, "exec"), namespace)
        return namespace[name]
