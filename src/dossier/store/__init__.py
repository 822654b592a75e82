"""Storage: one ``Store`` protocol, SQLite by default, PostgreSQL for teams."""

from __future__ import annotations

from .base import SqlStore, Store


def is_postgres_url(location: str) -> bool:
    return location.startswith(("postgres://", "postgresql://"))


def open_store(location: str) -> SqlStore:
    """Open (and migrate) the store at a file path or a PostgreSQL URL."""
    if is_postgres_url(location):
        from .postgres import PostgresStore

        return PostgresStore(location)
    from .sqlite import SqliteStore

    return SqliteStore(location)


__all__ = ["SqlStore", "Store", "is_postgres_url", "open_store"]
