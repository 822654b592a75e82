"""A pipeline component that starts a sentence after every line break.

Dossier's texts keep one paragraph (or heading) per line. Without this the
parser runs a heading into the next paragraph's first sentence, and both the
entities and the attribution rules then see one long, wrong sentence.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc


@Language.component("dossier_paragraphs", assigns=["token.is_sent_start"])
def paragraph_breaks(doc: Doc) -> Doc:
    for token in doc[:-1]:
        if "\n" in token.text or token.whitespace_ == "\n":
            doc[token.i + 1].is_sent_start = True
    return doc
