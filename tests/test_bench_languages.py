"""The Spanish-against-English throughput benchmark's texts."""

from __future__ import annotations

import pytest
from benchmarks.ner_conll import SETS
from benchmarks.throughput_languages import detokenise, texts_of


def test_detokenise_closes_up_punctuation() -> None:
    assert detokenise(["«", "Ya", "basta", "»", ",", "dijo", "(", "EFE", ")", "."]) == (
        "«Ya basta», dijo (EFE)."
    )
    assert detokenise(["¿", "Quién", "?"]) == "¿Quién?"


@pytest.mark.eval
@pytest.mark.skipif(not all(p.exists() for p, _ in SETS.values()), reason="no eval data")
def test_texts_of_both_languages_have_the_same_length() -> None:
    lengths = {lang: [len(t) for t in texts_of(lang, 5, 1500)] for lang in ("en", "es")}
    for found in lengths.values():
        assert len(found) == 5 and all(1450 <= n <= 1500 for n in found), lengths
