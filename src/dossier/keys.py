"""Keys every layer agrees on: folded names and stable IDs.

Ingest, analysis and the store all need to say "the same name" and "the same
article" the same way, so the rules live here, below all three, and need only
the standard library: importing this module loads no model, parser or
gazetteer, which keeps read-only commands fast.

- ``fold`` is the key for comparing names: case, accents and spacing do not
  count ("Durán" and "DURAN" fold alike), and a curly apostrophe is a straight one.
- ``entity_id`` names an entity by its type and folded name.
- An article's ID is derived from its canonical URL when one is known, and
  otherwise from its normalised text, so the same page or file always gets the
  same ID. ``content_hash`` tells versions and exact duplicates apart;
  ``raw_hash`` identifies the input bytes, before any extraction.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

_TRACKING = re.compile(r"^(utm_[a-z]+|fbclid|gclid|mc_cid|mc_eid|ref|cmpid)$", re.I)
_DEFAULT_PORTS = {"http": 80, "https": 443}


class _Marks(dict[int, int | None]):
    """A ``str.translate`` table that deletes combining marks, filled as characters are
    met: translating in C is several times faster than a per-character generator, and
    asking ``unicodedata`` lazily keeps the full table (1.1 million code points) unbuilt."""

    def __missing__(self, code: int) -> int | None:
        kept = None if unicodedata.combining(chr(code)) else code
        self[code] = kept
        return kept


_MARKS = _Marks()


def strip_marks(text: str) -> str:
    """``text`` decomposed (NFKD) with its combining marks removed: "Durán" -> "Duran"."""
    if text.isascii():
        return text
    return unicodedata.normalize("NFKD", text).translate(_MARKS)


def fold(name: str) -> str:
    return " ".join(strip_marks(name).casefold().replace("’", "'").split())


def entity_id(name: str, type_: str) -> str:
    return "e" + hashlib.sha256(f"{type_}:{fold(name)}".encode()).hexdigest()[:15]


def normalise_url(url: str) -> str:
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower()
    if parts.port and parts.port != _DEFAULT_PORTS.get(scheme):
        host = f"{host}:{parts.port}"
    query = urlencode([(k, v) for k, v in parse_qsl(parts.query) if not _TRACKING.match(k)])
    path = parts.path or "/"
    if len(path) > 1 and path.endswith("/"):
        path = path[:-1]
    return urlunsplit((scheme, host, path, query, ""))


def normalise_text(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split())


def _digest(value: str) -> str:
    return hashlib.sha256(value.encode("utf-8")).hexdigest()


def content_hash(text: str) -> str:
    return _digest(normalise_text(text))


def article_id(url: str | None, text: str) -> str:
    if url:
        return "u" + _digest(normalise_url(url))[:15]
    return "t" + content_hash(text)[:15]


def raw_hash(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()
