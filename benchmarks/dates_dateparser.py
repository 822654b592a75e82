"""Dossier's date rules beside dateparser, on date expressions we wrote ourselves.

Issue 11 asked whether ``dateparser`` (1.5.0, on the registry) should replace the
hand-written date rules in English and Spanish. This script scores both on the same
60 expressions (30 English, 30 Spanish, relative and year-less ones among them), each
with the period it names against a publication date, written by hand for this
comparison (not taken from any data set). It prints, per language, how many periods
each gets exactly and how many of its dates fall inside the right period.

dateparser gives one point in time and a granularity (``period``: day, week, month,
year); a point is widened to its day, Monday-Sunday week, month or year to compare.
Both read a year-less date as past (``PREFER_DATES_FROM: past``, our default reading).

dateparser 1.5.0 is already installed with trafilatura (htmldate requires it), so it
needs nothing new; without it, only our scores are printed. The set was written by the
author of our Spanish rules, so it favours them: it measures coverage of the forms we
need, not general accuracy. Run: ``python benchmarks/dates_dateparser.py``.
"""

from __future__ import annotations

import calendar
import time
from datetime import date, datetime, timedelta
from typing import Any

from dossier.analyze.datenorm import normalise

PUBLISHED = {"en": date(2025, 4, 16), "es": date(2025, 8, 13)}  # both Wednesdays
GOLD = [
    ("en", "March 3, 2025", "2025-03-03", "2025-03-03"),
    ("en", "3 March 2025", "2025-03-03", "2025-03-03"),
    ("en", "June 2024", "2024-06-01", "2024-06-30"),
    ("en", "2019", "2019-01-01", "2019-12-31"),
    ("en", "yesterday", "2025-04-15", "2025-04-15"),
    ("en", "tomorrow", "2025-04-17", "2025-04-17"),
    ("en", "today", "2025-04-16", "2025-04-16"),
    ("en", "last Monday", "2025-04-14", "2025-04-14"),
    ("en", "next Tuesday", "2025-04-22", "2025-04-22"),
    ("en", "Friday", "2025-04-11", "2025-04-11"),
    ("en", "last week", "2025-04-07", "2025-04-13"),
    ("en", "next week", "2025-04-21", "2025-04-27"),
    ("en", "last month", "2025-03-01", "2025-03-31"),
    ("en", "next year", "2026-01-01", "2026-12-31"),
    ("en", "three days ago", "2025-04-13", "2025-04-13"),
    ("en", "two weeks ago", "2025-03-31", "2025-04-06"),
    ("en", "a year ago", "2024-01-01", "2024-12-31"),
    ("en", "in March", "2025-03-01", "2025-03-31"),
    ("en", "on April 13", "2025-04-13", "2025-04-13"),
    ("en", "since 2019", "2019-01-01", "2025-04-16"),
    ("en", "early 2024", "2024-01-01", "2024-04-30"),
    ("en", "the 1990s", "1990-01-01", "1999-12-31"),
    ("en", "between 2019 and 2021", "2019-01-01", "2021-12-31"),
    ("en", "last night", "2025-04-15", "2025-04-15"),
    ("en", "this year", "2025-01-01", "2025-12-31"),
    ("en", "the past three years", "2022-04-17", "2025-04-16"),
    ("en", "mid-March", "2025-03-11", "2025-03-20"),
    ("en", "September", "2024-09-01", "2024-09-30"),
    ("en", "late last year", "2024-09-01", "2024-12-31"),
    ("en", "the day after tomorrow", "2025-04-18", "2025-04-18"),
    ("es", "12 de agosto de 2025", "2025-08-12", "2025-08-12"),
    ("es", "el 5 de mayo", "2025-05-05", "2025-05-05"),
    ("es", "agosto de 2024", "2024-08-01", "2024-08-31"),
    ("es", "ayer", "2025-08-12", "2025-08-12"),
    ("es", "mañana", "2025-08-14", "2025-08-14"),
    ("es", "hoy", "2025-08-13", "2025-08-13"),
    ("es", "el pasado lunes", "2025-08-11", "2025-08-11"),
    ("es", "el lunes pasado", "2025-08-11", "2025-08-11"),
    ("es", "el próximo martes", "2025-08-19", "2025-08-19"),
    ("es", "el viernes", "2025-08-08", "2025-08-08"),
    ("es", "la semana pasada", "2025-08-04", "2025-08-10"),
    ("es", "la próxima semana", "2025-08-18", "2025-08-24"),
    ("es", "el mes pasado", "2025-07-01", "2025-07-31"),
    ("es", "el próximo año", "2026-01-01", "2026-12-31"),
    ("es", "hace tres días", "2025-08-10", "2025-08-10"),
    ("es", "hace dos semanas", "2025-07-28", "2025-08-03"),
    ("es", "hace un año", "2024-01-01", "2024-12-31"),
    ("es", "en marzo", "2025-03-01", "2025-03-31"),
    ("es", "desde 2019", "2019-01-01", "2025-08-13"),
    ("es", "a principios de 2024", "2024-01-01", "2024-04-30"),
    ("es", "anoche", "2025-08-12", "2025-08-12"),
    ("es", "este año", "2025-01-01", "2025-12-31"),
    ("es", "los últimos tres años", "2022-08-14", "2025-08-13"),
    ("es", "a mediados de marzo", "2025-03-11", "2025-03-20"),
    ("es", "septiembre", "2024-09-01", "2024-09-30"),
    ("es", "pasado mañana", "2025-08-15", "2025-08-15"),
    ("es", "entre 2019 y 2021", "2019-01-01", "2021-12-31"),
    ("es", "la década de 1990", "1990-01-01", "1999-12-31"),
    ("es", "el 1 de enero", "2025-01-01", "2025-01-01"),
    ("es", "anteayer", "2025-08-11", "2025-08-11"),
]

