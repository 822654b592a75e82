"""The ``dossier review`` commands and ``dossier rename``: verdicts from the command line.

Registered on the main group by :mod:`.cli`; each is one call to the store's review
API (store.review), so the CLI, the web API and the exports see the same journal.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import asdict
from typing import TYPE_CHECKING, Any, TypeVar

import click

from .display import short
from .models import REVIEW_FIELDS
from .options import COUNT, TEXT
from .store.review_keys import kind_of

if TYPE_CHECKING:
    from .cli import Context

F = TypeVar("F", bound=Callable[..., Any])


def review_options(command: F) -> F:
    """``--reviewed-only`` and ``--exclude-rejected/--include-rejected`` on a command."""
    command = click.option(
        "--exclude-rejected/--include-rejected",
        "exclude_rejected",
        default=True,
        show_default=True,
        help="Leave out findings a reviewer rejected (the default), or include them.",
    )(command)
    command = click.option(
        "--reviewed-only", is_flag=True, help="Only findings a reviewer confirmed or corrected."
    )(command)
    return command


def review_filter(reviewed_only: bool, exclude_rejected: bool) -> dict[str, Any]:
    """The store's keyword arguments for the two options."""
    return {
        "review": "reviewed" if reviewed_only else None,
        "include_rejected": not exclude_rejected,
    }


def review_line(key: str, review: str) -> str:
    return f"    key {key}" + ("" if review == "unreviewed" else f" ({review})")


def _emit(obj: Context, data: Any) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2))


def _verdict(obj: Context, key: str, verdict: str, **more: Any) -> None:
    row = obj.store.add_verdict(kind_of(key), key, verdict, **more)
    if obj.as_json:
        _emit(obj, asdict(row))
        return
    change = f" {row.field}: {row.old!r} -> {row.new!r}" if row.field else ""
    done = {"confirm": "confirmed", "reject": "rejected", "correct": "corrected"}[row.verdict]
    click.echo(f"{done} {row.key}{change} (journal #{row.id})")


_NOTE = click.option("--note", type=TEXT, default=None, help="Why, kept with the verdict.")
_WHO = click.option("--who", default="", help="Who gives the verdict (kept in the journal).")


@click.group()
def review() -> None:
    """Confirm, reject and correct findings; the review queue and journal."""


@review.command()
@click.argument("key")
@_NOTE
@_WHO
@click.pass_obj
def confirm(obj: Context, key: str, note: str | None, who: str) -> None:
    """Confirm the finding KEY as the analysis found it."""
    _verdict(obj, key, "confirm", note=note, who=who)


@review.command()
@click.argument("key")
@_NOTE
@_WHO
@click.pass_obj
def reject(obj: Context, key: str, note: str | None, who: str) -> None:
    """Reject the finding KEY: it leaves every list and export unless asked for."""
    _verdict(obj, key, "reject", note=note, who=who)


_FIELDS = sorted({f for fields in REVIEW_FIELDS.values() for f in fields} - {"merge", "split"})


@review.command()
@click.argument("key")
@click.argument("field", type=click.Choice(_FIELDS))
@click.argument("value", type=TEXT)
@_NOTE
@_WHO
@click.pass_obj
def correct(obj: Context, key: str, field: str, value: str, note: str | None, who: str) -> None:
    """Correct FIELD of the finding KEY to VALUE; the correction survives re-analysis."""
    _verdict(obj, key, "correct", field=field, new=value, note=note, who=who)


@review.command()
@click.option("--kind", type=click.Choice(("quote", "claim", "event", "place", "date", "figure")))
@click.option("--limit", type=COUNT, default=50, show_default=True)
@click.pass_obj
def queue(obj: Context, kind: str | None, limit: int) -> None:
    """Unreviewed findings to check: least certain first, then those feeding most events."""
    items = obj.store.review_queue(limit=limit, kind=kind)
    if obj.as_json:
        _emit(obj, items)
        return
    for item in items:
        score = "-" if item["score"] is None else f"{item['score']:.2f}"
        click.echo(f"{item['kind']:6} {score:>5} {item['events']:3}  {item['key']}")
        click.echo(f"    {short(item['text'])}")


def _print_verdicts(obj: Context, rows: list[Any]) -> None:
    if obj.as_json:
        _emit(obj, [asdict(v) for v in rows])
        return
    for v in rows:
        change = f" {v.field}: {v.old!r} -> {v.new!r}" if v.field else ""
        note = f"  ({v.note})" if v.note else ""
        click.echo(f"#{v.id} {v.at} {v.who or '-'} {v.verdict} {v.key}{change}{note}")


@review.command()
@click.option("--kind", type=click.Choice(tuple(REVIEW_FIELDS)), default=None)
@click.option("--key", default=None, help="Only the verdicts on this finding.")
@click.pass_obj
def journal(obj: Context, kind: str | None, key: str | None) -> None:
    """The review journal, oldest first: every verdict, with old and new values."""
    _print_verdicts(obj, obj.store.verdicts(kind=kind, key=key))


@review.command()
@click.pass_obj
def orphaned(obj: Context) -> None:
    """Verdicts whose finding a re-analysis or a new version no longer has (kept, not applied)."""
    _print_verdicts(obj, obj.store.orphaned_verdicts())


@click.command()
@click.argument("entity_id")
@click.argument("name", type=TEXT)
@_NOTE
@_WHO
@click.pass_obj
def rename(obj: Context, entity_id: str, name: str, note: str | None, who: str) -> None:
    """Give entity ENTITY_ID the name NAME; its ID stays, and re-analysis keeps the name."""
    obj.store.rename_entity(entity_id, name, who=who, note=note)
    click.echo(f"renamed {entity_id} to {name!r}")
