"""Every hook is documented and tested: adding one without both fails the suite."""

from __future__ import annotations

import ast
import inspect
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pluggy
import pytest

from frontnews import hookspecs

ROOT = Path(__file__).resolve().parents[1]
PLUGIN_DOCS = ROOT / "docs" / "plugins.md"
# pluggy marks each specification with an attribute named after the project.
SPEC_MARK = "frontnews_spec"

HOOKSPECS: list[Callable[..., Any]] = [
    value
    for value in vars(hookspecs).values()
    if inspect.isfunction(value) and hasattr(value, SPEC_MARK)
]


def hook_ids(spec: Callable[..., Any]) -> str:
    """Name a parametrized case after its hook."""
    return spec.__name__


def names_of_test_functions() -> set[str]:
    """Names of the test functions in tests/, this module left out (it names no hook)."""
    names: set[str] = set()
    for path in sorted((ROOT / "tests").glob("test_*.py")):
        if path.name == Path(__file__).name:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        names.update(
            node.name
            for node in ast.walk(tree)
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
            and node.name.startswith("test_")
        )
    return names


def test_hookspecs_are_found() -> None:
    """The introspection finds the hooks pluggy sees, so the checks below check something."""
    assert HOOKSPECS
    pm = pluggy.PluginManager("frontnews")
    pm.add_hookspecs(hookspecs)
    assert {spec.__name__ for spec in HOOKSPECS} == {
        name for name in vars(pm.hook) if not name.startswith("_")
    }


@pytest.mark.parametrize("spec", HOOKSPECS, ids=hook_ids)
def test_each_hook_has_a_section_in_the_plugin_docs(spec: Callable[..., Any]) -> None:
    """docs/plugins.md has a ``### <hook name>`` heading for every hook."""
    text = PLUGIN_DOCS.read_text(encoding="utf-8")
    heading = re.compile(rf"^###\s+`?{re.escape(spec.__name__)}\b", re.MULTILINE)
    assert heading.search(text), f"{PLUGIN_DOCS.name} has no '### {spec.__name__}' section"


@pytest.mark.parametrize("spec", HOOKSPECS, ids=hook_ids)
def test_each_hook_has_a_test_named_after_it(spec: Callable[..., Any]) -> None:
    """Some test function in tests/ has the hook's name in its own name."""
    named = sorted(name for name in names_of_test_functions() if spec.__name__ in name)
    assert named, f"no test function in tests/ mentions {spec.__name__!r} in its name"


@pytest.mark.parametrize("spec", HOOKSPECS, ids=hook_ids)
def test_each_hook_docstring_says_what_its_return_value_means(spec: Callable[..., Any]) -> None:
    """A hook's docstring explains its arguments' use and what its return value means."""
    doc = inspect.getdoc(spec)
    assert doc, f"{spec.__name__} has no docstring"
    assert re.search(r"\breturn value\b|^Returns?\b", doc, re.MULTILINE), (
        f"the docstring of {spec.__name__} does not say what the return value means"
    )


@pytest.mark.parametrize("spec", HOOKSPECS, ids=hook_ids)
def test_each_hook_is_exported(spec: Callable[..., Any]) -> None:
    """Each hook is listed in ``frontnews.hookspecs.__all__``."""
    assert spec.__name__ in hookspecs.__all__
