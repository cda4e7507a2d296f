"""The installed version of frontnews, read once from the package metadata."""

from __future__ import annotations

from importlib import metadata

__all__ = ["__version__"]

#: The version of frontnews, as a string (written only in ``pyproject.toml``).
__version__: str = metadata.version("frontnews")
