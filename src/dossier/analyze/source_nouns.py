"""The nouns that tell what kind of source a phrase is.

People ("an official", "residents", "una fuente"), institutions and the press ("the
ministry", "a local newspaper", "la Fiscalía"), offices that stand for an institution
("the ombudsman"), and documents ("a memo", "el informe"). ``agent_noun`` catches the
many people nouns no list holds: commissioner, strategist, resident, investigador. The
lists are the language's (``quotes.toml``, ``[nouns]``, ``[gender]``, ``[agent_nouns]``).
"""

from __future__ import annotations

from spacy.tokens import Token

from .doctext import language_of
from .quote_words import abbreviations, quote_words

# English lists, for the modules that read them by name; rules read ``nouns(language, kind)``.
PERSON_NOUNS = quote_words("en", "nouns", "person")
INSTITUTION_NOUNS = quote_words("en", "nouns", "institution")
OFFICE_NOUNS = quote_words("en", "nouns", "office")
DOCUMENT_NOUNS = quote_words("en", "nouns", "document")
ROLE_ABBREVIATIONS = abbreviations("en")


def nouns(language: str, kind: str) -> frozenset[str]:
    """Source nouns of one ``kind``: person, institution, office or document."""
    return quote_words(language, "nouns", kind)


def gender_words(language: str, key: str) -> frozenset[str]:
    """What the article shows of a person's gender, so that "she" never goes to a man:
    courtesy titles before a name ("Mr Holm") and gendered role nouns in apposition or
    as titles ("Vera Novak, the mother of…")."""
    return quote_words(language, "gender", key)


def agent_noun(token: Token) -> bool:
    """Common nouns for people are mostly agent nouns: commissioner, strategist, resident."""
    language = language_of(token)
    word = token.lower_
    exceptions = quote_words(language, "agent_nouns", "exceptions")
    suffixes = tuple(quote_words(language, "agent_nouns", "suffixes"))
    return (
        token.pos_ == "NOUN"
        and word not in exceptions
        and token.lemma_.lower() not in exceptions
        and bool(suffixes)
        and word.endswith(suffixes)
    )
