"""Dates and periods: the normalising rules, then the scan of a parsed document."""

from __future__ import annotations

import itertools
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.language import Language

from dossier.analyze.datenorm import READINGS, Normalised, Reading, normalise
from dossier.analyze.dates import find_dates
from dossier.analyze.nlp import load_model
from dossier.config import DEFAULT_MODEL
from dossier.models import DATE_PRECISIONS, TimeExpression

PUB = date(2025, 4, 16)  # a Wednesday
PUBLISHED = PUB.isoformat()

# Absolute expressions: the same with or without a publication date.
ABSOLUTE = [
    ("2023-11-08", "day", "2023-11-08", "2023-11-08"),
    ("2023-11-08T14:30:00Z", "day", "2023-11-08", "2023-11-08"),
    ("August 21, 2022", "day", "2022-08-21", "2022-08-21"),
    ("Aug. 21 2022", "day", "2022-08-21", "2022-08-21"),
    ("21 August 2022", "day", "2022-08-21", "2022-08-21"),
    ("the 21st of August 2022", "day", "2022-08-21", "2022-08-21"),
    ("SEPTEMBER 2019", "month", "2019-09-01", "2019-09-30"),
    ("February 2024", "month", "2024-02-01", "2024-02-29"),
    ("2018", "year", "2018-01-01", "2018-12-31"),
    ("the year 1987", "year", "1987-01-01", "1987-12-31"),
    ("in 2018", "year", "2018-01-01", "2018-12-31"),
    ("the 1960s", "range", "1960-01-01", "1969-12-31"),
    ("the '70s", "range", "1970-01-01", "1979-12-31"),
    ("the 18th century", "range", "1700-01-01", "1799-12-31"),
    ("Q3 2021", "range", "2021-07-01", "2021-09-30"),
    ("the fourth quarter of 2020", "range", "2020-10-01", "2020-12-31"),
    ("the second half of 2022", "range", "2022-07-01", "2022-12-31"),
    ("early 2023", "range", "2023-01-01", "2023-04-30"),
    ("mid-2023", "range", "2023-05-01", "2023-08-31"),
    ("late 2021", "range", "2021-09-01", "2021-12-31"),
    ("the end of 2021", "range", "2021-09-01", "2021-12-31"),
    ("late June 2020", "range", "2020-06-21", "2020-06-30"),
    ("mid-July 2020", "range", "2020-07-11", "2020-07-20"),
    ("the early 2000s", "range", "2000-01-01", "2003-12-31"),
    ("the mid-1970s", "range", "1974-01-01", "1976-12-31"),
    ("the late 19th century", "range", "1870-01-01", "1899-12-31"),
    ("from 1989 to 1994", "range", "1989-01-01", "1994-12-31"),
    ("1989-1994", "range", "1989-01-01", "1994-12-31"),
    ("1989–94", "range", "1989-01-01", "1994-12-31"),
    ("between 2016 and 2018", "range", "2016-01-01", "2018-12-31"),
    ("from May to July 2019", "range", "2019-05-01", "2019-07-31"),
    ("from Feb. 2 to March 9, 2020", "range", "2020-02-02", "2020-03-09"),
    ("October 12-14, 2022", "range", "2022-10-12", "2022-10-14"),
    ("12-14 October 2022", "range", "2022-10-12", "2022-10-14"),
    ("Saturday, June 1, 2024", "day", "2024-06-01", "2024-06-01"),
    ("June 1, 2024 at 6 p.m.", "day", "2024-06-01", "2024-06-01"),
]


@pytest.mark.parametrize(("text", "precision", "start", "end"), ABSOLUTE)
@pytest.mark.parametrize("published", [PUB, None])
def test_absolute_dates_need_no_publication_date(
    text: str, precision: str, start: str, end: str, published: date | None
) -> None:
    assert normalise(text, published) == Normalised(precision, start, end, True)


