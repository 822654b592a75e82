"""The English words and patterns that figures are read with: numbers, units, currencies,
qualifiers, and the nouns and verbs that say what a number counts or measures."""

from __future__ import annotations

import re


def _set(text: str) -> frozenset[str]:
    return frozenset(text.split())


def _table(spec: str) -> dict[str, tuple[str, str]]:
    """ "kind unit: word word; ..." → {word: (kind, unit)}."""
    table: dict[str, tuple[str, str]] = {}
    for entry in spec.split(";"):
        head, words = entry.split(":")
        kind, unit = head.split()
        table.update(dict.fromkeys(words.split(), (kind, unit)))
    return table


DIGITS = re.compile(r"^(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$")
SUFFIXED = re.compile(r"^(\d+(?:\.\d+)?)(m|mn|bn|b|k)$")
ONE_WORDS = "one two three four five six seven eight nine ten eleven twelve thirteen fourteen"
TEEN_WORDS = "fifteen sixteen seventeen eighteen nineteen"
TEN_WORDS = "twenty thirty forty fifty sixty seventy eighty ninety"
ONES = {w: i for i, w in enumerate(f"{ONE_WORDS} {TEEN_WORDS}".split(), 1)}
ONES.update({w: 10 * i for i, w in enumerate(TEN_WORDS.split(), 2)})
SCALES = {"hundred": 100.0, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
MONEY_SUFFIX = {"m": 1e6, "mn": 1e6, "bn": 1e9, "b": 1e9, "k": 1e3}
CURRENCY_BEFORE = {"$": "USD", "us$": "USD", "usd": "USD", "€": "EUR", "£": "GBP"}
CURRENCY_AFTER = {"dollars": "USD", "dollar": "USD", "usd": "USD", "euros": "EUR", "eur": "EUR"}
UNITS = _table(
    "length m: meter meters metre metres m; length km: kilometer kilometers kilometre "
    "kilometres km; length cm: centimeter centimeters cm; length mi: mile miles; "
    "length ft: foot feet ft; length yd: yard yards; length in: inch inches; "
    "area ha: hectare hectares ha; area acre: acre acres; area m2: m2 m²; area km2: km2 km²; "
    "number t: tonne tonnes ton tons; number kg: kilogram kilograms kg kilo kilos; "
    "number g: gram grams; number lb: pound pounds lb lbs; "
    "duration seconds: second seconds; duration minutes: minute minutes; "
    "duration hours: hour hours; duration days: day days; duration weeks: week weeks; "
    "duration months: month months; duration years: year years; "
    "duration decades: decade decades; duration centuries: century centuries"
)
MONTHS = _set(
    "january february march april may june july august september october november december "
    "jan jan. feb feb. mar mar. apr apr. jun jun. jul jul. aug aug. sep sep. sept sept. "
    "oct oct. nov nov. dec dec."
)
LABELS = _set(
    "article section chapter clause paragraph resolution decree law route highway phase "
    "no. number # room block terminal gate level category flight amendment item page"
)
DETERMINERS = _set("the these those its their his her our my your both all whose 's ’s other")
DASHES = _set("- – —")
GLUE_BEFORE = _set("/ # @ = _ : . +")
GLUE_AFTER = _set("/ : @ _ =")
FRACTIONS = _set("half halves third thirds quarter quarters fifth fifths")
VAGUE = _set("few several many some dozens hundreds thousands")
RELATIVE = _set("ago later earlier prior")
PEOPLE = _set(
    "people person inmate prisoner detainee soldier troop officer policeman police personnel "
    "agent contractor civilian resident suspect member child woman man victim fisherman "
    "worker employee student migrant refugee tourist voter respondent official guard marine "
    "sailor pilot militant fighter gunman rebel protester demonstrator journalist adult "
    "teenager minor inhabitant citizen patient survivor hostage passenger deportee recruit "
    "mercenary trafficker leader farmer miner teacher doctor nurse"
)
EVENTS = _set(
    "killing homicide murder death fatality casualty arrest detention kidnapping massacre "
    "execution disappearance injury"
)
SOURCES = _set("official source diplomat analyst person people expert lawmaker aide")
STOP_NOUNS = _set("reason way thing time times possibility question option side track pole step")
CASUALTY = {
    "kill": "killed", "arrest": "arrested", "detain": "detained", "injure": "injured",
    "wound": "wounded", "hurt": "hurt", "capture": "captured", "kidnap": "kidnapped",
    "abduct": "abducted", "murder": "murdered", "execute": "executed", "die": "died",
    "evacuate": "evacuated", "displace": "displaced", "rescue": "rescued", "deport": "deported",
    "charge": "charged", "convict": "convicted", "sentence": "sentenced", "release": "released",
    "hold": "held", "deploy": "deployed", "dead": "dead", "missing": "missing",
}  # fmt: skip
QUALIFIER_TEXT = (
    "no more than;as many as;as much as;as few as;as little as;more than;fewer than;less than;"
    "at least;at most;up to;close to;upwards of;an estimated;nearly;almost;about;around;over;"
    "some;roughly;approximately;estimated;above;below;under;exactly;only;just"
)
QUALIFIERS = tuple(tuple(q.split()) for q in QUALIFIER_TEXT.split(";"))
INTENSIFIERS = _set("well just slightly far much barely")
# Verbs whose subject is what a measurement measures ("the meeting lasted 40 minutes").
SUBJECT_VERBS = _set(
    "be last remain run stretch extend span cover measure cost total reach amount budget take "
    "hit exceed top stand fall rise grow drop climb increase decrease put estimate set "
    "value stay operate"
)
FUNDING_VERBS = _set("budget allocate earmark approve spend pay request provide pledge")
