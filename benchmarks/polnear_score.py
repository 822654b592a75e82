"""Scoring PolNeAR attributions: trimming spans, one-to-one matching, counting, metrics.

Used by ``benchmarks/quotes_polnear.py``, whose docstring states the rules.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, fields
from typing import Any

from benchmarks.polnear_gold import GoldAttribution

STRIP_CHARS = frozenset("“”\"‘’',.:")
DOUBLE_QUOTES = frozenset('“”"')

KINDS = ("direct", "partial", "indirect")

Interval = tuple[int, int]


@dataclass(frozen=True, slots=True)
class Predicted:
    """A system's quote reduced to offsets; ``cue``/``source`` are ``None`` when absent."""

    content: Interval
    kind: str = "direct"
    cue: Interval | None = None
    source: Interval | None = None


# --- spans and matching ---------------------------------------------------------------------


def _strippable(char: str) -> bool:
    return char.isspace() or char in STRIP_CHARS


def _trimmed(text: str, span: Interval) -> Interval | None:
    start, end = span
    while start < end and _strippable(text[start]):
        start += 1
    while end > start and _strippable(text[end - 1]):
        end -= 1
    return (start, end) if start < end else None


def trim(text: str, span: Interval) -> Interval:
    """``span`` without outer whitespace, quotation marks and , . : (unchanged if all of it)."""
    return _trimmed(text, span) or span


def hull(pieces: Sequence[Interval]) -> Interval:
    return min(a for a, _ in pieces), max(b for _, b in pieces)


@dataclass(frozen=True, slots=True, order=True)
class Target:
    """A gold span ready to compare: its trimmed hull and its trimmed pieces."""

    hull: Interval
    pieces: tuple[Interval, ...]

    @property
    def wholes(self) -> tuple[Interval, ...]:
        """What an exact match may equal as a whole: the trimmed hull, the hull of the pieces."""
        return (self.hull, hull(self.pieces))


def target(text: str, pieces: Sequence[Interval]) -> Target:
    """Trim a gold span; a piece that is nothing but strippable characters is dropped."""
    kept = tuple(sorted(t for t in (_trimmed(text, p) for p in pieces) if t is not None))
    return Target(trim(text, hull(pieces)), kept or tuple(sorted(pieces)))


def merge(pieces: Iterable[Interval]) -> list[Interval]:
    """Sorted, non-overlapping intervals covering the same characters."""
    merged: list[Interval] = []
    for start, end in sorted(p for p in pieces if p[1] > p[0]):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def covered(pieces: Iterable[Interval]) -> int:
    return sum(end - start for start, end in merge(pieces))


def shared(a: Iterable[Interval], b: Iterable[Interval]) -> int:
    """Characters covered by both sets of intervals."""
    left, right = merge(a), merge(b)
    total, i, j = 0, 0, 0
    while i < len(left) and j < len(right):
        total += max(0, min(left[i][1], right[j][1]) - max(left[i][0], right[j][0]))
        if left[i][1] < right[j][1]:
            i += 1
        else:
            j += 1
    return total


def exact_match(predicted: Interval, gold: Target) -> bool:
    """Equal to the gold hull, or to one piece of discontinuous gold (both trimmed)."""
    return predicted in gold.wholes or (len(gold.pieces) > 1 and predicted in gold.pieces)


def _one_to_one(candidates: list[tuple[Any, ...]]) -> list[tuple[int, int]]:
    """Greedy pairing in sorted order; each tuple ends with (gold index, predicted index)."""
    pairs, used_gold, used_pred = [], set(), set()
    for *_, gi, pi in sorted(candidates):
        if gi not in used_gold and pi not in used_pred:
            pairs.append((gi, pi))
            used_gold.add(gi)
            used_pred.add(pi)
    return sorted(pairs)


def match_exact(gold: Sequence[Target], predicted: Sequence[Interval]) -> list[tuple[int, int]]:
    """One-to-one (gold index, predicted index) pairs that match exactly.

    Whole-span matches are paired first, then piece matches, so that a
    prediction equal to one gold span is not taken by another's identical piece.
    """
    candidates = []
    for gi, g in enumerate(gold):
        for pi, span in enumerate(predicted):
            if span in g.wholes:
                candidates.append((0, gi, pi))
            elif len(g.pieces) > 1 and span in g.pieces:
                candidates.append((1, gi, pi))
    return _one_to_one(candidates)


def match_overlap(gold: Sequence[Target], predicted: Sequence[Interval]) -> list[tuple[int, int]]:
    """One-to-one greedy pairs by most shared characters, then overlap/union, then position.

    Only the gold pieces count, not the gaps between them.
    """
    candidates = []
    for gi, g in enumerate(gold):
        for pi, span in enumerate(predicted):
            common = shared([span], g.pieces)
            if common > 0:
                union = covered([span, *g.pieces])
                candidates.append((-common, -common / union, gi, pi))
    return _one_to_one(candidates)


def has_double_quote(text: str, pieces: Sequence[Interval]) -> bool:
    return any(char in DOUBLE_QUOTES for start, end in pieces for char in text[start:end])


# --- scoring ------------------------------------------------------------------------------


