"""The clause that governs a date: which way a year-less date is read, and whose date it is.

**Direction** (``reading_of``). A month, day or weekday without a year ("on
April 13", "in September", "on Monday") takes its direction from the words
that govern it, found by walking up the dependency tree from the date to the
first verb:

* *future* (the first one not before publication) when the verb looks ahead:
  a future or conditional auxiliary ("will", "shall", "'ll", "would", "may",
  "might", "should", "must"); a verb or adjective of planning or commitment
  that is not itself past ("is set to", "plans to", "is scheduled for", "is
  expected to", "is due (to)", "agrees to", "is going to"); an "if" or "unless"
  clause in the present; or, on a noun the walk passes, "upcoming", "next",
  "coming", "forthcoming", "planned", "scheduled", "proposed" ("the upcoming
  vote in May").
* *past* (the latest one not after publication) when the verb is past: a past
  tense, a perfect ("has closed since March") or a past passive or
  progressive ("was held", "was meeting"); "would have" and "must have" are
  past too.
* The words of the verb group are the document's language's (``[clause]`` in
  its ``dates.toml``). Where the tags do not give the tense (the Spanish
  model's are bare parts of speech), the morphology does: a future or
  conditional (``Tense=Fut``, ``Mood=Cnd``: "viajará", "llegaría") and "va a"
  with an infinitive look ahead, a finite past or imperfect looks back, and
  a conditional perfect ("habría pagado", the conditional of hearsay) is
  past, like "would have".
* *nearest* publication otherwise: a present tense ("faces him in the runoff
  on April 13"), a sentence without a verb (a headline's bare noun phrase),
  "could" (both the past of "can" and a conditional, so it points nowhere),
  and a past plan ("was scheduled for March", "agreed to meet in May"),
  which may lie on either side of publication. What lies after its verb's
  time takes no direction from a past verb: an infinitive ("flew to Florida
  to meet Trump on Friday"), and what follows "ahead of", "before", "until"
  or "pending" ("campaigned ahead of the April 13 runoff") are read nearest.

**An event's date** (``event_date``). An event takes the date its own clause
governs, never merely the nearest one: the clause is found by walking up from
the trigger to the verb heading it (through an infinitive it controls, so
"is set to meet Trump on Friday" is one clause), and holds that verb's
subtree without the clauses nested in it: relative, complement and adverbial
clauses, a coordinated verb, a parenthetical, and a verb inside a noun phrase
with a subject or an auxiliary of its own ("sent a plan on Thursday to close
the market" dates the sending, not the closing). A date in another clause of
the sentence (a relative clause, the other half of "and", the frame of a
quote) is not the event's; an event whose clause names no date has none. Of
several dates in the clause, the one closest to the trigger in the tree wins,
then the nearest in the text. The date of a dateline that opens the sentence ("QUITO, Ecuador,
March 19 (Wire) -") dates the report, never an event, wherever the parser
hangs it; it is read as past whatever the tense of its sentence.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from typing import Any

from spacy.tokens import Doc

from ..models import Event, TimeExpression
from .datelines import dateline_spans
from .datenorm import Reading
from .datewords import ClauseWords, date_words
from .doctext import doc_text, language_of

Span = Any  # spaCy ships no type information
Token = Any

_MAX_STEPS = 12  # a date's verb is rarely further up; a bound keeps odd parses cheap
# Dependency labels of both label sets: ClearNLP (English) and Universal Dependencies.
_NESTED_DEPS = frozenset("relcl acl:relcl ccomp advcl csubj csubjpass parataxis".split())
_PHRASE_VERB_DEPS = frozenset("acl pcomp".split())  # a participle or gerund inside a phrase
_SUBJECTS = frozenset("nsubj nsubjpass nsubj:pass csubj expl".split())
_AUX_DEPS = ("aux", "auxpass", "aux:pass")


def reading_of(span: Span) -> Reading:
    """The direction the clause governing the date ``span`` reads it in (module docstring)."""
    if _in_dateline(doc_text(span.doc), span.start_char, span.end_char):
        return "past"  # the report's own date, whatever its sentence's tense
    words = date_words(language_of(span)).clause
    token, later = span.root, False
    for _ in range(_MAX_STEPS):
        if _is_verb(token):
            auxes = [c for c in token.children if c.dep_ in _AUX_DEPS]
            aux = {c.lower_ for c in auxes}
            if ahead := _ahead(words, token, auxes, aux):
                return ahead
            past = token.tag_ == "VBD" or bool(aux & words.past_aux)
            past = past or _morph(token, words.past_morph)
            if _plans(words, token):
                return "nearest" if past else "future"
            if past:
                return "nearest" if later else "past"
            infinitive = any(c.tag_ == "TO" and c.dep_ == "aux" for c in token.children)
            infinitive = infinitive or any(
                c.dep_ == "mark" and c.lower_ in words.infinitive_marks for c in token.children
            )  # "para reunirse el viernes"
            present = token.tag_ in ("VBZ", "VBP") or _morph(token, words.present_morph)
            if not infinitive and (present or aux & words.present_aux):
                marks = {c.lower_ for c in token.children if c.dep_ == "mark"}
                return "future" if marks & words.conditions else "nearest"
            # An infinitive, participle or gerund: the verb above it gives the time.
            later = later or infinitive
        elif (
            token.pos_ == "ADJ"
            and token.lower_ in words.plan_lemmas
            and (_has_infinitive(token) or token.lower_ == "due")
        ):
            copula = token.head  # "is due to open", "was likely to", "are due in May"
            return "nearest" if copula.tag_ == "VBD" else "future"
        elif _announced(words, token):
            return "future"
        elif token.lower_ in words.before:
            later = True
        if token.head.i == token.i:
            break
        token = token.head
    return "nearest"


def _morph(token: Token, specs: tuple[frozenset[str], ...]) -> bool:
    """Whether the token's features hold all of one of ``specs`` ({"Tense=Fut"})."""
    if not specs:
        return False
    features = set(str(token.morph).split("|"))
    return any(spec <= features for spec in specs)


