"""Synthetic news records for the benchmarks: realistic, canonical, and the same for the same seed.

Every record is built as a :class:`frontnews.Record` and written with
:func:`frontnews.dumps` (or :func:`frontnews.dump`), so every file is in the
canonical style and reads back byte for byte. Record ``i`` of a seed depends
only on the seed and ``i``: the first 1,000 records of a 50,000-record corpus
are the 1,000-record corpus, and ``generate(n, seed, start=k)`` continues
where ``generate(k, seed)`` stopped.

The proportions below were set from the 181 real records in
``../shared/samples/real`` (sizes from about 1 KB to 29 KB, median 1.5 KB,
mean 3.3 KB; two thirds without ``related``; a tenth videos with an embed),
but no text is taken from them: titles, excerpts, names and domains are
made up from the word lists in this module, and every domain is under the
reserved ``.example`` top-level domain or ``example.org``/``example.net``.

Run it to write a corpus (from the repository root)::

    PYTHONPATH=benchmarks python -m frontnews_bench.corpus OUT_FOLDER --count 10000 --seed 1
"""

from __future__ import annotations

import argparse
import base64
import datetime as dt
import re
import sys
import unicodedata
from collections.abc import Iterator, Sequence
from pathlib import Path
from random import Random

import attrs

import frontnews
from frontnews import Image, Layout, Provider, Record, RelatedArticle, Secured

__all__ = [
    "CRLF_SHARE",
    "DEFAULT_SEED",
    "MAX_RELATED",
    "MAX_TOPICS",
    "RELATED_SHARE",
    "generate",
    "make_record",
    "records",
    "write_corpus",
]

#: The seed the benchmark uses unless told otherwise.
DEFAULT_SEED = 4
#: Share of files written with CR LF line endings (the rest use LF).
CRLF_SHARE = 0.10
#: Share of records with a ``related`` list; the others have no such key.
RELATED_SHARE = 0.34
#: Most related articles one record has (at least one when the key is there).
MAX_RELATED = 30
#: Most topics one record has (at least one).
MAX_TOPICS = 3

_START = dt.datetime(2019, 3, 1, 6, 0, tzinfo=dt.timezone.utc)
#: Records are dated this far apart on average, so later indexes are later records.
_STEP = dt.timedelta(minutes=37)

# -- word lists (made up for this benchmark) -------------------------------------------------

