"""Spreadsheet cells: the formula guard, one rule for writing and for reading back.

Spreadsheet programs run a cell as a formula when its text starts with ``=``,
``+``, ``-`` or ``@`` (some also with a tab or a carriage return). A CSV
exporter defuses such text with a leading ``'``, which spreadsheets read as
"this is text": :func:`guard_formula`. An importer takes the ``'`` off again
with :func:`unguard_formula`, and gets back exactly the text that was guarded.

To make the guard reversible, text that already starts with ``'`` followed by
a trigger or by another ``'`` is guarded too (``'=x`` is written ``''=x``):
otherwise a reader could not tell a guarded ``=x`` from a title that really
was ``'=x``. Other text starting with ``'`` (``'Tis``) is left as it is.
"""

from __future__ import annotations

__all__ = ["FORMULA_TRIGGERS", "QUOTE_PREFIX", "guard_formula", "unguard_formula"]

#: A text cell starting with one of these is run as a formula by some spreadsheet.
FORMULA_TRIGGERS: tuple[str, ...] = ("=", "+", "-", "@", "\t", "\r")

#: What the guard puts in front of a cell: spreadsheets take it to mean "text".
QUOTE_PREFIX = "'"

_AFTER_QUOTE = (*FORMULA_TRIGGERS, QUOTE_PREFIX)


def _needs_guard(text: str) -> bool:
    if text.startswith(FORMULA_TRIGGERS):
        return True
    return text.startswith(QUOTE_PREFIX) and text[1:2].startswith(_AFTER_QUOTE)


def guard_formula(text: str) -> str:
    """Return ``text`` as a cell no spreadsheet runs as a formula: ``'`` before it when needed.

    >>> guard_formula("=SUM(A1)"), guard_formula("-1 degree"), guard_formula("a=b")
    ("'=SUM(A1)", "'-1 degree", 'a=b')
    >>> guard_formula("'=x"), guard_formula("'Tis the season")
    ("''=x", "'Tis the season")
    """
    return QUOTE_PREFIX + text if _needs_guard(text) else text


def unguard_formula(cell: str) -> str:
    """Undo :func:`guard_formula`: ``unguard_formula(guard_formula(text)) == text`` for any text.

    >>> unguard_formula("'=SUM(A1)"), unguard_formula("''=x"), unguard_formula("'Tis")
    ('=SUM(A1)', "'=x", "'Tis")
    >>> unguard_formula("=typed in a spreadsheet")
    '=typed in a spreadsheet'
    """
    if cell.startswith(QUOTE_PREFIX) and _needs_guard(cell[1:]):
        return cell[1:]
    return cell
