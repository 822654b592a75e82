"""The ``dossier export`` command: a thin layer over :mod:`.export` and :mod:`.gate`.

Registered on the main group by :mod:`.cli`, like the review commands.
"""

from __future__ import annotations

import contextlib
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from . import export, gate
from .cli_review import review_filter, review_options
from .export.events import write_acled, write_polecat
from .export.stories import write_stories
from .store import SqlStore

if TYPE_CHECKING:
    from .cli import Context


@click.command("export")
@click.option("--format", "fmt", type=click.Choice(export.FORMATS), required=True)
@click.option(
    "--out",
    type=click.Path(dir_okay=False),
    default=None,
    help="Output file (default: standard output; required for parquet).",
)
@click.option(
    "--table",
    type=click.Choice(export.CSV_TABLES),
    default="articles",
    show_default=True,
    help="CSV only: one row per article or per entity mention.",
)
@click.option(
    "--all-findings",
    is_flag=True,
    help="Export every event, quote and claim, not only those the precision gate passes.",
)
@click.option(
    "--min-confidence",
    type=click.FloatRange(0.0, 1.0),
    default=None,
    help="Gate events, quotes and claims at this confidence, not each kind's operating point.",
)
@review_options
@click.pass_obj
def export_command(
    obj: Context,
    fmt: str,
    out: str | None,
    table: str,
    all_findings: bool,
    min_confidence: float | None,
    reviewed_only: bool,
    exclude_rejected: bool,
) -> None:
    """Export every article (latest versions, as reviewed), or its events; events,
    quotes and claims below the precision gate are left out unless --all-findings."""
    if out is None and fmt == "parquet":
        raise click.BadParameter(
            "a file path is required for --format parquet", param_hint="'--out'"
        )
    if out is not None and not (folder := Path(out).absolute().parent).is_dir():
        raise click.BadParameter(
            f"{out!r}: the folder {str(folder)!r} does not exist", param_hint="'--out'"
        )
    items = obj.store.iter_articles(not exclude_rejected, reviewed_only)
    asked = review_filter(reviewed_only, exclude_rejected)
    hits = obj.store.events(**asked) if fmt in ("acled", "polecat") else []
    if not all_findings:
        items = (gate.gate_article(a, min_confidence) for a in items)
        hits = [h for h in hits if gate.event_passes(h.event, min_confidence)]
    if out is not None and fmt == "parquet":
        count = export.write_parquet(items, out)
    else:
        with contextlib.ExitStack() as stack:
            stream = (
                stack.enter_context(open(out, "w", encoding="utf-8", newline=""))
                if out
                else sys.stdout
            )
            if fmt == "jsonl":
                count = export.write_jsonl(items, stream)
            elif fmt == "acled":
                count = write_acled(hits, stream, _copies(obj.store))
            elif fmt == "polecat":
                count = write_polecat(hits, stream, _copies(obj.store))
            elif fmt == "stories":
                count = write_stories(obj.store, stream)
            else:
                count = export.write_csv(items, stream, table)
    if out:
        unit = {"csv": "rows", "acled": "events", "polecat": "events", "stories": "stories"}
        unit_of = unit.get(fmt, "articles")
        click.echo(f"wrote {count} {unit_of} to {out}", err=True)


def _copies(store: SqlStore) -> dict[str, str]:
    """Each near-duplicate article's id -> its earliest copy's (store.duplicate_groups)."""
    return {
        member["id"]: group[0]["id"] for group in store.duplicate_groups() for member in group[1:]
    }
