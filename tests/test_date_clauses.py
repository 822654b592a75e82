"""Dates read with the tense of their clause, and events dated by their own clause."""

from __future__ import annotations

from dataclasses import dataclass, replace

import pytest
from spacy.language import Language

from dossier.analyze import analyze_doc
from dossier.analyze.dateclause import event_date
from dossier.analyze.dates import find_dates
from dossier.analyze.nlp import load_model
from dossier.config import DEFAULT_MODEL
from dossier.models import Event

PUBLISHED = "2025-03-19"  # a Wednesday


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_model(DEFAULT_MODEL)


# (sentence, the date's text, its first day) in an article of Wednesday 19 March 2025.
TENSES = [
    # Future, planned, scheduled or conditional: forward from publication.
    ("The new port would open in September, the minister said.", "September", "2025-09-01"),
    ("The ministry will publish the figures on Monday.", "Monday", "2025-03-24"),
    ("The referendum is set for April 27.", "April 27", "2025-04-27"),
    ("The party plans to hold its congress in May.", "May", "2025-05-01"),
    ("The talks are scheduled for Monday.", "Monday", "2025-03-24"),
    ("The vote is expected to be held on March 2.", "March 2", "2026-03-02"),
    ("The upcoming census in June has worried officials.", "June", "2025-06-01"),
    ("Municipal elections are due in February.", "February", "2026-02-01"),
    ("If the strike goes ahead in April, ports would close.", "April", "2025-04-01"),
    # Past: backward, as before.
    ("The storm hit the coast in April.", "April", "2024-04-01"),
    ("The mill would have closed in May without the loan.", "May", "2024-05-01"),
    ("Dockworkers struck on Thursday.", "Thursday", "2025-03-13"),
    # No tense evidence: the reading nearest publication.
    ("The runoff on April 13", "April 13", "2025-04-13"),
    ("Ecuador votes in the runoff on April 13.", "April 13", "2025-04-13"),
    ("The census in November counts 18 million people.", "November", "2024-11-01"),
    ("The ferry could sail in April.", "April", "2025-04-01"),
    # A past verb says nothing of what lies after it: nearest.
    ("Thousands marched ahead of the April 13 runoff.", "April 13", "2025-04-13"),
    ("The envoy flew to Quito to meet the president on Friday.", "Friday", "2025-03-21"),
    ("The hearing was scheduled for April 2.", "April 2", "2025-04-02"),
]


@pytest.mark.parametrize(("text", "surface", "start"), TENSES)
def test_a_yearless_date_is_read_by_the_tense_of_its_clause(
    nlp: Language, text: str, surface: str, start: str
) -> None:
    found = [(d.text, d.start_date) for d in find_dates(nlp(text), PUBLISHED)]
    assert found == [(surface, start)]


def test_a_datelines_date_is_past_whatever_the_sentences_tense(nlp: Language) -> None:
    text = "MANTA, Ecuador, March 18 (Coast Wire) - The navy will open a new pier in May."
    found = [(d.text, d.start_date) for d in find_dates(nlp(text), PUBLISHED)]
    assert found == [("March 18", "2025-03-18"), ("May", "2025-05-01")]


def test_an_absolute_date_ignores_the_tense(nlp: Language) -> None:
    [found] = find_dates(nlp("The port will reopen on 4 May 2023, they wrongly said."), PUBLISHED)
    assert found.start_date == "2023-05-04"


def test_one_sentence_reads_each_date_by_its_own_clause(nlp: Language) -> None:
    text = "The plant closed in April, and it will reopen in April."
    found = [(d.text, d.start_date) for d in find_dates(nlp(text), PUBLISHED)]
    assert found == [("April", "2024-04-01"), ("April", "2025-04-01")]


@dataclass(frozen=True)
class _Case:
    text: str
    trigger: str  # the trigger word; the first occurrence
    date: str | None  # the text of the date the event takes, or None


def _event(text: str, trigger: str) -> Event:
    start = text.index(trigger)
    return Event(
        start=0, end=len(text), text=text, sentence_start=0, sentence_end=len(text),
        type="COERCE", mode=None, trigger=trigger, trigger_start=start,
        trigger_end=start + len(trigger), source=None, source_start=None, source_end=None,
        source_entity_id=None, target=None, target_start=None, target_end=None,
        target_entity_id=None, status="happened", score=0.5,
    )  # fmt: skip


CLAUSES = [
    # A relative clause has its own date; the nearer one in the text is not the event's.
    _Case("Police arrested the mayor, who had fled the city in January, on Tuesday.",
          "arrested", "Tuesday"),
    _Case("Police arrested the mayor, who had fled the city in January, on Tuesday.",
          "fled", "January"),
    _Case("The navy, which seized a cargo ship in January, blockaded the port on Sunday.",
          "blockaded", "Sunday"),
    _Case("The rebels who seized the town in 2019 attacked a convoy.", "attacked", None),
    # Two coordinated clauses, a date each.
    _Case("Protesters blocked the highway on Monday and police detained 40 of them on Wednesday.",
          "detained", "Wednesday"),
    _Case("Protesters blocked the highway on Monday and police detained 40 of them on Wednesday.",
          "blocked", "Monday"),
    # The frame of reported speech dates the saying, not what was said.
    _Case("On Monday, the ministry said troops would attack the camp.", "attack", None),
    _Case("On Monday, the ministry said troops would attack the camp.", "said", "Monday"),
    # An infinitive inside a noun phrase is a clause of its own.
    _Case("The mayor sent the council a plan on Thursday to close the market.", "close", None),
    _Case("The mayor sent the council a plan on Thursday to close the market.", "sent",
          "Thursday"),
    # An infinitive the clause's verb controls is in the same clause.
    _Case("On Friday, Noboa is set to meet Trump.", "meet", "Friday"),
    # A dateline's date is the report's, never an event's.
    _Case("PORTOVIEJO, Ecuador, March 18 (Coast Wire) - Police detained 12 fishermen on Monday.",
          "detained", "Monday"),
    _Case("PORTOVIEJO, Ecuador, March 18 (Coast Wire) - Police detained 12 fishermen.",
          "detained", None),
    # A noun trigger takes the dates of its own phrase and clause.
    _Case("Clashes on Saturday left two dead after police raided a market in 2021.",
          "Clashes", "Saturday"),
]  # fmt: skip


@pytest.mark.parametrize("case", CLAUSES, ids=lambda c: f"{c.trigger}:{c.date}")
def test_an_event_takes_the_date_its_own_clause_governs(nlp: Language, case: _Case) -> None:
    doc = nlp(case.text)
    dates = find_dates(doc, PUBLISHED)
    index = event_date(doc, _event(case.text, case.trigger), dates)
    assert (None if index is None else dates[index].text) == case.date


def test_the_analysis_dates_events_by_their_clauses(nlp: Language) -> None:
    text = "Protesters blocked the highway on Monday and police detained 40 of them on Wednesday."
    analysis = analyze_doc(nlp(text), PUBLISHED)
    dated = {e.trigger: analysis.dates[e.date].text for e in analysis.events if e.date is not None}
    assert dated.get("detained") == "Wednesday"
    assert dated.get("blocked") == "Monday"


def test_a_date_outside_the_sentence_is_never_the_events(nlp: Language) -> None:
    text = "Troops withdrew. The curfew ended on Sunday."
    doc = nlp(text)
    dates = find_dates(doc, PUBLISHED)
    event = replace(_event(text, "withdrew"), sentence_end=text.index(".") + 1)
    assert event_date(doc, event, dates) is None
