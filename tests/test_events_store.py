"""Events, places and dates end to end: the seed report and reports across outlets."""

from __future__ import annotations

import csv
import io
import json
import math
from pathlib import Path

from click.testing import CliRunner

from dossier.cli import main
from dossier.config import Settings
from dossier.pipeline import Ingest
from dossier.store import SqlStore

from .conftest import SAMPLES
from .pages import outlet_page

CITIES = {  # GeoNames coordinates
    "Manta": (-0.94937, -80.73137),
    "Guayaquil": (-2.19616, -79.88621),
    "Durán": (-2.16919, -79.83987),
}


def _km(a: tuple[float, float], b: tuple[float, float]) -> float:
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * 6371 * math.asin(math.sqrt(h))


def test_seed_events_and_places(store: SqlStore, seed_dir: Path) -> None:
    summary = Ingest(store, settings=Settings(), progress=False).run(
        [str(seed_dir / "seed-article.html")]
    )
    assert summary.errors == []
    [row] = store.articles()
    article = store.article(row.id)
    assert article is not None
    by_text = {p.text: p for p in article.places}
    for name, point in CITIES.items():
        place = by_text[name]
        assert place.resolved and place.latitude is not None and place.longitude is not None
        assert _km(point, (place.latitude, place.longitude)) < 50, name
    for name, country in (
        ("Guayas", "EC"),
        ("Florida", "US"),
        ("Peru", "PE"),
        ("Colombia", "CO"),
        ("Mexico", "MX"),
    ):
        assert by_text[name].resolved and by_text[name].country_code == country, name
    kinds = {(e.type, e.status) for e in article.events}
    assert ("CONSULT", "planned") in kinds
    types = [e.type for e in article.events]
    assert types.count("REQUEST") >= 2 and "AGREE" in types and "COOPERATE" in types
    agree = next(e for e in article.events if e.type == "AGREE" and "agreement" in e.text)
    assert agree.place is not None and article.places[agree.place].text == "Manta"
    for e in article.events:
        assert article.text[e.start : e.end] == e.text
        assert article.text[e.trigger_start : e.trigger_end] == e.trigger
    for p in article.places:
        assert article.text[p.start : p.end] == p.text
    for d in article.dates:
        assert article.text[d.start : d.end] == d.text
    assert any(d.precision == "range" and d.start_date == "1999-01-01" for d in article.dates)


def test_same_event_across_outlets_is_one_event(store: SqlStore) -> None:
    Ingest(store, settings=Settings(), progress=False).run([str(SAMPLES)])
    hits = store.events()
    clusters: dict[str, set[str]] = {}
    for hit in hits:
        clusters.setdefault(hit.cluster_id, set()).add(hit.article_id)
    shared = [ids for ids in clusters.values() if len(ids) > 1]
    assert shared, "some event is reported by more than one article"
    assert len(clusters) < len(hits)
    dated = store.events(since="2025-03-01", until="2025-03-31")
    assert dated and all(
        (h.date.start_date if h.date and h.date.start_date else h.published or "")[:7] == "2025-03"
        for h in dated
    )
    assert all(h.event.type == "REQUEST" for h in store.events(type_="request"))
    assert store.events(actor="Noboa")
    assert store.places()[0].resolved


