"""The corpora, read into memory: the sample records, the synthetic ones, and records to export.

The sample records are the repository's ``samples/*.md`` and, when it is
there, ``../shared/samples/real``; the synthetic ones come from
:mod:`.corpus`. All input is read before any timing.
"""

from __future__ import annotations

import datetime as dt
import re
import statistics
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path

import attrs

import frontnews
from frontnews import Record

from . import corpus as synthetic
from .report import markdown_table

__all__ = [
    "ROOT",
    "SAMPLES",
    "SHARED_REAL",
    "Corpus",
    "corpus_table",
    "find_sample_files",
    "read_corpus",
    "records_of",
    "split_front_matter",
    "synthesise",
    "synthetic_corpus",
]

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "samples"
SHARED_REAL = ROOT.parent / "shared" / "samples" / "real"

_OPEN = re.compile(r"\ufeff?---[ \t]*\r?\n")
_CLOSE = re.compile(r"^(?:---|\.\.\.)[ \t]*(?=\r?$)", re.MULTILINE)


@attrs.frozen
class Corpus:
    """Record files, read into memory."""

    paths: tuple[Path, ...]
    data: tuple[bytes, ...]

    @property
    def size(self) -> int:
        """Total bytes of all files."""
        return sum(map(len, self.data))


def find_sample_files() -> list[Path]:
    """The repository's ``samples/*.md``, then the shared real corpus when it is present."""
    files = sorted(SAMPLES.glob("*.md"))
    if SHARED_REAL.is_dir():
        files.extend(sorted(SHARED_REAL.rglob("*.md")))
    return files


def read_corpus(paths: Iterable[Path]) -> Corpus:
    """Read every file's bytes up front."""
    paths = tuple(paths)
    return Corpus(paths=paths, data=tuple(path.read_bytes() for path in paths))


def synthetic_corpus(count: int, seed: int = synthetic.DEFAULT_SEED) -> Corpus:
    """``count`` records from :mod:`.corpus`, in memory; their paths are their file names."""
    names: list[Path] = []
    data: list[bytes] = []
    for name, raw in synthetic.generate(count, seed):
        names.append(Path(name))
        data.append(raw)
    return Corpus(paths=tuple(names), data=tuple(data))


def records_of(corpus: Corpus) -> list[Record]:
    """Every record of ``corpus``, read with :func:`frontnews.loads`."""
    return [
        frontnews.loads(raw, source=str(path))
        for path, raw in zip(corpus.paths, corpus.data, strict=True)
    ]


def split_front_matter(text: str) -> tuple[str, str, str]:
    """Cut a record's text into (BOM and opening line, front matter, closing line and the rest).

    This is what a peer that parses only the YAML needs; it is cut here, not
    by frontnews, so that the peers do not depend on frontnews's reader.
    Raises :class:`ValueError` when there is no front matter block.
    """
    opening = _OPEN.match(text)
    if opening is None:
        raise ValueError("no opening '---' line")
    closing = _CLOSE.search(text, opening.end())
    if closing is None:
        raise ValueError("no closing '---' line")
    return text[: opening.end()], text[opening.end() : closing.start()], text[closing.start() :]


# -- records to export ---------------------------------------------------------------------


def _vary_url(url: str | None, index: int) -> str | None:
    """``url`` with a query parameter ``n=index`` added; empty or missing URLs stay as they are."""
    if not url:
        return url
    base, hash_sign, fragment = url.partition("#")
    separator = "&" if "?" in base else "?"
    return f"{base}{separator}n={index}{hash_sign}{fragment}"


def synthesise(base: Sequence[Record], count: int) -> Iterator[Record]:
    """Yield ``count`` records cycled from ``base``, one at a time.

    Each gets its own title, URL (when it has one) and date, so that no two items are the same.
    """
    minute = dt.timedelta(minutes=1)
    for index in range(count):
        record = base[index % len(base)]
        yield attrs.evolve(
            record,
            title=f"{record.title} #{index}",
            web_url=_vary_url(record.web_url, index),
            published_date_time=record.published_date_time + index * minute,
        )


# -- the Corpora table ---------------------------------------------------------------------

_CORPUS_ROWS = (
    "files",
    "size: smallest",
    "size: 10th percentile",
    "size: median",
    "size: 90th percentile",
    "size: largest",
    "size: mean",
    "CR LF line endings",
    "with `related`",
    "related items when present: mean, max",
    "with `featuredContent`",
    'with a `\\"` escape',
    "with non-ASCII text",
)


def _percentile(ordered: Sequence[int], share: float) -> int:
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def _kb(size: float) -> str:
    return f"{size / 1000:.1f} KB"


def _share(flags: Iterable[bool], total: int) -> str:
    return f"{100 * sum(flags) / total:.0f} %"


def _describe(corpus: Corpus) -> list[str]:
    """The column of one corpus in the Corpora table, in the order of :data:`_CORPUS_ROWS`."""
    total = len(corpus.data)
    sizes = sorted(map(len, corpus.data))
    texts = [raw.decode("utf-8") for raw in corpus.data]
    related = [text.count("\n  - title: ") for text in texts]
    with_related = [count for count in related if count]
    return [
        f"{total:,}",
        _kb(sizes[0]),
        _kb(_percentile(sizes, 0.10)),
        _kb(statistics.median(sizes)),
        _kb(_percentile(sizes, 0.90)),
        _kb(sizes[-1]),
        _kb(statistics.fmean(sizes)),
        _share(("\r\n" in text[:8] for text in texts), total),
        _share((bool(count) for count in related), total),
        f"{statistics.fmean(with_related):.1f}, max {max(with_related)}" if with_related else "-",
        _share(("\nfeaturedContent: " in text for text in texts), total),
        _share(('\\"' in text for text in texts), total),
        _share((any(ord(c) > 127 for c in text) for text in texts), total),
    ]


def corpus_table(corpora: Mapping[str, Corpus]) -> str:
    """Sizes and features of each corpus side by side, so the synthetic one can be judged."""
    described = {label: _describe(corpus) for label, corpus in corpora.items() if corpus.data}
    rows = [
        [label, *(values[i] for values in described.values())]
        for i, label in enumerate(_CORPUS_ROWS)
    ]
    return markdown_table(["", *described], rows)
