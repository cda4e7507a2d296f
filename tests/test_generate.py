"""The static reader and writer of Record: in sync with the schema, and chosen as documented."""

from __future__ import annotations

import os
import subprocess
import sys

import attrs
import pytest

import frontnews
from frontnews import _build, _canonical, _generate, writer
from frontnews._canonical import static_safe

from .conftest import ROOT, make_record


def test_the_checked_in_modules_are_what_the_generator_writes() -> None:
    """After a change to the model or the generators, run ``python -m frontnews._generate``."""
    for path, text in _generate.sources().items():
        assert path.read_text(encoding="utf-8") == text, (
            f"{path.name} is out of date: run python -m frontnews._generate"
        )
    assert _generate.main(["--check"]) == 0


def test_record_is_read_and_written_by_the_static_modules() -> None:
    frontnews.loads(frontnews.dumps(make_record()))
    assert _canonical._record_reader is _build.generated("_canonical_gen").read_Record
    assert writer._writer(frontnews.Record) is _build.generated("_writer_gen").write_Record_0


def test_records_built_without_init_equal_and_hash_as_built_with_it() -> None:
    record = make_record(images=None, related=None, quality=None)
    again = frontnews.loads(frontnews.dumps(record))
    rebuilt = frontnews.Record(
        **{a.name: getattr(again, a.name) for a in attrs.fields(frontnews.Record)}
    )
    assert again == rebuilt == record
    assert hash(again) == hash(rebuilt) == hash(record)
    assert repr(again) == repr(record)
    assert attrs.evolve(again, title="x").title == "x"


def test_a_class_with_a_validator_cannot_have_a_static_reader() -> None:
    @attrs.frozen(kw_only=True)
    class Checked:
        name: str = attrs.field(validator=attrs.validators.instance_of(str))

    with pytest.raises(TypeError, match="validator"):
        static_safe(Checked)

    @attrs.frozen(kw_only=True)
    class Hooked:
        name: str

        def __attrs_post_init__(self) -> None:
            pass

    with pytest.raises(TypeError, match="__attrs_post_init__"):
        static_safe(Hooked)


def test_the_environment_variable_forces_pure_python() -> None:
    code = (
        "import frontnews, frontnews._build as b;"
        "frontnews.loads(frontnews.dumps(frontnews.loads(open('samples/amnesty-ban-the-scan.md','rb').read())));"
        "print(b.compiled(), b.generated('_canonical_gen').__file__)"
    )
    env = {**os.environ, "FRONTNEWS_PURE_PYTHON": "1"}
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=True
    )
    compiled, path = done.stdout.split()
    assert compiled == "False"
    assert path.endswith("_canonical_gen.py")
