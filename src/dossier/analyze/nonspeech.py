"""Quoted passages that are no one's speech.

- Naming words before the passage ("known as the", "dubbed", "designated a"):
  a label, nickname or designation, not words anyone said.
- Titles and names set inside the writer's sentence ("appearing on “The
  Late Show With Ann Lee”"): every word capitalised but small ones, and no
  sentence punctuation.
- Short fragments that no verb of saying governs (signing a "historic pact").
- The outlet's correction notes ("This article was amended on…", "An earlier
  version said…"): they report its own earlier text.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

from .quotemarks import Quoted

LABEL_WORDS = frozenset(
    """known called labeled labelled dubbed termed nicknamed titled named so-called
    branded alias aka a.k.a. a.k.a nickname moniker""".split()
) | frozenset(
    # Designations and listings put a label on something: "had the group
    # designated a 'terrorist organisation'", "listed as a 'threat'".
    """designated designate designates designating listed proscribed classified
    classifies reclassified""".split()
)
MAX_LABEL_WORDS = 4
# Titles run longer than labels ("The Late Show With Ann Lee") but not much.
_MAX_TITLE_WORDS = 8
# Small words a title leaves in lower case.
_TITLE_SMALL = frozenset("a an and at by for from in of on or the to with".split())
# The outlet's notes on its own earlier text.
_CORRECTION = re.compile(
    r"(?:this|the|an?)\s+(?:article|story|report|piece|earlier\s+version|caption|headline)"
    r"(?:\s+\w+){0,3}\s+(?:was|has\s+been|were|have\s+been)\s+"
    r"(?:amended|corrected|updated|changed)|an\s+earlier\s+version\b|"
    r"this\s+has\s+been\s+(?:amended|corrected)",
    re.IGNORECASE,
)


def is_title(text: str, q: Quoted, sent: Span) -> bool:
    """A name or title inside the writer's sentence: a word of the sentence right
    before it, every word capitalised but small ones, and no sentence punctuation."""
    before = text[sent.start_char : max(sent.start_char, q.start - 1)].rstrip()
    if not before or not before[-1].isalpha():
        return False
    content = text[q.start : q.end].strip(" ,")
    words = content.split()
    if not words or len(words) > _MAX_TITLE_WORDS or re.search(r"[.!?;:,]", content):
        return False
    return words[0][:1].isupper() and all(
        w[:1].isupper() or w[:1].isdigit() or w.lower() in _TITLE_SMALL for w in words
    )


def is_correction(sent: Span) -> bool:
    return _CORRECTION.match(sent.text.strip()) is not None


def is_label(doc: Doc, text: str, q: Quoted, sent: Span, cue: Token | None, speaking: bool) -> bool:
    """Scare quotes, names and labels: after a naming word ("known as the"), a title
    (``is_title``), or a short fragment that no verb of saying governs ("signing
    a 'historic pact'")."""
    before = doc.char_span(
        sent.start_char, max(sent.start_char, q.start - 1), alignment_mode="contract"
    )
    previous = [t for t in before if not t.is_punct][-3:] if before is not None else []
    if any(t.lower_ in LABEL_WORDS for t in previous) or is_title(text, q, sent):
        return True
    if len(text[q.start : q.end].split()) > MAX_LABEL_WORDS:
        return False
    if cue is None or not speaking:
        return True
    inside = doc.char_span(q.start, q.end, alignment_mode="contract")
    return inside is None or not len(inside) or cue not in list(inside.root.ancestors)
