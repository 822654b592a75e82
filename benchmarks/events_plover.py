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
highest-confidence event (ties: the earlier trigger).

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

Options: ``--json PATH`` writes every figure and the per-sentence outcome
(ids, types, actors; no sentence text), ``--errors`` prints the sentences
whose type is wrong, for error analysis.
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

REPO_ROOT = Path(__file__).resolve().parents[1]
EVAL_ENV = "DOSSIER_EVAL_DIR"
SET_NAME = "events/plover-gsr-dev.json"
TYPE_MAP = {
    "DEMAND": "REQUEST",
    "DISAPPROVE": "ACCUSE",
    "INVESTIGATE": "ACCUSE",
    "FIGHT": "ASSAULT",
}
STOP = frozenset("the a an of and in on at to for its his her their s".split())
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


def run(records: list[dict[str, Any]]) -> dict[str, Any]:
    from dossier.analyze.attribution import find_quotes
    from dossier.analyze.entities import doc_entities
    from dossier.analyze.events import find_events
    from dossier.analyze.nlp import load_model
    from dossier.config import DEFAULT_MODEL

    started = time.perf_counter()
    nlp = load_model(DEFAULT_MODEL)
    loaded = time.perf_counter()
    outcomes = []
    source, target = Tally(), Tally()
    for record, doc in zip(records, nlp.pipe(r["text"] for r in records), strict=True):
        entities = doc_entities(doc)
        events = find_events(doc, entities, find_quotes(doc, entities), record.get("date"))
        top = max(events, key=lambda e: (e.confidence, -e.trigger_start), default=None)
        gold = TYPE_MAP.get(record["event"], record["event"])
        source.add(top.source if top else None, _actors(record, "source"))
        target.add(top.target if top else None, _actors(record, "target"))
        outcomes.append(
            {
                "id": record["id"],
                "gold": gold,
                "predicted": top.type if top else None,
                "mode": top.mode if top else None,
                "trigger": top.trigger if top else None,
                "status": top.status if top else None,
                "confidence": top.confidence if top else None,
                "source": top.source if top else None,
                "target": top.target if top else None,
                "gold_source": _actors(record, "source"),
                "gold_target": _actors(record, "target"),
                "events": len(events),
            }
        )
    both = Tally()
    both += source
    both += target
    correct = sum(o["gold"] == o["predicted"] for o in outcomes)
    gold_counts = Counter(o["gold"] for o in outcomes)
    majority, majority_n = gold_counts.most_common(1)[0]
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
    return {
        "sentences": len(outcomes),
        "type_accuracy": _ratio(correct, len(outcomes)),
        "correct": correct,
        "no_event": sum(o["predicted"] is None for o in outcomes),
        "baseline": {"type": majority, "accuracy": _ratio(majority_n, len(outcomes))},
        "actors": {"source": source.scores(), "target": target.scores(), "all": both.scores()},
        "per_type": per_type,
        "confusions": [[g, p, n] for (g, p), n in confusions.most_common()],
        "outcomes": outcomes,
        "seconds": time.perf_counter() - loaded,
        "load_seconds": loaded - started,
    }


def report(result: dict[str, Any], records: list[dict[str, Any]], errors: bool) -> None:
    n = result["sentences"]
    print(f"PLOVER GSR dev: {n} sentences; 0.5b1 labels mapped to PLOVER 2021 ({TYPE_MAP})")
    print(
        f"type accuracy: {result['type_accuracy']:.3f} ({result['correct']}/{n}); "
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
    print(f"time: {result['seconds']:.1f} s (model load {result['load_seconds']:.1f} s)")
    if errors:
        texts = {r["id"]: r["text"] for r in records}
        for o in result["outcomes"]:
            if o["gold"] != o["predicted"]:
                print(f"\n{o['id']}: gold {o['gold']}, got {o['predicted']} [{o['trigger']}]")
                print(f"  {texts[o['id']]}")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--json", type=Path, help="write every figure to this file")
    parser.add_argument("--errors", action="store_true", help="print the mistyped sentences")
    args = parser.parse_args(argv)
    path = eval_dir() / SET_NAME
    if not path.is_file():
        print(
            f"skipped: {path} not found (set {EVAL_ENV} to the folder that holds {SET_NAME})",
            file=sys.stderr,
        )
        return 0
    records = json.loads(path.read_text(encoding="utf-8"))
    result = run(records)
    report(result, records, args.errors)
    if args.json:
        payload = {"set": SET_NAME, "date": time.strftime("%Y-%m-%d"), **result}
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(payload, indent=2) + "\n", encoding="utf-8")
        print(f"wrote {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
