"""Gangs, cartels and other armed groups: one ORG entity each, never a place.

The model reads a gang's name by its look: "Los Lobos" as a town, "Los Choneros" as a
person in one sentence and an organisation in the next. The article says what it is, once
is enough: a name is a group's when a group noun follows it ("the Los Lobos gang"), when it
is listed after one ("gangs such as Los Choneros and Los Lobos", "groups linked to ..."),
when an apposition calls it one ("Los Lobos, the country's largest gang"), or when it
follows "a cell of", "factions of", "hitmen of". Only nouns for criminal and armed groups
count (gang, cartel, militia, faction, clan, mafia, syndicate, "criminal group", "armed
group", "trafficking organisation") after a name: a bare "group" or "organisation"
follows a place's name for any local body ("the Leeds group of the choir"), though it
counts before names ("groups linked to Los Lobos") and heading an apposition ("Los
Lobos and Los Tigres, two of the groups fighting ..."); "members of" or "leaders of"
precede a town as often as a gang.

Such a name is an ORG in all its mentions, and its shorter forms of any type join it
("Choneros" tagged PERSON). A name that is also a country, a first-level division or a
large town (:data:`LARGE_TOWN`) keeps its other mentions as the place: "the Sinaloa cartel"
is the group, "in Sinaloa" the state.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from ..models import Entity, Mention
from .placeindex import ADMIN1, PlaceIndex, name_key

_NOUN = (
    r"(?:gangs?|cartels?|militias?|factions?|clans?|mafias?|syndicates?"
    r"|(?:criminal|armed|drug[- ]trafficking|trafficking) (?:groups?|organi[sz]ations?))"
)
_AFTER = re.compile(rf"\s+{_NOUN}\b(?!['’])", re.IGNORECASE)
_OF = re.compile(
    r"\b(?:cells?|factions?|wings?|hitmen|cartels?|gangs?) of\s+(?:the\s+)?$", re.IGNORECASE
)
# Before a name, or heading an apposition to it, a bare "group" counts too: "groups
# linked to Los Lobos", "Los Lobos and Los Tigres, two of the groups fighting ...".
_ANY_GROUP = rf"(?:{_NOUN}|groups?|organi[sz]ations?)"
_APPOSITION = re.compile(
    r"(?:\s+and\s+[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*)*)?"
    r"\s*,\s+(?:a|an|the|one of the|two of the|three of the|[A-Z][\w.]*['’]s)\s+"
    rf"(?:[\w'’-]+\s+){{0,3}}?{_ANY_GROUP}\b(?!['’])"
)
_NAME = r"[A-Z][\w'’.-]*(?:\s+(?:de\s+|del\s+)?[A-Z][\w'’.-]*)*"
_LIST = re.compile(
    rf"(?:\b{_ANY_GROUP}"
    r"(?:,?\s+(?:such as|including|like)|,|\s+(?:linked|tied|loyal|allied) to))\s+"
    rf"((?:{_NAME})(?:(?:\s*,\s*|\s+and\s+|\s*,\s*and\s+)(?:{_NAME}))*)"
)
LARGE_TOWN = 100_000  # a town this size keeps its name as a place beside a gang's
PLACE_TYPES = frozenset({"GPE", "LOC", "FAC"})


def named_before_noun(text: str, mention: Mention) -> bool:
    """ "Los Lobos gang": a group noun right after the mention."""
    return bool(_AFTER.match(text, mention.end))


def cued(text: str, mention: Mention, listed: list[tuple[int, int]]) -> bool:
    """Whether the text calls this mention a group's name (module doc)."""
    return (
        named_before_noun(text, mention)
        or bool(_APPOSITION.match(text, mention.end))
        or bool(_OF.search(text, max(0, mention.start - 40), mention.start))
        or any(start <= mention.start and mention.end <= end for start, end in listed)
    )


def listed_spans(text: str) -> list[tuple[int, int]]:
    return [m.span(1) for m in _LIST.finditer(text)]


def is_large_place(index: PlaceIndex, name: str) -> bool:
    return any(
        primary and (e.level <= ADMIN1 or e.population >= LARGE_TOWN)
        for e, primary in index.lookup(name)
    )


def regroup(
    text: str,
    entities: tuple[Entity, ...],
    index: PlaceIndex,
    make_id: Callable[[str, str], str],
) -> tuple[Entity, ...]:
    """Make each group's name one ORG entity (module doc); other entities are kept."""
    listed = listed_spans(text)
    result = list(entities)
    for entity in entities:
        if entity not in result:
            continue
        hits = [m for m in entity.mentions if cued(text, m, listed)]
        if not hits:
            continue
        place = entity.type in PLACE_TYPES and is_large_place(index, entity.name)
        if place:
            group = [m for m in hits if named_before_noun(text, m)]
            if not group:
                continue
            rest = tuple(m for m in entity.mentions if m not in group)
            if rest:
                result[result.index(entity)] = Entity(entity.id, entity.name, entity.type, rest)
            else:
                result.remove(entity)
        else:
            group = list(entity.mentions)
            result.remove(entity)
            for other in list(result):
                if (
                    other.type != "ORG"
                    and _short_form(other.name, entity.name)
                    and not (other.type in PLACE_TYPES and is_large_place(index, other.name))
                ):
                    group.extend(other.mentions)
                    result.remove(other)
        mentions = tuple(
            sorted((Mention(m.start, m.end, m.text, "ORG") for m in group), key=_order)
        )
        result.append(Entity(make_id(entity.name, "ORG"), entity.name, "ORG", mentions))
    merged = _merge_same_id(result)
    return tuple(sorted(merged, key=lambda e: e.mentions[0].start))


def _order(m: Mention) -> tuple[int, int]:
    return (m.start, m.end)


def _short_form(short: str, name: str) -> bool:
    """ "Choneros" of "Los Choneros": the name, or its closing words."""
    s, n = name_key(short).split(), name_key(name).split()
    return 0 < len(s) <= len(n) and n[-len(s) :] == s


def _merge_same_id(entities: Iterable[Entity]) -> list[Entity]:
    by_id: dict[str, Entity] = {}
    for e in entities:
        if e.id in by_id:
            known = by_id[e.id]
            mentions = tuple(sorted({*known.mentions, *e.mentions}, key=_order))
            by_id[e.id] = Entity(known.id, known.name, known.type, mentions)
        else:
            by_id[e.id] = e
    return list(by_id.values())
