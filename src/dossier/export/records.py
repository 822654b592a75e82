"""The exported records: one definition of an exported article and of each of its parts.

``article_record`` is the one definition of an exported article; every format
(:mod:`.formats`, :mod:`.events`) is written from these records, and
``article.schema.json`` describes them.
"""

from __future__ import annotations

import json
from importlib import resources
from typing import Any

from .. import gate
from ..models import Article, Claim, Event, Figure, Place, Quote, Span, TimeExpression

ARTICLE_KEYS = (
    "id",
    "source",
    "url",
    "outlet",
    "title",
    "author",
    "published",
    "language",
    "text",
)
# How an article relates to others (near-duplicates, stories): last in a JSONL record.
LINK_KEYS = ("duplicate_of", "story_id")


def _span(span: Span | None) -> dict[str, Any] | None:
    return None if span is None else {"start": span.start, "end": span.end, "text": span.text}


def quote_record(q: Quote) -> dict[str, Any]:
    s = q.speaker
    speaker = (
        None
        if s is None
        else {
            "name": s.name,
            "entity_id": s.entity_id,
            "role": s.role,
            "anonymous": s.anonymous,
            "description": s.description,
            "start": s.start,
            "end": s.end,
            "text": s.text,
        }
    )
    record = {
        "start": q.start,
        "end": q.end,
        "text": q.text,
        "kind": q.kind,
        "cue": _span(q.cue),
        "speaker": speaker,
        "key": q.key,
        "review": q.review,
    }
    record["confidence"] = gate.confidence("quote", record)
    return record


def claim_record(c: Claim) -> dict[str, Any]:
    e = c.evidence
    record = {
        "start": c.start,
        "end": c.end,
        "text": c.text,
        "evidence": {
            "type": e.type,
            "source": e.source,
            "entity_id": e.entity_id,
            "start": e.start,
            "end": e.end,
        },
        "hedges": [_span(h) for h in c.hedges],
        "quote": c.quote,
        "key": c.key,
        "review": c.review,
    }
    record["confidence"] = gate.confidence("claim", record)
    return record


def figure_record(f: Figure) -> dict[str, Any]:
    return {
        "start": f.start,
        "end": f.end,
        "text": f.text,
        "kind": f.kind,
        "value": f.value,
        "value_to": f.value_to,
        "unit": f.unit,
        "qualifier": f.qualifier,
        "measure": f.measure,
        "key": f.key,
        "review": f.review,
    }


def article_record(article: Article) -> dict[str, Any]:
    record: dict[str, Any] = {key: getattr(article, key) for key in ARTICLE_KEYS}
    record["entities"] = [
        {
            "id": entity.id,
            "name": entity.name,
            "type": entity.type,
            "mentions": [{"start": m.start, "end": m.end, "text": m.text} for m in entity.mentions],
        }
        for entity in article.entities
    ]
    record["quotes"] = [quote_record(q) for q in article.quotes]
    record["claims"] = [claim_record(c) for c in article.claims]
    record["figures"] = [figure_record(f) for f in article.figures]
    record["places"] = [place_record(p) for p in article.places]
    record["dates"] = [date_record(d) for d in article.dates]
    record["events"] = [event_record(e) for e in article.events]
    record["location"] = article_location(article)
    record["analysed"] = article.analysed
    for key in LINK_KEYS:
        record[key] = getattr(article, key)
    return record


_SPECIFIC = {"city": 1, "facility": 1, "admin": 2, "country": 3, "region": 3}


def article_location(article: Article) -> dict[str, Any] | None:
    """Where the article is about: its most mentioned resolved place, the more
    specific one on a tie, with an ACLED-style precision (1 town or site,
    2 province or state, 3 country or region)."""
    counts: dict[int, list[Place]] = {}
    for place in article.places:
        if place.resolved and place.geonames_id is not None:
            counts.setdefault(place.geonames_id, []).append(place)
    if not counts:
        return None
    best = max(counts.values(), key=lambda ps: (len(ps), -_SPECIFIC.get(ps[0].feature or "", 3)))
    place = best[0]
    return {
        "name": place.name,
        "geonames_id": place.geonames_id,
        "latitude": place.latitude,
        "longitude": place.longitude,
        "country_code": place.country_code,
        "mentions": len(best),
        "geo_precision": _SPECIFIC.get(place.feature or ""),
    }


def place_record(p: Place) -> dict[str, Any]:
    return {
        "start": p.start,
        "end": p.end,
        "text": p.text,
        "name": p.name,
        "resolved": p.resolved,
        "geonames_id": p.geonames_id,
        "latitude": p.latitude,
        "longitude": p.longitude,
        "country_code": p.country_code,
        "admin1": p.admin1,
        "feature": p.feature,
        "confidence": p.confidence,
        "key": p.key,
        "review": p.review,
    }


def date_record(d: TimeExpression) -> dict[str, Any]:
    return {
        "start": d.start,
        "end": d.end,
        "text": d.text,
        "precision": d.precision,
        "start_date": d.start_date,
        "end_date": d.end_date,
        "anchored": d.anchored,
        "key": d.key,
        "review": d.review,
    }


def event_record(e: Event) -> dict[str, Any]:
    def actor(
        name: str | None, start: int | None, end: int | None, entity_id: str | None
    ) -> dict[str, Any] | None:
        if name is None:
            return None
        return {"text": name, "start": start, "end": end, "entity_id": entity_id}

    record = {
        "start": e.start,
        "end": e.end,
        "text": e.text,
        "type": e.type,
        "mode": e.mode,
        "status": e.status,
        "trigger": {"start": e.trigger_start, "end": e.trigger_end, "text": e.trigger},
        "source": actor(e.source, e.source_start, e.source_end, e.source_entity_id),
        "target": actor(e.target, e.target_start, e.target_end, e.target_entity_id),
        "sentence": {"start": e.sentence_start, "end": e.sentence_end},
        "place": e.place,
        "date": e.date,
        "quote": e.quote,
        "claim": e.claim,
        "figures": list(e.figures),
        "score": e.score,
        "key": e.key,
        "review": e.review,
    }
    record["confidence"] = gate.confidence("event", record)
    return record


def schema() -> dict[str, Any]:
    text = resources.files(__package__).joinpath("article.schema.json").read_text("utf-8")
    loaded: dict[str, Any] = json.loads(text)
    return loaded
