"""Data for the workbench's views: map, actor network, timeline, sources, clusters."""

from __future__ import annotations

from collections import Counter
from typing import Annotated, Any

from fastapi import APIRouter, Query

from ...errors import Code, DossierError, Stage
from ...models import EVENT_STATUSES, EVENT_TYPES, EVIDENCE_TYPES, ClaimHit, EventHit
from ...store import SqlStore
from .. import queries
from ..index import corpus_index
from ..params import Review, choice, period, text
from ..records import claim_item, event_day, event_item, quote_item
from .deps import PageDep, ReviewDep, StoreDep

router = APIRouter(prefix="/api", tags=["views"])
_EVIDENCE_CAP = 20  # evidence sentences listed per map point or network edge
Since = Annotated[str | None, Query(description="On or after this day (YYYY-MM-DD).")]
Until = Annotated[str | None, Query(description="On or before this day (YYYY-MM-DD).")]
TypeQ = Annotated[str | None, Query(description="A PLOVER event type.")]


def _events(store: SqlStore, review: Review, **filters: Any) -> list[EventHit]:
    """Event reports as reviewed, rejected ones only when the review filter asks."""
    return store.events(**filters, **review.store_filter())


def _sentence(texts: dict[str, str], hit: EventHit) -> str:
    text = texts.get(hit.article_id, "")
    return text[hit.event.sentence_start : hit.event.sentence_end].strip()


def _evidence(hit: EventHit, texts: dict[str, str]) -> dict[str, Any]:
    return {
        "key": hit.event.key,
        "review": hit.event.review,
        "type": hit.event.type,
        "status": hit.event.status,
        "article_id": hit.article_id,
        "sentence": _sentence(texts, hit),
        "start": hit.event.start,
        "end": hit.event.end,
    }


@router.get("/map")
def map_points(
    store: StoreDep,
    review: ReviewDep,
    type: TypeQ = None,
    since: Since = None,
    until: Until = None,
    per_point: Annotated[int, Query(ge=0, le=500, description="Events listed per point.")] = 20,
) -> dict[str, Any]:
    """Geocoded places, each with its ``event_count`` and its first ``per_point`` events
    with their evidence sentences (``/api/events?place=`` lists the rest)."""
    start, end = period(since, until)
    wanted = choice("type", type, EVENT_TYPES, upper=True)
    return {
        "points": store.map_points(
            wanted,
            start,
            end,
            per_point,
            review=review.state,
            include_rejected=review.include_rejected,
        )
    }


@router.get("/network")
def network(
    store: StoreDep,
    review: ReviewDep,
    type: TypeQ = None,
    since: Since = None,
    until: Until = None,
    comention: Annotated[bool, Query(description="Also link actors named together.")] = True,
) -> dict[str, Any]:
    """Actors linked by events (directed, typed) and by co-mention, weighted, with evidence."""
    start, end = period(since, until)
    wanted = choice("type", type, EVENT_TYPES, upper=True)
    return store.network(
        wanted,
        start,
        end,
        comention=comention,
        review=review.state,
        include_rejected=review.include_rejected,
    )


@router.get("/timeline")
def timeline(
    store: StoreDep,
    page: PageDep,
    review: ReviewDep,
    actor: Annotated[str | None, Query(description="A source or target actor.")] = None,
    type: TypeQ = None,
    place: Annotated[str | None, Query(description="A place's text or name.")] = None,
    status: Annotated[str | None, Query(description="happened, planned, ...")] = None,
    since: Since = None,
    until: Until = None,
) -> dict[str, Any]:
    """Events (by their date) and quotes (by publication date) in time order, paged. Quotes
    are left out when the filter is about events (type, place or status)."""
    who = text("actor", actor)
    wanted = choice("type", type, EVENT_TYPES, upper=True)
    state = choice("status", status, EVENT_STATUSES, upper=False)
    where = text("place", place)
    start, end = period(since, until)
    items: list[dict[str, Any]] = []
    for hit in _events(
        store, review, type_=wanted, actor=who, place=where, status=state, since=start, until=end
    ):
        item = event_item(hit)
        # "date" is the day the timeline places the event on; its date expression stays.
        items.append(
            {**item, "date": event_day(hit), "date_expression": item["date"], "kind": "event"}
        )
    if not (wanted or where or state):
        quotes = store.quotes(speaker=who, **review.store_filter())
        meta = queries.article_meta(store, {q.article_id for q in quotes})
        for q in quotes:
            day = (meta.get(q.article_id, (None, None))[1] or "")[:10] or None
            if (start and (not day or day < start)) or (end and (not day or day > end)):
                continue
            published = meta.get(q.article_id, (None, None))[1]
            # "kind" says what the item is; the quote's own kind moves to "quote_kind".
            record = quote_item(q, published)
            items.append(
                {
                    **record,
                    "date": day,
                    "kind": "quote",
                    "quote_kind": record["kind"],
                    "status": None,
                }
            )
    items.sort(key=lambda i: (i["date"] is None, i["date"] or "", i["article_id"], i["start"]))
    return page.of(items)


