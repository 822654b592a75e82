"""Which earlier event a new report belongs to: linking by evidence, not by absence.

Two reports are one event only when something positive says so. Every route
first requires that nothing *conflicts*:

* the same PLOVER type;
* compatible statuses: ``happened``, ``ongoing`` and ``historical`` all say an
  incident took place and may join; ``planned``, ``hypothetical`` and
  ``negated`` join only their own kind. A plan and its later happening stay
  two events: the plan may fall through or change, and one event ID carries
  one status; the two share type, actors and date, so a reader can line them up;
* actors: two different resolved entities in the same role conflict; a
  missing or unresolved actor does not (passives such as "23 were detained"
  name none), but it is no agreement either;
* dates: two known dates more than ``DATE_WINDOW_DAYS`` apart conflict;
* places: two reports that both name city-level places, none of them within
  ``NEAR_KM`` of the other's, conflict, as do two sets of countries with none
  in common.

A report then joins an event when at least one of these holds against one of
its reports in another article, and nothing conflicts with any of its reports
(complete link, so that no chain of near matches drifts from one incident to
the next). Reports within one article are not linked to each other: an
article names several events of one type, place and day far more often than
it repeats one.

1. **Facts agree and are known**: both dates are days (or spans of at most
   ``MAX_SPAN_DAYS``) within ``DATE_WINDOW_DAYS`` of each other, and both
   name a city-level place within ``NEAR_KM`` of the other's, or the same
   country together with a shared actor entity. A missing date or place is not
   agreement. Figures play no part: outlets that count "23 detained" and
   "27 arrested" report one raid, each with its own figures.
2. **The text is a copy**: the evidence sentences, cut into word 3-grams after
   folding case and accents, overlap with Jaccard >= ``COPY_SIMILARITY``
   (both at least ``COPY_MIN_WORDS`` words), the trigger word is the same, and
   the articles appeared within ``COPY_WINDOW_DAYS`` of each other. This is
   syndicated or lightly edited copy.
3. **Specific figure and place**: the sentences share a specific figure (the
   same value and unit, at least ``SPECIFIC_FIGURE``, not a year) and a
   city-level place within ``NEAR_KM``, in articles published within
   ``FIGURE_WINDOW_DAYS``: a follow-up that repeats "31 firearms" in Durán
   without restating the day.

Candidates come from ``event_keys``, an indexed table of blocking keys, never
from a scan of every event of a type: a key per (type, day) of a dated
report, MinHash band keys of its sentence, and a key per (type, specific
figure). A lookup reads only the reports that share a key.
"""

from __future__ import annotations

import hashlib
import json
import math
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from typing import Any

from ..keys import strip_marks

# The unary "+" keeps SQLite, which has no statistics to go on, from reading
# ``places_resolved`` (every resolved place in the store) instead of the key.
RESOLVED_PLACES_SQL = (
    "SELECT idx, start_char, geonames_id, latitude, longitude, country_code, feature "
    "FROM places WHERE article_id = ? AND version = ? AND +resolved = 1 "
    "AND +geonames_id IS NOT NULL"
)
Execute = Callable[[str, Sequence[Any]], list[tuple[Any, ...]]]

DATE_WINDOW_DAYS = 2  # an incident's day vs the day after, when it is reported
MAX_SPAN_DAYS = 3  # longer periods ("last week", "in March") are not a known day
NEAR_KM = 30.0  # neighbouring towns of one metro area (Durán and Guayaquil: 5 km)
COPY_SIMILARITY = 0.5
COPY_MIN_WORDS = 8
COPY_WINDOW_DAYS = 14
FIGURE_WINDOW_DAYS = 3
SPECIFIC_FIGURE = 10
SPECIFIC_FEATURES = frozenset({"city", "facility"})
COARSE_FEATURES = frozenset({"country", "admin"})

