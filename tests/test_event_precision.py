"""Precision of the event record: what is no event, who is no actor, one event per trigger.

Every sentence here is written for these tests; each names a kind of error
an analyst would reject, stated as a rule in ``analyze/event_filters.py``,
``event_actors.py`` or ``event_status.py``.
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
    events = find_events(doc, entities, find_quotes(doc, entities), "2025-03-05")
    for e in events:
        for value, start, end in ((e.source, e.source_start, e.source_end),
                                  (e.target, e.target_start, e.target_end)):  # fmt: skip
            if value is not None:
                assert start is not None and end is not None and text[start:end] == value
    return events


def _names(nlp: Language, text: str) -> dict[str, str]:
    return {e.id: e.name for e in doc_entities(nlp(text))}


def _by_trigger(events: tuple[Event, ...], word: str) -> list[Event]:
    return [e for e in events if word in e.trigger]


# --- questions and clauses about the source are never events -------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "What is the mayor proposing to the unions?",
        "Did the army attack the convoy?",
        "Will the two presidents meet before the summit?",
        "The answer depends on who you ask.",
        "Reporters asked who had attacked the convoy.",
    ],
)
def test_questions_are_no_events(nlp: Language, text: str) -> None:
    assert _events(nlp, text) == ()


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("The officer, who asked not to be named, said soldiers attacked the village.", "attacked"),
        ("An aide, who was not authorised to talk to the press, said the talks collapsed.", None),
        ("A diplomat who requested anonymity said the rebels seized the airport.", "seized"),
        ("A guard who declined to be identified said police arrested two men.", "arrested"),
        ("The official, who was not allowed to speak publicly, confirmed the raid.", None),
    ],
)
def test_clauses_about_the_source_are_no_events(nlp: Language, text: str, kept: str | None) -> None:
    events = _events(nlp, text)
    assert [e.trigger for e in events] == ([kept] if kept else [])


# --- pronouns, wh-words, generic nouns, datelines and nationalities are never actors -------

_NEVER_ACTORS = frozenset("it he she they you we who what which group country side".split())


@pytest.mark.parametrize(
    "text",
    [
        "It condemned the attack on the embassy.",
        "They attacked the convoy near the river.",
        "He was arrested at the airport.",
        "You should demand answers from the council.",
        "The group claimed the bombing and threatened more attacks.",
        "The men, who were armed, raided the depot.",
    ],
)
def test_no_pronoun_or_generic_actor(nlp: Language, text: str) -> None:
    events = _events(nlp, text)
    assert events
    for e in events:
        for actor in (e.source, e.target):
            assert actor is None or actor.lower() not in _NEVER_ACTORS, (e.type, actor)


def test_pronoun_resolves_to_its_antecedent(nlp: Language) -> None:
    text = "Maria Duarte became mayor in June. She ordered the arrest of two councillors."
    events = _events(nlp, text)
    arrest = [e for e in events if e.type == "COERCE"]
    assert arrest and arrest[0].source == "Maria Duarte"
    assert _names(nlp, text)[arrest[0].source_entity_id or ""] == "Maria Duarte"


def test_generic_noun_resolves_to_the_named_group(nlp: Language) -> None:
    text = "Los Halcones controls the port. The group attacked a police station on Friday."
    attack = [e for e in _events(nlp, text) if e.type == "ASSAULT"]
    assert attack and attack[0].source is not None and "Halcones" in attack[0].source
    assert attack[0].source_entity_id is not None


def test_first_person_in_a_quote_is_its_speaker(nlp: Language) -> None:
    text = '"We attacked the convoy at dawn," said Pedro Alvarado, a rebel commander.'
    attack = [e for e in _events(nlp, text) if e.type == "ASSAULT"]
    assert attack and attack[0].source == "Pedro Alvarado"


@pytest.mark.parametrize(
    "text",
    [
        "QUITO — Police arrested four suspects on Tuesday.",
        "MANTA, Peru — The navy seized two boats on Monday.",
        "LIMA (Reuters) — Protesters blocked the main highway.",
    ],
)
def test_a_dateline_is_never_an_actor(nlp: Language, text: str) -> None:
    dateline = text.split(" ")[0].strip(",")
    for e in _events(nlp, text):
        for actor in (e.source, e.target):
            assert actor is None or dateline not in actor, (e.type, actor)
        assert e.source is not None


def test_a_nationality_is_not_the_actor(nlp: Language) -> None:
    text = "Peruvian police arrested the mayor of the town."
    arrest = next(e for e in _events(nlp, text) if e.type == "COERCE")
    assert arrest.source == "Peruvian police"
    # the police are not Peru, nor the Peruvians
    assert arrest.source_entity_id is None


def test_an_actor_links_to_the_entity_it_names(nlp: Language) -> None:
    text = "The Interior Ministry of Chile banned the march."
    ban = next(e for e in _events(nlp, text) if e.type == "COERCE")
    names = _names(nlp, text)
    assert ban.source_entity_id is not None
    assert "Ministry" in names[ban.source_entity_id]


# --- words that are no event, and metaphors ----------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "A delivery truck backed into a parked car on Main Street.",
        "A bus hit a cyclist near the bridge.",
        "The senator said he had been stabbed in the back by his own party.",
        "Firefighters fought the blaze for six hours.",
        "The minister stormed out of the meeting.",
        "Exports hit a record high in May.",
        "A battle on social media broke out between the two candidates.",
        "The election battle between the two parties intensified.",
        "The two senators waged a war of words over the budget.",
    ],
)
def test_figures_of_speech_are_no_events(nlp: Language, text: str) -> None:
    assert [e for e in _events(nlp, text) if e.type in ("ASSAULT", "SUPPORT")] == []


def test_an_owned_vehicle_still_acts(nlp: Language) -> None:
    events = _events(nlp, "Syrian tanks shelled the town overnight.")
    assert [e.type for e in events] == ["ASSAULT"]


def test_a_civil_clash_is_a_dispute(nlp: Language) -> None:
    text = "The supreme court, which has clashed with the governor, blocked the decree."
    clash = _by_trigger(_events(nlp, text), "clashed")
    assert [(e.type, e.mode) for e in clash] == [("ACCUSE", "disapprove")]
    assert clash[0].source is not None and "court" in clash[0].source
    assert clash[0].score < 0.8


def test_an_armed_clash_stays_an_assault(nlp: Language) -> None:
    clash = _by_trigger(_events(nlp, "Police clashed with protesters near the palace."), "clash")
    assert [e.type for e in clash] == ["ASSAULT"]


# --- warnings and fears are no threats --------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Officials warned that violence could rise before the vote.",
        "Doctors warned of a shortage of medicine.",
        "Fears of an attack grew in the capital.",
    ],
)
def test_warnings_and_fears_are_no_threats(nlp: Language, text: str) -> None:
    events = _events(nlp, text)
    assert not [e for e in events if e.type == "THREATEN"]
    assert not [e for e in events if e.status == "happened" and e.type == "ASSAULT"]


def test_a_warning_of_ones_own_action_is_a_threat(nlp: Language) -> None:
    events = _events(nlp, "The army warned that it would attack the rebel camps.")
    assert [e.type for e in events if "warn" in e.trigger] == ["THREATEN"]


# --- status -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("The army did not attack the village.", "negated"),
        ("Nobody was arrested during the march.", "negated"),
        ("The delegation left without signing the agreement.", "negated"),
        ("If the rebels attack the town, the army will respond.", "hypothetical"),
        ("Police usually arrest protesters in the square.", "hypothetical"),
        ("Armed gangs regularly attack buses on the coastal road.", "hypothetical"),
    ],
)
def test_negated_conditional_and_generic_are_not_happened(
    nlp: Language, text: str, status: str
) -> None:
    events = _events(nlp, text)
    assert events and all(e.status != "happened" or e.type == "REJECT" for e in events)
    assert status in {e.status for e in events} or {e.type for e in events} == {"REJECT"}


# --- the speaker or accuser is not the source of what is reported -----------------------


def test_the_accuser_is_not_the_source_of_the_accused_act(nlp: Language) -> None:
    text = "The Canadian government accuses Iran of backing the rebels in Yemen."
    events = _events(nlp, text)
    accuse = [e for e in events if e.type == "ACCUSE"]
    assert [(e.source, e.target) for e in accuse] == [("Canadian government", "Iran")]
    for e in events:
        if "backing" in e.trigger:
            assert e.source == "Iran" and e.status != "happened"


def test_the_one_urged_does_what_is_urged(nlp: Language) -> None:
    events = _events(nlp, "The mayor urged the governor to send troops to the city.")
    send = _by_trigger(events, "send")
    assert send and send[0].source == "governor"


def test_the_speaker_is_not_the_source_of_a_reported_attack(nlp: Language) -> None:
    events = _events(nlp, "The victim's brother said the gunmen shot him twice.")
    shot = _by_trigger(events, "shot")
    assert shot and shot[0].source == "gunmen"


# --- one trigger, one event ---------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "The rebels said they would free the hostages on Sunday.",
        "The union will strike unless wages rise.",
        "The government will not accept the proposal.",
        "Chile will send aid to the flooded provinces.",
    ],
)
def test_one_trigger_gives_one_event(nlp: Language, text: str) -> None:
    events = _events(nlp, text)
    triggers = [(e.trigger_start, e.trigger_end) for e in events]
    assert events and len(triggers) == len(set(triggers))


# --- more words that are no event -------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "not_type"),
    [
        ("A gang accused of extorting drivers controls the market.", "ACCUSE"),
        ("The mayor denied the allegations on Tuesday.", "REJECT"),
        ("The opposition has vowed to fight the new budget in parliament.", "AGREE"),
        ("The opposition has vowed to fight the new budget in parliament.", "ASSAULT"),
    ],
)
def test_descriptions_denials_and_votes_are_no_events(
    nlp: Language, text: str, not_type: str
) -> None:
    assert not [e for e in _events(nlp, text) if e.type == not_type]


def test_what_is_said_is_not_what_is_denied(nlp: Language) -> None:
    text = "The governor denied the reports and said his staff had met the strikers."
    met = _by_trigger(_events(nlp, text), "met")
    assert [(e.type, e.status) for e in met] == [("CONSULT", "happened")]


def test_a_pronoun_after_a_dateline_takes_the_reporter(nlp: Language) -> None:
    text = "TUMBES, Peru — Peruvian police said they had detained nine smugglers."
    detained = _by_trigger(_events(nlp, text), "detained")
    assert detained and detained[0].source == "Peruvian police"


@pytest.mark.parametrize(
    "text",
    [
        "Prices shot up after the storm.",
        "The storm destroyed dozens of fishing boats.",
        "Investors are fighting to recover their money.",
        "Police have been battling traffic jams since the bridge closed.",
        "The home side beat their rivals 3-1 on Saturday.",
        "The ministry declined to comment on the case.",
    ],
)
def test_things_striving_sport_and_silence_are_no_events(nlp: Language, text: str) -> None:
    assert _events(nlp, text) == ()


def test_killings_with_a_range_of_numbers_stay(nlp: Language) -> None:
    events = _events(nlp, "Gunmen killed 10-15 villagers near the border.")
    assert [e.type for e in events] == ["ASSAULT"]


def test_a_year_in_a_relative_clause_is_not_the_events(nlp: Language) -> None:
    text = "The former minister, who was jailed in 2019, was released on Monday."
    released = _by_trigger(_events(nlp, text), "released")
    assert released and released[0].status == "happened"


def test_a_generic_noun_keeps_the_description_that_names_it(nlp: Language) -> None:
    text = "Officials said the attack was carried out by a group linked to the cartel."
    attack = [e for e in _events(nlp, text) if e.type == "ASSAULT"]
    assert attack and attack[0].source == "group linked to the cartel"


def test_the_reporter_of_a_headline_is_not_the_killer(nlp: Language) -> None:
    killed = _by_trigger(
        _events(nlp, "Six miners killed in clash near the dam, police say"), "killed"
    )
    assert killed and killed[0].source is None
    assert killed[0].target == "Six miners"


def test_a_verb_of_occurring_has_no_victim(nlp: Language) -> None:
    text = "The fighting began at dawn, according to a statement from the port authority."
    fighting = _by_trigger(_events(nlp, text), "fighting")
    assert fighting and fighting[0].target is None


def test_the_charge_is_not_part_of_the_accused(nlp: Language) -> None:
    text = "Human rights groups have accused guards of abuses against detainees."
    accuse = _by_trigger(_events(nlp, text), "accused")
    assert accuse and accuse[0].target == "guards"


def test_a_sibling_verb_is_no_governor(nlp: Language) -> None:
    text = "The governor has promised to build new schools and has asked the council for funds."
    asked = _by_trigger(_events(nlp, text), "asked")
    assert asked and asked[0].status == "happened"


def test_a_denial_of_allegations_is_no_rejection(nlp: Language) -> None:
    text = "Activists accused the guards of beatings, allegations the prison service has denied."
    assert not [e for e in _events(nlp, text) if e.type == "REJECT"]


def test_the_verb_of_an_event_noun_is_the_same_event(nlp: Language) -> None:
    text = "The country's deadliest riot, in May 2019 at the same jail, killed 40 inmates."
    events = _events(nlp, text)
    assert len(events) == 1 and events[0].type in ("ASSAULT", "PROTEST")
    assert events[0].source is None  # a superlative's possessor is the setting


def test_a_law_that_prohibits_is_no_ban(nlp: Language) -> None:
    text = "Article 12 of the charter prohibits the sale of land to foreigners."
    assert not [e for e in _events(nlp, text) if e.type == "COERCE"]


def test_asking_a_question_is_no_request(nlp: Language) -> None:
    for text in (
        "Support fell when voters were asked about the cost.",
        "The senator asked whether the troops would stay.",
    ):
        assert not [e for e in _events(nlp, text) if e.type == "REQUEST"], text


def test_a_call_for_someone_to_act_is_a_request_to_them(nlp: Language) -> None:
    events = _events(nlp, "The union called for the transport minister to resign.")
    request = [e for e in events if e.type == "REQUEST"]
    assert request and request[0].source == "union"
    assert request[0].target == "transport minister"


def test_a_threat_on_a_condition_has_happened(nlp: Language) -> None:
    text = "The cartel has threatened to kill judges if its leaders are extradited."
    threat = [e for e in _events(nlp, text) if e.type == "THREATEN"]
    assert threat and threat[0].status == "happened"


def test_the_event_noun_is_not_its_own_target(nlp: Language) -> None:
    text = "The government declared a state of emergency in three provinces."
    event = next(e for e in _events(nlp, text) if e.type == "COERCE")
    assert event.target is None or "emergency" not in event.target


# --- words that name nobody, bare modals and words that only look like stances ------------


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("Not everyone agrees.", "agrees"),
        ("Nobody recognises the new council.", "recognises"),
        ("She said that something in the plan must be right.", "must"),
        ("The senator said the president should know the law.", "should"),
        ("The court will punish the crimes committed by the militia.", "committed"),
        ("Aid agencies are starting to recognise the problem.", "recognise"),
        ("Officials recognised that the plan had failed.", "recognised"),
        ("The senator insisted that the army will finish the fence.", "insisted"),
        ('"We are talking about a small amount of money," the minister said.', "talking"),
        ("The group sought new ways to raise money.", "sought"),
        ("About 300 fighters are defending the last town held by the group.", "defending"),
        ("The exchange programme was suspended abruptly in 2019 after complaints.", "suspended"),
        ("She was asking a simple question.", "asking"),
    ],
)
def test_words_that_only_look_like_events_are_none(nlp: Language, text: str, word: str) -> None:
    assert _by_trigger(_events(nlp, text), word) == []


@pytest.mark.parametrize(
    ("text", "word", "type_"),
    [
        ("The government committed to a ceasefire on Monday.", "committed", "AGREE"),
        ("Several states have recognised the new government.", "recognised", "SUPPORT"),
        ("The senator insisted that the minister resign.", "insisted", "REQUEST"),
        ("The union insisted on a pay rise.", "insisted", "REQUEST"),
        ("The two leaders talked about trade on Tuesday.", "talked", "CONSULT"),
        ("The minister said the rebels must lay down their arms.", "must", "REQUEST"),
        ("The minister said the sanctions should be lifted.", "should", "REQUEST"),
        ("The UN sought access to the camp.", "sought", "REQUEST"),
        ("The programme was suspended by the government in 2019.", "suspended", "SANCTION"),
        ("Aid to the region was suspended in 2019.", "suspended", "SANCTION"),
        ("The officer was convicted of fraud in 2019.", "convicted", "SANCTION"),
        ("Japan is one of the few donors that have funded the camp.", "funded", "AID"),
        ("Everything since then is implementing the agreement.", "implementing", "AGREE"),
    ],
)
def test_real_stances_beside_those_rules_stay(
    nlp: Language, text: str, word: str, type_: str
) -> None:
    assert [e.type for e in _by_trigger(_events(nlp, text), word)] == [type_]


# --- a pronoun among several names -----------------------------------------------------------


def test_subject_pronoun_takes_the_subject_of_the_sentence_before(nlp: Language) -> None:
    text = (
        "Pedro Alvarez has not commented on Juan Perez's arrest. "
        "On Friday, he said in a statement that the army should release the prisoners."
    )
    requests = [e for e in _events(nlp, text) if e.type == "REQUEST"]
    assert [(e.source, e.target) for e in requests] == [("Pedro Alvarez", "army")]


def test_pronoun_after_a_joint_subject_stays_empty(nlp: Language) -> None:
    text = (
        "Pedro Alvarez and Maria Lopez spoke in Lima. He urged the army to release the prisoners."
    )
    assert [e.source for e in _by_trigger(_events(nlp, text), "urged")] == [None]


def test_they_after_named_people_means_no_group(nlp: Language) -> None:
    people = "The Kurds finally captured Ali Hassan and Omar Said. They agreed to cooperate."
    place = "The Kurds finally captured the town. They agreed to cooperate."
    assert [e.source for e in _by_trigger(_events(nlp, people), "agreed")] == [None]
    assert [e.source for e in _by_trigger(_events(nlp, place), "agreed")] == ["Kurds"]


def test_a_bare_object_that_types_the_verb_is_no_target(nlp: Language) -> None:
    text = "The rebels joined forces with the army to fight the militia."
    joined = _by_trigger(_events(nlp, text), "joined")
    assert [(e.type, e.source, e.target) for e in joined] == [("COOPERATE", "rebels", "army")]


def test_defending_a_decision_is_support(nlp: Language) -> None:
    text = "The minister defended the decision to close the border."
    assert [e.type for e in _by_trigger(_events(nlp, text), "defended")] == ["SUPPORT"]
