"""The precision gate: how likely an analyst is to accept a finding, and which ones are exported.

Rules alone did not carry to fresh articles (README, "Hand-judged findings"): each
round's fixes mended the errors they were written for, and the share right on new
articles stayed where it was. What the rules' output *looks like*, though, says a
good deal about whether it is right: a source left as a pronoun, a quote with no
speech verb, a claim credited to "it". So a small logistic model, fitted on
findings judged by hand on tune-round articles (``benchmarks/fit_gate.py``),
turns those surface features into ``confidence``: the estimated share of findings
like this one that an analyst keeps (an event right in type and source, a quote
in speaker, a claim in evidence type and source).

Exports carry only the findings at or above each kind's operating point (the
weights file's ``threshold``), plus every finding an analyst confirmed or
corrected; ``--all-findings`` lifts the gate. The store keeps everything, and
the workbench shows everything, least certain first in the review queue.

The features read only a finding's exported record, never the article, so this
module needs no model and a read-only command can apply it.
"""

from __future__ import annotations

import json
import math
from dataclasses import replace
from functools import cache
from importlib import resources
from typing import Any

from .models import Article, Claim, Event, Quote

KINDS = ("event", "quote", "claim")
# A reviewed finding is the analyst's, whatever the model thinks of it.
_KEPT_BY_REVIEW = {"confirmed", "corrected"}
_PRONOUNS = frozenset(
    "he she it they we i you him her them his its their who whom which that this these those"
    " one someone".split()
)
_SPEECH_CUES = frozenset("said says say saying told tells added adds stated".split())


def _shape(prefix: str, text: str | None) -> dict[str, float]:
    """What an actor or speaker phrase looks like: missing, a pronoun, a common noun
    phrase ("a senior official") or a name."""
    if not text:
        return {f"{prefix}:none": 1.0}
    words = text.split()
    if len(words) == 1 and words[0].lower() in _PRONOUNS:
        return {f"{prefix}:pronoun": 1.0}
    if text[:1].islower():
        return {f"{prefix}:common": 1.0}
    return {f"{prefix}:named": 1.0, f"{prefix}:long": float(len(words) > 4)}


def _gap(a_start: int, a_end: int, b_start: int | None, b_end: int | None) -> float:
    """Characters between two spans (0 when they touch or overlap), log-scaled."""
    if b_start is None or b_end is None:
        return 0.0
    gap = max(0, b_start - a_end, a_start - b_end)
    return math.log1p(gap) / 6.0


def event_features(record: dict[str, Any]) -> dict[str, float]:
    """A concrete event tends to come with its place, date and figures; a figure of
    speech, an opinion or a stance seldom does, and an actor that resolved to an
    entity is more often the right one than a bare phrase. Nothing here reads the
    event's ``quote`` or ``claim`` index, which the gate itself renumbers, so an
    event's confidence is the same in every export."""
    view = event_view(record)
    score = view.get("score")
    source = record.get("source") or {}
    target = record.get("target") or {}
    out = {
        "score": float(score) if score is not None else 0.5,
        f"type={view.get('type')}": 1.0,
        f"status={view.get('status')}": 1.0,
        "mode": float(bool(view.get("mode"))),
        "trigger:ing": float(str(view.get("trigger") or "").lower().endswith("ing")),
        "place": float(record.get("place") is not None),
        "date": float(record.get("date") is not None),
        "figures": float(bool(record.get("figures"))),
        "source:entity": float(bool(source.get("entity_id"))),
        "target:entity": float(bool(target.get("entity_id"))),
        "question": float("?" in str(record.get("text") or "")),
        "clause": math.log1p(len(str(record.get("text") or "").split())) / 4.0,
    }
    out.update(_shape("source", view.get("source")))
    out.update(_shape("target", view.get("target")))
    return out


def quote_features(record: dict[str, Any]) -> dict[str, float]:
    """A speaker far from the words, or after a long run of them, is more often the
    wrong person; speech verbs and a speaker that resolved to an entity help."""
    view = quote_view(record)
    speaker = record.get("speaker") or {}
    cue = (view.get("cue") or "").lower()
    words = len(str(view.get("text") or "").split())
    start, end = int(record.get("start") or 0), int(record.get("end") or 0)
    out = {
        f"kind={view.get('kind')}": 1.0,
        "cue:none": float(not cue),
        "cue:speech": float(cue in _SPEECH_CUES),
        "cue:according": float(cue.startswith("according")),
        "anonymous": float(bool(view.get("anonymous"))),
        "role": float(bool(view.get("role"))),
        "resolved": float(
            bool(view.get("speaker")) and view.get("speaker") != view.get("speaker_text")
        ),
        "speaker:entity": float(bool(speaker.get("entity_id"))),
        "speaker:gap": _gap(start, end, speaker.get("start"), speaker.get("end")),
        "speaker:after": float((speaker.get("start") or 0) >= end > 0),
        "length": math.log1p(words) / 4.0,
    }
    out.update(_shape("speaker", view.get("speaker_text")))
    return out


