"""Toponym recognition: which of an article's entity mentions name places.

These are the GPE, LOC and FAC mentions, plus demonyms of countries and states standing as
nouns ("Israelis", tagged NORP) and a place that opens an organisation's name as its
modifier ("Fulton County" in "Fulton County Sheriff's Office"). A mention is no place when
the article gives evidence against it (:func:`not_places`): it belongs to a person, it is a
demonym modifying a noun ("Peruvian state radio"), a short all-capital code that names
no country, or a single word no gazetteer entry bears and whose capital proves nothing. A
gang or other armed group named like a place is not one (:func:`group_names`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from ..models import Entity, Mention
from .groups import cued, is_large_place, listed_spans, named_before_noun
from .placeindex import ADMIN1, ADMIN2, COUNTRY, Entry, PlaceIndex, name_key
from .wordlists import alternation, word_list

TOPONYM_LABELS = frozenset({"GPE", "LOC", "FAC"})
NAME_TOWN = 20_000  # towns named inside organisations' names need this many people
# Words of organisations' names that are also the names of some town ("Police", Poland).
GENERIC = frozenset(
    """police university college school central north south east west northern southern eastern
    western northeast northwest southeast southwest metro town city valley county state national
    united union superior general federal public mountain lake river community liberty""".split()
)
_CAPITALISED = re.compile(r"[A-Z][\w'’.-]*")


def toponym_mentions(entities: Iterable[Entity], index: PlaceIndex | None = None) -> list[Mention]:
    """Mentions of places, in text order, without overlaps (the longer span wins).

    These are the GPE, LOC and FAC mentions; given the
    index, also demonyms of countries and states ("Russians", label NORP) and a place that
    opens an organisation's name ("Fulton County" in "Fulton County Sheriff's Office"),
    which the model tags as a whole.
    """
    mentions = [m for e in entities for m in e.mentions]
    found = [m for m in mentions if m.label in TOPONYM_LABELS]
    for m in mentions if index else ():
        if m.label == "NORP" and index and demonym(index, m.text):
            found.append(m)
        elif m.label == "ORG" and index:
            found.extend(_places_in_name(index, m))
    found.sort(key=lambda m: (m.start, -(m.end - m.start)))
    kept: list[Mention] = []
    for m in found:
        if not kept or m.start >= kept[-1].end:
            kept.append(m)
    return kept


def listed_demonym(index: PlaceIndex, text: str) -> list[tuple[Entry, bool]]:
    """The country of a demonym ``countryinfo`` lists ("Canadians"), else nothing.

    A listed demonym means its country even where a town or county shares the word
    ("Canadian", Texas; "Chin State" for "Chinese").
    """
    word = name_key(text)
    for base in (word, word[:-1]) if word.endswith("s") else (word,):
        if (known := index.demonyms.get(base)) is not None:
            return [(index.entry(known), True)]
    return []


def demonym(index: PlaceIndex, text: str) -> list[tuple[Entry, bool]]:
    """The country or state a demonym names: "Israelis" Israel, "Sudanese" Sudan."""
    if found := listed_demonym(index, text):
        return found
    word = name_key(text)
    for base in (word, word[:-1]) if word.endswith("s") else (word,):
        for suffix in ("ian", "ese", "an", "ish", "i", "n"):
            stem = base[: -len(suffix)]
            if not base.endswith(suffix) or len(stem) < 3:
                continue
            for ending in ("", "a", "e", "ia", "o", "on", "ine", "y"):
                found = [c for c in index.lookup(stem + ending) if c[0].level <= ADMIN1]
                if found:
                    return found
    return []


def _places_in_name(index: PlaceIndex, mention: Mention) -> Iterator[Mention]:
    """A division, or a town of some size, that opens an organisation's longer name.

    Only a leading modifier names a place: "Fulton County Sheriff's Office" is the office
    of Fulton County. A word heading the name ("Confederation" in "Confederation of
    Indigenous Nationalities", followed by "of") or standing after its head ("London" in
    "King's College London", "Ecuador" in "... Nationalities of Ecuador") is part of the
    name, and so is a generic word ("Police", which is also a town in Poland).
    """
    words = list(_CAPITALISED.finditer(mention.text))
    if len(words) < 2 or words[0].start() != 0:
        return
    for n in range(min(3, len(words) - 1), 0, -1):
        end = words[n - 1].end()
        if mention.text[words[n - 1].end() : words[n].start()].strip():
            continue  # the run must be followed directly by the next capitalised word
        head = mention.text[:end]
        if n == 1 and head.lower() in GENERIC:
            continue
        found = [e for e, primary in index.lookup(head) if primary]
        if any(e.level <= ADMIN2 or e.population >= NAME_TOWN for e in found):
            yield Mention(mention.start, mention.start + end, head, "GPE")
            return


_NEXT_WORD = re.compile(r"[ \t]+[A-Za-z]")  # a word follows on the same line
# A title right before a name: abbreviated ("Sen.") or written out without a full stop,
# which would end a sentence instead ("... the judge. Columbus officials ..."). Not a title
# that is also an everyday word: headlines capitalise it ("Major Texas Banks Post Gains"),
# and a pageant's title names its place ("Miss Nevada").
_SHORT_TITLES = alternation(word_list("en", "title-short"))
_PERSON_CUE = re.compile(
    rf"\b(?:(?:{_SHORT_TITLES})\.?|{alternation(word_list('en', 'title'))})\s+$", re.IGNORECASE
)
_LOCATIVE = re.compile(r"\b(?:in|at|near|from|to|into|outside|across|around|of)\s+$")
_SENTENCE_START = re.compile(r"(?:^|[.!?:;\"“”]\s*|\n\s*)$")


def not_places(
    text: str, entities: Iterable[Entity], mentions: list[Mention], index: PlaceIndex
) -> set[tuple[int, int]]:
    """Spans of toponym mentions the article itself shows are no places.

    * **A person's name**: the mention is a PERSON entity's name or ends one ("Loffredo"
      beside "Ana Loffredo", or one mention tagged GPE of an entity the model reads as a
      person), or a title comes right before it ("Mayor Bellamy"), unless a locative
      preposition does ("in Alexandria" stays the town where the model also reads
      "Alexandria" as a person).
    * **A demonym modifying a noun**: "Peruvian state radio", "French officials" name a
      nationality, not the country; a demonym standing alone ("Syrians", "the Iraqi said")
      still means its people's country.
    * **A short code**: a lone all-capital token of up to four letters that is no country's
      code or abbreviation and no state's ("VX").
    * **A common word**: a single word that no gazetteer entry bears, when its capital is no
      evidence of a name: it opens a sentence or a line, or the article also writes it in
      lower case ("Bananas ... bananas"). The model tags such words as places; a longer
      unknown name ("Zorblax Valley") is kept, unresolved.
    """
    people: set[tuple[str, ...]] = set()
    for e in entities:
        if e.type == "PERSON":
            for m in e.mentions:
                words = tuple(name_key(m.text).split())
                people.update(words[i:] for i in range(len(words)))
    spans: set[tuple[int, int]] = set()
    for m in mentions:
        before = text[max(0, m.start - 30) : m.start]
        words = tuple(name_key(m.text).split())
        if (words in people or _PERSON_CUE.search(before)) and not _LOCATIVE.search(before):
            spans.add((m.start, m.end))
        elif _is_demonym(index, m.text):
            if not _plural_demonym(index, m.text) and _NEXT_WORD.match(text, m.end):
                spans.add((m.start, m.end))
        elif _is_code(m.text) and not _known_code(index, m.text):
            spans.add((m.start, m.end))
        elif len(words) == 1 and not index.lookup(m.text) and not demonym(index, m.text):
            at_start = _SENTENCE_START.search(text[max(0, m.start - 3) : m.start])
            if at_start or re.search(rf"(?<!\w){re.escape(m.text.lower())}(?!\w)", text):
                spans.add((m.start, m.end))
    return spans


def _is_demonym(index: PlaceIndex, text: str) -> bool:
    """A listed demonym ("Canadian", though Canadian, Texas exists), or a word that is no
    place's name but a demonym's form of one ("Sudanese")."""
    if not text[:1].isupper():
        return False
    return bool(listed_demonym(index, text)) or (
        not index.lookup(text) and bool(demonym(index, text))
    )


def _plural_demonym(index: PlaceIndex, text: str) -> bool:
    """ "Syrians", "Israelis": a people, which stands as a noun."""
    return text.endswith("s") and _is_demonym(index, text[:-1])


def _is_code(text: str) -> bool:
    letters = text.replace(".", "")
    return letters.isalpha() and letters.isupper() and len(letters) <= 4


def _known_code(index: PlaceIndex, text: str) -> bool:
    return text in index.state_abbreviations or any(
        e.level == COUNTRY for e, _ in index.lookup(text)
    )


def abbreviations_whole(text: str, mentions: list[Mention], index: PlaceIndex) -> list[Mention]:
    """Give back the period the tokenizer took from a state abbreviation ending a sentence
    ("Richmond, Ind." tagged "Ind"): without it "Ind" is not Indiana but a namesake."""
    whole = []
    for m in mentions:
        if text.startswith(".", m.end) and f"{m.text}." in index.state_abbreviations:
            m = Mention(m.start, m.end + 1, f"{m.text}.", m.label)
        whole.append(m)
    return whole


def group_names(text: str, entities: Iterable[Entity], index: PlaceIndex) -> set[tuple[int, int]]:
    """Spans of place-like mentions that name gangs, cartels and other armed groups.

    The cues are :mod:`.groups`'s. Such a name is no place in any of its mentions unless
    it is also a country, a state or a large town: then only a mention a group noun
    follows is the group's ("the Sinaloa cartel"), and "armed groups, Mexico said" still
    names Mexico. Entities from :func:`.entities.doc_entities` arrive already regrouped;
    this keeps the rule for mentions read any other way.
    """
    listed = listed_spans(text)
    spans: set[tuple[int, int]] = set()
    for entity in entities:
        if entity.type not in TOPONYM_LABELS:  # "Mexican cartels" still name Mexico
            continue
        if not any(cued(text, m, listed) for m in entity.mentions):
            continue
        if is_large_place(index, entity.name):
            spans.update((m.start, m.end) for m in entity.mentions if named_before_noun(text, m))
        else:
            spans.update((m.start, m.end) for m in entity.mentions)
    return spans
