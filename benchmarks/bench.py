"""Benchmark frontnews against its peers, measured in the same run, and print Markdown tables.

Run from the repository root, in an environment with ``pip install -e '.[bench,tests]'``::

    python benchmarks/bench.py            # full run (10,000 synthetic records; folders
                                          # of 1,000, 10,000 and 50,000 for iter_records)
    python benchmarks/bench.py --quick    # small sizes, well under 30 seconds

The synthetic records come from ``benchmarks/corpus.py`` (seeded, so every run
reads the same bytes); the real sample records from ``samples/`` and, when it
is there, ``../shared/samples/real``.

Every speed is also given as a ratio to a frontnews case measured in the same
process on the same input, so the tables compare like with like on any
machine. Input is read into memory before any timing; only parsing, writing
or exporting is timed. Each case is timed as the best (minimum) of several
rounds, as :mod:`timeit` does. ``benchmarks/README.md`` explains every column.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import functools
import gc
import hashlib
import importlib
import importlib.metadata
import importlib.util
import inspect
import json
import os
import pickle
import platform
import re
import statistics
import subprocess
import sys
import tempfile
import time
import timeit
import tracemalloc
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from pathlib import Path
from types import ModuleType
from typing import IO, Any, cast

import attrs
import corpus as synthetic
import yaml

import frontnews
from frontnews import Feed, Image, Provider, Record, RelatedArticle
from frontnews.errors import ExportError, PluginError
from frontnews.extra import thaw
from frontnews.filters import instant
from frontnews.plugins import get_exporter
from frontnews.reader import record_paths

__all__ = [
    "FEED",
    "Corpus",
    "Goal",
    "IterResult",
    "Measurement",
    "NullSink",
    "add_targets",
    "bench_dump",
    "bench_exporters",
    "bench_iter_records",
    "bench_load",
    "bench_startup",
    "best_time",
    "corpus_table",
    "cpu_model",
    "find_sample_files",
    "import_breakdown",
    "iter_pass",
    "iter_pass_in_subprocess",
    "main",
    "missing_exporters",
    "peak_memory",
    "peak_memory_in_subprocess",
    "read_corpus",
    "round_trips",
    "split_front_matter",
    "startup_commands",
    "supports_jobs",
    "synthesise",
    "synthetic_corpus",
    "verdict",
    "write_nested_corpus",
]

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"
SHARED_REAL = ROOT.parent / "shared" / "samples" / "real"

#: The channel every feed in the benchmark describes.
FEED = Feed(
    title="frontnews benchmark",
    link="https://bench.example.org/",
    description="Synthetic records cycled from the sample corpus",
    feed_url="https://bench.example.org/feed.xml",
    language="en",
)

#: The built-in exporters the exporter benchmarks need.
EXPORTERS = ("rss", "jsonfeed", "csv")
#: What ``--peak`` can measure: a frontnews exporter, or feedgen for contrast.
PEAK_KINDS = (*EXPORTERS, "feedgen")

_OPEN = re.compile(r"\ufeff?---[ \t]*\r?\n")
_CLOSE = re.compile(r"^(?:---|\.\.\.)[ \t]*(?=\r?$)", re.MULTILINE)
_CSAFE_LOADER: Any = getattr(yaml, "CSafeLoader", None)
_CSAFE_DUMPER: Any = getattr(yaml, "CSafeDumper", None)
_MEDIA_NS = "http://search.yahoo.com/mrss/"
_JSONFEED_ABOUT = "https://github.com/frontnews/frontnews/blob/main/docs/formats/jsonfeed.md"
_MB = 1_000_000


_STARTED = time.perf_counter()


def _progress(message: str) -> None:
    """Say what is running on stderr, so that stdout holds only the tables."""
    print(f"[bench {time.perf_counter() - _STARTED:5.0f} s] {message}", file=sys.stderr, flush=True)


def _optional(name: str) -> ModuleType | None:
    """Import a peer library, or return ``None`` when it is not installed."""
    try:
        return importlib.import_module(name)
    except ImportError:
        return None


def _version(distribution: str) -> str:
    try:
        return importlib.metadata.version(distribution)
    except importlib.metadata.PackageNotFoundError:
        return "not installed"


# -- input ---------------------------------------------------------------------------------


@attrs.frozen
class Corpus:
    """The sample files, read into memory."""

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


def split_front_matter(text: str) -> tuple[str, str, str]:
    """Cut a record's text into (BOM and opening line, front matter, closing line and the rest).

    Raises :class:`ValueError` when there is no front matter block.
    """
    opening = _OPEN.match(text)
    if opening is None:
        raise ValueError("no opening '---' line")
    closing = _CLOSE.search(text, opening.end())
    if closing is None:
        raise ValueError("no closing '---' line")
    return text[: opening.end()], text[opening.end() : closing.start()], text[closing.start() :]


def _libyaml_load(front: str) -> Any:
    return yaml.load(front, Loader=_CSAFE_LOADER or yaml.SafeLoader)


def _pure_load(front: str) -> Any:
    return yaml.load(front, Loader=yaml.SafeLoader)


# -- timing --------------------------------------------------------------------------------


def best_time(fn: Callable[[], object], *, rounds: int, min_time: float) -> float:
    """Seconds for one call of ``fn``: the best of ``rounds`` rounds.

    A round repeats ``fn`` until it has run for at least ``min_time`` seconds;
    a first, untimed round finds that count and warms caches up. As in
    :mod:`timeit`, the garbage collector is off while a round runs.
    """
    timer = timeit.Timer(fn)
    number = 1
    while True:
        elapsed = timer.timeit(number)
        if elapsed >= min_time:
            break
        grow = 10 if elapsed <= 0 else round(1.2 * min_time / elapsed)
        number *= max(2, min(10, grow))
    return min(timer.repeat(repeat=rounds, number=number)) / number


def _each(fn: Callable[[Any], object], inputs: Sequence[Any]) -> Callable[[], None]:
    """A function that calls ``fn`` once on every input."""

    def run() -> None:
        for value in inputs:
            fn(value)

    return run


@attrs.frozen
class Measurement:
    """One timed case: ``seconds`` for a full pass over ``items`` items (``nbytes`` bytes)."""

    name: str
    seconds: float
    items: int
    nbytes: int
    notes: tuple[str, ...] = ()
    reference: bool = False

    @property
    def per_second(self) -> float:
        """Items handled per second."""
        return self.items / self.seconds

    @property
    def mb_per_second(self) -> float:
        """Megabytes (10^6 bytes) handled per second."""
        return self.nbytes / _MB / self.seconds


# -- formatting ----------------------------------------------------------------------------


def markdown_table(headers: Sequence[str], rows: Iterable[Sequence[str]], *, left: int = 1) -> str:
    """A Markdown table; the first ``left`` columns are left-aligned, the others right-aligned."""
    align = [":---" if number < left else "---:" for number in range(len(headers))]
    lines = ["| " + " | ".join(headers) + " |", "| " + " | ".join(align) + " |"]
    lines.extend("| " + " | ".join(row) + " |" for row in rows)
    return "\n".join(lines)


def _rate(value: float) -> str:
    return f"{value:,.0f}" if value >= 100 else f"{value:,.1f}"


def _duration(seconds: float) -> str:
    if seconds >= 1:
        return f"{seconds:.2f} s"
    if seconds >= 1e-3:
        return f"{seconds * 1e3:.1f} ms"
    return f"{seconds * 1e6:.1f} µs"


def _megabytes(size: int) -> str:
    return f"{size / _MB:.2f} MB"


def _reference(rows: Sequence[Measurement]) -> Measurement:
    return next(row for row in rows if row.reference)


def throughput_table(
    rows: Sequence[Measurement], unit: str, note_headers: Sequence[str], *, mb: str = "MB/s"
) -> str:
    """Rows with their rates and their time relative to the reference row."""
    reference = _reference(rows)
    headers = ["case", f"{unit}s/s", mb, f"time per {unit}", "time ÷ frontnews", *note_headers]
    body = []
    for row in rows:
        ratio = "1.00 (ref.)" if row is reference else f"{row.seconds / reference.seconds:.2f}"
        body.append(
            [
                row.name,
                _rate(row.per_second),
                f"{row.mb_per_second:.2f}",
                _duration(row.seconds / row.items),
                ratio,
                *row.notes,
            ]
        )
    return markdown_table(headers, body)


# -- core: load and dump -------------------------------------------------------------------


def _count(flags: Iterable[bool], total: int) -> str:
    return f"{sum(flags)} / {total}"


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
    expected = [_libyaml_load(front) for front in fronts]

    def measure(
        name: str, fn: Callable[[Any], Any], inputs: Sequence[Any], size: int, note: str
    ) -> Measurement:
        _progress(f"load: {name}")
        seconds = best_time(_each(fn, inputs), rounds=rounds, min_time=min_time)
        return Measurement(name, seconds, total, size, (note,), reference=fn is frontnews.loads)

    same = (
        frontnews.to_dict(frontnews.loads(raw)) == ref
        for raw, ref in zip(data, expected, strict=True)
    )
    rows = [
        measure(
            "frontnews `loads(bytes)` → Record",
            frontnews.loads,
            data,
            corpus.size,
            _count(same, total),
        )
    ]
    frontmatter = _optional("frontmatter")
    if frontmatter is not None:
        same = (
            frontmatter.loads(text).metadata == ref
            for text, ref in zip(texts, expected, strict=True)
        )
        rows.append(
            measure(
                "python-frontmatter `loads(str)` → Post",
                frontmatter.loads,
                texts,
                corpus.size,
                _count(same, total),
            )
        )
    if _CSAFE_LOADER is not None:
        rows.append(
            measure(
                "PyYAML `load(front matter, CSafeLoader)` → dict",
                _libyaml_load,
                fronts,
                front_bytes,
                "(this is the expected data)",
            )
        )
    if not pure:
        return rows
    same = (_pure_load(front) == ref for front, ref in zip(fronts, expected, strict=True))
    rows.append(
        measure(
            "PyYAML `safe_load(front matter)` → dict (pure Python)",
            _pure_load,
            fronts,
            front_bytes,
            _count(same, total),
        )
    )
    return rows


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


def _yaml_dump(dumper: Any) -> Callable[[Any], str]:
    def dump(mapping: Any) -> str:
        text: str = yaml.dump(mapping, Dumper=dumper, sort_keys=False, allow_unicode=True)
        return text

    return dump


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
    mappings = [_libyaml_load(front) for _, front, _ in parts]
    rows: list[Measurement] = []

    def measure(
        name: str,
        dump: Callable[[Any], str],
        inputs: Sequence[Any],
        *,
        front_only: bool = False,
        reference: bool = False,
    ) -> None:
        _progress(f"dump: {name}")
        outputs = [dump(value) for value in inputs]
        if front_only:
            outputs = [
                head + out + tail for (head, _, tail), out in zip(parts, outputs, strict=True)
            ]
        fronts, files = round_trips(texts, outputs)
        seconds = best_time(_each(dump, inputs), rounds=rounds, min_time=min_time)
        size = sum(len(out.encode("utf-8", "surrogatepass")) for out in outputs)
        notes = (f"{fronts} / {total}", f"{files} / {total}")
        rows.append(Measurement(name, seconds, total, size, notes, reference=reference))

    records = [frontnews.loads(raw) for raw in corpus.data]
    measure("frontnews `dumps(Record)` → str", frontnews.dumps, records, reference=True)
    frontmatter = _optional("frontmatter")
    if frontmatter is not None:
        posts = [frontmatter.loads(text) for text in texts]
        measure("python-frontmatter `dumps(Post)` → str", frontmatter.dumps, posts)
    if _CSAFE_DUMPER is not None:
        dump = _yaml_dump(_CSAFE_DUMPER)
        measure("PyYAML `dump(dict, CSafeDumper)` → str", dump, mappings, front_only=True)
    if pure:
        dump = _yaml_dump(yaml.SafeDumper)
        name = "PyYAML `dump(dict, SafeDumper)` → str (pure Python)"
        measure(name, dump, mappings, front_only=True)
    return rows


# -- targets -------------------------------------------------------------------------------


@attrs.frozen
class Goal:
    """A speed target: the least ``time ÷ frontnews`` a peer's row should show."""

    at_least: float
    #: A lower bar that must hold even when the target itself is missed.
    floor: float | None = None


