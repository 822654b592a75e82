"""Read-only queries the API needs and the store has no method for.

They use only the store's ``_execute`` read helper and its row readers, always over
latest article versions, and never write. Those over findings (counts, facets,
clusters) apply the review journal the way the store's read path does: rejected
findings are left out unless asked for, and corrected values count, not stored ones.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import Any

from ..models import Figure, Quote
from ..store import SqlStore
from ..store.corpus import corrected_equals
from ..store.review import REJECTED, review_condition
from ..store.review_apply import Review
from ..store.rows import FIGURE_COLUMNS, QUOTE_COLUMNS, figure_from_row, quote_from_row

_CHUNK = 400  # IN-list size, under SQLite's oldest 999-parameter limit
_LATEST = "JOIN articles a ON a.id = {t}.article_id AND a.version = {t}.version AND a.latest = 1"


def _latest(alias: str) -> str:
    return _LATEST.format(t=alias)


def _chunks(values: Iterable[str]) -> Iterable[list[str]]:
    ordered = sorted(set(values))
    for i in range(0, len(ordered), _CHUNK):
        yield ordered[i : i + _CHUNK]


def _marks(values: list[str]) -> str:
    return ", ".join("?" for _ in values)


def event_review(
    review: str | None = None, include_rejected: bool = False, alias: str = "e"
) -> str:
    """The review condition ``store.events`` puts on event reports: the event's own state,
    and a rejected cross-article event rejecting every report of it."""
    own = review_condition(f"{alias}.key", review, include_rejected)
    cluster = f"'cluster:' || {alias}.cluster_id"
    if review == "rejected":
        return f"({own} OR {cluster} IN ({REJECTED}))"
    if not include_rejected:
        return f"{own} AND {cluster} NOT IN ({REJECTED})"
    return own


def corrected(
    column: str, key_column: str, found: dict[str, Review], field: str
) -> tuple[str, list[Any]]:
    """A column's value as corrected: a CASE over the (few) corrected keys, else the column."""
    fixes = [(k, r.corrections[field]) for k, r in sorted(found.items()) if field in r.corrections]
    if not fixes:
        return column, []
    whens = " ".join("WHEN ? THEN ?" for _ in fixes)
    return f"CASE {key_column} {whens} ELSE {column} END", [v for pair in fixes for v in pair]


def _place_names(found: dict[str, Review]) -> dict[str, Review]:
    """Place reviews whose corrected resolution names another place (by its JSON name)."""
    import json

    named: dict[str, Review] = {}
    for key, r in found.items():
        value = r.corrections.get("resolution")
        if value and value != "none":
            named[key] = Review(r.state, {"name": str(json.loads(value)["name"])})
    return named


def article_meta(store: SqlStore, ids: Iterable[str]) -> dict[str, tuple[str | None, str | None]]:
    """(outlet, published) of each article's latest version."""
    found: dict[str, tuple[str | None, str | None]] = {}
    for chunk in _chunks(ids):
        for aid, outlet, published in store._execute(
            "SELECT id, outlet, published FROM articles "
            f"WHERE latest = 1 AND id IN ({_marks(chunk)})",
            chunk,
        ):
            found[str(aid)] = (outlet, published)
    return found


def all_article_ids(store: SqlStore) -> list[str]:
    rows = store._execute(
        "SELECT id FROM articles WHERE latest = 1 ORDER BY published IS NULL, published DESC, id"
    )
    return [str(r[0]) for r in rows]


def texts(store: SqlStore, ids: Iterable[str]) -> dict[str, str]:
    """The latest text of each article (to cut evidence sentences from)."""
    found: dict[str, str] = {}
    for chunk in _chunks(ids):
        for aid, text in store._execute(
            f"SELECT id, text FROM articles WHERE latest = 1 AND id IN ({_marks(chunk)})", chunk
        ):
            found[str(aid)] = str(text)
    return found


