"""The words and formats dates are read with, per language, from ``dates.toml``.

Every language's ``resources/languages/<code>/dates.toml`` has the same tables: its
month, weekday, number and day words, the rewrites and words that bring its date
expressions into the canonical vocabulary the rules of ``datenorm`` are written in
(English's, so the English file maps nothing), the patterns ``dates`` scans a text with,
and the words of the verb group ``dateclause`` reads a clause's tense from. A language
without the file has no date words: its dates are then only the model's DATE entities
that are written in the canonical vocabulary.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Any

from .languages import resource

CANONICAL = "en"  # the language whose words datenorm's rules are written in
_NOTHING = re.compile(r"(?!)")  # a pattern that matches nowhere: a language without scan rules
_VALUE_TABLES = ("months", "weekdays", "numbers", "daywords")


@dataclass(frozen=True, slots=True)
class ClauseWords:
    """What ``dateclause`` reads a clause's direction from (``[clause]`` in dates.toml)."""

    ahead_aux: frozenset[str]
    past_aux: frozenset[str]
    present_aux: frozenset[str]
    perfect_aux: frozenset[str]
    periphrastic_future: frozenset[str]
    infinitive_marks: frozenset[str]
    plan_lemmas: frozenset[str]
    plan_participles: frozenset[str]
    ahead_words: frozenset[str]
    before: frozenset[str]
    conditions: frozenset[str]
    going: frozenset[str]
    ahead_morph: tuple[frozenset[str], ...]
    past_morph: tuple[frozenset[str], ...]
    present_morph: tuple[frozenset[str], ...]
    participle_morph: tuple[frozenset[str], ...]


@dataclass(frozen=True, slots=True)
class DateWords:
    """One language's date words, patterns and rewrites, compiled."""

    months: dict[str, int]
    weekdays: dict[str, int]
    numbers: dict[str, int]
    daywords: dict[str, int]
    rewrites: tuple[tuple[re.Pattern[str], str], ...]
    mapping: dict[str, str]  # this language's words and phrases to canonical ones
    mapped: re.Pattern[str] | None  # any key of ``mapping``, the longest first
    lead: re.Pattern[str]
    widen: re.Pattern[str]
    widen_right: re.Pattern[str]
    range_gap: re.Pattern[str]
    range_left: re.Pattern[str]
    attach_gap: re.Pattern[str]
    items: re.Pattern[str]
    habit: re.Pattern[str]
    fallback: re.Pattern[str]
    clause: ClauseWords

    def canonical(self, text: str) -> str:
        """Lower-cased ``text`` in the canonical vocabulary: rewritten, then word-mapped."""
        for pattern, replacement in self.rewrites:
            text = pattern.sub(replacement, text)
        if self.mapped is None:
            return text
        return self.mapped.sub(lambda m: self.mapping[m[0]], text)


def _alternation(words: list[str]) -> str:
    return "(?:" + "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)) + ")"


def _fill(pattern: str, table: dict[str, Any]) -> str:
    """``pattern`` with its placeholders for this language's month and weekday names."""
    months = list(table.get("months", {}))
    month_cap = sorted({f(name) for name in months for f in (str.title, str.upper)}, key=len)
    fills = {
        "{month_cap}": "(?:{})\\b\\.?".format("|".join(month_cap[::-1])) if months else "(?!)",
        "{month_name}": _alternation([m for m in months if len(m) > 3]) if months else "(?!)",
        "{month}": _alternation(months) if months else "(?!)",
        "{weekday}": _alternation(list(table.get("weekdays", {}))) or "(?!)",
    }
    for key, value in fills.items():
        pattern = pattern.replace(key, value)
    return pattern


def _mapping(table: dict[str, Any], canonical: dict[str, Any]) -> dict[str, str]:
    """Each word of this language's value tables that the canonical vocabulary lacks, to the
    canonical word of the same value (the first listed); then the ``[words]`` table."""
    mapping: dict[str, str] = {}
    for name in _VALUE_TABLES:
        ours, theirs = table.get(name, {}), canonical.get(name, {})
        first: dict[int, str] = {}
        for word, value in theirs.items():
            first.setdefault(value, word)
        for word, value in ours.items():
            if theirs.get(word) != value and value in first:
                mapping[word] = first[value]
    mapping.update(table.get("words", {}))
    return mapping


def _morph(specs: list[str]) -> tuple[frozenset[str], ...]:
    return tuple(frozenset(spec.split("|")) for spec in specs)


def _clause(table: dict[str, Any]) -> ClauseWords:
    c = table.get("clause", {})
    fields: dict[str, Any] = {}
    for name in ClauseWords.__dataclass_fields__:
        values = c.get(name, [])
        fields[name] = _morph(values) if name.endswith("_morph") else frozenset(values)
    return ClauseWords(**fields)


@functools.cache
def date_words(language: str) -> DateWords:
    """The date words of ``language`` (``resources/languages/<code>/dates.toml``)."""
    table = resource(language, "dates")
    scan = table.get("scan", {})

    def scanning(key: str, flags: int = re.IGNORECASE) -> re.Pattern[str]:
        return re.compile(_fill(scan[key], table), flags) if key in scan else _NOTHING

    fallback = [_fill(p, table) for p in scan.get("fallback", [])]
    mapping = _mapping(table, resource(CANONICAL, "dates"))
    rewrites = tuple(
        (re.compile(_fill(pattern, table)), replacement)
        for pattern, replacement in table.get("normalise", {}).get("rewrites", [])
    )
    return DateWords(
        months=dict(table.get("months", {})),
        weekdays=dict(table.get("weekdays", {})),
        numbers=dict(table.get("numbers", {})),
        daywords=dict(table.get("daywords", {})),
        rewrites=rewrites,
        mapping=mapping,
        mapped=re.compile(rf"(?<!\w){_alternation(list(mapping))}(?!\w)") if mapping else None,
        lead=scanning("lead"),
        widen=scanning("widen"),
        widen_right=scanning("widen_right"),
        range_gap=scanning("range_gap"),
        range_left=scanning("range_left"),
        attach_gap=scanning("attach_gap"),
        items=scanning("list"),
        habit=scanning("habit"),
        fallback=re.compile("|".join(fallback)) if fallback else _NOTHING,
        clause=_clause(table),
    )
