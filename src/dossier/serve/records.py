"""The JSON records of findings: the export's records (which carry ``key`` and
``review``, as the store's read path gives them, corrections applied) with the
article fields a list needs."""

from __future__ import annotations

from typing import Any

from .. import export
from ..export.events import sourcing_record
from ..models import ClaimHit, EventHit, QuoteHit


def quote_item(hit: QuoteHit, published: str | None = None) -> dict[str, Any]:
    return {
        "article_id": hit.article_id,
        "title": hit.title,
        "published": published,
        **export.quote_record(hit.quote),
    }


def claim_item(hit: ClaimHit) -> dict[str, Any]:
    return {
        "article_id": hit.article_id,
        "title": hit.title,
        **export.claim_record(hit.claim),
    }


def event_item(hit: EventHit) -> dict[str, Any]:
    """An event report as ``dossier events --json`` prints it, with key and review."""
    return {
        "article_id": hit.article_id,
        "title": hit.title,
        "outlet": hit.outlet,
        "event_id": hit.cluster_id,
        "published": hit.published,
        **export.event_record(hit.event),
        "source_name": hit.source_name,
        "target_name": hit.target_name,
        "place": export.place_record(hit.place) if hit.place else None,
        "date": export.date_record(hit.date) if hit.date else None,
        "sourcing": sourcing_record(hit),
        "figures": [export.figure_record(f) for f in hit.figures],
    }


def event_day(hit: EventHit) -> str | None:
    """The event's own date, or its article's publication day when it has none."""
    if hit.date is not None and hit.date.start_date:
        return hit.date.start_date
    return hit.published[:10] if hit.published else None
