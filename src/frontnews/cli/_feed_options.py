"""``export``'s channel options: a flag per :class:`~frontnews.Feed` field, and the Feed made.

``--title``, ``--link``, ``--description``, ``--feed-url`` and ``--language``
are ``export``'s own parameters; :func:`feed_options` adds the others
(``--icon``, ``--image``, ``--author``, ``--copyright``, ``--ttl``, ``--hub``,
``--stylesheet``) without adding parameters to the command: their values are
kept in the context's ``meta``, and :func:`feed_from` builds the
:class:`~frontnews.Feed` from both. ``Feed.pages`` has no flag: ``--page-size``
sets it on each page it writes. Every URL is checked with
:func:`frontnews.toolkit.urls.http_url`; one that is not an absolute http(s) URL
is a usage error (exit status 2).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import click

from ..contract import Feed
from ..toolkit.urls import http_url

__all__ = ["feed_from", "feed_options"]

_F = TypeVar("_F", bound=Callable[..., Any])
#: Where the values of the options :func:`feed_options` adds are kept, in ``ctx.meta``.
_META = "frontnews.feed"
#: The options :func:`feed_options` adds that take URLs.
_URL_OPTIONS = frozenset({"icon", "image", "hubs", "stylesheet"})
#: The option of each parameter, for messages.
_OPTION_NAMES = {
    "description": "--description",
    "feed_url": "--feed-url",
    "language": "--language",
    "icon": "--icon",
    "image": "--image",
    "author_name": "--author",
    "copyright": "--copyright",
    "ttl": "--ttl",
    "hubs": "--hub",
    "stylesheet": "--stylesheet",
}


def _url(value: str, name: str) -> str:
    """``value`` as an absolute http(s) URL, or a usage error naming the option."""
    url = http_url(value)
    if url is None:
        raise click.BadParameter(
            f"{value!r} is not an absolute http(s) URL (such as https://example.org/feed.xml)",
            param_hint=f"'{name}'",
        )
    return url


def _keep(ctx: click.Context, param: click.Parameter, value: Any) -> None:
    """Keep one option's value (``None`` or ``()`` when not given) for :func:`feed_from`."""
    assert param.name is not None
    if value is None or value == ():
        return
    if param.name in _URL_OPTIONS:
        name = param.opts[-1]
        value = tuple(_url(v, name) for v in value) if param.multiple else _url(value, name)
    ctx.meta.setdefault(_META, {})[param.name] = value


def _option(*decls: str, **kwargs: Any) -> Callable[[_F], _F]:
    """A feed option that keeps its value in ``ctx.meta`` instead of becoming a parameter."""
    return click.option(*decls, expose_value=False, callback=_keep, **kwargs)


def feed_options(function: _F) -> _F:
    """Add the channel options beside ``--title``/``--link``: one per other Feed field."""
    options = [
        _option(
            "--icon",
            metavar="URL",
            help="A small square image of the feed (a favicon): JSON Feed icon, Atom icon.",
        ),
        _option("--image", metavar="URL", help="The feed's image or logo: RSS image, Atom logo."),
        _option("--author", "author_name", metavar="NAME", help="The feed's author."),
        _option("--copyright", metavar="TEXT", help="The feed's copyright notice."),
        _option(
            "--ttl",
            type=click.IntRange(min=1),
            metavar="MINUTES",
            help="How many minutes readers may cache the feed (RSS ttl).",
        ),
        _option(
            "--hub",
            "hubs",
            multiple=True,
            metavar="URL",
            help="A WebSub hub the feed is announced to; repeatable.",
        ),
        _option(
            "--stylesheet",
            metavar="URL",
            help="An XSLT stylesheet for browsers, written as an xml-stylesheet "
            "processing instruction by the XML formats.",
        ),
    ]
    for option in reversed(options):
        function = option(function)
    return function


def feed_from(ctx: click.Context) -> Feed | None:
    """The feed the options describe, or ``None`` when neither --title nor --link is given.

    The other feed options need both: given without them, they are a usage
    error, and so is --title without --link (or the other way round).
    """
    params = ctx.params
    extra: dict[str, Any] = ctx.meta.get(_META, {})
    title, link = params.get("title"), params.get("link")
    if title is None and link is None:
        given = [n for n in ("description", "feed_url", "language") if params.get(n) is not None]
        if given or extra:
            names = [_OPTION_NAMES.get(n, n) for n in [*given, *extra]]
            raise click.UsageError(f"{', '.join(names)}: feed options need --title and --link")
        return None
    if title is None or link is None:
        raise click.UsageError("--title and --link go together")
    feed_url = params.get("feed_url")
    values: dict[str, Any] = {
        "title": title,
        "link": _url(link, "--link"),
        "description": params.get("description") or "",
        "feed_url": None if feed_url is None else _url(feed_url, "--feed-url"),
        "language": params.get("language"),
        **extra,
    }
    return Feed(**values)
