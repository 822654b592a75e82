"""The phrases a speaker is read from: a subject phrase, its whole extent, a
noun with only its own modifiers. A bullet ends a line (a letter's signature,
"Anna Berg Leeds •") and no phrase reaches back across it."""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from .source_nouns import INSTITUTION_NOUNS, OFFICE_NOUNS

_BULLETS = ("•", "·", "▪")
DROP = frozenset({"the", "a", "an", "this", "that", "these", "those"})
PLACE_TYPES = ("GPE", "NORP", "LOC")


def after_bullet(doc: Doc, first: int, last: int) -> int:
    """The first token after the last bullet in ``doc[first:last]`` (a signature
    line, "Anna Berg Leeds •", belongs to the letter before it)."""
    for i in range(last - 1, first - 1, -1):
        if doc[i].text in _BULLETS:
            return i + 1
    return first


def subject_phrase(token: Token) -> Span:
    """The subject phrase without trailing appositives, clauses and punctuation."""
    doc = token.doc
    return doc[after_bullet(doc, token.left_edge.i, token.i) : token.i + 1]


def full_phrase(token: Token) -> Span:
    """The whole phrase without trailing punctuation, but with a bracket it closes
    ("Sen. Ted Cruz (R-Tex.)")."""
    doc = token.doc
    start, end = after_bullet(doc, token.left_edge.i, token.i), token.right_edge.i + 1
    while end > token.i + 1 and doc[end - 1].is_punct:
        if doc[end - 1].text in ")]":
            inside = doc[start : end - 1].text
            if inside.count("(") + inside.count("[") > inside.count(")") + inside.count("]"):
                break
        end -= 1
    return doc[start:end]


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


def is_office(name: str | None) -> bool:
    """ "Ombudsman", "the ombudsman": a name made only of an office word (and articles)."""
    words = [w for w in (name or "").lower().split() if w not in DROP]
    return bool(words) and all(w in OFFICE_NOUNS for w in words)


def undetermined(phrase: Span) -> str:
    """ "the armed forces" is named "armed forces": the article is no part of a name."""
    words = phrase.text.split()
    return " ".join(words[1:]) if len(words) > 1 and words[0].lower() in DROP else phrase.text


def places(span: Span) -> tuple[str, ...]:
    return tuple(t.text for t in span if t.ent_type_ in PLACE_TYPES)


def institutional(name: str) -> bool:
    return any(w.lower() in INSTITUTION_NOUNS or w.lower() in OFFICE_NOUNS for w in name.split())
