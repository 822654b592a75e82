"""Interleaved rounds for the throughput benchmark (``throughput.py --rounds N``).

On a shared machine the load drifts over the minutes a 2,000-article run takes, so a
baseline timed ten minutes after the ingest can be 10% faster or slower for reasons of
its own. Rounds pair the measurements in time: the texts are cut into N consecutive
slices, and each slice is ingested and then run through bare ``nlp.pipe`` (and plain
``spacy.load``) before the next slice starts. Each stage's time is the sum over rounds,
and every round's own ratio is kept, so the spread shows how much the load moved.

All rounds ingest into one store, so later slices are written into a store that holds
the earlier ones, as in a single run. Each round is its own ``Ingest.run`` and so ends
with its own (incremental) story rebuild, which a single run does once: that extra work
counts against Dossier, never for it.
"""

from __future__ import annotations

import statistics
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


@dataclass
class Rounds:
    """Seconds per round for each stage, in round order."""

    ingest: list[float] = field(default_factory=list)
    bare: list[float] = field(default_factory=list)
    plain: list[float] = field(default_factory=list)
    runs: list[Any] = field(default_factory=list)  # each round's ``IngestRun``

    def ratios(self, baseline: list[float]) -> list[float]:
        return [i / b for i, b in zip(self.ingest, baseline, strict=True) if b]

    def as_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "rounds": len(self.ingest),
            "ingest_seconds": self.ingest,
            "bare_seconds": self.bare,
            "ratio_per_round": self.ratios(self.bare),
        }
        if self.plain:
            out["plain_seconds"] = self.plain
            out["plain_ratio_per_round"] = self.ratios(self.plain)
        return out


def slices(texts: Sequence[str], rounds: int) -> list[Sequence[str]]:
    """``texts`` in ``rounds`` consecutive parts of (nearly) equal size, none empty."""
    rounds = max(1, min(rounds, len(texts)))
    size, extra = divmod(len(texts), rounds)
    parts, start = [], 0
    for i in range(rounds):
        end = start + size + (1 if i < extra else 0)
        parts.append(texts[start:end])
        start = end
    return parts


def run(
    texts: Sequence[str],
    folder: Path,
    rounds: int,
    write: Callable[[Sequence[str], Path], None],
    ingest: Callable[[Path], Any],
    bare: Callable[[Sequence[str]], float],
    plain: Callable[[Sequence[str]], float] | None,
) -> Rounds:
    """Each slice written to its own folder, ingested (``ingest(folder)`` gives an
    ``IngestRun``), then timed bare (``bare(texts)``, and ``plain(texts)`` if given)."""
    out = Rounds()
    for i, part in enumerate(slices(texts, rounds)):
        where = folder / f"round-{i + 1}"
        where.mkdir(parents=True)
        write(part, where)
        out.runs.append(ingest(where))
        out.ingest.append(out.runs[-1].seconds)
        out.bare.append(bare(part))
        if plain is not None:
            out.plain.append(plain(part))
    return out


def spread(ratios: Sequence[float]) -> str:
    if not ratios:
        return "none"
    return (
        f"median {statistics.median(ratios):.2f}x, from {min(ratios):.2f}x "
        f"to {max(ratios):.2f}x over {len(ratios)} rounds"
    )


@dataclass
class Summary:
    """Every round's ingest summary added up, shaped as the one ``throughput`` prints."""

    counts: dict[str, Any]
    errors: list[Any]

    def as_dict(self) -> dict[str, Any]:
        return {**self.counts, "errors": len(self.errors)}


def total(summaries: Sequence[Any]) -> Summary:
    counts: dict[str, Any] = {}
    errors: list[Any] = []
    for summary in summaries:
        errors += summary.errors
        for key, value in summary.as_dict().items():
            if key != "errors" and isinstance(value, int):
                counts[key] = counts.get(key, 0) + value
    return Summary(counts, errors)
