"""One language's event lexicon, read from ``resources/languages/<code>/events.toml``.

The event coder is one piece of code for every language; what it reads in the words of
a language lives in that language's ``events.toml``: the trigger lexicons per PLOVER
type (verbs, nouns, object and subject rules, mode words), the word classes the
trigger finder uses (light verbs, verbs of occurring…), the status words (negation,
modality, conditions, plans) and the actor words, and the parser's dependency labels
by role (``event_roles``). A component asks ``for_token(token)`` or
``event_language(code)``; a language without an ``events.toml`` has an empty lexicon,
so no events are found in its text. Adding a language means adding that file, with
the same tables and keys as the English one.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from spacy.tokens import Token

from .doctext import language_of
from .event_roles import Roles, roles_from
from .languages import resource
from .plover_modes import MODES, Rule


def _rule(head: str) -> Rule:
    type_, mode, weight = head.split()
    if not (type_ == "NONE" or (type_ in MODES and (mode == "-" or mode in MODES[type_]))):
        raise ValueError(f"events.toml: unknown PLOVER type or mode in {head!r}")
    return Rule(type_, None if mode == "-" else mode, float(weight))


def _table(spec: str) -> dict[str, Rule]:
    """Parse lines ``TYPE mode weight: word, two words`` (mode ``-`` for none)."""
    table: dict[str, Rule] = {}
    for line in spec.strip().splitlines():
        head, _, words = line.partition(":")
        table.update(dict.fromkeys((w.strip() for w in words.split(",") if w.strip()), _rule(head)))
    return table


def _objects(spec: str) -> dict[str, list[tuple[frozenset[str], Rule]]]:
    """Parse lines ``verb TYPE mode weight: object, object``; TYPE ``NONE``: no event."""
    rules: dict[str, list[tuple[frozenset[str], Rule]]] = {}
    for line in spec.strip().splitlines():
        head, _, words = line.partition(":")
        parts = head.split()
        verb, rule_head = " ".join(parts[:-3]), " ".join(parts[-3:])
        objects = frozenset(w.strip() for w in words.split(",") if w.strip())
        rules.setdefault(verb, []).append((objects, _rule(rule_head)))
    return rules


def _modes(spec: str) -> dict[str, dict[str, str]]:
    """Parse lines ``TYPE mode: word word``."""
    table: dict[str, dict[str, str]] = {}
    for line in spec.strip().splitlines():
        head, _, words = line.partition(":")
        type_, mode = head.split()
        table.setdefault(type_, {}).update(dict.fromkeys(words.split(), mode))
    if "REQUEST" in table:
        table["REJECT"] = table["REQUEST"]  # what is refused has the modes of what is asked
    return table


def _heads(phrases: Iterable[str]) -> set[str]:
    """Every leading part of each phrase: "call on" gives "call" and "call on"."""
    found: set[str] = set()
    for phrase in phrases:
        parts = phrase.split(" ")
        found.update(" ".join(parts[:n]) for n in range(1, len(parts) + 1))
    return found


@dataclass(frozen=True)
class EventLanguage:
    code: str
    roles: Roles
    verbs: dict[str, Rule]
    nouns: dict[str, Rule]
    object_rules: dict[str, list[tuple[frozenset[str], Rule]]]
    subject_rules: dict[str, list[tuple[frozenset[str], Rule]]]
    mode_words: dict[str, dict[str, str]]
    prep_verbs: dict[str, tuple[frozenset[str], frozenset[str]]]
    words: dict[str, frozenset[str]]
    status: dict[str, frozenset[str]]
    actors: dict[str, frozenset[str]]
    typed_verbs: frozenset[str]

    def word(self, name: str) -> frozenset[str]:
        return self.words.get(name, frozenset())

    def status_words(self, name: str) -> frozenset[str]:
        return self.status.get(name, frozenset())

    def actor_words(self, name: str) -> frozenset[str]:
        return self.actors.get(name, frozenset())


def _sets(table: dict[str, Any]) -> dict[str, frozenset[str]]:
    return {k: frozenset(v) for k, v in table.items() if isinstance(v, list)}


@functools.cache
def event_language(code: str) -> EventLanguage:
    """The event lexicon of language ``code`` (empty where it has no ``events.toml``)."""
    data = resource(code, "events")
    lexicon = data.get("lexicon", {})
    words = _sets(data.get("words", {}))
    actors = data.get("actors", {})
    object_rules = _objects(lexicon.get("objects", ""))
    # Easing a restriction is a concession, whichever easing verb says it.
    for verb in words.get("easing_verbs", frozenset()):
        object_rules.setdefault(verb, []).append(
            (words.get("restrictions", frozenset()), Rule("CONCEDE", None, 0.8))
        )
    subject_rules = _objects(lexicon.get("subjects", ""))
    verbs = _table(lexicon.get("verbs", ""))
    prep_verbs = {
        prep: (frozenset(entry.get("verbs", ())), frozenset(entry.get("nouns", ())))
        for prep, entry in data.get("prep_verbs", {}).items()
    }
    typed = _heads(verbs) | subject_rules.keys() | object_rules.keys()
    return EventLanguage(
        code=code,
        roles=roles_from(
            data.get("roles", {}),
            data.get("case_forms", {}),
            actors,
            words.get("reflexive_pronouns", frozenset()),
        ),
        verbs=verbs,
        nouns=_table(lexicon.get("nouns", "")),
        object_rules=object_rules,
        subject_rules=subject_rules,
        mode_words=_modes(lexicon.get("modes", "")),
        prep_verbs=prep_verbs,
        words=words,
        status=_sets(data.get("status", {})),
        actors=_sets(actors),
        typed_verbs=frozenset(typed | words.get("light_verbs", frozenset())),
    )


def for_token(token: Token) -> EventLanguage:
    return event_language(language_of(token))