# Relative expressions against PUB (Wednesday 16 April 2025).
RELATIVE = [
    ("today", "day", "2025-04-16", "2025-04-16"),
    ("tonight", "day", "2025-04-16", "2025-04-16"),
    ("this morning", "day", "2025-04-16", "2025-04-16"),
    ("yesterday", "day", "2025-04-15", "2025-04-15"),
    ("yesterday afternoon", "day", "2025-04-15", "2025-04-15"),
    ("last night", "day", "2025-04-15", "2025-04-15"),
    ("tomorrow", "day", "2025-04-17", "2025-04-17"),
    ("this week", "range", "2025-04-14", "2025-04-20"),
    ("last week", "range", "2025-04-07", "2025-04-13"),
    ("next week", "range", "2025-04-21", "2025-04-27"),
    ("last weekend", "range", "2025-04-12", "2025-04-13"),
    ("the weekend", "range", "2025-04-12", "2025-04-13"),
    ("this month", "month", "2025-04-01", "2025-04-30"),
    ("last month", "month", "2025-03-01", "2025-03-31"),
    ("next month", "month", "2025-05-01", "2025-05-31"),
    ("last year", "year", "2024-01-01", "2024-12-31"),
    ("this year", "year", "2025-01-01", "2025-12-31"),
    ("next year", "year", "2026-01-01", "2026-12-31"),
    ("the past week", "range", "2025-04-10", "2025-04-16"),
    ("the past two years", "range", "2023-04-17", "2025-04-16"),
    ("the last 6 months", "range", "2024-10-17", "2025-04-16"),
    ("four days ago", "day", "2025-04-12", "2025-04-12"),
    ("two weeks ago", "range", "2025-03-31", "2025-04-06"),
    ("three months ago", "month", "2025-01-01", "2025-01-31"),
    ("a year ago", "year", "2024-01-01", "2024-12-31"),
    ("a decade ago", "year", "2015-01-01", "2015-12-31"),
    ("earlier this year", "range", "2025-01-01", "2025-04-16"),
    ("later this month", "range", "2025-04-16", "2025-04-30"),
    ("late last year", "range", "2024-09-01", "2024-12-31"),
    ("since 2019", "range", "2019-01-01", "2025-04-16"),
    ("the first quarter of last year", "range", "2024-01-01", "2024-03-31"),
    ("the second half of this year", "range", "2025-07-01", "2025-12-31"),
    ("since last month", "range", "2025-03-01", "2025-04-16"),
    # A month without a year: the latest not after publication.
    ("in February", "month", "2025-02-01", "2025-02-28"),
    ("April", "month", "2025-04-01", "2025-04-30"),
    ("November", "month", "2024-11-01", "2024-11-30"),
    ("last April", "month", "2024-04-01", "2024-04-30"),
    ("last February", "month", "2025-02-01", "2025-02-28"),
    ("next February", "month", "2026-02-01", "2026-02-28"),
    ("next November", "month", "2025-11-01", "2025-11-30"),
    ("this November", "month", "2025-11-01", "2025-11-30"),
    ("February next year", "month", "2026-02-01", "2026-02-28"),
    ("November last year", "month", "2024-11-01", "2024-11-30"),
    ("early February", "range", "2025-02-01", "2025-02-10"),
    ("Feb. 11", "day", "2025-02-11", "2025-02-11"),
    ("11 February", "day", "2025-02-11", "2025-02-11"),
    ("April 16", "day", "2025-04-16", "2025-04-16"),
    ("April 17", "day", "2024-04-17", "2024-04-17"),
    # Weekdays: bare on or before publication, "last" strictly before.
    ("on Monday", "day", "2025-04-14", "2025-04-14"),
    ("Wednesday", "day", "2025-04-16", "2025-04-16"),
    ("Thursday", "day", "2025-04-10", "2025-04-10"),
    ("last Monday", "day", "2025-04-14", "2025-04-14"),
    ("last Wednesday", "day", "2025-04-09", "2025-04-09"),
    ("next Tuesday", "day", "2025-04-22", "2025-04-22"),
    ("next Wednesday", "day", "2025-04-23", "2025-04-23"),
    ("this Friday", "day", "2025-04-18", "2025-04-18"),
    ("Tuesday night", "day", "2025-04-15", "2025-04-15"),
    ("late Monday", "day", "2025-04-14", "2025-04-14"),
    ("Sunday, March 9", "day", "2025-03-09", "2025-03-09"),  # a Sunday in 2025
    ("Saturday, March 9", "day", "2024-03-09", "2024-03-09"),  # a Saturday in 2024
    # Ranges with relative sides.
    ("from Monday to Wednesday", "range", "2025-04-14", "2025-04-16"),
    ("from Friday to Tuesday", "range", "2025-04-11", "2025-04-15"),
    ("between January and March", "range", "2025-01-01", "2025-03-31"),
    ("between March and May", "range", "2024-03-01", "2024-05-31"),
    ("Feb. 3-7", "range", "2025-02-03", "2025-02-07"),
]


