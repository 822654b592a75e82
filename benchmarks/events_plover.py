"""PLOVER event coding on the PLOVER gold standard records (CAMEO manual examples).

Data: ``events/plover-gsr-dev.json`` under ``../shared/eval`` (or under
``$DOSSIER_EVAL_DIR``): 161 English sentences coded with PLOVER 0.5b1, each
with ``event`` (its type), ``source``/``target`` actor lists (``actorText``)
and ``text``. Without it the script prints ``skipped: …`` and exits 0. The
data is third-party (openeventdata/PLOVER, CC BY-SA 4.0) and never copied
into the repository.

Each sentence goes alone through Dossier's pipeline (``load_model``,
``doc_entities``, ``find_quotes``, ``find_events`` with the record's ``date``
as publication date). Dossier's answer for a sentence is its
highest-scoring event (ties: the earlier trigger).

Gold types are 0.5b1 labels mapped to PLOVER 2021 as
``CAMEO2PLOVER-2021.txt`` says: DEMAND→REQUEST, DISAPPROVE and
INVESTIGATE→ACCUSE, FIGHT→ASSAULT; the other labels are unchanged.

Scores:

* **type accuracy**: the share of sentences whose top event's type equals the
  gold type; a sentence with no event counts as wrong. Per type: gold count,
  predictions, correct, precision and recall; the most frequent confusions.
* **actor match F1**, per role (source, target) and pooled. Actor text is
  cut into lower-cased ``\\w+`` tokens, possessive ``'s`` removed, without the
  words in ``STOP``. A predicted actor *matches* a gold actor when they share
  a token. Per sentence and role the prediction is the top event's actor (0
  or 1 of them) and the gold is the role's ``actorText`` list (0 to n).
  Precision = predicted actors that match some gold actor of the role /
  predicted actors; recall = gold actors matched by the prediction / gold
  actors; counts are summed over all sentences (micro) before dividing, so a
  sentence without an event adds gold actors and no predictions.
* **actor token F1**, stricter: per sentence and role, shared tokens between
  the predicted actor and the union of the gold actors' tokens; precision
  divides by predicted tokens, recall by gold tokens, summed over sentences.
* **baseline**: the majority gold type for every sentence.

* **type and source accuracy**: the top event has the gold type *and* its
  source matches a gold source actor (with no gold source, it has none).
* **reliability**: top events grouped by ``score`` (< 0.5, then tenths),
  with each bin's mean score and its share right in type, and in type and
  source; a calibrated score would be right about as often as it says.

Tune and check: the records are split by ``benchmarks/split.py`` on their
``id``. Both parts are scored, each on its own, unless ``--part tune|check|all``
picks one (``all`` pools the whole set). Floors hold on the check part.

Options: ``--json PATH`` writes every figure of each part, and the tune part's
per-sentence outcomes (ids, types, actors; no sentence text; never the check
part's); ``--errors`` prints the tune part's sentences whose type is wrong,
for error analysis, and is refused with ``--part check`` or ``--part all``.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

if __package__ in (None, ""):
    # Run as ``python benchmarks/events_plover.py``: make ``benchmarks`` importable.
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.split import (
    Part,
    add_part_option,
    item_output_refusal,
    parts_to_score,
    select,
)

REPO_ROOT = Path(__file__).resolve().parents[1]
EVAL_ENV = "DOSSIER_EVAL_DIR"
SET_NAME = "events/plover-gsr-dev.json"
FLOORS_KEY = "events_plover_dev"
TYPE_MAP = {
    "DEMAND": "REQUEST",
    "DISAPPROVE": "ACCUSE",
    "INVESTIGATE": "ACCUSE",
    "FIGHT": "ASSAULT",
}
STOP = frozenset("the a an of and in on at to for its his her their s".split())
# Confidence bins of the reliability table; the last one holds 1.0 itself.
CONFIDENCE_BINS = ((0.0, 0.5), (0.5, 0.6), (0.6, 0.7), (0.7, 0.8), (0.8, 0.9), (0.9, 1.01))
_WORD = re.compile(r"\w+")
_POSSESSIVE = re.compile(r"['’]s\b")


def eval_dir() -> Path:
    override = os.environ.get(EVAL_ENV)
    return Path(override).expanduser() if override else REPO_ROOT / ".." / "shared" / "eval"


def tokens(text: str | None) -> set[str]:
    if not text:
        return set()
    words = _WORD.findall(_POSSESSIVE.sub("", text.lower()))
    return {w for w in words if w not in STOP}


@dataclass
class Tally:
    pred: int = 0
    pred_ok: int = 0
    gold: int = 0
    gold_ok: int = 0
    tok_pred: int = 0
    tok_gold: int = 0
    tok_shared: int = 0

    def add(self, predicted: str | None, gold: list[str]) -> None:
        mine = tokens(predicted)
        theirs = [tokens(g) for g in gold]
        self.gold += len(gold)
        if predicted:
            self.pred += 1
            matched = [bool(mine & t) for t in theirs]
            self.pred_ok += any(matched)
            self.gold_ok += sum(matched)
        union = set().union(*theirs) if theirs else set()
        self.tok_pred += len(mine)
        self.tok_gold += len(union)
        self.tok_shared += len(mine & union)

    def __iadd__(self, other: Tally) -> Tally:
        for name in self.__dataclass_fields__:
            setattr(self, name, getattr(self, name) + getattr(other, name))
        return self

    def scores(self) -> dict[str, float]:
        p = _ratio(self.pred_ok, self.pred)
        r = _ratio(self.gold_ok, self.gold)
        tp = _ratio(self.tok_shared, self.tok_pred)
        tr = _ratio(self.tok_shared, self.tok_gold)
        return {
            "precision": p,
            "recall": r,
            "f1": _f1(p, r),
            "token_precision": tp,
            "token_recall": tr,
            "token_f1": _f1(tp, tr),
        }


def _ratio(a: int, b: int) -> float:
    return a / b if b else 0.0


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def _actors(record: dict[str, Any], role: str) -> list[str]:
    """The role's actor texts; a role that is not a list of actors (null, "") has none."""
    actors = record.get(role)
    if not isinstance(actors, list):
        return []
    return [a["actorText"] for a in actors if isinstance(a, dict) and a.get("actorText")]


