"""Corpus-wide queries over events and places."""

from __future__ import annotations

from abc import abstractmethod
from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from ..models import EventHit, Evidence, Figure, Place, PlaceSummary
from .event_rows import (
    DATE_COLUMNS,
    EVENT_COLUMNS,
    FIGURE_IDXS,
    PLACE_COLUMNS,
    date_from_row,
    event_from_row,
    place_from_row,
)
from .matching import ACTORS, PLACE_NAMES, any_in, entities_named, matching_values
from .review import REJECTED, review_condition
from .review_apply import NONE, Review, apply_date, apply_event, apply_place
from .rows import FIGURE_COLUMNS, figure_from_row

_NO_LIMIT = 2**62
_KEYS_PER_QUERY = 200  # (article, version) pairs per IN list, well under SQLite's 999 limit


def _columns(alias: str, columns: str) -> str:
    return ", ".join(f"{alias}.{c.strip()}" for c in columns.split(","))


# The unary + keeps SQLite from driving the join from articles_latest (it guesses that
# latest = 1 is selective), so events are read in events_day order and the LIMIT stops
# the read at the page instead of sorting every report.
_LATEST_E = "JOIN articles a ON a.id = e.article_id AND a.version = e.version AND +a.latest = 1 "
_PLACE_JOIN = (
    "LEFT JOIN places p ON p.article_id = e.article_id AND p.version = e.version "
    "AND p.idx = e.place_idx "
)
_N_EVENT = len(EVENT_COLUMNS.split(","))
_N_PLACE = len(PLACE_COLUMNS.split(","))
_N_DATE = len(DATE_COLUMNS.split(","))


