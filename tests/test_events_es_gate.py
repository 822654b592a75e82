"""Quality gate for Spanish event coding (the Spanish PLOVER dev set), on its CHECK part.

The set is split by ``benchmarks/split.py``; the gate scores the check part only and
compares it with the floors pinned in ``benchmarks/floors.json`` (regression guards,
re-pinned with ``benchmarks/pin_floors.py``). The data-backed tests read
``../shared/eval`` and skip with a message when it is absent; the scorer's own tests use
hand-written records and always run.
"""

from __future__ import annotations

import json
import sys
from types import SimpleNamespace
from typing import Any

import pytest

from .conftest import ROOT

sys.path.insert(0, str(ROOT / "benchmarks"))
from benchmarks.events_plover import floor_metrics
from benchmarks.split import part_of

import events_plover_es

FLOORS = json.loads((ROOT / "benchmarks" / "floors.json").read_text())


def _record(*types: str, source: str = "") -> dict[str, Any]:
    events = [{"trigger": "x", "source": source, "target": "", "plover": t} for t in types]
    return {"id": "r", "events": events}


def _top(type_: str) -> SimpleNamespace:
    return SimpleNamespace(
        type=type_, mode=None, trigger="x", status="happened", score=0.9, source=None, target=None
    )


def test_gold_types_are_mapped_to_plover_2021_and_crime_is_kept() -> None:
    record = _record("DEMAND", "SACTION", "DISAPPROVE", "INVESTIGATE", "CRIME", "DEMAND")
    assert events_plover_es.gold_types(record) == ["REQUEST", "SANCTION", "ACCUSE", "CRIME"]


def test_a_top_event_is_right_when_it_has_any_gold_type() -> None:
    record = _record("PROTEST", "REQUEST")
    assert events_plover_es.outcome(record, _top("REQUEST"), 2)["gold"] == "REQUEST"
    wrong = events_plover_es.outcome(record, _top("ASSAULT"), 1)
    assert wrong["gold"] == "PROTEST" and wrong["predicted"] == "ASSAULT"
    # CRIME has no 2021 type: no prediction can match it
    crime = events_plover_es.outcome(_record("CRIME"), _top("ASSAULT"), 1)
    assert crime["gold"] == "CRIME"


def test_the_baseline_counts_a_type_among_a_sentences_gold_types() -> None:
    outcomes = [
        events_plover_es.outcome(_record("PROTEST", "REQUEST"), None, 0),
        events_plover_es.outcome(_record("REQUEST"), None, 0),
        events_plover_es.outcome(_record("ASSAULT"), None, 0),
    ]
    assert events_plover_es.baseline(outcomes) == {"type": "REQUEST", "accuracy": 2 / 3}


def test_errors_are_refused_for_the_check_part(capsys: pytest.CaptureFixture[str]) -> None:
    for part in ("check", "all"):
        assert events_plover_es.main(["--errors", "--part", part]) == 2
        assert "check-part items are never shown" in capsys.readouterr().err


@pytest.fixture(scope="module")
def plover_es() -> dict[str, Any]:
    path = events_plover_es.eval_dir() / events_plover_es.SET_NAME
    if not path.is_file():
        pytest.skip(f"Spanish PLOVER set not found at {path}")
    records = json.loads(path.read_text(encoding="utf-8"))
    return {"check": events_plover_es.run(records, "check")}


@pytest.mark.eval
def test_spanish_event_gate_scores_the_check_part_only(plover_es: dict[str, Any]) -> None:
    ids = {o["id"] for o in plover_es["check"]["outcomes"]}
    assert ids and all(part_of(str(i)) == "check" for i in ids)
    entry = FLOORS[events_plover_es.FLOORS_KEY]
    assert entry["part"] == "check" and entry["items"] == len(ids)


@pytest.mark.eval
@pytest.mark.parametrize("metric", ["type_accuracy", "actor_f1"])
def test_spanish_event_check_part_meets_its_floor(plover_es: dict[str, Any], metric: str) -> None:
    floor = FLOORS[events_plover_es.FLOORS_KEY]["floors"][metric]
    measured = floor_metrics(plover_es["check"])[metric]
    assert measured >= floor, f"check-part {metric} {measured:.4f} fell below its floor {floor}"