@pytest.mark.parametrize(("text", "precision", "start", "end"), RELATIVE)
def test_relative_expressions_resolve_against_publication(
    text: str, precision: str, start: str, end: str
) -> None:
    assert normalise(text, PUB) == Normalised(precision, start, end, True)


@pytest.mark.parametrize(("text", "precision", "start", "end"), RELATIVE)
def test_relative_expressions_are_never_guessed(
    text: str, precision: str, start: str, end: str
) -> None:
    assert normalise(text, None) == Normalised(precision, None, None, False)


FUTURE = [
    ("February", "month", "2026-02-01", "2026-02-28"),
    ("April", "month", "2025-04-01", "2025-04-30"),
    ("November", "month", "2025-11-01", "2025-11-30"),
    ("Feb. 11", "day", "2026-02-11", "2026-02-11"),
    ("April 20", "day", "2025-04-20", "2025-04-20"),
    ("Monday", "day", "2025-04-21", "2025-04-21"),
    ("Wednesday", "day", "2025-04-16", "2025-04-16"),
    ("last Monday", "day", "2025-04-14", "2025-04-14"),
    ("the weekend", "range", "2025-04-19", "2025-04-20"),
    ("last week", "range", "2025-04-07", "2025-04-13"),
]


@pytest.mark.parametrize(("text", "precision", "start", "end"), FUTURE)
def test_a_future_tense_looks_ahead(text: str, precision: str, start: str, end: str) -> None:
    assert normalise(text, PUB, reading="future") == Normalised(precision, start, end, True)


# Nearest publication (PUB, Wednesday 16 April 2025), a tie going to the past.
NEAREST = [
    ("February", "month", "2025-02-01", "2025-02-28"),
    ("September", "month", "2025-09-01", "2025-09-30"),  # five months ahead, seven back
    ("October", "month", "2024-10-01", "2024-10-31"),  # six either way: the past
    ("April 17", "day", "2025-04-17", "2025-04-17"),
    ("April 1", "day", "2025-04-01", "2025-04-01"),
    ("Dec. 30", "day", "2024-12-30", "2024-12-30"),
    ("Feb. 29", "day", "2024-02-29", "2024-02-29"),  # the only leap year within reach
    ("Monday", "day", "2025-04-14", "2025-04-14"),
    ("Saturday", "day", "2025-04-19", "2025-04-19"),
    ("Wednesday", "day", "2025-04-16", "2025-04-16"),
    ("the weekend", "range", "2025-04-12", "2025-04-13"),  # three days either way: the past
    ("next Monday", "day", "2025-04-21", "2025-04-21"),
    ("last Saturday", "day", "2025-04-12", "2025-04-12"),
    ("between March and May", "range", "2025-03-01", "2025-05-31"),
]


@pytest.mark.parametrize(("text", "precision", "start", "end"), NEAREST)
def test_without_tense_evidence_the_reading_nearest_publication(
    text: str, precision: str, start: str, end: str
) -> None:
    assert normalise(text, PUB, reading="nearest") == Normalised(precision, start, end, True)


def test_a_thursday_article_reads_a_bare_weekend_as_the_coming_one() -> None:
    thursday = date(2025, 4, 17)
    assert normalise("the weekend", thursday, reading="nearest") == Normalised(
        "range", "2025-04-19", "2025-04-20", True
    )


@pytest.mark.parametrize(
    "text",
    [
        "three years",
        "decades",
        "45-year-old",
        "10 a.m.",
        "noon",
        "the morning",
        "Mondays",
        "her 80s",
        "the following day",
        "that week",
        "February 30",
        "2024-13-01",
        "from 2020",
        "between 2019",
        "2019 and 2021",
        "from 2021 to 2019",
        "recent years",
        "annual",
        "the second half of the year",
        "Q2 March",
        "",
        "   ",
    ],
)
@pytest.mark.parametrize("published", [PUB, None])
def test_what_is_not_a_calendar_reference(text: str, published: date | None) -> None:
    assert normalise(text, published) is None