_SUBJECTS = (
    "City council",
    "Port authority",
    "Regional library",
    "University lab",
    "Start-up",
    "Health agency",
    "Weather service",
    "Rail operator",
    "Appeals court",
    "Science museum",
    "Game studio",
    "Open-source project",
    "Central bank",
    "Hospital network",
    "School board",
    "Space agency",
    "Energy cooperative",
    "Data-protection office",
    "Chip maker",
    "Consumer group",
    "Transit authority",
    "Research consortium",
    "Broadcaster",
)
_SUBJECTS_INTL = (
    "Farmers\u2019 union",
    "Zürich insurer",
    "São Paulo fintech",
    "Kraków software house",
    "東京 robotics lab",
    "Seoul 배터리 start-up",
    "Athens Πολυτεχνείο team",
)
_VERBS = (
    "publishes",
    "delays",
    "tests",
    "opens",
    "bans",
    "approves",
    "launches",
    "audits",
    "expands",
    "cancels",
    "questions",
    "reviews",
    "funds",
    "rolls out",
    "pauses",
    "open-sources",
    "defends",
    "explains",
    "doubles",
    "rethinks",
)
_OBJECTS = (
    "camera audit",
    "reading room",
    "data-sharing rules",
    "flood model",
    "night trains",
    "chip plant",
    "battery recycling plan",
    "privacy review",
    "open data portal",
    "AI guidelines",
    "face-matching pilot",
    "speech-to-text service",
    "climate dashboard",
    "cloud contract",
    "translation model",
    "school laptops scheme",
    "heat-pump subsidy",
    "drone corridor",
    "patient-records app",
    "fraud detector",
    "wildfire sensors",
    "satellite archive",
    "low-code platform",
    "game engine update",
    "chatbot for tax questions",
    "quantum testbed",
)
_OBJECTS_INTL = (
    "café Wi-Fi study",
    "naïve forecasting tool",
    "résumé-screening software",
    "人工知能 guidelines",
)
_QUALIFIERS = (
    "after a two-year review",
    "for 2025",
    "despite protests",
    "amid budget cuts",
    "with 14 partners",
    "ahead of winter",
    "in three cities",
    "after a court ruling",
    "for the first time",
    "as costs rise",
    "before the election",
    "(updated)",
    "| Explained",
    "- what it means",
)
_QUALIFIERS_INTL = (
    "— and critics are not convinced",
    "\u2013 what changes for users",
    "in Zürich and Genève",
    "in Québec",
    "in 東京 and 大阪",
    "🚀",
    "🤖",
)
_ADJECTIVES = (
    "cautious",
    "optimistic",
    "worried",
    "confident",
    "surprised",
    "divided",
    "enthusiastic",
    "sceptical",
)
_PEOPLE = (
    "Li Wei",
    "Priya Raman",
    "Kenji Watanabe",
    "Fatima Zahra El Idrissi",
    "Sam Carter",
    "Maya Okafor",
    "Tom Becker",
    "Elena Rossi",
)
_PEOPLE_INTL = (
    "Ana Lúcia Ferreira",
    "Jürgen Maier",
    "Zoë Martin",
    "Siobhán Kelly",
    "Nguyễn Văn An",
    "Olúwadámilọ́lá Ade",
    "Søren Dahl",
    "María José Núñez",
    "Chris O\u2019Neill",
    "Dr.\u00a0Ingrid Holm",
)
_PLACES = ("Lagos", "Porto Alegre", "Oslo", "Denver", "Leeds", "Pune", "Osaka", "Lyon")
_PLACES_INTL = ("Genève", "Québec", "Kraków", "大阪", "Reykjavík")
_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_TOPICS = (
    "AI",
    "Computer Vision",
    "Privacy",
    "Climate",
    "Education",
    "Health",
    "Transport",
    "Energy",
    "Space",
    "Games",
    "Open Source",
    "Security",
    "Robotics",
    "Finance",
    "Culture",
    "Low-Code",
    "Cloud",
    "Quantum Computing",
)
_TOPICS_INTL = ("Énergie", "人工知能", "Économie")
_IMAGE_SIZES = (
    (1200, 627),
    (1280, 720),
    (980, 574),
    (1600, 900),
    (800, 450),
    (640, 360),
    (1024, 768),
    (1920, 1080),
    (600, 315),
)
_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
#: How often a word is drawn from the non-ASCII lists: about half the real files have
#: non-ASCII text (mostly typographic quotes), a fifth a \" escape.
_INTL_SHARE = 0.015


def _pick(rng: Random, common: Sequence[str], special: Sequence[str]) -> str:
    """A word from ``common``, or now and then from ``special`` (non-ASCII)."""
    return rng.choice(special if rng.random() < _INTL_SHARE else common)


