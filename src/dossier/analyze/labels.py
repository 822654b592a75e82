"""A pipeline component that renames a model's entity labels to Dossier's types.

Every rule reads OntoNotes labels (PERSON, ORG, GPE, ...), the scheme of the English
models. A model trained on another scheme (the Spanish model's WikiNER PER, ORG, LOC and
MISC) has its labels renamed here, right after its recogniser, from the ``[labels]`` table
of its language's ``language.toml``, so that no rule downstream depends on the scheme.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span


class EntityLabels:
    def __init__(self, names: dict[str, str]) -> None:
        self.names = names

    def __call__(self, doc: Doc) -> Doc:
        doc.ents = [
            Span(doc, ent.start, ent.end, label=self.names[ent.label_])
            if ent.label_ in self.names
            else ent
            for ent in doc.ents
        ]
        return doc


@Language.factory("dossier_labels", assigns=["doc.ents"], requires=["doc.ents"])
def make_entity_labels(nlp: Language, name: str, names: dict[str, str]) -> EntityLabels:
    return EntityLabels(names)
