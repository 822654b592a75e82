"""A pipeline component that renames a model's entity labels to Dossier's types.

Every rule reads OntoNotes labels (PERSON, ORG, GPE, ...), the scheme of the English
models. A model trained on another scheme (the Spanish model's WikiNER PER, ORG, LOC and
MISC) has its labels renamed here, right after its recogniser, from the ``[labels]`` table
of its language's ``language.toml``, so that no rule downstream depends on the scheme.

The same component retypes institutions named by a common noun ("la Policía Nacional",
"el Ministerio del Interior"), which the Spanish model reads as places or as MISC: a name
whose first word, after any article, is one of its language's institution nouns
(``words.tsv``) is an organisation's, when the model gave it one of the labels its
``language.toml`` lists under ``relabel_as_institution``.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span

from .wordlists import word_list


class EntityLabels:
    def __init__(self, names: dict[str, str], institution_labels: list[str]) -> None:
        self.names = names
        self.institution_labels = frozenset(institution_labels)

    def _label(self, ent: Span) -> str:
        label = self.names.get(ent.label_, ent.label_)
        if label in self.institution_labels:
            words = [t for t in ent if t.pos_ != "DET"]
            if words and words[0].lower_ in word_list(ent.doc.lang_, "institution"):
                return "ORG"
        return label

    def __call__(self, doc: Doc) -> Doc:
        ents = []
        for ent in doc.ents:
            label = self._label(ent)
            ents.append(ent if label == ent.label_ else Span(doc, ent.start, ent.end, label=label))
        doc.ents = ents
        return doc


@Language.factory("dossier_labels", assigns=["doc.ents"], requires=["doc.ents"])
def make_entity_labels(
    nlp: Language, name: str, names: dict[str, str], institution_labels: list[str]
) -> EntityLabels:
    return EntityLabels(names, institution_labels)
