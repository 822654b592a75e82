"""Date expressions normalised against the publication date: the rules, without spaCy.

A reader checking a report needs to know *when*, so every calendar reference
becomes a period with ISO bounds. ``normalise`` holds the rules; ``dates``
finds the spans in a parsed document and ``dateclause`` reads the tense of the
clause that governs each one. The rules are written over one canonical
vocabulary, English's (its month, weekday, number and day words come from
``resources/languages/en/dates.toml``); an expression in another language is
first brought into it by that language's rewrites and words (``datewords``):
"el lunes pasado" is read as "last monday", "hace tres días" as "three days
ago". The rules, and why:

* Absolute dates stand on their own and are resolved even without a
  publication date: ISO dates ("2024-05-17"; a time after "T" is dropped),
  "March 3, 2025", "3 March 2025", "June 2024", "2024", decades ("the 1990s";
  two-digit ones need "the" or an apostrophe, since "her 80s" is an age, and
  only "the '30s" to "the '90s" are read, as the 1900s: "the '10s" could be
  either century), centuries ("the 19th century" = 1800-1899, the everyday
  reading), quarters and halves ("Q1 2025", "the second half of 2024").
* Relative expressions are never guessed: without a publication date they keep
  their precision but get ``anchored=False`` and no dates. "today",
  "yesterday", "tomorrow" ("last night" is yesterday, "tonight" and "this
  morning" today); "this/last/next week" (Monday-Sunday), "... weekend" (its
  Saturday-Sunday), "... month", "... year"; "the past week" or "the past
  three years" (the window ending on publication day, inclusive); "two weeks
  ago" (at the precision of its unit: the day, the Monday-Sunday week, the
  month or the year); "since 2020" (from 2020-01-01 to publication: open at
  one end, so it is relative too); weekdays; month names and month-days
  without a year.
* A month, month-day, weekday or weekend without a year is read in one of
  three directions, which the clause that governs it decides (see
  ``dateclause``): *past*, the latest one not after publication ("in March"
  in an April 2025 article is March 2025; "on Monday" the latest Monday on or
  before publication, so in wire style "Monday" in a Monday article is that
  day); *future*, the first one not before publication; *nearest*, the one
  nearest publication, a tie going to the past (a month counts in months, a
  day or a weekend in days, so "April 13" in an article of 19 March 2025 is 2025-04-13
  and "Monday" is within three days either side). Read alone, without a
  clause, a date is past, because news mostly reports what happened. "last
  March"/"next March" are strictly before/after the publication month,
  "this March" is in the publication year, "March next year" says the year
  outright; "last Monday" is strictly before, "next Tuesday" strictly after,
  "this Tuesday" in the publication's week. A weekday before a yearless
  month-day ("Thursday, Oct. 5") picks the year nearest publication in which
  the date falls on that weekday.
* Parts: "early/mid/late" (or "the beginning/middle/end of") cut a year into
  Jan-Apr, May-Aug and Sep-Dec, a month into days 1-10, 11-20 and 21-end, a
  decade into years 0-3, 4-6 and 7-9 (a century 0-39, 40-69, 70-99): thirds
  are simple to state and to check. Before a day ("late Monday") they name a
  time of that day, so it stays a day. "earlier/later this year" run from the
  period's start to publication, or from publication to its end.
* Ranges: "from 1999 to 2009", "1999-2009", "2012-14", "between 2019 and
  2021", "March to June 2024" (the right side lends its year), "March 3-5,
  2025". The span keeps "from"/"between" because they make the range; "and"
  joins two dates only after "between". A relative left side that would fall
  after the right side is anchored on the right side ("from Friday to
  Monday"). Either side unanchored makes the whole range unanchored.
* Skipped, because they are not calendar references: durations ("three
  years", "decades"), ages ("45-year-old"), habits ("every Monday",
  "Mondays"), clock times alone ("10 a.m."), and narrative anchors that do not
  point at publication ("the next day", "that week", "the second half of the
  year"). A clock time or part of day next to a day ("yesterday morning",
  "Friday at 9 p.m.") joins the day's span but not its meaning.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta
from typing import Literal, NamedTuple

from .datewords import CANONICAL, date_words

Reading = Literal["past", "future", "nearest"]
READINGS: tuple[Reading, ...] = ("past", "future", "nearest")


class Normalised(NamedTuple):
    """What ``normalise`` makes of a date expression."""

    precision: str
    start_date: str | None
    end_date: str | None
    anchored: bool


# A period under construction: dates are None when it is relative and unanchored.
_Period = tuple[str, date | None, date | None]

# The canonical vocabulary's words, from the English dates.toml: the rules below are
# written over it, and another language's words are mapped into it (``datewords``).
_EN = date_words(CANONICAL)
MONTHS = _EN.months
WEEKDAYS = _EN.weekdays
NUMBERS = _EN.numbers
ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4}
_PARTS = {"early": 0, "beginning of": 0, "start of": 0, "mid": 1, "middle of": 1}
_PARTS |= {"late": 2, "end of": 2}
_DAY = timedelta(days=1)
_SHIFT = {"last": -1, "previous": -1, "this": 0, "next": 1, "coming": 1}

_M = "(" + "|".join(sorted(MONTHS, key=len, reverse=True)) + ")"
_W = "(" + "|".join(sorted(WEEKDAYS, key=len, reverse=True)) + ")"
_TH = r"(?:st|nd|rd|th)?"
_Y = r"(\d{4})"

_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_YEAR = re.compile(rf"(?:year )?{_Y}")
_MONTH_YEAR = re.compile(rf"{_M} (?:of )?{_Y}")
_MDY = re.compile(rf"{_M} (\d{{1,2}}){_TH}(?: {_Y})?")
_DMY = re.compile(rf"(\d{{1,2}}){_TH} (?:of )?{_M}(?: {_Y})?")
_MONTH = re.compile(rf"(?:(last|this|next) )?{_M}(?: (last|this|next) year)?")
_DECADE = re.compile(r"(?:the )?(\d{3})0s|(?:the |the '|')([3-9])0s")  # not "her 80s"
_CENTURY = re.compile(rf"(\d{{1,2}}){_TH} century")
_QUARTER = re.compile(r"(?:q([1-4])|(first|second|third|fourth) quarter|(first|second) half) (.+)")
_DAYWORDS = _EN.daywords
_DAYWORD = re.compile("(" + "|".join(_DAYWORDS) + ")")
_UNIT = re.compile(r"(last|previous|this|next|coming|past) (week|weekend|month|year)")
_AGO = re.compile(r"(\w+) (day|week|month|year|decade)s? ago")
_WINDOW = re.compile(r"(?:past|last|previous) (\w+) (day|week|month|year|decade)s")
_WEEKDAY = re.compile(rf"(?:(last|this|next|on) )?{_W}")
_WEEKEND = re.compile(r"(?:(last|this|next) )?weekend")
_LEAD_WEEKDAY = re.compile(rf"(?:(?:last|this|next|on) )?{_W} (.*\d.*)")
_PART = re.compile(r"(early|mid|late|earlier|later|(?:beginning|start|middle|end) of) (.+)")
_DAYS = rf"(\d{{1,2}}){_TH}-(\d{{1,2}}){_TH}"
_DAY_RANGE = re.compile(rf"{_M} {_DAYS}(?: {_Y})?|{_DAYS} {_M}(?: {_Y})?")
_CONNECTOR = re.compile(r"-| (to|until|till|through|thru|and) ")
_ENDS_YEAR = re.compile(rf" {_Y}$")
_HAS_YEAR = re.compile(r"\d{4}|\byear\b")

# Cleaning, applied to the lower-cased text before parsing.
_CLEAN = (
    (re.compile(r"[–—]"), "-"),
    (re.compile(r"(?<=\d)t\d{2}:\d{2}(?::\d{2})?(?:\.\d+)?(?:z|[+-]\d{2}:?\d{2})?"), ""),
    (re.compile(r"\bmid-\s*"), "mid "),
    (re.compile(r"(?<=[a-z])\."), ""),
    (re.compile(r"[,()]"), " "),
    (re.compile(r"\blast night\b"), "yesterday"),
    (re.compile(r"\btonight\b|\bthis (?:morning|afternoon|evening)\b"), "today"),
    (re.compile(r"\b(?:at |around |about )?(?:\d{1,2}(?::\d{2})? ?[ap]m|noon|midnight)\b"), " "),
    (re.compile(r"\b(?:the )?(?:early |late )?(?:morning|afternoon|evening|night)(?: of)?\b"), ""),
    (re.compile(r"\s*-\s*"), "-"),
    (re.compile(r"\s+"), " "),
    (re.compile(r"^ ?(?:(?:in|on|at|during|by|for|of|over) )+|'s?$| $"), ""),
)


def normalise(
    text: str, published: date | None, *, reading: Reading = "past", language: str = CANONICAL
) -> Normalised | None:
    """The period ``text`` (in ``language``) names, or None if it is not a calendar reference.

    ``reading`` is the direction the governing clause gives (``dateclause``),
    which decides which March a bare "March" is; on its own, a date is read
    as past, as news mostly reports what happened.
    """
    cleaned = date_words(language).canonical(text.lower().replace("’", "'"))
    for pattern, replacement in _CLEAN:
        cleaned = pattern.sub(replacement, cleaned)
    if not cleaned:
        return None
    try:
        period = _parse(cleaned, published, reading)
    except (ValueError, OverflowError):  # "February 30", a year out of range
        return None
    if period is None:
        return None
    precision, start, end = period
    if start is None or end is None:
        return Normalised(precision, None, None, False)
    return Normalised(precision, start.isoformat(), end.isoformat(), True)


def _parse(s: str, pub: date | None, reading: Reading) -> _Period | None:
    if s.startswith("since "):
        inner = _single(s[6:], pub, reading)
        if inner is None or inner[1] is None or pub is None:
            return None if inner is None else ("range", None, None)
        return ("range", inner[1], pub) if inner[1] <= pub else None
    return _single(s, pub, reading) or _range(s, pub, reading)


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _shift_month(year: int, month: int, by: int) -> tuple[int, int]:
    index = year * 12 + month - 1 + by
    return index // 12, index % 12 + 1


def _month(year: int, month: int) -> _Period:
    return ("month", date(year, month, 1), _month_end(year, month))


def _year(year: int) -> _Period:
    return ("year", date(year, 1, 1), date(year, 12, 31))


def _unit(unit: str, pub: date, by: int) -> _Period:
    """The week, weekend, month or year ``by`` units from the one holding ``pub``."""
    if unit in ("week", "weekend"):
        monday = pub + timedelta(days=7 * by - pub.weekday())
        first = monday + timedelta(days=5 if unit == "weekend" else 0)
        return ("range", first, monday + timedelta(days=6))
    if unit == "month":
        return _month(*_shift_month(pub.year, pub.month, by))
    return _year(pub.year + by)


def _back(pub: date, count: int, unit: str) -> date:
    """``pub`` moved ``count`` units into the past."""
    if unit in ("day", "week"):
        return pub - timedelta(days=count * (7 if unit == "week" else 1))
    months = count * {"month": 1, "year": 12, "decade": 120}[unit]
    year, month = _shift_month(pub.year, pub.month, -months)
    return date(year, month, min(pub.day, calendar.monthrange(year, month)[1]))


def _on(day: date) -> _Period:
    return ("day", day, day)


def _yearless(month: int, day: int | None, pub: date | None, reading: Reading) -> _Period:
    """A month or month-day without a year, read in the ``reading`` direction from ``pub``."""
    date(2000, month, day or 1)  # validates, leap day included
    if pub is None:
        return ("day" if day else "month", None, None)
    if reading == "nearest":
        year = min(_years_around(pub, month, day), key=lambda y: _distance(y, month, day, pub))
    else:
        key, now = (month, day or 0), (pub.month, pub.day if day else 0)
        future = reading == "future"
        year = pub.year + (1 if future and key < now else -1 if not future and key > now else 0)
    return _on(date(year, month, day)) if day else _month(year, month)


def _years_around(pub: date, month: int, day: int | None) -> list[int]:
    """The years before, of and after ``pub`` in which the month-day exists (29 February)."""
    years = range(pub.year - 1, pub.year + 2)
    return [y for y in years if not (month == 2 and day == 29) or calendar.isleap(y)]


def _distance(year: int, month: int, day: int | None, pub: date) -> int:
    """How far the month or day is from ``pub``, in its own unit; a tie goes to the past,
    as ``min`` keeps the earliest of equal years."""
    if day is None:
        return abs(year * 12 + month - pub.year * 12 - pub.month)
    return abs((date(year, month, day) - pub).days)


def _day(year: str | None, month: int, day: str, pub: date | None, reading: Reading) -> _Period:
    if year is None:
        return _yearless(month, int(day), pub, reading)
    return _on(date(int(year), month, int(day)))


def _single(s: str, pub: date | None, reading: Reading) -> _Period | None:
    if m := _DECADE.fullmatch(s):
        start = int(m[1]) * 10 if m[1] else 1900 + int(m[2]) * 10
        return ("range", date(start, 1, 1), date(start + 9, 12, 31))
    s = s.removeprefix("the ")
    if m := _ISO.fullmatch(s):
        return _on(date(int(m[1]), int(m[2]), int(m[3])))
    if (m := _YEAR.fullmatch(s)) and 1000 <= int(m[1]) <= 2999:
        return _year(int(m[1]))
    if m := _MONTH_YEAR.fullmatch(s):
        return _month(int(m[2]), MONTHS[m[1]])
    if m := _MDY.fullmatch(s):
        return _day(m[3], MONTHS[m[1]], m[2], pub, reading)
    if m := _DMY.fullmatch(s):
        return _day(m[3], MONTHS[m[2]], m[1], pub, reading)
    if m := _CENTURY.fullmatch(s):
        start = (int(m[1]) - 1) * 100
        return ("range", date(start, 1, 1), date(start + 99, 12, 31))
    if (m := _QUARTER.fullmatch(s)) and (year := _single(m[4].removeprefix("of "), pub, reading)):
        if year[0] != "year":
            return None
        if year[1] is None:
            return ("range", None, None)
        first = (6 * ORDINALS[m[3]] - 5) if m[3] else 3 * (int(m[1] or ORDINALS[m[2]])) - 2
        last = _month_end(year[1].year, first + (5 if m[3] else 2))
        return ("range", date(year[1].year, first, 1), last)
    if m := _LEAD_WEEKDAY.fullmatch(s):
        return _dated_weekday(WEEKDAYS[m[1]], m[2], pub, reading)
    if m := _PART.fullmatch(s):
        return _part(m[1], m[2], pub, reading)
    return _relative(s, pub, reading)


def _dated_weekday(weekday: int, rest: str, pub: date | None, reading: Reading) -> _Period | None:
    """ "Thursday, Oct. 5": the date decides; without a year, the weekday picks it."""
    inner = _single(rest, pub, reading)
    if inner is None or inner[0] != "day":
        return None
    if (day := inner[1]) is None or pub is None or _HAS_YEAR.search(rest):
        return inner
    years = [y for y in range(day.year - 1, day.year + 2) if day.month != 2 or calendar.isleap(y)]
    fits = [d for y in years if (d := date(y, day.month, day.day)).weekday() == weekday]
    return _on(min(fits, key=lambda d: abs(d - pub))) if fits else inner


def _relative(s: str, pub: date | None, reading: Reading) -> _Period | None:
    """Expressions that only mean something against the publication date."""
    if m := _MONTH.fullmatch(s):
        month = MONTHS[m[2]]
        if (m[3] or m[1] == "this") and pub:  # "March next year", "this March"
            return _month(pub.year + _SHIFT[m[3] or "this"], month)
        if m[1] == "next" and pub:  # strictly after the publication month
            return _month(pub.year + 1 if month <= pub.month else pub.year, month)
        if m[1] == "last" and pub:  # strictly before it
            return _month(pub.year - 1 if month >= pub.month else pub.year, month)
        return _yearless(month, None, pub, "future" if m[1] == "next" else reading)
    if m := _DAYWORD.fullmatch(s):
        if pub is None:
            return ("day", None, None)
        return _on(pub + timedelta(days=_DAYWORDS[m[1]]))
    if m := _UNIT.fullmatch(s):
        precision = "range" if m[2] in ("week", "weekend") else m[2]
        if pub is None:
            return ("range" if m[1] == "past" else precision, None, None)
        if m[1] == "past":
            return ("range", _back(pub, 1, m[2].replace("weekend", "week")) + _DAY, pub)
        return _unit(m[2], pub, _SHIFT[m[1]])
    if (m := _AGO.fullmatch(s)) and (count := _number(m[1])):
        precision = {"day": "day", "week": "range", "month": "month"}.get(m[2], "year")
        if pub is None:
            return (precision, None, None)
        when = _back(pub, count, m[2])
        return _on(when) if m[2] == "day" else _unit(m[2].replace("decade", "year"), when, 0)
    if (m := _WINDOW.fullmatch(s)) and (count := _number(m[1])):
        return ("range", _back(pub, count, m[2]) + _DAY, pub) if pub else ("range", None, None)
    if m := _WEEKDAY.fullmatch(s):
        return _weekday(WEEKDAYS[m[2]], m[1], pub, reading)
    if m := _WEEKEND.fullmatch(s):
        if pub is None:
            return ("range", None, None)
        # A bare "weekend": the latest one begun by publication, the coming one, or the
        # nearer of the two (a Wednesday is as far from both: the past wins).
        begun = {"past": 5, "future": 0, "nearest": 3}[reading]
        by = _SHIFT[m[1]] if m[1] else (0 if pub.weekday() >= begun else -1)
        return _unit("weekend", pub, by)
    return None


def _number(word: str) -> int | None:
    if word.isdigit():
        return int(word) or None
    return NUMBERS.get(word)


def _weekday(weekday: int, modifier: str | None, pub: date | None, reading: Reading) -> _Period:
    if pub is None:
        return ("day", None, None)
    strict = 7 if modifier in ("last", "next") else 0
    if modifier == "this":
        when = pub + timedelta(days=weekday - pub.weekday())
    elif modifier in (None, "on") and reading == "nearest":  # within three days either side
        when = pub + timedelta(days=(weekday - pub.weekday() + 3) % 7 - 3)
    elif modifier == "next" or (reading == "future" and modifier != "last"):
        when = pub + timedelta(days=(weekday - pub.weekday()) % 7 or strict)
    else:
        when = pub - timedelta(days=(pub.weekday() - weekday) % 7 or strict)
    return _on(when)


def _part(part: str, rest: str, pub: date | None, reading: Reading) -> _Period | None:
    inner = _single(rest, pub, reading)
    if inner is None:
        return None
    precision, start, end = inner
    if precision == "day" and part in ("early", "late"):
        return inner  # "late Monday": a time of that day
    if start is None or end is None:
        return ("range", None, None) if precision in ("year", "month", "range") else None
    if part in ("earlier", "later"):
        if pub is None or not start <= pub <= end:
            return None
        return ("range", start, pub) if part == "earlier" else ("range", pub, end)
    third = _PARTS[part]
    if precision == "year":
        return ("range", date(start.year, 4 * third + 1, 1), _month_end(start.year, 4 * third + 4))
    if precision == "month":
        until = end if third == 2 else start.replace(day=10 * third + 10)
        return ("range", start.replace(day=10 * third + 1), until)
    years = end.year - start.year + 1
    if precision == "range" and years in (10, 100) and start.year % years == 0:
        cuts = (0, years * 4 // 10, years * 7 // 10, years)  # decade: 0-3, 4-6, 7-9
        low, high = start.year + cuts[third], start.year + cuts[third + 1] - 1
        return ("range", date(low, 1, 1), date(high, 12, 31))
    return None


def _range(s: str, pub: date | None, reading: Reading) -> _Period | None:
    prefix, _, rest = s.partition(" ")
    if prefix in ("from", "between"):
        s = rest
    else:
        prefix = ""
    if m := _DAY_RANGE.fullmatch(s):
        month = MONTHS[m[1] or m[7]]
        first, last, year = (m[2], m[3], m[4]) if m[1] else (m[5], m[6], m[8])
        _, start, _ = _day(year, month, first, pub, reading)
        if start is None:
            return ("range", None, None)
        end = start.replace(day=int(last))
        return ("range", start, end) if start < end else None
    for c in _CONNECTOR.finditer(s):
        if (c[1] == "and") != (prefix == "between"):
            continue
        left, right = s[: c.start()], s[c.end() :]
        if len(left) == 4 and len(right) == 2 and (left + right).isdigit():
            right = left[:2] + right  # "2012-14"
        lent = ""
        if (y := _ENDS_YEAR.search(right)) and not _HAS_YEAR.search(left):
            lent = f"{left} {y[1]}"  # "March to June 2024"
        after = _single(right, pub, reading)
        before = _single(lent, pub, reading) if lent else None
        before = before or _single(left, pub, reading)
        if after is None or before is None:
            continue
        if after[2] is None or before[1] is None:
            return ("range", None, None)
        if before[1] > after[2]:  # a relative left side: anchor it on the right one
            before = _single(left, after[2], "past")
            if before is None or before[1] is None or before[1] > after[2]:
                continue
        return ("range", before[1], after[2])
    return None
