"""Offline geoparsing: each toponym of an article resolved to a GeoNames place.

The gazetteer is :mod:`.placeindex`; which mentions are toponyms is :mod:`.toponyms`. Every
toponym becomes a ``Place``; a name no entry matches is kept with ``resolved=False``.
Mentions with the same folded text share one reading.

Disambiguation is a cascade, each step only as strong as its evidence:

1. **Candidates**: entries whose folded name or alternate name is the mention's; a division
   named after its own main town yields to the town ("Durán", "Alexandria"). A name the
   gazetteer lacks falls back to the place it is named after: a quarter ("North Idaho",
   "Port of Oakland") or a facility ("Fulton County Jail", "Tucson Airport") takes
   its place's candidates; a river or lake does not. A world region the gazetteer component
   lists ("the Pacific", "Middle East") keeps only region entries, never a namesake town,
   and so does a building ("the White House"): a facility, or a name ending in "House",
   "Palace" and the like, after "the", may only be a division or a town of some size, by
   its own name (Casablanca's alternate name "White House" does not count).
2. **Containers** in the text are hard constraints: "Paris, Texas", "Manta, Ecuador",
   "Springfield, IL", "Alexandria, Va." keep only the candidates inside the container, and
   the container only the divisions that hold one. Writers add them to disambiguate.
3. **Prior**: log population (a name usually means its largest bearer), a bonus by feature
   so a bare country or state name means the country or state (country > admin1 > town),
   and a penalty for an alternate-name match (old or foreign spellings collide); a
   division named like its country's capital ranks below the capital, by the same margin
   as an alternate name ("Washington" bare is the capital; "Buenos Aires" the city).
4. **Context**, three rounds: a candidate gains once if another toponym plausibly lies in
   its country, and per other toponym that plausibly lies in its division or within tens of
   kilometres ("plausibly": weighted by that toponym's current belief relative to its best
   reading, so confident places count most and no mention supports itself). "Manta" beside
   "Guayaquil" is Manta, Ecuador; "Springfield" beside "Illinois" is Springfield, IL; a
   local story naming Louisiana towns puts "Alexandria" in Louisiana, not Egypt. Country
   agreement counts once so that a cluster of small namesakes ("Russia", Ohio; "Poland",
   Maine) cannot outvote the countries themselves.
5. **Outlet**: a country-code domain (``.ec``, ``.co.uk``) counts like a named country, and
   the outlet's home (:mod:`.homes`: the regions its other articles name) counts like another
   toponym in each region, scaled by the share of those articles naming it.
6. **Focus**: a toponym whose every reading is a small town (under ``NAME_TOWN``
   people) outside the country most of the article's other toponyms lie in (its focus
   country) is left unresolved: a small foreign namesake is too weak against the
   article's own focus ("Cajas" in a story about Ecuador is not San Pedro de Cajas,
   Peru). A toponym with a candidate in the focus country already prefers it by the
   country support of step 4.

The context step compares the document's candidates pairwise (at most ``MAX_CANDIDATES``
per toponym, vectorised), a block of rows at a time (``BLOCK_CELLS``), so that its memory
grows with the number of candidates and not with its square; the gazetteer is only reached
through its name index.
"""

from __future__ import annotations

import math
import re
from collections import Counter

import numpy as np
import pycountry
from spacy.tokens import Doc

from ..models import Entity, Mention, Place
from .doctext import doc_text
from .gazetteer import is_world_region
from .homes import Home
from .placeindex import (
    ADMIN1,
    ADMIN2,
    CITY,
    COUNTRY,
    DIVISION_WORDS,
    REGION,
    Entry,
    PlaceIndex,
    name_key,
    place_index,
)
from .toponyms import (
    GENERIC,
    NAME_TOWN,
    abbreviations_whole,
    demonym,
    group_names,
    listed_demonym,
    not_places,
    toponym_mentions,
)

