"""The store's serving aggregates (map points, actor network, event counts and pages) agree
with the one read path, ``store.events``, with the review journal applied. Both stores."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path
from typing import Any

import pytest

from dossier.store import SqlStore, open_store
from dossier.store import base as store_base
from dossier.store.schema import MIGRATIONS

from .conftest import without_stories
from .test_review import DEAL, JORDAN, _ingest

EXTRA = (
    "Second Arrest\n\nPolice arrested three traders in Quito on Sunday. Ecuador and Peru "
    "signed an agreement on the border in Quito on Monday."
)


def _expected_map(store: SqlStore, **filters: Any) -> dict[str, list[str]]:
    """Event keys per geocoded place, in events order, as the one read path gives them."""
    found: dict[str, list[str]] = defaultdict(list)
    shows_rejected = filters.get("include_rejected") or filters.get("review") == "rejected"
    for hit in store.events(**filters):
        p = hit.place
        if p is not None and p.review == "rejected" and not shows_rejected:
            continue  # a rejected place puts no event on the map
        if p is not None and p.resolved and p.latitude is not None and p.longitude is not None:
            found[f"geonames:{p.geonames_id}"].append(hit.event.key)
    return dict(found)


def _map(store: SqlStore, **filters: Any) -> dict[str, list[str]]:
    return {
        p["place_key"]: [e["key"] for e in p["events"]]
        for p in store.map_points(**filters)
        if p["event_count"]
    }


def _expected_edges(store: SqlStore) -> dict[tuple[str, str, str], int]:
    found: dict[tuple[str, str, str], int] = defaultdict(int)
    for hit in store.events():
        e = hit.event
        if e.source_entity_id and e.target_entity_id and e.source_entity_id != e.target_entity_id:
            found[(e.source_entity_id, e.target_entity_id, e.type)] += 1
    return dict(found)


def _edges(store: SqlStore) -> dict[tuple[str, str, str], int]:
    graph = store.network(comention=False)
    return {(e["source"], e["target"], e["type"]): e["weight"] for e in graph["edges"]}


def _agree(store: SqlStore, article_id: str) -> Any:
    [hit] = [h for h in store.events(type_="AGREE") if h.article_id == article_id]
    return hit


def test_aggregates_match_the_read_path_before_and_after_verdicts(
    store: SqlStore, tmp_path: Path
) -> None:
    _ingest(store, tmp_path / "in", deal=DEAL, jordan=JORDAN, extra=EXTRA)
    assert _map(store) == _expected_map(store) and _map(store)
    assert _edges(store) == _expected_edges(store)
    deal = next(a.id for a in store.articles() if a.title == "Port Deal Signed")
    article = store.article(deal)
    assert article is not None
    arrest = next(e for e in article.events if e.type == "COERCE")
    manta = next(p for p in article.places if p.name == "Manta")
    agree = _agree(store, deal)
    store.add_verdict("event", arrest.key, "reject")
    store.add_verdict("event", agree.event.key, "correct", field="place", new=manta.key)
    store.add_verdict("event", agree.event.key, "correct", field="type", new="CONSULT")
    points = _map(store)
    assert points == _expected_map(store)
    # The rejected arrest is gone from the map; the corrected agreement sits at Manta.
    assert arrest.key not in {k for keys in points.values() for k in keys}
    assert agree.event.key in points["geonames:3654410"]
    assert _map(store, type_="AGREE") == _expected_map(store, type_="AGREE")
    assert agree.event.key not in {k for keys in _map(store, type_="AGREE").values() for k in keys}
    assert _map(store, include_rejected=True) == _expected_map(store, include_rejected=True)
    assert _map(store, review="rejected") == _expected_map(store, review="rejected")
    assert _map(store, review="corrected") == _expected_map(store, review="corrected")
    edges = _edges(store)
    assert edges == _expected_edges(store)
    assert any(t == "CONSULT" for _, _, t in edges)
    listed = next(p for p in store.map_points() if p["place_key"] == "geonames:3654410")["events"]
    [shown] = [e for e in listed if e["key"] == agree.event.key]
    assert shown["review"] == "corrected" and shown["type"] == "CONSULT"
    assert "signed an agreement" in shown["sentence"]
    # An entity edit is a write transaction: the kept network is read again.
    source = next(s for s, _, _ in edges)
    nodes = {n["id"] for n in store.network()["nodes"]}
    other = next(n for n in sorted(nodes) if n != source)
    store.merge_entities(other, source)
    assert _edges(store) == _expected_edges(store)
    assert other not in {n["id"] for n in store.network()["nodes"]}


def test_counts_and_pages_agree_with_the_full_list(store: SqlStore, tmp_path: Path) -> None:
    _ingest(store, tmp_path / "in", deal=DEAL, jordan=JORDAN, extra=EXTRA)
    arrest = store.events(type_="COERCE")[0]
    store.add_verdict("event", arrest.event.key, "reject")
    everything = store.events()
    assert store.count_events() == len(everything) and arrest.event.key not in {
        h.event.key for h in everything
    }
    for filters in ({"type_": "COERCE"}, {"actor": "Jordan"}, {"place": "Quito"}):
        assert store.count_events(**filters) == len(store.events(**filters))
    assert store.count_events(include_rejected=True) == len(everything) + 1
    keys = [h.event.key for h in everything]
    assert [h.event.key for h in store.events(limit=2, offset=1)] == keys[1:3]


def test_migration_10_dates_the_events_of_an_older_store(
    store_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    old = {dialect: [m for m in steps if m[0] <= 9] for dialect, steps in MIGRATIONS.items()}
    with monkeypatch.context() as patch:
        patch.setattr(store_base, "MIGRATIONS", old)
        without_stories(patch)
        patch.setattr("dossier.store.event_rows.EVENT_DAY", "SELECT 1 FROM events")
        v9 = open_store(store_url)
        _ingest(v9, tmp_path / "in", deal=DEAL, extra=EXTRA)
        with v9._transaction():  # text files carry no date; the fallback must show
            v9._execute("UPDATE articles SET published = '2025-03-01'")
        v9.close()
    store = open_store(store_url)
    try:
        rows = store._execute(
            "SELECT e.day, d.start_date, a.published FROM events e JOIN articles a "
            "ON a.id = e.article_id AND a.version = e.version LEFT JOIN dates d "
            "ON d.article_id = e.article_id AND d.version = e.version AND d.idx = e.date_idx"
        )
        assert rows and all(day == (start or published) for day, start, published in rows)
        assert any(day == "2025-03-01" for day, _, _ in rows)
    finally:
        store.close()


def test_search_cuts_snippets_for_the_page_only(store: SqlStore, tmp_path: Path) -> None:
    _ingest(store, tmp_path / "in", deal=DEAL, jordan=JORDAN, extra=EXTRA)
    full = store.search("Quito OR Manta", 10)
    paged = store.search("Quito OR Manta", 10, snippets=1)
    assert len(full) >= 2 and [h.article_id for h in paged] == [h.article_id for h in full]
    assert paged[0].snippet == full[0].snippet and "[" in paged[0].snippet
    assert all(h.snippet == "" for h in paged[1:])
    assert [h.rank for h in paged] == [h.rank for h in full]


def test_a_rejected_place_puts_no_event_on_the_map(store: SqlStore, tmp_path: Path) -> None:
    _ingest(store, tmp_path / "in", deal=DEAL, extra=EXTRA)
    extra = next(a.id for a in store.articles() if a.title == "Second Arrest")
    hit = next(h for h in store.events() if h.article_id == extra and h.place is not None)
    assert hit.place is not None
    gid = f"geonames:{hit.place.geonames_id}"
    assert hit.event.key in _map(store)[gid]
    store.add_verdict("place", hit.place.key, "reject")
    assert hit.event.key not in _map(store).get(gid, [])
    assert _map(store) == _expected_map(store)
    assert hit.event.key in _map(store, include_rejected=True)[gid]
    assert _map(store, review="reviewed") == _expected_map(store, review="reviewed")
