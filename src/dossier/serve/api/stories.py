"""Story clusters: the articles about one story across outlets and days."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query

from ...errors import Code, DossierError, Stage
from .deps import PageDep, StoreDep

router = APIRouter(prefix="/api", tags=["stories"])


@router.get("/stories")
def stories(
    store: StoreDep,
    page: PageDep,
    min_reports: Annotated[
        int, Query(ge=1, description="Only stories with at least this many reports.")
    ] = 2,
) -> dict[str, Any]:
    """Stories, the most reported first, each with its span, outlets and first report;
    near-duplicate copies are counted apart from reports."""
    return {
        "items": store.stories(page.limit, page.offset, min_reports=min_reports),
        "total": store.story_count(min_reports),
        "limit": page.limit,
        "offset": page.offset,
    }


@router.get("/stories/{story_id}")
def story(store: StoreDep, story_id: str) -> dict[str, Any]:
    """One story: its reports and copies, key entities, events and quotes, who reported
    first, and how the reports differ in sourcing and figures."""
    found = store.story(story_id)
    if found is None:
        raise DossierError(Code.NO_STORY, story_id, Stage.STORE)
    return found
