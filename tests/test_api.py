"""Read endpoints over the ingested test corpus: lists, filters, paging, search, entities."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from .test_api_corpus import TestClient, client, ok, shared_db


@pytest.fixture
def api() -> Iterator[TestClient]:
    with client(shared_db()) as opened:
        yield opened


def _entity_id(api: TestClient, name: str) -> str:
    found = ok(api, f"/api/entities?q={name}")["items"]
    assert [e["name"] for e in found] == [name], found
    return str(found[0]["id"])


def test_quotes_filter_by_speaker_anonymity_kind_and_date(api: TestClient) -> None:
    everything = ok(api, "/api/quotes")
    assert everything["total"] >= 3
    assert all(q["review"] == "unreviewed" and "key" in q for q in everything["items"])
    by = ok(api, "/api/quotes?speaker=moreno")["items"]
    assert [q["text"] for q in by] == ["We will finish the new pier before the rainy season"]
    assert by[0]["speaker"]["role"] == "Transport Minister" and by[0]["kind"] == "direct"
    anonymous = ok(api, "/api/quotes?anonymous=true")["items"]
    assert [q["text"] for q in anonymous] == ["the works would cost $40 million"]
    assert all(
        not q["speaker"]["anonymous"] for q in ok(api, "/api/quotes?anonymous=false")["items"]
    )
    assert {q["kind"] for q in ok(api, "/api/quotes?kind=direct")["items"]} == {"direct"}
    april = ok(api, "/api/quotes?since=2025-04-01")["items"]
    assert april and all(q["published"] >= "2025-04-01" for q in april)
    assert ok(api, "/api/quotes?until=2025-01-01")["total"] == 0
    # Nothing is rejected yet, so asking for rejected findings lists none.
    assert ok(api, "/api/quotes?review=rejected")["total"] == 0
    assert ok(api, "/api/quotes?review=unreviewed")["total"] == everything["total"]
    # The unfiltered page is read with a LIMIT and counted apart: the same quotes.
    first, rest = ok(api, "/api/quotes?limit=1"), ok(api, "/api/quotes?offset=1")
    assert first["total"] == rest["total"] == everything["total"]
    assert first["items"] + rest["items"] == everything["items"]
    named = ok(api, "/api/quotes?anonymous=false&limit=1")
    assert named["total"] == everything["total"] - len(anonymous)


def test_claims_filter_by_evidence_and_source(api: TestClient) -> None:
    anonymous = ok(api, "/api/claims?evidence=anonymous_person")["items"]
    assert [c["evidence"]["source"] for c in anonymous] == ["A senior official"]
    named = ok(api, "/api/claims?speaker=lucia")["items"]
    assert named and all("Lucia" in c["evidence"]["source"] for c in named)


def test_events_filter_like_the_cli(api: TestClient) -> None:
    events = ok(api, "/api/events")
    assert events["total"] >= 4
    arrests = ok(api, "/api/events?type=coerce")["items"]
    assert len(arrests) == 2 and {e["outlet"] for e in arrests} == {"Harbour Times", "Andes Wire"}
    assert all(e["place"]["name"] == "Guayaquil" and e["day"] == "2025-03-02" for e in arrests)
    assert all(e["figures"][0]["text"] == "12 people" for e in arrests)
    by_actor = ok(api, "/api/events?actor=Lucia%20Moreno")["items"]
    assert by_actor and all(e["type"] in ("AGREE", "CONSULT") for e in by_actor)
    assert ok(api, "/api/events?place=guayaquil")["total"] == 2
    assert ok(api, "/api/events?status=planned")["total"] == 0
    march = ok(api, "/api/events?since=2025-03-01&until=2025-03-31")["items"]
    assert march and all("2025-03-01" <= e["day"] <= "2025-03-31" for e in march)
    first, rest = ok(api, "/api/events?limit=1"), ok(api, "/api/events?offset=1&limit=500")
    assert first["total"] == rest["total"] == events["total"]
    assert first["items"] + rest["items"] == events["items"]


def test_places_and_figures(api: TestClient) -> None:
    places = ok(api, "/api/places")["items"]
    assert places[0]["name"] == "Guayaquil" and places[0]["articles"] == 2
    assert {p["name"] for p in ok(api, "/api/places?country=ec")["items"]} >= {"Manta", "Quito"}
    assert ok(api, "/api/places?country=PE")["total"] == 0
    money = ok(api, "/api/figures?kind=money")["items"]
    assert [(f["text"], f["unit"]) for f in money] == [("$40 million", "USD")]
    assert ok(api, "/api/figures")["total"] >= 3


def test_search_filters_and_facets(api: TestClient) -> None:
    found = ok(api, "/api/search?q=Guayaquil")
    assert found["total"] == 2
    facets = found["facets"]
    assert facets["outlet"] == {"Andes Wire": 1, "Harbour Times": 1}
    assert facets["place"]["Guayaquil"] == 2 and facets["event_type"]["COERCE"] == 2
    assert facets["date"] == {"2025-03": 1, "2025-04": 1}
    wire = ok(api, "/api/search?q=Guayaquil&outlet=andes%20wire")
    assert [h["outlet"] for h in wire["items"]] == ["Andes Wire"]
    assert wire["facets"]["outlet"] == {"Andes Wire": 1}
    # Facets counted in SQL (no per-article filter) and from per-article values (a type
    # filter) agree when both keep the same article.
    typed = ok(api, "/api/search?q=Guayaquil&outlet=andes%20wire&type=COERCE")
    assert typed["total"] == 1 and typed["facets"] == wire["facets"]
    assert wire["facets"]["entity"]["Pablo Cedeno"] == 1
    assert ok(api, "/api/search?q=Guayaquil&place=Manta")["total"] == 1
    assert ok(api, "/api/search?q=Guayaquil&type=ACCUSE")["total"] == 1
    assert ok(api, "/api/search?q=Guayaquil&since=2025-04-01")["total"] == 1
    assert ok(api, "/api/search?q=Guayaquil&entity=Pablo%20Cedeno")["total"] == 1
    every = ok(api, "/api/search")
    assert every["total"] == 2 and ok(api, "/api/search?q=xylophone")["total"] == 0


def test_entities_list_and_page(api: TestClient) -> None:
    people = ok(api, "/api/entities?type=person")["items"]
    assert "Lucia Moreno" in {e["name"] for e in people}
    eid = _entity_id(api, "Lucia Moreno")
    page = ok(api, f"/api/entities/{eid}")
    assert page["entity"]["name"] == "Lucia Moreno" and page["entity"]["articles"] == 2
    assert "moreno" in page["aliases"]
    assert [q["text"] for q in page["quotes_by"]] == [
        "We will finish the new pier before the rainy season"
    ]
    assert {e["type"] for e in page["events_as_source"]} >= {"AGREE", "CONSULT"}
    assert page["events_as_target"] == []
    about = [(q["text"], q["speaker"]["name"]) for q in page["quotes_about"]]
    assert about == [("Lucia Moreno promised a pier and has delivered nothing", "Pablo Cedeno")]
    assert {"Manta", "Quito"} <= {c["name"] for c in page["co_mentioned"]}
    assert page["articles_over_time"] == {"2025-03": 1, "2025-04": 1}
    assert page["totals"]["events_as_source"] == len(page["events_as_source"]) >= 2
    capped = ok(api, f"/api/entities/{eid}?limit=1")
    assert len(capped["events_as_source"]) == 1 and capped["totals"] == page["totals"]
    cedeno = ok(api, f"/api/entities/{_entity_id(api, 'Pablo Cedeno')}")
    # Its quotes count although the analysis left their speaker unlinked.
    assert "This is not how a democracy treats its citizens" in {
        q["text"] for q in cedeno["quotes_by"]
    }
    manta = ok(api, f"/api/entities/{_entity_id(api, 'Manta')}")
    assert [e["type"] for e in manta["events_as_target"]] == ["AGREE"]


def test_event_totals_counted_in_sql_match_the_store(api: TestClient) -> None:
    """The events page counts in SQL; its total must be what the store lists."""
    from dossier.store import open_store

    store = open_store(shared_db())
    try:
        for filters in (
            {},
            {"type_": "COERCE"},
            {"actor": "moreno"},
            {"actor": "Police"},
            {"place": "guayaquil"},
            {"since": "2025-03-03"},
            {"until": "2025-03-03", "status": "happened"},
        ):
            assert store.count_events(**filters) == len(store.events(**filters)), filters
    finally:
        store.close()
    listed = ok(api, "/api/events?actor=moreno&limit=500")
    assert listed["total"] == len(listed["items"]) >= 3
    assert ok(api, "/api/events?actor=moreno&limit=1")["total"] == listed["total"]
