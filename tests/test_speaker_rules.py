"""Speakers, quotes and claims: the rules of issue 8, each on sentences written for it."""

from __future__ import annotations

import pytest

from dossier.analyze import Analyzer
from dossier.analyze.attribution import find_quotes
from dossier.analyze.claims import find_claims
from dossier.analyze.datelines import dateline_spans
from dossier.analyze.speakers import SpeakerResolver
from dossier.models import Analysis, Entity, Mention, Quote


@pytest.fixture(scope="module")
def analyzer() -> Analyzer:
    return Analyzer()


def _analyze(analyzer: Analyzer, text: str) -> Analysis:
    [analysis] = analyzer.analyze_texts([text])
    return analysis


def _only(analysis: Analysis) -> Quote:
    [quote] = analysis.quotes
    return quote


def _claim(analysis: Analysis, words: str) -> tuple[str, str | None]:
    claim = next(c for c in analysis.claims if words in c.text)
    return claim.evidence.type, claim.evidence.source


def test_dateline_spans() -> None:
    text = (
        "QUITO — The army said so.\nGUAYAQUIL, Ecuador (Reuters) - Officials agreed.\n"
        "Noboa — who won in April — said nothing.\nThe minister - a lawyer - spoke."
    )
    assert [text[a:b] for a, b in dateline_spans(text)] == [
        "QUITO — ",
        "GUAYAQUIL, Ecuador (Reuters) - ",
    ]


def test_a_dateline_is_never_the_speaker(analyzer: Analyzer) -> None:
    army = _only(
        _analyze(analyzer, "QUITO — The army said on Tuesday that it had closed the border.")
    )
    assert army.speaker is not None and army.speaker.text == "The army"
    assert army.speaker.name == "army"
    wire = _only(
        _analyze(
            analyzer,
            "LIMA, Peru (Reuters) - Officials confirmed that the mine would reopen next month.",
        )
    )
    assert wire.speaker is not None and wire.speaker.text == "Officials"
    assert wire.speaker.anonymous and wire.speaker.description == "Officials"
    titled = _only(
        _analyze(analyzer, "LIMA - Interior Minister Rafael Mora said the border would stay open.")
    )
    assert titled.speaker is not None and titled.speaker.name == "Rafael Mora"
    assert titled.speaker.role == "Interior Minister"
    assert titled.speaker.text == "Interior Minister Rafael Mora"


def test_nicknames_and_labels_are_not_quotes(analyzer: Analyzer) -> None:
    alias = _analyze(
        analyzer, 'Police said the gang leader, alias "Tito", had escaped from the prison in March.'
    )
    assert not any("Tito" in q.text for q in alias.quotes)
    known = _analyze(
        analyzer, 'Prosecutors said the smuggler, known as "El Viejo", had fled to Peru in May.'
    )
    assert not any("El Viejo" in q.text for q in known.quotes)


def test_a_named_person_after_a_role_noun_is_named(analyzer: Analyzer) -> None:
    analysis = _analyze(
        analyzer, "Its director, Marta Solano, said the hospital had run out of oxygen."
    )
    speaker = _only(analysis).speaker
    assert speaker is not None and not speaker.anonymous
    assert (speaker.name, speaker.role) == ("Marta Solano", "Its director")
    assert _claim(analysis, "oxygen") == ("named_person", "Marta Solano")


def test_a_role_resolves_to_the_person_introduced_with_it(analyzer: Analyzer) -> None:
    text = (
        "Colombia's president, Rafael Mora, spoke at the summit on Friday.\n"
        "Its president calls on U.S. President Donald Trump to help fight the cartels."
    )
    quote = _only(_analyze(analyzer, text))
    assert quote.speaker is not None and quote.speaker.name == "Rafael Mora"
    assert not quote.speaker.anonymous
    assert quote.text == "to help fight the cartels"
    definite = _only(
        _analyze(
            analyzer,
            "Peru's president, Rafael Mora, met the mayor of Lima on Monday.\n"
            "The president said the talks had been useful.",
        )
    )
    assert definite.speaker is not None and definite.speaker.name == "Rafael Mora"


