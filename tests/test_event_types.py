"""Event type, status and non-events: the rules on sentences written here.

Each test states one general rule of ``plover``, ``event_triggers``,
``event_status`` or ``event_filters`` on sentences of our own.
"""

from __future__ import annotations

import pytest
from spacy.language import Language

from dossier.analyze.attribution import find_quotes
from dossier.analyze.entities import doc_entities
from dossier.analyze.events import Event, find_events
from dossier.analyze.nlp import load_model
from dossier.config import DEFAULT_MODEL


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_model(DEFAULT_MODEL)


def _events(nlp: Language, text: str) -> tuple[Event, ...]:
    doc = nlp(text)
    entities = doc_entities(doc)
    return find_events(doc, entities, find_quotes(doc, entities))


def _by_trigger(events: tuple[Event, ...], word: str) -> list[Event]:
    return [e for e in events if word in e.trigger.split()]


# --- types -----------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "The minister vowed he would crush the rebels in the north.",
        "The general pledged to clear the militants from the border region.",
    ],
)
def test_a_vow_to_harm_is_a_threat(nlp: Language, text: str) -> None:
    vows = [e for e in _events(nlp, text) if e.trigger in ("vowed", "pledged")]
    assert [e.type for e in vows] == ["THREATEN"]


def test_a_vow_to_cooperate_stays_an_agreement(nlp: Language) -> None:
    events = _events(nlp, "The mayor vowed to rebuild the flooded school.")
    assert [e.type for e in events if e.trigger == "vowed"] == ["AGREE"]


def test_the_threatened_action_is_not_reported(nlp: Language) -> None:
    events = _events(nlp, "The president threatened to invade the island.")
    assert [e.type for e in events] == ["THREATEN"]


@pytest.mark.parametrize(
    "text, trigger, type_",
    [
        ("Analysts expect the army to attack the valley next month.", "attack", "ASSAULT"),
        ("The expectation is that the militia will seize the port.", "seize", "COERCE"),
        ("Officials expect to detain more smugglers in the coming days.", "detain", "COERCE"),
    ],
)
def test_an_expected_action_is_planned_not_threatened(
    nlp: Language, text: str, trigger: str, type_: str
) -> None:
    found = _by_trigger(_events(nlp, text), trigger)
    assert [(e.type, e.status) for e in found] == [(type_, "planned")]


def test_an_announced_attack_stays_a_threat(nlp: Language) -> None:
    events = _events(nlp, "The army said it would attack the valley.")
    assert [e.type for e in _by_trigger(events, "attack")] == ["THREATEN"]


@pytest.mark.parametrize(
    "text",
    [
        "Rebel fighters launched drone strikes on the airport.",
        "The navy carried out missile strikes against the radar sites.",
    ],
)
def test_armed_strikes_are_assaults(nlp: Language, text: str) -> None:
    strikes = [e for e in _events(nlp, text) if "strikes" in e.trigger]
    assert strikes and all(e.type == "ASSAULT" for e in strikes)


def test_a_labour_strike_stays_a_protest(nlp: Language) -> None:
    events = _events(nlp, "Dock workers launched a general strike on Monday.")
    assert [e.type for e in events if "strike" in e.trigger] == ["PROTEST"]


def test_releasing_a_text_or_film_is_no_event(nlp: Language) -> None:
    events = _events(nlp, "A recording released on Monday showed the damaged bridge.")
    assert not _by_trigger(events, "released")


def test_releasing_captives_described_by_a_participle_is_a_release(nlp: Language) -> None:
    events = _events(nlp, "The prisoners released on Sunday were flown to the capital.")
    assert [(e.type, e.mode) for e in _by_trigger(events, "released")] == [("RETREAT", "release")]


def test_protesters_storming_a_building_protest(nlp: Language) -> None:
    events = _events(nlp, "Protesters stormed the city hall on Friday.")
    assert [e.type for e in events] == ["PROTEST"]


def test_soldiers_storming_a_building_assault_it(nlp: Language) -> None:
    events = _events(nlp, "Soldiers stormed the hotel where the gunmen were hiding.")
    assert "ASSAULT" in [e.type for e in _by_trigger(events, "stormed")]


def test_what_a_request_asks_for_is_hypothetical_however_deep(nlp: Language) -> None:
    text = "The envoy pressed the council to do more to release the detained reporters."
    release = _by_trigger(_events(nlp, text), "release")
    assert release and all(e.status == "hypothetical" for e in release)


def test_an_infinitive_of_a_request_noun_is_hypothetical(nlp: Language) -> None:
    text = "The ministry has received a request from the court to hand over the files."
    handed = [e for e in _events(nlp, text) if "hand" in e.trigger]
    assert all(e.status == "hypothetical" for e in handed)


