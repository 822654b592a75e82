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
"""

from __future__ import annotations

import itertools
import re
from datetime import date

from spacy.tokens import Doc

from ..models import TimeExpression
from .dateclause import reading_of
from .datenorm import MONTHS, normalise
from .doctext import doc_text

_LABELS = frozenset({"DATE", "TIME"})
_LEAD = re.compile(
    r"(?:in|on|at|during|by|for|of|from|between|until|till|before|after|around|about|over)\s+",
    re.IGNORECASE,
)
_TRAIL = frozenset(" \t\n,;:!?\"'()’”“")
_WIDEN = re.compile(
    r"(?:\b(?:since|early|late|earlier|later|last|this|next|past|previous|"
    r"the (?:beginning|start|middle|end) of)\s+|\bmid-\s*|\bmid\s+)$",
    re.IGNORECASE,
)
_WIDEN_RIGHT = re.compile(r",?\s+\d{4}\b|\s+(?:next|last|this) year\b", re.IGNORECASE)
_RANGE_GAP = re.compile(r"\s*[-–—]\s*|\s+(?:to|until|till|through|thru|and)\s+", re.IGNORECASE)
_RANGE_LEFT = re.compile(r"\b(?:from|between)\s+$", re.IGNORECASE)
_ATTACH_GAP = re.compile(r",?\s*(?:\b(?:at|on)\s+)?")  # "Friday at 9 p.m.", "10 a.m. on Friday"
_LIST = re.compile(r"\s*(?:[,;&]|\band\b|\bor\b)\s*", re.IGNORECASE)
_HABIT = re.compile(r"\b(?:every|each)\s+$", re.IGNORECASE)
# Month names as written in running text or headlines, not "may" the verb.
_MONTH_CAP = "(?:{})\\b\\.?".format(
    "|".join(sorted({f(name) for name in MONTHS for f in (str.title, str.upper)}, key=len)[::-1])
)
_FALLBACK = re.compile(
    rf"\b\d{{4}}-\d{{2}}-\d{{2}}\b|\b{_MONTH_CAP}\s+\d{{1,2}}(?:st|nd|rd|th)?\b(?:,?\s+\d{{4}}\b)?"
    rf"|\b\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH_CAP}(?:\s+\d{{4}}\b)?|\b{_MONTH_CAP}\s+\d{{4}}\b"
    r"|(?:\b[Tt]he\s+)?(?:\b\d{3}|['’]\d)0s\b|\b[Tt]he\s+\d0s\b"  # decades
    # Year ranges: the model often tags only the first year of "from 1999 to 2009".
    r"|\b[12]\d{3}(?:\s*[-–]\s*|\s+(?:to|and|until|through)\s+)[12]\d{3}\b"
)


def find_dates(doc: Doc, published: str | None) -> tuple[TimeExpression, ...]:
    """Every date or period in ``doc``, in text order, without overlaps."""
    try:
        pub = date.fromisoformat(published[:10]) if published else None
    except ValueError:
        pub = None
    text: str = doc_text(doc)
    found = {(e.start_char, e.end_char) for e in doc.ents if e.label_ in _LABELS}
    found |= {m.span() for m in _FALLBACK.finditer(text)}
    cores = sorted(
        (start, end)
        for start, end in {_trim(text, *pair) for pair in found}
        if start < end and not _HABIT.search(text, max(0, start - 10), start)
    )
    candidates = set(cores)
    for start, end in cores:
        candidates.update(_widen(text, start, end))
        if m := _RANGE_LEFT.search(text, max(0, start - 10), start):
            candidates.add((m.start(), end))  # "from 1999 to 2009" tagged as one entity
        piece = start  # the items of a list tagged as one entity: "Monday, Tuesday and Friday"
        for sep in _LIST.finditer(text, start, end):
            candidates.add(_trim(text, piece, sep.start()))
            piece = sep.end()
        candidates.add(_trim(text, piece, end))
    for (start, end), (after, stop) in itertools.pairwise(cores):
        if end <= after and _RANGE_GAP.fullmatch(text, end, after):
            candidates.add((start, stop))
            candidates.update(_widen(text, start, stop))
            if m := _RANGE_LEFT.search(text, max(0, start - 10), start):
                candidates.add((m.start(), stop))
        elif end <= after and _ATTACH_GAP.fullmatch(text, end, after):
            candidates.add((start, stop))
    results = []
    for start, end in candidates:
        if start >= end:
            continue
        surface = text[start:end]
        span = doc.char_span(start, end, alignment_mode="expand")
        value = normalise(surface, pub, reading="past" if span is None else reading_of(span))
        if value is not None:
            results.append(TimeExpression(start, end, surface, *value))
    return _longest(results)


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while m := _LEAD.match(text, start, end):
        start = m.end()
    while end > start:
        if text[end - 1] in _TRAIL:
            end -= 1
        elif end - start > 2 and text.startswith(("'s", "’s"), end - 2):
            end -= 2  # possessive: "last year's budget"
        else:
            break
    return start, end


def _widen(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The span with the modifiers before it and a year or "next year" after it."""
    spans = []
    if m := _WIDEN_RIGHT.match(text, end):
        end = m.end()
        spans.append((start, end))
    for _ in range(3):
        m = _WIDEN.search(text, max(0, start - 30), start)
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
