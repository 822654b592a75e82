"""Story clusters against a labelled set, and their cost at scale.

Quality. ``samples/stories/*.jsonl`` holds reports we wrote, each labelled with its story:
several outlets' independent reports of one incident, their follow-ups, and hard
negatives (another incident of the same kind, place and actors). Every article goes
through the real analysis into a fresh SQLite store, stories are built, and the
clustering is scored by pairs: of the article pairs put in one story, the share that
share a gold story (precision), and of the gold pairs, the share put together (recall),
plus B-cubed F1. All articles are clustered together; each part of the tune/check split
(``benchmarks/split.py``, keyed by the story label, so a story's reports stay in one part)
is scored on its own articles. ``--sweep`` scores thresholds on the tune part only.
``--corpus`` scores the sample corpus against ``samples/stories/corpus_stories.json``.

Scale. ``--scale N…`` times the clustering pass on N synthetic article profiles (topics
drawn over a year, a few reports each, Zipf-distributed background words) and reports
seconds and the Python-heap peak, to show that the cost grows close to linearly.
"""

from __future__ import annotations

import argparse
import itertools
import json
import random
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Iterable, Iterator, Sequence
from datetime import date, timedelta
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO_ROOT / "src"))
sys.path.insert(0, str(REPO_ROOT))

from benchmarks.split import PARTS, part_of  # noqa: E402
from dossier import stories as st  # noqa: E402
from dossier.models import Analysis, Extracted  # noqa: E402
from dossier.store import SqlStore, open_store  # noqa: E402

SET = REPO_ROOT / "samples" / "stories"


def load_set(folder: Path = SET) -> list[dict[str, Any]]:
    items = []
    for path in sorted(folder.glob("*.jsonl")):
        with open(path, encoding="utf-8") as f:
            items += [json.loads(line) for line in f if line.strip()]
    return items


def _extracted(item: dict[str, Any]) -> Extracted:
    return Extracted(
        source=f"samples/stories/{item['id']}",
        text=item["text"],
        title=item["title"],
        outlet=item["outlet"],
        url=item["url"],
        published=item["published"],
        language=item.get("language", "en"),
        raw_hash=item["id"],
    )


def fill(store: SqlStore, items: list[dict[str, Any]], analyse: bool) -> dict[str, str]:
    """Store every item (analysed unless ``analyse`` is false); item id -> article id."""
    ids: dict[str, str] = {}
    docs = [(_extracted(i), i["id"]) for i in items]
    if analyse:
        from dossier.analyze.analyzer import Analyzer
        from dossier.config import Settings

        analyzer = Analyzer(Settings.from_env().model, 16)
        for ex, key, result in analyzer.analyze(docs):
            analysis = result if isinstance(result, Analysis) else Analysis(analysed=False)
            ids[key] = store.save(ex, analysis).article_id
    else:
        for ex, key in docs:
            ids[key] = store.save(ex, Analysis()).article_id
    return ids


def inputs(store: SqlStore) -> list[st.StoryInput]:
    rows = store._execute(
        "SELECT id, published, ingested_at, story_terms, duplicate_of FROM articles "
        "WHERE latest = 1"
    )
    out = [
        st.StoryInput(
            id=str(a), day=str(p or i)[:10], terms=json.loads(t or "{}"), copy_of=d or None
        )
        for a, p, i, t, d in rows
    ]
    return sorted(out, key=lambda d: (d.day, d.id))


def predicted(docs: list[st.StoryInput], threshold: float, window: int) -> dict[str, str]:
    groups = st.cluster(lambda: iter(docs), threshold, window)
    out = {m: g.id for g in groups for m in g.members}
    out.update({c: g.id for g in groups for c, _ in g.copies})
    return out


