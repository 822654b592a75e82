"""The ``dossier load`` command, and the run report it shares with ``dossier ingest``.
Registered on the main group by :mod:`.cli`."""

from __future__ import annotations

import os
import sys
from dataclasses import asdict
from typing import TYPE_CHECKING

import click

from .config import Settings

if TYPE_CHECKING:
    from .cli import Context
    from .pipeline import Summary


@click.command()
@click.argument("directory", type=click.Path(file_okay=False))
@click.option(
    "--progress/--no-progress", default=True, help="Show a progress bar (only ever on a terminal)."
)
@click.option(
    "--workers",
    type=click.IntRange(min=1),
    default=None,
    help="Analysing processes for the second pass (default: every core).",
)
@click.pass_obj
def load(obj: Context, directory: str, progress: bool, workers: int | None) -> None:
    """Store the spool a cluster run wrote with `ingest --spool DIRECTORY`.

    Parts go in (run, batch, position) order; what is stored already is skipped, so
    loading again changes nothing. Exits 1 when any part or document failed.
    """
    from .pipeline import Ingest

    summary = Ingest(
        obj.store,
        settings=Settings.from_env(),
        progress=progress,
        workers=workers or os.cpu_count() or 1,
    ).load(directory)
    report(obj, summary, "loaded")


def report(obj: Context, summary: Summary, done: str = "ingested") -> None:
    """Print what a run did and what the store holds; exit 1 when anything failed."""
    stats = obj.store.stats()
    if obj.as_json:
        obj.emit(
            {
                "run": summary.as_dict(),
                "store": asdict(stats),
                "errors": [asdict(e) for e in summary.errors],
                "not_analysed": [asdict(n) for n in summary.not_analysed],
            }
        )
    else:
        run = summary.as_dict()
        click.echo(f"{done}: " + ", ".join(f"{v} {k}" for k, v in run.items()))
        click.echo(
            f"store: {stats.articles} articles ({stats.versions} versions), "
            f"{stats.entities} entities, {stats.errors} errors recorded"
        )
        for note in summary.not_analysed:
            click.echo(f"  {note.message}")
        for error in summary.errors:
            where = f"{error.source} ({error.member})" if error.member else error.source
            click.echo(f"  failed: {where}: {error.reason} [{error.code}, {error.stage}]", err=True)
    if summary.failed:
        sys.exit(1)
