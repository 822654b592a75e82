"""Event source and target actors: the rules of ``event_actors`` on sentences written here."""

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


def _one(events: tuple[Event, ...], type_: str, trigger: str) -> Event:
    found = [e for e in events if e.type == type_ and trigger in e.trigger]
    assert found, f"no {type_} {trigger} among {[(e.type, e.trigger) for e in events]}"
    return found[0]


# --- the source is named though not the trigger's own subject -------------------------------


def test_conjoined_event_nouns_share_their_nationality(nlp: Language) -> None:
    text = "Thousands have fled the valley after Iraqi and Turkish airstrikes and shelling."
    event = _one(_events(nlp, text), "ASSAULT", "shelling")
    assert event.source is not None and "Iraqi" in event.source


def test_intention_noun_gives_its_owner_as_source(nlp: Language) -> None:
    text = "Canada's decision to expel the diplomats angered Beijing."
    event = _one(_events(nlp, text), "SANCTION", "expel")
    assert event.source == "Canada"
    text = "Obama stayed cautious despite his decision last year to launch air strikes on them."
    event = _one(_events(nlp, text), "ASSAULT", "launch")
    assert event.source == "Obama"


def test_plan_made_by_one_is_not_the_plan_of_who_rejects_it(nlp: Language) -> None:
    text = "The opposition rejected the plan to deport the migrants."
    event = _one(_events(nlp, text), "COERCE", "deport")
    assert event.source is None


def test_called_on_x_to_act_makes_x_the_actor(nlp: Language) -> None:
    text = "Pompeo called on Turkey to withdraw its troops from the border region."
    events = _events(nlp, text)
    assert _one(events, "REQUEST", "called").source == "Pompeo"
    assert _one(events, "RETREAT", "withdraw").source == "Turkey"


def test_main_verb_parsed_as_a_modifier_keeps_the_sentence_subject(nlp: Language) -> None:
    text = "Attorneys for the family of a Honduran girl called for an inquiry."
    assert _one(_events(nlp, text), "REQUEST", "called").source == "Attorneys"


def test_one_of_the_few_that_is_the_subject(nlp: Language) -> None:
    text = "France is one of the few countries that have sent troops to the region."
    assert _one(_events(nlp, text), "MOBILIZE", "sent").source == "France"


def test_collective_in_a_relative_clause_is_the_source(nlp: Language) -> None:
    text = "The refugee communities that have surrendered to government troops were moved north."
    event = _one(_events(nlp, text), "RETREAT", "surrendered")
    assert event.source == "refugee communities"


def test_report_voices_its_demand(nlp: Language) -> None:
    text = "The report, which also calls on the government to close the camps, was published."
    event = _one(_events(nlp, text), "REQUEST", "calls")
    assert event.source == "report" and event.target == "government"


# --- wrong sources ---------------------------------------------------------------------------


def test_whose_is_never_part_of_the_actor(nlp: Language) -> None:
    text = "Qatar, whose air force has bombed the rebels, said it would stay in the coalition."
    event = _one(_events(nlp, text), "ASSAULT", "bombed")
    assert event.source == "air force"
    qatar = next(e for e in doc_entities(nlp(text)) if e.name == "Qatar")
    assert event.source_entity_id == qatar.id


def test_generic_quantified_phrase_is_no_source(nlp: Language) -> None:
    text = "No country has sent troops to the region since the ceasefire."
    for event in _events(nlp, text):
        assert event.source is None or not event.source.lower().startswith("no ")


def test_pronoun_resolved_to_the_target_is_dropped(nlp: Language) -> None:
    text = "The Senate was in session on Monday. They stormed the Senate in the afternoon."
    event = _one(_events(nlp, text), "ASSAULT", "stormed")
    assert event.target == "Senate" and event.source is None


def test_pronoun_means_the_subject_not_its_predicate(nlp: Language) -> None:
    text = (
        "Jones, 31, from Cardiff, became the second Welshman to die there as he tried to "
        "rescue a wounded comrade."
    )
    event = _one(_events(nlp, text), "AID", "rescue")
    assert event.source == "Jones"


def test_we_in_a_quote_is_not_its_single_speaker(nlp: Language) -> None:
    text = (
        "Colonel Ahmed Karim commands the northern brigade. "
        '"We are attacking each other while the regime advances," he said.'
    )
    event = _one(_events(nlp, text), "ASSAULT", "attacking")
    assert event.source is None


def test_i_in_a_quote_is_the_named_speaker_not_the_pronoun(nlp: Language) -> None:
    text = 'Maria Lopez spent a year in the city. "I attacked the checkpoint twice," she said.'
    event = _one(_events(nlp, text), "ASSAULT", "attacked")
    assert event.source == "Maria Lopez"


def test_we_in_a_groups_quote_is_the_group(nlp: Language) -> None:
    text = (
        'The militia issued a statement. "We will attack the airport tomorrow," the militia said.'
    )
    event = _one(_events(nlp, text), "THREATEN", "attack")
    assert event.source == "militia"


# --- targets ---------------------------------------------------------------------------------


def test_adjective_on_an_act_is_no_target(nlp: Language) -> None:
    text = "The army wants to halt the spread of Kurdish influence along the river."
    event = _one(_events(nlp, text), "SANCTION", "halt")
    assert event.source == "army" and event.target is None


def test_thing_with_an_owner_is_no_target_of_its_participle(nlp: Language) -> None:
    text = "An al-Shabaab video released on Monday showed the hostages."
    for event in _events(nlp, text):
        assert event.target is None or "video" not in event.target


def test_people_killed_are_still_the_target(nlp: Language) -> None:
    text = "Ten Palestinian inmates killed in the raid were buried on Friday."
    event = _one(_events(nlp, text), "ASSAULT", "killed")
    assert event.target is not None and "inmates" in event.target


# --- the words of an actor -------------------------------------------------------------------


def test_a_listed_coordination_is_one_actor(nlp: Language) -> None:
    text = "The envoy urged Spain, Italy and Greece to accept and resettle the migrants."
    event = _one(_events(nlp, text), "REQUEST", "urged")
    assert event.target == "Spain, Italy and Greece"


def test_adjective_after_the_noun_keeps_its_complement(nlp: Language) -> None:
    text = "Forces loyal to the general seized the airport."
    event = _one(_events(nlp, text), "COERCE", "seized")
    assert event.source == "Forces loyal to the general"


def test_wh_word_is_no_part_of_the_actor(nlp: Language) -> None:
    text = (
        "What the junta, founded by generals in 1962, had talked about for decades, the rebels did."
    )
    event = _one(_events(nlp, text), "CONSULT", "talked")
    assert event.source == "junta"


def test_relative_after_a_seat_is_the_institution(nlp: Language) -> None:
    text = (
        "Some lawyers argue the pair should be tried at the international court in The "
        "Hague, which has charged officials with war crimes."
    )
    event = _one(_events(nlp, text), "ACCUSE", "charged")
    assert event.source == "international court in The Hague"
