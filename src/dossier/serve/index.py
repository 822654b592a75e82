"""The corpus index: each latest article's facet values, read once per store state.

Search facets and filters, and an entity page's co-mentions, count values over a set
of articles (a search's hits, an entity's articles). Counted in SQL, that is a join
of every hit with its mentions, places and events, grouped: 0.3 to 0.8 s for a word
found in thousands of articles of a 10,000-article store, paid again for every new
word or entity. Here the same rows (the same SQL as ``queries.facet_rows``, over the
whole corpus at once, with the review journal applied) are read once and kept as
tuples per article, and a request counts its hits in Python (``Counter`` over the
hits' tuples, a few ms per thousand hits).

The index is kept per store and ``generation`` (``store.serving``), like the other
cached aggregates, so it is never stale; it is rebuilt on the first request after
the data changes (about 1.5 s on 10,000 articles). It is held apart from the
answers' cache, whose entries would otherwise push it out.
"""

from __future__ import annotations

import threading
from collections import Counter, OrderedDict
from collections.abc import Callable, Iterable, Iterator
from contextlib import AbstractContextManager
from dataclasses import dataclass
from itertools import chain
from typing import Any

from ..keys import fold
from ..store import SqlStore
from ..store.query import SEARCH_RANK, search_expression
from ..store.review import review_condition
from .queries import _latest, _place_names, corrected, event_review

_KEEP = 4  # indexes, one per store (database) served
_SLOTS: OrderedDict[tuple[Any, ...], CorpusIndex] = OrderedDict()
_LOCK = threading.Lock()
_NONE: tuple[str, ...] = ()


@dataclass(frozen=True)
class CorpusIndex:
    """Latest articles by position, each with its outlet, publication date and its
    distinct entity IDs, entity names, place names (as corrected) and event types (as
    corrected), rejected findings left out, as ``queries.facet_rows`` reads them."""

    ids: tuple[str, ...]
    position: dict[str, int]
    titles: tuple[str | None, ...]
    search_rows: dict[int, int] | None  # SQLite: full-text row ID -> position
    outlets: tuple[str | None, ...]
    folded_outlets: tuple[str, ...]
    published: tuple[str | None, ...]
    entity_ids: tuple[tuple[str, ...], ...]
    entity_names: tuple[tuple[str, ...], ...]
    folded_names: tuple[frozenset[str], ...]
    places: tuple[tuple[str, ...], ...]
    folded_places: tuple[frozenset[str], ...]
    event_types: tuple[tuple[str, ...], ...]
    entity_docs: dict[str, tuple[int, ...]]
    entities: dict[str, tuple[str, str]]  # id -> (name, type)
    mentions: dict[str, int]  # entity ID -> its mentions in latest versions
    totals: dict[str, Counter[str]]  # facet_counts over every article

    def rank(
        self, store: SqlStore, query: str, cap: int
    ) -> list[tuple[str, str | None, float]] | None:
        """``store.search(query, cap)`` as (article ID, title, score), best first: the
        same ranking, but only the row IDs of the hits are read, not their stored text
        (SQLite). None when the store keeps no full-text rows (PostgreSQL)."""
        if self.search_rows is None:
            return None
        expression = search_expression(query)
        if expression is None:
            return []
        rank = SEARCH_RANK
        rows = store._execute(
            f"SELECT rowid, {rank} FROM articles_fts WHERE articles_fts MATCH ? "
            f"ORDER BY {rank} LIMIT ?",
            (expression, cap),
        )
        found = []
        for rowid, score in rows:
            doc = self.search_rows.get(int(rowid))
            if doc is not None:
                found.append((self.ids[doc], self.titles[doc], -float(score)))
        return found

    def positions(self, ids: Iterable[str]) -> list[int]:
        """Positions of the given articles in their order; unknown IDs are skipped."""
        where = self.position
        return [where[a] for a in ids if a in where]

    def matches(
        self,
        doc: int,
        outlet: str | None,
        entity: str | None,
        folded_entity: str | None,
        place: str | None,
        type_: str | None,
        start: str | None,
        end: str | None,
    ) -> bool:
        """Whether an article passes the search filters (``outlet``, ``folded_entity``
        and ``place`` folded; ``entity`` as given, which may be an ID)."""
        if outlet and self.folded_outlets[doc] != outlet:
            return False
        if folded_entity and not (
            entity in self.entity_ids[doc] or folded_entity in self.folded_names[doc]
        ):
            return False
        if place and place not in self.folded_places[doc]:
            return False
        if type_ and type_ not in self.event_types[doc]:
            return False
        if start or end:
            day = (self.published[doc] or "")[:10]
            if (start and (not day or day < start)) or (end and (not day or day > end)):
                return False
        return True

    def facet_counts(self, docs: list[int]) -> dict[str, Counter[str]]:
        """How many of the given articles name each entity (by name) and place and
        report each event type: ``queries.facet_counts``, counted here."""

        # Most of the corpus is counted as all of it less the rest, a few articles.
        many = len(docs) > len(self.ids) // 2
        if many:
            chosen = set(docs)
            docs = [d for d in range(len(self.ids)) if d not in chosen]
        counts = _counts(self, docs)
        if many:
            # Unary plus drops the values no chosen article has.
            return {f: +(self.totals[f] - counts[f]) for f in counts}
        return counts

    def entity_articles(self, eid: str) -> list[tuple[str, str | None]]:
        """The articles that name an entity with their publication dates, undated
        first, then by date and ID: ``queries.entity_articles``, read here."""
        found = [(self.ids[d], self.published[d]) for d in self.entity_docs.get(eid, ())]
        return sorted(found, key=lambda a: (a[1] is not None, a[1] or "", a[0]))

    def co_mentioned(self, eid: str, limit: int = 20) -> list[dict[str, Any]]:
        """The entities named in the most articles together with ``eid`` (most first,
        then by name and ID): ``queries.co_mentioned``, counted here."""
        counts = Counter(
            chain.from_iterable(self.entity_ids[d] for d in self.entity_docs.get(eid, ()))
        )
        counts.pop(eid, None)
        known = self.entities
        ranked = sorted(counts, key=lambda k: (-counts[k], known[k][0], k))
        return [
            {"id": k, "name": known[k][0], "type": known[k][1], "count": counts[k]}
            for k in ranked[:limit]
        ]