Period = tuple[str, str] | None


def ours(language: str, text: str) -> Period:
    found = normalise(text, PUBLISHED[language], language=language)
    if found is None or found.start_date is None or found.end_date is None:
        return None
    return found.start_date, found.end_date


def _widen(day: date, period: str) -> tuple[str, str]:
    if period == "month":
        first, last = (
            day.replace(day=1),
            day.replace(day=calendar.monthrange(day.year, day.month)[1]),
        )
    elif period == "year":
        first, last = day.replace(month=1, day=1), day.replace(month=12, day=31)
    elif period == "week":
        first = day - timedelta(days=day.weekday())
        last = first + timedelta(days=6)
    else:
        first = last = day
    return first.isoformat(), last.isoformat()


def theirs(parsers: dict[str, Any], language: str, text: str) -> Period:
    data = parsers[language].get_date_data(text)
    return None if data.date_obj is None else _widen(data.date_obj.date(), data.period)


def score(predict: Any) -> dict[str, tuple[int, int, int]]:
    scores = {}
    for language in PUBLISHED:
        exact = inside = total = 0
        for lang, text, start, end in GOLD:
            if lang != language:
                continue
            total += 1
            got = predict(lang, text)
            exact += got == (start, end)
            inside += got is not None and all(start <= d <= end for d in got)
        scores[language] = (exact, inside, total)
    return scores


def main() -> None:
    runs: dict[str, Any] = {"dossier": ours}
    try:
        from dateparser.date import DateDataParser  # type: ignore[import-not-found]
    except ImportError:
        print("dateparser is not installed: only Dossier is scored")
    else:
        parsers = {
            language: DateDataParser(
                languages=[language],
                settings={
                    "RELATIVE_BASE": datetime.combine(pub, datetime.min.time()),
                    "PREFER_DATES_FROM": "past",
                },
            )
            for language, pub in PUBLISHED.items()
        }
        runs["dateparser"] = lambda lang, text: theirs(parsers, lang, text)
    for name, predict in runs.items():
        started = time.perf_counter()
        scores = score(predict)
        seconds = time.perf_counter() - started
        for language, (exact, inside, total) in scores.items():
            print(f"{name:10} {language}  exact period {exact}/{total}  inside {inside}/{total}")
        print(f"{name:10} {seconds:.3f} s for {len(GOLD)} expressions")


if __name__ == "__main__":
    main()
