"""Score Dossier's quotes, speakers, claims and figures against our own gold set.

The gold set is ``samples/gold/*.json``: 17 sample-corpus articles (12 English,
5 Spanish) annotated by hand (see ``samples/gold/README.md``). Each article is ingested from the
corpus, then its stored findings are compared with the gold:

- **quotes**: precision, recall and F1 of content spans matched one-to-one by
  largest character overlap, and the recall of direct quotes alone (the figure
  issue 11 sets a target on); among matched quotes, the share whose kind
  agrees, and the share whose speaker agrees (same resolved name for a named
  speaker, both anonymous for an unnamed one);
- **claims**: among gold claims, the share whose overlapping predicted claim
  has the same evidence type (claims are sentences, so recall is the point);
  and hedge recall, gold hedges found inside the claim's sentence;
- **figures**: precision, recall and F1 of spans by overlap, and among matched
  figures the share with the same kind and the same value.

Tune and check: the gold files are cut into a tune and a check part by
``benchmarks/split.py`` on each file's stem. Both parts are scored, each on its
own, unless ``--part tune|check|all`` picks one (``all`` pools them); the
floors in ``floors.json`` hold on the check part.

Languages: an article's language is the one Dossier detected and stored for
it. Each part is scored per language (``en``, ``es``) as well as pooled; the
``sample_gold`` floors hold on the English files, so the gate means what it
meant before Spanish files joined the set. ``--language`` picks the figures
``--json`` writes under ``parts`` (default ``en``, what ``pin_floors.py`` pins);
every language's figures are written under ``languages``.

Run: ``python benchmarks/sample_gold.py [--part tune|check|all] [--language en|es|all]
[--json PATH]``.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if __package__ in (None, ""):
    # Run as ``python benchmarks/sample_gold.py``: make ``benchmarks`` importable.
    sys.path.insert(0, str(ROOT))

from benchmarks.split import Part, add_part_option, parts_to_score, select  # noqa: E402

FLOORS_KEY = "sample_gold"
# The language the floors are pinned on; "all" pools every language.
FLOORS_LANGUAGE = "en"
ALL_LANGUAGES = "all"
GOLD = ROOT / "samples" / "gold"
CORPUS = ROOT / "samples" / "corpus"

Span = tuple[int, int]


def match(gold: Sequence[Span], predicted: Sequence[Span]) -> list[tuple[int, int]]:
    """One-to-one pairs (gold index, predicted index), largest overlap first."""
    pairs = []
    for gi, (gs, ge) in enumerate(gold):
        for pi, (ps, pe) in enumerate(predicted):
            overlap = min(ge, pe) - max(gs, ps)
            if overlap > 0:
                pairs.append((overlap, gi, pi))
    used_g: set[int] = set()
    used_p: set[int] = set()
    matched = []
    for _, gi, pi in sorted(pairs, reverse=True):
        if gi not in used_g and pi not in used_p:
            used_g.add(gi)
            used_p.add(pi)
            matched.append((gi, pi))
    return matched


def prf(matched: int, gold: int, predicted: int) -> dict[str, float]:
    p = matched / predicted if predicted else 0.0
    r = matched / gold if gold else 0.0
    return {"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0}


def _ratio(good: int, total: int) -> float:
    return good / total if total else 0.0


def _same_speaker(gold: dict[str, Any] | None, predicted: Any) -> bool:
    if gold is None or predicted is None:
        return gold is None and predicted is None
    if gold.get("anonymous"):
        return bool(predicted.anonymous)
    name = (gold.get("name") or "").casefold()
    return (
        bool(predicted.name)
        and not predicted.anonymous
        and (name in predicted.name.casefold() or predicted.name.casefold() in name)
    )


def gold_files(gold_dir: Path = GOLD, part: Part = "all") -> list[Path]:
    """The gold files of one part, by name; the key is the file's stem."""
    return select(sorted(gold_dir.glob("*.json")), lambda path: path.stem, part)