def _ahead(words: ClauseWords, token: Token, auxes: list[Token], aux: set[str]) -> Reading | None:
    """The direction of a future or conditional verb group, if it is one: "will meet",
    "llegará", "llegaría", "va a viajar"; "would have met" and "habría pagado" are past."""
    if aux & words.ahead_aux:
        return "past" if aux & words.perfect_aux and token.tag_ == "VBN" else "future"
    if _morph(token, words.ahead_morph):
        return "future"
    if any(_morph(c, words.ahead_morph) for c in auxes):
        perfect = any(c.lemma_.lower() in words.perfect_aux for c in auxes)
        return "past" if perfect and _morph(token, words.participle_morph) else "future"
    for c in auxes:  # "va a viajar" looks ahead; "iba a viajar" was a plan: either side
        if c.lemma_.lower() in words.periphrastic_future and "Inf" in token.morph.get("VerbForm"):
            return "nearest" if _morph(c, words.past_morph) else "future"
    return None


def _is_verb(token: Token) -> bool:
    return token.pos_ in ("VERB", "AUX") and token.dep_ not in _AUX_DEPS


def _announced(words: ClauseWords, token: Token) -> bool:
    """Whether a noun says it is still to come: "the upcoming vote", "the next round"."""
    return any(
        c.lower_ in words.ahead_words and c.dep_ in ("amod", "compound") for c in token.children
    )


def _has_infinitive(token: Token) -> bool:
    return any(c.dep_ == "xcomp" for c in token.children)


def _plans(words: ClauseWords, token: Token) -> bool:
    """Whether the verb announces something ahead of it: "plans to", "is scheduled for"."""
    lemma = token.lemma_.lower()
    if token.lower_ in words.going:  # "is going to"
        return _has_infinitive(token)
    participle = token.tag_ == "VBN" or _morph(token, words.participle_morph)
    if lemma in words.plan_participles and participle:
        return True
    return lemma in words.plan_lemmas and _has_infinitive(token)


def event_date(doc: Doc, event: Event, dates: Sequence[TimeExpression]) -> int | None:
    """Index of the date the event's own clause governs, if any (module docstring)."""
    trigger = doc.char_span(event.trigger_start, event.trigger_end, alignment_mode="expand")
    if trigger is None:
        return None
    root = trigger.root
    clause = _clause(_clause_head(root))
    best: tuple[int, int, int] | None = None
    for i, item in enumerate(dates):
        if not event.sentence_start <= item.start < event.sentence_end:
            continue
        span = doc.char_span(item.start, item.end, alignment_mode="expand")
        if span is None or span.root.i not in clause:
            continue
        if _in_dateline(doc_text(doc), item.start, item.end):
            continue
        key = (_tree_distance(root, span.root), abs(item.start - event.trigger_start), i)
        best = key if best is None or key < best else best
    return None if best is None else best[2]


def _in_dateline(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` is the date of a dateline ("LIMA, Peru, March 3 (AP) —")."""
    return any(s <= start and end <= e for s, e in _datelines(text))


@lru_cache(maxsize=4)
def _datelines(text: str) -> tuple[tuple[int, int], ...]:
    # Dates and events of one document ask about the same text in turn.
    return tuple(dateline_spans(text))


def _nested(token: Token) -> bool:
    """Whether ``token`` heads a clause of its own inside its head's clause."""
    if token.dep_ in _NESTED_DEPS:
        return True
    if token.dep_ == "conj":
        return bool(_is_verb(token))
    if token.dep_ in _PHRASE_VERB_DEPS and _is_verb(token):
        return any(c.dep_ in _SUBJECTS or c.dep_ == "aux" for c in token.children)
    return False


def _clause_head(token: Token) -> Token:
    for _ in range(_MAX_STEPS):
        if _nested(token) or token.head.i == token.i:
            return token
        if _is_verb(token) and token.dep_ != "xcomp" and token.dep_ not in _PHRASE_VERB_DEPS:
            return token
        token = token.head
    return token


def _clause(head: Token) -> set[int]:
    """Indexes of the tokens of ``head``'s clause, without the clauses nested in it."""
    inside, stack = set(), [head]
    while stack:
        token = stack.pop()
        inside.add(token.i)
        stack.extend(c for c in token.children if not _nested(c))
    return inside


def _tree_distance(a: Token, b: Token) -> int:
    up = {t.i: n for n, t in enumerate([a, *a.ancestors])}
    for n, t in enumerate([b, *b.ancestors]):
        if t.i in up:
            return n + up[t.i]
    return _MAX_STEPS * 2  # different sentences: not reached, as the clause is one sentence's
