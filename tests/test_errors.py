"""Exceptions: one base class, and messages in file:line: field: reason form."""

from __future__ import annotations

import inspect
import pickle

import pytest

import frontnews
from frontnews import errors
from frontnews.errors import SchemaError


def test_every_error_inherits_the_base() -> None:
    """Every exception frontnews defines is a FrontnewsError; every warning a FrontnewsWarning."""
    classes = [
        obj
        for _name, obj in inspect.getmembers(errors, inspect.isclass)
        if issubclass(obj, Exception) and obj.__module__ == errors.__name__
    ]
    warnings = [cls for cls in classes if issubclass(cls, Warning)]
    assert classes
    assert warnings
    assert len(classes) == len(errors.__all__)
    assert all(issubclass(cls, frontnews.FrontnewsWarning) for cls in warnings)
    assert all(issubclass(cls, frontnews.FrontnewsError) for cls in classes if cls not in warnings)


def test_message_names_file_line_and_field() -> None:
    """The message reads like a compiler's: file:line: field: reason."""
    error = frontnews.SchemaError("bad", file="a.md", line=3, field="related[2].quality")
    assert str(error) == "a.md:3: related[2].quality: bad"
    assert str(frontnews.SchemaError("bad")) == "<string>: bad"
    assert str(frontnews.FrontMatterError("bad", line=1)) == "<string>:1: bad"


def test_record_errors_pickle() -> None:
    """Errors cross process boundaries (multiprocessing) intact."""
    error = frontnews.SchemaError("bad", file="a.md", line=3, field="title")
    back = pickle.loads(pickle.dumps(error))
    assert type(back) is frontnews.SchemaError
    assert str(back) == str(error)
    assert (back.file, back.line, back.field) == ("a.md", 3, "title")


def test_located_adds_the_file() -> None:
    """located() gives the same error naming a file."""
    error = frontnews.YAMLSyntaxError("bad", line=2).located("x.md")
    assert str(error) == "x.md:2: bad"
    assert isinstance(error, frontnews.YAMLSyntaxError)


def test_record_errors_are_value_errors() -> None:
    """Code that catches ValueError for bad data keeps working."""
    assert issubclass(frontnews.RecordError, ValueError)


def test_column_is_kept_but_not_in_the_message() -> None:
    """column survives pickling and located(), and the message keeps its file:line form."""
    error = frontnews.SchemaError("bad", file="a.md", line=3, field="title", column=8)
    assert str(error) == "a.md:3: title: bad"
    assert pickle.loads(pickle.dumps(error)).column == 8
    assert error.located("b.md").column == 8


def test_schema_error_keeps_every_problem_through_pickle_and_located() -> None:
    """A SchemaError of several problems keeps them all when pickled or given a file."""
    first = SchemaError("missing required field", line=2, column=1, field="title")
    second = SchemaError("expected an integer, got str 'x'", line=3, column=10, field="quality")
    error = SchemaError.of([first, second])
    assert str(error) == "<string>:2: title: missing required field (and 1 more problem)"
    copy = pickle.loads(pickle.dumps(error))
    assert [str(p) for p in copy.problems] == [str(first), str(second)]
    located = error.located("a.md")
    assert [(p.file, p.line, p.column, p.field) for p in located.problems] == [
        ("a.md", 2, 1, "title"),
        ("a.md", 3, 10, "quality"),
    ]
    assert SchemaError.of([first]) is first
    assert first.problems == (first,)


def test_loads_reports_every_bad_field() -> None:
    """loads raises one SchemaError whose problems name each bad field with its line."""
    with pytest.raises(SchemaError) as info:
        frontnews.loads('---\ntitle: x\nquality: "high"\n---\n')
    fields = {(p.field, p.line) for p in info.value.problems}
    assert ("quality", 3) in fields
    assert ("category", 2) in fields
    assert len(info.value.problems) == 7  # six missing required fields, the bad quality