def test_a_role_of_one_country_is_not_another_countrys_holder(analyzer: Analyzer) -> None:
    text = (
        "President Rafael Mora of Peru met U.S. President Donald Trump on Monday.\n"
        "Peru's president said the talks had been useful."
    )
    quote = _only(_analyze(analyzer, text))
    assert quote.speaker is not None and quote.speaker.name == "Rafael Mora"


def test_a_pronoun_goes_to_the_subject_not_the_latest_name(analyzer: Analyzer) -> None:
    text = (
        "Colombian President Ivan Gil spoke after a meeting with Rafael Mora in Lima.\n"
        "No deal was reached, he said."
    )
    analysis = _analyze(analyzer, text)
    speaker = _only(analysis).speaker
    assert speaker is not None and speaker.name == "Ivan Gil"
    assert _claim(analysis, "No deal") == ("named_person", "Ivan Gil")


def test_a_pronoun_in_a_reported_clause_is_its_speaker(analyzer: Analyzer) -> None:
    text = (
        "Rafael Mora spoke in Lima on Monday.\n"
        "Colombia's Ivan Gil repeated that he opposes any foreign troops in the region, "
        'calling it "a step backwards."'
    )
    analysis = _analyze(analyzer, text)
    assert analysis.quotes
    for quote in analysis.quotes:
        assert quote.speaker is not None and quote.speaker.name == "Ivan Gil", quote
    assert _claim(analysis, "repeated")[0] == "named_person"


def test_an_uncued_quote_after_a_new_speaker_goes_to_the_new_one(analyzer: Analyzer) -> None:
    text = (
        '"We will win this fight," Rafael Mora said on Monday.\n'
        "Opposition leader Ivan Gil was not convinced by the plan.\n"
        '"This plan will fail before the end of the year."'
    )
    first, second = _analyze(analyzer, text).quotes
    assert first.speaker is not None and first.speaker.name == "Rafael Mora"
    assert second.speaker is not None and second.speaker.name == "Ivan Gil"
    same = _analyze(
        analyzer,
        '"We will win this fight," Rafael Mora said on Monday. "Nobody can stop us now, not '
        'even the gangs."',
    )
    assert [q.speaker.name if q.speaker else None for q in same.quotes] == ["Rafael Mora"] * 2


@pytest.mark.parametrize(
    "text",
    [
        "The rebel leader sought refuge in the embassy last week.",
        "The minister seeks a new budget for the police.",
        "Senator Laura Diaz defended the law in Congress on Monday.",
        "Putin wants a ceasefire on his own terms.",
    ],
)
def test_verbs_that_are_not_speech_are_no_cues(analyzer: Analyzer, text: str) -> None:
    analysis = _analyze(analyzer, text)
    assert analysis.quotes == ()
    assert [c.evidence.type for c in analysis.claims] == ["outlet"]


def test_a_stance_verb_with_words_of_its_own_still_reports(analyzer: Analyzer) -> None:
    text = "Senator Laura Diaz defended the law, saying that it protected workers."
    quote = _only(_analyze(analyzer, text))
    assert quote.speaker is not None and quote.speaker.name == "Laura Diaz"
    assert quote.cue is not None and quote.cue.text == "saying"


def test_the_writers_inference_is_no_source(analyzer: Analyzer) -> None:
    analysis = _analyze(analyzer, "Trump seems to believe that the tariffs will work.")
    assert analysis.quotes == ()
    assert _claim(analysis, "tariffs")[0] == "outlet"


