"""The ``dossier`` command: a thin layer over the library.

Every command opens the store named by ``--db`` or ``DOSSIER_DB`` and calls
one library function. Errors print as one line for people, or as the JSON
error shape ``{"error": {code, source, stage, reason}}`` with ``--json``.
"""

from __future__ import annotations

import json
import os
import sys
from dataclasses import asdict
from typing import Any

import click

from . import __version__, export
from .cli_duplicates import duplicates
from .cli_export import export_command
from .cli_load import load, report
from .cli_review import rename, review, review_filter, review_line, review_options
from .cli_stories import stories, story
from .cli_watch import watch
from .config import DEFAULT_DB, Settings
from .display import mark_article, place_label, print_findings, short, who
from .errors import Code, DossierError, Stage
from .export.events import sourcing_record
from .models import EVENT_STATUSES, EVIDENCE_TYPES
from .options import COUNT, ENTITY_TYPE, EVENT_TYPE, ISO_DAY, TEXT, check_period
from .store import SqlStore, open_store


class Context:
    def __init__(self, db: str, as_json: bool) -> None:
        self.db = db
        self.as_json = as_json
        self._store: SqlStore | None = None

    @property
    def store(self) -> SqlStore:
        if self._store is None:
            self._store = open_store(self.db)
        return self._store

    def close(self) -> None:
        if self._store is not None:
            self._store.close()

    def emit(self, data: Any) -> None:
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))


pass_context = click.make_pass_decorator(Context)


class DossierGroup(click.Group):
    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except DossierError as exc:
            as_json = isinstance(ctx.obj, Context) and ctx.obj.as_json
            if as_json:
                click.echo(json.dumps({"error": exc.as_dict()}), err=True)
            else:
                click.echo(f"error: {exc}", err=True)
            sys.exit(2)
        except click.BadParameter as exc:
            # People get click's usage message (exit 2); --json gets the one error shape.
            if not (isinstance(ctx.obj, Context) and ctx.obj.as_json):
                raise
            hint = exc.param.opts[0] if exc.param and exc.param.opts else exc.param_hint
            option = str(hint or ctx.invoked_subcommand or "").replace("'", "")
            error = DossierError(Code.BAD_OPTION, option, Stage.COMMAND, detail=exc.message)
            click.echo(json.dumps({"error": error.as_dict()}), err=True)
            sys.exit(2)
        except KeyboardInterrupt:
            click.echo(
                "interrupted: everything stored so far is kept; run the same command "
                "again to resume",
                err=True,
            )
            sys.exit(130)


@click.group(cls=DossierGroup)
@click.option(
    "--db",
    envvar="DOSSIER_DB",
    default=DEFAULT_DB,
    show_default=True,
    help="SQLite file path or postgresql:// URL (env DOSSIER_DB).",
)
@click.option("--json", "as_json", is_flag=True, help="Print machine-readable JSON.")
@click.version_option(__version__, prog_name="dossier")
@click.pass_context
def main(ctx: click.Context, db: str, as_json: bool) -> None:
    """Dossier: news reporting turned into a structured record you can check."""
    ctx.obj = Context(db, as_json)
    ctx.call_on_close(ctx.obj.close)


@main.command()
@click.argument("sources", nargs=-1, required=True)
@click.option(
    "--progress/--no-progress", default=True, help="Show a progress bar (only ever on a terminal)."
)
@click.option(
    "--workers",
    type=click.IntRange(min=1),
    default=None,
    help="Analysing processes, each with its own model (default: every core).",
)
@click.option(
    "--engine",
    type=click.Choice(["local", "dask"]),
    default="local",
    show_default=True,
    help="Where analysis runs: worker processes here, or a Dask cluster (dossier[cluster]).",
)
@click.option(
    "--address",
    type=TEXT,
    default=None,
    help="The Dask scheduler, e.g. tcp://10.0.0.5:8786 (with --engine dask).",
)
@click.option(
    "--spool",
    type=click.Path(file_okay=False),
    default=None,
    help="With --engine dask: workers write their results here as Parquet parts, loaded "
    "at the end (a folder every worker can write and this machine can read).",
)
@pass_context
def ingest(
    obj: Context,
    sources: tuple[str, ...],
    progress: bool,
    workers: int | None,
    engine: str,
    address: str | None,
    spool: str | None,
) -> None:
    """Ingest files, folders, URLs, feeds, WARC files, or - for standard input.

    Exits 1 when any input failed; each failure is recorded (see `dossier errors`).
    """
    from .pipeline import Ingest

    if engine == "dask" and not address:
        raise click.BadParameter(
            "--engine dask needs the scheduler's address", param_hint="--address"
        )
    if address and engine != "dask":
        raise click.BadParameter("it is only for --engine dask", param_hint="--address")
    if spool and engine != "dask":
        raise click.BadParameter("it is only for --engine dask", param_hint="--spool")
    settings = Settings.from_env()
    count = workers or os.cpu_count() or 1
    summary = Ingest(
        obj.store,
        settings=settings,
        progress=progress,
        workers=count,
        engine=engine,
        address=address,
        spool=spool,
    ).run(sources)
    report(obj, summary)