def source_right(outcome: dict[str, Any]) -> bool:
    """The top event's source matches a gold source actor; with no gold source, none is right."""
    gold = outcome["gold_source"]
    if not gold:
        return not outcome["source"]
    mine = tokens(outcome["source"])
    return any(mine & tokens(g) for g in gold)


def analyse(records: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], dict[str, float]]:
    """Each record's outcome (its top event against the gold), and the time taken."""
    from dossier.analyze.attribution import find_quotes
    from dossier.analyze.entities import doc_entities
    from dossier.analyze.events import find_events
    from dossier.analyze.nlp import load_model
    from dossier.config import DEFAULT_MODEL

    started = time.perf_counter()
    nlp = load_model(DEFAULT_MODEL)
    loaded = time.perf_counter()
    outcomes = []
    for record, doc in zip(records, nlp.pipe(r["text"] for r in records), strict=True):
        entities = doc_entities(doc)
        events = find_events(doc, entities, find_quotes(doc, entities), record.get("date"))
        top = max(events, key=lambda e: (e.score, -e.trigger_start), default=None)
        outcomes.append(
            {
                "id": record["id"],
                "gold": TYPE_MAP.get(record["event"], record["event"]),
                "predicted": top.type if top else None,
                "mode": top.mode if top else None,
                "trigger": top.trigger if top else None,
                "status": top.status if top else None,
                "score": top.score if top else None,
                "source": top.source if top else None,
                "target": top.target if top else None,
                "gold_source": _actors(record, "source"),
                "gold_target": _actors(record, "target"),
                "events": len(events),
            }
        )
    times = {"seconds": time.perf_counter() - loaded, "load_seconds": loaded - started}
    return outcomes, times


