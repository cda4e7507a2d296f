"""A Google News sitemap exporter and a ``sitemap-check`` command, as a third-party frontnews plugin.

Install the distribution and ``frontnews.export(records, "news-sitemap",
stream)`` writes a news sitemap (the Sitemap 0.9 ``urlset`` with Google's
``news:`` elements), and ``frontnews sitemap-check FILE`` counts the news URLs
of one. It uses only frontnews's public API, the way any plugin published on
its own should: :mod:`frontnews` for the model, the contract and the hooks,
:mod:`frontnews.toolkit` for escaping XML, URLs, dates and the language check.

The writer streams: it writes the ``urlset`` head, then one ``<url>`` per
record as it arrives, and holds one record at a time. See the README for every
choice made.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterable
from importlib import metadata
from pathlib import Path
from typing import IO

import click

from frontnews import Exporter, ExportError, ExportOptions, Feed, Option, Record, hookimpl
from frontnews.toolkit import check_language, encode_xml, escape_text, http_url, rfc3339

__all__ = ["NEWS_SITEMAP", "register_commands", "register_exporters", "write_news_sitemap"]

__version__ = metadata.version("frontnews-sitemap")

SITEMAP_NAMESPACE = "http://www.sitemaps.org/schemas/sitemap/0.9"
NEWS_NAMESPACE = "http://www.google.com/schemas/sitemap-news/0.9"
#: Google reads at most this many news URLs from one sitemap.
GOOGLE_LIMIT = 1000

_HEAD = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    f'<urlset xmlns="{SITEMAP_NAMESPACE}" xmlns:news="{NEWS_NAMESPACE}">\n'
)


def _url(record: Record, publication: str | None, language: str) -> str | None:
    """One ``<url>`` element for ``record``, or ``None`` when it has no absolute http(s) URL."""
    loc = http_url(record.web_url) or http_url(record.original_url)
    if loc is None:
        return None
    name = publication or record.provider.name
    return (
        f"  <url>\n    <loc>{escape_text(loc)}</loc>\n    <news:news>\n"
        f"      <news:publication>\n"
        f"        <news:name>{escape_text(name)}</news:name>\n"
        f"        <news:language>{escape_text(language)}</news:language>\n"
        f"      </news:publication>\n"
        f"      <news:publication_date>{rfc3339(record.published_date_time)}"
        f"</news:publication_date>\n"
        f"      <news:title>{escape_text(record.title)}</news:title>\n"
        f"    </news:news>\n  </url>\n"
    )


def write_news_sitemap(
    records: Iterable[Record], stream: IO[bytes], feed: Feed | None, options: ExportOptions
) -> None:
    """Write a Google News sitemap: one ``<url>`` per record that has a URL and is not removed.

    ``secured`` needs no care here: a sitemap has no place for it, and
    frontnews hands the exporter records without it anyway unless the caller
    asked for it.
    """
    params = options.params
    language = params["language"] or (feed.language if feed is not None else None) or "en"
    check_language(language, "news-sitemap")
    limit: int = params["max_urls"]
    stream.write(encode_xml(_HEAD))
    written = 0
    for record in records:
        if record.removed:
            continue  # a removed article must leave the sitemap
        element = _url(record, params["publication_name"], language)
        if element is None:
            continue
        written += 1
        if written > limit:
            raise ExportError(f"news-sitemap: more than {limit} URLs (max_urls)")
        stream.write(encode_xml(element))
    stream.write(b"</urlset>\n")


NEWS_SITEMAP = Exporter(
    name="news-sitemap",
    media_type="application/xml",
    suffix=".xml",
    write=write_news_sitemap,
    description="Google News sitemap: one <url> per record with a URL, removed ones left out",
    options={
        "publication_name": Option(
            default=None, type=str, help="The news:name of every URL (default: the provider's)."
        ),
        "language": Option(
            default=None, type=str, help="The news:language (default: the feed's, else en)."
        ),
        "max_urls": Option(default=GOOGLE_LIMIT, help="Refuse to write more URLs than this."),
    },
)


@hookimpl
def register_exporters(register: Callable[[Exporter], None]) -> None:
    """Register the ``news-sitemap`` exporter."""
    register(NEWS_SITEMAP)


@hookimpl
def register_commands(cli: click.Group) -> None:
    """Add the ``frontnews sitemap-check`` command."""

    @cli.command(name="sitemap-check")
    @click.argument("files", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
    def sitemap_check(files: tuple[Path, ...]) -> None:
        """Count the news URLs of each sitemap FILE; fail over Google's limit of 1,000."""
        for path in files:
            try:
                root = ET.parse(path).getroot()
            except ET.ParseError as exc:
                raise click.ClickException(f"{path}: not XML: {exc}") from None
            count = len(root.findall(f"{{{SITEMAP_NAMESPACE}}}url/{{{NEWS_NAMESPACE}}}news"))
            click.echo(f"{path}: {count} news URLs")
            if count > GOOGLE_LIMIT:
                raise click.ClickException(f"{path}: over Google's limit of {GOOGLE_LIMIT}")
