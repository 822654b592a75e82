"""Geoparsing: toponyms resolved to GeoNames places with the article's context."""

from __future__ import annotations

import math

import pytest
from spacy.language import Language

from dossier.analyze.entities import doc_entities
from dossier.analyze.homes import Home, regions_named
from dossier.analyze.nlp import load_model
from dossier.analyze.places import (
    outlet_country,
    place_index,
    place_mentions,
    resolve_mentions,
    resolve_places,
)
from dossier.config import DEFAULT_MODEL
from dossier.models import PLACE_FEATURES, Entity, Mention, Place

ECUADOR = (
    "GUAYAQUIL, Ecuador — Police in Guayaquil said on Tuesday that a gang had moved cocaine "
    "from warehouses in Durán and the port of Manta, in Guayas and Manabí provinces, to buyers "
    "in Florida. Investigators said the drugs came from Colombia and Peru and that part of the "
    "shipment was bound for Mexico."
)
# (country, latitude, longitude, tolerance in km). Towns are checked to 50 km. A division or
# a country is a point near its middle, so the tolerance is a share of its size.
EXPECTED = {
    "Guayaquil": ("EC", -2.19, -79.89, 50),
    "Durán": ("EC", -2.17, -79.84, 50),
    "Manta": ("EC", -0.95, -80.72, 50),
    "Guayas": ("EC", -1.95, -80.0, 100),
    "Florida": ("US", 28.75, -82.5, 250),
    "Peru": ("PE", -10.0, -75.25, 300),
    "Colombia": ("CO", 4.0, -73.25, 300),
    "Mexico": ("MX", 23.0, -102.0, 300),
}


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    h = (
        math.sin((p2 - p1) / 2) ** 2
        + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    )
    return 2 * 6371.0 * math.asin(math.sqrt(h))


def _mentions(text: str, *surfaces: str, label: str = "GPE") -> list[Mention]:
    result, position = [], 0
    for surface in surfaces:
        start = text.index(surface, position)
        result.append(Mention(start, start + len(surface), surface, label))
        position = start + len(surface)
    return result


def _by_text(places: tuple[Place, ...]) -> dict[str, Place]:
    return {p.text: p for p in places}


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_model(DEFAULT_MODEL)


def _parse(nlp: Language, text: str, outlet: str | None = None) -> tuple[Place, ...]:
    doc = nlp(text)
    return resolve_places(doc, doc_entities(doc), outlet)


def test_an_ecuador_story_resolves_its_places_with_their_context(nlp: Language) -> None:
    places = _by_text(_parse(nlp, ECUADOR))
    for text, (country, lat, lon, tolerance) in EXPECTED.items():
        place = places[text]
        assert place.resolved, text
        assert place.country_code == country, (text, place)
        assert place.latitude is not None and place.longitude is not None
        assert _km(lat, lon, place.latitude, place.longitude) <= tolerance, (text, place)
    assert places["Durán"].name == "Eloy Alfaro"  # GeoNames files Durán under its parish
    assert places["Durán"].feature == "city"
    assert places["Guayas"].feature == "admin"
    assert places["Peru"].feature == "country"
    assert places["Manta"].admin1 == "Manabí"


def test_every_place_keeps_its_exact_span(nlp: Language) -> None:
    text = ECUADOR + " Rescuers reached the Zorblax Valley and Springfield, Illinois."
    doc = nlp(text)
    entities = doc_entities(doc)
    places = resolve_places(doc, entities)
    toponyms = {(m.start, m.end) for e in entities for m in e.mentions if m.label == "GPE"}
    assert toponyms <= {(p.start, p.end) for p in places}  # none dropped
    assert not any(p.resolved for p in places if p.text == "Zorblax Valley")
    for place in places:
        assert text[place.start : place.end] == place.text
        assert place.feature is None or place.feature in PLACE_FEATURES
        assert 0.0 <= place.confidence <= 1.0


