"""Re-verify every gold annotation file against the article texts in a Dossier store.

Usage (from the repository root, after ``dossier --db DB_PATH ingest samples/corpus``)::

    python samples/gold/check.py DB_PATH

For each ``<article_id>.json`` next to this script it checks that the store holds the
article, that the SHA-256 of the stored text matches ``text_sha256``, that every span
(quotes with their cue and speaker, labels, claims with their hedges, figures) satisfies
``text[start:end] == span["text"]``, and that the enumerated fields use known values.
Exits 1 and lists the problems if anything is off.
"""

from __future__ import annotations

import hashlib
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from dossier.store import open_store

GOLD_DIR = Path(__file__).resolve().parent
QUOTE_KINDS = {"direct", "partial", "indirect"}
EVIDENCE_TYPES = {"named_person", "anonymous_person", "document", "organization", "outlet"}
FIGURE_KINDS = {
    "length",
    "area",
    "money",
    "percent",
    "count",
    "year",
    "year_range",
    "rate",
    "duration",
    "number",
}
QUALIFIERS = {None, "more than", "about", "at least", "nearly", "up to", "less than", "between"}


def gold_files(directory: Path = GOLD_DIR) -> list[Path]:
    """The gold annotation files, one per article, sorted by name."""
    return sorted(directory.glob("*.json"))


def _spans(gold: dict[str, Any]) -> Iterator[tuple[str, dict[str, Any]]]:
    """Every span in a gold file, with a label saying where it sits."""
    for i, quote in enumerate(gold["quotes"]):
        yield f"quotes[{i}]", quote
        if quote["cue"] is not None:
            yield f"quotes[{i}].cue", quote["cue"]
        if quote["speaker"]["start"] is not None:
            yield f"quotes[{i}].speaker", quote["speaker"]
    for i, label in enumerate(gold["labels"]):
        yield f"labels[{i}]", label
    for i, claim in enumerate(gold["claims"]):
        yield f"claims[{i}]", claim
        for j, hedge in enumerate(claim["hedges"]):
            yield f"claims[{i}].hedges[{j}]", hedge
    for i, figure in enumerate(gold["figures"]):
        yield f"figures[{i}]", figure


def _enum_problems(gold: dict[str, Any]) -> Iterator[str]:
    for i, quote in enumerate(gold["quotes"]):
        if quote["kind"] not in QUOTE_KINDS:
            yield f"quotes[{i}]: unknown kind {quote['kind']!r}"
        speaker = quote["speaker"]
        if (speaker["start"] is None) != (speaker["end"] is None):
            yield f"quotes[{i}].speaker: start and end must both be set or both be null"
    for i, claim in enumerate(gold["claims"]):
        if claim["evidence"] not in EVIDENCE_TYPES:
            yield f"claims[{i}]: unknown evidence {claim['evidence']!r}"
    for i, figure in enumerate(gold["figures"]):
        if figure["kind"] not in FIGURE_KINDS:
            yield f"figures[{i}]: unknown kind {figure['kind']!r}"
        if figure["qualifier"] not in QUALIFIERS:
            yield f"figures[{i}]: unknown qualifier {figure['qualifier']!r}"


def check_gold(gold: dict[str, Any], text: str) -> list[str]:
    """Problems with one gold file against the article text it annotates."""
    problems: list[str] = []
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    if digest != gold["text_sha256"]:
        expected = gold["text_sha256"][:12]
        problems.append(f"text_sha256 differs: gold {expected}, store {digest[:12]}")
    for where, span in _spans(gold):
        start, end = span["start"], span["end"]
        if not (isinstance(start, int) and isinstance(end, int) and 0 <= start <= end <= len(text)):
            problems.append(f"{where}: bad offsets {start!r}..{end!r}")
        elif text[start:end] != span["text"]:
            found = text[start:end]
            problems.append(f"{where}: text[{start}:{end}] is {found!r}, not {span['text']!r}")
    problems.extend(_enum_problems(gold))
    return problems


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print("usage: python samples/gold/check.py DB_PATH", file=sys.stderr)
        return 2
    store = open_store(argv[1])
    files = gold_files()
    failed = 0
    for path in files:
        gold = json.loads(path.read_text(encoding="utf-8"))
        article = store.article(gold["article_id"])
        if article is None:
            problems = [f"article {gold['article_id']} is not in the store"]
        else:
            problems = check_gold(gold, article.text)
        if problems:
            failed += 1
            print(f"FAIL {path.name} ({gold['source']})")
            for problem in problems:
                print(f"  {problem}")
        else:
            spans = sum(1 for _ in _spans(gold))
            print(f"ok   {path.name}: {spans} spans")
    print(f"{len(files) - failed}/{len(files)} gold files verified")
    return 1 if failed or not files else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
