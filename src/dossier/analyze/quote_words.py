"""The words and marks of quotes, sources and claims, per language.

They live in ``resources/languages/<code>/quotes.toml`` and ``claims.toml``; a component
asks with the language of the spaCy document it reads (``language_of(doc)``), so the code is the
same for every language. A word list is a string of white-space separated words; a list
of phrases or of pairs is an array.

The parse helpers read both label schemes the models give: the English model's ClearNLP
labels (``nsubjpass``, ``neg``, ``pobj``) and Universal Dependencies (``nsubj:pass``,
negation as an ``advmod`` with Polarity=Neg, prepositions as ``case`` children of their
noun), so no rule depends on which model parsed the text.
"""

from __future__ import annotations

import functools
from typing import Any

from spacy.tokens import Token

from .doctext import language_of
from .languages import resource

# Subjects in either scheme: ClearNLP "nsubjpass", UD "nsubj:pass".
SUBJECTS = ("nsubj", "nsubjpass", "nsubj:pass")


_NOMINAL = ("NOUN", "PROPN", "PRON")


def _table(language: str, job: str, table: str) -> dict[str, Any]:
    found = resource(language, job).get(table, {})
    return found if isinstance(found, dict) else {}


@functools.cache
def words(language: str, job: str, table: str, key: str) -> frozenset[str]:
    """A word list of ``job``'s ``[table]``, lower-cased; empty where the language has none."""
    value = _table(language, job, table).get(key, "")
    if isinstance(value, list):
        return frozenset(str(v).lower() for v in value)
    return frozenset(str(value).lower().split())


def quote_words(language: str, table: str, key: str) -> frozenset[str]:
    return words(language, "quotes", table, key)


def claim_words(language: str, table: str, key: str) -> frozenset[str]:
    return words(language, "claims", table, key)


@functools.cache
def phrases(language: str, job: str, table: str, key: str) -> tuple[str, ...]:
    """An array of phrases, in file order."""
    value = _table(language, job, table).get(key, [])
    return tuple(str(v) for v in value) if isinstance(value, list) else ()


def setting(language: str, job: str, table: str, key: str, default: Any) -> Any:
    return _table(language, job, table).get(key, default)


@functools.cache
def abbreviations(language: str) -> dict[str, str]:
    """Abbreviated titles and the role noun a later mention uses ("Sen." → senator)."""
    return {str(k): str(v) for k, v in _table(language, "quotes", "role_abbreviations").items()}


def has(token: Token, field: str, value: str) -> bool:
    """Whether the token's morphology gives ``field`` the ``value`` (Mood=Cnd)."""
    return value in token.morph.get(field, [])


def negates(token: Token) -> bool:
    """A negation child: ClearNLP "neg", or a UD adverb with Polarity=Neg ("no")."""
    return token.dep_ == "neg" or (token.dep_ == "advmod" and has(token, "Polarity", "Neg"))


def plural(token: Token) -> bool:
    """A plural noun: the English tags NNS and NNPS, or Number=Plur where the tagger
    gives only the universal part of speech."""
    if token.tag_ in ("NNS", "NNPS"):
        return True
    return token.tag_ == token.pos_ and has(token, "Number", "Plur")


def singular_noun(token: Token) -> bool:
    """A singular common noun: the English tag NN, or a NOUN with Number=Sing."""
    if token.tag_ == "NN":
        return True
    return token.tag_ == token.pos_ == "NOUN" and has(token, "Number", "Sing")


def plural_noun(token: Token) -> bool:
    """A plural common noun: the English tag NNS, or a NOUN with Number=Plur."""
    if token.tag_ == "NNS":
        return True
    return token.tag_ == token.pos_ == "NOUN" and has(token, "Number", "Plur")


def finite(token: Token) -> bool:
    """A finite verb: the English past and present tags, or VerbForm=Fin."""
    if token.tag_ in ("VBD", "VBZ", "VBP"):
        return True
    return token.tag_ == token.pos_ and has(token, "VerbForm", "Fin")


def gerund(token: Token) -> bool:
    """A gerund or present participle ("stating", "señalando")."""
    if token.tag_ == "VBG":
        return True
    return token.tag_ == token.pos_ and has(token, "VerbForm", "Ger")


def relative_word(token: Token) -> bool:
    """A relative pronoun or determiner ("who", "which", "que")."""
    if token.tag_ in ("WDT", "WP"):
        return True
    return token.tag_ == token.pos_ and has(token, "PronType", "Rel")


def prep_object(prep: Token) -> list[Token]:
    """The noun a preposition governs: its ClearNLP ``pobj``, or in UD the noun it is
    the ``case`` of (with ``fixed`` words, "de acuerdo con", hanging on the first)."""
    objects = [c for c in prep.children if c.dep_ == "pobj"]
    if objects:
        return objects
    first = prep.head if prep.dep_ == "fixed" else prep
    if first.dep_ == "case" and first.head != first and first.head.pos_ in _NOMINAL:
        return [first.head]
    return []


def cue_words(token: Token, key: str) -> frozenset[str]:
    """A ``[cues]`` list of the token's language (``quotes.toml``)."""
    return quote_words(language_of(token), "cues", key)


def says(token: Token) -> bool:
    """A verb of saying, writing or thinking in the document's language."""
    return token.lemma_.lower() in cue_words(token, "verbs")


def reports_object(token: Token) -> bool:
    """A verb that reports a position through its object ("cited the rise")."""
    return token.lemma_.lower() in cue_words(token, "object_verbs")


# A relative clause: ClearNLP "relcl"; UD "acl:relcl", or "acl" with a relative pronoun.
_RELATIVE = ("relcl", "acl:relcl")


def relative_clause(clause: Token) -> bool:
    return clause.dep_ in _RELATIVE or (
        clause.dep_ == "acl" and any(relative_word(c) for c in clause.children)
    )


def governed(noun: Token, preps: frozenset[str]) -> list[Token]:
    """The nouns a noun governs through one of ``preps``: ClearNLP ``prep`` and
    ``pobj`` ("a statement from the council"), or UD ``nmod`` with a ``case`` word
    ("un comunicado del Ministerio": "del" is "de el")."""
    found = []
    for child in noun.children:
        if child.dep_ == "prep" and child.lower_ in preps:
            found += [c for c in child.children if c.dep_ == "pobj"]
        elif child.dep_ == "nmod" and any(
            c.dep_ == "case" and (c.lower_ in preps or c.lemma_.lower() in preps)
            for c in child.children
        ):
            found.append(child)
    return found
