"""Filters that compare names the way ``fold`` does, on both stores.

SQLite's ``lower`` folds ASCII only and neither store drops accents, so "Duran"
cannot be matched to "Durán" in SQL alike on both. Instead the distinct stored
values of the filtered columns are read, folded here, and the filter becomes an
``IN`` list of the values that match. Distinct names are far fewer than rows,
and the main query keeps its own ``LIMIT`` and ordering. The folded lists are
read once per store state (``store.name_values``, kept by ``store.serving``'s
cache), since every name filter of an entity page needs them.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from ..keys import entity_id, fold
from .resolve import known_aliases

Execute = Callable[[str, Sequence[Any]], list[tuple[Any, ...]]]

# The (table, columns) each name filter matches: quote speakers, event actors, places.
SPEAKERS = ("quotes", ("speaker_name", "speaker_text", "speaker_description"))
ACTORS = ("events", ("source", "target"))
PLACE_NAMES = ("places", ("name", "text"))
NAMED = (SPEAKERS, ACTORS, PLACE_NAMES)


def folded_values(
    execute: Execute, table: str, columns: Sequence[str]
) -> tuple[tuple[str, str], ...]:
    """The distinct values of ``columns`` in ``table``, each with its folded form."""
    union = " UNION ".join(
        f"SELECT DISTINCT {c} FROM {table} WHERE {c} IS NOT NULL" for c in columns
    )
    values = {str(row[0]) for row in execute(union, ())}
    return tuple((v, fold(v)) for v in sorted(values))


def matching_values(values: Sequence[tuple[str, str]], query: str, *, whole: bool) -> list[str]:
    """Of ``values`` (value, folded form), those whose folded form is the folded
    ``query`` (``whole``) or contains it."""
    key = fold(query)
    if whole:
        return [v for v, folded in values if folded == key]
    return [v for v, folded in values if key in folded]


def entities_named(execute: Execute, query: str) -> list[str]:
    """IDs of the entities ``query`` names: by any of their folded forms, or, for a
    known alias written exactly ("UN", not "un"), the entity it stands for."""
    rows = execute(
        "SELECT DISTINCT entity_id FROM entity_aliases WHERE alias = ? AND entity_id <> ''",
        (fold(query),),
    )
    known = {entity_id(a.name, a.type) for a in known_aliases().values() if a.form == query}
    return sorted({str(r[0]) for r in rows} | known)


def any_in(columns: Sequence[str], values: Sequence[str]) -> tuple[str, list[str]]:
    """SQL that holds when any of ``columns`` is one of ``values``, and its parameters."""
    if not values:
        return "1 = 0", []
    marks = ", ".join("?" for _ in values)
    return "(" + " OR ".join(f"{c} IN ({marks})" for c in columns) + ")", [
        v for _ in columns for v in values
    ]
