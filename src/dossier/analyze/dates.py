"""Dates and periods found in a parsed document, each read with its clause's tense.

Candidates are spaCy's DATE and TIME entities (a list the tagger made one
entity, "Monday, Tuesday and Friday", also by its items), pairs of them joined
by a range connector or by "at"/"on", each widened by the modifiers the tagger
leaves out ("since", "early", "mid-", "last", "the end of"), plus a
regular-expression scan for month-name dates, ISO dates and decades it misses.
Leading prepositions ("in", "on", "from" outside a range) are trimmed. Each
candidate is normalised (``datenorm``) in the direction the clause governing
it gives (``dateclause``); every candidate that normalises is kept, and
overlaps go to the longest.

The patterns are the document's language's (``[scan]`` in its ``dates.toml``,
read by ``datewords``). A model without DATE entities (the Spanish one tags
only people, places, organisations and MISC) leaves the scan to find every
date: its patterns then cover weekdays, day words ("ayer", "mañana" where no
article makes it "the morning"), relative weeks and years, "hace ...", and
years after a preposition ("desde 2019").
"""

from __future__ import annotations

import itertools
from datetime import date

from spacy.tokens import Doc

from ..models import TimeExpression
from .dateclause import reading_of
from .datenorm import normalise
from .datewords import DateWords, date_words
from .doctext import doc_text, language_of

_LABELS = frozenset({"DATE", "TIME"})
_TRAIL = frozenset(" \t\n,;:!?\"'()’”“")


def find_dates(doc: Doc, published: str | None) -> tuple[TimeExpression, ...]:
    """Every date or period in ``doc``, in text order, without overlaps."""
    try:
        pub = date.fromisoformat(published[:10]) if published else None
    except ValueError:
        pub = None
    text: str = doc_text(doc)
    language: str = language_of(doc)
    words = date_words(language)
    found = {(e.start_char, e.end_char) for e in doc.ents if e.label_ in _LABELS}
    found |= {m.span() for m in words.fallback.finditer(text)}
    cores = sorted(
        (start, end)
        for start, end in {_trim(words, text, *pair) for pair in found}
        if start < end and not words.habit.search(text, max(0, start - 10), start)
    )
    candidates = set(cores)
    for start, end in cores:
        candidates.update(_widen(words, text, start, end))
        if m := words.range_left.search(text, max(0, start - 10), start):
            candidates.add((m.start(), end))  # "from 1999 to 2009" tagged as one entity
        piece = start  # the items of a list tagged as one entity: "Monday, Tuesday and Friday"
        for sep in words.items.finditer(text, start, end):
            candidates.add(_trim(words, text, piece, sep.start()))
            piece = sep.end()
        candidates.add(_trim(words, text, piece, end))
    for (start, end), (after, stop) in itertools.pairwise(cores):
        if end <= after and words.range_gap.fullmatch(text, end, after):
            candidates.add((start, stop))
            candidates.update(_widen(words, text, start, stop))
            if m := words.range_left.search(text, max(0, start - 10), start):
                candidates.add((m.start(), stop))
        elif end <= after and words.attach_gap.fullmatch(text, end, after):
            candidates.add((start, stop))
    results = []
    for start, end in candidates:
        if start >= end:
            continue
        surface = text[start:end]
        span = doc.char_span(start, end, alignment_mode="expand")
        reading = "past" if span is None else reading_of(span)
        value = normalise(surface, pub, reading=reading, language=language)
        if value is not None:
            results.append(TimeExpression(start, end, surface, *value))
    return _longest(results)


def _trim(words: DateWords, text: str, start: int, end: int) -> tuple[int, int]:
    while m := words.lead.match(text, start, end):
        start = m.end()
    while end > start:
        if text[end - 1] in _TRAIL:
            end -= 1
        elif end - start > 2 and text.startswith(("'s", "’s"), end - 2):
            end -= 2  # possessive: "last year's budget"
        else:
            break
    return start, end


def _widen(words: DateWords, text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The span with the modifiers before it and a year or "next year" after it."""
    spans = []
    if m := words.widen_right.match(text, end):
        end = m.end()
        spans.append((start, end))
    for _ in range(3):
        m = words.widen.search(text, max(0, start - 30), start)
        if m is None:
            break
        start = m.start()
        spans.append((start, end))
    return spans


def _longest(results: list[TimeExpression]) -> tuple[TimeExpression, ...]:
    kept: list[TimeExpression] = []
    for item in sorted(results, key=lambda r: (r.start - r.end, r.start)):
        if all(item.end <= k.start or item.start >= k.end for k in kept):
            kept.append(item)
    return tuple(sorted(kept, key=lambda r: r.start))
