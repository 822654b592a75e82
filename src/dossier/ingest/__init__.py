"""Turning sources (paths, URLs, feeds, crawls, stdin) into clean text and metadata."""

from .extract import extract
from .sources import iter_documents

__all__ = ["extract", "iter_documents"]
