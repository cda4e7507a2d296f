"""Smoke tests of the benchmark package, benchmarks/frontnews_bench.

Every module runs on a few records: the peers write the same items as
frontnews, the report's tables have the rows they should, and the synthetic
corpus is deterministic, canonical (every file round-trips byte for byte) and
has the proportions it promises. No test here looks at a timing: speeds are
for the benchmark's report, not for pass/fail.
"""

from __future__ import annotations

import csv
import io
import json
import re
import statistics
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import feedparser
import pytest
import yaml

import frontnews
from frontnews import Record

from .conftest import ROOT, token_of

BENCHMARKS = ROOT / "benchmarks"
if str(BENCHMARKS) not in sys.path:
    sys.path.insert(0, str(BENCHMARKS))

from frontnews_bench import arrow as arrow_bench  # noqa: E402
from frontnews_bench import (  # noqa: E402  (the package is found through the path above)
    cli,
    commands,
    corpus,
    dump,
    exporters,
    iter_records,
    load,
    machine,
    peers,
    report,
    samples,
    startup,
    timing,
)

SAMPLES = ROOT / "samples"
REFERENCE_SAMPLE = SAMPLES / "amnesty-ban-the-scan.md"


@pytest.fixture(scope="module")
def small_corpus() -> samples.Corpus:
    """The repository's own samples only: a few records, so that timing loops stay short."""
    return samples.read_corpus(sorted(SAMPLES.glob("*.md")))


@pytest.fixture(scope="module")
def base() -> list[Record]:
    """Every sample record the benchmark would use (the shared corpus too, when present)."""
    return samples.records_of(samples.read_corpus(samples.find_sample_files()))


@pytest.fixture(scope="module")
def to_export(base: list[Record]) -> list[Record]:
    """Records as the exporter benchmark makes them: cycled from the samples."""
    return list(samples.synthesise(base, len(base)))


@pytest.fixture
def exporters_ready() -> None:
    """Skip when a built-in exporter the benchmark needs is not there yet."""
    missing = exporters.missing_exporters()
    if missing:
        pytest.skip(f"frontnews has no {', '.join(missing)} exporter yet")


class KeepingSink(peers.NullSink):
    """A sink like the benchmark's that keeps what is written, for the checks below."""

    def __init__(self) -> None:
        super().__init__()
        self.data = bytearray()

    def write(self, data: bytes) -> int:
        self.data += data
        return super().write(data)


def output_of(writer: peers.Writer, records: list[Record]) -> bytes:
    sink = KeepingSink()
    writer(records, sink)
    return bytes(sink.data)


# -- timing and report ---------------------------------------------------------------------


def test_best_time_calls_the_function_in_every_round_and_gives_seconds_per_call() -> None:
    calls: list[int] = []
    seconds = timing.best_time(lambda: calls.append(1), rounds=3, min_time=0.0)
    assert seconds > 0
    assert len(calls) >= 4  # an untimed round, then three timed ones


def test_best_times_interleaves_the_rounds_of_its_cases() -> None:
    """Every case runs its round r before any case runs round r + 1."""
    calls: list[str] = []
    seconds = timing.best_times(
        [lambda: calls.append("a"), lambda: calls.append("b")], rounds=3, min_time=0.0
    )
    assert len(seconds) == 2
    assert all(s > 0 for s in seconds)
    assert calls == ["a", "b"] + ["a", "b"] * 3  # one untimed call each, then the rounds


def test_measurement_gives_rates_per_item_and_per_megabyte() -> None:
    row = timing.Measurement("case", 2.0, 10, 4_000_000)
    assert row.per_second == 5.0
    assert row.mb_per_second == 2.0


def test_throughput_table_compares_every_row_with_the_reference() -> None:
    rows = [
        timing.Measurement("frontnews x", 1.0, 100, 1_000_000, ("a",), reference=True),
        timing.Measurement("peer y", 2.5, 100, 1_000_000, ("b",)),
    ]
    lines = report.throughput_table(rows, "record", ["note"]).splitlines()
    assert lines[0] == "| case | records/s | MB/s | time per record | time ÷ frontnews | note |"
    assert lines[1] == "| :--- | ---: | ---: | ---: | ---: | ---: |"
    assert lines[2] == "| frontnews x | 100 | 1.00 | 10.0 ms | 1.00 (ref.) | a |"
    assert lines[3] == "| peer y | 40.0 | 0.40 | 25.0 ms | 2.50 | b |"


