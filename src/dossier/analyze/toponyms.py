"""Toponym recognition: which of an article's entity mentions name places.

These are the GPE, LOC and FAC mentions, plus demonyms of countries and states ("Israelis",
tagged NORP) and places that begin or end an organisation's name ("Rapides Parish" in
"Rapides Parish Sheriff's Office"). A gang or other group named like a place is not one
(:func:`group_names`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from ..models import Entity, Mention
from .placeindex import ADMIN1, ADMIN2, Entry, PlaceIndex, name_key

TOPONYM_LABELS = frozenset({"GPE", "LOC", "FAC"})
NAME_TOWN = 20_000  # towns named inside organisations' names need this many people
# Words of organisations' names that are also the names of some town ("Police", Poland).
GENERIC = frozenset(
    """police university college school central north south east west northern southern eastern
    western northeast northwest southeast southwest metro town city valley county state national
    united union superior general federal public mountain lake river community liberty""".split()
)
_CAPITALISED = re.compile(r"[A-Z][\w'’.-]*")


def toponym_mentions(entities: Iterable[Entity], index: PlaceIndex | None = None) -> list[Mention]:
    """Mentions of places, in text order, without overlaps (the longer span wins).

    These are the GPE, LOC and FAC mentions; given the index, also demonyms of countries and
    states ("Russian", label NORP) and places named inside organisations' names ("Rapides
    Parish" in "Rapides Parish Sheriff's Office"), which the model tags as a whole.
    """
    mentions = [m for e in entities for m in e.mentions]
    found = [m for m in mentions if m.label in TOPONYM_LABELS]
    for m in mentions if index else ():
        if m.label == "NORP" and index and demonym(index, m.text):
            found.append(m)
        elif m.label == "ORG" and index:
            found.extend(_places_in_name(index, m))
    found.sort(key=lambda m: (m.start, -(m.end - m.start)))
    kept: list[Mention] = []
    for m in found:
        if not kept or m.start >= kept[-1].end:
            kept.append(m)
    return kept


def listed_demonym(index: PlaceIndex, text: str) -> list[tuple[Entry, bool]]:
    """The country of a demonym ``countryinfo`` lists ("Canadians"), else nothing.

    A listed demonym means its country even where a town or county shares the word
    ("Canadian", Texas; "Chin State" for "Chinese").
    """
    word = name_key(text)
    for base in (word, word[:-1]) if word.endswith("s") else (word,):
        if (known := index.demonyms.get(base)) is not None:
            return [(index.entry(known), True)]
    return []


def demonym(index: PlaceIndex, text: str) -> list[tuple[Entry, bool]]:
    """The country or state a demonym names: "Israelis" Israel, "Sudanese" Sudan."""
    if found := listed_demonym(index, text):
        return found
    word = name_key(text)
    for base in (word, word[:-1]) if word.endswith("s") else (word,):
        for suffix in ("ian", "ese", "an", "ish", "i", "n"):
            stem = base[: -len(suffix)]
            if not base.endswith(suffix) or len(stem) < 3:
                continue
            for ending in ("", "a", "e", "ia", "o", "on", "ine", "y"):
                found = [c for c in index.lookup(stem + ending) if c[0].level <= ADMIN1]
                if found:
                    return found
    return []


def _places_in_name(index: PlaceIndex, mention: Mention) -> Iterator[Mention]:
    """Divisions, and towns of some size, named in an organisation's longer name."""
    words = list(_CAPITALISED.finditer(mention.text))
    i = 0
    while i < len(words):
        for n in range(min(3, len(words) - i), 0, -1):
            start, end = words[i].start(), words[i + n - 1].end()
            whole = start == 0 and end == len(mention.text)
            if whole or (n == 1 and words[i].group(0).lower() in GENERIC):
                continue
            found = [e for e, primary in index.lookup(mention.text[start:end]) if primary]
            if any(e.level <= ADMIN2 or e.population >= NAME_TOWN for e in found):
                text = mention.text[start:end]
                yield Mention(mention.start + start, mention.start + end, text, "GPE")
                i += n - 1
                break
        i += 1


def abbreviations_whole(text: str, mentions: list[Mention], index: PlaceIndex) -> list[Mention]:
    """Give back the period the tokenizer took from a state abbreviation ending a sentence
    ("Richmond, Ind." tagged "Ind"): without it "Ind" is not Indiana but a namesake."""
    whole = []
    for m in mentions:
        if text.startswith(".", m.end) and f"{m.text}." in index.state_abbreviations:
            m = Mention(m.start, m.end + 1, f"{m.text}.", m.label)
        whole.append(m)
    return whole


_GROUP = r"(?:gangs?|cartels?|groups?|organi[sz]ations?|militias?|factions?|clans?|mafias?)"
# "the Los Lobos gang"; not "group", which local chapters are named ("the Cambridge group")
_GROUP_AFTER = re.compile(
    r"\s+(?:gangs?|cartels?|militias?|factions?|clans?|mafias?)\b", re.IGNORECASE
)
_GROUP_OF = re.compile(  # "a cell of Los Lobos", "factions of Los Lobos"
    r"\b(?:cells?|factions?|wings?|bosses|hitmen|members|leaders?) of\s+(?:the\s+)?$",
    re.IGNORECASE,
)
# "gangs such as Los Choneros and Los Lobos", "groups, including …", "its two largest gangs,
# Los Choneros and Los Lobos", "groups linked to Los Lobos", "the designation of …"
_GROUP_LIST = re.compile(
    rf"(?:\b{_GROUP}(?:,?\s+(?:such as|including|like)|,|\s+(?:linked|tied|loyal|allied) to)"
    r"|\bdesignation (?:of|for))\s+"
    r"((?:[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*)*)(?:(?:\s*,\s*|\s+and\s+|\s*,\s*and\s+)"
    r"[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*)*)*)"
)
LARGE_TOWN = 100_000  # a town this size keeps its name as a place beside a gang's


def group_names(text: str, entities: Iterable[Entity], index: PlaceIndex) -> set[tuple[int, int]]:
    """Spans of place-like mentions that name gangs, cartels and other groups.

    A mention is a group's name when a group noun follows it ("Los Lobos gang"), when it
    is listed after one ("gangs such as Los Choneros and Los Lobos"), or when it follows
    "a cell of", "factions of" and the like. Such a name is no place in any of its
    mentions unless it is also a country, a state or a large town: then only a mention a
    group noun follows is the group's ("the Sinaloa cartel"), and "armed groups, Mexico
    said" still names Mexico.
    """
    listed = [m.span(1) for m in _GROUP_LIST.finditer(text)]
    spans: set[tuple[int, int]] = set()
    for entity in entities:
        if entity.type not in TOPONYM_LABELS:  # "Mexican cartels" still name Mexico
            continue
        named = [(m.start, m.end) for m in entity.mentions if _GROUP_AFTER.match(text, m.end)]
        cued = named or [
            (m.start, m.end)
            for m in entity.mentions
            if _GROUP_OF.search(text, max(0, m.start - 40), m.start)
            or any(start <= m.start and m.end <= end for start, end in listed)
        ]
        if not cued:
            continue
        place = any(
            primary and (e.level <= ADMIN1 or e.population >= LARGE_TOWN)
            for e, primary in index.lookup(entity.name)
        )
        spans.update(named if place else ((m.start, m.end) for m in entity.mentions))
    return spans