_BANDS, _ROWS = 12, 2
_PRIME = (1 << 61) - 1
_PERMUTATIONS = [
    (
        int.from_bytes(hashlib.sha256(f"a{i}".encode()).digest()[:8], "big") % _PRIME | 1,
        int.from_bytes(hashlib.sha256(f"b{i}".encode()).digest()[:8], "big") % _PRIME,
    )
    for i in range(_BANDS * _ROWS)
]
_STATUS_GROUP = {
    "happened": "took place",
    "ongoing": "took place",
    "historical": "took place",
    "planned": "planned",
    "hypothetical": "hypothetical",
    "negated": "negated",
}
_WORD = re.compile(r"\w+")

PlaceRow = tuple[int, float | None, float | None, str | None, str | None]
"""(geonames_id, latitude, longitude, country_code, feature) of a resolved place."""


@dataclass(frozen=True, slots=True)
class Report:
    """What linking needs of one event report."""

    type: str
    status: str
    source: str | None
    target: str | None
    trigger: str
    days: tuple[date, date] | None
    places: tuple[PlaceRow, ...]
    figures: frozenset[tuple[float, float | None, str | None]]
    sentence: str
    published: date | None
    article: str = ""
    cluster: str = ""

    @property
    def specific(self) -> tuple[PlaceRow, ...]:
        return tuple(p for p in self.places if p[4] in SPECIFIC_FEATURES and p[1] is not None)

    @property
    def countries(self) -> frozenset[str]:
        return frozenset(p[3] for p in self.places if p[3])


def day_span(precision: str | None, start: str | None, end: str | None) -> tuple[date, date] | None:
    """The days a date expression covers, when it is precise enough to compare."""
    if not start:
        return None
    first = date.fromisoformat(start)
    last = date.fromisoformat(end) if end else first
    if precision not in ("day", "range") or (last - first).days >= MAX_SPAN_DAYS:
        return None
    return first, last


def published_day(published: str | None) -> date | None:
    try:
        return date.fromisoformat(published[:10]) if published else None
    except ValueError:
        return None


def specific_figure(value: float | None, value_to: float | None, unit: str | None) -> bool:
    if value is None or abs(value) < SPECIFIC_FIGURE:
        return False
    return not (unit is None and value.is_integer() and 1900 <= value <= 2100)


def _words(text: str) -> list[str]:
    return _WORD.findall(strip_marks(text.casefold()))


def _shingles(text: str) -> frozenset[str]:
    words = _words(text)
    if len(words) < COPY_MIN_WORDS:
        return frozenset()
    return frozenset(" ".join(words[i : i + 3]) for i in range(len(words) - 2))


def similarity(a: str, b: str) -> float:
    """Jaccard overlap of the word 3-grams of two sentences (0 when either is short)."""
    x, y = _shingles(a), _shingles(b)
    return len(x & y) / len(x | y) if x and y else 0.0


def _km(a: PlaceRow, b: PlaceRow) -> float:
    if a[0] == b[0]:
        return 0.0
    lat1, lon1, lat2, lon2 = map(math.radians, (a[1] or 0.0, a[2] or 0.0, b[1] or 0.0, b[2] or 0.0))
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * 6371 * math.asin(min(1.0, math.sqrt(h)))


def _near(a: Report, b: Report) -> bool:
    return any(_km(p, q) <= NEAR_KM for p in a.specific for q in b.specific)


def _gap(a: tuple[date, date], b: tuple[date, date]) -> int:
    """Days between two spans (0 when they overlap)."""
    return max(0, (b[0] - a[1]).days, (a[0] - b[1]).days)


def conflicts(a: Report, b: Report) -> bool:
    """Whether anything known about two reports says they are different incidents."""
    if a.type != b.type or _STATUS_GROUP.get(a.status) != _STATUS_GROUP.get(b.status):
        return True
    for x, y in ((a.source, b.source), (a.target, b.target)):
        if x and y and x != y:
            return True
    if a.days and b.days and _gap(a.days, b.days) > DATE_WINDOW_DAYS:
        return True
    if a.specific and b.specific and not _near(a, b):
        return True
    return bool(a.countries and b.countries and not a.countries & b.countries)


