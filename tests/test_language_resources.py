"""Every language's resources have the shape English's have, so that a component finds
the same tables in each language (module doc of dossier.analyze.languages)."""

from __future__ import annotations

from importlib import resources
from typing import Any

import pytest

from dossier.analyze.languages import languages, resource

FOLDER = resources.files("dossier").joinpath("resources/languages")


def _jobs(code: str) -> set[str]:
    return {
        e.name.removesuffix(".toml")
        for e in FOLDER.joinpath(code).iterdir()
        if e.name.endswith(".toml")
    }


def _shape(table: dict[str, Any]) -> dict[str, Any]:
    """The keys of a table, nested tables by their own keys; values' types for lists."""
    return {k: _shape(v) if isinstance(v, dict) else type(v).__name__ for k, v in table.items()}


@pytest.mark.parametrize("code", [c for c in languages() if c != "en"])
def test_a_language_has_every_job_english_has_with_the_same_tables(code: str) -> None:
    assert _jobs(code) == _jobs("en"), "one file per job, in every language"
    for job in _jobs("en") - {"language"}:
        assert _shape(resource(code, job)).keys() == _shape(resource("en", job)).keys(), job


def test_language_files_name_the_same_settings() -> None:
    english = set(resource("en", "language"))
    for code in languages():
        assert set(resource(code, "language")) == english, code
