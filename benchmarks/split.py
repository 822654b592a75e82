"""The one tune/check split every quality benchmark uses.

Each dev set is cut into a *tune* part, whose errors may be read and worked
from, and a *check* part, which is only scored: its items are never printed,
and the pinned floors in ``floors.json`` hold on it. Membership is decided by
hashing the item's own key (a sentence ID, a file name, an article's text)
with a fixed seed, not by list position, so an item stays in its part when a
set grows, shrinks or is reordered, and anyone can recompute the split.
"""

from __future__ import annotations

import argparse
import hashlib
from collections.abc import Callable, Iterable
from typing import Literal, TypeVar, cast

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


# Scored by default: both parts, each on its own, so a gap between them shows.
REPORTED: tuple[Part, ...] = ("tune", "check")


def add_part_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--part",
        choices=PARTS,
        help="score one part only: tune, check, or all (the whole set pooled); "
        "default: tune and check, each scored on its own",
    )


def parts_to_score(part: str | None) -> tuple[Part, ...]:
    if part is None:
        return REPORTED
    if part not in PARTS:
        raise ValueError(f"unknown part {part!r}: expected one of {', '.join(PARTS)}")
    return (cast(Part, part),)


def item_output_refusal(part: str | None, option: str) -> str | None:
    """Why ``option`` (an output that shows single items) may not run, or ``None``.

    Items are shown for the tune part only: with ``--part check`` or ``--part all``
    the option is refused; without ``--part`` it shows tune items and the check
    part is reported in aggregate only.
    """
    if part in ("check", "all"):
        return (
            f"{option} shows single items, and check-part items are never shown "
            f"(--part {part} includes them): use --part tune, or leave --part out "
            f"to see tune items next to both parts' figures"
        )
    return None
