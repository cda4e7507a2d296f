"""Load: reading records, frontnews ``loads`` against python-frontmatter and PyYAML."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import frontnews

from .peers import CSAFE_LOADER, libyaml_load, optional, pure_load
from .samples import Corpus, split_front_matter
from .timing import Measurement, each, progress, timed

__all__ = ["bench_load"]


def _itself(value: Any) -> Any:
    return value


def bench_load(
    corpus: Corpus, *, rounds: int, min_time: float, pure: bool = True
) -> list[Measurement]:
    """Time reading every record of ``corpus`` with frontnews and with each peer.

    The note column counts the records whose data equals what libyaml's safe
    loader reads from the front matter (frontnews compared through
    :func:`frontnews.to_dict`). ``pure=False`` leaves out PyYAML's
    pure-Python loader, which takes minutes on a large corpus.
    """
    data = corpus.data
    total = len(data)
    texts = [raw.decode("utf-8") for raw in data]
    fronts = [split_front_matter(text)[1] for text in texts]
    front_bytes = sum(len(front.encode("utf-8")) for front in fronts)
    expected = [libyaml_load(front) for front in fronts]
    pending: list[tuple[Callable[[], None], Measurement]] = []

    def measure(
        name: str,
        read: Callable[[Any], Any],
        inputs: Sequence[Any],
        size: int,
        data_of: Callable[[Any], Any] | None,
    ) -> None:
        """Time ``read``; ``data_of`` gets the front matter's data from what it returns."""
        progress(f"load: {name}")
        if data_of is None:
            note = "(this is the expected data)"
        else:
            same = sum(data_of(read(v)) == e for v, e in zip(inputs, expected, strict=True))
            note = f"{same} / {total}"
        reference = read is frontnews.loads
        pending.append(
            (each(read, inputs), Measurement(name, 0.0, total, size, (note,), reference))
        )

    name = "frontnews `loads(bytes)` → Record"
    measure(name, frontnews.loads, data, corpus.size, frontnews.to_dict)
    frontmatter = optional("frontmatter")
    if frontmatter is not None:
        name = "python-frontmatter `loads(str)` → Post"
        measure(name, frontmatter.loads, texts, corpus.size, lambda post: post.metadata)
    if CSAFE_LOADER is not None:
        name = "PyYAML `load(front matter, CSafeLoader)` → dict"
        measure(name, libyaml_load, fronts, front_bytes, None)
    if pure:
        name = "PyYAML `safe_load(front matter)` → dict (pure Python)"
        measure(name, pure_load, fronts, front_bytes, _itself)
    return timed(pending, rounds=rounds, min_time=min_time)
