"""One feed per group (frontnews.split) and paged archives (frontnews.archive).

Every feed written is read back with feedparser, the OPML index with
listparser, as feed readers read them; which records belong where is worked
out here from the records themselves, not with the code under test.
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
import os
import re
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import IO, Any
from xml.etree import ElementTree

import attrs
import feedparser
import listparser
import pytest
from click.testing import CliRunner, Result
from hypothesis import given
from hypothesis import strategies as st

import frontnews
from frontnews import Exporter, ExportOptions, Feed, Provider, Record, hookimpl, plugins
from frontnews.cli import cli
from frontnews.filters import Order
from frontnews.split import slugs

from .conftest import ROOT, make_record
from .test_atom import atom_problems
from .test_jsonfeed import VALIDATOR
from .test_rss import w3c_problems

REFERENCE = ROOT / "samples" / "amnesty-ban-the-scan.md"

FEED = Feed(
    title="News",
    link="https://example.org/",
    description="All the news",
    feed_url="https://example.org/feeds/all.xml",
)
TOPICS = (None, "AI", "ai", "Robotics", "Künstliche Intelligenz", "人工知能", "C++", "C#", " ")


def corpus(count: int = 40) -> list[Record]:
    """Records with one to three topics each (case twins, non-ASCII, blank and null ones)."""
    records = []
    for n in range(count):
        topics = tuple(TOPICS[(n * k) % len(TOPICS)] for k in (1, 3, 5)[: 1 + n % 3])
        records.append(
            make_record(
                title=f"Record {n}",
                web_url=f"https://example.org/news/{n}",
                published_date_time=dt.datetime(2021, 1, 1, tzinfo=dt.UTC) + dt.timedelta(hours=n),
                topics=topics,
                provider=Provider(name=f"Provider {n % 4}", domain="example.org"),
                category=("news", "opinion")[n % 2],
            )
        )
    return records


def expected_groups(records: Iterable[Record], by: str) -> dict[str, set[str]]:
    """Each group's record URLs, worked out from the records directly."""
    groups: dict[str, set[str]] = {}
    for record in records:
        if by == "topic":
            names = {t for t in record.topics if t is not None and t.strip()}
        elif by == "provider":
            names = {record.provider.name}
        else:
            names = {record.category}
        for name in names:
            groups.setdefault(name, set()).add(str(record.web_url))
    return groups


def parsed(path: Path) -> Any:
    """The feed at ``path`` as feedparser reads it; it must be well-formed."""
    result = feedparser.parse(path.read_bytes())
    assert not result.bozo, f"{path.name}: {result.get('bozo_exception')}"
    return result


def self_link(result: Any) -> str | None:
    return next((link.href for link in result.feed.get("links", []) if link.rel == "self"), None)


@pytest.mark.parametrize("by", ["topic", "provider", "category"])
def test_each_group_feed_holds_exactly_its_records(tmp_path: Path, by: Any) -> None:
    """feedparser finds, in each group's feed, the records of that group and no other."""
    records = corpus()
    result = frontnews.export_groups(records, "rss", tmp_path, by=by, feed=FEED)
    expected = expected_groups(records, by)
    found = {}
    for written in result.feeds:
        feed = parsed(written.path)
        assert feed.feed.title == f"News: {written.group}"
        found[written.group] = {entry.link for entry in feed.entries}
        assert len(feed.entries) == written.records
    assert found == expected


def test_a_record_in_several_topics_is_in_each_topics_feed(tmp_path: Path) -> None:
    """A record with two topics appears in both feeds, once in each."""
    record = make_record(topics=("AI", "Robotics", "AI"))
    result = frontnews.export_groups([record], "rss", tmp_path, feed=FEED)
    assert {w.path.name: w.records for w in result.feeds} == {"ai.xml": 1, "robotics.xml": 1}
    for written in result.feeds:
        assert [e.link for e in parsed(written.path).entries] == [record.web_url]


def test_each_group_feed_has_its_own_self_url_beside_the_feed_url(tmp_path: Path) -> None:
    """A group feed's self link is --feed-url's folder plus its file name."""
    result = frontnews.export_groups(corpus(), "rss", tmp_path, feed=FEED)
    for written in result.feeds:
        assert self_link(parsed(written.path)) == f"https://example.org/feeds/{written.path.name}"
        assert written.url == f"https://example.org/feeds/{written.path.name}"


