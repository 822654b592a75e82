"""Spanish PLOVER events: the same event coder as English, reading resources/languages/es.

Every sentence here is written for these tests. The rules they check are stated in
``dossier.analyze.events`` and its modules; the words and dependency labels they need
for Spanish are in ``resources/languages/es/events.toml``.
"""

from __future__ import annotations

import importlib.util
import tomllib
from importlib import resources

import pytest
from spacy.language import Language

from dossier.analyze.attribution import find_quotes
from dossier.analyze.entities import doc_entities
from dossier.analyze.event_language import event_language
from dossier.analyze.events import Event, find_events
from dossier.analyze.languages import resource
from dossier.analyze.nlp import load_model
from dossier.analyze.plover import MODES

# Tables whose keys are words of the language (prepositions, contractions), not settings.
_OPEN_TABLES = frozenset({"case_forms", "prep_verbs"})


def _toml(code: str) -> dict[str, object]:
    path = resources.files("dossier").joinpath(f"resources/languages/{code}/events.toml")
    return tomllib.loads(path.read_text(encoding="utf-8"))


def test_english_and_spanish_event_files_have_the_same_tables_and_keys() -> None:
    en, es = _toml("en"), _toml("es")
    assert en.keys() == es.keys()
    for table, values in en.items():
        assert isinstance(values, dict)
        if table not in _OPEN_TABLES:
            other = es[table]
            assert isinstance(other, dict)
            assert values.keys() == other.keys(), table


def test_every_lexicon_rule_names_a_plover_type_and_mode() -> None:
    for code in ("en", "es"):
        lang = event_language(code)
        rules = [*lang.verbs.values(), *lang.nouns.values()]
        rules += [r for entries in lang.object_rules.values() for _, r in entries]
        assert rules
        for rule in rules:
            assert rule.type == "NONE" or rule.type in MODES
            assert rule.mode is None or rule.mode in MODES[rule.type]


def test_a_language_without_an_events_file_has_an_empty_lexicon() -> None:
    lang = event_language("xx")
    assert not lang.verbs and not lang.nouns and not lang.roles.subject


@pytest.fixture(scope="module")
def nlp() -> Language:
    model = str(resource("es", "language").get("model", ""))
    if not model or importlib.util.find_spec(model) is None:
        pytest.skip(f"Spanish spaCy model {model or '(none)'} is not installed")
    return load_model(model)


def _events(nlp: Language, text: str) -> tuple[Event, ...]:
    doc = nlp(text)
    entities = doc_entities(doc)
    events = find_events(doc, entities, find_quotes(doc, entities), "2025-08-12")
    for e in events:
        assert text[e.trigger_start : e.trigger_end] == e.trigger
    return events


def _one(events: tuple[Event, ...], type_: str) -> Event:
    found = [e for e in events if e.type == type_]
    assert found, [(e.type, e.trigger) for e in events]
    return found[0]


def test_roles_read_a_ud_preposition_as_a_case_child_of_its_noun(nlp: Language) -> None:
    doc = nlp("Los vecinos protestaron contra el alcalde.")
    verb = next(t for t in doc if t.lemma_ == "protestar")
    roles = event_language("es").roles
    assert [(w, n.text) for w, n, _ in roles.prepositional(verb)] == [("contra", "alcalde")]
    assert [s.text for s in roles.subjects(verb)] == ["vecinos"]


def test_a_raid_with_detentions(nlp: Language) -> None:
    text = "La Policía Nacional allanó una vivienda en Durán y detuvo a tres sospechosos."
    events = _events(nlp, text)
    raid = next(e for e in events if e.trigger == "allanó")
    assert raid.type == "COERCE" and raid.status == "happened"
    assert raid.source == "La Policía Nacional"
    arrest = next(e for e in events if e.trigger == "detuvo")
    assert arrest.mode == "arrest"
    assert arrest.source == "La Policía Nacional"
    assert arrest.target == "tres sospechosos"


def test_a_passive_arrest_has_its_agent_for_source(nlp: Language) -> None:
    event = _one(_events(nlp, "El cabecilla fue capturado por militares en Esmeraldas."), "COERCE")
    assert event.mode == "arrest"
    assert event.source == "militares"
    assert event.target == "El cabecilla"


def test_a_protest_march(nlp: Language) -> None:
    event = _one(
        _events(nlp, "Cientos de estudiantes marcharon el lunes contra el Gobierno en Quito."),
        "PROTEST",
    )
    assert event.source == "estudiantes"
    assert event.target == "el Gobierno"
    assert event.status == "happened"


def test_a_protest_named_by_a_noun_alone(nlp: Language) -> None:
    event = _one(_events(nlp, "La protesta de los transportistas paralizó la ciudad."), "PROTEST")
    assert event.trigger == "protesta"
    assert event.source == "los transportistas"


def test_an_act_done_as_a_protest_is_the_protest(nlp: Language) -> None:
    # the withdrawal is how the delegation protested: one PROTEST, by the delegation
    events = _events(nlp, "La delegación se retiró del salón para protestar contra el fallo.")
    assert {e.type for e in events} == {"PROTEST"}
    assert all(e.source == "La delegación" for e in events)


