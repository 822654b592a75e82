"""Analysis: spaCy runs here, and only plain records leave this package."""

from __future__ import annotations

from .analyzer import Analyzer
from .nlp import load_model
from .records import analyze_doc

__all__ = ["Analyzer", "analyze_doc", "load_model"]
