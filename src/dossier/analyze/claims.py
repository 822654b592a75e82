"""Claims: each reported statement with its evidence and hedging.

A claim is a sentence of the article's prose (headings, questions and
fragments under four words are left out). Its evidence is, in order:

1. the source of a quote or reported speech in the sentence: a named person
   (``named_person``), an unnamed one (``anonymous_person``), an organisation
   or a statement, which is its issuer speaking (``organization``), or a
   document or published report (``document``);
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

A source whose mention is a document ("the report by the institute warns",
"a survey from Gallup found") is ``document``, with the document's author as
the source where the sentence or the speaker record names one. A cue inside a
subject clause ("That the minister promised an inquiry means little") sources
nothing: the sentence is the writer's verdict on it. An unnamed source's description
stops before its relative clause. "could" negated ("could not have stopped
it", "couldn't") asserts, so it is no hedge.

A speaker whose entity is a person is ``named_person``, even where the mention
was flagged unnamed (a role the record resolved to its holder), unless the
name is only an office word ("the Ombudsman"), which is the office: ``organization``. A
name the tagger typed otherwise is a person when "he" or "she" refers back to
it in its own sentence ("Gil repeated that he opposes…").
"""

from __future__ import annotations

import re
from functools import lru_cache

from spacy.tokens import Doc, Span, Token

from ..models import Claim, Entity, Evidence, Quote, Speaker
from ..models import Span as TextSpan
from .attribution import cue_speakers
from .datelines import dateline_spans, past_dateline
from .doctext import doc_text, language_of
from .quote_words import SUBJECTS, claim_words, has, negates, phrases, relative_word
from .quotemarks import find_quoted
from .source_nouns import nouns
from .speaker_phrases import past_case
from .speakers import SpeakerResolver

# English hedges, for the modules that read them by name; claims read the document's
# language (claims.toml, [hedges]).
HEDGES = phrases("en", "claims", "hedges", "phrases")
_MIN_WORDS = 4


@lru_cache(maxsize=8)
def _hedge_pattern(language: str) -> re.Pattern[str] | None:
    found = phrases(language, "claims", "hedges", "phrases")
    if not found:
        return None
    alternatives = "|".join(sorted(map(re.escape, found), key=len, reverse=True))
    return re.compile(r"\b(" + alternatives + r")\b", re.I)


def _evidence_words(doc: Doc, key: str) -> frozenset[str]:
    """What an organisation issues to speak (``statement_nouns``: the issuer is the
    source) and the numbers it publishes (``measures``: "ministry figures show")."""
    return claim_words(language_of(doc), "evidence", key)


def _uses(doc: Doc, key: str) -> frozenset[str]:
    return claim_words(language_of(doc), "hedge_uses", key)


def _mention(doc: Doc, start: int | None, end: int | None) -> Span | None:
    if start is None or end is None:
        return None
    return doc.char_span(start, end, alignment_mode="expand")


def _is_document(mention: Span | None) -> bool:
    """ "The report by the institute", "a leaked memo": a document speaks, not
    its author in person. A statement or a set of figures stays its issuer
    speaking."""
    if mention is None:
        return False
    doc = mention.doc
    lemma = mention.root.lemma_.lower()
    measures = _evidence_words(doc, "measures")
    return (
        lemma in nouns(language_of(doc), "document")
        and lemma not in _evidence_words(doc, "statement_nouns")
        and lemma not in measures
        and mention.root.lower_ not in measures
    )


def _author(noun: Token) -> Span | None:
    """Who wrote a document: "a study by X", "a survey from X", "X's report"."""
    preps = _evidence_words(noun.doc, "author_preps")
    for child in noun.children:
        if child.dep_ == "poss" and child.pos_ == "PROPN":
            return noun.doc[child.left_edge.i : child.i + 1]
        if child.dep_ == "prep" and child.lower_ in preps:
            objects = [c for c in child.children if c.dep_ == "pobj"]
            if objects and objects[0].pos_ == "PROPN":
                tokens = list(objects[0].subtree)
                return noun.doc[tokens[0].i : tokens[-1].i + 1]
        # UD: "un informe de la ONU", the author a proper noun with its "case" word.
        if child.dep_ == "nmod" and child.pos_ == "PROPN":
            cases = [c for c in child.children if c.dep_ == "case" and c.i < child.i]
            if cases and all(c.lower_ in preps or c.lemma_.lower() in preps for c in cases):
                return noun.doc[cases[-1].i + 1 : child.right_edge.i + 1]
    return None


