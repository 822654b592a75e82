"""Quality gates for event coding (PLOVER GSR dev) and geocoding (LGL), on the CHECK parts.

Each dev set is split by ``benchmarks/split.py``; the gates score the check part
only and compare it with the floors pinned in ``benchmarks/floors.json``
(regression guards, re-pinned with ``benchmarks/pin_floors.py``). The data-backed
tests read ``../shared/eval`` and skip with a message when it is absent; the
scorer's own tests use hand-written outcomes and always run.
"""

from __future__ import annotations

import json
import sys
from typing import Any

import pytest

from .conftest import ROOT

sys.path.insert(0, str(ROOT / "benchmarks"))
from benchmarks.split import part_of

import events_plover
import geocode_lgl

FLOORS = json.loads((ROOT / "benchmarks" / "floors.json").read_text())


def _outcome(gold: str, predicted: str | None, score: float | None, **kw: Any) -> dict[str, Any]:
    return {
        "id": kw.get("id", "x"),
        "gold": gold,
        "predicted": predicted,
        "score": score,
        "source": kw.get("source"),
        "target": kw.get("target"),
        "gold_source": kw.get("gold_source", []),
        "gold_target": kw.get("gold_target", []),
    }


# --- the event scorer, on hand-written outcomes ------------------------------------------


def test_source_is_right_when_it_shares_a_token_or_both_are_absent() -> None:
    ok = _outcome("PROTEST", "PROTEST", 0.9, source="the striking dockers", gold_source=["Dockers"])
    wrong = _outcome("PROTEST", "PROTEST", 0.9, source="police", gold_source=["Dockers"])
    neither = _outcome("PROTEST", "PROTEST", 0.9, source=None, gold_source=[])
    invented = _outcome("PROTEST", "PROTEST", 0.9, source="police", gold_source=[])
    assert events_plover.source_right(ok)
    assert not events_plover.source_right(wrong)
    assert events_plover.source_right(neither)
    assert not events_plover.source_right(invented)


def test_reliability_bins_count_top_events_and_their_hit_rates() -> None:
    outcomes = [
        _outcome("AGREE", "AGREE", 0.95, source="Chile", gold_source=["Chile"]),
        _outcome("AGREE", "AGREE", 0.92, source="Peru", gold_source=["Chile"]),
        _outcome("AGREE", "REJECT", 0.91),
        _outcome("ASSAULT", "ASSAULT", 0.55),
        _outcome("ASSAULT", None, None),
        _outcome("AID", "AID", 1.0),
    ]
    rows = {row["bin"]: row for row in events_plover.reliability(outcomes)}
    assert [row["low"] for row in events_plover.reliability(outcomes)] == [
        low for low, _ in events_plover.CONFIDENCE_BINS
    ]
    top = rows["0.9–1.0"]
    assert top["events"] == 4  # 1.0 itself falls in the last bin
    assert top["type_right"] == pytest.approx(3 / 4)
    assert top["type_and_source_right"] == pytest.approx(2 / 4)
    assert top["mean_score"] == pytest.approx((0.95 + 0.92 + 0.91 + 1.0) / 4)
    assert rows["0.5–0.6"]["events"] == 1 and rows["0.5–0.6"]["type_right"] == 1.0
    assert rows["< 0.5"]["events"] == 0 and rows["< 0.5"]["type_right"] is None
    # A sentence without an event is in no bin.
    assert sum(row["events"] for row in rows.values()) == 5


def test_summary_counts_type_and_source_together() -> None:
    outcomes = [
        _outcome("AGREE", "AGREE", 0.9, source="Chile", gold_source=["Chile"]),
        _outcome("AGREE", "AGREE", 0.9, source="Peru", gold_source=["Chile"]),
        _outcome("REJECT", None, None, gold_source=["Peru"]),
        _outcome("AID", "AGREE", 0.8, source="Chile", gold_source=["Chile"]),
    ]
    result = events_plover.summarise(outcomes)
    assert result["type_accuracy"] == 0.5
    assert result["type_and_source_accuracy"] == 0.25
    assert result["no_event"] == 1


def test_errors_are_refused_for_the_check_part(capsys: pytest.CaptureFixture[str]) -> None:
    for part in ("check", "all"):
        assert events_plover.main(["--errors", "--part", part]) == 2
        message = capsys.readouterr().err
        assert "--errors" in message and "check-part items are never shown" in message


