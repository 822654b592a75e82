"""The review journal: verdicts on findings, kept for good and applied at read time.

A verdict is one appended row: which finding (its kind and stable key, see
:mod:`.review_keys`), which field, the value it replaced and the new one, the verdict
(confirm, reject, correct), who, when and an optional note. Nothing rewrites the
analysis tables: every read of findings (:meth:`SqlStore.article`, the lists, the
exports, the API) goes through :mod:`.review_apply`, so they can never disagree, and a
re-analysis or a new version whose text is unchanged finds its verdicts again by key.
A verdict whose key no longer matches anything is kept and listed as orphaned.
"""

from __future__ import annotations

import json
import re
from abc import abstractmethod
from collections.abc import Iterable, Sequence
from contextlib import AbstractContextManager
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from ..errors import Code, DossierError, Stage
from ..models import (
    EVENT_STATUSES,
    EVENT_TYPES,
    EVIDENCE_TYPES,
    QUOTE_KINDS,
    REVIEW_FIELDS,
    REVIEW_STATES,
    VERDICTS,
    Article,
    Verdict,
)
from .review_apply import NONE, Review, apply_article, date_value, states
from .review_keys import article_of, digest, kind_of

TABLES = {
    "quote": "quotes",
    "claim": "claims",
    "event": "events",
    "place": "places",
    "date": "dates",
    "figure": "figures",
}
_LATEST = "JOIN articles a ON a.id = t.article_id AND a.version = t.version AND a.latest = 1"
_COLUMNS = "id, kind, key, field, old, new, verdict, who, at, note"
# A finding's current value of each correctable field, for the journal's `old`.
_CURRENT = {
    ("quote", "speaker"): "coalesce(t.speaker_entity_id, t.speaker_name)",
    ("quote", "kind"): "t.kind",
    ("claim", "evidence"): "t.evidence_type",
    ("event", "type"): "t.type",
    ("event", "status"): "t.status",
    ("event", "source"): "coalesce(t.source_entity_id, t.source)",
    ("event", "target"): "coalesce(t.target_entity_id, t.target)",
    ("event", "place"): "(SELECT p.key FROM places p WHERE p.article_id = t.article_id "
    "AND p.version = t.version AND p.idx = t.place_idx)",
    ("event", "date"): "(SELECT d.key FROM dates d WHERE d.article_id = t.article_id "
    "AND d.version = t.version AND d.idx = t.date_idx)",
    ("event", "cluster"): "t.cluster_id",
    ("place", "resolution"): "CASE WHEN t.resolved = 1 THEN t.geonames_id END",
    ("date", "value"): "CASE WHEN t.precision = 'range' THEN t.start_date || '/' || t.end_date "
    "ELSE t.start_date END",
}
# The last verdict on each key, when it is a rejection.
REJECTED = (
    "SELECT j.key FROM review_journal j WHERE j.verdict = 'reject' AND j.id = "
    "(SELECT max(j2.id) FROM review_journal j2 WHERE j2.key = j.key)"
)
# The keys of the event reports (latest versions) that the journal touches: a verdict on
# the event, its place, its date or its cross-article event. Every other report reads as
# stored, so the aggregates (store.serving) count those in SQL and read these through
# the one read path.
_LATEST_E = "JOIN articles a ON a.id = e.article_id AND a.version = e.version AND +a.latest = 1"
JOURNALED_EVENTS = " UNION ".join(
    (
        f"SELECT e.key FROM events e {_LATEST_E} WHERE e.key IN (SELECT key FROM review_journal)",
        *(
            f"SELECT e.key FROM {table} x JOIN events e ON e.article_id = x.article_id "
            f"AND e.version = x.version AND e.{column} = x.idx {_LATEST_E} "
            "WHERE x.key IN (SELECT key FROM review_journal)"
            for table, column in (("places", "place_idx"), ("dates", "date_idx"))
        ),
        f"SELECT e.key FROM events e {_LATEST_E} WHERE e.cluster_id IN "
        "(SELECT substr(key, 9) FROM review_journal WHERE kind = 'cluster')",
    )
)
_ENTITY_ID = re.compile(r"^e[0-9a-f]{15}$")


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _bad(source: str, detail: str) -> DossierError:
    return DossierError(Code.BAD_REQUEST, source, Stage.STORE, detail=detail)


