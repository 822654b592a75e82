"""Quality gate for quote attribution on PolNeAR, and tests of its scorer.

The scorer is imported from ``benchmarks/quotes_polnear.py`` so the gate and the
benchmark can never disagree about what a score means. The scorer's tests use
small hand-written texts and annotations and always run. The eval-marked tests
need ``../shared/eval/quotes/polnear`` (or ``DOSSIER_EVAL_DIR``) and skip with
the path they looked at when it is absent. The gate scores the dev split's
CHECK part (``benchmarks/split.py``) against the floors pinned in
``benchmarks/floors.json`` (regression guards, re-pinned with
``benchmarks/pin_floors.py``).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[1]
if str(REPO_ROOT) not in sys.path:
    # pytest puts tests/ on sys.path, not the repository root, and the
    # benchmarks are not part of the installed package.
    sys.path.insert(0, str(REPO_ROOT))

from benchmarks import quotes_polnear as qp  # noqa: E402
from benchmarks.split import part_of  # noqa: E402

# Hand-written example: offsets below were counted on this text.
TEXT = (
    '"We will win," Smith said, "and soon."\n'
    "The mayor said that taxes would rise.\n"
    "According to aides, a vote is due.\n"
)
ANN = (
    "T1\tSource 15 20\tSmith\n"
    "T2\tCue 21 25\tsaid\n"
    'T3\tContent 0 14\t"We will win,"\n'
    "T4\tAttribution 21 25\tsaid\n"
    'T5\tContent 27 38\t"and soon."\n'
    "E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1 Content2:T5\n"
    "T6\tSource 39 48\tThe mayor\n"
    "T7\tCue 49 53\tsaid\n"
    "T8\tContent 54 76\tthat taxes would rise.\n"
    "T9\tAttribution 49 53\tsaid\n"
    "E2\tAttribution:T9 Source:T6 Cue:T7 Content:T8\n"
    "T10\tDiscuss 39 111\tThe mayor said that taxes would rise.\n"
    "According to aides, a vote is due.\n"
    "#1\tAnnotatorNotes T10\tA note, not a span\n"
    "T11\tCue 77 89\tAccording to\n"
    "T12\tSource 90 95\taides\n"
    "T13\tContent 97 111\ta vote is due.\n"
    "T14\tAttribution 77 89\tAccording to\n"
    "E3\tAttribution:T14 Content:T13 Cue:T11 Source:T12\n"
    "T15\tAttribution-no-source 49 53\tsaid\n"
    "E4\tAttribution-no-source:T15 \n"
    'T16\tDiscard 0 5\t"We w\n'
)


def gold() -> list[qp.GoldAttribution]:
    return [g for g in qp.parse_brat(ANN) if g.content]


# --- BRAT parsing ---------------------------------------------------------------------------


def test_offsets_of_the_example_match_its_text() -> None:
    assert TEXT[15:20] == "Smith"
    assert TEXT[54:76] == "that taxes would rise."
    assert TEXT[97:111] == "a vote is due."


def test_parse_brat_reads_events_roles_and_pieces() -> None:
    events = qp.parse_brat(ANN)
    assert [e.id for e in events] == ["E1", "E2", "E3", "E4"]
    e1, e2, e3, e4 = events
    # Content2 joins Content; pieces stay pieces, sorted.
    assert e1 == qp.GoldAttribution("E1", ((0, 14), (27, 38)), ((21, 25),), ((15, 20),))
    assert e2 == qp.GoldAttribution("E2", ((54, 76),), ((49, 53),), ((39, 48),))
    assert e3.content == ((97, 111),) and e3.cue == ((77, 89),) and e3.source == ((90, 95),)
    # An event with nothing but its trigger (and trailing blank) has no spans.
    assert e4 == qp.GoldAttribution("E4", (), (), ())


def test_parse_brat_splits_discontinuous_spans() -> None:
    ann = 'T1\tContent 27 38;0 14\t"We will win," "and soon."\nE1\tAttribution:T2 Content:T1\n'
    (event,) = qp.parse_brat(ann)
    assert event.content == ((0, 14), (27, 38))
    assert event.source == () and event.cue == ()


def test_parse_brat_ignores_notes_and_continuation_lines() -> None:
    ann = (
        "T1\tContent 0 3\tab\nE1 is not an event\n#1\tAnnotatorNotes T1\tx\n"
        "E1\tAttribution:T9 Content:T1"
    )
    (event,) = qp.parse_brat(ann)
    assert event.content == ((0, 3),)


def test_load_split_picks_first_annotator_and_drops_empty_events(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tmp_path / "quotes" / "polnear" / "dev"
    (root / "text").mkdir(parents=True)
    (root / "attributions").mkdir()
    (root / "text" / "b_story_one.txt").write_text(TEXT, encoding="utf-8")
    (root / "text" / "a_story.txt").write_text("Nothing quoted.\n", encoding="utf-8")
    (root / "attributions" / "b_story_one_ff01.ann").write_text(ANN, encoding="utf-8")
    # A second annotator of the same text must not be counted.
    (root / "attributions" / "b_story_one_zz99.ann").write_text(ANN, encoding="utf-8")
    (root / "attributions" / "a_story_0a0a.ann").write_text("", encoding="utf-8")

    monkeypatch.setenv(qp.EVAL_ENV, str(tmp_path))
    data_dir = qp.polnear_dir("dev")
    assert data_dir == tmp_path / "quotes" / "polnear"
    assert qp.polnear_dir("train") is None
    items = qp.load_split(data_dir, "dev")
    assert [i.name for i in items] == ["a_story", "b_story_one"]
    story = items[1]
    assert story.annotator == "ff01" and story.annotators == ("ff01", "zz99")
    assert [g.id for g in story.attributions] == ["E1", "E2", "E3"]
    assert story.dropped == 1
    assert [i.name for i in qp.load_split(data_dir, "dev", limit=1)] == ["a_story"]


def test_load_split_takes_one_part_by_file_stem(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tmp_path / "quotes" / "polnear" / "dev"
    (root / "text").mkdir(parents=True)
    (root / "attributions").mkdir()
    names = [f"story_{i:02d}" for i in range(12)]
    for name in names:
        (root / "text" / f"{name}.txt").write_text("Nothing quoted.\n", encoding="utf-8")
    monkeypatch.setenv(qp.EVAL_ENV, str(tmp_path))
    data_dir = qp.polnear_dir("dev")
    assert data_dir is not None
    tune = [i.name for i in qp.load_split(data_dir, "dev", part="tune")]
    check = [i.name for i in qp.load_split(data_dir, "dev", part="check")]
    assert tune and check and not set(tune) & set(check)
    assert sorted(tune + check) == names
    assert all(part_of(name) == "check" for name in check)


def test_check_part_results_never_name_their_texts() -> None:
    item = qp.GoldText("story", "ff01", ("ff01",), TEXT, gold(), 0)
    result = qp.evaluate([item], [qp.gold_predictions(item)], "gold", "dev")
    result.failures = {"story": "boom"}
    result.part = "check"
    shown = result.as_dict()
    assert "per_text" not in shown and shown["failures"] == 1
    assert "story" not in json.dumps(shown)
    result.part = "tune"
    assert result.as_dict()["per_text"] == {"story": result.per_text["story"]}


def test_missing_data_is_reported_with_the_path(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(qp.EVAL_ENV, str(tmp_path))
    assert qp.polnear_dir() is None
    assert str(tmp_path / "quotes" / "polnear" / "dev") in qp.missing_data_message()
    assert qp.main(["--baseline", "gold"]) == 0


# --- spans and matching ---------------------------------------------------------------------


def test_trim_strips_whitespace_quote_marks_and_some_punctuation() -> None:
    text = ' “Yes, really.” ‘no’ ,.: "'
    assert qp.trim(text, (0, 15)) == (2, 13)
    assert text[2:13] == "Yes, really"
    assert qp.trim(text, (15, 20)) == (17, 19)
    # A span made only of strippable characters is left as it is.
    assert qp.trim(text, (20, 26)) == (20, 26)


def test_target_drops_a_piece_that_is_only_a_quote_mark() -> None:
    text = '"Tax cuts work, he said. "'
    target = qp.target(text, [(0, 15), (25, 26)])
    assert target.pieces == ((1, 14),)
    # The trimmed hull still spans the gap; the hull of the kept pieces does not.
    assert target.wholes == ((1, 23), (1, 14))
    assert qp.exact_match((1, 14), target)


def test_exact_match_accepts_the_hull_or_one_piece() -> None:
    target = qp.target(TEXT, [(0, 14), (27, 38)])
    assert target.hull == (1, 36)
    assert qp.exact_match((1, 36), target)
    assert qp.exact_match((28, 36), target)
    assert not qp.exact_match((1, 30), target)
    single = qp.target(TEXT, [(54, 76)])
    assert qp.exact_match((54, 75), single)


def test_exact_matching_pairs_whole_spans_before_pieces() -> None:
    # Gold 0 has a piece equal to gold 1's whole span; prediction 0 is that span.
    gold = [qp.Target((0, 30), ((0, 10), (20, 30))), qp.Target((20, 30), ((20, 30),))]
    assert qp.match_exact(gold, [(20, 30), (0, 30)]) == [(0, 1), (1, 0)]


def test_overlap_matching_is_one_to_one_and_ignores_gaps() -> None:
    gold = [qp.Target((0, 10), ((0, 10),)), qp.Target((12, 20), ((12, 20),))]
    # One long prediction covers both gold spans but may match only one.
    assert qp.match_overlap(gold, [(0, 20)]) == [(0, 0)]
    # The gap between pieces (where cue and source sit) is not content.
    split = [qp.Target((0, 30), ((0, 10), (20, 30)))]
    assert qp.match_overlap(split, [(12, 18)]) == []
    assert qp.match_overlap(split, [(12, 22)]) == [(0, 0)]


def test_overlap_ties_go_to_the_closer_span() -> None:
    # Gold 1 sits inside the gap of gold 0; both predictions cover all of gold 1.
    gold = [qp.Target((0, 100), ((0, 5), (95, 100))), qp.Target((40, 60), ((40, 60),))]
    predicted = [(0, 100), (40, 60)]
    assert qp.match_overlap(gold, predicted) == [(0, 0), (1, 1)]


# --- scoring ----------------------------------------------------------------------------------


def test_score_text_on_a_hand_made_example() -> None:
    predicted = [
        # "We will win" as its own quote: an exact piece of E1.
        qp.Predicted((1, 12), "direct", cue=(21, 25), source=(15, 20)),
        # "and soon": the other piece, left over by one-to-one matching.
        qp.Predicted((28, 36), "direct", cue=(21, 25), source=(15, 20)),
        # E2 without "that": overlaps, not exact; speaker overlaps "The mayor".
        qp.Predicted((59, 75), "indirect", cue=(49, 53), source=(43, 48)),
        # A false positive on the cue and source of E3.
        qp.Predicted((77, 95), "indirect"),
    ]
    c = qp.score_text(TEXT, gold(), predicted)
    assert (c.gold, c.predicted) == (3, 4)
    assert c.content_exact_tp == 1
    assert c.content_overlap_tp == 2
    assert c.predicted_split == 1
    assert (c.chars_shared, c.chars_predicted, c.chars_gold) == (35, 53, 69)
    assert (c.gold_with_source, c.predicted_with_source) == (3, 3)
    assert (c.matched_with_gold_source, c.source_exact, c.source_overlap) == (2, 1, 2)
    assert (c.cue_exact_tp, c.cue_predicted, c.cue_gold) == (2, 2, 3)
    assert (c.gold_quoted, c.gold_quoted_found) == (1, 1)
    assert (c.gold_unquoted, c.gold_unquoted_found) == (2, 1)
    assert c.kinds == {"direct": 2, "indirect": 2}
    assert c.kinds_matched == {"direct": 1, "indirect": 1}

    m = qp.metrics(c)
    assert m["content_exact_precision"] == pytest.approx(1 / 4)
    assert m["content_exact_recall"] == pytest.approx(1 / 3)
    assert m["content_overlap_f1"] == pytest.approx(2 * 0.5 * (2 / 3) / (0.5 + 2 / 3))
    assert m["source_exact_accuracy"] == pytest.approx(0.5)
    assert m["source_overlap_accuracy"] == pytest.approx(1.0)
    assert m["source_exact_precision"] == pytest.approx(1 / 3)
    assert m["source_exact_recall"] == pytest.approx(1 / 3)
    assert m["cue_precision"] == pytest.approx(1.0)
    assert m["cue_recall"] == pytest.approx(2 / 3)
    assert set(qp.FLOOR_METRICS) <= set(m)


def test_gold_scored_against_itself_is_perfect() -> None:
    item = qp.GoldText("example", "ff01", ("ff01",), TEXT, tuple(gold()))
    result = qp.evaluate([item], [qp.gold_predictions(item)], "gold", "dev")
    assert all(value == 1.0 for value in result.scores.values()), result.scores


def test_no_predictions_scores_zero_not_an_error() -> None:
    counts = qp.score_text(TEXT, gold(), [])
    assert all(value == 0.0 for value in qp.metrics(counts).values())
    assert qp.metrics(qp.Counts()) == {key: 0.0 for key in qp.metrics(counts)}


def test_counts_add_up_across_texts() -> None:
    total = qp.Counts()
    total.add(qp.score_text(TEXT, gold(), []))
    total.add(qp.score_text(TEXT, gold(), qp.quote_mark_predictions(TEXT)))
    assert (total.texts, total.gold, total.predicted) == (2, 6, 2)
    assert total.kinds == {"direct": 2}
    # Both quoted pieces of E1 overlap it, one-to-one: one match, one split.
    assert (total.content_overlap_tp, total.predicted_split) == (1, 1)


def test_quote_mark_baseline_takes_text_between_double_quotes() -> None:
    text = 'He said “it works” and "so do we".\n"Unclosed\nline" and ‘single’.'
    found = qp.quote_mark_predictions(text)
    assert [text[p.content[0] : p.content[1]] for p in found] == ["it works", "so do we"]
    assert all(p.kind == "direct" and p.cue is None and p.source is None for p in found)


def test_load_floors_is_none_without_the_entry(tmp_path: Path) -> None:
    path = tmp_path / "floors.json"
    assert qp.load_floors(path) is None
    path.write_text(json.dumps({"extraction_scrapinghub": {"f1": 0.9}}), encoding="utf-8")
    assert qp.load_floors(path) is None
    entry = {
        "part": "check",
        "floors": {"content_overlap_f1": 0.5, "cue_f1": 0.4},
        "measured": {"content_overlap_f1": 0.51},
    }
    path.write_text(json.dumps({qp.FLOORS_KEY: entry}), encoding="utf-8")
    assert qp.load_floors(path) == {"content_overlap_f1": 0.5, "cue_f1": 0.4}


def test_pinned_floors_are_every_known_metric_on_the_check_part() -> None:
    # A misspelt or missing key would otherwise never be checked.
    entry = json.loads(qp.FLOORS_PATH.read_text(encoding="utf-8"))[qp.FLOORS_KEY]
    assert entry["part"] == "check"
    assert set(entry["floors"]) == set(qp.FLOOR_METRICS)


# --- the gate, on the PolNeAR dev split -------------------------------------------------------


@pytest.fixture(scope="module")
def polnear() -> Path:
    data_dir = qp.polnear_dir("dev")
    if data_dir is None:
        pytest.skip(qp.missing_data_message("dev"))
    return data_dir


@pytest.fixture(scope="module")
def floors() -> dict[str, float]:
    pinned = qp.load_floors()
    if pinned is None:
        pytest.skip(
            f"no floors pinned: benchmarks/floors.json has no {qp.FLOORS_KEY!r} entry "
            f"(measure with `python benchmarks/quotes_polnear.py`, then add it)"
        )
    return pinned


@pytest.fixture(scope="module")
def dossier(polnear: Path, floors: dict[str, float]) -> qp.Result:
    # Depends on ``floors`` so that nothing is analysed while no floor is pinned.
    return qp.score_system(polnear, "dev", "dossier", part="check")


@pytest.mark.eval
def test_gold_against_itself_scores_one_on_dev(polnear: Path) -> None:
    result = qp.score_system(polnear, "dev", "gold")
    assert result.counts.texts == len(list((polnear / "dev" / "text").glob("*.txt")))
    assert result.counts.gold > 0
    assert all(value == 1.0 for value in result.scores.values()), result.scores


@pytest.mark.eval
@pytest.mark.parametrize("metric", qp.FLOOR_METRICS)
def test_dossier_meets_pinned_floor(
    dossier: qp.Result, floors: dict[str, float], metric: str
) -> None:
    assert dossier.part == "check"
    measured = dossier.scores[metric]
    assert measured >= floors[metric], (
        f"Dossier {metric} {measured:.4f} on PolNeAR dev's check part fell below its floor "
        f"{floors[metric]} (benchmarks/floors.json {qp.FLOORS_KEY}); "
        f"failed texts: {len(dossier.failures)}, bad offsets: {dossier.bad_offsets}"
    )


@pytest.mark.eval
def test_dossier_quotes_have_consistent_offsets(dossier: qp.Result) -> None:
    assert dossier.bad_offsets == 0, f"{dossier.bad_offsets} quotes with text != text[start:end]"
    assert not dossier.failures, f"{len(dossier.failures)} check-part texts failed"
