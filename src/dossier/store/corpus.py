"""Corpus-wide queries over quotes and claims, and hand edits of entities."""

from __future__ import annotations

from abc import abstractmethod
from collections.abc import Callable, Iterable, Sequence
from contextlib import AbstractContextManager
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from ..errors import Code, DossierError, Stage
from ..keys import entity_id, fold
from ..models import ClaimHit, QuoteHit
from .matching import NAMED, SPEAKERS, any_in, entities_named, folded_values, matching_values
from .review import review_condition
from .review_apply import NONE, Review, _named, apply_claim, apply_quote
from .rows import CLAIM_COLUMNS, QUOTE_COLUMNS, claim_from_row, quote_from_row

_LATEST = "JOIN articles a ON a.id = t.article_id AND a.version = t.version AND a.latest = 1"
# The unary + keeps SQLite from driving the join from articles (it guesses that latest = 1
# is selective, and then reads every quote): a speaker filter's indexed lookups drive it.
_LATEST_BY_SPEAKER = _LATEST.replace("a.latest", "+a.latest")
_NO_LIMIT = 2**62


def with_corrections(
    stored: str, params: Sequence[Any], key_column: str, fixed: Iterable[str], hits: Iterable[str]
) -> tuple[str, list[Any]]:
    """SQL for a filter on a correctable field: the stored condition for findings whose
    field the journal did not correct (``fixed``), and the corrected findings that match
    (``hits``, decided from their corrected values)."""
    fixed, hits = sorted(fixed), sorted(hits)
    sql, out = f"({stored}", list(params)
    if fixed:
        sql += f" AND {key_column} NOT IN ({', '.join('?' for _ in fixed)})"
        out += fixed
    sql += ")"
    if hits:
        sql = f"({sql} OR {key_column} IN ({', '.join('?' for _ in hits)}))"
        out += hits
    return sql, out


def corrected_equals(
    column: str, key_column: str, value: str, found: dict[str, Review], field: str
) -> tuple[str, list[Any]]:
    """SQL for "the field, as corrected, equals value"."""
    fixed = [k for k, r in found.items() if field in r.corrections]
    hits = [k for k in fixed if found[k].corrections[field] == value]
    return with_corrections(f"{column} = ?", [value], key_column, fixed, hits)


def names_match(value: str | None, query: str, ids: Sequence[str], names: dict[str, str]) -> bool:
    """Whether a speaker or actor (an entity ID or a name, corrected or stored) is one the
    name filter ``query`` finds: the entity it names, or a name containing it, folded."""
    if value is None or value == NONE:
        return False
    return value in ids or fold(query) in fold(names.get(value, value))


def _prefixed(columns: str) -> str:
    return ", ".join(f"t.{c.strip()}" for c in columns.split(","))


