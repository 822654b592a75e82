"""The quality gate on our own gold set: sample articles annotated by hand, CHECK part.

The gold files are split by ``benchmarks/split.py`` on their stem; the gate
scores the check part's English files against the floors pinned in
``benchmarks/floors.json`` under ``sample_gold`` (regression guards, re-pinned with
``benchmarks/pin_floors.py``); see ``benchmarks/sample_gold.py`` for how each
figure is computed.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import pytest

from .conftest import ROOT

sys.path.insert(0, str(ROOT / "benchmarks"))
from benchmarks.split import part_of

import sample_gold

ENTRY = json.loads((ROOT / "benchmarks" / "floors.json").read_text())["sample_gold"]
FLOORS = ENTRY["floors"]
METRICS = sorted(FLOORS)


@pytest.fixture(scope="module")
def results(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, Any]]:
    store = sample_gold.ingest_samples(str(tmp_path_factory.mktemp("gold") / "gold.db"))
    try:
        scored = {
            part: sample_gold.score(store, part=part, language=sample_gold.FLOORS_LANGUAGE)
            for part in ("tune", "check", "all")
        }
        return {
            **scored,
            "every": sample_gold.score(store),
            "es": sample_gold.score(store, language="es"),
        }
    finally:
        store.close()


def test_gold_files_split_into_both_parts() -> None:
    files = sample_gold.gold_files()
    tune, check = sample_gold.gold_files(part="tune"), sample_gold.gold_files(part="check")
    assert len(files) >= 10
    assert tune and check and sorted(tune + check) == files
    assert all(part_of(path.stem) == "check" for path in check)


def test_every_figure_has_a_floor_pinned_on_the_check_part(
    results: dict[str, dict[str, Any]],
) -> None:
    assert ENTRY["part"] == "check"
    assert ENTRY["items"] == results["check"]["counts"]["articles"]
    assert set(FLOORS) == {
        "quote_f1",
        "quote_kind_accuracy",
        "speaker_accuracy",
        "claim_recall",
        "evidence_accuracy",
        "hedge_recall",
        "figure_f1",
        "figure_kind_accuracy",
        "figure_value_accuracy",
    }


def test_gold_files_match_the_stored_texts(results: dict[str, dict[str, Any]]) -> None:
    files = list(Path(sample_gold.GOLD).glob("*.json"))
    assert results["every"]["counts"]["articles"] == len(files), "every gold text checked by hash"
    assert results["all"]["counts"]["gold_quotes"] >= 100
    for key in ("articles", "gold_quotes", "gold_claims", "gold_figures"):
        parts = results["tune"]["counts"][key] + results["check"]["counts"][key]
        assert parts == results["all"]["counts"][key], key


def test_each_language_is_scored_on_its_own(results: dict[str, dict[str, Any]]) -> None:
    spanish = [
        path
        for path in sample_gold.gold_files()
        if json.loads(path.read_text(encoding="utf-8"))["source"].startswith(
            "samples/corpus/text/es-"
        )
    ]
    assert spanish, "the Spanish sample articles have gold files"
    assert results["es"]["counts"]["articles"] == len(spanish)
    for key in ("articles", "gold_quotes", "gold_claims", "gold_figures"):
        pooled = results["all"]["counts"][key] + results["es"]["counts"][key]
        assert pooled == results["every"]["counts"][key], key


@pytest.mark.parametrize("floor", METRICS)
def test_check_part_meets_its_floor(results: dict[str, dict[str, Any]], floor: str) -> None:
    value = sample_gold.floor_metrics(results["check"])[floor]
    assert value >= FLOORS[floor], f"check-part {floor} {value:.3f} fell below {FLOORS[floor]}"
