"""Dossier: news reporting turned into a structured record an analyst can check."""

__version__ = "0.1.0"
