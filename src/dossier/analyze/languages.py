"""The language gate: which languages have an analysis pipeline, and what each one needs.

Every rule in ``analyze/`` is written for one language's model and resources, so a text
in a language without a pipeline is never run through another language's model: the
ingest stores it with its text and metadata, marked as not analysed. A language gets a
pipeline by registering a ``LanguagePipeline``: the spaCy package to load and the function
that turns its parsed documents into Dossier's records (with that language's resources).
Nothing elsewhere branches on a language code; the Analyzer asks ``pipeline_for``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..config import DEFAULT_MODEL

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from ..models import Analysis
    from .homes import Home

# (parsed document, publication date, outlet, outlet home) -> records
Convert = Callable[["Doc", "str | None", "str | None", "Home | None"], "Analysis"]


@dataclass(frozen=True, slots=True)
class LanguagePipeline:
    """What the Analyzer needs for one language."""

    code: str  # ISO 639-1, as ``Extracted.language`` gives it
    name: str  # the language's English name, for messages
    model: str  # the installed spaCy pipeline package
    convert: Convert  # parsed document to records, with this language's rules and resources


def _english(doc: Doc, published: str | None, outlet: str | None, home: Home | None) -> Analysis:
    from .records import analyze_doc  # imported on first use: the registry alone loads no spaCy

    return analyze_doc(doc, published, outlet, home)


PIPELINES: dict[str, LanguagePipeline] = {}

# A text whose language is unknown (too short to detect, no ``lang`` attribute) is read with
# this pipeline: the gate holds back only what is known to be another language.
DEFAULT_LANGUAGE = "en"


def register(pipeline: LanguagePipeline) -> None:
    PIPELINES[pipeline.code] = pipeline


register(LanguagePipeline("en", "English", DEFAULT_MODEL, _english))


def language_code(language: str | None) -> str | None:
    """The primary subtag, lower-cased: ``en-GB`` and ``EN`` are ``en``."""
    if not language or not language.strip():
        return None
    return language.strip().replace("_", "-").split("-")[0].lower()


def pipeline_for(language: str | None) -> LanguagePipeline | None:
    """The pipeline for a text in ``language``, or None when it has none."""
    return PIPELINES.get(language_code(language) or DEFAULT_LANGUAGE)
