"""The review journal over HTTP: verdicts (token), the queue, the journal, orphans.

Every route calls the store's review API (``add_verdict``, ``verdicts``,
``orphaned_verdicts``, ``review_queue``), so a verdict given here is the one the CLI,
the exports and every other route read back.
"""

from __future__ import annotations

import json
from dataclasses import asdict
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field

from ...errors import DossierError
from ...models import Verdict
from ..params import text
from .deps import PageDep, StoreDep

router = APIRouter(prefix="/api/review", tags=["review"])


class VerdictBody(BaseModel):
    kind: Literal["quote", "claim", "event", "place", "date", "figure", "entity", "cluster"]
    key: str = Field(min_length=1, description="The finding's key, as every record carries it.")
    verdict: Literal["confirm", "reject", "correct"]
    field: str | None = Field(None, description="The field a correction replaces.")
    value: str | int | float | dict[str, Any] | None = Field(
        None,
        description="A correction's new value: text, an entity ID, a key, 'none', a GeoNames "
        "ID, or a place's JSON object (name, latitude, longitude).",
    )
    note: str | None = None
    who: str = ""


def _value(value: str | int | float | dict[str, Any] | None) -> str | None:
    """A correction's value as the journal stores it (text; a place as JSON)."""
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, dict):
        return json.dumps(value, sort_keys=True)
    return str(value)


@router.post("", response_model=None)
def add_verdict(store: StoreDep, body: VerdictBody) -> dict[str, Verdict] | JSONResponse:
    """Confirm, reject or correct one finding (token); answers the journal row. A key
    that names no finding is a 404; any other bad part of the verdict a 400 naming it."""
    try:
        verdict = store.add_verdict(
            body.kind,
            body.key,
            body.verdict,
            field=body.field,
            new=_value(body.value),
            who=body.who,
            note=body.note,
        )
    except DossierError as exc:
        # The store names the key itself as the source both when no finding has it and
        # when it is of another kind; only the first is "not found".
        if exc.source == body.key and body.key.split(":", 1)[0] == body.kind:
            return JSONResponse({"error": exc.as_dict()}, status_code=404)
        raise
    return {"verdict": verdict}


@router.get("/queue")
def queue(
    store: StoreDep,
    page: PageDep,
    kind: Annotated[str | None, Query(description="Only findings of this kind.")] = None,
) -> dict[str, Any]:
    """Unreviewed findings, least certain first, then those feeding the most events.
    ``total`` counts the queue read, which stops at ``offset + limit``."""
    items = store.review_queue(limit=page.offset + page.limit, kind=text("kind", kind))
    return {
        "items": items[page.offset :],
        "total": len(items),
        "limit": page.limit,
        "offset": page.offset,
    }


@router.get("/journal")
def journal(
    store: StoreDep,
    page: PageDep,
    kind: Annotated[str | None, Query(description="Only verdicts on this kind.")] = None,
    key: Annotated[str | None, Query(description="Only verdicts on this finding.")] = None,
) -> dict[str, Any]:
    """The append-only review journal, oldest first."""
    rows = store.verdicts(kind=text("kind", kind), key=text("key", key))
    return page.of([asdict(r) for r in rows])


@router.get("/orphaned")
def orphaned(store: StoreDep, page: PageDep) -> dict[str, Any]:
    """Verdicts whose key no longer matches any finding (kept, never dropped)."""
    return page.of([asdict(r) for r in store.orphaned_verdicts()])
