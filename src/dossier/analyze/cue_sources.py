"""Where a cue's source is when its subject is not simply the parse's subject.

- A source phrase ("according to the ministry", "según una fuente policial", "de
  acuerdo con la Fiscalía") attributes the rest of the sentence to the noun it
  governs; one that introduces a clause of saying ("…, según informó la Policía")
  to that clause's subject.
- A language that drops subject pronouns (``quotes.toml``, ``[subjects]``) leaves a
  finite cue with no subject standing for "he", "she" or "they" ("—No tenemos miedo
  —afirmó."), except with the impersonal or passive "se" ("Se informó que…").
- An attribution inserted between dialogue dashes is the cue and its speaker, so
  the first noun after the cue that no preposition governs is the speaker, whatever
  the parser made of it.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from .doctext import language_of
from .quote_words import SUBJECTS, finite, has, phrases, prep_object, says, setting
from .quotemarks import Quoted

# A UD verb's "se" of the passive or impersonal ("se informó que…").
_IMPERSONAL = ("expl:pass", "expl:impers")


def drops_subject(cue: Token) -> bool:
    """Whether the cue is a finite verb in a language that leaves its subject out
    (``quotes.toml``, ``[subjects]``): Spanish "dijo" says "he said"."""
    if any(
        c.dep_ in _IMPERSONAL or (has(c, "Reflex", "Yes") and c.i < cue.i) for c in cue.children
    ):
        # "Se informó que…": a verb of saying with the passive or impersonal "se"
        # (which the parser may call an object) has no one behind it.
        return False
    return bool(setting(language_of(cue), "quotes", "subjects", "pro_drop", False)) and finite(cue)


def inserted_subject(cue: Token, quoted: list[Quoted]) -> Token | None:
    """The subject of an attribution inserted in dialogue-dash speech ("—…
    —comentó a este diario la esposa de la víctima—"): the attribution is the cue
    and who speaks, so the first noun after the cue that no preposition governs is
    its subject, though the parser, misled by the dashes, made it an object."""
    text = cue.doc.text
    before = text[: cue.idx].rstrip()
    if not any(
        q.dash and q.end <= cue.idx and not text[q.end : cue.idx].strip(" —") for q in quoted
    ):
        return None
    if not before.endswith(("—", "-")):
        return None
    for child in sorted(cue.rights, key=lambda t: t.i):
        if child.pos_ in ("NOUN", "PROPN") and not any(c.dep_ == "case" for c in child.children):
            return child
    return None


def _source_clause(word: Token) -> tuple[Token, Token, Span, Span] | None:
    """ "…, según informó la Policía": a source phrase that introduces a clause of
    saying attributes the rest of the sentence to that clause's subject. Its cue is
    the phrase up to the verb."""
    verb = word.head
    if word.dep_ != "mark" or verb == word or not says(verb):
        return None
    subjects = [c for c in verb.children if c.dep_ in SUBJECTS and not c.is_punct]
    if not subjects:
        return None
    doc, sent = word.doc, word.sent
    subject = subjects[0]
    source = doc[subject.left_edge.i : subject.right_edge.i + 1]
    clause = list(verb.subtree)
    before = doc[sent.start : clause[0].i]
    after = doc[clause[-1].i + 1 : sent.end]
    return word, verb, source, before if len(before) >= len(after) else after


def according_to(sent: Span) -> tuple[Token, Token, Span, Span] | None:
    """A source phrase ("according to", "según"): its first and last words, the
    phrase of the source it governs, and the rest of the sentence."""
    doc = sent.doc
    sources = [p.lower().split() for p in phrases(language_of(doc), "quotes", "sources", "phrases")]
    for token in sent:
        for words in sources:
            if not words or token.lower_ != words[0] or token.i + len(words) > sent.end:
                continue
            if any(doc[token.i + k].lower_ != w for k, w in enumerate(words[1:], 1)):
                continue
            last = doc[token.i + len(words) - 1]
            objects = prep_object(last)
            if not objects:
                reported = _source_clause(last)
                if reported is not None:
                    return reported
                continue
            # In UD the phrase is part of its noun's subtree; the source starts after it.
            first = max(objects[0].left_edge.i, last.i + 1)
            source = doc[first : objects[0].right_edge.i + 1]
            before = doc[sent.start : token.i]
            after = doc[source.end : sent.end]
            rest = before if len(before) >= len(after) else after
            return token, last, source, rest
    return None
