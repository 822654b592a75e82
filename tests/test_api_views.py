"""The views' data (map, network, timeline, sources, clusters) and entity merge and split."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from .test_api_corpus import TOKEN, TestClient, client, ok, shared_db

AUTH = {"Authorization": f"Bearer {TOKEN}"}


@pytest.fixture
def api() -> Iterator[TestClient]:
    with client(shared_db()) as opened:
        yield opened


def test_map_points_carry_their_events_and_evidence_sentences(api: TestClient) -> None:
    points = {p["name"]: p for p in ok(api, "/api/map")["points"]}
    assert {"Guayaquil", "Manta", "Quito"} <= set(points)
    guayaquil = points["Guayaquil"]
    assert guayaquil["country"] == "EC" and round(guayaquil["lat"]) == -2
    assert guayaquil["place_key"] == "geonames:3657509"
    arrests = guayaquil["events"]
    assert len(arrests) == 2 and {e["type"] for e in arrests} == {"COERCE"}
    for event in arrests:
        record = ok(api, f"/api/articles/{event['article_id']}")
        assert event["sentence"].startswith("Police arrested 12 people in Guayaquil")
        assert event["sentence"] in record["text"]
        assert record["text"][event["start"] : event["end"]].startswith("Police arrested")
    agreed = ok(api, "/api/map?type=AGREE")["points"]
    assert [p["name"] for p in agreed] == ["Manta"]
    assert "Lucia Moreno signed an agreement" in agreed[0]["events"][0]["sentence"]


def test_network_links_actors_by_events_and_comention(api: TestClient) -> None:
    graph = ok(api, "/api/network")
    names = {n["id"]: n["name"] for n in graph["nodes"]}
    assert {"Lucia Moreno", "Manta", "Quito"} <= set(names.values())
    typed = {
        (names[e["source"]], names[e["target"]], e["type"])
        for e in graph["edges"]
        if e["kind"] == "event"
    }
    assert ("Lucia Moreno", "Manta", "AGREE") in typed
    assert ("Lucia Moreno", "Quito", "CONSULT") in typed
    edge = next(e for e in graph["edges"] if e["kind"] == "event" and e["type"] == "AGREE")
    assert edge["weight"] == 1 and "signed an agreement" in edge["evidence"][0]["sentence"]
    assert any(e["kind"] == "comention" and e["weight"] >= 1 for e in graph["edges"])
    only = ok(api, "/api/network?type=CONSULT&comention=false")["edges"]
    assert {e["type"] for e in only} == {"CONSULT"}


def test_timeline_orders_events_and_quotes(api: TestClient) -> None:
    items = ok(api, "/api/timeline")["items"]
    days = [i["date"] for i in items]
    assert days == sorted(days) and {"event", "quote"} == {i["kind"] for i in items}
    assert items[0]["kind"] == "event" and items[0]["date"] == "2025-03-02"
    quotes = [i for i in items if i["kind"] == "quote"]
    assert all(i["quote_kind"] in ("direct", "partial", "indirect") for i in quotes)
    only_events = ok(api, "/api/timeline?type=COERCE")["items"]
    assert len(only_events) == 2 and {i["kind"] for i in only_events} == {"event"}
    assert ok(api, "/api/timeline?status=negated")["items"] == []
    actor = ok(api, "/api/timeline?actor=Lucia%20Moreno")["items"]
    assert {i["kind"] for i in actor} == {"event", "quote"}


def test_sources_share_claims_by_evidence(api: TestClient) -> None:
    everything = ok(api, "/api/sources")
    assert sum(everything["counts"].values()) == everything["total"] > 0
    assert abs(sum(everything["shares"].values()) - 1.0) < 1e-9
    anonymous = everything["claims"]["anonymous_person"]
    assert [c["evidence"]["source"] for c in anonymous] == ["A senior official"]
    harbour = ok(api, "/api/sources?q=rainy")
    assert 0 < harbour["total"] < everything["total"]
    assert harbour["counts"]["anonymous_person"] == 1
    wire_only = ok(api, "/api/sources?q=democracy")
    assert wire_only["counts"]["anonymous_person"] == 0
    manta = next(e for e in ok(api, "/api/entities?q=Manta")["items"] if e["name"] == "Manta")
    assert ok(api, f"/api/sources?entity={manta['id']}")["counts"]["anonymous_person"] == 1
    assert api.get("/api/sources?entity=nope").status_code == 404


def test_clusters_put_reports_side_by_side(api: TestClient) -> None:
    clusters = ok(api, "/api/clusters")["items"]
    assert len(clusters) == 1 and clusters[0]["articles"] == 2
    cluster = ok(api, f"/api/clusters/{clusters[0]['id']}")
    assert cluster["type"] == "COERCE" and cluster["outlets"] == ["Andes Wire", "Harbour Times"]
    sourcing = {r["outlet"]: r["sourcing"]["type"] for r in cluster["reports"]}
    assert sourcing == {"Andes Wire": "organization", "Harbour Times": "outlet"}
    assert all(r["figures"][0]["value"] == 12 for r in cluster["reports"])


@pytest.fixture
def writable(tmp_path: Path) -> Iterator[TestClient]:
    """A copy of the test store that a test may change."""
    copy = tmp_path / "copy.db"
    shutil.copy(shared_db(), copy)
    with client(str(copy)) as opened:
        yield opened


def _id(api: TestClient, name: str) -> str:
    return str(
        next(e["id"] for e in ok(api, f"/api/entities?q={name}")["items"] if e["name"] == name)
    )


def test_merge_moves_mentions_and_quotes(writable: TestClient) -> None:
    cedeno, moreno = _id(writable, "Pablo Cedeno"), _id(writable, "Lucia Moreno")
    before = [ok(writable, f"/api/entities/{e}")["entity"]["mentions"] for e in (cedeno, moreno)]
    answer = writable.post(f"/api/entities/{cedeno}/merge", json={"into": moreno}, headers=AUTH)
    assert answer.status_code == 200, answer.text
    assert answer.json()["entity"]["id"] == moreno
    page = ok(writable, f"/api/entities/{moreno}")
    assert page["entity"]["mentions"] == sum(before) and "pablo cedeno" in page["aliases"]
    assert ok(writable, f"/api/entities/{cedeno}")["entity"]["mentions"] == 0
    assert [e["name"] for e in ok(writable, "/api/entities?q=Cedeno")["items"]] == []
    bad = writable.post(f"/api/entities/{moreno}/merge", json={}, headers=AUTH)
    assert bad.status_code == 400 and bad.json()["error"]["source"] == "into"


def test_split_gives_a_form_its_own_entity(writable: TestClient) -> None:
    moreno = _id(writable, "Lucia Moreno")
    answer = writable.post(f"/api/entities/{moreno}/split", json={"form": "Moreno"}, headers=AUTH)
    assert answer.status_code == 200, answer.text
    new = answer.json()["entity"]
    assert new["name"] == "Moreno" and new["id"] != moreno
    own = writable.post(
        f"/api/entities/{moreno}/split", json={"form": "Lucia Moreno"}, headers=AUTH
    )
    assert own.status_code == 400 and own.json()["error"]["code"] == "E605"
    blank = writable.post(f"/api/entities/{moreno}/split", json={"form": " "}, headers=AUTH)
    assert blank.status_code == 400 and blank.json()["error"]["source"] == "form"
