"""Every language's resources have the shape English's have, so that a component finds
the same tables in each language (module doc of dossier.analyze.languages)."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from importlib import resources
from pathlib import Path
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


def _with_folder(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, code: str, model: str) -> None:
    """The packaged language folders plus a copy of English's as language ``code``."""
    import dossier.language_resources as lr

    root = tmp_path / "languages"
    shutil.copytree(Path(str(FOLDER)), root)
    shutil.copytree(root / "en", root / code)
    info = (root / code / "language.toml").read_text(encoding="utf-8")
    info = info.replace('name = "English"', 'name = "Testish"')
    info = info.replace(f'model = "{resource("en", "language")["model"]}"', f'model = "{model}"')
    (root / code / "language.toml").write_text(info, encoding="utf-8")
    monkeypatch.setattr(lr, "_folder", lambda: root)
    lr.language_folders.cache_clear()
    lr.resource.cache_clear()


@pytest.fixture
def restore_registry(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    import dossier.language_resources as lr
    from dossier.analyze.languages import PIPELINES

    saved = dict(PIPELINES)
    yield
    monkeypatch.undo()
    PIPELINES.clear()
    PIPELINES.update(saved)
    lr.language_folders.cache_clear()
    lr.resource.cache_clear()


def test_a_third_language_is_a_folder_of_resources(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, restore_registry: None
) -> None:
    from dossier.analyze import Analyzer
    from dossier.analyze import languages as registry
    from dossier.config import DEFAULT_MODEL
    from dossier.models import Analysis, Extracted

    _with_folder(monkeypatch, tmp_path, "xx", DEFAULT_MODEL)
    registry._register_installed()
    pipeline = registry.pipeline_for("xx")
    assert pipeline is not None and (pipeline.name, pipeline.model) == ("Testish", DEFAULT_MODEL)
    item = Extracted(
        source="x.txt", text="Mayor Ana Ruiz said the bridge would open.", language="xx"
    )
    [(_, _, result)] = list(Analyzer().analyze([(item, None)]))
    assert isinstance(result, Analysis) and result.analysed and result.entities


def test_a_folder_whose_model_is_not_installed_has_no_pipeline(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, restore_registry: None
) -> None:
    from dossier.analyze import languages as registry

    _with_folder(monkeypatch, tmp_path, "xx", "xx_no_such_model_sm")
    registry._register_installed()
    assert "xx" in registry.languages() and registry.pipeline_for("xx") is None
