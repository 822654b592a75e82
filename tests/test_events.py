"""PLOVER events: the seed article's acceptance, and the rules on sentences written here."""

from __future__ import annotations

from pathlib import Path

import pytest
from spacy.language import Language

from dossier.analyze.attribution import find_quotes
from dossier.analyze.entities import doc_entities
from dossier.analyze.events import STATUSES, Event, find_events
from dossier.analyze.nlp import load_model
from dossier.analyze.plover import MODES, TYPES
from dossier.config import DEFAULT_MODEL

SEED_NAME = "000_6697f758b25771b6.txt"


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_model(DEFAULT_MODEL)


def _events(nlp: Language, text: str, published: str | None = None) -> tuple[Event, ...]:
    doc = nlp(text)
    entities = doc_entities(doc)
    events = find_events(doc, entities, find_quotes(doc, entities), published)
    _check_spans(text, events)
    return events


def _check_spans(text: str, events: tuple[Event, ...]) -> None:
    for e in events:
        assert text[e.start : e.end] == e.text
        assert text[e.trigger_start : e.trigger_end] == e.trigger
        assert e.sentence_start <= e.start <= e.trigger_start < e.trigger_end <= e.end
        assert e.end <= e.sentence_end
        for value, start, end in ((e.source, e.source_start, e.source_end),
                                  (e.target, e.target_start, e.target_end)):  # fmt: skip
            assert (value is None) == (start is None) == (end is None)
            if value is not None:
                assert start is not None and end is not None and text[start:end] == value
        assert e.type in TYPES and (e.mode is None or e.mode in MODES[e.type])
        assert e.status in STATUSES and 0.0 < e.score < 1.0


def _one(events: tuple[Event, ...], type_: str, trigger: str | None = None) -> Event:
    found = [e for e in events if e.type == type_ and (trigger is None or trigger in e.trigger)]
    assert found, f"no {type_} {trigger or ''} among {[(e.type, e.trigger) for e in events]}"
    return max(found, key=lambda e: e.score)


def _top(events: tuple[Event, ...]) -> Event:
    return max(events, key=lambda e: (e.score, -e.trigger_start))


# --- the seed article ---------------------------------------------------------------------


@pytest.fixture(scope="module")
def seed(nlp: Language, seed_dir: Path) -> tuple[str, tuple[Event, ...], dict[str, str]]:
    path = seed_dir / SEED_NAME
    if not path.is_file():
        pytest.skip(f"seed article not found at {path}")
    text = path.read_text(encoding="utf-8")
    doc = nlp(text)
    entities = doc_entities(doc)
    events = find_events(doc, entities, find_quotes(doc, entities), "2025-03-05")
    _check_spans(text, events)
    return text, events, {e.id: e.name for e in entities}


def test_seed_request_for_help(seed: tuple[str, tuple[Event, ...], dict[str, str]]) -> None:
    _, events, names = seed
    request = _one(events, "REQUEST", "calls")
    assert request.target is not None and "Trump" in request.target
    assert names[request.target_entity_id or ""] == "Donald Trump"
    assert request.status == "happened"


def test_seed_planned_meeting(seed: tuple[str, tuple[Event, ...], dict[str, str]]) -> None:
    _, events, names = seed
    meeting = _one(events, "CONSULT", "meet")
    assert meeting.status == "planned"
    assert meeting.source == "Noboa" and meeting.target == "Trump"
    assert names[meeting.source_entity_id or ""] == "Daniel Noboa"
    assert "set to meet" in meeting.text


def test_seed_agreement_with_port_authority(
    seed: tuple[str, tuple[Event, ...], dict[str, str]],
) -> None:
    _, events, _ = seed
    agreement = _one(events, "AGREE", "signed an agreement")
    assert agreement.source is not None and "Defense Ministry" in agreement.source
    assert agreement.target is not None and "port authority" in agreement.target
    assert agreement.status == "happened" and agreement.source_entity_id is not None


def test_seed_request_for_terrorist_designation(
    seed: tuple[str, tuple[Event, ...], dict[str, str]],
) -> None:
    _, events, _ = seed
    request = _one(events, "REQUEST", "requested")
    assert request.source == "Noboa"
    assert request.target == "U.S." and request.target_entity_id is not None
    assert "designate" in request.text


def test_seed_alliance_with_prince(seed: tuple[str, tuple[Event, ...], dict[str, str]]) -> None:
    _, events, names = seed
    alliance = _one(events, "COOPERATE", "alliance")
    assert alliance.source == "Noboa" and alliance.target == "Erik Prince"
    assert names[alliance.target_entity_id or ""] == "Erik Prince"


