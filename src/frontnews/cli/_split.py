"""``export --split-by`` and ``--page-size``: a folder of feeds instead of one output.

:func:`split_options` adds the two options, kept in the context's ``meta``
rather than as parameters of the command; :func:`folder_options` reads them
(``None`` when neither is given) and checks that they go with
``--output-dir DIR`` and ``--format``; :class:`FolderJob` runs the export
through :func:`frontnews.split.export_groups` or
:func:`frontnews.archive.export_archive`, in place of the one-output job.

``--output-dir`` alone keeps its first meaning, a Parquet dataset written
by Dask (see :mod:`frontnews.cli._dask`); with ``--split-by`` or
``--page-size`` it is the folder the feeds are written into.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar
from urllib.parse import urlsplit

import attrs
import click

from ..archive import WrittenFeed, export_archive
from ..errors import FeedRequiredError, OptionValueError, UnknownOptionError
from ..filters import Order
from ..model import Record
from ..plugins import get_exporter
from ..split import GROUPINGS, Grouping, export_groups
from ._common import _plural, _shown

if TYPE_CHECKING:
    from ..filters import Selection
    from ._export import _Job, _Reading

__all__ = ["FolderJob", "FolderOptions", "folder_options", "split_options"]

_F = TypeVar("_F", bound=Callable[..., Any])
_META = "frontnews.split"
#: The name of the one feed ``--page-size`` writes without ``--split-by``, when
#: ``--feed-url`` does not give one.
PAGED_NAME = "feed"
# A file name --feed-url may give the paged feed: plain characters, not only dots.
_FILE_NAME = re.compile(r"(?=.*[A-Za-z0-9])[A-Za-z0-9._~-]+\Z")


def paged_name(feed_url: str | None, suffix: str) -> str:
    """The name of a paged feed's files: --feed-url's file name without the suffix, or feed.

    >>> paged_name("https://example.org/news/rss.xml", ".xml")
    'rss'
    >>> paged_name("https://example.org/news/", ".xml"), paged_name(None, ".xml")
    ('feed', 'feed')
    """
    if feed_url is None:
        return PAGED_NAME
    file = urlsplit(feed_url).path.rsplit("/", 1)[-1]
    if file.lower().endswith(suffix.lower()):
        file = file[: len(file) - len(suffix)]
    return file if _FILE_NAME.match(file) else PAGED_NAME


def _keep(ctx: click.Context, param: click.Parameter, value: Any) -> None:
    assert param.name is not None
    ctx.meta.setdefault(_META, {})[param.name] = value


def split_options(function: _F) -> _F:
    """Add ``--split-by`` and ``--page-size``."""
    split_by = click.option(
        "--split-by",
        type=click.Choice(GROUPINGS),
        expose_value=False,
        callback=_keep,
        help="Write one feed per topic, provider or category into --output-dir, reading "
        "the records once, and an OPML index of them (index.opml).",
    )
    page_size = click.option(
        "--page-size",
        type=click.IntRange(min=1),
        metavar="N",
        expose_value=False,
        callback=_keep,
        help="Write the feed (or each --split-by feed) into --output-dir as RFC 5005 "
        "archives of N records, linked to each other; needs --feed-url for feed formats.",
    )
    return split_by(page_size(function))


@attrs.frozen(kw_only=True)
class FolderOptions:
    """Where and how a folder of feeds is written."""

    folder: Path
    split_by: Grouping | None
    page_size: int | None


def folder_options(ctx: click.Context) -> FolderOptions | None:
    """The folder export asked for, or ``None`` when neither option is given.

    Without them, ``--output-dir`` is a Parquet dataset, and another
    ``--format`` with it is a usage error.
    """
    given = ctx.meta.get(_META, {})
    split_by, page_size = given.get("split_by"), given.get("page_size")
    params = ctx.params
    if split_by is None and page_size is None:
        if params.get("output_dir") is not None and params.get("format_name") not in (
            None,
            "parquet",
        ):
            raise click.UsageError(
                "--output-dir writes a Parquet dataset (--format parquet), or a folder of "
                "feeds with --split-by or --page-size"
            )
        return None
    what = "--split-by" if split_by is not None else "--page-size"
    if params.get("output_dir") is None:
        raise click.UsageError(f"{what} writes a folder of feeds: give --output-dir DIR")
    if params.get("output") is not None:
        raise click.UsageError(f"{what} writes into --output-dir, not to --output")
    if params.get("scheduler") is not None:
        raise click.UsageError(f"{what} does not read with Dask (--scheduler)")
    if params.get("format_name") is None:
        raise click.UsageError(f"{what} needs --format (such as --format rss)")
    if page_size is not None and params.get("title") is not None and not params.get("feed_url"):
        raise click.UsageError(
            "--page-size needs --feed-url: the pages link to each other by absolute URL"
        )
    return FolderOptions(folder=params["output_dir"], split_by=split_by, page_size=page_size)


#: The keyword arguments of export_groups and export_archive, which -O cannot give.
_ARGUMENTS = frozenset(
    {"by", "name", "feed", "page_size", "max_open", "include_secured", "include_unpublished"}
)


@attrs.define
class FolderJob:
    """One export into a folder: the one-output job's choices, and where it goes."""

    job: _Job
    options: FolderOptions
    quiet: bool
    #: The order of each feed (``--sort``); a paged feed is always by date.
    sort: Order | None = None
    written: Sequence[WrittenFeed] = ()
    index: Path | None = None
    ungrouped: int = 0

    @property
    def name(self) -> str:
        """The name of the paged feed's files (without --split-by)."""
        feed_url = None if self.job.feed is None else self.job.feed.feed_url
        return paged_name(feed_url, get_exporter(self.job.format).suffix)

    def _checked(self, reading: _Reading, chosen: Selection) -> Iterator[Record]:
        """The chosen records; then raise, before anything is written, if the export must fail."""
        yield from chosen
        self.job.check(reading, chosen)

    def run(self, reading: _Reading, chosen: Selection) -> None:
        """Write the feeds, then name each on standard output (not with --quiet)."""
        job, options = self.job, self.options
        taken = sorted(set(job.options) & _ARGUMENTS)
        if taken:
            raise click.BadParameter(
                f"{taken[0]!r} is an argument of the folder export, not a format option",
                param_hint="'-O'",
            )
        records = self._checked(reading, chosen)
        shared: dict[str, Any] = {
            "feed": job.feed,
            "page_size": options.page_size,
            "include_secured": job.include_secured,
            "include_unpublished": True,
            **job.options,
        }
        try:
            if options.split_by is not None:
                result = export_groups(
                    records,
                    job.format,
                    options.folder,
                    by=options.split_by,
                    sort=self.sort,
                    **shared,
                )
                self.written, self.index, self.ungrouped = (
                    result.feeds,
                    result.index,
                    result.ungrouped,
                )
            else:
                self.written = export_archive(
                    records, job.format, options.folder, name=self.name, **shared
                )
        except (UnknownOptionError, OptionValueError, FeedRequiredError) as exc:
            from ._export import _export_usage

            raise _export_usage(exc) from None
        if not self.quiet:
            for line in self.lines():
                reading.progress.echo(line)  # above the progress bar, if one is shown

    def lines(self) -> list[str]:
        """One line per file written: its path, its records and its group."""
        lines = []
        for written in self.written:
            about = [written.group] if written.group is not None else []
            if written.archive is not None:
                about.append(f"archive {written.archive}")
            note = f" ({', '.join(about)})" if about else ""
            lines.append(f"{_shown(str(written.path))}: {_plural(written.records, 'record')}{note}")
        if self.index is not None:
            feeds = sum(w.archive is None for w in self.written)
            lines.append(f"{_shown(str(self.index))}: index of {_plural(feeds, 'feed')}")
        return lines

    def summary(self, reading: _Reading, chosen: Selection) -> str:
        """The one-output summary, naming the folder, then how many feeds and pages."""
        line = attrs.evolve(self.job, output=self.options.folder).summary(reading, chosen)
        feeds = sum(w.archive is None for w in self.written)
        archives = len(self.written) - feeds
        line += f"; wrote {_plural(feeds, 'feed')}"
        if self.options.page_size is not None:
            line += f" and {_plural(archives, 'archive page')}"
        if self.options.split_by is not None:
            line += f"; {_plural(self.ungrouped, 'record')} in no {self.options.split_by}"
        return line