def test_an_unknown_toponym_is_kept_unresolved() -> None:
    text = "Rescuers reached the Zorblax Valley on Friday."
    (place,) = resolve_mentions(text, _mentions(text, "Zorblax Valley", label="LOC"))
    assert place.text == place.name == "Zorblax Valley"
    assert not place.resolved
    assert place.latitude is None and place.geonames_id is None
    assert place.feature == "region"
    assert place.confidence == 0.0


def test_a_state_named_beside_a_town_picks_the_town_in_that_state() -> None:
    text = "Lawmakers returned to Springfield, where the Illinois budget is still stuck."
    places = _by_text(resolve_mentions(text, _mentions(text, "Springfield", "Illinois")))
    assert (places["Springfield"].country_code, places["Springfield"].admin1) == (
        "US",
        "Illinois",
    )
    assert places["Illinois"].feature == "admin"


@pytest.mark.parametrize(
    ("text", "surfaces", "admin1"),
    [
        ("She was born in Paris, Texas, in 1950.", ("Paris", "Texas"), "Texas"),
        ("He moved to Springfield, IL last year.", ("Springfield",), "Illinois"),
        ("The plant is in Alexandria, Va., near the river.", ("Alexandria", "Va."), "Virginia"),
    ],
)
def test_city_state_patterns_decide(text: str, surfaces: tuple[str, ...], admin1: str) -> None:
    head = resolve_mentions(text, _mentions(text, *surfaces))[0]
    assert (head.country_code, head.admin1, head.feature) == ("US", admin1, "city")


def test_without_context_the_largest_place_wins_and_with_context_the_nearby_one() -> None:
    alone = resolve_mentions("Paris was cold.", _mentions("Paris was cold.", "Paris"))[0]
    assert alone.country_code == "FR"
    text = "Paris and Reno Hill both lie in Lamar County."
    near = resolve_mentions(text, _mentions(text, "Paris", "Lamar County"))[0]
    assert (near.country_code, near.admin1) == ("US", "Texas")


def test_a_bare_country_or_state_name_means_the_country_or_state() -> None:
    text = "Exports to Peru and Georgia rose."
    places = _by_text(resolve_mentions(text, _mentions(text, "Peru", "Georgia")))
    assert places["Peru"].feature == "country"
    assert places["Georgia"].feature in {"country", "admin"}
    text = "Atlanta is the capital of Georgia."
    places = _by_text(resolve_mentions(text, _mentions(text, "Atlanta", "Georgia")))
    assert (places["Georgia"].country_code, places["Georgia"].feature) == ("US", "admin")


def test_news_forms_of_countries() -> None:
    text = "The U.S. and Britain signed; America and the UK agreed."
    places = resolve_mentions(text, _mentions(text, "U.S.", "Britain", "America", "UK"))
    assert [p.country_code for p in places] == ["US", "GB", "US", "GB"]
    assert all(p.feature == "country" for p in places)


def test_a_country_code_domain_favours_its_country() -> None:
    assert outlet_country("elcomercio.com.ec") == "EC"
    assert outlet_country("https://www.bbc.co.uk/news") == "GB"
    assert outlet_country("example.com") is None
    assert outlet_country("news.tv") is None
    assert outlet_country(None) is None
    text = "The fire started in Santa Rosa."
    mentions = _mentions(text, "Santa Rosa")
    assert resolve_mentions(text, mentions)[0].country_code == "PH"  # the largest
    assert resolve_mentions(text, mentions, outlet="eluniverso.com.ec")[0].country_code == "EC"
    assert resolve_mentions(text, mentions, outlet="clarin.com.ar")[0].country_code == "AR"


def test_the_index_is_built_once() -> None:
    assert place_index() is place_index()
    assert len(place_index()) > 100_000


def test_the_united_states_sits_where_geonames_puts_it() -> None:
    text = "Officials in the U.S. said so."
    (place,) = resolve_mentions(text, _mentions(text, "U.S."))
    assert place.geonames_id == 6252001
    assert place.latitude is not None and place.longitude is not None
    assert _km(39.76, -98.5, place.latitude, place.longitude) < 1