def test_seed_events_in_quotes_point_at_them(nlp: Language, seed_dir: Path) -> None:
    path = seed_dir / SEED_NAME
    if not path.is_file():
        pytest.skip(f"seed article not found at {path}")
    doc = nlp(path.read_text(encoding="utf-8"))
    entities = doc_entities(doc)
    quotes = find_quotes(doc, entities)
    events = find_events(doc, entities, quotes)
    quoted = [e for e in events if e.quote is not None]
    assert quoted
    for event in events:
        inside = [i for i, q in enumerate(quotes) if q.start <= event.trigger_start < q.end]
        assert event.quote == (inside[0] if inside else None)


# --- one sentence per type ----------------------------------------------------------------

TYPED = [
    ("AGREE", None, "The two governments agreed to cooperate on border security."),
    ("CONSULT", None, "The Kenyan foreign minister met his Ugandan counterpart in Kampala."),
    ("SUPPORT", None, "The European Union praised the government of Chile for its reforms."),
    ("CONCEDE", None, "The military junta lifted the curfew in the capital on Friday."),
    ("COOPERATE", None, "Brazil and Argentina held joint naval exercises in the Atlantic."),
    ("AID", "humanitarian", "Japan provided humanitarian aid to flood victims in Pakistan."),
    ("RETREAT", "release", "The rebels released twelve hostages on Sunday."),
    ("REQUEST", None, "The opposition demanded the resignation of the prime minister."),
    ("ACCUSE", "allege", "Amnesty International accused the police of torturing detainees."),
    ("REJECT", None, "The government rejected the proposal from the unions."),
    ("THREATEN", "relations", "The president threatened to impose sanctions on Venezuela."),
    ("PROTEST", "demo", "Thousands of farmers protested outside the parliament in Paris."),
    ("SANCTION", "expel", "Canada expelled two Russian diplomats on Monday."),
    ("MOBILIZE", "troops", "The army deployed troops along the northern border."),
    ("COERCE", "arrest", "Police arrested three opposition activists in Minsk."),
    ("ASSAULT", "firearms", "Gunmen shot five villagers in northern Nigeria."),
    ("ASSAULT", "suicide-attack", "A suicide bomber attacked a market in Kabul."),
    ("ASSAULT", "aerial", "Israeli warplanes bombed a weapons depot near Damascus."),
]


@pytest.mark.parametrize(("type_", "mode", "text"), TYPED)
def test_each_type(nlp: Language, type_: str, mode: str | None, text: str) -> None:
    top = _top(_events(nlp, text))
    assert top.type == type_
    if mode is not None:
        assert top.mode == mode


def test_every_type_is_covered() -> None:
    assert {t for t, _, _ in TYPED} == set(TYPES)


def test_actors_and_entities(nlp: Language) -> None:
    event = _top(_events(nlp, "Canada expelled two Russian diplomats on Monday."))
    assert event.source == "Canada" and event.source_entity_id is not None
    assert event.target == "two Russian diplomats"
    protest = _top(_events(nlp, "Thousands of farmers protested outside the parliament."))
    assert protest.source == "farmers"


def test_passive_agent_is_the_source(nlp: Language) -> None:
    event = _top(_events(nlp, "Three journalists were arrested by the police in Ankara."))
    assert event.type == "COERCE"
    assert event.source == "police" and event.target == "Three journalists"


def test_pronoun_takes_the_reporting_subject(nlp: Language) -> None:
    events = _events(nlp, "The union said it would meet the employers on Monday.")
    meeting = _one(events, "CONSULT")
    assert meeting.source == "union" and meeting.status == "planned"


def test_hosting_makes_the_visitor_the_source(nlp: Language) -> None:
    event = _one(_events(nlp, "Egypt hosted the Israeli prime minister in Cairo."), "CONSULT")
    assert event.target == "Egypt"
    assert event.source is not None and "prime minister" in event.source


