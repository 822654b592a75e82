"""Places, dates and events to table rows and back, and events across articles.

The same event reported by several articles is one event
with several reports: a new report joins the event of an earlier one only on
positive evidence, as ``event_links`` defines it. Each report keeps its own
row, wording, figures and sourcing; nothing is averaged.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from typing import Any

from ..models import Analysis, Event, Place, TimeExpression
from .event_links import (
    Linker,
    Report,
    day_span,
    keys,
    published_day,
    report_places,
    specific_figure,
)
from .resolve import ExecuteMany, one_by_one
from .review_keys import event_keys, occurrence_keys
from .rows import corpus_entity
from .schema import EVENT_DAY

Execute = Callable[[str, Sequence[Any]], list[tuple[Any, ...]]]

PLACE_COLUMNS = (
    "start_char, end_char, text, name, resolved, geonames_id, latitude, longitude, "
    "country_code, admin1, feature, confidence, key"
)
DATE_COLUMNS = "start_char, end_char, text, precision, start_date, end_date, anchored, key"
# The column `confidence` holds `Event.score`: it kept its schema-v3 name when the field
# was renamed, since the value and its meaning as a ranking did not change.
EVENT_COLUMNS = (
    "start_char, end_char, text, sentence_start, sentence_end, type, mode, trigger, "
    "trigger_start, trigger_end, source, source_start, source_end, source_entity_id, target, "
    "target_start, target_end, target_entity_id, status, confidence, quote_idx, place_idx, "
    "date_idx, claim_idx, figure_idxs, key"
)


FIGURE_IDXS = [c.strip() for c in EVENT_COLUMNS.split(",")].index("figure_idxs")


def _placeholders(columns: str, extra: int) -> str:
    return ", ".join("?" for _ in range(len(columns.split(",")) + extra))


def _report(
    analysis: Analysis,
    event: Event,
    text: str,
    published: str | None,
) -> Report:
    """The linking view of an event that is about to be stored (see ``event_links``)."""
    when = analysis.dates[event.date] if event.date is not None else None
    places = (
        (i, p.start, (p.geonames_id, p.latitude, p.longitude, p.country_code, p.feature))
        for i, p in enumerate(analysis.places)
        if p.resolved and p.geonames_id is not None
    )
    figures = (analysis.figures[i] for i in event.figures if i < len(analysis.figures))
    return Report(
        type=event.type,
        status=event.status,
        source=event.source_entity_id,
        target=event.target_entity_id,
        trigger=event.trigger,
        days=day_span(when.precision, when.start_date, when.end_date) if when else None,
        places=report_places(places, event.place, event.sentence_start, event.sentence_end),
        figures=frozenset(
            (f.value, f.value_to, f.unit)
            for f in figures
            if f.value is not None and specific_figure(f.value, f.value_to, f.unit)
        ),
        sentence=text[event.sentence_start : event.sentence_end],
        published=published_day(published),
    )


def write_events(
    execute: Execute,
    aid: str,
    version: int,
    analysis: Analysis,
    ids: Mapping[str, tuple[str, str]],
    many: ExecuteMany | None = None,
) -> None:
    """Insert the places, regions, dates (a batch per table) and events of one article
    version; each event is linked to the events already stored as it is written."""
    many = many or one_by_one(execute)
    place_keys = occurrence_keys("place", aid, (p.text for p in analysis.places), True)
    date_keys = occurrence_keys("date", aid, (d.text for d in analysis.dates), True)
    many(
        f"INSERT INTO places (article_id, version, idx, {PLACE_COLUMNS}) "
        f"VALUES ({_placeholders(PLACE_COLUMNS, 3)})",
        [
            (
                aid,
                version,
                i,
                p.start,
                p.end,
                p.text,
                p.name,
                int(p.resolved),
                p.geonames_id,
                p.latitude,
                p.longitude,
                p.country_code,
                p.admin1,
                p.feature,
                p.confidence,
                place_keys[i],
            )
            for i, p in enumerate(analysis.places)
        ],
    )
    many(
        "INSERT INTO regions (article_id, version, country_code, admin1) VALUES (?, ?, ?, ?)",
        [(aid, version, country, admin1 or "") for country, admin1 in analysis.regions],
    )
    many(
        f"INSERT INTO dates (article_id, version, idx, {DATE_COLUMNS}) "
        f"VALUES ({_placeholders(DATE_COLUMNS, 3)})",
        [
            (
                aid,
                version,
                i,
                d.start,
                d.end,
                d.text,
                d.precision,
                d.start_date,
                d.end_date,
                int(d.anchored),
                date_keys[i],
            )
            for i, d in enumerate(analysis.dates)
        ],
    )
    linker = Linker(execute)
    article = execute(
        "SELECT text, published FROM articles WHERE id = ? AND version = ?", (aid, version)
    )
    text, published = article[0] if article else ("", None)
    review_keys = event_keys(aid, text, analysis.events)
    blocking: list[tuple[str, int, int, str]] = []
    for i, e in enumerate(analysis.events):
        source, _ = corpus_entity(ids, e.source_entity_id)
        target, _ = corpus_entity(ids, e.target_entity_id)
        coded = replace(e, source_entity_id=source, target_entity_id=target)
        report = replace(_report(analysis, coded, text, published), article=aid)
        cluster = linker.cluster_for(report) or (
            "v" + hashlib.sha256(f"{aid}:{version}:{i}".encode()).hexdigest()[:15]
        )
        execute(
            f"INSERT INTO events (article_id, version, idx, {EVENT_COLUMNS}, cluster_id) "
            f"VALUES ({_placeholders(EVENT_COLUMNS, 4)})",
            (
                aid,
                version,
                i,
                e.start,
                e.end,
                e.text,
                e.sentence_start,
                e.sentence_end,
                e.type,
                e.mode,
                e.trigger,
                e.trigger_start,
                e.trigger_end,
                e.source,
                e.source_start,
                e.source_end,
                source,
                e.target,
                e.target_start,
                e.target_end,
                target,
                e.status,
                e.score,
                e.quote,
                e.place,
                e.date,
                e.claim,
                json.dumps(list(e.figures)),
                review_keys[i],
                cluster,
            ),
        )
        # Linking looks up other articles' keys only (``candidate_sql``), so this
        # article's keys can wait for one batch after its events.
        blocking += [(aid, version, i, key) for key in dict.fromkeys(keys(report))]
    many("INSERT INTO event_keys (article_id, version, idx, key) VALUES (?, ?, ?, ?)", blocking)
    execute(f"{EVENT_DAY} WHERE article_id = ? AND version = ?", (aid, version))


def event_from_row(row: Sequence[Any]) -> Event:
    """An ``Event`` from the ``EVENT_COLUMNS`` of a row."""
    fields: list[Any] = list(row)
    fields[FIGURE_IDXS] = tuple(json.loads(fields[FIGURE_IDXS]))
    key = fields.pop()
    return replace(Event(*fields), key=key or "")


def place_from_row(r: Sequence[Any]) -> Place:
    """A ``Place`` from the ``PLACE_COLUMNS`` of a row."""
    place = Place(r[0], r[1], r[2], r[3], bool(r[4]), *r[5:12])
    return replace(place, key=r[12] or "")


def date_from_row(r: Sequence[Any]) -> TimeExpression:
    """A ``TimeExpression`` from the ``DATE_COLUMNS`` of a row."""
    return TimeExpression(r[0], r[1], r[2], r[3], r[4], r[5], bool(r[6]), key=r[7] or "")


def read_events(
    execute: Execute, aid: str, version: int
) -> tuple[tuple[Place, ...], tuple[TimeExpression, ...], tuple[Event, ...]]:
    key = (aid, version)
    where = "WHERE article_id = ? AND version = ? ORDER BY idx"
    places = tuple(
        place_from_row(r) for r in execute(f"SELECT {PLACE_COLUMNS} FROM places {where}", key)
    )
    dates = tuple(
        date_from_row(r) for r in execute(f"SELECT {DATE_COLUMNS} FROM dates {where}", key)
    )
    events = tuple(
        event_from_row(r) for r in execute(f"SELECT {EVENT_COLUMNS} FROM events {where}", key)
    )
    return places, dates, events


def delete_events(execute: Execute, aid: str, version: int) -> None:
    for table in ("event_keys", "events", "places", "dates", "regions"):
        execute(f"DELETE FROM {table} WHERE article_id = ? AND version = ?", (aid, version))
