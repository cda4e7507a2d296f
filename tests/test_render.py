"""Tests for frontnews.toolkit.render: Markdown rendered, HTML cleaned, embeds found.

The sanitised HTML is checked with feedparser's own sanitiser and html5lib-free
parsing by the standard library's HTMLParser, not with our own code.
"""

from __future__ import annotations

import html.parser
import importlib.util
import json
from typing import Any

import feedparser
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import frontnews
from frontnews import Feed
from frontnews.toolkit import (
    clean_html,
    find_embeds,
    item_html,
    plain_html,
    render_markdown,
    rendering_available,
)
from frontnews.toolkit import render as render_module

from .conftest import make_record


class Collect(html.parser.HTMLParser):
    """Every start tag with its attributes, as a browser's tokenizer sees them."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def tags_of(value: str) -> Collect:
    parser = Collect()
    parser.feed(value)
    parser.close()
    return parser


def assert_safe(value: str) -> None:
    """No script, style or frame, no event handler, no URL of a scheme that runs code."""
    for tag, attrs in tags_of(value).tags:
        assert tag not in {"script", "style", "iframe", "object", "embed", "frame"}, tag
        for name, attr in attrs.items():
            assert not name.startswith("on"), name
            if name in ("href", "src") and attr is not None:
                scheme = attr.strip().split(":", 1)[0].lower() if ":" in attr else ""
                assert scheme in ("", "http", "https", "mailto"), attr


def in_feedparser(value: str) -> str:
    """What feedparser's sanitiser leaves of HTML content."""
    escaped = value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    document = (
        "<rss version='2.0'><channel><item><description>"
        f"{escaped}</description></item></channel></rss>"
    )
    summary: str = feedparser.parse(document).entries[0].summary
    return summary


def test_rendering_is_installed_with_the_tests_extra() -> None:
    """The tests extra installs markdown-it-py and nh3, so the real renderer runs here."""
    assert rendering_available()


def test_markdown_is_rendered_as_commonmark() -> None:
    """Headings, emphasis, lists, code and links come out as CommonMark says."""
    rendered = render_markdown("# Title\n\n* one\n* two\n\n`code` and [link](https://e.org/a)\n")
    tags = [tag for tag, _ in tags_of(rendered).tags]
    assert tags == ["h1", "ul", "li", "li", "p", "code", "a"]
    assert ("a", {"href": "https://e.org/a", "rel": "noopener noreferrer"}) in tags_of(
        rendered
    ).tags


HOSTILE = [
    "<script>alert(1)</script>",
    '<img src="x" onerror="alert(1)">',
    '<a href="javascript:alert(1)">x</a>',
    '<a href=" JaVaScRiPt:alert(1)">x</a>',
    '<iframe src="https://e.org/"></iframe>',
    "<style>body{}</style>",
    '<svg onload="alert(1)"></svg>',
    '<a href="data:text/html,<script>alert(1)</script>">x</a>',
    '<object data="x"></object><embed src="y">',
    '<div style="background:url(javascript:alert(1))">z</div>',
]


@pytest.mark.parametrize("hostile", HOSTILE)
def test_hostile_html_is_cleaned(hostile: str) -> None:
    """Scripts, handlers, frames and javascript:/data: URLs never survive cleaning or rendering."""
    assert_safe(clean_html(hostile))
    assert_safe(render_markdown(f"Text\n\n{hostile}\n\n[x]({hostile})"))


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.sampled_from([*HOSTILE, "<p>", "</p>", "<b>", "text", "&amp;", "<"])).map("".join)
)
def test_any_mix_of_markup_is_cleaned(value: str) -> None:
    """Whatever the mix of hostile and ordinary markup, the result is safe."""
    assert_safe(clean_html(value))
    assert_safe(render_markdown(value))