def _head_phrase(doc: Doc, speaker: Speaker, description: str) -> str:
    """An unnamed source's description as its noun phrase, up to the first comma,
    relative clause or participle after its head: "residents, who have lived
    there for years" and "leaders, already shaken by the assault" are the
    residents and the leaders. What follows says more about them but names no
    one, and a clause makes the source unreadable as a label. A description
    that runs on into its own verb ("diplomats say they…") is cut to that
    verb's subject."""
    at = speaker.start if description == speaker.text else None
    if at is None:
        text = doc_text(doc)
        found = text.rfind(description, 0, (speaker.end or len(text)) + len(description))
        at = found if found >= 0 else None
    mention = _mention(doc, at, None if at is None else at + len(description))
    if mention is None:
        return description
    head = mention.root
    if head.pos_ in ("VERB", "AUX"):
        subjects = [c for c in head.children if c.dep_ in SUBJECTS]
        if not subjects or subjects[0].i < mention.start:
            return description
        head = subjects[0]
    first = max(head.left_edge.i, mention.start)
    last = min(head.right_edge.i, mention.end - 1)
    for token in doc[head.i + 1 : last + 1]:
        clause = token.dep_ in ("relcl", "acl", "appos") and token.head.i == head.i
        if clause:
            last = token.left_edge.i - 1
            break
        if token.text in ",:;" or not head.is_ancestor(token):
            last = token.i - 1
            break
    while last > first and (doc[last].is_punct or relative_word(doc[last])):
        last -= 1
    return doc_text(doc)[doc[first].idx : doc[last].idx + len(doc[last].text)]


def _evidence_of(
    speaker: Speaker | None, entities: dict[str, Entity], resolver: SpeakerResolver, doc: Doc
) -> Evidence:
    if speaker is None:
        return Evidence("outlet")
    entity = entities.get(speaker.entity_id or "")
    mention = _mention(doc, speaker.start, speaker.end)
    if _is_document(mention):
        # The evidence is the document; its source is who wrote it, where the
        # sentence or the speaker record says so.
        assert mention is not None
        author = _author(mention.root)
        source = entity.name if entity is not None else author.text if author else mention.text
        return Evidence(
            "document", source, entity.id if entity else None, speaker.start, speaker.end
        )
    if entity is not None and resolver.is_person(entity):
        # A role that the record resolves to a named holder ("the foreign
        # minister, Ana Ruiz") is that person, whatever flag the mention carries.
        return Evidence("named_person", entity.name, entity.id, speaker.start, speaker.end)
    if speaker.anonymous:
        description = speaker.description or speaker.text or ""
        return Evidence(
            "anonymous_person",
            _head_phrase(doc, speaker, description) if description else None,
            None,
            speaker.start,
            speaker.end,
        )
    if entity is not None:
        return Evidence("organization", entity.name, entity.id, speaker.start, speaker.end)
    words = (speaker.text or speaker.name or "").lower().split()
    statements, documents = (
        _evidence_words(doc, "statement_nouns"),
        nouns(language_of(doc), "document"),
    )
    if words and words[-1].rstrip("s") in statements:
        # "a military statement said": a statement is its issuer speaking.
        return Evidence("organization", speaker.text, None, speaker.start, speaker.end)
    if words and (words[-1] in documents or words[-1].rstrip("s") in documents):
        return Evidence("document", speaker.text, None, speaker.start, speaker.end)
    if words and words[-1] not in nouns(language_of(doc), "institution") and speaker.name is None:
        return Evidence("outlet")
    return Evidence("organization", speaker.name or speaker.text, None, speaker.start, speaker.end)


# A cue inside a subject clause reports something the sentence only judges:
# "That the minister promised an inquiry means little" asserts the writer's
# verdict on the promise. A relative clause is different: in "the sites that
# officials described as prisons" the officials' words are part of what the
# sentence asserts, so it keeps them as its source.
_EMBEDDING = ("csubj", "csubjpass")


