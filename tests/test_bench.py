"""Smoke tests of benchmarks/bench.py and benchmarks/corpus.py.

Every part of the benchmark runs on tiny sizes and its peers stay comparable;
the synthetic corpus is deterministic, canonical (every file round-trips byte
for byte) and has the proportions it promises. No test here looks at a
timing: speeds are for the benchmark's report, not for pass/fail.
"""

from __future__ import annotations

import csv
import importlib.util
import inspect
import io
import json
import re
import statistics
import sys
import threading
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
BENCHMARKS = ROOT / "benchmarks"
BENCH = BENCHMARKS / "bench.py"
SAMPLES = ROOT / "samples"
TIMING = {"rounds": 1, "min_time": 0.0}


@pytest.fixture(scope="module")
def bench() -> Iterator[ModuleType]:
    """The benchmark script, imported as a module (with benchmarks/ on the path, for corpus)."""
    spec = importlib.util.spec_from_file_location("frontnews_bench", BENCH)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    sys.path.insert(0, str(BENCHMARKS))
    try:
        spec.loader.exec_module(module)
        yield module
    finally:
        sys.path.remove(str(BENCHMARKS))
        del sys.modules[spec.name]
        sys.modules.pop("corpus", None)


@pytest.fixture(scope="module")
def corpus(bench: ModuleType) -> ModuleType:
    """benchmarks/corpus.py, as the benchmark imported it."""
    module: ModuleType = bench.synthetic
    return module


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
]


