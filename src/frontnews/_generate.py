"""Write the static canonical reader and writer of Record: ``python -m frontnews._generate``.

The reader and the writer are generated from the schema (:mod:`frontnews.schema`).
For :class:`~frontnews.Record` their code is also written out, typed, as two
modules of the package, ``_canonical_gen.py`` and ``_writer_gen.py``, so that
mypyc can compile them when a wheel is built (``hatch_build.py``); other model
classes keep the code generated at run time. Run this after changing the model
or the code generators; ``--check`` only says whether the files are up to date
(``tests/test_generate.py`` runs it).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from . import _canonical, writer
from .model import Record

__all__ = ["main", "sources"]

_HERE = Path(__file__).resolve().parent

_WARNING = '''"""{what} of Record, generated from frontnews.schema: do not edit.

Written by ``python -m frontnews._generate``; {why}.
Compiled by mypyc when a wheel is built with a C compiler; run as plain
Python otherwise (``frontnews._build``).
"""

# The type tests narrow values of declared types: their failing branches are
# unreachable for mypy, but not for a caller who ignores the annotations.
# mypy: disable-error-code="unreachable"
from __future__ import annotations
'''


def _reader_module() -> str:
    functions, defaults = _canonical.reader_source(Record)
    head = _WARNING.format(
        what="The canonical reader", why="frontnews._canonical generates the code"
    )
    lines = [
        head,
        "from collections.abc import Callable",
        "from datetime import datetime",
        "",
        "import attrs",
        "",
        "from ._canonical import (",
        "    _PLAIN,",
        "    _DeclineError,",
        "    _int,",
        "    _plain_text,",
        "    _text,",
        "    _timestamp,",
        ")",
        "from .model import Image, Layout, Provider, Record, RelatedArticle, Secured",
        "from .scalars import is_plain_safe",
        "",
        "_fromisoformat = datetime.fromisoformat",
        "QUOTE = '\"'",
        "BACKSLASH = '\\\\'",
    ]
    for name in defaults:
        cls, attribute = name.removeprefix("_DEFAULT_").split("_", 1)
        lines.append(f"{name} = attrs.fields({cls}).{attribute}.default")
    return "\n".join(lines) + "\n\n\n" + functions


def _writer_module() -> str:
    functions = writer.writer_source(Record)
    head = _WARNING.format(what="The canonical writer", why="frontnews.writer generates the code")
    lines = [
        head,
        "from collections.abc import Callable",
        "from datetime import datetime, timezone",
        "from typing import Any",
        "",
        "from .errors import SchemaError, WriteError",
        "from .model import Image, Layout, Provider, Record, RelatedArticle, Secured",
        "from .scalars import format_datetime, plain, quoted",
        "from .writer import _extra_lines as extra_lines",
        "from .writer import _mismatch as mismatch",
        "from .writer import _mismatch_unshown as mismatch_unshown",
        "from .writer import _unwritable as unwritable",
        "",
        "QUOTE = '\"'",
        "BACKSLASH = '\\\\'",
        "UTC = timezone.utc",
    ]
    return "\n".join(lines) + "\n\n\n" + functions


def sources() -> dict[Path, str]:
    """Each generated file's path and the text it should hold."""
    return {
        _HERE / "_canonical_gen.py": _reader_module(),
        _HERE / "_writer_gen.py": _writer_module(),
    }


def main(argv: Sequence[str] | None = None) -> int:
    """Write the generated modules (or, with ``--check``, say which are out of date)."""
    parser = argparse.ArgumentParser(prog="python -m frontnews._generate", description=__doc__)
    parser.add_argument("--check", action="store_true", help="only check; exit 1 if out of date")
    options = parser.parse_args(argv)
    stale = [path for path, text in sources().items() if _read(path) != text]
    for path in stale:
        if options.check:
            print(f"out of date: {path}", file=sys.stderr)
        else:
            path.write_text(sources()[path], encoding="utf-8", newline="\n")
            print(f"wrote {path}")
    return 1 if options.check and stale else 0


def _read(path: Path) -> str | None:
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None


if __name__ == "__main__":
    sys.exit(main())
