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
from functools import lru_cache

from spacy.tokens import Doc, Span, Token

from .doctext import language_of
from .quote_words import quote_words, setting
from .quotemarks import Quoted

MAX_LABEL_WORDS = 4
# Titles run longer than labels ("The Late Show With Ann Lee") but not much.
_MAX_TITLE_WORDS = 8


def _words(language: str, key: str) -> frozenset[str]:
    """Naming words before a label ("known as", "dubbed", "designated a") and the small
    words a title leaves in lower case (``quotes.toml``, ``[nonspeech]``)."""
    return quote_words(language, "nonspeech", key)


@lru_cache(maxsize=8)
def _correction(language: str) -> re.Pattern[str] | None:
    """The outlet's notes on its own earlier text ("This article was amended on…")."""
    pattern = setting(language, "quotes", "nonspeech", "correction", "")
    return re.compile(pattern, re.IGNORECASE) if pattern else None


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
    small = _words(language_of(sent), "title_small")
    return words[0][:1].isupper() and all(
        w[:1].isupper() or w[:1].isdigit() or w.lower() in small for w in words
    )


def is_correction(sent: Span) -> bool:
    pattern = _correction(language_of(sent))
    return pattern is not None and pattern.match(sent.text.strip()) is not None


def is_label(doc: Doc, text: str, q: Quoted, sent: Span, cue: Token | None, speaking: bool) -> bool:
    """Scare quotes, names and labels: after a naming word ("known as the"), a title
    (``is_title``), or a short fragment that no verb of saying governs ("signing
    a 'historic pact'"). Speech set off by dialogue dashes is never a label."""
    if q.dash:
        return False
    before = doc.char_span(
        sent.start_char, max(sent.start_char, q.start - 1), alignment_mode="contract"
    )
    previous = [t for t in before if not t.is_punct][-3:] if before is not None else []
    labels = _words(language_of(doc), "label_words")
    if any(t.lower_ in labels for t in previous) or is_title(text, q, sent):
        return True
    if len(text[q.start : q.end].split()) > MAX_LABEL_WORDS:
        return False
    if cue is None or not speaking:
        return True
    inside = doc.char_span(q.start, q.end, alignment_mode="contract")
    return inside is None or not len(inside) or cue not in list(inside.root.ancestors)
