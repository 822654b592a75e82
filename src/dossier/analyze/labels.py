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
from spacy.tokens import Doc, Span, Token

from .doctext import language_of
from .wordlists import is_title, word_list


class EntityLabels:
    def __init__(self, names: dict[str, str], institution_labels: list[str]) -> None:
        self.names = names
        self.institution_labels = frozenset(institution_labels)

    def _label(self, ent: Span) -> str:
        label = self.names.get(ent.label_, ent.label_)
        if label in self.institution_labels:
            words = [t for t in ent if t.pos_ != "DET"]
            if words and words[0].lower_ in word_list(language_of(ent), "institution"):
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


def _is_title(token: Token) -> bool:
    return is_title(token.text, language_of(token))


def _name_after(doc: Doc, start: int, stop: int) -> int:
    """The end of the run of capitalised proper nouns from ``start`` (at most ``stop``)."""
    end = start
    while end < stop and doc[end].pos_ == "PROPN" and doc[end].is_alpha:
        if not doc[end].text[:1].isupper():
            break
        end += 1
    return end


class TitledNames:
    """Names after a title: a run of capitalised proper nouns right after a title word of
    the text's language ("el coronel Hernán Cedeño", "Sgt. Nora Vance") is a person's
    name. A title is the surest sign there is that a person is named next, and the
    model's reading of the same words depends on their context: it may miss the name,
    type it otherwise ("el sargento Tomás Yépez" with the name as MISC), or run one span
    over the article, the title and the name ("El coronel Hernán Cedeño" as MISC), which
    is then the person alone."""

    def __call__(self, doc: Doc) -> Doc:
        kept: list[Span] = []
        for ent in doc.ents:
            words = [t for t in ent if t.pos_ != "DET"]
            after_title = ent.start > 0 and _is_title(doc[ent.start - 1])
            if ent.label_ != "PERSON" and len(words) > 1 and _is_title(words[0]):
                first = words[0].i + 1
                if _name_after(doc, first, ent.end) == ent.end:
                    ent = Span(doc, first, ent.end, label="PERSON")
            elif (
                ent.label_ != "PERSON"
                and after_title
                and _name_after(doc, ent.start, ent.end) == ent.end
            ):
                ent = Span(doc, ent.start, ent.end, label="PERSON")
            kept.append(ent)
        taken = {i for ent in kept for i in range(ent.start, ent.end)}
        found = []
        for token in doc[:-1]:
            if _is_title(token) and token.i + 1 not in taken:
                end = _name_after(doc, token.i + 1, len(doc))
                while end > token.i + 1 and any(i in taken for i in range(token.i + 1, end)):
                    end -= 1
                if end > token.i + 1:
                    found.append(Span(doc, token.i + 1, end, label="PERSON"))
                    taken.update(range(token.i + 1, end))
        doc.ents = sorted([*kept, *found], key=lambda span: span.start)
        return doc


@Language.factory("dossier_titled_names", assigns=["doc.ents"], requires=["doc.ents"])
def make_titled_names(nlp: Language, name: str) -> TitledNames:
    return TitledNames()
