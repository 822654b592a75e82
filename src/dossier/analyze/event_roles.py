"""Dependency roles: the parse read by what a word does in its clause, not by its label.

Parsers label the same relation differently. The English model uses ClearNLP labels, in
which a preposition heads its object ("protested against the law": ``against`` is a
``prep`` child of the verb and ``law`` its ``pobj``) and the passive has its own labels
(``nsubjpass``, ``auxpass``, an ``agent`` "by"). Universal Dependencies, which the Spanish
model uses, hangs the preposition on its noun instead ("contra la ley": ``ley`` is an
``obl`` or ``nmod`` child of the verb, ``contra`` its ``case`` child), and marks a passive
only with the auxiliary ("fue detenido por la policía"). Each language's ``events.toml``
names its parser's labels per role (table ``roles``); the event coder asks this module for
subjects, objects and prepositional phrases, so one piece of code reads both schemes.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from spacy.tokens import Token


@dataclass(frozen=True, slots=True)
class Roles:
    """The labels that fill each role (empty where the scheme has no such label)."""

    subject: frozenset[str]
    passive_subject: frozenset[str]
    object: frozenset[str]
    indirect_object: frozenset[str]
    attribute: frozenset[str]
    agent: frozenset[str]
    preposition: frozenset[str]  # a preposition heading its object (ClearNLP ``prep``)
    preposition_object: frozenset[str]  # that object (``pobj``)
    oblique: frozenset[str]  # a noun carrying its preposition as a child (UD ``obl``, ``nmod``)
    case: frozenset[str]  # that preposition (UD ``case``)
    compound: frozenset[str]
    modifier: frozenset[str]
    particle: frozenset[str]
    negation: frozenset[str]
    auxiliary: frozenset[str]
    passive_auxiliary: frozenset[str]
    open_complement: frozenset[str]
    clausal_complement: frozenset[str]
    mark: frozenset[str]
    fixed: frozenset[str]  # a word of a fixed expression ("sin embargo": however)
    relative_clause: frozenset[str]  # a relative clause on its noun
    relative_morph: frozenset[str]  # features of a relative pronoun, where tags don't say
    case_forms: dict[str, str]  # "del" -> "de": a contraction and its preposition
    passive_words: frozenset[str]  # lemmas of passive auxiliaries where no label marks one
    agent_words: frozenset[str]  # prepositions of the agent ("by", "por")
    clitics: frozenset[str]  # reflexive pronouns, never objects ("se enfrentaron")

    def subjects(self, token: Token) -> list[Token]:
        """``token``'s subjects, active or passive."""
        wanted = self.subject | self.passive_subject
        return [c for c in token.children if c.dep_ in wanted]

    def objects(self, token: Token) -> list[Token]:
        """``token``'s direct objects without a preposition (UD marks a personal object
        with "a": "detuvo a 27 personas" is still an object, "fue detenido por la
        policía" is the agent)."""
        return [
            c
            for c in token.children
            if c.dep_ in self.object
            and self.preposition_of(c) not in self.agent_words
            and c.lower_ not in self.clitics
        ]

    def preposition_of(self, noun: Token) -> str | None:
        """The preposition a UD noun carries ("contra la ley" -> "contra"; "a favor de" ->
        "a favor de"), with contractions resolved; ``None`` when it carries none."""
        words = [c for c in noun.children if c.dep_ in self.case and c.i < noun.i]
        if not words:
            return None
        words.sort(key=lambda c: c.i)
        found = [c.lower_ for c in words]
        # a multi-word preposition's words are its first word's "fixed" children in UD
        fixed = [g.lower_ for g in words[0].children if g.dep_ == "fixed"]
        found = [found[0], *fixed, *found[1:]] if fixed else found
        return " ".join(self.case_forms.get(w, w) for w in found)

    def prepositional(self, token: Token) -> Iterator[tuple[str, Token, Token]]:
        """``token``'s prepositional phrases as (preposition, its object, the word the
        phrase hangs from the head by): ``prep`` -> ``pobj`` in ClearNLP, a case-marked
        ``obl``/``nmod`` in UD."""
        for child in token.children:
            if child.dep_ in self.preposition:
                for noun in child.children:
                    if noun.dep_ in self.preposition_object:
                        yield child.lower_, noun, child
            elif child.dep_ in self.oblique or child.dep_ in self.object:
                word = self.preposition_of(child)
                if word is not None:
                    yield word, child, child

    def preposition_words(self, token: Token) -> set[str]:
        """The prepositions of ``token``'s phrases, with or without an object."""
        found = {c.lower_ for c in token.children if c.dep_ in self.preposition}
        found |= {w for w, _, _ in self.prepositional(token)}
        return found

    def objects_of(self, token: Token, words: frozenset[str] | set[str]) -> list[Token]:
        """The objects of ``token``'s prepositions among ``words``."""
        return [noun for word, noun, _ in self.prepositional(token) if word in words]

    def is_passive(self, token: Token) -> bool:
        """The verb is passive: a passive label, or (UD) a participle with a passive
        auxiliary ("fue detenido")."""
        if any(c.dep_ in self.passive_subject | self.passive_auxiliary for c in token.children):
            return True
        if not self.passive_words or "Part" not in token.morph.get("VerbForm", []):
            return False
        return any(
            c.dep_ in self.auxiliary and c.lemma_.lower() in self.passive_words
            for c in token.children
        )

    def agents(self, token: Token) -> list[Token]:
        """The agent of a passive ("by the army", "por la policía")."""
        found = [
            c
            for a in token.children
            if a.dep_ in self.agent
            for c in a.children
            if c.dep_ in self.preposition_object
        ]
        if self.oblique and self.is_passive(token):
            found += self.objects_of(token, self.agent_words)
        return found


def has_feature(token: Token, features: frozenset[str]) -> bool:
    """``token``'s morphology has one of ``features`` ("Mood=Cnd"; a feature with several
    values, "PronType=Int,Rel", has each of them)."""
    for feature in features:
        key, _, value = feature.partition("=")
        if value in token.morph.get(key, []):
            return True
    return False


def roles_from(
    table: dict[str, list[str]],
    case_forms: dict[str, str],
    actors: dict[str, Any],
    clitics: frozenset[str],
) -> Roles:
    """``Roles`` from an ``events.toml``'s ``roles``, ``case_forms`` and ``actors`` tables."""
    fields = {name: frozenset(table.get(name, ())) for name in _ROLE_NAMES}
    return Roles(
        **fields,
        case_forms=dict(case_forms),
        passive_words=frozenset(actors.get("passive_auxiliaries", ())),
        agent_words=frozenset(actors.get("agent_prepositions", ())),
        clitics=clitics,
    )


_ROLE_NAMES = (
    "subject passive_subject object indirect_object attribute agent preposition "
    "preposition_object oblique case compound modifier particle negation auxiliary "
    "passive_auxiliary open_complement clausal_complement mark fixed relative_clause "
    "relative_morph"
).split()