class CorpusQueries:
    dialect: str

    if TYPE_CHECKING:  # defined by ServingQueries, after this class in the MRO

        def _cached(
            self,
            name: str,
            args: tuple[Any, ...],
            compute: Callable[[], Any],
            *,
            shallow: bool = False,
        ) -> Any: ...

    @abstractmethod
    def _execute(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]: ...

    @abstractmethod
    def _transaction(self) -> AbstractContextManager[None]: ...

    @abstractmethod
    def journal(
        self, article_id: str | None = None, kinds: Sequence[str] = ()
    ) -> dict[str, Review]: ...

    @abstractmethod
    def entity_names(self, found: dict[str, Review]) -> dict[str, str]: ...

    @abstractmethod
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
    ) -> Any: ...

    def quotes(
        self,
        speaker: str | None = None,
        anonymous: bool | None = None,
        limit: int | None = None,
        *,
        kind: str | None = None,
        review: str | None = None,
        include_rejected: bool = False,
        offset: int = 0,
    ) -> list[QuoteHit]:
        """Quotes of latest versions, as reviewed; ``speaker`` matches an entity by any of
        its forms, or a speaker's name, text or description containing it (case and
        accents aside). ``kind`` compares the corrected kind; ``review`` is a review state
        or "reviewed"; rejected quotes are left out unless ``include_rejected``."""
        args = (speaker, anonymous, limit, kind, review, include_rejected, offset)
        if speaker:  # an entity page's list: kept until the data changes (store.serving)
            return list(self._cached("quotes", args, lambda: self._quotes(*args), shallow=True))
        return self._quotes(*args)

    def name_values(self, table: str, columns: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
        """The distinct values of ``columns`` in ``table`` with their folded forms, which
        the name filters match against (store.matching); kept until the data changes."""
        return tuple(
            self._cached(
                "name_values",
                (table, columns),
                lambda: folded_values(self._execute, table, columns),
                shallow=True,
            )
        )

    def warm_name_values(self) -> None:
        """Read every name filter's folded values now (the serving warmer does, after a
        write), so that the next filtered read finds them kept."""
        for table, columns in NAMED:
            self.name_values(table, columns)

    def _quote_where(
        self,
        reviews: dict[str, Review],
        speaker: str | None,
        anonymous: bool | None,
        kind: str | None,
        review: str | None,
        include_rejected: bool,
    ) -> tuple[list[str], list[Any]]:
        """The WHERE conditions (over ``t``) of the quote filters, and their parameters."""
        where: list[str] = [review_condition("t.key", review, include_rejected)]
        params: list[Any] = []
        if kind:
            condition, kind_params = corrected_equals("t.kind", "t.key", kind, reviews, "kind")
            where.append(condition)
            params += kind_params
        if speaker:
            # A speaker the analysis did not link to an entity is still found by its
            # name, its text or its description, folded like the entity's forms.
            columns = SPEAKERS[1]
            found = matching_values(self.name_values(*SPEAKERS), speaker, whole=False)
            ids = entities_named(self._execute, speaker)
            stored, stored_params = self._speaker_condition(columns, found, ids)
            # A corrected speaker is matched by its corrected value instead.
            fixed = {
                k: r.corrections["speaker"]
                for k, r in reviews.items()
                if "speaker" in r.corrections
            }
            known = self.entity_names(reviews)
            matched = [k for k, v in fixed.items() if names_match(v, speaker, ids, known)]
            condition, more = with_corrections(stored, stored_params, "t.key", fixed, matched)
            where.append(condition)
            params += more
        if anonymous is not None:
            where.append("t.speaker_anonymous = ?")
            params.append(int(anonymous))
        return where, params

    def _speaker_condition(
        self, columns: Sequence[str], names: Sequence[str], ids: Sequence[str]
    ) -> tuple[str, list[Any]]:
        """SQL for "linked to one of ``ids``, or one of ``columns`` is one of ``names``"."""
        linked, linked_params = any_in(("t.speaker_entity_id",), ids)
        named, named_params = any_in([f"t.{c}" for c in columns], names)
        if self.dialect != "sqlite":
            return f"({linked} OR {named})", [*linked_params, *named_params]
        # SQLite plans this OR of IN lists as a scan of every quote; a union of one
        # indexed lookup per column reads only the quotes that match.
        parts, params = [], []
        for column, values in (("speaker_entity_id", ids), *((c, names) for c in columns)):
            if values:
                parts.append(
                    f"SELECT rowid FROM quotes WHERE {column} IN ({', '.join('?' for _ in values)})"
                )
                params += list(values)
        if not parts:
            return "1 = 0", []
        return f"t.rowid IN ({' UNION '.join(parts)})", params

    def _quotes(
        self,
        speaker: str | None,
        anonymous: bool | None,
        limit: int | None,
        kind: str | None,
        review: str | None,
        include_rejected: bool,
        offset: int,
    ) -> list[QuoteHit]:
        reviews = self.journal(kinds=("quote",))
        where, params = self._quote_where(
            reviews, speaker, anonymous, kind, review, include_rejected
        )
        latest = _LATEST_BY_SPEAKER if speaker else _LATEST
        rows = self._execute(
            f"SELECT t.article_id, a.title, {_prefixed(QUOTE_COLUMNS)} FROM quotes t {latest} "
            f"WHERE {' AND '.join(where)} ORDER BY a.published, t.article_id, t.idx "
            "LIMIT ? OFFSET ?",
            (*params, limit if limit is not None else _NO_LIMIT, offset),
        )
        names = self.entity_names(reviews)
        hits = []
        for r in rows:
            q = quote_from_row(r[2:])
            hits.append(QuoteHit(r[0], r[1], apply_quote(q, reviews.get(q.key), names)))
        return hits

    def speaker_quotes(
        self,
        speaker: str,
        entity: str,
        limit: int,
        *,
        review: str | None = None,
        include_rejected: bool = False,
    ) -> tuple[list[QuoteHit], int, frozenset[tuple[str, int]]]:
        """The quotes ``quotes(speaker=...)`` lists whose speaker, as corrected, is
        ``entity`` or linked to no entity (an entity page's "quotes by"): the first
        ``limit`` of them, how many there are, and the (article ID, start) of each.
        Only each quote's position, key and speaker link are read for all of them;
        whole rows for the page only."""
        args = (speaker, entity, review, include_rejected)
        light: tuple[list[tuple[str, int, int, int]], frozenset[tuple[str, int]]] = self._cached(
            "speaker_quotes", args, lambda: self._speaker_quotes(*args), shallow=True
        )
        picked, at = light
        reviews = self.journal(kinds=("quote",))
        names = self.entity_names(reviews)
        page: list[QuoteHit] = []
        for aid, version, idx, _ in picked[:limit]:
            rows = self._execute(
                f"SELECT t.article_id, a.title, {_prefixed(QUOTE_COLUMNS)} FROM quotes t "
                f"{_LATEST} WHERE t.article_id = ? AND t.version = ? AND t.idx = ?",
                (aid, version, idx),
            )
            for r in rows:
                q = quote_from_row(r[2:])
                page.append(QuoteHit(r[0], r[1], apply_quote(q, reviews.get(q.key), names)))
        return page, len(picked), at

    def _speaker_quotes(
        self, speaker: str, entity: str, review: str | None, include_rejected: bool
    ) -> tuple[list[tuple[str, int, int, int]], frozenset[tuple[str, int]]]:
        reviews = self.journal(kinds=("quote",))
        where, params = self._quote_where(reviews, speaker, None, None, review, include_rejected)
        rows = self._execute(
            "SELECT t.article_id, t.version, t.idx, t.start_char, t.key, t.speaker_name, "
            "t.speaker_text, t.speaker_anonymous, t.speaker_entity_id FROM quotes t "
            f"{_LATEST_BY_SPEAKER} WHERE {' AND '.join(where)} ORDER BY a.published, t.article_id, t.idx",
            params,
        )
        names = self.entity_names(reviews)
        picked: list[tuple[str, int, int, int]] = []
        for aid, version, idx, start, key, name, text, anonymous, linked in rows:
            # The speaker as ``quote_from_row`` and ``apply_quote`` make it.
            fixes = reviews[key].corrections if key in reviews else {}
            if "speaker" in fixes:
                name, linked = _named(fixes["speaker"], names)
                has_speaker = name is not None
            else:
                has_speaker = name is not None or text is not None or bool(anonymous)
            if has_speaker and linked in (entity, None):
                picked.append((str(aid), int(version), int(idx), int(start)))
        return picked, frozenset((aid, start) for aid, _, _, start in picked)

    def claims(
        self,
        evidence: str | None = None,
        limit: int | None = None,
        *,
        review: str | None = None,
        include_rejected: bool = False,
        offset: int = 0,
    ) -> list[ClaimHit]:
        """Claims of latest versions, as reviewed; ``evidence`` compares the corrected type."""
        found = self.journal(kinds=("claim",))
        where = [review_condition("t.key", review, include_rejected)]
        params: list[Any] = []
        if evidence:
            condition, params = corrected_equals(
                "t.evidence_type", "t.key", evidence, found, "evidence"
            )
            where.append(condition)
        rows = self._execute(
            f"SELECT t.article_id, a.title, {_prefixed(CLAIM_COLUMNS)} FROM claims t {_LATEST} "
            f"WHERE {' AND '.join(where)} ORDER BY a.published, t.article_id, t.idx "
            "LIMIT ? OFFSET ?",
            (*params, limit if limit is not None else _NO_LIMIT, offset),
        )
        hits = []
        for r in rows:
            c = claim_from_row(r[2:])
            hits.append(ClaimHit(r[0], r[1], apply_claim(c, found.get(c.key))))
        return hits

    def aliases(self, eid: str) -> list[str]:
        self._entity(eid)  # an unknown ID is an error, not an empty list
        rows = self._execute(
            "SELECT alias FROM entity_aliases WHERE entity_id = ? ORDER BY alias", (eid,)
        )
        return [str(r[0]) for r in rows]

    def _entity(self, eid: str) -> tuple[str, str]:
        rows = self._execute("SELECT name, type FROM entities WHERE id = ?", (eid,))
        if not rows:
            raise DossierError(Code.NO_ENTITY, eid, Stage.STORE)
        return str(rows[0][0]), str(rows[0][1])

    def _repoint(self, old: str, new: str, where: str = "", params: Sequence[Any] = ()) -> None:
        self._execute(
            f"UPDATE mentions SET entity_id = ? WHERE entity_id = ? {where}", (new, old, *params)
        )
        self._execute(
            "UPDATE quotes SET speaker_entity_id = ? WHERE speaker_entity_id = ?", (new, old)
        )
        self._execute(
            "UPDATE claims SET evidence_entity_id = ? WHERE evidence_entity_id = ?", (new, old)
        )
        for side in ("source", "target"):
            self._execute(
                f"UPDATE events SET {side}_entity_id = ? WHERE {side}_entity_id = ?", (new, old)
            )

    def _move_owned(self, aid: str, version: int, old: str, new: str, start: int, end: int) -> None:
        """Give entity ``new`` the quotes, claims and events of one article version that
        name ``old`` by the mention at start..end (a split moves what the form owns)."""
        name = self._entity(new)[0]
        span = (aid, version, old, end, start)
        here = (
            "article_id = ? AND version = ? AND {0}_entity_id = ? AND {0}_start < ? AND {0}_end > ?"
        )
        self._execute(
            f"UPDATE quotes SET speaker_entity_id = ?, speaker_name = ? WHERE {here.format('speaker')}",
            (new, name, *span),
        )
        self._execute(
            "UPDATE claims SET evidence_entity_id = ?, evidence_source = ? WHERE "
            + here.format("evidence"),
            (new, name, *span),
        )
        for side in ("source", "target"):
            self._execute(
                f"UPDATE events SET {side}_entity_id = ? WHERE {here.format(side)}", (new, *span)
            )

    def merge_entities(
        self, source: str, target: str, *, who: str = "", note: str | None = None
    ) -> None:
        """Make ``source`` the same entity as ``target``, now and after any re-analysis:
        its mentions, quotes, claims and events go with it, and the journal records it."""
        self._entity(source)
        name, _ = self._entity(target)
        if source == target:
            raise DossierError(
                Code.BAD_REQUEST, source, Stage.STORE, detail="an entity cannot merge into itself"
            )
        with self._transaction():
            self._journal_row(
                "entity", f"entity:{source}", "correct", "merge", source, target, who, note
            )
            self._execute(
                "INSERT INTO entity_merges (from_id, to_id, made_at) VALUES (?, ?, ?) "
                "ON CONFLICT (from_id) DO UPDATE SET to_id = excluded.to_id",
                (source, target, datetime.now(UTC).isoformat(timespec="seconds")),
            )
            self._execute(
                "DELETE FROM entity_merges WHERE from_id = ? AND to_id = ?", (target, source)
            )
            self._execute(
                "UPDATE entity_aliases SET entity_id = ? WHERE entity_id = ?", (target, source)
            )
            self._repoint(source, target)
            self._execute(
                "UPDATE quotes SET speaker_name = ? WHERE speaker_entity_id = ?", (name, target)
            )

    def split_entity(self, eid: str, form: str, *, who: str = "", note: str | None = None) -> str:
        """Give the mentions of ``eid`` written as ``form`` an entity of their own, with the
        quotes, claims and events those mentions name; the journal records it."""
        _, type_ = self._entity(eid)
        key = fold(form)
        new = entity_id(form, type_)
        if new == eid:
            raise DossierError(Code.BAD_SPLIT, form, Stage.STORE)
        with self._transaction():
            self._journal_row("entity", f"entity:{eid}", "correct", "split", None, form, who, note)
            self._execute(
                "INSERT INTO entity_splits (alias, entity_id, made_at) VALUES (?, ?, ?) "
                "ON CONFLICT DO NOTHING",
                (key, eid, datetime.now(UTC).isoformat(timespec="seconds")),
            )
            self._execute("DELETE FROM entity_merges WHERE from_id = ? AND to_id = ?", (new, eid))
            self._execute(
                "INSERT INTO entities (id, name, type) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                (new, form, type_),
            )
            self._execute(
                "UPDATE entity_aliases SET entity_id = ? WHERE alias = ? AND entity_id = ?",
                (new, key, eid),
            )
            texts = self._execute(
                "SELECT article_id, version, start_char, end_char, text FROM mentions "
                "WHERE entity_id = ?",
                (eid,),
            )
            for aid, version, start, end, text in texts:
                if fold(text) == key:
                    self._execute(
                        "UPDATE mentions SET entity_id = ? WHERE article_id = ? AND version = ? "
                        "AND start_char = ?",
                        (new, aid, version, start),
                    )
                    self._move_owned(aid, version, eid, new, start, end)
        return new

    def rename_entity(self, eid: str, name: str, *, who: str = "", note: str | None = None) -> None:
        """Give an entity another name (its ID stays), now and after any re-analysis."""
        old, _ = self._entity(eid)
        if not name.strip():
            raise DossierError(Code.BAD_REQUEST, "name", Stage.STORE, detail="the name is empty")
        with self._transaction():
            self._journal_row("entity", f"entity:{eid}", "correct", "name", old, name, who, note)
            self._execute("UPDATE entities SET name = ? WHERE id = ?", (name, eid))
            self._execute(
                "UPDATE quotes SET speaker_name = ? WHERE speaker_entity_id = ?", (name, eid)
            )
            self._execute(
                "UPDATE claims SET evidence_source = ? WHERE evidence_entity_id = ?", (name, eid)
            )