_FEATURES = {COUNTRY: "country", ADMIN1: "admin", ADMIN2: "admin", CITY: "city", REGION: "region"}
# Prior and context weights, in log-odds units (a factor e per unit).
POPULATION_WEIGHT = 1.0
LEVEL_BONUS = {COUNTRY: 2.0, ADMIN1: 1.0, ADMIN2: 0.0, CITY: 0.0, REGION: 1.0}
ALTERNATE_PENALTY = 1.0
COUNTRY_WEIGHT = 2.0  # once, when another toponym lies in the candidate's country
PLACE_WEIGHT = 3.0  # per other toponym in the same division or nearby
NEAR_KM = 50.0  # support between towns decays by a factor e every NEAR_KM
MAX_SUPPORT = 3.0  # toponyms' worth of PLACE_WEIGHT
OUTLET_WEIGHT = 2.0
# An outlet's home, times the share of its articles naming the region: like one more
# toponym in the division, but only half a named country, so that it settles which of
# several towns is meant without overruling the countries the text itself names.
HOME_COUNTRY_WEIGHT = COUNTRY_WEIGHT / 2
HOME_DIVISION_WEIGHT = PLACE_WEIGHT
NAMESAKE_SHARE = 0.1  # a division yields to a town of its name holding this share of it
ROUNDS = 3
MAX_CANDIDATES = 50

_VANITY_TLDS = frozenset({"tv", "io", "fm", "me", "ai", "ly", "co", "cc", "ws", "to", "am"})
_DOMAIN = re.compile(r"^(?:[a-z]+://)?(?:[\w-]+\.)+([a-z]{2})(?:[/:].*)?$")
_CONTAINER = re.compile(r"\s*,\s*")
_THE = re.compile(r"\b[Tt]he\s+$")
# Heads of buildings' names, which the model may tag as places ("the White House").
_BUILDINGS = frozenset("house palace building tower hall castle embassy capitol".split())
_STATE_ABBREVIATION = re.compile(r"[A-Z][A-Za-z]*\.(?:\s?[A-Z][a-z]?\.)?|[A-Z]{2}\b")


def outlet_country(outlet: str | None) -> str | None:
    """The country of a country-code domain ("eluniverso.com.ec" is EC), else None."""
    if not outlet:
        return None
    match = _DOMAIN.match(outlet.strip().lower())
    if not match or match.group(1) in _VANITY_TLDS:
        return None
    code = "GB" if match.group(1) == "uk" else match.group(1).upper()
    return code if pycountry.countries.get(alpha_2=code) else None


class _Toponym:
    """One distinct toponym (folded text) of a document, with its candidates and beliefs."""

    def __init__(self, candidates: list[tuple[Entry, bool]]) -> None:
        self.candidates = candidates
        self.probs = _softmax([_prior(e, primary) for e, primary in candidates])

    def restrict(self, keep: list[int]) -> None:
        self.candidates = [self.candidates[i] for i in keep]
        self.probs = _softmax([_prior(e, primary) for e, primary in self.candidates])

    def within(self, containers: set[tuple[str, str | None]]) -> bool:
        """Keep only candidates inside one of ``containers``; False when none is."""
        keep = [i for i, (e, _) in enumerate(self.candidates) if _inside(e, containers)]
        if keep:
            self.restrict(keep)
        return bool(keep)


def _prior(entry: Entry, primary: bool) -> float:
    score = POPULATION_WEIGHT * math.log10(max(entry.population, 1000))
    score += LEVEL_BONUS[entry.level]
    # A county matches a bare capital's name only by the stem of its own name.
    # A bare capital's name means the capital: a division of that name (Washington state,
    # Buenos Aires province) needs its context or its own word ("Washington state") to win.
    capital = place_index().capital_namesakes.get((entry.country or "", entry.name))
    if entry.level == ADMIN1 and capital is not None:
        below = POPULATION_WEIGHT * math.log10(max(capital, 1000)) + LEVEL_BONUS[CITY]
        score = min(score, below - ALTERNATE_PENALTY)
    return score if primary else score - ALTERNATE_PENALTY


def _softmax(scores: list[float]) -> list[float]:
    weights = [math.exp(s - max(scores)) for s in scores]
    return [w / sum(weights) for w in weights]


def _inside(entry: Entry, containers: set[tuple[str, str | None]]) -> bool:
    return any(
        entry.country == cc
        and (a1 is None or entry.admin1 == a1)
        and entry.level > (COUNTRY if a1 is None else ADMIN1)
        for cc, a1 in containers
    )


