"""Filters that compare names the way ``fold`` does, on both stores.

SQLite's ``lower`` folds ASCII only and neither store drops accents, so "Duran"
cannot be matched to "Durán" in SQL alike on both. Instead the distinct stored
values of the filtered columns are read, folded here, and the filter becomes an
``IN`` list of the values that match. Distinct names are far fewer than rows,
and the main query keeps its own ``LIMIT`` and ordering.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from ..keys import entity_id, fold
from .resolve import known_aliases

Execute = Callable[[str, Sequence[Any]], list[tuple[Any, ...]]]


def matching_values(
    execute: Execute, table: str, columns: Sequence[str], query: str, *, whole: bool
) -> list[str]:
    """The distinct values of ``columns`` in ``table`` whose folded form is the folded
    ``query`` (``whole``) or contains it."""
    key = fold(query)
    union = " UNION ".join(
        f"SELECT DISTINCT {c} FROM {table} WHERE {c} IS NOT NULL" for c in columns
    )
    values = {str(row[0]) for row in execute(union, ())}
    return sorted(v for v in values if (fold(v) == key if whole else key in fold(v)))


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
