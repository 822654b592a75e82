"""Quality gate: Dossier's main-text extraction must not regress on public data.

The scorer is imported from ``benchmarks/extraction.py`` rather than copied,
so the gate and the benchmark can never disagree about what a score means.
The eval-marked tests need ``../shared/eval`` (or ``DOSSIER_EVAL_DIR``) and skip
with the path they looked at when it is absent, as it is in a fresh clone; the
gate scores the CHECK part of the pages (``benchmarks/split.py``) against the
floors in ``benchmarks/floors.json``. The scorer's own tests, and those of the
split and of ``benchmarks/pin_floors.py``, need no data and always run, because
a silently changed convention would move every figure at once.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[1]
if str(REPO_ROOT) not in sys.path:
    # pytest puts tests/ on sys.path, not the repository root, and the
    # benchmarks are not part of the installed package.
    sys.path.insert(0, str(REPO_ROOT))

import json  # noqa: E402

from benchmarks import extraction, pin_floors, split  # noqa: E402

METRICS = ("f1", "precision", "recall")


# --- the scorer, on hand-made texts ---------------------------------------------------------


def test_identical_text_scores_one() -> None:
    text = "The minister said on Tuesday that the bill would pass."
    counts = extraction.match(text, "  The minister said\non Tuesday that the bill would pass!")
    assert extraction.aggregate([counts]) == extraction.Scores(1.0, 1.0, 1.0)


def test_empty_prediction_costs_recall_not_precision() -> None:
    good = extraction.match("one two three four five", "one two three four five")
    missing = extraction.match("one two three four five", None)
    assert missing == extraction.Counts(0.0, 0.0, 1.0)
    scores = extraction.aggregate([good, missing])
    assert scores.precision == 1.0
    assert scores.recall == 0.5


def test_pages_are_normalised_and_f1_is_of_the_averages() -> None:
    # A long page and a short page weigh the same once TP/FP/FN sum to 1.
    long_gold = " ".join(f"w{i}" for i in range(400))
    long_pred = long_gold + " " + " ".join(f"x{i}" for i in range(400))
    short = extraction.match("a b c d e", "a b c d e")
    noisy = extraction.match(long_gold, long_pred)
    assert noisy.tp + noisy.fp + noisy.fn == pytest.approx(1.0)
    scores = extraction.aggregate([short, noisy])
    assert scores.precision == pytest.approx((1.0 + 397 / 797) / 2)
    assert scores.recall == 1.0
    expected_f1 = 2 * scores.precision / (scores.precision + 1.0)
    assert scores.f1 == pytest.approx(expected_f1)


def test_texts_shorter_than_a_shingle_still_count() -> None:
    assert extraction.shingles("Hello, world") == {("Hello", "world"): 1}
    assert extraction.shingles("") == {}


# --- the split, the item-output guard and the floor rule ----------------------------------


def test_split_is_stable_and_cuts_both_ways() -> None:
    keys = [f"item-{i}" for i in range(400)]
    check = split.select(keys, str, "check")
    tune = split.select(keys, str, "tune")
    assert sorted(check + tune) == sorted(keys) and not set(check) & set(tune)
    assert 150 < len(check) < 250  # about half
    assert split.select(keys, str, "all") == keys
    # Membership is by key, not position: reordering or dropping items moves nobody.
    assert split.select(list(reversed(keys[::3])), str, "check") == [
        k for k in reversed(keys[::3]) if k in set(check)
    ]
    with pytest.raises(ValueError, match="unknown part 'dev'"):
        split.select(keys, str, "dev")  # type: ignore[arg-type]


def test_parts_scored_by_default_are_tune_and_check() -> None:
    assert split.parts_to_score(None) == ("tune", "check")
    assert split.parts_to_score("all") == ("all",)
    with pytest.raises(ValueError, match="unknown part"):
        split.parts_to_score("test")


def test_item_output_is_refused_whenever_check_items_would_show() -> None:
    assert split.item_output_refusal(None, "--errors") is None
    assert split.item_output_refusal("tune", "--errors") is None
    for part in ("check", "all"):
        message = split.item_output_refusal(part, "--errors")
        assert message and "--errors" in message and f"--part {part}" in message


def test_floor_rule_rounds_down_then_takes_the_margin() -> None:
    assert pin_floors.floor_of(0.8447) == 0.839
    assert pin_floors.floor_of(0.84) == 0.835  # exactly 3 decimals is not rounded further
    assert pin_floors.floor_of(0.0) == -0.005


def test_pin_floors_rewrites_entries_from_check_parts(tmp_path: Path) -> None:
    floors = tmp_path / "floors.json"
    floors.write_text(
        json.dumps(
            {
                "kept": {"part": "check", "floors": {"x": 0.5}},
                "bench": {"part": "check", "floors": {"f1": 0.1}, "ceilings": {"km": 5.0}},
            }
        ),
        encoding="utf-8",
    )
    output = tmp_path / "bench.json"
    output.write_text(
        json.dumps(
            {
                "benchmark": "bench",
                "date": "2026-12-01",
                "parts": {
                    "tune": {"pages": 9, "floor_metrics": {"f1": 0.99}},
                    "check": {"pages": 7, "floor_metrics": {"f1": 0.9123}},
                },
            }
        ),
        encoding="utf-8",
    )
    assert pin_floors.main([str(output), "--floors", str(floors)]) == 0
    pinned = json.loads(floors.read_text(encoding="utf-8"))
    assert "CHECK part" in pinned["rule"] and "regression guard" in pinned["rule"].lower()
    assert pinned["kept"] == {"part": "check", "floors": {"x": 0.5}}
    assert pinned["bench"]["floors"] == {"f1": 0.907}  # from check, never from tune
    assert pinned["bench"]["items"] == 7 and pinned["bench"]["ceilings"] == {"km": 5.0}


@pytest.mark.parametrize(
    ("payload", "reason"),
    [
        ({"parts": {}}, "no 'benchmark' name"),
        ({"benchmark": "b", "parts": {"tune": {"floor_metrics": {}}}}, "no check-part"),
        ({"benchmark": "b", "limit": 20, "parts": {}}, "--limit 20"),
        ({"benchmark": "b", "mode": "gold_spans", "parts": {}}, "not Dossier's own run"),
    ],
)
def test_pin_floors_refuses_outputs_that_cannot_pin(
    tmp_path: Path, payload: dict[str, object], reason: str
) -> None:
    output = tmp_path / "out.json"
    output.write_text(json.dumps(payload), encoding="utf-8")
    with pytest.raises(pin_floors.PinError, match=reason):
        pin_floors.pin([output], tmp_path / "floors.json")


# --- the gate, on the Scrapinghub set's check part -------------------------------------------


@pytest.fixture(scope="module")
def scrapinghub() -> Path:
    data_dir = extraction.scrapinghub_dir()
    if data_dir is None:
        pytest.skip(extraction.missing_data_message())
    return data_dir


@pytest.fixture(scope="module")
def dossier(scrapinghub: Path) -> extraction.SystemResult:
    return extraction.score_dossier(scrapinghub, part="check")


@pytest.mark.eval
def test_scorer_reproduces_published_figures(scrapinghub: Path) -> None:
    # AutoExtract's stored output and its figures in the upstream README
    # (P 0.984, R 0.956, F1 0.970, accuracy 0.470) pin the scorer to upstream.
    if "AutoExtract" not in extraction.available_peers(scrapinghub):
        pytest.skip("AutoExtract's stored output is not in this copy of the set")
    result = extraction.score_peer(scrapinghub, "AutoExtract")
    assert round(result.scores.precision, 3) == 0.984
    assert round(result.scores.recall, 3) == 0.956
    assert round(result.scores.f1, 3) == 0.970
    assert round(result.accuracy, 3) == 0.470


@pytest.mark.eval
@pytest.mark.parametrize("metric", METRICS)
def test_dossier_meets_pinned_floor(dossier: extraction.SystemResult, metric: str) -> None:
    floor = extraction.load_floors()[metric]
    measured = dossier.scores.as_dict()[metric]
    assert measured >= floor, (
        f"Dossier {metric} {measured:.4f} fell below the pinned floor {floor} "
        f"(benchmarks/floors.json) on the check part; {len(dossier.failures)} failed page(s)"
    )


@pytest.mark.eval
def test_dossier_not_below_stored_trafilatura(
    scrapinghub: Path, dossier: extraction.SystemResult
) -> None:
    trafilatura = extraction.score_peer(scrapinghub, "trafilatura", part="check")
    assert trafilatura.pages == dossier.pages
    assert dossier.scores.f1 >= trafilatura.scores.f1, (
        f"Dossier F1 {dossier.scores.f1:.4f} is below the stored trafilatura "
        f"{trafilatura.version} output's {trafilatura.scores.f1:.4f} on the same check pages"
    )
