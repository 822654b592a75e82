"""Outlets' homes during one ingest or reanalysis run, read from the store.

``analyze.homes`` says what a home is. This keeps each outlet's vote totals in memory for
the run, read from the store once per outlet and kept current as articles are saved: the
totals of a large outlet are one aggregate query per run, and what each article adds is a
lookup of its own stored votes by key.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from .analyze.homes import Home, Region
from .store import SqlStore


class OutletHomes:
    """Homes learned from every stored article of an outlet but the one being read."""

    def __init__(self, store: SqlStore) -> None:
        self.store = store
        self._totals: dict[str, tuple[int, Counter[Region]]] = {}

    def _outlet(self, outlet: str) -> tuple[int, Counter[Region]]:
        if outlet not in self._totals:
            articles, votes = self.store.outlet_votes(outlet)
            self._totals[outlet] = (articles, Counter(votes))
        return self._totals[outlet]

    def home(self, outlet: str | None, article_id: str) -> Home | None:
        """The home of ``outlet`` for article ``article_id``, whose stored latest version
        (a page read again, or any article under reanalysis) does not count."""
        if not outlet:
            return None
        articles, votes = self._outlet(outlet)
        stored = self.store.votes_of(article_id)
        if stored is not None and stored[0] == outlet:
            return Home.learn(articles - 1, votes - Counter(stored[1]))
        return Home.learn(articles, votes)

    def saved(self, outlet: str | None, outcome: str, regions: Sequence[Region]) -> None:
        """Count an article just saved; ``outcome`` is ``SaveResult.outcome``."""
        if outcome == "version":  # the earlier version, maybe of another outlet, left
            self._totals.clear()
        elif outcome == "new" and outlet in self._totals:
            articles, votes = self._totals[outlet]
            votes.update(regions)
            self._totals[outlet] = (articles + 1, votes)
