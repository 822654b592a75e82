"""Figures: numbers with units, qualifiers and what they measure.

A figure is only worth recording if a reader could check it against another
report, so every rule here aims at precision over recall:

* A number must carry its own meaning: a unit (length, area, weight, time,
  money, percent), a rate denominator, or a plural noun that says what was
  counted. A bare "23" after "the police said" is left out: the noun it counts
  lives elsewhere, and guessing it would put words in the reporter's mouth.
  The one exception is a bare number that a casualty verb takes ("arrests 27",
  "16 were injured"): what was counted is then unambiguous.
* Calendar references are not figures. Days of the month sit next to a month
  name; a lone four-digit year is a date unless a counted noun follows it and
  the tagger did not call it a date. Two years joined by "to", "until" or a
  dash are a span of time, which is a claim in itself ("from 1999 to 2009").
* Counts of people are what news about violence turns on, so they get their
  own kind, and the participle that says what happened to them ("killed",
  "detained") joins the measure: "nine inmates" and "nine inmates killed" are
  different claims. Small spelled-out counts of sources ("two officials said")
  and referential numbers ("the two leaders") describe the reporting, not the
  world, and are skipped.
* Qualifiers ("more than", "about", "up to") travel with the number because a
  figure without its hedge is a different claim. "over" and "under" before a
  duration are usually prepositions ("$15 million over three years"), so they
  are dropped there.
* The measure comes from the parse only along a few well-trodden paths (the
  noun a hyphenated unit modifies, "of" phrases, the subject of "be", "last",
  "cost", the object of "expand ... by"); anything less certain stays None,
  because a wrong measure is worse than none.
* Weights and ages have no kind of their own, so they are numbers with a unit
  ("t", "kg", "years"); an age's measure is "age".
* Numbers glued to letters, slashes or other identifiers (URLs, "MQ-9",
  "9/11") are labels, not quantities.

The scan is a single left-to-right pass over tokens with bounded look-around,
so its cost grows with the article, not its square; ``doc.text`` is read once,
since spaCy rebuilds it on every access.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from spacy.tokens import Doc

from ..models import Figure
from .doctext import doc_text
from .figure_words import (
    CASUALTY,
    CURRENCY_AFTER,
    CURRENCY_BEFORE,
    DASHES,
    DETERMINERS,
    DIGITS,
    EVENTS,
    FRACTIONS,
    FUNDING_VERBS,
    GLUE_AFTER,
    GLUE_BEFORE,
    INTENSIFIERS,
    LABELS,
    MONEY_SUFFIX,
    MONTHS,
    ONES,
    PEOPLE,
    QUALIFIERS,
    RELATIVE,
    SCALES,
    SOURCES,
    STOP_NOUNS,
    SUBJECT_VERBS,
    SUFFIXED,
    UNITS,
    VAGUE,
)

Token = Any  # spaCy ships no type information


@dataclass(slots=True)
class _Number:
    start: int  # first token
    end: int  # one past the last token
    value: float
    spelled: bool
    year: bool


@dataclass(slots=True)
class _Unit:
    kind: str
    unit: str
    end: int  # one past the unit's last token
    hyphen: bool  # "150-meter": the unit modifies the noun after it


class _Scanner:
    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.text: str = doc_text(doc)
        self.n = len(doc)
        self.lower: list[str] = [t.lower_ for t in doc]
        self.glued: list[bool] = [not t.whitespace_ for t in doc]  # no space after the token
        self.ent: list[str] = [t.ent_type_ for t in doc]

    def low(self, i: int) -> str:
        return self.lower[i] if 0 <= i < self.n else ""

    def hyphen_at(self, i: int) -> bool:
        """A dash with no space on either side ("150-meter", "1999-2009")."""
        return (
            0 < i < self.n - 1 and self.glued[i - 1] and self.glued[i] and self.lower[i] in DASHES
        )

    def figure(self, first: int, last: int, kind: str, **fields: Any) -> Figure:
        start, end = self.doc[first].idx, self.doc[last].idx + len(self.doc[last])
        return Figure(start, end, self.text[start:end], kind, **fields)

    # --- numbers -------------------------------------------------------------

    def number_at(self, i: int) -> _Number | None:
        low = self.low(i)
        if DIGITS.match(low):
            value, j = float(low.replace(",", "")), i + 1
            while self.low(j) in SCALES:
                value *= SCALES[self.lower[j]]
                j += 1
            year = len(low) == 4 and j == i + 1 and 1000 <= value < 2200
            return _Number(i, j, value, False, year)
        suffix = SUFFIXED.match(low)
        if suffix and self.low(i - 1) in CURRENCY_BEFORE:  # "$13.5m" as one token
            return _Number(i, i + 1, float(suffix[1]) * MONEY_SUFFIX[suffix[2]], False, False)
        if low in ("a", "an"):
            nxt = self.low(i + 1)
            if nxt in SCALES or nxt == "dozen":
                return self._words(i + 1, i, 1.0)
            if UNITS.get(nxt, ("",))[0] != "duration":
                return None
            hedged = self.qualifier(i)[1] not in (None, "over", "under")
            return _Number(i, i + 1, 1.0, True, False) if hedged else None  # "nearly an hour"
        return self._words(i, i, 0.0) if low in ONES else None

    def _words(self, i: int, start: int, current: float) -> _Number | None:
        total, j, seen = 0.0, i, start != i
        while j < self.n:
            low = self.lower[j]
            if low in ONES and (current % 100 == 0 or ONES[low] < 10 <= current % 100):
                current += ONES[low]
            elif low == "dozen" and seen:
                current = (current or 1) * 12
            elif low == "hundred" and seen:
                current = (current or 1) * 100
            elif low in SCALES and seen:
                total, current = total + (current or 1) * SCALES[low], 0.0
            elif self.hyphen_at(j) and self.low(j + 1) in ONES and self.lower[j - 1] in ONES:
                j += 1  # "twenty-three"
                continue
            else:
                break
            seen = True
            j += 1
        value = total + current
        if not seen or (value == 1 and j == i + 1 and start == i):
            return None  # a lone "one" is a pronoun or an article far more often than a count
        return _Number(start, j, value, True, False)

    def qualifier(self, q: int) -> tuple[int, str | None]:
        """The hedge before token q, as (its first token, its words)."""
        for phrase in QUALIFIERS:
            k = q - len(phrase)
            if k >= 0 and tuple(self.lower[k:q]) == phrase:
                if self.low(k - 1) in INTENSIFIERS and phrase[0] not in INTENSIFIERS:
                    k -= 1  # "well above", "just over"
                return k, " ".join(self.lower[k:q])
        return q, None

    def labelled(self, num: _Number) -> bool:
        """Days of months, article numbers, identifiers and other non-quantities."""
        s, e = num.start, num.end
        before, after = self.low(s - 1), self.low(e)
        return (
            before in MONTHS or before in LABELS or (after in MONTHS and not num.spelled)
            or (num.spelled and before in DETERMINERS)  # "the two leaders"
            or after in FRACTIONS or (self.hyphen_at(e) and self.low(e + 1) in FRACTIONS)
            or (before in VAGUE and self.lower[s] in (*SCALES, "dozen"))  # "several hundred"
            or (s > 0 and self.glued[s - 1] and before in GLUE_BEFORE)  # "9/11", "#3"
            or (self.glued[e - 1] and after in GLUE_AFTER)
            or (self.hyphen_at(s - 1) and self.doc[s - 2].is_alpha and self.low(s - 2) not in ONES)
            or any(t.like_url or t.like_email for t in self.doc[s:e])
        )  # fmt: skip

    def second(self, num: _Number) -> _Number | None:
        """The upper end of a range that starts at ``num``."""
        e = num.end
        conn, before = self.low(e), self.low(num.start - 1)
        if before in CURRENCY_BEFORE:
            before = self.low(num.start - 2)
        hyphen = self.hyphen_at(e)
        if not (
            hyphen or conn in ("to", "through", "until") or (conn, before) == ("and", "between")
        ):
            return None
        other = self.number_at(e + 2 if self.low(e + 1) in CURRENCY_BEFORE else e + 1)
        if other is None or other.spelled != num.spelled:
            return None
        if num.year and hyphen and other.value < 100:  # "2023-24"
            other.value, other.year = num.value - num.value % 100 + other.value, True
        if other.value <= num.value or (conn == "to" and before == "from" and not num.year):
            return None  # "3-1" is a score; "from 44 to 38" is a change, not a range
        return other

    # --- units, nouns and measures -------------------------------------------

    def unit_at(self, j: int) -> _Unit | None:
        hyphen = self.hyphen_at(j)
        k = j + 1 if hyphen else j
        low, nxt = self.low(k), self.low(k + 1)
        if low in ("percent", "%", "pct") or (low, nxt) == ("per", "cent"):
            return _Unit("percent", "%", k + (2 if low == "per" else 1), hyphen)
        if low == "percentage" and nxt in ("point", "points"):
            return _Unit("percent", "percentage points", k + 2, hyphen)
        if low in ("square", "sq", "sq.") and UNITS.get(nxt, ("",))[0] == "length":
            return _Unit("area", UNITS[nxt][1] + "2", k + 2, hyphen)
        if low not in UNITS or (hyphen and low in ("m", "ft", "in", "g", "t")):
            return None
        kind, unit = UNITS[low]
        return _Unit(kind, unit, k + 1, hyphen)

    def head_noun(self, j: int, number: int) -> int | None:
        """The noun a number counts: skip its modifiers, stop at the phrase's head."""
        for k in range(j, min(self.n, j + 4)):
            t = self.doc[k]
            if t.pos_ in ("NOUN", "PROPN"):
                if not (t.dep_ in ("compound", "nmod") and k < t.head.i < j + 6):
                    return k
                continue  # "patrol" in "two patrol cars"
            participle = t.tag_ in ("VBN", "VBG") and t.dep_ in ("amod", "compound")
            if t.pos_ != "ADJ" and not participle:
                break
        head = self.doc[number].head  # "475 U.S. military and civilian personnel"
        if self.doc[number].dep_ != "nummod" or not j < head.i < j + 6 or head.pos_ != "NOUN":
            return None
        allowed = ("ADJ", "PROPN", "NOUN", "CCONJ")
        return head.i if all(self.doc[k].pos_ in allowed for k in range(j, head.i)) else None

    def phrase(self, k: int, floor: int = 0) -> str:
        """A noun with its compounds ("gang members"), not those of a number ("150-meter")."""
        first = k
        while first > floor and self.doc[first - 1].dep_ == "compound":
            prev = self.doc[first - 1]
            if not first - 1 < prev.head.i <= k or prev.like_num:
                break
            if prev.lower_ in SCALES or prev.lower_ in UNITS or prev.lower_ in DASHES:
                break
            first -= 1
        if self.doc[k].pos_ == "PRON":
            return ""
        return " ".join(w.text if w.pos_ == "PROPN" else w.lower_ for w in self.doc[first : k + 1])

    def casualty(self, noun: Token) -> str | None:
        """What happened to counted people: the participle after them or their verb."""
        if noun.i + 1 < self.n:
            nxt = self.doc[noun.i + 1]
            if nxt.lemma_.lower() in CASUALTY and nxt.tag_ in ("VBN", "JJ"):
                return CASUALTY[nxt.lemma_.lower()]
        head = noun.head
        lemma = head.lemma_.lower()
        if lemma not in CASUALTY or head.pos_ not in ("VERB", "AUX", "ADJ") or head.i == noun.i:
            return None
        if noun.dep_ in ("nsubjpass", "dobj") or (noun.dep_ == "nsubj" and lemma == "die"):
            return CASUALTY[lemma]
        return None

    def subject(self, verb: Token) -> str | None:
        """The verb's nearest subject; a relative pronoun stands for its noun."""
        subjects = [c for c in verb.lefts if c.dep_ in ("nsubjpass", "nsubj")]
        if not subjects:
            return None
        child = subjects[-1]
        if child.tag_ in ("WDT", "WP") and verb.dep_ == "relcl":
            child = verb.head
        return self.phrase(child.i) if child.pos_ in ("NOUN", "PROPN") else None

    def object_of(self, prep: Token) -> str | None:
        obj = next((c for c in prep.children if c.dep_ == "pobj"), None)
        return self.phrase(obj.i) if obj is not None and obj.pos_ in ("NOUN", "PROPN") else None

    def measure(self, start: int, end: int, kind: str) -> str | None:
        """What a measurement in tokens [start, end) measures, from the parse around it."""
        k = end + 1 if self.low(end) == "worth" else end
        if self.low(k) == "of" or (self.low(k) == "for" and kind == "money"):
            return self.object_of(self.doc[k])  # "$3.7 billion of bananas"
        outside = (t for t in self.doc[start:end] if not start <= t.head.i < end)
        head = next(outside, None)
        if head is None:
            return None
        if head.dep_ == "npadvmod" and head.head.pos_ == "ADJ":
            head = head.head  # "150 meters long"
        parent = head.head
        if head.dep_ in ("nmod", "compound", "amod", "nummod") and parent.i >= end:
            noun = parent.pos_ == "NOUN"  # "a 10 percent tariff"
            return self.phrase(parent.i, end) if noun else None
        if head.dep_ == "pobj" and parent.dep_ == "prep":
            prep, owner = parent.lower_, parent.head
            if owner.pos_ == "NOUN":  # "an expansion of the area by 750 square meters"
                if prep == "of" and kind != "duration":
                    return self.phrase(owner.i)
                if prep in ("by", "at", "to"):
                    nested = next((c for c in owner.children if c.lower_ == "of"), None)
                    return self.object_of(nested) if nested is not None else self.phrase(owner.i)
                return None
            if owner.pos_ not in ("VERB", "AUX"):
                return None
            if prep in ("by", "at"):  # "expand the port by", "is budgeted at"
                obj = next((c for c in owner.children if c.dep_ == "dobj"), None)
                passive = any(c.dep_ == "nsubjpass" for c in owner.children)
                if obj is not None and not (prep == "at" and passive):
                    return self.phrase(obj.i)
                return self.subject(owner)
            if prep in ("to", "for") and owner.lemma_.lower() in SUBJECT_VERBS:
                return self.subject(owner)  # "support fell to 47 percent"
            return None
        if head.dep_ in ("attr", "acomp", "dobj", "npadvmod") and parent.pos_ in ("VERB", "AUX"):
            lemma = parent.lemma_.lower()
            if head.dep_ == "dobj" and kind == "money" and lemma in FUNDING_VERBS:
                purpose = next((c for c in parent.children if c.lower_ == "for"), None)
                return self.object_of(purpose) if purpose is not None else None
            if lemma in SUBJECT_VERBS:
                return self.subject(parent)
        return None

    def rate_name(self, i: int) -> str:
        return " ".join([*self.phrase(i).split()[:-1], "rate"])

    def rate_measure(self, start: int) -> str | None:
        """The nearest "rate" in the sentence ("homicide rate"), looking back first."""
        if not self.doc.has_annotation("SENT_START"):
            return None
        rates = [t.i for t in self.doc[start].sent if t.lemma_.lower() == "rate"]
        before = [i for i in rates if i < start]
        pick = before[-1] if before else (rates[0] if rates else None)
        return self.rate_name(pick) if pick is not None else None

    # --- the pass ------------------------------------------------------------

    def classify(self, num: _Number) -> tuple[Figure | None, int]:
        """The figure ``num`` starts, if any, and the token to resume the scan at."""
        fields: dict[str, Any]
        s = num.start
        currency = CURRENCY_BEFORE.get(self.low(s - 1))
        lead = s - 1 if currency else s
        top = self.second(num) or num
        value_to = top.value if top is not num else None
        if top is not num and self.low(lead - 1) in ("from", "between"):
            first, qualifier = lead - 1, None  # "between 2 and 4": the range is the hedge
        else:
            first, qualifier = self.qualifier(lead)
        if num.year and top.year and top is not num:
            fields = {"value": num.value, "value_to": value_to}
            return self.figure(first, top.end - 1, "year_range", **fields), top.end
        e, value = top.end, num.value
        fields = {"value": value, "value_to": value_to, "qualifier": qualifier}

        # money: a currency sign before, or a currency word after; a glued "m"/"bn" multiplies
        if currency is None and self.low(e) in CURRENCY_AFTER:
            currency, e = CURRENCY_AFTER[self.low(e)], e + 1
        if currency is not None:
            mult = 1.0
            if self.low(e) in MONEY_SUFFIX and self.glued[e - 1]:
                mult, e = MONEY_SUFFIX[self.lower[e]], e + 1
            fields.update(value=value * mult, value_to=value_to and value_to * mult)
            measure = self.measure(s, e, "money")
            return self.figure(first, e - 1, "money", unit=currency, measure=measure, **fields), e

        # rates: "38.8 per 100,000", "38.8 homicides per 100,000"
        gap = self.head_noun(e, e - 1)
        per = gap + 1 if gap is not None and self.low(gap + 1) == "per" else e
        if self.low(per) == "per" and (base := self.number_at(per + 1)) is not None:
            unit = "per " + (self.low(per + 1) if base.spelled else f"{base.value:,.0f}")
            measure = self.phrase(gap, e) if per != e and gap is not None else None
            fields.update(unit=unit, measure=measure or self.rate_measure(s))
            return self.figure(first, base.end - 1, "rate", **fields), base.end

        dated = num.year and self.ent[s] == "DATE"
        unit_ = self.unit_at(e)
        if unit_ is not None and not (dated and unit_.kind == "duration"):
            return self.measured(num, first, fields, unit_)
        if dated or self.ent[s] == "TIME":
            return None, num.end
        if self.hyphen_at(e) and self.doc[e + 1].pos_ == "NOUN" and not num.year:
            noun = self.doc[e + 1]  # "a 151-seat assembly"
            if noun.lemma_.lower() not in STOP_NOUNS and self.low(e + 2) not in DASHES:
                return self.figure(first, e + 1, "number", measure=noun.lower_, **fields), e + 2
        noun_i = self.head_noun(e, e - 1)
        if noun_i is not None:
            return self.counted(num, first, fields, noun_i)
        return self.bare(num, top, first, fields)

    def measured(
        self, num: _Number, first: int, fields: dict[str, Any], unit: _Unit
    ) -> tuple[Figure | None, int]:
        s, e = num.start, unit.end
        kind, measure = unit.kind, None
        if kind == "duration":
            if self.low(e) in RELATIVE:
                return None, e  # "five years ago" is a date
            preposition = fields["qualifier"] in ("over", "under")
            if preposition and self.low(first - 1) not in ("for", "in"):
                first, fields["qualifier"] = s, None
            if self.low(e) == "old" or (self.hyphen_at(e) and self.low(e + 1) == "old"):
                kind, measure, e = "number", "age", e + (1 if self.low(e) == "old" else 2)
        if unit.hyphen and measure is None:
            noun_i = self.head_noun(e, e - 1)
            measure = self.phrase(noun_i, e) if noun_i is not None else None
        elif measure is None:
            measure = self.measure(s, e, kind)
        return self.figure(first, e - 1, kind, unit=unit.unit, measure=measure or None, **fields), e

    def counted(
        self, num: _Number, first: int, fields: dict[str, Any], k: int
    ) -> tuple[Figure | None, int]:
        noun = self.doc[k]
        lemma = noun.lemma_.lower()
        if noun.tag_ not in ("NNS", "NNPS") and lemma not in ("personnel", "police", "people"):
            return None, num.end
        if lemma in STOP_NOUNS or (num.year and self.ent[num.start] == "DATE"):
            return None, num.end
        done = self.casualty(noun)
        if num.spelled and num.value < 10 and lemma in SOURCES and done is None:
            return None, k + 1  # "two officials said": who spoke, not what happened
        measure = self.phrase(k, num.end)
        if lemma not in PEOPLE and lemma not in EVENTS:
            return self.figure(first, k, "number", measure=measure, **fields), k + 1
        measure = f"{measure} {done}" if done else measure
        unit = "people" if lemma in PEOPLE else None
        return self.figure(first, k, "count", unit=unit, measure=measure, **fields), k + 1

    def bare(
        self, num: _Number, top: _Number, first: int, fields: dict[str, Any]
    ) -> tuple[Figure | None, int]:
        """A number without a noun counts people only where the grammar says so."""
        e, last = top.end, top.end - 1
        if self.low(e) == "of" and self.low(e + 1) in DETERMINERS:  # "21 of the 23 people"
            inner = self.number_at(e + 2)
            noun_i = self.head_noun(inner.end if inner else e + 2, inner.end - 1 if inner else e)
            if noun_i is None or self.doc[noun_i].lemma_.lower() not in PEOPLE:
                return None, num.end
            done = self.casualty(self.doc[noun_i])
            measure = self.phrase(noun_i, e + 2) + (f" {done}" if done else "")
            return self.figure(first, last, "count", unit="people", measure=measure, **fields), e
        tok = self.doc[last]
        done = self.low(e) if self.low(e) in ("dead", "missing") else None  # "nine dead"
        if done is None and tok.dep_ in ("nsubjpass", "dobj") and tok.head.pos_ in ("VERB", "AUX"):
            done = CASUALTY.get(tok.head.lemma_.lower())  # "16 were injured", "arrests 27"
        if done is None and tok.dep_ == "pobj" and tok.head.head.lemma_.lower() == "population":
            done = "population"  # "a population of more than 60,000"
        if done is None:
            return None, num.end
        if done == "population":
            return self.figure(first, last, "count", unit="people", measure=done, **fields), e
        last = e if self.low(e) == done else last
        measure = f"people {done}"
        return self.figure(first, last, "count", unit="people", measure=measure, **fields), last + 1

    def superlative_rates(self, taken: list[tuple[int, int]]) -> list[Figure]:
        """ "the lowest turnout rate": a ranking is a checkable figure without a number."""
        found = []
        for i in (i for i, low in enumerate(self.lower) if low in ("rate", "rates")):
            rate = self.doc[i]
            for rank in (c for c in rate.lefts if c.lower_ in ("highest", "lowest")):
                start, end = rank.idx, rate.idx + len(rate)
                if any(a < end and start < b for a, b in taken):
                    continue
                text, measure = self.text[start:end], self.rate_name(i)
                found.append(
                    Figure(start, end, text, "rate", qualifier=rank.lower_, measure=measure)
                )
        return found

    def run(self) -> tuple[Figure, ...]:
        figures: list[Figure] = []
        i = 0
        while i < self.n:
            low = self.lower[i]
            candidate = low[:1].isdigit() or low in ONES or low in ("a", "an")
            num = self.number_at(i) if candidate else None
            if num is None or self.labelled(num):
                i = num.end if num is not None else i + 1
                continue
            figure, after = self.classify(num)
            if figure is not None:
                figures.append(figure)
            i = max(after, i + 1)
        figures.extend(self.superlative_rates([(f.start, f.end) for f in figures]))
        figures.sort(key=lambda f: (f.start, f.end))
        return tuple(figures)


def find_figures(doc: Doc) -> tuple[Figure, ...]:
    """Every figure in ``doc``, in text order; see the module docstring for the rules."""
    return _Scanner(doc).run()
