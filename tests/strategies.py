"""Hypothesis strategies that build any valid record, with awkward text in every string field."""

from __future__ import annotations

import datetime as dt
from typing import Any

import attrs
from hypothesis import strategies as st

from frontnews import Image, Layout, Provider, Record, RelatedArticle, Secured
from frontnews.extra import Extra
from frontnews.schema import wire_key as file_key

# Words and characters that break naive YAML writers.
TRICKY = [
    "",
    " ",
    "yes",
    "No",
    "null",
    "~",
    "true",
    "1e3",
    "1.5",
    "0x1F",
    "-1",
    "2021-01-01",
    "2021-01-26T18:47:00Z",
    "=",
    "<<",
    "- item",
    "? q",
    ": x",
    "a: b",
    "a #b",
    "#hash",
    "'quoted'",
    '"dq"',
    "!tag",
    "&anchor",
    "*alias",
    "%dir",
    "@at",
    "`tick",
    "|",
    ">",
    "[a, b]",
    "{a: b}",
    "---",
    "...",
    "tail:",
    "C#",
    "a\u00a0b",
    "\u00a0",
    "emoji \U0001f600",
    "line\nbreak",
    "cr\rlf\r\n",
    "tab\tin",
    "back\\slash",
    "nel\x85",
    "ls\u2028ps\u2029",
    "bom\ufeff",
    "ctl\x00\x01\x1b\x7f\x9f",
    "\ufffe\uffff",
    "]]>",
    "<b>&amp;</b>",
    "=SUM(A1)",
    "+cmd",
    "@x",
]

text = st.one_of(st.sampled_from(TRICKY), st.text(), st.text(alphabet=st.characters(codec="utf-8")))
optional_text = st.none() | text
small_int = st.integers(min_value=-(2**40), max_value=2**40)

timezones = st.one_of(
    st.none(),
    st.just(dt.timezone.utc),
    st.integers(min_value=-23 * 60 - 59, max_value=23 * 60 + 59).map(
        lambda m: dt.timezone(dt.timedelta(minutes=m))
    ),
)
datetimes = st.builds(
    lambda naive, tz: naive.replace(tzinfo=tz),
    st.datetimes(min_value=dt.datetime(1000, 1, 1), max_value=dt.datetime(9999, 12, 30)),
    timezones,
)

extra_scalars = st.one_of(
    st.none(),
    st.booleans(),
    small_int,
    st.floats(allow_nan=False),
    text,
    datetimes,
)
extra_values = st.recursive(
    extra_scalars,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(text, inner, max_size=3),
    max_leaves=6,
)


def extras(known: frozenset[str]) -> st.SearchStrategy[Extra]:
    """Unknown keys for a mapping whose known keys are ``known``."""
    keys = text.filter(lambda k: k not in known)
    return st.dictionaries(keys, extra_values, max_size=3).map(Extra)


def _file_keys(cls: type) -> frozenset[str]:
    """The keys a model class reads from a file, so generated unknown keys never clash."""
    return frozenset(
        file_key(f.name) for f in attrs.fields(cls) if f.name not in ("extra", "body", "layout")
    )


_KNOWN_KEYS = _file_keys(Record)
_IMAGE_KEYS = _file_keys(Image)
_PROVIDER_KEYS = _file_keys(Provider)
_RELATED_KEYS = _file_keys(RelatedArticle)


def _maybe_extras(known: frozenset[str]) -> st.SearchStrategy[Extra]:
    return st.one_of(st.just(Extra()), extras(known))


images = st.builds(
    Image,
    url=text,
    width=small_int,
    height=small_int,
    is_cached=st.none() | st.booleans(),
    title=optional_text,
    extra=_maybe_extras(_IMAGE_KEYS),
)
image_lists = st.none() | st.lists(images, max_size=3).map(tuple)
providers = st.builds(
    Provider,
    name=text,
    domain=text,
    images=image_lists,
    extra=_maybe_extras(_PROVIDER_KEYS),
)
related_articles = st.builds(
    RelatedArticle,
    title=text,
    excerpt=text,
    published_date_time=datetimes,
    web_url=text,
    amp_web_url=optional_text,
    cdn_amp_web_url=optional_text,
    type=text,
    provider=providers,
    quality=small_int,
    images=image_lists,
    extra=_maybe_extras(_RELATED_KEYS),
)
layouts = st.builds(Layout, newline=st.sampled_from(["\n", "\r\n"]), bom=st.booleans())


def records(**overrides: Any) -> st.SearchStrategy[Record]:
    """Any valid record; keyword arguments replace the strategy of that field."""
    fields: dict[str, Any] = {
        "category": text,
        "title": text,
        "excerpt": text,
        "published_date_time": datetimes,
        "original_url": optional_text,
        "web_url": optional_text,
        "amp_web_url": optional_text,
        "cdn_amp_web_url": optional_text,
        "type": text,
        "quality": st.none() | small_int,
        "heat": st.none() | small_int,
        "removed": st.none() | st.booleans(),
        "published": st.none() | st.booleans(),
        "featured_content": optional_text,
        "provider": providers,
        "topics": st.lists(st.none() | text, max_size=4).map(tuple),
        "images": image_lists,
        "related": st.none() | st.lists(related_articles, max_size=3).map(tuple),
        "secured": text.map(Secured),
        "extra": _maybe_extras(_KNOWN_KEYS),
        "body": text.map(lambda t: t.replace("\x00", "")),  # NUL never belongs in a file
        "layout": layouts,
    }
    fields.update(overrides)
    return st.builds(Record, **fields)
