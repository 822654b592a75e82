"""The article exports: JSON Lines, CSV tables and Parquet, each written from
:func:`.records.article_record` and the records of its parts.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Callable, Iterable
from typing import IO, Any

from ..models import Article, Claim, Evidence, Figure, Quote, Span
from .records import (
    ARTICLE_KEYS,
    LINK_KEYS,
    article_record,
    claim_record,
    figure_record,
    quote_record,
)

FORMATS = ("jsonl", "csv", "parquet", "acled", "polecat", "stories")
CSV_TABLES = ("articles", "mentions", "quotes", "claims", "figures")


def write_jsonl(articles: Iterable[Article], out: IO[str]) -> int:
    count = 0
    for article in articles:
        out.write(json.dumps(article_record(article), ensure_ascii=False) + "\n")
        count += 1
    return count


def write_csv(articles: Iterable[Article], out: IO[str], table: str = "articles") -> int:
    writer = csv.writer(out)
    count = 0
    if table in ("quotes", "claims", "figures"):
        return _write_flat(articles, writer, table)
    if table == "mentions":
        writer.writerow(
            [
                "article_id",
                "language",
                "entity_id",
                "entity_name",
                "entity_type",
                "start",
                "end",
                "text",
            ]
        )
        for article in articles:
            for entity in article.entities:
                for m in entity.mentions:
                    writer.writerow(
                        [
                            article.id,
                            article.language or "",
                            entity.id,
                            entity.name,
                            entity.type,
                            m.start,
                            m.end,
                            m.text,
                        ]
                    )
                    count += 1
        return count
    columns = (*ARTICLE_KEYS, *LINK_KEYS)
    writer.writerow([*columns, "entities"])
    for article in articles:
        names = "; ".join(f"{e.name} ({e.type})" for e in article.entities)
        writer.writerow([getattr(article, key) or "" for key in columns] + [names])
        count += 1
    return count


def _flatten(record: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    flat: dict[str, Any] = {}
    for key, value in record.items():
        if isinstance(value, dict):
            flat.update(_flatten(value, f"{prefix}{key}_"))
        elif isinstance(value, list):
            flat[prefix + key] = json.dumps(value, ensure_ascii=False)
        else:
            flat[prefix + key] = value
    return flat


_FLAT_RECORDS: dict[str, Callable[[Any], dict[str, Any]]] = {
    "quotes": quote_record,
    "claims": claim_record,
    "figures": figure_record,
}
_EMPTY: dict[str, dict[str, Any]] = {
    "quotes": quote_record(Quote(0, 0, "", "", Span(0, 0, ""), None)),
    "claims": claim_record(Claim(0, 0, "", Evidence("outlet"))),
    "figures": figure_record(Figure(0, 0, "", "")),
}


def _write_flat(articles: Iterable[Article], writer: Any, table: str) -> int:
    """One row per quote, claim or figure; nested objects become prefixed columns."""
    columns = ["article_id", "language", *_flatten(_EMPTY[table])]
    if table == "quotes":
        columns += [
            c
            for c in (
                "speaker_name",
                "speaker_entity_id",
                "speaker_role",
                "speaker_anonymous",
                "speaker_description",
                "speaker_start",
                "speaker_end",
                "speaker_text",
            )
            if c not in columns
        ]
        columns.remove("speaker")
    writer.writerow(columns)
    count = 0
    for article in articles:
        for item in getattr(article, table):
            row = {
                "article_id": article.id,
                "language": article.language,
                **_flatten(_FLAT_RECORDS[table](item)),
            }
            writer.writerow(["" if row.get(c) is None else row.get(c) for c in columns])
            count += 1
    return count


def write_parquet(articles: Iterable[Article], path: str) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    mention = pa.struct([("start", pa.int64()), ("end", pa.int64()), ("text", pa.string())])
    entity = pa.struct(
        [
            ("id", pa.string()),
            ("name", pa.string()),
            ("type", pa.string()),
            ("mentions", pa.list_(mention)),
        ]
    )
    i64, f64, text, flag = pa.int64(), pa.float64(), pa.string(), pa.bool_()
    reviewed = [("key", text), ("review", text)]  # every finding's key and review state
    span = pa.struct([("start", i64), ("end", i64), ("text", text)])
    speaker = pa.struct(
        [
            ("name", text),
            ("entity_id", text),
            ("role", text),
            ("anonymous", flag),
            ("description", text),
            ("start", i64),
            ("end", i64),
            ("text", text),
        ]
    )
    quote = pa.struct(
        [
            ("start", i64),
            ("end", i64),
            ("text", text),
            ("kind", text),
            ("cue", span),
            ("speaker", speaker),
            *reviewed,
        ]
    )
    evidence = pa.struct(
        [("type", text), ("source", text), ("entity_id", text), ("start", i64), ("end", i64)]
    )
    claim = pa.struct(
        [
            ("start", i64),
            ("end", i64),
            ("text", text),
            ("evidence", evidence),
            ("hedges", pa.list_(span)),
            ("quote", i64),
            *reviewed,
        ]
    )
    figure = pa.struct(
        [
            ("start", i64),
            ("end", i64),
            ("text", text),
            ("kind", text),
            ("value", f64),
            ("value_to", f64),
            ("unit", text),
            ("qualifier", text),
            ("measure", text),
            *reviewed,
        ]
    )
    place = pa.struct(
        [
            ("start", i64),
            ("end", i64),
            ("text", text),
            ("name", text),
            ("resolved", flag),
            ("geonames_id", i64),
            ("latitude", f64),
            ("longitude", f64),
            ("country_code", text),
            ("admin1", text),
            ("feature", text),
            ("confidence", f64),
            *reviewed,
        ]
    )
    when = pa.struct(
        [
            ("start", i64),
            ("end", i64),
            ("text", text),
            ("precision", text),
            ("start_date", text),
            ("end_date", text),
            ("anchored", flag),
            *reviewed,
        ]
    )
    actor = pa.struct([("text", text), ("start", i64), ("end", i64), ("entity_id", text)])
    event = pa.struct(
        [
            ("start", i64),
            ("end", i64),
            ("text", text),
            ("type", text),
            ("mode", text),
            ("status", text),
            ("trigger", span),
            ("source", actor),
            ("target", actor),
            ("sentence", pa.struct([("start", i64), ("end", i64)])),
            ("place", i64),
            ("date", i64),
            ("quote", i64),
            ("claim", i64),
            ("figures", pa.list_(i64)),
            ("score", f64),
            *reviewed,
        ]
    )
    location = pa.struct(
        [
            ("name", text),
            ("geonames_id", i64),
            ("latitude", f64),
            ("longitude", f64),
            ("country_code", text),
            ("mentions", i64),
            ("geo_precision", i64),
        ]
    )
    arrow_schema = pa.schema(
        [
            *((key, pa.string()) for key in ARTICLE_KEYS),
            ("entities", pa.list_(entity)),
            ("quotes", pa.list_(quote)),
            ("claims", pa.list_(claim)),
            ("figures", pa.list_(figure)),
            ("places", pa.list_(place)),
            ("dates", pa.list_(when)),
            ("events", pa.list_(event)),
            ("location", location),
            ("analysed", pa.bool_()),
            *((key, pa.string()) for key in LINK_KEYS),
        ]
    )
    records = [article_record(a) for a in articles]
    table = pa.Table.from_pylist(records, schema=arrow_schema)
    pq.write_table(table, path)
    return len(records)
