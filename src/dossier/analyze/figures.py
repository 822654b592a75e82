"""Figures: numbers with units, qualifiers and what they measure.

A figure is only worth recording if a reader could check it against another
report, so every rule here aims at precision over recall:

* A number must carry its own meaning: a unit (length, area, weight, time,
  money, percent), a rate denominator, or a plural noun that says what was
  counted. A bare "23" after "the police said" is left out: the noun it counts
  lives elsewhere, and guessing it would put words in the reporter's mouth.
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
  duration are usually prepositions ("over three years"), so they are dropped.
* The measure comes from the parse only along a few well-trodden paths (the
  noun a hyphenated unit modifies, "of" phrases, the subject of "be", "last",
  "cost", the object of "expand ... by"); anything less certain stays None.
* Numbers glued to letters, slashes or other identifiers (URLs, "MQ-9",
  "9/11") are labels, not quantities.

The scan is a single left-to-right pass over tokens with bounded look-around;
``doc.text`` is read once, since spaCy rebuilds it on every access.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from spacy.tokens import Doc

from ..models import Figure

Token = Any  # spaCy ships no type information


def _set(text: str) -> frozenset[str]:
    return frozenset(text.split())


_DIGITS = re.compile(r"^(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$")
_SUFFIXED = re.compile(r"^(\d+(?:\.\d+)?)(m|mn|bn|b|k)$")

_ONES = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}  # fmt: skip
_SCALES = {"hundred": 100.0, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
_MONEY_SUFFIX = {"m": 1e6, "mn": 1e6, "bn": 1e9, "b": 1e9, "k": 1e3}
_CURRENCY_BEFORE = {"$": "USD", "us$": "USD", "usd": "USD", "€": "EUR", "£": "GBP"}
_CURRENCY_AFTER = {"dollars": "USD", "dollar": "USD", "usd": "USD", "euros": "EUR", "eur": "EUR"}
_MONTHS = _set(
    "january february march april may june july august september october november december "
    "jan jan. feb feb. mar mar. apr apr. jun jun. jul jul. aug aug. sep sep. sept sept. "
    "oct oct. nov nov. dec dec."
)
_LABELS = _set(
    "article section chapter clause paragraph resolution decree law route highway phase "
    "no. number # room block terminal gate level category flight amendment item page"
)
_DETERMINERS = _set(
    "the these those its their his her our my your both all whose 's ’s each every other"
)
_DASHES = frozenset(("-", "–", "—"))
_FRACTIONS = _set("half halves third thirds quarter quarters fifth fifths")
_VAGUE = _set("few several many some dozens hundreds thousands")

# surface → (kind, unit); "square" or "sq" before a length makes it an area.
_LENGTHS = {
    "meter": "m", "meters": "m", "metre": "m", "metres": "m", "m": "m",
    "kilometer": "km", "kilometers": "km", "kilometre": "km", "kilometres": "km", "km": "km",
    "centimeter": "cm", "centimeters": "cm", "cm": "cm", "mile": "mi", "miles": "mi",
    "foot": "ft", "feet": "ft", "ft": "ft", "yard": "yd", "yards": "yd",
    "inch": "in", "inches": "in",
}  # fmt: skip
_AREAS = {"hectare": "ha", "hectares": "ha", "ha": "ha", "acre": "acre", "acres": "acre",
          "m2": "m2", "m²": "m2", "km2": "km2", "km²": "km2"}  # fmt: skip
_WEIGHTS = {"tonne": "t", "tonnes": "t", "ton": "t", "tons": "t", "kilogram": "kg",
            "kilograms": "kg", "kg": "kg", "kilo": "kg", "kilos": "kg", "gram": "g",
            "grams": "g", "pound": "lb", "pounds": "lb", "lb": "lb", "lbs": "lb"}  # fmt: skip
_TIMES = {"second": "seconds", "minute": "minutes", "hour": "hours", "day": "days",
          "week": "weeks", "month": "months", "year": "years", "decade": "decades",
          "century": "centuries"}  # fmt: skip
_RELATIVE = frozenset(("ago", "later", "earlier", "prior"))

_PEOPLE = _set(
    "people person inmate prisoner detainee soldier troop officer policeman police personnel "
    "agent contractor civilian resident suspect member child woman man victim fisherman "
    "worker employee student migrant refugee tourist voter respondent official guard marine "
    "sailor pilot militant fighter gunman rebel protester demonstrator journalist adult "
    "teenager minor inhabitant citizen patient survivor hostage passenger deportee recruit "
    "mercenary trafficker gang_member leader farmer miner teacher doctor nurse"
)
_EVENTS = _set(
    "killing homicide murder death fatality casualty arrest detention kidnapping massacre "
    "execution disappearance injury"
)
_SOURCES = _set("official source diplomat analyst person people expert lawmaker aide")
_STOP_NOUNS = _set("reason way thing time times possibility question option side track pole step")
_CASUALTY = {
    "kill": "killed", "arrest": "arrested", "detain": "detained", "injure": "injured",
    "wound": "wounded", "hurt": "hurt", "capture": "captured", "kidnap": "kidnapped",
    "abduct": "abducted", "murder": "murdered", "execute": "executed", "die": "died",
    "evacuate": "evacuated", "displace": "displaced", "rescue": "rescued", "deport": "deported",
    "charge": "charged", "convict": "convicted", "sentence": "sentenced", "release": "released",
    "hold": "held", "deploy": "deployed", "dead": "dead", "missing": "missing",
}  # fmt: skip
_QUALIFIERS = (
    ("no", "more", "than"), ("as", "many", "as"), ("as", "much", "as"), ("as", "few", "as"),
    ("as", "little", "as"), ("more", "than"), ("fewer", "than"), ("less", "than"),
    ("at", "least"), ("at", "most"), ("up", "to"), ("close", "to"), ("upwards", "of"),
    ("an", "estimated"), ("nearly",), ("almost",), ("about",), ("around",), ("over",),
    ("some",), ("roughly",), ("approximately",), ("estimated",), ("above",), ("below",),
    ("under",), ("exactly",), ("only",), ("just",),
)  # fmt: skip
_INTENSIFIERS = frozenset(("well", "just", "slightly", "far", "much", "barely"))
# Verbs whose subject is what a measurement measures ("the meeting lasted 40 minutes").
_SUBJECT_VERBS = _set(
    "be last remain run stretch extend span cover measure cost total reach amount budget take "
    "hit exceed top stand fall rise grow drop climb increase decrease put estimate set "
    "value stay operate"
)
_FUNDING_VERBS = _set("budget allocate earmark approve spend pay request provide pledge")


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
    hyphen: bool = False  # "150-meter": the unit modifies the noun after it


class _Scanner:
    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.text: str = doc.text
        self.n = len(doc)
        self.lower: list[str] = [t.lower_ for t in doc]
        self.glued: list[bool] = [not t.whitespace_ for t in doc]  # no space after token
        self.ent: list[str] = [t.ent_type_ for t in doc]

    def low(self, i: int) -> str:
        return self.lower[i] if 0 <= i < self.n else ""

    def hyphen_at(self, i: int) -> bool:
        return (
            0 < i < self.n - 1 and self.lower[i] in _DASHES and self.glued[i - 1] and self.glued[i]
        )

    # --- numbers -------------------------------------------------------------

    def number_at(self, i: int) -> _Number | None:
        low = self.low(i)
        if not low:
            return None
        if _DIGITS.match(low):
            value, j = float(low.replace(",", "")), i + 1
            while self.low(j) in _SCALES:
                value *= _SCALES[self.lower[j]]
                j += 1
            year = len(low) == 4 and j == i + 1 and 1000 <= value <= 2199
            return _Number(i, j, value, False, year)
        suffix = _SUFFIXED.match(low)
        if suffix and self.low(i - 1) in _CURRENCY_BEFORE:  # "$13.5m" as one token
            return _Number(i, i + 1, float(suffix[1]) * _MONEY_SUFFIX[suffix[2]], False, False)
        if low in ("a", "an") and self.low(i + 1) in (*_SCALES, "dozen"):
            return self._words(i + 1, i, 1.0)
        if low in _ONES:
            return self._words(i, i, 0.0)
        return None

    def _words(self, i: int, start: int, current: float) -> _Number | None:
        total, j, seen = 0.0, i, start != i
        while j < self.n:
            low = self.lower[j]
            if low in _ONES and (current % 100 == 0 or _ONES[low] < 10 <= current % 100):
                current += _ONES[low]
            elif low == "dozen" and seen:
                current = (current or 1) * 12
            elif low in _SCALES and seen:
                if _SCALES[low] == 100:
                    current = (current or 1) * 100
                else:
                    total, current = total + (current or 1) * _SCALES[low], 0.0
            elif self.hyphen_at(j) and self.low(j + 1) in _ONES and self.lower[j - 1] in _ONES:
                j += 1
                continue
            else:
                break
            seen = True
            j += 1
        value = total + current
        if not seen or (value == 1 and j == i + 1 and start == i):
            return None  # a lone "one" is a pronoun or an article far more often than a count
        return _Number(start, j, value, True, False)

    # --- units and nouns -----------------------------------------------------

    def unit_at(self, j: int) -> _Unit | None:
        hyphen = self.hyphen_at(j)
        k = j + 1 if hyphen else j
        low = self.low(k)
        if low in ("percent", "%", "pct") or (low == "per" and self.low(k + 1) == "cent"):
            return _Unit("percent", "%", k + (2 if low == "per" else 1), hyphen)
        if low == "percentage" and self.low(k + 1) in ("point", "points"):
            return _Unit("percent", "percentage points", k + 2, hyphen)
        if low in ("square", "sq", "sq.") and self.low(k + 1) in _LENGTHS:
            return _Unit("area", _LENGTHS[self.lower[k + 1]] + "2", k + 2, hyphen)
        if low in _AREAS:
            return _Unit("area", _AREAS[low], k + 1, hyphen)
        if low in _LENGTHS:
            if low in ("m", "ft", "in") and hyphen:
                return None
            if self.low(k + 1) in ("2", "²"):
                return _Unit("area", _LENGTHS[low] + "2", k + 2, hyphen)
            return _Unit("length", _LENGTHS[low], k + 1, hyphen)
        if low in _WEIGHTS:
            return _Unit("number", _WEIGHTS[low], k + 1, hyphen)
        lemma = self.doc[k].lemma_.lower() if k < self.n else ""
        if lemma in _TIMES or low in _TIMES:
            return _Unit("duration", _TIMES.get(lemma) or _TIMES[low], k + 1, hyphen)
        return None

    def head_noun(self, j: int) -> int | None:
        """The noun a number counts: skip modifiers, stop at the phrase's head."""
        for k in range(j, min(self.n, j + 4)):
            t = self.doc[k]
            if t.pos_ in ("NOUN", "PROPN"):
                nxt = self.doc[k + 1] if k + 1 < self.n else None
                if t.dep_ == "compound" and nxt is not None and nxt.pos_ in ("NOUN", "PROPN"):
                    continue
                return k
            if t.pos_ != "ADJ" and not (
                t.tag_ in ("VBN", "VBG") and t.dep_ in ("amod", "compound")
            ):
                return None
        return None

    def phrase(self, k: int) -> str:
        """A noun with its compounds ("homicide rate", "gang members"), lowercased.

        Compounds stop at anything that belongs to a number ("150-meter pier").
        """
        first = k
        while first > 0 and self.doc[first - 1].dep_ == "compound":
            prev = self.doc[first - 1]
            if not first - 1 < prev.head.i <= k or prev.like_num or prev.lower_ in _SCALES:
                break
            if first > 1 and (self.doc[first - 2].like_num or self.lower[first - 2] in _DASHES):
                break
            first -= 1
        words = [w.text if w.pos_ == "PROPN" else w.lower_ for w in self.doc[first : k + 1]]
        return " ".join(words) if self.doc[k].pos_ != "PRON" else ""

    def casualty(self, noun: Token) -> str | None:
        """What happened to counted people: the participle after them or their verb."""
        nxt = self.doc[noun.i + 1] if noun.i + 1 < self.n else None
        if nxt is not None and nxt.lemma_.lower() in _CASUALTY and nxt.tag_ in ("VBN", "JJ"):
            return _CASUALTY[nxt.lemma_.lower()]
        head = noun.head
        lemma = head.lemma_.lower()
        if lemma not in _CASUALTY or head.pos_ not in ("VERB", "AUX", "ADJ") or head.i == noun.i:
            return None
        if noun.dep_ in ("nsubjpass", "dobj") or (noun.dep_ == "nsubj" and lemma == "die"):
            return _CASUALTY[lemma]
        return None

    # --- measure -------------------------------------------------------------

    def subject(self, verb: Token) -> Token | None:
        """The verb's subject nearest to it; a relative pronoun stands for its noun."""
        subjects = [c for c in verb.lefts if c.dep_ in ("nsubjpass", "nsubj")]
        if not subjects:
            return None
        child = subjects[-1]
        if child.tag_ in ("WDT", "WP") and verb.dep_ == "relcl":
            return verb.head
        return child if child.pos_ in ("NOUN", "PROPN") else None

    def of_object(self, k: int) -> str | None:
        if self.low(k) == "worth":
            k += 1
        if self.low(k) != "of":
            return None
        for child in self.doc[k].children:
            if child.dep_ == "pobj" and child.pos_ in ("NOUN", "PROPN"):
                return self.phrase(child.i)
        return None

    def measure(self, start: int, end: int, kind: str) -> str | None:
        """What a measurement measures, from the parse around tokens [start, end)."""
        found = self.of_object(end)
        if found:
            return found
        head = next(
            (self.doc[i] for i in range(start, end) if not start <= self.doc[i].head.i < end), None
        )
        if head is None:
            return None
        if head.dep_ == "npadvmod" and head.head.pos_ == "ADJ":
            head = head.head  # "150 meters long"
        parent = head.head
        if head.dep_ in ("nmod", "compound", "amod", "nummod") and parent.i >= end:
            return self.phrase(parent.i) if parent.pos_ == "NOUN" else None
        if head.dep_ == "pobj" and parent.dep_ == "prep":
            prep, owner = parent.lower_, parent.head
            if owner.pos_ == "NOUN":
                if prep == "of" and kind != "duration":
                    return self.phrase(owner.i)
                if prep in ("by", "at", "to"):
                    return self.of_object(owner.i + 1) or self.phrase(owner.i)
                return None
            if owner.pos_ not in ("VERB", "AUX"):
                return None
            if prep in ("by", "at"):
                obj = next((c for c in owner.children if c.dep_ == "dobj"), None)
                if prep == "at" and any(c.dep_ == "nsubjpass" for c in owner.children):
                    obj = None
                target = obj or self.subject(owner)
                return self.phrase(target.i) if target is not None else None
            if prep not in ("to", "for") or owner.lemma_.lower() not in _SUBJECT_VERBS:
                return None
            target = self.subject(owner)
            return self.phrase(target.i) if target is not None else None
        if head.dep_ in ("attr", "acomp", "dobj", "npadvmod") and parent.pos_ in ("VERB", "AUX"):
            lemma = parent.lemma_.lower()
            if head.dep_ == "dobj" and kind == "money" and lemma in _FUNDING_VERBS:
                for child in parent.children:
                    if child.dep_ == "prep" and child.lower_ == "for":
                        return self.of_object_of(child)
            if lemma in _SUBJECT_VERBS:
                target = self.subject(parent)
                return self.phrase(target.i) if target is not None else None
        return None

    def of_object_of(self, prep: Token) -> str | None:
        obj = next((c for c in prep.children if c.dep_ == "pobj"), None)
        return self.phrase(obj.i) if obj is not None and obj.pos_ == "NOUN" else None

    def rate_measure(self, start: int, end: int) -> str | None:
        """The nearest "rate" in the sentence ("homicide rate"), looking back first."""
        i = start - 1
        while i >= 0:
            if self.doc[i].lemma_.lower() == "rate":
                return self.phrase(i)[: -len(self.lower[i])] + "rate"
            if self.doc[i].is_sent_start:
                break
            i -= 1
        i = end
        while i < self.n and not self.doc[i].is_sent_start:
            if self.doc[i].lemma_.lower() == "rate":
                return self.phrase(i)[: -len(self.lower[i])] + "rate"
            i += 1
        return None

    # --- context -------------------------------------------------------------

    def qualifier(self, q: int) -> tuple[int, str | None]:
        """The hedge before token q, as (its first token, its words)."""
        for phrase in _QUALIFIERS:
            k = q - len(phrase)
            if k >= 0 and tuple(self.lower[k:q]) == phrase:
                if self.low(k - 1) in _INTENSIFIERS and phrase[0] not in _INTENSIFIERS:
                    k -= 1
                return k, " ".join(self.lower[k:q])
        return q, None

    def labelled(self, num: _Number) -> bool:
        """Days of months, article numbers, identifiers and other non-quantities."""
        s, e = num.start, num.end
        before, after = self.low(s - 1), self.low(e)
        if before in _MONTHS or (after in _MONTHS and not num.spelled):
            return True
        if before in _LABELS or (num.spelled and before in _DETERMINERS):
            return True
        if after in _FRACTIONS or (self.hyphen_at(e) and self.low(e + 1) in _FRACTIONS):
            return True
        if before in _VAGUE and self.lower[s] in (*_SCALES, "dozen"):
            return True
        if s > 0 and self.glued[s - 1] and before in ("/", "#", "@", "=", "_", ":", ".", "+"):
            return True
        if e < self.n and self.glued[e - 1] and after in ("/", ":", "@", "_", "="):
            return True
        if (
            self.hyphen_at(s - 1)
            and s > 1
            and self.doc[s - 2].is_alpha
            and self.low(s - 2) not in _ONES
        ):
            return True  # "MQ-9", "COVID-19"
        return any(self.doc[i].like_url or self.doc[i].like_email for i in range(s, e))

    # --- the pass ------------------------------------------------------------

    def figure(self, first: int, last: int, kind: str, **fields: Any) -> Figure:
        start, end = self.doc[first].idx, self.doc[last].idx + len(self.doc[last])
        return Figure(start, end, self.text[start:end], kind, **fields)

    def second(self, num: _Number) -> tuple[_Number, bool] | None:
        """The upper end of a range after ``num``, and whether a currency repeats."""
        e = num.end
        conn, before = self.low(e), self.low(num.start - 1)
        if before in _CURRENCY_BEFORE:
            before = self.low(num.start - 2)
        if (
            self.hyphen_at(e)
            or conn in ("to", "through", "until")
            or (conn == "and" and before == "between")
        ):
            money = self.low(e + 1) in _CURRENCY_BEFORE
            other = self.number_at(e + 2 if money else e + 1)
            if other is not None and num.year and other.value < 100 and self.hyphen_at(e):
                century = num.value - num.value % 100
                other.value, other.year = century + other.value, True
            if other is not None and other.value > num.value and other.spelled == num.spelled:
                if conn == "to" and before == "from" and not num.year:
                    return None  # "from 44 to 38": a change, not a range
                return other, money
        return None

    def classify(self, num: _Number) -> tuple[Figure | None, int]:
        if self.labelled(num):
            return None, num.end
        s = num.start
        currency = _CURRENCY_BEFORE.get(self.low(s - 1))
        lead = s - 1 if currency else s
        pair = self.second(num)
        top, value_to = num, None
        if pair is not None:
            top, value_to = pair[0], pair[0].value
            if self.low(lead - 1) in ("from", "between"):
                lead -= 1
        if num.year and top.year and top is not num:
            return self.figure(
                lead, top.end - 1, "year_range", value=num.value, value_to=value_to
            ), top.end
        e, value = top.end, num.value
        if lead < (s - 1 if currency else s):
            first, qualifier = lead, None  # "between 2 and 4": the range is the hedge
        else:
            first, qualifier = self.qualifier(lead)

        # money: a currency sign before, or a currency word after; a glued "m"/"bn" multiplies
        if currency is None and self.low(e) in _CURRENCY_AFTER:
            currency, e = _CURRENCY_AFTER[self.low(e)], e + 1
        if currency is not None:
            mult = 1.0
            if self.low(e) in _MONEY_SUFFIX and self.glued[e - 1]:
                mult, e = _MONEY_SUFFIX[self.lower[e]], e + 1
            return self.figure(
                first, e - 1, "money", value=value * mult,
                value_to=None if value_to is None else value_to * mult,
                unit=currency, qualifier=qualifier, measure=self.measure(s, e, "money"),
            ), e  # fmt: skip

        # rates: "38.8 per 100,000", "38.8 homicides per 100,000"
        noun_gap = self.head_noun(e)
        per = noun_gap + 1 if noun_gap is not None and self.low(noun_gap + 1) == "per" else e
        if self.low(per) == "per" and (base := self.number_at(per + 1)) is not None:
            label = f"{base.value:,.0f}" if not base.spelled else self.low(per + 1)
            measure = self.phrase(noun_gap) if per != e and noun_gap is not None else None
            return self.figure(
                first, base.end - 1, "rate", value=value, value_to=value_to, unit=f"per {label}",
                qualifier=qualifier, measure=measure or self.rate_measure(s, base.end),
            ), base.end  # fmt: skip

        unit = self.unit_at(e)
        in_time = self.ent[s] == "TIME"
        if num.year and self.ent[s] == "DATE" and (unit is None or unit.kind == "duration"):
            return None, num.end
        if unit is not None:
            return self.measured(num, first, qualifier, value_to, unit)
        if in_time or (num.year and self.ent[s] == "DATE"):
            return None, num.end
        if self.hyphen_at(e) and self.doc[e + 1].pos_ == "NOUN" and not num.year:
            noun = self.doc[e + 1]  # "a 151-seat assembly"
            if noun.lemma_.lower() not in _STOP_NOUNS and self.low(e + 2) not in _DASHES:
                return self.figure(
                    first, e + 1, "number", value=value, qualifier=qualifier, measure=noun.lower_
                ), e + 2  # fmt: skip

        # counts: a number with the plural noun it counts
        noun_i = self.head_noun(e)
        if noun_i is not None:
            return self.counted(num, first, qualifier, value_to, noun_i)
        if self.low(e) == "of" and self.low(e + 1) in _DETERMINERS:
            k = e + 2
            inner = self.number_at(k)
            noun_i = self.head_noun(inner.end if inner else k)
            if noun_i is not None and self.doc[noun_i].lemma_.lower() in _PEOPLE:
                people = self.doc[noun_i]
                done = self.casualty(people)
                measure = self.phrase(noun_i) + (f" {done}" if done else "")
                return self.figure(
                    first, top.end - 1, "count", value=value, value_to=value_to,
                    unit="people", qualifier=qualifier, measure=measure,
                ), top.end  # fmt: skip
            return None, num.end
        tok = self.doc[top.end - 1]
        done = _CASUALTY.get(self.low(e)) if self.low(e) in ("dead", "missing") else None
        if done is None and tok.dep_ in ("nsubjpass", "dobj"):
            lemma = tok.head.lemma_.lower()
            done = _CASUALTY.get(lemma) if tok.head.pos_ in ("VERB", "AUX") else None
        if done is None and tok.dep_ == "pobj" and tok.head.head.lemma_.lower() == "population":
            return self.figure(
                first, top.end - 1, "count", value=value, value_to=value_to, unit="people",
                qualifier=qualifier, measure="population",
            ), top.end  # fmt: skip
        if done is not None:
            last = e if self.low(e) in ("dead", "missing") else top.end - 1
            return self.figure(
                first, last, "count", value=value, value_to=value_to, unit="people",
                qualifier=qualifier, measure=f"people {done}",
            ), last + 1  # fmt: skip
        return None, num.end

    def measured(
        self, num: _Number, first: int, qualifier: str | None, value_to: float | None, unit: _Unit
    ) -> tuple[Figure | None, int]:
        s, e = num.start, unit.end
        kind, measure, name = unit.kind, None, unit.unit
        if kind == "duration":
            if self.low(e) in _RELATIVE:
                return None, e
            if qualifier in ("over", "under") and self.low(first - 1) not in ("for", "in"):
                first, qualifier = s, None
            old = self.low(e) == "old" or (self.hyphen_at(e) and self.low(e + 1) == "old")
            if old:
                kind, measure, e = "number", "age", e + (1 if self.low(e) == "old" else 2)
        if unit.hyphen and measure is None:
            noun_i = self.head_noun(e)
            measure = self.phrase(noun_i) if noun_i is not None else None
        elif measure is None:
            measure = self.measure(s, e, kind)
        fig = self.figure(
            first, e - 1, kind, value=num.value, value_to=value_to, unit=name,
            qualifier=qualifier, measure=measure or None,
        )  # fmt: skip
        return fig, e

    def counted(
        self, num: _Number, first: int, qualifier: str | None, value_to: float | None, k: int
    ) -> tuple[Figure | None, int]:
        noun = self.doc[k]
        lemma = noun.lemma_.lower()
        if noun.tag_ not in ("NNS", "NNPS") and lemma not in ("personnel", "police", "people"):
            return None, num.end
        if lemma in _STOP_NOUNS or lemma in _TIMES:
            return None, num.end
        if num.year and self.ent[num.start] == "DATE":
            return None, num.end
        done = self.casualty(noun)
        if num.spelled and num.value < 10 and lemma in _SOURCES and done is None:
            return None, k + 1  # "two officials said": who spoke, not what happened
        measure = self.phrase(k)
        if lemma in _PEOPLE or lemma in _EVENTS:
            if done:
                measure = f"{measure} {done}"
            unit = "people" if lemma in _PEOPLE else None
            return self.figure(
                first, k, "count", value=num.value, value_to=value_to, unit=unit,
                qualifier=qualifier, measure=measure,
            ), k + 1  # fmt: skip
        return self.figure(
            first, k, "number", value=num.value, value_to=value_to, qualifier=qualifier,
            measure=measure,
        ), k + 1  # fmt: skip

    def superlative_rates(self, taken: list[tuple[int, int]]) -> list[Figure]:
        """ "the highest homicide rate": a ranking is a checkable figure without a number."""
        found = []
        for i, low in enumerate(self.lower):
            if low not in ("rate", "rates"):
                continue
            rate = self.doc[i]
            for child in rate.lefts:
                if child.tag_ == "JJS" and child.lower_ in ("highest", "lowest"):
                    start, end = child.idx, rate.idx + len(rate)
                    if any(a < end and start < b for a, b in taken):
                        continue
                    found.append(
                        Figure(
                            start, end, self.text[start:end], "rate", qualifier=child.lower_,
                            measure=self.phrase(i)[: -len(low)] + "rate",
                        )
                    )  # fmt: skip
        return found

    def run(self) -> tuple[Figure, ...]:
        figures: list[Figure] = []
        i = 0
        while i < self.n:
            low = self.lower[i]
            num = (
                self.number_at(i)
                if low[:1].isdigit() or low in _ONES or low in ("a", "an")
                else None
            )
            if num is None:
                i += 1
                continue
            fig, nxt = self.classify(num)
            if fig is not None:
                figures.append(fig)
            i = max(nxt, i + 1)
        figures.extend(self.superlative_rates([(f.start, f.end) for f in figures]))
        figures.sort(key=lambda f: (f.start, f.end))
        return tuple(figures)


def find_figures(doc: Doc) -> tuple[Figure, ...]:
    """Every figure in ``doc``, in text order; see the module docstring for the rules."""
    return _Scanner(doc).run()
