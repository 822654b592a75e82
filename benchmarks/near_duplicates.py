"""Near-duplicate detection: precision and recall on our labelled set, and its cost.

**Quality.** The set is built by ``samples/near_duplicates/make_set.py`` from the sample
corpus (our own articles): each original with its edited copies (five wire versions with
boilerplate, one and two paragraphs cut, light copy-editing, boilerplate plus a cut).
Documents are ingested in set order into a fresh SQLite store through the real write
path (``SqlStore.save``, no analysis), so the LSH lookup, the exact check and the
grouping are the store's own. Over every pair of documents of a part, a pair is
**predicted** a copy when the store put both in one group, and **is** one when both
come from one original. Precision and recall are over those pairs. Parts are cut by
``benchmarks/split.py`` on the original's file stem, so an original and its copies are
always in one part. ``--sweep`` scores the exact-check threshold on the tune part;
``--errors`` lists the tune part's wrong pairs (check items are never printed).

**Cost.** ``--scale N ...`` times shingling, MinHash, banding, and an indexed band lookup
with the exact check, over N synthetic articles (300 words from a 5,000-word vocabulary,
one in ten a copy of an earlier one with a 30-word span cut), in memory with a band index
like the store's, and reports the time per article, the peak traced memory and the
candidates per lookup. ``--store N`` runs N synthetic articles through a SQLite store.

Run: ``python benchmarks/near_duplicates.py [--part tune|check|all] [--sweep] [--errors]
[--scale N ...] [--store N] [--json PATH]``.
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
from collections import defaultdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "samples" / "near_duplicates"))

from benchmarks.split import PARTS, Part, part_of  # noqa: E402
from dossier.models import Analysis, Extracted  # noqa: E402
from dossier.shingles import bands, shingles, signature  # noqa: E402
from dossier.store import duplicates, open_store  # noqa: E402


def _documents() -> list[dict[str, str]]:
    import make_set  # the set's builder, beside the set

    return make_set.documents()


def groups_in_store(docs: list[dict[str, str]]) -> dict[str, str]:
    """Each document's group root, as a fresh SQLite store links them."""
    with tempfile.TemporaryDirectory() as tmp:
        store = open_store(str(Path(tmp) / "nd.db"))
        ids = {}
        for n, doc in enumerate(docs):
            ex = Extracted(
                source=f"{doc['id']}.txt", text=doc["text"], raw_hash=str(n), language="en"
            )
            ids[doc["id"]] = store.save(ex, Analysis()).article_id
        roots = {d["id"]: store.duplicate_of(ids[d["id"]]) or ids[d["id"]] for d in docs}
        store.close()
    return roots


def score(docs: list[dict[str, str]], errors: bool = False) -> dict[str, Any]:
    roots = groups_in_store(docs)
    tp = fp = fn = 0
    wrong = []
    for a, b in itertools.combinations(docs, 2):
        predicted, actual = roots[a["id"]] == roots[b["id"]], a["group"] == b["group"]
        tp += predicted and actual
        fp += predicted and not actual
        fn += actual and not predicted
        if errors and predicted != actual:
            wrong.append(f"{'FP' if predicted else 'FN'} {a['id']}  {b['id']}")
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    out: dict[str, Any] = {
        "documents": len(docs),
        "originals": len({d["group"] for d in docs}),
        "copy_pairs": tp + fn,
        "precision": round(precision, 4),
        "recall": round(recall, 4),
    }
    if errors:
        out["errors"] = wrong
    return out


def _synthetic(n: int, seed: int = 7) -> list[str]:
    rng = random.Random(seed)
    vocab = [f"w{i}" for i in range(5000)]
    texts: list[str] = []
    for i in range(n):
        if texts and i % 10 == 9:
            words = rng.choice(texts).split()
            cut = rng.randrange(0, len(words) - 30)
            texts.append(" ".join(words[:cut] + words[cut + 30 :]))
        else:
            texts.append(" ".join(rng.choices(vocab, k=300)))
    return texts


def scale(n: int) -> dict[str, Any]:
    """In-memory run of the store's algorithm over n synthetic articles."""
    texts = _synthetic(n)
    tracemalloc.start()
    start = time.perf_counter()
    index: dict[str, list[int]] = defaultdict(list)
    candidates = found = 0
    for i, text in enumerate(texts):
        own = shingles(text)
        digests = bands(signature(own))
        near = {j for d in digests for j in index.get(d, ())}
        candidates += len(near)
        # As the store does, a candidate's text is reread (the texts were made before
        # tracing began, like a store's rows on disk) and shingled again.
        found += any(duplicates.is_copy(own, shingles(texts[j])) for j in near)
        for d in digests:
            index[d].append(i)
    seconds = time.perf_counter() - start
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return {
        "articles": n,
        "seconds": round(seconds, 2),
        "ms_per_article": round(1000 * seconds / n, 3),
        "peak_mib": round(peak / 2**20, 1),
        "candidates_per_lookup": round(candidates / n, 3),
        "copies_found": found,
        "copies_made": sum(1 for i in range(1, n) if i % 10 == 9),
    }


def store_run(n: int) -> dict[str, Any]:
    """n synthetic articles saved through a SQLite store; time of each half."""
    texts = _synthetic(n)
    halves = []
    with tempfile.TemporaryDirectory() as tmp:
        store = open_store(str(Path(tmp) / "scale.db"))
        for half in (texts[: n // 2], texts[n // 2 :]):
            start = time.perf_counter()
            with store.batch():
                for k, text in enumerate(half):
                    ex = Extracted(source=f"s{len(halves)}-{k}.txt", text=text, raw_hash=text[:40])
                    store.save(ex, Analysis())
            halves.append(round(time.perf_counter() - start, 2))
        linked = store._execute(
            "SELECT count(*) FROM articles WHERE duplicate_of IS NOT NULL AND latest = 1"
        )[0][0]
        store.close()
    return {
        "articles": n,
        "seconds_first_half": halves[0],
        "seconds_second_half": halves[1],
        "linked": int(linked),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--part", choices=PARTS, default=None, help="one part (default: both)")
    parser.add_argument("--sweep", action="store_true", help="score thresholds on the tune part")
    parser.add_argument("--errors", action="store_true", help="list the tune part's wrong pairs")
    parser.add_argument("--scale", type=int, nargs="*", default=[], help="synthetic sizes")
    parser.add_argument("--store", type=int, default=0, help="synthetic articles through SQLite")
    parser.add_argument("--json", type=Path, default=None, help="write the results here")
    args = parser.parse_args()
    if args.errors and args.part != "tune":
        parser.error("--errors lists tune-part items only: pass --part tune")
    docs = _documents()
    parts: list[Part] = [args.part] if args.part else ["tune", "check"]
    results: dict[str, Any] = {"threshold": duplicates.THRESHOLD}
    for part in parts:
        chosen = [d for d in docs if part == "all" or part_of(d["group"]) == part]
        results[part] = score(chosen, errors=args.errors and part == "tune")
    if args.sweep:
        tune = [d for d in docs if part_of(d["group"]) == "tune"]
        sweep = {}
        default = duplicates.THRESHOLD
        for t in (0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9):
            duplicates.THRESHOLD = t
            r = score(tune)
            sweep[str(t)] = {"precision": r["precision"], "recall": r["recall"]}
        duplicates.THRESHOLD = default
        results["sweep_tune"] = sweep
    results["scale"] = [scale(n) for n in args.scale]
    if args.store:
        results["store"] = store_run(args.store)
    print(json.dumps(results, indent=2))
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
