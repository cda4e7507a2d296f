"""Smoke tests of benchmarks/bench.py: every part runs on tiny sizes; its peers stay comparable.

No test here looks at a timing: speeds are for the benchmark's report, not for
pass/fail.
"""

from __future__ import annotations

import csv
import importlib.util
import io
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import feedparser
import pytest
import yaml

import frontnews
from frontnews import Record

ROOT = Path(__file__).resolve().parents[1]
BENCH = ROOT / "benchmarks" / "bench.py"
SAMPLES = ROOT / "samples"
TIMING = {"rounds": 1, "min_time": 0.0}


@pytest.fixture(scope="module")
def bench() -> Iterator[ModuleType]:
    """The benchmark script, imported as a module."""
    spec = importlib.util.spec_from_file_location("frontnews_bench", BENCH)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    try:
        spec.loader.exec_module(module)
        yield module
    finally:
        del sys.modules[spec.name]


@pytest.fixture(scope="module")
def small_corpus(bench: ModuleType) -> Any:
    """The repository's own samples only: a few records, so that timing loops stay short."""
    return bench.read_corpus(sorted(SAMPLES.glob("*.md")))


@pytest.fixture(scope="module")
def base(bench: ModuleType) -> list[Record]:
    """Every sample record the benchmark would use (the shared corpus too, when present)."""
    return [frontnews.load(path) for path in bench.find_sample_files()]


@pytest.fixture
def exporters_ready(bench: ModuleType) -> None:
    """Skip when a built-in exporter the benchmark needs is not there yet."""
    missing = bench.missing_exporters()
    if missing:
        pytest.skip(f"frontnews has no {', '.join(missing)} exporter yet")


class KeepingSink:
    """A sink like the benchmark's that keeps what is written, for the checks below."""

    def __init__(self) -> None:
        self.size = 0
        self.data = bytearray()

    def write(self, data: bytes) -> int:
        self.data += data
        self.size += len(data)
        return len(data)

    def stream(self) -> Any:
        return self


def output_of(writer: Any, records: list[Record]) -> bytes:
    sink = KeepingSink()
    writer(records, sink)
    return bytes(sink.data)


def test_split_front_matter_cuts_at_the_delimiter_lines(bench: ModuleType) -> None:
    """The three parts join back to the text, and the middle one is the YAML mapping."""
    text = (SAMPLES / "amnesty-ban-the-scan.md").read_text(encoding="utf-8")
    head, front, rest = bench.split_front_matter(text)
    assert head + front + rest == text
    assert head == "---\n"
    assert rest.startswith("---")
    assert yaml.safe_load(front)["category"] == "news"


def test_split_front_matter_rejects_text_without_front_matter(bench: ModuleType) -> None:
    """Text with no opening or no closing line is an error, not a silent empty block."""
    with pytest.raises(ValueError, match="opening"):
        bench.split_front_matter("title: x\n")
    with pytest.raises(ValueError, match="closing"):
        bench.split_front_matter("---\ntitle: x\n")


def test_round_trips_counts_only_identical_output(bench: ModuleType) -> None:
    """A changed body misses the file count; changed line endings miss both counts."""
    text = (SAMPLES / "amnesty-ban-the-scan.md").read_text(encoding="utf-8")
    assert bench.round_trips([text], [text]) == (1, 1)
    assert bench.round_trips([text], [text + "more body\n"]) == (1, 0)
    assert bench.round_trips([text], [text.replace("\n", "\r\n")]) == (0, 0)
    assert bench.round_trips([text], ["not a record"]) == (0, 0)


def test_best_time_returns_a_positive_duration_and_calls_the_function(bench: ModuleType) -> None:
    """The timer runs the function (at least once per round) and reports seconds per call."""
    calls: list[int] = []
    seconds = bench.best_time(lambda: calls.append(1), rounds=3, min_time=0.0)
    assert seconds > 0
    assert len(calls) >= 4


def test_load_benchmark_has_frontnews_as_reference_and_every_peer(
    bench: ModuleType, small_corpus: Any
) -> None:
    """Each peer gets a row; frontnews reads the same data as libyaml for every record."""
    rows = bench.bench_load(small_corpus, **TIMING)
    total = len(small_corpus.data)
    assert [row.name for row in rows if row.reference] == ["frontnews `loads(bytes)` → Record"]
    names = " ".join(row.name for row in rows)
    assert "python-frontmatter" in names
    assert "safe_load" in names
    assert rows[0].notes == (f"{total} / {total}",)
    assert all(row.seconds > 0 and row.items == total for row in rows)


def test_dump_benchmark_shows_frontnews_round_trips_every_record(
    bench: ModuleType, small_corpus: Any
) -> None:
    """The frontnews row counts every sample written back byte for byte."""
    rows = bench.bench_dump(small_corpus, **TIMING)
    total = len(small_corpus.data)
    reference = next(row for row in rows if row.reference)
    assert reference.notes == (f"{total} / {total}", f"{total} / {total}")
    assert len(rows) >= 2
    assert all(row.nbytes > 0 for row in rows)


