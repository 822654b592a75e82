"""Score cross-article event linking on our own labelled pairs of reports.

The set is ``samples/event_pairs/pairs.json``: pairs of short news passages
written for Dossier, each labelled ``same`` (one incident) or not, with the
PLOVER type of the incident and a ``kind`` (syndicated copy, paraphrase,
contradicting counts, another city, another week, planned vs happened, ...).

Each pair is ingested through the real pipeline (``Ingest`` on two HTML
pages, ``a`` first) into a fresh temporary SQLite store, so pairs cannot
link to each other. The pair is **linked** when some event of its type in
``a`` shares an event ID with some event of its type in ``b``; it is
**coded** when both passages gave an event of that type. Then, over pairs:

- **precision**: linked pairs that are ``same``, over linked pairs;
- **recall**: linked ``same`` pairs over all ``same`` pairs (end to end: a
  passage whose event was not coded counts as a miss); ``coded recall``
  leaves out the ``same`` pairs that were not coded.

Pairs are split into tune and check parts by ``benchmarks/split.py`` on the
pair ``id``. ``--errors`` lists the wrong pairs of the tune part only; check
items are never printed.

Languages: a passage may carry ``language`` (default ``en``), written as the
page's ``lang``. A pair's ``languages`` is its passages' languages joined with
``+`` in sorted order (``en``, ``en+es``); each part is scored pooled and per
``languages``, and the gate holds the English pairs (``en``) to its floors.

Run: ``python benchmarks/event_linking.py [--part tune|check|all] [--errors] [--json PATH]``.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
PAIRS = ROOT / "samples" / "event_pairs" / "pairs.json"
sys.path.insert(0, str(ROOT))

from benchmarks.split import PARTS, Part, select  # noqa: E402


@dataclass(frozen=True)
class Outcome:
    id: str
    kind: str
    same: bool
    coded: bool
    linked: bool
    languages: str = "en"


def load(path: Path = PAIRS) -> list[dict[str, Any]]:
    pairs: list[dict[str, Any]] = json.loads(path.read_text(encoding="utf-8"))["pairs"]
    ids = [p["id"] for p in pairs]
    if len(set(ids)) != len(ids):
        raise ValueError(f"{path}: pair ids are not unique")
    return pairs


def _page(folder: Path, name: str, passage: dict[str, str]) -> str:
    head = f"<meta property='og:site_name' content='{escape(passage['outlet'])}'>"
    if passage.get("published"):
        head += (
            f"<meta property='article:published_time' content='{passage['published']}T08:00:00Z'>"
        )
    body = "".join(f"<p>{escape(p)}</p>" for p in passage["text"].split("\n") if p.strip())
    # The page's lang attribute decides the analysis language, so it is the passage's own.
    lang = escape(passage.get("language", "en"))
    path = folder / f"{name}.html"
    path.write_text(
        f"<!DOCTYPE html><html lang='{lang}'><head><meta charset='utf-8'>"
        f"<title>{escape(passage['title'])}</title>{head}</head><body><article>"
        f"<h1>{escape(passage['title'])}</h1>{body}</article></body></html>",
        encoding="utf-8",
    )
    return str(path)


def pair_languages(pair: dict[str, Any]) -> str:
    """The languages of a pair's two passages, sorted and joined with ``+``."""
    return "+".join(sorted({pair[side].get("language", "en") for side in ("a", "b")}))


def run(part: Part = "all", path: Path = PAIRS) -> list[Outcome]:
    from dossier.analyze import Analyzer
    from dossier.config import Settings
    from dossier.pipeline import Ingest
    from dossier.store import open_store

    settings = Settings()
    analyzer = Analyzer(settings.model, settings.batch_size)
    outcomes = []
    for pair in select(load(path), lambda p: str(p["id"]), part):
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp)
            store = open_store(str(folder / "pairs.db"))
            try:
                ingest = Ingest(store, settings=settings, analyzer=analyzer, progress=False)
                clusters: list[set[str]] = []
                seen: set[str] = set()
                for side in ("a", "b"):
                    summary = ingest.run([_page(folder, side, pair[side])])
                    if summary.errors or summary.new != 1:
                        raise RuntimeError(f"pair {pair['id']} {side}: not stored as a new article")
                    [aid] = {r.id for r in store.articles()} - seen
                    seen.add(aid)
                    hits = store.events(type_=pair["type"])
                    clusters.append({h.cluster_id for h in hits if h.article_id == aid})
            finally:
                store.close()
        coded = all(clusters)
        outcomes.append(
            Outcome(
                pair["id"],
                pair["kind"],
                bool(pair["same"]),
                coded,
                bool(clusters[0] & clusters[1]),
                pair_languages(pair),
            )
        )
    return outcomes


def score(outcomes: Sequence[Outcome]) -> dict[str, Any]:
    linked = [o for o in outcomes if o.linked]
    same = [o for o in outcomes if o.same]
    coded_same = [o for o in same if o.coded]
    tp = sum(o.same for o in linked)
    kinds: dict[str, dict[str, int]] = {}
    for o in outcomes:
        row = kinds.setdefault(o.kind, {"pairs": 0, "linked": 0, "same": int(o.same)})
        row["pairs"] += 1
        row["linked"] += int(o.linked)
    return {
        "pairs": len(outcomes),
        "same": len(same),
        "linked": len(linked),
        "precision": tp / len(linked) if linked else 1.0,
        "recall": tp / len(same) if same else 0.0,
        "coded_recall": sum(o.linked for o in coded_same) / len(coded_same) if coded_same else 0.0,
        "uncoded": sum(not o.coded for o in outcomes),
        "kinds": kinds,
    }


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--part", choices=PARTS, default=None, help="one part (default: both)")
    parser.add_argument("--errors", action="store_true", help="list the tune part's wrong pairs")
    parser.add_argument("--json", help="write the figures to this file")
    args = parser.parse_args(argv)
    parts: list[Part] = [args.part] if args.part else ["tune", "check"]
    result: dict[str, Any] = {}
    for part in parts:
        outcomes = run(part)
        result[part] = score(outcomes)
        groups = sorted({o.languages for o in outcomes})
        result[part]["languages"] = {
            g: score([o for o in outcomes if o.languages == g]) for g in groups
        }
        _print(part, result[part])
        for group in groups:
            _print(f"  {group}", result[part]["languages"][group])
        if args.errors and part == "tune":
            for o in outcomes:
                if o.linked != o.same:
                    what = "false link" if o.linked else "missed" if o.coded else "not coded"
                    print(f"  {o.id:6} {o.kind:24} {what}")
    if args.json:
        Path(args.json).write_text(json.dumps(result, indent=2), encoding="utf-8")
    return 0


def _print(label: str, r: dict[str, Any]) -> None:
    print(
        f"{label:6} pairs {r['pairs']:3}  same {r['same']:3}  linked {r['linked']:3}  "
        f"precision {r['precision']:.3f}  recall {r['recall']:.3f}  "
        f"coded recall {r['coded_recall']:.3f}  uncoded {r['uncoded']}"
    )


if __name__ == "__main__":
    sys.exit(main())
