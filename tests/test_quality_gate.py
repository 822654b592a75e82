"""Quality gate: Dossier's main-text extraction must not regress on public data.

The scorer is imported from ``benchmarks/extraction.py`` rather than copied,
so the gate and the benchmark can never disagree about what a score means.
The eval-marked tests need ``../shared/eval`` (or ``DOSSIER_EVAL_DIR``) and skip
with the path they looked at when it is absent, as it is in a fresh clone.
The scorer's own tests need no data and always run, because a silently
changed convention would move every figure at once.
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

from benchmarks import extraction  # noqa: E402

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


# --- the gate, on the Scrapinghub set ---------------------------------------------------------


@pytest.fixture(scope="module")
def scrapinghub() -> Path:
    data_dir = extraction.scrapinghub_dir()
    if data_dir is None:
        pytest.skip(extraction.missing_data_message())
    return data_dir


@pytest.fixture(scope="module")
def dossier(scrapinghub: Path) -> extraction.SystemResult:
    return extraction.score_dossier(scrapinghub)


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
        f"(benchmarks/floors.json); failed pages: {sorted(dossier.failures)}"
    )


@pytest.mark.eval
def test_dossier_not_below_stored_trafilatura(
    scrapinghub: Path, dossier: extraction.SystemResult
) -> None:
    trafilatura = extraction.score_peer(scrapinghub, "trafilatura")
    assert trafilatura.pages == dossier.pages
    assert dossier.scores.f1 >= trafilatura.scores.f1, (
        f"Dossier F1 {dossier.scores.f1:.4f} is below the stored trafilatura "
        f"{trafilatura.version} output's {trafilatura.scores.f1:.4f} on the same pages"
    )
