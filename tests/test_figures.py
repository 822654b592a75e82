"""Figures: numbers with their units, qualifiers and what they measure."""

from __future__ import annotations

from itertools import pairwise

import pytest
from spacy.language import Language

from dossier.analyze.figures import find_figures
from dossier.analyze.nlp import load_model
from dossier.config import DEFAULT_MODEL
from dossier.models import Figure


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_model(DEFAULT_MODEL)


def figures(nlp: Language, text: str) -> tuple[Figure, ...]:
    found = find_figures(nlp(text))
    for figure in found:
        assert text[figure.start : figure.end] == figure.text
    assert list(found) == sorted(found, key=lambda f: (f.start, f.end))
    for left, right in pairwise(found):
        assert left.end <= right.start, (left, right)
    return found


def only(nlp: Language, text: str) -> Figure:
    found = figures(nlp, text)
    assert len(found) == 1, found
    return found[0]


def by_text(nlp: Language, text: str) -> dict[str, Figure]:
    return {f.text: f for f in figures(nlp, text)}


# --- lengths and areas --------------------------------------------------------


def test_hyphenated_length_measures_the_noun_it_modifies(nlp: Language) -> None:
    figure = only(nlp, "Engineers will build a 200-meter jetty beside the fish market.")
    assert (figure.text, figure.kind, figure.value, figure.unit) == (
        "200-meter",
        "length",
        200,
        "m",
    )
    assert figure.measure == "jetty"


def test_area_keeps_its_qualifier_and_what_grows(nlp: Language) -> None:
    figure = only(
        nlp, "The plan would enlarge the existing terminal by more than 500 square meters."
    )
    assert figure.text == "more than 500 square meters"
    assert (figure.kind, figure.value, figure.unit) == ("area", 500, "m2")
    assert (figure.qualifier, figure.measure) == ("more than", "terminal")


def test_hectares_and_lengths_with_copulas(nlp: Language) -> None:
    found = by_text(
        nlp,
        "Farmers cleared about 1,500 hectares of forest. "
        "The new runway will be 2.4 kilometers long.",
    )
    forest = found["about 1,500 hectares"]
    assert (forest.kind, forest.value, forest.unit, forest.qualifier) == (
        "area",
        1500,
        "ha",
        "about",
    )
    assert forest.measure == "forest"
    runway = found["2.4 kilometers"]
    assert (runway.kind, runway.value, runway.unit, runway.measure) == (
        "length",
        2.4,
        "km",
        "runway",
    )


# --- money and percentages ----------------------------------------------------


def test_money_multipliers(nlp: Language) -> None:
    found = by_text(
        nlp,
        "The ministry approved $7.2 million for new radios. "
        "Donors pledged roughly $1.5 billion, and a contractor was paid 3 million dollars. "
        "Drivers pay $4.5m a year.",
    )
    radios = found["$7.2 million"]
    assert (radios.kind, radios.value, radios.unit, radios.measure) == (
        "money", 7_200_000, "USD", "radios",
    )  # fmt: skip
    assert found["roughly $1.5 billion"].value == 1_500_000_000
    assert found["roughly $1.5 billion"].qualifier == "roughly"
    assert found["3 million dollars"].value == 3_000_000
    assert found["$4.5m"].value == 4_500_000


def test_money_range(nlp: Language) -> None:
    figure = only(nlp, "Vendors said they hand over between $10 and $25 a day.")
    assert figure.text == "between $10 and $25"
    assert (figure.kind, figure.value, figure.value_to, figure.unit) == ("money", 10, 25, "USD")


def test_percentages(nlp: Language) -> None:
    found = by_text(
        nlp,
        "Turnout reached 72 percent of registered voters, while nearly 40% of respondents "
        "backed the plan. The poll's margin of error was two percentage points.",
    )
    assert found["72 percent"].measure == "voters"
    assert (found["72 percent"].kind, found["72 percent"].value) == ("percent", 72)
    assert found["nearly 40%"].qualifier == "nearly"
    assert found["nearly 40%"].unit == "%"
    margin = found["two percentage points"]
    assert (margin.value, margin.unit, margin.measure) == (2, "percentage points", "margin")


# --- counts -------------------------------------------------------------------


def test_counts_of_people_carry_what_happened_to_them(nlp: Language) -> None:
    found = by_text(
        nlp,
        "At least 14 people were killed and 30 were wounded in the bombing. "
        "Police arrested 45 suspects in the capital.",
    )
    killed = found["At least 14 people"]
    assert (killed.kind, killed.value, killed.unit) == ("count", 14, "people")
    assert (killed.qualifier, killed.measure) == ("at least", "people killed")
    assert found["30"].measure == "people wounded"
    assert found["45 suspects"].measure == "suspects arrested"