def _containers(candidates: list[tuple[Entry, bool]]) -> set[tuple[str, str | None]]:
    """What a "City, X" container can mean: countries and first-level divisions."""
    return {
        (e.country, e.admin1 if e.level == ADMIN1 else None)
        for e, _ in candidates
        if e.country and e.level <= ADMIN1
    }


def resolve_places(
    doc: Doc, entities: tuple[Entity, ...], outlet: str | None = None, home: Home | None = None
) -> tuple[Place, ...]:
    """Resolve every toponym mention of ``doc`` to a GeoNames place (see the module doc)."""
    text = doc_text(doc)
    return resolve_mentions(text, place_mentions(text, entities), outlet, home)


def place_mentions(text: str, entities: tuple[Entity, ...]) -> list[Mention]:
    """The toponym mentions of a text, in order (see :mod:`.toponyms`): none that the
    article shows to be a group's name ("Los Lobos"), a person's, a nationality or a common
    word; a division word right after a name joins it ("Santa Elena province")."""
    index = place_index()
    groups = group_names(text, entities, index)
    mentions = [m for m in toponym_mentions(entities, index) if (m.start, m.end) not in groups]
    mentions = abbreviations_whole(text, mentions, index)
    dropped = not_places(text, entities, mentions, index)
    kept = [m for m in mentions if (m.start, m.end) not in dropped]
    return [_with_division_word(text, m, index) for m in kept]


_DIVISION_AFTER = re.compile(
    r" (?:province|state|county|department|region|parish|district|canton|governorate"
    r"|prefecture|oblast|municipality)\b"
)


def _with_division_word(text: str, mention: Mention, index: PlaceIndex) -> Mention:
    """ "Santa Elena province": the model left the division word out of the span. Only a
    word in lower case ("Fresno State Journal" is a name) after the name of a division
    the gazetteer knows joins it."""
    after = _DIVISION_AFTER.match(text, mention.end)
    if not after or mention.label not in ("GPE", "LOC"):
        return mention
    if not any(e.level in (ADMIN1, ADMIN2) for e, _ in index.lookup(mention.text)):
        return mention
    end = after.end()
    return Mention(mention.start, end, text[mention.start : end], mention.label)


def resolve_mentions(
    text: str, mentions: list[Mention], outlet: str | None = None, home: Home | None = None
) -> tuple[Place, ...]:
    """Resolve toponym mentions of ``text``; one ``Place`` per mention, in order."""
    index = place_index()
    toponyms: dict[str, _Toponym] = {}
    for m in mentions:
        key = name_key(m.text)
        if key in toponyms:
            continue
        candidates = listed_demonym(index, m.text)
        region = is_world_region(m.text)
        if not candidates and m.label != "NORP":
            candidates = _candidates(index, m.text)
            if region:  # "the Pacific" is no town in Washington
                candidates = [c for c in candidates if c[0].level == REGION]
            elif _THE.search(text, max(0, m.start - 5), m.start) and (
                m.label == "FAC" or m.text.rsplit(maxsplit=1)[-1].lower() in _BUILDINGS
            ):
                # "the White House" is neither White House, Tennessee, nor Casablanca
                candidates = [c for c in _sizable(candidates) if c[1]]
        if not candidates and m.text[:1].isupper() and not region:  # a demonym, however tagged
            candidates = demonym(index, m.text)
        if not candidates and "," in m.text:
            head, _, tail = m.text.partition(",")
            toponym = _Toponym(_candidates(index, head))
            toponym.within(_container_of(index, tail.strip()))
        else:
            inner = [] if region else _inner_candidates(index, m.text)
            toponym = _Toponym(candidates or inner)
        toponyms[key] = toponym
    _apply_patterns(text, mentions, toponyms, index)
    _contextualise(list(toponyms.values()), outlet_country(outlet), home)
    _weak_abroad(toponyms)
    return tuple(_place(m, toponyms[name_key(m.text)]) for m in mentions)


def _best(toponym: _Toponym) -> Entry:
    return toponym.candidates[max(range(len(toponym.probs)), key=toponym.probs.__getitem__)][0]