def test_the_opml_index_lists_every_feed_as_listparser_reads_it(tmp_path: Path) -> None:
    """listparser reads the index without complaint: one subscription per feed, by its URL."""
    result = frontnews.export_groups(corpus(), "rss", tmp_path, by="provider", feed=FEED)
    assert result.index == tmp_path / "index.opml"
    index = listparser.parse(result.index.read_bytes())
    assert not index.bozo, index.get("bozo_exception")
    assert index.meta.title == "News"
    urls = {feed.url: feed.title for feed in index.feeds}
    assert urls == {self_link(parsed(w.path)): f"News: {w.group}" for w in result.feeds}
    assert len(urls) == 4


def test_slug_file_names_are_distinct_and_ascii(tmp_path: Path) -> None:
    """Case twins, non-ASCII and punctuation-only differences get distinct ASCII file names."""
    result = frontnews.export_groups(corpus(), "rss", tmp_path, feed=FEED)
    names = [w.path.name for w in result.feeds]
    assert len(set(names)) == len(names) == len(expected_groups(corpus(), "topic"))
    assert all(re.fullmatch(r"[a-z0-9-]+\.xml", name) for name in names)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([*names, "index.opml"])


@given(st.lists(st.text(min_size=1, max_size=30), max_size=20))
def test_slugs_are_distinct_ascii_and_keep_a_lone_name_unchanged(names: list[str]) -> None:
    """Slugs never repeat, are ASCII without dots, and a name's slug does not depend on order."""
    found = slugs(names)
    assert len(set(found.values())) == len(found)
    assert all(re.fullmatch(r"[a-z0-9][a-z0-9-]*", s) for s in found.values())
    assert slugs(list(reversed(names))) == found


def test_slugs_of_known_names() -> None:
    """Accents are dropped, the first of two twins keeps the plain slug, hashes never change."""
    found = slugs(["ai", "AI", "Künstliche Intelligenz", "人工知能", "con"], prefix="topic")
    assert found["AI"] == "ai"
    assert re.fullmatch(r"ai-[0-9a-f]{8}", found["ai"])
    assert found["Künstliche Intelligenz"] == "kunstliche-intelligenz"
    assert re.fullmatch(r"topic-[0-9a-f]{8}", found["人工知能"])
    assert re.fullmatch(r"con-[0-9a-f]{8}", found["con"])
    assert slugs(["人工知能"], prefix="topic") == {"人工知能": found["人工知能"]}


def open_files() -> int:
    return len(os.listdir("/proc/self/fd"))


@pytest.mark.skipif(not os.path.isdir("/proc/self/fd"), reason="counts open files in /proc")
def test_open_files_stay_within_max_open_with_many_topics(tmp_path: Path) -> None:
    """200 topics written with max_open=3: never more than 3 spool files open at once."""
    records = [
        make_record(web_url=f"https://example.org/{n}", topics=(f"T{n % 200}", f"U{n % 7}"))
        for n in range(600)
    ]
    peak = []

    def watched() -> Iterator[Record]:
        baseline = open_files()
        for record in records:
            yield record
            peak.append(open_files() - baseline)

    result = frontnews.export_groups(watched(), "rss", tmp_path, feed=FEED, max_open=3)
    assert max(peak) == 3
    assert len(result.feeds) == 207
    assert sum(w.records for w in result.feeds) == 1200
    assert {w.group: w.records for w in result.feeds}["U0"] == 86


def test_a_second_run_writes_the_same_bytes(tmp_path: Path) -> None:
    """Two runs over the same records give byte-identical feeds and index."""

    def run(folder: Path) -> dict[str, bytes]:
        frontnews.export_groups(corpus(), "rss", folder, feed=FEED, max_open=2)
        return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}

    assert run(tmp_path / "one") == run(tmp_path / "two")
    assert run(tmp_path / "one") == run(tmp_path / "two")


def test_nothing_is_written_when_reading_fails(tmp_path: Path) -> None:
    """An input that fails half-way leaves the folder as it was: every record is read first."""

    def failing() -> Iterator[Record]:
        yield from corpus(5)
        raise frontnews.FrontnewsError("disk on fire")

    folder = tmp_path / "feeds"
    with pytest.raises(frontnews.FrontnewsError, match="disk on fire"):
        frontnews.export_groups(failing(), "rss", folder, feed=FEED)
    assert not folder.exists()