def facet_rows(store: SqlStore, ids: Iterable[str]) -> dict[str, dict[str, set[str]]]:
    """For each article: its entities (id and folded name), places and event types."""
    found: dict[str, dict[str, set[str]]] = {}

    def add(aid: str, facet: str, value: Any) -> None:
        if value is None:
            return
        slot = found.setdefault(
            aid, {"entity": set(), "entity_id": set(), "place": set(), "event_type": set()}
        )
        slot[facet].add(str(value))

    place_name, place_params = corrected(
        "p.name", "p.key", _place_names(store.journal(kinds=("place",))), "name"
    )
    event_type, type_params = corrected("e.type", "e.key", store.journal(kinds=("event",)), "type")
    for chunk in _chunks(ids):
        marks = _marks(chunk)
        for aid, eid, name in store._execute(
            f"SELECT DISTINCT m.article_id, e.id, e.name FROM mentions m {_latest('m')} "
            f"JOIN entities e ON e.id = m.entity_id WHERE m.article_id IN ({marks})",
            chunk,
        ):
            add(aid, "entity", name)
            add(aid, "entity_id", eid)
        for aid, name in store._execute(
            f"SELECT DISTINCT p.article_id, {place_name} FROM places p {_latest('p')} "
            f"WHERE p.article_id IN ({marks}) AND {review_condition('p.key', None, False)}",
            [*place_params, *chunk],
        ):
            add(aid, "place", name)
        for aid, type_ in store._execute(
            f"SELECT DISTINCT e.article_id, {event_type} FROM events e {_latest('e')} "
            f"WHERE e.article_id IN ({marks}) AND {event_review()}",
            [*type_params, *chunk],
        ):
            add(aid, "event_type", type_)
    return found


def figures(store: SqlStore, kind: str | None = None) -> list[tuple[str, str | None, Figure]]:
    """Figures of latest versions with their article ID and title, in text order."""
    where, params = ("WHERE f.kind = ?", [kind]) if kind else ("", [])
    columns = ", ".join(f"f.{c.strip()}" for c in FIGURE_COLUMNS.split(","))
    rows = store._execute(
        f"SELECT f.article_id, a.title, {columns} FROM figures f {_latest('f')} {where} "
        "ORDER BY a.published, f.article_id, f.idx",
        params,
    )
    return [(str(r[0]), r[1], figure_from_row(r[2:])) for r in rows]


def entity_articles(store: SqlStore, eid: str) -> list[tuple[str, str | None]]:
    """The articles that mention an entity, with their publication dates (kept by the
    store until its data changes, as the entity page's other lists are)."""
    return list(store._cached("entity_articles", (eid,), lambda: _entity_articles(store, eid)))


def _entity_articles(store: SqlStore, eid: str) -> list[tuple[str, str | None]]:
    rows = store._execute(
        f"SELECT DISTINCT m.article_id, a.published FROM mentions m {_latest('m')} "
        "WHERE m.entity_id = ? ORDER BY a.published, m.article_id",
        (eid,),
    )
    return [(str(r[0]), r[1]) for r in rows]


def quotes_mentioning(
    store: SqlStore, eid: str, limit: int | None = None
) -> list[tuple[str, str | None, Quote]]:
    """Quotes whose content contains a mention of the entity, in article order."""
    return list(
        store._cached(
            "quotes_mentioning",
            (eid, limit),
            lambda: _quotes_mentioning(store, eid, limit),
            shallow=True,
        )
    )


def _quotes_mentioning(
    store: SqlStore, eid: str, limit: int | None
) -> list[tuple[str, str | None, Quote]]:
    columns = ", ".join(f"q.{c.strip()}" for c in QUOTE_COLUMNS.split(","))
    rows = store._execute(
        f"SELECT DISTINCT q.article_id, a.title, q.idx, {columns} FROM quotes q {_latest('q')} "
        "JOIN mentions m ON m.article_id = q.article_id AND m.version = q.version "
        " AND m.start_char >= q.start_char AND m.end_char <= q.end_char "
        "WHERE m.entity_id = ? ORDER BY q.article_id, q.idx LIMIT ?",
        (eid, limit if limit is not None else 2**62),
    )
    return [(str(r[0]), r[1], quote_from_row(r[3:])) for r in rows]


def co_mentioned(store: SqlStore, eid: str, limit: int = 20) -> list[dict[str, Any]]:
    """The entities named in the most articles together with this one.

    Distinct (article, entity) pairs are counted, never mention against mention, so
    an entity named in thousands of articles costs one pass over their mentions.
    """
    return list(
        store._cached("co_mentioned", (eid, limit), lambda: _co_mentioned(store, eid, limit))
    )


def _co_mentioned(store: SqlStore, eid: str, limit: int) -> list[dict[str, Any]]:
    rows = store._execute(
        "SELECT e.id, e.name, e.type, n FROM (SELECT p.entity_id, count(*) AS n FROM ("
        " SELECT DISTINCT o.article_id, o.entity_id FROM mentions o JOIN ("
        f"  SELECT DISTINCT m.article_id, m.version FROM mentions m {_latest('m')}"
        "  WHERE m.entity_id = ?) k ON k.article_id = o.article_id AND k.version = o.version"
        " WHERE o.entity_id <> ?) p GROUP BY p.entity_id) c JOIN entities e ON e.id = c.entity_id "
        "ORDER BY n DESC, e.name LIMIT ?",
        (eid, eid, limit),
    )
    return [{"id": r[0], "name": r[1], "type": r[2], "count": int(r[3])} for r in rows]