def test_verdict_says_met_or_by_how_much_it_missed() -> None:
    assert report.verdict(12.0, report.Goal(10.0)) == "≥ 10x: met"
    missed = report.verdict(4.0, report.Goal(10.0, floor=5.0))
    assert missed == "≥ 10x: **missed** (2.5x short); floor 5x: **missed** (1.2x short)"
    assert report.verdict(6.0, report.Goal(10.0, floor=5.0)).endswith("floor 5x: met")


def test_targets_note_only_the_rows_with_a_goal() -> None:
    rows = [
        timing.Measurement("frontnews x", 1.0, 10, 100, ("a",), reference=True),
        timing.Measurement("peer y", 20.0, 10, 100, ("b",)),
        timing.Measurement("other z", 2.0, 10, 100, ("c",)),
    ]
    noted = report.add_targets(rows, {"peer": report.Goal(10.0)})
    assert [row.notes for row in noted] == [("a", ""), ("b", "≥ 10x: met"), ("c", "")]
    assert report.target_rows("T", noted) == [["T", "peer y", "≥ 10x: met"]]


def test_memory_verdict_allows_a_little_growth_only() -> None:
    assert report.memory_verdict(1_000_000, 1_200_000, (1_000, 50_000)).endswith("met")
    missed = report.memory_verdict(1_000_000, 5_900_000, (1_000, 50_000))
    assert "**missed** (grows 5.90x, 100 B/record)" in missed
    walked = report.memory_verdict(1_000_000, 5_900_000, (1_000, 50_000), (100_000, 5_000_000))
    assert walked.endswith("the folder walk alone peaks at 5.00 MB)")
    assert report.memory_verdict(0, 10, (1, 2)).startswith("not measured")


def test_machine_table_names_the_cpu_the_versions_and_the_method(
    small_corpus: samples.Corpus,
) -> None:
    assert machine.cpu_model()
    table = machine.machine_table(timing.QUICK, small_corpus, 0)
    rows = [line.split(" | ")[0].removeprefix("| ") for line in table.splitlines()[2:]]
    assert rows == [
        "run",
        "Python",
        "platform",
        "CPU",
        "CPUs",
        "PyYAML",
        "frontnews",
        "peers",
        "corpus",
        "synthetic corpus",
        "method",
    ]
    assert "| corpus | 4 files (4 in samples/, 0 in ../shared/samples/real)" in table
    assert "best of 2 rounds on the samples" in table


# -- input ---------------------------------------------------------------------------------


def test_split_front_matter_cuts_at_the_delimiter_lines() -> None:
    text = REFERENCE_SAMPLE.read_text(encoding="utf-8")
    head, front, rest = samples.split_front_matter(text)
    assert head + front + rest == text
    assert head == "---\n"
    assert rest.startswith("---")
    assert yaml.safe_load(front)["category"] == "news"


def test_split_front_matter_rejects_text_without_front_matter() -> None:
    with pytest.raises(ValueError, match="opening"):
        samples.split_front_matter("title: x\n")
    with pytest.raises(ValueError, match="closing"):
        samples.split_front_matter("---\ntitle: x\n")


def test_synthesise_makes_distinct_records_one_at_a_time(base: list[Record]) -> None:
    count = 2 * len(base) + 3
    made = samples.synthesise(base, count)
    assert isinstance(made, Iterator)
    records = list(made)
    assert len(records) == count
    assert len({r.title for r in records}) == count
    urls = [r.web_url for r in records if r.web_url]
    assert len(set(urls)) == len(urls)
    assert records[len(base)].provider == base[0].provider
    assert records[len(base)].published_date_time > base[0].published_date_time


def test_corpus_table_compares_the_synthetic_corpus_with_the_samples(
    small_corpus: samples.Corpus,
) -> None:
    made = samples.synthetic_corpus(6, 2)
    assert list(made.data) == [data for _, data in corpus.generate(6, 2)]
    table = samples.corpus_table({"samples": small_corpus, "synthetic": made})
    assert table.splitlines()[0] == "|  | samples | synthetic |"
    assert "| files | 4 | 6 |" in table
    assert len(table.splitlines()) == 2 + 13
    assert "| size: median |" in table


