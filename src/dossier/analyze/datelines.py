"""Datelines: the place (and agency) a wire story opens with, before a dash.

"QUITO —", "GUAYAQUIL, Ecuador (Reuters) -", "LIMA, Peru, March 3 (AP) —". A
dateline says where the story was filed; the parser often takes its place name
for the subject of the first sentence, so speakers and roles skip it.

A dateline opens a paragraph, runs at most ``_MAX_WORDS`` words, and ends in a
dash with space around it (or an em or en dash, or the ".-" of Spanish agencies
after a date or an agency). Its first word is in capitals
(``QUITO``), or it carries an agency in brackets (``Quito (Reuters) -``); a
sentence that merely opens with a name and a parenthetical dash ("Mora — who
won in April — said") is neither.
"""

from __future__ import annotations

import re

_MAX_WORDS = 8
# Spanish agencies close a dateline with ".-" after its date or agency: "QUITO, 12 de agosto
# de 2025.-", "Guayaquil (EFE).-"; a digit or a bracket before it keeps "U.S.- China" out.
_DASH = re.compile(r"\s+[-–—]{1,2}\s+|\s*[—–]\s*|(?<=[\d)])\.-\s+")
_AGENCY = re.compile(r"\([^()\n]{2,40}\)\s*$")


def _is_dateline(head: str) -> bool:
    words = head.split()
    if not words or len(words) > _MAX_WORDS:
        return False
    first = re.sub(r"[^\w]", "", words[0])
    capitals = len(first) >= 2 and first.isupper() and first.isalpha()
    return capitals or bool(_AGENCY.search(head) and head[:1].isupper())


def dateline_spans(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of every dateline, ``end`` just after the dash and its space."""
    found = []
    start = 0
    for line in text.split("\n"):
        dash = _DASH.search(line, 0, 120)
        if dash is not None and dash.start() > 0 and _is_dateline(line[: dash.start()]):
            found.append((start, start + dash.end()))
        start += len(line) + 1
    return found


def in_dateline(spans: list[tuple[int, int]], position: int) -> tuple[int, int] | None:
    """The dateline that holds character ``position``, if any."""
    for start, end in spans:
        if start <= position < end:
            return start, end
    return None


def past_dateline(spans: list[tuple[int, int]], start: int, end: int) -> int:
    """``start`` moved past a dateline it falls in ("QUITO —", "DURÁN, 12 de agosto de
    2025.-"), at most to ``end``: where a place was filed is no part of what is said."""
    held = in_dateline(spans, start)
    return min(held[1], end) if held else start
