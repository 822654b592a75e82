"""The English pipeline's conversion: one parsed document into Dossier's records."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from spacy.tokens import Doc

from ..models import Analysis, Claim, Event, Place, TimeExpression
from .doctext import doc_text
from .homes import Home


def _claim_of(event: Event, claims: Sequence[Claim]) -> int | None:
    """Index of the narrowest claim that holds the event's trigger, if any."""
    holding = [
        (c.end - c.start, i)
        for i, c in enumerate(claims)
        if c.start <= event.trigger_start and event.trigger_end <= c.end
    ]
    return min(holding)[1] if holding else None


def _in_sentence(event: Event, spans: Sequence[Place | TimeExpression]) -> int | None:
    """Index of the span in the event's sentence nearest its trigger, if any."""
    inside = [
        (abs(span.start - event.trigger_start), i)
        for i, span in enumerate(spans)
        if event.sentence_start <= span.start < event.sentence_end
    ]
    return min(inside)[1] if inside else None


def analyze_doc(
    doc: Doc, published: str | None = None, outlet: str | None = None, home: Home | None = None
) -> Analysis:
    """Convert one parsed document into Dossier's records.

    Places are read with the outlet's ``home`` when one is known; the article's own votes
    for that home come from reading it without one (see ``homes``). Events take the place
    named in their own sentence, nearest the trigger, and the date their own clause
    governs (see ``dateclause``); an event without either has none. An event links to the
    narrowest claim that holds its trigger, whose evidence is the event's sourcing, and to
    every figure of its sentence.
    """
    from .attribution import find_quotes
    from .claims import find_claims
    from .dateclause import event_date
    from .dates import find_dates
    from .entities import doc_entities
    from .events import find_events
    from .figures import find_figures
    from .homes import regions_named
    from .places import place_mentions, resolve_mentions
    from .speakers import SpeakerResolver

    text = doc_text(doc)
    entities = doc_entities(doc)
    resolver = SpeakerResolver(doc, text, entities)
    quotes = find_quotes(doc, entities, resolver)
    toponyms = place_mentions(text, entities)
    alone = resolve_mentions(text, toponyms, outlet)
    places = alone if home is None else resolve_mentions(text, toponyms, outlet, home)
    dates = find_dates(doc, published)
    claims = find_claims(doc, entities, quotes, resolver)
    figures = find_figures(doc)
    events = tuple(
        replace(
            e,
            place=_in_sentence(e, places),
            date=event_date(doc, e, dates),
            claim=_claim_of(e, claims),
            figures=tuple(
                i for i, f in enumerate(figures) if e.sentence_start <= f.start < e.sentence_end
            ),
        )
        for e in find_events(doc, entities, quotes, published, resolver)
    )
    return Analysis(
        entities=entities,
        quotes=quotes,
        claims=claims,
        figures=figures,
        places=places,
        dates=dates,
        events=events,
        regions=regions_named(alone),
    )
