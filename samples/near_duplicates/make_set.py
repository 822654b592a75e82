"""Build the labelled near-duplicate set (``docs.jsonl``) from our own sample corpus.

Every article of ``samples/corpus/html`` and ``samples/corpus/text`` (written by us) is an
original. Each original gets edited copies, made here by fixed, seeded edits that mimic
syndication and re-posting:

- ``wire1`` .. ``wire5``: the story on five sites, each with its own boilerplate
  (a credit line at the top, a newsletter or related-links footer at the bottom);
- ``cut1``: one paragraph cut (the longest one that is not the first);
- ``cut2``: two paragraphs cut;
- ``edit``: light copy-editing: about one word in twenty swapped or dropped, and the
  first paragraph's first sentence rewritten;
- ``wire_cut``: boilerplate added and one paragraph cut;
- ``trimmed``: only the first 60% of the paragraphs (an aggregator's cut-down copy);
- ``heavy_edit``: about one word in eight swapped or dropped.

Harder negatives: a ``roundup`` per original, in a group of its own, made of the
original's first two paragraphs followed by the first three of the next original: a
digest that quotes two stories is a copy of neither.

A document's ``group`` is its original's file stem: two documents are copies of each
other exactly when they share a group. Different originals are different articles, many
of them on the same topic (the Litoral prison clash from three outlets, the
Guayaquil-Duran raids from two, several Manta stories). Run from the repository root:
``python samples/near_duplicates/make_set.py``.
"""

from __future__ import annotations

import json
import random
from pathlib import Path

from dossier.ingest import kinds
from dossier.ingest.extract import extract
from dossier.models import RawDocument

HERE = Path(__file__).parent
CORPUS = HERE.parent / "corpus"

_HEADERS = [
    "Distributed by the Meridian Wire syndication desk. Republished with permission.",
    "From our partners at a regional news agency. All rights reserved.",
    "This report first appeared on a partner site and is shared under a content agreement.",
    "Wire copy, lightly edited for style by our night desk.",
    "",
]
_FOOTERS = [
    "Sign up for our morning newsletter to get the day's top stories from the region "
    "delivered to your inbox. Follow us on social media for breaking news alerts.",
    "Related coverage: more from our security desk, our Andes bureau and our weekly "
    "politics podcast. Comments are closed on this article.",
    "Have a tip about this story? Write to our newsroom; we read every message and protect "
    "our sources.",
    "Copyright of the original publisher. This article may not be reproduced without "
    "written permission. Advertising helps keep our reporting free.",
    "Read more stories like this one in our Latin America section, updated every hour.",
]
_SWAPS = {
    "said": "stated",
    "told": "informed",
    "police": "officers",
    "officials": "authorities",
    "government": "administration",
    "on": "on",
    "the": "the",
    "after": "following",
    "about": "around",
    "more": "over",
}


def originals() -> list[tuple[str, str]]:
    out = []
    for path in sorted((CORPUS / "html").glob("*.html")) + sorted((CORPUS / "text").glob("*")):
        kind = kinds.HTML if path.suffix == ".html" else kinds.TEXT
        doc = RawDocument(source=str(path), content=path.read_bytes(), kind=kind)
        out.append((path.stem, extract(doc).text))
    return out


def _paragraphs(text: str) -> list[str]:
    return [p for p in text.split("\n") if p.strip()]


def _cut(paras: list[str], n: int) -> list[str]:
    order = sorted(range(1, len(paras)), key=lambda i: -len(paras[i]))[:n]
    return [p for i, p in enumerate(paras) if i not in order]


def _wire(paras: list[str], site: int) -> list[str]:
    header = _HEADERS[site % len(_HEADERS)]
    return [*([header] if header else []), *paras, _FOOTERS[site % len(_FOOTERS)]]


def _edit(paras: list[str], rng: random.Random, rate: float = 0.05) -> list[str]:
    out = []
    for i, para in enumerate(paras):
        words = para.split(" ")
        if i == 0 and ". " in para:
            words = ("In a development on Tuesday, " + para.split(". ", 1)[1]).split(" ")
        edited = []
        for w in words:
            roll = rng.random()
            if roll < rate / 2:
                continue
            edited.append(_SWAPS.get(w, w) if roll < rate else w)
        out.append(" ".join(edited))
    return out


def documents() -> list[dict[str, str]]:
    rng = random.Random(20261201)
    docs = []
    found = originals()
    for n, (stem, text) in enumerate(found):
        paras = _paragraphs(text)
        docs.append({"id": stem, "group": stem, "kind": "original", "text": text})
        copies = {f"wire{s + 1}": _wire(paras, s) for s in range(5)}
        copies["cut1"] = _cut(paras, 1)
        copies["cut2"] = _cut(paras, 2)
        copies["edit"] = _edit(paras, rng)
        copies["wire_cut"] = _wire(_cut(paras, 1), 2)
        copies["trimmed"] = paras[: max(1, round(len(paras) * 0.6))]
        copies["heavy_edit"] = _edit(paras, rng, 0.125)
        other = _paragraphs(found[(n + 1) % len(found)][1])
        roundup = f"{stem}~roundup"
        docs.append(
            {
                "id": roundup,
                "group": roundup,
                "kind": "roundup",
                "text": "\n".join(paras[:2] + other[:3]),
            }
        )
        for kind, body in copies.items():
            docs.append(
                {"id": f"{stem}~{kind}", "group": stem, "kind": kind, "text": "\n".join(body)}
            )
    return docs


def main() -> None:
    with (HERE / "docs.jsonl").open("w", encoding="utf-8") as out:
        for doc in documents():
            out.write(json.dumps(doc, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