def test_event_exports(store_url: str, seed_dir: Path) -> None:
    runner = CliRunner()

    def cli(*args: str) -> str:
        result = runner.invoke(main, ["--db", store_url, *args])
        assert result.exit_code == 0, result.output
        return result.stdout

    cli("ingest", "--no-progress", str(seed_dir / "seed-article.html"))
    # The export's mechanics, on every event: the precision gate is lifted (tests/test_gate.py).
    rows = list(csv.DictReader(io.StringIO(cli("export", "--format", "acled", "--all-findings"))))
    assert rows and {"event_type", "latitude", "geo_precision", "evidence"} <= set(rows[0])
    manta = [r for r in rows if r["location"] == "Manta"]
    assert manta and manta[0]["geo_precision"] == "1"
    polecat = cli("export", "--format", "polecat", "--all-findings")
    records = [json.loads(line) for line in polecat.splitlines()]
    assert len(records) == len(rows)
    assert all(r["reports"] and r["event_type"] for r in records)
    assert "CONSULT" in cli("events", "--status", "planned")
    assert "Eloy Alfaro" in cli("places")
    # The request for help is reported from the obtained plans: its sourcing is a document.
    [help_row] = [r for r in rows if r["event_type"] == "REQUEST" and "calls on" in r["evidence"]]
    assert (help_row["sourcing"], help_row["sourced_to"]) == ("document", "obtained plans")
    sourced = {r["sourcing"] for r in rows}
    assert {"document", "named_person", "outlet"} <= sourced
    [record] = [r for r in records if r["event_id"] == help_row["event_id"]]
    assert record["reports"][0]["sourcing"] == {"type": "document", "source": "obtained plans"}
    assert "sourcing document: obtained plans" in cli("events", "--type", "REQUEST")
    every = json.loads(cli("export", "--format", "jsonl", "--all-findings").splitlines()[0])
    assert any(event["claim"] is not None for event in every["events"])
    gated = json.loads(cli("export", "--format", "jsonl").splitlines()[0])
    assert len(gated["events"]) < len(every["events"])
    for article in (every, gated):  # the gate renumbers what it keeps, so links still hold
        for event in article["events"]:
            if event["claim"] is not None:
                claim = article["claims"][event["claim"]]
                assert claim["start"] <= event["trigger"]["start"] < claim["end"]
            if event["quote"] is not None:
                quote = article["quotes"][event["quote"]]
                assert quote["key"].startswith("quote:")


def test_reports_that_disagree_keep_their_own_figures_and_sourcing(
    store_url: str, tmp_path: Path
) -> None:
    first = outlet_page(
        tmp_path,
        "Raid in Guayaquil",
        "Coast Monitor",
        published="2025-03-04",
        paragraphs=[
            "Ecuador's army arrested 23 members of the Los Lobos gang in Guayaquil on March 3, "
            "the Defense Ministry said.",
            "Officers seized rifles and ammunition during the operation.",
        ],
    )
    second = outlet_page(
        tmp_path,
        "Gang members held",
        "Andes Daily",
        published="2025-03-05",
        paragraphs=[
            "Ecuador's army arrested 25 members of the Los Lobos gang in Guayaquil on March 3, "
            "according to police.",
            "The detainees were taken to a prison in the city.",
        ],
    )
    runner = CliRunner()

    def cli(*args: str) -> str:
        result = runner.invoke(main, ["--db", store_url, *args])
        assert result.exit_code == 0, result.output
        return result.stdout

    cli("ingest", "--no-progress", first, second)
    records = [json.loads(line) for line in cli("export", "--format", "polecat").splitlines()]
    [raid] = [r for r in records if len(r["reports"]) == 2]
    assert raid["event_type"] == "COERCE" and raid["first_reported"] == "2025-03-04"
    reports = {r["outlet"]: r for r in raid["reports"]}
    assert [f["value"] for f in reports["Coast Monitor"]["figures"]] == [23]
    assert [f["value"] for f in reports["Andes Daily"]["figures"]] == [25]
    assert reports["Coast Monitor"]["sourcing"]["source"] == "Defense Ministry"
    assert reports["Andes Daily"]["sourcing"]["source"] == "police"
    rows = list(csv.DictReader(io.StringIO(cli("export", "--format", "acled"))))
    [row] = [r for r in rows if r["event_id"] == raid["event_id"]]
    assert (row["reports"], row["figures"], row["source_outlet"]) == (
        "2",
        "23 members",
        "Coast Monitor",
    )
    assert "figures: 25 members" in cli("events", "--type", "COERCE")
    # Every exported record says the language it was read in, whichever the format.
    assert raid["language"] == "en" and {r["language"] for r in raid["reports"]} == {"en"}
    assert row["language"] == "en"
    for table in ("mentions", "quotes", "claims", "figures"):
        out = cli("export", "--format", "csv", "--table", table, "--all-findings")
        flat = list(csv.DictReader(io.StringIO(out)))
        assert flat and {r["language"] for r in flat} == {"en"}, table