def review_condition(column: str, review: str | None, include_rejected: bool) -> str:
    """SQL condition on a key column for a review filter.

    ``review`` is one of the review states, or "reviewed" (confirmed or corrected);
    without it rejected findings are left out unless ``include_rejected``.
    """
    reviewed = f"{column} IN (SELECT key FROM review_journal)"
    corrected = f"{column} IN (SELECT key FROM review_journal WHERE verdict = 'correct')"
    not_rejected = f"{column} NOT IN ({REJECTED})"
    if review is None:
        return "1 = 1" if include_rejected else not_rejected
    conditions = {
        "unreviewed": f"NOT {reviewed}",
        "rejected": f"{column} IN ({REJECTED})",
        "reviewed": f"{reviewed} AND {not_rejected}",
        "corrected": f"{corrected} AND {not_rejected}",
        "confirmed": f"{reviewed} AND NOT {corrected} AND {not_rejected}",
    }
    if review not in conditions:
        raise _bad("review", f"review state {review!r} is not one of {', '.join(conditions)}")
    return conditions[review]


def _verdict(row: Sequence[Any]) -> Verdict:
    return Verdict(int(row[0]), *row[1:])


class ReviewQueries:
    @abstractmethod
    def _execute(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]: ...

    @abstractmethod
    def _transaction(self) -> AbstractContextManager[None]: ...

    if TYPE_CHECKING:  # defined by CorpusQueries, which comes after this class in the MRO

        def _entity(self, eid: str) -> tuple[str, str]: ...

        def merge_entities(
            self, source: str, target: str, *, who: str = "", note: str | None = None
        ) -> None: ...

        def split_entity(
            self, eid: str, form: str, *, who: str = "", note: str | None = None
        ) -> str: ...

        def rename_entity(
            self, eid: str, name: str, *, who: str = "", note: str | None = None
        ) -> None: ...

    # -- reading ---------------------------------------------------------------------

    def verdicts(self, kind: str | None = None, key: str | None = None) -> list[Verdict]:
        """The journal, oldest first, for one kind or one key if asked."""
        where, params = [], []
        if kind is not None:
            where.append("kind = ?")
            params.append(kind)
        if key is not None:
            where.append("key = ?")
            params.append(key)
        rows = self._execute(
            f"SELECT {_COLUMNS} FROM review_journal "
            f"{'WHERE ' + ' AND '.join(where) if where else ''} ORDER BY id",
            params,
        )
        return [_verdict(r) for r in rows]

    def journal(
        self, article_id: str | None = None, kinds: Iterable[str] = ()
    ) -> dict[str, Review]:
        """Review states by key: of one article's findings, or of the kinds asked."""
        where, params = ["kind <> 'entity'"], []
        if article_id is not None:
            where.append("article_id = ?")
            params.append(article_id)
        chosen = list(kinds)
        if chosen:
            where.append(f"kind IN ({', '.join('?' for _ in chosen)})")
            params += chosen
        rows = self._execute(
            f"SELECT {_COLUMNS} FROM review_journal WHERE {' AND '.join(where)} ORDER BY id",
            params,
        )
        return states(_verdict(r) for r in rows)

    def entity_names(self, found: dict[str, Review]) -> dict[str, str]:
        """Names of the entities that corrections name by ID (speakers, actors)."""
        ids = sorted(
            {v for r in found.values() for v in r.corrections.values() if _ENTITY_ID.match(v)}
        )
        if not ids:
            return {}
        rows = self._execute(
            f"SELECT id, name FROM entities WHERE id IN ({', '.join('?' for _ in ids)})", ids
        )
        return {str(r[0]): str(r[1]) for r in rows}

    def reviewed(
        self, article: Article, include_rejected: bool = False, reviewed_only: bool = False
    ) -> Article:
        """An article as stored, with its journal applied (the one read path)."""
        found = self.journal(article.id)
        names = self.entity_names(found)
        return apply_article(article, found, names, include_rejected, reviewed_only)

    def orphaned_verdicts(self) -> list[Verdict]:
        """Verdicts whose finding no longer exists in any latest version, oldest first."""
        orphans = []
        for v in self.verdicts():
            if v.kind in TABLES:
                exists = self._execute(
                    f"SELECT 1 FROM {TABLES[v.kind]} t {_LATEST} WHERE t.key = ? LIMIT 1",
                    (v.key,),
                )
            elif v.kind == "entity":
                exists = self._execute(
                    "SELECT 1 FROM entities WHERE id = ?", (v.key.split(":", 1)[1],)
                )
            else:
                exists = self._execute(
                    "SELECT 1 FROM events WHERE cluster_id = ? LIMIT 1", (v.key.split(":", 1)[1],)
                )
            if not exists:
                orphans.append(v)
        return orphans

    def review_queue(self, limit: int = 50, kind: str | None = None) -> list[dict[str, Any]]:
        """Unreviewed findings to check: the least certain first (events and places have
        a score; quotes, claims and dates none, so they follow), then those that feed the
        most events."""
        kinds = [kind] if kind else list(TABLES)
        for k in kinds:
            if k not in TABLES:
                raise _bad("kind", f"kind {k!r} is not one of {', '.join(TABLES)}")
        # How many events each finding feeds, counted once per kind by a grouped join:
        # a correlated count per finding probed the events table once per row, which
        # took seconds over a 10,000-article store.
        fed = {
            "event": ("cluster_id", ("cluster_id",)),
            "quote": ("quote_idx", ("article_id", "version")),
            "claim": ("claim_idx", ("article_id", "version")),
            "place": ("place_idx", ("article_id", "version")),
            "date": ("date_idx", ("article_id", "version")),
        }
        parts = []
        for k in kinds:
            if k in fed:
                column, by = fed[k]
                keys = ", ".join((*by, column) if column not in by else by)
                on = " AND ".join(f"f.{c} = t.{c}" for c in by)
                if k != "event":
                    on += f" AND f.{column} = t.idx"
                count = "coalesce(f.n, 0)"
                join = (
                    f"LEFT JOIN (SELECT {keys}, count(*) AS n FROM events "
                    f"WHERE {column} IS NOT NULL GROUP BY {keys}) f ON {on}"
                )
            else:
                count, join = "0", ""
            score = {"event": "t.confidence", "place": "t.confidence"}.get(
                k, "CAST(NULL AS DOUBLE PRECISION)"
            )
            parts.append(
                f"SELECT '{k}' AS kind, t.key AS key, t.article_id AS article_id, "
                f"t.text AS text, {score} AS score, {count} AS events "
                f"FROM {TABLES[k]} t {_LATEST} {join} "
                "WHERE t.key NOT IN (SELECT key FROM review_journal)"
            )
        rows = self._execute(
            "SELECT * FROM (" + " UNION ALL ".join(parts) + ") q "
            "ORDER BY score IS NULL, score, events DESC, key LIMIT ?",
            (limit,),
        )
        return [
            {
                "kind": r[0],
                "key": r[1],
                "article_id": r[2],
                "text": r[3],
                "score": None if r[4] is None else float(r[4]),
                "events": int(r[5]),
            }
            for r in rows
        ]

    # -- writing ---------------------------------------------------------------------

    def _journal_row(
        self,
        kind: str,
        key: str,
        verdict: str,
        field: str | None = None,
        old: str | None = None,
        new: str | None = None,
        who: str = "",
        note: str | None = None,
    ) -> Verdict:
        at = _now()
        self._execute(
            "INSERT INTO review_journal (kind, key, article_id, field, old, new, verdict, who, "
            "at, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (kind, key, article_of(key), field, old, new, verdict, who, at, note),
        )
        row = self._execute(
            f"SELECT {_COLUMNS} FROM review_journal WHERE key = ? ORDER BY id DESC LIMIT 1", (key,)
        )
        return _verdict(row[0])

    def add_verdict(
        self,
        kind: str,
        key: str,
        verdict: str,
        *,
        field: str | None = None,
        new: str | None = None,
        who: str = "",
        note: str | None = None,
    ) -> Verdict:
        """Confirm, reject or correct one finding; returns the journal row written."""
        if kind not in REVIEW_FIELDS:
            raise _bad("kind", f"kind {kind!r} is not one of {', '.join(REVIEW_FIELDS)}")
        if verdict not in VERDICTS:
            raise _bad("verdict", f"verdict {verdict!r} is not one of {', '.join(VERDICTS)}")
        for part, text in (("value", new), ("who", who), ("note", note)):
            # Control characters are no reviewer's words, and PostgreSQL refuses NUL
            # in text outright: refuse them here with a reason, on every store alike.
            if text and any(ord(c) < 32 and c not in "\t\n\r" for c in text):
                raise _bad(part, f"the {part} holds a control character")
        if kind_of(key) != kind:
            raise _bad(key, f"this key is not a {kind} key ({kind}:...)")
        if field is not None and field not in REVIEW_FIELDS[kind]:
            fields = ", ".join(REVIEW_FIELDS[kind]) or "none"
            raise _bad("field", f"a {kind} has no field {field!r} (fields: {fields})")
        if verdict == "correct" and (field is None or new is None or not new.strip()):
            raise _bad(
                "field" if field is None else "value", "a correction needs a field and a value"
            )
        if verdict != "correct" and new is not None:
            raise _bad("value", f"a {verdict} takes no value; correct the field instead")
        if verdict == "reject" and field is not None:
            raise _bad(
                "field", "a rejection is of the whole finding; correct a field to none to clear it"
            )
        if kind == "entity":
            return self._entity_verdict(key, verdict, field, new, who, note)
        if kind == "cluster":
            if not self._execute("SELECT 1 FROM events WHERE cluster_id = ? LIMIT 1", (key[8:],)):
                raise _bad(key, "no cross-article event has this key")
            with self._transaction():
                return self._journal_row(kind, key, verdict, field, None, None, who, note)
        table = TABLES[kind]
        if not self._execute(f"SELECT 1 FROM {table} t {_LATEST} WHERE t.key = ? LIMIT 1", (key,)):
            raise _bad(key, f"no {kind} in the latest versions has this key")
        old = None
        if verdict == "correct":
            assert field is not None and new is not None
            new = self._checked(kind, key, field, new.strip())
            prior = self.journal(article_of(key)).get(key)
            if prior and field in prior.corrections:
                old = prior.corrections[field]
            else:
                row = self._execute(
                    f"SELECT {_CURRENT[(kind, field)]} FROM {table} t {_LATEST} WHERE t.key = ?",
                    (key,),
                )
                old = None if row[0][0] is None else str(row[0][0])
        with self._transaction():
            return self._journal_row(kind, key, verdict, field, old, new, who, note)

    def _checked(self, kind: str, key: str, field: str, value: str) -> str:
        """The value a correction stores, checked (and normalised) for its field."""
        choices = {
            ("quote", "kind"): QUOTE_KINDS,
            ("claim", "evidence"): EVIDENCE_TYPES,
            ("event", "type"): EVENT_TYPES,
            ("event", "status"): EVENT_STATUSES,
        }.get((kind, field))
        if choices is not None:
            if field == "type":
                value = value.upper()
            if value not in choices:
                raise _bad("value", f"{value!r} is not one of {', '.join(choices)}")
            return value
        if field in ("speaker", "source", "target"):
            if _ENTITY_ID.match(value):
                self._entity(value)  # an unknown entity ID is an error, not a name
            return value
        if field in ("place", "date"):
            if value == NONE:
                return value
            aid = article_of(key)
            table = TABLES[field]
            if (
                kind_of(value) != field
                or article_of(value) != aid
                or not self._execute(f"SELECT 1 FROM {table} t {_LATEST} WHERE t.key = ?", (value,))
            ):
                raise _bad("value", f"give the key of a {field} of the same article, or none")
            return value
        if field == "cluster":
            if value == "own":
                return "v" + digest(key)[:15]
            if not self._execute("SELECT 1 FROM events WHERE cluster_id = ? LIMIT 1", (value,)):
                raise _bad("value", f"no cross-article event {value!r}; give its ID or 'own'")
            return value
        if field == "resolution":
            return self._resolution(value)
        try:
            date_value(value)
        except ValueError as exc:
            raise _bad("value", str(exc)) from exc
        return value

    def _resolution(self, value: str) -> str:
        """A place correction as stored: none, or the JSON fields of a gazetteer entry,
        taken from a place the store already resolved to that GeoNames ID, or given."""
        if value == NONE:
            return value
        if value.isdigit():
            row = self._execute(
                "SELECT geonames_id, name, latitude, longitude, country_code, admin1, feature "
                "FROM places WHERE geonames_id = ? AND resolved = 1 LIMIT 1",
                (int(value),),
            )
            if not row:
                raise _bad(
                    "value",
                    f"GeoNames ID {value} is not in the store; give a JSON object with "
                    "name, latitude and longitude",
                )
            names = ("geonames_id", "name", "latitude", "longitude", "country_code", "admin1")
            return json.dumps(dict(zip((*names, "feature"), row[0], strict=True)))
        try:
            given = json.loads(value)
        except ValueError:
            given = None
        allowed = {
            "geonames_id",
            "name",
            "latitude",
            "longitude",
            "country_code",
            "admin1",
            "feature",
        }
        if (
            not isinstance(given, dict)
            or not {"name", "latitude", "longitude"} <= set(given)
            or not set(given) <= allowed
            or not all(isinstance(given[c], int | float) for c in ("latitude", "longitude"))
        ):
            raise _bad(
                "value", "give none, a GeoNames ID, or a JSON object with name, latitude, longitude"
            )
        return json.dumps(given, sort_keys=True)

    def _entity_verdict(
        self, key: str, verdict: str, field: str | None, new: str | None, who: str, note: str | None
    ) -> Verdict:
        eid = key.split(":", 1)[1]
        if verdict == "correct":
            assert new is not None
            if field == "merge":
                self.merge_entities(eid, new, who=who, note=note)
            elif field == "split":
                self.split_entity(eid, new, who=who, note=note)
            else:
                self.rename_entity(eid, new, who=who, note=note)
            return self.verdicts(key=key)[-1]
        self._entity(eid)
        with self._transaction():
            return self._journal_row("entity", key, verdict, None, None, None, who, note)

    def _backfill_keys(self) -> None:
        """Give the findings of a store from before schema 9 their keys."""
        from .review_keys import event_keys, occurrence_keys

        pending = self._execute(
            "SELECT DISTINCT a.id, a.version, a.text FROM articles a WHERE EXISTS (SELECT 1 FROM "
            + " UNION ALL SELECT 1 FROM ".join(
                f"{t} x WHERE x.article_id = a.id AND x.version = a.version AND x.key IS NULL"
                for t in TABLES.values()
            )
            + ")"
        )
        for aid, version, text in pending:
            for kind, table in TABLES.items():
                if kind == "event":
                    rows = self._execute(
                        "SELECT idx, sentence_start, sentence_end, trigger_start FROM events "
                        "WHERE article_id = ? AND version = ? ORDER BY idx",
                        (aid, version),
                    )
                    keys = _event_keys_of(aid, text, rows, event_keys)
                else:
                    rows = self._execute(
                        f"SELECT idx, text FROM {table} WHERE article_id = ? AND version = ? "
                        "ORDER BY idx",
                        (aid, version),
                    )
                    keys = occurrence_keys(
                        kind, aid, (r[1] for r in rows), kind in ("place", "date", "figure")
                    )
                for r, key in zip(rows, keys, strict=True):
                    self._execute(
                        f"UPDATE {table} SET key = ? WHERE article_id = ? AND version = ? "
                        "AND idx = ?",
                        (key, aid, version, r[0]),
                    )


def _event_keys_of(
    aid: str, text: str, rows: Sequence[Sequence[Any]], event_keys: Any
) -> list[str]:
    from types import SimpleNamespace

    events = [
        SimpleNamespace(sentence_start=r[1], sentence_end=r[2], trigger_start=r[3]) for r in rows
    ]
    keys: list[str] = event_keys(aid, text, events)
    return keys


__all__ = ["REJECTED", "REVIEW_STATES", "TABLES", "ReviewQueries", "review_condition"]
