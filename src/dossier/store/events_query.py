"""Corpus-wide queries over events and places."""

from __future__ import annotations

from abc import abstractmethod
from collections.abc import Sequence
from typing import Any

from ..models import EventHit, Evidence, Figure, Place, PlaceSummary, TimeExpression
from .event_rows import (
    DATE_COLUMNS,
    EVENT_COLUMNS,
    FIGURE_IDXS,
    PLACE_COLUMNS,
    event_from_row,
)
from .matching import any_in, entities_named, matching_values
from .rows import FIGURE_COLUMNS, figure_from_row

_NO_LIMIT = 2**62
_KEYS_PER_QUERY = 200  # (article, version) pairs per IN list, well under SQLite's 999 limit


def _columns(alias: str, columns: str) -> str:
    return ", ".join(f"{alias}.{c.strip()}" for c in columns.split(","))


_N_EVENT = len(EVENT_COLUMNS.split(","))
_N_PLACE = len(PLACE_COLUMNS.split(","))
_N_DATE = len(DATE_COLUMNS.split(","))


class EventQueries:
    @abstractmethod
    def _execute(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]: ...

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
    ) -> list[EventHit]:
        """Event reports of latest versions, oldest first, filtered as asked.

        ``actor`` matches an entity by any of its names, or a substring of the
        actor text; ``place`` a place's text or its GeoNames name, whole; names
        compare with case and accents folded ("Duran" finds "Durán"). ``since`` and
        ``until`` (YYYY-MM-DD) compare the event's date, or the publication
        date when the event has none.
        """
        where: list[str] = []
        params: list[Any] = []
        if type_:
            where.append("e.type = ?")
            params.append(type_.upper())
        if status:
            where.append("e.status = ?")
            params.append(status)
        if actor:
            texts = matching_values(
                self._execute, "events", ("source", "target"), actor, whole=False
            )
            named, named_params = any_in(("e.source", "e.target"), texts)
            ids = entities_named(self._execute, actor)
            linked, linked_params = any_in(("e.source_entity_id", "e.target_entity_id"), ids)
            where.append(f"({linked} OR {named})")
            params += [*linked_params, *named_params]
        if place:
            names = matching_values(self._execute, "places", ("name", "text"), place, whole=True)
            named, named_params = any_in(("p.name", "p.text"), names)
            where.append(named)
            params += named_params
        day = "coalesce(d.start_date, a.published)"
        if since:
            where.append(f"{day} >= ?")
            params.append(since)
        if until:
            where.append(f"{day} <= ?")
            params.append(until)
        rows = self._execute(
            f"SELECT a.id, a.title, a.url, a.outlet, a.published, {_columns('e', EVENT_COLUMNS)}, "
            f"{_columns('p', PLACE_COLUMNS)}, {_columns('d', DATE_COLUMNS)}, e.cluster_id, "
            "s.name, t.name, c.evidence_type, c.evidence_source, c.evidence_entity_id, "
            "c.evidence_start, c.evidence_end, e.version FROM events e "
            "JOIN articles a ON a.id = e.article_id AND a.version = e.version AND a.latest = 1 "
            "LEFT JOIN places p ON p.article_id = e.article_id AND p.version = e.version "
            " AND p.idx = e.place_idx "
            "LEFT JOIN dates d ON d.article_id = e.article_id AND d.version = e.version "
            " AND d.idx = e.date_idx "
            "LEFT JOIN entities s ON s.id = e.source_entity_id "
            "LEFT JOIN entities t ON t.id = e.target_entity_id "
            "LEFT JOIN claims c ON c.article_id = e.article_id AND c.version = e.version "
            " AND c.idx = e.claim_idx "
            f"{'WHERE ' + ' AND '.join(where) if where else ''} "
            f"ORDER BY {day}, a.id, e.idx LIMIT ?",
            (*params, limit if limit is not None else _NO_LIMIT),
        )
        hits = []
        figures = self._event_figures(
            {(r[0], r[-1]) for r in rows if r[5 + FIGURE_IDXS] not in ("[]", None)}
        )
        for r in rows:
            event_row = r[5 : 5 + _N_EVENT]
            place_row = r[5 + _N_EVENT : 5 + _N_EVENT + _N_PLACE]
            date_row = r[5 + _N_EVENT + _N_PLACE : 5 + _N_EVENT + _N_PLACE + _N_DATE]
            rest = r[5 + _N_EVENT + _N_PLACE + _N_DATE :]
            found_place = (
                Place(
                    place_row[0],
                    place_row[1],
                    place_row[2],
                    place_row[3],
                    bool(place_row[4]),
                    *place_row[5:],
                )
                if place_row[0] is not None
                else None
            )
            found_date = (
                TimeExpression(
                    date_row[0],
                    date_row[1],
                    date_row[2],
                    date_row[3],
                    date_row[4],
                    date_row[5],
                    bool(date_row[6]),
                )
                if date_row[0] is not None
                else None
            )
            event = event_from_row(event_row)
            article_figures = figures.get((r[0], r[-1]), {})
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
                    rest[0],
                    rest[1],
                    rest[2],
                    Evidence(*rest[3:8]) if rest[3] is not None else None,
                    tuple(article_figures[i] for i in event.figures if i in article_figures),
                )
            )
        return hits

    def _event_figures(
        self, keys: set[tuple[str, int]]
    ) -> dict[tuple[str, int], dict[int, Figure]]:
        """The figures of each (article, version), by index, read in chunks of keys."""
        found: dict[tuple[str, int], dict[int, Figure]] = {}
        ordered = sorted(keys)
        for i in range(0, len(ordered), _KEYS_PER_QUERY):
            chunk = ordered[i : i + _KEYS_PER_QUERY]
            rows = self._execute(
                f"SELECT article_id, version, idx, {FIGURE_COLUMNS} FROM figures "
                f"WHERE (article_id, version) IN ({', '.join('(?, ?)' for _ in chunk)})",
                [value for key in chunk for value in key],
            )
            for r in rows:
                found.setdefault((r[0], int(r[1])), {})[int(r[2])] = figure_from_row(r[3:])
        return found

    def places(self, limit: int | None = None) -> list[PlaceSummary]:
        """Places across the corpus (latest versions), most mentioned first."""
        rows = self._execute(
            "SELECT p.name, p.resolved, p.geonames_id, max(p.latitude), max(p.longitude), "
            "max(p.country_code), max(p.admin1), max(p.feature), count(*), "
            "count(DISTINCT p.article_id) FROM places p "
            "JOIN articles a ON a.id = p.article_id AND a.version = p.version AND a.latest = 1 "
            "GROUP BY p.name, p.resolved, p.geonames_id "
            "ORDER BY count(*) DESC, p.name LIMIT ?",
            (limit if limit is not None else _NO_LIMIT,),
        )
        forms = self._place_forms() if rows else {}
        return [
            PlaceSummary(
                *(r[0], bool(r[1]), r[2], r[3], r[4], r[5], r[6], r[7], int(r[8]), int(r[9])),
                forms.get((r[0], bool(r[1]), r[2]), ()),
            )
            for r in rows
        ]

    def _place_forms(self) -> dict[tuple[str, bool, int | None], tuple[str, ...]]:
        """Each place's surface forms as the texts write them, most frequent first."""
        rows = self._execute(
            "SELECT p.name, p.resolved, p.geonames_id, p.text, count(*) FROM places p "
            "JOIN articles a ON a.id = p.article_id AND a.version = p.version AND a.latest = 1 "
            "GROUP BY p.name, p.resolved, p.geonames_id, p.text",
            (),
        )
        counted: dict[tuple[str, bool, int | None], list[tuple[int, str]]] = {}
        for name, resolved, gid, text, n in rows:
            counted.setdefault((name, bool(resolved), gid), []).append((-int(n), text))
        return {key: tuple(t for _, t in sorted(v)) for key, v in counted.items()}
