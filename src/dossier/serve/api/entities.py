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
from .. import queries
from ..params import choice, text
from ..records import event_item, quote_item
from .deps import PageDep, StoreDep

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
    articles = queries.entity_articles(store, eid)
    mentions = store._execute(
        "SELECT count(*) FROM mentions m JOIN articles a ON a.id = m.article_id "
        "AND a.version = m.version AND a.latest = 1 WHERE m.entity_id = ?",
        (eid,),
    )
    return {
        "id": eid_,
        "name": name,
        "type": type_,
        "mentions": int(mentions[0][0]),
        "articles": len(articles),
    }


@router.get("/entities/{entity_id}")
def entity(store: StoreDep, entity_id: str) -> dict[str, Any]:
    """One entity: its aliases, quotes by and about it, events with it as source and as
    target, the entities most often named with it, and its articles per month."""
    record = _entity(store, entity_id)
    name = record["name"]
    published = dict(queries.entity_articles(store, entity_id))
    said = [
        h
        for h in store.quotes(speaker=name)
        # A speaker the analysis did not link to an entity counts when its name matches.
        if h.quote.speaker is not None and h.quote.speaker.entity_id in (entity_id, None)
    ]
    said_at = {(h.article_id, h.quote.start) for h in said}
    about = [
        QuoteHit(aid, title, q)
        for aid, title, q in queries.quotes_mentioning(store, entity_id)
        if (aid, q.start) not in said_at
    ]
    events = store.events(actor=name)
    months = Counter(p[:7] for p in published.values() if p)
    return {
        "entity": record,
        "aliases": store.aliases(entity_id),
        "quotes_by": [quote_item(h, published.get(h.article_id)) for h in said],
        "quotes_about": [quote_item(h, published.get(h.article_id)) for h in about],
        "events_as_source": [
            event_item(h) for h in events if h.event.source_entity_id == entity_id
        ],
        "events_as_target": [
            event_item(h) for h in events if h.event.target_entity_id == entity_id
        ],
        "co_mentioned": queries.co_mentioned(store, entity_id),
        "articles_over_time": dict(sorted(months.items())),
    }


class MergeBody(BaseModel):
    into: str = Field(min_length=1, description="The entity ID to merge this one into.")


class SplitBody(BaseModel):
    form: str = Field(min_length=1, description="The written form to give its own entity.")


class RenameBody(BaseModel):
    name: str = Field(min_length=1, description="The entity's new display name.")


@router.post("/entities/{entity_id}/merge")
def merge(store: StoreDep, entity_id: str, body: MergeBody) -> dict[str, Any]:
    """Merge this entity into ``into``; the merge survives re-analysis (token)."""
    store.merge_entities(entity_id, body.into.strip())
    return {
        "merged": entity_id,
        "into": body.into.strip(),
        "entity": _entity(store, body.into.strip()),
    }


@router.post("/entities/{entity_id}/split")
def split(store: StoreDep, entity_id: str, body: SplitBody) -> dict[str, Any]:
    """Give this entity's mentions written ``form`` an entity of their own (token)."""
    form = text("form", body.form) or ""
    new = store.split_entity(entity_id, form)
    return {"split": entity_id, "form": form, "entity": _entity(store, new)}


def rename_router(store_class: type = SqlStore) -> APIRouter:
    """The rename route of the review journal (issue 9 contract), or none when the
    store has no ``rename_entity``."""
    extra = APIRouter(prefix="/api", tags=["entities"])
    if not hasattr(store_class, "rename_entity"):
        return extra

    @extra.post("/entities/{entity_id}/rename")
    def rename(store: StoreDep, entity_id: str, body: RenameBody) -> dict[str, Any]:
        """Give this entity a new display name (token)."""
        name = text("name", body.name) or ""
        store.rename_entity(entity_id, name)  # type: ignore[attr-defined]
        return {"renamed": entity_id, "entity": _entity(store, entity_id)}

    return extra