def _provider_pool() -> tuple[Provider, ...]:
    """The providers records and related articles come from: fixed, made up, under example.*."""
    names = (
        "Harbour Times",
        "Northwind Post",
        "The Morning Ledger",
        "Riverside Gazette",
        "Café Tech",
        "Signal & Noise",
        "Städtische Zeitung",
        "Le Quotidien du Nord",
        "Tokyo Wire",
        "Valley Business Daily",
        "Open Circuit",
        "Data Desk",
        "Civic Record",
        "Weekly Review",
        "The Lantern",
        "Bay Area Dispatch",
        "Science Explained",
        "Gamers\u2019 Hub",
        "Metro 24",
        "El Diario Técnico",
        "Nordic Bytes",
        "Policy Watch",
        "Health Today",
        "Green Grid",
        "Campus Voice",
        "Market Pulse",
        "The Cloud Report",
        "Robot Review",
        "Fieldnotes",
        "Courier Sud",
        "Lakeside News",
        "Capital Letters",
        "Studio Notes",
        "Transit Times",
        "Orbit Weekly",
        "Hacker Almanac",
        "Ville & Vie",
        "Pacific Chronicle",
        "Prairie Post",
        "Quarterly Tech",
    )
    pool = []
    for number, name in enumerate(names):
        # ".example" is a reserved top-level domain (RFC 2606): no real site is named.
        short = _slug(name).removeprefix("the-").replace("-", "")[:10]
        domain = f"{short}.example"
        logo = None
        if number % 5 < 2:  # two in five providers have a logo, as in the real records
            logo = (
                Image(
                    url=f"https://assets.example.net/organizations/{domain}-50x50.jpg",
                    width=50,
                    height=50,
                ),
            )
        pool.append(Provider(name=name, domain=domain, images=logo))
    return tuple(pool)