def _counts(index: CorpusIndex, docs: Iterable[int]) -> dict[str, Counter[str]]:
    docs = list(docs)

    def count(values: tuple[tuple[str, ...], ...]) -> Counter[str]:
        return Counter(chain.from_iterable(values[d] for d in docs))

    return {
        "entity": count(index.entity_names),
        "place": count(index.places),
        "event_type": count(index.event_types),
    }


class Warmer:
    """Builds the index in a thread of its own when the server starts and after each
    write it answers, so that the next read seldom waits for it (a read that comes
    first waits for the build in progress, then uses it). It reads the name filters'
    folded values too (store.name_values). Writes from another process
    are seen by the next read, which builds the index then."""

    def __init__(self, store: Callable[[], AbstractContextManager[SqlStore]]) -> None:
        self._store = store
        self._wake = threading.Event()
        self._stopped = False
        self._thread = threading.Thread(target=self._run, name="corpus-index", daemon=True)

    def start(self) -> None:
        self._thread.start()
        self.poke()

    def poke(self) -> None:
        self._wake.set()

    def stop(self) -> None:
        self._stopped = True
        self._wake.set()
        if self._thread.is_alive():
            self._thread.join(timeout=30)

    def _run(self) -> None:
        while True:
            self._wake.wait()
            self._wake.clear()
            if self._stopped:
                return
            try:
                with self._store() as store:
                    corpus_index(store)
                    store.warm_name_values()
            except Exception:
                # Not reported here: the read that needs the index builds it and reports.
                continue


def corpus_index(store: SqlStore) -> CorpusIndex:
    """The index of the store as it is now: kept while its data is unchanged, rebuilt
    (by one request at a time; the others wait for it) when it changed."""
    key = (store.dialect, store.location, store.generation())
    with _LOCK:
        found = _SLOTS.get(key)
        if found is None:
            found = build(store)
            # An older state of the same store is never asked for again.
            for stale in [k for k in _SLOTS if k[:2] == key[:2]]:
                del _SLOTS[stale]
            _SLOTS[key] = found
            while len(_SLOTS) > _KEEP:
                _SLOTS.popitem(last=False)
        else:
            _SLOTS.move_to_end(key)
        return found