@dataclass
class Counts:
    """Integer tallies for one text or, summed, for a whole split."""

    texts: int = 0
    gold: int = 0
    predicted: int = 0
    dropped_events: int = 0
    content_exact_tp: int = 0
    content_overlap_tp: int = 0
    predicted_split: int = 0
    chars_gold: int = 0
    chars_predicted: int = 0
    chars_shared: int = 0
    gold_with_source: int = 0
    predicted_with_source: int = 0
    matched_with_gold_source: int = 0
    matched_without_predicted_source: int = 0
    source_exact: int = 0
    source_overlap: int = 0
    cue_gold: int = 0
    cue_predicted: int = 0
    cue_exact_tp: int = 0
    cue_overlap_tp: int = 0
    gold_quoted: int = 0
    gold_quoted_found: int = 0
    gold_unquoted: int = 0
    gold_unquoted_found: int = 0
    kinds: Counter[str] = field(default_factory=Counter)
    kinds_matched: Counter[str] = field(default_factory=Counter)

    def add(self, other: Counts) -> None:
        for f in fields(self):
            value = getattr(other, f.name)
            if isinstance(value, Counter):
                getattr(self, f.name).update(value)
            else:
                setattr(self, f.name, getattr(self, f.name) + value)

    def as_dict(self) -> dict[str, Any]:
        return {
            f.name: dict(sorted(getattr(self, f.name).items()))
            if isinstance(getattr(self, f.name), Counter)
            else getattr(self, f.name)
            for f in fields(self)
        }


def score_text(
    text: str, gold: Sequence[GoldAttribution], predicted: Sequence[Predicted]
) -> Counts:
    """Tallies for one text; every span is trimmed first (see the module docstring)."""
    contents = [target(text, g.content) for g in gold]
    spans = [trim(text, p.content) for p in predicted]
    counts = Counts(texts=1, gold=len(gold), predicted=len(predicted))
    counts.content_exact_tp = len(match_exact(contents, spans))
    overlap_pairs = match_overlap(contents, spans)
    counts.content_overlap_tp = len(overlap_pairs)
    matched_pred = {pi for _, pi in overlap_pairs}
    counts.predicted_split = sum(
        1
        for pi, span in enumerate(spans)
        if pi not in matched_pred and any(shared([span], c.pieces) for c in contents)
    )

    # A Dossier quote is one span, so here gold content counts as its hull, gaps included.
    gold_chars = [c.hull for c in contents]
    counts.chars_gold = covered(gold_chars)
    counts.chars_predicted = covered(spans)
    counts.chars_shared = shared(gold_chars, spans)

    sources = [target(text, g.source) if g.source else None for g in gold]
    guesses = [trim(text, p.source) if p.source else None for p in predicted]
    counts.gold_with_source = sum(1 for s in sources if s is not None)
    counts.predicted_with_source = sum(1 for s in guesses if s is not None)
    for gi, pi in overlap_pairs:
        source, guess = sources[gi], guesses[pi]
        if source is None:
            continue
        counts.matched_with_gold_source += 1
        if guess is None:
            counts.matched_without_predicted_source += 1
            continue
        counts.source_exact += exact_match(guess, source)
        counts.source_overlap += shared([guess], source.pieces) > 0

    gold_cues = sorted({target(text, g.cue) for g in gold if g.cue})
    predicted_cues = sorted({trim(text, p.cue) for p in predicted if p.cue})
    counts.cue_gold, counts.cue_predicted = len(gold_cues), len(predicted_cues)
    counts.cue_exact_tp = len(match_exact(gold_cues, predicted_cues))
    counts.cue_overlap_tp = len(match_overlap(gold_cues, predicted_cues))

    found = {gi for gi, _ in overlap_pairs}
    for gi, g in enumerate(gold):
        if has_double_quote(text, g.content):
            counts.gold_quoted += 1
            counts.gold_quoted_found += gi in found
        else:
            counts.gold_unquoted += 1
            counts.gold_unquoted_found += gi in found
    counts.kinds = Counter(p.kind for p in predicted)
    counts.kinds_matched = Counter(predicted[pi].kind for _, pi in overlap_pairs)
    return counts


def ratio(numerator: float, denominator: float) -> float:
    return numerator / denominator if denominator else 0.0


def prf(tp: int, predicted: int, gold: int) -> tuple[float, float, float]:
    precision, recall = ratio(tp, predicted), ratio(tp, gold)
    total = precision + recall
    return precision, recall, 2 * precision * recall / total if total else 0.0


def metrics(c: Counts) -> dict[str, float]:
    """Every headline figure, flat, by the names ``floors.json`` uses."""
    rows = {
        "content_exact": (c.content_exact_tp, c.predicted, c.gold),
        "content_overlap": (c.content_overlap_tp, c.predicted, c.gold),
        "content_chars": (c.chars_shared, c.chars_predicted, c.chars_gold),
        "source_exact": (c.source_exact, c.predicted_with_source, c.gold_with_source),
        "source_overlap": (c.source_overlap, c.predicted_with_source, c.gold_with_source),
        "cue": (c.cue_exact_tp, c.cue_predicted, c.cue_gold),
        "cue_overlap": (c.cue_overlap_tp, c.cue_predicted, c.cue_gold),
    }
    result: dict[str, float] = {}
    for name, counts in rows.items():
        for key, value in zip(("precision", "recall", "f1"), prf(*counts), strict=True):
            result[f"{name}_{key}"] = value
    result["source_exact_accuracy"] = ratio(c.source_exact, c.matched_with_gold_source)
    result["source_overlap_accuracy"] = ratio(c.source_overlap, c.matched_with_gold_source)
    return result
