"""The API over a real store: a small corpus written for these tests, ingested through
the whole pipeline once per session, and served in-process with TestClient."""

from __future__ import annotations

import atexit
import shutil
import tempfile
import warnings
from collections.abc import Iterator
from html import escape
from pathlib import Path
from typing import Any

import pytest

with warnings.catch_warnings():
    warnings.simplefilter("ignore")  # Starlette's note about httpx versions
    from fastapi.testclient import TestClient

__all__ = ["TestClient"]

from dossier.config import Settings
from dossier.serve import ServeSettings, create_app
from dossier.store import open_store

TOKEN = "test-token-7f3a"
ARTICLES = {
    "harbour": (
        "Harbour Times",
        "2025-03-04",
        "Pier Deal Signed In Manta",
        [
            "Transport Minister Lucia Moreno signed an agreement with the port operator in "
            "Manta on Monday to extend the main pier by 200 metres.",
            '"We will finish the new pier before the rainy season," Lucia Moreno told '
            "reporters at the harbour.",
            "A senior official, who asked not to be named, said the works would cost $40 million.",
            "Police arrested 12 people in Guayaquil on Sunday after a raid on a warehouse "
            "near the river.",
        ],
    ),
    "wire": (
        "Andes Wire",
        "2025-04-10",
        "Arrests In Guayaquil Draw Criticism",
        [
            "Police arrested 12 people in Guayaquil on March 2 during a raid on a riverside "
            "warehouse, the interior ministry said in a statement.",
            "Opposition lawmaker Pablo Cedeno criticized the operation and said the "
            "detainees had been denied lawyers.",
            '"This is not how a democracy treats its citizens," Pablo Cedeno said.',
            '"Lucia Moreno promised a pier and has delivered nothing," Pablo Cedeno added.',
            "Lucia Moreno visited Quito on Wednesday to meet the mayor.",
        ],
    ),
}


def page_html(outlet: str, day: str, title: str, paragraphs: list[str]) -> str:
    body = "".join(f"<p>{escape(p)}</p>" for p in paragraphs)
    return (
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>"
        f"<title>{escape(title)}</title><meta property='og:site_name' content='{outlet}'>"
        f"<meta property='article:published_time' content='{day}T09:00:00Z'></head>"
        f"<body><main><article><h1>{escape(title)}</h1>{body}</article></main></body></html>"
    )


def build_corpus(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, (outlet, day, title, paragraphs) in ARTICLES.items():
        (folder / f"{name}.html").write_text(page_html(outlet, day, title, paragraphs))
    (folder / "empty.txt").write_text("")
    return folder


_BUILT: list[str] = []


def shared_db() -> str:
    """A SQLite store holding the corpus above (and the empty file's error), built once
    per test run and shared read-only by the tests of every module."""
    if _BUILT:
        return _BUILT[0]
    from dossier.pipeline import Ingest

    root = Path(tempfile.mkdtemp(prefix="dossier-api-"))
    atexit.register(shutil.rmtree, root, True)
    db = str(root / "api.db")
    store = open_store(db)
    try:
        Ingest(store, settings=Settings(db=db), progress=False).run(
            [str(build_corpus(root / "corpus"))]
        )
    finally:
        store.close()
    _BUILT.append(db)
    return db


def client(db: str, token: str | None = TOKEN, host: str = "127.0.0.1") -> TestClient:
    return TestClient(create_app(ServeSettings(db, host, token)), raise_server_exceptions=False)


@pytest.fixture
def api() -> Iterator[TestClient]:
    with client(shared_db()) as opened:
        yield opened


def ok(api: TestClient, url: str) -> Any:
    response = api.get(url)
    assert response.status_code == 200, response.text
    return response.json()


def test_summary_counts_the_corpus(api: TestClient) -> None:
    summary = ok(api, "/api/summary")
    assert summary["articles"] == 2 and summary["errors"] == 1 and summary["entities"] > 0


def test_articles_page_and_show_versions(api: TestClient) -> None:
    listed = ok(api, "/api/articles?limit=1")
    assert listed["total"] == 2 and listed["limit"] == 1 and len(listed["items"]) == 1
    newest = listed["items"][0]
    assert newest["title"] == "Arrests In Guayaquil Draw Criticism"
    second = ok(api, "/api/articles?limit=1&offset=1")["items"][0]
    assert second["title"] == "Pier Deal Signed In Manta"
    record = ok(api, f"/api/articles/{second['id']}")
    assert record["versions"] == [1] and record["version"] == 1
    assert "Lucia Moreno" in record["text"] and record["quotes"]
    assert ok(api, f"/api/articles/{second['id']}?version=1")["id"] == second["id"]


def test_errors_list_the_failed_input(api: TestClient) -> None:
    errors = ok(api, "/api/errors")
    assert errors["total"] == 1
    assert errors["items"][0]["source"].endswith("empty.txt")
    assert errors["items"][0]["code"] == "E103"
