"""A bounded run of the mutation fuzzer (``tests/fuzzing.py``) on every test run."""

from __future__ import annotations

import pytest

import frontnews

from . import fuzzing
from .conftest import make_record


def test_mutants_of_real_records_keep_every_invariant() -> None:
    """3,000 mutants: each loads or is refused cleanly, round-trips, reads as PyYAML reads it."""
    checked, loaded, failures = fuzzing.run(3_000, seed=20261201, save=None)
    assert failures == 0
    assert checked == 3_000
    # The mutations must not be so destructive that nothing loads: then nothing is tested.
    assert loaded > checked // 4


def test_the_same_seed_gives_the_same_mutants() -> None:
    """A finding can be reproduced from its seed."""
    texts = fuzzing.seeds()
    first = [text for text, _ in zip(fuzzing.mutants(texts, 7), range(50), strict=False)]
    again = [text for text, _ in zip(fuzzing.mutants(texts, 7), range(50), strict=False)]
    assert first == again
    assert len(set(first)) > 40


def test_a_broken_invariant_is_reported() -> None:
    """The checker is not blind: a record that PyYAML reads otherwise is a finding."""
    text = frontnews.dumps(make_record())
    fuzzing.check(text)  # the unmutated record keeps every invariant
    with pytest.raises(fuzzing.InvariantError, match="PyYAML"):
        fuzzing._same_as_pyyaml(make_record(), text.replace("quality: 38", "quality: 39"))