def _grouped(rows: Iterable[tuple[Any, ...]], position: dict[str, int]) -> dict[int, list[Any]]:
    """Rows of distinct (article ID, value) as values per article position, in row
    order; rows of articles that are not latest, and NULLs, are dropped."""
    found: dict[int, list[Any]] = {}
    for aid, value in rows:
        doc = position.get(aid)
        if doc is not None and value is not None:
            found.setdefault(doc, []).append(value)
    return found


def _folded(names: Iterable[tuple[str, ...]]) -> tuple[frozenset[str], ...]:
    """Each article's names, folded; each distinct name is folded once."""
    memo: dict[str, str] = {}
    found = []
    for doc in names:
        keys = []
        for name in doc:
            key = memo.get(name)
            if key is None:
                key = memo[name] = fold(name)
            keys.append(key)
        found.append(frozenset(keys))
    return tuple(found)


def _tuples(grouped: dict[int, list[Any]], size: int) -> Iterator[tuple[str, ...]]:
    for doc in range(size):
        yield tuple(grouped.get(doc, _NONE))  # TEXT columns: str already


def build(store: SqlStore) -> CorpusIndex:
    """Read the index: one statement per facet over the whole corpus."""
    meta = store._execute(
        "SELECT id, outlet, published, title FROM articles WHERE latest = 1 ORDER BY id"
    )
    ids = tuple(str(r[0]) for r in meta)
    position = {aid: i for i, aid in enumerate(ids)}
    size = len(ids)
    entities = {
        str(eid): (str(name), str(type_))
        for eid, name, type_ in store._execute("SELECT id, name, type FROM entities")
    }
    # Each (article, entity) once, with its mentions: their sum is the entity's count.
    pairs = store._execute(
        f"SELECT m.article_id, m.entity_id, count(*) FROM mentions m {_latest('m')} "
        "GROUP BY m.article_id, m.entity_id"
    )
    mentioned = _grouped(((aid, eid) for aid, eid, _ in pairs), position)
    mentions: Counter[str] = Counter()
    for _, eid, n in pairs:
        mentions[str(eid)] += int(n)
    place_name, place_params = corrected(
        "p.name", "p.key", _place_names(store.journal(kinds=("place",))), "name"
    )
    placed = _grouped(
        store._execute(
            f"SELECT DISTINCT p.article_id, {place_name} FROM places p {_latest('p')} "
            f"WHERE {review_condition('p.key', None, False)}",
            place_params,
        ),
        position,
    )
    event_type, type_params = corrected("e.type", "e.key", store.journal(kinds=("event",)), "type")
    typed = _grouped(
        store._execute(
            f"SELECT DISTINCT e.article_id, {event_type} FROM events e {_latest('e')} "
            f"WHERE {event_review()}",
            type_params,
        ),
        position,
    )
    entity_ids = tuple(tuple(e for e in doc if e in entities) for doc in _tuples(mentioned, size))
    # An article names a name once, however many of its entities carry it.
    entity_names = tuple(
        tuple(dict.fromkeys(entities[e][0] for e in doc if e in entities)) for doc in entity_ids
    )
    entity_docs: dict[str, list[int]] = {}
    for doc, eids in enumerate(entity_ids):
        for eid in eids:
            entity_docs.setdefault(eid, []).append(doc)
    places = tuple(_tuples(placed, size))
    outlets = tuple(r[1] for r in meta)
    search_rows = None
    if store.dialect == "sqlite":
        search_rows = {
            int(rowid): position[str(aid)]
            for rowid, aid in store._execute("SELECT rowid, article_id FROM articles_fts")
            if str(aid) in position
        }
    index = CorpusIndex(
        ids=ids,
        position=position,
        titles=tuple(r[3] for r in meta),
        search_rows=search_rows,
        outlets=outlets,
        folded_outlets=tuple(fold(o or "") for o in outlets),
        published=tuple(r[2] for r in meta),
        entity_ids=entity_ids,
        entity_names=entity_names,
        folded_names=_folded(entity_names),
        places=places,
        folded_places=_folded(places),
        event_types=tuple(_tuples(typed, size)),
        entity_docs={k: tuple(v) for k, v in entity_docs.items()},
        entities=entities,
        mentions=dict(mentions),
        totals={},
    )
    index.totals.update(_counts(index, range(size)))
    return index
