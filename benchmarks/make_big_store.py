"""Build a large SQLite store (default 10,000 articles) from the sample corpus.

For the serving benchmark (``api_latency.py``): it needs a store the size of a
real desk's archive, and analysing 10,000 articles through spaCy would take an
hour on two cores. So the sample corpus is analysed once, through the real
pipeline (``Ingest`` over ``samples/corpus``, outlet homes and all), and each
copy is written through the store's real save path (``store.save`` with an
``Extracted`` and an ``Analysis``), so entity resolution, event linking and the
full-text index do the work they do on ingest.

What varies between copies, deterministically (``--seed``), and why:

* **ID and URL**: every copy is a new article (``https://<outlet>/bench/<n>``).
* **Outlet**: one of ``--outlets`` names, so outlet facets have spread.
* **Publication date**: spread over ``--days`` days; the article's resolved
  dates (and so its events' dates) move with it, so the timeline, the date
  facet and date filters have spread, and events of copies published weeks
  apart do not merge into one cross-article event (``event_links`` requires
  dates within two days).
* **Figures**: plain whole numbers of 10 or more get new values of as many
  digits (``event_links`` indexes reports by their figures).
* **Words**: a share (``--vary``) of the words of three letters or more outside every short
  span (names, places, dates, figures, cues, triggers) is replaced by a corpus
  word of the same length. Same length keeps every offset of the analysis
  valid; the stored texts of quotes, claims and events are re-cut from the new
  text. Search terms then hit a varying subset of the copies, and event
  sentences differ enough that the linker's sentence index does not return
  every earlier copy of a sentence as a candidate: with identical copies each
  write reads hundreds of candidate reports, and the build grows with the
  square of the store.

The analysis of the samples is cached (``--cache``), so a rebuild skips spaCy.
"""

from __future__ import annotations

import argparse
import dataclasses
import hashlib
import os
import pickle
import random
import re
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Iterable, Iterator
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from tqdm import tqdm

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples" / "corpus"
# The long spans, whose words may change: a quote's or claim's content, an event's clause
# and sentence. Every other span (mentions, places, dates, figures, cues, speakers,
# triggers, actors, hedges) keeps its words.
LONG_SPANS = {
    ("Quote", "start"),
    ("Claim", "start"),
    ("Event", "start"),
    ("Event", "sentence_start"),
}
_WORD = re.compile(r"\b[A-Za-z][a-z]{2,}\b")
_DIGITS = re.compile(r"(?<![\d.,])\d+(?![\d.,]\d)")
_FIRST_DAY = date(2024, 1, 1)

Sample = tuple[Any, Any]  # (Extracted, Analysis)


def analyse_samples(corpus: Path, progress: bool) -> list[Sample]:
    """Each sample article's extraction and analysis, as ingest produces them."""
    from dossier.models import Analysis, Extracted, SaveResult
    from dossier.pipeline import Ingest
    from dossier.store.sqlite import SqliteStore

    captured: list[Sample] = []

    class Capturing(SqliteStore):
        def save(self, extracted: Extracted, analysis: Analysis) -> SaveResult:
            result = super().save(extracted, analysis)
            if result.outcome in ("new", "version") and analysis.analysed:
                captured.append((extracted, analysis))
            return result

    with tempfile.TemporaryDirectory() as tmp:
        store = Capturing(os.path.join(tmp, "samples.db"))
        try:
            summary = Ingest(store, progress=progress).run([str(corpus)])
        finally:
            store.close()
    if not captured:
        raise SystemExit(f"no analysed article in {corpus}: {summary.as_dict()}")
    # A later version replaces its article: keep each article's last text only.
    latest: dict[str, Sample] = {}
    for extracted, analysis in captured:
        latest[extracted.url or extracted.source] = (extracted, analysis)
    return list(latest.values())


def corpus_fingerprint(corpus: Path) -> str:
    import dossier

    digest = hashlib.sha256(getattr(dossier, "__version__", "").encode())
    for path in sorted(p for p in corpus.rglob("*") if p.is_file()):
        digest.update(str(path.relative_to(corpus)).encode())
        digest.update(path.read_bytes())
    package = ROOT / "src" / "dossier"
    code = [package / "models.py", package / "pipeline.py"]
    for folder in ("analyze", "ingest", "resources"):
        code.extend(p for p in (package / folder).rglob("*") if p.is_file())
    for path in sorted(code):
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def load_samples(corpus: Path, cache: Path | None, progress: bool) -> tuple[list[Sample], bool]:
    """The analysed samples, from the cache when it matches corpus and code; and whether cached."""
    key = corpus_fingerprint(corpus)
    if cache and cache.exists():
        with cache.open("rb") as f:
            stored_key, samples = pickle.load(f)
        if stored_key == key:
            return samples, True
    samples = analyse_samples(corpus, progress)
    if cache:
        with cache.open("wb") as f:
            pickle.dump((key, samples), f)
    return samples, False


