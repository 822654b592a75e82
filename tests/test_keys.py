"""Folding keys: fast paths must give exactly what the plain definition gives, since
entity IDs and search keys are built from them and stored."""

from __future__ import annotations

import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from dossier.keys import fold, strip_marks


def _plain_strip(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@given(st.text())
def test_strip_marks_is_nfkd_without_combining_marks(text: str) -> None:
    assert strip_marks(text) == _plain_strip(text)


@given(st.text())
def test_fold_is_stripped_casefolded_and_spaced(text: str) -> None:
    expected = " ".join(_plain_strip(text).casefold().replace("’", "'").split())
    assert fold(text) == expected


def test_fold_examples() -> None:
    assert fold("Durán") == "duran"
    assert fold("  Policía   Nacional ") == "policia nacional"
    assert fold("Ecuador’s") == "ecuador's"
    assert fold("ﬁnal") == "final"  # NFKD splits the ligature
    assert strip_marks("Ñandú") == "Nandu"
    assert strip_marks("Ecuador") == "Ecuador"