def test_an_agreement_signed(nlp: Language) -> None:
    events = _events(nlp, "El Gobierno y la Confederación firmaron un acuerdo el martes.")
    assert [e.type for e in events] == ["AGREE"]  # the signed noun is no second event
    assert events[0].status == "happened"
    assert events[0].source == "El Gobierno y la Confederación"


def test_a_negated_strike(nlp: Language) -> None:
    event = _one(_events(nlp, "Los transportistas no realizaron el paro."), "PROTEST")
    assert event.status == "negated"  # not striking is no refusal: it stays the strike


def test_a_refusal_to_sign_is_a_rejection(nlp: Language) -> None:
    events = _events(nlp, "Los dirigentes se negaron a firmar el convenio.")
    assert "REJECT" in {e.type for e in events}


def test_a_planned_visit(nlp: Language) -> None:
    event = _one(_events(nlp, "El presidente visitará Guayaquil la próxima semana."), "CONSULT")
    assert event.mode == "visit" and event.status == "planned"
    assert event.source == "El presidente"


def test_an_announced_strike_is_a_threat_as_in_english(nlp: Language) -> None:
    # a conflict action announced is a THREATEN, as PLOVER reads it (same rule as English)
    events = _events(nlp, "Los maestros realizarán una huelga nacional el próximo jueves.")
    assert _one(events, "THREATEN").source == "Los maestros"


def test_the_conditional_of_possibility_is_hypothetical(nlp: Language) -> None:
    event = _one(_events(nlp, "La policía podría detener a los líderes de la banda."), "COERCE")
    assert event.status == "hypothetical"
    text = "Según la fiscalía, los guardias habrían liberado a los presos."
    event = _one(_events(nlp, text), "RETREAT")
    assert event.status == "hypothetical"


def test_a_request(nlp: Language) -> None:
    event = _one(_events(nlp, "El alcalde pidió al Gobierno más policías para Manta."), "REQUEST")
    assert event.source == "El alcalde"
    assert event.target == "Gobierno"


def test_a_clash_and_a_kidnapping(nlp: Language) -> None:
    clash = _one(_events(nlp, "Los manifestantes se enfrentaron con la policía."), "ASSAULT")
    assert clash.source == "Los manifestantes" and clash.target == "la policía"
    kidnap = _one(_events(nlp, "El secuestro del empresario ocurrió en Durán."), "ASSAULT")
    assert kidnap.mode == "abduct"
    assert kidnap.target == "empresario"  # the genitive of an act done to someone


def test_a_threat_and_a_meeting(nlp: Language) -> None:
    threat = _one(_events(nlp, "La banda amenazó a los comerciantes del mercado."), "THREATEN")
    assert threat.source == "La banda" and threat.target == "los comerciantes del mercado"
    meeting = _one(_events(nlp, "Los ministros se reunieron en Quito."), "CONSULT")
    assert meeting.source == "Los ministros"


def test_a_fixed_expression_is_no_event(nlp: Language) -> None:
    # "sin embargo" (however) names no embargo
    assert _events(nlp, "Sin embargo, la situación sigue tensa en el puerto.") == ()


def test_words_that_name_no_event_here(nlp: Language) -> None:
    # "de acuerdo con" (according to), "conferencia de prensa", "tasa de paro"
    text = "De acuerdo con la fiscalía, el ministro ofreció una conferencia de prensa en Quito."
    assert _events(nlp, text) == ()
    assert not _events(nlp, "La tasa de paro subió en la provincia del Guayas.")


def test_manifestar_with_a_that_clause_states_and_alone_demonstrates(nlp: Language) -> None:
    stated = _events(nlp, "El ministro manifestó que la situación en Manta es tranquila.")
    assert "PROTEST" not in {e.type for e in stated}
    marched = _one(_events(nlp, "Miles de vecinos se manifestaron en Manta."), "PROTEST")
    assert marched.source == "vecinos"


def test_a_clause_on_an_event_noun_names_its_doer(nlp: Language) -> None:
    text = "Los periodistas preguntaron por las protestas que organizan los sindicatos."
    assert _one(_events(nlp, text), "PROTEST").source == "los sindicatos"
    text = "La marcha convocada por el Frente Sandinista recorrió Managua."
    assert _one(_events(nlp, text), "PROTEST").source == "el Frente Sandinista"


def test_the_personal_a_marks_a_person_but_not_a_manner_or_an_abstract_noun(nlp: Language) -> None:
    event = _one(_events(nlp, "Los militares detuvieron a los dos hermanos en Durán."), "COERCE")
    assert event.target == "los dos hermanos"
    clash = _one(_events(nlp, "Los vecinos se enfrentaron a piedradas en el centro."), "ASSAULT")
    assert clash.target is None


def test_a_headline_in_capitals_is_read_by_form(nlp: Language) -> None:
    event = _one(_events(nlp, "VECINOS DE MANTA PROTESTAN POR FALTA DE AGUA"), "PROTEST")
    assert event.trigger == "PROTESTAN"
    assert (
        _one(_events(nlp, "NUEVAS PROTESTAS EN GUAYAQUIL Y QUITO"), "PROTEST").trigger
        == "PROTESTAS"
    )
    # a note in small letters beside it: the words in capitals are still the headline's
    text = "(Actualiza cifras) VECINOS DE DURÁN BLOQUEAN LA VÍA A GUAYAQUIL"
    assert _one(_events(nlp, text), "PROTEST").trigger == "BLOQUEAN"