def test_a_demonym_means_its_country_not_a_namesake_division() -> None:
    text = "Chinese and Canadian officials met Americans."
    places = resolve_mentions(text, _mentions(text, "Chinese", "Canadian", "Americans"))
    assert [(p.country_code, p.feature) for p in places] == [
        ("CN", "country"),
        ("CA", "country"),
        ("US", "country"),
    ]


def test_a_state_abbreviation_keeps_the_period_the_tokenizer_took() -> None:
    text = "The mill closed in Richmond, Ind. Workers left."
    place = place_mentions(text, (Entity("E1", "Ind", "GPE", (_mentions(text, "Ind")[0],)),))
    assert [(m.text, text[m.start : m.end]) for m in place] == [("Ind.", "Ind.")]
    resolved = resolve_mentions(text, place)[0]
    assert (resolved.country_code, resolved.admin1, resolved.feature) == (
        "US",
        "Indiana",
        "admin",
    )


@pytest.mark.parametrize(
    ("surface", "label", "name"),
    [
        ("North Idaho", "LOC", "Idaho"),
        ("Port of Oakland", "FAC", "Oakland"),
        ("Fulton County Jail", "FAC", "Fulton County"),
        ("Tucson Airport", "FAC", "Tucson"),
    ],
)
def test_a_quarter_or_facility_takes_the_place_it_is_named_after(
    surface: str, label: str, name: str
) -> None:
    text = f"Crews worked near {surface} all night."
    (place,) = resolve_mentions(text, _mentions(text, surface, label=label))
    assert place.resolved and place.name == name
    assert place.text == surface == text[place.start : place.end]


@pytest.mark.parametrize("surface", ["Yadkin River", "Lake Murray", "Siege of Lakeland"])
def test_a_river_lake_or_an_x_of_y_is_not_placed_at_its_namesake(surface: str) -> None:
    text = f"They wrote about {surface} again."
    (place,) = resolve_mentions(text, _mentions(text, surface, label="LOC"))
    assert not place.resolved


def test_an_outlet_home_decides_a_town_the_text_leaves_open() -> None:
    text = "The council met in Paris on Monday."
    mentions = _mentions(text, "Paris")
    assert resolve_mentions(text, mentions)[0].country_code == "FR"
    texas = Home.learn(4, {("US", None): 4, ("US", "Texas"): 3})
    near = resolve_mentions(text, mentions, home=texas)[0]
    assert (near.country_code, near.admin1) == ("US", "Texas")
    # A home is a weight, not a rule: the text's own context still wins.
    text = "Paris and Lyon both voted, France said."
    france = resolve_mentions(text, _mentions(text, "Paris", "Lyon", "France"), home=texas)
    assert [p.country_code for p in france] == ["FR", "FR", "FR"]


def test_a_home_is_learned_from_other_articles_and_shrunk_for_small_outlets() -> None:
    assert Home.learn(0, {}) is None
    assert Home.learn(3, {}) is None
    home = Home.learn(3, {("US", None): 3, ("US", "Ohio"): 2})
    assert home is not None
    assert home.country("US") == pytest.approx(3 / 4)
    assert home.division("US", "Ohio") == pytest.approx(2 / 4)
    assert home.division("US", None) == 0.0
    assert home.country("FR") == home.country(None) == 0.0


def test_an_article_votes_for_the_regions_it_names_confidently() -> None:
    def place(cc: str, admin1: str | None, feature: str, confidence: float) -> Place:
        return Place(0, 1, "x", "x", True, 1, 0.0, 0.0, cc, admin1, feature, confidence)

    votes = regions_named(
        [
            place("US", "Ohio", "city", 0.95),
            place("US", "Ohio", "city", 0.9),
            place("FR", None, "country", 0.99),
            place("GB", "England", "city", 0.5),  # unsure: no vote
            Place(0, 1, "Zorblax", "Zorblax", False),
        ]
    )
    assert votes == (("FR", None), ("US", None), ("US", "Ohio"))


