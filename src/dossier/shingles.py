"""Word shingles and MinHash signatures for finding near-duplicate articles.

A text is folded (case, accents) into words; its shingles are the word 4-grams. Two
texts' resemblance is measured on those sets. MinHash estimates Jaccard overlap from a
fixed-size signature, and LSH cuts the signature into bands: texts that share any band
digest are candidates, so a new text is compared with a handful of stored texts found
by an indexed lookup, never with every stored text.

With ``BANDS`` bands of ``ROWS`` rows, two texts of Jaccard overlap ``j`` share a band
with probability ``1 - (1 - j**ROWS)**BANDS``: 0.23 at j = 0.3, 0.87 at 0.5, 0.98 at
0.6. Candidates are then checked exactly (``resemblance``), so the bands only need to
catch the pairs above the threshold, and a false candidate costs one read.
"""

from __future__ import annotations

import hashlib
import re

import numpy as np

from .keys import strip_marks

SHINGLE_WORDS = 4
# Texts shorter than this have too few shingles to tell a copy from a shared phrase.
MIN_WORDS = 40
PERMUTATIONS = 128
BANDS = 32
ROWS = PERMUTATIONS // BANDS

_WORD = re.compile(r"\w+")
# (a * h + b) mod p on 32-bit shingle hashes with a, b < p = 2**31 - 1 stays inside 63 bits.
_PRIME = np.uint64((1 << 31) - 1)
_RNG = np.random.default_rng(20261201)
_A = _RNG.integers(1, int(_PRIME), PERMUTATIONS, dtype=np.uint64)
_B = _RNG.integers(0, int(_PRIME), PERMUTATIONS, dtype=np.uint64)


def words(text: str) -> list[str]:
    return _WORD.findall(strip_marks(text.casefold()))


def shingles(text: str) -> frozenset[str]:
    """The word 4-grams of a text, or none when it has fewer than ``MIN_WORDS`` words."""
    ws = words(text)
    if len(ws) < MIN_WORDS:
        return frozenset()
    return frozenset(" ".join(ws[i : i + SHINGLE_WORDS]) for i in range(len(ws) - 3))


def _hash32(s: str) -> int:
    return int.from_bytes(hashlib.blake2b(s.encode(), digest_size=4).digest(), "big")


def signature(grams: frozenset[str]) -> np.ndarray:
    """The MinHash signature (``PERMUTATIONS`` values) of a non-empty shingle set."""
    hashed = np.fromiter((_hash32(s) for s in grams), dtype=np.uint64, count=len(grams))
    return np.asarray(((np.outer(hashed, _A) + _B) % _PRIME).min(axis=0), dtype=np.uint64)


def bands(sig: np.ndarray) -> list[str]:
    """The LSH band digests of a signature, each tagged with its band number."""
    out = []
    for band in range(BANDS):
        rows = sig[band * ROWS : (band + 1) * ROWS].tobytes()
        out.append(f"{band}|{hashlib.blake2b(rows, digest_size=8).hexdigest()}")
    return out


def text_bands(text: str) -> list[str]:
    grams = shingles(text)
    return bands(signature(grams)) if grams else []


def resemblance(a: frozenset[str], b: frozenset[str]) -> float:
    """How much of the shorter text the longer one contains: shared shingles over the
    smaller set. A re-post with a paragraph cut, or a copy with boilerplate added, keeps
    nearly all of its shingles in the other; two articles on one topic share few."""
    if not a or not b:
        return 0.0
    return len(a & b) / min(len(a), len(b))


def jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0
