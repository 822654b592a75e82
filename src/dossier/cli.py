"""The ``dossier`` command: a thin layer over the library.

Every command opens the store named by ``--db`` or ``DOSSIER_DB`` and calls
one library function. Errors print as one line for people, or as the JSON
error shape ``{"error": {code, source, stage, reason}}`` with ``--json``.
"""

from __future__ import annotations

import contextlib
import json
import sys
from dataclasses import asdict
from typing import Any

import click

from . import __version__, export
from .config import DEFAULT_DB, Settings
from .errors import Code, DossierError, Stage
from .export.events import sourcing_record, write_acled, write_polecat
from .models import EVENT_STATUSES, EVIDENCE_TYPES, Article, Place, Speaker
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
@pass_context
def ingest(obj: Context, sources: tuple[str, ...], progress: bool) -> None:
    """Ingest files, folders, URLs, feeds, WARC files, or - for standard input.

    Exits 1 when any input failed; each failure is recorded (see `dossier errors`).
    """
    from .pipeline import Ingest

    settings = Settings.from_env()
    summary = Ingest(obj.store, settings=settings, progress=progress).run(sources)
    stats = obj.store.stats()
    if obj.as_json:
        obj.emit(
            {
                "run": summary.as_dict(),
                "store": asdict(stats),
                "errors": [asdict(e) for e in summary.errors],
            }
        )
    else:
        run = summary.as_dict()
        click.echo("ingested: " + ", ".join(f"{v} {k}" for k, v in run.items()))
        click.echo(
            f"store: {stats.articles} articles ({stats.versions} versions), "
            f"{stats.entities} entities, {stats.errors} errors recorded"
        )
        for error in summary.errors:
            click.echo(
                f"  failed: {_where(error.source, error.member)}: {error.reason} "
                f"[{error.code}, {error.stage}]",
                err=True,
            )
    if summary.failed:
        sys.exit(1)


def _where(source: str, member: str) -> str:
    return f"{source} ({member})" if member else source


@main.command()
@click.option("--limit", type=int, default=None, help="Show at most this many.")
@click.option("--offset", type=int, default=0, help="Skip this many first.")
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


def mark_article(article: Article, color: bool = False) -> str:
    """The text with entities as ``[text|TYPE]``, quotes as ``«text»Qn`` and claims
    that rest on a source or are hedged as ``⟨Cn …⟩``."""
    inserts: list[tuple[int, int, str]] = []

    def style(marker: str, fg: str) -> str:
        return click.style(marker, fg=fg) if color else marker

    for n, c in enumerate(article.claims, start=1):
        if c.evidence.type != "outlet" or c.hedges:
            inserts += [(c.start, 0, style(f"⟨C{n} ", "yellow")), (c.end, 3, style("⟩", "yellow"))]
    for n, q in enumerate(article.quotes, start=1):
        inserts += [(q.start, 1, style("«", "green")), (q.end, 2, style(f"»Q{n}", "green"))]
    for e in article.entities:
        for m in e.mentions:
            inserts += [(m.start, 2, style("[", "cyan")), (m.end, 1, style(f"|{e.type}]", "cyan"))]
    out, position = [], 0
    for at, _, marker in sorted(inserts, key=lambda x: (x[0], x[1])):
        out += [article.text[position:at], marker]
        position = at
    out.append(article.text[position:])
    return "".join(out)


@main.command()
@click.argument("article_id")
@click.option("--version", "version", type=int, default=None, help="A given version.")
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
    click.echo()
    click.echo(mark_article(article, color=sys.stdout.isatty()))
    _print_findings(article)


def _print_findings(article: Article) -> None:
    click.echo("\nEntities:")
    for e in article.entities:
        click.echo(f"  {e.type:12} {e.name} ({len(e.mentions)})  {e.id}")
    if article.quotes:
        click.echo("\nQuotes:")
    for n, q in enumerate(article.quotes, start=1):
        cue = q.cue.text if q.cue else "-"
        click.echo(f"  Q{n} {q.kind:8} {_who(q.speaker)} [{cue}]: {_short(q.text)}")
    if article.claims:
        click.echo("\nClaims resting on a source or hedged:")
    for n, c in enumerate(article.claims, start=1):
        if c.evidence.type != "outlet" or c.hedges:
            hedges = f" hedged: {', '.join(h.text for h in c.hedges)}" if c.hedges else ""
            click.echo(f"  C{n} {c.evidence.type}: {c.evidence.source or '-'}{hedges}")
    if article.places:
        click.echo("\nPlaces:")
    seen: dict[tuple[str, str], int] = {}
    for p in article.places:
        seen[(p.text, p.name)] = seen.get((p.text, p.name), 0) + 1
    for p in {(p.text, p.name): p for p in article.places}.values():
        where = (
            f"{p.latitude:.3f},{p.longitude:.3f} {p.country_code or ''} {p.feature or ''}"
            if p.resolved and p.latitude is not None
            else "unresolved"
        )
        click.echo(f"  {p.text!r} -> {p.name} ({where}) x{seen[(p.text, p.name)]}")
    if article.events:
        click.echo("\nEvents:")
    for ev in article.events:
        place = _place_label(article.places[ev.place]) if ev.place is not None else "-"
        when = article.dates[ev.date] if ev.date is not None else None
        day = (when.start_date or when.text) if when else "-"
        mode = f"/{ev.mode}" if ev.mode else ""
        click.echo(
            f"  {ev.type}{mode} [{ev.status}] {ev.source or '?'} -> {ev.target or '?'} "
            f"@ {place} on {day}: {_short(ev.text, 100)}"
        )
    if article.figures:
        click.echo("\nFigures:")
    for f in article.figures:
        qualifier = f"{f.qualifier} " if f.qualifier else ""
        value = "" if f.value is None else f" = {qualifier}{f.value:g}"
        click.echo(f"  {f.kind:10} {f.text!r}{value} {f.unit or ''} ({f.measure or '-'})")