def test_synthesise_makes_distinct_records_one_at_a_time(
    bench: ModuleType, base: list[Record]
) -> None:
    """Records come from a generator, cycle the base and never repeat a title or URL."""
    count = 2 * len(base) + 3
    made = bench.synthesise(base, count)
    assert isinstance(made, Iterator)
    records = list(made)
    assert len(records) == count
    assert len({r.title for r in records}) == count
    urls = [r.web_url for r in records if r.web_url]
    assert len(set(urls)) == len(urls)
    assert records[len(base)].provider == base[0].provider
    assert records[len(base)].published_date_time > base[0].published_date_time


@pytest.mark.usefixtures("exporters_ready")
def test_rss_peers_write_the_same_items_as_frontnews(bench: ModuleType, base: list[Record]) -> None:
    """feedparser reads the same titles, links, guids, dates, tags, authors and images from all."""
    pytest.importorskip("feedgen", reason="feedgen is in the bench extra")
    pytest.importorskip("feedgenerator", reason="feedgenerator is in the bench extra")
    records = list(bench.synthesise(base, len(base)))
    ours = bench.frontnews_writer("rss", frontnews_elements=False, related_links=False)
    expected = feedparser.parse(output_of(ours, records)).entries
    assert len(expected) == len(records)
    for writer in (bench.feedgen_rss, bench.feedgenerator_rss):
        parsed = feedparser.parse(output_of(writer, records))
        assert not parsed.bozo, parsed.get("bozo_exception")
        assert len(parsed.entries) == len(expected)
        for theirs, mine in zip(parsed.entries, expected, strict=True):
            for key in ("title", "link", "id", "published_parsed", "author", "media_content"):
                assert theirs.get(key) == mine.get(key), (writer.__name__, key)
            assert [t.term for t in theirs.get("tags", [])] == [
                t.term for t in mine.get("tags", [])
            ]


@pytest.mark.usefixtures("exporters_ready")
@pytest.mark.parametrize("extension", [True, False])
def test_hand_built_json_feed_holds_the_same_data_as_frontnews(
    bench: ModuleType, base: list[Record], extension: bool
) -> None:
    """The hand-built JSON Feed peer parses to exactly what frontnews's exporter writes."""
    records = list(bench.synthesise(base, len(base)))
    ours = json.loads(output_of(bench.frontnews_writer("jsonfeed", extension=extension), records))
    hand = json.loads(
        output_of(lambda rs, sink: bench.hand_jsonfeed(rs, sink, extension=extension), records)
    )
    assert hand == ours


@pytest.mark.usefixtures("exporters_ready")
def test_hand_built_csv_holds_the_same_cells_as_frontnews(
    bench: ModuleType, base: list[Record]
) -> None:
    """The csv module reads the same header and the same cells from both."""
    records = list(bench.synthesise(base, len(base)))

    def rows(data: bytes) -> list[list[str]]:
        return list(csv.reader(io.StringIO(data.decode("utf-8"), newline="")))

    ours = rows(output_of(bench.frontnews_writer("csv"), records))
    hand = rows(output_of(bench.hand_csv, records))
    assert len(ours) == len(records) + 1
    assert hand == ours


@pytest.mark.usefixtures("exporters_ready")
def test_exporter_benchmark_times_every_case(bench: ModuleType, base: list[Record]) -> None:
    """Each section has one frontnews reference and rows that all wrote something."""
    results = bench.bench_exporters(base, 7, **TIMING)
    assert set(results) == {"RSS 2.0", "JSON Feed 1.1", "CSV"}
    for rows in results.values():
        assert sum(row.reference for row in rows) == 1
        assert all(row.items == 7 and row.nbytes > 0 and row.seconds > 0 for row in rows)


@pytest.mark.usefixtures("exporters_ready")
@pytest.mark.parametrize("kind", ["rss", "jsonfeed", "csv", "feedgen"])
def test_peak_memory_traces_a_streamed_export(
    bench: ModuleType, base: list[Record], kind: str
) -> None:
    """Each kind reports a positive traced peak and the bytes it wrote."""
    if kind == "feedgen":
        pytest.importorskip("feedgen", reason="feedgen is in the bench extra")
    peak, written = bench.peak_memory(kind, 5, base)
    assert peak > 0
    assert written > 0


def test_peak_memory_rejects_an_unknown_kind(bench: ModuleType, base: list[Record]) -> None:
    """Only the listed exporters (and feedgen) can be measured."""
    with pytest.raises(ValueError, match="kind must be one of"):
        bench.peak_memory("atom", 5, base)


@pytest.mark.usefixtures("exporters_ready")
def test_peak_memory_runs_in_a_subprocess(bench: ModuleType) -> None:
    """The script's --peak mode reports a peak and a size through the command line."""
    peak, written = bench.peak_memory_in_subprocess("jsonfeed", 3)
    assert peak > 0
    assert written > 0


def test_main_prints_markdown_tables_and_machine_info(
    bench: ModuleType, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A tiny full run prints the machine table and one table per section to stdout."""
    monkeypatch.setattr(bench, "find_sample_files", lambda: sorted(SAMPLES.glob("*.md")))
    argv = ["--records", "4", "--rounds", "1", "--export-rounds", "1", "--min-time", "0"]
    assert bench.main([*argv, "--no-memory"]) == 0
    out = capsys.readouterr().out
    assert "libyaml:" in out
    assert "### Load:" in out
    assert "### Dump:" in out
    assert "| case |" in out
    if not bench.missing_exporters():
        for section in ("RSS 2.0", "JSON Feed 1.1", "CSV"):
            assert f"### Export {section}: 4 records" in out
