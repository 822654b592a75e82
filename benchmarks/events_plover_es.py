"""PLOVER event coding on Spanish news sentences (the UniversalPetrarch validation records).

Data: ``es/events/plover-es-dev.json`` under ``../shared/eval`` (or under
``$DOSSIER_EVAL_DIR``): 383 Spanish sentences (AFP and others, 1990s–2010s),
each ``{id, date, text, events: [{trigger, source, target, plover, cameo}]}``.
Without it the script prints ``skipped: …`` and exits 0. The data is third-party
and never copied into the repository.

Each sentence goes alone through Dossier's Spanish pipeline (the model named in
``resources/languages/es/language.toml``, then ``doc_entities``, ``find_quotes``
and ``find_events`` with the record's date), as ``events_plover`` runs the
English set, and is scored with that module's scorer (type accuracy, actor match
and token F1, majority baseline, reliability).

Gold types are PLOVER 0.5 names mapped to 2021: DEMAND→REQUEST, DISAPPROVE and
INVESTIGATE→ACCUSE, SACTION→SANCTION (and FIGHT→ASSAULT, as for English).
CRIME has no 2021 type: it stays ``CRIME``, which no prediction can equal, so a
sentence whose only gold event is a crime counts as wrong (its actors are still
scored); CRIME is thus scored as a miss, never dropped.

A sentence may hold several gold events (about one in ten). Its top event is
right in type when its type is any of the gold events' types; the sentence's
gold type is then that type, else its first gold event's (for the per-type
table and the confusions). The gold actors of a role are the non-empty
``source`` (or ``target``) texts of all its gold events.

Tune and check: split by ``benchmarks/split.py`` on the record ``id``; both
parts are scored on their own unless ``--part`` picks one. ``--errors`` prints
the tune part's mistyped sentences only, and ``--json`` writes the figures
(single outcomes for the tune part only), as in ``events_plover``.
"""

from __future__ import annotations

import json
import sys
import time
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.events_plover import eval_dir, parse_cli, report, summarise, write_json
from benchmarks.split import Part, parts_to_score, select

SET_NAME = "es/events/plover-es-dev.json"
FLOORS_KEY = "events_plover_es_dev"
LANGUAGE = "es"
TYPE_MAP = {
    "DEMAND": "REQUEST",
    "DISAPPROVE": "ACCUSE",
    "INVESTIGATE": "ACCUSE",
    "SACTION": "SANCTION",
    "FIGHT": "ASSAULT",
}


def record_key(record: dict[str, Any]) -> str:
    return str(record["id"])


def gold_types(record: dict[str, Any]) -> list[str]:
    """The record's gold types in PLOVER 2021 names, in order, without repeats."""
    found: list[str] = []
    for event in record.get("events") or []:
        type_ = TYPE_MAP.get(event["plover"], event["plover"])
        if type_ not in found:
            found.append(type_)
    return found


def gold_actors(record: dict[str, Any], role: str) -> list[str]:
    return [str(e[role]) for e in record.get("events") or [] if e.get(role)]


def outcome(record: dict[str, Any], top: Any, events: int) -> dict[str, Any]:
    """One sentence's outcome in ``events_plover``'s shape (``top``: its top event or None)."""
    types = gold_types(record)
    predicted = top.type if top is not None else None
    gold = predicted if predicted in types else (types[0] if types else "(none)")
    return {
        "id": record["id"],
        "gold": gold,
        "gold_types": types,
        "predicted": predicted,
        "mode": top.mode if top else None,
        "trigger": top.trigger if top else None,
        "status": top.status if top else None,
        "score": top.score if top else None,
        "source": top.source if top else None,
        "target": top.target if top else None,
        "gold_source": gold_actors(record, "source"),
        "gold_target": gold_actors(record, "target"),
        "events": events,
    }


def analyse(records: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], dict[str, float]]:
    from dossier.analyze.attribution import find_quotes
    from dossier.analyze.entities import doc_entities
    from dossier.analyze.events import find_events
    from dossier.analyze.languages import resource
    from dossier.analyze.nlp import load_model

    started = time.perf_counter()
    nlp = load_model(str(resource(LANGUAGE, "language")["model"]))
    loaded = time.perf_counter()
    outcomes = []
    for record, doc in zip(records, nlp.pipe(r["text"] for r in records), strict=True):
        entities = doc_entities(doc)
        date = str(record.get("date") or "")
        published = f"{date[:4]}-{date[4:6]}-{date[6:8]}" if len(date) == 8 else None
        events = find_events(doc, entities, find_quotes(doc, entities), published)
        top = max(events, key=lambda e: (e.score, -e.trigger_start), default=None)
        outcomes.append(outcome(record, top, len(events)))
    times = {"seconds": time.perf_counter() - loaded, "load_seconds": loaded - started}
    return outcomes, times


def baseline(outcomes: list[dict[str, Any]]) -> dict[str, Any]:
    """The majority baseline: the type most sentences hold among their gold types,
    guessed for every sentence (right where the sentence holds it)."""
    counts = Counter(t for o in outcomes for t in set(o["gold_types"]))
    if not counts:
        return {"type": "", "accuracy": 0.0}
    type_, n = counts.most_common(1)[0]
    return {"type": type_, "accuracy": n / len(outcomes)}


def score(outcomes: list[dict[str, Any]]) -> dict[str, Any]:
    """``events_plover``'s figures, with the baseline of a set with several gold types."""
    return {**summarise(outcomes), "baseline": baseline(outcomes)}


def run(records: list[dict[str, Any]], part: Part = "all") -> dict[str, Any]:
    """Score one part of the records (``"all"``: every record), outcomes included."""
    outcomes, times = analyse(select(records, record_key, part))
    return {**score(outcomes), "outcomes": outcomes, **times}


def report_errors(outcomes: list[dict[str, Any]], records: list[dict[str, Any]]) -> None:
    """The tune part's mistyped sentences, for error analysis (never the check part's)."""
    texts = {r["id"]: r for r in select(records, record_key, "tune")}
    print("\n## tune-part sentences typed wrongly\n")
    for o in outcomes:
        if o["id"] in texts and o["gold"] != o["predicted"]:
            triggers = [e["trigger"] for e in texts[o["id"]]["events"]]
            print(
                f"\n{o['id']}: gold {o['gold_types']} {triggers}, "
                f"got {o['predicted']} [{o['trigger']}] src={o['source']!r}"
            )
            print(f"  {texts[o['id']]['text']}")


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_cli(argv, __doc__)
    if args is None:
        return 2
    path = eval_dir() / SET_NAME
    if not path.is_file():
        print(f"skipped: {path} not found", file=sys.stderr)
        return 0
    records = json.loads(path.read_text(encoding="utf-8"))
    parts = parts_to_score(args.part)
    wanted = select(records, record_key, parts[0]) if len(parts) == 1 else records
    outcomes, times = analyse(wanted)
    print(
        f"Spanish PLOVER dev: {len(records)} sentences, split by benchmarks/split.py; "
        f"0.5 labels mapped to PLOVER 2021 ({TYPE_MAP}); CRIME kept, never matched"
    )
    results = {}
    for part in parts:
        results[part] = score(select(outcomes, lambda o: str(o["id"]), part))
        report(part, results[part])
    print(f"\ntime: {times['seconds']:.1f} s (model load {times['load_seconds']:.1f} s)")
    if args.errors:
        report_errors(outcomes, records)
    if args.json:
        write_json(args.json, FLOORS_KEY, SET_NAME, times, results, outcomes)
    return 0


if __name__ == "__main__":
    sys.exit(main())
