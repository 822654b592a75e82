"""The team store: PostgreSQL through psycopg 3, searched with tsvector."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

import psycopg

from ..errors import Code, DossierError, Stage
from ..models import SearchHit
from .base import BUMP, SqlStore
from .query import headline_config, search_tsquery

_PLACEHOLDER = re.compile(r"\?")


class PostgresStore(SqlStore):
    dialect = "postgres"

    def __init__(self, url: str) -> None:
        self.location = _redact(url)
        try:
            self._conn = psycopg.connect(url, autocommit=True)
            # Serialise migrations between processes that open a fresh database together.
            self._conn.execute("SELECT pg_advisory_lock(727274)")
            try:
                self.migrate()
            finally:
                self._conn.execute("SELECT pg_advisory_unlock(727274)")
        except psycopg.Error as exc:
            raise DossierError(
                Code.BAD_DATABASE, self.location, Stage.STORE, detail=str(exc).strip()
            ) from exc

    def _execute(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        cursor = self._conn.execute(_PLACEHOLDER.sub("%s", sql), tuple(params))
        return cursor.fetchall() if cursor.description else []

    def _execute_many(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        if rows:
            with self._conn.cursor() as cursor:
                cursor.executemany(_PLACEHOLDER.sub("%s", sql), [tuple(r) for r in rows])

    @contextmanager
    def _transaction(self) -> Iterator[None]:
        with self._conn.transaction():
            # Writers take turns, as SQLite's BEGIN IMMEDIATE makes them do there.
            self._conn.execute("SELECT pg_advisory_xact_lock(727275)")
            yield
            self._conn.execute(BUMP)

    @contextmanager
    def batch(self) -> Iterator[None]:
        # A transaction inside it is a savepoint (psycopg nests them so).
        with self._transaction():
            yield

    def _index_text(
        self, article_id: str, title: str | None, text: str, first: bool, language: str | None
    ) -> None:
        """PostgreSQL keeps the tsvector in a generated column; nothing to do."""

    def search(
        self, query: str, limit: int = 20, *, snippets: int | None = None
    ) -> list[SearchHit]:
        if not query.strip():
            return []
        tsquery = search_tsquery()
        cut = (
            f"ts_headline({headline_config()}, a.text, q, "
            "'StartSel=[, StopSel=], MaxWords=24, MinWords=10, ShortWord=2')"
        )
        first = cut if snippets is None else "''"
        rows = self._execute(
            f"SELECT a.id, a.title, {first}, "
            "ts_rank_cd(a.search, q) AS rank "
            f"FROM articles a, {tsquery} "
            "WHERE a.latest = 1 AND a.search @@ q ORDER BY rank DESC, a.id LIMIT ?",
            (*[query] * tsquery.count("?"), limit),
        )
        cuts: dict[str, str] = {}
        shown = [str(r[0]) for r in rows[: snippets or 0]]
        if snippets is not None and shown:
            cuts = {
                str(aid): str(text)
                for aid, text in self._execute(
                    f"SELECT a.id, {cut} FROM articles a, {tsquery} "
                    f"WHERE a.latest = 1 AND a.id IN ({', '.join('?' for _ in shown)})",
                    (*[query] * tsquery.count("?"), *shown),
                )
            }
        return [
            SearchHit(r[0], r[1], cuts.get(str(r[0]), "") if cuts else r[2], float(r[3]))
            for r in rows
        ]

    def close(self) -> None:
        self._conn.close()


def _redact(url: str) -> str:
    return re.sub(r"//([^:/@]+):[^@]*@", r"//\1:***@", url)
