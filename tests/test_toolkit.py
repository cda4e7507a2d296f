"""frontnews.toolkit, checked with programs other people wrote.

XML goes through expat (ElementTree) and minidom, dates through
``email.utils``, ``datetime.fromisoformat`` and rfc3339-validator, URLs through
rfc3986-validator and ``urllib.parse``, plain data through ``json``.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import json
import math
import re
import uuid
import xml.dom.minidom
import xml.etree.ElementTree as ET
from urllib.parse import unquote, urlsplit

import attrs
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from rfc3339_validator import validate_rfc3339
from rfc3986_validator import validate_rfc3986

import frontnews
from frontnews import ExportError, Extra, Secured, toolkit
from frontnews.filters import instant
from frontnews.toolkit import (
    REPLACEMENT,
    UsedIds,
    check_language,
    clean_xml,
    encode_xml,
    escape_attr,
    escape_html_text,
    escape_text,
    http_url,
    is_language_tag,
    item_id,
    plain_data,
    rfc822,
    rfc3339,
    site_url,
    stable_id,
    utf8,
)

from .conftest import make_record

# Any code point, lone surrogates included: what a str can hold.
any_text = st.text(alphabet=st.characters(min_codepoint=0, max_codepoint=0x10FFFF))
XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
UTC = dt.timezone.utc


def joined(text: str) -> str:
    """``text`` with surrogate pairs joined and lone surrogates U+FFFD (what UTF-8 can hold)."""
    return text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")


# -- the package ------------------------------------------------------------------------------


def test_toolkit_reexports_only_what_its_modules_define() -> None:
    """Every name in frontnews.toolkit.__all__ exists and comes from one of its modules."""
    assert len(set(toolkit.__all__)) == len(toolkit.__all__) > 0
    for name in toolkit.__all__:
        value = getattr(toolkit, name)
        module = getattr(value, "__module__", None)
        if module is not None and callable(value):
            assert module.startswith("frontnews.toolkit."), (name, module)


def test_every_public_toolkit_function_has_a_docstring_example() -> None:
    """Each public function and class of the toolkit shows a ``>>>`` example."""
    missing = [
        name
        for name in toolkit.__all__
        if callable(getattr(toolkit, name)) and ">>>" not in (getattr(toolkit, name).__doc__ or "")
    ]
    assert not missing


# -- XML --------------------------------------------------------------------------------------


HOSTILE = "a\x00b\x01c\x1fd\ufffee\uffff\ud800f\tg\r\nh ]]> & < > \" ' \ud83d\ude00 &amp; <!-- -->"


def document(text: str) -> bytes:
    """A small document holding ``text`` as element content, HTML text and an attribute."""
    return encode_xml(
        f'<doc a="{escape_attr(text)}"><t>{escape_text(text)}</t>'
        f"<h>{escape_html_text(text)}</h></doc>"
    )


def test_hostile_text_reads_back_from_strict_parsers() -> None:
    """Expat and minidom read the text back exactly, forbidden characters repaired."""
    data = document(HOSTILE)
    expected = (
        "a\ufffdb\ufffdc\ufffdd\ufffde\ufffd\ufffdf"  # controls, U+FFFE/FFFF, a lone surrogate
        "\tg\r\nh ]]> & < > \" ' \U0001f600 &amp; <!-- -->"  # the rest kept, the pair joined
    )
    root = ET.fromstring(data)
    assert root.get("a") == expected
    assert root.findtext("t") == expected
    element = xml.dom.minidom.parseString(data).documentElement
    assert element is not None
    assert element.getAttribute("a") == expected


def test_html_text_is_shown_as_text_by_an_html_reader() -> None:
    """The HTML-carrying element holds HTML whose text is the original: markup is not markup."""
    import html

    root = ET.fromstring(document("<b>bold?</b> & co"))
    assert root.findtext("h") == "&lt;b&gt;bold?&lt;/b&gt; &amp; co"
    assert html.unescape(root.findtext("h") or "") == "<b>bold?</b> & co"


def test_clean_xml_joins_surrogate_pairs_and_replaces_the_rest() -> None:
    """A surrogate pair is its character; lone surrogates and controls are U+FFFD."""
    assert clean_xml("\ud83d\ude00\ud83d x\x0b\ufffe") == "\U0001f600\ufffd x\ufffd\ufffd"
    assert clean_xml("plain text") == "plain text"
    assert REPLACEMENT == "\ufffd"


def test_encode_xml_is_utf8_of_the_cleaned_text() -> None:
    """Clean text is encoded as it is; anything else after clean_xml."""
    assert encode_xml("café <b/>") == "café <b/>".encode()
    assert encode_xml("\x1b[0m") == "\ufffd[0m".encode()


@settings(max_examples=300, deadline=None)
@given(any_text)
def test_any_text_gives_well_formed_xml_with_the_text_kept(text: str) -> None:
    """Whatever the text: expat parses the document and gives the repaired text back."""
    expected = XML_ILLEGAL.sub("\ufffd", joined(text))
    root = ET.fromstring(document(text))
    assert root.findtext("t") == expected
    assert root.get("a") == expected


# -- URLs -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("https://example.org/a?b=c#d", "https://example.org/a?b=c#d"),
        (" HTTP://Example.org/x ", "http://Example.org/x"),
        ("https://news.example/café/ä b", "https://news.example/caf%C3%A9/%C3%A4%20b"),
        ("https://news.example/100%zz", "https://news.example/100%25zz"),
        ("https://news.example/a%20b", "https://news.example/a%20b"),
        ("https://news.example/a#b#c", "https://news.example/a#b%23c"),
        ("https://news.example/[x]", "https://news.example/%5Bx%5D"),
        ("https://[2001:db8::1]:8080/x", "https://[2001:db8::1]:8080/x"),
        ("https://u@v@host.example/", "https://u%40v@host.example/"),
        ("https://news.example/a\tb\nc", "https://news.example/abc"),
        ("https://news.example/\ud83d\ude00\udc00", "https://news.example/%F0%9F%98%80%EF%BF%BD"),
    ],
)
def test_http_url_normalises_to_an_ascii_uri(value: str, expected: str) -> None:
    """The URL comes back ASCII, percent-encoded where RFC 3986 needs it, and valid."""
    assert http_url(value) == expected
    assert validate_rfc3986(expected, rule="URI")


@pytest.mark.parametrize(
    "value",
    [
        None,
        "",
        "   ",
        "/relative/path",
        "example.org/no-scheme",
        "mailto:desk@example.org",
        "javascript:alert(1)",
        "ftp://example.org/",
        "https://",
        "https:///path",
        "https://user@/",
        "https://example.org:http/",
        "https://:80/",
    ],
)
def test_http_url_refuses_what_is_not_an_absolute_http_url(value: str | None) -> None:
    """Missing, relative, other schemes, no host or a port that is no number: None."""
    assert http_url(value) is None


url_text = st.builds(
    lambda scheme, rest: scheme + rest,
    st.sampled_from(
        ["https://", "http://", "HTTPS://", " http://a.example/", "https://x.example:"]
    ),
    any_text,
)


@settings(max_examples=400, deadline=None)
@given(url_text | any_text)
def test_any_http_url_result_is_a_valid_uri_that_decodes_to_the_input(value: str) -> None:
    """rfc3986-validator accepts every result, urlsplit reads it, and decoding gives it back."""
    url = http_url(value)
    assume(url is not None)  # Hypothesis fails the test if no input at all gives a URL
    assert url is not None
    assert url.isascii()
    assert validate_rfc3986(url, rule="URI"), url
    parts = urlsplit(url)
    assert parts.scheme in ("http", "https")
    assert parts.netloc
    source = re.sub("[\t\n\r]", "", value.strip("".join(map(chr, range(0x21)))))
    scheme, _, rest = joined(source).partition(":")
    assert unquote(url, errors="replace") == unquote(scheme.lower() + ":" + rest, errors="replace")
    assert http_url(url) == url, "a result is already normal"


def test_site_url_accepts_host_names_only() -> None:
    """A host name gives https://host (IDNA for non-ASCII); anything else None."""
    assert site_url(" publisher.example ") == "https://publisher.example"
    assert site_url("bücher.example") == "https://xn--bcher-kva.example"
    for bad in ("", "localhost", "not a host", "a..b", "-a.example", "1.2.3.4"):
        assert site_url(bad) is None, bad


