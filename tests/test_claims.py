"""Claims: evidence type and source, and hedges, each rule on sentences written for it."""

from __future__ import annotations

import pytest

from dossier.analyze import Analyzer
from dossier.models import Analysis, Claim


@pytest.fixture(scope="module")
def analyzer() -> Analyzer:
    return Analyzer()


def _claims(analyzer: Analyzer, text: str) -> tuple[Claim, ...]:
    [analysis] = analyzer.analyze_texts([text])
    assert isinstance(analysis, Analysis)
    return analysis.claims


def _claim(analyzer: Analyzer, text: str, words: str) -> Claim:
    return next(c for c in _claims(analyzer, text) if words in c.text)


def test_a_cue_inside_a_subject_clause_does_not_source_the_sentence(
    analyzer: Analyzer,
) -> None:
    subject = _claim(
        analyzer,
        "That the defence minister has now promised a full inquiry should be treated "
        "with great caution.",
        "great caution",
    )
    assert subject.evidence.type == "outlet" and subject.evidence.source is None
    whether = _claim(
        analyzer, "Whether the army said the town had fallen matters less than the maps.", "maps"
    )
    assert whether.evidence.type == "outlet"
    # Words in a relative clause are part of what the sentence asserts.
    relative = _claim(
        analyzer, "Troops searched two houses that officials described as secret prisons.", "houses"
    )
    assert relative.evidence.type == "anonymous_person"
    # The main-clause cue still sources its sentence.
    main = _claim(
        analyzer, "The defence minister promised that an inquiry would follow.", "inquiry"
    )
    assert main.evidence.type == "anonymous_person"


def test_a_report_is_a_document_and_its_author_the_source(analyzer: Analyzer) -> None:
    text = "The report by the Lowy Institute warns that the navy could face a shortage of sailors."
    report = _claim(analyzer, text, "shortage of sailors")
    assert (report.evidence.type, report.evidence.source) == ("document", "Lowy Institute")
    study = _claim(
        analyzer, "A study from Gallup found that most voters oppose the plan.", "most voters"
    )
    assert (study.evidence.type, study.evidence.source) == ("document", "Gallup")
    # A survey's figures are its issuer's own assertion.
    survey = _claim(
        analyzer,
        "A survey by the Pew Research Center suggests that most voters oppose the plan.",
        "most voters",
    )
    assert survey.evidence.type == "organization"


def test_an_unnamed_source_is_cut_to_its_noun_phrase(analyzer: Analyzer) -> None:
    claim = _claim(
        analyzer,
        "Some 2,000 foreign families inside the crowded camp, which lies three hours from "
        "the front line, say they have no water.",
        "no water",
    )
    assert claim.evidence.type == "anonymous_person"
    assert claim.evidence.source == "Some 2,000 foreign families inside the crowded camp"
    participle = _claim(
        analyzer,
        "Kurdish leaders, already shaken by an assault that last month drove them from the "
        "valley, said they now doubted the alliance.",
        "doubted",
    )
    assert participle.evidence.source == "Kurdish leaders"
    # Kept whole: a description with no clause after its head.
    familiar = _claim(
        analyzer, "Officials familiar with the talks said a deal was close.", "deal was close"
    )
    assert familiar.evidence.source == "Officials familiar with the talks"


def test_negated_could_is_no_hedge(analyzer: Analyzer) -> None:
    text = (
        "The ministry said it could not have prevented the attack. "
        "The minister said the army couldn't hold the line. "
        "The ship may have sunk, officials said. "
        "The blast could have been caused by a gas leak."
    )
    claims = _claims(analyzer, text)
    hedges = {c.text.split()[1]: [h.text for h in c.hedges] for c in claims}
    assert hedges["ministry"] == [] and hedges["minister"] == []
    assert hedges["ship"] == ["may"] and hedges["blast"] == ["could"]


def test_a_named_person_after_a_role_is_named_in_the_claim(analyzer: Analyzer) -> None:
    claim = _claim(
        analyzer,
        "The French foreign minister, Jean-Paul Dubois, has urged the EU to act, saying "
        'its ports are "at risk right now".',
        "urged",
    )
    assert (claim.evidence.type, claim.evidence.source) == ("named_person", "Jean-Paul Dubois")
