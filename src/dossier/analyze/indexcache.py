"""The on-disk cache of the place indexes, so that no process rebuilds them.

Building :func:`.placeindex.place_index` and :func:`.gazetteer.gazetteer` from the registry
packages' data takes seconds; reading them back from one file takes a fraction of that. A
cache file is named by a key that changes whenever its contents could: the index format
version (``FORMAT``), the Python version (the payload is ``marshal`` data, whose format
belongs to the interpreter), the text of the modules and word list that build the index,
and the size and modification time of every data file read. A stale file is therefore never
read; it is simply not found, and the index is built and written again.

The directory is ``DOSSIER_CACHE_DIR`` (:func:`..config.cache_dir`). A file is written to a
temporary name beside its final one and renamed into place, so a reader sees the whole file
or none. The file begins with a magic string and the SHA-256 of its payload; a file that is
truncated or damaged fails that check, is reported on the ``dossier`` logger, and is rebuilt.
A cache directory that cannot be written only costs the rebuild, with a warning. ``marshal``
runs no code while it reads, unlike ``pickle``; and the digest is checked first.
"""

from __future__ import annotations

import gc
import hashlib
import importlib.util
import logging
import marshal
import os
import sys
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, TypeVar

from ..config import cache_dir

FORMAT = 1  # bump when the stored form of an index changes
MAGIC = b"DOSSIDX1"
_DIGEST = hashlib.sha256().digest_size
LOG = logging.getLogger("dossier")

T = TypeVar("T")


def package_files(package: str, names: Iterable[str]) -> list[Path]:
    """Files inside an installed package, found without importing it."""
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError(f"package {package} is not installed")
    root = Path(next(iter(spec.submodule_search_locations)))
    found: list[Path] = []
    for name in names:
        path = root / name
        found.extend(sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path])
    return found


def cache_key(name: str, sources: Iterable[Path], data: Iterable[Path]) -> str:
    """A key for the cache file of index ``name``: the text of ``sources`` (the code and
    word lists that build it) and the size and modification time of the ``data`` it reads."""
    digest = hashlib.sha256(f"{name}\0{FORMAT}\0{sys.version_info[:2]}\0".encode())
    digest.update(str(marshal.version).encode())
    for path in sources:
        digest.update(path.read_bytes())
    for path in data:
        stat = path.stat()
        digest.update(f"{path}\0{stat.st_size}\0{stat.st_mtime_ns}\0".encode())
    return digest.hexdigest()[:24]


def cache_path(name: str, key: str, folder: Path | None = None) -> Path:
    return (folder or cache_dir()) / f"{name}-{key}.idx"


def cached(
    name: str,
    key: str,
    build: Callable[[], T],
    dump: Callable[[T], Any],
    load: Callable[[Any], T],
    folder: Path | None = None,
) -> T:
    """The index ``name`` read from its cache file, or built, written there, and returned.

    ``dump`` turns the index into ``marshal``-able values; ``load`` turns them back.
    """
    path = cache_path(name, key, folder)
    # The collector would walk the half-built tables again and again while they are read
    # (they hold a million objects and more), for nothing: reading creates no cycles.
    enabled = gc.isenabled()
    gc.disable()
    try:
        payload = _read(path)
        if payload is not None:
            return load(payload)
    except (TypeError, ValueError, KeyError, IndexError, AttributeError) as exc:
        LOG.warning("place index cache %s is unreadable (%s); rebuilding it", path, exc)
    finally:
        if enabled:
            gc.enable()
    index = build()
    _write(path, marshal.dumps(dump(index)), name)
    return index


def _read(path: Path) -> Any:
    try:
        blob = path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as exc:
        LOG.warning("cannot read the place index cache %s (%s); rebuilding it", path, exc)
        return None
    head, digest, body = (
        blob[: len(MAGIC)],
        blob[len(MAGIC) : len(MAGIC) + _DIGEST],
        blob[len(MAGIC) + _DIGEST :],
    )
    if head != MAGIC or hashlib.sha256(body).digest() != digest:
        LOG.warning("place index cache %s is damaged (bad header or checksum); rebuilding it", path)
        return None
    try:
        return marshal.loads(body)
    except (EOFError, ValueError, TypeError) as exc:
        LOG.warning("place index cache %s is unreadable (%s); rebuilding it", path, exc)
        return None


def _write(path: Path, body: bytes, name: str) -> None:
    """Write atomically: a temporary file in the same folder, renamed over the final name."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
        try:
            with os.fdopen(fd, "wb") as stream:
                stream.write(MAGIC + hashlib.sha256(body).digest() + body)
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except OSError as exc:
        LOG.warning("cannot write the place index cache %s (%s); rebuilt next time", path, exc)
        return
    for old in path.parent.glob(f"{name}-*.idx"):  # files of older keys are never read again
        if old != path:
            old.unlink(missing_ok=True)
