"""Entities: the list, one entity's page data, and merge, split and rename (token)."""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict
from typing import Annotated, Any

from fastapi import APIRouter, Query
from pydantic import BaseModel, Field

from ...keys import fold
from ...models import ENTITY_TYPES, QuoteHit
from ...store import SqlStore
from ...store.review_apply import apply_quote
from .. import queries
from ..index import corpus_index
from ..params import MAX_LIMIT, choice, text
from ..records import event_item, quote_item
from .deps import PageDep, ReviewDep, StoreDep

router = APIRouter(prefix="/api", tags=["entities"])


@router.get("/entities")
def entities(
    store: StoreDep,
    page: PageDep,
    type: Annotated[str | None, Query(description="Only this entity type.")] = None,
    q: Annotated[str | None, Query(description="Only names containing this.")] = None,
) -> dict[str, Any]:
    """Entities across the corpus, most mentioned first."""
    wanted = choice("type", type, ENTITY_TYPES, upper=True)
    needle = text("q", q)
    rows = store.entities(wanted)
    if needle:
        folded = fold(needle)
        rows = [r for r in rows if folded in fold(r.name)]
    return page.of([asdict(r) for r in rows])


def _entity(store: SqlStore, eid: str) -> dict[str, Any]:
    store.aliases(eid)  # an unknown ID is a 404 (NO_ENTITY), not an empty page
    rows = store._execute("SELECT id, name, type FROM entities WHERE id = ?", (eid,))
    eid_, name, type_ = rows[0]
    corpus = corpus_index(store)
    return {
        "id": eid_,
        "name": name,
        "type": type_,
        "mentions": corpus.mentions.get(eid, 0),
        "articles": len(corpus.entity_docs.get(eid, ())),
    }


@router.get("/entities/{entity_id}")
def entity(
    store: StoreDep,
    entity_id: str,
    review: ReviewDep,
    limit: Annotated[int, Query(ge=0, le=MAX_LIMIT, description="Items per list.")] = 50,
) -> dict[str, Any]:
    """One entity: its aliases, quotes by and about it, events with it as source and as
    target (each list its first ``limit`` items; ``totals`` counts them all), the
    entities most often named with it, and its articles per month. Findings come as
    reviewed; rejected ones are left out unless the review filter asks for them."""
    record = _entity(store, entity_id)
    name = record["name"]
    published = dict(corpus_index(store).entity_articles(entity_id))
    # A speaker the analysis did not link to an entity counts when its name matches;
    # counted over every quote, read whole for the page only.
    said, said_total, said_at = store.speaker_quotes(
        name, entity_id, limit, **review.store_filter()
    )
    found = store.journal(kinds=("quote",))
    names = store.entity_names(found)
    mentioning, about_total = queries.quotes_about(store, entity_id, said_at, review.keeps, limit)
    about = [
        QuoteHit(aid, title, apply_quote(q, found.get(q.key), names))
        for aid, title, q in mentioning
    ]
    sources, targets, n_sources, n_targets = queries.entity_events(
        store, entity_id, limit, review.state, review.include_rejected
    )
    months = Counter(p[:7] for p in published.values() if p)
    # An unlinked speaker's quote may sit in an article that never names the entity.
    published.update(
        (aid, meta[1])
        for aid, meta in queries.article_meta(
            store, {h.article_id for h in said} - set(published)
        ).items()
    )
    return {
        "entity": record,
        "aliases": store.aliases(entity_id),
        "quotes_by": [quote_item(h, published.get(h.article_id)) for h in said],
        "quotes_about": [quote_item(h, published.get(h.article_id)) for h in about[:limit]],
        "events_as_source": [event_item(h) for h in sources],
        "events_as_target": [event_item(h) for h in targets],
        "totals": {
            "quotes_by": said_total,
            "quotes_about": about_total,
            "events_as_source": n_sources,
            "events_as_target": n_targets,
        },
        "co_mentioned": corpus_index(store).co_mentioned(entity_id),
        "articles_over_time": dict(sorted(months.items())),
    }


class _Journalled(BaseModel):
    who: str = Field("", description="Who made the change (kept in the review journal).")
    note: str | None = Field(None, description="Why (kept in the review journal).")


class MergeBody(_Journalled):
    into: str = Field(min_length=1, description="The entity ID to merge this one into.")


class SplitBody(_Journalled):
    form: str = Field(min_length=1, description="The written form to give its own entity.")


class RenameBody(_Journalled):
    name: str = Field(min_length=1, description="The entity's new display name.")


@router.post("/entities/{entity_id}/merge")
def merge(store: StoreDep, entity_id: str, body: MergeBody) -> dict[str, Any]:
    """Merge this entity into ``into``; the merge survives re-analysis (token)."""
    store.merge_entities(entity_id, body.into.strip(), who=body.who, note=body.note)
    return {
        "merged": entity_id,
        "into": body.into.strip(),
        "entity": _entity(store, body.into.strip()),
    }


@router.post("/entities/{entity_id}/split")
def split(store: StoreDep, entity_id: str, body: SplitBody) -> dict[str, Any]:
    """Give this entity's mentions written ``form`` an entity of their own (token)."""
    form = text("form", body.form) or ""
    new = store.split_entity(entity_id, form, who=body.who, note=body.note)
    return {"split": entity_id, "form": form, "entity": _entity(store, new)}


@router.post("/entities/{entity_id}/rename")
def rename(store: StoreDep, entity_id: str, body: RenameBody) -> dict[str, Any]:
    """Give this entity a new display name, kept after re-analysis (token)."""
    name = text("name", body.name) or ""
    store.rename_entity(entity_id, name, who=body.who, note=body.note)
    return {"renamed": entity_id, "entity": _entity(store, entity_id)}