# -- load and dump -------------------------------------------------------------------------


def test_round_trips_counts_only_identical_output() -> None:
    text = REFERENCE_SAMPLE.read_text(encoding="utf-8")
    assert dump.round_trips([text], [text]) == (1, 1)
    assert dump.round_trips([text], [text + "more body\n"]) == (1, 0)
    assert dump.round_trips([text], [text.replace("\n", "\r\n")]) == (0, 0)
    assert dump.round_trips([text], ["not a record"]) == (0, 0)


def test_load_compares_every_peer_with_frontnews_on_the_same_data(
    small_corpus: samples.Corpus,
) -> None:
    rows = load.bench_load(small_corpus, rounds=1, min_time=0.0)
    total = len(small_corpus.data)
    assert [row.name for row in rows] == [
        "frontnews `loads(bytes)` → Record",
        "python-frontmatter `loads(str)` → Post",
        "PyYAML `load(front matter, CSafeLoader)` → dict",
        "PyYAML `safe_load(front matter)` → dict (pure Python)",
    ]
    assert rows[0].reference
    everything = (f"{total} / {total}",)
    assert [row.notes for row in rows] == [
        everything,
        everything,
        ("(this is the expected data)",),
        everything,
    ]
    assert all(row.seconds > 0 and row.items == total for row in rows)


def test_dump_shows_only_frontnews_writes_every_record_back(
    small_corpus: samples.Corpus,
) -> None:
    rows = dump.bench_dump(small_corpus, rounds=1, min_time=0.0)
    total = len(small_corpus.data)
    assert rows[0].reference
    assert rows[0].notes == (f"{total} / {total}", f"{total} / {total}")
    assert len(rows) == 4
    assert all(row.nbytes > 0 for row in rows)
    assert all(row.notes[1] != f"{total} / {total}" for row in rows[1:])


def test_load_and_dump_can_leave_out_pure_python(small_corpus: samples.Corpus) -> None:
    """pure=False drops PyYAML's pure-Python rows, which are too slow for a large corpus."""
    loaded = load.bench_load(small_corpus, pure=False, rounds=1, min_time=0.0)
    dumped = dump.bench_dump(small_corpus, pure=False, rounds=1, min_time=0.0)
    assert len(loaded) == len(dumped) == 3
    assert not any("pure Python" in row.name for row in [*loaded, *dumped])


# -- peers and exporters -------------------------------------------------------------------


@pytest.mark.usefixtures("exporters_ready")
def test_rss_peers_write_the_same_items_as_frontnews(to_export: list[Record]) -> None:
    """feedparser reads the same titles, links, guids, dates, tags, authors and images from all."""
    ours = exporters.frontnews_writer("rss", frontnews_elements=False, related_links=False)
    expected = feedparser.parse(output_of(ours, to_export)).entries
    assert len(expected) == len(to_export)
    for writer in (peers.feedgen_rss, peers.feedgenerator_rss):
        parsed = feedparser.parse(output_of(writer, to_export))
        assert not parsed.bozo, parsed.get("bozo_exception")
        assert len(parsed.entries) == len(expected)
        for theirs, mine in zip(parsed.entries, expected, strict=True):
            for key in ("title", "link", "id", "published_parsed", "author"):
                assert theirs.get(key) == mine.get(key), (writer.__name__, key)
            # The peers write the image only; frontnews also writes embedded videos.
            images = [m for m in mine.get("media_content", []) if m.get("medium") == "image"]
            assert theirs.get("media_content", []) == images, writer.__name__
            assert [t.term for t in theirs.get("tags", [])] == [
                t.term for t in mine.get("tags", [])
            ]


@pytest.mark.usefixtures("exporters_ready")
@pytest.mark.parametrize("extension", [True, False])
def test_hand_json_feed_writes_the_same_items_as_frontnews(
    to_export: list[Record], extension: bool
) -> None:
    """Ids, links, titles, summaries, tags and images agree; the extension is there if asked."""
    writer = exporters.frontnews_writer("jsonfeed", extension=extension)
    ours = json.loads(output_of(writer, to_export))["items"]

    def by_hand(records: Any, sink: peers.NullSink) -> None:
        peers.hand_jsonfeed(records, sink, extension=extension)

    hand = json.loads(output_of(by_hand, to_export))["items"]
    assert len(hand) == len(ours) == len(to_export)
    for theirs, mine in zip(hand, ours, strict=True):
        for key in ("id", "url", "title", "summary", "tags", "image"):
            assert theirs.get(key) == mine.get(key), key
        assert ("_frontnews" in theirs) is extension
    if extension:
        assert hand[0]["_frontnews"]["provider"] == ours[0]["_frontnews"]["provider"]
        assert "secured" not in hand[0]["_frontnews"]