@router.get("/sources")
def sources(
    store: StoreDep,
    review: ReviewDep,
    entity: Annotated[str | None, Query(description="Claims in articles naming it (ID).")] = None,
    q: Annotated[str | None, Query(description="Claims in articles matching this search.")] = None,
) -> dict[str, Any]:
    """The share of claims resting on each kind of evidence, each with its list."""
    eid, query = text("entity", entity), text("q", q)
    hits: list[ClaimHit] = store.claims(**review.store_filter())
    if eid is not None:
        store.aliases(eid)  # an unknown entity is a 404, not empty shares
        corpus = corpus_index(store)
        ids = {corpus.ids[d] for d in corpus.entity_docs.get(eid, ())}
        hits = [h for h in hits if h.article_id in ids]
    if query is not None:
        found = {h.article_id for h in store.search(query, 10_000)}
        hits = [h for h in hits if h.article_id in found]
    # A near-duplicate's claims are its original's, already counted.
    copies = queries.copies_of(store, {h.article_id for h in hits})
    left_out = sum(h.article_id in copies for h in hits)
    hits = [h for h in hits if h.article_id not in copies]
    counts = Counter(h.claim.evidence.type for h in hits)
    total = sum(counts.values())
    return {
        "total": total,
        "copies_left_out": left_out,
        "counts": {t: counts.get(t, 0) for t in EVIDENCE_TYPES},
        "shares": {t: (counts.get(t, 0) / total if total else 0.0) for t in EVIDENCE_TYPES},
        "claims": {
            t: [claim_item(h) for h in hits if h.claim.evidence.type == t] for t in EVIDENCE_TYPES
        },
    }


@router.get("/clusters")
def clusters(store: StoreDep, review: ReviewDep) -> dict[str, Any]:
    """Cross-article events: events reported by more than one article, counting only the
    reports the review filter keeps (rejected reports and events left out by default)."""
    found = queries.shared_clusters(store, **review.store_filter())
    items = [{"id": cid, "reports": n, "articles": k, "copies": c} for cid, n, k, c in found]
    return {"items": items, "total": len(items), "limit": len(items), "offset": 0}


@router.get("/clusters/{cluster_id}")
def cluster(store: StoreDep, cluster_id: str, review: ReviewDep) -> dict[str, Any]:
    """One cross-article event: each report side by side, with its own figures and sourcing."""
    reports = [h for h in _events(store, review) if h.cluster_id == cluster_id]
    if not reports:
        raise DossierError(Code.NO_ROUTE, cluster_id, Stage.SERVE, detail="no event with this ID")
    texts = queries.texts(store, {h.article_id for h in reports})
    copies = queries.copies_of(store, {h.article_id for h in reports})
    return {
        "id": cluster_id,
        "type": reports[0].event.type,
        # Outlets that reported it; a copy's outlet only republished it.
        "outlets": sorted({h.outlet for h in reports if h.outlet and h.article_id not in copies}),
        "copies": len({h.article_id for h in reports if h.article_id in copies}),
        "reports": [
            {
                **event_item(h),
                "sentence_text": _sentence(texts, h),
                "duplicate_of": copies.get(h.article_id),
            }
            for h in reports
        ],
    }