# -- dates ------------------------------------------------------------------------------------


def test_rfc3339_writes_naive_as_utc_and_keeps_other_offsets() -> None:
    """Naive and UTC both end in Z; another offset is kept; the standard library reads it."""
    naive = dt.datetime(2021, 1, 26, 18, 47)
    assert rfc3339(naive) == rfc3339(naive.replace(tzinfo=UTC)) == "2021-01-26T18:47:00Z"
    india = dt.datetime(2021, 1, 26, 18, 47, 5, 250, tzinfo=dt.timezone(dt.timedelta(hours=5.5)))
    assert rfc3339(india) == "2021-01-26T18:47:05.000250+05:30"
    assert dt.datetime.fromisoformat(rfc3339(india)) == india


def test_rfc3339_writes_an_offset_with_seconds_in_utc() -> None:
    """RFC 3339 has no seconds in offsets: the same instant in UTC."""
    odd = dt.datetime(2021, 1, 1, 12, 0, tzinfo=dt.timezone(dt.timedelta(hours=1, seconds=30)))
    assert rfc3339(odd) == "2021-01-01T10:59:30Z"


def test_dates_out_of_range_in_utc_raise_export_error() -> None:
    """A seconds offset that cannot be written in UTC (year 0 or 10000) is an ExportError."""
    odd = dt.timezone(dt.timedelta(seconds=30))
    with pytest.raises(ExportError, match="outside the years 1-9999"):
        rfc3339(dt.datetime(1, 1, 1, 0, 0, tzinfo=odd))
    with pytest.raises(ExportError, match="outside the years 1-9999"):
        rfc822(dt.datetime(1, 1, 1, 0, 0, tzinfo=odd))


