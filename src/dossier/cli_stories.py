"""The ``dossier stories`` and ``dossier story`` commands: story clusters of the store
(:mod:`.stories`, :mod:`.store.stories`). Registered on the main group by :mod:`.cli`."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import click

from .errors import Code, DossierError, Stage

if TYPE_CHECKING:
    from .cli import Context


@click.command()
@click.option(
    "--min-reports",
    type=click.IntRange(min=1),
    default=2,
    show_default=True,
    help="Only stories with at least this many reports (copies not counted).",
)
@click.option("--limit", type=click.IntRange(min=1), default=50, show_default=True)
@click.option("--rebuild", is_flag=True, help="Recompute every story from the store first.")
@click.pass_obj
def stories(obj: Context, min_reports: int, limit: int, rebuild: bool) -> None:
    """List story clusters, the most reported first."""
    if rebuild:
        obj.store.rebuild_stories(full=True)
    listed = obj.store.stories(limit=limit, min_reports=min_reports)
    if obj.as_json:
        obj.emit(listed)
        return
    for s in listed:
        span = s["first"] if s["first"] == s["last"] else f"{s['first']}..{s['last']}"
        copies = f", {s['copies']} copies" if s["copies"] else ""
        click.echo(f"{s['id']}  {span}  {s['reports']} reports{copies}  {s['label'] or ''}")
        outlets = ", ".join(
            f"{o['outlet'] or '(no outlet)'} {o['reports']}" for o in s["outlets"] if o["reports"]
        )
        click.echo(f"    {outlets}")


@click.command()
@click.argument("story_id")
@click.pass_obj
def story(obj: Context, story_id: str) -> None:
    """Show one story: its reports, key findings and how the reports differ."""
    found = obj.store.story(story_id)
    if found is None:
        raise DossierError(Code.NO_STORY, story_id, Stage.STORE)
    if obj.as_json:
        obj.emit(found)
        return
    _print_story(found)


def _print_story(s: dict[str, Any]) -> None:
    click.echo(click.style(s["label"] or "(untitled)", bold=True))
    first = s["first_report"] or {}
    click.echo(
        f"{s['first']}..{s['last']}  {s['reports']} reports, {s['copies']} copies, "
        f"{s['outlet_count']} outlets; first: {first.get('outlet') or '?'} ({first.get('day')})"
    )
    click.echo("reports:")
    for m in s["articles"]:
        mark = f"  = copy of {m['copy_of']}" if m["copy_of"] else ""
        click.echo(f"  {m['day']}  {m['id']}  {m['outlet'] or ''}  {m['title'] or ''}{mark}")
    click.echo(
        "key entities: " + ", ".join(f"{e['name']} ({e['reports']})" for e in s["key_entities"])
    )
    click.echo("key events:")
    for e in s["key_events"]:
        click.echo(f"  {e['type']}  {e['source'] or '?'} -> {e['target'] or '?'}  ({e['reports']})")
    click.echo("key quotes:")
    for q in s["key_quotes"]:
        click.echo(f"  {q['speaker']} ({q['outlet'] or '?'}): \u201c{q['text']}\u201d")
    click.echo("sourcing by report:")
    for r in s["differences"]["reports"]:
        claims = ", ".join(f"{k} {v}" for k, v in r["claims"].items()) or "no claims"
        click.echo(
            f"  {r['outlet'] or r['article_id']}: {r['quotes']} quotes "
            f"({r['named_quotes']} named, {r['anonymous_quotes']} anonymous); {claims}"
        )
    for f in s["differences"]["figures"]:
        given = "; ".join(
            f"{v['outlet'] or v['article_id']} {', '.join(f'{x:g}' for x in v['values'])}"
            for v in f["values"]
        )
        click.echo(f"  figures differ, {f['measure']}: {given}")