@pytest.mark.usefixtures("exporters_ready")
def test_hand_csv_writes_the_same_records_as_frontnews(to_export: list[Record]) -> None:
    """One row per record, in order, with the same text and link cells."""

    def rows(data: bytes) -> list[dict[str, str]]:
        return list(csv.DictReader(io.StringIO(data.decode("utf-8"), newline="")))

    ours = rows(output_of(exporters.frontnews_writer("csv"), to_export))
    hand = rows(output_of(peers.hand_csv, to_export))
    assert len(hand) == len(ours) == len(to_export)
    for theirs, mine in zip(hand, ours, strict=True):
        for key in ("category", "title", "excerpt", "originalUrl", "webUrl", "type", "body"):
            assert theirs[key] == mine[key], key
    assert "secured" not in hand[0]
    assert json.loads(hand[0]["provider"])["name"] == ours[0]["provider.name"]


@pytest.mark.usefixtures("exporters_ready")
def test_exporter_benchmark_times_every_case_against_one_reference(base: list[Record]) -> None:
    results = exporters.bench_exporters(base, 7, rounds=1, min_time=0.0)
    assert set(results) == {"RSS 2.0", "JSON Feed 1.1", "CSV"}
    for rows in results.values():
        assert sum(row.reference for row in rows) == 1
        assert all(row.items == 7 and row.nbytes > 0 and row.seconds > 0 for row in rows)
    targets = [row.notes[-1] for rows in results.values() for row in rows if row.notes[-1]]
    assert len(targets) == 3  # feedgen, feedgenerator, the hand-built JSON Feed


@pytest.mark.usefixtures("exporters_ready")
@pytest.mark.parametrize("kind", exporters.PEAK_KINDS)
def test_peak_memory_traces_a_streamed_export(base: list[Record], kind: str) -> None:
    peak, written = exporters.peak_memory(kind, 5, base)
    assert peak > 0
    assert written > 0


def test_peak_memory_rejects_an_unknown_kind(base: list[Record]) -> None:
    with pytest.raises(ValueError, match="kind must be one of"):
        exporters.peak_memory("atom", 5, base)


@pytest.mark.usefixtures("exporters_ready")
def test_peak_memory_runs_in_a_subprocess() -> None:
    peak, written = exporters.peak_memory_in_subprocess("jsonfeed", 3)
    assert peak > 0
    assert written > 0


# -- the synthetic corpus ------------------------------------------------------------------


def test_generator_is_deterministic() -> None:
    """The same seed gives the same names and bytes; another seed gives other records."""
    first = list(corpus.generate(40, 7))
    assert first == list(corpus.generate(40, 7))
    other = list(corpus.generate(40, 8))
    assert all(a != b for a, b in zip(first, other, strict=True))


def test_generator_continues_from_start() -> None:
    """Record i depends only on the seed and i: a larger corpus starts with the smaller one."""
    whole = list(corpus.generate(30, 3))
    assert whole[:10] == list(corpus.generate(10, 3))
    assert whole[10:] == list(corpus.generate(20, 3, start=10))


def test_every_generated_record_round_trips_and_reads_the_same_in_pyyaml() -> None:
    names = set()
    for name, data in corpus.generate(300, 11):
        assert name.endswith(".md")
        names.add(name)
        record = frontnews.loads(data, source=name)
        assert frontnews.dumps(record).encode("utf-8") == data, name
        _, front, rest = samples.split_front_matter(data.decode("utf-8"))
        assert yaml.safe_load(front) == frontnews.to_dict(record), name
        assert rest in ("---\n\n", "---\r\n\r\n")
    assert len(names) == 300


SECURED = re.compile(r"[A-Za-z0-9+/]+={0,2};[A-Za-z0-9+/]{22}==")