#: Load: frontnews at least 10 times as fast as python-frontmatter (and never under 5 times).
LOAD_GOALS = {"python-frontmatter": Goal(10.0, floor=5.0)}
#: Dump: frontnews at least 10 times as fast as PyYAML's libyaml dumper.
DUMP_GOALS = {"PyYAML `dump(dict, CSafeDumper)`": Goal(10.0)}
#: iter_records: peak memory at the largest folder at most this many times the smallest's.
MEMORY_GROWTH_LIMIT = 1.25


def _bar(ratio: float, bar: float) -> str:
    if ratio >= bar:
        return "met"
    return f"**missed** ({bar / ratio:.1f}x short)"


def verdict(ratio: float, goal: Goal) -> str:
    """Say whether ``ratio`` (a peer's time ÷ frontnews's) meets ``goal``, and by how much not."""
    text = f"≥ {goal.at_least:g}x: {_bar(ratio, goal.at_least)}"
    if goal.floor is not None:
        text += f"; floor {goal.floor:g}x: {_bar(ratio, goal.floor)}"
    return text


def add_targets(rows: Sequence[Measurement], goals: Mapping[str, Goal]) -> list[Measurement]:
    """Append a target note to every row: the verdict for rows whose name starts with a key."""
    reference = _reference(rows)
    out = []
    for row in rows:
        goal = next((g for prefix, g in goals.items() if row.name.startswith(prefix)), None)
        note = "" if goal is None else verdict(row.seconds / reference.seconds, goal)
        out.append(attrs.evolve(row, notes=(*row.notes, note)))
    return out


# -- exporters: synthetic records and sinks --------------------------------------------------


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


class NullSink:
    """A binary stream that counts the bytes written to it and keeps none."""

    def __init__(self) -> None:
        self.size = 0

    def write(self, data: bytes) -> int:
        """Count ``data`` and drop it."""
        self.size += len(data)
        return len(data)

    def stream(self) -> IO[bytes]:
        """Return the sink, typed as the binary stream :func:`frontnews.export` takes."""
        return cast("IO[bytes]", self)


