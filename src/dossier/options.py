"""Command-line option types that refuse bad values before any query runs.

A filter that cannot match ("--since yesterday", "--type ATTACK") would
otherwise print nothing and exit 0, which reads as "no such events". Each
type here fails with a usage error instead (exit status 2) that names the
option, the value and what was expected.
"""

from __future__ import annotations

import re
from datetime import date
from typing import TYPE_CHECKING, Any

import click

from .models import ENTITY_TYPES, EVENT_TYPES

# Recent Click makes ParamType generic in its value; Click 8.1, which we allow, does not.
if TYPE_CHECKING:
    _TextType = click.ParamType[str]
else:
    _TextType = click.ParamType

_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


class IsoDay(_TextType):
    """A calendar day written YYYY-MM-DD, passed on as that string."""

    name = "YYYY-MM-DD"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> str:
        text = str(value).strip()
        if not _ISO_DAY.fullmatch(text):
            self.fail(f"{value!r} is not a date written YYYY-MM-DD (for example 2025-03-19)")
        try:
            date.fromisoformat(text)
        except ValueError as exc:
            self.fail(f"{value!r} is not a calendar date: {exc}")
        return text


class Text(_TextType):
    """Non-blank text: an empty filter would silently match everything."""

    name = "TEXT"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> str:
        text = str(value).strip()
        if not text:
            self.fail("an empty value matches nothing")
        return text


class Vocabulary(_TextType):
    """One of a fixed list of upper-case names, in any case ("request" is REQUEST)."""

    def __init__(self, name: str, values: tuple[str, ...]) -> None:
        self.name = name
        self.values = values

    def get_metavar(self, param: click.Parameter, ctx: click.Context | None = None) -> str:
        return "|".join(self.values)

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> str:
        text = str(value).strip().upper()
        if text not in self.values:
            self.fail(f"{value!r} is not a known {self.name}; use one of {', '.join(self.values)}")
        return text


ISO_DAY = IsoDay()
TEXT = Text()
COUNT = click.IntRange(min=0)
EVENT_TYPE = Vocabulary("PLOVER type", EVENT_TYPES)
ENTITY_TYPE = Vocabulary("entity type", ENTITY_TYPES)


def check_period(since: str | None, until: str | None) -> None:
    """Refuse a period that ends before it starts."""
    if since and until and since > until:
        raise click.BadParameter(
            f"--since {since} is after --until {until}, so no date can match",
            param_hint="'--since' / '--until'",
        )