def test_generator_keeps_its_promises() -> None:
    """CR LF share, related counts, topics, images, tokens and sizes are as documented."""
    made = [record for _, record in corpus.records(1000, 5)]
    crlf = sum(record.layout.newline == "\r\n" for record in made) / len(made)
    assert abs(crlf - corpus.CRLF_SHARE) < 0.03
    related = [len(record.related) for record in made if record.related is not None]
    assert abs(len(related) / len(made) - corpus.RELATED_SHARE) < 0.05
    assert min(related) >= 1
    assert max(related) <= corpus.MAX_RELATED
    assert max(related) >= 20  # the long tail is there
    assert all(1 <= len(record.topics) <= corpus.MAX_TOPICS for record in made)
    assert all(record.images is None or len(record.images) == 1 for record in made)
    assert any(record.images is None for record in made)
    assert all(SECURED.fullmatch(token_of(record)) for record in made)
    assert any(record.featured_content for record in made)
    assert any(r.published is None for r in made)
    assert {record.type for record in made} == {"article", "video"}
    assert all(record.published_date_time.utcoffset() is not None for record in made)
    texts = [frontnews.dumps(record) for record in made]
    assert any('\\"' in text for text in texts)
    assert any("\\\\" in text for text in texts)  # a backslash, written \\
    assert any("\u00a0" in text for text in texts)
    assert any(any(ord(c) > 0xFFFF for c in text) for text in texts)  # emoji
    sizes = [len(text.encode("utf-8")) for text in texts]
    assert 1_200 < statistics.median(sizes) < 2_000  # the real records: 1.55 KB
    assert 2_500 < statistics.fmean(sizes) < 4_200  # the real records: 3.3 KB


def test_write_corpus_writes_the_generated_bytes(tmp_path: Path) -> None:
    """write_corpus (frontnews.dump) writes exactly what generate (frontnews.dumps) yields."""
    size = corpus.write_corpus(tmp_path / "out", 12, 9, start=5)
    expected = dict(corpus.generate(12, 9, start=5))
    written = {path.name: path.read_bytes() for path in (tmp_path / "out").iterdir()}
    assert written == expected
    assert size == sum(map(len, expected.values()))


def test_corpus_command_line_writes_a_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert corpus.main([str(tmp_path), "--count", "3", "--seed", "2"]) == 0
    assert "wrote 3 records" in capsys.readouterr().out
    assert len(list(tmp_path.glob("*.md"))) == 3


# -- iter_records and startup --------------------------------------------------------------


def test_write_nested_corpus_makes_one_folder_per_size(tmp_path: Path) -> None:
    """Folder k holds exactly sizes[k] records, the smallest the first records of the seed."""
    folders = iter_records.write_nested_corpus(tmp_path / "c", [7, 3, 12], 1)
    assert sorted(folders) == [3, 7, 12]
    assert folders[12] == tmp_path / "c"
    assert folders[3] == tmp_path / "c" / "first-7" / "first-3"
    for size, folder in folders.items():
        assert sum(1 for _ in frontnews.iter_records(folder)) == size
    smallest = {path.name: path.read_bytes() for path in folders[3].glob("*.md")}
    assert smallest == dict(corpus.generate(3, 1))


def test_walk_gives_the_files_in_sorted_path_order(tmp_path: Path) -> None:
    folders = iter_records.write_nested_corpus(tmp_path, [2, 5], 1)
    (folders[2] / "notes.txt").write_text("not a record", encoding="utf-8")
    walked = list(iter_records.walk(tmp_path))
    assert walked == [str(path) for path in sorted(tmp_path.rglob("*.md"))]
    in_walk_order = [frontnews.load(path) for path in walked]
    assert list(frontnews.iter_records(tmp_path)) == in_walk_order  # the walk iter_records does


def test_iter_pass_times_or_traces_a_folder(tmp_path: Path) -> None:
    """In-process: the timed mode counts records and RSS; the traced mode peaks."""
    corpus.write_corpus(tmp_path / "sub", 5, 1)
    timed = iter_records.iter_pass(tmp_path, rounds=2, trace=False)
    assert timed["records"] == 5
    assert timed["seconds"] > 0
    assert timed["rss"] >= timed["rss_before"] >= 0
    traced = iter_records.iter_pass(tmp_path, rounds=1, trace=True)
    assert traced["records"] == 5
    assert traced["peak"] > 0
    assert traced["paths_peak"] > 0
    assert traced["walk_peak"] > 0


