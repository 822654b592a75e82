"""A pipeline component that fixes entity types the model gets wrong for places.

The small English model tags some place names as people, organisations or
products ("Guayaquil" as PERSON, "Durán" as ORG, "Guayas" as PRODUCT). This
component relabels an entity as GPE (or LOC for regions) when its whole text
is a known place and nothing in the document says it is a name:

- the entity is not part of a longer PERSON name in the same document
  ("Jordan" stays a person beside "Michael Jordan");
- no personal title or honorific comes right before it (one that is also an everyday
  word, "major" or "general", only when capitalised);
- a city must have at least 100,000 people, because smaller towns share
  names with everyday words and surnames.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from .doctext import language_of
from .gazetteer import CITY, REGION, Gazetteer, fold, gazetteer
from .languages import resource
from .wordlists import is_title

_MIN_CITY_POPULATION = 100_000


def _relabel_from(language: str) -> frozenset[str]:
    """The labels this language's model gives places it mistypes (``language.toml``)."""
    return frozenset(resource(language, "language").get("relabel_as_place", ()))


def _is_title(token: Token) -> bool:
    """A title before a name marks a person; a saint's word, a longer name ("St. Louis")."""
    return is_title(token.text, language_of(token), saints=True)


def _person_parts(doc: Doc) -> set[str]:
    parts: set[str] = set()
    for ent in doc.ents:
        words = ent.text.split()
        if ent.label_ == "PERSON" and len(words) > 1:
            parts.update(fold(w) for w in words)
            parts.add(fold(ent.text))
    return parts


def _is_place(ent: Span, places: Gazetteer, person_parts: set[str]) -> str | None:
    place = places.lookup(ent.text)
    if place is None:
        return None
    if place.feature == CITY and place.population < _MIN_CITY_POPULATION:
        return None
    if fold(ent.text) in person_parts:
        return None
    if ent.start > 0 and _is_title(ent.doc[ent.start - 1]):
        return None
    return "LOC" if place.feature == REGION else "GPE"


class PlaceTypes:
    def __init__(self, places: Gazetteer) -> None:
        self.places = places

    def __call__(self, doc: Doc) -> Doc:
        person_parts = _person_parts(doc)
        relabel_from = _relabel_from(language_of(doc))
        ents = []
        for ent in doc.ents:
            label = (
                _is_place(ent, self.places, person_parts) if ent.label_ in relabel_from else None
            )
            ents.append(Span(doc, ent.start, ent.end, label=label) if label else ent)
        doc.ents = ents
        return doc


@Language.factory(
    "dossier_place_types",
    assigns=["doc.ents"],
    requires=["doc.ents"],
)
def make_place_types(nlp: Language, name: str) -> PlaceTypes:
    return PlaceTypes(gazetteer())
