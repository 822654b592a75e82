"""Quotes, claims, events, places and figures, filtered as the CLI filters them."""

from __future__ import annotations

from dataclasses import asdict, replace
from typing import Annotated, Any

from fastapi import APIRouter, Query

from ... import export
from ...keys import fold
from ...models import EVENT_STATUSES, EVENT_TYPES, EVIDENCE_TYPES, QUOTE_KINDS
from .. import queries
from ..params import bad, choice, period, text
from ..records import claim_item, event_day, event_item, quote_item
from .deps import PageDep, ReviewDep, StoreDep

router = APIRouter(prefix="/api", tags=["findings"])
# The figure kinds the export schema allows: one list, kept by the export.
_FIGURE_KINDS = tuple(
    export.schema()["properties"]["figures"]["items"]["properties"]["kind"]["enum"]
)
Since = Annotated[str | None, Query(description="On or after this day (YYYY-MM-DD).")]
Until = Annotated[str | None, Query(description="On or before this day (YYYY-MM-DD).")]


@router.get("/quotes")
def quotes(
    store: StoreDep,
    page: PageDep,
    review: ReviewDep,
    speaker: Annotated[str | None, Query(description="Speaker name, alias or description.")] = None,
    anonymous: Annotated[
        bool | None, Query(description="Only anonymous (true) or named (false).")
    ] = None,
    kind: Annotated[str | None, Query(description="direct, partial or indirect.")] = None,
    since: Since = None,
    until: Until = None,
) -> dict[str, Any]:
    """Quotes and reported speech with their speakers (by article publication date), as
    reviewed: corrected speakers and kinds in place, rejected quotes left out unless asked."""
    who = text("speaker", speaker)
    wanted = choice("kind", kind, QUOTE_KINDS, upper=False)
    start, end = period(since, until)
    if who is None and wanted is None and start is None and end is None:
        # Unfiltered but for anonymity and review: a page read with the store's LIMIT,
        # counted in SQL under the same review condition.
        page_hits = store.quotes(
            None, anonymous, limit=page.limit, offset=page.offset, **review.store_filter()
        )
        dates = queries.article_meta(store, {h.article_id for h in page_hits})
        return {
            "items": [quote_item(h, dates.get(h.article_id, (None, None))[1]) for h in page_hits],
            "total": queries.count_quotes(store, anonymous, **review.store_filter()),
            "limit": page.limit,
            "offset": page.offset,
        }
    hits = store.quotes(who, anonymous, kind=wanted, **review.store_filter())
    meta = queries.article_meta(store, {h.article_id for h in hits})
    items = []
    for h in hits:
        published = meta.get(h.article_id, (None, None))[1]
        day = (published or "")[:10]
        if (start and (not day or day < start)) or (end and (not day or day > end)):
            continue
        items.append(quote_item(h, published))
    return page.of(items)


@router.get("/claims")
def claims(
    store: StoreDep,
    page: PageDep,
    review: ReviewDep,
    evidence: Annotated[
        str | None, Query(description="The kind of evidence claims rest on.")
    ] = None,
    speaker: Annotated[str | None, Query(description="Evidence source containing this.")] = None,
) -> dict[str, Any]:
    """Claims with the evidence they rest on and their hedges."""
    kind = choice("evidence", evidence, EVIDENCE_TYPES, upper=False)
    who = text("speaker", speaker)
    needle = fold(who) if who else None
    items = [
        claim_item(h)
        for h in store.claims(kind, **review.store_filter())
        if needle is None or needle in fold(h.claim.evidence.source or "")
    ]
    return page.of(items)


@router.get("/events")
def events(
    store: StoreDep,
    page: PageDep,
    review: ReviewDep,
    type: Annotated[str | None, Query(description="A PLOVER event type.")] = None,
    actor: Annotated[str | None, Query(description="A source or target actor.")] = None,
    status: Annotated[str | None, Query(description="happened, planned, ...")] = None,
    place: Annotated[str | None, Query(description="A place's text or name.")] = None,
    since: Since = None,
    until: Until = None,
) -> dict[str, Any]:
    """Event reports: PLOVER type and mode, actors, place, date, status, sourcing, oldest first."""
    wanted = choice("type", type, EVENT_TYPES, upper=True)
    state = choice("status", status, EVENT_STATUSES, upper=False)
    start, end = period(since, until)
    filters = (wanted, text("actor", actor), text("place", place), start, end, state)
    # The page is read with the store's own LIMIT and the total counted in SQL under the
    # same review conditions, never by reading every event.
    hits = store.events(*filters, limit=page.limit, offset=page.offset, **review.store_filter())
    return {
        "items": [{**event_item(h), "day": event_day(h)} for h in hits],
        "total": store.count_events(*filters, **review.store_filter()),
        "limit": page.limit,
        "offset": page.offset,
    }


@router.get("/places")
def places(
    store: StoreDep,
    page: PageDep,
    review: ReviewDep,
    country: Annotated[str | None, Query(description="ISO 3166 alpha-2 country code.")] = None,
) -> dict[str, Any]:
    """Places across the corpus with coordinates and mention counts, most mentioned first
    (corrected resolutions counted where they were corrected to, rejected places left out).
    With ``review=`` the place findings in that state instead, each with its article."""
    code = text("country", country)
    if code is not None and not (len(code) == 2 and code.isalpha()):
        raise bad("country", f"{country!r} is not a two-letter country code (for example EC)")
    if review.state is not None:
        reports = store.place_reports(code, **review.store_filter())
        return page.of([{"article_id": aid, **export.place_record(p)} for aid, p in reports])
    rows = store.places(include_rejected=review.include_rejected)
    items = [
        asdict(r) for r in rows if code is None or (r.country_code or "").upper() == code.upper()
    ]
    return page.of(items)


@router.get("/figures")
def figures(
    store: StoreDep,
    page: PageDep,
    review: ReviewDep,
    kind: Annotated[str | None, Query(description="Only figures of this kind.")] = None,
) -> dict[str, Any]:
    """Figures (numbers with unit, qualifier and measure), in text order, with their review
    state; rejected figures are left out unless asked for."""
    wanted = choice("kind", kind, _FIGURE_KINDS, upper=False)
    found = store.journal(kinds=("figure",))
    items = []
    for aid, title, f in queries.figures(store, wanted):
        reviewed = replace(f, review=found[f.key].state if f.key in found else "unreviewed")
        if review.keeps(reviewed.review):
            items.append({"article_id": aid, "title": title, **export.figure_record(reviewed)})
    return page.of(items)
