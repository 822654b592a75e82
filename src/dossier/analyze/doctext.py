"""A parsed document's text and entities by position, each built once per document.

``Doc.text`` joins every token's text on each call and ``Span.ents`` walks all of the
document's entities, so a rule that asks for them per date or per sentence grows with
the square of the article. These read them once and keep them in ``Doc.user_data``.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

_TEXT = "dossier.text"
_ENTS_AT = "dossier.ents_at"


def doc_text(doc: Doc) -> str:
    text = doc.user_data.get(_TEXT)
    if text is None:
        text = doc.user_data[_TEXT] = doc.text
    return str(text)


def entity_at(doc: Doc, start: int) -> Span | None:
    """The entity that begins at token ``start``, if any."""
    starts = doc.user_data.get(_ENTS_AT)
    if starts is None:
        starts = doc.user_data[_ENTS_AT] = {e.start: e for e in doc.ents}
    found = starts.get(start)
    return found if isinstance(found, Span) else None


# vocab id -> (vocab, its language): ``Vocab.lang`` calls a function on every read, and
# the rules ask for a document's language per token. The vocab is kept so that its id is
# never reused by another while it is listed here.
_LANGUAGES: dict[int, tuple[object, str]] = {}


def language_of(part: Doc | Span | Token) -> str:
    """The language code of the document a doc, span or token belongs to (``Doc.lang_``)."""
    vocab = part.vocab
    found = _LANGUAGES.get(id(vocab))
    if found is None or found[0] is not vocab:
        found = _LANGUAGES[id(vocab)] = (vocab, str(vocab.lang))
    return found[1]
