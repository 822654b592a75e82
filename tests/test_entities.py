"""Canonical entities within an article, and the gazetteer's type fixes."""

from __future__ import annotations

import pytest
from spacy.language import Language

from dossier.analyze.entities import clean_span, group_mentions
from dossier.analyze.gazetteer import gazetteer
from dossier.analyze.nlp import load_model
from dossier.config import DEFAULT_MODEL
from dossier.models import Mention


def _mentions(text: str, spans: list[tuple[str, str]]) -> list[Mention]:
    result, position = [], 0
    for surface, label in spans:
        start = text.index(surface, position)
        result.append(Mention(start, start + len(surface), surface, label))
        position = start + len(surface)
    return result


def test_short_forms_join_the_longest_name_and_its_type() -> None:
    text = "Daniel Noboa met Donald Trump. Noboa thanked Trump. Trump smiled."
    entities = group_mentions(
        _mentions(
            text,
            [
                ("Daniel Noboa", "PERSON"),
                ("Donald Trump", "PERSON"),
                ("Noboa", "PERSON"),
                ("Trump", "ORG"),
                ("Trump", "PERSON"),
            ],
        )
    )
    summary = {e.name: (e.type, len(e.mentions)) for e in entities}
    assert summary == {"Daniel Noboa": ("PERSON", 2), "Donald Trump": ("PERSON", 3)}


def test_ambiguous_short_form_stays_apart_and_types_do_not_mix() -> None:
    text = "Donald Trump and Melania Trump arrived. Trump spoke. Ecuador and Ecuador Navy."
    entities = group_mentions(
        _mentions(
            text,
            [
                ("Donald Trump", "PERSON"),
                ("Melania Trump", "PERSON"),
                ("Trump", "PERSON"),
                ("Ecuador", "GPE"),
                ("Ecuador Navy", "ORG"),
            ],
        )
    )
    assert sorted(e.name for e in entities) == [
        "Donald Trump",
        "Ecuador",
        "Ecuador Navy",
        "Melania Trump",
        "Trump",
    ]


def test_a_generational_suffix_names_another_person() -> None:
    text = "Carlos Vega Jr. ran the campaign. His father, Carlos Vega, stayed home. Vega Jr. won."
    entities = group_mentions(
        _mentions(
            text,
            [
                ("Carlos Vega Jr.", "PERSON"),
                ("Carlos Vega", "PERSON"),
                ("Vega Jr.", "PERSON"),
            ],
        )
    )
    names = {e.name: [m.text for m in e.mentions] for e in entities}
    assert names == {
        "Carlos Vega Jr.": ["Carlos Vega Jr.", "Vega Jr."],
        "Carlos Vega": ["Carlos Vega"],
    }


def test_clean_span_drops_article_and_possessive() -> None:
    text = "the U.S. Southern Command and Ecuador’s Defense Ministry"
    assert text[slice(*clean_span(text, 0, 25))] == "U.S. Southern Command"
    start = text.index("Ecuador")
    assert text[slice(*clean_span(text, start, start + 9))] == "Ecuador"


def test_gazetteer_knows_alternate_names_and_subdivisions() -> None:
    places = gazetteer()
    duran = places.lookup("Durán")
    assert duran is not None and duran.name == "Eloy Alfaro" and duran.country == "EC"
    assert places.lookup("Duran") == duran
    guayas = places.lookup("Guayas")
    assert guayas is not None and guayas.feature == "admin"
    assert places.lookup("DEA") is None
    assert places.lookup("Noboa") is None


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_model(DEFAULT_MODEL)


def test_place_types_fix_misread_places_but_keep_people(nlp: Language) -> None:
    doc = nlp(
        "In cities like Guayaquil and Durán, police raided homes. "
        "Michael Jordan visited. Jordan smiled, and Mr. Paris waved."
    )
    labels = {ent.text: ent.label_ for ent in doc.ents}
    assert labels.get("Guayaquil") == "GPE"
    assert labels.get("Durán") == "GPE"
    assert labels.get("Jordan") != "GPE"
    assert labels.get("Paris") != "GPE"


def test_acronym_defined_in_text_joins_its_long_form_once() -> None:
    from dossier.analyze.entities import entity_id, merge_acronyms
    from dossier.models import Entity

    text = "The Department for International Development (DfID) paid. Later DfID left."
    long_end = text.index(" (")
    first = text.index("DfID")
    second = text.rindex("DfID")
    entities = (
        Entity(
            entity_id("Department for International Development", "ORG"),
            "Department for International Development",
            "ORG",
            (Mention(4, long_end, text[4:long_end], "ORG"),),
        ),
        Entity(
            entity_id("DfID", "GPE"), "DfID", "GPE", (Mention(first, first + 4, "DfID", "GPE"),)
        ),
        Entity(
            entity_id("DfID", "ORG"), "DfID", "ORG", (Mention(second, second + 4, "DfID", "ORG"),)
        ),
    )
    [merged] = merge_acronyms(text, entities)
    assert merged.name == "Department for International Development"
    starts = [m.start for m in merged.mentions]
    assert starts == sorted(set(starts)) == [4, first, second]
