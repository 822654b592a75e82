"""Issue 8, entities and places: what the article itself says a name is.

Every sentence here is written for these tests.
"""

from __future__ import annotations

import pytest
from spacy.language import Language
from spacy.tokens import Doc, Span

from dossier.analyze.entities import doc_entities, entity_id, group_mentions, mentions_of
from dossier.analyze.groups import regroup
from dossier.analyze.nlp import load_model
from dossier.analyze.places import place_index, place_mentions, resolve_mentions
from dossier.config import DEFAULT_MODEL
from dossier.models import Entity, Mention


def _entities(text: str, *named: tuple[str, str]) -> tuple[Entity, ...]:
    """One entity per (name, label), with a mention at each whole-word occurrence."""
    found = []
    for name, label in named:
        starts = [
            i
            for i in range(len(text))
            if text.startswith(name, i)
            and not text[i - 1 : i].isalpha()
            and not text[i + len(name) : i + len(name) + 1].isalpha()
        ]
        mentions = tuple(Mention(i, i + len(name), name, label) for i in starts)
        found.append(Entity(entity_id(name, label), name, label, mentions))
    return tuple(found)


def _places(text: str, *named: tuple[str, str]) -> list[str]:
    return [m.text for m in place_mentions(text, _entities(text, *named))]


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_model(DEFAULT_MODEL)


def _doc_with(nlp: Language, text: str, *spans: tuple[str, str]) -> Doc:
    """A tokenised doc whose only entities are the given (surface, label) spans."""
    doc = nlp.make_doc(text)
    ents = []
    for surface, label in spans:
        start = text.index(surface)
        span = doc.char_span(start, start + len(surface), label=label)
        assert span is not None, surface
        ents.append(span)
    doc.ents = [Span(doc, s.start, s.end, label=s.label_) for s in ents]
    return doc


# 1. Headings are not entities.


def test_a_heading_read_as_one_name_is_no_entity(nlp: Language) -> None:
    text = (
        "Dredgers reached the bay on Monday.\n\nHarbour Works Resume After Long Delay\n\n"
        "Workers poured a pier, officials said."
    )
    doc = _doc_with(nlp, text, ("Harbour Works Resume After Long Delay", "ORG"))
    assert mentions_of(doc) == []


def test_names_inside_a_heading_and_names_of_prose_are_kept(nlp: Language) -> None:
    text = "Mayor Meets Governor\n\nThe Harbour Workers Union met on Monday."
    doc = _doc_with(nlp, text, ("Harbour Workers Union", "ORG"))
    assert [m.text for m in mentions_of(doc)] == ["Harbour Workers Union"]
    # A whole line that ends in a full stop is a sentence, not a heading.
    text = "Harbour Workers Union Backs The Strike."
    doc = _doc_with(nlp, text, ("Harbour Workers Union Backs The Strike", "ORG"))
    assert len(mentions_of(doc)) == 1


# 2. A gang or cartel is one ORG across its mentions, and never a place.


def test_a_gang_is_one_org_whatever_the_model_called_each_mention() -> None:
    text = (
        "Los Tigres, the port's oldest gang, runs the docks. "
        "Police said a Tigres boss fled, and Los Tigres denied it."
    )
    mentions = [
        Mention(0, 10, "Los Tigres", "ORG"),
        Mention(text.index("Tigres boss"), text.index("Tigres boss") + 6, "Tigres", "PERSON"),
        Mention(text.rindex("Los Tigres"), text.rindex("Los Tigres") + 10, "Los Tigres", "PERSON"),
    ]
    entities = regroup(text, group_mentions(mentions), place_index(), entity_id)
    assert [(e.name, e.type, len(e.mentions)) for e in entities] == [("Los Tigres", "ORG", 3)]
    assert {m.label for m in entities[0].mentions} == {"ORG"}


def test_a_gang_named_once_as_a_gang_is_no_place_anywhere() -> None:
    text = (
        "Los Lobos, the country's largest gang, extorts miners near Machala. "
        "Los Lobos also moves fuel."
    )
    entities = _entities(text, ("Los Lobos", "GPE"), ("Machala", "GPE"))
    regrouped = regroup(text, entities, place_index(), entity_id)
    assert {e.name: e.type for e in regrouped} == {"Los Lobos": "ORG", "Machala": "GPE"}
    assert [m.text for m in place_mentions(text, regrouped)] == ["Machala"]
    assert _places(text, ("Los Lobos", "GPE"), ("Machala", "GPE")) == ["Machala"]