def _who(speaker: Speaker | None) -> str:
    if speaker is None:
        return "(unattributed)"
    if speaker.anonymous:
        return f"anonymous: {speaker.description or speaker.text}"
    role = f", {speaker.role}" if speaker.role else ""
    return f"{speaker.name or speaker.text}{role}"


def _short(text: str, width: int = 160) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


@main.command()
@click.option("--speaker", default=None, help="Only this speaker (name, alias or description).")
@click.option("--anonymous/--named", default=None, help="Only anonymous, or only named, sources.")
@click.option("--limit", type=int, default=None)
@pass_context
def quotes(obj: Context, speaker: str | None, anonymous: bool | None, limit: int | None) -> None:
    """List quotes and reported speech with their speakers."""
    hits = obj.store.quotes(speaker, anonymous, limit)
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
        click.echo(f"{h.article_id} {q.start}-{q.end} {q.kind:8} {_who(q.speaker)} [{cue}]")
        click.echo(f"    {_short(q.text)}")


@main.command()
@click.option(
    "--evidence",
    type=click.Choice(EVIDENCE_TYPES),
    default=None,
    help="Only claims resting on this kind of evidence.",
)
@click.option("--limit", type=int, default=None)
@pass_context
def claims(obj: Context, evidence: str | None, limit: int | None) -> None:
    """List claims with the evidence they rest on and their hedges."""
    hits = obj.store.claims(evidence, limit)
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
        click.echo(f"    {_short(c.text)}")


@main.command()
@click.option("--type", "type_", default=None, help="Only this PLOVER type (REQUEST, AGREE, ...).")
@click.option("--actor", default=None, help="Only events with this source or target actor.")
@click.option("--place", default=None, help="Only events at this place.")
@click.option("--since", default=None, help="Only events dated on or after YYYY-MM-DD.")
@click.option("--until", default=None, help="Only events dated on or before YYYY-MM-DD.")
@click.option("--status", type=click.Choice(EVENT_STATUSES), default=None)
@click.option("--limit", type=int, default=None)
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
) -> None:
    """List event reports: PLOVER type and mode, actors, place, date, status, evidence."""
    hits = obj.store.events(type_, actor, place, since, until, status, limit)
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
        where = _place_label(h.place) if h.place else "-"
        who = f"{h.source_name or e.source or '?'} -> {h.target_name or e.target or '?'}"
        click.echo(
            f"{when} {e.type}{'/' + e.mode if e.mode else ''} [{e.status}] {who} @ "
            f"{where}  ({h.article_id}, event {h.cluster_id})"
        )
        click.echo(f"    {_short(e.text)}")
        if h.sourcing and h.sourcing.type != "outlet":
            source = f": {h.sourcing.source}" if h.sourcing.source else ""
            click.echo(f"    sourcing {h.sourcing.type}{source}")
        if h.figures:
            click.echo(f"    figures: {'; '.join(f.text for f in h.figures)}")


@main.command()
@click.option("--limit", type=int, default=None)
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


def _place_label(place: Place) -> str:
    """The place as the text writes it, with the gazetteer's name beside it when that
    differs ("Durán (Eloy Alfaro)")."""
    if place.resolved and place.name.casefold() != place.text.casefold():
        return f"{place.text} ({place.name})"
    return place.text


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
@click.argument("name")
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
@click.argument("query")
@click.option("--limit", type=int, default=20, show_default=True)
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
@click.option("--type", "type_", default=None, help="Only this type (PERSON, ORG, GPE, ...).")
@click.option("--limit", type=int, default=None)
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
    """Counts of articles, versions, entities, mentions and errors."""
    stats = obj.store.stats()
    if obj.as_json:
        obj.emit(asdict(stats))
        return
    for key, value in asdict(stats).items():
        click.echo(f"{key:10} {value}")


@main.command("export")
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
@pass_context
def export_command(obj: Context, fmt: str, out: str | None, table: str) -> None:
    """Export every article (latest versions) as JSONL, CSV or Parquet."""
    items = obj.store.iter_articles()
    if fmt == "parquet":
        if not out:
            raise click.UsageError("--out is required for parquet")
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
                count = write_acled(obj.store.events(), stream)
            elif fmt == "polecat":
                count = write_polecat(obj.store.events(), stream)
            else:
                count = export.write_csv(items, stream, table)
    if out:
        unit = {"csv": "rows", "acled": "events", "polecat": "events"}.get(fmt, "articles")
        click.echo(f"wrote {count} {unit} to {out}", err=True)


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", type=int, default=8000, show_default=True)
@pass_context
def serve(obj: Context, host: str, port: int) -> None:
    """Serve the web page and JSON API over the store."""
    from .serve import serve_forever

    obj.store  # noqa: B018  (open and migrate before serving, so errors show here)
    serve_forever(obj.db, host, port)
