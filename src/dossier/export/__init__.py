"""Exports in documented formats: JSONL, CSV and Parquet.

``article_record`` is the one definition of an exported article; every
format is written from it, and ``article.schema.json`` describes it.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Callable, Iterable
from importlib import resources
from typing import IO, Any

from ..models import Article, Claim, Event, Evidence, Figure, Place, Quote, Span, TimeExpression

FORMATS = ("jsonl", "csv", "parquet", "acled", "polecat")
CSV_TABLES = ("articles", "mentions", "quotes", "claims", "figures")
_ARTICLE_KEYS = (
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
    return {
        "start": q.start,
        "end": q.end,
        "text": q.text,
        "kind": q.kind,
        "cue": _span(q.cue),
        "speaker": speaker,
    }


def claim_record(c: Claim) -> dict[str, Any]:
    e = c.evidence
    return {
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
    }


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
    }


def article_record(article: Article) -> dict[str, Any]:
    record: dict[str, Any] = {key: getattr(article, key) for key in _ARTICLE_KEYS}
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
    }


def event_record(e: Event) -> dict[str, Any]:
    def actor(
        name: str | None, start: int | None, end: int | None, entity_id: str | None
    ) -> dict[str, Any] | None:
        if name is None:
            return None
        return {"text": name, "start": start, "end": end, "entity_id": entity_id}

    return {
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
    }


def schema() -> dict[str, Any]:
    text = resources.files(__package__).joinpath("article.schema.json").read_text("utf-8")
    loaded: dict[str, Any] = json.loads(text)
    return loaded


def write_jsonl(articles: Iterable[Article], out: IO[str]) -> int:
    count = 0
    for article in articles:
        out.write(json.dumps(article_record(article), ensure_ascii=False) + "\n")
        count += 1
    return count


def write_csv(articles: Iterable[Article], out: IO[str], table: str = "articles") -> int:
    writer = csv.writer(out)
    count = 0
    if table in ("quotes", "claims", "figures"):
        return _write_flat(articles, writer, table)
    if table == "mentions":
        writer.writerow(
            ["article_id", "entity_id", "entity_name", "entity_type", "start", "end", "text"]
        )
        for article in articles:
            for entity in article.entities:
                for m in entity.mentions:
                    writer.writerow(
                        [article.id, entity.id, entity.name, entity.type, m.start, m.end, m.text]
                    )
                    count += 1
        return count
    writer.writerow([*_ARTICLE_KEYS, "entities"])
    for article in articles:
        names = "; ".join(f"{e.name} ({e.type})" for e in article.entities)
        writer.writerow([getattr(article, key) or "" for key in _ARTICLE_KEYS] + [names])
        count += 1
    return count


def _flatten(record: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    flat: dict[str, Any] = {}
    for key, value in record.items():
        if isinstance(value, dict):
            flat.update(_flatten(value, f"{prefix}{key}_"))
        elif isinstance(value, list):
            flat[prefix + key] = json.dumps(value, ensure_ascii=False)
        else:
            flat[prefix + key] = value
    return flat


_FLAT_RECORDS: dict[str, Callable[[Any], dict[str, Any]]] = {
    "quotes": quote_record,
    "claims": claim_record,
    "figures": figure_record,
}
_EMPTY: dict[str, dict[str, Any]] = {
    "quotes": quote_record(Quote(0, 0, "", "", Span(0, 0, ""), None)),
    "claims": claim_record(Claim(0, 0, "", Evidence("outlet"))),
    "figures": figure_record(Figure(0, 0, "", "")),
}


def _write_flat(articles: Iterable[Article], writer: Any, table: str) -> int:
    """One row per quote, claim or figure; nested objects become prefixed columns."""
    columns = ["article_id", *_flatten(_EMPTY[table])]
    if table == "quotes":
        columns += [
            c
            for c in (
                "speaker_name",
                "speaker_entity_id",
                "speaker_role",
                "speaker_anonymous",
                "speaker_description",
                "speaker_start",
                "speaker_end",
                "speaker_text",
            )
            if c not in columns
        ]
        columns.remove("speaker")
    writer.writerow(columns)
    count = 0
    for article in articles:
        for item in getattr(article, table):
            row = {"article_id": article.id, **_flatten(_FLAT_RECORDS[table](item))}
            writer.writerow(["" if row.get(c) is None else row.get(c) for c in columns])
            count += 1
    return count


def write_parquet(articles: Iterable[Article], path: str) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    mention = pa.struct([("start", pa.int64()), ("end", pa.int64()), ("text", pa.string())])
    entity = pa.struct(
        [
            ("id", pa.string()),
            ("name", pa.string()),
            ("type", pa.string()),
            ("mentions", pa.list_(mention)),
        ]
    )
    i64, f64, text, flag = pa.int64(), pa.float64(), pa.string(), pa.bool_()
    span = pa.struct([("start", i64), ("end", i64), ("text", text)])
    speaker = pa.struct(
        [
            ("name", text),
            ("entity_id", text),
            ("role", text),
            ("anonymous", flag),
            ("description", text),
            ("start", i64),
            ("end", i64),
            ("text", text),
        ]
    )
    quote = pa.struct(
        [
            ("start", i64),
            ("end", i64),
            ("text", text),
            ("kind", text),
            ("cue", span),
            ("speaker", speaker),
        ]
    )
    evidence = pa.struct(
        [("type", text), ("source", text), ("entity_id", text), ("start", i64), ("end", i64)]
    )
    claim = pa.struct(
        [
            ("start", i64),
            ("end", i64),
            ("text", text),
            ("evidence", evidence),
            ("hedges", pa.list_(span)),
            ("quote", i64),
        ]
    )
    figure = pa.struct(
        [
            ("start", i64),
            ("end", i64),
            ("text", text),
            ("kind", text),
            ("value", f64),
            ("value_to", f64),
            ("unit", text),
            ("qualifier", text),
            ("measure", text),
        ]
    )
    place = pa.struct(
        [
            ("start", i64),
            ("end", i64),
            ("text", text),
            ("name", text),
            ("resolved", flag),
            ("geonames_id", i64),
            ("latitude", f64),
            ("longitude", f64),
            ("country_code", text),
            ("admin1", text),
            ("feature", text),
            ("confidence", f64),
        ]
    )
    when = pa.struct(
        [
            ("start", i64),
            ("end", i64),
            ("text", text),
            ("precision", text),
            ("start_date", text),
            ("end_date", text),
            ("anchored", flag),
        ]
    )
    actor = pa.struct([("text", text), ("start", i64), ("end", i64), ("entity_id", text)])
    event = pa.struct(
        [
            ("start", i64),
            ("end", i64),
            ("text", text),
            ("type", text),
            ("mode", text),
            ("status", text),
            ("trigger", span),
            ("source", actor),
            ("target", actor),
            ("sentence", pa.struct([("start", i64), ("end", i64)])),
            ("place", i64),
            ("date", i64),
            ("quote", i64),
            ("claim", i64),
            ("figures", pa.list_(i64)),
            ("score", f64),
        ]
    )
    location = pa.struct(
        [
            ("name", text),
            ("geonames_id", i64),
            ("latitude", f64),
            ("longitude", f64),
            ("country_code", text),
            ("mentions", i64),
            ("geo_precision", i64),
        ]
    )
    arrow_schema = pa.schema(
        [
            *((key, pa.string()) for key in _ARTICLE_KEYS),
            ("entities", pa.list_(entity)),
            ("quotes", pa.list_(quote)),
            ("claims", pa.list_(claim)),
            ("figures", pa.list_(figure)),
            ("places", pa.list_(place)),
            ("dates", pa.list_(when)),
            ("events", pa.list_(event)),
            ("location", location),
            ("analysed", pa.bool_()),
        ]
    )
    records = [article_record(a) for a in articles]
    table = pa.Table.from_pylist(records, schema=arrow_schema)
    pq.write_table(table, path)
    return len(records)
