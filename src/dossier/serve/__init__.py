"""The workbench server: a FastAPI application over the store (see :mod:`.app`).

``dossier serve`` runs :func:`create_app` under uvicorn; routes live in :mod:`.api`.
"""

from __future__ import annotations

from .app import ServeSettings, create_app, serve_forever

__all__ = ["ServeSettings", "create_app", "serve_forever"]
