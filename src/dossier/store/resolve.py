"""Corpus-level entity resolution: one ID per real-world entity across articles.

Each article's canonical entities are matched against the corpus by their
forms (folded names of every mention): ``entity_aliases`` maps a form and a
type to an entity. A person's surname is registered as a form of the full
name, so a later article that says only "Noboa" joins "Daniel Noboa". A form
claimed by two different entities becomes ambiguous (mapped to '') and stops
matching.

A few well-known short forms resolve to their full names even where the full
name never appears: the rows of ``resources/aliases.tsv`` (``known_aliases``),
each with its source. They match the entity's exact name in an article of the
row's language only ("UN" in English is the United Nations; "Un" is not, nor is
"UN" in a Spanish article), so their folded forms are never registered in, or
looked up through, ``entity_aliases``, which would lose both distinctions.

Hand edits win over all of this and survive re-analysis: a merge
(``entity_merges``) redirects one ID to another; a split (``entity_splits``)
stops a form from resolving to an entity, so it gets an entity of its own.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from importlib import resources
from typing import Any, NamedTuple

from ..keys import entity_id, fold
from ..models import ENTITY_TYPES, Entity

Execute = Callable[[str, Sequence[Any]], list[tuple[Any, ...]]]

_ALIAS_COLUMNS = ("form", "language", "name", "type", "source")


class KnownAlias(NamedTuple):
    form: str
    language: str
    name: str
    type: str
    source: str


def parse_aliases(text: str, where: str = "aliases.tsv") -> dict[tuple[str, str], KnownAlias]:
    """The rows of an alias table by (exact form, language); '#' lines are comments."""
    lines = [(n, line) for n, line in enumerate(text.splitlines(), 1) if line.strip()]
    rows = [(n, line.split("\t")) for n, line in lines if not line.startswith("#")]
    if not rows or tuple(rows[0][1]) != _ALIAS_COLUMNS:
        raise ValueError(f"{where}: the first row must be the header {'/'.join(_ALIAS_COLUMNS)}")
    table: dict[tuple[str, str], KnownAlias] = {}
    for n, cells in rows[1:]:
        alias = KnownAlias(*cells) if len(cells) == len(_ALIAS_COLUMNS) else None
        if alias is None or not all(c.strip() == c and c for c in cells):
            raise ValueError(f"{where}:{n}: needs {len(_ALIAS_COLUMNS)} non-empty cells")
        if alias.type not in ENTITY_TYPES:
            raise ValueError(f"{where}:{n}: type {alias.type!r} is not an entity type")
        if not alias.language.isalpha():
            raise ValueError(f"{where}:{n}: language {alias.language!r} is not a language code")
        if (alias.form, alias.language) in table:
            raise ValueError(f"{where}:{n}: {alias.form!r} is listed twice")
        table[(alias.form, alias.language)] = alias
    return table


@functools.cache
def known_aliases() -> dict[tuple[str, str], KnownAlias]:
    """The packaged alias table, read once."""
    data = resources.files("dossier").joinpath("resources/aliases.tsv")
    return parse_aliases(data.read_text(encoding="utf-8"))


def _language(code: str | None) -> str | None:
    """The primary subtag of a language tag ("en-GB" is "en")."""
    return code.split("-")[0].split("_")[0].lower() if code else None


def forms_of(entity: Entity) -> list[str]:
    forms = {fold(entity.name), *(fold(m.text) for m in entity.mentions)}
    return sorted(forms, key=len, reverse=True)


class Resolver:
    def __init__(
        self,
        execute: Execute,
        language: str | None = None,
        aliases: dict[tuple[str, str], KnownAlias] | None = None,
    ) -> None:
        self._execute = execute
        self._language = _language(language)
        self._aliases = known_aliases() if aliases is None else aliases
        # Forms that only the case- and language-aware table may resolve.
        self._reserved = {fold(form) for form, _ in self._aliases}

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
        for form in (f for f in forms if len(f.split()) >= length and f not in self._reserved):
            row = self._one(
                "SELECT a.entity_id, e.name, e.type FROM entity_aliases a "
                "JOIN entities e ON e.id = a.entity_id WHERE a.alias = ? AND a.type = ?",
                (form, entity.type),
            )
            if row and not self._is_split(form, str(row[0])):
                return str(row[0]), str(row[1]), str(row[2])
        known = self._aliases.get((entity.name, self._language or ""))
        if known:
            return entity_id(known.name, known.type), known.name, known.type
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
                "WHERE entities.name = upper(entities.name) AND excluded.name <> upper(excluded.name) "
                # ...and never over a name the user gave it (store.review, rename).
                "AND NOT EXISTS (SELECT 1 FROM review_journal r "
                "WHERE r.key = 'entity:' || entities.id AND r.field = 'name')",
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
            if form in self._reserved or self._is_split(form, eid):
                continue
            self._execute(
                "INSERT INTO entity_aliases (alias, type, entity_id) VALUES (?, ?, ?) "
                "ON CONFLICT (alias, type) DO UPDATE SET entity_id = '' "
                "WHERE entity_aliases.entity_id <> excluded.entity_id",
                (form, entity.type, eid),
            )