def _embedded(cue: Token) -> bool:
    first = cue.sent[0]
    marks = _evidence_words(cue.doc, "subject_clause_marks")
    if first.lower_ in marks and first.head.i == cue.i and first.dep_ == "mark":
        # A sentence that opens with "That" or "Whether" opens with its subject
        # clause, whatever the parse made of it: the cue is inside that clause.
        return True
    token = cue
    while token.head.i != token.i:
        if token.dep_ in _EMBEDDING:
            return True
        token = token.head
    return False


def _reports(doc: Doc, sent: Span, cue: Token | None) -> bool:
    """Whether a cue in this sentence sources the sentence (see above)."""
    if cue is None or not sent.start <= cue.i < sent.end:
        return True
    return not _embedded(cue)


def _quote_cue(doc: Doc, quote: Quote) -> Token | None:
    if quote.cue is None:
        return None
    found = _mention(doc, quote.cue.start, quote.cue.end)
    return found.root if found is not None else None


def _cue_of(doc: Doc, start: int | None, end: int | None) -> Token | None:
    found = _mention(doc, start, end)
    if found is None:
        return None
    if found.root.dep_ in SUBJECTS:
        return found.root.head
    return None


_AGENT_TYPES = ("PERSON", "ORG", "NORP", "GPE")
_BULLETS = "•·▪"


def _is_hedge(doc: Doc, start: int, word: str) -> bool:
    """Whether a matched modal or "expected" hedges here (see the module docstring)."""
    lowered = word.lower().split()[0]
    found = doc.char_span(start, start + len(word), alignment_mode="expand")
    if found is None:
        return True
    token = found[0]
    if lowered in _uses(doc, "modals") and token.tag_ != "MD":
        return False  # the month of May
    possibility, passive = _uses(doc, "possibility"), _uses(doc, "passive")
    if lowered not in possibility and lowered not in passive:
        return True
    if lowered in passive:
        return not any(c.dep_ == "nsubj" for c in token.children)
    verb = token.head
    if any(negates(c) for c in verb.children) or (
        token.i + 1 < len(doc) and doc[token.i + 1].lower_ in _uses(doc, "negations")
    ):
        # "could not have stopped it", "couldn't reach": a denied possibility or
        # ability is asserted, not softened.
        return False
    if verb.lemma_.lower() in _uses(doc, "unreached") and any(negates(c) for c in verb.children):
        return False  # "could not be reached for comment" reports a fact, not a doubt
    auxiliaries = _uses(doc, "auxiliaries")
    if verb.lemma_.lower() in auxiliaries or any(
        c.dep_ in ("aux", "auxpass") and c.lemma_.lower() in auxiliaries and c.i > token.i
        for c in verb.children
    ):
        return True
    subjects = [c for c in verb.children if c.dep_ in SUBJECTS]
    if not subjects and verb.dep_ == "conj":
        subjects = [c for c in verb.head.children if c.dep_ in SUBJECTS]
    if not subjects:
        return True
    subject = subjects[0]
    agent = (
        subject.ent_type_ in _AGENT_TYPES
        or subject.lemma_.lower() in nouns(language_of(doc), "institution")
        or subject.lemma_.lower() in nouns(language_of(doc), "person")
        or subject.lower_ in _uses(doc, "agents")
    )
    return not agent


# Clauses below the main one: a conditional there is reported or hypothetical
# ("dijo que vendría", "si llegara, habría…" keeps its main clause), not hearsay.
_SUBORDINATE = ("ccomp", "xcomp", "advcl", "acl", "relcl", "csubj", "parataxis")


def _conjecture(token: Token, auxiliaries: tuple[str, ...]) -> bool:
    """An auxiliary of ``auxiliaries`` before its participle ("habrían tenido")."""
    return (
        token.lemma_.lower() in auxiliaries
        and token.dep_ in ("aux", "aux:pass")
        and has(token.head, "VerbForm", "Part")
    )


