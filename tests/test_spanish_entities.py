"""Spanish entities and places through the same components as English, with Spanish
resources: the model's labels renamed, institutions typed ORG, non-names dropped, and
country names in Spanish resolved. Sentences written for these tests."""

from __future__ import annotations

import pytest
from spacy.language import Language

from dossier.analyze.entities import doc_entities
from dossier.analyze.languages import resource
from dossier.analyze.nlp import load_model
from dossier.analyze.places import place_mentions, resolve_mentions


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_model(resource("es", "language")["model"])


def _types(nlp: Language, text: str) -> dict[str, str]:
    return {e.name: e.type for e in doc_entities(nlp(text))}


def test_institutions_named_by_a_common_noun_are_organisations(nlp: Language) -> None:
    types = _types(
        nlp,
        "La Policía Nacional y el Ministerio de Salud Pública abrieron una oficina en Loja. "
        "La Fiscalía General pidió más tiempo.",
    )
    assert types.get("Policía Nacional") == "ORG", "the article is cut before an institution"
    assert types.get("Ministerio de Salud Pública") == "ORG", types


def test_function_words_and_role_phrases_are_not_names(nlp: Language) -> None:
    names = _types(
        nlp,
        "Según la alcaldía, el puente de Zaruma estará listo en junio. Según el "
        "gobernador, informó el ministro del Interior, las obras siguen.",
    )
    assert "Según" not in names
    assert not any(name[:1].islower() for name in names), names


def test_spanish_country_names_resolve(nlp: Language) -> None:
    text = "El canciller viajó a Estados Unidos y luego a Alemania para hablar del comercio."
    doc = nlp(text)
    places = resolve_mentions(text, place_mentions(text, doc_entities(doc)), None)
    found = {p.text: p.country_code for p in places if p.resolved}
    assert found.get("Estados Unidos") == "US" and found.get("Alemania") == "DE", found


def test_place_names_keep_their_article(nlp: Language) -> None:
    names = _types(nlp, "Las lluvias afectaron a El Oro y a Los Ríos durante el fin de semana.")
    assert "El Oro" in names and "Los Ríos" in names, names


def test_provinces_cantons_and_natural_regions_resolve(nlp: Language) -> None:
    text = (
        "Los operativos llegaron a la provincia del Guayas y al cantón Durán, y las lluvias "
        "siguen en la Costa."
    )
    doc = nlp(text)
    places = resolve_mentions(text, place_mentions(text, doc_entities(doc)), None)
    found = {p.text: (p.feature, p.country_code, p.resolved) for p in places}
    assert found.get("Guayas") == ("admin", "EC", True), found
    assert found.get("Durán") == ("city", "EC", True), found
    assert found.get("Costa") == ("region", "EC", True), found


def test_a_name_after_a_title_is_a_person(nlp: Language) -> None:
    # The model runs one MISC span over article, title and name here, or misses the name.
    types = _types(
        nlp,
        "Durante la rueda de prensa, el coronel Ignacio Valdivieso, jefe del distrito, "
        "explicó el plan. Más tarde habló el sargento Tomás Yépez.",
    )
    assert types.get("Ignacio Valdivieso") == "PERSON", types
    assert types.get("Tomás Yépez") == "PERSON", types


def test_a_span_with_a_finite_verb_is_no_name(nlp: Language) -> None:
    names = _types(nlp, "Afirmó que la obra seguirá. Vecinos de Tarqui denuncian más robos.")
    assert "Afirmó" not in names
    assert not any(n.endswith("denuncian") for n in names), names
