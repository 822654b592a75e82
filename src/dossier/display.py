"""How the ``dossier`` command prints articles and findings for people."""

from __future__ import annotations

import click

from .models import Article, Place, Speaker


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


def print_findings(article: Article) -> None:
    click.echo("\nEntities:")
    for e in article.entities:
        click.echo(f"  {e.type:12} {e.name} ({len(e.mentions)})  {e.id}")
    if article.quotes:
        click.echo("\nQuotes:")
    for n, q in enumerate(article.quotes, start=1):
        cue = q.cue.text if q.cue else "-"
        click.echo(f"  Q{n} {q.kind:8} {who(q.speaker)} [{cue}]: {short(q.text)}")
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
        place = place_label(article.places[ev.place]) if ev.place is not None else "-"
        when = article.dates[ev.date] if ev.date is not None else None
        day = (when.start_date or when.text) if when else "-"
        mode = f"/{ev.mode}" if ev.mode else ""
        click.echo(
            f"  {ev.type}{mode} [{ev.status}] {ev.source or '?'} -> {ev.target or '?'} "
            f"@ {place} on {day}: {short(ev.text, 100)}"
        )
    if article.figures:
        click.echo("\nFigures:")
    for f in article.figures:
        qualifier = f"{f.qualifier} " if f.qualifier else ""
        value = "" if f.value is None else f" = {qualifier}{f.value:g}"
        click.echo(f"  {f.kind:10} {f.text!r}{value} {f.unit or ''} ({f.measure or '-'})")


def who(speaker: Speaker | None) -> str:
    if speaker is None:
        return "(unattributed)"
    if speaker.anonymous:
        return f"anonymous: {speaker.description or speaker.text}"
    role = f", {speaker.role}" if speaker.role else ""
    return f"{speaker.name or speaker.text}{role}"


def short(text: str, width: int = 160) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def place_label(place: Place) -> str:
    """The place as the text writes it, with the gazetteer's name beside it when that
    differs ("Durán (Eloy Alfaro)")."""
    if place.resolved and place.name.casefold() != place.text.casefold():
        return f"{place.text} ({place.name})"
    return place.text