class _TextSink:
    """A text stream that encodes what is written to UTF-8 and passes it to a :class:`NullSink`."""

    def __init__(self, sink: NullSink) -> None:
        self._sink = sink

    def write(self, text: str) -> int:
        return self._sink.write(text.encode("utf-8"))


Writer = Callable[[Iterable[Record], NullSink], None]


def missing_exporters() -> list[str]:
    """The built-in exporters the benchmark needs that frontnews does not have (yet)."""
    missing = []
    for name in EXPORTERS:
        try:
            get_exporter(name)
        except (ExportError, PluginError):
            missing.append(name)
    return missing


def frontnews_writer(format_name: str, **params: Any) -> Writer:
    """A writer that runs :func:`frontnews.export` with the benchmark's feed."""

    def write(records: Iterable[Record], sink: NullSink) -> None:
        frontnews.export(
            records,
            format_name,
            sink.stream(),
            feed=FEED,
            include_unpublished=True,
            **params,
        )

    return write


# -- exporters: peers ------------------------------------------------------------------------


def _peer_link(record: Record) -> str | None:
    return record.web_url or record.original_url or None


def _peer_guid(record: Record) -> tuple[str, bool]:
    """The item's link as a permalink guid, or (with no link) a digest of the record."""
    link = _peer_link(record)
    if link:
        return link, True
    identity = repr((record.title, record.published_date_time.isoformat(), record.provider.domain))
    return "bench-" + hashlib.sha256(identity.encode("utf-8")).hexdigest()[:40], False


def _first_image(record: Record) -> Image | None:
    return record.images[0] if record.images else None


def _topics(record: Record) -> list[str]:
    return [topic for topic in record.topics if topic]


def feedgen_rss(records: Iterable[Record], sink: NullSink) -> None:
    """RSS 2.0 with feedgen.

    Each item has a title, link, description, guid, pubDate, categories,
    ``dc:creator`` and a ``media:content`` image: what frontnews writes with
    ``frontnews_elements=False, related_links=False``.
    """
    from feedgen.feed import FeedGenerator

    generator = FeedGenerator()
    generator.load_extension("dc")
    generator.load_extension("media")
    generator.title(FEED.title)
    generator.link(href=FEED.link, rel="alternate")
    generator.link(href=FEED.feed_url, rel="self")
    generator.description(FEED.description)
    generator.language(FEED.language)
    for record in records:
        entry = generator.add_entry(order="append")
        entry.title(record.title)
        link = _peer_link(record)
        if link:
            entry.link(href=link)
        entry.description(record.excerpt)
        guid, permalink = _peer_guid(record)
        entry.guid(guid, permalink=permalink)
        entry.pubDate(instant(record.published_date_time))
        for topic in _topics(record):
            entry.category(term=topic)
        entry.dc.dc_creator(record.provider.name)
        image = _first_image(record)
        if image is not None:
            entry.media.content(
                url=image.url, medium="image", width=str(image.width), height=str(image.height)
            )
    sink.write(generator.rss_str())


@functools.cache
def _feedgenerator_class() -> Any:
    """The RSS 2.0 feed class of feedgenerator, taught to write ``media:content`` too."""
    from feedgenerator import Rss201rev2Feed

    class MediaRssFeed(Rss201rev2Feed):  # type: ignore[misc]  # the library is untyped
        def rss_attributes(self) -> dict[str, str]:
            attributes: dict[str, str] = super().rss_attributes()
            return {**attributes, "xmlns:media": _MEDIA_NS}

        def add_item_elements(self, handler: Any, item: dict[str, Any]) -> None:
            super().add_item_elements(handler, item)
            image = item.get("image")
            if image is not None:
                handler.addQuickElement(
                    "media:content",
                    None,
                    {
                        "url": image.url,
                        "medium": "image",
                        "width": str(image.width),
                        "height": str(image.height),
                    },
                )

    return MediaRssFeed


def feedgenerator_rss(records: Iterable[Record], sink: NullSink) -> None:
    """RSS 2.0 with feedgenerator: the same item fields as :func:`feedgen_rss`."""
    feed = _feedgenerator_class()(
        title=FEED.title,
        link=FEED.link,
        description=FEED.description,
        language=FEED.language,
        feed_url=FEED.feed_url,
    )
    for record in records:
        guid, permalink = _peer_guid(record)
        feed.add_item(
            title=record.title,
            link=_peer_link(record) or "",
            description=record.excerpt,
            unique_id=guid,
            unique_id_is_permalink=permalink,
            pubdate=instant(record.published_date_time),
            categories=_topics(record),
            author_name=record.provider.name,
            image=_first_image(record),
        )
    sink.write(feed.writeString("utf-8").encode("utf-8"))


def _rfc3339(value: dt.datetime) -> str:
    text = value.isoformat()
    if value.utcoffset() is None:
        return text + "Z"
    return text[:-6] + "Z" if text.endswith("+00:00") else text


def _image_dict(image: Image) -> dict[str, Any]:
    out: dict[str, Any] = {"url": image.url, "width": image.width, "height": image.height}
    if image.is_cached is not None:
        out["isCached"] = image.is_cached
    if image.title is not None:
        out["title"] = image.title
    if image.extra:
        out["extra"] = thaw(image.extra)
    return out


def _images(images: Sequence[Image] | None) -> list[dict[str, Any]] | None:
    return None if images is None else [_image_dict(image) for image in images]


def _provider_dict(provider: Provider) -> dict[str, Any]:
    out: dict[str, Any] = {"name": provider.name, "domain": provider.domain}
    if provider.images is not None:
        out["images"] = _images(provider.images)
    if provider.extra:
        out["extra"] = thaw(provider.extra)
    return out


def _related_dict(article: RelatedArticle) -> dict[str, Any]:
    out: dict[str, Any] = {
        "title": article.title,
        "excerpt": article.excerpt,
        "publishedDateTime": _rfc3339(article.published_date_time),
        "webUrl": article.web_url,
    }
    if article.amp_web_url is not None:
        out["ampWebUrl"] = article.amp_web_url
    if article.cdn_amp_web_url is not None:
        out["cdnAmpWebUrl"] = article.cdn_amp_web_url
    out["type"] = article.type
    out["provider"] = _provider_dict(article.provider)
    out["quality"] = article.quality
    if article.images is not None:
        out["images"] = _images(article.images)
    if article.extra:
        out["extra"] = thaw(article.extra)
    return out


def _extension_dict(record: Record) -> dict[str, Any]:
    """The fields JSON Feed has no place for, as frontnews's ``_frontnews`` object holds them."""
    out: dict[str, Any] = {"category": record.category, "type": record.type}
    for key, value in (
        ("quality", record.quality),
        ("heat", record.heat),
        ("published", record.published),
        ("removed", record.removed),
        ("ampWebUrl", record.amp_web_url),
        ("cdnAmpWebUrl", record.cdn_amp_web_url),
    ):
        if value is not None:
            out[key] = value
    out["provider"] = _provider_dict(record.provider)
    if record.images is not None:
        out["images"] = _images(record.images)
    if record.related is not None:
        out["related"] = [_related_dict(article) for article in record.related]
    if record.extra:
        out["extra"] = thaw(record.extra)
    return out


