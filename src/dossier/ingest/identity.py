"""Stable article identity and content hashing, kept where ingest has always
found it; the rules live in ``dossier.keys``, which the store shares."""

from __future__ import annotations

from ..keys import article_id, content_hash, normalise_text, normalise_url, raw_hash

__all__ = ["article_id", "content_hash", "normalise_text", "normalise_url", "raw_hash"]