def _weak_abroad(toponyms: dict[str, _Toponym]) -> None:
    """Leave unresolved a toponym whose every reading is a small town outside the article's
    focus country (module doc, 6): "Cajas" in a story about Ecuador is no San Pedro de
    Cajas, Peru, which GeoNames also calls "Cajas", and a gang's "Los Lobos" no hamlet in
    Mexico."""
    for key, toponym in toponyms.items():
        if not toponym.candidates or any(
            e.level != CITY or e.population >= NAME_TOWN for e, _ in toponym.candidates
        ):
            continue  # a country, a division or a city is named on its own weight
        focus = _focus_country([t for k, t in toponyms.items() if k != key])
        if focus and all(e.country != focus for e, _ in toponym.candidates):
            toponym.candidates, toponym.probs = [], []


def _focus_country(others: list[_Toponym]) -> str | None:
    """The country that most of the other toponyms' readings lie in, when one leads."""
    counts = Counter(_best(t).country for t in others if t.candidates)
    ranked = [(c, n) for c, n in counts.most_common() if c]
    if not ranked or (len(ranked) > 1 and ranked[1][1] == ranked[0][1]):
        return None
    return ranked[0][0]


def _candidates(index: PlaceIndex, text: str) -> list[tuple[Entry, bool]]:
    """Entries a mention can mean, most likely first, at most ``MAX_CANDIDATES``.

    A division named after its main town yields to the town: "Durán" is a town and the
    canton around it, "Alexandria" a city and its governorate, and the bare name means the
    town. "Guayas province" is looked up as a division called "Guayas". A short all-capital
    mention ("EU") matches only countries, whose codes and abbreviations are listed.
    """
    found = index.lookup(text)
    stem = DIVISION_WORDS.sub("", name_key(text)).strip()
    if not found and stem and stem != name_key(text):
        found = [c for c in index.lookup(stem) if c[0].level in (ADMIN1, ADMIN2)]
    if text.isupper() and len(text.replace(".", "")) <= 4:
        found = [c for c in found if c[0].level == COUNTRY]
        if state := index.state_abbreviations.get(text):
            found += [c for c in index.lookup(state) if c[0].level == ADMIN1]
    # A county matched by the stem of its name is no bare capital's name: "Washington" is
    # not Washington County, which its own word names.
    namesakes = place_index().capital_namesakes
    found = [
        (e, primary)
        for e, primary in found
        if primary or e.level != ADMIN2 or (e.country or "", e.name) not in namesakes
    ]
    towns = Counter[tuple[str | None, str | None]]()
    for e, _ in found:
        if e.level == CITY:
            towns[(e.country, e.admin1)] = max(towns[(e.country, e.admin1)], e.population)
    found = [
        (e, primary)
        for e, primary in found
        if e.level not in (ADMIN1, ADMIN2)
        or towns[(e.country, e.admin1)] < NAMESAKE_SHARE * e.population
    ]
    found.sort(key=lambda c: -_prior(*c))
    return found[:MAX_CANDIDATES]


_QUARTER = re.compile(
    r"^(?:(?:north|south|east|west|northeast|northwest|southeast|southwest|northern|southern"
    r"|eastern|western|central|upstate|downstate|downtown|greater|metro|historic|old|inner)"
    r"|(?:port|town|city|county|village|borough|township|municipality) of) ",
    re.IGNORECASE,
)
# A river, lake or park is not where the town it is named after lies.
_NATURAL = frozenset(
    """river creek lake lakes bay sea gulf island islands mountain mountains valley canyon
    falls harbor harbour forest reservoir""".split()
)
_WORD = re.compile(r"[\w'’.-]+")