def _slug(text: str) -> str:
    """Lower-case ASCII words joined by dashes, as in the records' file names."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


_PROVIDERS = _provider_pool()
#: Related articles' providers never list a logo in the real records.
_RELATED_PROVIDERS = tuple(attrs.evolve(provider, images=None) for provider in _PROVIDERS)

# -- pieces of a record ------------------------------------------------------------------------


def _pick_length(rng: Random, buckets: Sequence[tuple[float, int, int]]) -> int:
    """A length from weighted ``(share, low, high)`` buckets, uniform inside a bucket."""
    draw = rng.random()
    for share, low, high in buckets:
        if draw < share:
            return rng.randint(low, high)
        draw -= share
    _, low, high = buckets[-1]
    return rng.randint(low, high)


#: Title lengths in characters: median about 63, from 16 to 180, like the real records.
_TITLE_LENGTHS = ((0.10, 16, 39), (0.42, 40, 63), (0.40, 64, 93), (0.08, 94, 180))
#: Excerpt lengths: many are cut near 200 characters, a few are empty.
_EXCERPT_LENGTHS = (
    (0.01, 0, 0),
    (0.12, 60, 140),
    (0.25, 141, 195),
    (0.40, 196, 205),
    (0.22, 206, 311),
)
_RELATED_EXCERPT_LENGTHS = (
    (0.02, 0, 0),
    (0.12, 60, 140),
    (0.22, 141, 195),
    (0.52, 196, 205),
    (0.12, 206, 255),
)
#: Number of related articles, for records that have the key.
_RELATED_COUNTS = ((0.43, 1, 2), (0.33, 3, 7), (0.13, 8, 15), (0.11, 16, MAX_RELATED))


def _title(rng: Random, length: int) -> str:
    subject = _pick(rng, _SUBJECTS, _SUBJECTS_INTL)
    thing = _pick(rng, _OBJECTS, _OBJECTS_INTL)
    verb = rng.choice(_VERBS)
    style = rng.random()
    if length < 40:
        text = f"{subject} {verb} {thing}"
        if len(text) > length + 5:
            text = f"The {thing}, explained" if style < 0.5 else f"{subject}: {thing}"
        return text
    if style < 0.04:
        text = f'{subject} {verb} "{thing}"'  # written with \" escapes
    elif style < 0.07:
        text = f"{subject} {verb} \u201c{thing}\u201d"
    elif style < 0.13:
        text = f"{rng.randint(3, 12)} things to know about the {thing}"
    elif style < 0.15:
        text = f"Q&amp;A: why the {thing} matters"
    elif style < 0.155:
        text = f"Regex of the week: \\d+ and C:\\Temp in the {thing}"
    else:
        text = f"{subject} {verb} {thing}"
    while len(text) < length:
        # The first of three qualifiers that does not overshoot by much, if any.
        options = (_pick(rng, _QUALIFIERS, _QUALIFIERS_INTL) for _ in range(3))
        extra = next((o for o in options if len(text) + len(o) < length + 8 and o not in text), "")
        if not extra:
            break
        text = f"{text} {extra}"
    return text


def _sentence(rng: Random) -> str:
    thing = _pick(rng, _OBJECTS, _OBJECTS_INTL)
    subject = _pick(rng, _SUBJECTS, _SUBJECTS_INTL).lower()
    person = _pick(rng, _PEOPLE, _PEOPLE_INTL)
    form = rng.random()
    if form < 0.02:
        return f"\u201cWe are {rng.choice(_ADJECTIVES)} about the {thing},\u201d said {person}."
    if form < 0.04:
        return f'{person} called it "a {rng.choice(_ADJECTIVES)} first step".'
    if form < 0.055:
        share = rng.randint(5, 95)
        return f"About {share}\u00a0% of respondents had heard of the {thing}."
    if form < 0.075:
        return f"Critics say the {subject}\u2019s plan leaves {rng.randint(2, 40)} questions open."
    if form < 0.095:
        return f"Here is what changes for users of the {thing} \u2013 and what does not."
    plain = rng.randrange(5)
    if plain == 0:
        return f"The {thing} was announced on {rng.choice(_WEEKDAYS)} by the {subject}."
    if plain == 1:
        return f"Officials said the {thing} would cost {rng.randint(2, 900)} million euros."
    if plain == 2:
        return f"The {subject} will publish results in {rng.randint(2, 18)} months."
    if plain == 3:
        return f"{person} said the {subject} had not been consulted about the {thing}."
    return f"It follows a pilot in {_pick(rng, _PLACES, _PLACES_INTL)} last year."


def _excerpt(rng: Random, length: int) -> str:
    if length == 0:
        return ""
    parts: list[str] = []
    size = 0
    while size < length:
        sentence = _sentence(rng)
        parts.append(sentence)
        size += len(sentence) + 1
    text = " ".join(parts)
    special = rng.random()
    if special < 0.02:
        text = text.replace(". ", ".\n", 1)  # written as \n
    elif special < 0.025:
        text = text.replace(". ", ".\r\n", 1)  # written as \r\n
    elif special < 0.05:
        text = text.replace(" and ", " &amp; ", 1)
    if len(text) > length:
        text = text[:length].rstrip()
        if rng.random() < 0.5:
            text += "..."
    return text


def _token(rng: Random, length: int) -> str:
    return "".join(rng.choice(_ALPHABET) for _ in range(length))


def _article_url(rng: Random, domain: str, when: dt.datetime, title: str) -> str:
    slug = _slug(title)[:70].strip("-") or "story"
    path = f"/{when:%Y/%m/%d}/{slug}"
    form = rng.random()
    if form < 0.15:
        return f"https://www.{domain}/news{path}-{rng.randint(10_000, 9_999_999)}"
    if form < 0.25:
        return f"https://{domain}{path}?utm_source=feed&utm_medium=rss&ref={_token(rng, 8)}"
    return f"https://www.{domain}{path}/"


def _amp(url: str) -> tuple[str, str]:
    """The article's AMP address and its cached copy on a CDN."""
    amp = url.rstrip("/") + "/amp/"
    host = amp.split("/")[2]
    rest = amp.split("/", 3)[3]
    return amp, f"https://{host.replace('.', '-')}.cdn.example.net/c/s/{host}/{rest}"