def test_iter_pass_runs_in_a_subprocess(tmp_path: Path) -> None:
    corpus.write_corpus(tmp_path, 4, 1)
    result = iter_records.iter_pass_in_subprocess(tmp_path, rounds=1)
    assert result["records"] == 4
    assert result["rss"] > 0


def test_iter_records_benchmark_has_a_row_per_size_and_a_memory_verdict(tmp_path: Path) -> None:
    result = iter_records.bench_iter_records([4, 2], seed=1, rounds=1, folder=tmp_path)
    lines = result.table.splitlines()
    assert lines[0] == (
        "| records | reader | records/s | one pass | max RSS | RSS growth in pass "
        "| peak traced | folder walk alone | sorted(rglob) list, for contrast |"
    )
    assert [line.split(" | ")[:2] for line in lines[2:]] == [["| 2", "serial"], ["| 4", "serial"]]
    assert result.memory_verdict.startswith("≤ ")
    assert list(tmp_path.iterdir()) == []  # the scratch folder is gone


def test_iter_records_benchmark_without_memory_has_no_verdict(tmp_path: Path) -> None:
    result = iter_records.bench_iter_records([3], seed=1, rounds=1, memory=False, folder=tmp_path)
    assert "peak traced" not in result.table
    assert result.memory_verdict == ""


def test_startup_commands_start_with_the_baseline() -> None:
    """python -c pass first, then the import, then the command line when it is installed."""
    commands = startup.startup_commands()
    assert commands[0][1][1:] == ["-c", "pass"]
    assert commands[1][1][1:] == ["-c", "import frontnews"]
    assert len(commands) == 3
    assert commands[2][1][-1] == "--help"


def test_startup_benchmark_has_a_row_per_command_and_the_largest_imports() -> None:
    table = startup.bench_startup(1)
    assert "| `python -c pass` (baseline) |" in table
    assert len([line for line in table.splitlines() if line.startswith("| `")]) == 3
    assert "Largest direct imports" in table
    breakdown = startup.import_breakdown()
    assert breakdown
    assert all(seconds > 0 for _, seconds in breakdown)


# -- the command line ----------------------------------------------------------------------

TINY_RUN = [
    "--records",
    "4",
    "--iter-sizes",
    "2,3",
    "--rounds",
    "1",
    "--corpus-rounds",
    "1",
    "--export-rounds",
    "1",
    "--min-time",
    "0",
    "--startup-runs",
    "1",
    "--command-records",
    "3",
    "--command-runs",
    "1",
]


@pytest.fixture
def only_repository_samples(monkeypatch: pytest.MonkeyPatch) -> None:
    """The run reads samples/ only, whatever is beside the checkout."""
    monkeypatch.setattr(cli, "find_sample_files", lambda: sorted(SAMPLES.glob("*.md")))


