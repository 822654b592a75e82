"""The language gate: a text in a language without an analysis pipeline is stored, marked
as not analysed, never parsed by another language's model, and kept out of the corpus."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from click.testing import CliRunner

from dossier import export
from dossier.analyze import Analyzer
from dossier.analyze.languages import (
    PIPELINES,
    LanguagePipeline,
    language_code,
    pipeline_for,
)
from dossier.cli import main
from dossier.config import DEFAULT_MODEL, Settings
from dossier.models import Analysis, Entity, Extracted, Mention
from dossier.pipeline import Ingest, NotAnalysed, reanalyze
from dossier.store import SqlStore

# Written for this test: a short local news item in Spanish.
SPANISH = (
    "Obras en el puente del Tomebamba\n\n"
    "El alcalde de Cuenca, Pedro Salinas, anunció el martes un plan para reparar el puente "
    "sobre el río Tomebamba antes de junio.\n\n"
    "Un grupo de vecinos pidió más controles en la zona, informó el ministro de Obras "
    "Públicas en una rueda de prensa.\n\n"
    "Según la alcaldía, las obras costarán cerca de dos millones de dólares."
)
ENGLISH = (
    "Harbour Works Begin\n\n"
    "Mayor Clara Ruiz said on Monday that the harbour wall in Port Alden would be rebuilt "
    "before the winter storms.\n\n"
    '"We have waited long enough," Ruiz told reporters outside the town hall.'
)
SPANISH_ONLY = ("Salinas", "Cuenca", "Tomebamba", "Naciones", "Obras")


class SpyModel:
    """Forwards to a spaCy pipeline and keeps every text it was asked to parse."""

    def __init__(self, nlp: Any, seen: list[str]) -> None:
        self._nlp, self.seen = nlp, seen

    def __getattr__(self, name: str) -> Any:
        return getattr(self._nlp, name)

    def pipe(self, texts: Any, **kwargs: Any) -> Iterator[Any]:
        texts = list(texts)
        self.seen.extend(texts)
        return self._nlp.pipe(texts, **kwargs)  # type: ignore[no-any-return]

    def __call__(self, text: str) -> Any:
        self.seen.append(text)
        return self._nlp(text)


class SpyAnalyzer(Analyzer):
    def __init__(self) -> None:
        super().__init__()
        self.parsed: list[str] = []

    def _nlp(self, pipeline: LanguagePipeline) -> Any:
        return SpyModel(super()._nlp(pipeline), self.parsed)


@pytest.fixture(scope="module")
def analyzer() -> SpyAnalyzer:
    return SpyAnalyzer()


@pytest.fixture
def two_languages(tmp_path: Path) -> Path:
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "cuenca.txt").write_text(SPANISH)
    (folder / "harbour.txt").write_text(ENGLISH)
    return folder


def _by_language(store: SqlStore) -> dict[str | None, Any]:
    found = {}
    for row in store.articles():
        article = store.article(row.id)
        assert article is not None
        found[article.language] = article
    return found


def test_spanish_article_is_stored_unanalysed_and_never_parsed(
    store: SqlStore, two_languages: Path, analyzer: SpyAnalyzer
) -> None:
    analyzer.parsed.clear()
    summary = Ingest(store, settings=Settings(), analyzer=analyzer, progress=False).run(
        [str(two_languages)]
    )
    assert summary.new == 2 and not summary.errors
    spanish_source = str(two_languages / "cuenca.txt")
    assert summary.not_analysed == [NotAnalysed(spanish_source, "", "es")]
    message = summary.not_analysed[0].message
    assert spanish_source in message and "(es)" in message and "not analysed" in message

    articles = _by_language(store)
    es, en = articles["es"], articles["en"]
    assert not es.analysed and en.analysed
    assert es.title == "Obras en el puente del Tomebamba" and "Pedro Salinas" in es.text
    assert (es.entities, es.quotes, es.claims, es.figures, es.places, es.dates, es.events) == (
        (),
    ) * 7
    assert en.entities and en.quotes
    assert all("Tomebamba" not in text for text in analyzer.parsed), "never run through English"
    assert any("Port Alden" in text for text in analyzer.parsed)

    names = " ".join(e.name for e in store.entities())
    assert names and not any(word in names for word in SPANISH_ONLY)
    stats = store.stats()
    assert (stats.not_analysed, stats.not_analysed_languages) == (1, {"es": 1})


def test_reanalyze_holds_the_gate_and_clears_an_earlier_english_reading(
    store: SqlStore, analyzer: SpyAnalyzer
) -> None:
    # A store written before the gate: the Spanish text went through the English model and
    # left a junk entity ("Un" read as the United Nations) in the corpus.
    text = SPANISH.split("\n\n", 1)[1]
    start = text.index("Un grupo")
    junk = Entity("e-un", "United Nations", "ORG", (Mention(start, start + 2, "Un", "ORG"),))
    doc = Extracted(source="cuenca.txt", text=text, language="es", raw_hash="r1")
    store.save(doc, Analysis(entities=(junk,)))
    assert [e.name for e in store.entities()] == ["United Nations"]

    assert reanalyze(store, Settings(), progress=False) == 1
    [row] = store.articles()
    article = store.article(row.id)
    assert article is not None and not article.analysed and article.entities == ()
    assert store.entities() == []
    assert store.stats().not_analysed_languages == {"es": 1}


def test_a_registered_pipeline_plugs_in(
    monkeypatch: pytest.MonkeyPatch, analyzer: SpyAnalyzer
) -> None:
    """Registering a language is all it takes: the Analyzer routes its texts there."""
    converted: list[str] = []

    def convert(doc: Any, published: str | None, outlet: str | None, home: Any) -> Analysis:
        converted.append(doc.text)
        return Analysis()

    monkeypatch.setitem(PIPELINES, "es", LanguagePipeline("es", "Spanish", DEFAULT_MODEL, convert))
    item = Extracted(source="cuenca.txt", text=SPANISH, language="es-EC")
    [(_, _, result)] = list(analyzer.analyze([(item, None)]))
    assert isinstance(result, Analysis) and result.analysed
    assert converted == [SPANISH]


def test_language_codes() -> None:
    assert language_code("en-GB") == "en" and language_code("ES") == "es"
    assert language_code("") is None and language_code(None) is None
    english = pipeline_for("en")
    assert english is not None and english.model == DEFAULT_MODEL
    assert pipeline_for(None) is english, "an undetected language is read as the default"
    assert pipeline_for("en_US") is english
    assert pipeline_for("es") is None and pipeline_for("fr") is None


def test_cli_reports_the_gate_in_ingest_summary_and_export(
    store_url: str, two_languages: Path
) -> None:
    def cli(*args: str) -> tuple[int, str]:
        result = CliRunner().invoke(main, ["--db", store_url, *args])
        return result.exit_code, result.stdout

    code, out = cli("ingest", "--no-progress", str(two_languages))
    assert code == 0
    assert "1 not_analysed" in out
    line = next(line for line in out.splitlines() if "not analysed" in line)
    assert str(two_languages / "cuenca.txt") in line and "(es)" in line

    code, out = cli("summary")
    assert code == 0
    assert "not analysed (no pipeline for its language): 1, es: 1" in out.splitlines()

    code, out = cli("--json", "summary")
    data = json.loads(out)
    assert data["not_analysed"] == 1 and data["not_analysed_languages"] == {"es": 1}

    code, out = cli("export", "--format", "jsonl")
    records = {r["language"]: r for r in map(json.loads, out.splitlines())}
    for record in records.values():
        jsonschema.validate(record, export.schema())
    assert records["es"]["analysed"] is False and records["es"]["entities"] == []
    assert records["en"]["analysed"] is True