def _image(rng: Random, domain: str, when: dt.datetime, *, titled: bool) -> Image:
    width, height = rng.choice(_IMAGE_SIZES)
    form = rng.random()
    if form < 0.25:
        url = (
            f"https://images.{domain}/resizer/{_token(rng, 20)}=/{width}x0/smart/"
            f"{_token(rng, 16)}.jpg"
        )
    elif form < 0.6:
        url = f"https://www.{domain}/files/styles/share/{_token(rng, 12)}.jpg?itok={_token(rng, 8)}"
    else:
        url = f"https://www.{domain}/images/{when:%Y/%m}/{_token(rng, 16)}.jpg"
    cached = rng.random()
    return Image(
        url=url,
        width=width,
        height=height,
        is_cached=True if cached < 0.85 else (False if cached < 0.95 else None),
        title=f"Photo: {rng.choice(_OBJECTS)} ({_pick(rng, _PEOPLE, _PEOPLE_INTL)})"
        if titled
        else None,
    )


def _embed(rng: Random, video: bool) -> str:
    if video:
        ident = _token(rng, 11)
        return (
            f'<iframe width="800" height="500" frameborder="0" '
            f'src="https://video.example.org/embed/{ident}" '
            f'allow="autoplay; encrypted-media; picture-in-picture" allowfullscreen></iframe>'
        )
    return (
        f'<blockquote class="social-post"><p>{_sentence(rng)}</p>'
        f'<a href="https://social.example.com/post/{rng.randint(10**9, 10**10)}">'
        f"{rng.choice(_WEEKDAYS)}</a></blockquote>"
    )


def _secured(rng: Random) -> Secured:
    """``base64;base64`` with a 16-byte second part, as long as the real tokens."""
    size = rng.choice((272, 272, 272, 272, 272, 272, 272, 272, 336, 400))
    first = base64.b64encode(rng.randbytes(size)).decode("ascii")
    second = base64.b64encode(rng.randbytes(16)).decode("ascii")
    return Secured(f"{first};{second}")


def _related(rng: Random, when: dt.datetime) -> RelatedArticle:
    provider = rng.choice(_RELATED_PROVIDERS)
    published = when - dt.timedelta(seconds=rng.randint(600, 4 * 86_400))
    title = _title(rng, _pick_length(rng, _TITLE_LENGTHS[:3]))
    web_url = _article_url(rng, provider.domain, published, title)
    amp = cdn = None
    if rng.random() < 0.01:
        web_url = ""
    elif rng.random() < 0.33:
        amp, cdn = _amp(web_url)
    images = None
    if rng.random() < 0.94:
        count = 2 if rng.random() < 0.05 else 1
        images = tuple(_image(rng, provider.domain, published, titled=False) for _ in range(count))
    return RelatedArticle(
        title=title,
        excerpt=_excerpt(rng, _pick_length(rng, _RELATED_EXCERPT_LENGTHS)),
        published_date_time=published,
        web_url=web_url,
        amp_web_url=amp,
        cdn_amp_web_url=cdn,
        type="video" if rng.random() < 0.05 else "article",
        provider=provider,
        quality=rng.randint(0, 99),
        images=images,
    )