def test_unpublished_records_are_left_out_unless_asked(tmp_path: Path) -> None:
    """Like export(), export_groups leaves out 'published: false' records by default."""
    records = [make_record(topics=("AI",)), make_record(topics=("Hidden",), published=False)]
    result = frontnews.export_groups(records, "rss", tmp_path, feed=FEED)
    assert [w.group for w in result.feeds] == ["AI"]
    assert (result.records, result.ungrouped) == (1, 0)
    both = frontnews.export_groups(records, "rss", tmp_path, feed=FEED, include_unpublished=True)
    assert [w.group for w in both.feeds] == ["AI", "Hidden"]


def test_bad_arguments_are_refused_before_reading(tmp_path: Path) -> None:
    """An unknown grouping, format option or a missing feed fails before any record is read."""

    class Untouchable:
        def __iter__(self) -> Iterator[Record]:
            raise AssertionError("read")

    def untouchable() -> Untouchable:
        return Untouchable()

    with pytest.raises(ValueError, match="not 'colour'"):
        frontnews.export_groups(untouchable(), "rss", tmp_path, by="colour", feed=FEED)  # type: ignore[arg-type]
    with pytest.raises(frontnews.UnknownOptionError):
        frontnews.export_groups(untouchable(), "rss", tmp_path, feed=FEED, colour="red")
    with pytest.raises(frontnews.FeedRequiredError):
        frontnews.export_groups(untouchable(), "rss", tmp_path)


# -- paged archives -----------------------------------------------------------------------------


class Spy:
    """A plugin with a format that writes, as JSON, the feed it is given and the records' URLs."""

    @hookimpl
    def register_exporters(self, register: Callable[[Exporter], None]) -> None:
        def write(
            records: Iterable[Record], stream: IO[bytes], feed: Feed | None, _: ExportOptions
        ) -> None:
            assert feed is not None
            shown = {
                "feed": {**attrs.asdict(feed), "pages": dict(feed.pages)},
                "self": feed.feed_url,
                "pages": dict(feed.pages),
                "items": [r.web_url for r in records],
            }
            stream.write(json.dumps(shown).encode())

        register(Exporter(name="spy", media_type="application/json", suffix=".spy", write=write))


@pytest.fixture
def spy(fresh_plugins: None) -> None:
    """The spy format, registered for the test."""
    plugins.register_plugin(Spy(), name="spy")


def read_spy(folder: Path, url: str) -> dict[str, Any]:
    """The document a link leads to, found by its file name in ``folder``."""
    assert url.startswith("https://example.org/feeds/")
    shown: dict[str, Any] = json.loads((folder / url.rsplit("/", 1)[1]).read_bytes())
    assert shown["self"] == url
    return shown