def test_rfc822_keeps_the_offset_only_when_utc_is_out_of_range() -> None:
    """Year 9999 at -05:00 is year 10000 in UTC: written with its own offset, still exact."""
    late = dt.datetime(9999, 12, 31, 23, 0, tzinfo=dt.timezone(dt.timedelta(hours=-5)))
    assert rfc822(late) == "Fri, 31 Dec 9999 23:00:00 -0500"
    assert email.utils.parsedate_tz(rfc822(late))[:6] == (9999, 12, 31, 23, 0, 0)  # type: ignore[index]


aware_or_naive = st.builds(
    lambda naive, minutes: (
        naive
        if minutes is None
        else naive.replace(tzinfo=dt.timezone(dt.timedelta(minutes=minutes)))
    ),
    # email.utils reads years below 100 as two-digit years (99 is 1999): start at 1000.
    st.datetimes(min_value=dt.datetime(1000, 1, 1), max_value=dt.datetime(9998, 12, 31)),
    st.none() | st.integers(min_value=-(23 * 60 + 59), max_value=23 * 60 + 59),
)


@settings(max_examples=300, deadline=None)
@given(aware_or_naive)
def test_rfc3339_and_rfc822_name_the_same_instant(value: dt.datetime) -> None:
    """rfc3339-validator and fromisoformat read rfc3339; email.utils reads rfc822; same instant."""
    text = rfc3339(value)
    assert validate_rfc3339(text), text
    assert dt.datetime.fromisoformat(text) == instant(value)
    parsed = email.utils.parsedate_to_datetime(rfc822(value))
    assert parsed == instant(value).replace(microsecond=0)
    assert parsed.utcoffset() == dt.timedelta(0)


# -- language tags ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "tag",
    [
        *("en", "en-GB", "EN-gb", "zh-Hant-TW", "es-419", "sl-rozaj-biske", "de-CH-1996"),
        *("zh-min-nan", "en-a-bbb-x-a-ccc", "x-private", "i-klingon", "en-GB-oed", "sgn-BE-FR"),
        "fil",
    ],
)
def test_well_formed_language_tags_pass(tag: str) -> None:
    """BCP 47 tags of every shape pass, in any case."""
    assert is_language_tag(tag)
    assert check_language(tag, "fmt") == tag


@pytest.mark.parametrize(
    "tag",
    [
        *("", "e", "English", "English please", "en_GB", "en-", "-en", "en--GB", "abcd"),
        *("en-GB-x", "en-a", "123", "en-toolongsubtag", "é", "en\n", "x"),
    ],
)
def test_malformed_language_tags_fail_with_a_message_naming_the_format(tag: str) -> None:
    """Anything else fails, and check_language says which exporter refused which value."""
    assert not is_language_tag(tag)
    with pytest.raises(ExportError, match=r"^myformat: feed\.language must be a language tag"):
        check_language(tag, "myformat")


# -- ids --------------------------------------------------------------------------------------


def test_item_id_is_the_web_url_then_the_original_url_then_the_stable_id() -> None:
    """The first usable http(s) URL is the id; without one, a urn:uuid: stable id."""
    both = make_record(
        web_url="https://aggregator.example/ban", original_url="https://publisher.example/ban"
    )
    assert item_id(both) == "https://aggregator.example/ban"
    assert item_id(attrs.evolve(both, web_url="see print")) == "https://publisher.example/ban"
    bare = make_record(web_url=None, original_url="not a url")
    assert item_id(bare) == stable_id(bare)


