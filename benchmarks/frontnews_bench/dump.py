"""Dump: writing records back, frontnews ``dumps`` against python-frontmatter and PyYAML."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import yaml

import frontnews

from .peers import CSAFE_DUMPER, libyaml_load, optional, yaml_dump
from .samples import Corpus, split_front_matter
from .timing import Measurement, each, progress, timed

__all__ = ["bench_dump", "round_trips"]


def round_trips(originals: Sequence[str], outputs: Sequence[str]) -> tuple[int, int]:
    """How many ``outputs`` equal their original: (front matter only, whole file, byte for byte)."""
    fronts = 0
    files = 0
    for original, output in zip(originals, outputs, strict=True):
        files += output.encode("utf-8", "surrogatepass") == original.encode("utf-8")
        try:
            fronts += split_front_matter(output)[1] == split_front_matter(original)[1]
        except ValueError:
            continue
    return fronts, files


def bench_dump(
    corpus: Corpus, *, rounds: int, min_time: float, pure: bool = True
) -> list[Measurement]:
    """Time writing every record of ``corpus`` back with frontnews and with each peer.

    The notes count the records each one writes back exactly as they were
    read: the front matter alone, and the whole file. The PyYAML dumpers write
    only the front matter; their whole file is the original opening line, the
    dump, and the original closing line and body. ``pure=False`` leaves out
    PyYAML's pure-Python dumper.
    """
    texts = [raw.decode("utf-8") for raw in corpus.data]
    total = len(texts)
    parts = [split_front_matter(text) for text in texts]
    mappings = [libyaml_load(front) for _, front, _ in parts]
    pending: list[tuple[Callable[[], None], Measurement]] = []

    def measure(
        name: str,
        dump: Callable[[Any], str],
        inputs: Sequence[Any],
        *,
        front_only: bool = False,
        reference: bool = False,
    ) -> None:
        progress(f"dump: {name}")
        outputs = [dump(value) for value in inputs]
        if front_only:
            outputs = [
                head + out + tail for (head, _, tail), out in zip(parts, outputs, strict=True)
            ]
        fronts, files = round_trips(texts, outputs)
        size = sum(len(out.encode("utf-8", "surrogatepass")) for out in outputs)
        notes = (f"{fronts} / {total}", f"{files} / {total}")
        pending.append((each(dump, inputs), Measurement(name, 0.0, total, size, notes, reference)))

    records = [frontnews.loads(raw) for raw in corpus.data]
    measure("frontnews `dumps(Record)` → str", frontnews.dumps, records, reference=True)
    frontmatter = optional("frontmatter")
    if frontmatter is not None:
        posts = [frontmatter.loads(text) for text in texts]
        measure("python-frontmatter `dumps(Post)` → str", frontmatter.dumps, posts)
    if CSAFE_DUMPER is not None:
        dump = yaml_dump(CSAFE_DUMPER)
        measure("PyYAML `dump(dict, CSafeDumper)` → str", dump, mappings, front_only=True)
    if pure:
        dump = yaml_dump(yaml.SafeDumper)
        name = "PyYAML `dump(dict, SafeDumper)` → str (pure Python)"
        measure(name, dump, mappings, front_only=True)
    return timed(pending, rounds=rounds, min_time=min_time)
