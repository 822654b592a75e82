"""Outlet homes: where an outlet reports from, learned from the outlet's own articles.

A local paper's "Paris" is the Paris it serves, and its articles say so between them even
when one article names nothing else: the Paris (Tennessee) paper's other stories name Henry
County and Tennessee. So every article votes, once each, for the countries and first-level
divisions it names with confidence when it is read on its own (:func:`regions_named`), and an
outlet's home is the share of its *other* articles that vote for each region. The share is
counted over the articles plus one, so an outlet with a single other article is a hint, not a
rule.

Votes come from the reading without any home, so homes never feed on homes: analysing the
same corpus again gives the same places, whatever the order its articles arrived in. The
resolver weighs a home like another toponym of the text (``places.HOME_COUNTRY_WEIGHT`` and
``places.HOME_DIVISION_WEIGHT``) scaled by the share.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from ..models import Place

Region = tuple[str, str | None]  # (country code, first-level division or None)
VOTE_CONFIDENCE = 0.8  # a place votes for its regions when resolved at least this surely


@dataclass(frozen=True, slots=True)
class Home:
    """The share of an outlet's other articles naming each region."""

    articles: int
    shares: Mapping[Region, float] = field(default_factory=dict)

    @classmethod
    def learn(cls, articles: int, votes: Mapping[Region, int]) -> Home | None:
        """A home from ``articles`` other articles and their votes; None without any."""
        if articles < 1 or not votes:
            return None
        return cls(articles, {region: n / (articles + 1) for region, n in votes.items()})

    def country(self, code: str | None) -> float:
        return self.shares.get((code, None), 0.0) if code else 0.0

    def division(self, code: str | None, admin1: str | None) -> float:
        return self.shares.get((code, admin1), 0.0) if code and admin1 else 0.0


def regions_named(places: Iterable[Place]) -> tuple[Region, ...]:
    """The countries and first-level divisions of an article's confident places, sorted."""
    regions: set[Region] = set()
    for p in places:
        if p.resolved and p.country_code and p.confidence >= VOTE_CONFIDENCE:
            regions.add((p.country_code, None))
            if p.admin1 and p.feature != "country":
                regions.add((p.country_code, p.admin1))
    return tuple(sorted(regions, key=lambda r: (r[0], r[1] or "")))