def test_main_prints_markdown_tables_and_machine_info(
    bench: ModuleType, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A tiny full run prints the machine table and one table per section to stdout."""
    monkeypatch.setattr(bench, "find_sample_files", lambda: sorted(SAMPLES.glob("*.md")))
    assert bench.main([*TINY_RUN, "--no-memory"]) == 0
    out = capsys.readouterr().out
    assert "libyaml:" in out
    assert "python benchmarks/bench.py --records 4" in out
    for heading in (
        "### Corpora:",
        "### Load: 4 synthetic records",
        "### Dump: 4 synthetic records",
        "### Load: 4 sample records",
        "### Dump: 4 sample records",
        "### `iter_records(folder)`: folders of 2, 3 synthetic records",
        "### Startup",
        "### Targets",
    ):
        assert heading in out
    assert "| case |" in out
    assert "≥ 10x:" in out
    assert "peak traced" not in out  # --no-memory
    if not bench.missing_exporters():
        for section in ("RSS 2.0", "JSON Feed 1.1", "CSV"):
            assert f"### Export {section}: 4 records" in out


def test_main_traces_iter_records_memory_unless_told_not_to(
    bench: ModuleType, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """With memory on, the iter_records table has traced peaks and the targets a verdict."""
    monkeypatch.setattr(bench, "find_sample_files", lambda: sorted(SAMPLES.glob("*.md")))
    monkeypatch.setattr(bench, "missing_exporters", lambda: ["rss"])  # exporters: not here
    assert bench.main(TINY_RUN) == 0
    out = capsys.readouterr().out
    assert "| peak traced | folder walk alone | sorted(rglob) list, for contrast |" in out
    assert "peak traced memory, 3 vs 2 records" in out


def test_option_parsing_fills_in_quick_and_full_defaults(bench: ModuleType) -> None:
    """--quick shrinks every size; explicit options win; folder sizes are sorted and unique."""
    full = bench._parse([])
    quick = bench._parse(["--quick"])
    assert full.records == 10_000
    assert full.iter_sizes == [1_000, 10_000, 50_000]
    assert quick.records < full.records
    assert max(quick.iter_sizes) < max(full.iter_sizes)
    assert quick.startup_runs < full.startup_runs
    chosen = bench._parse(["--quick", "--iter-sizes", "50,1_000,50", "--records", "7"])
    assert chosen.iter_sizes == [50, 1000]
    assert chosen.records == 7
    with pytest.raises(SystemExit):
        bench._parse(["--iter-sizes", "ten"])
    with pytest.raises(SystemExit):
        bench._parse(["--iter-sizes", "0,5"])


# -- targets ---------------------------------------------------------------------------------


def test_verdict_says_met_or_by_how_much_it_missed(bench: ModuleType) -> None:
    """A missed target gives the factor still missing, for the target and for its floor."""
    assert bench.verdict(12.0, bench.Goal(10.0)) == "≥ 10x: met"
    missed = bench.verdict(4.0, bench.Goal(10.0, floor=5.0))
    assert missed == "≥ 10x: **missed** (2.5x short); floor 5x: **missed** (1.2x short)"
    assert bench.verdict(6.0, bench.Goal(10.0, floor=5.0)).endswith("floor 5x: met")


def test_add_targets_notes_only_the_rows_with_a_goal(bench: ModuleType) -> None:
    """The reference and rows without a goal get an empty note; the peer gets the verdict."""
    rows = [
        bench.Measurement("frontnews x", 1.0, 10, 100, ("a",), reference=True),
        bench.Measurement("peer y", 20.0, 10, 100, ("b",)),
        bench.Measurement("other z", 2.0, 10, 100, ("c",)),
    ]
    noted = bench.add_targets(rows, {"peer": bench.Goal(10.0)})
    assert [row.notes for row in noted] == [("a", ""), ("b", "≥ 10x: met"), ("c", "")]
    assert bench._target_rows("T", noted) == [["T", "peer y", "≥ 10x: met"]]


def test_memory_verdict_allows_a_little_growth_only(bench: ModuleType) -> None:
    """Up to the limit is met; beyond, it says the growth factor and the growth per record."""
    assert bench._memory_verdict(1_000_000, 1_200_000, (1_000, 50_000)).endswith("met")
    missed = bench._memory_verdict(1_000_000, 5_900_000, (1_000, 50_000))
    assert "**missed** (grows 5.90x, 100 B/record)" in missed
    walked = bench._memory_verdict(1_000_000, 5_900_000, (1_000, 50_000), (100_000, 5_000_000))
    assert walked.endswith("the folder walk alone peaks at 5.00 MB)")
    assert bench._memory_verdict(0, 10, (1, 2)).startswith("not measured")


# -- the synthetic corpus --------------------------------------------------------------------


def test_generator_is_deterministic(corpus: ModuleType) -> None:
    """The same seed gives the same names and bytes; another seed gives other records."""
    first = list(corpus.generate(40, 7))
    assert first == list(corpus.generate(40, 7))
    other = list(corpus.generate(40, 8))
    assert all(a != b for a, b in zip(first, other, strict=True))


def test_generator_continues_from_start(corpus: ModuleType) -> None:
    """Record i depends only on the seed and i: a larger corpus starts with the smaller one."""
    whole = list(corpus.generate(30, 3))
    assert whole[:10] == list(corpus.generate(10, 3))
    assert whole[10:] == list(corpus.generate(20, 3, start=10))


def test_every_generated_record_round_trips_and_reads_as_yaml(
    bench: ModuleType, corpus: ModuleType
) -> None:
    """Each file reads back and writes the same bytes; PyYAML reads the same data."""
    names = set()
    for name, data in corpus.generate(300, 11):
        assert name.endswith(".md")
        names.add(name)
        record = frontnews.loads(data, source=name)
        assert frontnews.dumps(record).encode("utf-8") == data, name
        _, front, rest = bench.split_front_matter(data.decode("utf-8"))
        assert yaml.safe_load(front) == frontnews.to_dict(record), name
        assert rest in ("---\n\n", "---\r\n\r\n")
    assert len(names) == 300


SECURED = re.compile(r"[A-Za-z0-9+/]+={0,2};[A-Za-z0-9+/]{22}==")


def test_generator_keeps_its_promises(corpus: ModuleType) -> None:
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
    assert all(SECURED.fullmatch(record.secured.text) for record in made)
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


def test_write_corpus_writes_the_generated_bytes(corpus: ModuleType, tmp_path: Path) -> None:
    """write_corpus (frontnews.dump) writes exactly what generate (frontnews.dumps) yields."""
    size = corpus.write_corpus(tmp_path / "out", 12, 9, start=5)
    expected = dict(corpus.generate(12, 9, start=5))
    written = {path.name: path.read_bytes() for path in (tmp_path / "out").iterdir()}
    assert written == expected
    assert size == sum(map(len, expected.values()))


def test_corpus_command_line_writes_a_folder(
    corpus: ModuleType, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """python benchmarks/corpus.py FOLDER --count N --seed S."""
    assert corpus.main([str(tmp_path), "--count", "3", "--seed", "2"]) == 0
    assert "wrote 3 records" in capsys.readouterr().out
    assert len(list(tmp_path.glob("*.md"))) == 3


def test_synthetic_corpus_and_corpus_table(bench: ModuleType, small_corpus: Any) -> None:
    """The in-memory corpus holds the generated bytes; the table compares it with the samples."""
    made = bench.synthetic_corpus(6, 2)
    assert list(made.data) == [data for _, data in bench.synthetic.generate(6, 2)]
    table = bench.corpus_table({"samples": small_corpus, "synthetic": made})
    assert table.splitlines()[0] == "|  | samples | synthetic |"
    assert "| files | 4 | 6 |" in table
    assert "size: median" in table


def test_load_and_dump_benchmarks_can_leave_out_pure_python(
    bench: ModuleType, small_corpus: Any
) -> None:
    """pure=False drops PyYAML's pure-Python rows, which are too slow for a large corpus."""
    load = bench.bench_load(small_corpus, pure=False, **TIMING)
    dump = bench.bench_dump(small_corpus, pure=False, **TIMING)
    assert not any("pure Python" in row.name for row in [*load, *dump])
    assert len(load) == len(bench.bench_load(small_corpus, **TIMING)) - 1


# -- iter_records and startup ----------------------------------------------------------------


def test_write_nested_corpus_makes_one_folder_per_size(bench: ModuleType, tmp_path: Path) -> None:
    """Folder k holds exactly sizes[k] records, the smallest the first records of the seed."""
    folders = bench.write_nested_corpus(tmp_path / "c", [7, 3, 12], 1)
    assert sorted(folders) == [3, 7, 12]
    assert folders[12] == tmp_path / "c"
    assert folders[3] == tmp_path / "c" / "first-7" / "first-3"
    for size, folder in folders.items():
        assert sum(1 for _ in frontnews.iter_records(folder)) == size
    smallest = {path.name: path.read_bytes() for path in folders[3].glob("*.md")}
    assert smallest == dict(bench.synthetic.generate(3, 1))


def test_iter_pass_times_or_traces_a_folder(bench: ModuleType, tmp_path: Path) -> None:
    """In-process: the timed mode counts records and RSS; the traced mode peaks."""
    bench.synthetic.write_corpus(tmp_path / "sub", 5, 1)
    timed = bench.iter_pass(tmp_path, rounds=2, jobs=None, trace=False)
    assert timed["records"] == 5
    assert timed["seconds"] > 0
    assert timed["rss"] >= 0
    traced = bench.iter_pass(tmp_path, rounds=1, jobs=None, trace=True)
    assert traced["records"] == 5
    assert traced["peak"] > 0
    assert traced["paths_peak"] > 0


def test_iter_pass_runs_in_a_subprocess(bench: ModuleType, tmp_path: Path) -> None:
    """The script's --iter-pass mode reports through the command line."""
    bench.synthetic.write_corpus(tmp_path, 4, 1)
    result = bench.iter_pass_in_subprocess(tmp_path, rounds=1)
    assert result["records"] == 4
    assert result["rss"] > 0


def test_supports_jobs_follows_the_signature(bench: ModuleType) -> None:
    """The parallel case runs only when iter_records takes jobs."""
    expected = "jobs" in inspect.signature(frontnews.iter_records).parameters
    assert bench.supports_jobs() is expected


def test_iter_records_benchmark_skips_the_parallel_case_without_jobs(
    bench: ModuleType, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Without a jobs argument: serial rows, and a note on what a process pool would give."""
    monkeypatch.setattr(bench, "supports_jobs", lambda: False)
    result = bench.bench_iter_records([2, 4], seed=1, rounds=1, folder=tmp_path)
    lines = result.table.splitlines()
    assert len(lines) == 2 + 2
    assert lines[2].startswith("| 2 | serial |")
    assert "takes no `jobs` argument" in result.jobs_note
    assert re.search(r"ran at \d+\.\d\dx the serial speed", result.jobs_note)
    assert result.memory_verdict.startswith("≤ ")
    assert list(tmp_path.iterdir()) == []  # the scratch folder is gone


def test_iter_records_benchmark_without_memory_has_no_verdict(
    bench: ModuleType, tmp_path: Path
) -> None:
    """memory=False leaves out the traced columns and the verdict."""
    result = bench.bench_iter_records([3], seed=1, rounds=1, memory=False, folder=tmp_path)
    assert "peak traced" not in result.table
    assert result.memory_verdict == ""


def test_startup_commands_start_with_the_baseline(bench: ModuleType) -> None:
    """python -c pass first, then the import, then the command line when it is installed."""
    commands = bench.startup_commands()
    assert commands[0][1][1:] == ["-c", "pass"]
    assert commands[1][1][1:] == ["-c", "import frontnews"]
    assert len(commands) == 3
    assert commands[2][1][-1] == "--help"


def test_startup_benchmark_prints_a_table_and_the_largest_imports(bench: ModuleType) -> None:
    """One run of each command; the table has a row per command, then the import breakdown."""
    table = bench.bench_startup(1)
    assert "| `python -c pass` (baseline) |" in table
    assert "Largest direct imports" in table
    breakdown = bench.import_breakdown()
    assert breakdown
    assert all(seconds > 0 for _, seconds in breakdown)


def test_cpu_model_is_named(bench: ModuleType) -> None:
    """The machine table names the CPU."""
    assert bench.cpu_model()


def test_iter_records_benchmark_compares_jobs_with_serial_when_supported(
    bench: ModuleType, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """With a jobs argument, each size gets a jobs=2 row with its speed relative to serial."""
    original = frontnews.iter_records
    seen: list[Any] = []

    def parallel(paths: Any, *, jobs: int = 1, **options: Any) -> Iterator[Record]:
        seen.append(jobs)
        return original(paths, **options)

    one_at_a_time = threading.Lock()  # the benchmark traces from threads; tracemalloc is global

    def in_process(folder: Path, *, rounds: int = 1, jobs: Any = None, trace: bool = False) -> Any:
        with one_at_a_time:
            return bench.iter_pass(folder, rounds=rounds, jobs=jobs, trace=trace)

    monkeypatch.setattr(frontnews, "iter_records", parallel)
    monkeypatch.setattr(bench, "iter_pass_in_subprocess", in_process)
    assert bench.supports_jobs()
    result = bench.bench_iter_records([2, 3], seed=1, rounds=1, folder=tmp_path)
    rows = result.table.splitlines()[2:]
    assert [row.split(" | ")[1] for row in rows] == ["serial", "jobs=2", "serial", "jobs=2"]
    assert "x serial)" in rows[1]
    assert 2 in seen
    assert "jobs=2" in result.jobs_note
