"""Size limits that keep hostile input from costing unbounded time or memory."""

from __future__ import annotations

import attrs

__all__ = ["DEFAULT_LIMITS", "Limits"]


@attrs.frozen(kw_only=True)
class Limits:
    r"""How much input a read may take before it fails with :class:`~frontnews.LimitError`.

    The defaults are far above any real record (the largest in the public
    corpus is under 40 KB with about 700 YAML nodes) and far below what could
    hurt a server.

    - ``max_bytes``: size of the whole file, body included (default 8 MiB).
    - ``max_nodes``: YAML nodes in the front matter, counting every alias
      expansion, which is what stops "billion laughs" (default 100,000).
    - ``max_aliases``: alias uses (``*name``) in the front matter (default 100;
      canonical records have none).
    - ``max_depth``: nesting depth of the front matter (default 64).
    - ``max_int_digits``: digits of one integer, sexagesimal ones (``1:30``)
      included (default 1,000; ``quality`` and ``heat`` have a handful).
    - ``max_expanded_bytes``: characters of all values together once aliases
      are expanded, keys included (default 16 MiB): an anchored string
      repeated through aliases cannot grow past it.

    Pass them as ``limits=`` to :func:`frontnews.load`, :func:`frontnews.loads`
    and :func:`frontnews.iter_records`:

    >>> import frontnews
    >>> text = "---\nouter:\n  inner:\n    deepest: [1]\n---\n"
    >>> frontnews.loads(text, limits=Limits(max_depth=2))
    Traceback (most recent call last):
      ...
    frontnews.errors.LimitError: <string>:3: nested more than 2 levels deep (Limits.max_depth)
    """

    max_bytes: int = 8 * 1024 * 1024
    max_nodes: int = 100_000
    max_aliases: int = 100
    max_depth: int = 64
    max_int_digits: int = 1000
    max_expanded_bytes: int = 16 * 1024 * 1024


DEFAULT_LIMITS = Limits()
