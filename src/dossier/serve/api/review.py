"""The review journal over HTTP: verdicts (token), the queue, the journal, orphans.

These routes call the review store API of the issue 9 contract (``add_verdict``,
``verdicts``, ``orphaned_verdicts``, ``review_queue``). A store without it gets no
such routes, so the application still starts and the docs list what exists.
"""

from __future__ import annotations

from dataclasses import asdict, is_dataclass
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query
from pydantic import BaseModel, Field

from ...store import SqlStore
from ..params import text
from .deps import PageDep, StoreDep

METHODS = ("add_verdict", "verdicts", "orphaned_verdicts", "review_queue")


def _plain(item: Any) -> Any:
    return asdict(item) if is_dataclass(item) and not isinstance(item, type) else item


class VerdictBody(BaseModel):
    kind: Literal["quote", "claim", "event", "place", "date", "figure", "entity", "cluster"]
    key: str = Field(min_length=1)
    verdict: Literal["confirm", "reject", "correct"]
    field: str | None = None
    value: Any = None
    note: str | None = None
    who: str = ""


def make_router(store_class: type = SqlStore) -> APIRouter:
    """The review routes, or none when ``store_class`` lacks the journal's methods."""
    router = APIRouter(prefix="/api/review", tags=["review"])
    if not all(hasattr(store_class, name) for name in METHODS):
        return router

    @router.post("")
    def add_verdict(store: StoreDep, body: VerdictBody) -> dict[str, Any]:
        """Confirm, reject or correct one finding (token); answers the journal row."""
        verdict = store.add_verdict(  # type: ignore[attr-defined]
            body.kind,
            body.key,
            body.verdict,
            field=body.field,
            new=body.value,
            who=body.who,
            note=body.note,
        )
        return {"verdict": _plain(verdict)}

    @router.get("/queue")
    def queue(
        store: StoreDep,
        page: PageDep,
        kind: Annotated[str | None, Query(description="Only findings of this kind.")] = None,
    ) -> dict[str, Any]:
        """Unreviewed findings, least certain first, then those feeding the most events."""
        wanted = text("kind", kind)
        items = store.review_queue(limit=page.offset + page.limit, kind=wanted)  # type: ignore[attr-defined]
        return {
            "items": [_plain(i) for i in items[page.offset :]],
            "total": len(items),
            "limit": page.limit,
            "offset": page.offset,
        }

    @router.get("/journal")
    def journal(
        store: StoreDep, page: PageDep, kind: str | None = None, key: str | None = None
    ) -> dict[str, Any]:
        """The append-only review journal, oldest first."""
        rows = store.verdicts(kind=text("kind", kind), key=text("key", key))  # type: ignore[attr-defined]
        return page.of([_plain(r) for r in rows])

    @router.get("/orphaned")
    def orphaned(store: StoreDep, page: PageDep) -> dict[str, Any]:
        """Verdicts whose key no longer matches any finding (kept, never dropped)."""
        return page.of([_plain(r) for r in store.orphaned_verdicts()])  # type: ignore[attr-defined]

    return router