def _jsonfeed_item(record: Record, extension: bool) -> dict[str, Any]:
    url = _peer_link(record)
    item: dict[str, Any] = {"id": url or _peer_guid(record)[0]}
    if url:
        item["url"] = url
        if record.original_url and record.original_url != url:
            item["external_url"] = record.original_url
    item["title"] = record.title
    item["summary"] = record.excerpt
    if record.featured_content:
        item["content_html"] = record.featured_content
    if record.body.strip():
        item["content_text"] = record.body
    elif not record.featured_content:
        item["content_text"] = record.excerpt
    image = _first_image(record)
    if image is not None:
        item["image"] = image.url
    item["date_published"] = _rfc3339(record.published_date_time)
    provider = record.provider
    item["authors"] = [{"name": provider.name, "url": f"https://{provider.domain}"}]
    tags = _topics(record)
    if tags:
        item["tags"] = tags
    if extension:
        item["_frontnews"] = _extension_dict(record)
    return item


def hand_jsonfeed(records: Iterable[Record], sink: NullSink, *, extension: bool = True) -> None:
    """JSON Feed 1.1 by hand: a dict per item with frontnews's fields, then one ``json.dumps``."""
    feed: dict[str, Any] = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": FEED.title,
        "home_page_url": FEED.link,
        "feed_url": FEED.feed_url,
        "description": FEED.description,
        "language": FEED.language,
    }
    if extension:
        feed["_frontnews"] = {"about": _JSONFEED_ABOUT}
    feed["items"] = [_jsonfeed_item(record, extension) for record in records]
    text = json.dumps(feed, ensure_ascii=False, separators=(",", ":"), default=str)
    sink.write(text.encode("utf-8"))


def _json_cell(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), default=str)


def _optional_cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _csv_row(record: Record) -> dict[str, str]:
    provider = record.provider
    return {
        "category": record.category,
        "title": record.title,
        "excerpt": record.excerpt,
        "publishedDateTime": _rfc3339(record.published_date_time),
        "originalUrl": _optional_cell(record.original_url),
        "webUrl": _optional_cell(record.web_url),
        "ampWebUrl": _optional_cell(record.amp_web_url),
        "cdnAmpWebUrl": _optional_cell(record.cdn_amp_web_url),
        "type": record.type,
        "quality": _optional_cell(record.quality),
        "heat": _optional_cell(record.heat),
        "published": _optional_cell(record.published),
        "removed": _optional_cell(record.removed),
        "featuredContent": _optional_cell(record.featured_content),
        "provider.name": provider.name,
        "provider.domain": provider.domain,
        "provider.images": "" if provider.images is None else _json_cell(_images(provider.images)),
        "provider.extra": _json_cell(thaw(provider.extra)) if provider.extra else "",
        "topics": _json_cell(list(record.topics)),
        "images": "" if record.images is None else _json_cell(_images(record.images)),
        "related": ""
        if record.related is None
        else _json_cell([_related_dict(article) for article in record.related]),
        "extra": _json_cell(thaw(record.extra)) if record.extra else "",
        "body": record.body,
    }


def hand_csv(records: Iterable[Record], sink: NullSink) -> None:
    """CSV by hand: :class:`csv.DictWriter` over a dict per record, frontnews's columns."""
    from frontnews.exporters.csv import COLUMNS

    writer = csv.DictWriter(_TextSink(sink), fieldnames=COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    for record in records:
        writer.writerow(_csv_row(record))


# -- exporters: timing -----------------------------------------------------------------------


@attrs.frozen
class _Case:
    name: str
    write: Writer
    reference: bool = False
    #: The least ``time ÷ frontnews`` the project aims for, if any.
    target: float | None = None


def _exporter_cases() -> dict[str, list[_Case]]:
    rss = [
        _Case(
            "frontnews `export(…, 'rss')`, comparable fields",
            frontnews_writer("rss", frontnews_elements=False, related_links=False),
            reference=True,
        ),
        _Case("frontnews `export(…, 'rss')`, default (all fields)", frontnews_writer("rss")),
    ]
    if _optional("feedgen") is not None:
        rss.append(_Case("feedgen `FeedGenerator.rss_str()`", feedgen_rss, target=3.0))
    if _optional("feedgenerator") is not None:
        rss.append(
            _Case("feedgenerator `Rss201rev2Feed.writeString()`", feedgenerator_rss, target=2.0)
        )
    jsonfeed = [
        _Case("frontnews `export(…, 'jsonfeed')`", frontnews_writer("jsonfeed"), reference=True),
        _Case("dicts by hand + `json.dumps`", hand_jsonfeed, target=1.0),
        _Case(
            "frontnews `export(…, 'jsonfeed', extension=False)`",
            frontnews_writer("jsonfeed", extension=False),
        ),
        _Case(
            "dicts by hand + `json.dumps`, no `_frontnews`",
            functools.partial(hand_jsonfeed, extension=False),
        ),
    ]
    csv_cases = [
        _Case("frontnews `export(…, 'csv')`", frontnews_writer("csv"), reference=True),
        _Case("dicts by hand + `csv.DictWriter`", hand_csv),
    ]
    return {"RSS 2.0": rss, "JSON Feed 1.1": jsonfeed, "CSV": csv_cases}


def _target_note(case: _Case, ratio: float) -> str:
    return "" if case.target is None else verdict(ratio, Goal(case.target))


def bench_exporters(
    base: Sequence[Record], count: int, *, rounds: int, min_time: float
) -> dict[str, list[Measurement]]:
    """Time each exporter and its peers on ``count`` synthetic records, built once up front."""
    records = list(synthesise(base, count))
    results: dict[str, list[Measurement]] = {}
    for section, cases in _exporter_cases().items():
        rows: list[Measurement] = []
        for case in cases:
            _progress(f"export {count:,} records: {case.name}")
            written: dict[str, int] = {}

            def run(write: Writer = case.write, written: dict[str, int] = written) -> None:
                sink = NullSink()
                write(records, sink)
                written["size"] = sink.size

            seconds = best_time(run, rounds=rounds, min_time=min_time)
            size = written["size"]
            rows.append(Measurement(case.name, seconds, count, size, reference=case.reference))
        reference = _reference(rows)
        results[section] = [
            attrs.evolve(
                row,
                notes=(_megabytes(row.nbytes), _target_note(case, row.seconds / reference.seconds)),
            )
            for row, case in zip(rows, cases, strict=True)
        ]
    return results


# -- exporters: memory -----------------------------------------------------------------------


def peak_memory(kind: str, count: int, base: Sequence[Record]) -> tuple[int, int]:
    """Export ``count`` records made one at a time; return (peak traced bytes, bytes written).

    ``kind`` is a frontnews exporter name, or ``"feedgen"``. The records come
    from a generator, never a list, and the output goes to a :class:`NullSink`,
    so the peak is what the exporter itself holds on to.
    """
    if kind not in PEAK_KINDS:
        raise ValueError(f"kind must be one of {', '.join(PEAK_KINDS)}, not {kind!r}")
    write: Writer = feedgen_rss if kind == "feedgen" else frontnews_writer(kind)
    # One record first, untraced: imports, plugin loading and caches are not what is measured.
    write(synthesise(base, 1), NullSink())
    sink = NullSink()
    gc.collect()
    tracemalloc.start()
    try:
        write(synthesise(base, count), sink)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    return peak, sink.size


def peak_memory_in_subprocess(kind: str, count: int) -> tuple[int, int]:
    """:func:`peak_memory` in a fresh interpreter, so nothing this process did can skew it."""
    command = [sys.executable, str(Path(__file__).resolve()), "--peak", kind, str(count)]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(command[1:])} failed:\n{done.stderr}")
    result = json.loads(done.stdout)
    return int(result["peak"]), int(result["bytes"])