def _mood_hedges(sent: Span) -> list[TextSpan]:
    """Verbs in a hearsay mood (``claims.toml``, ``[hedges]`` ``moods``: the Spanish
    conditional, "habrían pagado", "estarían detrás") in the sentence's main clause,
    outside quotation marks: the writer reports what is said to be so without
    asserting it. Inside them, only a conjecture about the past ("habrían tenido")."""
    language = language_of(sent)
    moods = phrases(language, "claims", "hedges", "moods")
    conjecture = phrases(language, "claims", "hedges", "conjecture_auxiliaries")
    text = doc_text(sent.doc)
    marks = find_quoted(text, language)
    found = []
    for token in sent:
        if not any(has(token, "Mood", mood) for mood in moods):
            continue
        quote = next((q for q in marks if q.start <= token.idx < q.end), None)
        if quote is not None and not _conjecture(token, conjecture):
            continue
        clause = token.head if token.dep_ in ("aux", "aux:pass", "cop") else token
        while clause.dep_ == "conj" and clause.head != clause:
            clause = clause.head
        # a quotation's own main clause hangs from the cue outside it ("«…», agregó")
        outside = quote is not None and not quote.start <= clause.head.idx < quote.end
        if clause.dep_ in _SUBORDINATE and not outside:
            continue
        found.append(TextSpan(token.idx, token.idx + len(token.text), token.text))
    return found


def _source_phrase_object(token: Token) -> bool:
    """Whether the noun is what a source phrase governs ("according to the plans",
    "según el informe")."""
    doc = token.doc
    for phrase in phrases(language_of(doc), "quotes", "sources", "phrases"):
        words = phrase.lower().split()
        if token.dep_ == "pobj" and len(words) > 1:
            # ClearNLP: the object of the phrase's last word, after the words before it.
            prep = token.head
            chain = [prep.lower_, prep.head.lower_]
            if chain == [words[-1], words[-2]]:
                return True
        cases = [c for c in token.children if c.dep_ == "case" and c.i < token.i]
        for case in cases:
            span = doc[case.i : case.i + len(words)]
            if [t.lower_ for t in span] == words:
                return True
    return False


def _document_cited(sent: Span) -> Evidence | None:
    documents = nouns(language_of(sent), "document")
    statements = _evidence_words(sent.doc, "statement_nouns")
    for token in sent:
        lemma = token.lemma_.lower()
        if lemma not in documents or lemma in statements or token.pos_ != "NOUN":
            continue
        cited = token.dep_ in SUBJECTS or _source_phrase_object(token)
        if cited:
            start = sent.doc[past_case(token, token.left_edge.i)].idx
            end = token.idx + len(token.text)
            author = _author(token)
            source = author.text if author is not None else doc_text(sent.doc)[start:end]
            return Evidence("document", source, None, start, end)
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
    text = doc_text(doc)
    resolver = resolver or SpeakerResolver(doc, text, entities)
    by_id = {e.id: e for e in entities}
    quoted = find_quoted(text, language_of(doc))
    datelines = dateline_spans(text)
    claims: list[Claim] = []
    for sent in doc.sents:
        if not _is_statement(sent):
            continue
        start, end = sent.start_char, sent.end_char
        while end > start and text[end - 1].isspace():
            end -= 1
        if (filed := past_dateline(datelines, start, end)) != start:
            start = filed
            if len(text[start:end].split()) < _MIN_WORDS:
                continue  # a dateline the parser cut off as a sentence of its own
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
        attributed = [
            i
            for i in inside
            if quotes[i].speaker is not None and _reports(doc, sent, _quote_cue(doc, quotes[i]))
        ]
        cited = _document_cited(sent)
        # "…, according to the plans" attributes the whole sentence, whatever
        # else is reported inside it.
        according = cited is not None and any(
            p.lower() in text[start:end].lower()
            for p in phrases(language_of(doc), "quotes", "sources", "phrases")
        )
        if attributed and not according:
            index = attributed[0]
            evidence = _evidence_of(quotes[index].speaker, by_id, resolver, doc)
            quote: int | None = index
        else:
            speakers = [
                s
                for s in cue_speakers(sent, resolver, quoted)
                if _reports(doc, sent, _cue_of(doc, s.start, s.end))
            ]
            evidence = (
                cited
                or (_evidence_of(speakers[0], by_id, resolver, doc) if speakers else None)
                or Evidence("outlet")
            )
            quote = inside[0] if inside else None
        pattern = _hedge_pattern(language_of(doc))
        found = [
            TextSpan(m.start(), m.end(), m.group(0))
            for m in (pattern.finditer(text, start, end) if pattern is not None else ())
            if _is_hedge(doc, m.start(), m.group(0))
        ]
        moods = [h for h in _mood_hedges(sent) if start <= h.start < end]
        hedges = tuple(sorted(found + moods, key=lambda h: (h.start, h.end)))
        claims.append(Claim(start, end, text[start:end], evidence, hedges, quote))
    return tuple(claims)
