"""Corpus-wide queries over quotes and claims, and hand edits of entities."""

from __future__ import annotations

from abc import abstractmethod
from collections.abc import Sequence
from contextlib import AbstractContextManager
from datetime import UTC, datetime
from typing import Any

from ..errors import Code, DossierError, Stage
from ..keys import entity_id, fold
from ..models import ClaimHit, QuoteHit
from .matching import any_in, entities_named, matching_values
from .rows import CLAIM_COLUMNS, QUOTE_COLUMNS, claim_from_row, quote_from_row

_LATEST = "JOIN articles a ON a.id = t.article_id AND a.version = t.version AND a.latest = 1"
_NO_LIMIT = 2**62


def _prefixed(columns: str) -> str:
    return ", ".join(f"t.{c.strip()}" for c in columns.split(","))


class CorpusQueries:
    @abstractmethod
    def _execute(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]: ...

    @abstractmethod
    def _transaction(self) -> AbstractContextManager[None]: ...

    def quotes(
        self, speaker: str | None = None, anonymous: bool | None = None, limit: int | None = None
    ) -> list[QuoteHit]:
        """Quotes of latest versions; ``speaker`` matches an entity by any of its forms,
        or a speaker's name, text or description containing it (case and accents aside)."""
        where: list[str] = ["1 = 1"]
        params: list[Any] = []
        if speaker:
            # A speaker the analysis did not link to an entity is still found by its
            # name, its text or its description, folded like the entity's forms.
            columns = ("speaker_name", "speaker_text", "speaker_description")
            found = matching_values(self._execute, "quotes", columns, speaker, whole=False)
            named, named_params = any_in([f"t.{c}" for c in columns], found)
            ids = entities_named(self._execute, speaker)
            linked, linked_params = any_in(("t.speaker_entity_id",), ids)
            where.append(f"({linked} OR {named})")
            params += [*linked_params, *named_params]
        if anonymous is not None:
            where.append("t.speaker_anonymous = ?")
            params.append(int(anonymous))
        rows = self._execute(
            f"SELECT t.article_id, a.title, {_prefixed(QUOTE_COLUMNS)} FROM quotes t {_LATEST} "
            f"WHERE {' AND '.join(where)} ORDER BY a.published, t.article_id, t.idx LIMIT ?",
            (*params, limit if limit is not None else _NO_LIMIT),
        )
        return [QuoteHit(r[0], r[1], quote_from_row(r[2:])) for r in rows]

    def claims(self, evidence: str | None = None, limit: int | None = None) -> list[ClaimHit]:
        where, params = ("WHERE t.evidence_type = ?", [evidence]) if evidence else ("", [])
        rows = self._execute(
            f"SELECT t.article_id, a.title, {_prefixed(CLAIM_COLUMNS)} FROM claims t {_LATEST} "
            f"{where} ORDER BY a.published, t.article_id, t.idx LIMIT ?",
            (*params, limit if limit is not None else _NO_LIMIT),
        )
        return [ClaimHit(r[0], r[1], claim_from_row(r[2:])) for r in rows]

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

    def merge_entities(self, source: str, target: str) -> None:
        """Make ``source`` the same entity as ``target``, now and after any re-analysis."""
        self._entity(source)
        name, _ = self._entity(target)
        with self._transaction():
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

    def split_entity(self, eid: str, form: str) -> str:
        """Give the mentions of ``eid`` written as ``form`` an entity of their own."""
        _, type_ = self._entity(eid)
        key = fold(form)
        new = entity_id(form, type_)
        if new == eid:
            raise DossierError(Code.BAD_SPLIT, form, Stage.STORE)
        with self._transaction():
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
                "SELECT article_id, version, start_char, text FROM mentions WHERE entity_id = ?",
                (eid,),
            )
            for aid, version, start, text in texts:
                if fold(text) == key:
                    self._execute(
                        "UPDATE mentions SET entity_id = ? WHERE article_id = ? AND version = ? "
                        "AND start_char = ?",
                        (new, aid, version, start),
                    )
        return new
