"""The per-language word lists (resources/words.tsv) and the rules that read them.

Every sentence here is written for these tests.
"""

from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Span

from dossier.analyze.entities import entity_id, mentions_of
from dossier.analyze.gazetteer import gazetteer
from dossier.analyze.place_types import PlaceTypes
from dossier.analyze.placeindex import DIVISION_WORDS
from dossier.analyze.places import place_mentions
from dossier.analyze.wordlists import KINDS, alternation, parse_words, word_list
from dossier.models import Entity, Mention

_HEADER = "word\tlanguage\tkind\n"


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("language\tword\tkind\nmr\ten\ttitle-short\n", "the first row must be the header"),
        (_HEADER + "mr\ten\n", "needs 3 non-empty cells"),
        (_HEADER + "mr\ten\ttitles\n", "kind 'titles' is not one of"),
        (_HEADER + "mr\tEN\ttitle-short\n", "language 'EN' is not a language code"),
        (_HEADER + "Mr\ten\ttitle-short\n", "'Mr' must be written in lower case"),
        (_HEADER + "mr\ten\ttitle-short\nmr\ten\ttitle-short\n", "'mr' is listed twice"),
    ],
)
def test_a_malformed_word_table_names_the_file_line_and_reason(text: str, reason: str) -> None:
    with pytest.raises(ValueError, match=reason) as caught:
        parse_words(text, "mine.tsv")
    assert str(caught.value).startswith("mine.tsv")


def test_a_word_table_groups_words_by_language_and_kind() -> None:
    text = _HEADER + "# a comment\nmr\ten\ttitle-short\nsr\tes\ttitle-short\ndr\ten\ttitle-short\n"
    assert parse_words(text) == {
        ("en", "title-short"): frozenset({"mr", "dr"}),
        ("es", "title-short"): frozenset({"sr"}),
    }


def test_the_packaged_table_lists_each_title_once_and_the_spanish_division_words() -> None:
    kinds = ("title", "title-capitalised", "title-short", "saint")
    lists = [word_list("en", kind) for kind in kinds]
    assert all(lists)
    assert sum(map(len, lists)) == len(frozenset().union(*lists)), "a word under two kinds"
    assert {"provincia", "provincia del", "departamento de"} <= word_list("es", "division-before")
    english = word_list("en", *KINDS)
    assert not english & {"provincia", "departamento", "provincia de", "departamento del"}
    assert word_list("xx", "title") == frozenset()
    with pytest.raises(ValueError, match="no kind"):
        word_list("en", "honorific")


def test_an_alternation_tries_the_longest_phrase_first() -> None:
    assert alternation(["provincia", "provincia del", "provincia de"]) == (
        r"provincia\ del|provincia\ de|provincia"
    )
    assert alternation(["Cantón"], folded=True) == "canton"


@pytest.mark.parametrize(
    ("name", "stem"),
    [
        ("provincia del guayas", "guayas"),
        ("departamento de antioquia", "antioquia"),
        ("provincia de la sierra", "la sierra"),
        ("chimborazo province", "chimborazo"),
        ("state of mexico", "mexico"),
        ("castile and leon autonomous community", "castile and leon"),
    ],
)
def test_gazetteer_division_names_lose_their_division_words_in_any_listed_language(
    name: str, stem: str
) -> None:
    assert DIVISION_WORDS.sub("", name).strip() == stem


def test_every_written_out_title_and_honorific_leaves_a_persons_name() -> None:
    nlp = spacy.blank("en")
    text = "Sir Alden Pryce met Sheriff Nora Vance and Major Tomas Reyes."
    doc = nlp.make_doc(text)
    doc.ents = [
        doc.char_span(text.index(name), text.index(name) + len(name), label="PERSON")
        for name in ("Sir Alden Pryce", "Sheriff Nora Vance", "Major Tomas Reyes")
    ]
    assert [m.text for m in mentions_of(doc)] == ["Alden Pryce", "Nora Vance", "Tomas Reyes"]


def _entities(text: str, name: str, label: str) -> tuple[Entity, ...]:
    starts = [i for i in range(len(text)) if text.startswith(name, i)]
    mentions = tuple(Mention(i, i + len(name), name, label) for i in starts)
    return (Entity(entity_id(name, label), name, label, mentions),)


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("Ambassador Houston arrived on Monday.", False),
        ("The talks ended when Colonel Houston left.", False),
        ("Dr. Houston arrived on Monday.", False),
        ("She works for a major Houston employer.", True),
        ("Major Houston Banks Post Gains\n\nShares rose.", True),
        ("He said he would miss Houston after the move.", True),
    ],
)
def test_a_title_before_a_place_name_marks_a_person_an_everyday_word_does_not(
    text: str, kept: bool
) -> None:
    assert (place_mentions(text, _entities(text, "Houston", "GPE")) != []) is kept


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("Dockers across the general Guayaquil area went on strike.", "GPE"),
        ("General Guayaquil spoke to the dockers.", "PERSON"),
        ("Ambassador Guayaquil spoke to the dockers.", "PERSON"),
    ],
)
def test_place_types_keep_a_titled_name_a_person_but_not_after_an_everyday_word(
    text: str, label: str
) -> None:
    nlp = spacy.blank("en")
    doc = nlp.make_doc(text)
    start = text.index("Guayaquil")
    span = doc.char_span(start, start + len("Guayaquil"), label="PERSON")
    assert span is not None
    doc.ents = [Span(doc, span.start, span.end, label="PERSON")]
    (ent,) = PlaceTypes(gazetteer())(doc).ents
    assert ent.label_ == label