def test_since_a_date_after_publication_is_no_period() -> None:
    assert normalise("since 2026", PUB) is None
    assert normalise("since 2020", None) == Normalised("range", None, None, False)


WORDS = [
    "early", "late", "mid-", "last", "next", "this", "the", "since", "from", "to", "and",
    "between", "-", "March", "Oct.", "3", "21st", "2019", "1990s", "'80s", "week", "year",
    "Monday", "ago", "two", "past", "days", "century", "Q2", "at", "9", "p.m.", "of", ",",
]  # fmt: skip


@settings(max_examples=400, deadline=None)
@given(
    st.lists(st.sampled_from(WORDS), min_size=1, max_size=6),
    st.booleans(),
    st.sampled_from(READINGS),
)
def test_normalise_never_fails_and_bounds_are_ordered(
    words: list[str], anchored: bool, reading: Reading
) -> None:
    result = normalise(" ".join(words), PUB if anchored else None, reading=reading)
    if result is None:
        return
    assert result.precision in DATE_PRECISIONS
    if result.anchored:
        assert result.start_date is not None and result.end_date is not None
        assert date.fromisoformat(result.start_date) <= date.fromisoformat(result.end_date)
    else:
        assert result.start_date is None and result.end_date is None


# The document scan, with the real model.


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_model(DEFAULT_MODEL)


def _dates(nlp: Language, text: str, published: str | None = PUBLISHED) -> list[tuple[str, ...]]:
    found = find_dates(nlp(text), published)
    for item in found:
        assert text[item.start : item.end] == item.text
    return [(t.text, t.precision, t.start_date or "", t.end_date or "") for t in found]


DOCS = [
    (
        "The ferry service was suspended in February after a storm.",
        [("February", "month", "2025-02-01", "2025-02-28")],
    ),
    (
        "Turnout fell in October 2023, the commission said on Monday.",
        [
            ("October 2023", "month", "2023-10-01", "2023-10-31"),
            ("Monday", "day", "2025-04-14", "2025-04-14"),
        ],
    ),
    (
        "The plant, which ran from 1978 to 1996, reopened between 2010 and 2012.",
        [
            ("from 1978 to 1996", "range", "1978-01-01", "1996-12-31"),
            ("between 2010 and 2012", "range", "2010-01-01", "2012-12-31"),
        ],
    ),
    (
        "Since 2021 the clinic has doubled its staff.",
        [("Since 2021", "range", "2021-01-01", "2025-04-16")],
    ),
    (
        "Fares rose last week and again two weeks ago.",
        [
            ("last week", "range", "2025-04-07", "2025-04-13"),
            ("two weeks ago", "range", "2025-03-31", "2025-04-06"),
        ],
    ),
    (
        "The archive covers the 1950s, and the ledger is dated 1952-07-04.",
        [
            ("the 1950s", "range", "1950-01-01", "1959-12-31"),
            ("1952-07-04", "day", "1952-07-04", "1952-07-04"),
        ],
    ),
    (
        "The trial opened on 3 March 2025 and the verdict came late 2024 in another case.",
        [
            ("3 March 2025", "day", "2025-03-03", "2025-03-03"),
            ("late 2024", "range", "2024-09-01", "2024-12-31"),
        ],
    ),
    (
        "The suspect was seen yesterday and questioned at 4 p.m. by detectives.",
        [("yesterday", "day", "2025-04-15", "2025-04-15")],
    ),
    (
        "The 62-year-old farmer has worked the land for forty years.",
        [],
    ),
    (
        "The market is open every Saturday.",
        [],
    ),
    (
        "The minister will visit the port in March.",
        [("March", "month", "2026-03-01", "2026-03-31")],
    ),
    (
        "The minister visited the port in March.",
        [("March", "month", "2025-03-01", "2025-03-31")],
    ),
    (
        "Hearings were held on Monday, Thursday and Friday.",
        [
            ("Monday", "day", "2025-04-14", "2025-04-14"),
            ("Thursday", "day", "2025-04-10", "2025-04-10"),
            ("Friday", "day", "2025-04-11", "2025-04-11"),
        ],
    ),
    (  # "are planned" looks ahead: the coming days, not the past ones
        "Hearings are planned on Monday, Thursday and Friday.",
        [
            ("Monday", "day", "2025-04-21", "2025-04-21"),
            ("Thursday", "day", "2025-04-17", "2025-04-17"),
            ("Friday", "day", "2025-04-18", "2025-04-18"),
        ],
    ),
    (
        "The singer, now in her 70s, toured widely in the 60s and the 1980s.",
        [
            ("the 60s", "range", "1960-01-01", "1969-12-31"),
            ("the 1980s", "range", "1980-01-01", "1989-12-31"),
        ],
    ),
    (
        "HARBOUR BULLETIN, 9 NOVEMBER 2022: the quay is closed.",
        [("9 NOVEMBER 2022", "day", "2022-11-09", "2022-11-09")],
    ),
    (
        "Last year's harvest was poor, and mid-2024 was worse.",
        [
            ("Last year", "year", "2024-01-01", "2024-12-31"),
            ("mid-2024", "range", "2024-05-01", "2024-08-31"),
        ],
    ),
    (
        "The board meets next Tuesday.",
        [("next Tuesday", "day", "2025-04-22", "2025-04-22")],
    ),
]


