"""Reports join one event across articles by evidence, never by what they leave out.

Every passage here was written for these tests.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from dossier.config import Settings
from dossier.models import EventHit
from dossier.pipeline import Ingest
from dossier.store import SqlStore
from dossier.store.event_links import (
    Report,
    candidate_sql,
    conflicts,
    day_span,
    evidence,
    keys,
    similarity,
    specific_figure,
)

from .pages import outlet_page

DURAN = (-2.16919, -79.83987)
GUAYAQUIL = (-2.19616, -79.88621)
QUITO = (-0.22985, -78.52495)


def _ingest(store: SqlStore, folder: Path, *docs: tuple[str, str, str, list[str]]) -> None:
    ingest = Ingest(store, settings=Settings(), progress=False)
    for title, outlet, published, paragraphs in docs:  # one at a time: the order is the test's
        summary = ingest.run([outlet_page(folder, title, outlet, paragraphs, published=published)])
        assert summary.errors == [] and summary.new == 1


def _by_title(store: SqlStore) -> dict[str, list[EventHit]]:
    found: dict[str, list[EventHit]] = {}
    for hit in store.events():
        found.setdefault(hit.title or "", []).append(hit)
    return found


def test_a_question_a_plan_and_a_denial_are_not_the_event_that_happened(
    store: SqlStore, tmp_path: Path
) -> None:
    _ingest(
        store,
        tmp_path,
        ("Hospital promise", "Harbour Post", "2025-06-03",
         ["Mayor Daniel Brenner promised on Monday to build a new hospital in Cartagena."]),
        ("Questions for the mayor", "Bay Review", "2025-06-04",
         ["Mayor Daniel Brenner is still promising a new hospital in Cartagena.",
          "What is Brenner proposing?"]),
        ("No date yet", "Harbour Post", "2025-06-10",
         ["Daniel Brenner did not propose a date for the vote on the tax."]),
        ("Brenner to meet Ortega", "Bay Review", "2025-06-02",
         ["Daniel Brenner is set to meet Governor Inés Ortega in Cartagena on June 6, 2025."]),
        ("Brenner meets Ortega", "Harbour Post", "2025-06-07",
         ["Daniel Brenner met Governor Inés Ortega in Cartagena on Friday."]),
    )  # fmt: skip
    by_title = _by_title(store)
    happened = {h.cluster_id for h in by_title["Hospital promise"] if h.event.type == "AGREE"}
    met = [h for h in by_title["Brenner meets Ortega"] if h.event.type == "CONSULT"]
    # The pipeline codes what these tests are about; without it the test would prove nothing.
    assert happened and met
    assert any(h.event.status == "ongoing" for h in by_title["Questions for the mayor"])
    assert not any("What is" in h.event.text for h in by_title["Questions for the mayor"])
    assert any(h.event.status == "negated" for h in by_title["No date yet"])
    assert any(h.event.status == "planned" for h in by_title["Brenner to meet Ortega"])
    for title in ("Questions for the mayor", "No date yet", "Brenner to meet Ortega"):
        for hit in by_title[title]:
            others = {h.article_id for h in store.events() if h.cluster_id == hit.cluster_id} - {
                hit.article_id
            }
            assert not others, (title, hit.event.text)


def test_one_raid_reported_with_different_counts_is_one_event(
    store: SqlStore, tmp_path: Path
) -> None:
    _ingest(
        store,
        tmp_path,
        ("23 detained in Durán", "Coast Monitor", "2025-03-19",
         ["Police detained 23 people in raids on gang houses in Durán on Tuesday, the police "
          "command said."]),
        ("Army: 27 arrested", "Gulf Wire", "2025-03-19",
         ["Soldiers arrested 27 suspected gang members in Durán and southern Guayaquil on "
          "Tuesday, the army said."]),
        ("Detainees before judge", "River Daily", "2025-03-21",
         ["A judge on Thursday heard the cases of those arrested in Tuesday's raids in Durán, "
          "which police said had netted 23 suspects."]),
    )  # fmt: skip
    dated = [h for h in store.events(type_="COERCE") if h.date is not None]
    assert {h.title for h in dated} == {
        "23 detained in Durán",
        "Army: 27 arrested",
        "Detainees before judge",
    }
    assert len({h.cluster_id for h in dated}) == 1
    figures = {h.outlet: [f.value for f in h.figures] for h in dated}
    assert figures["Coast Monitor"] == [23] and figures["Gulf Wire"] == [27]


def test_the_same_kind_of_raid_elsewhere_or_a_week_later_is_another_event(
    store: SqlStore, tmp_path: Path
) -> None:
    _ingest(
        store,
        tmp_path,
        ("Raids in Durán", "Coast Monitor", "2025-03-19",
         ["Police detained 23 people in raids on gang houses in Durán on Tuesday."]),
        ("Raids in Quito", "Sierra Courier", "2025-03-19",
         ["Police detained 23 people in raids on gang houses in Quito on Tuesday."]),
        ("More raids in Durán", "Gulf Wire", "2025-03-28",
         ["Police detained 23 people in raids on gang houses in Durán on Thursday."]),
    )  # fmt: skip
    dated = [h for h in store.events(type_="COERCE") if h.date is not None]
    assert len(dated) == 3 and len({h.cluster_id for h in dated}) == 3


def test_the_candidate_lookup_reads_the_key_index(store: SqlStore) -> None:
    sql = candidate_sql(3)
    params = ["d|COERCE|2025-03-18", "d|COERCE|2025-03-19", "t|COERCE|0|ab", "x"]
    if store.dialect == "sqlite":
        plan = " ".join(str(r[-1]) for r in store._execute(f"EXPLAIN QUERY PLAN {sql}", params))
        assert "USING INDEX event_keys_key" in plan or "USING COVERING INDEX event_keys_key" in plan
        assert "SCAN" not in plan, plan
    else:
        store._execute("SET enable_seqscan = off")
        plan = " ".join(str(r[0]) for r in store._execute(f"EXPLAIN {sql}", params))
        assert "event_keys_key" in plan, plan


def _report(**fields: object) -> Report:
    base: dict[str, object] = {
        "type": "COERCE",
        "status": "happened",
        "source": None,
        "target": None,
        "trigger": "detained",
        "days": (date(2025, 3, 18), date(2025, 3, 18)),
        "places": ((3658192, *DURAN, "EC", "city"),),
        "figures": frozenset(),
        "sentence": "Police detained 23 people in raids in Durán on Tuesday.",
        "published": date(2025, 3, 19),
    }
    base.update(fields)
    return Report(**base)  # type: ignore[arg-type]


def test_statuses_group_by_whether_the_incident_took_place() -> None:
    happened = _report()
    assert not conflicts(happened, _report(status="ongoing"))
    for status in ("planned", "negated", "hypothetical"):
        assert conflicts(happened, _report(status=status)), status
    assert not conflicts(_report(status="planned"), _report(status="planned"))


def test_missing_facts_are_no_agreement() -> None:
    a = _report(sentence="Police detained people.")
    for missing in ({"days": None}, {"places": ()}):
        b = _report(sentence="Officers held several suspects.", **missing)
        assert not conflicts(a, b) and evidence(a, b) == 0, missing
    near = _report(places=((3657509, *GUAYAQUIL, "EC", "city"),), sentence="Arrests were made.")
    assert evidence(a, near) == 2  # Durán and Guayaquil are one metro area
    far = _report(places=((3652462, *QUITO, "EC", "city"),))
    assert conflicts(a, far)
    assert conflicts(a, _report(days=(date(2025, 3, 25), date(2025, 3, 25))))
    assert conflicts(a, _report(source="e1")) is False
    assert conflicts(_report(source="e2"), _report(source="e1"))
    # A month is not a day: "in March" gives no date to agree on.
    assert day_span("month", "2025-03-01", "2025-03-31") is None
    assert day_span("day", "2025-03-18", "2025-03-18") == (date(2025, 3, 18),) * 2


def test_copied_text_and_shared_specific_figures_are_evidence() -> None:
    wire = (
        "Border agents detained a truck driver who was carrying 300 kilograms of cocaine "
        "hidden in a load of bananas, customs officials said."
    )
    a = _report(days=None, places=(), sentence=wire)
    b = _report(days=None, places=(), sentence=wire.replace("said.", "said on Friday."))
    assert similarity(a.sentence, b.sentence) > 0.8 and evidence(a, b) == 3
    late = _report(days=None, places=(), sentence=b.sentence, published=date(2025, 6, 1))
    assert evidence(a, late) == 0  # a copy months later is background, not the same report
    seized = frozenset({(31.0, None, None)})
    c = _report(days=None, figures=seized, sentence="Officers seized 31 firearms in Durán.")
    d = _report(figures=seized, sentence="The 31 firearms came from Peru, investigators said.")
    assert evidence(c, d) == 1
    assert not specific_figure(2024.0, None, None) and not specific_figure(3.0, None, "people")
    assert specific_figure(31.0, None, None)


def test_keys_block_by_day_text_and_figure() -> None:
    stored = keys(_report(figures=frozenset({(23.0, None, "people")})))
    wanted = keys(_report(days=(date(2025, 3, 20), date(2025, 3, 20))), lookup=True)
    assert "d|COERCE|2025-03-18" in stored and "d|COERCE|2025-03-18" in wanted
    assert any(k.startswith("t|COERCE|") for k in stored)
    assert "f|COERCE|23|None|people" in stored
    assert not any(k.startswith("t|") for k in keys(_report(sentence="Police held two.")))


@pytest.mark.parametrize("window", [0, 1, 2])
def test_a_dated_report_finds_reports_within_the_window(window: int) -> None:
    day = date(2025, 3, 18 + window)
    assert set(keys(_report())) & set(keys(_report(days=(day, day)), lookup=True))
