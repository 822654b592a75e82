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

* The words and the number format are the document's language's
  (``figure_words``, from its ``numbers.toml``): Spanish "2.000" is 2000 and
  "1,5" is 1.5. Where a language's tags do not mark plurals and participles
  (the Spanish model's are bare parts of speech), its morphology does, and a
  participle standing for people counts them ("27 detenidos"). The measure
  paths follow the English parser's labels, so in another language a measure
  comes from counted nouns and their "of" phrases ("3,2 toneladas de cocaína").

The scan is a single left-to-right pass over tokens with bounded look-around,
so its cost grows with the article, not its square; ``doc.text`` is read once,
since spaCy rebuilds it on every access.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from spacy.tokens import Doc

from ..models import Figure
from .doctext import doc_text, language_of
from .figure_words import DASHES, GLUE_AFTER, GLUE_BEFORE, figure_words, parse_number

Token = Any  # spaCy ships no type information
# Objects and passive subjects in both label sets: ClearNLP (English) and UD.
_OBJECTS = ("nsubjpass", "dobj", "nsubj:pass", "obj")


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
        self.w = figure_words(language_of(doc))  # the document's language's words and formats

    def low(self, i: int) -> str:
        return self.lower[i] if 0 <= i < self.n else ""

    def at(self, i: int, phrase: tuple[str, ...]) -> bool:
        """Whether the tokens from ``i`` are ``phrase``."""
        return tuple(self.lower[i : i + len(phrase)]) == phrase

    def phrase_end(self, i: int, phrases: tuple[tuple[str, ...], ...]) -> int | None:
        """One past the first of ``phrases`` found at token ``i``, if any."""
        return next((i + len(p) for p in phrases if self.at(i, p)), None)

    @staticmethod
    def morph(token: Token, specs: tuple[frozenset[str], ...]) -> bool:
        """Whether the token's features hold all of one of ``specs`` ({"Number=Plur"})."""
        return bool(specs) and any(s <= set(str(token.morph).split("|")) for s in specs)

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
        low, w = self.low(i), self.w
        if w.digits.match(low):
            value, j = parse_number(w, low), i + 1
            while self.low(j) in w.scales:
                value *= w.scales[self.lower[j]]
                j += 1
            year = len(low) == 4 and j == i + 1 and 1000 <= value < 2200
            return _Number(i, j, value, False, year)
        suffix = w.suffixed.match(low)
        if suffix and self.low(i - 1) in w.currency_before:  # "$13.5m" as one token
            value = parse_number(w, suffix[1]) * w.money_suffix[suffix[2]]
            return _Number(i, i + 1, value, False, False)
        if low in w.articles:
            nxt = self.low(i + 1)
            if nxt in w.scales or nxt in w.dozen:
                return self._words(i + 1, i, 1.0)
            if w.units.get(nxt, ("",))[0] != "duration":
                return None
            hedge = self.qualifier(i)[1]
            hedged = hedge is not None and hedge not in w.prepositions
            return _Number(i, i + 1, 1.0, True, False) if hedged else None  # "nearly an hour"
        return self._words(i, i, 0.0) if low in w.ones else None

    def _words(self, i: int, start: int, current: float) -> _Number | None:
        total, j, seen = 0.0, i, start != i
        ones, w = self.w.ones, self.w
        while j < self.n:
            low = self.lower[j]
            if low in ones and (current % 100 == 0 or ones[low] < 10 <= current % 100):
                current += ones[low]
            elif low in w.dozen and seen:
                current = (current or 1) * 12
            elif low in w.hundred and seen:
                current = (current or 1) * 100
            elif low in w.scales and seen:
                total, current = total + (current or 1) * w.scales[low], 0.0
            elif self.hyphen_at(j) and self.low(j + 1) in ones and self.lower[j - 1] in ones:
                j += 1  # "twenty-three"
                continue
            elif low in w.tens_link and j > i and self._tens_then_ones(j):
                j += 1  # "treinta y dos"
                continue
            else:
                break
            seen = True
            j += 1
        value = total + current
        if not seen or (value == 1 and j == i + 1 and start == i):
            return None  # a lone "one" is a pronoun or an article far more often than a count
        return _Number(start, j, value, True, False)

    def _tens_then_ones(self, j: int) -> bool:
        """Whether a tens word stands before token ``j`` and a ones word after it."""
        ones = self.w.ones
        tens, unit = ones.get(self.lower[j - 1], 0), ones.get(self.low(j + 1), 0)
        return 20 <= tens < 100 and tens % 10 == 0 and 0 < unit < 10

    def qualifier(self, q: int) -> tuple[int, str | None]:
        """The hedge before token q, as (its first token, its words)."""
        for phrase in self.w.qualifiers:
            k = q - len(phrase)
            if k >= 0 and tuple(self.lower[k:q]) == phrase:
                if self.low(k - 1) in self.w.intensifiers and phrase[0] not in self.w.intensifiers:
                    k -= 1  # "well above", "just over"
                return k, " ".join(self.lower[k:q])
        return q, None

    def labelled(self, num: _Number) -> bool:
        """Days of months, article numbers, identifiers and other non-quantities."""
        s, e, w = num.start, num.end, self.w
        before, after = self.low(s - 1), self.low(e)
        month_after = after in w.months or (after in w.month_link and self.low(e + 1) in w.months)
        return (
            before in w.months or before in w.labels or (month_after and not num.spelled)
            or (num.spelled and before in w.determiners)  # "the two leaders"
            or after in w.fractions or (self.hyphen_at(e) and self.low(e + 1) in w.fractions)
            or (before in w.vague and self.lower[s] in (*w.scales, *w.dozen))  # "several hundred"
            or (s > 0 and self.glued[s - 1] and before in GLUE_BEFORE)  # "9/11", "#3"
            or (self.glued[e - 1] and after in GLUE_AFTER)
            or (self.hyphen_at(s - 1) and self.doc[s - 2].is_alpha
                and self.low(s - 2) not in w.ones)
            or any(t.like_url or t.like_email for t in self.doc[s:e])
        )  # fmt: skip

    def second(self, num: _Number) -> _Number | None:
        """The upper end of a range that starts at ``num``."""
        e, w = num.end, self.w
        conn, before = self.low(e), self.low(num.start - 1)
        if before in w.currency_before:
            before = self.low(num.start - 2)
        hyphen = self.hyphen_at(e)
        between = conn in w.range_and and before in w.range_between
        if not (hyphen or conn in w.range_to or between):
            return None
        other = self.number_at(e + 2 if self.low(e + 1) in w.currency_before else e + 1)
        if other is None or other.spelled != num.spelled:
            return None
        if num.year and hyphen and other.value < 100:  # "2023-24"
            other.value, other.year = num.value - num.value % 100 + other.value, True
        change = conn in w.change_to and before in w.range_from
        if other.value <= num.value or (change and not num.year):
            return None  # "3-1" is a score; "from 44 to 38" is a change, not a range
        return other

    # --- units, nouns and measures -------------------------------------------

    def unit_at(self, j: int) -> _Unit | None:
        hyphen, w = self.hyphen_at(j), self.w
        k = j + 1 if hyphen else j
        low, nxt = self.low(k), self.low(k + 1)
        if (end := self.phrase_end(k, w.percent)) is not None:
            return _Unit("percent", "%", end, hyphen)
        if (end := self.phrase_end(k, w.percentage_points)) is not None:
            return _Unit("percent", "percentage points", end, hyphen)
        if low in w.square_before and w.units.get(nxt, ("",))[0] == "length":
            return _Unit("area", w.units[nxt][1] + "2", k + 2, hyphen)
        # A one-letter or ambiguous abbreviation after a hyphen is a label ("MQ-9", "F-16").
        if low not in w.units or (hyphen and low in ("m", "ft", "in", "g", "t")):
            return None
        kind, unit = w.units[low]
        if kind == "length" and nxt in w.square_after:  # "metros cuadrados"
            return _Unit("area", unit + "2", k + 2, hyphen)
        return _Unit(kind, unit, k + 1, hyphen)

    def head_noun(self, j: int, number: int) -> int | None:
        """The noun a number counts: skip its modifiers, stop at the phrase's head."""
        for k in range(j, min(self.n, j + 4)):
            t = self.doc[k]
            if k == j and t.pos_ == "ADJ" and t.lemma_.lower() in self.w.nominal_people:
                return k  # "27 detenidos": a participle that names the people counted
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
            if prev.lower_ in self.w.scales or prev.lower_ in self.w.units or prev.lower_ in DASHES:
                break
            first -= 1
        if self.doc[k].pos_ == "PRON":
            return ""
        return " ".join(w.text if w.pos_ == "PROPN" else w.lower_ for w in self.doc[first : k + 1])

    def casualty(self, noun: Token) -> str | None:
        """What happened to counted people: the participle after them or their verb."""
        w = self.w
        if noun.i + 1 < self.n:
            nxt = self.doc[noun.i + 1]
            participle = nxt.tag_ in ("VBN", "JJ") or self.morph(nxt, w.participle_morph)
            if nxt.lemma_.lower() in w.casualty and participle:
                return self.agreeing(noun, w.casualty[nxt.lemma_.lower()])
        head = noun.head
        lemma = head.lemma_.lower()
        if lemma not in w.casualty or head.pos_ not in ("VERB", "AUX", "ADJ") or head.i == noun.i:
            return None
        passive = any(
            c.dep_ in ("aux", "aux:pass") and c.lemma_.lower() in w.passive_aux
            for c in head.children
        )  # "fueron detenidas": the model labels the subject nsubj
        subject = lemma in w.intransitive_casualty or passive
        if noun.dep_ in _OBJECTS or (noun.dep_ == "nsubj" and subject):
            return self.agreeing(noun, w.casualty[lemma])
        return None

    def agreeing(self, noun: Token, word: str) -> str:
        """``word`` in the noun's gender, where the language inflects it."""
        if "Fem" in noun.morph.get("Gender"):
            return self.w.casualty_feminine.get(word, word)
        return word

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
        if obj is None and prep.dep_ == "case" and prep.head.i > prep.i:
            obj = prep.head  # Universal Dependencies hang the preposition from its noun
        return self.phrase(obj.i) if obj is not None and obj.pos_ in ("NOUN", "PROPN") else None

    def measure(self, start: int, end: int, kind: str) -> str | None:
        """What a measurement in tokens [start, end) measures, from the parse around it."""
        k = end + 1 if self.low(end) == "worth" else end
        if self.low(k) in self.w.partitive or (self.low(k) == "for" and kind == "money"):
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
            if prep in ("to", "for") and owner.lemma_.lower() in self.w.subject_verbs:
                return self.subject(owner)  # "support fell to 47 percent"
            return None
        if head.dep_ in ("attr", "acomp", "dobj", "npadvmod") and parent.pos_ in ("VERB", "AUX"):
            lemma = parent.lemma_.lower()
            if head.dep_ == "dobj" and kind == "money" and lemma in self.w.funding_verbs:
                purpose = next((c for c in parent.children if c.lower_ == "for"), None)
                return self.object_of(purpose) if purpose is not None else None
            if lemma in self.w.subject_verbs:
                return self.subject(parent)
        return None

    def rate_name(self, i: int) -> str:
        return " ".join([*self.phrase(i).split()[:-1], self.w.rate_name])

    def rate_measure(self, start: int) -> str | None:
        """The nearest "rate" in the sentence ("homicide rate"), looking back first."""
        if not self.doc.has_annotation("SENT_START"):
            return None
        rates = [t.i for t in self.doc[start].sent if t.lemma_.lower() in self.w.rates]
        before = [i for i in rates if i < start]
        pick = before[-1] if before else (rates[0] if rates else None)
        return self.rate_name(pick) if pick is not None else None

    # --- the pass ------------------------------------------------------------

    def classify(self, num: _Number) -> tuple[Figure | None, int]:
        """The figure ``num`` starts, if any, and the token to resume the scan at."""
        fields: dict[str, Any]
        s, w = num.start, self.w
        currency = w.currency_before.get(self.low(s - 1))
        lead = s - 1 if currency else s
        top = self.second(num) or num
        value_to = top.value if top is not num else None
        if top is not num and self.low(lead - 1) in w.range_from | w.range_between:
            first, qualifier = lead - 1, None  # "between 2 and 4": the range is the hedge
        else:
            first, qualifier = self.qualifier(lead)
        if num.year and top.year and top is not num:
            fields = {"value": num.value, "value_to": value_to}
            return self.figure(first, top.end - 1, "year_range", **fields), top.end
        e, value = top.end, num.value
        fields = {"value": value, "value_to": value_to, "qualifier": qualifier}

        # money: a currency sign before, or a currency word after; a glued "m"/"bn" multiplies
        linked = e + 1 if self.low(e) in w.currency_link else e  # "millones de dólares"
        if currency is None and self.low(linked) in w.currency_after:
            currency, e = w.currency_after[self.low(linked)], linked + 1
        if currency is not None:
            mult = 1.0
            if self.low(e) in w.money_suffix and self.glued[e - 1]:
                mult, e = w.money_suffix[self.lower[e]], e + 1
            fields.update(value=value * mult, value_to=value_to and value_to * mult)
            measure = self.measure(s, e, "money")
            return self.figure(first, e - 1, "money", unit=currency, measure=measure, **fields), e

        # rates: "38.8 per 100,000", "38.8 homicides per 100,000"
        gap = self.head_noun(e, e - 1)
        per = e
        if gap is not None and self.phrase_end(gap + 1, w.per) is not None:
            per = gap + 1
        based = self.phrase_end(per, w.per)
        if based is not None and (base := self.number_at(based)) is not None:
            unit = "per " + (self.low(based) if base.spelled else f"{base.value:,.0f}")
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
            if noun.lemma_.lower() not in w.stop_nouns and self.low(e + 2) not in DASHES:
                return self.figure(first, e + 1, "number", measure=noun.lower_, **fields), e + 2
        # "una docena de heridos", "dos millones de personas": a link after a scale word
        scaled = self.lower[e - 1] in w.scales or self.lower[e - 1] in w.dozen
        noun_i = self.head_noun(e + 1 if scaled and self.low(e) in w.count_link else e, e - 1)
        if noun_i is not None:
            return self.counted(num, first, fields, noun_i)
        return self.bare(num, top, first, fields)

    def measured(
        self, num: _Number, first: int, fields: dict[str, Any], unit: _Unit
    ) -> tuple[Figure | None, int]:
        s, e = num.start, unit.end
        kind, measure = unit.kind, None
        w = self.w
        if kind == "duration":
            if self.low(e) in w.relative:
                return None, e  # "five years ago" is a date
            kept = any(
                tuple(self.lower[max(0, first - len(p)) : first]) == p for p in w.duration_before
            )
            if self.low(first - 1) in w.relative_before and not kept:
                return None, e  # "hace tres días" is a date too
            preposition = fields["qualifier"] in w.prepositions
            if preposition and self.low(first - 1) not in w.duration_prepositions:
                first, fields["qualifier"] = s, None
            if self.low(e) in w.old or (self.hyphen_at(e) and self.low(e + 1) in w.old):
                kind, measure, e = "number", "age", e + (1 if self.low(e) in w.old else 2)
        if unit.hyphen and measure is None:
            noun_i = self.head_noun(e, e - 1)
            measure = self.phrase(noun_i, e) if noun_i is not None else None
        elif measure is None:
            measure = self.measure(s, e, kind)
        return self.figure(first, e - 1, kind, unit=unit.unit, measure=measure or None, **fields), e

    def counted(
        self, num: _Number, first: int, fields: dict[str, Any], k: int
    ) -> tuple[Figure | None, int]:
        noun, w = self.doc[k], self.w
        lemma = noun.lemma_.lower()
        plural = noun.tag_ in ("NNS", "NNPS") or self.morph(noun, w.plural_morph)
        if not plural and lemma not in w.collective:
            return None, num.end
        if lemma in w.stop_nouns or (num.year and self.ent[num.start] == "DATE"):
            return None, num.end
        done = self.casualty(noun)
        if num.spelled and num.value < 10 and lemma in w.sources and done is None:
            return None, k + 1  # "two officials said": who spoke, not what happened
        measure = self.phrase(k, num.end)
        if lemma not in w.people and lemma not in w.events:
            return self.figure(first, k, "number", measure=measure, **fields), k + 1
        measure = f"{measure} {done}" if done else measure
        unit = "people" if lemma in w.people else None
        return self.figure(first, k, "count", unit=unit, measure=measure, **fields), k + 1

    def bare(
        self, num: _Number, top: _Number, first: int, fields: dict[str, Any]
    ) -> tuple[Figure | None, int]:
        """A number without a noun counts people only where the grammar says so."""
        e, last, w = top.end, top.end - 1, self.w
        if self.low(e) in w.partitive and self.low(e + 1) in w.determiners:  # "21 of the 23"
            inner = self.number_at(e + 2)
            noun_i = self.head_noun(inner.end if inner else e + 2, inner.end - 1 if inner else e)
            if noun_i is None or self.doc[noun_i].lemma_.lower() not in w.people:
                return None, num.end
            done = self.casualty(self.doc[noun_i])
            measure = self.phrase(noun_i, e + 2) + (f" {done}" if done else "")
            return self.figure(first, last, "count", unit="people", measure=measure, **fields), e
        tok = self.doc[last]
        done = self.low(e) if self.low(e) in w.bare_states else None  # "nine dead"
        if done is None and tok.dep_ in _OBJECTS and tok.head.pos_ in ("VERB", "AUX"):
            done = w.casualty.get(tok.head.lemma_.lower())  # "16 were injured", "arrests 27"
        population = tok.head.head.lemma_.lower()
        if done is None and tok.dep_ == "pobj" and population in w.population:
            # "a population of more than 60,000"
            fields["measure"] = population
            return self.figure(first, last, "count", unit="people", **fields), e
        if done is None:
            return None, num.end
        last = e if self.low(e) == done else last
        measure = f"people {done}"
        return self.figure(first, last, "count", unit="people", measure=measure, **fields), last + 1

    def superlative_rates(self, taken: list[tuple[int, int]]) -> list[Figure]:
        """ "the lowest turnout rate": a ranking is a checkable figure without a number."""
        found = []
        for i in (i for i, low in enumerate(self.lower) if low in self.w.rates):
            rate = self.doc[i]
            for rank in (c for c in rate.lefts if c.lower_ in self.w.ranks):
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
            candidate = low[:1].isdigit() or low in self.w.ones or low in self.w.articles
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
