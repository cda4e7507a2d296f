"""Which build of the generated modules runs: compiled by mypyc, or pure Python.

The canonical reader and writer of :class:`~frontnews.Record` are static
modules, ``_canonical_gen.py`` and ``_writer_gen.py``, written by
:mod:`frontnews._generate`. A wheel built where a C compiler is available
holds them compiled with mypyc as well (``docs/performance.md``); the
import system then prefers the compiled extension. The same source runs
as plain Python in an editable install, where no compiler was found, or
when the environment variable ``FRONTNEWS_PURE_PYTHON`` is set to anything
but ``""`` or ``"0"`` before frontnews is imported.
"""

from __future__ import annotations

import importlib
import importlib.util
import os
import sys
from pathlib import Path
from types import ModuleType

__all__ = ["GENERATED", "PURE_PYTHON", "compiled", "generated", "is_compiled", "source_module"]

#: The generated modules, by name within the package.
GENERATED = ("_canonical_gen", "_writer_gen")

#: Whether the environment asked for pure Python (read once, when frontnews is imported).
PURE_PYTHON = os.environ.get("FRONTNEWS_PURE_PYTHON", "") not in ("", "0")

_PACKAGE = __name__.rpartition(".")[0]


def is_compiled(module: ModuleType) -> bool:
    """Whether ``module`` was loaded from a compiled extension rather than a ``.py`` file."""
    return not str(getattr(module, "__file__", "") or "").endswith(".py")


def source_module(name: str, alias: str | None = None) -> ModuleType:
    """Import the ``.py`` source of the generated module ``name``, whatever else is installed.

    It is registered as ``frontnews.<name>`` (so that every later import
    gets this one), or as ``frontnews.<alias>`` when given: the tests load
    both builds side by side that way.
    """
    full = f"{_PACKAGE}.{alias or name}"
    known = sys.modules.get(full)
    if known is not None and not is_compiled(known):
        return known
    path = Path(__file__).with_name(f"{name}.py")
    spec = importlib.util.spec_from_file_location(full, path)
    if spec is None or spec.loader is None:  # pragma: no cover - the file ships with frontnews
        raise ImportError(f"cannot load {path}")
    module = importlib.util.module_from_spec(spec)
    sys.modules[full] = module
    spec.loader.exec_module(module)
    return module


def generated(name: str) -> ModuleType:
    """The generated module ``name``: compiled if it was, unless pure Python was asked for."""
    if PURE_PYTHON:
        return source_module(name)
    return importlib.import_module(f"{_PACKAGE}.{name}")


def compiled() -> bool:
    """Whether the canonical reader and writer that run are compiled (``frontnews --version``)."""
    return all(is_compiled(generated(name)) for name in GENERATED)
