"""The one schema: every reader and writer is built from the model's fields and metadata."""

from __future__ import annotations

import ast
import datetime as dt
import re
from pathlib import Path

import attrs
import pytest
import yaml

import frontnews
from frontnews import Image, Provider, Record, RelatedArticle, Secured, _build
from frontnews._canonical import read_canonical
from frontnews.converter import make_converter
from frontnews.extra import Extra
from frontnews.schema import Kind, field, schema_of, wire_key
from frontnews.writer import dumps

from .conftest import REFERENCE_SAMPLE, ROOT, front_matter, make_record

SRC = ROOT / "src" / "frontnews"


# A model with one more field than Record: a `corrections` count after `heat`.
# Nothing else in frontnews is told about it.
@attrs.frozen(kw_only=True)
class RecordWithCorrections:
    category: str
    title: str = field(quoted=True)
    excerpt: str = field(quoted=True)
    published_date_time: dt.datetime
    original_url: str | None = field(quoted=True, default=None)
    web_url: str | None = field(quoted=True, default=None)
    amp_web_url: str | None = field(quoted=True, default=None)
    cdn_amp_web_url: str | None = field(quoted=True, default=None)
    type: str
    quality: int | None = None
    heat: int | None = None
    corrections: int | None = None
    removed: bool | None = None
    published: bool | None = None
    featured_content: str | None = field(quoted=True, section=True, default=None)
    provider: Provider = field(section=True)
    topics: tuple[str | None, ...] = field(section=True)
    images: tuple[Image, ...] | None = field(section=True, default=None)
    related: tuple[RelatedArticle, ...] | None = field(section=True, default=None)
    extra: Extra = field(section=True, default=Extra())
    secured: Secured = field(section=True)
    body: str = field(wire=False, default="")
    layout: frontnews.Layout = field(wire=False, default=frontnews.Layout())


def _with_corrections(record: Record, corrections: int) -> RecordWithCorrections:
    values = {a.name: getattr(record, a.name) for a in attrs.fields(Record)}
    return RecordWithCorrections(**values, corrections=corrections)


def test_a_model_with_one_more_field_is_written_and_read_without_other_edits() -> None:
    """Adding a field is one edit: the writer, canonical reader and converter all follow it."""
    base = frontnews.load(REFERENCE_SAMPLE)
    record = _with_corrections(base, 3)
    text = dumps(record)  # type: ignore[arg-type]
    assert "heat: " in text
    assert text.index("heat: ") < text.index("corrections: 3\n") < text.index("published: ")
    # PyYAML, not frontnews, says what the file holds.
    assert yaml.safe_load(front_matter(text))["corrections"] == 3
    again = read_canonical(front_matter(text), model=RecordWithCorrections)
    assert again == attrs.evolve(record, body="", layout=frontnews.Layout())
    converter = make_converter()
    data = yaml.safe_load(front_matter(text))
    assert converter.structure(data, RecordWithCorrections).corrections == 3
    assert converter.unstructure(record)["corrections"] == 3


def test_the_canonical_file_is_what_the_schema_says() -> None:
    """The field table of Record: keys in canonical order, kinds from the annotations."""
    schema = schema_of(Record)
    assert [f.key for f in schema.fields] == [
        "category",
        "title",
        "excerpt",
        "publishedDateTime",
        "originalUrl",
        "webUrl",
        "ampWebUrl",
        "cdnAmpWebUrl",
        "type",
        "quality",
        "heat",
        "removed",
        "published",
        "featuredContent",
        "provider",
        "topics",
        "images",
        "related",
        "secured",
    ]
    kinds = {f.key: f.kind for f in schema.fields}
    assert kinds["provider"] is Kind.MAPPING
    assert kinds["related"] is Kind.MAPPINGS
    assert kinds["topics"] is Kind.TEXTS
    assert kinds["secured"] is Kind.TOKEN
    assert schema.extra == "extra"
    assert schema.fields[schema.extra_at].key == "secured"
    assert schema.context == ("body", "layout")


def test_a_field_type_the_format_cannot_hold_is_refused() -> None:
    """A model field of an unknown type fails when the schema is built, naming it."""

    @attrs.frozen
    class Odd:
        ratio: complex

    with pytest.raises(TypeError, match=r"Odd\.ratio"):
        schema_of(Odd)


def test_wire_keys_are_camel_case() -> None:
    """snake_case names become the file's camelCase keys."""
    assert wire_key("published_date_time") == "publishedDateTime"
    assert wire_key("title") == "title"


def _code_strings(path: Path) -> set[str]:
    """The string constants of a module's code: its docstrings left out."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            first = node.body[0] if node.body else None
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                docstrings.add(id(first.value))
    return {
        node.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and id(node) not in docstrings
    }


#: The keys that are not simply the attribute's name: the ones a copy would spell.
CAMEL_KEYS = sorted(
    {f.key for cls in schema_of(Record).nested for f in schema_of(cls).fields}
    - {f.name for cls in schema_of(Record).nested for f in schema_of(cls).fields}
)


@pytest.mark.parametrize("key", CAMEL_KEYS)
def test_each_wire_key_is_spelled_in_at_most_one_module(key: str) -> None:
    """No module lists the record's keys by hand: they come from the schema.

    The generated modules are written from the schema by ``frontnews._generate``
    (tests/test_generate.py keeps them in sync), so they do not count.
    """
    word = re.compile(rf"\b{key}\b")
    generated = {f"{name}.py" for name in _build.GENERATED}
    spelled = [
        str(path.relative_to(SRC))
        for path in sorted(SRC.rglob("*.py"))
        if path.name not in generated and any(word.search(text) for text in _code_strings(path))
    ]
    assert len(spelled) <= 1, f"{key!r} is spelled in {spelled}"


def test_a_file_cannot_set_the_body_or_the_unknown_key_mapping() -> None:
    """Keys that look internal are unknown keys like any other, never the body or layout."""
    text = frontnews.dumps(make_record()).replace(
        'secured: "', '"\\0body": "forged"\n"\\0extra": {a: 1}\n"\\0layout": x\nsecured: "', 1
    )
    record = frontnews.loads(text)
    assert record.body == ""
    assert record.layout == frontnews.Layout()
    assert dict(record.extra) == {"\x00body": "forged", "\x00extra": {"a": 1}, "\x00layout": "x"}


def test_converter_errors_name_each_field_by_its_path() -> None:
    """Calling the converter directly gives a SchemaError with every bad field, not cattrs'."""
    data = frontnews.to_dict(make_record())
    data["quality"] = "high"
    data["provider"] = {"name": 3}
    with pytest.raises(frontnews.SchemaError) as caught:
        frontnews.converter.converter.structure(data, Record)
    fields = [(p.field, p.reason) for p in caught.value.problems]
    assert fields == [
        ("quality", "expected an integer, got str 'high'"),
        ("provider.name", "expected a string, got int 3"),
        ("provider.domain", "missing required field"),
    ]