@pytest.mark.parametrize(
    ("text", "source"),
    [
        ("A local newspaper reported that the mayor had resigned.", "A local newspaper"),
        ("The outlet reported that the mayor had resigned on Friday.", "The outlet"),
        ("The ombudsman said that the detainees had been beaten.", "The ombudsman"),
        ("The Ombudsman said that the detainees had been beaten.", "The Ombudsman"),
    ],
)
def test_the_press_and_offices_are_organisations(
    analyzer: Analyzer, text: str, source: str
) -> None:
    analysis = _analyze(analyzer, text)
    speaker = _only(analysis).speaker
    assert speaker is not None and not speaker.anonymous
    evidence = analysis.claims[0].evidence
    assert evidence.type == "organization"
    assert evidence.source is not None and evidence.source.lower() in source.lower()


def test_a_statement_speaks_for_its_issuer(analyzer: Analyzer) -> None:
    text = (
        "He came home with a letter from the Interior Ministry saying the gangs were losing ground."
    )
    quote = _only(_analyze(analyzer, text))
    assert quote.speaker is not None and quote.speaker.name == "Interior Ministry"
    assert quote.speaker.text == "a letter from the Interior Ministry"


def test_the_speaker_mention_is_the_whole_subject_phrase(analyzer: Analyzer) -> None:
    text = "Marta Solano, the director of the hospital, said the oxygen had run out."
    speaker = _only(_analyze(analyzer, text)).speaker
    assert speaker is not None and speaker.name == "Marta Solano"
    assert speaker.text == "Marta Solano, the director of the hospital"


@pytest.mark.parametrize(
    ("text", "hedged"),
    [
        ("The navy could reach the coast in a few hours.", False),
        ("Rebels could cross the river within a day, the report said.", False),
        ("The killings could be linked to a feud between two gangs.", True),
        ("The new pier could host foreign warships next year.", True),
        ("The gunmen could have fled across the border.", True),
        ("Tariff announcements are expected on Wednesday.", True),
        ("Rafael Mora said he expected to travel to Lima in May.", False),
        ("The port authority could not be reached for comment on the closure.", False),
        # Negated, "could" denies the possibility outright: an assertion, no hedge.
        ("The harbour wall could not be repaired before the winter storms.", False),
    ],
)
def test_could_of_ability_is_no_hedge(analyzer: Analyzer, text: str, hedged: bool) -> None:
    [claim] = _analyze(analyzer, text).claims
    assert bool(claim.hedges) is hedged, claim.hedges


def test_a_quoted_verb_does_not_lend_its_subject_to_the_cue(analyzer: Analyzer) -> None:
    text = (
        '"Our soldiers," Rafael Mora said, "also need decent barracks," before adding that the '
        'design followed "the standards of our partners."'
    )
    quotes = _analyze(analyzer, text).quotes
    adding = next(q for q in quotes if q.cue is not None and q.cue.text == "adding")
    assert adding.speaker is not None and adding.speaker.name == "Rafael Mora"
    assert not adding.speaker.anonymous


def test_a_pronoun_prefers_the_main_clause_subject(analyzer: Analyzer) -> None:
    text = (
        "Rafael Mora said Ivan Gil was advising the navy on patrols. Asked how much the "
        "government was paying, he said the details would be made public soon."
    )
    details = next(q for q in _analyze(analyzer, text).quotes if "details" in q.text)
    assert details.speaker is not None and details.speaker.name == "Rafael Mora"


def test_a_statement_and_a_command_are_organisations(analyzer: Analyzer) -> None:
    analysis = _analyze(
        analyzer,
        "The army said in a statement that 12 soldiers had been wounded. "
        "The statement said the attack began at dawn.\n"
        "The regional police command said 11 of those detained had outstanding warrants.",
    )
    assert _claim(analysis, "The statement said")[0] == "organization"
    command = next(q for q in analysis.quotes if "warrants" in q.text)
    assert command.speaker is not None and not command.speaker.anonymous
    assert _claim(analysis, "warrants") == ("organization", "regional police command")