def test_a_state_named_by_a_cartel_stays_a_place_in_its_other_mentions() -> None:
    text = "The Sinaloa cartel grew in Sinaloa before it moved north."
    regrouped = regroup(text, _entities(text, ("Sinaloa", "GPE")), place_index(), entity_id)
    assert sorted((e.type, len(e.mentions)) for e in regrouped) == [("GPE", 1), ("ORG", 1)]
    assert [(m.text, m.start) for m in place_mentions(text, regrouped)] == [
        ("Sinaloa", text.index("in Sinaloa") + 3)
    ]


# 6. Only group nouns for armed groups mark a gang: members of a town are its people.


def test_members_of_a_town_leave_the_town_a_place() -> None:
    text = (
        "Members of Brownsburg met to save the library. The mayor of Brownsburg said "
        "Brownsburg would appeal."
    )
    assert _places(text, ("Brownsburg", "GPE")) == ["Brownsburg"] * 3


def test_a_local_body_named_after_its_town_keeps_the_town() -> None:
    text = "She chairs the Leeds group of the choir and sings in Leeds."
    assert _places(text, ("Leeds", "GPE")) == ["Leeds", "Leeds"]


# 3. A word inside an organisation's name is not a place.


@pytest.mark.parametrize(
    "name",
    [
        "Confederation of Indigenous Nationalities of Ecuador",
        "King's College London",
        "Bank of Canada",
    ],
)
def test_a_word_inside_an_organisations_name_is_no_place(name: str) -> None:
    text = f"A spokesman for the {name} declined to comment."
    assert _places(text, (name, "ORG")) == []


def test_a_division_opening_an_organisations_name_is_its_place() -> None:
    text = "The Marion County Sheriff's Office opened an inquiry."
    assert _places(text, ("Marion County Sheriff's Office", "ORG")) == ["Marion County"]


# 4. Nationality adjectives, people's names and common words are not places.


def test_a_demonym_modifying_a_noun_is_no_place_but_a_people_is() -> None:
    text = "Syrian state television said Iraqi officials met Israelis and Lebanese."
    found = _places(
        text,
        ("Syrian", "NORP"),
        ("Iraqi", "NORP"),
        ("Israelis", "NORP"),
        ("Lebanese", "NORP"),
    )
    assert found == ["Israelis", "Lebanese"]


def test_a_persons_name_is_no_place() -> None:
    text = "Ana Loffredo spoke in Quito. Loffredo said the vote was close."
    entities = (
        *_entities(text, ("Ana Loffredo", "PERSON"), ("Quito", "GPE")),
        Entity(
            "e2",
            "Loffredo",
            "GPE",
            (
                Mention(
                    text.index("Loffredo said"), text.index("Loffredo said") + 8, "Loffredo", "GPE"
                ),
            ),
        ),
    )
    assert [m.text for m in place_mentions(text, entities)] == ["Quito"]
    # One mention tagged as a place inside an entity read as a person.
    text = "Loffredo spoke. Later Loffredo left."
    mentions = (
        Mention(0, 8, "Loffredo", "PERSON"),
        Mention(22, 30, "Loffredo", "GPE"),
        Mention(text.index("Later"), text.index("Later") + 5, "Later", "PERSON"),
    )
    entities = group_mentions(list(mentions))
    assert place_mentions(text, entities) == []


def test_a_title_before_a_town_name_makes_it_a_person() -> None:
    text = "Mayor Lancaster visited the plant in Lancaster."
    assert _places(text, ("Lancaster", "GPE")) == ["Lancaster"]


@pytest.mark.parametrize(
    "text",
    [
        "Inspectors found traces of VX near the base.",
        "Bananas from the coast reached the port, and bananas fell in price.",
    ],
)
def test_a_code_or_a_common_word_is_no_place(text: str) -> None:
    word = text.split()[0] if text.startswith("Bananas") else "VX"
    assert _places(text, (word, "GPE")) == []


def test_known_codes_and_unknown_longer_names_stay() -> None:
    text = "Troops from the UK and the US reached the Zorblax Valley."
    assert _places(text, ("UK", "GPE"), ("US", "GPE"), ("Zorblax Valley", "LOC")) == [
        "UK",
        "US",
        "Zorblax Valley",
    ]


# 5. The article's focus country, and a division named with its word.