def bench_memory(sizes: tuple[int, int], kinds: Sequence[str]) -> str:
    """A table of each exporter's peak memory at two sizes, and their ratio.

    The measurements run in subprocesses, as many at once as there are CPUs:
    a traced peak does not depend on what else the machine is doing.
    """
    small, large = sizes
    jobs = [(kind, size) for size in (large, small) for kind in kinds]
    _progress(f"peak memory: {', '.join(kinds)} at {small:,} and {large:,} records")
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
        measured = pool.map(lambda job: peak_memory_in_subprocess(*job), jobs)
        peaks = dict(zip(jobs, measured, strict=True))
    body = []
    for kind in kinds:
        peak_small, _ = peaks[kind, small]
        peak_large, written = peaks[kind, large]
        name = "feedgen (for contrast)" if kind == "feedgen" else f"frontnews `{kind}`"
        body.append(
            [
                name,
                _megabytes(peak_small),
                _megabytes(peak_large),
                f"{peak_large / peak_small:.2f}",
                _megabytes(written),
            ]
        )
    headers = [
        "exporter",
        f"peak @ {small:,}",
        f"peak @ {large:,}",
        "ratio",
        f"written @ {large:,}",
    ]
    return markdown_table(headers, body)


# -- the synthetic corpus ------------------------------------------------------------------


def synthetic_corpus(count: int, seed: int = synthetic.DEFAULT_SEED) -> Corpus:
    """``count`` records from ``benchmarks/corpus.py``, in memory; paths are their file names."""
    names: list[Path] = []
    data: list[bytes] = []
    for name, raw in synthetic.generate(count, seed):
        names.append(Path(name))
        data.append(raw)
    return Corpus(paths=tuple(names), data=tuple(data))


def _percentile(ordered: Sequence[int], share: float) -> int:
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def _kb(size: float) -> str:
    return f"{size / 1000:.1f} KB"


def _share(flags: Iterable[bool], total: int) -> str:
    return f"{100 * sum(flags) / total:.0f} %"


def corpus_table(corpora: Mapping[str, Corpus]) -> str:
    """Sizes and features of each corpus side by side, so the synthetic one can be judged."""
    described: dict[str, list[str]] = {}
    for label, corpus in corpora.items():
        total = len(corpus.data)
        if not total:
            continue
        sizes = sorted(map(len, corpus.data))
        texts = [raw.decode("utf-8") for raw in corpus.data]
        related = [text.count("\n  - title: ") for text in texts]
        with_related = [count for count in related if count]
        described[label] = [
            f"{total:,}",
            _kb(sizes[0]),
            _kb(_percentile(sizes, 0.10)),
            _kb(statistics.median(sizes)),
            _kb(_percentile(sizes, 0.90)),
            _kb(sizes[-1]),
            _kb(statistics.fmean(sizes)),
            _share(("\r\n" in text[:8] for text in texts), total),
            _share((bool(count) for count in related), total),
            f"{statistics.fmean(with_related):.1f}, max {max(with_related)}"
            if with_related
            else "-",
            _share(("\nfeaturedContent: " in text for text in texts), total),
            _share(('\\"' in text for text in texts), total),
            _share((any(ord(c) > 127 for c in text) for text in texts), total),
        ]
    labels = [
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
    ]
    rows = [
        [label, *(values[i] for values in described.values())] for i, label in enumerate(labels)
    ]
    return markdown_table(["", *described], rows)


# -- iter_records over folders -------------------------------------------------------------


def supports_jobs() -> bool:
    """Whether :func:`frontnews.iter_records` takes a ``jobs`` argument (reading in parallel)."""
    return "jobs" in inspect.signature(frontnews.iter_records).parameters


def write_nested_corpus(
    root: Path, sizes: Sequence[int], seed: int = synthetic.DEFAULT_SEED
) -> dict[int, Path]:
    """Write one corpus of ``max(sizes)`` records, nested so that each size is one folder.

    The folder for the smallest size holds records ``0`` to ``n1 - 1``; the
    folder for the next size holds records ``n1`` to ``n2 - 1`` and the first
    folder; and so on up to ``root``. Each folder is read recursively, so
    folder ``k`` holds exactly ``sizes[k]`` records, and the largest corpus is
    written only once.
    """
    ordered = sorted(set(sizes))
    folders = {ordered[-1]: root}
    for larger, smaller in zip(ordered[:0:-1], ordered[-2::-1], strict=True):
        folders[smaller] = folders[larger] / f"first-{smaller}"
    done = 0
    for size in ordered:
        _progress(f"iter_records: writing records {done:,} to {size - 1:,} ({size:,} in all)")
        synthetic.write_corpus(folders[size], size - done, seed, start=done)
        done = size
    return folders


def _proc_status() -> dict[str, int]:
    """``VmRSS`` (resident now) and ``VmHWM`` (its peak) from ``/proc/self/status``, in bytes."""
    found = {}
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                key, _, value = line.partition(":")
                if key in ("VmRSS", "VmHWM"):
                    found[key] = int(value.split()[0]) * 1024
    except OSError:
        pass
    return found


def _reset_peak_rss() -> bool:
    """Start a new peak RSS from here (Linux 4.0 and later); ``False`` where that cannot be done."""
    try:
        with open("/proc/self/clear_refs", "w", encoding="ascii") as clear:
            clear.write("5")
    except OSError:
        return False
    return "VmHWM" in _proc_status()


def _max_rss() -> tuple[int, int]:
    """Peak resident memory so far, in bytes: (this process, its largest finished child)."""
    try:
        import resource
    except ImportError:  # not on Unix
        return 0, 0
    scale = 1 if sys.platform == "darwin" else 1024  # bytes on macOS, KiB elsewhere
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * scale
    child = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * scale
    return own, child


def _first_record(folder: Path) -> Path:
    """One ``*.md`` file in ``folder``'s tree, found without listing all of it."""
    with os.scandir(folder) as entries:
        folders = []
        for entry in entries:
            if entry.name.endswith(".md") and entry.is_file():
                return Path(entry.path)
            if entry.is_dir():
                folders.append(entry.path)
    for child in folders:
        try:
            return _first_record(Path(child))
        except FileNotFoundError:
            continue
    raise FileNotFoundError(f"no *.md file in {folder}")


