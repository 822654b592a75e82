"""Small SQL helpers shared by the store's query modules."""

from __future__ import annotations


def marks(count: int) -> str:
    """``count`` placeholders for an ``IN (...)`` list: ``?, ?, ?``."""
    return ", ".join("?" for _ in range(count))