def _within(a: date | None, b: date | None, days: int) -> bool:
    return a is not None and b is not None and abs((a - b).days) <= days


def evidence(a: Report, b: Report) -> int:
    """How strongly two reports show one incident: 3 copy, 2 facts, 1 figure, 0 none.

    Assumes ``conflicts(a, b)`` is False.
    """
    if (
        a.trigger.casefold() == b.trigger.casefold()
        and similarity(a.sentence, b.sentence) >= COPY_SIMILARITY
        and (
            a.published is None
            or b.published is None
            or _within(a.published, b.published, COPY_WINDOW_DAYS)
        )
    ):
        return 3
    if a.days and b.days:
        shared_actor = bool(
            (a.source and a.source == b.source) or (a.target and a.target == b.target)
        )
        if _near(a, b) or (shared_actor and a.countries & b.countries):
            return 2
    shared = a.figures & b.figures
    return int(
        bool(shared) and _near(a, b) and _within(a.published, b.published, FIGURE_WINDOW_DAYS)
    )


def _minhash(shingles: frozenset[str]) -> list[int]:
    hashed = [
        int.from_bytes(hashlib.blake2b(s.encode(), digest_size=8).digest(), "big") for s in shingles
    ]
    return [min((a * h + b) % _PRIME for h in hashed) for a, b in _PERMUTATIONS]


@lru_cache(maxsize=4096)
def _bands(sentence: str) -> tuple[str, ...]:
    """MinHash band digests of a sentence (cached: the events of one sentence share it)."""
    shingles = _shingles(sentence)
    if not shingles:
        return ()
    signature = _minhash(shingles)
    out = []
    for band in range(_BANDS):
        rows = repr(signature[band * _ROWS : (band + 1) * _ROWS]).encode()
        out.append(f"{band}|{hashlib.blake2b(rows, digest_size=8).hexdigest()}")
    return tuple(out)


def keys(report: Report, lookup: bool = False) -> list[str]:
    """The blocking keys a report is stored under, or (``lookup``) those to search for it."""
    out: list[str] = []
    if report.days:
        first, last = report.days
        pad = DATE_WINDOW_DAYS if lookup else 0
        day = first - timedelta(days=pad)
        while day <= last + timedelta(days=pad):
            out.append(f"d|{report.type}|{day.isoformat()}")
            day += timedelta(days=1)
    out.extend(f"t|{report.type}|{band}" for band in _bands(report.sentence))
    for value, value_to, unit in sorted(report.figures, key=repr):
        out.append(
            f"f|{report.type}|{value:g}|{value_to if value_to is None else f'{value_to:g}'}|{unit}"
        )
    return out


def candidate_sql(count: int) -> str:
    """Reports of other articles stored under any of ``count`` keys.

    Parameters: the ``count`` keys, then the ID of the article being written. The query
    reads the key index alone; whether a candidate is its article's current version is
    checked when its row is read (``Linker.stored``), so that no planner starts from the
    articles table.
    """
    marks = ", ".join("?" for _ in range(count))
    return (
        "SELECT DISTINCT article_id, version, idx FROM event_keys "
        f"WHERE key IN ({marks}) AND article_id <> ?"
    )


_Rows = tuple[list[tuple[Any, ...]], dict[int, tuple[Any, ...]], dict[int, tuple[Any, ...]]]