@pytest.mark.usefixtures("only_repository_samples")
def test_main_prints_the_machine_and_a_table_per_section(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert cli.main([*TINY_RUN, "--no-memory"]) == 0
    out = capsys.readouterr().out
    assert "libyaml:" in out
    assert "python benchmarks/bench.py --records 4" in out
    headings = [line for line in out.splitlines() if line.startswith("#")]
    expected = [
        "## frontnews benchmark",
        "### Corpora: the real sample records and the synthetic ones",
        "### Load: 4 synthetic records",
        "### Dump: 4 synthetic records",
        "### Load: 4 sample records",
        "### Dump: 4 sample records",
        "### `iter_records(folder)`: folders of 2, 3 synthetic records",
        "### Startup",
    ]
    if not exporters.missing_exporters():
        expected += [
            f"### Export {name}: 4 records" for name in ("RSS 2.0", "JSON Feed 1.1", "CSV")
        ]
    expected.append("### Commands: 3 synthetic records, one process each")
    assert headings == [*expected, "### Targets"]
    assert "≥ 10x:" in out
    assert "peak traced" not in out  # --no-memory
    assert "jobs" not in out
    assert out.rstrip().splitlines()[-1].startswith("Total run time: ")


@pytest.mark.usefixtures("only_repository_samples")
def test_main_measures_memory_unless_told_not_to(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(cli, "missing_exporters", lambda: ["rss"])  # exporters: not here
    assert cli.main(TINY_RUN) == 0
    out = capsys.readouterr().out
    assert "| peak traced | folder walk alone | sorted(rglob) list, for contrast |" in out
    assert "peak traced memory, 3 vs 2 records" in out
    assert "### Exporters: exporters skipped: frontnews has no rss exporter yet" in out


def test_options_fill_in_quick_and_full_defaults() -> None:
    """--quick shrinks every size; explicit options win; folder sizes are sorted and unique."""
    full = cli.parse([])
    quick = cli.parse(["--quick"])
    assert full.records == 10_000
    assert full.iter_sizes == (1_000, 10_000, 50_000)
    assert full.memory
    assert quick.records < full.records
    assert max(quick.iter_sizes) < max(full.iter_sizes)
    assert quick.startup_runs < full.startup_runs
    chosen = cli.parse(["--quick", "--iter-sizes", "50,1_000,50", "--records", "7", "--no-memory"])
    assert chosen.iter_sizes == (50, 1000)
    assert chosen.records == 7
    assert chosen.rounds == quick.rounds
    assert not chosen.memory
    assert chosen.argv == (
        "--quick",
        "--iter-sizes",
        "50,1_000,50",
        "--records",
        "7",
        "--no-memory",
    )


@pytest.mark.parametrize(
    "argv", [["--iter-sizes", "ten"], ["--iter-sizes", "0,5"], ["--rounds", "0"], ["--jobs", "2"]]
)
def test_options_refuse_bad_values(argv: list[str]) -> None:
    with pytest.raises(SystemExit):
        cli.parse(argv)


def test_the_plain_script_writes_one_item_per_record(tmp_path: Path) -> None:
    corpus.write_corpus(tmp_path / "in", 4, 1)
    assert commands.plain_script(tmp_path / "in", tmp_path / "feed.xml") == 4
    assert len(feedparser.parse((tmp_path / "feed.xml").read_bytes()).entries) == 4


def test_commands_table_gives_wall_and_cpu_time_and_targets_on_cpu_time() -> None:
    """Each command gets a row with both times; the target rows say they compare CPU time."""
    table, targets = commands.bench_commands(5, seed=1, runs=1)
    rows = [line for line in table.splitlines() if line.startswith("| `frontnews")]
    assert len(rows) == 3
    assert all(line.count(" s |") == 2 for line in rows)
    assert "CPU time" in table.splitlines()[0]
    assert [row[1].endswith("(CPU)") for row in targets] == [True] * len(targets)
    assert len(targets) == 2  # the plain script runs too: python-frontmatter and feedgen


def test_entry_script_runs_the_package() -> None:
    """python benchmarks/bench.py --help works from anywhere and lists the options."""
    done = subprocess.run(
        [sys.executable, str(BENCHMARKS / "bench.py"), "--help"],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT / "tests",
    )
    assert "usage: python benchmarks/bench.py" in done.stdout
    assert "--iter-sizes" in done.stdout
    assert "--no-memory" in done.stdout


def test_the_arrow_section_measures_every_case_on_a_few_records() -> None:
    """The Arrow/Parquet section runs (without a cluster here: tests/test_dask.py has one)."""
    pytest.importorskip("pyarrow")
    if not arrow_bench.available():
        pytest.skip("the arrow and dask extras are not installed")
    table = arrow_bench.bench_arrow([20], rounds=1, cluster=False)
    assert "**20 records**" in table
    cases = [line.split(" | ")[0] for line in table.splitlines() if line.startswith("| `")]
    assert len(cases) == 3  # to_arrow, export, pandas; the serial rows start with "serial"
    assert table.count("| serial: ") == 2
    settings = cli.parse(["--arrow-sizes", "1000,10000"])
    assert settings.arrow_sizes == (1000, 10000)
    assert cli.parse([]).arrow_sizes == ()


def test_the_attack_benchmark_reports_each_attack_refused_in_a_fresh_process() -> None:
    """Each known hostile input is read or refused in a child process; the table says which."""
    from frontnews_bench import attacks

    seconds, rss, outcome = attacks.run_attack(attacks.ATTACKS["sexagesimal quality, 200 KB"](), 60)
    assert outcome == "LimitError"
    assert rss > 0
    assert seconds < 60
    table = attacks.bench_attacks(["1 MB anchored string used 100 times"])
    assert "| 1 MB anchored string used 100 times |" in table
    assert table.rstrip().endswith("| LimitError |")
