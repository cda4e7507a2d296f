"""The example plugin (examples/frontnews-sitemap), installed, its output read by ElementTree."""

from __future__ import annotations

import ast
import datetime as dt
import inspect
import io
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from importlib import metadata
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import frontnews
from frontnews import ExportError, Feed, Record, hookspecs, plugins, toolkit

from .conftest import REFERENCE_SAMPLE, ROOT, SAMPLES, make_record, token_of
from .strategies import records

DISTRIBUTION = "frontnews-sitemap"
INSTALL_HINT = (
    f"{DISTRIBUTION} is not installed in this environment: run "
    "`pip install ./examples/frontnews-sitemap` (the nox test session installs it)"
)
SM = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
NEWS = "{http://www.google.com/schemas/sitemap-news/0.9}"
# XML 1.0's Char production: anything else cannot appear in a document.
NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_text(text: str) -> str:
    """What an XML parser can give back for ``text``: forbidden characters become U+FFFD."""
    return NOT_XML.sub("\ufffd", text)


pytestmark = pytest.mark.usefixtures("fresh_plugins")


@pytest.fixture(autouse=True)
def installed_example() -> None:
    """Fail (never skip) when the example is not installed."""
    try:
        metadata.distribution(DISTRIBUTION)
    except metadata.PackageNotFoundError:
        pytest.fail(INSTALL_HINT)


def sitemap(items: Any, **kwargs: Any) -> bytes:
    """Export ``items`` with the ``news-sitemap`` exporter and return the bytes."""
    return frontnews.exports(items, "news-sitemap", **kwargs)


def urls(data: bytes) -> list[ET.Element]:
    """The ``<url>`` elements of a sitemap, parsed with the standard library."""
    root = ET.fromstring(data)
    assert root.tag == f"{SM}urlset"
    return root.findall(f"{SM}url")


def test_example_distribution_is_installed_with_its_entry_point() -> None:
    """The distribution is installed, version 0.1.0, with an entry point in the frontnews group."""
    dist = metadata.distribution(DISTRIBUTION)
    assert dist.version == "0.1.0"
    points = [ep for ep in dist.entry_points if ep.group == plugins.ENTRY_POINT_GROUP]
    assert [(ep.name, ep.value) for ep in points] == [("sitemap", "frontnews_sitemap")]


def test_list_plugins_shows_the_example_with_its_distribution_and_version() -> None:
    """list_plugins names the distribution, version 0.1.0, its exporter and both hooks."""
    (info,) = [i for i in plugins.list_plugins() if i.distribution == DISTRIBUTION]
    assert info.version == "0.1.0"
    assert info.exporters == ("news-sitemap",)
    assert info.hooks == ("register_commands", "register_exporters")
    assert not info.builtin
    assert info.error is None


def test_exporter_declares_typed_options_with_help() -> None:
    """news-sitemap writes application/xml, and each option has a type, a default and help."""
    exporter = plugins.get_exporter("news-sitemap")
    assert (exporter.media_type, exporter.suffix) == ("application/xml", ".xml")
    options = exporter.options
    assert set(options) == {"publication_name", "language", "max_urls"}
    assert (options["publication_name"].type, options["publication_name"].default) == (str, None)
    assert (options["max_urls"].type, options["max_urls"].default) == (int, 1000)
    assert all(option.help for option in options.values())


def test_example_uses_only_the_public_api() -> None:
    """The plugin imports nothing from frontnews beyond its public names and the toolkit's."""
    import frontnews_sitemap

    source = Path(inspect.getsourcefile(frontnews_sitemap) or "")
    tree = ast.parse(source.read_text(encoding="utf-8"))
    public = {
        "frontnews": set(frontnews.__all__),
        "frontnews.hookspecs": set(hookspecs.__all__),
        "frontnews.toolkit": set(toolkit.__all__),
    }
    imported: dict[str, set[str]] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            assert not any(a.name.startswith("frontnews.") for a in node.names), ast.dump(node)
        elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("frontnews"):
            assert node.module in public, node.module
            imported.setdefault(node.module, set()).update(alias.name for alias in node.names)
    assert imported.get("frontnews"), "the plugin is expected to import frontnews"
    assert imported.get("frontnews.toolkit"), "the plugin is expected to use the toolkit"
    for module, names in imported.items():
        assert names <= public[module], (module, names - public[module])