def _where(source: str, member: str) -> str:
    return f"{source} ({member})" if member else source


@main.command()
@click.option("--limit", type=COUNT, default=None, help="Show at most this many.")
@click.option("--offset", type=COUNT, default=0, help="Skip this many first.")
@pass_context
def articles(obj: Context, limit: int | None, offset: int) -> None:
    """List articles, newest first."""
    rows = obj.store.articles(limit=limit, offset=offset)
    if obj.as_json:
        obj.emit([asdict(r) for r in rows])
        return
    for r in rows:
        click.echo(
            f"{r.id}  {r.published or '----------'}  {(r.outlet or '-')[:24]:24}  "
            f"{r.title or '(untitled)'}"
        )


@main.command()
@click.argument("article_id")
@click.option(
    "--version", "version", type=click.IntRange(min=1), default=None, help="A given version."
)
@pass_context
def show(obj: Context, article_id: str, version: int | None) -> None:
    """Print an article's text with entity spans marked as [text|TYPE]."""
    article = obj.store.article(article_id, version)
    if article is None:
        raise DossierError(Code.NOT_IN_STORE, article_id, Stage.STORE)
    if obj.as_json:
        record = export.article_record(article)
        record["version"] = article.version
        record["versions"] = obj.store.versions(article_id)
        obj.emit(record)
        return
    click.echo(click.style(article.title or "(untitled)", bold=True))
    click.echo(
        " | ".join(
            x
            for x in (
                article.outlet,
                article.author,
                article.published,
                article.url or article.source,
            )
            if x
        )
    )
    versions = obj.store.versions(article_id)
    if len(versions) > 1:
        click.echo(f"version {article.version} of {versions}")
    if article.duplicate_of:
        click.echo(f"near-duplicate of {article.duplicate_of}")
    click.echo()
    click.echo(mark_article(article, color=sys.stdout.isatty()))
    print_findings(article)


@main.command()
@click.option(
    "--speaker", type=TEXT, default=None, help="Only this speaker (name, alias or description)."
)
@click.option("--anonymous/--named", default=None, help="Only anonymous, or only named, sources.")
@click.option("--limit", type=COUNT, default=None)
@review_options
@pass_context
def quotes(
    obj: Context,
    speaker: str | None,
    anonymous: bool | None,
    limit: int | None,
    reviewed_only: bool,
    exclude_rejected: bool,
) -> None:
    """List quotes and reported speech with their speakers, as reviewed."""
    hits = obj.store.quotes(
        speaker, anonymous, limit, **review_filter(reviewed_only, exclude_rejected)
    )
    if obj.as_json:
        obj.emit(
            [
                {"article_id": h.article_id, "title": h.title, **export.quote_record(h.quote)}
                for h in hits
            ]
        )
        return
    for h in hits:
        q = h.quote
        cue = q.cue.text if q.cue else "-"
        click.echo(f"{h.article_id} {q.start}-{q.end} {q.kind:8} {who(q.speaker)} [{cue}]")
        click.echo(f"    {short(q.text)}")
        click.echo(review_line(q.key, q.review))


