"""Finding quoted passages by their quotation marks.

The marks are the language's (``quotes.toml``, ``[marks]``): English “ ”, Spanish « »
with “ ” inside them. Curly marks say which side they are on; straight double quotes
alternate within a paragraph. Inside an open quote the marks of another pair belong
to a nested quote and change nothing: «…“…”…» is one quote. A quote left open at the
end of a paragraph closes there, since news style leaves the closing mark off when a
quote runs on into the next paragraph; the paragraph that continues it may open with
the closing mark, as Spanish does («… ¶ »…»). Single curly quotes count only when the
opening one follows a space or an opening bracket (otherwise it is an apostrophe) and
no double quote is open around it, where it would be a nested quote.

Where the language sets speech off with a dash (the Spanish raya), a paragraph that
opens with the dash straight before a word is speech: it runs to the next dash after
a space, where the writer's attribution starts ("—Fue un golpe —dijo el ministro—."),
and resumes after the dash that closes the attribution, to the end of the paragraph
or the next attribution. An attribution with no closing dash runs to the end of the
paragraph. A dash inside a paragraph that opens otherwise is punctuation, not speech.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .quote_words import setting

_STRAIGHT = '"'
# What a speech segment after a closing dash may start with before its words: "—dijo—. Seguiremos".
_RESUME_SKIP = " \t.,;:"


@dataclass(frozen=True, slots=True)
class Quoted:
    """The text between a pair of quotation marks: ``start``/``end`` exclude the marks.
    ``dash`` marks speech set off by dialogue dashes, which is never a label or title."""

    start: int
    end: int
    closed: bool
    dash: bool = False


@dataclass(frozen=True, slots=True)
class _Marks:
    opens: tuple[frozenset[str], ...]  # per pair, the marks that open it
    closes: tuple[frozenset[str], ...]  # per pair, the marks that close it
    single: tuple[str, str] | None
    dash: str
    pattern: re.Pattern[str]


@lru_cache(maxsize=8)
def _marks(language: str) -> _Marks:
    pairs = setting(language, "quotes", "marks", "pairs", [])
    opens = tuple(frozenset([p[0], *p[2:]]) for p in pairs)
    closes = tuple(frozenset([p[1], *p[2:]]) for p in pairs)
    single_marks = setting(language, "quotes", "marks", "single", [])
    single = (single_marks[0], single_marks[1]) if len(single_marks) == 2 else None
    dash = setting(language, "quotes", "marks", "dialogue_dash", "")
    chars = {c for group in opens + closes for c in group} | set(single or ())
    # Only these characters change the scanner's state, so it visits them alone.
    pattern = re.compile("[" + "".join(re.escape(c) for c in sorted(chars)) + "]")
    return _Marks(opens, closes, single, dash, pattern)


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


def find_quoted(text: str, language: str = "en") -> list[Quoted]:
    return list(_find_quoted(text, language))


def _dialogue(text: str, start: int, end: int, dash: str) -> list[Quoted] | None:
    """The speech of a paragraph that opens with a dialogue dash (module docstring),
    or None when the paragraph does not."""
    first = start
    while first < end and text[first].isspace():
        first += 1
    if not dash or first + 1 >= end or text[first] != dash or text[first + 1].isspace():
        return None
    found: list[Quoted] = []
    speech_start: int | None = first + 1
    i = text.find(dash, first + 1, end)
    while i >= 0:
        if speech_start is not None and text[i - 1].isspace():
            found.append(Quoted(speech_start, i, True, True))
            speech_start = None
        elif speech_start is None:
            speech_start = i + 1
        i = text.find(dash, i + 1, end)
    if speech_start is not None:
        found.append(Quoted(speech_start, end, True, True))
    trimmed = []
    for q in found:
        begin = q.start
        while begin < q.end and text[begin] in _RESUME_SKIP:
            begin += 1
        trimmed.append(Quoted(begin, q.end, True, True))
    return trimmed


@lru_cache(maxsize=4)  # quotes, claims and pronouns each ask for the same article's marks
def _find_quoted(text: str, language: str) -> tuple[Quoted, ...]:
    marks = _marks(language)
    found: list[Quoted] = []
    carried: int | None = None  # the pair a quote left open at the previous paragraph's end
    for para_start, para_end in _paragraphs(text):
        spoken = _dialogue(text, para_start, para_end, marks.dash)
        if spoken is not None:
            found += spoken
            carried = None
            continue
        double_open: int | None = None
        pair: int | None = None
        single_open: int | None = None
        first = para_start
        while first < para_end and text[first].isspace():
            first += 1
        if (
            carried is not None
            and first < para_end
            and text[first] in marks.closes[carried]
            and text[first] not in marks.opens[carried]
        ):
            # "»Nadie perderá su trabajo»": Spanish reopens a quote that runs on into
            # a new paragraph with its closing mark.
            double_open, pair = first + 1, carried
            para_start = first + 1
        carried = None
        for mark in marks.pattern.finditer(text, para_start, para_end):
            i, char = mark.start(), mark.group()
            if pair is not None and char in marks.closes[pair] and double_open is not None:
                found.append(Quoted(double_open, i, True))
                double_open = pair = None
                continue
            opened = next((k for k, group in enumerate(marks.opens) if char in group), None)
            if opened is not None:
                if double_open is None:
                    double_open, pair = i + 1, opened
                    single_open = None
            elif double_open is None and marks.single is not None:
                if char == marks.single[0] and _single_opens(text, i):
                    single_open = i + 1
                elif (
                    char == marks.single[1] and single_open is not None and _single_closes(text, i)
                ):
                    found.append(Quoted(single_open, i, True))
                    single_open = None
        if double_open is not None and para_end > double_open:
            found.append(Quoted(double_open, para_end, False))
            carried = pair
    return tuple(q for q in found if q.end > q.start and text[q.start : q.end].strip())
