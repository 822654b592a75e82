"""The spool: analysis results as Parquet parts, written by cluster workers, loaded later.

With ``dossier ingest --engine dask --spool DIR`` each Dask task writes its batch's results
itself to ``DIR/part-<run>-<batch>.parquet`` and sends back only an ``Ack``; the client, the
store's single writer, then loads the parts (``pipeline.Ingest.load``, also ``dossier
load DIR``). One part is one batch, one row per document, in the batch's order:

- ``position`` (int32): the document's place in its batch;
- ``extracted`` (string): the ``Extracted`` document, as JSON (``analysis_codec``);
- ``home`` (string, null without one): the outlet home it was read with, as JSON;
- ``analysis`` (string, null on failure): its ``Analysis``, as JSON;
- ``error`` (string, null on success): its ``IngestError``, as JSON.

The records are JSON inside Parquet, not Parquet columns of their own: the analysis is a
tree of nested records that the store takes whole, so Parquet adds the file format,
compression and checksums, not a columnar query. A part is written under a temporary name
and renamed when complete, so a part that exists was written whole; one that is truncated
or corrupt later is refused, as a whole, with ``E733``.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from .analysis_codec import dumps, encode, loads
from .errors import Code, DossierError, Stage
from .models import Analysis, Extracted, IngestError

FORMAT = "1"
PART = re.compile(r"^part-(?P<run>.+)-(?P<batch>\d{6})\.parquet$")
SCHEMA = pa.schema(
    [
        ("position", pa.int32()),
        ("extracted", pa.string()),
        ("home", pa.string()),
        ("analysis", pa.string()),
        ("error", pa.string()),
    ],
    metadata={"dossier_spool": FORMAT},
)
# One spooled document: its position, the document, its home (encoded) and its result.
Row = tuple[int, Extracted, Any, Analysis | IngestError]


@dataclass(frozen=True, slots=True)
class Ack:
    """What a worker sends back for a batch instead of its results."""

    path: str
    count: int
    errors: int
    failed: str | None = None  # why the part could not be written


def run_id() -> str:
    """A new run's name: its start time in UTC, so that runs sort in the order they ran."""
    return datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ") + f".{os.getpid()}"


def part_path(directory: str | Path, run: str, batch: int) -> Path:
    return Path(directory) / f"part-{run}-{batch:06d}.parquet"


def write_part(
    path: Path,
    documents: Sequence[tuple[Extracted, Any]],
    results: Sequence[Analysis | IngestError],
) -> Ack:
    """Write one batch's results to ``path``, whole or not at all; each document comes
    with its home as ``home_data`` gives it."""
    columns: dict[str, list[Any]] = {name: [] for name in SCHEMA.names}
    for position, ((extracted, home), result) in enumerate(zip(documents, results, strict=True)):
        columns["position"].append(position)
        columns["extracted"].append(dumps(extracted))
        columns["home"].append(None if home is None else json.dumps(home))  # encoded already
        failed = isinstance(result, IngestError)
        columns["analysis"].append(None if failed else dumps(result))
        columns["error"].append(dumps(result) if failed else None)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        pq.write_table(pa.table(columns, schema=SCHEMA), temporary)
        os.replace(temporary, path)  # atomic: a reader sees the whole part or none
    except OSError:
        temporary.unlink(missing_ok=True)
        raise
    errors = sum(value is not None for value in columns["error"])
    return Ack(str(path), len(results), errors)


def parts(directory: str | Path, run: str | None = None) -> list[Path]:
    """The parts in ``directory`` (of ``run`` only, when given), in (run, batch) order."""
    folder = Path(directory)
    if not folder.is_dir():
        raise DossierError(Code.NOT_FOUND, str(directory), Stage.READ)
    found = []
    for path in folder.iterdir():
        match = PART.match(path.name)
        if match and (run is None or match["run"] == run):
            found.append((match["run"], int(match["batch"]), path))
    return [path for _, _, path in sorted(found)]


def read_part(path: Path) -> list[Row]:
    """Every row of the part at ``path`` in position order; ``E733`` naming the part when
    it is not a whole, readable part, so that nothing of a damaged part is loaded."""
    try:
        table = pq.read_table(path)
        if table.schema.metadata is None or table.schema.metadata.get(b"dossier_spool") is None:
            raise ValueError("not a dossier spool part (no dossier_spool metadata)")
        missing = [name for name in SCHEMA.names if name not in table.column_names]
        if missing:
            raise ValueError(f"missing columns {', '.join(missing)}")
        rows = [_row(record) for record in table.select(SCHEMA.names).to_pylist()]
    except (OSError, ValueError, pa.ArrowException) as exc:
        detail = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise DossierError(Code.BAD_SPOOL_PART, str(path), Stage.READ, detail=detail) from None
    return sorted(rows, key=lambda row: row[0])


def _row(record: dict[str, Any]) -> Row:
    position, analysis, error = record["position"], record["analysis"], record["error"]
    if not isinstance(position, int) or (analysis is None) == (error is None):
        raise ValueError(f"row {position}: needs a position and one of analysis or error")
    extracted = loads(Extracted, record["extracted"])
    home = None if record["home"] is None else _json(record["home"])
    result = loads(Analysis, analysis) if analysis is not None else loads(IngestError, error)
    return position, extracted, home, result


def _json(text: str) -> Any:
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise ValueError(f"a home is not JSON: {exc}") from None


def home_data(home: object) -> Any:
    """A home as the spool keeps it (and as the second pass compares it): encoded."""
    return None if home is None else encode(home)