def test_sample_record_becomes_a_news_url() -> None:
    """The reference sample is one <url>: its link, provider, language, date and title."""
    sample = frontnews.load(REFERENCE_SAMPLE)
    (url,) = urls(sitemap([sample], include_unpublished=True))
    assert url.findtext(f"{SM}loc") == sample.web_url
    news = url.find(f"{NEWS}news")
    assert news is not None
    assert news.findtext(f"{NEWS}publication/{NEWS}name") == sample.provider.name
    assert news.findtext(f"{NEWS}publication/{NEWS}language") == "en"
    assert news.findtext(f"{NEWS}title") == sample.title
    when = dt.datetime.fromisoformat(news.findtext(f"{NEWS}publication_date") or "")
    published = sample.published_date_time
    expected = published if published.tzinfo else published.replace(tzinfo=dt.UTC)
    assert when == expected


def test_options_and_feed_language_are_used() -> None:
    """publication_name replaces the provider; the language comes from the option or the feed."""
    feed = Feed(title="News", link="https://example.org/", language="de-CH")
    (url,) = urls(sitemap([make_record()], feed=feed, publication_name="2024"))
    assert url.findtext(f"{NEWS}news/{NEWS}publication/{NEWS}name") == "2024"
    assert url.findtext(f"{NEWS}news/{NEWS}publication/{NEWS}language") == "de-CH"
    (url,) = urls(sitemap([make_record()], feed=feed, language="fr"))
    assert url.findtext(f"{NEWS}news/{NEWS}publication/{NEWS}language") == "fr"


def test_removed_and_urlless_records_are_left_out() -> None:
    """A removed record and one without an http(s) URL give no <url>; the others keep order."""
    items = [
        make_record(title="kept 1", web_url="https://a.example/1"),
        make_record(title="removed", web_url="https://a.example/2", removed=True),
        make_record(title="no url", web_url=None, original_url="not a url"),
        make_record(title="kept 2", web_url=None, original_url="https://a.example/3"),
    ]
    found = [u.findtext(f"{NEWS}news/{NEWS}title") for u in urls(sitemap(items))]
    assert found == ["kept 1", "kept 2"]


def test_bad_options_are_refused_before_writing() -> None:
    """A wrong option type is refused by frontnews; a bad language or too many URLs by it."""
    with pytest.raises(frontnews.OptionValueError, match="max_urls"):
        sitemap([make_record()], max_urls="ten")
    with pytest.raises(ExportError, match="news-sitemap"):
        sitemap([make_record()], language="English please")
    with pytest.raises(ExportError, match="more than 1 URLs"):
        sitemap([make_record(), make_record(title="other")], max_urls=1)


def test_secured_never_appears_even_when_asked() -> None:
    """A sitemap has no place for the token: it is absent with or without include_secured."""
    item = make_record()
    assert token_of(item).encode() not in sitemap([item], include_secured=True)


def test_writes_each_url_before_reading_the_next_record() -> None:
    """The exporter streams: when it asks for record n+1, urls 1..n are already written."""
    buffer = io.BytesIO()
    seen: list[int] = []

    def produce() -> Iterator[Record]:
        for i in range(4):
            if i:
                seen.append(buffer.getvalue().count(b"<url>"))
            yield make_record(title=f"Story {i}", web_url=f"https://a.example/{i}")

    frontnews.export(produce(), "news-sitemap", buffer)
    assert seen == [1, 2, 3]