def score(
    store: Any, gold_dir: Path = GOLD, part: Part = "all", language: str = ALL_LANGUAGES
) -> dict[str, Any]:
    """The figures over one part's gold files whose stored article is in ``language``."""
    counts = {
        k: 0
        for k in (
            "articles",
            "gold_quotes",
            "pred_quotes",
            "matched_quotes",
            "gold_direct",
            "matched_direct",
            "kind_ok",
            "speaker_ok",
            "gold_claims",
            "claims_matched",
            "evidence_ok",
            "gold_hedges",
            "hedges_found",
            "gold_figures",
            "pred_figures",
            "matched_figures",
            "figure_kind_ok",
            "figure_value_ok",
        )
    }
    for path in gold_files(gold_dir, part):
        gold = json.loads(path.read_text(encoding="utf-8"))
        article = store.article(gold["article_id"])
        if article is None:
            raise SystemExit(f"{gold['article_id']} ({gold['source']}) is not in the store")
        if hashlib.sha256(article.text.encode("utf-8")).hexdigest() != gold["text_sha256"]:
            # The gold offsets index this exact text; a changed extraction invalidates them.
            raise SystemExit(f"{gold['source']}: the stored text differs from the annotated one")
        if language != ALL_LANGUAGES and article.language != language:
            continue
        counts["articles"] += 1
        quotes, figures = list(article.quotes), list(article.figures)
        counts["gold_quotes"] += len(gold["quotes"])
        counts["pred_quotes"] += len(quotes)
        pairs = match(
            [(q["start"], q["end"]) for q in gold["quotes"]], [(q.start, q.end) for q in quotes]
        )
        counts["matched_quotes"] += len(pairs)
        counts["gold_direct"] += sum(q["kind"] == "direct" for q in gold["quotes"])
        counts["matched_direct"] += sum(gold["quotes"][gi]["kind"] == "direct" for gi, _ in pairs)
        for gi, pi in pairs:
            counts["kind_ok"] += gold["quotes"][gi]["kind"] == quotes[pi].kind
            counts["speaker_ok"] += _same_speaker(gold["quotes"][gi]["speaker"], quotes[pi].speaker)
        claims = list(article.claims)
        counts["gold_claims"] += len(gold["claims"])
        claim_pairs = match(
            [(c["start"], c["end"]) for c in gold["claims"]], [(c.start, c.end) for c in claims]
        )
        counts["claims_matched"] += len(claim_pairs)
        for gi, pi in claim_pairs:
            counts["evidence_ok"] += gold["claims"][gi]["evidence"] == claims[pi].evidence.type
        for claim in gold["claims"]:
            for hedge in claim["hedges"]:
                counts["gold_hedges"] += 1
                counts["hedges_found"] += any(
                    h.start < hedge["end"] and h.end > hedge["start"]
                    for c in claims
                    for h in c.hedges
                )
        counts["gold_figures"] += len(gold["figures"])
        counts["pred_figures"] += len(figures)
        fig_pairs = match(
            [(f["start"], f["end"]) for f in gold["figures"]], [(f.start, f.end) for f in figures]
        )
        counts["matched_figures"] += len(fig_pairs)
        for gi, pi in fig_pairs:
            g, f = gold["figures"][gi], figures[pi]
            counts["figure_kind_ok"] += g["kind"] == f.kind
            counts["figure_value_ok"] += g["value"] == f.value or (
                g["value"] is not None
                and f.value is not None
                and abs(float(g["value"]) - f.value) < 1e-6
            )
    c = counts
    return {
        "part": part,
        "language": language,
        "counts": c,
        "quotes": prf(c["matched_quotes"], c["gold_quotes"], c["pred_quotes"]),
        "direct_quote_recall": _ratio(c["matched_direct"], c["gold_direct"]),
        "quote_kind_accuracy": _ratio(c["kind_ok"], c["matched_quotes"]),
        "speaker_accuracy": _ratio(c["speaker_ok"], c["matched_quotes"]),
        "claim_recall": _ratio(c["claims_matched"], c["gold_claims"]),
        "evidence_accuracy": _ratio(c["evidence_ok"], c["claims_matched"]),
        "hedge_recall": _ratio(c["hedges_found"], c["gold_hedges"]),
        "figures": prf(c["matched_figures"], c["gold_figures"], c["pred_figures"]),
        "figure_kind_accuracy": _ratio(c["figure_kind_ok"], c["matched_figures"]),
        "figure_value_accuracy": _ratio(c["figure_value_ok"], c["matched_figures"]),
    }


