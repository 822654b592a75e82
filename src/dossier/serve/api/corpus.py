"""Corpus summary, articles with their versions, search with facets, and errors."""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request

from ... import export, gate
from ...errors import Code, DossierError, Stage
from ...keys import fold
from ...models import EVENT_TYPES
from .. import queries
from ..index import corpus_index
from ..params import choice, period, text
from .deps import PageDep, StoreDep

router = APIRouter(prefix="/api", tags=["corpus"])
_SEARCH_CAP = 10_000  # hits ranked before facets and paging; far above any page
_FACET_SIZE = 20


@router.get("/config")
def config(request: Request) -> dict[str, Any]:
    """What the pages need to know of the server: the online tile server (null: offline
    basemap only), whether writes are on (a token is configured) and the precision
    gate's operating point per kind (what an export keeps)."""
    settings = request.app.state.settings
    return {
        "tiles": settings.tiles,
        "writes": settings.token is not None,
        "gate": {kind: gate.threshold(kind) for kind in gate.KINDS},
    }


@router.get("/summary")
def summary(store: StoreDep) -> dict[str, Any]:
    """Counts of articles, versions, entities, mentions, errors and articles not analysed."""
    return asdict(store.stats())


@router.get("/articles")
def articles(store: StoreDep, page: PageDep) -> dict[str, Any]:
    """Articles (latest versions), newest first."""
    rows = store.articles(page.limit, page.offset)
    total = queries.latest_articles(store)
    return {
        "items": [asdict(r) for r in rows],
        "total": total,
        "limit": page.limit,
        "offset": page.offset,
    }


@router.get("/articles/{article_id}")
def article(
    store: StoreDep,
    article_id: str,
    version: Annotated[int | None, Query(ge=1, description="A given version.")] = None,
    include_rejected: Annotated[
        bool, Query(description="Also show the findings a verdict rejected.")
    ] = False,
) -> dict[str, Any]:
    """One article as the JSONL export writes it, with its version and all its versions;
    its findings as reviewed (corrections in place, rejected ones left out unless asked)."""
    found = store.article(article_id, version, include_rejected=include_rejected)
    if found is None:
        if version is not None and store.versions(article_id):
            raise DossierError(
                Code.BAD_REQUEST,
                "version",
                Stage.SERVE,
                detail=f"{article_id} has versions {store.versions(article_id)}, not {version}",
            )
        raise DossierError(Code.NOT_IN_STORE, article_id, Stage.STORE)
    record = export.article_record(found)
    record["version"] = found.version
    record["versions"] = store.versions(article_id)
    return record


def _top(counts: Counter[str], size: int = _FACET_SIZE) -> list[tuple[str, int]]:
    """The most frequent values, ties by value, so a facet's order is stable."""
    return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:size]


def _counts(values: list[str], size: int = _FACET_SIZE) -> dict[str, int]:
    return dict(_top(Counter(values), size))


@router.get("/search")
def search(
    store: StoreDep,
    page: PageDep,
    q: Annotated[str | None, Query(description='Words, "phrases", OR and -excluded words.')] = None,
    outlet: str | None = None,
    entity: Annotated[str | None, Query(description="An entity ID or name.")] = None,
    place: Annotated[str | None, Query(description="A place name.")] = None,
    type: Annotated[str | None, Query(description="A PLOVER event type.")] = None,
    since: Annotated[str | None, Query(description="Published on or after (YYYY-MM-DD).")] = None,
    until: Annotated[str | None, Query(description="Published on or before (YYYY-MM-DD).")] = None,
) -> dict[str, Any]:
    """Full-text search (or every article without ``q``), filtered, with facet counts
    over the filtered hits."""
    query = text("q", q)
    want_outlet, want_entity, want_place = (
        fold(v) if v else None
        for v in (text("outlet", outlet), text("entity", entity), text("place", place))
    )
    want_type = choice("type", type, EVENT_TYPES, upper=True)
    start, end = period(since, until)
    filtered = bool(want_outlet or want_entity or want_place or want_type or start or end)
    # Filters and facets read the corpus index (serve/index.py): each article's
    # outlet, date, entities, places and event types, counted here per request.
    corpus = corpus_index(store)
    where = corpus.position
    found: list[tuple[str, str | None, float]]
    if query is not None:
        # Ranked in SQL; snippets are cut below, for the page shown only.
        ranked = corpus.rank(store, query, _SEARCH_CAP)
        if ranked is None:  # a store without the index's search rows (PostgreSQL)
            ranked = [
                (h.article_id, h.title, h.rank)
                for h in store.search(query, _SEARCH_CAP, snippets=0)
            ]
        found = ranked
    else:
        found = [(r.id, r.title, 0.0) for r in store.articles()]
    if filtered:
        kept = [
            hit
            for hit in found
            if hit[0] in where
            and corpus.matches(
                where[hit[0]], want_outlet, entity, want_entity, want_place, want_type, start, end
            )
        ]
    else:
        kept = found
    kept_docs = [where[hit[0]] for hit in kept if hit[0] in where]
    shown = kept[page.offset : page.end]
    cuts = queries.snippets(store, query, [k[0] for k in shown]) if query else {}
    items = []
    for aid, title, score in shown:
        doc = where.get(aid)
        items.append(
            {
                "article_id": aid,
                "title": title,
                "snippet": cuts.get(aid, ""),
                "score": score,
                "outlet": None if doc is None else corpus.outlets[doc],
                "published": None if doc is None else corpus.published[doc],
            }
        )
    result = {"items": items, "total": len(kept), "limit": page.limit, "offset": page.offset}
    counted = corpus.facet_counts(kept_docs)
    outlets = [corpus.outlets[d] for d in kept_docs]
    months = [(corpus.published[d] or "")[:7] for d in kept_docs if corpus.published[d]]
    result["facets"] = {
        "outlet": _counts([o for o in outlets if o]),
        "entity": dict(_top(counted["entity"])),
        "place": dict(_top(counted["place"])),
        "event_type": dict(_top(counted["event_type"], len(EVENT_TYPES))),
        "date": dict(sorted(Counter(months).items())),
    }
    return result


@router.get("/errors")
def errors(store: StoreDep, page: PageDep) -> dict[str, Any]:
    """Inputs that failed, with the stage, the code and the reason."""
    return page.of([asdict(e) for e in store.errors()])
