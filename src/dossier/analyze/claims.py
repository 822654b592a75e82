"""Claims: each reported statement with its evidence and hedging.

A claim is a sentence of the article's prose (headings, questions and
fragments under four words are left out). Its evidence is, in order:

1. the source of a quote or reported speech in the sentence: a named person
   (``named_person``), an unnamed one (``anonymous_person``), an organisation,
   a published report or a statement, which is its issuer speaking
   (``organization``), or a document (``document``);
2. a document the sentence itself cites ("Documents show…", "according to
   the plans", "a memo from May bears…"): ``document``;
3. otherwise the outlet's own assertion: ``outlet``.

Hedges are the words that soften a claim (``HEDGES``), each with its span.
A letter's signature line ("Anna Berg Leeds •") is no part of the claim
after it. "could" is a hedge only where it means possibility: before "be" or "have"
("could be linked", "could have fled"), or with a subject that is not an
agent ("the pier could host warships"). With a person or organisation doing
something ("the navy could reach the coast in hours") it is ability. "expected"
hedges when it is passive ("are expected to", "the ruling expected next
week"), not when someone expects ("he expected to travel"). "could not be
reached (for comment)" reports a fact, so it is no hedge.

A speaker whose entity is a person is ``named_person`` unless the name is only
an office word ("the Ombudsman"), which is the office: ``organization``. A
name the tagger typed otherwise is a person when "he" or "she" refers back to
it in its own sentence ("Gil repeated that he opposes…").
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span

from ..models import Claim, Entity, Evidence, Quote, Speaker
from ..models import Span as TextSpan
from .attribution import cue_speakers
from .quotemarks import find_quoted
from .speakers import (
    DOCUMENT_NOUNS,
    INSTITUTION_NOUNS,
    PERSON_NOUNS,
    SpeakerResolver,
)

HEDGES = (
    "reportedly",
    "allegedly",
    "apparently",
    "purportedly",
    "supposedly",
    "seemingly",
    "appears to",
    "appear to",
    "appeared to",
    "seems to",
    "seem to",
    "seemed to",
    "suggests",
    "suggest",
    "suggested",
    "could",
    "may",
    "might",
    "likely",
    "is said to",
    "are said to",
    "was said to",
    "is believed to",
    "are believed to",
    "is thought to",
    "are thought to",
    "unconfirmed",
    "it is understood",
    "rumoured",
    "rumored",
    "claimed",
    "claims",
    "expected",
    "expected to",
    "possible",
    "possibly",
    "allegations",
    "has been reported",
    "almost certainly",
)
_HEDGE = re.compile(
    r"\b(" + "|".join(sorted(map(re.escape, HEDGES), key=len, reverse=True)) + r")\b", re.I
)
_MIN_WORDS = 4
# What an organisation issues to speak: the issuer is the source, not a document.
STATEMENT_NOUNS = frozenset("statement communique communiqué announcement release".split())


def _evidence_of(
    speaker: Speaker | None, entities: dict[str, Entity], resolver: SpeakerResolver
) -> Evidence:
    if speaker is None:
        return Evidence("outlet")
    if speaker.anonymous:
        return Evidence(
            "anonymous_person",
            speaker.description or speaker.text,
            None,
            speaker.start,
            speaker.end,
        )
    entity = entities.get(speaker.entity_id or "")
    if entity is not None:
        type_ = "named_person" if resolver.is_person(entity) else "organization"
        return Evidence(type_, entity.name, entity.id, speaker.start, speaker.end)
    words = (speaker.text or speaker.name or "").lower().split()
    if words and words[-1].rstrip("s") in STATEMENT_NOUNS:
        # "a military statement said": a statement is its issuer speaking.
        return Evidence("organization", speaker.text, None, speaker.start, speaker.end)
    if words and (words[-1] in DOCUMENT_NOUNS or words[-1].rstrip("s") in DOCUMENT_NOUNS):
        return Evidence("document", speaker.text, None, speaker.start, speaker.end)
    if words and words[-1] not in INSTITUTION_NOUNS and speaker.name is None:
        return Evidence("outlet")
    return Evidence("organization", speaker.name or speaker.text, None, speaker.start, speaker.end)


_AGENT_TYPES = ("PERSON", "ORG", "NORP", "GPE")
_MODALS = ("could", "may", "might")
_UNREACHED = ("reach", "contact")
_BULLETS = "•·▪"


def _is_hedge(doc: Doc, start: int, word: str) -> bool:
    """Whether a matched modal or "expected" hedges here (see the module docstring)."""
    lowered = word.lower().split()[0]
    found = doc.char_span(start, start + len(word), alignment_mode="expand")
    if found is None:
        return True
    token = found[0]
    if lowered in _MODALS and token.tag_ != "MD":
        return False  # the month of May
    if lowered not in ("could", "expected"):
        return True
    if lowered == "expected":
        return not any(c.dep_ == "nsubj" for c in token.children)
    verb = token.head
    if verb.lemma_.lower() in _UNREACHED and any(c.dep_ == "neg" for c in verb.children):
        return False  # "could not be reached for comment" reports a fact, not a doubt
    if verb.lemma_.lower() in ("be", "have") or any(
        c.dep_ in ("aux", "auxpass") and c.lemma_.lower() in ("be", "have") and c.i > token.i
        for c in verb.children
    ):
        return True
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    if not subjects and verb.dep_ == "conj":
        subjects = [c for c in verb.head.children if c.dep_ in ("nsubj", "nsubjpass")]
    if not subjects:
        return True
    subject = subjects[0]
    agent = (
        subject.ent_type_ in _AGENT_TYPES
        or subject.lemma_.lower() in INSTITUTION_NOUNS
        or subject.lemma_.lower() in PERSON_NOUNS
        or subject.lower_ in ("he", "she", "they", "we", "i", "you")
    )
    return not agent


def _document_cited(sent: Span) -> Evidence | None:
    for token in sent:
        lemma = token.lemma_.lower()
        if lemma not in DOCUMENT_NOUNS or lemma in STATEMENT_NOUNS or token.pos_ != "NOUN":
            continue
        cited = token.dep_ in ("nsubj", "nsubjpass") or (
            token.dep_ == "pobj"
            and token.head.lower_ == "to"
            and token.head.head.lower_ == "according"
        )
        if cited:
            start, end = token.left_edge.idx, token.idx + len(token.text)
            return Evidence("document", sent.doc.text[start:end], None, start, end)
    return None


def _is_statement(sent: Span) -> bool:
    text = sent.text.strip()
    words = [t for t in sent if not t.is_punct and not t.is_space]
    return len(words) >= _MIN_WORDS and text[-1:] in '.!"”’)' and not text.endswith("?")


def find_claims(
    doc: Doc,
    entities: tuple[Entity, ...],
    quotes: tuple[Quote, ...],
    resolver: SpeakerResolver | None = None,
) -> tuple[Claim, ...]:
    text = doc.text
    resolver = resolver or SpeakerResolver(doc, text, entities)
    by_id = {e.id: e for e in entities}
    quoted = find_quoted(text)
    claims: list[Claim] = []
    for sent in doc.sents:
        if not _is_statement(sent):
            continue
        start, end = sent.start_char, sent.end_char
        while end > start and text[end - 1].isspace():
            end -= 1
        # "Anna Berg Leeds • The council…": a letter's signature line ends at
        # the bullet and belongs to the letter before; the claim starts after it.
        bullet = max(text.rfind(b, start, end) for b in _BULLETS)
        if bullet >= 0:
            start = bullet + 1
            while start < end and text[start].isspace():
                start += 1
            if len(text[start:end].split()) < _MIN_WORDS:
                continue
        inside = [i for i, q in enumerate(quotes) if q.start < end and q.end > start]
        attributed = [i for i in inside if quotes[i].speaker is not None]
        cited = _document_cited(sent)
        # "…, according to the plans" attributes the whole sentence, whatever
        # else is reported inside it.
        according = cited is not None and "according to" in text[start:end].lower()
        if attributed and not according:
            index = attributed[0]
            evidence = _evidence_of(quotes[index].speaker, by_id, resolver)
            quote: int | None = index
        else:
            speakers = cue_speakers(sent, resolver, quoted)
            evidence = (
                cited
                or (_evidence_of(speakers[0], by_id, resolver) if speakers else None)
                or Evidence("outlet")
            )
            quote = inside[0] if inside else None
        hedges = tuple(
            TextSpan(m.start(), m.end(), m.group(0))
            for m in _HEDGE.finditer(text, start, end)
            if _is_hedge(doc, m.start(), m.group(0))
        )
        claims.append(Claim(start, end, text[start:end], evidence, hedges, quote))
    return tuple(claims)