def _children(value: Any) -> Iterator[Any]:
    if isinstance(value, tuple):
        for item in value:
            yield from _children(item)
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        yield value
        for f in dataclasses.fields(value):
            yield from _children(getattr(value, f.name))


def _span_fields(record: Any) -> Iterator[tuple[str, str, str]]:
    """(text field, start field, end field) of each span a record holds."""
    names = {f.name for f in dataclasses.fields(record)}
    if {"start", "end"} <= names:
        yield "text", "start", "end"
    for name in names:
        if name.endswith("_start") and name.removesuffix("_start") + "_end" in names:
            stem = name.removesuffix("_start")
            yield stem, name, stem + "_end"


def protected_spans(analysis: Any) -> Iterator[tuple[int, int]]:
    for record in _children(analysis):
        for _, start, end in _span_fields(record):
            if (type(record).__name__, start) in LONG_SPANS:
                continue
            s, e = getattr(record, start), getattr(record, end)
            if isinstance(s, int) and isinstance(e, int):
                yield s, e


def recut(value: Any, old: str, new: str) -> Any:
    """``value`` with every span text that was cut from ``old`` cut again from ``new``."""
    if isinstance(value, tuple):
        return tuple(recut(v, old, new) for v in value)
    if not dataclasses.is_dataclass(value) or isinstance(value, type):
        return value
    changes: dict[str, Any] = {}
    for f in dataclasses.fields(value):
        child = getattr(value, f.name)
        if isinstance(child, tuple) or dataclasses.is_dataclass(child):
            changes[f.name] = recut(child, old, new)
    for text, start, end in _span_fields(value):
        s, e = getattr(value, start), getattr(value, end)
        current = getattr(value, text, None)
        if isinstance(s, int) and isinstance(e, int) and current == old[s:e]:
            changes[text] = new[s:e]
    return dataclasses.replace(value, **changes) if changes else value


def vocabulary(samples: Iterable[Sample]) -> dict[int, list[str]]:
    words: dict[int, set[str]] = defaultdict(set)
    for extracted, _ in samples:
        for word in _WORD.findall(extracted.text):
            words[len(word)].add(word.lower())
    return {n: sorted(ws) for n, ws in words.items()}


def vary_text(
    text: str,
    protected: list[tuple[int, int]],
    vocab: dict[int, list[str]],
    share: float,
    rng: random.Random,
) -> str:
    """``text`` with a share of its free words swapped for same-length words (case kept)."""
    blocked = bytearray(len(text) + 1)
    for s, e in protected:
        blocked[max(s, 0) : max(e, 0)] = b"\x01" * (max(e, 0) - max(s, 0))
    out = list(text)
    for match in _WORD.finditer(text):
        s, e = match.span()
        if any(blocked[s:e]) or rng.random() >= share:
            continue
        choices = vocab.get(e - s)
        if choices:
            word = rng.choice(choices)
            out[s:e] = word.capitalize() if text[s].isupper() else word
    return "".join(out)


def vary_figures(text: str, analysis: Any, rng: random.Random) -> tuple[str, Any]:
    """New values, of as many digits, for the plain whole numbers of 10 or more in figures.

    Event linking indexes reports by their figures; copies that all repeat "23 detained"
    would each be compared with every earlier copy.
    """
    out = list(text)
    figures = []
    for f in analysis.figures:
        digits = list(_DIGITS.finditer(text, f.start, f.end))
        value = f.value
        if (
            len(digits) == 1
            and f.value_to is None
            and value is not None
            and value.is_integer()
            and value >= 10
            and not 1900 <= value <= 2100
            and int(digits[0].group()) == value
        ):
            s, e = digits[0].span()
            new = str(rng.randrange(10 ** (e - s - 1), 10 ** (e - s)))
            out[s:e] = new
            f = dataclasses.replace(f, value=float(new))
        figures.append(f)
    return "".join(out), dataclasses.replace(analysis, figures=tuple(figures))


def _shift_dates(analysis: Any, days: int) -> Any:
    moved = []
    for d in analysis.dates:
        start = _plus(d.start_date, days)
        end = _plus(d.end_date, days)
        moved.append(dataclasses.replace(d, start_date=start, end_date=end))
    return dataclasses.replace(analysis, dates=tuple(moved))


def _plus(iso: str | None, days: int) -> str | None:
    if not iso:
        return iso
    try:
        return (date.fromisoformat(iso[:10]) + timedelta(days=days)).isoformat() + iso[10:]
    except ValueError:
        return iso