@pytest.mark.usefixtures("spy")
@pytest.mark.parametrize(("count", "size"), [(1, 3), (3, 3), (4, 3), (10, 3), (10, 1), (7, 10)])
def test_archive_links_chain_through_every_record_once(
    tmp_path: Path, count: int, size: int
) -> None:
    """Following prev-archive from the feed, and next-archive back, meets each record once."""
    records = corpus(count)[::-1]  # newest first: the order given does not matter
    written = frontnews.export_archive(records, "spy", tmp_path, page_size=size, feed=FEED)
    current = read_spy(tmp_path, "https://example.org/feeds/feed.spy")
    chain, seen = [current], list(current["items"])
    while "prev-archive" in chain[-1]["pages"]:
        chain.append(read_spy(tmp_path, chain[-1]["pages"]["prev-archive"]))
        seen += chain[-1]["items"]
    assert sorted(seen) == sorted(str(r.web_url) for r in records)
    assert len(chain) == len(written) == -(-count // size)
    oldest_first = sorted(records, key=lambda r: r.published_date_time)
    assert chain[-1]["items"] == [r.web_url for r in oldest_first[:size]][::-1]
    assert all(len(doc["items"]) == size for doc in chain[1:])
    for newer, older in itertools.pairwise(chain):
        assert older["pages"]["current"] == current["self"]
        assert older["pages"].get("next-archive", current["self"]) in (newer["self"],)
        assert newer["pages"]["next"] == older["self"]
    assert "next-archive" not in chain[1]["pages"] if len(chain) > 1 else not current["pages"]


def test_archives_keep_their_records_when_newer_ones_come(tmp_path: Path) -> None:
    """Adding newer records leaves every full archive document byte for byte as it was."""
    records = corpus(20)
    frontnews.export_archive(records[:11], "rss", tmp_path / "before", page_size=5, feed=FEED)
    frontnews.export_archive(records, "rss", tmp_path / "after", page_size=5, feed=FEED)
    first = (tmp_path / "before" / "feed.archive-1.xml").read_bytes()
    assert (tmp_path / "after" / "feed.archive-1.xml").read_bytes() == first
    before = parsed(tmp_path / "before" / "feed.archive-2.xml").entries
    after = parsed(tmp_path / "after" / "feed.archive-2.xml").entries
    assert [e.link for e in before] == [e.link for e in after]


def test_archives_need_a_feed_url(tmp_path: Path) -> None:
    """More than one page of a feed format without feed_url is an ExportError."""
    feed = attrs.evolve(FEED, feed_url=None)
    with pytest.raises(frontnews.ExportError, match="feed_url"):
        frontnews.export_archive(corpus(5), "rss", tmp_path, page_size=2, feed=feed)
    frontnews.export_archive(corpus(2), "rss", tmp_path, page_size=2, feed=feed)
    assert [p.name for p in tmp_path.iterdir()] == ["feed.xml"]


def test_split_with_pages_writes_archives_per_group(tmp_path: Path) -> None:
    """--split-by with --page-size: each group paged, the index listing only the feeds."""
    records = [make_record(web_url=f"https://example.org/{n}", topics=("AI",)) for n in range(5)]
    result = frontnews.export_groups(records, "rss", tmp_path, feed=FEED, page_size=2)
    names = [(w.path.name, w.records, w.archive) for w in result.feeds]
    assert names == [("ai.archive-1.xml", 2, 1), ("ai.archive-2.xml", 2, 2), ("ai.xml", 1, None)]
    assert result.index is not None
    index = listparser.parse(result.index.read_bytes())
    assert [f.url for f in index.feeds] == ["https://example.org/feeds/ai.xml"]


# -- the command line ---------------------------------------------------------------------------

FEED_ARGS = ("--title", "News", "--link", "https://example.org/")
FEED_URL = ("--feed-url", "https://example.org/feeds/all.xml")


def invoke(*args: str | Path) -> Result:
    """Run ``frontnews`` in-process, with standard output and error apart."""
    return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)


def write_corpus(folder: Path, records: Iterable[Record]) -> Path:
    folder.mkdir()
    for n, record in enumerate(records):
        (folder / f"{n:03}.md").write_text(frontnews.dumps(record), encoding="utf-8")
    return folder


def test_cli_split_by_topic_names_each_feed_and_sums_up(tmp_path: Path) -> None:
    """--split-by topic writes the feeds, one stdout line each and the index, then a summary."""
    source = write_corpus(tmp_path / "in", corpus(12))
    out = tmp_path / "out"
    done = invoke("export", source, "-f", "rss", "--split-by", "topic", "--output-dir", out,
                  *FEED_ARGS, *FEED_URL)  # fmt: skip
    assert done.exit_code == 0, done.stderr
    expected = expected_groups(corpus(12), "topic")
    lines = done.stdout.splitlines()
    assert len(lines) == len(expected) + 1
    assert lines[-1] == f"{out / 'index.opml'}: index of {len(expected)} feeds"
    for line in lines[:-1]:
        path, count, group = re.fullmatch(r"(.+): (\d+) records? \((.+)\)", line).groups()  # type: ignore[union-attr]
        assert {e.link for e in parsed(Path(path)).entries} == expected[group]
        assert int(count) == len(expected[group])
    assert done.stderr.startswith(f"exported 12 records (rss) to {out}; left out 0 unpublished")
    alone = sum(not any(t and t.strip() for t in r.topics) for r in corpus(12))
    assert alone > 0
    assert done.stderr.rstrip().endswith(
        f"wrote {len(expected)} feeds; {alone} records in no topic"
    )
    quiet = invoke("export", source, "-f", "rss", "--split-by", "topic", "--output-dir", out,
                   "-q", *FEED_ARGS)  # fmt: skip
    assert (quiet.exit_code, quiet.stdout, quiet.stderr) == (0, "", "")


