"""The ``frontnews`` command line, built on click.

``frontnews.cli:cli`` is the click group; ``frontnews.cli:main`` runs it and
returns the exit status (it is the console-script entry point, and
``python -m frontnews`` calls it). Only this package imports click, and
``import frontnews`` does not import it. Each command has its own module.
"""

from ._app import cli, main
from ._common import PROGRESS_MIN_FILES

__all__ = ["PROGRESS_MIN_FILES", "cli", "main"]