def _inner_candidates(index: PlaceIndex, text: str) -> list[tuple[Entry, bool]]:
    """The place a longer name is named after, when the name itself is not in the gazetteer.

    A quarter of a place ("North Idaho", "South Denver", "Port of Oakland") is
    placed at the place, and so is a facility or district named after one ("Fulton County
    Jail", "Warren Township", "Tucson Airport"): the longest run of leading words
    that the gazetteer knows, two words at least unless the rest are generic.
    """
    rest = _QUARTER.sub("", text, count=1)
    if rest != text and (found := _sizable(_candidates(index, rest))):
        return found
    words = list(_WORD.finditer(text))
    if not words or words[-1].group(0).lower() in _NATURAL:
        return []
    for n in range(len(words) - 1, 0, -1):
        head = text[: words[n - 1].end()]
        if n == 1 and (len(head) < 4 or head.lower() in GENERIC):
            break
        if words[n].group(0) == "of" or not words[n - 1].group(0)[:1].isupper():
            continue  # "Siege of Lakeland" is not in Siege
        found = [c for c in _candidates(index, head) if c[1]]
        if n == 1:
            found = _sizable(found)
        if found:
            return found
    return []


def _sizable(found: list[tuple[Entry, bool]]) -> list[tuple[Entry, bool]]:
    """Divisions and towns of some size: what a quarter or a one-word name may be named
    after ("the western Atlantic" is not in Atlantic, Iowa)."""
    return [c for c in found if c[0].level <= ADMIN2 or c[0].population >= NAME_TOWN]


def _container_of(index: PlaceIndex, text: str) -> set[tuple[str, str | None]]:
    if state := index.state_abbreviations.get(text):
        return {("US", state)}
    return _containers(index.lookup(text))


def _apply_patterns(
    text: str, mentions: list[Mention], toponyms: dict[str, _Toponym], index: PlaceIndex
) -> None:
    """ "City, State" and "City, Country": the container constrains both sides."""
    for i, m in enumerate(mentions):
        gap = _CONTAINER.match(text, m.end)
        if not gap:
            continue
        head = toponyms[name_key(m.text)]
        after = mentions[i + 1] if i + 1 < len(mentions) else None
        if after is not None and after.start == gap.end():
            tail = toponyms[name_key(after.text)]
            containers = _containers(tail.candidates)
            inner = {c for c in containers if any(_inside(e, {c}) for e, _ in head.candidates)}
            if inner and head.within(inner):
                keep = [j for j, c in enumerate(tail.candidates) if _containers([c]) & inner]
                tail.restrict(keep)
        elif (abbreviation := _STATE_ABBREVIATION.match(text, gap.end())) and (
            state := index.state_abbreviations.get(abbreviation.group(0))
        ):
            head.within({("US", state)})


def _contextualise(
    toponyms: list[_Toponym], outlet_cc: str | None, home: Home | None = None
) -> None:
    """Re-weigh every toponym's candidates by the support of the others (module doc, 4)."""
    live = [t for t in toponyms if len(t.candidates) > 0]
    if not live or (len(live) < 2 and outlet_cc is None and home is None):
        return
    entries = [e for t in live for e, _ in t.candidates]
    sizes = [len(t.candidates) for t in live]
    starts = np.cumsum([0, *sizes[:-1]])
    group = np.repeat(np.arange(len(live)), sizes)
    prior = np.array([_prior(e, p) for t in live for e, p in t.candidates])
    pairs = _Pairs(entries)
    bonus = np.zeros(len(entries))
    if outlet_cc is not None and outlet_cc in pairs.codes:
        bonus += OUTLET_WEIGHT * (pairs.cc == pairs.codes[outlet_cc])
    if home is not None:
        bonus += HOME_COUNTRY_WEIGHT * np.array([home.country(e.country) for e in entries])
        bonus += HOME_DIVISION_WEIGHT * np.array(
            [home.division(e.country, e.admin1) if e.level != COUNTRY else 0.0 for e in entries]
        )
    probs = np.concatenate([np.array(t.probs) for t in live])
    blocks = pairs.blocks()
    # Small documents keep their blocks for the next rounds; larger ones recompute them.
    kept = [pairs.support(rows) for rows in blocks] if len(entries) ** 2 <= KEEP_CELLS else None
    for _ in range(ROUNDS):
        plausible = (probs / np.maximum.reduceat(probs, starts)[group])[None, :]
        by_country, by_place = np.empty(len(entries)), np.empty(len(entries))
        for n, rows in enumerate(blocks):
            same_cc, nearby = kept[n] if kept else pairs.support(rows)
            own = (np.arange(rows.stop - rows.start), group[rows])
            best = np.maximum.reduceat(same_cc * plausible, starts, axis=1)
            best[own] = 0.0
            by_country[rows] = best.max(axis=1)
            best = np.maximum.reduceat(nearby * plausible, starts, axis=1)
            best[own] = 0.0
            by_place[rows] = best.sum(axis=1)
        scores = prior + bonus + COUNTRY_WEIGHT * by_country
        scores += PLACE_WEIGHT * np.minimum(by_place, MAX_SUPPORT)
        scores -= np.maximum.reduceat(scores, starts)[group]
        weights = np.exp(scores)
        probs = weights / np.add.reduceat(weights, starts)[group]
    for t, start, size in zip(live, starts, sizes, strict=True):
        t.probs = [float(p) for p in probs[start : start + size]]