class Linker:
    """Reads stored reports for linking, one article's worth of rows at a time."""

    def __init__(self, execute: Execute) -> None:
        self.execute = execute
        self._articles: dict[tuple[str, int], _Rows] = {}

    def _article(self, aid: str, version: int) -> _Rows:
        """An article's resolved places, and its dates and figures by index (read once)."""
        key = (aid, version)
        if key not in self._articles:
            places = self.execute(RESOLVED_PLACES_SQL, key)
            dates = self.execute(
                "SELECT idx, precision, start_date, end_date FROM dates "
                "WHERE article_id = ? AND version = ?",
                key,
            )
            figures = self.execute(
                "SELECT idx, value, value_to, unit FROM figures WHERE article_id = ? AND version = ?",
                key,
            )
            self._articles[key] = (
                list(places),
                {int(r[0]): r[1:] for r in dates},
                {int(r[0]): r[1:] for r in figures},
            )
        return self._articles[key]

    def stored(self, aid: str, version: int, idx: int) -> Report | None:
        rows = self.execute(
            "SELECT e.cluster_id, e.type, e.status, e.source_entity_id, e.target_entity_id, "
            "e.trigger, e.sentence_start, e.sentence_end, e.place_idx, e.date_idx, e.figure_idxs, "
            "a.published, substr(a.text, e.sentence_start + 1, e.sentence_end - e.sentence_start) "
            "FROM events e JOIN articles a ON a.id = e.article_id AND a.version = e.version "
            "AND a.latest = 1 WHERE e.article_id = ? AND e.version = ? AND e.idx = ?",
            (aid, version, idx),
        )
        if not rows:
            return None
        cluster, type_, status, source, target, trigger, s0, s1, place, when, figs, pub, text = (
            rows[0]
        )
        places, dates, figures = self._article(aid, version)
        return Report(
            type=type_,
            status=status,
            source=source,
            target=target,
            trigger=trigger,
            days=day_span(*dates[when]) if when is not None and when in dates else None,
            places=tuple(tuple(p[2:]) for p in places if p[0] == place or s0 <= p[1] < s1),
            figures=frozenset(
                tuple(figures[i])
                for i in json.loads(figs)
                if i in figures and specific_figure(*figures[i])
            ),
            sentence=text or "",
            published=published_day(pub),
            article=aid,
            cluster=str(cluster),
        )

    def members(self, cluster: str) -> list[Report]:
        """The current reports of an event (through the ``events_cluster`` index)."""
        rows = self.execute(
            "SELECT article_id, version, idx FROM events WHERE cluster_id = ?",
            (cluster,),
        )
        found = (self.stored(str(r[0]), int(r[1]), int(r[2])) for r in rows)
        return [r for r in found if r is not None]

    def cluster_for(self, report: Report) -> str | None:
        """The event an incoming report joins, or None when no report shows the same incident."""
        wanted = keys(report, lookup=True)
        if not wanted:
            return None
        rows = self.execute(candidate_sql(len(wanted)), [*wanted, report.article])
        # Each candidate event ranked by its best evidence, then by its earliest such report.
        ranked: dict[str, tuple[int, str]] = {}
        for aid, version, idx in rows:
            other = self.stored(str(aid), int(version), int(idx))
            if other is None or conflicts(report, other):
                continue
            strength = evidence(report, other)
            if strength:
                rank = (-strength, other.published.isoformat() if other.published else "~")
                ranked[other.cluster] = min(ranked.get(other.cluster, rank), rank)
        for cluster in sorted(ranked, key=lambda c: (ranked[c], c)):
            if not any(conflicts(report, m) for m in self.members(cluster)):
                return cluster
        return None

    def remember(self, aid: str, version: int, idx: int, report: Report) -> None:
        for key in dict.fromkeys(keys(report)):
            self.execute(
                "INSERT INTO event_keys (article_id, version, idx, key) VALUES (?, ?, ?, ?)",
                (aid, version, idx, key),
            )


def report_places(
    places: Iterable[tuple[int, int, PlaceRow]], own: int | None, start: int, end: int
) -> tuple[PlaceRow, ...]:
    """The resolved places of an event: its own, and those named in its sentence."""
    return tuple(p for i, s, p in places if i == own or start <= s < end)
