"""What ``dossier watch`` remembers between polls and across restarts.

It lives in a small SQLite file of its own, next to the store (``dossier.db.watch``),
not in the store: the state is operational (validators, timers, failure counts), not
part of the record, it must not depend on the store's schema version, and a store on
PostgreSQL needs no new table for it. The tables are created with ``IF NOT EXISTS``;
``user_version`` says which layout the file has, so a later layout can migrate it.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from .errors import Code, DossierError, Stage
from .store import is_postgres_url

LAYOUT = 1
_TABLES = (
    "CREATE TABLE IF NOT EXISTS watched ("
    " url TEXT PRIMARY KEY, etag TEXT, last_modified TEXT, last_poll REAL,"
    " last_status TEXT, failures INTEGER NOT NULL DEFAULT 0, next_poll REAL,"
    " last_error TEXT)",
    # One row per (rule, finding) alerted, so that no finding raises a rule's alert twice.
    "CREATE TABLE IF NOT EXISTS alerted ("
    " rule TEXT NOT NULL, finding TEXT NOT NULL, at REAL NOT NULL,"
    " PRIMARY KEY (rule, finding))",
)


@dataclass(frozen=True)
class UrlState:
    url: str
    etag: str | None = None
    last_modified: str | None = None
    last_poll: float | None = None  # seconds since the epoch
    last_status: str | None = None  # "changed", "not modified" or "failed"
    failures: int = 0  # consecutive failed polls
    next_poll: float | None = None
    last_error: str | None = None


def default_state_path(db: str) -> str:
    """The state file beside a SQLite store; a PostgreSQL store's goes in the working folder."""
    return "dossier-watch.sqlite" if is_postgres_url(db) else f"{db}.watch"


class WatchState:
    def __init__(self, path: str) -> None:
        self.path = path
        try:
            self._db = sqlite3.connect(path)
            layout = int(self._db.execute("PRAGMA user_version").fetchone()[0])
            if layout > LAYOUT:
                detail = f"its layout {layout} is newer than this version knows ({LAYOUT})"
                raise DossierError(Code.BAD_DATABASE, path, Stage.STORE, detail=detail)
            with self._db:
                for sql in _TABLES:
                    self._db.execute(sql)
                self._db.execute(f"PRAGMA user_version = {LAYOUT}")
        except sqlite3.Error as exc:
            raise DossierError(Code.BAD_DATABASE, path, Stage.STORE, detail=str(exc)) from exc

    def get(self, url: str) -> UrlState:
        row = self._db.execute(
            "SELECT url, etag, last_modified, last_poll, last_status, failures, next_poll, "
            "last_error FROM watched WHERE url = ?",
            (url,),
        ).fetchone()
        return UrlState(*row) if row else UrlState(url)

    def put(self, state: UrlState) -> None:
        with self._db:
            self._db.execute(
                "INSERT OR REPLACE INTO watched (url, etag, last_modified, last_poll, "
                "last_status, failures, next_poll, last_error) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    state.url,
                    state.etag,
                    state.last_modified,
                    state.last_poll,
                    state.last_status,
                    state.failures,
                    state.next_poll,
                    state.last_error,
                ),
            )

    def first_alert(self, rule: str, finding: str, at: float) -> bool:
        """Remember that ``rule`` alerted on ``finding``; False when it had already."""
        with self._db:
            cursor = self._db.execute(
                "INSERT OR IGNORE INTO alerted (rule, finding, at) VALUES (?, ?, ?)",
                (rule, finding, at),
            )
        return cursor.rowcount == 1

    def close(self) -> None:
        self._db.close()
