"""Shared fixtures.

Store tests run on both implementations. PostgreSQL comes from
``DOSSIER_TEST_PG_URL`` (``make test`` and ``.ci/run`` start a private server
and set it); each test gets a fresh database. Without the variable the
PostgreSQL cases skip, unless ``DOSSIER_REQUIRE_POSTGRES=1`` makes that a failure.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import psycopg
import pytest

from dossier.store import SqlStore, open_store

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT.parent / "shared" / "seed"
SAMPLES = ROOT / "samples" / "corpus"
PG_URL = os.environ.get("DOSSIER_TEST_PG_URL")


def _postgres_url() -> str:
    if not PG_URL:
        if os.environ.get("DOSSIER_REQUIRE_POSTGRES") == "1":
            pytest.fail("DOSSIER_REQUIRE_POSTGRES=1 but DOSSIER_TEST_PG_URL is not set")
        pytest.skip("PostgreSQL not configured: set DOSSIER_TEST_PG_URL (make test does)")
    return PG_URL


@pytest.fixture
def pg_url() -> Iterator[str]:
    """A fresh, empty PostgreSQL database, dropped afterwards."""
    admin_url = _postgres_url()
    name = f"dossier_t_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(admin_url, autocommit=True) as admin:
        admin.execute(f"CREATE DATABASE {name}")
    base, _, _ = admin_url.rpartition("/")
    yield f"{base}/{name}"
    with psycopg.connect(admin_url, autocommit=True) as admin:
        admin.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


@pytest.fixture(params=["sqlite", "postgres"])
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return str(tmp_path / "dossier.db")
    url: str = request.getfixturevalue("pg_url")
    return url


@pytest.fixture
def store(store_url: str) -> Iterator[SqlStore]:
    opened = open_store(store_url)
    yield opened
    opened.close()


@pytest.fixture(scope="session")
def seed_dir() -> Path:
    if not SEED.is_dir():
        pytest.skip(f"seed article not found at {SEED}")
    return SEED


def without_stories(patch: pytest.MonkeyPatch) -> None:
    """For a store opened at a schema before 13: no story profiles or stories to write,
    and (before 14) no stems column in SQLite's full-text table."""
    from dossier.store import base, sqlite, writes

    patch.setattr(writes, "write_profile", lambda *_: None)
    patch.setattr(base.SqlStore, "rebuild_stories", lambda self, full=False: 0)

    def index_text(
        self: Any, article_id: str, title: str | None, text: str, first: bool, language: Any
    ) -> None:
        self._execute("DELETE FROM articles_fts WHERE article_id = ?", (article_id,))
        self._execute(
            "INSERT INTO articles_fts (title, text, article_id) VALUES (?, ?, ?)",
            (title or "", text, article_id),
        )

    patch.setattr(sqlite.SqliteStore, "_index_text", index_text)