@pytest.mark.parametrize(
    ("text", "surfaces", "admin1"),
    [
        ("Talks in Washington stalled again.", ("Washington",), "District of Columbia"),
        ("He lives in Spokane, Washington, now.", ("Spokane", "Washington"), "Washington"),
        ("Tacoma and Washington voters agreed.", ("Tacoma", "Washington"), "Washington"),
        ("Rain fell across Washington state.", ("Washington state",), "Washington"),
    ],
)
def test_a_bare_washington_is_the_capital_unless_the_state_is_meant(
    text: str, surfaces: tuple[str, ...], admin1: str
) -> None:
    place = resolve_mentions(text, _mentions(text, *surfaces))[-1]
    assert (place.country_code, place.admin1) == ("US", admin1)


@pytest.mark.parametrize(
    ("text", "surface", "label"),
    [
        ("Boats cross the Pacific with cocaine.", "Pacific", "LOC"),
        ("Ships crossed the western Atlantic.", "western Atlantic", "LOC"),
        ("Talks in the Middle East resumed.", "Middle East", "LOC"),
        ("The White House did not comment.", "White House", "GPE"),
        ("Aid reached Western Asia by sea.", "Western Asia", "LOC"),
    ],
)
def test_a_world_region_or_a_building_is_not_a_namesake_town(
    text: str, surface: str, label: str
) -> None:
    (place,) = resolve_mentions(text, _mentions(text, surface, label=label))
    assert not place.resolved


def test_a_bare_capital_name_is_not_a_county_of_its_country() -> None:
    text = "Noboa flew to Miami, Florida, then to Washington."
    place = resolve_mentions(text, _mentions(text, "Miami", "Florida", "Washington"))[-1]
    assert (place.name, place.admin1, place.feature) == (
        "Washington",
        "District of Columbia",
        "city",
    )


def _entities(text: str, label: str, *names: str) -> tuple[Entity, ...]:
    """One entity per name, with a mention at each occurrence of the name."""
    found = []
    for name in names:
        starts = [i for i in range(len(text)) if text.startswith(name, i)]
        found.append(
            Entity(name, name, label, tuple(Mention(i, i + len(name), name, label) for i in starts))
        )
    return tuple(found)


@pytest.mark.parametrize(
    "text",
    [
        "Police raided a Los Lobos gang hideout in Guayaquil. Los Lobos denied it.",
        "Noboa asked Washington to list gangs such as Los Choneros and Los Lobos. "
        "Los Lobos runs extortion in Guayaquil.",
        "Ecuador's two largest gangs, Los Choneros and Los Lobos, fight in Guayaquil.",
        "A cell of Los Lobos was dismantled in Guayaquil.",
    ],
)
def test_a_gang_named_like_a_town_is_no_place(text: str) -> None:
    entities = _entities(text, "GPE", "Los Lobos", "Guayaquil")
    assert [m.text for m in place_mentions(text, entities)] == ["Guayaquil"]


def test_a_state_keeps_its_name_beside_the_cartel_named_after_it() -> None:
    text = "The Sinaloa cartel grew in Sinaloa, and armed groups, Mexico said, moved south."
    found = place_mentions(text, _entities(text, "GPE", "Sinaloa", "Mexico"))
    assert [(m.text, m.start) for m in found] == [
        ("Sinaloa", text.index("in Sinaloa") + 3),
        ("Mexico", text.index("Mexico")),
    ]


@pytest.mark.parametrize(
    ("text", "surface", "feature"),
    [
        ("Talks in Buenos Aires stalled.", "Buenos Aires", "city"),
        ("Floods hit Buenos Aires province.", "Buenos Aires province", "admin"),
    ],
)
def test_any_capitals_namesake_division_ranks_below_the_capital(
    text: str, surface: str, feature: str
) -> None:
    (place,) = resolve_mentions(text, _mentions(text, surface))
    assert (place.country_code, place.feature) == ("AR", feature)