def comention_pairs(store: SqlStore, ids: list[str]) -> Counter[tuple[str, str]]:
    """For pairs of the given entities, how many articles name both (pairs ordered by ID)."""
    return Counter(store.comention_pairs(ids))


def shared_clusters(
    store: SqlStore, review: str | None = None, include_rejected: bool = False
) -> list[tuple[str, int, int]]:
    """Cross-article events: cluster IDs (as corrected) reported by more than one article,
    counting the reports the review filter keeps."""
    cluster, params = corrected("e.cluster_id", "e.key", store.journal(kinds=("event",)), "cluster")
    rows = store._execute(
        f"SELECT c, count(*), count(DISTINCT article_id) FROM (SELECT {cluster} AS c, "
        f"e.article_id FROM events e {_latest('e')} WHERE "
        f"{event_review(review, include_rejected)}) r "
        "WHERE c IS NOT NULL GROUP BY c HAVING count(DISTINCT article_id) > 1 "
        "ORDER BY count(DISTINCT article_id) DESC, c",
        params,
    )
    return [(str(r[0]), int(r[1]), int(r[2])) for r in rows]


def latest_articles(store: SqlStore) -> int:
    row = store._execute("SELECT count(*) FROM articles WHERE latest = 1")
    return int(row[0][0])


def count_entity_events(
    store: SqlStore, eid: str, side: str, review: str | None = None, include_rejected: bool = False
) -> int:
    """Event reports (latest versions) with the entity as their source or target, as
    reviewed: a corrected actor counts where it was corrected to."""
    column = {"source": "source_entity_id", "target": "target_entity_id"}[side]
    found = store.journal(kinds=("event", "cluster"))
    condition, params = corrected_equals(f"e.{column}", "e.key", eid, found, side)
    rows = store._execute(
        f"SELECT count(*) FROM events e {_latest('e')} "
        f"WHERE {condition} AND {event_review(review, include_rejected)}",
        params,
    )
    return int(rows[0][0])


def count_quotes(
    store: SqlStore,
    anonymous: bool | None = None,
    review: str | None = None,
    include_rejected: bool = False,
) -> int:
    """How many quotes (latest versions) ``store.quotes(None, anonymous, review=...)`` lists."""
    where = [review_condition("q.key", review, include_rejected)]
    params: list[Any] = []
    if anonymous is not None:
        where.append("q.speaker_anonymous = ?")
        params.append(int(anonymous))
    rows = store._execute(
        f"SELECT count(*) FROM quotes q {_latest('q')} WHERE {' AND '.join(where)}", params
    )
    return int(rows[0][0])


def facet_counts(store: SqlStore, ids: Iterable[str]) -> dict[str, Counter[str]]:
    """How many of the given articles name each entity and place and report each event
    type, counted in SQL (the chunks hold different articles, so their counts add up);
    kept by the store until its data changes, so paging a broad search counts once."""
    wanted = tuple(sorted(set(ids)))
    return dict(store._cached("facet_counts", (wanted,), lambda: _facet_counts(store, wanted)))


def _facet_counts(store: SqlStore, ids: Iterable[str]) -> dict[str, Counter[str]]:
    counts: dict[str, Counter[str]] = {f: Counter() for f in ("entity", "place", "event_type")}
    place_name, place_params = corrected(
        "p.name", "p.key", _place_names(store.journal(kinds=("place",))), "name"
    )
    event_type, type_params = corrected("e.type", "e.key", store.journal(kinds=("event",)), "type")
    for chunk in _chunks(ids):
        marks = _marks(chunk)
        for facet, sql, first in (
            (
                "entity",
                f"SELECT e.name, count(DISTINCT m.article_id) FROM mentions m {_latest('m')} "
                f"JOIN entities e ON e.id = m.entity_id WHERE m.article_id IN ({marks}) "
                "GROUP BY e.name",
                [],
            ),
            (
                "place",
                f"SELECT n, count(DISTINCT article_id) FROM (SELECT {place_name} AS n, "
                f"p.article_id FROM places p {_latest('p')} WHERE p.article_id IN ({marks}) "
                f"AND {review_condition('p.key', None, False)}) r GROUP BY n",
                place_params,
            ),
            (
                "event_type",
                f"SELECT t, count(DISTINCT article_id) FROM (SELECT {event_type} AS t, "
                f"e.article_id FROM events e {_latest('e')} WHERE e.article_id IN ({marks}) "
                f"AND {event_review()}) r GROUP BY t",
                type_params,
            ),
        ):
            for value, n in store._execute(sql, [*first, *chunk]):
                counts[facet][str(value)] += int(n)
    return counts