def test_stable_id_is_a_name_based_uuid_of_domain_date_and_title() -> None:
    """The documented recipe gives the id; other fields, and naive vs UTC, do not change it."""
    bare = make_record(published_date_time=dt.datetime(2021, 1, 26, 18, 47))  # naive: UTC
    name = json.dumps(["amnesty.org.uk", "2021-01-26T18:47:00Z", "Ban the scan"])
    assert stable_id(bare) == uuid.uuid5(toolkit.ID_NAMESPACE, name).urn
    assert uuid.UUID(stable_id(bare)).version == 5
    same = attrs.evolve(
        bare,
        excerpt="edited",
        secured=Secured("other"),
        category="tech",
        published_date_time=bare.published_date_time.replace(tzinfo=UTC),
    )
    assert stable_id(same) == stable_id(bare)
    assert stable_id(attrs.evolve(bare, title="Another")) != stable_id(bare)
    assert stable_id(make_record(title="\ud800 lone")).startswith("urn:uuid:")


def test_used_ids_never_takes_a_used_id_for_new() -> None:
    """Every id added twice is reported as used the second time; memory is one fixed buffer."""
    used = UsedIds()
    ids = [f"https://example.org/{n}" for n in range(5000)]
    first = [used.add(i) for i in ids]
    assert not any(used.add(i) for i in ids)
    assert sum(first) >= 4990  # false positives are rare at this size


# -- plain data -------------------------------------------------------------------------------


def test_plain_data_follows_one_rule_for_every_yaml_type() -> None:
    """NaN/inf as YAML text, bytes base64, dates RFC 3339, sets sorted, keys JSON text."""
    when = dt.datetime(2020, 2, 29, 12, 0)
    value = Extra(
        {
            "when": when,
            "day": dt.date(2020, 2, 29),
            "floats": (math.nan, math.inf, -math.inf, 1.5),
            "blob": b"\x00\xff",
            "set": frozenset({"pear", "apple"}),
            "keys": Extra(
                {1: "int", None: "null", False: "bool", 2.5: "f", dt.date(2020, 1, 1): "d"}
            ),
        }
    )
    assert plain_data(value) == {
        "when": "2020-02-29T12:00:00Z",
        "day": "2020-02-29",
        "floats": [".nan", ".inf", "-.inf", 1.5],
        "blob": "AP8=",
        "set": ["apple", "pear"],
        "keys": {"1": "int", "null": "null", "false": "bool", "2.5": "f", "2020-01-01": "d"},
    }


def test_plain_data_refuses_colliding_keys_and_unknown_types() -> None:
    """Two keys that become the same JSON text, or a value YAML never makes: ExportError."""
    with pytest.raises(ExportError, match="'1'"):
        plain_data({1: "a", "1": "b"})
    with pytest.raises(ExportError, match="object"):
        plain_data([object()])


yaml_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats()
    | any_text
    | st.binary(max_size=8)
    | st.dates()
    | st.datetimes(min_value=dt.datetime(2, 1, 1), max_value=dt.datetime(9998, 1, 1)),
    lambda inner: (
        st.lists(inner, max_size=3)
        # Text keys or integer keys: 1 and "1" in one mapping collide (tested above).
        | st.dictionaries(st.text(max_size=4), inner, max_size=3)
        | st.dictionaries(st.integers(), inner, max_size=3)
        | st.frozensets(st.integers() | st.text(max_size=4), max_size=3)
    ),
    max_leaves=8,
)


@settings(max_examples=300, deadline=None)
@given(yaml_values)
def test_plain_data_is_strict_json_that_round_trips(value: object) -> None:
    """json writes the result without NaN, reads it back equal, and the same value repeats."""
    data = plain_data(value)
    text = json.dumps(data, allow_nan=False)
    assert json.loads(text) == data
    assert plain_data(frontnews.extra.freeze(value)) == data


# -- text -------------------------------------------------------------------------------------


@given(any_text)
def test_utf8_is_always_valid_utf8_and_joins_pairs(text: str) -> None:
    """Strict UTF-8 decoding succeeds and gives the text with pairs joined, lone ones U+FFFD."""
    assert utf8(text).decode("utf-8") == joined(text)