# Cells of one block of the support matrices: a block of rows (candidates supported) by
# every column (candidates supporting), so memory grows with the candidates, not their square.
BLOCK_CELLS = 1 << 16
# Up to this many cells in all (1,024 candidates, about 9 MiB) the blocks are computed once
# and kept for every round; beyond it they are computed again in each round.
KEEP_CELLS = 1 << 20


class _Pairs:
    """How much each candidate, if right, supports each other, a block of rows at a time
    (``BLOCK_CELLS``)."""

    def __init__(self, entries: list[Entry]) -> None:
        self.codes: dict[object, int] = {}
        codes = self.codes
        self.level = np.array([e.level for e in entries])
        self.cc = np.array(
            [codes.setdefault(e.country, len(codes)) if e.country else -1 for e in entries]
        )
        self.a1 = np.array(
            [
                codes.setdefault((e.country, e.admin1), len(codes)) if e.admin1 else -1
                for e in entries
            ]
        )
        self.lat = np.radians([e.latitude for e in entries])
        self.lon = np.radians([e.longitude for e in entries])
        self.cos = np.cos(self.lat)
        self.local = (self.level == CITY) | (self.level == ADMIN2)
        self.region = self.level == REGION

    def blocks(self) -> list[slice]:
        n = len(self.level)
        step = max(1, BLOCK_CELLS // max(n, 1))
        return [slice(i, min(i + step, n)) for i in range(0, n, step)]

    def support(self, rows: slice) -> tuple[np.ndarray, np.ndarray]:
        """[i, j] for i in ``rows``: sharing a country counts once however many toponyms
        share it; sharing a division or a neighbourhood adds up."""
        cc, a1, lat, lon = self.cc, self.a1, self.lat, self.lon
        same_cc = (cc[rows, None] == cc[None, :]) & (cc[rows, None] >= 0)
        same_a1 = (a1[rows, None] == a1[None, :]) & (a1[rows, None] >= 0)
        dlat, dlon = lat[rows, None] - lat[None, :], lon[rows, None] - lon[None, :]
        h = np.sin(dlat / 2) ** 2 + np.outer(self.cos[rows], self.cos) * np.sin(dlon / 2) ** 2
        km = 2 * 6371.0 * np.arcsin(np.sqrt(np.clip(h, 0.0, 1.0)))
        local = self.local[rows, None] & self.local[None, :]
        nearby = np.maximum(same_a1, np.exp(-km / NEAR_KM) * local)
        for matrix in (same_cc, nearby):
            matrix[:, self.region] = 0
            matrix[self.region[rows], :] = 0
        return same_cc, nearby


def _place(mention: Mention, toponym: _Toponym) -> Place:
    if not toponym.candidates:
        feature = {"FAC": "facility", "LOC": "region"}.get(mention.label)
        return Place(mention.start, mention.end, mention.text, mention.text, False, feature=feature)
    best = max(range(len(toponym.probs)), key=toponym.probs.__getitem__)
    e = toponym.candidates[best][0]
    admin1 = e.admin1 if e.level != COUNTRY else None
    lat, lon, confidence = round(e.latitude, 5), round(e.longitude, 5), toponym.probs[best]
    return Place(
        *(mention.start, mention.end, mention.text, e.name, True, e.geonames_id, lat, lon),
        *(e.country, admin1, _FEATURES[e.level], round(confidence, 3)),
    )