def make_record(index: int, seed: int = DEFAULT_SEED) -> Record:
    """Record number ``index`` of the corpus for ``seed``: the same every time."""
    rng = Random(f"frontnews-bench:{seed}:{index}")
    when = _START + index * _STEP + dt.timedelta(seconds=rng.randrange(30 * 60))
    video = rng.random() < 0.09
    provider = rng.choice(_PROVIDERS)
    title = _title(rng, _pick_length(rng, _TITLE_LENGTHS))
    if video:
        title = f"Video: {title}"
        original_url = f"https://video.example.org/watch?v={_token(rng, 11)}"
    else:
        original_url = _article_url(rng, provider.domain, when, title)
    web_url = original_url if rng.random() < 0.91 else None
    amp = cdn = None
    if web_url is not None and not video and rng.random() < 0.26:
        amp, cdn = _amp(web_url)
    quality = heat = None
    published: bool | None = None
    if rng.random() >= 0.07:
        quality = rng.randint(0, 160)
        heat = -1 if rng.random() < 0.25 else rng.randint(0, 140)
        published = rng.random() < 0.56
    removed = True if rng.random() < 0.005 else None
    if removed:
        published = False
    featured = None
    if (video and rng.random() < 0.9) or rng.random() < 0.01:
        featured = _embed(rng, video)
    topic_count = 1 + (rng.random() >= 0.75) + (rng.random() >= 0.8)
    topics: list[str | None] = list(
        dict.fromkeys(_pick(rng, _TOPICS, _TOPICS_INTL) for _ in range(topic_count))
    )
    if rng.random() < 0.005:  # a null topic, written "  - ", as in one real record
        if len(topics) < MAX_TOPICS:
            topics.append(None)
        else:
            topics[-1] = None
    images = None
    if rng.random() < 0.80:
        images = (_image(rng, provider.domain, when, titled=rng.random() < 0.03),)
    related = None
    if rng.random() < RELATED_SHARE:
        count = _pick_length(rng, _RELATED_COUNTS)
        related = tuple(_related(rng, when) for _ in range(count))
    crlf = rng.random() < CRLF_SHARE
    return Record(
        category="news",
        title=title,
        excerpt=_excerpt(rng, _pick_length(rng, _EXCERPT_LENGTHS)),
        published_date_time=when,
        original_url=original_url,
        web_url=web_url,
        amp_web_url=amp,
        cdn_amp_web_url=cdn,
        type="video" if video else "article",
        quality=quality,
        heat=heat,
        removed=removed,
        published=published,
        featured_content=featured,
        provider=provider,
        topics=tuple(topics),
        images=images,
        related=related,
        secured=_secured(rng),
        layout=Layout(newline="\r\n" if crlf else "\n"),
    )


def file_name(record: Record, index: int) -> str:
    """``YYYY-MM-DD-slug-INDEX.md``, like the real records' names, unique within a corpus."""
    slug = _slug(record.title)[:60].strip("-") or "record"
    return f"{record.published_date_time:%Y-%m-%d}-{slug}-{index}.md"


def records(
    count: int, seed: int = DEFAULT_SEED, *, start: int = 0
) -> Iterator[tuple[str, Record]]:
    """Yield ``(file name, record)`` for records ``start`` to ``start + count - 1``."""
    for index in range(start, start + count):
        record = make_record(index, seed)
        yield file_name(record, index), record


def generate(
    count: int, seed: int = DEFAULT_SEED, *, start: int = 0
) -> Iterator[tuple[str, bytes]]:
    """Yield ``(file name, file bytes)`` for ``count`` records, made one at a time.

    The same ``count``, ``seed`` and ``start`` give the same bytes, every run.
    """
    for name, record in records(count, seed, start=start):
        yield name, frontnews.dumps(record).encode("utf-8")


def write_corpus(
    folder: str | Path, count: int, seed: int = DEFAULT_SEED, *, start: int = 0
) -> int:
    """Write ``count`` records into ``folder`` (created if needed); return the bytes written.

    Files are written with :func:`frontnews.dump` to an open file, not
    atomically: this is scratch data, and an fsync per file would make a
    large corpus slow to write.
    """
    target = Path(folder)
    target.mkdir(parents=True, exist_ok=True)
    total = 0
    for name, record in records(count, seed, start=start):
        with open(target / name, "wb") as handle:
            frontnews.dump(record, handle)
            total += handle.tell()
    return total


def main(argv: Sequence[str] | None = None) -> int:
    """Write a corpus from the command line."""
    parser = argparse.ArgumentParser(
        prog="python -m frontnews_bench.corpus", description="Write synthetic frontnews records."
    )
    parser.add_argument("folder", type=Path)
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    args = parser.parse_args(argv)
    size = write_corpus(args.folder, args.count, args.seed)
    print(f"wrote {args.count:,} records ({size:,} bytes) to {args.folder}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
