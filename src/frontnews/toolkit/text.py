"""Text to bytes for formats that must be valid UTF-8."""

from __future__ import annotations

__all__ = ["utf8"]


def utf8(text: str) -> bytes:
    r"""Encode ``text`` as UTF-8, even when it holds surrogate code points.

    A high surrogate directly followed by a low one becomes the character the
    pair stands for; every other surrogate becomes U+FFFD. Text without
    surrogates costs one ``str.encode``.

    >>> utf8("café")
    b'caf\xc3\xa9'
    >>> utf8("pair \ud83d\ude00, lone \ud800").decode("utf-8")
    'pair 😀, lone �'
    """
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError:
        # Through UTF-16 a well-formed pair decodes to its character and any
        # other surrogate to U+FFFD.
        units = text.encode("utf-16-le", "surrogatepass")
        return units.decode("utf-16-le", "replace").encode("utf-8")
