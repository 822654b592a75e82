"""Read-only queries the API needs and the store has no method for.

They use only the store's ``_execute`` read helper and its row readers, always over
latest article versions, and never write. Those over findings (counts, lists,
clusters) apply the review journal the way the store's read path does: rejected
findings are left out unless asked for, and corrected values count, not stored ones.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from collections.abc import Set as AbstractSet
from typing import Any

from ..models import EventHit, Figure, Quote
from ..store import SqlStore
from ..store.corpus import corrected_equals
from ..store.query import headline_config, search_expression, search_tsquery
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


def snippets(store: SqlStore, query: str, ids: list[str]) -> dict[str, str]:
    """The search snippet of each given article for ``query``, cut as ``store.search``
    cuts them (a filtered search cuts them for the page shown only)."""
    if not ids:
        return {}
    marks = _marks(ids)
    if store.dialect == "sqlite":
        expression = search_expression(query)
        if expression is None:
            return {}
        rows = store._execute(
            "SELECT article_id, snippet(articles_fts, 1, '[', ']', '…', 16) FROM articles_fts "
            f"WHERE articles_fts MATCH ? AND article_id IN ({marks})",
            (expression, *ids),
        )
    else:
        tsquery = search_tsquery()
        rows = store._execute(
            f"SELECT a.id, ts_headline({headline_config()}, a.text, q, "
            "'StartSel=[, StopSel=], MaxWords=24, MinWords=10, ShortWord=2') "
            f"FROM articles a, {tsquery} "
            f"WHERE a.latest = 1 AND a.id IN ({marks})",
            (*[query] * tsquery.count("?"), *ids),
        )
    return {str(aid): str(cut) for aid, cut in rows}


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


def quotes_about(
    store: SqlStore,
    eid: str,
    skip: AbstractSet[tuple[str, int]],
    keeps: Callable[[str], bool],
    limit: int,
) -> tuple[list[tuple[str, str | None, Quote]], int]:
    """Quotes whose content contains a mention of the entity, in article order, as
    (article ID, title, stored quote): the first ``limit`` and how many there are,
    leaving out those at ``skip`` (article ID, start) and those whose review state
    ``keeps`` refuses. Only each quote's position and key are read for all of them;
    whole rows only for the page."""
    found = store.journal(kinds=("quote",))
    picked: list[tuple[str, int]] = []
    for aid, idx, start, key in _quotes_mentioning(store, eid):
        review = found.get(key) if key is not None else None
        if (aid, start) in skip or not keeps(review.state if review else "unreviewed"):
            continue
        picked.append((aid, idx))
    shown = picked[:limit]
    rows: dict[tuple[str, int], tuple[str, str | None, Quote]] = {}
    columns = ", ".join(f"q.{c.strip()}" for c in QUOTE_COLUMNS.split(","))
    wanted = set(shown)
    for chunk in _chunks(aid for aid, _ in shown):
        for r in store._execute(
            f"SELECT q.article_id, a.title, q.idx, {columns} FROM quotes q {_latest('q')} "
            f"WHERE q.article_id IN ({_marks(chunk)})",
            chunk,
        ):
            if (str(r[0]), int(r[2])) in wanted:
                rows[(str(r[0]), int(r[2]))] = (str(r[0]), r[1], quote_from_row(r[3:]))
    return [rows[k] for k in shown if k in rows], len(picked)


def _quotes_mentioning(store: SqlStore, eid: str) -> list[tuple[str, int, int, str | None]]:
    """(article ID, index, start, key) of every quote mentioning the entity, by article
    and index; kept until the data changes, as the entity page's other lists are."""
    return list(
        store._cached(
            "quotes_mentioning",
            (eid,),
            lambda: [
                (str(r[0]), int(r[1]), int(r[2]), r[3])
                for r in store._execute(
                    "SELECT DISTINCT q.article_id, q.idx, q.start_char, q.key FROM mentions m "
                    "JOIN quotes q ON q.article_id = m.article_id AND q.version = m.version "
                    " AND q.start_char <= m.start_char AND q.end_char >= m.end_char "
                    f"{_latest('q')} WHERE m.entity_id = ? ORDER BY q.article_id, q.idx",
                    (eid,),
                )
            ],
            shallow=True,
        )
    )


def comention_pairs(store: SqlStore, ids: list[str]) -> Counter[tuple[str, str]]:
    """For pairs of the given entities, how many articles name both (pairs ordered by ID)."""
    return Counter(store.comention_pairs(ids))


def shared_clusters(
    store: SqlStore, review: str | None = None, include_rejected: bool = False
) -> list[tuple[str, int, int, int]]:
    """Cross-article events: cluster IDs (as corrected) reported by more than one article,
    counting the reports the review filter keeps. A near-duplicate copy is not new
    reporting, so articles count as their earliest copy: each ID comes with its reports,
    its distinct original articles and the copies among its articles."""
    cluster, params = corrected("e.cluster_id", "e.key", store.journal(kinds=("event",)), "cluster")
    rows = store._execute(
        f"SELECT c, count(*), count(DISTINCT coalesce(dup, article_id)), "
        "count(DISTINCT CASE WHEN dup IS NOT NULL THEN article_id END) FROM "
        f"(SELECT {cluster} AS c, e.article_id, a.duplicate_of AS dup FROM events e "
        f"{_latest('e')} WHERE {event_review(review, include_rejected)}) r "
        "WHERE c IS NOT NULL GROUP BY c HAVING count(DISTINCT coalesce(dup, article_id)) > 1 "
        "ORDER BY count(DISTINCT coalesce(dup, article_id)) DESC, c",
        params,
    )
    return [(str(r[0]), int(r[1]), int(r[2]), int(r[3])) for r in rows]


def copies_of(store: SqlStore, article_ids: Iterable[str]) -> dict[str, str]:
    """Each near-duplicate among ``article_ids`` -> its earliest copy."""
    out: dict[str, str] = {}
    for chunk in _chunks(article_ids):
        for aid, root in store._execute(
            f"SELECT id, duplicate_of FROM articles WHERE latest = 1 AND id IN ({_marks(chunk)}) "
            "AND duplicate_of IS NOT NULL",
            chunk,
        ):
            out[str(aid)] = str(root)
    return out


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


def entity_events(
    store: SqlStore, eid: str, limit: int, review: str | None, include_rejected: bool
) -> tuple[list[EventHit], list[EventHit], int, int]:
    """An entity page's events: the first ``limit`` reports with it as source and as
    target (oldest first, paged in SQL) and how many of each there are; kept until the
    data changes, as one answer so that a page keeps few (store.serving)."""
    args = (eid, limit, review, include_rejected)

    def compute() -> tuple[list[EventHit], list[EventHit], int, int]:
        return (
            store.events(
                entity=("source", eid),
                limit=limit,
                review=review,
                include_rejected=include_rejected,
            ),
            store.events(
                entity=("target", eid),
                limit=limit,
                review=review,
                include_rejected=include_rejected,
            ),
            count_entity_events(store, eid, "source", review, include_rejected),
            count_entity_events(store, eid, "target", review, include_rejected),
        )

    found = store._cached("entity_events", args, compute, shallow=True)
    sources, targets, n_sources, n_targets = found
    return list(sources), list(targets), n_sources, n_targets


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
