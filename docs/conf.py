"""Sphinx configuration for the frontnews documentation site.

Build it with ``nox -s docs``, or directly::

    sphinx-build -W --keep-going -b html docs docs/_build/html

The pages are MyST Markdown; the API and hook references come from the
docstrings (autodoc), the command-line reference from the click commands
themselves (sphinx-click). Nothing here needs the network.
"""

from __future__ import annotations

import inspect
from typing import Any

from sphinx.application import Sphinx

import frontnews

project = "frontnews"
author = "The frontnews developers"
copyright = "The frontnews developers"
release = frontnews.__version__
version = release

extensions = [
    "myst_parser",
    "sphinx.ext.autodoc",
    "sphinx_click",
]

source_suffix = {".md": "markdown"}
root_doc = "index"
exclude_patterns = ["_build"]

# MyST: give every heading down to ### an anchor, so that `page.md#heading`
# links resolve (and fail the build when a heading is renamed).
myst_heading_anchors = 3

# autodoc: signatures show the types; members in source order; the class
# docstring only (constructors are attrs-generated and say nothing).
autodoc_member_order = "bysource"
autodoc_typehints = "signature"
autoclass_content = "class"

html_theme = "furo"
html_title = f"frontnews {release}"


def _drop_type_docstrings(  # noqa: PLR0917 (the signature Sphinx calls)
    app: Sphinx, what: str, name: str, obj: object, options: Any, lines: list[str]
) -> None:
    """Leave out a value's docstring when it is only the docstring of its type.

    ``frontnews.hookimpl`` is a pluggy marker: autodoc would otherwise show the
    marker class's documentation (how to make markers), which says nothing
    about this one. The page says what it is instead.
    """
    if what not in {"data", "attribute"} or not lines:
        return
    doc = type(obj).__doc__  # a slot descriptor for some types, such as a NamedTuple's fields
    own = inspect.cleandoc(doc) if isinstance(doc, str) else ""
    if own and "\n".join(lines).strip() == own.strip():
        lines.clear()


# Click help is plain text, which sphinx-click hands to reStructuredText: a
# "*.md" there would start emphasis. These characters are escaped in the help
# text, not in the markup sphinx-click writes around it (directives such as
# ".. option::" and fields such as ":default: ``'text'``").
_RST_ESCAPES = str.maketrans({"\\": "\\\\", "*": "\\*", "`": "\\`"})
_CLICK_TEXT_EVENTS = (
    "sphinx-click-process-description",
    "sphinx-click-process-options",
    "sphinx-click-process-arguments",
    "sphinx-click-process-epilog",
)


def _escape_click_help(app: Sphinx, ctx: object, lines: list[str]) -> None:
    """Escape reStructuredText markup characters in the plain-text lines of click help."""
    for index, line in enumerate(lines):
        if not line.lstrip().startswith((".. ", ":")):
            lines[index] = line.translate(_RST_ESCAPES)


def setup(app: Sphinx) -> dict[str, Any]:
    """Connect the docstring filter and the click help escaping above."""
    app.connect("autodoc-process-docstring", _drop_type_docstrings)
    for event in _CLICK_TEXT_EVENTS:
        app.connect(event, _escape_click_help)
    return {"parallel_read_safe": True}
