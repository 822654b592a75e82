"""Review through the API over a real store: verdicts go into the store's journal, every
route reads them back, rejected findings leave every view, and corrections survive."""

from __future__ import annotations

import csv
import io
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from dossier.config import Settings
from dossier.export.events import write_acled
from dossier.pipeline import reanalyze
from dossier.store import open_store

from .test_api_corpus import TOKEN, TestClient, client, ok, shared_db

AUTH = {"Authorization": f"Bearer {TOKEN}"}


@pytest.fixture
def db(tmp_path: Path) -> str:
    """A copy of the shared test store that a test may change."""
    copy = tmp_path / "review.db"
    shutil.copy(shared_db(), copy)
    return str(copy)


@pytest.fixture
def api(db: str) -> Iterator[TestClient]:
    with client(db) as opened:
        yield opened


def _verdict(api: TestClient, **body: Any) -> Any:
    answer = api.post("/api/review", json=body, headers=AUTH)
    assert answer.status_code == 200, answer.text
    return answer.json()["verdict"]


def _error(response: Any, status: int, code: str, source: str) -> None:
    assert response.status_code == status, response.text
    error = response.json()["error"]
    assert (error["code"], error["source"], error["stage"]) == (code, source, error["stage"])
    assert error["reason"]


def _acled(db: str) -> list[dict[str, str]]:
    store = open_store(db)
    try:
        out = io.StringIO()
        write_acled(store.events(), out)
    finally:
        store.close()
    return list(csv.DictReader(io.StringIO(out.getvalue())))


def _the_pier_deal(api: TestClient) -> dict[str, Any]:
    found = [e for e in ok(api, "/api/events?type=AGREE")["items"] if e["place"]]
    assert [e["place"]["name"] for e in found] == ["Manta"], "the pier agreement in Manta"
    return dict(found[0])


def _map_keys(api: TestClient, query: str = "") -> set[str]:
    return {e["key"] for p in ok(api, f"/api/map{query}")["points"] for e in p["events"]}


def test_every_finding_carries_its_real_key_and_review(api: TestClient) -> None:
    for url, kind in (
        ("/api/quotes", "quote"),
        ("/api/claims", "claim"),
        ("/api/events", "event"),
        ("/api/figures", "figure"),
        ("/api/places?review=unreviewed", "place"),
    ):
        items = ok(api, url)["items"]
        assert items, url
        for item in items:
            assert item["key"].startswith(f"{kind}:{item['article_id']}:"), (url, item["key"])
            assert item["review"] == "unreviewed", url
    deal = _the_pier_deal(api)
    _verdict(api, kind="event", key=deal["key"], verdict="confirm", who="ana")
    again = next(e for e in ok(api, "/api/events")["items"] if e["key"] == deal["key"])
    assert again["review"] == "confirmed"
    article = ok(api, f"/api/articles/{deal['article_id']}")
    assert {e["review"] for e in article["events"] if e["key"] == deal["key"]} == {"confirmed"}


def test_a_rejected_event_leaves_every_view_and_stays_out_after_reanalysis(
    api: TestClient, db: str
) -> None:
    deal = _the_pier_deal(api)
    key, total = deal["key"], ok(api, "/api/events")["total"]
    agreements = ok(api, "/api/events?type=AGREE")["total"]
    assert agreements == 2 and ok(api, "/api/search")["facets"]["event_type"]["AGREE"] == 2
    assert key in _map_keys(api)
    assert key in {r["key"] for r in _acled(db)}
    body = {"kind": "event", "key": key, "verdict": "reject", "note": "not an agreement"}
    assert api.post("/api/review", json=body).status_code == 401  # writes need the token
    assert (
        api.post("/api/review", json=body, headers={"Authorization": "Bearer x"}).status_code == 403
    )
    row = _verdict(api, **body, who="ana")
    assert (row["kind"], row["key"], row["verdict"], row["who"]) == ("event", key, "reject", "ana")

    def gone() -> None:
        listed = ok(api, "/api/events")
        assert key not in {e["key"] for e in listed["items"]}
        assert listed["total"] == total - 1 == len(listed["items"])
        assert ok(api, "/api/events?type=AGREE")["total"] == agreements - 1
        assert key not in _map_keys(api)
        assert key not in {i["key"] for i in ok(api, "/api/timeline?limit=500")["items"]}
        edges = ok(api, "/api/network")["edges"]
        assert key not in {e["key"] for edge in edges for e in edge["evidence"]}
        assert ok(api, "/api/search")["facets"]["event_type"]["AGREE"] == agreements - 1
        assert ok(api, "/api/search?type=AGREE")["facets"]["event_type"]["AGREE"] == 1
        article = ok(api, f"/api/articles/{deal['article_id']}")
        assert key not in {e["key"] for e in article["events"]}
        assert key not in {r["key"] for r in _acled(db)}
        # ...unless asked for.
        rejected = ok(api, "/api/events?review=rejected")
        assert [(e["key"], e["review"]) for e in rejected["items"]] == [(key, "rejected")]
        assert rejected["total"] == 1
        every = ok(api, "/api/events?include_rejected=true")
        assert every["total"] == total and key in {e["key"] for e in every["items"]}
        assert key in _map_keys(api, "?include_rejected=true")
        shown = ok(api, f"/api/articles/{deal['article_id']}?include_rejected=true")["events"]
        assert {e["review"] for e in shown if e["key"] == key} == {"rejected"}

    gone()
    store = open_store(db)
    try:
        assert reanalyze(store, Settings(), progress=False) == 2
    finally:
        store.close()
    gone()
    assert ok(api, "/api/review/orphaned")["total"] == 0