@pytest.mark.parametrize(("text", "expected"), DOCS)
def test_find_dates_in_sentences(nlp: Language, text: str, expected: list[tuple[str, ...]]) -> None:
    assert _dates(nlp, text) == expected


def test_without_a_publication_date_only_absolute_dates_are_resolved(nlp: Language) -> None:
    text = "Rainfall in June 2024 was low; last week the reservoir ran dry on Monday."
    assert _dates(nlp, text, None) == [
        ("June 2024", "month", "2024-06-01", "2024-06-30"),
        ("last week", "range", "", ""),
        ("Monday", "day", "", ""),
    ]
    anchored = [t.anchored for t in find_dates(nlp(text), None)]
    assert anchored == [True, False, False]


def test_an_unreadable_publication_date_counts_as_none(nlp: Language) -> None:
    assert _dates(nlp, "The school closed last month.", "sometime") == [
        ("last month", "month", "", "")
    ]


def test_a_clock_time_joins_its_day_but_never_stands_alone(nlp: Language) -> None:
    found = _dates(nlp, "Shots were fired Friday at 11 p.m. and again at 2 a.m.")
    assert found == [("Friday at 11 p.m.", "day", "2025-04-11", "2025-04-11")]


def test_spans_are_tight_and_exact(nlp: Language) -> None:
    text = (
        "In 2019 the mill closed. On Tuesday, workers marched. From 2001 to 2003 it boomed, "
        "and during the 1980s it struggled. The mayor spoke in early 2024, and at the end of "
        "2023 the council met on Jan. 9. A report from 2022 was cited. "
    ) * 5
    found = find_dates(nlp(text), PUBLISHED)
    assert len(found) == 40
    for item in found:
        assert isinstance(item, TimeExpression)
        assert text[item.start : item.end] == item.text
        assert item.text == item.text.strip()
        assert not item.text.lower().startswith(("in ", "on ", "during ", "at "))
        assert not item.text.lower().startswith("from ") or item.precision == "range"
    assert [t.start for t in found] == sorted(t.start for t in found)
    assert all(a.end <= b.start for a, b in itertools.pairwise(found))
    assert [t.text for t in found[:8]] == [
        "2019",
        "Tuesday",
        "From 2001 to 2003",
        "the 1980s",
        "early 2024",
        "the end of 2023",
        "Jan. 9",
        "2022",
    ]


def test_year_range_when_the_model_tags_only_its_first_year() -> None:
    from dossier.analyze.nlp import load_model
    from dossier.config import DEFAULT_MODEL

    doc = load_model(DEFAULT_MODEL)(
        "From 1999 to 2009, patrol aircraft flew out of a coastal air base."
    )
    [found] = [d for d in find_dates(doc, None) if "1999" in d.text]
    assert (found.text, found.precision) == ("From 1999 to 2009", "range")
    assert (found.start_date, found.end_date) == ("1999-01-01", "2009-12-31")