def iter_pass(folder: Path, *, rounds: int, jobs: int | None, trace: bool) -> dict[str, Any]:
    """Read every record in ``folder`` with :func:`frontnews.iter_records`, counting them.

    Untraced, it is timed: the best of ``rounds`` passes, with the garbage
    collector on as in a real program, and the peak RSS during the passes
    (``rss``; the process's whole-life peak where Linux's ``clear_refs`` is
    missing) and the RSS just before them (``rss_before``). Traced,
    one pass runs under :mod:`tracemalloc` for its peak, then one listing of
    the folder's sorted paths (what a reader that sorts every path before it
    starts holds) for its own peak, then frontnews's own walk of the folder
    (:func:`frontnews.reader.record_paths`, which iter_records uses) for its
    peak. One record is read first with :func:`frontnews.load`, untraced,
    so that imports and caches are not counted (without listing the folder,
    which would raise the peak RSS before the pass starts).
    """
    options: dict[str, Any] = {} if jobs is None else {"jobs": jobs}

    def run() -> int:
        count = 0
        for _ in frontnews.iter_records(folder, **options):
            count += 1
        return count

    frontnews.load(_first_record(folder))
    gc.collect()
    result: dict[str, Any] = {}
    if trace:
        tracemalloc.start()
        try:
            result["records"] = run()
            result["peak"] = tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()
        gc.collect()
        tracemalloc.start()
        try:
            paths = sorted(folder.rglob("*.md"))
            result["paths_peak"] = tracemalloc.get_traced_memory()[1]
            del paths
        finally:
            tracemalloc.stop()
        gc.collect()
        tracemalloc.start()
        try:
            for _ in record_paths(folder):
                pass
            result["walk_peak"] = tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()
        return result
    # The pass's own peak RSS where Linux can reset the high-water mark; else the process's.
    if _reset_peak_rss():
        result["rss_before"] = _proc_status()["VmRSS"]
    else:
        result["rss_before"] = _max_rss()[0]
    best = float("inf")
    for _ in range(rounds):
        started = time.perf_counter()
        result["records"] = run()
        best = min(best, time.perf_counter() - started)
    result["seconds"] = best
    own, result["rss_children"] = _max_rss()
    result["rss"] = _proc_status().get("VmHWM", own)
    return result


def iter_pass_in_subprocess(
    folder: Path, *, rounds: int = 1, jobs: int | None = None, trace: bool = False
) -> dict[str, Any]:
    """:func:`iter_pass` in a fresh interpreter, so that its memory is its own."""
    command = [
        sys.executable,
        str(Path(__file__).resolve()),
        "--iter-pass",
        str(folder),
        str(rounds),
        str(jobs or 0),
        "trace" if trace else "time",
    ]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(command[1:])} failed:\n{done.stderr}")
    result: dict[str, Any] = json.loads(done.stdout)
    return result


def _memory_verdict(
    small: int, large: int, count: tuple[int, int], walks: tuple[int, int] | None = None
) -> str:
    """Say whether the peak grew beyond the limit; ``walks`` are the folder walk's own peaks."""
    if small <= 0:
        return "not measured (no traced allocation at the smallest size)"
    ratio = large / small
    if ratio <= MEMORY_GROWTH_LIMIT:
        return f"≤ {MEMORY_GROWTH_LIMIT:g}x: met"
    per_record = (large - small) / (count[1] - count[0])
    text = f"≤ {MEMORY_GROWTH_LIMIT:g}x: **missed** (grows {ratio:.2f}x, {per_record:,.0f} B/record"
    if walks is not None:
        # Measured apart, the two peaks cannot be subtracted; set side by side,
        # they show whether the walk's file names account for the growth.
        text += f"; the folder walk alone peaks at {_megabytes(walks[1])}"
    return text + ")"


@attrs.frozen
class IterResult:
    """The iter_records table, and the memory verdict (empty when memory was not measured)."""

    table: str
    memory_verdict: str
    jobs_note: str


#: Parallel reading ships only if it is at least this much faster on 2 cores (issue 4).
JOBS_THRESHOLD = 1.6


def process_pool_note(folder: Path, *, rounds: int, jobs: int = 2) -> str:
    """Measure what ``jobs=`` would give, and say why ``iter_records`` has no such argument.

    Reads ``folder`` serially and through a pool of ``jobs`` processes (each
    reading chunks of files, results in order), and times one pickle round
    trip per record, the price of sending a record between processes.
    """
    paths = list(record_paths(folder))
    _progress(f"iter_records: a pool of {jobs} processes over {len(paths):,} records")

    def serial() -> None:
        for _ in frontnews.iter_records(folder):
            pass

    def pooled() -> None:
        with ProcessPoolExecutor(jobs) as pool:
            for _ in pool.map(frontnews.load, paths, chunksize=256):
                pass

    serial_time = best_time(serial, rounds=rounds, min_time=0)
    pooled_time = best_time(pooled, rounds=rounds, min_time=0)
    records = [frontnews.load(path) for path in paths[:1000]]
    start = time.perf_counter()
    for record in records:
        pickle.loads(pickle.dumps(record))
    per_pickle = (time.perf_counter() - start) / len(records)
    per_load = serial_time / len(paths)
    speedup = serial_time / pooled_time
    kept = "ships" if speedup >= JOBS_THRESHOLD else "does not ship"
    return (
        f"`iter_records` takes no `jobs` argument. A pool of {jobs} processes reading the "
        f"{len(paths):,}-record folder ran at {speedup:.2f}x the serial speed "
        f"(threshold {JOBS_THRESHOLD}x, so parallel reading {kept}). Each record a worker "
        f"sends back costs a pickle round trip of {per_pickle * 1e6:.0f} µs, against "
        f"{per_load * 1e6:.0f} µs to read it serially."
    )