@main.command()
@click.option(
    "--evidence",
    type=click.Choice(EVIDENCE_TYPES),
    default=None,
    help="Only claims resting on this kind of evidence.",
)
@click.option("--limit", type=COUNT, default=None)
@review_options
@pass_context
def claims(
    obj: Context,
    evidence: str | None,
    limit: int | None,
    reviewed_only: bool,
    exclude_rejected: bool,
) -> None:
    """List claims with the evidence they rest on and their hedges, as reviewed."""
    hits = obj.store.claims(evidence, limit, **review_filter(reviewed_only, exclude_rejected))
    if obj.as_json:
        obj.emit(
            [
                {"article_id": h.article_id, "title": h.title, **export.claim_record(h.claim)}
                for h in hits
            ]
        )
        return
    for h in hits:
        c = h.claim
        hedges = f" hedged: {', '.join(x.text for x in c.hedges)}" if c.hedges else ""
        source = c.evidence.source or "-"
        click.echo(f"{h.article_id} {c.start}-{c.end} {c.evidence.type}: {source}{hedges}")
        click.echo(f"    {short(c.text)}")
        click.echo(review_line(c.key, c.review))


@main.command()
@click.option("--type", "type_", type=EVENT_TYPE, default=None, help="Only this PLOVER type.")
@click.option(
    "--actor", type=TEXT, default=None, help="Only events with this source or target actor."
)
@click.option("--place", type=TEXT, default=None, help="Only events at this place.")
@click.option("--since", type=ISO_DAY, default=None, help="Only events dated on or after it.")
@click.option("--until", type=ISO_DAY, default=None, help="Only events dated on or before it.")
@click.option("--status", type=click.Choice(EVENT_STATUSES), default=None)
@click.option("--limit", type=COUNT, default=None)
@review_options
@pass_context
def events(
    obj: Context,
    type_: str | None,
    actor: str | None,
    place: str | None,
    since: str | None,
    until: str | None,
    status: str | None,
    limit: int | None,
    reviewed_only: bool,
    exclude_rejected: bool,
) -> None:
    """List event reports: PLOVER type and mode, actors, place, date, status, evidence."""
    check_period(since, until)
    asked = review_filter(reviewed_only, exclude_rejected)
    hits = obj.store.events(type_, actor, place, since, until, status, limit, **asked)
    if obj.as_json:
        obj.emit(
            [
                {
                    "article_id": h.article_id,
                    "event_id": h.cluster_id,
                    "published": h.published,
                    **export.event_record(h.event),
                    "place": export.place_record(h.place) if h.place else None,
                    "date": export.date_record(h.date) if h.date else None,
                    "sourcing": sourcing_record(h),
                    "figures": [export.figure_record(f) for f in h.figures],
                }
                for h in hits
            ]
        )
        return
    for h in hits:
        e = h.event
        when = h.date.start_date if h.date and h.date.start_date else f"(published {h.published})"
        where = place_label(h.place) if h.place else "-"
        who = f"{h.source_name or e.source or '?'} -> {h.target_name or e.target or '?'}"
        click.echo(
            f"{when} {e.type}{'/' + e.mode if e.mode else ''} [{e.status}] {who} @ "
            f"{where}  ({h.article_id}, event {h.cluster_id})"
        )
        click.echo(f"    {short(e.text)}")
        if h.sourcing and h.sourcing.type != "outlet":
            source = f": {h.sourcing.source}" if h.sourcing.source else ""
            click.echo(f"    sourcing {h.sourcing.type}{source}")
        if h.figures:
            click.echo(f"    figures: {'; '.join(f.text for f in h.figures)}")
        click.echo(review_line(e.key, e.review))


@main.command()
@click.option("--limit", type=COUNT, default=None)
@pass_context
def places(obj: Context, limit: int | None) -> None:
    """List places across the corpus with coordinates and mention counts."""
    rows = obj.store.places(limit)
    if obj.as_json:
        obj.emit([asdict(r) for r in rows])
        return
    for r in rows:
        where = (
            f"{r.latitude:.4f},{r.longitude:.4f} {r.country_code or ''} {r.feature or ''}"
            if r.resolved and r.latitude is not None
            else "unresolved"
        )
        written = " / ".join(r.texts) if r.texts else r.name
        same = r.name.casefold() in {t.casefold() for t in r.texts}
        named = f" ({r.name})" if r.resolved and r.texts and not same else ""
        gid = r.geonames_id or ""
        click.echo(f"{r.mentions:6} {r.articles:5}  {written}{named}  {where}  {gid}")


@main.command()
@click.argument("source_id")
@click.argument("target_id")
@pass_context
def merge(obj: Context, source_id: str, target_id: str) -> None:
    """Merge entity SOURCE_ID into TARGET_ID; the merge survives re-analysis."""
    obj.store.merge_entities(source_id, target_id)
    click.echo(f"merged {source_id} into {target_id}")


