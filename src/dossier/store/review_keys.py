"""Stable keys for findings, so a verdict finds its item again after any re-analysis.

A key names a finding by its article and by the text it rests on, never by a list
position, a version or an absolute offset: a quote by its content, a claim by its
sentence, an event by its sentence and the trigger's offset inside it, a place, date or
figure by its surface text and how many times that text came before it. Re-analysing
an article, or storing a new version whose sentence is unchanged, gives the same keys.
Texts are hashed with their whitespace collapsed (SHA-1, first 16 hex digits).
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterable, Sequence

from ..models import Analysis, Event

KINDS = ("quote", "claim", "event", "place", "date", "figure")


def digest(text: str) -> str:
    return hashlib.sha1(" ".join(text.split()).encode("utf-8")).hexdigest()[:16]


def occurrence_keys(kind: str, aid: str, texts: Iterable[str], always_n: bool) -> list[str]:
    """Keys of same-kind items in text order; a repeated text gets its occurrence index
    (``:1``, ``:2``...; places, dates and figures always carry it, from ``:0``)."""
    seen: Counter[str] = Counter()
    keys = []
    for text in texts:
        d = digest(text)
        n = seen[d]
        seen[d] += 1
        keys.append(f"{kind}:{aid}:{d}" + (f":{n}" if always_n or n else ""))
    return keys


def event_keys(aid: str, text: str, events: Sequence[Event]) -> list[str]:
    seen: Counter[str] = Counter()
    keys = []
    for e in events:
        base = (
            f"event:{aid}:{digest(text[e.sentence_start : e.sentence_end])}:"
            f"{e.trigger_start - e.sentence_start}"
        )
        n = seen[base]
        seen[base] += 1
        # Two events on one trigger (rare) still get keys of their own.
        keys.append(base + (f":{n}" if n else ""))
    return keys


def analysis_keys(aid: str, text: str, analysis: Analysis) -> dict[str, list[str]]:
    """The key of every finding of an analysis, by kind, in the analysis's order."""
    return {
        "quote": occurrence_keys("quote", aid, (q.text for q in analysis.quotes), False),
        "claim": occurrence_keys("claim", aid, (c.text for c in analysis.claims), False),
        "figure": occurrence_keys("figure", aid, (f.text for f in analysis.figures), True),
        "place": occurrence_keys("place", aid, (p.text for p in analysis.places), True),
        "date": occurrence_keys("date", aid, (d.text for d in analysis.dates), True),
        "event": event_keys(aid, text, analysis.events),
    }


def kind_of(key: str) -> str:
    return key.split(":", 1)[0]


def article_of(key: str) -> str | None:
    """The article a finding key belongs to (None for entity and cluster keys)."""
    parts = key.split(":")
    return parts[1] if len(parts) > 2 and parts[0] in KINDS else None
