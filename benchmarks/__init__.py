"""Benchmarks that score Dossier against public evaluation data in ``../shared/eval``.

This is a package only so that the quality gate in ``tests/`` can import the
scorers from the repository root instead of copying them; each module also
runs as a plain script (``python benchmarks/extraction.py``).
"""