@settings(max_examples=50, deadline=None)
@given(items=st.lists(records(), max_size=4))
def test_any_records_make_a_well_formed_sitemap(items: list[Record]) -> None:
    """Whatever the text, the output parses and the titles survive; same input, same bytes."""
    data = sitemap(items, include_unpublished=True)
    assert sitemap(items, include_unpublished=True) == data
    kept = [
        item
        for item in items
        if not item.removed
        and (toolkit.http_url(item.web_url) or toolkit.http_url(item.original_url))
    ]
    titles = [u.findtext(f"{NEWS}news/{NEWS}title") for u in urls(data)]
    assert titles == [xml_text(item.title) for item in kept]


def test_sitemap_check_command_counts_the_news_urls(tmp_path: Path) -> None:
    """The plugin's own command, frontnews sitemap-check, counts what the exporter wrote."""
    output = tmp_path / "news.xml"
    env = {**os.environ, plugins.LOAD_PLUGINS_ENV: DISTRIBUTION}
    export = [sys.executable, "-m", "frontnews", "export", str(SAMPLES), "-f", "news-sitemap"]
    exported = subprocess.run([*export, "-o", str(output), "-q"], env=env, check=False)
    assert exported.returncode == 0
    expected = len(urls(output.read_bytes()))
    check = [sys.executable, "-m", "frontnews", "sitemap-check", str(output)]
    done = subprocess.run(check, env=env, capture_output=True, text=True, check=False)
    assert (done.returncode, done.stdout) == (0, f"{output}: {expected} news URLs\n")


# -- the docs show the package's code inline ---------------------------------------------------

# An excerpt: a marker naming the file, then a fenced block whose content is in that file.
EXCERPT = re.compile(r"<!-- excerpt: (\S+) -->\n(`{3,})[\w-]*\n(.*?)\n\2\n", re.DOTALL)
GUIDE = ROOT / "docs" / "plugins.md"
HOOKS = ROOT / "docs" / "hooks.md"
MODULE = "examples/frontnews-sitemap/src/frontnews_sitemap/__init__.py"


def excerpts(page: Path) -> list[tuple[str, str]]:
    """``(file, code)`` for each block of ``page`` marked as an excerpt of a file."""
    return [(path, code) for path, _, code in EXCERPT.findall(page.read_text(encoding="utf-8"))]


def test_docs_excerpts_match_the_files_they_come_from() -> None:
    """Every block the guide and the hook reference mark as an excerpt is in that file as shown."""
    found = excerpts(GUIDE) + excerpts(HOOKS)
    assert len(found) >= 10, "the pages show the package's code inline"
    for path, code in found:
        text = (ROOT / path).read_text(encoding="utf-8")
        assert code in text, f"this excerpt is not in {path}:\n{code}"


def test_plugin_guide_shows_the_whole_module_and_the_entry_point_table_inline() -> None:
    """The guide's excerpts of the module add up to all of it; pyproject.toml is shown whole."""
    text = GUIDE.read_text(encoding="utf-8")
    assert "literalinclude" not in text
    assert "literalinclude" not in HOOKS.read_text(encoding="utf-8")
    shown = dict(excerpts(GUIDE))
    pyproject = (ROOT / "examples/frontnews-sitemap/pyproject.toml").read_text(encoding="utf-8")
    assert shown["examples/frontnews-sitemap/pyproject.toml"] == pyproject.rstrip("\n")
    assert '[project.entry-points.frontnews]\nsitemap = "frontnews_sitemap"' in pyproject
    module = (ROOT / MODULE).read_text(encoding="utf-8")
    body = module.split('"""\n\n', 1)[1].rstrip("\n")
    parts = [code for path, code in excerpts(GUIDE) if path == MODULE]
    assert "\n\n\n".join(parts) == body, "the guide shows every line of the module, in order"


def test_excerpt_finder_needs_the_marker_and_the_exact_code() -> None:
    """A block without a marker is no excerpt; a changed line would not be found in the file."""
    page = "<!-- excerpt: a.py -->\n```python\nx = 1\n```\n\n```python\ny = 2\n```\n"
    assert EXCERPT.findall(page) == [("a.py", "```", "x = 1")]
