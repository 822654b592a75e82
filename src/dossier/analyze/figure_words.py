"""The words and patterns figures are read with, per language, from ``numbers.toml``:
number formats and words, units, currencies, qualifiers, and the nouns and verbs that say
what a number counts or measures. Month names come from the language's ``dates.toml``.

Every language's ``resources/languages/<code>/numbers.toml`` has the same keys; a language
without one has no number words and reads digits in the English format, so only its
digits with a unit in the canonical form ("%") are figures.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Any

from .datewords import CANONICAL, date_words
from .languages import resource

Phrase = tuple[str, ...]


def _phrases(words: list[str]) -> tuple[Phrase, ...]:
    return tuple(tuple(w.split()) for w in words)


@dataclass(frozen=True, slots=True)
class FigureWords:
    """One language's figure words (module docstring); every set is of lower-case words."""

    digits: re.Pattern[str]  # a number in digits, with this language's separators
    thousands: str
    decimal: str
    suffixed: re.Pattern[str]  # an amount with a money suffix glued on ("13.5m")
    ones: dict[str, int]
    scales: dict[str, float]
    money_suffix: dict[str, float]
    currency_before: dict[str, str]
    currency_after: dict[str, str]
    units: dict[str, tuple[str, str]]  # word -> (kind, unit)
    casualty: dict[str, str]
    casualty_feminine: dict[str, str]
    months: frozenset[str]
    articles: frozenset[str]
    dozen: frozenset[str]
    hundred: frozenset[str]
    tens_link: frozenset[str]
    currency_link: frozenset[str]
    month_link: frozenset[str]
    count_link: frozenset[str]
    partitive: frozenset[str]
    range_to: frozenset[str]
    range_and: frozenset[str]
    range_between: frozenset[str]
    range_from: frozenset[str]
    change_to: frozenset[str]
    percent: tuple[Phrase, ...]
    percentage_points: tuple[Phrase, ...]
    square_before: frozenset[str]
    square_after: frozenset[str]
    per: tuple[Phrase, ...]
    rates: frozenset[str]
    rate_name: str
    ranks: frozenset[str]
    relative: frozenset[str]
    relative_before: frozenset[str]
    duration_before: tuple[Phrase, ...]
    old: frozenset[str]
    bare_states: frozenset[str]
    intransitive_casualty: frozenset[str]
    passive_aux: frozenset[str]
    collective: frozenset[str]
    nominal_people: frozenset[str]
    population: frozenset[str]
    labels: frozenset[str]
    determiners: frozenset[str]
    fractions: frozenset[str]
    vague: frozenset[str]
    people: frozenset[str]
    events: frozenset[str]
    sources: frozenset[str]
    stop_nouns: frozenset[str]
    qualifiers: tuple[Phrase, ...]
    prepositions: frozenset[str]
    duration_prepositions: frozenset[str]
    intensifiers: frozenset[str]
    subject_verbs: frozenset[str]
    funding_verbs: frozenset[str]
    plural_morph: tuple[frozenset[str], ...]
    participle_morph: tuple[frozenset[str], ...]


# Language-independent: marks of a range or a label, not words.
DASHES = frozenset("- – —".split())
GLUE_BEFORE = frozenset("/ # @ = _ : . +".split())
GLUE_AFTER = frozenset("/ : @ _ =".split())

_PHRASE_KEYS = ("percent", "percentage_points", "per", "qualifiers", "duration_before")


def _months(language: str) -> frozenset[str]:
    """Month names and abbreviations, and each abbreviation with a dot ("aug.")."""
    months = date_words(language).months
    full: dict[int, str] = {}
    for name, number in months.items():
        full.setdefault(number, name)  # the first name of a month is its full name
    dotted = {f"{name}." for name in months if name not in full.values()}
    return frozenset(months) | frozenset(dotted)


def _digits(thousands: str, decimal: str) -> re.Pattern[str]:
    t, d = re.escape(thousands), re.escape(decimal)
    return re.compile(rf"^(?:\d{{1,3}}(?:{t}\d{{3}})+|\d+)(?:{d}\d+)?$")


def _suffixed(decimal: str, suffixes: dict[str, float]) -> re.Pattern[str]:
    if not suffixes:
        return re.compile(r"(?!)")
    alternatives = "|".join(sorted(suffixes, key=len, reverse=True))
    return re.compile(rf"^(\d+(?:{re.escape(decimal)}\d+)?)({alternatives})$")


@functools.cache
def figure_words(language: str) -> FigureWords:
    """The figure words of ``language`` (``resources/languages/<code>/numbers.toml``)."""
    table = resource(language, "numbers")
    words: dict[str, Any] = table.get("words", {})
    thousands = table.get("thousands", resource(CANONICAL, "numbers")["thousands"])
    decimal = table.get("decimal", resource(CANONICAL, "numbers")["decimal"])
    units = {
        word: (spec["kind"], unit)
        for unit, spec in table.get("units", {}).items()
        for word in spec["words"]
    }
    morph = table.get("morph", {})
    fields: dict[str, Any] = {}
    for name in FigureWords.__dataclass_fields__:
        if name in words:
            value = words[name]
            if isinstance(value, str):
                fields[name] = value
            elif name in _PHRASE_KEYS:
                fields[name] = _phrases(value)
            else:
                fields[name] = frozenset(value)
    for name in ("rate_name",):
        fields.setdefault(name, "")
    for name in _PHRASE_KEYS:
        fields.setdefault(name, ())
    return FigureWords(
        digits=_digits(thousands, decimal),
        thousands=thousands,
        decimal=decimal,
        suffixed=_suffixed(decimal, table.get("money_suffix", {})),
        ones=dict(table.get("number_words", {})),
        scales={k: float(v) for k, v in table.get("scales", {}).items()},
        money_suffix={k: float(v) for k, v in table.get("money_suffix", {}).items()},
        currency_before=dict(table.get("currency_before", {})),
        currency_after=dict(table.get("currency_after", {})),
        units=units,
        casualty=dict(table.get("casualty", {})),
        casualty_feminine=dict(table.get("casualty_feminine", {})),
        months=_months(language),
        plural_morph=tuple(frozenset(s.split("|")) for s in morph.get("plural", [])),
        participle_morph=tuple(frozenset(s.split("|")) for s in morph.get("participle", [])),
        **{
            name: fields.get(name, frozenset())
            for name in FigureWords.__dataclass_fields__
            if name not in _BUILT
        },
    )


_BUILT = frozenset(
    "digits thousands decimal suffixed ones scales money_suffix currency_before currency_after "
    "units casualty casualty_feminine months plural_morph participle_morph".split()
)


def parse_number(words: FigureWords, digits: str) -> float:
    """The value of a number written in ``words``' digit format ("2.000,5" in Spanish)."""
    return float(digits.replace(words.thousands, "").replace(words.decimal, "."))
