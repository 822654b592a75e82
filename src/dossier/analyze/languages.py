"""The language gate: which languages have an analysis pipeline, and what each one needs.

Every component in ``analyze/`` is the same code for every language; what differs by
language (its spaCy package, its model's entity labels, its words and formats) lives in
``resources/languages/<code>/``, one TOML file per job, read with ``resource``. A language
has a pipeline when its folder has a ``language.toml`` and its spaCy package is installed,
so adding a language means adding a folder, not a module. A text in a language without a
pipeline is never run through another language's model: the ingest stores it with its
text and metadata, marked as not analysed. Nothing elsewhere branches on a language
code; the Analyzer asks ``pipeline_for`` and components ask ``resource``.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..language_resources import language_folders
from ..language_resources import resource as resource

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


def _convert(doc: Doc, published: str | None, outlet: str | None, home: Home | None) -> Analysis:
    from .records import analyze_doc  # imported on first use: the registry alone loads no spaCy

    return analyze_doc(doc, published, outlet, home)


def languages() -> list[str]:
    """The codes of every language with resources, whether or not its model is installed."""
    return list(language_folders())


def _installed(package: str) -> bool:
    return importlib.util.find_spec(package) is not None


PIPELINES: dict[str, LanguagePipeline] = {}

# A text whose language is unknown (too short to detect, no ``lang`` attribute) is read with
# this pipeline: the gate holds back only what is known to be another language.
DEFAULT_LANGUAGE = "en"


def register(pipeline: LanguagePipeline) -> None:
    PIPELINES[pipeline.code] = pipeline


def _register_installed() -> None:
    """A pipeline for each language whose model is installed; the default language always
    has one, so that a missing model is reported when it is loaded, not hidden by the gate."""
    for code in languages():
        info = resource(code, "language")
        if code == DEFAULT_LANGUAGE or _installed(info["model"]):
            register(LanguagePipeline(code, info["name"], info["model"], _convert))


_register_installed()


def language_code(language: str | None) -> str | None:
    """The primary subtag, lower-cased: ``en-GB`` and ``EN`` are ``en``."""
    if not language or not language.strip():
        return None
    return language.strip().replace("_", "-").split("-")[0].lower()


def pipeline_for(language: str | None) -> LanguagePipeline | None:
    """The pipeline for a text in ``language``, or None when it has none."""
    return PIPELINES.get(language_code(language) or DEFAULT_LANGUAGE)