def test_embeds_are_found_with_their_watch_page_and_type() -> None:
    """YouTube and Vimeo players get their pages; a video file its media type; once each."""
    value = (
        '<iframe src="https://www.youtube.com/embed/abc?rel=0"></iframe>'
        '<iframe src="https://player.vimeo.com/video/42"></iframe>'
        '<video><source src="https://v.example/clip.webm"></video>'
        '<iframe src="https://www.youtube.com/embed/abc?rel=0"></iframe>'
        '<iframe src="javascript:alert(1)"></iframe>'
    )
    found = [(e.page, e.media_type) for e in find_embeds(value)]
    assert found == [
        ("https://www.youtube.com/watch?v=abc", None),
        ("https://vimeo.com/42", None),
        ("https://v.example/clip.webm", "video/webm"),
    ]


@pytest.mark.parametrize(
    ("featured", "body"),
    [
        ("<iframe src='https://www.youtube.com/embed/x'></iframe>", ""),
        ("<script>alert(1)</script>", ""),
        ("<iframe></iframe>", ""),
        (None, "<script>x</script>"),
        (None, "Just *text*."),
        ("<p>Intro</p>", "More."),
    ],
)
def test_item_content_survives_feedparsers_sanitiser(featured: str | None, body: str) -> None:
    """A record with featuredContent or a body always keeps visible content in feedparser."""
    for link in ("https://e.org/a", None):
        content = item_html(make_record(featured_content=featured, body=body), link=link)
        assert content is not None
        assert in_feedparser(content).strip()


def test_no_content_without_featured_content_or_body() -> None:
    """A record with neither has no content: the exporters write the excerpt instead."""
    assert item_html(make_record(featured_content=None, body="  \n")) is None


def test_render_false_keeps_the_body_as_text() -> None:
    """render=False writes the body as escaped paragraphs, not as Markdown."""
    content = item_html(make_record(body="A *b* <i>c</i>\n\nD"), render=False)
    assert content == "<p>A *b* &lt;i&gt;c&lt;/i&gt;</p>\n<p>D</p>\n"


def test_without_the_render_extra_the_plain_fallback_is_safe(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Without markdown-it-py and nh3: bodies as text paragraphs, HTML reduced to its text."""
    render_module._modules.cache_clear()
    render_module._cleaner.cache_clear()
    real_find_spec: Any = importlib.util.find_spec
    monkeypatch.setattr(
        importlib.util,
        "find_spec",
        lambda name, *a: None if name in ("nh3", "markdown_it") else real_find_spec(name, *a),
    )
    try:
        assert not rendering_available()
        assert render_markdown("A *b*") == plain_html("A *b*") == "<p>A *b*</p>\n"
        cleaned = clean_html("<p>Hi <b>there</b><script>alert(1)</script></p>")
        assert cleaned == "<p>Hi there</p>\n"
        for hostile in HOSTILE:
            assert_safe(clean_html(hostile))
        record = make_record(featured_content="<iframe src='https://www.youtube.com/embed/x'>")
        content = item_html(record, link="https://e.org/a")
        assert content is not None
        assert in_feedparser(content).strip()
    finally:
        monkeypatch.undo()
        render_module._modules.cache_clear()
        render_module._cleaner.cache_clear()
    assert rendering_available()


def test_relative_links_and_images_are_made_absolute_against_the_article() -> None:
    """A body's relative image and link point at the article's site in every feed format."""
    record = make_record(
        web_url="https://example.org/news/2026/ban.html",
        body='![chart](img/chart.png)\n\n[more](../more.html) <a href="//cdn.example.net/x">x</a>',
        published=True,
    )
    feed = Feed(title="News", link="https://example.org/", feed_url="https://example.org/f.xml")
    for format in ("rss", "atom"):
        parsed = feedparser.parse(frontnews.exports([record], format, feed=feed))
        content = parsed.entries[0].content[0].value
        assert 'src="https://example.org/news/2026/img/chart.png"' in content, format
        assert 'href="https://example.org/news/more.html"' in content, format
        assert 'href="https://cdn.example.net/x"' in content, format
    item = json.loads(frontnews.exports([record], "jsonfeed", feed=feed))["items"][0]
    assert 'src="https://example.org/news/2026/img/chart.png"' in item["content_html"]
    assert "img/chart.png" in item["content_text"]
