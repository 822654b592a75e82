"""The quality gate on our own gold set: 12 sample articles annotated by hand.

Floors are pinned in ``benchmarks/floors.json`` under ``sample_gold``; see
``benchmarks/sample_gold.py`` for how each figure is computed.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import pytest

from .conftest import ROOT

sys.path.insert(0, str(ROOT / "benchmarks"))
import sample_gold

FLOORS = json.loads((ROOT / "benchmarks" / "floors.json").read_text())["sample_gold"]


@pytest.fixture(scope="module")
def result(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    store = sample_gold.ingest_samples(str(tmp_path_factory.mktemp("gold") / "gold.db"))
    try:
        return sample_gold.score(store)
    finally:
        store.close()


def test_gold_files_match_the_stored_texts(result: dict[str, Any]) -> None:
    files = list(Path(sample_gold.GOLD).glob("*.json"))
    assert len(files) >= 10
    assert result["counts"]["articles"] == len(files), "every gold text was checked by hash"
    assert result["counts"]["gold_quotes"] >= 100


@pytest.mark.parametrize(
    ("floor", "path"),
    [
        ("quote_f1", ("quotes", "f1")),
        ("quote_kind_accuracy", ("quote_kind_accuracy",)),
        ("speaker_accuracy", ("speaker_accuracy",)),
        ("claim_recall", ("claim_recall",)),
        ("evidence_accuracy", ("evidence_accuracy",)),
        ("hedge_recall", ("hedge_recall",)),
        ("figure_f1", ("figures", "f1")),
        ("figure_kind_accuracy", ("figure_kind_accuracy",)),
        ("figure_value_accuracy", ("figure_value_accuracy",)),
    ],
)
def test_floor(result: dict[str, Any], floor: str, path: tuple[str, ...]) -> None:
    value: Any = result
    for key in path:
        value = value[key]
    assert value >= FLOORS[floor], f"{floor} {value:.3f} fell below its floor {FLOORS[floor]}"
