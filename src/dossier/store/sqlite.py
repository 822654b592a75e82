"""The embedded default store: one SQLite file, WAL mode, FTS5 search."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from ..errors import Code, DossierError, Stage
from ..models import SearchHit
from .base import BUMP, SqlStore
from .query import SEARCH_RANK, search_expression, stems


class SqliteStore(SqlStore):
    dialect = "sqlite"

    def __init__(self, path: str) -> None:
        self.location = path
        self._batched = False
        folder = os.path.dirname(os.path.abspath(path))
        if not os.path.isdir(folder):
            raise DossierError(
                Code.BAD_DATABASE, path, Stage.STORE, detail="its folder does not exist"
            )
        try:
            self._conn = sqlite3.connect(
                path, isolation_level=None, timeout=30, check_same_thread=False
            )
            self._conn.execute("PRAGMA journal_mode = WAL")
            self._conn.execute("PRAGMA synchronous = NORMAL")
            self._conn.execute("PRAGMA foreign_keys = ON")
            self.migrate()
        except sqlite3.DatabaseError as exc:
            raise DossierError(Code.BAD_DATABASE, path, Stage.STORE, detail=str(exc)) from exc

    def _execute(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        return self._conn.execute(sql, tuple(params)).fetchall()

    def _execute_many(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        self._conn.executemany(sql, [tuple(r) for r in rows])

    @contextmanager
    def _transaction(self) -> Iterator[None]:
        if self._batched:  # inside ``batch``: a savepoint, undone alone on failure
            self._conn.execute("SAVEPOINT one")
            try:
                yield
            except BaseException:
                self._conn.execute("ROLLBACK TO one")
                self._conn.execute("RELEASE one")
                raise
            self._conn.execute("RELEASE one")
            return
        # BEGIN IMMEDIATE takes the write lock up front, so two writers never
        # both read "latest version = n" and both write n + 1.
        self._conn.execute("BEGIN IMMEDIATE")
        try:
            yield
            self._conn.execute(BUMP)
        except BaseException:
            self._conn.execute("ROLLBACK")
            raise
        self._conn.execute("COMMIT")

    @contextmanager
    def batch(self) -> Iterator[None]:
        if self._batched:
            yield
            return
        with self._transaction():
            self._batched = True
            try:
                yield
            finally:
                self._batched = False

    def _index_text(
        self, article_id: str, title: str | None, text: str, first: bool, language: str | None
    ) -> None:
        # FTS5 cannot index ``article_id``, so the delete reads the whole table: a first
        # version has nothing indexed, and skips it.
        if not first:
            self._execute("DELETE FROM articles_fts WHERE article_id = ?", (article_id,))
        self._execute(
            "INSERT INTO articles_fts (title, text, stems, article_id) VALUES (?, ?, ?, ?)",
            (title or "", text, stems(f"{title or ''}\n{text}", language), article_id),
        )

    def search(
        self, query: str, limit: int = 20, *, snippets: int | None = None
    ) -> list[SearchHit]:
        expression = search_expression(query)
        if expression is None:
            return []
        rank = SEARCH_RANK
        cut = "snippet(articles_fts, 1, '[', ']', '…', 16)"
        first = cut if snippets is None else "''"
        rows = self._execute(
            f"SELECT f.article_id, a.title, {first}, {rank} "
            "FROM articles_fts f JOIN articles a ON a.id = f.article_id AND a.latest = 1 "
            f"WHERE articles_fts MATCH ? ORDER BY {rank} LIMIT ?",
            (expression, limit),
        )
        cuts: dict[str, str] = {}
        shown = [str(r[0]) for r in rows[: snippets or 0]]
        if snippets is not None and shown:
            cuts = {
                str(aid): str(text)
                for aid, text in self._execute(
                    f"SELECT article_id, {cut} FROM articles_fts WHERE articles_fts MATCH ? "
                    f"AND article_id IN ({', '.join('?' for _ in shown)})",
                    (expression, *shown),
                )
            }
        return [
            SearchHit(r[0], r[1], cuts.get(str(r[0]), "") if cuts else r[2], -float(r[3]))
            for r in rows
        ]

    def close(self) -> None:
        self._conn.close()
