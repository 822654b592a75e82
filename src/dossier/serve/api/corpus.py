"""Corpus summary, articles with their versions, search with facets, and errors."""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request

from ... import export
from ...errors import Code, DossierError, Stage
from ...keys import fold
from ...models import EVENT_TYPES
from .. import queries
from ..params import choice, period, text
from .deps import PageDep, StoreDep

router = APIRouter(prefix="/api", tags=["corpus"])
_SEARCH_CAP = 10_000  # hits ranked before facets and paging; far above any page
_FACET_SIZE = 20


@router.get("/config")
def config(request: Request) -> dict[str, Any]:
    """What the pages need to know of the server: the online tile server (null: offline
    basemap only) and whether writes are on (a token is configured)."""
    settings = request.app.state.settings
    return {"tiles": settings.tiles, "writes": settings.token is not None}


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
    if query is not None:
        hits = store.search(query, _SEARCH_CAP, snippets=None if (want_outlet or want_entity or want_place or want_type or start or end) else page.offset + page.limit)  # noqa: E501  (snippets for the page shown)
        found = [(h.article_id, h.title, h.snippet, h.rank) for h in hits]
    else:
        rows = store.articles()
        found = [(r.id, r.title, "", 0.0) for r in rows]
    ids = [f[0] for f in found]
    meta = queries.article_meta(store, ids)
    # Per-article facet values are read only when a filter needs them; otherwise the
    # facets are counted in SQL, which a broad search over a big corpus needs.
    by_attrs = bool(want_entity or want_place or want_type)
    facets = queries.facet_rows(store, ids) if by_attrs else {}
    empty: dict[str, set[str]] = {
        "entity": set(),
        "entity_id": set(),
        "place": set(),
        "event_type": set(),
    }
    kept: list[dict[str, Any]] = []
    for aid, title, snippet, score in found:
        outlet_name, published = meta.get(aid, (None, None))
        attrs = facets.get(aid, empty)
        day = (published or "")[:10]
        if want_outlet and fold(outlet_name or "") != want_outlet:
            continue
        if want_entity and not (
            entity in attrs["entity_id"] or want_entity in {fold(n) for n in attrs["entity"]}
        ):
            continue
        if want_place and want_place not in {fold(n) for n in attrs["place"]}:
            continue
        if want_type and want_type not in attrs["event_type"]:
            continue
        if (start and (not day or day < start)) or (end and (not day or day > end)):
            continue
        kept.append(
            {
                "article_id": aid,
                "title": title,
                "snippet": snippet,
                "score": score,
                "outlet": outlet_name,
                "published": published,
            }
        )
    result = page.of(kept)
    if by_attrs:
        kept_attrs = [facets.get(k["article_id"], empty) for k in kept]
        counted = {
            facet: Counter(v for a in kept_attrs for v in a[facet])
            for facet in ("entity", "place", "event_type")
        }
    else:
        counted = queries.facet_counts(store, [k["article_id"] for k in kept])
    result["facets"] = {
        "outlet": _counts([k["outlet"] for k in kept if k["outlet"]]),
        "entity": dict(_top(counted["entity"])),
        "place": dict(_top(counted["place"])),
        "event_type": dict(_top(counted["event_type"], len(EVENT_TYPES))),
        "date": dict(sorted(Counter(k["published"][:7] for k in kept if k["published"]).items())),
    }
    return result


@router.get("/errors")
def errors(store: StoreDep, page: PageDep) -> dict[str, Any]:
    """Inputs that failed, with the stage, the code and the reason."""
    return page.of([asdict(e) for e in store.errors()])