def score(gold: dict[str, str], pred: dict[str, str]) -> dict[str, float]:
    """Pairwise precision, recall and F1, and B-cubed F1, over the keys of ``gold``."""
    keys = sorted(gold)
    tp = fp = fn = 0
    for i, a in enumerate(keys):
        for b in keys[i + 1 :]:
            same_gold, same_pred = gold[a] == gold[b], pred[a] == pred[b]
            tp += same_gold and same_pred
            fp += same_pred and not same_gold
            fn += same_gold and not same_pred
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    bp = br = 0.0
    for a in keys:
        pc = {b for b in keys if pred[b] == pred[a]}
        gc = {b for b in keys if gold[b] == gold[a]}
        bp += len(pc & gc) / len(pc)
        br += len(pc & gc) / len(gc)
    bp, br = bp / len(keys), br / len(keys)
    return {
        "articles": len(keys),
        "stories": len(set(gold.values())),
        "pairs": tp + fn,
        "precision": round(p, 3),
        "recall": round(r, 3),
        "f1": round(2 * p * r / (p + r) if p + r else 0.0, 3),
        "bcubed_f1": round(2 * bp * br / (bp + br) if bp + br else 0.0, 3),
    }


def quality(args: argparse.Namespace) -> dict[str, Any]:
    items = load_set()
    with tempfile.TemporaryDirectory() as tmp:
        store = open_store(str(Path(tmp) / "stories.db"))
        ids = fill(store, items, not args.no_analysis)
        docs = inputs(store)
        store.close()
    parts = [args.part] if args.part else ["tune", "check"]
    results: dict[str, Any] = {}
    thresholds = [round(0.1 + 0.025 * k, 3) for k in range(17)] if args.sweep else [args.threshold]
    for threshold in thresholds:
        pred = predicted(docs, threshold, args.window)
        for part in parts if not args.sweep else ["tune"]:
            for language in ("en", "all"):
                gold = {
                    ids[i["id"]]: i["story"]
                    for i in items
                    if (part == "all" or part_of(i["story"]) == part)
                    and (language == "all" or i.get("language", "en") == language)
                }
                results[f"{threshold}/{part}/{language}"] = score(gold, pred)
    return results


def corpus_quality(args: argparse.Namespace) -> dict[str, Any]:
    from dossier.pipeline import ingest

    labels = json.loads((SET / "corpus_stories.json").read_text(encoding="utf-8"))
    labels.pop("_note", None)
    with tempfile.TemporaryDirectory() as tmp:
        store = open_store(str(Path(tmp) / "corpus.db"))
        ingest([str(REPO_ROOT / "samples" / "corpus")], store, progress=False)
        gold = {}
        for aid, source, url in store._execute(
            "SELECT id, source, url FROM articles WHERE latest = 1"
        ):
            rel = str(source).split("samples/corpus/")[-1]
            label = labels.get(rel) or labels.get(f"{rel.split('#')[0]}#{url}")
            if label is None:
                label = next((v for k, v in labels.items() if url and k.endswith("#" + url)), None)
            if label is not None:
                gold[str(aid)] = label
        docs = inputs(store)
        store.close()
    pred = predicted(docs, args.threshold, args.window)
    return {"corpus": score(gold, pred), "labelled": len(gold), "of": len(labels)}


def synthetic(n: int, per_day: int = 300, seed: int = 20261201) -> Iterator[st.StoryInput]:
    """N article profiles in day order, ``per_day`` a day: stories of 1-5 reports, each
    report with its story's topic words and entities plus Zipf background words."""
    rng = random.Random(seed)
    vocabulary = [f"w{k}" for k in range(50_000)]
    cumulative = list(itertools.accumulate(1.0 / (k + 1) for k in range(len(vocabulary))))
    start = date(2026, 1, 1)
    made = 0
    day = 0
    while made < n:
        for _ in range(per_day):
            topic = [f"t{made}-{k}" for k in range(8)] + [f"@e{rng.randrange(n // 3 + 1)}"]
            for r in range(min(rng.choice((1, 1, 2, 3, 5)), n - made)):
                terms = {t: float(rng.randint(1, 4)) for t in rng.sample(topic, 6)}
                for w in rng.choices(vocabulary, cum_weights=cumulative, k=40):
                    terms[w] = terms.get(w, 0.0) + 1.0
                when = start + timedelta(days=day + rng.randint(0, 3) * (r > 0))
                yield st.StoryInput(id=f"a{made:07d}", day=when.isoformat(), terms=terms)
                made += 1
            if made >= n:
                return
        day += 1


