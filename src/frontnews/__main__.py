"""``python -m frontnews``: the ``frontnews`` command."""

from __future__ import annotations

from frontnews.cli import main

if __name__ == "__main__":
    raise SystemExit(main())