def test_cli_page_size_writes_archives(tmp_path: Path) -> None:
    """--page-size N writes the --feed-url file and its archives, each named on standard output.

    A --feed-url that names no file gives feed.xml.
    """
    source = write_corpus(tmp_path / "in", corpus(7))
    out = tmp_path / "out"
    done = invoke("export", source, "-f", "rss", "--page-size", "3", "--output-dir", out,
                  *FEED_ARGS, *FEED_URL)  # fmt: skip
    assert done.exit_code == 0, done.stderr
    assert done.stdout.splitlines() == [
        f"{out / 'all.archive-1.xml'}: 3 records (archive 1)",
        f"{out / 'all.archive-2.xml'}: 3 records (archive 2)",
        f"{out / 'all.xml'}: 1 record",
    ]
    assert "wrote 1 feed and 2 archive pages" in done.stderr
    feed = parsed(out / "all.xml")
    assert len(feed.entries) == 1
    assert self_link(feed) == "https://example.org/feeds/all.xml"
    bare = ("--feed-url", "https://example.org/feeds/")
    again = invoke("export", source, "-f", "rss", "--page-size", "3", "--output-dir", out,
                   *FEED_ARGS, *bare)  # fmt: skip
    assert again.stdout.splitlines()[-1] == f"{out / 'feed.xml'}: 1 record"


RSS = ("-f", "rss", *FEED_ARGS)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--split-by", "topic", *RSS), "give --output-dir DIR"),
        (("--split-by", "topic", "--output-dir", "d", "-o", "x.xml", *RSS), "not to --output"),
        (("--split-by", "topic", "--output-dir", "d", *FEED_ARGS), "needs --format"),
        (("--page-size", "2", "--output-dir", "d", *RSS), "needs --feed-url"),
        (("--output-dir", "d", *RSS), "a folder of feeds with --split-by"),
        (("--split-by", "colour", "--output-dir", "d", *RSS), "'colour' is not one of"),
        (("--split-by", "topic", "--output-dir", "d", "-f", "rss"), "give --title and --link"),
        (("--split-by", "topic", "--output-dir", "d", "--scheduler", "threads", *RSS), "Dask"),
        (("--split-by", "topic", "--output-dir", "d", "-O", "colour=red", *RSS), "no option"),
        (
            ("--page-size", "2", "--output-dir", "d", "-O", "by=x", *RSS, *FEED_URL),
            "no option 'by'",
        ),
    ],
)
def test_cli_folder_usage_errors(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: tuple[str, ...], message: str
) -> None:
    """Folder options that do not go together are usage errors: status 2, nothing written."""
    monkeypatch.chdir(tmp_path)
    done = invoke("export", REFERENCE, *args)
    assert done.exit_code == 2, done.output
    assert message in done.stderr
    assert list(tmp_path.iterdir()) == []


def test_cli_split_writes_nothing_when_a_record_is_invalid(tmp_path: Path) -> None:
    """An invalid record fails the export before any feed is written (without --skip-invalid)."""
    source = write_corpus(tmp_path / "in", corpus(3))
    (source / "bad.md").write_text("---\ncategory: news\n---\n", encoding="utf-8")
    out = tmp_path / "out"
    args = ("export", source, "--split-by", "topic", "--output-dir", out, *RSS)
    done = invoke(*args)
    assert done.exit_code == 1
    assert "1 invalid record, so nothing was written" in done.stderr
    assert not out.exists()
    assert invoke(*args, "--skip-invalid").exit_code == 0
    assert len(list(out.iterdir())) == len(expected_groups(corpus(3), "topic")) + 1


