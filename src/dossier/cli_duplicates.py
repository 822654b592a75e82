"""The ``dossier duplicates`` command: the near-duplicate groups of the store
(:mod:`.store.duplicates`). Registered on the main group by :mod:`.cli`."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

if TYPE_CHECKING:
    from .cli import Context


@click.command()
@click.pass_obj
def duplicates(obj: Context) -> None:
    """List groups of near-duplicate articles, each earliest copy first."""
    groups = obj.store.duplicate_groups()
    if obj.as_json:
        obj.emit(groups)
        return
    for members in groups:
        for m in members:
            mark = "  =" if m["duplicate_of"] else "*"
            when = m["published"] or "undated"
            click.echo(f"{mark} {m['id']}  {when}  {m['outlet'] or ''}  {m['title'] or ''}")
        click.echo()
