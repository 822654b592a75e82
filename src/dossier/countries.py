"""Country names in every language Dossier analyses, from pycountry's ISO 3166 catalogues.

Shared by the gazetteer (a Spanish text's "Estados Unidos" is a place) and by entity
resolution (it is the entity an English text calls "United States"), so it sits outside
both ``analyze/`` and ``store/``. The languages are those with a folder under
``resources/languages``; a language without a pycountry catalogue names countries in
English only.
"""

from __future__ import annotations

import functools
import gettext
from collections.abc import Callable
from pathlib import Path
from typing import Any

from .language_resources import language_folders

ENGLISH = "en"
# pycountry is imported where it is used: the store imports this module, and a read-only
# command should not pay for the country tables.


def catalogue(code: str) -> Path | None:
    """The file of pycountry's ISO 3166-1 names in language ``code``, if it has one."""
    import pycountry

    path = Path(pycountry.LOCALES_DIR, code, "LC_MESSAGES", "iso3166-1.mo")
    return path if path.is_file() else None


@functools.cache
def _translate(code: str) -> Callable[[str], str] | None:
    import pycountry

    if code == ENGLISH or catalogue(code) is None:
        return None
    return gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[code]).gettext


def english_names(record: Any) -> set[str]:
    return {v for a in ("name", "common_name", "official_name") if (v := getattr(record, a, None))}


def names_of(record: Any) -> set[str]:
    """A pycountry country's English names and their translations into every language
    with resources."""
    names = english_names(record)
    for translate in filter(None, map(_translate, language_folders())):
        names |= {translate(name) for name in names}
    return names


@functools.cache
def in_english(code: str) -> dict[str, str]:
    """Language ``code``'s names of countries, each to the country's English name (its
    common name where pycountry has one: "Estados Unidos" to "United States")."""
    import pycountry

    translate = _translate(code)
    if translate is None:
        return {}
    table: dict[str, str] = {}
    for record in pycountry.countries:
        english = getattr(record, "common_name", None) or record.name
        for name in english_names(record):
            translated = translate(name)
            if translated != name:
                table.setdefault(translated, english)
    return table