def test_cli_feed_options_fill_every_feed_field(spy: None, tmp_path: Path) -> None:
    """Each channel flag reaches the Feed the exporter is given, URLs in their checked form."""
    done = invoke(
        "export", REFERENCE, "-f", "spy", *FEED_ARGS, *FEED_URL, "--language", "en",
        "--description", "D", "--icon", "https://example.org/icon.png",
        "--image", "https://example.org/logo.png", "--author", "Ann", "--copyright", "(c) Ann",
        "--ttl", "60", "--hub", "https://hub.example/", "--hub", "https://example.org/hub 2",
        "--stylesheet", "https://example.org/feed.xsl",
    )  # fmt: skip
    assert done.exit_code == 0, done.stderr
    feed = json.loads(done.stdout)["feed"]
    assert feed == {
        "title": "News",
        "link": "https://example.org/",
        "description": "D",
        "feed_url": "https://example.org/feeds/all.xml",
        "language": "en",
        "icon": "https://example.org/icon.png",
        "author_name": "Ann",
        "image": "https://example.org/logo.png",
        "copyright": "(c) Ann",
        "ttl": 60,
        "hubs": ["https://hub.example/", "https://example.org/hub%202"],
        "stylesheet": "https://example.org/feed.xsl",
        "pages": {},
    }
    assert set(feed) == {f.name for f in attrs.fields(Feed)}


@pytest.mark.parametrize(
    "args",
    [
        ("--icon", "icon.png"),
        ("--hub", "https://hub.example/", "--hub", "ftp://hub.example/"),
        ("--stylesheet", "javascript:alert(1)"),
        ("--link", "example.org"),
        ("--ttl", "0"),
    ],
)
def test_cli_bad_feed_option_values_are_usage_errors(args: tuple[str, ...]) -> None:
    """A feed option that is not an absolute http(s) URL (or a ttl under 1) exits 2."""
    done = invoke("export", REFERENCE, "-f", "rss", *FEED_ARGS, *args)
    assert done.exit_code == 2
    assert f"Invalid value for '{args[-2]}'" in done.stderr


def test_cli_feed_options_need_title_and_link() -> None:
    """--hub and the other feed options without --title and --link are a usage error."""
    done = invoke("export", REFERENCE, "-f", "csv", "--hub", "https://hub.example/", "--ttl", "5")
    assert done.exit_code == 2
    assert "--hub, --ttl: feed options need --title and --link" in done.stderr


# -- what readers see -----------------------------------------------------------------------------

FH_ARCHIVE = "{http://purl.org/syndication/history/1.0}archive"


