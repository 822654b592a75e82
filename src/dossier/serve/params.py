"""Query parameters checked the way the CLI checks its options.

A filter that cannot match ("since=yesterday", "type=ATTACK") would otherwise
answer an empty list, which reads as "nothing found". Each check here raises a
400 that names the parameter, the value and what was expected instead.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Annotated, Any, TypeVar

from fastapi import Query

from ..errors import Code, DossierError, Stage

T = TypeVar("T")
# The review filter: a state, or "reviewed" (confirmed or corrected), as the store takes it.
REVIEW_STATES = ("unreviewed", "confirmed", "corrected", "rejected", "reviewed")
_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
MAX_LIMIT = 500


def bad(param: str, detail: str) -> DossierError:
    return DossierError(Code.BAD_REQUEST, param, Stage.SERVE, detail=detail)


def text(param: str, value: str | None) -> str | None:
    """Non-blank text or None: an empty filter would silently match everything."""
    if value is None:
        return None
    stripped = value.strip()
    if not stripped:
        raise bad(param, "an empty value matches nothing; leave the parameter out instead")
    return stripped


def day(param: str, value: str | None) -> str | None:
    """A calendar day written YYYY-MM-DD, or None."""
    if value is None:
        return None
    stripped = value.strip()
    if not _ISO_DAY.fullmatch(stripped):
        raise bad(param, f"{value!r} is not a date written YYYY-MM-DD (for example 2025-03-19)")
    try:
        date.fromisoformat(stripped)
    except ValueError as exc:
        raise bad(param, f"{value!r} is not a calendar date: {exc}") from exc
    return stripped


def period(since: str | None, until: str | None) -> tuple[str | None, str | None]:
    start, end = day("since", since), day("until", until)
    if start and end and start > end:
        raise bad("since", f"since {start} is after until {end}, so no date can match")
    return start, end


def choice(param: str, value: str | None, values: tuple[str, ...], *, upper: bool) -> str | None:
    """One of a fixed vocabulary (in any case when ``upper``), or None."""
    if value is None:
        return None
    given = value.strip().upper() if upper else value.strip().lower()
    if given not in values:
        raise bad(param, f"{value!r} is not one of {', '.join(values)}")
    return given


@dataclass(frozen=True)
class Page:
    limit: int
    offset: int

    @property
    def end(self) -> int:
        """The position after the page's last item."""
        return self.offset + self.limit

    def of(self, items: list[T]) -> dict[str, Any]:
        """The list shape every endpoint answers: a page of items and the total."""
        return {
            "items": items[self.offset : self.offset + self.limit],
            "total": len(items),
            "limit": self.limit,
            "offset": self.offset,
        }


def page(
    limit: Annotated[int, Query(ge=0, le=MAX_LIMIT, description="At most this many items.")] = 50,
    offset: Annotated[int, Query(ge=0, description="Skip this many first.")] = 0,
) -> Page:
    return Page(limit, offset)


@dataclass(frozen=True)
class Review:
    """Which review states a list shows: rejected findings only when asked for
    (``review=rejected`` or ``include_rejected=true``)."""

    state: str | None
    include_rejected: bool

    @property
    def unfiltered(self) -> bool:
        """Whether the default applies: every state but rejected."""
        return self.state is None and not self.include_rejected

    def store_filter(self) -> dict[str, Any]:
        """The keywords of the store's list methods (``store.events(**...)``)."""
        return {"review": self.state, "include_rejected": self.include_rejected}

    def keeps(self, state: str) -> bool:
        """Whether a finding in review ``state`` belongs in the answer."""
        if self.state == "reviewed":
            return state in ("confirmed", "corrected")
        if self.state is not None:
            return state == self.state
        return self.include_rejected or state != "rejected"


def review(
    review: Annotated[
        str | None,
        Query(
            description="Only findings in this review state: unreviewed, confirmed, corrected, "
            "rejected, or reviewed (confirmed or corrected). Without it rejected findings are "
            "left out."
        ),
    ] = None,
    include_rejected: Annotated[bool, Query(description="Also list rejected findings.")] = False,
) -> Review:
    return Review(choice("review", review, REVIEW_STATES, upper=False), include_rejected)
