"""The workbench's acceptance on the seed article, through the same API routes the pages
call: the spokesman's quote with his role, the Manta agreement from the map with its
evidence sentence, and the claims resting on an anonymous official and on documents."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from dossier.config import Settings
from dossier.pipeline import Ingest
from dossier.store import open_store

from .test_api_corpus import TestClient, client, ok


@pytest.fixture(scope="module")
def api(seed_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    db = str(tmp_path_factory.mktemp("seed") / "seed.db")
    store = open_store(db)
    seed = seed_dir / "000_6697f758b25771b6.txt"
    Ingest(store, settings=Settings(), progress=False).run([str(seed)])
    store.close()
    with client(db) as opened:
        yield opened


def test_the_spokesmans_quote_shows_his_role(api: TestClient) -> None:
    quotes = ok(api, "/api/quotes?speaker=Hewitt")["items"]
    assert quotes, "no quote credited to Hewitt"
    speaker = quotes[0]["speaker"]
    assert speaker["name"] == "James Hewitt" and not speaker["anonymous"]
    assert "National Security Council" in speaker["role"]


def test_the_manta_agreement_is_on_the_map_with_its_sentence(api: TestClient) -> None:
    points = ok(api, "/api/map")["points"]
    manta = [p for p in points if p["name"] == "Manta"]
    assert manta, [p["name"] for p in points]
    agreements = [e for e in manta[0]["events"] if e["type"] == "AGREE"]
    assert agreements and "agreement" in agreements[0]["sentence"]
    article = ok(api, f"/api/articles/{agreements[0]['article_id']}")
    start, end = agreements[0]["start"], agreements[0]["end"]
    assert article["text"][start:end] in agreements[0]["sentence"]


def test_the_sources_view_lists_anonymous_and_document_claims(api: TestClient) -> None:
    sources = ok(api, "/api/sources")
    assert sources["claims"]["anonymous_person"], "no claim rests on an anonymous source"
    assert sources["claims"]["document"], "no claim rests on a document"
    assert sources["shares"]["anonymous_person"] > 0 and sources["shares"]["document"] > 0