def reliability(outcomes: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Top events by score bin: how often each bin is right in type, and type and source.

    Aggregates only, so it may be shown for the check part. A calibrated
    confidence has each bin right about as often as its mean confidence says.
    """
    rows = []
    for low, high in CONFIDENCE_BINS:
        inside = [o for o in outcomes if o["score"] is not None and low <= o["score"] < high]
        typed = [o for o in inside if o["gold"] == o["predicted"]]
        rows.append(
            {
                "bin": _bin_label(low, high),
                "low": low,
                "high": high,
                "events": len(inside),
                "mean_score": (sum(o["score"] for o in inside) / len(inside) if inside else None),
                "type_right": _ratio(len(typed), len(inside)) if inside else None,
                "type_and_source_right": (
                    _ratio(sum(source_right(o) for o in typed), len(inside)) if inside else None
                ),
            }
        )
    return rows


def _bin_label(low: float, high: float) -> str:
    if low <= 0.0:
        return f"< {high:.1f}"
    return f"{low:.1f}–{min(high, 1.0):.1f}"


def summarise(outcomes: list[dict[str, Any]]) -> dict[str, Any]:
    """Every figure of one set of outcomes (a part, or the whole set)."""
    source, target = Tally(), Tally()
    for o in outcomes:
        source.add(o["source"], o["gold_source"])
        target.add(o["target"], o["gold_target"])
    both = Tally()
    both += source
    both += target
    correct = sum(o["gold"] == o["predicted"] for o in outcomes)
    gold_counts = Counter(o["gold"] for o in outcomes)
    majority, majority_n = gold_counts.most_common(1)[0] if gold_counts else ("", 0)
    per_type = {}
    for type_ in sorted(gold_counts | Counter(o["predicted"] for o in outcomes if o["predicted"])):
        hits = sum(o["gold"] == type_ == o["predicted"] for o in outcomes)
        predicted = sum(o["predicted"] == type_ for o in outcomes)
        per_type[type_] = {
            "gold": gold_counts[type_],
            "predicted": predicted,
            "correct": hits,
            "precision": _ratio(hits, predicted),
            "recall": _ratio(hits, gold_counts[type_]),
        }
    confusions = Counter(
        (o["gold"], o["predicted"] or "(none)") for o in outcomes if o["gold"] != o["predicted"]
    )
    type_and_source = sum(o["gold"] == o["predicted"] and source_right(o) for o in outcomes)
    return {
        "sentences": len(outcomes),
        "type_accuracy": _ratio(correct, len(outcomes)),
        "correct": correct,
        "type_and_source_accuracy": _ratio(type_and_source, len(outcomes)),
        "no_event": sum(o["predicted"] is None for o in outcomes),
        "baseline": {"type": majority, "accuracy": _ratio(majority_n, len(outcomes))},
        "actors": {"source": source.scores(), "target": target.scores(), "all": both.scores()},
        "per_type": per_type,
        "confusions": [[g, p, n] for (g, p), n in confusions.most_common()],
        "reliability": reliability(outcomes),
    }


def floor_metrics(result: dict[str, Any]) -> dict[str, float]:
    """The figures ``floors.json`` pins, by their names there."""
    return {"type_accuracy": result["type_accuracy"], "actor_f1": result["actors"]["all"]["f1"]}


def run(records: list[dict[str, Any]], part: Part = "all") -> dict[str, Any]:
    """Score one part of the records (``"all"``: every record), outcomes included."""
    chosen = select(records, record_key, part)
    outcomes, times = analyse(chosen)
    return {**summarise(outcomes), "outcomes": outcomes, **times}


def record_key(record: dict[str, Any]) -> str:
    return str(record["id"])


def report(name: str, result: dict[str, Any]) -> None:
    n = result["sentences"]
    print(f"\n## {name} part: {n} sentences\n")
    print(
        f"type accuracy: {result['type_accuracy']:.3f} ({result['correct']}/{n}); "
        f"type and source actor: {result['type_and_source_accuracy']:.3f}; "
        f"no event: {result['no_event']}; majority baseline "
        f"({result['baseline']['type']}): {result['baseline']['accuracy']:.3f}"
    )
    print("\n| actors | P | R | F1 | token P | token R | token F1 |\n|---|---|---|---|---|---|---|")
    for role, s in result["actors"].items():
        print(
            f"| {role} | {s['precision']:.3f} | {s['recall']:.3f} | {s['f1']:.3f} | "
            f"{s['token_precision']:.3f} | {s['token_recall']:.3f} | {s['token_f1']:.3f} |"
        )
    print("\n| type | gold | predicted | correct | precision | recall |\n|---|---|---|---|---|---|")
    for type_, s in result["per_type"].items():
        print(
            f"| {type_} | {s['gold']} | {s['predicted']} | {s['correct']} | "
            f"{s['precision']:.2f} | {s['recall']:.2f} |"
        )
    top = ", ".join(f"{g}→{p} {k}" for g, p, k in result["confusions"][:12])
    print(f"\nmost frequent confusions (gold→predicted): {top}")
    print(format_reliability(result["reliability"]))


def format_reliability(rows: list[dict[str, Any]]) -> str:
    lines = [
        "\nreliability of `score` (top event of each sentence):\n",
        "| score | top events | mean score | right in type | right in type and source |",
        "|---|---|---|---|---|",
    ]
    for row in rows:
        if not row["events"]:
            lines.append(f"| {row['bin']} | 0 | – | – | – |")
            continue
        lines.append(
            f"| {row['bin']} | {row['events']} | {row['mean_score']:.2f} | "
            f"{row['type_right']:.2f} | {row['type_and_source_right']:.2f} |"
        )
    return "\n".join(lines)


def report_errors(outcomes: list[dict[str, Any]], records: list[dict[str, Any]]) -> None:
    """The tune part's mistyped sentences, for error analysis (never the check part's)."""
    texts = {r["id"]: r["text"] for r in select(records, record_key, "tune")}
    print("\n## tune-part sentences typed wrongly\n")
    for o in outcomes:
        if o["id"] in texts and o["gold"] != o["predicted"]:
            print(f"\n{o['id']}: gold {o['gold']}, got {o['predicted']} [{o['trigger']}]")
            print(f"  {texts[o['id']]}")


def parse_cli(argv: Sequence[str] | None, doc: str | None) -> argparse.Namespace | None:
    """The options both PLOVER benchmarks take; None, with the reason printed, when
    ``--errors`` asks for a part whose items stay unseen."""
    parser = argparse.ArgumentParser(description=doc.splitlines()[0] if doc else None)
    parser.add_argument("--json", type=Path, help="write every figure to this file")
    parser.add_argument(
        "--errors", action="store_true", help="print the tune part's mistyped sentences"
    )
    add_part_option(parser)
    args = parser.parse_args(argv)
    refusal = item_output_refusal(args.part, "--errors") if args.errors else None
    if refusal:
        print(f"error: {refusal}", file=sys.stderr)
        return None
    return args


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_cli(argv, __doc__)
    if args is None:
        return 2
    path = eval_dir() / SET_NAME
    if not path.is_file():
        print(
            f"skipped: {path} not found (set {EVAL_ENV} to the folder that holds {SET_NAME})",
            file=sys.stderr,
        )
        return 0
    records = json.loads(path.read_text(encoding="utf-8"))
    parts = parts_to_score(args.part)
    wanted = select(records, record_key, parts[0]) if len(parts) == 1 else records
    outcomes, times = analyse(wanted)
    print(
        f"PLOVER GSR dev: {len(records)} sentences, split by benchmarks/split.py; "
        f"0.5b1 labels mapped to PLOVER 2021 ({TYPE_MAP})"
    )
    results = {}
    for part in parts:
        chosen = select(outcomes, lambda o: str(o["id"]), part)
        results[part] = summarise(chosen)
        report(part, results[part])
    print(f"\ntime: {times['seconds']:.1f} s (model load {times['load_seconds']:.1f} s)")
    if args.errors:
        report_errors(outcomes, records)
    if args.json:
        write_json(args.json, FLOORS_KEY, SET_NAME, times, results, outcomes)
    return 0


def write_json(
    path: Path,
    key: str,
    set_name: str,
    times: dict[str, Any],
    results: dict[str, dict[str, Any]],
    outcomes: list[dict[str, Any]],
) -> None:
    """Every figure to ``path``, with each part's floor metrics and the tune part's
    single outcomes (check items stay unseen)."""
    payload = {
        "benchmark": key,
        "set": set_name,
        "date": time.strftime("%Y-%m-%d"),
        **times,
        "parts": {
            part: {
                **result,
                "floor_metrics": floor_metrics(result),
                **(
                    {"outcomes": select(outcomes, lambda o: str(o["id"]), "tune")}
                    if part == "tune"
                    else {}
                ),
            }
            for part, result in results.items()
        },
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(payload, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {path}")


if __name__ == "__main__":
    sys.exit(main())
