"""The event-linking gate on our own labelled pairs, check part only.

``benchmarks/event_linking.py`` ingests each pair of passages through the real
pipeline into a fresh SQLite store and scores whether the two reports share an
event ID. Precision must stay at or above 0.9 (the issue's bar). The recall floor
is the check part's measured 0.70 (7 of 10 ``same`` pairs, 2026-12-01) less one
pair: each pair is worth 0.1 there, so a tighter floor would be noise. The
floors hold on the English pairs, the set they were measured on; the
cross-language pairs (``languages`` ``en+es``) are scored by the benchmark on
their own and have no floor yet.
"""

from __future__ import annotations

import sys

from .conftest import ROOT

sys.path.insert(0, str(ROOT / "benchmarks"))
import event_linking

PRECISION_FLOOR = 0.9
RECALL_FLOOR = 0.6


def test_linking_precision_and_recall_on_the_check_pairs() -> None:
    outcomes = event_linking.run("check")
    result = event_linking.score([o for o in outcomes if o.languages == "en"])
    assert result["pairs"] >= 20 and result["same"] >= 8
    assert result["precision"] >= PRECISION_FLOOR, result
    assert result["recall"] >= RECALL_FLOOR, result


def test_the_pairs_cover_every_kind_the_issue_names() -> None:
    pairs = event_linking.load()
    kinds = " ".join(p["kind"] for p in pairs)
    for kind in (
        "syndicated",
        "paraphrase",
        "contradicting counts",
        "other city",
        "other week",
        "planned vs happened",
        "negated",
        "question",
    ):
        assert kind in kinds, kind
    assert len(pairs) >= 40
    assert {p["a"]["outlet"] != p["b"]["outlet"] for p in pairs} == {True}