def test_a_corrected_speaker_is_found_by_its_new_name(api: TestClient) -> None:
    quote = next(
        q for q in ok(api, "/api/quotes?speaker=Pablo Cedeno")["items"] if "democracy" in q["text"]
    )
    assert ok(api, "/api/quotes?speaker=Maria Sommerfeld")["total"] == 0
    row = _verdict(
        api,
        kind="quote",
        key=quote["key"],
        verdict="correct",
        field="speaker",
        value="Maria Sommerfeld",
        note="misattributed",
    )
    assert (row["field"], row["new"], row["note"]) == (
        "speaker",
        "Maria Sommerfeld",
        "misattributed",
    )
    found = ok(api, "/api/quotes?speaker=Maria Sommerfeld")["items"]
    assert [(q["key"], q["review"], q["speaker"]["name"]) for q in found] == [
        (quote["key"], "corrected", "Maria Sommerfeld")
    ]
    assert quote["key"] not in {
        q["key"] for q in ok(api, "/api/quotes?speaker=Pablo Cedeno")["items"]
    }
    assert [q["key"] for q in ok(api, "/api/quotes?review=corrected")["items"]] == [quote["key"]]
    assert [q["key"] for q in ok(api, "/api/quotes?review=reviewed")["items"]] == [quote["key"]]
    unreviewed = ok(api, "/api/quotes?review=unreviewed")
    assert quote["key"] not in {q["key"] for q in unreviewed["items"]}
    assert unreviewed["total"] == ok(api, "/api/quotes")["total"] - 1
    journal = ok(api, f"/api/review/journal?key={quote['key']}")["items"]
    assert [(v["verdict"], v["old"] is not None) for v in journal] == [("correct", True)]


def test_a_rejected_quote_and_claim_leave_the_lists_and_the_entity_page(api: TestClient) -> None:
    cedeno = next(
        e["id"] for e in ok(api, "/api/entities?q=Cedeno")["items"] if e["name"] == "Pablo Cedeno"
    )
    said = ok(api, f"/api/entities/{cedeno}")["quotes_by"]
    said.sort(key=lambda q: "promised" not in q["text"])  # the quote about Lucia Moreno first
    moreno = next(
        e["id"] for e in ok(api, "/api/entities?q=Moreno")["items"] if e["name"] == "Lucia Moreno"
    )
    about = ok(api, f"/api/entities/{moreno}")["quotes_about"]
    assert said[0]["key"] in {q["key"] for q in about}
    _verdict(api, kind="quote", key=said[0]["key"], verdict="reject")
    assert said[0]["key"] not in {
        q["key"] for q in ok(api, f"/api/entities/{moreno}")["quotes_about"]
    }
    rejected_about = ok(api, f"/api/entities/{moreno}?review=rejected")["quotes_about"]
    assert [(q["key"], q["review"]) for q in rejected_about] == [(said[0]["key"], "rejected")]
    page = ok(api, f"/api/entities/{cedeno}")
    assert said[0]["key"] not in {q["key"] for q in page["quotes_by"]}
    assert page["totals"]["quotes_by"] == len(said) - 1
    shown = ok(api, f"/api/entities/{cedeno}?include_rejected=true")["quotes_by"]
    assert said[0]["key"] in {q["key"] for q in shown}
    assert said[0]["key"] not in {q["key"] for q in ok(api, "/api/quotes")["items"]}
    assert said[0]["key"] not in {i["key"] for i in ok(api, "/api/timeline?limit=500")["items"]}
    claims = ok(api, "/api/sources")
    first = next(c for group in claims["claims"].values() for c in group)
    _verdict(api, kind="claim", key=first["key"], verdict="reject")
    after = ok(api, "/api/sources")
    assert after["total"] == claims["total"] - 1
    assert first["key"] not in {c["key"] for c in ok(api, "/api/claims")["items"]}
    assert [c["key"] for c in ok(api, "/api/claims?review=rejected")["items"]] == [first["key"]]