# --- status -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "type_", "status"),
    [
        ("Police arrested the mayor of Istanbul.", "COERCE", "happened"),
        ("The army did not attack the village.", "ASSAULT", "negated"),
        ("No one was arrested after the march.", "COERCE", "negated"),
        ("The rebels refused to release the hostages.", "RETREAT", "negated"),
        ("The foreign ministers will meet in Geneva next week.", "CONSULT", "planned"),
        ("The president is set to visit Moscow in May.", "CONSULT", "planned"),
        ("The envoy plans to visit the capital next month.", "CONSULT", "planned"),
        ("The minister is expected to visit Kabul on Monday.", "CONSULT", "planned"),
        ("Peace talks are scheduled to resume in Oslo.", "CONSULT", "planned"),
        ("The prime minister's upcoming meeting with Biden was announced.", "CONSULT", "planned"),
        ("Protesters may block the main highway.", "PROTEST", "hypothetical"),
        ("Russia could impose sanctions on Georgia.", "SANCTION", "hypothetical"),
        ("The rebels might attack the town before the vote.", "ASSAULT", "hypothetical"),
        ("Whenever the river floods, the army attacks the camps.", "ASSAULT", "hypothetical"),
        ("Gangs often kidnap shopkeepers in the port.", "ASSAULT", "hypothetical"),
        ("The two sides are negotiating a ceasefire in Doha.", "CONSULT", "ongoing"),
        ("Gangs continue to attack villages in the north.", "ASSAULT", "ongoing"),
        ("From 1999 to 2009, the army attacked rebel camps.", "ASSAULT", "historical"),
        ("In 2008 the police arrested the opposition leader.", "COERCE", "historical"),
        ("The militia once attacked police stations in the city.", "ASSAULT", "historical"),
    ],
)
def test_status(nlp: Language, text: str, type_: str, status: str) -> None:
    assert _one(_events(nlp, text, "2025-03-05"), type_).status == status


def test_recent_years_are_not_historical(nlp: Language) -> None:
    event = _one(_events(nlp, "In 2024 the police arrested the mayor.", "2025-03-05"), "COERCE")
    assert event.status == "happened"


def test_refusal_outranks_what_was_refused(nlp: Language) -> None:
    top = _top(_events(nlp, "The rebels refused to release the hostages."))
    assert top.type == "REJECT" and top.status == "happened"


def test_announced_cooperation_is_one_agreement(nlp: Language) -> None:
    events = _events(nlp, "The army will withdraw its troops from the valley.")
    assert [(e.type, e.status) for e in events] == [("AGREE", "happened")]
    assert events[0].trigger == "withdraw" and events[0].source == "army"


def test_an_action_not_taken_is_no_refusal(nlp: Language) -> None:
    events = _events(nlp, "The council did not sign the agreement.")
    assert [(e.type, e.status) for e in events] == [("AGREE", "negated")]


def test_conditional_conflict_is_a_threat(nlp: Language) -> None:
    text = "The party said it will boycott the elections unless the president resigns."
    events = _events(nlp, text)
    top = _top(events)
    assert top.type == "THREATEN" and top.mode == "restrict"
    assert not [e for e in events if e.trigger == top.trigger and e is not top]


def test_content_of_a_request_is_hypothetical(nlp: Language) -> None:
    events = _events(nlp, "The mayor urged the government to send troops to the city.")
    assert _top(events).type == "REQUEST"
    assert _one(events, "MOBILIZE").status == "hypothetical"
    assert not [e for e in events if e.type == "AGREE"]


def test_event_in_a_quote_points_at_it(nlp: Language) -> None:
    text = '"We attacked the convoy at dawn," the rebel commander said.'
    doc = nlp(text)
    entities = doc_entities(doc)
    quotes = find_quotes(doc, entities)
    event = _one(find_events(doc, entities, quotes), "ASSAULT")
    assert event.quote is not None
    quote = quotes[event.quote]
    assert quote.start <= event.trigger_start < quote.end


def test_no_events_in_plain_description(nlp: Language) -> None:
    assert _events(nlp, "The river runs through a green valley full of orchards.") == ()


# --- the benchmark's scorer ---------------------------------------------------------------


def test_benchmark_actor_scoring() -> None:
    from benchmarks.events_plover import Tally, tokens

    assert tokens("Quatar's emir") == {"quatar", "emir"}
    tally = Tally()
    tally.add("Senior Hungarian and Romanian officials", ["Hungarian", "Romanian"])
    tally.add(None, ["Syria"])
    tally.add("Wednesday", [])
    scores = tally.scores()
    assert (tally.pred, tally.pred_ok, tally.gold, tally.gold_ok) == (2, 1, 3, 2)
    assert scores["precision"] == 0.5 and scores["recall"] == pytest.approx(2 / 3)


def test_benchmark_skips_without_data(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from benchmarks import events_plover

    monkeypatch.setenv(events_plover.EVAL_ENV, str(tmp_path))
    assert events_plover.main([]) == 0
    assert "skipped:" in capsys.readouterr().err
