"""The ``Store`` protocol and the SQL both implementations share.

SQL here is written once with ``?`` placeholders; each dialect converts it
and supplies what differs: connecting, transactions, and full-text search.
"""

from __future__ import annotations

import uuid
from abc import ABC, abstractmethod
from collections.abc import Iterator, Sequence
from contextlib import AbstractContextManager
from typing import Any, Protocol

from ..errors import Code, DossierError, Stage
from ..models import (
    Analysis,
    Article,
    ArticleRow,
    ClaimHit,
    Entity,
    EntitySummary,
    Extracted,
    IngestError,
    Mention,
    QuoteHit,
    SaveResult,
    SearchHit,
    Stats,
    Verdict,
)
from .corpus import CorpusQueries
from .duplicates import DuplicateQueries
from .event_rows import read_events
from .events_query import EventQueries
from .query import stems
from .review import ReviewQueries
from .rows import read_analysis
from .schema import MIGRATIONS, SCHEMA_VERSION
from .serving import ServingQueries
from .stories import StoryQueries
from .story_detail import StoryDetailQueries
from .writes import WriteQueries, now


class Store(Protocol):
    location: str

    def has_input(
        self, source: str, member: str, raw_hash: str, origin: str | None = None
    ) -> bool: ...
    def save(self, extracted: Extracted, analysis: Analysis) -> SaveResult: ...
    def save_known(self, extracted: Extracted) -> SaveResult | None: ...
    def batch(self) -> AbstractContextManager[None]: ...
    def record_error(self, error: IngestError) -> None: ...
    def replace_analysis(self, aid: str, version: int, analysis: Analysis) -> None: ...
    def articles(self, limit: int | None = None, offset: int = 0) -> list[ArticleRow]: ...
    def article(
        self,
        article_id: str,
        version: int | None = None,
        include_rejected: bool = False,
        reviewed_only: bool = False,
    ) -> Article | None: ...
    def versions(self, article_id: str) -> list[int]: ...
    def iter_articles(
        self, include_rejected: bool = False, reviewed_only: bool = False
    ) -> Iterator[Article]: ...
    def search(
        self, query: str, limit: int = 20, *, snippets: int | None = None
    ) -> list[SearchHit]: ...
    def entities(
        self, type_: str | None = None, limit: int | None = None
    ) -> list[EntitySummary]: ...
    def errors(self) -> list[IngestError]: ...
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
    ) -> list[QuoteHit]: ...
    def claims(
        self,
        evidence: str | None = None,
        limit: int | None = None,
        *,
        review: str | None = None,
        include_rejected: bool = False,
        offset: int = 0,
    ) -> list[ClaimHit]: ...
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
    ) -> Verdict: ...
    def verdicts(self, kind: str | None = None, key: str | None = None) -> list[Verdict]: ...
    def orphaned_verdicts(self) -> list[Verdict]: ...
    def review_queue(self, limit: int = 50, kind: str | None = None) -> list[dict[str, Any]]: ...
    def outlet_votes(self, outlet: str) -> tuple[int, dict[tuple[str, str | None], int]]: ...
    def votes_of(
        self, article_id: str
    ) -> tuple[str | None, tuple[tuple[str, str | None], ...]] | None: ...
    def aliases(self, eid: str) -> list[str]: ...
    def merge_entities(
        self, source: str, target: str, *, who: str = "", note: str | None = None
    ) -> None: ...
    def split_entity(
        self, eid: str, form: str, *, who: str = "", note: str | None = None
    ) -> str: ...
    def rename_entity(
        self, eid: str, name: str, *, who: str = "", note: str | None = None
    ) -> None: ...
    def stats(self) -> Stats: ...
    def duplicate_of(self, article_id: str) -> str | None: ...
    def duplicate_groups(self) -> list[list[dict[str, Any]]]: ...
    def rebuild_stories(self, full: bool = False) -> int: ...
    def stories(
        self,
        limit: int | None = None,
        offset: int = 0,
        min_reports: int = 1,
        by_first_report: bool = False,
    ) -> list[dict[str, Any]]: ...
    def story_of(self, article_id: str) -> str | None: ...
    def story_count(self, min_reports: int = 1) -> int: ...
    def story(self, story_id: str) -> dict[str, Any] | None: ...
    def schema_version(self) -> int: ...
    def close(self) -> None: ...


# Run by every write transaction before it commits (see migrate and store.serving).
BUMP = "UPDATE store_state SET generation = generation + 1 WHERE id = 1"

_ARTICLE_COLUMNS = "id, version, source, url, outlet, title, author, published, language, text"
_STORY_OF = "(SELECT s.story_id FROM story_articles s WHERE s.article_id = articles.id)"