def claim_features(record: dict[str, Any]) -> dict[str, float]:
    view = claim_view(record)
    evidence = record.get("evidence") or {}
    hedges = view.get("hedges") or []
    out = {
        f"evidence={view.get('evidence')}": 1.0,
        "hedged": float(bool(hedges)),
        "hedges": float(min(len(hedges), 3)),
        "source:entity": float(bool(evidence.get("entity_id"))),
        "quote": float(record.get("quote") is not None),
        "question": float("?" in str(record.get("text") or "")),
    }
    out.update(_shape("source", view.get("source")))
    return out


FEATURES = {"event": event_features, "quote": quote_features, "claim": claim_features}


def event_view(record: dict[str, Any]) -> dict[str, Any]:
    """The fields of an exported event record (:func:`dossier.export.event_record`)
    that the gate and the hand-judging sheets read."""

    def actor(a: dict[str, Any] | None) -> str | None:
        return None if a is None else str(a.get("text"))

    return {
        "type": record["type"],
        "mode": record.get("mode"),
        "status": record["status"],
        "trigger": record["trigger"]["text"],
        "source": actor(record.get("source")),
        "target": actor(record.get("target")),
        "score": record.get("score"),
    }


def quote_view(record: dict[str, Any]) -> dict[str, Any]:
    speaker = record.get("speaker") or {}
    return {
        "kind": record["kind"],
        "text": record["text"],
        "cue": (record.get("cue") or {}).get("text"),
        "speaker": speaker.get("name") or speaker.get("description"),
        "speaker_text": speaker.get("text"),
        "anonymous": speaker.get("anonymous"),
        "role": speaker.get("role"),
    }


def claim_view(record: dict[str, Any]) -> dict[str, Any]:
    evidence = record.get("evidence") or {}
    return {
        "evidence": evidence.get("type"),
        "source": evidence.get("source"),
        "hedges": [h["text"] for h in record.get("hedges", [])],
    }


@cache
def weights() -> dict[str, Any]:
    text = resources.files("dossier.resources").joinpath("gate.json").read_text("utf-8")
    loaded: dict[str, Any] = json.loads(text)
    return loaded


def probability(model: dict[str, Any], features: dict[str, float]) -> float:
    w = model["weights"]
    z = float(model["bias"]) + sum(w.get(name, 0.0) * value for name, value in features.items())
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def confidence(kind: str, record: dict[str, Any]) -> float:
    """The gate's estimate for an exported record of ``kind``."""
    return round(probability(weights()[kind], FEATURES[kind](record)), 3)


def threshold(kind: str) -> float:
    return float(weights()[kind]["threshold"])


def passes(kind: str, conf: float, review: str, floor: float | None = None) -> bool:
    """Whether an export keeps a finding: reviewed as kept, or at or above ``floor``
    (by default the kind's operating point)."""
    return review in _KEPT_BY_REVIEW or conf >= (threshold(kind) if floor is None else floor)


def event_passes(event: Event, floor: float | None = None) -> bool:
    from .export.records import event_record

    return passes("event", event_record(event)["confidence"], event.review, floor)


def gate_article(article: Article, floor: float | None = None) -> Article:
    """The article with only the findings the gate exports (``floor`` replaces every
    kind's operating point; a claim whose quote is left out goes too); an event's
    reference to a quote or claim left out becomes None, and the rest are renumbered."""
    # Imported here: export/records imports this module for ``confidence``.
    from .export.records import claim_record, event_record, quote_record

    quotes = [
        passes("quote", quote_record(q)["confidence"], q.review, floor) for q in article.quotes
    ]
    # A claim that rests on a quote takes its source from the quote's speaker, so it
    # is no surer than the quote: when the quote is left out, so is the claim.
    claims = [
        passes("claim", claim_record(c)["confidence"], c.review, floor)
        and (c.quote is None or quotes[c.quote] or c.review in _KEPT_BY_REVIEW)
        for c in article.claims
    ]
    quote_at = _renumber(quotes)
    claim_at = _renumber(claims)
    kept_quotes: list[Quote] = [q for q, k in zip(article.quotes, quotes, strict=True) if k]
    kept_claims: list[Claim] = [
        replace(c, quote=quote_at.get(c.quote) if c.quote is not None else None)
        for c, k in zip(article.claims, claims, strict=True)
        if k
    ]
    kept_events: list[Event] = [
        replace(
            e,
            quote=quote_at.get(e.quote) if e.quote is not None else None,
            claim=claim_at.get(e.claim) if e.claim is not None else None,
        )
        for e in article.events
        if passes("event", event_record(e)["confidence"], e.review, floor)
    ]
    return replace(
        article, quotes=tuple(kept_quotes), claims=tuple(kept_claims), events=tuple(kept_events)
    )


def _renumber(kept: list[bool]) -> dict[int, int]:
    out: dict[int, int] = {}
    for old, k in enumerate(kept):
        if k:
            out[old] = len(out)
    return out
