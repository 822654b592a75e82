"""The entity page's paged and counted lists (quotes by the entity as speaker, events
with it as source and as target) give the answers of the full lists they replace:
every quote the speaker filter finds, every event report, filtered here. Both stores,
every review filter, before and after verdicts, a speaker correction, a merge and a
rename."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from dossier.serve.api.entities import entity
from dossier.serve.params import Review
from dossier.store import SqlStore

from .test_review import DEAL, JORDAN, _ingest
from .test_serve_index import BORDER, HARBOUR, STRIKE

FILTERS = (
    Review(None, False),
    Review(None, True),
    Review("rejected", False),
    Review("reviewed", False),
    Review("corrected", False),
)


def _full(store: SqlStore, eid: str, name: str, review: Review, limit: int) -> dict[str, Any]:
    """The lists read whole, as the entity page read them before they were paged."""
    said = [
        h
        for h in store.quotes(speaker=name, **review.store_filter())
        if h.quote.speaker is not None and h.quote.speaker.entity_id in (eid, None)
    ]
    events = store.events(**review.store_filter())
    sources = [h for h in events if h.event.source_entity_id == eid]
    targets = [h for h in events if h.event.target_entity_id == eid]
    return {
        "quotes_by": [(h.article_id, h.quote.start, h.quote.review) for h in said[:limit]],
        "said_at": {(h.article_id, h.quote.start) for h in said},
        "sources": [(h.article_id, h.event.key, h.event.review) for h in sources[:limit]],
        "targets": [(h.article_id, h.event.key, h.event.review) for h in targets[:limit]],
        "totals": (len(said), len(sources), len(targets)),
    }


def _check(store: SqlStore) -> int:
    """Compare every entity's page with the full lists; how many non-empty lists were seen."""
    seen = 0
    for e in store.entities():
        for review in FILTERS:
            for limit in (50, 1):
                page = entity(store, e.id, review, limit)
                want = _full(store, e.id, page["entity"]["name"], review, limit)
                totals = page["totals"]
                assert [
                    (q["article_id"], q["start"], q["review"]) for q in page["quotes_by"]
                ] == want["quotes_by"], (e.name, review)
                got = [
                    [(h["article_id"], h["key"], h["review"]) for h in page[side]]
                    for side in ("events_as_source", "events_as_target")
                ]
                assert got == [want["sources"], want["targets"]], (e.name, review)
                assert (
                    totals["quotes_by"],
                    totals["events_as_source"],
                    totals["events_as_target"],
                ) == want["totals"], (e.name, review)
                _, total, said_at = store.speaker_quotes(
                    page["entity"]["name"], e.id, limit, **review.store_filter()
                )
                assert total == want["totals"][0] and said_at == want["said_at"]
                seen += sum(1 for n in want["totals"] if n)
    return seen


def test_paged_entity_lists_agree_with_the_full_lists(store: SqlStore, tmp_path: Path) -> None:
    _ingest(
        store,
        tmp_path / "in",
        deal=DEAL,
        jordan=JORDAN,
        harbour=HARBOUR,
        border=BORDER,
        strike=STRIKE,
    )
    assert _check(store) > 0
    ids = {e.name: e.id for e in store.entities()}
    deal = next(a.id for a in store.articles() if a.title == "Port Deal Signed")
    article = store.article(deal)
    assert article is not None
    # A rejected and a confirmed quote, a quote's speaker corrected to another entity,
    # a rejected event and an event whose source is corrected to an entity.
    quotes = list(article.quotes)
    store.add_verdict("quote", quotes[0].key, "reject")
    if len(quotes) > 1:
        store.add_verdict("quote", quotes[1].key, "confirm")
    harbour = next(a.id for a in store.articles() if a.title == "Harbour Talks")
    said = next(q for q in store.article(harbour).quotes if q.speaker is not None)  # type: ignore[union-attr]
    store.add_verdict("quote", said.key, "correct", field="speaker", new=ids["Peru"])
    events = list(article.events)
    assert len(events) >= 2
    store.add_verdict("event", events[0].key, "reject")
    store.add_verdict("event", events[1].key, "correct", field="source", new=ids["Ecuador"])
    assert _check(store) > 0
    # A merge moves quotes and events; a rename changes the name the speaker filter uses.
    store.merge_entities(ids["Peru"], ids["Ecuador"])
    assert _check(store) > 0
    store.rename_entity(ids["Ecuador"], "Republic of Ecuador")
    assert _check(store) > 0
