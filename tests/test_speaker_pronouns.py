"""Quote speakers given by pronouns and role phrases, on sentences written for each rule."""

from __future__ import annotations

import pytest

from dossier.analyze import Analyzer
from dossier.models import Quote


@pytest.fixture(scope="module")
def analyzer() -> Analyzer:
    return Analyzer()


def _quotes(analyzer: Analyzer, text: str) -> list[Quote]:
    [analysis] = analyzer.analyze_texts([text])
    return list(analysis.quotes)


def _quote(analyzer: Analyzer, text: str, words: str) -> Quote:
    return next(q for q in _quotes(analyzer, text) if words in q.text)


def test_she_agrees_in_gender_with_a_courtesy_title(analyzer: Analyzer) -> None:
    # "Mr Holm" is a man: "she" is the woman named before him.
    quote = _quote(
        analyzer,
        "Mr Holm spoke after Anna Kovac. “We had no water for days,” she said.",
        "no water",
    )
    assert quote.speaker is not None and quote.speaker.name == "Anna Kovac"


def test_he_after_a_gendered_role_noun_is_not_the_woman(analyzer: Analyzer) -> None:
    text = (
        "Paul Meyer, the father of a missing sailor, met Ms Ines Roca at the port. "
        "“We still have no news,” he said."
    )
    quote = _quote(analyzer, text, "no news")
    assert quote.speaker is not None and quote.speaker.name == "Paul Meyer"


def test_pronoun_prefers_the_person_being_quoted_over_one_merely_mentioned(
    analyzer: Analyzer,
) -> None:
    # The minister is quoted; the president is only the object of her criticism.
    text = (
        "“If the army stays, nobody gains,” said Foreign Minister Lena Brandt. "
        "The minister also criticised the French president, Paul Girard, who has "
        "said his troops will remain. “They are staying for the wrong reasons,” she said."
    )
    quote = _quote(analyzer, text, "wrong reasons")
    assert quote.speaker is not None and quote.speaker.name == "Lena Brandt"


def test_names_inside_a_quote_are_no_antecedent(analyzer: Analyzer) -> None:
    text = (
        "“We worked together for years,” said Hana Osei, a nurse from Leeds. "
        "“Maria Costa and I were the same age, although she was braver,” she says."
    )
    quote = _quote(analyzer, text, "braver")
    assert quote.speaker is not None and quote.speaker.name == "Hana Osei"


def test_he_never_resolves_to_a_place(analyzer: Analyzer) -> None:
    text = (
        "Karl Weber moved to Lisbon in 2019. “Lisbon gave me a second life,” he says. "
        "“I will never go back.”"
    )
    for quote in _quotes(analyzer, text):
        assert quote.speaker is not None and quote.speaker.name == "Karl Weber"


def test_an_indefinite_role_is_anonymous_even_when_a_holder_is_named(
    analyzer: Analyzer,
) -> None:
    text = (
        "The rebel commander, Omar Haddad, leads the northern brigade. "
        "“We will hold the line,” said one rebel commander."
    )
    quote = _quote(analyzer, text, "hold the line")
    assert quote.speaker is not None
    assert quote.speaker.anonymous and quote.speaker.name is None
    assert quote.speaker.description == "one rebel commander"


def test_a_definite_role_resolves_to_the_named_holder(analyzer: Analyzer) -> None:
    text = (
        "The interior minister, Paula Reyes, visited the border on Monday. "
        "“The border will stay open,” the minister said."
    )
    quote = _quote(analyzer, text, "stay open")
    assert quote.speaker is not None and quote.speaker.name == "Paula Reyes"
    assert not quote.speaker.anonymous


def test_an_abbreviated_title_holds_the_role_a_later_noun_names(analyzer: Analyzer) -> None:
    text = (
        "Sen. Ruth Adler met farmers in Iowa on Monday. "
        "The senator said she would introduce a bill on crop insurance."
    )
    quote = _quote(analyzer, text, "introduce a bill")
    assert quote.speaker is not None and quote.speaker.name == "Ruth Adler"


def test_the_aide_of_a_named_person_is_the_speaker(analyzer: Analyzer) -> None:
    text = (
        "Omar Haddad leads the northern brigade. "
        "“We will not surrender,” said Omar Haddad’s political aide."
    )
    quote = _quote(analyzer, text, "not surrender")
    assert quote.speaker is not None
    assert quote.speaker.name is None and quote.speaker.anonymous
    assert quote.speaker.description == "Omar Haddad’s political aide"


def test_an_unnamed_friend_speaks_and_keeps_the_quote_that_follows(analyzer: Analyzer) -> None:
    text = (
        "“She was always the first to volunteer,” said Tom Berg. "
        "“The cuts had just begun,” recalls one friend, who asked not to be named. "
        "“There were protests in every town.”"
    )
    quotes = _quotes(analyzer, text)
    friend = [q for q in quotes if "cuts" in q.text or "protests" in q.text]
    assert len(friend) == 2
    for quote in friend:
        assert quote.speaker is not None and quote.speaker.anonymous
        assert quote.speaker.name is None


def test_a_new_subject_in_apposition_takes_over_a_cueless_quote(analyzer: Analyzer) -> None:
    text = (
        "“Nobody can police the world,” said Mark Doyle. "
        "In reply, the defence secretary, Ian Clarke, insisted the troops would stay "
        "in the region. “We owe it to our allies.”"
    )
    quote = _quote(analyzer, text, "our allies")
    assert quote.speaker is not None and quote.speaker.name == "Ian Clarke"


def test_a_name_the_quoted_speaker_mentions_is_not_she(analyzer: Analyzer) -> None:
    text = (
        "“We worked together for years,” said Hana Osei, a nurse from Leeds. "
        "“Maria Costa was braver than all of us. She never stopped,” she says."
    )
    quote = _quote(analyzer, text, "braver")
    assert quote.speaker is not None and quote.speaker.name == "Hana Osei"


def test_a_long_quote_does_not_hide_the_sentence_naming_its_speaker(
    analyzer: Analyzer,
) -> None:
    text = (
        "On Tuesday, Susan Miller criticised the officer, Mark Dunn, for shooting Leo Park, "
        "a student. “How often must this happen? In our own city? This is unbearable. "
        "It has to stop,” she said."
    )
    quote = _quote(analyzer, text, "unbearable")
    assert quote.speaker is not None and quote.speaker.name == "Susan Miller"


def test_a_designation_in_quote_marks_is_no_quote(analyzer: Analyzer) -> None:
    text = (
        "The government answered with a campaign to have the movement designated "
        "a “criminal network” by the courts."
    )
    assert _quotes(analyzer, text) == []
