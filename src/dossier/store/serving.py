"""Aggregates the workbench's map and actor network read in SQL, for large stores.

Reading every event report through ``events`` costs seconds on a store of 10,000
articles, so these group and count in SQL and cut only the evidence sentences shown.
The review journal still applies, in two parts: the reports it does not touch (no
verdict on them, their place, date or cross-article event: ``review.JOURNALED_EVENTS``)
read as stored and are counted in SQL; the few it touches are read through ``events``,
which applies every verdict, and are added to the groups they belong to as reviewed.

A full aggregate still reads every report (about a second on 10,000 articles), so its
answer is kept per store and arguments until the data changes: ``generation`` moves
with every write transaction and every verdict, and is read (three O(1) lookups) on
each call, so a cached answer is never stale, also when another process writes.
"""

from __future__ import annotations

import copy
import threading
from abc import abstractmethod
from collections import OrderedDict
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from ..models import EventHit, Place
from .review import JOURNALED_EVENTS

_LATEST = "JOIN articles a ON a.id = e.article_id AND a.version = e.version AND +a.latest = 1 "
_CHUNK = 400
Order = tuple[str, str, int]  # (day, article, index): the order of ``events``
_CACHE: OrderedDict[tuple[Any, ...], Any] = OrderedDict()
_CACHE_SIZE = 256  # answers; an entity page keeps five
_CACHE_LOCK = threading.Lock()


def _keeps(state: str, review: str | None, include_rejected: bool) -> bool:
    if review == "reviewed":
        return state in ("confirmed", "corrected")
    if review is not None:
        return state == review
    return include_rejected or state != "rejected"


def _marks(values: Sequence[Any]) -> str:
    return ", ".join("?" for _ in values)


