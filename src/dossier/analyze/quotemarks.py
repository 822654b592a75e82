"""Finding quoted passages by their quotation marks.

Curly marks say which side they are on; straight double quotes alternate
within a paragraph. A quote left open at the end of a paragraph closes there,
since news style leaves the closing mark off when a quote runs on into the
next paragraph. Single curly quotes count only when the opening one follows
a space or an opening bracket (otherwise it is an apostrophe) and no double
quote is open around it, where it would be a nested quote.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

_OPEN_DOUBLE = "“"
_CLOSE_DOUBLE = "”"
_STRAIGHT = '"'
_OPEN_SINGLE = "‘"
_CLOSE_SINGLE = "’"
# Only these characters change the scanner's state, so it visits them alone.
_MARKS = re.compile(f"[{_OPEN_DOUBLE}{_CLOSE_DOUBLE}{_STRAIGHT}{_OPEN_SINGLE}{_CLOSE_SINGLE}]")


@dataclass(frozen=True, slots=True)
class Quoted:
    """The text between a pair of quotation marks: ``start``/``end`` exclude the marks."""

    start: int
    end: int
    closed: bool


def _paragraphs(text: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for line in text.split("\n"):
        spans.append((start, start + len(line)))
        start += len(line) + 1
    return spans


def _single_opens(text: str, i: int) -> bool:
    return i == 0 or text[i - 1] in " \t([—–-"


def _single_closes(text: str, i: int) -> bool:
    return i + 1 >= len(text) or not text[i + 1].isalnum()


def find_quoted(text: str) -> list[Quoted]:
    return list(_find_quoted(text))


@lru_cache(maxsize=4)  # quotes, claims and pronouns each ask for the same article's marks
def _find_quoted(text: str) -> tuple[Quoted, ...]:
    found: list[Quoted] = []
    for para_start, para_end in _paragraphs(text):
        double_open: int | None = None
        single_open: int | None = None
        for mark in _MARKS.finditer(text, para_start, para_end):
            i, char = mark.start(), mark.group()
            if char == _OPEN_DOUBLE or (char == _STRAIGHT and double_open is None):
                if double_open is None:
                    double_open = i + 1
                    single_open = None
            elif char in (_CLOSE_DOUBLE, _STRAIGHT) and double_open is not None:
                found.append(Quoted(double_open, i, True))
                double_open = None
            elif double_open is None:
                if char == _OPEN_SINGLE and _single_opens(text, i):
                    single_open = i + 1
                elif char == _CLOSE_SINGLE and single_open is not None and _single_closes(text, i):
                    found.append(Quoted(single_open, i, True))
                    single_open = None
        if double_open is not None and para_end > double_open:
            found.append(Quoted(double_open, para_end, False))
    return tuple(q for q in found if q.end > q.start and text[q.start : q.end].strip())