@pytest.mark.parametrize(("format", "suffix"), [("rss", ".xml"), ("atom", ".atom")])
@pytest.mark.parametrize(("count", "size"), [(1, 4), (9, 4), (12, 4), (12, 1)])
def test_feedparser_follows_prev_archive_through_every_record_once(
    tmp_path: Path, format: str, suffix: str, count: int, size: int
) -> None:
    """feedparser, from the feed's prev-archive links, meets every record exactly once.

    Archive documents carry fh:archive (read with ElementTree) and a current link;
    the subscription document has neither.
    """
    records = corpus(count)
    frontnews.export_archive(records, format, tmp_path, page_size=size, feed=FEED)
    url = f"https://example.org/feeds/feed{suffix}"
    seen: list[str] = []
    documents = 0
    while url:
        path = tmp_path / url.rsplit("/", 1)[1]
        feed = parsed(path)
        links = {link.rel: link.href for link in feed.feed.links}
        assert links["self"] == url
        seen += [entry.link for entry in feed.entries]
        marked = ElementTree.parse(path).getroot().iter(FH_ARCHIVE)
        assert (next(marked, None) is not None) == bool(documents)
        assert ("current" in links) == bool(documents)
        documents += 1
        url = links.get("prev-archive", "")
    assert sorted(seen) == sorted(str(r.web_url) for r in records)
    assert len(seen) == len(set(seen))
    assert documents == -(-count // size)


def test_json_feed_pages_chain_by_next_url_and_each_is_valid(tmp_path: Path) -> None:
    """JSON Feed pages follow next_url from feed.json, each valid against the JSON Feed schema."""
    records = corpus(10)
    frontnews.export_archive(records, "jsonfeed", tmp_path, page_size=3, feed=FEED)
    url: str | None = "https://example.org/feeds/feed.json"
    seen = []
    while url is not None:
        page = json.loads((tmp_path / url.rsplit("/", 1)[1]).read_bytes())
        VALIDATOR.validate(page)
        assert page["feed_url"] == url
        seen += [item["url"] for item in page["items"]]
        url = page.get("next_url")
    assert sorted(seen) == sorted(str(r.web_url) for r in records)
    assert len(seen) == len(set(seen))


def test_split_json_feeds_are_valid_and_hold_their_groups(tmp_path: Path) -> None:
    """Each provider's JSON Feed is valid against the schema and holds that provider's records."""
    records = corpus()
    result = frontnews.export_groups(records, "jsonfeed", tmp_path, by="provider", feed=FEED)
    expected = expected_groups(records, "provider")
    for written in result.feeds:
        page = json.loads(written.path.read_bytes())
        VALIDATOR.validate(page)
        assert page["feed_url"] == written.url
        assert {item["url"] for item in page["items"]} == expected[str(written.group)]
    assert len(result.feeds) == len(expected)


@pytest.mark.parametrize(("format", "problems"), [("rss", w3c_problems), ("atom", atom_problems)])
def test_every_split_and_paged_document_of_the_real_samples_follows_the_w3c_rules(
    shared_samples: Path, tmp_path: Path, format: str, problems: Callable[[bytes], list[str]]
) -> None:
    """The real records split by topic and paged: no W3C error or warning in any document."""
    # As the command line chooses them: newest first, one copy of each article.
    real = frontnews.iter_records(shared_samples / "real")
    records = list(frontnews.filters.select(real))
    # (attrs' mypy plugin cannot type the hubs converter: the channel options as data.)
    channel: dict[str, Any] = {"language": "en", "hubs": ("https://hub.example/",), "ttl": 60}
    feed = attrs.evolve(FEED, **channel)
    result = frontnews.export_groups(records, format, tmp_path, feed=feed, page_size=20)
    assert sum(w.records for w in result.feeds) == sum(
        len({t for t in r.topics if t and t.strip()}) for r in records
    )
    assert any(w.archive for w in result.feeds)
    for written in result.feeds:
        assert problems(written.path.read_bytes()) == [], written.path.name
        assert len(parsed(written.path).entries) == written.records


def test_docs_explain_the_folder_and_feed_options() -> None:
    """docs/cli.md explains each option issue 14's folder and channel flags added."""
    page = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    command = cli.commands["export"]
    names = [opt for p in command.params for opt in p.opts if p.expose_value is False]
    assert {"--split-by", "--page-size", "--icon", "--hub", "--stylesheet"} <= set(names)
    for name in names:
        assert f"`{name}" in page, name


@pytest.mark.parametrize("order", ["newest", "oldest"])
def test_each_group_is_sorted_from_its_spool(tmp_path: Path, order: Order) -> None:
    """sort= orders every group's feed by date, whatever order the records came in."""
    records = corpus(30)
    shuffled = records[1::2] + records[::2]
    feed = Feed(title="News", link="https://example.org/")
    result = frontnews.export_groups(shuffled, "rss", tmp_path, feed=feed, sort=order)
    assert result.feeds
    for written in result.feeds:
        entries = parsed(written.path).entries
        dates = [dt.datetime(*e.published_parsed[:6]) for e in entries]
        assert dates == sorted(dates, reverse=order == "newest"), written.path.name
    given = frontnews.export_groups(shuffled, "rss", tmp_path / "given", feed=feed)
    orders = [[e.link for e in parsed(w.path).entries] for w in given.feeds]
    assert any(links != sorted(links, key=lambda u: int(u.rsplit("/", 1)[1])) for links in orders)


def test_cli_split_writes_each_feed_newest_first_by_default(tmp_path: Path) -> None:
    """The command line's default order holds for every group feed, read in path order."""
    records = corpus(12)
    # File names that put the records out of date order (a permutation of 0..11).
    source = tmp_path / "in"
    source.mkdir()
    for n, record in enumerate(records):
        (source / f"{n * 7 % 12:02d}.md").write_text(frontnews.dumps(record), encoding="utf-8")
    runs = {}
    for sort in ("newest", "path"):
        out = tmp_path / sort
        done = invoke("export", source, "-f", "rss", "--split-by", "topic", "--output-dir", out,
                      "--sort", sort, *FEED_ARGS, "-q")  # fmt: skip
        assert done.exit_code == 0, done.output
        runs[sort] = {
            path.name: [e.published_parsed for e in parsed(path).entries]
            for path in sorted(out.glob("*.xml"))
        }
    assert runs["newest"]
    for name, dates in runs["newest"].items():
        assert dates == sorted(dates, reverse=True), name
    unsorted = [d for d in runs["path"].values() if d != sorted(d, reverse=True)]
    assert unsorted, "path order should differ from date order for some feed"
