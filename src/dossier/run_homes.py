"""Outlet homes for one ingest pass, frozen so that the result never depends on order.

``analyze.homes`` says what a home is. A pass reads every outlet's vote totals from the
store once, when it starts, and does not update them as it saves: a document's home is
learned from the articles stored before the pass, less the document's own stored
votes (a page read again). So any number of workers, in any interleaving of analysis and
writing, gives each document the home a single process gives it. The run's second pass
(``pipeline``) then reads again, with homes from the store as the first pass left it, the
articles whose home that pass changed, so that the articles of one run also teach each
other their outlet's home.
"""

from __future__ import annotations

from collections import Counter

from .analyze.homes import Home, Region
from .store import SqlStore


class RunHomes:
    """The homes of one pass, from the store as it stood when the pass began."""

    def __init__(self, store: SqlStore) -> None:
        self.store = store
        self._totals = store.outlet_vote_totals()
        # Each article's stored outlet and votes as first asked, before the pass saved it:
        # one small entry per article of the pass with an outlet.
        self._own: dict[str, tuple[str | None, tuple[Region, ...]] | None] = {}
        self._shared: dict[str, Home | None] = {}

    def home(self, outlet: str | None, article_id: str) -> Home | None:
        """The home of ``outlet`` for article ``article_id``, whose stored latest version
        does not count."""
        if not outlet:
            return None
        if article_id not in self._own:
            self._own[article_id] = self.store.votes_of(article_id)
        stored = self._own[article_id]
        articles, votes = self._totals.get(outlet, (0, {}))
        if stored is not None and stored[0] == outlet:
            return Home.learn(articles - 1, Counter(votes) - Counter(stored[1]))
        if outlet not in self._shared:  # one object for every new article of the outlet
            self._shared[outlet] = Home.learn(articles, votes)
        return self._shared[outlet]
