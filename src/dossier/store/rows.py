"""Quotes, claims and figures to table rows and back.

Entity IDs in the rows are corpus IDs: ``ids`` maps the article-level IDs
the analysis produced to the IDs corpus resolution chose.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from ..models import Analysis, Claim, Evidence, Figure, Quote, Span, Speaker
from .review_keys import occurrence_keys

Execute = Callable[[str, Sequence[Any]], list[tuple[Any, ...]]]
ExecuteMany = Callable[[str, Sequence[Sequence[Any]]], None]


def corpus_entity(
    ids: Mapping[str, tuple[str, str]], eid: str | None
) -> tuple[str | None, str | None]:
    """Corpus (ID, name) for an article-level entity ID."""
    return ids.get(eid, (eid, None)) if eid else (None, None)


def write_analysis(
    many: ExecuteMany,
    aid: str,
    version: int,
    analysis: Analysis,
    ids: Mapping[str, tuple[str, str]],
) -> None:
    """Insert the quotes, claims and figures of one article version, a batch per table."""
    keys = {
        kind: occurrence_keys(kind, aid, (x.text for x in items), kind == "figure")
        for kind, items in (
            ("quote", analysis.quotes),
            ("claim", analysis.claims),
            ("figure", analysis.figures),
        )
    }
    quotes = []
    for i, q in enumerate(analysis.quotes):
        cue, s = q.cue, q.speaker
        speaker_id, speaker_name = corpus_entity(ids, s.entity_id if s else None)
        quotes.append(
            (
                aid,
                version,
                i,
                q.start,
                q.end,
                q.text,
                q.kind,
                cue.start if cue else None,
                cue.end if cue else None,
                cue.text if cue else None,
                speaker_name or (s.name if s else None),
                speaker_id,
                s.role if s else None,
                int(bool(s and s.anonymous)),
                s.description if s else None,
                s.start if s else None,
                s.end if s else None,
                s.text if s else None,
                keys["quote"][i],
            )
        )
    many(
        "INSERT INTO quotes (article_id, version, idx, start_char, end_char, text, kind, "
        "cue_start, cue_end, cue_text, speaker_name, speaker_entity_id, speaker_role, "
        "speaker_anonymous, speaker_description, speaker_start, speaker_end, speaker_text, "
        "key) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        quotes,
    )
    claims = []
    for i, c in enumerate(analysis.claims):
        e = c.evidence
        evidence_id, evidence_name = corpus_entity(ids, e.entity_id)
        claims.append(
            (
                aid,
                version,
                i,
                c.start,
                c.end,
                c.text,
                e.type,
                evidence_name or e.source,
                evidence_id,
                e.start,
                e.end,
                json.dumps([[h.start, h.end, h.text] for h in c.hedges], ensure_ascii=False),
                c.quote,
                keys["claim"][i],
            )
        )
    many(
        "INSERT INTO claims (article_id, version, idx, start_char, end_char, text, "
        "evidence_type, evidence_source, evidence_entity_id, evidence_start, evidence_end, "
        "hedges, quote_idx, key) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        claims,
    )
    figures = [
        (
            aid,
            version,
            i,
            f.start,
            f.end,
            f.text,
            f.kind,
            f.value,
            f.value_to,
            f.unit,
            f.qualifier,
            f.measure,
            keys["figure"][i],
        )
        for i, f in enumerate(analysis.figures)
    ]
    many(
        "INSERT INTO figures (article_id, version, idx, start_char, end_char, text, kind, "
        "value, value_to, unit, qualifier, measure, key) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        figures,
    )


def delete_analysis(execute: Execute, aid: str, version: int) -> None:
    for table in ("quotes", "claims", "figures", "mentions"):
        execute(f"DELETE FROM {table} WHERE article_id = ? AND version = ?", (aid, version))


QUOTE_COLUMNS = (
    "start_char, end_char, text, kind, cue_start, cue_end, cue_text, speaker_name, "
    "speaker_entity_id, speaker_role, speaker_anonymous, speaker_description, speaker_start, "
    "speaker_end, speaker_text, key"
)


def quote_from_row(row: Sequence[Any]) -> Quote:
    (
        start,
        end,
        text,
        kind,
        cue_start,
        cue_end,
        cue_text,
        name,
        entity_id,
        role,
        anonymous,
        description,
        s_start,
        s_end,
        s_text,
        key,
    ) = row
    cue = Span(cue_start, cue_end, cue_text) if cue_start is not None else None
    speaker = None
    if name is not None or s_text is not None or anonymous:
        speaker = Speaker(
            name, s_start, s_end, s_text, entity_id, role, bool(anonymous), description
        )
    return Quote(start, end, text, kind, cue, speaker, key=key or "")


CLAIM_COLUMNS = (
    "start_char, end_char, text, evidence_type, evidence_source, evidence_entity_id, "
    "evidence_start, evidence_end, hedges, quote_idx, key"
)


def claim_from_row(row: Sequence[Any]) -> Claim:
    start, end, text, type_, source, entity_id, e_start, e_end, hedges, quote, key = row
    spans = tuple(Span(h[0], h[1], h[2]) for h in json.loads(hedges))
    evidence = Evidence(type_, source, entity_id, e_start, e_end)
    return Claim(start, end, text, evidence, spans, quote, key=key or "")


FIGURE_COLUMNS = "start_char, end_char, text, kind, value, value_to, unit, qualifier, measure, key"


def figure_from_row(row: Sequence[Any]) -> Figure:
    start, end, text, kind, value, value_to, unit, qualifier, measure, key = row
    return Figure(start, end, text, kind, value, value_to, unit, qualifier, measure, key or "")


def read_analysis(
    execute: Execute, aid: str, version: int
) -> tuple[tuple[Quote, ...], tuple[Claim, ...], tuple[Figure, ...]]:
    key = (aid, version)
    where = "WHERE article_id = ? AND version = ? ORDER BY idx"
    quotes = tuple(
        quote_from_row(r) for r in execute(f"SELECT {QUOTE_COLUMNS} FROM quotes {where}", key)
    )
    claims = tuple(
        claim_from_row(r) for r in execute(f"SELECT {CLAIM_COLUMNS} FROM claims {where}", key)
    )
    figures = tuple(
        figure_from_row(r) for r in execute(f"SELECT {FIGURE_COLUMNS} FROM figures {where}", key)
    )
    return quotes, claims, figures