def test_word_numbers(nlp: Language) -> None:
    found = by_text(
        nlp,
        "Nine inmates escaped through a tunnel. Seventy-five contractors arrived on Monday, "
        "and two dozen soldiers guarded the gate.",
    )
    assert (found["Nine inmates"].value, found["Nine inmates"].measure) == (9, "inmates")
    assert found["Seventy-five contractors"].value == 75
    assert found["Seventy-five contractors"].kind == "count"
    assert found["two dozen soldiers"].value == 24


def test_troops_with_qualifier_and_large_numbers(nlp: Language) -> None:
    found = by_text(
        nlp, "Some 3,000 troops were sent north. The town has about 2.5 million people."
    )
    troops = found["Some 3,000 troops"]
    assert (troops.kind, troops.value, troops.qualifier) == ("count", 3000, "some")
    assert troops.measure.startswith("troops")  # type: ignore[union-attr]
    assert found["about 2.5 million people"].value == 2_500_000


def test_other_counted_nouns_are_numbers(nlp: Language) -> None:
    found = by_text(nlp, "Investigators seized 12 rifles and 3 tonnes of fuel.")
    assert (found["12 rifles"].kind, found["12 rifles"].measure) == ("number", "rifles")
    fuel = found["3 tonnes"]
    assert (fuel.kind, fuel.value, fuel.unit, fuel.measure) == ("number", 3, "t", "fuel")


def test_sources_and_referential_numbers_are_not_counts(nlp: Language) -> None:
    assert figures(nlp, "Two officials said the plan had been delayed.") == ()
    assert figures(nlp, "The two ministers met again in the capital.") == ()


# --- rates and durations --------------------------------------------------------


def test_rate_per_population(nlp: Language) -> None:
    figure = only(nlp, "The murder rate climbed to 25.3 per 100,000 residents last year.")
    assert figure.text == "25.3 per 100,000"
    assert (figure.kind, figure.value, figure.unit) == ("rate", 25.3, "per 100,000")
    assert figure.measure == "murder rate"


def test_rate_with_counted_noun(nlp: Language) -> None:
    figure = only(nlp, "The valley recorded 12 homicides per 100,000 people.")
    assert (figure.kind, figure.value, figure.unit, figure.measure) == (
        "rate", 12, "per 100,000", "homicides",
    )  # fmt: skip


def test_superlative_rate_without_a_number(nlp: Language) -> None:
    figure = only(nlp, "The province now has the highest homicide rate in the country.")
    assert (figure.kind, figure.value, figure.qualifier) == ("rate", None, "highest")
    assert figure.measure == "homicide rate"


def test_durations(nlp: Language) -> None:
    found = by_text(
        nlp, "The standoff lasted eight months. The hearing went on for more than 9 hours."
    )
    standoff = found["eight months"]
    assert (standoff.kind, standoff.value, standoff.unit) == ("duration", 8, "months")
    assert standoff.measure == "standoff"
    assert found["more than 9 hours"].qualifier == "more than"


def test_relative_times_and_clock_times_are_not_figures(nlp: Language) -> None:
    assert figures(nlp, "The mine closed three years ago and the attack began at 3 a.m.") == ()


# --- years and dates ------------------------------------------------------------


def test_year_ranges(nlp: Language) -> None:
    found = by_text(
        nlp, "The treaty was in force from 1987 to 1994, and the 2001-2005 program ended early."
    )
    treaty = found["from 1987 to 1994"]
    assert (treaty.kind, treaty.value, treaty.value_to) == ("year_range", 1987, 1994)
    assert (found["2001-2005"].value, found["2001-2005"].value_to) == (2001, 2005)


def test_calendar_dates_are_not_figures(nlp: Language) -> None:
    text = (
        "The summit took place on March 4, 2025, and a follow-up is planned for June 2026. "
        "On Tuesday the council met. In 2019 the law changed under the 2008 charter."
    )
    assert figures(nlp, text) == ()


def test_ordinals_articles_and_identifiers_are_not_figures(nlp: Language) -> None:
    text = (
        "It was the third attempt and the 21st session. Article 12 of the constitution "
        "bans the MQ-9 drone; see https://example.org/report/2023/55 for details."
    )
    assert figures(nlp, text) == ()


def test_every_span_matches_the_text(nlp: Language) -> None:
    text = (
        "Roughly 1,100 police officers took part, according to a statement issued at 9 p.m. "
        "The \u201cfirst phase\u201d costs about $2 million \u2014 paid over four years \u2014 "
        "and adds nearly 300 meters of quay.\n\nOnly 5% of those detained were charged."
    )
    found = figures(nlp, text)
    assert {f.kind for f in found} >= {"count", "money", "duration", "length", "percent"}


def test_long_documents_scale_linearly(nlp: Language) -> None:
    sentence = "Guards detained 40 inmates and seized 3 tonnes of cocaine worth $9 million. "
    assert len(figures(nlp, sentence * 200)) == 600
