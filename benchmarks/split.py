"""The one tune/check split every quality benchmark uses.

Each dev set is cut into a *tune* part, whose errors may be read and worked
from, and a *check* part, which is only scored: its items are never printed,
and the pinned floors in ``floors.json`` hold on it. Membership is decided by
hashing the item's own key (a sentence ID, a file name, an article's text)
with a fixed seed, not by list position, so an item stays in its part when a
set grows, shrinks or is reordered, and anyone can recompute the split.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from typing import Literal, TypeVar

SEED = "dossier-split-2026"
CHECK_SHARE = 0.5
PARTS = ("tune", "check", "all")

Part = Literal["tune", "check", "all"]
T = TypeVar("T")


def part_of(key: str, seed: str = SEED, check_share: float = CHECK_SHARE) -> Part:
    """``"check"`` for about ``check_share`` of all keys, else ``"tune"``."""
    digest = hashlib.sha256(f"{seed}\x00{key}".encode()).digest()
    fraction = int.from_bytes(digest[:8], "big") / 2**64
    return "check" if fraction < check_share else "tune"


def select(items: Iterable[T], key: Callable[[T], str], part: Part) -> list[T]:
    """The items of one part, in their original order (``"all"`` keeps every item)."""
    if part not in PARTS:
        raise ValueError(f"unknown part {part!r}: expected one of {', '.join(PARTS)}")
    return [item for item in items if part == "all" or part_of(key(item)) == part]
