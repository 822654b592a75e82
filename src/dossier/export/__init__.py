"""Exports in documented formats: JSONL, CSV and Parquet (:mod:`.formats`), written from
the records of :mod:`.records`, which ``article.schema.json`` describes; the event
exports are in :mod:`.events`.

The public names are re-exported here, so ``dossier.export.article_record`` and the
like keep working.
"""

from .formats import CSV_TABLES, FORMATS, write_csv, write_jsonl, write_parquet
from .records import (
    article_location,
    article_record,
    claim_record,
    date_record,
    event_record,
    figure_record,
    place_record,
    quote_record,
    schema,
)

__all__ = [
    "CSV_TABLES",
    "FORMATS",
    "article_location",
    "article_record",
    "claim_record",
    "date_record",
    "event_record",
    "figure_record",
    "place_record",
    "quote_record",
    "schema",
    "write_csv",
    "write_jsonl",
    "write_parquet",
]