class ServingQueries:
    @abstractmethod
    def _execute(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]: ...

    dialect: str
    location: str

    @abstractmethod
    def generation(self) -> tuple[str, int, int, int]: ...

    def _cached(
        self,
        name: str,
        args: tuple[Any, ...],
        compute: Callable[[], Any],
        *,
        shallow: bool = False,
    ) -> Any:
        """``compute()``, or a copy of the answer kept from an earlier call while the data
        is unchanged; ``shallow`` for a list of frozen records, which need no deep copy."""
        key = (self.dialect, self.location, self.generation(), name, args)
        dup: Callable[[Any], Any] = copy.copy if shallow else copy.deepcopy
        with _CACHE_LOCK:
            if key in _CACHE:
                _CACHE.move_to_end(key)
                return dup(_CACHE[key])
        value = compute()
        with _CACHE_LOCK:
            _CACHE[key] = value
            while len(_CACHE) > _CACHE_SIZE:
                _CACHE.popitem(last=False)
        return dup(value)

    if TYPE_CHECKING:  # defined by EventQueries, which comes before this class in the MRO

        def events(self, *args: Any, **kwargs: Any) -> list[EventHit]: ...

        def place_reports(self, *args: Any, **kwargs: Any) -> list[tuple[str, Place]]: ...

    # -- shared ----------------------------------------------------------------------

    def _filters(
        self, touched: list[str], type_: str | None, since: str | None, until: str | None
    ) -> tuple[list[str], list[Any]]:
        where: list[str] = ["1 = 1"]
        params: list[Any] = []
        if len(touched) > _CHUNK:
            where = [f"coalesce(e.key, '') NOT IN ({JOURNALED_EVENTS})"]
        elif touched:
            where = [f"coalesce(e.key, '') NOT IN ({_marks(touched)})"]
            params += touched
        if type_:
            where.append("e.type = ?")
            params.append(type_.upper())
        if since:
            where.append("e.day >= ?")
            params.append(since)
        if until:
            where.append("e.day <= ?")
            params.append(until)
        return where, params

    def _grouped(
        self, group: str, where: list[str], params: list[Any], joins: str, cap: int, extra: str
    ) -> list[tuple[Any, ...]]:
        """The first ``cap`` reports of each group (in events order), each row with the
        group's total, its order, and the evidence fields the views show."""
        return self._execute(
            "SELECT w.*, substr(t.text, w.sentence_start + 1, w.sentence_end - w.sentence_start) "
            "FROM (SELECT "
            f"{group}, count(*) OVER (PARTITION BY {group}) AS n, row_number() OVER "
            f"(PARTITION BY {group} ORDER BY e.day, e.article_id, e.idx) AS rn, "
            "e.day, e.article_id, e.idx, e.version, e.key, e.type, e.status, e.start_char, "
            f"e.end_char, e.sentence_start, e.sentence_end{extra} FROM events e {_LATEST}"
            f"{joins}WHERE {' AND '.join(where)}) w "
            "JOIN articles t ON t.id = w.article_id AND t.version = w.version "
            f"WHERE w.rn <= ? ORDER BY w.day, w.article_id, w.idx",
            (*params, max(cap, 1)),
        )

    def _orders(self, hits: Sequence[EventHit]) -> dict[str, Order]:
        """The (day, article, index) of event reports by key, to merge them in order."""
        keys = sorted({h.event.key for h in hits})
        found: dict[str, Order] = {}
        for i in range(0, len(keys), _CHUNK):
            chunk = keys[i : i + _CHUNK]
            for key, day, aid, idx in self._execute(
                f"SELECT e.key, e.day, e.article_id, e.idx FROM events e {_LATEST}"
                f"WHERE e.key IN ({_marks(chunk)})",
                chunk,
            ):
                found[str(key)] = (day or "", str(aid), int(idx))
        return found

    @staticmethod
    def _evidence(
        key: str,
        state: str,
        type_: str,
        status: str,
        aid: str,
        sentence: str,
        span: tuple[int, int],
    ) -> dict[str, Any]:
        return {
            "key": key,
            "review": state,
            "type": type_,
            "status": status,
            "article_id": aid,
            "sentence": sentence.strip(),
            "start": span[0],
            "end": span[1],
        }

    def _hit_evidence(self, hit: EventHit) -> dict[str, Any]:
        e = hit.event
        rows = self._execute(
            "SELECT substr(text, ? + 1, ? - ?) FROM articles WHERE id = ? AND latest = 1",
            (e.sentence_start, e.sentence_end, e.sentence_start, hit.article_id),
        )
        sentence = str(rows[0][0]) if rows else ""
        state = getattr(e, "review", None) or "unreviewed"
        return self._evidence(
            e.key, state, e.type, e.status, hit.article_id, sentence, (e.start, e.end)
        )

    def _touched(self) -> list[str]:
        return sorted({str(r[0]) for r in self._execute(JOURNALED_EVENTS) if r[0] is not None})

    def _reviewed_hits(
        self,
        touched: list[str],
        type_: str | None,
        since: str | None,
        until: str | None,
        review: str | None,
        include_rejected: bool,
    ) -> list[EventHit]:
        hits = [
            hit
            for i in range(0, len(touched), _CHUNK)
            for hit in self.events(
                type_=type_,
                since=since,
                until=until,
                review=review,
                include_rejected=include_rejected,
                keys=touched[i : i + _CHUNK],
            )
        ]
        return [
            h
            for h in hits
            if _keeps(getattr(h.event, "review", None) or "unreviewed", review, include_rejected)
        ]

    # -- the map ---------------------------------------------------------------------

    def map_points(
        self,
        type_: str | None = None,
        since: str | None = None,
        until: str | None = None,
        per_point: int = 20,
        *,
        review: str | None = None,
        include_rejected: bool = False,
    ) -> list[dict[str, Any]]:
        """Geocoded places with their mentions, ``event_count`` and first ``per_point``
        events (oldest first) with evidence sentences, as ``/api/map`` lists them: every
        geocoded place unless a filter is given, then only places of the chosen events.
        ``review`` and ``include_rejected`` filter the events as in ``events``."""
        args = (type_, since, until, per_point, review, include_rejected)
        return list(
            self._cached(
                "map",
                args,
                lambda: self._map_points(type_, since, until, per_point, review, include_rejected),
            )
        )

    def _map_points(
        self,
        type_: str | None,
        since: str | None,
        until: str | None,
        per_point: int,
        review: str | None,
        include_rejected: bool,
    ) -> list[dict[str, Any]]:
        points: dict[int | None, dict[str, Any]] = {}
        # The places do not depend on the filters: kept apart, a filtered map reads them once.
        for gid, name, lat, lon, country, mentions in self._cached(
            "map_places",
            (include_rejected,),
            lambda: self._map_places(include_rejected),
            shallow=True,
        ):
            points[gid] = self._point(gid, name, lat, lon, country, mentions)
        listed: dict[int | None, list[tuple[Order, dict[str, Any]]]] = {}
        touched = self._touched()
        if review in (None, "unreviewed"):
            where, params = self._filters(touched, type_, since, until)
            where += ["p.resolved = 1", "p.latitude IS NOT NULL", "p.longitude IS NOT NULL"]
            joins = (
                "JOIN places p ON p.article_id = e.article_id AND p.version = e.version "
                "AND p.idx = e.place_idx "
            )
            extra = ", p.name, p.latitude, p.longitude, p.country_code"
            for r in self._grouped("p.geonames_id", where, params, joins, per_point, extra):
                gid, n, rn, day, aid, idx = r[0], int(r[1]), int(r[2]), r[3], str(r[4]), r[5]
                point = points.setdefault(gid, self._point(gid, r[14], r[15], r[16], r[17], 0))
                if rn == 1:
                    point["event_count"] += n
                if rn <= per_point:
                    evidence = self._evidence(
                        r[7], "unreviewed", r[8], r[9], aid, str(r[18] or ""), (r[10], r[11])
                    )
                    listed.setdefault(gid, []).append(((day or "", aid, int(idx)), evidence))
        hits = self._reviewed_hits(touched, type_, since, until, review, include_rejected)
        orders = self._orders(hits)
        for hit in hits:
            p = hit.place
            if p is None or not p.resolved or p.latitude is None or p.longitude is None:
                continue
            if p.review == "rejected" and not (include_rejected or review == "rejected"):
                continue  # a rejected place puts no event on the map
            gid = p.geonames_id
            point = points.setdefault(
                gid, self._point(gid, p.name, p.latitude, p.longitude, p.country_code, 0)
            )
            point["event_count"] += 1
            order = orders.get(hit.event.key, ("", hit.article_id, 0))
            listed.setdefault(gid, []).append((order, self._hit_evidence(hit)))
        for gid, items in listed.items():
            items.sort(key=lambda item: item[0])
            points[gid]["events"] = [evidence for _, evidence in items[:per_point]]
        if type_ or since or until:  # a filtered map shows where the chosen events are
            return [p for p in points.values() if p["event_count"]]
        return list(points.values())

    @staticmethod
    def _point(
        gid: int | None, name: str, lat: float, lon: float, country: str | None, mentions: int
    ) -> dict[str, Any]:
        return {
            "lat": lat,
            "lon": lon,
            "name": name,
            "country": country,
            "place_key": f"geonames:{gid}",
            "mentions": mentions,
            "event_count": 0,
            "events": [],
        }

    def _map_places(
        self, include_rejected: bool = False
    ) -> list[tuple[int | None, str, float, float, str | None, int]]:
        """Geocoded places of latest versions by GeoNames ID, most mentioned first: each
        ID under its most mentioned name, with that name's mentions (as ``places()``
        groups them), unreviewed places counted in SQL and reviewed ones as corrected."""
        groups: dict[tuple[int | None, str], list[Any]] = {}
        for gid, name, lat, lon, country, n in self._execute(
            "SELECT p.geonames_id, p.name, max(p.latitude), max(p.longitude), "
            "max(p.country_code), count(*) FROM places p JOIN articles a ON a.id = p.article_id "
            "AND a.version = p.version AND a.latest = 1 WHERE p.resolved = 1 "
            "AND coalesce(p.key, '') NOT IN (SELECT key FROM review_journal WHERE kind = 'place') "
            "GROUP BY p.geonames_id, p.name"
        ):
            groups[(gid, str(name))] = [lat, lon, country, int(n)]
        for _, p in self.place_reports(reviewed_only=True, include_rejected=include_rejected):
            if not p.resolved:
                continue
            entry = groups.setdefault(
                (p.geonames_id, p.name), [p.latitude, p.longitude, p.country_code, 0]
            )
            entry[3] += 1
        ordered = sorted(groups.items(), key=lambda kv: (-kv[1][3], kv[0][1]))
        found: list[tuple[int | None, str, float, float, str | None, int]] = []
        seen: set[int | None] = set()
        for (gid, name), (lat, lon, country, n) in ordered:
            if gid in seen or lat is None or lon is None:
                continue
            seen.add(gid)
            found.append((gid, name, lat, lon, country, n))
        return found

    # -- the actor network -------------------------------------------------------------

    def network(
        self,
        type_: str | None = None,
        since: str | None = None,
        until: str | None = None,
        *,
        comention: bool = True,
        per_edge: int = 20,
        review: str | None = None,
        include_rejected: bool = False,
    ) -> dict[str, Any]:
        """Actors linked by events (directed, typed; weight = reports, with the first
        ``per_edge`` as evidence) and, if asked, by co-mention (weight = articles naming
        both), as ``/api/network`` lists them."""
        args = (type_, since, until, comention, per_edge, review, include_rejected)
        return dict(self._cached("network", args, lambda: self._network(*args)))

    def _network(
        self,
        type_: str | None,
        since: str | None,
        until: str | None,
        comention: bool,
        per_edge: int,
        review: str | None,
        include_rejected: bool,
    ) -> dict[str, Any]:
        nodes: dict[str, dict[str, Any]] = {}
        edges: dict[tuple[str, str, str, str | None], dict[str, Any]] = {}
        listed: dict[tuple[str, str, str, str | None], list[tuple[Order, dict[str, Any]]]] = {}
        touched = self._touched()

        def edge_of(source: str, target: str, type_: str) -> dict[str, Any]:
            return edges.setdefault(
                (source, target, "event", type_),
                {
                    "source": source,
                    "target": target,
                    "kind": "event",
                    "type": type_,
                    "weight": 0,
                    "evidence": [],
                },
            )

        if review in (None, "unreviewed"):
            where, params = self._filters(touched, type_, since, until)
            where += [
                "e.source_entity_id IS NOT NULL",
                "e.target_entity_id IS NOT NULL",
                "e.source_entity_id <> e.target_entity_id",
            ]
            joins = (
                "LEFT JOIN entities s ON s.id = e.source_entity_id "
                "LEFT JOIN entities o ON o.id = e.target_entity_id "
            )
            group = "e.source_entity_id, e.target_entity_id, e.type"
            extra = ", coalesce(s.name, e.source), coalesce(o.name, e.target)"
            rows = self._grouped(group, where, params, joins, per_edge, extra)
            for r in rows:
                source, target, type_name = str(r[0]), str(r[1]), str(r[2])
                n, rn, day, aid, idx = int(r[3]), int(r[4]), r[5], str(r[6]), int(r[7])
                nodes.setdefault(source, {"id": source, "name": r[16]})
                nodes.setdefault(target, {"id": target, "name": r[17]})
                edge = edge_of(source, target, type_name)
                if rn == 1:
                    edge["weight"] += n
                if rn <= per_edge:
                    evidence = self._evidence(
                        r[9], "unreviewed", r[10], r[11], aid, str(r[18] or ""), (r[12], r[13])
                    )
                    listed.setdefault((source, target, "event", type_name), []).append(
                        ((day or "", aid, idx), evidence)
                    )
        hits = self._reviewed_hits(touched, type_, since, until, review, include_rejected)
        orders = self._orders(hits)
        for hit in hits:
            e = hit.event
            if (
                not (e.source_entity_id and e.target_entity_id)
                or e.source_entity_id == e.target_entity_id
            ):
                continue
            nodes.setdefault(
                e.source_entity_id, {"id": e.source_entity_id, "name": hit.source_name or e.source}
            )
            nodes.setdefault(
                e.target_entity_id, {"id": e.target_entity_id, "name": hit.target_name or e.target}
            )
            edge_of(e.source_entity_id, e.target_entity_id, e.type)["weight"] += 1
            order = orders.get(e.key, ("", hit.article_id, 0))
            listed.setdefault((e.source_entity_id, e.target_entity_id, "event", e.type), []).append(
                (order, self._hit_evidence(hit))
            )
        for key, items in listed.items():
            items.sort(key=lambda item: item[0])
            edges[key]["evidence"] = [evidence for _, evidence in items[:per_edge]]
        ids = sorted(nodes)
        for i in range(0, len(ids), _CHUNK):
            chunk = ids[i : i + _CHUNK]
            for eid, kind in self._execute(
                f"SELECT id, type FROM entities WHERE id IN ({_marks(chunk)})", chunk
            ):
                nodes[str(eid)]["type"] = kind
        if comention:
            for (a, b), n in sorted(self.comention_pairs(ids).items()):
                edges[(a, b, "comention", None)] = {
                    "source": a,
                    "target": b,
                    "kind": "comention",
                    "type": None,
                    "weight": n,
                    "evidence": [],
                }
        return {"nodes": list(nodes.values()), "edges": list(edges.values())}

    def comention_pairs(self, ids: Sequence[str]) -> dict[tuple[str, str], int]:
        """For pairs of the given entities, how many articles (latest versions) name both,
        pairs ordered by ID. Each side is first reduced to distinct (article, entity)
        pairs, so the join grows with the entities per article, not with their mentions."""
        counts: dict[tuple[str, str], int] = {}
        if len(ids) < 2:
            return counts
        wanted = sorted(set(ids))
        # Sorted chunks under the parameter limit, each pair of chunks once: every ID of
        # a later chunk is greater than every ID of an earlier one.
        named = (
            "SELECT DISTINCT m.article_id, m.entity_id FROM mentions m JOIN articles a "
            "ON a.id = m.article_id AND a.version = m.version AND a.latest = 1 "
            "WHERE m.entity_id IN ({marks})"
        )
        chunks = [wanted[i : i + _CHUNK] for i in range(0, len(wanted), _CHUNK)]
        for x in range(len(chunks)):
            for y in range(x, len(chunks)):
                left, right = chunks[x], chunks[y]
                for a, b, n in self._execute(
                    f"SELECT l.entity_id, r.entity_id, count(*) FROM "
                    f"({named.format(marks=_marks(left))}) l JOIN "
                    f"({named.format(marks=_marks(right))}) r "
                    "ON r.article_id = l.article_id AND r.entity_id > l.entity_id "
                    "GROUP BY l.entity_id, r.entity_id",
                    [*left, *right],
                ):
                    counts[(str(a), str(b))] = int(n)
        return counts