def test_a_rejected_report_leaves_its_cross_article_event(api: TestClient) -> None:
    clusters = ok(api, "/api/clusters")["items"]
    assert clusters, "the arrests in Guayaquil are reported by both articles"
    cid = clusters[0]["id"]
    reports = ok(api, f"/api/clusters/{cid}")["reports"]
    _verdict(api, kind="event", key=reports[0]["key"], verdict="reject")
    assert cid not in {c["id"] for c in ok(api, "/api/clusters")["items"]}
    assert cid in {c["id"] for c in ok(api, "/api/clusters?include_rejected=true")["items"]}
    assert len(ok(api, f"/api/clusters/{cid}")["reports"]) == len(reports) - 1


def test_a_merge_through_the_api_moves_the_events(api: TestClient) -> None:
    def named(name: str) -> str:
        items = ok(api, f"/api/entities?q={name}")["items"]
        return str(next(e["id"] for e in items if e["name"] == name))

    moreno, cedeno = named("Lucia Moreno"), named("Pablo Cedeno")
    events = ok(api, f"/api/entities/{moreno}")["events_as_source"]
    assert events, "Lucia Moreno signed the pier agreement"
    body = {"into": cedeno, "who": "ana", "note": "same person in this test"}
    assert api.post(f"/api/entities/{moreno}/merge", json=body).status_code == 401
    answer = api.post(f"/api/entities/{moreno}/merge", json=body, headers=AUTH)
    assert answer.status_code == 200, answer.text
    page = ok(api, f"/api/entities/{cedeno}")
    moved = {e["key"] for e in page["events_as_source"]}
    assert {e["key"] for e in events} <= moved
    assert page["totals"]["events_as_source"] == len(page["events_as_source"])
    assert ok(api, f"/api/entities/{moreno}")["events_as_source"] == []
    actor = {e["key"] for e in ok(api, "/api/events?actor=Pablo Cedeno")["items"]}
    assert {e["key"] for e in events} <= actor
    journal = ok(api, f"/api/review/journal?key=entity:{moreno}")["items"]
    assert [(v["field"], v["new"], v["who"]) for v in journal] == [("merge", cedeno, "ana")]


def test_rename_queue_and_journal_routes(api: TestClient) -> None:
    moreno = next(e["id"] for e in ok(api, "/api/entities?q=Moreno")["items"])
    body = {"name": "Lucía Moreno"}
    assert api.post(f"/api/entities/{moreno}/rename", json=body).status_code == 401
    answer = api.post(f"/api/entities/{moreno}/rename", json=body, headers=AUTH)
    assert answer.status_code == 200 and answer.json()["entity"]["name"] == "Lucía Moreno"
    queue = ok(api, "/api/review/queue?limit=5")
    assert 0 < len(queue["items"]) <= 5
    first = queue["items"][0]
    _verdict(api, kind=first["kind"], key=first["key"], verdict="confirm")
    assert first["key"] not in {i["key"] for i in ok(api, "/api/review/queue?limit=500")["items"]}
    events = ok(api, "/api/review/queue?kind=event")["items"]
    assert events and {i["kind"] for i in events} == {"event"}
    journal = ok(api, "/api/review/journal")
    assert [v["kind"] for v in journal["items"]] == ["entity", first["kind"]]
    assert ok(api, "/api/review/orphaned")["items"] == []


