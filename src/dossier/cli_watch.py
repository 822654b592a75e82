"""The ``dossier watch`` command: a thin layer over :mod:`.watch` and :mod:`.alerts`.

Registered on the main group by :mod:`.cli`, like the review commands.
"""

from __future__ import annotations

import json
import sys
import time
from dataclasses import asdict
from typing import TYPE_CHECKING, Any

import click

from .config import Settings
from .display import short

if TYPE_CHECKING:
    from .cli import Context
    from .watch import Poll

    _FloatType = click.ParamType[float]
else:
    _FloatType = click.ParamType


class Interval(_FloatType):
    """A poll interval written 30s, 10m, 1h30m or 2d, passed on in seconds."""

    name = "interval"

    def convert(
        self, value: Any, param: click.Parameter | None, ctx: click.Context | None
    ) -> float:
        if isinstance(value, float):
            return value
        from .watch import parse_interval

        try:
            return parse_interval(str(value))
        except ValueError as exc:
            self.fail(str(exc), param, ctx)


@click.command()
@click.argument("feeds", nargs=-1, required=True)
@click.option(
    "--every", type=Interval(), default="10m", show_default=True, help="Poll interval (30s, 1h)."
)
@click.option("--once", is_flag=True, help="Poll each URL once and exit (1 when any failed).")
@click.option("--rules", default=None, help="Alert rules file (TOML, or JSON if it ends .json).")
@click.option("--state", default=None, help="Watch state file (default: the store path + .watch).")
@click.pass_obj
def watch(
    obj: Context,
    feeds: tuple[str, ...],
    every: float,
    once: bool,
    rules: str | None,
    state: str | None,
) -> None:
    """Poll feeds and pages with conditional requests; ingest what is new, alert on it."""
    from .alerts import load_rules
    from .ingest.fetch import is_url
    from .watch import Watcher
    from .watch_state import WatchState, default_state_path

    for feed in feeds:
        if not is_url(feed):
            raise click.BadParameter(f"{feed!r} is not an http(s) URL", param_hint="'FEED'")
    loaded = load_rules(rules) if rules else None  # a bad file stops here, before any poll
    actions = {r.name: r.actions for r in loaded.rules} if loaded else {}
    saved = WatchState(state or default_state_path(obj.db))
    watcher = Watcher(obj.store, list(feeds), every, saved, Settings.from_env(), loaded)
    try:
        while True:
            polls = watcher.round(due_only=not once)
            _report(obj.as_json, polls, actions)
            if once:
                if any(p.failed for p in polls):
                    sys.exit(1)
                return
            time.sleep(max(1.0, watcher.next_due() - time.time()))
    finally:
        watcher.close()
        saved.close()


def _when(at: float) -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(at))


def _report(as_json: bool, polls: list[Poll], actions: dict[str, tuple[str, ...]]) -> None:
    if as_json:  # one line per round, so a long watch reads as JSONL
        record = [
            {
                "url": p.url,
                "status": p.status,
                "next_poll": _when(p.next_poll),
                "failures": p.failures,
                "run": p.summary.as_dict() if p.summary else None,
                "error": asdict(p.error) if p.error else None,
                "errors": [asdict(e) for e in p.summary.errors] if p.summary else [],
                "alerts": [a.as_dict() for a in p.alerts],
                "undelivered": [e.as_dict() for e in p.undelivered],
            }
            for p in polls
        ]
        click.echo(json.dumps({"polls": record}, ensure_ascii=False))
        return
    for p in polls:
        if p.status == "changed" and p.summary:
            done = ", ".join(f"{v} {k}" for k, v in p.summary.as_dict().items())
            click.echo(f"{p.url}: {done}; next poll {_when(p.next_poll)}")
        elif p.status == "failed" and p.error:
            click.echo(
                f"{p.url}: failed: {p.error.reason} [{p.error.code}]; failure {p.failures}, "
                f"next poll {_when(p.next_poll)}",
                err=True,
            )
        else:
            click.echo(f"{p.url}: {p.status}; next poll {_when(p.next_poll)}")
        for error in p.summary.errors if p.summary else []:
            where = f"{error.source} ({error.member})" if error.member else error.source
            click.echo(f"  failed: {where}: {error.reason} [{error.code}, {error.stage}]", err=True)
        for alert in p.alerts:
            if "print" in actions.get(alert.rule, ()):
                click.echo(
                    f"alert [{alert.rule}] {alert.finding} in {alert.article_id}: "
                    f"{short(alert.text)}"
                )
        for undelivered in p.undelivered:
            click.echo(f"  {undelivered}", err=True)