# --- non-events ------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "The tribunal can arrest officials who take bribes.",
        "Any faction that attacks the convoy will face sanctions.",
        "Smugglers are notoriously hard to arrest.",
        "It is illegal for residents to attack the camp.",
        "Tourists are not allowed to join the militia.",
        "The governor is not seeking re-election this year.",
        "She is less willing to support the plan than her rival.",
        "Her cousins have gathered to support their father.",
        "When you sit in those meetings, you are just talking.",
    ],
)
def test_statements_of_rule_ability_or_stance_are_no_events(nlp: Language, text: str) -> None:
    kept = [e for e in _events(nlp, text) if e.type not in ("CONCEDE",)]
    assert kept == []


def test_a_stated_purpose_is_no_event_of_its_own(nlp: Language) -> None:
    text = "Troops crossed the river to set up a zone that would halt the smuggling of arms."
    assert not _by_trigger(_events(nlp, text), "halt")
    text = "Police were deployed in order to arrest the looters."
    assert not _by_trigger(_events(nlp, text), "arrest")


def test_an_order_to_act_is_no_purpose(nlp: Language) -> None:
    text = "The judge issued an order to arrest the former mayor."
    assert _by_trigger(_events(nlp, text), "arrest")


def test_a_mission_sent_to_act_stays(nlp: Language) -> None:
    text = "The league sent twelve monitors to investigate the shelling of the market."
    assert _by_trigger(_events(nlp, text), "investigate")


def test_help_with_a_verb_is_no_aid(nlp: Language) -> None:
    events = _events(nlp, "He asked the neighbours to help build a new bridge.")
    assert not [e for e in events if e.type == "AID"]


def test_a_refusal_with_cannot_stays(nlp: Language) -> None:
    events = _events(nlp, "The union said it cannot accept the new contract.")
    assert [e.status for e in _by_trigger(events, "accept")] == ["negated"]


@pytest.mark.parametrize(
    "text, trigger, type_",
    [
        ("Dock workers will strike on Monday.", "strike", "THREATEN"),
        ("The rebels must strike next.", "strike", "ASSAULT"),
    ],
)
def test_a_bare_strike_is_typed_by_who_strikes(
    nlp: Language, text: str, trigger: str, type_: str
) -> None:
    assert [e.type for e in _by_trigger(_events(nlp, text), trigger)] == [type_]


def test_a_bare_strike_by_nobody_known_is_no_event(nlp: Language) -> None:
    assert not _by_trigger(_events(nlp, "They will strike again, she said."), "strike")


def test_denying_a_claim_is_no_rejection(nlp: Language) -> None:
    events = _events(nlp, "The ministry denied that troops fired on the crowd.")
    assert not [e for e in events if e.type == "REJECT"]


def test_insisting_on_ones_own_doing_is_no_request(nlp: Language) -> None:
    events = _events(nlp, "The colonel insisted on leading the patrol himself.")
    assert not [e for e in events if e.type == "REQUEST"]
    events = _events(nlp, "The rebels insisted on the release of their commander.")
    assert [e.type for e in events if e.trigger == "insisted"] == ["REQUEST"]


def test_a_thing_as_subject_names_nobody(nlp: Language) -> None:
    assert _events(nlp, "Anything beats a long wait at the border.") == ()


def test_what_is_talked_about_is_a_topic(nlp: Language) -> None:
    events = _events(nlp, "The rebels had talked about seizing the port for years.")
    assert not [e for e in events if e.type == "CONSULT"]
    assert all(e.status == "hypothetical" for e in _by_trigger(events, "seizing"))


def test_readiness_for_no_known_action_is_no_offer(nlp: Language) -> None:
    assert _events(nlp, "The coalition is ready to participate in every sector.") == ()
    events = _events(nlp, "The rebels are ready to negotiate with the government.")
    assert "AGREE" in [e.type for e in events]


def test_an_infinitive_after_a_noun_is_not_done(nlp: Language) -> None:
    text = "Few diplomats argued for an intervention to help the refugees."
    assert all(e.status == "hypothetical" for e in _by_trigger(_events(nlp, text), "help"))
    text = "The envoy confirmed his decision to visit the camp."
    assert [e.status for e in _by_trigger(_events(nlp, text), "visit")] == ["planned"]


def test_a_reported_plan_is_the_action_planned(nlp: Language) -> None:
    text = "The mayor spoke of his plan to join forces with the rival party."
    assert [(e.type, e.status) for e in _by_trigger(_events(nlp, text), "join")] == [
        ("COOPERATE", "planned")
    ]


def test_a_relative_clause_inside_a_request_states_a_fact(nlp: Language) -> None:
    text = "The mayor urged the ministry to free the men who were arrested in May."
    arrested = _by_trigger(_events(nlp, text), "arrested")
    assert arrested and all(e.status == "happened" for e in arrested)