def test_bad_verdicts_are_400s_naming_the_part_and_unknown_keys_404s(api: TestClient) -> None:
    deal = _the_pier_deal(api)

    def post(**body: Any) -> Any:
        return api.post("/api/review", json=body, headers=AUTH)

    missing = deal["key"].rsplit(":", 2)[0] + ":0123456789abcdef:3"
    _error(post(kind="event", key=missing, verdict="reject"), 404, "E701", missing)
    _error(post(kind="quote", key=deal["key"], verdict="reject"), 400, "E701", deal["key"])
    _error(
        post(kind="event", key=deal["key"], verdict="correct", field="mood", value="x"),
        400,
        "E701",
        "field",
    )
    _error(
        post(kind="event", key=deal["key"], verdict="correct", field="type"), 400, "E701", "value"
    )
    _error(
        post(kind="event", key=deal["key"], verdict="correct", field="type", value="HUG"),
        400,
        "E701",
        "value",
    )
    _error(post(kind="event", key=deal["key"], verdict="maybe"), 400, "E701", "verdict")
    _error(
        post(kind="entity", key="entity:e000000000000000", verdict="confirm"),
        404,
        "E604",
        "e000000000000000",
    )
    _error(api.get("/api/events?review=liked"), 400, "E701", "review")
    assert ok(api, "/api/review/journal")["total"] == 0  # nothing bad was written
    fixed = _verdict(
        api, kind="event", key=deal["key"], verdict="correct", field="type", value="consult"
    )
    assert fixed["new"] == "CONSULT"
    assert deal["key"] in {
        e["key"] for e in ok(api, "/api/events?type=CONSULT&review=corrected")["items"]
    }
    assert ok(api, "/api/events?type=CONSULT")["total"] == len(
        ok(api, "/api/events?type=CONSULT")["items"]
    )


def test_counts_facets_and_entity_totals_follow_the_journal(api: TestClient, db: str) -> None:
    """The SQL counts behind paged lists must answer what the store's read path lists,
    with rejections, corrected types, statuses and actors and a rejected cluster."""

    events = ok(api, "/api/events")["items"]
    by_type = {e["type"]: e for e in events}
    cedeno = next(e["id"] for e in ok(api, "/api/entities?q=Cedeno")["items"])
    _verdict(
        api,
        kind="event",
        key=by_type["ACCUSE"]["key"],
        verdict="correct",
        field="source",
        value=cedeno,
    )
    _verdict(
        api,
        kind="event",
        key=by_type["CONSULT"]["key"],
        verdict="correct",
        field="status",
        value="planned",
    )
    _verdict(
        api,
        kind="event",
        key=by_type["AGREE"]["key"],
        verdict="correct",
        field="type",
        value="COERCE",
    )
    coerce = [e for e in events if e["type"] == "COERCE"]
    _verdict(api, kind="cluster", key=f"cluster:{coerce[0]['event_id']}", verdict="reject")
    store = open_store(db)
    try:
        for filters in (
            {},
            {"type_": "COERCE"},
            {"type_": "AGREE"},
            {"status": "planned"},
            {"actor": "Cedeno"},
            {"actor": "moreno"},
            {"review": "rejected"},
            {"review": "corrected"},
            {"review": "unreviewed"},
            {"include_rejected": True},
        ):
            listed = store.events(**filters)
            assert store.count_events(**filters) == len(listed), filters
            assert ok(
                api,
                "/api/events?"
                + "&".join(f"{k.rstrip('_')}={str(v).lower()}" for k, v in filters.items()),
            )["total"] == len(listed), filters
        hits = store.events()
        assert {h.event.type for h in hits} == {"COERCE", "CONSULT", "AGREE", "ACCUSE"}
        # The corrected AGREE (now COERCE) survives; the rejected arrests do not.
        assert [h.event.key for h in hits if h.event.type == "COERCE"] == [by_type["AGREE"]["key"]]
    finally:
        store.close()
    facets = ok(api, "/api/search")["facets"]["event_type"]
    assert facets == {"COERCE": 1, "CONSULT": 1, "ACCUSE": 1, "AGREE": 1}
    page = ok(api, f"/api/entities/{cedeno}")
    assert page["totals"]["events_as_source"] == len(page["events_as_source"]) == 1
    assert ok(api, "/api/clusters")["items"] == []


def test_a_rejected_place_leaves_the_map_and_the_places(api: TestClient) -> None:
    deal = _the_pier_deal(api)
    manta = deal["place"]
    assert manta["key"] and manta["review"] == "unreviewed"
    names = {p["name"] for p in ok(api, "/api/map")["points"]}
    assert "Manta" in names
    _verdict(api, kind="place", key=manta["key"], verdict="reject")
    assert "Manta" not in {p["name"] for p in ok(api, "/api/map")["points"]}
    assert "Manta" not in {p["name"] for p in ok(api, "/api/places")["items"]}
    rejected = ok(api, "/api/places?review=rejected")["items"]
    assert [(p["key"], p["review"], p["article_id"]) for p in rejected] == [
        (manta["key"], "rejected", deal["article_id"])
    ]
    assert "Manta" in {p["name"] for p in ok(api, "/api/map?include_rejected=true")["points"]}
