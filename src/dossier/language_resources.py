"""Per-language resources: ``resources/languages/<code>/<job>.toml``, one file per job.

Outside ``analyze/`` because ingest (boilerplate and bylines, read before a text's
language is known, so in every language at once), analysis and the store (country
names) all read them; reading them imports nothing heavy.
"""

from __future__ import annotations

import functools
import re
import tomllib
from collections.abc import Iterable
from importlib import resources
from typing import Any


def _folder() -> Any:
    return resources.files("dossier").joinpath("resources/languages")


@functools.cache
def language_folders() -> tuple[str, ...]:
    """The codes of the languages with resources (a folder with a ``language.toml``)."""
    return tuple(
        sorted(e.name for e in _folder().iterdir() if e.joinpath("language.toml").is_file())
    )


@functools.cache
def resource(code: str, job: str) -> dict[str, Any]:
    """The ``job`` resources of language ``code``; empty where the language has none, so a
    component then finds nothing in its text."""
    path = _folder().joinpath(code, f"{job}.toml")
    if not path.is_file():
        return {}
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise ValueError(f"resources/languages/{code}/{job}.toml: {exc}") from exc


@functools.cache
def every_language(job: str, key: str) -> tuple[str, ...]:
    """The words listed under ``key`` in ``job`` in every language, for a step that runs
    before a text's language is known."""
    words = {w for code in language_folders() for w in resource(code, job).get(key, ())}
    return tuple(sorted(words))


def alternation(phrases: Iterable[str]) -> str:
    """A regular-expression alternation of ``phrases``, the longest first so that a
    phrase is never cut short by a shorter one it starts with ("provincia del" before
    "provincia")."""
    return "|".join(re.escape(p) for p in sorted(set(phrases), key=lambda p: (-len(p), p)))