def _day(published: str | None) -> date | None:
    if not published:
        return None
    try:
        return datetime.fromisoformat(published).date()
    except ValueError:
        try:
            return date.fromisoformat(published[:10])
        except ValueError:
            return None


def make_copy(
    n: int, sample: Sample, vocab: dict[int, list[str]], options: argparse.Namespace
) -> Sample:
    extracted, analysis = sample
    rng = random.Random(f"{options.seed}:{n}")
    outlet_base = (extracted.outlet or "bench").split(".")[0]
    outlet = f"{outlet_base}-{rng.randrange(options.outlets)}.example"
    day = _FIRST_DAY + timedelta(days=rng.randrange(options.days))
    published = f"{day.isoformat()}T{rng.randrange(6, 22):02d}:{rng.randrange(60):02d}:00+00:00"
    original = _day(extracted.published)
    if original is not None:
        analysis = _shift_dates(analysis, (day - original).days)
    protected = list(protected_spans(analysis))
    text, analysis = vary_figures(extracted.text, analysis, rng)
    text = vary_text(text, protected, vocab, options.vary, rng)
    analysis = recut(analysis, extracted.text, text)
    copy = dataclasses.replace(
        extracted,
        source=f"bench/{n:06d}",
        member="",
        text=text,
        outlet=outlet,
        published=published,
        url=f"https://{outlet}/bench/{n:06d}",
        raw_hash=hashlib.sha256(f"bench:{n}".encode()).hexdigest(),
        origin=None,
        title=f"{extracted.title or 'Untitled'} ({n})",
    )
    return copy, analysis


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("db", help="SQLite file to write (must not exist)")
    parser.add_argument("-n", "--articles", type=int, default=10_000)
    parser.add_argument("--corpus", default=str(SAMPLES))
    parser.add_argument("--seed", default="dossier-bench")
    parser.add_argument("--outlets", type=int, default=6, help="outlet names per sample outlet")
    parser.add_argument("--days", type=int, default=730, help="publication dates spread")
    parser.add_argument("--vary", type=float, default=0.6, help="share of free words replaced")
    parser.add_argument(
        "--cache", default=None, help="analysis cache (default: DB + '.samples.pickle')"
    )
    parser.add_argument("--no-progress", action="store_true")
    parser.add_argument("--json", metavar="OUT", help="write the build figures as JSON")
    options = parser.parse_args(argv)
    db = Path(options.db)
    if db.exists():
        print(f"{db}: exists; give a new file", file=sys.stderr)
        return 2
    if options.articles < 1 or not 0 <= options.vary <= 1:
        print("--articles must be >= 1 and --vary between 0 and 1", file=sys.stderr)
        return 2
    progress = not options.no_progress
    cache = Path(options.cache) if options.cache else Path(str(db) + ".samples.pickle")

    started = time.perf_counter()
    samples, cached = load_samples(Path(options.corpus), cache, progress)
    analysed_s = time.perf_counter() - started
    samples.sort(key=lambda s: s[0].url or s[0].source)
    vocab = vocabulary(samples)

    from dossier.store import open_store

    store = open_store(str(db))
    outcomes: dict[str, int] = defaultdict(int)
    started = time.perf_counter()
    try:
        for n in tqdm(range(options.articles), unit="article", desc="save", disable=not progress):
            extracted, analysis = make_copy(n, samples[n % len(samples)], vocab, options)
            outcomes[store.save(extracted, analysis).outcome] += 1
    finally:
        store.close()
    saved_s = time.perf_counter() - started
    result = {
        "benchmark": "make_big_store",
        "articles": options.articles,
        "samples": len(samples),
        "analysis_cached": cached,
        "analysis_s": round(analysed_s, 1),
        "save_s": round(saved_s, 1),
        "articles_per_s": round(options.articles / saved_s, 1),
        "outcomes": dict(outcomes),
        "db_mib": round(db.stat().st_size / 2**20, 1),
        "options": {k: v for k, v in vars(options).items() if k not in ("db", "json")},
    }
    print(
        f"{db}: {options.articles} articles from {len(samples)} samples "
        f"(analysis {analysed_s:.1f} s{', cached' if cached else ''}; saves {saved_s:.1f} s, "
        f"{result['articles_per_s']} articles/s; {result['db_mib']} MiB); outcomes {dict(outcomes)}"
    )
    if options.json:
        import json

        Path(options.json).write_text(json.dumps(result, indent=2) + "\n")
    return 0 if outcomes.get("new") == options.articles else 1


if __name__ == "__main__":
    raise SystemExit(main())