def test_geocoding_end_to_end_counts_unrecognised_toponyms_as_misses() -> None:
    from dossier.models import Place

    found = geocode_lgl.Toponym(0, 5, "Paris", 48.85, 2.35, "PPLC")
    missed = geocode_lgl.Toponym(10, 16, "Bogotá", 4.61, -74.08, "PPLC")
    no_point = geocode_lgl.Toponym(20, 25, "Rhine", None, None, None)
    place = Place(
        start=0,
        end=5,
        text="Paris",
        name="Paris",
        country_code="FR",
        feature="city",
        latitude=48.86,
        longitude=2.34,
        resolved=True,
    )
    score = geocode_lgl.Score()
    geocode_lgl.score_article(score, [found, missed, no_point], [place])
    result = geocode_lgl.summary(score)
    assert result["accuracy_161km_matched"] == 1.0  # of the one recognised toponym
    assert result["accuracy_161km_end_to_end"] == 0.5  # of the two gold toponyms with a point
    assert result["accuracy_161km_end_to_end_exact"] == 0.5
    assert result["gold_with_coordinates"] == 2


def test_outlet_homes_are_taught_by_the_other_part_only() -> None:
    domains = ["a.com", "a.com", "a.com", "b.com", None, "a.com"]
    parts = ["tune", "check", "check", "tune", "check", "tune"]
    teachers = geocode_lgl.home_teachers(domains, parts)
    assert teachers[0] == [1, 2]  # a tune article: the check part of its outlet
    assert teachers[1] == [0, 5] and teachers[2] == [0, 5]
    assert teachers[3] == []  # its outlet has no check-part article
    assert teachers[4] == []  # no outlet
    for i, mine in enumerate(teachers):
        assert all(parts[j] != parts[i] and domains[j] == domains[i] for j in mine)


# --- the gates, on the check parts -----------------------------------------------------------


@pytest.fixture(scope="module")
def plover() -> dict[str, Any]:
    path = events_plover.eval_dir() / events_plover.SET_NAME
    if not path.is_file():
        pytest.skip(f"PLOVER GSR not found at {path}")
    records = json.loads(path.read_text(encoding="utf-8"))
    return {part: events_plover.run(records, part) for part in ("tune", "check")}


@pytest.fixture(scope="module")
def lgl() -> dict[str, Any]:
    path = geocode_lgl.lgl_path()
    if not path.is_file():
        pytest.skip(f"LGL not found at {path}")
    alone, with_home, _ = geocode_lgl.run(
        geocode_lgl.load_lgl(path), gold_spans=False, progress=False
    )
    return {
        "alone": geocode_lgl.summary(alone["check"]),
        "with_outlet_homes": geocode_lgl.summary(with_home["check"]),
    }


@pytest.mark.eval
def test_event_gate_scores_the_check_part_only(plover: dict[str, Any]) -> None:
    ids = {o["id"] for o in plover["check"]["outcomes"]}
    assert ids and all(part_of(str(i)) == "check" for i in ids)
    assert FLOORS["events_plover_dev"]["part"] == "check"
    assert FLOORS["events_plover_dev"]["items"] == len(ids)


@pytest.mark.eval
@pytest.mark.parametrize("metric", ["type_accuracy", "actor_f1"])
def test_event_check_part_meets_its_floor(plover: dict[str, Any], metric: str) -> None:
    floor = FLOORS["events_plover_dev"]["floors"][metric]
    measured = events_plover.floor_metrics(plover["check"])[metric]
    assert measured >= floor, f"check-part {metric} {measured:.4f} fell below its floor {floor}"


@pytest.mark.eval
@pytest.mark.parametrize("metric", ["type_accuracy", "actor_f1"])
def test_event_check_part_holds_up_against_the_tune_part(
    plover: dict[str, Any], metric: str
) -> None:
    # The acceptance rule: unseen text may not fall more than 0.05 below tuned text.
    tune = events_plover.floor_metrics(plover["tune"])[metric]
    check = events_plover.floor_metrics(plover["check"])[metric]
    assert check >= tune - 0.05, f"{metric}: check {check:.3f} vs tune {tune:.3f}"


@pytest.mark.eval
@pytest.mark.parametrize(
    "metric",
    [
        "accuracy_161km_end_to_end",
        "accuracy_161km_end_to_end_with_outlet_homes",
        "accuracy_161km_matched",
        "recognition_overlap_f1",
    ],
)
def test_geocoding_check_part_meets_its_floor(lgl: dict[str, Any], metric: str) -> None:
    floor = FLOORS["geocode_lgl"]["floors"][metric]
    measured = geocode_lgl.floor_metrics(lgl["alone"], lgl["with_outlet_homes"])[metric]
    assert measured >= floor, f"check-part {metric} {measured:.4f} fell below its floor {floor}"


@pytest.mark.eval
def test_geocoding_check_part_median_error(lgl: dict[str, Any]) -> None:
    ceiling = FLOORS["geocode_lgl"]["ceilings"]["median_error_km"]
    assert lgl["alone"]["median_error_km"] <= ceiling
