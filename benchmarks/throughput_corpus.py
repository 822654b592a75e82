"""The article texts the throughput benchmark ingests.

Two corpora:

* ``guardian``: the Guardian sample, ``news/guardian-sample.csv`` (249 articles).
* ``mixed``: every public news text in the evaluation folder and the project's
  own sample corpus, so a run can reach the 2,000 articles the issue asks
  for: the Guardian sample, PolNeAR's ``train`` and ``dev`` texts
  (``quotes/polnear/*/text/*.txt``), the LGL article texts
  (``geo/lgl.xml``), the scrapinghub gold ``articleBody`` texts
  (``extraction/scrapinghub/ground-truth.json``) and
  ``samples/corpus/text``. About 1,950 texts of very different lengths (LGL
  items run to a few hundred words, Guardian ones to thousands).

Only the texts are read, never a label, and nothing is printed from them:
the benchmark times them, it does not score them.

The store skips a text it already holds, which would skip its analysis too
and flatter the figures, so texts are kept only when their normalised body
(as ingest extracts and hashes it) is new. They are then put in one order
fixed by ``seed``. When ``count`` asks for more texts than there are, the
rest are *reshuffled copies*: a text of three or more paragraphs, chosen
with the same seed, keeps its first paragraph (a title, often) and has the
others put in another order. A copy is distinct from its original, so it is
analysed and stored in full, and it is a near-duplicate of it, so linking
near-duplicates does the work it does on a real feed that reruns a story.
"""

from __future__ import annotations

import csv
import json
import random
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

CORPORA = ("guardian", "mixed")
SEED = 2026
GUARDIAN_CSV = "news/guardian-sample.csv"
# Paragraphs reshuffled below the first; fewer than two leave nothing to reorder.
MIN_PARAGRAPHS = 3


@dataclass(frozen=True)
class Corpus:
    texts: list[str]
    sources: dict[str, int]  # texts taken from each source, copies under "reshuffled"
    missing: list[str]  # sources that were not found

    @property
    def words(self) -> int:
        return sum(len(text.split()) for text in self.texts)


def _guardian(eval_dir: Path) -> Iterator[str]:
    # The Guardian texts run to tens of thousands of characters.
    csv.field_size_limit(sys.maxsize)
    with (eval_dir / GUARDIAN_CSV).open(newline="", encoding="utf-8") as stream:
        for row in csv.DictReader(stream):
            yield row.get("text") or ""


def _polnear(eval_dir: Path) -> Iterator[str]:
    for split in ("train", "dev"):
        for path in sorted((eval_dir / "quotes" / "polnear" / split / "text").glob("*.txt")):
            yield path.read_text(encoding="utf-8")


def _lgl(eval_dir: Path) -> Iterator[str]:
    root = ET.parse(eval_dir / "geo" / "lgl.xml").getroot()
    for article in root.iter("article"):
        yield article.findtext("text") or ""


def _scrapinghub(eval_dir: Path) -> Iterator[str]:
    path = eval_dir / "extraction" / "scrapinghub" / "ground-truth.json"
    gold = json.loads(path.read_text(encoding="utf-8"))
    for key in sorted(gold):
        yield gold[key].get("articleBody") or ""


def _samples(samples_dir: Path) -> Iterator[str]:
    from dossier.ingest.plaintext import markdown_to_text

    for path in sorted(samples_dir.iterdir()):
        raw = path.read_text(encoding="utf-8")
        if path.suffix == ".md":
            # Written out as .txt, so the Markdown is turned into the text ingest would read.
            text, title = markdown_to_text(raw)
            raw = f"{title}\n\n{text.strip()}" if title else text
        if path.suffix in (".txt", ".md"):
            yield raw


def _sources(
    eval_dir: Path, samples_dir: Path, corpus: str
) -> dict[str, tuple[Path, Iterator[str]]]:
    found: dict[str, tuple[Path, Iterator[str]]] = {
        "guardian": (eval_dir / GUARDIAN_CSV, _guardian(eval_dir)),
    }
    if corpus == "mixed":
        found |= {
            "polnear": (eval_dir / "quotes" / "polnear", _polnear(eval_dir)),
            "lgl": (eval_dir / "geo" / "lgl.xml", _lgl(eval_dir)),
            "scrapinghub": (
                eval_dir / "extraction" / "scrapinghub" / "ground-truth.json",
                _scrapinghub(eval_dir),
            ),
            "samples": (samples_dir, _samples(samples_dir)),
        }
    return found


def body_key(text: str) -> str:
    """What the store compares to call a plain-text file already stored."""
    from dossier.ingest.plaintext import parse_plain_text
    from dossier.keys import normalise_text

    return normalise_text(parse_plain_text(text).text)


def reshuffled(text: str, rng: random.Random) -> str | None:
    """``text`` with its paragraphs after the first in another order; None if it has too few."""
    from dossier.ingest.plaintext import paragraphs

    paras = paragraphs(text)
    if len(paras) < MIN_PARAGRAPHS:
        return None
    head, rest = paras[0], paras[1:]
    order = rest[:]
    for _ in range(10):
        rng.shuffle(order)
        if order != rest:
            return "\n\n".join([head, *order])
    return None


def build(
    corpus: str,
    eval_dir: Path,
    samples_dir: Path,
    count: int | None = None,
    seed: int = SEED,
) -> Corpus:
    """``count`` distinct texts (all there are when None) from ``corpus``, in a fixed order."""
    if corpus not in CORPORA:
        raise ValueError(f"unknown corpus {corpus!r}: expected one of {', '.join(CORPORA)}")
    seen: set[str] = set()
    pool: list[tuple[str, str]] = []
    missing: list[str] = []
    for name, (path, items) in _sources(eval_dir, samples_dir, corpus).items():
        if not path.exists():
            missing.append(name)
            continue
        for text in items:
            key = body_key(text)
            if key and key not in seen:
                seen.add(key)
                pool.append((name, text))
    rng = random.Random(seed)
    rng.shuffle(pool)
    chosen = pool if count is None else pool[:count]
    sources: dict[str, int] = {}
    for name, _ in chosen:
        sources[name] = sources.get(name, 0) + 1
    texts = [text for _, text in chosen]
    wanted = 0 if count is None else count - len(texts)
    if wanted > 0:
        texts += _copies(texts, wanted, seen, rng)
        sources["reshuffled"] = wanted
    return Corpus(texts, sources, missing)


def _copies(texts: list[str], wanted: int, seen: set[str], rng: random.Random) -> list[str]:
    candidates = [text for text in texts if reshuffled(text, random.Random(0)) is not None]
    if not candidates:
        raise ValueError(
            f"{wanted} more texts are needed, and no text has {MIN_PARAGRAPHS} or more "
            "paragraphs to reshuffle"
        )
    copies: list[str] = []
    # Many orders exist for a text of a few paragraphs; a run of failures means they are spent.
    failures = 0
    while len(copies) < wanted:
        copy = reshuffled(rng.choice(candidates), rng)
        key = body_key(copy) if copy is not None else ""
        if copy is None or not key or key in seen:
            failures += 1
            if failures > 100 * wanted:
                raise ValueError(f"could only make {len(copies)} of {wanted} distinct copies")
            continue
        seen.add(key)
        copies.append(copy)
    return copies