@main.command()
@click.argument("entity_id")
@click.argument("name", type=TEXT)
@pass_context
def split(obj: Context, entity_id: str, name: str) -> None:
    """Give the mentions of ENTITY_ID written NAME an entity of their own."""
    new = obj.store.split_entity(entity_id, name)
    click.echo(f"split {name!r} off {entity_id} as {new}")


@main.command()
@click.argument("entity_id")
@pass_context
def aliases(obj: Context, entity_id: str) -> None:
    """List the forms (folded names) that resolve to an entity."""
    forms = obj.store.aliases(entity_id)
    if obj.as_json:
        obj.emit(forms)
        return
    for form in forms:
        click.echo(form)


@main.command()
@click.option("--progress/--no-progress", default=True, help="Show a progress bar on a terminal.")
@pass_context
def reanalyze(obj: Context, progress: bool) -> None:
    """Run the analysis again over every stored article (latest versions)."""
    from .pipeline import reanalyze as run

    count = run(obj.store, Settings.from_env(), progress=progress)
    click.echo(f"re-analysed {count} articles")


@main.command()
@click.argument("query", type=TEXT)
@click.option("--limit", type=COUNT, default=20, show_default=True)
@pass_context
def search(obj: Context, query: str, limit: int) -> None:
    """Full-text search: words, "phrases", OR, and -excluded words."""
    hits = obj.store.search(query, limit)
    if obj.as_json:
        obj.emit([asdict(h) for h in hits])
        return
    for h in hits:
        click.echo(f"{h.article_id}  {h.title or '(untitled)'}\n    {h.snippet}")


@main.command()
@click.option("--type", "type_", type=ENTITY_TYPE, default=None, help="Only this entity type.")
@click.option("--limit", type=COUNT, default=None)
@pass_context
def entities(obj: Context, type_: str | None, limit: int | None) -> None:
    """List entities across the corpus with their mention counts."""
    rows = obj.store.entities(type_, limit)
    if obj.as_json:
        obj.emit([asdict(r) for r in rows])
        return
    for r in rows:
        click.echo(f"{r.mentions:6} {r.articles:5}  {r.type:12} {r.name}  {r.id}")


@main.command()
@pass_context
def errors(obj: Context) -> None:
    """List inputs that failed, with the stage and the reason."""
    rows = obj.store.errors()
    if obj.as_json:
        obj.emit([asdict(e) for e in rows])
        return
    for e in rows:
        click.echo(f"{_where(e.source, e.member)}: {e.reason} [{e.code}, {e.stage}]")


@main.command()
@pass_context
def summary(obj: Context) -> None:
    """Counts of articles, versions, entities, mentions, errors and articles not analysed."""
    stats = obj.store.stats()
    if obj.as_json:
        obj.emit(asdict(stats))
        return
    for key in ("articles", "versions", "entities", "mentions", "errors"):
        click.echo(f"{key:10} {getattr(stats, key)}")
    languages = "".join(f", {code or '?'}: {n}" for code, n in stats.not_analysed_languages.items())
    click.echo(f"not analysed (no pipeline for its language): {stats.not_analysed}{languages}")


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Interface to bind.")
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True)
@click.option(
    "--token",
    envvar="DOSSIER_TOKEN",
    default=None,
    help="API token for writes, and for everything off loopback (env DOSSIER_TOKEN).",
)
@click.option(
    "--tiles",
    envvar="DOSSIER_TILES",
    default=None,
    help="Online tile server URL template for the map, off by default (env DOSSIER_TILES).",
)
@pass_context
def serve(obj: Context, host: str, port: int, token: str | None, tiles: str | None) -> None:
    """Serve the workbench and its JSON API (docs at /docs) over the store."""
    from .serve import ServeSettings, serve_forever

    obj.store  # noqa: B018  (open and migrate before serving, so errors show here)
    serve_forever(ServeSettings(obj.db, host, token or None, tiles or None), port)


main.add_command(review)
main.add_command(rename)
main.add_command(watch)
main.add_command(duplicates)
main.add_command(stories)
main.add_command(story)
main.add_command(load)
main.add_command(export_command)


if __name__ == "__main__":
    main()
