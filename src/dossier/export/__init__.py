"""Exports in documented formats: JSONL, CSV and Parquet.

``article_record`` is the one definition of an exported article; every
format is written from it, and ``article.schema.json`` describes it.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from importlib import resources
from typing import IO, Any

from ..models import Article

FORMATS = ("jsonl", "csv", "parquet")
CSV_TABLES = ("articles", "mentions")
_ARTICLE_KEYS = (
    "id",
    "source",
    "url",
    "outlet",
    "title",
    "author",
    "published",
    "language",
    "text",
)


def article_record(article: Article) -> dict[str, Any]:
    record: dict[str, Any] = {key: getattr(article, key) for key in _ARTICLE_KEYS}
    record["entities"] = [
        {
            "id": entity.id,
            "name": entity.name,
            "type": entity.type,
            "mentions": [{"start": m.start, "end": m.end, "text": m.text} for m in entity.mentions],
        }
        for entity in article.entities
    ]
    return record


def schema() -> dict[str, Any]:
    text = resources.files(__package__).joinpath("article.schema.json").read_text("utf-8")
    loaded: dict[str, Any] = json.loads(text)
    return loaded


def write_jsonl(articles: Iterable[Article], out: IO[str]) -> int:
    count = 0
    for article in articles:
        out.write(json.dumps(article_record(article), ensure_ascii=False) + "\n")
        count += 1
    return count


def write_csv(articles: Iterable[Article], out: IO[str], table: str = "articles") -> int:
    writer = csv.writer(out)
    count = 0
    if table == "mentions":
        writer.writerow(
            ["article_id", "entity_id", "entity_name", "entity_type", "start", "end", "text"]
        )
        for article in articles:
            for entity in article.entities:
                for m in entity.mentions:
                    writer.writerow(
                        [article.id, entity.id, entity.name, entity.type, m.start, m.end, m.text]
                    )
                    count += 1
        return count
    writer.writerow([*_ARTICLE_KEYS, "entities"])
    for article in articles:
        names = "; ".join(f"{e.name} ({e.type})" for e in article.entities)
        writer.writerow([getattr(article, key) or "" for key in _ARTICLE_KEYS] + [names])
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
    arrow_schema = pa.schema(
        [*((key, pa.string()) for key in _ARTICLE_KEYS), ("entities", pa.list_(entity))]
    )
    records = [article_record(a) for a in articles]
    table = pa.Table.from_pylist(records, schema=arrow_schema)
    pq.write_table(table, path)
    return len(records)