def test_a_holder_named_only_later_still_holds_the_role(analyzer: Analyzer) -> None:
    text = (
        "Its president calls on U.S. President Donald Trump to help fight the cartels.\n"
        "President Rafael Mora made the appeal in a speech in Lima on Sunday."
    )
    quote = _only(_analyze(analyzer, text))
    assert quote.speaker is not None and quote.speaker.name == "Rafael Mora"


def test_a_person_the_tagger_typed_as_an_organisation_is_still_a_person(
    analyzer: Analyzer,
) -> None:
    # The tagger's type is what the rule corrects, so the entities are given here.
    text = "Peru’s Ivan Gil repeated that he opposes any foreign troops in the region."
    doc = analyzer.nlp(text)
    start = text.index("Ivan Gil")
    gil = Entity("e1", "Ivan Gil", "ORG", (Mention(start, start + 8, "Ivan Gil", "ORG"),))
    ministry = Entity("e2", "Peru’s Interior Ministry", "ORG", ())
    resolver = SpeakerResolver(doc, text, (gil, ministry))
    quotes = find_quotes(doc, (gil,), resolver)
    [claim] = find_claims(doc, (gil,), quotes, resolver)
    assert (claim.evidence.type, claim.evidence.source) == ("named_person", "Ivan Gil")
    assert not resolver.is_person(ministry)


def test_a_negated_factive_cue_reports_nothing(analyzer: Analyzer) -> None:
    text = (
        "In defending the budget, Omar Haddad won't admit that the costs were never counted. "
        "Where the money would come from, the minister did not explain."
    )
    assert _analyze(analyzer, text).quotes == ()
    # Not saying is still a report of what was said about it.
    kept = _analyze(analyzer, "Omar Haddad did not say whether the bridge would open in May.")
    assert [q.speaker.name for q in kept.quotes if q.speaker] == ["Omar Haddad"]


def test_a_correction_note_is_not_speech(analyzer: Analyzer) -> None:
    text = (
        "The mayor opened the bridge on Sunday.\nThis article was amended on 3 May 2021. "
        "An earlier version said the bridge was \u201cbuilt in 1990 by the army\u201d. This has "
        "been corrected to say \u201crebuilt in 1990\u201d."
    )
    assert _analyze(analyzer, text).quotes == ()


def test_a_title_or_name_in_quotation_marks_is_not_speech(analyzer: Analyzer) -> None:
    text = (
        "Vera Lind, appearing on \u201cLate Night With Sam Hart,\u201d was asked about the strike. "
        "\u201cIt was a long week,\u201d Lind said. The striker, described by local fans as the "
        "\u201cIron Wall\u201d, left the club in May."
    )
    quote = _only(_analyze(analyzer, text))
    assert quote.text == "It was a long week"
    assert quote.speaker is not None and quote.speaker.name == "Vera Lind"


def test_according_to_a_poll_names_the_poll(analyzer: Analyzer) -> None:
    analysis = _analyze(
        analyzer, "Support for the mayor fell to 38 percent, according to a new poll."
    )
    quote = _only(analysis)
    assert quote.speaker is not None and quote.speaker.text == "a new poll"
    assert _claim(analysis, "Support") == ("document", "a new poll")


def test_a_person_who_gives_a_name_is_that_name(analyzer: Analyzer) -> None:
    text = "A fighter who identified himself as Karim Abdi said the town had been abandoned."
    analysis = _analyze(analyzer, text)
    speaker = _only(analysis).speaker
    assert speaker is not None and speaker.name == "Karim Abdi" and not speaker.anonymous
    assert speaker.text == "A fighter who identified himself as Karim Abdi"
    assert _claim(analysis, "abandoned") == ("named_person", "Karim Abdi")


def test_a_letters_signature_is_no_part_of_the_next_claim(analyzer: Analyzer) -> None:
    text = (
        "The pool must stay open for the children of the town. Anna Berg Leeds \u2022 "
        "The council has said it will close the library in the centre of Leeds next year."
    )
    analysis = _analyze(analyzer, text)
    claim = next(c for c in analysis.claims if "library" in c.text)
    assert claim.text.startswith("The council has said")
    assert claim.evidence.source != "Anna Berg"
    assert all("Anna" not in (q.speaker.text or "") for q in analysis.quotes if q.speaker)


