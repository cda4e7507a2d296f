"""Cutting a record's text into its front matter, its body and its layout.

Nothing here reads YAML: the front matter is the text between the opening
``---`` line and the first closing ``---`` (or ``...``) line. The closing
line's own line break and one empty line after it are layout, not body.
"""

from __future__ import annotations

import re

import attrs

from .errors import EncodingError, FrontMatterError
from .model import Layout

__all__ = ["Parts", "decode", "line_of", "opens_front_matter", "split", "split_at_dashes"]

_OPEN = re.compile(r"---[ \t]*(\r?\n)")
# The same opening line in a file's first bytes, a byte order mark allowed before it;
# the end of the bytes may stand for the line break (a file of just "---").
_OPEN_BYTES = re.compile(rb"(?:\xef\xbb\xbf)?---[ \t]*(?:\r?\n|\Z)")
_CLOSE = re.compile(r"(?:---|\.\.\.)[ \t]*(?=\r?\n|\r?\Z)")
_BOM = "\ufeff"
_LF = Layout()
_LAYOUTS = {
    (False, False): _LF,
    (False, True): Layout(bom=True),
    (True, False): Layout(newline="\r\n"),
    (True, True): Layout(newline="\r\n", bom=True),
}


@attrs.frozen
class Parts:
    """A record's text, cut: front matter, body and layout.

    The front matter's first line is the file's line 2; the layout says the
    line endings and whether there is a byte order mark.
    """

    front: str
    body: str
    layout: Layout


def line_of(text: str | bytes, index: int) -> int:
    """Return the 1-based line number of the character (or byte) at ``index``."""
    if isinstance(text, bytes):
        return text.count(b"\n", 0, index) + 1
    return text.count("\n", 0, index) + 1


def opens_front_matter(head: bytes) -> bool:
    r"""Whether a file whose first bytes are ``head`` starts with a ``---`` line (after a BOM).

    A file that does not is not a record at all (a README, a page without front
    matter), rather than a broken one: a folder walk skips it.

    >>> opens_front_matter(b"---\ntitle: x\n"), opens_front_matter(b"\xef\xbb\xbf--- \r\n")
    (True, True)
    >>> opens_front_matter(b"# README\n"), opens_front_matter(b"----\n")
    (False, False)
    """
    return _OPEN_BYTES.match(head) is not None


def decode(data: bytes, source: str | None) -> str:
    """Decode a record file's bytes as UTF-8, or raise :class:`EncodingError` with the line."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise EncodingError(
            f"not UTF-8: byte 0x{data[exc.start]:02X} at offset {exc.start} cannot be decoded",
            file=source,
            line=line_of(data, exc.start),
        ) from None


def _closing(
    text: str, start: int, needles: tuple[str, ...] = ("\n---", "\n...")
) -> re.Match[str] | None:
    """Find the line that closes front matter opened just before ``start``.

    ``str.find`` jumps to the candidate lines; a regular expression scanning
    the whole front matter would take longer than reading it.
    """
    found: re.Match[str] | None = None
    end = len(text)
    for needle in needles:
        at = text.find(needle, start - 1, end)
        while at >= 0:
            match = _CLOSE.match(text, at + 1)
            if match is not None:
                found, end = match, at
                break
            at = text.find(needle, at + 1, end)
    return found


def split(text: str, source: str | None) -> Parts:
    """Cut ``text`` into front matter, body and layout, or raise naming the line."""
    nul = text.find("\x00")
    if nul >= 0:
        raise EncodingError("the text holds a NUL character", file=source, line=line_of(text, nul))
    start = 1 if text.startswith(_BOM) else 0
    opening = _OPEN.match(text, start)
    if opening is None:
        raise FrontMatterError(
            "no front matter: a record starts with a line '---'", file=source, line=1
        )
    closing = _closing(text, opening.end())
    if closing is None:
        raise FrontMatterError(
            "unclosed front matter: no line '---' ends the block opened on line 1",
            file=source,
            line=1,
        )
    return _parts(text, start, opening, closing)


def split_at_dashes(text: str) -> Parts | None:
    """Cut ``text`` as :func:`split` would if the first ``---`` line closes its front matter.

    One scan less than :func:`split`, which also looks for a ``...`` line
    before it: a canonical front matter holds no line starting with ``...``
    (the canonical reader declines one), so when the canonical reader reads
    the front matter cut here, :func:`split` would have cut the same.
    ``None`` where :func:`split` would raise, or finds no ``---`` line.
    """
    if "\x00" in text:
        return None
    start = 1 if text.startswith(_BOM) else 0
    opening = _OPEN.match(text, start)
    if opening is None:
        return None
    closing = _closing(text, opening.end(), ("\n---",))
    return None if closing is None else _parts(text, start, opening, closing)


def _parts(text: str, start: int, opening: re.Match[str], closing: re.Match[str]) -> Parts:
    """The parts of ``text`` around front matter from ``opening`` to ``closing``."""
    crlf = opening.group(1) == "\r\n"
    body_start = closing.end()
    for separator in ("\r\n", "\n"):
        if text.startswith(separator, body_start):
            body_start += len(separator)
            break
    newline = "\r\n" if crlf else "\n"
    if text.startswith(newline, body_start):
        body_start += len(newline)
    return Parts(
        front=text[opening.end() : closing.start()],
        body=text[body_start:],
        layout=_LAYOUTS[crlf, bool(start)],
    )