def test_a_weak_foreign_match_yields_to_the_articles_focus_country() -> None:
    text = (
        "Hikers were lost in Cajas for two days, Ecuador's army said, until they reached "
        "Cuenca and Azogues."
    )
    entities = _entities(
        text, ("Cajas", "GPE"), ("Ecuador", "GPE"), ("Cuenca", "GPE"), ("Azogues", "GPE")
    )
    places = {p.text: p for p in resolve_mentions(text, place_mentions(text, entities))}
    # No Cajas of Ecuador is in the gazetteer, so the name stays unresolved, never Peru's.
    assert not places["Cajas"].resolved and places["Cajas"].country_code is None
    assert places["Cuenca"].country_code == "EC"


def test_a_name_followed_by_its_division_word_is_the_division() -> None:
    text = "Protests spread to Santa Elena province on Monday."
    mentions = place_mentions(text, _entities(text, ("Santa Elena", "GPE")))
    (place,) = resolve_mentions(text, mentions)
    assert place.text == "Santa Elena province" == text[place.start : place.end]
    assert (place.country_code, place.feature) == ("EC", "admin")


def test_a_canton_named_with_its_division_word_is_the_canton() -> None:
    # Ecuador's second-level divisions are cantons; the gazetteer may name them
    # "Cantón X", and the English prose writes "X canton".
    text = "Soldiers patrolled Durán canton overnight."
    mentions = place_mentions(text, _entities(text, ("Durán", "GPE")))
    (place,) = resolve_mentions(text, mentions)
    assert place.text == "Durán canton"
    assert place.resolved and place.country_code == "EC"


# The pipeline end to end on one short article.


def test_the_pipeline_keeps_gangs_and_adjectives_out_of_places(nlp: Language) -> None:
    text = (
        "Los Lobos, the country's largest gang, extorts miners near Machala, Ecuadorian "
        "police said. Los Lobos also moves fuel through Guayaquil."
    )
    doc = nlp(text)
    entities = doc_entities(doc)
    places = [m.text for m in place_mentions(doc.text, entities)]
    assert "Los Lobos" not in places and "Ecuadorian" not in places
    assert "Machala" in places and "Guayaquil" in places


def test_a_name_alone_on_its_line_is_no_heading(nlp: Language) -> None:
    text = "Maria Elena Loffredo\n\nThe vote was close, she said."
    doc = _doc_with(nlp, text, ("Maria Elena Loffredo", "PERSON"))
    assert [m.text for m in mentions_of(doc)] == ["Maria Elena Loffredo"]


def test_a_criminal_group_named_so_is_a_group_but_a_bare_group_is_not() -> None:
    text = "The Los Pumas criminal group runs the port. Los Pumas denied it."
    regrouped = regroup(text, _entities(text, ("Los Pumas", "PERSON")), place_index(), entity_id)
    assert [(e.type, len(e.mentions)) for e in regrouped] == [("ORG", 2)]


@pytest.mark.parametrize(
    "text",
    [
        "Miners paid groups linked to Los Pumas near Machala.",
        "Raids hit Los Tigres and Los Pumas, two of the groups fighting near Machala.",
    ],
)
def test_a_bare_group_noun_before_a_name_or_in_an_apposition_marks_a_gang(text: str) -> None:
    entities = _entities(text, ("Los Pumas", "GPE"), ("Machala", "GPE"))
    regrouped = regroup(text, entities, place_index(), entity_id)
    assert {e.name: e.type for e in regrouped}["Los Pumas"] == "ORG"
    assert [m.text for m in place_mentions(text, regrouped)] == ["Machala"]


def test_a_small_foreign_namesake_yields_to_the_articles_focus_country() -> None:
    text = (
        "Los Lobos grew out of a prison network in Guayaquil and now operates around "
        "Machala, in Ecuador's south."
    )
    entities = _entities(
        text, ("Los Lobos", "GPE"), ("Guayaquil", "GPE"), ("Machala", "GPE"), ("Ecuador", "GPE")
    )
    places = {p.text: p for p in resolve_mentions(text, place_mentions(text, entities))}
    assert not places["Los Lobos"].resolved  # no hamlet in Mexico
    assert places["Machala"].country_code == "EC"
    # Without a focus country the namesake stands.
    alone = "The road to Los Lobos was closed."
    (place,) = resolve_mentions(
        alone, place_mentions(alone, _entities(alone, ("Los Lobos", "GPE")))
    )
    assert place.resolved


def test_a_designation_of_a_town_leaves_the_town_a_place() -> None:
    # "designation of" names towns, sites and groups alike, so it marks no gang.
    text = "The council backed the designation of Ashbury as a heritage town."
    regrouped = regroup(text, _entities(text, ("Ashbury", "GPE")), place_index(), entity_id)
    assert [(e.name, e.type) for e in regrouped] == [("Ashbury", "GPE")]