class SqlStore(
    StoryQueries,
    StoryDetailQueries,
    DuplicateQueries,
    ReviewQueries,
    CorpusQueries,
    EventQueries,
    ServingQueries,
    WriteQueries,
    ABC,
):
    dialect: str
    location: str

    @abstractmethod
    def _execute(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]: ...

    @abstractmethod
    def _transaction(self) -> AbstractContextManager[None]: ...

    @abstractmethod
    def _index_text(
        self, article_id: str, title: str | None, text: str, first: bool, language: str | None
    ) -> None: ...

    @abstractmethod
    def batch(self) -> AbstractContextManager[None]:
        """One transaction around several writes, each write inside it a savepoint:
        a failed write is undone alone, and an interruption undoes the whole batch
        (its inputs with it, so a rerun redoes them)."""

    @abstractmethod
    def search(
        self, query: str, limit: int = 20, *, snippets: int | None = None
    ) -> list[SearchHit]:
        """Articles matching ``query``, best first; ``snippets`` cuts a snippet for only
        the first that many (the page shown; the rest get ""), since cutting them is most
        of a broad search's cost."""

    @abstractmethod
    def close(self) -> None: ...

    def _one(self, sql: str, params: Sequence[Any] = ()) -> tuple[Any, ...] | None:
        rows = self._execute(sql, params)
        return rows[0] if rows else None

    def migrate(self) -> None:
        self._execute(
            "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, applied_at TEXT)"
        )
        # A counter every write transaction bumps (sqlite.py, postgres.py): with the
        # journal's last ID it tells the serving cache (store.serving) that data changed.
        # Its random token tells a database apart from one made anew at the same path.
        self._execute(
            "CREATE TABLE IF NOT EXISTS store_state (id INTEGER PRIMARY KEY, "
            "generation BIGINT NOT NULL, token TEXT NOT NULL)"
        )
        if self._one("SELECT 1 FROM store_state WHERE id = 1") is None:
            self._execute(
                "INSERT INTO store_state (id, generation, token) VALUES (1, 0, ?)",
                (uuid.uuid4().hex,),
            )
        current = self.schema_version()
        if current > SCHEMA_VERSION:
            raise DossierError(
                Code.BAD_DATABASE,
                self.location,
                Stage.STORE,
                detail=f"schema version {current} is newer than this Dossier ({SCHEMA_VERSION})",
            )
        for version, statements in MIGRATIONS[self.dialect]:
            if version <= current:
                continue
            with self._transaction():
                for statement in statements:
                    self._execute(statement)
                self._execute(
                    "INSERT INTO schema_version (version, applied_at) VALUES (?, ?)",
                    (version, now()),
                )
                if version == 9:
                    self._backfill_keys()
                if version == 14 and self.dialect == "sqlite":
                    self._backfill_stems()

    def _backfill_stems(self) -> None:
        """Index the stems of the stored texts in languages stemmed beside Porter (schema 14)."""
        rows = self._execute(
            "SELECT f.rowid, a.title, a.text, a.language FROM articles_fts f "
            "JOIN articles a ON a.id = f.article_id AND a.latest = 1 "
            "WHERE a.language IS NOT NULL"
        )
        updates = [
            (found, rowid)
            for rowid, title, text, language in rows
            if (found := stems(f"{title or ''}\n{text}", language))
        ]
        for found, rowid in updates:
            self._execute("UPDATE articles_fts SET stems = ? WHERE rowid = ?", (found, rowid))

    def schema_version(self) -> int:
        row = self._one("SELECT max(version) FROM schema_version")
        return int(row[0]) if row and row[0] is not None else 0

    def record_error(self, error: IngestError) -> None:
        with self._transaction():
            self._execute(
                "INSERT INTO errors (source, member, stage, code, reason, seen_at) "
                "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (source, member) DO UPDATE SET "
                "stage = excluded.stage, code = excluded.code, reason = excluded.reason, "
                "seen_at = excluded.seen_at",
                (error.source, error.member, error.stage, error.code, error.reason, now()),
            )

    def articles(self, limit: int | None = None, offset: int = 0) -> list[ArticleRow]:
        rows = self._execute(
            "SELECT a.id, a.version, a.source, a.url, a.outlet, a.title, a.published, "
            "(SELECT count(DISTINCT m.entity_id) FROM mentions m "
            " WHERE m.article_id = a.id AND m.version = a.version) "
            "FROM articles a WHERE a.latest = 1 "
            "ORDER BY a.published IS NULL, a.published DESC, a.id LIMIT ? OFFSET ?",
            (limit if limit is not None else 2**62, offset),
        )
        return [ArticleRow(*row) for row in rows]

    def versions(self, article_id: str) -> list[int]:
        rows = self._execute(
            "SELECT version FROM articles WHERE id = ? ORDER BY version", (article_id,)
        )
        return [int(r[0]) for r in rows]

    def article(
        self,
        article_id: str,
        version: int | None = None,
        include_rejected: bool = False,
        reviewed_only: bool = False,
    ) -> Article | None:
        """An article with its findings as reviewed (store.review): rejected ones left
        out unless asked, and only confirmed or corrected ones if ``reviewed_only``."""
        found = self._stored_article(article_id, version)
        return None if found is None else self.reviewed(found, include_rejected, reviewed_only)

    def _stored_article(self, article_id: str, version: int | None = None) -> Article | None:
        if version is None:
            row = self._one(
                f"SELECT {_ARTICLE_COLUMNS}, content_hash, analysed, duplicate_of, {_STORY_OF} "
                f"FROM articles WHERE id = ? AND latest = 1",
                (article_id,),
            )
        else:
            row = self._one(
                f"SELECT {_ARTICLE_COLUMNS}, content_hash, analysed, duplicate_of, {_STORY_OF} "
                f"FROM articles WHERE id = ? AND version = ?",
                (article_id, version),
            )
        return self._build(row) if row else None

    def _build(self, row: tuple[Any, ...]) -> Article:
        aid, version = row[0], int(row[1])
        mentions = self._execute(
            "SELECT e.id, e.name, e.type, m.start_char, m.end_char, m.text, m.label "
            "FROM mentions m JOIN entities e ON e.id = m.entity_id "
            "WHERE m.article_id = ? AND m.version = ? ORDER BY m.start_char, m.end_char",
            (aid, version),
        )
        grouped: dict[str, tuple[str, str, list[Mention]]] = {}
        for eid, name, type_, start, end, text, label in mentions:
            grouped.setdefault(eid, (name, type_, []))[2].append(Mention(start, end, text, label))
        entities = tuple(
            Entity(eid, name, type_, tuple(ms)) for eid, (name, type_, ms) in grouped.items()
        )
        quotes, claims, figures = read_analysis(self._execute, aid, version)
        places, dates, events = read_events(self._execute, aid, version)
        return Article(
            places=places,
            dates=dates,
            events=events,
            quotes=quotes,
            claims=claims,
            figures=figures,
            id=aid,
            version=version,
            source=row[2],
            url=row[3],
            outlet=row[4],
            title=row[5],
            author=row[6],
            published=row[7],
            language=row[8],
            text=row[9],
            content_hash=row[10],
            analysed=bool(row[11]),
            duplicate_of=row[12] if len(row) > 12 else None,
            story_id=row[13] if len(row) > 13 else None,
            entities=entities,
        )

    def iter_articles(
        self, include_rejected: bool = False, reviewed_only: bool = False
    ) -> Iterator[Article]:
        ids = [r[0] for r in self._execute("SELECT id FROM articles WHERE latest = 1 ORDER BY id")]
        for aid in ids:
            found = self.article(aid, None, include_rejected, reviewed_only)
            if found is not None:
                yield found

    def entities(self, type_: str | None = None, limit: int | None = None) -> list[EntitySummary]:
        where, params = ("WHERE e.type = ?", [type_.upper()]) if type_ else ("", [])
        rows = self._execute(
            "SELECT e.id, e.name, e.type, count(*), count(DISTINCT m.article_id) "
            "FROM entities e JOIN mentions m ON m.entity_id = e.id "
            "JOIN articles a ON a.id = m.article_id AND a.version = m.version AND a.latest = 1 "
            f"{where} GROUP BY e.id, e.name, e.type ORDER BY count(*) DESC, e.name LIMIT ?",
            (*params, limit if limit is not None else 2**62),
        )
        return [EntitySummary(r[0], r[1], r[2], int(r[3]), int(r[4])) for r in rows]

    def errors(self) -> list[IngestError]:
        rows = self._execute(
            "SELECT source, stage, code, reason, member FROM errors ORDER BY source, member"
        )
        return [IngestError(*row) for row in rows]

    def generation(self) -> tuple[str, int, int, int]:
        """Changes whenever the stored data does: the database's token, the
        write-transaction counter and the journal's last ID and size (a verdict may be
        written outside a transaction)."""
        row = self._one(
            "SELECT (SELECT token FROM store_state WHERE id = 1), "
            "(SELECT generation FROM store_state WHERE id = 1), "
            "(SELECT max(id) FROM review_journal), (SELECT count(*) FROM review_journal)"
        )
        assert row is not None
        return str(row[0]), int(row[1] or 0), int(row[2] or 0), int(row[3] or 0)

    def stats(self) -> Stats:
        row = self._one(
            "SELECT (SELECT count(*) FROM articles WHERE latest = 1), "
            "(SELECT count(*) FROM articles), "
            # Entities with a mention in a latest version, one index probe each
            # (mentions_entity_article), instead of a DISTINCT over every mention.
            "(SELECT count(*) FROM entities e WHERE EXISTS (SELECT 1 FROM mentions m "
            " JOIN articles a ON a.id = m.article_id AND a.version = m.version "
            " AND a.latest = 1 WHERE m.entity_id = e.id)), "
            "(SELECT count(*) FROM mentions m JOIN articles a "
            " ON a.id = m.article_id AND a.version = m.version AND a.latest = 1), "
            "(SELECT count(*) FROM errors)"
        )
        assert row is not None
        languages = self._execute(
            "SELECT coalesce(language, ''), count(*) FROM articles WHERE latest = 1 "
            "AND analysed = 0 GROUP BY language ORDER BY count(*) DESC, language"
        )
        by_language = {str(code): int(n) for code, n in languages}
        articles, versions, entities, mentions, errors = (int(v) for v in row)
        return Stats(
            articles,
            versions,
            entities,
            mentions,
            errors,
            not_analysed=sum(by_language.values()),
            not_analysed_languages=by_language,
        )

    def __enter__(self) -> SqlStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