def ingest_samples(db: str) -> Any:
    from dossier.config import Settings
    from dossier.pipeline import Ingest
    from dossier.store import open_store

    store = open_store(db)
    Ingest(store, settings=Settings(), progress=False).run([str(CORPUS)])
    return store


def floor_metrics(result: dict[str, Any]) -> dict[str, float]:
    """The figures ``floors.json`` pins, by their names there."""
    return {
        "quote_f1": result["quotes"]["f1"],
        "quote_kind_accuracy": result["quote_kind_accuracy"],
        "speaker_accuracy": result["speaker_accuracy"],
        "claim_recall": result["claim_recall"],
        "evidence_accuracy": result["evidence_accuracy"],
        "hedge_recall": result["hedge_recall"],
        "figure_f1": result["figures"]["f1"],
        "figure_kind_accuracy": result["figure_kind_accuracy"],
        "figure_value_accuracy": result["figure_value_accuracy"],
    }


def gold_languages(store: Any, gold_dir: Path = GOLD) -> list[str]:
    """The stored languages of the gold articles, sorted (articles not stored are skipped)."""
    found = set()
    for path in gold_files(gold_dir):
        article = store.article(json.loads(path.read_text(encoding="utf-8"))["article_id"])
        if article is not None and article.language:
            found.add(str(article.language))
    return sorted(found)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", help="write the figures to this file")
    parser.add_argument(
        "--language",
        default=FLOORS_LANGUAGE,
        help=f"the language whose figures --json writes under 'parts' (default "
        f"{FLOORS_LANGUAGE}, the one the floors are pinned on; '{ALL_LANGUAGES}' pools them)",
    )
    add_part_option(parser)
    args = parser.parse_args(argv)
    by_language: dict[str, dict[str, dict[str, Any]]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        store = ingest_samples(str(Path(tmp) / "gold.db"))
        try:
            languages = [*gold_languages(store), ALL_LANGUAGES]
            if args.language not in languages:
                raise SystemExit(
                    f"--language {args.language}: no gold article is in that language "
                    f"(found: {', '.join(languages)})"
                )
            for language in languages:
                by_language[language] = {
                    part: score(store, part=part, language=language)
                    for part in parts_to_score(args.part)
                }
        finally:
            store.close()
    for language, results in by_language.items():
        for part, result in results.items():
            _print(part, language, result)
    if args.json:
        payload = {
            "benchmark": FLOORS_KEY,
            "date": time.strftime("%Y-%m-%d"),
            "language": args.language,
            "parts": {
                part: {**result, "floor_metrics": floor_metrics(result)}
                for part, result in by_language[args.language].items()
            },
            "languages": by_language,
        }
        Path(args.json).write_text(json.dumps(payload, indent=2), encoding="utf-8")
    return 0


def _print(part: str, language: str, result: dict[str, Any]) -> None:
    shown_language = "all languages" if language == ALL_LANGUAGES else language
    print(f"\n## {part} part, {shown_language}: {result['counts']['articles']} articles\n")
    for key, value in result.items():
        if key not in ("counts", "part", "language"):
            shown = (
                {k: round(v, 3) for k, v in value.items()}
                if isinstance(value, dict)
                else (round(value, 3))
            )
            print(f"{key:24} {shown}")
    print(f"{'counts':24} {result['counts']}")


if __name__ == "__main__":
    sys.exit(main())