class EventQueries:
    dialect: str

    @abstractmethod
    def _execute(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]: ...

    @abstractmethod
    def journal(
        self, article_id: str | None = None, kinds: Sequence[str] = ()
    ) -> dict[str, Review]: ...

    @abstractmethod
    def entity_names(self, found: dict[str, Review]) -> dict[str, str]: ...

    if TYPE_CHECKING:  # defined by CorpusQueries and ServingQueries, before and after it

        def name_values(
            self, table: str, columns: tuple[str, ...]
        ) -> tuple[tuple[str, str], ...]: ...

        def _cached(
            self,
            name: str,
            args: tuple[Any, ...],
            compute: Callable[[], Any],
            *,
            shallow: bool = False,
        ) -> Any: ...

    def outlet_votes(self, outlet: str) -> tuple[int, dict[tuple[str, str | None], int]]:
        """How many latest articles of ``outlet`` there are, and how many of them vote for
        each region (see ``analyze.homes``)."""
        where = "a.outlet = ? AND a.latest = 1"
        params = (outlet,)
        row = self._execute(f"SELECT count(*) FROM articles a WHERE {where}", params)
        votes = {
            (country, admin1 or None): int(n)
            for country, admin1, n in self._execute(
                "SELECT r.country_code, r.admin1, count(*) FROM regions r JOIN articles a "
                f"ON a.id = r.article_id AND a.version = r.version WHERE {where} "
                "GROUP BY r.country_code, r.admin1",
                params,
            )
        }
        return int(row[0][0]), votes

    def votes_of(
        self, article_id: str
    ) -> tuple[str | None, tuple[tuple[str, str | None], ...]] | None:
        """The outlet of the article's latest stored version and that version's votes for
        its home (see ``analyze.homes``); None when the article is not stored."""
        found = self._execute(
            "SELECT outlet, version FROM articles WHERE id = ? AND latest = 1", (article_id,)
        )
        if not found:
            return None
        outlet, version = found[0]
        rows = self._execute(
            "SELECT country_code, admin1 FROM regions WHERE article_id = ? AND version = ?",
            (article_id, version),
        )
        votes = sorted(((str(c), a or None) for c, a in rows), key=lambda r: (r[0], r[1] or ""))
        return outlet, tuple(votes)

    def events(
        self,
        type_: str | None = None,
        actor: str | None = None,
        place: str | None = None,
        since: str | None = None,
        until: str | None = None,
        status: str | None = None,
        limit: int | None = None,
        *,
        review: str | None = None,
        include_rejected: bool = False,
        offset: int = 0,
        keys: Sequence[str] | None = None,
        entity: tuple[str, str] | None = None,
    ) -> list[EventHit]:
        """Event reports of latest versions, oldest first, filtered as asked.

        ``actor`` matches an entity by any of its names, or a substring of the
        actor text; ``place`` a place's text or its GeoNames name, whole; names
        compare with case and accents folded ("Duran" finds "Durán"). ``since`` and
        ``until`` (YYYY-MM-DD) compare the event's date, or the publication
        date when the event has none.

        Events come as reviewed (store.review): ``type_`` and ``status`` compare the
        corrected values, ``review`` is a review state or "reviewed", and rejected events
        are left out unless ``include_rejected``. ``keys`` keeps only the reports with those
        keys (``store.serving`` reads the reports the journal touches through here, so
        its aggregates apply corrections as every other read does). ``entity`` (side,
        entity ID) keeps the reports whose "source" or "target", as corrected, is that
        entity (an entity page's lists, counted by ``count_entity_events``).
        """
        args = (type_, actor, place, since, until, status, limit, review, include_rejected)
        if actor and keys is None and entity is None:  # kept until the data changes
            return list(
                self._cached(
                    "events",
                    (*args, offset),
                    lambda: self._events(*args, offset=offset, keys=None),
                    shallow=True,
                )
            )
        return self._events(*args, offset=offset, keys=keys, entity=entity)

    def _events(
        self,
        type_: str | None,
        actor: str | None,
        place: str | None,
        since: str | None,
        until: str | None,
        status: str | None,
        limit: int | None,
        review: str | None,
        include_rejected: bool,
        *,
        offset: int,
        keys: Sequence[str] | None,
        entity: tuple[str, str] | None = None,
    ) -> list[EventHit]:
        from .corpus import corrected_equals

        found = self.journal(kinds=("event", "place", "date", "cluster"))
        where, params = self._event_where(
            found, type_, actor, place, since, until, status, review, include_rejected
        )
        if entity is not None:
            side, eid = entity
            column = {"source": "e.source_entity_id", "target": "e.target_entity_id"}[side]
            condition, more = corrected_equals(column, "e.key", eid, found, side)
            where.append(condition)
            params += more
        if keys is not None:
            where.append(f"e.key IN ({', '.join('?' for _ in keys)})" if keys else "1 = 0")
            params += list(keys)
        page: list[Any] = [limit if limit is not None else _NO_LIMIT, offset]
        if entity is not None and self.dialect == "sqlite":
            # SQLite joins the place, date, claim and actor names of every report the
            # entity is in before sorting; the page's row IDs are picked first instead.
            joins = _LATEST_E + (_PLACE_JOIN if place else "")
            where = [
                f"e.rowid IN (SELECT e.rowid FROM events e {joins}WHERE {' AND '.join(where)} "
                "ORDER BY e.day, e.article_id, e.idx LIMIT ? OFFSET ?)"
            ]
            params, page = [*params, *page], [_NO_LIMIT, 0]
        rows = self._execute(
            f"SELECT a.id, a.title, a.url, a.outlet, a.published, {_columns('e', EVENT_COLUMNS)}, "
            f"{_columns('p', PLACE_COLUMNS)}, {_columns('d', DATE_COLUMNS)}, e.cluster_id, "
            "s.name, t.name, c.evidence_type, c.evidence_source, c.evidence_entity_id, "
            "c.evidence_start, c.evidence_end, a.language, e.version FROM events e "
            f"{_LATEST_E}{_PLACE_JOIN}"
            "LEFT JOIN dates d ON d.article_id = e.article_id AND d.version = e.version "
            " AND d.idx = e.date_idx "
            "LEFT JOIN entities s ON s.id = e.source_entity_id "
            "LEFT JOIN entities t ON t.id = e.target_entity_id "
            "LEFT JOIN claims c ON c.article_id = e.article_id AND c.version = e.version "
            " AND c.idx = e.claim_idx "
            f"WHERE {' AND '.join(where)} "
            "ORDER BY e.day, e.article_id, e.idx LIMIT ? OFFSET ?",
            (*params, *page),
        )
        entity_names = self.entity_names(found)
        corrected_place = self._by_key("places", PLACE_COLUMNS, found, "place", place_from_row)
        corrected_date = self._by_key("dates", DATE_COLUMNS, found, "date", date_from_row)
        hits = []
        figures = self._event_figures(
            {(r[0], r[-1]) for r in rows if r[5 + FIGURE_IDXS] not in ("[]", None)}
        )
        for r in rows:
            event_row = r[5 : 5 + _N_EVENT]
            place_row = r[5 + _N_EVENT : 5 + _N_EVENT + _N_PLACE]
            date_row = r[5 + _N_EVENT + _N_PLACE : 5 + _N_EVENT + _N_PLACE + _N_DATE]
            rest = r[5 + _N_EVENT + _N_PLACE + _N_DATE :]
            found_place = place_from_row(place_row) if place_row[0] is not None else None
            found_date = date_from_row(date_row) if date_row[0] is not None else None
            event = event_from_row(event_row)
            article_figures = figures.get((r[0], r[-1]), {})
            reviewed = found.get(event.key)
            fixes = reviewed.corrections if reviewed else {}
            if "place" in fixes:
                found_place = corrected_place.get(fixes["place"])
            if "date" in fixes:
                found_date = corrected_date.get(fixes["date"])
            if found_place is not None:
                found_place = apply_place(found_place, found.get(found_place.key))
            if found_date is not None:
                found_date = apply_date(found_date, found.get(found_date.key))
            event = apply_event(event, reviewed, entity_names)
            own = found.get(f"cluster:{rest[0]}")
            if own is not None and own.state == "rejected":
                event = replace(event, review="rejected")
            if "source" in fixes:
                rest = (rest[0], event.source, *rest[2:])
            if "target" in fixes:
                rest = (*rest[:2], event.target, *rest[3:])
            hits.append(
                EventHit(
                    r[0],
                    r[1],
                    r[2],
                    r[3],
                    r[4],
                    event,
                    found_place,
                    found_date,
                    fixes.get("cluster", rest[0]),
                    rest[1],
                    rest[2],
                    Evidence(*rest[3:8]) if rest[3] is not None else None,
                    tuple(article_figures[i] for i in event.figures if i in article_figures),
                    rest[8],
                )
            )
        return hits

    def count_events(
        self,
        type_: str | None = None,
        actor: str | None = None,
        place: str | None = None,
        since: str | None = None,
        until: str | None = None,
        status: str | None = None,
        *,
        review: str | None = None,
        include_rejected: bool = False,
    ) -> int:
        """How many event reports ``events`` answers for the same filters, counted in SQL
        (the same WHERE, so the two cannot disagree), without reading any report; kept
        until the data changes, as the serving aggregates are (store.serving)."""
        args = (type_, actor, place, since, until, status, review, include_rejected)
        return int(self._cached("count_events", args, lambda: self._count_events(*args)))

    def _count_events(
        self,
        type_: str | None,
        actor: str | None,
        place: str | None,
        since: str | None,
        until: str | None,
        status: str | None,
        review: str | None,
        include_rejected: bool,
    ) -> int:
        found = self.journal(kinds=("event", "place", "date", "cluster"))
        where, params = self._event_where(
            found, type_, actor, place, since, until, status, review, include_rejected
        )
        joins = _LATEST_E
        if place:
            joins += _PLACE_JOIN
        rows = self._execute(
            f"SELECT count(*) FROM events e {joins} WHERE {' AND '.join(where)}", params
        )
        return int(rows[0][0])

    def _event_where(
        self,
        found: dict[str, Review],
        type_: str | None,
        actor: str | None,
        place: str | None,
        since: str | None,
        until: str | None,
        status: str | None,
        review: str | None,
        include_rejected: bool,
    ) -> tuple[list[str], list[Any]]:
        """The WHERE conditions (over ``e``, and ``p`` when ``place``) of the event filters."""
        from .corpus import corrected_equals, with_corrections

        where: list[str] = [review_condition("e.key", review, include_rejected)]
        # Rejecting a cross-article event rejects every report of it.
        cluster = "'cluster:' || e.cluster_id"
        if review == "rejected":
            where = [f"({where[0]} OR {cluster} IN ({REJECTED}))"]
        elif not include_rejected:
            where.append(f"{cluster} NOT IN ({REJECTED})")
        params: list[Any] = []
        if type_:
            condition, more = corrected_equals("e.type", "e.key", type_.upper(), found, "type")
            where.append(condition)
            params += more
        if status:
            condition, more = corrected_equals("e.status", "e.key", status, found, "status")
            where.append(condition)
            params += more
        if actor:
            texts = matching_values(self.name_values(*ACTORS), actor, whole=False)
            named, named_params = any_in(("e.source", "e.target"), texts)
            ids = entities_named(self._execute, actor)
            linked, linked_params = any_in(("e.source_entity_id", "e.target_entity_id"), ids)
            fixed = [k for k, r in found.items() if {"source", "target"} & set(r.corrections)]
            actor_hits = self._actor_hits(fixed, found, actor, ids)
            condition, more = with_corrections(
                f"({linked} OR {named})",
                [*linked_params, *named_params],
                "e.key",
                fixed,
                actor_hits,
            )
            where.append(condition)
            params += more
        if place:
            names = matching_values(self.name_values(*PLACE_NAMES), place, whole=True)
            named, named_params = any_in(("p.name", "p.text"), names)
            where.append(named)
            params += named_params
        # e.day is the stored date's start, else the publication date (schema v10).
        if since:
            where.append("e.day >= ?")
            params.append(since)
        if until:
            where.append("e.day <= ?")
            params.append(until)
        return where, params

    def _actor_hits(
        self, fixed: list[str], found: dict[str, Review], actor: str, ids: list[str]
    ) -> list[str]:
        """The events with a corrected actor whose actors, as corrected, match ``actor``."""
        from .corpus import names_match

        if not fixed:
            return []
        names = self.entity_names(found)
        rows = self._execute(
            "SELECT key, coalesce(source_entity_id, source), coalesce(target_entity_id, target), "
            f"source, target FROM events WHERE key IN ({', '.join('?' for _ in fixed)})",
            fixed,
        )
        hits = []
        for key, source, target, source_text, target_text in rows:
            fixes = found[key].corrections
            sides = [
                (fixes["source"],) if "source" in fixes else (source, source_text),
                (fixes["target"],) if "target" in fixes else (target, target_text),
            ]
            if any(names_match(v, actor, ids, names) for side in sides for v in side):
                hits.append(str(key))
        return hits

    def _by_key(
        self, table: str, columns: str, found: dict[str, Review], field: str, build: Any
    ) -> dict[str, Any]:
        """The places (or dates) that event corrections point at, by key."""
        keys = sorted({r.corrections[field] for r in found.values() if field in r.corrections})
        keys = [k for k in keys if k != NONE]
        if not keys:
            return {}
        rows = self._execute(
            f"SELECT {_columns('t', columns)} FROM {table} t JOIN articles a ON a.id = t.article_id "
            f"AND a.version = t.version AND a.latest = 1 WHERE t.key IN ({', '.join('?' for _ in keys)})",
            keys,
        )
        return {r[-1]: build(r) for r in rows}

    def _event_figures(
        self, keys: set[tuple[str, int]]
    ) -> dict[tuple[str, int], dict[int, Figure]]:
        """The figures of each (article, version), by index, read in chunks of articles.

        ``article_id IN (...)`` searches the primary key; SQLite (3.40) plans the row
        value ``(article_id, version) IN ((?, ?), ...)`` as a scan of every figure. The
        versions are kept here."""
        found: dict[tuple[str, int], dict[int, Figure]] = {}
        ordered = sorted({aid for aid, _ in keys})
        for i in range(0, len(ordered), _KEYS_PER_QUERY):
            chunk = ordered[i : i + _KEYS_PER_QUERY]
            rows = self._execute(
                f"SELECT article_id, version, idx, {FIGURE_COLUMNS} FROM figures "
                f"WHERE article_id IN ({', '.join('?' for _ in chunk)})",
                chunk,
            )
            for r in rows:
                key = (r[0], int(r[1]))
                if key in keys:
                    found.setdefault(key, {})[int(r[2])] = figure_from_row(r[3:])
        return found

    def places(
        self, limit: int | None = None, include_rejected: bool = False
    ) -> list[PlaceSummary]:
        """Places across the corpus (latest versions), most mentioned first, as reviewed:
        a corrected resolution counts under the place it was corrected to, and rejected
        places are left out unless ``include_rejected``."""
        latest = "JOIN articles a ON a.id = p.article_id AND a.version = p.version AND a.latest = 1"
        unreviewed = "p.key NOT IN (SELECT key FROM review_journal WHERE kind = 'place')"
        group_by = "p.name, p.resolved, p.geonames_id"
        rows = self._execute(
            f"SELECT {group_by}, max(p.latitude), max(p.longitude), max(p.country_code), "
            "max(p.admin1), max(p.feature), count(*), count(DISTINCT p.article_id) FROM places p "
            f"{latest} WHERE {unreviewed} GROUP BY {group_by}",
            (),
        )
        Group = tuple[str, bool, int | None]
        summary: dict[Group, list[Any]] = {
            (r[0], bool(r[1]), r[2]): [*r[3:8], int(r[8]), int(r[9])] for r in rows
        }
        forms: dict[Group, dict[str, int]] = {}
        for name, resolved, gid, text, n in self._execute(
            f"SELECT {group_by}, p.text, count(*) FROM places p {latest} WHERE {unreviewed} "
            f"GROUP BY {group_by}, p.text",
            (),
        ):
            forms.setdefault((name, bool(resolved), gid), {})[text] = int(n)
        reviewed: dict[Group, set[str]] = {}
        for aid, p in self.place_reports(include_rejected=include_rejected, reviewed_only=True):
            group = (p.name, p.resolved, p.geonames_id)
            entry = summary.setdefault(
                group, [p.latitude, p.longitude, p.country_code, p.admin1, p.feature, 0, 0]
            )
            entry[5] += 1
            reviewed.setdefault(group, set()).add(aid)
            texts = forms.setdefault(group, {})
            texts[p.text] = texts.get(p.text, 0) + 1
        for (name, resolved, gid), aids in reviewed.items():
            # Articles of the group's unreviewed places, so none counts twice.
            same = "p.geonames_id IS NULL" if gid is None else "p.geonames_id = ?"
            others = self._execute(
                f"SELECT DISTINCT p.article_id FROM places p {latest} WHERE {unreviewed} "
                f"AND p.name = ? AND p.resolved = ? AND {same}",
                (name, int(resolved), *(() if gid is None else (gid,))),
            )
            summary[(name, resolved, gid)][6] = len(aids | {str(r[0]) for r in others})
        ordered = sorted(summary.items(), key=lambda kv: (-kv[1][5], kv[0][0]))
        return [
            PlaceSummary(
                group[0],
                group[1],
                group[2],
                entry[0],
                entry[1],
                entry[2],
                entry[3],
                entry[4],
                entry[5],
                entry[6],
                tuple(
                    t for t, _ in sorted(forms.get(group, {}).items(), key=lambda x: (-x[1], x[0]))
                ),
            )
            for group, entry in (ordered if limit is None else ordered[:limit])
        ]

    def place_reports(
        self,
        country: str | None = None,
        limit: int | None = None,
        *,
        review: str | None = None,
        include_rejected: bool = False,
        reviewed_only: bool = False,
        offset: int = 0,
    ) -> list[tuple[str, Place]]:
        """Each place finding of the latest versions as (article ID, place), as reviewed;
        ``country`` compares the corrected country code."""
        found = self.journal(kinds=("place",))
        where = [
            review_condition(
                "t.key",
                "reviewed" if reviewed_only and review is None else review,
                include_rejected,
            )
        ]
        if reviewed_only and include_rejected and review is None:
            where = ["t.key IN (SELECT key FROM review_journal)"]
        rows = self._execute(
            f"SELECT t.article_id, {_columns('t', PLACE_COLUMNS)} FROM places t "
            "JOIN articles a ON a.id = t.article_id AND a.version = t.version AND a.latest = 1 "
            f"WHERE {' AND '.join(where)} ORDER BY a.published, t.article_id, t.idx",
            (),
        )
        hits = [(str(r[0]), apply_place(place_from_row(r[1:]), found.get(r[-1]))) for r in rows]
        if country:
            hits = [h for h in hits if (h[1].country_code or "").upper() == country.upper()]
        end = None if limit is None else offset + limit
        return hits[offset:end]
