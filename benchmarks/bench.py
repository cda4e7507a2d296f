"""Benchmark frontnews against its peers, measured in the same run, and print Markdown tables.

Run from the repository root, in an environment with ``pip install -e '.[bench,tests]'``::

    python benchmarks/bench.py            # full run (10,000 records for the exporters)
    python benchmarks/bench.py --quick    # small sizes, a few seconds

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
import json
import os
import platform
import re
import subprocess
import sys
import time
import timeit
import tracemalloc
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from types import ModuleType
from typing import IO, Any, cast

import attrs
import yaml

import frontnews
from frontnews import Feed, Image, Provider, Record, RelatedArticle
from frontnews.errors import ExportError, PluginError
from frontnews.extra import thaw
from frontnews.filters import instant
from frontnews.plugins import get_exporter

__all__ = [
    "FEED",
    "Corpus",
    "Measurement",
    "NullSink",
    "bench_dump",
    "bench_exporters",
    "bench_load",
    "best_time",
    "find_sample_files",
    "main",
    "missing_exporters",
    "peak_memory",
    "peak_memory_in_subprocess",
    "read_corpus",
    "round_trips",
    "split_front_matter",
    "synthesise",
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


def _progress(message: str) -> None:
    """Say what is running on stderr, so that stdout holds only the tables."""
    print(f"[bench] {message}", file=sys.stderr, flush=True)


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


def markdown_table(headers: Sequence[str], rows: Iterable[Sequence[str]]) -> str:
    """A Markdown table; the first column is left-aligned, the others right-aligned."""
    align = [":---", *("---:" for _ in headers[1:])]
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


def bench_load(corpus: Corpus, *, rounds: int, min_time: float) -> list[Measurement]:
    """Time reading every sample record with frontnews and with each peer.

    The note column counts the records whose data equals what libyaml's safe
    loader reads from the front matter (frontnews compared through
    :func:`frontnews.to_dict`).
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


def bench_dump(corpus: Corpus, *, rounds: int, min_time: float) -> list[Measurement]:
    """Time writing every sample record back with frontnews and with each peer.

    The notes count the records each one writes back exactly as they were
    read: the front matter alone, and the whole file. The PyYAML dumpers write
    only the front matter; their whole file is the original opening line, the
    dump, and the original closing line and body.
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
    dump = _yaml_dump(yaml.SafeDumper)
    measure("PyYAML `dump(dict, SafeDumper)` → str (pure Python)", dump, mappings, front_only=True)
    return rows


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
    if case.target is None:
        return ""
    verdict = "met" if ratio >= case.target else "**not met**"
    return f"≥ {case.target:.2f}: {verdict}"


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


# -- report ----------------------------------------------------------------------------------


def machine_table(corpus: Corpus, shared: int, args: argparse.Namespace) -> str:
    """What the numbers were measured on and how."""
    libyaml = "yes" if getattr(yaml, "__with_libyaml__", False) else "no"
    affinity = getattr(os, "sched_getaffinity", None)
    usable = f", {len(affinity(0))} usable" if affinity is not None else ""
    peers = ", ".join(
        f"{name} {_version(name)}"
        for name in ("python-frontmatter", "feedgen", "feedgenerator", "lxml")
    )
    rows = [
        ["Python", f"{platform.python_implementation()} {platform.python_version()}"],
        ["platform", f"{platform.platform()} ({platform.machine()})"],
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
            "method",
            f"best of {args.rounds} rounds (exporters: {args.export_rounds}), "
            f"each ≥ {args.min_time:g} s; gc off while timing",
        ],
    ]
    return markdown_table(["", ""], rows)


def _parse(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description="Benchmark frontnews against its peers; prints Markdown tables to stdout."
    )
    parser.add_argument("--quick", action="store_true", help="small sizes and few rounds")
    parser.add_argument(
        "--records",
        type=int,
        help="records per exporter run (default 10000, 500 with --quick); "
        "peak memory is measured at this size and five times it",
    )
    parser.add_argument(
        "--rounds", type=int, help="timed rounds per load/dump case (default 5, 2 with --quick)"
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
    parser.add_argument("--no-memory", action="store_true", help="skip the peak-memory table")
    parser.add_argument("--peak", nargs=2, metavar=("KIND", "N"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.records is None:
        args.records = 500 if args.quick else 10_000
    if args.rounds is None:
        args.rounds = 2 if args.quick else 5
    if args.export_rounds is None:
        args.export_rounds = 1 if args.quick else 3
    if args.min_time is None:
        args.min_time = 0.05 if args.quick else 0.2
    if min(args.records, args.rounds, args.export_rounds) < 1 or args.min_time < 0:
        parser.error("--records and the rounds must be at least 1, --min-time at least 0")
    return args


def _load_base(corpus: Corpus) -> list[Record]:
    return [
        frontnews.loads(raw, source=str(path))
        for path, raw in zip(corpus.paths, corpus.data, strict=True)
    ]


def main(argv: Sequence[str] | None = None) -> int:
    """Run the benchmark and print the report; return the exit status."""
    args = _parse(argv)
    corpus = read_corpus(find_sample_files())
    if args.peak is not None:
        kind, count = args.peak
        peak, written = peak_memory(kind, int(count), _load_base(corpus))
        print(json.dumps({"peak": peak, "bytes": written}))
        return 0

    started = time.perf_counter()
    shared = sum(1 for path in corpus.paths if SHARED_REAL in path.parents)
    out: list[str] = ["## frontnews benchmark", "", machine_table(corpus, shared, args), ""]

    def emit(*lines: str) -> None:
        out.extend(lines)

    timing = {"rounds": args.rounds, "min_time": args.min_time}
    records = len(corpus.data)
    emit(f"### Load: {records} sample records", "")
    emit(throughput_table(bench_load(corpus, **timing), "record", ["same data as libyaml"]), "")
    emit(f"### Dump: {records} sample records", "")
    emit(
        throughput_table(
            bench_dump(corpus, **timing),
            "record",
            ["front matter round-trips", "file round-trips byte for byte"],
            mb="MB/s written",
        ),
        "",
    )

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
        if not args.no_memory:
            sizes = (args.records, 5 * args.records)
            emit(f"### Peak traced memory: {sizes[0]:,} vs {sizes[1]:,} records, streamed", "")
            emit(bench_memory(sizes, PEAK_KINDS), "")
    emit(f"Total run time: {time.perf_counter() - started:.0f} s.")
    print("\n".join(out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
