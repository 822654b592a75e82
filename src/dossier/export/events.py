"""Event exports: an ACLED-like CSV and a POLECAT-like JSON Lines file.

Both are one record per event, where an event is a cluster of reports of the
same happening across articles; the first report (earliest published) gives
the record's fields, and the others are counted and listed. Reports come as
reviewed (store.review): rejected ones are not among them unless asked for, and
``key`` and ``review`` are the first report's (each POLECAT report has its own).
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Mapping
from typing import IO, Any

from ..models import EventHit, Place
from .records import event_record, figure_record

ACLED_COLUMNS = (
    "event_id",
    "event_date",
    "date_precision",
    "event_type",
    "mode",
    "status",
    "actor1",
    "actor1_id",
    "actor2",
    "actor2_id",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "country_code",
    "admin1",
    "geonames_id",
    "source_article",
    "source_url",
    "source_outlet",
    "language",
    "published",
    "reports",
    "evidence",
    "sourcing",
    "sourced_to",
    "figures",
    "score",
    "confidence",
    "key",
    "review",
)

_GEO_PRECISION = {"city": 1, "facility": 1, "admin": 2, "country": 3, "region": 3}


def geo_precision(place: Place | None) -> int | None:
    """ACLED-style: 1 a town or site, 2 a province or state, 3 a country or region."""
    if place is None or not place.resolved or place.feature is None:
        return None
    return _GEO_PRECISION.get(place.feature)


def clusters(hits: Iterable[EventHit]) -> list[list[EventHit]]:
    """Reports grouped by event, each group in reporting order (hits come sorted)."""
    grouped: dict[str, list[EventHit]] = {}
    for hit in hits:
        grouped.setdefault(hit.cluster_id, []).append(hit)
    for reports in grouped.values():
        reports.sort(key=lambda h: (h.published or "9999", h.article_id))
    return list(grouped.values())


def _date(hit: EventHit) -> tuple[str | None, str | None]:
    if hit.date is not None and hit.date.start_date:
        return hit.date.start_date, hit.date.precision
    return None, None


def original_reports(reports: list[EventHit], copies: Mapping[str, str]) -> int:
    """Reports of one event that are reporting of their own: a near-duplicate counts as
    its earliest copy, so a wire story on five sites is one report."""
    return len({copies.get(h.article_id, h.article_id) for h in reports})


def write_acled(
    hits: Iterable[EventHit], out: IO[str], copies: Mapping[str, str] | None = None
) -> int:
    """``copies`` maps a near-duplicate's article id to its earliest copy's."""
    writer = csv.writer(out)
    writer.writerow(ACLED_COLUMNS)
    count = 0
    for reports in clusters(hits):
        first = reports[0]
        e, p = first.event, first.place
        day, precision = _date(first)
        writer.writerow(
            [
                first.cluster_id,
                day or "",
                precision or "",
                e.type,
                e.mode or "",
                e.status,
                first.source_name or e.source or "",
                e.source_entity_id or "",
                first.target_name or e.target or "",
                e.target_entity_id or "",
                (p.name if p else "") or "",
                p.latitude if p and p.latitude is not None else "",
                p.longitude if p and p.longitude is not None else "",
                geo_precision(p) or "",
                (p.country_code if p else "") or "",
                (p.admin1 if p else "") or "",
                (p.geonames_id if p else "") or "",
                first.article_id,
                first.url or "",
                first.outlet or "",
                first.language or "",
                first.published or "",
                original_reports(reports, copies or {}),
                e.text,
                first.sourcing.type if first.sourcing else "",
                (first.sourcing.source if first.sourcing else "") or "",
                "; ".join(f.text for f in first.figures),
                round(e.score, 3),
                event_record(e)["confidence"],
                e.key,
                e.review,
            ]
        )
        count += 1
    return count


def _actor(name: str | None, text: str | None, entity_id: str | None) -> dict[str, Any] | None:
    if not (name or text):
        return None
    return {"name": name or text, "text": text, "entity_id": entity_id}


def sourcing_record(hit: EventHit) -> dict[str, Any] | None:
    """What the report rests on: its claim's evidence type and source."""
    if hit.sourcing is None:
        return None
    return {"type": hit.sourcing.type, "source": hit.sourcing.source}


def polecat_record(
    reports: list[EventHit], copies: Mapping[str, str] | None = None
) -> dict[str, Any]:
    first = reports[0]
    e, p = first.event, first.place
    day, precision = _date(first)
    return {
        "event_id": first.cluster_id,
        "event_date": day,
        "date_precision": precision,
        "event_type": e.type,
        "event_mode": e.mode,
        "status": e.status,
        "source_actor": _actor(first.source_name, e.source, e.source_entity_id),
        "target_actor": _actor(first.target_name, e.target, e.target_entity_id),
        "location": None
        if p is None
        else {
            "name": p.name,
            "geonames_id": p.geonames_id,
            "latitude": p.latitude,
            "longitude": p.longitude,
            "country_code": p.country_code,
            "admin1": p.admin1,
            "feature": p.feature,
            "geo_precision": geo_precision(p),
            "resolved": p.resolved,
        },
        "score": e.score,
        "confidence": event_record(e)["confidence"],
        "key": e.key,
        "review": e.review,
        "first_reported": first.published,
        "language": first.language,
        "reports": [
            {
                "article_id": h.article_id,
                "outlet": h.outlet,
                "language": h.language,
                "url": h.url,
                "published": h.published,
                "evidence": h.event.text,
                "start": h.event.start,
                "end": h.event.end,
                "status": h.event.status,
                "quote": h.event.quote,
                "claim": h.event.claim,
                "sourcing": sourcing_record(h),
                "figures": [figure_record(f) for f in h.figures],
                "key": h.event.key,
                "review": h.event.review,
                "duplicate_of": (copies or {}).get(h.article_id),
            }
            for h in reports
        ],
    }


def write_polecat(
    hits: Iterable[EventHit], out: IO[str], copies: Mapping[str, str] | None = None
) -> int:
    count = 0
    for reports in clusters(hits):
        out.write(json.dumps(polecat_record(reports, copies), ensure_ascii=False) + "\n")
        count += 1
    return count
