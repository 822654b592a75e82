"""Quotes, speakers and claims: the seed report's acceptance, and the rules on small texts."""

from __future__ import annotations

from pathlib import Path

import pytest

from dossier.analyze import Analyzer
from dossier.ingest.extract import extract
from dossier.models import Analysis, RawDocument


@pytest.fixture(scope="module")
def analyzer() -> Analyzer:
    return Analyzer()


def _analyze(analyzer: Analyzer, text: str) -> Analysis:
    [analysis] = analyzer.analyze_texts([text])
    return analysis


@pytest.fixture(scope="module")
def seed(analyzer: Analyzer, seed_dir: Path) -> tuple[str, Analysis]:
    path = seed_dir / "seed-article.html"
    text = extract(RawDocument(str(path), path.read_bytes(), "html")).text
    return text, _analyze(analyzer, text)


def test_seed_direct_quotes_and_their_speakers(seed: tuple[str, Analysis]) -> None:
    _, analysis = seed
    direct = [q for q in analysis.quotes if q.kind == "direct"]
    assert len(direct) == 3
    official, hewitt, loffredo = direct
    assert official.text.startswith("The expectation is that these will")
    assert official.speaker is not None and official.speaker.anonymous
    assert official.speaker.description == (
        "A high-level Ecuadorian official familiar with the planning"
    )
    assert hewitt.speaker is not None and hewitt.speaker.name == "James Hewitt"
    assert hewitt.speaker.role == "National Security Council spokesman"
    assert loffredo.speaker is not None and loffredo.speaker.name == "Gian Carlo Loffredo"
    assert loffredo.speaker.role == "Defense Minister"
    assert loffredo.text.endswith("what we need the most.")


def test_seed_partial_quotes_go_to_noboa_and_labels_are_not_speech(
    seed: tuple[str, Analysis],
) -> None:
    text, analysis = seed
    partial = [q for q in analysis.quotes if q.kind == "partial" and q.speaker]
    noboa = [q for q in partial if q.speaker and q.speaker.name == "Daniel Noboa"]
    assert [q.text for q in noboa] == [
        "international narco-terrorist",
        "help from international forces.",
    ]
    assert {q.cue.text for q in noboa if q.cue} == {"described", "emphasized"}
    for label in ("island of peace", "Southcom Floating Dock", "mercenary army"):
        assert not any(label in q.text for q in analysis.quotes), label
    he = next(q for q in analysis.quotes if q.text.startswith("that discussions are ongoing"))
    assert he.kind == "indirect" and he.speaker is not None
    assert (he.speaker.text, he.speaker.name) == ("He", "Daniel Noboa")
    for q in analysis.quotes:
        assert text[q.start : q.end] == q.text
        if q.speaker and q.speaker.start is not None:
            assert text[q.speaker.start : q.speaker.end] == q.speaker.text


def test_seed_claims_evidence_and_hedges(seed: tuple[str, Analysis]) -> None:
    text, analysis = seed
    backing = next(c for c in analysis.claims if "have U.S. backing" in c.text)
    assert backing.evidence.type == "document"
    assert {h.text for h in backing.hedges} == {"suggest", "reportedly"}
    insight = next(c for c in analysis.claims if "highest homicide rate" in c.text)
    assert (insight.evidence.type, insight.evidence.source) == ("organization", "InSight Crime")
    plans = next(c for c in analysis.claims if "laying the groundwork" in c.text)
    assert plans.evidence.type == "document"
    assert any(c.evidence.type == "outlet" for c in analysis.claims)
    for c in analysis.claims:
        assert text[c.start : c.end] == c.text
        for h in c.hedges:
            assert text[h.start : h.end] == h.text


def test_quote_broken_by_attribution_and_pronoun_speaker(analyzer: Analyzer) -> None:
    text = (
        "Interior Minister Ana Ruiz visited the port on Monday.\n"
        "“We will not stop,” she said, “until the last gang is gone.”\n"
        "Police chief Marco Vela said that 40 officers had been deployed."
    )
    analysis = _analyze(analyzer, text)
    ruiz = [q for q in analysis.quotes if q.speaker and q.speaker.name == "Ana Ruiz"]
    assert [q.text for q in ruiz] == ["We will not stop", "until the last gang is gone."]
    assert all(q.kind == "direct" and q.speaker and q.speaker.text == "she" for q in ruiz)
    assert all(q.speaker and q.speaker.role == "Interior Minister" for q in ruiz)
    vela = next(q for q in analysis.quotes if q.kind == "indirect")
    assert vela.text == "that 40 officers had been deployed"
    assert vela.speaker is not None and vela.speaker.name == "Marco Vela"


def test_role_noun_resolves_to_the_person_with_that_role(analyzer: Analyzer) -> None:
    text = (
        "Defense Minister Gian Carlo Loffredo toured the base.\n"
        "The minister said that the pier would be finished by December."
    )
    [quote] = _analyze(analyzer, text).quotes
    assert quote.speaker is not None and quote.speaker.name == "Gian Carlo Loffredo"
    assert not quote.speaker.anonymous


def test_anonymous_sources_and_according_to(analyzer: Analyzer) -> None:
    text = (
        "A senior military official who asked not to be named said the barracks would house "
        "foreign troops.\n"
        "According to the Interior Ministry, 23 people were detained."
    )
    analysis = _analyze(analyzer, text)
    first, second = analysis.quotes
    assert first.speaker is not None and first.speaker.anonymous
    assert first.speaker.description is not None
    assert first.speaker.description.startswith("A senior military official")
    assert second.cue is not None and second.cue.text == "According to"
    assert second.speaker is not None and not second.speaker.anonymous
    claims = {c.evidence.type for c in analysis.claims}
    assert claims == {"anonymous_person", "organization"}
