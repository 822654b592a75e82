"""The phrases a speaker is read from: a subject phrase, its whole extent, a
noun with only its own modifiers. A bullet ends a line (a letter's signature,
"Anna Berg Leeds •") and no phrase reaches back across it."""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from .doctext import language_of
from .quote_words import quote_words
from .source_nouns import nouns

_BULLETS = ("•", "·", "▪")
# English articles and demonstratives, for the modules that read them by name.
DROP = quote_words("en", "phrase", "determiners")


def determiners(language: str) -> frozenset[str]:
    """Articles and demonstratives: no part of a role or a name ("the minister")."""
    return quote_words(language, "phrase", "determiners")


PLACE_TYPES = ("GPE", "NORP", "LOC")


def after_bullet(doc: Doc, first: int, last: int) -> int:
    """The first token after the last bullet in ``doc[first:last]`` (a signature
    line, "Anna Berg Leeds •", belongs to the letter before it)."""
    for i in range(last - 1, first - 1, -1):
        if doc[i].text in _BULLETS:
            return i + 1
    return first


def _first(token: Token) -> int:
    """Where the token's phrase starts: its left edge, past a bullet, and past the
    preposition a UD parse hangs on the noun as ``case`` ("según una fuente" is the
    source "una fuente"), with the ``fixed`` words of a longer one ("de acuerdo con")."""
    return past_case(token, after_bullet(token.doc, token.left_edge.i, token.i))


def past_case(token: Token, first: int) -> int:
    """``first``, or past the UD preposition (``case``) of the token's phrase that
    starts there, with punctuation before it (", según un informe")."""
    doc = token.doc
    start = first
    while start < token.i and doc[start].is_punct:
        start += 1
    if not (doc[start].dep_ == "case" and doc[start].head == token):
        return first
    while start < token.i and (
        (doc[start].dep_ == "case" and doc[start].head == token)
        or (doc[start].dep_ == "fixed" and doc[start].head.dep_ == "case")
    ):
        start += 1
    return start


def subject_phrase(token: Token) -> Span:
    """The subject phrase without trailing appositives, clauses and punctuation."""
    return token.doc[_first(token) : token.i + 1]


def full_phrase(token: Token) -> Span:
    """The whole phrase without trailing punctuation, but with a bracket it closes
    ("Sen. Ted Cruz (R-Tex.)")."""
    doc = token.doc
    start, end = _first(token), token.right_edge.i + 1
    while end > token.i + 1 and doc[end - 1].is_punct:
        if doc[end - 1].text in ")]":
            inside = doc[start : end - 1].text
            if inside.count("(") + inside.count("[") > inside.count(")") + inside.count("]"):
                break
        end -= 1
    return doc[start:end]


# Modifiers after a role noun in UD parses: "el ministro del Interior", "la fuente policial",
# and the rest of a name ("Ministerio del Interior", "flat").
_ROLE_RIGHT = ("nmod", "amod", "flat")


def role_phrase(noun: Token) -> Span:
    """A role noun's phrase: the subject phrase with the modifiers right after the noun
    that say which role it is ("el ministro del Interior"), up to an appositive or
    punctuation."""
    doc = noun.doc
    phrase = subject_phrase(noun)
    last = noun.i
    for child in sorted(noun.rights, key=lambda t: t.i):
        if child.dep_ not in _ROLE_RIGHT or child.left_edge.i != last + 1:
            break
        last = child.right_edge.i
    while last > noun.i and doc[last].is_punct:
        last -= 1
    return doc[phrase.start : last + 1]


_MODIFIERS = ("det", "amod", "compound", "nummod", "poss", "relcl", "acl", "appos", "prep")


def noun_phrase(noun: Token) -> Span:
    """The noun with its own modifiers only: "a Brazilian nurse who had worked
    there", not the clause a misparse hung on it."""
    kept = [noun, *(t for c in noun.rights if c.dep_ in _MODIFIERS for t in c.subtree)]
    before = [t for c in noun.lefts if c.dep_ in _MODIFIERS[:5] for t in c.subtree]
    first = min([noun.i, *(t.i for t in before)])
    last = max(t.i for t in kept)
    # Stop at the first modifier that is not adjacent (a clause the parser
    # lost to the noun), so the phrase stays contiguous.
    for c in sorted((c for c in noun.rights), key=lambda t: t.i):
        if c.dep_ not in _MODIFIERS or c.is_punct:
            last = min(last, c.i - 1)
            break
    return noun.doc[first : max(last, noun.i) + 1]


def is_office(name: str | None, language: str = "en") -> bool:
    """ "Ombudsman", "the ombudsman": a name made only of an office word (and articles)."""
    words = [w for w in (name or "").lower().split() if w not in determiners(language)]
    return bool(words) and all(w in nouns(language, "office") for w in words)


def is_institution(name: str | None, language: str = "en") -> bool:
    """ "Policía", "la Fiscalía": a name made only of an institution word (and articles)."""
    words = [w for w in (name or "").lower().split() if w not in determiners(language)]
    return bool(words) and all(w in nouns(language, "institution") for w in words)


def undetermined(phrase: Span) -> str:
    """ "the armed forces" is named "armed forces": the article is no part of a name."""
    words = phrase.text.split()
    drop = determiners(language_of(phrase))
    return " ".join(words[1:]) if len(words) > 1 and words[0].lower() in drop else phrase.text


def places(span: Span) -> tuple[str, ...]:
    return tuple(t.text for t in span if t.ent_type_ in PLACE_TYPES)


def institutional(name: str, language: str = "en") -> bool:
    institutions, offices = nouns(language, "institution"), nouns(language, "office")
    return any(w.lower() in institutions or w.lower() in offices for w in name.split())