def test_a_repeated_pronoun_stays_with_its_person(analyzer: Analyzer) -> None:
    text = (
        "Maria Keller said the mill would close. She moved to Hamburg in 2015. She had a son "
        "called Jonas before the floods came. She told the paper her son was now at school."
    )
    school = next(q for q in _analyze(analyzer, text).quotes if "school" in q.text)
    assert school.speaker is not None and school.speaker.name == "Maria Keller"


def test_a_pronoun_with_no_named_person_is_the_unnamed_one(analyzer: Analyzer) -> None:
    text = (
        "A nurse from the camp asked to speak with me after the meeting. "
        "He told me how the water had run out in March."
    )
    speaker = _only(_analyze(analyzer, text)).speaker
    assert speaker is not None and speaker.anonymous
    assert (speaker.description or "").startswith("A nurse from the camp")


def test_retort_is_a_cue(analyzer: Analyzer) -> None:
    text = "Asked about the plan, the mayor, Lena Dahl, retorted that the town could not pay."
    speaker = _only(_analyze(analyzer, text)).speaker
    assert speaker is not None and speaker.name == "Lena Dahl"


def test_the_one_asked_or_told_is_not_the_speaker(analyzer: Analyzer) -> None:
    asked = _analyze(
        analyzer,
        "Vera Lind, appearing on a late-night show, was asked about her thoughts on the "
        "strike in a photo where she and her husband Tom Lind boarded a train.",
    )
    assert asked.quotes == ()
    assert [c.evidence.type for c in asked.claims] == ["outlet"]
    told = _analyze(analyzer, "The minister was told that the bridge would not open in May.")
    assert told.quotes == () and told.claims[0].evidence.type == "outlet"
    by = _only(
        _analyze(analyzer, "The minister was told by engineers that the bridge would not open.")
    )
    assert by.speaker is not None and by.speaker.text == "engineers"


def test_they_goes_to_the_unnamed_people_before_it(analyzer: Analyzer) -> None:
    analysis = _analyze(analyzer, "Many women in the camp were widows, according to them.")
    speaker = _only(analysis).speaker
    assert speaker is not None and speaker.anonymous
    assert speaker.description == "Many women in the camp"
    assert _claim(analysis, "widows") == ("anonymous_person", "Many women in the camp")
    bare = _only(_analyze(analyzer, "They said the road to the border had been closed for weeks."))
    assert bare.text == "the road to the border had been closed for weeks"
    assert bare.speaker is not None and bare.speaker.name is None and not bare.speaker.anonymous


def test_a_place_of_work_is_not_he(analyzer: Analyzer) -> None:
    # The rule is for names the tagger misses and workplaces it types as people,
    # so the entities are given here.
    text = (
        "Samir Adel Hourani, a waiter at Cafe Lumen, broke down in tears. "
        "\u201cI cannot believe it,\u201d he said after the match."
    )
    doc = analyzer.nlp(text)
    start = text.index("Cafe Lumen")
    cafe = Entity(
        "e1", "Cafe Lumen", "PERSON", (Mention(start, start + 10, "Cafe Lumen", "PERSON"),)
    )
    [quote] = find_quotes(doc, (cafe,), SpeakerResolver(doc, text, (cafe,)))
    assert quote.speaker is not None and quote.speaker.name != "Cafe Lumen"


def test_it_goes_to_the_country_that_is_the_subject(analyzer: Analyzer) -> None:
    text = (
        "Nato ministers met in Brussels in May. The US is bogged down in the region, "
        "precisely what it warned Britain against in 1956, that it should not send troops abroad."
    )
    quote = next(q for q in _analyze(analyzer, text).quotes if "troops" in q.text)
    assert quote.speaker is not None and quote.speaker.name == "US"