def scale(sizes: Iterable[int], trace: bool, per_day: int) -> list[dict[str, Any]]:
    """Seconds of the clustering pass (untraced), and with ``trace`` its Python-heap
    peak from a second, traced pass (tracing slows it several times)."""
    out = []
    for n in sizes:
        docs = sorted(synthetic(n, per_day), key=lambda d: (d.day, d.id))
        began = time.perf_counter()
        groups = st.cluster(docs.__iter__)
        seconds = time.perf_counter() - began
        row: dict[str, Any] = {
            "articles": n,
            "per_day": per_day,
            "stories": len(groups),
            "seconds": round(seconds, 2),
            "ms_per_article": round(1000 * seconds / n, 3),
        }
        if trace:
            tracemalloc.start()
            st.cluster(docs.__iter__)
            row["peak_mib"] = round(tracemalloc.get_traced_memory()[1] / 2**20, 1)
            tracemalloc.stop()
        out.append(row)
        print(json.dumps(row), flush=True)
    return out


def rebuild(url: str) -> dict[str, Any]:
    """Time a store's story rebuilds: the first (profiles for articles stored before
    schema 13, then every story), a full one from stored profiles, and the one an ingest
    of a single new article on the store's latest day causes."""
    store = open_store(url)
    try:
        timings: dict[str, Any] = {}
        for name, call in (
            ("first_rebuild_s", lambda: store.rebuild_stories(full=True)),
            ("full_rebuild_s", lambda: store.rebuild_stories(full=True)),
        ):
            began = time.perf_counter()
            timings["stories"] = call()
            timings[name] = round(time.perf_counter() - began, 2)
        last = store._execute("SELECT max(published) FROM articles WHERE latest = 1")[0][0]
        store.save(
            Extracted(
                source="benchmarks/stories/new.txt",
                text="A report written for this benchmark about a harbour strike that "
                "stopped the cranes of a port for a day while workers met the owners.",
                title="Harbour strike stops cranes",
                published=str(last)[:10],
                language="en",
                raw_hash="benchmark-new",
            ),
            Analysis(),
        )
        began = time.perf_counter()
        store.rebuild_stories()
        timings["after_one_new_article_s"] = round(time.perf_counter() - began, 2)
        timings["articles"] = store.stats().articles
    finally:
        store.close()
    print(json.dumps(timings), flush=True)
    return timings


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--part", choices=PARTS, default=None, help="one part (default: both)")
    parser.add_argument("--sweep", action="store_true", help="score thresholds on the tune part")
    parser.add_argument("--threshold", type=float, default=st.THRESHOLD)
    parser.add_argument("--window", type=int, default=st.WINDOW_DAYS)
    parser.add_argument("--no-analysis", action="store_true", help="profiles without entities")
    parser.add_argument("--corpus", action="store_true", help="also score the sample corpus")
    parser.add_argument("--scale", type=int, nargs="*", default=[], help="synthetic sizes")
    parser.add_argument("--tracemalloc", action="store_true", help="with --scale: heap peak")
    parser.add_argument("--per-day", type=int, default=300, help="with --scale: articles a day")
    parser.add_argument("--rebuild", metavar="STORE", help="time a store's story rebuild")
    parser.add_argument("--json", type=Path, default=None, help="write the results here")
    args = parser.parse_args(argv)
    results: dict[str, Any] = {}
    if args.rebuild:
        results["rebuild"] = rebuild(args.rebuild)
    elif args.scale:
        results["scale"] = scale(args.scale, args.tracemalloc, args.per_day)
    else:
        results["quality"] = quality(args)
        for key, value in results["quality"].items():
            print(key, json.dumps(value))
        if args.corpus:
            results["corpus"] = corpus_quality(args)
            print("corpus", json.dumps(results["corpus"]))
    if args.json:
        args.json.write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
