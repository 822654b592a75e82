"""Corpus-level entity resolution: one ID per real-world entity across articles.

Each article's canonical entities are matched against the corpus by their
forms (folded names of every mention): ``entity_aliases`` maps a form and a
type to an entity. A person's surname is registered as a form of the full
name, so a later article that says only "Noboa" joins "Daniel Noboa". A form
claimed by two different entities becomes ambiguous (mapped to '') and stops
matching. A few well-known short forms (``KNOWN_ALIASES``) resolve to their
full names even where the full name never appears.

Hand edits win over all of this and survive re-analysis: a merge
(``entity_merges``) redirects one ID to another; a split (``entity_splits``)
stops a form from resolving to an entity, so it gets an entity of its own.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from ..keys import entity_id, fold
from ..models import Entity

Execute = Callable[[str, Sequence[Any]], list[tuple[Any, ...]]]

# An entity named only by one of these forms is the full entity, whatever type
# the model gave the short form ("Southcom" is often tagged PERSON).
KNOWN_ALIASES: dict[str, tuple[str, str]] = {
    "southcom": ("U.S. Southern Command", "ORG"),
    "dea": ("Drug Enforcement Administration", "ORG"),
    "fbi": ("Federal Bureau of Investigation", "ORG"),
    "cia": ("Central Intelligence Agency", "ORG"),
    "un": ("United Nations", "ORG"),
    "nato": ("NATO", "ORG"),
    "eu": ("European Union", "ORG"),
    "u.s.": ("United States", "GPE"),
    "us": ("United States", "GPE"),
    "usa": ("United States", "GPE"),
    "u.s.a.": ("United States", "GPE"),
    "america": ("United States", "GPE"),
    "uk": ("United Kingdom", "GPE"),
    "u.k.": ("United Kingdom", "GPE"),
    "britain": ("United Kingdom", "GPE"),
}


def forms_of(entity: Entity) -> list[str]:
    forms = {fold(entity.name), *(fold(m.text) for m in entity.mentions)}
    return sorted(forms, key=len, reverse=True)


class Resolver:
    def __init__(self, execute: Execute) -> None:
        self._execute = execute

    def _one(self, sql: str, params: Sequence[Any]) -> tuple[Any, ...] | None:
        rows = self._execute(sql, params)
        return rows[0] if rows else None

    def _follow_merges(self, eid: str) -> str:
        seen = {eid}
        while row := self._one("SELECT to_id FROM entity_merges WHERE from_id = ?", (eid,)):
            eid = str(row[0])
            if eid in seen:
                break
            seen.add(eid)
        return eid

    def _is_split(self, form: str, eid: str) -> bool:
        return bool(
            self._one("SELECT 1 FROM entity_splits WHERE alias = ? AND entity_id = ?", (form, eid))
        )

    def _candidate(self, entity: Entity, forms: list[str]) -> tuple[str, str, str]:
        """(entity ID, name, type) this article entity resolves to.

        Only forms as long as the entity's own name are looked up: "Katie
        Jordan" must not resolve through the surname "Jordan" to someone else.
        """
        length = len(fold(entity.name).split())
        for form in (f for f in forms if len(f.split()) >= length):
            row = self._one(
                "SELECT a.entity_id, e.name, e.type FROM entity_aliases a "
                "JOIN entities e ON e.id = a.entity_id WHERE a.alias = ? AND a.type = ?",
                (form, entity.type),
            )
            if row and not self._is_split(form, str(row[0])):
                return str(row[0]), str(row[1]), str(row[2])
        known = KNOWN_ALIASES.get(fold(entity.name))
        if known:
            name, type_ = known
            return entity_id(name, type_), name, type_
        return entity_id(entity.name, entity.type), entity.name, entity.type

    def resolve(self, entities: Sequence[Entity]) -> dict[str, tuple[str, str]]:
        """Map each article entity's ID to its corpus ID and name, registering new
        entities and forms."""
        mapping: dict[str, tuple[str, str]] = {}
        for entity in entities:
            forms = forms_of(entity)
            eid, name, type_ = self._candidate(entity, forms)
            merged = self._follow_merges(eid)
            if merged != eid:
                row = self._one("SELECT name, type FROM entities WHERE id = ?", (merged,))
                if row:
                    eid, name, type_ = merged, str(row[0]), str(row[1])
            self._execute(
                # The first article to name an entity names it in the corpus,
                # unless it only had an all-capitals form (a dateline's "QUITO").
                "INSERT INTO entities (id, name, type) VALUES (?, ?, ?) "
                "ON CONFLICT (id) DO UPDATE SET name = excluded.name "
                "WHERE entities.name = upper(entities.name) AND excluded.name <> upper(excluded.name)",
                (eid, entity.name if name.isupper() else name, type_),
            )
            self._register(entity, forms, eid)
            row = self._one("SELECT name FROM entities WHERE id = ?", (eid,))
            mapping[entity.id] = (eid, str(row[0]) if row else name)
        return mapping

    def for_mention(self, text: str, eid: str, type_: str) -> str:
        """The entity of one mention: its article entity's, unless the user split
        this form off that entity."""
        form = fold(text)
        if not self._is_split(form, eid):
            return eid
        own = entity_id(text, type_)
        self._execute(
            "INSERT INTO entities (id, name, type) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
            (own, text, type_),
        )
        return own

    def _register(self, entity: Entity, forms: list[str], eid: str) -> None:
        names = list(forms)
        words = entity.name.split()
        if entity.type == "PERSON" and len(words) > 1:
            names.append(fold(words[-1]))
        for form in names:
            if self._is_split(form, eid):
                continue
            self._execute(
                "INSERT INTO entity_aliases (alias, type, entity_id) VALUES (?, ?, ?) "
                "ON CONFLICT (alias, type) DO UPDATE SET entity_id = '' "
                "WHERE entity_aliases.entity_id <> excluded.entity_id",
                (form, entity.type, eid),
            )