def bench_iter_records(
    sizes: Sequence[int],
    *,
    seed: int = synthetic.DEFAULT_SEED,
    rounds: int,
    memory: bool = True,
    folder: Path | None = None,
) -> IterResult:
    """Time :func:`frontnews.iter_records` over folders of ``sizes`` records, and trace its memory.

    Each measurement runs in its own subprocess. Timings run one at a time;
    traced peaks, which do not depend on the machine's load, run as many at
    once as there are CPUs. With ``jobs`` support in frontnews, each size is
    also read with ``jobs=2``.
    """
    ordered = sorted(set(sizes))
    jobs_cases: list[int | None] = [None]
    if supports_jobs():
        jobs_cases.append(2)
        jobs_note = "`iter_records(folder, jobs=2)` is measured next to the serial reader."
    else:
        jobs_note = ""
    with tempfile.TemporaryDirectory(prefix="frontnews-bench-", dir=folder) as scratch:
        folders = write_nested_corpus(Path(scratch) / "corpus", ordered, seed)
        if not jobs_note:
            jobs_note = process_pool_note(folders[ordered[len(ordered) // 2]], rounds=rounds)
        timed: dict[tuple[int, int | None], dict[str, Any]] = {}
        for size in ordered:
            for jobs in jobs_cases:
                passes = max(1, min(rounds, 20_000 // size))
                _progress(f"iter_records: {size:,} records, jobs={jobs or 1}, {passes} pass(es)")
                timed[size, jobs] = iter_pass_in_subprocess(folders[size], rounds=passes, jobs=jobs)
        traced: dict[tuple[int, int | None], dict[str, Any]] = {}
        if memory:
            cases = [(size, jobs) for size in reversed(ordered) for jobs in jobs_cases]
            _progress(f"iter_records: tracing memory at {', '.join(f'{n:,}' for n in ordered)}")
            with ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
                measured = pool.map(
                    lambda case: iter_pass_in_subprocess(
                        folders[case[0]], jobs=case[1], trace=True
                    ),
                    cases,
                )
                traced = dict(zip(cases, measured, strict=True))
    body = []
    for size in ordered:
        for jobs in jobs_cases:
            time_ = timed[size, jobs]
            if time_["records"] != size:
                raise RuntimeError(f"iter_records read {time_['records']} of {size} records")
            seconds = time_["seconds"]
            speed = f"{size / seconds:,.0f}"
            if jobs is not None:
                speed += f" ({timed[size, None]['seconds'] / seconds:.2f}x serial)"
            rss = _megabytes(time_["rss"])
            if time_["rss_children"]:
                rss += f" (+{_megabytes(time_['rss_children'])} largest child)"
            row = [
                f"{size:,}",
                "serial" if jobs is None else f"jobs={jobs}",
                speed,
                _duration(seconds),
                rss,
                _megabytes(time_["rss"] - time_["rss_before"]),
            ]
            if memory:
                trace = traced[size, jobs]
                row += [
                    _megabytes(trace["peak"]),
                    _megabytes(trace["walk_peak"]),
                    _megabytes(trace["paths_peak"]),
                ]
            body.append(row)
    headers = ["records", "reader", "records/s", "one pass", "max RSS", "RSS growth in pass"]
    verdict_text = ""
    if memory:
        headers += ["peak traced", "folder walk alone", "sorted(rglob) list, for contrast"]
        small, large = ordered[0], ordered[-1]
        if large > small:
            peaks = (traced[small, None]["peak"], traced[large, None]["peak"])
            walks = (traced[small, None]["walk_peak"], traced[large, None]["walk_peak"])
            verdict_text = _memory_verdict(*peaks, (small, large), walks)
    return IterResult(markdown_table(headers, body), verdict_text, jobs_note)


# -- startup -------------------------------------------------------------------------------


def startup_commands() -> list[tuple[str, list[str]]]:
    """The commands whose wall time is measured: the baseline first, then frontnews's."""
    python = sys.executable
    commands = [
        ("`python -c pass` (baseline)", [python, "-c", "pass"]),
        ('`python -c "import frontnews"`', [python, "-c", "import frontnews"]),
    ]
    folder = Path(python).parent
    script = next(
        (folder / name for name in ("frontnews", "frontnews.exe") if (folder / name).is_file()),
        None,
    )
    if script is not None:
        commands.append(("`frontnews --help`", [str(script), "--help"]))
    elif importlib.util.find_spec("frontnews.__main__") is not None:
        commands.append(("`python -m frontnews --help`", [python, "-m", "frontnews", "--help"]))
    else:
        _progress("startup: no frontnews command next to this Python, and no frontnews.__main__")
    return commands


def _wall_time(argv: Sequence[str]) -> float:
    started = time.perf_counter()
    subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    return time.perf_counter() - started


def import_breakdown(limit: int = 6) -> list[tuple[str, float]]:
    """The modules ``import frontnews`` imports directly that take longest, from ``-X importtime``.

    Returns ``(module, cumulative seconds)`` pairs, largest first; one run, so noisy.
    """
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", "import frontnews"],
        capture_output=True,
        text=True,
        check=True,
    )
    found = []
    for line in done.stderr.splitlines():
        parts = line.split("|")
        if len(parts) != 3 or not parts[1].strip().isdigit():
            continue
        name = parts[2]
        depth = (len(name) - len(name.lstrip(" ")) - 1) // 2
        if depth == 1:
            found.append((name.strip(), int(parts[1]) / 1e6))
    return sorted(found, key=lambda item: -item[1])[:limit]


def bench_startup(runs: int) -> str:
    """Best wall time of each startup command over ``runs`` runs, against ``python -c pass``.

    One untimed run of each warms the disk cache; then the commands take turns,
    so that a slow moment of the machine hits all of them alike.
    """
    commands = startup_commands()
    _progress(f"startup: {len(commands)} commands, best of {runs} runs each")
    times: dict[str, list[float]] = {label: [] for label, _ in commands}
    for _, argv in commands:
        _wall_time(argv)
    for _ in range(runs):
        for label, argv in commands:
            times[label].append(_wall_time(argv))
    baseline = min(times[commands[0][0]])
    body = []
    for label, _ in commands:
        best = min(times[label])
        body.append(
            [
                label,
                _duration(best),
                _duration(statistics.median(times[label])),
                "-" if best == baseline else _duration(best - baseline),
                f"{best / baseline:.2f}",
            ]
        )
    headers = ["command", f"best of {runs}", "median", "minus baseline", "time ÷ baseline"]
    table = markdown_table(headers, body)
    largest = import_breakdown()
    if largest:
        names = ", ".join(f"`{name}` {_duration(seconds)}" for name, seconds in largest)
        table += (
            "\n\nLargest direct imports of `import frontnews` (cumulative, one run of "
            f"`python -X importtime`): {names}."
        )
    return table


# -- report ----------------------------------------------------------------------------------


def cpu_model() -> str:
    """The CPU's model name from ``/proc/cpuinfo``, or what :mod:`platform` says elsewhere."""
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as info:
            for line in info:
                key, _, value = line.partition(":")
                if key.strip() in ("model name", "Hardware", "cpu model"):
                    return value.strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def machine_table(corpus: Corpus, shared: int, args: argparse.Namespace) -> str:
    """What the numbers were measured on, how, and when."""
    libyaml = "yes" if getattr(yaml, "__with_libyaml__", False) else "no"
    affinity = getattr(os, "sched_getaffinity", None)
    usable = f", {len(affinity(0))} usable" if affinity is not None else ""
    peers = ", ".join(
        f"{name} {_version(name)}"
        for name in ("python-frontmatter", "feedgen", "feedgenerator", "lxml")
    )
    when = dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    command = " ".join(["python benchmarks/bench.py", *args.argv])
    rows = [
        ["run", f"{when}: `{command}`"],
        ["Python", f"{platform.python_implementation()} {platform.python_version()}"],
        ["platform", f"{platform.platform()} ({platform.machine()})"],
        ["CPU", cpu_model()],
        ["CPUs", f"{os.cpu_count()}{usable}"],
        ["PyYAML", f"{yaml.__version__}, libyaml: {libyaml}"],
        ["frontnews", _version("frontnews")],
        ["peers", peers],
        [
            "corpus",
            f"{len(corpus.data)} files ({len(corpus.data) - shared} in samples/, "
            f"{shared} in ../shared/samples/real), {_megabytes(corpus.size)}",
        ],
        [
            "synthetic corpus",
            f"`benchmarks/corpus.py`, seed {args.seed}: {args.records:,} records in memory; "
            f"folders of {', '.join(f'{n:,}' for n in args.iter_sizes)} for `iter_records`",
        ],
        [
            "method",
            f"best of {args.rounds} rounds on the samples, {args.corpus_rounds} on the "
            f"synthetic corpus, {args.export_rounds} for exporters; each ≥ {args.min_time:g} s; "
            "gc off while timing (on for `iter_records`)",
        ],
    ]
    return markdown_table(["", ""], rows)


def _sizes(text: str) -> list[int]:
    try:
        sizes = sorted({int(part.replace("_", "")) for part in text.split(",") if part.strip()})
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"not a comma-separated list of counts: {text!r}"
        ) from None
    if not sizes or sizes[0] < 1:
        raise argparse.ArgumentTypeError("folder sizes must be at least 1")
    return sizes


def _parse(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description="Benchmark frontnews against its peers; prints Markdown tables to stdout."
    )
    parser.add_argument("--quick", action="store_true", help="small sizes and few rounds")
    parser.add_argument(
        "--records",
        type=int,
        help="synthetic records for load/dump, and records per exporter run "
        "(default 10000, 500 with --quick); exporter peak memory is measured at this "
        "size and five times it",
    )
    parser.add_argument(
        "--iter-sizes",
        type=_sizes,
        help="comma-separated folder sizes for iter_records "
        "(default 1000,10000,50000; 100,500,2000 with --quick)",
    )
    parser.add_argument(
        "--seed",
        type=int,
        default=synthetic.DEFAULT_SEED,
        help=f"seed of the synthetic corpus (default {synthetic.DEFAULT_SEED})",
    )
    parser.add_argument(
        "--rounds",
        type=int,
        help="timed rounds per load/dump case on the samples (default 5, 2 with --quick)",
    )
    parser.add_argument(
        "--corpus-rounds",
        type=int,
        help="timed rounds per case on the synthetic corpus, and most passes per "
        "iter_records folder (default 3, 1 with --quick)",
    )
    parser.add_argument(
        "--export-rounds",
        type=int,
        help="timed rounds per exporter case (default 3, 1 with --quick)",
    )
    parser.add_argument(
        "--min-time",
        type=float,
        help="least seconds per round (default 0.2, 0.05 with --quick)",
    )
    parser.add_argument(
        "--startup-runs",
        type=int,
        help="runs of each startup command (default 20, 5 with --quick)",
    )
    parser.add_argument(
        "--no-memory",
        action="store_true",
        help="skip the peak-memory measurements (their subprocesses take the longest)",
    )
    parser.add_argument("--peak", nargs=2, metavar=("KIND", "N"), help=argparse.SUPPRESS)
    parser.add_argument("--iter-pass", nargs=4, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    args.argv = list(sys.argv[1:] if argv is None else argv)
    quick = args.quick
    defaults = {
        "records": (10_000, 500),
        "iter_sizes": ([1_000, 10_000, 50_000], [100, 500, 2_000]),
        "rounds": (5, 2),
        "corpus_rounds": (3, 1),
        "export_rounds": (3, 1),
        "min_time": (0.2, 0.05),
        "startup_runs": (20, 5),
    }
    for name, (full, small) in defaults.items():
        if getattr(args, name) is None:
            setattr(args, name, small if quick else full)
    counts = (args.records, args.rounds, args.corpus_rounds, args.export_rounds, args.startup_runs)
    if min(counts) < 1 or args.min_time < 0:
        parser.error("--records, the rounds and the runs must be at least 1, --min-time at least 0")
    return args


def _load_base(corpus: Corpus) -> list[Record]:
    return [
        frontnews.loads(raw, source=str(path))
        for path, raw in zip(corpus.paths, corpus.data, strict=True)
    ]


def _target_rows(table: str, rows: Sequence[Measurement]) -> list[list[str]]:
    """Summary rows for every measurement with a target note (its last note)."""
    return [[table, row.name, row.notes[-1]] for row in rows if row.notes and row.notes[-1]]


def _internal(args: argparse.Namespace) -> int | None:
    """Run the subprocess modes (``--peak``, ``--iter-pass``); ``None`` when neither is asked."""
    if args.peak is not None:
        kind, count = args.peak
        base = _load_base(read_corpus(find_sample_files()))
        peak, written = peak_memory(kind, int(count), base)
        print(json.dumps({"peak": peak, "bytes": written}))
        return 0
    if args.iter_pass is not None:
        folder, rounds, jobs, mode = args.iter_pass
        result = iter_pass(
            Path(folder), rounds=int(rounds), jobs=int(jobs) or None, trace=mode == "trace"
        )
        print(json.dumps(result))
        return 0
    return None


def main(argv: Sequence[str] | None = None) -> int:
    """Run the benchmark and print the report; return the exit status."""
    args = _parse(argv)
    status = _internal(args)
    if status is not None:
        return status

    started = time.perf_counter()
    corpus = read_corpus(find_sample_files())
    shared = sum(1 for path in corpus.paths if SHARED_REAL in path.parents)
    _progress(f"generating {args.records:,} synthetic records (seed {args.seed})")
    made = synthetic_corpus(args.records, args.seed)
    out: list[str] = ["## frontnews benchmark", "", machine_table(corpus, shared, args), ""]
    targets: list[list[str]] = []

    def emit(*lines: str) -> None:
        out.extend(lines)

    emit("### Corpora: the real sample records and the synthetic ones", "")
    corpora = {"sample records": corpus, f"synthetic ({args.records:,})": made}
    emit(corpus_table(corpora), "")

    sections = [
        (f"{args.records:,} synthetic records", made, args.corpus_rounds, False),
        (f"{len(corpus.data)} sample records", corpus, args.rounds, True),
    ]
    for label, data, rounds, pure in sections:
        timing = {"rounds": rounds, "min_time": args.min_time, "pure": pure}
        rows = add_targets(bench_load(data, **timing), LOAD_GOALS)
        emit(f"### Load: {label}", "")
        emit(throughput_table(rows, "record", ["same data as libyaml", "target"]), "")
        targets += _target_rows(f"Load: {label}", rows)
        rows = add_targets(bench_dump(data, **timing), DUMP_GOALS)
        emit(f"### Dump: {label}", "")
        notes = ["front matter round-trips", "file round-trips byte for byte", "target"]
        emit(throughput_table(rows, "record", notes, mb="MB/s written"), "")
        targets += _target_rows(f"Dump: {label}", rows)

    sizes = ", ".join(f"{n:,}" for n in args.iter_sizes)
    result = bench_iter_records(
        args.iter_sizes, seed=args.seed, rounds=args.corpus_rounds, memory=not args.no_memory
    )
    emit(f"### `iter_records(folder)`: folders of {sizes} synthetic records", "")
    emit(result.table, "", result.jobs_note, "")
    if result.memory_verdict:
        smallest, largest = args.iter_sizes[0], args.iter_sizes[-1]
        what = f"peak traced memory, {largest:,} vs {smallest:,} records"
        targets.append(["`iter_records(folder)`", what, result.memory_verdict])

    emit("### Startup", "")
    emit(bench_startup(args.startup_runs), "")

    missing = missing_exporters()
    if missing:
        message = f"exporters skipped: frontnews has no {', '.join(missing)} exporter yet"
        _progress(message)
        emit(f"### Exporters: {message}", "")
    else:
        base = _load_base(corpus)
        results = bench_exporters(
            base, args.records, rounds=args.export_rounds, min_time=args.min_time
        )
        for section, rows in results.items():
            emit(f"### Export {section}: {args.records:,} records", "")
            emit(
                throughput_table(rows, "record", ["output", "target"], mb="MB/s written"),
                "",
            )
            targets += _target_rows(f"Export {section}", rows)
        if not args.no_memory:
            counts = (args.records, 5 * args.records)
            emit(f"### Peak traced memory: {counts[0]:,} vs {counts[1]:,} records, streamed", "")
            emit(bench_memory(counts, PEAK_KINDS), "")

    emit("### Targets", "")
    emit(markdown_table(["table", "row", "target"], targets, left=3), "")
    emit(f"Total run time: {time.perf_counter() - started:.0f} s.")
    print("\n".join(out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
