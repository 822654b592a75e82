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

from ..countries import in_english
from ..keys import entity_id, fold
from ..models import ENTITY_TYPES, Entity

Execute = Callable[[str, Sequence[Any]], list[tuple[Any, ...]]]
ExecuteMany = Callable[[str, Sequence[Sequence[Any]]], None]

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


def one_by_one(execute: Execute) -> ExecuteMany:
    """A batch run as one statement per row, for a caller with no batch statement."""

    def many(sql: str, rows: Sequence[Sequence[Any]]) -> None:
        for row in rows:
            execute(sql, row)

    return many


_CHUNK = 500  # values per IN (...) list, well under every dialect's parameter limit


class Resolver:
    """Resolves one article's entities with a few batched reads.

    What the article's forms could meet in the store (their aliases and splits, the
    entities those aliases and the article's own IDs name, and the merges from them)
    is read up front in one query per table; what the article itself registers is
    kept in memory as the SQL would leave it, and its alias rows are written in one
    batch at the end. The result is the one a lookup per form would give.
    """

    def __init__(
        self,
        execute: Execute,
        language: str | None = None,
        aliases: dict[tuple[str, str], KnownAlias] | None = None,
        execute_many: ExecuteMany | None = None,
    ) -> None:
        self._execute = execute
        self._many = execute_many or one_by_one(execute)
        self._language = _language(language)
        self._aliases = known_aliases() if aliases is None else aliases
        # Forms that only the case- and language-aware table may resolve.
        self._reserved = {fold(form) for form, _ in self._aliases}
        self._forms: set[str] = set()  # forms whose aliases and splits were read
        self._alias: dict[tuple[str, str], str] = {}  # (form, type) -> entity ID ('' ambiguous)
        self._splits: set[tuple[str, str]] = set()
        self._entities: dict[str, tuple[str, str] | None] = {}  # ID -> (name, type); None: absent
        self._merges: dict[str, str | None] = {}  # from ID -> to ID; None: not merged

    def _in(self, sql: str, values: set[str]) -> list[tuple[Any, ...]]:
        ordered, rows = sorted(values), []
        for i in range(0, len(ordered), _CHUNK):
            part = ordered[i : i + _CHUNK]
            rows += self._execute(sql.format(", ".join("?" for _ in part)), part)
        return rows

    def _load(self, entities: Sequence[Entity]) -> None:
        forms = {f for e in entities for f in (*forms_of(e), *_surname(e))} - self._forms
        self._forms |= forms
        alias_ids: set[str] = set()
        for alias, type_, eid in self._in(
            "SELECT alias, type, entity_id FROM entity_aliases WHERE alias IN ({})", forms
        ):
            self._alias[(str(alias), str(type_))] = str(eid)
            alias_ids.add(str(eid))
        self._splits |= {
            (str(a), str(e))
            for a, e in self._in(
                "SELECT alias, entity_id FROM entity_splits WHERE alias IN ({})", forms
            )
        }
        ids = alias_ids | {entity_id(e.name, e.type) for e in entities}
        for e in entities:
            known = self._known(e)
            if known:
                ids.add(entity_id(known.name, known.type))
        self._read_entities(ids - {""})
        self._read_merges(ids - {""})

    def _known(self, entity: Entity) -> KnownAlias | None:
        """The alias table's row for the entity's name in the article's language, or, for a
        country named in another language than English, its English name ("Estados
        Unidos" in a Spanish article is the United States an English one names)."""
        language = self._language or ""
        known = self._aliases.get((entity.name, language))
        if known is None and entity.type == "GPE":
            english = in_english(language).get(entity.name)
            if english:
                known = KnownAlias(entity.name, language, english, "GPE", "pycountry ISO 3166-1")
        return known

    def _read_entities(self, ids: set[str]) -> None:
        ids = {i for i in ids if i not in self._entities}
        self._entities.update(dict.fromkeys(ids))
        for eid, name, type_ in self._in(
            "SELECT id, name, type FROM entities WHERE id IN ({})", ids
        ):
            self._entities[str(eid)] = (str(name), str(type_))

    def _read_merges(self, ids: set[str]) -> None:
        ids = {i for i in ids if i not in self._merges}
        self._merges.update(dict.fromkeys(ids))
        for source, target in self._in(
            "SELECT from_id, to_id FROM entity_merges WHERE from_id IN ({})", ids
        ):
            self._merges[str(source)] = str(target)

    def _entity(self, eid: str) -> tuple[str, str] | None:
        if eid not in self._entities:
            self._read_entities({eid})
        return self._entities[eid]

    def _follow_merges(self, eid: str) -> str:
        seen = {eid}
        while True:
            if eid not in self._merges:
                self._read_merges({eid})
            target = self._merges[eid]
            if target is None:
                return eid
            eid = target
            if eid in seen:
                return eid
            seen.add(eid)

    def _is_split(self, form: str, eid: str) -> bool:
        if form in self._forms:
            return (form, eid) in self._splits
        return bool(
            self._execute(
                "SELECT 1 FROM entity_splits WHERE alias = ? AND entity_id = ?", (form, eid)
            )
        )

    def _candidate(self, entity: Entity, forms: list[str]) -> tuple[str, str, str]:
        """(entity ID, name, type) this article entity resolves to.

        Only forms as long as the entity's own name are looked up: "Katie
        Jordan" must not resolve through the surname "Jordan" to someone else.
        """
        length = len(fold(entity.name).split())
        for form in (f for f in forms if len(f.split()) >= length and f not in self._reserved):
            eid = self._alias.get((form, entity.type), "")
            found = self._entity(eid) if eid else None
            if found and not self._is_split(form, eid):
                return eid, found[0], found[1]
        known = self._known(entity)
        if known:
            return entity_id(known.name, known.type), known.name, known.type
        return entity_id(entity.name, entity.type), entity.name, entity.type

    def resolve(self, entities: Sequence[Entity]) -> dict[str, tuple[str, str]]:
        """Map each article entity's ID to its corpus ID and name, registering new
        entities and forms."""
        self._load(entities)
        mapping: dict[str, tuple[str, str]] = {}
        registered: list[tuple[str, str, str]] = []
        for entity in entities:
            forms = forms_of(entity)
            eid, name, type_ = self._candidate(entity, forms)
            merged = self._follow_merges(eid)
            if merged != eid:
                found = self._entity(merged)
                if found:
                    eid, (name, type_) = merged, found
            row = self._execute(
                # The first article to name an entity names it in the corpus,
                # unless it only had an all-capitals form (a dateline's "QUITO").
                "INSERT INTO entities (id, name, type) VALUES (?, ?, ?) "
                "ON CONFLICT (id) DO UPDATE SET name = excluded.name "
                "WHERE entities.name = upper(entities.name) AND excluded.name <> upper(excluded.name) "
                # ...and never over a name the user gave it (store.review, rename).
                "AND NOT EXISTS (SELECT 1 FROM review_journal r "
                "WHERE r.key = 'entity:' || entities.id AND r.field = 'name') "
                "RETURNING name, type",  # no row: it was there and kept its name
                (eid, entity.name if name.isupper() else name, type_),
            )
            if row:
                self._entities[eid] = (str(row[0][0]), str(row[0][1]))
            registered += self._register(entity, forms, eid)
            stored = self._entity(eid)
            mapping[entity.id] = (eid, stored[0] if stored else name)
        self._many(
            "INSERT INTO entity_aliases (alias, type, entity_id) VALUES (?, ?, ?) "
            "ON CONFLICT (alias, type) DO UPDATE SET entity_id = '' "
            "WHERE entity_aliases.entity_id <> excluded.entity_id",
            registered,
        )
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
        self._entities.pop(own, None)
        return own

    def _register(self, entity: Entity, forms: list[str], eid: str) -> list[tuple[str, str, str]]:
        """The alias rows to write for this entity, applied at once to the forms in memory
        as the upsert will apply them (a form claimed by another entity turns ambiguous)."""
        rows = []
        for form in [*forms, *_surname(entity)]:
            if form in self._reserved or self._is_split(form, eid):
                continue
            rows.append((form, entity.type, eid))
            held = self._alias.get((form, entity.type))
            self._alias[(form, entity.type)] = eid if held is None else ("" if held != eid else eid)
        return rows


def _surname(entity: Entity) -> list[str]:
    """A person's surname, registered as a form of the full name."""
    words = entity.name.split()
    return [fold(words[-1])] if entity.type == "PERSON" and len(words) > 1 else []
